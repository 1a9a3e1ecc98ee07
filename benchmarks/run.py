"""Speed of guidelint, measured the way users meet it.

    python benchmarks/run.py [--quick]

Prints: files/s and MB/s of `guidelint check` on 1, 100 and 1,000 generated guides (no cache),
the start-up of `guidelint check` on one guide next to `python -c "import lark, yaml"` (same run,
as a ratio), parse and rules time per guide in-process (a default-size guide and a 300-line one),
the parse-only floor in MB/s, peak memory of the 1,000-guide run, and the same files through
markdownlint-cli2 and proselint when they are installed. Figures vary with the machine; the
ratios are what to compare.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def wall(command: list[str], cwd: Path | None = None, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def guidelint_cmd(*args: str) -> list[str]:
    script = Path(PYTHON).parent / "guidelint"
    return ([str(script)] if script.exists() else [PYTHON, "-m", "guidelint"]) + list(args)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


def throughput(root: Path, quick: bool) -> None:
    print("== guidelint check on generated guides (no cache, all cores)")
    for count in ((1, 100) if quick else (1, 100, 1000)):
        folder = root / f"c{count}"
        write_corpus(folder, count, seed=7)
        size = folder_size(folder)
        seconds = wall(guidelint_cmd("check", str(folder), "--quiet", "--exit-zero", "--no-cache"),
                       repeat=1 if count == 1000 else 3)
        print(f"  {count:>5} guides  {size / 1e6:6.2f} MB  {seconds:6.2f} s  "
              f"{count / seconds:8.1f} files/s  {size / 1e6 / seconds:6.2f} MB/s")


def startup(root: Path) -> None:
    folder = root / "one"
    write_corpus(folder, 1, seed=3)
    guide = next(folder.iterdir())
    base = wall([PYTHON, "-c", "import lark, yaml"], repeat=15)
    one = wall(guidelint_cmd("check", str(guide), "--quiet", "--exit-zero", "--no-cache"), repeat=15)
    print("== start-up (median of 15)")
    print(f"  python -c 'import lark, yaml'   {base * 1000:7.1f} ms")
    print(f"  guidelint check one.guide.md    {one * 1000:7.1f} ms   ratio {one / base:.2f}x")


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
    from guidelint.parser import parse_text

    print("== in-process, per guide (median over 30 different guides, after one warm-up guide)")
    for label, lines in (("default (3-7 KB)", None), ("300 lines", 300)):
        folder = root / f"ip{lines}"
        write_corpus(folder, 31, seed=11, target_lines=lines)
        texts = [p.read_text() for p in sorted(folder.iterdir())]
        lint(parse_text(texts[0]), Settings())  # build the grammar, catalogue and lexicon
        parse_times, rule_times, cold_times = [], [], []
        # different guides: the classifier caches sentences, so one guide timed 30 times
        # would flatter the rules. The generated guides also share sentences with each other,
        # so "cold" clears the caches before each guide, as a guide seen for the first time.
        for text in texts[1:]:
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
        print(f"  {label:<18} {mean_lines:>4.0f} lines  parse {statistics.median(parse_times) * 1000:6.2f} ms"
              f"  rules {statistics.median(rule_times) * 1000:6.2f} ms"
              f"  (cold {statistics.median(cold_times) * 1000:6.2f} ms)")
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
    from guidelint.parser import grammar

    corpus = "".join(p.read_text() for p in (root / "c100").iterdir())
    start = time.perf_counter()
    grammar().parse(corpus)
    lark_only = time.perf_counter() - start
    start = time.perf_counter()
    parse_text(corpus)
    full = time.perf_counter() - start
    mb = len(corpus.encode()) / 1e6
    print(f"  Lark parse alone (the floor)   {mb / lark_only:6.2f} MB/s")
    print(f"  parse into the model           {mb / full:6.2f} MB/s")


def memory(root: Path, quick: bool) -> None:
    folder = root / ("c100" if quick else "c1000")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(guidelint_cmd("check", str(folder), "--quiet", "--exit-zero", "--no-cache", "--jobs", "1"),
                   env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"== peak memory of `check {folder.name}` in one process: {max(peak, before) / 1024:.0f} MB")


def others(root: Path) -> None:
    folder = root / "c1000" if (root / "c1000").exists() else root / "c100"
    files = [str(p) for p in sorted(folder.iterdir())]
    print(f"== peers on the same {len(files)} files (when installed)")
    tools = {
        "markdownlint-cli2": ["markdownlint-cli2", *files],
        "proselint": ["proselint", "check", *files],
    }
    for name, command in tools.items():
        if shutil.which(command[0]) is None:
            print(f"  {name:<18} not installed")
            continue
        print(f"  {name:<18} {wall(command, repeat=1):6.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--quick", action="store_true", help="skip the 1,000-guide run")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        throughput(root, args.quick)
        startup(root)
        in_process(root)
        memory(root, args.quick)
        others(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
