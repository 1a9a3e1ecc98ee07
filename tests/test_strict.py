"""Strict mode: the strict set of rules (off by default) and Context.strict for checks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from guidelint.catalogue import builtin
from guidelint.config import Layer, Settings, load_settings
from guidelint.engine import Context, lint, selected_codes, settings_for_guide
from guidelint.parser import parse_text

CATALOGUE = builtin()
STACKED = "# G\n\n## Q\n\n- What happened? Who helped? How did it end?\n"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "guidelint", *args], cwd=cwd, capture_output=True, text=True,
                          env={"NO_COLOR": "1", "PATH": "", "GUIDELINT_NO_CACHE": "1"}, timeout=60)


def stacked(text: str = STACKED, settings: Settings | None = None, cli: Settings | None = None) -> bool:
    found = lint(parse_text(text, "g.guide.md"), settings or Settings(), cli=cli)
    return "stacked-questions" in [d.name for d in found]


STRICT_RULES = ["stacked-questions", "long-question", "funnel-order", "too-few-questions", "missing-session-length"]


def test_the_strict_set_holds_exactly_its_rules():
    assert [r.name for r in CATALOGUE.rules if r.strict] == STRICT_RULES


def test_strict_rules_are_off_by_default_and_on_in_strict_mode():
    assert not stacked()
    assert stacked(cli=Settings(strict=True))
    assert stacked(settings=Settings(strict=True))
    assert stacked("---\nguidelint: {strict: true}\n---\n" + STACKED)


def test_a_strict_rule_is_selected_by_name_but_not_by_prefix_or_all():
    assert stacked(cli=Settings(layers=[Layer(extend_select=["stacked-questions"])]))
    assert stacked(cli=Settings(layers=[Layer(select=["GL104"])]))
    assert not stacked(cli=Settings(layers=[Layer(select=["ALL"])]))
    assert not stacked(cli=Settings(layers=[Layer(select=["GL1"])]))
    assert stacked(cli=Settings(layers=[Layer(select=["GL1"])], strict=True))
    # ignoring a prefix still switches a strict rule off, in strict mode too
    assert not stacked(cli=Settings(layers=[Layer(ignore=["GL1"])], strict=True))
    assert "GL104" not in selected_codes(CATALOGUE, [])
    assert "GL104" in selected_codes(CATALOGUE, [], strict=True)


def test_command_line_wins_over_front_matter_which_wins_over_config():
    config = Settings(strict=True)
    relaxed = parse_text("---\nguidelint: {strict: false}\n---\n" + STACKED, "g.guide.md")
    assert settings_for_guide(relaxed, config).strict is False
    assert settings_for_guide(relaxed, config, Settings(strict=True)).strict is True
    assert settings_for_guide(parse_text(STACKED, "g.guide.md"), config, Settings()).strict is True
    assert not stacked(relaxed.source, settings=config)


def test_context_tells_checks_about_strict_mode():
    guide = parse_text(STACKED, "g.guide.md")
    assert Context(guide, Settings(strict=True), CATALOGUE, None, set()).strict is True
    assert Context(guide, Settings(), CATALOGUE, None, set()).strict is False


@pytest.mark.parametrize("name,text", [
    ("pyproject.toml", "[tool.guidelint]\nstrict = true\n"),
    (".guidelint.yaml", "strict: true\n"),
])
def test_strict_from_a_config_file(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    assert load_settings(tmp_path / name).strict is True
    (tmp_path / "g.guide.md").write_text(STACKED)
    result = run("check", "--format", "json", "g.guide.md", cwd=tmp_path)
    assert "GL104" in [d["code"] for d in json.loads(result.stdout)["diagnostics"]]


def test_strict_on_the_command_line_and_in_show_settings(tmp_path):
    (tmp_path / "g.guide.md").write_text(STACKED)
    assert "GL104" not in run("check", "g.guide.md", cwd=tmp_path).stdout
    assert "GL104" in run("check", "--strict", "g.guide.md", cwd=tmp_path).stdout
    shown = json.loads(run("check", "--show-settings", "--format", "json", "--strict", "g.guide.md", cwd=tmp_path).stdout)
    assert shown["strict"] is False and shown["command-line"]["strict"] is True
    assert "strict mode:          on (command line)" in run("check", "--show-settings", "--strict", "g.guide.md", cwd=tmp_path).stdout
    (tmp_path / ".guidelint.yaml").write_text("strict: true\n")
    assert json.loads(run("check", "--show-settings", "--format", "json", "g.guide.md", cwd=tmp_path).stdout)["strict"] is True


def test_the_cache_tells_strict_runs_apart(tmp_path):
    (tmp_path / "g.guide.md").write_text(STACKED)
    env = {"NO_COLOR": "1", "PATH": ""}

    def check(*args):
        return subprocess.run([sys.executable, "-m", "guidelint", "check", *args, "g.guide.md"], cwd=tmp_path,
                              capture_output=True, text=True, env=env, timeout=60).stdout

    assert "GL104" not in check()
    assert "GL104" in check("--strict")
    assert "GL104" not in check()
    assert (tmp_path / ".guidelint_cache").is_dir()


@pytest.mark.parametrize("text,message", [
    ("strict: yes please\n", "key 'strict': must be true or false"),
    ("strikt: true\n", "did you mean 'strict'"),
])
def test_a_bad_strict_setting_is_a_config_error(tmp_path, text, message):
    (tmp_path / ".guidelint.yaml").write_text(text)
    (tmp_path / "g.guide.md").write_text(STACKED)
    result = run("check", "g.guide.md", cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_rule_docs_say_how_to_turn_a_strict_rule_on(tmp_path):
    doc = run("rule", "stacked-questions", cwd=tmp_path).stdout
    assert "In the strict set: off by default" in doc and "--strict" in doc and "--extend-select GL104" in doc
    assert "strict set" not in run("rule", "closed-question", cwd=tmp_path).stdout
    listing = run("rules", cwd=tmp_path).stdout
    assert [line for line in listing.splitlines() if "(strict)" in line] == [
        line for line in listing.splitlines() if any(f" {name} " in line for name in STRICT_RULES)]
    rules = json.loads(run("rules", "--format", "json", cwd=tmp_path).stdout)["rules"]
    assert [r["name"] for r in rules if r["strict"]] == STRICT_RULES
