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


def test_server_down(guide):
    result = run("g.guide.md", "--format", "json", "--select", "GL9", "--languagetool", "http://127.0.0.1:9", cwd=guide)
    [(code, line, col)] = findings(result)
    assert (code, line, col) == ("GL900", 4, 1)  # on the title heading
    assert "127.0.0.1:9" in json.loads(result.stdout)["diagnostics"][0]["message"]


def test_timeout_is_bounded(guide):
    with LanguageToolStub(delay=3).start() as slow:
        (guide / ".guidelint.yaml").write_text(f"languagetool: {{url: '{slow.url}', enabled: true, timeout: 0.5}}\n")
        result = run("g.guide.md", "--format", "json", "--select", "GL9", cwd=guide)
    assert [f[0] for f in findings(result)] == ["GL900"]
