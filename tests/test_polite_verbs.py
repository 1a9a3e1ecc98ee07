"""Every request verb in the lexicon's polite frame has a sentence that is open only through it:
drop a verb from rules/lexicon.yaml and its sentence reads as a yes/no question again."""

from __future__ import annotations

import pytest

from guidelint import safe_yaml
from guidelint.questions import analyse_sentence
from guidelint.resources import resource_path

POLITE = safe_yaml.read(resource_path("rules", "lexicon.yaml").read_bytes())["polite"]

# lexicon pattern -> a request that is polite because of it
BY_VERB = {
    r"tell\s+(?:me|us)\b(?!\s+(?:if|whether)\b)": "Could you tell me a bit of the story of the rollout?",
    r"describe\b(?!(?:\s+[\w'-]+){1,4}?\s+as\b)": "Could you describe the rollout?",
    r"explain\b": "Could you explain how the approvals work?",
    r"demonstrate\b": "Could you demonstrate how you file an expense?",
    r"(?:talk|speak)\s+(?:a\s+(?:little\s+)?(?:bit\s+)?)?(?:more\s+)?about\b": "Could you speak a little bit about the rollout?",
    r"(?:summari[sz]e|recount|recap|outline)\b": "Could you recap the rollout for a newcomer?",
    r"(?:list|name)\s+(?:the|some|a\s+few|any|all|two|three|several|one\s+or\s+two|what|which)\b|list\s+your\b":
        "Could you name a few people who sign off expenses?",
    r"estimate\s+(?:roughly\s+)?(?:how|what|for\s+(?:me|us))\b": "Could you estimate what share of claims are late?",
    r"think\s+back\b|think\s+about\s+(?:the\s+(?:last|first)\s+time|a\s+time)\b":
        "Could you think about the first time you filed an expense?",
    r"do\s+(?:me|us)\s+a\s+(?:quick\s+|small\s+|big\s+)?favou?r\b": "Could you do us a quick favour and recall the rollout?",
    r"[a-z]+\s+(?:me|us)\s+(?:about|through|how|what|why|when|where|who|which)\b": "Could you run us through the rollout?",
    r"show\s+(?:me|us)\b": "Could you show me your expenses dashboard?",
    r"give\s+(?:me\s+|us\s+)?(?:an?|some|a\s+few|one|another|more|two)\s+(?:more\s+|quick\s+|brief\s+|specific\s+|recent\s+"
    r"|concrete\s+|real\s+)?(?:examples?|instances?|sense"
    r"|idea|overview|rundown|picture|description|bit\s+of)\b": "Could you give me an example of a late refund?",
    r"elaborate\b": "Could you elaborate on the approval step?",
    r"say\s+(?:a\s+(?:bit|little)\s+)?more\b": "Could you say a little more about the approval step?",
    r"expand\b(?!\s+(?:to|into)\b)": "Could you expand on the approval step?",
    r"go\s+(?:into|over|through)\b": "Could you go over the steps once more?",
    r"clarify\b": "Could you clarify what slow means here?",
    r"paint\s+(?:me\s+|us\s+)?a\s+picture\b": "Could you paint me a picture of a normal Monday?",
    r"help\s+(?:me|us)\s+understand\b": "Could you help me understand the approval step?",
    r"fill\s+(?:me|us)\s+in\b": "Could you fill me in on the approval step?",
    r"unpack\b": "Could you unpack the approval step?",
    r"think\s+(?:aloud|out\s+loud)\b": "Could you think aloud while you file the expense?",
    r"(?:recall|remember)\s+(?:what|how|why|when|where|who|which|the\s+(?:last|first)\s+time|a\s+time)\b":
        "Can you remember what happened after the launch?",
    r"think\s+of\s+(?:a|an|one|another)\s+(?:recent\s+|specific\s+|particular\s+|real\s+)?(?:time|example|situation|moment"
    r"|occasion)\b":
        "Can you think of a time when the export failed?",
    r"think\s+of\s+(?:any|some|other)\s+(?:other\s+)?(?:ways?|examples?|times?|ideas?|things?|reasons?|situations?"
    r"|features?|changes?)\b": "Can you think of any ways to make the export faster?",
    r"give\s+(?:me\s+|us\s+)?(?:an?\s+)?(?:rough\s+)?(?:estimate|guess|ballpark|sense)\b":
        "Could you give me a rough estimate of the time it takes?",
    r"(?:start|begin|kick\s+off)\s+(?:off\s+)?(?:by|with)\s+(?:telling|describing|explaining|talking|walking|giving|sharing"
    r"|introducing)\b": "Could you start by introducing your team and what it does?",
    r"put\s+(?:a\s+|any\s+|some\s+|rough\s+){0,2}(?:numbers?|figures?|price|value|cost|date|timeframe)\s+on\b":
        "Can you put any numbers on the time it saved?",
    r"share\s+(?:an?\b|some\b|more\b|a\s+(?:bit|little)\b|how\b|what\b|why\b|when\b|where\b|who\b|which\b|with\s+(?:me|us)"
    r"\b|examples?\b|(?:your|any)\s+(?:experiences?|thoughts|story|stories|process|perspective|views?|take|reasoning"
    r"|thinking|feelings|opinion)\b)": "Would you share a bit about how you chose it?",
}


def test_every_verb_of_the_lexicon_has_a_sentence():
    assert sorted(BY_VERB) == sorted(POLITE["verbs"])


@pytest.mark.parametrize("sentence", list(BY_VERB.values()))
def test_a_request_through_each_verb_is_polite_and_never_closed(sentence):
    report = analyse_sentence(sentence)
    assert report.polite and not [f for f in report.findings if f.kind == "closed"], report


@pytest.fixture
def fresh_lexicon():
    """Clear the lexicon and the sentence and item caches before and after: a test reads a changed lexicon."""
    from guidelint.questions import analysis, lexicon

    def clear():
        lexicon.load_lexicon.cache_clear()
        analysis.analyse.cache_clear()
        analysis.analyse_item.cache_clear()

    clear()
    yield lexicon
    clear()


@pytest.mark.parametrize("verb", sorted(BY_VERB))
def test_without_its_verb_the_sentence_is_no_polite_request(verb, monkeypatch, fresh_lexicon):
    # the claim of this module: each sentence is open only through its own verb
    load = fresh_lexicon._load_yaml

    def without_verb(path):
        data = load(path)
        if "polite" in data:
            data = {**data, "polite": {**data["polite"], "verbs": [v for v in data["polite"]["verbs"] if v != verb]}}
        return data

    monkeypatch.setattr(fresh_lexicon, "_load_yaml", without_verb)
    fresh_lexicon.load_lexicon.cache_clear()
    report = analyse_sentence(BY_VERB[verb])
    assert not report.polite or [f for f in report.findings if f.kind == "closed"], BY_VERB[verb]
