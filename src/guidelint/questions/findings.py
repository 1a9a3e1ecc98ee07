"""What the classifier says about one sentence."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem the classifier sees in a sentence: its kind, where, why and how to fix it."""

    kind: str  # "closed" | "leading" | "double" | "hypothetical"
    start: int  # character range in the analysed sentence that shows the problem
    end: int
    reason: str
    #: the question rewritten to fix it, in the author's words (questions.rewrite), or None;
    #: the detectors first put their advice here, which analysis moves to ``advice``
    suggestion: str | None = None
    mild: bool = False  # closed only: an open follow-up comes right after
    #: right only most of the time: reported in strict mode ("Is there anything…?", a fixed
    #: choice, a rating scale); the question sets count it, a default check does not
    strict: bool = False
    #: closed only: asks for a judgement of what is studied ("Is it clear…?", "Did it help?"),
    #: not a fact ("Is the facility mixed gender?"), which an expert may well be asked
    judgement: bool = False
    #: leading only: a one-sided ask (+1 the good side, -1 the bad side), which a question on
    #: the other side nearby balances
    polarity: int = 0
    #: hypothetical only: a situation put to them ("Suppose the app went down, what would you
    #: do?"), which a usability task's own scenario makes the method, not a forecast
    scenario: bool = False
    #: double only: where the second of the two things asked ends in the sentence
    end_of_second: int = 0
    #: what to do instead, in words ("ask "How did you…?" instead"): part of the message
    advice: str | None = None


@dataclass(frozen=True, slots=True)
class SentenceReport:
    """Everything the classifier says about one sentence."""

    text: str
    polite: bool  # a polite request ("Could you walk me through…"): open, never closed
    consent: bool  # consent / logistics / wrap-up ("Is it OK if I record?")
    findings: tuple[Finding, ...]


# --------------------------------------------------------------------------------------
# Normalisation and tokens
