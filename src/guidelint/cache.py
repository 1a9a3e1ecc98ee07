"""A cache of findings, as ruff keeps one: ``.guidelint_cache/`` beside where you run.

An entry is keyed by the file's bytes, the settings in effect, the command line's selection,
guidelint's version and the digest of every rule, profile, lexicon and grammar file it
ships, and of the rule packs in use. Change any of them and the file is checked again.
LanguageTool results are never cached: a file checked with LanguageTool skips the cache.

The cache folder may come with a repository, so nothing in it is trusted: a folder on the way
that is a symlink (or not a folder) turns the cache off rather than writing where it points,
entry files are opened without following symlinks, and an entry that is not exactly what
``to_json`` writes (damaged, tampered, nested a thousand deep) is a miss.
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
_FORMAT = 1


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
        digest.update(pack.encode())
        try:
            digest.update(Path(pack).read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def cache_key(data: bytes, path: str, settings, cli) -> str:
    digest = hashlib.sha256()
    for part in (
        _shipped_digest(),
        path,
        json.dumps(settings.describe(), sort_keys=True, default=str),
        json.dumps(cli.describe(), sort_keys=True, default=str),
        _packs_digest(settings.rule_packs),
    ):
        digest.update(part.encode("utf-8", "surrogateescape"))  # a file name need not be UTF-8
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
    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / f"v{_FORMAT}"
        self._ready = False

    def _prepare(self) -> None:
        if self._ready:
            return
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
        self._ready = True

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Diagnostic] | None:
        target = self._path(key)
        try:
            for folder in (self.root, self.folder, target.parent):
                _real_folder(folder, create=False)
            raw = read_limited(target, MAX_RECORD_BYTES, regular_only=True, follow_symlinks=False)
            payload = json.loads(raw.decode("utf-8"))
            if not isinstance(payload, list):
                return None
            return [from_json(d) for d in payload]
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None  # a missing, damaged or tampered entry is a miss

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        try:
            self._prepare()
            target = self._path(key)
            _real_folder(target.parent, create=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump([to_json(d) for d in diagnostics], handle)
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only folder means no cache, not a failed check


def to_json(d: Diagnostic) -> dict:
    s = d.span
    return {
        "code": d.code, "name": d.name, "severity": int(d.severity), "message": d.message,
        "span": [s.start, s.end, s.line, s.column, s.end_line, s.end_column], "path": d.path,
        "suggestion": d.suggestion, "fatal": d.fatal,
        "fix": None if d.fix is None else [d.fix.description, [[e.start, e.end, e.text] for e in d.fix.edits]],
        "related": [[r.start, r.end, r.line, r.column, r.end_line, r.end_column] for r in d.related],
        "also": list(d.also), "base_message": d.base_message,
    }


def _expect(ok: bool) -> None:
    if not ok:
        raise ValueError("not a cache entry")


def _offsets(values, count: int) -> list[int]:
    _expect(isinstance(values, list) and len(values) == count
            and all(type(v) is int and v >= 0 for v in values))
    return values


def from_json(data: dict) -> Diagnostic:
    """The diagnostic ``to_json`` wrote; ValueError for anything else."""
    _expect(isinstance(data, dict))
    _expect(all(isinstance(data.get(k), str) for k in ("code", "name", "message", "path")))
    _expect(isinstance(data.get("suggestion"), (str, type(None))) and isinstance(data.get("fatal"), bool))
    _expect(type(data.get("severity")) is int)
    start, end, line, column, end_line, end_column = _offsets(data.get("span"), 6)
    _expect(start <= end and 1 <= line <= end_line and column >= 1 and end_column >= 1)
    fix = None
    if data.get("fix") is not None:
        _expect(isinstance(data["fix"], list) and len(data["fix"]) == 2)
        description, edits = data["fix"]
        _expect(isinstance(description, str) and isinstance(edits, list))
        parsed = []
        for edit in edits:
            _expect(isinstance(edit, list) and len(edit) == 3 and isinstance(edit[2], str))
            edit_start, edit_end = _offsets(edit[:2], 2)
            _expect(edit_start <= edit_end)
            parsed.append(Edit(edit_start, edit_end, edit[2]))
        fix = Fix(description, tuple(parsed))
    related = data.get("related", [])
    _expect(isinstance(related, list))
    spans = []
    for place in related:
        r_start, r_end, r_line, r_column, r_end_line, r_end_column = _offsets(place, 6)
        _expect(r_start <= r_end and 1 <= r_line <= r_end_line)
        spans.append(Span(r_start, r_end, r_line, r_column, r_end_line, r_end_column))
    also = data.get("also", [])
    _expect(isinstance(also, list) and all(isinstance(a, str) for a in also))
    _expect(isinstance(data.get("base_message"), (str, type(None))))
    return Diagnostic(data["code"], data["name"], Severity(data["severity"]), data["message"],
                      Span(start, end, line, column, end_line, end_column), data["path"], data["suggestion"], fix,
                      data["fatal"], related=tuple(spans), also=tuple(also), base_message=data.get("base_message"))
