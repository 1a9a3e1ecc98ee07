"""The bad-input table: each case gets one clear message, the right exit code, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def check(path, *args, cwd, timeout=120):
    env = {**os.environ, "NO_COLOR": "1", "GUIDELINT_NO_CACHE": "1"}
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", str(path), "--format", "json", *args],
                            cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    assert "Traceback" not in result.stderr, result.stderr
    diagnostics = json.loads(result.stdout)["diagnostics"] if result.stdout.startswith("{") else None
    return result, diagnostics


def codes(diagnostics):
    return [(d["code"], d["line"], d["column"]) for d in diagnostics]


@pytest.mark.parametrize("content", [b"", b"\n\n", b"---\ntitle: Only front matter\n---\n", b"\xef\xbb\xbf",
                                     b"# T\r\n\r\n- Why?\r\n", b"# T\r\r- Why?\r", b"# T\n\n\t-\tWhy?\n\t\t- How?\n"])
def test_odd_but_valid_files_parse_cleanly(tmp_path, content):
    (tmp_path / "g.guide.md").write_bytes(content)
    result, diagnostics = check("g.guide.md", "--select", "GL0", cwd=tmp_path)
    assert result.returncode == 0 and diagnostics == []


def test_unclosed_front_matter(tmp_path):
    (tmp_path / "g.guide.md").write_bytes(b"---\ntitle: x\nduration: 30\n# Guide\n\n- Why?\n")
    result, diagnostics = check("g.guide.md", "--select", "GL0", cwd=tmp_path)
    assert result.returncode == 1 and codes(diagnostics) == [("GL002", 1, 1)]


@pytest.mark.parametrize("yaml_text,line", [
    ("x: !!python/object/apply:os.system ['touch pwned']", 2),
    ("title: !custom tag", 2),
    ("duration: [1, 2]", 2),
    ("objectives: 7", 2),
])
def test_hostile_or_wrong_yaml(tmp_path, yaml_text, line):
    (tmp_path / "g.guide.md").write_text(f"---\n{yaml_text}\n---\n# G\n")
    result, diagnostics = check("g.guide.md", "--select", "GL0", cwd=tmp_path)
    assert result.returncode == 1 and [d[0] for d in codes(diagnostics)] == ["GL002"]
    assert diagnostics[0]["line"] == line
    assert not (tmp_path / "pwned").exists()


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    (tmp_path / "g.guide.md").write_text("---\n" + "\n".join(lines) + "\n---\n# G\n")
    result, diagnostics = check("g.guide.md", "--select", "GL0", cwd=tmp_path, timeout=30)
    assert result.returncode == 1 and [d[0] for d in codes(diagnostics)] == ["GL002"]


def test_invalid_utf8_and_binary(tmp_path):
    (tmp_path / "a.guide.md").write_bytes(b"# G\n\n- caf\xe9?\n")
    (tmp_path / "b.guide.md").write_bytes(bytes(range(256)) * 4)
    result, diagnostics = check(".", cwd=tmp_path)
    assert result.returncode == 1
    assert codes(diagnostics) == [("GL006", 3, 6), ("GL008", 1, 1)]


def test_fifty_megabytes(tmp_path):
    with open(tmp_path / "big.guide.md", "wb") as handle:
        handle.write(b"# G\n" + b"- What happened next?\n" * (50 * 1024 * 1024 // 22))
    result, diagnostics = check("big.guide.md", cwd=tmp_path)
    assert result.returncode == 1 and codes(diagnostics) == [("GL007", 1, 1)]
    assert "MB" in diagnostics[0]["message"]


def test_hundred_thousand_lines(tmp_path):
    body = "".join(f"## Section {i} (1 min)\n- What happened {i}?\n" for i in range(50_000))
    (tmp_path / "long.guide.md").write_text("# G\n" + body)
    result, diagnostics = check("long.guide.md", "--select", "GL0,GL102", cwd=tmp_path)
    assert result.returncode == 0 and diagnostics == []


def test_lists_nested_a_thousand_deep(tmp_path):
    body = "".join("  " * i + f"- Why {i}?\n" for i in range(1000))
    (tmp_path / "deep.guide.md").write_text("# G\n\n" + body)
    result, diagnostics = check("deep.guide.md", "--select", "GL0", cwd=tmp_path)
    assert result.returncode == 0


@pytest.mark.parametrize("line", ["x" * 100_000 + "?", "?" * 100_000, "- " + "and why " * 12_500 + "?",
                                  "## " + "(5 min) " * 10_000, "- " + "[a](b)" * 15_000 + "?", "*" * 100_000])
def test_hundred_thousand_character_lines_finish(tmp_path, line):
    (tmp_path / "wide.guide.md").write_text("# G\n\n" + line + "\n")
    result, _ = check("wide.guide.md", cwd=tmp_path, timeout=60)  # a hang guard, not a speed test
    assert result.returncode in (0, 1)


def test_unreadable_path(tmp_path):
    os.symlink(tmp_path / "gone.md", tmp_path / "dangling.guide.md")
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "dangling.guide.md"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "dangling.guide.md: cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_symlink_loop_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "g.guide.md").write_text("# G\n")
    os.symlink(tmp_path / "a", tmp_path / "a" / "self")
    result, diagnostics = check(".", "--select", "GL0", cwd=tmp_path, timeout=30)
    assert result.returncode == 0 and diagnostics == []


def test_bad_config_and_unknown_flag(tmp_path):
    (tmp_path / "g.guide.md").write_text("# G\n")
    (tmp_path / ".guidelint.yaml").write_text("profile: [unclosed\n")
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "g.guide.md"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 2 and ".guidelint.yaml: not valid YAML at line" in result.stderr
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "--no-such-flag"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr and "Traceback" not in result.stderr


def test_review_of_a_thousand_deep_list(tmp_path):
    body = "".join("  " * i + f"- Why {i}?\n" for i in range(1000))
    (tmp_path / "deep.guide.md").write_text("# G\n\n" + body)
    for fmt in ("html", "md"):
        result = subprocess.run([sys.executable, "-m", "guidelint", "review", "deep.guide.md", "-o", f"r.{fmt}"],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "Why 999?" in (tmp_path / f"r.{fmt}").read_text()
