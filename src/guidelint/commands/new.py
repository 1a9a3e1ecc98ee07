"""``guidelint new``: write a starting guide for a profile.

The profile defaults to user-research, the most general interview; ``--profile`` picks
another. The guide is written only when the file does not exist yet (guidelint never
overwrites a guide), parent folders are created, and ``-`` prints it instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from guidelint.exits import EXIT_ERROR, EXIT_OK
from guidelint.profiles import all_profiles
from guidelint.templates import DEFAULT_PROFILE, template_for, template_profiles


def profiles_with_templates() -> list[str]:
    return [name for name in sorted(all_profiles()) if name in template_profiles()]


def add_parser(subparsers):
    parser = subparsers.add_parser(
        "new", help="write a starting guide for a profile",
        description="Write a starting discussion guide for a profile: front matter, time boxes that add up, "
                    "consent, open questions with probes and a wrap-up. It passes 'guidelint check'. "
                    "An existing file is never overwritten.")
    parser.add_argument("path", metavar="FILE", help="where to write the guide (parent folders are created); '-' prints it")
    parser.add_argument("--profile", choices=profiles_with_templates(), default=DEFAULT_PROFILE,
                        help=f"the kind of interview (default: {DEFAULT_PROFILE})")
    return parser


def run(args) -> int:
    text = template_for(args.profile)
    if args.path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    path = Path(args.path)
    if path.exists() or path.is_symlink():
        sys.stderr.write(f"guidelint: error: {path} already exists; 'guidelint new' never overwrites a file. "
                         "Choose another name, or move the file away first.\n")
        return EXIT_ERROR
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": fail if it appeared meanwhile
            handle.write(text)
    except FileExistsError:
        sys.stderr.write(f"guidelint: error: {path} already exists; 'guidelint new' never overwrites a file.\n")
        return EXIT_ERROR
    except OSError as exc:
        sys.stderr.write(f"guidelint: error: cannot write {path}: {exc.strerror or exc}\n")
        return EXIT_ERROR
    sys.stderr.write(f"Created {path} (a starting {all_profiles()[args.profile].title.lower()} guide). "
                     f"Edit it, then run: guidelint check {path}\n")
    return EXIT_OK
