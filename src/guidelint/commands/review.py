"""``guidelint review``: write the review copy a guide's author sends colleagues.

The copy goes beside the guide by default (``interview.guide.md`` →
``interview.guide.review.html``, or ``.review.md`` with ``--format md``; a Word guide's copy is
a Word document, ``interview.guide.review.docx``, with the findings as comments); ``-o`` names
another file (its suffix picks the format when ``--format`` is absent) and ``-o -`` prints it,
as Markdown unless ``--format`` says otherwise, and never a Word document to a terminal. The
guide itself is never overwritten. A review copy is not a check: the exit code is 0 whatever
the findings, and 2 when the guide or the config cannot be read or the copy cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from guidelint.exits import EXIT_ERROR, EXIT_OK
from guidelint.profiles import all_profiles

# The review module and the engine load only when the command runs: `guidelint check` builds
# this command's parser too, and must start fast.
FORMATS = ("html", "md", "docx")


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "review", help="write a review copy of a guide for colleagues",
        description="Write a review copy of a guide for colleagues' sense check: the time plan with running "
                    "totals, the sections the profile expects, objectives and their questions, every question "
                    "with its findings beside it, and a checklist for the reviewer. HTML (one self-contained "
                    "file), Markdown, or a Word document with each finding as a comment beside its words.")
    parser.add_argument("path", type=Path, metavar="FILE", help="the guide to review")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="where to write the copy (default: FILE with .review.html, or .review.docx for a "
                             "Word guide, beside it); '-' prints it as Markdown")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="html, md or docx (default: from the output's suffix, else docx for a Word guide "
                             "and html for the rest)")
    parser.add_argument("--profile", choices=sorted(all_profiles()), default=None,
                        help="profile to review against (overrides the guide's own)")
    return parser


def _error(message: str) -> int:
    sys.stderr.write(f"guidelint: error: {message}\n")
    return EXIT_ERROR


def run(args) -> int:
    from guidelint.catalogue import CatalogueError
    from guidelint.config import ConfigError, ConfigFinder, Settings
    from guidelint.engine import SelectorError, lint
    from guidelint.atomic import write_atomically
    from guidelint.parser import is_word_path, parse_file
    from guidelint.reading import guide_limit, read_at_most
    from guidelint.review import (build_review, default_output, refuse_the_guide, render_review_html, render_review_markdown,
                                  review_format)

    path: Path = args.path
    if not path.exists():
        return _error(f"{path}: no such file")
    if path.is_dir():
        return _error(f"{path}: is a folder; review one guide at a time")
    try:
        data = read_at_most(path, guide_limit(path))  # a larger file is one finding, not a long read
    except OSError as exc:
        return _error(f"{path}: cannot read: {exc.strerror or exc}")
    try:
        settings = ConfigFinder().for_path(path)
    except ConfigError as exc:
        sys.stderr.write(f"guidelint: config error: {exc}\n")
        return EXIT_ERROR
    cli = Settings()
    cli.profile = args.profile
    guide = parse_file(data, str(path))
    try:
        diagnostics = lint(guide, settings, cli=cli)
    except (CatalogueError, SelectorError, ConfigError) as exc:
        sys.stderr.write(f"guidelint: config error: {exc}\n")
        return EXIT_ERROR
    unreadable = next((d for d in diagnostics if d.fatal), None)
    if unreadable is not None:
        return _error(f"{path}: {unreadable.message}")

    word_guide = is_word_path(path.name)
    to_stdout = args.output == "-"
    out = None if to_stdout or args.output is None else Path(args.output)
    # printed, a review copy is Markdown: HTML is for a browser and a Word document for Word
    fmt = review_format(out, args.format or ("md" if to_stdout else None), word_guide=word_guide)
    out = out or (None if to_stdout else default_output(path, fmt))
    try:
        if out is not None:
            refuse_the_guide(out, path)
    except ValueError as exc:
        return _error(str(exc))
    if word_guide and fmt != "docx":
        return _error(f"{path} is a Word guide: its review copy is a Word document with the findings as comments "
                      "(-o review.docx); for HTML or Markdown, convert it first with 'guidelint convert'")
    if fmt == "docx":
        if out is None and sys.stdout.isatty():
            return _error("a Word document cannot be shown in a terminal; name a file with -o review.docx")
        from guidelint.review_word import word_review

        payload = word_review(guide, diagnostics, settings, cli=cli, source=data if word_guide else None)
    else:
        review = build_review(guide, diagnostics, settings, cli=cli)
        render = render_review_markdown if fmt == "md" else render_review_html
        payload = render(guide, diagnostics, settings, cli=cli, review=review).encode("utf-8")
    if out is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return EXIT_OK
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, payload)
    except OSError as exc:
        return _error(f"cannot write {out}: {exc.strerror or exc}")
    found = len(diagnostics)
    sys.stderr.write(f"Wrote {out} (review copy of {path}: {found} {'finding' if found == 1 else 'findings'}).\n")
    return EXIT_OK
