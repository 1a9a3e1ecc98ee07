"""Question wording (GL1xx): reads every participant question and probe through the
classifier in guidelint.questions, whose vocabulary is rules/lexicon.yaml."""

from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import Callable

from guidelint import questions
from guidelint.checks import check
from guidelint.checks.structure import content_words
from guidelint.context import Context
from guidelint.diagnostics import Diagnostic, Edit, Fix, Severity
from guidelint.model import ASKED_ROLES, Note, Probe, Question, Role, Section, Sentence, Span, Text
from guidelint.parser import roles
from guidelint.parser.inline import ATTRIBUTE_BLOCK, split_sentences
from guidelint.pattern_cache import LazyPattern
from guidelint.questions.findings import SentenceReport
from guidelint.questions.leading import examples_one_sided, side_of
from guidelint.questions.lexicon import load_lexicon
from guidelint.questions.text import SCALE_POINTS, addresses_them, names_a_rating_scale, normalise

WORDING_RULES = ("leading-question", "closed-question", "double-barreled-question", "stacked-questions",
                 "hypothetical-question", "long-question", "missing-question-mark")
_RULE_OF_KIND = {"closed": "closed-question", "leading": "leading-question",
                 "double": "double-barreled-question", "hypothetical": "hypothetical-question"}
_ALTERNATIVES = re.compile(r"\[[^\[\]]*\]|\((?:or|e\.g\.|i\.e\.|optional)[^()]*\)", re.IGNORECASE)
_WORD = re.compile(r"[\w'’-]+")
# Text that reads as a question but lacks its "?": a wh-word, or an auxiliary before "you".
_UNMARKED_QUESTION = re.compile(
    r"^(?:(?:what|how|why|when|where|who|which)\b(?!\s+(?:we|i)\b)"
    r"|(?:do|does|did|are|is|was|were|have|has|can|could|would|will)\s+(?:you|they|it|your)\b)",
    re.IGNORECASE,
)


@check(*WORDING_RULES, "wording-rules-skipped")
def wording(ctx: Context) -> None:
    if not ctx.english:
        if any(ctx.is_enabled(name) for name in WORDING_RULES):
            ctx.report("wording-rules-skipped", ctx.anchor,
                       f"Wording rules are English; they were skipped for this guide (language: {ctx.language}).")
        return
    max_words = int(ctx.option("long-question", "max-words", 30))
    expert = expert_audience(ctx)  # the guide's, not a question's: read once, not per question
    strict = bool(getattr(ctx, "strict", False))
    for section in ctx.guide.iter_sections():
        if not section.participant_facing and not roles.written_prompts(section):
            continue
        facts = _SectionFacts(section)
        # a diary's written prompts: only what leads is reported (a yes/no or two asks cost little
        # in writing, a leading prompt biases every entry)
        written = not section.participant_facing
        asked_here = _asked_in(section)
        parts: dict[int, int] | None = None
        for index, asked in enumerate(asked_here):
            if not isinstance(asked, Probe) and not written:
                _stacked(ctx, asked)
            reports = question_reports(asked)
            if _may_report(asked, reports, max_words):
                following = asked_here[index + 1] if index + 1 < len(asked_here) else None
                if following is not None and following.span.line > asked.span.end_line + 1:
                    # the next part's first question ("High-point entries:" … "Short entries:") is
                    # another path, not this yes/no's follow-up
                    if parts is None:
                        parts = roles.alternative_parts(section.blocks)
                    if (parts.get(id(asked), 0) and parts.get(id(following), 0) != parts.get(id(asked), 0)
                            and not _IF_YES.match(following.text)):
                        following = None
                _sentences(ctx, asked, max_words, facts.usability, partial(_nearby, asked_here, index, facts.runs), following,
                           expert, strict, only_leading=written, reports=reports, after=facts.text_after,
                           warm_up=facts.warm_up)
            if asked.notes and not written:
                _examples_after(ctx, asked)
        if not written:
            _pitched_first(ctx, section)
    _missing_question_marks(ctx)


# the branch that takes up the yes just asked: "Q6a. If yes: How did that go?"
_IF_YES = re.compile(r"^\W*(?:[A-Z]?\d{1,2}[a-z]?[.):]\s*)?if\s+(?:yes|so)\b", re.IGNORECASE)


def _asked_in(section: Section) -> list[Question]:
    """The section's questions and probes that are asked, in document order (most items have no
    probes: no walk made and drained for them)."""
    asked: list[Question] = []
    for block in section.blocks:
        if isinstance(block, Question):
            if not block.probes:
                if block.role in ASKED_ROLES:
                    asked.append(block)
                continue
            stack = [block]  # the order of Question.walk, without two generators per item
            while stack:
                question = stack.pop()
                if question.role in ASKED_ROLES:
                    asked.append(question)
                if question.probes:
                    stack.extend(reversed(question.probes))
    return asked


def _may_report(question: Question, reports: tuple[SentenceReport, ...], max_words: int) -> bool:
    """Whether _sentences can report anything of this item: a finding of the classifier, or a
    question long enough to count its words. Most items have neither, and are not read further
    (nor searched for a projective exercise, which only ever silences a finding)."""
    for report in reports:
        if report.findings:
            return True
    for sentence in question.sentences:
        if sentence.is_question and (len(sentence.text) + 1) // 2 > max_words:
            return True
    return False


# A projective exercise names itself, or casts a brand or a product as a person, a car, an animal…
# (and a pricing method's set wording), whose prompts are the method:
# "PROJECTIVE: If [BRAND] were a car, what kind would it be?", "Imagine Acme as a person at a party."
_PROJECTIVE = LazyPattern(
    r"\bprojective\b|\b(?:if|imagine)\s+(?:\[[^\]]{1,30}\]|the\s+brand|this\s+brand|the\s+(?:app|product|service|company)|it"
    r"|[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2})\s+(?:were|was|as|came\s+to\s+life\s+as)\s+(?:a|an)\s+"
    r"(?:person|car|animal|celebrity|city|country|house|colou?r|food|drink|film|movie|superhero|character|guest|teacher|friend)\b"
    r"|\b(?:met|meet)\s+at\s+a\s+party\b"
    # the price-sensitivity method's four questions (Van Westendorp): "At what price would you
    # consider it a bargain?", "…so expensive that you would not buy it?"
    r"|^\W*(?:\d+[.)]\s*)?(?:\w+:\s*)?at\s+what\s+(?:\w+\s+)?price\s+(?:would|does|do|is|might)\s+(?:you|it|this|that)\b",
    re.IGNORECASE)
# words each branch of _PROJECTIVE must hold ("colo" for colour and color): an ASCII item with
# none of them cannot match, and testing them is a sixth of the search (nearly every item has none)
_PROJECTIVE_NOUNS = ("person", "car", "animal", "celebrity", "city", "country", "house", "colo", "food", "drink", "film",
                     "movie", "superhero", "character", "guest", "teacher", "friend")


def _projective(raw: str) -> bool:
    # (text that is not ASCII is searched whole: IGNORECASE matches "ſ" and "K" (Kelvin) to ASCII letters)
    if raw.isascii():
        low = raw.lower()
        if "projective" not in low and "price" not in low and "party" not in low and (
                ("if" not in low and "imagine" not in low) or not any(noun in low for noun in _PROJECTIVE_NOUNS)):
            return False
    return _PROJECTIVE.search(raw) is not None


# "What is the benefit of saving a draft?" asked after a usability task, of nobody's own
# experience: it checks whether the screen got its point across, which is the task's question,
# not praise sought. "What did you like about…" names the participant and stays one-sided.
_KNOWLEDGE_ASK = re.compile(r"^\W*what\s+(?:is|are|was|were)\s+(?:the\s+)?(?:main\s+)?(?:benefits?|advantages?)\s+of\b",
                            re.IGNORECASE)


def _comprehension_check(text: str) -> bool:
    return _KNOWLEDGE_ASK.match(text) is not None and not addresses_them(text)


# How many questions either side may balance a one-sided ask ("What did you like?" then
# "What was hard?"): a short run of questions about one screen or topic.
_BALANCE_WINDOW = 4


# Asking for a reaction to what was just described: "What do you think of that?", "First reactions?"
_OPINION_ASK = re.compile(r"\W*(?:so,?\s+|and\s+)?(?:what|how)\b[^?]{0,40}\b(?:think|reactions?|opinion|feel|make\s+of|impressions?|thoughts)\b",
                          re.IGNORECASE)




_SHOWN_CARD = re.compile(r"^\W*(?:show|hand\s+out|display|reveal|put\s+up)\b[^:.]{0,30}\b"
                         r"(?:card|board|stimulus|slide|mock-?ups?)\b"
                         r"|^\W*(?:(?:show|price|concept|stimulus)\s+card|stimulus|concept\s+board)\b[^:\n]{0,12}:",
                         re.IGNORECASE | re.MULTILINE)
_BOARD_LINE = re.compile(r"^[ \t]*>[ \t]*(?:[-*•+][ \t]|\*\*[^*\n]+\*\*)", re.MULTILINE)


def _pitched_first(ctx: Context, section: Section) -> None:
    """A concept read out just before a question asking for a reaction, in a paragraph of its
    own, said with the team's enthusiasm or a claim ("Our advisers are very excited about it.",
    "People who use it save £300 a year."): the item's own lead-in test, across the two blocks."""
    blocks = section.blocks
    for prev, block in zip(blocks, blocks[1:]):
        if not isinstance(block, Question) or not isinstance(prev, (Text, Note)) or block.role not in ASKED_ROLES:
            continue
        if SCALE_POINTS.match(prev.text):
            continue  # a rating scale's points ("0 Not at all likely · … · 10 Extremely likely") describe nothing
        if isinstance(prev, Note) and prev.kind == "blockquote" and len(_BOARD_LINE.findall(prev.raw)) >= 2:
            continue  # a concept board's points ("> - 7 in 10 had clearer skin"): the stimulus tested, shown as it is
        if _SHOWN_CARD.search(prev.raw):
            continue  # "SHOW PRICE CARD: £4.49 per serving": the stimulus tested, shown as it is
        first = next((s for s in block.sentences if s.is_question and s.role in ASKED_ROLES), None)
        if first is None or not _OPINION_ASK.match(first.text):
            continue
        if any(f.kind == "leading" for r in questions.analyse_item((first.text,)) for f in r.findings):
            continue  # reported on its own words already
        said = [prev.text[a:b] for a, b in split_sentences(prev.text)][-4:]
        lead = next((f for f in questions.analyse_question([*said, first.text])[-1].findings if f.kind == "leading"), None)
        if lead is not None:
            ctx.report("leading-question", first.span,
                       _sentence_case(f"{lead.reason}, in the description just before it; describe it plainly, "
                                      "then ask what they make of it."))


def _examples_after(ctx: Context, question: Question) -> None:
    """Examples in brackets after an open question, all on one side: "What made you switch?
    (too expensive, too slow, poor support)" offers the answers it hopes for."""
    asked = [s for s in question.sentences if s.is_question and s.role in ASKED_ROLES]
    if not asked:
        return
    stem = normalise(asked[-1].text)
    for note in question.notes:
        if (note.kind == "stage" and note.span.start >= asked[-1].span.end and "," in note.text
                and examples_one_sided(stem, normalise(note.text), load_lexicon())):
            ctx.report("leading-question", note.span,
                       f'The examples offered ("{note.text.strip()}") are all on one side; offer examples from both sides, or none.',
                       group=_same_words(note.text))


# A likelihood rated on a scale or show card is the concept test's measure, not a slip of wording
_RATED_INTENT = LazyPattern(r"^\W*(?:[A-Z]?\d+[a-z]?[.):]\s*)?(?:(?:show\s*card|card)\s+\w+[.:]\s*)?how\s+likely\b",
                            re.IGNORECASE)
# (with a show card, however the question opens: "Assuming it were available, how likely…?" over "SHOW CARD C: 1 = …")
_HOW_LIKELY = re.compile(r"\bhow\s+likely\b", re.IGNORECASE)
_SHOW_CARD = re.compile(r"\bshow\s*(?:card|scale)\b", re.IGNORECASE)


def _points_below(raw: str) -> bool:
    """A scale's points on a line under the question: "1 Definitely would  2 Probably would  3 …"."""
    return any(SCALE_POINTS.match(line) for line in raw.splitlines()[1:])


def _balanced_nearby(polarity: int, question: Question, sentence: Sentence, nearby: list[tuple[Question, int]]) -> bool:
    # questions only: praise or a pitch said near it ("Great, you're doing well.") asks nothing
    others = [(s.text, distance) for q, distance in nearby for s in q.sentences if s.is_question] + [
        (s.text, 0) for s in question.sentences if s is not sentence and s.is_question]
    own = None
    for text, distance in others:
        good, bad = side_of(text)
        if good and bad:
            continue  # a question fair in itself ("how easy or difficult was it?") pairs with no other
        if not ((polarity > 0 and bad) or (polarity < 0 and good)):
            continue
        if distance <= 1:
            return True  # the next or the last question: the pair a reader sees
        # further away, only the other side of the same thing: "…the diary screen?" is not
        # balanced by "…the 30-minute slots too short?" three questions on
        if own is None:
            own = _topic_words(sentence.text)
        theirs = _topic_words(text)
        if not own.isdisjoint(theirs):
            return True
        if not theirs and not _OURS.search(sentence.text):
            # "What did you find difficult?" is about whatever was asked before it (not praise sought
            # for our own team or product, "What did you love most about working with our team?",
            # which a hard part of the project two questions back does not balance)
            return True
    return False


# a scale point and its label: "1 Very dissatisfied", "5 = very easy", "(10) extremely likely"
_SCALE_POINT = re.compile(r"\(?\b(\d{1,2})\b\)?\s*(?:=|-|–|:|\.|\))?\s*\(?([A-Za-z][A-Za-z' -]{1,30})")
# the bad end of a scale: "not at all useful", "very difficult", "dissatisfied", "strongly disagree"
_BAD_END = re.compile(r"\b(?:not|never|none|poor|bad|terrible|awful|difficult|hard|unlikely|useless|disagree|worst|low"
                      r"|confusing|frustrating|negative|(?:dis|un)[a-z]{4,})\b", re.IGNORECASE)


def _rated_on_both_ends(question: Question, sentence: Sentence, after: Callable[[Question], str]) -> bool:
    """The one-sided question is answered on a scale whose labels name both ends, given right
    after it: in the item ("1 Very dissatisfied · 2 · 3 · 4 · 5 Very satisfied"), as its options,
    or as the next line. The scale, not the question's word, sets the answers."""
    later = question.sentences[question.sentences.index(sentence) + 1:]
    texts = []
    for other in later:
        if other.is_question:
            break
        texts.append(other.text)
    texts += [o.text for o in question.options] + [n.text for n in question.notes if n.kind == "stage"]
    if not later and not question.options and not question.probes:
        texts.append(after(question))
    for text in texts:
        points = _SCALE_POINT.findall(text)
        if len(points) < 2:
            continue
        ends = [label for _, label in points]
        bad = [bool(_BAD_END.search(label)) for label in ends]
        if any(bad) and not all(bad):
            return True
    if question.options and len(question.options) >= 2:
        labels = [o.text for o in question.options]
        bad = [bool(_BAD_END.search(label)) for label in labels]
        if _SCALE_POINT.match(labels[0]) and any(bad) and not all(bad):
            return True
    return False


_WARM_UP_TITLE = re.compile(r"\bwarm[- ]?up|\bice[- ]?breakers?\b|\bintroductions\b|\bgetting\s+to\s+know\b", re.IGNORECASE)
# a step down a price ladder: "At [price], would you sign up for the club?", "At £69 a month, would you join?"
_PRICE_LADDER = re.compile(r"^\W*(?:(?:mod|moderator|ask|say)\s*:\s*)?(?:and\s+)?at\s+"
                           r"(?:\[[^\]]{1,20}\]|[£$€]\s?\d[\d.,]*|\d[\d.,]*\s*(?:pounds|dollars|euros))"
                           r"(?:\s+(?:a|per)\s+\w+)?\s*,?\s*would\s+you\b", re.IGNORECASE)


# the team's own side named in the question: "our team", "working with us"
# (not "Could you tell us…": the group asked to speak, no thing of ours named)
_OURS = re.compile(r"\bour\b|(?<!\btell\s)(?<!\bshow\s)(?<!\bgive\s)(?<!\bremind\s)\bus\b", re.IGNORECASE)


# Words that say how a thing was judged or what was done with it, not what it was
_NOT_TOPICS = ("find found feel felt think thought use used get got make made go went do did say said work worked "
               "change improve better worse too most least best worst part thing anything something everything")


@lru_cache(maxsize=1)
def _not_topic_stems() -> frozenset[str]:
    lex = load_lexicon()
    return content_words(" ".join([_NOT_TOPICS, *lex.positive_side_words, *lex.negative_side_words]))


def _topic_words(text: str) -> frozenset[str]:
    return content_words(text) - _not_topic_stems()


class _SectionFacts:
    """What the findings in a section may need to know of it, worked out when one first asks:
    most sections' questions have no finding that reads them."""

    __slots__ = ("section", "_usability", "_runs", "_after")

    def __init__(self, section: Section) -> None:
        self.section = section
        self._usability: bool | None = None
        self._runs: dict[int, int] | None = None
        self._after: dict[int, str] | None = None


    def usability(self) -> bool:
        """A usability task, or a walk through a screen."""
        if self._usability is None:
            self._usability = bool(self.section.in_task or roles.shows_a_screen(self.section))
        return self._usability

    def text_after(self, question: Question) -> str:
        """The plain text right after an item (a scale's points on a line of their own), or ""."""
        if self._after is None:
            blocks = self.section.blocks
            self._after = {id(b): n.text for b, n in zip(blocks, blocks[1:]) if isinstance(n, Text)}
        return self._after.get(id(question), "")

    def warm_up(self) -> bool:
        """The part is the warm-up, where what they like about their own things breaks the ice."""
        return _WARM_UP_TITLE.search(self.section.title) is not None

    def runs(self) -> dict[int, int]:
        """Which run each question is in: another screen's questions do not balance these."""
        if self._runs is None:
            self._runs = self.section.question_runs()
        return self._runs


_STORY_PROMPT = re.compile(r"^\W*(?:please\s+)?(?:tell\s+(?:me|us)|describe|walk\s+(?:me|us)|talk\s+(?:me|us))\b",
                           re.IGNORECASE)
# why the one they picked is better, asked of their own pick just before
_WHY_THEIR_PICK = LazyPattern(r"^\W*(?:probe\s*:\s*)?(?:and\s+|so\s+)?what\s+makes\s+"
                              r"(?:it|that|them|this\s+one|that\s+one|those)\s+"
                              r"(?:(?:feel|seem|sound|look)\s+)?(?:better|best|easier|different|stand\s+out)\b", re.IGNORECASE)
_THEIR_PICK = re.compile(r"\b(?:which|what)\b[^?]{0,60}\b(?:best|most|favou?rite|stands?\s+out)\b", re.IGNORECASE)


def _nearby(asked_here: list[Question], index: int, runs: Callable[[], dict[int, int]]) -> list[tuple[Question, int]]:
    """The questions either side of ``asked_here[index]`` in its run, each with how many questions
    away it is, which may balance a one-sided ask."""
    run_of = runs()
    run = run_of.get(id(asked_here[index]))
    low = max(0, index - _BALANCE_WINDOW)
    return [(asked_here[k], abs(k - index)) for k in range(low, min(len(asked_here), index + 1 + _BALANCE_WINDOW))
            if k != index and run_of.get(id(asked_here[k])) == run]


def _sentences(ctx: Context, question: Question, max_words: int, usability: Callable[[], bool],
               nearby: Callable[[], list[tuple[Question, int]]],
               following: Question | None = None, expert: bool | None = None, strict: bool | None = None,
               only_leading: bool = False, reports: tuple[SentenceReport, ...] | None = None,
               after: Callable[[Question], str] | None = None, warm_up: Callable[[], bool] | None = None) -> None:
    # ``nearby`` and ``opened_up`` are worked out only for a finding that reads them: most
    # questions have none, and working both out for every question was a third of the rule
    if strict is None:
        strict = bool(getattr(ctx, "strict", False))
    if expert is None:
        expert = expert_audience(ctx)
    if _projective(question.raw):
        return  # a projective exercise ("If the brand were a person…"): its prompts are the method
    if reports is None:
        reports = question_reports(question)
    opened_up = None
    # one finding of a rule per line of an item: "Did you…? Did it…?" is one problem to fix (a
    # sentence on a line of its own, "→ If yes: …", is still reported where it stands)
    said: dict[str, Diagnostic] = {}
    # "Tell me about the reminders you get." before "What do they say, and when…?" on its line (a
    # question on a line of its own after it is a new question, as a reader sees it)
    story_line = -1
    for sentence, report in zip(question.sentences, reports):
        if sentence.role not in ASKED_ROLES:
            continue  # a task instruction or a consent check inside the item
        cues = story_line == sentence.span.line
        if _STORY_PROMPT.match(sentence.text) is not None:
            story_line = sentence.span.end_line
        for finding in report.findings:
            name = _RULE_OF_KIND.get(finding.kind)
            if name is None or (only_leading and finding.kind != "leading"):
                continue
            if finding.kind == "closed" and not finding.mild:
                if opened_up is None:
                    # a yes/no that an open question follows at once (its first probe, or the next question:
                    # "Have you used the locator?" / "Tell me about a time you used it.") is a gate to it
                    # (a yes/no that judges is opened up only by a question that takes it up)
                    opened_up = (_first_probe_is_open(question)
                                 or (following is not None and _asks_openly(following)
                                     and (not finding.judgement or _follows_up(question, following))))
                if opened_up:
                    if not strict:
                        continue  # mild, which only strict mode reports (below): no copy made to say so
                    finding = finding._replace(mild=True)
            if (finding.strict or finding.mild or (cues and finding.kind == "double")) and not strict:
                # right only most of the time: strict mode reports it (after a story asked for, two
                # asks say what the story might hold, as after "Tell us about your last trip -")
                continue
            if finding.kind == "closed" and expert and not finding.judgement:
                continue  # a plain fact is a fair thing to ask an expert
            if finding.kind == "hypothetical" and finding.scenario and usability():
                continue  # in a usability task or a walk through a screen the scenario is the method
            if (finding.kind == "hypothetical" and not strict
                    and ((_RATED_INTENT.search(sentence.text)
                          and (names_a_rating_scale(question.raw) or _points_below(question.raw)))
                         or (_HOW_LIKELY.search(sentence.text) and _SHOW_CARD.search(question.raw)))):
                continue  # "SHOW CARD C. How likely…": a purchase-intent measure the study chose; strict reports it
            if finding.polarity and _balanced_nearby(finding.polarity, question, sentence, nearby()):
                continue  # the other side is asked a question or two away
            if finding.polarity and after is not None and _rated_on_both_ends(question, sentence, after):
                continue  # "How satisfied…?" over "1 Very dissatisfied · … · 5 Very satisfied": the scale is fair
            if finding.polarity > 0 and warm_up is not None and warm_up() and not _OURS.search(sentence.text):
                continue  # "Your gamer tag and the game you've played most… What do you like about that game?"
            if finding.kind == "hypothetical" and not strict and _PRICE_LADDER.match(sentence.text):
                continue  # "At [price], would you sign up?" down a price ladder: the method's own step; strict reports it
            if (finding.kind == "leading" and _WHY_THEIR_PICK.match(sentence.text)
                    and (any(d <= 1 and _THEIR_PICK.search(q.text) for q, d in nearby())
                         or any(_THEIR_PICK.search(o.text) for o in question.sentences if o is not sentence))):
                continue  # "Which has the best docs, in your view?" then "What makes it better?": why their own pick
            if finding.polarity > 0 and usability() and _comprehension_check(sentence.text):
                continue  # after a task, "what is the benefit of X?" tests what the screen told them
            if name in said and said[name].span.line == sentence.span.line:
                first = said[name]
                reason, sep, advice = first.message.partition("; ")
                first.message = f'{reason}, as does "{_short(sentence.text, 40)}" after it{sep}{advice}'
                continue
            # "<what this sentence does>; <what to do>", from the finding and the rule's message
            # with a rewrite to show, the rule's own advice; without, the detector's hint
            general = ctx.rule(name).message.split(";", 1)[-1]
            advice = (general if finding.suggestion or not finding.advice else finding.advice).strip().rstrip(".")
            message = f"{finding.reason}; {advice}."
            severity = None
            if finding.mild:  # (strict mode only)
                severity = Severity.INFO
                reason, _, why_mild = finding.reason.partition("; ")
                if "narrows" in why_mild:
                    message = f"{reason} and narrows the open question before it; keep the open one, or nest this as a probe."
                else:
                    message = f"{reason}, though the open follow-up helps; asking that open question on its own is shorter."
            reported = ctx.report(name, _span_in(ctx, sentence, finding.start, finding.end), _sentence_case(message),
                                  suggestion=finding.suggestion, severity=severity,
                                  group=f"{_same_words(sentence.text)}@{_same_words(sentence.text[finding.start:finding.end])}",
                                  question=sentence.span)
            if reported is not None:
                said[name] = reported
        # words are runs apart, so a text of n characters holds at most (n + 1) // 2: most
        # questions are too short to count (a search of 1.5 µs each)
        if sentence.is_question and (len(sentence.text) + 1) // 2 > max_words:
            # alternatives the interviewer picks from ("[or in your program]") are not said
            text = sentence.text
            words = len(_WORD.findall(_ALTERNATIVES.sub(" ", text) if "[" in text or "(" in text else text))
            if words > max_words:
                ctx.report("long-question", sentence.span,
                           f"Question is {words} words long; keep it under {max_words} so it can be asked in one breath.",
                           group=_same_words(sentence.text))


# Who the guide says it interviews: staff, experts and stakeholders are asked facts.
_EXPERT_WORDS = re.compile(
    r"\b(?:SMEs?|subject[- ]matter\s+experts?|experts?|stakeholders?|staff|employees?|sponsors?|coordinators?"
    r"|representatives|VSOs?|practitioners|clinicians|administrators|admins)\b",
    re.IGNORECASE,
)


def expert_audience(ctx: Context) -> bool:
    """The guide interviews experts or staff: its profile says so, or its title or participant does."""
    if ctx.profile is not None and ctx.profile.name == "expert-interview":
        return True
    meta = ctx.guide.meta
    said = " ".join(str(meta.get(k, "")) for k in ("participant", "participants", "title")) + " " + ctx.guide.title
    return bool(_EXPERT_WORDS.search(said))


def _first_probe_is_open(question: Question) -> bool:
    """A nested or parenthetical follow-up that asks openly ("If so, which ones?")."""
    return bool(question.probes) and _asks_openly(question.probes[0])


# words a follow-up uses to point back at the yes/no before it ("How did that go?", "Why?")
_POINTS_BACK = re.compile(r"\b(?:that|it|this|those|them|why|so|then|there|ones?)\b", re.IGNORECASE)


_POINTING_WORDS = 5


def _follows_up(closed: Question, following: Question) -> bool:
    """The open question after a yes/no that judges something takes it up: it points back at it
    or shares a content word ("Was the checklist helpful?" / "What did you use it for?"), not a
    new topic ("Was the app too complicated?" / "What did you think of our support team?")."""
    # (near its start, where a follow-up points: "How did that go?", "Why?"; an "it" late in a
    # new question, "…and why did you pick it?", points at its own topic)
    said = following.text
    lead = _IF_YES.match(said)
    if lead is not None:
        said = said[lead.end():].lstrip(" :,-–—")  # "Q6a. If yes: How did that go?": the branch's own words
    if _POINTS_BACK.search(" ".join(said.split()[:_POINTING_WORDS])):
        return True
    return not content_words(closed.text).isdisjoint(content_words(following.text))


def _asks_openly(question: Question) -> bool:
    # each sentence's own (cached) reading: analyse_question over the item adds only leading
    # findings from the sentences around one and marks closed ones mild, so the closed findings
    # are the readings' own
    return not any(f.kind == "closed" for s in question.sentences for f in questions.analyse_sentence(s.text).findings)


def question_reports(question: Question) -> tuple[SentenceReport, ...]:
    """``questions.analyse_question`` of a question's sentences, remembered for each wording
    (``questions.analyse_item``): a guide asks many of its questions again (after each task,
    for each screen), about half the calls."""
    return questions.analyse_item(tuple([s.text for s in question.sentences]))


def _stacked(ctx: Context, question: Question) -> None:
    if len(question.sentences) < 2:
        return  # (most items: one sentence, no list to make)
    asked = [s for s in question.sentences if s.is_question and s.role in ASKED_ROLES]
    if len(asked) < 2:
        return
    first, rest = asked[0], asked[1:]
    span = ctx.guide.lines.span(rest[0].span.start, rest[-1].span.end)
    ctx.report("stacked-questions", span,
               f'{len(asked)} questions in one item; keep "{_short(first.text)}" and nest the others below it as probes.')




# "What you say feeds what we build next quarter": a clause about their answers, then its verb
_TOLD_NOT_ASKED = LazyPattern(r"^\W*what\s+(?:you|we|they)\s+(?:say|said|tell\s+(?:us|me)|told\s+(?:us|me)|share|shared)\s+"
                              r"(?:feeds|goes|helps|shapes|stays|will|is|gets|informs|becomes)\b", re.IGNORECASE)


_NOT_SAID = frozenset({Role.MATERIAL, Role.OBSERVER, Role.DEBRIEF, Role.OPTIONS})


def _missing_question_marks(ctx: Context) -> None:
    for section in ctx.guide.iter_sections():
        if not section.participant_facing or section.is_task:
            continue
        for block in section.blocks:
            if not isinstance(block, Text) or block.kind not in ("list_item", "paragraph") or block.role in _NOT_SAID:
                continue  # (a "don't ask" list's "would you pay for …" is not a question they forgot to mark)
            text = block.text.strip()
            words = len(_WORD.findall(text))
            if not (3 <= words <= 40) or text[-1:] in ".!?:;)]" or ":" in text or not _UNMARKED_QUESTION.match(text):
                continue
            if not addresses_them(text):
                continue  # "How caregivers find information": a topic for the team, not a question to say
            if _TOLD_NOT_ASKED.match(text) or ". " in text:
                continue  # "what you say feeds what we build. goes in team notes…": said to them, not asked
            # the "?" ends the sentence: after closing emphasis (not "**bold?**"), before a
            # trailing {objective=…} and before a hard line break's backslash (not "\\?", an
            # escaped "?" that loses the break)
            raw = block.raw.rstrip(" \t")
            if (len(raw) - len(raw.rstrip("\\"))) % 2:
                raw = raw[:-1].rstrip(" \t")
            attributes = ATTRIBUTE_BLOCK.search(raw)
            if attributes:
                raw = raw[: attributes.start()].rstrip(" \t")
            end = block.span.start + len(raw)
            ctx.report("missing-question-mark", block.span,
                       f'"{_short(text)}" reads as a question but has no "?"; add one.',
                       fix=Fix("add the missing '?'", (Edit(end, end, "?"),)), group=_same_words(text))


def _span_in(ctx: Context, sentence: Sentence, start: int, end: int) -> Span:
    """The source span of sentence.text[start:end]; the whole sentence when markup intervenes."""
    if sentence.raw == sentence.text:
        return ctx.guide.lines.span(sentence.span.start + start, sentence.span.start + end)
    fragment = sentence.text[start:end]
    index = sentence.raw.find(fragment) if fragment else -1
    if index >= 0:
        return ctx.guide.lines.span(sentence.span.start + index, sentence.span.start + index + len(fragment))
    return sentence.span


@lru_cache(maxsize=4096)  # each finding asks twice, and copies of a question are asked again
def _same_words(text: str) -> str:
    """Copies of one question, whatever their case, spacing and punctuation, are one finding."""
    return " ".join(_WORD.findall(text.casefold()))


def _short(text: str, limit: int = 50) -> str:
    text = text.strip(' "“”')  # the message quotes it: a quote mark of the guide's own would double
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
