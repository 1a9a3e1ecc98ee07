"""Python checks, a module per rule family. Each check declares the rule names it reports."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Callable

from guidelint.model import Attribute, Guide, Question

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
    # the same for every guide checked with one catalogue and selection (a rule looked up by
    # name for each of about 40 checks, every guide): found once for them
    _load()
    key = (id(ctx.catalogue), frozenset(ctx.enabled), len(_REGISTRY))
    known = _CHECKS_FOR.get(key)
    if known is None or known[0] is not ctx.catalogue:
        found = [func for names, func in _REGISTRY if any(ctx.is_enabled(n) for n in names) or names == ("*",)]
        known = (ctx.catalogue, found)
        if len(_CHECKS_FOR) >= 64:  # selections in front matter or packs vary; keep only recent ones
            _CHECKS_FOR.clear()
        _CHECKS_FOR[key] = known
    return list(known[1])


_CHECKS_FOR: dict[tuple[int, frozenset[str], int], tuple[object, list[Callable]]] = {}


def remembered(table: dict, owner: object, make: Callable[[], Any]) -> Any:
    """``make()``, worked out once for ``owner`` (the guide or the check under way) and shared by
    the rules that read it; the next owner replaces it, so only the one being checked is kept."""
    known = table.get(id(owner))
    if known is None or known[0] is not owner:
        known = (owner, make())
        table.clear()
        table[id(owner)] = known
    return known[1]


def question_attributes(guide: Guide) -> tuple[Attribute, ...]:
    """The attributes of every question and probe, in document order. Found once per guide:
    unknown-attribute and both objective rules read them, and the walk through every
    probe is most of the work."""
    return remembered(_QUESTION_ATTRIBUTES, guide, lambda: _question_attributes(guide))


_QUESTION_ATTRIBUTES: dict[int, tuple[Guide, tuple[Attribute, ...]]] = {}


def _question_attributes(guide: Guide) -> tuple[Attribute, ...]:
    found: list[Attribute] = []
    for section in guide.iter_sections():
        for block in section.blocks:
            if not isinstance(block, Question):
                continue
            stack = [block]  # the order of Question.walk, without a generator per question
            while stack:
                question = stack.pop()
                if question.attributes:
                    found.extend(question.attributes)
                if question.probes:
                    stack.extend(reversed(question.probes))
    return tuple(found)
