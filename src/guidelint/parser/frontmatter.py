"""YAML front matter: read safely, with exact positions for errors and keys."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from guidelint import safe_yaml

from guidelint.model import FrontMatter

if TYPE_CHECKING:
    from guidelint.parser.builder import Builder


_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)
_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?:\r\n|\r|\n)?(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n)?\Z")


def read_front_matter(builder: Builder, start: int, raw: str) -> FrontMatter:
    body_start = start + _OPEN.match(raw).end()
    close = _CLOSE.search(raw)
    body_end = start + (close.start() if close else len(raw))
    body = builder.source[body_start:body_end]
    end = start + len(raw.rstrip("\r\n"))
    span = builder.span(start, end)
    fm = FrontMatter(span, builder.source[start:end], body)
    for m in _TOP_KEY.finditer(body):
        s = body_start + m.start("key")
        fm.key_spans.setdefault(m.group("key"), builder.span(s, s + len(m.group("key"))))
    try:
        data = safe_yaml.read(body) if body.strip() else {}
    except safe_yaml.YAMLError as exc:
        fm.valid = False
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is not None:
            line_offset = builder.lines.starts[builder.lines.position(body_start)[0] - 1 + mark.line] if (
                builder.lines.position(body_start)[0] - 1 + mark.line < len(builder.lines.starts)
            ) else body_start
            at = min(line_offset + mark.column, body_end)
        else:
            at = body_start
        # an alias bomb or a 5,000-digit number is well-formed YAML that is refused
        what = "cannot be read" if isinstance(exc, safe_yaml.Refused) else "is not valid YAML"
        builder.problem("front-matter-invalid", f"front matter {what}: {detail}", at, max(at, min(at + 1, body_end)))
        return fm
    if data is None:
        data = {}
    if not isinstance(data, dict):
        fm.valid = False
        builder.problem(
            "front-matter-invalid",
            f"front matter must be a mapping of keys to values, not a {type(data).__name__}",
            body_start,
            max(body_start, body_end),
        )
        return fm
    fm.data = {str(k): v for k, v in data.items()}
    return fm
