"""Double-barreled questions: two asks joined in one sentence."""

from __future__ import annotations

from guidelint.questions.findings import Finding
from guidelint.questions.lexicon import Lexicon
from guidelint.questions.reading import Opening, Parsed
from guidelint.questions.text import is_word


def _is_idiom(words: list[str], i: int, lex: Lexicon) -> bool:
    prev = words[i - 1] if i > 0 else None
    nxt = words[i + 1] if i + 1 < len(words) else None
    for key in ((prev, nxt), (None, nxt), (prev, None)):
        for toks, k in lex.idioms.get(key, ()):
            lo = i - k
            if lo >= 0 and tuple(words[lo : lo + len(toks)]) == toks:
                return True
    return False


def double_finding(s: Parsed, op: Opening | None, lex: Lexicon) -> Finding | None:
    words, wordset = s.words, s.wordset
    if "and" not in wordset and "&" not in wordset and "or" not in wordset and "as" not in wordset:
        return None
    n = len(words)
    begin = op.index if op is not None else 0
    has_comparison = not wordset.keys().isdisjoint(lex.comparison)
    last_comparison = -1
    sub_seen = False
    for i in range(begin, n):
        w = words[i]
        if w in lex.subordinators and i > begin:
            sub_seen = True
        if w == "or":
            if (
                0 < i < n - 1
                and words[i - 1] in lex.wh
                and words[i + 1] in lex.wh
                and not (words[i - 1] == "why" and words[i + 1] == "why")
            ):
                return _finding_at(s, i, i + 1, i)
            continue
        if w == "as" and i + 2 < n and words[i + 1] == "well" and words[i + 2] == "as":
            last = i + 2
        elif w in ("and", "&"):
            last = i
        else:
            continue
        if last + 1 >= n or not is_word(words[last + 1]):
            continue
        nxt = words[last + 1]
        if _is_idiom(words, i, lex):
            continue
        if i > 0 and words[i - 1] in ("?", "!", "."):
            continue  # "…? And who…": a new sentence starts here
        if lex.probe_tail_re.match(s.norm, s.ends[last]):
            continue  # "…, and why?", "…and if so, how?"
        if i > 0 and words[i - 1][0].isdigit() and nxt[0].isdigit():
            continue  # a range: "1 and 5"
        if i > 0 and _capitalised(s, i - 1) and _capitalised(s, last + 1):
            continue  # one name: "Fenwick & Hale", "Marks and Spencer"
        clause = nxt in lex.wh or nxt in lex.aux or nxt in lex.neg_aux
        if (not clause and last + 2 < n and words[last + 2] in lex.compound_heads and i > begin + 1
                and nxt not in lex.determiners and words[i - 1] not in lex.determiners):
            continue  # one thing: "the sales and marketing team"
        if not clause and sub_seen:
            continue  # one scenario inside "when …": "when you click submit and the page reloads"
        if has_comparison and not clause:
            if last_comparison < 0:
                last_comparison = max(k for k, x in enumerate(words) if x in lex.comparison)
            window = words[max(begin, i - 8) : i]
            if "between" in window or last_comparison > i:
                continue
        return _finding_at(s, i, last + 1, last)
    return None


def _capitalised(s: Parsed, k: int) -> bool:
    """A word written with a capital in the original text, not at the start of the sentence."""
    start = s.starts[k]
    return start > 0 and s.text[start : start + 1].isupper()


def _finding_at(s: Parsed, i: int, nxt: int, last: int) -> Finding:
    text, words, starts, ends = s.text, s.words, s.starts, s.ends
    start = ends[i - 1] if i > 0 else starts[i]
    end = starts[nxt]
    conj = " ".join(text[starts[i] : ends[last]].split())
    prev = text[starts[i - 1] : ends[i - 1]] if i > 0 and is_word(words[i - 1]) else "…"
    after = text[starts[nxt] : ends[nxt]]
    return Finding(
        "double", start, end,
        f'asks two things joined by "{conj}" ("{prev} {conj} {after}"), which may get different answers',
        "ask one thing at a time: split it into two questions",
    )
