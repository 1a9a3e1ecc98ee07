"""Sentences that run the session rather than ask about the topic: consent and recording,
observers, screen sharing and device checks, "Does that make sense?", "Any questions before
we start?", referral and follow-up asks. They are read as logistics, never judged as
questions, and do not count towards question limits or the funnel."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from guidelint.questions.analysis import analyse

if TYPE_CHECKING:
    from guidelint.pattern_cache import LazyPattern
    from guidelint.required_text import LiteralScanner

_I = re.IGNORECASE
# searched part by part behind the texts each part needs (_gates); joined, where that cannot be trusted
_LOGISTICS_PARTS = (
    r"\b(?:I|we) (?:will |would like to |'d like to |’d like to )?record\b|\brecord(?:ing)? (?:this|the|our|my|your) "
    r"(?:call|session|conversation|interview|screen|audio|chat)\b|\b(?:start(?:ed)?|stop(?:ped)?) recording\b|\bon the record\b",
    r"\bconsent\b|\bpermission\b|\bobservers?\b",
    r"\bquestions? (?:for me|before)\b|^(?:do you have |are there )?any (?:other |more )?questions\b"
    r"|\bwhat questions (?:do you have|have you got)\b",
    r"\b(?:does|do|did) (?:that|this|everything|it|all (?:of )?that|all (?:of )?this) (?:all |still )?make sense\b"
    r"|\bcomfortable (?:proceeding|continuing|with (?:that|this|having))\b|^ready\b|\bhear me\b",
    # referral asks and future research
    r"\b(?:who|anyone|anybody|someone)(?: else)?(?: (?:do )?you think)? (?:should|could|might) (?:we|i) (?:talk|speak) (?:to|with)\b"
    r"|\bwho (?:else )?should (?:we|i) (?:talk|speak) (?:to|with)\b|\b(?:anyone|anybody|someone) else\b[^?.]{0,30}\b(?:we|i) (?:should|could|might) (?:talk|speak)\b"
    r"|\bknow (?:any|of any|anyone|anybody|someone|other|another)\b[^?.]{0,80}?\b(?:(?:willing|interested|want|like) to "
    r"(?:participate|take part|join|talk|speak)|(?:enjoy|like|be up for) (?:taking part|participating|joining))\b"
    r"|\b(?:open|willing|interested|available|happy) (?:to|in) (?:participating|taking part|joining|a site visit"
    r"|being contacted|future research"
    r"|being (?:a |our )?(?:reference|referee|case study)|act(?:ing)? as (?:a )?reference|do(?:ing)? (?:a |an )?(?:review"
    r"|testimonial)"
    # an invitation beyond the interview: "Would you be open to joining our webinar as a guest?"
    r"|(?:join|joining|speak|speaking|present|presenting|appear|appearing)\s+(?:at|on|in)?\s*(?:our|a|the)\s+(?:webinar|panel"
    r"|podcast|event|video|conference))\b"
    # leave asked to go into a topic: "Would you be comfortable talking about the bumps as well?"
    r"|\b(?:would|are)\s+you\s+(?:be\s+)?(?:comfortable|happy|ok|okay|all\s+right)\s+(?:with\s+)?(?:talking|to\s+talk"
    r"|discussing|to\s+discuss|going\s+into|to\s+go\s+into)\b"
    r"|\bparticipat\w* in (?:a |an )?(?:design |user |usability )?(?:research|study|session|interview)s? (?:session )?like this\b",
    # session check-ins and offers
    r"\bup for continuing\b|\bcontinue or (?:would you prefer|reschedule)\b|\bdoes (?:that|this|everything) seem (?:ok|okay|alright|all right|fine)\b"
    r"|\bwould you like me to (?:repeat|read|provide|say|go over|share)\b|^how are you(?: doing| today)?\b|\bcan everyone say hello\b"
    r"|\bwould you prefer (?:that i|me to|to (?:grab|get|receive|open))\b[^?]{0,60}\b(?:link|url|web address)\b|\bsend (?:you )?the link\b",
    # agreement sought for what the moderator just said: "Does that sound good?", "Is that
    # something you're comfortable with?", "Are you okay with having them join us?"
    r"\b(?:does|would) (?:that|this|it) sound (?:ok|okay|good|alright|all right|fine)\b|^sounds? (?:good|ok|okay)\b"
    r"|\bsomething (?:you'?re|you are|you'?d be|you would be) (?:comfortable|ok|okay|fine|happy)"
    r" (?:with|putting|signing|having|being)\b"
    r"|\b(?:are|would) you (?:be )?(?:ok|okay|comfortable|fine|happy|alright) with (?:having|them|us|me|my|our|a couple|some)\b"
    r"|\bwould (?:it|that) be (?:disruptive|a problem|an issue|distracting)\b"
    r"|\bwould you like (?:a|some) (?:chance|moment|minute|few minutes|time)\b"
    r"|\b(?:grab|get|find|open) (?:that|it|the link) (?:from|in) (?:your email|the (?:zoom )?chat)\b",
    # confirming the screener, names and set-up
    r"^(?:just )?confirming\b|\b(?:can|could) you (?:just )?(?:remind me|confirm)\b"
    r"|^what is your (?:first |full )?name\b"
    r"|\bhave you shared your screen\b|\bseparate device\b|\bsee my screen\b"
    r"|\b(?:what|which) (?:type of |kind of )?(?:device|browser|operating system|screen reader|magnification tool|assistive technology)[^?]{0,40}\b(?:using|use) (?:today|right now|now|for this call|during this)\b"
    r"|\bare you using (?:any )?(?:assistive technology|a screen reader|magnification)[^?]{0,30}\b(?:today|during this|right now|now)\b"
    r"|\bwilling to answer (?:a few|some)\b|\bjoining (?:us )?to observe\b|\b(?:shared|share|used) in (?:a |the )?(?:video|clip|highlight)\b|\bvideo clip\b",
    r"\bshare (?:your|you) screen\b|\bscreen ?share\b|\btrackpad\b|\bexternal mouse\b|\bmicrophone\b|\bwebcam\b",
    r"^may I call you\b",
    # whether they have the time, asked when stopping someone or calling them
    r"^(?:(?:so|and|but|okay|ok),?\s+)?(?:have\s+you\s+got|do\s+you\s+have|got|you\s+got)\s+"
    r"(?:a|one|two|five|ten|a\s+few|a\s+couple\s+of|\d+)\s+"
    r"(?:(?:quick|spare|free)\s+)?(?:moment|minute|min|sec|second)s?\b"
    r"|^(?:is\s+)?now\s+(?:still\s+)?(?:ok|okay|alright|all\s+right|fine|good|convenient)\b",
    # confirming what the screener said; checking they see what the moderator sees or sent
    r"\bjust to confirm\b|\b(?:what|the\s+[\w\s]{1,20}?)\s+you\s+(?:told|gave|sent)\s+(?:the|our|my) (?:recruiter|recruiting\s+\w+|team)\b"
    r"|\b(?:is|are)\s+(?:that|this|it)\s+what\s+you(?:'re|\s+are)\s+seeing\b|\bcan\s+you\s+see\s+(?:it|that|my\s+screen|the\s+(?:link|chat|window|prototype))\s*(?:ok|okay|now|all\s+right|alright)?\s*[?.!]*\s*$"
    r"|\b(?:i|we)(?:'ve|\s+have|'ll|\s+will|\s+just)?\s+(?:put|posted|pasted|dropped|sent|shared|copied)\s+(?:\w+\s+){0,4}?(?:in|into|to)\s+the\s+(?:zoom\s+|teams\s+|meeting\s+)?chat\b"
    r"|\b(?:link|number|details|address)\s+(?:is\s+|are\s+)?in\s+the\s+chat\b|\b(?:happy|ok|okay|fine|comfortable|willing)\s+to\s+be\s+recorded\b"
    # the moderator's own check ("Have I closed my email?", "Did I start the recording?")
    r"|^(?:have|did|do|am|was)\s+i\b(?!\s+right\b)(?!.*\byou)",
    # the thank-you gift and a referral put as who else would talk to us
    r"\byour\s+(?:[£$€]\s?\d+\s+)?(?:voucher|gift\s*card|incentive|honorarium|stipend|thank[- ]you)(?:\s+(?:will|is|gets|goes|arrives|comes|should)\b|\s*[.!,;])"
    r"|\b(?:open|willing|happy|up)\s+(?:to|for)\s+(?:another|a\s+(?:follow[- ]up|second|further|later))\s+(?:conversation|chat|call|session|interview)\b"
    r"|\b(?:is|are)\s+(?:your\s+|the\s+)?(?:screen\s*reader|voice\s+control|magnifier|zoomtext|jaws|nvda|voiceover|talkback|camera|microphone|mic|sound|captions|subtitles)\s+(?:still\s+)?(?:switched|turned)\s+on\b"
    r"|\bwould\s+it\s+help\s+if\s+(?:i|we)\s+(?:turned|switched|slowed|paused|repeated|read|shared|stopped|muted|took|sent\s+the\s+link)\b"
    r"|\b(?:anyone|anybody|someone) else\b[^?]{0,100}?\bwho(?:'d|’d| would| might)?\s+(?:be\s+)?(?:up for|happy to|willing to|interested in|open to|keen to|like to)\s+(?:a\s+|an\s+)?(?:quick\s+|short\s+)?(?:chat|talk|speak|call|conversation|interview|take part|taking part|join|participat)",
)


@lru_cache(maxsize=1)
def _logistics() -> re.Pattern[str]:
    """The whole alternation, searched only in the rare text with a letter that folds oddly
    (below): compiled then, not at import (13,000 opcodes rebuilt on every run's start for it)."""
    return re.compile("|".join(f"(?:{p})" for p in _LOGISTICS_PARTS), _I)


# Every _logistics() pattern needs one of these words; a sentence without any is not logistics
# (a cheap test that spares the regular expression most sentences).
_LOGISTICS_WORDS = ("record", "consent", "permission", "observer", "question", "sense", "comfortable", "ready", "taking part",
                    "hear", "screen", "trackpad", "mouse", "microphone", "webcam", "call you", "talk", "speak", "willing",
                    "interested", "open to", "available", "participat", "continu", "seem", "would you like me", "how are you",
                    "hello", "link", "confirm", "remind me", "your name", "separate device", "using", "answer a few", "observe",
                    "video", "clip", "shared in", "sound", "something you", "ok with", "okay with",
                    "comfortable with", "fine with", "happy with", "alright with", "disruptive", "a problem",
                    "an issue", "distracting", "would you like", "your email", "chat", "voucher", "gift", "incentive",
                    "honorarium", "stipend", "thank-you", "thank you", "else", "just to", "told", "seeing", "see",
                    "recorded", "have i", "did i", "do i", "am i", "was i", "gave", "sent", "open to", "up for", "happy to",
                    "switched", "turned", "would it help", "url", "web address", "moment", "minute", "min", "sec", "now")


# Under IGNORECASE "s" also matches "ſ" and "i" matches "ı" and "İ", which lower-case to other
# letters: a text that holds one is searched with the whole alternation, ungated.
_ODD_FOLDS = ("ſ", "ı", "İ")


@lru_cache(maxsize=1)
def _gates() -> tuple[LiteralScanner, tuple[tuple[frozenset[str] | None, LazyPattern], ...]]:
    """Each part of the alternation with the texts one of which its every match holds (None: no
    such text), and a scanner that finds which of those texts and of _LOGISTICS_WORDS a sentence
    holds in one pass. Searched one by one, a part is skipped where its texts are missing: the
    whole alternation tried its sixty-odd branches at every position of the sentence (about 100 µs)."""
    from guidelint.required_text import LiteralScanner, required_literals

    from guidelint.pattern_cache import LazyPattern

    # each part compiled when a sentence first holds its texts (a handful a guide, of 60-odd)
    parts = tuple((required_literals(part, _I), LazyPattern(part, _I)) for part in _LOGISTICS_PARTS)
    scanner = LiteralScanner([*_LOGISTICS_WORDS, *(literal for gate, _ in parts if gate for literal in gate)])
    return scanner, tuple((frozenset(gate) if gate else None, part) for gate, part in parts)


def _says_logistics(text: str, present: frozenset[str]) -> bool:
    """Whether _logistics() matches ``text``; ``present``: the gates' texts that ``text.lower()`` holds."""
    if not text.isascii() and any(odd in text for odd in _ODD_FOLDS):
        return _logistics().search(text) is not None
    for gate, part in _gates()[1]:
        if (gate is None or not gate.isdisjoint(present)) and part.search(text):
            return True
    return False


_WORDS = frozenset(_LOGISTICS_WORDS)


@lru_cache(maxsize=4096)
def is_logistics_sentence(text: str) -> bool:
    present = _gates()[0].present(text.lower())
    if not _WORDS.isdisjoint(present) and _says_logistics(text, present):
        return True
    return analyse(text).report.consent


def is_plain_yes_no(text: str) -> bool:
    """A yes/no that asks for no judgement of what is studied ("Are you ready?", "Did you get
    the link?"): in the intro or closing script, a check-in."""
    return any(f.kind == "closed" and not f.judgement for f in analyse(text).report.findings)
