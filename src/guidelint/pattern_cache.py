"""Compiled regular expressions (and parsed rule files) kept between runs, as Lark keeps its
parser tables.

A check compiles about 400 patterns (the question lexicon, line roles, the rules' phrases),
which took 120-140 ms of a one-guide check: more than starting Python and importing lark and
yaml. CPython's ``re.compile`` first looks in ``re._cache``, a dict keyed by the pattern's
type, text and flags. ``load`` fills that dict from a file an earlier run wrote, so every
``re.compile`` in guidelint (and in lark) finds its pattern compiled and no module changes.

The file holds what ``re``'s own compiler made: the opcodes ``re._compiler._code`` produced
from the parsed pattern, and the group names, exactly as ``re._compiler.compile`` hands them
to ``_sre.compile``. ``save`` checks that the pattern rebuilt from an entry equals (``==``
compares text, flags and opcodes) the one ``re`` compiled before writing it, and the file is
keyed by the interpreter, the regex engine's version and guidelint's version: another Python
or another guidelint ignores it. Anything unexpected (another implementation, a damaged or
foreign file, a future ``re`` without these internals) means patterns are compiled as usual.
The same file keeps the shipped YAML files (rules, lexicon, profiles) as parsed, by their path
(``yaml_data``): 27 ms of parsing become 0.3 ms of ``marshal``, which holds
plain data only; values computed from a pattern's text alone (``derived``), such as the
text an ethics phrase cannot match without; and, in a file of their own beside it
(``texts_file``), the YAML texts a run read, a guide's front matter and a config, as parsed
(``text_data``, the latest ``MAX_TEXTS``), so that a guide checked again needs no YAML parser
(the stamp covers the PyYAML that parsed them).

The file's contents are also keyed by the size and modification time of guidelint's own code
and shipped files (``_code_stamp``): with an editable install (``pip install -e .``) the
version stays the same while the code changes, and a ``derived`` value kept from the old code
would give wrong findings. The file's name stays the same, so an edited checkout rewrites
its one file rather than leaving another behind; files with another name (another Python,
another guidelint, another install) that no run has loaded for a week are removed when a
fresh file is written.

Only patterns guidelint's own code builds are worth keeping: the ones built from what a run
reads (a guide's objective names, .gitignore lines, config globs) are named with ``transient``
or recognised by their shape and not saved, and the file holds at most ``MAX_ENTRIES``
patterns and ``MAX_DERIVED`` derived values, so it cannot grow run after run.

``GUIDELINT_NO_PATTERN_CACHE=1`` turns it off. The file sits in the temporary folder, per
user, and is read only when that user owns it and nobody else may write it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import time
import types
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from guidelint import __version__

_loaded: set[tuple[str, int]] = set()
_entries: list[tuple] = []
_yaml: dict[str, bytes] = {}  # a shipped YAML file's path -> its data, marshalled
_derived: dict[tuple, object] = {}  # (what, key) -> a value computed from a pattern's text
_texts: dict[str | bytes, bytes] = {}  # YAML a run read (front matter, a config) -> its data, marshalled
_transient: set[tuple[str, int]] = set()  # patterns built from a run's input: not kept
_state = {"active": False, "added": False, "fresh": True, "texts": False, "placed": 0}
#: the opcodes of the patterns loaded from the file, which their entries point into (see ``read_file``)
_blob: list[memoryview] = [memoryview(b"")]
#: guidelint's own patterns number about 500 and its derived values about 300 (a 1.2 MB file with the
#: parsed YAML): the caps leave room for rule packs and for what ``transient`` misses, and keep the
#: file under about 2.5 MB however many guides are checked
MAX_ENTRIES = 1000
MAX_DERIVED = 1000
#: YAML texts kept as parsed (front matter, configs): the ones read most recently, each at most so long
#: (front matter runs to a few hundred characters; a longer text is parsed every time)
MAX_TEXTS = 200
MAX_TEXT_LENGTH = 16_384
#: a pattern file of another install or Python that no run has loaded for this long is removed
UNUSED_SECONDS = 7 * 24 * 3600


def _supported() -> bool:
    if os.environ.get("GUIDELINT_NO_PATTERN_CACHE") or sys.implementation.name != "cpython":
        return False
    try:
        import _sre

        from re import _compiler, _parser  # noqa: F401 - present on CPython 3.11+
    except ImportError:
        return False
    return (isinstance(getattr(re, "_cache", None), dict) and hasattr(_sre, "compile") and hasattr(_compiler, "_code")
            and _code_type() is not None)


@lru_cache(maxsize=1)
def _code_type() -> str | None:
    """The ``struct`` format of one opcode: ``_sre`` stores them in C integers of ``CODESIZE`` bytes. (Not
    ``array``'s item sizes: loading that extension took 0.14 ms of every run; ``struct`` is loaded already.)"""
    import _sre
    import struct

    return next((kind for kind in "IL" if struct.calcsize(kind) == _sre.CODESIZE), None)


def _version() -> str:
    import _sre

    return f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{__version__}|5"


@lru_cache(maxsize=1)
def _code_stamp(package: Path | None = None) -> str:
    """Name, size and modification time of every file of guidelint's code and of the grammar and
    rule files it ships: a ``stat`` each (under a millisecond), not reading them, as
    ``cache._shipped_digest`` does for findings, which matter more and are kept longer."""
    if package is None:
        from guidelint.resources import resource_dir

        roots = [Path(__file__).resolve().parent, resource_dir("grammar"), resource_dir("rules")]
    else:
        roots = [package, *(package / name for name in ("grammar", "rules"))]
    parts: list[str] = []
    for root in roots:
        _stamp_folder(os.fspath(root), parts)
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _stamp_folder(folder: str, parts: list[str]) -> None:
    """What ``os.walk`` from ``folder`` (top down, no symlinked folder entered, ``__pycache__``
    left out, names in order) finds of the files the stamp covers, read from ``os.scandir``'s
    entries directly: the walk and a path joined for each file took 0.65 ms, this 0.42 ms."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=attrgetter("name"))
    except OSError:
        return
    below = []
    for entry in entries:
        name = entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if name != "__pycache__" and not entry.is_symlink():
                below.append(entry.path)
        elif name.endswith((".py", ".yaml", ".yml", ".lark")):
            try:
                info = entry.stat()
            except OSError:
                continue
            parts.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    for path in below:
        _stamp_folder(path, parts)


def _stamp() -> str:
    """What the file's contents must have been made by: this interpreter, guidelint's code and
    the PyYAML that parsed the texts it keeps."""
    return f"{_version()}|{_code_stamp()}|{_yaml_stamp()}"


@lru_cache(maxsize=1)
def _yaml_stamp() -> str:
    """PyYAML's files as installed (its ``__init__.py``'s size and time, which an upgrade or a
    reinstall changes), found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("yaml")
        info = os.stat(spec.origin) if spec is not None and spec.origin else None
    except (ImportError, ValueError, OSError):
        info = None
    return "no yaml" if info is None else f"{spec.origin}:{info.st_size}:{info.st_mtime_ns}"


def _prefix() -> str:
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return f".guidelint-patterns-{user}-"


def cache_file() -> Path:
    tag = hashlib.sha256(f"{_version()}|{Path(__file__).resolve().parent}".encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"{_prefix()}{tag}.bin"


def transient(pattern: str, flags: int = 0) -> None:
    """Do not keep this pattern: it was built from what this run read, not from guidelint's code."""
    _transient.add((pattern, int(flags)))


def compile_transient(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` for a pattern built from what this run read (a guide, a config, a
    .gitignore): compiled as usual, never kept in the file."""
    transient(pattern, flags)
    return re.compile(pattern, flags)


#: what a compiled pattern offers that a ``LazyPattern`` takes over when it is compiled
_PATTERN_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
                       "flags", "groups", "groupindex")


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when first used: for a module's pattern that many
    guides never reach (a session length read from the intro when the front matter has none, the
    specificity cues, the usability-test scenarios). Building from the file every pattern a
    one-guide check asked for at import was the largest part of the file's cost, and about 350 of
    the 720 were never searched with. ``pattern`` is there from the start; reading anything else
    compiles it and makes the compiled pattern's methods and attributes this object's own, so they
    cost what they cost on the compiled pattern from then on. It is not an ``re.Pattern``: use it
    only through its methods (``LAZY.search(text)``), never hand it to ``re.search`` and friends.
    (Here, not in a module of its own: each module a check imports costs about 0.1 ms.)"""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = int(flags)

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_flags":  # copy, pickle and the like ask for these
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attribute in _PATTERN_ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags})"


def _kept(pattern: str, flags: int) -> bool:
    if (pattern, flags) in _transient or flags & re.DEBUG:
        return False
    # what fnmatch.translate makes of a config or .gitignore glob: built from input, and cheap
    return not (pattern.startswith("(?s:") and pattern.endswith(r")\Z"))


def _entry(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` computes before handing it to ``_sre.compile``."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # kept as the bytes of C integers: a list of 195,000 ints took 0.6 ms longer to unmarshal in a fresh
    # process than these bytes take to read back as a list (the list is built from them only to be copied)
    from array import array

    return (pattern, flags, int(flags | parsed.state.flags), array(_code_type(), code).tobytes(), parsed.state.groups - 1,
            groupindex, tuple(indexgroup))


def _code_of(code: bytes | tuple[int, int]) -> bytes | memoryview:
    """An entry's opcodes: made in this run (bytes), or where they lie in the file's (offset, size)."""
    if isinstance(code, tuple):
        offset, size = code
        return _blob[0][offset:offset + size]
    return code


def _build(entry: tuple) -> re.Pattern:
    import _sre

    pattern, _, flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, memoryview(_code_of(code)).cast(_code_type()).tolist(), groups, groupindex,
                        indexgroup)


#: the file: these 4 bytes, the header's size (4 bytes, little-endian), the header (marshal: the stamp, the
#: entries, the YAML files' data, the derived values) and the opcodes of every entry, one after another
_MAGIC = b"GLP\x04"


def read_file(path: Path) -> tuple[tuple, memoryview]:
    """The file's header and the opcodes its entries point into (offset, size), left where they
    lie: unmarshalled with the header, each pattern's opcodes were copied into a bytes object of
    their own (1.5 MB for a check, about 0.7 ms of a one-guide check's start). On POSIX the file
    is mapped, not read: only the pages a run touches are brought in, and the 2 MB read into fresh
    memory took another 0.5 ms. The mapping stays valid when another run replaces the file, as
    ``save`` always does (a new file renamed over it); Windows cannot rename over a mapped file,
    so there it is read."""
    with open(path, "rb") as handle:
        if os.name == "posix":
            import mmap

            raw = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)  # an empty file: ValueError
        else:
            raw = handle.read()
    if raw[:4] != _MAGIC:
        raise ValueError("not a pattern file")
    size = int.from_bytes(raw[4:8], "little")
    view = memoryview(raw)
    return marshal.loads(view[8:8 + size]), view[8 + size:]


def _file_bytes(entries: list[tuple], parsed: dict, derived: dict) -> bytes:
    # the entries loaded from the file, while none has been dropped, are written as they were read,
    # their opcodes copied in one piece: going through them one by one took 3.7 ms of each 9 ms save
    kept = _state["placed"]
    placed = list(entries[:kept])
    opcodes = bytearray(_blob[0][:sum(placed[-1][3])] if placed else b"")
    for entry in entries[kept:]:
        if not _valid(entry, len(_blob[0])):
            continue  # damaged in the file it was read from: not written again
        code = _code_of(entry[3])
        placed.append((*entry[:3], (len(opcodes), len(code)), *entry[4:]))
        opcodes += code
    header = marshal.dumps((_stamp(), tuple(placed), parsed, derived))  # plain data
    return b"".join((_MAGIC, len(header).to_bytes(4, "little"), header, opcodes))


def _owned(path: Path) -> bool:
    if not hasattr(os, "getuid"):
        return True
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


class _Kept(dict):
    """``re``'s cache, holding the patterns the file keeps unbuilt until ``re.compile`` first asks
    for one. A check asks for about 800 of them, mostly at import, but searches with fewer than half
    (phrase lists and lexicon groups compile theirs when a sentence first reaches them): building
    every one took 5 ms of a one-guide check. ``re`` looks a pattern up with ``_cache[key]`` (3.11)
    or ``_cache.pop(key, None)`` (3.12 on); both find a kept pattern here, built then. One that
    cannot be built (a damaged entry) is compiled by ``re`` as usual. ``__missing__`` builds the
    pattern itself rather than calling a function that does: 0.5 µs less on each of 500 builds."""

    __slots__ = ("waiting", "opcodes", "code_type", "sre_compile")

    def __init__(self, current: dict, waiting: dict, opcodes: memoryview) -> None:
        import _sre

        super().__init__(current)
        self.waiting = waiting  # (str, pattern, flags) -> the file's entry, its opcodes at (offset, size) in opcodes
        self.opcodes = opcodes
        self.code_type = _code_type()
        self.sre_compile = _sre.compile

    def _built(self, key):
        entry = self.waiting.pop(key, None)
        if entry is None:
            return None
        try:
            return self._from_file(entry)
        except Exception:  # noqa: BLE001 - a damaged entry: re compiles the pattern
            return None

    def __missing__(self, key):
        entry = self.waiting.pop(key, None)
        if entry is None:
            raise KeyError(key)
        try:
            pattern, _, flags, (offset, size), groups, groupindex, indexgroup = entry
            if not 0 <= offset <= offset + size <= len(self.opcodes):
                raise ValueError("opcodes outside the file")
            compiled = self.sre_compile(pattern, flags, self.opcodes[offset:offset + size].cast(self.code_type).tolist(),
                                        groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - a damaged entry: re compiles the pattern
            raise KeyError(key) from None
        self[key] = compiled
        return compiled

    def _from_file(self, entry) -> re.Pattern:
        pattern, _, flags, (offset, size), groups, groupindex, indexgroup = entry
        if not 0 <= offset <= offset + size <= len(self.opcodes):
            raise ValueError("opcodes outside the file")
        return self.sre_compile(pattern, flags, self.opcodes[offset:offset + size].cast(self.code_type).tolist(), groups,
                                groupindex, indexgroup)

    def pop(self, key, *default):
        if key not in self:
            compiled = self._built(key)
            if compiled is not None:
                return compiled
        return super().pop(key, *default)


def _valid(entry, opcodes: int) -> bool:
    """An entry ``_build`` can be handed: its parts of the types ``_sre.compile`` takes, its opcodes
    made in this run (bytes) or inside the file's ``opcodes`` bytes."""
    if not (isinstance(entry, tuple) and len(entry) == 7 and isinstance(entry[0], str) and type(entry[1]) is int
            and type(entry[2]) is int and type(entry[4]) is int and isinstance(entry[5], dict)
            and isinstance(entry[6], tuple)):
        return False
    code = entry[3]
    return isinstance(code, bytes) or (isinstance(code, tuple) and len(code) == 2 and type(code[0]) is int
                                       and type(code[1]) is int and 0 <= code[0] and code[0] + code[1] <= opcodes)


def load() -> int:
    """Make the patterns an earlier run saved what ``re.compile`` finds first; how many."""
    if not _supported():
        return 0
    _state["active"] = True
    try:
        path = cache_file()
        if not _owned_file(path):  # a symlink in the shared temp folder is not this user's file
            return 0
        data, opcodes = read_file(path)
        if not (isinstance(data, tuple) and len(data) == 4 and data[0] == _stamp()):
            return 0
        os.utime(path)  # in use: another install's run must not remove it (see _remove_others)
        entries = list(data[1])
        # the opcodes run to the end of the file, the last entry's last: a file cut short is not used. Each
        # entry is checked when it is built (by _Kept) or written again (by save), not here: checking all
        # of them, about 800, took 0.25 ms of every run
        if entries and sum(entries[-1][3]) != len(opcodes):
            return 0
        waiting = {(str, entry[0], entry[1]): entry for entry in entries}
        parsed = {str(name): bytes(value) for name, value in dict(data[2]).items()}
        # plain data only: nothing read from the file is ever run
        derived = {key: value for key, value in dict(data[3]).items() if not isinstance(value, types.CodeType)}
    except Exception:  # noqa: BLE001 - a missing, damaged or foreign file: compile as usual
        return 0
    # ``re`` keeps 512 patterns and drops the oldest for each new one. A check asks for about 800 of the file's, and
    # the file holds every pattern any run compiled, in the order the runs compiled them: at 512, the ones past the
    # limit and each one dropped were compiled again on every run (23 of them after a run over many guides wrote it)
    room = len(re._cache) + len(entries) + 256
    if isinstance(getattr(re, "_MAXCACHE", None), int) and re._MAXCACHE < room:
        re._MAXCACHE = room
    _loaded.update((pattern, flags) for _, pattern, flags in waiting)
    for key in waiting.keys() & re._cache.keys():  # compiled before the file was read (by the imports before it)
        del waiting[key]
    if isinstance(re._cache, _Kept):  # loaded again (tests): the new file's entries, in its opcodes
        re._cache.waiting = waiting
        re._cache.opcodes = opcodes
    else:
        re._cache = _Kept(re._cache, waiting, opcodes)
    _entries[:] = entries
    _state["placed"] = len(entries)  # written one after another from the start of the opcodes, by _file_bytes
    _blob[0] = opcodes
    _yaml.update(parsed)
    _derived.update(derived)
    _state["fresh"] = False
    _load_texts(texts_file(path))
    return len(entries)


def yaml_data(path: Path, parse):
    """``parse`` of the bytes of a YAML file guidelint ships, or the same data kept from an
    earlier run (a fresh copy each time). Kept by the file's path, without reading the file
    again: what the pattern file holds is used only with the code stamp it was saved under,
    which covers every shipped file's size and modification time (reading and hashing the 13
    files a check reads took 0.45 ms)."""
    if not _state["active"]:
        return parse(path.read_bytes())
    key = str(path)
    kept = _yaml.get(key)
    if kept is not None:
        return marshal.loads(kept)
    data = parse(path.read_bytes())
    try:
        _yaml[key] = marshal.dumps(data)
        _state["added"] = True
    except ValueError:
        pass  # something marshal cannot keep (a date): parsed every time
    return data


def text_data(text: str | bytes, parse):
    """``parse(text)`` for YAML a run reads (a guide's front matter, a config file), or the same
    data kept from an earlier run, a fresh copy each time: a check that finds here all the YAML
    it reads never imports PyYAML (about 5 ms of a one-guide check). Only what parsed is kept,
    and only as plain data (marshal): a text that fails is parsed, and fails, every time. The
    file's stamp covers the PyYAML that parsed them."""
    if not _state["active"] or len(text) > MAX_TEXT_LENGTH:
        return parse(text)
    kept = _texts.pop(text, None)
    if kept is not None:
        _texts[text] = kept  # read again: among the most recent, the last to be dropped
        return marshal.loads(kept)
    data = parse(text)
    try:
        _texts[text] = marshal.dumps(data)
    except ValueError:
        return data  # something marshal cannot keep (a date): parsed every time
    _state["texts"] = True
    return data


def texts_file(patterns: Path) -> Path:
    """Where the YAML texts kept as parsed lie, beside the pattern file: in a file of their own,
    since a guide with new front matter adds one (writing the 2 MB pattern file again for it took
    about 8 ms)."""
    return patterns.with_name(patterns.name.replace(".guidelint-patterns-", ".guidelint-texts-", 1))


def _load_texts(path: Path) -> None:
    try:
        if not _owned_file(path):
            return
        with open(path, "rb") as handle:
            data = marshal.loads(handle.read())
        if isinstance(data, tuple) and len(data) == 2 and data[0] == _stamp():
            _texts.update({text: bytes(value) for text, value in dict(data[1]).items() if isinstance(text, (str, bytes))})
    except Exception:  # noqa: BLE001 - missing or damaged: the texts are parsed again
        return


def derived(what: str, key: tuple, compute):
    """``compute()``, a value that depends only on ``key`` (a pattern's text and flags), kept
    between runs: for example the text a phrase cannot match without, which takes parsing
    the pattern. The value must be immutable plain data (str, int, tuples, None)."""
    if not _state["active"]:
        return compute()
    full = (what, key)
    try:
        return _derived[full]
    except KeyError:
        pass
    value = compute()
    try:
        marshal.dumps(value)
    except ValueError:
        return value
    _derived[full] = value
    _state["added"] = True
    return value


def save() -> int:
    """Add the patterns this run compiled that the file lacks; how many were added."""
    if not _supported():
        return 0
    new = []
    for key, compiled in list(re._cache.items()):
        kind, pattern, flags = key
        if kind is not str or (pattern, flags) in _loaded or not _kept(pattern, flags):
            continue
        try:
            entry = _entry(pattern, flags)
            if _build(entry) != compiled:
                continue
        except Exception:  # noqa: BLE001 - a pattern this module cannot rebuild is just not kept
            continue
        new.append(entry)
        _loaded.add((pattern, flags))
    target = cache_file()
    if _state["texts"]:
        _state["texts"] = False
        for old in list(_texts)[:-MAX_TEXTS]:
            del _texts[old]
        _write(texts_file(target), lambda: marshal.dumps((_stamp(), dict(_texts))))  # plain data
    if not new and not _state["added"]:
        return 0
    _entries.extend(new)
    if len(_entries) > MAX_ENTRIES:
        del _entries[:-MAX_ENTRIES]  # the oldest go first: a pattern still in use comes back next run
        _state["placed"] = 0  # the loaded ones no longer start the file: each is placed again
    for old in list(_derived)[:-MAX_DERIVED]:
        del _derived[old]
    _state["added"] = False
    if _state["fresh"]:
        _remove_others(target)
        _state["fresh"] = False
    if not _write(target, lambda: _file_bytes(_entries, dict(_yaml), dict(_derived))):
        return 0  # a read-only temporary folder: compile as usual next time
    return len(new)


def _write(target: Path, contents) -> bool:
    """Replace ``target`` with the bytes ``contents()`` makes, whole or not at all."""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(contents())
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        return False
    return True


def _remove_others(target: Path) -> None:
    """Remove this user's pattern files with another name that no run has loaded for
    ``UNUSED_SECONDS``: left by another Python, another guidelint version or an install since
    removed, each near 1 MB. Files in use stay (``load`` touches them): two installs used in
    turn (a pre-commit hook's and a checkout's) would otherwise remove each other's file and
    compile everything on every switch. Only when this run writes a fresh file, so it costs a
    directory listing once per install and code change, not every run."""
    now = time.time()
    for other in target.parent.glob(_prefix() + "*.bin"):
        try:
            if other != target and _owned_file(other) and now - other.stat().st_mtime > UNUSED_SECONDS:
                other.unlink()
                texts = texts_file(other)
                if _owned_file(texts):
                    texts.unlink()
        except OSError:  # removed meanwhile by another run
            pass


def _owned_file(path: Path) -> bool:
    try:
        return not path.is_symlink() and _owned(path)
    except OSError:
        return False
