"""The words inside one line: cleaning Markdown with an offset map, time boxes, attributes,
labels, notes and sentences.

Block structure comes from the Lark grammar (grammar/guide.lark); this module reads what a
line says. Everything works on a ``Clean`` value: the text a reader sees plus a map from each
of its characters back to a source offset, so that every finding keeps an exact span.
"""

from __future__ import annotations

import bisect
import re
from operator import attrgetter

from guidelint.pattern_cache import LazyPattern
from guidelint.records import Compared


# ---- cleaning -------------------------------------------------------------------------------

_INLINE = re.compile(
    r"(?P<esc>\\(?=[!-/:-@\[-`{-~]))"  # a backslash escaping punctuation: drop it
    r"|(?P<brk>\\(?=\r\n|\r|\n|$))"  # a hard line break: white space
    # Neither a tag nor a link may contain the character that opens another: an unclosed
    # "<a <a <a" or "[a]([a]([a](" then costs one step per opener instead of a scan to the end
    # of the line for each (quadratic). A destination may hold balanced parentheses.
    r"|(?P<tag></?[A-Za-z][^<>\n]*>)"  # inline HTML such as <br/> or <span>: a space
    r"|(?P<link>\[(?P<linktext>[^\[\]\n]*+)\]\((?:[^()\n]++|\([^()\n]*+\))*+\))"  # [text](url): keep text
    r"|(?P<blank>_{3,})"  # a fill-in blank, not emphasis
    r"|(?P<stars>\*{1,3})"  # emphasis with asterisks
    r"|(?P<under>(?<![A-Za-z0-9])__?(?!_)|(?<!_)__?(?![A-Za-z0-9_]))"  # _emphasis_
    r"|(?P<code>`+)"
    # white space that folds to one space; a single space between words is left in the run of
    # words around it (folding it would cost a piece of the map for every word)
    r"|(?P<ws>(?! \S)\s+)"
)


class Clean(Compared):
    """Reader-visible text with a map back to source offsets."""

    __slots__ = ("text", "_clean_starts", "_source_starts", "source_end")
    __match_args__ = ("text", "_clean_starts", "_source_starts", "source_end")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    text: str
    _clean_starts: list[int]
    _source_starts: list[int]
    source_end: int

    def __init__(self, text: str, _clean_starts: list[int], _source_starts: list[int], source_end: int) -> None:
        self.text = text
        self._clean_starts = _clean_starts
        self._source_starts = _source_starts
        self.source_end = source_end

    def offset(self, index: int) -> int:
        """Source offset of ``text[index]`` (``len(text)`` maps to the source end)."""
        if index >= len(self.text):
            return self.source_end
        k = bisect.bisect_right(self._clean_starts, index) - 1
        if k < 0:
            return self._source_starts[0] if self._source_starts else self.source_end
        return self._source_starts[k] + (index - self._clean_starts[k])

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering ``text[start:end]``."""
        if end <= start:
            s = self.offset(start)
            return s, s
        clean_starts = self._clean_starts
        if len(clean_starts) == 1 and clean_starts[0] <= start and end <= len(self.text):
            # one run of source (most lines: plain words), so both ends map by one shift
            shift = self._source_starts[0] - clean_starts[0]
            return start + shift, end + shift
        return self.offset(start), self.offset(end - 1) + 1

    def slice(self, start: int, end: int) -> Clean:
        starts: list[int] = []
        sources: list[int] = []
        for i in (start,):
            starts.append(0)
            sources.append(self.offset(i))
        k = bisect.bisect_right(self._clean_starts, start)
        while k < len(self._clean_starts) and self._clean_starts[k] < end:
            starts.append(self._clean_starts[k] - start)
            sources.append(self._source_starts[k])
            k += 1
        return Clean(self.text[start:end], starts, sources, self.source_range(start, end)[1])

    def strip(self) -> Clean:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        if left == 0 and right == len(self.text):
            return self
        return self.slice(left, max(left, right))


_MARKUP = re.compile(r"[\\<\[*_`]|\s\s|[\t\r\n\f\v]")
# On ASCII text without two spaces in a row, none of these characters means no match for _MARKUP
# either: its white space is these characters and the space. They are looked for by deleting them
# from the text's bytes (bytes.translate, one table look-up a character: 0.2 µs a line, where re's
# scan for the same class took 0.3-0.6 µs), and the two spaces by a substring test.
_MAYBE_MARKUP_ASCII = b"\\<[*_`\t\n\r\f\v\x1c\x1d\x1e\x1f"


def clean(raw: str, base: int) -> Clean:
    """Remove inline Markdown from ``raw`` (found at source offset ``base``); fold spaces."""
    if (raw.isascii() and "  " not in raw and len(raw.encode().translate(None, _MAYBE_MARKUP_ASCII)) == len(raw)) \
            or not _MARKUP.search(raw):  # plain words
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        return Clean(text, [0], [base + lead], base + lead + len(text))
    out: list[str] = []
    starts: list[int] = []
    sources: list[int] = []
    length = 0
    pos = 0
    last_space = True  # drops leading white space
    # (the pieces are added inline, not by a helper: a call per piece was most of the cost)
    for m in _INLINE.finditer(raw):
        start = m.start()
        if start > pos:
            if last_space and raw[pos] == " ":  # a single space after folded white space
                pos += 1
            if start > pos:
                starts.append(length)
                sources.append(base + pos)
                out.append(raw[pos:start])
                length += start - pos
                last_space = raw[start - 1] == " "
        kind = m.lastgroup
        if kind == "link":
            piece = m.group("linktext")
            if piece:
                starts.append(length)
                sources.append(base + m.start("linktext"))
                out.append(piece)
                length += len(piece)
                last_space = piece[-1] == " "
        elif kind in ("ws", "tag", "brk"):
            if not last_space:
                starts.append(length)
                sources.append(base + start)
                out.append(" ")
                length += 1
                last_space = True
        elif kind == "blank":
            starts.append(length)
            sources.append(base + start)
            out.append(m.group())
            length += m.end() - start
            last_space = False
        pos = m.end()
    if pos < len(raw) and last_space and raw[pos] == " ":
        pos += 1
    if pos < len(raw):
        starts.append(length)
        sources.append(base + pos)
        out.append(raw[pos:])
        last_space = raw[-1] == " "
    text = "".join(out)
    result = Clean(text, starts, sources, base + len(raw))
    return result.strip() if text[-1:] == " " else result


# ---- time boxes -----------------------------------------------------------------------------

_NUM = r"\d{1,4}(?:[.,]\d{1,2})?"
# ("( minutes)": the number left out, right after the bracket)
_PLACEHOLDER = r"[Xx]{1,2}|[Nn]|\?{1,3}|TBD|tbd|_{2,}|#|(?:(?<=[(\[])|(?<=[(\[]\s))(?=(?:minutes?|mins?)\b)"
_QTY = (
    rf"(?:[~≈]\s*|about\s+|around\s+|approx(?:imately|\.)?\s+|roughly\s+|ca\.?\s+|c\.\s*|up\s+to\s+"
    # a length the moderator aims at: "(target 8 min)", "(max 10 min)", "(est. 5 min)"
    rf"|(?i:target|aim\s+for|max(?:imum|\.)?|budget|est(?:imated|\.)?)\s*:?\s+)?"
    rf"(?:(?P<lo>{_NUM})(?:\s*(?:-|–|—|to)\s*(?P<hi>{_NUM}))?|(?P<ph>{_PLACEHOLDER}))"
)
# (in any case: "(5 Minutes)", "(10 MIN)" are boxes as their authors meant them)
# (and seconds, as a street intercept times its steps: "Approach (30 sec)")
_UNIT = r"(?P<unit>(?i:minutes?|mins?\.?|mns?|m|hours?|hrs?\.?|h|seconds?|secs?\.?)|['’′])"
_CORE = rf"{_QTY}\s*{_UNIT}(?:\s+(?:approx\.?|or\s+so|max\.?|slot|block|window|total))?"
# At the end of a heading: "(5 min)", "[10 min]", "- 5 minutes", "– 5 minutes", "Pt 1- 5 minutes".
TIMEBOX = re.compile(
    rf"(?:(?P<open>[(\[])\s*|(?:\s+|(?<=\S))[-–—:|]\s*|\s*[⏱⏲⌛⏳⏰🕐-🕧]\ufe0f?\s*|\s*(?:…+|\.{{3,}})[\s.…]*){_CORE}"
    r"(?(open)\s*[)\]]|(?![\w'’′]))"
    r"[\s*_]*$"
)
# The last character before the trailing [\s*_]* of a box that has no bracket: its unit's ("m",
# "min.", "hours", "5'", in any case, "ſ" folding as "s"), or that of "approx.", "or so", "max.".
# A heading or line that ends otherwise ("?", ":", a digit, most letters) holds no such box.
_UNIT_ENDS = frozenset("esnmrhcESNMRHCſ.'’′xo")


def _last_character(text: str) -> str:
    r"""The last character of ``text`` before the white space, "*" and "_" after it (the boxes'
    patterns end in ``[\s*_]*$``; rstrip's white space is ``\s``'s); "" when there is none."""
    tail = text.rstrip()
    while tail[-1:] in ("*", "_"):
        tail = tail.rstrip("*_").rstrip()
    return tail[-1:]


def search_timebox(text: str, last: str | None = None) -> re.Match[str] | None:
    """``TIMEBOX.search(text)``, with cheap first tests (``last``: ``_last_character(text)``). The
    pattern may start at any character, so re tries it at each; but a box in brackets is the text's
    last bracket (a box holds none), and a box without ends in its unit's letter."""
    if last is None:
        last = _last_character(text)
    if last == ")" or last == "]":
        opened = max(text.rfind("("), text.rfind("["))
        return TIMEBOX.search(text, opened) if opened >= 0 else None
    if last not in _UNIT_ENDS:
        return None
    # a box without brackets opens with white space before its one separator (a dash, colon, bar,
    # clock or dots): no match starts before the white space ahead of the text's first separator
    first = _BOX_SEPARATOR.search(text)
    if first is None:
        return None
    start = first.start()
    while start and text[start - 1].isspace():
        start -= 1
    return TIMEBOX.search(text, start)


_BOX_SEPARATOR = re.compile(r"[-–—:|⏱⏲⌛⏳⏰🕐-🕧….]")
# what may stand between a bare box's first white space and its number: white space, "about", "~"
_BEFORE_BARE_NUMBER = frozenset("aboutABOUT~")
_DIGIT = re.compile(r"\d")


def _search_bare_box(text: str) -> re.Match[str] | None:
    """``_BARE_BOX.search(text)`` from where it can first match: the white space, "about" or "~"
    ahead of the text's first digit (every bare box's number holds one)."""
    digit = _DIGIT.search(text)
    if digit is None:
        return None
    start = digit.start()
    while start and (text[start - 1].isspace() or text[start - 1] in _BEFORE_BARE_NUMBER):
        start -= 1
    return _BARE_BOX.search(text, start)


# Something in the time-box position that is not one: "(5 minuets)", "- five minutes".
_ALMOST_BOX = re.compile(
    r"(?:[(\[]\s*(?P<a>[^()\[\]]{0,12}?\b(?:mi?n\w*|mn\w*|minu\w*|hour\w*|hr\w*)\b[^()\[\]]{0,6})\s*[)\]]"
    r"|\s[-–—]\s*(?P<b>(?:\w+\s+)?(?:mi?nu?\w*|mn\w*|hours?)))[\s*_]*$",
    re.IGNORECASE,
)


# A bare box after the title, with no bracket or dash: "## Pricing 10 minutes". Only whole unit
# words, and not after a word that makes the length part of the title ("The first 5 minutes").
_BARE_BOX = re.compile(
    rf"(?<=\S)(?P<sep>[ \t]+)(?:about\s+|~\s*)?(?P<lo>{_NUM})(?:(?:(?P<dash>[ \t]*(?:-|–|—)[ \t]*)|\s+to\s+)(?P<hi>{_NUM}))?"
    r"\s*(?P<unit>minutes?|mins?\.?|hours?|hrs?\.?)[\s*_]*$",
    re.IGNORECASE,
)
# "Task 3 - 10 minutes" numbers the task and boxes it; "Pricing 5 - 10 minutes" is a range
_NUMBERED_TITLE = LazyPattern(
    r"\b(?:section|part|pt|no|task|step|phase|stage|module|round|question|scenario|activity|exercise|prompt|topic|block"
    r"|concept|prototype|version|day|week|session)\W*$|#\s*$",
    re.IGNORECASE,
)
_LENGTH_IN_TITLE = LazyPattern(
    r"\b(?:first|last|final|next|the|these|those|in|for|of|about|than|under|over|every|each|within|takes?"
    r"|around|top|per|after|before|until|only|extra|another|spare)\W*$",
    re.IGNORECASE,
)


class BoxMatch(Compared):
    """A time box found in a heading or line, and where it sits."""

    __slots__ = ("start", "box_start", "end", "low", "high", "placeholder", "problem", "normalised")
    __match_args__ = ("start", "box_start", "end", "low", "high", "placeholder", "problem", "normalised")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    start: int  # index in the searched text where the box (with its separator) starts
    box_start: int  # where the box itself starts (after the separator)
    end: int
    low: float | None
    high: float | None
    placeholder: bool
    problem: str | None
    #: what the box should read, when it can be normalised mechanically
    normalised: str | None

    def __init__(self, start: int, box_start: int, end: int, low: float | None, high: float | None, placeholder: bool,
                 problem: str | None, normalised: str | None = None) -> None:
        self.start = start
        self.box_start = box_start
        self.end = end
        self.low = low
        self.high = high
        self.placeholder = placeholder
        self.problem = problem
        self.normalised = normalised


def _minutes(number: str, unit: str) -> float:
    value = float(number.replace(",", "."))
    unit = unit.lower()
    return value * 60 if unit.startswith("h") else value / 60 if unit.startswith("s") else value


# A clock range in front of the title, as run sheets time a session: "00:10–00:20 About you".
_CLOCK_RANGE = re.compile(
    r"^[ \t*_]*(?P<h1>\d{1,2})[:.](?P<m1>[0-5]\d)[ \t]*(?:-|–|—|to)[ \t]*(?P<h2>\d{1,2})[:.](?P<m2>[0-5]\d)(?!\d|:\d)"
    r"[ \t*_]*(?:[-–—:|.][ \t]*)?(?=\S)"
)

# ... or after it, with colons only ("Changes in version 2.10 - 2.12" is no box): "About you (00:10–00:20)"
_CLOCK_RANGE_AFTER = LazyPattern(
    r"(?<=\S)(?:[ \t]*[(\[][ \t]*|[ \t]+(?:[-–—|:][ \t]*)?)(?P<h1>\d{1,2}):(?P<m1>[0-5]\d)[ \t]*(?:-|–|—|to)[ \t]*"
    r"(?P<h2>\d{1,2}):(?P<m2>[0-5]\d)(?:[ \t]*[)\]])?[\s*_]*$"
)


# ... or opening a bracket of notes at the end: "The concepts (0:12–0:35, about 7 minutes each)"
_CLOCK_RANGE_NOTED = re.compile(
    r"(?<=\S)[ \t]*[(\[][ \t]*(?P<h1>\d{1,2}):(?P<m1>[0-5]\d)[ \t]*(?:-|–|—|to)[ \t]*(?P<h2>\d{1,2}):(?P<m2>[0-5]\d)"
    r"[ \t]*[,;][^()\[\]]*[)\]][\s*_]*$"
)


# every clock range after the title holds one ("Intro: who we are" holds none); a pattern that
# starts with a class of characters is searched by re's own scan for it
_CLOCK_TIME = re.compile(r"\d:[0-5]\d")


def _clock_range(title: str) -> BoxMatch | None:
    # (a clock range after the title holds ":"; most titles have none)
    m = _CLOCK_RANGE.match(title) or (
        (_CLOCK_RANGE_AFTER.search(title) or _CLOCK_RANGE_NOTED.search(title)) if _CLOCK_TIME.search(title) else None)
    if m is None:
        return None
    minutes = int(m.group("h2")) * 60 + int(m.group("m2")) - int(m.group("h1")) * 60 - int(m.group("m1"))
    if minutes <= 0:
        minutes += 12 * 60  # "12:50-1:05" on a twelve-hour clock
    elif minutes > 120 and minutes % 60 == 0 and (int(m.group("h2")) <= 10 or minutes > 240):
        # minutes and seconds into the call: "03:00–08:00" is five minutes ("09:00–12:00" is a
        # morning), as is "08:00–18:00" ten, which as hours is longer than any session part
        minutes //= 60
    if not 0 < minutes <= 240:
        return None
    if m.start() == 0:
        return BoxMatch(0, m.start("h1"), m.end("m2"), float(minutes), float(minutes), False, None)
    end = len(title.rstrip(" \t*_"))
    opened = title[m.start():m.start("h1")].strip()
    bracket = 1 if opened and opened[-1] in "([" else 0
    return BoxMatch(m.start(), m.start("h1") - bracket, end, float(minutes), float(minutes), False, None)


# The last part of a bracketed note after the title: "(instead of sections 3 and 4, 40 min)"
_BOX_AFTER_A_COMMA = LazyPattern(rf",\s*(?P<box>{_CORE})\s*(?=\)[\s*_]*$)")
# A box with a note after it in its bracket: "(4 min, includes warm-up)", "(5 min incl. consent)"
_BOX_BEFORE_A_NOTE = LazyPattern(rf"\(\s*(?P<box>{_CORE})\s*(?:[,;:]|\s+[-–—+]\s+|\s+(?:incl\.?|including|includes"
                                 rf"|inc\.|plus))[^()]{{0,60}}\)[\s*_]*$")
# A box in front of the title, as terse notes write it: "[5'] context", "(10 min) Warm-up"
_LEADING_BOX = re.compile(rf"[ \t*_]*(?:(?P<open>[(\[])|[⏱⏲⌛⏳⏰]\ufe0f?)[ \t]*{_CORE}(?(open)\s*[)\]])"
                          r"(?=[ \t*_]+[^\W\d_])")


_PER_REPEAT = LazyPattern(r"(?:about\s+|~\s*)?\d{1,3}\s*(?:-|–|to)?\s*\d{0,3}\s*(?:min|mins|minutes?|m)\.?\s+(?:each"
                          r"|per\s+[\w-]+|a\s+(?:round|prototype|concept|task|group|person|block))",
                          re.IGNORECASE)


# a part's name in capitals and its minutes as a bare number, as a run sheet writes them under a
# running order: "INTRO (5)", "TASK 1: START A TRANSFER (10)", "CLOSE (2)"
_CAPS_NAME_MINUTES = re.compile(r"^[*_ \t]*(?=[^a-z()]*[A-Z]{3})[A-Z0-9][^a-z()\[\]]{1,60}?(?P<sep>[ \t]*)"
                                r"(?P<box>\((?P<n>[1-9]\d?|1[0-7]\d)\))[*_ \t]*$")


_DASHED_BOX_END = re.compile(r"\s[-–—]\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s*(?:minutes?|mins?\.?|hours?|hrs?\.?)$",
                             re.IGNORECASE)


def bare_minutes_box(line: str) -> bool:
    """Whether ``line`` is a name in capitals with its minutes as a bare number: "CLOSE (2)"."""
    return _CAPS_NAME_MINUTES.match(line) is not None


def find_timebox(title: str) -> BoxMatch | None:
    """A time box at the end of a heading's text (or a clock range or a bracketed box in front of
    it), or a malformed one (``problem`` set)."""
    clock = _clock_range(title)
    if clock is not None:
        return clock
    bare = _CAPS_NAME_MINUTES.match(title) if title.rstrip(" \t*_").endswith(")") else None
    if bare is not None:
        minutes = float(bare.group("n"))
        return BoxMatch(bare.start("sep"), bare.start("box"), bare.end("box"), minutes, minutes, False, None)
    if title.rstrip(" \t*_").endswith(")") and "," in title:
        tail = _BOX_AFTER_A_COMMA.search(title)  # "(instead of sections 3 and 4, 40 min)"
        if tail is not None and tail.group("lo") is not None:
            unit = tail.group("unit")
            lo = _minutes(tail.group("lo"), unit)
            hi = _minutes(tail.group("hi"), unit) if tail.group("hi") else lo
            if 0 < lo <= hi:
                return BoxMatch(tail.start(), tail.start("box"), tail.end("box"), lo, hi, False, None)
    if title.rstrip(" \t*_").endswith(")") and ("," in title or ";" in title or ":" in title or "inc" in title
                                                or "plus" in title or " - " in title or " – " in title or " + " in title
                                                or " — " in title):
        noted = _BOX_BEFORE_A_NOTE.search(title)  # "(4 min, includes warm-up)"
        if noted is not None and noted.group("lo") is not None and title[: noted.start()].strip(" \t*_"):
            unit = noted.group("unit")
            lo = _minutes(noted.group("lo"), unit)
            hi = _minutes(noted.group("hi"), unit) if noted.group("hi") else lo
            if 0 < lo <= hi:  # the note stays in the title: "Welcome and consent (includes warm-up)"
                after = noted.end("box")
                while after < len(title) and title[after] in ",;:-–—+ \t":
                    after += 1
                return BoxMatch(noted.start("box"), noted.start("box"), after, lo, hi, False, None)
    if title[:1] in "([ \t*_⏱⏲⌛⏳⏰":  # "[5'] context", "⏱ 3' Hello": a box in front
        lead = _LEADING_BOX.match(title)
        if lead is not None and lead.group("lo") is not None:
            unit = lead.group("unit")
            lo = _minutes(lead.group("lo"), unit)
            hi = _minutes(lead.group("hi"), unit) if lead.group("hi") else lo
            if 0 < lo <= hi:
                return BoxMatch(0, title.index(lead.group().strip(" \t*_")[0]), lead.end(), lo, hi, False, None)
    last = _last_character(title)
    # searched once for both readings below; a bare box ends in its unit, never in a bracket
    bare_m = _search_bare_box(title) if last in _UNIT_ENDS else None
    bare_range = _bare_box(title, bare_m, ranges_only=True)  # "Pricing 5-10 min" is not "Pricing 5" for 10
    if bare_range is not None:
        return bare_range
    m = search_timebox(title, last)
    if m:
        box_start = m.start()
        while box_start < len(title) and title[box_start] in " \t-–—:|":
            box_start += 1
        if not title[: m.start()].strip(" \t-–—:|*_"):
            return None  # "10 minutes" alone, or "5 minutes before end": a title
        end = m.end()
        while end > m.start() and title[end - 1] in " \t*_":
            end -= 1
        if m.group("ph") is not None:
            return BoxMatch(m.start(), box_start, end, None, None, True,
                            f'The time box "{title[box_start:end]}" is a placeholder; write the minutes it takes, '
                            "e.g. (10 min).")
        unit = m.group("unit")
        lo = _minutes(m.group("lo"), unit)
        hi = _minutes(m.group("hi"), unit) if m.group("hi") else lo
        problem = None
        normalised = None
        if hi < lo:
            problem = f'The time box "{title[box_start:end]}" runs backwards; write it as ({format_minutes(hi, lo)}).'
            lo, hi = hi, lo
            normalised = f"({format_minutes(lo, hi)})"
        return BoxMatch(m.start(), box_start, end, lo, hi, False, problem, normalised)
    bare = _bare_box(title, bare_m)
    if bare is not None:
        return bare
    cut = max(title.rfind(" · "), title.rfind(" | "), title.rfind(" – "), title.rfind(" — "), title.rfind(" - "),
              title.rfind(" ← "), title.rfind(" <- "))  # "last job walk-thru (~10 min) ← the main bit"
    # "Round the table (5 min) · order: P3, P1, P2", "Diary entries [14 min] – branch on count": a note
    # after the box (not a dash inside a bracket: "(30 seconds to 2 minutes — keep them short)")
    if cut > 0 and title.count("(", 0, cut) == title.count(")", 0, cut) and title.count("[", 0, cut) == title.count("]", 0, cut):
        before = find_timebox(title[:cut])
        if before is not None and before.problem is None and before.low is not None:
            return before
    if last == ")":  # "About them (5 min) (move this up?)", "Warm-up (5 min) (optional)": a note in brackets after the box
        cut = title.rfind("(")
        ahead = title[:cut].rstrip(" \t*_")
        # (or after a dashed box: "ARRIVAL - 15 min (on the quay as the boat ties up)")
        if cut > 0 and (ahead.endswith((")", "]")) or _DASHED_BOX_END.search(ahead)):
            before = find_timebox(ahead)
            if before is not None and before.problem is None and before.low is not None:
                return before
    # (what _ALMOST_BOX finds ends in a bracket or a word's last letter)
    m = _ALMOST_BOX.search(title) if last == ")" or last == "]" or last.isalnum() else None
    if m and (m.group("a") or m.group("b")) and not title[: m.start()].strip() == "":
        body = (m.group("a") or m.group("b")).strip()
        if re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|fifteen|"
                     r"twenty|thirty|forty|fifty|sixty|[xn])\b", body, re.IGNORECASE):
            start = m.start()
            box_start = start
            while box_start < len(title) and title[box_start] in " \t-–—":
                box_start += 1
            end = len(title.rstrip(" \t*_"))
            numbers = re.findall(r"\d+(?:\.\d+)?", body)
            if _PER_REPEAT.fullmatch(body):
                # "(12 min each)": minutes for each of several rounds, their total not written here;
                # a box still to work out, not a mistyped one
                return BoxMatch(start, box_start, end, None, None, True, None)
            unit_hours = re.search(r"\bh", body, re.IGNORECASE) and not re.search(r"\bm", body, re.IGNORECASE)
            normalised = None
            if 1 <= len(numbers) <= 2:
                values = [_minutes(n, "hour" if unit_hours else "min") for n in numbers]
                normalised = f"({format_minutes(min(values), max(values))})"
            return BoxMatch(start, box_start, end, None, None, False,
                            f'Cannot read the time box "{title[box_start:end]}"; '
                            f"write it as {normalised or '(5 min) or (5-10 min)'}.", normalised)
    return None


def _bare_box(title: str, m: re.Match[str] | None, *, ranges_only: bool = False) -> BoxMatch | None:
    """"## Pricing 10 minutes": a length after the title with nothing around it (``m``: _BARE_BOX's
    search of ``title``)."""
    if m is None or (ranges_only and not m.group("hi")):
        return None
    ahead = title[: m.start()]
    if not ahead.strip(" \t*_"):
        return None
    # ("Retire before 10 minutes" holds a length in the title; "The before · 10 min" sets it apart)
    if _LENGTH_IN_TITLE.search(ahead) and not ahead.rstrip(" \t*_").endswith(("·", "|", "•")):
        return None
    unit = m.group("unit")
    lo = _minutes(m.group("lo"), unit)
    hi = _minutes(m.group("hi"), unit) if m.group("hi") else lo
    dash = m.group("dash") or ""
    spaced_after = dash != dash.rstrip()
    if spaced_after and (dash == dash.lstrip() or hi <= lo or _NUMBERED_TITLE.search(title[: m.start()])):
        # "Task 3 - 10 minutes", "Retire Pt 1- 5 minutes": a number in the title, then a dashed box
        return None
    end = m.end()
    while end > m.start() and title[end - 1] in " \t*_":
        end -= 1
    box_start = m.start() + len(m.group("sep"))
    if hi < lo:
        return BoxMatch(m.start(), box_start, end, hi, lo, False,
                        f'The time box "{title[box_start:end]}" runs backwards; write it as ({format_minutes(hi, lo)}).',
                        f"({format_minutes(hi, lo)})")
    return BoxMatch(m.start(), box_start, end, lo, hi, False, None)


def format_minutes(low: float | None, high: float | None) -> str:
    def num(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else f"{x:g}"

    if low is None:
        return "? min"
    if high is None or high == low:
        return f"{num(low)} min"
    return f"{num(low)}-{num(high)} min"


# ---- attributes -----------------------------------------------------------------------------

# A trailing {key=value ...}; "{agency}" without '=' is a placeholder and stays text.
ATTRIBUTE_BLOCK = re.compile(r"\{(?P<body>[^{}\n]*=[^{}\n]*)\}[\s*_]*$")
_PAIR = re.compile(r"\s*(?P<key>[A-Za-z_][\w-]*)\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"']+)\s*")


def parse_attribute_body(body: str) -> list[tuple[str, str, int, int]] | None:
    """Pairs (key, value, start, end) in ``body``, or None when it is malformed."""
    pairs = []
    pos = 0
    body_len = len(body.rstrip())
    while pos < body_len:
        m = _PAIR.match(body, pos)
        if not m:
            return None
        value = m.group("value")
        if value[:1] in "\"'":
            value = value[1:-1]
        pairs.append((m.group("key"), value, m.start("key"), m.end("value")))
        pos = m.end()
        if pos < body_len and body[pos] == ",":
            pos += 1
    return pairs


# ---- labels, notes and sentences -------------------------------------------------------------

LABEL = re.compile(
    r"^(?P<label>question|q|prompt|task|probe|follow[- ]?up|note|say|ask|interviewer|moderator|facilitator|observer"
    r"|listen for|watch for|look for|look out for|success|success criteria|tip)\s*(?:\d+\s*)?[:：]\s*",
    re.IGNORECASE,
)
# A role prefix of a run-sheet script: "MOD:", "MOD probe:", "MOD assist (stuck 2+ min):", "NT:",
# "MOD (before the call):", "MOD + NT (after the call):"
SPEAKER_PREFIX = re.compile(
    r"^(?P<who>mod|moderator|facilitator|interviewer|nt|note[- ]?taker|observers?)(?:\s*[+&/]\s*(?:mod|nt|observers?|note[- ]?taker))*"
    # each run of blanks is followed by a word, a bracket or the colon: no two can share the blanks
    r"[ \t]*(?:(?P<kind>probe|assist|follow[- ]?up|prompt)\b[ \t]*)?(?:\((?P<when>[^()\n]{0,60})\)[ \t]*)?[:：]\s*",
    re.IGNORECASE,
)
# "After P leaves:", "Before the session:" in front of a line: the team's step, not said to them
OFF_AIR_LABEL = re.compile(
    r"^(?:after|before)\s+(?:the\s+)?(?:p\d{0,3}|participants?|session|call|interview)\b[^:,?\n]{0,20}:\s*(?![^?]*\byou)",
    re.IGNORECASE)
# "(before the call)", "(after the session)", "(prep)": what the moderator does, not what is said
OFF_AIR = LazyPattern(r"\b(?:(?:before|after)\s+(?:the\s+)?(?:call|session|interview|meeting)|prep(?:aration)?|set[- ]?up"
                      r"|reminder|internal|not\s+(?:read|said)|debrief)\b", re.IGNORECASE)


def speaker_prefix(text: str) -> tuple[str | None, int] | None:
    """What a run-sheet role prefix makes of its line, as a label of LABEL would ("note", "probe",
    "prompt", or None for words the moderator says), and where the words start."""
    m = SPEAKER_PREFIX.match(text)
    if m is None:
        return None
    who, kind, when = m.group("who").lower(), (m.group("kind") or "").lower(), m.group("when") or ""
    if who.startswith(("nt", "note", "observer")) or (when and OFF_AIR.search(when)):
        return "note", m.end()
    if kind in ("probe", "assist", "follow-up", "followup", "follow up"):
        return "probe", m.end()
    if kind == "prompt":
        return "prompt", m.end()
    return None, m.end()


# What to watch for and what counts as success are the note-taker's, even when they ask "do they…?"
NOTE_LABELS = {"note", "observer", "listen for", "watch for", "look for", "look out for", "success", "success criteria", "tip"}
#: labels of what the note-taker watches for: a question under them to "you" is still asked
WATCH_LABELS = {"watch for", "look for", "look out for", "success", "success criteria"}
# Who speaks, or "say this": what follows is read as any line is (a question, a script line).
SPEAKER_LABELS = {"say", "ask", "interviewer", "moderator", "facilitator"}
QUESTION_LABELS = {"question", "q"}
PROBE_LABELS = {"probe", "follow-up", "followup", "follow up"}
TASK_LABELS = {"prompt", "task"}

# Branch markers in front of what follows: "[if participant is unsure]", "(If so)", "(YES)",
# "If yes:", "If NO and recording OK:". What follows opens up the question above.
BRANCH = re.compile(
    r"^\[\s*if\b[^\]\n]{0,120}\]\s*[:.]?\s*"
    r"|^\(\s*if\b[^)\n]{0,120}\)\s*[:.]?\s*"
    r"|^[\[(]\s*(?:yes|no|options?)\s*[\])]\s*[:.]?\s*"
    r"|^if\s+(?:yes|no|so|not|needed|applicable|relevant)\b[^:?\n]{0,60}[:,]\s*",
    re.IGNORECASE,
)
#: every character BRANCH's match can start with (re's IGNORECASE folds "İ" and "ı" to "i"): a
#: text starting with another needs no match
BRANCH_FIRST = "[(iIİı"
# A branch on the answer to the question above ("If yes:", "(NO)", "(If so)"), as opposed to a
# condition on the situation ("[If on mobile:]"), which starts a question of its own.
ANSWER_BRANCH = re.compile(r"^[\[(]?\s*(?:if\s+(?:yes|no|so|not)\b|(?:yes|no)\s*[\])])", re.IGNORECASE)
# Task instructions: what the participant is asked to do, not to answer.
TASK_VERB = LazyPattern(
    r"^(?:now\s*,?\s*|ok(?:ay)?\s*,?\s*|so\s*,?\s*)?(?:please\s+)?(?:show\s+(?:me|us)|find|go\s+(?:to|ahead)|try|use|complete|navigate"
    r"|click|tap|select|open|imagine|pretend|let'?s\s+say|book|search|sign\s+in|log\s+in|start)\b",
    re.IGNORECASE,
)
# A line inside a paragraph that starts a branch ("    If Yes: Thank you!") starts a new block.
BRANCH_LINE = re.compile(r"^\s*(?:_?\\?\[)?\s*if\s+(?:yes|no|so|not)\b", re.IGNORECASE)

REQUEST = re.compile(
    r"^(?:(?:and|so|now|ok(?:ay)?|next|finally|first|then|lastly)[,\s]+)?(?:please[,\s]+)?"
    r"(?:tell\s+(?:me|us)|describe|walk\s+(?:me|us)\s+through|talk\s+(?:me|us)\s+(?:through|about)"
    r"|take\s+(?:me|us)\s+through|explain|share\s+(?:with\s+(?:me|us)\s+)?(?:a|an|the|your|how|what|why|more|some|any)"
    r"|give\s+(?:me|us)\s+(?:an?\s+)?example|say\s+more|talk\s+about"
    r"|help\s+(?:me|us)\s+understand|show\s+(?:me|us)\s+how|list)\b",
    re.IGNORECASE,
)

_ABBREVIATIONS = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|St|approx|incl|No|cf|al)\.|\b[A-Z]\.)$")
_LONGEST_ABBREVIATION = 16  # "approx." and a character before it, with room to spare
_SENTENCE_END = re.compile(r"[?!.…]+[\"'”’)\]]*(?=\s|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``."""
    if "." in text or "!" in text or "…" in text or text.find("?") not in (-1, len(text) - 1):
        return _split(text)
    # no sentence ends before the text does (most questions): the whole text is one sentence,
    # without the white space around it (strip's white space is isspace's, as _add_trimmed's)
    end = len(text.rstrip())
    start = len(text) - len(text.lstrip())
    return [(start, end)] if end > start else []


def _split(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        # only the last few characters can end in an abbreviation; searching everything since
        # the sentence began again at every "e.g." is quadratic
        if text[m.start()] == "." and _ABBREVIATIONS.search(text, max(start, end - _LONGEST_ABBREVIATION), end):
            continue
        _add_trimmed(out, text, start, end)
        start = end
    _add_trimmed(out, text, start, len(text))
    return out


def _add_trimmed(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """``text[start:end]`` without the spaces around it, unless it is only spaces."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def is_question_sentence(sentence: str) -> bool:
    s = sentence.rstrip("\"'”’)] ")
    if s.endswith("?"):
        return True
    return bool(REQUEST.match(sentence.lstrip("(\"'“ ")))


# Parenthetical interviewer cues inside a question: "(probe)", "(get as specific as possible)".
PARENTHETICAL = re.compile(r"\((?P<body>[^()]{1,300})\)")
_STAGE_WORDS = re.compile(
    r"^(?:probe|prompt|if\s|wait|pause|show\s|share\s|note|ask|listen|get\s|optional|skip|read\s|"
    r"only|hand|start|stop|give|let|do not|don't|mention|follow|circle back|time)",
    re.IGNORECASE,
)


# A bracket note inside an item: "[Yes/no? Confirm on the recording]"; "[SYSTEM]" is a placeholder.
BRACKET_NOTE = re.compile(r"\[(?P<body>[^\[\]\n]{1,300})\](?!\()")


def is_bracket_note_body(body: str, *, at_end: bool, at_start: bool = False) -> bool:
    if "?" in body or ":" in body:
        return True
    return (at_end or at_start) and len(body.split()) >= 3


def is_stage_direction(body: str) -> bool:
    return bool(_STAGE_WORDS.match(body.strip()))


# Observer and logistics sections hold no participant questions.
# Observer sections: their items are checks for the note-taker, with or without a "?".
OBSERVER_SECTION = re.compile(
    r"\b(?:things?\s+to\s+(?:watch|look|listen)\s+(?:for|out)|observers?|note[- ]?tak\w*|listen\s+for)\b",
    re.IGNORECASE,
)

TASK_HEADING = re.compile(
    r"^(?:task\s*#?\s*\d+|task\s*[:\-–—]|(?:first|second|third|fourth|fifth|sixth|seventh|eighth"
    r"|ninth|tenth|final|last|next|bonus|warm[- ]?up|practice)\s+task|scenario\s*#?\s*\d+)\b",
    re.IGNORECASE,
)

# "(Optional)", and the ways guides say a part is asked only when there is time: "(if time)",
# "if time allows", "time permitting", "Bonus:", "stretch task" (not "Bonus and commission", a topic)
OPTIONAL = LazyPattern(
    r"\(\s*optional\s*\)|\boptional\b|\bif\s+(?:there\s+is\s+|there's\s+|we\s+have\s+)?(?:time|enough\s+time)\b"
    r"|\btime\s+permitting\b|\bbonus\s*(?::|(?:question|task|round|section|exercise|activity)s?\b)"
    r"|\bstretch\s+(?:task|question|goal|exercise)s?\b"
    # run in place of other parts: "Assisted digital (instead of sections 3 and 4, 40 min)"
    r"|\b(?:instead\s+of|in\s+place\s+of|replaces?)\s+(?:sections?|parts?|steps?|tasks?)\s+\w",
    re.IGNORECASE)
# Every match of OPTIONAL holds one of these words. On ASCII text, where lower() folds case as the
# pattern's IGNORECASE does, a title without any ("Background", "Wrap-up (5 min)": most) is not
# searched: the search tries its seven alternatives at every position of the title.
_OPTIONAL_WORDS = ("optional", "time", "bonus", "stretch", "instead", "place")


def is_optional(title: str) -> bool:
    """Whether OPTIONAL finds a part said to be asked only when there is time in ``title``."""
    if title.isascii():
        lower = title.lower()
        if not any(map(lower.__contains__, _OPTIONAL_WORDS)):
            return False
    return OPTIONAL.search(title) is not None
