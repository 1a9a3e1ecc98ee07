"""The rule files read the same everywhere: PyYAML without libyaml is stricter than with it,
and YAML 1.1 reads bare yes/no/true as booleans, which a word list silently drops."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted(
    [*(ROOT / "rules").rglob("*.yaml"), *(ROOT / "examples").rglob("*.yaml")], key=str
)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_python_loader_reads_it_like_libyaml(path):
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - the pure-Python safe loader
    if hasattr(yaml, "CSafeLoader"):  # libyaml's safe loader, which guidelint uses when present
        assert yaml.load(text, Loader=yaml.CSafeLoader) == pure  # noqa: S506
    assert pure


def _lists(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _lists(value, f"{where}.{key}")
    elif isinstance(node, list):
        yield where, node
        for index, item in enumerate(node):
            yield from _lists(item, f"{where}[{index}]")


def test_lexicon_word_lists_hold_only_strings():
    data = yaml.safe_load((ROOT / "rules" / "lexicon.yaml").read_text(encoding="utf-8"))
    wrong = [(where, item) for where, items in _lists(data) for item in items
             if not isinstance(item, (str, dict, list))]
    assert wrong == []
