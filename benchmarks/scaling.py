"""Time against size: ordinary guides and hostile shapes must all cost time linear in their size.

    python benchmarks/scaling.py [--quick] [--limit SECONDS] [--only SHAPE,...]

Each shape is built at several sizes (lines for the whole-file shapes, characters for the
one-long-line shapes) and checked with every rule (`--select ALL`: parse and lint, in a child
process of its own so one slow shape cannot hold up the rest). The table gives the seconds, the
time per line or per character, and that per-unit time divided by the one at the smallest size
that took long enough to measure: a linear shape stays near 1 as the size grows tenfold, a
quadratic one grows about tenfold with it. A run that passes `--limit` (default 300 s) is
stopped and shown as such.

The hostile shapes are the ones that once took quadratic time (issue 12) and their relatives:
a question of "and " repeated, unclosed links "[a](", "a, " repeated, one question repeated on
every line, unclosed brackets, tags and attribute blocks, "e.g. " repeated. tests/test_scaling.py
runs the same shapes, once each, at a size where quadratic time would not finish.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

LINE_SIZES = (1_000, 10_000, 100_000)
CHAR_SIZES = (1_000, 10_000, 100_000, 1_000_000)
#: per-unit times are compared from the first size that took at least this long (start-up noise)
MEASURABLE_SECONDS = 0.02


def _repeat(piece: str, chars: int) -> str:
    return piece * max(1, chars // len(piece))


def _realistic(lines: int) -> str:
    from make_corpus import generate_guide

    return generate_guide(random.Random(1), 1, target_lines=lines)


# name -> (unit, build(size) -> guide text). A "line" shape has `size` lines; a "char" shape is
# one line of about `size` characters under a heading.
SHAPES: dict[str, tuple[str, object]] = {
    "realistic guide": ("line", _realistic),
    "one question repeated": ("line", lambda n: "# G\n\n## Questions\n\n" + "- What happened next?\n" * n),
    "sections with boxes": ("line", lambda n: "# G\n" + "".join(f"## Part {i} (1 min)\n- What happened {i}?\n"
                                                              for i in range(n // 2))),
    "mixed indents": ("line", lambda n: "# G\n\n" + "".join(" " * (i % 23) + f"- Why {i}?\n" for i in range(n))),
    '"and " question': ("char", lambda n: "# G\n\n- " + _repeat("and ", n) + "?\n"),
    '"[a](" unclosed links': ("char", lambda n: "# G\n\n- " + _repeat("[a](", n) + "?\n"),
    '"a, " list': ("char", lambda n: "# G\n\n- " + _repeat("a, ", n) + "?\n"),
    '"[a](b)" links': ("char", lambda n: "# G\n\n- " + _repeat("[a](b)", n) + "?\n"),
    '"[" brackets': ("char", lambda n: "# G\n\n- " + _repeat("[", n) + "?\n"),
    '"[a" brackets': ("char", lambda n: "# G\n\n- " + _repeat("[a", n) + "?\n"),
    '"<a " tags': ("char", lambda n: "# G\n\n- " + _repeat("<a ", n) + "?\n"),
    '"{a=" attributes': ("char", lambda n: "# G\n\n- " + _repeat("{a=", n) + "?\n"),
    '"e.g. " abbreviations': ("char", lambda n: "# G\n\n- " + _repeat("e.g. ", n) + "?\n"),
    '"and why " question': ("char", lambda n: "# G\n\n- " + _repeat("and why ", n) + "?\n"),
    '"(a " parentheses': ("char", lambda n: "# G\n\n- " + _repeat("(a ", n) + "?\n"),
    '"(5 min) " heading': ("char", lambda n: "# G\n\n## " + _repeat("(5 min) ", n) + "\n"),
    '"*" emphasis': ("char", lambda n: "# G\n\n" + _repeat("*", n) + "\n"),
    '"?" marks': ("char", lambda n: "# G\n\n" + _repeat("?", n) + "\n"),
    '"<!-- " comments': ("char", lambda n: "# G\n\n" + _repeat("<!-- ", n) + "\n"),
}


def build(shape: str, size: int) -> bytes:
    return SHAPES[shape][1](size).encode("utf-8")


def measure_here(shape: str, size: int) -> dict:
    """Parse and lint one shape in this process."""
    from guidelint.config import Layer, Settings
    from guidelint.engine import lint
    from guidelint.parser import parse_bytes

    data = build(shape, size)
    lint(parse_bytes(b"# Warm up\n\n- What happened?\n", "w.guide.md"), Settings())  # imports, lexicon, patterns
    started = time.perf_counter()
    guide = parse_bytes(data, "shape.guide.md")
    parsed = time.perf_counter()
    found = lint(guide, Settings(), cli=Settings(layers=[Layer(select=["ALL"])]))
    done = time.perf_counter()
    if any(d.fatal for d in found):
        raise SystemExit(f"{shape} at {size}: {found[0].message}")
    return {"bytes": len(data), "parse": parsed - started, "lint": done - parsed}


def measure(shape: str, size: int, limit: float) -> dict | None:
    """One measurement in a child process; None when it passed the limit."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parent / "src"), os.environ.get("PYTHONPATH", "")])}
    try:
        out = subprocess.run([sys.executable, __file__, "--one", shape, str(size)], capture_output=True,
                             text=True, timeout=limit, env=env, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{shape} at {size} failed:\n{exc.stderr}") from None
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="leave out the largest size of each kind")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds before a run is stopped")
    parser.add_argument("--only", help="comma-separated shape names")
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_here(args.one[0], int(args.one[1]))))
        return
    shapes = [s.strip() for s in args.only.split(",")] if args.only else list(SHAPES)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; parse + lint with every rule, "
          "one child process per run\n")
    print("| shape | unit | size | bytes | seconds | µs per unit | per unit vs. smallest |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for shape in shapes:
        unit = SHAPES[shape][0]
        sizes = LINE_SIZES if unit == "line" else CHAR_SIZES
        if args.quick:
            sizes = sizes[:-1]
        base: float | None = None
        for size in sizes:
            result = measure(shape, size, args.limit)
            if result is None:
                print(f"| {shape} | {unit} | {size:,} | | > {args.limit:g} | | stopped |")
                break
            seconds = result["parse"] + result["lint"]
            per_unit = seconds / size
            if base is None and seconds >= MEASURABLE_SECONDS:
                base = per_unit
            ratio = f"{per_unit / base:.2f}" if base else "(too fast to compare)"
            print(f"| {shape} | {unit} | {size:,} | {result['bytes']:,} | {seconds:.3f} | {per_unit * 1e6:.2f} "
                  f"| {ratio} |", flush=True)


if __name__ == "__main__":
    main()
