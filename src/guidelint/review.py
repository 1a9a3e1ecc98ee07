"""The review copy: the guide as a colleague reads it for a sense check, in HTML or Markdown.

A review copy shows the title, participant and session length (with where the length came
from), the time plan with running totals, which of the profile's expected sections the guide
has, each objective with the questions that cover it, every question with its probes and the
findings beside it, and a short checklist for the reviewer.

Findings are placed by line: on the question, probe, task or note that holds the line, else
on the section whose heading holds it; the rest (front matter, findings about the whole guide)
go in a "Whole guide" list. The HTML is one self-contained file: inline CSS, no scripts, no
external fonts or images, so it can be mailed, opened offline and printed.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from guidelint import __version__
from guidelint.atomic import same_file
from guidelint.config import Settings
from guidelint.diagnostics import Diagnostic, Severity
from guidelint.engine import settings_for_guide
from guidelint.model import ASKED_ROLES, Guide, Note, Question, Role, Section, Task, Text
from guidelint.profiles import ExpectedSection, Profile, all_profiles, get_profile
from guidelint.timing import PlanItem, SessionLength, plan_total, session_length, time_plan

FORMATS = ("html", "md", "docx")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_WORD_SUFFIXES = (".docx",)


# ---- what a review shows ------------------------------------------------------------------

@dataclass(eq=False)
class Item:
    """One block of the guide as the reviewer reads it: a question (with probes), task or note."""

    #: question, probe, scenario, prompt (usability tasks), script (spoken, quoted), note (for the
    #: interviewer) or text
    kind: str
    text: str
    line: int
    #: the source lines this item owns (a probe owns its own; the question its text and asides)
    lines: tuple[int, ...] = ()
    number: int | None = None
    objectives: list[str] = field(default_factory=list)
    asides: list[str] = field(default_factory=list)  # probe directions and answer options
    probes: list[Item] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)

    def walk(self) -> Iterable[Item]:
        yield self
        for probe in self.probes:
            yield from probe.walk()


@dataclass(eq=False)
class SectionView:
    title: str
    level: int
    line: int
    heading: bool
    box: str
    participant_facing: bool
    expected: ExpectedSection | None
    items: list[Item] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class PlanRow:
    title: str
    depth: int
    box: str
    #: the running total after this row; empty for subsections, which their parent's box covers
    running: str
    line: int
    #: where the row sits on the session's clock, in minutes (None without a usable box)
    start: float | None = None
    low: float | None = None
    high: float | None = None
    over: bool = False  # starts or ends after the session should be over
    #: a top-level participant section: the only kind whose missing box the plan needs
    needs_box: bool = True


@dataclass(frozen=True)
class CoverageRow:
    expected: ExpectedSection
    found: list[tuple[str, int]]  # (title, line) of each heading that matches


@dataclass(frozen=True)
class ObjectiveRow:
    id: str
    text: str
    covered_by: list[tuple[str, int]]  # (question text or "questions under ‘Section’", line)


@dataclass
class Review:
    path: str
    title: str
    participant: str
    profile_name: str | None
    profile: Profile | None
    session: SessionLength
    plan: list[PlanRow]
    plan_low: float
    plan_high: float
    plan_verdict: str
    coverage: list[CoverageRow]
    other_sections: list[tuple[str, int]]
    objectives: list[ObjectiveRow] | None
    unknown_objectives: list[tuple[str, int]]
    sections: list[SectionView]
    whole_guide: list[Diagnostic]
    #: where findings without a line sit (the front matter or the title); they show no location
    anchor_line: int | None
    diagnostics: list[Diagnostic]
    checklist: list[str]

    @property
    def question_count(self) -> int:
        return sum(1 for s in self.sections for i in s.items if i.kind == "question" and i.number)

    @property
    def severity_counts(self) -> Counter:
        return Counter(d.severity for d in self.diagnostics)


def minutes(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


def span_text(low: float | None, high: float | None) -> str:
    if low is None:
        return ""
    return f"{minutes(low)} min" if low == high or high is None else f"{minutes(low)}–{minutes(high)} min"


def box_text(section: Section) -> str:
    box = section.timebox
    if box is None:
        return ""
    if box.placeholder or box.low is None:
        return f"placeholder: {box.text.strip(' ()[]-–') or box.raw.strip()}"
    text = span_text(box.low, box.high)
    return f"optional, up to {text}" if section.optional else text


def build_review(guide: Guide, diagnostics: list[Diagnostic], settings: Settings | None = None,
                 *, cli: Settings | None = None) -> Review:
    """Everything a review copy shows, computed once for both formats."""
    effective = settings_for_guide(guide, settings or Settings(), cli)
    profile = get_profile(effective.profile)
    session = session_length(guide, effective, profile)
    items = time_plan(guide)
    low, high, _ = plan_total(items)
    sections = _section_views(guide, profile)
    whole = _place_findings(guide, sections, diagnostics)
    objectives, unknown = _objectives(guide)
    coverage, others = _coverage(guide, profile)
    review = Review(
        path=guide.path,
        title=guide.title or Path(guide.path).name,
        participant=_participant(guide),
        profile_name=effective.profile,
        profile=profile,
        session=session,
        plan=_plan_rows(items, session.minutes),
        plan_low=low,
        plan_high=high,
        plan_verdict=_verdict(items, session, profile),
        coverage=coverage,
        other_sections=others,
        objectives=objectives,
        unknown_objectives=unknown,
        sections=sections,
        whole_guide=whole,
        anchor_line=guide.front_matter.span.line if guide.front_matter else _title_line(guide),
        diagnostics=sorted(diagnostics, key=Diagnostic.sort_key),
        checklist=[],
    )
    review.checklist = _checklist(review)
    return review


def _participant(guide: Guide) -> str:
    value = guide.meta.get("participant")
    if isinstance(value, (str, int, float)) and str(value).strip():
        return " ".join(str(value).split())
    return ""


def _plan_rows(items: list[PlanItem], length: float | None) -> list[PlanRow]:
    rows: list[PlanRow] = []

    def add(item: PlanItem, depth: int, start: float, running: str) -> None:
        over = length is not None and item.low is not None and start + item.low > length
        rows.append(PlanRow(item.section.title, depth, box_text(item.section) or _derived(item), running,
                            item.section.span.line, start if item.low is not None else None,
                            item.low, item.high, over, depth == 0 and item.section.participant_facing))
        child_start = start
        for child in item.children:
            add(child, depth + 1, child_start, "")
            child_start += child.low or 0

    run_low = run_high = 0.0
    for item in items:
        start = run_low
        if item.low is not None:
            run_low += item.low
            run_high += item.high if item.high is not None else item.low
        add(item, 0, start, span_text(run_low, run_high) or "0 min")
    return rows


def _derived(item: PlanItem) -> str:
    if item.section.timebox is None and item.low is not None:
        return f"{span_text(item.low, item.high)} (its subsections)"
    return "no time box"


def _verdict(items: list[PlanItem], session: SessionLength, profile: Profile | None) -> str:
    low, high, counted = plan_total(items)
    length = session.minutes
    if counted == 0:
        return "No section has a time box yet."
    if length is None:
        return f"The time boxes add up to {span_text(low, high)}; no session length is set."
    ratio = float(profile.limit("under-budget-ratio", 0.8)) if profile else 0.8
    if low > length:
        return f"Over time: the boxes need at least {minutes(low)} min of a {session.label} session."
    if high < session.low * ratio and not session.at_most:
        return f"Room to spare: the boxes add up to {span_text(low, high)} of a {session.label} session."
    if low == high == length:
        return f"Fits exactly: {minutes(low)} min of a {session.label} session."
    return f"Fits: {span_text(low, high)} of a {session.label} session."


def _coverage(guide: Guide, profile: Profile | None) -> tuple[list[CoverageRow], list[tuple[str, int]]]:
    if profile is None:
        return [], []
    found: dict[str, list[tuple[str, int]]] = {e.id: [] for e in profile.sections}
    others: list[tuple[str, int]] = []
    for section in guide.iter_sections():
        if section.heading is None or not section.participant_facing:
            continue
        expected = profile.section_for(section.title)
        if expected is not None:
            found[expected.id].append((section.title, section.heading.span.line))
        elif section.questions or section.is_task:
            others.append((section.title, section.heading.span.line))
    return [CoverageRow(e, found[e.id]) for e in profile.sections], others


def _objectives(guide: Guide) -> tuple[list[ObjectiveRow] | None, list[tuple[str, int]]]:
    from guidelint.checks.objectives import declared_objectives, references

    declared = declared_objectives(guide)
    covered: dict[str, list[tuple[str, int]]] = {}
    for section in guide.iter_sections():
        for attribute in section.heading.attributes if section.heading else ():
            for ref in references(guide, attribute):
                covered.setdefault(ref.id, []).append((f"questions under ‘{section.title}’", ref.span.line))
        for block in section.questions:
            for question in block.walk():
                for attribute in question.attributes:
                    for ref in references(guide, attribute):
                        covered.setdefault(ref.id, []).append((question.text, question.span.line))
    unknown = [(ref_id, uses[0][1]) for ref_id, uses in covered.items() if ref_id not in (declared or {})]
    if declared is None:
        return None, unknown
    return [ObjectiveRow(obj_id, text, covered.get(obj_id, [])) for obj_id, text in declared.items()], unknown


def _section_views(guide: Guide, profile: Profile | None) -> list[SectionView]:
    views: list[SectionView] = []
    number = 0
    for section in guide.iter_sections():
        if not section.blocks and (section.heading is None or (section.children and section.timebox is None)):
            continue  # nothing to read here: the preamble when empty, a title that only holds sections
        view = SectionView(
            title=section.title if section.heading else "Before the first heading",
            level=section.level,
            line=section.heading.span.line if section.heading else section.span.line,
            heading=section.heading is not None,
            box=box_text(section),
            participant_facing=section.participant_facing,
            expected=_new_expected(section, profile),
        )
        for block in section.blocks:
            item = _item(block)
            if item is None:
                continue
            if item.kind == "question" and section.participant_facing:
                number += 1
                item.number = number
            view.items.append(item)
        views.append(view)
    return views


def _new_expected(section: Section, profile: Profile | None) -> ExpectedSection | None:
    """The profile's section this heading matches, unless its parent already matches the same one."""
    if profile is None or section.heading is None:
        return None
    expected = profile.section_for(section.title)
    parent = section.parent
    if expected is not None and parent is not None and parent.heading is not None:
        if profile.section_for(parent.title) is expected:
            return None
    return expected


# How a question-shaped line the line roles do not count as a question is shown.
_ROLE_ITEM = {Role.TASK: "prompt", Role.ASSIST: "note", Role.LOGISTICS: "script", Role.OBSERVER: "note",
              Role.DEBRIEF: "note", Role.MATERIAL: "text", Role.NOTE: "note", Role.OPTIONS: "text"}


def _item(block) -> Item | None:
    if isinstance(block, Question):
        if block.role not in ASKED_ROLES:  # a task, a consent check, an observer's check
            return Item(_ROLE_ITEM.get(block.role, "text"), block.text, block.span.line, _lines(block))
        return _question_item(block, "question")
    if isinstance(block, Task):
        if block.kind == "heading":  # already the section's title; its findings go on the section
            return None
        kind = "prompt" if block.kind == "prompt" else "scenario"
        return Item(kind, block.text, block.span.line, _lines(block))
    if isinstance(block, Note):
        if block.kind == "comment":  # HTML comments are never shown when the guide is read
            return None
        kind = "script" if block.kind == "blockquote" else "note"
        return Item(kind, block.text, block.span.line, _lines(block))
    if isinstance(block, Text):
        return Item("text", block.text, block.span.line, _lines(block)) if block.text.strip() else None
    return None


def _lines(*nodes) -> tuple[int, ...]:
    return tuple(line for node in nodes for line in range(node.span.line, node.span.end_line + 1))


# Deeper follow-ups are shown flat at this depth: a reviewer needs the probes, not 1,000 levels.
MAX_PROBE_DEPTH = 12


def _question_item(question: Question, kind: str, depth: int = 0) -> Item:
    objectives = [v.strip() for value in question.attribute("objective") for v in value.split(",") if v.strip()]
    asides = [n.text for n in question.notes] + [o.text for o in question.options]
    item = Item(kind, question.text, question.span.line, _lines(question, *question.notes, *question.options),
                objectives=objectives, asides=asides)
    if depth < MAX_PROBE_DEPTH:
        item.probes = [_question_item(probe, "probe", depth + 1) for probe in question.probes]
    else:
        item.probes = [_flat_item(deeper) for deeper in list(question.walk())[1:]]
    return item


def _flat_item(question: Question) -> Item:
    objectives = [v.strip() for value in question.attribute("objective") for v in value.split(",") if v.strip()]
    return Item("probe", question.text, question.span.line, _lines(question, *question.notes, *question.options),
                objectives=objectives, asides=[n.text for n in question.notes] + [o.text for o in question.options])


def _place_findings(guide: Guide, sections: list[SectionView], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Put each finding on the item (or heading) that holds its line; return those left over."""
    by_line: dict[int, Item | SectionView] = {}
    for view in sections:
        for item in view.items:
            for part in reversed(list(item.walk())):  # a probe's own lines before its question's
                for line in part.lines:
                    by_line.setdefault(line, part)
        if view.heading:  # a heading that is itself a question keeps its findings on the question
            by_line.setdefault(view.line, view)
    title_line = _title_line(guide)
    whole: list[Diagnostic] = []
    for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
        target = by_line.get(diagnostic.span.line)
        # an insertion point on an item is where something missing goes (the close after the
        # last question): a finding about the guide, not about that item
        at_item_end = diagnostic.span.start == diagnostic.span.end and isinstance(target, Item)
        if target is None or diagnostic.span.line == title_line or at_item_end:
            whole.append(diagnostic)
        else:
            target.findings.append(diagnostic)
    return whole


def _title_line(guide: Guide) -> int | None:
    """Findings without a line sit on the first heading when there is no front matter."""
    if guide.front_matter is not None:
        return None
    for section in guide.iter_sections():
        if section.heading is not None:
            return section.heading.span.line
    return None


def _checklist(review: Review) -> list[str]:
    items = [
        "Does the order feel natural: easy, broad questions first, narrower and more personal ones later?",
        "Is anything missing for the objectives? Which question would you add, and where?",
        "Is there a question you would not want to be asked, or one that hints at the answer we hope for?",
        "Would the participant understand every question without our internal words and jargon?",
    ]
    length = review.session.minutes
    items.append(f"Does the time feel right for each section and for the whole {review.session.label} session?"
                 if length else "How long should this session be, and does each section get enough time?")
    items.append("Does the intro say who we are, ask to record, and say how the answers will be used?")
    if review.profile is not None and review.profile.requires_approval:
        items.append("Does the intro promise that the customer approves the story before anything is published?")
    uncovered = [row.id for row in review.objectives or [] if not row.covered_by]
    if uncovered:
        items.append(f"No question covers {', '.join(uncovered)} yet: should it be covered or dropped?")
    if review.diagnostics:
        items.append("Do you agree with the findings beside the questions, or should some questions stay as written?")
    items.append("If the session ran short, which question would you cut first?")
    return items


# ---- shared wording -----------------------------------------------------------------------

_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


def findings_summary(review: Review) -> str:
    counts = review.severity_counts
    if not counts:
        return "none"
    return ", ".join(_plural(counts[s], str(s)) for s in _SEVERITY_ORDER if counts[s])


def _duration(review: Review) -> tuple[str, str]:
    session = review.session
    if session.minutes is None:
        return "not set", "add duration: to the front matter"
    return session.label, f"from {session.source}"


def _profile_label(review: Review) -> str:
    if review.profile is not None:
        return f"{review.profile.title} ({review.profile.name})"
    if review.profile_name:
        return f"{review.profile_name} (unknown profile; general rules only)"
    return "none (general rules only)"


def _probe_count(review: Review) -> int:
    return sum(1 for s in review.sections for i in s.items for p in i.walk() if p.kind == "probe")


def _language(guide: Guide) -> str:
    value = guide.meta.get("language")
    if isinstance(value, str) and value.replace("-", "").replace("_", "").isalnum() and len(value) <= 20:
        return value.replace("_", "-")
    return "en"


def _where(diagnostic: Diagnostic) -> str:
    return f"line {diagnostic.span.line}"


# ---- HTML ---------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; --soft: #f6f8fa; --accent: #0b5cad;
  --error: #b42318; --error-bg: #fef3f2; --warning: #9a4d00; --warning-bg: #fff6e0;
  --info: #175cd3; --info-bg: #eef4ff; --ok: #1a7f37; --ok-bg: #eaf7ee; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 2.5rem 2rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 1.2rem; }
h2 { font-size: 1.3rem; margin: 2.6rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.08rem; margin: 1.8rem 0 0.6rem; display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem; }
h4, h5 { font-size: 1rem; margin: 1.4rem 0 0.5rem; display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem; }
h5 { font-size: 0.9rem; margin: 0.9rem 0 0.4rem; color: var(--muted); }
p { margin: 0.4rem 0; }
code, .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.85em; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.78rem; color: var(--muted); margin: 0; }
.muted { color: var(--muted); }
.small { font-size: 0.85rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.6rem 1.5rem; margin: 0 0 1rem;
  padding: 1rem 1.2rem; background: var(--soft); border: 1px solid var(--rule); border-radius: 6px; }
.facts dt { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.facts dd { margin: 0.1rem 0 0; font-weight: 600; }
.facts dd .muted { font-weight: 400; display: block; font-size: 0.85rem; }
.facts .wide { grid-column: 1 / -1; }
table { width: 100%; border-collapse: collapse; margin: 0.6rem 0; font-size: 0.95rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--rule); }
th { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); border-bottom: 2px solid var(--rule); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: none; }
tr.sub td:first-child { padding-left: 1.8rem; color: var(--muted); }
tr.over td.num { color: var(--error); }
.warn-text { color: var(--warning); }
th.timeline { width: 32%; }
.track { position: relative; display: block; height: 0.8rem; margin-top: 0.35rem; background: var(--soft);
  border: 1px solid var(--rule); border-radius: 2px; }
.track .bar { position: absolute; top: 0; bottom: 0; background: #4a86c5; }
tr.sub .track .bar { background: #a9c7e6; }
.track .bar.over { background: var(--error); }
.track .bar.extra { background: repeating-linear-gradient(45deg, #a9c7e6 0 3px, #fff 3px 6px); }
.track .end { position: absolute; top: -0.25rem; bottom: -0.25rem; border-left: 2px solid var(--error); }
.verdict { display: inline-block; padding: 0.35rem 0.7rem; border-radius: 4px; border-left: 4px solid var(--ok);
  background: var(--ok-bg); font-weight: 600; }
.verdict.over { border-color: var(--error); background: var(--error-bg); }
.verdict.under, .verdict.unknown { border-color: var(--warning); background: var(--warning-bg); }
.status { font-weight: 600; white-space: nowrap; }
.status.ok { color: var(--ok); }
.status.missing { color: var(--error); }
.status.optional { color: var(--muted); font-weight: 400; }
.tag { display: inline-block; font-size: 0.75rem; padding: 0 0.45rem; border-radius: 999px; border: 1px solid var(--rule);
  color: var(--muted); background: #fff; font-weight: 400; white-space: nowrap; }
.tag.objective { border-color: #b6d0f2; color: var(--accent); }
.box { font-size: 0.85rem; font-weight: 600; color: var(--accent); }
.part { margin-top: 0.4rem; }
.part.observer h3::after { content: "for observers, not asked"; font-size: 0.75rem; font-weight: 400; color: var(--muted); }
.item { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.2rem; padding: 0.7rem 0;
  border-top: 1px solid var(--rule); }
.item > .wide { grid-column: 1 / -1; max-width: 46rem; }
.item.quiet { padding: 0.35rem 0 0.35rem 0.6rem; border-left: 3px solid transparent; border-top: none; }
.item.question { padding-left: 0.6rem; border-left: 3px solid transparent; }
.item.flag-error { border-left-color: var(--error); }
.item.flag-warning { border-left-color: var(--warning); }
.item.flag-info { border-left-color: var(--info); }
.qhead { display: grid; grid-template-columns: 2.4rem 1fr; }
.qtext { margin: 0; font-weight: 600; }
.num-label { color: var(--muted); font-weight: 600; font-variant-numeric: tabular-nums; }
.line { color: var(--muted); font-size: 0.75rem; font-weight: 400; margin-left: 0.35rem; white-space: nowrap; }
.probes { margin: 0.35rem 0 0 2.4rem; padding: 0; list-style: none; }
.probes .probes, .probes .asides { margin-left: 1rem; }
.probes li { margin: 0.2rem 0; padding-left: 1rem; position: relative; }
.probes li::before { content: "↳"; position: absolute; left: 0; color: var(--muted); }
.probes li.flagged { text-decoration: underline wavy var(--warning); text-underline-offset: 3px; }
.asides { margin: 0.25rem 0 0 2.4rem; color: var(--muted); font-size: 0.9rem; font-style: italic; }
.script { margin: 0; padding: 0.1rem 0 0.1rem 0.9rem; border-left: 3px solid var(--rule); color: #3d444d; }
.text { margin: 0; }
.note { margin: 0; color: var(--muted); font-style: italic; font-size: 0.92rem; }
.task { margin: 0; padding: 0.35rem 0.6rem; border: 1px dashed #9aa6b2; border-radius: 4px; }
.task b { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin-right: 0.4rem; }
.findings, .covered { list-style: none; margin: 0; padding: 0; }
.finding { margin: 0 0 0.5rem; padding: 0.4rem 0.6rem; border-left: 4px solid; border-radius: 3px; font-size: 0.88rem; }
.finding.error { border-color: var(--error); background: var(--error-bg); }
.finding.warning { border-color: var(--warning); background: var(--warning-bg); }
.finding.info { border-color: var(--info); background: var(--info-bg); }
.finding .head { display: block; font-size: 0.75rem; margin-bottom: 0.1rem; }
.finding .sev { font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; }
.finding.error .sev { color: var(--error); }
.finding.warning .sev { color: var(--warning); }
.finding.info .sev { color: var(--info); }
.finding .rule { color: var(--muted); }
.finding .on { display: block; color: var(--muted); font-style: italic; }
.finding .try { display: block; margin-top: 0.15rem; }
.counts .sev-count { font-weight: 700; }
.counts .error { color: var(--error); }
.counts .warning { color: var(--warning); }
.counts .info { color: var(--info); }
.clean { color: var(--ok); }
.checklist { list-style: none; padding: 0; margin: 0.5rem 0; }
.checklist li { display: grid; grid-template-columns: 1.6rem 1fr; padding: 0.55rem 0; border-bottom: 1px solid var(--rule); }
.checklist li::before { content: "☐"; font-size: 1.15rem; line-height: 1.2; }
.checklist .answer { grid-column: 2; height: 2.2rem; border-bottom: 1px dotted var(--rule); }
footer { margin-top: 3rem; padding-top: 0.8rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.8rem; }
@media screen and (max-width: 700px) {
  main { padding: 1.2rem 1rem 2rem; }
  .item { grid-template-columns: 1fr; gap: 0.4rem; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  h3, h4, h5 { break-after: avoid; }
  #guide, #checklist { break-before: page; }
  .item, .finding, tr, .checklist li, .facts { break-inside: avoid; }
  .facts, .finding, .verdict, .track, .tag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .checklist .answer { height: 3rem; }
  footer { margin-top: 1.5rem; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_review_html(guide: Guide, diagnostics: list[Diagnostic], settings: Settings | None = None,
                       *, cli: Settings | None = None, review: Review | None = None) -> str:
    """The review copy as one self-contained HTML page (inline CSS; no scripts or external assets)."""
    r = review or build_review(guide, diagnostics, settings, cli=cli)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(_language(guide))}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="guidelint {_e(__version__)}">',
        f"<title>Review copy: {_e(r.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        _html_header(r),
        _html_whole_guide(r),
        _html_plan(r),
        _html_coverage(r),
        _html_objectives(r),
        _html_guide(r),
        _html_checklist(r),
        f'<footer>Review copy of <code>{_e(r.path)}</code>, made by guidelint {_e(__version__)}. '
        "Findings are suggestions from the linter; the author decides what to change.</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _html_counts(r: Review) -> str:
    counts = r.severity_counts
    if not counts:
        return '<span class="clean">none</span>'
    return ", ".join(f'<span class="sev-count {s}">{_e(_plural(counts[s], str(s)))}</span>'
                     for s in _SEVERITY_ORDER if counts[s])


def _html_header(r: Review) -> str:
    length, source = _duration(r)
    participant = _e(r.participant) if r.participant else '<span class="muted">not stated in the front matter</span>'
    facts = [
        ("Participant", participant, "wide"),
        ("Duration", f'{_e(length)} <span class="muted">{_e(source)}</span>', ""),
        ("Profile", _e(_profile_label(r)), ""),
        ("Questions", f"{r.question_count} <span class=\"muted\">with {_e(_plural(_probe_count(r), 'probe'))}</span>", ""),
        ("Findings", f'<span class="counts">{_html_counts(r)}</span>', ""),
    ]
    rows = "".join(f'<div class="{cls}"><dt>{name}</dt><dd>{value}</dd></div>' for name, value, cls in facts)
    return (
        '<header>'
        '<p class="eyebrow">Discussion guide · review copy</p>'
        f"<h1>{_e(r.title)}</h1>"
        f'<dl class="facts">{rows}</dl>'
        '<p class="small muted">Please read the guide as if you were the participant, then answer the checklist '
        "at the end. guidelint's findings sit beside the question they concern.</p>"
        "</header>"
    )


def _html_finding(d: Diagnostic, on: str | None = None, *, located: bool = True) -> str:
    sev = str(d.severity)
    where = f" · {_e(_where(d))}" if located else ""
    target = f'<span class="on">on “{_e(on)}”</span>' if on else ""
    suggestion = f'<span class="try">Try: {_e(d.suggestion)}</span>' if d.suggestion else ""
    return (
        f'<li class="finding {sev}"><span class="head"><span class="sev">{sev}</span> '
        f'<span class="rule code">{_e(d.code)} {_e(d.name)}{where}</span></span>'
        f"{target}{_e(d.message)}{suggestion}</li>"
    )


def _html_whole_guide(r: Review) -> str:
    body = (f'<ul class="findings">{"".join(_html_finding(d, located=d.span.line != r.anchor_line) for d in r.whole_guide)}</ul>' if r.whole_guide
            else '<p class="clean">No findings about the guide as a whole.</p>')
    return f'<section id="whole-guide"><h2>Whole guide</h2>{body}</section>'


def _html_plan(r: Review) -> str:
    verdict_class = ("over" if r.plan_verdict.startswith("Over") else
                     "under" if r.plan_verdict.startswith("Room") else
                     "unknown" if r.plan_verdict.startswith(("No ", "The time")) else "ok")
    length, source = _duration(r)
    scale = max(r.session.minutes or 0, r.plan_high, r.plan_low, 1.0)
    rows = []
    for row in r.plan:
        classes = " ".join(c for c in ("sub" if row.depth else "", "over" if row.over else "") if c)
        cls = f' class="{classes}"' if classes else ""
        indent = "&nbsp;&nbsp;&nbsp;" * max(row.depth - 1, 0)
        if row.low is not None:
            box = _e(row.box)
        elif row.needs_box or row.box != "no time box":
            box = f'<span class="warn-text">{_e(row.box)}</span>'
        else:
            box = '<span class="muted">—</span>'
        rows.append(f"<tr{cls}><td>{indent}{_e(row.title)} <span class=\"line\">line {row.line}</span></td>"
                    f'<td class="num">{box}</td><td class="num">{_e(row.running)}</td>'
                    f"<td>{_html_bar(row, r.session.minutes, scale)}</td></tr>")
    rows.append(f'<tr class="total"><td>Total</td><td class="num">{_e(span_text(r.plan_low, r.plan_high) or "0 min")}</td>'
                f'<td class="num">session {_e(length)}</td><td></td></tr>')
    table = ('<table class="plan"><thead><tr><th>Section</th><th class="num">Time box</th>'
             f'<th class="num">Running total</th><th class="timeline">Across the session</th></tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>'
             if r.plan else '<p class="muted">The guide has no sections with headings yet.</p>')
    return (f'<section id="time-plan"><h2>Time plan</h2><p class="verdict {verdict_class}">{_e(r.plan_verdict)}</p>'
            f'<p class="small muted">Session length {_e(length)}, {_e(source)}. A subsection’s box is part of '
            f"its parent’s, so only top-level sections add to the running total.</p>{table}</section>")


def _html_bar(row: PlanRow, length: float | None, scale: float) -> str:
    """Where the section sits on the session's clock: a bar on a track the length of the session."""
    def pct(value: float) -> str:
        return f"{100 * value / scale:.2f}%"

    parts = []
    if row.start is not None and row.low is not None:
        end = row.start + row.low
        fits = end if length is None else max(min(end, length), row.start)
        if fits > row.start:
            parts.append(f'<span class="bar" style="left:{pct(row.start)};width:{pct(fits - row.start)}"></span>')
        if end > fits:  # the part past the end of the session
            parts.append(f'<span class="bar over" style="left:{pct(fits)};width:{pct(end - fits)}"></span>')
        if row.high is not None and row.high > row.low:
            parts.append(f'<span class="bar extra" style="left:{pct(row.start + row.low)};'
                         f'width:{pct(row.high - row.low)}"></span>')
    if length is not None and length < scale:
        parts.append(f'<span class="end" style="left:{pct(length)}"></span>')
    return f'<span class="track" aria-hidden="true">{"".join(parts)}</span>'


def _one_of(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _html_coverage(r: Review) -> str:
    if r.profile is None:
        what = (f"The profile ‘{_e(r.profile_name)}’ is not one guidelint knows" if r.profile_name
                else "The guide names no profile")
        return (f'<section id="coverage"><h2>Sections the profile expects</h2><p class="muted">{what}, so there '
                "are no expected sections to compare with. Add <code>profile:</code> to the front matter "
                f"({_e(_one_of(sorted(all_profiles())))}).</p></section>")
    rows = []
    for row in r.coverage:
        if row.found:
            status = '<span class="status ok">✓ present</span>'
            found = "; ".join(f"{_e(t)} <span class=\"line\">line {line}</span>" for t, line in row.found)
        else:
            status = ('<span class="status missing">✗ missing</span>' if row.expected.required
                      else '<span class="status optional">optional, not present</span>')
            found = '<span class="muted">—</span>'
        rows.append(f"<tr><td>{_e(row.expected.title)}</td><td>{status}</td><td>{found}</td></tr>")
    others = ""
    if r.other_sections:
        listed = ", ".join(f"{_e(t)} <span class=\"line\">line {line}</span>" for t, line in r.other_sections)
        others = f'<p class="small">Other sections with questions (core topics): {listed}</p>'
    present = sum(1 for row in r.coverage if row.found)
    return (f'<section id="coverage"><h2>Sections the profile expects</h2>'
            f'<p class="small muted">{present} of {len(r.coverage)} sections of the {_e(r.profile.title.lower())} '
            f"profile are present, matched by their headings.</p>"
            '<table class="coverage"><thead><tr><th>Expected section</th><th>Status</th><th>In this guide</th></tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table>{others}</section>')


def _html_objectives(r: Review) -> str:
    unknown = ""
    if r.unknown_objectives:
        listed = ", ".join(f"<code>{_e(i)}</code> (line {line})" for i, line in r.unknown_objectives)
        unknown = f'<p class="small">Questions point at objectives the front matter does not declare: {listed}.</p>'
    if r.objectives is None:
        return ('<section id="objectives"><h2>Objectives</h2><p class="muted">The front matter declares no '
                "objectives, so there is nothing to check the questions against. List what the interview must "
                "learn under <code>objectives:</code> and mark questions with <code>{objective=id}</code>.</p>"
                f"{unknown}</section>")
    rows = []
    for row in r.objectives:
        if row.covered_by:
            covered = "<ul class=\"covered\">" + "".join(
                f"<li>{_e(text)} <span class=\"line\">line {line}</span></li>" for text, line in row.covered_by) + "</ul>"
        else:
            covered = '<span class="status missing">No question covers this yet</span>'
        rows.append(f"<tr><td><code>{_e(row.id)}</code></td><td>{_e(row.text)}</td><td>{covered}</td></tr>")
    covered_count = sum(1 for row in r.objectives if row.covered_by)
    return ('<section id="objectives"><h2>Objectives</h2>'
            f'<p class="small muted">{covered_count} of {len(r.objectives)} objectives have a question that covers them.</p>'
            '<table class="objectives"><thead><tr><th>Objective</th><th>What the interview must learn</th>'
            f'<th>Questions that cover it</th></tr></thead><tbody>{"".join(rows)}</tbody></table>{unknown}</section>')


def _html_item(item: Item) -> str:
    if item.kind == "question":
        number = f"Q{item.number}" if item.number else "·"
        tags = "".join(f' <span class="tag objective">{_e(o)}</span>' for o in item.objectives)
        body = (f'<div class="qhead"><span class="num-label">{number}</span><p class="qtext">{_e(item.text)}{tags}'
                f'<span class="line">line {item.line}</span></p></div>')
        if item.asides:
            body += "".join(f'<p class="asides">{_e(a)}</p>' for a in item.asides)
        if item.probes:
            body += f'<ul class="probes">{"".join(_html_probe(p) for p in item.probes)}</ul>'
        findings = [(d, None) for d in item.findings] + [
            (d, probe.text) for probe in item.probes for part in probe.walk() for d in part.findings]
        aside = (f'<ul class="findings">{"".join(_html_finding(d, on) for d, on in findings)}</ul>'
                 if findings else "")
        worst = max((d.severity for d, _ in findings), default=None)
        flag = f" flag-{worst}" if worst is not None else ""
        return f'<div class="item question{flag}">{_columns(body, aside)}</div>'
    if item.kind in ("scenario", "prompt"):
        body = f'<p class="task"><b>{item.kind}</b>{_e(item.text)}</p>'
    else:
        body = f'<p class="{item.kind}">{_e(item.text)}</p>'
    aside = f'<ul class="findings">{"".join(_html_finding(d) for d in item.findings)}</ul>' if item.findings else ""
    return f'<div class="item quiet kind-{item.kind}">{_columns(body, aside)}</div>'


def _columns(body: str, aside: str) -> str:
    """The item on the left, its findings on the right; without findings the item takes the row."""
    return f"<div>{body}</div><div>{aside}</div>" if aside else f'<div class="wide">{body}</div>'


def _html_probe(probe: Item) -> str:
    flagged = ' class="flagged"' if probe.findings else ""
    tags = "".join(f' <span class="tag objective">{_e(o)}</span>' for o in probe.objectives)
    nested = f'<ul class="probes">{"".join(_html_probe(p) for p in probe.probes)}</ul>' if probe.probes else ""
    asides = "".join(f'<p class="asides">{_e(a)}</p>' for a in probe.asides)
    return f"<li{flagged}>{_e(probe.text)}{tags}{asides}{nested}</li>"


def _html_guide(r: Review) -> str:
    parts = ['<section id="guide"><h2>The guide, question by question</h2>'
             '<p class="small muted">Questions are numbered in the order they are asked; findings sit on the right.</p>']
    for view in r.sections:
        cls = "part" if view.participant_facing else "part observer"
        level = "h3" if view.level <= 2 else "h4" if view.level == 3 else "h5"
        box = f' <span class="box">{_e(view.box)}</span>' if view.box else ""
        expected = (f' <span class="tag">profile: {_e(view.expected.title)}</span>'
                    if view.expected and view.expected.title.lower() != view.title.lower() else "")
        parts.append(f'<section class="{cls}"><{level}>{_e(view.title)}{box}{expected}'
                     f'<span class="line">line {view.line}</span></{level}>')
        if view.findings:
            parts.append(f'<div class="item quiet"><div class="muted small">About this section</div>'
                         f'<div><ul class="findings">{"".join(_html_finding(d) for d in view.findings)}</ul></div></div>')
        parts.extend(_html_item(item) for item in view.items)
        parts.append("</section>")
    parts.append("</section>")
    return "".join(parts)


def _html_checklist(r: Review) -> str:
    items = "".join(f'<li><span>{_e(text)}</span><span class="answer"></span></li>' for text in r.checklist)
    return ('<section id="checklist"><h2>Checklist for the reviewer</h2>'
            '<p class="small muted">Note your answers here or in your reply to the author.</p>'
            f'<ul class="checklist">{items}</ul></section>')


# ---- Markdown -----------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?=#?\w+;)")


def _md(text: object) -> str:
    """Guide text inside Markdown: no raw HTML or entities, no line breaks that would end a list item."""
    return " ".join(_ENTITY.sub("&amp;", str(text)).replace("<", "&lt;").replace(">", "&gt;").split())


def _cell(text: object) -> str:
    return _md(text).replace("|", "\\|")


def _md_finding(d: Diagnostic, on: str | None = None, *, located: bool = True) -> str:
    target = f" on “{_md(on)}”" if on else ""
    where = f" ({_where(d)})" if located else ""
    suggestion = f" Try: {_md(d.suggestion)}" if d.suggestion else ""
    return (f"**{str(d.severity).upper()}** `{d.code}` {d.name}{where}{target}: "
            f"{_md(d.message)}{suggestion}")


def render_review_markdown(guide: Guide, diagnostics: list[Diagnostic], settings: Settings | None = None,
                           *, cli: Settings | None = None, review: Review | None = None) -> str:
    """The review copy as Markdown, for a pull request, a wiki page or an email."""
    r = review or build_review(guide, diagnostics, settings, cli=cli)
    length, source = _duration(r)
    out = [f"# Review copy: {_md(r.title)}", "",
           "| | |", "|---|---|",
           f"| Participant | {_cell(r.participant) or '_not stated in the front matter_'} |",
           f"| Duration | {_cell(length)} ({_cell(source)}) |",
           f"| Profile | {_cell(_profile_label(r))} |",
           f"| Questions | {r.question_count} (with {_plural(_probe_count(r), 'probe')}) |",
           f"| Findings | {findings_summary(r)} |", "",
           "Please read the guide as if you were the participant, then answer the checklist at the end. "
           "guidelint's findings sit under the question they concern.", ""]
    out += ["## Whole guide", ""]
    out += [f"- {_md_finding(d, located=d.span.line != r.anchor_line)}" for d in r.whole_guide] or ["No findings about the guide as a whole."]
    out += ["", "## Time plan", "", f"**{_md(r.plan_verdict)}** Session length {length}, {_md(source)}.", ""]
    if r.plan:
        out += ["| Section | Time box | Running total |", "|---|---:|---:|"]
        for row in r.plan:
            title = ("↳ " if row.depth else "") + _cell(row.title)
            out.append(f"| {title} (line {row.line}) | {_cell(row.box) or 'no time box'} | {_cell(row.running)} |")
        out.append(f"| **Total** | **{span_text(r.plan_low, r.plan_high) or '0 min'}** | session {length} |")
    out += ["", "## Sections the profile expects", ""]
    if r.profile is None:
        out.append("No known profile, so there are no expected sections to compare with.")
    else:
        out += ["| Expected section | Status | In this guide |", "|---|---|---|"]
        for row in r.coverage:
            status = "✓ present" if row.found else ("✗ missing" if row.expected.required else "optional, not present")
            found = "; ".join(f"{_cell(t)} (line {line})" for t, line in row.found) or "—"
            out.append(f"| {_cell(row.expected.title)} | {status} | {found} |")
        if r.other_sections:
            out += ["", "Other sections with questions (core topics): "
                    + ", ".join(f"{_md(t)} (line {line})" for t, line in r.other_sections)]
    out += ["", "## Objectives", ""]
    if r.objectives is None:
        out.append("The front matter declares no objectives.")
    for row in r.objectives or []:
        out.append(f"- **{_md(row.id)}**: {_md(row.text)}")
        out += [f"  - {_md(text)} (line {line})" for text, line in row.covered_by] or ["  - _No question covers this yet._"]
    if r.unknown_objectives:
        out += ["", "Undeclared objectives named by questions: "
                + ", ".join(f"`{_md(i)}` (line {line})" for i, line in r.unknown_objectives)]
    out += ["", "## The guide, question by question", ""]
    for view in r.sections:
        hashes = "###" if view.level <= 2 else "####" if view.level == 3 else "#####"
        box = f" ({_md(view.box)})" if view.box else ""
        who = "" if view.participant_facing else " _(for observers, not asked)_"
        out += [f"{hashes} {_md(view.title)}{box}{who}", ""]
        out += [f"> {_md_finding(d)}" for d in view.findings]
        if view.findings:
            out.append("")
        for item in view.items:
            out += _md_item(item)
        out.append("")
    out += ["## Checklist for the reviewer", ""]
    out += [f"- [ ] {_md(text)}" for text in r.checklist]
    out += ["", f"_Review copy of `{r.path}`, made by guidelint {__version__}._", ""]
    return "\n".join(out)


def _md_item(item: Item) -> list[str]:
    if item.kind != "question":
        prefix = f"**{item.kind.capitalize()}:** " if item.kind in ("scenario", "prompt") else ""
        shown = {"note": f"_{_md(item.text)}_", "text": _md(item.text)}.get(item.kind, f"> {prefix}{_md(item.text)}")
        lines = [shown, ""]
        return lines + [f"- {_md_finding(d)}" for d in item.findings] + ([""] if item.findings else [])
    label = f"Q{item.number}." if item.number else "-"
    tags = "".join(f" `{_md(o)}`" for o in item.objectives)
    lines = [f"{label} **{_md(item.text)}**{tags} (line {item.line})"]
    lines += [f"   - _{_md(a)}_" for a in item.asides]
    for probe in item.probes:
        lines += _md_probe(probe, 1)
    findings = [(d, None) for d in item.findings] + [
        (d, probe.text) for probe in item.probes for part in probe.walk() for d in part.findings]
    lines += [f"   > {_md_finding(d, on)}" for d, on in findings]
    return lines + [""]


def _md_probe(probe: Item, depth: int) -> list[str]:
    indent = "   " * depth
    tags = "".join(f" `{_md(o)}`" for o in probe.objectives)
    lines = [f"{indent}- {_md(probe.text)}{tags}"]
    lines += [f"{indent}  _{_md(a)}_" for a in probe.asides]
    for child in probe.probes:
        lines += _md_probe(child, depth + 1)
    return lines


# ---- writing a review copy ----------------------------------------------------------------

def review_format(out_path: Path | None, fmt: str | None = None, *, word_guide: bool = False) -> str:
    """``fmt`` when given, else from the output's suffix (.md or .markdown: Markdown, .docx:
    Word), else Word for a Word guide and HTML for the rest."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown review format '{fmt}'; use html, md or docx")
        return fmt
    suffix = out_path.suffix.lower() if out_path is not None else ""
    if suffix in _MARKDOWN_SUFFIXES:
        return "md"
    if suffix in _WORD_SUFFIXES or (word_guide and suffix not in (".html", ".htm")):
        return "docx"
    return "html"


def default_output(guide_path: Path, fmt: str = "html") -> Path:
    """``interview.guide.md`` → ``interview.guide.review.html`` (or ``.review.md``) beside it."""
    stem = guide_path.name[: -len(guide_path.suffix)] if guide_path.suffix else guide_path.name
    return guide_path.with_name(f"{stem}.review.{fmt}")


def render_review(guide: Guide, diagnostics: list[Diagnostic], fmt: str = "html",
                  settings: Settings | None = None, *, cli: Settings | None = None) -> str:
    if fmt == "docx":  # not HTML under a .docx name: Word would call it damaged
        raise ValueError("a Word review copy is made by guidelint.review_word.word_review, not as text")
    render = render_review_markdown if fmt == "md" else render_review_html
    return render(guide, diagnostics, settings, cli=cli)


def write_review(guide: Guide, diagnostics: list[Diagnostic], out_path: Path, fmt: str | None = None,
                 settings: Settings | None = None, *, cli: Settings | None = None) -> Path:
    """Write the HTML or Markdown review copy to ``out_path`` (parent folders created, written
    atomically so a failed write leaves what was there); never over the guide itself. A ``.docx``
    name is refused: its copy is ``review_word.word_review``'s (see ``editor.app``)."""
    from guidelint.atomic import write_atomically

    out_path = Path(out_path)
    refuse_the_guide(out_path, Path(guide.path))
    fmt = review_format(out_path, fmt)
    if fmt == "docx":
        raise ValueError(f"{out_path}: a Word review copy is written with guidelint.review_word.word_review")
    text = render_review(guide, diagnostics, fmt, settings, cli=cli)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out_path, text.encode("utf-8"))
    return out_path


def refuse_the_guide(out_path: Path, guide_path: Path) -> None:
    """Raise ValueError when ``out_path`` is the guide itself (a review copy must not replace it)."""
    if out_path.exists() and guide_path.exists() and same_file(out_path, guide_path):
        raise ValueError(f"{out_path} is the guide itself; write the review copy to another file")
