"""A module's regular expression compiled when first used, not at import."""

from __future__ import annotations

import re

#: what a compiled pattern offers that a ``LazyPattern`` takes over when it is compiled
_PATTERN_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
                       "flags", "groups", "groupindex")


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when first used: for a module's pattern that many
    guides never reach (a session length read from the intro when the front matter has none, the
    specificity cues, the usability-test scenarios). Building, from guidelint.pattern_cache's file,
    the patterns a one-guide check asked for at import was the largest part of that file's cost, and
    about 350 of the 720 were never searched with. ``pattern`` is there from the start; reading
    anything else compiles it and makes the compiled pattern's methods and attributes this object's
    own, so they cost what they cost on the compiled pattern from then on. It is not an
    ``re.Pattern``: use it only through its methods (``LAZY.search(text)``), never hand it to
    ``re.search`` and friends."""

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
