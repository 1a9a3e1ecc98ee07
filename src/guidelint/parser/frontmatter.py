"""YAML front matter: read safely, with exact positions for errors and keys."""

from __future__ import annotations

import re
from operator import attrgetter
from typing import Protocol

from guidelint import pattern_cache, safe_yaml
from guidelint.model import FrontMatter, LineIndex, Span
from guidelint.records import Frozen


class BuilderView(Protocol):
    """What reading front matter needs from the parser's builder; a protocol, so this module
    does not import the builder that imports it."""

    source: str
    lines: LineIndex

    def span(self, start: int, end: int) -> Span: ...

    def problem(self, code: str, message: str, start: int, end: int, replacement: str | None = None) -> None: ...


#: guidelint's own front-matter keys
FRONT_MATTER_KEYS = ("title", "profile", "duration", "participant", "objectives", "language", "guidelint")
#: the ones no other tool uses: a block holding none of them is another tool's (Wiki.js, Jekyll…)
_ONLY_OURS = frozenset(FRONT_MATTER_KEYS) - {"title", "language"}

_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)
_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?:\r\n|\r|\n)?(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n)?\Z")


def read_front_matter(builder: BuilderView, start: int, raw: str) -> FrontMatter:
    body_start = start + _OPEN.match(raw).end()
    close = _CLOSE.search(raw)
    body_end = start + (close.start() if close else len(raw))
    body = builder.source[body_start:body_end]
    end = start + len(raw.rstrip("\r\n"))
    span = builder.span(start, end)
    fm = FrontMatter(span, builder.source[start:end], body)
    for m in _TOP_KEY.finditer(body):
        s = body_start + m.start("key")
        fm.key_spans.setdefault(m.group("key"), builder.span(s, s + len(m.group("key"))))
    try:
        # kept as parsed between runs (guidelint.pattern_cache): a guide checked again reads no YAML
        data = pattern_cache.text_data(body, safe_yaml.read) if body.strip() else {}
    except safe_yaml.YAMLError as exc:
        fm.valid = False
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if not _ONLY_OURS & set(fm.key_spans) and not isinstance(exc, (safe_yaml.ConstructorError, safe_yaml.Refused)):
            # another tool's block (Wiki.js, Jekyll) that does not parse: guidelint needs nothing
            # from it, so say what is wrong in words a researcher reads, at info, and move on (a
            # tag guidelint refuses to build, "!!python/object", stays an error)
            if "end of stream" in detail or "stream end" in detail:
                mark = getattr(exc, "context_mark", None) or mark  # where the unclosed part starts
            at = _offset_of(builder, body_start, body_end, mark)
            line = builder.lines.position(at)[0]
            first, last = span.line, span.end_line
            what = _explain(detail, getattr(exc, "context", None) or "")
            builder.problem(
                "front-matter-not-read",
                f"Lines {first}-{last} are front matter for another tool, and line {line} is not valid YAML: "
                f"{what}. guidelint ignored the block (it holds none of guidelint's keys); fix line {line} if "
                "the other tool needs it.",
                at, max(at, min(at + 1, body_end)))
            return fm
        at = _offset_of(builder, body_start, body_end, mark)
        # an alias bomb or a 5,000-digit number is well-formed YAML that is refused
        what = "cannot be read" if isinstance(exc, safe_yaml.Refused) else "is not valid YAML"
        kept = {} if isinstance(exc, (safe_yaml.ConstructorError, safe_yaml.Refused)) else _line_by_line(body)
        also = ""
        if kept:
            # ('study: "Shift Notes" diary study' breaks the block; "duration: 45 min" beside it is
            # still the author's word on the session, and reading it beats guessing from the body)
            fm.data = kept
            also = f"; the lines that parse on their own ({', '.join(sorted(kept))}) were read"
        builder.problem("front-matter-invalid", f"front matter {what}: {detail}{also}", at, max(at, min(at + 1, body_end)))
        return fm
    except RecursionError:
        fm.valid = False
        builder.problem("front-matter-invalid", "front matter is nested too deeply", start, start + 3)
        return fm
    if data is None:
        data = {}
    if not isinstance(data, dict):
        fm.valid = False
        builder.problem(
            "front-matter-invalid",
            f"front matter must be a mapping of keys to values, not a {type(data).__name__}",
            body_start,
            max(body_start, body_end),
        )
        return fm
    fm.data = {str(k): v for k, v in data.items()}
    return fm


_SIMPLE_LINE = re.compile(r"^([A-Za-z_][\w-]{0,40}):[ \t]+(\S[^\r\n]{0,200})$", re.MULTILINE)


def _line_by_line(body: str) -> dict[str, object]:
    """The top-level "key: value" lines of a block that does not parse as a whole, each read on
    its own; a line that does not parse alone is left out."""
    kept: dict[str, object] = {}
    for m in _SIMPLE_LINE.finditer(body):
        try:
            value = safe_yaml.read(f"v: {m.group(2)}")
        except (safe_yaml.YAMLError, RecursionError):
            continue
        if isinstance(value, dict) and isinstance(value.get("v"), (str, int, float, bool)):
            kept.setdefault(m.group(1), value["v"])
    return kept


def _offset_of(builder: BuilderView, body_start: int, body_end: int, mark) -> int:
    """The source offset of a YAML error mark (which counts from the start of the body)."""
    if mark is None:
        return body_start
    line = builder.lines.position(body_start)[0] - 1 + mark.line
    line_offset = builder.lines.starts[line] if line < len(builder.lines.starts) else body_start
    return min(line_offset + mark.column, body_end)


# What PyYAML's problems mean for someone who did not write YAML by choice.
_PLAIN_WORDS = (
    ("mapping values are not allowed", 'a value holds a colon (": "); put the whole value in quotes'),
    ("'\\t'", "a tab; YAML indents with spaces"),
    ("tab", "a tab; YAML indents with spaces"),
    ("could not find expected ':'", 'the line is not a "key: value" pair'),
    ("expected ',' or ']'", "a [ is never closed"),
    ("expected ',' or '}'", "a { is never closed"),
    ("end of stream", "a quote is never closed"),
    ("alias", 'a value starts with "*"; put the value in quotes'),
    ("tag", 'a value starts with "!"; put the value in quotes'),
    ("cannot start any token",
     "a value starts with a character YAML reserves (such as @ or `); put the value in quotes"),
    ("expected <block end>", "text follows a quoted value, or the indentation is uneven; quote the whole value"),
)


def _explain(problem: str, context: str) -> str:
    for needle, words in _PLAIN_WORDS:
        if needle in problem or needle in context:
            return words
    return f"YAML says {problem!r}"


# ---- front matter that is not on line 1 ----------------------------------------------------

# Keys that mark a block between `---` lines as front matter (guidelint's, Wiki.js', Jekyll's,
# Hugo's), rather than a thematic break over a paragraph that happens to hold a colon.
_KNOWN_KEYS = frozenset({
    *FRONT_MATTER_KEYS, "tags", "date", "published", "layout", "author", "authors", "description", "editor",
    "categories", "category", "permalink", "datecreated", "slug", "draft", "summary", "lang", "toc", "weight",
    "keywords", "status", "owner", "updated", "created", "subtitle",
})
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")
_YAMLISH = re.compile(r"[ \t]*(?:#.*)?|(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t].*)?|[ \t]+\S.*|-[ \t].*")
_OPEN_FENCE = re.compile(r"---[ \t]*")
_CLOSE_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_LOOK_AHEAD = 200  # lines: a guide's front matter is short


class MisplacedFrontMatter(Frozen):
    """A YAML block between `---` lines below the first line: not read as front matter."""

    __slots__ = ("opening", "closing", "end", "first_comes", "ours")
    __match_args__ = ("opening", "closing", "end", "first_comes", "ours")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    opening: int  # offset of the opening `---`
    closing: int  # offset of the closing `---` (or `...`)
    end: int  # offset just after the closing fence, before its line break
    first_comes: str  # what stands before it: "an HTML comment" or "blank lines"
    ours: tuple[str, ...]  # guidelint's keys in it, which are not used; () for another tool's block

    def __init__(self, opening: int, closing: int, end: int, first_comes: str, ours: tuple[str, ...]) -> None:
        object.__setattr__(self, "opening", opening)
        object.__setattr__(self, "closing", closing)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "first_comes", first_comes)
        object.__setattr__(self, "ours", ours)


def misplaced_front_matter(text: str) -> MisplacedFrontMatter | None:
    """Front matter that would be read were it on line 1, after blank lines or HTML comments."""
    if text.startswith("---") or not text.lstrip().startswith(("---", "<!--")):
        return None
    lines = [(m.start(), m.group().rstrip("\r\n")) for m in _LINE.finditer(text) if m.end() > m.start()]
    index, comment = 0, False
    while index < len(lines) and index < _LOOK_AHEAD:
        start, line = lines[index]
        stripped = line.strip()
        if stripped.startswith("<!--"):
            close = text.find("-->", start)
            if close < 0:
                return None
            comment = True
            while index < len(lines) and lines[index][0] + len(lines[index][1]) < close + 3:
                index += 1
            if index >= len(lines) or text[close + 3: lines[index][0] + len(lines[index][1])].strip():
                return None  # words after the comment on its line: not a comment line
            index += 1
        elif not stripped:
            index += 1
        else:
            break
    if index >= len(lines) or not _OPEN_FENCE.fullmatch(lines[index][1]):
        return None
    opening = lines[index][0]
    keys: list[str] = []
    for start, line in lines[index + 1: index + 1 + _LOOK_AHEAD]:
        if _CLOSE_FENCE.fullmatch(line):
            if not any(k.lower() in _KNOWN_KEYS for k in keys):
                return None
            ours = tuple(k for k in keys if k in FRONT_MATTER_KEYS) if _ONLY_OURS & set(keys) else ()
            return MisplacedFrontMatter(opening, start, start + len(line),
                                        "an HTML comment" if comment else "blank lines", ours)
        m = _YAMLISH.fullmatch(line)
        if m is None:
            return None
        if m.group("key"):
            keys.append(m.group("key"))
    return None


def masked(text: str, block: MisplacedFrontMatter) -> str:
    """The text with the block's fences read as a literal (`~~~`) block: same length and lines,
    so every position stays, and the keys do not become a heading over a thematic break."""
    return (text[: block.opening] + "~~~" + text[block.opening + 3: block.closing] + "~~~"
            + text[block.closing + 3:])


def misplaced_message(block: MisplacedFrontMatter, first: int, last: int) -> str:
    verb = "comes" if block.first_comes.startswith("an ") else "come"
    why = (f"Lines {first}-{last} look like front matter but were not read as front matter: front matter must "
           f"start on line 1, and here {block.first_comes} {verb} first.")
    if len(block.ours) == 1:
        return f"{why} Its {block.ours[0]} is not used; move the block to the top of the file."
    if block.ours:
        keys = f"{', '.join(block.ours[:-1])} and {block.ours[-1]}"
        return f"{why} Its {keys} are not used; move the block to the top of the file."
    return f"{why} guidelint ignored it; move it to the top of the file if another tool should read it."
