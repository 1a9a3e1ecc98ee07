"""Hostile shapes finish: each is checked once, in a child process, at a size where the
quadratic loops they once hit (issue 12) would run for many minutes, while linear work takes a
second or two. The limit only stops a hang; how time grows with size is measured by
benchmarks/scaling.py, which builds the same shapes."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("scaling", ROOT / "benchmarks" / "scaling.py")
scaling = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scaling)

#: a hang guard, not a speed test: linear work at these sizes takes a few seconds
LIMIT_SECONDS = 120

# shape -> size (characters, or lines for whole-file shapes); before the fixes each took from
# several minutes to hours at this size
HOSTILE = {
    '"and " question': 400_000,
    '"[a](" unclosed links': 1_000_000,
    '"a, " list': 3_000_000,
    '"[" brackets': 400_000,
    '"[a" brackets': 400_000,
    '"<a " tags': 600_000,
    '"{a=" attributes': 1_200_000,
    '"e.g. " abbreviations': 400_000,
    "one question repeated": 100_000,
}


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_hostile_shape_finishes(tmp_path, shape):
    (tmp_path / "shape.guide.md").write_bytes(scaling.build(shape, HOSTILE[shape]))
    env = {**os.environ, "NO_COLOR": "1", "GUIDELINT_NO_CACHE": "1"}
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "shape.guide.md", "--select", "ALL",
                             "--isolated", "--format", "json", "--exit-zero"],
                            cwd=tmp_path, capture_output=True, text=True, env=env, timeout=LIMIT_SECONDS)
    assert result.returncode == 0, result.stderr
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert not any(d["code"] in ("GL007", "GL001") for d in diagnostics)  # checked, not refused as too large



def _finishes_in_a_child(code: str, text: str) -> str:
    """Run ``code`` in a child process with ``text`` on its stdin; a regex that backtracks
    exponentially would run for hours at the sizes used here, linear work well under a second."""
    result = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True,
                            timeout=LIMIT_SECONDS)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


_PURPOSE_OF_STDIN = "import sys; from guidelint.parser.roles import heading_purpose; print(heading_purpose(sys.stdin.read()))"


@pytest.mark.parametrize("title", [
    "## " + "research goals, " * 40 + " x",  # a qualifier that is also a purpose's first word, repeated
    "moderator logistics, " * 40 + "x",
    "moderator logistics and " * 40 + "x",
    "1" * 200_000,  # quadratic once: a run of digits tried from every start
    "!" * 400_000,  # quadratic once: the trailing-bracket strip over a run of spaces
], ids=["research-goals", "moderator-logistics-comma", "moderator-logistics-and", "digits", "bangs"])
def test_a_hostile_heading_is_read_as_a_topic_quickly(title):
    assert _finishes_in_a_child(_PURPOSE_OF_STDIN, title) == "None"


def test_a_heading_within_the_length_cap_is_still_read_quickly():
    # many joins in 120 characters: which joins split the heading is worked out once per join
    assert _finishes_in_a_child(_PURPOSE_OF_STDIN, "research goals, " * 7 + "x") == "None"
    assert _finishes_in_a_child(_PURPOSE_OF_STDIN, "a, " * 40) == "None"
    assert "logistics" in _finishes_in_a_child(_PURPOSE_OF_STDIN, "Logistics, setup / agenda and reminders")


def test_a_hostile_one_line_label_is_read_quickly():
    code = "import sys; from guidelint.parser import parse_text; parse_text(sys.stdin.read()); print('ok')"
    text = "# Guide\n\n## Intro\n\n" + "moderator logistics, " * 40 + "x:\n\n- Why did you pick it?\n"
    assert _finishes_in_a_child(code, text) == "ok"


@pytest.mark.parametrize("item", ["from your a " * 40 + "zzz?", "okay, so now, " * 10_000 + "zzz?"],
                         ids=["from-your", "lead-ins"])
def test_a_hostile_action_request_is_read_quickly(item):
    code = "import sys; from guidelint.parser.roles import is_action_request; print(is_action_request(sys.stdin.read()))"
    assert _finishes_in_a_child(code, item) == "False"


def test_a_long_lead_in_to_a_task_is_still_a_task():
    from guidelint.parser.roles import is_action_request

    assert is_action_request("Okay, so now, from your account settings page, could you find the export button?")
    assert is_action_request("From your dashboard go ahead and click the export button.")


def test_the_run_sheet_prefix_is_linear_on_a_long_run_of_blanks():
    from guidelint.parser.inline import SPEAKER_PREFIX

    started = time.process_time()
    SPEAKER_PREFIX.match("mod" + " " * 200_000 + "x")
    assert time.process_time() - started < LIMIT_SECONDS  # a hang guard: quadratic took minutes here
