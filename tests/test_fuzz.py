"""Property tests: for any text the parser and the rules never raise, every span lies inside
the file, the source sliced by a node's span is its raw text, and parsing is deterministic.

The default run tries a few hundred examples; `pytest -m slow` runs 10,000.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidelint.config import Layer, Settings
from guidelint.engine import lint
from guidelint.model import Question
from guidelint.parser import parse_bytes, parse_text

PIECES = ["# ", "## ", "###", "- ", "  - ", "\t- ", "1. ", "> ", "*", "**", "_", "[", "]", "(", ")", "{", "}",
          "objective=", "=", "?", "…", "(5 min)", "(5-10 min)", " - 5 minutes", "(X minutes)", "---", "```", "~~~",
          "<!-- ", " -->", "guidelint-disable-next-line GL102", " -- why", "PROMPT: ", "QUESTION: ", "If yes: ",
          "Did you", "How", "What", "Tell me about", "and", "é", "🎉", "\u2028", "\r", "\r\n", "\n", "\t", " ",
          "|", "\\", "Task 1: ", "**Scenario**", "[ ] ", "title: x", "duration: 30", "\ufeff", "x", "Y"]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join) | st.text(max_size=300)


def nodes(guide):
    if guide.front_matter is not None:
        yield guide.front_matter
    for section in guide.iter_sections():
        if section.heading is not None:
            yield section.heading
            if section.heading.timebox is not None:
                yield section.heading.timebox
            yield from section.heading.attributes
        for block in section.blocks:
            yield block
            if isinstance(block, Question):
                for q in block.walk():
                    yield q
                    yield from q.sentences
                    yield from q.notes
                    yield from q.attributes
                    yield from q.options
    yield from guide.suppressions


def check_invariants(text: str) -> None:
    guide = parse_text(text)
    length = len(guide.source)
    for node in nodes(guide):
        span = node.span
        assert 0 <= span.start <= span.end <= length
        assert guide.source[span.start:span.end] == node.raw
        assert guide.lines.span(span.start, span.end) == span
    for problem in guide.problems:
        assert 0 <= problem.span.start <= problem.span.end <= length
    again = parse_text(text)
    assert [(type(n).__name__, n.span, n.text) for n in nodes(again)] == [(type(n).__name__, n.span, n.text) for n in nodes(guide)]
    cli = Settings(layers=[Layer(select=["ALL"])])
    for diagnostic in lint(guide, Settings(), cli=cli):
        assert 1 <= diagnostic.span.line <= guide.lines.line_count


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_parser_and_rules_never_raise(text):
    check_invariants(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes(data):
    guide = parse_bytes(data)
    lint(guide, Settings())


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_parser_and_rules_never_raise_long_run(text):
    check_invariants(text)
