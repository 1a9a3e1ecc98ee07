"""A cache of findings, as ruff keeps one: ``.guidelint_cache/`` beside where you run.

An entry is keyed by the file's bytes, the settings in effect, the command line's selection,
guidelint's version and the digest of every rule, profile, lexicon and grammar file it
ships, and of the rule packs in use. Change any of them and the file is checked again.
LanguageTool results are never cached: a file checked with LanguageTool skips the cache.

The entries live in one index file per command-line selection (``v2/index-*.json``), one
entry per file path, read once at the start of a run and written once at its end (atomically,
so a run that stops half-way or two runs at once leave a whole index: at worst entries are
missed and checked again). One file to read instead of one per guide is what makes a second
run over a thousand unchanged guides cost little more than reading them.

The cache folder may come with a repository, so nothing in it is trusted: a folder on the way
that is a symlink (or not a folder) turns the cache off rather than writing where it points,
the index is opened without following symlinks and read up to a limit, and an entry that is
not exactly what ``_pack`` writes (damaged, tampered, nested a thousand deep) is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from guidelint import __version__
from guidelint.diagnostics import Diagnostic, Edit, Fix, Severity
from guidelint.model import Span
from guidelint.reading import MAX_RECORD_BYTES, read_limited
from guidelint.resources import resource_dir

CACHE_DIR_NAME = ".guidelint_cache"
_FORMAT = 2


@lru_cache(maxsize=1)
def _shipped_digest() -> str:
    """Every grammar, rule, lexicon and profile file guidelint reads, and its own code."""
    digest = hashlib.sha256(f"{__version__}:{_FORMAT}".encode())
    roots = [resource_dir("grammar"), resource_dir("rules"), Path(__file__).resolve().parent]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".lark", ".yaml", ".yml", ".py"):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _packs_digest(packs) -> str:
    digest = hashlib.sha256()
    for pack in sorted(str(p) for p in packs):
        digest.update(pack.encode("utf-8", "surrogateescape"))
        try:
            digest.update(Path(pack).read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def settings_digest(settings, cli) -> str:
    """Everything but the file that decides its findings: guidelint's own files, the settings,
    the command line and the rule packs. The same for every file that shares its settings."""
    digest = hashlib.sha256()
    for part in (
        _shipped_digest(),
        json.dumps(settings.cache_fields(), sort_keys=True, default=str),
        json.dumps(cli.cache_fields(), sort_keys=True, default=str),
        _packs_digest(settings.rule_packs),
    ):
        digest.update(part.encode("utf-8", "surrogateescape"))  # a file name need not be UTF-8
        digest.update(b"\0")
    return digest.hexdigest()


def cache_key(data: bytes, path: str, settings, cli, *, context: str | None = None) -> str:
    """The key of one file's findings; ``context`` is its ``settings_digest`` when known."""
    digest = hashlib.sha256((context or settings_digest(settings, cli)).encode())
    digest.update(b"\0")
    digest.update(path.encode("utf-8", "surrogateescape"))
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class UnsafeCache(OSError):
    """A folder of the cache is a symlink or not a folder."""


def _real_folder(path: Path, *, create: bool) -> None:
    """``path`` is a folder itself, not a symlink to one (created when missing and asked)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if not create:
            raise
        os.mkdir(path)
        info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeCache(f"{path} is a symlink or not a folder; the cache is not used")


class Cache:
    """Findings by file path and key, in one index file per command-line selection."""

    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / f"v{_FORMAT}"
        self._index: dict[str, dict[str, list]] = {}  # index file name -> {path: [key, findings]}
        self._changed: set[str] = set()
        self._names: dict[int, tuple[object, str]] = {}

    def _name(self, cli) -> str:
        known = self._names.get(id(cli))
        if known is not None and known[0] is cli:
            return known[1]
        selection = json.dumps(cli.describe(), sort_keys=True, default=str) if cli is not None else ""
        name = (f"index-{_shipped_digest()[:12]}-"
                + hashlib.sha256(f"{_shipped_digest()}\0{selection}".encode("utf-8", "surrogateescape"))
                .hexdigest()[:12] + ".json")
        self._names[id(cli)] = (cli, name)
        return name

    def _entries(self, cli) -> tuple[str, dict[str, list]]:
        name = self._name(cli)
        if name not in self._index:
            try:
                for folder in (self.root, self.folder):
                    _real_folder(folder, create=False)
                raw = read_limited(self.folder / name, MAX_RECORD_BYTES, regular_only=True, follow_symlinks=False)
                data = json.loads(raw.decode("utf-8"))
                if not isinstance(data, dict):
                    raise ValueError("not an index")
            except (OSError, ValueError, RecursionError):
                data = {}  # a missing, damaged or tampered index is a miss for every file
            self._index[name] = data
        return name, self._index[name]

    def get(self, path: str, key: str, cli=None) -> list[Diagnostic] | None:
        _, entries = self._entries(cli)
        entry = entries.get(path)
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] != key or not isinstance(entry[1], list):
            return None
        try:
            return [_unpack(d) for d in entry[1]]
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # a damaged or tampered entry is a miss

    def put(self, path: str, key: str, diagnostics: list[Diagnostic], cli=None) -> None:
        name, entries = self._entries(cli)
        entries[path] = [key, [_pack(d) for d in diagnostics]]
        self._changed.add(name)

    def _prepare(self) -> None:
        self.root.parent.mkdir(parents=True, exist_ok=True)
        _real_folder(self.root, create=True)
        _real_folder(self.folder, create=True)
        gitignore = self.root / ".gitignore"
        try:  # never through a symlink someone left there, never over a file that exists
            fd = os.open(gitignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write("# Created by guidelint: the cache is local, never committed.\n*\n")

    def save(self) -> None:
        """Write the indexes this run changed, each whole or not at all; the next run reads
        them again (another run may have written them meanwhile)."""
        for name in sorted(self._changed):
            try:
                self._prepare()
                fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as handle:
                        json.dump(self._index[name], handle, separators=(",", ":"))
                    os.replace(tmp, self.folder / name)
                except BaseException:
                    os.unlink(tmp)
                    raise
                # an index of another build of guidelint will never be read again
                for stale in self.folder.glob("index-*.json"):
                    if not stale.name.startswith(f"index-{_shipped_digest()[:12]}-"):
                        stale.unlink(missing_ok=True)
            except OSError:
                pass  # a read-only or unsafe folder means no cache, not a failed check
        self._changed.clear()
        self._index.clear()


_FIELDS = ("code", "name", "severity", "message", "span", "path", "suggestion", "fatal", "fix", "related", "also",
           "base_message")
_SEVERITY = {int(level): level for level in Severity}


def to_json(d: Diagnostic) -> dict:
    return dict(zip(_FIELDS, _pack(d)))


def from_json(data: dict) -> Diagnostic:
    """The diagnostic ``to_json`` wrote; ValueError for anything else."""
    _expect(isinstance(data, dict))
    return _unpack([data.get(name, [] if name in ("related", "also") else None) for name in _FIELDS])


def _pack(d: Diagnostic) -> list:
    """A finding as the index keeps it: a list in the order of ``_FIELDS`` (no key repeated
    per finding, so a large index is smaller and quicker to read)."""
    s = d.span
    return [
        d.code, d.name, int(d.severity), d.message, [s.start, s.end, s.line, s.column, s.end_line, s.end_column],
        d.path, d.suggestion, d.fatal,
        None if d.fix is None else [d.fix.description, [[e.start, e.end, e.text] for e in d.fix.edits]],
        [[r.start, r.end, r.line, r.column, r.end_line, r.end_column] for r in d.related],
        list(d.also), d.base_message,
    ]


def _expect(ok: bool) -> None:
    if not ok:
        raise ValueError("not a cache entry")


def _offsets(values, count: int) -> list[int]:
    _expect(isinstance(values, list) and len(values) == count
            and all(type(v) is int and v >= 0 for v in values))
    return values


def _unpack(data) -> Diagnostic:
    """The diagnostic ``_pack`` wrote; ValueError for anything else."""
    _expect(isinstance(data, list) and len(data) == len(_FIELDS))
    code, name, severity, message, span, path, suggestion, fatal, fix, related, also, base_message = data
    _expect(isinstance(code, str) and isinstance(name, str) and isinstance(message, str) and isinstance(path, str))
    _expect(isinstance(suggestion, (str, type(None))) and isinstance(fatal, bool))
    _expect(type(severity) is int and severity in _SEVERITY)
    start, end, line, column, end_line, end_column = _offsets(span, 6)
    _expect(start <= end and 1 <= line <= end_line and column >= 1 and end_column >= 1)
    if fix is not None:
        _expect(isinstance(fix, list) and len(fix) == 2)
        description, edits = fix
        _expect(isinstance(description, str) and isinstance(edits, list))
        parsed = []
        for edit in edits:
            _expect(isinstance(edit, list) and len(edit) == 3 and isinstance(edit[2], str))
            edit_start, edit_end = _offsets(edit[:2], 2)
            _expect(edit_start <= edit_end)
            parsed.append(Edit(edit_start, edit_end, edit[2]))
        fix = Fix(description, tuple(parsed))
    _expect(isinstance(related, list))
    spans = []
    for place in related:
        r_start, r_end, r_line, r_column, r_end_line, r_end_column = _offsets(place, 6)
        _expect(r_start <= r_end and 1 <= r_line <= r_end_line)
        spans.append(Span(r_start, r_end, r_line, r_column, r_end_line, r_end_column))
    _expect(isinstance(also, list) and all(isinstance(a, str) for a in also))
    _expect(isinstance(base_message, (str, type(None))))
    return Diagnostic(code, name, _SEVERITY[severity], message, Span(start, end, line, column, end_line, end_column),
                      path, suggestion, fix, fatal, related=tuple(spans), also=tuple(also), base_message=base_message)
