"""Double-barreled questions: two asks joined in one sentence."""

from __future__ import annotations

import re

from guidelint.pattern_cache import LazyPattern
from guidelint.questions.findings import Finding
from guidelint.questions.lexicon import Lexicon
from guidelint.questions.reading import Opening, Parsed, first_content
from guidelint.questions.text import CLAUSE_BREAKS
from guidelint.questions.text import BAD_SIDE_PHRASES
from guidelint.questions.text import PROMPT_VERBS
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
    if begin > 1 and words[begin - 1] in CLAUSE_BREAKS and _story_asked(words, begin - 1, lex):
        return None  # "Tell us about your last trip - where were you going, and how did you…?": what to tell
    has_comparison = not wordset.keys().isdisjoint(lex.comparison)
    example = _EXAMPLES_BEFORE.search(s.norm)  # once: a search per "and" is quadratic on "and and …"
    examples_from = example.start() if example else len(s.norm)
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
                return _finding_at(s, i, i + 1, i, begin, clause=False)
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
        if (i >= 2 and words[i - 1] == "(" and words[i - 2] in lex.wh and nxt in lex.wh
                and last + 2 < n and words[last + 2] == ")"):
            # "When (and how) will we…?" reads as "When and how will we…?", one story told in order:
            # strict only, as that pair is
            return _finding_at(s, i, last + 1, last, begin, clause=True, strict=True)
        if i > 0 and words[i - 1] in ("?", "!", "."):
            continue  # "…? And who…": a new sentence starts here
        if i < 3 and not any(map(is_word, words[:i])):
            continue  # "And one that missed the mark?": the sentence opens on it, with nothing before to pair
        if examples_from < s.starts[i]:
            continue  # "…, e.g. what you do and how it is triggered": examples of one ask
        if lex.probe_tail_re.match(s.norm, s.ends[last]):
            continue  # "…, and why?", "…and if so, how?"
        if i > 0 and words[i - 1][0].isdigit() and nxt[0].isdigit():
            continue  # a range: "1 and 5"
        if i > 0 and _capitalised(s, i - 1) and _capitalised(s, last + 1):
            continue  # one name: "Fenwick & Hale", "Marks and Spencer"
        if nxt in lex.wh and _asked_before(words, begin, i, nxt) and any(
                x in lex.neg_aux or x == "not" for x in words[last + 2 : last + 4]):
            continue  # "who's paid and who hasn't", "which you use and which not": one split, from both sides
        if (nxt == "which" and words[begin] == "which" and last + 2 < n
                and (words[last + 2] in lex.aux or words[last + 2] in lex.neg_aux)
                and not (_NOBODY.isdisjoint(words[last + 2 : last + 6]) and lex.neg_aux.isdisjoint(words[last + 2 : last + 6])
                         and _OTHER_END.isdisjoint(words[last + 2 : last + 6]))):
            # "Which parts did you use, and which did nobody touch?", "Which toys lasted longest, and
            # which were forgotten within a week?": one set, sorted from both ends
            continue
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
        # Two question clauses ("How do you book, and how long does it take?") are two asks;
        # two nouns or verbs ("your company and your role", "file and manage") usually one
        # topic seen twice: right only most of the time.
        asks_again = clause and clause_follows(words, last + 1, lex) and op is not None and op.kind in ("wh", "aux")
        if asks_again and _one_comparison(s.norm[s.starts[begin]:s.starts[i]], s.norm[s.ends[last]:]):
            continue  # "What did the numbers look like before, and what do they look like now?"
        if asks_again and _both_sides_of_one(words, begin, i, last, lex):
            continue  # "What is clear, and what is confusing?": one judgement, asked both ways
        if asks_again and _THE_REST.match(s.norm, s.ends[last]):
            continue  # "What do you trust the chatbot with, and what would you rather a person handled?": one split
        if asks_again and _split_between_people(words, begin, i, last):
            continue  # "What did they do for you, and what did you do yourself?": one split of the work
        if asks_again and _JOURNEY_LENS.search(s.norm):
            continue  # "what were you doing, and what was on your mind?": a journey map's lens on each stage
        if asks_again and _WHO_DECIDED.search(s.norm):
            # "Who was involved, and who had the final say?": one decision and who made it; a blind reader
            # called it one story, two writers two questions: strict only
            return _finding_at(s, i, last + 1, last, begin, clause=True, strict=True)
        # "What are you using now, and how is it going?", "How big is the team, and how many
        # vans do you run?": a follow-on about the first answer, or two quick figures, which
        # researchers split on: right only most of the time
        follow_on = asks_again and op.kind == "wh" and nxt in lex.wh and _follows_on(
            words, begin, i, last, lex, s.norm, (s.starts[begin], s.starts[i]))
        if asks_again and op.kind == "aux" and _HOW_IT_WENT.match(" ".join(words[last + 1:last + 6])):
            follow_on = True  # "Did you speak to anyone at the club, and how did that go?": the yes, taken on
        if (asks_again and op.kind == "wh" and nxt in lex.aux and last + 3 < n
                and (words[last + 2] in _POINTERS or words[last + 2] in _BACK) and words[last + 3] in _VARIES):
            follow_on = True  # "Who does the ordering, and does that change at harvest?": when the first answer differs
        if not asks_again and _two_rankings(words, begin, i, last):
            return _finding_at(s, i, last + 1, last, begin, clause=True, strict=False)
        if not asks_again and _second_ask_of_its_own(words, begin, i, last, lex):
            return _finding_at(s, i, last + 1, last, begin, clause=True, strict=False)
        return _finding_at(s, i, last + 1, last, begin, clause=asks_again, strict=follow_on or None)
    return None


def _story_asked(words: list[str], upto: int, lex: Lexicon) -> bool:
    """The sentence asks for a story before a colon or dash ("Tell us about…", "Walk me through…");
    the questions after it say what the story might hold, so their "and" joins cues, not asks."""
    first = first_content(words, lex, 0)
    return first < upto and (words[first] in PROMPT_VERBS or (words[first] == "please" and first + 1 < upto
                                                               and words[first + 1] in PROMPT_VERBS))


_SUPERLATIVES = frozenset({"most", "least", "best", "worst", "cheapest", "fastest", "easiest", "hardest", "biggest",
                           "smallest", "safest", "simplest"})


def _two_rankings(words: list[str], begin: int, i: int, last: int) -> bool:
    """Two superlatives joined: "Which brand is the most innovative and the best value?" asks two rankings."""
    after = words[last + 1:last + 3]
    if len(after) < 2 or after[0] != "the" or after[1] not in _SUPERLATIVES:
        return False
    before = _SUPERLATIVES.intersection(words[begin:i])
    # "the best and the worst part" asks one thing from both ends
    return bool(before) and not any({a, after[1]} in _OPPOSITE_ENDS for a in before)


_OPPOSITE_ENDS = ({"best", "worst"}, {"most", "least"}, {"easiest", "hardest"}, {"biggest", "smallest"})


_PARALLEL_PREPOSITIONS = frozenset({"of", "about", "with", "on", "for", "at"})


def _second_ask_of_its_own(words: list[str], begin: int, i: int, last: int, lex: Lexicon) -> bool:
    """Two asks though no verb follows "and": the opening's wh-word again with another quality
    ("How useful and how easy to use is it?"), or, after a comma, the opening's preposition again
    with another object ("What did you think of the price, and of the way it was shown?")."""
    nxt = words[last + 1]
    after = words[last + 2] if last + 2 < len(words) else ""
    more = last + 3 < len(words) and is_word(words[last + 3])  # not a tail: "…chase it and how hard?"
    if nxt in lex.wh and nxt == words[begin] and nxt == "how" and after not in _FIGURES and is_word(after) and more:
        before = words[begin + 1] if begin + 1 < i else ""
        return before not in _FIGURES and not _both_sides_of_one(words, begin, i, last, lex)
    if nxt not in _PARALLEL_PREPOSITIONS or nxt not in words[begin:i - 1]:
        return False
    if i > 0 and words[i - 1] == ",":
        return after in lex.determiners
    # no comma, in a question: "Do you worry about scams and about giving out your details?"
    # ("at home and at school": two places, whatever follows "at")
    return (words[begin] in lex.aux or words[begin] in lex.wh) and (
        after in lex.determiners or after.endswith("ing") or (nxt == "at" and is_word(after)))


_EXAMPLES_BEFORE = re.compile(r"\b(?:e\.g|i\.e|for\s+example|for\s+instance|such\s+as)\b")
_SUBJECTS = frozenset({"you", "they", "it", "we", "i", "he", "she", "there", "that", "this", "those", "these",
                       "the", "your", "their", "our", "people", "someone", "anyone"})


def clause_follows(words: list[str], k: int, lex: Lexicon) -> bool:
    """A question clause starts at ``k``: "how long do those…", "did it get…", "when do they…"."""
    n = len(words)
    w = words[k]
    if w in lex.aux or w in lex.neg_aux:
        return k + 1 < n and words[k + 1] in _SUBJECTS
    if w in lex.wh:
        rest = words[k + 1 : k + 4]
        return any(x in lex.aux or x in lex.neg_aux for x in rest)
    return False


_BEFORE = re.compile(r"\b(?:before|previously|used\s+to|at\s+first|at\s+the\s+start|back\s+then)\b")
_NOW = re.compile(r"\b(?:now|today|these\s+days|since|afterwards|after\s+(?:the|that|it))\b")


def _asked_before(words: list[str], begin: int, end: int, wh: str) -> bool:
    """The wh-word ("who", or "who's") opened a clause before ``end``; a sentence has few "and"s
    before a wh-word, and the scan stops at the first hit."""
    prefix = wh + "'"
    return any(w == wh or w.startswith(prefix) for w in words[begin:end])


def _one_comparison(first: str, second: str) -> bool:
    """Two clauses that compare one thing before and now. (Good and bad asked in two clauses,
    "what works well, and what is a struggle?", researchers split on; it stays reported.)"""
    return bool(_BEFORE.search(first) and _NOW.search(second) and not _NOW.search(first))


def _both_sides_of_one(words: list[str], begin: int, i: int, last: int, lex: Lexicon) -> bool:
    """A short second clause that asks the other side of the first: good in one, bad in the
    other and nothing else ("…, and what is confusing?", "…, and what gets in the way?")."""
    second = words[last + 1 :]
    said = sum(1 for w in second if is_word(w))
    if said > 6 and not (said <= 8 and BAD_SIDE_PHRASES.search(" ".join(second))):  # "…get in your way" takes words
        return False
    first = words[begin:i]
    if any({a, b} in _OPPOSITE_ENDS for a in _SUPERLATIVES.intersection(first) for b in _SUPERLATIVES.intersection(second)):
        return True  # "What did you like least, and what did you like most?": one ranking from both ends
    # ("help" as a verb is the good side here, "Where did the docs help most, and where did they get in your way?")
    pos1 = not lex.positive_side_words.isdisjoint(first) or "help" in first
    neg1 = not lex.negative_side_words.isdisjoint(first)
    pos2, neg2 = (not lex.positive_side_words.isdisjoint(second)), (not lex.negative_side_words.isdisjoint(second))
    neg2 = neg2 or BAD_SIDE_PHRASES.search(" ".join(second)) is not None  # "…, and where did they get in your way?"
    if ((not _ALIKE.isdisjoint(first) and not _UNLIKE.isdisjoint(second))
            or (not _UNLIKE.isdisjoint(first) and not _ALIKE.isdisjoint(second))):
        return True  # a group asked who shares a view and who differs: "…the same, and whose is different?"
    return (pos1 and neg2 and not (neg1 or pos2)) or (neg1 and pos2 and not (pos1 or neg2))


# the second clause asks for the rest of one set, sorted the other way
_THE_REST = re.compile(r"\s*(?:what|which)\s+(?:would|do|did)\s+you\s+(?:rather|prefer\s+to)\b")
# (and the usual against the rest: "What was typical of the shift, and what was unusual?")
_ALIKE = frozenset({"same", "similar", "agree", "agrees", "shares", "share", "typical", "usual", "normal"})
_UNLIKE = frozenset({"different", "differently", "disagree", "disagrees", "differs", "differ", "otherwise",
                     "unusual", "unexpected", "surprising", "odd", "new"})


_PEOPLE = frozenset({"you", "they", "we", "i", "he", "she", "yourself", "themselves"})
_GLUE = frozenset({"what", "who", "which", "how", "did", "does", "was", "were", "is", "are", "for", "the", "a", ",", "?",
                   "yourself", "themselves", "and"})


def _split_between_people(words: list[str], begin: int, i: int, last: int) -> bool:
    """Two clauses with the same wh-word and verb, each about another person: who did which part."""
    first, second = words[begin:i], words[last + 1:]
    if not first or not second or first[0] != second[0] or len([w for w in second if is_word(w)]) > 7:
        return False
    people1, people2 = _PEOPLE.intersection(first), _PEOPLE.intersection(second)
    shared = (set(first) & set(second)) - _GLUE - _PEOPLE
    new = set(second) - set(first) - _GLUE - _PEOPLE  # the second names nothing new but the person
    return bool(people1) and bool(people2) and people1 != people2 and bool(shared) and not new


_BACK = frozenset({"it", "its", "them"})
_POINTERS = frozenset({"this", "that", "these", "those"})
# "how long", "how soon": a figure asked for (one set: a second copy above it was shadowed by this one)
_FIGURES = frozenset({"many", "much", "often", "long", "big", "large", "far", "old", "soon", "frequently"})
# what "that" does when it stands for the first answer: "how did that go?", "how long does that usually take?"
_GOES = frozenset({"go", "went", "goes", "happen", "happened", "take", "took", "takes", "work", "worked", "feel", "felt",
                   "mean", "meant", "change", "changed", "help", "helped", "affect", "affected", "end", "ended", "usually",
                   "normally", "typically", "really", "actually", "turn", "turned", "compare", "compared"})


_JOURNEY_LENS = re.compile(
    r"\bwhat\s+(?:were|are|was|is)\s+(?:you|they)\s+doing\b[^?]{0,40}?\band\s+(?:what\s+(?:was|is)\s+on\s+(?:your|their)\s+mind"
    r"|what\s+were\s+(?:you|they)\s+(?:thinking|feeling)|how\s+(?:were|did)\s+(?:you|they)\s+feel(?:ing)?)\b")
_WHO_DECIDED = re.compile(
    r"\bwho\s+(?:was|were|else\s+was)\s+involved\b[^?]{0,40}?\band\s+who\s+(?:had|has|made|makes|gave|signed)\s+"
    r"(?:the\s+)?(?:final\s+(?:say|call|decision|word)|sign[- ]?off|the\s+call|it\s+off)\b")
# who is left out of the set (with the lexicon's negative auxiliaries: "which didn't…")
_NOBODY = frozenset({"nobody", "no-one", "none", "not"})
# the other end of the set: "…, and which were forgotten?", "…, and which do you never open?"
_OTHER_END = frozenset({"never", "rarely", "seldom", "hardly", "least", "worst", "forgotten", "forgot", "ignored", "dropped",
                        "abandoned", "stopped", "unused", "ditched", "binned",
                        # "…most typical, and which was unusual?", "…go to first, and which do you scroll past?"
                        "unusual", "atypical", "rare", "odd", "skip", "skipped", "scroll", "ignore", "avoid", "avoided"})
_VARIES = frozenset({"change", "changes", "changed", "vary", "varies", "differ", "differs", "depend", "depends"})
# what was happening at the moment the first clause placed: "…, and what was going on?"
_THE_SCENE = re.compile(r"^what\s+(?:was|were)\s+(?:going\s+on|happening)\b(?!\s+(?:before|after|next|then))")
# how far along the thing just named is: "What's the build, and where are you up to?"
_HOW_FAR_ALONG = re.compile(
    r"^(?:where\s+(?:are|is)\s+(?:you|it|they|that|things)\s+(?:up\s+to|at)\b|how\s+far\s+(?:along|in)\b)")
_WHAT_YOU_DO = frozenset({("what", aux, "you", "do", *comma) for aux in ("do", "did", "would") for comma in ((), (",",))})
_SHARES = frozenset({"share", "proportion", "percentage", "percent", "fraction", "part", "much", "many"})
_SCENARIO = frozenset({"when", "whenever", "if", "once", "after"})
# how the moment just placed went: "Who were you talking to that time, and how did the conversation go?"
_HOW_IT_WENT = re.compile(r"^how\s+did\s+(?:it|that|the\s+[\w-]+)\s+(?:go|turn\s+out|end)\b")
_BEFORE_THAT = frozenset({"before", "previously", "beforehand", "earlier"})
# a fact about the participant that a warm-up asks in passing: "What's your role", "Where do you work"
_QUICK_FACT = LazyPattern(
    r"^\W*(?:so\s+|first(?:ly)?,?\s+|to\s+start,?\s+)?(?:what(?:'s|’s|\s+is|\s+was)\s+(?:your|their)\s+(?:current\s+)?"
    r"(?:role|job(?:\s+title)?|title|position|name|department|team)|what\s+do\s+you\s+do(?:\s+for\s+(?:a\s+living|work))?"
    r"|where\s+do\s+you\s+(?:work|live|come\s+from)|how\s+old\s+are\s+you|how\s+big\s+is\s+(?:your|the)\s+(?:team|company))\W*$")


def _follows_on(words: list[str], begin: int, i: int, last: int, lex: Lexicon, norm: str = "",
                first_span: tuple[int, int] = (0, 0)) -> bool:
    """The second clause refers back to the first ("…, and how long does it take?", "…, and how
    did that go?", not "…, and how will we start this project?"), both ask for a figure ("how
    often…, and how long…"), or a quick fact about them comes with a figure ("What's your role,
    and how long have you been there?")."""
    second = words[last + 1 : last + 8]
    if (len(second) > 1 and (second[0] == "how" and second[1] in _FIGURES or second[0] in ("where", "when"))
            and _QUICK_FACT.match(norm, first_span[0], first_span[1])):
        return True
    if words[begin] in ("who", "which", "where", "when") and (i - begin == 1 or i - begin == 2 and words[begin + 1] == ","):
        return True  # "If yes: who, and what did they say?": a bare "who" names whom the second asks about
    if (words[begin] in ("which", "what") and 2 <= i - begin <= 3 and words[i - 1] in (",", words[begin + 1])
            and is_word(words[begin + 1]) and words[begin + 1] not in lex.aux and words[begin + 1] not in lex.neg_aux):
        return True  # "If yes: which steps, and what did you copy from where?": the ones just asked about, named
    if (begin + 2 < i and words[begin] in ("what", "how") and words[begin + 1] in _SHARES
            and second[:2] == words[begin : begin + 2]):
        return True  # "what share gets fixed, what share gets ignored, and what share is accepted?": one breakdown
    if (words[begin] == "when" and "last" in words[begin:i] and second[:1] in (["what"], ["why"], ["how"])
            and second[1:2] in (["were"], ["was"], ["did"], ["had"])):
        return True  # "When did you last look at it, and what were you looking for?": the last time, told
    if words[begin] == "who" and ("they" in second or "them" in second):
        return True  # "Who else had a say, and what did they care about most?": the people just named
    if words[begin] == "which" and second[:1] == ["which"] and "of" in words[begin + 1 : begin + 3]:
        return True  # "Which of those can you move yourself, and which are out of your hands?": one set, sorted
    if words[begin] == "which" and second[:1] == ["which"] and len([w for w in second if is_word(w)]) <= 4:
        return True  # "Which styles are holding up, and which are fading?": one set, sorted both ways
    if (_THE_SCENE.match(" ".join(second)) or _HOW_FAR_ALONG.match(" ".join(second))
            or (words[begin] in ("who", "where", "when") and _HOW_IT_WENT.match(" ".join(second)))):
        return True  # "Where were you, and what was going on?": the one moment, set; "…, and where are you up to?"
    if tuple(words[begin:i]) in _WHAT_YOU_DO and not _SCENARIO.isdisjoint(words[:begin]):
        # "When you lose signal, what do you do and how do you get it sent in?": one story, told on
        # ("What do you do, and how do you feel about…?" asks their job, then a view)
        return True
    if (words[begin : begin + 2] == ["how", "long"] and _BEFORE_THAT.isdisjoint(words[begin:i])
            and not _BEFORE_THAT.isdisjoint(words[last + 1 :])):
        return True  # "How long have you been adjusting, and what did you do before?": one career, told back
    if second[:1] == ["how"] and second[1:2] != [] and second[1] not in _FIGURES and _same_verb(words[begin:i], second):
        return True  # "Who got pulled in, and how did they get pulled in?": the same event, how it went
    if (len(second) > 1 and second[0] == "how" and second[1] in _FIGURES
            and not (words[begin] == "how" and begin + 1 < i and words[begin + 1] in _FIGURES)):
        return False  # "How do you feel about X, and how often should they do it?": a view, then a figure
    for k in range(1, len(second)):
        at = last + 1 + k
        after = words[at + 1] if at + 1 < len(words) else "?"
        if second[k] in _BACK or (second[k] in _POINTERS and (after in lex.aux or after in _GOES or not is_word(after))):
            return True
    return (len(second) > 1 and second[0] == "how" and second[1] in _FIGURES
            and words[begin] == "how" and begin + 1 < i and words[begin + 1] in _FIGURES)


_AUX_WORDS = frozenset({"did", "do", "does", "was", "were", "is", "are", "got", "get", "gets", "had", "have", "has", "be",
                        "been"})


def _same_verb(first: list[str], second: list[str]) -> bool:
    """The second clause names the first's verb again ("pulled", "approve")."""
    # (a past tense, "pulled", "approved": "How do you check identity, and how do you check income?"
    # asks about two things checked)
    stems = {w[:-2] for w in first[1:] if w.endswith("ed") and len(w) > 4 and w not in _AUX_WORDS}
    return any(w[:-2] in stems if w.endswith("ed") else (w in stems or w[:-1] in stems) for w in second[2:] if len(w) > 3)


def _capitalised(s: Parsed, k: int) -> bool:
    """A word written with a capital in the original text, not at the start of the sentence."""
    start = s.starts[k]
    return start > 0 and s.text[start : start + 1].isupper()


_NP_BOUNDARY = frozenset({"about", "of", "with", "on", "for", "to", "in", "at", "from", "by", "through", "is", "are",
                          "was", "were", "me", "us", ",", ";", ":", "(", "-", "describe", "explain", "tell"})


def _finding_at(s: Parsed, i: int, nxt: int, last: int, begin: int, *, clause: bool, strict: bool | None = None) -> Finding:
    starts, ends = s.starts, s.ends
    start = ends[i - 1] if i > 0 else starts[i]
    end = starts[nxt]
    first, second, second_end = _topics(s, i, nxt, begin, clause)
    if (strict is None and not clause and _two_given_things(first, second) and "," not in s.words[max(begin, i - 6):i]
            and not _TELL_ABOUT.search(s.norm, 0, s.starts[i])):
        # ("Could you tell me a little about the museum and the shop?": the scope of a story, not two things judged)
        # (not the end of a list: "the phones, the desk and the online requests" is one split of a day)
        # "the gallery layout and the pre-visit pack": two things shown or given, judged at once
        # (writers labelled 32 of 33 such strict findings double; "your role and your team" stays strict)
        strict = False
    return Finding(
        "double", start, end,
        f'asks about "{first}" and "{second}" at once, which may get different answers',
        None,
        strict=not clause if strict is None else strict,
        end_of_second=second_end,
    )


def _topics(s: Parsed, i: int, nxt: int, begin: int, clause: bool) -> tuple[str, str, int]:
    """The two things asked, in the words of the question: the clause or noun phrase before
    the conjunction and the one after it."""
    words, text, starts, ends = s.words, s.text, s.starts, s.ends
    n = len(words)
    if clause:
        lo = begin
        span = 9
    else:  # parallel words: "schedule" and "manage", "your company" and "your role"
        lo = i - 1
        while (lo - 1 >= begin and is_word(words[lo - 1]) and words[lo - 1] not in _NP_BOUNDARY
               and words[lo - 1] not in _PRONOUNS and words[lo - 1] not in _ADVERBS and i - lo < 6):
            lo -= 1
        span = 8 if words[nxt] in lex_wh(s) else i - lo
    hi = nxt
    while (hi + 1 < n and is_word(words[hi + 1]) and words[hi + 1] not in ("and", "or") and hi + 1 - nxt < span
           and (clause or words[hi + 1] not in _NP_BOUNDARY)):
        hi += 1
    # a bracket opened before the conjunction is not part of either topic: "When (and how) will we…"
    left = _clip(" ".join(text[starts[lo] : ends[i - 1]].split()).rstrip(",;:([{ ") if i > lo else "…")
    right = _clip(" ".join(text[starts[nxt] : ends[hi]].split()).rstrip(")]} "))
    if not clause:
        # only a parallel pair ("the pricing" and "the support", "schedule" and "manage") can
        # lose its second half and still read: not "the best and worst parts", not "when and why"
        left_det, right_det = words[lo] in _DETERMINERS_ALL, words[nxt] in _DETERMINERS_ALL
        parallel = (left_det == right_det) and (left_det or (i - lo == 1 and hi == nxt))
        if not parallel or words[lo] in _WH or words[nxt] in _NP_BOUNDARY:
            return left, right, 0
    return left, right, ends[hi]


_GIVEN = frozenset({"the", "our", "this", "these", "those"})


_TELL_ABOUT = re.compile(r"\b(?:tell(?:ing)?\s+(?:me|us)|talk(?:ing)?\s+(?:me|us)\s+through)\s+"
                         r"(?:(?:a\s+(?:little|bit)|more|briefly)\s+)?about\b")


def _two_given_things(first: str, second: str) -> bool:
    a, b = first.lower().split(), second.lower().split()
    return len(a) >= 2 and len(b) >= 2 and a[0] in _GIVEN and b[0] in _GIVEN and a[1] not in _WH and b[1] not in _WH


_DETERMINERS_ALL = frozenset({"the", "a", "an", "your", "our", "their", "his", "her", "its", "my", "this", "that",
                              "these", "those", "any", "some"})
_PRONOUNS = frozenset({"you", "they", "it", "we", "i", "he", "she", "there", "a", "bit", "little"})
_ADVERBS = frozenset({"usually", "normally", "typically", "currently", "often", "ever", "still", "really", "also",
                      "how", "what", "why", "when", "where", "who", "which", "do", "does", "did", "can", "could",
                      "would", "will", "is", "are", "was", "were", "have", "has", "had"})


def lex_wh(s: Parsed) -> frozenset[str]:
    return _WH


_WH = frozenset({"what", "how", "why", "when", "where", "who", "which", "whether"})


def _clip(phrase: str, limit: int = 8) -> str:
    parts = phrase.split()
    return phrase if len(parts) <= limit else " ".join(parts[:limit]) + "…"
