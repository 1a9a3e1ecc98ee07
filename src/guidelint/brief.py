"""A value from a config, front matter, rule pack or baseline, shown in a message.

``repr`` of a value read from a file may be megabytes long (a list of a million items, a
string of four million characters) or fail outright (an integer of 5,000 digits); a message
needs the first few dozen characters and must cost as little to build.
"""

from __future__ import annotations

import reprlib

LIMIT = 60


class _Brief(reprlib.Repr):
    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 2
        self.maxlist = self.maxtuple = self.maxset = self.maxdict = 4
        self.maxstring = self.maxother = LIMIT
        self.maxlong = 24

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 256:  # repr itself refuses past 4,300 digits, and is slow well before
            return f"<a number of about {int(x.bit_length() * 0.30103):,} digits>"
        return super().repr_int(x, level)


_BRIEF = _Brief()


def brief(value: object) -> str:
    """``repr(value)`` cut to about ``LIMIT`` characters, built without walking all of it."""
    text = _BRIEF.repr(value)
    return text if len(text) <= LIMIT + 10 else text[:LIMIT] + "…"
