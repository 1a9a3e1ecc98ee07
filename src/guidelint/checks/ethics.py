"""Ethics and logistics checks (GL4xx): consent, data use, the close, case-study approval.

Each rule looks for phrases anywhere in the script: questions and probes, spoken text, block
quotes, bullets and interviewer notes (an instruction to ask is the interviewer's cue, so it
counts). The phrases are data, the rules' options in rules/ethics.yaml, compiled once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter
from typing import Iterable, Iterator

from guidelint.checks import check
from guidelint.context import Context
from guidelint.diagnostics import Severity
from guidelint.model import Block, Guide, Note, Probe, Question, Role, Section, Span
from guidelint.pattern_cache import LazyPattern
from guidelint.records import Frozen
from guidelint.required_text import LiteralScanner, parts_required, required_literals
from guidelint.timing import opening_sections, spoken, spoken_intro

_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_SPACES = re.compile(r"\s+")
EXAMPLE_CLOSE = '"Thank you! We\'ll email you a summary of what we learn by the end of the month."'


class ScriptLine(Frozen):
    """The words of one block, note or probe, with straight quotes and single spaces."""

    __slots__ = ("text", "span", "lower")
    __match_args__ = ("text", "span", "lower")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    text: str
    span: Span
    lower: str  # the text lower-cased once, for the phrase lists that can use it

    def __init__(self, text: str, span: Span, lower: str = "") -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "lower", lower)
        self.__post_init__()

    def __post_init__(self) -> None:
        if not self.lower:
            object.__setattr__(self, "lower", self.text.lower())


_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]")
# A plain int: "flags & re.IGNORECASE" builds a RegexFlag enum each time (about 9 µs).
_IGNORECASE = int(re.IGNORECASE)


@lru_cache(maxsize=None)
def _gated(patterns: tuple[str, ...]) -> tuple[tuple[str, int, tuple[str, ...] | None], ...]:
    """Each phrase with its flags and the texts that open it (None: no text it cannot match without).
    Kept between runs (guidelint.pattern_cache), keyed by the phrases: working them out for the
    family's 87 phrases took 0.5 ms of every check's first lint."""
    from guidelint import pattern_cache

    return pattern_cache.derived("ethics_gates", patterns, lambda: _gates(patterns))


def _gates(patterns: tuple[str, ...]) -> tuple[tuple[str, int, tuple[str, ...] | None], ...]:
    out = []
    for pattern in patterns:
        flags = _IGNORECASE if _UPPER_LITERAL.search(re.sub(r"\\[A-Za-z]|\(\?P?<[^>]*>", "", pattern)) else 0
        gate = required_literals(pattern, flags)
        out.append((pattern, flags, None if gate is None else tuple(_opening(gate))))
    return tuple(out)


def _opening(gate: tuple[str, ...]) -> list[str]:
    """The gate's texts that open it: one that holds another adds nothing, as the shorter is
    present wherever the longer is."""
    return [literal for literal in gate if not any(other != literal and other in literal for other in gate)]


@lru_cache(maxsize=None)
def _also_required(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Besides its gate, the texts a case-sensitive phrase cannot match without: one set for each
    top-level part of it, the rarest-looking first (the longest shortest text). The consent
    phrase "record … are you happy for us to go ahead" is gated by "start", "proceed", "carry"
    or " ahead", and its search (about 1.5 µs) is skipped where "record" or "tape", " you " and
    "are" or "would" are not all there. Kept between runs, as the gates are: finding them
    parses the pattern."""
    from guidelint import pattern_cache

    return pattern_cache.derived("ethics_also_required", (pattern,), lambda: _parts_required(pattern))


def _parts_required(pattern: str) -> tuple[tuple[str, ...], ...]:
    parts = parts_required(pattern)
    if not parts:
        return ()
    gate = set(_opening(required_literals(pattern, 0) or ()))
    found: set[tuple[str, ...]] = set()
    for choice in parts:
        texts = tuple(sorted(_opening(tuple({text.lower() for text in choice}))))
        # a set holding every text of the gate is there whenever the gate opens the phrase
        if min(map(len, texts)) >= 2 and not (gate and set(texts) >= gate):
            found.add(texts)
    return tuple(sorted(found, key=lambda texts: (-min(map(len, texts)), len(texts), texts)))


def _holds_one_of_each(lower: str, required: tuple[tuple[str, ...], ...]) -> bool:
    for texts in required:
        for text in texts:
            if text in lower:
                break
        else:
            return False
    return True


def _folding(patterns: tuple[str, ...]) -> tuple[bool, ...]:
    """Whether each gated phrase, compiled, ignores case (its flags, or a "(?i)" of its own): such
    a phrase searches the line as written, the others its lower-cased copy. Kept between runs
    with the gates, so a phrase is compiled only when a line first opens its gate."""
    from guidelint import pattern_cache

    return pattern_cache.derived("ethics_folding", patterns, lambda: tuple(
        gate is not None and bool(re.compile(pattern, flags).flags & _IGNORECASE) for pattern, flags, gate in _gated(patterns)))


class _GatedPhrase:
    """A phrase its gate texts open, compiled when a line first holds one of them: of the
    family's 120 or so, a guide opens a handful, and compiling (or rebuilding from
    guidelint.pattern_cache) every one took about 0.5 ms of each check's first lint."""

    __slots__ = ("pattern", "flags", "folds", "_compiled")

    def __init__(self, pattern: str, flags: int, folds: bool) -> None:
        self.pattern = pattern
        self.flags = flags
        self.folds = folds  # searches the line as written, not its lower-cased copy
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str, lower: str) -> bool:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled.search(text if self.folds else lower) is not None


class PhraseList:
    """A rule's phrase list, compiled once.

    Each phrase is searched only in lines that hold the text it cannot match without
    ("anonym", "consent", "record"…, found by guidelint.required_text). Which of those texts a
    line holds is found in one scan of the line for every phrase list of the family together
    (a LiteralScanner shared through ``phrases``), so a line that holds none costs one search
    however many lists read it, and one that holds some runs only the phrases they open.
    Phrases with no such text share one alternation, one scan per line. Phrases written in
    lower case run case-sensitively on the line lower-cased once (about 40% faster than
    IGNORECASE); the few with capitals ("PII") keep IGNORECASE on the text. A case-sensitive
    phrase its gate opens is searched only if the line also holds the texts its other parts
    need (``_also_required``): a few substring tests instead of a failing search.
    """

    __slots__ = ("always", "gated", "literals", "scanner", "_opened_by", "_verdicts")

    #: lines whose verdict is remembered before the memory starts again (a guide has a few hundred)
    MEMORY = 8192

    def __init__(self, patterns: tuple[str, ...], scanner: LiteralScanner | None = None) -> None:
        always: dict[int, list[str]] = {0: [], _IGNORECASE: []}
        gated: list[tuple[tuple[str, ...], _GatedPhrase]] = []
        for (pattern, flags, gate), folds in zip(_gated(patterns), _folding(patterns)):
            if gate is None:
                always[flags].append(pattern)
            else:
                gated.append((gate, _GatedPhrase(pattern, flags, folds)))
        compiled: list[re.Pattern] = []
        for flags, group in always.items():
            if not group:
                continue
            try:
                compiled.append(re.compile("|".join(f"(?:{p})" for p in group), flags))
            except re.error:  # e.g. a team's phrase with a global "(?i)" that cannot be joined
                compiled.extend(re.compile(p, flags) for p in group)
        self.always = tuple(compiled)
        self.gated = tuple(gated)
        # each phrase with what else it needs, case-sensitive ones only (they search the lower-cased copy)
        opened_by: dict[str, list[tuple[_GatedPhrase, tuple[tuple[str, ...], ...]]]] = {}
        for opening, phrase in gated:
            also = () if phrase.folds else _also_required(phrase.pattern)
            for literal in opening:
                opened_by.setdefault(literal, []).append((phrase, also))
        self._opened_by = {literal: tuple(found) for literal, found in opened_by.items()}
        self.literals = frozenset(self._opened_by)
        if scanner is None or not self.literals <= scanner.literals:
            scanner = LiteralScanner(self.literals)
        self.scanner = scanner
        # Each line's verdict, by its text (``lower`` is always the text lower-cased): the
        # family's rules and structure.content_kind read the same lines with the same list (the
        # script for consent, then every section for it again), and a line that holds a gate
        # text ("record", "start") costs a search of up to 250 characters of look-ahead each time.
        self._verdicts: dict[str, bool] = {}

    def matches(self, text: str, lower: str) -> bool:
        verdict = self._verdicts.get(text)
        if verdict is None:
            verdict = self._matches(text, lower)
            self._remember(text, verdict)
        return verdict

    def _remember(self, text: str, verdict: bool) -> None:
        if len(self._verdicts) >= self.MEMORY:
            self._verdicts.clear()
        self._verdicts[text] = verdict

    def _matches(self, text: str, lower: str) -> bool:
        for pattern in self.always:
            if pattern.search(text if pattern.flags & _IGNORECASE else lower):
                return True
        if not self._opened_by:
            return False
        present = self.scanner.present(lower)
        return bool(present) and self._opened_match(text, lower, present)

    def opened_match(self, text: str, lower: str, present: Iterable[str]) -> bool:
        """Whether a gated phrase matches, given the gate texts the line holds (``present``: every
        one of this list's that it holds, and maybe others). For a list without ungated phrases,
        as its callers are, that is ``matches``, and remembered with it."""
        if self.always:  # (the verdicts remembered are the ungated phrases' too)
            return self._opened_match(text, lower, present)
        verdict = self._verdicts.get(text)
        if verdict is None:
            verdict = self._opened_match(text, lower, present)
            self._remember(text, verdict)
        return verdict

    def _opened_match(self, text: str, lower: str, present: Iterable[str]) -> bool:
        tried: set[int] = set()
        opened_by = self._opened_by
        for literal in present:
            for phrase, also in opened_by.get(literal, ()):
                if id(phrase) in tried:
                    continue
                tried.add(id(phrase))
                if also and not _holds_one_of_each(lower, also):
                    continue
                if phrase.search(text, lower):
                    return True
        return False

    def any_matches(self, lines: list[tuple[str, str]]) -> bool:
        """Whether ``matches`` holds for any of these (text, lower) pairs. The gate texts are
        looked for in the lines joined (a text in a line is in the join), so lines that hold
        none cost one substring test per gate text together instead of a scan each; only the
        lines that hold one are searched, with the phrases it opens, as ``matches`` would."""
        if self.always:
            return any(self.matches(text, lower) for text, lower in lines)
        opened_by = self._opened_by
        if not opened_by or not lines:
            return False
        joined = "\n".join(lower for _, lower in lines)
        present = [literal for literal in opened_by if literal in joined]
        if not present:
            return False
        for text, lower in lines:
            here = [literal for literal in present if literal in lower]
            if here and self.opened_match(text, lower, here):
                return True
        return False


@lru_cache(maxsize=None)
def compile_patterns(patterns: tuple[str, ...], scanner: LiteralScanner | None = None) -> PhraseList:
    return PhraseList(patterns, scanner)


@lru_cache(maxsize=None)
def compile_family(lists: tuple[tuple[str, ...], ...]) -> dict[tuple[str, ...], PhraseList]:
    """The family's phrase lists compiled together: one LiteralScanner for all their gate texts,
    so each line is scanned once for all of them."""
    scanner = LiteralScanner({literal for patterns in lists for _, _, opening in _gated(patterns) if opening
                              for literal in opening})
    return {patterns: compile_patterns(patterns, scanner) for patterns in lists}


def _family_lists(ctx: Context) -> tuple[tuple[str, ...], ...]:
    """Every phrase list the family's rules declare (options holding lists of text)."""
    found = []
    for rule in ctx.catalogue.rules:
        if rule.family != "ethics":
            continue
        for key, value in rule.options.items():
            value = ctx.option(rule.name, key, value)
            if isinstance(value, (list, tuple)) and value and all(isinstance(p, str) for p in value):
                found.append(tuple(value))
    return tuple(found)


_FAMILY: dict[tuple[int, int], tuple[object, object, dict[tuple[str, ...], PhraseList], dict[tuple[str, str], PhraseList]]] = {}


def phrases(ctx: Context, rule: str, key: str) -> PhraseList:
    where = (id(ctx.catalogue), id(ctx.profile))
    known = _FAMILY.get(where)
    if known is None or known[0] is not ctx.catalogue or known[1] is not ctx.profile:
        known = (ctx.catalogue, ctx.profile, compile_family(_family_lists(ctx)), {})
        if len(_FAMILY) >= 64:  # rule packs make a catalogue per config; keep only recent ones
            _FAMILY.clear()
        _FAMILY[where] = known
    # a rule's option is its catalogue's, or its profile's: looked up once for them, not on
    # every call (a tuple of up to 90 phrases made and hashed, 14 calls a guide)
    found = known[3].get((rule, key))
    if found is None:
        patterns = tuple(str(p) for p in ctx.option(rule, key, ()) or ())
        found = known[3][(rule, key)] = known[2].get(patterns) or compile_patterns(patterns)
    return found


def first_match(lines: Iterable[ScriptLine], patterns: PhraseList) -> ScriptLine | None:
    if isinstance(lines, Script):
        return lines.first_match(patterns)
    for line in lines:
        if patterns.matches(line.text, line.lower):
            return line
    return None


def _line(node) -> ScriptLine:
    # made as ScriptLine(text, span, lower) makes it, with its slots set directly: 0.26 µs, where
    # __init__ (three object.__setattr__ calls and __post_init__) took 0.45 µs of every line
    text, lower = _plain(node)
    line = _new_line(ScriptLine)
    _set_text(line, text)
    _set_span(line, node.span)
    _set_lower(line, lower)
    return line


_new_line = ScriptLine.__new__
_set_text = ScriptLine.text.__set__  # type: ignore[attr-defined]
_set_span = ScriptLine.span.__set__  # type: ignore[attr-defined]
_set_lower = ScriptLine.lower.__set__  # type: ignore[attr-defined]


def _plain(node) -> tuple[str, str]:
    """A node's words as the phrase lists read them, and their lower-cased copy."""
    text = node.text
    if not text.isascii():  # translate() looks up every character: about 6 µs a line
        text = text.translate(_TYPOGRAPHIC)
    if "  " in text or "\n" in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    text = text.strip()
    return text, text.lower()


def _read_nodes(block: Block) -> list:
    """The nodes of a block the phrase lists read, as block_lines reads them: a question with
    its probes, notes and options; any other block but an HTML comment, which is never said."""
    if isinstance(block, Question):
        nodes = []
        for question in block.walk():
            nodes.append(question)
            if question.notes:
                nodes.extend(question.notes)
            if question.options:
                nodes.extend(question.options)
        return nodes
    if isinstance(block, Note) and block.kind == "comment":
        return []
    return [block]


def block_lines(block: Block) -> tuple[ScriptLine, ...]:
    """The lines of one block as the phrase lists read them. Made once per block: the script,
    the close and the sections recognised by what they hold (structure.content_kind) all read
    the same blocks, some of them several times."""
    known = _BLOCK_LINES.get(id(block))
    if known is not None and known[0] is block:
        return known[1]
    if isinstance(block, Question):
        if not (block.probes or block.notes or block.options):  # most items: no walk to make and drain
            made = (_line(block),)
        else:
            lines = []
            for question in block.walk():
                lines.append(_line(question))
                if question.notes:  # most have none: no generator to make and drain
                    lines.extend(_line(note) for note in question.notes)
                if question.options:
                    lines.extend(_line(option) for option in question.options)
            made = tuple(lines)
    elif not (isinstance(block, Note) and block.kind == "comment"):  # an HTML comment is never said
        made = (_line(block),)
    else:
        made = ()
    if len(_BLOCK_LINES) >= 4096:  # the blocks of the last few guides checked are enough
        _BLOCK_LINES.clear()
    _BLOCK_LINES[id(block)] = (block, made)
    return made


def blocks_match(blocks: Iterable[Block], patterns: PhraseList) -> bool:
    """Whether a line of these blocks matches, as ``first_match`` over their ``block_lines``
    would find. The lines a rule has already made are read as made (their scans are
    remembered); the others, most of a guide when only structure.content_kind asks whether a
    section asks consent, are read as plain text without making a ScriptLine for each."""
    plain: list[tuple[str, str]] = []
    for block in blocks:
        known = _BLOCK_LINES.get(id(block))
        if known is not None and known[0] is block:
            if first_match(known[1], patterns) is not None:
                return True
        else:
            plain.extend(map(_plain, _read_nodes(block)))
    return patterns.any_matches(plain)


_BLOCK_LINES: dict[int, tuple[Block, tuple[ScriptLine, ...]]] = {}


# A branch said only when the participant answers one way: "If yes: we'll email you the details",
# "(YES) …", "[If they agree] …". What follows the marker is not said to everyone.
_BRANCH_MARK = re.compile(
    r"[\[(]\s*(?:yes|no|if\b[^\])\n]{0,80})\s*[\])]"
    r"|\bif\s+(?:yes|no|so|not|they\s+(?:agree|accept|say\s+yes|do|are\s+interested|want\s+to|would\s+like)"
    r"|the\s+participant\s+(?:agrees|accepts|says\s+yes|is\s+interested))\b",
    re.IGNORECASE,
)


def _branch_mark(raw: str) -> re.Match[str] | None:
    # every mark holds a bracket or an "if": most lines hold neither, and for them the search (5
    # µs, IGNORECASE tried at every position) is skipped (text beyond ASCII is searched whole:
    # IGNORECASE matches "İ" and "ı" to "i", which lower() does not)
    if raw.isascii() and "[" not in raw and "(" not in raw and "if" not in raw.lower():
        return None
    return _BRANCH_MARK.search(raw)


def said_to_everyone(block: Block) -> Iterator[ScriptLine]:
    """The lines of a block that every participant hears: branches ("If yes: …") and the words
    after a branch marker inside a line are left out."""
    if isinstance(block, Note) and block.kind in ("comment", "branch"):
        return
    stack: list = [block]
    while stack:
        node = stack.pop()
        if isinstance(node, Probe) and node.kind == "branch":
            continue
        # the source, not the text: the parser lifts "(YES)" out of the words as a stage note
        mark = _branch_mark(node.raw)
        if mark is None:
            yield _line(node)
        elif any(ch.isalnum() for ch in node.raw[: mark.start()]):
            text = _SPACES.sub(" ", node.raw[: mark.start()].translate(_TYPOGRAPHIC)).strip()
            yield ScriptLine(text, node.span, text.lower())
        if isinstance(node, Question) and (node.probes or node.notes or node.options):  # (most have none)
            stack.extend(reversed([*node.probes, *(n for n in node.notes if n.kind != "branch"), *node.options]))


class Script:
    """Every line of a guide, made as the rules read them: most guides ask consent in the
    intro, so the phrase lists usually stop after a few lines and the rest is never built.

    A guide that lacks consent or data-use text has every line read by five lists or more.
    The family's lists share one scanner (``compile_family``), so the Script keeps the lines
    that hold a gate text of any of them (under half of a guide's), each with the texts it
    holds: a list without ungated phrases reads only those, and of them only the ones that
    hold a text of its own, without a search or a call for the others."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self._made: list[ScriptLine] = []
        # read a block at a time: block_lines makes a block's lines together, and a generator
        # handing them on one by one cost more than making them (a guide without consent reads all)
        self._source: Iterator[Block] | None = (
            block for section in guide.sections for s in section.walk() for block in s.blocks)
        self._scanner: LiteralScanner | None = None
        self._opened: list[tuple[ScriptLine, frozenset[str]]] = []  # lines holding a gate text
        self._scanned = 0  # how many of the made lines the scanner has read
        # the lists that match no line of the guide (first_match read to its end): no section's
        # blocks hold a phrase of them, which structure.content_kind need not read again to know
        self.matched_nowhere: set[PhraseList] = set()

    def _make_next(self) -> bool:
        """Makes the next block's lines (one at least); False when the guide ends first."""
        if self._source is not None:
            for block in self._source:
                lines = block_lines(block)
                if lines:
                    self._made.extend(lines)
                    return True
            self._source = None
        return False

    def __iter__(self) -> Iterator[ScriptLine]:
        index = 0
        while True:
            if index == len(self._made) and not self._make_next():  # nobody has read this far yet
                return
            yield self._made[index]
            index += 1

    def first_match(self, patterns: PhraseList) -> ScriptLine | None:
        """The first line a phrase of the list matches, as ``first_match`` over every line."""
        found = self._first_match(patterns)
        if found is None:
            self.matched_nowhere.add(patterns)
        return found

    def _first_match(self, patterns: PhraseList) -> ScriptLine | None:
        if patterns.always or (self._scanner is not None and patterns.scanner is not self._scanner):
            return first_match(iter(self), patterns)  # ungated phrases, or read by another scanner
        if not patterns.literals:
            return None
        self._scanner = patterns.scanner
        literals = patterns.literals
        opened = self._opened
        index = 0
        while True:
            if index == len(opened) and not self._open_next():
                return None
            line, present = opened[index]
            index += 1
            if not literals.isdisjoint(present) and patterns.opened_match(line.text, line.lower, present):
                return line

    def _open_next(self) -> bool:
        """Reads lines on until one holds a gate text; False when the guide ends first."""
        present_in = self._scanner.present
        made = self._made
        while True:
            if self._scanned == len(made) and not self._make_next():
                return False
            line = made[self._scanned]
            self._scanned += 1
            present = present_in(line.lower)
            if present:
                self._opened.append((line, present))
                return True


def script(guide: Guide) -> Script:
    """The guide's lines, shared by the ethics rules of one check of this guide."""
    cached = _SCRIPTS.get(id(guide))
    if cached is None or cached.guide is not guide:
        cached = Script(guide)
        _SCRIPTS.clear()  # only the guide being checked is kept
        _SCRIPTS[id(guide)] = cached
    return cached


_SCRIPTS: dict[int, Script] = {}


def matched_nowhere(guide: Guide) -> set[PhraseList]:
    """The phrase lists the rules have found in no line of this guide (its script read to the
    end for them); empty when no rule has read its script."""
    cached = _SCRIPTS.get(id(guide))
    return cached.matched_nowhere if cached is not None and cached.guide is guide else set()


# ---- GL401 missing-consent -------------------------------------------------------------------

def _question_bank(ctx: Context) -> bool:
    """A list of questions with no script around it (no intro, no close), and no profile that
    asks for a whole session: consent, data use and the close are for the session's script,
    which lives elsewhere."""
    if ctx.profile is not None or spoken_intro(ctx.guide) is not None or closing_sections(ctx):
        return False
    if ctx.session.origin in ("front matter", "guide"):
        return False  # "Length: about 40 min per nurse": the plan of a session, whatever its headings
    # a script with no headings to find its intro by still says what the participant hears:
    # "Nothing you tell me will be linked to your name…" makes it the session's script
    lines = script(ctx.guide)
    return not (first_match(lines, phrases(ctx, "missing-data-use", "data-use-patterns"))
                or first_match(lines, phrases(ctx, "missing-consent", "consent-patterns")))


@check("missing-consent")
def missing_consent(ctx: Context) -> None:
    if not ctx.english:
        return
    lines = script(ctx.guide)
    if _question_bank(ctx) and first_match(lines, phrases(ctx, "missing-consent", "recording-cues")) is None:
        return  # a question bank; one that says the calls are recorded is the plan for them, and asks nobody
    if first_match(lines, phrases(ctx, "missing-consent", "consent-patterns")):
        return
    recording = first_match(lines, phrases(ctx, "missing-consent", "recording-cues"))
    if recording is None:
        if first_match(lines, phrases(ctx, "missing-consent", "no-recording-patterns")):
            return
        message = ("Nothing asks the participant's consent; ask permission to record in the intro, e.g. "
                   '"Is it all right if we record this call?", or say the call is not recorded and ask '
                   "whether they are happy to take part.")
    else:
        if _told_then_agreed(ctx, lines):
            return
        where = ctx.guide.where(_line_saying(ctx.guide, recording, phrases(ctx, "missing-consent", "recording-cues")))
        message = (f"The guide records ({where}) but never asks permission; ask in the "
                   'intro before the recording starts, e.g. "Is it all right if we record this call?"')
    ctx.report("missing-consent", ctx.anchor, message)


def _line_saying(guide: Guide, hit: ScriptLine, patterns: PhraseList) -> Span:
    """The line of a paragraph that says it, for a message that names its line: "Calls are
    recorded" on the fourth line of a block of labelled lines is on that line, not the first.
    The paragraph's span when no one line says it alone (a phrase broken across lines)."""
    span = hit.span
    if span.line == span.end_line:
        return span
    starts, source = guide.lines.starts, guide.source
    for k in range(span.line, span.end_line + 1):
        start = max(starts[k - 1], span.start)
        end = min(starts[k] if k < len(starts) else len(source), span.end)
        raw = source[start:end]
        if patterns.matches(raw, raw.lower()):
            return guide.lines.span(start, end)
    return span


# How many lines after "the call is being recorded" the question to agree may come
_AGREEMENT_WINDOW = 6


def _told_then_agreed(ctx: Context, lines: Iterable[ScriptLine]) -> bool:
    told = phrases(ctx, "missing-consent", "recording-told")
    agreed = phrases(ctx, "missing-consent", "agreement-to-take-part")
    since_told: int | None = None
    for line in lines:
        if since_told is not None:
            since_told += 1
            if since_told > _AGREEMENT_WINDOW:
                since_told = None
            elif agreed.matches(line.text, line.lower):
                return True
        if told.matches(line.text, line.lower):
            since_told = 0
            if agreed.matches(line.text, line.lower):
                return True  # "We're recording today; do you agree to take part?"
    return False


# ---- GL402 missing-data-use ------------------------------------------------------------------

@check("missing-data-use")
def missing_data_use(ctx: Context) -> None:
    if not ctx.english or _question_bank(ctx):
        return
    lines = script(ctx.guide)
    if first_match(lines, phrases(ctx, "missing-data-use", "data-use-patterns")):
        return
    recording = first_match(lines, phrases(ctx, "missing-consent", "recording-cues"))
    if _published_story(ctx):  # a story told under their name: anonymity is no promise to make
        example = '"We\'ll turn this into a story for our website, and you\'ll see the draft before anything goes live."'
    else:
        example = '"Only our team sees the notes, and nothing you say is attributed to you by name."'
    if recording is None:
        message = f"Nothing says how the participant's answers are used or kept; say so in the intro, e.g. {example}"
    else:
        where = ctx.guide.where(_line_saying(ctx.guide, recording, phrases(ctx, "missing-consent", "recording-cues")))
        message = (f"The guide records ({where}) but never says who hears the recording, how "
                   f"answers are used or when they are deleted; say so in the intro, e.g. {example}")
    ctx.report("missing-data-use", ctx.anchor, message)


# A guide for a story published under the customer's name, as its title or front matter says: a
# case study, a customer story, a testimonial (not a win interview that flags candidates for one)
_PUBLISHED = re.compile(r"\b(?:case[- ]stud(?:y|ies)|case\s+stor(?:y|ies)|customer\s+(?:story|stories|spotlight)|testimonials?"
                        r"|success\s+stor(?:y|ies)"
                        r"|story\s+shoot|(?:hero|testimonial|customer)\s+video)\b", re.IGNORECASE)


def _published_story(ctx: Context) -> bool:
    if ctx.profile is not None and ctx.profile.name == "case-study":
        return True
    said = " ".join([ctx.guide.title, *(str(v) for v in ctx.guide.meta.values())])
    if _PUBLISHED.search(said) is not None:
        return True
    # a guide without headings says what it is for in its first lines: "Customer story interview: …"
    head = ctx.guide.source[:600]
    return _PUBLISHED.search(head) is not None


# ---- GL403 missing-wrap-up -------------------------------------------------------------------

def _is_closing_title(ctx: Context, section: Section, titles: PhraseList) -> bool:
    if section.heading is None or not section.participant_facing:
        return False
    # (a bracket is a note on the heading: "Discussion guide – FINAL (client sign-off 2 May)")
    title = _BRACKETED.sub("", section.title) if "(" in section.title else section.title
    if titles.matches(title, title.lower()):
        return True
    profile_closings = (e for e in (ctx.profile.sections if ctx.profile else ()) if e.kind == "wrap-up")
    return any(expected.matches(section.title) for expected in profile_closings)


_BRACKETED = re.compile(r"\([^()]*\)")


def is_closing_section(ctx: Context, section: Section) -> bool:
    """Whether the section's heading names the session's close (the titles missing-wrap-up reads)."""
    return _is_closing_title(ctx, section, phrases(ctx, "missing-wrap-up", "section-titles"))


def closing_sections(ctx: Context) -> list[Section]:
    """Sections titled as the close, outermost only (a "Wrap-up questions" inside "Closing" is part of it)."""
    titles = phrases(ctx, "missing-wrap-up", "section-titles")
    found: list[Section] = []
    for section in ctx.guide.iter_sections():
        inside_found = any(section in outer.walk() for outer in found)
        if not inside_found and _is_closing_title(ctx, section, titles):
            found.append(section)
    return found


def closing_blocks(ctx: Context) -> list[Block]:
    """The last few blocks of the last participant-facing section that says anything to them:
    stage directions after the last words ("_(Stop the recording.)_", a clock time heading them)
    are passed over, as a reader looking for the close passes over them."""
    count = int(ctx.option("missing-wrap-up", "closing-blocks", 3))
    for section in reversed(list(ctx.guide.iter_sections())):
        if not section.participant_facing or not section.blocks:
            continue
        said = len(section.blocks)
        while said and _stage_direction(section.blocks[said - 1]):
            said -= 1
        if said:
            return section.blocks[max(0, said - count):said]
    return []


def _stage_direction(block: Block) -> bool:
    """A note to the interviewer, or a line the team keeps to itself, which the participant never hears."""
    return not spoken(block) or getattr(block, "role", None) in (Role.OBSERVER, Role.DEBRIEF, Role.MATERIAL)


def _not_asked(lines: Iterable[ScriptLine]) -> list[ScriptLine]:
    """The lines that tell, not ask: a question asking "what happens next?" promises nothing."""
    return [line for line in lines if not line.text.rstrip(" *_)").endswith("?")]


def _wrap_up_message(titled: bool, thanks: bool, next_steps: bool, looks_ahead: bool) -> str:
    where = "The wrap-up" if titled else "The end of the guide"
    if thanks:
        also = " and asks about referrals or future sessions," if looks_ahead else ""
        return (f"{where} thanks the participant{also} but does not say what happens next (an incentive, a "
                'summary, a follow-up); add a line such as "We\'ll email you a summary by the end of the month."')
    if next_steps:
        return f"{where} says what happens next but does not thank the participant; add a thank-you."
    if titled:
        also = " asks about referrals or future sessions but" if looks_ahead else ""
        return f"The wrap-up{also} neither thanks the participant nor says what happens next; add e.g. {EXAMPLE_CLOSE}"
    return (f"The guide ends without a wrap-up; close by thanking the participant and saying what happens next, "
            f"e.g. {EXAMPLE_CLOSE}")


# a part after the session that plans what the participant gets: "After", "After the shoot", "Follow-up"
_AFTER_TITLE = re.compile(r"^\W*(?:\d+\W+)?(?:after(?:wards)?(?:\s+the\s+[\w-]+)?|follow[- ]?ups?"
                          r"|post[- ](?:shoot|interview|call))\W*$", re.IGNORECASE)


def _planned_after(ctx: Context, close: Section) -> bool:
    """A part after the titled close plans both the thanks and the next step for the participant."""
    after = False
    for section in ctx.guide.iter_sections():
        if section is close:
            after = True
            continue
        if not after or section.heading is None or not _AFTER_TITLE.match(section.title):
            continue
        lines = [line for block in section.blocks for line in block_lines(block)]
        if (first_match(lines, phrases(ctx, "missing-wrap-up", "thanks-patterns")) is not None
                and first_match(lines, phrases(ctx, "missing-wrap-up", "next-steps-patterns")) is not None):
            return True
    return False


@check("missing-wrap-up")
def missing_wrap_up(ctx: Context) -> None:
    if not ctx.english or _question_bank(ctx):
        return
    sections = closing_sections(ctx)
    if sections:
        blocks = [block for section in sections for s in section.walk() for block in s.blocks]
        span = sections[-1].heading.span
    else:
        blocks = closing_blocks(ctx)
        # where the guide ends, which is where the close goes (not the title, where the
        # other whole-guide findings sit)
        span = ctx.guide.lines.span(blocks[-1].span.end, blocks[-1].span.end) if blocks else ctx.anchor
    lines = [line for block in blocks for line in block_lines(block)]
    thanks = first_match(lines, phrases(ctx, "missing-wrap-up", "thanks-patterns")) is not None
    # a next step promised only on one branch ("If yes: we'll email you the details") is not one
    told = _not_asked(line for block in blocks for line in said_to_everyone(block))
    next_steps = first_match(told, phrases(ctx, "missing-wrap-up", "next-steps-patterns")) is not None
    if thanks and next_steps:
        return
    if sections and _planned_after(ctx, sections[-1]):
        return  # "## After: send Mark the draft cut for approval; thank-you voucher by Friday": the close, planned
    if (thanks or next_steps) and not ctx.strict:
        # Researchers reading real guides called a close that thanks but names no next step a
        # nice-to-have (the incentive is often the recruiter's, an expert owes nothing), not a gap;
        # and a close that hands over the voucher or says what happens next without the words
        # "thank you" was never one they raised ("Give voucher" is the thanks of an intercept).
        return
    looks_ahead = first_match(lines, phrases(ctx, "missing-wrap-up", "look-ahead-patterns")) is not None
    message = _wrap_up_message(bool(sections), thanks, next_steps, looks_ahead)
    branch = None if next_steps else first_match(_not_asked(lines), phrases(ctx, "missing-wrap-up", "next-steps-patterns"))
    if branch is not None:
        message += (f" (The next step at {ctx.guide.where(branch.span)} is said only on one branch of a question, "
                    "so not every participant hears it.)")
    # half a close is a smaller gap than no close at all
    ctx.report("missing-wrap-up", span, message, severity=Severity.INFO if thanks or next_steps else None)


# ---- GL404 missing-approval ------------------------------------------------------------------

@check("missing-approval")
def missing_approval(ctx: Context) -> None:
    if ctx.profile is None or not ctx.profile.requires_approval or not ctx.english:
        return
    if first_match(script(ctx.guide), phrases(ctx, "missing-approval", "approval-patterns")):
        return
    ctx.report("missing-approval", ctx.anchor,
               f"Nothing says the customer approves the story before it is published (the {ctx.profile.name} "
               'profile expects it); add to the intro, e.g. "You\'ll see the draft and approve every quote '
               'before anything goes live."')


# ---- GL405 missing-session-length ------------------------------------------------------------

# Observing someone through their own day: "Ride-along: a morning with a field rep", "Shadowing a ward shift"
_ALONG_THEIR_DAY = LazyPattern(
    r"\b(?:ride[- ]?alongs?|walk[- ]?alongs?|go[- ]?alongs?|shadowing|shadow\s+(?:a|an|the|them|him|her)\b|day\s+in\s+the\s+life"
    r"|an?\s+(?:morning|afternoon|day|shift|evening)\s+with\s+(?:a|an|the|our)\b)",
    re.IGNORECASE)


@check("missing-session-length")
def missing_session_length(ctx: Context) -> None:
    if not ctx.english:
        return
    intro = spoken_intro(ctx.guide)
    if intro is None:
        return  # a question bank: there is no intro to say it in
    if _ALONG_THEIR_DAY.search(ctx.guide.source, 0, 600):
        return  # a ride-along or a shadowed shift lasts as long as their day does, which they know
    lines = (line for section in opening_sections(ctx.guide) for block in section.blocks
             for line in block_lines(block))
    if first_match(lines, phrases(ctx, "missing-session-length", "length-patterns")):
        return
    session = ctx.session
    # (a guide that states no length gets a blank for the author to fill in)
    length = f"{session.label.replace(' min', '')} minutes" if session.minutes is not None else "[X] minutes"
    where = f'"{intro.title}"' if intro.heading is not None else "The opening script"
    ctx.report("missing-session-length", intro.heading.span if intro.heading is not None else ctx.anchor,
               f"{where} never tells the participant how long the session takes; say it up front, e.g. "
               f'"This will take about {length}, and I\'ll keep an eye on the time."')
