"""Reading a guide for editing and writing it back without losing anything.

The file keeps what it had: a BOM stays, CRLF stays CRLF, the permission bits stay. Textual's
TextArea shows form feeds, U+2028, a lone CR in a CRLF file and the like as line breaks and
gives them back as the file's newline; saving a buffer that was not edited (or was edited back
to what it was) therefore writes the bytes that were read, not the TextArea's version. A save
goes to a temporary file in the same folder that then replaces the guide in one rename, so a
failed or interrupted save leaves the old file whole. The fingerprint taken when the file was
opened (or last saved) tells whether someone else changed it in the meantime.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from guidelint.atomic import write_atomically
from guidelint.parser import decode
from guidelint.reading import MAX_BYTES, read_at_most

BOM = b"\xef\xbb\xbf"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: characters Python's str.splitlines() (and so Textual's TextArea) treats as line breaks
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_ABSENT = (FileNotFoundError, NotADirectoryError)
_NEWLINE_NAMES = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


class OpenError(Exception):
    """The file cannot be edited safely (unreadable, not UTF-8, binary, too large)."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        try:
            info = path.stat()
            digest = hashlib.sha256(read_at_most(path, MAX_BYTES)).hexdigest()
        except OSError:  # not there (or unreadable): nothing to compare with
            return None
        return cls(info.st_mtime_ns, info.st_size, digest)


@dataclass(slots=True)
class GuideFile:
    path: Path
    had_bom: bool = False
    newline: str = "\n"
    #: None while the file does not exist on disk yet
    fingerprint: Fingerprint | None = None
    #: things the editor changes on load that the author should know about
    notes: list[str] = field(default_factory=list)
    #: the bytes on disk when opened or last saved, and the text the editor showed for them
    original: bytes | None = None
    shown: str | None = None

    def encode(self, text: str) -> bytes:
        if self.original is not None and text == self.shown:
            return self.original  # unedited: exactly what was read
        body = _LINE_BREAK.sub(self.newline, text).encode("utf-8")
        return (BOM if self.had_bom else b"") + body

    def changed_on_disk(self) -> bool:
        """True when the file on disk is not the one opened or last saved."""
        try:
            info = self.path.stat()
        except _ABSENT:
            return self.fingerprint is not None
        except OSError:  # cannot tell; the save itself will say what is wrong
            return False
        if self.fingerprint is None:
            return True
        if (info.st_mtime_ns, info.st_size) == (self.fingerprint.mtime_ns, self.fingerprint.size):
            return False
        # touched but maybe not changed: only the content counts
        current = Fingerprint.of(self.path)
        return current is None or current.sha256 != self.fingerprint.sha256


def detect_newline(text: str) -> str:
    """The line ending Textual's TextArea uses for this text (it joins every line with one)."""
    for newline in ("\r\n", "\n", "\r"):
        if newline in text:
            return newline
    return "\n"


def as_shown(text: str) -> str:
    """``text`` as Textual's TextArea holds it: split with str.splitlines (at form feeds and
    U+2028 too), joined with the first line break found, an empty last line after a final
    break."""
    lines = text.splitlines()
    if not text or text.endswith(("\r\n", "\n", "\r")):
        lines.append("")
    return detect_newline(text).join(lines)


def open_guide(path: Path) -> tuple[str, GuideFile]:
    """The text to edit, as the editor shows it (BOM removed), and what is needed to write it
    back the same way."""
    try:
        data = read_at_most(path, MAX_BYTES)
    except IsADirectoryError:
        raise OpenError(f"{path} is a folder, not a guide") from None
    except OSError as exc:
        raise OpenError(f"cannot read {path}: {exc.strerror or exc}") from None
    decoded = decode(data)
    if decoded.problem is not None:
        raise OpenError(f"cannot edit {path}: {decoded.problem.message}")
    text = decoded.text or ""
    newline = detect_newline(text)
    notes = []
    endings = {m.group() for m in _LINE_BREAK.finditer(text)}
    if len(endings) > 1:
        notes.append(f"The file mixes line endings; once edited, it will be saved with {_NEWLINE_NAMES[newline]} "
                     "throughout.")
    if _OTHER_BREAKS.search(text):
        notes.append("The file holds unusual line separators (such as U+2028 or a form feed); the editor shows "
                     f"them as line breaks and, once the file is edited, saves them as {_NEWLINE_NAMES[newline]}.")
    shown = as_shown(text)
    return shown, GuideFile(path, decoded.had_bom, newline, Fingerprint.of(path), notes, data, shown)


def save_atomic(guide_file: GuideFile, text: str) -> None:
    """Write ``text`` to the guide's path through a temporary file and a rename.

    Raises OSError with the file untouched when anything fails; updates the fingerprint on
    success.
    """
    data = guide_file.encode(text)
    target = write_atomically(guide_file.path, data)
    guide_file.fingerprint = Fingerprint.of(target)
    guide_file.original, guide_file.shown = data, text


