"""Where the grammar and the rule catalogue live: inside the wheel, or beside src/ in a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def resource_dir(name: str) -> Path:
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"guidelint is installed without its {name}/ folder")


def resource_path(name: str, *parts: str) -> Path:
    return resource_dir(name).joinpath(*parts)


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of one of these folders, in name order: what ``folder.glob("*.yaml")`` finds,
    without compiling the glob's pattern on every run (guidelint.pattern_cache does not keep it)."""
    return sorted(path for path in folder.iterdir() if path.name.endswith(".yaml"))
