"""The gate before each phrase search must never skip a line the phrase matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidelint.catalogue import builtin
from guidelint.checks.ethics import compile_family, compile_patterns
from guidelint.required_text import LiteralScanner, required_literals
from tests.conftest import EXAMPLES, REAL_GUIDES, ROOT


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:not|never)\b.{0,40}?\bnamed?\b", ("name",)),
    (r"\b(?:anonymous|confidential)\b", ("anonymous", "confidential")),
    (r"PII", ("pii",)),
    (r".*", None),
    (r"\w+", None),
    (r"a|b", None),  # one-letter gates would open on every line
    (r"(?:record)?ing", ("ing",)),  # the optional part proves nothing
    (r"(?x) r e c o r d", None),  # verbose: the spaces are not text
    # a longer text made of common words (" are you ", in most lines) loses to a rarer one
    (r"\b(?:record|tape)\b.{0,40}? are you (?:ok|happy)", ("record", "tape")),
    (r"\bwhat (?:happens|comes) next\b", (" next",)),
    (r"\byou(?:'ll| will)\b.{0,30}?\b(?:receive|get)\b", ("get", "receive")),
    (r"\bwhat (?:is|are)\b", ("what ",)),  # nothing rarer: the longest text still gates
])
def test_required_literals(pattern, expected):
    assert required_literals(pattern) == expected


def _all_phrases() -> list[str]:
    catalogue = builtin()
    found = []
    for rule in catalogue.rules:
        for key, value in (rule.options or {}).items():
            if key.endswith(("patterns", "cues", "titles")) and isinstance(value, list):
                found.extend(str(p) for p in value)
    return found


PHRASES = _all_phrases()
WORDS = ["we", "will", "not", "share", "your", "name", "recording", "anonymous", "only", "the", "team",
         "notes", "deleted", "after", "is", "it", "ok", "if", "record", "thank", "you", "next", "steps",
         "consent", "confidential", "PII", "approve", "before", "publish", "by", "name,", "okay", "to"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_a_gated_phrase_list_matches_exactly_what_its_phrases_match(words):
    line = " ".join(words)
    gated = compile_patterns(tuple(PHRASES))
    plain = any(re.search(p, line, re.IGNORECASE if re.search(r"(?<!\\)[A-Z]", p) else 0)
                or re.search(p, line.lower()) for p in PHRASES)
    assert gated.matches(line, line.lower()) == plain


@pytest.mark.parametrize("pattern", sorted(set(PHRASES)))
def test_every_text_a_phrase_matches_holds_its_gate(pattern):
    gate = required_literals(pattern)
    if gate is None:
        return

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern))
    def check(text):
        assert any(g in text.lower() for g in gate), (text, gate)

    check()


def test_phrases_that_cannot_share_one_alternation_still_work():
    """A global "(?i)" is only allowed at the start of a pattern, so joining it with others
    fails; each is then compiled on its own."""
    phrases = compile_patterns(("(?i).*zz", "ab.*", r"\w+ok"))
    assert phrases.matches("xx ZZ", "xx zz")
    assert phrases.matches("bookok", "bookok")
    assert not phrases.matches("q", "q")


# ---- one scan of each line for every phrase list of the family ---------------------------------

LITERAL_PIECES = ["rec", "record", "recording", "ord", "cord", "consent", "sent", "you", "your", "ou",
                  "n't", " only", "only ", "ome back", "heck with you", "zz"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LITERAL_PIECES + [" ", "a", "x", "c", "on"]), max_size=12),
       st.sets(st.sampled_from(LITERAL_PIECES), min_size=1))
def test_the_scanner_finds_exactly_the_literals_a_text_holds(pieces, literals):
    """Overlapping literals ("record" inside "recording", "ord" across "rec|ord") are all found."""
    text = "".join(pieces)
    assert LiteralScanner(literals).present(text) == {lit for lit in literals if lit in text}


def _script_lines(paths) -> list[str]:
    from guidelint.checks.ethics import script
    from guidelint.parser import parse_text

    lines = []
    for path in paths:
        lines.extend(line.text for line in script(parse_text(path.read_text(encoding="utf-8"), str(path))))
    return lines


def _family_lists() -> dict[str, tuple[str, ...]]:
    return {f"{rule.name}/{key}": tuple(value) for rule in builtin().rules if rule.family == "ethics"
            for key, value in rule.options.items() if isinstance(value, list) and all(isinstance(p, str) for p in value)}


def _phrase_matches(patterns: tuple[str, ...], line: str) -> bool:
    """The reference: every phrase searched on its own, case-insensitively, no gate, no shared scan."""
    return any(re.search(p, line, re.IGNORECASE) for p in patterns)


def test_the_family_shares_one_scanner():
    lists = _family_lists()
    family = compile_family(tuple(lists.values()))
    assert len({id(family[patterns].scanner) for patterns in lists.values()}) == 1


def test_the_family_matches_exactly_what_each_phrase_matches_on_real_lines(tmp_path):
    """Every line of the examples, the real guides and both generated corpora, through every
    phrase list of the family: the shared scan decides as searching each phrase alone would."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import write_corpus

    paths = sorted(EXAMPLES.glob("*.md"))
    if REAL_GUIDES.is_dir():
        paths += sorted(REAL_GUIDES.rglob("[0-9]*.md"))
    paths += write_corpus(tmp_path / "default", 15, seed=5) + write_corpus(tmp_path / "worst", 15, seed=5, worst=True)
    lines = _script_lines(paths)
    assert len(lines) > 2000
    lists = _family_lists()
    family = compile_family(tuple(lists.values()))
    for name, patterns in lists.items():
        phrases = family[patterns]
        for line in lines:
            assert phrases.matches(line, line.lower()) == _phrase_matches(patterns, line), (name, line)


def test_parts_required_names_a_set_of_texts_for_each_top_level_part():
    from guidelint.required_text import parts_required

    parts = parts_required(r"\b(?:record|tape)\b.{0,40}? you (?:ok|happy)")
    assert set(parts) == {frozenset({"record", "tape"}), frozenset({" you "}), frozenset({"ok", "happy"})}
    assert parts_required(r"(?:record)?ing") == (frozenset({"ing"}),)  # the optional part proves nothing
    assert parts_required(r"(?i)record") == ()
    assert parts_required(r"(?i:record)ing") == ()  # case-blind "s" and "k" match "ſ" and "K"
    assert parts_required(r"(?x) record") == ()
    assert parts_required(r"(unclosed") == ()
