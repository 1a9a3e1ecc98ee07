"""guidelint's lexer for the guide grammar gives exactly the tokens Lark's contextual lexer gives:
same types, text, offsets, lines and columns, and the same parse errors."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lark import Lark
from lark import Token
from lark.exceptions import LarkError

from guidelint.parser import grammar
from guidelint.parser.lexer import LineLexer
from guidelint.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent
REAL_GUIDES = ROOT.parent / "shared" / "real-guides"

# Every kind of line the grammar tells apart, with each line ending, and the broken ones
# (an unclosed fence or comment, front matter below line 1, a `===` after an item's lazy line).
LINES = [
    "# Heading\n", "##Tight\n", "####### seven\n", "   ### indented\n", "Some text.\n", "More text\r\n",
    "Old Mac\r", "\n", "  \n", "\t\n", "\r\n", "- item\n", "* item\n", "+ item\n", "-\n", "1. first\n",
    "2) second\n", "2.1 outline\n", "3.4.1. deeper\n", "\u2022 bullet\n", "    - nested\n", "\t* tabbed\n",
    "===\n", "  ==  \n", "---\n", "- - -\n", "***\n", "_ _ _\n", "---x\n", "> quoted\n", "   > quoted\n",
    "    > code-ish\n", "| a | b |\n", "|---|---|\n", "```\n", "```python\n", "````\n", "~~~\n", "~~~~ x\n",
    "<!-- note -->\n", "<!-- guidelint-disable -->\n", "<!--\n", "-->\n", "---\ntitle: T\n---\n",
    "...\n", "    indented code\n", "\u00a0\n", "word", "  ", "\r", " " * 20 + "- deep\n", "\t" * 17 + "# deep\n",
    "  \u3000 wide space\n", "\u0663. Arabic-Indic digit\n", "\u00e9t\u00e9\n", " \t \n",
]

_ATTRIBUTES = Token.__slots__


def _flat(node) -> list:
    if isinstance(node, Token):
        return [tuple(getattr(node, name) for name in _ATTRIBUTES)]
    return [("tree", node.data), *(x for child in node.children for x in _flat(child)), ("end",)]


def _reading(parser: Lark, text: str) -> list:
    try:
        return _flat(parser.parse(text))
    except LarkError as exc:
        return [("error", type(exc).__name__, exc.line, exc.column, str(getattr(exc, "token", "")))]


@pytest.fixture(scope="module")
def contextual() -> Lark:
    source = resource_path("grammar", "guide.lark").read_text(encoding="utf-8")
    return Lark(source, parser="lalr", lexer="contextual", maybe_placeholders=False)


def test_the_guide_grammar_is_lexed_by_line_lexer():
    assert grammar().options.lexer is LineLexer


def test_the_same_tokens_as_lark_on_every_kind_of_line(contextual):
    rng = random.Random(13)
    texts = LINES + ["".join(rng.choice(LINES) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    ours = grammar()
    differ = [text for text in texts if _reading(ours, text) != _reading(contextual, text)]
    assert differ == []


def test_the_same_tokens_as_lark_on_the_guides_beside_the_repo(contextual):
    paths = sorted((ROOT / "examples").glob("*.md")) + sorted((ROOT / "tests" / "data" / "written_guides").rglob("*.md"))
    if REAL_GUIDES.is_dir():
        paths += sorted(REAL_GUIDES.rglob("*.md"))
    assert paths
    ours = grammar()
    differ = [path.name for path in paths
              if _reading(ours, text := path.read_text(encoding="utf-8")) != _reading(contextual, text)]
    assert differ == []


def test_a_text_slice_is_lexed_between_its_ends(contextual):
    """The slice's end stops a line's indentation as the end of the text does."""
    TextSlice = getattr(pytest.importorskip("lark.utils"), "TextSlice", None)
    if TextSlice is None:
        pytest.skip("this Lark reads whole strings only")

    text = "---\na: 1\n---\n# G\n\n      - item\nlazy\n\t\t> quote\n  ===\n"
    ours = grammar()
    slices = [TextSlice(text, start, end) for start in range(len(text)) for end in range(start, len(text) + 1)]
    assert [s for s in slices if _reading(ours, s) != _reading(contextual, s)] == []


def test_lines_starting_with_more_characters_than_are_remembered(contextual):
    text = "".join(f"{chr(0x4E00 + i)} line\n  {chr(0x4E00 + i)} indented\n" for i in range(3000))
    assert _reading(grammar(), text) == _reading(contextual, text)


def test_without_reading_the_terminals_every_line_tries_every_terminal(contextual, monkeypatch):
    import guidelint.parser.lexer as lexer_module

    monkeypatch.setattr(lexer_module, "_read_leads", lambda expressions, flags: None)
    source = resource_path("grammar", "guide.lark").read_text(encoding="utf-8")
    plain = Lark(source, parser="lalr", lexer=LineLexer, maybe_placeholders=False)
    rng = random.Random(7)
    texts = ["".join(rng.choice(LINES) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    assert [t for t in texts if _reading(plain, t) != _reading(contextual, t)] == []


@pytest.mark.parametrize(("expression", "first", "not_first", "indentation_alone", "anchored"), [
    (r"[ \t]*-[^\n]*\n", "-", "a#\t ", False, False),
    (r" {0,3}#{1,6}(?!#)[^\r\n]*", "#", "-a", False, False),
    (r"[ \t]*(?:\d+[.)]|[*+])", "7*+\u0663", "a-", False, False),
    (r"[^\r\n]+\n", "a-#\u00e9\n", " \t", False, False),
    (r"[^\r\n]+(?:\n|\Z)", "a\n", " \t", True, False),
    (r"[ \t]+\Z", "", "a\n", True, False),
    (r"\A---\n", "-", "a", False, True),
    (r"(?i:abc)", "aBz", "", True, False),
    (r"(?P<q>['\"]).*(?P=q)", "'\"", "a", False, False),
])
def test_the_first_characters_read_from_a_terminal(expression, first, not_first, indentation_alone, anchored):
    from re import _parser

    from guidelint.parser.lexer import _anchored
    from guidelint.parser.lexer import _in
    from guidelint.parser.lexer import _lead

    parsed = list(_parser.parse(expression))
    chars, alone = _lead(parsed, _parser)
    assert all(_in(char, chars) for char in first)
    assert not any(char not in " \t" and _in(char, chars) for char in not_first)
    assert alone is indentation_alone and _anchored(parsed, _parser) is anchored


def test_an_underline_after_an_items_lazy_line_joins_the_item():
    """`===` after an item's lazy line is not a setext underline (CommonMark): Lark used to take it
    for one there and fail, and the whole guide was a syntax error."""
    from guidelint.parser import parse_text

    guide = parse_text("# Intro\n\n- Tell me about it\nmore of it\n===\n\n## Next\n\n- How was it?\n")
    assert guide.problems == []
    assert [s.title for s in guide.iter_sections()] == ["Intro", "Next"]
    [item] = grammar().parse("- Tell me about it\nmore of it\n===\n").children
    assert [token.type for token in item.children] == ["ITEM", "TEXT", "TEXT"]
