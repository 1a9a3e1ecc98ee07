"""Leading questions: wording that tells the participant which answer is wanted."""

from __future__ import annotations

import re
from itertools import dropwhile

from guidelint.pattern_cache import LazyPattern
from guidelint.questions.findings import Finding
from guidelint.questions.lexicon import Lexicon
from guidelint.questions.reading import Opening, Parsed
from guidelint.questions.text import BAD_SIDE_PHRASES, SCALE_POINTS, is_word, positive_aux, quote, trim_span


# the participant's own score, said before the figure: "You gave that episode a 2 out of 5"
_THEIR_RATING = re.compile(r"\byou(?:'ve|\s+have)?\s+(?:gave|given|rated|scored|marked|put)\b")


def social_proof(s: Parsed, lex: Lexicon) -> tuple[int, int] | None:
    """What others think, asserted (not asked: "What do most customers say?")."""
    norm = s.norm
    if _ASKS_WHAT_OTHERS.match(norm):
        return None  # "What do colleagues in other departments say about it?" asks, asserts nothing
    # (the test for "some" first: the pattern cannot match without it, and its scan read every sentence)
    if "some" in norm and _SOME_AND_OTHERS.search(norm):
        return None  # "Some customers rely on it and others never use it.": both sides, no side taken
    for i, m in lex.social_proof.finditer(s):
        before = norm[max(0, m.start() - 30) : m.start()].split()
        if norm[m.start() : m.end()].split(maxsplit=1)[0] in _DONE_FOR_OTHERS:
            # "The rota has helped many nurses…" asserts it; "Which of the tips helped most farmers…?" asks
            if norm.split(maxsplit=1)[0] in lex.social_proof_cancel:
                continue
            return m.start(), m.end()
        if before and before[-1] in lex.social_proof_cancel:
            continue
        if len(before) >= 2 and before[-2] in lex.social_proof_cancel and before[-1] in ("you", "your"):
            continue
        if len(before) >= 3 and before[-1] == "of" and any(w in ("what", "how", "which") for w in before[-4:-1]):
            continue  # "What share of your customers pay on invoice?", "How many of your staff say…?": asks how many
        if _THEIR_RATING.search(norm, 0, m.start()):
            continue  # "You gave that visit 2 out of 5.": their own score read back, no one else's
        head = norm[m.start() : m.end()].split()
        if head and head[0] in lex.social_proof_cancel:
            continue
        if len(head) >= 2 and head[1] in lex.social_proof_cancel and head[0] in lex.markers:
            continue  # "So do developers say…?" asks; "Teachers have embraced it." asserts
        if lex.social_proof.gate_only[i] and len(head) >= 2 and head[-2] in lex.social_proof_non_subjects:
            continue  # the bare-plural frame: "This says…", "It does…" are not people
        return m.start(), m.end()
    return None


_COURTESY = re.compile(r"\b(?:excited|thrilled|delighted|pleased|happy|glad|keen|looking\s+forward)\s+(?:to\s+)?(?:hear|talk|speak|chat|meet"
                       r"|have\s+you|learn\s+from\s+you|welcome|see\s+you|hearing|talking|speaking|chatting|meeting)\b")
_SOME_AND_OTHERS = re.compile(r"\bsome\b[^.?!]*?\bothers\b")
# (after the label a script puts before what is said: "Say: Thank you, that's really useful.")
_THANKS = re.compile(r"\W*(?:(?:say|mod|moderator|interviewer|facilitator)\s*:\s*)?"
                     r"(?:(?:thanks|thank\s+you|cheers)\b|that(?:'s|\s+is|\s+was|\s+has\s+been)\s+"
                     r"(?:really\s+|very\s+|so\s+|super\s+)?(?:helpful|useful|interesting|great|fascinating|clear|valuable"
                     r"|brilliant"
                     r"|lovely|fantastic|wonderful|amazing|perfect|excellent|super)\b)")
_ASKS_WHAT_OTHERS = re.compile(r"\W*(?:what|how|why|which)\s+(?:do|does|did|would|have|has)\s+(?!you\b)")

_YOU = ("you", "your", "you're", "you've", "you'd", "you'll")


def offered_guess(s: Parsed, first: int, lex: Lexicon) -> bool:
    """The interviewer's guess said to the participant for them to confirm: "I imagine you
    were relieved when it went live.", "So it's fair to say the rollout was painless." It is
    asked, though it has no question mark."""
    if first >= len(s.words):
        return False
    hit = lex.assumptive.search(s)
    if hit is None:
        return False
    if lex.asks_agreement_re.search(s.norm):
        return True
    return hit[1].start() <= s.starts[first] and any(w in s.wordset for w in _YOU)


# a story prompt that says which memory to bring (critical incidents, good and bad)
_A_MEMORY_CHOSEN = re.compile(r"^\W*(?:(?:mod|moderator|ask|say)\s*:\s*)?(?:(?:now|and|so|ok|okay|next)\s*,?\s+)?"
                              r"(?:think\s+(?:back\s+)?(?:to|of|about|on)|remember|recall|pick|picture)\s+"
                              r"(?:a|an|one|the\s+last)\b")
# A direction to the interviewer before the question: "If yes – ask about them…", "Probe: …"
_A_DIRECTION_TO_US = re.compile(r"^\W*(?:if\s+(?:yes|no|so|not)\b|(?:ask|probe|note|check|listen)\b(?!\s+(?:me|us)\b))")
# What a pattern anchored at a clause's start may take before its first word
_OPENING_MARKS = frozenset(" \t-–—\"'“‘(*_;:,")


def _first_word(text: str, start: int, end: int) -> int:
    """Where a match's words begin, past the dash or quote mark it took in front of them."""
    while start < end and text[start] in _OPENING_MARKS:
        start += 1
    return start


def statement_lead_in(s: Parsed, core_q: str, first: int, lex: Lexicon) -> Finding | None:
    """What a statement before a question presumes ("Of course you'll want it in your
    calendar."), told to the question it leads into. Thanks and praise for the participant
    ("That's really helpful.") are not lead-ins: only presumptions, and evaluations of the
    team's own product."""
    if _COURTESY.search(s.norm):
        return None  # "We're excited to hear about your work.": glad to meet them, not about the answer
    if _A_DIRECTION_TO_US.match(s.norm):
        return None  # "(If yes – ask about them, people love talking about their pets.)": said to us, not to them
    if SCALE_POINTS.match(s.text):
        return None  # "1 Very poor · 2 Poor · 3 OK · 4 Good · 5 Excellent": the scale's labels, said by no one
    if _A_MEMORY_CHOSEN.match(s.norm) and lex.premises.search(s) is None and _OURS.search(s.norm) is None:
        return None  # "Think back to a shift that went really well.": which memory to fetch, not the answer
    premise = lex.premises.search(s)
    if premise is not None:
        i, m = premise
        start = _first_word(s.text, m.start(), m.end())  # "… - we're worried that": not the dash before it
        return Finding("leading", start, m.end(), f'puts "{quote(s.text, start, m.end())}" to them before the question',
                       lex.premises.extra[i] or "ask neutrally")
    if _THANKS.match(s.norm):
        return None  # "Thanks, that's really helpful.": about their answer, not about what comes next
    if "some" in s.norm and _SOME_AND_OTHERS.search(s.norm):
        return None  # "Some teams love it, others hate it.": both sides said, none taken
    found = _lexical(s, core_q, None, None, first, lex)
    if found is None:
        claim = lex.claims.search(s.norm)
        if claim is not None:
            found = Finding("leading", claim.start(), claim.end(), "states the benefit before asking about it",
                            "ask what changed, if anything, before naming a benefit")
    return found


def leading_finding(
    s: Parsed,
    core_q: str,
    op: Opening | None,
    tag: re.Match[str] | None,
    first: int,
    lex: Lexicon,
) -> Finding | None:
    """What in the sentence tells them the answer you expect, if anything. A one-sided ask
    ("What did you like about…?") carries its side (``polarity``), so that a question on the
    other side nearby can balance it."""
    found = _lexical(s, core_q, op, tag, first, lex)
    norm = s.norm
    opening = norm[s.starts[first]:] if first < len(s.starts) else ""
    # "What worked well and what didn't?" and "What frustrates you, if anything?" ask both ways
    side = 0 if (_both_sides(norm, lex, s.wordset) or lex.neutralisers.search(s) is not None
                 or lex.scale.search(s) is not None) else _one_sided(opening, lex)
    if side and found is None and _ABOUT_THEIR_DOING.search(opening) and lex.product_ref_re.search(norm) is None:
        side = 0  # their own work, as discovery asks: "What do you enjoy most about running the shop?"
    if found is not None and found.polarity == 0:
        liked = _LIKE_ABOUT_ASK.match(norm, found.start)
        if (liked is not None and liked["aux"] == "did" and _THEIR_OLD_WAY.search(opening)
                and lex.product_ref_re.search(norm) is None and _OURS.search(norm) is None):
            # "What did you like about the way you were doing it back then?": their own way, as a switch
            # interview asks it, praises nothing of ours
            return None
        if found.reason.endswith("signals how you feel about it") and lex.wish_re.search(norm):
            return None  # "If the new portal did one thing really well, what should it be?": a wish
        if _SUPERLATIVE.search(norm, found.start, found.end) and (
                lex.wish_re.search(norm) or _PICK_FROM_THOSE.match(norm)
                or (_PICK_OF_KINDS.match(norm) and not _OURS.search(norm))):
            # "If you could change one thing, what would make the biggest difference?", "Which of
            # those made the biggest difference to you?": which one, not whether any
            return None
        if _THE_OTHER_EXAMPLE.match(norm) and found.reason.endswith("signals how you feel about it"):
            return None  # "(Tell me about an offer that felt spot on.) And one that completely missed the mark?"
        if _BOTH_DIRECTIONS.search(norm):
            return None  # "Which part did the tablet make easier, and which part did it make harder?"
        if _overlaps(found.start, found.end, lex.improvement_re, norm) or _overlaps(found.start, found.end, lex.scale_anchor_re, norm):
            return None  # "What would make it more useful?", "5 being the most useful"
        if _RANKS_THEIR_OWN.search(norm) and not _OURS.search(norm) and _RANKED.match(norm, found.start):
            return None  # "Which sources have you found most useful?" ranks their own, praises nothing of ours
        if _an_end_of_the_scale(norm[found.start:found.end], norm, lex):
            return None  # "Where 1 means not at all useful and 7 extremely useful, how useful…?"
        if (found.reason.startswith("the evaluative word") and _side(norm[found.start:found.end].strip(), lex) < 0
                and _THE_WORST_PART.search(norm) and not _OURS.search(norm) and not lex.product_ref_re.search(norm)):
            # "What's the most annoying part of getting paid?": the worst of their own work, ranked. Blind
            # readers called it discovery, not leading (sets k and br); writers' keys split three to three:
            # strict only
            return found._replace(strict=True)
        if side == 0 and _both_sides(norm, lex, s.wordset) and (
                found.reason.startswith("the evaluative word")
                or (not lex.positive_side_words.isdisjoint(norm[found.start:found.end].split())
                    and (_THE_OTHER_ASK.search(norm) is not None
                         or _THE_OTHER_END.match(norm, found.end) is not None))):
            # "stuck, annoyed, or especially satisfied?", "What do you like…, and what drives you mad?",
            # "What did you like least, and what did you like most?"
            return None
    if side:
        start = s.starts[first]
        end = min(len(s.text.rstrip(" ?!.")), start + len(opening.rstrip(" ?!.")))
        if found is not None and _HOW_MUCH_DID_YOU.match(norm, found.start):
            return found  # "How much did you enjoy…?" takes a degree for granted, whatever is asked nearby
        if found is not None and start <= found.start <= end:
            return found._replace(polarity=side)  # its own words, now balanceable
        if found is None:
            what = "the good side" if side > 0 else "the bad side"
            return Finding(
                "leading", start, end,
                f"asks only about {what}, which tells them what you expect to hear",
                "ask about both sides (\"What worked and what didn't?\") or neutrally (\"How was…?\")",
                polarity=side,
            )
    if found is not None and found.polarity == 0 and (op is None or op.kind != "aux" or op.aux in ("can", "could")):
        # a feeling ("What did you enjoy most…?") or "went really well" takes a side, so the
        # other half of a fair pair next to it ("And what got on your nerves?") balances it (not a
        # yes/no, "Did you feel appreciated…?": it asks them to agree, whatever is asked beside it;
        # "Can you think of a shift that went really well?" is a request for a story)
        said = norm[found.start:found.end].split()
        # (or a bad side asked where or what, not how much: "Where did things slow down or get frustrating?")
        if said and (said[0] in lex.evaluative_feelings or said[0] == "really"
                     or (_side(said[0], lex) < 0 and _WHERE_OR_WHAT.match(norm) is not None)
                     # "What did you like about the sessions?" next to "What didn't work as well?": a fair pair
                     or _LIKE_ABOUT_ASK.match(norm, found.start) is not None):
            feeling = next((p for p in map(lambda x: _side(x, lex), said) if p), 0)
            if feeling:
                return found._replace(polarity=feeling)
    return found


# the second of a pair of examples asked for, at the other extreme
_THE_OTHER_EXAMPLE = re.compile(r"^\W*(?:and|or|now|then)\s*,?\s+(?:what\s+about\s+)?(?:one|a\s+time|an?\s+other|another)\s+"
                                r"(?:[\w-]+\s+)?(?:that|when|where|which)\b")
# a change asked in both directions, one clause each
_BETTER = r"(?:easier|better|faster|quicker|simpler|clearer|smoother|more\s+smoothly)"
_WORSE = r"(?:harder|worse|slower|more\s+difficult|more\s+complicated|less\s+clear|tougher|clunkier)"
_THEN_ASKS = r"\b[^?]*?\b(?:and|or|but)\s+(?:which|what|where|how|when|did|was|were|is|are)\b[^?]*?\b"
_BOTH_DIRECTIONS = re.compile(rf"\b{_BETTER}{_THEN_ASKS}{_WORSE}\b|\b{_WORSE}{_THEN_ASKS}{_BETTER}\b")
_PICK_FROM_THOSE = re.compile(r"^\W*(?:(?:and|so|now|then|of\s+(?:all\s+)?(?:those|these)(?:\s+things)?),?\s+)?which\s+"
                             r"of\s+(?:all\s+)?(?:those|them)\b")  # what they named ("these" is ours, shown now)
# which kind among what they have had: "What kind of help has made the biggest difference to you?"
_PICK_OF_KINDS = re.compile(r"^\W*(?:(?:and|so|now),?\s+)?(?:what|which)\s+(?:kinds?|sorts?|types?)\s+of\s+"
                            r"[\w-]+(?:\s+[\w-]+)?\s+"
                            r"(?:has|have|had|made|makes|helped|helps)\b")
_A_SLIP_ASKED_OF = re.compile(r"\b(?:the\s+(?:last|most\s+recent)\s+(?:thing|time|case|task|job|order|request|patient|referral)"
                              r"|a\s+(?:recent\s+)?time\s+(?:when\s+)?(?:something|anything|a|an)|an?\s+(?:recent\s+)?example)\b")
_DONE_FOR_OTHERS = frozenset({"helped", "saved", "worked", "made"})
# their way of doing it before, as a switch interview asks (not "…about linking the accounts?" after a task)
_THEIR_OLD_WAY_WORDS = r"(?:the\s+way|how)\s+(?:you|your\s+team|they)\s+(?:were|did|used\s+to|had)\b"
_THEIR_OLD_WAY = re.compile(rf"\babout\s+{_THEIR_OLD_WAY_WORDS}")
_ABOUT_THEIR_DOING = re.compile(
    r"\b(?:like|liked|love|loved|enjoy|enjoyed|appreciate|appreciated|value|valued|hate|hated|dislike|disliked)\s+"
    rf"(?:(?:most|best|the\s+most|really)\s+)?about\s+(?:[a-z]{{2,}}ing\b|{_THEIR_OLD_WAY_WORDS})")
# "What did/do you like about…": its tense tells their past ("did") from the concept shown now
# ("What do you like about sending a photo…?")
_LIKE_ABOUT_ASK = re.compile(r"what\s+(?P<aux>did|do|does)\s+you\s+(?:really\s+|most\s+)?like\s+(?:most\s+|best\s+)?about\b")
_MIDDLE_OPTION = re.compile(
    r",?\s+or\s+(?:somewhere\s+in\s+between|(?:somewhere\s+)?in\s+the\s+middle|in\s+between|neither|a\s+(?:bit"
    r"|mix)\s+of\s+both|both)"
    r"\s*[?.!]*\s*$")
_PICK_ON_AN_ATTRIBUTE = re.compile(
    r"\b(?:which|what)\s+(?:of\s+(?:these|those|them|the)\s+)?(?:[\w-]+\s+)?"
    r"(?:is|was|are|were|seems?|feels?)\s+(?:the\s+)?(?:most|least|best|worst)\b"
    # ("Which of these has been the most hassle to run?": a pick among what they run)
    r"|\bwhich\s+(?:of\s+(?:these|those|them|the)\s+)?(?:[\w-]+\s+)?(?:has|have)\s+been\s+(?:the\s+)?(?:most|least|best|worst)\b")
_HOW_MUCH_DID_YOU = LazyPattern(r"how\s+much\s+(?:did|do|does|have|has)\s+(?:you|they|your\s+[\w-]+)\s+(?:really\s+)?"
                                r"(?:enjoy|enjoyed|like|liked|love|loved|appreciate|appreciated|value|valued)\b")


# "Which apps have you found most useful?": a ranking of the things or people in their own life, not a
# quality of ours taken for granted ("Which of these features…", "What about the new page…")
_RANKS_THEIR_OWN = LazyPattern(
    r"^(?:\W*(?:so|and|now|overall),?\s+)?(?:what|which)\s+(?:other\s+|(?:kinds?|sorts?|types?)\s+of\s+)?"
    r"(?:resources|sources|tools|apps|websites|sites|people|places|ways|channels|services|organi[sz]ations|groups|methods"
    r"|habits|routines|strategies|tips|books|podcasts|communities|advice|information\s+sources)\b(?:\s+[\w'-]+){0,3}?"
    r"\s+(?:have|do|did|had)\s+you\b"
    # the people around them ranked: "Who has been most useful to you – the GP, a charity…?"
    r"|^(?:\W*(?:so|and|now|overall),?\s+)?who\s+(?:has|have|had)\s+been\s+(?:the\s+)?most\b")
_THE_WORST_PART = re.compile(r"\b(?:most|biggest|worst|hardest)\s+(?:[\w-]+\s+)?(?:part|thing|bit|step|aspect|stage|moment)s?\b"
                             # "the one thing that has annoyed you most"
                             r"|\b(?:part|thing|bit|step|aspect|moment)s?\s+(?:that\s+)?(?:has\s+|have\s+)?[\w-]+\s+you"
                             r"\s+(?:the\s+)?most\b")
_OURS = re.compile(r"\b(?:our|this|these|the\s+new|the\s+(?:prototype|site|app|page|tool|product|design|concept|feature|form))\b")
_RANKED = re.compile(r"(?:most|more)\s")
_SUPERLATIVE = re.compile(r"\b(?:most|biggest|greatest|largest|main|key|top|primary|best)\b")


def _an_end_of_the_scale(words: str, norm: str, lex: Lexicon) -> bool:
    """The quality asked about is one end of a scale whose both ends the sentence names."""
    anchors = [m.group() for m in lex.scale_anchor_re.finditer(norm)]
    return len(anchors) >= 2 and any(len(w) > 3 and any(w in a for a in anchors) for w in re.findall(r"[a-z-]+", words))


def _one_sided(opening: str, lex: Lexicon) -> int:
    good = lex.one_sided_positive_re.match(opening)
    if good and not lex.balanced_re.search(opening):
        # "What don't you like?" asks the bad side with the good side's word
        return -1 if _NEGATION_IN.search(opening, 0, good.end()) else 1
    if lex.one_sided_negative_re.match(opening) and not lex.balanced_re.search(opening):
        return -1
    return 0


_NEGATION_IN = re.compile(r"\b(?:(?:do|does|did|would|could|is|are|was|were)n['’]?t|not|never)\b")


def _overlaps(start: int, end: int, rx: re.Pattern[str], norm: str) -> bool:
    return any(m.start() < end and start < m.end() for m in rx.finditer(norm))


def _both_sides(norm: str, lex: Lexicon, wordset: dict[str, int] | None = None) -> bool:
    # Each side's pattern matches a whole word of its list, which is then one of the sentence's
    # tokens unless it stands inside a "[…]" or "{…}" token: two set tests rule out most sentences.
    if wordset is not None and "[" not in norm and "{" not in norm and (
        wordset.keys().isdisjoint(lex.positive_side_words)
        or (wordset.keys().isdisjoint(lex.negative_side_words) and BAD_SIDE_PHRASES.search(norm) is None)
    ):
        return False
    return lex.positive_side_re.search(norm) is not None and (
        lex.negative_side_re.search(norm) is not None or BAD_SIDE_PHRASES.search(norm) is not None)


# a pick between versions shown side by side: "Which one…", "Which version…", "Which of the two…"
# (not "Which of these tools have you found most helpful?": a ranking of ours)
_PICK_ONE = re.compile(r"^\W*(?:(?:so|and|now|overall),?\s+)?which\s+(?:one|version|design|option|layout|variant|page"
                       r"|of\s+(?:the\s+)?(?:two|both))\b")


_WHERE_OR_WHAT = re.compile(r"^\W*(?:(?:and|so|now),?\s+)?(?:where|what|which|when)\b")
# the other end named right after: "a lesson that went really well — or really badly"
_THE_OTHER_END = re.compile(r"\W*(?:or|and)\s+(?:[\w-]+\s+){0,3}?(?:badly|poorly|wrong|terribly|awfully|horribly)\b")
# a second ask in the sentence, which may take the other side: "…, and what drives you mad?"
_THE_OTHER_ASK = re.compile(r"\b(?:and|or|but)\s+(?:what|which|how|where|when)\b")


def _side(word: str, lex: Lexicon) -> int:
    """The side a feeling word takes ("enjoy" +1, "frustrated" -1): a question on the other side
    next to it ("And what got on your nerves?") makes the two one fair pair."""
    return 1 if word in lex.positive_side_words else -1 if word in lex.negative_side_words else 0


def side_of(text: str) -> tuple[bool, bool]:
    """Whether a question asks about the good side, the bad side (what to change counts)."""
    from guidelint.questions.lexicon import load_lexicon
    from guidelint.questions.text import normalise

    lex = load_lexicon()
    norm = normalise(text)
    if _WHAT_DIDNT.match(norm):
        return False, True  # "What didn't?": the other side of the question before it, asked short
    # a good word under a negation is the bad side: "What didn't work well?", "What wasn't clear?"
    negated = [_NEGATED.search(norm, 0, m.start()) is not None for m in lex.positive_side_re.finditer(norm)]
    return not all(negated), any(negated) or any(
        m.group() not in _BARE_NEGATIONS or _WHAT_FAILED.match(norm, m.end()) for m in lex.negative_side_re.finditer(norm)
    ) or BAD_SIDE_PHRASES.search(norm) is not None


_WHAT_DIDNT = re.compile(r"^\W*(?:and\s+|but\s+)?(?:what|which|where)\s+(?:didn't|doesn't|hasn't|wasn't|don't|isn't|won't)"
                         r"(?:\s+(?:so\s+much|as\s+well|go\s+so\s+well))?\W*$")
# A negation is the bad side only when what it negates is how the thing served them ("What didn't
# work?", "Where can't you find…"): "What happens when someone doesn't turn up?" asks about an event.
_BARE_NEGATIONS = frozenset(("doesn't", "didn't", "can't", "cannot", "unable"))
_WHAT_FAILED = LazyPattern(
    r"\s+(?:to\s+)?(?:you\s+|they\s+|it\s+|we\s+)?(?:work|help|find|understand|do|get|make\s+sense|fit|meet|go\s+(?:well"
    r"|right)|follow|see|use)\b")


# a negation one or two words before the end of the text searched
# (a word or two between: "What didn't work as well?")
_NEGATED = re.compile(
    r"\b(?:not|never|no\s+longer|hardly|(?:did|does|do|was|were|is|are|would|could|has|have|had)n't)\s+(?:[\w'-]+\s+){0,2}$")


def _lexical(
    s: Parsed,
    core_q: str,
    op: Opening | None,
    tag: re.Match[str] | None,
    first: int,
    lex: Lexicon,
) -> Finding | None:
    text, norm, words, starts, ends, wordset = s.text, s.norm, s.words, s.starts, s.ends, s.wordset
    if op is not None and op.kind == "aux" and op.negative:
        subject = " ".join(text[op.subject_start : op.subject_end].split())
        return Finding(
            "leading", op.start, op.end,
            f'the negative opening "{quote(text, op.start, op.end)}" signals the answer you expect',
            f'ask it neutrally: "How {positive_aux(op.aux)} {subject}…?"',
        )
    if tag is not None:
        ts, te = trim_span(text, tag.start() + (1 if core_q[tag.start()] == "," else 0), tag.end())
        return Finding(
            "leading", ts, te, f'the tag "{quote(text, ts, te)}" asks them to agree with you',
            lex.closed_suggestions["tag"],
        )
    hit = lex.assumptive.search(s)
    if hit is not None and _offers_both(s, lex):
        hit = None  # "Would you say it was easy or hard?": both answers offered, none presumed
    if hit is not None:
        i, m = hit
        start = _first_word(text, m.start(), m.end())  # (a pattern anchored at the start takes its quote mark too)
        q = quote(text, start, m.end())
        advice = lex.assumptive.extra[i] or f'drop "{q}" and ask neutrally'
        return Finding("leading", start, m.end(), f'"{q}" presumes the answer', advice)
    hit = lex.summary_offered.search(s)
    if hit is not None:
        return _quoting(text, hit[1].span(), '"{}" puts your own summary to them to confirm',
                        "ask them to sum it up in their own words", limit=40)
    proof = social_proof(s, lex)
    if proof is not None:
        return _quoting(text, proof, 'cites what others think ("{}"), which pressures them to agree',
                        "drop what others say and ask neutrally")
    if lex.neutralisers.search(s) is not None:
        return None  # "What, if anything, …", "… or not?"
    lean = _options_lean(s, lex) if "or" in wordset else None
    if lean == "balanced":
        return None  # "much easier, about the same, or much harder?"
    if lean is not None:
        return _quoting(text, lean, 'the answers offered ("{}") lean one way',
                        "offer as many answers on one side as on the other, or ask openly")
    examples = _one_sided_examples(s, lex) if "," in norm else None
    if examples is not None:
        return _quoting(text, examples, 'the examples offered ("{}") are all on one side', "offer examples from both sides, or none")
    balanced = None
    if not wordset.keys().isdisjoint(lex.balanced_pos):
        balanced = lex.balanced_re.search(norm)
    hit = lex.presupposition.search(s)
    if hit is not None and balanced is None and "scale" in wordset and lex.scale.search(s) is not None:
        hit = None  # "On a scale of 1–5, how appealing is this?": a rating, its ends said with it
    if hit is not None and _PICK_ONE.match(norm):
        hit = None  # "Which one makes it easier to…?": a pick between the versions shown, neither praised
    if hit is not None and balanced is None:
        i, m = hit
        return Finding(
            "leading", m.start(), m.end(),
            f'"{quote(text, m.start(), m.end())}" presupposes the outcome you hope for',
            lex.presupposition.extra[i],
        )
    hit = lex.intensified.search(s)
    if hit is not None:
        m = hit[1]
        return Finding(
            "leading", m.start(), m.end(),
            f'"{quote(text, m.start(), m.end())}" presupposes the quality you are asking about',
            'drop the intensifier and ask "How easy or hard…?"',
        )
    # Words that are not the interviewer's judgement: their own words quoted back ("You said it
    # was 'a nightmare'…") and a balanced pair ("like or dislike").
    # (not the question itself in quotes, '"Is the pager app a pain to use?"': the guide quotes what to say)
    exempt = tuple(span for span in quoted_spans(norm) if not _the_whole(span, norm)) if '"' in norm or "'" in norm else ()
    if balanced is not None:
        exempt += (balanced.span(),)
    if "or" in wordset and _MIDDLE_OPTION.search(norm) is not None:
        # "…: a chore, something you enjoy, or somewhere in between?": the options span the scale
        exempt += ((max(norm.rfind(":"), norm.rfind(" - "), 0), len(norm)),)

    def is_exempt(pos: int) -> bool:
        return any(a <= pos < b for a, b in exempt)

    if not wordset.keys().isdisjoint(lex.evaluative) and _PICK_ON_AN_ATTRIBUTE.search(norm) is None:
        # (not "Which brand is the most innovative?": an attribute they rate the brands on)
        polite_end = op.end if op is not None and op.kind == "polite" else -1
        for i, w in enumerate(words):
            if w not in lex.evaluative:
                continue
            if is_exempt(starts[i]) or _negated_too(w, wordset, norm):
                continue  # quoted, balanced, or asked both ways ("intuitive or unintuitive?")
            if starts[i] < polite_end:
                continue  # "I'd love to hear…": the interviewer's phrase, not an evaluation
            if lex.evaluative_neutral_re.match(norm, starts[i]):
                continue  # "every outstanding task": not yet done, not praised
            if i > 0 and words[i - 1] in ("i'd", "we'd", "would", "i", "we"):
                continue
            if i == first and i + 1 < len(words) and words[i + 1] in (",", "!", "."):
                continue  # an interjection: "Perfect, so what happened next?"
            if not _about_their_thing(i, s, lex):
                continue  # "your aging parents", "a time you felt frustrated at work"
            word = text[starts[i] : ends[i]]
            return Finding(
                "leading", starts[i], ends[i],
                f'the evaluative word "{word}" signals how you feel about it',
                f'drop "{word}" or balance it ("…like or dislike…")',
            )
    hit = lex.evaluative_phrases.search(s)
    if hit is not None and not is_exempt(hit[1].start()) and not (
            _A_SLIP_ASKED_OF.search(norm, 0, hit[1].start()) and "crack" in norm[hit[1].start():hit[1].end()]):
        # ("What's the last thing that fell through the cracks?" asks for one real slip, as a
        # critical-incident question does)
        m = hit[1]
        return Finding(
            "leading", m.start(), m.end(),
            f'"{quote(text, m.start(), m.end())}" signals how you feel about it',
            "use neutral wording",
        )
    if not wordset.keys().isdisjoint(lex.product_words) and lex.product_ref_re.search(norm):
        for i, w in enumerate(words):
            if w not in lex.product_words:
                continue
            if lex.product_exception_re.match(norm, starts[i]):
                continue
            if is_exempt(starts[i]) or _negated_too(w, wordset, norm):
                continue  # quoted, balanced, or asked both ways ("clear, unclear or in between?")
            if op is not None and op.kind == "aux" and starts[i] >= op.subject_end:
                continue  # "Is the new form clear?" asks about the quality (a yes/no), it does not praise
            word = text[starts[i] : ends[i]]
            return Finding(
                "leading", starts[i], ends[i],
                f'"{word}" about your own product presumes their judgement',
                'ask "What, if anything, stands out about…?"',
            )
    hit = lex.loaded_option_clauses.search(s) if "or" in wordset else None
    if hit is not None and not is_exempt(hit[1].start()):
        return _quoting(text, trim_span(text, hit[1].start() + 1, hit[1].end()), '"{}" makes one of the choices sound better',
                        "describe both options in the same neutral words")
    if "or" in wordset and not wordset.keys().isdisjoint(lex.loaded_option_words):
        for i, w in enumerate(words):
            if w not in lex.loaded_option_words or is_exempt(starts[i]):
                continue
            if "or" in (words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""):
                continue  # a scale, not a description: "fast or slow"
            word = text[starts[i] : ends[i]]
            return Finding(
                "leading", starts[i], ends[i],
                f'"{word}" makes one of the choices sound better',
                "describe both options in the same neutral words",
            )
    return None


_ADVERBS = frozenset({"really", "very", "so", "quite", "most", "particularly", "especially", "ever", "more"})
_DEFINITE = frozenset({"the", "this", "these", "that", "those"})
_DEGREE = frozenset({"so", "such", "how", "too"})
_OF_DOING = frozenset({"in", "of", "when", "with", "about", "while"})
# ("describe the hassle of dealing with the office" presumes the hassle; "the biggest …" asks which)
_SUPERLATIVE_WORDS = frozenset({"biggest", "main", "greatest", "worst", "hardest", "largest", "top", "most", "key"})


def _about_their_thing(i: int, s: Parsed, lex: Lexicon) -> bool:
    """Whether the evaluative word ``s.words[i]`` judges the team's own thing (leading) rather than
    the participant's own life, feeling or habit (what discovery asks about)."""
    words = s.words
    if lex.product_ref_re.search(s.norm) is not None:
        return True  # "our", "the new…", "[PRODUCT]": the team's own thing
    k = i - 1
    while k >= 0 and words[k] in _ADVERBS:
        k -= 1
    before = words[k] if k >= 0 else ""
    if (i + 2 < len(words) and words[i + 1] in _OF_DOING and words[i + 2].endswith("ing") and len(words[i + 2]) > 4
            and not _SUPERLATIVE_WORDS.isdisjoint(words[max(0, i - 2) : i])):
        return False  # "the biggest headaches in running the practice": which of their own work's, as discovery asks
    if words[i] in lex.evaluative_descriptive:
        if i > 0 and words[i - 1] in _DEGREE:
            return True  # "so outdated", "How painful was…": the degree presumes the judgement
        # a given thing ("the outdated wiki", "this beautiful page"), or no "you" at all ("an ageing
        # system"); not theirs or a kind of thing ("your aging parents", "a perfect day for you")
        return (before in _DEFINITE or "this" in s.wordset or "these" in s.wordset
                or s.wordset.keys().isdisjoint(_YOU))
    if words[i] not in lex.evaluative_feelings:
        return True  # loaded in any life: "amazing", "wasted", "infuriating"
    after = words[i + 1 :]
    if after and (after[0] == "to" or (after[0].endswith("ing") and len(after[0]) > 4)):
        return False  # a habit or wish: "What do you enjoy doing…?", "What would you love to see?"
    rest = list(dropwhile(_ADVERBS.__contains__, after))
    if len(rest) > 1 and rest[0] == "about" and rest[1].endswith("ing") and len(rest[1]) > 4:
        return False  # their own work: "What do you love most about running a bookshop?"
    if not _DEFINITE.isdisjoint(after):
        return True  # felt about a given thing: "annoyed with the reminders", "enjoy about the day"
    if before in lex.experiencer_verbs:
        return False  # their own state: "a time you felt frustrated at work"
    if before == "you" and (not after or not is_word(after[0])) and k > 0 and words[k - 1] not in ("do", "did", "does"):
        return False  # their own favourite, the clause's last word: "Tell me about an app you really love."
    return "your" not in after  # "What do you love about your neighbourhood?" is their own life


def _offers_both(s: Parsed, lex: Lexicon) -> bool:
    """A balanced pair ("easy or hard", "like or dislike") or balanced options after the ask."""
    if "or" not in s.wordset:
        return False
    if not s.wordset.keys().isdisjoint(lex.balanced_pos) and lex.balanced_re.search(s.norm) is not None:
        return True
    words = s.words
    for k in range(1, len(words) - 1):  # a scale's two ends: "simple or complicated"
        if words[k] == "or" and (lex.scalar.get(words[k - 1]) == words[k + 1] or lex.scalar.get(words[k + 1]) == words[k - 1]):
            return True
    return _options_lean(s, lex) == "balanced"


def _options_lean(s: Parsed, lex: Lexicon) -> str | tuple[int, int] | None:
    """Answer options on one scale ("great, good, or okay?"): "balanced" when both sides are
    offered about equally, the options' span when three or more lean one way, else None."""
    norm = s.norm
    cut = max(norm.rfind(":"), norm.rfind(" - "))
    begin = cut + 1 if cut >= 0 else 0
    positive = negative = 0
    first = last = -1
    skip = False
    for k, w in enumerate(s.words):
        if s.starts[k] < begin:
            continue
        if skip:
            skip = False
            continue
        if w in lex.scale_negative:
            negative += 1
            skip = w in ("not", "no")  # "not satisfied" is one negative option
        elif w in lex.scale_positive:
            positive += 1
        else:
            continue
        first = k if first < 0 else first
        last = k
    if first >= 0:  # the options whole: "extremely satisfied, …, or not satisfied"
        words = s.words
        while first > 0 and words[first - 1] in _GRADES and words[first - 1] not in (",", "or") and s.starts[first - 1] >= begin:
            first -= 1
        if words[last] in ("not", "no") and last + 1 < len(words) and words[last + 1] in lex.scale_positive:
            last += 1
    if positive and negative and abs(positive - negative) <= 1:
        if {positive, negative} == {1, 2} and _one_graded_list(s, first, last, lex):
            return s.starts[first], s.ends[last]  # "very satisfied, satisfied, or not satisfied?": two up, one down
        return "balanced"
    if positive >= 3 and positive >= negative + 2 and "," in norm[begin:]:
        return s.starts[first], s.ends[last]
    return None


_GRADES = frozenset({",", "or", "very", "extremely", "really", "somewhat", "fairly", "quite", "slightly", "not", "a", "bit",
                     "little", "completely", "totally", "highly", "mostly", "at", "all"})
_MIDPOINTS = frozenset({"okay", "ok", "fine"})


def _one_graded_list(s: Parsed, first: int, last: int, lex: Lexicon) -> bool:
    """Whether the scale words from ``first`` to ``last`` are one list of answer options with
    nothing but degree words between them, none of them a midpoint ("good, okay, or bad")."""
    words = s.words[first : last + 1]
    if "," not in words:
        return False
    return all(w in _GRADES or ((w in lex.scale_positive or w in lex.scale_negative) and w not in _MIDPOINTS) for w in words)


# Examples after an open stem: "(too expensive, too complicated, etc.)", "e.g. missed jobs, overtime"
_EXAMPLE_LIST = re.compile(r"\(([^()]{3,120})\)|\b(?:e\.g\.?|for\s+example|such\s+as)\s*,?\s*([^?.;()]{3,120})")
_BAD_EXAMPLE = LazyPattern(
    r"\b(?:too|expensive|costly|slow|slower|complicated|confusing|clunky|buggy|broken|missed|missing|lost|losing|unhappy"
    r"|angry|overtime|errors?|mistakes?|delays?|complaints?|crash(?:es)?|downtime|frustrat\w*|stress\w*|hassle|pain"
    r"|difficult|hard|wasted?|annoy\w*|late|outdated|unreliable|poor|bad|worse)\b")
_GOOD_EXAMPLE = LazyPattern(
    r"\b(?:faster|quicker|easier|cheaper|simpler|saved?|savings|better|happier|more\s+time|fewer|less\s+(?:time|work|stress)"
    r"|reliable|clearer|great|good|helpful|useful|convenient|smooth(?:er)?)\b")


def _one_sided_examples(s: Parsed, lex: Lexicon) -> tuple[int, int] | None:
    """Two or more examples after an open stem, every one of them on the same side, when the
    stem itself takes no side: "What made you look for something new (too expensive, too
    complicated, etc.)?" offers the answers it hopes for."""
    norm = s.norm
    if "(" not in norm and "e.g" not in norm and "example" not in norm and "such" not in norm:
        return None  # what _EXAMPLE_LIST cannot match without
    for m in _EXAMPLE_LIST.finditer(norm):
        group = 1 if m.group(1) is not None else 2
        if examples_one_sided(norm[: m.start()], m.group(group), lex):
            return m.start(group), m.end(group)
    return None


def _quoting(text: str, span: tuple[int, int], reason: str, advice: str, *, limit: int = 60) -> Finding:
    """A leading finding on ``span`` whose reason quotes the words there ("{}" in ``reason``)."""
    start, end = span
    return Finding("leading", start, end, reason.format(quote(text, start, end, limit)), advice)


def examples_one_sided(stem: str, body: str, lex: Lexicon) -> bool:
    """Examples ("too expensive, too complicated, etc."), two or more, all on one side, after an
    open stem (normalised text: "what…", "why…", "tell me…") that takes no side itself."""
    if not stem.lstrip(" \"'“*-").startswith(("what", "why", "how", "which", "tell me", "when")):
        return False
    items = [x.strip() for x in re.split(r",|\bor\b|\band\b", body) if x.strip() and x.strip() not in ("etc", "etc.")]
    if len(items) < 2:
        return False
    good = [bool(_GOOD_EXAMPLE.search(x)) for x in items]
    bad = [not g and bool(_BAD_EXAMPLE.search(x)) for x, g in zip(items, good)]  # "fewer errors" is good
    if all(bad) and not any(good):
        return not _BAD_EXAMPLE.search(stem) and lex.negative_side_re.search(stem) is None and "in the way" not in stem
    if all(good) and not any(bad):
        return not _GOOD_EXAMPLE.search(stem) and lex.positive_side_re.search(stem) is None
    return False


def _negated_too(word: str, wordset: dict[str, int], norm: str) -> bool:
    return f"un{word}" in wordset or f"in{word}" in wordset or f"not {word}" in norm


_QUOTED = re.compile(r'"[^"\n]{1,80}"|(?<![\w\'])\'[^\'\n]{1,80}\'(?![\w])')


def _the_whole(span: tuple[int, int], norm: str) -> bool:
    """The quote holds all the sentence's words: the line to say, quoted, not their words quoted back."""
    return not norm[:span[0]].strip(" \t-–—:*_>") and not norm[span[1]:].strip(" \t.?!*_)")


def quoted_spans(norm: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _QUOTED.finditer(norm))
