"""Python checks, a module per rule family. Each check declares the rule names it reports."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from guidelint.context import Context

_REGISTRY: list[tuple[tuple[str, ...], Callable]] = []
FAMILY_MODULES = ("file", "wording", "structure", "time", "ethics", "objectives", "packs", "language")
_loaded = False


def check(*names: str):
    """Register a check that reports the named rules; it runs when any of them is enabled."""

    def wrap(func: Callable[[Context], None]) -> Callable[[Context], None]:
        _REGISTRY.append((names, func))
        return func

    return wrap


def _load() -> None:
    global _loaded
    if _loaded:
        return
    for module in FAMILY_MODULES:
        try:
            importlib.import_module(f"guidelint.checks.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"guidelint.checks.{module}":
                raise
    _loaded = True


def registered() -> list[tuple[tuple[str, ...], Callable]]:
    _load()
    return list(_REGISTRY)


def implemented_names() -> set[str]:
    return {name for names, _ in registered() for name in names}


def checks_for(ctx: Context) -> list[Callable]:
    out = []
    for names, func in registered():
        if any(ctx.is_enabled(n) for n in names) or names == ("*",):
            out.append(func)
    return out
