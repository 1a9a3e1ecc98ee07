"""Regular expressions from rule packs that could take exponential time are refused on load.

Python's ``re`` backtracks: ``(a+)+$`` tries every way of splitting a run of "a"s between the
two quantifiers, so 30 letters without the expected end take minutes. The shape behind it is a
quantifier inside a group that repeats without a small bound. A pack pattern with one is
refused when the pack loads, with the reason; a bounded repeat (``(?:\\w+\\s+){0,3}``, "up to
three words") stays allowed, as does a quantifier made atomic (``(?>a+)+``) or possessive
(``(?:a++)+``), which is never backtracked into.
"""

from __future__ import annotations

try:  # Python 3.11+
    import re._parser as _sre  # type: ignore[import-not-found]
    from re._constants import (  # type: ignore[import-not-found]
        ASSERT, ASSERT_NOT, ATOMIC_GROUP, BRANCH, GROUPREF_EXISTS, MAX_REPEAT, MAXREPEAT, MIN_REPEAT,
        POSSESSIVE_REPEAT, SUBPATTERN,
    )
except ImportError:  # pragma: no cover - older layouts
    import sre_parse as _sre  # type: ignore[no-redef]
    from sre_constants import (  # type: ignore[no-redef]
        ASSERT, ASSERT_NOT, BRANCH, GROUPREF_EXISTS, MAX_REPEAT, MAXREPEAT, MIN_REPEAT, SUBPATTERN,
    )
    ATOMIC_GROUP = POSSESSIVE_REPEAT = object()

#: an outer repeat of at most this many times may hold another quantifier
SMALL_REPEAT = 4


def nested_quantifier(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` may backtrack exponentially, or None. The pattern must compile."""
    try:
        parsed = _sre.parse(pattern, flags)
    except RecursionError:
        return "it is nested too deeply to analyse"
    return _walk(list(parsed), outer=None)


def _describe(low: int, high: int) -> str:
    return f"{{{low},}}" if high == MAXREPEAT else f"{{{low},{high}}}"


def _walk(items, outer: str | None) -> str | None:
    for op, arg in items:
        if op in (MAX_REPEAT, MIN_REPEAT):
            low, high, body = arg
            if high > 1 and outer is not None:
                return (f"a quantifier ({_describe(low, high)}) inside a group that repeats {outer}: "
                        "it can backtrack exponentially; rewrite it without the nesting, or make the inner "
                        "part atomic (?>…) or possessive (…++)")
            unbounded = high > SMALL_REPEAT
            found = _walk(list(body), outer if not unbounded else (outer or _describe(low, high)))
        elif op is SUBPATTERN:
            found = _walk(list(arg[-1]), outer)
        elif op is BRANCH:
            found = next((why for branch in arg[1] if (why := _walk(list(branch), outer))), None)
        elif op in (ASSERT, ASSERT_NOT):
            found = _walk(list(arg[1]), outer)
        elif op is GROUPREF_EXISTS:
            found = next((why for part in arg[1:] if part is not None and (why := _walk(list(part), outer))), None)
        elif op is ATOMIC_GROUP:  # never backtracked into from outside; inside, it may still be nested
            found = _walk(list(arg), None)
        elif op is POSSESSIVE_REPEAT:
            found = _walk(list(arg[2]), None)
        else:  # literals, classes, anchors
            found = None
        if found:
            return found
    return None

