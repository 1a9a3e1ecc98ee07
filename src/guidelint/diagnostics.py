"""Diagnostics are plain data: code, name, severity, message, span, suggestion, fix."""

from __future__ import annotations

from enum import IntEnum
from operator import attrgetter

from guidelint.brief import brief
from guidelint.model import Guide, Span
from guidelint.records import NEW, Compared, Frozen


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {brief(value)}; use error, warning or info") from None

    def __str__(self) -> str:
        return self.name.lower()


class Edit(Frozen):
    """Replace source[start:end] (code-point offsets) with ``text``."""

    __slots__ = ("start", "end", "text")
    __match_args__ = ("start", "end", "text")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)


class Fix(Frozen):
    """A mechanical fix: what it does and the edits that do it."""

    __slots__ = ("description", "edits")
    __match_args__ = ("description", "edits")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    description: str
    edits: tuple[Edit, ...]

    def __init__(self, description: str, edits: tuple[Edit, ...]) -> None:
        object.__setattr__(self, "description", description)
        object.__setattr__(self, "edits", edits)


class Diagnostic(Compared):
    """One finding: the rule, its severity, where and what, and a fix when there is one."""

    __slots__ = ("code", "name", "severity", "message", "span", "path", "suggestion", "fix", "fatal", "extra", "related", "also",
                 "group", "base_message")
    __match_args__ = ("code", "name", "severity", "message", "span", "path", "suggestion", "fix", "fatal", "extra", "related",
                      "also", "group", "base_message")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    path: str
    suggestion: str | None
    fix: Fix | None
    #: file-level errors cannot be ignored or suppressed, and always fail
    fatal: bool
    extra: dict
    #: the other places of a repeated pattern this finding stands for (same file), in order
    related: tuple[Span, ...]
    #: names of lower-ranked rules that reported on the same words; named in the message
    also: tuple[str, ...]
    #: findings of one rule with equal keys are one finding (``Context.report(..., group=...)``)
    group: str | None
    #: the check's own message, when merging added to ``message``; baselines match on it
    base_message: str | None

    def __init__(self, code: str, name: str, severity: Severity, message: str, span: Span, path: str = "",
                 suggestion: str | None = None, fix: Fix | None = None, fatal: bool = False, extra: dict = NEW,
                 related: tuple[Span, ...] = (), also: tuple[str, ...] = (), group: str | None = None,
                 base_message: str | None = None) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.message = message
        self.span = span
        self.path = path
        self.suggestion = suggestion
        self.fix = fix
        self.fatal = fatal
        self.extra = {} if extra is NEW else extra
        self.related = related
        self.also = also
        self.group = group
        self.base_message = base_message

    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.code, self.message)

    def to_json(self) -> dict:
        data = {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "suggestion": self.suggestion,
            "fix": None,
            "also": list(self.also),
            "related": [{"path": self.path, "line": r.line, "column": r.column,
                         "end_line": r.end_line, "end_column": r.end_column} for r in self.related],
        }
        if self.fix is not None:
            data["fix"] = {
                "description": self.fix.description,
                "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in self.fix.edits],
            }
        return data


def in_original(guide: Guide, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Findings placed in the file the author wrote. A Word guide is checked as generated
    Markdown; its findings move to the document's paragraphs, and lose their fixes, which
    edit the Markdown and not the document."""
    if guide.origin is None:
        return diagnostics
    return [d._replace(span=guide.origin.span(d.span), fix=None) for d in diagnostics]
