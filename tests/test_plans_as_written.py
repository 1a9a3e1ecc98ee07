"""Plans, scripts and set-up lines as teams write them (the formats blind readers met in sets x
and y): each case fires where the plan is wrong and stays quiet where it only looks unusual."""

from __future__ import annotations

import pytest

from guidelint.config import Settings, parse_duration
from guidelint.model import Role
from guidelint.parser import parse_text
from guidelint.parser.inline import find_timebox
from tests.helpers import lint_snippet


def found(text: str, select: str, **settings) -> list[tuple[str, int]]:
    return [(d.name, d.span.line) for d in lint_snippet(text, select=[select], settings=Settings(**settings))]


def roles_of(text: str) -> dict[int, str]:
    guide = parse_text(text, "t.md")
    return {q.span.line: q.role for s in guide.iter_sections() for q in s.questions}


# ---- time boxes and lengths written with a note ------------------------------------------------

@pytest.mark.parametrize("title, low", [
    ("1. Welcome and consent (4 min, includes warm-up)", 4),
    ("Welcome (5 min; includes consent)", 5),
    ("Intro (5 min incl. consent)", 5),
    ("Follow-up (20 min, video call)", 20),
    ("Tasks (35 min: four tasks plus ~3 min for transitions)", 35),
    ("Pricing (10 min - incl. the card sort)", 10),
    ("Topics (20 min plus buffer)", 20),
    ("Task 1: Install and sign in (target 8 min)", 8),   # the length the moderator aims at
    ("Wrap-up (max 5 min)", 5),
    ("About them (5 min) (should we move this up?)", 5),  # a note in brackets of its own after the box
    ("Warm-up (5 min) (optional)", 5),
    ("Interview: story beats (40 min slot)", 40),
    ("3. Diary entries [14 min] – branch on entry count", 14),   # a note after the box and a dash
])
def test_a_box_with_a_note_in_its_bracket_is_read(title, low):
    box = find_timebox(title)
    assert box is not None and box.low == low


def test_a_note_in_brackets_after_the_box_stays_in_the_title():
    guide = parse_text("# G\n\n## Warm-up (5 min) (optional)\n\n- What do you do?\n", "t.md")
    section = guide.sections[0].children[0]
    assert section.title == "Warm-up (optional)" and section.optional and section.timebox.low == 5


def test_the_note_stays_in_the_title_and_out_of_the_box():
    guide = parse_text("# G\n\n## Welcome (4 min, includes warm-up)\n\nHi.\n", "t.md")
    section = guide.sections[0].children[0]
    assert section.title == "Welcome (includes warm-up)" and section.timebox.raw.strip() == "4 min"


@pytest.mark.parametrize("value, minutes", [
    ("45 min per session", 45), ("60 minutes each", 60), ("30 min (per interview)", 30),
    ("25 min, straight after the 45-min play session", 25), ("1 hour - including a break", 60),
])
def test_a_length_with_a_note_is_read(value, minutes):
    assert parse_duration(value) == minutes


def test_a_length_key_with_a_note_is_no_front_matter_error():
    text = "---\nduration: 45 min per session\n---\n# G\n\n## Intro (5 min)\n\n- What do you do?\n"
    assert found(text, "GL0") == []


def test_a_length_in_a_properties_table_is_the_session_length():
    text = ("# Story interview\n\n| Property | Value |\n| --- | --- |\n| Duration | 45 min |\n\n## Guide\n\n"
            "## Intro (10 min)\n\n- What do you do?\n\n## Story (40 min)\n\n- What happened?\n")
    assert found(text, "over-time-budget") == [("over-time-budget", 9)]


def test_a_subtitle_that_states_the_whole_length_is_not_one_more_part():
    text = ("# Project\n\n## Discussion guide (final, 90 minutes)\n\nLength: 90 minutes\n\n"
            "## Part A (40 min)\n\n- What do you do?\n\n## Part B (50 min)\n\n- What happened?\n")
    assert found(text, "over-time-budget") == []
    over = text.replace("## Part B (50 min)", "## Part B (60 min)")
    assert found(over, "over-time-budget") == [("over-time-budget", 7)]


# ---- parts that need no box of their own -------------------------------------------------------

def _plan(*parts: str) -> str:
    return "---\nduration: 30 min\n---\n# G\n\n" + "\n".join(parts)


def test_a_part_counted_in_another_box_or_saying_its_length_needs_no_box():
    text = _plan("## 1. Intro (5 min)\n\n- What do you do?\n",
                 "## 2. Documents to ask for (part of the last 10 min)\n\n- Could you send the latest tender?\n",
                 "## 3. Sort (15 min)\n\n- Which group is this?\n",
                 "## 4. Sort instructions\n\n> Sort the cards. This takes about 10 minutes.\n\n- Any questions?\n")
    assert found(text, "missing-time-box") == []
    assert found(text.replace(" (part of the last 10 min)", ""), "missing-time-box") == [("missing-time-box", 10)]


def test_parts_after_one_in_the_last_minutes_share_them():
    text = _plan("## 1. Intro (5 min)\n\n- What do you do?\n", "## 2. Story (19 min)\n\n- What happened?\n",
                 "## 3. Documents (part of the last 6 min)\n\n- Could you send the tender?\n",
                 "## 4. Wrap-up\n\n- Anything else?\n\nThanks! We'll write by Friday.\n")
    assert found(text, "missing-time-box") == []


def test_a_part_for_some_sessions_only_needs_no_box():
    text = _plan("## If a carer is there\n\n- Could you let them answer first?\n",
                 "## Part 1 (10 min)\n\n- What do you do?\n", "## Part 2 (20 min)\n\n- What happened?\n")
    assert found(text, "missing-time-box") == []


def test_parts_marked_with_running_minutes_are_a_plan():
    text = _plan("## 1. Welcome (0–5)\n\nHello.\n\n- How are you?\n", "## 2. About you (5–15)\n\n- What do you do?\n",
                 "## 3. The story (15–30)\n\n- What happened?\n")
    assert found(text, "missing-time-box") == []
    unmarked = _plan("## 1. Welcome\n\nHello.\n\n- How are you?\n", "## 2. About you\n\n- What do you do?\n",
                     "## 3. The story\n\n- What happened?\n")
    assert found(unmarked, "missing-time-box", strict=True) == [("missing-time-box", 4)]


def test_an_unmoderated_test_is_not_asked_for_a_box_per_screen():
    text = ("# Unmoderated test: checkout\n\nExpected time: 15 minutes\n\n## Screen 1\n\n> What do you see?\n\n"
            "## Screen 2\n\n> What would you do next?\n\n## Screen 3\n\n> What, if anything, was unclear?\n")
    assert found(text, "missing-time-box") == []


def test_parts_to_run_one_of_are_not_added_together():
    text = ("---\nduration: 45 min\n---\n# Interviews\n\nUse EITHER the buyer block OR the seller block, never both.\n\n"
            "## Intro (5 min)\n\n- What do you do?\n\n## BUYER BLOCK (35 min)\n\n- What did you buy?\n\n"
            "## SELLER BLOCK (35 min)\n\n- What do you sell?\n\n## Close (5 min)\n\n- Anything else?\n")
    assert found(text, "over-time-budget") == []
    both = text.replace("Use EITHER the buyer block OR the seller block, never both.", "Ask both blocks.")
    assert found(both, "over-time-budget")


def test_quick_ratings_take_half_a_minute_each():
    ratings = "".join(f'- "{topic}, 1 to 10?"\n' for topic in ("Music", "Controls", "Camera", "Bosses", "Maps", "Menus", "Story"))
    text = _plan(f"## Quick-fire (5 min)\n\n{ratings}", "## Story (25 min)\n\n- What happened?\n")
    assert found(text, "section-overloaded") == []
    topics = ("music", "controls", "camera", "bosses", "maps", "menus", "story")
    told = "".join(f"- Tell me about the {topic}.\n" for topic in topics)
    assert found(_plan(f"## Quick-fire (5 min)\n\n{told}", "## Story (25 min)\n\n- What happened?\n"), "section-overloaded")


def test_a_closing_catch_all_adds_nothing_to_a_sections_count():
    questions = "".join(f"- What happened with part {n}?\n" for n in range(1, 11))
    text = f"# G\n\n## Questions\n\n{questions}- Is there anything else you'd like to add?\n"
    assert found(text, "too-many-questions") == []
    assert found(f"# G\n\n## Questions\n\n{questions}- What happened after that?\n", "too-many-questions")


# ---- parts written as list items (a Notion page's toggles) -------------------------------------

def test_a_timed_item_with_items_under_it_opens_a_part():
    text = ("# G\n\n## Guide\n\n- Intro (5 min)\n    - Hi, thanks for joining.\n- Warm-up (5 min)\n"
            "    - How long have you run retros?\n- The last retro (15 min)\n    - What happened?\n")
    titles = [s.title for s in parse_text(text, "t.md").iter_sections()]
    assert titles[-3:] == ["Intro", "Warm-up", "The last retro"]


def test_an_agenda_list_is_not_read_as_parts():
    text = "# G\n\n## Agenda\n\n- Intro (5 min)\n- Story (20 min)\n\n## Intro (5 min)\n\nHi.\n"
    titles = [s.title for s in parse_text(text, "t.md").iter_sections()]
    assert titles == ["G", "Agenda", "Intro"]


# ---- lines to the interviewer, and scripts that quote a question ahead --------------------------

def test_a_direction_to_the_moderator_is_a_note_whatever_it_quotes():
    text = ('# G\n\n## Tasks (10 min)\n\n> Moderator: don\'t point. If they ask "Is this right?", '
            'turn it back: "What do you think?"\n')
    assert list(roles_of(text).values()) == [Role.NOTE]


def test_a_question_quoted_ahead_of_time_asks_nothing_now():
    text = "# G\n\n## Think-aloud\n\n\"If you go quiet, I might ask 'What are you thinking?' That's just a reminder.\"\n"
    assert list(roles_of(text).values()) == [Role.LOGISTICS]


# ---- observation of someone's day ---------------------------------------------------------------

RIDE_ALONG = ("# Ride-along: a morning with a field rep\n\nNotebook only, no laptop.\n\n## Intro\n\n"
              "\"Thanks for letting me tag along. If you'd rather I didn't sit in on a visit, just say.\"\n\n"
              "## In the car\n\n- How did you plan today's route?\n\n## Back at the depot\n\n"
              "Thanks for today! We'll send you a summary next week.\n")


def test_a_ride_along_asks_no_session_length_and_has_leave_to_come_along():
    assert found(RIDE_ALONG, "missing-session-length") == []
    assert found(RIDE_ALONG, "missing-consent") == []
    interview = RIDE_ALONG.replace("Ride-along: a morning with a field rep", "Interview with a field rep")
    assert found(interview, "missing-session-length") == [("missing-session-length", 5)]


# ---- lines Markdown joins that a reader sees apart ----------------------------------------------

def test_a_sentence_at_the_margin_after_a_finished_item_is_the_next_line():
    text = ("# G\n\n## Brand (10 min)\n\n- IF NO: Go straight to the exercise.\n"
            "What is the other hotel like as a person?\nWouldn't you agree ours is more personal?\n")
    lines = {line: role for line, role in roles_of(text).items()}
    assert 7 in lines and lines[7] == Role.QUESTION
    assert ("leading-question", 7) in found(text, "GL1")


def test_a_bold_line_over_questions_heads_them():
    text = "# G\n\n## Close (10 min)\n\n**EVERYONE**\nWhen something goes wrong, who do you turn to?\n"
    titles = [s.title for s in parse_text(text, "t.md").iter_sections()]
    assert titles[-1] == "EVERYONE"


def test_a_welcome_email_is_no_judgement():
    text = "# G\n\n## The first week (5 min)\n\n- Did you receive the welcome email?\n"
    assert found(text, "GL1") == []
    # (a feeling put for a yes is a judgement, reported: the same words in another role)
    assert found(text.replace("receive the welcome email", "feel welcome at the reception"), "GL1")


# ---- set z and zz's kinds -----------------------------------------------------------------------

def test_a_repeat_in_another_branch_by_score_is_no_duplicate():
    text = ('# G\n\n## C. The pass, by Q7 score (6 min)\n\n### C1. Score 0-6\n\n- "What stopped you buying it?"\n\n'
            '### C2. Score 7-8\n\n- "Tell me about the last reward you unlocked."\n\n### C3. Score 9-10\n\n'
            '**"What do you like most about it?"**\n\n- "Tell me about the last reward you unlocked."\n')
    assert found(text, "duplicate-question") == []
    titles = [s.title for s in parse_text(text, "t.md").iter_sections()]
    assert not any("like most" in t for t in titles)  # a bold question is a question, not a heading


def test_timed_parts_under_a_session_plan_heading_are_the_plan():
    text = ("# Protocol\n\nSessions last 20 minutes.\n\n## Session plan (20 minutes)\n\n| Part | Time |\n|---|---|\n"
            "| Warm-up | 5 min |\n| Reading | 15 min |\n\n### Part A: Warm-up (5 min)\n\n- What do you like to read?\n\n"
            "### Part B: Reading (15 min)\n\n- Show me how you find a book.\n")
    assert found(text, "missing-time-box") == []
    assert found(text.replace("(15 min)\n", "(25 min)\n"), "over-time-budget")


def test_a_group_asked_once_it_has_heard_about_the_recording_has_agreed():
    text = ("# Focus group\n\n## Intro (10 min)\n\nWe're also recording audio and video, only to write up the session.\n"
            "Your names won't be passed on.\nIs everyone happy with that before we start?\n\n## Topics (20 min)\n\n"
            "- What do you eat out?\n\n## Close (5 min)\n\nThanks! The vouchers are at reception.\n")
    assert found(text, "missing-consent") == []


def test_reference_lists_and_client_room_notes_need_no_box():
    text = _plan("## Intro (5 min)\n\n- What do you do?\n", "## Topics (25 min)\n\n- What happened?\n",
                 "## MODERATOR PROBES (use freely)\n\n- Why is that?\n- Tell me more.\n",
                 "## CLIENT ROOM NOTES\n\n- Which dish do they mention first?\n")
    assert found(text, "missing-time-box") == []


def test_a_direction_before_a_branch_question_is_not_said_to_them():
    text = ("# G\n\n## Pets (5 min)\n\n4) Do you have pets?\n"
            "   (If yes – ask about them, people love their pets. Did any come from us?)\n")
    assert ("leading-question", 6) not in found(text, "GL1")


@pytest.mark.parametrize("line", [
    "Would you be open to being a reference for the parts that worked?",
    "Would you be happy to do a review on Google?",
])
def test_asking_them_to_be_a_reference_runs_the_session(line):
    assert list(roles_of(f"# G\n\n## Close (5 min)\n\n- {line}\n").values()) == [Role.LOGISTICS]


# ---- set ac and ad's kinds ----------------------------------------------------------------------

def test_bare_numbers_closing_three_headings_are_their_minutes():
    text = ("---\nduration: 45 min\n---\n# G\n\n## 0. Intro (5)\n\n- What do you do?\n\n## 1. Incident (25)\n\n"
            "- What happened?\n\n## 2. On-call (20)\n\n- How does on-call work?\n\n## 3. Wrap (5)\n\n- Anything else?\n")
    assert found(text, "over-time-budget") == [("over-time-budget", 6)]
    two = "# G\n\n## Pricing (2)\n\n- What do you pay?\n\n## Support (3)\n\n- Who helps?\n"
    assert all(s.timebox is None for s in parse_text(two, "t.md").iter_sections())


def test_an_intercept_part_of_a_longer_guide_keeps_an_intercepts_pace():
    questions = "".join(f"- Question {n}: what did you see?\n" for n in range(1, 14))
    text = f"# Visitor research\n\n# SCRIPT A: GALLERY INTERCEPT (10 minutes)\n\n### Questions\n\n{questions}"
    assert found(text, "section-overloaded") == [] and found(text, "too-many-questions") == []


def test_minutes_for_each_round_are_no_mistyped_box():
    text = "# G\n\n## Intro (5 min)\n\n- Hi!\n\n## Prototype play (12 min each)\n\n- What is it for?\n"
    assert found(text, "GL0") == [] and found(text, "missing-time-box") == []


@pytest.mark.parametrize("heading", ["Car debrief (Priya + Tom, 10 min, before the next house)", "End of each store visit",
                                     "Plan", "Facilitator notes per table"])
def test_the_teams_own_parts_need_no_box(heading):
    text = _plan("## Intro (5 min)\n\n- What do you do?\n", "## Topics (25 min)\n\n- What happened?\n",
                 f"## {heading}\n\n- Did the visit run over?\n")
    assert found(text, "missing-time-box") == []


def test_a_range_the_guide_says_how_to_fit_is_not_reported():
    text = ("# G\n\nLength: 15-20 min per associate.\n\n(= 19 min. Only got 15? Skip the * questions.)\n\n"
            "## Intro (4 min)\n\n- What do you do?\n\n## Device (15 min)\n\n- How is it going?\n")
    assert found(text, "over-time-budget") == []
    assert found(text.replace(" Only got 15? Skip the * questions.", ""), "over-time-budget")


# ---- set ae and af's kinds ----------------------------------------------------------------------

def test_a_part_used_instead_of_another_is_its_alternative():
    text = ("---\nduration: 60 min\n---\n# G\n\n## 1. Intro (10 min)\n\n- What do you do?\n\n"
            "Note: if they do not use the internet, use section 4b instead of section 4.\n\n"
            "## 4. Trying the service (20 min)\n\n- What happened?\n\n## 4b. If someone helps you go online (20 min)\n\n"
            "- Who helps you?\n\n## 5. Wrap-up (30 min)\n\n- Anything else?\n")
    assert found(text, "over-time-budget") == []
    assert found(text.replace("use section 4b instead of section 4", "ask both"), "over-time-budget")


def test_a_show_card_scale_line_is_not_a_lead_in_to_the_next_question():
    text = ("# G\n\n## Product profile (10 min)\n\n"
            "**Q19.** Assuming it were available, how likely would you be to prescribe it?\n"
            "**SHOW CARD C:** 1 = Not at all likely … 7 = Extremely likely\n"
            "**Q20.** Out of your next 10 patients, how many would you expect to put on it?\n")
    assert ("leading-question", 7) not in found(text, "GL1")
    assert ("hypothetical-question", 5) not in found(text, "GL1")  # the show card's measure


@pytest.mark.parametrize("line", [
    "Would you be comfortable talking about the bumps in the rollout as well as the results?",
    "Would you be open to joining our webinar in March as a guest speaker?",
])
def test_leave_asked_for_a_topic_or_an_invitation_runs_the_session(line):
    assert list(roles_of(f"# G\n\n## Close (5 min)\n\n- {line}\n").values()) == [Role.LOGISTICS]


_TOGGLES = (
    "# Signup interviews\n\n⏱ **20 min** · Zoom\n\n"
    "- ▶ **Pre-call (me)**\n    - [ ] pull their account\n"
    "- ▶ **Intro (2m)**\n    - hey, thanks for joining\n"
    "- ▶ **Context ({context}m)**\n    - what do you work on?\n    - what's your stack?\n"
    "- ▶ **Blockers (5m)**\n    - what did you do instead?\n"
    "- ▶ **Don't**\n    - don't demo\n"
    "- ▶ **Observer notes (Mei)**\n    - grab exact words\n"
)


def test_notion_toggles_are_parts_timed_or_named_for_the_team():
    guide = parse_text(_TOGGLES.format(context=5), "g.md")
    parts = [(s.title, s.role) for s in guide.iter_sections() if s.heading is not None and not s.is_title]
    assert parts == [("Pre-call (me)", "logistics"), ("Intro", "session"), ("Context", "session"), ("Blockers", "session"),
                     ("Don't", "material"), ("Observer notes (Mei)", "observer")]


@pytest.mark.parametrize("context, fires", [(5, False), (20, True)])
def test_notion_toggles_time_boxes_add_up(context, fires):
    found = [d.name for d in lint_snippet(_TOGGLES.format(context=context))]
    assert ("over-time-budget" in found) is fires


def test_a_timed_timeline_is_the_session_not_the_projects_timeline():
    from guidelint.parser.roles import section_role
    assert section_role("2. Timeline (30 min)", None, is_title=False, timed=True)[0] == "session"
    assert section_role("Timeline", None, is_title=False, timed=False)[0] == "material"


def test_a_bold_part_name_over_its_first_question_opens_the_part():
    text = ("# Stakeholder interviews\n\nLength: 60 minutes\n\n**Opening (5 min)**\n- Introduce both officers.\n\n"
            "**Section A: Current operation (15 min)**\nA1. How many rounds run from this depot?\nA2. When do crews start?\n")
    guide = parse_text(text, "g.md")
    titles = [s.title for s in guide.iter_sections() if s.heading is not None and not s.is_title]
    assert titles == ["Opening", "Section A: Current operation"]


@pytest.mark.parametrize("note, one_of", [
    ("Check column F before the call. Use the matching block; follow what they say.", True),   # one block is asked
    ("Ask the relevant set only.", True),
    ("Pick the branch that fits what they told you.", True),
    ("Ask every block in turn.", False),
])
def test_a_note_that_says_to_use_the_matching_block_makes_the_blocks_alternatives(note, one_of):
    from guidelint.parser.roles import one_of_these
    text = (f"# Win-back calls\n\n## 3. Reasons (10 min)\n\n{note}\n\n**A. Price / fees**\n- Which fees stood out?\n\n"
            "**B. Missing feature**\n- Which task could you not do?\n")
    section = next(s for s in parse_text(text, "g.md").iter_sections() if s.title == "3. Reasons")
    assert one_of_these(section) is one_of


@pytest.mark.parametrize("label, part", [
    ("background", True),            # terse notes name their parts in lower case
    ("before VetDesk", True),
    ("then ask them about the fees they paid", False),   # a direction, not a name
])
def test_a_short_lower_case_label_over_a_list_names_a_part(label, part):
    text = f"# Customer story\n\n- What do you do?\n\n{label}\n- tell me about the practice\n- what does a Monday look like?\n"
    titles = [s.title for s in parse_text(text, "g.md").iter_sections() if s.heading is not None and not s.is_title]
    assert (titles == [label]) is part


def test_a_line_labelled_task_is_the_task_though_it_asks_and_a_numbered_one_probes_it():
    text = ("# Card sort follow-up\n\n## 4. Disruption scenario (10 min)\n\n"
            "Task: Imagine your flight home has been delayed by three hours. Using the groups on screen, show me where "
            "you'd go first.\n\nTask 2: Would you use this every time you fly?\n")
    blocks = [b for s in parse_text(text, "g.md").iter_sections() for b in s.blocks]
    assert [b.role for b in blocks] == [Role.TASK, Role.QUESTION]


@pytest.mark.parametrize("note, asked", [
    ("(I love that section. does NOT mean they do. ask it properly:)", False),   # the author strikes it
    ("(leading! reword before the next call)", False),
    ("(listen for the roundup, the weather and the letters page)", True),
])
def test_a_draft_question_the_author_struck_out_is_not_asked(note, asked):
    text = f"# Notes\n\n- don't you think the planning roundup is the best bit?\n  {note}\n- which bits do you read first?\n"
    first = next(b for s in parse_text(text, "g.md").iter_sections() for b in s.blocks)
    assert (first.role == Role.QUESTION) is asked
