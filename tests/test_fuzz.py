"""Property tests: for any text the parser and the rules never raise, every span lies inside
the file, the source sliced by a node's span is its raw text, its line and column are where
an independent count of line breaks puts them, and parsing is deterministic. Config files,
rule packs and baselines are fed the same way: any of them either loads or is refused with
the error the command line turns into exit 2, never anything else.

The default run tries a few hundred examples of each; `pytest -m slow` runs 10,000 guides.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidelint.baseline import BaselineError, read_baseline
from guidelint.catalogue import CatalogueError, load_pack
from guidelint.config import KEYS, ConfigError, Layer, Settings, load_settings
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


_BREAK = re.compile(r"\r\n|\r|\n")


def position(source: str, offset: int) -> tuple[int, int]:
    """Line and column of ``offset``, counted from the text itself (DESIGN section 1), not
    with the LineIndex under test."""
    breaks = [m.end() for m in _BREAK.finditer(source, 0, offset)]
    return len(breaks) + 1, offset - (breaks[-1] if breaks else 0) + 1


def check_invariants(text: str) -> None:
    guide = parse_text(text)
    length = len(guide.source)
    for node in nodes(guide):
        span = node.span
        assert 0 <= span.start <= span.end <= length
        assert guide.source[span.start:span.end] == node.raw
        assert (span.line, span.column) == position(guide.source, span.start)
        assert (span.end_line, span.end_column) == position(guide.source, span.end)
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


# ---- configuration files, rule packs and baselines --------------------------------------------

YAML_PIECES = ["\n", "  ", "- ", ": ", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "&0 ", "*0", "<<: ", "!!python/object ",
               "!custom ", ".nan", ".inf", "-1", "0", "1e999", "9" * 5000, "'", '"', "|", ">", "#", "---", "...",
               "true", "null", "2024-13-45", "\t", "\ufeff", "é", "GL102", "ALL", "{match}", "{match.x}", "(a+)+$",
               *KEYS, "languagetool", "url", "timeout", "enabled", "rules", "code", "name", "message", "patterns",
               "words", "suggest", "options", "scope", "ACME1", "x"]
YAML_VALUES = [".nan", ".inf", "-1", "0", "45", "9" * 5000, "2024-13-45", "nosuch", "case-study", "[GL0, nosuch]", "[1, 2]",
               "{GL004: loud}", "{GL004: [error]}", "{url: 'http://127.0.0.1:9', timeout: -1, enabled: true}",
               "&a [x, x]", "[*a, *a]", "*a", "!!python/object/apply:os.system ['true']", "'{match.x}'", "[abc]",
               "'(a+)+$'", "abc", "5", "[5]", "{}", "[]", "null"]
yaml_lines = st.tuples(st.sampled_from(sorted(KEYS) + ["rules", "code", "name", "message", "patterns", "words",
                                                       "suggest", "options", "tool", "x"]),
                       st.sampled_from(YAML_VALUES), st.sampled_from(["", "  ", "- "])).map(
    lambda kv: f"{kv[2]}{kv[0]}: {kv[1]}\n")
yaml_texts = (st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join) | st.text(max_size=200)
              | st.lists(yaml_lines, max_size=8).map("".join))
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                            max_size=4), max_leaves=12)
config_tables = st.dictionaries(st.sampled_from(sorted(KEYS)) | st.text(max_size=8), values, max_size=6)
# mostly well-formed rules, so the odd field is reached rather than the first check failing
pack_rules = st.fixed_dictionaries({
    "code": st.sampled_from(["ACME1", "ACME2", "ACME3", "GL1", "x"]),
    "name": st.sampled_from(["acme-one", "acme-two", "acme-three", "Bad Name"]),
    "message": st.sampled_from(["m", "'{match}'", "{match.__class__}", "{match:>9}", "{0}", "{", "{w}"]),
}, optional={
    "patterns": st.lists(st.sampled_from(["\\bx\\b", "(a+)+$", "(", "(?P<w>\\w+)", "x"]) | scalars, max_size=3) | values,
    "words": st.lists(st.sampled_from(["x", "like"]), max_size=2) | values,
    "suggest": st.sampled_from(["'{match}'", "{w}", "s"]) | values, "options": values, "exceptions": values,
    "scope": st.sampled_from(["question", "any", "note", "page"])}) | values


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=yaml_texts | config_tables.map(lambda t: yaml.safe_dump(t, allow_unicode=True)))
def test_any_config_file_loads_or_is_a_config_error(tmp_path, text):
    path = tmp_path / ".guidelint.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        settings_ = load_settings(path)
    except ConfigError as exc:
        assert str(exc).startswith(str(path)) and len(str(exc)) < 2000
        return
    try:  # what only the catalogue can judge (a rule name, a pack to load) is judged when it lints
        lint(parse_text("# G\n\n- Did you like it?\n", "g.guide.md"), settings_)
    except (ConfigError, CatalogueError) as exc:
        assert str(exc).startswith(str(path)) or str(tmp_path) in str(exc)
        assert len(str(exc)) < 2000


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from(["[tool.guidelint]\n", "tool = 'x'\n", "profile = ", "duration = ", "nan",
                                      "inf", "-1", '"x"', "[", "]", "{", "}", "\n", "9" * 5000, "select = ",
                                      "[tool.guidelint.languagetool]\n", "timeout = "]), max_size=20).map("".join))
def test_any_pyproject_loads_or_is_a_config_error(tmp_path, text):
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_settings(path)
    except ConfigError as exc:
        assert str(exc).startswith(str(path))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=yaml_texts | st.lists(pack_rules, max_size=3).map(lambda rules: yaml.safe_dump({"rules": rules})))
def test_any_rule_pack_loads_or_is_a_rule_pack_error(tmp_path, text):
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_pack(path)
    except CatalogueError as exc:
        assert str(exc).startswith(str(path)) and len(str(exc)) < 2000
        return
    cli = Settings(layers=[Layer(select=["ALL"])])
    for diagnostic in lint(parse_text("# G\n\n- Did you like the x?\n> a note\n", "g.guide.md"),
                           Settings(rule_packs=[path]), cli=cli):
        assert len(diagnostic.message) <= 2000


baseline_entries = st.fixed_dictionaries({}, optional={k: values for k in ("path", "code", "fingerprint", "count")})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200)
       | st.lists(st.sampled_from(['{"version": 1, "entries": ', "[", "]", "{", "}", ",", '"count": ', "1e999", "-1",
                                   "9" * 5000, '"path": "g"', "null", "[" * 5000]), max_size=20).map("".join)
       | st.lists(baseline_entries, max_size=4).map(lambda e: json.dumps({"version": 1, "entries": e})))
def test_any_baseline_loads_or_is_a_baseline_error(tmp_path, text):
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    try:
        counts = read_baseline(path)
    except BaselineError as exc:
        assert str(exc).startswith(str(path)) and len(str(exc)) < 2000
        return
    assert all(type(n) is int and n >= 1 for n in counts.values())
