"""Time (GL3xx): does the plan of time boxes fit the session? The arithmetic lives in timing.py."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from guidelint.checks import check, remembered
from guidelint.checks.ethics import is_closing_section
from guidelint.context import Context
from guidelint.diagnostics import Severity
from guidelint.model import ASKED_ROLES, Guide, Question, Role, Section, Span, Task
from guidelint.parser import roles
from guidelint.parser.inline import format_minutes
from guidelint.pattern_cache import LazyPattern
from guidelint.questions import analyse_sentence
from guidelint.questions.text import names_a_rating_scale
from guidelint.timing import AS_NEEDED_TITLE, BREAK_TITLE, PlanItem, SessionLength, agenda, one_path, plan_total
from guidelint.timing import separate_sessions, time_plan

# Check-ins take seconds, like consent questions; the lexicon's consent patterns cover the rest.
_CHECK_IN = LazyPattern(
    r"(?:are\s+you\s+)?ready|(?:does\s+(?:that|this)\s+)?make\s+sense|(?:does\s+(?:that|this)\s+)?sound\s+"
    r"(?:good|ok|okay|right|fine)|(?:is\s+)?(?:that|this)\s+(?:ok|okay|all\s+right|alright)|ok(?:ay)?|all\s+set|"
    r"got\s+it|shall\s+we(?:\s+(?:start|begin|get\s+started))?",
    re.IGNORECASE,
)


@check("over-time-budget", "under-time-budget")
def budget(ctx: Context) -> None:
    session = ctx.session
    plan = _plan(ctx.guide)
    low, high, counted = plan_total(plan)
    if session.minutes is None or separate_sessions(plan):
        return
    if counted == 0:
        _agenda_budget(ctx)
        return
    if low <= session.minutes and _agenda_budget(ctx):
        return  # the headings' boxes fit but the agenda's do not: "12 min each" beside "12 min each (36)"
    if low > session.minutes:
        routed = _routed_past(ctx.guide, plan)
        if routed is None or low - (routed.low or 0) > session.minutes:  # "managers skip to Task 3": a path may fit
            ctx.report("over-time-budget", _plan_start(ctx, plan),
                       f"Time boxes add up to {_span_of(low, high)}; the session is {session.label} "
                       f'{_from(session)}. The plan runs past the end in "{_overrun(plan, session.minutes)}"; '
                       "cut or shorten sections.")
    elif (dropped := _dropped_to_fit(plan)) and low + sum(i.section.timebox.low for i in dropped) > session.minutes:
        # "Section 4 (15 min): if there's not enough time, skip to wrap up": the plan fits only
        # without it, which is a plan to say out loud, not a slip
        with_them = low + sum(i.section.timebox.low for i in dropped)
        names = ", ".join(f'"{i.section.title}"' for i in dropped[:2])
        ctx.report("over-time-budget", _plan_start(ctx, plan),
                   f"Time boxes add up to {_minutes(with_them)} with {names}, which the guide skips when time is "
                   f"short; the {session.label} session {_from(session)} fits the plan only without "
                   f"{'it' if len(dropped) == 1 else 'them'}, so expect to drop {'it' if len(dropped) == 1 else 'them'} "
                   "or shorten the other parts.", severity=Severity.INFO)
    elif session.is_range and low > session.low and not _SAYS_WHAT_TO_SKIP.search(ctx.guide.source):
        # not over, but only a session that runs its full length fits the plan
        ctx.report("over-time-budget", _plan_start(ctx, plan),
                   f"Time boxes add up to {_span_of(low, high)}, which fits only the top of the {session.label} "
                   f"session {_from(session)}; plan for {_minutes(session.low)} or say that the session takes "
                   f"{_minutes(session.minutes)}.", severity=Severity.INFO)
    elif not session.at_most and _under_budget(ctx, plan, high, session.low):
        ctx.report("under-time-budget", _plan_start(ctx, plan),
                   f"Time boxes add up to at most {_minutes(high)} of a {session.label} session "
                   f"{_from(session)}; plan the other {_minutes(session.low - high)} or shorten the session.")


def _agenda_budget(ctx: Context) -> bool:
    """A plan stated apart from the headings (an agenda table or list) is held to the session as
    the headings' boxes would be; whether it was reported over."""
    rows = _agenda(ctx.guide)
    session = ctx.session
    low = sum(r.low for r in rows)
    if not rows or low <= session.minutes:
        return False
    running, past = 0.0, rows[-1]
    for row in rows:
        running += row.low
        if running > session.minutes:
            past = row
            break
    high = sum(r.high for r in rows)
    ctx.report("over-time-budget", rows[0].span,
               f"The agenda's parts add up to {_span_of(low, high)}; the session is {session.label} {_from(session)}. "
               f'The plan runs past the end in "{past.label}"; cut or shorten parts.')
    return True


def _dropped_to_fit(plan: list[PlanItem]) -> list[PlanItem]:
    """Timed parts counted at nothing because the guide skips them when time is short."""
    return [i for i in _walk(plan) if i.low == 0.0 and i.section.timebox is not None
            and i.section.timebox.low and not i.section.timebox.placeholder and not i.section.optional]


# The guide says what to drop when the session is short: "Only got 15? Skip the * questions."
_SAYS_WHAT_TO_SKIP = LazyPattern(
    r"\b(?:only\s+(?:got|have|had)\s+\d+|short\s+(?:on|of)\s+time|running\s+(?:late|over|short)|pressed\s+for\s+time)"
    r"\b[^.\n]{0,40}?\b(?:skip|drop|cut|leave\s+out)\b"
    r"|\b(?:skip|drop|cut|leave\s+out)\b[^.\n]{0,40}?\bif\s+(?:you(?:'re|\s+are)\s+)?(?:short|tight|pressed|running\s+(?:late"
    r"|over))\b",
    re.IGNORECASE)
# A note that sends some participants past parts of the session: "managers skip to Task 3"
_ROUTING = LazyPattern(r"\bskip\s+(?:ahead\s+)?to\s+(?:the\s+)?(?:tasks?|sections?|parts?|steps?|questions?|topics?|modules?"
                       r"|q|#)?\s*(?:\d+|[ivx]+\b|[a-h]\b)", re.IGNORECASE)


def _routed_past(guide: Guide, plan: list[PlanItem]) -> PlanItem | None:
    """When the guide routes participants past some parts, the longest timed part after the note
    (the most any one path can leave out); None when it routes nobody."""
    for section in guide.iter_sections():
        for block in section.blocks:
            if not isinstance(block, Question) and _ROUTING.search(block.text):
                after = [i for i in plan if i.section.span.line > block.span.line and i.low and i.section.participant_facing]
                return max(after, key=lambda i: i.low or 0, default=None)
    return None


def _under_budget(ctx: Context, plan: list[PlanItem], high: float, session_minutes: float) -> bool:
    ratio = float(ctx.option("under-time-budget", "under-budget-ratio", 0.8))
    facing = [i for i in plan if i.section.participant_facing]
    mostly_boxed = 2 * sum(1 for i in facing if i.low is not None) > len(facing)
    return mostly_boxed and not any(_has_placeholder(i) for i in plan) and high < ratio * session_minutes


def _has_placeholder(item: PlanItem) -> bool:
    """A placeholder anywhere in what the item's minutes add up: its own box or, unboxed, its subsections'."""
    box = item.section.timebox
    if box is not None:
        return box.placeholder or box.low is None
    return any(_has_placeholder(c) for c in item.children)


def _overrun(plan: list[PlanItem], session_minutes: float) -> str:
    running = 0.0
    plan = one_path(plan, plan[0].section.parent if plan else None)
    for item in plan:
        if running + (item.low or 0) > session_minutes and item.section.timebox is None and item.children:
            # a part timed only by its subsections ("Guide" over "- Intro (5 min)"…): name the subsection
            for child in one_path(item.children, item.section):
                running += child.low or 0
                if running > session_minutes:
                    return child.section.title
            return item.section.title
        running += item.low or 0
        if running > session_minutes:
            return item.section.title
    return plan[-1].section.title


@check("subsection-boxes-exceed-parent")
def nested_boxes(ctx: Context) -> None:
    for item in _walk(_plan(ctx.guide)):
        box = item.section.timebox
        if box is None or box.placeholder or box.high is None or not item.children:
            continue
        if any(c.boxed and (c.low or 0) > box.high for c in item.children):
            # a part longer than the whole section cannot be inside it: the headings are one level
            # off and the parts follow it, which is how the plan reads them (time_plan)
            continue
        low, high, counted = plan_total(item.children)
        if counted and low > box.high:
            # on the parent's box, the number to change; section-overloaded keeps the heading
            ctx.report("subsection-boxes-exceed-parent", box.span,
                       f'The subsections of "{item.section.title}" add up to {_span_of(low, high)}, more than its '
                       f"{format_minutes(box.low, box.high)}; shorten them or enlarge the parent's box, or, if they "
                       f'come after it rather than inside it, give their headings the level of "{item.section.title}".')


@check("missing-time-box")
def missing_boxes(ctx: Context) -> None:
    if _plan_in_a_table(ctx.guide):
        return  # "Run of show | Min": the parts are timed in a table or list of their own
    plan = _plan(ctx.guide)
    if not any(i.section.timebox is not None for i in _walk(plan)):
        _no_plan(ctx, plan)
        return
    for siblings, top in _sibling_groups(plan, top=True):
        # a box on a logistics section ("Setup - 10 minutes") is the moderator's, not the plan's
        if not any(i.section.timebox is not None and i.section.participant_facing for i in siblings):
            continue
        # Only the parts before an end need a box: what comes after the timed close ("5. wrap (3 min)"
        # then "after") is the team's, once the call is over; the parts after "Documents (part of the
        # last 6 min)" share those last minutes.
        ends = [k for k, i in enumerate(siblings) if i.section.timebox is not None and is_closing_section(ctx, i.section)][-1:]
        ends += [k for k, i in enumerate(siblings) if _SHARES_THE_LAST.search(i.section.title)][:1]
        end = min(ends, default=len(siblings))
        missing = [i for i in siblings[:end]
                   if i.section.timebox is None and i.low is None and _needs_box(i.section, top=top)]
        # (a placeholder such as "(X minutes)" is a box still to write: bad-time-box says so)
        boxed = [i for i in siblings if i.section.timebox is not None and not i.section.timebox.placeholder
                 and i.section.participant_facing]
        for item in missing:
            # one finding for the whole plan: the fix is the same wherever a box is missing
            example = _example_box(item.section, siblings, ctx.minutes_per_question)
            if len(boxed) >= len(missing):
                beside = f'"{boxed[0].section.title}" beside it does' if len(boxed) == 1 else "the sections beside it do"
                message = (f'"{item.section.title}" has no time box while {beside}; '
                           f"add one such as {example} to its heading.")
            else:  # not one gap in a plan: most of the plan is missing
                which = f'"{boxed[0].section.title}" has' if len(boxed) == 1 else f"{len(boxed)} of them have"
                message = (f'"{item.section.title}" and most sections beside it have no time box (only {which} '
                           f"one); add one such as {example} to each heading.")
            ctx.report("missing-time-box", _box_place(ctx, item.section), message, group="plan")


def _no_plan(ctx: Context, plan: list[PlanItem]) -> None:
    """A guide that says how long the session is but not how the time is spent: one finding for
    the guide, never one per section (the fix is one plan)."""
    session = ctx.session
    if session.minutes is None or not _stated_by_the_guide(session):
        return
    if roles.short_format(ctx.guide):
        return  # an unmoderated test or an intercept has no moderator keeping time by the section
    # every part of the session counts here, read-aloud ones too: the plan is what is missing
    sections = [i.section for i in plan if _needs_box(i.section, top=True, reading_counts=True)]
    if len(sections) < 3:
        return  # an intro and the questions, say: how the time splits goes without saying
    if _minute_marks(sections):
        return  # "1. Welcome (0–5)", "2. About you (5–10)": the minutes each part starts and ends at
    per_question = ctx.minutes_per_question
    example = f'{_example_box(sections[0], plan, per_question)} after "{sections[0].title}"'
    # Blind readers called this finding wrong or debatable on every guide whose questions fit the
    # session: a 30-minute conversation or an academic protocol with one overall estimate needs no
    # boxes. It is worth saying by default only when the questions cannot fit; strict mode says it
    # of every unplanned session.
    asked = [(q, in_task) for item in plan if item.section.participant_facing
             for q, in_task in _spoken_questions(item.section) if not _takes_seconds(q)]
    needed = sum(_question_minutes(q, in_task, per_question) for q, in_task in asked)
    _, most = _room_for(session.minutes, per_question)
    if len(asked) > most and needed > session.minutes:
        ctx.report("missing-time-box", ctx.anchor,
                   f"The session is {session.label} {_from(session)} and none of its sections has a time box, but its "
                   f"{len(asked)} questions take about {_minutes(needed)} at about {_minutes(per_question)} a question; "
                   f"give each section its share, such as {example}, and cut what does not fit.")
    elif ctx.strict:
        ctx.report("missing-time-box", ctx.anchor,
                   f"The session is {session.label} {_from(session)}, but none of its sections has a time box; give each "
                   f"section its share, such as {example}, so you can see whether the plan fits.", severity=Severity.INFO)


# "(5–10)" after a part's name: the minute it starts and ends at
_MINUTE_MARK = re.compile(r"\(\s*(\d{1,3})\s*[-–—]\s*(\d{1,3})\s*\)\s*$")


def _minute_marks(sections: list[Section]) -> bool:
    """The parts' titles carry running minutes that follow on ("(0–5)", "(5–10)", …)."""
    marks = [_MINUTE_MARK.search(s.heading.raw.rstrip(" #*_")) if s.heading is not None else None for s in sections]
    found = [(int(m.group(1)), int(m.group(2))) for m in marks if m is not None]
    return len(found) >= 3 and all(a < b for a, b in found) and all(prev[1] == nxt[0] for prev, nxt in zip(found, found[1:]))


_PLAN_TITLE = re.compile(r"\b(?:agenda|run\s+of\s+(?:show|play)|running\s+order|run\s*sheet|timings?|schedule"
                         r"|(?:session|interview)\s+plan|plan\s+at\s+a\s+glance)\b", re.IGNORECASE)
# a table row or list line that ends in minutes: "| Background | 7 |", "- Background: 7 min", "Results … 7'"
_PLANNED_MINUTES = LazyPattern(r"(?m)^[ \t]*(?:\|[^|\n]*[A-Za-z][^|\n]*\|[ \t]*\d{1,3}(?:[ \t]*(?:min\w*|m|'))?[ \t]*\|"
                               r"|[-*+]?[ \t]*[A-Za-z][^\n]{0,60}?[:\-–—…][ \t]*\d{1,3}[ \t]*(?:min\w*|'))")


# a line of notes that gives the plan: "Approximate timings: introduction 5-10 min; section 1, 5 min; …"
_TIMINGS_LINE = re.compile(r"(?im)^[ \t>*_-]*(?:(?:approximate|approx\.?|rough|suggested|indicative|planned)\s+)?"
                           r"(?:timings?|time\s+plan|timing\s+guide|time\s+split)[*_]*\s*[:\-–—][^\n]*")
# what every match of _TIMINGS_LINE holds, searched first: nearly no guide has it, and this search
# of the whole source takes half as long (the multi-line pattern is tried at every position)
_TIMINGS_WORD = re.compile(r"tim(?:ing|e\s+(?:plan|split))", re.IGNORECASE)
# ... and a cheaper test every match of it passes: IGNORECASE finds no fast start, so the
# search tries the pattern at every position of the source (about 50 µs a guide); the source's
# lower-cased UTF-8 bytes are searched case-sensitively from each "tim" (about 20 µs with the
# encoding). A space beyond ASCII is a byte over 0x7f, and the three letters beyond ASCII that
# IGNORECASE matches to these ("İ", "ı", "ſ") are tested apart.
_TIMINGS_WORD_BYTES = re.compile(rb"tim(?:ing|e[\s\x1c-\x1f\x80-\xff]+(?:plan|split))")


def _names_timings(source: str) -> bool:
    """Whether ``_TIMINGS_WORD`` matches in the source."""
    if (_TIMINGS_WORD_BYTES.search(source.encode("utf-8", "surrogatepass").lower()) is None
            and "\u0130" not in source and "\u0131" not in source and "\u017f" not in source):
        return False
    return _TIMINGS_WORD.search(source) is not None


_MINUTES_NAMED = re.compile(r"\b\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s*(?:min\w*|')", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _plan_titled(title: str) -> bool:
    # (every heading of every guide is asked, and a team's headings repeat: "Introduction", "Warm-up")
    return _PLAN_TITLE.search(title) is not None


def _plan_in_a_table(guide: Guide) -> bool:
    """The guide times its parts in a section of their own (an agenda or run-of-show table of at
    least three parts), or on a line of its notes ("Approximate timings: intro 5 min; section 1,
    5 min; …"), instead of in the headings."""
    if _agenda(guide):
        return True
    if _names_timings(guide.source):
        for line in _TIMINGS_LINE.finditer(guide.source):
            if len(_MINUTES_NAMED.findall(line.group())) >= 3:
                return True
    for section in guide.iter_sections():
        if section.heading is None or not _plan_titled(section.title):
            continue
        if len(_PLANNED_MINUTES.findall(guide.source, section.span.start, section.span.end)) >= 3:
            return True
    return False


def _stated_by_the_guide(session: SessionLength) -> bool:
    """The guide itself says how long the session is (front matter, the intro or its notes), as
    opposed to a team-wide config or a profile's default."""
    return session.origin in ("front matter", "guide")


@check("section-overloaded")
def overloaded(ctx: Context) -> None:
    guide_pace = ctx.minutes_per_question
    for item in _walk(_plan(ctx.guide)):
        section = item.section
        if section.timebox is None or item.high is None or not section.participant_facing:
            continue
        # one question of slack: short factual questions take less than the average; the
        # checks after a usability task ("Did that make sense?", "How easy or hard was it?")
        # take about a minute, whatever an interview question takes, in the task's own
        # section and in a task under a section that is not one ("Section 4: Tasks (15 min)")
        # (an intercept's part in a longer guide keeps an intercept's pace)
        per_question = min(guide_pace, roles.SHORT_FORMAT_MINUTES) if roles.short_part(section) else guide_pace
        task_pace = min(per_question, 1.0)
        pace = _pace(section, per_question)
        low, high = item.low, item.high
        box = section.timebox
        if not box.placeholder and box.high is not None and box.high < high:
            # the box is the section's own part, its boxed subsections follow it (time_plan)
            low, high = (0.0 if section.optional else box.low), box.high
        allowed, most = _room_for(high, pace)
        if section.question_items_at_most(most, below=True):
            continue  # (the questions it could count are few enough: no path through it worked out)
        spoken = list(_spoken_questions(section))
        if len(spoken) <= most:
            continue  # within the plan even before the questions that take seconds are left out
        asked = [(q, in_task) for q, in_task in spoken if not _takes_seconds(q)]
        count = len(asked)
        if sum(_question_minutes(q, in_task, per_question) / pace for q, in_task in asked) > most:
            # the pace named, so that two findings at different paces do not read as inconsistent
            kind = "a task's quick checks" if pace == task_pace and pace < per_question else "interview questions"
            ctx.report("section-overloaded", _heading_span(ctx, section),
                       f'"{section.title}" has {count} questions for {format_minutes(low, high)}; at about '
                       f"{_minutes(pace)} a question ({kind}) it holds {allowed}. Cut some or give it more time.")


# Formats whose sessions run longer than an interview: "Focus group guide", "Co-design workshop",
# "Field visit: shadowing pickers", "Contextual inquiry"
_LONG_FORMAT = LazyPattern(
    r"\b(?:focus\s+groups?|workshops?|co-?design|field\s+(?:visits?|work|studies|study)|site\s+visits?|contextual\s+inquir\w*"
    r"|ethnograph\w*|shadowing|in-?home\s+visits?|home\s+visits?|diary\s+stud\w*|card\s+sorts?"
    # going along with them as they work or shop: "in-van ride-along", "go-along", "accompanied shop"
    r"|(?:ride|go|walk|drive)[- ]?alongs?|accompanied\s+(?:visits?|shops?|shopping|journeys?)|observation\s+(?:visits?|sessions?)"
    r"|groups?[*_]*\s*:[*_]*\s*\d{1,2}\s*[x×]|viewing\s+(?:room|facility)|behind\s+the\s+(?:one-way\s+)?mirror)\b",
    re.IGNORECASE)


@check("duration-out-of-range")
def duration_range(ctx: Context) -> None:
    session = ctx.session
    if session.minutes is None:
        return
    if ctx.profile is not None:
        low, high = ctx.profile.min_duration, ctx.profile.max_duration
        where = f"the {ctx.profile.name} profile's range"
    else:
        low = float(ctx.option("duration-out-of-range", "min-minutes", 30))
        high = float(ctx.option("duration-out-of-range", "max-minutes", 60))
        where = "the usual range"
        title = next((s.title for s in ctx.guide.iter_sections() if s.heading is not None), "")
        # the title, or the set-up details above the first part ("Groups: 4 x 90 mins")
        if _LONG_FORMAT.search(title) or _LONG_FORMAT.search(ctx.guide.source, 0, 1500):
            # a focus group, a workshop or a visit runs two hours as a matter of course
            high = max(high, 120.0)
            where = "such a session's usual range"
        elif roles.short_format(ctx.guide):
            # an unmoderated test or an intercept takes 5-20 minutes as a matter of course (a bus-stop
            # intercept 3-4: by default only half the least is reported)
            low = min(low, 5.0)
            where = "such a session's usual range"
    if ctx.profile is None and not getattr(ctx, "strict", False):
        # Blind readers called every 20-minute call-back and 90-minute advisory board reported
        # against 30-60 wrong: the length suits the format far more often than the usual range
        # names it. By default only a length far outside it (half the least, twice the most),
        # which is a typo or not an interview, is reported; strict mode reports the usual range.
        if low / 2 <= session.minutes <= high * 2:
            return
        where = f", far outside {where}"
    elif low <= session.minutes <= high:
        return
    direction = "short" if session.minutes < low else "long"
    if not where.startswith(","):
        where = f" for {where}"
    ctx.report("duration-out-of-range", session.span or ctx.anchor,
               f"A {session.label} session {_from(session)} is {direction}{where} of "
               f"{format_minutes(low, high)}; check the length.")


# ---- which sections and questions count ---------------------------------------------------


def _plan(guide: Guide) -> list[PlanItem]:
    """``time_plan`` of the guide, made once per check of it: the four rules that read it read
    the same plan (its items are read, never changed)."""
    return list(remembered(_PLANS, guide, lambda: time_plan(guide)))


_PLANS: dict[int, tuple[Guide, list[PlanItem]]] = {}


def _agenda(guide: Guide) -> list:
    """``agenda`` of the guide, read once per check: over-time-budget and missing-time-box both ask."""
    return remembered(_AGENDAS, guide, lambda: agenda(guide))


_AGENDAS: dict[int, tuple[Guide, list]] = {}


def _walk(items: list[PlanItem]) -> Iterator[PlanItem]:
    for item in items:
        yield item
        yield from _walk(item.children)


def _sibling_groups(items: list[PlanItem], *, top: bool) -> Iterator[tuple[list[PlanItem], bool]]:
    """Groups of sibling sections whose boxes are added together (never under a boxed parent),
    each with whether it is the plan's top level."""
    yield items, top
    for item in items:
        if item.section.timebox is None and item.children:
            yield from _sibling_groups(item.children, top=False)


def _needs_box(section: Section, *, top: bool, reading_counts: bool = False) -> bool:
    """Observer and logistics sections, bold pseudo-headings and task subsections need no box."""
    if not section.participant_facing or section.heading is None or section.heading.style == "bold":
        return False
    if BREAK_TITLE.fullmatch(section.title) or AS_NEEDED_TITLE.search(section.title):
        return False  # a break, or help kept for the sessions that need it, is as long as it needs to be
    if roles.follows_a_task(section):
        return False  # the follow-ups of the task before it, in its time
    if _TIMED_ELSEWHERE.search(section.title) or any(_SAYS_ITS_LENGTH.search(b.text) for b in section.blocks[:3]):
        return False  # "Documents (part of the last 6 min)", "> This takes about 15 minutes."
    if _AS_LONG_AS_IT_LASTS.match(section.title) or _ASKED_ALONG_THE_WAY.search(section.title):
        return False  # "During the duty – watch, don't interrupt": a ride-along lasts as long as the duty
    if not reading_counts and not _takes_session_time(section):
        return False  # objectives, safety notes, a note-taker's sheet: read, not spent with the participant
    return top or not section.is_task


# a phase that runs as long as the work observed: "During the duty", "Throughout the shift", "While they work"
_AS_LONG_AS_IT_LASTS = re.compile(r"^\W*(?:during|throughout|while)\s+(?:the|their|each|your)?\s*(?:[\w-]+\s+)?"
                                  r"(?:duty|shift|flight|journey|visit|day|round|ride|trip|service|clinic|session|work"
                                  r"|they\s+work)\b",
                                  re.IGNORECASE)
# questions asked while they work, spread over the time watched: "Ask in the moment (only while walking…)"
_ASKED_ALONG_THE_WAY = re.compile(r"\bin\s+the\s+moment\b|\bon\s+the\s+(?:go|move|job)\b|\bas\s+(?:you|they)\s+(?:go|work)\b",
                                  re.IGNORECASE)
# A heading that says its minutes are counted in another part's box
_TIMED_ELSEWHERE = LazyPattern(
    r"\b(?:part\s+of|within|inside|included\s+in|counted\s+in|covered\s+by)\s+(?:the\s+)?(?:last|first|next|previous|same"
    r"|final|other)?"
    r"\s*(?:\d+\s*(?:-|–|to)?\s*\d*\s*(?:min|mins|minutes)\b|(?:section|part|slot|box|block|step)\b)", re.IGNORECASE)
_SHARES_THE_LAST = re.compile(r"\b(?:part\s+of|within|inside|in)\s+the\s+(?:last|final|closing)\s+\d", re.IGNORECASE)
# A part whose own words say how long it takes: "This takes about 15 minutes."
_SAYS_ITS_LENGTH = LazyPattern(
    r"\b(?:this|it|the\s+(?:sort|task|exercise|activity|survey|questionnaire|diary))\s+(?:takes|lasts|should\s+take"
    r"|will\s+take)\s+"
    r"(?:about\s+|around\s+|roughly\s+|up\s+to\s+|approximately\s+|no\s+more\s+than\s+)?\d+\s*(?:-|–|to)?\s*\d*\s*(?:min|mins"
    r"|minutes)\b",
    re.IGNORECASE)


def _takes_session_time(section: Section) -> bool:
    """The section asks the participant something or gives them a task."""
    return any(isinstance(block, Task) or (isinstance(block, Question) and any(q.role in ASKED_ROLES for q in block.walk()))
               for sub in section.walk() if sub.participant_facing for block in sub.blocks)


_TIMED_ROLES = ASKED_ROLES | {Role.TASK}


def _spoken_questions(section: Section) -> Iterator[tuple[Question, bool]]:
    """The questions a section's time box covers on one participant's path, each with whether it
    is asked in a task: its own and those of subsections without a box of their own (a
    subsection with its box is held to that box: "# Intro (5 min)" over "## First task (10 min)"
    is not an intro of every task's questions)."""
    if section.participant_facing:
        in_task = roles.at_task_pace(section)
        # (not the note-taker's "Key things to notice", a hint for a stuck participant or an
        # option list: nobody asks them of everyone; a task asked as a question takes its time)
        yield from ((q, in_task) for q in roles.questions_on_one_path(section.blocks) if q.role in _TIMED_ROLES)
    # of parts for different participants ("For Veterans", "For caregivers"), one is asked
    for run in roles.alternative_runs([sub for sub in section.children if sub.timebox is None], one_of=roles.one_of_these(section)):
        yield from max((list(_spoken_questions(sub)) for sub in run), key=len)


def _room_for(minutes: float, pace: float) -> tuple[int, int]:
    """How many questions ``minutes`` hold at ``pace``, and the most reported as clearly over: a
    question or two more is a matter of pace, not a plan that cannot fit."""
    allowed = math.ceil(minutes / pace) + 1
    return allowed, max(allowed + 2, math.ceil(allowed * 1.5))


def _question_minutes(question: Question, in_task: bool, per_question: float) -> float:
    """A question's minutes: a number shouted on a scale ("Music, 1 to 10?") half a minute, a
    task's quick check about one, an interview question the guide's pace."""
    if names_a_rating_scale(question.text) or _RATE_FIRST.match(question.text):
        return min(_RATED_MINUTES, per_question)
    return min(per_question, 1.0) if in_task else per_question


# "Rate the music": a rating asked for with no scale named
_RATE_FIRST = re.compile(r"^\W*rate\b", re.IGNORECASE)
_RATED_MINUTES = 0.5


def _takes_seconds(question: Question) -> bool:
    """Consent, logistics and check-in questions ("Is it OK if I record?", "Ready?") take seconds."""
    # whether a sentence asks consent is its own reading (analyse_question over the item only adds
    # findings from the sentences around it): each sentence's cached analysis, without the item's
    asked = [s for s in question.sentences if s.is_question]
    return bool(asked) and all(analyse_sentence(s.text).consent or _CHECK_IN.fullmatch(s.text.strip().rstrip("?!. "))
                               for s in asked)


# ---- where findings sit and how they read -------------------------------------------------


def _plan_start(ctx: Context, plan: list[PlanItem]) -> Span:
    """The first section that carries minutes: a steady place that suppressions can name."""
    first = next((i for i in plan if i.low is not None), None)
    return _heading_span(ctx, first.section) if first is not None else ctx.anchor


def _heading_span(ctx: Context, section: Section) -> Span:
    return section.heading.span if section.heading is not None else ctx.anchor


def _without_tail(line: str) -> str:
    """The heading line without a closing `#` run or a trailing attribute block (string methods
    from the right: a regular expression searched from the left was quadratic on a long heading)."""
    words = line.rstrip()
    closing = words.rstrip("#")
    if closing != words and closing[-1:].isspace():
        words = closing.rstrip()
    if words.endswith("}"):
        opening = words.rfind("{")
        if opening >= 0 and "}" not in words[opening:-1]:
            words = words[:opening].rstrip()
    return words


def _box_place(ctx: Context, section: Section) -> Span:
    """Where a missing box goes: the end of the heading's words (before a closing `#` run or an
    attribute block). Other findings on the section (too many questions, the wrap-up) sit on the
    whole heading, so each finding keeps a place of its own."""
    heading = section.heading
    if heading is None:
        return ctx.anchor
    first_line = heading.raw.split("\n", 1)[0]
    words = _without_tail(first_line)
    if len(words.strip("#*_ \t")) == 0:
        return heading.span
    end = heading.span.start + len(words)
    return ctx.guide.lines.span(end, end)


_MINUTES_IN_TITLE = re.compile(r"(\d{1,3}(?:[.,]\d)?)\s*(?:minutes?|mins?|m)\b", re.IGNORECASE)


def _pace(section: Section, per_question: float) -> float:
    """Minutes a question of this section takes: a task's quick checks about one."""
    return min(per_question, 1.0) if roles.at_task_pace(section) else per_question


def _example_box(section: Section, siblings: list[PlanItem], per_question: float) -> str:
    """A box for the hint in the author's own numbers: minutes the heading already names ("Pricing
    **10 minutes**"), else the most common box beside it, else five minutes; and never less than
    its questions take."""
    named = _MINUTES_IN_TITLE.search(section.heading.raw if section.heading else "")
    if named:
        return f"({named.group(1).replace(',', '.')} min)"
    boxed = [i.section.timebox for i in siblings if i.section.timebox is not None and i.section.timebox.low is not None]
    common = Counter((box.low, box.high) for box in boxed).most_common(1)
    low, high = common[0][0] if common else (5.0, 5.0)
    # never less than its questions take at section-overloaded's pace: a box the section
    # overruns at once is no example
    pace = _pace(section, per_question)
    needed = 5.0 * math.ceil(sum(pace for _ in _spoken_questions(section)) / 5.0)
    if needed > (high or low):
        low = high = needed
    return f"({format_minutes(low, high)})"


def _from(session: SessionLength) -> str:
    """"(from the intro, line 12)" rather than "(from the intro (line 12))"."""
    return "(from " + re.sub(r" \(([^()]*)\)$", r", \1", session.source) + ")"


def _minutes(value: float) -> str:
    return format_minutes(value, value)


def _span_of(low: float, high: float) -> str:
    return format_minutes(low, high) if high > low else _minutes(low)
