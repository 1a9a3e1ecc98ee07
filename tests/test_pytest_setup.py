"""How the suite itself is run: a bare `pytest` works, and the slow runs stay out by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_a_bare_pytest_collects_and_leaves_the_slow_runs_out():
    script = Path(sys.executable).parent / "pytest"  # not `python -m pytest`, which puts the folder on the path
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # test_new imports tests.helpers; test_fuzz holds the slow run
    result = subprocess.run([str(script), "--collect-only", "-q", "-p", "no:cacheprovider", "tests/test_fuzz.py",
                             "tests/test_new.py"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "tests/test_new.py::" in result.stdout
    assert "test_parser_and_rules_never_raise_long_run" not in result.stdout
    assert "1 deselected" in result.stdout
