"""The CLI through a real subprocess: formats, exit codes, stdin, --output-file, errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = "---\nduration: 30 min\n---\n# Guide\n\n## Intro (X minutes)\n\n- What happened? {owner=sam}\n"
GOOD = "---\nduration: 30 min\n---\n# Guide\n\n## Intro (5 min)\n\nWhat brought you here today?\n"


def run(*args, cwd=None, stdin=None, env=None):
    full_env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    full_env.update({"NO_COLOR": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "guidelint", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env=full_env, timeout=60)


@pytest.fixture
def guides(tmp_path):
    (tmp_path / "bad.guide.md").write_text(BAD)
    (tmp_path / "good.guide.md").write_text(GOOD)
    return tmp_path


def test_text_output_and_exit_1(guides):
    result = run("check", "bad.guide.md", "--select", "GL0", cwd=guides)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert 'bad.guide.md:6:10: GL004 [bad-time-box] The time box "(X minutes)" is a placeholder; write the minutes it takes, e.g. (10 min).' in lines
    assert any(line.startswith("bad.guide.md:8:") and "GL005 [unknown-attribute]" in line for line in lines)
    assert lines[-1].startswith("Found 2 problems (2 warnings) in 1 of 1 file")
    assert result.stderr == ""


def test_clean_file_exits_0(guides):
    result = run("check", "good.guide.md", "--select", "GL0", cwd=guides)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "All checks passed (1 file)."


def test_fail_on_and_exit_zero(guides):
    assert run("check", "bad.guide.md", "--select", "GL0", "--fail-on", "error", cwd=guides).returncode == 0
    assert run("check", "bad.guide.md", "--select", "GL0", "--exit-zero", cwd=guides).returncode == 0


def test_full_format_shows_source_and_caret(guides):
    result = run("check", "bad.guide.md", "--select", "GL004", "--format", "full", cwd=guides)
    out = result.stdout.splitlines()
    i = next(i for i, line in enumerate(out) if "GL004" in line)
    assert out[i + 2] == "  6 | ## Intro (X minutes)"
    assert out[i + 3] == "    |          " + "^" * len("(X minutes)")


def test_json_format(guides):
    result = run("check", "bad.guide.md", "good.guide.md", "--select", "GL0", "--format", "json", cwd=guides)
    payload = json.loads(result.stdout)
    assert payload["version"] == 1 and payload["files_checked"] == 2
    first = payload["diagnostics"][0]
    assert {k: first[k] for k in ("path", "code", "name", "severity", "line", "column")} == {
        "path": "bad.guide.md", "code": "GL004", "name": "bad-time-box", "severity": "warning", "line": 6, "column": 10}
    assert first["end_column"] == 21


def test_stdin_with_filename(guides):
    result = run("check", "-", "--stdin-filename", "notes/x.guide.md", "--select", "GL0", stdin=BAD, cwd=guides)
    assert result.returncode == 1
    assert result.stdout.startswith("notes/x.guide.md:6:10: GL004")


def test_output_file(guides):
    result = run("check", "bad.guide.md", "--select", "GL0", "-o", "out/report.json", "--format", "json", cwd=guides)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads((guides / "out" / "report.json").read_text())["diagnostics"]


def test_missing_path_is_exit_2_without_traceback(guides):
    result = run("check", "nope.md", cwd=guides)
    assert result.returncode == 2
    assert "nope.md: no such file or folder" in result.stderr and "Traceback" not in result.stderr
    assert "passed" not in result.stdout  # nothing was checked, so nothing passed


def test_nothing_to_check_says_so_and_why(tmp_path):
    (tmp_path / "README.md").write_text("# Read me\n")
    (tmp_path / "notes.md").write_text("# Notes\n")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert "no guides found in . (2 files not a guide)" in result.stderr
    assert "*.guide.md" in result.stderr and "--verbose" in result.stderr
    verbose = run("check", "--verbose", cwd=tmp_path)
    assert "skipped README.md: not a guide" in verbose.stderr and "--verbose to see" not in verbose.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no Markdown or Word files there" in run("check", "empty", cwd=tmp_path).stderr


def test_unknown_flag_and_unknown_rule_are_usage_errors(guides):
    result = run("check", "--frobnicate", cwd=guides)
    assert result.returncode == 2 and "unrecognized arguments: --frobnicate" in result.stderr
    result = run("check", "good.guide.md", "--select", "closed-questoin", cwd=guides)
    assert result.returncode == 2 and "unknown rule" in result.stderr and "Traceback" not in result.stderr


def test_statistics_and_quiet(guides):
    result = run("check", "bad.guide.md", "--select", "GL0", "--statistics", "--quiet", cwd=guides)
    assert result.stdout.splitlines() == ["1  GL004  [bad-time-box] warning", "1  GL005  [unknown-attribute] warning"]


@pytest.mark.parametrize("fmt", ["text", "full"])
def test_statistics_prints_the_table_not_the_findings(guides, fmt):
    result = run("check", "bad.guide.md", "--select", "GL0", "--statistics", "--format", fmt, cwd=guides)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["1  GL004  [bad-time-box] warning", "1  GL005  [unknown-attribute] warning",
                                          "", "Found 2 problems (2 warnings) in 1 of 1 file."]


def test_version_and_help():
    assert run("--version").stdout.startswith("guidelint ")
    help_text = run("check", "--help").stdout
    for flag in ("--stdin-filename", "--format", "--output-file", "--select", "--ignore", "--extend-select",
                 "--fail-on", "--exit-zero", "--quiet", "--verbose", "--statistics"):
        assert flag in help_text


def test_color_only_when_asked(guides):
    plain = run("check", "bad.guide.md", "--select", "GL0", cwd=guides).stdout
    assert "\033[" not in plain
    forced = run("check", "bad.guide.md", "--select", "GL0", cwd=guides, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\033[" in forced.stdout


def test_folder_walk_skips_readme_and_verbose_says_why(guides):
    (guides / "README.md").write_text("# Read me\n\nDid you read this?\n")
    result = run("check", ".", "--select", "GL0", "--verbose", cwd=guides)
    assert "README.md" not in result.stdout
    assert "skipped README.md: not a guide" in result.stderr


def test_python_dash_m_and_console_script_agree(guides):
    script = Path(sys.executable).parent / "guidelint"
    assert script.exists(), "the guidelint console script is missing: the install is broken"
    a = subprocess.run([str(script), "check", "bad.guide.md", "--select", "GL0"], cwd=guides, capture_output=True, text=True)
    b = run("check", "bad.guide.md", "--select", "GL0", cwd=guides)
    assert a.stdout == b.stdout and a.returncode == b.returncode == 1


def test_rule_docs():
    out = run("rule", "GL004").stdout
    assert out.startswith("GL004 bad-time-box (warning")
    for part in ("What it does", "Why it matters", "Example (reported)", "Write instead (not reported)"):
        assert part in out
    assert run("rule", "bad-time-box").stdout == out
    missing = run("rule", "bad-time-bx")
    assert missing.returncode == 2 and "did you mean bad-time-box" in missing.stderr
    listing = json.loads(run("rules", "--format", "json").stdout)
    assert any(r["code"] == "GL004" for r in listing["rules"])


def test_check_path_does_not_import_editor_or_lsp_libraries(guides):
    code = ("import sys, runpy; sys.argv=['guidelint','check','good.guide.md'];\n"
            "from guidelint.cli import main; main(sys.argv[1:]);\n"
            "bad=[m for m in ('textual','pygls','lsprotocol','language_tool_python','requests') if m in sys.modules];\n"
            "print('LOADED', bad)")
    result = subprocess.run([sys.executable, "-c", code], cwd=guides, capture_output=True, text=True)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr


def test_the_plain_check_command_line_reads_as_argparse_reads_it():
    """``check`` with paths and on/off options skips argparse: the same values, and argparse
    (with its errors) for anything else."""
    import argparse

    from guidelint.cli import CHECK_DEFAULTS, CHECK_SWITCHES, build_parser, plain_check

    check = build_parser("check")._subparsers._group_actions[0].choices["check"]  # type: ignore[union-attr]
    actions = [a for a in check._actions if a.dest != "help"]
    assert {a.dest: a.default for a in actions} == {**CHECK_DEFAULTS, "paths": None}
    assert {s: a.dest for a in actions if isinstance(a, argparse._StoreTrueAction) for s in a.option_strings} == CHECK_SWITCHES
    for argv in (["check"], ["check", "a.md"], ["check", "-", "--quiet"], ["check", "--no-cache", "-q", "a.md", "b/"],
                 ["check", "a.md", "b.md", "--exit-zero", "-v", "--fix", "--diff"], ["check", "--strict", "--strict", "x"]):
        assert vars(plain_check(argv)) == vars(build_parser("check").parse_args(argv)), argv
    for argv in (["check", "a.md", "-q", "b.md"], ["check", "--qui"], ["check", "--format", "json"], ["check", "--", "a"],
                 ["check", "-qv"], ["check", "-h"], ["check", "-j2"], ["check", ""], ["rule", "GL004"], []):
        assert plain_check(argv) is None, argv
    result = run("check", "a.md", "--quiet", "b.md")
    assert result.returncode == 2 and "unrecognized arguments: b.md" in result.stderr


# ---- the exits of last resort ----------------------------------------------------------------

def test_an_unknown_command_is_a_usage_error():
    result = run("chekc", "g.md")
    assert result.returncode == 2
    assert result.stderr.startswith("guidelint: error: unknown command 'chekc' (commands: check, convert, edit, lsp, new,")


@pytest.mark.parametrize("raised,code,says", [
    (KeyboardInterrupt(), 130, "guidelint: interrupted\n"),
    (RuntimeError("boom"), 2, "guidelint: internal error: RuntimeError: boom\nThis is a bug; please report it"),
])
def test_interrupts_and_bugs_end_with_one_line_and_their_exit_code(monkeypatch, capsys, raised, code, says):
    from guidelint import cli
    from guidelint.commands import check

    def fail(args):
        raise raised

    monkeypatch.setattr(check, "run_check", fail)
    monkeypatch.delenv("GUIDELINT_DEBUG", raising=False)
    assert cli.main(["check"]) == code
    assert capsys.readouterr().err.startswith(says)


def test_debug_shows_the_traceback_of_a_bug(monkeypatch):
    from guidelint import cli
    from guidelint.commands import check

    def fail(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "run_check", fail)
    monkeypatch.setenv("GUIDELINT_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(["check"])


def test_a_reader_that_goes_away_is_exit_2_and_silent(guides):
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head -1` after its line: every write meets a closed pipe
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    try:
        result = subprocess.run([sys.executable, "-m", "guidelint", "check", "bad.guide.md"], cwd=guides,
                                stdout=write_end, stderr=subprocess.PIPE, env=env, timeout=60)
    finally:
        os.close(write_end)
    assert result.returncode == 2 and result.stderr == b""


def test_readme_sample_output_is_what_check_prints():
    """The README opens with `guidelint check examples/` and shows part of its output; a rule
    change that moves those lines or the count must update the README too."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("```\nexamples/", 1)[1].split("```", 1)[0]
    shown = ["examples/" + sample.split("\n", 1)[0], *sample.split("\n")[1:]]
    shown = [line for line in shown if line.strip()]
    result = run("check", "--isolated", "--no-cache", "examples/", cwd=ROOT)
    assert result.returncode == 1
    printed = result.stdout.splitlines()
    for line in shown:
        assert line in printed, f"README shows a line check does not print: {line}"


def test_write_baseline_reports_files_it_cannot_read(guides):
    # a baseline written without nope.md would silence its findings once it exists
    result = run("check", "bad.guide.md", "nope.md", "--write-baseline", "b.json", cwd=guides)
    assert result.returncode == 2
    assert "nope.md: no such file or folder" in result.stderr
    assert not (guides / "b.json").exists()


def test_explain_roles_reports_what_it_cannot_explain(guides):
    (guides / "bin.guide.md").write_bytes(b"\x00\x01binary\xff")
    missing = run("check", "--explain-roles", "nope.md", cwd=guides)
    assert missing.returncode == 2 and "nope.md: no such file or folder" in missing.stderr
    binary = run("check", "--explain-roles", "bin.guide.md", cwd=guides)
    assert binary.returncode == 2
    assert binary.stderr.startswith("bin.guide.md:1:1: GL008 [binary-file] (error) file looks binary")
    fine = run("check", "--explain-roles", "good.guide.md", cwd=guides)
    assert fine.returncode == 0 and fine.stdout.startswith("good.guide.md:") and not fine.stderr


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_no_output_is_written_over_the_guide_named_by_stdin_filename(guides, option):
    # an editor pipes its buffer in and names the file; the report must not replace that file
    guide = guides / "bad.guide.md"
    result = run("check", "--stdin-filename", "bad.guide.md", "-", option, "bad.guide.md", cwd=guides, stdin=BAD)
    assert result.returncode == 2 and "which this run reads" in result.stderr, result.stderr
    assert guide.read_text() == BAD


def test_readme_json_sample_is_what_check_prints(tmp_path):
    """The README's JSON sample is one finding of `check --format json examples/weak.guide.md`,
    exactly as printed (it once showed a severity and suggestion the rule no longer gives)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = json.loads(readme.split("```json\n", 1)[1].split("```", 1)[0])
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "weak.guide.md").write_bytes((ROOT / "examples" / "weak.guide.md").read_bytes())
    result = run("check", "--isolated", "--no-cache", "--format", "json", "examples/weak.guide.md", cwd=tmp_path)
    printed = json.loads(result.stdout)
    assert {k: v for k, v in sample.items() if k != "diagnostics"} == {k: v for k, v in printed.items() if k != "diagnostics"}
    for finding in sample["diagnostics"]:
        assert finding in printed["diagnostics"], f"README shows a finding check does not print: {finding}"


def test_readme_rules_table_marks_the_info_rules():
    from guidelint.catalogue import builtin

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| family | rules |", 1)[1].split("\n\n", 1)[0]
    marked = {}
    for row in table.splitlines()[2:]:
        for entry in re.split(r",\s+(?![^()]*\))", row.split("|")[2]):  # commas outside "(info, strict)"
            name, _, note = entry.strip().partition(" (")
            marked[name] = "info" in note.split(",")[0] if note else False
    rules = builtin().rules
    assert set(marked) == {rule.name for rule in rules}, "the README's table and the catalogue name different rules"
    for rule in rules:
        assert marked[rule.name] == (str(rule.severity) == "info"), rule.name


def test_duration_on_the_command_line_wins_over_the_front_matter(tmp_path):
    # the README's options table: --profile and --duration override the front matter and config
    guide = ("---\nduration: 30 min\n---\n# G\n\n## Intro (10 min)\n\nWhat do you do?\n\n## Core (25 min)\n\n"
             "How did you start?\n\n## Wrap-up (5 min)\n\nThank you! We will send a summary next week.\n")
    (tmp_path / "g.guide.md").write_text(guide)
    plain = run("check", "--isolated", "--no-cache", "g.guide.md", cwd=tmp_path)
    assert "over-time-budget" in plain.stdout and "the session is 30 min (from front matter)" in plain.stdout
    longer = run("check", "--isolated", "--no-cache", "--duration", "45", "g.guide.md", cwd=tmp_path)
    assert "over-time-budget" not in longer.stdout, longer.stdout
    shorter = run("check", "--isolated", "--no-cache", "--duration", "20", "g.guide.md", cwd=tmp_path)
    assert "the session is 20 min (from the command line, --duration)" in shorter.stdout, shorter.stdout
    shown = run("check", "--isolated", "--duration", "45", "--show-settings", "g.guide.md", cwd=tmp_path)
    assert "45 min, from the command line (--duration)" in shown.stdout


def test_a_bug_met_in_one_file_names_the_file(tmp_path, monkeypatch, capsys):
    from guidelint import cli, runner

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    (tmp_path / "a.guide.md").write_text(GOOD)
    monkeypatch.setattr(runner, "lint", broken)
    monkeypatch.delenv("GUIDELINT_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--isolated", "--no-cache", "a.guide.md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("guidelint: internal error: while checking a.guide.md: IndexError: list index out of range\n")
    assert "Traceback" not in err


def test_a_check_that_ends_without_the_interpreters_tear_down_prints_all_it_found(tmp_path, monkeypatch, capsys):
    # guidelint's own check process ends with os._exit once its streams are flushed: more output
    # than a pipe holds must still arrive whole, as the same check run in this process prints it
    from guidelint import cli

    questions = "".join(f"- Did you like feature {i}?\n- Wouldn't you agree that step {i} is easy?\n" for i in range(300))
    (tmp_path / "long.guide.md").write_text("# Interview\n\n## Questions (30 min)\n\n" + questions, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["check", "long.guide.md", "--no-cache", "--no-color"])
    printed = capsys.readouterr().out
    result = run("check", "long.guide.md", "--no-cache", "--no-color", cwd=tmp_path)
    assert len(printed) > 65536 and result.stdout == printed and result.returncode == code == 1
