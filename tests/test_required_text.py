"""The gate before each phrase search must never skip a line the phrase matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidelint.catalogue import builtin
from guidelint.checks.ethics import compile_patterns
from guidelint.required_text import required_literals


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:not|never)\b.{0,40}?\bnamed?\b", ("name",)),
    (r"\b(?:anonymous|confidential)\b", ("anonymous", "confidential")),
    (r"PII", ("pii",)),
    (r".*", None),
    (r"\w+", None),
    (r"a|b", None),  # one-letter gates would open on every line
    (r"(?:record)?ing", ("ing",)),  # the optional part proves nothing
    (r"(?x) r e c o r d", None),  # verbose: the spaces are not text
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
