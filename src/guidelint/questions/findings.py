"""What the classifier says about one sentence."""

from __future__ import annotations

from operator import attrgetter

from guidelint.records import Frozen


class Finding(Frozen):
    """A problem the classifier sees in a sentence: its kind, where, why and how to fix it."""

    __slots__ = ("kind", "start", "end", "reason", "suggestion", "mild", "strict", "judgement", "polarity", "scenario",
                 "end_of_second", "advice")
    __match_args__ = ("kind", "start", "end", "reason", "suggestion", "mild", "strict", "judgement", "polarity", "scenario",
                      "end_of_second", "advice")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    kind: str  # "closed" | "leading" | "double" | "hypothetical"
    start: int  # character range in the analysed sentence that shows the problem
    end: int
    reason: str
    #: the question rewritten to fix it, in the author's words (questions.rewrite), or None;
    #: the detectors first put their advice here, which analysis moves to ``advice``
    suggestion: str | None
    mild: bool  # closed only: an open follow-up comes right after
    #: right only most of the time: reported in strict mode ("Is there anything…?", a fixed
    #: choice, a rating scale); the question sets count it, a default check does not
    strict: bool
    #: closed only: asks for a judgement of what is studied ("Is it clear…?", "Did it help?"),
    #: not a fact ("Is the facility mixed gender?"), which an expert may well be asked
    judgement: bool
    #: leading only: a one-sided ask (+1 the good side, -1 the bad side), which a question on
    #: the other side nearby balances
    polarity: int
    #: hypothetical only: a situation put to them ("Suppose the app went down, what would you
    #: do?"), which a usability task's own scenario makes the method, not a forecast
    scenario: bool
    #: double only: where the second of the two things asked ends in the sentence
    end_of_second: int
    #: what to do instead, in words ("ask "How did you…?" instead"): part of the message
    advice: str | None

    def __init__(self, kind: str, start: int, end: int, reason: str, suggestion: str | None = None, mild: bool = False,
                 strict: bool = False, judgement: bool = False, polarity: int = 0, scenario: bool = False,
                 end_of_second: int = 0, advice: str | None = None) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "suggestion", suggestion)
        object.__setattr__(self, "mild", mild)
        object.__setattr__(self, "strict", strict)
        object.__setattr__(self, "judgement", judgement)
        object.__setattr__(self, "polarity", polarity)
        object.__setattr__(self, "scenario", scenario)
        object.__setattr__(self, "end_of_second", end_of_second)
        object.__setattr__(self, "advice", advice)


class SentenceReport(Frozen):
    """Everything the classifier says about one sentence."""

    __slots__ = ("text", "polite", "consent", "findings")
    __match_args__ = ("text", "polite", "consent", "findings")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    text: str
    polite: bool  # a polite request ("Could you walk me through…"): open, never closed
    consent: bool  # consent / logistics / wrap-up ("Is it OK if I record?")
    findings: tuple[Finding, ...]

    def __init__(self, text: str, polite: bool, consent: bool, findings: tuple[Finding, ...]) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "polite", polite)
        object.__setattr__(self, "consent", consent)
        object.__setattr__(self, "findings", findings)


# --------------------------------------------------------------------------------------
# Normalisation and tokens
