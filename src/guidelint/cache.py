"""A cache of findings, as ruff keeps one: ``.guidelint_cache/`` beside where you run.

An entry is keyed by the file's bytes, the settings in effect, the command line's selection,
guidelint's version and the digest of every rule, profile, lexicon and grammar file it
ships, and of the rule packs in use. Change any of them and the file is checked again.
LanguageTool results are never cached: a file checked with LanguageTool skips the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from guidelint import __version__
from guidelint.diagnostics import Diagnostic, Edit, Fix, Severity
from guidelint.model import Span
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
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"v{_FORMAT}"
        self._ready = False

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.folder.parent / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# Created by guidelint: the cache is local, never committed.\n*\n")
        self._ready = True

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Diagnostic] | None:
        try:
            payload = json.loads(self._path(key).read_text(encoding="utf-8"))
            return [from_json(d) for d in payload]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a missing or damaged entry is a miss

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        try:
            self._prepare()
            target = self._path(key)
            target.parent.mkdir(exist_ok=True)
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


def from_json(data: dict) -> Diagnostic:
    fix = None
    if data["fix"] is not None:
        description, edits = data["fix"]
        fix = Fix(description, tuple(Edit(*e) for e in edits))
    return Diagnostic(data["code"], data["name"], Severity(data["severity"]), data["message"], Span(*data["span"]),
                      data["path"], data["suggestion"], fix, data["fatal"],
                      related=tuple(Span(*r) for r in data["related"]), also=tuple(data["also"]),
                      base_message=data["base_message"])
