from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

CEILING_VARIABLE = "GUIDELINT_CONFIG_CEILING"

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


@pytest.fixture(scope="session", autouse=True)
def no_config_from_above(tmp_path_factory):
    """Config discovery walks up to /; a .guidelint.yaml in /tmp would change what the tests
    see. Every test folder lies under the base temporary folder, so discovery stops there (the
    variable reaches the commands the tests start, unless a test builds its environment from
    nothing: those add ``ceiling_env()``)."""
    previous = os.environ.get(CEILING_VARIABLE)
    os.environ[CEILING_VARIABLE] = os.pathsep.join(str(p) for p in (tmp_path_factory.getbasetemp(), ROOT))
    yield
    if previous is None:
        os.environ.pop(CEILING_VARIABLE, None)
    else:
        os.environ[CEILING_VARIABLE] = previous


def ceiling_env() -> dict[str, str]:
    return {CEILING_VARIABLE: os.environ[CEILING_VARIABLE]}


@pytest.fixture
def refusing_port():
    """A port on 127.0.0.1 that refuses connections for as long as the test runs: bound, so no
    one else can take it, and not listening. (A port bound, closed and reused later may have
    been taken by then; a "well-known closed" port such as 9 may be open.)"""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]
