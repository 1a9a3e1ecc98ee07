"""How a sentence opens: a wh-word, a polite request, an interviewer modal, an indirect
question or an inverted auxiliary (a yes/no question). Every judgement starts from here."""

from __future__ import annotations

from itertools import accumulate
from operator import attrgetter
from typing import Any, NamedTuple

from guidelint.questions.lexicon import Lexicon
from guidelint.questions.text import JOINED_RE, PART_SPLIT, SEPARATORS, TOKEN_SPLIT, is_word
from guidelint.records import Compared


class Opening(NamedTuple):
    kind: str  # "wh" | "aux" | "polite" | "request" | "indirect" | "interviewer"
    index: int  # token index where the opening starts
    start: int  # character span of the opening
    end: int
    aux: str = ""
    subject_start: int = 0
    subject_end: int = 0
    negative: bool = False


class _Ends:
    """End offsets of the tokens, computed on demand (most sentences need only a few)."""

    __slots__ = ("words", "starts")

    def __init__(self, words: list[str], starts: list[int]) -> None:
        self.words = words
        self.starts = starts

    def __getitem__(self, k: int) -> int:
        return self.starts[k] + len(self.words[k])


class Parsed(Compared):
    """One sentence being analysed: the text, its normalised copy and its tokens."""

    __slots__ = ("text", "norm", "words", "starts", "ends", "wordset", "hits", "present", "found")
    __match_args__ = ("text", "norm", "words", "starts", "ends", "wordset", "hits", "present", "found")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    text: str
    norm: str
    words: list[str]
    starts: list[int]
    ends: _Ends
    wordset: dict[str, int]  # token (and parts of hyphenated words) -> first offset
    hits: dict[int, list[tuple[int, str]]]  # pattern group id -> (offset, trigger word)
    present: int  # the pattern groups' gate texts the normalised text holds, as bits (lexicon.GateTexts)
    found: dict[int, Any]  # pattern group id -> its earliest match in the sentence, once searched

    def __init__(self, text: str, norm: str, words: list[str], starts: list[int], ends: _Ends, wordset: dict[str, int],
                 hits: dict[int, list[tuple[int, str]]], present: int, found: dict[int, Any]) -> None:
        self.text = text
        self.norm = norm
        self.words = words
        self.starts = starts
        self.ends = ends
        self.wordset = wordset
        self.hits = hits
        self.present = present
        self.found = found


def tokenise(text: str, norm: str, lex: Lexicon) -> Parsed:
    # the tokens and the gaps between them, alternately: each token starts where the lengths
    # before it add up to (summed in C, where finding each token's offset was a loop in Python)
    pieces = TOKEN_SPLIT.split(norm)
    words = pieces[1::2]
    starts = list(accumulate(map(len, pieces)))[:-1:2]
    first = dict(zip(reversed(words), reversed(starts)))  # first occurrence of each token
    if "'" in norm or "-" in norm:  # the parts of "blazing-fast", "you're"
        if "[" in norm or "{" in norm:  # a "[…]" token may hold joined words of its own
            joined = [(m.start(), m.group()) for m in JOINED_RE.finditer(norm)]
        else:  # outside such tokens the joined words are the tokens with a joint inside
            joined = [(starts[k], w) for k, w in enumerate(words) if ("'" in w or "-" in w) and w[0] != "-"]
        for at, whole in joined:
            for part in PART_SPLIT.split(whole):
                if part not in first or first[part] > at:
                    first[part] = at
                at += len(part) + 1
    hits: dict[int, list[tuple[int, str]]] = {}
    groups_of = lex.trigger_groups
    present = lex.gate_texts.present(norm, first)
    for w in lex.trigger_keys.intersection(first):  # the order is no matter: a group sorts its hits
        opened, groups = groups_of[w]
        if opened is not None and not opened & present:
            continue  # none of the patterns the word opens in any group can match here
        at = first[w]
        for g, gate in groups:
            if gate is not None and not gate & present:
                continue  # none of the patterns the word opens can match here
            if g in hits:
                hits[g].append((at, w))
            else:
                hits[g] = [(at, w)]
    return Parsed(text, norm, words, starts, _Ends(words, starts), first, hits, present, {})


def classify_at(s: Parsed, j: int, lex: Lexicon) -> Opening | None:
    words, starts, ends, norm = s.words, s.starts, s.ends, s.norm
    w = words[j]
    n = len(words)
    pos = starts[j]
    nxt = words[j + 1] if j + 1 < n else None
    if w in lex.wh:
        if (
            w in lex.subordinating
            and nxt is not None
            and is_word(nxt)
            and nxt not in lex.aux
            and nxt not in lex.neg_aux
        ):
            return None  # "When you signed up, …": a subordinate clause, not the question
        return Opening("wh", j, pos, ends[j])
    if w in lex.frame_openers:
        m = lex.polite_re.match(norm, pos)
        if m:
            return Opening("polite", j, pos, m.end())
        m = lex.request_re.match(norm, pos)
        if m:
            return Opening("request", j, pos, m.end())
        m = lex.interviewer_re.match(norm, pos)
        if m:
            return Opening("interviewer", j, pos, m.end())
        m = lex.indirect_re.match(norm, pos)
        if m:
            return Opening("indirect", j, pos, m.end())
    if w in lex.aux or w in lex.neg_aux:
        if nxt is None or not is_word(nxt) or nxt in lex.non_subjects:
            return None
        if w in ("do", "don't", "dont") and nxt in lex.imperative_after_do:
            return None  # "Do feel free…", "Don't worry…"
        if (w in ("don't", "dont") and nxt not in _SUBJECTS and nxt not in lex.determiners
                and not s.text.rstrip(" \t\"'”’)*_").endswith("?")):
            return None  # "Don't jump in with fixes or apologies.": an instruction, not a question
        if w == "have" and nxt in lex.have_imperative:
            return None  # "Have a look…"
        k = j + 1
        if nxt in lex.determiners and k + 1 < n and is_word(words[k + 1]):
            if not (nxt in _DEMONSTRATIVES and words[k + 1] in _NOT_A_NOUN):
                k += 1  # "Was the form…", but "Isn't this so much better…": the subject is "this"
        negative = w in lex.neg_aux or (k + 1 < n and words[k + 1] == "not")
        return Opening(
            "aux", j, pos, ends[k], aux=w, subject_start=starts[j + 1], subject_end=ends[k],
            negative=negative,
        )
    return None


# who a negative question asks about: "Don't you…", "Don't people…", "Don't most teams…"
_SUBJECTS = frozenset({"you", "they", "we", "i", "he", "she", "it", "people", "everyone", "everybody", "anyone", "most",
                       "many", "users", "customers", "staff", "teams", "parents", "kids", "children", "all", "both", "some",
                       "there", "that", "this", "these", "those"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Words that cannot be the noun after a demonstrative, so the demonstrative is the subject itself.
_NOT_A_NOUN = frozenset({"so", "much", "really", "very", "too", "quite", "pretty", "more", "less", "a", "an", "the",
                         "still", "also", "just", "even", "actually", "ever", "always", "not", "all", "what", "how",
                         "something", "anything", "your", "our", "their", "my", "his", "her", "its"})


def find_opening(s: Parsed, ends_q: bool, lex: Lexicon, idx: int) -> Opening | None:
    """The opening at the start (after filler words) or, for a "?" sentence that does not
    open as a question, at the first clause after a lead-in that does."""
    words = s.words
    n = len(words)
    start = idx
    while idx < n:
        j = idx
        while j < n and (words[j] in lex.markers or words[j] in SEPARATORS):
            j += 1
        if j >= n:
            return None
        found = classify_at(s, j, lex)
        if found is not None:
            if idx > start and found.kind == "aux" and j >= n - 3 and words[-1] == "?":
                return None  # "…, wasn't it?" is a tag on a statement, not a lead-in
            if idx > start and found.kind == "aux" and aside_at(words, j) and not lex.wh.isdisjoint(words[start:j]):
                return None  # "Roughly how many…, would you guess?": an aside, not the question
            return found
        if not ends_q:
            return None
        k = j + 1
        while k < n and words[k] not in SEPARATORS:
            k += 1
        idx = k + 1
    return None


# Verbs of an aside at the end of a wh-question: "…, do you remember?", "…, would you say?"
_ASIDE_VERBS = frozenset({"think", "remember", "recall", "reckon", "guess", "suppose", "imagine", "say", "believe",
                          "know", "figure", "expect", "feel", "estimate"})


def aside_at(words: list[str], j: int) -> bool:
    """Whether the clause from ``words[j]`` to the end is an aside ("do you think?"), not an ask."""
    rest = [w for w in words[j:] if is_word(w)]
    return len(rest) <= 4 and rest[-1:] != [] and rest[-1] in _ASIDE_VERBS and rest[1:2] in (["you"], ["they"])


def first_content(words: list[str], lex: Lexicon, j: int) -> int:
    n = len(words)
    while j < n and (words[j] in lex.markers or not is_word(words[j])):
        j += 1
    return j
