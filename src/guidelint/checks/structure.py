"""Structure and flow checks (GL2xx): funnel order, expected sections and their order, empty
sections, how many questions a section and a guide hold, and questions asked twice.

``specificity`` is the funnel measure (docs/funnel-order.md explains it for users); the editor
and the tests call it directly. Everything here reads the model, never the raw text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from typing import Iterable

from guidelint.checks import check, remembered
from guidelint.checks.ethics import blocks_match, first_match, matched_nowhere, phrases, said_to_everyone
from guidelint.context import Context
from guidelint.model import ASKED_ROLES, Guide, Node, Note, Question, Role, Section, Task, Text
from guidelint.parser import roles
from guidelint.pattern_cache import LazyPattern
from guidelint.profiles import ExpectedSection, expected_section
from guidelint.records import Compared, Frozen
from guidelint.timing import BREAK_TITLE, plan_roots

_I = re.IGNORECASE

# ---- the specificity measure ------------------------------------------------------------

#: a plain question with no cue either way
BASE = 0.35
#: a broad opener ("Tell me about…") scores this whatever else it mentions
BROAD = 0.1
#: a bare follow-up ("Why?", "Which one?") depends on what came before it
FOLLOW_UP = 0.8
FOLLOW_UP_WORDS = 3
# how a bare follow-up starts ("Why?", "Which one?", "And then?"); a terse note's fragment
# ("your role?", "team size?") is a whole question in shorthand, read like any other
_LEANS_BACK = frozenset({"why", "which", "what", "how", "who", "when", "where", "and", "so", "then", "like", "anything",
                         "any", "such", "really", "or", "but", "because", "meaning", "e", "example", "for", "in", "is",
                         "was", "did", "does", "do", "can", "could", "would", "ever", "since", "until", "else"})


class Cue(Frozen):
    """One kind of evidence that a question asks for a narrow detail."""

    __slots__ = ("label", "weight", "pattern")
    __match_args__ = ("label", "weight", "pattern")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    label: str
    weight: float
    pattern: re.Pattern | LazyPattern

    def __init__(self, label: str, weight: float, pattern: re.Pattern | LazyPattern) -> None:
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "pattern", pattern)


_DETAIL_NOUNS = (
    r"settings?|fields?|buttons?|toggles?|drop-?downs?|checkbox(?:es)?|tabs?|menus?|icons?|links?|banners?|"
    r"screens?|pages?|versions?|releases?|tiers?|prices?|pricing|fees?|subscriptions?|licen[cs]es?|"
    r"dashboards?|templates?|widgets?|filters?|columns?|shortcuts?|integrations?|plugins?|plug-ins?|add-ons?|"
    r"limits?|quotas?|thresholds?"
)
_PICKED_THINGS = r"features?|options?|tools?|apps?|models?|brands?|plans?|products?|versions?"

CUES = (
    Cue("a count or amount", 0.35,
        LazyPattern(r"\bhow (?:many|much)\b|\bwhat (?:percentage|percent|proportion|share|fraction)\b|\bnumber of\b", _I)),
    Cue("a frequency or duration", 0.15, LazyPattern(r"\bhow (?:often|long|frequently|soon|far)\b", _I)),
    Cue("a figure or date", 0.2, LazyPattern(
        r"\d|[$£€¥]|\bwhat (?:time|date|day)\b|\b(?:january|february|march|april|june|july|august|september|october|november|december|"
        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", _I)),
    Cue("a named detail", 0.2, LazyPattern(
        rf"\b(?:{_DETAIL_NOUNS})\b|\b(?:which|what) (?:exact |specific |particular )?(?:\w+ )?(?:{_PICKED_THINGS})\b", _I)),
    Cue("an exact pick", 0.2, LazyPattern(
        rf"\b(?:exactly|specifically|precisely|in particular|the exact|which one)\b"
        rf"|\bwhich (?:\w+ )?(?:{_DETAIL_NOUNS}|{_PICKED_THINGS})\b", _I)),
    Cue("a yes/no form", 0.15, LazyPattern(
        r"^(?!(?:can|could|would|will) you (?:please )?(?:tell|describe|walk|talk|take|share|explain|give|say|show|help)\b"
        r"|would you mind\b)(?:do|does|did|is|are|was|were|have|has|had|can|could|would|will|should|am)\b", _I)),
)
#: a capitalised word mid-sentence: a product, place or organisation
NAME_WEIGHT = 0.15

_LEAD_IN = r"^(?:(?:so|and|now|first|firstly|to (?:start|begin)|okay|ok|great|next|thinking back)\b,?\s+)*"
BROAD_OPENER = LazyPattern(_LEAD_IN + r"(?:"
    r"(?:overall|in general|generally|broadly)\b"
    r"|(?:(?:can|could|would|will) you (?:please )?|please )?(?:tell|walk|talk|take) (?:me|us)\b"
    r"|(?:(?:can|could|would) you (?:please )?|please )?(?:describe|explain)\b"
    r"|(?:can|could|would) you (?:please )?share (?:a (?:bit|little)|more|some)\b"
    r"|would you mind (?:sharing|telling|describing|walking)\b"
    r"|how would you describe\b"
    r"|what(?:'s|’s| is| was| does| did) (?:a |an |your )?typical\b"
    r"|what(?:'s|’s| is| was) (?:your|their) (?:role|job|background|story|work)\b"
    r"|what does (?:your|the) (?:\w+ )?(?:team|company|organi[sz]ation|business|department|role|job|day|week|work|"
    r"shop|store|practice|clinic|school|service|household|family)\b"
    r"|what do you do(?: for (?:a living|work))?\W*$"
    r"|how do you (?:usually|typically|normally|generally)\b"
    r"|how did you (?:get|come) (?:into|to|started)\b"
    r"|what (?:brings|brought) you\b"
    r"|what comes to mind\b"
    r"|what(?:'s|’s| is) it like\b"
    r")", _I)

# a placeholder holds no opener of its own kind, so "[a[a[a…" is one step per "[", not a scan
# to the end for each (quadratic)
_PLACEHOLDER = re.compile(r"\[[^\[\]]*\]|\{[^{}]*\}|<[^<>]*>|_{2,}")
_WORD = re.compile(r"[^\W\d_][\w'’&.-]*")
_NOT_NAMES = frozenset({"I", "I'm", "I’m", "I'd", "I’d", "I've", "I’ve", "I'll", "I’ll", "OK", "Okay", "OR", "AND"})


class Specificity(Frozen):
    """How specific a question is, and the cues that say so."""

    __slots__ = ("score", "cues", "broad")
    __match_args__ = ("score", "cues", "broad")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    score: float
    cues: tuple[str, ...]
    broad: bool

    def __init__(self, score: float, cues: tuple[str, ...], broad: bool) -> None:
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "cues", cues)
        object.__setattr__(self, "broad", broad)


# The cues are written in lower case, so on an ASCII sentence a case-sensitive search of its
# lower-cased copy finds what IGNORECASE finds in it, in about half the time ("a figure or date"
# and "a named detail" took 5 µs each). Other text keeps IGNORECASE, which also folds letters
# such as the Kelvin sign and the long s.
# (A cue's flags less IGNORECASE: UNICODE, which every str pattern has.)
_LOWER_CUES = tuple((cue, LazyPattern(cue.pattern.pattern, re.UNICODE)) for cue in CUES)


def _plain_sentence(text: str) -> str:
    if "[" in text or "{" in text or "<" in text or "__" in text:  # a placeholder needs one of them
        text = _PLACEHOLDER.sub(" ", text)
    return " ".join(text.split())


def explain(text: str) -> Specificity:
    """How narrow a question is, 0 (broad opener) to 1 (one exact detail), and why."""
    sentence = _plain_sentence(text)
    if BROAD_OPENER.search(sentence):
        return Specificity(BROAD, (), True)
    words = _WORD.findall(sentence)
    if len(words) <= FOLLOW_UP_WORDS and words and words[0].lower() in _LEANS_BACK:
        return Specificity(FOLLOW_UP, ("a bare follow-up",), False)
    if sentence.isascii():
        lowered = sentence.lower()
        cues = [cue for cue, pattern in _LOWER_CUES if pattern.search(lowered)]
    else:
        cues = [cue for cue in CUES if cue.pattern.search(sentence)]
    score = BASE + sum(cue.weight for cue in cues)
    labels = [cue.label for cue in cues]
    if _names_something(sentence):
        score += NAME_WEIGHT
        labels.append("a name")
    return Specificity(round(min(1.0, score), 2), tuple(labels), False)


def specificity(text: str) -> float:
    """The funnel measure of one question's wording (see docs/funnel-order.md)."""
    return explain(text).score


def _names_something(sentence: str) -> bool:
    """A capitalised word after the first, not right after sentence punctuation: a product or place."""
    if sentence[1:].islower():  # no capital after the first character: most questions
        return False
    for match in list(_WORD.finditer(sentence))[1:]:
        word = match.group().rstrip(".")
        if word[:1].isupper() and word not in _NOT_NAMES and _char_before(sentence, match.start()) not in _OPENS_SENTENCE:
            return True
    return False


_OPENS_SENTENCE = frozenset('.:?!"“(')


def _char_before(text: str, at: int) -> str:
    """The last character before ``at`` that is not a space ("" at the start); walks back over
    the gap only, where slicing the text up to every word is quadratic in a long sentence."""
    at -= 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return text[at] if at >= 0 else ""


def opening_sentence(question: Question) -> str:
    """The sentence that sets a question's scope: its first question sentence."""
    sentences = question.question_sentences
    return sentences[0].text if sentences else question.text


# ---- logistics questions ------------------------------------------------------------------

def is_logistics(question: Question) -> bool:
    """Consent, recording, screen sharing, tasks and "go back to…" requests: running the session,
    not the interview's questions (the line roles say which). They do not count towards limits
    or the funnel."""
    return question.role not in ASKED_ROLES


def interview_questions(section: Section) -> list[Question]:
    return [q for q in section.questions if not is_logistics(q)]


# ---- what role each section plays -------------------------------------------------------

def _expected(id_: str, title: str, kind: str, words: Iterable[str]) -> ExpectedSection:
    return expected_section(id_, title, kind, list(words))


#: without a profile, only unmistakable intro, warm-up and wrap-up titles are told apart
GENERIC_SECTIONS = (
    _expected("intro", "Introduction", "intro",
              ["intro", "welcome", "opening", "consent", "before we (?:start|begin)", "housekeeping", "ground rules"]),
    _expected("warm-up", "Warm-up", "warm-up", ["warm[- ]?up", "icebreakers?", "about you(?:rself)?\\b", "getting to know"]),
    _expected("wrap-up", "Wrap-up", "wrap-up",
              ["wrap[- ]?up", "wrapping up", "closing", "thank[- ]?you", "debrief", "conclusion", "before (?:the )?end",
               "next steps", "final (?:thoughts|questions|words)"]),
)
CORE = "core"
CONTENT_ROLES = ("content", CORE)


class Topic(Compared):
    """A participant-facing section and the role it plays: intro, warm-up, content, wrap-up or core
    (a section no expected section matches: the guide's own topics)."""

    __slots__ = ("section", "role", "expected")
    __match_args__ = ("section", "role", "expected")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    section: Section
    role: str
    expected: ExpectedSection | None

    def __init__(self, section: Section, role: str, expected: ExpectedSection | None) -> None:
        self.section = section
        self.role = role
        self.expected = expected


def _match(ctx: Context, title: str) -> ExpectedSection | None:
    if ctx.profile is not None:
        return ctx.profile.section_for(title)
    return next((e for e in GENERIC_SECTIONS if e.matches(title)), None)


# ---- sections recognised by what they hold ------------------------------------------------

def content_kind(ctx: Context, section: Section) -> str | None:
    """"intro" or "wrap-up" when a section's words say so, whatever its heading: a "Warm-up"
    that asks to record and says how answers are used (or that the customer approves the story)
    is the introduction; a section that only thanks and says what happens next, after the last
    questions, is the wrap-up. Only with a profile, and only on these strong cues; the phrase
    lists are the ethics rules' own (rules/ethics.yaml)."""
    if ctx.profile is None or not ctx.english or not section.participant_facing or section.heading is None:
        return None
    # per check, not per guide: the kinds read the profile and the ethics rules' options too
    return remembered(_CONTENT_KINDS, ctx, lambda: _content_kinds(ctx)).get(id(section))


_CONTENT_KINDS: dict[int, tuple[Context, dict[int, str]]] = {}


def _content_kinds(ctx: Context) -> dict[int, str]:
    wanted = {e.kind for e in ctx.profile.sections}
    sections = [s for s in ctx.guide.iter_sections() if s.participant_facing and s.heading is not None]
    consent = phrases(ctx, "missing-consent", "consent-patterns")
    data_use = phrases(ctx, "missing-data-use", "data-use-patterns")
    approval = phrases(ctx, "missing-approval", "approval-patterns")
    thanks = phrases(ctx, "missing-wrap-up", "thanks-patterns")
    next_steps = phrases(ctx, "missing-wrap-up", "next-steps-patterns")
    # A section is read with its subsections: reading each section's whole walk scanned a
    # subsection's lines again for every section above it. Each section's own blocks are read
    # once per phrase list here, and a section combines the answers of its walk.
    own: dict[tuple[int, str], bool] = {}
    # (a list the ethics rules found nowhere in the guide, such as consent in a guide without it,
    # is in no section: the script's lines are the blocks' lines that blocks_match reads)
    nowhere = matched_nowhere(ctx.guide)

    def holds(sub: Section, kind: str) -> bool:
        key = (id(sub), kind)
        found = own.get(key)
        if found is None:
            if kind == "asks":
                found = bool(interview_questions(sub))
            elif kind == "question":
                found = any(isinstance(b, Question) for b in sub.blocks)
            elif kind == "next":
                found = first_match([line for block in sub.blocks for line in said_to_everyone(block)], next_steps) is not None
            else:
                patterns = {"consent": consent, "data": data_use, "approval": approval, "thanks": thanks}[kind]
                found = patterns not in nowhere and blocks_match(sub.blocks, patterns)
            own[key] = found
        return found

    def anywhere(section: Section, kind: str) -> bool:
        return any(holds(sub, kind) for sub in section.walk() if sub.participant_facing)

    asks_from: list[bool] = []  # whether this section or any after it asks, filled in when first needed
    out: dict[int, str] = {}
    for index, section in enumerate(sections):
        if "intro" in wanted and anywhere(section, "consent") and (anywhere(section, "data") or anywhere(section, "approval")):
            out[id(section)] = "intro"
        # a close says and asks nothing, not even a check-in, and its heading is no branch ("If they stop")
        elif "wrap-up" in wanted and not _CONDITION_HEADING.match(section.title) and not anywhere(section, "question"):
            if not asks_from:
                asks_from = [anywhere(s, "asks") for s in sections]
                for i in range(len(asks_from) - 2, -1, -1):
                    asks_from[i] = asks_from[i] or asks_from[i + 1]
            if not asks_from[index] and anywhere(section, "thanks") and anywhere(section, "next"):
                out[id(section)] = "wrap-up"
    return out


_CONDITION_HEADING = re.compile(r"^\W*(?:if|in\s+case|when|should)\b", _I)


def expected_for(ctx: Context, section: Section) -> ExpectedSection | None:
    """The profile's expected section this section is: an intro or a wrap-up by its content
    first (a "Warm-up" that asks consent is the intro), else by its heading."""
    kind = content_kind(ctx, section)
    if kind is not None:
        titled = ctx.profile.section_for(section.title)
        if titled is not None and titled.kind == kind:
            return titled
        return next(e for e in ctx.profile.sections if e.kind == kind)
    return _match(ctx, section.title)


def topics(ctx: Context) -> list[Topic]:
    """Participant-facing sections in document order with their roles.

    A lone title heading is not a topic unless it holds questions itself; a subsection is
    classified by its own title, since real guides misuse heading levels (topics nested under
    an intro or warm-up heading). Worked out once per check of a guide: four rules read them.
    """
    return list(remembered(_TOPICS, ctx, lambda: _topics(ctx)))


_TOPICS: dict[int, tuple[Context, list[Topic]]] = {}


def _topics(ctx: Context) -> list[Topic]:
    guide = ctx.guide
    roots = plan_roots(guide)
    titles = {id(p) for root in roots for p in root.ancestors()}
    out = []
    for section in guide.iter_sections():
        if not section.participant_facing:
            continue
        if (section.heading is None or id(section) in titles) and not section.questions:
            continue
        expected = _match(ctx, section.title) if section.heading is not None else None
        if expected is None and section.heading is not None and content_kind(ctx, section) is not None:
            expected = expected_for(ctx, section)  # an untitled intro or close is not one of the topics
        out.append(Topic(section, expected.kind if expected else CORE, expected))
    return out


def _name(section: Section) -> str:
    return f'"{section.title}"' if section.heading is not None else "the opening"


def _where(section: Section, question: Question | None = None):
    if section.heading is not None:
        return section.heading.span
    return (question or section.questions[0]).span


def _quote(text: str, limit: int = 60) -> str:
    return '"' + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + '"'


def _profile_name(ctx: Context) -> str:
    return f"the {ctx.profile.name} profile" if ctx.profile is not None else "this guide's settings"


# ---- GL201 funnel-order ---------------------------------------------------------------------

@check("funnel-order")
def funnel_order(ctx: Context) -> None:
    if not ctx.english:
        return
    narrow = float(ctx.option("funnel-order", "narrow", 0.7))
    opening_narrow = float(ctx.option("funnel-order", "opening-narrow", 0.85))
    candidates = [t for t in topics(ctx) if t.role not in ("intro", "wrap-up") and not t.section.in_task]
    reported: set[int] = set()
    explained: dict[int, Specificity] = {}  # each topic's first question, read again for the opening topic
    for topic in candidates:
        questions = interview_questions(topic.section)
        if not questions:
            continue
        first = explained[id(questions[0])] = explain(opening_sentence(questions[0]))
        if first.score < narrow:
            continue
        # (only whether it is broad: the cues and score of the rest are never read)
        broad = next((q for q in questions[1:] if BROAD_OPENER.search(_plain_sentence(opening_sentence(q)))), None)
        if broad is not None:
            reported.add(id(topic.section))
            ctx.report(
                "funnel-order", questions[0].span,
                f"Opens {_name(topic.section)} with a narrow question ({', '.join(first.cues)}) before the broad "
                f"{_quote(broad.text)} ({ctx.guide.where(broad.span)}); ask the broad question first and let this one follow.",
            )
    opening = _first_topic(candidates)
    if opening is None or id(opening.section) in reported:
        return
    first_block = next(b for b in opening.section.blocks if _is_topic_content(b))
    if isinstance(first_block, Question) and not is_logistics(first_block):
        found = explained.get(id(first_block))
        if found is None:
            found = explain(opening_sentence(first_block))
        if found.score >= opening_narrow:
            ctx.report(
                "funnel-order", first_block.span,
                f"The first topic, {_name(opening.section)}, opens with a narrow question ({', '.join(found.cues)}); "
                "start with a broad question about the participant's work or context and ask this later.",
            )


def _is_topic_content(block) -> bool:
    """A question, or a topic bullet that stands for one; paragraphs of script do not open a topic."""
    return isinstance(block, Question) or (isinstance(block, Text) and block.kind == "list_item" and bool(block.text))


def _first_topic(candidates: list[Topic]) -> Topic | None:
    """The warm-up or, failing that, the first section that opens the questioning."""
    for topic in candidates:
        if any(_is_topic_content(b) for b in topic.section.blocks):
            return topic
    return None


# ---- GL202 missing-section and GL203 section-order -------------------------------------------

def _readable(expected: ExpectedSection, limit: int = 3) -> str:
    words = []
    for word in expected.synonyms:
        plain = re.sub(r"\W", "", word.lower())
        if re.fullmatch(r"[\w' -]+", word) and plain not in {re.sub(r"\W", "", w.lower()) for w in (expected.title, *words)}:
            words.append(word)
    return f" (or {', '.join(words[:limit])})" if words else ""


@check("missing-section")
def missing_section(ctx: Context) -> None:
    profile = ctx.profile
    if profile is None:
        return
    found = topics(ctx)
    titled = [t.section for t in found if t.section.heading is not None]
    for expected in profile.sections:
        if not expected.required or any(expected.matches(s.title) or content_kind(ctx, s) == expected.kind
                                        for s in titled):
            continue
        if expected.kind == "wrap-up" and ctx.is_enabled("missing-wrap-up"):
            continue  # missing-wrap-up says it, with what a wrap-up needs
        ctx.report(
            "missing-section", ctx.anchor,
            f'No "{expected.title}" section{_readable(expected)}; the {profile.name} profile expects one: add it, '
            "or rename the heading that covers it.",
        )
    if not any(e.kind == "content" for e in profile.sections) and not any(
        t.role == CORE and _holds_questions(t.section) for t in found
    ):
        ctx.report(
            "missing-section", ctx.anchor,
            "No core topic section: every section is an intro, warm-up or wrap-up; add sections for the questions "
            f"the {profile.name} study is for.",
        )


def _holds_questions(section: Section) -> bool:
    return any(s.participant_facing and (s.questions or s.tasks) for s in section.walk())


@check("section-order")
def section_order(ctx: Context) -> None:
    profile = ctx.profile
    if profile is None:
        _warm_up_after_topics(ctx)
        return
    order = {e.id: i for i, e in enumerate(profile.sections)}
    placed = [(section, expected_for(ctx, section)) for section in _outermost_matches(ctx)]
    if len(placed) < 2:
        return
    ranks = [order[e.id] for _, e in placed]
    kept = _kept_in_order(ranks, [e.kind in CONTENT_ROLES for _, e in placed])
    for i, (section, expected) in enumerate(placed):
        if i in kept:
            continue
        before = [j for j in kept if ranks[j] <= ranks[i]]
        if before:
            anchor = max(before, key=lambda j: (ranks[j], j))
            where = f"after {_name(placed[anchor][0])}"
        else:
            where = f"first, before {_name(placed[min(kept)][0])}"
        ctx.report(
            "section-order", section.heading.span,
            f"{_name(section)} ({expected.title.lower()}) is out of order: the {profile.name} profile puts it "
            f"{where}; move it there.",
        )


def _warm_up_after_topics(ctx: Context) -> None:
    """Without a profile only the funnel's first step is sure: a warm-up that comes after a topic
    already asking its questions cannot warm anyone up."""
    first_topic = None
    for topic in topics(ctx):
        if topic.role == "intro":
            first_topic = None  # a second session's opening ("Welcome back"): its own funnel starts
        elif topic.role == CORE and first_topic is None and _asks_its_topic(topic.section):
            first_topic = topic.section
        elif (topic.role == "warm-up" and first_topic is not None and _asked(topic.section)
              and first_topic.parent is topic.section.parent):  # not a later part's (a second session's) warm-up
            if any(_FIRST_ON_PURPOSE.search(b.text) for b in first_topic.blocks[:3] if not isinstance(b, Question)):
                return  # "Get the baseline facts first while they're fresh.": the author chose the order
            ctx.report(
                "section-order", topic.section.heading.span,
                f"{_name(topic.section)} (warm-up) comes after {_name(first_topic)}, which already asks about the "
                f"topic; warm-up and context go first: move it before {_name(first_topic)}.",
            )
            return


# A note that says why the topic comes before the warm-up
_FIRST_ON_PURPOSE = LazyPattern(r"\bfirst\b[^.!?]{0,40}?\b(?:while|because|so\s+that|before\s+(?:they|it|we))\b"
                                r"|\b(?:on\s+purpose|deliberately|intentionally)\b", re.IGNORECASE)


def _asks_its_topic(section: Section) -> bool:
    """Two or more questions, most of them to be answered (not a device check's yes/no lines)."""
    asked = len(_asked(section))
    return asked >= 2 and asked * 2 > len(section.questions)


def _asked(section: Section) -> list[Question]:
    """Its own questions to the participant (a part's title holds its subsections, not their questions)."""
    return [q for q in section.questions if q.role in ASKED_ROLES]


def _outermost_matches(ctx: Context) -> list[Section]:
    """Matched participant-facing sections in document order; a match stands for its subsections."""
    out = []
    stack = list(reversed(plan_roots(ctx.guide)))
    while stack:
        section = stack.pop()
        if not section.participant_facing:
            continue
        if expected_for(ctx, section) is not None:
            out.append(section)
            continue
        stack.extend(reversed(section.children))
    return out


def _kept_in_order(ranks: list[int], content: list[bool]) -> set[int]:
    """Indexes of the longest run in profile order (ties keep content sections, then earlier ones)."""
    best: list[tuple[int, int]] = []
    previous: list[int | None] = []
    for i, rank in enumerate(ranks):
        score, link = (1, int(content[i])), None
        for j in range(i):
            if ranks[j] <= rank:
                candidate = (best[j][0] + 1, best[j][1] + int(content[i]))
                if candidate > score:
                    score, link = candidate, j
        best.append(score)
        previous.append(link)
    end = max(range(len(ranks)), key=lambda i: (best[i], -i))
    kept = set()
    while end is not None:
        kept.add(end)
        end = previous[end]
    return kept


# ---- GL204 empty-section --------------------------------------------------------------------

def _says_something(block) -> bool:
    if isinstance(block, Note) and block.kind == "comment":
        return False
    return any(ch.isalnum() for ch in block.raw)


@check("empty-section")
def empty_section(ctx: Context) -> None:
    sections = list(ctx.guide.iter_sections())
    for k, section in enumerate(sections):
        # A title with a subtitle heading straight under it ("# Study name" then "# Discussion guide")
        # holds nothing by design: the guide is what follows.
        title = section.is_title and section.timebox is None  # a boxed first heading is a section
        if section.heading is None or title or not section.participant_facing or section.children:
            continue
        if any(_says_something(b) for b in section.blocks):
            continue
        if _INSTRUCTION_HEADING.match(section.title):
            continue  # "Allow them to pick a path", "If they choose the plan": a note set as a heading
        if section.title.strip().startswith("[") and section.title.strip().endswith("]"):
            continue  # "[Path chosen]": a slot the moderator fills in, a routing label
        if not section.title.strip() or BREAK_TITLE.fullmatch(section.title):
            continue  # a stray "##" says nothing to report; a break holds no questions by design
        if section.timebox is None and _A_PLACE_TO_WRITE.fullmatch(section.title.strip(" *_!.:()[]-–—")):
            continue  # "NOTES / QUOTES" at the foot of a clipboard sheet: left empty to write in
        if _STATUS_HEADING.fullmatch(section.title.strip(" *_!.:()[]-–—")):
            continue  # "CHANGES PENDING", "Draft v2": the document's status, not a part of the session
        nxt = sections[k + 1] if k + 1 < len(sections) else None
        if (section.heading.style == "bold" and nxt is not None and nxt.heading is not None and nxt.heading.style == "bold"
                and nxt.heading.span.line - section.heading.span.end_line <= 2):
            continue  # "**Questions**" over "**Section 1: Results**": bold text cannot nest, so it labels the parts after it
        ctx.report("empty-section", section.heading.span,
                   f"{_name(section)} has nothing under it; add its questions or remove the heading.")


_A_PLACE_TO_WRITE = re.compile(
    r"(?:(?:my|your|field|interviewer'?s?)\s+)?(?:notes?|quotes?|observations?|comments?|jottings|scribbles?)"
    r"(?:\s*(?:/|&|\+|and)\s*(?:notes?|quotes?|observations?|comments?))*", re.IGNORECASE)
# A heading that marks the document's state rather than naming a part of the session
_STATUS_HEADING = LazyPattern(
    r"(?:(?:first\s+|second\s+|final\s+|working\s+)?draft(?:\s+v?\d+(?:\.\d+)?)?|wip|work\s+in\s+progress|in\s+progress"
    r"|to\s*-?\s*do|tbd|tbc|(?:more\s+)?(?:edits?|changes?|updates?|revisions?)\s+(?:to\s+follow|pending|coming(?:\s+soon)?|in\s+progress)"
    r"|under\s+(?:review|construction)|do\s+not\s+(?:use|share|distribute)|not\s+(?:final|ready|approved)(?:\s+yet)?"
    # a security or handling marking at the top or foot of the page: "OFFICIAL", "OFFICIAL-SENSITIVE"
    r"|official(?:[\s-]+sensitive)?|confidential|internal(?:\s+only)?|restricted|unclassified|protect(?:ed)?"
    r"|commercial\s+in\s+confidence|company\s+confidential|sensitive)",
    re.IGNORECASE,
)


# A heading that reads as an instruction to the moderator or names a branch, not a topic
_INSTRUCTION_HEADING = LazyPattern(
    r"\W*(?:(?:allow|let|ask|show|have|give|tell|remind|skip|move|switch|pause|hand|share|send|invite|thank|explain"
    r"|introduce|confirm|check|repeat|return|proceed|continue)\s+\S+\s+\S+"
    r"|(?:if|when|once|after)\s+(?:they|the\s+participant|participants?|p)\b)",
    re.IGNORECASE,
)


# ---- GL205 too-many-questions and GL206 too-few-questions ------------------------------------

def _question_groups(section: Section) -> list[tuple[str | None, list[Question]]]:
    """The section's interview questions, split where a bold topic bullet (`- **Services**`) or a
    plan table's part name (`| 20-40 | Medicines today |`) opens a group, as real guides use
    them for sub-headings. Of the parts after labels that name whom
    they are for ("If they have a caregiver:", "For managers only:"), a participant hears one:
    its group holds the questions before the labels and the largest of those parts."""
    groups: list[tuple[str | None, list[Node]]] = [(None, [])]
    for block in section.blocks:
        if isinstance(block, Text) and (block.kind == "table_part" or (block.kind == "list_item" and _is_bold_label(block.raw))):
            groups.append((block.text, []))
        else:
            groups[-1][1].append(block)
    asked = [(label, roles.questions_on_one_path(blocks, keep=lambda q: not is_logistics(q))) for label, blocks in groups]
    return [(label, questions) for label, questions in asked if questions]


def _is_bold_label(raw: str) -> bool:
    item = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", raw).strip()
    return bool(re.fullmatch(r"(\*\*|__)[^*_]+\1:?", item))


def core_questions(ctx: Context) -> list[Question]:
    """Interview questions in content and core sections, in document order (probes not counted)."""
    return [q for t in topics(ctx) if t.role in CONTENT_ROLES for q in interview_questions(t.section)]


@check("too-many-questions")
def too_many_questions(ctx: Context) -> None:
    limit = int(ctx.option("too-many-questions", "questions-per-section", 10))
    whose = f" ({_profile_name(ctx)}'s limit)" if ctx.profile is not None else ""
    short = roles.short_format(ctx.guide)
    headed = any(s.heading is not None for s in ctx.guide.iter_sections())
    for topic in topics(ctx):
        if topic.role not in CONTENT_ROLES:
            continue
        if topic.section.question_items_at_most(limit):
            continue  # its groups hold some of its own question items: none can be over the limit
        if topic.section.heading is None and not headed:
            continue  # a guide with no headings is one list: no section to split, its length is the time rules' to judge
        if (short or roles.short_part(topic.section) or roles.at_task_pace(topic.section)) and any(
                s.timebox is not None for s in (topic.section, *topic.section.ancestors())):
            # a task's quick checks, reactions to a screen, or an intercept's quick questions are
            # counted against the box (section-overloaded), not by number
            continue
        if short and ctx.session.minutes is not None:
            continue  # an intercept's tick-box questions, held to its stated length as a whole

        box = topic.section.heading.timebox if topic.section.heading is not None else None
        for label, questions in _question_groups(topic.section):
            # "Is there anything else…?" closes the list; it adds no topic to the section's load
            questions = [q for q in questions if not q.why.startswith("a closing catch-all")]
            if box is not None and box.high and ctx.profile is None and len(questions) * ctx.minutes_per_question <= box.high:
                # "Interview (35 min)" with 11 questions: its own box holds them at the guide's pace (a
                # blind reader called the count wrong there); section-overloaded judges a box too small
                continue
            if len(questions) > limit:
                part = f' under "{label}"' if label else ""
                ctx.report(
                    "too-many-questions", _where(topic.section, questions[0]),
                    f"{_name(topic.section)} has {len(questions)} questions{part}; keep a section to {limit} or "
                    f"fewer{whose}: split it by topic or cut the ones no objective needs.",
                )
    total = ctx.option("too-many-questions", "total-questions", None)
    if isinstance(total, dict) and total.get("max") is not None:
        most = int(total["max"])
        core = core_questions(ctx)
        if len(core) > most:
            span = f"{total['min']}-{most}" if total.get("min") is not None else f"at most {most}"
            ctx.report(
                "too-many-questions", core[most].span,
                f"The guide has {len(core)} core questions and this is number {most + 1}; {_profile_name(ctx)} has "
                f"room for {span}: cut the ones no objective needs.",
            )


@check("too-few-questions")
def too_few_questions(ctx: Context) -> None:
    per_question = ctx.settings.minutes_per_question or float(ctx.option("too-few-questions", "minutes-per-question", 2))
    fill = float(ctx.option("too-few-questions", "min-fill", 0.34))
    for topic in topics(ctx):
        box = topic.section.timebox
        if topic.role not in CONTENT_ROLES or box is None or box.placeholder or not box.low:
            continue
        if any(isinstance(b, Task) or b.role == Role.TASK for s in topic.section.walk() for b in s.blocks):
            continue  # a task fills its box with doing, not answering ("Could you sign in…?" is one too)
        asked = [q for s in topic.section.walk() if s.participant_facing for q in interview_questions(s)]
        room = box.low / per_question
        if asked and len(asked) < room * fill:
            ctx.report(
                "too-few-questions", topic.section.heading.span,
                f"{_name(topic.section)} has {len(asked)} question{'s' if len(asked) != 1 else ''} for "
                f"{box.low:g} minutes, room for about {room:.0f}; add the follow-ups you will need or shorten the box.",
            )
    total = ctx.option("too-few-questions", "total-questions", None)
    if isinstance(total, dict) and total.get("min") is not None:
        core = core_questions(ctx)
        least = int(total["min"])
        if len(core) < least:
            ctx.report(
                "too-few-questions", ctx.anchor,
                f"The guide has {len(core)} core question{'s' if len(core) != 1 else ''}; {_profile_name(ctx)} "
                f"expects at least {least}: add questions for what the study must learn.",
            )


# ---- GL207 duplicate-question ---------------------------------------------------------------

# One scan for all contractions (on lower-cased text): "can't" and "won't" before "n't".
_CONTRACTION = re.compile(r"(can|won)['’]t\b|n['’]t\b|['’](re|ve|ll|d|m|s)\b")
_EXPANDED = {"can": "can not", "won": "will not", "re": " are", "ve": " have", "ll": " will", "d": " would",
             "m": " am", "s": ""}


def _expand(match: re.Match[str]) -> str:
    return _EXPANDED[match[1] or match[2]] if match[1] or match[2] else " not"


STOP_WORDS = frozenset("""
a an the and or but if then so of to in on at by for with about from into onto over as than
is are was were be been being am do does did done have has had having can could would will shall should
may might must i me my mine we us our ours you your yours they them their theirs he him his she her hers
it its this that these those there here what which whom whose any anything some something else just
really very also more most like want please tell let yes think
""".split())


@lru_cache(maxsize=8192)  # a guide asks many questions again (per task, per screen); a team's guides share them
def content_words(text: str) -> frozenset[str]:
    """A question's words with case, punctuation, contractions, stop words and endings removed."""
    text = text.lower()
    if "'" in text or "’" in text:
        text = _CONTRACTION.sub(_expand, text)
    return frozenset(map(_stem, set(_WORDS.findall(text)).difference(STOP_WORDS)))


_WORDS = re.compile(r"[^\W_]+")


@lru_cache(maxsize=16384)  # a guide's vocabulary repeats far more than its questions do
def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            word = word[: -len(ending)]
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _prefix(words: frozenset[str], threshold: float, frequency: dict[str, int] | None = None) -> list[str]:
    """The words to index a question by (prefix filtering): two sets with a Jaccard similarity
    of at least t share at least ceil(t·n) of a set's n words, so in any fixed order their
    first n - ceil(t·n) + 1 words meet. Comparing only questions whose prefixes meet finds
    every similar pair while skipping most of the pairs that merely share a common word.
    With ``frequency``, the order is rarest first, then alphabetical (short shared index
    lists); without, alphabetical."""
    needed = max(1, math.ceil(threshold * len(words) - 1e-9))
    ordered = sorted(words)
    if frequency is not None:
        # a stable sort by count keeps the alphabetical order among equals: the (count, word)
        # order with the key looked up in C, not a Python function making a tuple per word
        ordered.sort(key=frequency.__getitem__)
    return ordered[: len(words) - needed + 1]


#: distinct wordings one question is compared with, at most. Only a guide with hundreds of
#: questions that share their rarest words reaches it; without it such a file (a hostile one,
#: or a generated list) costs time quadratic in its length.
MAX_COMPARISONS = 200


class _Wording(Compared):
    """Questions with the same content words: compared once, whatever their number."""

    __slots__ = ("words", "first", "first_outside_task")
    __match_args__ = ("words", "first", "first_outside_task")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    words: frozenset[str]
    first: int  # index of the earliest question with these words
    first_outside_task: int | None  # … and of the earliest outside a task section

    def __init__(self, words: frozenset[str], first: int, first_outside_task: int | None) -> None:
        self.words = words
        self.first = first
        self.first_outside_task = first_outside_task


# A question about what is in front of them ("this page", "these options", "this decision") asks
# something new each time it follows another one
_ABOUT_WHAT_IS_SHOWN = re.compile(
    r"\b(?:this|these)\s+(?!is\b|was\b|are\b|were\b|will\b|would\b|can\b|could\b|has\b|have\b)[a-z][\w-]*"
    r"|\b(?:that|those)\s+(?:[\w-]+\s+)?(?:pages?|screens?|sites?|designs?|versions?|options?|concepts?|cards?|prototypes?"
    r"|steps?|forms?|letters?|emails?|messages?|layouts?|ideas?|sketch(?:es)?|mock-?ups?|wireframes?|tabs?|views?|images?"
    r"|screenshots?|pictures?|illustrations?|labels?|buttons?|links?|menus?|sections?)\b",
    re.IGNORECASE,
)


def _about_what_is_shown(text: str) -> bool:
    # the pattern needs "this", "these", "that" or "those": most questions hold none, and four
    # substring tests of the lower-cased text take half the search (IGNORECASE also folds
    # letters beyond ASCII, such as the long s, so other text is searched)
    if text.isascii():
        lower = text.lower()
        if "this" not in lower and "these" not in lower and "that" not in lower and "those" not in lower:
            return False
    return _ABOUT_WHAT_IS_SHOWN.search(text) is not None


@check("duplicate-question")
def duplicate_question(ctx: Context) -> None:
    threshold = float(ctx.option("duplicate-question", "similarity", 0.85))
    least = int(ctx.option("duplicate-question", "min-content-words", 2))
    owner = _owners(ctx.guide)
    in_task: dict[int, bool] = {}
    candidates: list[tuple[Question, frozenset[str], bool]] = []
    for question in ctx.guide.questions():
        if is_logistics(question) or _about_what_is_shown(question.text):
            continue  # "What do you notice first on this page?" asks about each page it follows
        words = content_words(question.text)
        if len(words) < least:
            continue
        here = owner[id(question)]
        # (a task's follow-ups in a part of their own beside it are asked after every task too;
        # once per section: setdefault would work it out again for every question)
        here_in_task = in_task.get(id(here))
        if here_in_task is None:
            here_in_task = in_task[id(here)] = here.in_task or roles.follows_a_task(here)
        candidates.append((question, words, here_in_task))
    # (counted in one pass in C: a loop over every word of every question was a sixth of the rule)
    frequency = Counter(chain.from_iterable(words for _, words, _ in candidates))

    wordings: dict[frozenset[str], _Wording] = {}
    by_word: dict[str, list[_Wording]] = {}  # prefix word -> wordings (see _prefix)
    pairs: list[tuple[Question, Question]] = []
    places: list[tuple[int, int]] = []  # (earlier, later) positions among the candidates
    for index, (question, words, here_in_task) in enumerate(candidates):
        prefix = _prefix(words, threshold, frequency)
        earliest: int | None = None
        compared: set[int] = set()
        for word in prefix:
            for wording in by_word.get(word, ()):
                if len(compared) >= MAX_COMPARISONS:
                    break
                if id(wording) in compared:
                    continue
                compared.add(id(wording))
                # per-task and per-screen questions repeat by design
                there = wording.first_outside_task if here_in_task else wording.first
                if there is None or (earliest is not None and there >= earliest):
                    continue
                if similarity(words, wording.words) >= threshold:
                    earliest = there
        if earliest is not None:
            pairs.append((candidates[earliest][0], question))
            places.append((earliest, index))
        wording = wordings.get(words)
        if wording is None:
            wording = wordings[words] = _Wording(words, index, None)
            for word in prefix:
                by_word.setdefault(word, []).append(wording)
        if wording.first_outside_task is None and not here_in_task:
            wording.first_outside_task = index
    # A set of questions asked again for each screen or page ("What do you notice first?",
    # "What is confusing?" under each page) repeats by design: a duplicate with another
    # duplicate beside it on both sides is a repeated run, not a slip.
    earlier_of = {later: earlier for earlier, later in places}
    in_run = {k for k, (a, b) in enumerate(places) if b - a >= 3 and any(
        earlier_of.get(b + step, a) != a and abs(earlier_of[b + step] - a) <= 3 for step in (-3, -2, -1, 1, 2, 3))}
    shared: dict[frozenset[int], int] = {}
    for earlier, later in pairs:
        key = frozenset((id(owner[id(earlier)]), id(owner[id(later)])))
        shared[key] = shared.get(key, 0) + 1
    runs: dict[int, dict[int, int]] = {}  # section -> its questions' runs, made when first asked
    runs_under: dict[int, list[list[Section]]] = {}  # a parent section -> its alternative runs, made when first asked
    for k, (earlier, later) in enumerate(pairs):
        if k in in_run:
            continue
        key = frozenset((id(owner[id(earlier)]), id(owner[id(later)])))
        if len(key) == 2 and (shared[key] >= 2 or roles.are_alternatives(owner[id(earlier)], owner[id(later)], runs_under)):
            # two sections that share several questions are parallel scripts (per audience or
            # prototype), as are two parts headed for different participants ("For Veterans")
            continue
        if len(key) == 1:
            section = owner[id(later)]
            run_of = runs.get(id(section))
            if run_of is None:
                run_of = runs[id(section)] = section.question_runs()
            if run_of.get(id(earlier)) != run_of.get(id(later)):
                continue  # asked again after a new screen or scenario in the same section: about what is shown now
        ctx.report(
            "duplicate-question", later.span,
            f"Asks the same as {ctx.guide.where(earlier.span)} ({_quote(earlier.text)}); keep one, or make this one ask "
            "something new.",
        )


def _owners(guide: Guide) -> dict[int, Section]:
    return {id(q): section for section in guide.iter_sections() for q in section.questions}


# ---- GL208 unfinished-text --------------------------------------------------------------------

# Text left for later in what is said or shown in the session: "[Add an icebreaker question]",
# "TODO", "PLACEHOLDER QUESTIONS". Not a slot filled in the session ("[Insert name]", "I'm ___"),
# and not "TBD" in the team's own notes (a date not yet set is normal in a plan).
_LEFT_TO_WRITE = re.compile(
    r"\b(?:TODO|TBD|TBC|FIXME|XXX|PLACEHOLDER(?:S)?)\b"
    r"|\[\s*(?:add|insert|write|fill\s+in|include|put|finish|draft)\s+(?:an?\s+|the\s+|more\s+|some\s+|any\s+|your\s+|our\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:questions?|probes?|tasks?|scenarios?|icebreakers?|warm[- ]?ups?|prompts?|content|copy|wording|section|"
    r"intro(?:duction)?|script|next\s+steps|clos(?:e|ing)|outro|wrap[- ]?up|language|text|details|explanation"
    r"|instructions)\b[^\]]{0,80}\]"
    # boilerplate still to paste in: "[Any standard language about taking part again?]"
    r"|\[[^\]]{0,40}\bstandard\s+(?:language|text|wording|copy|script|blurb)\b[^\]]{0,80}\]"
    # a list still to write in brackets: "For example (list). Where do you…?"
    r"|\((?:list|examples?|details|add\s+examples?|list\s+them)\)"
    r"|\blorem\s+ipsum\b",
    re.IGNORECASE)
_SHOUTED = ("TODO", "TBD", "TBC", "FIXME", "XXX", "PLACEHOLDER")


def _left_to_write(text: str) -> re.Match[str] | None:
    # What a finding needs (a marker counts in capitals only; a bracket; "lorem"), tested as
    # substrings first: the search costs 5-8 µs a line and nearly every line has none of them
    if not ("[" in text or "(" in text or "TODO" in text or "TBD" in text or "TBC" in text or "FIXME" in text or "XXX" in text
            or "PLACEHOLDER" in text or "lorem" in text.lower()):
        return None
    for found in _LEFT_TO_WRITE.finditer(text):
        word = found.group()
        # the markers count in capitals only: "the placeholder text in the field" is a topic
        if word.upper().rstrip("S") in _SHOUTED and word != word.upper():
            continue
        return found
    return None


@check("unfinished-text")
def unfinished_text(ctx: Context) -> None:
    for section in ctx.guide.iter_sections():
        if not section.participant_facing:
            continue
        places = [(section.heading.raw, section.heading.span)] if section.heading else []
        places += [(block.raw, block.span) for block in section.blocks if not (isinstance(block, Note) and block.kind == "comment")]
        for raw, span in places:
            found = _left_to_write(raw)
            if found is not None:
                ctx.report("unfinished-text", span,
                           f'"{found.group().strip()}" is text left to write; finish it before the session, or move '
                           "the reminder to the team's notes.", group=found.group().strip().lower())
