"""Compiled patterns kept between runs are the patterns ``re`` compiles, or are not used."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import EXAMPLES

# In a fresh interpreter: load the saved patterns, then compare every one that load left for re to
# find (built from the file when re.compile first asks for it) with what re's compiler makes of the
# same text and flags now.
COMPARE = """
import json, re, sys
from re import _compiler
from guidelint import pattern_cache
loaded = pattern_cache.load()
waiting = dict(getattr(re._cache, "waiting", {}))
same = differ = 0
for kind, pattern, flags in waiting:
    compiled = re.compile(pattern, flags)  # built from the file's entry, now
    if (kind, pattern, flags) not in re._cache.waiting and compiled == _compiler.compile(pattern, flags):
        same += 1
    else:
        differ += 1
print(json.dumps({"loaded": loaded, "same": same, "differ": differ}))
"""


def _run(tmp_path, *args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "GUIDELINT_NO_PATTERN_CACHE"}
    env.update({"TMPDIR": str(tmp_path), "NO_COLOR": "1", **(env_extra or {})})
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, cwd=tmp_path)


def _check(tmp_path, env_extra: dict | None = None) -> str:
    result = _run(tmp_path, "-m", "guidelint", "check", str(EXAMPLES), "--no-cache", "--format", "json",
                  env_extra=env_extra)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def test_saved_patterns_are_what_re_compiles(tmp_path):
    first = _check(tmp_path)
    saved = list(tmp_path.glob(".guidelint-patterns-*"))
    assert len(saved) == 1 and saved[0].stat().st_size > 10_000
    report = json.loads(_run(tmp_path, "-c", COMPARE).stdout)
    assert report["loaded"] > 300 and report["same"] > 300 and report["differ"] == 0
    # a run that adds a pattern writes the loaded entries and their opcodes as they were, the new one after them
    script = ("import re\nfrom guidelint import pattern_cache\npattern_cache.load()\n"
              "re.compile(r'(?P<first>z+)\\s*top\\b', re.I)\nprint(pattern_cache.save())\n")
    added = int(_run(tmp_path, "-c", script).stdout)
    again = json.loads(_run(tmp_path, "-c", COMPARE).stdout)
    assert added >= 1 and again["loaded"] == report["loaded"] + added and again["differ"] == 0
    assert again["same"] >= report["same"] + 1
    # loaded twice, the second file's entries are built from its own opcodes
    twice = COMPARE.replace("loaded = pattern_cache.load()", "pattern_cache.load()\nloaded = pattern_cache.load()")
    report = json.loads(_run(tmp_path, "-c", twice).stdout)
    assert report["loaded"] > 300 and report["same"] > 300 and report["differ"] == 0
    assert _check(tmp_path) == first  # the run that loads them finds the same


def test_a_damaged_or_foreign_file_is_ignored(tmp_path):
    first = _check(tmp_path)
    saved = next(tmp_path.glob(".guidelint-patterns-*"))
    for junk in (b"", b"\x00garbage", saved.read_bytes()[: len(saved.read_bytes()) // 2]):
        saved.write_bytes(junk)
        assert json.loads(_run(tmp_path, "-c", COMPARE).stdout)["loaded"] == 0
        assert _check(tmp_path) == first
    import marshal

    saved.write_bytes(marshal.dumps(("another python", ())))
    assert json.loads(_run(tmp_path, "-c", COMPARE).stdout)["loaded"] == 0
    header = marshal.dumps(("another python", (), {}, {}))  # the layout, but not this Python's
    saved.write_bytes(b"GLP\x04" + len(header).to_bytes(4, "little") + header)
    assert json.loads(_run(tmp_path, "-c", COMPARE).stdout)["loaded"] == 0


def test_it_can_be_turned_off(tmp_path):
    _check(tmp_path, {"GUIDELINT_NO_PATTERN_CACHE": "1"})
    assert not list(tmp_path.glob(".guidelint-patterns-*"))


SAME_YAML = """
import json
from pathlib import Path
from guidelint import pattern_cache, safe_yaml
pattern_cache.load()
files = sorted(Path(sys.argv[1]).rglob("*.yaml"))
kept = sum(1 for p in files if str(p) in pattern_cache._yaml)
same = all(safe_yaml.read_resource(p) == safe_yaml.read(p.read_bytes()) for p in files)
first = safe_yaml.read_resource(files[0])
first.clear()  # a caller that changes what it got does not change what the next one gets
print(json.dumps({"files": len(files), "kept": kept, "same": same,
                  "fresh": safe_yaml.read_resource(files[0]) == safe_yaml.read(files[0].read_bytes())}))
"""


def test_shipped_yaml_is_kept_as_parsed(tmp_path):
    from guidelint.resources import resource_dir

    _check(tmp_path)
    result = _run(tmp_path, "-c", "import sys" + SAME_YAML, str(resource_dir("rules")))
    report = json.loads(result.stdout)
    assert report["files"] >= 10 and report["kept"] == report["files"]
    assert report["same"] and report["fresh"]


KEEP = """
import sys
from guidelint import pattern_cache
pattern_cache._code_stamp = lambda: sys.argv[1]  # stands for guidelint's code as it is in this run
pattern_cache.load()
print(pattern_cache.derived("test", ("x", 0), lambda: sys.argv[2]))
pattern_cache.save()
"""


def test_a_change_to_guidelint_code_drops_what_was_derived(tmp_path):
    # with `pip install -e .` the version stays while the code changes: a value derived by the
    # old code must not outlive it
    assert _run(tmp_path, "-c", KEEP, "code-1", "old").stdout.split() == ["old"]
    assert _run(tmp_path, "-c", KEEP, "code-1", "new").stdout.split() == ["old"]
    assert _run(tmp_path, "-c", KEEP, "code-2", "new").stdout.split() == ["new"]
    assert len(list(tmp_path.glob(".guidelint-patterns-*"))) == 1  # the same file, rewritten


def test_the_code_stamp_follows_the_package_files(tmp_path):
    import shutil

    from guidelint import pattern_cache

    package = tmp_path / "guidelint"
    shutil.copytree(os.path.dirname(pattern_cache.__file__), package)
    before = pattern_cache._code_stamp.__wrapped__(package)
    assert pattern_cache._code_stamp.__wrapped__(package) == before
    target = package / "required_text.py"
    info = target.stat()
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert pattern_cache._code_stamp.__wrapped__(package) != before


def _saved_count(tmp_path) -> int:
    from guidelint import pattern_cache

    (saved,) = tmp_path.glob(".guidelint-patterns-*")
    return len(pattern_cache.read_file(saved)[0][1])


def test_patterns_built_from_the_input_are_not_kept(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    guide = work / "g.guide.md"

    def check(n: int) -> int:
        names = "\n".join(f"  - topic{n}x{i}: what they think of thing {i}" for i in range(20))
        guide.write_text(f"---\nduration: 30 min\nobjectives:\n{names}\n---\n# G\n\n## Intro\n\n- Tell me about it.\n")
        (work / ".gitignore").write_text("\n".join(f"build{n}x{i}/*.md" for i in range(20)) + "\n")
        env = {key: value for key, value in os.environ.items() if key != "GUIDELINT_NO_PATTERN_CACHE"}
        env["TMPDIR"] = str(tmp_path)
        result = subprocess.run([sys.executable, "-m", "guidelint", "check", "--no-cache", "."], env=env,
                                capture_output=True, text=True, cwd=work)
        assert result.returncode in (0, 1), result.stderr
        return _saved_count(tmp_path)

    # the first runs fill the file (re keeps only 512 patterns, so what it dropped comes a run later)
    warm = [check(n) for n in range(1, 4)]
    assert check(4) == check(5) == warm[-1]


def test_the_file_is_capped_and_other_files_are_removed(tmp_path):
    uid = str(os.getuid()) if hasattr(os, "getuid") else "user"
    other = tmp_path / f".guidelint-patterns-{uid}-0123456789abcdef.bin"
    other.write_bytes(b"left by another python")
    os.chmod(other, 0o600)
    old = os.stat(other).st_mtime - 8 * 24 * 3600  # not loaded for eight days
    os.utime(other, (old, old))
    in_use = tmp_path / f".guidelint-patterns-{uid}-fedcba9876543210.bin"  # another install's, loaded today
    in_use.write_bytes(b"another install")
    os.chmod(in_use, 0o600)
    someone_else = tmp_path / ".guidelint-patterns-99999-0123456789abcdef.bin"
    someone_else.write_bytes(b"not ours")
    script = ("import re\nfrom guidelint import pattern_cache\npattern_cache.MAX_ENTRIES = 50\npattern_cache.load()\n"
              "for i in range(200): re.compile(f'a{i}b+')\npattern_cache.save()\n")
    assert _run(tmp_path, "-c", script).returncode == 0
    assert not other.exists() and someone_else.exists() and in_use.exists()
    saved = [p for p in tmp_path.glob(f".guidelint-patterns-{uid}-*") if p != in_use]
    assert len(saved) == 1 and _saved_count_of(saved[0]) == 50


def _saved_count_of(path) -> int:
    from guidelint import pattern_cache

    return len(pattern_cache.read_file(path)[0][1])


# Nothing the file holds is run: code objects in it (a file written by an older build, or
# tampered with) are dropped when it is read, and dataclasses keep compiling their own methods.
CODE_IN_FILE = """
import json, marshal, sys
from pathlib import Path
from guidelint import pattern_cache
path = pattern_cache.cache_file()
header, opcodes = pattern_cache.read_file(path)
data = list(header)
data[3] = dict(data[3])
data[3][("dataclass", ("x = 1",))] = compile("import sys; sys.exit(7)", "<string>", "exec")
header = marshal.dumps(tuple(data))
path.write_bytes(b"GLP\x04" + len(header).to_bytes(4, "little") + header + opcodes)
pattern_cache.load()
import dataclasses
print(json.dumps({"code": sum(isinstance(v, type(compile("1", "", "eval"))) for v in pattern_cache._derived.values()),
                  "exec": dataclasses.__dict__.get("exec", exec) is exec}))
"""


def test_no_code_from_the_pattern_file_is_run(tmp_path):
    _check(tmp_path)
    report = json.loads(_run(tmp_path, "-c", CODE_IN_FILE).stdout)
    assert report == {"code": 0, "exec": True}


def test_a_symlinked_pattern_file_is_not_loaded(tmp_path):
    _check(tmp_path)
    [kept] = list(tmp_path.glob(".guidelint-patterns-*.bin"))
    elsewhere = tmp_path / "elsewhere.bin"
    kept.rename(elsewhere)
    kept.symlink_to(elsewhere)
    report = _run(tmp_path, "-c", "from guidelint import pattern_cache; print(pattern_cache.load())")
    assert report.stdout.strip() == "0"
    elsewhere.rename(tmp_path / "back.bin")
    kept.unlink()
    (tmp_path / "back.bin").rename(kept)
    assert int(_run(tmp_path, "-c", "from guidelint import pattern_cache; print(pattern_cache.load())").stdout) > 0


CHECK_AND_SAY_IF_YAML_WAS_READ = """
import sys
from guidelint.cli import main
code = main(["check", sys.argv[1], "--no-cache", "--format", "json"])
print("yaml imported" if "yaml" in sys.modules else "no yaml", file=sys.stderr)
"""


def test_front_matter_is_kept_as_parsed(tmp_path):
    """A guide checked again reads its front matter from the pattern file, never importing PyYAML,
    and reports the same; front matter that cannot be kept (a date) or does not parse is read, and
    reported, as before every time."""
    body = "# G\n\n## Intro\n\n- Tell me about the last time you did it.\n"
    fronts = {
        "plain": "---\ntitle: Plain\nduration: 30 min\nobjectives:\n  - pay: how they pay\n---\n",
        "dated": "---\ntitle: Dated\ndate: 2024-05-01\nduration: 30 min\n---\n",
        "broken": "---\ntitle: [unclosed\nduration: 30 min\n---\n",
    }
    for name, front in fronts.items():
        guide = tmp_path / f"{name}.guide.md"
        guide.write_text(front + body, encoding="utf-8")
        runs = [_run(tmp_path, "-c", CHECK_AND_SAY_IF_YAML_WAS_READ, str(guide)) for _ in range(3)]
        assert runs[0].stdout and all(run.stdout == runs[0].stdout for run in runs), name
        read_yaml = [run.stderr.strip().splitlines()[-1] for run in runs]
        assert read_yaml[-1] == ("no yaml" if name == "plain" else "yaml imported"), (name, read_yaml)
    # in a file of their own beside the patterns: a guide with new front matter does not rewrite the pattern file
    assert len(list(tmp_path.glob(".guidelint-texts-*.bin"))) == len(list(tmp_path.glob(".guidelint-patterns-*.bin"))) == 1


KEEP_TEXTS = """
from guidelint import pattern_cache, safe_yaml
pattern_cache.load()
short = "title: x\\n"
long = "title: x\\nnotes: " + "y" * pattern_cache.MAX_TEXT_LENGTH + "\\n"
for text in (short, long, short):
    assert pattern_cache.text_data(text, safe_yaml.read) == safe_yaml.read(text)
first = pattern_cache.text_data(short, safe_yaml.read)
first["title"] = "changed by a caller"
print(short in pattern_cache._texts, long in pattern_cache._texts, pattern_cache.text_data(short, safe_yaml.read)["title"])
"""


def test_only_short_texts_are_kept_and_each_caller_gets_its_own_copy(tmp_path):
    assert _run(tmp_path, "-c", KEEP_TEXTS).stdout.split() == ["True", "False", "x"]
