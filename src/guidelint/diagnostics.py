"""Diagnostics are plain data: code, name, severity, message, span, suggestion, fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from guidelint.brief import brief
from guidelint.model import Span


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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source[start:end] (code-point offsets) with ``text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]


@dataclass(slots=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    path: str = ""
    suggestion: str | None = None
    fix: Fix | None = None
    #: file-level errors cannot be ignored or suppressed, and always fail
    fatal: bool = False
    extra: dict = field(default_factory=dict)

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
        }
        if self.fix is not None:
            data["fix"] = {
                "description": self.fix.description,
                "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in self.fix.edits],
            }
        return data
