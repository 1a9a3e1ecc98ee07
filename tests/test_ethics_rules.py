"""Ethics and logistics rules (GL4xx): consent, data use, the close, case-study approval."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidelint.catalogue import builtin
from guidelint.checks.ethics import compile_patterns
from guidelint.config import Settings
from guidelint.diagnostics import Severity
from tests.conftest import EXAMPLES, REAL_GUIDES, real_guide
from tests.helpers import codes, lint_snippet

CLOSE = "## Wrap-up\n\nThank you! We'll send you a summary of what we learn next month.\n"
CONSENT = "Is it all right if we record this call?"
DATA_USE = "Nothing you say is attributed to you by name."
LENGTH = "This takes about 30 minutes."


def guide(intro: str = "", *, close: str = CLOSE, front: str = "") -> str:
    """A small guide: optional front matter, an intro holding ``intro``, one question, a close."""
    head = f"---\n{front}---\n" if front else ""
    return (f"{head}# Guide\n\n## Intro\n\n{intro}\n\n## Questions\n\n- What brought you here today?\n\n{close}")


def findings(text: str, rule: str, *, strict: bool = False):
    return [d for d in lint_snippet(text, select=[rule], settings=Settings(strict=True) if strict else None)]


# ---- GL401 missing-consent -------------------------------------------------------------------

CONSENT_ASKED = [
    "Is it all right if we record this call?",
    "May we record this conversation?",
    "Can I record our chat so I don't have to take notes?",
    "Is it OK if I record the session?",
    "Is it ok with you if I record the screen and audio?",
    "Do I have your permission to record the session today?",
    "- **Are you comfortable if I record my screen and audio as we talk today?**",
    "Would it be okay to start recording now?",
    "Are you okay for us to start recording?",
    "Would you be comfortable with me recording the call?",
    "Do you mind if I record?",
    "Would you mind if I recorded the interview?",
    "Is it alright if I tape our conversation?",
    "Are you happy for the session to be recorded?",
    "Do you consent to us recording this interview?",
    "We'll be recording this call \u2014 is that alright?",
    "I'd like to record this so I can focus on you. Is that OK?",
    "With your permission, we'll record your screen and voice.",
    "Do you give your consent to take part and to be recorded?",
    "*Ask permission to record before you start.*",
    "- Say whether you\u2019ll be recording the conversation or not",
    "_[Get verbal consent before the first question.]_",
    "[Interview consent form](https://example.org/form)",
    "I'd like to record our conversation, if that's OK with you.",
    "Before we start, I'd like to ask if we can record.",
    "Would you be OK with us recording?",
    "Are you happy for me to record this?",
    "Do you mind me recording?",
    "*Ask about recording before the first question.*",
    "> We'd like to record the audio and screen. Only this team will use it. Are you happy for us to go ahead?",
    "I'll record our call so I can listen properly; are you okay to proceed?",
    "- Hand out the consent forms and read them aloud before anyone starts.",
    "> We're recording audio for our notes. Is everyone comfortable with that?",
    "- Confirm the release form came back signed before we hit record.",
    "- Say: \"I'd like to record this so we've got good notes; only our team hears it. OK if I start it now?\"",
    "> We record the screen and your voice for the team. Alright for me to turn it on?",
    "- I'm gonna record so I'm not typing the whole time. It's only for the team. That ok?",
]

CONSENT_MISSING = [
    "Thanks for joining! Any questions before we start?",
    "*Start recording.*",
    "Hit record and begin.",
    "I'll be recording this session.",
    "I have started recording.",
    "The recordings are stored in our research drive.",
    "Record the participant's job title in your notes.",
    "- How do you record your expenses?",
    "- Are you comfortable recording expenses in the app?",
    "- Would you be willing to take part in a future study?",
    "- Do you keep records of your calls?",
    "Don't forget to start recording.",
    "I'll be recording this session. Are you happy with your current setup?",  # agrees to nothing recorded
    "I'll be recording this session. OK if I start with a few easy questions?",  # starts the questions, not the recording
]


@pytest.mark.parametrize("intro", CONSENT_ASKED)
def test_consent_asked_passes(intro):
    assert findings(guide(intro), "missing-consent") == []


@pytest.mark.parametrize("intro", CONSENT_MISSING)
def test_consent_missing_fires(intro):
    assert codes(findings(guide(intro), "missing-consent")) == ["GL401"]


@pytest.mark.parametrize("intro", [
    "This call is not being recorded.",
    "We won't record this conversation.",
    "There's no recording; I'll just take notes. Is that OK if I take notes?",
    "Do you agree to take part in this interview?",
    "Given that, do you feel comfortable proceeding?",
])
def test_a_guide_that_does_not_record_passes_when_it_says_so_or_asks_to_take_part(intro):
    assert findings(guide(intro), "missing-consent") == []


def test_consent_to_take_part_is_not_enough_once_the_guide_records():
    text = guide("Do you agree to take part in this interview?\n\n*Start recording.*")
    [finding] = findings(text, "missing-consent")
    assert "records (line 7)" in finding.message
    assert "Is it all right if we record this call?" in finding.message


def test_agreeing_to_take_part_after_hearing_of_the_recording_is_consent_to_it():
    told = "Taking part is up to you. The call is being recorded so our notes match what you say."
    asked = "Are you happy to take part?"
    assert findings(guide(f"{told}\n\n{asked}\n\n*Start recording.*"), "missing-consent") == []
    # asked before they hear of it, or long after, it agrees to something else
    assert findings(guide(f"{asked}\n\n{told}\n\n*Start recording.*"), "missing-consent")
    filler = "\n\n".join(f"- Point {n} of the agenda." for n in range(8))
    assert findings(guide(f"{told}\n\n{filler}\n\n{asked}\n\n*Start recording.*"), "missing-consent")


@pytest.mark.parametrize("setup", ["Format: Zoom, cloud recording on", "Groups are video recorded for the client.",
                                   "fmt: 30' call, Otter on", "Calls are recorded on Grain.", "Grain is on for every call.",
                                   "I'll have otter running so I don't have to type.",
                                   "Recording: the dialler records every call automatically."])
def test_a_recording_named_in_the_set_up_notes_needs_its_ask(setup):
    text = f"# Guide\n\n{setup}\n\n## Intro\n\nThanks for joining us today.\n\n## Questions\n\n- What brought you here?\n"
    [finding] = findings(text, "missing-consent")
    assert "records (line 3)" in finding.message


def test_a_session_plan_without_an_intro_heading_is_no_question_bank():
    # parts and a stated length make it the plan of a session: its consent, data use and close are its own
    text = ("# Ward visits\n\n**Length:** about 40 min per nurse.\n\nStart the audio recorder before handover.\n\n"
            "## Part A: Shadowing\n\n- Where does handover happen?\n\n## Part B: Interview\n\n- How did you learn it?\n")
    assert {f.name for f in lint_snippet(text, select=["GL4"])} >= {"missing-consent", "missing-data-use", "missing-wrap-up"}
    bank = text.replace("**Length:** about 40 min per nurse.\n\n", "").replace("Start the audio recorder before handover.\n\n", "")
    assert lint_snippet(bank, select=["GL4"]) == []  # no length, no recording: a bank of questions


def test_the_recording_named_in_a_block_of_set_up_lines_is_named_on_its_own_line():
    setup = "**Who:** detractors from the spring survey.\n**Goal:** the reason behind the score.\nCalls are recorded by the dialler."
    text = f"# Guide\n\n{setup}\n\n## Intro\n\nThanks for joining us today.\n\n## Questions\n\n- What brought you here?\n"
    [finding] = findings(text, "missing-consent")
    assert "records (line 5)" in finding.message


@pytest.mark.parametrize("setup", ["Log each recording on a sticky note.", "Otter only for the written transcript."])
def test_a_recording_cue_needs_more_than_the_words_recording_on(setup):
    text = f"# Guide\n\n{setup}\n\n## Intro\n\nThanks for joining us today.\n\n## Questions\n\n- What brought you here?\n"
    assert all("records (line 3)" not in f.message for f in findings(text, "missing-consent"))


def test_consent_message_without_recording_offers_both_ways():
    [finding] = findings(guide("Welcome!"), "missing-consent")
    assert "ask permission to record" in finding.message
    assert "not recorded" in finding.message


def test_consent_in_a_probe_or_a_branch_note_counts():
    text = guide("- Before we begin, a few things.\n  - Is it OK if I record this call?")
    assert findings(text, "missing-consent") == []


@pytest.mark.parametrize("text,line,column", [
    (guide("Welcome!", front="duration: 30 min\n"), 4, 1),  # the title heading, not the front matter
    (guide("Welcome!"), 1, 1),
    ("Thanks for joining us today.\n\n## Questions\n\n- What brought you here?\n", 3, 1),
    ("Welcome! What brought you here?\n", 1, 1),
])
def test_findings_without_a_line_sit_at_the_anchor(text, line, column):
    for rule in ("missing-consent", "missing-data-use"):
        [finding] = findings(text, rule)
        assert (finding.span.line, finding.span.column) == (line, column)


# ---- GL402 missing-data-use ------------------------------------------------------------------

DATA_USE_SAID = [
    "Nothing goes live until she has heard the edit.",
    "It's not a test, and nothing goes to ops or your account.",
    "Nothing you say will be linked to your name in anything we share.",
    "Nothing goes back to your manager with your name on it.",
    "None of your comments will be attributed to you directly.",
    "We\u2019ll share our results publicly but we won\u2019t connect your responses to your name or agency.",
    "We won't link any notes to your name or other personal information.",
    "Your answers are anonymous.",
    "We anonymise everything before sharing it.",
    "We'll quote you anonymously.",
    "Everything you say is confidential.",
    "Everything you tell us will be kept strictly confidential.",
    "The recording is only used by our team.",
    "Our notes stay internal.",
    "- We will be taking notes today to keep as an internal reference for our team",
    "- We will not be publishing our notes publicly",
    "The recordings are destroyed after analysis.",
    "The file will be deleted soon after our call.",
    "Only the research team sees the recording, and we delete it after six months.",
    "Nobody outside our small team hears it.",
    "Your name won't appear in anything we share.",
    "I won't use your real name anywhere.",
    "We report what we hear without linking it to you.",
    "We use the recordings to confirm that we have captured your opinions accurately.",
    "You'll approve the story before we publish it.",
    "If we want to quote you by name, we will come back to get your approval.",
    "- Privacy: tell your participant how you'll manage their PII",
    "_[Explain how we'll store their data.]_",
    "We'll only use this to improve the product.",
    "Your feedback will be used to improve the site.",
    "What you say stays between us.",
    "We won't share your answers with anyone outside the team.",
    "It's only for my notes.",
    "We keep apart anything that could identify you.",
    "Before clips go anywhere, we blur your face and take out your name.",
    "We may share short clips with our colleagues on the design team.",
    "You can withdraw your data until the end of the month.",
]

DATA_USE_MISSING = [
    "Welcome, and thanks for coming.",
    "- How do you store your customer data?",
    "- Where are your notes kept?",
    "- What do you do with confidential client files?",
    "- Tell me about a time a file was deleted by mistake.",
    "- Do you use anonymous surveys with your customers?",
    "- What attributes matter most when you choose a vendor?",
    "- Can you share your name and role?",
    "- Who approved the budget?",
    "We use Slack to share feedback.",
    "There are no right or wrong answers; we're testing the site, not you.",
    "- How do you identify your best customers?",
    "- Which details could identify a returning caller?",
    "- Who do you share meeting notes with?",
    "- How do you remove old names from the mailing list?",
    'If they ask about prices, say: "I\'m not the right person for that, but I can pass your details to sales."',
]


@pytest.mark.parametrize("intro", DATA_USE_SAID)
def test_data_use_said_passes(intro):
    assert findings(guide(intro), "missing-data-use") == []


@pytest.mark.parametrize("intro", DATA_USE_MISSING)
def test_data_use_missing_fires(intro):
    assert codes(findings(guide(intro), "missing-data-use")) == ["GL402"]


def test_data_use_message_names_the_recording_when_the_guide_records():
    [finding] = findings(guide(f"{CONSENT}\n\n*Start recording.*"), "missing-data-use")
    assert "records (line 7)" in finding.message
    assert "who hears the recording" in finding.message


# ---- GL403 missing-wrap-up -------------------------------------------------------------------

@pytest.mark.parametrize("close", [
    CLOSE,
    "## Closing\n\nThanks so much! Your gift card will arrive by email this week.\n",
    "## Thank you and next steps\n\nWe appreciate your time. You'll receive the draft within two weeks.\n",
    "## Wrapping up\n\n- Who else should we talk to?\n\n"
    "Thanks! We'll be in touch once we've spoken to a few more people.\n",
    "## Wrap-up (3 min)\n\n> Thank you. Here's what happens next: we'll send you a draft of the story.\n",
    "## Final thoughts\n\nCheers for your time. I'll follow up by email with the voucher.\n",
    # no section titled as the close: the last lines of the last section
    "Thank you so much! I'll send the gift card today.\n",
])
def test_a_close_that_thanks_and_says_what_happens_next_passes(close):
    assert findings(guide(CONSENT, close=close), "missing-wrap-up") == []


@pytest.mark.parametrize("said", [
    "We'll share the summary with you next week.",
    "We'll follow up by email.",
    "You'll receive your gift card within a week.",
    "Our recruiter will be sending you a thank-you note with a link you can pass along.",
    "The recruiting agency will get you set up with the thank you stipend.",
    "I will be emailing you the draft on Friday.",
    "The draft will be with you by the 14th.",
    "Expect the draft by Friday.",
    "A summary of what we heard will be shared with all participants.",
])
def test_next_steps_said_to_everyone_pass(said):
    close = f"## Wrap-up\n\nThank you so much for your time today. {said}\n"
    assert findings(guide(CONSENT, close=close), "missing-wrap-up") == []


@pytest.mark.parametrize("branch", [
    "- Do you know anyone else we should talk to?\n  - If yes: we'll email you the details.\n",
    "Do you know anyone else who might take part?\n    If Yes: Thank you! I'll have our team send you an email "
    "with a blurb to pass along.\n",
    "- Would you take part in a future study? (YES) We'll follow up by email.\n",
    "- Would you take part in a future study?\n- [If they agree] We will send you the sign-up link next week.\n",
    "If they say yes, we'll follow up by email with the details.\n",
])
def test_a_next_step_said_only_on_one_branch_does_not_count(branch):
    close = f"## Wrap-up\n\nThank you so much for your time today.\n\n{branch}"
    assert findings(guide(CONSENT, close=close), "missing-wrap-up") == []  # thanks without a next step: strict only
    [finding] = findings(guide(CONSENT, close=close), "missing-wrap-up", strict=True)
    assert "does not say what happens next" in finding.message
    assert "is said only on one branch of a question, so not every participant hears it" in finding.message


def test_a_next_step_said_to_everyone_counts_beside_a_branch():
    close = ("## Wrap-up\n\nThank you so much for your time today.\n\n- Do you know anyone else we should talk to?\n"
             "  - If yes: we'll email you the details.\n\nWe'll send everyone a summary of what we learn next month.\n")
    assert findings(guide(CONSENT, close=close), "missing-wrap-up") == []


@pytest.mark.parametrize("heading, is_close", [
    ("## Section 4 — Wrap · 10 min", True),   # "Wrap" alone names the close
    ("## Wrap", True),
    ("## Gift wrap options", False),          # a topic that holds the word
    ("## Debrief (5 min)", True),             # the participant's debrief after a sensitive session
    ("## Task debrief", False),
])
def test_wrap_alone_names_the_close(heading, is_close):
    close = f"{heading}\n\n- What stuck with you most?\n\nThank you! We'll email your voucher this week.\n"
    text = guide(CONSENT, close=close) + "\n## Extra\n\n- What else should we know?\n"
    assert (findings(text, "missing-wrap-up") == []) is is_close


def test_a_wrap_up_with_thanks_but_no_next_steps_is_reported_at_its_heading_in_strict_mode_only():
    close = "## Wrap-up\n\nThank you so much for your time today.\n"
    assert findings(guide(CONSENT, close=close), "missing-wrap-up") == []
    [finding] = findings(guide(CONSENT, close=close), "missing-wrap-up", strict=True)
    assert finding.severity is Severity.INFO
    assert (finding.span.line, finding.span.column) == (11, 1)
    assert finding.message.startswith("The wrap-up thanks the participant but does not say what happens next")


def test_a_referral_ask_looks_ahead_but_is_not_a_next_step():
    close = "## Wrap-up\n\n- Who else should we talk to?\n\nThanks for your time!\n"
    [finding] = findings(guide(CONSENT, close=close), "missing-wrap-up", strict=True)
    assert "asks about referrals or future sessions" in finding.message
    assert "does not say what happens next" in finding.message


@pytest.mark.parametrize("close", ["## Closing\n\nWe'll email you a summary next month.\n",
                                   "## Close (2 min)\n\n- Anything we didn't ask?\n\nGive the voucher.\n"])
def test_next_steps_without_thanks_is_reported_in_strict_mode_only(close):
    assert findings(guide(CONSENT, close=close), "missing-wrap-up") == []
    [finding] = findings(guide(CONSENT, close=close), "missing-wrap-up", strict=True)
    assert "does not thank the participant" in finding.message
    assert finding.severity is Severity.INFO


def test_stage_directions_after_the_last_words_are_not_where_the_close_is_looked_for():
    text = ("# G\n\n## Intro\n\nIs it OK if I record? Only our team hears it.\n\n## Questions (10 min)\n\n"
            "- What brought you here?\n- Is there anything else you'd like to tell us?\n\n"
            "Thank you so much for your time. Your voucher will be emailed to you today.\n\n"
            "_(Stop the recording.)_\n\n_(Debrief with the note-taker: did they mention the lift unprompted?)_\n")
    assert findings(text, "missing-wrap-up") == []


def test_the_end_said_as_a_clock_time_is_the_length_and_a_bare_wrap_is_the_close():
    text = ("# G\n\n## Welcome\n\nThanks for coming. We'll stop at quarter past.\n\n## Topics\n\n- What do you do?\n\n"
            "## 7 · Wrap (5 min)\n\n- Anything else?\n\nThanks so much! Your voucher arrives by email this week.\n\n## Scribe's grid\n\n| a | b |\n|---|---|\n")
    assert findings(text, "missing-session-length") == []
    assert findings(text, "missing-wrap-up") == []


def test_a_voice_memo_started_by_the_note_taker_records_and_a_hello_is_the_intro():
    text = ("# G\n\n📝 Aisha starts the voice memo as soon as Tom says hi\n\n## Hello (3 min)\n\n👉 Hi, I'm Tom from the app team.\n\n"
            "## Shifts (10 min)\n\n- How was your shift today?\n")
    [finding] = findings(text, "missing-consent")
    assert "records (line 3)" in finding.message


def test_a_recorder_checked_before_the_questions_records():
    text = "# G\n\n## Intro\n\n_(Check the recorder is running.)_\n\nThanks for coming.\n\n## Questions\n\n- What brought you here?\n"
    [finding] = findings(text, "missing-consent")
    assert "records (line 5)" in finding.message


def test_a_wrap_up_with_neither():
    [finding] = findings(guide(CONSENT, close="## Wrap-up\n\n- What else should we know?\n"), "missing-wrap-up")
    assert finding.message.startswith("The wrap-up neither thanks the participant nor says what happens next")


def test_a_guide_without_a_close_is_reported_where_it_ends():
    text = guide(CONSENT, close="## More questions\n\n- What else should we know?\n")
    [finding] = findings(text, "missing-wrap-up")
    last = text.rstrip("\n")
    assert (finding.span.start, finding.span.end) == (len(last), len(last))  # after the last line: where the close goes
    assert finding.message.startswith("The guide ends without a wrap-up")


def test_thanks_in_the_middle_of_the_last_section_is_not_the_close():
    close = ("## Tasks\n\n- Thank you for that. We'll send you the next task now.\n- What did you expect?\n"
             "- What surprised you?\n- What would you change?\n")
    assert codes(findings(guide(CONSENT, close=close), "missing-wrap-up")) == ["GL403"]


def test_the_profile_wrap_up_synonyms_mark_the_close():
    close = "## Referrals\n\n- Who else should we talk to?\n\n## Other topics\n\n- What else should we know?\n"
    text = guide(CONSENT, close=close)
    plain = findings(text, "missing-wrap-up")
    assert plain[0].span.line == text.rstrip("\n").count("\n") + 1  # no close without a profile: where it ends
    [finding] = findings(guide(CONSENT, close=close, front="profile: customer-discovery\n"), "missing-wrap-up")
    assert finding.span.line == 14  # customer-discovery counts "Referrals" as its wrap-up


def test_an_observer_section_after_the_close_is_not_the_close():
    close = CLOSE + "\n## Things to watch for\n\n- Does the participant notice the link?\n"
    assert findings(guide(CONSENT, close=close), "missing-wrap-up") == []


# ---- GL404 missing-approval ------------------------------------------------------------------

CASE_STUDY = "profile: case-study\n"


@pytest.mark.parametrize("intro", [
    "You'll see the draft and approve it before anything is published.",
    "Nothing goes live until you approve it.",
    "We'll send you the draft for review.",
    "You can review every quote before publication.",
    "We'll check every quote and figure with you before then.",
    "*The customer approves the story before it is published.*",
    "_[Get the customer's sign-off on the final draft.]_",
    "If we want to quote you, we will come back to get your approval.",
])
def test_approval_said_passes(intro):
    assert findings(guide(intro, front=CASE_STUDY), "missing-approval") == []


@pytest.mark.parametrize("intro", [
    CONSENT,
    "- Who approved the budget for the switch?",
    "- Who signed off on the purchase?",
    "- How did you review the vendors?",
    "- Did you read any case studies before buying?",
])
def test_approval_missing_fires_with_the_case_study_profile(intro):
    [finding] = findings(guide(intro, front=CASE_STUDY), "missing-approval")
    assert (finding.span.line, finding.span.column) == (4, 1)  # on "# Guide", below the front matter
    assert "case-study profile" in finding.message


@pytest.mark.parametrize("front", ["", "duration: 30 min\n", "profile: user-research\n", "profile: usability-test\n"])
def test_approval_is_only_checked_when_the_profile_requires_it(front):
    assert findings(guide(CONSENT, front=front), "missing-approval") == []


def test_approval_follows_the_profile_from_settings_too():
    settings = Settings(profile="case-study")
    found = lint_snippet(guide(CONSENT), select=["missing-approval"], settings=settings)
    assert codes(found) == ["GL404"]


# ---- GL405 missing-session-length ------------------------------------------------------------

def test_an_intro_that_never_says_how_long_is_reported_once_on_its_heading():
    text = guide(f"Thanks for joining us today. {CONSENT}") + "\n## More questions\n\n- What changed?\n"
    [finding] = findings(text, "missing-session-length")
    assert (finding.span.line, finding.span.column) == (3, 1)  # "## Intro"
    assert finding.severity.name == "INFO"
    assert '"Intro" never tells the participant how long the session takes' in finding.message


def test_the_example_in_the_message_uses_the_guides_own_length():
    [finding] = findings(guide(CONSENT, front="duration: 40 min\n"), "missing-session-length")
    assert '"This will take about 40 minutes' in finding.message
    # a guide that states no length gets a blank to fill in, not a length it never said
    [finding] = findings(guide(CONSENT), "missing-session-length")
    assert '"This will take about [X] minutes' in finding.message


@pytest.mark.parametrize("text", [
    # no heading names the intro: the first section's script greets the participant
    "# Guide\n\n## Getting started\n\nHi, my name is Sam and I work on the app.\n\n- What brought you here?\n",
    "# Guide\n\nThanks so much for joining us today!\n\n## Questions\n\n- What brought you here?\n",
    # the length is only in the front matter or the moderator's logistics, which nobody reads out
    guide(CONSENT, front="duration: 45 min\n"),
    "# Guide\n\n## Logistics\n\n- Length: 45 minutes\n\n## Welcome\n\nThanks for joining!\n\n## Questions\n\n- Why?\n",
])
def test_missing_session_length_fires(text):
    assert codes(findings(text, "missing-session-length")) == ["GL405"]


@pytest.mark.parametrize("intro", [
    "Thanks for joining. This takes about 30 minutes.",
    "This session should take about an hour.",
    "- **This entire session should take about 45-60 minutes.**",
    "We have half an hour together.",
    "This entire session should take about [X] minutes.",
    "*Tell them how long the session takes, then ask to record.*",
    "*Remind them of the session length.*",
])
def test_an_intro_that_says_how_long_passes(intro):
    assert findings(guide(intro), "missing-session-length") == []


@pytest.mark.parametrize("text", [
    "# Sample interview questions\n\nQuestions to pick from for the sponsor interview.\n\n- What does success look like?\n",
    "# Guide\n\n## Background\n\n- Role\n- Team size\n\n## Process\n\n- How do releases work?\n",
    "# Guide\n\n## Opening questions\n\n- What brought you here?\n\n## Topics\n\n- What changed?\n",
    "---\nlanguage: de\n---\n# Leitfaden\n\n## Intro\n\nDanke, dass Sie sich Zeit nehmen.\n\n## Fragen\n\n- Was hat Sie hergeführt?\n",
])
def test_a_guide_without_a_spoken_intro_is_not_reported(text):
    assert findings(text, "missing-session-length") == []


# ---- the family as a whole -------------------------------------------------------------------

def test_a_complete_guide_gets_nothing_from_the_family():
    assert findings(guide(f"{LENGTH} {CONSENT} {DATA_USE}"), "GL4") == []


def test_curly_quotes_read_as_straight_ones():
    assert findings(guide("We won\u2019t connect your responses to your name."), "missing-data-use") == []


def test_a_guide_in_another_language_is_not_checked():
    text = guide("Bienvenue !", front="language: fr\n", close="## Fin\n\n- Autre chose ?\n")
    assert findings(text, "GL4") == []


def test_the_phrases_are_catalogue_options_compiled_once():
    catalogue = builtin()
    for name, key in [("missing-consent", "consent-patterns"), ("missing-consent", "recording-cues"),
                      ("missing-data-use", "data-use-patterns"), ("missing-wrap-up", "next-steps-patterns"),
                      ("missing-approval", "approval-patterns")]:
        patterns = tuple(catalogue.get(name).options[key])
        assert patterns
        assert compile_patterns(patterns) is compile_patterns(tuple(patterns))


# ---- examples and real guides ----------------------------------------------------------------

GOOD_EXAMPLES = ["case-study", "customer-discovery", "plain-interview", "usability-test", "user-research"]


@pytest.mark.parametrize("name", GOOD_EXAMPLES)
def test_good_examples_get_nothing_from_the_family(name):
    path = EXAMPLES / f"{name}.guide.md"
    assert findings(path.read_text(encoding="utf-8"), "GL4") == []


def test_the_weak_example_misses_everything():
    text = (EXAMPLES / "weak.guide.md").read_text(encoding="utf-8")
    assert sorted(codes(findings(text, "GL4"))) == ["GL401", "GL402", "GL403", "GL404"]


# Derived by reading each guide: 08, 10 and 14 ask to record and say comments won't be
# attributed; 02 tells the interviewer to say whether they record and keeps notes internal;
# 01 links a consent form and won't connect responses to names; 09 asks to record and deletes
# the file; 11 asks to record and destroys the recordings; 12 has neither; 04 and 15 are
# question banks with no intro and no close. No close says what happens next: 08 and 10 promise
# an email only on the yes branch of a referral ask ("If Yes: … I'll have our team send you an
# email"), which not every participant hears; the other closes thank without next steps (01
# also asks for referrals) or, in 02, neither thank nor say what happens next. The intros of
# 01, 02, 09 and 12 never say how long the session takes; 08, 10, 11 and 14 say it in a bullet.
REAL = {  # by default: a close that thanks but names no next step (01, 08-12, 14) waits for strict mode
    "01": {"GL405"},
    "02": {"GL403", "GL405"},
    "04": set(),  # a question bank: no intro, no close; its script lives elsewhere
    "08": set(),
    "09": {"GL405"},
    "10": set(),
    "11": set(),
    "12": {"GL401", "GL402", "GL405"},
    "14": set(),
    "15": set(),  # a question bank, as 04
}


def _tune_keys():
    import yaml

    keys = Path(__file__).parent / "data" / "real_keys"
    held_out = set(yaml.safe_load((keys / "splits.yaml").read_text(encoding="utf-8"))["holdout"])
    return [k for k in (yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(keys.glob("[0-9]*.yaml")))
            if k["guide"] not in held_out]


@pytest.mark.parametrize("key", _tune_keys(), ids=lambda k: k["guide"])
def test_missing_session_length_agrees_with_the_blind_key(key):
    """Reported exactly when the key says the intro never states the length (null: no intro)."""
    path = REAL_GUIDES / key["guide"]
    if not path.is_file():
        pytest.skip("../shared/real-guides is not present")
    found = findings(path.read_text(encoding="utf-8"), "missing-session-length")
    assert bool(found) == (key["intro_states_length"] is False), [d.message for d in found]


@pytest.mark.parametrize("key", [k for k in _tune_keys() if k["has_wrap_up"]], ids=lambda k: k["guide"])
def test_next_steps_agree_with_the_blind_key(key):
    """In strict mode, the close is reported for not saying what happens next exactly when the key says it does not."""
    path = REAL_GUIDES / key["guide"]
    if not path.is_file():
        pytest.skip("../shared/real-guides is not present")
    found = findings(path.read_text(encoding="utf-8"), "missing-wrap-up", strict=True)
    assert bool(found) == (not key["states_next_steps"]), [d.message for d in found]


@pytest.mark.parametrize("prefix,expected", sorted(REAL.items()))
def test_real_guides(prefix, expected):
    path = real_guide(prefix)
    # (missing-session-length, GL405, is in the strict set since stop 25: selected by name)
    text = path.read_text(encoding="utf-8")
    found = findings(text, "GL4") + findings(text, "missing-session-length")
    assert set(codes(found)) == expected, [d.message for d in found]


def test_the_lines_of_a_block_are_made_once_and_read_alike():
    """The script, the close and the sections recognised by what they hold read the same
    blocks; each block's lines are made once and every reader gets the same lines."""
    from guidelint.checks.ethics import block_lines
    from guidelint.parser import parse_text

    parsed = parse_text(guide("Is it OK if we \u201crecord\u201d  this call?\n\n- (probe for  details)"))
    blocks = [b for section in parsed.iter_sections() for b in section.blocks]
    first = [block_lines(b) for b in blocks]
    assert all(block_lines(b) is made for b, made in zip(blocks, first))
    texts = [line.text for made in first for line in made]
    assert 'Is it OK if we "record" this call?' in texts


def _sections_to_read():
    texts = [guide(intro) for intro in CONSENT_ASKED + CONSENT_MISSING]
    texts.append(guide("Is it OK\u00a0if we \u201crecord\u201d  this\tcall?\n\n<!-- may we record? -->\n\n"
                       "- Do you agree?\n  - (probe: permission to record)\n  - [ ] Yes, record it\n  - [ ] No\n\n"
                       "> Only the TEAM sees your PII.\n\n*If yes: we'll email you a summary.*"))
    texts += [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.guide.md"))]
    return texts


def test_whether_blocks_hold_a_phrase_is_answered_as_their_lines_would():
    """structure.content_kind asks whether a section's blocks hold a phrase without making
    their lines (blocks_match): its answer is first_match's over the blocks' lines, for every
    phrase list of the family and a team's list with a capitalised and an ungated phrase,
    whether or not a rule has made the lines already."""
    from guidelint.checks.ethics import block_lines, blocks_match, first_match
    from guidelint.parser import parse_text

    catalogue = builtin()
    lists = [compile_patterns(tuple(value)) for rule in catalogue.rules if rule.family == "ethics"
             for value in rule.options.values() if isinstance(value, list) and value and isinstance(value[0], str)]
    lists.append(compile_patterns((r"\bPII\b", r"\b[0-9]{2}\b", r"(?i)^may we")))
    assert lists[-1].always and len(lists) > 8
    held = 0
    for text in _sections_to_read():
        parsed = parse_text(text)
        groups = [[b] for s in parsed.iter_sections() for b in s.blocks]
        groups += [list(s.blocks) for s in parsed.iter_sections()]
        plain = [[blocks_match(blocks, phrases) for phrases in lists] for blocks in groups]  # no lines made yet
        made = [[first_match([line for b in blocks for line in block_lines(b)], phrases) is not None
                 for phrases in lists] for blocks in groups]
        assert plain == made, text
        assert [[blocks_match(blocks, phrases) for phrases in lists] for blocks in groups] == made, text
        held += sum(map(sum, made))
    assert held > 100  # the lists do find phrases here, not only miss them


def test_a_phrase_is_searched_only_where_every_part_it_needs_is_there():
    """A phrase its gate opens ("record" or "tape") also needs the other texts its parts cannot
    match without (" you ", "are" or "would"); a case-blind part gives none."""
    from guidelint.checks.ethics import _parts_required

    also = _parts_required(r"\b(?:record|recording|tape|taping)\b.{0,160}?\b(?:are|would) you (?:be )?(?:ok|happy)")
    assert (" you ",) in also and ("are", "would") in also
    assert ("record", "tape", "taping") not in also  # the gate itself is not asked again
    assert _parts_required(r"(?i:record)ing\b.{0,20}? you ") == ()
    assert _parts_required(r"(?x) record \s you") == ()


def test_the_gates_change_no_answer_of_the_phrase_lists():
    """Each list answers every line as searching all its phrases would, gates or not."""
    import re

    from guidelint.checks.ethics import _IGNORECASE, _gated, _plain, _read_nodes
    from guidelint.parser import parse_text

    catalogue = builtin()
    lists = [tuple(value) for rule in catalogue.rules if rule.family == "ethics"
             for value in rule.options.values() if isinstance(value, list) and value and isinstance(value[0], str)]
    lists.append((r"\bPII\b", r"(?i:record)ing\b.{0,20}? you ", r"\b[0-9]{2}\b"))
    lines = {_plain(node) for text in _sections_to_read() for s in parse_text(text).iter_sections()
             for block in s.blocks for node in _read_nodes(block)}
    lines |= {(text.upper(), text.upper().lower()) for text, _ in lines}
    assert len(lines) > 400
    hits = 0
    for patterns in lists:
        every = [re.compile(pattern, flags) for pattern, flags, _ in _gated(patterns)]
        phrases = compile_patterns(patterns)
        for text, lower in sorted(lines):
            expected = any(p.search(text if p.flags & _IGNORECASE else lower) for p in every)
            assert phrases.matches(text, lower) == expected, (patterns, text)
            hits += expected
    assert hits > 100  # the lines hold phrases of the lists, not only lines that hold none


def _family_phrase_lists(catalogue):
    return [tuple(value) for rule in catalogue.rules if rule.family == "ethics"
            for value in rule.options.values() if isinstance(value, list) and value and isinstance(value[0], str)]


def test_the_script_answers_each_list_as_reading_every_line_would():
    """The script of a guide reads a family list only in the lines that hold one of the
    family's gate texts; the line it finds is the one searching every line finds, whichever
    lists (the family's, or a team's with an ungated phrase) read it first and however far."""
    from guidelint.checks.ethics import Script, compile_family, first_match
    from guidelint.parser import parse_text

    family = compile_family(tuple(_family_phrase_lists(builtin())))
    team = compile_patterns((r"\bPII\b", r"(?i)^may we", r"\b[0-9]{2}\b"))
    assert team.always
    lists = [*family.values(), team]
    found = 0
    for text in _sections_to_read():
        parsed = parse_text(text)
        every = list(Script(parsed))
        expected = [first_match(every, phrases) for phrases in lists]
        found += sum(line is not None for line in expected)
        for order in (lists, lists[::-1], lists[1::2] + lists[::2]):
            script = Script(parsed)
            assert [script.first_match(phrases) for phrases in order] == [expected[lists.index(p)] for p in order], text
        assert list(script) == every
    assert found > 40


def test_the_script_searches_no_line_without_a_gate_text_of_the_list(monkeypatch):
    """A guide without consent text has every line read by the consent list: only the lines
    holding one of the list's gate texts reach its phrases."""
    from guidelint.checks import ethics
    from guidelint.parser import parse_text

    consent = ethics.compile_family(tuple(_family_phrase_lists(builtin())))[
        tuple(builtin().get("missing-consent").options["consent-patterns"])]
    intro = "\n\n".join(f"- What did you do on day {n} of the trip?" for n in range(40))
    parsed = parse_text(guide(intro + "\n\nWe'll record this call so that we can share it."))
    script = ethics.Script(parsed)
    lines = list(script)
    holding = [line for line in lines if consent.literals & consent.scanner.present(line.lower)]
    assert 0 < len(holding) < len(lines) // 4
    read: list[str] = []
    for name in ("matches", "opened_match"):
        real = getattr(ethics.PhraseList, name, None)
        if real is not None:
            monkeypatch.setattr(ethics.PhraseList, name,
                                lambda self, text, *rest, real=real: read.append(text) or real(self, text, *rest))
    assert ethics.first_match(script, consent) is None
    assert read == [line.text for line in holding]


def test_a_question_bank_that_says_the_calls_are_recorded_asks_to_record():
    # notes for the founder's own calls: no intro, no close, but the calls are recorded
    bank = ("# Discovery calls\n\n~30 min calls, recorded on Zoom so I can share clips.\n\n"
            "- How do you send invoices today?\n- What happens when a client pays late?\n")
    [d] = findings(bank, "missing-consent")
    assert "(line 3)" in d.message
    plain = "# Discovery calls\n\n~30 min calls.\n\n- How do you send invoices today?\n"
    assert findings(plain, "missing-consent") == []


def test_a_note_template_after_the_questions_is_not_where_the_close_is_looked_for():
    text = guide("This takes 30 minutes. Is it OK to record? Only our team sees the notes.",
                 close="Thanks so much! We'll send the voucher today.")
    assert findings(text, "missing-wrap-up") == []
    template = "\n## Field notes template\n\nWrite up within two hours, one sheet per session.\n"
    assert findings(text + template, "missing-wrap-up") == []


def test_a_lines_remembered_verdict_is_the_lists_answer_however_it_is_asked():
    """A list remembers each line's verdict by its text; with an ungated phrase, what its
    gated phrases alone answer (opened_match) is not confused with the whole list's answer."""
    team = compile_patterns((r"\bPII\b", r"(?i)^may we", r"\b[0-9]{2}\b"))
    assert team.always
    line = "We kept 12 notes"
    for _ in range(2):
        assert team.matches(line, line.lower())
        assert not team.opened_match(line, line.lower(), team.scanner.present(line.lower()))
    consent = compile_patterns(tuple(builtin().get("missing-consent").options["consent-patterns"]))
    asked = "May we record this call?"
    assert consent.opened_match(asked, asked.lower(), consent.scanner.present(asked.lower()))
    assert consent.matches(asked, asked.lower()) and consent.matches(asked, asked.lower())
    assert not consent.matches("We record the screen.", "we record the screen.")


def test_seeing_the_draft_before_it_goes_anywhere_says_how_answers_are_used():
    text = ("# Story\n\n## Intro\n\nI'd like to record this. Is that OK? The plan is a short story on our website; "
            "you'll see the draft before anything goes anywhere.\n\n## Questions\n\n- What happened?\n\n"
            "## Close\n\nThanks! The draft comes to you next week.\n")
    assert findings(text, "missing-data-use") == []


def test_a_signed_talent_release_is_the_consent_of_a_filmed_interview():
    text = ("# Shoot\n\n## Call sheet\n\n- 10:00 talent release signed with Mark.\n\n## Interview\n\n- Who are you?\n\n"
            "## Close\n\nThanks! The rough cut comes to you within ten days.\n")
    assert findings(text, "missing-consent") == []


def test_an_intercept_that_asks_for_their_time_and_says_it_is_anonymous_has_consent_and_data_use():
    text = ("# Exit intercept: gallery\n\n**Length: about 10 minutes.**\n\n## Approach\n\n"
            "\"Hello! Have you got about ten minutes to tell us what you thought? It's anonymous, and it helps us plan.\"\n\n"
            "## Questions\n\n- What did you think of the exhibition?\n\n## Close\n\nThanks! Enjoy the rest of your day.\n")
    assert lint_snippet(text, select=["missing-consent", "missing-data-use"]) == []
    told_nothing = text.replace(" It's anonymous, and it helps us plan.", "")
    assert [f.name for f in lint_snippet(told_nothing, select=["missing-consent", "missing-data-use"])] == ["missing-data-use"]


def test_a_moderator_told_to_explain_the_recording_and_check_everyone_is_happy_asks_consent():
    intro = ("EXPLAIN AUDIO AND VIDEO RECORDING AND THAT COLLEAGUES ARE WATCHING. CHECK EVERYONE IS HAPPY TO CONTINUE.\n\n"
             "\"Everything you say is confidential.\"")
    text = f"# Group\n\n## Introduction\n\n{intro}\n\n## Topics\n\n- What happened?\n\n## Close\n\nThanks! The voucher is at reception.\n"
    assert findings(text, "missing-consent") == []
    assert findings(text.replace(" CHECK EVERYONE IS HAPPY TO CONTINUE.", ""), "missing-consent")


@pytest.mark.parametrize("intro", [
    "It takes about ten minutes and it's anonymous. Could I ask you a few questions while you charge?",
    "Like last time, I'd like to record so I can listen. Only the research team sees it. Is that still OK?",
])
def test_an_ask_to_take_part_or_to_record_again_is_consent(intro):
    text = f"# Call\n\n## Intro\n\n{intro}\n\n## Questions\n\n- What happened?\n\n## Close\n\nThanks! Enjoy your day.\n"
    assert findings(text, "missing-consent") == []



def test_a_question_that_asks_what_happens_next_promises_nothing():
    close = "## Last topic\n\n- When you're interrupted, what happens next?\n- What would you change?\n"
    [finding] = findings(guide(CONSENT, close=close), "missing-wrap-up")
    assert finding.message.startswith("The guide ends without a wrap-up")
    assert "one branch" not in finding.message


def test_a_bracketed_note_on_a_heading_does_not_make_it_the_close():
    text = ("# Kibble interviews\n\n## Discussion guide v3 – FINAL (client sign-off 2 May)\n\n### Intro (5 min)\n\n"
            "Is it OK if I record this? Only our team hears it.\n\n### Cards (20 min)\n\n- What would you call this brand?\n")
    [finding] = findings(text, "missing-wrap-up")
    assert finding.message.startswith("The guide ends without a wrap-up")


@pytest.mark.parametrize("fence, counts", [("```text", True), ("```", True), ("```python", False)])
def test_an_intro_to_read_out_in_a_text_fence_is_read(fence, counts):
    text = (f"# Maintainer calls\n\n## Intro\n\nHi, and welcome.\n\n{fence}\n"
            "hey, thanks for doing this. notes only go to the team and no\n"
            "quotes with your name unless you say so. ok if I record? deleted after we ship.\n```\n\n"
            "## Questions\n\n- How do you handle update PRs today?\n")
    found = {f.name for f in lint_snippet(text, select=["GL401", "GL402"])}
    assert (found == set()) is counts


@pytest.mark.parametrize("told, used, asked", [
    ('"We\'re recording tonight, audio and video.', " What you say goes into a report with no names on it, and any video"
     ' clips stay inside the project team."', '"Is everyone still OK with that?"'),
    ('- "Heads up, we\'re recording video and audio', ' so the team can rewatch it."', '- "Everyone cool with that?"'),
])
def test_a_group_told_how_the_recording_is_used_and_asked_if_it_is_ok_with_it(told, used, asked):
    def text(intro):
        return f"# Group\n\n## Intro (5 min)\n\n{intro}\n\n## Topics (20 min)\n\n- How do you pick an app?\n"

    assert {f.name for f in lint_snippet(text(f"{told}{used}\n{asked}"), select=["GL401", "GL402"])} == set()
    # told only that it records: neither the ask nor the use is there
    assert {f.name for f in lint_snippet(text(f'{told}"'), select=["GL401", "GL402"])} == {"missing-consent", "missing-data-use"}


@pytest.mark.parametrize("close, fires", [
    # a run sheet's "say:" line is said to them: its thanks and next step are the close
    ("## 5 · wrap `5m`\n\n- \"Anything I should have asked?\"\n- say: \"Thanks – the voucher comes by email within 5 days.\"\n",
     False),
    ("## 5 · wrap `5m`\n\n- \"Anything I should have asked?\"\n- say: Thanks – the voucher comes by email within 5 days.\n",
     False),
    # a note to the interviewer that plans no close, and the question before it, are no close
    ("## 5 · wrap `5m`\n\n- \"Anything I should have asked?\"\n- note: stop the recording\n", True),
])
def test_a_line_labelled_to_be_said_is_part_of_the_close(close, fires):
    assert bool(findings(guide(CONSENT + " " + DATA_USE, close=close), "missing-wrap-up")) is fires


@pytest.mark.parametrize("heading", ["## Notes", "## notes / note-taker"])
def test_the_teams_notes_page_after_the_close_is_not_the_close(heading):
    close = ("## Wrap-up\n\nThank you! We'll send you a summary next month.\n\n"
             f"{heading}\n\n- debrief:\n  - what surprised us?\n  - who should we talk to next?\n")
    assert findings(guide(CONSENT + " " + DATA_USE, close=close), "missing-wrap-up") == []


@pytest.mark.parametrize("title, published", [
    ("Customer story: Harbour Bakery", True),         # a story told under their name
    ("Acme case study interview", True),
    ("Bakery owners: discovery interviews", False),    # research: anonymity is the promise to make
])
def test_the_data_use_example_fits_a_published_story(title, published):
    text = f"# {title}\n\n## Intro\n\nThanks for joining us today.\n\n## Questions\n\n- What brought you here today?\n"
    [finding] = findings(text, "missing-data-use")
    assert ("before anything goes live" in finding.message) is published
    assert ("attributed to you by name" in finding.message) is not published


@pytest.mark.parametrize("header, published", [
    ("Customer story interview: estimating teams\nCall: 30 min on Zoom\n", True),   # said in the first lines
    ("Case story interview with the shop manager\nCall: 30 min, Zoom\n", True),
    ("Discovery calls with estimating teams\nCall: 30 min on Zoom\n", False),
])
def test_a_guide_without_headings_says_in_its_first_lines_that_the_story_is_published(header, published):
    text = f"{header}\nPREP (before the call)\n- Read the CSM notes\n\n1. The numbers (10 min)\n- What did you use before?\n"
    [finding] = findings(text, "missing-data-use")
    assert ("before anything goes live" in finding.message) is published


@pytest.mark.parametrize("title, closes", [
    ("Act 5 - Looking ahead and wrap (2 min)", True),
    ("Section 4 — Wrap", True),
    ("Gift wrap options", False),
])
def test_a_heading_that_ends_in_wrap_is_the_close(title, closes):
    # (a titled close is read wherever it stands: here before a last topic, then the team's quote log)
    close = (f"## {title}\n\n- What's next for you?\n- Thanks so much! We'll send the draft to you next week.\n\n"
             "## Extra topics\n\n- What else should we know?\n")
    text = guide(CONSENT + " " + DATA_USE, close=close) + "\n## Quote-capture notes\n\n- Timestamp every good line.\n"
    assert (findings(text, "missing-wrap-up") == []) is closes


def test_a_wish_to_record_then_a_group_asked_if_comfortable_is_consent():
    intro = ("MOD: We'd like to audio-record today so I don't have to scribble notes.\n"
             "MOD: Is everyone comfortable with that?\n")
    assert findings(guide(intro), "missing-consent") == []
    assert codes(findings(guide("MOD: We'd like to audio-record today so I don't have to scribble notes.\n"),
                          "missing-consent")) == ["GL401"]


def test_the_interviewers_quoted_words_are_the_close():
    close = ("## About you\n\nQ16. Is this your first visit?\n\n"
             "INTERVIEWER: \"That's everything, thank you very much for your help.\"\nHand over the café voucher.\n")
    assert findings(guide(CONSENT + " " + DATA_USE, close=close), "missing-wrap-up") == []


def test_a_part_after_the_interview_that_plans_the_thanks_and_the_next_step_is_the_close():
    close = ("## Wrap\n\n- Anything we haven't asked?\n\n## B-roll\n\n- [ ] Wide shot of the site\n\n"
             "## After\n\n- Kat to send Mark the draft cut for approval before anything goes live.\n"
             "- Thank-you: team breakfast voucher, sent by Friday.\n")
    assert findings(guide(CONSENT + " " + DATA_USE, close=close), "missing-wrap-up") == []
    bare = close.split("## After")[0]
    assert codes(findings(guide(CONSENT + " " + DATA_USE, close=bare), "missing-wrap-up")) == ["GL403"]


def test_a_note_that_nothing_is_recorded_is_no_recording():
    text = ("# Street intercept\n\nEnter answers on the tablet as you go. No audio recording on street.\n\n"
            "## Intro (1 min)\n\n\"Hi, have you got five minutes? It's anonymous.\"\n\n## Questions (4 min)\n\n"
            "- What journey were you making?\n")
    assert not any("records (line" in f.message for f in findings(text, "missing-consent"))
    recorded = text.replace("No audio recording on street.", "Audio recording on for every chat.")
    assert any("records (line" in f.message for f in findings(recorded, "missing-consent"))


def test_an_expert_call_whose_network_handles_consent_and_recording_needs_neither_said():
    text = ("# Expert call guide\n\nCall length: 30 min via expert network (network handles compliance screening and "
            "recording)\n\n## Margins (25 min)\n\n- How have wholesaler margins moved this year?\n")
    assert findings(text, "missing-consent") == [] and findings(text, "missing-data-use") == []
    own = text.replace("(network handles compliance screening and recording)", "(we record on Zoom)")
    assert findings(own, "missing-consent")
