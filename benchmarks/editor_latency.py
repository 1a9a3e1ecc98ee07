"""How quickly ``guidelint edit`` shows a keystroke, and how quickly it shows new findings.

Usage::

    python benchmarks/editor_latency.py [--mode process|thread|both] [--keys N]

Runs the real editor headless (Textual's ``run_test``) on generated guides of 300 and 5,000
lines (benchmarks/make_corpus.py) and prints:

- keystroke-to-screen while a lint is running: a lint is started, then a key is sent while
  it is still going; the time runs from sending the key to the first screen update that
  includes it (Textual's ``App._display``, which it calls after compositing every frame,
  headless too). The same without a lint gives the floor. Targets: <= 50 ms at 300 lines,
  <= 100 ms at 5,000.
- keystroke-to-findings at 300 lines: from the last key of a typed question to the findings
  for that text on screen, debounce included. Target: <= 300 ms.

``--mode`` picks where lints run (the editor's default is a worker process); ``both``
compares a thread, which holds the interpreter lock while it parses, with the process.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus  # noqa: E402
from textual import events  # noqa: E402

from guidelint.editor.app import GuideEditor  # noqa: E402


async def _until(predicate, timeout: float = 30.0, step: float = 0.002) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the editor did not get there in time")
        await asyncio.sleep(step)


class FrameClock:
    """Timestamps the first frame composited after the TextArea applied the key.

    It counts the TextArea's edits itself: the app's own version number moves only when
    the TextArea's Changed message is handled, which may come after that frame.
    """

    def __init__(self, app: GuideEditor) -> None:
        self.app = app
        self.edits = 0
        self.waiting_for: int | None = None
        self.shown = asyncio.Event()
        display, edit = app._display, app.editor.edit

        def counted_edit(change):
            result = edit(change)
            self.edits += 1
            return result

        def timed_display(screen, renderable):
            display(screen, renderable)
            if self.waiting_for is not None and renderable is not None and self.edits >= self.waiting_for:
                self.waiting_for = None
                self.at = time.perf_counter()
                self.shown.set()

        app.editor.edit = counted_edit
        app._display = timed_display

    async def key_to_screen(self, key: str) -> float:
        self.shown.clear()
        self.waiting_for = self.edits + 1
        started = time.perf_counter()
        self.app._driver.send_message(events.Key(key, key))
        await asyncio.wait_for(self.shown.wait(), 10)
        return (self.at - started) * 1000


def _summary(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"median {statistics.median(values):6.1f} ms  p95 {p95:6.1f} ms  max {values[-1]:6.1f} ms  (n={len(values)})"


def _place_cursor_in_a_question(app: GuideEditor) -> None:
    editor = app.editor
    lines = editor.document.lines
    middle = len(lines) // 2
    for row in range(middle, len(lines)):
        if lines[row].lstrip().startswith(("-", "1.", "2.", "3.")):
            editor.move_cursor((row, len(lines[row])), center=True)
            return
    editor.move_cursor((middle, 0), center=True)


async def keystroke_to_screen(path: Path, mode: str, keys: int) -> tuple[list[float], list[float], float]:
    app = GuideEditor(path, lint_mode=mode, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(lambda: app.fresh)
        _place_cursor_in_a_question(app)
        await pilot.pause()
        clock = FrameClock(app)
        idle = []
        for _ in range(keys):
            idle.append(await clock.key_to_screen("x"))
            await asyncio.sleep(0.01)
        await _until(lambda: app.fresh)
        lint_seconds = app.analysis.seconds
        busy = []
        for _ in range(keys):
            await _until(lambda: not app._linting)
            app.check_now()
            # land the key in the middle of the lint, where the parser is busiest
            await asyncio.sleep(min(0.3 * lint_seconds, 0.05))
            if not app._linting:
                continue
            busy.append(await clock.key_to_screen("x"))
        await _until(lambda: not app._linting)
        app.saved_text = app.editor.text  # quit without the unsaved-changes question
    return idle, busy, lint_seconds


async def keystroke_to_findings(path: Path, mode: str, rounds: int) -> list[float]:
    """Type a leading question at 30 ms a key; time from the last key to its findings on screen."""
    app = GuideEditor(path, lint_mode=mode, cursor_blink=False)
    out = []
    shown_at = {}
    show = app._show

    def timed_show(analysis):
        show(analysis)
        shown_at[analysis.version] = time.perf_counter()

    app._show = timed_show
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(lambda: app.fresh)
        editor = app.editor
        for _ in range(rounds):
            editor.move_cursor((editor.document.line_count - 1, 0))
            await pilot.press("enter")
            for char in "- Wouldn't you agree it was great?":
                last_key = time.perf_counter()
                app._driver.send_message(events.Key(char if char.isalnum() else _KEYS.get(char, char), char))
                await asyncio.sleep(0.03)
            await _until(lambda: app.fresh and not app._linting, step=0.001)
            out.append((shown_at[app.version] - last_key) * 1000)
            await pilot.pause(0.05)
        app.saved_text = app.editor.text
    return out


_KEYS = {" ": "space", "-": "minus", "'": "apostrophe", "?": "question_mark"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["process", "thread", "both"], default="both")
    parser.add_argument("--keys", type=int, default=30)
    args = parser.parse_args(argv)
    modes = ["thread", "process"] if args.mode == "both" else [args.mode]
    with tempfile.TemporaryDirectory() as tmp:
        guides = {}
        for lines in (300, 5000):
            folder = Path(tmp) / str(lines)
            write_corpus(folder, 1, seed=7, target_lines=lines)
            guides[lines] = next(folder.glob("*.guide.md"))
        for mode in modes:
            print(f"lint in a {mode}")
            for lines, path in guides.items():
                idle, busy, lint_seconds = asyncio.run(keystroke_to_screen(path, mode, args.keys))
                print(f"  {lines:>5} lines (one lint {lint_seconds * 1000:.0f} ms)")
                print(f"    keystroke-to-screen, no lint:     {_summary(idle)}")
                print(f"    keystroke-to-screen, during lint: {_summary(busy)}")
            findings = asyncio.run(keystroke_to_findings(guides[300], mode, 5))
            print(f"    300 lines keystroke-to-findings (debounce 150 ms included): {_summary(findings)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
