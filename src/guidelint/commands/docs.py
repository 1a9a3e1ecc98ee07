"""``guidelint rule X`` and ``guidelint rules``: the documentation of every rule."""

from __future__ import annotations

import json
import sys
import textwrap

from guidelint.catalogue import Catalogue, Rule, builtin
from guidelint.exits import EXIT_ERROR, EXIT_OK

STRICT_NOTE = ("In the strict set: off by default. It runs in strict mode (--strict, strict = true in the "
               "config, or strict: true in a guide's guidelint: front matter) or when selected by name "
               "(--extend-select {code}).")


def _indent(text: str) -> str:
    return textwrap.indent(text.rstrip("\n"), "    ")


def rule_doc(rule: Rule, catalogue: Catalogue | None = None) -> str:
    """ruff's fixed parts: what it does, why it matters, an example, what to write instead."""
    lines = [f"{rule.code} {rule.name} ({rule.severity}{', fixable' if rule.fixable else ''})", ""]
    lines += ["What it does", _wrap(rule.summary or rule.message), ""]
    lines += ["Why it matters", _wrap(rule.why), ""]
    if rule.fires:
        lines += ["Example (reported)", _indent(_example(rule, rule.fires[0])), ""]
    if rule.passes:
        lines += ["Write instead (not reported)", _indent(_example(rule, rule.passes[0])), ""]
    if rule.fires_strict:
        lines += ["Reported in strict mode only (--strict)", *(_indent(ex) for ex in rule.fires_strict), ""]
    if rule.suggest:
        lines += ["Suggestion", _wrap(str(rule.suggest)), ""]
    if rule.options:
        lines += ["Options"] + [f"    {k}: {v}" for k, v in rule.options.items()] + [""]
    ranking = ranking_note(rule, catalogue or builtin())
    if ranking:
        lines += ["One finding per span", _wrap(ranking), ""]
    if rule.strict:
        lines += ["Strict", _wrap(STRICT_NOTE.format(code=rule.code)), ""]
    lines.append(f"Message: {rule.message}")
    if not rule.default:
        lines.append("Off by default; turn it on with --extend-select " + rule.code + ".")
    return "\n".join(lines) + "\n"


def ranked_names(codes, catalogue: Catalogue) -> list[str]:
    """Rule names, the most important first."""
    depth = {c: sum(c in below for below in catalogue.outranked.values()) for c in codes}
    return [catalogue.by_code[c].name for c in sorted(codes, key=lambda c: (depth[c], c))]


def ranking_note(rule: Rule, catalogue: Catalogue) -> str:
    """Which findings this rule's finding stands for on the same words, and which stand for it."""
    def names(codes) -> str:
        ordered = ranked_names(codes, catalogue)
        return ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " and " + ordered[-1]

    below = catalogue.outranked.get(rule.code, frozenset())
    above = [code for code, lower in catalogue.outranked.items() if rule.code in lower]
    parts = []
    if below:
        which = "it reports" if len(below) == 1 else "one of them reports"
        parts.append(f"Outranks {names(below)}: when {which} on the same place, only this finding is shown, "
                     "and its message names the other.")
    if above:
        which = "it reports" if len(above) == 1 else "one of them reports"
        parts.append(f"Outranked by {names(above)}: when {which} on the same place, that finding is shown "
                     "instead, and its message names this rule.")
    return " ".join(parts)


def _example(rule: Rule, text: str) -> str:
    """A one-line example is a question in a guide; show it as the list item it would be."""
    return text if "\n" in text.strip() or text.startswith(("#", "---")) else f"- {text}"


def _wrap(text: str) -> str:
    return "\n".join(textwrap.fill(p, 88, initial_indent="    ", subsequent_indent="    ")
                     for p in text.split("\n\n") if p.strip()) or "    (none)"


def rule_json(rule: Rule) -> dict:
    return {"code": rule.code, "name": rule.name, "severity": str(rule.severity), "family": rule.family,
            "message": rule.message, "summary": rule.summary, "why": rule.why, "fixable": rule.fixable,
            "default": rule.default, "strict": rule.strict,
            "outranks": ranked_names(builtin().outranked.get(rule.code, ()), builtin()),
            "fires": list(rule.fires), "passes": list(rule.passes), "fires_strict": list(rule.fires_strict),
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


def rules_markdown() -> str:
    """docs/rules.md: every rule in ruff's fixed parts, one anchor per code (SARIF links here)."""
    catalogue = builtin()
    out = ["# guidelint rules", "",
           "Generated by `guidelint rules --format markdown > docs/rules.md`; do not edit by hand.", ""]
    current = None
    for rule in catalogue.rules:
        if rule.family != current:
            current = rule.family
            family = catalogue.families.get(current)
            out += [f"## {family.title if family else current}", ""]
            if family and family.description:
                out += [family.description, ""]
        flags = ([str(rule.severity)] + (["fixable"] if rule.fixable else []) + ([] if rule.default else ["off by default"])
                 + (["strict"] if rule.strict else []))
        out += [f'<a id="{rule.code.lower()}"></a>', "", f"### {rule.code} {rule.name}", "", f"*{', '.join(flags)}*", ""]
        out += ["**What it does.** " + (rule.summary or rule.message), ""]
        out += ["**Why it matters.** " + " ".join(rule.why.split()), ""]
        if rule.fires:
            out += ["**Example** (reported):", "", "````markdown", _example(rule, rule.fires[0]).rstrip("\n"), "````", ""]
        if rule.passes:
            out += ["**Write instead** (not reported):", "", "````markdown", _example(rule, rule.passes[0]).rstrip("\n"), "````", ""]
        if rule.fires_strict:
            out += ["**Reported in strict mode only** (`--strict`):", ""]
            for ex in rule.fires_strict:
                # a whole guide (front matter, headings) is shown as one, not as a list item
                out += ["````markdown", ex.rstrip("\n"), "````", ""] if "\n" in ex.rstrip("\n") else [f"- {ex}"]
            if out[-1] != "":
                out.append("")
        if rule.options:
            out += ["**Options:** " + ", ".join(f"`{k}` (default {v})" for k, v in rule.options.items() if not isinstance(v, list)), ""]
        ranking = ranking_note(rule, catalogue)
        if ranking:
            out += ["**One finding per span.** " + ranking, ""]
        if rule.strict:
            out += ["**Strict.** " + STRICT_NOTE.format(code=rule.code), ""]
        out += [f"Message: {rule.message}", ""]
    return "\n".join(out).rstrip() + "\n"


def run_rules(args) -> int:
    catalogue = builtin()
    if args.format == "markdown":
        sys.stdout.write(rules_markdown())
        return EXIT_OK
    if args.format == "json":
        sys.stdout.write(json.dumps({"version": 1, "rules": [rule_json(r) for r in catalogue.rules]}, indent=2) + "\n")
        return EXIT_OK
    current = None
    for rule in catalogue.rules:
        if rule.family != current:
            current = rule.family
            family = catalogue.families.get(current)
            sys.stdout.write(("\n" if rule is not catalogue.rules[0] else "") + f"{family.title if family else current}\n")
        flag = ("" if rule.default else "  (off by default)") + ("  (strict)" if rule.strict else "")
        sys.stdout.write(f"  {rule.code}  {rule.name:<28} {str(rule.severity):<8} {rule.summary or rule.message}{flag}\n")
    return EXIT_OK
