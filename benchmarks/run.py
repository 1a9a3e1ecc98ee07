"""Speed of guidelint, measured the way users meet it.

    python benchmarks/run.py [--quick] [--rounds N] [--peers DIR]

Prints, each figure with the range over its repeated runs:

- throughput of ``guidelint check`` (all cores, no cache) on 1,000 generated guides of each
  corpus (``make_corpus.py`` default and ``--worst``), next to markdownlint-cli2 and proselint
  on the same files in the same rounds (runs alternate, so the ratios are paired), wall time and
  CPU time (the process and its workers), CPU per 5 KB of guide;
- start-up: ``guidelint check one.guide.md`` against ``python -c "import lark, yaml"``, run
  alternately, wall and CPU, and their ratio;
- a second run over the 1,000 unchanged default guides with the cache;
- parse and rules per guide in process (default, 300-line and worst-case guides; the real
  guides when present), Lark's parse alone on the same bytes (the floor) and the parse into
  the model;
- peak memory of each 1,000-guide run in one process.

guidelint's own modules are compiled to bytecode first (an installed package has them; a
source tree run with PYTHONDONTWRITEBYTECODE would compile them on every run), and one check
runs before the timed ones, so the pattern cache (guidelint/pattern_cache.py) and Lark's cache
are warm, as on a user's machine after the first run. markdownlint-cli2 and proselint are
found on PATH or in ``--peers DIR`` (``DIR/node_modules/.bin``, ``DIR/pv/bin``); install them
outside the project (README). Figures vary with the machine and its load; compare ratios
from the same run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from make_corpus import write_corpus  # noqa: E402

PYTHON = sys.executable
ENV = {**os.environ, "NO_COLOR": "1", "GUIDELINT_NO_CACHE": "1"}
CACHED_ENV = {key: value for key, value in ENV.items() if key != "GUIDELINT_NO_CACHE"}


def run_measured(command: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float, int]:
    """(wall s, CPU s, peak memory in KB) of one run of ``command``; CPU and memory count the
    process and every worker it waited for (``os.wait4`` on this child alone)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here; keep Popen from waiting again
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def timed(command: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one run."""
    return run_measured(command, cwd, env)[:2]


def span(values: list[float], scale: float = 1.0, digits: int = 2) -> str:
    """"median (low-high)" of repeated figures."""
    low, mid, high = min(values) * scale, statistics.median(values) * scale, max(values) * scale
    return f"{mid:.{digits}f} ({low:.{digits}f}-{high:.{digits}f})" if len(values) > 1 else f"{mid:.{digits}f}"


def guidelint_cmd(*args: str) -> list[str]:
    script = Path(PYTHON).parent / "guidelint"
    return ([str(script)] if script.exists() else [PYTHON, "-m", "guidelint"]) + list(args)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


def peer_commands(peers: Path | None) -> dict[str, list[str] | None]:
    def find(name: str, *extra: Path) -> str | None:
        for folder in extra:
            if (folder / name).exists():
                return str(folder / name)
        return shutil.which(name)

    extra_node = [peers / "node_modules" / ".bin"] if peers else []
    extra_py = [peers / "pv" / "bin", peers / "bin"] if peers else []
    markdownlint = find("markdownlint-cli2", *extra_node)
    proselint = find("proselint", *extra_py)
    return {"markdownlint-cli2": [markdownlint] if markdownlint else None,
            "proselint": [proselint, "check"] if proselint else None}


def throughput(root: Path, count: int, rounds: int, peers: dict) -> None:
    print(f"== {count:,} guides, no cache, all cores ({os.cpu_count()}): {rounds} alternating rounds, "
          "median (range); ratio = guidelint / markdownlint-cli2 in the same round")
    for label, worst in (("default", False), ("worst case", True)):
        folder = root / f"{'worst' if worst else 'default'}{count}"
        write_corpus(folder, count, seed=7, worst=worst)
        size = folder_size(folder)
        files = [str(p) for p in sorted(folder.iterdir())]
        ours = guidelint_cmd("check", str(folder), "--quiet", "--exit-zero", "--no-cache")
        timed(ours)  # warm: the pattern cache, Lark's cache, the page cache
        results: dict[str, list[tuple[float, float]]] = {"guidelint": [], "markdownlint-cli2": []}
        for _ in range(rounds):
            results["guidelint"].append(timed(ours))
            if peers["markdownlint-cli2"]:
                results["markdownlint-cli2"].append(timed([*peers["markdownlint-cli2"], *files], cwd=folder))
        if peers["proselint"]:
            results["proselint"] = [timed([*peers["proselint"], *files], cwd=folder)]
        units = size / 5000
        print(f"  {label}: {count} guides, {size / 1e6:.2f} MB, mean {size / count / 1000:.1f} KB")
        for tool, runs in results.items():
            if not runs:
                print(f"    {tool:<18} not installed (see --peers)")
                continue
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            extra = ""
            if tool == "guidelint":
                extra = (f"  {count / statistics.median(walls):5.0f} files/s  "
                         f"CPU per 5 KB {span([c / units for c in cpus], 1000)} ms")
            print(f"    {tool:<18} wall {span(walls)} s  CPU {span(cpus)} s{extra}")
        if results["markdownlint-cli2"]:
            ratios = [ours[0] / theirs[0] for ours, theirs in zip(results["guidelint"], results["markdownlint-cli2"])]
            cpu_ratios = [ours[1] / theirs[1] for ours, theirs in zip(results["guidelint"], results["markdownlint-cli2"])]
            print(f"    ratio to markdownlint-cli2: wall {span(ratios)}  CPU {span(cpu_ratios)}")
        if count >= 1000 and not worst:
            cached(folder)


def cached(folder: Path) -> None:
    """A second run over unchanged guides, served from the cache (in its own working folder)."""
    work = folder.parent / "cached-run"
    work.mkdir(exist_ok=True)
    command = guidelint_cmd("check", str(folder), "--quiet", "--exit-zero")
    timed(command, cwd=work, env=CACHED_ENV)  # fills the cache
    runs = [timed(command, cwd=work, env=CACHED_ENV) for _ in range(7)]
    print(f"    second run with the cache (7 runs): wall {span([w for w, _ in runs])} s  "
          f"CPU {span([c for _, c in runs])} s")


def startup(root: Path, repeat: int = 21) -> None:
    folder = root / "one"
    write_corpus(folder, 1, seed=3)
    guide = next(folder.iterdir())
    base_cmd = [PYTHON, "-c", "import lark, yaml"]
    ours_cmd = guidelint_cmd("check", str(guide), "--quiet", "--exit-zero", "--no-cache")
    timed(ours_cmd)
    base, ours = [], []
    for _ in range(repeat):  # alternate, so both meet the same load
        base.append(timed(base_cmd))
        ours.append(timed(ours_cmd))
    walls = [o[0] / b[0] for o, b in zip(ours, base)]
    cpus = [o[1] / b[1] for o, b in zip(ours, base) if b[1] > 0]
    print(f"== start-up ({repeat} alternating runs, median (range))")
    print(f"  python -c 'import lark, yaml'   wall {span([b[0] for b in base], 1000, 1)} ms  "
          f"CPU {span([b[1] for b in base], 1000, 1)} ms")
    print(f"  guidelint check one.guide.md    wall {span([o[0] for o in ours], 1000, 1)} ms  "
          f"CPU {span([o[1] for o in ours], 1000, 1)} ms")
    print(f"  ratio                           wall {span(walls)}x  CPU {span(cpus)}x")
    startup_phases(guide)


PHASES = """
import sys, time
marks = [("start", time.perf_counter())]
import lark, yaml
marks.append(("import lark and yaml", time.perf_counter()))
from guidelint import pattern_cache
pattern_cache.load()
marks.append(("pattern cache loaded", time.perf_counter()))
from guidelint.commands import check
marks.append(("guidelint's check imports", time.perf_counter()))
from guidelint.parser import grammar, parse_text
from guidelint.catalogue import builtin
from guidelint.engine import lint
grammar(); builtin()
marks.append(("grammar and catalogue", time.perf_counter()))
text = open(sys.argv[1], encoding="utf-8").read()
guide = parse_text(text)
marks.append(("first parse", time.perf_counter()))
lint(guide)
marks.append(("first lint", time.perf_counter()))
guide = parse_text(text)
marks.append(("parse again", time.perf_counter()))
lint(guide)
marks.append(("lint again", time.perf_counter()))
print(" ".join(f"{(b[1] - a[1]) * 1000:.2f}" for a, b in zip(marks, marks[1:])))
"""
PHASE_NAMES = ["import lark and yaml", "pattern cache loaded", "guidelint's check imports", "grammar and catalogue",
               "first parse", "first lint", "parse again", "lint again"]


def startup_phases(guide: Path, repeat: int = 9) -> None:
    """Where a one-guide check's start-up goes, in a fresh interpreter each time (wall ms)."""
    rows = []
    for _ in range(repeat):
        out = subprocess.run([PYTHON, "-c", PHASES, str(guide)], env=ENV, capture_output=True, text=True, check=True)
        rows.append([float(x) for x in out.stdout.split()])
    print(f"  where it goes (median of {repeat} fresh interpreters; 'again' is the same guide parsed and linted "
          "once more, the work a warm process does)")
    for index, name in enumerate(PHASE_NAMES):
        print(f"    {name:<28} {statistics.median(row[index] for row in rows):6.1f} ms")


def clear_caches() -> None:
    """Forget every sentence the rules have seen (the classifier's and the checks' caches)."""
    from guidelint.questions import analysis, logistics
    from guidelint.checks import structure

    analysis.analyse.cache_clear()
    logistics.is_logistics_sentence.cache_clear()
    structure._stem.cache_clear()


def in_process(root: Path) -> None:
    from guidelint.config import Settings
    from guidelint.engine import lint
    from guidelint.parser import grammar, parse_text

    print("== in-process, per guide (median over 30 different guides, after one warm-up guide)")
    for label, lines, worst in (("default (3-7 KB)", None, False), ("300 lines", 300, False),
                                ("worst case", None, True)):
        folder = root / f"ip{lines}{worst}"
        write_corpus(folder, 31, seed=11, target_lines=lines, worst=worst)
        texts = [p.read_text() for p in sorted(folder.iterdir())]
        lint(parse_text(texts[0]), Settings())  # build the grammar, catalogue and lexicon
        parse_times, rule_times, cold_times, lark_times = [], [], [], []
        # different guides: the classifier caches sentences, so one guide timed 30 times
        # would flatter the rules. The generated guides also share sentences with each other,
        # so "cold" clears the caches before each guide, as a guide seen for the first time.
        for text in texts[1:]:
            start = time.perf_counter()
            grammar().parse(text)
            lark_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            guide = parse_text(text)
            middle = time.perf_counter()
            lint(guide, Settings())
            parse_times.append(middle - start)
            rule_times.append(time.perf_counter() - middle)
            clear_caches()
            start = time.perf_counter()
            lint(guide, Settings())
            cold_times.append(time.perf_counter() - start)
        mean_lines = statistics.mean(len(t.splitlines()) for t in texts[1:])
        mean_kb = statistics.mean(len(t.encode()) for t in texts[1:]) / 1000
        print(f"  {label:<18} {mean_lines:>4.0f} lines {mean_kb:4.1f} KB  lark {statistics.median(lark_times) * 1000:5.2f}"
              f"  parse {statistics.median(parse_times) * 1000:6.2f} ms"
              f"  rules {statistics.median(rule_times) * 1000:6.2f} ms"
              f"  (cold {statistics.median(cold_times) * 1000:6.2f} ms)")
    rule_shares(root)
    real = sorted((HERE.parent.parent / "shared" / "real-guides").glob("[0-9]*.md"))
    if real:  # the published guides beside the repo, when present (never copied into it)
        print("  real guides, rules only, median of 7 (cold: caches cleared; again: re-checked as the editor does)")
        for path in real:
            guide = parse_text(path.read_text(encoding="utf-8"), str(path))
            cold, again = [], []
            for _ in range(7):
                clear_caches()
                start = time.perf_counter()
                lint(guide, Settings())
                cold.append(time.perf_counter() - start)
                start = time.perf_counter()
                lint(guide, Settings())
                again.append(time.perf_counter() - start)
            lines = len(guide.source.splitlines())
            print(f"    {path.name[:34]:<34} {lines:4d} lines  cold {statistics.median(cold) * 1000:5.2f} ms"
                  f"  again {statistics.median(again) * 1000:5.2f} ms")
    for label, worst in (("default", False), ("worst case", True)):
        folder = root / f"floor{worst}"
        write_corpus(folder, 100, seed=13, worst=worst)
        corpus = "".join(p.read_text() for p in sorted(folder.iterdir()))
        lark_only, full = [], []
        for _ in range(3):
            start = time.perf_counter()
            grammar().parse(corpus)
            lark_only.append(time.perf_counter() - start)
            start = time.perf_counter()
            parse_text(corpus)
            full.append(time.perf_counter() - start)
        mb = len(corpus.encode()) / 1e6
        print(f"  {label:<10} 100 guides as one text: Lark parse alone (the floor) {mb / min(lark_only):5.2f} MB/s "
              f"({min(lark_only) * 1000 / (mb * 200):.2f} ms per 5 KB); parse into the model {mb / min(full):5.2f} MB/s")


def rule_shares(root: Path) -> None:
    """Where a check's time goes: Lark, the rest of the parse into the model, and each rule,
    per 5 KB of guide, over 100 guides of each corpus in one process (caches warm, as in a
    worker after its first guides)."""
    from guidelint import checks as registry
    from guidelint.config import Settings
    from guidelint.engine import lint
    from guidelint.parser import grammar, parse_text

    real_checks_for = registry.checks_for
    per_rule: dict[str, float] = {}

    def timed_checks(ctx):
        for run in real_checks_for(ctx):
            def wrapped(context, run=run):
                start = time.perf_counter()
                run(context)
                name = getattr(run, "__name__", str(run))
                per_rule[name] = per_rule.get(name, 0.0) + time.perf_counter() - start
            yield wrapped

    for label, worst in (("default", False), ("worst case", True)):
        folder = root / f"shares{worst}"
        write_corpus(folder, 100, seed=17, worst=worst)
        texts = [p.read_text() for p in sorted(folder.iterdir())]
        lint(parse_text(texts[0]), Settings())
        per_rule.clear()
        lark = model = rules = 0.0
        registry.checks_for = timed_checks
        try:
            for text in texts:
                start = time.perf_counter()
                grammar().parse(text)
                lark += time.perf_counter() - start
                start = time.perf_counter()
                guide = parse_text(text)
                model += time.perf_counter() - start
                start = time.perf_counter()
                lint(guide, Settings())
                rules += time.perf_counter() - start
        finally:
            registry.checks_for = real_checks_for
        units = sum(len(t.encode()) for t in texts) / 5000
        top = sorted(per_rule.items(), key=lambda item: -item[1])[:6]
        print(f"  {label:<10} per 5 KB: Lark {lark * 1000 / units:.2f} ms, rest of the model "
              f"{(model - lark) * 1000 / units:.2f} ms, rules {rules * 1000 / units:.2f} ms: "
              + ", ".join(f"{name} {t * 1000 / units:.2f}" for name, t in top))


def memory(root: Path, count: int) -> None:
    for label, worst in (("default", False), ("worst case", True)):
        folder = root / f"{'worst' if worst else 'default'}{count}"
        if not folder.exists():
            write_corpus(folder, count, seed=7, worst=worst)
        _, _, peak = run_measured(guidelint_cmd("check", str(folder), "--quiet", "--exit-zero", "--no-cache",
                                                "--jobs", "1"))
        print(f"== peak memory, {count:,} {label} guides in one process: {peak / 1024:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 guides per corpus instead of 1,000, one round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of the corpus runs (default 3)")
    parser.add_argument("--peers", type=Path, help="folder where markdownlint-cli2 and proselint are installed")
    args = parser.parse_args()
    compileall.compile_dir(str(HERE.parent / "src" / "guidelint"), quiet=1)
    peers = peer_commands(args.peers)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        count = 100 if args.quick else 1000
        throughput(root, count, 1 if args.quick else args.rounds, peers)
        startup(root)
        in_process(root)
        memory(root, count)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
