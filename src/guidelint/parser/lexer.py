"""The lexer Lark runs for grammar/guide.lark: the grammar's own terminals, matched the way Lark's
contextual lexer matches them, in a loop of its own.

Lark's contextual lexer spent about 3 of the 4.5-5 µs each token of a guide costs (the rest is
the LALR parser and the tree): per token it looks up the parser state's lexer through a property,
calls two methods to match, builds the token through ``Token.__new__``'s keyword checks and feeds
a line counter object. Here the terminals are tried as one alternation, in the order Lark gives
them (priority, then width, then name); only when the terminal found is not one the parser
accepts in its current state (``SETEXT_EQ`` outside a paragraph, read as ``TEXT``) is the line
matched again with the terminals that state accepts, as Lark's per-state lexers do. So the
tokens are Lark's own: same types, text, offsets, lines and columns (lines counted by ``\\n``, as
Lark counts them).

Most of a token's matching time went on the alternatives that fail: an item line tried eight
terminals before ``ITEM``. So each line is matched with the alternation of only the terminals
that can match a line starting as it does, in the same order. Which ones can is read from the
terminals' own regular expressions (``_lead``): the characters a match can have first after its
indentation. That reading over-approximates (a lookahead or an anchor narrows nothing, a
category beyond digits, spaces and word characters holds every character), so a terminal left
out cannot match there, and the first alternative that matches is the one the whole alternation
would have found. (``\\A`` is read: a terminal anchored at the text's start is tried there only.)

Lark's parse of a generated guide went from about 4.8 to 3.5 µs a token, 28 % fewer instructions
(benchmarks/lark_lexer.py; tests/test_lexer.py holds the tokens to Lark's own).
"""

from __future__ import annotations

import re

from lark import Token
from lark.exceptions import ConfigurationError
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer

_INDENT = " \t"
#: line starts that choose an alternation are kept: every line start a guide has, and far more
_MAX_LEADS = 2048
#: how far into a line its indentation is skipped to find its first character; deeper lines try every terminal
_INDENT_LOOKED_AT = 16


def _lark_order(terminal) -> tuple:
    """The order Lark's lexer tries terminals in (lark.lexer.BasicLexer)."""
    return (-terminal.priority, -terminal.pattern.max_width, -len(terminal.pattern.value), terminal.name)


# A set of characters as plain data, so pattern_cache can keep it between runs: a tuple of
# classes (negated, characters, ranges, categories); a character is in the set when a class holds it.
_ANY = ((True, "", (), ()),)
_CATEGORIES = {"digit": str.isdigit, "space": str.isspace, "word": lambda char: char.isalnum() or char == "_"}


def _in(char: str, classes: tuple) -> bool:
    for negated, chars, ranges, categories in classes:
        listed = char in chars or any(low <= ord(char) <= high for low, high in ranges)
        if negated:
            if not listed:  # a negated class's categories are not taken out: more characters, to be safe
                return True
        elif listed or any(_CATEGORIES[name](char) for name in categories):
            return True
    return False


def _character_class(items, c) -> tuple:
    """The parsed class ``items`` as a set of characters (over-approximated: a category other
    than digits, spaces and word characters holds every character)."""
    chars, ranges, categories, negated = [], [], [], False
    for op, value in items:
        if op is c.NEGATE:
            negated = True
        elif op is c.LITERAL:
            chars.append(chr(value))
        elif op is c.RANGE:
            ranges.append(tuple(value))
        elif op is c.CATEGORY and value in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
            categories.append("digit")  # re's \\d is a decimal digit; every decimal digit is a digit
        elif op is c.CATEGORY and value in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
            categories.append("space")
        elif op is c.CATEGORY and value in (c.CATEGORY_WORD, c.CATEGORY_UNI_WORD):
            categories.append("word")
        else:
            return _ANY
    return ((negated, "".join(chars), tuple(ranges), tuple(categories)),)


def _lead(items, c) -> tuple[tuple, bool]:
    """The characters that can be the first after the indentation (spaces and tabs) of a match of
    the parsed expression ``items``, over-approximated (``_leads`` takes the indentation out);
    and whether such a match can be indentation alone. ``c`` is ``re._parser``, whose constants
    name the parsed nodes."""
    found: tuple = ()
    for op, value in items:
        if op is c.LITERAL or op is c.NOT_LITERAL or op is c.IN or op is c.ANY:  # one character
            if op is c.LITERAL or op is c.NOT_LITERAL:
                chars = ((op is c.NOT_LITERAL, chr(value), (), ()),)
            else:
                chars = _character_class(value, c) if op is c.IN else _ANY
            found += chars
            if not (_in(" ", chars) or _in("\t", chars)):
                return found, False
            continue
        if op is c.MAX_REPEAT or op is c.MIN_REPEAT or op is getattr(c, "POSSESSIVE_REPEAT", None):
            low, _high, body = value
            chars, indent_only = _lead(body, c)
            indent_only = indent_only or low == 0
        elif op is c.SUBPATTERN:
            _group, add_flags, _del_flags, body = value
            if add_flags & re.IGNORECASE:
                return _ANY, True
            chars, indent_only = _lead(body, c)
        elif op is getattr(c, "ATOMIC_GROUP", None):
            chars, indent_only = _lead(value, c)
        elif op is c.BRANCH:
            chars, indent_only = (), False
            for alternative in value[1]:
                more, alone = _lead(alternative, c)
                chars, indent_only = chars + more, indent_only or alone
        elif op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:  # zero width: narrows nothing here
            continue
        else:  # a back reference, a conditional: anything
            return _ANY, True
        found += chars
        if not indent_only:
            return found, False
    return found, True


def _anchored(items, c) -> bool:
    """Whether every match of the parsed expression ``items`` starts at the text's start (``\\A``)."""
    while items:
        op, value = items[0]
        if op is c.AT:
            return value is c.AT_BEGINNING_STRING
        if op is not c.SUBPATTERN:
            return False
        items = value[3]
    return False


def _read_leads(expressions: tuple, flags: int) -> tuple | None:
    if flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        from re import _parser as parser  # Python 3.11+
    except ImportError:
        return None
    try:
        leads = []
        for name, expression in expressions:
            parsed = parser.parse(expression, flags)
            if parsed.state.flags & (re.IGNORECASE | re.LOCALE):  # an inline (?i) for the whole expression
                return None
            chars, alone = _lead(list(parsed), parser)
            ascii_leads = "".join(char for char in map(chr, range(128)) if char not in _INDENT and _in(char, chars))
            leads.append((name, chars, ascii_leads, alone, _anchored(list(parsed), parser)))
        return tuple(leads)
    except Exception:  # any surprise in re's internals: every line tries every terminal
        return None


def _leads(terminals, flags: int) -> dict | None:
    """Each terminal's lead (``_lead``: its characters, and those of them below 128 as a string),
    whether a match can be indentation alone and whether it is anchored at the text's start, by
    name; None when they cannot be read (a flag that changes what a character matches, an
    expression this Python parses otherwise). Parsing the expressions took 1.5-2 ms of every
    start, so the result is kept with the compiled patterns."""
    from guidelint import pattern_cache

    expressions = tuple((t.name, t.pattern.to_regexp()) for t in terminals)
    leads = pattern_cache.derived("lexer_leads", (expressions, int(flags)), lambda: _read_leads(expressions, flags))
    return None if leads is None else {lead[0]: lead[1:] for lead in leads}


class LineLexer(Lexer):
    """A token stream identical to ``lexer="contextual"`` for a grammar without ``%ignore``."""

    __future_interface__ = 2  # lex(lexer_state, parser_state), the state's text a str or a TextSlice

    def __init__(self, conf) -> None:
        if conf.ignore or conf.postlex is not None or conf.callbacks:
            raise ConfigurationError("LineLexer reads grammars without %ignore, postlex or lexer callbacks")
        self.re = conf.re_module
        self.flags = conf.g_regex_flags
        self.terminals = sorted(conf.terminals, key=_lark_order)
        self.terminals_by_name = conf.terminals_by_name
        self.pattern = self._alternation(self.terminals)
        self._in_state: dict[frozenset, object] = {}  # terminals a parser state accepts -> their alternation
        self._leads = _leads(self.terminals, self.flags)
        self._by_names: dict[tuple, object] = {}  # terminal names -> their alternation
        # a line's first character -> the alternation of the terminals a line starting with it can be
        self._by_first: dict[str, object] = {}
        # an indented line's first character after its indentation -> the same
        self._by_lead: dict[str, object] = {}

    def _alternation(self, terminals):
        return self.re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals), self.flags)

    def _accepted(self, accepts) -> object:
        """The alternation of the terminals a parser state accepts (its action table's keys)."""
        key = frozenset(name for name in accepts if name in self.terminals_by_name)
        pattern = self._in_state.get(key)
        if pattern is None:
            pattern = self._in_state[key] = self._alternation([t for t in self.terminals if t.name in key])
        return pattern

    def _for_position(self, text: str, pos: int):
        """The alternation for the line at ``pos`` when its first character is not in ``_by_first``:
        an indented line, one that starts the text, one whose first character is new."""
        first = text[pos]
        if first not in _INDENT:
            return self._for_line(first, False)
        return self._for_line(text[pos:pos + _INDENT_LOOKED_AT].lstrip(_INDENT)[:1], True)

    def _for_line(self, char: str, indented: bool):
        """The alternation for lines, not the text's first, that start with ``char`` (after
        indentation, if ``indented``)."""
        leads = self._leads
        if not char:  # indentation as far as was looked
            return self.pattern
        if leads is None:
            pattern = self.pattern
        else:
            names = []
            for terminal in self.terminals:  # in Lark's order
                chars, ascii_leads, alone, anchored = leads[terminal.name]
                # an indented line can also be matched by a terminal that takes its indentation alone
                if not anchored and ((char in ascii_leads if char < "\x80" else _in(char, chars)) or (indented and alone)):
                    names.append(terminal.name)
            names = tuple(names)
            pattern = self._by_names.get(names)
            if pattern is None:
                pattern = self._by_names[names] = self._alternation([self.terminals_by_name[name] for name in names])
        table = self._by_lead if indented else self._by_first
        if len(table) < _MAX_LEADS:
            table[char] = pattern
        return pattern

    def lex(self, lexer_state, parser_state):
        text = lexer_state.text
        if isinstance(text, str):
            end = len(text)
        else:
            text, end = text.text, text.end
        counter = lexer_state.line_ctr
        pos, line, line_start = counter.char_pos, counter.line, counter.line_start_pos
        by_first, by_lead, whole = self._by_first, self._by_lead, self.pattern
        states = parser_state.parse_conf.states
        stack = parser_state.state_stack  # the parser pushes and pops this list in place; its top is the state
        new_str = str.__new__
        token = None
        try:
            while pos < end:
                if pos:
                    first = text[pos]
                    pattern = by_first.get(first)
                    if pattern is None:
                        if first in _INDENT:
                            # Looking past end (a TextSlice's) is safe: if the line is indentation up
                            # to there, every alternation for an indented line keeps the terminals
                            # that match indentation alone.
                            pattern = by_lead.get(text[pos:pos + _INDENT_LOOKED_AT].lstrip(_INDENT)[:1])
                        if pattern is None:
                            pattern = self._for_position(text, pos)
                else:
                    pattern = whole  # a terminal anchored at the text's start (\\A) can match only here
                found = pattern.match(text, pos, end)
                accepts = states[stack[-1]]
                if found is None or (kind := found.lastgroup) not in accepts:
                    found = self._accepted(accepts).match(text, pos, end)
                    if found is None:
                        raise UnexpectedCharacters(
                            text, pos, line, pos - line_start + 1, allowed=set(accepts) & set(self.terminals_by_name),
                            token_history=token and [token], state=parser_state, terminals_by_name=self.terminals_by_name)
                    kind = found.lastgroup
                value = found.group()
                # Token's documented attributes set directly: Token() goes through a keyword check
                # and a class method, 0.8 µs of the 2.3 a token took
                token = new_str(Token, value)
                token.type = kind
                token.value = value
                token.start_pos = pos
                token.line = line
                token.column = pos - line_start + 1
                newlines = value.count("\n")
                if newlines:
                    line += newlines
                    line_start = pos + value.rindex("\n") + 1
                pos += len(value)
                token.end_line = line
                token.end_column = pos - line_start + 1
                token.end_pos = pos
                yield token
        finally:
            counter.char_pos, counter.line, counter.line_start_pos = pos, line, line_start
            counter.column = pos - line_start + 1
            if token is not None:
                lexer_state.last_token = token
