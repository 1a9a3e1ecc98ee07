"""``guidelint edit``: a Textual editor that shows findings as the author types.

Importing this package does not import Textual; only ``run_editor`` does, so ``check`` and
the other commands stay fast and work where Textual would not start.
"""

from __future__ import annotations

from pathlib import Path


def run_editor(path: Path, profile: str | None = None) -> int:
    """Open ``path`` in the editor (offering a template when it does not exist); the exit code."""
    from guidelint.editor.app import run

    return run(Path(path), profile)


__all__ = ["run_editor"]
