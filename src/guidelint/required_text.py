"""Text a regular expression cannot match without: a cheap gate before an expensive search.

``required_literals(r"\\b(?:not|never)\\b.{0,40}?\\bnamed?\\b")`` is ``("name",)``: every match
contains "name", so a line without it need not be searched. The gate is conservative: when
no such text can be proved (a pattern that opens with ``.`` or ``\\w+``), it returns None and
the pattern is always searched.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    import re._parser as _sre  # type: ignore[import-not-found]
    from re._constants import (  # type: ignore[import-not-found]
        BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN,
    )
except ImportError:  # pragma: no cover - older layouts
    import sre_parse as _sre  # type: ignore[no-redef]
    from sre_constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN  # type: ignore[no-redef]

Choice = frozenset[str]  # one of these strings occurs in every match


#: Words in nearly every line of a guide's script ("you", "what", "will"): a text made of them
#: alone (or of no word at all) opens its gate on most lines, however long it is (" you " in
#: half of them, "record" in one in a hundred).
COMMON_WORDS = frozenset("""
a an and are as at be been but by can could did do does for from had has have he her him his how
i if in is it its may me might my no not of on or our shall she should so that the their them
these they this those to us was we were what when where which who why will with would you your
ll re ve m s t d n't
""".split())


def _common(text: str) -> bool:
    # only while a gate is worked out, once per phrase (kept between runs): no compile at import
    return all(word in COMMON_WORDS for word in re.findall(r"[a-z]+|n't", text.lower()))


def _score(choice: Choice) -> tuple[bool, int, int]:
    # a set with a text made of common words opens on most lines; then the shortest alternative
    # decides how often the gate opens; fewer alternatives is cheaper
    return (not any(map(_common, choice)), min(len(s) for s in choice), -len(choice))


def _required(items) -> Choice | None:
    """The best set of alternatives one of which every match of this sequence contains."""
    candidates: list[Choice] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, arg in items:
        if op is LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        if op is SUBPATTERN:
            inner = _required(arg[-1])
            if inner is not None:
                candidates.append(inner)
        elif op is BRANCH:
            union: set[str] = set()
            for branch in arg[1]:
                inner = _required(branch)
                if inner is None:
                    union.clear()
                    break
                union |= inner
            if union:
                candidates.append(frozenset(union))
        elif op in (MAX_REPEAT, MIN_REPEAT) and arg[0] >= 1:
            inner = _required(arg[2])
            if inner is not None:
                candidates.append(inner)
        # anything else (classes, ".", anchors, look-arounds, optional parts) proves nothing
    close_run()
    candidates = [c for c in candidates if all(c)]
    return max(candidates, key=_score) if candidates else None


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-cased strings one of which occurs (lower-cased) in every match, or None."""
    from guidelint import pattern_cache  # kept between runs: finding them parses the pattern

    return pattern_cache.derived("required_literals", (pattern, int(flags)), lambda: _find_literals(pattern, flags))


def found_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """``required_literals`` worked out again, not kept: for a caller that keeps its own answer
    made of many patterns' (a value per pattern in the pattern file would only be read back)."""
    return _find_literals(pattern, flags)


def _find_literals(pattern: str, flags: int) -> tuple[str, ...] | None:
    try:
        parsed = _sre.parse(pattern, flags)
    except (re.error, RecursionError):
        return None
    if parsed.state.flags & re.VERBOSE:
        return None  # whitespace in a verbose pattern is not literal
    choice = _required(list(parsed))
    if choice is None or min(map(len, choice)) < 2:
        return None  # one-letter gates open on nearly every line
    return tuple(sorted({s.lower() for s in choice}))


def parts_required(pattern: str) -> tuple[Choice, ...]:
    """For each top-level part of a case-sensitive pattern (a run of letters is one part), the
    texts one of which every match holds there; parts that prove nothing are left out. Every
    top-level part is in every match, so a line must hold a text of each set. Empty when the
    pattern cannot be parsed, is verbose (its spaces are not text) or is case-blind anywhere
    (with "(?i)" or a group such as "(?i:Record)": there "s" also matches "ſ", which
    lower-casing leaves as it is)."""
    try:
        parsed = _sre.parse(pattern, 0)
    except (re.error, RecursionError):
        return ()
    if parsed.state.flags & (re.VERBOSE | re.IGNORECASE) or re.search(r"\(\?[aiLmsux-]+:", pattern):
        return ()
    parts: list[list] = []
    for item in parsed:
        if item[0] is LITERAL and parts and parts[-1][-1][0] is LITERAL:
            parts[-1].append(item)
        else:
            parts.append([item])
    return tuple(choice for part in parts if (choice := _required(part)) is not None)


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` shaped as a trie, so the regex engine follows one branch per
    character instead of trying every word in turn; at each position it matches the longest."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return (body if len(branches) > 1 else "(?:" + body + ")") + "?"

    return emit(root)


def _scanner_parts(ordered: tuple[str, ...]) -> tuple[str, tuple[tuple[str, frozenset[str]], ...]]:
    within = tuple((lit, frozenset(other for other in ordered if other in lit)) for lit in ordered)
    return "(?=(" + _trie(list(ordered)) + "))", within


class LiteralScanner:
    """Which of many literals occur in a text, found in one scan of it.

    The literals form one trie-shaped alternation inside a look-ahead, so a search tries every
    position and reports the longest literal that starts there; every literal inside a reported
    one (a shorter one at the same position, or one within it) is present too. That is exactly
    the set ``{literal for literal in literals if literal in text}``, for the cost of one pass
    in C instead of a substring test per literal. Results are remembered per text, so the phrase
    lists that read the same line share one scan.
    """

    __slots__ = ("literals", "_regex", "_within", "_seen")

    #: texts remembered before the memory starts again (a guide has a few hundred lines)
    MEMORY = 8192

    def __init__(self, literals) -> None:
        from guidelint import pattern_cache

        ordered = tuple(sorted(set(literals)))
        self.literals = frozenset(ordered)
        # the trie and the literals within each literal depend only on the literals: about 2 ms
        # for the ethics family's 430 at a check's first lint, so they are kept between runs
        trie, within = pattern_cache.derived("literal_scanner", ordered, lambda: _scanner_parts(ordered))
        self._regex = re.compile(trie) if ordered else None
        self._within = dict(within)
        self._seen: dict[str, frozenset[str]] = {}

    def present(self, text: str) -> frozenset[str]:
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) >= self.MEMORY:
                self._seen.clear()
            hits = set(self._regex.findall(text)) if self._regex is not None else ()
            found = frozenset().union(*(self._within[hit] for hit in hits)) if hits else frozenset()
            self._seen[text] = found
        return found
