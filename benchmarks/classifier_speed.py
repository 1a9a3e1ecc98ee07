"""The question classifier's first reading of a sentence, measured on its own, and everything
it says about each sentence, for comparing a change before and after.

    python benchmarks/classifier_speed.py time [--rounds 5] [--sentences all|tsv|real]  # µs per distinct sentence
    python benchmarks/classifier_speed.py dump OUT           # every reading, one line each
    python benchmarks/classifier_speed.py guides [--count 200]  # ms per 5 KB, both corpora

The sentences are every row of ``tests/data/*.tsv`` and every sentence the classifier reads
when the real guides beside the repo (``../shared/real-guides``, read there, never copied), the
written sets and the examples are linted (``analyse``'s arguments, recorded). ``time`` clears
the classifier's cache before each round (every sentence read for the first time, as in a new
guide; and what the lexicon's gate texts remember of each token, as in a new run) and reports
thread CPU per sentence; the lexicon and its compiled patterns are made before the first round.
``dump`` writes, for each sentence, the whole reading (``analyse``), each pattern
group's ``search`` and ``finditer`` (pattern index, span, groups), and for each TSV row
``classify_row`` and ``analyse_question``: a speed change must leave that file unchanged.
``guides`` times whole guides in one process, as Speeds VI-VIII did: thread CPU per 5 KB over
``--count`` generated guides of each corpus (seed 0, one warm-up guide from seed 7, the checker's
young-collection threshold, caches as a check fills them), the parse (Lark included) and the
rules apart, median over the guides. Pair runs of the code before and after a change in fresh
interpreters (``PYTHONPATH=OTHER/src``) and compare their medians.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _tsv_questions() -> list[str]:
    rows = []
    for path in sorted((ROOT / "tests" / "data").glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row.get("question"):
                    rows.append(row["question"])
    return rows


def _guides() -> list[Path]:
    real = ROOT.parent / "shared" / "real-guides"
    paths = sorted(ROOT.joinpath("examples").glob("*.md"))
    paths += sorted(ROOT.joinpath("tests", "data", "written_guides").rglob("*.md"))
    if real.is_dir():
        paths += sorted(real.rglob("*.md"))
    return [p for p in paths if p.name not in ("README.md", "CONVENTIONS.md")]


def sentences(kinds: str = "all") -> list[str]:
    """Every distinct sentence the classifier reads in the TSV rows and the guides, in first-seen order
    (``kinds``: "all", "tsv" for the rows alone, "real" for the real guides alone)."""
    from guidelint.config import Settings
    from guidelint.engine import lint
    from guidelint.parser import parse_text
    from guidelint.questions import analysis, classify_row, logistics

    seen: dict[str, None] = {}
    real_analyse = analysis.analyse

    def recording(sentence: str):
        seen.setdefault(sentence, None)
        return real_analyse(sentence)

    analysis.analyse = logistics.analyse = recording  # type: ignore[assignment]
    try:
        if kinds in ("all", "tsv"):
            for question in _tsv_questions():
                classify_row(question)
        real = ROOT.parent / "shared" / "real-guides"
        for path in _guides():
            if kinds == "all" or (kinds == "real" and real in path.parents):
                lint(parse_text(path.read_text(encoding="utf-8"), str(path)), Settings())
    finally:
        analysis.analyse = logistics.analyse = real_analyse  # type: ignore[assignment]
    return list(seen)


def time_rounds(texts: list[str], rounds: int) -> list[float]:
    """µs per sentence of each round, every sentence read for the first time."""
    from guidelint.questions import analysis
    from guidelint.questions.lexicon import load_lexicon

    load_lexicon()
    for text in texts:  # compiles whatever a first reading compiles
        analysis.analyse(text)
    out = []
    for _ in range(rounds):
        analysis.analyse.cache_clear()
        forget = getattr(getattr(load_lexicon(), "gate_texts", None), "forget", None)
        if forget is not None:  # what each token holds, remembered across sentences: known to no new run
            forget()
        start = time.thread_time()
        for text in texts:
            analysis.analyse(text)
        out.append((time.thread_time() - start) * 1e6 / len(texts))
    return out


def _match(found) -> str:
    if found is None:
        return "-"
    i, m = found
    return f"{i}:{m.span()}:{m.groups()}"


def dump(texts: list[str], out: Path) -> int:
    from guidelint.questions import analyse_question, classify_row, split_sentences
    from guidelint.questions import analysis, lexicon, text as question_text
    from guidelint.questions.reading import tokenise

    lex = lexicon.load_lexicon()
    groups = [(name, g) for name in lex.FIELDS if isinstance(g := getattr(lex, name), lexicon.PatternGroup)]
    lines = []
    for sentence in texts:
        lines.append(f"reading\t{sentence!r}\t{analysis.analyse(sentence)!r}")
        s = tokenise(sentence, question_text.normalise(sentence), lex)
        for name, group in groups:
            every = " ".join(_match(f) for f in group.finditer(s))
            lines.append(f"group\t{name}\t{sentence!r}\t{_match(group.search(s))}\t{every}")
    for question in _tsv_questions():
        lines.append(f"row\t{question!r}\t{classify_row(question)!r}\t{analyse_question(split_sentences(question))!r}")
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def per_guide(count: int) -> None:
    import gc
    import tempfile

    sys.path.insert(0, str(HERE))
    from make_corpus import write_corpus

    from guidelint.config import Settings
    from guidelint.engine import lint
    from guidelint.parser import parse_text
    from guidelint.runner import YOUNG_COLLECTION

    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])
    with tempfile.TemporaryDirectory() as tmp:
        warm = write_corpus(Path(tmp) / "warm", 1, seed=7)
        lint(parse_text(warm[0].read_text(encoding="utf-8")), Settings())
        for label, worst in (("default", False), ("worst case", True)):
            paths = write_corpus(Path(tmp) / label, count, seed=0, worst=worst)
            parse, rules = [], []
            for path in paths:
                text = path.read_text(encoding="utf-8")
                units = len(text.encode()) / 5000
                start = time.thread_time()
                guide = parse_text(text)
                middle = time.thread_time()
                lint(guide, Settings())
                end = time.thread_time()
                parse.append((middle - start) * 1000 / units)
                rules.append((end - middle) * 1000 / units)
            total = [a + b for a, b in zip(parse, rules)]
            print(f"{label}: {statistics.median(total):.3f} ms per 5 KB (parse {statistics.median(parse):.3f}, "
                  f"rules {statistics.median(rules):.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["time", "dump", "guides"])
    parser.add_argument("out", type=Path, nargs="?", help="dump: the file to write")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sentences", choices=["all", "tsv", "real"], default="all",
                        help="time: every sentence (default), the TSV rows' or the real guides' alone")
    parser.add_argument("--count", type=int, default=200, help="guides: generated guides of each corpus")
    args = parser.parse_args()
    if args.action == "guides":
        per_guide(args.count)
        return 0
    texts = sentences(args.sentences if args.action == "time" else "all")
    if args.action == "dump":
        if args.out is None:
            parser.error("dump needs a file to write")
        count = dump(texts, args.out)
        print(f"{len(texts)} sentences, {count} lines written to {args.out}")
        return 0
    per = time_rounds(texts, args.rounds)
    print(f"{len(texts)} distinct sentences: {statistics.median(per):.2f} µs a sentence "
          f"(rounds {min(per):.2f}-{max(per):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
