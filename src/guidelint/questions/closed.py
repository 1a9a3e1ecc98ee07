"""Closed questions: what invites a yes, a no or a one-word pick."""

from __future__ import annotations

import re

from guidelint.questions.double import clause_follows
from guidelint.questions.findings import Finding
from guidelint.questions.lexicon import Lexicon
from guidelint.questions.reading import Opening, Parsed, aside_at, classify_at
from guidelint.questions.text import CLAUSE_BREAKS, WOULD_ADVERBS, is_word, positive_aux, quote, trim_span


def closed_suggestion(op: Opening, s: Parsed, lex: Lexicon) -> str | None:
    cs = lex.closed_suggestions
    aux = positive_aux(op.aux)
    subject = " ".join(s.text[op.subject_start : op.subject_end].split())
    if aux in ("do", "does", "did"):
        if not _AN_EFFECT.isdisjoint(s.wordset):  # "How did the app help…?" would presume the help
            return cs["do_effect"].format(aux=aux, subject=subject)
        return cs["do"].format(aux=aux, subject=subject)
    if aux in ("have", "has", "had"):
        if subject.lower() == "you" and "ever" in s.norm[op.end : op.end + 20].split():
            return cs["have_ever"].format(aux=aux, subject=subject)
        return cs["have"].format(aux=aux, subject=subject)
    if aux in ("is", "are", "was", "were", "am"):
        for k, w in enumerate(s.words):
            if w in lex.scalar:
                if s.starts[k] < op.subject_end:  # "Was that easy?": the quality is not part of the subject
                    subject = " ".join(s.text[op.subject_start : s.starts[k]].split())
                if not subject:
                    return None
                return f'ask "How {w} or {lex.scalar[w]} {aux} {subject}…?" instead'
        return None
    if aux in ("can", "could"):
        return cs["ability"]
    if aux in ("would", "will"):
        # "ask about the last time" only answers a forecast ("Would you pay…?"), not "Would you like…"
        return cs["would"] if _forecasts(op, s, lex) else None
    return None


_AN_EFFECT = frozenset({"help", "helps", "helped", "affect", "affects", "affected", "change", "changed", "changes", "save",
                        "saves", "saved", "improve", "improves", "improved", "difference", "reduce", "reduces", "reduced"})


def _forecasts(op: Opening, s: Parsed, lex: Lexicon) -> bool:
    """"Would you pay for it?", "Could you see yourself using it?": their verdict on what is
    proposed, put as a forecast of their own behaviour."""
    aux = positive_aux(op.aux)
    if aux not in ("would", "will", "could", "can"):
        return False
    k = op.index + 1
    while k < len(s.words) and (s.words[k] == "you" or s.words[k] in WOULD_ADVERBS):
        k += 1
    if k + 1 < len(s.words) and s.words[k] == "see" and s.words[k + 1] == "yourself":
        return True
    return aux in ("would", "will") and k < len(s.words) and lex.forecast_re.match(s.norm, s.starts[k]) is not None


_INDEFINITES = frozenset({"something", "someone", "anything", "anyone", "everything", "everyone"})
_STARTS_A_RELATIVE = frozenset({"you", "they", "we", "i", "he", "she", "that", "which", "who", "your", "their"})


def closed_finding(
    s: Parsed,
    core_q: str,
    ends_q: bool,
    op: Opening | None,
    tag: re.Match[str] | None,
    first: int,
    lex: Lexicon,
) -> Finding | None:
    text, words, starts, ends = s.text, s.words, s.starts, s.ends
    n = len(words)
    if op is not None and op.kind == "aux" and not _OPEN_CHOICE_END.search(core_q):
        # "Is there anything…?", "Were there any…?" invite a list as often as a no; a choice
        # ("…in person or remotely?") names its answers: right only most of the time.
        subject = words[op.index + 1] if op.index + 1 < n else ""
        existential = subject in _EXISTENTIAL or (subject == "there" and op.index + 2 < n and words[op.index + 2] in _EXISTENTIAL)
        choice = "or" in s.wordset and s.wordset["or"] > op.end
        # from the subject's first word on: "Does this help…?" reads "help" as the subject's noun
        # a negative opening ("Wouldn't you agree…?") asks them to agree: a judgement too
        judgement = (op.negative or _asks_judgement(s, s.ends[op.index + 1] if op.index + 1 < n else op.end, lex)
                     or _forecasts(op, s, lex))
        # Their history as a fact ("Have you used the app before?", "Are you currently
        # enrolled?") and a clarifying check ("Is that a regional office?") are fair gates
        # before an open probe; researchers differ on them.
        gate = not judgement and (_HISTORY.search(s.norm, op.end) is not None or _CLARIFYING.match(s.norm, op.start) is not None)
        return Finding(
            "closed", op.start, op.end,
            f'opens with "{quote(text, op.start, op.end)}", which invites a yes or no',
            closed_suggestion(op, s, lex),
            strict=existential or choice or subject == "there" or gate or not judgement,
            judgement=judgement,
        )
    if tag is not None and (op is None or op.kind == "wh"):
        ts, te = trim_span(text, tag.start() + (1 if core_q[tag.start()] == "," else 0), tag.end())
        return Finding(
            "closed", ts, te, f'ends with the tag "{quote(text, ts, te)}", which invites a yes or no',
            lex.closed_suggestions["tag"],
        )
    if op is not None and op.kind != "wh":
        return None  # polite request, task request, indirect question, interviewer modal
    if ends_q:
        has_wh = not s.wordset.keys().isdisjoint(lex.wh)
        found = _either_or(text, core_q, op, has_wh, lex)
        if found is not None:
            return found._replace(strict=True)
        first_word = words[first] if first < n else ""
        if op is None and not has_wh and (first_word in lex.declarative_subjects or first_word == "surely") and not (
                first_word in _INDEFINITES and first + 1 < n and words[first + 1] in _STARTS_A_RELATIVE):
            # ("And something you regretted buying?": a thing to tell about, a relative clause after it)
            return Finding(
                "closed", starts[first], ends[first],
                "a statement with a question mark invites a yes or no",
                lex.closed_suggestions["declarative"],
            )
        if (
            op is None
            and first_word in lex.elliptical
            and not (first + 1 < n and words[first + 1] in lex.elliptical_open)
        ):
            return Finding(
                "closed", starts[first], ends[first],
                f'"{text[starts[first]:ends[first]]}…?" is a shortened yes/no question',
                lex.closed_suggestions["declarative"], strict=True,
            )
        if op is not None and op.kind == "wh":
            tail = _final_clause(s, op, lex)
            if tail is not None:
                return Finding(
                    "closed", tail.start, tail.end,
                    f'ends with "{quote(text, tail.start, tail.end)}…?", which invites a yes or no',
                    closed_suggestion(tail, s, lex),
                )
    hit = lex.scale.search(s)
    if hit is not None and not lex.scale_open_re.search(s.norm):
        m = hit[1]
        return Finding(
            "closed", m.start(), m.end(),
            f'asks for a rating on a fixed scale ("{quote(text, m.start(), m.end())}") with no open part',
            lex.closed_suggestions["scale"], strict=True,
        )
    return None


_HISTORY = re.compile(
    r"\b(?:currently|familiar\s+with|aware\s+of|heard\s+of)\b"
    # recognition, not a verdict: "Does this look familiar to you?"
    r"|\b(?:look|looks|seem|seems|sound|sounds)\s+familiar\b"
    r"|\bhave\s+(?:a|an|any)\s+(?:[\w-]+\s+){0,3}?(?:account|login|card)\b"
)
_FAMILIAR_NEXT = re.compile(r"\s+familiar\b")
_CLARIFYING = re.compile(r"(?:is|was)\s+(?:that|this|it)\s+(?:a|an|the|your)\s+[\w-]+(?:\s+[\w-]+){0,2}\s*\?\s*$")
_EXISTENTIAL = frozenset({"anything", "any", "anyone", "anybody", "something", "someone", "anywhere"})


def _asks_judgement(s: Parsed, after: int, lex: Lexicon) -> bool:
    """The yes/no asks them to judge what is studied ("Is it clear…?", "Did it help?"), not
    an offer ("Would you like a copy?", "Would you like us to send updates?")."""
    for m in lex.judgement_re.finditer(s.norm, after):
        if m.group() == "like" and _OFFER.search(s.norm, 0, m.start()):
            continue
        if _FAMILIAR_NEXT.match(s.norm, m.end()):
            continue  # "Does this seem familiar?": recognition, which _HISTORY reads
        return True
    return False


_OFFER = re.compile(r"\b(?:would|'d)\s+(?:you\s+)?$|\byou'd\s+$")


# "Was it the price, the features, or something else?": the list leaves room for any answer.
_OPEN_CHOICE_END = re.compile(
    r"(?:,\s*|\s)or\s+(?:something|anything|someone|anyone|somewhere|some\s+other|another|other|others|neither|none"
    r"|whatever|what)\b[^?,;]{0,30}\?+\s*$"
)


def _final_clause(s: Parsed, op: Opening, lex: Lexicon) -> Opening | None:
    """A wh-question that narrows to a yes/no clause at the end ("How was the delivery -
    was it on time?"): the opening of that last clause. Not a parenthetical in the middle
    of the wh-clause ("What, if anything, would you change?")."""
    words = s.words
    n = len(words)
    breaks = [k for k in range(op.index + 1, n) if words[k] in CLAUSE_BREAKS]
    if not breaks:
        return None
    k = breaks[-1]
    head_end = breaks[0]
    # the wh-clause before the first break must be a clause of its own: "How was the delivery"
    if sum(1 for w in words[op.index : head_end] if is_word(w)) < 3:
        return None
    # "…, if anything, …" / "…, and how, …": the segment before the last break is an aside
    prev = breaks[-2] if len(breaks) > 1 else head_end
    if prev != k and words[prev + 1] in ("if", "and", "or", "say", "roughly", "approximately"):
        return None
    j = k + 1
    while j < n and (words[j] in lex.markers or words[j] == "or"):
        j += 1
    if j >= n:
        return None
    if aside_at(words, j):
        return None  # an aside, not a second ask: "How long did it take, do you think?"
    if words[j - 1] == "or" and (words[j] in lex.aux or words[j] in lex.neg_aux) and not clause_follows(words, j, lex):
        return None  # the same "which" asked on: "Which apps are you on now, or have used in the last year?"
    found = classify_at(s, j, lex)
    return found if found is not None and found.kind == "aux" else None



_EXAMPLE_MARKERS = re.compile(r"\b(?:e\.g|i\.e|such\s+as|like|including|for\s+example|for\s+instance)\b")


def _either_or(
    text: str, core_q: str, op: Opening | None, has_wh: bool, lex: Lexicon
) -> Finding | None:
    """A wh-question that ends in a fixed list ("Which is clearer, A or B?") or a bare
    option fragment ("Card or cash?")."""
    body = core_q.rstrip("?!. ")
    cut = max(body.rfind(",", len(body) - 200), body.rfind(":", len(body) - 200))
    if op is not None and op.kind == "wh" and cut > 0:
        tail = body[cut + 1 :]
    elif op is None and not has_wh and len(body) < 200:
        tail = body
        cut = -1
    else:
        return None
    tw = tail.split()
    if not (2 < len(tw) <= 12) or "or" not in tw or tw[0] in ("or", "and"):
        return None
    if "(" in tail or ")" in tail or _EXAMPLE_MARKERS.search(body):
        return None  # examples ("e.g. Notion, Evernote or paper"), not a fixed choice
    if any(w.strip("'\"()") in lex.open_options for w in tw):
        return None
    if any(w in lex.aux or w in lex.wh or w in lex.neg_aux for w in tw):
        return None  # a clause, not a list of options
    if tw[0] in lex.markers:
        return None
    ts, te = trim_span(text, cut + 1, len(body))
    return Finding(
        "closed", ts, te,
        f'offers a fixed choice ("{quote(text, ts, te)}"), which invites a one-word pick',
        lex.closed_suggestions["either_or"],
    )
