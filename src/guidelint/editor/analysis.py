"""What the editor shows about a guide, computed away from the UI: findings and the time plan.

``analyse`` is a plain function of plain, picklable data so that it runs equally in a thread
or in a worker process; it reuses the parser, the engine and the time plan, and never raises
(a failing check becomes a message in the status line, not a crashed editor).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from guidelint.config import Settings
from guidelint.diagnostics import Diagnostic, Severity
from guidelint.model import ASKED_ROLES


@dataclass(frozen=True, slots=True)
class LintRequest:
    version: int
    text: str
    path: str
    settings: Settings
    cli: Settings | None = None


@dataclass(frozen=True, slots=True)
class OutlineRow:
    """One headed section: where it starts, its box, and the plan's running total after it."""

    line: int
    depth: int
    title: str
    box: str
    questions: int
    #: the running total of the plan after this section; only for sections the plan adds up
    running: tuple[float, float] | None = None
    #: "over" when even the shortest plan so far exceeds the session, "tight" when the longest does
    budget: str = ""


@dataclass(slots=True)
class Analysis:
    version: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outline: list[OutlineRow] = field(default_factory=list)
    planned: tuple[float, float] | None = None
    session: float | None = None
    session_source: str = "unknown"
    questions: int = 0
    #: a configuration or internal problem to show in the status line
    error: str | None = None
    seconds: float = 0.0

    def counts(self) -> dict[Severity, int]:
        out = {s: 0 for s in Severity}
        for d in self.diagnostics:
            out[d.severity] += 1
        return out


def minutes(low: float, high: float) -> str:
    def one(value: float) -> str:
        return f"{value:g}"

    return one(low) if low == high else f"{one(low)}–{one(high)}"


def budget_state(low: float, high: float, session: float | None) -> str:
    if session is None:
        return ""
    if low > session:
        return "over"
    if high > session:
        return "tight"
    return ""


def analyse(request: LintRequest) -> Analysis:
    started = time.perf_counter()
    try:
        result = _analyse(request)
    except Exception as exc:  # a bug in one check must not take the editor down
        result = Analysis(request.version, error=f"checking failed: {type(exc).__name__}: {exc}")
    result.seconds = time.perf_counter() - started
    return result


def _analyse(request: LintRequest) -> Analysis:
    from guidelint.catalogue import CatalogueError
    from guidelint.config import ConfigError
    from guidelint.engine import SelectorError, lint, settings_for_guide
    from guidelint.parser import parse_text
    from guidelint.profiles import get_profile
    from guidelint.timing import session_length, time_plan

    guide = parse_text(request.text, request.path)
    try:
        diagnostics = lint(guide, request.settings, cli=request.cli)
    except (SelectorError, CatalogueError, ConfigError) as exc:
        return Analysis(request.version, error=f"config error: {exc}")
    try:
        effective = settings_for_guide(guide, request.settings, request.cli)
    except ConfigError:  # already reported as a finding by lint()
        effective = settings_for_guide(guide, request.settings, request.cli, front_matter=False)
    session = session_length(guide, effective, get_profile(effective.profile))

    plan = time_plan(guide)
    counted = {id(item.section): item for item in plan}
    running_low = running_high = 0.0
    rows: list[OutlineRow] = []
    for section in guide.iter_sections():
        if section.heading is None:
            continue
        box = section.timebox
        if box is None:
            box_text = ""
        elif box.placeholder or box.low is None:
            box_text = "?"
        else:
            box_text = minutes(box.low, box.high if box.high is not None else box.low)
        running = None
        state = ""
        item = counted.get(id(section))
        if item is not None and item.low is not None:
            running_low += item.low
            running_high += item.high if item.high is not None else item.low
            running = (running_low, running_high)
            state = budget_state(running_low, running_high, session.minutes)
        rows.append(OutlineRow(section.heading.span.line, section.level, section.title,
                               box_text, sum(1 for q in section.questions if q.role in ASKED_ROLES), running, state))
    top = min((r.depth for r in rows), default=0)
    rows = [replace(r, depth=r.depth - top) for r in rows]
    planned = (running_low, running_high) if any(r.running for r in rows) else None
    return Analysis(
        request.version,
        diagnostics=diagnostics,
        outline=rows,
        planned=planned,
        session=session.minutes,
        session_source=session.source,
        questions=len(guide.questions()),
    )
