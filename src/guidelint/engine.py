"""The engine: runs the selected rules over a parsed guide and applies suppressions.

One parse per file; every check reads the model. Checks report through ``Context.report``,
which drops disabled rules, applies severity overrides and builds plain ``Diagnostic``s.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Callable, Iterable

from guidelint import checks as check_registry
from guidelint.brief import brief
from guidelint.catalogue import Catalogue, builtin
from guidelint.config import ConfigError, Layer, Settings, apply_table, matches_glob, parse_duration, without_network
from guidelint.context import Context
from guidelint.diagnostics import Diagnostic, Edit, Fix
from guidelint.merging import merge_findings
from guidelint.model import Guide, Span
from guidelint.parser import parse_bytes, parse_text
from guidelint.profiles import get_profile
from guidelint.timing import SessionLength


class SelectorError(Exception):
    def __init__(self, selector: str, suggestion: str | None) -> None:
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        super().__init__(f"unknown rule or prefix {brief(selector)}{hint}")
        self.selector = selector


def expand_selector(catalogue: Catalogue, selector: str, *, strict: bool = True) -> set[str]:
    """The codes a selector names. With ``strict`` False, ``ALL`` and prefixes leave out the
    strict rules (as ruff's ALL leaves out preview rules); a rule's own code or name never does."""
    selector = selector.strip()
    if selector.upper() == "ALL":
        return {r.code for r in catalogue.rules if strict or not r.strict}
    rule = catalogue.get(selector)
    if rule is not None:
        return {rule.code}
    upper = selector.upper()
    codes = {r.code for r in catalogue.rules if r.code.startswith(upper)}
    if codes and upper[:1].isalpha():
        return {code for code in codes if strict or not catalogue.by_code[code].strict}
    raise SelectorError(selector, _closest_rule(catalogue, selector))


def selected_codes(catalogue: Catalogue, layers: Iterable[Layer], *, strict: bool = False) -> set[str]:
    """The enabled rules: the defaults (with the strict set in strict mode), then each layer."""
    enabled = {r.code for r in catalogue.rules if r.default and (strict or not r.strict)}
    for layer in layers:
        if layer.select is not None:
            enabled = set().union(*(expand_selector(catalogue, s, strict=strict) for s in layer.select)) \
                if layer.select else set()
        for s in layer.extend_select:
            enabled |= expand_selector(catalogue, s, strict=strict)
        for s in [*layer.ignore, *layer.extend_ignore]:
            enabled -= expand_selector(catalogue, s)
    enabled |= {r.code for r in catalogue.rules if r.fatal}
    return enabled


def settings_for_guide(guide: Guide, settings: Settings, cli: Settings | None = None, *,
                       front_matter: bool = True) -> Settings:
    """Config file, then the guide's front-matter ``guidelint:`` table, then the command line."""
    meta = guide.meta
    table = meta.get("guidelint") if front_matter else None
    effective = settings
    if table is not None and not isinstance(table, dict):
        raise ConfigError(guide.path, "guidelint", "must be a mapping of settings")
    if isinstance(table, dict):
        effective = apply_table(settings, table, guide.path, settings.root, front_matter=True)
    if "profile" in meta and isinstance(meta["profile"], str):
        effective = effective.copy()
        effective.profile = meta["profile"]
    if cli is not None:
        effective = effective.copy()
        effective.layers.extend(cli.layers)
        if cli.profile:
            effective.profile = cli.profile
        if cli.duration:
            effective.duration = cli.duration
            effective.duration_from_command_line = True
        effective.severity.update(cli.severity)
        if cli.strict is not None:
            effective.strict = cli.strict
        if cli.languagetool.url:
            effective.languagetool.url = cli.languagetool.url
            effective.languagetool.enabled = True
    return effective


def check_selectors(settings: Settings, catalogue: Catalogue) -> None:
    """Every rule a config file names exists: a ConfigError names the file and the key, where
    the selection itself would only say which selector it could not read."""
    keys = ("select", "extend-select", "ignore", "extend-ignore")
    for layer in settings.layers:
        for key, selectors in zip(keys, (layer.select or [], layer.extend_select, layer.ignore, layer.extend_ignore)):
            for selector in selectors:
                try:
                    expand_selector(catalogue, selector)
                except SelectorError as exc:
                    raise ConfigError(settings.source or "configuration", key, str(exc)) from None
    for pattern, selectors in settings.per_file_ignores.items():
        for selector in selectors:
            try:
                expand_selector(catalogue, selector)
            except SelectorError as exc:
                raise ConfigError(settings.source or "configuration", f"per-file-ignores.{pattern}", str(exc)) from None
    for key in settings.severity:
        problem = severity_key_problem(catalogue, key)
        if problem:
            raise ConfigError(settings.source or "configuration", f"severity.{key}", problem)


def severity_key_problem(catalogue: Catalogue, key: str) -> str | None:
    """Why a ``severity`` override names no rule, or None. A misspelt rule there changed nothing
    without a word; Context.report looks the override up by the exact code or name, so "gl004"
    would not apply either."""
    rule = catalogue.get(key)
    if rule is not None and key in (rule.code, rule.name):
        return None
    near = (rule.code if key.upper() == rule.code else rule.name) if rule else _closest_rule(catalogue, key)
    hint = f"; did you mean '{near}'?" if near else ""
    return f"unknown rule '{key}' (a rule's code or name){hint}"


def per_file_ignored(path: str, settings: Settings, catalogue: Catalogue) -> set[str]:
    out: set[str] = set()
    if not settings.per_file_ignores:
        return out  # (most configurations have none: no Path made for every guide)
    p = Path(path)
    for pattern, selectors in settings.per_file_ignores.items():
        if matches_glob(p, pattern, settings.root) or fnmatch.fnmatchcase(p.name, pattern):
            for s in selectors:
                out |= expand_selector(catalogue, s)
    return out


def fatal_problems(guide: Guide, catalogue: Catalogue) -> list[Diagnostic]:
    """The parser's problems that stop a file being read as a guide (binary, damaged, too large)."""
    out = []
    for problem in guide.problems:
        rule = catalogue.get(problem.code)
        if rule is not None and rule.fatal:
            out.append(Diagnostic(rule.code, rule.name, rule.severity, problem.message, problem.span, guide.path, fatal=True))
    return out


def _report_problems(ctx: Context) -> list[Diagnostic]:
    """Parser problems: fatal ones (unreadable files) always stand; the rest are rules like any."""
    fatal = fatal_problems(ctx.guide, ctx.catalogue)
    for problem in ctx.guide.problems:
        rule = ctx.catalogue.get(problem.code)
        if rule is None or rule.fatal:  # (the parser only reports catalogued problems)
            continue
        fix = None
        if problem.replacement is not None:
            fix = Fix(f"write the time box as {problem.replacement}",
                      (Edit(problem.span.start, problem.span.end, problem.replacement),))
        # the same problem said the same way twice ("X minutes" left in two headings) is one
        # mistake repeated: one finding that lists its other places
        ctx.report(rule.name, problem.span, problem.message, fix=fix, group=problem.message)
    return fatal


def lint(
    guide: Guide,
    settings: Settings | None = None,
    *,
    cli: Settings | None = None,
    catalogue: Catalogue | None = None,
) -> list[Diagnostic]:
    """All diagnostics for one parsed guide, sorted by position."""
    settings = settings or Settings()
    base = catalogue or builtin()
    if settings.rule_packs:
        base = base.with_packs(settings.rule_packs)
    check_selectors(settings, base)
    problems: list[Diagnostic] = []

    def table_problem(message: str) -> None:
        """A problem with the front matter's ``guidelint:`` table: that guide's finding, on the table."""
        rule = base.get("front-matter-invalid")
        span = _table_span(guide) or guide.lines.span(0, 0)
        problems.append(Diagnostic(rule.code, rule.name, rule.severity, message, span, guide.path))

    table = guide.meta.get("guidelint")
    for key in without_network(table)[1] if isinstance(table, dict) else ():
        table_problem(f"guidelint.{key} in front matter is ignored: a guide may not switch on network access or choose "
                      "where its text is sent; set LanguageTool in the config file or with --languagetool")
    try:
        effective = settings_for_guide(guide, settings, cli)
    except ConfigError as exc:
        table_problem(str(exc).split(": ", 1)[-1])
        effective = settings_for_guide(guide, settings, cli, front_matter=False)
    for key in effective.severity.keys() - settings.severity.keys() - (cli.severity.keys() if cli else set()):
        problem = severity_key_problem(base, key)  # from the front matter: that guide's problem, as a bad selector is
        if problem:
            table_problem(f"guidelint.severity: {problem}")
    try:
        enabled = selected_codes(base, effective.layers, strict=bool(effective.strict))
    except SelectorError as exc:
        # A bad selector in a guide's front matter is that guide's problem; one in the config
        # or on the command line is the run's, and raises from the line below.
        enabled = selected_codes(base, [*settings.layers, *(cli.layers if cli else [])], strict=bool(effective.strict))
        table_problem(f"guidelint: {exc}")
    ignored = per_file_ignored(guide.path, effective, base)
    if ignored:
        enabled -= ignored - {r.code for r in base.rules if r.fatal}
    profile = get_profile(effective.profile)
    ctx = Context(guide, effective, base, profile, enabled)
    fatal = _report_problems(ctx)
    if not fatal:
        for run in check_registry.checks_for(ctx):
            run(ctx)
    problems.extend(fatal)
    # ranked and grouped after suppressions: a suppressed finding neither hides nor joins another
    diagnostics = merge_findings(problems + apply_suppressions(ctx, ctx.diagnostics), base)
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def _table_span(guide: Guide) -> Span | None:
    return guide.front_matter.key_spans.get("guidelint") if guide.front_matter is not None else None


def apply_suppressions(ctx: Context, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop findings that inline comments suppress; report suppressions that did nothing."""
    guide = ctx.guide
    catalogue = ctx.catalogue
    if not guide.suppressions:
        return diagnostics
    resolved: list[tuple[object, set[str] | None, list[str]]] = []
    for sup in guide.suppressions:
        codes: set[str] | None = None
        unknown: list[str] = []
        if sup.rules:
            codes = set()
            for key in sup.rules:
                rule = catalogue.get(key)
                if rule is None:
                    unknown.append(key)
                else:
                    codes.add(rule.code)
        resolved.append((sup, codes, unknown))
    # disable … enable ranges, per rule (None: every rule)
    ranges: list[tuple[int, int, set[str] | None, object]] = []
    open_blocks: list[tuple[object, set[str] | None]] = []
    for sup, codes, _ in resolved:
        if sup.action == "disable":
            open_blocks.append((sup, codes))
        elif sup.action == "enable":
            for item in list(open_blocks):
                block, bcodes = item
                if codes is None or bcodes is None or (bcodes & codes):
                    ranges.append((block.span.line, sup.span.line, bcodes if codes is None else (bcodes & codes if bcodes else codes), block))
                    open_blocks.remove(item)
    for block, bcodes in open_blocks:
        ranges.append((block.span.line, 10**9, bcodes, block))
    used: set[int] = set()
    kept: list[Diagnostic] = []
    for d in diagnostics:
        if d.fatal:
            kept.append(d)
            continue
        suppressed_by = None
        for sup, codes, _ in resolved:
            if codes is not None and d.code not in codes:
                continue
            if sup.action == "disable-file" or (
                sup.action == "disable-next-line" and sup.target_line == d.span.line
            ):
                suppressed_by = sup
                break
        if suppressed_by is None:
            for start, end, codes, block in ranges:
                if start <= d.span.line <= end and (codes is None or d.code in codes):
                    suppressed_by = block
                    break
        if suppressed_by is None:
            kept.append(d)
        else:
            used.add(id(suppressed_by))
    # findings about the suppressions themselves
    extra_ctx = Context(guide, ctx.settings, catalogue, ctx.profile, ctx.enabled)
    for sup, codes, unknown in resolved:
        if sup.action == "enable":
            continue
        for key in unknown:
            close = _closest_rule(catalogue, key)
            hint = f'; did you mean "{close}"?' if close else "; see guidelint rules for their names"
            extra_ctx.report("unused-suppression", sup.span, f'This suppression names an unknown rule "{key}"{hint}',
                             suggestion=close)
        if id(sup) not in used and not unknown:
            relevant = codes is None or bool(codes & ctx.enabled)
            if relevant:
                what = ", ".join(sup.rules) if sup.rules else "all rules"
                extra_ctx.report("unused-suppression", sup.span,
                                 f"This suppression of {what} suppresses nothing here; remove it.")
        if sup.reason is None:
            extra_ctx.report("suppression-without-reason", sup.span)
    return kept + extra_ctx.diagnostics


def _closest_rule(catalogue: Catalogue, key: str) -> str | None:
    """The rule a misspelt name or code most likely means, written the way the author wrote it."""
    names = [r.name for r in catalogue.rules] + [r.code for r in catalogue.rules]
    import difflib  # only for a near miss: most checks never import it

    close = difflib.get_close_matches(key.lower(), [n.lower() for n in names], n=1, cutoff=0.75)
    return next((n for n in names if close and n.lower() == close[0]), None)


def lint_text(text: str, path: str = "<guide>", settings: Settings | None = None, **kwargs) -> list[Diagnostic]:
    return lint(parse_text(text, path), settings, **kwargs)


def lint_bytes(data: bytes, path: str = "<guide>", settings: Settings | None = None, **kwargs) -> list[Diagnostic]:
    return lint(parse_bytes(data, path), settings, **kwargs)


Check = Callable[[Context], None]
__all__ = ["lint", "lint_text", "lint_bytes", "Context", "SessionLength", "selected_codes", "SelectorError",
           "expand_selector", "parse_duration"]
