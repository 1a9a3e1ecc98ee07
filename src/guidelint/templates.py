"""Starting guides for ``guidelint new``, one per profile (and the editor's "new guide").

Each template is a complete guide the author edits rather than a form to fill in: front
matter with a duration inside the profile's range, time boxes that add up to it exactly, an
intro that asks to record and says how answers are used (a case study also promises the
customer's approval before publication), open questions from broad to narrow with probes,
and a close that thanks the participant and says what happens next. Every template passes
``guidelint check`` with nothing above info (tests/test_new.py runs each one through the CLI).

Placeholders are plain words ("our product", "the activity") rather than ``[brackets]``, so a
half-edited guide still reads as a script and the linter has nothing false to report.
"""

from __future__ import annotations

DEFAULT_PROFILE = "user-research"

_CASE_STUDY = """\
---
title: Customer story interview (working title)
profile: case-study
duration: 45 min
participant: To be confirmed — the customer's name, role and company
objectives:
  challenge: The problem the customer faced before working with us
  decision: How the customer compared options and why they chose us
  rollout: What getting started involved and who did the work
  results: The measurable difference since going live
---

# Customer story interview

*A starting guide from guidelint for the case-study profile. Put your product's name where
the questions say "our product", fit the questions to this customer, and keep every
objective linked to at least one question with {objective=…}.*

## Introduction (4 min)

> Thank you for taking the time to talk with us. This conversation takes about 45 minutes,
> and I'll keep an eye on the clock. Is it all right with you if we record the call? Only
> our marketing team listens to the recording, and we use it with my notes to write a short
> story about your team's experience. You'll review the draft and approve it before
> anything is published, and you can ask us to leave out anything you'd rather keep private.

*Start the recording only after they agree.*

## Background (5 min)

1. Tell me about the work your team does day to day.
   - Who depends on that work?
2. How has your role changed over the past couple of years?

## Challenges (8 min)

1. What was getting in the way of your team before you started working with us? {objective=challenge}
   - What did that look like in an ordinary week?
2. Walk me through a recent time when that problem cost you something. {objective=challenge}
   - Who felt it first?
   - (probe for numbers: hours, money, missed deadlines)
3. How were you working around the problem at that point?

## Decision process (7 min)

1. How did the search for a new solution begin? {objective=decision}
2. Who took part in the decision?
   - What mattered most to each of them?
3. What settled the final choice? {objective=decision}
   - Which other options were still on the table at that point?

## Implementation (6 min)

1. Tell me about the rollout, from signing up to the first day of real use. {objective=rollout}
2. Who did the setup work on your side?
   - What help did you get from our team?
3. Which part of the rollout took more effort than you planned for?
   - How did the team get through it?

## Results (8 min)

1. What has changed for your team since you went live? {objective=results}
2. How do you measure the difference today? {objective=results}
   - (probe for before-and-after figures: time saved, costs, errors)
   - Where did those figures stand before the change?
3. How have the people who depend on your team noticed the change?
4. What, if anything, surprised you along the way?

## Future plans (3 min)

1. Where is your team heading over the next year?
   - What part does our product play in those plans?

## Wrap-up (4 min)

1. What else should other teams hear about your experience?

> Thank you, this has been really helpful. Here's what happens next: we'll send you a
> draft of the story within two weeks. You can ask for any changes, and nothing is
> published until you approve it. We'll also check every quote and figure with you first.

*Stop the recording.*
"""

_USER_RESEARCH = """\
---
title: User research interview (working title)
profile: user-research
duration: 45 min
participant: To be confirmed — who you are talking to and how you recruited them
objectives:
  routine: How participants go about the activity today, step by step
  tools: The tools, people and workarounds they rely on
  friction: Where the current way of working lets them down
---

# User research interview

*A starting guide from guidelint for the user-research profile. "The activity" stands for
whatever your study is about: rewrite those questions in the words your participants use,
and keep every objective linked to at least one question with {objective=…}.*

## Introduction (4 min)

> Thanks for joining me today. The session lasts about 45 minutes. We want to understand
> how people go about the activity in their own words, so there are no right or wrong
> answers. Is it OK if I record our conversation? Only our research team hears the
> recording; we use it to check our notes, and nothing you say is attributed to you by
> name. You can skip any question or stop at any point. What questions do you have before
> we begin?

*Start the recording only after they agree.*

## Warm-up (6 min)

1. Tell me a little about what you do.
2. What does a typical week look like for you?

## Current routine (12 min)

1. Walk me through the last time you took care of the activity. {objective=routine}
   - What happened just before you started?
   - Who else was involved?
2. How does that compare with a usual time? {objective=routine}
3. Which steps take up most of your effort? {objective=friction}
   - What makes those steps take longer?
4. How do you know when you're done?

## Tools and workarounds (10 min)

1. What do you use to keep track of the activity? {objective=tools}
   - How did you come to use it?
2. Tell me about a time when something didn't go as planned. {objective=friction}
   - What did you do next?
3. What shortcuts have you worked out for yourself? {objective=tools}
4. Who do you turn to when you get stuck?

## Looking back (8 min)

1. Of everything we've talked about, what takes up the most of your time?
2. What have you tried in the past to make the activity easier? {objective=friction}
   - How did that work out?
3. What have you heard from others who do the same thing?

## Wrap-up (5 min)

1. What else should we know that we haven't covered?

> Thank you for your time today; this has been really helpful. Here's what happens next:
> we're talking to several people over the coming weeks, and we'll send you a short
> summary of what we learned once we're done. Your thank-you gift arrives by email within
> a week.

*Stop the recording.*
"""

_CUSTOMER_DISCOVERY = """\
---
title: Customer discovery call (working title)
profile: customer-discovery
duration: 30 min
participant: To be confirmed — the person's role, their company, and how you met them
objectives:
  problem: Whether the problem comes up for them, and how recently
  current: How they deal with it today
  cost: What the problem costs them, and how much solving it matters
---

# Customer discovery call

*A starting guide from guidelint for the customer-discovery profile. "The problem" stands
for the one you are exploring: name it the way your customers would. Ask about what people
did, not what they might do, and keep every objective linked to a question with
{objective=…}.*

## Introduction (3 min)

> Thanks for making time for this call. It takes about 30 minutes. I'm not selling
> anything today: I'm trying to learn how teams like yours deal with the problem. Would you
> mind if I record the call? The recording stays with our small team, we use it only to
> check our notes, and we won't quote you by name without asking first.

*Start the recording only after they agree.*

## Context (4 min)

1. Tell me about your role at the company.

## The problem today (10 min)

1. Tell me about the last time the problem came up for you. {objective=problem}
   - What were you trying to get done at the time?
2. What did you do about it then? {objective=current}
   - Who else got involved?
3. How often does it come up? {objective=problem}

## What it costs (9 min)

1. What does it cost you when the problem happens? {objective=cost}
   - (probe for numbers: hours, money, missed work)
2. What have you already tried to solve it? {objective=current}
   - How did that work out?
3. Where does solving it sit among your priorities right now? {objective=cost}

## Wrap-up (4 min)

1. Who else should I talk to about this?
2. What should I have asked you that I didn't?

> Thank you, that was really helpful. Here's what happens next: I'll send you a short
> summary of what I heard by the end of the week, and I'll check with you before sharing
> anything beyond our team.

*Stop the recording.*
"""

_USABILITY_TEST = """\
---
title: Moderated usability test (working title)
profile: usability-test
duration: 45 min
participant: To be confirmed — who you are recruiting, for example people who used the product in the past month
objectives:
  orient: Whether people can tell what the product is for on their first visit
  main-task: Whether people can finish the main task without help
  help: How people look for help when they get stuck
---

# Moderated usability test

*A starting guide from guidelint for the usability-test profile. Replace each scenario and
prompt with a realistic goal from your own product, and avoid the labels that appear on
screen so the wording does not give the answer away.*

## Introduction (5 min)

> Thanks for coming in today. The session takes about 45 minutes. We're testing the
> product, not you, so if something is hard to find, that tells us what to fix.
>
> As you work, please think out loud: tell me what you're looking at, what you expect to
> happen, and anything that surprises you. I may not answer questions during the tasks,
> because we want to see how the product works on its own.
>
> With your permission, we'll record your screen and voice. Only the project team watches
> the recording, your name doesn't appear on anything we share, and we delete the recording
> once the study is over. You can stop at any time. Is that all right with you?

*Start the screen recording once they agree, then open the product at its starting page.*

## Warm-up (4 min)

1. Tell me about the last time you used a product like this one.
2. Which device do you usually use for this kind of thing?

## Tasks (26 min)

### Task 1: First look (8 min)

**Scenario**
- A colleague mentioned this product to you, and you want to see what it could do for you.

PROMPT: Take a few minutes to look around the starting page without clicking anything yet.

1. What do you think this product is for? {objective=orient}
2. Talk me through what caught your eye first.
3. Where would you expect to go next? {objective=orient}

### Task 2: The main task (9 min)

**Scenario**
- You need to get the product's main job done for a colleague by the end of today.

PROMPT: Starting from the home page, complete the job your colleague asked for.

1. How did that go for you? {objective=main-task}
2. Talk me through how you decided where to click first.
3. How did the result compare with what you expected? {objective=main-task}

### Task 3: Finding help (9 min)

**Scenario**
- Part of the job didn't work the way you expected, and you want to find out how to fix it.

PROMPT: Find out how to solve the problem using the product or its help pages.

*Don't step in unless they have been stuck for more than two minutes.*

1. Walk me through where you looked for help. {objective=help}
   - What made you look there first?
2. How sure are you that the problem is solved now? {objective=help}

## Overall impressions (5 min)

1. How would you describe today's experience to a friend?
2. What stood out to you across the three tasks?
3. What, if anything, slowed you down?

## Wrap-up (5 min)

1. What else should the team know about the product?

> Thank you very much for your help today. Here's what happens next: we'll share what we
> learned from all the sessions with the product team next month, and your thank-you
> voucher arrives by email within a week.

*Stop the recording.*

## Things to watch for

- Where do they look first on the starting page?
- Do they use search before the menu?
- Which words on screen make them hesitate?
"""

_EXPERT_INTERVIEW = """\
---
title: Expert interview (working title)
profile: expert-interview
duration: 45 min
participant: To be confirmed — the person's role, their team, and how they know the process
objectives:
  process: How the process works today, step by step, and who does each part
  gaps: Where the process breaks down and what people do about it
  scale: The volumes, timings and rules that shape the work
---

# Expert interview

*A starting guide from guidelint for the expert-interview profile. "The process" stands for
the one you are studying: name it the way the people who run it do. Plain factual questions
are fair to ask an expert; keep every objective linked to at least one question with
{objective=…}.*

## Introduction (4 min)

> Thank you for making time for this. It takes about 45 minutes. We're learning how the
> process works from the people who run it, so we're after what you know, not a judgement
> of anyone's work. Is it all right if I record our conversation? Only our project team
> hears the recording; we use it to check our notes, and we won't quote you by name without
> asking first. You can skip any question.

*Start the recording only after they agree.*

## Role and background (6 min)

1. Tell me about your role.
2. How did you come to work on the process?

## How the process works (12 min)

1. Walk me through the process from the first request to the last step. {objective=process}
   - Who does each step?
   - Where is each step recorded?
2. What happens when a request doesn't fit the usual path? {objective=process}
3. Is there a written procedure for the process? {objective=process}
   - How closely does the work follow it?
4. Which other teams does the process depend on?

## Where it breaks down (10 min)

1. Tell me about the last time the process didn't go to plan. {objective=gaps}
   - What did you do then?
2. Which step causes the most follow-up work? {objective=gaps}
3. What has your team changed to work around problems?

## Numbers and rules (8 min)

1. How many requests does your team handle in a typical month? {objective=scale}
2. How long does a request usually take from start to finish? {objective=scale}
3. Which rules or deadlines set the pace of the work?

## Wrap-up (5 min)

1. What should I have asked you that I didn't?
2. Who else knows a part of the process that we haven't covered?

> Thank you, this has been really useful. Here's what happens next: I'll send you a short
> summary of what I heard by the end of the week, so you can correct anything I got wrong
> before we share it with the project team.

*Stop the recording.*
"""

_TEMPLATES = {
    "case-study": _CASE_STUDY,
    "expert-interview": _EXPERT_INTERVIEW,
    "user-research": _USER_RESEARCH,
    "customer-discovery": _CUSTOMER_DISCOVERY,
    "usability-test": _USABILITY_TEST,
}


def template_profiles() -> list[str]:
    """The profiles that have a starting guide, in a stable order."""
    return sorted(_TEMPLATES)


def template_for(profile: str) -> str:
    """The starting guide for ``profile`` (a name from ``guidelint.profiles.all_profiles()``)."""
    try:
        return _TEMPLATES[profile]
    except KeyError:
        raise ValueError(
            f"no starting guide for profile '{profile}'; use one of {', '.join(template_profiles())}"
        ) from None
