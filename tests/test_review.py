"""``guidelint review``: the review copy, read back through a real HTML parser."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guidelint.config import ConfigFinder, Settings
from guidelint.engine import lint
from guidelint.parser import parse_bytes, parse_text
from guidelint.review import (build_review, default_output, render_review_html, render_review_markdown,
                              review_format, write_review)

from tests.conftest import EXAMPLES, REAL_GUIDES, real_guide
from tests.test_new import guidelint

ROOT = Path(__file__).resolve().parent.parent
VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "col", "area", "base", "embed", "track"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]

    def by_id(self, id_: str) -> Element:
        found = [e for e in self.iter() if e.attrs.get("id") == id_]
        assert len(found) == 1, f"expected one #{id_}"
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert tag not in VOID, f"</{tag}> closes a void element"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>: the markup is not well nested"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> tuple[Element, TreeBuilder]:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.stack == [builder.root], "every element is closed"
    return builder.root, builder


def review_of(path: Path, fmt: str = "html") -> str:
    settings = ConfigFinder().for_path(path)
    guide = parse_bytes(path.read_bytes(), str(path))
    render = render_review_markdown if fmt == "md" else render_review_html
    return render(guide, lint(guide, settings), settings)


@pytest.fixture(scope="module")
def weak() -> Element:
    return parse_html(review_of(EXAMPLES / "weak.guide.md"))[0]


@pytest.fixture(scope="module")
def case_study() -> Element:
    return parse_html(review_of(EXAMPLES / "case-study.guide.md"))[0]


def squash(text: str) -> str:
    return " ".join(text.split())


# ---- a self-contained page --------------------------------------------------------------

def test_page_is_one_self_contained_document(weak):
    html = weak.find_all("html")
    assert len(html) == 1 and html[0].attrs.get("lang") == "en"
    titles = weak.find_all("title")
    assert len(titles) == 1 and "Fenwick & Hale" in titles[0].text()
    assert weak.find_all("meta") and any(m.attrs.get("charset") == "utf-8" for m in weak.find_all("meta"))
    assert weak.find_all("script") == []
    for tag in ("link", "img", "iframe", "object", "embed", "video", "audio", "a", "base", "form"):
        assert weak.find_all(tag) == [], tag
    for element in weak.iter():
        for name in element.attrs:
            assert name not in ("src", "href", "srcset", "action", "data") and not name.startswith("on"), name
    css = "".join(s.text() for s in weak.find_all("style"))
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert "@media print" in css and "break-before: page" in css


def test_print_styles_keep_backgrounds_light():
    _, builder = parse_html(review_of(EXAMPLES / "case-study.guide.md"))
    css = render_review_html(parse_text("# T\n", "t.md"), [])
    print_css = css.split("@media print", 1)[1]
    assert "background: #000" not in print_css and "background: black" not in print_css
    assert builder.doctype.lower() == "doctype html"


def test_sections_appear_in_reading_order(weak):
    ids = [e.attrs["id"] for e in weak.find_all("section") if e.attrs.get("id")]
    assert ids == ["whole-guide", "time-plan", "coverage", "objectives", "guide", "checklist"]


def test_header_shows_title_participant_and_where_the_duration_came_from(case_study):
    header = case_study.find_all("header")[0]
    text = squash(header.text())
    assert "Halden Freight — moving to Quarrybase, a customer story" in text
    assert "Director of Data Engineering at Halden Freight" in text
    assert "45 min from front matter" in text
    assert "Customer case study (case-study)" in text


def test_duration_inferred_from_the_intro_says_so():
    guide = parse_text("# Chat\n\n## Intro (5 min)\n\nThis takes about 30 minutes.\n\n## Topics (25 min)\n\n"
                       "- What brought you here?\n", "chat.md")
    page, _ = parse_html(render_review_html(guide, lint(guide, Settings()), Settings()))
    assert "30 min from the intro (line 5)" in squash(page.find_all("header")[0].text())


# ---- time plan --------------------------------------------------------------------------

def plan_rows(page: Element) -> list[list[str]]:
    table = page.by_id("time-plan").find_all("table")[0]
    return [[squash(td.text()) for td in tr.find_all("td")] for tr in table.find_all("tr") if tr.find_all("td")]


def test_time_plan_has_running_totals_and_a_total_row(case_study):
    rows = plan_rows(case_study)
    assert rows[0][:3] == ["Introduction line 15", "5 min", "5 min"]
    assert rows[1][:3] == ["Background line 26", "5 min", "10 min"]
    assert [r[2] for r in rows[:-1]][-1] == "45 min"
    assert rows[-1][:3] == ["Total", "45 min", "session 45 min"]
    assert "Fits exactly" in case_study.by_id("time-plan").find_all("p", "verdict")[0].text()


def test_time_plan_marks_overrun_and_placeholders(weak):
    section = weak.by_id("time-plan")
    assert "Over time" in section.find_all("p", "verdict")[0].text()
    assert "over" in section.find_all("p", "verdict")[0].classes
    rows = plan_rows(weak)
    assert ["Results line 37", "placeholder: X minutes", "25 min"] == rows[4][:3]
    assert rows[-1][:3] == ["Total", "35 min", "session 30 min"]
    over = [tr for tr in section.find_all("tr") if "over" in tr.classes]
    assert [squash(tr.find_all("td")[0].text()) for tr in over] == ["Looking ahead line 57"]
    assert section.find_all("span", "over"), "the part past the session shows on the bar"


def test_subsections_do_not_add_to_the_running_total():
    page = parse_html(review_of(EXAMPLES / "usability-test.guide.md"))[0]
    rows = plan_rows(page)
    tasks = [r for r in rows if r[0].startswith(("Tasks", "Task "))]
    assert tasks[0][1:3] == ["26 min", "36 min"]
    assert [r[2] for r in tasks[1:]] == ["", "", ""]
    assert rows[-1][:3] == ["Total", "45 min", "session 45 min"]


# ---- coverage and objectives ------------------------------------------------------------

def test_section_coverage_against_the_profile(weak):
    rows = {squash(tr.find_all("td")[0].text()): squash(tr.text())
            for tr in weak.by_id("coverage").find_all("tr") if tr.find_all("td")}
    assert "✗ missing" in rows["Implementation"]
    assert "✗ missing" in rows["Wrap-up"]
    assert "✓ present" in rows["Background"] and "About you line 19" in rows["Background"]
    assert "Features" in squash(weak.by_id("coverage").text())


def test_coverage_without_a_profile_says_so():
    guide = parse_text("# Chat\n\n## Topics\n\n- What brought you here?\n", "chat.md")
    page, _ = parse_html(render_review_html(guide, [], Settings()))
    assert "names no profile" in page.by_id("coverage").text()
    assert page.by_id("coverage").find_all("table") == []


def test_objectives_list_the_questions_that_cover_them(weak):
    rows = {squash(tr.find_all("td")[0].text()): tr for tr in weak.by_id("objectives").find_all("tr")
            if tr.find_all("td")}
    assert set(rows) == {"switch", "roi", "support"}
    assert "How much time has Pipewell's powerful automation saved your team each week?" in rows["roi"].text()
    assert "No question covers this yet" in rows["support"].text()
    assert "growth" in weak.by_id("objectives").text(), "undeclared objectives are named"


# ---- every question with its findings beside it -----------------------------------------

def question_items(page: Element) -> list[Element]:
    return [e for e in page.by_id("guide").find_all("div", "item") if "question" in e.classes]


def test_every_question_is_listed_in_order_with_its_number(case_study):
    items = question_items(case_study)
    assert len(items) == 21
    first = squash(items[0].find_all("p", "qtext")[0].text())
    assert first.startswith("Tell me about the work your team does at Halden Freight.")
    assert squash(items[0].find_all("span", "num-label")[0].text()) == "Q1"
    probes = [squash(li.text()) for li in items[0].find_all("li")]
    assert probes == ["Who relies on the data your team produces?"]


def test_a_question_has_its_findings_beside_it(weak):
    item = next(i for i in question_items(weak) if "Wouldn't you agree" in i.text())
    columns = [c for c in item.children if isinstance(c, Element)]
    assert len(columns) == 2, "the question on the left, its findings on the right"
    findings = columns[1].find_all("li", "finding")
    # one finding per span: the leading finding names the closed one it stands for
    assert [squash(f.text()).split()[1] for f in findings] == ["GL101"]
    assert "(also closed-question)" in findings[0].text()
    assert all("warning" in f.classes for f in findings)
    assert "flag-warning" in item.classes
    assert "Try:" not in findings[0].text()  # no rewrite is sure for it: the advice is in the message


def test_try_shows_the_rewrite_and_not_the_message_again(weak):
    item = next(i for i in question_items(weak) if "Was the onboarding call useful?" in i.text())
    finding = item.find_all("li", "finding")[0]
    text = squash(finding.text())
    assert "Try: How useful or useless was the onboarding call?" in text
    assert text.count("How useful or useless") == 1


def test_findings_on_a_heading_sit_with_their_section(weak):
    results = next(s for s in weak.by_id("guide").find_all("section", "part")
                   if squash(s.find_all("h3")[0].text()).startswith("Results"))
    assert "GL004" in results.text()
    quotes = next(s for s in weak.by_id("guide").find_all("section", "part")
                  if squash(s.find_all("h3")[0].text()).startswith("Quotes"))
    assert "GL204" in quotes.text()


def test_findings_without_a_line_go_in_the_whole_guide_list(weak):
    whole = weak.by_id("whole-guide")
    codes = [squash(li.text()).split()[1] for li in whole.find_all("li", "finding")]
    assert {"GL202", "GL401", "GL402", "GL403", "GL404", "GL003", "GL501"} == set(codes)
    placed = [squash(li.text()).split()[1] for li in weak.by_id("guide").find_all("li", "finding")]
    path = EXAMPLES / "weak.guide.md"
    total = len(lint(parse_bytes(path.read_bytes(), str(path)), ConfigFinder().for_path(path)))
    assert len(codes) + len(placed) == total, "every finding appears exactly once"


def test_probe_findings_say_which_probe():
    text = "# Guide\n\n## Questions\n\n- What brought you here?\n  - Wouldn't you agree it was easy?\n"
    guide = parse_text(text, "g.md")
    page, _ = parse_html(render_review_html(guide, lint(guide, Settings()), Settings()))
    item = question_items(page)[0]
    finding = item.find_all("li", "finding")[0]
    assert "on “Wouldn't you agree it was easy?”" in finding.text()
    assert item.find_all("li", "flagged")


def test_checklist_for_the_reviewer(weak):
    items = [squash(li.text()) for li in weak.by_id("checklist").find_all("li")]
    assert len(items) >= 6
    joined = " ".join(items)
    for words in ("order", "objectives", "would not want to be asked", "time", "30 min"):
        assert words in joined
    assert any("support" in i for i in items), "uncovered objectives are called out"


# ---- escaping -----------------------------------------------------------------------------

HOSTILE = """---
title: "<script>alert('title')</script> Smith & Jones"
participant: "Buyer <b>at</b> R&D"
objectives:
  "x<y": Learn whether <i>tags</i> & ampersands survive
---

# Guide

## Questions & answers (5 min)

- What does <script>alert(1)</script> mean to you & your team? {objective=x<y}
  - Wouldn't you agree <img src=x onerror=alert(2)> is fine?
- Tell me about "quotes" & 'apostrophes'.
"""


def test_everything_from_the_guide_is_escaped():
    guide = parse_text(HOSTILE, "hostile.guide.md")
    html = render_review_html(guide, lint(guide, Settings()), Settings())
    page, _ = parse_html(html)
    assert page.find_all("script") == [] and page.find_all("img") == [] and page.find_all("b") == []
    assert page.find_all("i") == []
    assert "<script>alert('title')</script> Smith & Jones" in page.find_all("title")[0].text()
    text = page.text()
    # Markdown renders inline tags rather than showing them, so a question's words leave them out
    assert "What does alert(1) mean to you & your team?" in text
    assert "Tell me about \"quotes\" & 'apostrophes'." in text
    # front matter is shown as written, tags and all, as text
    assert "Buyer <b>at</b> R&D" in text
    assert "Learn whether <i>tags</i> & ampersands survive" in text
    assert "x<y" in page.by_id("objectives").text()
    assert "&lt;script&gt;" in html and "<script" not in html and "<img" not in html


def test_markdown_has_no_raw_html_from_the_guide():
    guide = parse_text(HOSTILE, "hostile.guide.md")
    md = render_review_markdown(guide, lint(guide, Settings()), Settings())
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;alert('title')&lt;/script&gt;" in md
    assert "Learn whether &lt;i&gt;tags&lt;/i&gt; & ampersands survive" in md
    assert "Smith & Jones" in md, "a plain ampersand stays readable"


# ---- Markdown -----------------------------------------------------------------------------

def test_markdown_review_has_the_same_parts():
    md = review_of(EXAMPLES / "weak.guide.md", "md")
    for heading in ("# Review copy: Fenwick & Hale", "## Whole guide", "## Time plan",
                    "## Sections the profile expects", "## Objectives", "## The guide, question by question",
                    "## Checklist for the reviewer"):
        assert heading in md
    assert "| **Total** | **35 min** | session 30 min |" in md
    assert "| Implementation | ✗ missing | — |" in md
    lines = md.splitlines()
    q = next(i for i, line in enumerate(lines) if "Wouldn't you agree" in line)
    assert lines[q].startswith("Q8. ")
    assert "GL101" in lines[q + 1] and "(also closed-question)" in lines[q + 1]
    assert sum(1 for line in lines if line.startswith("- [ ] ")) >= 6


# ---- writing it ---------------------------------------------------------------------------

def test_default_output_sits_beside_the_guide():
    assert default_output(Path("g/a.guide.md")) == Path("g/a.guide.review.html")
    assert default_output(Path("g/a.guide.md"), "md") == Path("g/a.guide.review.md")
    assert review_format(Path("x.md")) == "md" and review_format(Path("x.html")) == "html"
    assert review_format(None) == "html" and review_format(Path("x.md"), "html") == "html"


def test_write_review_picks_the_format_and_never_overwrites_the_guide(tmp_path):
    source = tmp_path / "g.guide.md"
    source.write_text((EXAMPLES / "case-study.guide.md").read_text(encoding="utf-8"), encoding="utf-8")
    guide = parse_bytes(source.read_bytes(), str(source))
    found = lint(guide, Settings())
    out = write_review(guide, found, tmp_path / "out" / "r.md")
    assert out.read_text(encoding="utf-8").startswith("# Review copy:")
    out = write_review(guide, found, tmp_path / "r.txt", "html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="guide itself"):
        write_review(guide, found, source)
    assert source.read_text(encoding="utf-8") == (EXAMPLES / "case-study.guide.md").read_text(encoding="utf-8")


def test_cli_writes_html_beside_the_guide(tmp_path):
    source = tmp_path / "weak.guide.md"
    source.write_bytes((EXAMPLES / "weak.guide.md").read_bytes())
    result = guidelint("review", str(source))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "weak.guide.review.html"
    assert str(out) in result.stderr
    parse_html(out.read_text(encoding="utf-8"))


def test_cli_output_suffix_and_stdout(tmp_path):
    source = tmp_path / "cs.guide.md"
    source.write_bytes((EXAMPLES / "case-study.guide.md").read_bytes())
    result = guidelint("review", str(source), "-o", str(tmp_path / "copies" / "cs.md"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "copies" / "cs.md").read_text(encoding="utf-8").startswith("# Review copy:")
    printed = guidelint("review", str(source), "-o", "-", "--format", "md")
    assert printed.returncode == 0 and printed.stdout.startswith("# Review copy:")
    printed = guidelint("review", str(source), "-o", "-")  # printed: Markdown, which reads in a terminal
    assert printed.returncode == 0 and printed.stdout.startswith("# Review copy:")
    printed = guidelint("review", str(source), "-o", "-", "--format", "html")
    assert printed.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name_of_the_guide", ["same path", "hard link"])
def test_cli_refuses_to_overwrite_the_guide(tmp_path, name_of_the_guide):
    source = tmp_path / "g.guide.md"
    source.write_bytes((EXAMPLES / "weak.guide.md").read_bytes())
    target = source
    if name_of_the_guide == "hard link":  # another name for the same file: writing it replaces the guide
        target = tmp_path / "g.review.md"
        target.hardlink_to(source)
    result = guidelint("review", str(source), "-o", str(target))
    assert result.returncode == 2 and "guide itself" in result.stderr
    assert source.read_bytes() == (EXAMPLES / "weak.guide.md").read_bytes()


def test_cli_missing_file_and_bad_config_exit_2(tmp_path):
    missing = guidelint("review", str(tmp_path / "nope.guide.md"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    (tmp_path / ".guidelint.yaml").write_text("profle: case-study\n", encoding="utf-8")
    source = tmp_path / "g.guide.md"
    source.write_bytes((EXAMPLES / "weak.guide.md").read_bytes())
    bad = guidelint("review", str(source))
    assert bad.returncode == 2 and "profle" in bad.stderr
    assert not (tmp_path / "g.guide.review.html").exists()


# ---- real guides --------------------------------------------------------------------------

def test_a_real_guide_renders():
    path = real_guide("08")
    page, _ = parse_html(review_of(path))
    assert len(question_items(page)) >= 10
    assert "from the intro" in squash(page.find_all("header")[0].text())
    assert review_of(path, "md").startswith("# Review copy:")


def test_every_real_guide_renders_and_places_every_finding():
    if not REAL_GUIDES.is_dir():
        pytest.skip("../shared/real-guides is not present")
    for path in sorted(REAL_GUIDES.glob("[0-9]*.md")):
        settings = ConfigFinder().for_path(path)
        guide = parse_bytes(path.read_bytes(), str(path))
        found = lint(guide, settings)
        review = build_review(guide, found, settings)
        placed = sum(len(p.findings) for s in review.sections for i in s.items for p in i.walk())
        placed += sum(len(s.findings) for s in review.sections)
        assert placed + len(review.whole_guide) == len(found), path.name
        parse_html(render_review_html(guide, found, settings, review=review))


# ---- headless Chromium ----------------------------------------------------------------------

def test_review_renders_in_headless_chromium(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import render_review
    finally:
        sys.path.pop(0)
    if render_review.find_chromium() is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    png = tmp_path / "review.png"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "render_review.py"),
                             str(EXAMPLES / "weak.guide.md"), "-o", str(png), "--html", str(tmp_path / "r.html")],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)


def test_write_review_refuses_a_docx_name_rather_than_write_html_there(tmp_path):
    guide = parse_text("# G\n\n## Intro (5 min)\n\n- Did you like it?\n", "g.guide.md")
    with pytest.raises(ValueError, match="word_review"):
        write_review(guide, [], tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists()
