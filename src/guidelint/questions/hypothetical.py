"""Hypothetical questions: asking people to predict what they would do."""

from __future__ import annotations

import re

from guidelint.pattern_cache import LazyPattern
from guidelint.questions.findings import Finding
from guidelint.questions.lexicon import Lexicon
from guidelint.questions.reading import Opening, Parsed
from guidelint.questions.text import NEW_CONCEPT, WOULD_ADVERBS, positive_aux, quote, trim_span


# Words without which no hypothetical frame can match (a cheap first check).
_HYPO_HINTS = frozenset(
    {"would", "wouldn't", "wouldnt", "won't", "if", "imagine", "likely", "yourself", "will", "d",
     "suppose", "supposing", "pretend", "picture", "say", "assume", "world", "hypothetically", "let's", "let",
     "ideal", "perfect", "scenario"}
)


_REPLAYED_PAST = re.compile(r"\bwould\s+you\s+(?:still\s+|really\s+|ever\s+)?have\s+[\w'-]+")
_TO = re.compile(r"[^.?!]{0,40}?\bto\s+")


def _forecast_after(norm: str, end: int, lex: Lexicon) -> bool:
    to = _TO.match(norm, end)
    return to is not None and lex.forecast_re.match(norm, to.end()) is not None


# a price named right after "pay": "£3 a month", "$10 per seat", "20 euros"
_A_PRICE = LazyPattern(r"\s+(?:(?:just|only|about|around|up\s+to)\s+)?"
                       r"(?:[£$€]\s?\d|\d[\d.,]*\s*(?:pounds|dollars|euros|quid|bucks)\b)",
                       re.IGNORECASE)
# the forecast's object is the concept shown ("it", "this", "a button to…"), just after the verb
_NEW_CONCEPT = LazyPattern(r"\s+(?:[\w£$€.,]+\s+){0,5}?" + NEW_CONCEPT, re.IGNORECASE)


_ABOUT_THE_CONCEPT = LazyPattern(NEW_CONCEPT)
# taking the concept up, which no typical week has seen yet: "How often would you use it in a typical week?"
_ADOPTING = re.compile(r"\b(?:use|pay|buy|purchase|subscribe|sign\s+up|switch|try|download|install|open|book|order)\b")
_TIME_SPENT = re.compile(r"\b(?:hours?|minutes?|days?|weeks?|time)\b")


_PAST_BEHAVIOUR = 'ask about past behaviour: "Tell me about the last time you…"'
# a condition on something that does not exist yet: "if this option were made available"
_NOT_YET = re.compile(r"\bif\s+(?:this|it|that|the|such|a|an|our)\b[^?]{0,50}?\b(?:were|was|became|is|gets|got)\s+"
                      r"(?:made\s+)?(?:available|offered|launched|added|released|introduced|possible|built)\b")
_PAYING = frozenset({"pay", "buy", "purchase", "spend", "subscribe", "invest"})
# a return after leaving, or staying on after a trial: no last time exists
_COMING_BACK = re.compile(r"(?:come|coming)\s+back\b|return\b|rejoin\b|re-?subscribe\b")
_KEEPING_ON = re.compile(r"keep\s+(?:using|going|paying|it)\b|stay\s+(?:on|with)\b|continue\s+(?:using|to\s+use|with)\b")


def hypothetical_finding(s: Parsed, op: Opening | None, first: int, lex: Lexicon) -> Finding | None:
    """A forecast of the participant's own behaviour ("Would you use it?", "How likely are you to
    switch?", "If we added X, would you…?") or an imagined ideal ("Imagine a perfect version
    of…"). Not a wish ("If you could change one thing…"), an expectation ("What would you expect
    to happen?"), an explanation ("If you had to explain it…") or a pick among what is shown."""
    text, norm, words, starts, wordset = s.text, s.norm, s.words, s.starts, s.wordset
    n = len(words)
    if _HYPO_HINTS.isdisjoint(wordset):
        return None
    span: tuple[int, int] | None = None
    situational = False
    advice = _PAST_BEHAVIOUR
    guess = "predict what they would do, not what they did"
    if (
        op is not None
        and op.kind == "aux"
        and positive_aux(op.aux) in ("would", "will")
        and op.index + 1 < n
        and words[op.index + 1] == "you"
    ):
        k = op.index + 2
        while k < n and words[k] in WOULD_ADVERBS:
            k += 1
        m = lex.forecast_re.match(norm, starts[k]) if k < n else None
        if m:
            span = (op.start, m.end())
            if words[k] == "recommend":  # not "the last time you recommended us": that they have is not known
                advice = "ask what, if anything, they have told others about it"
            elif _COMING_BACK.match(norm, starts[k]):
                # "Would you ever come back?": no last time to ask about; their visits or their leaving say more
                advice = "ask what has brought them back before, or what made them stop"
            elif _KEEPING_ON.match(norm, starts[k]):
                # "Will you keep using it now the study is over?": what they have done so far says more
                advice = "ask how they have used it so far, and what would make them stop"
            elif _NEW_CONCEPT.match(norm, m.end()) or (words[k] in _PAYING and _A_PRICE.match(norm, m.end())):
                # "Would you use it?": nobody has used the concept yet; "Would you pay £3 a month for
                # Plus?": a price put to them is the team's, which they have never paid
                advice = ("ask what they pay for something like it today, if anything" if words[k] in _PAYING
                          else "ask how they handle it today, and what they have tried before")
    if span is None:
        hit = lex.hypo_frames.search(s)
        if hit is not None:
            span = hit[1].span()
            replayed = _REPLAYED_PAST.search(norm, *span)
            if replayed is not None:  # "If we had offered…, would you have stayed?": quote the guess
                span = replayed.span()
                advice = 'ask what actually decided it: "What made you decide…?"'
                guess = "guess at a past that never happened, not say what decided it"
            # "How likely are you to phone the helpline?" after reading a page measures
            # what the page did, as a task does; "How likely are you to switch?" forecasts a
            # purchase or an adoption anywhere
            situational = norm.startswith("how likely", span[0]) and not _forecast_after(norm, span[1], lex)
    if span is None:
        hit = lex.conditional.search(s)
        if hit is not None and lex.conditional_modal_re.search(norm):
            span = hit[1].span()
    if span is None and first < n:
        m = lex.scenario_re.match(norm, starts[first])
        if m:
            span, situational = (m.start(), m.end()), True
    if span is None:
        return None
    if lex.ideation.search(s) is not None or lex.past_anchors.search(s) is not None:
        return None  # "If you had a magic wand…"; "…the last time you…"
    if lex.habit_anchors.search(s) is not None and not (_ADOPTING.search(norm) and _ABOUT_THE_CONCEPT.search(norm)):
        return None  # "How many hours would you spend on it in a typical week?": a habit estimated
    if advice == _PAST_BEHAVIOUR and (_NOT_YET.search(norm) or lex.conditional.search(s) is not None
                                      or _ABOUT_THE_CONCEPT.search(norm, span[1]) is not None):
        # "…if this option were made available?", "If we built X, would you…?": no last time exists
        paying = not _PAYING.isdisjoint(norm[span[0]:span[1]].split()) and not _TIME_SPENT.search(norm, span[0])
        advice = ("ask what they pay for something like it today, if anything" if paying else
                  "ask how they handle it today, and what they have tried before")
    hs, he = trim_span(text, *span)
    return Finding(
        "hypothetical", hs, he,
        f'"{quote(text, hs, he)}" asks them to {guess}',
        advice,
        scenario=situational,
    )


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------
