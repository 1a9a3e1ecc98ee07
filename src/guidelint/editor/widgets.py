"""The editor's widgets: the guide text with findings in place, the outline, the findings list
and the status line. They only display; the app decides what to show and when.

Findings in the text: Textual 8's TextArea has no API for decorations over a range, but its
documented ``get_line`` hook returns a Rich ``Text`` "you can stylize to apply additional
styling". ``GuideTextArea`` underlines each finding's range there, in a style per severity
taken from component classes (``finding--error`` ...) that editor.tcss maps to theme colours,
so dark and light themes both stay readable; and it puts a severity mark in the line-number
gutter (``render_line``), which also shows findings on blank lines and zero-width spans.

Speed: Textual 8 re-queries the syntax tree of the whole document after every edit
(``TextArea._build_highlight_map``), which costs tens of milliseconds per keystroke at 5,000
lines. ``GuideTextArea`` overrides that private method to query only the lines around the
viewport and re-queries when scrolling leaves them. Its renderer also asks the wrapped
document for its height once per painted line, a sum over all lines; ``_WrappedDocument``
answers from the length of the list Textual already keeps. Measured in
benchmarks/editor_latency.py.
"""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar, Iterable

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Offset, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import Static, TextArea

from guidelint.diagnostics import Diagnostic, Severity
from guidelint.editor.analysis import Analysis, OutlineRow, minutes
from guidelint.model import Span

SEVERITY_MARK = {Severity.ERROR: "●", Severity.WARNING: "▲", Severity.INFO: "•"}
SEVERITY_STYLE = {Severity.ERROR: "$text-error", Severity.WARNING: "$text-warning", Severity.INFO: "$text-accent"}
#: syntax highlights are built for this many lines above and below the viewport
HIGHLIGHT_MARGIN = 150
#: a finding spanning more lines than this (a whole section) is underlined on its first line only
_MAX_UNDERLINED_LINES = 3


def underline_ranges(span: Span) -> list[tuple[int, int, int | None]]:
    """(0-based line, start column, end column or None for end of line) to underline."""
    line, column = span.line - 1, span.column - 1
    end_line, end_column = span.end_line - 1, span.end_column - 1
    if end_line > line and end_column == 0:  # ends at the start of a line: stop at the end of the one before
        end_line, end_column = end_line - 1, None
    if end_line == line:
        if end_column is not None and end_column <= column:
            end_column = column + 1  # a zero-width span still marks one character
        return [(line, column, end_column)]
    if end_line - line + 1 > _MAX_UNDERLINED_LINES:
        return [(line, column, None)]
    return [(line, column, None), *((row, 0, None) for row in range(line + 1, end_line)), (end_line, 0, end_column)]


class _WrappedDocument(WrappedDocument):
    @property
    def height(self) -> int:
        # one entry per visual line, kept in step by wrap() and wrap_range()
        return len(self._offset_to_line_info)


class GuideTextArea(TextArea):
    """A TextArea that underlines findings by severity and marks their lines in the gutter."""

    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {
        "finding--error", "finding--warning", "finding--info",
        "finding-mark--error", "finding-mark--warning", "finding-mark--info",
    }
    BINDINGS = [
        Binding("ctrl+home", "document_start", "Start of guide", show=False),
        Binding("ctrl+end", "document_end", "End of guide", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._underlines: dict[int, list[tuple[int, int | None, Severity]]] = {}
        self._worst: dict[int, Severity] = {}
        self._highlight_window = (0, -1)

    def action_document_start(self) -> None:
        self.move_cursor(self.document.start)

    def action_document_end(self) -> None:
        self.move_cursor(self.document.end)

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        self.wrapped_document.__class__ = _WrappedDocument

    def _visible_rows(self) -> tuple[int, int]:
        top = self.scroll_offset.y
        first, _ = self.wrapped_document.offset_to_location(Offset(0, top))
        last, _ = self.wrapped_document.offset_to_location(Offset(0, top + max(self.size.height, 1)))
        return first, last

    def _build_highlight_map(self) -> None:
        """Syntax highlights for the lines around the viewport only (Textual does the whole document)."""
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        if not self._highlight_query:
            return
        first, last = self._visible_rows()
        start, end = max(first - HIGHLIGHT_MARGIN, 0), last + HIGHLIGHT_MARGIN
        self._highlight_window = (start, end)
        captures = self.document.query_syntax_tree(self._highlight_query, (start, 0), (end + 1, 0))
        for name, nodes in captures.items():
            for node in nodes:
                (top_row, top_column), (bottom_row, bottom_column) = node.start_point, node.end_point
                if top_row == bottom_row:
                    highlights[top_row].append((top_column, bottom_column, name))
                    continue
                if start <= top_row <= end:
                    highlights[top_row].append((top_column, None, name))
                for row in range(max(top_row + 1, start), min(bottom_row, end + 1)):
                    highlights[row].append((0, None, name))
                if start <= bottom_row <= end:
                    highlights[bottom_row].append((0, bottom_column, name))

    def watch_scroll_y(self) -> None:
        first, last = self._visible_rows()
        start, end = self._highlight_window
        if self._highlight_query and (first < start or last > end):
            self._build_highlight_map()
            self.refresh()

    def _on_resize(self) -> None:
        super()._on_resize()
        first, last = self._visible_rows()
        start, end = self._highlight_window
        if self._highlight_query and (first < start or last > end):
            self._build_highlight_map()

    def show_findings(self, diagnostics: Iterable[Diagnostic]) -> None:
        underlines: dict[int, list[tuple[int, int | None, Severity]]] = defaultdict(list)
        worst: dict[int, Severity] = {}
        for d in diagnostics:
            for row, start, end in underline_ranges(d.span):
                underlines[row].append((start, end, d.severity))
            row = d.span.line - 1
            worst[row] = max(worst.get(row, d.severity), d.severity)
        for marks in underlines.values():
            marks.sort(key=lambda m: m[2])  # the most severe is applied last, so it shows
        if underlines == self._underlines and worst == self._worst:
            return
        self._underlines, self._worst = dict(underlines), worst
        # the TextArea caches rendered lines by cursor and scroll state, not by our marks
        self._line_cache.clear()
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for start, end, severity in self._underlines.get(line_index, ()):
            style = self.get_component_rich_style(f"finding--{severity}", partial=True)
            line.stylize(style, start, end)
        return line

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not self._worst or not self.show_line_numbers:
            return strip
        document_y = y + self.scroll_offset.y
        if document_y >= self.virtual_size.height:  # below the text (wrapped height, kept by TextArea)
            return strip
        row, column = self.wrapped_document.offset_to_location(Offset(0, document_y))
        severity = self._worst.get(row)
        if severity is None or column != 0:  # soft-wrapped continuation lines carry no number
            return strip
        at = self.gutter_width - 2  # the gutter is "<number>  "; the mark takes the first space
        before, cell, after = strip.crop(0, at), strip.crop(at, at + 1), strip.crop(at + 1)
        base = next(iter(cell), Segment(" ")).style
        mark_style = self.get_component_rich_style(f"finding-mark--{severity}", partial=True)
        mark = Strip([Segment(SEVERITY_MARK[severity], base + mark_style if base else mark_style)], 1)
        return Strip.join([before, mark, after])


class RowList(ScrollView, can_focus=True):
    """A keyboard- and mouse-navigable list of one-line rows, drawn only where visible.

    OptionList measures and wraps every option when its options change, which takes a
    quarter of a second for the thousand findings of a 5,000-line guide; this list costs
    the same for ten rows or ten thousand.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--cursor-blurred"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        Binding("enter", "select", "Go there"),
    ]

    highlighted: reactive[int | None] = reactive(None)

    class Highlighted(Message):
        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    class Selected(Highlighted):
        pass

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.items: list = []
        self._strips: dict[tuple, Strip] = {}

    def set_items(self, items: list) -> None:
        self.items = items
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(items))
        if not items:
            self.highlighted = None
        elif self.highlighted is None or self.highlighted >= len(items):
            self.highlighted = min(self.highlighted or 0, len(items) - 1)
        self.refresh()

    def content_for(self, item, width: int) -> Content:
        raise NotImplementedError

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.items))

    def watch_highlighted(self, index: int | None) -> None:
        if index is None:
            return
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif height and index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, index))

    def _on_focus(self, event) -> None:
        self.refresh()

    def _on_blur(self, event) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self.items):
            return Strip.blank(width, self.rich_style)
        cursor = ""
        if index == self.highlighted:
            cursor = "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
        key = (index, width, cursor)
        strip = self._strips.get(key)
        if strip is None:
            style = self.get_visual_style(cursor) if cursor else self.visual_style
            # the row's mark shows where the cursor is without colour (a monochrome terminal, a
            # colour-blind reader, a screenshot in a bug report)
            mark = ("▶ " if self.has_focus else "▷ ") if cursor else "  "
            content = Content.assemble(mark, self.content_for(self.items[index], max(width - len(mark), 1)))
            content = content.truncate(width, ellipsis=True)
            strip = Visual.to_strips(self, content, width, 1, style)[0].extend_cell_length(width, style.rich_style)
            self._strips[key] = strip
        return strip

    def action_move(self, step: int) -> None:
        if self.items:
            self.highlighted = min(max((self.highlighted or 0) + step, 0), len(self.items) - 1)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.scrollable_content_region.height - 1, 1))

    def action_move_to(self, index: int) -> None:
        if self.items:
            self.highlighted = index % len(self.items)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.items):
            self.highlighted = index
            self.post_message(self.Selected(self, index))


class FindingsList(RowList):
    """Severity, position, code and message of every finding, one a line; Enter jumps to it."""

    def show(self, diagnostics: list[Diagnostic]) -> None:
        self.set_items(list(diagnostics))

    def content_for(self, item: Diagnostic, width: int) -> Content:
        return finding_prompt(item)


def finding_prompt(d: Diagnostic) -> Content:
    style = SEVERITY_STYLE[d.severity]
    return Content.assemble(
        (f"{SEVERITY_MARK[d.severity]} {str(d.severity):<7}", style),
        (f" {d.span.line:>4}:{d.span.column:<3} ", "$text-muted"),
        (d.code, "bold"),
        " ",
        d.message,
    )


def finding_detail(d: Diagnostic | None) -> Content:
    if d is None:
        return Content("")
    parts: list = [(f"{d.code} {d.name}: ", "bold"), d.message]
    if d.suggestion:
        parts += [("  Suggestion: ", "$text-muted"), d.suggestion]
    if d.fix is not None:
        parts += [("  ctrl+f: ", "$text-muted"), d.fix.description]
    return Content.assemble(*parts)


class Outline(RowList):
    """Sections with their time boxes, the plan's running total and question counts."""

    @property
    def rows(self) -> list[OutlineRow]:
        return self.items

    def show(self, analysis: Analysis) -> None:
        if analysis.outline != self.items:
            self.set_items(list(analysis.outline))

    def content_for(self, item: OutlineRow, width: int) -> Content:
        return outline_prompt(item, width)


def outline_prompt(row: OutlineRow, width: int) -> Content:
    """ "  Title………   box  total  Q" fitted to ``width`` cells."""
    box = f"{row.box:>5}"
    total = f"{minutes(*row.running):>6}" if row.running else " " * 6
    count = f"{row.questions:>3}"
    title_width = max(width - len(box) - len(total) - len(count), 4)
    indent = "  " * min(row.depth, 3)
    title = Content(indent + row.title).truncate(title_width, ellipsis=True, pad=True)
    total_style = {"over": "$text-error bold", "tight": "$text-warning"}.get(row.budget, "$text-muted")
    return Content.assemble(
        title,
        (box, "$text-warning" if row.box == "?" else ""),
        (total, total_style),
        (count, "$text-muted" if row.questions == 0 else ""),
    )


def outline_header(width: int) -> Content:
    return Content.assemble(("Section".ljust(max(width - 14, 4)), "bold"), ("  min total  Q", "bold"))


def plan_summary(analysis: Analysis | None) -> Content:
    if analysis is None or analysis.planned is None:
        if analysis is not None and analysis.session is not None:
            return Content(f"No time boxes; session {analysis.session:g} min")
        return Content("No time boxes yet")
    low, high = analysis.planned
    planned = minutes(low, high)
    if analysis.session is None:
        return Content(f"Planned {planned} min; session length unknown")
    state = {"over": "$text-error bold", "tight": "$text-warning"}.get(
        "over" if low > analysis.session else "tight" if high > analysis.session else "", "$text-success")
    return Content.assemble(("Planned ", ""), (f"{planned} of {analysis.session:g} min", state),
                            (f" ({analysis.session_source})", "$text-muted"))


class StatusLine(Static):
    """Counts by severity, planned minutes against the session, questions, saved or not."""

    def show(self, analysis: Analysis | None, *, modified: bool, note: str | None = None,
             cursor: tuple[int, int] | None = None) -> None:
        parts: list[Content | str | tuple[str, str]] = []
        if cursor is not None:  # 1-based, as findings and `guidelint check` give them
            parts.append((f"Ln {cursor[0]}, Col {cursor[1]}", "bold"))
            parts.append("  │ ")
        parts.append(("● unsaved" if modified else "saved", "$text-warning bold" if modified else "$text-success"))
        if analysis is not None:
            counts = analysis.counts()
            parts.append("  │ ")
            pieces = [(f"{counts[s]} {str(s)}{'s' if counts[s] != 1 and s != Severity.INFO else ''}",
                       SEVERITY_STYLE[s] if counts[s] else "$text-muted") for s in reversed(Severity)]
            for i, piece in enumerate(pieces):
                parts.append(piece)
                if i < len(pieces) - 1:
                    parts.append(" ")
            parts.append("  │ ")
            parts.append(_minutes_part(analysis))
            parts.append(f"  │ {analysis.questions} question{'s' if analysis.questions != 1 else ''}")
        if note:
            parts.append("  │ ")
            parts.append((note, "$text-error"))
        self.update(Content.assemble(*parts))


def _minutes_part(analysis: Analysis) -> tuple[str, str]:
    session = f"{analysis.session:g}" if analysis.session is not None else "?"
    if analysis.planned is None:
        return (f"no time boxes / {session} min", "$text-muted")
    low, high = analysis.planned
    text = f"{minutes(low, high)} / {session} min"
    if analysis.session is not None and low > analysis.session:
        return (text + " over", "$text-error bold")
    if analysis.session is not None and high > analysis.session:
        return (text, "$text-warning")
    return (text, "")
