"""GL9xx end to end: real HTTP from `guidelint check` to a LanguageTool stub on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.lt_stub import LanguageToolStub

GUIDE = ("---\nduration: 30 min\n---\n# Guide 🎉\n\n## Intro (5 min)\n\n"
         "- Café first: how did you recieve the news about Zorblax?\n- *Share teh link.*\n"
         "- Did you like it?\n")


def run(*args, cwd, stdin=None):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "guidelint", "check", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=60, input=stdin)


@pytest.fixture
def stub():
    with LanguageToolStub().start() as server:
        yield server


@pytest.fixture
def guide(tmp_path):
    (tmp_path / "g.guide.md").write_text(GUIDE, encoding="utf-8")
    return tmp_path


def findings(result):
    return [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)["diagnostics"]]


def test_off_by_default_makes_no_request(guide, stub):
    (guide / ".guidelint.yaml").write_text(f"languagetool: {{url: '{stub.url}'}}\n")
    result = run("g.guide.md", "--format", "json", cwd=guide)
    assert not [f for f in findings(result) if f[0].startswith("GL9")]
    assert stub.check_requests == []


def test_misspellings_map_to_exact_spans_in_one_request(guide, stub):
    result = run("g.guide.md", "--format", "json", "--select", "GL9", "--languagetool", stub.url, cwd=guide)
    line8 = GUIDE.splitlines()[7]
    assert findings(result) == [
        ("GL901", 8, line8.index("recieve") + 1),
        ("GL901", 8, line8.index("Zorblax") + 1),
        ("GL901", 9, GUIDE.splitlines()[8].index("teh") + 1),
    ]
    assert len(stub.check_requests) == 1
    payload = json.loads(result.stdout)["diagnostics"][0]
    assert payload["suggestion"] == 'Did you mean "receive"?' and '"recieve"' in payload["message"]


def test_grammar_matches_are_grammar_findings(tmp_path, stub):
    (tmp_path / "g.guide.md").write_text("# G\n\n- Did you eat a apple or teh pear?\n")
    result = run("g.guide.md", "--format", "json", "--select", "GL9", "--languagetool", stub.url, cwd=tmp_path)
    found = [(d["code"], d["name"], d["column"], d["suggestion"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert found == [("GL902", "grammar", 15, 'Did you mean "an apple"?'),
                     ("GL901", "spelling", 26, 'Did you mean "the", "tech", "ten"?')]


def test_vocabulary_and_config(guide, stub):
    (guide / ".guidelint.yaml").write_text(
        f"vocabulary: [Zorblax]\nlanguagetool: {{url: '{stub.url}', enabled: true, language: en-GB}}\n")
    result = run("g.guide.md", "--format", "json", "--select", "GL9", cwd=guide)
    assert [f[0] for f in findings(result)] == ["GL901", "GL901"]
    assert stub.check_requests[0]["language"] == "en-GB"


def test_front_matter_language_wins(tmp_path, stub):
    (tmp_path / "g.guide.md").write_text("---\nlanguage: en-US\nduration: 30\n---\n# G\n\n- Why teh change?\n")
    (tmp_path / ".guidelint.yaml").write_text(f"languagetool: {{url: '{stub.url}', enabled: true, language: en-GB}}\n")
    run("g.guide.md", "--select", "GL9", cwd=tmp_path)
    assert stub.check_requests[0]["language"] == "en-US"


@pytest.mark.parametrize("mode", ["garbage", "error500"])
def test_a_broken_server_is_one_warning_and_the_rest_still_runs(guide, mode):
    with LanguageToolStub(mode=mode).start() as broken:
        result = run("g.guide.md", "--format", "json", "--languagetool", broken.url, cwd=guide)
    codes = [f[0] for f in findings(result)]
    assert codes.count("GL900") == 1 and "GL102" in codes
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_server_down(guide, refusing_port):
    url = f"http://127.0.0.1:{refusing_port}"
    result = run("g.guide.md", "--format", "json", "--select", "GL9", "--languagetool", url, cwd=guide)
    [(code, line, col)] = findings(result)
    assert (code, line, col) == ("GL900", 4, 1)  # on the title heading
    assert url in json.loads(result.stdout)["diagnostics"][0]["message"]


def test_timeout_is_bounded(guide):
    with LanguageToolStub(delay=600).start() as slow:  # answers only when stopped
        (guide / ".guidelint.yaml").write_text(f"languagetool: {{url: '{slow.url}', enabled: true, timeout: 0.5}}\n")
        result = run("g.guide.md", "--format", "json", "--select", "GL9", cwd=guide)
    assert [f[0] for f in findings(result)] == ["GL900"]


# ---- issue 12: a guide may not choose where its text goes -------------------------------------

def stealing_guide(url: str) -> str:
    return ("---\nguidelint:\n  languagetool: {enabled: true, url: '" + url + "/steal', timeout: 30}\n---\n"
            + GUIDE.split("---\n", 2)[2])


def test_front_matter_cannot_switch_languagetool_on_or_name_a_url(tmp_path, stub):
    (tmp_path / "g.guide.md").write_text(stealing_guide(stub.url), encoding="utf-8")
    result = run("g.guide.md", "--format", "json", cwd=tmp_path)
    assert stub.requests == []
    ignored = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "GL002"]
    assert sorted((d["line"], d["message"].split(" in front matter")[0]) for d in ignored) == [
        (2, "guidelint.languagetool.enabled"), (2, "guidelint.languagetool.timeout"), (2, "guidelint.languagetool.url")]
    assert "is ignored: a guide may not switch on network access" in ignored[0]["message"]
    assert not [d for d in json.loads(result.stdout)["diagnostics"] if d["code"].startswith("GL9")]


def test_the_language_server_and_the_editor_do_not_send_it_either(tmp_path, stub):
    from guidelint.config import Settings
    from guidelint.editor.analysis import LintRequest, analyse
    from guidelint.lsp import Document, check_document

    text = stealing_guide(stub.url)
    published = check_document(Document((tmp_path / "g.guide.md").as_uri(), text, 1), "utf-16")
    analysis = analyse(LintRequest(1, text, "g.guide.md", Settings()))
    assert stub.requests == []
    assert any("guidelint.languagetool.url in front matter is ignored" in f.diagnostic.message
               for f in published.findings)
    assert any("guidelint.languagetool.url in front matter is ignored" in d.message for d in analysis.diagnostics)


def test_front_matter_may_still_turn_languagetool_off_and_pick_the_language(tmp_path, stub):
    (tmp_path / ".guidelint.yaml").write_text(f"languagetool: {{url: '{stub.url}', enabled: true}}\n")
    body = GUIDE.split("---\n", 2)[2]
    (tmp_path / "off.guide.md").write_text("---\nguidelint: {languagetool: {enabled: false}}\n---\n" + body)
    (tmp_path / "de.guide.md").write_text("---\nguidelint: {languagetool: {language: de-DE}}\n---\n" + body)
    off = run("off.guide.md", "--format", "json", cwd=tmp_path)
    assert stub.requests == [] and not [d for d in json.loads(off.stdout)["diagnostics"] if d["code"] == "GL002"]
    run("de.guide.md", "--format", "json", cwd=tmp_path)
    assert [r["language"] for r in stub.check_requests] == ["de-DE"]
