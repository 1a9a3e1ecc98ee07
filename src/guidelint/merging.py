"""One finding per problem: findings are ranked and grouped before they are reported.

Two steps, run on what is left after selection, severity overrides and suppressions, so a
rule the user switched off or suppressed never hides or joins another:

- **One finding per span.** When rules that the catalogue ranks (each rule's ``outranks``)
  report on overlapping words (for wording findings: on the same question), the most
  important finding stands for the others: it keeps
  its own span, message, fix and suggestion, takes the highest severity among them, and its
  message names the others ("… (also closed-question)").
- **A repeated pattern is one finding.** Findings of one rule that carry the same group key
  (``Context.report(..., group=...)``) are merged into the first: the others become its
  related places and its message lists their lines; it carries all their fixes.
"""

from __future__ import annotations

from guidelint.catalogue import Catalogue
from guidelint.diagnostics import Diagnostic, Fix
from guidelint.model import Span

#: how many other lines a merged message lists before it says "…"
LISTED_LINES = 8


def merge_findings(diagnostics: list[Diagnostic], catalogue: Catalogue) -> list[Diagnostic]:
    merged = group_repeats(one_per_span(diagnostics, catalogue))
    for d in merged:
        if d.also or d.related:
            d.base_message = d.message
            d.message = merged_message(d)
    return merged


def one_per_span(diagnostics: list[Diagnostic], catalogue: Catalogue) -> list[Diagnostic]:
    """Drop findings that a higher-ranked finding on overlapping words stands for."""
    ranked_codes, depth = _ranking(catalogue.outranked)
    ranked = [d for d in diagnostics if d.code in ranked_codes and not d.fatal]
    if len(ranked) < 2:
        return diagnostics
    ranked.sort(key=lambda d: (depth[d.code], d.sort_key()))
    kept_on_line: dict[int, list[Diagnostic]] = {}  # a big guide has thousands of findings
    hidden: set[int] = set()
    for d in ranked:
        words = _judged(d)
        lines = range(words.line, words.end_line + 1)
        host = next((k for line in lines for k in kept_on_line.get(line, ())
                     if catalogue.outranks(k.code, d.code) and overlap(_judged(k), words)), None)
        if host is None:
            for line in lines:
                kept_on_line.setdefault(line, []).append(d)
            continue
        hidden.add(id(d))
        host.also = _union(host.also, (d.name, *d.also))
        host.severity = max(host.severity, d.severity)
        if host.fix is None:  # keeps --fix working for the finding it stands for (a missing '?')
            host.fix = d.fix
    return [d for d in diagnostics if id(d) not in hidden]


def _judged(d: Diagnostic) -> Span:
    """The words a finding judges: the whole question for a wording finding (its span marks only
    the cue, and "Do you enjoy…?" is one question with two problems, not two findings), else its span."""
    return d.extra.get("question") or d.span


def _ranking(outranked: dict[str, frozenset[str]]) -> tuple[frozenset[str], dict[str, int]]:
    """The codes that rank or are ranked, and how deep each is (most important first: a rule
    outranked by fewer rules comes earlier). Worked out once per catalogue, not per guide."""
    known = _RANKINGS.get(id(outranked))
    if known is None or known[0] is not outranked:
        codes = frozenset(set(outranked).union(*outranked.values()))
        depth = {code: sum(code in below for below in outranked.values()) for code in codes}
        known = (outranked, codes, depth)
        if len(_RANKINGS) >= 16:  # rule packs make a catalogue per config; keep only recent ones
            _RANKINGS.clear()
        _RANKINGS[id(outranked)] = known
    return known[1], known[2]


_RANKINGS: dict[int, tuple[dict[str, frozenset[str]], frozenset[str], dict[str, int]]] = {}


def group_repeats(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Merge findings of one rule with equal group keys into the first by position."""
    first: dict[tuple[str, str, str], Diagnostic] = {}
    merged: set[int] = set()
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        if d.group is None or d.fatal:
            continue
        key = (d.path, d.code, d.group)
        host = first.setdefault(key, d)
        if host is d:
            continue
        merged.add(id(d))
        host.related = (*host.related, d.span, *d.related)
        host.also = _union(host.also, d.also)
        host.severity = max(host.severity, d.severity)
        host.fix = _joined(host.fix, d.fix)
    return [d for d in diagnostics if id(d) not in merged]


def overlap(a: Span, b: Span) -> bool:
    """Spans that share a character, or start at the same place; an empty span (an insertion point,
    such as where a missing time box goes) overlaps a span it touches at either end."""
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def merged_message(d: Diagnostic) -> str:
    """The message with what it stands for: "…; ask neutrally (also closed-question)."."""
    notes = []
    if d.also:
        notes.append("also " + ", ".join(d.also))
    if d.related:
        lines = sorted({span.line for span in d.related})
        listed = ", ".join(str(n) for n in lines[:LISTED_LINES]) + (", …" if len(lines) > LISTED_LINES else "")
        notes.append(f"and {len(d.related)} more like it: {'line' if len(lines) == 1 else 'lines'} {listed}")
    message = d.message.rstrip()
    end = "." if message.endswith(".") else ""
    return f"{message[:-1] if end else message} ({'; '.join(notes)}){end}"


def _union(names: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*names, *more)))


def _joined(fix: Fix | None, other: Fix | None) -> Fix | None:
    if fix is None or other is None:
        return fix or other
    return Fix(fix.description, (*fix.edits, *other.edits))
