"""``guidelint check``: find guides, lint them, report, and choose the exit code."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

from guidelint.catalogue import CatalogueError, builtin
from guidelint.exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError
from guidelint.config import ConfigError, ConfigFinder, Layer, Settings, parse_duration
from guidelint.diagnostics import Diagnostic, Severity
from guidelint.discovery import discover, display_path
from guidelint.engine import SelectorError, check_selectors, selected_codes
from guidelint.profiles import all_profiles, get_profile
from guidelint.reading import MAX_BYTES, guide_limit, read_at_most, read_stream
from guidelint.reporters import Report, get_renderer
from guidelint.runner import check_all, check_one


def cli_settings(args) -> Settings:
    layer = Layer(select=args.select, extend_select=args.extend_select, ignore=args.ignore)
    s = Settings(layers=[layer])
    if args.profile:
        if args.profile not in all_profiles():
            raise UsageError(f"unknown profile '{args.profile}'; use one of {', '.join(sorted(all_profiles()))}")
        s.profile = args.profile
    if args.duration:
        minutes = parse_duration(args.duration)
        if minutes is None:
            raise UsageError(f"cannot read --duration {args.duration!r}; write it as 45 or '45 min'")
        s.duration = minutes
    if args.languagetool:
        s.languagetool.url = args.languagetool
        s.languagetool.enabled = True
    if args.strict:
        s.strict = True
    return s


def _use_color(args, stream) -> bool:
    if args.no_color or os.environ.get("NO_COLOR") or args.output_file is not None:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def printable(text: str) -> str:
    """Text safe to write as UTF-8: a file name that is not valid UTF-8 (held with surrogate
    escapes) shows its stray bytes as \\xNN instead of failing the write."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def _refuse_overwriting(target: Path | None, option: str, inputs: list[Path]) -> None:
    """Never write a report or baseline over a file the run reads (a guide, a config, a pack)."""
    if target is None or not target.exists():
        return
    from guidelint.atomic import same_file

    for source in inputs:
        if same_file(target, source):
            raise UsageError(f"{option} {target} is {source}, which this run reads; "
                             "write to another file (nothing was written)")


def run_check(args) -> int:
    cli = cli_settings(args)
    if args.config is not None and not args.config.exists():
        raise UsageError(f"config file not found: {args.config}")
    try:
        finder = ConfigFinder(config=args.config, isolated=args.isolated)
    except ConfigError as exc:
        sys.stderr.write(f"guidelint: config error: {exc}\n")
        return EXIT_ERROR

    use_stdin = [str(p) for p in args.paths] == ["-"]
    if "-" in [str(p) for p in args.paths] and not use_stdin:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    stdin_path = Path(args.stdin_filename) if args.stdin_filename else None

    try:
        if args.show_settings:
            target = stdin_path or (args.paths[0] if args.paths and not use_stdin else Path.cwd())
            if not stdin_path and not target.exists() and not target.is_symlink():
                raise UsageError(f"{target}: no such file or folder")
            sys.stdout.write(show_settings(args, finder, cli, target))
            return EXIT_OK
        inputs: list[tuple[str, bytes, Settings]] = []
        io_errors: list[str] = []
        skipped: list[tuple[Path, str]] = []
        notes: list[str] = []
        if use_stdin:
            if sys.stdin is None:  # started with standard input closed (`<&-`)
                raise UsageError("standard input is closed; nothing to check")
            try:
                data = read_stream(sys.stdin.buffer, guide_limit(stdin_path or "-"))
            except OSError as exc:
                raise UsageError(f"cannot read standard input: {exc.strerror or exc}") from None
            name = str(stdin_path) if stdin_path else "-"
            settings = finder.for_path(stdin_path or Path.cwd() / "stdin.md")
            inputs.append((name, data, settings))
        else:
            paths = args.paths or [Path(".")]
            found = discover(paths, finder, force_exclude=args.force_exclude)
            for missing in found.missing:
                io_errors.append(f"{missing}: no such file or folder")
            skipped, notes = found.skipped, found.notes
            for path in found.files:
                try:
                    data = read_at_most(path, guide_limit(path))  # more than the limit is a finding, not a long wait
                except IsADirectoryError:
                    io_errors.append(f"{path}: is a folder")
                    continue
                except OSError as exc:
                    io_errors.append(f"{path}: cannot read: {exc.strerror or exc}")
                    continue
                inputs.append((display_path(path), data, finder.for_path(path)))
    except ConfigError as exc:
        sys.stderr.write(f"guidelint: config error: {exc}\n")
        return EXIT_ERROR

    # Selectors on the command line may name rules from the packs the configs load; those in
    # a config file are that file's error.
    try:
        packs = sorted({p for _, _, settings in inputs for p in settings.rule_packs})
        selected_codes(builtin().with_packs(packs), cli.layers)
        configs = {id(settings): settings for _, _, settings in inputs}
        for settings in configs.values():
            check_selectors(settings, builtin().with_packs(settings.rule_packs))
    except SelectorError as exc:
        raise UsageError(f"{exc} (in --select/--ignore)") from None
    except CatalogueError as exc:
        sys.stderr.write(f"guidelint: rule pack error: {exc}\n")
        return EXIT_ERROR
    except ConfigError as exc:
        sys.stderr.write(f"guidelint: config error: {exc}\n")
        return EXIT_ERROR

    read_paths = [] if use_stdin else [Path(name) for name, _, _ in inputs]
    # stdin's name is not read, but it names the guide being checked (an editor's buffer of it):
    # a report written there would replace the guide
    read_paths += [stdin_path] if use_stdin and stdin_path is not None else []
    read_paths += [Path(s.source) for s in configs.values() if s.source] + [Path(p) for p in packs]
    read_paths += [args.baseline] if args.baseline is not None else []
    _refuse_overwriting(args.output_file, "--output-file", read_paths)
    _refuse_overwriting(args.write_baseline, "--write-baseline", read_paths)

    if args.verbose:
        for note in notes:
            sys.stderr.write(printable(f"guidelint: {note}\n"))
        for path, reason in skipped:
            sys.stderr.write(f"guidelint: skipped {display_path(path)}: {reason}\n")
    if args.explain_roles:
        unreadable = False
        for name, data, _settings in inputs:
            explained, problems = explain_roles(name, data)
            sys.stdout.write(explained)
            # a guide that cannot be read as one (binary, damaged) has no roles to show: say why
            for problem in problems:
                sys.stderr.write(printable(problem))
            unreadable = unreadable or bool(problems)
        for message in io_errors:
            sys.stderr.write(f"guidelint: error: {message}\n")
        return EXIT_ERROR if io_errors or unreadable else EXIT_OK

    diagnostics: list[Diagnostic] = []
    guides = {}
    diffs: list[str] = []
    fixed_total = 0
    fixed_stdin: bytes | None = None
    cache = None
    # the cache, fixes, baseline and JSON modules are imported only by the runs that use them:
    # a one-file check (a pre-commit hook, an editor's save) is mostly start-up
    if not (args.no_cache or args.fix or args.diff or os.environ.get("GUIDELINT_NO_CACHE")):
        from guidelint.cache import CACHE_DIR_NAME, Cache

        cache_dir = next((st.cache_dir for _, _, st in inputs if st.cache_dir), None) or Path.cwd() / CACHE_DIR_NAME
        cache = Cache(cache_dir)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    if args.verbose:
        for name, _, settings in inputs:
            sys.stderr.write(f"guidelint: checking {name}" + (f" (config: {settings.source})" if settings.source else "") + "\n")
    try:
        checked = check_all(inputs, cli, jobs=args.jobs, cache=cache)
        for item, (name, data, settings) in zip(checked, inputs):
            guide, found = item.guide, item.diagnostics
            if (args.fix or args.diff) and any(d.fix for d in found):
                from guidelint.fixes import apply_fixes, unified_diff

                after, count = apply_fixes(guide.source, found)
                if args.diff:
                    diffs.append(unified_diff(name, guide.source, after))
                elif count and not use_stdin:
                    io_error = _write_fixed(Path(name), guide, after)
                    if io_error:
                        io_errors.append(io_error)
                    else:
                        fixed_total += count
                        found, guide = check_one(name, (("\ufeff" if guide.had_bom else "") + after).encode("utf-8"),
                                                 settings, cli)
                elif count and use_stdin:
                    fixed_total += count
                    fixed_stdin = (("\ufeff" if guide.had_bom else "") + after).encode("utf-8")
                    found, guide = check_one(name, fixed_stdin, settings, cli)
            guides[name] = guide
            diagnostics.extend(found)
    except SelectorError as exc:
        raise UsageError(f"{exc} (in --select/--ignore)") from None
    except CatalogueError as exc:
        sys.stderr.write(f"guidelint: rule pack error: {exc}\n")
        return EXIT_ERROR
    except ConfigError as exc:
        sys.stderr.write(f"guidelint: config error: {exc}\n")
        return EXIT_ERROR

    diagnostics.sort(key=Diagnostic.sort_key)
    # `--fix -` is a filter: standard output is the text, fixed or not, so `--fix - < a > b`
    # always leaves a guide in b; the report goes to standard error (or --output-file)
    text_out = args.fix and use_stdin and not args.diff
    if text_out:
        _pass_through(fixed_stdin if fixed_stdin is not None else inputs[0][1], whole=fixed_stdin is not None)
    if args.diff:
        sys.stdout.write(printable("".join(diffs)))
        for message in io_errors:
            sys.stderr.write(f"guidelint: error: {message}\n")
        if not args.quiet:
            sys.stderr.write(f"{len(diffs)} {'file' if len(diffs) == 1 else 'files'} would be changed by --fix\n")
        return EXIT_ERROR if io_errors else (EXIT_FINDINGS if diffs else EXIT_OK)
    if args.write_baseline is not None:
        from guidelint.baseline import write_baseline

        if io_errors:  # a baseline without the files that could not be read would hide their findings later
            for message in io_errors:
                sys.stderr.write(f"guidelint: error: {message}\n")
            sys.stderr.write(f"guidelint: {args.write_baseline} not written\n")
            return EXIT_ERROR
        try:
            count = write_baseline(args.write_baseline, diagnostics, guides)
        except OSError as exc:
            sys.stderr.write(f"guidelint: cannot write {args.write_baseline}: {exc.strerror or exc}\n")
            return EXIT_ERROR
        sys.stderr.write(f"guidelint: recorded {count} findings in {args.write_baseline}\n")
        return EXIT_OK
    if args.baseline is not None:
        from guidelint.baseline import BaselineError, filter_new, read_baseline

        try:
            diagnostics = filter_new(diagnostics, guides, read_baseline(args.baseline))
        except BaselineError as exc:
            sys.stderr.write(f"guidelint: error: {exc}\n")
            return EXIT_ERROR
    fmt = args.format or "text"
    stream = sys.stderr if text_out else sys.stdout
    report = Report(diagnostics, guides, len(inputs), color=_use_color(args, stream),
                    quiet=args.quiet, statistics=args.statistics, fixed=fixed_total)
    text = printable(get_renderer(fmt)(report))
    if args.output_file is not None:
        try:
            args.output_file.parent.mkdir(parents=True, exist_ok=True)
            args.output_file.write_text(text, encoding="utf-8")
        except OSError as exc:
            sys.stderr.write(f"guidelint: cannot write {args.output_file}: {exc.strerror or exc}\n")
            return EXIT_ERROR
    else:
        stream.write(text)
        stream.flush()
    for message in io_errors:
        sys.stderr.write(f"guidelint: error: {message}\n")
    if io_errors:
        return EXIT_ERROR
    if not inputs and not args.quiet:
        sys.stderr.write(_nothing_checked(args.paths or [Path(".")], skipped, verbose=args.verbose))
    fail_on = Severity.parse(args.fail_on or _config_fail_on(inputs) or "warning")
    failing = [d for d in diagnostics if d.fatal or d.severity >= fail_on]
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if failing else EXIT_OK


def _nothing_checked(paths: list[Path], skipped: list[tuple[Path, str]], *, verbose: bool) -> str:
    """Why no file was checked, instead of a summary that reads like a pass."""
    where = ", ".join(str(p) for p in paths)
    files = [reason for path, reason in skipped if not path.is_dir()]
    if not skipped:
        return f"guidelint: no guides found in {where}: no Markdown or Word files there\n"
    reasons = Counter(reason.split(" (")[0] for reason in files)
    counted = "; ".join(f"{n} {'file' if n == 1 else 'files'} {reason}" for reason, n in reasons.most_common())
    folders = len(skipped) - len(files)
    if folders:
        counted += ("; " if counted else "") + f"{folders} {'folder' if folders == 1 else 'folders'} skipped"
    hint = "" if verbose else "; run with --verbose to see each one and why"
    return (f"guidelint: no guides found in {where} ({counted}). A guide is named *.guide.md or *.guide.docx, "
            f"matches 'include' in the config, or names a profile or duration in its front matter{hint}\n")


def show_settings(args, finder: ConfigFinder, cli: Settings, target: Path) -> str:
    """``--show-settings``: the settings for ``target``, and the session length its checks will use."""
    from guidelint.cache import CACHE_DIR_NAME

    settings = finder.for_path(target)
    session = _session_for(target, settings, cli) if target.is_file() else None
    command_line = {"select": args.select, "extend-select": args.extend_select, "ignore": args.ignore,
                    "profile": cli.profile, "duration": cli.duration, "strict": cli.strict}
    if args.format == "json":
        import json

        payload = {"path": str(target), **settings.describe(), "command-line": command_line,
                   "session": {"minutes": session.minutes, "source": session.source} if session else None}
        return json.dumps(payload, indent=2, default=str) + "\n"
    described = settings.describe()

    def listed(values) -> str:
        values = [str(v) for v in values]
        return ", ".join(values) if values else "none"

    selection = [f"{key} {listed(values)}" for layer in described["selection"] for key, values in layer.items()]
    selection += [f"{key} {listed(values)} (command line)" for key, values in command_line.items()
                  if key in ("select", "extend-select", "ignore") and values]
    profile = get_profile(cli.profile or settings.profile)
    if session is None and (cli.duration or settings.duration):
        length = f"{cli.duration or settings.duration:g} min, from " + ("the command line (--duration)" if cli.duration
                                                                        else f"config ({settings.source})")
    elif session is None:
        length = ("depends on each guide: its front matter's duration, else a length said in its intro, else "
                  + (f"the {profile.name} profile's default ({profile.default_duration:g} min)" if profile else "none"))
    elif session.minutes is None:
        length = "none: no duration in the front matter or config, none said in the intro, and no profile"
    else:
        length = f"{session.label}, from {session.source}"
    lt = settings.languagetool
    rows = [
        ("config file", settings.source or "none (defaults)"),
        ("profile", cli.profile or settings.profile or "none (general rules only)"),
        ("strict mode", "on" + (" (command line)" if cli.strict else "") if cli.strict or settings.strict else "off"),
        ("session length", length),
        ("rules", "; ".join(selection) or "the default selection"),
        ("severity overrides", listed(f"{k}={v}" for k, v in settings.severity.items())),
        ("per-file ignores", listed(f"{k}: {listed(v)}" for k, v in settings.per_file_ignores.items())),
        ("include", listed(settings.include)),
        ("exclude", listed(settings.exclude)),
        ("rule packs", listed(settings.rule_packs)),
        ("vocabulary", listed(settings.vocabulary)),
        ("languagetool", f"on, {lt.url} ({lt.language})" if lt.enabled and lt.url else "off"),
        ("cache folder", str(settings.cache_dir) if settings.cache_dir else f"{CACHE_DIR_NAME} (default)"),
        ("minutes per question", f"{settings.minutes_per_question:g}" if settings.minutes_per_question else "2 (default)"),
    ]
    width = max(len(name) for name, _ in rows)
    return f"Settings for {target}\n" + "".join(f"  {name + ':':<{width + 1}} {value}\n" for name, value in rows)


def _session_for(target: Path, settings: Settings, cli: Settings):
    """The session length the checks of this file will use, and where it comes from."""
    from guidelint.engine import settings_for_guide
    from guidelint.parser import parse_file
    from guidelint.timing import session_length

    try:
        guide = parse_file(read_at_most(target, guide_limit(target)), display_path(target))
        effective = settings_for_guide(guide, settings, cli)
    except (OSError, ConfigError):
        return None
    return session_length(guide, effective, get_profile(effective.profile))


def _pass_through(data: bytes, *, whole: bool) -> None:
    """Write the guide read from standard input to standard output, byte for byte when it was
    not fixed; one too large to check was read only up to the limit, so the rest follows."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    if not whole and len(data) > MAX_BYTES:
        import shutil

        shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout.buffer.flush()


def _write_fixed(path: Path, guide, text: str) -> str | None:
    from guidelint.atomic import write_atomically

    data = ("\ufeff" if guide.had_bom else "") + text
    try:
        write_atomically(path, data.encode("utf-8"))
    except OSError as exc:
        return f"{path}: cannot write fixes: {exc.strerror or exc}"
    return None


def _config_fail_on(inputs) -> str | None:
    for _, _, settings in inputs:
        if settings.fail_on:
            return settings.fail_on
    return None




def explain_roles(name: str, data: bytes) -> tuple[str, list[str]]:
    """``--explain-roles``: each line the model reads, with its role and the reason for it; and
    the problems that stop the file being read as a guide (binary, damaged), as check prints them."""
    from guidelint.engine import fatal_problems
    from guidelint.parser import parse_file
    from guidelint.parser.roles import explain
    from guidelint.reporters.text import line_of

    guide = parse_file(data, name)
    problems = [line_of(d, Report([])) + "\n" for d in fatal_problems(guide, builtin())]
    out = []
    for line, role, why, text in explain(guide):
        words = " ".join(text.split())
        words = words if len(words) <= 70 else words[:69] + "…"
        reason = f" ({why})" if why else ""
        if guide.origin is not None:  # a Word guide: paragraphs, not lines
            offset = guide.lines.offset(line, 1)
            line = guide.origin.span(guide.lines.span(offset, offset)).line
        out.append(f"{name}:{line}: {role}{reason}: {words}\n")
    return "".join(out), problems
