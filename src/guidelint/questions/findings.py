"""What the classifier says about one sentence."""

from __future__ import annotations

from dataclasses import dataclass


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
