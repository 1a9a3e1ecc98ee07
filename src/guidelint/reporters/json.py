"""``{"version": 1, "diagnostics": [...]}``: the stable machine-readable format."""

from __future__ import annotations

import json

from guidelint.reporters import Report


def render_json(report: Report) -> str:
    payload = {
        "version": 1,
        "files_checked": report.files_checked,
        "diagnostics": [d.to_json() for d in report.diagnostics],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
