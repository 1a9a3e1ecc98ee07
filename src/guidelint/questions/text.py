"""Normalised text and tokens: the common ground of every judgement. Normalising keeps the
length of the text, so every offset found in the normalised copy is an offset in the original."""

from __future__ import annotations

import re

NORM = str.maketrans(
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

TOKEN_RE = re.compile(
    r"\[[^\]\n]{1,40}\]|\{[^}\n]{1,40}\}|[a-z0-9]+(?:['\-][a-z0-9]+)*|[?!.,;:()&]|-+"
)
TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")  # split on it: the gaps and the tokens, alternately
SEPARATORS = frozenset({",", ";", ":", "-", "--", "---", "(", ")"})
TRAILING_NOTE = re.compile(r"\s*[(\[][^()\[\]\n]{0,80}[)\]]\s*$")
TRAIL_CHARS = " \t\r\n\"'*_`"
DIGIT_RE = re.compile(r"\d")
SENTENCE_SPLIT = re.compile(
    r"(?<=[?!.])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)(?<!\bmr\.)(?<!\bms\.)"
    r"(?<!\bdr\.)(?<!\bmrs\.)(?<!\bE\.g\.)(?<!\bI\.e\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)\s+"
)
JOINED_RE = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)+")
PART_SPLIT = re.compile(r"['\-]")
NUMBER = "<number>"  # pseudo-token: where the first digit is

_NEGATIVE_TO_POSITIVE = {
    "can't": "can",
    "cannot": "can",
    "cant": "can",
    "won't": "will",
    "shan't": "shall",
    "ain't": "are",
}


_NORM_PUNCT = str.maketrans(
    {k: v for k, v in NORM.items() if not 65 <= k <= 90}  # type: ignore[union-attr]
)


def normalise(text: str) -> str:
    """Lower-case ASCII, plain quotes and dashes; always the same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer ("İ")
        return text.translate(NORM)
    if not low.isascii():
        low = low.translate(_NORM_PUNCT)
    return low


def positive_aux(aux: str) -> str:
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


# Imperative prompts that ask for an account (analysed like questions; never polite).
PROMPT_VERBS = frozenset({"tell", "describe", "explain", "walk", "talk", "share", "rate"})
WOULD_ADVERBS = frozenset(
    {"ever", "still", "really", "actually", "realistically", "honestly", "then", "also", "please"}
)


def is_word(tok: str) -> bool:
    c = tok[0]
    return c.isalnum() or c in "[{"


def quote(text: str, start: int, end: int, limit: int = 60) -> str:
    s = " ".join(text[start:end].split())
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


CLAUSE_BREAKS = frozenset({",", ";", ":", "-", "--", "---"})


_SECOND_PERSON = re.compile(r"\byou(?:r|rs|'re|’re|'ve|’ve|'d|’d|'ll|’ll|rself)?\b", re.IGNORECASE)


def addresses_them(text: str) -> bool:
    """The words speak to the participant ("you", "your", "you've"…)."""
    return _SECOND_PERSON.search(text) is not None


# What a forecast is about when it is the concept being shown, which nobody can have used yet:
# "it", "this", "something like this", "our new planner", "a button to report…", "a service that texts you"
# ("this" and "that" as pronouns only: "that device" is their own, "for this?" the concept)
# A rating asked for on a scale or a show card: "on a 5-point scale", "1 to 10", "out of 7", "SHOW CARD C"
RATING_SCALE = re.compile(
    r"\b(?:show\s*card|card\s+[A-Z0-9]\b|on\s+a\s+(?:\d+[- ]point\s+)?scale|scale\s+(?:of|from)\s+\d"
    r"|\d{1,2}\s*(?:to|-|–)\s*(?:5|7|10)\b|out\s+of\s+(?:5|7|10)\b)", re.IGNORECASE)


# a line of a scale's points: "0 Not at all likely · 1 · … · 10 Extremely likely", "1 = poor, 5 = excellent"
SCALE_POINTS = re.compile(r"\W*\(?\d{1,2}\)?\s*(?:=|-|–|:|\s)\s*[A-Za-z][^.?!]*?(?:[·|,/;]|\s)\s*\(?\d{1,2}\b")


def names_a_rating_scale(text: str) -> bool:
    """Whether RATING_SCALE matches ``text``. Each of its matches holds "card", "scale" or a
    digit: an ASCII text without them (most questions) is not searched. (Text beyond ASCII is:
    IGNORECASE matches the long s "ſ" to "s", and digits of other scripts are digits.)"""
    if text.isascii():
        lower = text.lower()
        if "card" not in lower and "scale" not in lower and not any(digit in text for digit in "0123456789"):
            return False
    return RATING_SCALE.search(text) is not None


# ("this" before a preposition is the thing shown, "Would you buy this for…?"; before a noun it is
# a determiner, "this product")
NEW_CONCEPT = (r"\b(?:it|them|(?:this|that|these|those)(?!\s+(?!(?:for|to|at|in|on|with|if|when|instead|every|each|now|today"
               r"|again)\b)[a-z])|something\s+like\s+(?:this|that|it)|one\s+of\s+these|our\s+\w+"
               r"|the\s+new\s+\w+|an?\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?(?:feature|button|service|tool|app|option|setting|version"
               # an offer made now: "Would you come to a free session in the library on…?"
               r"|session|workshop|class|course|event|club|scheme|programme|program|membership)"
               r"\s+(?:that|to|which|where|for|in|on|at|with|like))\b")


# The bad side said in a phrase, not a word: "And what gets in the way?", "What holds you back?"
BAD_SIDE_PHRASES = re.compile(
    r"\b(?:gets?|got|getting|stands?|stood|comes?|came)\s+in\s+(?:the|your|their|its)\s+way\b"
    r"|\b(?:holds?|held|holding)\s+(?:you|them|it|people)\s+back\b|\b(?:slows?|slowed|slowing)\s+(?:you|them|it|people)\s+down\b"
    r"|\b(?:trips?|tripped|tripping)\s+(?:you|them|people)\s+up\b")
