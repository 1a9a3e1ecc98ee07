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
from docx.oxml.ns import nsdecls  # noqa: E402

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
    d.add_paragraph("Did you pay with the app?", style="List Bullet 2")         # 6
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
    return [(type(q).__name__, q.text) for q in guide.all_questions()]


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
        ("Probe", "Did you pay with the app?"),  # List Bullet 2 nests under the numbered question
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
        assert len(got) > 30 and any("paragraph" in message for _, _, message, _ in got)


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


@pytest.mark.parametrize("data,words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "password-protected"),  # an OLE container
    (b"Not a zip at all", "not a zip archive"),
    (study()[:2000], "damaged"),
])
def test_unreadable_word_files_are_one_error_at_1_1(data, words):
    [finding] = findings(data)
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
