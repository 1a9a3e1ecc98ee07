"""GL0xx rules on real bytes: unreadable files are one error at a position and always fail."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guidelint.config import Settings
from guidelint.engine import lint
from guidelint.parser import parse_bytes
from tests.conftest import ceiling_env
from tests.helpers import lint_snippet


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "guidelint", *args], cwd=cwd, capture_output=True, text=True,
                          env={"NO_COLOR": "1", "PATH": "", **ceiling_env()}, timeout=60)


@pytest.mark.parametrize("data,code,line,col", [
    (b"# Guide\n- caf\xe9?\n", "GL006", 2, 6),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "GL008", 1, 1),
])
def test_unreadable_files(tmp_path, data, code, line, col):
    path = tmp_path / "x.guide.md"
    path.write_bytes(data)
    result = run("check", "x.guide.md", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0].startswith(f"x.guide.md:{line}:{col}: {code} ")


def test_file_level_errors_cannot_be_ignored_or_suppressed(tmp_path):
    (tmp_path / "x.guide.md").write_bytes(b"<!-- guidelint-disable-file file-not-utf8 -- no -->\n\xff\n")
    for args in (["--ignore", "GL006"], ["--exit-zero"], ["--fail-on", "error"]):
        result = run("check", "x.guide.md", *args, cwd=tmp_path)
        assert "GL006" in result.stdout
    assert run("check", "x.guide.md", "--ignore", "GL006", cwd=tmp_path).returncode == 1
    assert run("check", "x.guide.md", "--select", "GL1", cwd=tmp_path).returncode == 1


def test_too_large(tmp_path):
    guide = parse_bytes(b"# G\n" + b"x" * (5 * 1024 * 1024))
    [d] = lint(guide, Settings())
    assert (d.code, d.span.line, d.span.column, d.fatal) == ("GL007", 1, 1, True)


def test_unknown_front_matter_key_only_for_close_misspellings():
    found = lint_snippet("---\nduraton: 45\ntags: [a]\nauthor: me\n---\n# G\n", select=["GL003"])
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("GL003", 2, 1)]
    assert "did you mean 'duration'" in found[0].message


def test_front_matter_values_are_checked():
    found = lint_snippet("---\nprofile: sales\nduration: soon\nobjectives: 5\n---\n# G\n", select=["GL002"])
    assert [d.span.line for d in found] == [2, 3, 4]


def test_unknown_attribute_on_probe_and_heading():
    text = "## Results {objectve=x}\n\n- What changed?\n  - How much? {owner=sam}\n"
    found = lint_snippet(text, select=["GL005"])
    assert [(d.span.line, d.span.column) for d in found] == [(1, 13), (4, 16)]
    assert "did you mean 'objective'" in found[0].message


def test_syntax_error_recovers():
    found = lint_snippet("## Intro\n\n```\n- What happened? {owner=sam}\n", select=["GL001", "GL005"])
    assert [d.code for d in found] == ["GL001", "GL005"]


def test_suppression_reason_and_unused():
    text = ("## Q\n\n<!-- guidelint-disable-next-line unknown-attribute -->\n- What changed? {owner=x}\n"
            "<!-- guidelint-disable-next-line unknown-attribute -- nothing here -->\n- Why?\n"
            "<!-- guidelint-disable-next-line nonsense-rule -- typo -->\n- How?\n")
    found = lint_snippet(text, select=["GL0"])
    assert [(d.code, d.span.line) for d in found] == [("GL010", 3), ("GL009", 5), ("GL009", 7)]
    assert "unknown rule 'nonsense-rule'" in found[2].message


def test_block_and_file_suppressions():
    text = ("<!-- guidelint-disable bad-time-box -- legacy boxes -->\n## A (X min)\n## B (X min)\n"
            "<!-- guidelint-enable bad-time-box -->\n## C (X min)\n")
    assert [d.span.line for d in lint_snippet(text, select=["GL004"])] == [5]
    text = "<!-- guidelint-disable-file GL004 -- drafts -->\n## A (X min)\n## C (X min)\n"
    assert lint_snippet(text, select=["GL004"]) == []


def test_non_english_guides_skip_wording_once():
    found = lint_snippet("---\nlanguage: de\n---\n# G\n\n- Haben Sie das benutzt?\n- Warum?\n", select=["ALL"])
    assert [d.code for d in found if d.code == "GL011"] == ["GL011"]
    assert not [d for d in found if d.code.startswith("GL1")]
