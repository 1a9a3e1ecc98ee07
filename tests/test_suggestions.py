"""Every suggestion guidelint makes is a grammatical question built from the author's words,
or there is none (issue 11: "Suggestions are grammatical rewrites of the actual question, or
nothing"). The check of form here is written apart from guidelint's own, so the two must
agree; it runs over every suggestion made on the examples, the real guides and the data sets."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from guidelint.config import Layer, Settings
from guidelint.engine import lint
from guidelint.parser import parse_text
from guidelint.questions import analyse_question, split_sentences
from tests.conftest import REAL_GUIDES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

# words a rewrite may add to the author's own
_ADDED = {"what", "how", "which", "if", "any", "anything", "or", "well", "much", "tell", "me", "about", "the", "last",
          "time", "you", "there", "is", "are", "was", "were", "do", "does", "did", "have", "has", "other", "like",
          "dislike", "a", "to", "think", "of"}  # ("What do you think of…?": the neutral ask for an opinion)
_OPENERS = {"what", "how", "why", "when", "where", "who", "which", "tell", "walk", "talk", "describe", "explain",
            "share", "show"}


def form_problems(suggestion: str, original: str) -> list[str]:
    words = re.findall(r"[\w'’-]+", suggestion.lower())
    problems = []
    if not words or re.split(r"['’]", words[0])[0] not in _OPENERS:
        problems.append("does not open with a wh-word or a request")
    ends = re.findall(r"[?.](?=\s|$)", re.sub(r"\b(?:e\.g|i\.e|etc|vs)\.", "", suggestion))
    if len(ends) != 1 or not suggestion.rstrip().endswith(("?", ".")):
        problems.append("is not one question")
    if any(a == b for a, b in zip(words, words[1:])):
        problems.append("repeats a word")
    if re.search(r"(?<!\bif )\bany(?:thing)?\s*(?:[,.?;:]|$)", suggestion, re.IGNORECASE):
        problems.append("leaves 'any' hanging")
    own = set(re.findall(r"[\w'’-]+", original.lower()))
    foreign = [w for w in words if w not in own and w not in _ADDED]
    if len(foreign) > max(1, len(words) // 5):  # an opposite ("hard" for "easy") and little else
        problems.append(f"is not built from the author's words ({foreign})")
    return problems


def _guide_suggestions(text: str, path: str) -> list[tuple[str, str]]:
    guide = parse_text(text, path)
    found = lint(guide, Settings(strict=True), cli=Settings(layers=[Layer(select=["GL1"])]))
    out = []
    for d in found:
        if d.suggestion:
            out.append((d.suggestion, guide.line_text(d.span.line)))
    return out


def _data_rows() -> list[str]:
    rows = []
    for path in sorted(DATA.glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader)
            column = header.index("question") if "question" in header else len(header) - 1
            rows += [row[column] for row in reader if len(row) > column]
    return rows


def test_every_suggestion_on_the_data_sets_has_the_form_of_a_question():
    made = 0
    for row in _data_rows():
        sentences = split_sentences(row)
        for sentence, report in zip(sentences, analyse_question(sentences)):
            for finding in report.findings:
                if finding.suggestion:
                    made += 1
                    assert form_problems(finding.suggestion, sentence) == [], (sentence, finding.suggestion)
    assert made >= 50  # the data sets are full of yes/no and one-sided questions: rewrites exist


def test_every_suggestion_on_the_examples_has_the_form_of_a_question():
    made = 0
    for path in sorted((ROOT / "examples").glob("*.guide.md")):
        for suggestion, line in _guide_suggestions(path.read_text(encoding="utf-8"), str(path)):
            made += 1
            assert form_problems(suggestion, line) == [], (path.name, line, suggestion)
    assert made >= 5  # most examples are good guides; the weak one has rewrites to check


def test_every_suggestion_on_the_real_guides_has_the_form_of_a_question():
    if not REAL_GUIDES.is_dir():
        pytest.skip("../shared/real-guides is not present")
    paths = [p for p in sorted(REAL_GUIDES.glob("*.md")) + sorted((REAL_GUIDES / "va").glob("*.md"))
             if p.name[:2].isdigit()]
    made = 0
    for path in paths:
        for suggestion, line in _guide_suggestions(path.read_text(encoding="utf-8"), str(path)):
            made += 1
            assert form_problems(suggestion, line) == [], (path.name, line, suggestion)
    assert made >= 10


@pytest.mark.parametrize("bad", [
    "How have any significant issues arisen?",  # a question that keeps "any" with no noun after it is fine…
])
def test_the_form_check_itself_accepts_a_plain_rewrite(bad):
    assert form_problems(bad, bad) == []


@pytest.mark.parametrize("bad,why", [
    ("How confusing or clear is anything?", "leaves 'any' hanging"),
    ("Can you self-refer, or not?", "does not open with a wh-word or a request"),
    ("How did did you pay?", "repeats a word"),
    ("What did you like? Why?", "is not one question"),
    ("How much did you enjoy the splendid concierge onboarding?", "is not built from the author's words"),
])
def test_the_form_check_rejects_what_the_issue_names(bad, why):
    assert any(p.startswith(why) for p in form_problems(bad, "Did you enjoy the onboarding?"))


def test_a_rewrite_keeps_words_that_do_not_praise_the_teams_thing():
    sentence = "How easy was it to look after your ageing relatives?"
    found = [f for f in analyse_question([sentence])[0].findings if f.kind == "leading"]
    assert found and found[0].suggestion == "How easy or hard was it to look after your ageing relatives?"


def _suggestions(sentence: str) -> dict[str, str | None]:
    return {f.kind: f.suggestion for f in analyse_question([sentence])[0].findings}


@pytest.mark.parametrize("sentence", [
    "Did you run through the checklist?",  # "How did you run?" is not the question
    "Do you deal with the suppliers directly?",
    "Is the forecast precise enough?",  # degree words and joined qualities
    "Is the plan too complicated?",
    "Is the portal simple to learn and quick?",
    "Are there any reports your manager reads?",  # a relative clause after "any"
    "Is there anything they'd remove?",
    "Do you need to print every invoice?",  # not a degree: "How much do you need…"
    "Would you switch if the price went up?",  # a condition has no last time
    "Would you recommend it to a colleague next year?",
    "Have you ever cancelled a plan, and did you come back?",
])
def test_no_suggestion_where_a_rewrite_would_be_ungrammatical(sentence):
    found = _suggestions(sentence)
    assert found, f"no finding at all on {sentence!r}: the test would pass for the wrong reason"
    made = {k: v for k, v in found.items() if v}
    assert made == {}, made


@pytest.mark.parametrize("sentence,kind,expected", [
    ("Did you book through the website?", "closed", "How did you book?"),
    ("Do you trust the totals on the dashboard?", "closed", "How much do you trust the totals on the dashboard?"),
    # not "How much do you like…?", which takes the liking for granted
    ("Do you like the new photo step?", "closed", "What do you think of the new photo step?"),
    ("Did your team enjoy the training?", "closed", "What did your team think of the training?"),
    ("Is the invoice easy to find?", "closed", "How easy or hard is the invoice to find?"),
    ("Are there any delays with the payroll?", "closed", "What delays, if any, are there with the payroll?"),
    ("Describe the sign-up and the renewal.", "double", "Describe the sign-up."),
])
def test_rewrites_that_still_fit(sentence, kind, expected):
    assert _suggestions(sentence).get(kind) == expected


@pytest.mark.parametrize("bad", ["What reports your manager reads, if any, are there?", "What, if anything, is they'd remove?"])
def test_well_formed_rejects_a_relative_clause_moved_before_if_any(bad):
    from guidelint.questions.rewrite import well_formed
    assert not well_formed(bad)


def test_a_scalar_rewrite_survives_an_and_inside_a_noun_phrase():
    assert _suggestions("Is it useful to get a summary of fees and dates?").get("closed") == \
        "How useful or useless is it to get a summary of fees and dates?"


def test_a_recommendation_forecast_gets_no_rewrite_that_presumes_one():
    # "Tell me about the last time you recommended us" would take for granted that they have
    guide = parse_text("# G\n\n## Q\n\n- Would you recommend us to other clinics?\n", "g.guide.md")
    [finding] = [d for d in lint(guide, Settings()) if d.name == "hypothetical-question"]
    assert finding.suggestion is None and "told others" in finding.message



@pytest.mark.parametrize("question", ["Would you pay £10 a month for this?", "Would you use it?",
                                      "Would you use a button to report a slow restaurant?",
                                      # a price of ours put to them; "this" before a preposition
                                      "Would you pay £3 a month for Plus?", "Would you pay $49/mo for auto-chasing?",
                                      "Would you buy this for your child's next birthday?",
                                      # an offer made now: a session, a version, a tool like this
                                      "Would you come to a free session in the library on the app?",
                                      "Would you pay for a premium version with progress reports?"])
def test_a_forecast_about_the_concept_shown_gets_no_last_time_rewrite(question):
    # nobody has used or paid for the concept yet: "the last time you paid £10 a month for this" is no question
    [finding] = [f for f in analyse_question([question])[0].findings if f.kind == "hypothetical"]
    assert finding.suggestion is None and "today" in finding.advice and "last time" not in finding.advice
    [kept] = [f for f in analyse_question(["Would you pay for premium support?"])[0].findings if f.kind == "hypothetical"]
    assert kept.suggestion == "Tell me about the last time you paid for premium support."
    # "that device" is their own, not the concept: the last time they used it is a fair question
    [own] = [f for f in analyse_question(["Would you use that device to search for a clinic?"])[0].findings
             if f.kind == "hypothetical"]
    assert "today" not in own.advice
    # a condition on a thing not there yet gets the same advice, whatever the frame
    for question in ["Do you think you would retire your account if this option were made available?",
                     "If we built a dashboard, would you use it every week?"]:
        [finding] = [f for f in analyse_question([question])[0].findings if f.kind == "hypothetical"]
        assert "how they handle it today" in finding.advice and "last time" not in finding.advice


@pytest.mark.parametrize("text, fine", [
    ("How do the department?", False),   # half of a split, its verb left with the other half
    ("What did you?", False),
    ("How does the team work?", True),
    ("What is your role?", True),
    ("How did it go?", True),
])
def test_well_formed_rejects_an_auxiliary_with_its_subject_and_no_verb(text, fine):
    from guidelint.questions.rewrite import well_formed
    assert well_formed(text) is fine


def test_a_split_that_leaves_half_a_question_suggests_nothing():
    sentence = "How do the department and the trust's governance team view handover incidents, and do they track them?"
    assert _suggestions(sentence).get("double") is None


@pytest.mark.parametrize("sentence", [
    "Would you come back for £1 a month?",      # a price put to them: they never paid it
    "Would you switch to Payday?",              # the team's product, named: no last time exists
])
def test_no_last_time_is_suggested_for_a_named_product_or_a_price(sentence):
    assert _suggestions(sentence).get("hypothetical") is None


def test_a_forecast_of_their_own_habit_still_gets_its_last_time():
    assert _suggestions("Would you pay for premium support?").get("hypothetical") == \
        "Tell me about the last time you paid for premium support."


@pytest.mark.parametrize("sentence, advice", [
    ("Would you ever come back?", "what has brought them back before"),
    ("Will you keep using it now the study is over?", "how they have used it so far"),
])
def test_a_return_or_staying_on_is_asked_about_from_what_happened(sentence, advice):
    from guidelint import questions
    [report] = questions.analyse_item((sentence,))
    [hypo] = [f for f in report.findings if f.kind == "hypothetical"]
    assert advice in hypo.advice
