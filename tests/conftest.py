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
