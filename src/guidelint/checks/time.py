"""Time (GL3xx): does the plan of time boxes fit the session? Arithmetic lives in timing.py."""

from __future__ import annotations

import math

from guidelint import questions
from guidelint.checks import check
from guidelint.engine import Context
from guidelint.model import Section
from guidelint.parser.inline import format_minutes
from guidelint.timing import PlanItem, plan_total, time_plan


def _minutes(value: float) -> str:
    return format_minutes(value, value)


@check("over-time-budget", "under-time-budget")
def budget(ctx: Context) -> None:
    plan = time_plan(ctx.guide)
    for item in _walk(plan):
        _children_fit(ctx, item)
    session = ctx.session
    if session.minutes is None:
        return
    low, high, boxed = plan_total(plan)
    if boxed == 0:
        return
    if low > session.minutes:
        running = 0.0
        tipping = plan[0]
        for item in plan:
            running += item.low or 0
            if running > session.minutes:
                tipping = item
                break
        ctx.report("over-time-budget", _heading_span(ctx, tipping.section),
                   f"Time boxes add up to {_total(low, high)}; the session is {_minutes(session.minutes)} "
                   f"(from {session.source}). Cut or shorten sections to fit.")
        return
    ratio = float(ctx.option("under-time-budget", "under-budget-ratio", 0.8))
    participant_items = [i for i in plan if i.section.participant_facing]
    if high < ratio * session.minutes and boxed * 2 > len(participant_items) and all(
        i.low is not None for i in participant_items if i.section.timebox is not None
    ):
        ctx.report("under-time-budget", _heading_span(ctx, plan[0].section),
                   f"Time boxes add up to {_total(low, high)} of a {_minutes(session.minutes)} session "
                   f"(from {session.source}); plan the other {_minutes(session.minutes - high)} or shorten the session.")


def _children_fit(ctx: Context, item: PlanItem) -> None:
    if item.section.timebox is None or item.low is None or not item.children:
        return
    low, high, boxed = plan_total(item.children)
    if boxed and low > (item.high or 0):
        ctx.report("over-time-budget", _heading_span(ctx, item.section),
                   f"Subsections of '{item.section.title}' add up to {_total(low, high)}, more than its "
                   f"{format_minutes(item.low, item.high)}; shorten them or enlarge the box.")


@check("missing-time-box")
def missing_boxes(ctx: Context) -> None:
    for siblings in _sibling_groups(time_plan(ctx.guide)):
        candidates = [i for i in siblings if _plannable(i.section)]
        if not any(i.section.timebox for i in candidates):
            continue
        for item in candidates:
            if item.section.timebox is None and item.low is None:
                ctx.report("missing-time-box", _heading_span(ctx, item.section),
                           f"'{item.section.title}' has no time box while the sections beside it do; add one, "
                           "e.g. (5 min).")


@check("section-overloaded")
def overloaded(ctx: Context) -> None:
    per_question = float(ctx.settings.minutes_per_question
                         or ctx.option("section-overloaded", "minutes-per-question", 2))
    for item in _walk(time_plan(ctx.guide)):
        section = item.section
        if section.timebox is None or item.high is None or not section.participant_facing:
            continue
        count = sum(1 for s in section.walk() if s.participant_facing for q in s.questions if not _logistics(q))
        # one question of slack: short factual questions take less than the average
        allowed = math.ceil(item.high / per_question) + 1
        if count > allowed:
            ctx.report("section-overloaded", _heading_span(ctx, section),
                       f"'{section.title}' has {count} questions for {format_minutes(item.low, item.high)}; at about "
                       f"{_minutes(per_question)} a question it holds {allowed}. Cut some or give it more time.")


@check("duration-out-of-range")
def duration_range(ctx: Context) -> None:
    session = ctx.session
    if session.minutes is None:
        return
    if ctx.profile is not None:
        low, high, where = ctx.profile.min_duration, ctx.profile.max_duration, f"the {ctx.profile.name} profile's range"
    else:
        low = float(ctx.option("duration-out-of-range", "min-minutes", 30))
        high = float(ctx.option("duration-out-of-range", "max-minutes", 60))
        where = "the usual range"
    if low <= session.minutes <= high:
        return
    span = session.span or ctx.anchor
    direction = "short" if session.minutes < low else "long"
    ctx.report("duration-out-of-range", span,
               f"A {_minutes(session.minutes)} session (from {session.source}) is {direction} for {where} of "
               f"{format_minutes(low, high)}; check the length.")


def _logistics(question) -> bool:
    """Consent and logistics questions ("Is it OK if I record?") take seconds, not minutes."""
    reports = questions.analyse_question([s.text for s in question.sentences])
    asked = [r for r, s in zip(reports, question.sentences) if s.is_question]
    return bool(asked) and all(r.consent for r in asked)


def _walk(items: list[PlanItem]):
    for item in items:
        yield item
        yield from _walk(item.children)


def _sibling_groups(items: list[PlanItem]):
    """Groups of sibling sections whose boxes are added together (not under a boxed parent)."""
    yield items
    for item in items:
        if item.section.timebox is None and item.children:
            yield from _sibling_groups(item.children)


def _plannable(section: Section) -> bool:
    return section.participant_facing and section.heading is not None and section.heading.style != "bold"


def _heading_span(ctx: Context, section: Section):
    return section.heading.span if section.heading is not None else ctx.anchor


def _total(low: float, high: float) -> str:
    return format_minutes(low, high) if low != high else _minutes(low)
