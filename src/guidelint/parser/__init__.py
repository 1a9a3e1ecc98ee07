"""From bytes to a Guide: decoding, the Lark grammar, and the model builder.

``parse_text`` never raises on any text; ``decode`` turns bytes into text or a file-level
problem (binary, not UTF-8, too large) with the exact position of the fault.
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

from guidelint.model import Guide, LineIndex, Problem
from guidelint.reading import MAX_BYTES  # the limit every read of a guide honours
from guidelint.records import Compared
from guidelint.resources import resource_path

WORD_SUFFIXES = (".docx",)


if TYPE_CHECKING:
    from lark import Lark


@lru_cache(maxsize=1)
def grammar() -> Lark:
    """The LALR parser, built once; Lark's cache keeps its tables between runs. Lark is
    imported here, not with the module: a run served from the cache never parses."""
    from lark import Lark

    from guidelint.parser.lexer import LineLexer

    path = resource_path("grammar", "guide.lark")
    return Lark(
        path.read_text(encoding="utf-8"),
        parser="lalr",
        lexer=LineLexer,  # the contextual lexer's tokens, at about 60 % of its cost
        cache=True,
        maybe_placeholders=False,
    )


class Decoded(Compared):
    """A file's bytes as text, or the problem that stops it being read."""

    __slots__ = ("text", "had_bom", "problem")
    __match_args__ = ("text", "had_bom", "problem")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    text: str | None
    had_bom: bool
    problem: Problem | None

    def __init__(self, text: str | None, had_bom: bool = False, problem: Problem | None = None) -> None:
        self.text = text
        self.had_bom = had_bom
        self.problem = problem


def decode(data: bytes, *, max_bytes: int = MAX_BYTES) -> Decoded:
    from guidelint.model import Span

    def at(line: int, col: int, offset: int = 0) -> Span:
        return Span(offset, offset, line, col, line, col)

    if len(data) > max_bytes:  # reads stop one byte past the limit, so the true size is unknown here
        return Decoded(None, problem=Problem(
            "file-too-large",
            f"file is larger than {max_bytes / 1048576:g} MB; guides that large are not checked",
            at(1, 1)))
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        return Decoded(None, problem=Problem("binary-file", "file looks binary (it holds NUL bytes); not a guide", at(1, 1)))
    had_bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if had_bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = body[: exc.start].decode("utf-8", errors="replace")
        index = LineIndex(good)
        line, col = index.position(len(good))
        return Decoded(None, had_bom, Problem(
            "file-not-utf8",
            f"file is not UTF-8: byte 0x{body[exc.start]:02x} at byte offset {exc.start + (3 if had_bom else 0)} "
            "cannot be decoded; save the file as UTF-8",
            at(line, col, len(good))))
    if "\x00" in text:
        return Decoded(None, had_bom, Problem("binary-file", "file looks binary (it holds NUL bytes); not a guide", at(1, 1)))
    return Decoded(text, had_bom)


def parse_text(text: str, path: str = "<guide>", *, had_bom: bool = False) -> Guide:
    """Parse decoded guide text (a leading BOM is removed) into the model."""
    from lark import Tree
    from lark.exceptions import LarkError

    from guidelint.parser.builder import Builder
    from guidelint.parser.frontmatter import masked, misplaced_front_matter

    if text.startswith("\ufeff"):
        text = text[1:]
        had_bom = True
    # Front matter below line 1 is not front matter, but its `---` lines would make its keys a
    # heading; it is read as a literal block and reported (front-matter-not-read).
    misplaced = misplaced_front_matter(text)
    read = masked(text, misplaced) if misplaced is not None else text
    builder = Builder(path, read, had_bom)
    try:
        tree = grammar().parse(read)
    except LarkError as exc:  # the grammar accepts any text; this is a safety net
        line = getattr(exc, "line", 1) or 1
        column = getattr(exc, "column", 1) or 1
        offset = builder.lines.offset(line, column)
        builder.problem("syntax-error", f"cannot parse this line: {exc.__class__.__name__}", offset, offset)
        tree = Tree("start", [])
    guide = builder.build(tree)
    if misplaced is not None:
        _restore(guide, text, misplaced)
    return guide


def _restore(guide: Guide, text: str, misplaced) -> None:
    """Give the guide its own text back (fixes edit it) and report the block that was not read."""
    from guidelint.parser.frontmatter import misplaced_message

    guide.source = text
    for section in guide.sections:
        for block in section.blocks:
            if block.span.start == misplaced.opening:
                block.raw = text[block.span.start:block.span.end]
    span = guide.lines.span(misplaced.opening, misplaced.end)
    guide.problems.append(Problem("front-matter-not-read", misplaced_message(misplaced, span.line, span.end_line),
                                  guide.lines.span(misplaced.opening, misplaced.opening + 3)))


def is_word_path(path: str) -> bool:
    """A Word guide (.docx), read by guidelint.parser.word; everything else is Markdown."""
    return path.lower().endswith(WORD_SUFFIXES)


def parse_file(data: bytes, path: str) -> Guide:
    """A guide from a file's bytes, read as Word or Markdown by its name."""
    if is_word_path(path):
        from guidelint.parser.word import parse_word  # python-docx only for Word files

        return parse_word(data, path)
    return parse_bytes(data, path)


def parse_bytes(data: bytes, path: str = "<guide>", *, max_bytes: int = MAX_BYTES) -> Guide:
    decoded = decode(data, max_bytes=max_bytes)
    if decoded.text is None:
        guide = Guide(path, "", LineIndex(""), None, [], problems=[decoded.problem])
        return guide
    return parse_text(decoded.text, path, had_bom=decoded.had_bom)


__all__ = ["parse_text", "parse_bytes", "parse_file", "is_word_path", "decode", "grammar"]
