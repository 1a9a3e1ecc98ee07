r"""Data-driven wording rules, as in Vale: a rule's ``patterns``/``words`` run over the text in
its ``scope``. A team's rule packs (config ``rule-packs``) use this runner.

A pack is team config, but one bad pattern must not hang a pre-commit hook. Patterns that nest
quantifiers are refused when the pack loads (``guidelint.regex_safety``); what that cannot see
(``\w*\w*\w*!`` on a long line backtracks polynomially) is stopped by a CPU-time limit where one
can be set (the main thread on POSIX: the command line, the editor's and the language server's
worker processes): a rule that runs longer than ``PATTERN_SECONDS`` on one guide reports that
instead of its findings.
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager

from guidelint.catalogue import fill_message
from guidelint.checks import check
from guidelint.context import Context
from guidelint.model import Note
from guidelint.parser.inline import Clean, clean

_LEAD = re.compile(r"^[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]*)*")


#: how long one pack rule may run over one guide
PATTERN_SECONDS = 2.0


class PatternTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Raise PatternTimeout in the block after ``seconds`` of CPU time, where a timer signal can be
    used (re's matching loop checks for signals); elsewhere run the block unbounded. CPU time,
    not wall-clock time: a busy machine or a stopped process must not make a pattern time out."""
    import signal  # only where a rule pack's patterns run

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise PatternTimeout

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@check("*")
def patterns(ctx: Context) -> None:
    rules = [r for r in ctx.catalogue.rules if r.data_driven and r.code in ctx.enabled]
    if not rules:
        return
    texts = {scope: list(_texts(ctx, scope)) for scope in {r.scope for r in rules}}
    for rule in rules:
        try:
            with time_limit(PATTERN_SECONDS):
                found = list(_matches(ctx, rule, texts[rule.scope]))
        except PatternTimeout:
            ctx.report(rule.name, ctx.anchor, f"{rule.code} was stopped after {PATTERN_SECONDS:g} s on this guide; "
                       f"a pattern in {rule.source} backtracks too much on this text. Simplify it.",
                       timed_out=True)  # the runner does not cache it: the time a run takes is no property of the guide
            continue
        for span, values in found:
            ctx.report(rule.name, span, fill_message(rule.message, values),
                       suggestion=fill_message(rule.suggest, values) if rule.suggest else None)


def _matches(ctx: Context, rule, texts):
    for text in texts:
        if any(e.search(text.text) for e in rule.exceptions):
            continue
        for pattern in rule.patterns:
            for m in pattern.finditer(text.text):
                if m.end() == m.start():
                    continue
                start, end = text.source_range(m.start(), m.end())
                values = {"match": m.group(0), **{k: v for k, v in m.groupdict().items() if v is not None}}
                yield ctx.guide.lines.span(start, end), values


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
