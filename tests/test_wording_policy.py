"""What the wording rules report on a whole guide: the classifier finds every form, the check
reports by default only those a seasoned researcher would raise (issue 11, "Trust before
recall"), with context the classifier cannot see: the question's neighbours, who is
interviewed, and whether the section is a usability task."""

from __future__ import annotations

import pytest

from guidelint.config import Settings
from tests.helpers import lint_snippet


def reported(text: str, *, strict: bool = False) -> list[tuple[str, int]]:
    found = lint_snippet(text, select=["GL1"], settings=Settings(strict=strict))
    return [(d.name, d.span.line) for d in found if d.code.startswith("GL1")]


def guide(*items: str, title: str = "Planning study", heading: str = "Habits (10 min)") -> str:
    return f"# {title}\n\n## {heading}\n\n" + "".join(f"- {item}\n" for item in items)


@pytest.mark.parametrize("question", [
    "Were there any problems with the export?",
    "Is there anything confusing on this page?",
    "Do you prefer the app or the website?",
    "On a scale of 1 to 5, how easy or hard was it?",
    "Does this look familiar to you?",  # recognition of a page, not a verdict on it
    "Does this seem familiar?",
])
def test_forms_right_only_most_of_the_time_are_reported_in_strict_mode_only(question):
    assert reported(guide(question)) == []
    assert [name for name, _ in reported(guide(question), strict=True)] == ["closed-question"]


@pytest.mark.parametrize("question", [
    "Did onboarding go well for your team?",   # a verdict on how it went, not a fact
    "Did the rollout go smoothly?",
    "Has the pilot gone well so far?",
])
def test_a_yes_no_on_how_something_went_is_reported_by_default(question):
    assert [name for name, _ in reported(guide(question))] == ["closed-question"]


def test_a_yes_no_with_an_open_follow_up_is_strict_only():
    text = guide("Have you used the export? If so, how did it go?")
    assert reported(text) == []
    assert ("closed-question", 5) in reported(text, strict=True)


@pytest.mark.parametrize("question", [
    "Is there anything else you'd like to add?",
    "Anything else we didn't cover that you want to share?",
    "Any other thoughts on the form?",
])
def test_closing_catch_alls_are_never_reported(question):
    assert reported(guide(question), strict=True) == []


def test_an_expert_is_asked_facts_but_not_yes_no_judgements():
    text = guide("Do you use a referral process?", "Can veterans self-refer?", "Is the new form clear to you?",
                 title="SME interview: clinic staff")
    assert reported(text) == [("closed-question", 7)]
    # the same questions to a customer: the judgement by default, their own habits in strict mode
    to_customer = guide("Do you use a referral process?", "Is the new form clear to you?")
    assert [line for _, line in reported(to_customer)] == [6]
    assert [line for _, line in reported(to_customer, strict=True)] == [5, 6]


def test_a_one_sided_ask_is_balanced_by_the_other_side_nearby():
    assert reported(guide("What did you like about the new form?")) == [("leading-question", 5)]
    assert reported(guide("What did you like about the new form?", "What did you find difficult?")) == []
    assert reported(guide("What is confusing about this section?")) == [("leading-question", 5)]
    assert reported(guide("What is confusing about this section?", "What is helpful here?")) == []


@pytest.mark.parametrize("other", [
    "What happens when a customer doesn't turn up at all?",
    "Who do you call when the courier can't come?",
])
def test_a_negated_event_nearby_is_not_the_other_side(other):
    # "doesn't turn up" asks what happens, not what they dislike: it balances nothing
    assert reported(guide("How easy do you find the new diary screen?", other)) == [("leading-question", 5)]
    balancing = "What doesn't work for you on the diary screen?"
    assert reported(guide("How easy do you find the new diary screen?", balancing)) == []


def test_only_the_other_side_of_the_same_thing_balances_from_further_away():
    comfortable = "How comfortable has the house felt over the last two weeks?"
    assert reported(guide(comfortable, "Which rooms, if any, felt too hot or too cold?")) == []  # the next question
    easy = "How easy do you find the new diary screen?"
    far = [easy, "Who books the rooms?", "When do people arrive?", "Don't you find the slots too short?"]
    assert ("leading-question", 5) in reported(guide(*far))
    assert reported(guide(easy, "Who books the rooms?", "When do people arrive?", "What did you find difficult?")) == []


def test_both_sides_of_one_thing_with_the_bad_side_in_a_phrase_is_no_double():
    assert reported(guide("Where did the docs help most, and where did they get in your way?")) == []


@pytest.mark.parametrize("other", [
    "And what gets in the way?", "What holds you back?", "Where does it slow you down?", "What trips people up?"])
def test_the_bad_side_said_in_a_phrase_balances(other):
    assert reported(guide("What works well about how the rota is done?", other)) == []
    assert reported(guide("What works well about how the rota is done?", "Who makes the rota?")) == [("leading-question", 5)]


def test_the_bad_side_asked_with_the_good_sides_word_balances():
    assert reported(guide("What do you like about it? What don't you like?")) == []


def test_what_makes_a_kind_of_place_worth_it_asks_their_criteria():
    assert reported(guide("What makes a place feel worth the money to you?")) == []
    assert [n for n, _ in reported(guide("What makes our premium plan worth the price?"))] == ["leading-question"]


def test_a_yes_no_judgement_is_not_opened_up_by_a_new_topic_that_shares_only_think():
    found = reported(guide("Do you think home internet access is a problem for pupils?",
                           "What do you think about the price?"))
    assert found == [("closed-question", 5)]
    # taken up by the next question (its topic named again): a gate, reported in strict mode only
    assert reported(guide("Do you think home internet access is a problem for pupils?",
                          "How do pupils without internet access at home do their homework?")) == []


def test_what_someone_did_that_helped_is_balanced_by_what_they_did_not_get():
    helped = "What did your manager or team do that made it easier to settle in?"
    assert reported(guide(helped)) == [("leading-question", 5)]
    assert reported(guide("What did you need from your manager that you didn't get?", helped)) == []


def test_a_likelihood_rated_on_a_show_card_is_strict_only():
    rated = "SHOW CARD C. How likely would you be to use a service like this in the next three months?"
    assert reported(guide(rated)) == []
    assert ("hypothetical-question", 5) in reported(guide(rated), strict=True)
    assert reported(guide("How likely would you be to use a service like this?")) == [("hypothetical-question", 5)]


def test_a_degree_of_enjoyment_taken_for_granted_is_not_balanced_nearby():
    # "How much did you enjoy…?" presumes they did; a question on the other side does not undo it
    found = reported(guide("What would you change about the menu?", "How much did you enjoy the new menu?"))
    assert found == [("leading-question", 6)]


@pytest.mark.parametrize("question", ["What is the benefit of saving a draft first?",
                                      "What are the advantages of linking the two accounts?"])
def test_after_a_task_what_the_benefit_is_checks_what_the_screen_said(question):
    # in an interview it seeks praise; after a usability task, of nobody's own experience, it
    # checks that the page got its point across
    assert reported(guide(question)) == [("leading-question", 5)]
    assert reported(guide(question, heading="Task 2: Link your accounts (10 min)")) == []


@pytest.mark.parametrize("question", ["What did you like about linking the accounts?",
                                      "What is the benefit of this page for you?"])
def test_after_a_task_praise_of_their_own_experience_is_still_one_sided(question):
    assert reported(guide(question, heading="Task 2: Link your accounts (10 min)")) == [("leading-question", 5)]


def test_a_question_fair_in_itself_balances_no_other():
    scale = "On a scale of 1 to 7, how easy or difficult was it to make the claim?"
    assert reported(guide(scale, "How much did you like the new progress bar?")) == [("leading-question", 6)]


def test_balance_reaches_only_a_few_questions_away():
    far = ["What did you like about the new form?"] + [f"Where do you keep record {i}?" for i in range(6)]
    assert reported(guide(*far, "What would you change about it?")) == [("leading-question", 5)]
    assert reported(guide(*far[:3], "What would you change about it?")) == []


def test_a_scenario_put_to_them_is_a_forecast_in_an_interview_but_the_method_in_a_task():
    question = "Suppose the booking site was down, what would you do?"
    assert reported(guide(question)) == [("hypothetical-question", 5)]
    assert reported(guide(question, heading="Task 2: Book a visit (10 min)")) == []


def test_on_a_page_walked_through_a_scenario_and_a_measured_likelihood_are_the_method():
    # a section that points at the screen in front of them is a walk-through, as a task is
    walk = ("What stands out to you on this page?", "What would you do if the payment failed here?",
            "How likely or not are you to phone the helpline after reading it?")
    assert reported(guide(*walk, heading="Billing page (10 min)")) == []
    # the same questions about their own life are forecasts
    life = ("What stands out in your week?", "What would you do if the payment failed at the till?",
            "How likely or not are you to phone the helpline next month?")
    assert [name for name, _ in reported(guide(*life))] == ["hypothetical-question"] * 2
    # a purchase or adoption is a forecast on any page
    assert reported(guide("What stands out to you on this page?", "How likely are you to switch to this plan?",
                          heading="Billing page (10 min)")) == [("hypothetical-question", 6)]


@pytest.mark.parametrize("question, fires", [
    ("Would it make a difference to you if the button said Continue instead of Next?", False),  # a preference
    ("Would anything be different for you if the menu sat at the top?", False),
    ("In an ideal situation, which reports would you want on the dashboard?", False),  # a wish, said as one
    ("In a perfect version of the app, what would you use it for every day?", True),    # an imagined ideal
])
def test_a_preference_between_designs_and_a_stated_wish_are_not_forecasts(question, fires):
    assert ("hypothetical-question" in [name for name, _ in reported(guide(question), strict=True)]) is fires


@pytest.mark.parametrize("question", [
    "If you could change one thing about check-in, what would it be?",
    "If you were to click this link, what would you expect to happen?",
    "If you had to explain this page to a friend, how would you put it?",
    "Which of these options would you choose?",
])
def test_wishes_expectations_and_explanations_are_not_forecasts(question):
    assert "hypothetical-question" not in [name for name, _ in reported(guide(question), strict=True)]


@pytest.mark.parametrize("question", [
    "Would you use this feature every week?",
    "How likely are you to switch next year?",
    "If we added an export button, would you use it?",
    "Imagine a perfect version of the booking page: what would it do?",
    "Would a cheaper plan make you more likely to renew?",
])
def test_forecasts_of_their_own_behaviour_are_hypothetical(question):
    found = lint_snippet(guide(question), select=["GL1"])
    assert [d for d in found if d.name == "hypothetical-question" or "hypothetical-question" in d.also], found


def test_a_clause_that_asks_again_is_double_by_default_two_nouns_only_in_strict_mode():
    clause = guide("How do you book a room, and what does your manager check first?")
    nouns = guide("How satisfied are you with your plan and your tariff?")  # ("the pricing and the support": see below)
    assert [name for name, _ in reported(clause)] == ["double-barreled-question"]
    def doubles(text, strict):
        found = lint_snippet(text, select=["GL1"], settings=Settings(strict=strict))
        return [d for d in found if d.name == "double-barreled-question" or "double-barreled-question" in d.also]

    assert doubles(nouns, False) == []
    assert doubles(nouns, True)


def test_the_double_barreled_message_names_the_two_things_asked():
    found = lint_snippet(guide("How do you book a room, and what does your manager check first?"), select=["GL103"])
    assert '"How do you book a room" and "what does your manager check first"' in found[0].message
    [bracketed] = lint_snippet(guide("When (and how) will we kick off the project?"), select=["GL103"],
                               settings=Settings(strict=True))
    assert 'Asks about "When" and "how"' in bracketed.message  # not "When ("


def test_a_yes_no_that_an_open_question_follows_at_once_is_a_gate():
    gate = guide("Have you ever used the facility locator?", "Tell me about a time you used it.")
    assert reported(gate) == []
    assert ("closed-question", 5) in reported(gate, strict=True)
    assert reported(guide("Have you ever used the facility locator?", "Do you use the app?"), strict=True)[:1] == [
        ("closed-question", 5)]


@pytest.mark.parametrize("question, fires", [
    ("Which of our features can't you live without?", True),         # dependence on our product assumed
    ("What are two things in your scheduling tool you could not live without?", False),  # the must-have probe
    ("The new form was quicker, no?", True),                          # a tag asking them to agree
    ("Did the letter tell you what to do next? Yes, no?", False),     # both answers offered
])
def test_must_have_probes_and_offered_answers_are_not_leading(question, fires):
    assert ("leading-question" in [name for name, _ in reported(guide(question))]) is fires


def test_answers_offered_after_a_question_are_not_another_question():
    text = guide("What did the letter tell you to do next? Yes, no?")
    assert "stacked-questions" not in [name for name, _ in reported(text, strict=True)]
    assert ("stacked-questions", 5) in reported(guide("What did the letter say? What did you do next?"), strict=True)


def test_two_yes_no_questions_in_one_item_are_one_finding():
    strict = Settings(strict=True)
    found = lint_snippet(guide("Did you see the banner at the top? Did it change what you did next?"), select=["GL102"],
                         settings=strict)
    [finding] = found
    assert finding.span.column == 3 and '"Did it change what you did next?" after it' in finding.message
    apart = lint_snippet(guide("Did you see the banner at the top?", "Did it change what you did next?"), select=["GL102"],
                         settings=strict)
    assert [d.span.line for d in apart] == [5, 6]
    own_line = lint_snippet(guide("Did you see the banner at the top?\n  Did it change what you did next?"),
                            select=["GL102"], settings=strict)
    assert [d.span.line for d in own_line] == [5, 6]  # each where it stands


def test_a_long_question_waits_for_strict_mode():
    long = guide("When you think back over the whole of last year and every team, supplier and approval step "
                 "that was involved in getting all of your invoices paid on time, how would you describe the experience overall?")
    assert "long-question" not in [name for name, _ in reported(long)]
    assert ("long-question", 5) in reported(long, strict=True)


def test_alternatives_in_brackets_do_not_make_a_question_long():
    words = " ".join(["word"] * 26)
    text = guide(f"How would you describe {words} [or in your program, or on your team, or anywhere else at all]?")
    assert "long-question" not in [name for name, _ in reported(text, strict=True)]


@pytest.mark.parametrize("question", [
    "Is it still OK to record?",                                       # consent, asked again
    "How have your customers noticed the difference, if at all?",     # asks about others, asserts nothing
    "Have your colleagues said anything about the new rota?",          # the same, as a yes/no
    "How confident do you feel that you picked the right option?",    # a self-rating, as after a task
    "Can you put any numbers on the time it saved?",                   # asks for the figure
])
def test_questions_that_read_as_weak_but_are_not(question):
    names = [name for name, _ in reported(guide(question))]
    # "Have your colleagues said…?" may still be a yes/no; it is not leading
    assert names == (["closed-question"] if question.startswith("Have") and names else [])


@pytest.mark.parametrize("question, rule", [
    ("Our customers have noticed a big difference. How has it been for you?", "leading-question"),
    ("How easy was it to find the upload button?", "leading-question"),
    ("Can you afford the subscription?", "closed-question"),   # "Can you" + a verb that is not a request
])
def test_their_neighbours_still_fire(question, rule):
    assert rule in [name for name, _ in reported(guide(question), strict=True)]


@pytest.mark.parametrize("question, fires", [
    ("How much did you like the new progress bar?", True),     # presumes they liked it
    ("How much do you like to cook?", False),                   # a habit
    ("How much did you like or dislike the progress bar?", False),  # both sides
])
def test_how_much_did_you_like(question, fires):
    assert ("leading-question" in [name for name, _ in reported(guide(question))]) is fires


@pytest.mark.parametrize("question, fires", [
    ("On a scale of 0 to 10, how likely are you to recommend us to a friend or colleague?", False),  # the NPS benchmark
    ("How likely are you to recommend Acme to a colleague?", False),
    ("How likely would you be to buy it at that price?", True),   # a forecast
    ("How likely is it that you would switch next year?", True),
])
def test_the_net_promoter_question_is_a_benchmark_not_a_forecast(question, fires):
    assert ("hypothetical-question" in [name for name, _ in reported(guide(question))]) is fires


def test_a_concept_pitched_just_before_a_reaction_question_leads_it():
    pitched = ("# Concept test\n\n## Concept (10 min)\n\n> Our new planner lets you drag jobs between vans. "
               "The team is really excited about it.\n\n- What do you think of it?\n")
    assert reported(pitched) == [("leading-question", 7)]
    plain = pitched.replace("Our new planner lets you", "The planner shows a map; you can").replace(
        " The team is really excited about it.", "")
    assert reported(plain) == []  # a plain description, then the reaction: how a concept test goes


def test_gladness_to_talk_is_not_a_lead_in():
    assert reported(guide("We're excited to hear about your work. What does a normal week look like?")) == []
    assert reported(guide("We're really excited about the new planner. What do you think of it?")) == [("leading-question", 5)]


def test_the_good_side_negated_is_the_other_side():
    # "what didn't go well" is the bad side, so it balances "what went well" a line above
    assert reported(guide("What went well when you paid the bill?")) == [("leading-question", 5)]
    assert reported(guide("What went well when you paid the bill?", "What was slow or didn't go well?")) == []
    assert reported(guide("What went well when you paid the bill?", "What was not helpful?")) == []
    # a negation further back is not the word's own
    assert reported(guide("What went well when you paid the bill?", "What did you not expect would work well?")) == [
        ("leading-question", 5)]


@pytest.mark.parametrize("question, fires", [
    ("Which part of the form might other parents find hard to follow? Why?", False),  # projective: others as a lens
    ("How would other drivers react to this screen?", False),
    ("Many parents find the form hard to follow. What about you?", True),               # a norm said first
    ("Most of our members say the form is quick. How was it for you?", True),
])
def test_asking_them_to_speak_for_others_is_not_citing_others(question, fires):
    assert ("leading-question" in [name for name, _ in reported(guide(question))]) is fires


@pytest.mark.parametrize("question, fires", [
    ("Where 1 means not at all helpful and 7 means extremely helpful, how helpful did the chat feel?", False),
    ("How helpful was the chat, with 5 being very helpful?", True),          # one end named: still presumed
    ("How helpful was the chat?", True),
])
def test_a_quality_that_is_one_end_of_a_named_scale_is_not_presumed(question, fires):
    assert ("leading-question" in [name for name, _ in reported(guide(question))]) is fires


@pytest.mark.parametrize("question, fires", [
    ("What sources have you found most helpful when choosing a school?", False),  # a ranking of their own world
    ("Which apps do you find most useful for budgeting?", False),
    ("Which of these tools have you found most helpful?", True),                 # ours, shown to them
    ("Which features of the app do you find most useful?", True),
    ("What tools have you found most helpful on this page?", True),
])
def test_a_superlative_over_their_own_things_is_a_ranking(question, fires):
    assert ("leading-question" in [name for name, _ in reported(guide(question))]) is fires


@pytest.mark.parametrize("question", [
    "How do you book a room, and how long does it take?",
    "Who signs off, and how long does that usually take?",
    "How do you feel about reminders, and how often should we send them?",
])
def test_a_figure_asked_after_a_question_of_another_kind_is_double(question):
    # eight of nine such lines in the blind-written sets were labelled double by their writers,
    # and two blind readers named one as a miss: the how-long answer is a second answer
    assert [name for name, _ in reported(guide(question))] == ["double-barreled-question"]


@pytest.mark.parametrize("question", [
    "What are you using now, and how is it going?",   # the second refers back to the first
    "What was the hardest part, and how did you get past it?",
    "Who got pulled in, and how did they get pulled in?",        # the same event, then how it went
    "How often do you travel, and how long do you stay?",         # two quick figures
    "When (and how) will we start this project?",  # read as "When and how…": one story, told in order
    # a quick fact about them with a figure, answered in one breath (five blind readings called
    # such pairs debatable or wrong)
    "What's your role, and how long have you been there?",
    "Where do you work and how many people are on your team?",
    "What do you do, and when did you start doing it?",
    "Where were you, and what was going on?",                         # the one moment, set
    "If yes: who, and what did they say?",                            # a bare "who" names whom
    "If yes: which steps, and what did you copy from where?",         # the ones just asked about, named
    "Who were you talking to that time, and how did the conversation go?",       # how the moment went
    "What share gets fixed, and what share is accepted as risk?",                # one breakdown
    "Who does the ordering, and does that change at harvest?",        # when the first answer differs
    # (stop 27: blind readers called each of these wrong as a double)
    "What's the extension, and where are you up to with it?",         # how far along the thing named is
    "If the app crashes, what do you do and how do you get the form sent in?",   # one story, told on
    "How long have you been a dispatcher, and what did you do before?",          # one career, told back
    "Who else had a say in the decision, and what did they care about most?",    # the people just named
    "Which of those can you change yourself, and which are out of your hands?",  # one set, sorted
])
def test_a_follow_on_clause_or_two_figures_is_double_only_in_strict_mode(question):
    def doubles(strict):
        found = lint_snippet(guide(question), select=["GL1"], settings=Settings(strict=strict))
        return [d for d in found if d.name == "double-barreled-question" or "double-barreled-question" in d.also]

    assert doubles(False) == []
    assert doubles(True)


@pytest.mark.parametrize("question", [
    "How often does it happen, and which kind is the worst?",     # a new topic, no reference back
    "What's your role, and how do you feel about the new rota?",  # a fact, then a view: two answers
    "What could we have done differently, and would that have changed your mind?",  # a yes/no forecast after
    "How long have you been a dispatcher, and what do you think of the new radios?",  # a figure, then a view
    "What do you do, and how do you feel about the new rota?",
])
def test_a_second_clause_on_a_new_topic_is_double_by_default(question):
    assert "double-barreled-question" in [name for name, _ in reported(guide(question))]


@pytest.mark.parametrize("question, fires", [
    ("What made the other supplier the better fit for you?", False),  # their own choice, explained
    ("What makes the new layout better?", True),                       # the improvement taken for granted
    ("How has the tool made your job easier?", True),
])
def test_asking_why_their_own_choice_fitted_is_not_presuming(question, fires):
    assert ("leading-question" in [name for name, _ in reported(guide(question))]) is fires


def test_a_diary_studys_written_prompts_are_judged_for_leading_only():
    text = ("# Diary study\n\n## Kick-off (20 min)\n\n- What brought you here?\n\n## Daily diary prompts\n\n"
            "- How much better did you sleep thanks to the reminders?\n- Did you open the app today?\n"
            "- What did you eat, and who cooked it?\n")
    found = lint_snippet(text, select=["ALL"])
    assert [(d.name, d.span.line) for d in found if d.code.startswith("GL1")] == [("leading-question", 9)]
    # the prompts are asked, but not in the session: no time box is wanted for them
    assert "missing-time-box" not in {d.name for d in found}



@pytest.mark.parametrize("line", ["PROJECTIVE: If [BRAND] were a car, what kind would it be, and why?",
                                  "Imagine Acme as a person at your door. How do they dress, and what do they talk about?",
                                  "At what monthly price would it feel like a bargain, a really good buy for the money?"])
def test_a_projective_exercise_or_a_pricing_methods_wording_is_the_method_not_a_fault(line):
    assert reported(guide(line)) == []



@pytest.mark.parametrize("line", ["PROJECTIVE: If [BRAND] were a car, what kind would it be?",
                                  "If Acme was a colour, which would it be?", "Imagine it as an animal.",
                                  "If the app came to life as a superhero, who?", "Where have we met at a party before?",
                                  "2. Q: At what price would you say it is too cheap?", "If it were a person, how old?",
                                  "IF ACME WERE A FRIEND, what would they say?", "What did you eat today?",
                                  "If it costs more, would you switch?", "Imagine your week as a list.",
                                  "If \u017fomething were a car?", "If the brand were a \u212aar?", "Imagine ı"])
def test_the_cheap_test_for_a_projective_exercise_agrees_with_its_pattern(line):
    from guidelint.checks.wording import _PROJECTIVE, _projective

    assert _projective(line) is (_PROJECTIVE.search(line) is not None)


@pytest.mark.parametrize("after, reported_too", [
    ("What did you use the checklist for?", False),        # takes it up: a shared word
    ("What made you say that?", False),                    # points back at it
    ("What did you think of our support team?", True),     # a new topic: the yes/no stands alone
    # an "it" late in a new question points at its own topic, not back
    ("How did you come across our vendor, and why did you pick it over the others?", True),
])
def test_a_judging_yes_no_is_opened_up_only_by_a_question_that_takes_it_up(after, reported_too):
    found = reported(guide("Was the setup checklist helpful?", after))
    assert (("closed-question", 5) in found) is reported_too


def test_a_scales_points_before_the_next_question_are_no_description_that_leads():
    text = ("# G\n\n## Screen 6 (3 min)\n\n> How likely would you be to add it on a real booking?\n\n"
            "0 Not at all likely · 1 · 2 · 3 · 4 · 5 · 10 Extremely likely\n\n> What did you think of the wording on the panel?\n")
    assert ("leading-question", 9) not in reported(text)


@pytest.mark.parametrize("item, fires", [
    # the scale's labels name both ends, in the item, as its stage note, as options or on the next line
    ("- How satisfied are you with the booking today?\n  1 Very dissatisfied · 2 · 3 · 4 · 5 Very satisfied\n", False),
    ("- How easy was it to book?\n  (1 = very difficult, 5 = very easy)\n", False),
    ("How useful was the dashboard?\n\n0 = not at all useful, 10 = extremely useful\n", False),
    ("- How easy was it to find the form?\n  - 1 Very hard\n  - 5 Very easy\n", False),
    # both labels on the good side, or no scale: the question's word still sets the answer
    ("- How satisfied are you with the booking today?\n  1 Satisfied · 2 · 3 · 4 · 5 Very satisfied\n", True),
    ("- How easy was it to book?\n- What did you think of the confirmation page?\n", True),
    ("- How useful was the dashboard?\n  Note the exact words they use.\n", True),
])
def test_a_one_sided_ask_rated_on_a_scale_labelled_at_both_ends_is_fair(item, fires):
    found = reported(f"# G\n\n## Close (5 min)\n\n{item}")
    assert (("leading-question", 5) in found) is fires


@pytest.mark.parametrize("pair", [
    ("What did you enjoy most when you were with us?", "And was there anything that got on your nerves?"),
    ("Can you think of a shift that went really well? What happened?", "And one that was a bit rubbish?"),
])
def test_each_half_of_a_fair_pair_of_feelings_is_not_leading(pair):
    assert [name for name, _ in reported(guide(*pair))] == []
    # alone, the good half still leads
    assert [name for name, _ in reported(guide(pair[0]))] == ["leading-question"]


def test_a_yes_no_feeling_beside_the_other_side_still_leads():
    text = guide("And was there anything that got on your nerves?", "Did you feel appreciated by the coordinators?")
    assert [name for name, _ in reported(text)] == ["leading-question"]



def test_why_their_own_pick_is_better_is_not_leading():
    text = guide("Which of those tools has the best documentation, in your view?", "What makes it better?")
    assert [name for name, _ in reported(text)] == []
    assert [name for name, _ in reported(guide("What makes it better?"))] == ["leading-question"]


def test_the_next_parts_first_question_does_not_open_up_a_yes_no():
    # "High-point entries:" and "Short entries:" are different paths: the open question under
    # the second is not the first's follow-up
    text = ("# G\n\n## Entries\n\nFor each entry:\n\n- Talk me through that day.\n\nHigh-point entries:\n\n"
            "- What made this one feel good?\n- Did the app help you get there?\n\nShort entries:\n\n"
            "- Could you tell me what you remember about it?\n")
    [(name, line)] = reported(text)
    assert (name, line) == ("closed-question", 12)
    # in one part the open question after it is its follow-up, as before
    same_part = text.replace("\nShort entries:\n\n- Could you tell me what you remember about it?",
                             "- What did it do for you that day?")
    assert reported(same_part) == []


def test_a_yes_no_about_an_effect_is_not_rewritten_to_presume_it():
    [d] = lint_snippet(guide("Did the app help you get there?"), select=["GL102"])
    assert "How, if at all, did the app" in d.message
    assert '"How did the app' not in d.message


@pytest.mark.parametrize("question, fires", [
    ("Is the booking screen slow?", True),                 # a quality of what is studied, put for a yes
    ("Did the agent explain the fees clearly?", True),
    ("Is the crossing you use the safest one?", True),
    ("Have you got ten minutes for a quick chat?", False),  # an ask for time, not a judgement
])
def test_a_yes_no_that_judges_the_service_is_reported_by_default(question, fires):
    assert ("closed-question" in [n for n, _ in reported(guide(question))]) is fires


def test_two_asks_after_a_story_asked_for_on_the_same_line_are_its_cues():
    on_one_line = guide("Tell me about the reminders you get. What do they say, and when do they arrive?")
    assert reported(on_one_line) == []
    assert ("double-barreled-question", 5) in reported(on_one_line, strict=True)
    # on a line of its own it is a question of its own, as a reader sees it
    own_line = ("# G\n\n## Habits (10 min)\n\nTell me about the last time you used the rooms.\n"
                "Where do you book them, and what do you think of the booking app?\n")
    assert ("double-barreled-question", 6) in reported(own_line)


@pytest.mark.parametrize("item", [
    "We put the search box at the top so people find it faster. How did you get on with it?",
    "The map view was designed for families like yours. How much did you use it?",
    "The quiz table is designed to cover the year 5 objectives. How well did it support your lessons?",
    # (stop 27) what it must be like, a saving for people like them, our thing defended, said first
    "Late cancellations must be costing you a lot. How much a month, roughly?",
    "Heat pumps can save households hundreds of pounds a year. Have you looked into one?",
    "Our battery gauge is deliberately cautious. How has the real range compared with what you expected?",
    # (stop 27, from leading-dev8's tune half) the interviewer's view, a cost played down, a gain promised
    "Honestly, the new timetable looks worse to me. How do you find it?",
    "I'd have found that form baffling myself. How did you get on?",
    "It's only a small fee. How would you feel about paying it?",
    "With the new portal you could halve your admin time. How do you handle admin today?",
])
def test_what_the_design_was_meant_to_do_said_first_leads(item):
    assert "leading-question" in [name for name, _ in reported(guide(item))]


def test_asking_what_it_was_designed_for_asserts_nothing():
    assert reported(guide("What do you think the map view was designed for?")) == []


@pytest.mark.parametrize("question, by_default", [
    ("How did the gallery layout and the printed trail help you plan your visit?", True),   # two things given, judged at once
    ("What did you think of the new map and the balance changes?", True),
    ("How satisfied are you with the pricing and the support?", True),
    ("Tell me about your role and your team.", False),        # one warm-up, told in one breath
    ("Roughly how much of your day goes on the phones, the desk and the online requests?", False),  # one split, listed
    ("How do you find and install new plug-ins?", False),      # one task, two verbs
])
def test_two_given_things_judged_at_once_are_double_by_default(question, by_default):
    def doubles(strict):
        found = lint_snippet(guide(question), select=["GL1"], settings=Settings(strict=strict))
        return [d for d in found if d.name == "double-barreled-question" or "double-barreled-question" in d.also]

    assert bool(doubles(False)) is by_default
    assert doubles(True)


def test_a_probe_on_why_their_pick_is_better_asks_about_their_own_pick():
    item = ("Which of these words feels most reassuring to you: safe, verified, trusted, protected?\n"
            "  PROBE: What makes that one feel better than the others?")
    assert reported(guide(item)) == []


def test_a_which_question_asked_on_after_or_is_no_yes_no():
    assert reported(guide("Which dating apps are you on at the moment, or have used in the last year?")) == []


def test_a_concept_boards_figures_are_the_stimulus_not_social_proof():
    text = ("# G\n\n## Concept (10 min)\n\n> - In trials, around 7 in 10 people had clearer skin after 16 weeks\n"
            "> - One tablet a day\n\nWhat are your first thoughts?\n")
    assert reported(text) == []
    pitched = "# G\n\n## Concept (10 min)\n\nIn trials, 7 in 10 people loved it.\n\nWhat are your first thoughts?\n"
    assert [name for name, _ in reported(pitched)] == ["leading-question"]


def test_a_likelihood_asked_with_a_scale_shown_is_the_studys_measure():
    item = "How likely would you be to ask your doctor about it? SHOW SCALE."
    assert reported(guide(item)) == []
    assert [name for name, _ in reported(guide(item), strict=True)] == ["hypothetical-question"]


def test_a_wish_about_one_thing_done_well_is_no_praise():
    assert reported(guide("If the new portal did one thing really well, what should it be?")) == []


@pytest.mark.parametrize("label, fires", [
    ("**don't ask** (produces noise, not data):", False),    # a list of what not to ask
    ("**Questions to avoid:**", False),
    ("**Money**", True),                                     # a topic: the question lost its "?"
])
def test_a_question_mark_is_not_asked_of_a_list_that_is_not_said(label, fires):
    text = (f"# G\n\n{label}\n\n- would you pay for a faster build\n- would you switch to a hosted runner\n\n"
            "## Warm-up\n\n- What do you do?\n")
    found = [d for d in lint_snippet(text, select=["missing-question-mark"])]
    assert bool(found) is fires


def test_a_premise_before_a_one_sided_ask_is_reported_though_the_ask_is_balanced():
    # "what do you love…" alone is balanced by the bad side asked next; the premise is not
    text = guide("The reading room is our most popular space — what do you love about it?",
                 "What gets in the way when you study there?")
    assert reported(text) == [("leading-question", 5)]
    assert reported(guide("What do you love about the reading room?", "What gets in the way when you study there?")) == []


@pytest.mark.parametrize("ask, fires", [
    ("What did you love most about working with our migration team?", True),   # praise sought for ours
    ("What did you love most about the new rota?", False),   # "the hardest part" before it is its other side
])
def test_a_hard_part_two_questions_back_does_not_balance_praise_sought_for_our_team(ask, fires):
    text = guide("What was the hardest part?", "How did you handle the cut-over?", ask)
    assert (("leading-question", 7) in reported(text)) is fires



@pytest.mark.parametrize("quoted", [False, True])
def test_the_stressful_part_then_the_part_they_enjoy_is_a_fair_pair(quoted):
    pair = ["What's the most stressful part of getting dinner on the table?", "And what's the part you actually enjoy?"]
    if quoted:
        pair = [f'"{q}"' for q in pair]
    assert reported(guide(*pair)) == []
    assert reported(guide(pair[1])) == [("leading-question", 5)]   # alone, the good half still leads


def test_what_they_like_about_their_own_game_in_the_warm_up_is_the_ice_breaker():
    warm = guide("Your gamer tag, and the game you've played most this week?", "What do you like about that game?",
                 heading="Warm-up (10 min)")
    assert ("leading-question", 6) not in reported(warm)
    topics = guide("Your gamer tag, and the game you've played most this week?", "What do you like about that game?",
                   heading="Topics (10 min)")
    assert ("leading-question", 6) in reported(topics)


@pytest.mark.parametrize("strict", [False, True])
def test_a_step_down_a_price_ladder_is_the_methods_own_question(strict):
    text = guide("At [price], would you sign up for the club?", heading="Price ladder (10 min)")
    assert (("hypothetical-question", 5) in reported(text, strict=strict)) is strict


@pytest.mark.parametrize("before, fires", [
    ("Which moments in the project worked best for your team?", False),   # the other side, just before
    ("How did the handover work for your team?", True),
])
def test_where_things_got_frustrating_pairs_with_what_worked_best(before, fires):
    text = guide(before, "Where did things slow down or get frustrating?")
    assert (("leading-question", 6) in reported(text)) is fires


@pytest.mark.parametrize("premise, fires", [
    ("Our nutritionist has worked hard on every meal.", True),     # no question nearby balances a premise
    ("Most parents tell us they love it.", True),                   # nor what others say
    ("Here is the new menu.", False),                               # a plain statement: the pair stays fair
])
def test_a_premise_before_one_half_of_a_fair_pair_still_leads(premise, fires):
    text = guide("What, if anything, is missing from the menu?", f"{premise} How much do you like the new menu?")
    assert (("leading-question", 6) in reported(text)) is fires


@pytest.mark.parametrize("shown, fires", [
    ("SHOW PRICE CARD: £4.49 per serving, £26.94 a week.", False),  # the price is the stimulus tested
    ("Price card: £4.49 per serving.", False),
    ("Most families tell us £4.49 a serving is a bargain.", True),    # said for them: what others think
])
def test_a_price_shown_on_a_card_is_the_stimulus_not_a_premise(shown, fires):
    text = f"# Meal kits\n\n## Price (10 min)\n\n{shown}\n\n- How does that price feel to you?\n"
    assert (("leading-question", 7) in reported(text)) is fires


@pytest.mark.parametrize("ask, fires", [
    ("Could you tell us your first name, and one thing you enjoyed doing this week?", False),  # "tell us" names nothing of ours
    ("Could you tell us one thing you enjoyed about our new app?", True),
])
def test_one_thing_they_enjoyed_told_to_the_group_in_the_warm_up_is_the_ice_breaker(ask, fires):
    text = f"# Residents\n\n## B. WARM-UP (10 mins)\n\n- {ask}\n"
    assert (("leading-question", 5) in reported(text)) is fires


@pytest.mark.parametrize("points, fires", [
    ("  1 Definitely would  2 Probably would  3 Might or might not  4 Probably wouldn't  5 Definitely wouldn't", False),
    ("  (note their answer)", True),
])
def test_a_purchase_intent_scale_whose_points_sit_under_the_question_is_the_method(points, fires):
    text = ("# Concept\n\n## Reactions (2 min)\n\n"
            f"Q7. How likely would you be to buy a meal from it in the next month?\n{points}\n")
    assert (("hypothetical-question", 5) in reported(text)) is fires


@pytest.mark.parametrize("items", [
    ("How did you keep in touch with your caseworker?\n  - Probe: What worked well about that? What didn't?",),
    ("What did you like about the sessions?", "What didn't work as well?"),
])
def test_the_good_side_asked_with_its_other_side_short_or_next_is_a_fair_pair(items):
    assert reported(guide(*items)) == []


def test_what_they_liked_alone_still_leads():
    assert reported(guide("What did you like about the sessions?", "How often did you go?")) == [("leading-question", 5)]


def test_a_yes_no_whose_if_yes_branch_asks_openly_next_is_a_gate():
    text = guide("Q6. Did you contact us for help?", "Q6a. If yes: How did that go?", heading="Calls (10 min)")
    assert reported(text) == []
    assert reported(guide("Q6. Did you contact us for help?", "Q7. What did you do next?", heading="Calls (10 min)"))
