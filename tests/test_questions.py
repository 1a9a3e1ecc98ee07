"""The question-wording classifier (guidelint.questions).

Every behaviour has examples that must fire and examples that must not. The sentences here
are written for the tests (not taken from tests/data/questions.tsv). The TSV's train split is
used once, as a regression guard on closed-question F1; its holdout split is only ever
reported by benchmarks/accuracy.py, never asserted here.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guidelint import questions
from guidelint.questions import lexicon as question_lexicon
from guidelint.questions import text as question_text
from guidelint.questions.reading import tokenise
from guidelint.questions import (
    Finding,
    SentenceReport,
    analyse_question,
    analyse_sentence,
    classify_row,
    split_sentences,
)

DATA = Path(__file__).parent / "data" / "questions.tsv"


def kinds(sentence: str) -> set[str]:
    return {f.kind for f in analyse_sentence(sentence).findings}


def finding(sentence: str, kind: str) -> Finding:
    found = [f for f in analyse_sentence(sentence).findings if f.kind == kind]
    assert found, f"no {kind} finding in {sentence!r}"
    return found[0]


def span(sentence: str, kind: str) -> str:
    f = finding(sentence, kind)
    return sentence[f.start : f.end]


# --------------------------------------------------------------------------------------
# API shape
# --------------------------------------------------------------------------------------


def test_the_lexicon_is_built_whole_and_frozen():
    lex = question_lexicon.load_lexicon()
    assert all(name in vars(lex) for name in lex.FIELDS) and len(vars(lex)) == len(lex.FIELDS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lex.wh = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError, match="trigger_keys"):
        question_lexicon.Lexicon(**{name: getattr(lex, name) for name in lex.FIELDS if name != "trigger_keys"})


def test_report_shape_and_immutability():
    report = analyse_sentence("Did you read the manual?")
    assert isinstance(report, SentenceReport)
    assert report.text == "Did you read the manual?"
    assert isinstance(report.findings, tuple)
    f = report.findings[0]
    assert isinstance(f, Finding)
    assert (f.kind, f.mild) == ("closed", False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.kind = "leading"  # type: ignore[misc]
    assert Finding("double", 1, 2, "r").suggestion is None


def test_analyse_question_returns_one_report_per_sentence():
    reports = analyse_question(["I'd like to ask about budgets.", "Who signs off on spending?", "Why?"])
    assert [r.text for r in reports] == ["I'd like to ask about budgets.", "Who signs off on spending?", "Why?"]
    assert all(not r.findings for r in reports)


def test_empty_and_note_sentences():
    assert analyse_sentence("").findings == ()
    assert analyse_sentence("   ").findings == ()
    assert analyse_sentence("[Wait for the participant to finish the task]").findings == ()
    assert analyse_question([]) == []


# --------------------------------------------------------------------------------------
# Closed questions
# --------------------------------------------------------------------------------------

CLOSED = [
    # whether they have any, not a request for them
    "Do you have any numbers on waste?",
    "Was the implementation smooth?",
    "Do you feel the university cares about its students?",
    "Did the staff make you feel welcome?",
    "Did you compare prices before booking?",
    "Do your engineers review each other's code?",
    "Does the app remember your basket?",
    "Is the renewal letter easy to understand?",
    "Are the delivery slots convenient?",
    "Was the refund processed quickly?",
    "Were the instructions in the box helpful?",
    "Have you ever switched broadband provider?",
    "Has your landlord fixed the boiler?",
    "Had you heard of us before the advert?",
    "Can Veterans book online?",
    "Could your assistant approve this on their own?",
    "Will your team renew next spring?",
    "Should the summary include charts?",
    "Would you use a shared calendar for this?",
    "Could you see yourself recommending it to a colleague?",
    "Can you log in without asking anyone?",
    "Would you pay more for faster delivery?",
    "D'you still keep paper receipts?",
    # lowercase, no question mark
    "did your manager sign off the budget",
    "is the export button easy to find",
    # British spelling
    "Have you organised a team away-day before?",
    "Did you change the colour of the dashboard?",
    # mid-sentence, after a lead-in clause
    "So, did you end up buying the annual plan?",
    "Before we start, do you use Slack at work?",
    "Thinking back to last winter, was the heating ever off for a whole day?",
    "When you signed up, did you read the terms?",
    # either/or picks between named options
    "Do you pay monthly or yearly?",
    "Was the problem the app or the network?",
    "Which do you use more, the app or the website?",
    "Paper or online?",
    # fixed-scale ratings with no open part
    "On a scale of 1 to 5, how confident are you filing taxes?",
    "How would you rate the checkout, from one to five?",
    # declarative, elliptical and narrowing forms
    "You mostly use the mobile app?",
    "Any problems logging in?",
    "Ever used a budgeting app?",
    "How was the delivery - was it on time?",
]

NOT_CLOSED = [
    # material asked for, to use in the story
    "Do you have any numbers we could use: waste %, hours spent on ordering, anything like that?",
    "Do you have any examples you could share?",
    "Don't jump in with fixes or apologies.",             # an instruction to the interviewer
    # a choice that leaves room for any answer
    "Was it the cost, the timing, or something else?",
    "Is it email, chat, or another channel?",
    "What did you do after the form timed out?",
    "How do you decide which supplier to use?",
    "Why did you switch banks?",
    "Where do you usually look for recipes?",
    "Which competitor did you move to?",
    "Tell me about the last time you missed a train.",
    "Walk me through your morning routine.",
    "Open the settings page and switch on dark mode.",
    "What, if anything, would you change about the report?",
    "What role, if any, did price play in your decision?",
    "Do you remember what made you sign up?",
    "Do you know why the sync failed?",
    "Which browser do you use: Chrome, Firefox or something else?",
    "What do you use for notes (e.g. Notion, Evernote or paper)?",
    "How satisfied are you on a scale from 1 to 10, and why?",
    "Why or why not?",
    "PROMPT: Could you return to the home page?",
    "Could you just try to upload a photo?",
    "Do feel free to skip any question.",
    "Have a look at the homepage and tell me what you notice.",
    "Don't worry about being polite.",
    "When did you last log in?",
]


@pytest.mark.parametrize("sentence", CLOSED)
def test_closed_fires(sentence):
    assert "closed" in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", NOT_CLOSED)
def test_closed_does_not_fire(sentence):
    assert "closed" not in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Did you compare prices before booking?", "Did you"),
        ("So, did you end up buying the annual plan?", "did you"),
        ("Is the renewal letter easy to understand?", "Is the renewal"),
        ("Are there any fees you didn't expect?", "Are there"),
        ("Which do you use more, the app or the website?", "the app or the website"),
        ("On a scale of 1 to 5, how confident are you filing taxes?", "scale of 1"),
        ("It was quick, wasn't it?", "wasn't it?"),
    ],
)
def test_closed_span_points_at_the_opening(sentence, expected):
    assert span(sentence, "closed") == expected


@pytest.mark.parametrize(
    ("sentence", "hint"),
    [
        ("Did you look at other vendors?", "Which other vendors did you look at?"),
        ("Is it easy to cancel?", "How easy or hard is it to cancel?"),
        ("Was the letter clear?", "How clear or confusing was the letter?"),
        ("Have you ever lost a parcel?", "Tell me about the last time you lost a parcel."),
        ("Have you ever been to the branch?", "Tell me about the last time you went to the branch."),
        ("Were there any problems with the export?", "What problems, if any, were there with the export?"),
        ("Is anything confusing on this page?", "What, if anything, is confusing on this page?"),
        ("Did you notice any new features in the app?", "What new features, if any, did you notice in the app?"),
        ("Do you trust the information here?", "How much do you trust the information here?"),
    ],
)
def test_closed_suggestion_rewrites_the_question_in_its_own_words(sentence, hint):
    assert finding(sentence, "closed").suggestion == hint


@pytest.mark.parametrize("sentence", [
    "Does your team pin versions?",  # "How does your team pin versions?" would presume they do
    "Can veterans self-refer?",
    "Have you ever sung a tandem?",  # a past tense we do not know
])
def test_no_suggestion_when_no_rewrite_is_sure(sentence):
    findings = analyse_sentence(sentence).findings
    assert findings and all(f.suggestion is None for f in findings)


def test_closed_suggestion_is_none_when_no_rewrite_fits():
    assert finding("Is English your first language?", "closed").suggestion is None


def test_closed_reason_names_the_opening():
    assert 'opens with "Did you"' in finding("Did you call support?", "closed").reason


# --------------------------------------------------------------------------------------
# Polite requests and consent / logistics: never closed
# --------------------------------------------------------------------------------------

POLITE = [
    # a group asked in turn
    "Could you each tell me about your role at the trust?",
    "Can you all describe a normal day at the depot?",
    "Would you feel able to tell me what happened?",
    "Could you walk me through how you prepare a quote?",
    "Can you tell me a bit about your team?",
    "Would you be able to describe the last time you filed an expense?",
    "Could you please share an example of a report you built?",
    "Would you mind telling me why you left?",
    "Could you give me an example of when that happened?",
    "Can you say more about what you mean by slow?",
    "Could you expand on that a little?",
    "Will you talk me through your first week?",
    "Would you walk us through the set-up, please?",
    "Can you explain how approvals work here?",
    "Could you show me where you keep your notes?",
    "Can you think of a time when the app let you down?",
    "I'd love to hear how your team plans a sprint.",
    "could you describe a typical day",
]

NOT_POLITE = [
    "Would you tell a friend about this shop?",  # a prediction, not a request to tell me
    "Would you share your location with the app?",
    "Could you see yourself using this every week?",
    "Could you tell me whether you used the export?",  # a yes/no question in disguise
    "Tell me about your role.",
    "Please describe your role.",
    "Could you share your screen, please?",  # logistics
]


@pytest.mark.parametrize("sentence", POLITE)
def test_polite_requests_are_polite_and_never_closed(sentence):
    report = analyse_sentence(sentence)
    assert report.polite, report
    assert "closed" not in kinds(sentence)


@pytest.mark.parametrize("sentence", NOT_POLITE)
def test_not_polite(sentence):
    assert not analyse_sentence(sentence).polite


CONSENT = [
    # a reference or case-study ask at the close runs the programme, it is not an interview question
    "Would you be open to the occasional reference call with another customer?",
    "Would you be happy to be a reference for us?",
    "Would you like a copy, and how should we send it?",   # the report offered at the close
    "Is it OK if I record this session?",
    "Is it all right with you if we turn on the transcript?",
    "Are you happy for me to take notes?",
    "Are you comfortable with us recording the call?",
    "Do you mind if my colleague listens in?",
    "May I start the recording?",
    "Shall we get started?",
    "Can you hear me clearly?",
    "Can you see my screen?",
    "Is your microphone working?",
    "Is the link we sent working for you?",
    "Do you need a quick break?",
    "Do you have a hard stop at four?",
    "Do you have any questions before we begin?",
    "Any questions before we start?",
    "Is there anything else you'd like to add?",
    "Anything else?",
    "Anything we didn't cover that you think we should know?",
    "Have you had a chance to sign the consent form?",
    "Do you understand that you can stop at any time?",
]


@pytest.mark.parametrize("sentence", CONSENT)
def test_consent_and_logistics_are_never_closed(sentence):
    report = analyse_sentence(sentence)
    assert report.consent, report
    assert "closed" not in kinds(sentence)
    assert not report.polite


@pytest.mark.parametrize(
    "sentence",
    ["Did you read the manual?", "What made you cancel?", "Are you happy with your bank?"],
)
def test_ordinary_questions_are_not_consent(sentence):
    assert not analyse_sentence(sentence).consent


def test_consent_question_can_still_be_leading():
    report = analyse_sentence("You're fine with us recording, right?")
    assert report.consent
    assert kinds(report.text) == {"leading"}


# --------------------------------------------------------------------------------------
# Mild: a closed question followed by an open one in the same item
# --------------------------------------------------------------------------------------


def test_closed_followed_by_open_question_is_mild():
    first, second = analyse_question(["Have you tried the new search?", "If so, how did it go?"])
    closed = [f for f in first.findings if f.kind == "closed"][0]
    assert closed.mild
    assert "follow-up" in closed.reason
    assert not second.findings


def test_closed_followed_by_prompt_is_mild():
    first, _ = analyse_question(["Did you contact support?", "Tell me what happened."])
    assert [f.mild for f in first.findings if f.kind == "closed"] == [True]


def test_closed_followed_by_closed_is_not_mild():
    reports = analyse_question(["Did it arrive?", "Was it damaged?"])
    assert [f.mild for r in reports for f in r.findings if f.kind == "closed"] == [False, False]


def test_a_yes_no_after_an_open_question_of_the_item_narrows_it_and_is_mild():
    reports = analyse_question(["Have you ever disputed a charge?", "How did that go?", "Would you do it again?"])
    assert [f.mild for f in reports[0].findings if f.kind == "closed"] == [True]
    assert [f.mild for f in reports[2].findings if f.kind == "closed"] == [True]
    # the forecast is still a forecast
    assert "hypothetical" in {f.kind for f in reports[2].findings}


def test_a_yes_no_alone_in_its_item_is_not_mild():
    reports = analyse_question(["Have you ever disputed a charge?"])
    assert [f.mild for f in reports[0].findings if f.kind == "closed"] == [False]


def test_open_probe_in_the_same_sentence_is_mild():
    f = finding("Did you call support, and if so, what happened?", "closed")
    assert f.mild


def test_analyse_sentence_alone_has_no_context():
    assert not finding("Have you tried the new search?", "closed").mild


# --------------------------------------------------------------------------------------
# Leading questions
# --------------------------------------------------------------------------------------

LEADING = [
    # the worst of ours taken for granted
    "What has been the most frustrating part of our new app?",
    # liking taken for granted of ours, or of the concept shown now
    "What did you like about using our app?",
    "What do you like about sending a photo instead of describing the problem?",
    # one cause handed over for a yes
    "Was price the main thing?",
    "Was it the monthly price that did it?",
    # one direction only, and a ranking of our own people
    "Which part of the shift did the tablet make easier?",
    "Who has been most helpful on our support team?",
    '"Is the pager app a pain to use?"',                 # the question itself in quotes is still read
    '"What made Ledgerly the clear winner?"',
    "most ppl say the docs are great, how'd you find them?",   # social proof, typed short
    "I imagine hospice care for children is especially close to your hearts?",   # the interviewer's guess
    "I bet Sunday mornings are busy for you?",
    "What's the biggest difference the new app has made for you?",   # the difference presumed, not wished for
    "What do you like about sending a photo instead of describing the problem?",  # "problem" is no second ask
    "Was Lumora's price too high?",                       # the price called too high for them
    "Were the fees for the premium plan too steep?",
    "Was it the fees that made you leave?",
    # a cause or reason handed over for a yes, a feeling presumed
    "Was it mainly the price increase that made you leave?",
    "Do you go there because it's cheap and quick?",
    "How reassuring did you find that?",
    # their answer put in our words, and a feeling guessed for them
    "So would you say it's really about feeling in control?",
    "You must find it hard now that so many branches have closed?",
    # a reason handed over for a yes, and doubt cast in one
    "Were the recipes too complicated?",
    "Is the text too small to read?",
    "Do you think your pupils actually read your comments?",
    "Did you even notice the banner?",
    # "really" in a yes/no says which answer is expected
    "Would a longer wait really bother you?",
    "Did the new rota really make a difference?",
    "Is the app really saving your team time?",
    # one direction of a comparison offered for a yes
    "Did you find our product harder to set up than [Competitor]'s?",
    "Was it easier than you expected?",
    # the worst of the design being tested taken for granted
    "What was the most frustrating part of the checkout?",
    "What's the most confusing thing about this page?",
    "What is the hardest step in the sign-up?",
    # a cause summed up for them
    "So the price was the main reason you picked it?",
    # the product credited with a change in them
    "Do you think the app makes you more organised?",
    "Has the planner made you feel more in control?",
    # a summary put back for them to confirm, the alternative already ruled out
    "So really the trouble was the delivery window, not the driver?",
    "So in the end it was the contract length, not the fee, that put you off?",
    "So you'd say the second week was the hardest?",
    "Okay, so the printer is the problem and not the software?",
    # an answer proposed for a yes ("Would you say … are happier?"), unless its opposite is offered
    "Would you say your drivers are calmer now?",
    # the interviewer's guess at how it is for them, as a statement or with a question mark
    "You must have found the booking page confusing?",
    "Night shifts must be quite draining for you?",
    # one option described as the worse (or better) one
    "Would you rather keep the paper rota or use the app, which is quicker?",
    "Do you book through the website or the phone line, which is much slower?",
    "Did you pick the yearly plan or the monthly one, which felt more expensive?",
    # "How + a quality" presumes the quality (a balanced "How easy or hard…" does not)
    "How clear was the letter you received?",
    "How useful are the weekly reports?",
    "How easy was it to find the form?",
    "How satisfied are you with the support?",
    # negative openers (also closed)
    "Don't you find the new menu easier?",
    "Isn't the old version better?",
    "Wasn't support quick to respond?",
    "Doesn't the dashboard save you time?",
    "Haven't you wanted this for years?",
    # tag questions
    "You found the set-up simple, didn't you?",
    "That was easy, right?",
    "The checkout is quick, isn't it?",
    # praise and emotive words
    "How intuitive did you find the new menu?",
    "What do you love about working with our team?",
    "How frustrating is it when the page reloads?",
    "Which of our fantastic new features have you used?",
    "Did the seamless checkout make a difference?",
    "Do you ever get annoyed with the reminders?",
    # presupposed outcomes and preferences
    "How much money has our platform saved you?",
    "How much easier is booking now?",
    "How has the new portal improved your week?",
    "What did you like best about our onboarding?",
    "Why do you prefer paying by card?",
    "What makes our support team so helpful?",
    "What's the best part of our new loyalty scheme?",
    "What problems has [PRODUCT] solved for you?",
    # assumptions and agreement
    "Obviously the old system was slow, but how did you cope?",
    "Do you agree that the new layout is clearer?",
    # social proof in the question
    "Since most of our customers say it's faster, how much time does it save you?",
    "Three out of four clinics we work with switched within a month; would you?",
    "Your peers at other councils said it cut the backlog; how has it gone for you?",
    # tags ending in yes, no, "am I right"
    "The new timetable suits you better, yes?",
    "Switching was quick, no?",
    "Your clinic runs smoother now, am I right?",
    # compound praise, loaded words about the old way, intensifiers
    "How often do you use our time-saving templates?",
    "Which parts of the hassle-free returns process did you try?",
    "How did you manage the chaos before the new rota?",
    "When did the old tracker become totally unusable?",
    # benefits credited before they are described
    "In what ways has the mentoring scheme helped your pupils?",
    "What can your team do now thanks to the new API?",
    "How many more orders do you ship now that labels print automatically?",
    "How much faster is the new portal than the paper forms?",
    "What makes the annual plan worth paying for?",
    "Why is the hospital app better than phoning reception?",
    "Which of our reports couldn't your finance team do without?",
    "Why would your colleagues recommend the course?",
    # a dream outcome sold first, and the feeling it should raise
    "Picture never losing a parcel again: what would that be worth to you?",
    "If the app could book your MOT automatically, how much would you pay?",
    "How exciting does that sound for your team?",
    # the interviewer's guess, offered for agreement
    "Doubtless you've noticed the faster load times; what else changed?",
    "I take it the move to the cloud went smoothly?",
    "Is it fair to say the workshop changed your mind?",
    "I bet your patients appreciate the reminders.",
    "Obviously the redesign paid off - talk me through the numbers.",
    # one option of a choice made to sound better
    "Would you rather stay on the sluggish legacy system or move to the cloud?",
    "Do you prefer our curated reading lists or hunting for articles yourself?",
    # a negative statement asked back; a tag typed without its "?"
    "So you didn't mind the longer wait?",
    "the new forms were easier to fill in, right",
    # harm, gains and intentions taken for granted
    "How badly did the strike disrupt your deliveries?",
    "What did the team do with the hours they saved?",
    "Explain how the chatbot has cut call volumes.",
    "Now that onboarding is quicker, what do new starters do first?",
    "When will you be upgrading the rest of the office?",
    "When you tell other parents about the app, what do you say?",
    "Since you're happy with the service, what should we add?",
    "Why does the booking page keep crashing?",
    "Was the pilot a huge success for your ward?",
    "How soon could your team start using it?",
    # others' verdicts, endorsement and sales closes
    "Given that most schools already use it, why haven't you?",
    "Shall I sign you up for the beta?",
    "We think the new fees are fairer. Do you share that view?",
    "Probe: given most hospitals have moved to e-prescribing, how far along are you",
    # case-study habits: results, partners and praise taken for granted
    "How much money do you reckon the council is saving each quarter?",
    "Which KPIs improved the most after launch?",
    "What sorts of efficiency gains have you seen since the rollout?",
    "How quickly did the clinic see a return on the new scanners?",
    "Would you say the platform has helped your recruiters hit targets?",
    "The new rota paid for itself in a term; does that sound right to you?",
    "I think the old supplier was the main blocker - is that fair?",
    "So it's safe to say the training went smoothly.",
    "How do you see us continuing as a trusted partner?",
    "Our service desk is famous for fast replies; how did they do for you?",
    "Was the new booking flow quick or very quick?",
    "Has the change been huge, or just significant?",
    "How many more seats would a free onboarding package make you more likely to buy?",
    "How often will you be using the new dashboard?",
    "What made you fed up with the previous provider?",
    "How did the exorbitant fees affect your budget?",
    "The menu should be pretty obvious, so just tell me what you'd click first.",
    "Have a look at our slick new checkout and tell me what you think.",
    # benefits in a subordinate clause, habits taken for granted, loaded scales
    "What money have you saved since the bills went paperless?",
    "After the reminders helped you stop missing doses, what else changed?",
    "How often do you open the app now that you rely on it for rotas?",
    "Which reports would you add next, given how much you use the dashboard?",
    "Was the letter clear, very clear or perfectly clear?",
    "On a scale where 1 is 'useful' and 5 is 'essential', how would you rate it?",
    "Tell me about the headaches the old claims form gave you.",
    "Other councils have already switched to the new system; how ready is yours?",
    # norms, lopsided answer lists, benefits in a phrase, steering
    "Online banking is the industry standard now. Why do you still visit the branch?",
    "Most clinics already send reminders by text. Where are you with that?",
    "The typical student submits online in week one - when did you?",
    "How was the food: excellent, very good, or good?",
    "How likely are you to renew - very likely, likely, or fairly likely?",
    "With the queues gone, how do you spend your lunch break?",
    "Which decisions do you make differently with the extra insight the dashboards give you?",
    "What will you do first once your school upgrades to the full licence?",
    "Is it just a matter of learning where the buttons are?",
    "Why not simply book online instead of phoning?",
    "So basically the tool saves you a morning a week?",
    # scales that lean by one step
    "How satisfied were you: very satisfied, satisfied, or not satisfied?",
    "How useful was it, from 1 (good) to 5 (extremely useful)?",
    # an improvement given as the setting, or as the answer to a comparison
    "Now that the forms are shorter, how long does a claim take?",
    "Given the faster turnaround, how do you plan orders now?",
    "How have things changed since the better rota came in?",
    "How has the extra flexibility changed your week?",
    "What have you done with the hours you used to spend on reports?",
    "How do you use the time you've saved on scheduling?",
    "What makes the new layout better for you?",
    "In what ways is the new portal an improvement?",
    "How did the team react when the old system was finally retired?",
    # gains seen, advocacy and renewal taken for granted; the old way as a mess; effort minimised
    "Tell me about the benefits you've noticed since moving to the new rota.",
    "How much safer do you feel cycling now that the lanes are in?",
    "How have the shorter forms affected your evenings?",
    "What do you do with the extra room on the new dashboard?",
    "What was the worst problem the old paper system caused you?",
    "Did the portal save you a lot of time, some time, or a little time?",
    "How often do you find yourself recommending the app to friends?",
    "When you next renew your membership, what would you add?",
    "What are you most looking forward to about moving onto the new platform?",
    "How did you put up with the chaos of the old spreadsheet?",
    "How would you sum up the hassle of getting a parking permit renewed?",
    "Several parents have told us the new timetable is clearer. How does it look to you?",
    "Since the new app ended the paperwork, what do you do with the time?",
    "The new rota has helped many nurses get home on time. How has it been for you?",   # done for others, first
    "u cancelled bc of the price right?",                  # the tag typed without its comma
    "Slow checkout is the number one complaint we hear. What was checkout like for you?",   # what others say most
    # (stop 27, from leading-dev8's tune half) loaded nouns, presumed worry, all-positive options
    "How much did the hidden fees put you off switching banks?",
    "Did the courier deliver your parcel completely on time, or mostly?",
    "How often do referrals fall through the cracks?",     # slips presumed to be common
    "What do you love about using our booking app?",   # our thing, not their work
    "When you're stuck with the manual forms, how do you cope?",
    "You just need to tap once to pay - how did that feel?",
    "Sounds like the new alerts really helped your team?",
    "So the booking page is working well for you then?",
    "What is it about the new app that you prefer over the old one?",
    "Who else would you recommend the service to?",
    "How would you rate it: easy, hard, or very hard?",
]

NOT_LEADING = [
    # a pick among what they run, on one attribute
    "Which of these has been the most hassle to run?",
    # their own past, as a switch interview asks it
    "What did you like about the way you were doing it back then?",
    # their own answer checked back, or both causes offered
    "Was that the main thing?",
    "Was it the price or the support that did it?",
    # both directions or both ends asked, the people around them ranked, the other example of a pair
    "What did you like least, and what did you like most?",
    "Which part of the shift did the tablet make easier, and which part did it make harder?",
    "Who has been most useful to you: the GP, a charity, friends, someone else?",
    "And one that completely missed the mark?",
    # "really" in a story prompt, an option or a hypothetical's condition is no verdict
    "Was there a shift when the app really helped?",
    "Is there anything you really liked?",
    "Is the weekly list useful or not really?",
    'You said it was "a pain" - what made it so?',        # their own word quoted back
    "What do you like about it, and what drives you mad about it?",   # both sides asked
    "How could your exhibit make that easier?",            # ideas for what they design
    "Which one makes it easier to work out which plan is right for you?",   # a pick between versions shown
    "What's a story or a book you really like?",          # their own favourite
    "Tell me about an app you really love.",
    "What, if anything, was a hassle about renewing the permit?",   # neutralised by "if anything"
    "When a form is sent, how do you know your supervisor has seen it?",   # "has" is a verb, not a plural
    "Once it's booked, how can you tell your landlord has read it?",
    "Where have you got to with the house move since the survey ended?",   # a date, not a benefit
    "What do you love most about running a small bakery?",   # their own work, as discovery asks
    "What do you enjoy about coaching the under-tens?",
    "Which of those kinds of help made the biggest difference to you?",   # a pick among what they named
    "Which of the tips do you think helped other growers you know?",     # asks about others, asserts nothing
    "What do you think the map view was designed for?",                  # asks them what it is for
    "And at the lights you turn right?",                   # a direction, not a tag
    "What's the last thing that fell through the cracks after a home visit?",   # one real slip asked for
    "What's the most common complaint you hear from customers?",   # asks them what others say
    "What would have made the biggest difference on the first morning?",   # a wish, looking back
    "What's the one thing that would make the biggest difference to your commute?",   # a wish, contracted
    "What must you check before a shift starts?",          # a duty, not a presumption
    "Did I get that right?",
    "Since the trial ended last month, what have you used instead?",
    "Is your blood pressure too high?",                   # a clinical fact, not a price
    "Was the price too high, too low or about right?",    # all sides named
    "Was the checkout too slow or about right?",
    "Was it the weather or the price that made you cancel?",
    "On a scale of 1 to 5, how reassuring was the message?",
    "Do you go there because of the price or for another reason?",
    # "like" describing, not praising
    "What are they like at a party?",
    "What is it like to use on a small screen?",
    "Was it too early or too late for you?",
    "How much is too much to spend on a gift?",
    # a comparison in their own life, not of ours
    "Is the bus cheaper than the train for you?",
    "Do you use it more than once a week?",
    # the options span the scale with a middle one
    "How do you feel about the weekly shop: is it a chore, something you enjoy, or somewhere in between?",
    # the hard part of their own life, not of our design
    "What's the hardest part of your week?",
    "What was the most frustrating part of moving house?",
    "So the price was the main reason, or was it something else?",
    "What makes you more confident when you book?",
    # how many of their own people do something: asked, not told
    "Roughly what share of your customers pay on invoice, and what share pay on the spot?",
    "How many of your staff say the new rota works for them?",
    "What, if anything, frustrates you about your bank?",
    "What do you like or dislike about the planner?",
    "What do you like about the app and what would you change?",
    "How easy or hard was it to set up?",
    "What's the hardest part of managing rota changes?",
    "What was the biggest challenge when you moved house?",
    "Tell me about the best holiday you've booked.",
    "How do you feel about the new navigation?",
    "I'd love to hear how you chose your first car.",
    "What do most customers say about us?",
    "Do you agree or disagree that meetings run too long?",
    "Perfect, so what happened next?",
    "Did the doctor explain the side effects clearly?",
    "Why didn't you renew?",
    # superlatives, choices, scenarios and other people, asked neutrally
    "What took the longest when you closed the books last month?",
    "Which step took the most time?",
    "Do you pay monthly or annually?",
    "Was the delivery fast or slow?",
    "If you no longer had the app, what would you do instead?",
    "Imagine you're booking a table for six on Friday. What do you do first?",
    "What if the payment fails - what happens then?",
    "How do other teams in your company handle approvals?",
    "What do your colleagues think of the rota?",
    "Why did you choose this bank?",
    "What percentage of your clients renew each year?",
    "Tell me about the last time the system broke down.",
    "Were you absolutely sure about the date?",
    "What was completely new to you in the first week?",
    "How do you cut costs when orders drop?",
    "When will you next review the contract?",
    "How many more questions do you have for us?",
    "What do reviewers usually say about products like this?",
    "Probe: what happened after that?",
    "Did you keep using the old system?",
    "What are you most proud of in your career?",
    "How do you describe the invoice page: clear, unclear, or somewhere in between?",
    "Was the delivery quick or slow?",
    "Was there anything about the form you found confusing, or was it fine?",
    "Since you started using the portal, what has changed?",
    "On a scale where 1 is 'not useful' and 5 is 'essential', how would you rate it?",
    "How did the new checkout compare: much easier, a bit easier, about the same, a bit harder or much harder?",
    "Were the instructions clear, unclear, or somewhere in between?",
    "When you switch between tabs, what do you expect to see?",
    "What is the best practice you follow for backups?",
    "What is your team known for?",
    "Who are your key partners?",
    "What helped the most when you were starting out?",
    "What made you switch now rather than last year?",
    "When you buy groceries, what do you look at first?",
    "Since you cut back your hours, how do you plan the week?",
    "Which of your products is most popular?",
    "On a scale from good to bad, how was the service?",
    # their own words quoted back
    'You called our new menu "clean" - what did you mean by that?',
    'You called the old form "a total nightmare" - what happened there?',
    # comparisons asked both ways, wishes, and an order of tasks
    "What would make the layout better?",
    "Is the new layout better or worse than the old one?",
    "What makes it easier or harder to book?",
    "Is there anything that makes it easier?",
    "After the shorter of the two tasks, how did you feel?",
    "Since the last visit, what has changed?",
    "How long did the paper diary stay around? What finally retired it?",
    "Which do you prefer, the app or the website?",
    "Did it save you time, cost you time, or make no difference?",
    "Who would you recommend I talk to next?",
    "How much longer does the paper form take than the online one?",
    "Sounds like you've tried a few tools - which ones?",
    "Why did you choose us over the other supplier?",
    "What are the biggest headaches in running the practice right now?",
    "How often do you get headaches, and what do you take for them?",
    "In a typical month, how many days do you have headaches?",
    "Don't know",
    "So what happened after that?",
    "What are you looking forward to this year?",
    # a closing "or not", a midpoint
    "Would you use it or not?",
    "How was it: good, okay, or bad?",
    "So do developers say it helps?",
    # an attribute the brands are rated on, and a projective exercise
    "Which of these banks is the most trustworthy?",
    # a wh-question with a negative auxiliary is no tag; a purchase of extra time is no gain
    "When did the readings match your mood, and when didn't they?",
    "What did you think of the price for the extra hours?",
    # a summary checked back that still leaves it open, and plain either/or clauses
    "So you'd say it was quick or slow?",
    "So what made you stay, if not the price?",
    "Which do you use more, the app or the website, which came first?",
    "Was it your manager or you who signed the order?",
    "Do you keep the receipts or the statements, which are shorter?",
]

# A statement said just before the question (read as one item, as a guide's line is)
LEADING_AFTER_A_STATEMENT = [
    # the memory asked for praises something of ours
    "Think back to a time our amazing support team helped you. What happened?",
    "We've just launched usage-based pricing, which saves most teams money. How does that change things for you?",
    # a received view put first
    "Smart thermostats are known to save households a lot of money. How important is saving to you?",
    "GPs have generally been resistant to the new scheme. How have your local GPs responded?",
    "Nurses have really taken to the new rota app. How has it worked for you?",
    "A good pension is what keeps people loyal. How much does it matter to you?",
    "Remote work is what everyone wants these days. How important is it to you?",
    "Most families shop online now. How do you buy groceries?",
    "People generally find the kiosk quicker than the counter. How do you check in?",
    "Most people we talk to use a spreadsheet. What do you use?",
    "Many teams in your area use paper. How does your team record visits?",
    "Paper forms are a pain. How do you submit your claim?",
    "Online banking has made branches pretty much pointless. When did you last visit one?",
    "Our team worked really hard on this page. What do you make of it?",
    "You're clearly an expert here. How do you choose a supplier?",
    "Our delivery times are now the fastest in the region. What made you pick us?",
    "We designed the new timetable specifically to cut waiting at the stop. How do you plan your trips?",
    "The self-checkout was built to take the queues away - how have you found it?",
    "Most people your age book holidays online - how do you book yours?",
    "Site managers generally agree that digital permits are safer. How do you issue permits?",
    "Your colleagues in the north office rated the training highly. What did you make of it?",
    "Best practice is to review access every quarter. How often do you review yours?",
    "Our rival sells it for £30 a year. How does our price compare?",
    "Ledgerly is the only provider with a bank feed for credit unions. Was that the deciding factor?",
    "The saver plan could save a typical family £180 a year. How appealing is that?",
    "Our new fee structure is simpler for sellers. What do you think of it?",
    "People who pick 'Neither' usually just can't be bothered to decide. Was that the case for you?",
    # the team's worry said after a dash, then the question
    "The page is called Events - we're worried that the word puts people off. Is there another word you would use?",
    "The name check is there to protect you. Did you find it helpful?",
    # the thing sold as an easy win first
    "Adding cover at checkout is a simple way to protect your order. How likely are you to add it?",
    "The planner is a great way to keep the whole family on track - what do you make of it?",
    # what the team knows went wrong, said first
    "We know the delivery slots were patchy in March. How much did that affect your decision?",
    "We realise the portal had problems over the winter. What happened when you used it?",
    # someone else's view of the thing, said first
    "Your sales rep tells us the demo went really well. How did it land for you?",
    # the problem put as fact first
    "Booking a slot takes way too long on Mondays. Where does the time go?",
    # an answer offered right after the open question
    "What was the main reason you switched? Was it the price?",
    "Why did you stop ordering? Was that down to the delivery fee?",
]

NOT_LEADING_AFTER_A_STATEMENT = [
    # thanks said after a script's label
    "Say: Thank you, that's really useful. What else should we have asked?",
    # which memory to bring: a critical incident, good or bad
    "Think back to a shift that went really well. What made it a good one?",
    "Now think of a shift you went home from feeling fed up. What happened?",
    "Sessions have usually been about an hour. How long do you have today?",
    "The form is known as the SA100. Where did you find it?",
    # a statement that opens with "what" is not the question the thanks leads into
    "Thank you, that's really useful. What you've said goes into our monthly report, without your name on it.",
    "That's brilliant, thanks so much. Anything else you want to tell me, good or bad?",
    "Thanks, that's really helpful. What do you think you can do here?",
    "Some customers tell us they rely on this feature and others say they never use it. Where do you sit?",
    "Most sessions last an hour. How long do you have today?",
    "Many of our participants are veterans. How did you hear about us?",
    "Most of the questions are about your job. What do you do?",
    "This is what we want to learn today. What does your day look like?",
    "Our office is the one next to the station - how did you get here today?",
    "Some teams love it, others hate it. What about yours?",
    "You just need to type your postcode. What do you expect to see next?",
    "If something is broken, that's the prototype, not you. What would you do first?",
    "We added a short section to help us plan the next study. How do you plan your week?",
    "We built a short survey to send after the call. What's the best email for you?",
    "Most of our questions today are about your job - what do you do?",
    "Price: £4.20 per serving, delivery free. What is your first reaction?",
    "Sam is the only one who knows the old system. How do you cover when Sam is away?",
    "There is a way to export the list. How did you find it?",
    "Is there someone there to help you? Who is it?",
    "The quickest way to reach us is by phone. What do you usually use?",
    # a requirement or a condition, not a guess about them
    "Would you say your drivers are calmer now, or less calm?",
    "What must be true for you to switch?",
    # the team's aim, not a claim about the product
    "We're looking at how people renew permits so we can make it easier. What would help you today?",
    # their own word quoted back, then asked about
    "You called the handover 'chaotic'. What made it chaotic?",
    "We know you're busy, so what's the one thing you'd change?",          # courtesy, not a premise
    "We know there are lots of tools out there. Which ones have you tried?",
    "Your manager told us you joined in May. What was your first week like?",  # a fact, not a view
    "Why did you switch? Was it you or your manager who decided?",          # names both, offers neither
    "What happens next? Is that a step you do yourself?",                   # about their answer
    "Tell me about the last booking. Was it for work?",                     # after a request, a fact
]


@pytest.mark.parametrize("item", LEADING_AFTER_A_STATEMENT)
def test_a_statement_before_the_question_leads_it(item):
    assert classify_row(item)["leading"], analyse_question(split_sentences(item))


@pytest.mark.parametrize("item", NOT_LEADING_AFTER_A_STATEMENT)
def test_a_neutral_statement_before_the_question_does_not_lead_it(item):
    assert not classify_row(item)["leading"], analyse_question(split_sentences(item))


@pytest.mark.parametrize("sentence", LEADING)
def test_leading_fires(sentence):
    assert "leading" in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", NOT_LEADING)
def test_leading_does_not_fire(sentence):
    assert "leading" not in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Don't you find the new menu easier?", "Don't you"),
        ("How intuitive did you find the new menu?", "intuitive"),
        ("The checkout is quick, isn't it?", "isn't it?"),
        ("Which of our fantastic new features have you used?", "fantastic"),
        # a demonstrative before an adverb is the subject itself, not a determiner
        ("Isn't this so much quicker than the old form?", "Isn't this"),
        ("Wasn't that really the hardest part?", "Wasn't that"),
        ("Isn't this form shorter than the old one?", "Isn't this form"),
    ],
)
def test_leading_span(sentence, expected):
    assert span(sentence, "leading") == expected


def test_negative_opener_is_closed_and_leading():
    assert kinds("Wouldn't it be easier to pay online?") >= {"closed", "leading"}


def test_tag_question_is_closed_and_leading():
    assert kinds("You'd trust us with your pension, wouldn't you?") >= {"closed", "leading"}


def test_social_proof_needs_a_following_question():
    (statement,) = analyse_question(["Most people say the app is fast."])
    assert not statement.findings


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        # social proof
        (["Our clients tell us the reports are a lifesaver.", "How do you use them?"], "social proof"),
        (["Most teachers find the planner really handy.", "What's your view?"], "social proof"),
        (["everyone loves the dark mode.", "do you use it?"], "social proof"),
        # presumptions and claims
        (["Of course the new ward layout has made handovers quicker.", "How do handovers work now?"], "follows"),
        (["I'm sure our app has made budgeting easier.", "What do you use it for?"], "follows"),
        (["Naturally, the old supplier let things slip.", "What happened?"], "follows"),
        (["The new sensor cuts inspection time by 40%.", "How many would you need?"], "follows"),
        (["Our award-winning app makes this simple.", "How do you use it?"], "follows"),
        (["The meal kit saves families money.", "How has it changed your shopping?"], "follows"),
    ],
)
def test_a_statement_before_the_question_can_make_it_leading(item, reason):
    statement, question = analyse_question(item)
    assert not statement.findings
    leading = [f for f in question.findings if f.kind == "leading"]
    assert leading and reason in leading[0].reason


@pytest.mark.parametrize("statement", [
    "I imagine you were relieved when the clinic went digital.",
    "Clearly the old supplier let you down.",
    "I'm guessing your team prefers the new rota.",
])
def test_a_guess_said_to_the_participant_is_asked_and_leading(statement):
    (report,) = analyse_question([statement])
    assert [f.kind for f in report.findings] == ["leading"]


@pytest.mark.parametrize("statement", [
    "I imagine we'll finish early today.",
    "Clearly, this is a draft.",
])
def test_a_guess_not_about_the_participant_is_not_a_question(statement):
    (report,) = analyse_question([statement])
    assert not report.findings


@pytest.mark.parametrize(
    "item",
    [
        ["Thanks, that's really helpful.", "What happened next?"],
        ["We've made a few changes to the menu.", "What do you notice?"],
        ["Great, thank you.", "How did the team react?"],
        ["Our researchers save the notes in a secure folder.", "Is that okay?"],
        ["The recording cuts down on note-taking.", "Is it all right if I record?"],
        ["This study improves the service for everyone.", "Any questions before we start?"],
    ],
)
def test_thanks_and_neutral_statements_are_not_lead_ins(item):
    _, question = analyse_question(item)
    assert not any(f.kind == "leading" for f in question.findings)


def test_neutral_lead_in_does_not_make_the_question_leading():
    _, question = analyse_question(["I'd like to ask about how you pay bills.", "What do you use?"])
    assert not question.findings


def test_polite_request_can_be_leading():
    report = analyse_sentence("Could you tell me what you loved about the new dashboard?")
    assert report.polite
    assert kinds(report.text) == {"leading"}


# --------------------------------------------------------------------------------------
# Double-barreled questions
# --------------------------------------------------------------------------------------

DOUBLE = [
    # a yes/no, then a figure
    "Did you try the app, and how often do you use it?",
    # a use, then a figure
    "What do you use the app for, and how often do you open it?",
    # the last time, then a view of today
    "When did you last shop there, and what do you think of their prices?",
    # "typical" with a second ask that is no contrast
    "What was typical of your shift, and who did you work with?",
    "Which tools do you use daily, and which do you pay for?",   # two sortings of one set
    "How do you use the paper rota, and what do you think of the booking app?",   # two asks, no relation asked
    "How do you check identity, and how do you check income?",
    "Do you read on Bookbug at home and at school?",
    # a view then a figure about it, and the preposition said twice
    "How do you feel about hotels getting in touch, and how often should they do it?",
    "What did you use, and how long did it take?",
    "Do you worry about scams and about giving out your details?",
    "What did you buy, and what was different about the shop?",
    "How do you choose and book a venue?",
    "What did you buy and where did you buy it?",
    "How often do you use the app, and for what?",
    "What are the costs and the benefits of the current system?",
    "How long does shipping take and how much does it cost?",
    "Who sets the budget and who approves it?",
    "How did your manager and your team react?",
    "When and why did you start freelancing?",
    "How, when and why did you join the club?",
    "Why did you leave and when?",
    "Were the slides clear and was the session long enough?",
    "Can you describe how you plan lessons and mark homework?",
    "How do you feel about the prices as well as the delivery times?",
    "How or why did you pick it?",
    "Are you okay being recorded and having your words quoted?",
    "What do you do at work, and what do they do at home?",
    "Which supplier is the most reliable and the cheapest to run?",   # two rankings
]

NOT_DOUBLE = [
    # one set, sorted: what they give the bot and the rest
    "What do you trust the chatbot with, and what would you rather a person handled?",
    # one contrast, one ranking from both ends, and a sentence that opens on "and"
    "What was typical of this morning's shift, and what was unusual?",
    "What was new to you, and what was the same?",
    "What did you like least, and what did you like most?",
    "And one that completely missed the mark?",
    "For each stage, what were you doing, and what was on your mind?",   # a journey map's lens on each stage
    "Of the jobs we did today, which one was most typical, and which was unusual?",   # one set, both ends
    "Which bits do you read first, and which do you scroll past?",
    "Which parts did your team use, and which did nobody touch?",   # one set, sorted by yes and no
    "Which games have lasted longest in your house, and which were forgotten within a week?",   # both ends
    "Which features do you use most, and which do you never open?",
    "How do the paper rota and the booking app fit together for you?",   # how two things work with each other
    "How do your budget and the forecast relate?",
    "Where do you read, at home or at school?",
    # a group asked who shares a view and who differs
    "Who else is seeing the same thing, and whose experience is different?",
    "Who else has had the same problem, and who has had a different experience?",
    # what a story might hold, after a request for it and a dash: cues, not two asks
    "Tell us about the last bus trip you took - where were you going, and how did you know which bus to get?",
    "So, walk me through your Monday morning: what happens first, and who helps you with it?",
    # one judgement asked both ways, in two short clauses
    "What is clear, and what is confusing?",
    "What works well, and what is a struggle?",
    # two words modifying one team or department name one group
    "How does your sales and marketing team share leads?",
    "Can you tell me how the finance and legal departments sign off a contract?",
    "When did you start, and why?",
    "What do you usually order, and why?",
    "How did you get up and running?",
    "What were the pros and cons for you?",
    "How do you handle the back and forth with clients?",
    "How do you decide between renting and buying?",
    "What's the difference between the free and paid plans?",
    "Open the menu and choose settings.",
    "You can stop at any time, and you can skip questions.",
    "What happened? And who did you call?",
    "How did you try and fix it?",
    "What happens when you click submit and the page reloads?",
    "How do you share files with friends and family?",
    "Did you try it, and if so, how did it go?",
    # who did which part of one piece of work
    "What did the adviser do for you, and what did you do yourself?",
]


@pytest.mark.parametrize("sentence", DOUBLE)
def test_double_fires(sentence):
    assert "double" in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", NOT_DOUBLE)
def test_double_does_not_fire(sentence):
    assert "double" not in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", [
    "How useful and how easy to use is the rota app on the ward?",    # "how" again, another quality
    "What did you think of the delivery fee, and of the way the total was shown?",  # "of" again, after a comma
])
def test_a_second_ask_without_a_verb_is_reported_by_default(sentence):
    assert finding(sentence, "double").strict is False


@pytest.mark.parametrize("sentence", [
    "When a bill is late, how do you decide whether to chase it and how hard?",  # a short tail
    "How long and how often do you train?",                                        # two figures: strict
])
def test_a_tail_or_two_figures_stay_strict(sentence):
    found = [f for f in analyse_sentence(sentence).findings if f.kind == "double"]
    assert all(f.strict for f in found)


def test_double_span_is_the_conjunction():
    sentence = "How do you choose and book a venue?"
    assert span(sentence, "double") == " and "
    assert '"choose" and "book"' in finding(sentence, "double").reason


def test_two_sentences_are_not_double():
    reports = analyse_question(["What happened?", "Who did you call?"])
    assert not any(r.findings for r in reports)


# --------------------------------------------------------------------------------------
# Hypothetical questions
# --------------------------------------------------------------------------------------

HYPOTHETICAL = [
    # a role to play
    "Pretend you are a new customer. What would you click first?",
    "If we brought back the off-peak plan, would you rejoin?",   # coming back, predicted
    "If we came back with a better price at renewal, would you reconsider?",
    "If there was a live lift-status app, would you check it before every journey?",
    # (stop 27, named as misses blind) taking the thing up, and a change by someone other than "we"
    "Would you turn on reminders for that?",
    "Would you set up a savings goal like this at home?",
    "If the council sent reminders by text instead of letter, would you read them?",
    "If the app let you pick your own seat, would you book earlier?",
    "Would a free card reader make you switch?",            # a change, then a forecast, said short
    "Which one would make you renew?",
    "Do you think a built-in planner would save you time?",
    "If your energy supplier made nights cheaper, would you run the dishwasher then?",  # their supplier's change
    "Would you book with StayNest in future?",            # staying a customer, forecast
    "Would you expand to the expenses module next year?",  # taking on more, forecast
    "Would you order from the app again?",
    "Would you give a bit extra if we had a text-to-donate option?",
    "If Bookbug had a games section, would you read more?",
    "Would the council build more homes itself if borrowing rules were relaxed?",
    "Would you come in more often if this were the menu?",
    # a company's move, a feature replayed, taking it up again or wider, a measure changed
    "If Maris opened a hotel near you, would you book it?",
    "If another marketplace offered lower fees, would you move your shop?",
    "Would a live stock check have saved that conversation?",
    "Would you roll it out to the UK team next year?",
    "Would you play it again tomorrow?",
    "Would you go to a class at the library to learn how?",
    "How many more items would you list if listing took half the time?",
    # a condition their organisation might bring in, a past replayed, someone else forecast
    "If your school brought in a no-homework policy, would you support it?",
    "Would you have cooked that night if you had had a plan ready?",
    "Would your manager sign off on $25 a seat?",
    "Would your vendors actually log into a portal?",
    "How often would you check it?",
    "How often would you use a tool like that?",
    # the concept shown is the object, whatever the week
    "How much would you pay for it in a typical month?",
    "Would a live view of everyone's headcount help you?",
    # a change offered, or a condition that is not so, then a forecast
    "If we gave every customer a named account manager, would you rate us higher?",
    "Would you come to a Saturday workshop if we ran one here?",
    "If the funding were there, would you take on more prescribing?",
    # a past decision replayed with its condition changed (since stop 23)
    "Would you have signed up if the price were higher?",
    "If we'd offered you a discount, would you have stayed?",
    "If it had cost twice as much, would you still have switched?",
    # their team's behaviour forecast after a change
    "If we built a dashboard for that, would your team use it?",
    "Would you pay for a premium tier?",
    "If we built a Slack integration, would you use it?",
    "Imagine the app could book appointments for you.",
    "How likely would you be to switch banks next year?",
    "How much would you pay for this?",
    "What would you do if the app went down during a shift?",
    "Suppose we removed the free plan.",
    "What if we charged per seat?",
    "Could you see yourself recommending it?",
    "Would you consider switching providers?",
    "Wouldn't it be nice to have everything in one place?",
]

NOT_HYPOTHETICAL = [
    # the observer asks to be ignored: no scene is set
    "Could you plan that flight the way you normally would? Pretend I'm not here.",
    "What would make you switch?",                          # what it would take, asked openly
    "If your supplier changed the tariff last year, what did you do?",   # a past change, what they did
    "Would you expand on what you meant by that?",        # a polite request to say more
    "Would you handle it differently next time?",         # a reflection on what happened
    "If this were your own bill, what would you do first?",
    "What would you have liked to see on that page?",
    "How would your manager describe your role?",
    "How often do you check your balance?",
    # a habit estimated, not a forecast
    "Roughly how many hours would you spend on marking in a typical week?",
    "How many calls would you take on an average shift?",
    "Roughly how many hours would you spend on it in a typical week?",
    "Would the green or the blue button help you more?",   # a pick between what is shown
    # a role to play in a task, and a wish
    "If this were your own bill, what would you do next?",
    "If it were up to you, how would you like to resolve it?",
    "What did you do the last time the app went down?",
    # anchored in a real event: decided not to report (see rules/lexicon.yaml)
    "What would you change about the last time you booked a trip?",
    # the classic ideation prompt, used on purpose: decided not to report
    "If you had a magic wand, what would you change about your workflow?",
    # a past decision with nothing changed in it, and counterfactuals they choose to raise
    "Would you have done anything differently, looking back?",
    "Why did you stay with us after the price went up?",
    "If you had known about the fees, what would you have asked the bank?",
    # opinions, not predictions
    "Would you say the process is fair?",
    "Would you consider yourself a confident cook?",
    "How did the rollout go (if you were involved)?",
    "Would you mind if I record?",
    "PROMPT: Say you wanted to book a repair. How would you do that from here?",
]


@pytest.mark.parametrize("sentence", HYPOTHETICAL)
def test_hypothetical_fires(sentence):
    assert "hypothetical" in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", NOT_HYPOTHETICAL)
def test_hypothetical_does_not_fire(sentence):
    assert "hypothetical" not in kinds(sentence), analyse_sentence(sentence)


def test_hypothetical_span_and_suggestion():
    f = finding("If we built a Slack integration, would you use it?", "hypothetical")
    assert "If we built a Slack integration, would you use it?"[f.start : f.end] == "would you use"
    assert f.suggestion is None  # the condition cannot be turned into a past event
    assert finding("Would you pay for premium support?", "hypothetical").suggestion == \
        "Tell me about the last time you paid for premium support."


# --------------------------------------------------------------------------------------
# Text handling
# --------------------------------------------------------------------------------------


def test_curly_apostrophes_and_mixed_case():
    assert kinds("DON\u2019T YOU LOVE THE NEW APP?") >= {"closed", "leading"}
    assert analyse_sentence("I\u2019d love to hear how you plan your week.").polite


def test_spans_index_the_original_text_even_with_unicode():
    sentence = "Caf\u00e9 owners \u2014 did you try the \u00e9lite plan?"
    f = finding(sentence, "closed")
    assert sentence[f.start : f.end] == "did you"


def test_bullets_and_trailing_notes():
    assert "closed" in kinds("Did you finish the course (if applicable)?")
    assert "closed" not in kinds("How do you decide which accounts get a rep? (probe for criteria)")


def test_split_sentences_keeps_abbreviations():
    assert split_sentences("Which tools (e.g. Jira) do you use? Why?") == ["Which tools (e.g. Jira) do you use?", "Why?"]


# --------------------------------------------------------------------------------------
# classify_row (the benchmark's view)
# --------------------------------------------------------------------------------------


def test_classify_row():
    assert classify_row("Have you tried X? If so, how did it go?") == {
        "closed": True, "leading": False, "double": False, "polite": False,
    }
    assert classify_row("Could you walk me through your last order?")["polite"]
    # polite is about the first question sentence, not a lead-in statement
    assert classify_row("I want to ask about billing. Could you describe how you pay?")["polite"]
    assert not classify_row("Tell me about your team. Could you describe your role?")["polite"]
    assert classify_row("Hiring managers tell us they love the scorecards. How do you use them?")["leading"]


def _train_rows() -> list[dict[str, str]]:
    with open(DATA, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows if r["split"] == "train"]  # never the holdout


def test_train_split_closed_f1_regression_guard():
    rows = _train_rows()
    assert len(rows) > 200
    tp = fp = fn = 0
    polite_flagged = polite_total = 0
    for row in rows:
        got = classify_row(row["question"])["closed"]
        gold = row["closed"] == "1"
        tp += gold and got
        fp += got and not gold
        fn += gold and not got
        if row["polite"] == "1":
            polite_total += 1
            polite_flagged += got
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, f1
    assert polite_flagged <= 0.03 * polite_total


# --------------------------------------------------------------------------------------
# Robustness: pathological input must not hang (a hang guard, not a speed test)
# --------------------------------------------------------------------------------------

PATHOLOGICAL = {
    "letters": "a" * 100_000,
    "question marks": "?" * 100_000,
    "spaces": " " * 100_000 + "?",
    "commas": "So, " * 25_000 + "did you?",
    "ands": "Did you " + "find and install " * 6_000 + "?",
    "and-between": "How do you decide between " + "x and " * 16_000 + "compare?",
    "wh-or": "how or " * 14_000 + "why?",
    "social proof": "most people " * 9_000 + "say so.",
    "conditional": "if we built it " * 7_000 + "would you?",
    "how much": "how much " * 11_000 + "saved?",
    "apostrophes": "you're " * 14_000 + "?",
    "hyphens": "a-b-" * 25_000 + "?",
    "digits": "1 to 5 scale " * 7_500 + "?",
    "brackets": "(" * 50_000 + ")" * 50_000,
    "love": "I'd love to hear how you " * 4_000,
    "dotted i": "\u0130" * 50_000 + "?",
}


_RUN_ONE = """
import sys
from tests.test_questions import PATHOLOGICAL
from guidelint.questions import analyse_question, analyse_sentence, classify_row
text = PATHOLOGICAL[sys.argv[1]]
analyse_sentence(text); classify_row(text); analyse_question([text, "Why?"])
"""


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_long_input_does_not_hang(name):
    """In a child process: a regex that backtracks holds the GIL, so a thread could never
    time out, and the whole test run would hang instead of failing."""
    root = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run([sys.executable, "-c", _RUN_ONE, name], cwd=root, capture_output=True,
                              text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"analysing the {name!r} input did not finish in 20 s")
    assert done.returncode == 0, done.stderr


def test_lexicon_patterns_are_linear_enough():
    """No pattern may nest unbounded repeats (the usual cause of catastrophic backtracking)."""
    text = (Path(questions.__file__).resolve().parents[3] / "rules" / "lexicon.yaml").read_text(encoding="utf-8")
    nested = re.compile(r"\((?:[^()]|\([^()]*\))*[+*]\)[+*]")
    for line in text.splitlines():
        assert not nested.search(line), line
        assert ".*" not in line or line.lstrip().startswith("#"), line


# --------------------------------------------------------------------------------------
# Trigger gating must not change what the patterns find
# --------------------------------------------------------------------------------------


def _groups() -> list[question_lexicon.PatternGroup]:
    lex = question_lexicon.load_lexicon()
    values = [getattr(lex, name) for name in lex.FIELDS]
    return [v for v in values if isinstance(v, question_lexicon.PatternGroup)]


def test_trigger_gated_search_equals_a_plain_search():
    lex = question_lexicon.load_lexicon()
    sentences = [r["question"] for r in _train_rows()] + CLOSED + NOT_CLOSED + POLITE + CONSENT + LEADING
    sentences += NOT_LEADING + DOUBLE + NOT_DOUBLE + HYPOTHETICAL + NOT_HYPOTHETICAL
    for text in sentences:
        norm = question_text.normalise(text)
        sentence = tokenise(text, norm, lex)
        for group in _groups():
            plain = [
                m
                for rx, anchored in zip(group.compiled, group.anchored)
                for m in ([rx.match(norm)] if anchored else [rx.search(norm)])
                if m
            ]
            expected = min((m.start() for m in plain), default=None)
            got = group.search(sentence)
            assert (got[1].start() if got else None) == expected, (text, group.compiled)


# Sentences whose texts stand at the edges of tokens: placeholders, joined words, quotes and
# dashes made plain, letters beyond ASCII (and one whose lower case is longer), digits and signs
_EDGES = [
    "Don't you think the award-winning [NEW APP] is user-friendly?",
    "Wouldn't it be great if the {feature name} saved you time—wouldn’t it?",
    "So most people say it's self-explanatory, right?",
    "Did the go-to tool (the top-rated one) cost £40/month or 40%?",
    "On a 1-10 scale, how would you rate the café's new-found freedom?",
    "İs the İnvoice screen hassle-free, or not?",
    "'Hassle-free' — is that what you'd call it?",
    "-don't --go-to ''s e.g. etc. vs. i.e.",
    "[a bracket that runs on and on well past forty characters without closing",
    "",
]


def test_a_sentences_gate_texts_are_those_a_scan_of_it_finds():
    """``GateTexts.present`` reads the texts from the sentence's tokens: the same set a scan of
    the whole normalised sentence finds."""
    from guidelint.required_text import LiteralScanner

    lex = question_lexicon.load_lexicon()
    texts = lex.gate_texts
    whole = LiteralScanner(texts.texts(-1))
    sentences = _EDGES + [r["question"] for r in _train_rows()] + LEADING + NOT_LEADING + HYPOTHETICAL + CONSENT
    for text in sentences:
        norm = question_text.normalise(text)
        assert texts.texts(tokenise(text, norm, lex).present) == whole.present(norm), text


def test_a_gated_search_on_edge_sentences_equals_a_plain_search():
    lex = question_lexicon.load_lexicon()
    for text in _EDGES:
        norm = question_text.normalise(text)
        sentence = tokenise(text, norm, lex)
        for group in _groups():
            plain = [m for rx, anchored in zip(group.compiled, group.anchored)
                     for m in ([rx.match(norm)] if anchored else [rx.search(norm)]) if m]
            got = group.search(sentence)
            assert (got[1].start() if got else None) == min((m.start() for m in plain), default=None), (text, group.compiled)
            every = sorted((m.start(), m.end()) for rx, anchored in zip(group.compiled, group.anchored)
                           for m in ([rx.match(norm)] if anchored else rx.finditer(norm)) if m)
            assert sorted(m.span() for _, m in group.finditer(sentence)) == every, (text, group.compiled)


@pytest.mark.parametrize(("name", "least_f1"), [("leading-dev.tsv", 0.9), ("leading-dev2.tsv", 0.8), ("leading-dev3.tsv", 0.8), ("leading-dev4.tsv", 0.8), ("leading-dev5.tsv", 0.8), ("leading-dev6.tsv", 0.7), ("leading-dev7.tsv", 0.7)])
def test_leading_development_set(name, least_f1):
    """Leading questions and near-miss neutral ones, each set written after a tuning round by
    someone who had not seen the detector, and used for the next: a regression guard, not an
    accuracy estimate (the held-out split in questions.tsv and the untouched half of each set,
    in benchmarks/accuracy.py --dev, are that)."""
    import csv

    rows = list(csv.DictReader((DATA.parent / name).open(encoding="utf-8"), delimiter="\t",
                               quoting=csv.QUOTE_NONE))
    predicted = [classify_row(r["question"])["leading"] for r in rows]
    truth = [r["leading"] == "1" for r in rows]
    tp = sum(p and t for p, t in zip(predicted, truth))
    precision = tp / max(1, sum(predicted))
    recall = tp / max(1, sum(truth))
    assert len(rows) >= 70 and 2 * precision * recall / (precision + recall) >= least_f1


@pytest.mark.parametrize("question", [
    "What have you tried in the past to make the activity easier?",
    "What would make the report easier to read?",
])
def test_purpose_and_wishes_are_not_presupposed_improvements(question):
    assert not classify_row(question)["leading"]


@pytest.mark.parametrize("question", [
    "Would you be willing to introduce us to a couple of your past students?",
    "Would you be willing to speak with us again in the future?",
    "Do you know any other customers who might be willing to take part?",
])
def test_referral_and_follow_up_asks_are_logistics(question):
    report = analyse_sentence(question)
    assert report.consent and not report.findings


def test_willing_to_pay_is_hypothetical():
    kinds = {f.kind for f in analyse_sentence("Would you be willing to pay for it?").findings}
    assert {"hypothetical", "closed"} <= kinds


@pytest.mark.parametrize("question", [
    "Is there anything that would have made them easier to understand?",
    "How many results do you want to see after you search?",
    "What have you tried in the past to make the activity easier?",
])
def test_counterfactuals_and_plain_counts_are_not_leading(question):
    assert not classify_row(question)["leading"]


@pytest.mark.parametrize("question", [
    "When did you realise you needed a better way to handle invoices?",
    "Which feature do you find most useful?",
    "How worried were you about losing the data?",
    "How much of a burden were the monthly reports?",
    "What problems did the old process cause you?",
    "How has working with us changed things for the better?",
])
def test_presupposed_needs_values_and_feelings_are_leading(question):
    assert classify_row(question)["leading"]


def test_every_lexicon_pattern_is_gated_or_cheap():
    """A pattern with no trigger words is searched in every sentence; one with a lookbehind or
    a group of groups up front cost several µs each (a quarter of the classifier's time). Such
    patterns must name their trigger words with ``requires``, be anchored at the start, or
    open with a literal character."""
    lex = question_lexicon.load_lexicon()
    ungated = [
        g.compiled[i].pattern
        for name in lex.FIELDS
        if isinstance(g := getattr(lex, name), question_lexicon.PatternGroup)
        for i in g.always
        if not g.anchored[i] and not re.match(r"\\[^bBwWsSdDAZ]|[^\\(\[.^$*+?{|]", g.compiled[i].pattern)
    ]
    assert ungated == []


def test_a_lead_in_speaks_only_to_the_question_after_it():
    reports = analyse_question(["Most teams say it is quick.", "Of course it is cheap too.", "What do you use?",
                                "What else?"])
    assert [[f.kind for f in r.findings] for r in reports] == [[], [], ["leading"], []]


def test_an_instruction_that_ends_by_asking_is_not_two_questions():
    """ "…and talk me through it" makes an instruction an ask (read for leading wording) but
    its "and" joins two instructions, not two questions."""
    text = "Go a little slower than usual on the site and talk me through what you do."
    assert kinds(text) == set()
    assert kinds("Have a look at our sleek new homepage and tell me what you notice.") == {"leading"}


# --------------------------------------------------------------------------------------
# One-sided asks carry their side, so a question on the other side nearby balances them
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence,side", [
    ("What did you like about this process?", 1),
    ("How easy was it to find the form?", 1),
    ("What works well for you on this page?", 1),
    ("What is the benefit of signing in first?", 1),
    ("What is confusing about this section?", -1),
    ("What annoys you most about the booking page?", -1),
    ("How frustrating was the booking page?", -1),
])
def test_one_sided_asks_are_leading_with_their_side(sentence, side):
    leading = [f for f in analyse_sentence(sentence).findings if f.kind == "leading"]
    assert [f.polarity for f in leading] == [side], sentence


@pytest.mark.parametrize("sentence", [
    "What was that experience like?",  # "like" as a preposition
    "How can we make this page more useful for you?",  # an ask to improve
    "What would make this page more useful to you?",
    "Would anything make it easier to use this feature?",
    "How could we improve this section?",
    "On a scale of 1-5, with 5 being the most useful, how would you rate this page?",  # an anchor
    "Were there any points where you felt stuck, annoyed, or especially satisfied?",  # both sides
    "How do you help Veterans work through these sections?",  # they help others
    "Where would you expect to see the latest updates on your benefits?",  # benefits, the noun
    "What are 3 considerations we should keep in mind to best support those who use our tools?",
    # their own problems, explored: a fair discovery question, not a flaw presumed in a design
    "What is your biggest pain point with the queue?",
    "What's the hardest part of managing rota changes?",
    "What worked well and what didn't when you moved your files across?",
    "What was the most confusing part of your first week, if there was one?",
    "How confident do you feel managing your budget, on a scale of 1 to 10?",
])
def test_asks_that_are_not_one_sided_or_leading(sentence):
    assert "leading" not in kinds(sentence), analyse_sentence(sentence)


# --------------------------------------------------------------------------------------
# A wish ("would like") and a habit ("like to <verb>") are not praise
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "What would you like to find on the start screen?",
    "Which reports would you like us to send each month?",
    "What do you like to cook when friends visit?",
    "What do they like to read on the train?",
])
def test_a_wish_or_a_habit_is_not_one_sided(sentence):
    assert "leading" not in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", [
    "What did you like about the new search results?",
    "Which features do you like most on the checkout?",
])
def test_liking_the_product_is_still_one_sided(sentence):
    assert [f.polarity for f in analyse_sentence(sentence).findings if f.kind == "leading"] == [1]


# --------------------------------------------------------------------------------------
# Evaluative words about the participant's own life, feelings and habits are not leading
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Tell me about the last time you got annoyed with your bank.",
    "When did you last feel really excited about a purchase?",
    "What do you enjoy reading before bed?",
    "What would you love to change first?",
    "How do you keep track of obsolete parts in your warehouse?",
    "What makes a perfect handover between shifts, in your experience?",
    "Which of your suppliers use outdated invoices?",
])
def test_their_own_life_feelings_and_habits_are_not_leading(sentence):
    assert "leading" not in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", [
    "What did you love about our booking flow?",
    "How excited were you when our new planner launched?",
    "What do you think of this seamless sign-in?",
    "What did you appreciate most about the shorter forms?",
    # a descriptive word with a degree, or with no "you" in the question, still judges
    "Why is your ordering screen so old-fashioned?",
    "How did staff cope with an obsolete scanner?",
    "How many evenings were wasted on your manual reports?",
])
def test_evaluating_the_teams_own_thing_is_still_leading(sentence):
    assert "leading" in kinds(sentence), analyse_sentence(sentence)


# --------------------------------------------------------------------------------------
# Closing catch-alls asked with "have" or "like to" are not closed
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Have you got anything more to share before we finish?",
    "Do you have anything further you'd like to mention today?",
    "Would you want to say anything else?",
    "Would you like to ask anything before we stop?",
])
def test_closing_catch_alls_with_have_or_like_to_are_not_closed(sentence):
    assert "closed" not in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", [
    "Would you like to add anything to the weekly digest?",  # a product ask, not the close
    "Do you have anything to share with your accountant?",
])
def test_asks_about_adding_to_a_thing_are_still_closed(sentence):
    assert "closed" in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence,forecast", [
    ("Would you like the calendar to sync overnight?", False),
    ("Would you prefer a shorter form?", False),
    ("Would you still renew the plan?", True),
])
def test_the_last_time_advice_only_answers_a_forecast(sentence, forecast):
    advice = finding(sentence, "closed").advice or ""
    assert ("the last time" in advice) == forecast, advice


# --------------------------------------------------------------------------------------
# More request verbs: polite, never closed; true ability questions stay closed
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Could you talk a little bit about how your team plans holidays?",
    "Can you speak a bit more about the hand-off?",
    "Could you list the spreadsheets you keep each week?",
    "Could you summarize how a refund gets approved?",
    "Could you estimate how many hours the audit takes?",
    "Would you recount what happened at the last inspection?",
    "Could you think back to your first week in the role?",
    "Could you do me a favour and describe your Monday morning?",
    "Can you remind us what the old process looked like?",
])
def test_more_request_verbs_are_polite_and_never_closed(sentence):
    report = analyse_sentence(sentence)
    assert report.polite and "closed" not in kinds(sentence), report


@pytest.mark.parametrize("sentence", [
    "Can you spot the search field?",
    "Could you afford a second licence?",
    "Can you estimate your tax bill inside the app?",
    "Can you work out what went wrong from the message?",
    "Could you name your files however you like?",
])
def test_ability_questions_stay_closed(sentence):
    assert "closed" in kinds(sentence), analyse_sentence(sentence)


# --------------------------------------------------------------------------------------
# An aside at the end of a wh-question ("…, do you think?") does not close it
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Roughly how many invoices came in last month, would you guess?",
    "Who first suggested the new rota, do you recall?",
    "Why did the team drop the paper forms, do they know?",
    "Approximately how long was the queue, would you say?",
])
def test_an_aside_at_the_end_does_not_close_a_wh_question(sentence):
    assert "closed" not in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", [
    "How did the handover go, did it finish on time?",
    "What happened at the audit, do you know the outcome?",
    "The new rota is fairer, would you say?",  # a statement offered for agreement
])
def test_a_yes_no_clause_at_the_end_still_closes_it(sentence):
    assert "closed" in kinds(sentence), analyse_sentence(sentence)


# --------------------------------------------------------------------------------------
# "Would you say…" with both answers offered presumes neither
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Would you say the renewal was quick or slow?",
    "Would you say the training was useful or not useful?",
    "Would you agree the wording is clear or unclear?",
])
def test_an_ask_for_a_view_with_both_answers_is_not_leading(sentence):
    assert "leading" not in kinds(sentence), analyse_sentence(sentence)


@pytest.mark.parametrize("sentence", [
    "Would you say the renewal was quick?",
    "Would you say the renewal was quick or very quick?",
])
def test_an_ask_for_a_view_with_one_side_is_still_leading(sentence):
    assert "leading" in kinds(sentence), analyse_sentence(sentence)


def test_each_side_word_is_one_token_so_the_word_sets_can_gate_the_side_patterns():
    from guidelint.questions.lexicon import load_lexicon
    from guidelint.questions.text import TOKEN_RE, normalise

    lex = load_lexicon()
    for word in lex.positive_side_words | lex.negative_side_words:
        assert TOKEN_RE.findall(normalise(word)) == [word]


def test_a_pattern_of_top_level_alternatives_is_tried_on_a_trigger_of_any_of_them():
    """A pattern is tried only where one of its trigger words stands: a second top-level
    alternative's first word must trigger it too, or it never matches ("best practice is…")."""
    from guidelint.questions.lexicon import _triggers

    assert _triggers(r"\b(?:industry|market)\s+standard|\bbest\s+practice") == {"industry", "market", "best"}
    assert _triggers(r"\bbest\s+practice|(?:the\s+)?norm") is None  # one alternative has no literal first word
    assert classify_row("Best practice is to back up weekly. How often do you back up your files?")["leading"]


@pytest.mark.parametrize(("question", "advice"), [
    ("Was that easy?", 'ask "How easy or hard was that…?" instead'),
    ("Is the form easy to use?", 'ask "How easy or hard is the form…?" instead'),
])
def test_the_advice_for_a_yes_no_about_a_quality_keeps_the_quality_out_of_the_subject(question, advice):
    assert finding(question, "closed").advice == advice


@pytest.mark.parametrize("question", [
    "What made you look for something new (too expensive, too complicated, etc.)?",
    "What made you look for something new, e.g. too expensive, too slow or too complicated?",
    "What made you look for something new, for  example too expensive, too slow or too complicated?",
    "What made you look for something new, SUCH AS too expensive, too slow or too complicated?",
])
def test_one_sided_examples_are_found_in_every_form_of_list(question):
    """The example lists are looked for only in sentences that hold "(", "e.g", "example" or
    "such" (the pattern cannot match without one): each form must still be read."""
    assert any(f.reason.startswith("the examples offered") for f in analyse_sentence(question).findings)


@pytest.mark.parametrize("statement", [
    "Some customers tell us they rely on it and others say they never use it.",
    "SOME customers tell us they rely on it, but OTHERS say they never use it.",
])
def test_both_sides_of_what_others_think_is_not_social_proof(statement):
    assert _social_proof_of(statement) is None


def _social_proof_of(statement: str):
    from guidelint.questions.leading import social_proof
    from guidelint.questions.lexicon import load_lexicon

    lex = load_lexicon()
    return social_proof(tokenise(statement, question_text.normalise(statement), lex), lex)


@pytest.mark.parametrize("question", [
    "How satisfied are you, from 1 (not at all satisfied) to 5 (extremely satisfied)?",
    "How easy was it, on a scale of 1 (very difficult) to 7 (very easy)?",
])
def test_the_labels_of_a_scales_ends_in_brackets_are_anchors_not_praise(question):
    assert "leading" not in kinds(question)


@pytest.mark.parametrize("text", [
    "Is it OK if we record this session?", "Do we have your conſent?", "Are you happy to be RECORDED?",
    "Can you see my screen now?", "Have I stopped the recording?", "What do you think of the price?",
    "Would you be ok with having them join us?", "How would you describe ıt?",
])
def test_logistics_parts_searched_one_by_one_find_what_the_whole_alternation_finds(text):
    from guidelint.questions import logistics

    present = logistics._gates()[0].present(text.lower())
    assert logistics._says_logistics(text, present) == (logistics._logistics().search(text) is not None)


@pytest.mark.parametrize("said, leads", [
    # our thing's standing said first, joined by a dash or as a sentence of its own
    (["The reading room is our most popular space — how do you use it?"], True),
    (["Our onboarding call is usually the strongest part of the trial.", "How did you find it?"], True),
    (["The main hall is the oldest part of the building — how do you use it?"], False),   # a fact, no praise
    (["The top floor is the quietest.", "Where do you usually sit?"], False),
    # what it was made to do, with its makers named; lives changed, said as fact
    (["Bookbug is designed by teachers to build confidence.", "What have you noticed since your child started?"], True),
    (["The bridge was built by the Victorians to carry trains.", "How do you cross the river?"], False),
    (["Your gift has transformed the lives of so many families.", "How does it feel to know that?"], True),
    (["Your team has changed the way we work.", "How did the rollout go?"], False),
])
def test_our_things_standing_said_before_the_question_leads(said, leads):
    found = {f.kind for report in analyse_question(said) for f in report.findings}
    assert ("leading" in found) is leads


@pytest.mark.parametrize("said, leads", [
    (["You gave that visit 2 out of 5.", "What made it a 2?"], False),    # their own score read back
    (["You rated the app 3 out of 5 in your diary.", "What happened that week?"], False),
    (["Nine out of ten teachers say it saves time.", "What do you think?"], True),   # others' figure
    (["Most users rate it 4 out of 5.", "How would you rate it?"], True),
])
def test_their_own_rating_read_back_is_no_social_proof(said, leads):
    found = {f.kind for report in analyse_question(said) for f in report.findings}
    assert ("leading" in found) is leads


@pytest.mark.parametrize("said, leads", [
    # a scale's labels before the follow-up are no lead-in ("Excellent" said by no one)
    (["Overall, how would you rate your visit today?", "1 Very poor · 2 Poor · 3 OK · 4 Good · 5 Excellent",
      "What's the main reason you gave it that score?"], False),
    (["Most visitors call it excellent.", "What's the main reason you gave it that score?"], True),
    # which kind among what they have had; both ends of a story asked for
    (["What kind of help has made the biggest difference to you so far?"], False),
    (["What kind of support from our team has made the biggest difference?"], True),
    (["Tell me about a recent lesson that went really well — or really badly."], False),
    (["Tell me about a recent lesson that went really well."], True),
])
def test_scales_picks_and_both_ends_read_for_what_they_are(said, leads):
    found = {f.kind for report in analyse_question(said) for f in report.findings}
    assert ("leading" in found) is leads


@pytest.mark.parametrize("said, leads", [
    # a change praised as done, our side defended, ease claimed, what it was made to be
    (["The application form is much shorter now.", "Did you find it quick?"], True),
    (["Our fees are actually lower than most banks — did you know that?"], True),
    (["The banking app is very easy to use these days — would you give it a try?"], True),
    (["The gallery is designed to be great for kids — would you say it works for your family?"], True),
    (["You probably found us through a review site — is that right?"], True),
    (["Most councils that moved to four days saw fewer missed collections.", "What do you think?"], True),
    # facts, courtesy and logistics joined by a dash are no premise
    (["Our office is actually in Leeds.", "How did you get here?"], False),
    (["The form is easy to find on the website.", "Where did you look first?"], False),
    (["The session lasts an hour - would you like a break halfway?"], False),
])
def test_premises_said_before_a_question_in_more_words(said, leads):
    found = {f.kind for report in analyse_question(said) for f in report.findings}
    assert ("leading" in found) is leads



@pytest.mark.parametrize("sentence, kind, strict", [
    ("And something you regretted buying?", None, None),               # a thing to tell about, not a yes/no
    ("Something broke?", "closed", False),
    # right only most of the time: blind readers and writers split on them
    ("Who was involved, and who had the final say?", "double", True),
    ("What's the most annoying part of getting paid?", "leading", True),
    ("What's the most annoying thing about our new dashboard?", "leading", False),
])
def test_fragments_and_split_readings(sentence, kind, strict):
    findings = [f for f in analyse_question([sentence])[0].findings if kind is None or f.kind == kind]
    if kind is None:
        assert not any(f.kind == "closed" for f in findings)
    else:
        [finding] = findings
        assert finding.strict is strict



@pytest.mark.parametrize("sentence, logistics", [
    ("What questions do you have so far about the entries?", True),   # a check-in on the briefing
    ("Ask: What questions do you have about the diary?", True),
    ("What questions did the doctor ask you?", False),
])
def test_asking_for_their_questions_runs_the_session(sentence, logistics):
    from guidelint.questions.logistics import is_logistics_sentence
    assert is_logistics_sentence(sentence) is logistics


@pytest.mark.parametrize("sentence, kind, strict", [
    # the last time and what happened in it: one story
    ("When did you last look at it, and what were you looking for?", "double", True),
    # the scope of a story asked for, not two things judged at once
    ("Could you tell me a little about the museum and the shop?", "double", True),
    ("What did you think of the gallery layout and the pre-visit pack?", "double", False),
    # the worst of their own experience, ranked; of ours it still leads
    ("Thinking back over all your pick-ups, what's the one thing that has annoyed you most?", "leading", True),
    ("What's the thing that annoyed you most about our new app?", "leading", False),
    # a yes/no taken on by "how did that go"
    ("Did you speak to anyone at the club before you cancelled, and how did that go?", "double", True),
    # one set sorted both ways
    ("Which styles are holding up, and which are fading?", "double", True),
])
def test_forms_researchers_split_on_are_reported_in_strict_mode_only(sentence, kind, strict):
    [report] = questions.analyse_item((sentence,))
    assert [f.strict for f in report.findings if f.kind == kind] == [strict]
