"""Terminal output: one line per finding (`text`), or with the source and a caret (`full`)."""

from __future__ import annotations

from guidelint.diagnostics import Diagnostic, Severity
from guidelint.merging import LISTED_LINES
from guidelint.reporters import Report, statistics_lines, summary_line

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


def _paint(text: str, code: str, on: bool) -> str:
    return f"{code}{text}{RESET}" if on else text


def line_of(d: Diagnostic, report: Report) -> str:
    c = report.color
    location = _paint(f"{d.path}:{d.span.line}:{d.span.column}:", BOLD, c)
    code = _paint(d.code, _COLORS[d.severity] + BOLD, c)
    name = _paint(f"[{d.name}]", DIM, c)
    level = "" if d.severity == Severity.WARNING else _paint(f"({d.severity}) ", _COLORS[d.severity], c)
    return f"{location} {code} {name} {level}{d.message}"


def _tail(report: Report, lines: list[str]) -> str:
    if report.statistics:  # the table instead of the findings, as ruff's --statistics
        lines = statistics_lines(report)
    if not report.quiet and report.files_checked:  # with no file checked, check says why on stderr
        lines = lines + [""] * bool(lines) + [summary_line(report)]
    return "\n".join(lines) + ("\n" if lines else "")


def render_text(report: Report) -> str:
    return _tail(report, [] if report.statistics else [line_of(d, report) for d in report.diagnostics])


def render_full(report: Report) -> str:
    if report.statistics:
        return _tail(report, [])
    out: list[str] = []
    for d in report.diagnostics:
        out.append(line_of(d, report))
        guide = report.guides.get(d.path)
        if guide is not None and guide.source:
            number = str(d.span.line)
            pad = " " * len(number)
            source = guide.line_text(d.span.line).replace("\t", " ")
            width = (d.span.end_column - d.span.column) if d.span.end_line == d.span.line else len(source) - d.span.column + 1
            caret = " " * (d.span.column - 1) + "^" * max(1, width)
            out.append(f"  {pad} |")
            out.append(f"  {number} | {source}")
            out.append(f"  {pad} | " + _paint(caret, _COLORS[d.severity], report.color))
        lines = sorted({span.line for span in d.related})
        if len(lines) > LISTED_LINES:  # the message lists the first few; here, every one
            out.append("  = " + _paint("same at:", BOLD, report.color) + " lines " + ", ".join(map(str, lines)))
        if d.suggestion:
            out.append("  = " + _paint("suggestion:", BOLD, report.color) + f" {d.suggestion}")
        if d.fix is not None:
            out.append("  = " + _paint("fix:", BOLD, report.color) + f" {d.fix.description} (apply with --fix)")
        out.append("")
    if out and out[-1] == "":
        out.pop()
    return _tail(report, out)
