"""``{"version": 1, "diagnostics": [...]}``: the stable machine-readable format."""

from __future__ import annotations

import json

from guidelint.reporters import Report


def render_json(report: Report) -> str:
    payload = {
        "version": 1,
        "files_checked": report.files_checked,
        "diagnostics": [{**d.to_json(), "unit": _unit(report, d.path)} for d in report.diagnostics],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _unit(report: Report, path: str) -> str:
    """What "line" counts: lines, or a Word guide's paragraphs."""
    guide = report.guides.get(path)
    return guide.unit if guide is not None else "line"
