"""Configuration discovery, layering and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guidelint.config import ConfigError, ConfigFinder, Settings, load_settings, parse_duration
from guidelint.diagnostics import Severity
from guidelint.engine import lint
from guidelint.parser import parse_text
from tests.conftest import ceiling_env

GUIDE = "# Guide\n\n## Intro (X minutes)\n\n- What happened? {owner=sam}\n"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "guidelint", *args], cwd=cwd, capture_output=True, text=True,
                          env={"NO_COLOR": "1", "PATH": "", **ceiling_env()}, timeout=60)


@pytest.mark.parametrize("value,minutes", [(45, 45), ("45", 45), ("45 min", 45), ("1 hour", 60), ("1.5h", 90), ("soon", None), (True, None), (0, None),
                                           ("approx. 60 minutes", 60), ("about 1 hour", 60), ("~45 min", 45),
                                           ("30 min (approx.)", 30), ("approx", None), ("45 or so", None),
                                           ("90 min in home", 90), ("45 min on Zoom", 45), ("45 in home", None)])
def test_parse_duration(value, minutes):
    assert parse_duration(value) == minutes


def test_nearest_config_upward_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.guidelint]\nignore = ["GL004"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "a" / ".guidelint.yaml").write_text("ignore: [GL005]\n")
    finder = ConfigFinder()
    assert finder.for_path(sub / "x.md").source.endswith(".guidelint.yaml")
    assert finder.for_path(tmp_path / "y.md").source.endswith("pyproject.toml")


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("profile: case-study\n")
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert ConfigFinder().for_path(sub / "g.md").profile == "case-study"


def test_bad_config_names_file_and_key(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("ignroe: [GL004]\n")
    with pytest.raises(ConfigError) as err:
        load_settings(tmp_path / ".guidelint.yaml")
    assert err.value.key == "ignroe" and "did you mean 'ignore'" in str(err.value)
    (tmp_path / "g.guide.md").write_text(GUIDE)
    result = run("check", "g.guide.md", cwd=tmp_path)
    assert result.returncode == 2
    assert ".guidelint.yaml: key 'ignroe': unknown setting" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("text,key", [
    ("duration: soon\n", "duration"), ("ignore: GL004\n", "ignore"), ("severity: {GL004: loud}\n", "severity.GL004"),
    ("languagetool: {ulr: x}\n", "languagetool.ulr"), (": :\n", None),
])
def test_config_errors(tmp_path, text, key):
    path = tmp_path / ".guidelint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    assert err.value.key == key


def test_invalid_toml_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.guidelint\n")
    with pytest.raises(ConfigError):
        ConfigFinder().for_path(tmp_path / "g.md")


def test_layers_config_front_matter_cli(tmp_path):
    settings = Settings(root=tmp_path)
    from guidelint.config import apply_table, Layer

    settings = apply_table(settings, {"select": ["GL0"], "ignore": ["GL005"]}, "cfg", tmp_path)
    found = lint(parse_text(GUIDE, "g.md"), settings)
    assert [d.code for d in found] == ["GL004"]
    fm = "---\nguidelint:\n  extend-select: [GL005]\n  ignore: [GL004]\n---\n" + GUIDE
    found = lint(parse_text(fm, "g.md"), settings)
    assert [d.code for d in found] == ["GL005"]
    cli = Settings(layers=[Layer(select=["GL004"])])
    found = lint(parse_text(fm, "g.md"), settings, cli=cli)
    assert [d.code for d in found] == ["GL004"]


def test_severity_override_and_per_file_ignores(tmp_path):
    from guidelint.config import apply_table

    settings = apply_table(Settings(root=tmp_path), {"select": ["GL0"], "severity": {"bad-time-box": "error"},
                                                     "per-file-ignores": {"drafts/*": ["GL005"]}}, "cfg", tmp_path)
    found = lint(parse_text(GUIDE, str(tmp_path / "drafts" / "g.md")), settings)
    assert [(d.code, str(d.severity)) for d in found] == [("GL004", "error")]


def test_bad_selector_in_front_matter_is_a_finding_not_a_crash():
    text = "---\nguidelint:\n  ignore: [GL9999x]\n---\n" + GUIDE
    found = lint(parse_text(text, "g.md"), Settings())
    assert "front-matter-invalid" in [d.name for d in found]


def test_isolated_and_explicit_config(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("select: [GL0]\nignore: [GL004, GL005]\n")
    (tmp_path / "g.guide.md").write_text(GUIDE)
    assert run("check", "g.guide.md", cwd=tmp_path).returncode == 0
    assert run("check", "g.guide.md", "--isolated", "--select", "GL0", cwd=tmp_path).returncode == 1
    other = tmp_path / "other.yaml"
    other.write_text("select: [GL0]\nignore: [GL005]\n")
    result = run("check", "g.guide.md", "--config", str(other), cwd=tmp_path)
    assert "GL004" in result.stdout and "GL005" not in result.stdout


def test_show_settings(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("profile: case-study\nduration: 45\n")
    (tmp_path / "g.guide.md").write_text(GUIDE)
    import json

    shown = json.loads(run("check", "--show-settings", "g.guide.md", "--format", "json", cwd=tmp_path).stdout)
    assert shown["profile"] == "case-study" and shown["duration"] == 45.0 and shown["config"].endswith(".guidelint.yaml")
    assert shown["session"] == {"minutes": 45.0, "source": f"config ({tmp_path / '.guidelint.yaml'})"}


def test_show_settings_reads_as_text_and_names_where_the_session_length_comes_from(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("profile: case-study\nignore: [GL104]\n")
    (tmp_path / "g.guide.md").write_text("# Guide\n\n## Intro (5 min)\n\n> Thanks! This takes about 40 minutes.\n")
    result = run("check", "--show-settings", "g.guide.md", "--select", "GL1", cwd=tmp_path)
    assert result.returncode == 0 and not result.stdout.lstrip().startswith("{")
    shown = dict(line.strip().split(":", 1) for line in result.stdout.splitlines()[1:])
    assert shown["session length"].strip() == "40 min, from the intro (line 5)"
    assert shown["profile"].strip() == "case-study"
    assert shown["rules"].strip() == "ignore GL104; select GL1 (command line)"
    assert shown["severity overrides"].strip() == "none"
    folder = run("check", "--show-settings", cwd=tmp_path).stdout
    assert "the case-study profile's default (45 min)" in folder


# ---- issue 12: configs that crashed or were dropped silently ---------------------------------

@pytest.mark.parametrize("text,key,says", [
    ("minutes-per-question: .nan\n", "minutes-per-question", "must be a number greater than 0, not nan"),
    ("minutes-per-question: .inf\n", "minutes-per-question", "must be a number greater than 0, not inf"),
    ("languagetool: {timeout: -1}\n", "languagetool.timeout", "not -1"),
    ("languagetool: {timeout: 0}\n", "languagetool.timeout", "not 0"),
    ("languagetool: {timeout: .inf}\n", "languagetool.timeout", "not inf"),
    ("languagetool: {timeout: .nan}\n", "languagetool.timeout", "not nan"),
    ("duration: .inf\n", "duration", "cannot read inf"),
    ("profile: nosuch\n", "profile", "unknown profile 'nosuch'; use one of case-study, customer-discovery"),
    pytest.param("severity: {GL004: [" + ", ".join(["loud"] * 100_000) + "]}\n", "severity.GL004",
                 "must be error, warning or info, not ['loud', 'loud', 'loud', 'loud', ...]", id="huge-severity"),
])
def test_config_values_that_crashed_or_were_dropped(tmp_path, text, key, says):
    path = tmp_path / ".guidelint.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    assert err.value.key == key and says in str(err.value)
    assert len(str(err.value)) < 300


@pytest.mark.parametrize("toml,says", [
    ('[tool.guidelint]\nminutes-per-question = nan\n', "key 'minutes-per-question': must be a number greater than 0"),
    ('[tool.guidelint]\nprofile = "nosuch"\n', "key 'profile': unknown profile 'nosuch'"),
    pytest.param("[tool.guidelint]\nduration = " + "9" * 5000 + "\n", "not valid TOML: Exceeds the limit",
                 id="5000-digits"),
    pytest.param("[tool.guidelint]\nvocabulary = " + "[" * 100_000 + "\n", "not valid TOML: nested too deeply",
                 id="100000-brackets"),
])
def test_pyproject_values_that_crashed_are_config_errors(tmp_path, toml, says):
    (tmp_path / "pyproject.toml").write_text(toml)
    (tmp_path / "g.guide.md").write_text(GUIDE)
    result = run("check", "g.guide.md", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "pyproject.toml: " + says in result.stderr


def test_a_pyproject_whose_tool_is_not_a_table_has_no_guidelint_settings(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("select: [GL0]\nignore: [GL005]\n")
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('tool = "x"\n')
    (sub / "g.guide.md").write_text(GUIDE)
    result = run("check", "g.guide.md", "--format", "json", cwd=sub)
    assert result.returncode == 1 and "internal error" not in result.stderr
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["GL004"]  # the folder above applies


@pytest.mark.parametrize("text,key", [
    ("select: [GL0, GL9999]\n", "select"), ("extend-select: [closed-questoin]\n", "extend-select"),
    ("ignore: [nosuch]\n", "ignore"), ("per-file-ignores: {'drafts/*': [GL4040]}\n", "per-file-ignores.drafts/*"),
])
def test_unknown_rules_in_a_config_name_the_file_and_key(tmp_path, text, key):
    (tmp_path / ".guidelint.yaml").write_text(text)
    (tmp_path / "g.guide.md").write_text(GUIDE)
    result = run("check", "g.guide.md", cwd=tmp_path)
    assert result.returncode == 2 and "--select" not in result.stderr
    assert f"guidelint: config error: {tmp_path / '.guidelint.yaml'}: key '{key}': unknown rule or prefix" \
        in result.stderr


def test_an_unknown_rule_of_thousands_of_characters_is_shown_cut(tmp_path):
    # found by the config fuzz test: the whole name went into the message
    (tmp_path / ".guidelint.yaml").write_text(f"select: ['GL{'9' * 5000}']\n")
    (tmp_path / "g.guide.md").write_text(GUIDE)
    result = run("check", "g.guide.md", cwd=tmp_path)
    assert result.returncode == 2 and "unknown rule or prefix 'GL999" in result.stderr
    assert len(result.stderr) < 500 and "Traceback" not in result.stderr


def test_unknown_profile_in_the_front_matter_table_is_a_finding():
    text = "---\nguidelint:\n  profile: nosuch\n---\n" + GUIDE
    found = lint(parse_text(text, "g.md"), Settings())
    [finding] = [d for d in found if d.name == "front-matter-invalid"]
    assert "unknown profile 'nosuch'" in finding.message and finding.span.line == 2


def test_config_null_is_an_empty_config_and_a_missing_one_is_not_found(tmp_path):
    (tmp_path / "g.guide.md").write_text(GUIDE)
    empty = run("check", "g.guide.md", "--config", "/dev/null", "--select", "GL0", cwd=tmp_path)
    assert empty.returncode == 1 and "GL004" in empty.stdout and empty.stderr == ""
    missing = run("check", "g.guide.md", "--config", "nope.yaml", cwd=tmp_path)
    assert missing.returncode == 2 and "config file not found: nope.yaml" in missing.stderr


def test_show_settings_of_a_missing_path_is_exit_2(tmp_path):
    result = run("check", "--show-settings", "nope.md", cwd=tmp_path)
    assert result.returncode == 2 and "nope.md: no such file or folder" in result.stderr and result.stdout == ""


def test_no_config_is_looked_for_above_the_ceiling(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("select: [GL0]\nignore: [GL004, GL005]\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "g.guide.md").write_text(GUIDE)
    above = subprocess.run([sys.executable, "-m", "guidelint", "check", "g.guide.md"],
                           cwd=project, capture_output=True, text=True, timeout=60,
                           env={"NO_COLOR": "1", "PATH": "", "GUIDELINT_CONFIG_CEILING": str(tmp_path)})
    assert above.returncode == 0  # the ceiling itself is searched
    below = subprocess.run([sys.executable, "-m", "guidelint", "check", "g.guide.md"],
                           cwd=project, capture_output=True, text=True, timeout=60,
                           env={"NO_COLOR": "1", "PATH": "", "GUIDELINT_CONFIG_CEILING": str(project)})
    assert below.returncode == 1 and "GL004" in below.stdout


@pytest.mark.parametrize(("rule", "said"), [
    ("GL999", "unknown rule 'GL999'"),
    ("closed-questoin", "did you mean 'closed-question'?"),
    ("gl102", "did you mean 'GL102'?"),  # the override is looked up by exact code or name
])
def test_an_unknown_rule_under_severity_is_a_config_error(tmp_path, rule, said):
    (tmp_path / ".guidelint.yaml").write_text(f"severity: {{{rule}: error}}\n")
    (tmp_path / "g.guide.md").write_text("# G\n\n## Intro (5 min)\n\n- Did you like it?\n")
    result = run("check", "--no-cache", "g.guide.md", cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert f"key 'severity.{rule}'" in result.stderr and said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_known_rule_under_severity_is_accepted(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("severity: {GL102: error, long-question: warning}\n")
    (tmp_path / "g.guide.md").write_text("# G\n\n## Intro (5 min)\n\n- Did you like it?\n")
    result = run("check", "--no-cache", "--select", "GL102", "g.guide.md", cwd=tmp_path)
    assert result.returncode == 1 and "(error)" in result.stdout, result.stdout + result.stderr


def test_a_copy_of_settings_shares_no_mutable_field():
    # apply_table changes lists and mappings in place; a front matter's copy must not reach the config's settings
    from guidelint.records import Record

    original = Settings(per_file_ignores={"a/*": ["GL102"]}, include=["*.md"], rule_packs=[Path("p.yaml")])
    copied = original.copy()
    for name in Settings._FIELDS:
        value = getattr(original, name)
        if isinstance(value, (list, dict, Record)):
            assert getattr(copied, name) is not value, name
    copied.per_file_ignores["a/*"].append("GL101")
    assert original.per_file_ignores == {"a/*": ["GL102"]}


@pytest.mark.parametrize("key,says", [("GL999", "unknown rule 'GL999'"), ("gl102", "did you mean 'GL102'?")])
def test_an_unknown_rule_under_the_front_matters_severity_is_that_guides_finding(key, says):
    text = f"---\nguidelint:\n  severity: {{{key}: info}}\n---\n# G\n\n## Q (5 min)\n\nWhat happened?\n"
    [found] = lint(parse_text(text, "g.guide.md"))
    assert found.name == "front-matter-invalid" and found.span.line == 2
    assert found.message.startswith("guidelint.severity: ") and says in found.message


def test_a_known_rule_under_the_front_matters_severity_applies():
    text = "---\nguidelint:\n  severity: {closed-question: warning}\n---\n# G\n\n## Q (5 min)\n\nDid you like it?\n"
    [found] = lint(parse_text(text, "g.guide.md"))
    assert found.name == "closed-question" and found.severity is Severity.WARNING


def test_an_unreadable_duration_suggests_its_own_minutes():
    guide = parse_text("---\nduration: sixty (60) minutes or so\n---\n# Guide\n\n## Intro\n\n- What happened?\n")
    [finding] = [d for d in lint(guide, Settings()) if d.name == "front-matter-invalid"]
    assert 'write it as 60 or "60 min"' in finding.message
