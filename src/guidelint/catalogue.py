"""The rule catalogue: every rule's code, name, severity, message and documentation.

Rules are data in ``rules/*.yaml`` (one file per family, as SQLFluff groups them). A rule
either names ``patterns``/``words`` (a wording rule run by the generic pattern runner, as in
Vale) or is implemented by a Python check in ``guidelint.checks`` registered under its name.
Teams add their own wording rules as rule packs: YAML files of the same shape whose codes
carry the pack's own prefix.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from guidelint import safe_yaml

from guidelint.brief import brief
from guidelint.diagnostics import Severity
from guidelint.reading import MAX_BYTES, read_limited
from guidelint.records import NEW, Compared, Frozen
from guidelint.resources import resource_dir, yaml_files


SCOPES = ("question", "probe", "note", "heading", "any", "guide")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,7}\d{1,4}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class CatalogueError(Exception):
    def __init__(self, path: str, where: str, message: str) -> None:
        super().__init__(f"{path}: {where}: {message}")
        self.path = path
        self.where = where


class Rule(Frozen):
    """A rule of the catalogue (rules/*.yaml): code, name, severity, message and options."""

    __slots__ = ("code", "name", "severity", "message", "summary", "why", "family", "scope", "fires", "passes", "fires_strict",
                 "suggest", "fixable", "default", "fatal", "strict", "outranks", "patterns", "exceptions", "options", "pack",
                 "source")
    __match_args__ = ("code", "name", "severity", "message", "summary", "why", "family", "scope", "fires", "passes",
                      "fires_strict", "suggest", "fixable", "default", "fatal", "strict", "outranks", "patterns", "exceptions",
                      "options", "pack", "source")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    code: str
    name: str
    severity: Severity
    message: str
    summary: str
    why: str
    family: str
    scope: str
    fires: tuple[str, ...]
    passes: tuple[str, ...]
    #: reported only in strict mode: forms that are right only most of the time
    fires_strict: tuple[str, ...]
    suggest: str | None
    fixable: bool
    #: off unless selected (LanguageTool rules, for example)
    default: bool
    #: file-level errors: never ignored or suppressed
    fatal: bool
    #: in the strict set: off unless strict mode is on or the rule is selected by name or code
    strict: bool
    #: names of rules this one stands for when both report on overlapping words (one finding per span)
    outranks: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]
    exceptions: tuple[re.Pattern, ...]
    options: dict
    pack: str | None
    source: str

    def __init__(self, code: str, name: str, severity: Severity, message: str, summary: str, why: str, family: str,
                 scope: str = "guide", fires: tuple[str, ...] = (), passes: tuple[str, ...] = (),
                 fires_strict: tuple[str, ...] = (), suggest: str | None = None, fixable: bool = False, default: bool = True,
                 fatal: bool = False, strict: bool = False, outranks: tuple[str, ...] = (),
                 patterns: tuple[re.Pattern, ...] = (), exceptions: tuple[re.Pattern, ...] = (), options: dict = NEW,
                 pack: str | None = None, source: str = "") -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "summary", summary)
        object.__setattr__(self, "why", why)
        object.__setattr__(self, "family", family)
        object.__setattr__(self, "scope", scope)
        object.__setattr__(self, "fires", fires)
        object.__setattr__(self, "passes", passes)
        object.__setattr__(self, "fires_strict", fires_strict)
        object.__setattr__(self, "suggest", suggest)
        object.__setattr__(self, "fixable", fixable)
        object.__setattr__(self, "default", default)
        object.__setattr__(self, "fatal", fatal)
        object.__setattr__(self, "strict", strict)
        object.__setattr__(self, "outranks", outranks)
        object.__setattr__(self, "patterns", patterns)
        object.__setattr__(self, "exceptions", exceptions)
        object.__setattr__(self, "options", {} if options is NEW else options)
        object.__setattr__(self, "pack", pack)
        object.__setattr__(self, "source", source)

    @property
    def data_driven(self) -> bool:
        return bool(self.patterns)


class Family(Frozen):
    """A family of rules sharing a code prefix and a title."""

    __slots__ = ("id", "title", "prefix", "description")
    __match_args__ = ("id", "title", "prefix", "description")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    id: str
    title: str
    prefix: str
    description: str

    def __init__(self, id: str, title: str, prefix: str, description: str) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "prefix", prefix)
        object.__setattr__(self, "description", description)


_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
#: how much of a matched text one field of a message shows, and how long a message may grow
FIELD_LIMIT = 80
MESSAGE_LIMIT = 500


def message_fields(template: str) -> list[str]:
    """The fields a pack rule's message or suggestion names (``{match}``, ``{word}``)."""
    return [m.group(1) for m in _FIELD.finditer(template) if m.group(1) is not None]


def fill_message(template: str, values: dict[str, str]) -> str:
    """``template`` with its fields filled, as ``str.format`` would for plain ``{name}`` fields
    (the only kind a pack may use: see ``_check_message``), each value and the whole cut short."""
    def field(m: re.Match) -> str:
        if m.group(1) is None:
            return m.group()[0]  # {{ or }}
        value = values.get(m.group(1)) or ""
        return value if len(value) <= FIELD_LIMIT else value[: FIELD_LIMIT - 1] + "…"

    text = _FIELD.sub(field, template)
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def _check_message(template: str, key: str, patterns: tuple[re.Pattern, ...], path: str, where: str) -> None:
    """A message may name ``{match}`` and the patterns' named groups, nothing else: no
    attributes (``{match.__class__}``), indexes or format specs (``{match:>1000000000}``)."""
    allowed = {"match"} | {name for p in patterns for name in p.groupindex}
    for name in message_fields(template):
        if name not in allowed:
            shown = name if len(name) <= 40 else name[:39] + "…"
            raise CatalogueError(path, where, f"{key}: {{{shown}}} is not a field guidelint fills; use "
                                              f"{', '.join('{' + a + '}' for a in sorted(allowed))}")


def _refused(pattern: str, flags: int) -> str | None:
    # imported here: only a team's pack is checked for runaway patterns, and a check without one
    # need not load the module
    from guidelint.regex_safety import nested_quantifier

    return nested_quantifier(pattern, flags)


def _compile_all(items, flags, path, where, *, pack: bool = False) -> tuple[re.Pattern, ...]:
    out = []
    for item in items or ():
        if not isinstance(item, str):
            raise CatalogueError(path, where, f"every pattern must be text, not {brief(item)}")
        try:
            compiled = re.compile(item, flags)
        except (re.error, RecursionError, OverflowError) as exc:
            raise CatalogueError(path, where, f"bad regular expression {brief(item)}: {exc}") from None
        why = _refused(item, flags) if pack else None
        if why:
            raise CatalogueError(path, where, f"pattern {brief(item)} is refused: {why}")
        out.append(compiled)
    return tuple(out)


def _names(value, path: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogueError(path, where, "outranks must be a list of rule names")
    return tuple(value)


def _list_of(entry: dict, key: str, path: str, where: str) -> list:
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise CatalogueError(path, where, f"{key} must be a list, not {type(value).__name__}")
    return value


def rule_from_dict(entry: dict, *, family: str, path: str, pack: str | None = None) -> Rule:
    if not isinstance(entry, dict):
        raise CatalogueError(path, f"rule {brief(entry)}", "each rule must be a mapping")
    where = f"rule {brief(entry.get('code') or entry.get('name') or '?')}"
    missing = [k for k in ("code", "name", "message") if not entry.get(k)]
    if missing:
        raise CatalogueError(path, where, f"missing {', '.join(missing)}")
    code, name = str(entry["code"]), str(entry["name"])
    if not _CODE.match(code):
        raise CatalogueError(path, where, f"code {brief(code)} must look like GL102 or ACME1")
    if pack is not None and code.startswith("GL"):
        raise CatalogueError(path, where, f"code {brief(code)}: GL codes belong to guidelint; use your pack's own prefix")
    if not _NAME.match(name):
        raise CatalogueError(path, where, f"name {brief(name)} must be kebab-case")
    try:
        severity = Severity.parse(entry.get("severity", "warning"))
    except ValueError as exc:
        raise CatalogueError(path, where, str(exc)) from None
    scope = str(entry.get("scope", "question" if pack else "guide"))
    if scope not in SCOPES:
        raise CatalogueError(path, where, f"scope {brief(scope)} must be one of {', '.join(SCOPES)}")
    flags = 0 if entry.get("case-sensitive") else re.IGNORECASE
    patterns = list(_list_of(entry, "patterns", path, where))
    words = _list_of(entry, "words", path, where)
    if words:
        patterns.append(r"\b(?:" + "|".join(re.escape(str(w)) for w in words) + r")\b")
    if pack is not None and not patterns:
        raise CatalogueError(path, where, "a pack rule needs patterns or words")
    for key in ("message", "suggest", "summary", "why"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise CatalogueError(path, where, f"{key} must be text, not {brief(entry[key])}")
    options = entry.get("options") or {}
    if not isinstance(options, dict):
        raise CatalogueError(path, where, f"options must be a mapping, not {brief(options)}")
    compiled = _compile_all(patterns, flags, path, where, pack=pack is not None)
    if compiled:
        _check_message(entry["message"], "message", compiled, path, where)
        if entry.get("suggest"):
            _check_message(entry["suggest"], "suggest", compiled, path, where)
    return Rule(
        code=code,
        name=name,
        severity=severity,
        message=str(entry["message"]),
        summary=str(entry.get("summary", "")).strip(),
        why=str(entry.get("why", "")).strip(),
        family=family,
        scope=scope,
        fires=tuple(str(x) for x in _list_of(entry, "fires", path, where)),
        fires_strict=tuple(str(x) for x in _list_of(entry, "fires-strict", path, where)),
        passes=tuple(str(x) for x in _list_of(entry, "passes", path, where)),
        suggest=entry.get("suggest"),
        fixable=bool(entry.get("fixable", False)),
        default=bool(entry.get("default", True)),
        fatal=bool(entry.get("fatal", False)),
        strict=bool(entry.get("strict", False)),
        outranks=_names(entry.get("outranks"), path, where),
        patterns=compiled,
        exceptions=_compile_all(_list_of(entry, "exceptions", path, where), flags, path, where, pack=pack is not None),
        options=dict(options),
        pack=pack,
        source=path,
    )


def _load_yaml(path: Path):
    return safe_yaml.read(read_limited(path, MAX_BYTES))


class Catalogue(Compared):
    """Every rule and family known to a run, the built-in ones and the packs'."""

    __slots__ = ("rules", "families", "by_code", "by_name", "outranked")
    __match_args__ = ("rules", "families", "by_code", "by_name", "outranked")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    rules: list[Rule]
    families: dict[str, Family]
    by_code: dict[str, Rule]
    by_name: dict[str, Rule]
    #: code -> codes of every rule it outranks, directly or through a rule it outranks
    outranked: dict[str, frozenset[str]]

    def __init__(self, rules: list[Rule], families: dict[str, Family], by_code: dict[str, Rule] = NEW,
                 by_name: dict[str, Rule] = NEW, outranked: dict[str, frozenset[str]] = NEW) -> None:
        self.rules = rules
        self.families = families
        self.by_code = {} if by_code is NEW else by_code
        self.by_name = {} if by_name is NEW else by_name
        self.outranked = {} if outranked is NEW else outranked
        self.__post_init__()

    def __post_init__(self) -> None:
        for rule in self.rules:
            for key, index in ((rule.code, self.by_code), (rule.name, self.by_name)):
                if key in index and index[key] is not rule:
                    raise CatalogueError(rule.source, f"rule {rule.code}", f"{key!r} is already used by {index[key].source}")
                index[key] = rule
        self.outranked = self._ranking()

    def _ranking(self) -> dict[str, frozenset[str]]:
        direct: dict[str, set[str]] = {}
        for rule in self.rules:
            for name in rule.outranks:
                other = self.get(name)
                if other is None:
                    raise CatalogueError(rule.source, f"rule {rule.code}", f"outranks unknown rule {name!r}")
                direct.setdefault(rule.code, set()).add(other.code)
        closed: dict[str, frozenset[str]] = {}
        for code in direct:
            seen: set[str] = set()
            todo = list(direct[code])
            while todo:
                below = todo.pop()
                if below not in seen:
                    seen.add(below)
                    todo.extend(direct.get(below, ()))
            if code in seen:
                rule = self.by_code[code]
                raise CatalogueError(rule.source, f"rule {code}", "outranks a rule that outranks it")
            closed[code] = frozenset(seen)
        return closed

    def outranks(self, code: str, other: str) -> bool:
        return other in self.outranked.get(code, ())

    def get(self, key: str) -> Rule | None:
        return self.by_code.get(key.upper()) or self.by_name.get(key.lower())

    def with_packs(self, packs: list[Path]) -> Catalogue:
        if self is not builtin():
            return _combine(self, [rule for pack in packs for rule in load_pack(pack)])
        # checking many files with the same packs builds their catalogue once
        return _builtin_with(tuple((str(p), *_stamp(p)) for p in packs))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = Path(path).stat()
        return info.st_mtime_ns, info.st_size
    except OSError:
        return 0, -1  # load_pack reports the missing file


@lru_cache(maxsize=16)
def _builtin_with(packs: tuple[tuple[str, int, int], ...]) -> Catalogue:
    return _combine(builtin(), [rule for path, _, _ in packs for rule in load_pack(Path(path))])


def _combine(catalogue: Catalogue, extra: list[Rule]) -> Catalogue:
    return Catalogue([*catalogue.rules, *extra], dict(catalogue.families))


@lru_cache(maxsize=1)
def builtin() -> Catalogue:
    rules: list[Rule] = []
    families: dict[str, Family] = {}
    folder = resource_dir("rules")
    for path in yaml_files(folder):
        data = safe_yaml.read_resource(path)
        if not isinstance(data, dict) or "rules" not in data:
            continue  # lexicon and other data files
        fam = Family(str(data.get("family", path.stem)), str(data.get("title", path.stem)),
                     str(data.get("prefix", "")), str(data.get("description", "")).strip())
        families[fam.id] = fam
        for entry in data["rules"]:
            rules.append(rule_from_dict(entry, family=fam.id, path=str(path)))
    rules.sort(key=lambda r: r.code)
    return Catalogue(rules, families)


def load_pack(path: Path) -> list[Rule]:
    """A team's rule pack: ``{name: ..., rules: [...]}`` or a bare list of rules."""
    try:
        data = _load_yaml(path)
    except OSError as exc:
        raise CatalogueError(str(path), "file", f"cannot read rule pack: {exc.strerror or exc}") from None
    except safe_yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        what = "cannot be read" if isinstance(exc, safe_yaml.Refused) else "not valid YAML"
        raise CatalogueError(str(path), where, f"{what}: {getattr(exc, 'problem', None) or exc}") from None
    if isinstance(data, list):
        data = {"rules": data}
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise CatalogueError(str(path), "file", "a rule pack is a mapping with a 'rules' list")
    if not isinstance(data.get("name", ""), str):
        raise CatalogueError(str(path), "name", f"must be text, not {brief(data['name'])}")
    name = str(data.get("name", path.stem))
    rules = [rule_from_dict(e, family="pack:" + name, path=str(path), pack=name) for e in data["rules"]]
    seen: dict[str, Rule] = {}
    for rule in rules:  # two rules of one pack under one code or name: say so when it loads
        for key in (rule.code, rule.name):
            if key in seen:
                raise CatalogueError(str(path), f"rule {rule.code}", f"{key!r} is already used by rule {seen[key].code}")
            seen[key] = rule
    return rules
