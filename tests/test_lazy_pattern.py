"""A module pattern compiled on first use (pattern_cache.LazyPattern) behaves as the compiled pattern does."""

from __future__ import annotations

import copy
import re

from guidelint.pattern_cache import LazyPattern


def test_it_is_compiled_only_when_first_used():
    lazy = LazyPattern(r"\bz+ebra(?P<tail>s?)\b", re.IGNORECASE)
    assert lazy.pattern == r"\bz+ebra(?P<tail>s?)\b"
    assert "search" not in vars(lazy)  # reading its text compiles nothing
    compiled = re.compile(r"\bz+ebra(?P<tail>s?)\b", re.IGNORECASE)
    assert lazy.search("Two ZZebras").group(0) == compiled.search("Two ZZebras").group(0)
    assert "search" in vars(lazy)  # from now on the compiled pattern's own method
    assert lazy.flags == compiled.flags and lazy.groups == compiled.groups and lazy.groupindex == compiled.groupindex


def test_every_method_answers_as_the_compiled_pattern():
    text = "a1 b22 c333, a4"
    compiled = re.compile(r"([a-c])(\d+)")
    for name, args in (("search", (text,)), ("match", (text,)), ("fullmatch", ("b22",)), ("findall", (text,)),
                       ("sub", (r"\2\1", text)), ("subn", ("-", text)), ("split", (text,))):
        lazy = LazyPattern(r"([a-c])(\d+)")
        got, expected = getattr(lazy, name)(*args), getattr(compiled, name)(*args)
        if isinstance(expected, re.Match):
            assert got.span() == expected.span() and got.groups() == expected.groups(), name
        else:
            assert got == expected, name
    lazy = LazyPattern(r"([a-c])(\d+)")
    assert [m.span() for m in lazy.finditer(text, 3)] == [m.span() for m in compiled.finditer(text, 3)]
    assert lazy.flags == compiled.flags  # UNICODE, as re gives every str pattern


def test_copying_and_special_names_do_not_compile_it():
    lazy = LazyPattern(r"x+")
    assert copy.copy(lazy).pattern == "x+" and not hasattr(lazy, "__deepcopy__")
    assert "search" not in vars(lazy) and repr(lazy) == "LazyPattern('x+', 0)"
