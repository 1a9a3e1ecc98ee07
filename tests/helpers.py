"""Small helpers shared by the tests: lint a snippet, pick findings by rule."""

from __future__ import annotations

from guidelint.config import Layer, Settings
from guidelint.engine import lint
from guidelint.parser import parse_text

QUESTION_WRAPPER = "# Guide\n\n## Questions\n\n- {text}\n"


def as_guide(example: str) -> str:
    """A catalogue example: a whole guide when it has several lines, else one question."""
    if "\n" in example.strip() or example.startswith(("---", "#")):
        return example
    return QUESTION_WRAPPER.format(text=example)


def lint_snippet(text: str, *, select: list[str] | None = None, settings: Settings | None = None, path: str = "t.guide.md"):
    settings = settings or Settings()
    cli = Settings(layers=[Layer(select=select or ["ALL"])])
    return lint(parse_text(text, path), settings, cli=cli)


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def names(diagnostics) -> list[str]:
    return [d.name for d in diagnostics]
