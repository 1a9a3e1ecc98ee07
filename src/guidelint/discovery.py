"""Which files are guides: paths named on the command line, and guides found in folders.

Walking a folder, a Markdown file is a guide when its name ends in ``.guide.md``, it matches
``include``, or its front matter names a ``profile`` or ``duration``; a Word file when its
name ends in ``.guide.docx`` or it matches ``include``. Hidden folders, ``exclude`` patterns
and ``.gitignore`` files are respected; symlinked folders are not followed (no loops).

Paths named on the command line are checked as they are, unless ``--force-exclude`` asks for
the folder rules to apply to them too: that is how pre-commit, which names every Markdown
and Word file it is given, and ``guidelint check .`` agree on what a guide is.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from guidelint import pattern_cache
from guidelint.config import ConfigFinder, glob_matcher
from guidelint.reading import MAX_BYTES, read_at_most
from guidelint.records import NEW, Compared

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
WORD_SUFFIXES = (".docx",)
NOT_A_GUIDE = "not a guide (not *.guide.md or *.guide.docx, no include match, no profile or duration in front matter)"
# (compiled where used, by re's own cache: a bytes pattern is not kept in guidelint.pattern_cache, and a check of
# files named *.guide.md never reads it)
_FRONT_KEY = rb"^(?:profile|duration)[ \t]*:"


class Discovery(Compared):
    """The guides found under the given paths, and what was skipped and why."""

    __slots__ = ("files", "skipped", "missing", "notes")
    __match_args__ = ("files", "skipped", "missing", "notes")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    files: list[Path]
    skipped: list[tuple[Path, str]]
    missing: list[Path]
    #: what --verbose tells besides skipped files: .gitignore lines that could not be read
    notes: list[str]

    def __init__(self, files: list[Path] = NEW, skipped: list[tuple[Path, str]] = NEW, missing: list[Path] = NEW,
                 notes: list[str] = NEW) -> None:
        self.files = [] if files is NEW else files
        self.skipped = [] if skipped is NEW else skipped
        self.missing = [] if missing is NEW else missing
        self.notes = [] if notes is NEW else notes


class GitIgnore:
    """A small .gitignore reader: globs, negation, anchoring, directory-only patterns, **."""

    def __init__(self, base: Path, lines: list[str]) -> None:
        self.base = base
        self.rules: list[tuple[re.Pattern, bool, bool]] = []
        self.unread: list[str] = []  # lines skipped, said under --verbose
        for number, raw in enumerate(lines, 1):
            line = raw.rstrip("\n").rstrip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:]
            dir_only = line.endswith("/")
            line = line.strip("/") if dir_only else line
            anchored = "/" in line.lstrip("/")
            line = line.lstrip("/")
            regex = _glob_to_regex(line)
            if not anchored:
                regex = r"(?:.*/)?" + regex
            try:
                compiled = pattern_cache.compile_transient(regex + r"\Z")  # from a .gitignore line
            except re.error as exc:
                # git accepts lines this reader cannot turn into a pattern ("[z-a].md", a trailing
                # "\" inside brackets); one such line must not stop the check, so it is skipped
                # (git's reversed range matches no name either)
                self.unread.append(f"{display_path(base / '.gitignore')}:{number}: skipped {raw.strip()!r}: "
                                   f"not a pattern guidelint can read ({exc.msg})")
                continue
            self.rules.append((compiled, negate, dir_only))

    @classmethod
    def load(cls, folder: Path) -> GitIgnore | None:
        path = folder / ".gitignore"
        try:
            data = read_at_most(path, MAX_BYTES, regular_only=True)
        except OSError:  # none, unreadable, or a fifo: no rules from it
            return None
        return cls(folder, data[:MAX_BYTES].decode("utf-8", errors="replace").splitlines())

    def ignored(self, path: Path, is_dir: bool) -> bool | None:
        rel = path.relative_to(self.base).as_posix()
        verdict = None
        for regex, negate, dir_only in self.rules:
            if dir_only and not is_dir:
                continue
            if regex.match(rel):
                verdict = not negate
        return verdict


def _glob_to_regex(glob: str) -> str:
    out = []
    i = 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith("**/", i):
            out.append(r"(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(r".*")
            i += 2
            continue
        if c == "*":
            out.append(r"[^/]*")
        elif c == "?":
            out.append(r"[^/]")
        elif c == "[":
            j = glob.find("]", i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                out.append("[" + glob[i + 1 : j].replace("!", "^", 1) + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def looks_like_guide(path: Path) -> str | None:
    """Why a Markdown or Word file found in a folder counts as a guide by itself, or None."""
    name = path.name.lower()
    if name.endswith(".guide.md"):
        return "named *.guide.md"
    if name.endswith(WORD_SUFFIXES):
        return "named *.guide.docx" if name.endswith(".guide.docx") else None
    try:
        head = read_at_most(path, 4095, regular_only=True)
    except OSError:
        return None
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head.startswith(b"---"):
        end = re.search(rb"^(?:---|\.\.\.)[ \t]*$", head[3:], re.MULTILINE)
        block = head[3 : 3 + end.start()] if end else head
        if re.search(_FRONT_KEY, block, re.MULTILINE):
            return "front matter names a profile or duration"
    return None


def discover(paths: list[Path], finder: ConfigFinder, *, force_exclude: bool = False) -> Discovery:
    result = Discovery()
    seen: set[Path] = set()
    resolved_folders: dict[Path, Path] = {}

    def add(path: Path) -> None:
        # The same file named twice (two overlapping folders, a symlink) is checked once.
        # A plain file's real path is its folder's real path and its name: resolve each
        # folder once, not each of its files.
        try:
            if os.path.islink(path):
                key = path.resolve()
            else:
                folder = resolved_folders.get(path.parent)
                if folder is None:
                    folder = resolved_folders[path.parent] = path.parent.resolve()
                key = folder / path.name
        except (OSError, RuntimeError):  # a symlink loop: reported when it is read
            key = Path(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            result.files.append(path)

    for given in paths:
        if not given.exists() and not given.is_symlink():
            result.missing.append(given)
            continue
        if not given.is_dir():  # a file, or a path that cannot be read (reported when read)
            why_not = _not_a_guide(given, finder) if force_exclude else None
            if why_not:
                result.skipped.append((given, why_not))
                continue
            add(given)
            continue
        _walk(given, finder, result, add)
    return result


def _not_a_guide(path: Path, finder: ConfigFinder) -> str | None:
    """Why walking a folder would not pick this named file, or None: the rules of ``_walk``
    but .gitignore, which pre-commit has applied already by naming only tracked files."""
    if any(part.startswith(".") and part not in (".", "..") for part in Path(display_path(path)).parent.parts):
        return "in a hidden folder"
    if not path.name.lower().endswith(MARKDOWN_SUFFIXES + WORD_SUFFIXES):
        return "not a Markdown or Word file"
    settings = finder.for_path(path)
    if _excluded(path, settings):
        return "excluded by configuration"
    if looks_like_guide(path) is None and not _included(path, settings):
        return NOT_A_GUIDE
    return None


def _included(path: Path, settings) -> bool:
    return bool(settings.include) and any(glob_matcher(path, settings.root)(p) for p in settings.include)


def _excluded(path: Path, settings) -> bool:
    match = glob_matcher(path, settings.root)
    return any(match(pattern) for pattern in settings.exclude)


@lru_cache(maxsize=64)
def _name_patterns(patterns: tuple[str, ...]) -> re.Pattern | None:
    """The exclude patterns without a "/" (matched against each part of a path, as
    ``glob_matcher`` does with fnmatch) as one expression."""
    names = [fnmatch.translate(p.rstrip("/")) for p in patterns if "/" not in p.rstrip("/")]
    if not names:
        return None
    joined = "|".join(f"(?:{n})" for n in names)
    return pattern_cache.compile_transient(joined)  # built from the config's globs


def _files_excluded(folder: Path, settings):
    """A test of whether a file of ``folder`` is excluded, equal to ``_excluded(file, settings)``:
    a part of the folder's path matched once for all its files, then each file's name."""
    names = _name_patterns(tuple(settings.exclude))
    anchored = [p for p in settings.exclude if "/" in p.rstrip("/")]
    folder_parts = [part for part in _relative(folder, settings.root).split("/") if part not in ("", ".")]
    folder_hit = names is not None and any(names.match(part) for part in folder_parts)

    def excluded(path: Path) -> bool:
        if folder_hit or (names is not None and names.match(path.name)):
            return True
        return bool(anchored) and any(glob_matcher(path, settings.root)(p) for p in anchored)

    return excluded


def _relative(path: Path, root: Path | None) -> str:
    """The path ``glob_matcher`` matches patterns against."""
    absolute = os.path.abspath(path)
    base = os.path.abspath(root) if root else None
    if base and (absolute == base or absolute.startswith(base.rstrip(os.sep) + os.sep)):
        return os.path.relpath(absolute, base).replace(os.sep, "/")
    return Path(path).as_posix()


def _walk(root: Path, finder: ConfigFinder, result: Discovery, add) -> None:
    ignores: dict[Path, GitIgnore | None] = {}
    # the .gitignore chain is worked out on absolute paths: Path(".").parent is Path("."), so
    # `check .` stopped where `check "$PWD"` went on to the folder above and the two differed
    top = Path(os.path.abspath(root))

    chains: dict[Path, list[Path]] = {}

    def chain_of(start: Path) -> list[Path]:
        """The folders whose .gitignore applies to entries of ``start``: up to the repository's
        top (the folder holding .git) or the walk's root, outermost first. Once per folder."""
        chain = chains.get(start)
        if chain is None:
            chain = []
            folder = start
            while True:
                chain.append(folder)
                if (folder / ".git").exists() or folder == folder.parent or folder == top.parent:
                    break
                folder = folder.parent
            chain.reverse()
            chains[start] = chain
        return chain

    def gitignored(path: Path, is_dir: bool) -> bool:
        verdict = None
        path = Path(os.path.abspath(path))
        for folder in chain_of(path.parent):
            if folder not in ignores:
                ignores[folder] = GitIgnore.load(folder)
                if ignores[folder] is not None:
                    result.notes.extend(ignores[folder].unread)
            gi = ignores[folder]
            if gi is not None:
                try:
                    v = gi.ignored(path, is_dir)
                except ValueError:
                    v = None
                if v is not None:
                    verdict = v
        return bool(verdict)

    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        settings = finder.for_folder(here)
        keep = []
        for d in sorted(dirs):
            sub = here / d
            if d.startswith("."):
                result.skipped.append((sub, "hidden folder"))
            elif _excluded(sub, settings):
                result.skipped.append((sub, "excluded by configuration"))
            elif gitignored(sub, True):
                result.skipped.append((sub, "ignored by .gitignore"))
            else:
                keep.append(d)
        dirs[:] = keep
        file_settings = settings  # the folder's
        excluded = _files_excluded(here, file_settings)
        for name in sorted(files):
            path = here / name
            if not name.lower().endswith(MARKDOWN_SUFFIXES + WORD_SUFFIXES):
                continue
            if _special(path):  # opening a fifo would wait for a writer
                result.skipped.append((path, "not a regular file (a fifo, socket or device)"))
                continue
            if excluded(path):
                result.skipped.append((path, "excluded by configuration"))
                continue
            if gitignored(path, False):
                result.skipped.append((path, "ignored by .gitignore"))
                continue
            reason = looks_like_guide(path)
            if reason is None and _included(path, file_settings):
                reason = "matches include"
            if reason is None:
                result.skipped.append((path, NOT_A_GUIDE))
                continue
            add(path)


def _special(path: Path) -> bool:
    """A fifo, socket or device (through a symlink too); a path that cannot be examined is not
    special here: reading it reports why."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def display_path(path: Path) -> str:
    """A path as ``guidelint check`` reports it (relative to the working folder when inside
    it), so per-file settings match the same way in the editor and the LSP."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") and path.is_absolute() else rel
