"""Question-wording classifier: closed, leading, double-barreled and hypothetical questions.

One module, reused by the wording rules (GL1xx), the editor and the language server. It is
rule-based on purpose: precompiled regular expressions and word sets, no model to load and
no NLP library, so a whole guide is classified in a few milliseconds. The vocabulary (word
lists and patterns) is data in ``rules/lexicon.yaml``; this module holds the logic.

How a sentence is read
----------------------
1. **Normalise** (same length, so offsets stay valid): letters lowered, curly quotes and
   dashes made plain. **Tokenise** into words (with their apostrophes and hyphens:
   ``didn't``, ``blazing-fast``), ``[PLACEHOLDERS]`` and punctuation.
2. **Find the opening** of the question. Filler words ("So,", "Okay and") are skipped. If the
   sentence does not open as a question but ends with "?", each clause after a comma, colon,
   semicolon or dash is tried in turn, so a lead-in ("Before we start, do you…", "Thinking
   about last year, was there…") is looked through. An opening is one of: a wh-word (open),
   a polite request frame (modal + you + a verb that asks for an account: "Could you walk
   me through…", "Would you mind sharing…", "I'd love to hear…"), an interviewer modal
   ("Can I…", "Shall we…": logistics), an indirect wh-question ("Do you remember what…") or
   an auxiliary followed by a subject (subject-auxiliary inversion: a yes/no question).
3. **Detectors** run on that reading:

   * *closed*: an inverted auxiliary opening (unless polite, consent or an indirect
     wh-question); a tag question; a wh-question that ends in a fixed list of options
     ("Which is clearer, A or B?"); an option fragment ("Card or cash?"); a declarative
     question ("You use Slack?"); a fixed-scale rating with no open part. An open probe in
     the same sentence ("…, and if so, how?") or an open question in the next sentence of
     the item makes it *mild* (reported at info).
   * *leading*: negative openers; tag questions; assumptive adverbs ("surely");
     social proof in the sentence or in a statement just before it; presupposed outcomes
     ("How much time has X saved you?"); intensified evaluations ("so easy"); praise and
     emotive words; superlatives about the team's own product. Neutral framings ("if
     anything", "or not") and balanced pairs ("like or dislike") cancel the lexical ones.
   * *double*: in a question, polite request or "Tell me about" prompt, an "and" / "&" /
     "as well as" after the opening joins a second ask, unless it is a fixed binomial
     ("pros and cons"), a trailing probe ("and why?"), a range ("between 1 and 5") or a
     comparison of two items. "or" only counts between wh-words ("how or why"); "X or Y" is
     an either/or choice (closed), not two asks.
   * *hypothetical*: "Would you + verb" (a prediction, not "Would you say/mind"), scenario
     openers ("Imagine…"), unreal conditionals with a modal ("If we built X, would you…"),
     "How likely…", "What would you pay…". Past anchors ("the last time you…") and explicit
     fantasy frames ("If you had a magic wand…") are exempt; see the lexicon for why.

At most one finding of each kind is reported per sentence (the most specific one).
"""

from __future__ import annotations

from guidelint.questions.analysis import analyse_item, analyse_question, analyse_sentence, classify_row, split_sentences
from guidelint.questions.findings import Finding, SentenceReport

__all__ = [
    "Finding",
    "SentenceReport",
    "analyse_sentence",
    "analyse_question",
    "analyse_item",
    "classify_row",
    "split_sentences",
]
