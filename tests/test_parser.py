"""The parser on every construct, with spans checked exactly."""

from __future__ import annotations

import re
import sys

import pytest

from guidelint.model import Note, Probe, Question, SectionRole, Task, Text
from guidelint.parser import decode, parse_bytes, parse_text
from guidelint.parser.inline import BRANCH, BRANCH_FIRST


def sections(guide):
    return [s for s in guide.iter_sections() if s.heading is not None]


def only_section(text):
    found = sections(parse_text(text))
    assert len(found) == 1, [s.title for s in found]
    return found[0]


def slice_of(guide, node):
    return guide.source[node.span.start : node.span.end]


# ---- positions -------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_split_on_every_newline_kind(newline):
    text = newline.join(["# Guide", "", "## Intro (5 min)", "- What brought you here?", ""])
    guide = parse_text(text)
    [intro] = [s for s in sections(guide) if s.title == "Intro"]
    assert intro.heading.span.line == 3 and intro.heading.span.column == 1
    [q] = intro.questions
    assert (q.span.line, q.span.column, q.span.end_line, q.span.end_column) == (4, 1, 4, 25)
    assert q.raw == "- What brought you here?"
    assert intro.timebox.low == 5 and intro.timebox.span.line == 3 and intro.timebox.span.column == 10


def test_bom_is_not_part_of_line_one():
    guide = parse_bytes("\ufeff# Guide\n- Why?\n".encode("utf-8"))
    assert guide.had_bom
    heading = sections(guide)[0].heading
    assert (heading.span.line, heading.span.column) == (1, 1)
    assert heading.raw == "# Guide"


def test_columns_count_code_points_with_emoji_and_accents():
    text = "# Guide\n\n- 🎉 Café résumé, what happened next? {objective=ñ}\n"
    guide = parse_text(text)
    [q] = sections(guide)[0].questions
    assert q.text == "🎉 Café résumé, what happened next?"
    [attribute] = q.attributes
    assert attribute.key == "objective" and attribute.value == "ñ"
    # "- " is 2 columns, the emoji 1, so "Café" starts at column 5
    assert attribute.span.column == text.splitlines()[2].index("objective") + 1
    sentence = q.sentences[0]
    assert slice_of(guide, sentence) == "🎉 Café résumé, what happened next?"
    assert sentence.span.column == 3


def test_a_tab_is_one_column():
    guide = parse_text("# Guide\n\n- Why did you switch?\n\t- What did it cost?\n")
    [q] = sections(guide)[0].questions
    [probe] = q.probes
    assert probe.span.line == 4 and probe.span.column == 2  # the item starts at its bullet
    assert probe.sentences[0].span.column == 4  # tab, "-", space


def test_no_final_newline():
    guide = parse_text("# Guide\n- How did it go?")
    [q] = sections(guide)[0].questions
    assert q.span.end_line == 2 and q.span.end_column == 17


def test_raw_equals_the_source_slice_for_every_node():
    text = (
        "---\ntitle: T\nduration: 30 min\n---\n# Guide\n\n## Intro (5 min)\n> May we record?\n\n"
        "1. **How did you start?** What came first? (probe for dates)\n   - Who else was there?\n"
        "*Start recording.*\n[Show the prototype]\nPROMPT: Find the opening hours.\n"
    )
    guide = parse_text(text)
    for section in guide.iter_sections():
        for block in section.blocks:
            assert slice_of(guide, block) == block.raw
            if isinstance(block, Question):
                for node in [*block.sentences, *block.probes, *block.notes, *block.attributes]:
                    assert slice_of(guide, node) == node.raw


# ---- front matter ----------------------------------------------------------------------------


def test_front_matter_is_read_with_key_spans():
    guide = parse_text("---\ntitle: Acme\nduration: 45 min\nobjectives:\n  metrics: Numbers\n---\n# Acme\n")
    fm = guide.front_matter
    assert fm.data["duration"] == "45 min" and fm.data["objectives"] == {"metrics": "Numbers"}
    assert fm.key_spans["duration"].line == 3
    assert fm.span.line == 1 and fm.span.end_line == 6
    assert guide.title == "Acme"


def test_front_matter_yaml_error_has_a_position_and_the_rest_still_parses():
    guide = parse_text("---\ntitle: [unclosed\nprofile: x\n---\n# Guide\n- Why?\n")
    [problem] = guide.problems
    assert problem.code == "front-matter-invalid"
    assert problem.span.line in (2, 3)
    assert len(sections(guide)[0].questions) == 1


def test_unclosed_front_matter_is_reported_and_the_body_is_read():
    guide = parse_text("---\ntitle: x\n# Guide\n\n- What happened?\n")
    assert [p.code for p in guide.problems] == ["front-matter-invalid"]
    assert guide.problems[0].span.line == 1
    assert sections(guide)[0].questions


def test_python_tags_in_front_matter_never_run():
    guide = parse_text("---\nx: !!python/object/apply:os.system ['echo pwned']\n---\n# G\n")
    assert guide.problems[0].code == "front-matter-invalid"
    assert guide.meta == {}


def test_front_matter_must_be_a_mapping():
    guide = parse_text("---\n- a\n- b\n---\n# G\n")
    assert guide.problems[0].code == "front-matter-invalid"


def test_dashes_later_are_a_thematic_break_not_front_matter():
    guide = parse_text("# Guide\n\n---\n\ntitle: x\n---\n")
    assert guide.front_matter is None


# ---- headings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line,title,level",
    [
        ("## Intro", "Intro", 2),
        ("##Intro", "Intro", 2),
        ("#### Context", "Context", 4),
        ("## **Intro - 5 minutes**", "Intro", 2),
        ("### Closing ###", "Closing", 3),
    ],
)
def test_atx_heading_forms(line, title, level):
    section = only_section(line + "\n")
    assert section.title == title and section.level == level


def test_setext_headings():
    guide = parse_text("Guide\n=====\n\nIntro\n-----\nWhat brought you here?\n")
    found = sections(guide)
    assert [(s.title, s.level) for s in found] == [("Guide", 1), ("Intro", 2)]
    assert found[0].heading.span.end_line == 2


def test_bold_line_opens_a_subsection():
    guide = parse_text("## Task 1: Find it (5 min)\n\n**Scenario**\n- You need a clinic.\n\n**Prompt 2**\n\nWhat next?\n")
    titles = [(s.title, s.level) for s in sections(guide)]
    assert titles == [("Task 1: Find it", 2), ("Scenario", 3), ("Prompt 2", 3)]


def test_a_question_heading_is_a_question_not_a_section():
    guide = parse_text("# How did you join the project?\n\n- When was that?\n\n# What do you work on?\n")
    assert sections(guide) == []
    questions = guide.questions()
    assert [q.form for q in questions] == ["heading", "heading"]
    assert [p.text for p in questions[0].probes] == ["When was that?"]


# ---- time boxes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading,low,high",
    [
        ("## Intro (5 min)", 5, 5),
        ("## Intro (5 mins)", 5, 5),
        ("## Intro (5 minutes)", 5, 5),
        ("## Intro (5 Minutes)", 5, 5),   # capitals are a box as their author meant it
        ("## Intro (10 MIN)", 10, 10),
        ("## Intro (10m)", 10, 10),
        ("## Intro [10 min]", 10, 10),
        ("## Intro - 5 minutes", 5, 5),
        ("## Intro – 5 minutes", 5, 5),
        ("## Retire Pt 1- 5 minutes", 5, 5),
        ("## Unblock- 5 minutes", 5, 5),
        ("## Deep dive (1 hour)", 60, 60),
        ("## Tasks (5-10 min)", 5, 10),
        ("## Tasks (30–45 min)", 30, 45),
        ("## **Intro - 5 minutes**", 5, 5),
        ("## Intro (~5m)", 5, 5),
        ("## Intro (≈6 min)", 6, 6),
        ("## Intro (c. 6 min)", 6, 6),
        ("## Intro (around 6 min)", 6, 6),
        ("## Intro (6 min approx.)", 6, 6),
        ("## What's next ⏱ 4 minutes", 4, 4),
        ("## Tasks - 10 minutes max", 10, 10),
        ("## Intro (1 minutes)", 1, 1),
        ("## Pricing 5 - 10 minutes", 5, 10),  # a bare range with spaces round the dash
        ("## Pricing 5 – 10 min", 5, 10),
        ("## Task 3 - 10 minutes", 10, 10),  # the task's number, then a dashed box
        ("## Part 12 - 10 min", 10, 10),
        ('### The "before" · 10 min', 10, 10),
        ("## Approach (30 sec)", 0.5, 0.5),  # an intercept times its steps in seconds
        ("## TASK 1: START A TRANSFER (10)", 10, 10),  # a name in capitals, its minutes a bare number
        ("## ARRIVAL - 15 min (on the quay as the boat ties up)", 15, 15),  # a dashed box, then a note
        ("## Close - 45 seconds", 0.75, 0.75),  # a title ending in a word a length may follow, set apart by "·"
        ("### Before | 10 min", 10, 10),
    ],
)
def test_time_box_spellings(heading, low, high):
    section = only_section(heading + "\n")
    assert (section.timebox.low, section.timebox.high) == (low, high)
    assert not section.timebox.placeholder
    assert "min" not in section.title and "hour" not in section.title


@pytest.mark.parametrize("heading, minutes, title, box", [
    ("## 00:10–00:20 About you", 10, "About you", "00:10–00:20"),   # a run sheet's clock range in front
    ("## 0:20 - 0:45: Tasks, part 1", 25, "Tasks, part 1", "0:20 - 0:45"),
    ("## **9.00-9.15** Warm-up", 15, "Warm-up", "9.00-9.15"),
    ("## 12:50-1:05 Wrap-up", 15, "Wrap-up", "12:50-1:05"),        # over noon on a twelve-hour clock
    ("## About you (00:10-00:25)", 15, "About you", "(00:10-00:25)"),  # or after the title
    ("## About you - 0:10–0:20", 10, "About you", "0:10–0:20"),
    ("## 03:00–08:00 Why they left", 5, "Why they left", "03:00–08:00"),   # minutes and seconds into the call
    ("## 00:00–03:00 Intro", 3, "Intro", "00:00–03:00"),
    ("## 08:00–18:00 Why they chose", 10, "Why they chose", "08:00–18:00"),  # ten hours is no part: ten minutes
    ("## The concepts (0:12–0:35, about 7 minutes each)", 23, "The concepts", "(0:12–0:35, about 7 minutes each)"),
])
def test_clock_ranges_are_time_boxes(heading, minutes, title, box):
    section = only_section(heading + "\n")
    assert (section.timebox.low, section.timebox.high, section.title, section.timebox.raw) == (minutes, minutes, title, box)
    column = heading.index(box) + 1
    assert (section.timebox.span.column, section.timebox.span.end_column) == (column, column + len(box))


@pytest.mark.parametrize("heading", ["## Step 2.10 - 3.15 of the form", "## 10:00-10:30:15 log", "## Ratings 1.5 - 2.5"])
def test_numbers_that_are_not_clock_ranges_are_no_time_box(heading):
    assert only_section(heading + "\n").timebox is None


def test_time_box_span_is_exact():
    guide = parse_text("## Background (5-10 min)\n")
    box = sections(guide)[0].timebox
    assert box.raw == "(5-10 min)" and box.span.column == 15 and box.span.end_column == 25


@pytest.mark.parametrize("heading", ["## 5 minutes before end", "## 10 minutes", "## Top 5 minutes of fame talk"])
def test_a_heading_that_starts_with_a_duration_is_a_title(heading):
    section = only_section(heading + "\n")
    assert section.timebox is None


def test_placeholder_time_box_is_reported():
    guide = parse_text("## Post-task - X minutes\n")
    box = sections(guide)[0].timebox
    assert box.placeholder and box.low is None
    assert [(p.code, p.span.line, p.span.column) for p in guide.problems] == [("bad-time-box", 1, 16)]


def test_misspelt_time_box_is_reported():
    guide = parse_text("## Intro (5 minuets)\n")
    assert [p.code for p in guide.problems] == ["bad-time-box"]


def test_optional_sections_are_marked():
    assert only_section("## Warm-up Questions (Optional) - 5 minutes\n").optional


# ---- questions, probes, notes, tasks ---------------------------------------------------------


def test_questions_in_items_paragraphs_and_labels():
    text = (
        "## Topics\n\n- What does a normal day look like?\n1. How do you plan it?\n\n"
        "Who helps you with it?\n\nQUESTION: When did that start?\n\nTell me about the last time it went wrong.\n"
        "\n- Team size\n- Role\n"
    )
    section = only_section(text)
    assert [q.form for q in section.questions] == ["list_item", "list_item", "paragraph", "paragraph", "paragraph"]
    assert section.questions[3].label == "question"
    assert [b.text for b in section.blocks if isinstance(b, Text)] == ["Team size", "Role"]


def test_several_question_sentences_in_one_item_keep_their_spans():
    guide = parse_text("## Q\n\n2. **What is the goal?** How will it be measured? Who owns it?\n")
    [q] = sections(guide)[0].questions
    assert [s.text for s in q.sentences] == ["What is the goal?", "How will it be measured?", "Who owns it?"]
    assert [slice_of(guide, s) for s in q.sentences][1] == "How will it be measured?"
    assert q.sentences[0].span.column == 6  # after "2. **"


def test_nested_probes_with_mixed_indents():
    # nested = at least two columns deeper than the item above; a tab counts to the next multiple of 4
    text = "## Q\n\n- How do you track it?\n    - What tools?\n\t- How often?\n     - Which one is best?\n- Next question?\n"
    section = only_section(text)
    first, second = section.questions
    assert [p.text for p in first.probes] == ["What tools?", "How often?", "Which one is best?"]
    text2 = "## Q\n\n1. How do you track it?\n  - What tools?\n      - Which is best?\n"
    [q] = only_section(text2).questions
    assert [p.text for p in q.probes] == ["What tools?"] and [p.text for p in q.probes[0].probes] == ["Which is best?"]
    assert all(isinstance(p, Probe) and p.kind == "nested" for p in first.probes)
    assert second.text == "Next question?"


def test_branches_become_probes_of_the_question_above():
    text = "## Q\n\n- Have you used the locator?\n  - If yes: how did it go?\n  - If no: what did you use instead?\n"
    [q] = only_section(text).questions
    assert [(p.kind, p.text) for p in q.probes] == [("branch", "how did it go?"), ("branch", "what did you use instead?")]


def test_branch_first_characters_are_all_the_pattern_can_start_with():
    """The builder tries BRANCH only on a text starting with one of BRANCH_FIRST: every alternative
    opens with "[", "(" or "if", so that is every character re's IGNORECASE matches to one of them."""
    starts = {chr(c) for c in range(sys.maxunicode + 1) if re.match(r"[\[(i]", chr(c), re.IGNORECASE)}
    assert starts == set(BRANCH_FIRST)
    assert [bool(BRANCH.match(first + "f yes: x")) for first in "iIİıa"] == [True, True, True, True, False]
    text = "## Q\n\n- Have you used the locator?\n  - İf yes: how did it go?\n"
    [q] = only_section(text).questions
    assert [(p.kind, p.text) for p in q.probes] == [("branch", "how did it go?")]


def test_yes_no_bullets_and_options():
    text = "## Q\n\n1. Do you track your sleep?\n\t- (YES)\n\t\t- What do you use?\n\t- (NO)\n\t\t- Why not?\n2. What do you track?\n\t- Diet\n\t- Exercise\n"
    first, second = only_section(text).questions
    assert [p.text for p in first.probes] == ["What do you use?", "Why not?"]
    assert [o.text for o in second.options] == ["Diet", "Exercise"]


def test_parenthetical_probe_and_cue():
    guide = parse_text("## Q\n\nIs there a referral process? (If so, what?)\n\nWho do you work with? (get as specific as possible)\n")
    first, second = sections(guide)[0].questions
    assert [(p.kind, p.text) for p in first.probes] == [("parenthetical", "If so, what?")]
    assert first.text == "Is there a referral process?"
    assert [n.text for n in second.notes] == ["get as specific as possible"]
    assert second.text == "Who do you work with?"


@pytest.mark.parametrize(
    "line,kind",
    [
        ("*Start recording.*", "italic"),
        ("_Once on the appointments page_", "italic"),
        ("[Show slide of tool]", "bracket"),
        ("\\[Do not interrupt the participant\\]", "bracket"),
        ("_\\[If yes\\]_", None),
        ("(Wait for consent before continuing.)", "stage"),
        ("Note: take note of the path they take.", "label"),
        ("INTERVIEWER: Introduce yourself.", "label"),
        ("> Thanks for joining.", "blockquote"),
        ("- [ ] Check the audio", "checklist"),
    ],
)
def test_interviewer_notes_are_not_questions(line, kind):
    section = only_section("## Intro\n\n" + line + "\n")
    assert not section.questions
    if kind:
        [note] = section.blocks
        assert isinstance(note, Note) and note.kind == kind


def test_italic_item_ending_in_a_question_mark_is_still_a_question():
    [q] = only_section("## Q\n\n- *What would you change first?*\n").questions
    assert q.italic and q.text == "What would you change first?"


def test_prompt_lines_instruct_or_ask():
    section = only_section("## Task 3: Print (5 min)\n\nPROMPT: Find your appointments.\n\nPROMPT: How would you print the list?\n")
    assert section.is_task
    assert [t.kind for t in section.tasks] == ["heading", "prompt"]
    assert [q.text for q in section.questions] == ["How would you print the list?"]


def test_task_headings():
    guide = parse_text("## First Task: Find a clinic\n\n## Task 2 - Book\n\n## Tasks overview\n")
    assert [s.is_task for s in sections(guide)] == [True, True, False]


def test_observer_sections_hold_no_participant_questions():
    guide = parse_text("## Task 1: Find it\n\n- What did you expect?\n\n### Things to watch for\n\n- Do they scroll?\n")
    watch = sections(guide)[1]
    assert not watch.participant_facing
    assert not watch.questions and isinstance(watch.blocks[0], Note) and watch.blocks[0].kind == "observer"
    assert [q.text for q in guide.questions()] == ["What did you expect?"]


def test_placeholders_stay_in_the_text():
    [q] = only_section("## Q\n\n- How do you use [SYSTEM] at {agency} with ____?\n").questions
    assert q.text == "How do you use [SYSTEM] at {agency} with ____?"
    assert q.attributes == []


def test_attribute_block_and_malformed_one():
    guide = parse_text("## Q\n\n- What changed? {objective=metrics id=q1}\n- Why? {objective=}\n")
    first, second = sections(guide)[0].questions
    assert [(a.key, a.value) for a in first.attributes] == [("objective", "metrics"), ("id", "q1")]
    assert first.text == "What changed?"
    assert [p.code for p in guide.problems] == ["syntax-error"]
    assert guide.problems[0].span.line == 4


# ---- code, comments, suppressions ------------------------------------------------------------


def test_code_fences_follow_commonmark():
    text = "## Q\n\n````\n```\n- Not a question?\n```\n````\n\n```Tasks: inline code```\n\n~~~\n# not a heading\n~~~\n"
    guide = parse_text(text)
    section = sections(guide)[0]
    assert not section.questions and guide.problems == []
    assert [b.kind for b in section.blocks if isinstance(b, Text)] == ["code", "paragraph", "code"]


def test_unclosed_fence_is_reported_and_the_rest_is_read():
    guide = parse_text("## Q\n\n```\n- What happened next?\n")
    assert [(p.code, p.span.line) for p in guide.problems] == [("syntax-error", 3)]
    assert sections(guide)[0].questions


def test_suppression_comments():
    text = (
        "<!-- guidelint-disable-file long-question -- legacy -->\n# G\n\n"
        "<!-- guidelint-disable-next-line closed-question,GL101 -- screening -->\n\n- Did you?\n"
        "<!-- guidelint-disable duplicate-question -->\n- Why?\n<!-- guidelint-enable duplicate-question -->\n"
    )
    guide = parse_text(text)
    actions = [(s.action, s.rules, s.reason, s.target_line) for s in guide.suppressions]
    assert actions == [
        ("disable-file", ("long-question",), "legacy", None),
        ("disable-next-line", ("closed-question", "GL101"), "screening", 6),
        ("disable", ("duplicate-question",), None, None),
        ("enable", ("duplicate-question",), None, None),
    ]


def test_unknown_directive_is_a_syntax_error():
    guide = parse_text("<!-- guidelint-disabel closed-question -->\n")
    assert [p.code for p in guide.problems] == ["syntax-error"]


def test_tables_links_and_html_are_text():
    guide = parse_text("## Q\n\n| a | b |\n|---|---|\n\nSee [the form](https://example.org)<br/>now.\n")
    blocks = sections(guide)[0].blocks
    assert [b.kind for b in blocks] == ["table", "paragraph"]
    assert blocks[1].text == "See the form now."


# ---- decoding --------------------------------------------------------------------------------


def test_invalid_utf8_reports_line_and_column():
    decoded = decode("# Guide\n- Caf".encode() + b"\xe9 ok?\n")
    assert decoded.text is None
    assert decoded.problem.code == "file-not-utf8"
    assert (decoded.problem.span.line, decoded.problem.span.column) == (2, 6)


def test_binary_and_too_large():
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00").problem.code == "binary-file"
    assert decode(b"a" * 11, max_bytes=10).problem.code == "file-too-large"


@pytest.mark.parametrize("data,max_bytes", [
    (b"a" * 10, 10),  # exactly at the limit
    ("# A\x0c\x0b\x1c\n- Why?\n".encode(), None),  # control characters, but no NUL: text
    ("\ufeff# Caf\u00e9 \U0001f600\n- Why?\n".encode(), None),  # a BOM, accents and an emoji: UTF-8
])
def test_near_misses_of_the_unreadable_file_rules_are_read(data, max_bytes):
    # must-not-fire for file-not-utf8, file-too-large and binary-file
    decoded = decode(data, max_bytes=max_bytes) if max_bytes else decode(data)
    assert decoded.problem is None, decoded.problem


def test_empty_and_whitespace_files_parse():
    for text in ["", "\n", "   ", "\r\n\r\n", "---\n---\n"]:
        guide = parse_text(text)
        assert guide.problems == []


def test_tasks_and_text_types():
    section = sections(parse_text("## Task 1: Find it\n\n**Scenario**\n\n- You want to book a flu shot.\n"))[0]
    scenario = section.children[0]
    assert isinstance(scenario.blocks[0], Task) and scenario.blocks[0].kind == "scenario"


def test_a_grammar_failure_is_a_syntax_error_not_a_crash(monkeypatch):
    """The grammar accepts any text; if Lark ever raised, the guide still gets one diagnostic."""
    from lark.exceptions import UnexpectedCharacters

    import guidelint.parser as parser_module

    class Broken:
        def parse(self, text):
            raise UnexpectedCharacters("x", 0, 1, 1)

    monkeypatch.setattr(parser_module, "grammar", lambda: Broken())
    guide = parser_module.parse_text("# Guide\n- Why?\n")
    assert [(p.code, p.span.line, p.span.column) for p in guide.problems] == [("syntax-error", 1, 1)]
    assert guide.sections == []


@pytest.mark.parametrize("label", ["Probes:", "Probe:", "Follow-up:", "Follow up:", "Probe bank:",
                                   "Probe bank (use when the story goes thin):", "Probes (if they stall):"])
def test_a_probe_label_on_its_own_line_makes_the_list_below_probes(label):
    guide = parse_text(f"# G\n\n## Part (10 min)\n\nWhat do you do on Mondays?\n\n{label}\n\n"
                       "- Why that day?\n- Who else joins?\n")
    questions = [b for b in sections(guide)[-1].blocks if isinstance(b, Question)]
    assert [q.text for q in questions] == ["What do you do on Mondays?"]
    assert [p.text for p in questions[0].probes] == ["Why that day?", "Who else joins?"]


def test_numbered_lines_of_one_paragraph_are_items_of_their_own():
    """"**A2.** …" on the next line, with no blank line between, is the next question as a reader
    sees it, though Markdown joins the lines; so is one after a probe, and a "Probes:" line."""
    text = ("# G\n\n## Role (10 min)\n\n**A1.** What does your team own?\n**A2.** How many people work on it?\n"
            "- Does that change at month-end?\n**A3.** Which channels do requests come in through?\n"
            "Q4: Who decides?\nProbes:\n- Why them?\n")
    guide = parse_text(text)
    [section] = [s for s in guide.iter_sections() if s.title == "Role"]
    questions = [b for b in section.blocks if isinstance(b, Question)]
    assert [q.span.line for q in questions] == [5, 6, 8, 9]
    assert [p.text for p in questions[1].probes] == ["Does that change at month-end?"]
    assert [p.text for p in questions[3].probes] == ["Why them?"]


def test_bold_outline_numbers_on_lines_of_one_paragraph_are_items_of_their_own():
    text = ("# G\n\n## 2. Before (15 min)\n\n**2.1** What were you running the plant on?\n"
            "*Listen for: the old system, spreadsheets.*\n**2.2** What did month-end look like?\n"
            "**2.3** Who felt that most?\n")
    guide = parse_text(text)
    [section] = [s for s in guide.iter_sections() if s.title == "2. Before"]
    assert [q.span.line for q in section.blocks if isinstance(q, Question)] == [5, 7, 8]


def test_a_numbered_part_in_capitals_with_its_time_box_is_a_part_of_the_plan():
    # "1. INTRODUCTION (3-5 min)" alone on its line, as a consultant's outline numbers its parts
    text = ("# Interviews\n\n## Interviewer notes\n\n- Do not quote a price.\n\n1. INTRODUCTION (3–5 min)\n\n"
            "1.1 Thank them for their time.\n\n2. ROLE AND CONTEXT (5–8 min)\n\n2.1 What sits within your remit?\n")
    guide = parse_text(text)
    parts = [s for s in guide.iter_sections() if s.timebox is not None]
    assert [(s.title, s.timebox.low, s.participant_facing) for s in parts] == [
        ("1. INTRODUCTION", 3, True), ("2. ROLE AND CONTEXT", 5, True)]
    # a numbered question in capitals is no part: it has no time box
    assert not [s for s in parse_text(text.replace(" (5–8 min)", "")).iter_sections() if s.title.startswith("2.")]


def test_outline_numbers_are_item_numbers():
    """"2.1 Could you…" lines, one after another, are numbered questions as a reader sees them
    (Markdown reads them as one paragraph of text); the number is not part of the question."""
    text = ("# G\n\n## 2. Working a claim (20 min)\n\nOpen a recent claim first.\n2.1 Could you talk us through it?\n"
            "2.2 Where do you end up waiting?\n2.3. Isn't it great that it saves?\n  3.4.1 Why?\n")
    guide = parse_text(text)
    [section] = [s for s in guide.iter_sections() if s.title.startswith("2. Working")]
    questions = [b for b in section.blocks if isinstance(b, Question)]
    assert [(q.span.line, q.text) for q in questions] == [
        (6, "Could you talk us through it?"), (7, "Where do you end up waiting?"), (8, "Isn't it great that it saves?")]
    assert [p.text for p in questions[2].probes] == ["Why?"]
    assert questions[0].span.column == 1 and text.splitlines()[5][questions[0].sentences[0].span.column - 1:].startswith("Could")


def test_a_bold_label_alone_on_its_line_starts_a_part_of_its_own():
    """"**Observer notes:**" right under the task's success lines, and "**After the task:**" right
    under the last observer bullet: a reader sees a new part, though Markdown joins each line to
    the paragraph or item above it."""
    text = ("# G\n\n## Task 1 (8 min)\n\n**Success:** the refill is requested.\n**Fail:** gives up.\n**Observer notes:**\n"
            "- Where do they look first?\n- Time to first tap.\n**After the task:**\n- What did you expect to see?\n")
    guide = parse_text(text)
    [section] = [s for s in guide.iter_sections() if s.title == "Task 1"]
    roles = {b.span.line: (b.role, b.text) for b in section.blocks}
    assert roles[8][0] == "observer" and roles[9] == ("observer", "Time to first tap.")
    assert [q.text for q in section.all_questions() if q.role == "question"] == ["What did you expect to see?"]


def test_a_line_for_the_note_taker_under_a_question_is_theirs():
    text = ("# G\n\n## Claims (20 min)\n\n2.1 Could you talk us through a claim?\nNote-taker: capture every screen name.\n"
            "2.2 Where do you wait?\nMOD: point to the checklist if they stall.\n")
    guide = parse_text(text)
    [section] = [s for s in guide.iter_sections() if s.title == "Claims"]
    by_line = {b.span.line: b for b in section.blocks}
    assert by_line[5].text == "Could you talk us through a claim?" and by_line[6].role != "question"
    assert "Note-taker" not in by_line[5].raw
    assert 8 not in by_line  # the moderator's line stays with the question it is said after


def test_a_wrapped_sentence_is_not_split_at_an_id_inside_it():
    guide = parse_text("# G\n\n## Role\n\nHow did you choose among the\n**A2** vendors on the shortlist?\n")
    [section] = [s for s in guide.iter_sections() if s.title == "Role"]
    assert len(section.blocks) == 1 and isinstance(section.blocks[0], Question)


def test_the_model_classes_written_by_hand_list_every_field_as_dataclass_did():
    """The model's classes were dataclasses: each lists its fields, inherited ones first, in the
    order ``repr``, ``==`` and ``__match_args__`` use them, and takes them all in ``__init__``
    (``role`` and ``why`` by keyword only), so a field added to one is added everywhere."""
    import inspect

    from guidelint import model

    classes = [c for c in vars(model).values() if isinstance(c, type) and issubclass(c, model._Record)
               and c.__module__ == model.__name__ and not c.__name__.startswith("_")]
    assert len(classes) == 16
    for cls in classes:
        declared = [name for klass in reversed(cls.__mro__) for name in vars(klass).get("__annotations__", {})
                    if not name.startswith("_")]
        assert list(cls._FIELDS) == declared, cls
        # a section keeps its parent weakly, in a slot of its own (guidelint.model.Section.parent)
        stored = set(declared) - {"parent"} | {"_parent", "__weakref__"} if cls is model.Section else set(declared)
        assert {slot for klass in cls.__mro__ for slot in vars(klass).get("__slots__", ())} == stored, cls
        params = inspect.signature(cls).parameters
        assert set(params) == set(declared), cls
        keyword_only = [n for n, p in params.items() if p.kind is p.KEYWORD_ONLY]
        assert keyword_only == (["role", "why"] if issubclass(cls, model.Node) else []), cls
        assert list(cls.__match_args__) == [n for n, p in params.items() if p.kind is not p.KEYWORD_ONLY], cls
        if issubclass(cls, model._Compared):
            assert cls._key.__reduce__()[1] == cls._FIELDS, cls


def test_a_parsed_and_checked_guide_leaves_nothing_for_the_garbage_collector():
    """No reference cycle holds a guide's model (a section's parent is held weakly) or a check of
    it: each guide is freed as soon as it is dropped, not at the collector's next pass."""
    import gc
    import weakref

    from guidelint.config import Settings
    from guidelint.engine import lint
    from tests.conftest import EXAMPLES

    for path in sorted(EXAMPLES.glob("*.guide.md")):
        text = path.read_text(encoding="utf-8")
        lint(parse_text(text), Settings())  # first use: imports and caches
        gc.collect()
        enabled = gc.isenabled()
        gc.disable()
        try:
            guide = parse_text(text)
            sections = list(guide.iter_sections())
            assert all(s.parent is None or s in s.parent.children for s in sections)
            assert any(s.parent is not None for s in sections) or len(sections) < 3
            alive = weakref.ref(sections[-1])
            del guide, sections
            assert alive() is None, path.name
            for _ in range(3):
                lint(parse_text(text), Settings())
            assert gc.collect() == 0, path.name
        finally:
            if enabled:
                gc.enable()


def test_thousands_of_numbered_lines_in_one_paragraph_are_split_without_recursion():
    text = "# G\n\n## Topics\n\n" + "".join(f"{chr(65 + i % 26)}{i % 1000}. What happened next?\n" for i in range(3000))
    [section] = [s for s in parse_text(text).iter_sections() if s.title == "Topics"]
    assert len([b for b in section.blocks if isinstance(b, Question)]) == 3000


@pytest.mark.parametrize("heading", ["## Changes in version 2.10 - 2.12", "## Prices 10.30 - 12.50", "## 11:00-10:00 Typo"])
def test_numbers_that_look_like_times_after_a_title_are_no_box(heading):
    assert only_section(heading + "\n").timebox is None


def test_a_morning_of_clock_time_stays_hours():
    assert only_section("## 09:00–12:00 Morning workshop\n").timebox.low == 180


# ---- a plain line that names a part and its minutes --------------------------------------------

@pytest.mark.parametrize("line, title, minutes, covers", [
    ("[5'] context", "context", 5, None),
    ("[10'] last time it happened", "last time it happened", 10, None),
    ("[3'] intro — who I am and why we called", "intro", 3, "who I am and why we called"),
    ("(10 min) Warm-up", "Warm-up", 10, None),
])
def test_a_line_led_by_its_box_heads_the_lines_below_it(line, title, minutes, covers):
    guide = parse_text(f"# Notes\n\n## flow\n\n{line}\n- how do you invoice today?\n- who chases late payers?\n")
    [flow] = guide.sections[0].children
    [part] = flow.children
    assert (part.title, part.timebox.low, len(part.questions)) == (title, minutes, 2)
    texts = [b.text for b in part.blocks if not isinstance(b, Question)]
    assert texts == ([covers] if covers else [])


@pytest.mark.parametrize("line", ["[5'] Total", "[approx] intro", "[5] apples and pears"])
def test_a_bracket_in_front_that_is_no_box_or_no_part_stays_text(line):
    guide = parse_text(f"# Notes\n\n## flow\n\n{line}\n- how do you invoice today?\n")
    [flow] = guide.sections[0].children
    assert flow.children == []


@pytest.mark.parametrize("label, title, minutes", [
    ("Warm-up (5 min)", "Warm-up", 5),
    ("Try the search on example.org (25 minutes)", "Try the search on example.org", 25),
    ("Tasks on the status page - (10-15 min)", "Tasks on the status page", 10),
])
def test_a_timed_label_line_heads_the_lines_below_it(label, title, minutes):
    guide = parse_text(f"# Guide\n\n## Questions\n{label}\nWhat brought you here today?\nWho else was there?\n\n"
                       "Later part (10 min)\n\n- What happened next?\n")
    [questions] = guide.sections[0].children
    first, later = questions.children
    assert (first.title, first.timebox.low, first.span.line, first.level) == (title, minutes, 4, 3)
    assert [q.span.line for q in first.questions] == [5, 6]  # the two question lines below it, one each
    assert (later.title, later.timebox.low, [q.span.line for q in later.questions]) == ("Later part", 10, [10])


@pytest.mark.parametrize("line", [
    "Session length (60 min)",                       # the session's length, not a part of it
    "Total (45 minutes)",
    "We will take a short break now (5 min).",       # a sentence
    "How did the first week go (roughly 5 min)?",    # a question
    "  Warm-up (5 min)",                             # indented: inside what comes before
    "Warm-up",                                       # no minutes
])
def test_other_lines_with_minutes_stay_text(line):
    guide = parse_text(f"# Guide\n\n## Questions\n\n{line}\n\n- What brought you here today?\n")
    [questions] = guide.sections[0].children
    assert questions.children == []


def test_a_real_heading_ends_a_bold_lines_part_whatever_its_level():
    text = ("# Concept test\n\n**What we want to learn**\n\n- Whether the idea lands\n\n"
            "### 1 · Intro (3 min)\n\n- How do you plan meals?\n\n### 2 · Reactions (8 min)\n\n- What stands out?\n")
    guide = parse_text(text)
    [title] = guide.sections
    assert [c.title for c in title.children] == ["What we want to learn", "1 · Intro", "2 · Reactions"]
    # a bold line under a real heading still opens a part inside it
    nested = parse_text("# G\n\n## Tasks (10 min)\n\n**Scenario**\n\nFind the form.\n")
    assert [c.title for c in nested.sections[0].children[0].children] == ["Scenario"]


@pytest.mark.parametrize("heading", ["## Pay and allowances ( minutes)", "## Pay (minutes)"])
def test_a_time_box_with_its_number_left_out_is_a_placeholder(heading):
    box = only_section(heading + "\n").timebox
    assert box is not None and box.placeholder


@pytest.mark.parametrize("heading", ["## Minutes of the meeting", "## Taking minutes"])
def test_the_word_minutes_alone_is_no_time_box(heading):
    assert only_section(heading + "\n").timebox is None


@pytest.mark.parametrize("raw, text", [
    ("Do **you** use  it\ton\xa0Fridays?", "Do you use it on Fridays?"),
    ("<br> and __then__ ** what?", "and then what?"),
    ("See [the page ](https://x.example) now ", "See the page now"),
    ("  `code` and ___ blanks\\!  ", "code and ___ blanks!"),
])
def test_cleaning_folds_white_space_and_maps_every_character_back(raw, text):
    from guidelint.parser.inline import clean

    base = 40
    cleaned = clean(raw, base)
    assert cleaned.text == text
    for index, char in enumerate(cleaned.text):
        if char != " ":  # a folded space maps to the first character of what it replaced
            assert raw[cleaned.offset(index) - base] == char


def test_a_stage_direction_in_brackets_and_italics_keeps_its_questions_to_the_team():
    text = "# Guide\n\n## Close\n\n_(Debrief with the note-taker: did they mention it unprompted? Where did they hesitate?)_\n"
    [section] = sections(parse_text(text))[-1:]
    assert not any(isinstance(b, Question) for b in section.blocks)
    # said to the participant, it is still asked
    text = "# Guide\n\n## Close\n\n_(What would you tell a friend about it?)_\n"
    [section] = sections(parse_text(text))[-1:]
    assert any(isinstance(b, Question) for b in section.blocks)


_OUTLINE = ("Topic guide\n\nI. BEFORE THE INTERVIEW\n  A. Check the consent form came back.\n\n"
            "II. INTRODUCTION (5 minutes)\n  A. Interviewer reads:\n     \"Thanks for taking part.\"\n"
            "  B. \"How long have you worked at the practice?\"\n\n"
            "III. CLOSE (3 minutes)\n  A. \"Is there anything else you would like to add?\"\n\n"
            "IV. AFTER THE INTERVIEW (research team only)\n  A. Write up field notes.\n     1. What stood out?\n")


def test_a_formal_outline_has_its_parts_and_a_line_for_each_letter():
    guide = parse_text(_OUTLINE)
    parts = [(s.title, s.role) for s in guide.iter_sections() if s.heading is not None]
    assert [title for title, _ in parts] == ["I. BEFORE THE INTERVIEW", "II. INTRODUCTION", "III. CLOSE",
                                             "IV. AFTER THE INTERVIEW (research team only)"]
    assert dict(parts)["II. INTRODUCTION"] == SectionRole.SESSION and not any(s.is_title for s in guide.iter_sections())
    assert dict(parts)["IV. AFTER THE INTERVIEW (research team only)"] == SectionRole.DEBRIEF
    intro = next(s for s in guide.iter_sections() if s.title == "II. INTRODUCTION")
    assert [b.text for b in intro.blocks if isinstance(b, Question)] == ["\"How long have you worked at the practice?\""]


def test_a_boards_marked_lines_are_a_line_each_and_its_clock_lines_name_parts():
    text = ("COURIER INTERVIEWS\n\n⏱ 3' Hello\n👉 Hi, I'm Sam from the app team.\n❓ How long have you been riding?\n"
            "❓ Where do you wait between orders?\n\n⏱ 5' Money\n❓ How do you keep track of what you earn?\n"
            "→ Probe: What do you use for that?\n")
    guide = parse_text(text)
    parts = [s for s in guide.iter_sections() if s.heading is not None]
    assert [(s.title, s.timebox.low) for s in parts] == [("Hello", 3.0), ("Money", 5.0)]
    assert not any(s.is_title for s in parts)
    hello, money = parts
    assert len([b for b in hello.blocks if isinstance(b, Question)]) == 2
    # an arrow marks a probe of the line above, not a line of its own
    [question] = [b for b in money.blocks if isinstance(b, Question)]
    assert "Probe" in question.raw or question.probes


def test_a_line_labelled_for_the_team_keeps_its_questions_to_the_team():
    text = "# G\n\n## Close (5 min)\n\n- Anything else?\n\nDebrief after each call (team only): what surprised us, and what should we add?\n"
    [section] = sections(parse_text(text))[-1:]
    last = section.blocks[-1]
    assert last.role == "debrief"


def test_a_slides_speaker_notes_are_not_its_bullet():
    text = "# Deck\n\n## Slide 6 — Pain points (12')\n- Recent headaches: sync, billing\nNotes: Ask: \"Tell me about the last time it broke.\"\n"
    [section] = sections(parse_text(text))[-1:]
    assert [b.text for b in section.blocks][:1] == ["Recent headaches: sync, billing"]


def test_follow_ups_numbered_after_their_question_are_its_probes():
    text = ("# Guide\n\n## Intercept (5 min)\n\n1. Have you asked anyone here for help today?\n   1a. If yes: How did that go?\n"
            "2. Was it easy to find everything?\n   2a. What, if anything, was hard to find?\n   Note the aisle.\n")
    [section] = sections(parse_text(text))[-1:]
    first, second = [b for b in section.blocks if isinstance(b, Question)]
    assert first.text == "Have you asked anyone here for help today?"
    assert [(p.text, p.span.line) for p in first.probes] == [("How did that go?", 6)]
    assert [p.text for p in second.probes] == ["What, if anything, was hard to find? Note the aisle."]
    # an outline's letters under a numbered question
    text = "# Guide\n\n## Background\n\n2. Are you enrolled in the scheme?\n  A. [IF NO] How do you get cover today?\n"
    [question] = [b for b in sections(parse_text(text))[-1].blocks if isinstance(b, Question)]
    assert question.text == "Are you enrolled in the scheme?" and len(question.probes) == 1


def test_the_plain_text_test_finds_all_markup_the_markup_pattern_finds():
    """clean's first test (no character of a set and no two spaces, on ASCII text) passes a line as
    plain words only when the markup pattern finds nothing in it either."""
    import random

    from guidelint.parser.inline import _MARKUP, _MAYBE_MARKUP_ASCII

    rng = random.Random(5)
    alphabet = "ab .?\\<[]*_`\t\n\r\f\v\x1c\x1d\x1e\x1f\x0b(){}#>-|~!"
    seen_plain = 0
    for _ in range(20000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        plain = "  " not in raw and len(raw.encode().translate(None, _MAYBE_MARKUP_ASCII)) == len(raw)
        seen_plain += plain
        if plain:
            assert _MARKUP.search(raw) is None, repr(raw)
    assert seen_plain > 1000


def test_the_optional_first_test_agrees_with_the_optional_pattern():
    """A title is searched for "(optional)", "if time", "bonus:"… only when it holds a word every
    match holds; the test passes whatever the pattern would find, in any case, and non-ASCII text
    (which lower() folds differently) always reaches the pattern."""
    from guidelint.parser.inline import OPTIONAL, is_optional

    titles = ["Pricing (Optional)", "Bonus: one more", "Bonus questions", "Stretch goals", "If there's time", "If we have enough time",
              "Time permitting", "Assisted digital (instead of sections 3 and 4, 40 min)", "In place of steps 2", "Replaces parts 1",
              "Background", "Wrap-up (5 min)", "Bonus and commission", "Timeline", "OPTIONAL", "optionally", "İf time", "ſtretch task",
              "Stretch TASKS", "BONUS:", "", "Part 2 — if time allows"]
    titles += [t.upper() for t in titles] + [t.lower() for t in titles]
    assert sum(is_optional(t) for t in titles) >= 20
    for title in titles:
        assert is_optional(title) == (OPTIONAL.search(title) is not None), title


# ---- tables of questions ------------------------------------------------------------------------

_ASK_TABLE = ("# Guide\n\n## Their world (10 min)\n\n| Ask | Listen for |\n|---|---|\n"
              "| How do you approve expenses today? | spreadsheets, email |\n"
              "| Don't you find the old tool slow? | the pain they left |\n")


def test_the_ask_column_of_a_table_holds_questions_and_the_rest_are_notes():
    [section] = sections(parse_text(_ASK_TABLE))[-1:]
    questions = [b for b in section.blocks if isinstance(b, Question)]
    assert [(q.text, q.span.line) for q in questions] == [("How do you approve expenses today?", 7),
                                                          ("Don't you find the old tool slow?", 8)]
    assert [n.text for n in questions[0].notes] == ["spreadsheets, email"]
    assert questions[1].span.column == 3  # the cell, not the row


def test_a_column_of_questions_without_an_ask_header_holds_questions():
    text = "# Guide\n\n## Features (8 min)\n\n| Area | |\n|---|---|\n| Quizzes | How do you pick a quiz? |\n| Library | What do you look for there? |\n"
    [section] = sections(parse_text(text))[-1:]
    assert [b.text for b in section.blocks if isinstance(b, Question)] == ["How do you pick a quiz?", "What do you look for there?"]


_PLAN_TABLE = ("# Visit guide\n\n## Session plan\n\n| Min | Part | Say / do | Notes |\n|---|---|---|---|\n"
               '| 0-10 | Welcome | "Thanks for having us." | Go through the consent form. |\n'
               '| | | "How long have you lived here?" | Let it run. |\n'
               '| 10-30 | Your week | "Who do you see most in a week?" | |\n'
               '| | | PHOTO: "Is it all right if I take a photo of this shelf?" | Only if they agreed. |\n')


def test_a_session_plan_that_is_a_table_of_what_to_say_is_the_session():
    [section] = sections(parse_text(_PLAN_TABLE))[-1:]
    assert section.role == SectionRole.SESSION
    questions = [b for b in section.blocks if isinstance(b, Question)]
    # the words said, inside their quotes (and after a "PHOTO:" label)
    assert [q.text for q in questions] == ["How long have you lived here?", "Who do you see most in a week?",
                                           "Is it all right if I take a photo of this shelf?"]
    assert [n.text for n in questions[0].notes] == ["Let it run."]
    # a row that asks nothing keeps its other cells (what the guide says of consent), and the
    # part names split the table into its parts
    assert any(isinstance(b, Note) and b.text == "Go through the consent form." for b in section.blocks)
    assert [b.text for b in section.blocks if isinstance(b, Text) and b.kind == "table_part"] == ["Welcome", "Your week"]


def test_a_session_plan_that_is_a_run_of_show_stays_material():
    text = "# Visit guide\n\n## Session plan\n\n| Min | Part |\n|---|---|\n| 0-10 | Welcome |\n| 10-30 | Your week |\n"
    [section] = sections(parse_text(text))[-1:]
    assert section.role == SectionRole.MATERIAL


@pytest.mark.parametrize("table", [
    "| Block | Min |\n|---|---|\n| Intro | 5 |\n| Tasks | 20 |\n",                                   # a run of show
    "| Don't ask | Ask instead |\n|---|---|\n| Would you use it? | What did you use last? |\n| Is it hard? | How was it? |\n",
    "| Drafted | Use instead |\n|---|---|\n| Don't you hate it? | Tell me about the last time. |\n| Is it slow? | How fast is it? |\n",
])
def test_a_table_of_anything_else_stays_one_block_of_text(table):
    [section] = sections(parse_text(f"# Guide\n\n## Part (10 min)\n\n{table}"))[-1:]
    assert not any(isinstance(b, Question) for b in section.blocks)


# ---- parts named on plain lines (a guide without Markdown headings) -----------------------------

_PLAIN = ("Going home interviews\n\nBefore you start\n1. Check the referral sheet.\n2. Bring the leaflet.\n\n"
          "Section 1 – Getting started\n1. How have you been since you got home?\n\n"
          "Section 2 – More personal questions (go gently)\nInterviewer note: watch for distress.\n"
          "3. How did you manage in the first week?\n\nClosing\n4. Is there anything else you'd like to tell me?\n")


def test_plain_lines_that_name_parts_open_them():
    titles = [(s.title, s.level) for s in parse_text(_PLAIN).iter_sections() if s.heading is not None]
    assert titles == [("Before you start", 2), ("Section 1 – Getting started", 2),
                      ("Section 2 – More personal questions (go gently)", 2), ("Closing", 2)]


@pytest.mark.parametrize("line", ["Thanks for coming in today.", "If they have a carer", "Probes:",
                                  "We will ask about three things", "what happens next"])
def test_a_sentence_or_a_label_before_a_list_opens_no_part(line):
    guide = parse_text(f"# Guide\n\n## Topics\n\n{line}\n- How do you book?\n- Who helps you?\n")
    assert [s.title for s in guide.iter_sections()] == ["Guide", "Topics"]


def test_an_agencys_numbered_parts_with_dotted_leaders_and_word_bullets():
    text = ("STUDY GUIDE\nInterview length: 60 minutes\n\n1. INTRODUCTION …………………… 5 mins\n• Moderator introduces self\n\n"
            "2. BACKGROUND ........ 10 mins\nWarm-up\n• Could you tell me about your role?\n• How big is the team?\n")
    guide = parse_text(text)
    parts = [(s.title, s.timebox.low) for s in guide.iter_sections() if s.timebox is not None]
    assert parts == [("1. INTRODUCTION", 5), ("2. BACKGROUND", 10)]
    [background] = [s for s in guide.iter_sections() if s.title == "2. BACKGROUND"]
    assert [q.text for q in background.questions] == ["Could you tell me about your role?", "How big is the team?"]


def test_a_section_walks_itself_then_its_subsections_depth_first_in_document_order():
    guide = parse_text("# A\n\n## B\n\n### C\n\n#### D\n\n### E\n\n## F\n\n### G\n\n# H\n")
    assert [s.title for s in guide.iter_sections()] == list("ABCDEFGH")
    first = guide.sections[0]
    assert [s.title for s in first.walk()] == list("ABCDEFG")
    assert [s.title for s in first.children[0].walk()] == list("BCDE")


def test_question_items_at_most_counts_a_sections_own_items_or_all_below_it():
    guide = parse_text("# G\n\n## Topic\n\n- What?\n- Why?\n\n### Detail\n\n- When?\n- Where?\n", "t.md")
    [topic] = [s for s in guide.iter_sections() if s.title == "Topic"]
    assert topic.question_items_at_most(2) and not topic.question_items_at_most(1)
    assert topic.question_items_at_most(4, below=True) and not topic.question_items_at_most(3, below=True)


def test_front_matter_that_does_not_parse_keeps_the_lines_that_do():
    text = '---\nstudy: "Shift Notes" diary study\nduration: 45 min\n---\n# Kick-off\n\n## Intro (5 min)\n\nHi.\n'
    guide = parse_text(text)
    assert [p.code for p in guide.problems] == ["front-matter-invalid"]
    assert "duration" in guide.problems[0].message and guide.meta == {"duration": "45 min"}


@pytest.mark.parametrize("heading", ["## Retire before 10 minutes", "## Done within 5 min", "## Tasks: the first 10 minutes"])
def test_a_length_inside_the_title_is_no_box(heading):
    assert only_section(heading + "\n").timebox is None


def test_an_agencys_lettered_parts_in_capitals_are_parts():
    text = ("GUIDE\n\nSet-up (agency team, 30 min before)\n- Hearing loop on\n\n"
            "A. INTRODUCTION AND HOUSEKEEPING (10 mins)\nMOD: Welcome.\n\nB. WARM-UP (10 mins)\nMOD: Your first name?\n")
    parts = [(s.title, s.timebox.low if s.timebox else None) for s in parse_text(text).iter_sections()]
    assert ("A. INTRODUCTION AND HOUSEKEEPING", 10) in parts and ("B. WARM-UP", 10) in parts
    # (a sentence that opens on a capital letter and a dot is no part: "A. Interviewer reads: …")
    plain = parse_text("# G\n\n## Intro (5 min)\n\nA. Interviewer reads (slowly): welcome.\n")
    assert [s.title for s in plain.iter_sections()] == ["G", "Intro"]


def test_a_run_sheets_clock_in_brackets_before_a_timed_part_name_opens_the_part():
    text = ("# Volunteers\n\n[0:20-0:40] A GOOD SHIFT AND A BAD SHIFT (20 min)\n"
            "MOD: Think back to a shift that went really well. What made it a good one?\n")
    parts = [(s.title, s.timebox.low if s.timebox else None) for s in parse_text(text).iter_sections()]
    assert parts[-1][1] == 20 and "GOOD SHIFT" in parts[-1][0]


def test_a_run_sheets_parts_in_capitals_with_bare_minutes_are_parts():
    text = ("Pension transfer form test\n\nRUNNING ORDER (minutes)\nIntro .... 5\nClose .... 2\n\n"
            "INTRO (5)\n\"Thanks for joining.\"\n\nCLOSE (2)\n\"Thank you. Your voucher arrives within 3 days.\"\n")
    parts = [(s.title, s.timebox.low if s.timebox else None) for s in parse_text(text).iter_sections()]
    assert ("INTRO", 5) in parts and ("CLOSE", 2) in parts
    # (in lower case a number in brackets is no box: "Follow-up (2)" counts follow-ups)
    assert only_section("## Follow-up questions (2)\n").timebox is None


def test_a_part_name_between_rules_is_a_part():
    text = ("SOLAR DIARY\n\n=== PART A: KICK-OFF CALL (20 min, video) ===\nQ1. What made you get a battery?\n\n"
            "=== PART B: DIARY PROMPTS (pushed by the app) ===\nD1. What did you do today?\n")
    parts = [(s.title, s.timebox.low if s.timebox else None) for s in parse_text(text).iter_sections()]
    assert ("PART A: KICK-OFF CALL (video)", 20) in parts and ("PART B: DIARY PROMPTS (pushed by the app)", None) in parts


def test_a_part_name_between_dashes_is_a_part():
    text = ("E-SCOOTER INTERCEPT (street, 5 min)\n\n--- INTRO ---\n\"Hi, have you got five minutes?\"\n\n"
            "--- CORE ---\nQ4. Don't you think riders who park on the pavement should be fined?\n")
    assert [s.title for s in parse_text(text).iter_sections()][-2:] == ["INTRO", "CORE"]


def test_a_plain_part_line_with_a_dashed_box_and_a_note_after_it_is_a_part():
    text = ("Fishing crews visit\nVisit length: approx. 2 hrs\n\nWHEELHOUSE CONVERSATION - 30 min (once landing's done)\n"
            "- What does a normal trip look like?\n\nPAPERWORK WALK-THROUGH - 30 min\n- Can you show me the logbook?\n")
    parts = [(s.title, s.timebox.low if s.timebox else None) for s in parse_text(text).iter_sections()]
    assert ("WHEELHOUSE CONVERSATION (once landing's done)", 30) in parts
