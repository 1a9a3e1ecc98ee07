"""Objectives checks (GL5xx): front-matter objectives against the {objective=ID} links.

The front matter says what the interview must learn (``objectives: {id: text}``; a list of
ids or of ``{id: text}`` mappings also reads). A question or probe points at objectives with
``{objective=a,b}``; the same on a heading covers every question under it.
"""

from __future__ import annotations

import re
from operator import attrgetter
from typing import Any, Iterator

from guidelint import pattern_cache
from guidelint.checks import check, question_attributes
from guidelint.context import Context
from guidelint.model import Attribute, Guide, Question, Section, Span, Task
from guidelint.records import Frozen

_ID = re.compile(r"[^,\s\"']+")


class Reference(Frozen):
    """One objective id named in an {objective=...} attribute."""

    __slots__ = ("id", "span")
    __match_args__ = ("id", "span")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    id: str
    span: Span

    def __init__(self, id: str, span: Span) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "span", span)


def declared_objectives(guide: Guide) -> dict[str, str] | None:
    """Objective ids and their descriptions; None when the front matter declares none or cannot be read."""
    meta = guide.meta
    if "objectives" not in meta:
        return None
    value: Any = meta["objectives"]
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k): _describe(v) for k, v in value.items()}
    if not isinstance(value, list):
        return None  # front-matter-invalid reports the shape
    out: dict[str, str] = {}
    for item in value:
        if isinstance(item, dict) and "id" in item:  # [{id: pain, text: ...}]
            out[str(item["id"])] = _describe(item.get("text", item.get("description", "")))
        elif isinstance(item, dict):
            out.update({str(k): _describe(v) for k, v in item.items()})
        elif isinstance(item, (str, int, float)):
            out[str(item)] = ""
    return out


def _describe(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def references(guide: Guide, attribute: Attribute) -> Iterator[Reference]:
    if attribute.key != "objective":
        return
    value_start = attribute.raw.find("=") + 1
    for m in _ID.finditer(attribute.raw, value_start):
        start = attribute.span.start + m.start()
        yield Reference(m.group(), guide.lines.span(start, start + len(m.group())))


def question_references(guide: Guide) -> Iterator[Reference]:
    for attribute in question_attributes(guide):
        yield from references(guide, attribute)


def heading_references(guide: Guide) -> Iterator[tuple[Section, Reference]]:
    for section in guide.iter_sections():
        for attribute in section.heading.attributes if section.heading else ():
            for reference in references(guide, attribute):
                yield section, reference


def _asks_anything(section: Section) -> bool:
    return any(isinstance(b, (Question, Task)) for s in section.walk() for b in s.blocks)


def covered_ids(guide: Guide) -> set[str]:
    covered = {r.id for r in question_references(guide)}
    covered |= {r.id for section, r in heading_references(guide) if _asks_anything(section)}
    return covered


def objective_key_span(guide: Guide, objective: str) -> Span | None:
    """Where ``objective`` is written inside the front matter's objectives block."""
    fm = guide.front_matter
    key = fm.key_spans.get("objectives") if fm else None
    if key is None:
        return None
    later = [s.start for s in fm.key_spans.values() if s.start > key.start]
    block_end = min(later) if later else fm.span.end
    name = re.escape(objective)
    forms = (
        rf"^[ \t]*(?:-[ \t]+)?(['\"]?)(?P<id>{name})\1[ \t]*:",       # pain: text / - pain: text
        rf"^[ \t]*-[ \t]+(['\"]?)(?P<id>{name})\1[ \t]*(?:#.*)?$",     # - pain
        rf"\bid[ \t]*:[ \t]*(['\"]?)(?P<id>{name})\1[ \t]*$",          # - id: pain
        rf"(?<![\w-])(['\"]?)(?P<id>{name})\1(?=[ \t]*[:,\]\}}])",     # {pain: text} / [pain, roi]
    )
    for form in forms:
        m = pattern_cache.compile_transient(form, re.MULTILINE).search(guide.source, key.end, block_end)  # holds the name
        if m:
            return guide.lines.span(m.start("id"), m.end("id"))
    return None


def _front_matter_readable(guide: Guide) -> bool:
    return guide.front_matter is None or guide.front_matter.valid


@check("objective-not-covered")
def objective_not_covered(ctx: Context) -> None:
    declared = declared_objectives(ctx.guide) if _front_matter_readable(ctx.guide) else None
    if not declared:
        return
    covered = covered_ids(ctx.guide)
    for objective, text in declared.items():
        if objective in covered:
            continue
        what = f" ({text})" if text else ""
        ctx.report("objective-not-covered", objective_key_span(ctx.guide, objective) or ctx.anchor,
                   f'Objective "{objective}"{what} has no question; add {{objective={objective}}} to a question '
                   "that covers it, or drop the objective.")


def closest(objective: str, declared: list[str]) -> str | None:
    same_case = [d for d in declared if d.lower() == objective.lower()]
    if same_case:
        return same_case[0]
    import difflib  # only for a near miss: most checks never import it

    close = difflib.get_close_matches(objective.lower(), [d.lower() for d in declared], n=1, cutoff=0.6)
    return next((d for d in declared if close and d.lower() == close[0]), None)


@check("unknown-objective")
def unknown_objective(ctx: Context) -> None:
    if not _front_matter_readable(ctx.guide):
        return
    if "objectives" in ctx.guide.meta and declared_objectives(ctx.guide) is None:
        return  # objectives in a shape front-matter-invalid reports
    declared = declared_objectives(ctx.guide) or {}
    found = [*question_references(ctx.guide), *(r for _, r in heading_references(ctx.guide))]
    for reference in found:
        if reference.id in declared:
            continue
        if not declared:
            ctx.report("unknown-objective", reference.span,
                       f'Objective "{reference.id}" is not declared; add it under objectives: in the front matter.')
            continue
        suggestion = closest(reference.id, list(declared))
        hint = (f'did you mean "{suggestion}"?' if suggestion
                else f"declared: {', '.join(declared)}; add it under objectives: in the front matter or fix the id.")
        ctx.report("unknown-objective", reference.span,
                   f'Objective "{reference.id}" is not in the front matter; {hint}', suggestion=suggestion)
