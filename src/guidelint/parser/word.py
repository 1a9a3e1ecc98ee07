"""Word guides (``.docx``): the document read into the same model as a Markdown guide.

The document is turned into Markdown, one block per Word paragraph, and that Markdown goes
through the ordinary parser, so a Word guide and its Markdown twin get the same findings by
construction. Styles carry the structure: Title and Heading 1-6 (or an outline level) are
headings, List Bullet / List Number styles and numbered paragraphs are list items with their
level, Quote styles are blockquotes, and a paragraph whose words are all bold opens a
subsection as ``**Scenario**`` does. Tables are kept as text, one row to a line. Tracked
insertions are read as the words they insert; tracked deletions, comments, footnotes and text
boxes are not part of what the participant hears, so they are left out. A guide may begin
with the same front matter a Markdown guide has, typed as paragraphs between ``---`` lines.

Positions are the document's paragraphs: every paragraph of the body counts, empty ones and
those inside tables included, from 1 at the top, and the column counts characters in the
paragraph (``guide.docx:12:5``). ``SourceMap`` maps the generated Markdown back to them.

python-docx is imported only for ``.docx`` files (here, and by the Word review copy). Before it unpacks anything
the zip's directory is read: a file that would unpack to too much (a zip bomb), or holds too
many parts, is refused by its declared sizes. Python's zipfile never inflates an entry past
its declared size, so a header that lies makes the read fail, not grow.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from guidelint.model import Guide, LineIndex, Problem, SourceMap, Span
from guidelint.reading import MAX_WORD_BYTES  # kept in reading: every read of a Word path stops there
#: what the zip may unpack to in all, and its XML parts (what is parsed) on their own
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_XML_BYTES = 32 * 1024 * 1024
MAX_PARTS = 2000
#: the generated Markdown obeys the same limit as a Markdown guide
MAX_TEXT_CHARS = 4 * 1024 * 1024

# An OLE compound file (CFB): Word's container for password-protected documents and .doc.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIPPED = {_W + "del", _W + "moveFrom", _W + "txbxContent", _W + "footnoteReference", _W + "commentReference",
            "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list\s+(bullet|number)(?:\s+([2-9]))?$", re.IGNORECASE)
_QUOTE_STYLE = re.compile(r"^(?:intense\s+)?quote$", re.IGNORECASE)
_FRONT_FENCE = re.compile(r"^---[ \t]*$")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_TRUE = {"1", "true", "on"}
_PART_TEXT = {_W + "tab": "\t", _W + "br": " ", _W + "cr": " ", _W + "noBreakHyphen": "-"}
#: the content control that holds a review copy's summary, which the reader skips
SUMMARY_TAG = "guidelint-review-summary"


class WordError(Exception):
    """A Word file that cannot be read; ``code`` is the file-level rule it becomes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(slots=True)
class Paragraph:
    """One paragraph of the body, as it reads: its words and what its style makes it."""

    text: str
    kind: str = "paragraph"  # heading, item, quote, paragraph, cell (in a table), empty
    level: int = 0  # heading level, or list nesting from 0
    ordered: bool = False
    bold: bool = False  # every word bold
    italic: bool = False
    #: for a paragraph in a table: which row (counted over the document) and which cell
    row: int = -1
    cell: int = -1


@dataclass(slots=True)
class WordText:
    paragraphs: list[Paragraph]
    markdown: str
    origin: SourceMap


def check_container(data: bytes) -> None:
    """Refuse what python-docx should not unpack, by the zip's directory alone."""
    if data.startswith(_OLE_MAGIC):
        raise WordError("word-file-unreadable",
                        "This is not a .docx but an OLE container, which Word writes for password-protected "
                        "documents and the old .doc format; remove the password or save it as .docx")
    if len(data) > MAX_WORD_BYTES:
        raise WordError("file-too-large", f"File is {len(data) / 1048576:.1f} MB; Word guides larger than "
                        f"{MAX_WORD_BYTES / 1048576:.0f} MB are not checked")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise WordError("word-file-unreadable",
                        "This is not a Word document that can be read (not a zip archive, or a damaged one); "
                        "open it in Word and save it again as .docx") from None
    if len(entries) > MAX_PARTS:
        raise WordError("file-too-large", f"The document holds {len(entries)} parts; a Word guide holds far "
                        f"fewer than {MAX_PARTS}, so it was not unpacked")
    unpacked = sum(e.file_size for e in entries)
    xml = sum(e.file_size for e in entries if e.filename.lower().endswith((".xml", ".rels")))
    if unpacked > MAX_UNPACKED_BYTES or xml > MAX_XML_BYTES:
        raise WordError("file-too-large", f"The document would unpack to {unpacked / 1048576:.0f} MB "
                        f"({xml / 1048576:.0f} MB of it XML); that is no discussion guide, so it was not unpacked")


def read_word(data: bytes) -> WordText:
    """The paragraphs of a .docx and its Markdown twin; raises WordError for a file it cannot read."""
    check_container(data)
    try:
        import docx  # only here: Markdown guides never pay for python-docx and lxml

        document = docx.Document(io.BytesIO(data))
        paragraphs = Reader(document).paragraphs()
    except WordError:
        raise
    except Exception as exc:  # a damaged package: python-docx, lxml and zipfile each raise their own
        raise WordError("word-file-unreadable",
                        f"Cannot read this Word document ({exc.__class__.__name__}); open it in Word and "
                        "save it again as .docx") from None
    markdown, origin = to_markdown(paragraphs)
    if len(markdown) > MAX_TEXT_CHARS:
        raise WordError("file-too-large", f"The document's text is {len(markdown) / 1048576:.1f} MB; guides "
                        f"larger than {MAX_TEXT_CHARS / 1048576:.0f} MB are not checked")
    return WordText(paragraphs, markdown, origin)


def parse_word(data: bytes, path: str) -> Guide:
    """A Word guide in the model; an unreadable file is a guide holding one file-level problem."""
    from guidelint.parser import parse_text

    try:
        word = read_word(data)
    except WordError as exc:
        at = Span(0, 0, 1, 1, 1, 1)
        return Guide(path, "", LineIndex(""), None, [], problems=[Problem(exc.code, str(exc), at)],
                     origin=SourceMap("paragraph", "", []))
    guide = parse_text(word.markdown, path)
    guide.origin = word.origin
    return guide


# ---- reading the document -----------------------------------------------------------------


class Reader:
    """Walks a python-docx Document's body in reading order: what each paragraph says and is."""

    def __init__(self, document) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.document = document
        self.styles = {style.style_id: style for style in document.styles}
        self.default_style = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.formats = self._numbering_formats()
        self.rows = 0
        #: the w:p element of each paragraph, in the order (and so with the numbers) of paragraphs()
        self.elements: list = []

    def paragraphs(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        self._blocks(self.document.element.body, out)
        # Word's Title stands over Heading 1, as a Markdown guide's "# Title" over its "## Sections"
        below_title = any(p.kind == "title" for p in out)
        for paragraph in out:
            if paragraph.kind == "title":
                paragraph.kind = "heading"
            elif paragraph.kind == "heading":
                paragraph.level = min(paragraph.level + below_title, 6)
        return out

    def _blocks(self, parent, out: list[Paragraph]) -> None:
        for child in parent.iterchildren():
            if child.tag == _W + "p":
                out.append(self._paragraph(child))
                self.elements.append(child)
            elif child.tag == _W + "tbl":
                self._table(child, out)
            elif child.tag == _W + "sdt" and _tag_of(child) == SUMMARY_TAG:
                continue  # the summary a review copy opens with is guidelint's, not the guide's
            elif child.tag in (_W + "sdt", _W + "customXml"):
                content = child.find(_W + "sdtContent")
                self._blocks(content if content is not None else child, out)

    def _table(self, table, out: list[Paragraph]) -> None:
        for row in _unwrapped(table, _W + "tr"):
            self.rows += 1
            for index, cell in enumerate(_unwrapped(row, _W + "tc")):
                inside: list[Paragraph] = []
                self._blocks(cell, inside)  # a table nested in a cell joins the cell's words
                for paragraph in inside:
                    paragraph.kind = "cell" if paragraph.text.strip() else "empty"
                    paragraph.row, paragraph.cell = self.rows, index
                out.extend(inside)

    def _paragraph(self, p) -> Paragraph:
        pieces = list(self.pieces(p))
        text = "".join(t for t, _, _, _ in pieces)
        style = self._style_of(p)
        name = (style.name if style is not None else "") or ""
        words = [(b, i) for t, b, i, _ in pieces if t.strip()]
        bold = bool(words) and all(b for b, _ in words)
        italic = bool(words) and all(i for _, i in words)
        if not text.strip():
            return Paragraph(text, "empty")
        if name.lower() == "title":
            return Paragraph(text, "title", 1)
        m = _HEADING_STYLE.match(name)
        if m:
            return Paragraph(text, "heading", int(m.group(1)))
        outline = self._outline_level(p, style)
        if outline is not None and outline < 9:
            return Paragraph(text, "heading", outline + 1)
        m = _LIST_STYLE.match(name)
        if m:
            return Paragraph(text, "item", int(m.group(2) or 1) - 1, m.group(1).lower() == "number", bold, italic)
        numbered = self._numbering(p, style)
        if numbered is not None:
            level, ordered = numbered
            return Paragraph(text, "item", level, ordered, bold, italic)
        if _QUOTE_STYLE.match(name):
            return Paragraph(text, "quote", bold=bold, italic=italic)
        return Paragraph(text, "paragraph", bold=bold, italic=italic)

    def pieces(self, p, element=None):
        """(text, bold, italic, (run, part)) for the visible words of paragraph ``p``, in order,
        skipping deletions and comments: the paragraph's text is these texts joined."""
        for child in (p if element is None else element).iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _W + "r":
                run_bold, run_italic = self._run_format(child, p)
                for part in child.iterchildren():
                    text = _PART_TEXT.get(part.tag)
                    if part.tag == _W + "t":
                        text = _one_line(part.text or "")
                    if text:
                        yield text, run_bold, run_italic, (child, part)
            elif tag == _W + "pPr":
                continue
            else:  # w:ins, w:hyperlink, w:smartTag, w:fldSimple, w:sdt…: their runs are text
                yield from self.pieces(p, child)

    def _run_format(self, run, p) -> tuple[bool, bool]:
        rpr = run.find(_W + "rPr")
        bold = _toggle(rpr, "b")
        italic = _toggle(rpr, "i")
        if bold is None or italic is None:
            style_id = _val(rpr.find(_W + "rStyle")) if rpr is not None else None
            chain = [self.styles.get(style_id)] if style_id else []
            chain.append(self._style_of(p))
            for style in chain:
                while style is not None and (bold is None or italic is None):
                    srpr = style.element.find(_W + "rPr")
                    bold = _toggle(srpr, "b") if bold is None else bold
                    italic = _toggle(srpr, "i") if italic is None else italic
                    style = style.base_style
        return bool(bold), bool(italic)

    def _style_of(self, p):
        ppr = p.find(_W + "pPr")
        style_id = _val(ppr.find(_W + "pStyle")) if ppr is not None else None
        return self.styles.get(style_id) if style_id else self.default_style

    def _outline_level(self, p, style) -> int | None:
        for ppr in self._ppr_chain(p, style):
            level = ppr.find(_W + "outlineLvl")
            if _number(_val(level)) is not None:
                return _number(_val(level))
        return None

    def _numbering(self, p, style) -> tuple[int, bool] | None:
        num_id = ilvl = None
        for ppr in self._ppr_chain(p, style):
            num = ppr.find(_W + "numPr")
            if num is None:
                continue
            if num_id is None and num.find(_W + "numId") is not None:
                num_id = _val(num.find(_W + "numId"))
            if ilvl is None and num.find(_W + "ilvl") is not None:
                ilvl = _val(num.find(_W + "ilvl"))
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return None
        level = _level(ilvl) or 0
        fmt = self.formats.get((num_id, level), "bullet")
        return level, fmt not in ("bullet", "none")

    def _ppr_chain(self, p, style):
        ppr = p.find(_W + "pPr")
        if ppr is not None:
            yield ppr
        seen = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            sppr = style.element.find(_W + "pPr")
            if sppr is not None:
                yield sppr
            style = style.base_style

    def _numbering_formats(self) -> dict[tuple[str, int], str]:
        try:
            part = self.document.part.part_related_by(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering")
        except KeyError:
            return {}
        root = part.element
        abstract = {}
        for node in root.iterchildren(_W + "abstractNum"):
            levels = {}
            for lvl in node.iterchildren(_W + "lvl"):
                fmt = lvl.find(_W + "numFmt")
                ilvl = lvl.get(_W + "ilvl")
                if _number(ilvl) is not None and _number(ilvl) <= _DEEPEST_LEVEL:
                    levels[_number(ilvl)] = _val(fmt) if fmt is not None else "decimal"
            abstract[node.get(_W + "abstractNumId")] = levels
        formats = {}
        for num in root.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            for level, fmt in abstract.get(_val(ref) if ref is not None else None, {}).items():
                formats[(num.get(_W + "numId"), level)] = fmt or "decimal"
        return formats


def _tag_of(sdt) -> str | None:
    properties = sdt.find(_W + "sdtPr")
    tag = properties.find(_W + "tag") if properties is not None else None
    return _val(tag)


def _unwrapped(parent, tag: str):
    """The ``tag`` children of ``parent``, also those inside content controls (``w:sdt``) and
    custom XML, which Word wraps round rows and cells as it does round paragraphs."""
    stack = [iter(parent.iterchildren())]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == tag:
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent")
            stack.append(iter((content if content is not None else child).iterchildren()))


def _val(element) -> str | None:
    return element.get(_W + "val") if element is not None else None


#: Word's list levels run 0-8; a file can claim any number, and each level is four spaces of indent
_DEEPEST_LEVEL = 8


def _number(value: str | None) -> int | None:
    """A level number from the XML, or None: digits other than 0-9 or thousands of them made
    ``int()`` raise, so a long run of digits reads as 9999, deeper than any level Word has."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    return int(value) if len(value) <= 4 else 9999


def _level(value: str | None) -> int | None:
    """A list level clamped to Word's 0-8: "10000000" once became 40 MB of indent per item."""
    number = _number(value)
    return None if number is None else min(number, _DEEPEST_LEVEL)


def _toggle(rpr, name: str) -> bool | None:
    if rpr is None:
        return None
    node = rpr.find(_W + name)
    if node is None:
        return None
    value = _val(node)
    return value is None or value.lower() in _TRUE


def _one_line(text: str) -> str:
    """Keep a paragraph on one line of the paragraph text, whatever characters it holds."""
    return re.sub(r"[\r\n\x0b\x0c\x85\u2028\u2029]", " ", text).replace("\x00", "")


# ---- writing the Markdown twin --------------------------------------------------------------


def to_markdown(paragraphs: list[Paragraph]) -> tuple[str, SourceMap]:
    """One Markdown block per paragraph (a table row per line), and the map back to the paragraphs."""
    starts = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph.text) + 1
    original = "\n".join(p.text for p in paragraphs)
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    length = 0
    previous = None

    def emit(piece: str, number: int | None = None, lead: int = 0, words: int = 0) -> None:
        """Append markup, or (with ``number``) words copied from that paragraph at column ``lead``."""
        nonlocal length
        if number is not None and words:
            segments.append((length, starts[number] + lead, words))
        out.append(piece)
        length += len(piece)

    def words_of(number: int) -> tuple[str, int]:
        text = paragraphs[number].text
        stripped = text.strip()
        return stripped, len(text) - len(text.lstrip())

    i = _front_matter(paragraphs, emit)
    previous = "front" if i else None
    while i < len(paragraphs):
        paragraph = paragraphs[i]
        if paragraph.kind == "empty":
            i += 1
            continue
        tight = previous == paragraph.kind and paragraph.kind in ("item", "cell")
        if previous is not None:
            emit("\n" if tight or previous == "front" else "\n\n")
        if paragraph.kind == "cell":
            i = _row(paragraphs, i, emit, words_of)
            previous = "cell"
            continue
        words, lead = words_of(i)
        opening, closing = _emphasis(paragraph)
        if paragraph.kind == "heading":
            emit("#" * paragraph.level + " ")
            opening = closing = ""
        elif paragraph.kind == "item":
            emit("    " * paragraph.level + ("1. " if paragraph.ordered else "- "))
        elif paragraph.kind == "quote":
            emit("> ")
            opening = closing = ""  # a quote is a note whatever its style's italics
        emit(opening)
        marker = _BLOCK_MARKER.match(words) if not opening and paragraph.kind in ("paragraph", "quote") else None
        if marker:
            # "# 1 Background" typed in a Word paragraph is words, not a Markdown heading: a
            # backslash before the marker's last character keeps it a paragraph in the twin
            at = marker.end() - 1
            emit(words[:at], i, lead, at)
            emit("\\")
            emit(words[at:], i, lead + at, len(words) - at)
        else:
            emit(words, i, lead, len(words))
        emit(closing)
        previous = paragraph.kind
        i += 1
    if out:
        emit("\n")
    return "".join(out), SourceMap("paragraph", original, segments)


# What would open a block of another kind at the start of a Markdown line: a heading, quote,
# list item, thematic break, fence, table row or HTML
_BLOCK_MARKER = re.compile(r"#{1,6}(?=[ \t]|$)|>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|[-*_=](?=[ \t]*[-*_=])|`{3}|~{3}|\||<")


def _emphasis(paragraph: Paragraph) -> tuple[str, str]:
    if paragraph.bold:
        return "**", "**"
    if paragraph.italic:
        return "*", "*"
    return "", ""


def _front_matter(paragraphs: list[Paragraph], emit) -> int:
    """Front matter typed as paragraphs between ``---`` lines at the top, copied line for line;
    returns the index after it (0 when there is none)."""
    first = next((i for i, p in enumerate(paragraphs) if p.kind != "empty"), None)
    if first is None or paragraphs[first].kind != "paragraph" or not _FRONT_FENCE.match(paragraphs[first].text.strip()):
        return 0
    end = next((i for i in range(first + 1, len(paragraphs)) if _FRONT_END.match(paragraphs[i].text.strip())), None)
    if end is None:
        return 0
    for number in range(first, end + 1):
        text = paragraphs[number].text.rstrip()
        if number == first or number == end:
            text = text.strip()
        lead = len(paragraphs[number].text) - len(paragraphs[number].text.lstrip()) if number in (first, end) else 0
        emit(text, number, lead, len(text))
        emit("\n")
    return end + 1


def _row(paragraphs: list[Paragraph], i: int, emit, words_of) -> int:
    """A table row as ``| cell | cell |``; returns the index after the row."""
    row = paragraphs[i].row
    cell = None
    emit("|")
    while i < len(paragraphs) and paragraphs[i].row == row:
        paragraph = paragraphs[i]
        if paragraph.kind != "empty":
            emit(" " if paragraph.cell == cell else (" | " if cell is not None else " "))
            cell = paragraph.cell
            words, lead = words_of(i)
            emit(words, i, lead, len(words))
        i += 1
    emit(" |")
    return i
