"""A team's rule pack, end to end from a config file through the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guidelint.catalogue import CatalogueError, load_pack
from tests.conftest import ceiling_env
from tests.helpers import as_guide

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "examples" / "packs" / "acme-style.yaml"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "guidelint", "check", *args], cwd=cwd, capture_output=True,
                          text=True, env={"NO_COLOR": "1", "PATH": "", **ceiling_env()}, timeout=60)


@pytest.fixture
def project(tmp_path):
    shutil.copy(PACK, tmp_path / "acme.yaml")
    (tmp_path / ".guidelint.yaml").write_text("rule-packs: [acme.yaml]\n")
    (tmp_path / "g.guide.md").write_text(
        "# G\n\n## Results\n\n- How did the synergy with quarrybase show up?\n> Our Quarry base story.\n")
    return tmp_path


def test_pack_rules_run_from_config(project):
    result = run("g.guide.md", "--format", "json", "--select", "ACME", cwd=project)
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert found == [
        ("ACME1", 5, 15, "'synergy' is jargon our customers do not use; say it plainly."),
        ("ACME2", 5, 28, "Write the product name as 'Quarrybase'."),
        ("ACME2", 6, 7, "Write the product name as 'Quarrybase'."),
    ]
    assert result.returncode == 1


def test_pack_rules_can_be_ignored_and_suppressed(project):
    assert run("g.guide.md", "--select", "ACME", "--ignore", "acme-no-jargon,ACME2", cwd=project).returncode == 0
    text = (project / "g.guide.md").read_text()
    (project / "g.guide.md").write_text(text.replace("- How", "<!-- guidelint-disable-next-line ACME1 -- quoting -->\n- How"))
    result = run("g.guide.md", "--format", "json", "--select", "ACME1", cwd=project)
    assert json.loads(result.stdout)["diagnostics"] == []


def test_pack_examples_behave():
    from guidelint.config import Layer, Settings
    from guidelint.engine import lint
    from guidelint.parser import parse_text

    settings = Settings(rule_packs=[PACK])
    for rule in load_pack(PACK):
        cli = Settings(layers=[Layer(select=[rule.code])])
        for example in rule.fires:
            assert [d.code for d in lint(parse_text(as_guide(example)), settings, cli=cli)] == [rule.code]
        for example in rule.passes:
            assert lint(parse_text(as_guide(example)), settings, cli=cli) == []


@pytest.mark.parametrize("text,where", [
    ("rules: [{code: GL999, name: x, message: m, words: [a]}]", "GL codes belong to guidelint"),
    ("rules: [{code: ACME9, name: Bad_Name, message: m, words: [a]}]", "kebab-case"),
    ("rules: [{code: ACME9, name: x, message: m}]", "needs patterns or words"),
    ("rules: [{code: ACME9, name: x, message: m, patterns: ['(']}]", "bad regular expression"),
    ("rules: [{code: ACME9, name: x, message: m, words: [a], scope: page}]", "scope"),
    ("just text", "mapping with a 'rules' list"),
])
def test_bad_packs_are_clear_errors(tmp_path, text, where):
    pack = tmp_path / "p.yaml"
    pack.write_text(text)
    with pytest.raises(CatalogueError) as err:
        load_pack(pack)
    assert where in str(err.value)
    (tmp_path / ".guidelint.yaml").write_text("rule-packs: [p.yaml]\n")
    (tmp_path / "g.guide.md").write_text("# G\n")
    result = run("g.guide.md", cwd=tmp_path)
    assert result.returncode == 2 and "rule pack error" in result.stderr and "Traceback" not in result.stderr


# ---- issue 12: packs that crashed, hung or built gigabyte messages ----------------------------

@pytest.mark.parametrize("text,where", [
    ('rules: ["abc"]', "rule 'abc': each rule must be a mapping"),
    ("rules: [{code: ACME9, name: x, message: m, patterns: [5]}]", "every pattern must be text, not 5"),
    ("rules: [{code: ACME9, name: x, message: m, patterns: abc}]", "patterns must be a list, not str"),
    ("rules: [{code: ACME9, name: x, message: m, words: abc}]", "words must be a list, not str"),
    ("rules: [{code: ACME9, name: x, message: m, words: [a], options: abc}]", "options must be a mapping, not 'abc'"),
    ("rules: [{code: ACME9, name: x, message: m, words: [a], suggest: 5}]", "suggest must be text, not 5"),
    ("rules: [{code: ACME9, name: x, message: m, words: [a], exceptions: [[1]]}]", "every pattern must be text"),
    ("rules: [{code: ACME9, name: x, message: '{match.__init__.__globals__}', words: [a]}]",
     "message: {match.__init__.__globals__} is not a field guidelint fills; use {match}"),
    ("rules: [{code: ACME9, name: x, message: '{match:>1000000000}', words: [a]}]",
     "message: {match:>1000000000} is not a field guidelint fills"),
    ("rules: [{code: ACME9, name: x, message: m, suggest: '{0}', words: [a]}]", "suggest: {0} is not a field"),
    ("rules: [{code: ACME9, name: x, message: m, patterns: ['(a+)+$']}]",
     "pattern '(a+)+$' is refused: a quantifier ({1,}) inside a group that repeats {1,}"),
    ("rules: [{code: ACME9, name: x, message: m, patterns: ['(?:\\w+\\s?)*!']}]", "is refused"),
    ("name: [1]\nrules: []", "name: must be text"),
])
def test_packs_that_crashed_or_hung_are_clear_errors(tmp_path, text, where):
    test_bad_packs_are_clear_errors(tmp_path, text, where)


def test_a_message_shows_named_groups_and_is_cut_short(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("rules: [{code: ACME9, name: long-word, message: 'Long: {match} ({first}) {{literal}}', "
                    "patterns: ['(?P<first>x)x{30,}']}]\n")
    (tmp_path / ".guidelint.yaml").write_text("rule-packs: [p.yaml]\n")
    (tmp_path / "g.guide.md").write_text("# G\n\n- How did " + "x" * 100_000 + " go?\n")
    result = run("g.guide.md", "--format", "json", "--select", "ACME9", cwd=tmp_path)
    [finding] = json.loads(result.stdout)["diagnostics"]
    assert finding["message"] == "Long: " + "x" * 79 + "… (x) {literal}"
    assert (finding["column"], finding["end_column"]) == (11, 100_011)


def test_a_pattern_that_backtracks_too_long_is_stopped(tmp_path):
    # not nested, so not refused on load, but polynomial: five overlapping runs before a "!"
    pack = tmp_path / "p.yaml"
    pack.write_text("rules: [{code: ACME9, name: slow, message: m, scope: any, patterns: ['\\w*\\w*\\w*\\w*\\w*!']}]\n")
    (tmp_path / ".guidelint.yaml").write_text("rule-packs: [p.yaml]\n")
    (tmp_path / "g.guide.md").write_text("# G\n\n- " + "a" * 3000 + "?\n")
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "g.guide.md", "--format", "json", "--select",
                             "ACME9"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env={"NO_COLOR": "1", "PATH": "", **ceiling_env()})
    [finding] = json.loads(result.stdout)["diagnostics"]
    assert finding["message"].startswith("ACME9 was stopped after 2 s on this guide; a pattern in ")
    assert result.returncode == 1
