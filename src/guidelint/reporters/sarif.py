"""SARIF 2.1.0: one run for GitHub code scanning and other SARIF viewers.

Choices that follow the spec (OASIS SARIF 2.1.0, errata 01):

- ``run.columnKind`` is ``unicodeCodePoints`` (§3.14.27): guidelint counts columns in code
  points, so an emoji is one column, not the two UTF-16 units a viewer may count.
- ``run.newlineSequences`` adds a lone ``\\r`` (§3.14.26): guidelint ends lines there too,
  and SARIF's default list does not.
- Locations are relative URIs, percent-encoded (RFC 3986), against ``%SRCROOT%``, which
  ``originalUriBaseIds`` sets to the working folder (§3.4.7, §3.14.14). A file outside it is
  an absolute ``file:`` URI with no base.
- ``reportingDescriptor.name`` is the rule name in PascalCase (``LeadingQuestion``), as the
  SARIF validator's guidance asks; the kebab-case name stays in ``properties``.
- A repeated pattern is one result whose other places are ``relatedLocations`` (§3.27.22),
  in the same file.
- Fixes give each edit as a line/column ``deletedRegion`` rather than ``charOffset``, whose
  unit viewers read differently.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from guidelint import __version__
from guidelint.catalogue import Rule, builtin
from guidelint.commands.docs import rule_doc
from guidelint.diagnostics import Diagnostic, Fix, Severity
from guidelint.model import Guide, Span
from guidelint.reporters import Report
from guidelint.reporters.github import STDIN, portable_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/guidelint/guidelint"
#: rule documentation: docs/rules.md in the repository, one anchor per code (#gl101)
RULES_DOC_URI = INFORMATION_URI + "/blob/main/docs/rules.md"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
NEWLINE_SEQUENCES = ["\r\n", "\n", "\r"]


def pascal_case(kebab: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in kebab.split("-") if part)


def help_uri(code: str) -> str:
    return f"{RULES_DOC_URI}#{code.lower()}"


def artifact_location(path: str) -> dict | None:
    posix = portable_path(path)
    if posix in ("", STDIN):
        return None
    if Path(posix).is_absolute() or posix.split("/", 1)[0] == "..":
        return {"uri": Path(path).resolve().as_uri()}
    # quote() also encodes ':', so a first segment like "a:b.md" is not read as a scheme
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _srcroot() -> dict:
    root = Path.cwd().as_uri()
    return {SRCROOT: {"uri": root if root.endswith("/") else root + "/",
                      "description": {"text": "The folder guidelint was run from; result paths are relative to it."}}}


def _rule_help_markdown(rule: Rule) -> str:
    parts = [f"**{rule.code} {rule.name}** ({rule.severity})", rule.summary or rule.message]
    if rule.why:
        parts += ["**Why it matters**", rule.why]
    if rule.fires:
        parts += ["**Reported**", _fenced(rule.fires[0])]
    if rule.passes:
        parts += ["**Write instead**", _fenced(rule.passes[0])]
    parts.append(f"Run `guidelint rule {rule.code}` for the full documentation.")
    return "\n\n".join(parts)


def _fenced(example: str) -> str:
    fence = "~~~~" if "~~~" in example else "~~~"
    return f"{fence}markdown\n{example.rstrip()}\n{fence}"


def _descriptor(code: str, rule: Rule | None, first: Diagnostic) -> dict:
    if rule is None:  # a rule pack's rule or one the catalogue does not list
        name = first.name or code
        return {
            "id": code,
            "name": pascal_case(name),
            "shortDescription": {"text": name.replace("-", " ").capitalize() + "."},
            "defaultConfiguration": {"level": LEVELS[first.severity]},
            "properties": {"guidelintName": name},
        }
    return {
        "id": rule.code,
        "name": pascal_case(rule.name),
        "shortDescription": {"text": rule.summary or rule.message},
        "fullDescription": {"text": rule.why or rule.summary or rule.message},
        "help": {"text": rule_doc(rule), "markdown": _rule_help_markdown(rule)},
        "helpUri": help_uri(rule.code),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"guidelintName": rule.name, "tags": [rule.family]},
    }


def _sarif_position(guide: Guide | None, line: int, column: int) -> tuple[int, int]:
    """guidelint counts an empty line after a final newline; SARIF ends the file on the line before."""
    if guide is None:
        return line, column
    starts = guide.lines.starts
    if column == 1 and line == len(starts) > 1 and starts[-1] == len(guide.source):
        return line - 1, starts[-1] - starts[-2] + 1
    return line, column


def _position(guide: Guide, offset: int) -> tuple[int, int]:
    return _sarif_position(guide, *guide.lines.position(offset))


def _region(span: Span, guide: Guide | None) -> dict:
    start_line, start_column = _sarif_position(guide, span.line, span.column)
    end_line, end_column = _sarif_position(guide, span.end_line, span.end_column)
    region = {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}
    if (guide is not None and 0 <= span.start < span.end <= len(guide.source)
            and guide.lines.position(span.start) == (span.line, span.column)):
        region["snippet"] = {"text": guide.source[span.start:span.end]}
    return region


def _fix(fix: Fix, location: dict, guide: Guide) -> dict | None:
    replacements = []
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        if not 0 <= edit.start <= edit.end <= len(guide.source):
            return None
        start_line, start_column = _position(guide, edit.start)
        end_line, end_column = _position(guide, edit.end)
        replacement: dict = {"deletedRegion": {"startLine": start_line, "startColumn": start_column,
                                               "endLine": end_line, "endColumn": end_column}}
        if edit.text:
            replacement["insertedContent"] = {"text": edit.text}
        replacements.append(replacement)
    if not replacements:
        return None
    return {"description": {"text": fix.description}, "artifactChanges": [{"artifactLocation": location, "replacements": replacements}]}


def _result(d: Diagnostic, rule_index: int, guide: Guide | None) -> dict:
    result: dict = {"ruleId": d.code, "ruleIndex": rule_index, "level": LEVELS[d.severity], "message": {"text": d.message}}
    location = artifact_location(d.path)
    if location is not None:
        result["locations"] = [{"physicalLocation": {"artifactLocation": location, "region": _region(d.span, guide)}}]
        if d.related:
            # the other places of a repeated pattern (§3.27.22); ids are unique within the result
            result["relatedLocations"] = [
                {"id": i, "physicalLocation": {"artifactLocation": location, "region": _region(span, guide)},
                 "message": {"text": "The same problem again."}}
                for i, span in enumerate(d.related, start=1)]
        fix = _fix(d.fix, location, guide) if d.fix is not None and guide is not None else None
        if fix is not None:
            result["fixes"] = [fix]
    properties = {"guidelintName": d.name}
    if guide is not None and guide.unit != "line":
        # SARIF regions count lines; in a Word guide guidelint's "line" is the paragraph's number
        properties["unit"] = guide.unit
    if d.suggestion:
        properties["suggestion"] = d.suggestion
    result["properties"] = properties
    return result


def sarif_log(report: Report) -> dict:
    catalogue = builtin()
    first_of: dict[str, Diagnostic] = {}
    for d in report.diagnostics:
        first_of.setdefault(d.code, d)
    codes = sorted(first_of)
    index = {code: i for i, code in enumerate(codes)}
    rules = [_descriptor(code, catalogue.by_code.get(code), first_of[code]) for code in codes]
    results = [_result(d, index[d.code], report.guides.get(d.path)) for d in report.diagnostics]
    run = {
        "tool": {"driver": {"name": "guidelint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": rules}},
        "originalUriBaseIds": _srcroot(),
        "columnKind": "unicodeCodePoints",
        "newlineSequences": NEWLINE_SEQUENCES,
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report) -> str:
    # ASCII-only JSON is still UTF-8 (as SARIF requires) whatever the console's encoding is
    return json.dumps(sarif_log(report), indent=2) + "\n"
