"""Accuracy of the question-wording classifier on the labelled questions.

Usage::

    python benchmarks/accuracy.py [--split train|holdout|all] [--show-errors]

Reads ``tests/data/questions.tsv`` (tab-separated: id, split, domain, question, closed,
leading, double, polite) and prints, per split, precision / recall / F1 for closed, leading,
double and polite detection, plus how many polite requests were flagged closed. The default
prints the train and holdout splits separately.

The holdout split is the held-out test set: tune on ``train`` only, and use
``--show-errors`` only with ``--split train``.

``--policy`` also scores what ``guidelint check`` reports on a one-question guide by default
and in strict mode: the classifier finds every form; the default check reports only those
researchers raise on real guides (see README, "Strict mode").

``--dev`` also scores the development sets (``tests/data/*-dev*.tsv``: the labels they have,
[kind,] question), each written by someone who had not seen the detector. Each is
scored in two halves, rows 1, 3, 5… ("tune") and rows 2, 4, 6… ("check"); which halves were
tuned on is recorded in ``DEV_TUNED`` below, so the untouched halves say how the leading rule
does on phrasings it was not written from.

``--real`` scores whole real guides (``../shared/real-guides``) against the blind answer keys
in ``tests/data/real_keys`` (see ``benchmarks/real_keys.py``): findings per guide that are
right, debatable or wrong, false alarms per rule and by the role of the line, and firm
labels missed, for the tune and holdout splits. ``--details`` lists each wrong or debatable
finding of the tune split; the holdout split prints totals only unless ``--final`` is given
(for the closing report, never for tuning).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from guidelint.questions import classify_row  # noqa: E402

DATA = ROOT / "tests" / "data" / "questions.tsv"
# A second reading of the leading column: a helper briefed only as a researcher labelled every
# row from its text, under issue 11's definition, without the set's labels or guidelint.
SECOND_READING = ROOT / "tests" / "data" / "questions-leading-second.tsv"
KINDS = ("closed", "leading", "double", "polite")
# Which halves of each development set patterns were written from ("all", "tune" or none).
DEV_TUNED = {"leading-dev.tsv": "all", "leading-dev2.tsv": "tune", "leading-dev3.tsv": "tune",
             "leading-dev4.tsv": "tune", "leading-dev5.tsv": "tune",
             "leading-dev6.tsv": "all", "leading-dev7.tsv": "tune", "leading-dev8.tsv": "tune", "wording-dev.tsv": "tune"}


def load_rows(split: str) -> list[dict[str, str]]:
    """Rows of one split ("train", "holdout") or "all"."""
    with open(DATA, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if split == "all":
        return rows
    return [r for r in rows if r["split"] == split]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(rows: list[dict[str, str]], kinds: tuple[str, ...] = KINDS, classify=None) -> dict[str, object]:
    counts = {k: [0, 0, 0] for k in kinds}  # tp, fp, fn
    errors: list[tuple[str, str, str, str]] = []
    polite_total = polite_flagged = 0
    for row in rows:
        pred = (classify or classify_row)(row["question"])
        for k in kinds:
            gold = row[k] == "1"
            got = pred[k]
            if gold and got:
                counts[k][0] += 1
            elif got:
                counts[k][1] += 1
                errors.append((row.get("id", ""), k, "false positive", row["question"]))
            elif gold:
                counts[k][2] += 1
                errors.append((row.get("id", ""), k, "missed", row["question"]))
        if row.get("polite") == "1":
            polite_total += 1
            polite_flagged += pred["closed"]
    return {
        "scores": {k: prf(*counts[k]) for k in kinds},
        "counts": counts,
        "polite_total": polite_total,
        "polite_flagged": polite_flagged,
        "errors": errors,
    }


_RULE_KIND = {"closed-question": "closed", "leading-question": "leading", "double-barreled-question": "double"}


def check_row(text: str, strict: bool = False) -> dict[str, bool]:
    """What ``guidelint check`` reports on a one-question guide, by kind (a finding counts for the
    rules it stands for too): the question set as a user meets it, with the default policy."""
    from guidelint.config import Layer, Settings
    from guidelint.engine import lint
    from guidelint.parser import parse_text

    guide = parse_text(f"# Questions\n\n## Topic\n\n- {text}\n", "q.guide.md")
    found = lint(guide, Settings(strict=strict), cli=Settings(layers=[Layer(select=["GL1"])]))
    kinds = {_RULE_KIND[n] for d in found for n in (d.name, *d.also) if n in _RULE_KIND}
    return {"closed": "closed" in kinds, "leading": "leading" in kinds, "double": "double" in kinds,
            "polite": classify_row(text)["polite"]}


def report(name: str, rows: list[dict[str, str]], show_errors: bool) -> None:
    t0 = time.perf_counter()
    res = evaluate(rows)
    dt = time.perf_counter() - t0
    print(f"== {name}: {len(rows)} rows ({dt * 1000:.1f} ms)")
    print(f"   {'kind':<8} {'prec':>6} {'recall':>6} {'F1':>6}   tp  fp  fn")
    for k in KINDS:
        p, r, f = res["scores"][k]
        tp, fp, fn = res["counts"][k]
        label = k if k != "polite" else "polite*"
        print(f"   {label:<8} {p:6.3f} {r:6.3f} {f:6.3f}  {tp:3d} {fp:3d} {fn:3d}")
    total, flagged = res["polite_total"], res["polite_flagged"]
    pct = 100.0 * flagged / total if total else 0.0
    print(f"   polite requests flagged closed: {flagged} of {total} ({pct:.1f}%)")
    print("   (*polite: detection of polite requests)")
    if show_errors:
        for rid, kind, what, q in sorted(res["errors"]):
            print(f"   {rid} {kind:<7} {what:<14} {q}")
    print()


def dev_report(show_errors: bool) -> None:
    for path in sorted(DATA.parent.glob("*-dev*.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
        kinds = tuple(k for k in KINDS if k in rows[0])
        tuned = DEV_TUNED.get(path.name, "none")
        print(f"== {path.name}: {len(rows)} rows, {', '.join(kinds)} (tuned on: {tuned})")
        for half, part in (("tune", rows[0::2]), ("check", rows[1::2])):
            res = evaluate(part, kinds)
            if show_errors and half == "tune":  # never the check half: it stays unseen
                for _, kind, what, question in res["errors"]:
                    print(f"   {kind:<8} {what:<14} {question}")
            for kind in kinds:
                p, r, f = res["scores"][kind]
                tp, fp, fn = res["counts"][kind]
                print(f"   {half:<6} {kind:<8} {len(part):4d} rows  prec {p:.3f}  recall {r:.3f}  F1 {f:.3f}"
                      f"   tp {tp} fp {fp} fn {fn}")
            if "polite" in kinds:
                print(f"   {half:<6} polite requests flagged closed: {res['polite_flagged']} of {res['polite_total']}")
        print()


def real_report(details: bool, final: bool, profile: str | None) -> None:
    import real_keys

    keys = real_keys.load_keys()
    extra = ["--profile", profile] if profile else []
    scores = real_keys.score_all(keys, extra)
    if not scores:
        print("../shared/real-guides is not present; nothing to score")
        return
    for split in ("tune", "holdout"):
        part = [s for s in scores if s.key.split == split]
        print(f"== real guides, {split} split: {len(part)} guides")
        print(real_keys.summary(part, details=details and (split == "tune" or final)))
        counts, _ = real_keys.role_confusion([s.key for s in part])
        judged = real_keys.JUDGED
        both = sum(n for (k, m), n in counts.items() if k in judged and m in judged)
        key_only = sum(n for (k, m), n in counts.items() if k in judged and m not in judged)
        model_only = sum(n for (k, m), n in counts.items() if k not in judged and m in judged)
        same = sum(n for (k, m), n in counts.items() if k == m)
        print(f"line roles: {sum(counts.values())} keyed lines, the same role on {same}; both read as asked {both}, "
              f"only the key {key_only}, only guidelint {model_only} (judged lines the key does not call questions)")
        print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("train", "holdout", "all"), default=None)
    ap.add_argument("--show-errors", action="store_true", help="list misclassified rows")
    ap.add_argument("--dev", action="store_true", help="also score the development sets")
    ap.add_argument("--real", action="store_true", help="score real guides against the answer keys")
    ap.add_argument("--policy", action="store_true",
                    help="also score what 'guidelint check' reports by default and in strict mode on one-question guides")
    ap.add_argument("--details", action="store_true", help="with --real: each wrong or debatable finding (tune split)")
    ap.add_argument("--final", action="store_true", help="with --real --details: the holdout's details too")
    ap.add_argument("--profile", default=None, help="with --real: check with this profile")
    ap.add_argument("--second-reading", action="store_true",
                    help="score leading against a second, independent reading of the set (questions-leading-second.tsv)")
    args = ap.parse_args(argv)
    if args.real:
        real_report(args.details, args.final, args.profile)
        return 0
    splits = [args.split] if args.split else ["train", "holdout"]
    if args.show_errors and "holdout" in splits:
        print("note: --show-errors on the holdout split is for final reporting only, not tuning\n")
    if args.second_reading:
        second = {}
        with open(SECOND_READING, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                second[row["id"]] = row["leading"]
    for split in splits:
        if args.second_reading:
            rows = [{**r, "leading": second[r["id"]]} for r in load_rows(split)]
            res = evaluate(rows, ("leading",))
            p, r, f = res["scores"]["leading"]
            counts = res["counts"]["leading"]
            print(f"== {split}, leading by the second reading: P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp fp fn {counts})")
            continue
        report(split, load_rows(split), args.show_errors)
        if args.policy:
            for strict in (False, True):
                res = evaluate(load_rows(split), ("closed", "leading", "double"), lambda q: check_row(q, strict))
                scores = "  ".join(f"{k} {res['scores'][k][2]:.3f} (P {res['scores'][k][0]:.3f} R {res['scores'][k][1]:.3f})"
                                   for k in ("closed", "leading", "double"))
                print(f"   check, {'strict' if strict else 'default'}: {scores}")
            print()
    if args.dev:
        dev_report(args.show_errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
