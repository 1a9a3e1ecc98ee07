"""Session length and the time plan: shared by the time rules, the editor's outline and review.

Arithmetic follows DESIGN section 2: a range counts as [min, max]; a parent's box stands for
its subsections (theirs are checked against it, never added again); an optional section
counts from 0 to its box; a placeholder box counts as unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guidelint.model import Guide, Section, Span, Text, Note, Question

if TYPE_CHECKING:
    from guidelint.config import Settings
    from guidelint.engine import SessionLength
    from guidelint.profiles import Profile

_STATED = re.compile(
    r"\b(?:takes?|last(?:s)?|run(?:s)?|be|is|will\s+take|should\s+take|for|about|around|approximately|roughly|"
    r"no\s+more\s+than|up\s+to|under|over\s+the\s+next)\s+"
    r"(?:about\s+|around\s+|approximately\s+|roughly\s+|no\s+more\s+than\s+|up\s+to\s+|under\s+|only\s+)?"
    r"(?P<n>\d{1,3})(?:\s*(?:-|–|to)\s*(?P<n2>\d{1,3}))?\s*(?P<u>minutes?|mins?|mintues|hours?)\b"
    r"|\b(?P<n3>\d{1,3})[- ](?P<u3>minute|hour)\s+(?:session|interview|call|conversation|chat|meeting)\b"
    r"|\b(?P<half>half\s+an\s+hour)\b|\b(?:takes?|last(?:s)?|about|around|for)\s+(?P<hour>an\s+hour)\b",
    re.IGNORECASE,
)


def stated_length(guide: Guide) -> tuple[float, Span] | None:
    """A session length said in the spoken intro ("this takes about 30 minutes").

    Read from the preamble, the lone title's own lines and the first section with content.
    """
    title = _lone_title(guide)
    intro_sections: list[Section] = []
    for section in guide.iter_sections():
        if not section.participant_facing:
            continue
        if section.heading is not None and section is not title and (section.blocks or section.questions):
            intro_sections.append(section)
            break
        if section.blocks:
            intro_sections.append(section)
    for section in intro_sections:
        for block in section.blocks:
            # the spoken script: paragraphs, script bullets, quoted script; not moderator notes
            spoken = isinstance(block, (Text, Question)) or (isinstance(block, Note) and block.kind == "blockquote")
            m = _STATED.search(block.text) if spoken else None
            if not m:
                continue
            if m.group("half"):
                minutes = 30.0
            elif m.group("hour"):
                minutes = 60.0
            else:
                n = m.group("n2") or m.group("n") or m.group("n3")
                unit = (m.group("u") or m.group("u3") or "min").lower()
                minutes = float(n) * (60 if unit.startswith("h") else 1)
            return minutes, block.span
    return None


def _lone_title(guide: Guide) -> Section | None:
    """The one top heading every other section sits under ("# Interview guide"), if any."""
    roots = [s for s in guide.sections if s.heading is not None]
    return roots[0] if len(roots) == 1 and roots[0].children else None


def session_length(guide: Guide, settings: Settings, profile: Profile | None) -> SessionLength:
    from guidelint.config import parse_duration
    from guidelint.engine import SessionLength

    fm = guide.front_matter
    if "duration" in guide.meta:
        minutes = parse_duration(guide.meta["duration"])
        if minutes is not None:
            return SessionLength(minutes, "front matter", fm.key_spans.get("duration") if fm else None)
    if settings.duration:
        return SessionLength(settings.duration, f"config ({settings.source or 'command line'})")
    stated = stated_length(guide)
    if stated is not None:
        minutes, span = stated
        return SessionLength(minutes, f"the intro ({guide.where(span)})", span)
    if profile is not None:
        return SessionLength(profile.default_duration, f"the {profile.name} profile's default")
    return SessionLength(None, "unknown")


@dataclass(slots=True)
class PlanItem:
    section: Section
    low: float | None
    high: float | None
    children: list[PlanItem] = field(default_factory=list)

    @property
    def boxed(self) -> bool:
        return self.section.timebox is not None


def plan_roots(guide: Guide) -> list[Section]:
    """The sections whose boxes make up the plan: a lone unboxed title heading is skipped."""
    roots = [s for s in guide.sections if s.heading is not None]
    while len(roots) == 1 and roots[0].timebox is None and roots[0].children:
        roots = roots[0].children
    return roots


def _item(section: Section) -> PlanItem:
    children = [_item(c) for c in section.children if c.heading is not None and c.heading.style != "bold" or c.timebox]
    box = section.timebox
    if box is not None and not box.placeholder and box.low is not None:
        low, high = box.low, box.high
    elif box is None and any(c.low is not None for c in children):
        low = sum(c.low or 0 for c in children)
        high = sum(c.high or 0 for c in children)
    else:
        low = high = None
    if section.optional and low is not None:
        low = 0.0
    return PlanItem(section, low, high, children)


def time_plan(guide: Guide) -> list[PlanItem]:
    return [_item(s) for s in plan_roots(guide)]


def plan_total(items: list[PlanItem]) -> tuple[float, float, int]:
    """(sum of minimums, sum of maximums, how many items carry minutes)."""
    low = sum(i.low for i in items if i.low is not None)
    high = sum(i.high for i in items if i.high is not None)
    return low, high, sum(1 for i in items if i.low is not None)
