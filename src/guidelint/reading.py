"""Reading files guidelint did not write, with a bound on what one file can cost.

A path may name /dev/zero, a fifo nobody writes to, or a file of gigabytes. Every read takes
at most its limit plus one byte, so the caller can tell "too large" from "exactly the limit"
without reading on; files met while walking a folder are opened without blocking and must be
regular files, since opening a fifo waits for a writer that may never come.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

MEBIBYTE = 1024 * 1024
#: guides, configs and rule packs
MAX_BYTES = 4 * MEBIBYTE
#: baselines and cache entries: one line per finding of a whole repository
MAX_RECORD_BYTES = 64 * MEBIBYTE
#: a .docx larger than this (images included) is not a discussion guide; one screenshot makes a
#: Word guide larger than MAX_BYTES, so Word files are read up to this instead
MAX_WORD_BYTES = 64 * MEBIBYTE


def guide_limit(path: Path | str) -> int:
    """How much of a guide to read: Word documents carry their images, Markdown does not."""
    return MAX_WORD_BYTES if str(path).lower().endswith(".docx") else MAX_BYTES


class NotRegularFile(OSError):
    """A fifo, socket or device where a file is expected."""


class TooLarge(OSError):
    def __init__(self, path: object, limit: int) -> None:
        super().__init__(f"larger than {limit / MEBIBYTE:g} MB")
        self.strerror = f"larger than {limit / MEBIBYTE:g} MB"
        self.filename = str(path)
        self.limit = limit


def read_at_most(path: Path | str, limit: int, *, regular_only: bool = False, follow_symlinks: bool = True) -> bytes:
    """Up to ``limit + 1`` bytes of ``path``. With ``regular_only``, anything but a regular
    file raises NotRegularFile without waiting for it; without, a fifo or device the user named
    is read like a file (``check <(cat guide.md)``), still never past the limit."""
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if regular_only:
        flags |= getattr(os, "O_NONBLOCK", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if regular_only and not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"{path}: not a regular file")
        return read_stream(handle, limit)


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes from an open binary stream (standard input, a pipe)."""
    chunks: list[bytes] = []
    wanted = limit + 1
    while wanted > 0:
        chunk = stream.read(min(wanted, MEBIBYTE))
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def read_limited(path: Path | str, limit: int, **options) -> bytes:
    """All of ``path``, or TooLarge when it holds more than ``limit`` bytes."""
    data = read_at_most(path, limit, **options)
    if len(data) > limit:
        raise TooLarge(path, limit)
    return data
