"""The cache re-checks when any part of its key changes; worker processes keep output order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guidelint import cache as cache_module
from guidelint import runner
from guidelint.cache import Cache, to_json
from guidelint.config import Layer, Settings, apply_table
from guidelint.runner import check_all

GUIDE = b"---\nduration: 30 min\n---\n# G\n\n## Intro (X minutes)\n\n- Did you like it? {owner=sam}\n"


@pytest.fixture
def counted(monkeypatch):
    calls = []
    real = runner.check_one

    def spy(name, data, settings, cli):
        calls.append(name)
        return real(name, data, settings, cli)

    monkeypatch.setattr(runner, "check_one", spy)
    return calls


def run(cache, calls, data=GUIDE, settings=None, cli=None):
    before = len(calls)
    result = check_all([("g.guide.md", data, settings or Settings())], cli or Settings(), jobs=1, cache=cache)
    return len(calls) - before, [(d.code, d.span.line) for d in result[0].diagnostics]


def test_a_second_run_is_served_from_the_cache(tmp_path, counted):
    cache = Cache(tmp_path / ".guidelint_cache")
    checked, first = run(cache, counted)
    again, second = run(cache, counted)
    assert (checked, again) == (1, 0) and first == second and first
    assert (tmp_path / ".guidelint_cache" / ".gitignore").read_text().strip().endswith("*")


def test_every_key_part_rechecks(tmp_path, counted, monkeypatch):
    cache = Cache(tmp_path / "c")
    run(cache, counted)
    assert run(cache, counted, data=GUIDE + b"\n")[0] == 1  # content
    assert run(cache, counted, settings=apply_table(Settings(), {"ignore": ["GL004"]}, "x", tmp_path))[0] == 1
    assert run(cache, counted, settings=Settings(profile="case-study"))[0] == 1  # profile
    assert run(cache, counted, cli=Settings(layers=[Layer(select=["GL1"])]))[0] == 1  # command line
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules: [{code: ACME1, name: a, message: m, words: [like]}]\n")
    with_pack = Settings(rule_packs=[pack])
    assert run(cache, counted, settings=with_pack)[0] == 1
    assert run(cache, counted, settings=with_pack)[0] == 0
    pack.write_text("rules: [{code: ACME1, name: a, message: m, words: [it]}]\n")  # pack content
    assert run(cache, counted, settings=with_pack)[0] == 1
    cache_module._shipped_digest.cache_clear()
    monkeypatch.setattr(cache_module, "__version__", "99.0")  # guidelint's version (and its files)
    assert run(cache, counted)[0] == 1
    cache_module._shipped_digest.cache_clear()


def test_languagetool_results_are_never_cached(tmp_path, counted, refusing_port):
    cache = Cache(tmp_path / "c")
    lt = Settings()
    lt.languagetool.enabled, lt.languagetool.url = True, f"http://127.0.0.1:{refusing_port}"
    assert run(cache, counted, cli=lt)[0] == 1
    assert run(cache, counted, cli=lt)[0] == 1


def test_a_damaged_entry_is_a_miss(tmp_path, counted):
    cache = Cache(tmp_path / "c")
    run(cache, counted)
    for entry in (tmp_path / "c").rglob("*.json"):
        entry.write_text("{not json")
    assert run(cache, counted)[0] == 1


def test_no_cache_flag_writes_nothing(tmp_path):
    (tmp_path / "g.guide.md").write_bytes(GUIDE)
    subprocess.run([sys.executable, "-m", "guidelint", "check", "g.guide.md", "--no-cache"], cwd=tmp_path,
                   capture_output=True)
    assert not (tmp_path / ".guidelint_cache").exists()
    subprocess.run([sys.executable, "-m", "guidelint", "check", "g.guide.md"], cwd=tmp_path, capture_output=True)
    assert (tmp_path / ".guidelint_cache").is_dir()


def test_workers_give_the_same_findings_in_the_same_order(tmp_path):
    inputs = []
    for i in range(24):
        body = GUIDE + b"".join(b"- Question %d about %d?\n" % (k, i) for k in range(i % 7))
        inputs.append((f"g{i:02}.guide.md", body, Settings()))
    serial = check_all(inputs, Settings(), jobs=1)
    parallel = check_all(inputs, Settings(), jobs=2)
    assert [c.name for c in parallel] == [name for name, _, _ in inputs]
    assert [[(d.code, d.span, d.message) for d in c.diagnostics] for c in serial] == \
           [[(d.code, d.span, d.message) for d in c.diagnostics] for c in parallel]
    assert all(c.guide.source for c in parallel)


def test_cli_jobs_output_is_stable(tmp_path):
    for i in range(12):
        (tmp_path / f"g{i:02}.guide.md").write_bytes(GUIDE)
    outs = [subprocess.run([sys.executable, "-m", "guidelint", "check", ".", "--no-cache", "-j", j], cwd=tmp_path,
                           capture_output=True, text=True).stdout for j in ("1", "2")]
    assert outs[0] == outs[1] and outs[0].count("GL004") == 12
    bad = subprocess.run([sys.executable, "-m", "guidelint", "check", ".", "-j", "0"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "--jobs" in bad.stderr


def test_a_run_reads_and_writes_one_index_whatever_the_number_of_files(tmp_path, counted):
    cache = Cache(tmp_path / "c")
    inputs = [(f"g{i}.guide.md", GUIDE + b"- Why %d?\n" % i, Settings()) for i in range(12)]
    fresh = check_all(inputs, Settings(), jobs=1, cache=cache)
    assert len(counted) == 12
    assert [p.name for p in (tmp_path / "c").rglob("*.json")] == [next((tmp_path / "c").rglob("*.json")).name]
    cached = check_all(inputs, Settings(), jobs=1, cache=cache)
    assert len(counted) == 12  # every file served from the index
    assert [[to_json(d) for d in c.diagnostics] for c in cached] == [[to_json(d) for d in c.diagnostics] for c in fresh]
    changed = [inputs[0], (inputs[1][0], inputs[1][1] + b"\n", inputs[1][2])]
    check_all(changed, Settings(), jobs=1, cache=cache)
    assert counted[12:] == ["g1.guide.md"]
    # the entries of files this run did not check stay in the index
    check_all(inputs[5:], Settings(), jobs=1, cache=cache)
    assert counted[13:] == []


# ---- issue 12: a cache that comes with a repository is not trusted --------------------------

@pytest.mark.parametrize("link", [".guidelint_cache", f".guidelint_cache/v{cache_module._FORMAT}"])
def test_a_symlink_in_the_cache_path_is_never_followed(tmp_path, link):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    project = tmp_path / "project"
    (project / ".guidelint_cache").mkdir(parents=True)
    if link == ".guidelint_cache":
        (project / ".guidelint_cache").rmdir()
    os.symlink(elsewhere, project / link)
    (project / "g.guide.md").write_bytes(GUIDE)
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "guidelint", "check", "g.guide.md"], cwd=project,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 1 and "GL004" in result.stdout and "Traceback" not in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_gitignore_symlink_in_the_cache_is_not_written_through(tmp_path, counted):
    target = tmp_path / "precious.txt"
    (tmp_path / "c").mkdir()
    os.symlink(target, tmp_path / "c" / ".gitignore")  # dangling: writing through it would create the target
    run(Cache(tmp_path / "c"), counted)
    assert not target.exists()


TAMPERED = [
    pytest.param(lambda entry: "[" * 100_000 + "]" * 100_000, id="nested-100000"),
    pytest.param(lambda entry: json.dumps({"not": "a list"}), id="not-a-list"),
    pytest.param(lambda entry: json.dumps([{**entry, "span": ["0", 1, 1, 1, 1, 2]}]), id="span-of-text"),
    pytest.param(lambda entry: json.dumps([{**entry, "span": [0, 1, 1, 1, 1]}]), id="short-span"),
    pytest.param(lambda entry: json.dumps([{**entry, "span": [0, 10**9, 1, 1, 10**9, 2]}]), id="span-past-the-end"),
    pytest.param(lambda entry: json.dumps([{**entry, "severity": "high"}]), id="severity-text"),
    pytest.param(lambda entry: json.dumps([{**entry, "message": ["m"]}]), id="message-list"),
    pytest.param(lambda entry: json.dumps([{**entry, "fatal": "no"}]), id="fatal-text"),
    pytest.param(lambda entry: json.dumps([{**entry, "fix": ["d", [[0, "x", "y"]]]}]), id="fix-offsets"),
    pytest.param(lambda entry: json.dumps([{**entry, "fix": "rm -rf"}]), id="fix-text"),
    pytest.param(lambda entry: json.dumps([5]), id="number"),
]


@pytest.mark.parametrize("tamper", TAMPERED)
def test_a_tampered_entry_is_a_miss(tmp_path, counted, tamper):
    """The findings of the one file in the index replaced by the tampered ones (each written as
    the index keeps a finding: its fields in order), or the whole index by text that is not."""
    cache = Cache(tmp_path / "c")
    checked, expected = run(cache, counted)
    [index_file] = (tmp_path / "c").rglob("*.json")
    index = json.loads(index_file.read_text())
    [(path, (key, findings))] = index.items()
    text = tamper(to_json(cache_module._unpack(findings[0])))
    try:
        tampered = json.loads(text)
    except RecursionError:
        index_file.write_text(text)
    else:
        if isinstance(tampered, list):
            tampered = [[d.get(field) for field in cache_module._FIELDS] if isinstance(d, dict) else d
                        for d in tampered]
        index[path] = [key, tampered]
        index_file.write_text(json.dumps(index))
    again, found = run(cache, counted)
    assert again == 1 and found == expected  # checked again, same findings


def test_a_cache_entry_that_is_a_symlink_is_not_read(tmp_path, counted):
    cache = Cache(tmp_path / "c")
    run(cache, counted)
    [entry_file] = (tmp_path / "c").rglob("*.json")
    entry_file.unlink()
    os.symlink("/dev/zero", entry_file)
    assert run(cache, counted)[0] == 1


def test_workers_never_outnumber_the_files_or_the_cores(monkeypatch):
    import concurrent.futures

    started = []
    real = concurrent.futures.ProcessPoolExecutor

    def recording(*args, max_workers=None, **kwargs):
        started.append(max_workers)
        return real(*args, max_workers=max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", recording)
    inputs = [(f"g{i}.guide.md", GUIDE, Settings()) for i in range(8)]
    check_all(inputs, Settings(), jobs=2000)
    assert started == [min(8, os.cpu_count() or 1)] or (os.cpu_count() == 1 and started == [])
    assert runner.worker_count(2000, 8) == min(8, os.cpu_count() or 1)
    assert runner.worker_count(None, 3) == min(3, os.cpu_count() or 1)
    assert runner.worker_count(4, 0) == 1


def test_every_settings_field_changes_the_cache_key(tmp_path):
    # a field left out of the key serves stale findings (``language`` once was): change each one
    # in turn, for the config's settings and for the command line's
    from guidelint.config import LanguageToolSettings

    changed = {"source": "other.yaml", "root": tmp_path, "profile": "case-study", "duration": 12.0,
               "duration_from_command_line": True, "layers": [Layer(select=["GL1"])], "severity": {"GL101": "error"},
               "per_file_ignores": {"*.md": ["GL1"]}, "include": ["*.md"], "exclude": ["x"],
               "rule_packs": [tmp_path / "p.yaml"], "vocabulary": ["foo"],
               "languagetool": LanguageToolSettings(disabled_rules=("X",)), "cache_dir": tmp_path,
               "minutes_per_question": 3.0, "fail_on": "error", "language": "de", "strict": True}
    assert set(Settings._FIELDS) == set(changed), "a new Settings field: give it a value here"
    base = cache_module.settings_digest(Settings(), Settings())
    for name, value in changed.items():
        other = Settings(**{name: value})
        assert cache_module.settings_digest(other, Settings()) != base, name
        assert cache_module.settings_digest(Settings(), other) != base, name


def test_changing_the_config_language_rechecks(tmp_path):
    # the wording rules run only for English guides; the cached German findings must not survive
    guide = (Path(__file__).parent.parent / "examples" / "weak.guide.md").read_bytes()
    (tmp_path / "g.guide.md").write_bytes(guide)
    config = tmp_path / ".guidelint.yaml"

    def found(language, *extra):
        config.write_text(f"language: {language}\n")
        out = subprocess.run([sys.executable, "-m", "guidelint", "check", "--format", "json", *extra, "g.guide.md"],
                             cwd=tmp_path, capture_output=True, text=True)
        return len(json.loads(out.stdout)["diagnostics"])

    german = found("de")
    assert found("en") == found("en", "--no-cache") != german


def test_a_rule_pack_timeout_is_not_cached(tmp_path, counted, monkeypatch):
    # "stopped after 2 s" says how busy the machine was, not what the guide holds
    from contextlib import contextmanager

    from guidelint.checks import packs

    @contextmanager
    def expired(seconds):
        raise packs.PatternTimeout
        yield

    pack = tmp_path / "pack.yaml"
    pack.write_text("rules: [{code: ACME1, name: a, message: m, words: [zzzunused]}]\n")
    settings = Settings(rule_packs=[pack])
    cache = Cache(tmp_path / "c")
    real = packs.time_limit
    monkeypatch.setattr(packs, "time_limit", expired)
    checked, found = run(cache, counted, settings=settings)
    assert checked == 1 and "ACME1" in [code for code, _ in found]
    assert run(cache, counted, settings=settings)[0] == 1  # checked again, not served
    monkeypatch.setattr(packs, "time_limit", real)
    assert run(cache, counted, settings=settings)[0] == 1
    again, found = run(cache, counted, settings=settings)
    assert again == 0 and [code for code, _ in found].count("ACME1") == 0


@pytest.mark.parametrize("guides", [1, 2])
def test_the_collector_paused_by_the_command_line_is_on_again_before_a_second_guide(guides):
    import gc

    inputs = [(f"g{i}.guide.md", b"# Interview\n\n## Warm-up (5 min)\n\n- How do you plan your week?\n", Settings())
              for i in range(guides)]
    was_enabled = gc.isenabled()
    gc.disable()
    runner.collect_from_second_guide()
    try:
        check_all(inputs, Settings(), jobs=1)
        # one guide: the process exits before a collection would free anything worth it
        assert gc.isenabled() == (guides > 1)
    finally:
        runner._COLLECTION["deferred"] = False
        if was_enabled:
            gc.enable()


def test_a_one_guide_check_runs_no_collection_after_start_up(tmp_path):
    guide = tmp_path / "g.guide.md"
    guide.write_text("# Interview\n\n## Warm-up (5 min)\n\n- How do you plan your week?\n", encoding="utf-8")
    # (the process ends with os._exit after its check: the count is printed on the way out)
    code = ("import gc, os, sys; from guidelint.cli import main; count = []; real_exit = os._exit; "
            "gc.callbacks.append(lambda phase, info: count.append(1) if phase == 'start' else None); "
            "os._exit = lambda code: (print(len(count), gc.isenabled()), sys.stdout.flush(), real_exit(code)); "
            "sys.argv = ['guidelint', 'check', sys.argv[1], '--no-cache', '--exit-zero']; main()")
    result = subprocess.run([sys.executable, "-c", code, str(guide)], capture_output=True, text=True, check=True)
    assert result.stdout.split()[-2:] == ["0", "False"]
