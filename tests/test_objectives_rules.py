"""Objectives rules (GL5xx): every objective has a question; every {objective=ID} is declared."""

from __future__ import annotations

import pytest

from guidelint.checks.objectives import declared_objectives
from guidelint.parser import parse_text
from tests.conftest import EXAMPLES, real_guide
from tests.helpers import codes, lint_snippet

MAPPING = "objectives:\n  pain: What slowed the team down\n  metrics: Results since the switch\n"


def guide(body: str, objectives: str | None = MAPPING, extra: str = "") -> str:
    front = f"---\ntitle: Story\n{objectives or ''}{extra}---\n" if objectives is not None or extra else ""
    return f"{front}# Guide\n\n{body}"


def findings(text: str, rule: str = "GL5"):
    return lint_snippet(text, select=[rule])


def positions(found):
    return [(d.code, d.span.line, d.span.column) for d in found]


# ---- GL501 objective-not-covered -------------------------------------------------------------

def test_every_objective_covered_passes():
    body = "## Questions\n\n- What got in the way? {objective=pain}\n- What changed? {objective=metrics}\n"
    assert findings(guide(body)) == []


def test_an_uncovered_objective_is_reported_on_its_line_in_the_front_matter():
    found = findings(guide("## Questions\n\n- What got in the way? {objective=pain}\n"))
    assert positions(found) == [("GL501", 5, 3)]
    assert found[0].message == ('Objective "metrics" (Results since the switch) has no question; '
                                "add {objective=metrics} to a question that covers it, or drop the objective.")


def test_each_uncovered_objective_is_reported_once():
    found = findings(guide("## Questions\n\n- What got in the way?\n- What changed?\n"))
    assert positions(found) == [("GL501", 4, 3), ("GL501", 5, 3)]


def test_comma_separated_ids_cover_each_objective():
    assert findings(guide("## Questions\n\n- What changed, and why? {objective=pain,metrics}\n")) == []
    assert findings(guide('## Questions\n\n- What changed, and why? {objective="pain, metrics"}\n')) == []


def test_a_probe_covers_an_objective():
    body = "## Questions\n\n- What got in the way? {objective=pain}\n  - How did you measure it? {objective=metrics}\n"
    assert findings(guide(body)) == []


def test_a_heading_covers_the_questions_under_it_and_its_subsections():
    body = ("## Challenges {objective=pain}\n\n- What got in the way?\n\n"
            "## Results {objective=metrics}\n\n### Numbers\n\n- Which numbers do you watch?\n")
    assert findings(guide(body)) == []


def test_a_heading_with_nothing_under_it_covers_nothing():
    body = "## Challenges {objective=pain}\n\n- What got in the way?\n\n## Results {objective=metrics}\n"
    assert positions(findings(guide(body), "objective-not-covered")) == [("GL501", 5, 3)]


def test_a_task_heading_covers_its_objective():
    body = ("## Tasks\n\n### Task 1: Renew a book {objective=pain}\n\nPROMPT: Renew the book.\n\n"
            "- How did that go? {objective=metrics}\n")
    assert findings(guide(body), "objective-not-covered") == []


@pytest.mark.parametrize("objectives,line,column", [
    ("objectives:\n  - pain\n  - metrics\n", 5, 5),
    ("objectives:\n- pain\n- metrics\n", 5, 3),
    ("objectives:\n  - pain: What slowed the team down\n  - metrics: Results since the switch\n", 5, 5),
    ("objectives:\n  - id: pain\n    text: What slowed the team down\n  - id: metrics\n    text: Results\n", 6, 9),
    ("objectives: [pain, metrics]\n", 3, 20),
    ("objectives: {pain: What slowed them down, metrics: Results}\n", 3, 43),
    ("objectives:\n  'pain': What slowed the team down\n  \"metrics\": Results since the switch\n", 5, 4),
])
def test_other_shapes_of_objectives(objectives, line, column):
    found = findings(guide("## Questions\n\n- What got in the way? {objective=pain}\n", objectives))
    assert positions(found) == [("GL501", line, column)]
    assert '"metrics"' in found[0].message


def test_the_objective_line_is_found_when_other_keys_follow():
    text = guide("## Questions\n\n- What got in the way? {objective=pain}\n", extra="duration: 30 min\nmetrics: 3\n")
    assert positions(findings(text)) == [("GL501", 5, 3)]


def test_an_objective_id_that_is_also_a_later_key_is_found_in_the_objectives_block():
    objectives = "objectives:\n  pain: What slowed them\n  duration: How long it took\n"
    text = guide("## Questions\n\n- What got in the way? {objective=pain}\n", objectives, extra="duration: 30 min\n")
    assert positions(findings(text, "objective-not-covered")) == [("GL501", 5, 3)]


def test_declared_objectives_accepts_every_shape():
    def read(front):
        return declared_objectives(parse_text(f"---\n{front}---\n# G\n"))

    assert read(MAPPING) == {"pain": "What slowed the team down", "metrics": "Results since the switch"}
    assert read("objectives: [pain, 2024]\n") == {"pain": "", "2024": ""}
    assert read("objectives:\n  - pain: Slow\n  - metrics: Results\n") == {"pain": "Slow", "metrics": "Results"}
    assert read("objectives:\n  - id: pain\n    text: Slow\n") == {"pain": "Slow"}
    assert read("objectives:\n") == {}
    assert read("title: x\n") is None
    assert read("objectives: learn things\n") is None


def test_no_objectives_no_coverage_findings():
    assert findings(guide("## Questions\n\n- What got in the way?\n", None), "objective-not-covered") == []
    assert findings(guide("## Questions\n\n- What got in the way?\n", "objectives:\n"), "GL5") == []


def test_an_uncovered_objective_without_a_line_sits_at_the_anchor():
    # front matter that cannot be located line by line (an anchor, an alias) falls back to the anchor
    text = guide("## Questions\n\n- What got in the way? {objective=pain}\n",
                 "ids: &ids {pain: Slow, metrics: Results}\nobjectives: *ids\n")
    assert positions(findings(text, "objective-not-covered")) == [("GL501", 6, 1)]  # on "# Guide"


def test_invalid_front_matter_is_left_to_the_file_rules():
    text = "---\nobjectives: [unclosed\n---\n# Guide\n\n- What got in the way? {objective=pain}\n"
    assert findings(text) == []


# ---- GL502 unknown-objective -----------------------------------------------------------------

def test_an_unknown_objective_suggests_the_closest_id():
    body = "## Questions\n\n- What got in the way? {objective=pian}\n- What changed? {objective=metrics}\n"
    found = findings(guide(body))
    assert positions([d for d in found if d.code == "GL502"]) == [("GL502", 11, 35)]
    unknown = next(d for d in found if d.code == "GL502")
    assert unknown.message == 'Objective "pian" is not in the front matter; did you mean "pain"?'
    assert unknown.suggestion == "pain"


def test_a_case_difference_suggests_the_declared_spelling():
    found = findings(guide("## Q\n\n- What got in the way? {objective=Pain}\n"), "unknown-objective")
    assert found[0].suggestion == "pain"


def test_an_unknown_objective_without_a_close_id_lists_the_declared_ones():
    found = findings(guide("## Q\n\n- What got in the way? {objective=growth}\n"), "unknown-objective")
    assert found[0].message == ('Objective "growth" is not in the front matter; declared: pain, metrics; '
                                "add it under objectives: in the front matter or fix the id.")
    assert found[0].suggestion is None


def test_each_unknown_id_in_a_comma_list_is_reported_at_its_own_column():
    found = findings(guide("## Q\n\n- What changed? {objective=pain,roi,metrics,nps}\n"), "unknown-objective")
    assert positions(found) == [("GL502", 11, 33), ("GL502", 11, 45)]
    assert [d.message.split('"')[1] for d in found] == ["roi", "nps"]


def test_an_unknown_objective_on_a_heading():
    body = "## Results {objective=roi}\n\n- What changed? {objective=metrics}\n- What got in the way? {objective=pain}\n"
    found = findings(guide(body))
    assert positions(found) == [("GL502", 9, 23)]


def test_an_unknown_objective_on_a_probe():
    body = "## Q\n\n- What got in the way? {objective=pain,metrics}\n  - How much did it cost? {objective=cost}\n"
    assert positions(findings(guide(body))) == [("GL502", 12, 38)]


def test_objectives_used_but_none_declared():
    found = findings("# Guide\n\n## Q\n\n- What got in the way? {objective=pain}\n")
    assert positions(found) == [("GL502", 5, 35)]
    assert found[0].message == 'Objective "pain" is not declared; add it under objectives: in the front matter.'


def test_known_objectives_pass():
    body = "## Results {objective=metrics}\n\n- What changed?\n- What got in the way? {objective=pain}\n"
    assert findings(guide(body), "unknown-objective") == []


def test_other_attributes_are_not_objectives():
    body = "## Q\n\n- What got in the way? {objective=pain id=q1}\n- Else? {objective=metrics}\n"
    assert findings(guide(body)) == []


# ---- examples and real guides ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["case-study", "customer-discovery", "plain-interview", "usability-test",
                                  "user-research"])
def test_good_examples_get_nothing_from_the_family(name):
    assert findings((EXAMPLES / f"{name}.guide.md").read_text(encoding="utf-8")) == []


def test_the_weak_example():
    found = findings((EXAMPLES / "weak.guide.md").read_text(encoding="utf-8"))
    assert positions(found) == [("GL501", 9, 3), ("GL502", 41, 56)]
    assert '"support"' in found[0].message
    assert '"growth"' in found[1].message


@pytest.mark.parametrize("prefix", ["01", "02", "04", "08", "09", "10", "11", "12", "14", "15"])
def test_real_guides_declare_no_objectives_and_get_nothing(prefix):
    path = real_guide(prefix)
    assert codes(findings(path.read_text(encoding="utf-8"))) == []
