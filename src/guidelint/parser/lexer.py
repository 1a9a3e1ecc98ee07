"""The lexer Lark runs for grammar/guide.lark: the grammar's own terminals, matched the way Lark's
contextual lexer matches them, in a loop of its own.

Lark's contextual lexer spent about 3 of the 4.5-5 µs each token of a guide costs (the rest is
the LALR parser and the tree): per token it looks up the parser state's lexer through a property,
calls two methods to match, builds the token through ``Token.__new__``'s keyword checks and feeds
a line counter object. Here one compiled alternation of every terminal, in the order Lark gives
them (priority, then width, then name), is tried first; only when the terminal it finds is not
one the parser accepts in its current state (``SETEXT_EQ`` outside a paragraph, read as ``TEXT``)
is the line matched again with the terminals that state accepts, as Lark's per-state lexers do.
So the tokens are Lark's own: same types, text, offsets, lines and columns (lines counted by
``\\n``, as Lark counts them).
"""

from __future__ import annotations

from lark import Token
from lark.exceptions import ConfigurationError
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer


def _lark_order(terminal) -> tuple:
    """The order Lark's lexer tries terminals in (lark.lexer.BasicLexer)."""
    return (-terminal.priority, -terminal.pattern.max_width, -len(terminal.pattern.value), terminal.name)


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

    def _alternation(self, terminals):
        return self.re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals), self.flags)

    def _accepted(self, accepts) -> object:
        """The alternation of the terminals a parser state accepts (its action table's keys)."""
        key = frozenset(name for name in accepts if name in self.terminals_by_name)
        pattern = self._in_state.get(key)
        if pattern is None:
            pattern = self._in_state[key] = self._alternation([t for t in self.terminals if t.name in key])
        return pattern

    def lex(self, lexer_state, parser_state):
        text = lexer_state.text
        if isinstance(text, str):
            end = len(text)
        else:
            text, end = text.text, text.end
        counter = lexer_state.line_ctr
        pos, line, line_start = counter.char_pos, counter.line, counter.line_start_pos
        match = self.pattern.match
        states = parser_state.parse_conf.states
        new_str = str.__new__
        token = None
        try:
            while pos < end:
                found = match(text, pos, end)
                accepts = states[parser_state.position]
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
