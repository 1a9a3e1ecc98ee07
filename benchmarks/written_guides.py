"""Wording findings and line roles against guides our own researchers wrote and labelled blind.

    python benchmarks/written_guides.py [FOLDER ...] [--lines]

Each guide ``NAME.md`` has ``NAME.labels.tsv`` beside it: line, role (question, task,
logistics, observer, options, note) and, for questions, the researcher's labels (closed,
leading, double, hypothetical or ok). The guides were written by helpers briefed only as
researchers, who saw neither the code nor the real guides; folder ``a`` is the tune split
(read while changing rules), ``b`` is held out and only scored (tests/data/written_guides/README.md).

A wording finding is right when its line is a question and the label names the finding's kind
(or a kind it stands for), wrong when the line is not put to the participant or the researcher
called it fine, and debatable when the researcher saw another weakness there.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from guidelint.config import Settings  # noqa: E402
from guidelint.engine import lint  # noqa: E402
from guidelint.parser import parse_text  # noqa: E402

DATA = HERE.parent / "tests" / "data" / "written_guides"
KIND = {"leading-question": "leading", "closed-question": "closed", "double-barreled-question": "double",
        "hypothetical-question": "hypothetical"}


def read_labels(path: Path) -> dict[int, tuple[str, set[str]]]:
    labels = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        cells = row.split("\t")
        if len(cells) < 3 or not cells[0].strip().isdigit():
            continue
        labels[int(cells[0])] = (cells[1].strip(), {x.strip() for x in cells[2].split(",") if x.strip() not in ("", "-")})
    return labels


def score(folder: Path, show_lines: bool) -> collections.Counter:
    totals: collections.Counter = collections.Counter()
    for md in sorted(folder.glob("*.md")):
        key = md.with_suffix(".labels.tsv")
        if not key.exists():
            continue
        labels = read_labels(key)
        guide = parse_text(md.read_text(encoding="utf-8"), str(md))
        found = [d for d in lint(guide, Settings()) if d.name in KIND]
        flagged: dict[int, set[str]] = collections.defaultdict(set)
        counts: collections.Counter = collections.Counter()
        for d in found:
            kinds = {KIND[d.name], *(KIND[a] for a in d.also if a in KIND)}
            flagged[d.span.line] |= kinds
            role, marks = labels.get(d.span.line, ("unlabelled", set()))
            if role != "question":
                verdict = "wrong"
            elif kinds & marks:
                verdict = "right"
            elif marks - {"ok"}:
                verdict = "debatable"
            else:
                verdict = "wrong"
            counts[verdict] += 1
            counts[f"{d.name}:{verdict}"] += 1
            if show_lines and verdict != "right":
                print(f"  {md.name}:{d.span.line} {d.name} {verdict} (key: {role} {','.join(sorted(marks)) or '-'})")
        for line, (role, marks) in labels.items():
            if role != "question":
                continue
            for kind in marks - {"ok"}:
                if kind not in flagged.get(line, ()):
                    counts["missed"] += 1
                    counts[f"missed:{kind}"] += 1
                    if show_lines:
                        print(f"  {md.name}:{line} missed {kind}")
        print(f"{md.name:45} findings {counts['right'] + counts['debatable'] + counts['wrong']:3}  right {counts['right']:3}"
              f"  debatable {counts['debatable']:3}  wrong {counts['wrong']:3}  missed {counts['missed']:3}")
        totals.update(counts)
        totals["guides"] += 1
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--lines", action="store_true", help="print each finding that is not right, and each miss")
    args = parser.parse_args()
    folders = args.folders or sorted(p for p in DATA.iterdir() if p.is_dir())
    for folder in folders:
        print(f"== {folder.name}")
        t = score(folder, args.lines)
        n = max(t["guides"], 1)
        judged = t["right"] + t["debatable"] + t["wrong"]
        print(f"total: {judged} wording findings on {t['guides']} guides: right {t['right']}, debatable {t['debatable']}, "
              f"wrong {t['wrong']} ({t['wrong'] / n:.2f} wrong a guide); missed {t['missed']}")
        for rule in KIND:
            print(f"  {rule}: " + " / ".join(str(t[f'{rule}:{v}']) for v in ("right", "debatable", "wrong"))
                  + f"  missed {t['missed:' + KIND[rule]]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
