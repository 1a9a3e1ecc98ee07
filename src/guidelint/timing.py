"""Session length and the time plan: shared by the time rules, the editor's outline and review.

Arithmetic follows DESIGN section 2: a range counts as [min, max]; a parent's box stands for
its subsections (theirs are checked against it, never added again); an optional section
counts from 0 to its box; a placeholder box counts as unknown.
"""

from __future__ import annotations

import re
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from guidelint.model import Guide, Node, Note, Question, Section, Span, Text
from guidelint.parser import roles
from guidelint.pattern_cache import LazyPattern
from guidelint.records import NEW, Compared, Frozen

if TYPE_CHECKING:
    from guidelint.config import Settings
    from guidelint.profiles import Profile

_NUMBER = r"\d{1,3}(?:[.,]\d{1,2})?"
_UNIT = r"minutes?|mins?|mintues|hours?|hrs?"
# "45 minutes", "1.5 hours", "45-60 min", "[30-40 mins]" (a bracket the author meant to fill in)
_AMOUNT = (r"(?P<h90>(?:an|one|1)\s+hours?\s+and\s+a\s+half|(?:one|1)\s+and\s+a\s+half\s+hours?)\b"
           rf"|(?P<hm_h>\d)\s*(?:hours?|hrs?|h)\s*(?:and\s+)?(?P<hm_m>\d{{1,2}})\s*(?:minutes?|mins?)\b"
           rf"|\[?\s*(?P<n>{_NUMBER})(?:\s*(?:-|–|—|to)\s*(?P<n2>{_NUMBER}))?\s*\]?\s*(?P<u>{_UNIT})\b"
           rf"|between\s+(?P<b1>{_NUMBER})\s+and\s+(?P<b2>{_NUMBER})\s*(?P<bu>{_UNIT})\b"
           r"|(?P<half>half\s+an\s+hour)\b|(?P<hour>an\s+hour)\b")
_ABOUT = (r"(?:about\s+|around\s+|approximately\s+|approx\.?\s+|roughly\s+|no\s+more\s+than\s+|up\s+to\s+|under\s+"
          r"|only\s+|~\s*)?")
# Said to the participant in the intro: "this takes about 30 minutes", "a 45-minute session".
_STATED = LazyPattern(
    r"\b(?:takes?|last(?:s)?|run(?:s)?|be|is|will\s+take|should\s+take|for|about|around|approximately|roughly|"
    rf"no\s+more\s+than|up\s+to|under|over\s+the\s+next)\s+{_ABOUT}(?:{_AMOUNT})"
    r"|\b(?P<n3>\d{1,3})[- ](?P<u3>minute|hour)\s+(?:session|interview|call|conversation|chat|meeting)\b",
    re.IGNORECASE,
)
# A length in a logistics or intro list: "Length: about 40 minutes", "Session length: 45-60 min".
_LABELLED = LazyPattern(
    r"(?:^|(?<=\s))[\W_]*(?:(?:session|interview|call|study|meeting|conversation)\s+(?:length|duration|time)|length|duration"
    r"|(?:length|duration)\s+of\s+(?:the\s+|each\s+|a\s+)?(?:session|interview|call|conversation)s?"
    r"|time\s+(?:needed|required|commitment|plan))[*_]*\s*[:\-–—|][*_]*\s*" + _ABOUT + f"(?:{_AMOUNT})",
    re.IGNORECASE | re.MULTILINE,
)
# ... or among other details of the set-up: "Format: 1:1 remote, 30 minutes, observers in Slack"
_AMONG_DETAILS = LazyPattern(
    r"(?:^|(?<=\s))[*_]*(?:format|sessions?|set-?up)[*_]*\s*:[*_]*\s*[^\n]{0,40}?,\s*[*_]*" + _ABOUT + f"(?:{_AMOUNT})",
    re.IGNORECASE | re.MULTILINE,
)
# "Groups: 4 x 90 mins", "Sessions: 6 × 45 min": so many sessions of one length
_SO_MANY_OF = LazyPattern(
    r"(?:^|(?<=\s))[*_]*(?:groups?|sessions?|interviews?|calls?|depths?)[*_]*\s*:[*_]*\s*\d{1,3}\s*[x×]\s*"
    + _ABOUT + f"(?:{_AMOUNT})",
    re.IGNORECASE | re.MULTILINE,
)
# the length first after the call's own label: "**Call:** 30 mins on Zoom", "Interview: about 45 minutes",
# "Format: 45 min, Zoom or a meeting room", "Per person: 10 MIN MAX"
_CALL_LABELLED = LazyPattern(
    r"(?:^|(?<=\s))[*_]*(?:call|interview|session|chat|conversation|meeting|format|method"
    r"|(?:call|interview|session|group)\s+(?:block|slot|window)"
    r"|per\s+(?:person|participant|interview|intercept|respondent|visitor))[*_]*\s*:[*_]*\s*" + _ABOUT + f"(?:{_AMOUNT})",
    re.IGNORECASE | re.MULTILINE,
)
# so long for each of the calls: "Calls with people from the waitlist, ~20 min each, on Zoom"
_EACH_OF = LazyPattern(
    r"\b(?:calls?|sessions?|interviews?|chats?|conversations?|groups?|workshops?|visits?)\b[^\n]{0,120}?(?<![\w-])"
    + _ABOUT + f"(?:{_AMOUNT})\\s+each\\b",
    re.IGNORECASE)
# the guide's own subtitle: "Discussion guide, parent groups (x4), 90 minutes"
_GUIDE_SUBTITLE = LazyPattern(
    r"(?:^|(?<=\s))[*_]*(?:discussion|interview|topic|moderator(?:'s)?|conversation|research|session)\s+guide\b"
    r"(?:(?!\bparts?\b)[^\n]){0,60}?,\s*" + _ABOUT + f"(?:{_AMOUNT})" + r"[*_]*\.?[ \t]*$",  # (not one of two sittings)
    re.IGNORECASE | re.MULTILINE)
# a clock set before the length, as a one-page doc writes it: "⏱ **20 min** · Zoom · $50 card"
_CLOCK_LED = LazyPattern(r"^[ \t]*[⏱⏲⌛⏳🕐-🕧]\ufe0f?[ \t]*[*_]*[ \t]*" + _ABOUT + f"(?:{_AMOUNT})", re.MULTILINE)
# terse notes: "fmt: 30' zoom, Otter on"
_TERSE_FORMAT = LazyPattern(r"(?:^|(?<=\s))[*_]*(?:format|fmt)[*_]*\s*:[*_]*\s*(?P<n>\d{1,3})\s*(?P<u>['’′])(?![\w'’′])",
                            re.IGNORECASE | re.MULTILINE)
# In the moderator's notes before the session starts, only a sentence about the session itself
# counts: "This entire session should take no more than 1.5 hours" (not "starts in 15 minutes").
_SESSION_TAKES = LazyPattern(
    r"\b(?:the|this|each|our|your)\s+(?:entire\s+|whole\s+)?(?:session|interview|call|conversation)s?\s+"
    r"(?:will\s+|should\s+|may\s+|might\s+|is\s+going\s+to\s+)?(?:take|last|run)s?\s+" + _ABOUT + f"(?:{_AMOUNT})",
    re.IGNORECASE,
)
# "Each visit is booked with the member as 90 minutes on the farm."
_BOOKED_AS = LazyPattern(
    r"\b(?:the|this|each|every)\s+(?:session|interview|call|conversation|visit|group)\s+is\s+(?:booked|scheduled|planned)\b"
    r"[^.\n]{0,40}?\b(?:as|for)\s+" + _ABOUT + f"(?:{_AMOUNT})",
    re.IGNORECASE,
)
# Headings that name the spoken intro (the words of the generic intro in checks/structure.py): the word
# opens the heading ("Welcome", "1. Introduction") or closes it ("Setup and intro - 10 min", "[FSR intro]").
# Anywhere else, or naming a thing on screen ("Welcome screen", "Task 3: intro video"), it is a topic.
_INTRO_WORD = (r"(?:(?:intro(?:duction)?s?|opening)(?![\w-])(?!\s+questions?\b)|welcome|consent"
               r"|before\s+we\s+(?:start|begin)|housekeeping|ground\s+rules|kick-?off|hello|greeting)(?![\w-])")
_NOT_ON_SCREEN = (r"(?!\s+(?:screens?|pages?|banners?|modals?|e-?mails?|flows?|tours?|videos?|cards?|dialog(?:ue)?s?"
                  r"|pop-?ups?|panels?|wizards?|splash|letters?|packs?|kits?|offers?)\b)")
INTRO_TITLE = LazyPattern(
    r"^[\W_]*(?:(?:section|part|step|phase)\s*[\w.]{0,3}\s*[:.)\-–—]\s*|\d{1,2}[a-z]?\s*[.):\-–—]\s*)?"
    + _INTRO_WORD + _NOT_ON_SCREEN
    + r"|(?<![\w-])" + _INTRO_WORD + r"[\W_]*(?:[-–—:(\[]\s*(?:about\s+|~\s*)?\d[^)\]]*[)\]]?[\W_]*)?$",
    re.IGNORECASE,
)
# A script that opens the session: "Thanks for joining us", "My name is…", "Today we're going to…".
_GREETING = LazyPattern(
    r"\bthanks?\b(?:\s+(?:you|so|very|much|again|all))*\s+for\s+(?:joining|taking|coming|speaking|talking|meeting|being"
    r"|agreeing|making|participating|your\s+time)|\bwelcome\b|\bmy\s+name\s+is\b"
    r"|\b(?:hi|hello|hey)\b,?\s+(?:there,?\s+)?(?:i'?m|i\s+am|this\s+is)\b"
    r"|\b(?:today|in\s+this\s+(?:session|interview|call|conversation)),?\s+(?:we|i)(?:'re|\s+are|'ll|\s+will|'d|\s+would"
    r"|\s+want|'m|\s+am)\b",
    re.IGNORECASE,
)


class SessionLength(Compared):
    """How long the session runs, and where that figure came from."""

    __slots__ = ("minutes", "source", "span", "low", "at_most", "origin")
    __match_args__ = ("minutes", "source", "span", "low", "at_most", "origin")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    #: the longest the session runs: the top of a stated range ("45-60 minutes" is 60)
    minutes: float | None
    #: where the figure came from: "front matter", "config", "the intro (line 12)", "profile default"
    source: str
    span: Span | None
    #: the bottom of a stated range; the same as ``minutes`` when one figure is stated
    low: float | None
    #: the guide gives a ceiling ("no more than 60 minutes"), not a length the plan should fill
    at_most: bool
    #: who set it, for checks to read (``source`` is for people): "command line", "front matter",
    #: "config", "guide" (its intro or notes), "profile" or "unknown"
    origin: str

    def __init__(self, minutes: float | None, source: str, span: Span | None = None, low: float | None = None,
                 at_most: bool = False, origin: str = "unknown") -> None:
        self.minutes = minutes
        self.source = source
        self.span = span
        self.low = low
        self.at_most = at_most
        self.origin = origin
        self.__post_init__()

    def __post_init__(self) -> None:
        if self.low is None or self.minutes is None:
            self.low = self.minutes

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.minutes is not None and self.low < self.minutes

    @property
    def label(self) -> str:
        """"45-60 min" or "60 min"."""
        from guidelint.parser.inline import format_minutes

        return format_minutes(self.low, self.minutes)



def _minutes_of(m: re.Match) -> tuple[float, float]:
    """(low, high) in minutes of a matched amount; one figure gives low == high."""
    groups = m.groupdict()
    if groups.get("h90"):
        return 90.0, 90.0
    if groups.get("hm_h"):
        total = float(groups["hm_h"]) * 60 + float(groups["hm_m"])
        return total, total
    if groups.get("half"):
        return 30.0, 30.0
    if groups.get("hour"):
        return 60.0, 60.0
    if groups.get("n3"):
        n = float(groups["n3"])
        return (n * 60, n * 60) if groups["u3"].lower().startswith("h") else (n, n)
    if groups.get("b1"):
        low, high, unit = groups["b1"], groups["b2"], groups["bu"]
    else:
        low, high, unit = groups["n"], groups.get("n2") or groups["n"], groups["u"]
    scale = 60 if unit.lower().startswith("h") else 1
    low_minutes, high_minutes = (float(x.replace(",", ".")) * scale for x in (low, high))
    return (low_minutes, high_minutes) if low_minutes <= high_minutes else (high_minutes, low_minutes)


def opening_sections(guide: Guide) -> list[Section]:
    """Where the session is introduced, in document order: the preamble and a lone title's own
    lines, the first session section with content, and the sections titled as an intro
    ("Intro", "Welcome", "Before we begin") with their subsections, until the questions start
    (an "Introduction to the prototype" among the tasks is not the session's intro)."""
    title = _lone_title(guide)
    out: list[Section] = []
    first_found = False
    for section in guide.iter_sections():
        if not section.participant_facing or section in out:
            continue
        if section.heading is None or section is title:
            if section.blocks:
                out.append(section)
        elif INTRO_TITLE.search(section.title):
            out += [s for s in section.walk() if s.participant_facing and s not in out]
            first_found = first_found or any(s.blocks for s in section.walk())
        elif not first_found and section.blocks:
            out.append(section)
            first_found = True
        elif section.questions:
            break  # the conversation has begun
    return out


def spoken_intro(guide: Guide) -> Section | None:
    """The section that opens the session with a script: the first session section titled as an
    intro, else the first session section with content (or the preamble) when its script greets
    the participant. None for a question bank that starts with its questions."""
    opening = opening_sections(guide)
    titled = next((s for s in opening if s.heading is not None and INTRO_TITLE.search(s.title)), None)
    if titled is not None:
        return titled
    for section in opening:
        if any(spoken(b) and _GREETING.search(b.text) for b in section.blocks):
            return section
    return None


def _before_the_session(guide: Guide) -> list[Section]:
    """Moderator logistics and material that come before the first session section with content."""
    title = _lone_title(guide)
    out = []
    for section in guide.iter_sections():
        if section.participant_facing:
            if section.heading is not None and section is not title and section.blocks:
                break
            continue
        out.append(section)
    return out


def spoken(block) -> bool:
    """The spoken script: paragraphs, script bullets, quoted script and lines labelled to be said
    ("- say: Thanks – the gift card comes by email"); not moderator notes."""
    return isinstance(block, (Text, Question)) or (isinstance(block, Note) and (
        block.kind == "blockquote" or (block.kind == "label" and _SAY_LABEL.match(block.raw) is not None)))


# the label of a line the interviewer says out loud, as a run sheet writes it
# (or the interviewer named, then the words in quotes: 'INTERVIEWER: "That's everything, thank you."')
_SAY_LABEL = re.compile(r"[ \t]*(?:[-*+•][ \t]+|\d{1,2}[.)][ \t]+)?[*_]{0,2}"
                        r"(?:(?:say|script|read(?:\s+(?:out|aloud))?)[*_]{0,2}\s*:"
                        r"|(?:interviewer|moderator|mod|facilitator|researcher)[*_]{0,2}\s*:[*_]{0,2}\s*[\"“])",
                        re.IGNORECASE)


class StatedLength(Frozen):
    """A session length the guide states; ``low == high`` for one figure."""

    __slots__ = ("low", "high", "span", "place", "at_most")
    __match_args__ = ("low", "high", "span", "place", "at_most")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    low: float
    high: float
    span: Span
    #: which part of the guide says it: "the intro" or "the notes before the session"
    place: str
    #: "no more than 60 minutes", "up to an hour": a ceiling, not a length to fill
    at_most: bool

    def __init__(self, low: float, high: float, span: Span, place: str, at_most: bool = False) -> None:
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "place", place)
        object.__setattr__(self, "at_most", at_most)


# A part of the session timed in the intro: "We'll start with a warm-up for about 5 minutes", "then
# spend 20 minutes on tasks". Its figure is not the session's length.
_PART = re.compile(
    r"\b(?:warm[- ]?up|start\s+(?:off\s+)?with|begin\s+with|first|then|next|after\s+that|break|end\s+with|wrap"
    r"|each|per|tasks?|sections?|activit(?:y|ies)|exercises?)\b",
    re.IGNORECASE,
)


def _is_part(text: str, start: int) -> bool:
    sentence = text[max(text.rfind(".", 0, start), text.rfind("!", 0, start), text.rfind("?", 0, start)) + 1 : start]
    return _PART.search(sentence) is not None


_CEILING = re.compile(r"\b(?:no\s+more\s+than|up\s+to|under|at\s+most|max(?:imum)?)\b", re.IGNORECASE)


# a time slot with its length beside it: "Venue: St Anne's Hall · 10:30–12:00 (90 min)"
_CLOCK_SLOT = LazyPattern(r"\b\d{1,2}[:.]\d{2}\s*(?:-|–|—|to)\s*\d{1,2}[:.]\d{2}\s*\(\s*" + _ABOUT
                          + f"(?:{_AMOUNT})" + r"\s*\)",
                          re.IGNORECASE)
# every way a line of details or notes gives the length, tried in this order
_LENGTH_LINES = (_LABELLED, _AMONG_DETAILS, _SO_MANY_OF, _TERSE_FORMAT, _EACH_OF, _CALL_LABELLED, _GUIDE_SUBTITLE,
                 _CLOCK_LED, _CLOCK_SLOT)


def stated_length(guide: Guide) -> StatedLength | None:
    """A session length the guide states.

    Read from the spoken intro ("this takes about 30 minutes", "45-60 minutes"), from a
    labelled line in an intro or logistics list ("Length: about 40 minutes"), and from the
    moderator's notes before the session when they say how long the session takes.
    """
    candidates: list[tuple[int, Node, bool]] = []
    opening = opening_sections(guide)
    for section in opening:
        candidates += [(b.span.start, b, True) for b in section.blocks]
    for section in _before_the_session(guide):
        candidates += [(b.span.start, b, False) for b in section.blocks]
    # the notes between the intro and the first questions ("2. Shape of a visit: each visit is
    # booked as 90 minutes"), read as the moderator's notes are
    opened = set(map(id, opening))
    for section in guide.iter_sections():
        if section.questions:
            break
        if id(section) not in opened:
            candidates += [(b.span.start, b, False) for b in section.blocks]
    seen: set[int] = set()
    for _, block, in_session in sorted(candidates, key=lambda c: c[0]):
        if id(block) in seen or (isinstance(block, Note) and block.kind == "comment"):
            continue
        seen.add(id(block))
        if block.text.rstrip(" *_").endswith(":") and "\n" not in block.raw.strip():
            continue  # "Daily (7pm, about 2 min):": a label over the prompts below it, timed on its own
        m = next((found for rx in _LENGTH_LINES if (found := rx.search(block.text)) is not None), None)
        if m is None:
            if in_session and spoken(block):
                m = next((x for x in _STATED.finditer(block.text) if not _is_part(block.text, x.start())), None)
            elif not in_session:
                m = _SESSION_TAKES.search(block.text) or _BOOKED_AS.search(block.text)
        if m is not None:
            low, high = _minutes_of(m)
            place = "the intro" if in_session else "the notes before the session"
            return StatedLength(low, high, _where_said(guide, block, m), place, bool(_CEILING.search(m.group(0))))
    return None


def _where_said(guide: Guide, block: Node, found: re.Match[str]):
    """The length's own place in the source: a details paragraph ("**Owner:** … / **Format:** 90
    minutes") spans several lines, and its first line is not where the length is."""
    span = block.span
    if guide.lines is not None and guide.source.count("\n", span.start, span.end):
        raw = found.re.search(guide.source, span.start, span.end)
        if raw is not None:
            return guide.lines.span(raw.start(), raw.end())
    return span


def _lone_title(guide: Guide) -> Section | None:
    """The one top heading every other section sits under ("# Interview guide"), if any."""
    roots = [s for s in guide.sections if s.heading is not None]
    return roots[0] if len(roots) == 1 and roots[0].children else None


# Front-matter keys other teams and tools use for the session's length; ours is "duration".
OTHER_LENGTH_KEYS = ("session_length", "session_duration", "session_minutes", "length", "duration_min",
                     "duration_mins", "duration_minutes", "interview_length", "interview_duration", "time_needed")


# a key another team names the length by: "<what>_length", "<what>_duration" (not one part's length:
# "debrief_length: 45 min (shadowing runs for the whole duty)" times the debrief after a ride-along)
_A_LENGTH_KEY = re.compile(r"(?!(?:debrief|briefing|brief|observation|shadowing|ride|travel|setup|set_up|task|diary|break|prep)_)"
                           r"[a-z]+_(?:length|duration)(?:_(?:mins?|minutes))?")


def _front_matter_length(guide: Guide, key: str) -> SessionLength | None:
    """The session length under one front-matter key: minutes, or a range ("30–40 min")."""
    from guidelint.config import parse_duration, parse_duration_range

    if key not in guide.meta:
        return None
    fm = guide.front_matter
    span = fm.key_spans.get(key) if fm else None
    source = "front matter" if key == "duration" else f"front matter ({key})"
    minutes = parse_duration(guide.meta[key])
    if minutes is not None:
        return SessionLength(minutes, source, span, origin="front matter")
    both = parse_duration_range(guide.meta[key])
    return SessionLength(both[1], source, span, low=both[0], origin="front matter") if both is not None else None


def session_length(guide: Guide, settings: Settings, profile: Profile | None) -> SessionLength:
    if settings.duration and settings.duration_from_command_line:
        return SessionLength(settings.duration, "the command line (--duration)", origin="command line")
    ours = _front_matter_length(guide, "duration")
    if ours is not None:
        return ours
    if settings.duration:
        return SessionLength(settings.duration, f"config ({settings.source or 'command line'})", origin="config")
    for key in OTHER_LENGTH_KEYS:  # another team's front matter: "session_length: 60 minutes"
        theirs = _front_matter_length(guide, key)
        if theirs is not None:
            return theirs
    for key in guide.meta:  # "moderated_length: 45 min", "call_duration: 30"
        if isinstance(key, str) and _A_LENGTH_KEY.fullmatch(key) and key not in OTHER_LENGTH_KEYS:
            theirs = _front_matter_length(guide, key)
            if theirs is not None:
                return theirs
    stated = stated_length(guide)
    if stated is not None:
        return SessionLength(stated.high, f"{stated.place} ({guide.where(stated.span)})", stated.span,
                             low=stated.low, at_most=stated.at_most, origin="guide")
    if profile is not None:
        return SessionLength(profile.default_duration, f"the {profile.name} profile's default", origin="profile")
    return SessionLength(None, "unknown")


class PlanItem(Compared):
    """A section in the session plan: its time box in minutes and the sections under it."""

    __slots__ = ("section", "low", "high", "children")
    __match_args__ = ("section", "low", "high", "children")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    section: Section
    low: float | None
    high: float | None
    children: list[PlanItem]

    def __init__(self, section: Section, low: float | None, high: float | None, children: list[PlanItem] = NEW) -> None:
        self.section = section
        self.low = low
        self.high = high
        self.children = [] if children is NEW else children

    @property
    def boxed(self) -> bool:
        return self.section.timebox is not None


# "Coffee break", "Short break (optional)": as long as it needs to be, with nothing to ask
BREAK_TITLE = re.compile(r"(?:a\s+)?(?:short\s+|quick\s+|comfort\s+|coffee\s+|tea\s+|screen\s+)?break(?:\s+\(optional\))?",
                         re.IGNORECASE)


# "Finding the chat (if needed)", "Backup plan", "Troubleshooting", "General probes": help kept
# ready for the sessions or moments that need it, as long as it takes there
AS_NEEDED_TITLE = LazyPattern(
    r"\b(?:if|as|when|where)\s+(?:needed|necessary|required)\b|\bback[- ]?up\b|\bfall[- ]?back\b|\btroubleshoot\w*"
    # probes kept to hand for any question ("Probes you can use anywhere", "General probes")
    r"|\bprobes?\s+(?:you\s+can\s+use|to\s+use|for\s+use)\b|\b(?:general|universal|generic|useful|neutral|handy)\s+probes\b"
    r"|\bprobe\s+bank\b|\b(?:moderator|extra|spare|optional)\s+probes\b|\buse\s+(?:freely|as\s+needed|anywhere)\b"
    # what to do when something happens, in some sessions only: "If a carer or family member is there"
    r"|^(?:\d{1,2}[.)]\s*)?(?:if|when)\s+(?:a|an|the|they|their|someone|somebody|anyone|there)\b(?!.*\b(?:min|mins|minutes)\b)",
    re.IGNORECASE)


def plan_roots(guide: Guide) -> list[Section]:
    """The sections whose boxes make up the plan: a lone unboxed title heading is skipped."""
    roots = [s for s in guide.sections if s.heading is not None]
    while len(roots) == 1 and roots[0].timebox is None and roots[0].children:
        roots = roots[0].children
    return roots


def _item(section: Section) -> PlanItem:
    children = [_item(c) for c in section.children
                if c.participant_facing and (c.heading is not None and c.heading.style != "bold" or c.timebox)]
    box = section.timebox
    if (box is not None and not box.placeholder and box.low is not None and box.high is not None
            and any(c.boxed and (c.low or 0) > box.high for c in children)):
        # a subsection longer than the whole section cannot be a part of it: the box is the
        # section's own part and the subsections follow it ("# Intro (5 min)" written one level
        # above "## Task 1 (10 min)"); subsection-boxes-exceed-parent says so, the plan counts all
        # (children that merely add up to a little more than their parent stay inside it)
        path = one_path(children, section)
        low = box.low + sum(c.low or 0 for c in path if c.boxed)
        high = box.high + sum(c.high or 0 for c in path if c.boxed)
    elif box is not None and not box.placeholder and box.low is not None:
        low, high = box.low, box.high
    elif box is None and any(c.low is not None for c in children):
        path = one_path(children, section)
        low = sum(c.low or 0 for c in path)
        high = sum(c.high or 0 for c in path)
    else:
        low = high = None
    if (section.optional or _skipped_when_short(section)) and low is not None:
        low = 0.0
    return PlanItem(section, low, high, children)


# "_Short on time? Skip this part._" at the top of a section: the section is
# optional, as "(if time allows)" in its heading would make it
_SKIP_WHEN_SHORT = LazyPattern(
    r"\b(?:if|when)\b[^.;]{0,30}?\b(?:not\s+enough|short\s+(?:on|of)|running\s+(?:out\s+of|short\s+(?:on|of)|low\s+on|behind\s+on)"
    r"|out\s+of|no(?:\s+more)?|little|tight\s+on)\s+time\b[^.;]{0,40}?\bskip\b"
    r"|\bskip\s+(?:this(?:\s+(?:section|part|task|one))?|it)\s+if\b[^.;]{0,30}?\btime\b",
    re.IGNORECASE)


def _skipped_when_short(section: Section) -> bool:
    first = next((b for b in section.blocks if b.text.strip()), None)
    if first is None or isinstance(first, Question):
        return False
    text = first.text
    # both of the pattern's forms say "skip": a section's first paragraph rarely does (IGNORECASE
    # also folds letters beyond ASCII, such as the long s, so other text is searched)
    if text.isascii() and "skip" not in text.lower():
        return False
    return _SKIP_WHEN_SHORT.search(text) is not None


# "Before the session (10 min)", "After each session": the team's own time
_OUTSIDE_THE_SESSION = re.compile(r"\b(?:before|after|prep\w*|pre-?session|post-?session|between)\b", re.IGNORECASE)


_WATCHING_THEM = re.compile(r"^\W*(?:\d+\W+)?(?:observe|observation|observing|shadow(?:ing)?|watch(?:ing)?)\b", re.IGNORECASE)
_A_SCREENER = re.compile(r"^\W*(?:quick\s+)?screen(?:er|ing)(?:\s+questions)?\W*$", re.IGNORECASE)


def time_plan(guide: Guide) -> list[PlanItem]:
    """The session's sections and their minutes; logistics, observer notes, debriefs and
    material are not the session, so their boxes are the team's and count for nothing, except
    a timed set-up step between two parts of the session ("Set up (5 min)": sharing the screen
    with the participant), which is spent in the session."""
    # a heading that is not the session over the session's timed parts ("Session plan (20 min)"
    # over "Part B: Warm-up (3 min)"…): its parts are the plan's
    roots = [part for s in plan_roots(guide)
             for part in ([c for c in s.children if c.participant_facing]
                          if not s.participant_facing and any(c.participant_facing and c.timebox for c in s.children)
                          else [s])]
    facing = [i for i, s in enumerate(roots) if s.participant_facing]
    if not facing:
        return []
    first, last = facing[0], facing[-1]
    items = [_item(s) for i, s in enumerate(roots)
             if s.participant_facing or (first < i < last and s.timebox is not None and (
                 (s.role == "logistics" and not _OUTSIDE_THE_SESSION.search(s.title))
                 # an intercept's screener, timed between its parts, is asked in the session
                 or (s.role == "material" and _A_SCREENER.match(s.title))
                 # a contextual inquiry's "Observe (40 min)" between "Arrive" and "Interview": they are there
                 or (s.role == "observer" and _WATCHING_THEM.match(s.title))))]
    items = [i for i in items if not _a_total(i, items)]
    if any(_an_agenda_row(i.section) for i in items) and any(
            i.section.timebox is not None and not _an_agenda_row(i.section) for i in items):
        # "1. Welcome and intros ........ [10 min]" rows above the parts they list: the agenda, not more parts
        items = [i for i in items if not _an_agenda_row(i.section)]
    return items


_DOTTED_LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:_\s?){4,}")


def _an_agenda_row(section: Section) -> bool:
    """A part opened by a line with a dotted leader and nothing under it: one row of an agenda."""
    return (section.heading is not None and not section.children
            and _DOTTED_LEADER.search(section.heading.raw) is not None
            and all(_DOTTED_LEADER.search(b.raw) for b in section.blocks))  # (or agenda rows of its own: "BREAK .... 10")


# "Session 1: Kick-off (30 min)" … "Session 2: Exit interview (45 min)": one document, two sittings
_NUMBERED_SITTING = re.compile(
    r"^\W*(?:session|visit|call|interview|day|wave|round|sitting|meeting)\s+(?:\d{1,2}|one|two|three|four|[a-d])\b",
    re.IGNORECASE)


def separate_sessions(plan: list[PlanItem]) -> bool:
    """Whether the plan's top level is two or more numbered sittings, each with its own box: a
    diary study's kick-off and exit call, a two-day workshop. Their boxes are not one session's,
    so they are not added up against one length (subsection-boxes-exceed-parent holds each to its parts)."""
    timed = [item for item in plan if item.low is not None or item.children]  # not the document's title
    return (len(timed) >= 2 and all(item.section.timebox is not None and item.children
                                    and _NUMBERED_SITTING.match(item.section.title) for item in timed))


def _a_total(item: PlanItem, items: list[PlanItem]) -> bool:
    """A heading that states the whole session's length over parts timed after it ("Focus group
    discussion guide (FINAL v3, 90 minutes)" before "Section A (10 min)" …): its box is their sum,
    not one more part."""
    section = item.section
    if section.timebox is None or item.children or item.low is None or section.questions or section.tasks:
        return False
    if any(sub.questions or sub.tasks for sub in section.walk()):
        return False  # "Branches (5 min)" over its bold branches' questions: a part, whatever follows it
    later = [i for i in items if i.section.span.start > section.span.start and i.low is not None]
    if len(later) >= 2 and abs(sum(i.low for i in later) - item.low) <= 0.15 * item.low:
        return True
    # an empty part whose box the parts right after it fill exactly: "TASKS (20 min)" over "Task 1 (8 min)",
    # "Task 2 (6 min)", "Task 3 (6 min)", written at one level as plain lines are
    run = 0.0
    for count, following in enumerate(later, 1):
        run += following.low
        if count >= 2 and abs(run - item.low) < 0.01:
            return True
        if run > item.low:
            break
    return False


def one_path(items: list[PlanItem], parent: Section | None = None) -> list[PlanItem]:
    """The items one participant goes through: of parts for different participants ("5a. If
    won", "5b. If lost"; the parts of "Run one branch") only the longest."""
    if len(items) < 2:
        return items
    one_of = parent is not None and roles.one_of_these(parent)
    item_of = {id(i.section): i for i in items}
    path = []
    for run in roles.alternative_runs([i.section for i in items], one_of=one_of):
        group = [item_of[id(s)] for s in run]
        path.append(group[0] if len(group) == 1 else max(group, key=lambda i: (i.high or 0, i.low or 0)))
    return path


def plan_total(items: list[PlanItem]) -> tuple[float, float, int]:
    """(sum of minimums, sum of maximums, how many items carry minutes), on one participant's path."""
    items = one_path(items, items[0].section.parent if items else None)
    low = sum(i.low for i in items if i.low is not None)
    high = sum(i.high for i in items if i.high is not None)
    return low, high, sum(1 for i in items if i.low is not None)


# ---- a plan stated apart from the sections: an agenda table or list ---------------------------------

class AgendaRow(NamedTuple):
    """One part of an agenda: its name, its minutes and where the row sits."""

    label: str
    low: float
    high: float
    span: Span


# A column that gives each part's length ("Min", "Time", "Duration"), not a clock or a running total
_MINUTES_HEADER = LazyPattern(r"^[\W_]*(?:time|mins?|minutes|duration|length|time\s*box|timing|approx\.?\s+time"
                              r"|(?:time|duration)\s*\((?:min|mins|minutes)\))[\W_]*$", re.IGNORECASE)
# a part's minutes: "5", "5 min", "5-10 mins", "12'"; "12 min each (36)": the row's total in brackets
_ROW_MINUTES = re.compile(r"^[\W_]*(?:~\s*)?(?P<low>\d{1,3})(?:\s*[-–]\s*(?P<high>\d{1,3}))?\s*(?:min\w*|m|')?"
                          r"(?:\s+each\s*\(\s*(?P<total>\d{1,3})\s*(?:min\w*)?\s*\))?[\W_]*$", re.IGNORECASE)
# the rows that are not parts: "Total", "Overall", "Sum"
_TOTAL_ROW = re.compile(r"^[\W_]*(?:total|overall|sum|session\s+total)\b", re.IGNORECASE)
# a list's items that end in their minutes: "Free play (20 min)", "Background: 10 min", "Close – 5'"
_ITEM_MINUTES = LazyPattern(r"(?:\(\s*(?:~\s*|about\s+|approx\.?\s+)?(?P<low>\d{1,3})(?:\s*[-–]\s*(?P<high>\d{1,3}))?\s*"
                            r"(?:min\w*|')\s*\)"
                            r"|[:\-–—]\s*(?:~\s*|about\s+)?(?P<low2>\d{1,3})(?:\s*[-–]\s*(?P<high2>\d{1,3}))?\s*"
                            r"(?:min\w*|'))"
                            r"[\W_]*$", re.IGNORECASE)
# the label over an agenda list: "Plan:", "Agenda", "Timings:", "Running order"
# (or opening a paragraph: "**Time plan: 30 min.** They're busy, so…")
_AGENDA_LABEL = re.compile(r"^[\W_]*(?:(?:session|interview|call|time)\s+)?(?:agenda|plan|timings?|running\s+order"
                           r"|run\s+of\s+show|schedule|structure|outline|flow)[*_]*(?:\s*:|[\W_]*$)", re.IGNORECASE)


def agenda(guide: Guide) -> list[AgendaRow]:
    """The parts of a plan the guide states apart from its sections' headings: an agenda table
    with a column of minutes ("| Warm-up | 5 |"), or a list of parts with their minutes under a
    label ("Plan:" then "- Free play (20 min)"). Empty when there is none of three parts or more."""
    for section in guide.iter_sections():
        blocks = section.blocks
        for k, block in enumerate(blocks):
            if not isinstance(block, Text):
                continue
            if block.kind == "table":
                rows = _table_rows(guide, block)
            elif block.kind == "paragraph" and _AGENDA_LABEL.match(block.text):
                rows = _list_rows(guide, blocks[k + 1:])
            elif k == 0 and block.kind == "list_item" and section.heading is not None and _AGENDA_LABEL.match(section.title):
                rows = _list_rows(guide, blocks)
            else:
                continue
            if len(rows) >= 3:
                return rows
    return []


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table_rows(guide: Guide, table: Text) -> list[AgendaRow]:
    lines = table.raw.split("\n")
    if len(lines) < 5:
        return []
    header = _cells(lines[0])
    column = next((i for i, c in enumerate(header) if _MINUTES_HEADER.match(c)), None)
    if column is None or column == 0:
        return []
    rows = []
    offset = table.span.start + len(lines[0]) + len(lines[1]) + 2
    for line in lines[2:]:
        cells = _cells(line)
        start, offset = offset, offset + len(line) + 1
        if len(cells) <= column:
            continue
        label = next((c for c in cells[:column] if any(ch.isalpha() for ch in c)), "")
        m = _ROW_MINUTES.match(cells[column])
        if not label or _TOTAL_ROW.match(label) or m is None:
            continue
        if m["total"]:
            low = high = float(m["total"])
        else:
            low = float(m["low"])
            high = float(m["high"]) if m["high"] else low
        rows.append(AgendaRow(label.strip("*_ "), low, high, guide.lines.span(start, start + len(line.rstrip()))))
    if sum(1 for r in rows if _ONE_OF_MANY.match(r.label)) * 2 > len(rows):
        return []  # "Session 1 | 45", "Group B | 90": the study's sessions, not the parts of one
    return rows if _durations(rows) else []


# rows that name sessions, days or people of the study rather than parts of one session
_ONE_OF_MANY = LazyPattern(r"^[\W_]*(?:sessions?|participants?|p\d|days?|weeks?|groups?|interviews?|rounds?|waves?|cohorts?"
                           r"|visits?|calls?)\b\s*[\w#]{0,3}\b", re.IGNORECASE)


def _list_rows(guide: Guide, blocks: list) -> list[AgendaRow]:
    rows = []
    for block in blocks:
        if not isinstance(block, Text) or block.kind != "list_item":
            break
        m = _ITEM_MINUTES.search(block.text)
        if m is None:
            break
        low = float(m["low"] or m["low2"])
        high_text = m["high"] or m["high2"]
        label = block.text[: m.start()].strip(" *_:-–—")
        if not label or _TOTAL_ROW.match(label):
            continue
        rows.append(AgendaRow(label, low, float(high_text) if high_text else low, block.span))
    return rows if _durations(rows) else []


def _durations(rows: list[AgendaRow]) -> bool:
    """The rows' minutes are each part's length, not the minute it starts at ("0, 5, 15, 30")."""
    lows = [r.low for r in rows]
    if len(lows) < 3:
        return False
    return not (lows[0] == 0 or all(a < b for a, b in zip(lows, lows[1:])) and sum(lows) > 1.5 * lows[-1] and len(lows) >= 4)
