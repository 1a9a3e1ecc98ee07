"""Builds the typed model (guidelint.model) from the blocks the Lark grammar groups.

The grammar says which lines form a heading, an item, a paragraph; this module says what they
mean in a guide: sections and their time boxes, questions and their probes, tasks, notes,
suppressions. Nesting comes from indentation with a stack (tabs count to the next multiple of
four), because real guides mix tabs and 2-, 4- and 5-space indents.
"""

from __future__ import annotations

import re
from operator import attrgetter
from typing import Callable

from lark import Token, Tree

from guidelint.model import (
    Attribute,
    FrontMatter,
    Guide,
    Heading,
    LineIndex,
    Note,
    Option,
    Probe,
    Problem,
    Question,
    Role,
    Section,
    SectionRole,
    Sentence,
    Span,
    Suppression,
    Task,
    Text,
    TimeBox,
)
from guidelint.parser import inline, roles
from guidelint.parser.frontmatter import read_front_matter
from guidelint.parser.inline import Clean, clean, is_question_sentence, split_sentences
from guidelint.pattern_cache import LazyPattern
from guidelint.questions.text import addresses_them
from guidelint.records import Compared

_ITEM_MARKER = re.compile(r"[ \t]*(?:[-*+•◦▪]|\d{1,9}[.)]|\d{1,3}(?:\.\d{1,3})+\.?(?=[ \t]))(?:[ \t]|$)")
# the markers most items have, tested as characters before _ITEM_MARKER is tried (sets: "" is in none)
_BULLETS = frozenset("-*+")
_DIGITS = frozenset("0123456789")
_NUMBER_ENDS = frozenset(".)")
_BLANKS = frozenset(" \t")
_CHECKBOX = re.compile(r"\[[ xX]\][ \t]+|\[[ xX]\]$")
_BOX_LINE = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]")
_SECOND_PERSON = re.compile(r"\b(?:you|your|you'?re|yours|yourself|you'?ve|you'?d|you'?ll)\b", re.IGNORECASE)
_ATX = re.compile(r" {0,3}(#{1,6})[ \t]*")
_CLOSING_HASHES = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_BOLD_LINE = re.compile(r"^(\*\*|__)(?P<body>[^*_].{0,80}?)\1[ \t]*:?[ \t]*$")
# A plain line that names a part and its minutes in brackets, "Warm-up (5 min)": it heads the
# lines below it as a heading would (a line of a paragraph, so a reader sees a label above its
# questions). The box is read by the headings' own TIMEBOX; the label must be a short name.
_LABEL_NAME = re.compile(r"[A-Za-z](?:[^?!.()\[\]:]|\.(?=\S)){0,60}")
# "Part 2:", "Section B -", "3." in front of a label's name
# an outline's part number, "II. " before a capital (matched with case, inside patterns without it)
_ROMAN = r"(?-i:[IVX]{1,5}\.[ \t]+(?=[A-Z]))"
_PART_WORD = rf"(?:(?:part|section|step|phase|stage|module)\s*[\w.]{{1,4}}\s*[:.)\-–—]\s*|{_ROMAN})"
# ("1.0 INTRODUCTION", "2.1 Tell me…": an outline's numbers; "C. LIFE IN THE VILLAGE": an agency's
# lettered part, before a name in capitals)
_PART_NUMBER = re.compile(rf"^(?:{_PART_WORD}|\d{{1,2}}\.\d{{1,2}}\.?\s+|\d{{1,2}}[a-z]?\s*[.):\-–—]\s*"
                          r"|(?-i:[A-Z]\.[ \t]+(?=[A-Z][A-Z])))", re.IGNORECASE)
# a slide's speaker notes under its bullet: "Notes: Ask: …", "Speaker notes: …"
_SPEAKER_NOTES_LINE = re.compile(r"[ \t]{0,3}(?:\*\*|__)?(?:speaker\s+)?notes?(?:\*\*|__)?\s*:", re.IGNORECASE)
# a line that opens with a pictograph as its marker ("👉", "❓", "📝", "⏱"; not an arrow, which
# marks a probe of the line above: "→ Probe: …")
_MARKED_LINE = re.compile(r"[ \t]{0,3}[\u2300-\u23ff\u2600-\u27bf\u2b50-\u2b55\U0001F300-\U0001FAFF]")
# a formal outline's line: "II. INTRODUCTION (5 minutes)", "  A. Interviewer reads:", "  b. …"
_OUTLINE_LINE = re.compile(r"[ \t]*(?:[IVX]{1,5}|[A-Z]|[a-z])\.[ \t]+\S")
_ROMAN_PART = re.compile(_ROMAN)
# a collapsible toggle's arrow before an item's name, as Notion exports it
_TOGGLE = re.compile(r"[▶▸►⏵▾▼▹][\ufe0f]?[ \t]+")
# (a name with a letter in it: a line of dashes alone is a rule, not a part)
_RULED_PART = re.compile(r"[ \t]{0,3}(?:={3,}|-{3,}|\*{3,})[ \t]*(?P<name>[^=\n]*?[A-Za-z][^=\n]*?)[ \t]*"
                         r"(?:={3,}|-{3,}|\*{3,})[ \t]*$")
_CLOCK_IN_BRACKETS = re.compile(r"^\[\s*\d{1,2}[:.]\d{2}\s*(?:-|–|—|to)\s*\d{1,2}[:.]\d{2}\s*\]\s*")
_SPELT_OUT_BOX = re.compile(r"[-–—]\s*(?:about\s+|around\s+|~\s*)?\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s*(?:minutes?|mins?|hours?)\b", re.IGNORECASE)
# a length or a total said as a label is the session's, not a part of it
_NOT_A_PART = re.compile(r"\b(?:total|length|duration|session|interview|call|time|agenda|estimated|approx\w*)\b|^overall$",
                         re.IGNORECASE)
# a part named after its box: only a total or a length is no part ("[10'] last time it happened" is)
_NOT_A_PART_LED = re.compile(r"\b(?:total|length|duration|overall|agenda|estimated)\b", re.IGNORECASE)
_COVERS = re.compile(r"\s*[—–]\s*|\s+-\s+")
_DIRECTIVE = re.compile(
    r"<!--\s*guidelint-(?P<action>[a-z-]+)\b(?P<rest>[\s\S]*?)-->"
)
_ACTIONS = ("disable-next-line", "disable-file", "disable", "enable")
# An item is nested under the one above when indented at least two columns deeper; real
# guides nest with 2, 4 or 5 spaces or tabs, under "-" and "1." markers alike.
NEST_STEP = 2
# A participant's words quoted as evidence: "> \"Why would anyone hide the export button?\" (P3)" or
# "> … — Participant 4". They were said, not to be asked, so no wording rule reads them.
_QUOTED_PARTICIPANT = re.compile(
    r"^[\"“”„«‘'](?=\S)"
    r"|(?:[(\[]\s*|[—–~-]{1,2}\s*)(?:P|participant|user|respondent|interviewee)\s*#?\s*\d{1,4}\b[^()\[\]]{0,40}[)\]]?\s*\.?$",
    re.IGNORECASE,
)
# a question in quotes, the whole quote: '> "What changed?"' is the line the interviewer reads out
# when it speaks to them or the guide quotes its questions so (a participant's words carry "— P3")
_QUOTED_QUESTION = re.compile(r"[\"“]\s*[^\"“”]{2,300}\?\s*[\"”]\s*")
_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary[^>]*>(.{1,120}?)</summary>", re.IGNORECASE)
# "Probes:", "Possible follow-ups:", "Follow-up questions:": the list below probes the question above
_PROBES_LABEL = re.compile(
    r"(?:possible\s+|optional\s+|suggested\s+)?(?:probes?|probe\s+bank|probing\s+questions|follow[- ]?ups?(?:\s+questions)?)"
    r"(?:\s*\([^()\r\n]{1,60}\))?\s*:?",  # "Probe bank (use when the story goes thin):"
    re.IGNORECASE,
)
# A line that opens with a question's number or id: "**A2.**", "Q3:", "B4)", "2.", "**2.1**", "3.2" (an ordered list
# that does not start at 1 cannot interrupt a paragraph in Markdown, but a reader sees an item)
# a follow-up numbered after its question: "4a.", "12b)", "a)", "(b)", an outline's "A."
_SUB_ITEM = re.compile(r"[ \t]*(?:\d{1,3}[a-z][.)]?|[A-Za-z][.)]|\([a-zA-Z]\))[ \t]+(?=\S)")
_ITEM_ID_LINE = re.compile(
    r"[ \t]{0,3}(?:(?:\*\*|__)[ \t]*(?:Q[ \t]*)?[A-Z]?\d{1,3}(?:\.\d{1,3})*[a-z]?[ \t]*[.:)]?[ \t]*(?:\*\*|__)"
    r"|(?:Q[ \t]*)?[A-Z]\d{1,3}[a-z]?[.:)]|Q[ \t]*\d{1,3}[.:)]|\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+[.)]?)[ \t]+\S"
)
# A bold label alone on its line, "**Observer notes:**" or "**After the task**:": a reader sees the
# start of a new part (what follows is the observer's, or the questions after the task), though
# Markdown joins the line to the paragraph or item above it
_BOLD_LABEL_LINE = re.compile(r"[ \t]{0,3}(?:\*\*|__)[^*_\r\n]{1,60}?(?::[ \t]*(?:\*\*|__)|(?:\*\*|__)[ \t]*:)[ \t]*")
_SCALE_LINE = re.compile(r"[ \t]*(?:(?:\*\*|__)?(?:show\s*card|card|scale)\b[^:\n]{0,12}:(?:\*\*"
                         r"|__)?[ \t]*)?\(?\d{1,2}[ \t]*(?:=|-|–|:)[ \t]*[A-Za-z]",
                         re.IGNORECASE)
# a line that opens with the moderator's label: "PROBE for each: …", "MODERATOR: …", "Prompts: …"
_LABELLED_LINE = re.compile(r"[ \t]*[*_]{0,2}(?:probes?|prompts?|note|moderator|mod|interviewer|listen\s+for|watch\s+for)\b"
                            r"[^:\r\n]{0,20}:", re.IGNORECASE)
_SAY_OR_ASK_LINE = re.compile(r"[ \t]*[*_]{0,2}(?:say|ask)[*_]{0,2}\s*:", re.IGNORECASE)
_OWN_QUESTION_LINE = re.compile(r"[ \t]{0,3}[\"“]?[A-Z][^\r\n]{8,}\?[\"”]?[ \t]*")
_SENTENCE_AT_THE_MARGIN = re.compile(r"[\"“*_]{0,2}[A-Z][a-z']*[ ,][^\r\n]{6,}[.?!][\"”*_]{0,2}[ \t]*$")
_QUOTE_MARK = re.compile(r"[ \t]{0,3}>[ \t]?")
# "RESPONDENT BACKGROUND ………… 5 mins" after a list marker: a name, then a dotted leader (the box
# after it is read as a heading's box is)
_LEADER = re.compile(r"[ \t]*[A-Za-z][^.…?!\r\n]{1,60}?[ \t]*(?:…|\.{3})")
# a short line in lower case that opens as a question or a sentence does ("what happens next")
_QUESTION_WORD_FIRST = re.compile(r"(?:what|how|why|when|where|who|which|then|and|so|if|ask|tell|do|don't|did|is|are)\b")
# "Section 2 – The day you left", "Part B: Follow-up": a part named on a plain line
_PART_LABEL = re.compile(_PART_WORD + "[A-Za-z]", re.IGNORECASE)
# a line that says or asks something rather than naming a part
_SAYS_SOMETHING = re.compile(
    r"(?:we|i|you|they|it|this|these|there|he|she|please|ask|tell|read|say|check|make|remember|note|if|when)\b"
    r"|\S+\s+(?:\S+\s+)?(?:will|are|is|was|were|can|could|should|must|would|has|have|do|does)\b", re.IGNORECASE)
# the next line starts a list: "1. Check the…", "- Ask…"
_LIST_LINE_NEXT = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S")
_TABLE_RULE = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")
# the column that asks: "Ask", "Question", "What to ask", "Say", "Prompt"
_ASK_COLUMN = re.compile(r"(?:ask|asks|questions?|q|what\s+to\s+(?:ask|say)|say|script|prompts?"
                         r"|(?:main|interview|core)\s+questions?"
                         r"|say\s*(?:/|or|and|&)\s*do|(?:moderator|interviewer|facilitator)\s+(?:says|script))",
                         re.IGNORECASE)
# a cell of a script table that is all one quotation, perhaps after a short label ("PHOTO:")
_QUOTED_CELL = re.compile(r"(?:[A-Z][A-Z /&-]{1,24}:[ \t]*)?[\"“]([^\"“”]+)[\"”]")
_TIMING_CELL = re.compile(r"[\d:.\s–—-]*(?:min(?:ute)?s?|m|')?\s*")
# a material heading that names the session's plan: its table may be the session itself
_PLAN_NAMED = re.compile(r"\b(?:session|interview|study|visit|call)\s+plan\b|plan\s+at\s+a\s+glance|running\s+order|run\s+sheet",
                         re.IGNORECASE)
_WORDING_TABLE = re.compile(r"\b(?:don'?t|do\s+not|avoid|instead|why\s+not|drafted|draft|bad|weak|poor|rewrite|rewritten"
                            r"|original|before|after|better)\b", re.IGNORECASE)
_PART_COLUMN = re.compile(r"(?:parts?|sections?|stages?|phases?|activit(?:y|ies)|topics?|blocks?|segments?)", re.IGNORECASE)
_PROBE_COLUMN = re.compile(r"(?:probes?|follow[- ]?ups?|probing\s+questions?)", re.IGNORECASE)


def _label_box_start(line: str) -> int | None:
    """Where the time box of a part's label line starts: a bracketed box, minutes written out after
    a dash, or a dashed box with a note in brackets after it ("ARRIVAL - 15 min (on the quay…)")."""
    box = inline.search_timebox(line)
    if box is not None:
        ok = box.group("open") in ("(", "[") or _SPELT_OUT_BOX.search(line, box.start()) is not None
        return box.start() if ok else None
    if line.endswith(")") and _SPELT_OUT_BOX.search(line):
        noted = inline.find_timebox(line)
        if noted is not None and noted.low is not None and noted.problem is None:
            return noted.start
    return None



def _table_cells(row: Token, start: int) -> list[tuple[int, int]]:
    """Each cell of a table row as (start, end) in the source, trimmed, without the outer pipes;
    an escaped pipe (\\|) stays in its cell."""
    line = _strip_eol(row)
    bounds = [k for k, ch in enumerate(line) if ch == "|" and (k == 0 or line[k - 1] != "\\")]
    inner = line.strip()
    lead = len(line) - len(line.lstrip())
    if not inner.startswith("|"):
        bounds.insert(0, lead - 1)
    if not inner.endswith("|") or len(bounds) < 2:
        bounds.append(len(line.rstrip()))
    out = []
    for a, b in zip(bounds, bounds[1:]):
        text = line[a + 1:b]
        left = len(text) - len(text.lstrip())
        cell = start + a + 1 + left
        out.append((cell, max(cell, start + a + 1 + len(text.rstrip()))))  # a blank cell is empty, not reversed
    return out


# The next line is an item nested under this one: "- Warm-up (5 min)" then "    - How long…?"
_NESTED_ITEM_NEXT = re.compile(r"[ \t]*\r?\n(?: {2,}|\t)[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]")
# "(15)" closing a heading: minutes, when the headings beside it all say so (_bare_minutes)
_BARE_MINUTES = re.compile(r"\s\((\d{1,2}|1[01]\d|120)\)\s*$")
_FENCE_OPEN = re.compile(r"[ \t]*(?:`{3,}(?![^`\r\n]*`)|~{3,})")


def _team_label(line: str) -> tuple[str, str] | None:
    """The purpose a line's own label names, when it is the team's: "Debrief after each call (team
    only): …", "Observer notes: …". None for a label of the session's ("Intro: …")."""
    colon = line.find(":", 0, 80)
    if colon < 4:
        return None
    purpose = roles.heading_purpose(line[:colon].strip(" \t*_#"))
    if purpose is None or purpose[0] not in (SectionRole.DEBRIEF, SectionRole.OBSERVER):
        return None
    return purpose


def _for_the_note_taker(line: str) -> bool:
    """A line addressed to the note-taker or observers ("Note-taker: capture every screen name",
    "**Observer:** …", "Watch for: …"): theirs, though Markdown joins it to the question above."""
    text = line.strip(" \t*_")
    if ":" not in text[:40]:
        return False
    m = inline.SPEAKER_PREFIX.match(text)
    if m is not None:
        return m["who"].lower() not in ("mod", "moderator", "facilitator", "interviewer")
    m = inline.LABEL.match(text)
    return m is not None and m["label"].lower() in inline.NOTE_LABELS


def _indent_width(line: str) -> int:
    if line[:1] not in (" ", "\t"):  # most lines start at the margin
        return 0
    lead = len(line) - len(line.lstrip(" "))
    if line[lead:lead + 1] != "\t":  # spaces alone: one column each
        return lead
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _strip_eol(value: str) -> str:
    """A line without its line ending, as a plain str (also of a Lark token, which is a str)."""
    return value.rstrip("\r\n")


# A label over examples of what not to ask: "Stop asking:", "Bad questions:", "Questions to avoid:"
_DONT_ASK = LazyPattern(
    r"\b(?:don'?t|do\s+not|never|stop|avoid|not\s+to)\s+(?:ever\s+)?ask(?:ing)?\b|\b(?:bad|leading|poor|weak|banned)\s+questions?\b"
    r"|\bquestions?\s+(?:to\s+avoid|not\s+to\s+ask|i\s+(?:should|need\s+to)\s+(?:stop|avoid))\b"
    r"|^\W*(?:also\s+)?(?:avoid|don'?t\s+ask|never\s+ask)\W*$",  # the bare label "Also avoid:"
    re.IGNORECASE,
)


# An item that quotes what not to ask: 'Don't ask "Wouldn't it be great if…?" It tells them…'
_DONT_ASK_ITEM = re.compile(r"\W*(?:don'?t|do\s+not|never|avoid)\s+(?:ever\s+)?(?:ask|say)(?:ing)?\b[^\"“]{0,20}[\"“]",
                            re.IGNORECASE)


# "Don't ask them to predict; ask about the last time instead:" introduces what to ask
_ASK_INSTEAD = re.compile(r"\binstead\b|\bask\s+(?:about|for|how|what|when|why|them\s+to\s+(?:describe|tell|walk))\b", re.IGNORECASE)


def _warns_against_asking(node: object) -> bool:
    text = getattr(node, "text", "")
    return (isinstance(node, (Text, Note)) and text.rstrip(" *_").endswith(":") and _DONT_ASK.search(text) is not None
            and _ASK_INSTEAD.search(text) is None)


class _Open(Compared):
    """An entry in the list-nesting stack."""

    __slots__ = ("indent", "node", "question")
    __match_args__ = ("indent", "node", "question")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    indent: int
    node: object
    #: the question that a branch marker ("If yes:") or a question item leads to
    question: Question | None

    def __init__(self, indent: int, node: object, question: Question | None) -> None:
        self.indent = indent
        self.node = node
        self.question = question


class Builder:
    def __init__(self, path: str, source: str, had_bom: bool) -> None:
        self.path = path
        self.source = source
        self.lines = LineIndex(source)
        self.had_bom = had_bom
        self.problems: list[Problem] = []
        self.suppressions: list[Suppression] = []
        self.front_matter: FrontMatter | None = None
        self.roots: list[Section] = []
        self.stack: list[Section] = []  # open sections, outermost first
        self.preamble: Section | None = None
        # the section blocks go to: the innermost open one, or the preamble once it is made (read
        # as ``self.current or self.section`` on an item's path, where the property's call counts)
        self.current: Section | None = None
        self.items: list[_Open] = []
        # A question that the next top-level list opens up: a question heading, a question
        # paragraph, or the question a branch marker ("If needed:") leads to.
        self.lead_question: Question | None = None
        self.lead_from_branch = False
        self.pending_suppressions: list[Suppression] = []
        self.seen_heading = False
        # a role the lines after a label take: (role, why, "list" | "details")
        self.label_role: tuple[str, str, str] | None = None
        self.label_marker: str | None = None
        self.box_runs: dict[int, bool] = {}  # line start -> whether its run of box items says "you"
        # the guide writes its questions as quotes ('> "How often did you go?"'): once one that
        # speaks to them is read, a quoted question ('> "What changed?"') is one of them
        self.quotes_questions = False
        # the index's own method, not a method of ours calling it: every node, sentence and note
        # makes a span, and the second call was a tenth of a span's cost
        self.span: Callable[[int, int], Span] = self.lines.span

    # ---- helpers ---------------------------------------------------------------------------

    def problem(self, code: str, message: str, start: int, end: int, replacement: str | None = None) -> None:
        self.problems.append(Problem(code, message, self.span(start, end), replacement))

    @property
    def section(self) -> Section:
        if self.current is None:  # content before the first heading: the preamble, made once
            self.preamble = self.current = Section(None, 0, self.span(0, 0))
            self.roots.append(self.preamble)
        return self.current

    def add_block(self, block) -> None:
        (self.current or self.section).blocks.append(block)

    def _lead(self, question: Question | None, *, branch: bool = False) -> None:
        self.lead_question = question
        self.lead_from_branch = branch and question is not None

    # ---- entry -----------------------------------------------------------------------------

    def build(self, tree: Tree) -> Guide:
        for child in tree.children:
            if isinstance(child, Token):
                if child.type == "ITEM":  # an item of one line: the grammar gives it no tree of its own
                    self._list_item(child, [])
                continue  # BLANK
            handler = getattr(self, "on_" + child.data)
            handler(child)
        end = len(self.source)
        for section in self.stack:
            self._close(section, end)
        for sup in self.pending_suppressions:
            sup.target_line = None
        newline = "\r\n" if "\r\n" in self.source[:4096] else ("\r" if "\r" in self.source[:4096] else "\n")
        guide = Guide(
            path=self.path,
            source=self.source,
            lines=self.lines,
            front_matter=self.front_matter,
            sections=self.roots,
            suppressions=self.suppressions,
            problems=self.problems,
            had_bom=self.had_bom,
            newline=newline,
        )
        self._bare_minutes(self.roots)
        _elapsed_clock(self.roots)
        roles.assign(guide)
        return guide

    def _bare_minutes(self, sections: list[Section]) -> None:
        """Read "## 1. Last incident (15)" as a box of 15 minutes when three or more headings
        beside it end in a bare number in brackets and none has a box: a run sheet's numbers,
        written without their unit."""
        marked = [(s, m) for s in sections if s.heading is not None and s.heading.timebox is None
                  and s.heading.style != "bold" and (m := _BARE_MINUTES.search(s.heading.text)) is not None]
        if len(marked) >= 3 and not any(s.heading.timebox is not None for s in sections if s.heading is not None):
            for section, m in marked:
                heading, minutes = section.heading, float(m.group(1))
                at = heading.span.start + heading.raw.rfind(m.group(0).strip())
                box = m.group(0).strip()
                heading.timebox = TimeBox(self.span(at, at + len(box)), box, m.group(1), minutes, minutes, False)
                heading.text = heading.text[: m.start()].rstrip()
        for section in sections:
            if section.children:
                self._bare_minutes(section.children)

    def _close(self, section: Section, end: int) -> None:
        start = section.span.start
        text = self.source[start:end]
        trimmed = len(text.rstrip())
        section.span = self.span(start, start + trimmed)

    def _resolve_pending(self, token_start: int) -> None:
        if self.pending_suppressions:
            line = self.lines.position(token_start)[0]
            for sup in self.pending_suppressions:
                sup.target_line = line
            self.pending_suppressions = []

    # ---- blocks ----------------------------------------------------------------------------

    def on_front_matter(self, tree: Tree) -> None:
        token = tree.children[0]
        self.front_matter = read_front_matter(self, token.start_pos, str(token))

    def on_thematic_break(self, tree: Tree) -> None:
        self._lead(None)
        token = tree.children[0]
        self._resolve_pending(token.start_pos)
        self.items.clear()
        if token.start_pos == 0:
            self._check_unclosed_front_matter(token)
        self.label_role = None  # a break ends what a label or an unclosed <details> covered
        self.add_block(self._text(token.start_pos, token.end_pos, "break"))

    def _check_unclosed_front_matter(self, token: Token) -> None:
        # A `---` on line 1 followed by `key: value` lines that never close.
        following = self.source[token.end_pos : token.end_pos + 200]
        if re.match(r"[A-Za-z_][\w-]*[ \t]*:", following):
            line_end = token.start_pos + len(_strip_eol(token))
            self.problem(
                "front-matter-invalid",
                "front matter opened here is never closed; add a `---` line after it",
                token.start_pos,
                line_end,
            )

    def on_code_block(self, tree: Tree) -> None:
        self._lead(None)
        token = tree.children[0]
        self._resolve_pending(token.start_pos)
        end = token.start_pos + len(str(token).rstrip("\r\n"))
        self._end_list_label()
        raw = self.source[token.start_pos:end]
        self.add_block(Text(self.span(token.start_pos, end), raw, _prose_in_a_fence(raw), "code"))

    def _end_list_label(self) -> None:
        # "Things to look out for:" covers the list under it; a code block or table ends that list
        # (a <details> label holds until </details>, which may wrap code and tables)
        if self.label_role is not None and self.label_role[2] == "list":
            self.label_role = None

    def on_table(self, tree: Tree) -> None:
        self._lead(None)
        first, last = tree.children[0], tree.children[-1]
        self._resolve_pending(first.start_pos)
        end = last.start_pos + len(_strip_eol(last))
        raw = self.source[first.start_pos:end]
        self._end_list_label()
        # "## Session plan" then "| Min | Part | Say / do | Notes |": the plan is the session's script
        section = self.section
        if section.role == SectionRole.MATERIAL and _PLAN_NAMED.search(section.title) is not None:
            was = section.role, section.why  # read as the session while its rows are classified
            section.role, section.why = SectionRole.SESSION, "its plan is a table of what to ask"
            if self._table_of_questions(tree.children):
                return
            section.role, section.why = was
        elif section.participant_facing and self._table_of_questions(tree.children):
            return
        self.add_block(Text(self.span(first.start_pos, end), raw, clean(raw, first.start_pos).text, "table"))

    def _table_of_questions(self, rows: list[Token]) -> bool:
        """A table whose column asks ("| Ask | Listen for |", or a column of questions): each row's
        ask is a question, a "Probe" column its probes, the other cells notes for the interviewer.
        A table of anything else (a run of show, options) stays one block of text."""
        cells = [_table_cells(row, row.start_pos) for row in rows]
        if len(cells) < 3 or not _TABLE_RULE.fullmatch(_strip_eol(rows[1]).strip()):
            return False
        header, body = [self.source[a:b].strip(" *_:") for a, b in cells[0]], cells[2:]
        if any(_WORDING_TABLE.search(name) for name in header):
            return False  # "| Don't ask | Ask instead |": wording to learn from, not the session's questions
        column = next((k for k, name in enumerate(header) if _ASK_COLUMN.fullmatch(name)), None)
        if column is None:
            for k in range(len(header)):
                texts = [self.source[row[k][0]:row[k][1]].rstrip(" *_\"'”") for row in body if k < len(row)]
                if texts and sum(t.endswith("?") for t in texts) * 5 >= len(texts) * 3:
                    column = k
                    break
        if column is None:
            return False
        probe_columns = {k for k, name in enumerate(header) if _PROBE_COLUMN.fullmatch(name)}
        part = next((k for k, name in enumerate(header) if k != column and _PART_COLUMN.fullmatch(name)), None)
        for row in body:
            has_part = part is not None and part < len(row)
            name = clean(self.source[row[part][0]:row[part][1]], row[part][0]).text if has_part else ""
            if name:
                # "| 20-40 | Medicines today | …": the rows below it, to the next name, are one part
                a, b = row[part]
                self.add_block(Text(self.span(a, b), self.source[a:b], name, "table_part"))
            if column >= len(row) or row[column][0] == row[column][1]:
                continue
            node = self._classify(*self._words_to_say(*row[column]), "paragraph", 0)
            if node is None:
                continue
            self._attach(node, None, 0, track=False)
            if not isinstance(node, Question):
                # the row's other cells say how to run it ("Go through the consent form"): kept, as
                # a question's are, so what the guide says of consent or data use is read
                for k, (a, b) in enumerate(row):
                    if k not in (column, part) and a != b and not _TIMING_CELL.fullmatch(self.source[a:b]):
                        self.add_block(Note(self.span(a, b), self.source[a:b], clean(self.source[a:b], a).text, "observer"))
                continue
            for k, (a, b) in enumerate(row):
                if k in (column, part) or a == b:
                    continue
                if k in probe_columns:
                    probe = self._classify(a, b, "paragraph", 0)
                    if isinstance(probe, Question):
                        node.probes.append(_as_probe(probe, "label"))
                        continue
                text = clean(self.source[a:b], a).text
                node.notes.append(Note(self.span(a, b), self.source[a:b], text, "observer"))
        return True

    def _words_to_say(self, start: int, end: int) -> tuple[int, int]:
        """A script cell's words inside their quotes: '"How do you remember to take them?"' and
        'PHOTO: "Would it be all right if…?"' are the words said, not a quotation of someone."""
        m = _QUOTED_CELL.fullmatch(self.source, start, end)
        return (m.start(1), m.end(1)) if m else (start, end)

    def on_blockquote(self, tree: Tree) -> None:
        self._lead(None)
        first, last = tree.children[0], tree.children[-1]
        self._resolve_pending(first.start_pos)
        end = last.start_pos + len(_strip_eol(last))
        pieces: list[Clean] = []
        for token in tree.children:
            line = _strip_eol(token)
            prefix = _QUOTE_MARK.match(line)
            piece = clean(line[prefix.end():], token.start_pos + prefix.end())
            if piece.text:
                if pieces:  # the line break reads as a space
                    at = token.start_pos - 1
                    pieces.append(Clean(" ", [0], [at], at + 1))
                pieces.append(piece)
        self.items.clear()
        if not pieces:
            self.add_block(Note(self.span(first.start_pos, end), self.source[first.start_pos:end], "", "blockquote"))
            return
        joined = _join(pieces, pieces[-1])
        # A question the interviewer reads out is a question ("> So, how did you choose it?");
        # a GitHub alert ("> [!NOTE]") and a quoted example stay notes.
        quoted_question = _QUOTED_QUESTION.fullmatch(joined.text) is not None and (
            self.quotes_questions or addresses_them(joined.text))
        if not _ALERT.match(joined.text) and (not _QUOTED_PARTICIPANT.search(joined.text) or quoted_question):
            question = self._question_from(first.start_pos, end, joined, form="blockquote")
            if question is not None:
                self.quotes_questions = self.quotes_questions or quoted_question
                self._details_role(question)
                self.add_block(question)
                return
        note = Note(self.span(first.start_pos, end), self.source[first.start_pos:end], joined.text, "blockquote")
        self._details_role(note)
        self.add_block(note)

    def _details_role(self, node) -> None:
        # "<summary>Notes for observers</summary>" then "> Did they find the coupon box?": the
        # quote is the observers', as a list inside the same <details> would be
        if self.label_role is not None and self.label_role[2] == "details":
            node.role, node.why = self.label_role[0], self.label_role[1]

    def on_html_comment(self, tree: Tree) -> None:
        token = tree.children[0]
        raw = str(token)
        start = token.start_pos + (len(raw) - len(raw.lstrip()))
        end = token.start_pos + len(raw.rstrip())
        m = _DIRECTIVE.search(raw)
        if not m:
            return
        action = m.group("action")
        dstart = token.start_pos + m.start()
        dend = token.start_pos + m.end()
        if action not in _ACTIONS:
            self.problem(
                "syntax-error",
                f"unknown directive 'guidelint-{action}'; use disable-next-line, disable, "
                "enable or disable-file",
                dstart,
                dend,
            )
            return
        rest = m.group("rest").strip()
        reason = None
        if "--" in rest:
            rest, reason = rest.split("--", 1)
            reason = reason.strip() or None
        rules = tuple(r for r in re.split(r"[\s,]+", rest.strip()) if r)
        sup = Suppression(self.span(start, end), self.source[start:end], rest.strip(), action, rules, reason)
        self.suppressions.append(sup)
        if action == "disable-next-line":
            self.pending_suppressions.append(sup)

    def on_atx_heading(self, tree: Tree) -> None:
        token = tree.children[0]
        line = _strip_eol(token)
        m = _ATX.match(line)
        level = len(m.group(1))
        content_start = token.start_pos + m.end()
        content = line[m.end():]
        if content[-1:] in (" ", "\t", "#"):  # closing hashes or spaces to drop (most titles end in a word)
            content = content[: _CLOSING_HASHES.search(content).start()]
        self._heading(token.start_pos, token.start_pos + len(line), level, content_start, content, "atx")

    def on_setext_heading(self, tree: Tree) -> None:
        *texts, underline = tree.children
        first, last = texts[0], texts[-1]
        level = 1 if str(underline).lstrip().startswith("=") else 2
        content_end = last.start_pos + len(_strip_eol(last))
        raw_content = self.source[first.start_pos:content_end]
        lead = len(raw_content) - len(raw_content.lstrip())
        end = underline.start_pos + len(_strip_eol(underline))
        self._heading(first.start_pos, end, level, first.start_pos + lead, raw_content[lead:], "setext")

    def _heading(self, start: int, end: int, level: int, content_start: int, content: str, style: str) -> None:
        self._resolve_pending(start)
        self.items.clear()
        self.label_role = None
        heading = self._read_heading(start, end, level, content_start, content, style)
        if heading is None:
            return
        if heading.text.rstrip("*_ ").endswith("?") and heading.timebox is None:
            # A heading that is a question is a question, not an empty section.
            question = self._question_from(
                heading.span.start, heading.span.end, clean(content, content_start), form="heading"
            )
            if question is not None:
                question.attributes = heading.attributes
                self.add_block(question)
                self._lead(question)
                return
        self._lead(None)
        self._open_section(heading, start)

    def _open_section(self, heading: Heading, start: int) -> None:
        level = heading.level
        # a real heading ends a bold line's part whatever its level: "### 1 · Intro" after a
        # "**What we want to learn**" under the title starts a part of its own, as a reader sees it
        while self.stack and (self.stack[-1].level >= level
                              or (heading.style != "bold" and self.stack[-1].heading.style == "bold")):
            self._close(self.stack.pop(), start)
        parent = self.stack[-1] if self.stack else None
        section = Section(heading, level, self.span(start, heading.span.end), parent=parent)
        title = heading.text
        section.optional = inline.is_optional(title)
        section.is_task = bool(inline.TASK_HEADING.match(title))
        # The first heading of the guide, at the top level, is its title: "Northwind Logistics
        # case study" names a customer, not a logistics section.
        # (a part named on a line of text with its box, "⏱ 3' Hello", is a part, never the title)
        section.is_title = level == 1 and not self.seen_heading and not (heading.style == "bold" and heading.timebox is not None)
        self.seen_heading = True
        section.role, section.why = roles.section_role(title, parent, is_title=section.is_title, is_task=section.is_task,
                                                         timed=heading.timebox is not None,
                                                         box=heading.timebox.raw if heading.timebox is not None else "")
        if parent is None:
            self.roots.append(section)
        else:
            parent.children.append(section)
            if parent.is_task and heading.style == "bold":
                section.is_task = True
        self.stack.append(section)
        self.current = section
        if section.is_task and heading.style != "bold":
            section.blocks.append(Task(heading.span, heading.raw, heading.text, "heading"))

    def _read_heading(self, start: int, end: int, level: int, content_start: int, content: str, style: str) -> Heading | None:
        # Bold-wrapped heading text (`## **Intro - 5 minutes**`) reads as its inside.
        title = content.rstrip()
        title_start = content_start
        attributes: list[Attribute] = []
        am = inline.ATTRIBUTE_BLOCK.search(title) if "{" in title else None
        if am:
            attributes = self._attributes(am.group("body"), content_start + am.start("body"))
            title = title[: am.start()].rstrip()
        timebox = None
        bm = inline.find_timebox(title)
        if bm:
            box_end = len(title[: bm.end].rstrip(",;:-–—+ \t"))  # "(4 min, includes warm-up)": the box is "4 min"
            box_raw = title[bm.box_start : box_end]
            box_span = self.span(title_start + bm.box_start, title_start + box_end)
            timebox = TimeBox(box_span, box_raw, box_raw.strip("()[] "), bm.low, bm.high, bm.placeholder)
            # (a box the team keeps after the session, "Debrief (team, 10 min after)", is theirs to word)
            if bm.problem and (roles.heading_purpose(content) or (None,))[0] in (None, SectionRole.SESSION):
                self.problem("bad-time-box", bm.problem, box_span.start, box_span.end, bm.normalised)
                if not bm.placeholder and bm.low is None:
                    timebox = None
            if bm.start == 0:  # a clock range in front ("00:10–00:20 About you"): the title follows it
                skip = len(title) - len(title[bm.end :].lstrip(" \t*_-–—:|."))
                title, title_start = title[skip:], title_start + skip
            else:  # keep bold closers that belonged to the heading text, and a note left in the bracket
                rest = title[bm.end :]
                title = title[: bm.start] + (rest.replace(" ", "") if not rest.strip(" *_") else rest)
        text_clean = clean(title, title_start)
        text = text_clean.text.strip(" -–—:|*_·•")
        return Heading(self.span(start, end), self.source[start:end], text, level, timebox, attributes, style)

    def _attributes(self, body: str, body_start: int) -> list[Attribute]:
        pairs = inline.parse_attribute_body(body)
        if pairs is None:
            self.problem(
                "syntax-error",
                "cannot read the attribute block; write {key=value key2=value2}",
                body_start - 1,
                body_start + len(body) + 1,
            )
            return []
        out = []
        for key, value, s, e in pairs:
            span = self.span(body_start + s, body_start + e)
            out.append(Attribute(span, body[s:e], f"{key}={value}", key, value))
        return out

    # ---- paragraphs and items ----------------------------------------------------------------

    def on_paragraph(self, tree: Tree) -> None:
        self._paragraph(tree.children)

    def _paragraph(self, tokens: list[Token]) -> None:
        # "    If Yes: Thank you!" on the next line is a branch of its own, not more of the question;
        # "**A2.** How many…?" or "Probes:" after a finished sentence starts an item of its own, as
        # the reader sees it (Markdown would join the lines into one paragraph)
        start = 0  # split in one pass: a thousand numbered lines must not nest a thousand calls
        for i in range(1, len(tokens)):
            line = _strip_eol(tokens[i])
            before = _strip_eol(tokens[i - 1]).rstrip(" *_")
            if inline.BRANCH_LINE.match(line) or (
                    before.endswith(("?", ".", "!", ":", ")", '"', "”"))
                    and (_ITEM_ID_LINE.match(line) or _PROBES_LABEL.fullmatch(line.strip(" \t*_"))
                         or _BOLD_LABEL_LINE.fullmatch(line) or _for_the_note_taker(line))) or (
                    # "Section 5 – More personal questions" above a note for the interviewer: the
                    # part's name, then what is under it
                    i == 1 and _PART_LABEL.match(before.lstrip()) is not None and not before.endswith((".", "?", "!", ":"))
                    and len(before.split()) <= 12) or (
                    # "**EVERYONE**" on a line of its own, then the questions for everyone
                    i == 1 and _BOLD_LINE.match(_strip_eol(tokens[0]).strip()) is not None
                    and not _strip_eol(tokens[0]).rstrip(" *_").endswith((".", "?", "!"))) or (
                    # a question on a line of its own after a finished question or a scale's
                    # labels: a list without bullets, as a guide pasted from a form reads
                    (before.endswith("?") or _SCALE_LINE.match(before))
                    and (_OWN_QUESTION_LINE.fullmatch(line) or (_SCALE_LINE.match(before) and _ITEM_ID_LINE.match(line)))) or (
                    # a probe list on its line, then a question on the next ("PROBE for each: how long used;
                    # why stopped" / "Who decides…?"), or after one: lines the reader sees apart
                    (_LABELLED_LINE.match(before) and _OWN_QUESTION_LINE.fullmatch(line))
                    or (before.endswith("?") and _LABELLED_LINE.match(line))) or (
                    # a run sheet's "Say:" and "Ask:" lines, each finished before the next: a line each
                    _SAY_OR_ASK_LINE.match(line) and before.rstrip(" *_").endswith(("?", ".", "!", '"', "”"))) or (
                    # a board's lines, each marked by its symbol ("👉 Say…", "❓ Ask…", "⏱ 5' Money"): a line each
                    _MARKED_LINE.match(line)) or (
                    # a formal outline, "II. INTRODUCTION" then "  A. Interviewer reads:": a line each
                    _OUTLINE_LINE.match(line) and (before.endswith(("?", ".", "!", ":", ")", '"', "”"))
                                                   or _ROMAN_PART.match(before.lstrip()))) or (
                    # a header's last line names what the list below is: "Participants: 10 people…" /
                    # "Research questions:" (the team's, not the participant's)
                    i == len(tokens) - 1 and line.rstrip(" *_").endswith(":")
                    and roles.heading_purpose(line.strip(" \t*_:")) is not None):
                self._one_paragraph(tokens[start:i])
                start = i
        self._one_paragraph(tokens[start:])

    def _one_paragraph(self, tokens: list[Token]) -> None:
        first = tokens[0]
        self._resolve_pending(first.start_pos)
        first_line = _strip_eol(first)
        if _FENCE_OPEN.match(first_line):
            self.problem(
                "syntax-error",
                "code fence is never closed; add a closing fence (the rest of the file is read as text)",
                first.start_pos,
                first.start_pos + len(first_line),
            )
        if first_line.lstrip().startswith("<!--") and "-->" not in first_line:
            self.problem(
                "syntax-error",
                "HTML comment is never closed; add `-->`",
                first.start_pos + (len(first_line) - len(first_line.lstrip())),
                first.start_pos + len(first_line),
            )
        end_all = tokens[-1].start_pos + len(_strip_eol(tokens[-1]))
        if self._purpose_label(first.start_pos, end_all, len(tokens)):
            return
        if self.label_role is not None and self.label_role[2] == "list" and _indent_width(first_line) < 2:
            self.label_role = None
        if self._timed_label(first, first_line):
            if len(tokens) > 1:
                self._one_paragraph(tokens[1:])
            return
        # A bold-only short line opens a subsection (`**Scenario**`, `**Prompt 1**`).
        if len(tokens) == 1:
            bm = _BOLD_LINE.match(first_line.strip())
            label = bm is None and self._plain_label(first, first_line)
            body = bm.group("body") if bm else ""
            if label or (bm and not body.rstrip(" \"”'’").endswith(("?", ".", "!")) and len(body.split()) <= 8):
                lead = len(first_line) - len(first_line.lstrip())
                start = first.start_pos
                self.items.clear()
                # A bold line sits one level below the nearest real heading (a plain label never
                # titles the guide: with no heading above it, it is a part under the title's level).
                anchor = next((sec for sec in reversed(self.stack) if sec.heading and sec.heading.style != "bold"), None)
                level = (anchor.level if anchor else (1 if label else 0)) + 1
                content = first_line.strip()
                heading = self._read_heading(start, start + len(first_line), level, start + lead, content, "bold")
                self._lead(None)
                self._open_section(heading, start)
                return
        indent = _indent_width(first_line)
        end = tokens[-1].start_pos + len(_strip_eol(tokens[-1]))
        content_start = first.start_pos + (len(first_line) - len(first_line.lstrip()))
        letter = _SUB_ITEM.match(first_line) if first_line[indent:indent + 1].isalpha() else None
        if letter is not None and not _ROMAN_PART.match(first_line.lstrip()):
            content_start = first.start_pos + letter.end()  # "A. Interviewer reads: …" reads from its words
        if indent < 2 or not self.items:
            self.items.clear()
            parent = None
        else:
            while self.items and indent < self.items[-1].indent + NEST_STEP:
                self.items.pop()
            parent = self.items[-1] if self.items else None
        node = self._classify(content_start, end, "paragraph", indent)
        if node is None:
            return
        whose = _team_label(first_line) if len(tokens) == 1 and self.label_role is None else None
        if whose is not None and hasattr(node, "role"):
            # "Debrief after each call (team only): what surprised us…?": the team's line, whatever it asks
            self.label_role = (roles.line_role_of(whose[0]), f"under '{whose[1]}'", "line")
            self._attach(node, parent, indent, track=bool(parent))
            self.label_role = None
            return
        self._attach(node, parent, indent, track=bool(parent))
        if parent is None:
            if isinstance(node, _BranchText) and _bare_branch(node.text):
                self._lead(self._last_question(), branch=True)  # "If needed:" opens up the list below
            elif isinstance(node, Text) and _PROBES_LABEL.fullmatch(node.text):
                self._lead(self._last_question())  # "Probes:" and the list below it
            elif (isinstance(node, Question) and self.section.blocks and self.section.blocks[-1] is node
                  and not roles.runs_the_session(node)):
                # (a consent paragraph that ends in a question does not make the questions
                # after it its probes)
                self._lead(node)
            elif not (isinstance(node, Note) and self.lead_question is not None):
                self._lead(None)

    def _timed_label(self, first: Token, first_line: str) -> bool:
        """Open a subsection at a line such as "Warm-up (5 min)" or "Part 2: About you — 5 minutes"
        (see _LABEL_NAME)."""
        ruled = _RULED_PART.match(first_line) if first_line[:4].lstrip()[:1] in ("=", "-", "*") else None
        if ruled is not None:
            # "=== PART A: KICK-OFF CALL (20 min, video) ===", "--- INTRO ---": the rules round the name are no part of it
            return self._open_timed_part(first.start_pos, ruled.end("name"), ruled.start("name"), ruled.group("name"),
                                         timed=False)
        lower = first_line.lower()
        if not ("(" in lower or "[" in lower or "min" in lower or "hour" in lower or "'" in lower) \
                or _indent_width(first_line) >= 2:
            return False
        line = first_line.strip()
        if line[:1] in "([⏱⏲⌛⏳⏰" and self._led_by_a_box(first, first_line, line):
            return True
        if line.endswith(")") and inline.bare_minutes_box(line):
            # "INTRO (5)", "CLOSE (2)": a name in capitals and its minutes, under a running order
            lead = len(first_line) - len(first_line.lstrip())
            return self._open_timed_part(first.start_pos, len(first_line), lead, line)
        # a bracketed box, or minutes written out after a dash ("— 5 minutes", not "- 5m"): a line
        # with neither (most lines that pass the test above for an apostrophe or "min") is not searched
        # ("1. WELCOME [10 min]": square brackets, as an agency writes its parts)
        if "(" not in line and "[" not in line and _SPELT_OUT_BOX.search(line) is None:
            return False
        box_start = _label_box_start(line)
        if box_start is None:
            return False
        # ("**Section A: Current operation (15 min)**" over its first question: the bold is no part of the name)
        label = _PART_NUMBER.sub("", line[:box_start].rstrip(" \t-–—:").lstrip("*_"), count=1)
        # (a run sheet's clock in brackets before the name: "[0:20-0:40] A GOOD SHIFT AND A BAD SHIFT (20 min)")
        label = _CLOCK_IN_BRACKETS.sub("", label, count=1)
        if label.isupper():  # "SHOW CARD A: WHAT'S IN THE BOX (15 mins)": a name in capitals may hold a colon
            label = label.replace(":", " ")
        if (not _LABEL_NAME.fullmatch(label) or len(label.split()) > 8 or _NOT_A_PART.search(label)):
            return False
        lead = len(first_line) - len(first_line.lstrip())
        # (an outline's "II. INTRODUCTION (5 minutes)" is a part, never the guide's title)
        return self._open_timed_part(first.start_pos, len(first_line), lead, line, top=1 if _ROMAN_PART.match(line) else 0)

    def _open_timed_part(self, start: int, length: int, lead: int, content: str, *, top: int = 0,
                         timed: bool = True) -> bool:
        """Open a part headed by a line of text (not a Markdown heading) if that line has a time box
        (or, ``timed`` false, whatever it holds): one level under the nearest real heading (``top`` + 1
        when there is none)."""
        anchor = next((sec for sec in reversed(self.stack) if sec.heading and sec.heading.style != "bold"), None)
        heading = self._read_heading(start, start + length, (anchor.level if anchor else top) + 1, start + lead, content, "bold")
        if heading is None or (timed and heading.timebox is None):
            return False
        self.items.clear()
        self._lead(None)
        self._open_section(heading, start)
        return True

    def _timed_item(self, start: int, line: str, marker: int) -> bool:
        """Open a part at an item such as "- Warm-up (5 min)" with the part's lines nested under it,
        as a page exported from Notion writes its toggles (not an agenda's items, which hold nothing)."""
        nested = _NESTED_ITEM_NEXT.match(self.source, start + len(line))
        if nested is None:
            return False
        # a toggle's arrow and the bold of its name, "- ▶ **Intro (2m)**", are not the name
        toggle = _TOGGLE.match(line, marker)
        if toggle is not None:
            marker = toggle.end()
        content = line[marker:].rstrip()
        box = inline.search_timebox(content)
        if box is None or box.group("open") != "(":
            return False
        # (a name and what it covers, "First reactions: carried-over actions", is still a name)
        label = _PART_NUMBER.sub("", content[: box.start()].rstrip(" \t-–—:*_"), count=1).replace(":", "", 1)
        label = label.lstrip("*_")
        if not _LABEL_NAME.fullmatch(label) or len(label.split()) > 8 or _NOT_A_PART.search(label):
            return False
        return self._open_timed_part(start, len(line), marker, content)

    def _toggle_for_the_team(self, start: int, line: str, marker: int) -> bool:
        """Open a part at a toggle that names the team's own part, "- ▶ **Observer notes (Mei)**" or
        "- ▶ **Don't**", with its lines nested under it: not more of the session part above it."""
        toggle = _TOGGLE.match(line, marker)
        if toggle is None or _NESTED_ITEM_NEXT.match(self.source, start + len(line)) is None:
            return False
        content = line[toggle.end():].rstrip()
        purpose = roles.heading_purpose(content.strip("*_ :"))
        if purpose is None or purpose[0] == SectionRole.SESSION:
            return False
        return self._open_timed_part(start, len(line), toggle.end(), content, timed=False)

    def _part_with_leader(self, start: int, line: str) -> bool:
        """Open a part at "2. RESPONDENT BACKGROUND ………… 5 mins": a name, a dotted leader, its
        minutes (an agency's guide, numbered as a list)."""
        return self._open_timed_part(start, len(line.rstrip()), 0, line.strip(), top=1)

    def _plain_label(self, first: Token, first_line: str) -> bool:
        """A plain line that names the part below it, as a guide written without Markdown headings
        does: "Section 2 – The day you left", or a short name ("Before you start", "Closing")
        with a numbered or bulleted list starting on the very next line."""
        line = first_line.strip()
        if not line or _indent_width(first_line) >= 2 or len(line.split()) > 12:
            return False
        if not line[0].isupper() and not (line[0].isalpha() and len(line.split()) <= 3
                                          and not _QUESTION_WORD_FIRST.match(line)):
            return False  # (terse notes name parts in lower case, "background", "before VetDesk": a few words)
        roman = _ROMAN_PART.match(line)  # "IX. AFTER THE INTERVIEW": its number's ". " is no sentence's end
        if line.endswith(("?", ".", "!", ":", ",", ";", '"', "”")) or ". " in line[roman.end() if roman else 0:] \
                or roles.alternative_label(line, colon=False):
            return False
        if _PART_LABEL.match(line):
            return True
        if len(line.split()) > 8 or _SAYS_SOMETHING.match(line):
            return False  # "We will ask about three things": a sentence, not a name
        after = first.start_pos + len(str(first))
        return bool(_LIST_LINE_NEXT.match(self.source, after)) and _LABEL_NAME.fullmatch(line.split(" (")[0]) is not None

    def _led_by_a_box(self, first: Token, first_line: str, line: str) -> bool:
        """Open a subsection at a line that starts with its box, as terse notes do: "[5'] context",
        "[3'] intro — who I am" (a name of a few words, then perhaps what it covers)."""
        bm = inline.find_timebox(line)
        if bm is None or bm.start != 0 or bm.low is None:
            return False
        rest = line[bm.end:]
        name = re.split(r"\s+[-–—(:]|\s*[—–]\s*", rest.strip(" \t*_"), maxsplit=1)[0].strip()
        if not name or len(name.split()) > 5 or not _LABEL_NAME.fullmatch(name) or _NOT_A_PART_LED.search(name):
            return False
        lead = len(first_line) - len(first_line.lstrip())
        start = first.start_pos
        # the name (and a bracketed note) heads the part; what it covers, after a dash, is its first line
        cover = _COVERS.search(rest, rest.find(name) + len(name))
        head_end = bm.end + (cover.start() if cover else len(rest))
        if not self._open_timed_part(start, lead + head_end, lead, line[:head_end]):
            return False
        if cover is not None:
            node = self._classify(start + lead + bm.end + cover.end(), start + len(first_line.rstrip()), "paragraph", 0)
            if node is not None:
                self._attach(node, None, 0, track=False)
        return True

    def on_list_item(self, tree: Tree) -> None:
        item, *rest = tree.children
        self._list_item(item, rest)

    def _list_item(self, item: Token, rest: list[Token]) -> None:
        line = item.rstrip("\r\n")
        at = item.start_pos  # (the follow-ups below are read in a loop of their own over start, stop)
        if line[:1].isdigit() and line[: max(line.rfind("("), line.rfind("["))].isupper() and self._timed_label(item, line):
            # "1. INTRODUCTION (3–5 min)": a part of the plan, numbered as a list; the lines Markdown
            # joins to it ("MOD: Welcome…") are the part's first lines
            if rest:
                self._paragraph(rest)
            return
        # (the helpers a line needs are called only when it needs them: most items are one line at
        # the margin, with no suppression waiting for them)
        indent = _indent_width(line) if line[:1] in (" ", "\t") else 0
        # "**A4.** Which channels…?" under a probe, not indented: the next numbered question, though
        # Markdown reads the line as more of the item
        after: list[Token] = []
        rest_all, subs = rest, []
        if rest:
            previous = line
            for i, token in enumerate(rest):
                text = _strip_eol(token)
                # (a line labelled for the note-taker, "Notes: …", starts afresh after any line: a
                # slide's bullet fragment ends without a full stop)
                if _indent_width(text) <= indent and (_for_the_note_taker(text) or _SPEAKER_NOTES_LINE.match(text) or (
                        previous.rstrip(" *_").endswith(("?", ".", "!", ")", '"', "”", ":"))
                        and (_ITEM_ID_LINE.match(text) or _BOLD_LABEL_LINE.fullmatch(text) or _OUTLINE_LINE.match(text)
                             # a finished item, then a sentence at the margin: the guide's next line, as a
                             # document pasted from Word reads, not more of the item Markdown joins it to
                             or (indent == 0 and previous.rstrip(" *_").endswith(("?", ".", "!"))
                                 and (_SENTENCE_AT_THE_MARGIN.match(text) or _BOLD_LINE.match(text)))))):
                    rest, after = rest[:i], rest[i:]
                    break
                previous = text
            # lines under the item numbered after it ("   4a. If yes: …", "   b) …"), which Markdown
            # reads as more of the item's text: each is a follow-up of its own, with the lines under it
            rest_all = rest
            firsts = [i for i, token in enumerate(rest) if _indent_width(_strip_eol(token)) > indent
                      and _SUB_ITEM.match(_strip_eol(token))]
            if firsts:
                subs = list(zip(firsts, [*firsts[1:], len(rest)]))
                rest = rest[:firsts[0]]
        if self.pending_suppressions:
            self._resolve_pending(at)
        # "- ", "* ", "+ " or "1. " after the indent (most markers) end where the marker pattern would end them
        lead = len(line) - len(line.lstrip(" \t")) if indent else 0
        sign = line[lead:lead + 1]
        if sign in _BULLETS and line[lead + 1:lead + 2] in _BLANKS:
            marker = lead + 2
        elif sign in _DIGITS and line[lead + 1:lead + 2] in _NUMBER_ENDS and line[lead + 2:lead + 3] in _BLANKS:
            marker = lead + 3
        else:
            marker = _ITEM_MARKER.match(line).end()
        if indent < 2 and ("…" in line or "..." in line):
            if _LEADER.match(line, marker) is not None and self._part_with_leader(at, line):
                if rest:  # the lines under the part's name, joined to it by Markdown
                    self._paragraph(rest)
                for token in after:
                    self._paragraph([token])
                return
        if indent < 2 and not rest and "?" not in line and (
                ("(" in line and self._timed_item(at, line, marker)) or self._toggle_for_the_team(at, line, marker)):
            for token in after:
                self._paragraph([token])
            return
        # "- - text": a list inside the item on the same line
        # (a list marker inside starts with a blank, a marker character or a digit; most items start with a word)
        inner = _ITEM_MARKER.match(line, marker) if marker < len(line) and (
            line[marker] in " \t-*+" or line[marker].isdigit()) else None
        marker_end = inner.end() if inner and line[marker:inner.end()].strip() in ("-", "*", "+") else marker
        content_start = at + marker_end
        item_start = at + lead
        end = at + len(line)
        if rest:
            end = rest[-1].start_pos + len(_strip_eol(rest[-1]))
        items = self.items
        while items and indent < items[-1].indent + NEST_STEP:
            items.pop()
        parent = items[-1] if items else None
        if parent is None and self.label_role is not None and self.label_role[2] == "list":
            # the list under "Things to look out for:" ends where a list of another kind starts
            kind = "ordered" if line[:marker].strip()[:1].isdigit() else "bullet"
            if self.label_marker is None:
                self.label_marker = kind
            elif kind != self.label_marker:
                self.label_role = None
        # a question here is attached as a probe of the question above (as _attach decides): made
        # as one at once, not made a question and copied
        nested = parent is not None and parent.question is not None and (self.current or self.section).participant_facing
        node = self._classify(content_start, end, "list_item", indent, item_start=item_start, nested=nested)
        if isinstance(node, Question) and (
                (parent is not None and _warns_against_asking(parent.node))
                or (('"' in node.text or "“" in node.text) and _DONT_ASK_ITEM.match(node.text))):  # (it quotes)
            # "Questions I need to stop asking:" and the examples under it are not asked
            node = Note(node.span, node.raw, node.text, "example")
        if node is not None:
            self._attach(node, parent, indent, track=True)
            for start, stop in subs:  # "   4a. If yes: What's the project?": a follow-up of this item
                sub_line = _strip_eol(rest_all[start])
                sub = _SUB_ITEM.match(sub_line)
                sub_end = rest_all[stop - 1].start_pos + len(_strip_eol(rest_all[stop - 1]))
                probe = self._classify(rest_all[start].start_pos + sub.end(), sub_end, "list_item", indent + NEST_STEP,
                                       item_start=rest_all[start].start_pos + _indent_width(sub_line), nested=True)
                if probe is not None:
                    self._attach(probe, self.items[-1] if self.items else None, indent + NEST_STEP, track=False)
        if rest and self.label_role is not None and self.label_role[2] == "details" and any(
                "</details>" in str(token).lower() for token in rest):
            self.label_role = None  # "</details>" on the line after an item continues the item
        if after:
            self.items.clear()
            self._paragraph(after)

    def _purpose_label(self, start: int, end: int, lines: int) -> bool:
        """A label that gives what follows a role: ``<summary>Key things to notice</summary>``
        (until ``</details>``) or a line "Things to look out for:" (the list after it)."""
        raw = self.source[start:end]
        html = "<" in raw  # both tags below start with it; most paragraphs hold none
        if html and "</details>" in raw.lower() and self.label_role is not None and self.label_role[2] == "details":
            self.label_role = None
        summary = _SUMMARY.search(raw) if html else None
        if summary:
            purpose = roles.heading_purpose(clean(summary.group(1), start).text)
            if purpose is not None:
                self.label_role = (roles.line_role_of(purpose[0]), f"under '{purpose[1]}'", "details")
            return False
        if lines != 1:
            return False
        # "Things to avoid:", or a whole line in bold too long to be a subsection's heading
        # ("**Questions we won't ask in the room, and why**")
        bold = _BOLD_LINE.match(raw.strip())
        if ":" not in raw and not (bold and len(bold.group("body").split()) > 8):
            return False  # cleaning adds no ":", so a line without one is no label
        text = clean(raw, start).text
        if not text.rstrip("*_ ").endswith(":") and not bold:
            return False
        purpose = roles.heading_purpose(text.rstrip("*_ :"))
        if purpose is None:
            return False
        self._lead(None)
        self.items.clear()
        self.label_role = (roles.line_role_of(purpose[0]), f"under '{purpose[1]}'", "list")
        self.label_marker = None
        self._attach(Text(self.span(start, end), raw, text, "paragraph"), None, 0, track=False)
        return True

    def _attach(self, node, parent: _Open | None, indent: int, *, track: bool) -> None:
        if self.label_role is not None and hasattr(node, "role"):
            node.role, node.why = self.label_role[0], self.label_role[1]
        # what the node is, found once (most nodes are questions; each test below read it again)
        asks = isinstance(node, Question)
        is_probe = asks and isinstance(node, Probe)
        branch = (node.kind == "branch") if is_probe else (not asks and isinstance(node, _BranchText))
        question_of_parent = parent.question if parent else None
        if parent is None and asks and (branch or is_probe):
            # A top-level "If yes: …" follows the question it opens up.
            last = self._last_question()
            question_of_parent = last
        lead = self.lead_question
        if parent is None and lead is not None and track and (
            asks or (isinstance(node, Note) and node.kind == "label")
        ):
            question_of_parent = lead
            if self.lead_from_branch and asks:
                branch = True
        leads_to: Question | None = None
        if asks:
            if question_of_parent is not None and (self.current or self.section).participant_facing:
                probe = node if is_probe else _as_probe(node, "branch" if branch else "nested")
                question_of_parent.probes.append(probe)
                leads_to = probe
            else:
                if is_probe:
                    node = _as_question(node)
                self.add_block(node)
                leads_to = node
        elif isinstance(node, Text) and branch:
            # "If yes:" leads to the question above it; what it says is for the interviewer.
            leads_to = question_of_parent or self._last_question()
            if leads_to is not None and node.text:
                leads_to.notes.append(Note(node.span, node.raw, node.text, "branch"))
            else:
                self.add_block(node)
        elif question_of_parent is not None and isinstance(node, Text) and node.kind == "list_item":
            if _is_option(node.text):
                question_of_parent.options.append(Option(node.span, node.raw, node.text))
            else:  # "Go ahead and select that option.": an instruction, not an answer
                question_of_parent.notes.append(Note(node.span, node.raw, node.text, "instruction"))
        elif question_of_parent is not None and isinstance(node, Note) and (parent is not None or node.kind == "label"):
            question_of_parent.notes.append(node)
        else:
            self.add_block(node)
        if track:
            self.items.append(_Open(indent, node, leads_to))

    @staticmethod
    def _ticked(span, raw: str, text: str, role: str, why: str) -> Note:
        note = Note(span, raw, text, "checklist")
        note.role, note.why = role, why
        return note

    def _box_run_speaks_to_them(self, offset: int) -> bool:
        """Whether a box item in the run of box lines around ``offset`` says "you": then the boxes
        are a question list ("- [ ] Does this answer make sense?" among "How easy was it for you…").
        Worked out once a run, so a long run costs one pass."""
        source = self.source
        line_start = source.rfind("\n", 0, offset) + 1
        known = self.box_runs.get(line_start)
        if known is not None:
            return known
        first = line_start
        while first > 0:
            previous = source.rfind("\n", 0, first - 1) + 1
            if not _BOX_LINE.match(source, previous):
                break
            first = previous
        starts, pos, speaks = [], first, False
        while pos < len(source) and (pos == first or _BOX_LINE.match(source, pos)):
            end = source.find("\n", pos)
            end = len(source) if end < 0 else end
            starts.append(pos)
            speaks = speaks or bool(_SECOND_PERSON.search(source, pos, end))
            pos = end + 1
        for start in starts:
            self.box_runs[start] = speaks
        return speaks

    def _last_question(self) -> Question | None:
        for block in reversed((self.current or self.section).blocks):
            if isinstance(block, Question):
                return block
        return None

    def _text(self, start: int, end: int, kind: str) -> Text:
        raw = self.source[start:end]
        return Text(self.span(start, end), raw, clean(raw, start).text if kind != "break" else "", kind)

    def _classify(self, start: int, end: int, form: str, indent: int, item_start: int | None = None, nested: bool = False):
        """What one item or paragraph is: a question, probe, task, note or text. ``nested``: a
        question is a probe of the question above ("nested")."""
        raw = self.source[start:end]
        node_start = item_start if item_start is not None else start
        span = self.span(node_start, end)
        full_raw = raw if node_start == start else self.source[node_start:end]
        if raw[:1] == "[" and form == "list_item":  # (every box starts with "[")
            cb = _CHECKBOX.match(raw)
            if cb:
                c = clean(raw[cb.end():], start + cb.end())
                if not c.text.rstrip(")]\"'*_ ").endswith("?"):
                    return Note(span, full_raw, c.text, "checklist")
                # "- [ ] Did the participant sign the NDA?", "- [ ] Is the recording stopped?": boxes
                # the moderator ticks, unless the list speaks to the participant
                if roles.about_the_participant(c.text):
                    return self._ticked(span, full_raw, c.text, Role.OBSERVER, "a box to tick about the participant")
                if not _SECOND_PERSON.search(c.text) and not self._box_run_speaks_to_them(start):
                    return self._ticked(span, full_raw, c.text, Role.LOGISTICS, "a box on the moderator's checklist")
                # "- [ ] Does this answer make sense?": a question list with boxes to tick
                raw, start = raw[cb.end():], start + cb.end()
        c = clean(raw, start)
        if not c.text:
            return Text(span, full_raw, "", form) if form == "list_item" else None
        stripped = raw.strip()
        # Whole-line interviewer notes: italics, bracket notes, parenthetical directions.
        if stripped[:1] in ("*", "_") and (_is_wrapped(stripped, "*") or _is_wrapped(stripped, "_")):
            bare = inline.BRANCH.match(c.text)
            if bare and bare.end() >= len(c.text) and inline.ANSWER_BRANCH.match(c.text):
                return _BranchText(span, full_raw, c.text, form)
            note_label = inline.LABEL.match(c.text)
            if note_label and note_label.group("label").lower() in inline.NOTE_LABELS and not addresses_them(c.text):
                return Note(span, full_raw, c.text, "italic")
            # "_(Debrief with the note-taker: did they mention it unprompted?)_": a stage direction
            # in brackets, its questions the team's, unless it speaks to the participant
            stage = c.text.startswith("(") and c.text.endswith(")") and _balanced(c.text) and not addresses_them(c.text)
            if c.text.rstrip(")]\"' ").endswith("?") and not _is_bracket_note(c.text) and not stage:
                q = self._question_from(node_start, end, c, form=form, indent=indent, nested=nested)
                if q is not None:
                    q.italic = True
                    return q
            return Note(span, full_raw, c.text, "italic")
        if c.text[0] in "[(" and (_is_bracket_note(c.text) or (c.text.startswith("(") and c.text.endswith(")") and _balanced(c.text))):
            kind = "bracket" if c.text.startswith("[") else "stage"
            if inline.BRANCH.match(c.text) and (form == "list_item" or inline.ANSWER_BRANCH.match(c.text)):
                return _BranchText(span, full_raw, c.text, form)
            return Note(span, full_raw, c.text, kind)
        # Labels: QUESTION:, PROMPT:, Probe:, Note:, Say:, and a run sheet's "MOD probe:", "NT:"
        # every label pattern ends in a colon, which most lines do not hold
        colon = ":" in c.text or "：" in c.text
        lm = inline.LABEL.match(c.text) if colon else None
        label = None
        if lm is None and colon and inline.OFF_AIR_LABEL.match(c.text):
            return Note(span, full_raw, c.text, "label")
        run_sheet = None if lm or not colon else inline.speaker_prefix(c.text)
        if run_sheet is not None:
            label, words_at = run_sheet
            rest = c.slice(words_at, len(c.text)).strip()
            if label == "note":
                return Note(span, full_raw, rest.text, "label")
            if label == "prompt" and not _asks(rest.text):
                return Task(span, full_raw, rest.text, "prompt")
            c = rest
        elif lm:
            label = lm.group("label").lower().replace("_", "-")
            rest = c.slice(lm.end(), len(c.text)).strip()
            if not rest.text and label in inline.PROBE_LABELS:
                return Text(span, full_raw, c.text, form)  # "Probe:" alone opens the list below, as "Probes:" does
            # "Ask: Tell me about the last time…" is read as the same words without the label would be
            if label in inline.WATCH_LABELS and "?" in rest.text and addresses_them(rest.text):
                label = None  # "Success: Don't you think success is hitting targets?" is put to them
            elif label in inline.NOTE_LABELS or (label in inline.SPEAKER_LABELS and "?" not in rest.text and not _asks(rest.text)):
                return Note(span, full_raw, rest.text, "label")
            if label in inline.SPEAKER_LABELS:  # "MODERATOR: … what do you think of it?" is asked
                label = None
            if label in inline.TASK_LABELS and ((label == "task" and not any(ch.isdigit() for ch in lm.group()))
                                                or not _asks(rest.text)):
                # ("Task: Imagine your flight is delayed… show me where you'd go first" is the task, though it
                # asks; "Task 2: Was it easy?" is a probe about the second task)
                return Task(span, full_raw, rest.text, "prompt")
            c = rest
        # Branch markers: "If yes:", "(YES)", "[If no:]" in front of what follows.
        branch = False
        condition: Note | None = None
        bm = inline.BRANCH.match(c.text) if c.text[:1] in inline.BRANCH_FIRST else None
        if bm and _bare_branch(c.text):
            return _BranchText(span, full_raw, c.text, form)
        if bm and (form == "list_item" or inline.ANSWER_BRANCH.match(c.text)):
            branch = True
            rest = c.slice(bm.end(), len(c.text)).strip()
            if not rest.text:
                return _BranchText(span, full_raw, c.text, form)
            if c.text[0] in "[(":  # "[if they don't see the button]" is a note on what follows
                cs, ce = c.source_range(0, len(c.text[: bm.end()].rstrip(" :.")))
                condition = Note(self.span(cs, ce), self.source[cs:ce], c.text[: bm.end()].strip(" :."),
                                 "bracket" if c.text[0] == "[" else "stage")
            c = rest
        section = self.current or self.section
        if not section.participant_facing and not roles.written_prompts(section):  # a diary's prompts are asked
            if "?" in c.text or inline.OBSERVER_SECTION.search(_facing_title(section)):
                return Note(span, full_raw, c.text, "observer")
        if section.is_task and "?" not in c.text and label is None and not inline.REQUEST.match(c.text) and (
            _in_scenario(section) or _sets_a_scene(c.text)
        ):
            return Task(span, full_raw, c.text, "scenario")
        q = self._question_from(node_start, end, c, form=form, indent=indent, label=label, span=span, raw=full_raw,
                                nested=nested)
        if q is not None:
            if label in inline.PROBE_LABELS:
                q = _as_probe(q, "label")
            if branch:
                q = _as_probe(q, "branch")
            if condition is not None:
                q.notes.insert(0, condition)
            return q
        if branch:
            return _BranchText(span, full_raw, c.text, form)
        return Text(span, full_raw, c.text, form)

    def _question_from(self, node_start: int, end: int, c: Clean, *, form: str, indent: int = 0, label: str | None = None,
                       span: Span | None = None, raw: str | None = None, nested: bool = False):
        """A Question when ``c`` asks something (a nested Probe with ``nested``); None when it is a
        statement. ``span`` and ``raw`` are those of ``node_start:end`` when the caller has them already."""
        text = c.text
        # each markup an item can hold needs its opening character: most items hold none of them
        if "{" in text or "(" in text or "[" in text:
            c, attributes, notes, probes = self._inline_markup(c)
            text = c.text
        else:
            attributes, notes, probes = [], [], []
        # each sentence's bounds and whether it asks, before any sentence is made: a statement
        # (no sentence asks) is no question and needs none
        bounds = split_sentences(text)
        source = self.source
        make_span = self.span
        clean_starts = c._clean_starts
        if len(bounds) == 1:  # one sentence (most items): its words sliced once, no lists to zip
            s, e = bounds[0]
            words = text[s:e]
            if not is_question_sentence(words):
                return None
            if len(clean_starts) == 1 and clean_starts[0] == 0:
                shift = c._source_starts[0]
                ss, se = s + shift, e + shift
            else:
                ss, se = c.source_range(s, e)
            sentences = [Sentence(make_span(ss, se), source[ss:se], words, True)]
            if span is None:
                span, raw = make_span(node_start, end), source[node_start:end]
            return (Probe if nested else Question)(span, raw, text, form, sentences, probes, [], notes, attributes, label, indent)
        asks = [is_question_sentence(text[s:e]) for s, e in bounds]
        if True not in asks:
            return None
        sentences = []
        if len(clean_starts) == 1 and clean_starts[0] == 0:
            # one run of source (most items): every sentence maps by one shift, as source_range's own
            # one-run case maps it
            shift = c._source_starts[0]
            for (s, e), is_q in zip(bounds, asks):
                ss, se = s + shift, e + shift
                sentences.append(Sentence(make_span(ss, se), source[ss:se], text[s:e], is_q))
        else:
            for (s, e), is_q in zip(bounds, asks):
                ss, se = c.source_range(s, e)
                sentences.append(Sentence(make_span(ss, se), source[ss:se], text[s:e], is_q))
        if span is None:
            span, raw = make_span(node_start, end), source[node_start:end]
        return (Probe if nested else Question)(span, raw, text, form, sentences, probes, [], notes, attributes, label, indent)

    def _inline_markup(self, c: Clean) -> tuple[Clean, list[Attribute], list[Note], list[Probe]]:
        """An item's attribute block, and the parentheticals and bracket notes inside it, taken out
        of its words: the words left, the attributes, the notes and the inline probes."""
        attributes: list[Attribute] = []
        am = inline.ATTRIBUTE_BLOCK.search(c.text) if "{" in c.text else None
        if am:
            body_start = c.offset(am.start("body"))
            body = self.source[body_start : c.offset(am.end("body") - 1) + 1]
            attributes = self._attributes(body, body_start)
            c = c.slice(0, am.start()).strip()
        notes: list[Note] = []
        probes: list[Probe] = []
        # Parentheticals and bracket notes inside a question: "(probe)" cues and "[Yes/no? …]"
        # notes are for the interviewer; "(If so, what?)" is a probe; spoken ones stay.
        text = c.text
        last_mark = text.rstrip().rfind("?") if "(" in text or "[" in text else -1  # read by the two loops alone
        removals: list[tuple[int, int]] = []
        for pm in inline.PARENTHETICAL.finditer(text) if "(" in text else ():
            body = pm.group("body")
            if pm.start() > 0 and text[pm.start() - 1].isalnum():
                continue  # "one(s)"
            inner = c.slice(pm.start("body"), pm.end("body")).strip()
            s, e = c.source_range(pm.start(), pm.end())
            after_question = pm.start() > last_mark if last_mark >= 0 else pm.end() >= len(text.rstrip()) - 1
            if body.rstrip().endswith("?") and re.match(r"\s*(?:if|and|or|probe)\b", body, re.I):
                # "(If yes – ask about them. Did any come from us?)": a direction, then the question
                sentences = []
                for a, b in inline.split_sentences(inner.text):
                    piece = inner.slice(a, b)
                    qs, qe = piece.source_range(0, len(piece.text))
                    sentences.append(Sentence(self.span(qs, qe), self.source[qs:qe], piece.text,
                                              inline.is_question_sentence(piece.text)))
                probes.append(Probe(self.span(s, e), self.source[s:e], inner.text, "inline", sentences, kind="parenthetical"))
            elif inline.is_stage_direction(body) or (after_question and not body.rstrip().endswith("?")):
                notes.append(Note(self.span(s, e), self.source[s:e], inner.text, "stage"))
            else:
                continue
            removals.append((pm.start(), pm.end()))
        for bm2 in inline.BRACKET_NOTE.finditer(text) if "[" in text else ():
            after_question = bm2.start() > last_mark if last_mark >= 0 else bm2.end() >= len(text.rstrip()) - 1
            if any(a <= bm2.start() < b for a, b in removals) or not inline.is_bracket_note_body(
                bm2.group("body"), at_end=after_question, at_start=bm2.start() == 0
            ):
                continue
            s, e = c.source_range(bm2.start(), bm2.end())
            inner = c.slice(bm2.start("body"), bm2.end("body")).strip()
            notes.append(Note(self.span(s, e), self.source[s:e], inner.text, "bracket"))
            removals.append((bm2.start(), bm2.end()))
        if removals:
            removals.sort()
            pieces, pos = [], 0
            for a, b in removals:
                if a > pos:
                    pieces.append(c.slice(pos, a))
                pos = b
            if pos < len(text):
                pieces.append(c.slice(pos, len(text)))
            c = _join(pieces, c)
        return c, attributes, notes, probes


class _BranchText(Text):
    """A branch marker ("If yes:", "(NO)") with nothing to ask on its own line."""

    __slots__ = ()


def _as_probe(q: Question, kind: str) -> Probe:
    if isinstance(q, Probe):
        q.kind = kind
        return q
    return Probe(q.span, q.raw, q.text, q.form, q.sentences, q.probes, q.options, q.notes, q.attributes, q.label, q.indent, q.italic, kind)


def _as_question(p: Probe) -> Question:
    return Question(p.span, p.raw, p.text, p.form, p.sentences, p.probes, p.options, p.notes, p.attributes, p.label, p.indent, p.italic)


def _join(pieces: list[Clean], original: Clean) -> Clean:
    text_parts: list[str] = []
    starts: list[int] = []
    sources: list[int] = []
    length = 0
    for piece in pieces:
        t = piece.text
        if text_parts and text_parts[-1].endswith(" ") and t.startswith(" "):
            t = t.lstrip(" ")
            piece = piece.slice(len(piece.text) - len(t), len(piece.text))
        for cs, so in zip(piece._clean_starts, piece._source_starts):
            starts.append(length + cs)
            sources.append(so)
        text_parts.append(piece.text)
        length += len(piece.text)
    joined = Clean("".join(text_parts), starts, sources, original.source_end)
    # collapse a space before punctuation left by a removed parenthetical ("why ?")
    return joined.strip()


# an emphasis marker followed by white space inside a wrapped line, anywhere and after a character
# (made once: built from the marker at each call, the two patterns were looked up in re's cache)
_CLOSED_EARLY = {ch: (re.compile(re.escape(ch) + r"\s"), re.compile(r"\S" + re.escape(ch) + r"\s")) for ch in "*_"}


def _is_wrapped(text: str, ch: str) -> bool:
    if len(text) < 3 or not (text.startswith(ch) and text.endswith(ch)):
        return False
    inner = text.strip(ch)
    if not inner or inner != inner.strip():
        return False
    # "_[If yes:]_ Do you …" is emphasis on a prefix, not an italic line
    closed_early, closed_inside = _CLOSED_EARLY[ch]
    if closed_early.search(inner) or closed_inside.search(text, 1, len(text) - 1):
        return False
    double = ch * 2
    # **bold** alone is not an italic note; ***bold-italic*** is emphasis we treat as text
    if text.startswith(double) and text.endswith(double) and not text.startswith(ch * 3):
        return False
    return True


def _is_bracket_note(text: str) -> bool:
    """The whole line is in square brackets: one group, or a few side by side ("[Do they skim
    it?] [usability]", a researcher's own question and its tag)."""
    if not (text.startswith("[") and text.endswith("]")) or re.fullmatch(r"\[[ xX]\]", text):
        return False
    depth = 0
    for ch in text:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth < 0:
                return False
        elif depth == 0 and not ch.isspace():
            return False
    return depth == 0


def _balanced(text: str) -> bool:
    depth = 0
    opener = text[0]
    closer = ")" if opener == "(" else "]"
    if text.count(opener) == 1 and text.count(closer) == 1:
        return text[-1] == closer  # one pair (most notes, "(probe for numbers)"): counted in C, not a loop
    for i, ch in enumerate(text):
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return depth == 0


def _asks(text: str) -> bool:
    """A PROMPT: line asks when it ends in "?" or opens as a request ("Tell me about this page.")."""
    sentences = inline.split_sentences(text)
    return text.rstrip(")]\"' ").endswith("?") or bool(
        sentences and inline.REQUEST.match(text[sentences[0][0] : sentences[0][1]])
    )


def _sets_a_scene(text: str) -> bool:
    """A task instruction: a scene-setting statement, then what to do ("Show us how…")."""
    sentences = inline.split_sentences(text)
    if len(sentences) < 2:
        return False
    first = text[sentences[0][0] : sentences[0][1]]
    last = text[sentences[-1][0] : sentences[-1][1]]
    return not inline.is_question_sentence(first) and bool(inline.TASK_VERB.match(last))


def _bare_branch(text: str) -> bool:
    m = inline.BRANCH.match(text)
    opens_up = inline.ANSWER_BRANCH.match(text) or re.match(r"\W*if\s+needed\b", text, re.IGNORECASE)
    return m is not None and m.end() >= len(text.rstrip()) and bool(opens_up)


def _is_option(text: str) -> bool:
    """An answer option is a short phrase ("Diet", "Video lectures"), not an instruction."""
    return len(text.split()) <= 6 and not text.rstrip().endswith((".", "!", ":"))


def _facing_title(section: Section) -> str:
    s: Section | None = section
    titles = []
    while s is not None:
        titles.append(s.title)
        s = s.parent
    return " / ".join(titles)


def _in_scenario(section: Section) -> bool:
    s: Section | None = section
    while s is not None and s.is_task:
        if s.heading is not None and s.heading.style == "bold" and re.search(r"scenario|prompt", s.title, re.I):
            return True
        s = s.parent
    return False


def _elapsed_clock(sections: list[Section]) -> None:
    """Read "1. INTRODUCTION (0–5 MINS)", "2. CURRENT PURCHASING (5–15 MINS)"… as the minutes
    into the session each part starts and ends, as their reader does: when every box beside
    them is a range and each starts where the one before it ended, a part lasts its range's
    width (5 and 10 minutes), not "5 to 15"."""
    boxes = [s.heading.timebox for s in sections if s.heading is not None and s.heading.timebox is not None]
    if len(boxes) >= 2 and all(b.low is not None and b.high is not None and b.low < b.high for b in boxes) and all(
            later.low == earlier.high for earlier, later in zip(boxes, boxes[1:])) and (boxes[0].low == 0 or len(boxes) >= 3):
        for box in boxes:
            box.low = box.high = box.high - box.low
    for section in sections:
        if section.children:
            _elapsed_clock(section.children)


# A fence's language when it holds words to say, not code: "```text", "```" alone, "```md"
_PROSE_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*(?:text|txt|plain|plaintext|md|markdown|script)?[ \t]*$", re.IGNORECASE)
_CODE_MARKS = re.compile(r"[{}\[\];=<>$#|\\]|^\s*(?:def|class|import|from|return|if|for|var|let|const|function)\b|\w\(")


def _prose_in_a_fence(raw: str) -> str:
    """The words of a fenced block written as prose: an engineer's guide puts the intro to read
    out in a ```text fence. Code (and a fence named for a language) has no words to say."""
    lines = raw.splitlines()
    if len(lines) < 3 or not _PROSE_FENCE.match(lines[0]):
        return ""
    body = [line.strip() for line in lines[1:-1] if line.strip()]
    if not body or any(_CODE_MARKS.search(line) for line in body):
        return ""
    words = " ".join(body)
    letters = sum(ch.isalpha() or ch.isspace() for ch in words)
    return words if letters >= 0.85 * len(words) and len(words.split()) >= 8 else ""
