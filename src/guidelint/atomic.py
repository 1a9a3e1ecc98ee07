"""Writing a guide so it is never half written: a temporary file in the same folder, then a
rename. Used by `check --fix` and the editor's save."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` (through a symlink to its target), keeping its permissions.

    Raises OSError with the original untouched when anything fails; returns the path written.
    """
    target = path.resolve() if path.is_symlink() else path
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, _mode_for(target))
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    return target


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):  # a new file: the usual permissions
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: a hard link or a symlink counts, not only equal paths."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.realpath(a) == os.path.realpath(b)
