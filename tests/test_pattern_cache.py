"""Compiled patterns kept between runs are the patterns ``re`` compiles, or are not used."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import EXAMPLES

# In a fresh interpreter: load the saved patterns, then compare every one that load put in
# re's cache with what re's compiler makes of the same text and flags now.
COMPARE = """
import json, re, sys
from re import _compiler
from guidelint import pattern_cache
loaded = pattern_cache.load()
same = differ = 0
for (kind, pattern, flags), compiled in list(re._cache.items()):
    if kind is str and (pattern, flags) in pattern_cache._loaded:
        if compiled == _compiler.compile(pattern, flags):
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


def test_it_can_be_turned_off(tmp_path):
    _check(tmp_path, {"GUIDELINT_NO_PATTERN_CACHE": "1"})
    assert not list(tmp_path.glob(".guidelint-patterns-*"))


SAME_YAML = """
import json
from pathlib import Path
from guidelint import pattern_cache, safe_yaml
pattern_cache.load()
files = sorted(Path(sys.argv[1]).rglob("*.yaml"))
kept = sum(1 for p in files if __import__("hashlib").sha256(p.read_bytes()).hexdigest() in pattern_cache._yaml)
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
