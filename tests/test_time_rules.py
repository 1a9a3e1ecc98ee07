"""Time rules (GL3xx): ranges, nesting, optional sections, placeholders and the session length."""

from __future__ import annotations

import pytest

from guidelint.config import Settings
from guidelint.parser import parse_bytes
from guidelint.engine import lint
from tests.conftest import real_guide
from tests.helpers import lint_snippet


def found(text, select="GL3", settings=None):
    return [(d.name, d.span.line) for d in lint_snippet(text, select=[select], settings=settings)]


def plan(duration, *sections, extra=""):
    head = f"---\nduration: {duration}\n{extra}---\n# Guide\n" if duration else "# Guide\n"
    return head + "".join(f"\n## {s}\n\n- What happened next?\n" for s in sections)


@pytest.mark.parametrize("sections,over", [
    (["Intro (5 min)", "Topics (20 min)", "Wrap-up (5 min)"], False),
    (["Intro (5 min)", "Topics (25 min)", "Wrap-up (5 min)"], True),
    (["Intro (5 min)", "Topics (20-30 min)", "Wrap-up (5 min)"], False),  # minimum fits
    (["Intro (10 min)", "Topics (20-30 min)", "Wrap-up (5 min)"], True),
    (["Intro (5 min)", "Warm-up (Optional) (10 min)", "Topics (20 min)", "Wrap-up (5 min)"], False),
    (["Intro (5 min)", "Topics (X minutes)", "Wrap-up (5 min)"], False),  # unknown, not zero or infinite
    (["Intro (5 min)", "Deep dive (1 hour)"], True),
])
def test_over_budget_arithmetic(sections, over):
    names = [n for n, _ in found(plan("30 min", *sections), "over-time-budget")]
    assert (names == ["over-time-budget"]) is over


def test_the_finding_sits_where_the_running_total_passes_the_session():
    text = plan("30 min", "Intro (10 min)", "Topics (15 min)", "More (10 min)", "Wrap-up (5 min)")
    [(name, line)] = found(text, "over-time-budget")
    assert line == text.splitlines().index("## More (10 min)") + 1


def test_a_parent_box_stands_for_its_subsections():
    text = ("---\nduration: 30 min\n---\n# G\n\n## Intro (5 min)\n\nHi.\n\n## Tasks (20 min)\n\n"
            "### Task 1 (10 min)\n\n- How did it go?\n\n### Task 2 (10 min)\n\n- How did it go?\n\n## Wrap-up (5 min)\n\nThanks.\n")
    assert found(text) == []
    overfull = text.replace("### Task 2 (10 min)", "### Task 2 (15 min)")
    [(name, line)] = found(overfull)
    assert name == "over-time-budget" and line == overfull.splitlines().index("## Tasks (20 min)") + 1


def test_a_lone_title_heading_is_looked_through():
    text = plan("30 min", "Intro (10 min)", "Topics (25 min)").replace("# Guide\n", "# Guide\n\nIntro text.\n")
    assert [n for n, _ in found(text)] == ["over-time-budget"]


def test_under_budget_only_when_most_sections_are_boxed():
    assert [n for n, _ in found(plan("60 min", "Intro (5 min)", "Topics (20 min)", "Wrap-up (5 min)"))] == ["under-time-budget"]
    assert found(plan("60 min", "Intro (5 min)", "Topics", "More", "Wrap-up")) != [("under-time-budget", 5)]
    assert "under-time-budget" not in [n for n, _ in found(plan("30 min", "Intro (5 min)", "Topics (20 min)"))]


def test_missing_time_box_among_siblings_only():
    text = plan(None, "Intro (5 min)", "Topics", "Wrap-up (5 min)")
    assert found(text, "missing-time-box") == [("missing-time-box", text.splitlines().index("## Topics") + 1)]
    assert found(plan(None, "Intro", "Topics", "Wrap-up"), "missing-time-box") == []
    for quiet in ("Things to watch for", "Moderator logistics", "Observer notes"):
        assert found(plan(None, "Intro (5 min)", quiet, "Wrap-up (5 min)"), "missing-time-box") == []


def test_subsections_of_a_boxed_parent_need_no_box():
    text = "# G\n\n## Intro (5 min)\n\nHi.\n\n## Tasks (20 min)\n\n### Task 1\n\n- How?\n\n### Task 2 (5 min)\n\n- How?\n"
    assert found(text, "missing-time-box") == []


def test_section_overloaded_does_not_count_probes_or_consent():
    base = "# G\n\n## Background (5 min)\n\n" + "".join(f"- Question {i} about the work?\n  - A probe?\n" for i in range(4))
    assert found(base, "section-overloaded") == []
    assert [n for n, _ in found(base + "- One more question?\n- And another one?\n", "section-overloaded")] == ["section-overloaded"]
    consent = base + "- Is it all right if I record?\n- Any questions before we start?\n"
    assert found(consent, "section-overloaded") == []


def test_minutes_per_question_from_config():
    text = "# G\n\n## Background (6 min)\n\n" + "".join(f"- Question {i} about the work?\n" for i in range(5))
    assert found(text, "section-overloaded") != []
    assert found(text, "section-overloaded", Settings(minutes_per_question=1)) == []


@pytest.mark.parametrize("text,settings,source", [
    (plan("30 min", "A (40 min)"), None, "from front matter"),
    (plan(None, "A (40 min)"), Settings(duration=30, source="cfg.yaml"), "from config (cfg.yaml)"),
    ("# G\n\n## Intro (5 min)\n\nThis call takes about 30 minutes.\n\n## A (40 min)\n\n- Why?\n", None, "from the intro (line 5)"),
    ("---\nprofile: customer-discovery\n---\n# G\n\n## A (40 min)\n\n- Why?\n", None,
     "from the customer-discovery profile's default"),
])
def test_messages_say_where_the_session_length_came_from(text, settings, source):
    [d] = [d for d in lint_snippet(text, select=["over-time-budget"], settings=settings)]
    assert source in d.message


def test_no_session_length_no_budget_finding():
    assert found(plan(None, "Intro (50 min)", "Topics (50 min)"), "over-time-budget") == []


@pytest.mark.parametrize("duration,profile,fires", [
    ("45 min", None, False), ("20 min", None, True), ("90 min", None, True),
    ("90 min", "usability-test", False), ("20 min", "customer-discovery", False), ("75 min", "case-study", True),
])
def test_duration_out_of_range(duration, profile, fires):
    extra = f"profile: {profile}\n" if profile else ""
    text = f"---\nduration: {duration}\n{extra}---\n# G\n\n- What happened?\n"
    assert bool(found(text, "duration-out-of-range")) is fires


def real_findings(prefix):
    path = real_guide(prefix)
    return [(d.name, d.span.line) for d in lint(parse_bytes(path.read_bytes(), str(path)), Settings())
            if d.code.startswith("GL3")]


def test_real_guide_10_fits_its_half_hour():
    # 26 of 30 minutes with an optional warm-up counted from zero: neither over nor under
    assert real_findings("10") == []


def test_real_guide_11_is_over_its_hour_without_double_counting_tasks():
    names = real_findings("11")
    assert ("over-time-budget", 299) in names  # 62-77 minutes of sections against 60 said in the intro
    assert [n for n, _ in names].count("over-time-budget") == 1


def test_real_guide_14_leaves_a_quarter_hour_unplanned():
    names = real_findings("14")
    assert ("under-time-budget", 3) in names
    assert "over-time-budget" not in [n for n, _ in names]


def test_real_guide_08_placeholders_are_unknown_not_zero():
    names = [n for n, _ in real_findings("08")]
    assert "over-time-budget" not in names and "under-time-budget" not in names
