"""``guidelint edit``: the guide in a TextArea, findings in place, an outline and a findings list.

Every keystroke bumps a version number and restarts a short debounce; when it fires, the
text goes to a ``LintRunner`` (a worker process by default) and the result is shown only if
its version is still the text on screen, so a slow lint never paints findings at the wrong
place. The file is written through ``files.save_atomic``; nothing leaves the editor without
the author's say-so.
"""

from __future__ import annotations

import re

from pathlib import Path
from typing import Callable, Iterable

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea
from textual.widgets.text_area import TextAreaTheme

from guidelint.config import ConfigError, ConfigFinder, Settings
from guidelint.diagnostics import Diagnostic
from guidelint.discovery import display_path
from guidelint.editor.analysis import Analysis, LintRequest
from guidelint.editor.files import Fingerprint, GuideFile, OpenError, open_guide, save_atomic
from guidelint.editor.runner import LintRunner
from guidelint.editor.screens import ChoiceScreen, InputScreen, RuleDocScreen, reflow
from guidelint.editor.widgets import (FindingsList, GuideTextArea, Outline, RowList, StatusLine, finding_detail,
                                     outline_header, plan_summary)
from guidelint.model import LineIndex

DEBOUNCE_SECONDS = 0.15
_SYNTAX_THEMES = {"dark": "vscode_dark", "light": "github_light"}


def starting_text(profile: str | None) -> str:
    """A new guide: the ``new`` command's template for the profile, else a bare skeleton."""
    if not profile:
        return _skeleton(None)
    try:
        from guidelint.templates import template_for
    except ImportError:
        return _skeleton(profile)
    try:
        return template_for(profile)
    except ValueError:  # a profile without a template
        return _skeleton(profile)


def _skeleton(profile: str | None) -> str:
    profile_line = f"profile: {profile}\n" if profile else ""
    return (
        f"---\ntitle: New discussion guide\n{profile_line}duration: 30 min\n---\n\n"
        "# Title\n\n## Introduction (5 min)\n\n## Questions (20 min)\n\n- \n\n## Wrap-up (5 min)\n"
    )


class OutlinePanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="outline-head")
        yield Outline(id="outline")
        yield Static(id="plan")

    def show(self, analysis: Analysis) -> None:
        self.query_one(Outline).show(analysis)
        self.query_one("#plan", Static).update(plan_summary(analysis))

    def on_resize(self) -> None:
        self.query_one("#outline-head", Static).update(outline_header(self.content_region.width))


class GuideEditor(App[int]):
    CSS_PATH = "editor.tcss"
    TITLE = "guidelint edit"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+r", "rule_docs", "Docs"),
        Binding("ctrl+f", "apply_fix", "Fix"),
        Binding("ctrl+g", "focus_findings", "Findings"),
        Binding("ctrl+o", "focus_outline", "Outline"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("escape", "focus_editor", "Editor", show=False),
    ]

    def __init__(self, path: Path, profile: str | None = None, *, lint_mode: str = "process",
                 debounce: float = DEBOUNCE_SECONDS, cursor_blink: bool = True) -> None:
        super().__init__()
        self.path = path
        self.profile = profile
        self.debounce = debounce
        self.cursor_blink = cursor_blink
        self.runner = LintRunner(lint_mode)
        self.cli = Settings(profile=profile) if profile else None
        self.missing = not path.exists()
        if self.missing:
            self.text, self.file = "", GuideFile(path)
            self.saved_text: str | None = None
        else:
            self.text, self.file = open_guide(path)  # OpenError goes to run_editor
            self.saved_text = self.text
        self.settings, self.config_error = self._load_settings()
        self.version = 0
        self.analysis: Analysis | None = None
        #: the findings in the list, in its order
        self.listed: list[Diagnostic] = []
        self.modified = self.missing
        self._debounce_timer: Timer | None = None
        self._linting = False
        self._lint_again = False
        self._asking = False

    # ---- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield OutlinePanel(id="side")
            yield GuideTextArea(self.text, language="markdown", show_line_numbers=True, soft_wrap=True,
                                tab_behavior="indent", id="editor")
        with Vertical(id="findings-panel"):
            yield FindingsList(id="findings")
            yield Static(id="finding-detail")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def editor(self) -> GuideTextArea:
        return self.query_one("#editor", GuideTextArea)

    @property
    def findings(self) -> FindingsList:
        return self.query_one("#findings", FindingsList)

    def on_mount(self) -> None:
        editor = self.editor
        for mode, builtin in _SYNTAX_THEMES.items():
            syntax = TextAreaTheme.get_builtin_theme(builtin)
            editor.register_theme(TextAreaTheme(f"guidelint-{mode}", syntax_styles=dict(syntax.syntax_styles)))
        self._match_theme()
        self.theme_changed_signal.subscribe(self, lambda _theme: self._match_theme())
        editor.cursor_blink = self.cursor_blink
        editor.border_title = display_path(self.path)
        self.query_one("#side").border_title = "Outline"
        self.query_one("#findings-panel").border_title = "Findings"
        editor.focus()
        for note in self.file.notes:
            self.notify(note, severity="warning", timeout=10)
        self._update_status()
        if self.missing:
            self._ask_to_create()
        else:
            self.check_now()

    def _match_theme(self) -> None:
        self.editor.theme = "guidelint-dark" if self.current_theme.dark else "guidelint-light"

    def _load_settings(self) -> tuple[Settings, str | None]:
        try:
            return ConfigFinder().for_path(self.path.absolute()), None
        except ConfigError as exc:
            return Settings(root=Path.cwd()), f"config error: {exc}"

    def _ask_to_create(self) -> None:
        template = f"the {self.profile} template" if self.profile else "a starting template"
        question = f"{display_path(self.path)} does not exist. Start a new guide from {template}?"

        def answer(choice: str | None) -> None:
            if choice != "create":
                self.exit(0)
                return
            self.editor.load_text(starting_text(self.profile))
            self.editor.move_cursor((0, 0))

        self.push_screen(ChoiceScreen(question, [("create", "Create", "primary"), ("cancel", "Cancel", "default")]),
                         answer)

    # ---- checking as you type -----------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def text_changed(self) -> None:
        self.version += 1
        if not self.modified:
            self.modified = True
            self._update_status()
        if self._debounce_timer is not None:
            self._debounce_timer.stop()
        self._debounce_timer = self.set_timer(self.debounce, self._lint_now)

    def check_now(self) -> None:
        if self._debounce_timer is not None:
            self._debounce_timer.stop()
        self._lint_now()

    def _lint_now(self) -> None:
        self._debounce_timer = None
        try:
            editor = self.editor
        except NoMatches:
            return  # closing: a pause in typing timed out as the widgets went away; nothing to check
        self.modified = editor.text != self.saved_text
        if self._linting:
            self._lint_again = True
            return
        self._linting = True
        self.run_worker(self._lint_loop(), group="lint")

    async def _lint_loop(self) -> None:
        try:
            while True:
                self._lint_again = False
                request = LintRequest(self.version, self.editor.text, display_path(self.path), self.settings, self.cli)
                result = await self.runner.run(request)
                if self.runner.fallback_reason:
                    self.notify(self.runner.fallback_reason, severity="warning")
                    self.runner.fallback_reason = None
                if result.version == self.version:
                    self._show(result)
                if not self._lint_again:
                    break
        finally:
            self._linting = False

    def _show(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.editor.show_findings(analysis.diagnostics)
        if analysis.diagnostics != self.listed:
            self.listed = list(analysis.diagnostics)
            self.findings.show(self.listed)
            n = len(self.listed)
            self.query_one("#findings-panel").border_title = f"Findings ({n})" if n else "Findings: none"
            self._show_detail()
        self.query_one(OutlinePanel).show(analysis)
        self._update_status()
        self._follow_cursor()

    @property
    def fresh(self) -> bool:
        """The findings on screen belong to the text on screen."""
        return self.analysis is not None and self.analysis.version == self.version

    def _update_status(self) -> None:
        note = self.config_error or (self.analysis.error if self.analysis else None)
        for status in self.query(StatusLine):  # none while the app shuts down
            row, column = self.editor.cursor_location  # 0-based, in code points as findings count
            status.show(self.analysis, modified=self.modified, note=note, cursor=(row + 1, column + 1))

    # ---- moving around ------------------------------------------------------------------------

    def jump_to(self, line: int, column: int = 1) -> None:
        editor = self.editor
        row = min(max(line - 1, 0), editor.document.line_count - 1)
        col = min(max(column - 1, 0), len(editor.document.get_line(row)))
        editor.move_cursor((row, col), center=True)
        editor.focus()

    @on(RowList.Selected, "#findings")
    def finding_chosen(self, event: RowList.Selected) -> None:
        if 0 <= event.index < len(self.listed):
            d = self.listed[event.index]
            self.jump_to(d.span.line, d.span.column)

    @on(RowList.Highlighted, "#findings")
    def _show_detail(self) -> None:
        index = self.findings.highlighted
        d = self.listed[index] if index is not None and index < len(self.listed) else None
        self.query_one("#finding-detail", Static).update(finding_detail(d))

    @on(RowList.Selected, "#outline")
    def section_chosen(self, event: RowList.Selected) -> None:
        rows = self.query_one(Outline).rows
        if 0 <= event.index < len(rows):
            self.jump_to(rows[event.index].line)

    @on(TextArea.SelectionChanged, "#editor")
    def _follow_cursor(self) -> None:
        """Highlight the finding under the text cursor in the list, so its docs are one key away."""
        self._update_status()
        if self.focused is self.findings:
            return
        index = self._finding_index_at_cursor()
        if index is not None and self.findings.highlighted != index:
            self.findings.highlighted = index

    def _finding_index_at_cursor(self) -> int | None:
        """The narrowest finding whose span holds the cursor, else the first one on its line."""
        indexes = self._finding_indexes_at_cursor()
        return indexes[0] if indexes else None

    def _finding_indexes_at_cursor(self) -> list[int]:
        """Every finding whose span holds the cursor, narrowest first; else those on its line."""
        row, column = self.editor.cursor_location
        here = (row + 1, column + 1)
        holding: list[tuple[int, int]] = []
        on_line: list[int] = []
        for index, d in enumerate(self.listed):
            span = d.span
            if (span.line, span.column) <= here <= (span.end_line, span.end_column):
                holding.append((span.end - span.start, index))
            elif span.line == here[0]:
                on_line.append(index)
        return [index for _, index in sorted(holding)] or on_line

    def finding_under_cursor(self) -> Diagnostic | None:
        diagnostics = self.listed
        if self.focused is self.findings:
            index = self.findings.highlighted
        else:
            index = self._finding_index_at_cursor()
        return diagnostics[index] if index is not None and index < len(diagnostics) else None

    def notify(self, message: str, **kwargs) -> None:
        """Notifications are plain text: paths and messages may hold [brackets]."""
        kwargs.setdefault("markup", False)
        super().notify(message, **kwargs)

    def action_focus_findings(self) -> None:
        self.findings.focus()

    def action_focus_outline(self) -> None:
        self.query_one(Outline).focus()

    def action_focus_editor(self) -> None:
        self.editor.focus()

    # ---- acting on a finding ------------------------------------------------------------------

    def _finding_or_say(self, what: str) -> Diagnostic | None:
        d = self.finding_under_cursor()
        if d is None:
            self.notify(f"No finding here. Put the cursor on a marked line or pick one in the findings list "
                        f"(ctrl+g), then {what}.", severity="warning")
        return d

    def _fresh_or_say(self) -> bool:
        if not self.fresh:
            self.notify("The findings are being updated; try again in a moment.", severity="warning")
            self.check_now()
        return self.fresh

    def action_rule_docs(self) -> None:
        d = self._finding_or_say("ask for the rule docs")
        if d is None:
            return
        from guidelint.catalogue import CatalogueError, builtin
        from guidelint.commands.docs import rule_doc

        try:
            catalogue = builtin().with_packs(self.settings.rule_packs) if self.settings.rule_packs else builtin()
        except CatalogueError:
            catalogue = builtin()
        # every finding at the cursor (several rules often judge the same words), then each rule's docs
        if self.focused is self.findings:
            found = [d]
        else:
            found = [self.listed[i] for i in self._finding_indexes_at_cursor()]
        lines: list[str] = []
        for finding in found:
            lines.append(f"{finding.code} {finding.name} ({finding.severity}), line {finding.span.line}, "
                         f"column {finding.span.column}: {finding.message}")
            if finding.suggestion:
                lines.append(f"  Suggestion: {finding.suggestion}")
            if finding.fix is not None:
                lines.append(f"  Mechanical fix (ctrl+f): {finding.fix.description}")
        for code in dict.fromkeys(f.code for f in found):
            rule = catalogue.get(code)
            lines += ["", reflow(rule_doc(rule)) if rule is not None else f"No documentation for {code}."]
        title = (f"{d.code} {d.name} ({d.severity})" if len(found) == 1
                 else f"{len(found)} findings here: " + ", ".join(dict.fromkeys(f"{f.code} {f.name}" for f in found)))
        self.push_screen(RuleDocScreen(title, "\n".join(lines)))

    def action_apply_fix(self) -> None:
        d = self._finding_or_say("apply its fix")
        if d is None:
            return
        if d.fix is None:
            self.notify(f"{d.code} {d.name} has no mechanical fix; ctrl+r shows what to write instead.",
                        severity="warning")
            return
        if not self._fresh_or_say():
            return
        editor = self.editor
        index = LineIndex(editor.text)
        for edit in sorted(d.fix.edits, key=lambda e: (e.start, e.end), reverse=True):
            start, end = index.position(edit.start), index.position(edit.end)
            editor.replace(edit.text, (start[0] - 1, start[1] - 1), (end[0] - 1, end[1] - 1))
        self.notify(f"Fixed: {d.fix.description}")

    def action_suppress(self) -> None:
        d = self._finding_or_say("suppress it")
        if d is None or not self._fresh_or_say():
            return
        if d.fatal:
            self.notify(f"{d.code} is a file-level error and cannot be suppressed.", severity="warning")
            return

        def insert(reason: str | None) -> None:
            if reason:
                self.suppress(d, reason)

        self.push_screen(InputScreen(f"Why is {d.code} {d.name} fine on line {d.span.line}?",
                                     placeholder="the reason, for your colleagues",
                                     required="A suppression needs a reason; type one or press Escape."), insert)

    def suppress(self, d: Diagnostic, reason: str) -> None:
        """Insert ``<!-- guidelint-disable-next-line NAME -- reason -->`` above the finding's line.

        A comment cannot go inside (or above) the front matter, so a finding there is
        suppressed for the whole file by a ``disable-file`` comment just after it.
        """
        editor = self.editor
        reason = " ".join(reason.replace("--", "–").split())  # "--" would end the reason or the comment
        row = d.span.line - 1
        front_matter_end = self._front_matter_end()
        if front_matter_end is not None and row <= front_matter_end:
            editor.insert(f"<!-- guidelint-disable-file {d.name} -- {reason} -->\n", (front_matter_end + 1, 0))
            self.notify(f"{d.code} is suppressed for the whole file: a comment cannot go inside the front matter.")
            return
        editor.insert(f"{_comment_indent(editor.document.get_line(row))}<!-- guidelint-disable-next-line {d.name} "
                      f"-- {reason} -->\n", (row, 0))

    def _front_matter_end(self) -> int | None:
        """The row of the front matter's closing line, if the guide starts with front matter."""
        lines = self.editor.document.lines
        if not lines or lines[0].strip() != "---":
            return None
        for row in range(1, len(lines)):
            if lines[row].strip() in ("---", "..."):
                return row
        return None

    # ---- saving and quitting ------------------------------------------------------------------

    def is_modified(self) -> bool:
        return self.editor.text != self.saved_text

    def action_save(self, after: Callable[[], None] | None = None) -> None:
        if self.file.changed_on_disk():
            question = f"{display_path(self.path)} changed on disk since you opened it. Overwrite it with your version?"

            def answer(choice: str | None) -> None:
                if choice == "overwrite":
                    self._write(after)

            self.push_screen(ChoiceScreen(question, [("overwrite", "Overwrite", "error"),
                                                     ("cancel", "Cancel", "default")]), answer)
            return
        self._write(after)

    def _write(self, after: Callable[[], None] | None = None) -> bool:
        text = self.editor.text
        try:
            # a text file ends with a line break: a line typed at the end is saved with one (an
            # unedited guide is written back as it was read, byte for byte)
            edited = text != self.file.shown
            save_atomic(self.file, text if not edited or not text or text.endswith(("\n", "\r")) else text + "\n")
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.notify(f"Could not save {display_path(self.path)}: {reason}. Your text is still here; "
                        "fix the problem and save again, or use 'Save as' from the palette (ctrl+p).",
                        title="Save failed", severity="error", timeout=15)
            self._update_status()
            return False
        self.saved_text = text
        self.modified = False
        self.missing = False
        self._update_status()
        self.notify(f"Saved {display_path(self.path)}", timeout=2)
        if after is not None:
            after()
        return True

    def action_save_as(self) -> None:
        def chosen(name: str | None) -> None:
            if not name:
                return
            target = Path(name).expanduser()
            if target.exists():
                def answer(choice: str | None) -> None:
                    if choice == "overwrite":
                        self._retarget(target)

                self.push_screen(ChoiceScreen(f"{name} exists. Replace it?", [("overwrite", "Replace", "error"),
                                                                                 ("cancel", "Cancel", "default")]),
                                 answer)
            else:
                self._retarget(target)

        self.push_screen(InputScreen("Save the guide as:", value=str(self.path)), chosen)

    def _retarget(self, target: Path) -> None:
        old_path, old_fingerprint = self.path, self.file.fingerprint
        self.path = self.file.path = target
        self.file.fingerprint = Fingerprint.of(target)
        if self._write():
            self.editor.border_title = display_path(target)
            self.settings, self.config_error = self._load_settings()
            self.check_now()
        else:
            self.path = self.file.path = old_path
            self.file.fingerprint = old_fingerprint

    async def action_quit(self) -> None:
        if not self.is_modified():
            self.exit(0)
            return
        if self._asking:
            return
        self._asking = True

        def answer(choice: str | None) -> None:
            self._asking = False
            if choice == "save":
                self.action_save(after=self.exit)
            elif choice == "discard":
                self.exit(0)

        self.push_screen(ChoiceScreen(f"Save your changes to {display_path(self.path)} before quitting?",
                                      [("save", "Save and quit", "primary"),
                                       ("discard", "Quit without saving", "error"),
                                       ("cancel", "Cancel", "default")]), answer)

    async def on_unmount(self) -> None:
        await self.runner.close()

    # ---- command palette ----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Save", "Write the guide to disk (ctrl+s)", self.action_save)
        yield SystemCommand("Save as…", "Write the guide to another file and keep editing that one",
                            self.action_save_as)
        yield SystemCommand("Check now", "Re-read the configuration and check the guide again", self.action_check_now)
        yield SystemCommand("Export review copy", "Write the guide with its time plan and open findings for "
                            "colleagues", self.action_export_review)
        yield SystemCommand("Show rule docs", "Why the finding under the cursor matters and what to write (ctrl+r)",
                            self.action_rule_docs)
        yield SystemCommand("Apply fix", "Apply the mechanical fix of the finding under the cursor (ctrl+f)",
                            self.action_apply_fix)
        yield SystemCommand("Suppress finding…", "Insert a guidelint-disable-next-line comment with a reason above "
                            "the finding under the cursor", self.action_suppress)
        yield from super().get_system_commands(screen)

    def action_check_now(self) -> None:
        self.settings, self.config_error = self._load_settings()
        self.check_now()

    def action_export_review(self) -> None:
        try:
            from guidelint.review import write_review  # noqa: F401  (written alongside the editor)
        except ImportError:
            self.notify("review export is not available in this version", severity="warning")
            return
        name = self.path.name.removesuffix(".md") + ".review.md"

        def chosen(out: str | None) -> None:
            if out:
                self._export_review(Path(out).expanduser(), self.editor.text)

        self.push_screen(InputScreen("Write the review copy to:", value=str(self.path.with_name(name))), chosen)

    @work(thread=True, exclusive=True, group="export")
    def _export_review(self, out: Path, text: str) -> None:
        from guidelint.engine import lint
        from guidelint.parser import parse_text
        from guidelint.review import write_review

        try:
            guide = parse_text(text, display_path(self.path))
            found = lint(guide, self.settings, cli=self.cli)
            if out.suffix.lower() == ".docx":  # a Word document, not HTML under its name
                from guidelint.atomic import write_atomically
                from guidelint.review import refuse_the_guide
                from guidelint.review_word import word_review

                refuse_the_guide(out, self.path)
                data = word_review(guide, found, self.settings, cli=self.cli)
                out.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(out, data)
            else:
                write_review(guide, found, out, settings=self.settings, cli=self.cli)
        except Exception as exc:  # report any failure; the guide itself is untouched
            self.call_from_thread(self.notify, f"Could not write the review copy: {exc}", severity="error")
            return
        self.call_from_thread(self.notify, f"Review copy written to {display_path(out)}")


_LIST_MARKER = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?[ \t]+")


def _comment_indent(line: str) -> str:
    """Where a suppression comment above ``line`` goes: for a list item, at the item's text,
    so the comment belongs to the item before it and a rendered list is not split in two."""
    marker = _LIST_MARKER.match(line)
    if marker:
        return marker.group(1) + " " * (marker.end() - len(marker.group(1)))
    return line[: len(line) - len(line.lstrip())]


def run(path: Path, profile: str | None = None) -> int:
    import sys

    from guidelint.profiles import all_profiles

    if profile and profile not in all_profiles():
        sys.stderr.write(f"guidelint: error: unknown profile '{profile}'; use one of {', '.join(sorted(all_profiles()))}\n")
        return 2
    try:
        app = GuideEditor(path, profile)
    except OpenError as exc:
        sys.stderr.write(f"guidelint: error: {exc}\n")
        return 2
    app.run()
    return app.return_code or 0
