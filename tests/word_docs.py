"""Word documents for the tests, written with python-docx in Word's usual styles.

``twin_of`` turns a Markdown guide into the .docx its author would have written in Word: the
guide's one top heading in the Title style and the rest in Heading 1-5, list items in List
Bullet / List Number styles with their level, blockquotes in Quote, bold-only and italic-only
lines as bold or italic runs, front matter typed as plain paragraphs between ``---`` lines,
and lines of one Markdown paragraph joined into one Word paragraph. Inline text stays as
typed. It also returns where each Markdown line went (paragraph number and column), so a test
can compare a finding in the Markdown with the same finding in the Word twin.

This is written independently of guidelint's own reader and writer on purpose: a test that
read back guidelint's own output would share its mistakes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pytest

docx = pytest.importorskip("docx")

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])[ \t]+(?P<text>.*)$")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?(?P<text>.*)$")
_BOLD = re.compile(r"^\*\*(?P<text>[^*].*?)\*\*\s*$")
_ITALIC = re.compile(r"^(?P<mark>[*_])(?P<text>[^*_].*?)(?P=mark)\s*$")


@dataclass
class Twin:
    data: bytes
    #: Markdown line -> (paragraph number, paragraph column of the line's first word, Markdown column of it)
    lines: dict[int, tuple[int, int, int]] = field(default_factory=dict)

    def place(self, line: int, column: int) -> tuple[int, int]:
        """Where a Markdown (line, column) is in the Word twin; markup maps to the words after it."""
        paragraph, para_column, md_column = self.lines[line]
        return paragraph, para_column + max(0, column - md_column)


class _Writer:
    def __init__(self) -> None:
        self.document = docx.Document()
        self.count = 0  # paragraphs written so far (table paragraphs are not used here)
        self.current = None  # (paragraph, text so far) of a paragraph lines are joined into
        self.lines: dict[int, tuple[int, int, int]] = {}

    def add(self, text: str, style: str | None = None, *, bold: bool = False, italic: bool = False):
        paragraph = self.document.add_paragraph(style=style)
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        self.count += 1
        return paragraph

    def start(self, number: int, text: str, md_column: int, style: str | None = None, **emphasis) -> None:
        paragraph = self.add(text, style, **emphasis)
        self.lines[number] = (self.count, 1, md_column)
        self.current = [paragraph, text] if not emphasis else None

    def join(self, number: int, text: str, md_column: int) -> None:
        paragraph, so_far = self.current
        column = len(so_far) + 2
        paragraph.runs[0].text = so_far + " " + text
        self.current[1] = so_far + " " + text
        self.lines[number] = (self.count, column, md_column)


def twin_of(markdown: str) -> Twin:
    writer = _Writer()
    lines = markdown.split("\n")
    i = 0
    if lines and lines[0].strip() == "---":  # front matter: a paragraph per line, as typed
        end = next(k for k in range(1, len(lines)) if lines[k].strip() in ("---", "..."))
        for k in range(end + 1):
            writer.add(lines[k])
            writer.lines[k + 1] = (writer.count, 1, 1)
        i = end + 1
    headings = [m for m in (_HEADING.match(line) for line in lines[i:]) if m]
    one_title = sum(1 for m in headings if len(m.group(1)) == 1) == 1 and headings and len(headings[0].group(1)) == 1
    levels: list[int] = []  # indents of the open list items
    mode = None
    for k in range(i, len(lines)):
        number, line = k + 1, lines[k]
        if not line.strip():
            mode = None if mode != "item" else "after-item"
            writer.current = None
            continue
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        quote = _QUOTE.match(line)
        if heading:
            level = len(heading.group(1))
            style = "Title" if one_title and level == 1 else f"Heading {level - 1 if one_title else level}"
            writer.start(number, heading.group(2), line.index(heading.group(2)) + 1, style)
            writer.current, mode, levels = None, "heading", []
        elif item:
            indent = len(item.group("indent").expandtabs(4))
            while levels and levels[-1] > indent:
                levels.pop()
            if not levels or levels[-1] < indent:
                levels.append(indent)
            level = len(levels) - 1
            kind = "List Number" if item.group("marker")[0].isdigit() else "List Bullet"
            style = kind if level == 0 else f"{kind} {level + 1}"
            writer.start(number, item.group("text"), item.start("text") + 1, style)
            mode = "item"
        elif quote:
            text = quote.group("text")
            if not text.strip():
                writer.current = None
                continue
            if mode == "quote" and writer.current is not None:
                writer.join(number, text.strip(), quote.start("text") + 1 + len(text) - len(text.lstrip()))
            else:
                writer.start(number, text.strip(), quote.start("text") + 1 + len(text) - len(text.lstrip()), "Quote")
            mode = "quote"
        elif _BOLD.match(line.strip()):
            m = _BOLD.match(line.strip())
            writer.start(number, m.group("text"), line.index(m.group("text")) + 1, bold=True)
            mode = "bold"
        elif _ITALIC.match(line.strip()):
            m = _ITALIC.match(line.strip())
            writer.start(number, m.group("text"), line.index(m.group("text")) + 1, italic=True)
            mode = "italic"
        elif mode in ("paragraph", "item") and writer.current is not None:  # a lazy continuation
            text = line.strip()
            writer.join(number, text, line.index(text) + 1)
        else:
            text = line.strip()
            writer.start(number, text, line.index(text) + 1)
            mode, levels = "paragraph", []
    out = io.BytesIO()
    writer.document.save(out)
    return Twin(out.getvalue(), writer.lines)
