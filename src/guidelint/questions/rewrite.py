"""Rewrites: a question built from the author's own words that fixes what a finding found, or
nothing. A suggestion is shown to someone about to ask it aloud, so it must be one grammatical
question, open, in their words; where no rule here can promise that, there is no suggestion,
only the finding's advice.

"Were there any challenges?" -> "What challenges, if any, were there?"
"Is the report easy to find?" -> "How easy or hard is the report to find?"
"How easy was it to book?" -> "How easy or hard was it to book?"
"How do you book a room, and how long does it take?" -> "How do you book a room?"
"""

from __future__ import annotations

import re

from guidelint.pattern_cache import LazyPattern
from guidelint.questions.findings import Finding
from guidelint.questions.lexicon import load_lexicon
from guidelint.questions.text import NEW_CONCEPT

_I = re.IGNORECASE
_STOP = r"(?:on|in|about|with|for|to|from|when|while|during|at|after|before|since|that|which|who)"
_SUBJECT = r"(?:you|they|we|he|she|your\s+[\w-]+|the\s+[\w-]+|people|staff)"

# "Were there any challenges?" -> "What challenges, if any, were there?"
_ANY_THERE = re.compile(rf"^(?P<aux>is|are|was|were)\s+there\s+any\s+(?P<np>[\w-]+(?:\s+[\w-]+){{0,3}}?)(?P<rest>\s+{_STOP}\b.*)?$", _I)
# "Is there anything confusing here?", "Was anything unclear?" -> "What, if anything, is …?"
_ANYTHING = re.compile(r"^(?P<aux>is|was|are|were)\s+(?:there\s+)?anything\s+(?P<rest>(?!else\b).+)$", _I)
# "Did you notice any new features in it?" -> "What new features, if any, did you notice in it?"
_ANY_OBJECT = re.compile(
    rf"^(?P<aux>do|does|did|have|has)\s+(?P<subj>{_SUBJECT})\s+(?P<verb>[a-z]+)\s+any\s+"
    rf"(?P<np>[\w-]+(?:\s+[\w-]+){{0,3}}?)(?P<rest>\s+{_STOP}\b.*)?$", _I)
# "Do you trust the information?" -> "How much do you trust the information?" (verbs of degree only:
# not "Do you need to log in every time?", which a "How much" cannot ask)
_DEGREE = re.compile(
    rf"^(?P<aux>do|does|did)\s+(?P<subj>{_SUBJECT})\s+(?P<verb>trust|like|enjoy|use|value|rely\s+on)\b(?!\s+to\b)"
    rf"(?P<rest>.*)$", _I)
# "Did you pay with the app?" -> "How did you pay?": the way asked openly, the option dropped. Only
# verbs whose "how" is the means ("Did you go through the onboarding?" is not "How did you go?").
_METHOD = re.compile(
    rf"^(?P<aux>do|does|did)\s+(?P<subj>{_SUBJECT})\s+(?P<verb>pay|sign\s+up|sign\s+in|log\s+in|book|register|apply"
    rf"|contact\s+(?:us|them|support|the\s+[\w-]+)|hear\s+about\s+(?:us|it|this|them|the\s+[\w-]+))"
    rf"\s+(?:with|using|by|through|via)\s+(?:the|a|an|your|our)\b[^,;]*$", _I)
# "Did you understand the steps?" -> "How well did you understand the steps?"
_WELL = re.compile(rf"^(?P<aux>do|does|did)\s+(?P<subj>{_SUBJECT})\s+(?P<verb>understand|follow|know)\b(?P<rest>.*)$", _I)
# "Have you ever exported a report?" -> "Tell me about the last time you exported a report."
_HAVE_EVER = re.compile(r"^have\s+you\s+ever\s+(?P<verb>[a-z]+)\b(?P<rest>.*)$", _I)
# "Would you pay for premium support?" -> "Tell me about the last time you paid for …"
_WOULD_YOU = re.compile(r"^(?:would|will)\s+you\s+(?:ever\s+|still\s+|really\s+|actually\s+)?(?P<verb>[a-z]+)\b(?P<rest>.*)$", _I)
# "Did you look at other vendors?" -> "Which other vendors did you look at?"
_OTHER = re.compile(
    rf"^(?P<aux>do|does|did|have|has)\s+(?P<subj>{_SUBJECT})\s+(?P<verb>[a-z]+(?:\s+(?:at|into|with|for|about|to))?)\s+"
    rf"(?:any\s+)?other\s+(?P<np>[\w-]+(?:\s+[\w-]+){{0,2}}?)(?P<rest>\s+{_STOP}\b.*)?$", _I)
# Past tenses for "the last time you …": regular verbs add -ed; these do not.
_PAST = {
    "pay": "paid", "buy": "bought", "try": "tried", "use": "used", "switch": "switched", "sign": "signed",
    "subscribe": "subscribed", "recommend": "recommended", "retire": "retired", "download": "downloaded",
    "install": "installed", "upgrade": "upgraded", "cancel": "cancelled", "leave": "left", "spend": "spent",
    "come": "came", "go": "went", "return": "returned", "renew": "renewed", "keep": "kept", "stop": "stopped",
    "adopt": "adopted", "purchase": "purchased", "share": "shared", "invest": "invested", "move": "moved",
}
# Participles that are not the past tense ("Have you ever been…" -> "the last time you were…").
_PARTICIPLE_TO_PAST = {
    "been": "were", "done": "did", "gone": "went", "seen": "saw", "taken": "took", "given": "gave",
    "written": "wrote", "chosen": "chose", "spoken": "spoke", "forgotten": "forgot", "begun": "began",
    "driven": "drove", "flown": "flew", "shown": "showed", "known": "knew", "eaten": "ate", "fallen": "fell",
    "grown": "grew", "ridden": "rode", "broken": "broke", "stolen": "stole", "worn": "wore", "gotten": "got",
}
_SAME_PAST = frozenset({
    "lost", "bought", "made", "had", "found", "sent", "paid", "told", "left", "felt", "kept", "built", "spent",
    "held", "heard", "brought", "thought", "caught", "sold", "met", "read", "set", "put", "cut", "won", "sat",
    "stood", "understood", "taught", "got", "led", "meant", "hit", "let", "shut", "slept", "spun", "struck",
})
# "How easy was it…?" -> "How easy or hard was it…?"
_HOW_QUALITY = re.compile(r"^(?P<lead>(?:(?:so|and|overall|now),?\s+)?how\s+)(?P<adj>[a-z]+)(?P<rest>\s+.*)$", _I)
# "What did you like about…?" -> "What did you like or dislike about…?"
# (not the habit "like to <verb>")
_WHAT_LIKED = re.compile(
    r"^(?P<lead>(?:(?:so|and|overall|now),?\s+)?what\s+(?:did|do|does)\s+(?:you|they)\s+(?:most\s+|really\s+)?)like"
    r"(?P<rest>\s+(?!to\b).*)$", _I)
# "What is confusing about…?" -> "What, if anything, is confusing about…?"
_WHAT_FLAW = re.compile(r"^(?P<lead>(?:(?:so|and|overall|now),?\s+)?what)(?P<rest>\s+(?:is|was|are|were|did\s+you\s+find)\s+.*)$", _I)

_DETERMINERS = frozenset({"our", "the", "your", "this", "that", "a", "an", "its", "their", "my", "these", "those"})
_TRAIL = " ?.!\"'”’"


def suggest(sentence: str, finding: Finding) -> str | None:
    """A rewrite of ``sentence`` that answers ``finding``, or None."""
    body, prefix = _body(sentence)
    if not body:
        return None
    make = _REWRITES.get(finding.kind)
    rewritten = make(body, finding, sentence) if make else None
    if rewritten is None or not well_formed(rewritten):
        return None
    return prefix + rewritten


def _body(sentence: str) -> tuple[str, str]:
    """The question without its final mark and trailing spaces; and a lead-in it keeps
    (none: a rewrite is one question)."""
    text = " ".join(sentence.split()).rstrip(_TRAIL).strip()
    return text, ""


# A relative clause after "any tools" or "anything" ("…any other tools you use?", "…anything you'd
# change?") cannot be moved in front of "if any": no rewrite.
_RELATIVE = re.compile(r"\b(?:you|you'd|you've|you're|they|they'd|we|we'd|i|i'd|he|she|people|that|which|who)\b", _I)
# ...or a noun phrase that starts again inside it: "any reports your manager reads"
_NP_AGAIN = re.compile(r"^[\w-]+(?:\s+[\w-]+)*?\s+(?:the|a|an|your|my|their|our|his|her|this|these|those)\s", _I)


def _clause_in(np: str) -> bool:
    return _RELATIVE.search(np) is not None or _NP_AGAIN.match(np + " ") is not None
# A forecast that holds a condition or a second clause, or a time ahead, has no "last time".
# (nor one whose object is the concept shown, which they cannot have used or paid for yet:
# "Would you use it?", "Would you pay £10 for this?", "Would you use a button to report…?")
_NO_LAST_TIME = LazyPattern(r"\bif\b|,\s*and\b|\b(?:next|tomorrow|soon|future|later|again)\b|" + NEW_CONCEPT, _I)
# a name (the team's product, most often) or a price in what the forecast is about
_NAMED_OR_PRICED = re.compile(r"(?<![.!?]\s)\b[A-Z][a-z]+[A-Z]?\w*|[£$€]\s?\d")
# Degree words and joined qualities: "accurate enough", "too expensive", "easy to use and fast".
_DEGREE_WORDS = frozenset({"too", "enough", "very", "so", "quite", "really", "pretty", "fairly", "overly", "rather",
                           "sufficiently", "reasonably", "extremely", "more", "less", "most", "least"})


def _closed(body: str, finding: Finding, sentence: str) -> str | None:
    lex = load_lexicon()
    if (m := _ANY_THERE.match(body)) and not _clause_in(m["np"]):
        return f"What {m['np']}, if any, {m['aux'].lower()} there{m['rest'] or ''}?"
    if (m := _ANYTHING.match(body)) and not _RELATIVE.match(m["rest"]):
        return f"What, if anything, {m['aux'].lower()} {m['rest']}?"
    if (m := _ANY_OBJECT.match(body)) and not _clause_in(m["np"]):
        return f"What {m['np']}, if any, {m['aux'].lower()} {m['subj']} {m['verb']}{m['rest'] or ''}?"
    if m := _OTHER.match(body):
        return f"Which other {m['np']} {m['aux'].lower()} {m['subj']} {m['verb']}{m['rest'] or ''}?"
    if (m := _HAVE_EVER.match(body)) and not _NO_LAST_TIME.search(m["rest"]):
        verb = m["verb"].lower()
        past = _PARTICIPLE_TO_PAST.get(verb) or (verb if verb.endswith("ed") or verb in _SAME_PAST else None)
        if verb == "been" and re.match(r"\s+to\b", m["rest"]):
            past = "went"  # "been to the branch" -> "went to the branch"
        return f"Tell me about the last time you {past}{m['rest']}." if past else None
    if m := _METHOD.match(body):
        return f"How {m['aux'].lower()} {m['subj']} {m['verb']}?"
    if m := _DEGREE.match(body):
        if m["verb"].lower() in ("like", "enjoy"):
            # "How much do you like it?" takes the liking for granted (leading-question says so)
            return f"What {m['aux'].lower()} {m['subj']} think of{m['rest']}?"
        return f"How much {m['aux'].lower()} {m['subj']} {m['verb']}{m['rest']}?"
    if m := _WELL.match(body):
        return f"How well {m['aux'].lower()} {m['subj']} {m['verb']}{m['rest']}?"
    words = body.split()
    if words and words[0].lower() in ("is", "are", "was", "were"):
        for k in range(2, min(len(words), 7)):  # the first scalar quality after a subject
            adj = words[k].lower()
            if adj in lex.scalar and words[k - 1].lower() not in _DETERMINERS:
                subject, rest = " ".join(words[1:k]), " ".join(words[k + 1 :])
                joined = re.match(r"^(?:(?!\b(?:a|an|the|your|their|our|my|this|these|its)\b).)*?\b(?:and|or)\b", rest, _I)
                if words[k - 1].lower() in _DEGREE_WORDS or re.search(r"\benough\b", rest, _I) or joined:
                    # "accurate enough", "too expensive", "easy to use and fast" (not "…a list of X and Y")
                    return None
                return f"How {adj} or {lex.scalar[adj]} {words[0].lower()} {subject}{' ' + rest if rest else ''}?"
    return None


_NEGATIVE_OPENING = re.compile(r"^(?P<aux>don't|doesn't|didn't|isn't|aren't|wasn't|weren't|haven't|hasn't)\s+(?P<rest>.+)$", _I)


def _leading(body: str, finding: Finding, sentence: str) -> str | None:
    lex = load_lexicon()
    if m := _NEGATIVE_OPENING.match(body.replace("’", "'")):
        # "Don't you miss the reports?" -> "Do you miss the reports?" -> an open form of that
        positive = m["aux"][:-3] if m["aux"].lower() != "can't" else "can"
        return _closed(f"{positive.capitalize()} {m['rest']}", finding, sentence)
    end = "." if sentence.rstrip(_TRAIL[3:] + " ").endswith(".") else "?"
    if finding.reason.startswith("the answers offered"):
        # the options that lean go; the stem is then asked on its own ("…with your adviser?")
        stem = " ".join(sentence[: finding.start].split()).rstrip(" :,;-–—")
        if not stem or stem == body:
            return None
        return _leading(stem, finding._replace(reason="", start=0, end=0), stem + "?") or stem + "?"
    rewritten = None
    if finding.polarity > 0:
        if (m := _HOW_QUALITY.match(body)) and m["adj"].lower() in lex.scalar:
            adj = m["adj"].lower()
            rewritten = f"{_cap(m['lead'])}{m['adj']} or {lex.scalar[adj]}{m['rest']}"
        elif m := _WHAT_LIKED.match(body):
            rewritten = f"{_cap(m['lead'])}like or dislike{m['rest']}"
    elif finding.polarity < 0 and (m := _WHAT_FLAW.match(body)):
        rewritten = f"{_cap(m['lead'])}, if anything,{m['rest']}"
    # praise before a noun ("our amazing dashboard", "the excellent service"): dropped
    plain = _without_praise(rewritten or body, lex, sentence[finding.start:finding.end].lower())
    if plain == (rewritten or body) and rewritten is None:
        return None
    return plain + end


_SUPERLATIVES = frozenset({"best", "worst", "most", "least", "favourite", "favorite", "top", "greatest", "biggest"})


def _without_praise(text: str, lex, flagged: str) -> str:
    # Only praise of the team's own thing is dropped: the word the finding flagged, or any evaluative
    # word when the question is about their product. "your aging parents" keeps "aging".
    theirs = lex.product_ref_re.search(text.lower()) is not None
    words = text.split(" ")
    kept = [w for k, w in enumerate(words)
            if not (0 < k < len(words) - 1 and w.lower() in lex.evaluative and w.lower() not in _SUPERLATIVES
                    and (theirs or w.lower() == flagged)
                    and words[k - 1].lower() in _DETERMINERS and re.match(r"\w", words[k + 1]))]
    return " ".join(kept)


def _double(body: str, finding: Finding, sentence: str) -> str | None:
    """The first of the two asks, as its own question (the second becomes a probe)."""
    first = sentence[:finding.start].rstrip(" ,;:-–—")
    end = "." if sentence.rstrip(_TRAIL[3:] + " ").endswith(".") else "?"  # a request keeps its "."
    if finding.end_of_second and not finding.strict:  # two clauses: keep the first
        return _body(first)[0] + end
    if finding.end_of_second:  # two nouns or verbs: keep the first of them
        rest = sentence[finding.end_of_second:]
        return _body(first + rest)[0] + end
    return None


def _hypothetical(body: str, finding: Finding, sentence: str) -> str | None:
    """A forecast of their own behaviour asked as the last time it happened."""
    hint = finding.advice or finding.suggestion  # (the detector's hint, before it becomes the advice)
    if hint and "last time" not in hint:
        return None  # the reading found no last time to ask about: the concept shown, a price of ours
    if (m := _WOULD_YOU.match(body)) and (past := _PAST.get(m["verb"].lower())) and not _NO_LAST_TIME.search(m["rest"]):
        if m["verb"].lower() == "recommend":
            return None  # "the last time you recommended us" would take for granted that they have
        if _NAMED_OR_PRICED.search(m["rest"]):
            return None  # "…switched to Payday", "…came back for £1 a month": the product or the price put to them
        return f"Tell me about the last time you {past}{m['rest']}."
    return None


_REWRITES = {"closed": _closed, "leading": _leading, "double": _double, "hypothetical": _hypothetical}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---- the form every suggestion must have -------------------------------------------------------

_OPENERS = re.compile(
    r"^(?:what|how|why|when|where|who|which|whose|tell\s+me|describe|walk\s+me|talk\s+me|show\s+me|explain|share)\b", _I)
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", _I)
_DANGLING_ANY = re.compile(r"(?<!\bif )\bany(?:thing)?\s*(?:[?.,;:]|$)", _I)
# A relative clause moved in front of "if any", or a verb after a verb: "What tools you use, if any, are
# there?", "What, if anything, is you'd change?"
_BROKEN_ORDER = re.compile(
    r"\b(?:you|they|we|i|he|she|(?:your|the|my|their|our)\s+[\w-]+)\s+[\w'-]+,\s+if\s+any(?:thing)?\b"
    r"|\b(?:is|are|was|were)\s+(?:you|they|we|i)(?:'d|'ve|'re|'ll)\b", _I)


# an auxiliary that needs a main verb, then only its subject
_NO_MAIN_VERB = re.compile(r"^\W*(?:how|what|why|when|where|who|which)\s+(?:do|does|did|can|could|would|will|should)\s+"
                           r"(?:(?:the|your|our|their|its|this|that|these|those|a|an)\s+)?[\w'’-]+\s*\?$", _I)


def well_formed(text: str) -> bool:
    """One question (or one request), opening with a wh-word or an imperative, no word twice in
    a row, no "any" left hanging, brackets and quotes closed."""
    text = text.strip()
    if not _OPENERS.match(text):
        return False
    if text.count("?") > 1 or (text.count("?") == 1 and not text.endswith("?")):
        return False
    if not text.endswith(("?", ".")) or text.count(".") > (1 if text.endswith(".") else 0) + text.count("e.g.") * 2:
        return False
    if _DOUBLED.search(text) or _DANGLING_ANY.search(text) or _BROKEN_ORDER.search(text.replace("’", "'")):
        return False
    if _NO_MAIN_VERB.match(text):
        return False  # "How do the department?": half of a split, its verb left with the other half
    if text.count("(") != text.count(")") or text.count("[") != text.count("]") or text.count('"') % 2:
        return False
    return True
