"""From bytes to a Guide: decoding, the Lark grammar, and the model builder.

``parse_text`` never raises on any text; ``decode`` turns bytes into text or a file-level
problem (binary, not UTF-8, too large) with the exact position of the fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Tree
from lark.exceptions import LarkError

from guidelint.model import Guide, LineIndex, Problem
from guidelint.reading import MAX_BYTES  # the limit every read of a guide honours
from guidelint.resources import resource_path


@lru_cache(maxsize=1)
def grammar() -> Lark:
    """The LALR parser, built once; Lark's cache keeps its tables between runs."""
    path = resource_path("grammar", "guide.lark")
    return Lark(
        path.read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        cache=True,
        maybe_placeholders=False,
    )


@dataclass(slots=True)
class Decoded:
    text: str | None
    had_bom: bool = False
    problem: Problem | None = None


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
    from guidelint.parser.builder import Builder

    if text.startswith("\ufeff"):
        text = text[1:]
        had_bom = True
    builder = Builder(path, text, had_bom)
    try:
        tree = grammar().parse(text)
    except LarkError as exc:  # the grammar accepts any text; this is a safety net
        line = getattr(exc, "line", 1) or 1
        column = getattr(exc, "column", 1) or 1
        offset = builder.lines.offset(line, column)
        builder.problem("syntax-error", f"cannot parse this line: {exc.__class__.__name__}", offset, offset)
        return builder.build(Tree("start", []))
    return builder.build(tree)


def parse_bytes(data: bytes, path: str = "<guide>", *, max_bytes: int = MAX_BYTES) -> Guide:
    decoded = decode(data, max_bytes=max_bytes)
    if decoded.text is None:
        guide = Guide(path, "", LineIndex(""), None, [], problems=[decoded.problem])
        return guide
    return parse_text(decoded.text, path, had_bom=decoded.had_bom)


__all__ = ["parse_text", "parse_bytes", "decode", "grammar"]
