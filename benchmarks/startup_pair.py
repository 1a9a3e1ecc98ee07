"""Start-up of a one-guide check from two source trees, in paired alternating runs.

    python benchmarks/startup_pair.py OLD_SRC NEW_SRC [--runs 21] [--guide FILE]

OLD_SRC and NEW_SRC are ``src`` folders (of a copy of another commit, and of this checkout); each
needs ``grammar/`` and ``rules/`` beside it, and must be writable, or its bytecode is compiled on
every run. Each round runs ``python -c "import lark, yaml"``, then the two checks in alternating
order, each a fresh process (``guidelint check GUIDE --no-cache``, the tree first on
``PYTHONPATH``), and counts the process CPU (``os.wait4``). Printed: medians with ranges, the
ratio of each to the import in its own round, and the paired difference NEW - OLD. The pattern
file is kept per source folder, so the two trees do not overwrite each other's; both are warmed
first, with bytecode written (``PYTHONDONTWRITEBYTECODE`` is dropped from the checks' environment).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import ENV, span, timed  # noqa: E402


def check_command(guide: Path) -> list[str]:
    return [sys.executable, "-m", "guidelint", "check", str(guide), "--quiet", "--exit-zero", "--no-cache"]


def tree_env(src: Path) -> dict:
    # bytecode written: under PYTHONDONTWRITEBYTECODE every module compiles on every run
    env = {key: value for key, value in ENV.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(src)}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("old", type=Path)
    options.add_argument("new", type=Path)
    options.add_argument("--runs", type=int, default=21)
    options.add_argument("--guide", type=Path)
    args = options.parse_args()
    guide = args.guide
    if guide is None:
        from make_corpus import write_corpus

        folder = Path(tempfile.mkdtemp(prefix="startup-pair-"))
        write_corpus(folder, 1, seed=3)  # run.py's start-up guide
        guide = next(folder.iterdir())
    envs = {"old": tree_env(args.old.resolve()), "new": tree_env(args.new.resolve())}
    command = check_command(guide)
    base_command = [sys.executable, "-c", "import lark, yaml"]
    for env in envs.values():
        for _ in range(2):  # bytecode, the pattern file, Lark's cache
            timed(command, env=env)
    cpu: dict[str, list[float]] = {"import": [], "old": [], "new": []}
    for index in range(args.runs):
        cpu["import"].append(timed(base_command)[1])
        for name in ("old", "new") if index % 2 == 0 else ("new", "old"):
            cpu[name].append(timed(command, env=envs[name])[1])
    print(f"start-up, {args.runs} paired alternating runs, process CPU ms, median (range); guide {guide.name}")
    print(f"  import lark, yaml  {span(cpu['import'], 1000, 1)}")
    for name in ("old", "new"):
        ratios = [ours / base for ours, base in zip(cpu[name], cpu["import"])]
        print(f"  {name:<4} {str(getattr(args, name)):<30} {span(cpu[name], 1000, 1)}  ratio {span(ratios)}x")
    differences = [new - old for new, old in zip(cpu["new"], cpu["old"])]
    print(f"  new - old (paired) {span(differences, 1000, 1)} ms; new faster in "
          f"{sum(d < 0 for d in differences)} of {len(differences)}")
    print(f"  load average {os.getloadavg()[0]:.2f}; median of import {statistics.median(cpu['import']) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
