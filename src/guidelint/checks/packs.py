"""Data-driven wording rules, as in Vale: a rule's ``patterns``/``words`` run over the text in
its ``scope``. A team's rule packs (config ``rule-packs``) use this runner."""

from __future__ import annotations

import re

from guidelint.checks import check
from guidelint.engine import Context
from guidelint.model import Note
from guidelint.parser.inline import Clean, clean

_LEAD = re.compile(r"^[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]*)*")


@check("*")
def patterns(ctx: Context) -> None:
    rules = [r for r in ctx.catalogue.rules if r.data_driven and r.code in ctx.enabled]
    if not rules:
        return
    texts = {scope: list(_texts(ctx, scope)) for scope in {r.scope for r in rules}}
    for rule in rules:
        for text in texts[rule.scope]:
            if any(e.search(text.text) for e in rule.exceptions):
                continue
            for pattern in rule.patterns:
                for m in pattern.finditer(text.text):
                    if m.end() == m.start():
                        continue
                    start, end = text.source_range(m.start(), m.end())
                    values = {"match": m.group(0), **{k: v for k, v in m.groupdict().items() if v is not None}}
                    ctx.report(rule.name, ctx.guide.lines.span(start, end), _format(rule.message, values),
                               suggestion=_format(rule.suggest, values) if rule.suggest else None)


def _format(template: str, values: dict) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _texts(ctx: Context, scope: str):
    guide = ctx.guide
    if scope in ("question", "any", "guide"):
        for q in guide.questions():
            for s in q.sentences:
                yield clean(s.raw, s.span.start)
    if scope in ("probe", "any", "guide"):
        for q in guide.questions():
            for p in list(q.walk())[1:]:
                for s in p.sentences:
                    yield clean(s.raw, s.span.start)
    if scope in ("note", "any", "guide"):
        for section in guide.iter_sections():
            for block in section.blocks:
                if isinstance(block, Note):
                    yield _clean_node(block)
    if scope in ("heading", "any", "guide"):
        for section in guide.iter_sections():
            if section.heading is not None:
                yield _clean_node(section.heading)


def _clean_node(node) -> Clean:
    lead = _LEAD.match(node.raw).end()
    return clean(node.raw[lead:], node.span.start + lead)
