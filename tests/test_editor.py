"""The editor (``guidelint edit``), driven through Textual's Pilot.

Most tests lint in a thread (quick to start); one runs the default worker process. Waiting
is always for a state ("the findings on screen belong to this text"), never a fixed sleep.
Snapshot: ``pytest tests/test_editor.py --snapshot-update`` after a deliberate change to
the screen or to the findings of examples/case-study.guide.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from textual.widgets import Button, Input  # noqa: E402

from guidelint.catalogue import builtin  # noqa: E402
from guidelint.config import ConfigFinder  # noqa: E402
from guidelint.editor.app import GuideEditor  # noqa: E402
from guidelint.editor.files import open_guide  # noqa: E402
from guidelint.editor.screens import ChoiceScreen, InputScreen, RuleDocScreen  # noqa: E402
from guidelint.editor.widgets import Outline, underline_ranges  # noqa: E402
from guidelint.engine import lint  # noqa: E402
from guidelint.model import Span  # noqa: E402
from guidelint.parser import parse_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

GUIDE = """---
title: Planning study
duration: 30 min
---

# Planning study

## Warm-up (5 min)

Thanks for joining. Is it all right if we record this call? Only our team sees the notes.

- Tell me about your role.

## Planning (10 min)

- Walk me through how you planned last week.
  - What happened next?

## Wrap-up (5 min)

- Is there anything else you'd like to add?

Thank you for your time.
"""


def code_of(name: str) -> str:
    rule = builtin().get(name)
    assert rule is not None, f"{name} is not in the catalogue"
    return rule.code


def write(tmp_path: Path, text: str = GUIDE, name: str = "study.guide.md", *, newline: str = "\n",
          bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8"))
    return path


def editor_app(path: Path, **kwargs) -> GuideEditor:
    kwargs.setdefault("lint_mode", "thread")
    return GuideEditor(path, cursor_blink=False, **kwargs)


async def settled(pilot, timeout: float = 20.0) -> None:
    """Until the findings on screen belong to the text on screen and no lint is pending."""
    app = pilot.app
    await pilot.pause()  # let pending Changed messages bump the version first
    waited = 0.0
    while not (app.fresh and not app._linting and app._debounce_timer is None):
        await pilot.pause(0.02)
        waited += 0.02
        if waited > timeout:
            raise AssertionError("the editor did not finish checking")
    await pilot.pause()


def recorded_notifications(app: GuideEditor) -> list[str]:
    messages: list[str] = []
    notify = app.notify

    def record(message, **kwargs):
        messages.append(message)
        notify(message, **kwargs)

    app.notify = record
    return messages


async def go_to_end(pilot) -> None:
    editor = pilot.app.editor
    editor.move_cursor(editor.document.end)
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("enter" if char == "\n" else char for char in text))


# ---- launching -------------------------------------------------------------------------------


def test_importing_the_editor_does_not_import_textual():
    code = ("import sys, guidelint.editor, guidelint.editor.analysis, guidelint.editor.files, "
            "guidelint.editor.runner; assert 'textual' not in sys.modules, sorted(m for m in sys.modules "
            "if m.startswith('textual'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_run_editor_refuses_a_file_that_is_not_utf8(tmp_path, capsys):
    from guidelint.editor import run_editor

    path = tmp_path / "latin1.guide.md"
    path.write_bytes("# Caf\xe9\n".encode("latin-1"))
    assert run_editor(path) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_underline_ranges_follow_the_span():
    assert underline_ranges(Span(0, 4, 3, 2, 3, 6)) == [(2, 1, 5)]
    assert underline_ranges(Span(0, 0, 1, 1, 1, 1)) == [(0, 0, 1)]  # zero width still marks a cell
    assert underline_ranges(Span(0, 9, 1, 3, 2, 1)) == [(0, 2, None)]  # ends at the next line's start
    assert underline_ranges(Span(0, 99, 1, 1, 40, 3)) == [(0, 0, None)]  # a whole section: first line only


# ---- findings as you type --------------------------------------------------------------------


@pytest.mark.asyncio
async def test_shows_the_same_findings_as_check():
    path = EXAMPLES / "weak.guide.md"
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        guide = parse_bytes(path.read_bytes(), os.path.relpath(path))
        expected = lint(guide, ConfigFinder().for_path(path))
        assert [(d.code, d.span.line, d.span.column) for d in app.listed] == \
               [(d.code, d.span.line, d.span.column) for d in expected]
        assert app.editor._worst, "findings are marked in the text"
        assert str(len(expected)) in str(app.query_one("#findings-panel").border_title)


@pytest.mark.asyncio
async def test_typing_a_placeholder_time_box_shows_its_finding(tmp_path):
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "GL004" not in [d.code for d in app.listed]
        await go_to_end(pilot)
        await type_text(pilot, "\n## Results (X minutes)\n")
        await settled(pilot)
        found = [d for d in app.listed if d.code == code_of("bad-time-box")]
        assert found, [d.code for d in app.listed]
        row = found[0].span.line - 1
        assert app.editor.document.get_line(row).startswith("## Results")
        assert row in app.editor._worst  # the gutter mark
        assert any(start <= found[0].span.column - 1 < (end or 99) for start, end, _ in app.editor._underlines[row])
        assert app.modified


@pytest.mark.asyncio
async def test_typing_a_closed_question_shows_its_finding(tmp_path):
    closed = code_of("closed-question")
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        app.editor.move_cursor((17, 0))  # the line after "  - What happened next?"
        await type_text(pilot, "- Did you like it?\n")
        await settled(pilot)
        assert any(d.code == closed and d.span.line == 18 for d in app.listed), \
            [(d.code, d.span.line) for d in app.listed]


@pytest.mark.asyncio
async def test_findings_run_in_the_worker_process_by_default(tmp_path):
    app = GuideEditor(write(tmp_path), cursor_blink=False)
    assert app.runner.mode == "process"
    async with app.run_test(size=(100, 30)) as pilot:
        await go_to_end(pilot)
        await type_text(pilot, "\n## Results (X minutes)\n")
        await settled(pilot, timeout=30)
        assert app.runner.mode == "process", "the worker did not fall back to a thread"
        assert code_of("bad-time-box") in [d.code for d in app.listed]
        app.saved_text = app.editor.text


@pytest.mark.asyncio
async def test_enter_in_the_findings_list_jumps_to_the_line():
    app = editor_app(EXAMPLES / "weak.guide.md")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        target = max(range(len(app.listed)), key=lambda i: app.listed[i].span.line)
        finding = app.listed[target]
        assert app.editor.cursor_location[0] != finding.span.line - 1
        await pilot.press("ctrl+g")
        assert app.focused is app.findings
        app.findings.highlighted = target
        await pilot.press("enter")
        assert app.focused is app.editor
        assert app.editor.cursor_location == (finding.span.line - 1, finding.span.column - 1)


@pytest.mark.asyncio
async def test_the_finding_under_the_text_cursor_is_highlighted_in_the_list():
    app = editor_app(EXAMPLES / "weak.guide.md")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        finding = app.listed[-1]
        app.editor.move_cursor((finding.span.line - 1, finding.span.column - 1))
        await pilot.pause()
        assert app.listed[app.findings.highlighted].span.line == finding.span.line
        assert app.finding_under_cursor().span.line == finding.span.line


# ---- outline -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_outline_totals_update_after_a_time_box_is_edited(tmp_path):
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert app.analysis.planned == (20.0, 20.0)
        rows = {r.title: r for r in app.query_one(Outline).rows}
        assert rows["Planning"].box == "10" and rows["Planning"].running == (15.0, 15.0)
        assert rows["Wrap-up"].budget == ""
        row = app.editor.document.lines.index("## Planning (10 min)")
        app.editor.move_cursor((row, len("## Planning (")))
        await pilot.press("delete", "delete")
        await type_text(pilot, "25")
        await settled(pilot)
        rows = {r.title: r for r in app.query_one(Outline).rows}
        assert rows["Planning"].box == "25" and rows["Planning"].running == (30.0, 30.0)
        assert rows["Wrap-up"].running == (35.0, 35.0) and rows["Wrap-up"].budget == "over"
        assert app.analysis.planned == (35.0, 35.0)
        status = str(app.query_one("#status").render())
        assert "35 / 30 min over" in status


@pytest.mark.asyncio
async def test_choosing_a_section_in_the_outline_moves_the_cursor(tmp_path):
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        outline = app.query_one(Outline)
        index = [r.title for r in outline.rows].index("Wrap-up")
        await pilot.press("ctrl+o")
        outline.highlighted = index
        await pilot.press("enter")
        assert app.focused is app.editor
        assert app.editor.document.get_line(app.editor.cursor_location[0]) == "## Wrap-up (5 min)"


# ---- acting on findings --------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_rule_docs_of_the_finding_under_the_cursor(tmp_path):
    app = editor_app(write(tmp_path, GUIDE + "\n## Results (X minutes)\n"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        finding = next(d for d in app.listed if d.code == code_of("bad-time-box"))
        app.editor.move_cursor((finding.span.line - 1, finding.span.column - 1))
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, RuleDocScreen)
        assert "bad-time-box" in app.screen.heading
        assert "Why it matters" in app.screen.body
        await pilot.press("escape")
        assert not isinstance(app.screen, RuleDocScreen)


@pytest.mark.asyncio
async def test_a_key_applies_the_mechanical_fix(tmp_path):
    rule = code_of("missing-question-mark")
    app = editor_app(write(tmp_path, GUIDE.replace("- Walk me through how you planned last week.",
                                                   "- How did you plan last week")))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        finding = next(d for d in app.listed if d.code == rule)
        app.editor.move_cursor((finding.span.line - 1, 2))
        await pilot.press("ctrl+f")
        assert app.editor.document.get_line(finding.span.line - 1) == "- How did you plan last week?"
        await settled(pilot)
        assert rule not in [d.code for d in app.listed]


@pytest.mark.asyncio
async def test_suppressing_a_finding_inserts_a_comment_with_the_reason(tmp_path):
    app = editor_app(write(tmp_path, GUIDE.replace("## Planning (10 min)", "## Planning (X min)")))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        finding = next(d for d in app.listed if d.code == code_of("bad-time-box"))
        row = finding.span.line - 1
        app.editor.move_cursor((row, finding.span.column - 1))
        app.action_suppress()
        await pilot.pause()
        assert isinstance(app.screen, InputScreen)
        await pilot.press("enter")  # empty: refused, still asking
        assert isinstance(app.screen, InputScreen)
        await type_text(pilot, "length set by the client")
        await pilot.press("enter")
        await settled(pilot)
        assert app.editor.document.get_line(row) == \
            "<!-- guidelint-disable-next-line bad-time-box -- length set by the client -->"
        assert code_of("bad-time-box") not in [d.code for d in app.listed]


@pytest.mark.asyncio
async def test_suppression_keeps_the_indentation_of_the_line(tmp_path):
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        row = app.editor.document.lines.index("  - What happened next?")
        finding = type("D", (), {"name": "closed-question", "span": Span(0, 0, row + 1, 3, row + 1, 5)})()
        app.suppress(finding, "probe -- kept as asked")
        # at the item's text, not its marker: the comment stays inside the list
        assert app.editor.document.get_line(row) == \
            "    <!-- guidelint-disable-next-line closed-question -- probe – kept as asked -->"


@pytest.mark.asyncio
async def test_suppressing_a_list_item_does_not_split_the_list(tmp_path):
    text = GUIDE.replace("- Is there anything else you'd like to add?",
                         "- What would you change first?\n- Did you like the new planner?")
    app = editor_app(write(tmp_path, text))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        finding = next(d for d in app.listed if d.code == code_of("closed-question")
                       and "planner" in app.editor.document.get_line(d.span.line - 1))
        row = finding.span.line - 1
        app.suppress(finding, "a screener")
        await settled(pilot)
        assert app.editor.document.get_line(row) == \
            "  <!-- guidelint-disable-next-line closed-question -- a screener -->"
        assert code_of("closed-question") not in [d.code for d in app.listed
                                                  if "planner" in app.editor.document.get_line(d.span.line - 1)]
        # the item before and the suppressed one are still one list: the comment belongs to the first
        from guidelint.parser import parse_text

        wrap_up = [s for s in parse_text(app.editor.text).iter_sections() if s.title == "Wrap-up"][0]
        assert [q.text for q in wrap_up.questions] == ["What would you change first?",
                                                       "Did you like the new planner?"]
        app.saved_text = app.editor.text


@pytest.mark.asyncio
async def test_the_status_line_shows_line_and_column(tmp_path):
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        row = app.editor.document.lines.index("- Tell me about your role.")
        app.editor.move_cursor((row, 7))
        await pilot.pause()
        status = str(app.query_one("#status").render())
        assert f"Ln {row + 1}, Col 8" in status


@pytest.mark.asyncio
async def test_the_selected_row_is_marked_by_more_than_colour(tmp_path):
    app = editor_app(write(tmp_path, GUIDE + "\n## Results (X minutes)\n"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        for rows in (app.findings, app.query_one(Outline)):
            rows.highlighted = 0
            await pilot.pause()
            lines = [rows.render_line(y).text for y in range(min(len(rows.items), 3))]
            assert lines[0].startswith(("▶ ", "▷ ")) and not lines[1].startswith(("▶", "▷"))
        app.findings.focus()
        await pilot.pause()
        assert app.findings.render_line(0).text.startswith("▶ ")  # filled when the list has the focus


@pytest.mark.asyncio
async def test_a_line_typed_at_the_end_is_saved_with_a_final_newline(tmp_path):
    path = write(tmp_path)
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await go_to_end(pilot)
        await type_text(pilot, "- What else?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_bytes().endswith(b"Thank you for your time.\n- What else?\n")
        assert not app.is_modified()


@pytest.mark.asyncio
async def test_the_docs_key_shows_every_finding_at_the_cursor(tmp_path):
    text = GUIDE.replace("- Tell me about your role.", "- Don't you love the planner? Would you pay for it, and how much?")
    app = editor_app(write(tmp_path, text))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        row = app.editor.document.lines.index("- Don't you love the planner? Would you pay for it, and how much?")
        here = [d for d in app.listed if d.span.line == row + 1]
        assert len({d.code for d in here}) >= 2
        app.editor.move_cursor((row, 0))  # on the line, inside no one finding: all of the line's
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, RuleDocScreen)
        for d in here:
            assert d.message in app.screen.body and d.code in app.screen.heading
        assert app.screen.body.count("Why it matters") == len({d.code for d in here})


# ---- saving and quitting -------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_save_writes_the_file_and_clears_the_unsaved_mark(tmp_path):
    path = write(tmp_path)
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await go_to_end(pilot)
        await type_text(pilot, "- What else?\n")
        await settled(pilot)
        assert "unsaved" in str(app.query_one("#status").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == GUIDE + "- What else?\n"
        assert not app.modified
        assert "unsaved" not in str(app.query_one("#status").render())
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.asyncio
async def test_save_keeps_crlf_line_endings_and_the_bom(tmp_path):
    path = write(tmp_path, newline="\r\n", bom=True)
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert not app.editor.text.startswith("\ufeff")
        await go_to_end(pilot)
        await type_text(pilot, "- What else?\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    body = data[3:].decode("utf-8")
    assert body == (GUIDE + "- What else?\n").replace("\n", "\r\n")
    assert "\n" not in body.replace("\r\n", "")


@pytest.mark.asyncio
async def test_a_pause_in_typing_that_times_out_while_the_editor_closes_is_ignored(tmp_path):
    # found as a flaky save test: the debounce timer fired during shutdown, after the widgets
    # were gone, and its NoMatches error failed the run
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await app.query_one("#editor").remove()
        app._lint_now()  # what the timer calls; nothing to check, and no error
        assert not app._linting


UNUSUAL_BREAKS = [
    pytest.param(b"# A\x0c\n## B (5 min)\n\n- Why?\x0c", id="form-feed"),
    pytest.param("# A\u2028tail\n\n- Why?\u2029\n".encode(), id="u2028-u2029"),
    pytest.param("# A\u0085\n- Why?\n".encode(), id="u0085"),
    pytest.param(b"# A\x0b\x1c\x1d\x1e\n- Why?\n", id="vt-and-separators"),
    pytest.param(b"\xef\xbb\xbf# A\r\n\r\n- Why?\rWhat?\r\n\n", id="lone-cr-in-crlf-with-bom"),
]


@pytest.mark.asyncio
@pytest.mark.parametrize("data", UNUSUAL_BREAKS)
async def test_saving_an_unedited_guide_leaves_it_byte_for_byte(tmp_path, data):
    path = tmp_path / "odd.guide.md"
    path.write_bytes(data)
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert not app.is_modified()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert path.read_bytes() == data


@pytest.mark.parametrize("data", UNUSUAL_BREAKS)
def test_the_text_opened_is_the_text_the_editor_shows(tmp_path, data):
    from textual.widgets import TextArea

    path = tmp_path / "odd.guide.md"
    path.write_bytes(data)
    text, guide_file = open_guide(path)
    assert TextArea(text).text == text == TextArea(data.decode("utf-8-sig")).text
    assert guide_file.encode(text) == data


def test_open_guide_reports_what_it_will_normalise(tmp_path):
    path = tmp_path / "mixed.guide.md"
    path.write_bytes(b"# A\r\n\n## B (5 min)\r\n")
    text, guide_file = open_guide(path)
    assert guide_file.newline == "\r\n"
    assert any("mixes line endings" in note for note in guide_file.notes)


@pytest.mark.asyncio
async def test_a_failed_save_says_so_and_keeps_the_text(tmp_path, monkeypatch):
    path = write(tmp_path)
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        messages = recorded_notifications(app)
        await settled(pilot)
        await go_to_end(pilot)
        await type_text(pilot, "- What else?\n")

        def refuse(src, dst):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "replace", refuse)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Could not save" in m and "Permission denied" in m for m in messages), messages
        assert app.editor.text.endswith("- What else?\n")
        assert app.is_modified()
        assert path.read_text(encoding="utf-8") == GUIDE
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        monkeypatch.undo()
        app.saved_text = app.editor.text


@pytest.mark.asyncio
async def test_a_save_into_a_folder_that_cannot_exist_fails_cleanly(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    app = editor_app(blocker / "new.guide.md")
    async with app.run_test(size=(100, 30)) as pilot:
        messages = recorded_notifications(app)
        await pilot.pause()
        await pilot.click("#create")
        await settled(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Could not save" in m for m in messages)
        assert app.editor.text and app.is_modified()
        app.saved_text = app.editor.text


@pytest.mark.asyncio
async def test_saving_warns_when_the_file_changed_on_disk(tmp_path):
    path = write(tmp_path)
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await go_to_end(pilot)
        await type_text(pilot, "- Mine?\n")
        path.write_text(GUIDE + "- Theirs?\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        assert path.read_text(encoding="utf-8").endswith("- Theirs?\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#overwrite")
        await pilot.pause()
        assert path.read_text(encoding="utf-8").endswith("- Mine?\n")
        assert not app.is_modified()


@pytest.mark.asyncio
async def test_quitting_with_unsaved_changes_asks_first(tmp_path):
    path = write(tmp_path)
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await type_text(pilot, "x")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ChoiceScreen)
        assert {b.id for b in app.screen.query(Button)} == {"save", "discard", "cancel"}
        await pilot.press("escape")
        assert app.is_running and not isinstance(app.screen, ChoiceScreen)
        await pilot.press("ctrl+q")
        await pilot.click("#discard")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_text(encoding="utf-8") == GUIDE


@pytest.mark.asyncio
async def test_save_and_quit(tmp_path):
    path = write(tmp_path)
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await type_text(pilot, "x")
        await pilot.press("ctrl+q")
        await pilot.click("#save")
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == "x" + GUIDE


@pytest.mark.asyncio
async def test_quitting_without_changes_does_not_ask(tmp_path):
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


# ---- a new guide, the palette, config, themes ----------------------------------------------------


@pytest.mark.asyncio
async def test_a_missing_file_starts_from_a_template_after_asking(tmp_path):
    path = tmp_path / "fresh.guide.md"
    app = editor_app(path, profile="case-study")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "does not exist" in app.screen.question
        await pilot.click("#create")
        await settled(pilot)
        assert "# " in app.editor.text and app.is_modified()
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---")
    try:
        from guidelint.templates import template_for
    except ImportError:
        return
    assert text == template_for("case-study")


@pytest.mark.asyncio
async def test_declining_to_create_a_missing_file_leaves_nothing(tmp_path):
    path = tmp_path / "fresh.guide.md"
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running
    assert not path.exists()


@pytest.mark.asyncio
async def test_export_review_copy_says_when_it_is_not_available(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "guidelint.review", None)  # import fails
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        messages = recorded_notifications(app)
        await settled(pilot)
        app.action_export_review()
        await pilot.pause()
        assert "review export is not available in this version" in messages


@pytest.mark.asyncio
async def test_export_review_copy_calls_the_review_writer(tmp_path, monkeypatch):
    """A stand-in review module: the real one is tested with the review command."""
    calls = []
    fake = types.ModuleType("guidelint.review")
    fake.write_review = lambda guide, diagnostics, out, **settings: calls.append((guide.title, len(diagnostics), out))
    monkeypatch.setitem(sys.modules, "guidelint.review", fake)
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        app.action_export_review()
        await pilot.pause()
        assert isinstance(app.screen, InputScreen)
        assert app.screen.query_one(Input).value.endswith("study.guide.review.md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert calls == [("Planning study", len(app.listed), tmp_path / "study.guide.review.md")]


@pytest.mark.asyncio
async def test_palette_offers_the_editor_commands(tmp_path):
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Save", "Check now", "Export review copy", "Show rule docs", "Suppress finding…"):
            assert title in titles


@pytest.mark.asyncio
async def test_a_config_error_shows_in_the_status_line_and_editing_goes_on(tmp_path):
    (tmp_path / ".guidelint.yaml").write_text("select: [\n", encoding="utf-8")
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert "config error" in str(app.query_one("#status").render())
        await type_text(pilot, "x")
        assert app.editor.text.startswith("x")
        app.saved_text = app.editor.text


@pytest.mark.asyncio
async def test_fits_an_80_by_24_terminal_in_dark_and_light_themes():
    app = editor_app(EXAMPLES / "weak.guide.md")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for selector in ("#side", "#editor", "#findings", "#status", "Footer"):
            region = app.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
            assert region.right <= 80 and region.bottom <= 24, selector
        assert app.editor.size.height >= 8
        assert app.editor.theme == "guidelint-dark"
        app.theme = "textual-light"
        await pilot.pause()
        assert app.editor.theme == "guidelint-light"


def test_main_screen_snapshot(snap_compare, monkeypatch):
    monkeypatch.chdir(ROOT)  # the title shows the path relative to the working folder

    async def checked(pilot):
        await settled(pilot)

    app = editor_app(Path("examples/case-study.guide.md"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=checked)


@pytest.mark.asyncio
async def test_a_finding_in_the_front_matter_is_suppressed_for_the_file(tmp_path):
    rule = code_of("unknown-front-matter-key")
    app = editor_app(write(tmp_path, GUIDE.replace("title: Planning study", "titel: Planning study")))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        finding = next(d for d in app.listed if d.code == rule)
        assert finding.span.line == 2
        app.suppress(finding, "our wiki reads this key")
        await settled(pilot)
        assert app.editor.document.get_line(4) == \
            "<!-- guidelint-disable-file unknown-front-matter-key -- our wiki reads this key -->"
        assert rule not in [d.code for d in app.listed]
        assert app.analysis.session == 30  # the front matter still reads
        app.saved_text = app.editor.text


@pytest.mark.asyncio
async def test_a_whole_guide_finding_sits_on_the_title_and_is_suppressed_above_it(tmp_path):
    rule = code_of("missing-consent")
    app = editor_app(write(tmp_path, GUIDE.replace("Is it all right if we record this call? ", "")))
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        finding = next(d for d in app.listed if d.code == rule)
        assert app.editor.document.get_line(finding.span.line - 1) == "# Planning study"
        app.suppress(finding, "consent is taken by the panel provider")
        await settled(pilot)
        assert app.editor.document.get_line(5) == \
            "<!-- guidelint-disable-next-line missing-consent -- consent is taken by the panel provider -->"
        assert rule not in [d.code for d in app.listed]
        app.saved_text = app.editor.text


def test_run_editor_refuses_an_unknown_profile(tmp_path, capsys):
    from guidelint.editor import run_editor

    assert run_editor(tmp_path / "new.guide.md", profile="no-such-profile") == 2
    assert "unknown profile" in capsys.readouterr().err


@pytest.mark.asyncio
async def test_save_as_writes_elsewhere_and_keeps_editing_that_file(tmp_path):
    path = write(tmp_path)
    app = editor_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await type_text(pilot, "x")
        app.action_save_as()
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = str(tmp_path / "copy.guide.md")
        await pilot.press("enter")
        await settled(pilot)
        assert (tmp_path / "copy.guide.md").read_text(encoding="utf-8") == "x" + GUIDE
        assert path.read_text(encoding="utf-8") == GUIDE
        assert app.path == tmp_path / "copy.guide.md" and not app.is_modified()
        assert app.editor.border_title.endswith("copy.guide.md")


@pytest.mark.asyncio
async def test_export_review_copy_writes_the_real_review(tmp_path):
    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        messages = recorded_notifications(app)
        await settled(pilot)
        app.action_export_review()
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    out = tmp_path / "study.guide.review.md"
    assert out.is_file(), messages
    assert "Planning study" in out.read_text(encoding="utf-8")


def test_atomic_save_keeps_the_permission_bits(tmp_path):
    from guidelint.editor.files import save_atomic

    path = write(tmp_path)
    path.chmod(0o640)
    text, guide_file = open_guide(path)
    save_atomic(guide_file, text + "- More?\n")
    assert path.stat().st_mode & 0o777 == 0o640
    assert path.read_text(encoding="utf-8").endswith("- More?\n")
    assert not guide_file.changed_on_disk()


@pytest.mark.asyncio
async def test_export_review_copy_to_a_docx_name_writes_a_word_document(tmp_path):
    # it wrote HTML under the .docx name, which Word calls damaged
    import zipfile

    app = editor_app(write(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        messages = recorded_notifications(app)
        await settled(pilot)
        app._export_review(tmp_path / "copy.docx", app.editor.text)
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert any("Review copy written" in m for m in messages), messages
    with zipfile.ZipFile(tmp_path / "copy.docx") as archive:
        assert "word/document.xml" in archive.namelist()
