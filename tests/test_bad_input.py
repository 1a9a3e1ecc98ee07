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


# ---- issue 12: hostile input -------------------------------------------------------------------

def _doubling_bomb(levels: int, anchor=lambda i: str(i)) -> str:
    """Each level holds the one below twice: 2**levels values from 2 * levels aliases."""
    lines = [f"l0: &{anchor(0)} [x, x]"]
    lines += [f"l{i}: &{anchor(i)} [*{anchor(i - 1)}, *{anchor(i - 1)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [24, 40])  # 48 aliases (under the old guard of 50) and 80
def test_alias_bombs_with_numeric_anchors_are_refused_quickly(tmp_path, levels):
    (tmp_path / "g.guide.md").write_text("---\n" + _doubling_bomb(levels) + "duration: *20\n---\n# G\n")
    result, diagnostics = check("g.guide.md", "--select", "GL0", cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and [d[0] for d in codes(diagnostics)] == ["GL002"]
    assert "aliases expand to more than 10,000 values" in diagnostics[0]["message"]
    assert len(result.stdout) < 2000


def test_alias_bomb_in_a_config_file_is_a_config_error(tmp_path):
    (tmp_path / "g.guide.md").write_text("# G\n")
    (tmp_path / ".guidelint.yaml").write_text("vocabulary: &v [a]\n" + _doubling_bomb(30, lambda i: f"_{i}")
                                              + "extend-exclude: *_30\n")
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "g.guide.md"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert ".guidelint.yaml: cannot be read at line 14, column 6: its aliases expand" in result.stderr


def test_an_alias_that_holds_itself_is_refused(tmp_path):
    (tmp_path / "g.guide.md").write_text("---\ntitle: &t [*t]\n---\n# G\n")
    result, diagnostics = check("g.guide.md", "--select", "GL0", cwd=tmp_path, timeout=60)
    assert codes(diagnostics) == [("GL002", 2, 8)]
    assert "an alias refers to the value that holds it" in diagnostics[0]["message"]


@pytest.mark.parametrize("yaml_text,says", [
    pytest.param("duration: " + "9" * 5000, "a number of 5,000 characters is too long to read", id="5000-digits"),
    pytest.param("title: 2024-13-45", "a value cannot be read: month must be in 1..12", id="month-13"),
])
def test_yaml_the_loader_cannot_build_is_a_finding(tmp_path, yaml_text, says):
    (tmp_path / "g.guide.md").write_text(f"---\n{yaml_text}\n---\n# G\n")
    result, diagnostics = check("g.guide.md", "--select", "GL0", cwd=tmp_path)
    assert result.returncode == 1 and [d[0] for d in codes(diagnostics)] == ["GL002"]
    assert says in diagnostics[0]["message"]


def test_a_huge_value_is_cut_short_in_the_message(tmp_path):
    (tmp_path / "g.guide.md").write_text("---\nduration: [" + ", ".join(["9999"] * 200_000) + "]\n---\n# G\n")
    result, diagnostics = check("g.guide.md", "--select", "GL0", cwd=tmp_path)
    [finding] = diagnostics
    assert finding["code"] == "GL002" and len(finding["message"]) < 200
    assert finding["message"].startswith("Cannot read duration [9999, 9999, 9999, 9999, ...]")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_file_is_read_only_up_to_the_limit(tmp_path, device):
    result, diagnostics = check(device, cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and codes(diagnostics) == [("GL007", 1, 1)]
    assert "larger than 4 MB" in diagnostics[0]["message"]


@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_an_endless_config_or_baseline_is_exit_2(tmp_path, option):
    (tmp_path / "g.guide.md").write_text("# G\n")
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "g.guide.md", option, "/dev/zero"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "/dev/zero" in result.stderr and "larger than" in result.stderr


def test_a_fifo_in_a_folder_is_skipped_not_waited_for(tmp_path):
    os.mkfifo(tmp_path / "pipe.guide.md")
    (tmp_path / "g.guide.md").write_text("# G\n")
    result, diagnostics = check(".", "--select", "GL0", "--verbose", cwd=tmp_path, timeout=60)
    assert result.returncode == 0 and diagnostics == []
    assert "skipped pipe.guide.md: not a regular file" in result.stderr


def test_a_fifo_named_as_gitignore_or_config_does_not_block(tmp_path):
    os.mkfifo(tmp_path / ".gitignore")
    os.mkfifo(tmp_path / ".guidelint.yaml")
    (tmp_path / "g.guide.md").write_text("# G\n")
    result, diagnostics = check(".", "--select", "GL0", cwd=tmp_path, timeout=60)
    assert result.returncode == 0 and diagnostics == []


def test_a_symlink_to_itself_is_one_error_and_the_rest_is_checked(tmp_path):
    os.symlink("loop.guide.md", tmp_path / "loop.guide.md")
    (tmp_path / "g.guide.md").write_text("# G\n\n## Intro (X minutes)\n")
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "loop.guide.md", "g.guide.md", "--select",
                             "GL0", "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "loop.guide.md: cannot read" in result.stderr
    assert "Traceback" not in result.stderr
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["GL004"]


def test_a_file_name_that_is_not_utf8_is_checked_and_shown(tmp_path):
    name = b"caf\xe9.guide.md"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
        handle.write(b"# G\n\n## Intro (X minutes)\n")
    env = {**os.environ, "NO_COLOR": "1"}  # the cache on: the default run
    for _ in range(2):  # writes the cache entry, then reads it
        result = subprocess.run([sys.executable, "-m", "guidelint", "check", "."], cwd=tmp_path,
                                capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "\ncaf\\xe9.guide.md:3:10: GL004 [bad-time-box]" in result.stdout


def test_standard_input_closed(tmp_path):
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "-"], cwd=tmp_path, stdin=None,
                            capture_output=True, text=True, timeout=60, preexec_fn=lambda: os.close(0))
    assert result.returncode == 2 and "standard input is closed" in result.stderr
    assert "Traceback" not in result.stderr


def test_explain_roles_of_a_list_nested_fifteen_hundred_deep(tmp_path):
    body = "".join("  " * i + f"- Why {i}?\n" for i in range(1500))
    (tmp_path / "deep.guide.md").write_text("# G\n\n" + body)
    result = subprocess.run([sys.executable, "-m", "guidelint", "check", "deep.guide.md", "--explain-roles"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert result.returncode in (0, 1)
    assert "Why 1499?" in result.stdout and result.stdout.index("Why 3?") < result.stdout.index("Why 1499?")
