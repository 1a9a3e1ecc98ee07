"""``guidelint convert``: a Word guide (.docx) as a Markdown guide, for teams that move their
guides into a repository.

The Markdown is the one ``guidelint check`` reads the document as (one block per paragraph,
headings and lists from Word's styles), so the converted guide gets the same findings. The
output goes beside the document by default (``interview.docx`` → ``interview.guide.md``, a name
folder walking finds); ``-o -`` prints it. An existing file is never overwritten unless
``--force`` says so.
"""

from __future__ import annotations

import sys
from pathlib import Path

from guidelint.exits import EXIT_ERROR, EXIT_OK


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "convert", help="convert a Word guide (.docx) to a Markdown guide",
        description="Convert a Word guide (.docx) to Markdown: headings, nested lists, bold subsections, quotes "
                    "and tables as guidelint reads them, so the Markdown gets the same findings.")
    parser.add_argument("path", type=Path, metavar="FILE", help="the Word guide (.docx)")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="the Markdown file to write (default: FILE as .guide.md beside it); '-' prints it")
    parser.add_argument("--force", action="store_true", help="overwrite OUT when it exists")
    return parser


def _error(message: str) -> int:
    sys.stderr.write(f"guidelint: error: {message}\n")
    return EXIT_ERROR


def default_output(path: Path) -> Path:
    """``interview.docx`` and ``interview.guide.docx`` → ``interview.guide.md``."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(stem.removesuffix(".guide") + ".guide.md")


def run(args) -> int:
    from guidelint.atomic import write_atomically
    from guidelint.parser import is_word_path
    from guidelint.parser.word import WordError, read_word
    from guidelint.reading import MAX_WORD_BYTES, read_at_most

    path: Path = args.path
    if not is_word_path(path.name):
        return _error(f"{path}: not a Word document (.docx); guidelint reads Markdown guides as they are")
    if not path.is_file():
        return _error(f"{path}: {'is a folder' if path.is_dir() else 'no such file'}")
    try:
        data = read_at_most(path, MAX_WORD_BYTES)  # one byte more is enough for read_word to say it is too large
    except OSError as exc:
        return _error(f"{path}: cannot read: {exc.strerror or exc}")
    try:
        markdown = read_word(data).markdown
    except WordError as exc:
        return _error(f"{path}: {exc}")
    if args.output == "-":
        sys.stdout.write(markdown)
        return EXIT_OK
    out = Path(args.output) if args.output else default_output(path)
    if out.exists() and not args.force:
        return _error(f"{out} exists; choose another name with -o, or add --force to overwrite it")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, markdown.encode("utf-8"))
    except OSError as exc:
        return _error(f"cannot write {out}: {exc.strerror or exc}")
    sys.stderr.write(f"Wrote {out} (Markdown of {path}).\n")
    return EXIT_OK
