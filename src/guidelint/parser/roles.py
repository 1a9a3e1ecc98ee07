"""Line roles: what each section and each line of a guide is for, as a reader sees it.

Wording rules judge questions to the participant, and nothing else: a usability task worded
as a polite question ("Could you return to the home page?"), a consent check ("Is it OK if I
record?"), an observer's answer key ("Were they able to find it? [Y][N]") or a hint for a
stuck participant are read for what they are. Each node gets a ``role`` and the reason it was
given (``why``), so the rules, the editor, the language server and the review copy all read
the same answer, and ``guidelint check --explain-roles`` can show it.

Sections take a role from their heading only when the heading names the section's purpose
("Moderator logistics", "Things to watch for", "Screener"); the guide's title never does,
whatever words its name holds ("Northwind Logistics case study").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from guidelint.model import (
    Guide,
    Node,
    Note,
    Question,
    Role,
    Section,
    SectionRole,
    Task,
    Text,
)
from guidelint.pattern_cache import LazyPattern
from guidelint.questions.logistics import is_logistics_sentence as _is_logistics
from guidelint.questions.logistics import is_plain_yes_no as _plain_yes_no
from guidelint.questions.text import addresses_them

# The line roles as module names for the reader's loops below: a member read off its enum goes
# through the enum metaclass's __getattr__ hook in Python 3.11 (about 150 ns, a module name about
# 20), and the reader compares and sets them some thousands of times a guide
_ASSIST, _DEBRIEF, _LOGISTICS, _MATERIAL, _NOTE, _OBSERVER, _OPTIONS, _PROBE, _QUESTION, _TASK, _TEXT = (
    Role.ASSIST, Role.DEBRIEF, Role.LOGISTICS, Role.MATERIAL, Role.NOTE, Role.OBSERVER, Role.OPTIONS, Role.PROBE,
    Role.QUESTION, Role.TASK, Role.TEXT)

# ---- sections --------------------------------------------------------------------------------

# "Section 2:", "Part B -", "1a)", "Step 3." in front of a heading's name
_NUMBERING = re.compile(
    r"^(?:(?:section|part|step|phase|stage|module|appendix)\s*[\w.]{0,4}\s*[:.)\-–—]\s*"
    r"|\d{1,2}[a-z]?\s*[.):\-–—·•|]\s*|[ivx]{1,4}[.)]\s+)",
    re.IGNORECASE,
)
# What a remote session runs on, as set up before the questions start
_KIT = (r"(?:screen\s*readers?|zoom|teams|webex|the\s+call|audio|sound|video|cameras?|microphones?|mics?|devices?|tech(?:nology)?"
        r"|equipment|recording|screen\s*shar(?:e|ing)|sharing|(?:the\s+)?links?|browsers?|headphones|headsets?"
        r"|(?:screen\s+)?magnifiers?)")
_PURPOSES: tuple[tuple[str, str], ...] = (
    (SectionRole.OBSERVER,
     r"(?:key\s+)?things?\s+to\s+(?:watch|look|listen|notice)\s*(?:for|out\s+for|out)?|what\s+to\s+(?:watch|look|listen)\s+for"
     r"|observers?(?:'s?)?(?:\s+(?:notes?|instructions|guide|guidelines|checklists?|questions|sheets?|forms?|grids?|templates?))?"
     r"|observe(?:\s+(?:for|this|these|and\s+note))?"
     r"|note[- ]?tak(?:ers?|ing)(?:'s?)?(?:\s+(?:(?:capture|observation|recording)\s+)?(?:notes?|guide|template|sheet|grid|form"
     r"|checklists?|instructions|briefing|brief))?"
     # the team's own form for the notes: "Notes doc template", "Notes template", "Template for notes"
     r"|notes?(?:\s+(?:doc|document|sheet|capture))?\s+template|templates?\s+for\s+(?:the\s+)?notes"
     r"|listen\s+for|success\s+criteria|listener(?:'s|s')?\s+(?:sheet|notes?|guide|grid|form)"
     r"|back[- ]?room(?:\s+(?:notes?|checklists?|observers?|team|questions|channel))?"
     r"|notes\s+for\s+(?:the\s+)?(?:observers?|note[- ]?takers?|viewing\s+room|observation\s+room|back\s*room)"
     r"|(?:viewing|observation|observers?(?:'s?)?)[- ]room(?:\s+(?:notes?|guide|briefing|instructions|checklist))?"
     r"|client[- ]room(?:\s+(?:notes?|guide|briefing|instructions|checklist))?|notes\s+for\s+(?:the\s+)?clients?(?:\s+room)?"
     # the note-taker's log of quotes for the story: "Quote-capture notes (Aisha)", "Quote log"
     r"|quotes?[- ]capture(?:\s+(?:notes?|table|sheet|log|grid))?|quotes?\s+(?:log|bank|sheet|table|tracker)"
     # the quotes the story needs, ticked off as they come: "MUST-GET QUOTES (tick off live)"
     r"|must[- ](?:get|have)\s+quotes?|quotes?\s+(?:we\s+)?(?:need|want|must\s+get)|key\s+quotes?\s+to\s+(?:get|capture)"
     # the film or photo crew's own list: "PHOTO SHOOT", "Shot list", "B-roll"
     r"|photo(?:graphy)?\s+shoot|(?:photo|video)\s+(?:notes?|brief)|shot\s+list|b-?roll(?:\s+(?:list|notes?))?"),
    (SectionRole.DEBRIEF,
     r"(?:team|internal|observers?|research\s+team|note[- ]?takers?(?:'s)?|car|quick|hot|post[- ]visit|daily|weekly"
     r"|end[- ]of[- ](?:day|visit|session))\s+debrief(?:ing)?(?:\s+(?:questions|notes))?"
     r"|end\s+of\s+(?:each|the|every)\s+(?:[\w-]+\s+)?(?:session|interview|call|visit|day|shift)"
     r"|after\s+(?:(?:the|each|every|all(?:\s+(?:of\s+)?the)?)\s+)?(?:session|interview|call|visit|workshop|chat|conversation"
     r"|intercept|shift|group|stall|doorstep|one)s?"
     r"(?:\s*[:\-–—]\s*[\w\s'-]{1,40})?"
     r"|synthesis\s+(?:prompts|questions|notes)"
     r"|post[- ](?:session|interview|call)(?:\s+(?:notes?|steps|debrief|checklist))?|synthesis"
     r"|analysis(?:\s+(?:notes|plan|guide|prompts|questions))?|notes\s+for\s+(?:the\s+)?analysis"),
    (SectionRole.MATERIAL,
     r"purpose(?:\s+of\s+(?:the|this)\s+(?:study|research|guide|interview|session))?"
     r"|(?:research|study|project|learning)\s+(?:goals?|objectives?|plan|overview|details)"
     r"|(?:goals?|objectives?)(?:\s+(?:and|&)\s+(?:research\s+)?(?:questions|hypothes[ie]s|assumptions))?"
     r"|hypothes[ie]s|assumptions|methodology|method"
     r"|(?:target\s+)?participants?(?:\s+(?:criteria|profile|recruitment|screener|list))?|recruit(?:ment|ing)(?:\s+criteria)?"
     r"|screener(?:\s+questions)?|screening\s+(?:questions|criteria)|(?:inclusion|exclusion)\s+criteria"
     r"|consent\s+form|appendix(?:\s+\w+)?|red\s+flags|note[- ]?taking\s+template|templates?"
     r"|(?:field|observation)\s+notes?(?:\s+(?:template|sheet|grid|form))?|notes?\s+(?:template|sheet|grid)"
     # what is sent, not said: "Intro email (ready to paste)", "Follow-up email template"
     r"|(?:intro(?:duction|ductory)?|invit(?:ation|e)|outreach|recruitment|follow[- ]?up|thank[- ]you|confirmation|reminder|scheduling)"
     r"\s+e-?mails?(?:\s+(?:template|text|copy|draft))?|e-?mail\s+(?:template|text|copy|draft)s?"
     r"|notes?\s+for\s+(?:the\s+)?(?:writers?|editors?|authors?|designers?|developers?|engineers?|stakeholders?|clients?"
     r"|product\s+team"
     r"|marketing(?:\s+team)?|case[- ]study\s+writers?)"
     r"|(?:helpful\s+)?(?:links?|resources)(?:\s+(?:and|&)\s+(?:links?|resources))?|timeline"
     r"|about\s+(?:this|the)\s+(?:study|guide|research|document)|table\s+of\s+contents|contents|jump\s+to"
     r"|(?:questions|phrases|things)\s+(?:to\s+avoid|(?:(?:i|we|you)\s+)?(?:must|should|do|wo|will)?\s*n(?:o|'|’)t\s+(?:to\s+)?(?:ask|say))"
     r"(?:\s+[\w'-]+){0,4}"
     r"|what\s+we(?:'re|’re|\s+are)\s+(?:trying|hoping|here)\s+to\s+(?:learn|find\s+out|understand)"
     r"|(?:what|things|questions)\s+we\s+(?:want|need|hope)\s+to\s+(?:learn|find\s+out|know|understand)"
     # ("What we need to find out this round")
     r"(?:\s+(?:(?:in|for)\s+)?(?:this|the)\s+(?:round|time|study|sprint|phase|session|project))?"
     r"|what\s+(?:the|this|these|our)\s+(?:visits?|sessions?|interviews?|study|research|calls?|conversations?)\s+"
     r"(?:should|will|must|need\s+to|are\s+(?:meant|supposed)\s+to)\s+(?:let\s+us\s+|help\s+us\s+)?(?:answer|tell\s+us|show\s+us|learn|find\s+out)"
     r"|what\s+not\s+to\s+(?:ask|say)|(?:bad|leading|poor|weak)\s+questions(?:\s+[\w'’()-]+){0,6}"
     r"|why\s+we(?:'re|’re|\s+are)\s+doing\s+this(?:\s+(?:study|research|work))?"
     r"|diary\s+(?:prompts|entries|tasks|questions)(?:\s*[(\[][^)\]]{1,30}[)\]])?|homework|pre-?work|between\s+(?:the\s+)?sessions"
     r"|(?:also\s+)?(?:(?:don'?t|do\s+not|never)\s+(?:ask|say)(?:\s+[\w'-]+){0,4}|avoid(?:\s+(?:asking|saying))?)"
     r"|don'?ts|don'?t|do'?s\s+(?:and|&)\s+don'?ts"  # a list of what not to do
     r"|who\s+(?:we(?:'re|’re|\s+are)|i(?:'m|\s+am))\s+(?:talking|speaking)\s+(?:to|with)|who\s+we(?:'re|\s+are)\s+interviewing|interviewees"
     r"|(?:key\s+)?research\s+questions(?:\s+for\s+(?:the|this)\s+(?:round|study|project|sprint|phase|research))?"
     r"|questions\s+(?:we\s+want|for\s+(?:the|this)\s+(?:study|research))\s*(?:to\s+answer)?"
     r"|(?:session|interview|study)\s+plan|plan|the\s+plan|plan\s+at\s+a\s+glance|timings?|running\s+order|run\s+sheet"
     r"|safety(?:\s+(?:notes?|protocol|plan|information))?|(?:safeguarding|wellbeing|distress)\s+(?:notes?|protocol|plan)"),

    (SectionRole.LOGISTICS,
     r"(?:moderator|facilitator|session|study|interview|research|pre[- ]session)?\s*logistics"
     # the ask that comes after the interview's questions: "Referral ask (3 min)" (not "Quote asks": they
     # are questions fishing for the story's lines, and read as such)
     r"|referral\s+(?:asks?|requests?)"
     r"|moderator(?:'s)?\s+(?:notes?|instructions|checklist|prep(?:aration)?|script\s+notes|guide)"
     r"|(?:interviewer|facilitator)(?:'s)?\s+(?:notes?|instructions|checklist|prep(?:aration)?)(?:\s+(?:per|for|by"
     r"|at)\s+(?:each\s+)?[\w-]+)?"
     r"|(?:session\s+|tech(?:nical)?\s+)?set[- ]?up(?:\s+checklist)?|before\s+the\s+(?:session|interview|call|visit)"
     r"|before\s+you\s+(?:start|begin)"  # said to the interviewer (not "Before you go": the close)
     r"|pre[- ]?(?:session|interview|call)(?:\s+(?:checklist|steps|prep))?|(?:session\s+)?prep(?:aration)?"
     r"|materials(?:\s+needed)?|emergency\s+(?:exit|stop|plan|protocol|script)(?:\s+(?:strateg(?:y|ies)|plans?|scripts?))?"
     r"|(?:pause\s+(?:or|and|&)\s+)?exit\s+(?:strateg(?:y|ies)|plans?|scripts?)|(?:session\s+)?agenda|approved\s+by|approvals?|sign[- ]?offs?"
     r"|(?:general\s+|interview(?:er|ing)?\s+|moderat\w+\s+)?tips(?:\s+for\s+[\w\s]{1,30})?|how\s+to\s+use\s+this(?:\s+\w+)?"
     r"|tech(?:nical)?\s+checks?|(?:at|assistive[- ]tech(?:nology)?|audio|sound|mic|camera|screen[- ]?reader)\s+checks?"
     r"|checklists?|notes\s+for\s+(?:the\s+)?(?:moderator|facilitator|interviewer)s?|research(?:er)?\s+notes|day\s+of(?:\s+the\s+session)?"
     r"|(?:phrasing\s+)?(?:reminders|guidance|pointers)\s+for\s+(?:the\s+)?(?:interviewers?|moderators?|facilitators?)"
     r"|\d+\s*[-–]?\s*\d*\s+days?\s+before(?:\s+the\s+session)?|starting\s+the\s+session|reminders"
     r"|on\s+arrival|arrival|when\s+(?:you|we)\s+arrive"
     # the site's own contact, asked to set the visit up: "Ask the duty manager:", "Check with the site contact"
     r"|(?:ask|check\s+with|confirm\s+with)\s+(?:the\s+)?(?:duty|site|store|shift|venue|practice|office|branch|on-?site)\s+"
     r"(?:manager|contact|lead|supervisor|coordinator|host)(?:\s+[\w'-]+){0,4}"
     # why the study talks to these people, for the team: "Why we're talking to lawyers"
     r"|why\s+we(?:'re|\s+are)\s+(?:talking|speaking)\s+to\s+[\w\s-]{1,30}"
     # the team's own list of things to sort out: "TODO", "To-do list", "Open items"
     r"|to[- ]?dos?(?:\s+list)?|open\s+(?:items|actions|to[- ]?dos?)|action\s+items|notes?\s+to\s+(?:self|myself)"
     # the call's own set-up: "Setting up the screen reader and sharing", "Checklist for remote participants"
     rf"|(?:setting|set)[- ]?up\s+(?:the\s+|your\s+)?{_KIT}(?:\s*(?:&|and|,)\s*(?:the\s+|your\s+)?{_KIT})*"
     r"|checklists?\s+for\s+(?:the\s+)?(?:[\w-]+\s+){0,3}"
     r"(?:participants?|users?|sessions?|calls?|moderators?|facilitators?|devices?)"),
)
# The heading must *be* the purpose, give or take two qualifying words in front ("Moderator
# logistics", "Project-specific setup") and a second purpose after "and" ("Logistics and
# set-up"): "Meal preparation habits" and "Emergency room nurses" name topics.
_QUALIFIERS = (
    r"(?:(?:moderator|moderator's|facilitator|session|study|interview|interviewer|research|researcher|team|general|key"
    r"|pre-session|the|our|project|project-specific|technical|tech|helpful|internal|additional|important|initial|final"
    r"|target|optional|a|for|useful|quick|detailed|full|same-day|same\s+day|end-of-day|daily|weekly|post-visit|on-site"
    r"|observer|observer's|observers'|note-taker's|shared)\s+){0,2}"
)
# One purpose with its qualifiers; a heading is one or more of them joined by "and", "&", "/" or
# ",". The join is matched piece by piece below, not as a repeated group, because qualifiers and
# purposes overlap ("research" + "goals" or "research goals") and a repeated group would try every
# split: 24 repeats took 34 seconds.
_PURPOSE_RES = tuple((role, re.compile(rf"{_QUALIFIERS}(?:{pattern})", re.IGNORECASE)) for role, pattern in _PURPOSES)
# (a dash joins two names of one purpose too: "BACK ROOM — NOTES FOR OBSERVERS")
_JOIN = re.compile(r" ?(?:\band\b|&|/|,) ?| - ", re.IGNORECASE)
# no heading that names a purpose is longer; longer ones name a topic, and the cap keeps every
# pattern below on a short string
_LONGEST_PURPOSE = 120


def _joined_fullmatch(rx: re.Pattern, name: str, joins: list[re.Match[str]]) -> bool:
    """Whether ``name`` is purposes matched by ``rx`` joined by "and", "&", "/" or "," (``joins``,
    found once for every pattern): which joins split the name is found by reachability over the
    joins, at most quadratic in their number, which the length cap keeps small."""
    starts = [0] + [m.end() for m in joins]
    ends = [m.start() for m in joins] + [len(name)]
    reached = [True] + [False] * len(joins)  # reached[i]: name[:starts[i]] is purposes and a join
    for i, start in enumerate(starts):
        if not reached[i]:
            continue
        for j in range(i, len(ends)):
            if j < len(joins) and reached[j + 1]:
                continue
            if rx.fullmatch(name, start, ends[j]):
                if j == len(joins):
                    return True
                reached[j + 1] = True
    return False


# Said of a part that happens after the participant has gone: "(after participant leaves)", "(not
# part of the hour)"; read both as whom a bracket is for and anywhere in a heading's brackets
_THEY_HAVE_GONE = (r"after\s+(?:the\s+)?(?:participants?|interviewees?|customers?|users?)\s+"
                   r"(?:leaves?|has\s+left|have\s+left|goes|go)"
                   r"|not\s+part\s+of\s+the\s+(?:hour|session|call|interview|time)")
# A heading that says in brackets whom it is for, when that is not the participant
_NOT_FOR = (
    r"(?:not\s+for\s+(?:the\s+)?(?:participants?|interviewees?|interview|session|respondents?|customers?|users?)"
    rf"|{_THEY_HAVE_GONE}"
    r"|(?:internal|team)(?:\s+only)?|(?:moderator|facilitator|researcher|interviewer|observer)s?(?:'s)?\s+(?:only|notes?)"
    r"|for\s+(?:the\s+)?(?:team|moderators?|facilitators?|interviewers?|observers?|researchers?|note[- ]?takers?)(?:\s+only)?"
    r"|do\s+not\s+read(?:\s+(?:aloud|out))?|don'?t\s+read(?:\s+(?:aloud|out))?"
    # "(read this if you're new!)": guidance for the team
    r"|read\s+(?:this|me)\s+(?:first|if\s+you(?:'re|\s+are)\s+new|before\s+(?:the\s+|each\s+)?(?:session|call|visit|interview)s?)!?"
    # "(internal — don't share with customer)"
    r"|(?:do\s+not|don'?t|never)\s+(?:share|show|send)(?:\s+(?:this|it))?(?:\s+with\s+(?:the\s+)?(?:customers?|participants?"
    r"|clients?|interviewees?|respondents?|users?))?"
    r"|(?:do\s+not|don'?t|never)\s+ask(?:\s+(?:these|this|them|it))?(?:\s+(?:directly|aloud|out\s+loud|as\s+written))?)"
)
_FOR_THE_TEAM = re.compile(r"(?<=\w)\s+for\s+(?:the\s+)?(?:interviewers?|moderators?|facilitators?|researchers?|note[- ]?takers?"
                           r"|observers?|mod|nt)$", re.IGNORECASE)
# Rules named for whoever leads ("Ground rules (interviewer)"); a bare leader's name after another
# heading says who leads that part ("Warm-up (interviewer) (5 min)"), which stays the session
_RULES_FOR_THE_LEADER = re.compile(
    r"(?:ground\s+|house\s+|interview\s+)?(?:rules|guidelines|principles|do'?s\s+and\s+don'?ts)\s*"
    r"[(\[]\s*(?:the\s+)?(?:moderator|facilitator|researcher|interviewer)s?(?:'s)?\s*[)\]]", re.IGNORECASE)
# a bracket that opens by naming whom it is for: "(team only, within the hour)"
_AUDIENCE_FIRST = LazyPattern(rf"[(\[]\s*{_NOT_FOR}\s*[,;)\]]", re.IGNORECASE)
# ("(team only, not for the participant)" says it twice)
# a part labelled with the team member it is for, then what it holds
_OBSERVER_LABEL = re.compile(r"(?:note[- ]?takers?|observers?|back[- ]?room)(?:'s|s')?\s*:\s*\S", re.IGNORECASE)
# notes addressed to people by their first names, as a small team writes to itself
_NOTES_FOR_NAMED = re.compile(r"(?i:notes?|reminders?|tips)\s+(?i:for|to)\s+[A-Z][a-z]+(?:\s*(?:/|&|\+|,|and)\s*[A-Z][a-z]+)*")
_THE_PARTICIPANT_NAMED = re.compile(r"\b(?:participants?|customers?|users?|respondents?|interviewees?|guests?|clients?|parents?"
                                    r"|patients?|residents?|members?|everyone|all)\b", re.IGNORECASE)
# ("Team" alone may name a topic: "Team" in a case study about the customer's team)
_AUDIENCE_ALONE = re.compile(rf"(?!team$){_NOT_FOR}", re.IGNORECASE)
_NOT_FOR_PARTICIPANT = re.compile(rf"[(\[]\s*{_NOT_FOR}(?:\s*[,;\-–—]\s*{_NOT_FOR})*\s*[)\]]", re.IGNORECASE)


# a debrief's bracket that names only the team: "Debrief (moderator + observer, straight after)"
_TEAM_ROLE = (r"(?:the\s+)?(?:moderators?|observers?|note[- ]?takers?|researchers?|interviewers?|facilitators?|team"
              r"|client(?:\s+team)?)")
_TEAM_NAMED = LazyPattern(rf"[(\[]\s*{_TEAM_ROLE}(?:\s*(?:\+|&|and|,|/)\s*{_TEAM_ROLE})*\s*(?:[,;][^()\[\]]*)?[)\]]",
                          re.IGNORECASE)
# a debrief held once the session is over: "Debrief (Ruth + Tomasz, straight after)"; a debrief in
# the session's plan is timed, not "after"
_STRAIGHT_AFTER = LazyPattern(
    r"[(\[][^()\[\]]*?\b(?:straight|right|immediately|directly|just)\s+after(?:wards)?\b[^()\[\]]*[)\]]", re.IGNORECASE)
# said anywhere in a heading's brackets: the part happens after the participant has gone
_AFTER_THEY_GO = re.compile(
    r"[(\[]\s*(?:the\s+|research\s+)?team\s*[,;][^()\[\]]*[)\]]"  # "(team, after each Part 2)"
    rf"|[(\[][^()\[\]]*?\b(?:{_THEY_HAVE_GONE}"
    r"|after\s+(?:we\s+)?(?:leave|leaving|have\s+left)"
    r"|after\s+(?:the|each|every)\s+(?:session|visit|call|interview)s?)\b[^()\[\]]*[)\]]",
    re.IGNORECASE)


# A heading that is only "Notes" ("Raw notes", "Session notes"): the page where the team writes,
# which no purpose above names alone (it is a topic word only in "Notes on pricing")
_BARE_NOTES = re.compile(r"(?:(?:raw|rough|my|our|session|interview|general|extra|other|misc\.?)\s+)?notes?", re.IGNORECASE)
_OBSERVER_RX = next(rx for role, rx in _PURPOSE_RES if role == SectionRole.OBSERVER)


def _notes_area(name: str) -> bool:
    """"Notes" alone, or joined to the note-taker's other purposes ("notes / note-taker")."""
    parts = [p.strip() for p in _JOIN.split(name)]
    return any(_BARE_NOTES.fullmatch(p) for p in parts) and all(
        _BARE_NOTES.fullmatch(p) or _OBSERVER_RX.fullmatch(p) for p in parts)


def heading_purpose(title: str) -> tuple[str, str] | None:
    """The role a heading names ("Moderator logistics" -> logistics), with its words; None
    for a heading that names a topic ("Meal preparation habits", "Emergency room nurses")."""
    if len(title) > 4 * _LONGEST_PURPOSE:  # markup and emoji aside, far too long to be a purpose
        return None
    return _purpose_of(title)


# Headings recur (every guide has its "Introduction" and "Wrap-up", and the editor parses the same
# guide again at each change), and the answer depends on the words alone; the length cap above
# keeps what the cache holds small
@lru_cache(maxsize=2048)
def _purpose_of(title: str) -> tuple[str, str] | None:
    # emoji and symbols ("Moderator logistics 📋✅"); a long dash separates as "-" does ("Part 2 — Homework")
    name = re.sub(r"[^\w\s'’&/,:.()\[\]·•-]", " ", title.replace("—", "-").replace("–", "-"))
    name = re.sub(r"\s+", " ", name)  # first, so no pattern below meets a run of spaces
    if re.match(r"appendix\b", name.strip(" *_#:.-–—"), re.IGNORECASE):  # "Appendix B: Benefits glossary"
        return SectionRole.MATERIAL, name.strip(" *_#:.-–—")
    name = _NUMBERING.sub("", name.strip(" *_#:.-–—")).strip(" *_:.-–—")
    gone = _AFTER_THEY_GO.search(name)
    if gone is not None:  # "Debrief (straight after, 10 min, not part of the call)"
        return SectionRole.DEBRIEF, gone.group().strip()
    audience = _NOT_FOR_PARTICIPANT.search(name)
    name = re.sub(r"[(\[][^()\[\]]*[)\]]\s*$", "", name).strip()  # "(CERNER ONLY)", "(optional)"
    name = re.sub(r",?\s+(?:and|&)\s+why$", "", name, flags=re.IGNORECASE)  # "Questions to avoid, and why"
    # and whom a purpose is for, after it: "Safeguarding notes for the interviewer"
    for name in dict.fromkeys((name, _FOR_THE_TEAM.sub("", name))):
        if len(name) <= _LONGEST_PURPOSE:
            joins = list(_JOIN.finditer(name))
            for role, rx in _PURPOSE_RES:
                if (_joined_fullmatch(rx, name, joins) if joins else rx.fullmatch(name)):
                    return role, name
    if _notes_area(name):
        return SectionRole.OBSERVER, name  # "Notes", "Raw notes", "notes / note-taker": where the team writes
    if re.fullmatch(r"after(?:wards)?", name, re.IGNORECASE) and re.search(r"[(\[][^()\[\]]*[A-Za-z][^()\[\]]*[)\]]", title):
        return SectionRole.DEBRIEF, title.strip()  # "After (Dana + Kwame, within the hour)": the team's, once they have gone
    if re.fullmatch(r"(?:\w+\s+){0,2}debrief(?:ing)?(?:\s+\w+){0,3}", name, re.IGNORECASE):
        # "Debrief (team only)", "Debrief (team only, within the hour)", "Debrief in the car (internal)"
        whose = audience or _AUDIENCE_FIRST.search(title) or _TEAM_NAMED.search(title) or _STRAIGHT_AFTER.search(title)
        if whose is not None:
            return SectionRole.DEBRIEF, whose.group().strip("()[] ,;")
    if _RULES_FOR_THE_LEADER.fullmatch(title.strip(" *_#:")):
        return SectionRole.LOGISTICS, title.strip(" *_#:")  # "Ground rules (interviewer)": rules the interviewer keeps
    if _OBSERVER_LABEL.match(name):
        return SectionRole.OBSERVER, name  # "Note-taker: after the crew leave": the part named for whom it is
    if _NOTES_FOR_NAMED.fullmatch(name) and not _THE_PARTICIPANT_NAMED.search(name):
        return SectionRole.LOGISTICS, name  # "Notes for Jess/Ollie": the team, by their first names
    if _AUDIENCE_ALONE.fullmatch(name):
        return SectionRole.MATERIAL, name  # "For the team", "Internal only": whom it is for is all it says
    if audience:  # "Notes (not for the interview)", "Read first (moderator)": whatever the name says
        moderator = re.search(r"moderator|facilitator|interviewer", audience.group(), re.IGNORECASE)
        return (SectionRole.LOGISTICS if moderator else SectionRole.MATERIAL), audience.group().strip("()[] ")
    return None


# "6. Session plan (20 minutes)" over "Part B: Warm-up (3 min)"…: the plan is the session, part by part
_THE_PLAN_ITSELF = LazyPattern(r"\b(?:session|interview|visit|call)\s+(?:plan|flow|script|running\s+order)|running\s+order"
                               r"|run\s+sheet",
                               re.IGNORECASE)


def section_role(title: str, parent: Section | None, *, is_title: bool, is_task: bool = False,
                 timed: bool = False, box: str = "") -> tuple[str, str]:
    """A new section's role and why, from its heading (its title, and the words of its time
    box: "DEBRIEF (team, 15 min after)") and the section it sits in."""
    if is_title:
        return SectionRole.SESSION, "the guide's title"
    purpose = None if is_task else heading_purpose(title)
    if purpose is None and not is_task and box[:1] in ("(", "[") and re.search(r"[^\W\d]{4,}", box):
        purpose = heading_purpose(f"{title} {box}")
    if parent is not None and parent.role != SectionRole.SESSION:
        # "## Moderator prep" then "### 1. Intro & consent (5 min)", one level down (an exported
        # page nests everything under its last heading): a timed part that names no purpose of its
        # own is the session going on, not more preparation
        if timed and purpose is None and parent.role in (SectionRole.LOGISTICS, SectionRole.MATERIAL) \
                and (parent.heading.timebox is None or _THE_PLAN_ITSELF.search(parent.title)):
            return SectionRole.SESSION, f"a timed part of the session, though under '{parent.title}'"
        if (purpose is None and parent.role == SectionRole.MATERIAL and _NUMBERING.match(title)
                and _THE_PLAN_ITSELF.search(parent.title)
                and (parent.parent is None or parent.parent.role == SectionRole.SESSION)):
            # "## Session plan" (its table of timings) then "### 1. Straight in (15)": the plan's parts, one by one
            return SectionRole.SESSION, f"a numbered part of '{parent.title}'"
        return parent.role, f"inside '{parent.title}'"
    if purpose is not None:
        role, words = purpose
        if timed and _A_TOPIC_WHEN_TIMED.fullmatch(words):
            # "2. Timeline (30 min)" in a switch interview: the story asked for, timed as the session's
            # parts are (a project's timeline has no minutes)
            return SectionRole.SESSION, f"a timed part of the session ('{words}')"
        return role, f"the heading names it ('{words}')"
    return SectionRole.SESSION, ""


_A_TOPIC_WHEN_TIMED = re.compile(r"(?:the\s+|your\s+)?timeline", re.IGNORECASE)


# minutes a question of such a format takes: a quick one, in the shopper's aisle or on the phone
SHORT_FORMAT_MINUTES = 0.5
# Formats whose sessions are short by design: "Unmoderated test", "Intercept interviews",
# "Guerrilla testing", "Kick-off call", "Detractor call-backs"
_SHORT_FORMAT = re.compile(
    r"\b(?:unmoderated|self-?guided|intercepts?|guerr?illa|hallway\s+test\w*|first-?click|five-second|5-second"
    r"|kick-?off\s+(?:call|session)s?|onboarding\s+call|check-?in\s+call|pop-?up\s+test\w*"
    r"|call-?backs?|call\s+backs?|(?:nps|csat|survey|detractor)\s+(?:follow-?ups?|calls?)|quick\s+calls?"
    r"|(?:cancellation|churn|exit|win-?back|courtesy|welcome|feedback)\s+(?:phone\s+)?calls?"
    # a few minutes caught where people are: "market stall chats", "doorstep chats", "vox pops"
    r"|(?:stall|stallholder|street|doorstep|door-?to-?door|canteen|corridor|platform|queue|counter|kerbside)\s+chats?"
    r"|quick\s+chats?|vox\s+pops?"
    # a visitor asked on the way out: "Exit interview: the new gallery", "exit survey"
    r"|exit\s+(?:interviews?|surveys?|intercepts?)"
    r"(?=\s*[:\-–—]|\s*$|\s+(?:at|with)\s+(?:the\s+)?(?:visitors?|gallery|museum|store|shop|door|gate|venue)))\b",
    re.IGNORECASE)


def short_format(guide: Guide) -> bool:
    """The guide's title names a format short by design (an intercept, a call-back)."""
    title = next((s.title for s in guide.iter_sections() if s.heading is not None), None)
    if title is not None and _names_a_short_format(title):
        return True
    # a guide without a Markdown title names itself in its first lines ("…VISITOR RESEARCH / Exit interview: …",
    # "DOORSTEP INTERCEPT: NEW THREE-BIN COLLECTION" above "INTRO (1 min)")
    first_lines = " ".join(guide.source.lstrip()[:240].split("\n")[:2])
    return first_lines.strip() != (title or "").strip() and _names_a_short_format(first_lines)


def short_part(section: Section) -> bool:
    """The part's own heading, or one above it, names a short format: "Script A: Gallery
    intercept (10 minutes)" in a guide that also holds a longer visit."""
    return any(_names_a_short_format(s.title) for s in (section, *section.ancestors()) if s.heading is not None)


# Two rules ask of every section and of each one above it, four times a check; the answer depends
# on the title's words alone, and a team's titles repeat ("Introduction", "Warm-up")
@lru_cache(maxsize=4096)
def _names_a_short_format(title: str) -> bool:
    return _SHORT_FORMAT.search(title) is not None


# ---- lines ------------------------------------------------------------------------------------

_SECTION_TO_LINE = {
    SectionRole.LOGISTICS: Role.LOGISTICS,
    SectionRole.OBSERVER: Role.OBSERVER,
    SectionRole.DEBRIEF: Role.DEBRIEF,
    SectionRole.MATERIAL: Role.MATERIAL,
}

# Verbs that ask the participant to act on the screen, not to answer: "Could you return to…",
# "Can you find…", "Please go ahead and click…".
_ACTION_VERBS = (
    r"return|go(?:\s+(?:back|ahead|to|into|through|and))?|get\s+(?:back|to)|head\s+(?:back|over|to)|navigate|open|close|find|locate"
    r"|click|tap|press|select|choose\s+(?:the|an?|one)|pick\s+(?:the|an?|one)|scroll|swipe|type|enter|fill(?:\s+(?:in|out))?"
    r"|log\s*(?:in|on|into)|sign\s*(?:in|on|into|out)|search(?:\s+for)?|look\s+(?:at|for|through|over|around)|take\s+a\s+(?:look|moment|minute)"
    r"|review|read(?:\s+(?:through|over|aloud))?|explore|carry\s+on|keep\s+going|continue(?:\s+with)?|(?:start|begin)(?!\s+(?:off\s+)?(?:by|with)\s+(?:telling|describing|explaining|talking|walking|giving|sharing|introducing|saying))|try(?:\s+to)?|complete|finish|submit|upload|download|print"
    r"|add|remove|change|update|edit|use|access|show\s+(?:me|us)\s+(?:how|where|what)|pull\s+up|bring\s+up|visit|check\s+out"
    r"|see\s+(?:a|any|if|whether|where)|share\s+(?:your|the)\s+screen|stop\s+sharing|move\s+on|continue\s+to|proceed"
    # an exercise's hands-on step: "Could you put a green dot on the ones that helped?", "Can you sort these cards?"
    r"|(?:put|place|stick)\s+(?:a|an|the|your|one|two|three)\s+(?:[\w-]+\s+)?(?:dots?|stickers?|sticky|stickies|marks?|ticks?|crosses|cards?"
    r"|notes?|pins?|stars?|post-its?)\b|sort\s+(?:these|the|them|those)|arrange|circle|tick|draw"
)
# The lead-ins ("Okay, so now, from your home page, …") are words, at most four of them: "from your"
# once took any run of letters and spaces inside an unbounded repeat, and "from your a " 28 times
# took 23 seconds to fail.
_ACTION_REQUEST = re.compile(
    r"^(?:(?:ok(?:ay)?|so|now|next|great|first|then|alright|from\s+here|from\s+your\s+\w+(?:\s+\w+){0,3}"
    r"|whenever\s+you(?:'re|\s+are)\s+ready"
    r"|when\s+you(?:'re|\s+are)\s+ready|before\s+proceeding|while\s+still\s+sharing\s+your\s+screen),?\s+){0,4}"
    r"(?:(?:could|can|will)\s+you\s+(?:please\s+|just\s+|now\s+|quickly\s+)*|would\s+you\s+(?:please|kindly|now|just)\s+|would\s+you\s+(?=try\b)"
    r"|(?:i'?d|i\s+would|we'?d|we\s+would)\s+(?:like|love)\s+(?:for\s+)?you\s+to\s+|please\s+|let'?s\s+|go\s+ahead\s+and\s+)"
    rf"(?:{_ACTION_VERBS}|ask\s+(?:the|our|this)\s+(?:chat\s*bot|bot|assistant|tool|agent))\b",
    re.IGNORECASE,
)
# "…the first question I'd like you to ask the chatbot is…": what to type, not what to answer
_ASK_THE_TOOL = re.compile(
    r"\b(?:i'?d|i\s+would|we'?d|we\s+would)\s+like\s+you\s+to\s+(?:ask|type|tell|say\s+to|enter)\s+(?:to\s+)?"
    r"(?:the|our|this)\s+(?:chat\s*bot|bot|assistant|tool|agent|search)", re.I)
_PLAIN_ACTION = re.compile(rf"^(?:please\s+)?(?:{_ACTION_VERBS})\b", re.IGNORECASE)
# "How would you print your list?", "Where would you go to find…?": asked while looking at the
# screen in a task, these ask the participant to show it.
_HOW_WOULD_YOU_ACT = LazyPattern(
    rf"^(?:(?:ok(?:ay)?|so|now|next|from\s+here),?\s+)?(?:how|where)\s+would\s+you\s+(?:go\s+about\s+|try\s+to\s+)?(?:{_ACTION_VERBS})\b",
    re.IGNORECASE,
)
# A scenario the participant acts out: "Say you wanted to…", "Let's say our test user…".
_SCENARIO = LazyPattern(
    r"^(?:(?:ok(?:ay)?|so|now|next|for\s+this\s+(?:next\s+)?(?:task|one)),?\s+)?"
    r"(?:(?:let'?s\s+)?say\s+(?:you|that|our|your|a|the)|let'?s\s+(?:pretend|imagine|assume|try\s+imagining)|pretend\s+(?:you|that)"
    r"|we'?re\s+going\s+to\s+(?:imagine|pretend)|so\s+imagining"
    r"|(?:for\s+this\s+task,?\s+)?imagine\s+(?:you(?:'re|'ve|\s+are|\s+have|\s+need|\s+want)|that\s+you)|your\s+(?:task|scenario|goal)\s+is)\b",
    re.IGNORECASE,
)
# The first two letters of every way _SCENARIO can start ("ok", "so", "now", "next", "for this",
# "let's", "say", "pretend", "we're", "imagine", "your"). On ASCII text, where lower() folds case as
# the pattern's IGNORECASE does, a sentence that starts otherwise ("What…", "How…": most) is no
# scenario, and the pattern is not tried.
_SCENARIO_STARTS = frozenset({"ok", "so", "no", "ne", "fo", "le", "sa", "pr", "we", "im", "yo"})


def _opens_a_scenario(text: str) -> bool:
    """Whether _SCENARIO matches ``text``."""
    if text.isascii() and text[:2].lower() not in _SCENARIO_STARTS:
        return False
    return _SCENARIO.match(text) is not None


# The participant in the third person: an observer's check, not a question to them.
_THIRD_PERSON = re.compile(
    r"^(?:\W*)(?:did|does|do|was|were|is|are|can|could|has|have|how\s+(?:did|does|do|long|many|quickly)|what\s+did|where\s+did|which)\s+"
    r"(?:they|the\s+(?:participant|user|p|tester|respondent)s?|participants?|users?|he|she|p\d*)\b",
    re.IGNORECASE,
)
_PARTICIPANT_NAMED = re.compile(r"\b(?:the\s+)?(?:participant|respondent|interviewee)(?:'s|s)?\b|\bP\d{1,3}\b", re.IGNORECASE)


def about_the_participant(text: str) -> bool:
    """Whether a line speaks of the participant, not to them: "Did the participant sign the NDA?"."""
    return bool(_THIRD_PERSON.match(text) or _PARTICIPANT_NAMED.search(text))


_ANSWER_KEY = re.compile(r"\[\s*[YN]\s*\]|\[\s*yes\s*\]|\[\s*no\s*\]|\bY\s*/\s*N\b|\(\s*y\s*/\s*n\s*\)", re.IGNORECASE)
_ABLE = re.compile(r"^\W*(?:did|were|was)\s+(?:they|the\s+participant|participants?|the\s+user)\s+(?:able|successful|succeed)", re.I)
# After a task: "Were you able to find it?", "Did you manage to finish?" record success.
_COMPLETION = re.compile(
    r"^(?:(?:ok(?:ay)?|so|great|now),?\s+)?(?:were|was)\s+you\s+able\s+to\b|^(?:(?:ok(?:ay)?|so|great|now),?\s+)?did\s+you\s+"
    r"(?:manage\s+to|succeed\s+in|get\s+(?:it\s+)?(?:done|finished)|complete|finish)\b", re.I)
# In a task, "Would you click here?" asks what they would do on the screen in front of them.
_WOULD_YOU_ACT = re.compile(r"^(?:(?:ok(?:ay)?|so|now),?\s+)?would\s+you\s+(?:click|tap|select|press|scroll|open|go\s+(?:to|back|here))\b", re.I)
# A persona's scenario: "Pat wants to download their results. How would they do so?"
_PERSONA = re.compile(r"^(?:how|where|what)\s+(?:would|could|might|should)\s+(?:they|he|she)\s+(?:do|go|find|start|get|look|proceed)\b", re.I)
# "If you were looking to send a message and you were on this page, what would you do?"
_IF_YOU_WERE_HERE = re.compile(
    r"^(?:so\s+|now\s+)?(?:if|say)\s+you\s+(?:were|had|wanted|needed|want|need)\b[^?]{0,120}?,?\s+"
    r"(?:what|how|where)\s+(?:would|might|could|will|do)\s+you\s+(?:do|go|click|tap|look|start|find|proceed|begin)\b", re.I)
_SHOW_HOW_YOU_WOULD = re.compile(r"\b(?:walk|talk|show)\s+(?:me|us)\s+(?:through\s+)?how\s+you\s+would\b", re.I)
# Closing catch-alls are questions, never judged: "Is there anything else you'd like to add?"
_CATCH_ALL = re.compile(
    r"\banything\s+else\b|\b(?:any|other)\s+(?:other\s+|more\s+|further\s+|final\s+|last\s+)?(?:thoughts|feedback|comments|reflections)\b"
    r"|\banything\b(?:\s+[\w'’-]+){0,6}?\s+(?:we|i)\s+(?:didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:covered|cover|asked|ask|talked|discussed)\b"
    r"|\banything\s+(?:that\s+)?you\s+think\s+(?:i|we)\s+should\s+know\b",
    re.I,
)
_BACKUP_PROMPT = re.compile(r"\b(?:back[- ]?up|fallback)\s+(?:prompt|question)s?\b", re.I)
# Sections that are the session's script rather than its research: the intro and its set-up.
_SCRIPT_SECTION = re.compile(
    r"^(?:(?:section|part|step)\s*[\w.]{0,3}\s*[:.)\-–—]\s*|\d{1,2}[a-z]?\s*[.):\-–—]\s*)?"
    r"(?:intro|introductions?|welcome|opening|consent|getting\s+started|before\s+we\s+(?:start|begin)|starting\s+the\s+session"
    r"|screen[- ]?shar\w*|set[- ]?up|tech(?:nical)?\s+check)\b",
    re.I,
)
_USABILITY_WORDS = re.compile(r"\b(?:usability|prototype|UAT|concept\s+test\w*|tasks?|scenarios?)\b", re.I)
# Words that point at the screen in front of the participant: a scenario about it is a task.
_ON_SCREEN = re.compile(r"\b(?:from\s+here|on\s+(?:this|the)\s+(?:page|screen|site)|on\s+screen|this\s+(?:page|screen|prototype)"
                        r"|the\s+prototype)\b", re.I)
# In a task, "How would you schedule it?" asks them to show it; "How would you describe it?" asks.
_HOW_DO_YOU_ACT = LazyPattern(
    r"^(?:(?:ok(?:ay)?|so|now|next|from\s+here),?\s+)?(?:how|where)\s+(?:would|do|could|might|will)\s+you\s+"
    r"(?!describe|explain|rate|feel|summari[sz]e|characteri[sz]e|compare|improve|change|define|expect|prefer|like|think|want"
    r"|usually|normally|typically|currently|generally|often|ever|tend|know|decide|choose|manage|handle|deal|cope|use\b)"
    r"[a-z]+\b", re.I)
# A hint for a participant stuck on a task, not a question about the experience.
_HINT = LazyPattern(
    r"^(?:(?:ok(?:ay)?|so|now),?\s+)?(?:what\s+would\s+you\s+do\s+next|what\s+(?:else\s+)?(?:could|might|would)\s+you\s+try"
    r"|do\s+you\s+see\s+(?:anywhere|anything|a\s+way|somewhere|any\s+way)|is\s+there\s+(?:anything|anywhere|somewhere)\s+(?:else\s+)?on\s+(?:this|the)\s+(?:page|screen)"
    r"|where\s+(?:else\s+)?(?:would|might|could|can)\s+you\s+(?:look|go|click|find|start)|how\s+might\s+you\s+find\s+out"
    r"|is\s+there\s+(?:another|any\s+other)\s+way)",
    re.I,
)
# A note that makes what follows a hint for a stuck participant.
_ASSIST_CONDITION = LazyPattern(
    r"\b(?:only\s+)?if\s+(?:they|the\s+(?:participant|user)|participants?|users?|p|he|she)\s+"
    r"(?:(?:do(?:es)?|did|can|could|are|is|were)\s*(?:n'?t|not)\b|cannot|can't|get\s+stuck|gets\s+stuck|are\s+stuck|is\s+stuck|struggle"
    r"|have\s+(?:trouble|difficulty|a\s+hard\s+time)|has\s+(?:trouble|difficulty)|need\s+help|needs\s+help|miss|hesitate|seem)"
    r"|\bif\s+(?:they(?:'re|\s+are)\s+|participant\s+is\s+)?(?:still\s+)?(?:stuck|not\s+sure|unsure|confused|lost)\b"
    r"|\bif\s+(?:needed|necessary|they\s+need\s+(?:a\s+)?(?:hint|help|prompting))\b|\bhints?\s*:|\bassist(?:ance)?\s*:"
    r"|\b(?:prompts?|questions?)\s+only\s+if\b|\bonly\s+if\s+(?:they|needed)\b",
    re.IGNORECASE,
)


# What a condition note tells the moderator to do about the next lines ("If they get stuck, use
# these prompts"), as opposed to an instruction complete in itself ("If they can't find the photos,
# paste them again.")
_POINTS_ONWARD = re.compile(r"\b(?:these|the\s+following|following|below|next|prompts?|hints?|ask|say|probes?|questions?)\b",
                            re.IGNORECASE)
_CONDITION_THEN = re.compile(r"^(?:only\s+)?if\b[^,.;:!?]{0,200}[,.;]\s*(?P<then>.+)$", re.IGNORECASE | re.DOTALL)


def _self_contained(text: str) -> bool:
    """A condition note that says what to do itself, so the questions after it are asked of everyone."""
    plain = text.strip(" *_[]()")
    if plain.endswith((":", "—", "–", "-")):
        return False
    m = _CONDITION_THEN.match(plain)
    return m is not None and len(m.group("then").split()) >= 2 and _POINTS_ONWARD.search(m.group("then")) is None


def line_role_of(section_role_: str) -> str:
    """The role a line takes in a section (or under a label) with this role."""
    return _SECTION_TO_LINE.get(section_role_, Role.TEXT)


def runs_the_session(question: Question) -> bool:
    """A question item whose question sentences all run the session (consent, recording)."""
    asked = [s for s in question.sentences if s.is_question]
    return bool(asked) and all(_is_logistics(s.text) for s in asked)


def is_action_request(text: str) -> bool:
    """A request to do something on the screen ("Could you return to the list?")."""
    return bool(_ACTION_REQUEST.match(text.strip(" *_\"'")))


def is_scenario(text: str) -> bool:
    return _opens_a_scenario(text.strip(" *_\"'"))


def assign(guide: Guide) -> None:
    """Give every node of ``guide`` its role (sections have theirs from the builder)."""
    sections = list(guide.iter_sections())
    usability = any(s.is_task for s in sections) or any(
        s.heading is not None and _USABILITY_WORDS.search(s.title) for s in sections)
    for section in sections:
        _assign_section(section, usability)


# Prompts the participant answers in writing, outside the session: "Daily diary prompts",
# "Evening questions", "Homework". Not timed, but their wording biases every entry.
_WRITTEN_PROMPTS = LazyPattern(
    r"\b(?:diary\s+(?:prompts|entries|questions)|(?:daily|morning|evening|weekly|nightly)\s+(?:diary\s+)?(?:prompts|questions|entries|check-?ins?)"
    r"|homework(?:\s+questions)?|pre-?work\s+questions)\b", re.IGNORECASE)


def written_prompts(section: Section) -> bool:
    """A material part (or a part inside one) that holds the prompts a diary study's participant
    answers in writing: their wording is judged as a question's, their time is not planned."""
    node: Section | None = section
    while node is not None and node.role == SectionRole.MATERIAL:
        if _WRITTEN_PROMPTS.search(node.title):
            return True
        node = node.parent
    return False


def _assign_section(section: Section, usability_guide: bool) -> None:
    fixed = _SECTION_TO_LINE.get(section.role)
    if fixed is not None:
        why = f"in '{section.title}' ({section.role})" if section.title else f"({section.role})"
        prompts = fixed == _MATERIAL and written_prompts(section)
        for block in section.blocks:
            if prompts and isinstance(block, Question):
                _set_all(block, _QUESTION, "a prompt they answer in writing (a diary study's)")
            else:
                _set_all(block, fixed, why)
        return
    if _the_teams_questions(section):
        for block in section.blocks:
            _set_all(block, _MATERIAL, "the team's research questions: none of them is put to 'you'")
        return
    condition: Note | None = None
    last_asked: Question | None = None  # the last question under the condition (its line is read only then)
    previous_role: str | None = None
    # what every question of the section shares, worked out once
    in_task = section.in_task
    script_title = _SCRIPT_SECTION.match(section.title) is not None
    for block in section.blocks:
        if block.role != _TEXT:  # set by the parser from a label ("Things to watch for:")
            _set_all(block, block.role, block.why)
            continue
        if isinstance(block, Question):
            if condition is not None and last_asked is not None and block.span.line > last_asked.span.end_line + 1:
                condition = None  # the hints under a condition are the item or tight list right after it
            _question_role(block, section, condition, usability_guide, in_task, script_title)
            goes_on = (previous_role == _LOGISTICS and block.role == _QUESTION and _GOES_ON.match(_plain(block.text))
                       and all(_plain_yes_no(q.text) and not _leads(q.text) for q in block.sentences if q.is_question))
            if goes_on:
                _set_all(block, _LOGISTICS, "goes on from the set-up line before it")
            previous_role = None if goes_on else block.role  # one line goes on; it does not chain
            last_asked = block
            continue
        previous_role = getattr(block, "role", None)
        if isinstance(block, Note):
            block.role, block.why = _NOTE, f"{_article(block.kind)} {block.kind} note"
            # "If they don't mention price:" in an interview is a cue for the next question, which
            # is still asked; only around a task is it a hint for a stuck participant
            hinting = section.is_task or usability_guide
            condition = block if hinting and _ASSIST_CONDITION.search(block.text) and not _self_contained(block.text) else None
            last_asked = None
        elif isinstance(block, Task):
            block.role, block.why = _TASK, "a task instruction" if block.kind != "heading" else "a task heading"
            condition = None
        elif isinstance(block, Text):
            block.role, block.why = _TEXT, ""
            if block.kind not in ("break",):
                condition = None


def _set_all(node, role: str, why: str) -> None:
    node.role, node.why = role, why
    if not isinstance(node, Question):
        return
    for asked in node.walk():  # iterative: probes can nest a thousand deep
        asked.role, asked.why = role, why
        for sentence in asked.sentences:
            sentence.role, sentence.why = role, why
        for option in asked.options:
            option.role, option.why = role, why
        for note in asked.notes:
            note.role, note.why = _NOTE, "a note inside the question"


def _question_role(question: Question, section: Section, condition: Note | None, usability_guide: bool, in_task: bool,
                   script_title: bool) -> None:
    default, why = _QUESTION, ""
    if condition is not None:
        default, why = _ASSIST, f"follows '{_short(condition.text)}', a hint for a stuck participant"
    _role_node(question, section, default, why, usability_guide, in_task, script_title)
    if not (question.probes or question.options or question.notes):
        return  # nothing under it (most items): the walk below would find nothing to role
    for parent in question.walk():  # iterative, and parents are roled before their probes
        for probe in parent.probes:
            if parent.role in (_TASK, _ASSIST) and _HINT.match(_plain(probe.text)):
                _role_node(probe, section, _ASSIST, "a hint during a task", usability_guide, in_task, script_title)
            elif parent.role in (_OBSERVER, _DEBRIEF, _MATERIAL):
                _set_all(probe, parent.role, f"under a {parent.role} line")
            else:
                _role_node(probe, section, _PROBE, "", usability_guide, in_task, script_title)
        for option in parent.options:
            option.role, option.why = _OPTIONS, "an answer option under the question"
        for note in parent.notes:
            note.role, note.why = _NOTE, f"{_article(note.kind)} {note.kind} note inside the question"


# "Moderator: don't point at the screen. If they ask "Is this right?", turn it back…": the label
# names the interviewer and what follows tells them what to do, not what to say
_TOLD_TO_THE_INTERVIEWER = re.compile(
    r"(?:moderator|mod|facilitator|interviewer|researcher)\s*(?:note)?\s*[*_]*\s*:\s*[*_]*\s*"
    r"(?:don'?t|do\s+not|never|avoid|try\s+not\s+to|remember\s+(?:to|not)|make\s+sure|be\s+careful|keep\s+(?:an|your|quiet"
    r"|it)|let\s+them|stay|resist)\b",
    re.IGNORECASE)


# the author's note after a draft question, striking it: "(… ask it properly:)", "(leading! reword)",
# "(don't ask it like this)"
_STRUCK_OUT = re.compile(
    r"\bask\s+it\s+(?:properly|neutrally|better|differently|another\s+way)\b|\b(?:reword|rephrase)\b"
    r"|\b(?:don'?t|do\s+not|never)\s+ask\s+(?:it|this|that)\b(?:\s+(?:like\s+this|as\s+written|this\s+way))?"
    r"|\b(?:leading|bad\s+question)\s*[!:]", re.IGNORECASE)


def _role_node(question: Question, section: Section, default: str, default_why: str, usability_guide: bool, in_task: bool,
               script_title: bool) -> None:
    """Each sentence's role, then the node's: that of its first question sentence. ``in_task``: the
    section is a usability task or inside one; ``script_title``: its heading names the session's script."""
    label = question.label
    usability = in_task or (label is not None and label.lower() in ("prompt", "task"))
    if question.notes:
        first_words = question.sentences[0].span.start if question.sentences else question.span.end
        if any(n.span.start < first_words and (_ASSIST_CONDITION.search(_plain(n.text)) or _BACKUP_PROMPT.search(n.text))
               for n in question.notes):  # a condition in front of it, not a cue after it
            default, default_why = _ASSIST, "its condition makes it a hint for a stuck participant"
    raw = question.raw
    if ("[" in raw or "/" in raw) and _ANSWER_KEY.search(raw):  # each of its forms holds one of the two
        _set_all(question, _OBSERVER, "an answer key for the note-taker")
        return
    if _TOLD_TO_THE_INTERVIEWER.match(raw.lstrip(" \t>*_-")):
        _set_all(question, _NOTE, "a direction to the interviewer, whatever it quotes")
        return
    if question.notes and any(_STRUCK_OUT.search(n.text) for n in question.notes if n.span.start >= question.span.start):
        _set_all(question, _NOTE, "the guide's own note says not to ask it as written")
        return
    opening = _plain(question.sentences[0].text) if question.sentences else ""
    if _opens_a_scenario(opening) and (usability or usability_guide or _ON_SCREEN.search(question.text)):
        _set_all(question, _TASK, "a scenario the participant acts out")
        return
    script = script_title and not usability
    set_up = False  # a sentence before it in the item runs the session ("I've put a link in the chat.")
    asked = None  # the first question sentence: the node's role is its role
    for sentence in question.sentences:
        role, why = _sentence_role(sentence.text, usability)
        if role is None and script and sentence.is_question and _plain_yes_no(sentence.text):
            role, why = _LOGISTICS, f"a yes/no check-in in the '{section.title}' script"
        elif role is None and set_up and sentence.is_question and _plain_yes_no(sentence.text):
            role, why = _LOGISTICS, "a yes/no about the set-up line before it"
        set_up = set_up or role == _LOGISTICS
        if role is None or (role == _QUESTION and default != _QUESTION):
            role, why = default, default_why
        sentence.role, sentence.why = role, why
        if asked is None and sentence.is_question:
            asked = sentence
    if asked is None and question.sentences:  # no sentence asks: the first stands for them
        asked = question.sentences[0]
    if asked is not None:
        question.role, question.why = asked.role, asked.why
    else:
        question.role, question.why = default, default_why


# (or about the team itself, in a debrief: "What did we hear that we didn't expect?")
_ABOUT_OTHERS = re.compile(r"\b(?:people|users?|participants?|applicants?|customers?|claimants?|veterans?|patients?|staff|they|their"
                           r"|we|us|our|the\s+group)\b", re.IGNORECASE)


# ...and whose heading is about what the study wants to learn (not "Payments", where an expert is
# asked how customers pay)
_ABOUT_LEARNING = re.compile(
    r"\b(?:learn|find\s+out|know|goals?|objectives?|questions|research|aims?|hypothes[ie]s|curious|want|debrief(?:ing)?|synthesis"
    r"|reflect(?:ion)?|retro)\b", re.IGNORECASE)


def _the_teams_questions(section: Section) -> bool:
    """A section of three or more questions, none put to "you" and each about people in the third
    person ("Can applicants tell whether they are eligible?"), under a heading about what the study
    wants to learn: written for the team, whatever else its heading says."""
    if section.heading is None or section.is_task or section.children or not _ABOUT_LEARNING.search(section.title):
        return False
    asked = [b for b in section.blocks if isinstance(b, Question)]
    others = [b for b in section.blocks if not isinstance(b, Question) and getattr(b, "kind", "") != "break"]
    about_others = sum(1 for q in asked if _ABOUT_OTHERS.search(q.text))
    return (len(asked) >= 3 and len(others) <= len(asked) // 2
            and not any(addresses_them(q.text) for q in asked) and 4 * about_others >= 3 * len(asked))


_NEGATIVE_OPENER = re.compile(r"^(?:and|also|plus),?\s+(?:do|does|did|is|are|was|were|would|will|can|could|should|have|has)n['’]?t\b",
                              re.IGNORECASE)


def _leads(text: str) -> bool:
    """"And don't you think…?" asks for agreement; "And you haven't applied before?" confirms a fact."""
    return _NEGATIVE_OPENER.match(_plain(text)) is not None


# "And you haven't applied before?" after a screener check goes on with it
_GOES_ON = re.compile(r"^(?:and|also|plus)\b", re.IGNORECASE)


def _plain(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").strip(" *_\"'")


# "If you go quiet, I might ask 'What are you thinking?'": a question quoted ahead of time
_SAID_LATER = re.compile(r"\b(?:i|we)(?:'ll|’ll|\s+will|\s+might|\s+may|\s+could|\s+would)?\s+(?:sometimes\s+|just\s+|also\s+)?"
                         r"(?:ask|say)(?:\s+(?:you|something\s+like))?\s*[:,]?\s*['‘\"“]", re.IGNORECASE)
# "Yes, no?", "Yes / No / Not sure?": the answers a form would offer, said after the question
_ANSWERS_OFFERED = re.compile(r"^(?:yes|no|maybe|not\s+sure|unsure|n/a)(?:\s*(?:,|/|\bor\b)\s*(?:yes|no|maybe|not\s+sure|unsure|n/a))+\s*[?.]*$")


# A guide says the same sentence again and again (a probe under every task, the editor parsing
# the guide at each change), and the answer depends on the words alone
@lru_cache(maxsize=4096)
def _sentence_role(text: str, usability: bool) -> tuple[str | None, str]:
    """The role a sentence's own words give it; None for an ordinary question."""
    text = _plain(text)
    lowered = text.lower()
    if len(lowered) < 40 and _ANSWERS_OFFERED.match(lowered):
        return Role.OPTIONS, "the answers offered after the question"
    if ("ask" in lowered or "say" in lowered) and _SAID_LATER.search(text):
        return Role.LOGISTICS, "tells them what the interviewer will say later, which asks nothing now"
    # every catch-all holds "any" or "other", which most sentences do not
    if ("any" in lowered or "other" in lowered) and _CATCH_ALL.search(text) and "question" not in lowered:
        return Role.QUESTION, "a closing catch-all"
    if _is_logistics(text):
        return Role.LOGISTICS, "runs the session (consent, recording, screen sharing, a check-in)"
    if _EXPLAIN_THE_SET_UP.match(text):
        return Role.LOGISTICS, "tells the moderator what to explain about the session"
    if _THIRD_PERSON.match(text) and (usability or _ABLE.match(text)):
        return Role.OBSERVER, "the note-taker's check on the participant"
    if usability and (_opens_a_scenario(text) or _PERSONA.match(text)):
        return Role.TASK, "a scenario the participant acts out"
    if usability and _COMPLETION.match(text):
        return Role.OBSERVER, "checks whether the task was done, for the notes"
    if usability and _WOULD_YOU_ACT.match(text):
        return Role.TASK, "asks what they would do on the screen"
    # (asking the tool needs "like", unless a dotless "ı" or a dotted "İ" stands for its "i")
    if _ACTION_REQUEST.match(text) or _PLAIN_ACTION.match(text) or (
            ("like" in lowered or not text.isascii()) and _ASK_THE_TOOL.search(text)):
        return Role.TASK, "asks the participant to do something on the screen"
    if usability and (_HOW_WOULD_YOU_ACT.match(text) or _IF_YOU_WERE_HERE.match(text) or _SHOW_HOW_YOU_WOULD.search(text)
                      or _HOW_DO_YOU_ACT.match(text)):
        return Role.TASK, "asks the participant to show how they would do it"
    if _GROUP_EXERCISE.search(text):
        return Role.TASK, "sets a group an exercise (agree on, pick, rank…)"
    return None, ""


# The moderator told what to explain: "Explain one-way mirror: colleagues are watching…", "Explain
# the recording and how it is used" (not "Explain how you chose it": that asks them)
_EXPLAIN_THE_SET_UP = re.compile(
    r"^\W*(?:explain|mention|introduce|cover|run\s+through|go\s+through)\s+(?:the\s+|our\s+)?(?:one-way\s+mirror|mirror|recording"
    r"|consent(?:\s+form)?|confidentiality|anonymity|incentives?|ground\s+rules|housekeeping|observers?|purpose(?:\s+of\s+the\s+\w+)?"
    r"|format|timings?|fire\s+(?:exits?|alarm|drill)|toilets|breaks?|how\s+(?:long|the\s+(?:session|group|interview)))\b",
    re.IGNORECASE)
# A facilitator setting a group to work: "Can your group agree on one pain point to bring back?"
_GROUP_EXERCISE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|next|before\s+we\s+(?:head|go)\s+back|to\s+finish),?\s+){0,3}(?:could|can|will)\s+"
    r"(?:your\s+(?:group|table|team|room|breakout(?:\s+room)?)|you\s+(?:all|both|two|three)|each\s+(?:group|table|pair)"
    r"|the\s+(?:group|room|table)"
    r"|everyone)\s+(?:please\s+|now\s+|quickly\s+)*(?:agree\s+(?:on|to)|pick|choose|decide\s+on|rank|vote|list"
    r"|come\s+up\s+with|sort"
    r"|write\s+down|put\s+(?:together|up)|settle\s+on|narrow|boil)\b",
    re.IGNORECASE)


def shows_a_screen(section: Section) -> bool:
    """The section walks the participant through a page or prototype ("What do you see on this
    page?"): its scenarios and reactions are the method, as in a task."""
    return any(_ON_SCREEN.search(block.text) for block in section.blocks)


# A part whose title names tasks, a concept or a flow shown ("Tasks on the booking page",
# "Concept B: …", "Refund path") and that points at the screen: its probes are quick reactions to what is on it.
# The questions after the tasks ("Post-task questions", a debrief) are reflections, at an interview's pace.
_SHOWN_PART = re.compile(r"\b(?:tasks?|concepts?|prototypes?|walk[- ]?through|screens?|paths?|flows?|wizard)\b", re.IGNORECASE)
_AFTER_THE_TASKS = re.compile(r"\b(?:post[- ]?(?:task|test|session)|debrief|wrap[- ]?up|follow[- ]?up|reflect\w*)\b", re.IGNORECASE)


def at_task_pace(section: Section) -> bool:
    """Its questions are a task's quick checks or reactions to a screen, about a minute each."""
    if section.in_task:
        return True
    return _names_a_shown_part(section.title) and shows_a_screen(section)


@lru_cache(maxsize=4096)  # asked of every section by three rules; the answer depends on the title alone
def _names_a_shown_part(title: str) -> bool:
    return bool(_SHOWN_PART.search(title)) and not _AFTER_THE_TASKS.search(title)


# "For Veterans:", "If they use a screen reader:", "[If VA copay]": a part said only to some
# participants, beside another part for the rest. Not a time ("If time allows"), an example
# ("For example:") or every participant ("For each screen:").
_ALTERNATIVE = re.compile(
    r"\[?\s*(?:only\s+)?(?:if|for|when)\s+(?!(?:each|every|all|any|example|instance|now|more|time|there|needed|necessary"
    r"|the\s+(?:next|rest|first|last)|this|these|that|those|a\s+(?:moment|while|bit)|you|we|me|us)\b)[^:?\[\]]{2,60}?\s*\]?\s*:?"
    # "Branch B — Lost deals", "Path 2: renewing": one of several routes through the session
    r"|(?:branch|path|track|route)\s*[A-Z0-9]\b[^?]{0,60}"
    # "Monthly donors only", "Managers only (5 min)"
    r"|[^:?\[\]]{2,40}?\s+only(?:\s*\([^()]*\))?\s*:?",
    re.IGNORECASE)
# A part that says its subsections are alternatives: "Run ONE branch based on outcome", "Pick one"
_ONE_OF_THESE = re.compile(
    r"\b(?:(?:run|ask|use|pick|choose|select|follow)\s+(?:only\s+)?(?:one|the\s+(?:relevant|matching|right))"
    r"|(?:only\s+)?one\s+(?:branch|path|track|route)\b|(?:branches|paths)\s+by\s+\w+"
    # "Season pass, by Q7 score": a part split by how the participant answered
    r"|\bby\s+(?:their\s+)?(?:[\w-]+\s+)?(?:score|answer|rating|response|segment|outcome)s?\s*$)",
    re.IGNORECASE)


def alternative_label(text: str, *, colon: bool) -> bool:
    """Whether ``text`` names who (or which case) the part after it is for. A line in a list
    or a paragraph must end in a colon ("If they have a caregiver:"); a heading need not."""
    bare = _NUMBERING.sub("", text.strip().strip("*_").strip(), count=1)
    if colon and not bare.rstrip("]").endswith(":"):
        return False
    return len(bare.split()) <= 8 and _ALTERNATIVE.fullmatch(bare) is not None


# A heading's title read as a label: the runs are read for every level of the plan and every
# section by three rules, each title twice (beside the one before it and the one after it)
@lru_cache(maxsize=4096)
def _titles_an_alternative(title: str) -> bool:
    return alternative_label(title, colon=False)


def alternative_runs(sections: list[Section], *, one_of: bool = False) -> list[list[Section]]:
    """The sections in order, those that are alternatives to each other ("For Veterans",
    "For caregivers", side by side) grouped: each participant hears one of a group. With
    ``one_of`` (the parent says "Run one branch") all of them are one group."""
    if one_of and len(sections) > 1:
        return [sections]
    named = _either_or_names(sections[0].parent) if len(sections) > 1 and sections[0].parent is not None else frozenset()

    def alternative(section: Section) -> bool:
        first = section.title.split(maxsplit=1)[:1]
        return _titles_an_alternative(section.title) or (
            bool(named) and first != [] and first[0].lower().rstrip(".:)") in named)

    runs: list[list[Section]] = []
    for section in sections:
        if runs and alternative(section) and alternative(runs[-1][-1]):
            runs[-1].append(section)
        else:
            runs.append([section])
    return runs


# "use EITHER the buyer block OR the seller block": the parts named are alternatives
_EITHER_OR = LazyPattern(
    r"\beither\s+(?:the\s+)?([a-z][\w-]*)\s+(?:block|section|part|path|track|version|set|questions|module"
    r"|branch)s?\s+or\s+(?:the\s+)?"
    r"([a-z][\w-]*)\s+(?:block|section|part|path|track|version|set|questions|module|branch)", re.IGNORECASE)


def _either_or_names(parent: Section | None) -> frozenset[str]:
    """The first words of the parts a line above them says to run one of."""
    names: set[str] = set()
    while parent is not None:
        for section in (parent, *parent.children):  # the note may sit in an earlier part
            for block in section.blocks:
                if not isinstance(block, (Text, Note)):
                    continue
                lowered = block.text.lower()
                if "either" in lowered:
                    for m in _EITHER_OR.finditer(block.text):
                        names.update((m.group(1).lower(), m.group(2).lower()))
                if "instead of" in lowered:
                    for m in _INSTEAD_OF.finditer(block.text):
                        names.update((m.group(1).lower().rstrip("."), m.group(2).lower().rstrip(".")))
        parent = parent.parent
    return frozenset(names)


# "use section 4b instead of section 4": the two are alternatives
_INSTEAD_OF = re.compile(r"\b(?:use|run|do|ask)\s+(?:section|part|block)\s+([\w.]{1,4})\s+instead\s+of\s+(?:section|part"
                         r"|block)\s+([\w.]{1,4})",
                         re.IGNORECASE)


# said in the part itself: "Ask this first, then follow the branch that fits:", "skip the other"
_BRANCH_THAT_FITS = re.compile(
    r"\b(?:follow|use|take|run|ask|go\s+to)\s+(?:only\s+)?(?:the|whichever)\s+(?:branch|path|part|section|set|one)\s+(?:that|which)\s+"
    r"(?:fits|applies|matches)|\bskip\s+the\s+other(?:s|\s+(?:branch|path|part|one)s?)?\b"
    # "Use the matching block", "Ask the relevant set only"
    r"|\b(?:follow|use|take|run|ask|pick|choose)\s+(?:only\s+)?the\s+(?:matching|relevant|right)\s+"
    r"(?:branch|path|part|section|set|block)\b"
    # "Pick the branch that fits what they told you"
    r"|\b(?:pick|choose|use|take|follow)\s+the\s+(?:branch|path|block|set)\s+(?:that|which)\s+(?:fits|matches|applies)\b",
    re.IGNORECASE)


def one_of_these(section: Section) -> bool:
    """The section says only one of its subsections is run: in its title ("Run ONE branch") or in
    a line of its own before them ("Then follow the branch that fits:")."""
    if _ONE_OF_THESE.search(section.title) is not None:
        return True
    return any(isinstance(block, Text) and _BRANCH_THAT_FITS.search(block.text) is not None for block in section.blocks)


def are_alternatives(one: Section, other: Section, runs_under: dict[int, list[list[Section]]] | None = None) -> bool:
    """Two sections in branches beside each other, each for a different group or case of
    participant (the sections themselves or parts inside them). ``runs_under``: each parent's
    runs, kept by a caller that asks of many pairs in one guide (duplicate-question asks of every
    pair of copies, and reading the runs reads every title and text block beside them again)."""
    if one is other:
        return False
    mine = {id(s): s for s in (one, *one.ancestors())}
    branch = other
    while branch.parent is not None and id(branch.parent) not in mine:
        branch = branch.parent
    parent = branch.parent
    if parent is None:
        return False
    own = one
    while own.parent is not None and own.parent is not parent:
        own = own.parent
    if own is branch:
        return False
    runs = runs_under.get(id(parent)) if runs_under is not None else None
    if runs is None:
        runs = alternative_runs(parent.children, one_of=one_of_these(parent))
        if runs_under is not None:
            runs_under[id(parent)] = runs
    return any(own in run and branch in run for run in runs)


def questions_on_one_path(blocks: Iterable[Node], keep: Callable[[Question], bool] = lambda q: True) -> list[Question]:
    """The questions (those ``keep`` accepts) that one participant hears of these blocks: those
    before any alternative label, and the largest of the parts after labels such as "If they
    have a caregiver:" / "If they care for themselves:"."""
    common: list[Question] = []
    parts: list[list[Question]] = []
    for block, part in _parts(blocks):
        if part and len(parts) < part:
            parts.append([])
        if isinstance(block, Question) and keep(block):
            (parts[-1] if part else common).append(block)
    return common + max(parts, key=len) if parts else common


def alternative_parts(blocks: Iterable[Node]) -> dict[int, int]:
    """Which part each question (by id) is in: 0 before any alternative label, then 1, 2… for
    the parts after "If they have a caregiver:", "Low-point entries:" and the like."""
    return {id(block): part for block, part in _parts(blocks) if isinstance(block, Question)}


def _parts(blocks: Iterable[Node]) -> Iterator[tuple[Node, int]]:
    part = 0
    each: str | None = None  # "For each entry:" over "Low-point entries:", "High-point entries:": kinds of one
    for block in blocks:
        if isinstance(block, Text) and each is None and (m := _FOR_EACH.match(block.text)) is not None:
            each = m[1].lower().removesuffix("y")
        if isinstance(block, Text) and (alternative_label(block.text, colon=True) or (each and _a_kind_of(block.text, each))):
            part += 1
        yield block, part


_FOR_EACH = re.compile(r"^\W*(?:for|with|on)\s+(?:each|every)\s+([a-z][a-z-]{2,30})\s*:\s*$", re.IGNORECASE)


def _a_kind_of(text: str, stem: str) -> bool:
    """A label that names a kind of the thing gone through one by one: "Low-point entries:"."""
    words = text.strip().strip("*_").split()
    return (0 < len(words) <= 6 and words[-1].endswith(":")
            and words[-1].rstrip(":").lower().startswith(stem) and len(words[-1].rstrip(":")) <= len(stem) + 3)


# "Potential probing questions" after each scenario: the task's own follow-ups, asked after
# every task as post-task questions are
_TASK_FOLLOW_UPS = re.compile(
    r"(?:(?:potential|possible|suggested|optional|additional)\s+)?(?:probing\s+questions|probes|follow[- ]?ups?(?:\s+questions)?"
    r"|post[- ]?task(?:\s+questions)?)", re.IGNORECASE)


def follows_a_task(section: Section) -> bool:
    """An unboxed part of follow-up questions right after a task, beside it rather than under it."""
    parent = section.parent
    if parent is None or section.timebox is not None or not _TASK_FOLLOW_UPS.fullmatch(section.title.strip(" :")):
        return False
    place = next(k for k, sibling in enumerate(parent.children) if sibling is section)
    return place > 0 and parent.children[place - 1].is_task


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def explain(guide: Guide) -> Iterable[tuple[int, str, str, str]]:
    """(line, role, why, text) for every node, in document order: what --explain-roles prints."""
    out: list[tuple[int, str, str, str]] = []
    for section in guide.iter_sections():
        if section.heading is not None:
            out.append((section.heading.span.line, f"section:{section.role}", section.why, section.title))
        for block in section.blocks:
            _explain_node(block, out)
    out.sort(key=lambda row: row[0])
    return out


def _explain_node(node, out: list) -> None:
    # a stack, not recursion: probes nest as deep as the list does, and a 1,500-deep list of
    # "Why?" items overflowed Python's stack; children are pushed reversed to keep reading order
    stack = [node]
    while stack:
        node = stack.pop()
        if not node.text.strip():
            continue  # a thematic break or an empty item: nothing a reader would ask about
        out.append((node.span.line, str(node.role), node.why, node.text))
        if isinstance(node, Question):
            for option in node.options:
                out.append((option.span.line, str(option.role), option.why, option.text))
            for note in node.notes:
                if note.span.line != node.span.line:
                    out.append((note.span.line, str(note.role), note.why, note.text))
            stack.extend(reversed(node.probes))


__all__ = ["about_the_participant", "assign", "explain", "heading_purpose", "section_role", "is_action_request", "is_scenario"]
