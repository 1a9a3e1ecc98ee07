"""One finding per problem: ranked findings on the same words, and repeated patterns grouped."""

from __future__ import annotations

import json

import pytest

from guidelint.cache import from_json, to_json
from guidelint.catalogue import Catalogue, CatalogueError, builtin, rule_from_dict
from guidelint.config import Layer, Settings
from guidelint.diagnostics import Diagnostic, Edit, Fix, Severity
from guidelint.engine import lint
from guidelint.merging import LISTED_LINES, merge_findings
from guidelint.parser import parse_text
from guidelint.reporters import Report
from guidelint.reporters.json import render_json
from guidelint.reporters.text import render_full, render_text
from tests.helpers import lint_snippet

CATALOGUE = builtin()


def one_question(text: str, **kwargs) -> list[Diagnostic]:
    return lint_snippet(f"# G\n\n## Questions\n\n- {text}\n", **kwargs)


def wording(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.code.startswith("GL1")]


# ---- one finding per span --------------------------------------------------------------------

@pytest.mark.parametrize("text,kept,hidden", [
    ("Don't you love the new dashboard?", "leading-question", "closed-question"),
    ("Would you recommend it to a friend?", "hypothetical-question", "closed-question"),
])
def test_the_most_important_rule_stands_for_the_others(text, kept, hidden):
    [finding] = wording(one_question(text))
    assert finding.name == kept and finding.also == (hidden,)
    assert finding.message.endswith(f"(also {hidden}).")
    assert finding.base_message is not None and hidden not in finding.base_message
    # the kept finding keeps its own span: the one it reports when it is alone
    [alone] = wording(one_question(text, select=[kept]))
    assert (finding.span, finding.suggestion) == (alone.span, alone.suggestion)
    assert alone.message == finding.base_message and not alone.also


def test_different_rules_on_different_words_of_one_question_are_one_finding():
    # the cues sit apart ("Did you" opens it, the ", and how" joins two asks), but it is one
    # question for the author to rewrite: one finding, the other rule named
    [finding] = wording(one_question("Did you like the price, and how long did the setup take?"))
    assert finding.name == "double-barreled-question" and finding.also == ("closed-question",)


def test_different_questions_on_one_line_keep_their_own_findings():
    found = wording(one_question("Don't you love the planner? Would you pay for it, and how much?"))
    assert sorted(d.name for d in found) == ["hypothetical-question", "leading-question"]
    leading = next(d for d in found if d.name == "leading-question")
    hypothetical = next(d for d in found if d.name == "hypothetical-question")
    assert leading.also == ("closed-question",)
    assert leading.span.line == hypothetical.span.line and leading.span.end <= hypothetical.span.start


@pytest.mark.parametrize("how", ["ignore", "suppress"])
def test_a_rule_switched_off_never_hides_another(how):
    text = "Don't you love the new dashboard?"
    if how == "ignore":
        found = lint(parse_text(f"# G\n\n## Questions\n\n- {text}\n", "t.guide.md"),
                     cli=Settings(layers=[Layer(select=["ALL"], ignore=["leading-question"])]))
    else:
        found = lint_snippet("# G\n\n## Questions\n\n"
                             "<!-- guidelint-disable-next-line leading-question -- testing -->\n"
                             f"- {text}\n")
    [finding] = wording(found)
    assert finding.name == "closed-question" and not finding.also and "(also" not in finding.message
    assert "unused-suppression" not in [d.name for d in found]


def test_the_higher_severity_of_a_hidden_finding_is_kept():
    text = "Don't you love the new dashboard?"
    settings = Settings(severity={"closed-question": "error"})
    [finding] = wording(one_question(text, settings=settings))
    assert finding.name == "leading-question" and finding.severity is Severity.ERROR
    [plain] = wording(one_question(text))
    assert plain.severity is Severity.WARNING


def test_section_overloaded_stands_for_too_many_questions_on_one_heading():
    questions = "".join(f"- What is step {n} like for you?\n" for n in range(11))
    found = lint_snippet(f"# G\n\n## Steps (5 min)\n\n{questions}")
    on_heading = [d for d in found if d.span.line == 3]
    assert [d.name for d in on_heading] == ["section-overloaded"]
    assert on_heading[0].also == ("too-many-questions",)
    found = lint_snippet(f"# G\n\n## Steps (5 min)\n\n{questions}", select=["too-many-questions"])
    assert [d.name for d in found] == ["too-many-questions"]


def _rule(name: str, code: str, **extra) -> dict:
    return {"code": code, "name": name, "message": "m", **extra}


def test_the_order_is_data_and_is_checked():
    rules = [rule_from_dict(_rule("first-rule", "ZZ1", outranks=["second-rule"]), family="x", path="p.yaml"),
             rule_from_dict(_rule("second-rule", "ZZ2", outranks=["third-rule"]), family="x", path="p.yaml"),
             rule_from_dict(_rule("third-rule", "ZZ3"), family="x", path="p.yaml")]
    catalogue = Catalogue(rules, {})
    assert catalogue.outranks("ZZ1", "ZZ3") and not catalogue.outranks("ZZ3", "ZZ1")
    with pytest.raises(CatalogueError, match="outranks unknown rule 'fourth-rule'"):
        Catalogue([rule_from_dict(_rule("first-rule", "ZZ1", outranks=["fourth-rule"]), family="x", path="p.yaml")], {})
    circle = [rule_from_dict(_rule("first-rule", "ZZ1", outranks=["second-rule"]), family="x", path="p.yaml"),
              rule_from_dict(_rule("second-rule", "ZZ2", outranks=["first-rule"]), family="x", path="p.yaml")]
    with pytest.raises(CatalogueError, match="outranks a rule that outranks it"):
        Catalogue(circle, {})
    with pytest.raises(CatalogueError, match="outranks must be a list"):
        rule_from_dict(_rule("first-rule", "ZZ1", outranks="second-rule"), family="x", path="p.yaml")


def test_wording_order_in_the_catalogue():
    order = ["leading-question", "hypothetical-question", "double-barreled-question", "closed-question",
             "stacked-questions", "long-question", "missing-question-mark"]
    codes = [CATALOGUE.get(name).code for name in order]
    for i, higher in enumerate(codes):
        assert all(CATALOGUE.outranks(higher, lower) for lower in codes[i + 1:])
        assert not any(CATALOGUE.outranks(lower, higher) for lower in codes[i + 1:])


def _d(code: str, start: int, end: int, *, line: int = 5, severity=Severity.WARNING, fix=None, group=None):
    rule = CATALOGUE.by_code[code]
    return Diagnostic(code, rule.name, severity, f"{rule.name} here.", _span(start, end, line), "g.md",
                      fix=fix, group=group)


def _span(start: int, end: int, line: int = 5):
    from guidelint.model import Span

    return Span(start, end, line, start + 1, line, end + 1)


def test_only_overlapping_ranked_findings_merge():
    leading, closed, apart, attribute = (_d("GL101", 10, 20), _d("GL102", 15, 25), _d("GL102", 30, 35),
                                         _d("GL005", 12, 18))
    kept = merge_findings([closed, apart, leading, attribute], CATALOGUE)
    assert kept == [apart, leading, attribute]
    assert leading.also == ("closed-question",) and leading.message == "leading-question here (also closed-question)."
    assert not apart.also and not attribute.also


def test_an_insertion_point_overlaps_the_span_it_touches():
    from guidelint.merging import overlap

    heading, at_end, after = _span(10, 20), _span(20, 20), _span(21, 21)
    assert overlap(heading, at_end) and overlap(at_end, heading) and overlap(_span(10, 10), heading)
    assert not overlap(heading, after) and not overlap(_span(20, 30), _span(10, 20))  # spans that only meet do not


def test_an_empty_heading_is_one_finding_not_also_a_missing_time_box():
    text = "# G\n\n## Intro (5 min)\n\nHi.\n\n## Later\n\n## End (5 min)\n\n- What else?\n"
    [d] = [d for d in lint_snippet(text) if d.name in ("empty-section", "missing-time-box")]
    assert d.name == "empty-section" and d.also == ()  # nothing in it takes session time


def test_a_hidden_fix_is_kept_when_the_kept_finding_has_none():
    mark = Fix("add the missing '?'", (Edit(20, 20, "?"),))
    closed, missing = _d("GL102", 10, 14), _d("GL107", 10, 20, fix=mark)
    assert merge_findings([closed, missing], CATALOGUE) == [closed]
    assert closed.fix == mark


# ---- a repeated pattern is one finding -------------------------------------------------------

THREE_COPIES = ("# G\n\n## Before (5 min)\n\n- Did you like the export?\n\n## During (5 min)\n\n"
                "- What happened next?\n- did you like the export ?\n\n## After (5 min)\n\n- Did you like the export?\n")


def test_three_copies_of_one_question_are_one_finding():
    found = [d for d in lint_snippet(THREE_COPIES) if d.name == "closed-question"]
    assert len(found) == 1
    [closed] = found
    assert closed.span.line == 5 and [s.line for s in closed.related] == [10, 14]
    assert closed.message.endswith("(and 2 more like it: lines 10, 14).")
    payload = json.loads(render_json(Report(found, files_checked=1)))["diagnostics"][0]
    assert payload["related"] == [
        {"path": "t.guide.md", "line": 10, "column": 3, "end_line": 10, "end_column": 10},
        {"path": "t.guide.md", "line": 14, "column": 3, "end_line": 14, "end_column": 10},
    ]
    assert "and 2 more like it: lines 10, 14" in render_text(Report(found, files_checked=1))


def test_different_questions_and_different_rules_are_not_grouped():
    found = lint_snippet("# G\n\n## Q\n\n- Did you like the export?\n- Did you like the import?\n")
    assert [(d.name, d.span.line, d.related) for d in found if d.name == "closed-question"] == [
        ("closed-question", 5, ()), ("closed-question", 6, ())]


def test_suppressing_one_copy_suppresses_only_that_one():
    text = THREE_COPIES.replace("- did you like the export ?",
                                "<!-- guidelint-disable-next-line closed-question -- asked on purpose -->\n"
                                "- did you like the export ?")
    found = lint_snippet(text)
    [closed] = [d for d in found if d.name == "closed-question"]
    assert closed.span.line == 5 and [s.line for s in closed.related] == [15]
    assert "and 1 more like it: line 15" in closed.message
    assert "unused-suppression" not in [d.name for d in found]


def test_a_long_list_of_places_is_capped_in_the_message_and_whole_in_full_output():
    copies = 12
    sections = "".join(f"## Part {n} (5 min)\n\n- Did you like the export?\n\n" for n in range(copies))
    text = "# G\n\n" + sections
    guide = parse_text(text, "g.guide.md")
    [closed] = [d for d in lint(guide) if d.name == "closed-question"]
    lines = [s.line for s in closed.related]
    assert len(lines) == copies - 1
    listed = ", ".join(map(str, lines[:LISTED_LINES]))
    assert closed.message.endswith(f"(and {copies - 1} more like it: lines {listed}, …).")
    assert str(lines[-1]) not in closed.message.split("lines ")[1]
    full = render_full(Report([closed], {"g.guide.md": guide}, files_checked=1))
    assert "= same at: lines " + ", ".join(map(str, lines)) in full


def test_missing_time_box_is_one_finding_for_the_plan():
    text = ("# G\n\n## Intro (5 min)\n\nWelcome.\n\n## Warm-up\n\n- What do you do?\n\n"
            "## Topics\n\n- What happened?\n\n## Wrap-up\n\n- What else should we know?\n")
    [missing] = [d for d in lint_snippet(text) if d.name == "missing-time-box"]
    assert missing.span.line == 7 and [s.line for s in missing.related] == [11, 15]
    assert '"Warm-up" and most sections beside it have no time box' in missing.message
    assert "and 2 more like it: lines 11, 15" in missing.message


def test_grouping_keeps_every_fix_and_the_highest_severity():
    fixes = [Fix("add the missing '?'", (Edit(n, n, "?"),)) for n in (20, 40, 60)]
    copies = [_d("GL107", n - 10, n, line=n // 10, fix=fix, group="what made you leave",
                 severity=Severity.WARNING if n == 40 else Severity.INFO) for n, fix in zip((20, 40, 60), fixes)]
    [first] = merge_findings(copies, CATALOGUE)
    assert first is copies[0] and first.severity is Severity.WARNING
    assert first.fix.edits == tuple(f.edits[0] for f in fixes)


def test_the_cache_keeps_what_merging_added():
    found = [d for d in lint_snippet("# G\n\n## Q (5 min)\n\n- Don't you love it?\n- Don't you love it?\n")
             if d.code.startswith("GL1")]
    [leading] = found
    again = from_json(json.loads(json.dumps(to_json(leading))))
    assert (again.message, again.base_message, again.also, again.related) == (
        leading.message, leading.base_message, leading.also, leading.related)
    assert again.related and again.also
