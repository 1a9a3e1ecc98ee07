"""Reporters turn diagnostics into output: text, full, json, github, sarif."""

from __future__ import annotations

import importlib
from collections import Counter
from operator import attrgetter
from typing import Callable

from guidelint.diagnostics import Diagnostic, Severity
from guidelint.model import Guide
from guidelint.records import NEW, Compared

FORMATS = {
    "text": "guidelint.reporters.text:render_text",
    "full": "guidelint.reporters.text:render_full",
    "json": "guidelint.reporters.json:render_json",
    "github": "guidelint.reporters.github:render_github",
    "sarif": "guidelint.reporters.sarif:render_sarif",
}


class Report(Compared):
    """Everything a reporter needs: findings, the sources they point into, counts."""

    __slots__ = ("diagnostics", "guides", "files_checked", "color", "quiet", "statistics", "fixed")
    __match_args__ = ("diagnostics", "guides", "files_checked", "color", "quiet", "statistics", "fixed")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    diagnostics: list[Diagnostic]
    guides: dict[str, Guide]
    files_checked: int
    color: bool
    quiet: bool
    statistics: bool
    fixed: int

    def __init__(self, diagnostics: list[Diagnostic], guides: dict[str, Guide] = NEW, files_checked: int = 0,
                 color: bool = False, quiet: bool = False, statistics: bool = False, fixed: int = 0) -> None:
        self.diagnostics = diagnostics
        self.guides = {} if guides is NEW else guides
        self.files_checked = files_checked
        self.color = color
        self.quiet = quiet
        self.statistics = statistics
        self.fixed = fixed

    def counts(self) -> Counter:
        return Counter(d.severity for d in self.diagnostics)


def get_renderer(name: str) -> Callable[[Report], str]:
    module, func = FORMATS[name].split(":")
    return getattr(importlib.import_module(module), func)


def summary_line(report: Report) -> str:
    n = len(report.diagnostics)
    files = report.files_checked
    fixed = f" Fixed {report.fixed} {'problem' if report.fixed == 1 else 'problems'}." if report.fixed else ""
    if n == 0:
        return f"All checks passed ({files} {'file' if files == 1 else 'files'}).{fixed}"
    counts = report.counts()
    parts = []
    for sev, word in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info")):
        if counts[sev]:
            parts.append(f"{counts[sev]} {word}{'s' if counts[sev] != 1 and word != 'info' else ''}")
    with_problems = len({d.path for d in report.diagnostics})
    return (f"Found {n} {'problem' if n == 1 else 'problems'} ({', '.join(parts)}) in "
            f"{with_problems} of {files} {'file' if files == 1 else 'files'}.{fixed}")


def statistics_lines(report: Report) -> list[str]:
    counter = Counter((d.code, d.name, d.severity) for d in report.diagnostics)
    width = max((len(str(c)) for c in counter.values()), default=1)
    return [f"{count:>{width}}  {code:<6} [{name}] {sev}" for (code, name, sev), count in
            sorted(counter.items(), key=lambda kv: (-kv[1], kv[0][0]))]
