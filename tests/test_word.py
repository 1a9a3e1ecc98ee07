"""Word guides (.docx): read into the same model as Markdown, with positions in paragraphs.

Documents are written with python-docx in the styles Word gives an author (Title, Heading n,
List Bullet / List Number with their levels, Quote, bold runs), plus raw WordprocessingML
where python-docx has no API (tracked changes, numbering on a plain paragraph).
"""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from guidelint.config import Settings  # noqa: E402
from guidelint.diagnostics import in_original  # noqa: E402
from guidelint.engine import lint  # noqa: E402
from guidelint.parser import parse_bytes  # noqa: E402
from guidelint.parser.word import parse_word, read_word  # noqa: E402
from tests.conftest import EXAMPLES  # noqa: E402
from tests.word_docs import twin_of  # noqa: E402


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bold_paragraph(document, text: str):
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = True
    return paragraph


def study() -> bytes:
    """A guide as a researcher writes it in Word: every construct the reader knows."""
    d = docx.Document()
    d.add_paragraph("Café checkout study", style="Title")                       # 1
    d.add_paragraph("Introduction (5 min)", style="Heading 1")                  # 2
    d.add_paragraph("Thanks for joining. May we record this call? Only our team sees the notes.",
                    style="Quote")                                               # 3
    d.add_paragraph("Habits (10 min)", style="Heading 1")                       # 4
    d.add_paragraph("Tell me about the last time you ordered lunch.", style="List Number")  # 5
    d.add_paragraph("Did you like paying with the app?", style="List Bullet 2")         # 6
    d.add_paragraph("")                                                          # 7: empty, still counted
    bold_paragraph(d, "Scenario")                                                # 8
    d.add_paragraph("Wouldn't you agree the queue is too long?", style="List Bullet")  # 9
    table = d.add_table(rows=1, cols=2)                                          # 10, 11: the cells
    table.cell(0, 0).text = "Is the menu clear?"
    table.cell(0, 1).text = "Watch for 😀 reactions"
    comment_on = d.add_paragraph("How did you choose where to eat?", style="List Bullet")  # 12
    d.add_comment(comment_on.runs, text="Is this question leading?", author="Sam", initials="S")
    d.add_paragraph("Wrap-up (5 min)", style="Heading 1")                       # 13
    d.add_paragraph("Thank you! We'll email you a summary next month.")         # 14
    return saved(d)


def words_of(guide) -> list[tuple[str, str]]:
    """The questions and probes asked (a consent line in a Quote is read as logistics)."""
    from guidelint.model import ASKED_ROLES

    return [(type(q).__name__, q.text) for q in guide.all_questions() if q.role in ASKED_ROLES]


def findings(data: bytes, name: str = "study.docx", **settings) -> list:
    guide = parse_word(data, name)
    return in_original(guide, lint(guide, Settings(), **settings))


# ---- reading the document ----------------------------------------------------------------


def test_styles_give_the_structure():
    guide = parse_word(study(), "study.docx")
    titles = [(s.level, s.title, s.heading.style) for s in guide.iter_sections() if s.heading is not None]
    assert titles == [(1, "Café checkout study", "atx"), (2, "Introduction", "atx"), (2, "Habits", "atx"),
                      (3, "Scenario", "bold"), (2, "Wrap-up", "atx")]
    boxes = [s.timebox.minutes for s in guide.iter_sections() if s.timebox is not None]
    assert boxes == [5, 10, 5]
    assert words_of(guide) == [
        ("Question", "Tell me about the last time you ordered lunch."),
        ("Probe", "Did you like paying with the app?"),  # List Bullet 2 nests under the numbered question
        ("Question", "Wouldn't you agree the queue is too long?"),
        ("Question", "How did you choose where to eat?"),
    ]
    # the table is kept as text, not read as questions; the comment is not part of the guide
    texts = [b.text for s in guide.iter_sections() for b in s.blocks]
    assert any("Is the menu clear?" in t and "😀" in t for t in texts)
    assert not any("leading" in t for t in texts)


def test_findings_are_placed_in_paragraphs():
    found = {(d.code, d.span.line, d.span.column) for d in findings(study())}
    assert ("GL101", 9, 1) in found      # "Wouldn't you" in paragraph 9 (paragraph 7 is empty)
    assert ("GL102", 6, 1) in found      # the closed probe in paragraph 6


def test_headings_without_a_title_style_keep_their_levels_and_outline_levels_count():
    d = docx.Document()
    d.add_paragraph("Guide", style="Heading 1")
    d.add_paragraph("Intro (5 min)", style="Heading 2")
    custom = d.add_paragraph("Pricing (5 min)")
    custom._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    guide = parse_word(saved(d), "g.docx")
    assert [(s.level, s.title) for s in guide.iter_sections() if s.heading] == [
        (1, "Guide"), (2, "Intro"), (2, "Pricing")]


def _numbered(document, text: str, num_id: int, level: int):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def test_numbering_on_a_plain_paragraph_is_a_list_with_its_level():
    # Word's own lists are often "List Paragraph" plus numbering properties, not a list style
    d = docx.Document()
    d.add_paragraph("Guide", style="Title")
    d.add_paragraph("Questions (10 min)", style="Heading 1")
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    _numbered(d, "What happened the last time you switched tools?", 90, 0)
    _numbered(d, "Who else was involved?", 90, 1)
    markdown = read_word(saved(d)).markdown
    assert "1. What happened the last time you switched tools?\n    - Who else was involved?" in markdown
    guide = parse_word(saved(d), "g.docx")
    assert words_of(guide) == [("Question", "What happened the last time you switched tools?"),
                               ("Probe", "Who else was involved?")]


def test_tracked_insertions_are_read_and_deletions_are_not():
    d = docx.Document()
    d.add_paragraph("Guide", style="Title")
    d.add_paragraph("Questions (10 min)", style="Heading 1")
    item = d.add_paragraph(style="List Bullet")
    item.add_run("How did you ")
    item._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="Sam" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:delText>really </w:delText></w:r></w:del>'))
    item._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="Sam" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve">first </w:t></w:r></w:ins>'))
    item.add_run("hear about us?")
    guide = parse_word(saved(d), "g.docx")
    assert words_of(guide) == [("Question", "How did you first hear about us?")]


def test_front_matter_typed_as_paragraphs_is_read():
    d = docx.Document()
    for line in ("---", "duration: 30 min", "objectives:", "  switch: Why they switched", "---"):
        d.add_paragraph(line)
    d.add_paragraph("Guide", style="Title")
    d.add_paragraph("Questions (40 min)", style="Heading 1")
    d.add_paragraph("What made you switch? {objective=switch}", style="List Bullet")
    guide = parse_word(saved(d), "g.docx")
    assert guide.meta["objectives"] == {"switch": "Why they switched"}
    over = [d for d in in_original(guide, lint(guide, Settings())) if d.code == "GL301"]
    assert [(d.span.line, d.span.column) for d in over] == [(7, 1)]
    assert "30 min (from front matter)" in over[0].message


# ---- the Markdown twin ---------------------------------------------------------------------


def _twin_findings(path: Path):
    markdown = path.read_text(encoding="utf-8")
    twin = twin_of(markdown)
    from_markdown = lint(parse_bytes(markdown.encode("utf-8"), path.name), Settings(), cli=_all_rules())
    word = parse_word(twin.data, path.name.replace(".md", ".docx"))
    from_word = in_original(word, lint(word, Settings(), cli=_all_rules()))

    def in_paragraphs(message: str) -> str:
        return re.sub(r"\bline (\d+)", lambda m: f"paragraph {twin.place(int(m.group(1)), 1)[0]}", message)

    expected = sorted((d.code, d.name, in_paragraphs(d.message), twin.place(d.span.line, d.span.column))
                      for d in from_markdown)
    got = sorted((d.code, d.name, d.message, (d.span.line, d.span.column)) for d in from_word)
    return expected, got


def _all_rules() -> Settings:
    from guidelint.config import Layer

    return Settings(layers=[Layer(select=["ALL"])])


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.guide.md")), ids=lambda p: p.name)
def test_a_word_twin_of_each_example_gets_the_same_findings(path):
    expected, got = _twin_findings(path)
    assert got == expected
    if path.name == "weak.guide.md":
        assert len(got) > 20 and any("paragraph" in message for _, _, message, _ in got)


# ---- files that are not readable guides ----------------------------------------------------


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "guidelint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})


def _zip_claiming(size: int) -> bytes:
    """A small .docx whose directory says document.xml unpacks to ``size`` bytes."""
    data = bytearray(study())
    name = b"word/document.xml"
    central = data.find(b"PK\x01\x02")  # each central directory entry: size at +24, name length at +28
    while central != -1:
        (length,) = struct.unpack_from("<H", data, central + 28)
        if bytes(data[central + 46:central + 46 + length]) == name:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def test_a_zip_bomb_is_refused_by_its_declared_size_before_python_docx_opens_it(monkeypatch):
    bomb = _zip_claiming(3 * 1024 ** 3)
    assert max(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) == 3 * 1024 ** 3
    monkeypatch.setattr(docx, "Document", lambda *a, **k: pytest.fail("python-docx was asked to unpack a bomb"))
    [finding] = findings(bomb)
    assert (finding.code, finding.span.line, finding.span.column, finding.fatal) == ("GL007", 1, 1, True)
    assert "would unpack to 3073 MB" in finding.message  # 3 GiB claimed, plus the real parts


def test_too_many_parts_are_refused(monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(2001):
            archive.writestr(f"x/{n}.xml", "")
    [finding] = findings(out.getvalue())
    assert finding.code == "GL007" and "2001 parts" in finding.message


# (the bytes are built in the test: a zip holds its time of writing, and test ids must be the
# same in every worker of a parallel run)
UNREADABLE = {
    "password-protected": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,  # an OLE container
    "not a zip archive": lambda: b"Not a zip at all",
    "damaged": lambda: study()[:2000],
}


@pytest.mark.parametrize("words", sorted(UNREADABLE))
def test_unreadable_word_files_are_one_error_at_1_1(words):
    [finding] = findings(UNREADABLE[words]())
    assert (finding.code, finding.name, finding.span.line, finding.span.column) == (
        "GL012", "word-file-unreadable", 1, 1)
    assert words in finding.message and finding.fatal


def test_a_zip_that_is_not_a_word_document_is_one_error():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    [finding] = findings(out.getvalue())
    assert finding.code == "GL012" and "save it again as .docx" in finding.message


def test_check_on_the_command_line(tmp_path):
    (tmp_path / "study.guide.docx").write_bytes(study())
    (tmp_path / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    result = run("check", "study.guide.docx", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    leading = next(d for d in payload["diagnostics"] if d["code"] == "GL101")
    assert (leading["line"], leading["column"], leading["unit"]) == (9, 1, "paragraph")
    text = run("check", "study.guide.docx", "--format", "full", cwd=tmp_path).stdout
    assert "study.guide.docx:9:1: GL101" in text
    assert "  9 | Wouldn't you agree the queue is too long?" in text
    sarif = json.loads(run("check", "study.guide.docx", "--format", "sarif", cwd=tmp_path).stdout)
    result_101 = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "GL101")
    assert result_101["properties"]["unit"] == "paragraph"
    assert result_101["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    locked = run("check", "locked.docx", cwd=tmp_path)
    assert locked.returncode == 1 and "Traceback" not in locked.stderr
    assert locked.stdout.startswith("locked.docx:1:1: GL012 [word-file-unreadable] (error) This is not a .docx")


def test_folder_walking_finds_word_guides_by_name_or_include(tmp_path):
    (tmp_path / "study.guide.docx").write_bytes(study())
    (tmp_path / "minutes.docx").write_bytes(study())
    result = run("check", ".", "--verbose", "--format", "json", "--no-cache", cwd=tmp_path)
    assert {d["path"] for d in json.loads(result.stdout)["diagnostics"]} == {"study.guide.docx"}
    assert "skipped minutes.docx: not a guide" in result.stderr
    (tmp_path / ".guidelint.yaml").write_text("include: ['minutes.docx']\n")
    result = run("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    assert {d["path"] for d in json.loads(result.stdout)["diagnostics"]} == {"study.guide.docx", "minutes.docx"}


def test_checking_markdown_does_not_import_python_docx(tmp_path):
    (tmp_path / "g.guide.md").write_text("# Guide\n\n## Intro (5 min)\n\n- What brought you here?\n")
    code = ("import sys; from guidelint.cli import main; main(['check', 'g.guide.md', '--no-cache']); "
            "print('docx' in sys.modules, 'lxml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines()[-1] == "False False"


# ---- the review copy in Word -----------------------------------------------------------------

_WNS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def comments_in(data: bytes) -> list[dict]:
    """Every comment of a .docx read back: its author, initials, text, the words it is anchored
    on and the number of the paragraph (in reading order, the summary left out) holding them."""
    document = docx.Document(io.BytesIO(data))
    notes = {c.comment_id: c for c in document.comments}
    found = []
    body = document.element.body
    summary = [el for el in body.iter(_WNS + "sdt") if el.find(f"{_WNS}sdtPr/{_WNS}tag") is not None]
    in_summary = [p for s in summary for p in s.iter(_WNS + "p")]  # kept alive: lxml reuses proxies' ids
    skipped = {id(p) for p in in_summary}
    paragraphs = [p for p in body.iter(_WNS + "p") if id(p) not in skipped]
    for number, p in enumerate(paragraphs, 1):
        open_ranges: dict[int, str] = {}
        for element in p.iter():
            if element.tag == _WNS + "commentRangeStart":
                open_ranges[int(element.get(_WNS + "id"))] = ""
            elif element.tag == _WNS + "t":
                for key in open_ranges:
                    open_ranges[key] += element.text or ""
            elif element.tag == _WNS + "commentRangeEnd":
                key = int(element.get(_WNS + "id"))
                note = notes[key]
                found.append({"paragraph": number, "anchor": open_ranges.pop(key), "author": note.author,
                              "initials": note.initials, "text": note.text})
    assert len(found) == len(notes), "every comment is anchored in the body"
    return found


def review_of(data: bytes, name: str) -> tuple[bytes, list]:
    from guidelint.parser import parse_file
    from guidelint.review_word import word_review

    guide = parse_file(data, name)
    diagnostics = lint(guide, Settings())
    return word_review(guide, diagnostics, Settings(), source=data), diagnostics


def test_word_review_of_a_word_guide_comments_on_the_words_of_each_finding():
    source = study()
    copy, diagnostics = review_of(source, "study.docx")
    comments = [c for c in comments_in(copy) if c["author"] != "Sam"]
    assert len(comments) == len(diagnostics) >= 2
    assert {(c["author"], c["initials"]) for c in comments} == {("guidelint", "GL")}
    original = docx.Document(io.BytesIO(source))
    texts = [p.text for p in original.paragraphs]
    placed = {(d.code, d.span.line, d.span.column, d.span.end_column) for d in
              in_original(parse_word(source, "study.docx"), diagnostics)}
    for comment in comments:
        code = comment["text"].split()[0]
        matching = [p for p in placed if p[0] == code and p[1] == comment["paragraph"]]
        assert matching, comment
        assert comment["text"].startswith(f"{code} ") and "(warning)" in comment["text"] or "(info)" in comment["text"]
    leading = next(c for c in comments if c["text"].startswith("GL101"))
    assert (leading["paragraph"], leading["anchor"]) == (9, "Wouldn't you")
    probe = next(c for c in comments if c["text"].startswith("GL102") and c["paragraph"] == 6)
    assert probe["anchor"] == "Did you" and "Suggestion: " in probe["text"]
    # the author's words are untouched: the copy reads as the original, comments aside
    copy_doc = docx.Document(io.BytesIO(copy))
    assert [p.text for p in copy_doc.paragraphs][-len(texts):] == texts
    # the author's own comment is still there, beside guidelint's
    assert any(c.author == "Sam" for c in copy_doc.comments)


def test_word_review_opens_with_a_summary_that_checking_the_copy_skips():
    copy, diagnostics = review_of((EXAMPLES / "weak.guide.md").read_bytes(), "weak.guide.md")
    document = docx.Document(io.BytesIO(copy))
    first_texts = ["".join(t.text or "" for t in p.iter(_WNS + "t")) for p in document.element.body.iter(_WNS + "p")][:80]
    joined = "\n".join(first_texts)
    assert first_texts[0].startswith("guidelint review: Fenwick & Hale")
    assert "Session: 30 min, from front matter." in joined
    assert "Implementation: missing" in joined and "Introduction: found (Intro)" in joined
    assert "support: How they rate the Pipewell support team. No question covers it yet." in joined
    from docx.table import Table

    table = Table(next(document.element.body.iter(_WNS + "tbl")), document._body)
    assert [c.text for c in table.rows[0].cells] == ["Section", "Time box", "Running total"]
    assert [c.text for c in table.rows[1].cells] == ["Intro", "3 min", "3 min"]
    # checked again, the copy is the guide: the summary is not read as sections of it
    again = parse_word(copy, "weak.review.docx")
    assert not any(s.title.startswith("guidelint review") for s in again.iter_sections())
    assert [s.title for s in again.iter_sections()][:2] == ["Fenwick & Hale customer story", "Intro"]


def test_word_review_of_a_markdown_guide_anchors_each_finding_on_its_words():
    markdown = (EXAMPLES / "weak.guide.md").read_text(encoding="utf-8")
    copy, diagnostics = review_of(markdown.encode("utf-8"), "weak.guide.md")
    comments = comments_in(copy)
    assert len(comments) == len(diagnostics)
    lines = markdown.split("\n")
    document = docx.Document(io.BytesIO(copy))
    front_matter_end = 10
    assert lines[front_matter_end - 1] == "---"
    for d in diagnostics:
        if d.span.end_line != d.span.line or d.span.end <= d.span.start or d.span.line <= front_matter_end:
            continue
        words = lines[d.span.line - 1][d.span.column - 1:d.span.end_column - 1]
        words = re.sub(r"^(?:#+|\d+\.|[-*])\s+", "", words).strip("*_ ")  # Markdown markup is not in Word
        assert any(c["anchor"].strip() == words and c["text"].startswith(d.code) for c in comments), (d, words)
    # whole-guide findings and those in the front matter sit on the title, which is in the Title style
    title = [c for c in comments if c["text"].startswith(("GL401", "GL003", "GL501"))]
    assert {c["anchor"] for c in title} == {"Fenwick & Hale customer story"}
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["Fenwick & Hale customer story"] == "Title" and styles["Intro (3 min)"] == "Heading 1"
    assert styles["Did you use spreadsheets to track leads before Pipewell? {objective=switch}"] == "List Number"
    # no Markdown left in the Word copy
    assert not any(re.search(r"\*\*|^#|^- ", p.text) for p in document.paragraphs)


def test_review_command_writes_word_and_refuses_html_to_a_terminal_kind_of_output(tmp_path):
    (tmp_path / "study.docx").write_bytes(study())
    (tmp_path / "weak.guide.md").write_bytes((EXAMPLES / "weak.guide.md").read_bytes())
    result = run("review", "study.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert comments_in((tmp_path / "study.review.docx").read_bytes())
    result = run("review", "weak.guide.md", "-o", "reviewed.docx", cwd=tmp_path)
    assert result.returncode == 0 and len(comments_in((tmp_path / "reviewed.docx").read_bytes())) > 20
    printed = run("review", "weak.guide.md", "-o", "-", cwd=tmp_path)
    assert printed.stdout.startswith("# Review copy:")  # Markdown, not HTML, when printed
    html = run("review", "study.docx", "-o", "x.html", cwd=tmp_path)
    assert html.returncode == 2 and "guidelint convert" in html.stderr
    locked = tmp_path / "locked.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    broken = run("review", "locked.docx", cwd=tmp_path)
    assert broken.returncode == 2 and "password-protected" in broken.stderr and "Traceback" not in broken.stderr


@pytest.mark.slow
def test_word_review_renders_with_libreoffice(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    try:
        import render_word_review
    finally:
        sys.path.pop(0)
    try:
        render_word_review.find_tools()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    copy = tmp_path / "weak.review.docx"
    copy.write_bytes(review_of((EXAMPLES / "weak.guide.md").read_bytes(), "weak.guide.md")[0])
    pages = render_word_review.render(copy, tmp_path / "shots", pages=2, dpi=60)
    assert len(pages) == 2
    for page in pages:
        data = page.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


# ---- guidelint convert ---------------------------------------------------------------------


def test_convert_writes_the_markdown_guidelint_reads_and_it_has_the_same_findings(tmp_path):
    (tmp_path / "study.docx").write_bytes(study())
    result = run("convert", "study.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "study.guide.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Café checkout study\n\n## Introduction (5 min)\n\n> Thanks for joining.")
    assert "1. Tell me about the last time you ordered lunch.\n    - Did you like paying with the app?" in markdown
    assert "\n**Scenario**\n" in markdown and "| Is the menu clear? | Watch for 😀 reactions |" in markdown
    from_word = {(d.code, d.message) for d in findings(study())}
    from_markdown = {(d.code, d.message) for d in lint(parse_bytes(markdown.encode("utf-8"), "study.guide.md"),
                                                       Settings())}
    assert from_markdown == from_word
    again = run("convert", "study.docx", cwd=tmp_path)
    assert again.returncode == 2 and "exists" in again.stderr
    assert run("convert", "study.docx", "-o", "study.guide.md", "--force", cwd=tmp_path).returncode == 0
    assert run("convert", "study.docx", "-o", "-", cwd=tmp_path).stdout == markdown


def test_convert_refuses_what_it_cannot_read(tmp_path):
    (tmp_path / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (tmp_path / "g.md").write_text("# G\n")
    locked = run("convert", "locked.docx", cwd=tmp_path)
    assert locked.returncode == 2 and "password-protected" in locked.stderr and "Traceback" not in locked.stderr
    assert run("convert", "g.md", cwd=tmp_path).returncode == 2
    assert "no such file" in run("convert", "missing.docx", cwd=tmp_path).stderr


def test_a_word_guide_with_a_large_image_is_read_whole(tmp_path):
    # one screenshot takes a .docx past the 4 MB Markdown limit; cut there it read as a damaged zip
    import os

    buffer = io.BytesIO(study())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("word/media/screenshot.png", os.urandom(5 * 1024 * 1024))  # incompressible, like a PNG
    guide = tmp_path / "big.guide.docx"
    guide.write_bytes(buffer.getvalue())
    checked = run("check", "--isolated", "--no-cache", "--format", "json", "big.guide.docx", cwd=tmp_path)
    codes = [d["code"] for d in json.loads(checked.stdout)["diagnostics"]]
    assert checked.returncode == 1 and "GL012" not in codes, checked.stdout
    assert "GL102" in codes  # the leading question of paragraph 9 is found, so the document was read
    reviewed = run("review", "big.guide.docx", "-o", "r.docx", cwd=tmp_path)
    assert reviewed.returncode == 0 and "Wrote r.docx" in reviewed.stderr, reviewed.stderr
    converted = run("convert", "big.guide.docx", "-o", "big.md", cwd=tmp_path)
    assert converted.returncode == 0 and "Tell me about the last time" in (tmp_path / "big.md").read_text()


@pytest.mark.parametrize("level", ["10000000", "9" * 5000, "²"], ids=["ten-million", "5000-digits", "superscript-two"])
def test_a_list_level_beyond_words_nine_is_the_deepest_level(level):
    # each level is four spaces of indent in the Markdown twin: ilvl=10000000 once asked for 40 MB an item
    d = docx.Document()
    d.add_paragraph("Questions (10 min)", style="Heading 1")
    paragraph = d.add_paragraph("Who else was involved?")
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'))
    markdown = read_word(saved(d)).markdown
    assert "Who else was involved?" in markdown and len(markdown) < 1000


def test_table_rows_and_cells_inside_content_controls_are_read():
    d = docx.Document()
    d.add_paragraph("Questions (10 min)", style="Heading 1")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Topic", "Question"
    table.cell(1, 0).text, table.cell(1, 1).text = "Tools", "Why did you switch tools?"
    row = table.rows[1]._tr
    wrapper = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent/></w:sdt>')
    row.addprevious(wrapper)
    wrapper.find(qn("w:sdtContent")).append(row)  # Word wraps a repeating-section row this way
    cell = table.rows[0]._tr.tc_lst[1]
    cell_wrapper = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent/></w:sdt>')
    cell.addprevious(cell_wrapper)
    cell_wrapper.find(qn("w:sdtContent")).append(cell)
    markdown = read_word(saved(d)).markdown
    assert "Why did you switch tools?" in markdown and "Question" in markdown


@pytest.mark.parametrize("words", ["# 1 Background and context", "> Why would anyone hide it?", "- What do you use today?",
                                   "1. What do you use today?", "--- and then", "| a | b |"])
def test_a_paragraph_that_starts_with_a_markdown_marker_stays_a_paragraph(words):
    d = docx.Document()
    d.add_paragraph("Guide", style="Title")
    d.add_paragraph("Questions (10 min)", style="Heading 1")
    d.add_paragraph("How did you start?")
    d.add_paragraph(words)
    guide = parse_word(saved(d), "g.docx")
    assert [s.title for s in guide.iter_sections()] == ["Guide", "Questions"]
    texts = [b.text for s in guide.iter_sections() for b in s.blocks]
    assert texts[-1] == words
