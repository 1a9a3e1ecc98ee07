"""What ``@dataclass`` wrote for the classes on a check's path, written once by hand.

``dataclass`` works out each class's methods from its annotations at import, about 0.1 ms a
class even with its generated code kept (guidelint.pattern_cache): the model's 16 classes took
1.2 ms of a one-guide check's start-up and the 29 others on a check's path 2.5 ms. Each class
written on these bases lists its fields in order (``_FIELDS``, the inherited ones first, as
``dataclasses.fields`` did) and those ``repr`` shows (``_SHOWN``), keeps its annotations, and has
its own ``__init__``; it prints, compares, hashes and pickles as before, and ``_replace`` stands
for ``dataclasses.replace``. Tests keep each in step with the dataclass its fields would make
(tests/test_records.py, and tests/test_parser.py for the model).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any


class Record:
    """Printed as a dataclass: its class name and the fields in ``_SHOWN``."""

    __slots__ = ()
    _FIELDS: tuple[str, ...] = ()
    _SHOWN: tuple[str, ...] = ()

    @recursive_repr()
    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self._SHOWN)})"

    def _replace(self, **changes: Any):
        """A copy with some fields changed, made by ``__init__`` as ``dataclasses.replace`` made it."""
        return self.__class__(**{name: changes.pop(name) if name in changes else getattr(self, name)
                                 for name in self._FIELDS}, **changes)


class Compared(Record):
    """Equal when of the same class with equal fields, in order; unhashable, as a dataclass with
    ``eq=True`` is."""

    __slots__ = ()
    _key: attrgetter[Any]  # the fields in order, as a tuple

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key(self) == other._key(other)  # type: ignore[attr-defined]
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class Frozen(Compared):
    """``frozen=True``: set once by ``__init__`` (with ``object.__setattr__``), then read-only, and
    hashed by its fields. Pickled as the call that makes it again."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __reduce__(self):
        return self.__class__, self._key(self)


#: a field whose default is made anew for each object (``field(default_factory=...)``) and was not given
NEW: Any = object()
