"""Lark's parse of generated guides with guidelint's LineLexer against Lark's own contextual lexer,
in one process, guide by guide in alternating order (the pairs see the same load).

    python benchmarks/lark_lexer.py [--count 100] [--rounds 8]

For each corpus (default and worst case, seed 0) it prints the tokens a guide and their kinds,
then each lexer's thread CPU per 5 KB over the rounds and the paired difference (LineLexer minus
contextual), range and median. Both parse the same grammar (grammar/guide.lark) and give the
same tokens (tests/test_lexer.py); only the lexer differs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="generated guides of each corpus")
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    from lark import Lark
    from lark import Token
    from make_corpus import write_corpus

    from guidelint.parser.lexer import LineLexer
    from guidelint.resources import resource_path

    source = resource_path("grammar", "guide.lark").read_text(encoding="utf-8")
    contextual = Lark(source, parser="lalr", lexer="contextual", maybe_placeholders=False)
    ours = Lark(source, parser="lalr", lexer=LineLexer, maybe_placeholders=False)
    clock = time.thread_time_ns
    with tempfile.TemporaryDirectory() as tmp:
        for label, worst in (("default", False), ("worst case", True)):
            texts = [p.read_text(encoding="utf-8") for p in write_corpus(Path(tmp) / label, args.count, seed=0, worst=worst)]
            units = sum(len(t.encode()) for t in texts) / 5000
            kinds = Counter(token.type for t in texts for token in ours.parse(t).scan_values(lambda v: isinstance(v, Token)))
            tokens = sum(kinds.values())
            print(f"{label}: {tokens / len(texts):.1f} tokens a guide ("
                  + ", ".join(f"{kind} {n / tokens:.0%}" for kind, n in kinds.most_common()) + ")")
            rounds = []
            for r in range(args.rounds):
                spent = {contextual: 0, ours: 0}
                for i, text in enumerate(texts):
                    for lark in ((contextual, ours) if (i + r) % 2 == 0 else (ours, contextual)):
                        start = clock()
                        lark.parse(text)
                        spent[lark] += clock() - start
                rounds.append((spent[contextual] / 1e6 / units, spent[ours] / 1e6 / units))
            before, after = [a for a, _ in rounds], [b for _, b in rounds]
            paired = [b - a for a, b in rounds]
            print(f"  ms per 5 KB: contextual {min(before):.3f}-{max(before):.3f}, LineLexer {min(after):.3f}-{max(after):.3f}; "
                  f"paired {min(paired):+.3f} to {max(paired):+.3f} (median {statistics.median(paired):+.3f}); "
                  f"µs a token {statistics.median(before) * units * 1000 / tokens:.2f} -> "
                  f"{statistics.median(after) * units * 1000 / tokens:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
