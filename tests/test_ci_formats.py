"""The CI formats: GitHub Actions workflow commands and SARIF 2.1.0.

SARIF output is validated on every run with sarif-pydantic (a maintained model of SARIF
2.1.0), and against the official OASIS SARIF 2.1.0 JSON schema (errata 01) at
../shared/sarif-2.1.0.json. The schema is not kept in this repository: no maintained package
ships it, and copies fetched from other repositories are not committed here. Without it,
``test_sarif_matches_the_official_schema`` is skipped with a reason that says so. The schema's ``uri`` formats need an
optional jsonschema extra, so URIs are also checked here against RFC 3986 directly.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pydantic
import pytest
import sarif_pydantic

from guidelint.catalogue import builtin
from guidelint.diagnostics import Diagnostic, Edit, Fix, Severity
from guidelint.model import Span
from guidelint.engine import lint
from guidelint.parser import parse_text
from guidelint.reporters import Report, get_renderer
from guidelint.reporters.github import escape_data, escape_property, render_github
from guidelint.reporters.sarif import render_sarif

ROOT = Path(__file__).resolve().parent.parent
_SCHEMA_PATH = ROOT.parent / "shared" / "sarif-2.1.0.json"
SCHEMA = json.loads(_SCHEMA_PATH.read_text(encoding="utf-8")) if _SCHEMA_PATH.is_file() else None
GUIDELINT = shutil.which("guidelint", path=str(Path(sys.executable).parent)) or shutil.which("guidelint")

# An emoji (one code point, two UTF-16 units) and accented letters before the finding.
UNICODE_GUIDE = "# Étude café ☕\n\n## Intro (5 min)\n\n1. 🎉 Crème brûlée — how was the onboarding call? {owner=sam}\n"


def guidelint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    command = [GUIDELINT] if GUIDELINT else [sys.executable, "-m", "guidelint"]
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([*command, *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8")


def diagnostic(severity=Severity.WARNING, *, path="guides/a.guide.md", message="Ask what, not whether.",
               span=Span(10, 14, 3, 5, 3, 9), code="GL102", name="closed-question", **kw) -> Diagnostic:
    return Diagnostic(code, name, severity, message, span, path, **kw)


def sarif(report: Report) -> dict:
    log = json.loads(render_sarif(report))
    validate_sarif(log)
    return log


# --- the runner's side of workflow commands, to check what it reads back ------------------

def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read a line as the Actions runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::") and "\n" not in line and "\r" not in line
    head, _, data = line[2:].partition("::")
    command, _, raw_properties = head.partition(" ")
    properties = {}
    for pair in filter(None, raw_properties.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = _unescape_property(value)
    return command, properties, _unescape_data(data)


# --- github ------------------------------------------------------------------------------


@pytest.mark.parametrize(("severity", "command"), [(Severity.ERROR, "error"), (Severity.WARNING, "warning"),
                                                    (Severity.INFO, "notice")])
def test_github_command_per_severity(severity, command):
    out = render_github(Report([diagnostic(severity)]))
    assert out == (f"::{command} file=guides/a.guide.md,line=3,col=5,endLine=3,endColumn=9,"
                   "title=GL102 closed-question::Ask what, not whether.\n")


def test_github_escapes_like_the_actions_toolkit():
    assert escape_data("100% done\r\nnext\nline: a, b") == "100%25 done%0D%0Anext%0Aline: a, b"
    assert escape_property("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae"
    # '%' first, or an escape sequence already in the text would be read back wrongly
    assert escape_data("%0A") == "%250A"


def test_github_paths_and_messages_with_separators_round_trip():
    path = "odd, name/50%: café.guide.md"
    message = "Line one: 100% sure, really?\nLine two\r\nend %0A"
    out = render_github(Report([diagnostic(Severity.ERROR, path=path, message=message)]))
    assert out.count("\n") == 1
    line = out.rstrip("\n")
    assert "file=odd%2C name/50%25%3A café.guide.md," in line
    command, properties, data = parse_workflow_command(line)
    assert command == "error"
    assert properties == {"file": path, "line": "3", "col": "5", "endLine": "3", "endColumn": "9",
                          "title": "GL102 closed-question"}
    assert data == message


def test_github_multi_line_span_leaves_out_columns():
    out = render_github(Report([diagnostic(span=Span(0, 40, 2, 3, 5, 1))]))
    _, properties, _ = parse_workflow_command(out.rstrip("\n"))
    assert properties == {"file": "guides/a.guide.md", "line": "2", "endLine": "5", "title": "GL102 closed-question"}


def test_github_paths_are_relative_with_forward_slashes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "sub" / "x.guide.md")
    out = render_github(Report([diagnostic(path=inside)]))
    assert parse_workflow_command(out.rstrip("\n"))[1]["file"] == "sub/x.guide.md"


def test_github_without_findings_prints_nothing():
    assert render_github(Report([], files_checked=3)) == ""


def test_github_from_the_cli():
    result = guidelint("check", "--format", "github", "examples/weak.guide.md")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    for line in lines:
        _, properties, message = parse_workflow_command(line)
        assert properties["file"] == "examples/weak.guide.md"
        assert re.fullmatch(r"GL\d{3} [a-z0-9-]+", properties["title"])
        assert message


# --- sarif: validity -----------------------------------------------------------------------

_URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$")


def validate_sarif(log: dict) -> None:
    try:
        sarif_pydantic.Sarif.model_validate(log)
    except pydantic.ValidationError as exc:
        raise AssertionError(str(exc)) from None
    if SCHEMA is not None:
        validator_class = jsonschema.validators.validator_for(SCHEMA)
        validator = validator_class(SCHEMA, format_checker=validator_class.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        for location in result.get("locations", []):
            artifact = location["physicalLocation"]["artifactLocation"]
            assert _URI_REFERENCE.match(artifact["uri"]), artifact["uri"]
            if "uriBaseId" in artifact:
                assert artifact["uriBaseId"] in run["originalUriBaseIds"]
                assert not urlsplit(artifact["uri"]).scheme and not artifact["uri"].startswith("/")
            region = location["physicalLocation"]["region"]
            assert (region["startLine"], region["startColumn"]) <= (region["endLine"], region["endColumn"])
    for base in run.get("originalUriBaseIds", {}).values():
        assert urlsplit(base["uri"]).scheme == "file" and base["uri"].endswith("/")


def test_sarif_matches_the_official_schema():
    if SCHEMA is None:
        pytest.skip(f"the official SARIF 2.1.0 schema is not at {_SCHEMA_PATH}: SARIF output was checked with "
                    "sarif-pydantic only, NOT against the schema")
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    result = guidelint("check", "examples", "--format", "sarif", "--exit-zero", "--no-cache")
    log = json.loads(result.stdout)
    assert log["runs"][0]["results"]
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    validator_class.check_schema(SCHEMA)
    errors = list(validator_class(SCHEMA, format_checker=validator_class.FORMAT_CHECKER).iter_errors(log))
    assert not errors, errors[:3]
    log["runs"][0]["results"][0]["level"] = "warn"
    assert list(validator_class(SCHEMA).iter_errors(log))


def test_validation_rejects_a_broken_log():
    if SCHEMA is not None:
        assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
        jsonschema.validators.validator_for(SCHEMA).check_schema(SCHEMA)
    broken = json.loads(render_sarif(Report([diagnostic()])))
    broken["runs"][0]["results"][0]["level"] = "warn"
    with pytest.raises(AssertionError):
        validate_sarif(broken)


def test_sarif_from_the_cli_over_examples_is_valid():
    result = guidelint("check", "--format", "sarif", "examples/")
    assert result.returncode in (0, 1), result.stderr
    log = json.loads(result.stdout)
    validate_sarif(log)
    (run,) = log["runs"]
    assert log["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "guidelint"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    assert run["results"], "examples/weak.guide.md has findings"
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"] for loc in r["locations"]}
    assert uris <= {f"examples/{p.name}" for p in (ROOT / "examples").glob("*.md")}


def test_sarif_for_one_file_through_the_cli_with_output_file(tmp_path):
    out = tmp_path / "reports" / "guidelint.sarif"
    result = guidelint("check", "--format", "sarif", "--output-file", str(out), "examples/weak.guide.md")
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    validate_sarif(log)
    json_out = json.loads(guidelint("check", "--format", "json", "examples/weak.guide.md").stdout)
    expected = [(d["code"], d["line"], d["column"], d["end_line"], d["end_column"]) for d in json_out["diagnostics"]]
    got = [(r["ruleId"], *(r["locations"][0]["physicalLocation"]["region"][k]
                            for k in ("startLine", "startColumn", "endLine", "endColumn")))
           for r in log["runs"][0]["results"]]
    assert got == expected


def test_sarif_columns_are_code_points_and_uris_are_percent_encoded(tmp_path):
    folder = tmp_path / "my guides"
    folder.mkdir()
    (folder / "café 100%.guide.md").write_text(UNICODE_GUIDE, encoding="utf-8")
    result = guidelint("check", "--format", "sarif", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    validate_sarif(log)
    (run,) = log["runs"]
    (finding,) = [r for r in run["results"] if r["ruleId"] == "GL005"]
    artifact = finding["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "my%20guides/caf%C3%A9%20100%25.guide.md", "uriBaseId": "%SRCROOT%"}
    assert unquote(artifact["uri"]) == "my guides/café 100%.guide.md"
    line = UNICODE_GUIDE.splitlines()[4]
    code_point_column = line.index("owner=sam") + 1
    utf16_column = len(line[: line.index("owner=sam")].encode("utf-16-le")) // 2 + 1
    assert utf16_column != code_point_column  # the emoji makes the two units differ
    region = finding["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 5
    assert region["startColumn"] == code_point_column
    assert region["snippet"]["text"] == line[region["startColumn"] - 1: region["endColumn"] - 1]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


# --- sarif: content ------------------------------------------------------------------------


def test_sarif_rules_describe_every_rule_in_the_results():
    catalogue = builtin()
    rule = catalogue.rules[0]
    other = catalogue.rules[-1]
    diagnostics = [diagnostic(Severity.ERROR, code=other.code, name=other.name),
                   diagnostic(Severity.INFO, code=rule.code, name=rule.name),
                   diagnostic(Severity.WARNING, code=other.code, name=other.name)]
    log = sarif(Report(diagnostics))
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({rule.code, other.code})
    described = {r["id"]: r for r in rules}[rule.code]
    assert described["name"] == "".join(part.capitalize() for part in rule.name.split("-"))
    assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", described["name"])
    assert described["shortDescription"]["text"] == (rule.summary or rule.message)
    assert described["fullDescription"]["text"] == (rule.why or rule.summary or rule.message)
    assert rule.code in described["help"]["text"] and described["help"]["markdown"]
    assert described["helpUri"] == f"https://github.com/guidelint/guidelint/blob/main/docs/rules.md#{rule.code.lower()}"
    assert described["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[str(rule.severity)]
    assert described["properties"]["guidelintName"] == rule.name
    assert [r["level"] for r in run["results"]] == ["error", "note", "warning"]
    assert [rules[r["ruleIndex"]]["id"] for r in run["results"]] == [d.code for d in diagnostics]


def test_sarif_describes_rules_outside_the_catalogue():
    log = sarif(Report([diagnostic(code="ACME12", name="banned-jargon", severity=Severity.ERROR)]))
    (described,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert described["id"] == "ACME12"
    assert described["name"] == "BannedJargon"
    assert described["defaultConfiguration"]["level"] == "error"


def test_sarif_keeps_the_suggestion_as_a_property():
    log = sarif(Report([diagnostic(suggestion="What made you look at other tools?")]))
    (result,) = log["runs"][0]["results"]
    assert result["properties"]["suggestion"] == "What made you look at other tools?"
    assert result["message"]["text"] == "Ask what, not whether."


def test_sarif_fixes_are_line_column_regions():
    source = "# Café ☕\n\n## 🎉 Intro (5 mins)\n\n- Did it work\n"
    guide = parse_text(source, "g.guide.md")
    start = source.index("5 mins")
    mark = source.index("Did it work") + len("Did it work")
    fix = Fix("Normalise the time box and add '?'", (Edit(start, start + 6, "5 min"), Edit(mark, mark, "?")))
    d = diagnostic(path="g.guide.md", span=guide.lines.span(start, start + 6), fix=fix)
    (result,) = sarif(Report([d], {"g.guide.md": guide}))["runs"][0]["results"]
    (change,) = result["fixes"][0]["artifactChanges"]
    assert result["fixes"][0]["description"]["text"] == "Normalise the time box and add '?'"
    assert change["artifactLocation"] == {"uri": "g.guide.md", "uriBaseId": "%SRCROOT%"}
    first, second = change["replacements"]
    assert first == {"deletedRegion": {"startLine": 3, "startColumn": 13, "endLine": 3, "endColumn": 19},
                     "insertedContent": {"text": "5 min"}}
    assert second["deletedRegion"] == {"startLine": 5, "startColumn": 14, "endLine": 5, "endColumn": 14}
    assert _apply(source, change["replacements"]) == "# Café ☕\n\n## 🎉 Intro (5 min)\n\n- Did it work?\n"


def test_sarif_fix_at_the_end_of_a_file_stays_on_its_last_line():
    source = "# Guide\n\n- Did it work?\n"
    guide = parse_text(source, "g.guide.md")
    end = len(source)
    fix = Fix("Add a closing note", (Edit(end, end, "> Thanks!\n"),))
    d = diagnostic(path="g.guide.md", span=guide.lines.span(source.index("- Did"), end), fix=fix)
    (result,) = sarif(Report([d], {"g.guide.md": guide}))["runs"][0]["results"]
    (replacement,) = result["fixes"][0]["artifactChanges"][0]["replacements"]
    # SARIF counts 3 lines here; the point after the last newline is (3, len + 1), not (4, 1)
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (3, 1, 3, 16)
    assert region["snippet"]["text"] == "- Did it work?\n"
    assert replacement["deletedRegion"] == {"startLine": 3, "startColumn": 16, "endLine": 3, "endColumn": 16}
    assert _apply(source, [replacement]) == source + "> Thanks!\n"


def test_sarif_repeated_pattern_has_valid_related_locations():
    source = "# Café ☕\n\n## A\n\n- 🎉 Did you like it?\n\n## B\n\n- Did you like it?\n"
    guide = parse_text(source, "g.guide.md")
    found = [d for d in lint(guide) if d.code == "GL102"]
    (result,) = sarif(Report(found, {"g.guide.md": guide}))["runs"][0]["results"]
    (related,) = result["relatedLocations"]
    assert related["id"] == 1 and related["message"]["text"]
    assert related["physicalLocation"]["artifactLocation"] == {"uri": "g.guide.md", "uriBaseId": "%SRCROOT%"}
    region = related["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (9, 3, "Did you")
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 5  # after "- 🎉 "


def test_sarif_with_related_locations_from_the_cli_is_valid(tmp_path):
    (tmp_path / "g.guide.md").write_text("# G\n\n## A\n\n- Did you like it?\n\n## B\n\n- Did you like it?\n")
    result = guidelint("check", "--format", "sarif", "g.guide.md", cwd=tmp_path)
    log = json.loads(result.stdout)
    validate_sarif(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"] if "relatedLocations" in r] == ["GL102"]


def test_sarif_deletion_has_no_inserted_content():
    source = "# Guide\n\n- What happened??\n"
    guide = parse_text(source, "g.guide.md")
    at = source.index("??")
    d = diagnostic(path="g.guide.md", span=guide.lines.span(at, at + 2), fix=Fix("Drop the extra '?'", (Edit(at, at + 1, ""),)))
    (result,) = sarif(Report([d], {"g.guide.md": guide}))["runs"][0]["results"]
    (replacement,) = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert "insertedContent" not in replacement


def _apply(source: str, replacements: list[dict]) -> str:
    """Apply SARIF replacements the way a viewer does: by line and code-point column."""
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    for replacement in sorted(replacements, key=lambda r: (r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]), reverse=True):
        region = replacement["deletedRegion"]
        a, b = offset(region["startLine"], region["startColumn"]), offset(region["endLine"], region["endColumn"])
        source = source[:a] + replacement.get("insertedContent", {}).get("text", "") + source[b:]
    return source


def test_sarif_paths_outside_the_working_folder_are_absolute_file_uris(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    outside = tmp_path / "elsewhere" / "x y.guide.md"
    log = sarif(Report([diagnostic(path=str(outside)), diagnostic(path="../elsewhere/x y.guide.md")]))
    for result in log["runs"][0]["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": outside.as_uri()}


def test_sarif_for_standard_input_has_no_location():
    (result,) = sarif(Report([diagnostic(path="-")]))["runs"][0]["results"]
    assert "locations" not in result


def test_sarif_without_findings_is_still_a_valid_run():
    log = sarif(Report([], files_checked=2))
    (run,) = log["runs"]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_renderers_are_registered():
    assert get_renderer("github") is render_github
    assert get_renderer("sarif") is render_sarif
