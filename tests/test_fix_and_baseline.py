"""--fix, --diff and baselines through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ceiling_env

GUIDE = ("\ufeff# Guide\r\n\r\n## Intro (5 minuets)\r\n\r\n- what made you leave\r\n\r\n"
         "## Topics (20-10 min)\r\n\r\n- Did you like it?\r\n")


def run(*args, cwd, stdin=None):
    env = {"NO_COLOR": "1", "PATH": "", "GUIDELINT_NO_CACHE": "1", **ceiling_env()}
    return subprocess.run([sys.executable, "-m", "guidelint", "check", *args], cwd=cwd, capture_output=True,
                          input=stdin, text=not isinstance(stdin, bytes), env=env, timeout=60)


def test_diff_shows_and_changes_nothing(tmp_path):
    path = tmp_path / "g.guide.md"
    path.write_bytes(GUIDE.encode("utf-8"))
    result = run("g.guide.md", "--diff", cwd=tmp_path)
    assert result.returncode == 1
    assert "-## Intro (5 minuets)" in result.stdout and "+## Intro (5 min)" in result.stdout
    assert "+- what made you leave?" in result.stdout and "+## Topics (10-20 min)" in result.stdout
    assert path.read_bytes() == GUIDE.encode("utf-8")


def test_fix_writes_keeping_bom_and_crlf_and_reports_the_rest(tmp_path):
    path = tmp_path / "g.guide.md"
    path.write_bytes(GUIDE.encode("utf-8"))
    result = run("g.guide.md", "--fix", "--select", "GL004,GL107,GL102", "--fail-on", "info", cwd=tmp_path)
    fixed = path.read_bytes().decode("utf-8")
    assert fixed == GUIDE.replace("(5 minuets)", "(5 min)").replace("(20-10 min)", "(10-20 min)").replace(
        "what made you leave", "what made you leave?")
    assert fixed.startswith("\ufeff") and "\r\n" in fixed
    assert "Fixed 3 problems" in result.stdout and "GL102" in result.stdout and "GL004" not in result.stdout
    assert result.returncode == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_fix_leaves_meaning_alone(tmp_path):
    path = tmp_path / "g.guide.md"
    path.write_text("# G\n\n## Q (5 min)\n\n- Did you like it?\n")
    run("g.guide.md", "--fix", cwd=tmp_path)
    assert "Did you like it?" in path.read_text()


def test_baseline_reports_only_new_findings_and_survives_moved_lines(tmp_path):
    path = tmp_path / "g.guide.md"
    path.write_text("# G\n\n## Q\n\n- Did you like it?\n- Is it easy?\n")
    recorded = run("g.guide.md", "--select", "GL102", "--write-baseline", "base.json", cwd=tmp_path)
    assert recorded.returncode == 0 and "recorded 2 findings" in recorded.stderr
    assert run("g.guide.md", "--select", "GL102", "--baseline", "base.json", cwd=tmp_path).returncode == 0
    path.write_text("# G\n\nIntro text.\n\n## Q\n\n- Is it easy?\n- Did you like it?\n- Was it clear?\n")
    result = run("g.guide.md", "--select", "GL102", "--baseline", "base.json", "--format", "json",
                 "--fail-on", "info", cwd=tmp_path)  # closed-question is info: fail on it here
    new = json.loads(result.stdout)["diagnostics"]
    assert [(d["line"], d["code"]) for d in new] == [(9, "GL102")] and result.returncode == 1


def test_bad_baseline_is_exit_2(tmp_path):
    (tmp_path / "g.guide.md").write_text("# G\n")
    (tmp_path / "base.json").write_text("{not json")
    result = run("g.guide.md", "--baseline", "base.json", cwd=tmp_path)
    assert result.returncode == 2 and "not a guidelint baseline" in result.stderr


def test_missing_question_mark_goes_before_attributes_and_after_emphasis(tmp_path):
    path = tmp_path / "g.guide.md"
    path.write_text("# G\n\n## Q\n\n- what made you leave {objective=churn}\n- **how do you plan the week**\n"
                    "- how did you pick _the tool_\n- what happened after you launched\\\n")
    run("g.guide.md", "--fix", "--select", "GL107", cwd=tmp_path)
    # after closing emphasis (not "**week?**"); before a trailing backslash (not "\\?", an escaped "?")
    assert path.read_text() == ("# G\n\n## Q\n\n- what made you leave? {objective=churn}\n"
                                "- **how do you plan the week**?\n- how did you pick _the tool_?\n"
                                "- what happened after you launched?\\\n")
    from guidelint.parser import parse_text

    questions = parse_text(path.read_text()).questions()
    assert [q.attribute("objective") for q in questions] == [["churn"], [], [], []]
    assert [q.text for q in questions][1:] == ["how do you plan the week?", "how did you pick the tool?",
                                              "what happened after you launched?"]
    again = run("g.guide.md", "--fix", "--select", "GL107", cwd=tmp_path)  # nothing left to fix
    assert again.returncode == 0 and "Fixed" not in again.stdout


# ---- issue 12: never destroy a guide ------------------------------------------------------------

@pytest.mark.parametrize("option", ["-o", "--output-file", "--write-baseline"])
def test_no_output_is_written_over_a_guide_being_checked(tmp_path, option):
    path = tmp_path / "weak.guide.md"
    path.write_bytes(GUIDE.encode("utf-8"))
    os.symlink("weak.guide.md", tmp_path / "alias.md")
    for target in ("weak.guide.md", "./weak.guide.md", str(path), "alias.md"):
        result = run("weak.guide.md", option, target, cwd=tmp_path)
        assert result.returncode == 2 and "which this run reads" in result.stderr, result.stderr
        assert path.read_bytes() == GUIDE.encode("utf-8")


def test_no_output_is_written_over_the_config_or_a_rule_pack(tmp_path):
    (tmp_path / "g.guide.md").write_text(GUIDE)
    (tmp_path / ".guidelint.yaml").write_text("rule-packs: [pack.yaml]\n")
    (tmp_path / "pack.yaml").write_text("rules: [{code: ACME1, name: a, message: m, words: [it]}]\n")
    for target in (".guidelint.yaml", "pack.yaml"):
        before = (tmp_path / target).read_text()
        result = run("g.guide.md", "-o", target, cwd=tmp_path)
        assert result.returncode == 2 and (tmp_path / target).read_text() == before


def test_fix_on_standard_input_always_prints_the_text(tmp_path):
    clean = "# G\n\n## Intro (5 min)\n\n- Did you like it?\n"
    unchanged = run("-", "--fix", "--select", "GL004,GL102,GL107", "--fail-on", "info", cwd=tmp_path,
                    stdin=clean.encode())
    assert unchanged.stdout == clean.encode()  # nothing to fix: the text, byte for byte, not the report
    assert unchanged.returncode == 1 and b"GL102" in unchanged.stderr  # the findings that remain
    fixed = run("-", "--fix", "--select", "GL004,GL107", cwd=tmp_path, stdin=GUIDE.encode("utf-8"))
    assert fixed.stdout.decode("utf-8") == GUIDE.replace("(5 minuets)", "(5 min)").replace(
        "(20-10 min)", "(10-20 min)").replace("what made you leave", "what made you leave?")
    assert fixed.returncode == 0 and b"Fixed 3 problems" in fixed.stderr
    binary = bytes(range(256)) * 4
    passed = run("-", "--fix", cwd=tmp_path, stdin=binary)
    assert passed.stdout == binary and passed.returncode == 1 and b"GL008" in passed.stderr


def test_fix_on_standard_input_passes_a_too_large_guide_through_whole(tmp_path):
    big = b"# G\n" + b"- What happened next?\n" * (5 * 1024 * 1024 // 22)
    result = run("-", "--fix", cwd=tmp_path, stdin=big)
    assert result.stdout == big and result.returncode == 1 and b"GL007" in result.stderr


@pytest.mark.parametrize("entries,says", [
    pytest.param('[{"path": "g.guide.md", "code": "GL004", "fingerprint": "x", "count": 1e999}]',
                 "malformed entry", id="count-1e999"),
    pytest.param('[{"path": "g.guide.md", "code": "GL004", "fingerprint": "x", "count": ' + "9" * 5000 + "}]",
                 "invalid JSON", id="count-5000-digits"),
    pytest.param("[" * 100_000 + "]" * 100_000, "nested too deeply", id="100000-brackets"),
    pytest.param('[{"path": "g.guide.md", "code": "GL004", "fingerprint": "x", "count": -3}]',
                 "a count from 1 to 1,000,000,000", id="negative"),
    pytest.param('["x" ' + ', "x"' * 100_000 + "]", "malformed entry 'x' (expected", id="strings"),
])
def test_damaged_baselines_are_exit_2(tmp_path, entries, says):
    (tmp_path / "g.guide.md").write_text(GUIDE)
    (tmp_path / "base.json").write_text('{"version": 1, "entries": ' + entries + "}")
    result = run("g.guide.md", "--baseline", "base.json", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert says in result.stderr and len(result.stderr) < 500



REPEATED = "# G\n\n## Before\n\n- what made you leave\n\n## During\n\n- what made you leave\n\n## After\n\n- what made you leave\n"


def test_a_grouped_finding_carries_the_fix_of_every_copy(tmp_path):
    path = tmp_path / "g.guide.md"
    path.write_text(REPEATED)
    shown = run("g.guide.md", "--select", "GL107", "--format", "json", cwd=tmp_path)
    [finding] = json.loads(shown.stdout)["diagnostics"]
    assert [r["line"] for r in finding["related"]] == [9, 13] and len(finding["fix"]["edits"]) == 3
    run("g.guide.md", "--fix", "--select", "GL107", cwd=tmp_path)
    assert path.read_text() == REPEATED.replace("leave\n", "leave?\n")


def test_baseline_fingerprints_ignore_what_merging_adds(tmp_path):
    from guidelint.baseline import fingerprint
    from guidelint.parser import parse_text
    from tests.helpers import lint_snippet

    alone = parse_text("# G\n\n## Q\n\n- Did you like it?\n", "g.guide.md")
    [single] = [d for d in lint_snippet(alone.source) if d.code == "GL102"]
    copies = parse_text("# G\n\n## Q\n\n- Did you like it?\n\n## R\n\n- Did you like it?\n", "g.guide.md")
    [grouped] = [d for d in lint_snippet(copies.source) if d.code == "GL102"]
    assert grouped.related and grouped.message != single.message
    assert fingerprint(grouped, copies) == fingerprint(single, alone)


def test_baseline_keeps_matching_a_repeated_pattern_as_copies_come_and_lines_move(tmp_path):
    path = tmp_path / "g.guide.md"
    path.write_text("# G\n\n## Q\n\n- Did you like it?\n\n## R\n\n- Did you like it?\n")
    recorded = run("g.guide.md", "--select", "GL102", "--write-baseline", "base.json", cwd=tmp_path)
    assert "recorded 1 findings" in recorded.stderr
    path.write_text("# G\n\nIntro.\n\n## Q\n\n- Did you like it?\n\n## R\n\n- Did you like it?\n- Did you like it?\n")
    assert run("g.guide.md", "--select", "GL102", "--baseline", "base.json", cwd=tmp_path).returncode == 0
    path.write_text("# G\n\n## Q\n\n- Is it clear?\n- Did you like it?\n")
    result = run("g.guide.md", "--select", "GL102", "--baseline", "base.json", "--format", "json", cwd=tmp_path)
    assert [d["line"] for d in json.loads(result.stdout)["diagnostics"]] == [5]

