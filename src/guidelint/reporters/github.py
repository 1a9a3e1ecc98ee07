"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

The runner turns each line into an annotation on the pull request. Escaping is the one in
actions/toolkit's ``packages/core/src/command.ts``: the message escapes ``%``, CR and LF;
property values also escape ``:`` and ``,``, which would otherwise end the value. The runner
drops ``col``/``endColumn`` when ``line`` and ``endLine`` differ, so columns are written for
one-line findings only.
"""

from __future__ import annotations

import os
from pathlib import Path

from guidelint.diagnostics import Diagnostic, Severity
from guidelint.reporters import Report

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
#: what the CLI reports for standard input without --stdin-filename: not a file in the repo
STDIN = "-"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def portable_path(path: str) -> str:
    """The path with forward slashes, relative to the working folder when it lies inside it."""
    if path in ("", STDIN):
        return path
    native = Path(path)
    if native.is_absolute():
        try:
            relative = os.path.relpath(native)
        except ValueError:  # another drive on Windows
            return native.as_posix()
        if relative.split(os.sep, 1)[0] == os.pardir:
            return native.as_posix()
        path = relative
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    return path


def workflow_command(d: Diagnostic) -> str:
    properties: list[tuple[str, object]] = []
    file = portable_path(d.path)
    if file and file != STDIN:
        properties.append(("file", file))
    properties += [("line", d.span.line)]
    if d.span.end_line == d.span.line:
        properties += [("col", d.span.column), ("endLine", d.span.end_line), ("endColumn", d.span.end_column)]
    else:
        properties.append(("endLine", d.span.end_line))
    properties.append(("title", f"{d.code} {d.name}"))
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{_COMMANDS[d.severity]} {rendered}::{escape_data(d.message)}"


def render_github(report: Report) -> str:
    lines = [workflow_command(d) for d in report.diagnostics]
    return "\n".join(lines) + ("\n" if lines else "")
