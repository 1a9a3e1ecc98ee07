"""Do the findings stay the same? Record them before a change and compare after it.

    python benchmarks/same_findings.py save BEFORE.jsonl [--count N]
    python benchmarks/same_findings.py compare BEFORE.jsonl [--count N]

Checks, through ``guidelint check --format json`` as a user runs it (workers, no cache):
the examples, the real guides beside the repo when present (``../shared/real-guides``, read
there, never copied), N default generated guides and N worst-case ones (default 300 each),
and the examples and real guides again in strict mode. ``save`` writes every finding, one
JSON line each, in a stable order; ``compare`` checks again and prints the first
differences, exiting 1 when there are any. A speed change must leave this file unchanged:
run ``save`` on the commit before it and ``compare`` on the commit itself.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import write_corpus  # noqa: E402

ENV = {**os.environ, "NO_COLOR": "1", "GUIDELINT_NO_CACHE": "1"}


def _check(paths: list[Path], *extra: str) -> list[dict]:
    script = Path(sys.executable).parent / "guidelint"
    command = ([str(script)] if script.exists() else [sys.executable, "-m", "guidelint"])
    result = subprocess.run([*command, "check", *map(str, paths), "--format", "json", "--no-cache", "--isolated",
                             "--exit-zero", *extra], env=ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"guidelint check failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)["diagnostics"]


def _stable(path: str, *, generated: bool) -> str:
    """A path that is the same in every run: generated guides live in a new temporary folder."""
    return Path(path).name if generated else os.path.relpath(path, ROOT)


def findings(count: int) -> list[str]:
    real = ROOT.parent / "shared" / "real-guides"
    plain = sorted(ROOT.joinpath("examples").glob("*.md"))
    if real.is_dir():
        plain += sorted(p for p in real.rglob("*.md") if p.name not in ("README.md", "CONVENTIONS.md"))
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        default = write_corpus(Path(tmp) / "default", count, seed=7)
        worst = write_corpus(Path(tmp) / "worst", count, seed=7, worst=True)
        runs = (("plain", plain, ()), ("strict", plain, ("--strict",)),
                ("default", default, ()), ("worst", worst, ()))
        for label, paths, extra in runs:
            for d in _check(paths, *extra):
                d["path"] = _stable(d["path"], generated=label in ("default", "worst"))
                for place in d.get("related", ()):
                    place["path"] = _stable(place["path"], generated=label in ("default", "worst"))
                lines.append(json.dumps({"run": label, **d}, sort_keys=True))
    return sorted(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--count", type=int, default=300, help="generated guides of each kind (default 300)")
    args = parser.parse_args()
    now = findings(args.count)
    if args.action == "save":
        args.file.write_text("".join(line + "\n" for line in now), encoding="utf-8")
        print(f"saved {len(now)} findings to {args.file}")
        return 0
    before = args.file.read_text(encoding="utf-8").splitlines()
    if before == now:
        print(f"same {len(now)} findings")
        return 0
    gone, new = sorted(set(before) - set(now)), sorted(set(now) - set(before))
    print(f"DIFFERENT: {len(before)} findings before, {len(now)} now; {len(gone)} gone, {len(new)} new")
    for line in gone[:10]:
        print("  - " + line)
    for line in new[:10]:
        print("  + " + line)
    # every difference counted, by where and which rule: the ten of each above may all be one
    # corpus's, and a real guide's change past them would go unseen
    tally = collections.Counter()
    for sign, lines in (("-", gone), ("+", new)):
        for line in lines:
            d = json.loads(line)
            tally[(sign, d["run"], _source(d["path"]), d["name"])] += 1
    print("  all differences (gone -, new +), by run, source and rule:")
    for (sign, run, source, name), n in sorted(tally.items()):
        print(f"    {sign} {n:4d}  {run:<8} {source:<10} {name}")
    return 1


def _source(path: str) -> str:
    if "real-guides" in path:
        return "real"
    return "example" if path.startswith("examples") or "/examples/" in path else "generated"


if __name__ == "__main__":
    raise SystemExit(main())
