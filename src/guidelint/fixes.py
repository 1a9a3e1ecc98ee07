"""Mechanical fixes: apply non-overlapping edits, or show them as a unified diff."""

from __future__ import annotations

from guidelint.diagnostics import Diagnostic, Edit


def apply_fixes(source: str, diagnostics: list[Diagnostic]) -> tuple[str, int]:
    """The source with every fix applied (overlapping ones skipped), and how many applied."""
    edits: list[tuple[Edit, int]] = []
    for index, d in enumerate(diagnostics):
        if d.fix is not None:
            edits.extend((e, index) for e in d.fix.edits)
    edits.sort(key=lambda pair: (pair[0].start, pair[0].end))
    out: list[str] = []
    pos = 0
    applied: set[int] = set()
    skipped: set[int] = set()
    for edit, index in edits:
        if edit.start < pos or index in skipped:
            skipped.add(index)
            continue
        out.append(source[pos : edit.start])
        out.append(edit.text)
        pos = edit.end
        applied.add(index)
    out.append(source[pos:])
    return "".join(out), len(applied - skipped)


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib  # only for --diff

    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    text = "".join(lines)
    return text if text.endswith("\n") or not text else text + "\n\\ No newline at end of file\n"
