"""Every rule in the catalogue is documented, implemented, and its examples behave."""

from __future__ import annotations

import pytest

from guidelint import checks
from guidelint.catalogue import builtin
from guidelint.config import Settings
from tests.helpers import as_guide, lint_snippet

CATALOGUE = builtin()
# Reported by the parser or the engine itself rather than by a registered check.
PARSER_OR_ENGINE = {"word-file-unreadable", "syntax-error", "front-matter-invalid", "bad-time-box", "file-not-utf8", "file-too-large",
                    "binary-file", "unused-suppression", "suppression-without-reason", "front-matter-not-read"}
# Tested elsewhere: with bytes in test_file_rules.py, and against a LanguageTool stub server in
# test_language_rules.py (their examples need a server).
FILE_LEVEL = {"file-not-utf8", "file-too-large", "binary-file", "word-file-unreadable", "languagetool-unavailable", "spelling", "grammar"}

FIRES = [(r.code, ex) for r in CATALOGUE.rules for ex in r.fires]
PASSES = [(r.code, ex) for r in CATALOGUE.rules for ex in r.passes]
STRICT_FIRES = [(r.code, ex) for r in CATALOGUE.rules for ex in r.fires_strict]


def test_codes_and_names_are_unique_and_well_formed():
    assert len({r.code for r in CATALOGUE.rules}) == len(CATALOGUE.rules)
    assert len({r.name for r in CATALOGUE.rules}) == len(CATALOGUE.rules)
    for rule in CATALOGUE.rules:
        assert rule.code.startswith("GL") and rule.code[2:].isdigit(), rule.code
        family = CATALOGUE.families[rule.family]
        assert rule.code.startswith(family.prefix), (rule.code, family.prefix)


@pytest.mark.parametrize("rule", CATALOGUE.rules, ids=lambda r: r.code)
def test_every_rule_is_documented(rule):
    assert rule.summary, f"{rule.code} has no summary (what it does)"
    assert len(rule.why) > 60, f"{rule.code} needs a real 'why'"
    assert rule.message
    if rule.name not in FILE_LEVEL:
        assert rule.fires, f"{rule.code} has no example that fires"
        assert rule.passes, f"{rule.code} has no example that passes"


@pytest.mark.parametrize("rule", CATALOGUE.rules, ids=lambda r: r.code)
def test_every_rule_is_implemented(rule):
    assert rule.data_driven or rule.name in PARSER_OR_ENGINE or rule.name in checks.implemented_names(), (
        f"{rule.code} {rule.name} has no check"
    )


@pytest.mark.parametrize("code,example", FIRES, ids=[f"{c}-fires-{i}" for i, (c, _) in enumerate(FIRES)])
def test_fires_examples(code, example):
    """Reported, or named by the finding of a rule that outranks it on the same words."""
    rule = CATALOGUE.by_code[code]
    found = lint_snippet(as_guide(example), select=["ALL", code])
    shown = [d for d in found if d.code == code or rule.name in d.also]
    assert shown, f"{code} did not fire on:\n{example}\nfound: {[(d.code, d.message) for d in found]}"
    for d in shown:
        if d.code != code:
            assert CATALOGUE.outranks(d.code, code) and f"also {rule.name}" in d.message


@pytest.mark.parametrize("code,example", STRICT_FIRES, ids=[f"{c}-strict-{i}" for i, (c, _) in enumerate(STRICT_FIRES)])
def test_strict_examples_fire_in_strict_mode_only(code, example):
    """A form right only most of the time: reported in strict mode, not by default."""
    rule = CATALOGUE.by_code[code]
    strict = lint_snippet(as_guide(example), select=["ALL", code], settings=Settings(strict=True))
    assert [d for d in strict if d.code == code or rule.name in d.also], f"{code} did not fire in strict mode on {example!r}"
    default = lint_snippet(as_guide(example), select=["ALL", code])
    assert not [d for d in default if d.code == code or rule.name in d.also], f"{code} fired by default on {example!r}"


@pytest.mark.parametrize("code,example", PASSES, ids=[f"{c}-passes-{i}" for i, (c, _) in enumerate(PASSES)])
def test_passes_examples(code, example):
    # selected by code, so a rule off by default (the strict set) runs and its passes mean something
    found = [d for d in lint_snippet(as_guide(example), select=["ALL", code]) if d.code == code]
    assert not found, f"{code} fired on an example that must pass:\n{example}\n{[d.message for d in found]}"


def test_docs_rules_md_is_current():
    """SARIF's helpUri points into docs/rules.md; regenerate it when a rule changes:
    guidelint rules --format markdown > docs/rules.md"""
    from pathlib import Path

    from guidelint.commands.docs import rules_markdown

    doc = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules_markdown()
    for rule in CATALOGUE.rules:
        assert f'<a id="{rule.code.lower()}"></a>' in doc.read_text(encoding="utf-8")
