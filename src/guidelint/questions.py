"""Question-wording classifier: closed, leading, double-barreled and hypothetical questions.

One module, reused by the wording rules (GL1xx), the editor and the language server. It is
rule-based on purpose: precompiled regular expressions and word sets, no model to load and
no NLP library, so a whole guide is classified in a few milliseconds. The vocabulary (word
lists and patterns) is data in ``rules/lexicon.yaml``; this module holds the logic.

How a sentence is read
----------------------
1. **Normalise** (same length, so offsets stay valid): letters lowered, curly quotes and
   dashes made plain. **Tokenise** into words (with their apostrophes and hyphens:
   ``didn't``, ``blazing-fast``), ``[PLACEHOLDERS]`` and punctuation.
2. **Find the opening** of the question. Filler words ("So,", "Okay and") are skipped. If the
   sentence does not open as a question but ends with "?", each clause after a comma, colon,
   semicolon or dash is tried in turn, so a lead-in ("Before we start, do you…", "Thinking
   about last year, was there…") is looked through. An opening is one of: a wh-word (open),
   a polite request frame (modal + you + a verb that asks for an account: "Could you walk
   me through…", "Would you mind sharing…", "I'd love to hear…"), an interviewer modal
   ("Can I…", "Shall we…": logistics), an indirect wh-question ("Do you remember what…") or
   an auxiliary followed by a subject (subject-auxiliary inversion: a yes/no question).
3. **Detectors** run on that reading:

   * *closed*: an inverted auxiliary opening (unless polite, consent or an indirect
     wh-question); a tag question; a wh-question that ends in a fixed list of options
     ("Which is clearer, A or B?"); an option fragment ("Card or cash?"); a declarative
     question ("You use Slack?"); a fixed-scale rating with no open part. An open probe in
     the same sentence ("…, and if so, how?") or an open question in the next sentence of
     the item makes it *mild* (reported at info).
   * *leading*: negative openers; tag questions; assumptive adverbs ("surely");
     social proof in the sentence or in a statement just before it; presupposed outcomes
     ("How much time has X saved you?"); intensified evaluations ("so easy"); praise and
     emotive words; superlatives about the team's own product. Neutral framings ("if
     anything", "or not") and balanced pairs ("like or dislike") cancel the lexical ones.
   * *double*: in a question, polite request or "Tell me about" prompt, an "and" / "&" /
     "as well as" after the opening joins a second ask, unless it is a fixed binomial
     ("pros and cons"), a trailing probe ("and why?"), a range ("between 1 and 5") or a
     comparison of two items. "or" only counts between wh-words ("how or why"); "X or Y" is
     an either/or choice (closed), not two asks.
   * *hypothetical*: "Would you + verb" (a prediction, not "Would you say/mind"), scenario
     openers ("Imagine…"), unreal conditionals with a modal ("If we built X, would you…"),
     "How likely…", "What would you pay…". Past anchors ("the last time you…") and explicit
     fantasy frames ("If you had a magic wand…") are exempt; see the lexicon for why.

At most one finding of each kind is reported per sentence (the most specific one).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, Sequence

from guidelint import safe_yaml

from guidelint.resources import resource_path

__all__ = [
    "Finding",
    "SentenceReport",
    "analyse_sentence",
    "analyse_question",
    "classify_row",
    "split_sentences",
]


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # "closed" | "leading" | "double" | "hypothetical"
    start: int  # character range in the analysed sentence that shows the problem
    end: int
    reason: str
    suggestion: str | None = None
    mild: bool = False  # closed only: an open follow-up comes right after (info)


@dataclass(frozen=True, slots=True)
class SentenceReport:
    text: str
    polite: bool  # a polite request ("Could you walk me through…"): open, never closed
    consent: bool  # consent / logistics / wrap-up ("Is it OK if I record?")
    findings: tuple[Finding, ...]


# --------------------------------------------------------------------------------------
# Normalisation and tokens
# --------------------------------------------------------------------------------------

_NORM = str.maketrans(
    {
        **{chr(c): chr(c + 32) for c in range(65, 91)},
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)

_TOKEN_RE = re.compile(
    r"\[[^\]\n]{1,40}\]|\{[^}\n]{1,40}\}|[a-z0-9]+(?:['\-][a-z0-9]+)*|[?!.,;:()&]|-+"
)
_SEPARATORS = frozenset({",", ";", ":", "-", "--", "---", "(", ")"})
_TRAILING_NOTE = re.compile(r"\s*[(\[][^()\[\]\n]{0,80}[)\]]\s*$")
_TRAIL_CHARS = " \t\r\n\"'*_`"
_DIGIT_RE = re.compile(r"\d")
_SENTENCE_SPLIT = re.compile(
    r"(?<=[?!.])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)(?<!\bmr\.)(?<!\bms\.)"
    r"(?<!\bdr\.)(?<!\bmrs\.)(?<!\bE\.g\.)(?<!\bI\.e\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)\s+"
)
_JOINED_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)+")
_PART_SPLIT = re.compile(r"['\-]")
_NUMBER = "<number>"  # pseudo-token: where the first digit is

_NEGATIVE_TO_POSITIVE = {
    "can't": "can",
    "cannot": "can",
    "cant": "can",
    "won't": "will",
    "shan't": "shall",
    "ain't": "are",
}


_NORM_PUNCT = str.maketrans(
    {k: v for k, v in _NORM.items() if not 65 <= k <= 90}  # type: ignore[union-attr]
)


def _normalise(text: str) -> str:
    """Lower-case ASCII, plain quotes and dashes; always the same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer ("İ")
        return text.translate(_NORM)
    if not low.isascii():
        low = low.translate(_NORM_PUNCT)
    return low


def _positive(aux: str) -> str:
    if aux in _NEGATIVE_TO_POSITIVE:
        return _NEGATIVE_TO_POSITIVE[aux]
    if aux.endswith("n't"):
        return aux[:-3]
    if aux.endswith("nt"):
        return aux[:-2]
    if aux in ("d'you", "d'ya"):
        return "do"
    return aux


# --------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------


def _alt(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _words_re(words: Sequence[str]) -> str:
    parts = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return r"(?<![\w'-])(?:" + "|".join(parts) + r")(?![\w'-])"


_LEADING_WORD = re.compile(r"[a-z][a-z']*")


def _structure(p: str, start: int = 0):
    """(index, character, depth) for each character of a regex outside escapes and classes;
    depth is the group nesting after that character."""
    depth, k, in_class = 0, start, False
    while k < len(p):
        c = p[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            depth += (c == "(") - (c == ")")
            yield k, c, depth
        k += 1


def _close_paren(p: str, i: int) -> int | None:
    """Index of the ")" that closes the "(" at p[i] (escapes and classes respected)."""
    return next((k for k, c, depth in _structure(p, i) if c == ")" and depth == 0), None)


def _split_top(p: str) -> list[str]:
    """Split a regex on its top-level "|"."""
    cuts = [k for k, c, depth in _structure(p) if c == "|" and depth == 0]
    return [p[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(p)])]


def _ends_word(rest: str) -> bool:
    """True when ``rest`` starts with a group whose every branch starts with an apostrophe,
    a space or a word boundary (so the word before it ends there)."""
    close = _close_paren(rest, 0)
    if close is None or rest[close + 1 : close + 2] in ("?", "*") or rest[close + 1 :].startswith("{0"):
        return False
    return all(b.startswith(("'", "\\s", "\\b")) for b in _split_top(rest[3:close]))


def _triggers(pattern: str) -> frozenset[str] | None:
    r"""The words one of which must occur for ``pattern`` to match, when the pattern starts
    with ``\b`` and a literal word (or a group of alternative literal words); else None
    (the pattern is then always tried)."""
    if not pattern.startswith("\\b"):
        return None
    p = pattern[2:]
    if p.startswith("\\d"):
        return frozenset({_NUMBER})  # where the first digit is (found when searched)
    if p.startswith("(?:"):
        close = _close_paren(p, 0)
        if close is None:
            return None
        if p[close + 1 : close + 2] in ("?", "*") or p[close + 1 :].startswith("{0"):
            return None
        alts = _split_top(p[3:close])
    else:
        alts = [p]
    out: set[str] = set()
    for a in alts:
        m = _LEADING_WORD.match(a)
        if not m:
            return None
        w, rest = m.group(), a[m.end() :]
        if rest.startswith("?"):
            out.update((w, w[:-1]))
        elif not rest or rest.startswith(("\\s", "\\b", "(?!", "(?=")):
            out.add(w)
        elif rest.startswith("(?:") and _ends_word(rest):
            out.add(w)  # "you(?:'re|\s+are)": "you" is a token or the head of "you're"
        else:
            return None
    return frozenset(out)


class _Group:
    """A list of patterns, each tried only where one of its trigger words stands in the
    sentence, so ~100 patterns cost a few dictionary look-ups and anchored ``match`` calls
    rather than a hundred scans of every sentence.

    A pattern's triggers are its literal first word(s) when it starts with ``\\b`` and a word
    (or a group of alternative words); an entry written as ``{pattern: …, requires: […]}``
    names them instead (then the whole sentence is searched when one occurs). A pattern with
    neither is searched in every sentence."""

    __slots__ = (
        "compiled", "anchored", "gate_only", "has_gate", "index", "always", "numeric", "extra", "gid",
    )

    def __init__(self, entries: Sequence[Any], gid: int, extra: Sequence[Any] = ()) -> None:
        patterns = [e if isinstance(e, str) else e["pattern"] for e in entries]
        self.compiled = tuple(re.compile(p) for p in patterns)
        self.anchored = tuple(p.startswith("^") for p in patterns)
        self.extra = tuple(extra)
        self.gid = gid
        index: dict[str, list[int]] = {}
        always: list[int] = []
        gate_only: list[bool] = []
        for i, (entry, p) in enumerate(zip(entries, patterns)):
            requires = None if isinstance(entry, str) else entry.get("requires")
            trig = frozenset(requires) if requires else _triggers(p)
            gate_only.append(bool(requires))
            if trig is None:
                always.append(i)
            else:
                for w in trig:
                    index.setdefault(w, []).append(i)
        self.numeric = tuple(index.pop(_NUMBER, ()))
        self.index = {w: tuple(v) for w, v in index.items()}
        self.always = tuple(always)
        self.gate_only = tuple(gate_only)
        self.has_gate = any(gate_only)

    def _run(self, i: int, norm: str) -> re.Match[str] | None:
        rx = self.compiled[i]
        return rx.match(norm) if self.anchored[i] else rx.search(norm)

    def finditer(self, s: _Sentence) -> list[tuple[int, re.Match[str]]]:
        """All matches (pattern index, match), in text order."""
        norm = s.norm
        found: list[tuple[int, re.Match[str]]] = []
        done: set[int] = set()
        digit = _DIGIT_RE.search(norm) if self.numeric else None
        if digit:
            for i in self.numeric:
                found.extend((i, m) for m in self.compiled[i].finditer(norm, digit.start()))
        for i in self.always:
            done.add(i)
            if self.anchored[i]:
                m = self.compiled[i].match(norm)
                if m:
                    found.append((i, m))
            else:
                found.extend((i, m) for m in self.compiled[i].finditer(norm))
        hits = s.hits.get(self.gid, ())
        if len(hits) > 1:
            hits.sort()  # type: ignore[union-attr]
        for pos, w in hits:
            for i in self.index[w]:
                if i in done:
                    continue
                done.add(i)
                rx = self.compiled[i]
                if self.anchored[i]:
                    m = rx.match(norm)
                    if m:
                        found.append((i, m))
                else:  # no match starts before the first occurrence of its trigger
                    found.extend((i, m) for m in rx.finditer(norm, 0 if self.gate_only[i] else pos))
        if len(found) > 1:
            found.sort(key=lambda im: (im[1].start(), im[0]))
        return found

    def search(self, s: _Sentence) -> tuple[int, re.Match[str]] | None:
        """The earliest match (pattern index, match), or None. A pattern is tried with
        ``match`` where its trigger word first occurs, and searched onwards only when that
        word occurs again."""
        norm = s.norm
        best: tuple[int, re.Match[str]] | None = None
        for i in self.always:
            m = self._run(i, norm)
            if m and (best is None or m.start() < best[1].start()):
                best = (i, m)
        if self.numeric:
            digit = _DIGIT_RE.search(norm)
            if digit:
                for i in self.numeric:
                    m = self.compiled[i].search(norm, digit.start())
                    if m and (best is None or m.start() < best[1].start()):
                        best = (i, m)
        hits = s.hits.get(self.gid)
        if not hits:
            return best
        if len(hits) > 1:
            hits.sort()
        for pos, w in hits:
            if best is not None and pos >= best[1].start() and not self.has_gate:
                break
            again = -2
            for i in self.index[w]:
                rx = self.compiled[i]
                if self.gate_only[i]:
                    m = self._run(i, norm)
                else:
                    m = rx.match(norm, pos)
                    if m is None:
                        if again == -2:
                            again = norm.find(w, pos + 1)
                        if again != -1:
                            m = rx.search(norm, again)
                if m and (best is None or m.start() < best[1].start()):
                    best = (i, m)
        return best


def _idiom_index(phrases: Sequence[str]) -> dict[tuple[str | None, str | None], tuple[tuple[tuple[str, ...], int], ...]]:
    """Fixed binomials keyed by the words either side of their "and"."""
    index: dict[tuple[str | None, str | None], list[tuple[tuple[str, ...], int]]] = {}
    for phrase in phrases:
        toks = tuple(_TOKEN_RE.findall(phrase.translate(_NORM)))
        for k, t in enumerate(toks):
            if t in ("and", "&"):
                key = (toks[k - 1] if k > 0 else None, toks[k + 1] if k + 1 < len(toks) else None)
                index.setdefault(key, []).append((toks, k))
    return {k: tuple(v) for k, v in index.items()}


@dataclass(frozen=True)
class _Lexicon:
    markers: frozenset[str]
    wh: frozenset[str]
    subordinating: frozenset[str]
    aux: frozenset[str]
    neg_aux: frozenset[str]
    imperative_after_do: frozenset[str]
    have_imperative: frozenset[str]
    non_subjects: frozenset[str]
    line_labels: frozenset[str]
    task_labels: frozenset[str]
    request_re: re.Pattern[str]
    determiners: frozenset[str]
    declarative_subjects: frozenset[str]
    polite_re: re.Pattern[str]
    indirect_re: re.Pattern[str]
    interviewer_re: re.Pattern[str]
    consent: _Group
    scale: _Group
    scale_open_re: re.Pattern[str]
    open_options: frozenset[str]
    elliptical: frozenset[str]
    elliptical_open: frozenset[str]
    inline_probe_re: re.Pattern[str]
    closed_suggestions: dict[str, Any]
    scalar: dict[str, str]
    evaluative: frozenset[str]
    evaluative_phrases: _Group
    product_words: frozenset[str]
    product_exception_re: re.Pattern[str]
    product_ref_re: re.Pattern[str]
    intensified: _Group
    presupposition: _Group
    assumptive: _Group
    social_proof: _Group
    social_proof_non_subjects: frozenset[str]
    social_proof_cancel: frozenset[str]
    loaded_option_words: frozenset[str]
    claims: re.Pattern[str]
    asks_agreement_re: re.Pattern[str]
    scale_positive: frozenset[str]
    scale_negative: frozenset[str]
    neutralisers: _Group
    balanced_pos: frozenset[str]
    balanced_neg: frozenset[str]
    balanced_re: re.Pattern[str]
    tag_re: re.Pattern[str]
    tag_last_words: frozenset[str]
    frame_openers: frozenset[str]
    idioms: dict[tuple[str | None, str | None], tuple[tuple[tuple[str, ...], int], ...]]
    probe_tail_re: re.Pattern[str]
    compound_heads: frozenset[str]
    comparison: frozenset[str]
    subordinators: frozenset[str]
    would_opinion: frozenset[str]
    hypo_frames: _Group
    scenario_re: re.Pattern[str]
    conditional: _Group
    conditional_modal_re: re.Pattern[str]
    past_anchors: _Group
    ideation: _Group
    group_count: int
    trigger_groups: dict[str, tuple[int, ...]]
    trigger_keys: frozenset[str]


def _load_yaml(path: Any) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return safe_yaml.read(fh)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = _load_yaml(resource_path("rules", "lexicon.yaml"))
    fs = frozenset
    pol = data["polite"]
    soft = _alt([re.escape(w) for w in pol["softeners"]])
    modal_frame = (
        r"(?:" + _alt(pol["modals"]) + r")\s+you\s+"
        r"(?:(?:" + soft + r")\s+)*"
        r"(?:(?:" + _alt(pol["willingness"]) + r")\s+)?"
        r"(?:(?:" + soft + r")\s+)*"
        r"(?:" + _alt(pol["verbs"]) + r")"
    )
    polite_re = re.compile(
        _alt([modal_frame, *pol["mind_frames"], *pol["statement_frames"], *pol["ask_frames"]])
    )
    lead = data["leading"]
    presup = lead["presupposition"]
    pos_words, neg_words = lead["balanced_positive"], lead["balanced_negative"]
    pos, neg = _words_re(pos_words), _words_re(neg_words)
    balanced = (
        rf"(?:{pos})\s*,?\s*(?:and|or|vs\.?|versus)\s+(?:not\s+)?(?:{neg})"
        rf"|(?:{neg})\s*,?\s*(?:and|or|vs\.?|versus)\s+(?:{pos})"
    )
    hyp = data["hypothetical"]
    dbl = data["double"]
    cs = data["closed_suggestions"]
    groups: list[_Group] = []

    def group(entries: Sequence[Any], extra: Sequence[Any] = ()) -> _Group:
        g = _Group(entries, len(groups), extra)
        groups.append(g)
        return g

    lexicon = _Lexicon(
        markers=fs(data["discourse_markers"]),
        wh=fs(data["wh_words"]),
        subordinating=fs(data["subordinating_wh"]),
        aux=fs(data["yes_no_auxiliaries"]),
        neg_aux=fs(data["negative_auxiliaries"]),
        imperative_after_do=fs(data["imperative_after_do"]),
        have_imperative=fs(data["have_imperative_objects"]),
        non_subjects=fs(data["non_subjects"]),
        line_labels=fs(data["line_labels"]),
        task_labels=fs(data["task_labels"]),
        request_re=re.compile(_alt(data["request_markers"]["patterns"])),
        determiners=fs(data["determiners"]),
        declarative_subjects=fs(data["declarative_subjects"]),
        polite_re=polite_re,
        indirect_re=re.compile(_alt(data["indirect_question"]["patterns"])),
        interviewer_re=re.compile(_alt(data["interviewer_modal"]["patterns"]) + r"(?![\w'])"),
        consent=group(data["consent"]["patterns"]),
        scale=group(data["rating_scale"]["patterns"]),
        scale_open_re=re.compile(_alt(data["rating_scale"]["open_part"])),
        open_options=fs(data["open_options"]),
        elliptical=fs(data["elliptical_openers"]),
        elliptical_open=fs(data["elliptical_open_invitations"]),
        inline_probe_re=re.compile(_alt(data["inline_probe"]["patterns"])),
        closed_suggestions={k: v for k, v in cs.items() if k != "scalar_adjectives"},
        scalar=dict(cs["scalar_adjectives"]),
        evaluative=fs(lead["evaluative_words"]),
        evaluative_phrases=group(lead["evaluative_phrases"]),
        product_words=fs(lead["product_praise_words"]),
        product_exception_re=re.compile(_alt(lead["product_praise_exceptions"])),
        product_ref_re=re.compile(_alt(lead["product_reference"])),
        intensified=group(lead["intensified"]),
        presupposition=group(presup, [e.get("suggest") for e in presup]),
        assumptive=group(lead["assumptive"]),
        social_proof=group(lead["social_proof"]),
        social_proof_non_subjects=fs(lead["social_proof_non_subjects"]),
        social_proof_cancel=fs(lead["social_proof_cancel"]),
        loaded_option_words=fs(lead["loaded_option_words"]),
        claims=re.compile(_alt(lead["claims"])),
        asks_agreement_re=re.compile(_alt(lead["asks_agreement"])),
        scale_positive=fs(lead["scale_positive"]),
        scale_negative=fs(lead["scale_negative"]),
        neutralisers=group(lead["neutralisers"]),
        balanced_pos=fs(w for w in pos_words if " " not in w),
        balanced_neg=fs(w for w in neg_words if " " not in w),
        balanced_re=re.compile(balanced + "|" + _alt(lead["balanced_patterns"])),
        tag_re=re.compile(_alt(data["tag_questions"]["patterns"])),
        tag_last_words=fs(data["tag_questions"]["last_words"]),
        frame_openers=fs(data["frame_openers"]),
        idioms=_idiom_index(dbl["idioms"]),
        probe_tail_re=re.compile(_alt(dbl["probe_tails"])),
        compound_heads=fs(dbl["compound_heads"]),
        comparison=fs(dbl["comparison_words"]),
        subordinators=fs(dbl["subordinators"]),
        would_opinion=fs(hyp["would_opinion_verbs"]),
        hypo_frames=group(hyp["frames"]),
        scenario_re=re.compile(_alt(hyp["scenario_openers"]) + r"(?![\w'])"),
        conditional=group(hyp["conditional"]),
        conditional_modal_re=re.compile(_alt(hyp["conditional_modal"])),
        past_anchors=group(hyp["past_anchors"]),
        ideation=group(hyp["deliberate_ideation"]),
        group_count=0,
        trigger_groups={},
        trigger_keys=frozenset(),
    )
    trigger_groups: dict[str, set[int]] = {}
    for g in groups:
        for w in g.index:
            trigger_groups.setdefault(w, set()).add(g.gid)
    return dataclasses.replace(
        lexicon,
        group_count=len(groups),
        trigger_groups={w: tuple(sorted(v)) for w, v in trigger_groups.items()},
        trigger_keys=frozenset(trigger_groups),
    )


# --------------------------------------------------------------------------------------
# Sentence analysis
# --------------------------------------------------------------------------------------


class _Opening(NamedTuple):
    kind: str  # "wh" | "aux" | "polite" | "request" | "indirect" | "interviewer"
    index: int  # token index where the opening starts
    start: int  # character span of the opening
    end: int
    aux: str = ""
    subject_start: int = 0
    subject_end: int = 0
    negative: bool = False


class _Info(NamedTuple):
    report: SentenceReport
    questionlike: bool  # a question, polite request or "Tell me about" prompt
    open: bool  # question-like, not consent, no closed finding (an open follow-up)
    social_proof: tuple[int, int] | None  # span of social proof in a statement
    lead_in: Finding | None = None  # a statement that presumes the answer to what follows


class _Ends:
    """End offsets of the tokens, computed on demand (most sentences need only a few)."""

    __slots__ = ("words", "starts")

    def __init__(self, words: list[str], starts: list[int]) -> None:
        self.words = words
        self.starts = starts

    def __getitem__(self, k: int) -> int:
        return self.starts[k] + len(self.words[k])


@dataclass(slots=True)
class _Sentence:
    """One sentence being analysed: the text, its normalised copy and its tokens."""

    text: str
    norm: str
    words: list[str]
    starts: list[int]
    ends: _Ends
    wordset: dict[str, int]  # token (and parts of hyphenated words) -> first offset
    hits: dict[int, list[tuple[int, str]]]  # pattern group id -> (offset, trigger word)


# Imperative prompts that ask for an account (analysed like questions; never polite).
_PROMPT_VERBS = frozenset({"tell", "describe", "explain", "walk", "talk", "share", "rate"})
_WOULD_ADVERBS = frozenset(
    {"ever", "still", "really", "actually", "realistically", "honestly", "then", "also", "please"}
)


def _is_word(tok: str) -> bool:
    c = tok[0]
    return c.isalnum() or c in "[{"


def _tokenise(text: str, norm: str, lex: _Lexicon) -> _Sentence:
    words = _TOKEN_RE.findall(norm)
    starts: list[int] = []
    add = starts.append
    find = norm.find
    pos = 0
    for w in words:
        pos = find(w, pos)
        add(pos)
        pos += len(w)
    first = dict(zip(reversed(words), reversed(starts)))  # first occurrence of each token
    if "'" in norm or "-" in norm:  # the parts of "blazing-fast", "you're"
        for m in _JOINED_RE.finditer(norm):
            at = m.start()
            for part in _PART_SPLIT.split(m.group()):
                if part not in first or first[part] > at:
                    first[part] = at
                at += len(part) + 1
    hits: dict[int, list[tuple[int, str]]] = {}
    groups_of = lex.trigger_groups
    keys = lex.trigger_keys
    for w in [w for w in first if w in keys]:
        at = first[w]
        for g in groups_of[w]:
            if g in hits:
                hits[g].append((at, w))
            else:
                hits[g] = [(at, w)]
    return _Sentence(text, norm, words, starts, _Ends(words, starts), first, hits)


def _classify_at(s: _Sentence, j: int, lex: _Lexicon) -> _Opening | None:
    words, starts, ends, norm = s.words, s.starts, s.ends, s.norm
    w = words[j]
    n = len(words)
    pos = starts[j]
    nxt = words[j + 1] if j + 1 < n else None
    if w in lex.wh:
        if (
            w in lex.subordinating
            and nxt is not None
            and _is_word(nxt)
            and nxt not in lex.aux
            and nxt not in lex.neg_aux
        ):
            return None  # "When you signed up, …": a subordinate clause, not the question
        return _Opening("wh", j, pos, ends[j])
    if w in lex.frame_openers:
        m = lex.polite_re.match(norm, pos)
        if m:
            return _Opening("polite", j, pos, m.end())
        m = lex.request_re.match(norm, pos)
        if m:
            return _Opening("request", j, pos, m.end())
        m = lex.interviewer_re.match(norm, pos)
        if m:
            return _Opening("interviewer", j, pos, m.end())
        m = lex.indirect_re.match(norm, pos)
        if m:
            return _Opening("indirect", j, pos, m.end())
    if w in lex.aux or w in lex.neg_aux:
        if nxt is None or not _is_word(nxt) or nxt in lex.non_subjects:
            return None
        if w in ("do", "don't", "dont") and nxt in lex.imperative_after_do:
            return None  # "Do feel free…", "Don't worry…"
        if w == "have" and nxt in lex.have_imperative:
            return None  # "Have a look…"
        k = j + 1
        if nxt in lex.determiners and k + 1 < n and _is_word(words[k + 1]):
            k += 1
        negative = w in lex.neg_aux or (k + 1 < n and words[k + 1] == "not")
        return _Opening(
            "aux", j, pos, ends[k], aux=w, subject_start=starts[j + 1], subject_end=ends[k],
            negative=negative,
        )
    return None


def _find_opening(s: _Sentence, ends_q: bool, lex: _Lexicon, idx: int) -> _Opening | None:
    """The opening at the start (after filler words) or, for a "?" sentence that does not
    open as a question, at the first clause after a lead-in that does."""
    words = s.words
    n = len(words)
    start = idx
    while idx < n:
        j = idx
        while j < n and (words[j] in lex.markers or words[j] in _SEPARATORS):
            j += 1
        if j >= n:
            return None
        found = _classify_at(s, j, lex)
        if found is not None:
            if idx > start and found.kind == "aux" and j >= n - 3 and words[-1] == "?":
                return None  # "…, wasn't it?" is a tag on a statement, not a lead-in
            return found
        if not ends_q:
            return None
        k = j + 1
        while k < n and words[k] not in _SEPARATORS:
            k += 1
        idx = k + 1
    return None


def _first_content(words: list[str], lex: _Lexicon, j: int) -> int:
    n = len(words)
    while j < n and (words[j] in lex.markers or not _is_word(words[j])):
        j += 1
    return j


def _quote(text: str, start: int, end: int, limit: int = 60) -> str:
    s = " ".join(text[start:end].split())
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _closed_suggestion(op: _Opening, s: _Sentence, lex: _Lexicon) -> str | None:
    cs = lex.closed_suggestions
    aux = _positive(op.aux)
    subject = " ".join(s.text[op.subject_start : op.subject_end].split())
    if aux in ("do", "does", "did"):
        return cs["do"].format(aux=aux, subject=subject)
    if aux in ("have", "has", "had"):
        if subject.lower() == "you" and "ever" in s.norm[op.end : op.end + 20].split():
            return cs["have_ever"].format(aux=aux, subject=subject)
        return cs["have"].format(aux=aux, subject=subject)
    if aux in ("is", "are", "was", "were", "am"):
        for w in s.words:
            if w in lex.scalar:
                return f'ask "How {w} or {lex.scalar[w]} {aux} {subject}…?" instead'
        return None
    if aux in ("can", "could"):
        return cs["ability"]
    if aux in ("would", "will"):
        return cs["would"]
    return None


def _social_proof(s: _Sentence, lex: _Lexicon) -> tuple[int, int] | None:
    """What others think, asserted (not asked: "What do most customers say?")."""
    norm = s.norm
    for i, m in lex.social_proof.finditer(s):
        before = norm[max(0, m.start() - 30) : m.start()].split()
        if before and before[-1] in lex.social_proof_cancel:
            continue
        if len(before) >= 2 and before[-2] in lex.social_proof_cancel and before[-1] in ("you", "your"):
            continue
        head = norm[m.start() : m.end()].split()
        if head and head[0] in lex.social_proof_cancel:
            continue
        if len(head) >= 2 and head[1] in lex.social_proof_cancel:
            continue
        if lex.social_proof.gate_only[i] and len(head) >= 2 and head[-2] in lex.social_proof_non_subjects:
            continue  # the bare-plural frame: "This says…", "It does…" are not people
        return m.start(), m.end()
    return None


@lru_cache(maxsize=8192)
def _analyse(sentence: str) -> _Info:
    lex = _lexicon()
    text = sentence
    norm = _normalise(text)
    core = norm.rstrip(_TRAIL_CHARS)
    stripped = core.strip()
    if not stripped:
        return _Info(SentenceReport(text, False, False, ()), False, False, None)
    if (stripped[0] == "[" and stripped[-1] == "]" and "]" not in stripped[1:-1]) or (
        stripped[0] == "(" and stripped[-1] == ")" and ")" not in stripped[1:-1]
    ):  # an interviewer note, not a question
        return _Info(SentenceReport(text, False, False, ()), False, False, None)
    core_q = _TRAILING_NOTE.sub("", core) if core.endswith((")", "]")) else core
    core_q = core_q.rstrip(_TRAIL_CHARS)
    ends_q = core_q.endswith("?")

    s = _tokenise(text, norm, lex)
    words = s.words
    n = len(words)
    if not n:
        return _Info(SentenceReport(text, False, False, ()), False, False, None)

    # "PROMPT: …" / "QUESTION: …": a label before the line
    label = 0
    task = False
    if n >= 2 and words[1] == ":" and words[0] in lex.line_labels:
        label = 2
        task = words[0] in lex.task_labels
    op = _find_opening(s, ends_q, lex, label)
    first = _first_content(words, lex, label)
    first_word = words[first] if first < n else ""

    consent = lex.consent.search(s) is not None
    if op is not None and op.kind == "interviewer":
        consent = True
    polite = op is not None and op.kind == "polite" and not consent

    prompt = op is None and (
        first_word in _PROMPT_VERBS
        or (first_word == "please" and first + 1 < n and words[first + 1] in _PROMPT_VERBS)
    )
    # Asked late in a statement ("Take a look and tell me…") or offered for agreement: read for
    # leading wording, but an instruction joined by "and" is not two questions.
    late_prompt = op is None and not prompt and (_embedded_prompt(words) or _offered_guess(s, first, lex))
    prompt = prompt or late_prompt
    # A tag is the last few words ("…, right?", "…, isn't it?", shorthand "…, yes"): only
    # look there, so a long input stays cheap.
    tag = None
    k = n - 1
    while k > 0 and not _is_word(words[k]):
        k -= 1
    if words[k] in lex.tag_last_words:
        tag = lex.tag_re.search(core_q, max(0, len(core_q) - 80))
    labelled = label and not task  # "Probe: …", "Q: …" are asked, even without a "?"
    questionlike = ends_q or op is not None or prompt or tag is not None or labelled
    if not questionlike:
        proof = _social_proof(s, lex)
        hypo = None if consent else _hypothetical(s, op, first, lex)
        findings = (hypo,) if hypo else ()
        lead_in = None if consent or proof else _statement_lead_in(s, core_q, first, lex)
        return _Info(SentenceReport(text, polite, consent, findings), False, False, proof, lead_in)

    findings: list[Finding] = []
    closed = None if task or consent else _closed(s, core_q, ends_q, op, tag, first, lex)
    if closed is not None:
        if lex.inline_probe_re.search(norm, closed.end):
            closed = dataclasses.replace(
                closed, mild=True, reason=closed.reason + "; the open probe after it helps"
            )
        findings.append(closed)

    leading = _leading(s, core_q, op, tag, first, lex)
    if leading is not None:
        findings.append(leading)

    double = None if late_prompt else _double(s, op, lex)
    if double is not None:
        findings.append(double)

    # (a task prompt's scenario, "PROMPT: Say you wanted to…", is the method, not a forecast)
    hypo = None if task or consent else _hypothetical(s, op, first, lex)
    if hypo is not None:
        findings.append(hypo)

    report = SentenceReport(text, polite, consent, tuple(findings))
    return _Info(report, True, closed is None and not consent, None)


_FILLERS = frozenset({"so", "just", "please", "now", "then", "and", "first"})


def _embedded_prompt(words: list[str]) -> bool:
    """A statement that ends by asking: "The refund came late; tell me about that.", "Have a
    look at the prototype and tell me your first impressions." """
    n = len(words)
    # the first word after k that is not a filler, found from the right once: skipping the
    # fillers again after every break is quadratic on "and and and …"
    after_fillers = [n - 1] * n
    for j in range(n - 3, -1, -1):
        after_fillers[j] = after_fillers[j + 1] if words[j + 1] in _FILLERS else j + 1
    for k in range(1, n - 1):
        w = words[k]
        if w in _CLAUSE_BREAKS or w == "and":
            if words[after_fillers[k]] in _PROMPT_VERBS:
                return True
        elif w in ("tell", "show", "walk", "talk") and words[k + 1] == "me":
            return True
    return False


_YOU = ("you", "your", "you're", "you've", "you'd", "you'll")


def _offered_guess(s: _Sentence, first: int, lex: _Lexicon) -> bool:
    """The interviewer's guess said to the participant for them to confirm: "I imagine you
    were relieved when it went live.", "So it's fair to say the rollout was painless." It is
    asked, though it has no question mark."""
    if first >= len(s.words):
        return False
    hit = lex.assumptive.search(s)
    if hit is None:
        return False
    if lex.asks_agreement_re.search(s.norm):
        return True
    return hit[1].start() <= s.starts[first] and any(w in s.wordset for w in _YOU)


def _statement_lead_in(s: _Sentence, core_q: str, first: int, lex: _Lexicon) -> Finding | None:
    """What a statement before a question presumes ("Of course you'll want it in your
    calendar."), told to the question it leads into. Thanks and praise for the participant
    ("That's really helpful.") are not lead-ins: only presumptions, and evaluations of the
    team's own product."""
    presumes = (
        lex.assumptive.search(s) is not None
        or lex.presupposition.search(s) is not None
        or lex.intensified.search(s) is not None
        or lex.product_ref_re.search(s.norm) is not None
    )
    found = _leading(s, core_q, None, None, first, lex) if presumes else None
    if found is None:
        claim = lex.claims.search(s.norm)
        if claim is not None:
            found = Finding("leading", claim.start(), claim.end(), "states the benefit before asking about it",
                            "ask what changed, if anything, before naming a benefit")
    return found


def _closed(
    s: _Sentence,
    core_q: str,
    ends_q: bool,
    op: _Opening | None,
    tag: re.Match[str] | None,
    first: int,
    lex: _Lexicon,
) -> Finding | None:
    text, words, starts, ends = s.text, s.words, s.starts, s.ends
    n = len(words)
    if op is not None and op.kind == "aux" and not _OPEN_CHOICE_END.search(core_q):
        return Finding(
            "closed", op.start, op.end,
            f'opens with "{_quote(text, op.start, op.end)}", which invites a yes or no',
            _closed_suggestion(op, s, lex),
        )
    if tag is not None and (op is None or op.kind == "wh"):
        ts, te = _trim_span(text, tag.start() + (1 if core_q[tag.start()] == "," else 0), tag.end())
        return Finding(
            "closed", ts, te, f'ends with the tag "{_quote(text, ts, te)}", which invites a yes or no',
            lex.closed_suggestions["tag"],
        )
    if op is not None and op.kind != "wh":
        return None  # polite request, task request, indirect question, interviewer modal
    if ends_q:
        has_wh = not s.wordset.keys().isdisjoint(lex.wh)
        found = _either_or(text, core_q, op, has_wh, lex)
        if found is not None:
            return found
        first_word = words[first] if first < n else ""
        if op is None and not has_wh and (first_word in lex.declarative_subjects or first_word == "surely"):
            return Finding(
                "closed", starts[first], ends[first],
                "a statement with a question mark invites a yes or no",
                lex.closed_suggestions["declarative"],
            )
        if (
            op is None
            and first_word in lex.elliptical
            and not (first + 1 < n and words[first + 1] in lex.elliptical_open)
        ):
            return Finding(
                "closed", starts[first], ends[first],
                f'"{text[starts[first]:ends[first]]}…?" is a shortened yes/no question',
                lex.closed_suggestions["declarative"],
            )
        if op is not None and op.kind == "wh":
            tail = _final_clause(s, op, lex)
            if tail is not None:
                return Finding(
                    "closed", tail.start, tail.end,
                    f'ends with "{_quote(text, tail.start, tail.end)}…?", which invites a yes or no',
                    _closed_suggestion(tail, s, lex),
                )
    hit = lex.scale.search(s)
    if hit is not None and not lex.scale_open_re.search(s.norm):
        m = hit[1]
        return Finding(
            "closed", m.start(), m.end(),
            f'asks for a rating on a fixed scale ("{_quote(text, m.start(), m.end())}") with no open part',
            lex.closed_suggestions["scale"],
        )
    return None


# "Was it the price, the features, or something else?": the list leaves room for any answer.
_OPEN_CHOICE_END = re.compile(
    r"(?:,\s*|\s)or\s+(?:something|anything|someone|anyone|somewhere|some\s+other|another|other|others|neither|none"
    r"|whatever|what)\b[^?,;]{0,30}\?+\s*$"
)

_CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "--", "---"})


def _final_clause(s: _Sentence, op: _Opening, lex: _Lexicon) -> _Opening | None:
    """A wh-question that narrows to a yes/no clause at the end ("How was the delivery -
    was it on time?"): the opening of that last clause. Not a parenthetical in the middle
    of the wh-clause ("What, if anything, would you change?")."""
    words = s.words
    n = len(words)
    breaks = [k for k in range(op.index + 1, n) if words[k] in _CLAUSE_BREAKS]
    if not breaks:
        return None
    k = breaks[-1]
    head_end = breaks[0]
    # the wh-clause before the first break must be a clause of its own: "How was the delivery"
    if sum(1 for w in words[op.index : head_end] if _is_word(w)) < 3:
        return None
    # "…, if anything, …" / "…, and how, …": the segment before the last break is an aside
    prev = breaks[-2] if len(breaks) > 1 else head_end
    if prev != k and words[prev + 1] in ("if", "and", "or", "say", "roughly", "approximately"):
        return None
    j = k + 1
    while j < n and (words[j] in lex.markers or words[j] == "or"):
        j += 1
    if j >= n:
        return None
    found = _classify_at(s, j, lex)
    return found if found is not None and found.kind == "aux" else None


_EXAMPLE_MARKERS = re.compile(r"\b(?:e\.g|i\.e|such\s+as|like|including|for\s+example|for\s+instance)\b")


def _either_or(
    text: str, core_q: str, op: _Opening | None, has_wh: bool, lex: _Lexicon
) -> Finding | None:
    """A wh-question that ends in a fixed list ("Which is clearer, A or B?") or a bare
    option fragment ("Card or cash?")."""
    body = core_q.rstrip("?!. ")
    cut = max(body.rfind(",", len(body) - 200), body.rfind(":", len(body) - 200))
    if op is not None and op.kind == "wh" and cut > 0:
        tail = body[cut + 1 :]
    elif op is None and not has_wh and len(body) < 200:
        tail = body
        cut = -1
    else:
        return None
    tw = tail.split()
    if not (2 < len(tw) <= 12) or "or" not in tw:
        return None
    if "(" in tail or ")" in tail or _EXAMPLE_MARKERS.search(body, max(0, cut - 12), cut + 1 if cut > 0 else len(body)):
        return None  # examples ("e.g. Notion, Evernote or paper"), not a fixed choice
    if any(w.strip("'\"()") in lex.open_options for w in tw):
        return None
    if any(w in lex.aux or w in lex.wh or w in lex.neg_aux for w in tw):
        return None  # a clause, not a list of options
    if tw[0] in lex.markers:
        return None
    ts, te = _trim_span(text, cut + 1, len(body))
    return Finding(
        "closed", ts, te,
        f'offers a fixed choice ("{_quote(text, ts, te)}"), which invites a one-word pick',
        lex.closed_suggestions["either_or"],
    )


def _leading(
    s: _Sentence,
    core_q: str,
    op: _Opening | None,
    tag: re.Match[str] | None,
    first: int,
    lex: _Lexicon,
) -> Finding | None:
    text, norm, words, starts, ends, wordset = s.text, s.norm, s.words, s.starts, s.ends, s.wordset
    if op is not None and op.kind == "aux" and op.negative:
        subject = " ".join(text[op.subject_start : op.subject_end].split())
        return Finding(
            "leading", op.start, op.end,
            f'the negative opening "{_quote(text, op.start, op.end)}" signals the answer you expect',
            f'ask it neutrally: "How {_positive(op.aux)} {subject}…?"',
        )
    if tag is not None:
        ts, te = _trim_span(text, tag.start() + (1 if core_q[tag.start()] == "," else 0), tag.end())
        return Finding(
            "leading", ts, te, f'the tag "{_quote(text, ts, te)}" asks them to agree with you',
            lex.closed_suggestions["tag"],
        )
    hit = lex.assumptive.search(s)
    if hit is not None:
        m = hit[1]
        q = _quote(text, m.start(), m.end())
        return Finding("leading", m.start(), m.end(), f'"{q}" presumes the answer', f'drop "{q}" and ask neutrally')
    proof = _social_proof(s, lex)
    if proof is not None:
        ps, pe = proof
        return Finding(
            "leading", ps, pe,
            f'cites what others think ("{_quote(text, ps, pe)}"), which pressures them to agree',
            "drop what others say and ask neutrally",
        )
    if lex.neutralisers.search(s) is not None:
        return None  # "What, if anything, …", "… or not?"
    lean = _options_lean(s, lex) if "or" in wordset else None
    if lean == "balanced":
        return None  # "much easier, about the same, or much harder?"
    if lean is not None:
        start, end = lean
        return Finding(
            "leading", start, end,
            f'the answers offered ("{_quote(text, start, end)}") lean one way',
            "offer as many answers on one side as on the other, or ask openly",
        )
    balanced = None
    if not wordset.keys().isdisjoint(lex.balanced_pos):
        balanced = lex.balanced_re.search(norm)
    hit = lex.presupposition.search(s)
    if hit is not None and balanced is None:
        i, m = hit
        return Finding(
            "leading", m.start(), m.end(),
            f'"{_quote(text, m.start(), m.end())}" presupposes the outcome you hope for',
            lex.presupposition.extra[i],
        )
    hit = lex.intensified.search(s)
    if hit is not None:
        m = hit[1]
        return Finding(
            "leading", m.start(), m.end(),
            f'"{_quote(text, m.start(), m.end())}" presupposes the quality you are asking about',
            'drop the intensifier and ask "How easy or hard…?"',
        )
    # Words that are not the interviewer's judgement: their own words quoted back ("You said it
    # was 'a nightmare'…") and a balanced pair ("like or dislike").
    exempt = _quoted_spans(norm) if '"' in norm or "'" in norm else ()
    if balanced is not None:
        exempt += (balanced.span(),)

    def is_exempt(pos: int) -> bool:
        return any(a <= pos < b for a, b in exempt)

    if not wordset.keys().isdisjoint(lex.evaluative):
        polite_end = op.end if op is not None and op.kind == "polite" else -1
        for i, w in enumerate(words):
            if w not in lex.evaluative:
                continue
            if is_exempt(starts[i]) or _negated_too(w, wordset, norm):
                continue  # quoted, balanced, or asked both ways ("intuitive or unintuitive?")
            if starts[i] < polite_end:
                continue  # "I'd love to hear…": the interviewer's phrase, not an evaluation
            if i > 0 and words[i - 1] in ("i'd", "we'd", "would", "i", "we"):
                continue
            if i == first and i + 1 < len(words) and words[i + 1] in (",", "!", "."):
                continue  # an interjection: "Perfect, so what happened next?"
            word = text[starts[i] : ends[i]]
            return Finding(
                "leading", starts[i], ends[i],
                f'the evaluative word "{word}" signals how you feel about it',
                f'drop "{word}" or balance it ("…like or dislike…")',
            )
    hit = lex.evaluative_phrases.search(s)
    if hit is not None and not is_exempt(hit[1].start()):
        m = hit[1]
        return Finding(
            "leading", m.start(), m.end(),
            f'"{_quote(text, m.start(), m.end())}" signals how you feel about it',
            "use neutral wording",
        )
    if not wordset.keys().isdisjoint(lex.product_words) and lex.product_ref_re.search(norm):
        for i, w in enumerate(words):
            if w not in lex.product_words:
                continue
            if lex.product_exception_re.match(norm, starts[i]):
                continue
            if is_exempt(starts[i]) or _negated_too(w, wordset, norm):
                continue  # quoted, balanced, or asked both ways ("clear, unclear or in between?")
            word = text[starts[i] : ends[i]]
            return Finding(
                "leading", starts[i], ends[i],
                f'"{word}" about your own product presumes their judgement',
                'ask "What, if anything, stands out about…?"',
            )
    if "or" in wordset and not wordset.keys().isdisjoint(lex.loaded_option_words):
        for i, w in enumerate(words):
            if w not in lex.loaded_option_words or is_exempt(starts[i]):
                continue
            if "or" in (words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""):
                continue  # a scale, not a description: "fast or slow"
            word = text[starts[i] : ends[i]]
            return Finding(
                "leading", starts[i], ends[i],
                f'"{word}" makes one of the choices sound better',
                "describe both options in the same neutral words",
            )
    return None


def _options_lean(s: _Sentence, lex: _Lexicon) -> str | tuple[int, int] | None:
    """Answer options on one scale ("great, good, or okay?"): "balanced" when both sides are
    offered about equally, the options' span when three or more lean one way, else None."""
    norm = s.norm
    cut = max(norm.rfind(":"), norm.rfind(" - "))
    begin = cut + 1 if cut >= 0 else 0
    positive = negative = 0
    first = last = -1
    skip = False
    for k, w in enumerate(s.words):
        if s.starts[k] < begin:
            continue
        if skip:
            skip = False
            continue
        if w in lex.scale_negative:
            negative += 1
            skip = w in ("not", "no")  # "not satisfied" is one negative option
        elif w in lex.scale_positive:
            positive += 1
        else:
            continue
        first = k if first < 0 else first
        last = k
    if positive and negative and abs(positive - negative) <= 1:
        return "balanced"
    if positive >= 3 and positive >= negative + 2 and "," in norm[begin:]:
        return s.starts[first], s.ends[last]
    return None


def _negated_too(word: str, wordset: dict[str, int], norm: str) -> bool:
    return f"un{word}" in wordset or f"in{word}" in wordset or f"not {word}" in norm


_QUOTED = re.compile(r'"[^"\n]{1,80}"|(?<![\w\'])\'[^\'\n]{1,80}\'(?![\w])')


def _quoted_spans(norm: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _QUOTED.finditer(norm))


def _is_idiom(words: list[str], i: int, lex: _Lexicon) -> bool:
    prev = words[i - 1] if i > 0 else None
    nxt = words[i + 1] if i + 1 < len(words) else None
    for key in ((prev, nxt), (None, nxt), (prev, None)):
        for toks, k in lex.idioms.get(key, ()):
            lo = i - k
            if lo >= 0 and tuple(words[lo : lo + len(toks)]) == toks:
                return True
    return False


def _double(s: _Sentence, op: _Opening | None, lex: _Lexicon) -> Finding | None:
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
                return _double_finding(s, i, i + 1, i)
            continue
        if w == "as" and i + 2 < n and words[i + 1] == "well" and words[i + 2] == "as":
            last = i + 2
        elif w in ("and", "&"):
            last = i
        else:
            continue
        if last + 1 >= n or not _is_word(words[last + 1]):
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
        return _double_finding(s, i, last + 1, last)
    return None


def _capitalised(s: _Sentence, k: int) -> bool:
    """A word written with a capital in the original text, not at the start of the sentence."""
    start = s.starts[k]
    return start > 0 and s.text[start : start + 1].isupper()


def _double_finding(s: _Sentence, i: int, nxt: int, last: int) -> Finding:
    text, words, starts, ends = s.text, s.words, s.starts, s.ends
    start = ends[i - 1] if i > 0 else starts[i]
    end = starts[nxt]
    conj = " ".join(text[starts[i] : ends[last]].split())
    prev = text[starts[i - 1] : ends[i - 1]] if i > 0 and _is_word(words[i - 1]) else "…"
    after = text[starts[nxt] : ends[nxt]]
    return Finding(
        "double", start, end,
        f'asks two things joined by "{conj}" ("{prev} {conj} {after}"), which may get different answers',
        "ask one thing at a time: split it into two questions",
    )


# Words without which no hypothetical frame can match (a cheap first check).
_HYPO_HINTS = frozenset(
    {"would", "wouldn't", "wouldnt", "won't", "if", "imagine", "likely", "yourself", "will", "d",
     "suppose", "supposing",
     "pretend", "picture", "say", "assume", "world", "hypothetically", "let's", "let"}
)


def _hypothetical(s: _Sentence, op: _Opening | None, first: int, lex: _Lexicon) -> Finding | None:
    text, norm, words, starts, ends, wordset = s.text, s.norm, s.words, s.starts, s.ends, s.wordset
    n = len(words)
    if _HYPO_HINTS.isdisjoint(wordset):
        return None
    span: tuple[int, int] | None = None
    if (
        op is not None
        and op.kind == "aux"
        and _positive(op.aux) == "would"
        and op.index + 1 < n
        and words[op.index + 1] in ("you", "it", "this", "that")
    ):
        k = op.index + 2
        while k < n and words[k] in _WOULD_ADVERBS:
            k += 1
        verb = words[k] if k < n else ""
        if verb == "have" and k + 1 < n and words[k + 1] not in lex.determiners and words[k + 1] != "to":
            return None  # "Would you have signed up if…": reflection on a past decision
        opinion = verb in lex.would_opinion or (verb == "consider" and k + 1 < n and words[k + 1] == "yourself")
        if verb and _is_word(verb) and not opinion:
            span = (op.start, ends[k])
    if span is None and first < n:
        m = lex.scenario_re.match(norm, starts[first])
        if m:
            span = (m.start(), m.end())
    if span is None:
        hit = lex.hypo_frames.search(s)
        if hit is not None:
            span = hit[1].span()
    if span is None:
        hit = lex.conditional.search(s)
        if hit is not None and lex.conditional_modal_re.search(norm):
            span = hit[1].span()
    if span is None:
        return None
    if lex.ideation.search(s) is not None or lex.past_anchors.search(s) is not None:
        return None  # "If you had a magic wand…"; "…the last time you…"
    hs, he = _trim_span(text, *span)
    return Finding(
        "hypothetical", hs, he,
        f'"{_quote(text, hs, he)}" asks them to predict what they would do, not what they did',
        'ask about past behaviour: "Tell me about the last time you…"',
    )


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def analyse_sentence(sentence: str) -> SentenceReport:
    """Classify one sentence on its own (no context from the rest of the item)."""
    return _analyse(sentence).report


def analyse_question(sentences: Sequence[str]) -> list[SentenceReport]:
    """A question item may hold several sentences (some may be statements, e.g. a lead-in
    "I'd like to ask about X." or social proof "Most teams say it is easy."). Returns one
    report per sentence. Context across sentences matters: social proof in a preceding
    statement makes the following question leading; a closed question followed by an open
    question in the same item gets mild=True."""
    infos = [_analyse(s) for s in sentences]
    reports = [info.report for info in infos]
    pending: tuple[int, tuple[int, int]] | None = None
    lead_in: Finding | None = None
    for k, info in enumerate(infos):
        if not info.questionlike:
            if info.social_proof is not None:
                pending = (k, info.social_proof)
            elif info.lead_in is not None:
                lead_in = info.lead_in
                lead_text = info.report.text
            continue
        if lead_in is not None and pending is None:
            report = reports[k]
            if not report.consent and not any(f.kind == "leading" for f in report.findings):
                s, e = _trim_span(report.text, 0, len(report.text))
                finding = Finding(
                    "leading", s, e,
                    f'follows "{_quote(lead_text, lead_in.start, lead_in.end)}", which tells them the answer you expect',
                    lead_in.suggestion,
                )
                reports[k] = dataclasses.replace(report, findings=report.findings + (finding,))
        lead_in = None  # a lead-in speaks to the question right after it, not to later ones
        if pending is not None:
            report = reports[k]
            if not any(f.kind == "leading" for f in report.findings):
                src = infos[pending[0]].report.text
                s, e = _trim_span(report.text, 0, len(report.text))
                proof = _quote(src, *pending[1])
                finding = Finding(
                    "leading", s, e,
                    f'follows social proof ("{proof}"), which tells them the answer you expect',
                    "drop what others say before asking",
                )
                reports[k] = dataclasses.replace(report, findings=report.findings + (finding,))
            pending = None
    for k in range(len(reports) - 1):
        nxt = infos[k + 1]
        if not nxt.open:
            continue
        report = reports[k]
        changed = False
        findings = []
        for f in report.findings:
            if f.kind == "closed" and not f.mild:
                f = dataclasses.replace(f, mild=True, reason=f.reason + "; the open follow-up after it helps")
                changed = True
            findings.append(f)
        if changed:
            reports[k] = dataclasses.replace(report, findings=tuple(findings))
    return reports


def split_sentences(text: str) -> list[str]:
    """A simple splitter on ?, ! and . followed by space (the parser does better)."""
    return [s for s in (p.strip() for p in _SENTENCE_SPLIT.split(text)) if s]


def classify_row(text: str) -> dict[str, bool]:
    """Row-level labels for the accuracy benchmark: closed/leading/double when any sentence
    has such a finding (mild included); polite when the first question sentence is polite."""
    sentences = split_sentences(text)
    reports = analyse_question(sentences)
    kinds = {f.kind for r in reports for f in r.findings}
    polite = False
    for s, r in zip(sentences, reports):
        if _analyse(s).questionlike:
            polite = r.polite
            break
    return {
        "closed": "closed" in kinds,
        "leading": "leading" in kinds,
        "double": "double" in kinds,
        "polite": polite,
    }
