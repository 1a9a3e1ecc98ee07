"""Sentences that run the session rather than ask about the topic: consent and recording,
observers, screen sharing and device checks, "Does that make sense?", "Any questions before
we start?", referral and follow-up asks. They are read as logistics, never judged as
questions, and do not count towards question limits or the funnel."""

from __future__ import annotations

import re
from functools import lru_cache

from guidelint.questions.analysis import analyse

_I = re.IGNORECASE
# one alternation: one scan per sentence
_LOGISTICS = re.compile("|".join(f"(?:{p})" for p in (
    r"\b(?:I|we) (?:will |would like to |'d like to |’d like to )?record\b|\brecord(?:ing)? (?:this|the|our|my|your) "
    r"(?:call|session|conversation|interview|screen|audio|chat)\b|\b(?:start(?:ed)?|stop(?:ped)?) recording\b|\bon the record\b",
    r"\bconsent\b|\bpermission\b|\bobservers?\b",
    r"\bquestions? (?:for me|before)\b|^(?:do you have |are there )?any (?:other |more )?questions\b",
    r"\bmake sense\b|\bcomfortable (?:proceeding|continuing|with (?:that|this|having))\b|^ready\b|\bhear me\b",
    r"\bshare (?:your|you) screen\b|\bscreen ?share\b|\btrackpad\b|\bexternal mouse\b|\bmicrophone\b|\bwebcam\b",
    r"^may I call you\b",
)), _I)

# Every _LOGISTICS pattern needs one of these words; a sentence without any is not logistics
# (a cheap test that spares the regular expression most sentences).
_LOGISTICS_WORDS = ("record", "consent", "permission", "observer", "question", "sense", "comfortable", "ready",
                    "hear", "screen", "trackpad", "mouse", "microphone", "webcam", "call you")


@lru_cache(maxsize=4096)
def is_logistics_sentence(text: str) -> bool:
    lowered = text.lower()
    if any(word in lowered for word in _LOGISTICS_WORDS) and _LOGISTICS.search(text):
        return True
    return analyse(text).report.consent
