"""The vocabulary (rules/lexicon.yaml) compiled once: word sets and pattern groups that are
tried only where one of their trigger words stands, so ~100 patterns cost a few look-ups."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache, reduce
from operator import or_
from typing import TYPE_CHECKING, Any, Sequence

from guidelint import pattern_cache, safe_yaml
from guidelint.questions.text import DIGIT_RE, NORM, NUMBER, TOKEN_RE
from guidelint.required_text import COMMON_WORDS, found_literals
from guidelint.resources import resource_path

if TYPE_CHECKING:
    from guidelint.questions.reading import Parsed

def _alt(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _words_re(words: Sequence[str]) -> str:
    written = tuple(words)
    return pattern_cache.derived("lexicon_words", written, lambda: _words_pattern(written))


def _words_pattern(words: tuple[str, ...]) -> str:
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
    (the pattern is then always tried). A pattern of several top-level alternatives needs a
    trigger of each ("\b(?:industry|market)\s+standard|\bbest\s+practice": industry, market or
    best), not only the first one's."""
    tops = _split_top(pattern)
    if len(tops) > 1:
        out: set[str] = set()
        for top in tops:
            trig = _triggers(top)
            if trig is None or NUMBER in trig:
                return None
            out |= trig
        return frozenset(out)
    if not pattern.startswith("\\b"):
        return None
    p = pattern[2:]
    if p.startswith("\\d"):
        return frozenset({NUMBER})  # where the first digit is (found when searched)
    if p.startswith("(?:"):
        close = _close_paren(p, 0)
        if close is None:
            return None
        if p[close + 1 : close + 2] in ("?", "*") or p[close + 1 :].startswith("{0"):
            return None
        alts = _split_top(p[3:close])
    else:
        alts = [p]
    out = set()
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


def _group_index(written: tuple[str | tuple[str, tuple[str, ...]], ...]):
    """A pattern group's index, worked out from its entries as written (a pattern, or a pattern and
    the words it requires): (trigger word -> the patterns it opens, the patterns always tried, those
    tried from the first digit, whether each is gated by ``requires`` only). Kept between runs
    (guidelint.pattern_cache) with the entries as the key: reading ~180 patterns' structure character
    by character took 1-2 ms of a check's first parse, and indexing the groups another 0.2 ms."""
    index: dict[str, list[int]] = {}
    always: list[int] = []
    gate_only: list[bool] = []
    for i, entry in enumerate(written):
        pattern, requires = (entry, ()) if isinstance(entry, str) else entry
        trig = frozenset(requires) if requires else _triggers(pattern)
        gate_only.append(bool(requires))
        if trig is None:
            always.append(i)
        else:
            for w in trig:
                index.setdefault(w, []).append(i)
    numeric = tuple(index.pop(NUMBER, ()))
    return tuple((w, tuple(v)) for w, v in index.items()), tuple(always), numeric, tuple(gate_only)


class _CompiledOnUse(dict):
    """A group's patterns by index, each compiled when a sentence first reaches it: a check
    searches with fewer than two in three of the lexicon's patterns, and each one compiled (or
    rebuilt from guidelint.pattern_cache) took a few µs of every run's start."""

    __slots__ = ("patterns",)

    def __init__(self, patterns: Sequence[str]) -> None:
        super().__init__()
        self.patterns = patterns

    def __missing__(self, i: int) -> re.Pattern[str]:
        compiled = self[i] = re.compile(self.patterns[i])
        return compiled


class PatternGroup:
    """A list of patterns, each tried only where one of its trigger words stands in the
    sentence, so ~100 patterns cost a few dictionary look-ups and anchored ``match`` calls
    rather than a hundred scans of every sentence.

    A pattern's triggers are its literal first word(s) when it starts with ``\\b`` and a word
    (or a group of alternative words); an entry written as ``{pattern: …, requires: […]}``
    names them instead (then the whole sentence is searched when one occurs). A pattern with
    neither is searched in every sentence.

    A pattern is also tried only where a text it cannot match without (``required_literals``)
    is in the sentence: the sentence's tokens find the trigger words, and which of those texts
    it holds (``GateTexts``, in ``tokenise``). A trigger word is no hit at all where none of its
    patterns' texts is there (``opens``): "how" opened twenty patterns in every question that
    asks how, and "the" and "you" a few in nearly every sentence, each tried by a call from
    Python that failed on its second word. The texts are bits of an integer (``gates``: a
    pattern's texts, or None when none is known), so a test is one ``&`` of two integers."""

    __slots__ = (
        "rx", "anchored", "gate_only", "has_gate", "index", "always", "numeric", "extra", "gid", "written",
        "gates", "opens", "always_gate",
    )

    def __init__(self, entries: Sequence[Any], gid: int, extra: Sequence[Any] = ()) -> None:
        patterns = [e if isinstance(e, str) else e["pattern"] for e in entries]
        self.rx = _CompiledOnUse(patterns)  # rx[i]: the i-th pattern, compiled
        self.anchored = tuple(p.startswith("^") for p in patterns)
        self.extra = tuple(extra)
        self.gid = gid
        written = tuple(e if isinstance(e, str) else (e["pattern"], tuple(e.get("requires") or ())) for e in entries)
        index, self.always, self.numeric, self.gate_only = pattern_cache.derived(
            "lexicon_group", written, lambda: _group_index(written))
        self.index = dict(index)
        self.has_gate = any(self.gate_only)
        self.written = written
        # until the lexicon sets them (``_gate_with``): no pattern gated
        self.gates: tuple[int | None, ...] = (None,) * len(patterns)
        self.opens: dict[str, int | None] = dict.fromkeys(self.index)
        self.always_gate: int | None = None

    def _gate_with(self, gates: tuple[int | None, ...], opens: tuple[tuple[str, int | None], ...],
                   always_gate: int | None) -> None:
        """The gates of the patterns, of the trigger words (``_lexicon_gates``) and of the
        patterns searched in every sentence (0 when there are none)."""
        self.gates, self.opens, self.always_gate = gates, dict(opens), always_gate

    def _closed(self, i: int, present: int) -> bool:
        """Pattern ``i`` cannot match a sentence that holds only the ``present`` texts."""
        gate = self.gates[i]
        return gate is not None and not gate & present

    @property
    def compiled(self) -> tuple[re.Pattern[str], ...]:
        """Every pattern of the group, compiled, in order."""
        return tuple(self.rx[i] for i in range(len(self.rx.patterns)))

    def _run(self, i: int, norm: str) -> re.Match[str] | None:
        rx = self.rx[i]
        return rx.match(norm) if self.anchored[i] else rx.search(norm)

    def finditer(self, s: Parsed) -> list[tuple[int, re.Match[str]]]:
        """All matches (pattern index, match), in text order."""
        norm = s.norm
        present = s.present
        found: list[tuple[int, re.Match[str]]] = []
        done: set[int] = set()
        digit = DIGIT_RE.search(norm) if self.numeric else None
        if digit:
            for i in self.numeric:
                found.extend((i, m) for m in self.rx[i].finditer(norm, digit.start()))
        for i in self.always:
            done.add(i)
            if self._closed(i, present):
                continue
            if self.anchored[i]:
                m = self.rx[i].match(norm)
                if m:
                    found.append((i, m))
            else:
                found.extend((i, m) for m in self.rx[i].finditer(norm))
        hits = s.hits.get(self.gid, ())
        if len(hits) > 1:
            hits.sort()  # type: ignore[union-attr]
        for pos, w in hits:
            for i in self.index[w]:
                if i in done:
                    continue
                done.add(i)
                if self._closed(i, present):
                    continue
                rx = self.rx[i]
                if self.anchored[i]:
                    m = rx.match(norm)
                    if m:
                        found.append((i, m))
                else:  # no match starts before the first occurrence of its trigger
                    found.extend((i, m) for m in rx.finditer(norm, 0 if self.gate_only[i] else pos))
        if len(found) > 1:
            found.sort(key=lambda im: (im[1].start(), im[0]))
        return found

    def search(self, s: Parsed) -> tuple[int, re.Match[str]] | None:
        """The earliest match (pattern index, match), or None. A pattern is tried with
        ``match`` where its trigger word first occurs, and searched onwards only when that
        word occurs again. Remembered with the sentence: several judgements ask about one group."""
        if self.gid not in s.hits and not self.numeric and self.always_gate is not None and not self.always_gate & s.present:
            return None  # no pattern can match: most groups in most sentences
        best = s.found.get(self.gid, _UNSEARCHED)
        if best is _UNSEARCHED:
            best = s.found[self.gid] = self._search(s)
        return best

    def _search(self, s: Parsed) -> tuple[int, re.Match[str]] | None:
        norm = s.norm
        present = s.present
        gates = self.gates
        best: tuple[int, re.Match[str]] | None = None
        for i in self.always:
            if gates[i] is not None and not gates[i] & present:
                continue
            m = self._run(i, norm)
            if m and (best is None or m.start() < best[1].start()):
                best = (i, m)
        if self.numeric:
            digit = DIGIT_RE.search(norm)
            if digit:
                for i in self.numeric:
                    m = self.rx[i].search(norm, digit.start())
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
                if gates[i] is not None and not gates[i] & present:
                    continue
                rx = self.rx[i]
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


_UNSEARCHED: Any = object()
# a text that stands whole inside one token wherever it occurs: a run of letters and digits, or runs
# joined by an apostrophe or a hyphen ("don't", "go-to"), as TOKEN_RE takes them
_TOKEN_SHAPED = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")


class GateTexts:
    """Which of the pattern groups' gate texts a sentence holds, as the bits of an integer (the
    texts in the order ``_lexicon_gates`` gave them). A text shaped as a token occurs in the
    sentence only inside one of its tokens (every run of letters and digits lies in one), so
    what each distinct token holds is found once (at each place in it, the texts that begin with
    the three letters there) and remembered, most tokens being common words met in sentence after
    sentence; a sentence's texts are the union of its tokens', and any other text is looked for
    in the sentence itself. A scan of each whole sentence took 6.7 µs, the union 1.7."""

    __slots__ = ("_bit", "_pairs", "_heads", "_elsewhere", "_by_token")

    #: tokens remembered before the memory starts again
    MEMORY = 50_000

    def __init__(self, texts: Sequence[str], shaped: int) -> None:
        """``texts``: those shaped as a token first, ``shaped`` of them."""
        self._bit = {text: 1 << k for k, text in enumerate(texts[:shaped])}
        self._pairs = {text: bit for text, bit in self._bit.items() if len(text) == 2}  # (a text is two letters or more)
        heads: dict[str, list[tuple[str, int]]] = {}
        for text, bit in self._bit.items():
            if len(text) > 2:
                heads.setdefault(text[:3], []).append((text, bit))
        self._heads = {head: tuple(found) for head, found in heads.items()}
        self._elsewhere = tuple((text, 1 << k) for k, text in enumerate(texts) if k >= shaped)
        self._by_token: dict[str, int] = {}

    def forget(self) -> None:
        """Start again as a new run would (for timing first readings)."""
        self._by_token.clear()

    def texts(self, present: int) -> frozenset[str]:
        """The texts whose bits are set in ``present``."""
        every = [*self._bit.items(), *self._elsewhere]
        return frozenset(text for text, bit in every if bit & present)

    def _in_token(self, token: str) -> int:
        pair, heads = self._pairs.get, self._heads.get
        found = 0
        for start in range(len(token) - 1):
            found |= pair(token[start : start + 2], 0)
            for text, bit in heads(token[start : start + 3], ()):
                if token.startswith(text, start):
                    found |= bit
        return found

    def present(self, norm: str, tokens) -> int:
        """The texts ``norm`` holds; ``tokens``: every token of it, as ``tokenise`` reads them."""
        by_token = self._by_token
        if len(by_token) >= self.MEMORY:
            by_token.clear()
        for token in tokens:
            if token not in by_token:
                by_token[token] = self._in_token(token)
        found = reduce(or_, map(by_token.__getitem__, tokens), 0)
        for text, bit in self._elsewhere:
            if text in norm:
                found |= bit
        return found


def _lexicon_gates(groups: Sequence[PatternGroup]):
    """Every group's gates, worked out from its patterns and kept between runs (a pattern's texts
    take about 0.2 ms to find, parsing it): the gate texts, in the order of their
    bits (those shaped as a token first) and how many are, and for each group the gates of its
    patterns (a pattern's texts, one of which every match holds, or None: not known), of each
    trigger word (the texts of every pattern it opens) and of the patterns searched in every
    sentence (0 when there are none)."""
    # Only the patterns tried in most sentences are worth the parse (paid by every run of a command but
    # ``check``, which alone reads the pattern file): those tried in every sentence and those a common
    # word opens, 143 of 268, which took 96 % of the tries over the generated guides' sentences.
    found = []
    for g in groups:
        worth = set(g.always).union(*(v for w, v in g.index.items() if w in COMMON_WORDS))
        found.append([found_literals(pattern) if i in worth else None for i, pattern in enumerate(g.rx.patterns)])
    every = {text for lists in found for texts in lists if texts for text in texts}
    shaped = sorted(text for text in every if _TOKEN_SHAPED.fullmatch(text))
    texts = shaped + sorted(every.difference(shaped))
    bit = {text: 1 << k for k, text in enumerate(texts)}
    out = []
    for g, lists in zip(groups, found):
        gates = tuple(sum(bit[text] for text in texts) if texts else None for texts in lists)
        opens = tuple((w, _any_gate(gates[i] for i in v)) for w, v in g.index.items())
        out.append((gates, opens, _any_gate(gates[i] for i in g.always)))
    return tuple(texts), len(shaped), tuple(out)


def _any_gate(gates) -> int | None:
    """The texts one of which a match of any of these patterns holds (None: not known for one)."""
    out = 0
    for gate in gates:
        if gate is None:
            return None
        out |= gate
    return out


_IdiomKey = tuple[str | None, str | None]  # the words either side of "and"
_Idioms = tuple[tuple[tuple[str, ...], int], ...]  # each phrase's tokens and where its "and" is


def _idiom_index(phrases: Sequence[str]) -> dict[_IdiomKey, _Idioms]:
    """Fixed binomials keyed by the words either side of their "and" (kept between runs: 0.2 ms)."""
    written = tuple(phrases)
    return dict(pattern_cache.derived("lexicon_idioms", written, lambda: _idiom_pairs(written)))


def _idiom_pairs(phrases: tuple[str, ...]) -> tuple[tuple[_IdiomKey, _Idioms], ...]:
    index: dict[_IdiomKey, list[tuple[tuple[str, ...], int]]] = {}
    for phrase in phrases:
        toks = tuple(TOKEN_RE.findall(phrase.translate(NORM)))
        for k, t in enumerate(toks):
            if t in ("and", "&"):
                key = (toks[k - 1] if k > 0 else None, toks[k + 1] if k + 1 < len(toks) else None)
                index.setdefault(key, []).append((toks, k))
    return tuple((k, tuple(v)) for k, v in index.items())


class Lexicon:
    """The vocabulary of rules/lexicon.yaml, compiled: word sets, patterns and pattern groups.

    Made once a run, read-only and never compared: a plain class, since ``dataclass`` took 0.4 ms
    of every start-up to process its fields. Built from keywords, every field given, frozen."""

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
    consent: PatternGroup
    scale: PatternGroup
    scale_open_re: re.Pattern[str]
    open_options: frozenset[str]
    elliptical: frozenset[str]
    elliptical_open: frozenset[str]
    inline_probe_re: re.Pattern[str]
    closed_suggestions: dict[str, Any]
    judgement_re: re.Pattern[str]
    scalar: dict[str, str]
    evaluative: frozenset[str]
    evaluative_feelings: frozenset[str]
    evaluative_descriptive: frozenset[str]
    evaluative_neutral_re: re.Pattern[str]
    wish_re: re.Pattern[str]
    premises: PatternGroup
    experiencer_verbs: frozenset[str]
    one_sided_positive_re: re.Pattern[str]
    one_sided_negative_re: re.Pattern[str]
    positive_side_re: re.Pattern[str]
    negative_side_re: re.Pattern[str]
    positive_side_words: frozenset[str]
    negative_side_words: frozenset[str]
    improvement_re: re.Pattern[str]
    scale_anchor_re: re.Pattern[str]
    evaluative_phrases: PatternGroup
    product_words: frozenset[str]
    product_exception_re: re.Pattern[str]
    product_ref_re: re.Pattern[str]
    intensified: PatternGroup
    presupposition: PatternGroup
    assumptive: PatternGroup
    summary_offered: PatternGroup
    loaded_option_clauses: PatternGroup
    social_proof: PatternGroup
    social_proof_non_subjects: frozenset[str]
    social_proof_cancel: frozenset[str]
    loaded_option_words: frozenset[str]
    claims: re.Pattern[str]
    asks_agreement_re: re.Pattern[str]
    scale_positive: frozenset[str]
    scale_negative: frozenset[str]
    neutralisers: PatternGroup
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
    forecast_re: re.Pattern[str]
    hypo_frames: PatternGroup
    scenario_re: re.Pattern[str]
    conditional: PatternGroup
    conditional_modal_re: re.Pattern[str]
    past_anchors: PatternGroup
    habit_anchors: PatternGroup
    ideation: PatternGroup
    group_count: int
    # word -> the gate of every pattern it opens, and for each group: (group id, the gate of its patterns it opens)
    trigger_groups: dict[str, tuple[int | None, tuple[tuple[int, int | None], ...]]]
    trigger_keys: frozenset[str]
    gate_texts: GateTexts  # which of every group's gate texts a sentence holds

    FIELDS = tuple(__annotations__)

    def __init__(self, **values: Any) -> None:
        if values.keys() != set(self.FIELDS):
            wrong = sorted(set(self.FIELDS) ^ values.keys())
            raise TypeError(f"Lexicon needs exactly its fields; missing or unknown: {', '.join(wrong)}")
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _load_yaml(path: Any) -> dict[str, Any]:
    return safe_yaml.read_resource(path)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
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
    groups: list[PatternGroup] = []

    def group(entries: Sequence[Any], extra: Sequence[Any] = ()) -> PatternGroup:
        g = PatternGroup(entries, len(groups), extra)
        groups.append(g)
        return g

    values = dict(
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
        judgement_re=re.compile(_words_re(data["judgement_words"])),
        scalar=dict(cs["scalar_adjectives"]),
        evaluative=fs(lead["evaluative_words"]),
        evaluative_feelings=fs(lead["evaluative_feelings"]),
        evaluative_descriptive=fs(lead["evaluative_descriptive"]),
        evaluative_neutral_re=re.compile(_alt(lead["evaluative_neutral_senses"])),
        wish_re=re.compile(_alt(lead["wish_frames"])),
        premises=group(lead["premises"], [e.get("suggest") for e in lead["premises"]]),
        experiencer_verbs=fs(lead["experiencer_verbs"]),
        one_sided_positive_re=re.compile(_alt(lead["one_sided_positive"])),
        one_sided_negative_re=re.compile(_alt(lead["one_sided_negative"])),
        positive_side_re=re.compile(_words_re(lead["positive_side"])),
        negative_side_re=re.compile(_words_re(lead["negative_side"])),
        positive_side_words=fs(lead["positive_side"]),
        negative_side_words=fs(lead["negative_side"]),
        improvement_re=re.compile(_alt(lead["improvement_frames"])),
        scale_anchor_re=re.compile(_alt(lead["scale_anchors"])),
        evaluative_phrases=group(lead["evaluative_phrases"]),
        product_words=fs(lead["product_praise_words"]),
        product_exception_re=re.compile(_alt(lead["product_praise_exceptions"])),
        product_ref_re=re.compile(_alt(lead["product_reference"])),
        intensified=group(lead["intensified"]),
        presupposition=group(presup, [e.get("suggest") for e in presup]),
        assumptive=group(lead["assumptive"], [e.get("suggest") if isinstance(e, dict) else None for e in lead["assumptive"]]),
        summary_offered=group(lead["summary_offered"]),
        loaded_option_clauses=group(lead["loaded_option_clauses"]),
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
        forecast_re=re.compile(_alt(hyp["forecast_verbs"]) + r"(?![\w'])"),
        hypo_frames=group(hyp["frames"]),
        scenario_re=re.compile(_alt(hyp["scenario_openers"]) + r"(?![\w'])"),
        conditional=group(hyp["conditional"]),
        conditional_modal_re=re.compile(_alt(hyp["conditional_modal"])),
        past_anchors=group(hyp["past_anchors"]),
        habit_anchors=group(hyp["habit_anchors"]),
        ideation=group(hyp["deliberate_ideation"]),
    )
    texts, shaped, gates = pattern_cache.derived("lexicon_gates", tuple(g.written for g in groups),
                                                 lambda: _lexicon_gates(groups))
    for g, (pattern_gates, opens, always_gate) in zip(groups, gates):
        g._gate_with(pattern_gates, opens, always_gate)
    trigger_groups: dict[str, list[tuple[int, int | None]]] = {}
    for g in groups:  # (in the order of their ids)
        for w, gate in g.opens.items():
            trigger_groups.setdefault(w, []).append((g.gid, gate))
    return Lexicon(
        **values,
        group_count=len(groups),
        trigger_groups={w: (v[0][1] if len(v) == 1 else _any_gate(gate for _, gate in v), tuple(v))
                        for w, v in trigger_groups.items()},
        trigger_keys=frozenset(trigger_groups),
        gate_texts=GateTexts(texts, shaped),
    )
