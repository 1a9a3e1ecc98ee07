"""Line roles: what each section and line of a guide is for, read before any wording rule
judges it (DESIGN section 2, "Line roles"; issue 11)."""

from __future__ import annotations

import pytest

from guidelint.model import Role, SectionRole
from guidelint.parser import parse_text
from guidelint.parser.roles import explain, heading_purpose
from tests.helpers import lint_snippet


def roles_by_text(text: str) -> dict[str, str]:
    """The role of each node, keyed by its words."""
    return {words: role for _line, role, _why, words in explain(parse_text(text))}


def wording(text: str, *, strict: bool = False):
    from guidelint.config import Settings

    found = lint_snippet(text, select=["GL1"], settings=Settings(strict=strict))
    return [d for d in found if d.code.startswith("GL1")]


# ---- sections -----------------------------------------------------------------------------------


@pytest.mark.parametrize("title,role", [
    ("Moderator logistics", SectionRole.LOGISTICS),
    ("Things to watch for:", SectionRole.OBSERVER),
    ("Observer notes", SectionRole.OBSERVER),
    ("Emergency Exit Strategy", SectionRole.LOGISTICS),
    ("Project-specific setup", SectionRole.LOGISTICS),
    ("Screener", SectionRole.MATERIAL),
    ("Research goals", SectionRole.MATERIAL),
    ("Appendix A: consent form", SectionRole.MATERIAL),
    ("Field notes template", SectionRole.MATERIAL),
    ("Observation notes sheet", SectionRole.MATERIAL),
    ("Team debrief", SectionRole.DEBRIEF),
    ("Observer sheet", SectionRole.OBSERVER),
    ("Questions to avoid", SectionRole.MATERIAL),
    ("Things I must NOT say", SectionRole.MATERIAL),
    ("Don't ask", SectionRole.MATERIAL),
    ("Also avoid", SectionRole.MATERIAL),
    ("Don't ask on the floor", SectionRole.MATERIAL),
    ("Things not to say in the debrief", SectionRole.MATERIAL),
    ("What we're trying to learn (team only, not for the participant)", SectionRole.MATERIAL),
    ("What we want to find out", SectionRole.MATERIAL),
    ("Why we're doing this", SectionRole.MATERIAL),
    ("Bad questions we've used before (and what happened)", SectionRole.MATERIAL),
    ("Part 2 — Diary prompts (days 1–10)", SectionRole.MATERIAL),
    ("After all interviews: synthesis prompts", SectionRole.DEBRIEF),
    ("After each interview", SectionRole.DEBRIEF),
    ("Phrasing reminders for interviewers", SectionRole.LOGISTICS),
    ("Who we're talking to", SectionRole.MATERIAL),
    ("Notes for the research team (not for the interview)", SectionRole.MATERIAL),  # whom it is for, in brackets
    ("Read first (moderator only)", SectionRole.LOGISTICS),
    ("Pricing (team only)", SectionRole.MATERIAL),
    ("Appendix B: Benefits glossary", SectionRole.MATERIAL),  # an appendix, whatever its name says
    ("Session plan", SectionRole.MATERIAL),
    ("Safety notes", SectionRole.MATERIAL),
    ("Back-room checklist", SectionRole.OBSERVER),
    ("What the interviews should help us learn", SectionRole.MATERIAL),
    ("Questions we won't ask, and why", SectionRole.MATERIAL),
    ("Analysis notes", SectionRole.DEBRIEF),
    ("On arrival", SectionRole.LOGISTICS),
    ("Setting up the screen magnifier & sharing", SectionRole.LOGISTICS),   # the call's own set-up
    ("Set up Zoom and headphones", SectionRole.LOGISTICS),
    ("Checklist for remote participants", SectionRole.LOGISTICS),
    ("After the visit — researcher and note-taker", SectionRole.DEBRIEF),
    ("Where we want to end up (don't ask these directly)", SectionRole.MATERIAL),  # whom it is for, in brackets
    ("Notes for the designers", SectionRole.MATERIAL),
    ("Note-taker observation sheet", SectionRole.OBSERVER),
    ("Interviewer notes", SectionRole.LOGISTICS),
    ("Same-day team debrief", SectionRole.DEBRIEF),
    ("Observer note-taking template", SectionRole.OBSERVER),
    ("Approvals", SectionRole.LOGISTICS),
    ("Things we want to learn", SectionRole.MATERIAL),
    ("Safeguarding notes for the interviewer", SectionRole.MATERIAL),  # whom it is for, after it
    ("What we need to find out", SectionRole.MATERIAL),
    ("After Session", SectionRole.DEBRIEF),
    ("Listener's sheet", SectionRole.OBSERVER),
    ("Note-taker debrief", SectionRole.DEBRIEF),
    ("Note-taker debrief (after participant leaves)", SectionRole.DEBRIEF),
    ("Wrap-up for the team (not part of the hour)", SectionRole.DEBRIEF),
    ("Intro email (ready to paste)", SectionRole.MATERIAL),
    ("Debrief (straight after, 10 min, not part of the call)", SectionRole.DEBRIEF),
    ("Safety and distress protocol", SectionRole.MATERIAL),
    ("7 · Team debrief (after the session)", SectionRole.DEBRIEF),         # a middle dot numbers it
    ("Research questions for this round", SectionRole.MATERIAL),
    ("Debrief questions (team, after each Part 2)", SectionRole.DEBRIEF),
    ("Before you start", SectionRole.LOGISTICS),
    ("Follow-up email template", SectionRole.MATERIAL),
    ("Debrief (team only, within the hour)", SectionRole.DEBRIEF),
    ("Ground rules (interviewer)", SectionRole.LOGISTICS),
    ("Notes for the viewing room", SectionRole.OBSERVER),
    ("Post-session notes", SectionRole.DEBRIEF),
    ("Debrief (moderator + observer, straight after)", SectionRole.DEBRIEF),   # only the team named
    ("Notes doc template", SectionRole.OBSERVER),
    ("Note-taker checklist", SectionRole.OBSERVER),
    ("Observer room notes", SectionRole.OBSERVER),
    ("Ask the duty manager", SectionRole.LOGISTICS),          # the site's contact, setting the visit up
    ("Setup and AT checks", SectionRole.LOGISTICS),           # the assistive technology checked before the session
    ("Talking with 6-8 year olds (read this if you're new!)", SectionRole.MATERIAL),   # guidance for the team
    ("Observe", SectionRole.OBSERVER),                        # the note-taker's list
    ("After each chat (back of the sheet, before the next stall)", SectionRole.DEBRIEF),   # the team's notes
    ("Background (internal — don't share with customer)", SectionRole.MATERIAL),   # whom it is not for
    ("Account notes (do not share with the client)", SectionRole.MATERIAL),
    ("Debrief (Sam + Priya, straight after)", SectionRole.DEBRIEF),   # held once the session is over
    ("Debrief (right after)", SectionRole.DEBRIEF),
    ("Notetaker instructions", SectionRole.OBSERVER),
    ("Why we're talking to lawyers", SectionRole.LOGISTICS),
    ("TODO", SectionRole.LOGISTICS),                      # the team's own list of things to sort out
    ("To-do list", SectionRole.LOGISTICS),
    ("Notes to self", SectionRole.LOGISTICS),
    ("After (Dana + Kwame, within the hour)", SectionRole.DEBRIEF),              # after, with whom
    ("Debrief (after users leave)", SectionRole.DEBRIEF),  # one reading of "after they have gone" for both patterns                        # whom it is for, alone                # whom it is for, then when
    ("Debrief in the car (10 min, after leaving)", SectionRole.DEBRIEF),
    ("Notes", SectionRole.OBSERVER),                      # the page where the team writes
    ("Raw notes", SectionRole.OBSERVER),
    ("notes / note-taker", SectionRole.OBSERVER),         # joined to the note-taker's own purpose
    ("Quote-capture notes (Aisha)", SectionRole.OBSERVER),   # the note-taker's log of quotes for the story
    ("Quote log", SectionRole.OBSERVER),
    ("MUST-GET QUOTES (tick off live)", SectionRole.OBSERVER),   # the quotes the story needs
    ("PHOTO SHOOT", SectionRole.OBSERVER),                    # the crew's own list
    ("Shot list", SectionRole.OBSERVER),
    ("Referral ask (3 min)", SectionRole.LOGISTICS),          # the ask after the interview's questions
    ("BACK ROOM — NOTES FOR OBSERVERS", SectionRole.OBSERVER),   # two names of one purpose, joined by a dash
    ("For the team", SectionRole.MATERIAL),                   # whom it is for, alone
    ("What we need to find out this round", SectionRole.MATERIAL),   # the team's questions, for this round
    ("After each one (post in the group chat before the next stall)", SectionRole.DEBRIEF),   # the team's, after each chat
    ("Internal only", SectionRole.MATERIAL),
])
def test_a_heading_that_names_its_purpose_gives_the_section_its_role(title, role):
    assert heading_purpose(title)[0] == role


@pytest.mark.parametrize("title", [
    "Northwind Logistics case study", "Meal preparation habits", "Emergency room nurses",
    "Participant coaching", "Assistive technology participants", "Post-task interview", "Debrief",
    "Background", "Warm-up questions", "Data analysis at work", "Arrival times at the depot",
    "What the new rota should let us do",
    "Setting up your account", "Setting up a new supplier", "Sharing", "Checklist for the new hire",
    "Notes for the participant", "Same day delivery", "Approval process at work", "Background for the interviewer",
    "Email and chat", "Run of show", "Checking email at work", "Leaving the service",
    "Post-session questions (8 min)", "Post-test questions",  # asked of the participant at the end of the session
    "Note-taking at work", "Debrief (5 min)",
    "Notes on pricing", "Notes and coins", "Notes / pricing",   # a topic with "notes" in it
    "Quote asks",                                             # questions fishing for the story's lines
    "Team",                                                   # a topic in a case study about their team
    "Part 2 - Pricing",                                       # a dash between a part and its topic
])
def test_a_heading_that_names_a_topic_does_not(title):
    assert heading_purpose(title) is None


def test_a_whole_bold_line_names_the_purpose_of_the_list_below_it():
    text = ("# Guide\n\n## Warm-up (5 min)\n\n- What does a normal week look like?\n\n"
            "**Questions we will not ask anyone in the room, and why**\n\n"
            "- \"Would you buy the new planner?\" (a forecast)\n- \"Don't you hate the old one?\" (leading)\n")
    assert wording(text) == []
    assert {d.name for d in wording(text.replace("**Questions we will not ask anyone in the room, and why**",
                                                 "**A few more things we would like to cover with you today**"))} \
        >= {"hypothetical-question", "leading-question"}


@pytest.mark.parametrize("title", ["Northwind Logistics case study", "Emergency room nurses: shift handover",
                                   "Meal preparation habits", "Moderator logistics"])
def test_the_guides_title_never_switches_the_guide_off(title):
    text = f"# {title}\n\n## Background (5 min)\n\n- Did you like the old tool?\n"
    guide = parse_text(text)
    assert all(s.role == SectionRole.SESSION for s in guide.iter_sections())
    assert [d.name for d in wording(text)] == ["closed-question"]


def test_a_task_heading_is_never_read_as_material():
    guide = parse_text("# G\n\n## First Task: Complete Screener - 5 minutes\n\n- What did you expect?\n")
    assert [s.role for s in guide.iter_sections()] == [SectionRole.SESSION, SectionRole.SESSION]


def test_sections_inside_a_purpose_section_take_its_role_but_not_inside_the_title():
    guide = parse_text("# Logistics study\n\n## Moderator logistics\n\n### Day of\n\n- Check audio?\n\n## Topics\n\n- Why?\n")
    assert [(s.title, s.role) for s in guide.iter_sections()] == [
        ("Logistics study", SectionRole.SESSION), ("Moderator logistics", SectionRole.LOGISTICS),
        ("Day of", SectionRole.LOGISTICS), ("Topics", SectionRole.SESSION)]



def test_a_timed_part_under_a_preparation_heading_is_the_session():
    # an exported page nests its parts under the last heading before them
    guide = parse_text("# Study\n\n## Moderator prep\n\n- Open the prototype\n\n### 1. Intro (5 min)\n\n- Hi!\n\n"
                       "### 2. Your work (10 min)\n\n- Tell me about your week.\n\n### Checklist\n\n- Mute Slack\n")
    assert [(s.title, s.role) for s in guide.iter_sections()] == [
        ("Study", SectionRole.SESSION), ("Moderator prep", SectionRole.LOGISTICS), ("1. Intro", SectionRole.SESSION),
        ("2. Your work", SectionRole.SESSION), ("Checklist", SectionRole.LOGISTICS)]
    # a timed part that names a purpose of its own keeps it, and a timed preparation heading its children
    guide = parse_text("# Study\n\n## Moderator prep\n\n### Observer notes (5 min)\n\n- Watch\n\n"
                       "## Set-up (15 min before)\n\n### Audio check (2 min)\n\n- Can you hear me?\n")
    roles_of = {s.title: s.role for s in guide.iter_sections()}
    assert roles_of["Observer notes"] != SectionRole.SESSION


# ---- lines ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("line,role", [
    # tasks worded as polite questions or scenarios
    ("PROMPT: Could you return to the appointments tool from here?", Role.TASK),
    ("Could you review your appointments at the clinic?", Role.TASK),
    ("Can you find the settings page?", Role.TASK),
    ('Whenever you\'re ready, the first thing I\'d like you to ask the chatbot is "How can I sign in?"', Role.TASK),
    # (with a dotless "ı", which the pattern's case folding reads as "i")
    ('Whenever you\'re ready, the first thing I\'d l\u0131ke you to ask the chatbot is "How can I sign in?"', Role.TASK),
    # logistics
    ("Is it all right if I record this call?", Role.LOGISTICS),
    ("Have you got a moment?", Role.LOGISTICS),
    ("Does that sound like something you'd be comfortable putting your name to?", Role.LOGISTICS),            # stopping someone, or calling them
    ("Is now still OK for about fifteen minutes?", Role.LOGISTICS),
    ("Does that make sense?", Role.LOGISTICS),
    ("Do you have any questions before we start?", Role.LOGISTICS),
    ("Do you know anyone else who might be willing to take part in a session like this?", Role.LOGISTICS),
    ("Who else should we talk to about this?", Role.LOGISTICS),
    ("Would you be open to participating in future research?", Role.LOGISTICS),
    ("Can you remind me where you are based?", Role.LOGISTICS),
    ("Would you like me to repeat that?", Role.LOGISTICS),
    ("Can you see my screen?", Role.LOGISTICS),
    # questions stay questions
    ("Does this answer make sense?", Role.QUESTION),
    ("How do you usually schedule your appointments?", Role.QUESTION),
    ("Is there anything else you'd like to add?", Role.QUESTION),
    ("What type of work do you do?", Role.QUESTION),
])
def test_line_roles_from_the_words(line, role):
    assert roles_by_text(f"# G\n\n## Part (5 min)\n\n- {line}\n")[line.removeprefix("PROMPT: ")] == role


@pytest.mark.parametrize("line", [
    "Say you wanted to book an appointment. How would you do that from here?",
    "Let's say our test user, Pat, has no account. How would they create one from here?",
    "How would you print your list of appointments?",
    "If you were looking to send a message and you were on this page, what would you do?",
])
def test_scenarios_and_show_me_questions_in_a_task_are_tasks(line):
    roles = roles_by_text(f"# G\n\n## Task 1: Find it (5 min)\n\n- {line}\n")
    assert roles[line] == Role.TASK


def test_the_scenario_first_test_agrees_with_the_scenario_pattern():
    """The two-letter test in front of the scenario pattern only skips sentences the pattern
    cannot match: every spelling that starts a scenario, in any case, and texts whose folding
    lower() does not share (a long "ſ", a dotted "İ") still reach the pattern."""
    import csv
    from pathlib import Path

    from guidelint.parser.roles import _SCENARIO, _opens_a_scenario

    openers = ["ok, say you", "Okay so imagining", "so say that", "Now let's pretend", "NEXT, say the", "for this task, imagine you're",
               "For this next one, let's assume", "let's say our", "lets try imagining", "SAY YOU", "pretend that", "we're going to imagine",
               "Were going to pretend", "imagine that you", "Your task is", "your goal is", "ſay you", "İmagine you", "ok ſay you",
               "K, say you", "Say", "s", "", "yo", "What would you do", "How do you plan?"]
    texts = [t for o in openers for t in (o, o + " wanted to book.", o.upper(), o.lower(), o.title())]
    for path in sorted(Path(__file__).parent.joinpath("data").glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            texts += [row["question"] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row.get("question")]
    assert sum(_opens_a_scenario(t) for t in texts) >= 40
    for text in texts:
        assert _opens_a_scenario(text) == (_SCENARIO.match(text) is not None), text


def test_a_how_would_you_question_outside_a_task_is_a_question():
    line = "How would you describe your week?"
    assert roles_by_text(f"# G\n\n## Habits (5 min)\n\n- {line}\n")[line] == Role.QUESTION


def test_observer_checks_in_a_task_and_answer_keys_are_for_the_note_taker():
    roles = roles_by_text("# G\n\n## Task 1: Find it\n\n- Did the participant find the button?\n"
                          "- Were they able to finish? [Y] [N]\n- What did you expect to see?\n")
    assert roles["Did the participant find the button?"] == Role.OBSERVER
    assert roles["Were they able to finish? [Y] [N]"] == Role.OBSERVER
    assert roles["What did you expect to see?"] == Role.QUESTION


def test_hints_for_a_stuck_participant_are_assists():
    text = ("# G\n\n## Task 2: Print it\n\nPROMPT: Could you print this list?\n"
            "  - What would you do next?\n  - How did that feel?\n\n"
            "_If they don't find the button_\n\n- Is there another way to get there?\n")
    roles = roles_by_text(text)
    assert roles["Could you print this list?"] == Role.TASK
    assert roles["What would you do next?"] == Role.ASSIST
    assert roles["How did that feel?"] == Role.PROBE  # a question about the experience
    assert roles["Is there another way to get there?"] == Role.ASSIST


def test_a_condition_after_a_question_does_not_make_it_a_hint():
    line = "What made you choose this option? [only if they chose option 2]"
    roles = roles_by_text(f"# G\n\n## Part\n\n- {line}\n")
    assert Role.QUESTION in roles.values() and Role.ASSIST not in roles.values()


def test_a_label_gives_the_list_under_it_its_role_until_another_list():
    text = ("# G\n\n## Task 1\n\n- What do you notice first?\n\nThings to look out for:\n"
            "- Did they notice the alert?\n- Do they understand the options?\n\n"
            "1. Select a review option\n- What is the first thing you notice on this page?\n")
    roles = roles_by_text(text)
    assert roles["Did they notice the alert?"] == Role.OBSERVER
    assert roles["Do they understand the options?"] == Role.OBSERVER
    assert roles["What is the first thing you notice on this page?"] == Role.QUESTION


def test_a_details_block_that_names_its_purpose_gives_its_lines_that_role():
    text = ("# G\n\n## Concept A\n\n- What stands out?\n\n<details>\n  <summary>Key things to notice</summary>\n\n"
            "- Do people think the category helps?\n</details>\n\n- What would you change?\n")
    roles = roles_by_text(text)
    assert roles["Do people think the category helps?"] == Role.OBSERVER
    assert roles["What would you change?"] == Role.QUESTION


def test_a_consent_paragraph_ending_in_a_question_does_not_take_the_bullets_as_probes():
    text = ("# G\n\n## Intro\n\nWe record these calls for our notes. Is that all right?\n\n"
            "- What does your team do?\n- How long have you worked there?\n")
    guide = parse_text(text)
    intro = guide.sections[0].children[0]
    assert [q.text for q in intro.questions][1:] == ["What does your team do?", "How long have you worked there?"]
    assert intro.questions[0].role == Role.LOGISTICS and not intro.questions[0].probes


def test_bullets_under_a_probes_label_are_probes_of_the_question_above():
    guide = parse_text("# G\n\n## Part\n\nHow did you choose the tool?\n\nProbes:\n\n- Who else was involved?\n- What did it cost?\n")
    question = guide.sections[0].children[0].questions[0]
    assert [p.text for p in question.probes] == ["Who else was involved?", "What did it cost?"]
    assert {p.role for p in question.probes} == {Role.PROBE}


def test_a_blockquoted_question_the_interviewer_reads_out_is_a_question():
    roles = roles_by_text("# G\n\n## Part\n\n> So, how did you choose\n> the tool?\n\n> [!NOTE]\n> Is this ok?\n")
    assert roles["So, how did you choose the tool?"] == Role.QUESTION
    assert roles["[!NOTE] Is this ok?"] == Role.NOTE


def test_checkbox_items_that_ask_are_questions_and_the_others_a_checklist():
    # a box list that speaks to the participant is a question list, its you-less items too
    roles = roles_by_text("# G\n\n## Part\n\n- [ ] Does this answer make sense?\n- [ ] How easy was it for you to find?\n"
                          "- [ ] Start the recording\n")
    assert roles["Does this answer make sense?"] == Role.QUESTION
    assert roles["Start the recording"] == Role.NOTE


def test_checkbox_items_the_moderator_ticks_are_not_asked():
    text = ("# G\n\n## Wrap-up (5 min)\n\n- What would you change about the export?\n\n"
            "- [ ] Did the participant sign the NDA?\n- [ ] Is the recording stopped?\n- [x] Has the gift card been sent?\n")
    roles = roles_by_text(text)
    assert roles["What would you change about the export?"] == Role.QUESTION
    assert roles["Did the participant sign the NDA?"] == Role.OBSERVER
    assert roles["Is the recording stopped?"] == Role.LOGISTICS
    assert roles["Has the gift card been sent?"] == Role.LOGISTICS
    assert not [d for d in wording(text) if d.line > 6]


def test_a_speaker_label_that_asks_is_asked_and_one_that_instructs_is_a_note():
    roles = roles_by_text("# G\n\n## Part\n\nMODERATOR: So, what do you think of the form?\n\nINTERVIEWER: Introduce yourself.\n")
    assert roles["So, what do you think of the form?"] == Role.QUESTION
    assert roles["Introduce yourself."] == Role.NOTE


def test_each_sentence_of_a_paragraph_has_its_own_role():
    text = "# G\n\n## Part\n\nLet's navigate to the settings page. Click the link for me. Does this help clarify the settings?\n"
    guide = parse_text(text)
    question = guide.sections[0].children[0].questions[0]
    assert [s.role for s in question.sentences] == [Role.TASK, Role.TASK, Role.QUESTION]
    assert question.role == Role.QUESTION


# ---- wording rules judge only questions and probes ------------------------------------------


def test_wording_rules_do_not_judge_tasks_logistics_or_observer_checks():
    text = ("# G\n\n## Intro (5 min)\n\n- Is it OK if I record this session?\n- Does that make sense?\n\n"
            "## Task 1: Find it (10 min)\n\nPROMPT: Could you return to the home page?\n\n"
            "- Were they able to find it? [Y] [N]\n- Say you wanted to cancel. What would you do from here?\n")
    assert wording(text) == []


def test_explain_roles_lists_every_line_with_its_reason():
    rows = explain(parse_text("# G\n\n## Intro\n\n- Is it OK if I record?\n- What do you do?\n"))
    assert [(line, role) for line, role, _why, _text in rows] == [
        (1, "section:session"), (3, "section:session"), (5, "logistics"), (6, "question")]
    assert "consent" in rows[2][2]


def test_check_explain_roles_prints_each_line_with_its_role(tmp_path):
    import subprocess
    import sys

    (tmp_path / "g.guide.md").write_text("# G\n\n## Task 1: Find it\n\n- Could you open the menu?\n- What did you expect?\n")
    done = subprocess.run([sys.executable, "-m", "guidelint", "check", "--isolated", "--explain-roles", "g.guide.md"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "g.guide.md:5: task (asks the participant to do something on the screen): Could you open the menu?" in done.stdout
    assert "g.guide.md:6: question: What did you expect?" in done.stdout


@pytest.mark.parametrize("line,role", [
    ("Were you able to find the form?", Role.OBSERVER),
    ("Did you manage to finish the booking?", Role.OBSERVER),
    ("Would you click this link?", Role.TASK),
])
def test_completion_checks_and_would_you_click_in_a_task(line, role):
    assert roles_by_text(f"# G\n\n## Task 3: Book it\n\n- {line}\n")[line] == role
    assert roles_by_text(f"# G\n\n## Habits\n\n- {line}\n")[line] == Role.QUESTION


@pytest.mark.parametrize("quote", [
    '> "Why would anyone hide the export button? Don\'t they want us to use it?" (P3)',
    "> “Why would anyone hide the export button?”",
    "> Why would anyone hide the export button? Don't they want us to use it? — P3",
    "> Why would anyone hide it? (Participant 12, nurse)",
])
def test_a_participant_quoted_in_a_blockquote_is_a_note_not_a_question(quote):
    text = f"# G\n\n## Findings (10 min)\n\n{quote}\n\n> So, how did you choose the tool?\n"
    roles = roles_by_text(text)
    assert roles["So, how did you choose the tool?"] == Role.QUESTION
    assert [role for words, role in roles.items() if "hide" in words] == [Role.NOTE]
    assert not [d for d in wording(text) if d.line == 5]


def test_a_condition_in_an_interview_is_a_cue_and_the_questions_after_it_are_asked():
    text = ("# G\n\n## Pricing (10 min)\n\n- How do you pay for tools today?\n\n_If they don't mention price:_\n\n"
            "- Is the price the main thing for you?\n\n- Would you recommend it to a friend?\n")
    roles = roles_by_text(text)
    assert roles["Is the price the main thing for you?"] == Role.QUESTION
    assert roles["Would you recommend it to a friend?"] == Role.QUESTION


def test_a_hint_condition_in_a_task_covers_the_next_item_or_tight_list_only():
    text = ("# G\n\n## Task 2: Print it\n\nThe list is on the screen.\n\n_If they get stuck:_\n\n"
            "- Is there another way to get there?\n- Where else might you look?\n\nWhat did you think of the print preview?\n")
    roles = roles_by_text(text)
    assert roles["Is there another way to get there?"] == Role.ASSIST
    assert roles["Where else might you look?"] == Role.ASSIST
    assert roles["What did you think of the print preview?"] == Role.QUESTION


@pytest.mark.parametrize("between", ["---", "| a | b |\n|---|---|\n| 1 | 2 |", "```\nnotes\n```"], ids=["break", "table", "code"])
def test_a_label_ends_at_a_break_a_table_or_code(between):
    text = (f"# G\n\n## Checkout (10 min)\n\nThings to look out for:\n\n- Do they notice the coupon box?\n\n{between}\n\n"
            "- What would you change about checkout?\n")
    roles = roles_by_text(text)
    assert roles["Do they notice the coupon box?"] == Role.OBSERVER
    assert roles["What would you change about checkout?"] == Role.QUESTION


def test_a_details_label_gives_a_blockquote_inside_it_its_role():
    text = ("# G\n\n## Checkout (10 min)\n\n<details><summary>Notes for observers</summary>\n\n"
            "> Did they find the coupon box?\n\n</details>\n\n> So, how did you choose the tool?\n")
    roles = roles_by_text(text)
    assert roles["Did they find the coupon box?"] == Role.OBSERVER
    assert roles["So, how did you choose the tool?"] == Role.QUESTION


@pytest.mark.parametrize("label", ["Ask", "Interviewer", "MODERATOR"])
def test_a_speaker_label_on_a_request_is_read_as_the_request(label):
    roles = roles_by_text(f"# G\n\n## Part (10 min)\n\n{label}: Tell me about the last time you exported a report.\n\n"
                          "Say: Thanks for joining, I will start the recording now.\n")
    assert roles["Tell me about the last time you exported a report."] == Role.QUESTION
    assert roles["Thanks for joining, I will start the recording now."] == Role.NOTE


@pytest.mark.parametrize("line", [
    "*Watch for: do they read the summary page before submitting?*",
    "Look for: did they find the upload button?",
    "- Success: do they reach the review step without help?",
    "- Look out for: are they hesitating at the date field?",
])
def test_a_watch_for_or_success_label_makes_an_observer_note(line):
    text = f"# G\n\n## Task 1: Submit the claim (5 min)\n\nPlease submit the claim.\n\n{line}\n\n- What did you expect to happen?\n"
    assert wording(text) == []
    assert roles_by_text(text)["What did you expect to happen?"] in (Role.QUESTION, Role.PROBE)


def test_an_italic_question_without_a_label_is_still_asked():
    roles = roles_by_text("# G\n\n## Warm-up\n\n*What does a normal weekday look like for you?*\n")
    assert roles["What does a normal weekday look like for you?"] == Role.QUESTION


@pytest.mark.parametrize("label", [
    "- Questions I need to stop asking:",
    "- Don't ask:",
    "- Bad questions from round 1:",
    "- questions to avoid:",
    "- Also avoid:",
])
def test_questions_quoted_under_a_dont_ask_label_are_not_asked(label):
    text = (f"# G\n\n## Questions\n\n- What happened the last time a patient cancelled?\n{label}\n"
            "  - \"Don't you think reminders would help?\" <- leading\n  - Would you pay for a tool like this?\n")
    assert wording(text) == []
    text_asked = text.replace(label, "- Then ask:")
    assert {d.name for d in wording(text_asked)} >= {"leading-question", "hypothetical-question"}


def test_an_item_that_quotes_what_not_to_ask_is_not_asked():
    text = ("# G\n\n## Questions (10 min)\n\n- How do you mark essays today?\n"
            "- Don't ask \"Wouldn't it be great if the app marked essays for you?\" It tells them what we hope.\n")
    assert wording(text) == []
    assert wording(text.replace("Don't ask ", "")) != []


@pytest.mark.parametrize("label", ["Also avoid:", "**Don't ask:**", "Things we should not say:"])
def test_a_list_under_a_dont_ask_paragraph_is_not_asked(label):
    text = (f"# G\n\n## Questions (10 min)\n\n- What happened the last time a patient cancelled?\n\n{label}\n\n"
            "- \"So reminders would help, right?\"\n- Would you pay for a tool like this?\n")
    assert wording(text) == []
    assert {d.name for d in wording(text.replace(label, "Then ask:"))} >= {"leading-question", "hypothetical-question"}


@pytest.mark.parametrize("title", ["Intro (moderator reads aloud)", "Warm-up (optional)", "Tasks (CERNER ONLY)",
                                   "Pricing (for you to answer)", "Session overview", "Appendicitis stories"])
def test_a_bracket_that_does_not_say_whom_the_section_is_for_changes_nothing(title):
    assert heading_purpose(title) is None


def test_a_condition_that_says_what_to_do_itself_leaves_the_questions_after_it_asked():
    task = "## Task 2: Add photos (10 min)\n\n> Could you add the two photos to your claim?\n\n"
    told = task + "*[If they can't find the photos, paste them again.]*\n\n- What did you notice on this step?\n"
    cue = task + "*If they can't find the photos:*\n\n- What did you notice on this step?\n"
    assert roles_by_text("# G\n\n" + told)["What did you notice on this step?"] == Role.QUESTION
    assert roles_by_text("# G\n\n" + cue)["What did you notice on this step?"] == Role.ASSIST


@pytest.mark.parametrize("line, role", [
    ("Could you start by telling me a bit about your company?", Role.QUESTION),   # the telling is asked
    ("Could you start by opening the app?", Role.TASK),
    ("Your £50 voucher goes out today; would you like it by email or post?", Role.LOGISTICS),
    ("Do you know anyone else who'd be up for a quick chat?", Role.LOGISTICS),
    ("How do you use vouchers in your shop?", Role.QUESTION),
])
def test_requests_thank_you_gifts_and_referrals(line, role):
    assert roles_by_text(f"# G\n\n## Wrap-up\n\n- {line}\n")[line] == role


@pytest.mark.parametrize("line, role", [
    ("MOD (before the call): Have I closed email and Slack?", Role.NOTE),       # the moderator's own check
    ("NT: Did they read the earnings limit? Y / N", Role.NOTE),                  # the note-taker's
    ("MOD + NT (after the call): Did the recording save?", Role.NOTE),
    ("After P leaves: did the recording save? Rename the file.", Role.NOTE),
    ("MODERATOR: Could you tell me about a typical week?", Role.QUESTION),      # said to the participant
])
def test_run_sheet_prefixes_say_who_the_line_is_for(line, role):
    text = f"# G\n\n## Background (10 min)\n\n- {line}\n"
    [(_, got, _, _)] = [x for x in explain(parse_text(text)) if x[0] == 5]
    assert got == role


def test_a_run_sheet_probe_prefix_makes_a_probe():
    text = "# G\n\n## Background (10 min)\n\n1. MODERATOR: What worries you about applying?\n2. MOD probe: What makes you say that?\n"
    roles = roles_by_text(text)
    assert roles["What makes you say that?"] == Role.PROBE


@pytest.mark.parametrize("line", [
    "Just to confirm what you told the recruiter: you care for someone at least 20 hours a week, is that still right?",
    "I've put a link in the chat. Can you see it?",
    "I can see the start page. Is that what you're seeing too?",
    "Now that it's recording, could you say again that you're happy to be recorded?",
    "Are you still happy to take part?",
    "Would you be open to another conversation in about six months?",
    "Is Voice Control switched on?",
    "Would it help if I turned my camera off?",
    "Your £50 thank-you is paid by bank transfer. Are the bank details you gave the recruiter still correct?",
    "We sent a consent form by email. Did you get a chance to sign it?",
])
def test_set_up_checks_run_the_session(line):
    assert roles_by_text(f"# G\n\n## Welcome (5 min)\n\n- {line}\n")[line] == Role.LOGISTICS


@pytest.mark.parametrize("line", ["What did you see in the chat?", "Did you see anything confusing?",
                                  "Have you ever applied for a benefit online?"])
def test_questions_near_those_words_are_still_asked(line):
    assert roles_by_text(f"# G\n\n## Background (5 min)\n\n- {line}\n")[line] == Role.QUESTION


def test_and_goes_on_with_the_set_up_line_before_it():
    text = ("# G\n\n## Welcome (5 min)\n\n- Just to confirm, you look after someone at least 20 hours a week?\n"
            "- And you haven't applied before?\n\n## Background (10 min)\n\n- What do you do on a typical day?\n"
            "- And how did you get into caring?\n")
    roles = roles_by_text(text)
    assert roles["And you haven't applied before?"] == Role.LOGISTICS
    assert roles["And how did you get into caring?"] == Role.QUESTION


def test_a_section_of_the_teams_research_questions_is_not_asked():
    goals = ("- Can applicants tell whether they are eligible?\n- Do people understand which evidence they need?\n"
             "- Where do people stop or go back?\n")
    asked = ("- Can you tell whether you are eligible?\n- Do you understand which evidence you need?\n"
             "- Where did you stop or go back?\n")
    assert wording(f"# G\n\n## What we're curious about\n\n{goals}") == []
    # an expert asked about customers under a topic heading is still asked
    expert = ("- Do customers usually pay by card?\n- Do they ask for refunds often?\n- Do people complain about fees?\n")
    assert wording(f"# G\n\n## Payments (10 min)\n\n{expert}", strict=True)
    assert {d.name for d in wording(f"# G\n\n## Eligibility (10 min)\n\n{asked}", strict=True)} >= {"closed-question"}


@pytest.mark.parametrize("line", [
    "Could you carry on until you reach the questions about caring hours?",
    "Would you try answering those as you would for real?",
    "Imagine you've decided to apply today. Could you find out whether you can?",
])
def test_more_ways_to_set_a_task(line):
    assert roles_by_text(f"# G\n\n## Task 2: Caring hours (10 min)\n\n- {line}\n")[line] == Role.TASK


@pytest.mark.parametrize("line", [
    "Before we head back, can your group agree on the one pain point you'd most like everyone to hear?",
    "Can you all pick the two cards that matter most to you?",
    "Could each table rank the five ideas from most to least useful?",
])
def test_an_exercise_set_for_a_group_is_a_task(line):
    assert roles_by_text(f"# G\n\n## Breakout (20 min)\n\n- {line}\n")[line] == Role.TASK


def test_a_question_to_the_group_is_still_a_question():
    line = "Can you agree that the export is the main problem?"
    assert roles_by_text(f"# G\n\n## Breakout (20 min)\n\n- {line}\n")[line] == Role.QUESTION


@pytest.mark.parametrize("line", [   # a reviewer's cases: near the set-up patterns, but put to the participant
    "Is your heating usually turned on overnight?",
    "Would it help if we sent you a reminder before the price goes up?",
    "Can you see this saving you money?",
    "When you've posted a question in the chat during a team meeting, doesn't it usually get ignored?",
    "Is there anyone else at home who would be happy to use the app?",
    "Am I right in thinking the old meter was much worse?",
    "Have I understood you correctly that the new app is much better?",
    "Just to check, wouldn't you agree the bill is too high?",
    "What did you spend your voucher on?",
    "Success: Don't you think success is mostly about hitting targets?",
])
def test_questions_near_set_up_words_are_still_asked(line):
    text = f"# G\n\n## Your bills (10 min)\n\n- {line}\n"
    assert roles_by_text(text)[line.split(": ", 1)[-1] if line.startswith("Success") else line] in (Role.QUESTION, Role.PROBE)


def test_and_does_not_chain_and_goes_on_only_as_a_yes_no():
    text = ("# G\n\n## Your bills (10 min)\n\n- Is it still OK for us to keep recording?\n"
            "- And don't you think our new app is much better than the old one?\n- And how did you feel when the bill came?\n")
    roles = roles_by_text(text)
    assert roles["And how did you feel when the bill came?"] == Role.QUESTION
    assert {d.name for d in wording(text)} >= {"leading-question"}


@pytest.mark.parametrize("heading", ["Warm-up (interviewer) (5 min)", "Discussion (facilitator) (20 min)"])
def test_who_leads_a_section_does_not_take_it_from_the_participant(heading):
    assert wording(f"# G\n\n## {heading}\n\n- Wouldn't it be great if the bill came earlier?\n")


@pytest.mark.parametrize("line", ["MOD (after task 1): Don't you think that was really easy?",
                                  "Interviewer (only if they mention price): Wouldn't you agree it is too expensive?"])
def test_a_run_sheet_bracket_about_when_a_line_is_said_keeps_it_asked(line):
    assert wording(f"# G\n\n## Tasks (10 min)\n\n- {line}\n")


def test_a_label_that_says_what_to_ask_instead_introduces_questions():
    text = ("# G\n\n## Buying (10 min)\n\n- Don't ask them to predict the future; ask about the last time instead:\n"
            "  - When did you last buy a subscription?\n  - Don't you think the price was too high?\n")
    assert {d.name for d in wording(text)} >= {"leading-question"}


def test_a_debrief_of_questions_the_team_asks_itself_is_not_asked():
    text = ("# G\n\n## Session (30 min)\n\n- What happened the last time you booked?\n\n## Debrief (20 min)\n\n"
            "1. What did we hear that we didn't expect?\n2. Where did the group disagree, and why?\n"
            "3. Which of our questions is clearer now?\n")
    roles = roles_by_text(text)
    assert roles["What did we hear that we didn't expect?"] != Role.QUESTION
    to_them = text.replace("did we hear that we", "did you hear that you").replace("our questions", "your questions")
    assert roles_by_text(to_them)["What did you hear that you didn't expect?"] == Role.QUESTION  # a debrief with them


@pytest.mark.parametrize("line", ["[How do they pick between the [3] plans? Is the comparison enough?] [decision]",
                                  "[Does she read the terms or skip them?]  [comprehension]"])
def test_a_line_made_of_bracket_groups_is_the_researchers_note(line):
    text = f"# G\n\n## Plans page (10 min)\n\n- What stands out to you on this page?\n- {line}\n"
    roles = roles_by_text(text)
    assert roles["What stands out to you on this page?"] == Role.QUESTION
    assert [role for words, role in roles.items() if words.startswith("[")] == [Role.NOTE]
    assert not wording(text)


def test_words_outside_the_brackets_keep_a_line_asked():
    text = "# G\n\n## Plans (10 min)\n\n- [Plan name] is the best one, isn't it? [pricing]\n"
    assert {d.name for d in wording(text)} >= {"leading-question"}


@pytest.mark.parametrize("text, colon, is_label", [
    ("For Veterans:", True, True),
    ("If they have a caregiver:", True, True),
    ("[If VA copay]:", True, True),
    ("For managers only", False, True),            # a heading needs no colon
    ("For managers only", True, False),            # a line in a list does
    ("For example:", True, False),
    ("Branch B — lost deals", False, True),
    ("Path 2: renewing", False, True),
    ("Track record", False, False),
    ("Part 4A: Monthly donors only", False, True),
    ("5b. If lost", False, True),
    ("If time allows:", True, False),
    ("For each screen:", True, False),
    ("If you could change one thing about the form, what would it be:", True, False),  # too long to be a label
    ("When you arrive:", True, False),
])
def test_a_label_that_names_whom_a_part_is_for(text, colon, is_label):
    from guidelint.parser.roles import alternative_label

    assert alternative_label(text, colon=colon) is is_label


def test_a_set_up_checklist_inside_the_intro_is_not_counted_against_its_box():
    checks = "".join(f"- Which {thing} do you use most?\n" for thing in ("browser", "phone", "magnifier", "headset", "app", "laptop"))
    text = (f"---\nduration: 30 min\n---\n# G\n\n## Intro (5 min)\n\n- Is it all right if we record?\n- What brought you here?\n\n"
            f"### Checklist for remote participants\n\n{checks}")
    found = lint_snippet(text, select=["GL304"])
    assert found == []
    assert lint_snippet(text.replace("Checklist for remote participants", "About your week"), select=["GL304"])


@pytest.mark.parametrize("line", ["Would you prefer to get the URL by chat or by email?", "Would you prefer me to send the web address or read it out?"])
def test_how_they_get_the_link_is_logistics(line):
    roles = roles_by_text(f"# G\n\n## Warm-up (5 min)\n\n- {line}\n- What brought you here?\n")
    assert roles[line] == Role.LOGISTICS
    assert roles["What brought you here?"] == Role.QUESTION


def test_alternatives_read_with_a_callers_memory_of_the_runs_agree_with_a_fresh_reading():
    # duplicate-question keeps each parent's runs for the pairs it asks about; the answers must not change
    from guidelint.parser.roles import are_alternatives

    guide = parse_text(
        "# Guide\n\n## Questions by audience\n\n### For Veterans\n\n- What did you apply for?\n\n"
        "### For caregivers\n\n- What did you apply for?\n\n## Wrap-up\n\n- What did you apply for?\n"
    )
    sections = list(guide.iter_sections())
    memory: dict = {}
    pairs = [(a, b) for a in sections for b in sections]
    fresh = [are_alternatives(a, b) for a, b in pairs]
    assert [are_alternatives(a, b, memory) for a, b in pairs] == fresh
    assert [are_alternatives(a, b, memory) for a, b in pairs] == fresh  # read again from the memory
    veterans, caregivers = (s for s in sections if s.title.startswith("For "))
    assert are_alternatives(veterans, caregivers, memory) and not are_alternatives(veterans, sections[-1], memory)


def test_a_guide_that_quotes_its_questions_in_blockquotes_asks_them():
    text = ('# G\n\n## Their story\n\n> "How often did you go, and what did you borrow?"\n\n'
            '(Aside: let them talk.)\n\n> "What changed?"\n\n> "Was it because of the new opening hours?"\n')
    roles = roles_by_text(text)
    assert roles['"What changed?"'] == Role.QUESTION          # the guide's way of writing its questions
    assert roles['"Was it because of the new opening hours?"'] == Role.QUESTION
    # before any quoted question speaks to them, a quoted question is someone's words
    alone = roles_by_text('# G\n\n## Findings\n\n> "Why would anyone hide it?"\n')
    assert alone['"Why would anyone hide it?"'] == Role.NOTE


def test_an_exercises_hands_on_step_is_a_task_not_a_yes_no():
    line = "Now could you put a green dot on the ones that helped most?"
    assert roles_by_text(f"# G\n\n## Map (10 min)\n\n- {line}\n")[line] != Role.QUESTION


@pytest.mark.parametrize("line", ["Explain one-way mirror: colleagues from the team are watching next door.",
                                  "Explain the recording and how it is used."])
def test_what_to_explain_about_the_session_is_for_the_moderator(line):
    assert roles_by_text(f"# G\n\n## Intro (5 min)\n\n- {line}\n")[line] == Role.LOGISTICS
    asked = "Explain how you chose the supplier."
    assert roles_by_text(f"# G\n\n## Topics\n\n- {asked}\n")[asked] == Role.QUESTION


def test_a_consent_check_asked_on_the_recording_is_logistics():
    line = "For the recording, could you just confirm you're happy to take part?"
    assert roles_by_text(f"# G\n\n## Intro (5 min)\n\n> {line}\n")[line] == Role.LOGISTICS


def test_a_probe_list_on_its_line_and_the_question_on_the_next_are_apart():
    text = ("# G\n\n## Treatments (10 min)\n\nCan you walk me through the treatments you've tried?\n"
            "PROBE for each: how long used; why started; why stopped; who suggested it\n"
            "Who decides which treatment you use?\n"
            "What, if anything, gets in the way of using it as prescribed?\n"
            "PROBE: time and mess of creams, injections, travel, cost\n")
    roles = roles_by_text(text)
    assert roles["Who decides which treatment you use?"] == Role.QUESTION
    assert not [words for words, role in roles.items() if "mess of creams" in words and role == Role.QUESTION]


def test_leave_to_pass_their_details_on_is_logistics():
    line = "Would you be happy for your contact details to be passed to the safety team in case they need to follow up?"
    assert roles_by_text(f"# G\n\n## Close (5 min)\n\n- {line}\n")[line] == Role.LOGISTICS


def test_whom_a_part_is_for_may_sit_in_its_time_box():
    guide = parse_text("# G\n\n## Wrap-up (5 min)\n\nAnything else?\n\n"
                       "DEBRIEF (team, 15 min after)\n- Did desk staff see it differently?\n")
    [debrief] = [s for s in guide.iter_sections() if s.title == "DEBRIEF"]
    assert debrief.role == SectionRole.DEBRIEF
    timed = parse_text("# G\n\n## Wrap-up (5 min)\n\nAnything else?\n\n## Pricing (10 min)\n- How do you pay today?\n")
    assert [s.role for s in timed.iter_sections() if s.title == "Pricing"] == [SectionRole.SESSION]


def test_the_numbered_parts_of_a_session_plan_are_the_session():
    text = ("# G\n\n## Session plan\n\n| # | Block | Time |\n|---|---|---|\n| 1 | Straight in | 15 min |\n\n"
            "### 1. Straight in (15)\n\nWouldn't you rather plan on paper?\n")
    [part] = [s for s in parse_text(text).iter_sections() if s.title.startswith("1.")]
    assert part.role == SectionRole.SESSION
    assert [d.name for d in lint_snippet(text, select=["GL101"])] == ["leading-question"]
    # (a research plan's numbered goals are still the team's)
    plan = parse_text("# G\n\n## Research plan\n\n### 1. Goals\n\nWhat do we want to learn?\n")
    assert [s.role for s in plan.iter_sections() if s.title.startswith("1.")] == [SectionRole.MATERIAL]


def test_a_headers_last_line_can_name_the_list_below_it():
    text = ("# Helpline callbacks\n\nSessions: 45 minutes, by phone\nResearch questions:\n"
            "- Was the problem resolved on the callback?\n\n## Questions (40 min)\n\n- How did the call go?\n")
    found = [(d.name, d.span.line) for d in lint_snippet(text, select=["GL1"])]
    assert ("closed-question", 5) not in found and not any(line == 5 for _, line in found)
    [team] = [b for s in parse_text(text).iter_sections() for b in s.blocks if b.span.line == 5]
    assert team.role == Role.MATERIAL


@pytest.mark.parametrize("title, role", [
    ("Notes for Jess/Ollie", SectionRole.LOGISTICS),    # the team, by first names
    ("Tips for Sam and Priya", SectionRole.LOGISTICS),
    ("Notes for Parents", None),                        # the people interviewed
    ("Notes for participants", None),
])
def test_notes_for_people_named_by_first_name_are_the_teams(title, role):
    assert (heading_purpose(title) or (None,))[0] == role
