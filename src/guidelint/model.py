"""The typed model of a discussion guide: what every rule, reporter and the editor read.

Positions follow DESIGN section 1: offsets, lines and columns count Unicode code points in
the decoded text (a leading BOM removed); lines and columns are 1-based; a span's end is
exclusive. Every node keeps ``raw`` (the source slice of its span) and ``text`` (the words a
reader sees: no list marker, emphasis, attributes or labels).
"""

from __future__ import annotations

import bisect
import re
from weakref import ref as _weak
from dataclasses import FrozenInstanceError
from itertools import accumulate
from enum import StrEnum
from operator import attrgetter
from typing import Any, Iterator

from guidelint.records import NEW as _NEW
from guidelint.records import Compared as _Compared
from guidelint.records import Record as _Record

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps code-point offsets to 1-based (line, column) and back."""

    __slots__ = ("starts", "length")

    def __init__(self, source: str) -> None:
        if "\r" in source:
            self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]
        else:  # "\n" alone (most guides): each line's length and its break summed in C, no match objects
            starts = list(accumulate(map((1).__add__, map(len, source.split("\n"))), initial=0))
            starts.pop()  # the end of the last line, one past the text
            self.starts = starts
        self.length = len(source)

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + column - 1, self.length)

    def span(self, start: int, end: int) -> Span:
        # Lines and columns are worked out when first read: most spans of a model (every
        # sentence, note, option) are never reported, and most that are read only by offset.
        span = _new_span(Span)
        _set_start(span, start)
        _set_end(span, end)
        _set_index(span, self)
        return span

    @property
    def line_count(self) -> int:
        return len(self.starts)


class Span:
    """Where a node or finding sits: offsets (end exclusive) and 1-based lines and columns.

    Immutable, compared, hashed, printed and pickled as the frozen dataclass it replaces (its six
    fields). A span made by ``LineIndex.span`` holds its index and finds its line and columns
    when first read; one made with all six values holds them from the start."""

    __slots__ = ("start", "end", "_line", "_column", "_end_line", "_end_column", "_index")
    __match_args__ = ("start", "end", "line", "column", "end_line", "end_column")

    start: int
    end: int

    def __init__(self, start: int, end: int, line: int, column: int, end_line: int, end_column: int) -> None:
        _set_start(self, start)
        _set_end(self, end)
        _set_line(self, line)
        _set_column(self, column)
        _set_end_line(self, end_line)
        _set_end_column(self, end_column)

    def _resolve(self) -> None:
        index = self._index
        line, column = index.position(self.start)
        end_line, end_column = index.position(self.end)
        _set_line(self, line)
        _set_column(self, column)
        _set_end_line(self, end_line)
        _set_end_column(self, end_column)

    @property
    def line(self) -> int:
        try:
            return self._line
        except AttributeError:
            self._resolve()
            return self._line

    @property
    def column(self) -> int:
        try:
            return self._column
        except AttributeError:
            self._resolve()
            return self._column

    @property
    def end_line(self) -> int:
        try:
            return self._end_line
        except AttributeError:
            self._resolve()
            return self._end_line

    @property
    def end_column(self) -> int:
        try:
            return self._end_column
        except AttributeError:
            self._resolve()
            return self._end_column

    def _fields(self) -> tuple[int, int, int, int, int, int]:
        return (self.start, self.end, self.line, self.column, self.end_line, self.end_column)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"Span(start={self.start!r}, end={self.end!r}, line={self.line!r}, column={self.column!r}, "
                f"end_line={self.end_line!r}, end_column={self.end_column!r})")

    def __reduce__(self):
        return (Span, self._fields())

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


# the slots written directly: the frozen __setattr__ refuses everyone else
_new_span = object.__new__
_set_start = Span.start.__set__  # type: ignore[attr-defined]
_set_end = Span.end.__set__  # type: ignore[attr-defined]
_set_line = Span._line.__set__  # type: ignore[attr-defined]
_set_column = Span._column.__set__  # type: ignore[attr-defined]
_set_end_line = Span._end_line.__set__  # type: ignore[attr-defined]
_set_end_column = Span._end_column.__set__  # type: ignore[attr-defined]
_set_index = Span._index.__set__  # type: ignore[attr-defined]




class Role(StrEnum):
    """What a line is for, as a reader of the guide sees it (DESIGN section 2, "Line roles").

    Wording rules judge only QUESTION and PROBE: words said to the participant to learn
    something. Everything else is read, never judged as a question."""

    QUESTION = "question"  # a question or open request to the participant
    PROBE = "probe"  # a follow-up to the question above it
    TASK = "task"  # a usability task or scenario: the participant is asked to do something
    ASSIST = "assist"  # a hint given when the participant is stuck on a task
    LOGISTICS = "logistics"  # running the session: consent, recording, screen sharing, the script
    OBSERVER = "observer"  # for the note-taker: what to watch for, answer keys
    DEBRIEF = "debrief"  # what the team asks itself after the session
    OPTIONS = "options"  # answer options or examples offered with a question
    NOTE = "note"  # a direction to the interviewer
    MATERIAL = "material"  # not the session: purpose, screener, preparation, templates
    TEXT = "text"  # anything else a reader sees


ASKED_ROLES = frozenset({Role.QUESTION, Role.PROBE})


class SectionRole(StrEnum):
    SESSION = "session"  # the conversation with the participant
    LOGISTICS = "logistics"  # moderator logistics, set-up, emergency exit
    OBSERVER = "observer"  # things to watch for, observer notes
    DEBRIEF = "debrief"  # after the session
    MATERIAL = "material"  # purpose, participants, screener, appendix: not the session


class Node(_Compared):
    """A piece of the guide a reader sees: its span, its source and its words, and the role its line plays."""

    __slots__ = ("span", "raw", "text", "role", "why")
    __match_args__ = ("span", "raw", "text")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why")
    _key = attrgetter(*_FIELDS)

    span: Span
    raw: str
    text: str
    #: what the line is for, and why the parser thinks so (guidelint.parser.roles)
    role: str
    why: str

    def __init__(self, span: Span, raw: str, text: str, *, role: str = Role.TEXT, why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why


class TimeBox(Node):
    """A time box on a heading. ``low``/``high`` in minutes; None for a placeholder."""

    __slots__ = ("low", "high", "placeholder")
    __match_args__ = ("span", "raw", "text", "low", "high", "placeholder")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "low", "high", "placeholder")
    _key = attrgetter(*_FIELDS)

    low: float | None
    high: float | None
    placeholder: bool

    def __init__(self, span: Span, raw: str, text: str, low: float | None = None, high: float | None = None,
                 placeholder: bool = False, *, role: str = Role.TEXT, why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.low = low
        self.high = high
        self.placeholder = placeholder

    @property
    def minutes(self) -> float | None:
        return self.low if self.low == self.high else None


class Attribute(Node):
    """One ``key=value`` of an attribute block (``{#id .class key=value}``)."""

    __slots__ = ("key", "value")
    __match_args__ = ("span", "raw", "text", "key", "value")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "key", "value")
    _key = attrgetter(*_FIELDS)

    key: str
    value: str

    def __init__(self, span: Span, raw: str, text: str, key: str = "", value: str = "", *, role: str = Role.TEXT,
                 why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.key = key
        self.value = value


class Sentence(Node):
    """One sentence of a question or text, and whether it asks something."""

    __slots__ = ("is_question",)
    __match_args__ = ("span", "raw", "text", "is_question")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "is_question")
    _key = attrgetter(*_FIELDS)

    is_question: bool

    def __init__(self, span: Span, raw: str, text: str, is_question: bool = False, *, role: str = Role.TEXT,
                 why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.is_question = is_question


class FrontMatter(Node):
    """The YAML front matter: its data and where each top-level key sits."""

    __slots__ = ("data", "key_spans", "valid")
    __match_args__ = ("span", "raw", "text", "data", "key_spans", "valid")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "data", "key_spans", "valid")
    _key = attrgetter(*_FIELDS)

    data: dict[str, Any]
    key_spans: dict[str, Span]
    valid: bool

    def __init__(self, span: Span, raw: str, text: str, data: dict[str, Any] = _NEW, key_spans: dict[str, Span] = _NEW,
                 valid: bool = True, *, role: str = Role.TEXT, why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.data = {} if data is _NEW else data
        self.key_spans = {} if key_spans is _NEW else key_spans
        self.valid = valid


class Heading(Node):
    """A section heading: its level, time box and attributes."""

    __slots__ = ("level", "timebox", "attributes", "style")
    __match_args__ = ("span", "raw", "text", "level", "timebox", "attributes", "style")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "level", "timebox", "attributes", "style")
    _key = attrgetter(*_FIELDS)

    level: int
    timebox: TimeBox | None
    attributes: list[Attribute]
    #: "atx", "setext" or "bold" (a bold-only line that opens a subsection)
    style: str

    def __init__(self, span: Span, raw: str, text: str, level: int = 1, timebox: TimeBox | None = None,
                 attributes: list[Attribute] = _NEW, style: str = "atx", *, role: str = Role.TEXT, why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.level = level
        self.timebox = timebox
        self.attributes = [] if attributes is _NEW else attributes
        self.style = style


class Note(Node):
    """Words for the interviewer or observers, never read as a participant question.

    kind: blockquote, italic, bracket, label, stage (a parenthetical direction), checklist,
    observer (a check in an observer section), comment, example (a question quoted under a label
    such as "Questions to avoid:").
    """

    __slots__ = ("kind",)
    __match_args__ = ("span", "raw", "text", "kind")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "kind")
    _key = attrgetter(*_FIELDS)

    kind: str

    def __init__(self, span: Span, raw: str, text: str, kind: str = "note", *, role: str = Role.TEXT, why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.kind = kind


class Text(Node):
    """Anything else a reader sees: topics, script bullets, tables, code, rules."""

    __slots__ = ("kind",)
    __match_args__ = ("span", "raw", "text", "kind")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "kind")
    _key = attrgetter(*_FIELDS)

    kind: str

    def __init__(self, span: Span, raw: str, text: str, kind: str = "paragraph", *, role: str = Role.TEXT,
                 why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.kind = kind


class Option(Node):
    """An answer option nested under a question ("Diet", "Exercise", "(OPTIONS)")."""

    __slots__ = ()


class Question(Node):
    """A question or open request a participant answers.

    form: list_item, paragraph, heading, label. One item may hold several sentences; each
    keeps its span. ``probes`` are follow-ups nested under it or written inline.
    """

    __slots__ = ("form", "sentences", "probes", "options", "notes", "attributes", "label", "indent", "italic")
    __match_args__ = ("span", "raw", "text", "form", "sentences", "probes", "options", "notes", "attributes", "label",
                      "indent", "italic")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "form", "sentences", "probes", "options", "notes",
                        "attributes", "label", "indent", "italic")
    _key = attrgetter(*_FIELDS)

    form: str
    sentences: list[Sentence]
    probes: list[Probe]
    options: list[Option]
    notes: list[Note]
    attributes: list[Attribute]
    label: str | None
    indent: int
    italic: bool

    def __init__(self, span: Span, raw: str, text: str, form: str = "list_item", sentences: list[Sentence] = _NEW,
                 probes: list[Probe] = _NEW, options: list[Option] = _NEW, notes: list[Note] = _NEW,
                 attributes: list[Attribute] = _NEW, label: str | None = None, indent: int = 0, italic: bool = False, *,
                 role: str = Role.TEXT, why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.form = form
        self.sentences = [] if sentences is _NEW else sentences
        self.probes = [] if probes is _NEW else probes
        self.options = [] if options is _NEW else options
        self.notes = [] if notes is _NEW else notes
        self.attributes = [] if attributes is _NEW else attributes
        self.label = label
        self.indent = indent
        self.italic = italic

    @property
    def question_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if s.is_question] or self.sentences[:1]

    def attribute(self, key: str) -> list[str]:
        return [a.value for a in self.attributes if a.key == key]

    def walk(self) -> Iterator[Question]:
        """This question and, depth first, its probes (iteratively: nesting can be deep)."""
        stack: list[Question] = [self]
        while stack:
            question = stack.pop()
            yield question
            if question.probes:  # most have none: no reversed() made for an empty list
                stack.extend(reversed(question.probes))


class Probe(Question):
    """A follow-up: nested (under a question), parenthetical, branch (If yes:) or label."""

    __slots__ = ("kind",)
    __match_args__ = ("span", "raw", "text", "form", "sentences", "probes", "options", "notes", "attributes", "label",
                      "indent", "italic", "kind")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "form", "sentences", "probes", "options", "notes",
                        "attributes", "label", "indent", "italic", "kind")
    _key = attrgetter(*_FIELDS)

    kind: str

    def __init__(self, span: Span, raw: str, text: str, form: str = "list_item", sentences: list[Sentence] = _NEW,
                 probes: list[Probe] = _NEW, options: list[Option] = _NEW, notes: list[Note] = _NEW,
                 attributes: list[Attribute] = _NEW, label: str | None = None, indent: int = 0, italic: bool = False,
                 kind: str = "nested", *, role: str = Role.TEXT, why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.form = form
        self.sentences = [] if sentences is _NEW else sentences
        self.probes = [] if probes is _NEW else probes
        self.options = [] if options is _NEW else options
        self.notes = [] if notes is _NEW else notes
        self.attributes = [] if attributes is _NEW else attributes
        self.label = label
        self.indent = indent
        self.italic = italic
        self.kind = kind


class Task(Node):
    """A usability task instruction (a task heading or a PROMPT: line that instructs)."""

    __slots__ = ("kind",)
    __match_args__ = ("span", "raw", "text", "kind")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "kind")
    _key = attrgetter(*_FIELDS)

    kind: str

    def __init__(self, span: Span, raw: str, text: str, kind: str = "prompt", *, role: str = Role.TEXT, why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.kind = kind


class Suppression(Node):
    """``<!-- guidelint-disable-next-line RULE -- reason -->`` and its siblings."""

    __slots__ = ("action", "rules", "reason", "target_line")
    __match_args__ = ("span", "raw", "text", "action", "rules", "reason", "target_line")
    _FIELDS = _SHOWN = ("span", "raw", "text", "role", "why", "action", "rules", "reason", "target_line")
    _key = attrgetter(*_FIELDS)

    action: str
    rules: tuple[str, ...]
    reason: str | None
    #: for disable-next-line: the line the comment applies to
    target_line: int | None

    def __init__(self, span: Span, raw: str, text: str, action: str = "disable-next-line", rules: tuple[str, ...] = (),
                 reason: str | None = None, target_line: int | None = None, *, role: str = Role.TEXT,
                 why: str = "") -> None:
        self.span = span
        self.raw = raw
        self.text = text
        self.role = role
        self.why = why
        self.action = action
        self.rules = rules
        self.reason = reason
        self.target_line = target_line


class Problem(_Compared):
    """A construct the parser could not read as intended; becomes a GL0xx diagnostic."""

    __slots__ = ("code", "message", "span", "replacement")
    __match_args__ = _FIELDS = _SHOWN = ("code", "message", "span", "replacement")
    _key = attrgetter(*_FIELDS)

    code: str
    message: str
    span: Span
    #: a mechanical fix: the text that should replace the span
    replacement: str | None

    def __init__(self, code: str, message: str, span: Span, replacement: str | None = None) -> None:
        self.code = code
        self.message = message
        self.span = span
        self.replacement = replacement


Block = Question | Note | Text | Task


class Section(_Record):
    """A heading and what follows it up to the next heading of the same or a higher level.

    The preamble (content before the first heading) is a section with ``heading=None`` and
    level 0. ``role`` says whether it is part of the session or for the team (logistics,
    observer notes, a debrief, material such as a screener); only session sections hold
    participant questions. Compared by identity.
    """

    __slots__ = ("heading", "level", "span", "blocks", "children", "_parent", "optional", "is_task", "role", "why",
                 "is_title", "__weakref__")
    __match_args__ = _FIELDS = ("heading", "level", "span", "blocks", "children", "parent", "optional", "is_task", "role",
                                "why", "is_title")
    _SHOWN = ("heading", "level", "span", "blocks", "children", "optional", "is_task", "role", "why", "is_title")

    heading: Heading | None
    level: int
    span: Span
    blocks: list[Block]
    children: list[Section]
    parent: Section | None
    optional: bool
    is_task: bool
    #: what the section is for, and why (guidelint.parser.roles)
    role: str
    why: str
    #: the heading over the whole guide (its title): never switched off by its words
    is_title: bool

    def __init__(self, heading: Heading | None, level: int, span: Span, blocks: list[Block] = _NEW,
                 children: list[Section] = _NEW, parent: Section | None = None, optional: bool = False,
                 is_task: bool = False, role: str = SectionRole.SESSION, why: str = "", is_title: bool = False) -> None:
        self.heading = heading
        self.level = level
        self.span = span
        self.blocks = [] if blocks is _NEW else blocks
        self.children = [] if children is _NEW else children
        self.parent = parent
        self.optional = optional
        self.is_task = is_task
        self.role = role
        self.why = why
        self.is_title = is_title

    # The parent is held weakly: it holds this section among its children, and a strong link back
    # made every guide a cycle that only the garbage collector frees (a collection every few guides,
    # 5 % of a check's time). A parent lives as long as its guide, or its own parent, is held.
    @property
    def parent(self) -> Section | None:
        ref = self._parent
        return None if ref is None else ref()

    @parent.setter
    def parent(self, value: Section | None) -> None:
        self._parent = None if value is None else _weak(value)

    @property
    def participant_facing(self) -> bool:
        """The session itself: what is said to and done by the participant."""
        return self.role == SectionRole.SESSION

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""

    @property
    def timebox(self) -> TimeBox | None:
        return self.heading.timebox if self.heading else None

    @property
    def questions(self) -> list[Question]:
        return [b for b in self.blocks if isinstance(b, Question)]

    @property
    def tasks(self) -> list[Task]:
        return [b for b in self.blocks if isinstance(b, Task)]

    @property
    def notes(self) -> list[Note]:
        return [b for b in self.blocks if isinstance(b, Note)]

    def walk(self) -> Iterator[Section]:
        """This section and, depth first, its subsections. With a stack: a generator per level
        handing each subsection up through the levels above cost a third more, and the checks
        walk every section of a guide about forty times."""
        stack: list[Section] = [self]
        while stack:
            section = stack.pop()
            yield section
            if section.children:
                stack.extend(reversed(section.children))

    def question_items_at_most(self, limit: int, *, below: bool = False) -> bool:
        """Whether this section (and, with ``below``, its subsections) holds at most ``limit``
        question items: a cheap bound before working out which of them one participant is asked."""
        count = 0
        for section in (self.walk() if below else (self,)):
            for block in section.blocks:
                if isinstance(block, Question):
                    count += 1
                    if count > limit:
                        return False
        return True

    def question_runs(self) -> dict[int, int]:
        """Which run of questions each of this section's questions (and probes) is in, by id: a
        paragraph or a task between them ("On the confirmation screen:", "A week later you check
        again.") starts another screen or step, which the questions after it are about."""
        run, run_of = 0, {}
        for block in self.blocks:
            if isinstance(block, (Text, Task)):
                run += 1
            elif isinstance(block, Question):
                for asked in block.walk():
                    run_of[id(asked)] = run
        return run_of

    def ancestors(self) -> Iterator[Section]:
        parent = self.parent
        while parent is not None:
            yield parent
            parent = parent.parent

    @property
    def in_task(self) -> bool:
        """A usability task's section, or one inside it."""
        return self.is_task or any(p.is_task for p in self.ancestors())

    def all_questions(self) -> list[Question]:
        """Top-level questions of this section and all its subsections."""
        return [q for s in self.walk() for q in s.questions]


class SourceMap:
    """How a guide read from another format (a Word document) points back into it.

    The guide is parsed from Markdown generated from the original; ``text`` is the original's
    own text with one line per unit (a Word paragraph), so a generated offset maps to a line
    (the paragraph's number) and a column in it. Markup the generator added (``## ``, ``- ``,
    ``**``) maps to the start of the words that follow it.
    """

    __slots__ = ("unit", "text", "lines", "_generated", "_original", "_lengths")

    def __init__(self, unit: str, text: str, segments: list[tuple[int, int, int]]) -> None:
        #: each segment: (offset in the generated Markdown, offset in ``text``, length)
        self.unit = unit
        self.text = text
        self.lines = LineIndex(text)
        ordered = sorted(segments)
        self._generated = [g for g, _, _ in ordered]
        self._original = [o for _, o, _ in ordered]
        self._lengths = [n for _, _, n in ordered]

    def offset(self, generated: int, *, end: bool = False) -> int:
        """The original offset of a generated one; an exclusive ``end`` stays on the words before it."""
        if not self._generated:
            return 0
        k = bisect.bisect_right(self._generated, generated - (1 if end else 0)) - 1
        if k < 0:
            return self._original[0]
        inside = generated - self._generated[k]
        if inside <= self._lengths[k]:
            return self._original[k] + inside
        # in markup between segments: a start moves on to the next words, an end stays behind
        if end or k + 1 == len(self._generated):
            return self._original[k] + self._lengths[k]
        return self._original[k + 1]

    def span(self, span: Span) -> Span:
        start = self.offset(span.start)
        end = max(start, self.offset(span.end, end=True)) if span.end > span.start else start
        return self.lines.span(start, end)


class Guide(_Record):
    """A parsed guide: its source, sections, suppressions and the problems found reading it. Compared by identity."""

    __slots__ = ("path", "source", "lines", "front_matter", "sections", "suppressions", "problems", "had_bom", "newline",
                 "origin")
    __match_args__ = _FIELDS = _SHOWN = __slots__

    path: str
    source: str
    lines: LineIndex
    front_matter: FrontMatter | None
    sections: list[Section]
    suppressions: list[Suppression]
    problems: list[Problem]
    had_bom: bool
    newline: str
    #: set when the guide was read from a Word document: positions are reported in its paragraphs
    origin: SourceMap | None

    def __init__(self, path: str, source: str, lines: LineIndex, front_matter: FrontMatter | None, sections: list[Section],
                 suppressions: list[Suppression] = _NEW, problems: list[Problem] = _NEW, had_bom: bool = False,
                 newline: str = "\n", origin: SourceMap | None = None) -> None:
        self.path = path
        self.source = source
        self.lines = lines
        self.front_matter = front_matter
        self.sections = sections
        self.suppressions = [] if suppressions is _NEW else suppressions
        self.problems = [] if problems is _NEW else problems
        self.had_bom = had_bom
        self.newline = newline
        self.origin = origin

    @property
    def unit(self) -> str:
        """What a finding's line number counts: "line", or "paragraph" in a Word guide."""
        return self.origin.unit if self.origin is not None else "line"

    def where(self, span: Span) -> str:
        """A place for a message: "line 12", or "paragraph 9" in a Word guide."""
        if self.origin is None:
            return f"line {span.line}"
        return f"{self.origin.unit} {self.origin.span(span).line}"

    @property
    def meta(self) -> dict[str, Any]:
        # (a block that does not parse keeps the lines that parse alone: frontmatter._line_by_line)
        return self.front_matter.data if self.front_matter else {}

    @property
    def title(self) -> str:
        title = self.meta.get("title")
        if isinstance(title, str) and title.strip():
            return title.strip()
        for section in self.iter_sections():
            if section.heading is not None:
                return section.title
        return ""

    def iter_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def questions(self, *, participant_only: bool = True) -> list[Question]:
        """Top-level questions in document order (probes hang off them). With
        ``participant_only`` (the default), only questions asked in the session: not a task, a
        consent check or an observer's note that is written as a question."""
        return [
            q
            for s in self.iter_sections()
            if s.participant_facing or not participant_only
            for q in s.questions
            if q.role in ASKED_ROLES or not participant_only
        ]

    def all_questions(self, *, participant_only: bool = True) -> Iterator[Question]:
        """Every question and probe, depth first, in document order."""
        for question in self.questions(participant_only=participant_only):
            for asked in question.walk():
                if asked.role in ASKED_ROLES or not participant_only:
                    yield asked

    def section_of_line(self, line: int) -> Section | None:
        found = None
        for section in self.iter_sections():
            if section.span.line <= line < max(section.span.end_line, section.span.line + 1) or (
                section.span.line <= line <= section.span.end_line
            ):
                found = section
        return found

    def line_text(self, line: int) -> str:
        starts = self.lines.starts
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")
