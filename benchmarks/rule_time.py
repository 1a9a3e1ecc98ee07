"""Where the rules stage of a check spends its time, per 5 KB of guide: the method of Speeds X-XII.

    python benchmarks/rule_time.py [--count 200]                            # this tree, once
    python benchmarks/rule_time.py --against OTHER/src [--runs 6] [--count 200]  # paired runs

Thread CPU per 5 KB over ``--count`` generated guides of each corpus (``make_corpus.py``, seed
0, default and worst case), one warm-up guide from seed 7 linted first, the checker's
young-collection threshold; the parse (Lark included), the whole rules stage, ``funnel-order``,
``content_kind`` (structure.py's reading of what each section holds, which ``funnel-order``
calls) and the ethics rules (GL4xx) timed apart, each a sum over the guides divided by their
size (a sum, not a median: the rules that run on few guides count as they cost).

With ``--against``, the corpus is written once and this tree's ``src`` and OTHER's are measured
in alternating fresh interpreters (``PYTHONPATH``; OTHER needs its ``grammar/`` and
``rules/`` beside ``src/``, as a checkout or ``git archive main src grammar rules`` has them), ``--runs`` pairs, this tree first in odd
pairs and second in even ones; it prints each figure's median for both, and the median of the
paired differences (this tree minus OTHER) with their range. Figures vary with the machine's
load; only the paired differences compare.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
CORPORA = ("default", "worst")
FIGURES = ("parse", "rules", "funnel_order", "content_kind", "ethics")


def write_corpora(root: Path, count: int) -> None:
    sys.path.insert(0, str(HERE))
    from make_corpus import write_corpus

    write_corpus(root / "warm", 1, seed=7)
    write_corpus(root / "default", count, seed=0)
    write_corpus(root / "worst", count, seed=0, worst=True)


def measure(root: Path) -> dict[str, dict[str, float]]:
    """Each figure of each corpus in ms per 5 KB, timed in this interpreter."""
    import gc

    from guidelint import checks as registry
    from guidelint.checks import structure
    from guidelint.config import Settings
    from guidelint.engine import lint
    from guidelint.parser import parse_text
    from guidelint.runner import YOUNG_COLLECTION

    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])
    spent = dict.fromkeys(FIGURES, 0.0)

    def timed(run, figure: str):
        def wrapped(ctx) -> None:
            start = time.thread_time()
            run(ctx)
            spent[figure] += time.thread_time() - start
        return wrapped

    real_checks_for = registry.checks_for

    def checks_for(ctx):
        found = []
        for run in real_checks_for(ctx):
            if getattr(run, "__name__", "") == "funnel_order":
                run = timed(run, "funnel_order")
            elif getattr(run, "__module__", "").endswith(".ethics"):
                run = timed(run, "ethics")
            found.append(run)
        return found

    real_content_kinds = structure._content_kinds

    def content_kinds(ctx):
        start = time.thread_time()
        try:
            return real_content_kinds(ctx)
        finally:
            spent["content_kind"] += time.thread_time() - start

    registry.checks_for = checks_for
    structure._content_kinds = content_kinds
    for path in (root / "warm").glob("*.md"):
        lint(parse_text(path.read_text(encoding="utf-8")), Settings())
    out = {}
    for corpus in CORPORA:
        spent.update(dict.fromkeys(FIGURES, 0.0))
        units = 0.0
        for path in sorted((root / corpus).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            units += len(text.encode()) / 5000
            start = time.thread_time()
            guide = parse_text(text)
            middle = time.thread_time()
            lint(guide, Settings())
            end = time.thread_time()
            spent["parse"] += middle - start
            spent["rules"] += end - middle
        out[corpus] = {figure: spent[figure] * 1000 / units for figure in FIGURES}
    return out


def fresh_run(src: Path, root: Path) -> dict[str, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, __file__, "--corpus", str(root), "--json"], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"a run of {src} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def paired(other: Path, runs: int, root: Path) -> None:
    ours: list[dict] = []
    theirs: list[dict] = []
    for index in range(runs):
        order = [(SRC, ours), (other, theirs)]
        for src, into in order if index % 2 == 0 else reversed(order):
            into.append(fresh_run(src, root))
        print(f"pair {index + 1}: " + "; ".join(
            f"{corpus} rules {ours[-1][corpus]['rules']:.3f} vs {theirs[-1][corpus]['rules']:.3f}" for corpus in CORPORA),
            file=sys.stderr)
    print(f"{runs} paired runs, ms per 5 KB: this tree vs {other} (paired difference, range)")
    for corpus in CORPORA:
        for figure in FIGURES:
            a = [run[corpus][figure] for run in ours]
            b = [run[corpus][figure] for run in theirs]
            diff = [x - y for x, y in zip(a, b)]
            print(f"  {corpus:8} {figure:13} {statistics.median(a):7.3f} vs {statistics.median(b):7.3f}  "
                  f"({statistics.median(diff):+.3f}, {min(diff):+.3f} to {max(diff):+.3f})")


def show(figures: dict[str, dict[str, float]]) -> None:
    for corpus in CORPORA:
        print(f"{corpus}: " + ", ".join(f"{figure} {figures[corpus][figure]:.3f}" for figure in FIGURES)
              + " ms per 5 KB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="generated guides of each corpus")
    parser.add_argument("--against", type=Path, help="another tree's src: paired runs against it")
    parser.add_argument("--runs", type=int, default=6, help="with --against: pairs of fresh interpreters")
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)  # a fresh run's written corpus
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.corpus is not None:
        figures = measure(args.corpus)
        print(json.dumps(figures)) if args.json else show(figures)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpora(root, args.count)
        if args.against is None:
            show(fresh_run(SRC, root))
        else:
            paired(args.against.resolve(), args.runs, root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
