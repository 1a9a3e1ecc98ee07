from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL_GUIDES = ROOT.parent / "shared" / "real-guides"
EXAMPLES = ROOT / "examples"


def real_guide(name_prefix: str) -> Path:
    """A guide from ../shared/real-guides (skips when the folder is absent)."""
    if not REAL_GUIDES.is_dir():
        pytest.skip("../shared/real-guides is not present")
    matches = sorted(REAL_GUIDES.glob(f"{name_prefix}*.md"))
    if not matches:
        pytest.skip(f"no real guide {name_prefix}*")
    return matches[0]


def pytest_collection_modifyitems(config, items):
    """``slow`` tests (long fuzz runs, rendering with LibreOffice) run only when asked for with
    ``-m slow``, as the marker's description in pyproject.toml promises."""
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
