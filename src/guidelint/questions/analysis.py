"""One sentence read whole (its opening, then every judgement), and a question item read
as a sequence of sentences, where a statement before a question can make it leading."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Sequence

from guidelint.pattern_cache import LazyPattern
from guidelint.questions.closed import closed_finding
from guidelint.questions.double import double_finding
from guidelint.questions.findings import Finding, SentenceReport
from guidelint.questions.hypothetical import hypothetical_finding
from guidelint.questions.leading import leading_finding, offered_guess, quoted_spans, social_proof, statement_lead_in
from guidelint.questions.lexicon import load_lexicon
from guidelint.questions.reading import find_opening, first_content, tokenise
from guidelint.questions.rewrite import suggest, well_formed
from guidelint.questions.text import (
    CLAUSE_BREAKS,
    PROMPT_VERBS,
    SENTENCE_SPLIT,
    TRAIL_CHARS,
    TRAILING_NOTE,
    is_word,
    normalise,
    quote,
    trim_span,
)


class Reading(NamedTuple):
    report: SentenceReport
    questionlike: bool  # a question, polite request or "Tell me about" prompt
    open: bool  # question-like, not consent, no closed finding (an open follow-up)
    social_proof: tuple[int, int] | None  # span of social proof in a statement
    lead_in: Finding | None = None  # a statement that presumes the answer to what follows


_BARE_RIGHT = re.compile(r"\s+right\s*\?+\s*$")
_NOT_BEFORE_A_TAG = frozenset({"that", "it", "this", "me", "feel", "feels", "felt", "sound", "sounds", "look", "looks",
                               "seem", "seems", "get", "got", "done", "is", "was", "just", "turn", "turned", "left", "or",
                               "the", "a", "all", "alright", "up", "go", "went", "exactly", "quite", "not", "be"})


@lru_cache(maxsize=8192)
def analyse(sentence: str) -> Reading:
    lex = load_lexicon()
    text = sentence
    norm = normalise(text)
    core = norm.rstrip(TRAIL_CHARS)
    stripped = core.strip()
    if not stripped:
        return Reading(SentenceReport(text, False, False, ()), False, False, None)
    if (stripped[0] == "[" and stripped[-1] == "]" and "]" not in stripped[1:-1]) or (
        stripped[0] == "(" and stripped[-1] == ")" and ")" not in stripped[1:-1]
    ):  # an interviewer note, not a question
        return Reading(SentenceReport(text, False, False, ()), False, False, None)
    core_q = TRAILING_NOTE.sub("", core) if core.endswith((")", "]")) else core
    core_q = core_q.rstrip(TRAIL_CHARS)
    ends_q = core_q.endswith("?")

    s = tokenise(text, norm, lex)
    words = s.words
    n = len(words)
    if not n:
        return Reading(SentenceReport(text, False, False, ()), False, False, None)

    # "PROMPT: …" / "QUESTION: …": a label before the line
    label = 0
    task = False
    if n >= 2 and words[1] == ":" and words[0] in lex.line_labels:
        label = 2
        task = words[0] in lex.task_labels
    op = find_opening(s, ends_q, lex, label)
    first = first_content(words, lex, label)
    first_word = words[first] if first < n else ""

    consent = lex.consent.search(s) is not None
    if op is not None and op.kind == "interviewer":
        consent = True
    polite = op is not None and op.kind == "polite" and not consent

    prompt = op is None and (
        first_word in PROMPT_VERBS
        or (first_word == "please" and first + 1 < n and words[first + 1] in PROMPT_VERBS)
    )
    # Asked late in a statement ("Take a look and tell me…") or offered for agreement: read for
    # leading wording, but an instruction joined by "and" is not two questions.
    late_prompt = op is None and not prompt and (_embedded_prompt(words) or offered_guess(s, first, lex))
    prompt = prompt or late_prompt
    # A tag is the last few words ("…, right?", "…, isn't it?", shorthand "…, yes"): only
    # look there, so a long input stays cheap.
    tag = None
    k = n - 1
    while k > 0 and not is_word(words[k]):
        k -= 1
    if words[k] in lex.tag_last_words:
        tag = lex.tag_re.search(core_q, max(0, len(core_q) - 80))
        if tag is None and op is None and words[k] == "right" and k >= 4 and words[k - 1] not in _NOT_BEFORE_A_TAG:
            # a statement with "right?" typed without its comma ("u stopped bc of the grind right?");
            # "Did I get that right?" opens a question, "turn right?" is a direction
            tag = _BARE_RIGHT.search(core_q, max(0, len(core_q) - 20))
    labelled = label and not task  # "Probe: …", "Q: …" are asked, even without a "?"
    if (op is not None and op.kind == "wh" and not ends_q and not labelled and core_q.endswith(".")
            and op.index + 2 < n and words[op.index + 1] in _SUBJECT_PRONOUNS and words[op.index] in _FREE_RELATIVE_WH):
        op = None  # "What you've said goes into our report.": a statement that opens with "what", not a question
    questionlike = ends_q or op is not None or prompt or tag is not None or labelled
    if not questionlike:
        proof = social_proof(s, lex)
        hypo = None if consent else hypothetical_finding(s, op, first, lex)
        findings = (_rewritten(text, hypo),) if hypo else ()
        lead_in = None if consent or proof else statement_lead_in(s, core_q, first, lex)
        return Reading(SentenceReport(text, polite, consent, findings), False, False, proof, lead_in)

    findings: list[Finding] = []
    closed = None if task or consent else closed_finding(s, core_q, ends_q, op, tag, first, lex)
    if closed is not None:
        if lex.inline_probe_re.search(norm, closed.end):
            closed = closed._replace(
                mild=True, reason=closed.reason + "; the open probe after it helps"
            )
        findings.append(closed)

    leading = leading_finding(s, core_q, op, tag, first, lex)
    if leading is not None:
        findings.append(leading)

    double = None if late_prompt else double_finding(s, op, lex)
    if double is not None:
        findings.append(double)

    # (a task prompt's scenario, "PROMPT: Say you wanted to…", is the method, not a forecast)
    hypo = None if task or consent else hypothetical_finding(s, op, first, lex)
    if hypo is not None:
        findings.append(hypo)

    # a suggestion is a rewrite of this very question, or nothing
    findings = [_rewritten(text, f) for f in findings]
    report = SentenceReport(text, polite, consent, tuple(findings))
    return Reading(report, True, closed is None and not consent, None)


_SUBJECT_PRONOUNS = frozenset({"you", "we", "i", "they", "he", "she", "you've", "we've", "i've", "they've", "you'd",
                              "we'd", "i'd", "you'll", "we'll", "i'll"})
_FREE_RELATIVE_WH = frozenset({"what", "how", "where", "when", "why", "whatever", "wherever", "whoever"})
_FILLERS = frozenset({"so", "just", "please", "now", "then", "and", "first"})


def _embedded_prompt(words: list[str]) -> bool:
    """A statement that ends by asking: "The refund came late; tell me about that.", "Have a
    look at the prototype and tell me your first impressions." """
    n = len(words)
    # the first word after k that is not a filler, found from the right once: skipping the
    # fillers again after every break is quadratic on "and and and …"
    after_fillers = [n - 1] * n
    for j in range(n - 3, -1, -1):
        after_fillers[j] = after_fillers[j + 1] if words[j + 1] in _FILLERS else j + 1
    for k in range(1, n - 1):
        w = words[k]
        if w in CLAUSE_BREAKS or w == "and":
            if words[after_fillers[k]] in PROMPT_VERBS:
                return True
        elif w in ("tell", "show", "walk", "talk") and words[k + 1] == "me":
            return True
    return False


def analyse_sentence(sentence: str) -> SentenceReport:
    """Classify one sentence on its own (no context from the rest of the item)."""
    return analyse(sentence).report


@lru_cache(maxsize=8192)
def analyse_item(sentences: tuple[str, ...]) -> tuple[SentenceReport, ...]:
    """``analyse_question`` of an item's sentences, remembered as ``analyse`` remembers a
    sentence's reading (both read only the lexicon): a guide asks many of its questions again
    (after each task, for each screen), and a team's guides share theirs."""
    return tuple(analyse_question(sentences))


def _leads_for_itself(report: SentenceReport) -> bool:
    """The question leads whatever was said before it. A one-sided ask ("How much do you like
    the new menu?") does not count: a question on the other side nearby may balance it, and the
    premise before it ("Our nutritionist has worked hard on it.") no question can balance."""
    return any(f.kind == "leading" and not f.polarity for f in report.findings)


def _premise_stands_in(report: SentenceReport, finding: Finding) -> SentenceReport:
    kept = tuple(f for f in report.findings if not (f.kind == "leading" and f.polarity))
    return report._replace(findings=kept + (finding,))


def analyse_question(sentences: Sequence[str]) -> list[SentenceReport]:
    """A question item may hold several sentences (some may be statements, e.g. a lead-in
    "I'd like to ask about X." or social proof "Most teams say it is easy."). Returns one
    report per sentence. Context across sentences matters: social proof in a preceding
    statement makes the following question leading; a closed question followed by an open
    question in the same item gets mild=True."""
    infos = [analyse(s) for s in sentences]
    reports = [info.report for info in infos]
    pending: tuple[int, tuple[int, int]] | None = None
    lead_in: Finding | None = None
    for k, info in enumerate(infos):
        if not info.questionlike:
            if info.social_proof is not None:
                pending = (k, info.social_proof)
            elif info.lead_in is not None:
                lead_in = info.lead_in
                lead_text = info.report.text
            continue
        if lead_in is not None and pending is None and not _price_shown_not_asked(lead_text, lead_in, reports[k].text):
            report = reports[k]
            if not report.consent and not _leads_for_itself(report):
                s, e = trim_span(report.text, 0, len(report.text))
                finding = Finding(
                    "leading", s, e,
                    f'follows "{quote(lead_text, lead_in.start, lead_in.end)}", which tells them the answer you expect',
                    _alone(report.text), advice=lead_in.advice or lead_in.suggestion,
                )
                reports[k] = _premise_stands_in(report, finding)
        lead_in = None  # a lead-in speaks to the question right after it, not to later ones
        if pending is not None:
            report = reports[k]
            if not _leads_for_itself(report):
                src = infos[pending[0]].report.text
                s, e = trim_span(report.text, 0, len(report.text))
                proof = quote(src, *pending[1])
                finding = Finding(
                    "leading", s, e,
                    f'follows social proof ("{proof}"), which tells them the answer you expect',
                    _alone(report.text), advice="drop what others say before asking",
                )
                reports[k] = _premise_stands_in(report, finding)
            pending = None
    # A statement joined to its question by a dash reads as one sentence: "Most people your age
    # manage it online - how do you manage yours?" is a premise and a question all the same.
    for k, info in enumerate(infos):
        report = reports[k]
        # (a one-sided ask after the premise, "…our most popular space — what do you love about it?",
        # may be balanced by a question nearby; the premise may not, so it stands in for it)
        if report.consent or _leads_for_itself(report):
            continue
        joined = _DASH_JOIN.search(report.text) if "-" in report.text or "–" in report.text or "—" in report.text else None
        if joined is None or "?" in report.text[: joined.start()] or len(report.text[: joined.start()].strip()) < 12:
            continue
        lead = report.text[: joined.start()]
        if not analyse(report.text[joined.end():]).questionlike:
            continue
        before = analyse(lead)
        if before.questionlike:
            continue
        if before.social_proof is not None:
            what, advice = f'follows social proof ("{quote(lead, *before.social_proof)}")', "drop what others say before asking"
        elif before.lead_in is not None:
            what = f'follows "{quote(lead, before.lead_in.start, before.lead_in.end)}"'
            advice = before.lead_in.advice or before.lead_in.suggestion
        else:
            continue
        s, e = trim_span(report.text, joined.end(), len(report.text))
        question = report.text[s:e]
        finding = Finding("leading", s, e, f"{what}, which tells them the answer you expect",
                          _alone(question[:1].upper() + question[1:]), advice=advice)
        reports[k] = _premise_stands_in(report, finding)
    # A yes/no right after an open question of the same item narrows it ("How do you book?
    # Do you use the app?"); one right before an open question is opened up by it.
    opened = False
    for k in range(len(reports)):
        nxt_open = k + 1 < len(reports) and infos[k + 1].open
        if nxt_open or opened:
            why = "; the open follow-up after it helps" if nxt_open else "; it narrows the open question before it"
            report = reports[k]
            findings = tuple(
                f._replace(mild=True, reason=f.reason + why) if f.kind == "closed" and not f.mild else f
                for f in report.findings
            )
            if findings != report.findings:
                reports[k] = report._replace(findings=findings)
        opened = opened or infos[k].open
    # An answer offered right after the open question ("What was the main reason you left? Was
    # it the price?"): the participant takes the offered reason instead of giving their own.
    for k in range(1, len(reports)):
        report = reports[k]
        if not infos[k - 1].open or report.consent or any(f.kind == "leading" for f in report.findings):
            continue
        offered = _OFFERED_ANSWER.match(report.text)
        if offered is None or len(report.text.split()) > 9:
            continue
        s, e = trim_span(report.text, 0, len(report.text))
        finding = Finding("leading", s, e, "offers an answer right after the open question, which they will often just take",
                          None, advice="stop after the open question and let them answer in their own words")
        reports[k] = report._replace(findings=report.findings + (finding,))
    # Their own word, quoted back and then asked about ("You said it was 'a nightmare'. What did
    # the nightmare look like?"), is theirs in the question too, not the interviewer's judgement.
    echoed: set[str] = set()
    for k, report in enumerate(reports):
        if echoed and report.findings:
            kept = tuple(f for f in report.findings
                         if not (f.kind == "leading" and report.text[f.start:f.end].lower() in echoed))
            if kept != report.findings:
                reports[k] = report._replace(findings=kept)
        if "'" in report.text or '"' in report.text or "“" in report.text or "‘" in report.text:
            norm = normalise(report.text)  # (curly quotes made straight, as leading reads them)
            for a, b in quoted_spans(norm):
                echoed.update(re.findall(r"[\w-]+", norm[a:b]))
    return reports



_PRICE = re.compile(r"[$£€]\s?\d")
_GAIN = re.compile(r"\b(?:save|saves|saved|saving|savings|cut|cuts|earn|earns|reduce|reduces|lower|lowers)\b", re.IGNORECASE)
_MONEY_ASK = LazyPattern(r"\b(?:pay|paying|price|prices|priced|pricing|cost|costs|charge|charged|worth|spend|afford|value"
                         r"|expensive|cheap)\b", re.IGNORECASE)


def _price_shown_not_asked(lead_text: str, lead_in: Finding, question: str) -> bool:
    """A price said before a question is an anchor for a question about money ("Our competitor
    charges $40. What would you pay?"); before a reaction question it is part of what is shown
    ("Price: £4.20 per serving." on a concept board, then "What's your first reaction?")."""
    # (a saving claimed is a pitch whatever follows: "It could save a family £180 a year.")
    return (_PRICE.search(lead_text, lead_in.start, lead_in.end) is not None and _MONEY_ASK.search(question) is None
            and _GAIN.search(lead_text) is None)


# "Was it the price?", "Or was it because of the outage?", "Is that down to the cost?": a candidate
# answer put as a yes/no (not "Was it you or your manager?", which names both, nor "Is that a
# blocker?", "Is that a program you suggest?": a follow-up about the answer, not an answer offered)
_OFFERED_ANSWER = LazyPattern(
    r"^\W*(?:(?:and|or|so),?\s+)?(?:was|is|wasn't|isn't)\s+(?:it\s+(?:mostly\s+|mainly\s+|just\s+|partly\s+)?"
    r"(?:because\s+(?:of\s+)?|down\s+to\s+|due\s+to\s+|the\s+|your\s+|their\s+)"
    r"|(?:that|this)\s+(?:mostly\s+|mainly\s+|just\s+|partly\s+)?(?:because\s+(?:of\s+)?|down\s+to\s+|due\s+to\s+))"
    r"(?![^?]*\bor\b)[^?]{1,60}\?\W*$",
    re.IGNORECASE)


# searched, not matched from the start with a lazy lead: that backtracks over every space of a long line
# (or a yes/no to them: "Our fees are actually lower than most banks — did you know that?")
_DASH_JOIN = re.compile(r"\s[-–—]\s+(?=(?:how|what|when|why|where|which|who|tell"
                        r"|(?:do|did|does|would|could|have|has|are|were|will)\s+you)\b)", re.IGNORECASE)


def _rewritten(text: str, finding: Finding) -> Finding:
    """The detector's hint becomes advice; the suggestion is a rewrite of ``text``, or None."""
    return finding._replace(advice=finding.advice or finding.suggestion, suggestion=suggest(text, finding))


def _alone(question: str) -> str | None:
    """The question without the statement before it, when it reads well on its own and does
    not lead by itself ("— how bad is it for you?" presumes it is bad, premise or not)."""
    text = " ".join(question.split())
    if not well_formed(text):
        return None
    return None if any(f.kind == "leading" for f in analyse(text).report.findings) else text


def split_sentences(text: str) -> list[str]:
    """A simple splitter on ?, ! and . followed by space (the parser does better)."""
    return [s for s in (p.strip() for p in SENTENCE_SPLIT.split(text)) if s]


def classify_row(text: str) -> dict[str, bool]:
    """Row-level labels for the accuracy benchmark: closed/leading/double when any sentence
    has such a finding (mild included); polite when the first question sentence is polite."""
    sentences = split_sentences(text)
    reports = analyse_question(sentences)
    kinds = {f.kind for r in reports for f in r.findings}
    polite = False
    for s, r in zip(sentences, reports):
        if analyse(s).questionlike:
            polite = r.polite
            break
    return {
        "closed": "closed" in kinds,
        "leading": "leading" in kinds,
        "double": "double" in kinds,
        "polite": polite,
    }
