"""The review copy in Word: the guide with each finding as a comment beside the words it concerns.

This is the sense-check round trip most researchers already make: the author sends the guide
in Word, colleagues add comments, the author resolves them. guidelint's notes arrive the same
way, as comments by "guidelint" (initials GL), each anchored on the words of its finding and
holding the rule, the message and the suggestion. The copy opens with a summary: the session
length and where it came from, the time plan with running totals, the sections the profile
expects, and the objectives with the questions that cover them.

A Word guide's review copy is a copy of the author's own document, untouched but for the
comments and the summary. A Markdown guide's is a new document in Word's usual styles, its
inline Markdown removed, written so that guidelint reads it back with the same findings. The
summary sits in a content control tagged ``guidelint-review-summary``, which the Word reader
skips, so a review copy checked again is checked as the guide, not as guide plus summary.

python-docx is imported only when a Word review copy is written.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field

from guidelint.config import Settings
from guidelint.diagnostics import Diagnostic, in_original
from guidelint.model import Guide
from guidelint.parser.inline import Clean, clean
from guidelint.parser.word import SUMMARY_TAG, Reader

AUTHOR = "guidelint"
INITIALS = "GL"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def word_review(guide: Guide, diagnostics: list[Diagnostic], settings: Settings | None = None, *,
                cli: Settings | None = None, source: bytes | None = None) -> bytes:
    """The review copy as .docx bytes. ``diagnostics`` are lint()'s, in the guide's own model;
    ``source`` is the Word document a Word guide was read from."""
    import docx

    from guidelint.review import build_review

    if guide.origin is not None:
        if source is None:
            raise ValueError("a Word guide's review copy needs the document it was read from")
        document = docx.Document(io.BytesIO(source))
        reader = Reader(document)
        reader.paragraphs()
        elements = reader.elements
        placed = [(d, _in_paragraphs(p)) for d, p in zip(diagnostics, in_original(guide, diagnostics))]
    else:
        document, lines = _markdown_document(guide)
        reader = Reader(document)
        reader.paragraphs()
        elements = reader.elements
        placed = [(d, lines.place(d)) for d in diagnostics]
    paragraphs = _Paragraphs(reader, elements)
    for diagnostic, (index, start, end) in sorted(placed, key=lambda pair: pair[1]):
        paragraphs.comment(document, diagnostic, index, start, end)
    _summary(document, build_review(guide, diagnostics, settings, cli=cli), len(diagnostics))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _in_paragraphs(d: Diagnostic) -> tuple[int, int, int]:
    """(paragraph index from 0, start, end) of a finding placed in a Word guide's paragraphs."""
    end = d.span.end_column - 1 if d.span.end_line == d.span.line else None
    return d.span.line - 1, d.span.column - 1, end if end is not None else -1


# ---- anchoring comments ------------------------------------------------------------------------


class _Paragraphs:
    def __init__(self, reader: Reader, elements: list) -> None:
        self.reader = reader
        self.elements = elements

    def text(self, index: int) -> str:
        return "".join(t for t, _, _, _ in self.reader.pieces(self.elements[index]))

    def comment(self, document, d: Diagnostic, index: int, start: int, end: int) -> None:
        from docx.text.paragraph import Paragraph
        from docx.text.run import Run

        index, start, end = self._anchor(index, start, end)
        p = self.elements[index]
        runs = self._isolate(p, start, end)
        paragraph = Paragraph(p, document._body)
        first = f"{d.code} {d.name} ({d.severity}): {d.message}"
        note = document.add_comment([Run(r, paragraph) for r in runs], text=first, author=AUTHOR, initials=INITIALS)
        if d.suggestion:
            note.add_paragraph(f"Suggestion: {d.suggestion}")

    def _anchor(self, index: int, start: int, end: int) -> tuple[int, int, int]:
        """Words to hang the comment on: the finding's, else its whole paragraph, else the next
        paragraph with words (a finding on an empty line, or on the front matter)."""
        index = max(0, min(index, len(self.elements) - 1))
        for candidate in [index, *range(index + 1, len(self.elements)), *range(index - 1, -1, -1)]:
            text = self.text(candidate)
            if not text.strip():
                continue
            if candidate != index:
                start, end = 0, len(text)
            if end < 0 or end > len(text):
                end = len(text)
            start = max(0, min(start, len(text)))
            if not text[start:end].strip():  # no width (a whole-line finding), or only spaces
                start, end = len(text) - len(text.lstrip()), len(text.rstrip())
            return candidate, start, end
        raise ValueError("the document has no words to comment on")

    def _isolate(self, p, start: int, end: int) -> list:
        """The runs that hold exactly text[start:end] of paragraph ``p``, splitting runs as needed."""
        self._boundary(p, start)
        self._boundary(p, end)
        runs: list = []
        position = 0
        for text, _, _, (run, _) in self.reader.pieces(p):
            if start <= position < end and run not in runs:
                runs.append(run)
            position += len(text)
        return runs

    def _boundary(self, p, offset: int) -> None:
        position = 0
        for text, _, _, (run, part) in self.reader.pieces(p):
            if position < offset < position + len(text) or (offset == position and part is not _content(run)[0]):
                _split(run, part, offset - position)
                return
            if offset == position:
                return
            position += len(text)


def _content(run) -> list:
    return [child for child in run.iterchildren() if child.tag != _W + "rPr"]


def _split(run, part, k: int) -> None:
    """Split ``run`` before character ``k`` of ``part``: what comes after moves to a copy of the
    run (same formatting) right after it."""
    after = copy.deepcopy(run)
    parts, copied = _content(run), _content(after)
    i = parts.index(part)
    for child in parts[i + 1:]:
        run.remove(child)
    for child in copied[:i]:
        after.remove(child)
    if k == 0:
        run.remove(part)
    elif part.tag == _W + "t":
        text = part.text or ""
        part.text, copied[i].text = text[:k], text[k:]
        for t in (part, copied[i]):
            t.set(_XML_SPACE, "preserve")
    else:  # a tab or break is one character: k is 0 or past it
        after.remove(copied[i])
    run.addnext(after)


# ---- a Word document from a Markdown guide ------------------------------------------------------

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?!#)[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<text>.*))?$")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?(?P<text>.*)$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_CHECKBOX = re.compile(r"^\[[ xX]\][ \t]+")


@dataclass
class _Written:
    """Where the words of each Markdown line went: paragraph index and the cleaned pieces."""

    pieces: dict[int, list[tuple[int, int, Clean]]] = field(default_factory=dict)  # line -> (paragraph, column, clean)
    first: int = 0  # the first paragraph (the title), for findings on lines that are not in the copy

    def place(self, d: Diagnostic) -> tuple[int, int, int]:
        found = self._at(d.span.line, d.span.start)
        if found is None:
            return self.first, 0, -1
        paragraph, column = found
        end = self._at(d.span.end_line, d.span.end, end=True)
        if end is None or end[0] != paragraph or d.span.end <= d.span.start:
            return paragraph, column, -1 if d.span.end > d.span.start else column
        return paragraph, column, end[1]

    def _at(self, line: int, offset: int, *, end: bool = False) -> tuple[int, int] | None:
        pieces = self.pieces.get(line)
        if not pieces:
            return None
        paragraph, column, words = pieces[0]
        return paragraph, column + _clean_index(words, offset, end=end)


def _clean_index(words: Clean, offset: int, *, end: bool) -> int:
    """The index in the cleaned words of a source offset: a start moves on past markup to the
    next word, an (exclusive) end stays after the last character before it."""
    if end:
        return sum(1 for i in range(len(words.text)) if words.offset(i) < offset)
    return next((i for i in range(len(words.text)) if words.offset(i) >= offset), len(words.text))


class _DocumentWriter:
    def __init__(self, guide: Guide) -> None:
        import docx

        self.document = docx.Document()
        self.guide = guide
        self.written = _Written()
        self.count = 0
        self.joining = None  # (paragraph, text so far) while lines of one Markdown paragraph come in

    def paragraph(self, line: int, raw: str, offset: int, style: str | None = None, *, bold=False, italic=False):
        words = clean(raw, offset)
        paragraph = self.document.add_paragraph(style=style)
        run = paragraph.add_run(words.text)
        run.bold = bold or None
        run.italic = italic or None
        self.written.pieces[line] = [(self.count, 0, words)]
        self.count += 1
        self.joining = (paragraph, words.text)
        return paragraph

    def join(self, line: int, raw: str, offset: int) -> None:
        paragraph, so_far = self.joining
        words = clean(raw, offset)
        if not words.text:
            return
        text = f"{so_far} {words.text}" if so_far else words.text
        paragraph.runs[0].text = text
        self.written.pieces.setdefault(line, []).append((self.count - 1, len(text) - len(words.text), words))
        self.joining = (paragraph, text)


def _markdown_document(guide: Guide):
    writer = _DocumentWriter(guide)
    source = guide.source
    starts = guide.lines.starts
    lines = [guide.line_text(n) for n in range(1, len(starts) + 1)]
    first_line = guide.front_matter.span.end_line + 1 if guide.front_matter is not None else 1
    if guide.front_matter is not None and guide.front_matter.span.end == len(source):
        first_line = len(lines) + 1
    headings = [(n, m) for n in range(first_line, len(lines) + 1) if (m := _HEADING.match(lines[n - 1]))]
    one_title = (sum(1 for _, m in headings if len(m.group(1)) == 1) == 1
                 and headings and len(headings[0][1].group(1)) == 1)
    levels: list[int] = []
    mode = None
    fence = None
    comment = False
    for number in range(first_line, len(lines) + 1):
        line = lines[number - 1]
        offset = starts[number - 1]
        stripped = line.strip()
        if comment:  # inside a multi-line HTML comment: suppressions, invisible when rendered
            comment = "-->" not in line
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence, mode = None, None
            else:
                writer.paragraph(number, line, offset)
            continue
        if not stripped:
            mode = "blank-after-item" if mode in ("item", "blank-after-item") else None
            writer.joining = None
            continue
        if stripped.startswith("<!--"):
            comment = "-->" not in stripped
            continue
        m = _FENCE.match(line)
        if m:
            fence, mode = m.group(1), None
            continue
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            style = "Title" if one_title and level == 1 else f"Heading {min(level - 1 if one_title else level, 9)}"
            writer.paragraph(number, heading.group(2), offset + heading.start(2), style)
            mode, levels, writer.joining = "heading", [], None
            continue
        if _RULE.match(line):
            if mode == "paragraph" and writer.joining is not None and re.match(r"^ {0,3}(=+|-+)[ \t]*$", line):
                paragraph = writer.joining[0]  # a setext heading: the paragraph above is its title
                paragraph.style = writer.document.styles["Heading 1" if "=" in line else "Heading 2"]
            mode, writer.joining = None, None
            continue
        item = _ITEM.match(line)
        if item:
            indent = len(item.group("indent").expandtabs(4))
            while levels and levels[-1] > indent:
                levels.pop()
            if not levels or levels[-1] < indent:
                levels.append(indent)
            level = min(len(levels), 3)
            kind = "List Number" if item.group("marker")[0].isdigit() else "List Bullet"
            text = item.group("text") or ""
            lead = item.start("text") if item.group("text") else len(line)
            box = _CHECKBOX.match(text)
            if box:
                text, lead = text[box.end():], lead + box.end()
            emphasis = _emphasis(text)
            writer.paragraph(number, text, offset + lead, kind if level == 1 else f"{kind} {level}", **emphasis)
            mode = "item"
            continue
        quote = _QUOTE.match(line)
        if quote:
            text = quote.group("text")
            if not text.strip():
                writer.joining = None
            elif mode == "quote" and writer.joining is not None:
                writer.join(number, text, offset + quote.start("text"))
            else:
                writer.paragraph(number, text, offset + quote.start("text"), "Quote")
            mode = "quote"
            continue
        if stripped.startswith("|"):
            if not _TABLE_SEPARATOR.match(line):
                writer.paragraph(number, line, offset)
            mode, writer.joining = "table", None
            continue
        if mode in ("paragraph", "item") and writer.joining is not None:
            writer.join(number, line, offset)
            continue
        writer.paragraph(number, line, offset, **_emphasis(line))
        mode, levels = "paragraph", ([] if mode != "blank-after-item" else levels)
        if _emphasis(line):
            writer.joining = None
    if writer.count == 0:
        writer.document.add_paragraph(guide.title or "(empty guide)")
        writer.count = 1
    return writer.document, writer.written


def _emphasis(text: str) -> dict:
    """A line that is all bold (a subsection) or all italic (a note) keeps that in Word."""
    s = text.strip()
    if re.fullmatch(r"\*\*[^*].*?\*\*|__[^_].*?__", s):
        return {"bold": True}
    if re.fullmatch(r"\*[^*].*?\*|_[^_].*?_", s):
        return {"italic": True}
    return {}


# ---- the summary on the first page -------------------------------------------------------------


def _summary(document, review, found: int) -> None:
    """The summary, written at the end and moved to the front inside a tagged content control."""
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    body = document.element.body
    # lxml hands out a new proxy per access unless one is alive: keep them, so ids stay theirs
    existing = list(body.iterchildren())
    before = {id(child) for child in existing}

    def add(text: str = "", style: str | None = None):
        """A paragraph in ``style``; a document that lacks the style gets plain (bold) text."""
        try:
            return document.add_paragraph(text, style)
        except KeyError:
            paragraph = document.add_paragraph()
            paragraph.add_run(text).bold = bool(style and style.startswith("Heading")) or None
            return paragraph
    add(f"guidelint review: {review.title}", "Heading 1")
    facts = [f"Session: {review.session.label}, from {review.session.source}."
             if review.session.minutes is not None else "Session length: not stated (add duration: to the front matter)."]
    if review.participant:
        facts.append(f"Participant: {review.participant}.")
    facts.append(f"Profile: {review.profile.name}." if review.profile else "Profile: none (general rules only).")
    facts.append(f"{found} {'finding' if found == 1 else 'findings'} from guidelint, each a comment beside the "
                 "words it concerns.")
    for fact in facts:
        add(fact)

    add("Time plan", "Heading 2")
    if review.plan:
        table = document.add_table(rows=1, cols=3)
        try:
            table.style = document.styles["Table Grid"]
        except KeyError:
            pass
        for cell, text in zip(table.rows[0].cells, ("Section", "Time box", "Running total")):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in review.plan:
            cells = table.add_row().cells
            cells[0].text = "    " * row.depth + row.title
            cells[1].text = row.box or "no time box"
            cells[2].text = row.running
    add(review.plan_verdict or "No time boxes.")

    add("Sections the profile expects", "Heading 2")
    if review.profile is None:
        add("No profile, so no expected sections. Name one with profile: in the front matter.")
    for row in review.coverage:
        found_in = ", ".join(title for title, _ in row.found)
        add(f"{row.expected.title}: " + (f"found ({found_in})" if found_in else "missing"), "List Bullet")

    add("Objectives", "Heading 2")
    if not review.objectives:
        add("No objectives. List what the interview must learn under objectives: in the front matter.")
    for row in review.objectives or []:
        covered = "; ".join(text for text, _ in row.covered_by)
        add(f"{row.id}: {row.text}. " + (f"Asked by: {covered}" if covered else "No question covers it yet."),
            "List Bullet")
    add().add_run().add_break(WD_BREAK.PAGE)

    added = [child for child in body.iterchildren() if id(child) not in before and child.tag != _W + "sectPr"]
    control = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="guidelint review summary"/>'
                        f'<w:tag w:val="{SUMMARY_TAG}"/></w:sdtPr><w:sdtContent/></w:sdt>')
    content = control.find(_W + "sdtContent")
    for child in added:
        content.append(child)  # append moves the element out of the body
    body.insert(0, control)
