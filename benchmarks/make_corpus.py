"""Generate a deterministic corpus of realistic discussion guides for speed benchmarks.

Usage::

    python benchmarks/make_corpus.py OUT_DIR --count N [--seed S] [--lines L] [--worst]

writes ``guide-00001.guide.md`` ... ``guide-NNNNN.guide.md`` into OUT_DIR (created if
missing) and prints one summary line (files, total bytes, mean size). The same seed always
gives byte-identical files: every random choice comes from one ``random.Random(seed)``.

Each guide follows guidelint's format (DESIGN.md section 2): YAML front matter (title,
profile, duration, participant, objectives), a ``#`` title, 6-10 ``##`` sections whose time
boxes use the spellings real guides use and mostly add up to the duration, 3-8 questions per
section (numbered, bulleted or plain paragraphs) with nested probes at mixed indents,
``{objective=id}`` attributes, interviewer notes (consent script in a blockquote, italic
lines, bracket notes, ``(probe for ...)``), occasional suppression comments and code fences,
and about 15% weak questions (leading, closed, double-barreled, hypothetical). Usability tests
get ``### Task N`` headings with ``**Scenario**`` and ``PROMPT:`` lines. Sentences come from
templates filled with topic words from six domains.

By default each guide is 3-7 KB; ``--lines L`` grows (or trims) each guide to about L lines
by adding questions and ``###`` subsections.

``--worst`` writes the guides a linter has most to say about, and the slowest to check: half
the questions weak, nothing about consent, recording, data use or approval anywhere (so every
phrase list of the ethics rules reads every line and finds nothing), a close that neither
thanks nor says what happens next, and three shapes mixed: three guides in five of the default
size, one in five of about 300 lines, one in five with 60 questions in one section (which
repeat, as a long list written in a hurry does). With ``--lines`` every guide has that length.

Importable: ``generate_guide(rng, index, target_lines=None, worst=False)`` and
``write_corpus(out_dir, count, seed=0, target_lines=None, worst=False)``. Standard library only.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------------------
# Domains: topic words that fill the templates.
# --------------------------------------------------------------------------------------

DOMAINS: list[dict[str, list[str]]] = [
    {  # B2B software
        "org": ["Northwind Logistics", "Brightline Analytics", "Harbor Freight Systems",
                "Quillstone Labs", "Tallgrass Software", "Meridian Cloud"],
        "product": ["Relay", "the deployment dashboard", "Beacon", "the new pipeline"],
        "role": ["engineering manager", "site reliability engineer", "Head of Platform",
                 "DevOps lead", "product manager", "staff engineer"],
        "team": ["the platform team", "the on-call rotation", "the release crew",
                 "the infrastructure group"],
        "workflow": ["plan a release", "roll back a bad deploy", "triage an incident",
                     "onboard a new engineer", "review access requests",
                     "estimate cloud costs for next quarter"],
        "artifact": ["release notes", "incident reports", "runbooks", "access reviews",
                     "cost reports", "deployment checklists"],
        "tool": ["spreadsheets", "Jira", "a homegrown script", "Slack threads",
                 "the old CI server", "a shared wiki"],
        "pain": ["flaky builds", "manual approvals", "alert fatigue",
                 "copying data between tools", "waiting on other teams",
                 "surprise cloud bills"],
        "metric": ["deploy frequency", "time to restore service", "on-call pages per week",
                   "hours spent on releases", "monthly cloud spend"],
        "feature": ["an automatic weekly cost summary", "one-click rollbacks",
                    "a shared incident timeline", "approval rules per environment"],
        "page": ["the deployments page", "the settings screen", "the audit log",
                 "the billing overview"],
        "change": ["the migration", "the move to {product}", "the rollout"],
    },
    {  # healthcare
        "org": ["Riverside Community Clinic", "Lakeshore Health", "St. Brendan's Hospital",
                "Valley Family Practice", "Cedar Ridge Medical Group"],
        "product": ["CareBridge", "the patient portal", "the scheduling app",
                    "the referral tracker"],
        "role": ["charge nurse", "clinic manager", "front-desk coordinator",
                 "primary care physician", "care coordinator", "medical assistant"],
        "team": ["the nursing staff", "the front desk", "the billing office",
                 "the care coordination team"],
        "workflow": ["book a follow-up visit", "refill a prescription",
                     "hand over a patient at shift change", "send a referral to a specialist",
                     "check a patient's insurance", "reschedule a missed appointment"],
        "artifact": ["discharge summaries", "referral letters", "shift notes",
                     "appointment reminders", "lab results", "intake forms"],
        "tool": ["the fax machine", "paper intake forms", "the old EHR module",
                 "phone calls", "sticky notes", "a shared calendar"],
        "pain": ["double data entry", "missed appointments", "long hold times",
                 "lost referrals", "unclear lab results", "insurance denials"],
        "metric": ["no-show rate", "time to next available appointment",
                   "referrals closed within a week", "minutes spent on charting per visit"],
        "feature": ["text-message reminders", "a waitlist that fills cancelled slots",
                    "referral status tracking", "online intake forms"],
        "page": ["the appointments page", "the find-a-clinic search",
                 "the prescriptions tab", "the messages inbox"],
        "change": ["the switch to {product}", "the new scheduling process", "the rollout"],
    },
    {  # education
        "org": ["Maplewood Unified School District", "Eastgate Community College",
                "Hillcrest Academy", "Pinecrest State University", "Oakridge Middle School"],
        "product": ["Classpad", "the learning platform", "the gradebook",
                    "the enrollment portal"],
        "role": ["high school teacher", "instructional coach", "school counselor",
                 "department chair", "registrar", "teaching assistant"],
        "team": ["the science department", "the counseling office", "the IT help desk",
                 "the curriculum committee"],
        "workflow": ["grade a set of essays", "plan next week's lessons",
                     "contact a student's family", "enroll a transfer student",
                     "share materials with a substitute", "track attendance"],
        "artifact": ["lesson plans", "progress reports", "rubrics", "attendance records",
                     "course schedules", "parent emails"],
        "tool": ["Google Sheets", "paper gradebooks", "the district email",
                 "a shared drive", "printed handouts", "the old student information system"],
        "pain": ["late assignments", "too many logins", "missing attendance data",
                 "slow enrollment paperwork", "parents who never see messages"],
        "metric": ["hours spent grading each week", "on-time submission rate",
                   "days to complete an enrollment", "parent response rate"],
        "feature": ["a weekly digest for families", "rubric-based quick grading",
                    "one sign-in for every tool", "automatic attendance alerts"],
        "page": ["the gradebook view", "the class roster", "the assignments page",
                 "the family contact screen"],
        "change": ["the move to {product}", "the district-wide rollout",
                   "the new enrollment process"],
    },
    {  # fintech
        "org": ["Copperline Credit Union", "Fairway Payments", "Summit Lending",
                "Bluewater Bank", "Keystone Payroll"],
        "product": ["Ledgerly", "the expense app", "the payments API",
                    "the small-business dashboard"],
        "role": ["finance manager", "bookkeeper", "small-business owner", "controller",
                 "accounts payable clerk", "loan officer"],
        "team": ["the finance team", "accounts payable", "the compliance group",
                 "the lending desk"],
        "workflow": ["close the books at month end", "approve an expense report",
                     "reconcile card transactions", "pay a supplier invoice",
                     "prepare for an audit", "apply for a business loan"],
        "artifact": ["expense reports", "invoices", "bank statements", "audit trails",
                     "receipts", "cash-flow forecasts"],
        "tool": ["Excel", "QuickBooks", "emailed PDFs", "the bank's website",
                 "a paper receipt folder", "the old ERP system"],
        "pain": ["missing receipts", "manual reconciliation", "late payments",
                 "unclear fees", "chasing approvals", "duplicate invoices"],
        "metric": ["days to close the month", "hours spent on reconciliation",
                   "late-payment fees", "invoices processed per week"],
        "feature": ["automatic receipt matching", "approval reminders in chat",
                    "a real-time cash-flow view", "scheduled supplier payments"],
        "page": ["the transactions list", "the approvals queue", "the payments screen",
                 "the monthly statement"],
        "change": ["the switch to {product}", "the new approval flow", "the migration"],
    },
    {  # public services
        "org": ["the City of Fairview", "the State Department of Labor",
                "Greene County Services", "the Regional Transit Authority",
                "the Office of Veterans Affairs"],
        "product": ["the benefits portal", "the permit application", "the 311 app",
                    "the online renewal form"],
        "role": ["caseworker", "permit clerk", "program analyst", "call center agent",
                 "benefits recipient", "small landlord"],
        "team": ["the case management unit", "the permit office", "the call center",
                 "the digital services team"],
        "workflow": ["apply for unemployment benefits", "renew a business permit",
                     "report a change of address", "check the status of a claim",
                     "upload supporting documents", "schedule an inspection"],
        "artifact": ["application forms", "status letters", "case notes",
                     "inspection reports", "eligibility notices", "appeal forms"],
        "tool": ["the paper form", "the phone line", "the old mainframe screens",
                 "email attachments", "a walk-in office visit", "a PDF you print and mail"],
        "pain": ["long wait times", "confusing eligibility rules", "lost paperwork",
                 "letters that arrive too late", "having to call more than once"],
        "metric": ["days to a decision", "calls per resolved case",
                   "applications completed online", "share of forms returned incomplete"],
        "feature": ["status updates by text message", "a document checklist before you start",
                    "saving an application and coming back later", "plain-language notices"],
        "page": ["the application start page", "the claim status page",
                 "the document upload step", "the eligibility checker"],
        "change": ["the launch of {product}", "the move online", "the new intake process"],
    },
    {  # e-commerce
        "org": ["Fernwood Outfitters", "Kettle & Crumb", "Loop Home Goods",
                "Atlas Bike Supply", "Marigold Boutique"],
        "product": ["the storefront", "Shelfwise", "the checkout", "the returns portal"],
        "role": ["shop owner", "operations manager", "customer service lead",
                 "merchandiser", "repeat customer", "first-time shopper"],
        "team": ["the warehouse crew", "customer support", "the marketing team",
                 "the buying team"],
        "workflow": ["process a return", "restock a best-seller",
                     "answer a where-is-my-order email", "launch a seasonal sale",
                     "compare two products before buying", "track a delivery"],
        "artifact": ["order confirmations", "return labels", "product descriptions",
                     "inventory counts", "shipping notices", "discount codes"],
        "tool": ["a spreadsheet of SKUs", "the shipping carrier's site", "Instagram DMs",
                 "email templates", "a marketplace seller account", "the old POS system"],
        "pain": ["out-of-stock surprises", "slow refunds", "abandoned carts",
                 "unclear shipping costs", "sizing questions", "damaged deliveries"],
        "metric": ["conversion rate", "return rate", "average order value",
                   "support tickets per hundred orders", "days to refund"],
        "feature": ["a size guide on every product page", "instant refunds to store credit",
                    "low-stock alerts", "delivery tracking by text"],
        "page": ["the product page", "the cart", "the order history page",
                 "the returns form"],
        "change": ["the move to {product}", "the redesign", "the relaunch"],
    },
]

PROFILES = ["case-study", "user-research", "customer-discovery", "usability-test"]

# --------------------------------------------------------------------------------------
# Objectives per profile (id, text template).
# --------------------------------------------------------------------------------------

OBJECTIVES: dict[str, list[tuple[str, str]]] = {
    "case-study": [
        ("metrics", "Numbers that show the impact on {metric}"),
        ("decision", "Why they chose {product} over {tool}"),
        ("rollout", "How {change} went and who was involved"),
        ("before", "What it took to {workflow} before {change}"),
        ("quote", "A quotable line about {pain}"),
    ],
    "user-research": [
        ("workflow", "How people {workflow} today, step by step"),
        ("pains", "Where they lose time to {pain}"),
        ("tools", "Which tools they combine, and what keeps {tool} in the mix"),
        ("collab", "Who else is involved when they {workflow}"),
        ("needs", "What a good week looks like for a {role}"),
    ],
    "customer-discovery": [
        ("problem", "Whether they run into {pain} often enough to pay for a fix"),
        ("cost", "What {pain} cost them in time or money"),
        ("current", "How they handle it today ({tool}, workarounds)"),
        ("buying", "Who decides on new tools and how purchases get approved"),
        ("budget", "Whether there is budget for a better way to {workflow}"),
    ],
    "usability-test": [
        ("findability", "Can people find {page} without help"),
        ("completion", "Can they {workflow} from start to finish"),
        ("trust", "Do they trust what {page} tells them"),
        ("language", "Do our labels match the words people use"),
        ("expectations", "What they expect to happen after they submit"),
    ],
}

# --------------------------------------------------------------------------------------
# Section kinds: titles, question templates, probes, notes and the objective they serve.
# --------------------------------------------------------------------------------------

INTRO_TITLES = ["Introduction", "Intro", "Welcome and consent", "Introduction and consent",
                "Opening"]
WRAP_TITLES = ["Wrap-up", "Wrap up", "Closing", "Closing questions", "Thank you and close"]

INTRO_QUESTIONS = [
    "Do you have any questions before we start?",
    "To begin, tell me a little about your role at {org}.",
    "How long have you been a {role}?",
    "What does a typical week look like for you?",
    "Tell me about the team you work with day to day.",
    "What were you working on just before this call?",
]

WRAP_QUESTIONS = [
    "Is there anything we didn't ask that we should have?",
    "If you could change one thing about how you {workflow}, what would it be?",
    "Who else should we talk to about this?",
    "What's the most important thing you'd want us to remember from today?",
    "Do you have any questions for us?",
    "Looking back over our conversation, what stood out to you?",
]

SECTIONS: dict[str, list[dict]] = {
    "case-study": [
        {"titles": ["Background", "About you and the team", "Context"], "obj": "before",
         "q": ["What does {team} do day to day?",
               "Walk me through how you came to this role.",
               "How big is {team}, and how is it organized?",
               "What were your main goals for this year?",
               "Where does {workflow} fit into your week?"]},
        {"titles": ["The challenge", "Before {product}", "The problem"], "obj": "before",
         "q": ["What was it like to {workflow} before {change}?",
               "Tell me about a time when {pain} really hurt.",
               "How were you handling {artifact} back then?",
               "What made you decide something had to change?",
               "Who felt the problem most, and how did it show up?",
               "What did {pain} cost you in a typical month?"]},
        {"titles": ["Evaluation and decision", "Choosing a solution", "The decision"],
         "obj": "decision",
         "q": ["Walk me through how you evaluated the options.",
               "What alternatives did you consider besides {product}?",
               "Why did you stay with {tool} as long as you did?",
               "Who was involved in the final decision?",
               "What nearly stopped you from going ahead?",
               "What convinced you in the end?"]},
        {"titles": ["Implementation", "Rollout", "Getting started"], "obj": "rollout",
         "q": ["Describe how {change} went in the first few weeks.",
               "What surprised you during {change}?",
               "How did {team} react when they first used {product}?",
               "What support did you need from our side?",
               "How long did it take before people stopped using {tool}?",
               "What would you do differently if you started again?"]},
        {"titles": ["Results", "Impact", "Outcomes"], "obj": "metrics",
         "q": ["What changed after {change}?",
               "How has {metric} moved since then?",
               "How do you know the change is working?",
               "What does it take to {workflow} now?",
               "Which result matters most to your leadership?",
               "Tell me about a moment when you saw the difference."]},
        {"titles": ["Working with us", "The partnership", "Support and service"],
         "obj": "decision",
         "q": ["How would you describe working with our team?",
               "Tell me about a time you needed help from support.",
               "What could we have done better during {change}?",
               "What do you wish you had known before signing?"]},
        {"titles": ["Advice for peers", "Looking ahead", "What's next"], "obj": "quote",
         "q": ["What would you tell a {role} who is considering {product}?",
               "What are you planning to tackle next?",
               "How do you see {workflow} changing over the next year?",
               "What advice would you give a team struggling with {pain}?"]},
        {"titles": ["Quotes and approval", "Story details"], "obj": "quote",
         "q": ["How would you sum up the change in one sentence?",
               "Which numbers are we allowed to publish?",
               "Who needs to approve the story on your side?",
               "How would you like your name and title to appear?"]},
    ],
    "user-research": [
        {"titles": ["About you", "Background", "Your role"], "obj": "needs",
         "q": ["Tell me about your work as a {role}.",
               "What does a good day look like for you?",
               "What part of your job takes more time than it should?",
               "How did you learn to {workflow}?",
               "Who do you work with most closely?"]},
        {"titles": ["Current workflow", "How you work today", "A recent example"],
         "obj": "workflow",
         "q": ["Walk me through the last time you had to {workflow}.",
               "What happens right before you {workflow}?",
               "Where do {artifact} come from, and where do they go next?",
               "What's the hardest step, and why?",
               "How long does it usually take from start to finish?",
               "What do you do when something goes wrong halfway?"]},
        {"titles": ["Tools", "Tools and workarounds", "Systems you use"], "obj": "tools",
         "q": ["What tools do you use to {workflow}?",
               "Why do you still rely on {tool}?",
               "Tell me about a workaround you've built for yourself.",
               "How do you keep {artifact} up to date?",
               "What would you miss most if {tool} disappeared tomorrow?"]},
        {"titles": ["Pain points", "Frustrations", "What gets in the way"], "obj": "pains",
         "q": ["Tell me about a recent time {pain} got in your way.",
               "What did you do about it?",
               "How often does that happen?",
               "Who else is affected by {pain}?",
               "What have you already tried to fix it?",
               "How does that compare with other problems on your plate?"]},
        {"titles": ["Collaboration", "Working with others", "Handoffs"], "obj": "collab",
         "q": ["Who else is involved when you {workflow}?",
               "How do you share {artifact} with {team}?",
               "Describe the last handoff that didn't go smoothly.",
               "How do you find out what others are working on?",
               "What information do you wish you got sooner?"]},
        {"titles": ["Priorities", "What matters most"], "obj": "needs",
         "q": ["What are you measured on?",
               "How do you decide what to work on first?",
               "What would make {metric} easier to track?",
               "What gets dropped when you're busy?"]},
        {"titles": ["Looking ahead", "The future", "Ideas"], "obj": "needs",
         "q": ["How do you expect your work to change over the next year?",
               "What would an ideal way to {workflow} look like?",
               "Tell me about a tool you enjoy using, in any part of your life.",
               "What would you need to see before trying something new?"]},
        {"titles": ["Information needs", "Finding information"], "obj": "workflow",
         "q": ["Where do you go when you need {artifact}?",
               "How do you know the information is current?",
               "Tell me about a time you couldn't find what you needed.",
               "How do you keep track of {metric}?"]},
    ],
    "customer-discovery": [
        {"titles": ["Role and context", "About you", "Background"], "obj": "current",
         "q": ["What is your role at {org}, and what are you responsible for?",
               "How is {team} set up?",
               "What are your top priorities this quarter?",
               "Where does {workflow} fit in your responsibilities?"]},
        {"titles": ["The problem", "Current challenges", "Problem exploration"],
         "obj": "problem",
         "q": ["Tell me about the last time you had to {workflow}.",
               "What was the hardest part?",
               "How often do you run into {pain}?",
               "Why is that hard to solve?",
               "What happens if nobody deals with it?",
               "Who notices first when something goes wrong?"]},
        {"titles": ["Current solutions", "How you solve it today", "Workarounds"],
         "obj": "current",
         "q": ["How do you deal with {pain} today?",
               "What do you like about using {tool} for this?",
               "Where does {tool} fall short?",
               "What else have you tried?",
               "Why did you stop using it?"]},
        {"titles": ["Cost of the problem", "Impact", "What it costs"], "obj": "cost",
         "q": ["How much time do you lose to {pain} each week?",
               "What does it cost when {artifact} go out late?",
               "How do you measure {metric} today?",
               "Tell me about the worst week you've had because of this.",
               "Who pays for it, in time or money?"]},
        {"titles": ["Buying process", "How decisions get made", "Purchasing"],
         "obj": "buying",
         "q": ["Walk me through the last time {team} bought a new tool.",
               "Who had to sign off?",
               "How long did that take from first look to contract?",
               "What almost stopped the purchase?",
               "Where did you look for options?"]},
        {"titles": ["Budget", "Budget and timing"], "obj": "budget",
         "q": ["How is budget for tools like this decided?",
               "What have you spent on {tool} or similar tools?",
               "When does your planning cycle start?",
               "Describe how you justified the last spend on software."]},
        {"titles": ["Ideal outcome", "Success", "What good looks like"], "obj": "problem",
         "q": ["What would success look like six months from now?",
               "If this problem were solved, what would you do with the time?",
               "How would you know it was solved?",
               "What would need to be true for you to switch from {tool}?"]},
        {"titles": ["Reactions", "Concept feedback"], "obj": "problem",
         "q": ["What's your first reaction to the idea of {feature}?",
               "What questions come to mind?",
               "Where would that fit in how you {workflow}?",
               "What worries you about it?"]},
    ],
    "usability-test": [  # in session order; "post" kinds come after the tasks
        {"titles": ["Warm-up", "Warm-up questions", "Background"], "obj": "expectations",
         "q": ["Tell me a little about yourself and what you do.",
               "How often do you {workflow}?",
               "Tell me about the last time you used {product}.",
               "What devices do you usually use for things like this?",
               "What sites or apps do you use to {workflow} today?"]},
        {"titles": ["First impressions", "Home page", "Initial reactions"],
         "obj": "language",
         "q": ["What's the first thing you notice on this page?",
               "What do you think you can do here?",
               "Who do you think this site is for?",
               "What would you click first, and why?",
               "What, if anything, is confusing?"]},
        {"titles": ["Expectations", "Before you start"], "obj": "expectations",
         "q": ["What do you expect to happen after you submit?",
               "How would you expect to hear back?",
               "What information would you want to have ready?",
               "Where would you look for help if you got stuck?"]},
        {"titles": ["Navigation and search", "Finding your way"], "obj": "findability",
         "q": ["How would you expect to get back to {page}?",
               "What would you search for to find {artifact}?",
               "What do you think is under each of these menu items?",
               "Tell me what you expect to find if you click here.",
               "Where would you expect to find help?"]},
        {"titles": ["Post-task questions", "Overall impressions", "Debrief"],
         "obj": "trust", "post": True,
         "q": ["How would you describe the experience to a friend?",
               "What was the easiest part?",
               "What was the most frustrating part?",
               "How confident are you that the task was completed?",
               "What would you change first?"]},
        {"titles": ["Content and language", "Words and labels"], "obj": "language",
         "post": True,
         "q": ["In your own words, what does this page say?",
               "Which words here are unfamiliar?",
               "What would you call {artifact}?",
               "What's missing from this page, if anything?"]},
        {"titles": ["Trust and privacy", "Confidence"], "obj": "trust", "post": True,
         "q": ["What makes this page feel trustworthy, or not?",
               "How do you feel about sharing your details here?",
               "Who do you think can see the information you enter?",
               "What would make you more confident submitting this?"]},
        {"titles": ["Comparison", "Other sites you use"], "obj": "language", "post": True,
         "q": ["How does this compare with other sites you use to {workflow}?",
               "Tell me about a site that does this well.",
               "What words would you use to describe {page}?"]},
    ],
}

GENERIC_QUESTIONS = [
    "Tell me about a recent time you had to {workflow}.",
    "What's the hardest part of that for you?",
    "How did you handle it the last time?",
    "What would make that easier?",
    "Who do you turn to when you're stuck?",
    "How has that changed over the past year?",
    "What happens when {artifact} are late or wrong?",
    "Describe what you did the last time {pain} came up.",
    "How do you decide when it's worth the effort?",
    "Walk me through what you did next.",
    "Where does {tool} fit into that?",
    "What does {team} expect from you at that point?",
]

TASKS = [
    "Find {page}", "{workflow_cap}", "Check the status", "Update your details",
    "Get help", "Find out what it costs", "Save and come back later",
]

SCENARIOS = [
    "You need to {workflow} before the end of the week, and a colleague told you {product} "
    "can help.",
    "It is Monday morning and you just remembered you have to {workflow}. You have about "
    "ten minutes before your next meeting.",
    "A friend mentioned that you can {workflow} online now instead of using {tool}.",
    "You started this last week but had to stop halfway. You want to pick up where you "
    "left off.",
    "You received a letter saying you need to {workflow}, and you'd rather not call.",
]

PROMPTS = [
    "Starting from the home page, show me how you would {workflow}.",
    "Go to {page} and find where you would {workflow}.",
    "Please {workflow} using the test account, and think aloud as you go.",
    "Show me where you would look to check on {artifact}.",
    "Find the information you'd need to {workflow}, then stop and tell me when you're done.",
]

TASK_QUESTIONS = [
    "How did that go?",
    "What did you expect to see on {page}?",
    "Was anything on this page unclear? What?",
    "How would you know you'd finished?",
    "What would you do next?",
    "Tell me what you were thinking when you paused there.",
    "Where would you go if you got stuck here?",
    "How does this compare with what you expected?",
]

PROBES = [
    "Can you give me an example?",
    "What happened next?",
    "Why was that?",
    "How did that make you feel?",
    "Who else was involved?",
    "How often does that happen?",
    "What did you try first?",
    "Tell me more about that.",
    "What would you have expected instead?",
    "How long did that take?",
    "What made that hard?",
    "What did you do about it?",
    "How did you decide?",
    "What was going through your mind at that point?",
    "How did {team} respond?",
    "Where did you look for help?",
]

PROBE_EXTRAS = [
    "(probe for specifics: dates, numbers, names of tools)",
    "(probe for numbers: {metric}, hours saved, cost)",
    "(probe for the last concrete example, not the usual case)",
    "(If so, how did you work around it?)",
    "If yes: what happened after that?",
    "If no: what stopped you?",
    "Follow-up: how does that compare with using {tool}?",
    "Probe: what would have made it easier?",
]

WEAK = {
    "leading": [
        "Wouldn't you agree that {product} makes it easier to {workflow}?",
        "Don't you think the biggest problem for {team} is {pain}?",
        "Isn't it frustrating when {artifact} go missing?",
        "How much did {product} improve {metric}?",
        "You'd rather not go back to {tool}, right?",
        "Wouldn't you agree the new {page_noun} is clearer?",
    ],
    "closed": [
        "Did you ever try to {workflow} with {tool}?",
        "Do you use {tool} for {artifact}?",
        "Do you ever run into {pain}?",
        "Have you ever lost {artifact}?",
        "Was it easy to {workflow}?",
        "Are you happy with how {team} handles {artifact}?",
    ],
    "double": [
        "How do you {workflow} and who reviews the {artifact}?",
        "What do you like and dislike about {tool}?",
        "How often do you {workflow}, and how long does it take?",
        "Why did you pick {product} and how did {team} react?",
        "What slows you down and what would you change first?",
    ],
    "hypothetical": [
        "Would you pay for {feature}?",
        "If we built {feature}, would you use it?",
        "How much would you pay per month for {feature}?",
        "Would you switch from {tool} if {product} offered {feature}?",
        "Imagine {product} had {feature}: would you use it every day?",
    ],
}

INTRO_NOTES = [
    "*Start recording once consent is confirmed.*",
    "*Confirm the participant can see and hear us before starting.*",
    "_If they decline recording, take notes by hand instead._",
]

ITALIC_NOTES = [
    "*Note: keep this section short if we're running behind.*",
    "*Let the participant talk; don't fill silences.*",
    "_Skip this section if they already covered it in the background questions._",
    "*Observer: note the exact words they use for {artifact}.*",
    "*If time is short, ask only the numbered questions.*",
    "_Remind them there are no wrong answers._",
]

BRACKET_NOTES = [
    "[If they mention {tool}, ask how long they've used it.]",
    "[Share screen now.]",
    "[Skip to the wrap-up if fewer than ten minutes remain.]",
    "[Note any workarounds they describe.]",
    "[Only ask if they are responsible for {workflow}.]",
    "[Check the time: we should be about halfway.]",
    "\\[Send the prototype link in chat.\\]",
]

TRANSITIONS = [
    "Now I'd like to talk about how you {workflow}.",
    "Thanks, that's really helpful. Let's move on to {artifact}.",
    "Next, a few questions about {team}.",
    "I'd like to shift gears a little and talk about {pain}.",
    "For this part, think about the last few weeks rather than in general.",
]

DISABLE_REASONS = [
    "standard intro check",
    "we need a plain yes/no here",
    "screening question, the probes open it up",
    "confirms scope before the open questions",
]

CODE_BLOCKS = [
    ["Participant ID: P__", "Date:", "Device / browser:", "Observer:"],
    ["Test account: demo@example.test", "Password: share in chat, not aloud",
     "Prototype: https://example.test/prototype"],
    ["Recording checklist", "1. Start recording", "2. Confirm consent on tape",
     "3. Note the start time"],
    ["Timestamp | Quote | Theme", "--------- | ----- | -----"],
]

OBSERVER_BULLETS = [
    "Where do they hesitate or scroll back?",
    "Which words do they use for {artifact}?",
    "Do they notice the help link?",
    "How do they recover from an error message?",
    "Note any time they mention {tool}.",
    "Do they read the page or scan for keywords?",
]

LOGISTICS = [
    "- [ ] Send the calendar invite with the video link",
    "- [ ] Confirm the consent form is signed",
    "- [ ] Reset the test account before each session",
    "- [ ] Open the note-taking template",
    "- [ ] Have the incentive details ready",
]

# --------------------------------------------------------------------------------------
# Text filling
# --------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_ARTICLE = re.compile(r"\b([Aa]) (?=[aeioAEIO])")


class Filler:
    """Fills `{key}` placeholders with words from one domain, using the guide's rng."""

    def __init__(self, rng: random.Random, domain: dict[str, list[str]], org: str,
                 product: str, role: str) -> None:
        self.rng = rng
        self.domain = domain
        self.org = org
        self.product = product
        self.role = role
        # a guide keeps coming back to one workflow and one team, as real guides do
        self.focus = {"workflow": rng.choice(domain["workflow"]),
                      "team": rng.choice(domain["team"])}
        self.pinned: dict[str, str] = {}  # always used while set (one task's workflow)

    def word(self, key: str) -> str:
        if key == "org":
            return self.org
        if key == "product":
            return self.product
        if key == "role":
            return self.role
        if key in self.pinned:
            return self.pinned[key]
        if key == "workflow_cap" and "workflow" in self.pinned:
            value = self.pinned["workflow"]
            return value[0].upper() + value[1:]
        if key in self.focus and self.rng.random() < 0.6:
            return self.focus[key]
        if key == "workflow_cap":
            value = self.rng.choice(self.domain["workflow"])
            return value[0].upper() + value[1:]
        if key == "page_noun":
            page = self.rng.choice(self.domain["page"])
            return page.removeprefix("the ")
        if key in self.domain:
            return self.rng.choice(self.domain[key])
        return "{" + key + "}"

    def __call__(self, template: str, cap: bool = True) -> str:
        text = template
        for _ in range(3):  # words such as "the move to {product}" hold placeholders too
            new = _PLACEHOLDER.sub(lambda m: self.word(m.group(1)), text)
            if new == text:
                break
            text = new
        text = _ARTICLE.sub(lambda m: m.group(1) + "n ", text)
        return text[0].upper() + text[1:] if text and cap else text


# --------------------------------------------------------------------------------------
# Guide model (only what the generator needs)
# --------------------------------------------------------------------------------------


@dataclass
class Question:
    text: str
    probes: list[str] = field(default_factory=list)
    comment: str | None = None  # an HTML comment line placed before the question
    indent: str = "  "  # indent of its probes


@dataclass
class Section:
    title: str
    box: str  # rendered time box suffix, "" for none
    level: int = 2
    style: str = "numbered"  # numbered | dash | star | para
    lead: list[str] = field(default_factory=list)  # lines before the questions
    questions: list[Question] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)  # lines after the questions
    subsections: list["Section"] = field(default_factory=list)
    bold: bool = False
    kind: dict | None = None
    used: list[str] = field(default_factory=list)  # templates already asked here
    rendered: list[str] | None = None


def _box_text(rng: random.Random, minutes: int, main: str) -> str:
    spelling = main if rng.random() < 0.7 else rng.choice(BOX_STYLES)
    if spelling == "range":
        low = minutes
        return f" ({low}-{low + rng.choice((5, 5, 10))} min)"
    return BOX_FORMATS[spelling].format(m=minutes)


BOX_FORMATS = {
    "paren_min": " ({m} min)",
    "paren_mins": " ({m} mins)",
    "paren_minutes": " ({m} minutes)",
    "dash": " - {m} minutes",
    "endash": " – {m} minutes",
    "bracket": " [{m} min]",
    "m": " ({m}m)",
}
BOX_STYLES = list(BOX_FORMATS) + ["range"]


def _allocate(rng: random.Random, total: int, n: int, ends: bool = True,
              boost: int = -1) -> list[int]:
    """Split `total` minutes over `n` sections: intro and wrap-up small, the rest weighted."""
    weights = [rng.uniform(1.4, 3.2) for _ in range(n)]
    if ends:
        weights[0] = weights[-1] = 1.0
    if 0 <= boost < n:
        weights[boost] = rng.uniform(7.0, 10.0)
    unit = 5 if total // 5 >= n + 2 else 1
    units = total // unit
    raw = [w / sum(weights) * units for w in weights]
    alloc = [max(1, int(x)) for x in raw]
    order = sorted(range(n), key=lambda i: (raw[i] - int(raw[i]), -i), reverse=True)
    i = 0
    while sum(alloc) < units:
        alloc[order[i % n]] += 1
        i += 1
    while sum(alloc) > units:
        j = max(range(n), key=lambda k: (alloc[k], -k))
        alloc[j] -= 1
    return [a * unit for a in alloc]


# --------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------


#: in the worst-case corpus: the share of weak questions, the lines of a long guide and the
#: questions of a crowded section
WORST_WEAK_RATE = 0.5
WORST_LINES = 300
WORST_CROWD = 60


class GuideBuilder:
    def __init__(self, rng: random.Random, index: int, worst: bool = False) -> None:
        self.rng = rng
        self.index = index
        self.worst = worst
        self.domain = rng.choice(DOMAINS)
        self.profile = rng.choice(PROFILES)
        self.duration = rng.choice((30, 45, 60))
        org = rng.choice(self.domain["org"])
        product = rng.choice(self.domain["product"])
        self.role = rng.choice(self.domain["role"])
        self.fill = Filler(rng, self.domain, org, product, self.role)
        self.org = org
        self.product = product
        pool = OBJECTIVES[self.profile]
        picked = rng.sample(range(len(pool)), rng.randint(2, 4))
        self.objectives = [(pool[i][0], self.fill(pool[i][1])) for i in sorted(picked)]
        self.objective_ids = [o[0] for o in self.objectives]
        # one probe indent per guide, as real guides are mostly consistent
        self.indent = rng.choice(("  ", "  ", "   ", "    ", "    ", "\t"))
        self.main_box = rng.choice(BOX_STYLES[:-1])
        self.used_notes: list[str] = []
        self.sections: list[Section] = []
        self.header: list[str] = []

    def fresh(self, pool: list[str]) -> str:
        """A template from `pool` not used yet in this guide (any once all are used)."""
        unused = [t for t in pool if t not in self.used_notes]
        choice = self.rng.choice(unused or pool)
        self.used_notes.append(choice)
        return choice

    # --- questions -------------------------------------------------------------------

    def question(self, templates: list[str], obj: str | None, weak_rate: float | None = None,
                 probes: tuple[int, int] = (0, 3), used: list[str] | None = None) -> Question:
        """One question from `templates` (or a weak one), avoiding templates in `used`."""
        rng = self.rng
        if weak_rate is None:
            weak_rate = WORST_WEAK_RATE if self.worst else 0.15
        used = [] if used is None else used
        comment = None
        if rng.random() < weak_rate:
            kind = rng.choice(("leading", "closed", "double", "hypothetical"))
            fresh = [t for t in WEAK[kind] if t not in used] or WEAK[kind]
            tmpl = rng.choice(fresh)
            used.append(tmpl)
            text = self.fill(tmpl)
            if kind == "closed" and rng.random() < 0.2:
                reason = rng.choice(DISABLE_REASONS)
                comment = f"<!-- guidelint-disable-next-line closed-question -- {reason} -->"
        else:
            fresh = ([t for t in templates if t not in used]
                     or [t for t in GENERIC_QUESTIONS if t not in used] or templates)
            tmpl = rng.choice(fresh)
            used.append(tmpl)
            text = self.fill(tmpl)
        if obj is not None and obj in self.objective_ids and rng.random() < 0.3:
            text += f" {{objective={obj}}}"
        elif obj is not None and rng.random() < 0.05:
            text += f" {{objective={rng.choice(self.objective_ids)}}}"
        # mostly the guide's own indent; now and then another one, as in pasted text
        indent = self.indent if rng.random() < 0.92 else rng.choice(("  ", "   ", "    ", "\t"))
        q = Question(text, comment=comment, indent=indent)
        picked: list[str] = []
        for _ in range(rng.randint(*probes)):
            pool = PROBE_EXTRAS if rng.random() < 0.2 else PROBES
            tmpl = rng.choice([p for p in pool if p not in picked])
            picked.append(tmpl)
            q.probes.append(self.fill(tmpl))
        return q

    def add_question(self, section: Section) -> None:
        kind = section.kind
        if kind is None:
            return
        section.questions.append(self.question(kind["q"], kind.get("obj"),
                                               used=section.used))
        section.rendered = None

    # --- sections --------------------------------------------------------------------

    def section_style(self) -> str:
        return self.rng.choice(("numbered", "numbered", "numbered", "dash", "dash", "star",
                                "para"))

    def new_section(self, title: str, box: str, kind: dict | None, level: int = 2) -> Section:
        rng = self.rng
        sec = Section(title=title, box=box, level=level, style=self.section_style(),
                      kind=kind, bold=rng.random() < 0.04)
        if rng.random() < 0.3:
            sec.lead.append(self.fill(self.fresh(TRANSITIONS)))
        if rng.random() < 0.2:
            sec.lead.append(self.fill(self.fresh(ITALIC_NOTES)))
        if rng.random() < 0.15:
            sec.tail.append(self.fill(rng.choice(BRACKET_NOTES)))
        return sec

    def intro_section(self, box: str) -> Section:
        rng = self.rng
        titles = [t for t in INTRO_TITLES if "consent" not in t] if self.worst else INTRO_TITLES
        sec = Section(title=rng.choice(titles), box=box, style=self.section_style(),
                      bold=rng.random() < 0.04)
        script = [
            f"Thanks for taking the time to talk with us today. I'm part of the team that "
            f"works on {self.product}, and we want to learn how people "
            f"{self.fill.focus['workflow']}.",
            f"This takes about {self.duration} minutes.",
            rng.choice([
                "There are no right or wrong answers; we're here to learn from you.",
                "We're not testing you; we're testing our ideas.",
                "Please be candid, you won't hurt anyone's feelings.",
            ]),
        ]
        if not self.worst:  # the worst case says nothing about recording, consent or data
            script.append(rng.choice([
                "May we record the call? The recording stays with our research team and is "
                "deleted after the study.",
                "Is it OK if we record the session? Only the team will see it, and we'll "
                "remove your name from our notes.",
                "With your permission we'd like to record so we don't have to take notes the "
                "whole time. You can ask us to stop recording at any point.",
            ]))
            if self.profile == "case-study":
                script.append("You'll approve the story before anything is published.")
            if rng.random() < 0.6:
                script.append("You can skip any question or stop at any time.")
        wrapped = textwrap.wrap(" ".join(script), width=rng.choice((80, 90, 100)))
        sec.lead.extend("> " + line for line in wrapped)
        if not self.worst and rng.random() < 0.5:
            sec.lead.append("")
            sec.lead.append(self.fill(rng.choice(INTRO_NOTES)))
        picks = rng.sample(INTRO_QUESTIONS, rng.randint(3, 4))
        for tmpl in picks:
            q = self.question([tmpl], None, weak_rate=0.0, probes=(0, 0))
            if tmpl.startswith("Do you have any questions") and rng.random() < 0.3:
                reason = DISABLE_REASONS[0]
                q.comment = f"<!-- guidelint-disable-next-line closed-question -- {reason} -->"
            sec.questions.append(q)
        return sec

    def wrap_section(self, box: str) -> Section:
        rng = self.rng
        sec = Section(title=rng.choice(WRAP_TITLES), box=box, style=self.section_style(),
                      bold=rng.random() < 0.04)
        for tmpl in rng.sample(WRAP_QUESTIONS, rng.randint(3, 4)):
            sec.questions.append(self.question([tmpl], None, weak_rate=0.0, probes=(0, 1)))
        if self.worst:  # no thanks, no next steps
            return sec
        sec.tail.append(rng.choice([
            "> Thank you so much for your time. We'll send the gift card by email this week.",
            "> That's everything from me. Thanks again, this was really useful.",
            "*Stop recording.*",
            "> Thanks for your help today; we'll follow up with next steps.",
        ]))
        return sec

    def task_sections(self, total_minutes: int) -> list[Section]:
        rng = self.rng
        n = rng.randint(2, 4)
        minutes = _allocate(rng, total_minutes, n, ends=False)
        tasks = []
        titles = rng.sample(TASKS, n)
        workflows = rng.sample(self.domain["workflow"], n)
        if self.fill.focus["workflow"] not in workflows:
            workflows[0] = self.fill.focus["workflow"]
        for i, (title, m) in enumerate(zip(titles, minutes), start=1):
            self.fill.pinned = {"workflow": workflows[i - 1],
                                "page": rng.choice(self.domain["page"])}
            kind = {"q": TASK_QUESTIONS, "obj": rng.choice(("findability", "completion",
                                                            "trust"))}
            box = _box_text(rng, m, self.main_box) if rng.random() < 0.95 else ""
            name = rng.choice(("Task {i}: {t}", "Task {i} - {t}", "Task {i}: {t}"))
            sec = Section(title=name.format(i=i, t=self.fill(title)), box=box, level=3,
                          style=self.section_style(), kind=kind)
            sec.lead.append("**Scenario**")
            sec.lead.append(self.fill(rng.choice(SCENARIOS)))
            sec.lead.append("")
            sec.lead.append("PROMPT: " + self.fill(rng.choice(PROMPTS)))
            if rng.random() < 0.3:
                sec.lead.append("")
                sec.lead.append(self.fill(rng.choice(ITALIC_NOTES)))
            for _ in range(3):
                self.add_question(sec)
            tasks.append(sec)
            self.fill.pinned = {}
        return tasks

    def build(self) -> None:
        rng = self.rng
        kinds = SECTIONS[self.profile]
        n = rng.randint(6, 10)
        has_tasks = self.profile == "usability-test"
        middle = n - 2
        chosen: list[dict | str] = []
        if has_tasks:
            picked = rng.sample(range(len(kinds)), min(middle - 1, len(kinds)))
            chosen = [kinds[i] for i in sorted(picked)]
            pre = sum(1 for k in chosen if not k.get("post"))
            chosen.insert(pre, "tasks")
        else:
            picked = rng.sample(range(len(kinds)), min(middle, len(kinds)))
            chosen = [kinds[i] for i in sorted(picked)]
        while len(chosen) < middle:
            chosen.insert(len(chosen) - 1, rng.choice(kinds))
        boost = chosen.index("tasks") + 1 if has_tasks else -1
        minutes = _allocate(rng, self.duration, n, boost=boost)
        # about one guide in five does not add up: a box is off, or one is missing
        mismatch = rng.random() < 0.2
        if mismatch:
            j = rng.randrange(1, n - 1)
            minutes[j] = max(1, minutes[j] + rng.choice((-5, 5, 10, 15)))
        missing = rng.randrange(1, n - 1) if mismatch and rng.random() < 0.3 else -1

        def box(i: int) -> str:
            return "" if i == missing else _box_text(rng, minutes[i], self.main_box)

        self.sections.append(self.intro_section(box(0)))
        seen_titles: dict[str, int] = {}
        for i, kind in enumerate(chosen, start=1):
            if kind == "tasks":
                parent = Section(title=rng.choice(("Tasks", "Usability tasks", "Task walkthrough")),
                                 box=box(i), kind=None, style="dash")
                parent.lead.append(rng.choice([
                    "I'm going to ask you to try a few things. Please think aloud as you go.",
                    "Now I'll share a link and give you a few short tasks. Try to do them as "
                    "you would at home, and tell me what you're thinking.",
                ]))
                parent.subsections = self.task_sections(minutes[i])
                self.sections.append(parent)
                continue
            title = self.fill(rng.choice(kind["titles"]))
            seen_titles[title] = seen_titles.get(title, 0) + 1
            if seen_titles[title] > 1:
                title = f"{title} (part {seen_titles[title]})"
            sec = self.new_section(title, box(i), kind)
            for _ in range(3):
                self.add_question(sec)
            self.sections.append(sec)
        self.sections.append(self.wrap_section(box(n - 1)))

        # extras: observer notes / logistics / code block
        if has_tasks and len(self.sections) < 10 and rng.random() < 0.6:
            obs = Section(title=rng.choice(("Things to watch for", "Observer notes")), box="",
                          style="dash")
            for b in rng.sample(OBSERVER_BULLETS, rng.randint(3, 5)):
                obs.lead.append("- " + self.fill(b))
            self.sections.insert(len(self.sections) - 1, obs)
        if len(self.sections) < 10 and rng.random() < 0.12:
            log = Section(title="Moderator logistics", box="", style="dash")
            pool = [line for line in LOGISTICS if "consent" not in line] if self.worst else LOGISTICS
            log.lead.extend(rng.sample(pool, rng.randint(2, 4)))
            self.sections.insert(0, log)
        if rng.random() < 0.2:
            target = rng.choice(self.sections)
            if target.tail:
                target.tail.append("")
            target.tail.append("```")
            blocks = [b for b in CODE_BLOCKS if not any("ecord" in line for line in b)] if self.worst \
                else CODE_BLOCKS
            target.tail.extend(rng.choice(blocks))
            target.tail.append("```")

        self.header = self.render_header()

    # --- rendering -------------------------------------------------------------------

    def render_header(self) -> list[str]:
        rng = self.rng
        kind_word = {
            "case-study": "case study",
            "user-research": "user research interviews",
            "customer-discovery": "customer discovery",
            "usability-test": "usability test",
        }[self.profile]
        focus = self.fill.focus["workflow"]
        topic = focus[0].upper() + focus[1:]
        title = f"{self.org} — {kind_word}" if self.profile == "case-study" \
            else f"{topic} — {kind_word}"
        lines = ["---", f"title: {title}", f"profile: {self.profile}",
                 f"duration: {self.duration} min",
                 f"participant: {self.role[0].upper() + self.role[1:]}"
                 + (f" at {self.org}" if rng.random() < 0.7 else ""),
                 "objectives:"]
        lines.extend(f"  {oid}: {text}" for oid, text in self.objectives)
        lines.append("---")
        lines.append("")
        h1 = rng.choice([
            f"{title}",
            f"Discussion guide: {topic.lower()}",
            f"{self.product[0].upper() + self.product[1:]} {kind_word} guide",
            f"Interview guide — {self.org}",
        ])
        lines.append(f"# {h1}")
        lines.append("")
        if rng.random() < 0.4:
            lines.append(self.fill(rng.choice([
                "Goal: understand how a {role} tries to {workflow}, and where they run into "
                "{pain}.",
                "This guide is a starting point, not a script. Follow the participant's lead "
                "and come back to the objectives.",
                "Participants: {role}s who had to {workflow} in the last month.",
            ])))
            lines.append("")
        return lines

    def render_section(self, sec: Section) -> list[str]:
        # rendering uses no randomness, so a section can be re-rendered at will
        heading = f"{sec.title}{sec.box}"
        if sec.bold:
            heading = f"**{heading}**"
        out = ["#" * sec.level + " " + heading, ""]
        if sec.lead:
            out.extend(sec.lead)
            out.append("")
        for k, q in enumerate(sec.questions, start=1):
            ind = q.indent
            if q.comment:
                out.append(q.comment)
            if sec.style == "numbered":
                out.append(f"{k}. {q.text}")
                out.extend(f"{ind}- {p}" for p in q.probes)
            elif sec.style in ("dash", "star"):
                marker = "-" if sec.style == "dash" else "*"
                out.append(f"{marker} {q.text}")
                out.extend(f"{ind}{marker} {p}" for p in q.probes)
            else:  # paragraphs; probes as a list right under the paragraph
                out.append(q.text)
                pind = ind if ind in ("  ", "   ") else "  "
                out.extend(f"{pind}- {p}" for p in q.probes)
                out.append("")
        if sec.questions and sec.style != "para":
            out.append("")
        if sec.tail:
            out.extend(sec.tail)
            out.append("")
        for sub in sec.subsections:
            out.extend(self.section_lines(sub))
        return out

    def section_lines(self, sec: Section) -> list[str]:
        if sec.rendered is None:
            sec.rendered = self.render_section(sec)
        return sec.rendered

    def all_sections(self) -> list[Section]:
        out = []
        for s in self.sections:
            out.append(s)
            out.extend(s.subsections)
        return out

    def size(self) -> tuple[int, int]:
        """(bytes, lines) of the rendered guide."""
        lines = list(self.header)
        for s in self.sections:
            lines.extend(self.section_lines(s))
        text = "\n".join(lines).rstrip("\n") + "\n"
        return len(text.encode("utf-8")), text.count("\n")

    def render(self) -> str:
        lines = list(self.header)
        for s in self.sections:
            lines.extend(self.section_lines(s))
        return "\n".join(lines).rstrip("\n") + "\n"

    def invalidate(self, sec: Section) -> None:
        sec.rendered = None
        for s in self.sections:
            if sec in s.subsections:
                s.rendered = None

    # --- sizing ----------------------------------------------------------------------

    def crowd(self, count: int) -> None:
        """Fill one middle section to `count` questions (templates repeat once all are used)."""
        fillable = [s for s in self.all_sections() if s.kind is not None]
        if not fillable:
            return
        sec = self.rng.choice(fillable)
        while len(sec.questions) < count:
            self.add_question(sec)
        self.invalidate(sec)

    def grow_to_bytes(self, target: int) -> None:
        rng = self.rng
        fillable = [s for s in self.all_sections() if s.kind is not None]
        while self.size()[0] < target:
            room = [s for s in fillable if len(s.questions) < 8]
            if not room:
                break
            sec = rng.choice(room)
            self.add_question(sec)
            self.invalidate(sec)
        while self.size()[0] > 7000:
            trim = [s for s in fillable if len(s.questions) > 3]
            probed = [q for s in self.all_sections() for q in s.questions if q.probes]
            if trim:
                sec = max(trim, key=lambda s: len(s.questions))
                sec.questions.pop()
                self.invalidate(sec)
            elif probed:
                q = max(probed, key=lambda q: len(q.probes))
                q.probes.pop()
                for s in self.all_sections():
                    if q in s.questions:
                        self.invalidate(s)
            else:
                break

    def grow_to_lines(self, target: int) -> None:
        rng = self.rng
        fillable = [s for s in self.all_sections() if s.kind is not None]
        nbytes, nlines = self.size()
        while nlines < target:
            room = [s for s in fillable if len(s.questions) < 8]
            if room:
                sec = rng.choice(room)
                before = len(self.section_lines(sec))
                self.add_question(sec)
                self.invalidate(sec)
                nlines += len(self.section_lines(sec)) - before
                continue
            # every section is full: add an untimed ### subsection under a ## section
            parents = [s for s in self.sections if s.kind is not None]
            if not parents:
                break
            parent = rng.choice(parents)
            kind = parent.kind
            topics = ["Follow-up on {artifact}", "More on {pain}", "Deep dive: {workflow}",
                      "About {tool}", "Working with {team}", "Keeping track of {metric}",
                      "When things go wrong", "Edge cases", "A recent example"]
            pool = kind["titles"] if rng.random() < 0.2 else topics
            title = self.fill(rng.choice(pool))
            sub = self.new_section(title, "", kind, level=3)
            count = rng.randint(3, 8)
            for _ in range(count):
                self.add_question(sub)
            parent.subsections.append(sub)
            before = len(self.section_lines(parent))
            parent.rendered = None
            nlines += len(self.section_lines(parent)) - before
        # too long already (a small L): drop extra questions, then probes
        while nlines > target:
            trim = [s for s in fillable if len(s.questions) > 3]
            if trim:
                sec = max(trim, key=lambda s: len(s.questions))
                sec.questions.pop()
            else:
                probed = [(s, q) for s in self.all_sections() for q in s.questions if q.probes]
                if not probed:
                    break
                sec, q = max(probed, key=lambda sq: len(sq[1].probes))
                q.probes.pop()
            self.invalidate(sec)
            nlines = self.size()[1]


def generate_guide(rng: random.Random, index: int, target_lines: int | None = None,
                   worst: bool = False) -> str:
    """Return one guide's text. Default size 3-7 KB; with `target_lines`, about that many lines.
    With `worst`, the worst case (see the module's docs): its shape is drawn here when no
    `target_lines` is given."""
    builder = GuideBuilder(rng, index, worst=worst)
    builder.build()
    shape = "default"
    if worst and target_lines is None:
        shape = rng.choice(("default", "default", "default", "long", "crowded"))
        if shape == "long":
            target_lines = WORST_LINES
    if target_lines is None:
        builder.grow_to_bytes(rng.randint(3300, 6600))
    else:
        builder.grow_to_lines(target_lines)
    if shape == "crowded":
        builder.crowd(WORST_CROWD)
    return builder.render()


def write_corpus(out_dir: str | Path, count: int, seed: int = 0,
                 target_lines: int | None = None, worst: bool = False) -> list[Path]:
    """Write `count` guides into `out_dir`; same seed, same bytes."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(1, count + 1):
        text = generate_guide(rng, i, target_lines, worst=worst)
        path = out / f"guide-{i:05d}.guide.md"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="directory to write the guides into")
    parser.add_argument("--count", type=int, required=True, help="number of guides")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--lines", type=int, default=None,
                        help="make each guide about this many lines instead of 3-7 KB")
    parser.add_argument("--worst", action="store_true",
                        help="the worst case: weak guides without consent, data-use or wrap-up text, "
                             "long guides and crowded sections")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be >= 0")
    paths = write_corpus(args.out_dir, args.count, args.seed, args.lines, worst=args.worst)
    total = sum(p.stat().st_size for p in paths)
    mean = total / len(paths) if paths else 0
    print(f"{len(paths)} files, {total} bytes total, mean {mean:.0f} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
