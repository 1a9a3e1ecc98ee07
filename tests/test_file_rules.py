"""GL0xx rules on real bytes: unreadable files are one error at a position and always fail."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from guidelint.config import Settings
from guidelint.engine import lint
from guidelint.parser import parse_bytes
from tests.conftest import ceiling_env
from tests.helpers import lint_snippet


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "guidelint", *args], cwd=cwd, capture_output=True, text=True,
                          env={"NO_COLOR": "1", "PATH": "", **ceiling_env()}, timeout=60)


@pytest.mark.parametrize("data,code,line,col", [
    (b"# Guide\n- caf\xe9?\n", "GL006", 2, 6),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "GL008", 1, 1),
])
def test_unreadable_files(tmp_path, data, code, line, col):
    path = tmp_path / "x.guide.md"
    path.write_bytes(data)
    result = run("check", "x.guide.md", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0].startswith(f"x.guide.md:{line}:{col}: {code} ")


def test_file_level_errors_cannot_be_ignored_or_suppressed(tmp_path):
    (tmp_path / "x.guide.md").write_bytes(b"<!-- guidelint-disable-file file-not-utf8 -- no -->\n\xff\n")
    for args in (["--ignore", "GL006"], ["--exit-zero"], ["--fail-on", "error"]):
        result = run("check", "x.guide.md", *args, cwd=tmp_path)
        assert "GL006" in result.stdout
    assert run("check", "x.guide.md", "--ignore", "GL006", cwd=tmp_path).returncode == 1
    assert run("check", "x.guide.md", "--select", "GL1", cwd=tmp_path).returncode == 1


def test_too_large(tmp_path):
    guide = parse_bytes(b"# G\n" + b"x" * (5 * 1024 * 1024))
    [d] = lint(guide, Settings())
    assert (d.code, d.span.line, d.span.column, d.fatal) == ("GL007", 1, 1, True)


def test_unknown_front_matter_key_only_for_close_misspellings():
    found = lint_snippet("---\nduraton: 45\ntags: [a]\nauthor: me\n---\n# G\n", select=["GL003"])
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("GL003", 2, 1)]
    assert 'did you mean "duration"' in found[0].message


def test_front_matter_values_are_checked():
    found = lint_snippet("---\nprofile: sales\nduration: soon\nobjectives: 5\n---\n# G\n", select=["GL002"])
    assert [d.span.line for d in found] == [2, 3, 4]


def test_unknown_attribute_on_probe_and_heading():
    text = "## Results {objectve=x}\n\n- What changed?\n  - How much? {owner=sam}\n"
    found = lint_snippet(text, select=["GL005"])
    assert [(d.span.line, d.span.column) for d in found] == [(1, 13), (4, 16)]
    assert 'did you mean "objective"' in found[0].message


def test_syntax_error_recovers():
    found = lint_snippet("## Intro\n\n```\n- What happened? {owner=sam}\n", select=["GL001", "GL005"])
    assert [d.code for d in found] == ["GL001", "GL005"]


def test_suppression_reason_and_unused():
    text = ("## Q\n\n<!-- guidelint-disable-next-line unknown-attribute -->\n- What changed? {owner=x}\n"
            "<!-- guidelint-disable-next-line unknown-attribute -- nothing here -->\n- Why?\n"
            "<!-- guidelint-disable-next-line nonsense-rule -- typo -->\n- How?\n")
    found = lint_snippet(text, select=["GL0"])
    assert [(d.code, d.span.line) for d in found] == [("GL010", 3), ("GL009", 5), ("GL009", 7)]
    assert 'unknown rule "nonsense-rule"' in found[2].message


def test_block_and_file_suppressions():
    text = ("<!-- guidelint-disable bad-time-box -- legacy boxes -->\n## A (X min)\n## B (X min)\n"
            "<!-- guidelint-enable bad-time-box -->\n## C (X min)\n")
    assert [d.span.line for d in lint_snippet(text, select=["GL004"])] == [5]
    text = "<!-- guidelint-disable-file GL004 -- drafts -->\n## A (X min)\n## C (X min)\n"
    assert lint_snippet(text, select=["GL004"]) == []


def test_non_english_guides_skip_wording_once():
    found = lint_snippet("---\nlanguage: de\n---\n# G\n\n- Haben Sie das benutzt?\n- Warum?\n", select=["ALL"])
    assert [d.code for d in found if d.code == "GL011"] == ["GL011"]
    assert not [d for d in found if d.code.startswith("GL1")]


def test_an_unknown_rule_in_a_suppression_gets_a_did_you_mean():
    text = ("# G\n\n## Q (5 min)\n\n<!-- guidelint-disable-next-line closed-questoin -- a screener -->\n"
            "- Did you go?\n")
    [d] = [d for d in lint_snippet(text, select=["ALL"]) if d.code == "GL009"]
    assert d.message == 'This suppression names an unknown rule "closed-questoin"; did you mean "closed-question"?'
    assert d.suggestion == "closed-question"


def test_file_and_time_box_messages_read_as_sentences():
    text = "# G\n\n## Q (X min)\n\n<!-- guidelint-disable-next-line leading-question -- kept -->\n- What happened?\n"
    messages = {d.code: d.message for d in lint_snippet(text, select=["ALL"])}
    assert messages["GL004"] == 'The time box "(X min)" is a placeholder; write the minutes it takes, e.g. (10 min).'
    assert messages["GL009"] == "This suppression of leading-question suppresses nothing here; remove it."


def test_messages_quote_the_guide_with_straight_double_quotes():
    """One quoting style: words from the guide in "double quotes", wording rules included."""
    from tests.conftest import EXAMPLES

    for path in sorted(EXAMPLES.glob("*.guide.md")):
        for d in lint_snippet(path.read_text(encoding="utf-8"), select=["ALL"], path=str(path),
                              settings=Settings(strict=True)):
            assert not any(mark in d.message for mark in "‘’“”"), d.message
            assert not re.search(r"(?<![A-Za-z])'[^']+'(?![A-Za-z])", d.message), d.message


# ---- front matter that is another tool's, or not on line 1 -----------------------------------

WIKI_JS = ("---\ntitle: Onboarding interviews: round 2\ndescription: \npublished: true\ndate: 2021-03-04T12:00:00.000Z\n"
           "tags: research, interviews\neditor: markdown\n---\n\n# Guide\n\n- What brought you here?\n")


@pytest.mark.parametrize("text,line,words", [
    (WIKI_JS, 2, 'a value holds a colon (": "); put the whole value in quotes'),
    ("---\nlayout: post\ntags: [research, interviews\n---\n# Guide\n\n- What brought you here?\n", 3, "a [ is never closed"),
    ("---\ntitle: Guide\n\ttags: research\n---\n# Guide\n\n- What brought you here?\n", 3, "a tab"),
    ("---\nlayout: post\nauthor: @sam\n---\n# Guide\n\n- What brought you here?\n", 3, "put the value in quotes"),
])
def test_another_tools_front_matter_that_is_not_yaml_is_one_info_finding(text, line, words):
    found = [d for d in lint_snippet(text) if d.code.startswith("GL0")]
    [d] = found
    assert (d.code, d.name, d.severity.name, d.span.line) == ("GL013", "front-matter-not-read", "INFO", line)
    assert f"line {line} is not valid YAML" in d.message and words in d.message
    assert "guidelint ignored the block" in d.message and "Lines 1-" in d.message


def test_another_tools_broken_front_matter_does_not_fail_the_check(tmp_path):
    (tmp_path / "x.guide.md").write_text(WIKI_JS, encoding="utf-8")
    result = run("check", "x.guide.md", "--select", "GL0", cwd=tmp_path)
    assert result.returncode == 0 and "GL013" in result.stdout and "GL002" not in result.stdout


@pytest.mark.parametrize("text", [
    "---\nprofile: user-research\ntitle: Onboarding: round 2\n---\n# Guide\n",  # guidelint's own keys
    "---\nduration: [45\n---\n# Guide\n",
    "---\ntags: !!python/object/apply:os.system ['true']\n---\n# Guide\n",  # a refused tag stays an error
])
def test_broken_front_matter_with_guidelint_keys_or_a_refused_tag_stays_an_error(text):
    codes_found = [(d.code, d.severity.name) for d in lint_snippet(text) if d.code.startswith("GL0")]
    assert codes_found == [("GL002", "ERROR")]


@pytest.mark.parametrize("before,why", [
    ("<!-- draft: do not share -->\n", "an HTML comment comes first"),
    ("<!--\n  draft notes\n-->\n\n", "an HTML comment comes first"),
    ("\n\n", "blank lines come first"),
])
def test_front_matter_below_line_1_is_noticed_and_not_read(before, why):
    text = before + "---\ntitle: Onboarding\nprofile: user-research\nduration: 45 min\n---\n\n# Guide\n\n## Intro (5 min)\n\nHi.\n"
    first = before.count("\n") + 1
    diagnostics = lint_snippet(text)
    [d] = [d for d in diagnostics if d.code == "GL013"]
    assert d.severity.name == "INFO" and d.span.line == first
    assert f"Lines {first}-{first + 4} look like front matter but were not read" in d.message and why in d.message
    assert "Its title, profile and duration are not used; move the block to the top of the file." in d.message
    # the keys are not a heading: no section named after them, no 45-minute box in the plan
    guide = parse_bytes(text.encode(), "t.guide.md")
    assert [s.title for s in guide.iter_sections() if s.heading is not None] == ["Guide", "Intro"]
    assert guide.meta == {} and guide.source == text
    assert not {"empty-section", "over-time-budget", "unknown-front-matter-key"} & {d.name for d in diagnostics}


def test_another_tools_front_matter_below_line_1_says_it_was_ignored():
    [d] = [d for d in lint_snippet("\n---\ntitle: Guide\ntags: research\n---\n# Guide\n") if d.code == "GL013"]
    assert "guidelint ignored it" in d.message


@pytest.mark.parametrize("text", [
    "---\nprofile: user-research\n---\n<!-- draft -->\n# Guide\n",  # on line 1: read
    "<!-- draft -->\n\n---\n\nSome notes: read the brief first.\n\n---\n\n# Guide\n",  # rules around a paragraph
    "<!-- draft -->\n---\nNote: this is a draft.\n---\n# Guide\n",  # no front-matter key: a setext heading
    "# Guide\n\n---\ntitle: x\n---\n",  # after the title: the guide has begun
    "<!-- draft -->\n---\ntitle: Guide\nWhat brought you here?\n---\n",  # not YAML
])
def test_rules_and_headings_are_not_front_matter_out_of_place(text):
    assert [d for d in lint_snippet(text) if d.code == "GL013"] == []


def test_one_placeholder_box_left_in_several_headings_is_one_finding():
    text = "# G\n\n## Intro (X minutes)\n\n- What happened?\n\n## Close (X minutes)\n\n- Anything else?\n\n## Tasks (N min)\n\n- Why?\n"
    found = [d for d in lint_snippet(text, select=["bad-time-box"])]
    assert [(d.span.line, [s.line for s in d.related]) for d in found] == [(3, [7]), (11, [])]


def test_another_tools_length_key_is_no_misspelling_of_ours():
    # "duration_min" is read as the session's length (timing.OTHER_LENGTH_KEYS), not reported as "duration" misspelt
    from guidelint.config import Layer, Settings
    from guidelint.engine import lint
    from guidelint.parser import parse_text

    def unknown(text):
        return [d for d in lint(parse_text(text, "t.md"), Settings(), cli=Settings(layers=[Layer(select=["GL003"])]))]
    assert unknown("---\nduration_min: 40\n---\n# G\n\n- What happened?\n") == []
    assert unknown("---\ndurration: 40\n---\n# G\n\n- What happened?\n")
