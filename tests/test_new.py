"""``guidelint new``: a starting guide per profile that passes ``check``, written safely."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guidelint.config import parse_duration
from guidelint.parser import parse_text
from guidelint.profiles import all_profiles
from guidelint.templates import DEFAULT_PROFILE, template_for, template_profiles
from guidelint.timing import plan_total, time_plan

from tests.helpers import lint_snippet, names


def _wired(command: str) -> bool:
    from guidelint.cli import build_parser

    subparsers = build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    return command in subparsers.choices


def guidelint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real command line; before ``new`` is wired into cli.py, its module's own entry point."""
    command = args[0]
    if command == "check" or _wired(command):
        argv = [sys.executable, "-m", "guidelint", *args]
    else:
        argv = [sys.executable, "-m", f"guidelint.commands.{command}", *args[1:]]
    return subprocess.run(argv, capture_output=True, text=True, cwd=cwd, timeout=120)


PROFILES = template_profiles()


def test_every_profile_has_a_starting_guide():
    assert sorted(all_profiles()) == PROFILES


@pytest.mark.parametrize("profile", PROFILES)
def test_new_guide_passes_check_with_nothing_above_info(profile, tmp_path):
    target = tmp_path / "guides" / "nested" / f"{profile}.guide.md"
    made = guidelint("new", "--profile", profile, str(target))
    assert made.returncode == 0, made.stderr
    assert target.read_text(encoding="utf-8") == template_for(profile)
    assert str(target) in made.stderr

    checked = guidelint("check", "--isolated", "--fail-on", "warning", "--format", "json", str(target))
    report = json.loads(checked.stdout)
    above_info = [d for d in report["diagnostics"] if d["severity"] in ("warning", "error")]
    assert above_info == [], above_info
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("profile", PROFILES)
def test_new_guide_passes_every_rule_even_the_optional_ones(profile):
    found = [d for d in lint_snippet(template_for(profile), select=["ALL"]) if d.severity.name != "INFO"]
    assert found == [], [(d.code, d.span.line, d.message) for d in found]


@pytest.mark.parametrize("profile", PROFILES)
def test_front_matter_fits_the_profile(profile):
    guide = parse_text(template_for(profile), f"{profile}.guide.md")
    meta = guide.meta
    expected = all_profiles()[profile]
    assert meta["profile"] == profile
    assert meta["title"].strip()
    duration = parse_duration(meta["duration"])
    assert expected.min_duration <= duration <= expected.max_duration
    participant = meta["participant"]
    assert participant.strip() and not re.search(r"[\[\]{}_]{1,}", participant), "no placeholder the linter flags"
    assert isinstance(meta["objectives"], dict) and len(meta["objectives"]) >= 2


@pytest.mark.parametrize("profile", PROFILES)
def test_time_boxes_add_up_exactly_to_the_duration(profile):
    guide = parse_text(template_for(profile), f"{profile}.guide.md")
    low, high, boxed = plan_total(time_plan(guide))
    assert low == high == parse_duration(guide.meta["duration"])
    assert boxed >= 4


@pytest.mark.parametrize("profile", PROFILES)
def test_every_objective_is_covered_and_every_section_expected_is_there(profile):
    text = template_for(profile)
    guide = parse_text(text, f"{profile}.guide.md")
    for objective in guide.meta["objectives"]:
        assert f"{{objective={objective}}}" in text
    titles = [s.title for s in guide.iter_sections() if s.heading is not None]
    for expected in all_profiles()[profile].sections:
        assert any(expected.matches(t) for t in titles), expected.title
    questions = list(guide.all_questions())
    assert any(q.probes for q in guide.questions()), "probes show how to follow up"
    assert len(questions) >= 8


@pytest.mark.parametrize("profile", PROFILES)
def test_intro_and_close_do_what_the_ethics_rules_ask(profile):
    found = names(lint_snippet(template_for(profile), select=["GL4"]))
    assert found == []
    intro = template_for(profile).split("## ", 2)[1].lower()
    assert "record" in intro
    if all_profiles()[profile].requires_approval:
        assert "approve" in intro and "publish" in intro
    close = template_for(profile).rsplit("## Wrap-up", 1)[1].lower()
    assert "thank" in close and "what happens next" in close


def test_refuses_to_overwrite_an_existing_file(tmp_path):
    target = tmp_path / "mine.guide.md"
    target.write_text("# My own guide\n", encoding="utf-8")
    result = guidelint("new", "--profile", "case-study", str(target))
    assert result.returncode == 2
    assert "already exists" in result.stderr and str(target) in result.stderr
    assert target.read_text(encoding="utf-8") == "# My own guide\n"


def test_dash_writes_the_guide_to_stdout(tmp_path):
    result = guidelint("new", "--profile", "usability-test", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == template_for("usability-test")
    assert list(tmp_path.iterdir()) == []


def test_profile_defaults_to_user_research(tmp_path):
    target = tmp_path / "interview.guide.md"
    result = guidelint("new", str(target))
    assert result.returncode == 0, result.stderr
    assert DEFAULT_PROFILE == "user-research"
    assert target.read_text(encoding="utf-8") == template_for("user-research")


def test_unknown_profile_is_a_usage_error(tmp_path):
    result = guidelint("new", "--profile", "focus-group", str(tmp_path / "x.guide.md"))
    assert result.returncode == 2
    assert "focus-group" in result.stderr
    assert not (tmp_path / "x.guide.md").exists()


def test_template_for_an_unknown_profile_names_the_known_ones():
    with pytest.raises(ValueError, match="case-study"):
        template_for("focus-group")
