"""``guidelint rule X`` and ``guidelint rules``: the documentation of every rule."""

from __future__ import annotations

import json
import sys
import textwrap

from guidelint.catalogue import Rule, builtin
from guidelint.cli import EXIT_ERROR, EXIT_OK


def _indent(text: str) -> str:
    return textwrap.indent(text.rstrip("\n"), "    ")


def rule_doc(rule: Rule) -> str:
    """ruff's fixed parts: what it does, why it matters, an example, what to write instead."""
    lines = [f"{rule.code} {rule.name} ({rule.severity}{', fixable' if rule.fixable else ''})", ""]
    lines += ["What it does", _wrap(rule.summary or rule.message), ""]
    lines += ["Why it matters", _wrap(rule.why), ""]
    if rule.fires:
        lines += ["Example (reported)", _indent(_example(rule, rule.fires[0])), ""]
    if rule.passes:
        lines += ["Write instead (not reported)", _indent(_example(rule, rule.passes[0])), ""]
    if rule.suggest:
        lines += ["Suggestion", _wrap(str(rule.suggest)), ""]
    if rule.options:
        lines += ["Options"] + [f"    {k}: {v}" for k, v in rule.options.items()] + [""]
    lines.append(f"Message: {rule.message}")
    if not rule.default:
        lines.append("Off by default; turn it on with --extend-select " + rule.code + ".")
    return "\n".join(lines) + "\n"


def _example(rule: Rule, text: str) -> str:
    return text if "\n" in text.strip() else text


def _wrap(text: str) -> str:
    return "\n".join(textwrap.fill(p, 88, initial_indent="    ", subsequent_indent="    ")
                     for p in text.split("\n\n") if p.strip()) or "    (none)"


def rule_json(rule: Rule) -> dict:
    return {"code": rule.code, "name": rule.name, "severity": str(rule.severity), "family": rule.family,
            "message": rule.message, "summary": rule.summary, "why": rule.why, "fixable": rule.fixable,
            "default": rule.default, "fires": list(rule.fires), "passes": list(rule.passes),
            "suggest": rule.suggest, "options": rule.options}


def run_rule(args) -> int:
    rule = builtin().get(args.rule)
    if rule is None:
        import difflib

        names = [r.name for r in builtin().rules]
        close = difflib.get_close_matches(args.rule.lower(), names, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see 'guidelint rules'"
        sys.stderr.write(f"guidelint: error: no rule '{args.rule}'{hint}\n")
        return EXIT_ERROR
    sys.stdout.write(rule_doc(rule))
    return EXIT_OK


def run_rules(args) -> int:
    catalogue = builtin()
    if args.format == "json":
        sys.stdout.write(json.dumps({"version": 1, "rules": [rule_json(r) for r in catalogue.rules]}, indent=2) + "\n")
        return EXIT_OK
    current = None
    for rule in catalogue.rules:
        if rule.family != current:
            current = rule.family
            family = catalogue.families.get(current)
            sys.stdout.write(("\n" if rule is not catalogue.rules[0] else "") + f"{family.title if family else current}\n")
        flag = "" if rule.default else "  (off by default)"
        sys.stdout.write(f"  {rule.code}  {rule.name:<28} {str(rule.severity):<8} {rule.summary or rule.message}{flag}\n")
    return EXIT_OK
