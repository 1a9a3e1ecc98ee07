"""The command line: ``guidelint check`` and friends.

Exit codes (DESIGN section 5): 0 when nothing is at or above ``--fail-on``, 1 when something
is, 2 for usage, configuration and I/O errors. Never a traceback: an unexpected failure is
one line on stderr (set GUIDELINT_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import os
import sys

from guidelint import __version__
from guidelint.exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, CheckCrashed, UsageError  # noqa: F401  (re-exported)

COMMANDS = ("check", "rule", "rules", "new", "review", "convert", "edit", "lsp")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


#: what ``check`` sets when an option is not given, as ``_add_check`` declares it (a test compares the two)
CHECK_DEFAULTS: dict[str, object] = {
    "paths": [], "format": None, "output_file": None, "stdin_filename": None, "select": None, "extend_select": [],
    "ignore": [], "profile": None, "duration": None, "strict": False, "fail_on": None, "exit_zero": False, "config": None,
    "isolated": False, "force_exclude": False, "show_settings": False, "explain_roles": False, "statistics": False,
    "quiet": False, "verbose": False, "no_color": False, "fix": False, "diff": False, "write_baseline": None,
    "baseline": None, "languagetool": None, "no_cache": False, "jobs": None,
}
#: ``check``'s on/off options, each spelling argparse takes whole (an abbreviation goes to argparse)
CHECK_SWITCHES = {
    "--strict": "strict", "--exit-zero": "exit_zero", "--isolated": "isolated", "--force-exclude": "force_exclude",
    "--show-settings": "show_settings", "--explain-roles": "explain_roles", "--statistics": "statistics",
    "--quiet": "quiet", "-q": "quiet", "--verbose": "verbose", "-v": "verbose", "--no-color": "no_color", "--fix": "fix",
    "--diff": "diff", "--no-cache": "no_cache",
}


def plain_check(argv: list[str]):
    """What argparse makes of ``check`` followed by paths and on/off options only (a pre-commit
    hook's and an editor's command line), without importing argparse or building the parser:
    3.5 ms of a one-guide check. Anything else (an option with a value, ``--help``, ``--``, an
    abbreviation, paths on both sides of an option, which argparse refuses) is None: argparse
    reads it, with its own errors."""
    from pathlib import Path
    from types import SimpleNamespace

    if not argv or argv[0] != "check":
        return None
    values = dict(CHECK_DEFAULTS)
    paths: list[str] = []
    ended = False  # argparse takes one run of paths: more after an option are "unrecognized arguments"
    for arg in argv[1:]:
        switch = CHECK_SWITCHES.get(arg)
        if switch is not None:
            values[switch] = True
            ended = bool(paths)
        elif arg == "-" or (arg and arg[0] != "-"):
            if ended:
                return None
            paths.append(arg)
        else:
            return None
    if paths:
        values["paths"] = [Path(p) for p in paths]
    return SimpleNamespace(command="check", **values)


def build_parser(only: str | None = None):
    """The whole command line, or just the part for one command (``check`` in a pre-commit
    hook should not pay for building the others)."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # argparse exits 2 with usage; keep that, add a hint
            self.print_usage(sys.stderr)
            hint = f"Run 'guidelint {self.prog.split()[-1]} --help' for the options.\n" if " " in self.prog else ""
            self.exit(EXIT_ERROR, f"guidelint: error: {message}\n{hint}")

    parser = _Parser(prog="guidelint", description="A linter and editor for interview discussion guides.")
    parser.add_argument("--version", action="version", version=f"guidelint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    if only in (None, "check"):
        _add_check(sub)
    if only in (None, "rule", "rules"):
        _add_docs(sub)
    if only in (None, "new", "review", "convert"):
        from guidelint.commands import convert, new, review

        new.add_parser(sub)
        review.add_parser(sub)
        convert.add_parser(sub)
    if only in (None, "edit", "lsp"):
        _add_edit_and_lsp(sub)
    return parser


def _add_check(sub) -> None:
    from pathlib import Path

    check = sub.add_parser("check", help="check guides and report problems",
                           description="Check discussion guides. Paths may be files or folders; '-' reads standard input.")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the current folder)")
    check.add_argument("--format", choices=["text", "full", "json", "github", "sarif"], default=None,
                       help="output format (default: text)")
    check.add_argument("--output-file", "-o", type=Path, help="write the report to this file")
    check.add_argument("--stdin-filename", help="the path to report (and find config from) when reading '-'")
    check.add_argument("--select", type=_csv, metavar="RULES", help="only these rules (codes, prefixes, names or ALL)")
    check.add_argument("--extend-select", type=_csv, metavar="RULES", default=[], help="add rules to the selection")
    check.add_argument("--ignore", type=_csv, metavar="RULES", default=[], help="leave these rules out")
    check.add_argument("--profile", help="profile to check against (case-study, user-research, ...)")
    check.add_argument("--duration", help="session length, e.g. 45 or '45 min'")
    check.add_argument("--strict", action="store_true",
                       help="strict mode: also the strict rules and patterns right only most of the time")
    check.add_argument("--fail-on", choices=["error", "warning", "info"], default=None,
                       help="lowest severity that fails the run (default: warning)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    check.add_argument("--config", type=Path, help="use this config file instead of searching upward")
    check.add_argument("--isolated", action="store_true", help="ignore all config files")
    check.add_argument("--force-exclude", action="store_true",
                       help="apply the folder rules to paths named on the command line too: skip excluded files "
                            "and files that are not guides (pre-commit uses this)")
    check.add_argument("--show-settings", action="store_true", help="print the settings in effect for the first path and exit")
    check.add_argument("--explain-roles", action="store_true",
                       help="print what each line is for (question, task, logistics, …) and why, and exit")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    check.add_argument("--verbose", "-v", action="store_true", help="say which files were checked or skipped, and why")
    check.add_argument("--no-color", action="store_true", help="never colour the output")
    check.add_argument("--fix", action="store_true", help="apply mechanical fixes (time boxes, missing '?')")
    check.add_argument("--diff", action="store_true", help="show the fixes as a unified diff; change nothing")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="record today's findings in FILE")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings not in FILE")
    check.add_argument("--languagetool", metavar="URL", help="check grammar and spelling with the LanguageTool server at URL")
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: number of cores)")



def _add_docs(sub) -> None:
    rule = sub.add_parser("rule", help="explain a rule", description="Print a rule's documentation.")
    rule.add_argument("rule", help="code or name, e.g. GL102 or closed-question")
    rules = sub.add_parser("rules", help="list all rules")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text")


def _add_edit_and_lsp(sub) -> None:
    from pathlib import Path

    edit = sub.add_parser("edit", help="edit a guide with findings shown as you type",
                          description="Open a guide in guidelint's terminal editor.")
    edit.add_argument("file", type=Path, help="the guide (a missing file starts from a profile's template)")
    edit.add_argument("--profile", help="profile for a new guide, and to check against")
    sub.add_parser("lsp", help="run the language server over stdio",
                   description="Run guidelint's language server (LSP) over standard input and output.")


def _no_collection_at_exit() -> None:
    """Skip the collector's passes over every object at interpreter exit (one before the modules
    are cleared, one after): 14 ms of a one-guide check, which has written and closed all its
    files by then and owns no object whose clean-up matters at exit. ``gc.freeze`` moves every
    object out of the collector's reach; the modules are still cleared and the standard streams
    flushed as usual."""
    if not _EXIT_HOOK:
        import atexit
        import gc

        atexit.register(gc.freeze)
        _EXIT_HOOK.append(True)


_EXIT_HOOK: list[bool] = []


def _exit_without_tear_down(code: int) -> None:
    """End ``check``'s own process here, without the interpreter's tear-down: freeing every
    module, class and compiled pattern one by one took 2.6 ms of a one-guide check. Everything
    the run writes is written and closed by now (the report, the cache, the pattern file); the
    standard streams are flushed here, so a reader that went away still meets main's handling of
    a broken pipe. Only when no workers ran (multiprocessing not loaded): then no exit handler
    has work left (logging's flushes nothing guidelint wrote; ours only freezes the collector)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    argv_given = argv
    argv = list(sys.argv[1:] if argv is None else argv)
    import gc

    # Start-up makes only what lives until the process ends (modules, classes, compiled patterns):
    # collecting during it walks them again and again and frees nothing, and they are then kept
    # out of every later collection. Only in guidelint's own process (no argv given): a caller's
    # objects are not frozen, nor its collector paused. The collector stays off through the
    # first guide too (guidelint.runner turns it on before a second guide or workers): a
    # one-guide check, a pre-commit hook's, exits before any of its cycles would be worth freeing.
    own = argv_given is None and argv[:1] == ["check"] and gc.isenabled()
    if own:
        gc.disable()
    args = plain_check(argv)
    if args is None:
        parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
        if argv and argv[0] not in COMMANDS + ("-h", "--help", "--version") and not argv[0].startswith("-"):
            commands = ", ".join(sorted(parser._subparsers._group_actions[0].choices))  # type: ignore[union-attr]
            sys.stderr.write(f"guidelint: error: unknown command '{argv[0]}' (commands: {commands})\n")
            return EXIT_ERROR
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:
            return int(exc.code or 0)
    try:
        if args.command == "check":
            from guidelint import pattern_cache

            _no_collection_at_exit()
            pattern_cache.load()  # before the modules that compile patterns are imported
            from guidelint.commands.check import run_check

            if own:
                from guidelint.runner import collect_from_second_guide

                gc.freeze()
                collect_from_second_guide()
            code = run_check(args)
            pattern_cache.save()
            if own and "multiprocessing" not in sys.modules:
                _exit_without_tear_down(code)
            return code
        if args.command == "rule":
            from guidelint.commands.docs import run_rule

            return run_rule(args)
        if args.command == "rules":
            from guidelint.commands.docs import run_rules

            return run_rules(args)
        if args.command in ("new", "review", "convert"):
            import importlib

            return importlib.import_module(f"guidelint.commands.{args.command}").run(args)
        if args.command == "edit":
            from guidelint.editor import run_editor

            return run_editor(args.file, args.profile)
        if args.command == "lsp":
            from guidelint.lsp import main as lsp_main

            return lsp_main()
        parser.print_help()
        return EXIT_OK
    except UsageError as exc:
        sys.stderr.write(f"guidelint: error: {exc}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("guidelint: interrupted\n")
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return EXIT_ERROR
    except Exception as exc:  # never a traceback for the user
        if os.environ.get("GUIDELINT_DEBUG"):
            raise
        what = f"while checking {exc}" if isinstance(exc, CheckCrashed) else f"{exc.__class__.__name__}: {exc}"
        sys.stderr.write(f"guidelint: internal error: {what}\n"
                         "This is a bug; please report it (set GUIDELINT_DEBUG=1 for the traceback).\n")
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
