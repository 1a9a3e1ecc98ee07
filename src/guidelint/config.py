"""Configuration: ``[tool.guidelint]`` in pyproject.toml or ``.guidelint.yaml``.

The nearest file upward from each checked file applies; ``--config`` names one and
``--isolated`` ignores all. Layers apply in order (config file, the guide's front-matter
``guidelint:`` table, the command line); within a layer ``select`` replaces the selection
and ``extend-select``/``ignore`` adjust it, as in ruff.
"""

from __future__ import annotations

import copy
import fnmatch
import math
import os
import re
from operator import attrgetter
from pathlib import Path
from typing import Any

from guidelint import pattern_cache, safe_yaml
from guidelint.brief import brief
from guidelint.pattern_cache import LazyPattern
from guidelint.reading import MAX_BYTES, read_limited
from guidelint.records import NEW, Compared, Record

CONFIG_NAMES = (".guidelint.yaml", ".guidelint.yml", "pyproject.toml")

KEYS = {
    "profile": str,
    "duration": (str, int, float),
    "select": list,
    "extend-select": list,
    "ignore": list,
    "extend-ignore": list,
    "severity": dict,
    "per-file-ignores": dict,
    "include": list,
    "exclude": list,
    "extend-exclude": list,
    "rule-packs": list,
    "vocabulary": list,
    "languagetool": dict,
    "cache-dir": str,
    "minutes-per-question": (int, float),
    "fail-on": str,
    "language": str,
    "strict": bool,
}
FRONT_MATTER_KEYS = {"select", "extend-select", "ignore", "extend-ignore", "severity", "profile", "duration",
                     "vocabulary", "minutes-per-question", "languagetool", "strict"}
LANGUAGETOOL_KEYS = {"url": str, "language": str, "enabled": bool, "timeout": (int, float), "disabled-rules": list}
#: what a guide's front matter may not set (DESIGN section 3): a guide opened in an editor must
#: not be able to send its text anywhere, so network access and where it goes come only from
#: the config file and the command line
FRONT_MATTER_NETWORK_KEYS = ("url", "enabled", "timeout")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".guidelint_cache",
                   ".tox", ".nox", "build", "dist", "site-packages")


class ConfigError(Exception):
    """A bad configuration: names the file and the key."""

    def __init__(self, path: str, key: str | None, message: str) -> None:
        where = f"{path}: " + (f"key '{key}': " if key else "")
        super().__init__(where + message)
        self.path = path
        self.key = key


# "45", "45 min", "1.5h", and the author's hedges: "approx. 60 minutes", "~45 min", "60 min
# (approx.)"; or a range, "30–40 min", "1-2 hours" (one pattern for both readings)
_DURATION = LazyPattern(
    r"^\s*(?:(?:approx(?:\.|imately)?|about|around|roughly|circa|ca?\.|~|up\s+to)\s*)?"
    r"(?P<lo>\d{1,4}(?:\.\d+)?)(?:\s*(?:min\w*\s*)?(?:-|–|—|to)\s*(?P<hi>\d{1,4}(?:\.\d+)?))?"
    r"\s*(?P<unit>min|mins|minutes?|m|h|hours?|hrs?)?\.?"
    r"\s*(?:\((?:approx(?:\.|imately)?|roughly|about|max(?:imum|\.)?)\)|approx(?:\.|imately)?)?"
    # "45 min per session", "60 minutes each", "30 min (per interview)"
    r"\s*(?:\(?\s*(?:per|a|each|for\s+each)\s+(?:session|interview|call|participant|group|visit|conversation)\s*\)?|each)?"
    # a note after a comma or a dash: "25 min, straight after the play session"; or in brackets:
    # "60 min (+15 min tech check beforehand)"
    r"\s*(?:[,;]\s+[^\d\s][^\n]{0,80}|\s[-–—]\s+[^\d\s][^\n]{0,80}|\s*\(\s*[+&]?[^()\n]{1,80}\))?"
    # where, after the unit: "90 min in home", "45 min on Zoom", "30 min by phone"
    r"(?:(?<=[a-zA-Z.])\s+(?:in|on|at|by|over|via)\s+[^\d\n]{1,40})?$",
    re.IGNORECASE)


def _read_duration(value: str) -> tuple[float, float | None] | None:
    """(minutes, top of the range or None) from a duration written as text."""
    m = _DURATION.match(value)
    if not m:
        return None
    scale = 60 if (m.group("unit") or "min").lower().startswith("h") else 1
    return float(m.group("lo")) * scale, (float(m.group("hi")) * scale if m.group("hi") else None)


def parse_duration_range(value: Any) -> tuple[float, float] | None:
    """Minutes from "30–40 min", "45-50 minutes", "1-2 hours"; None if it is no range."""
    read = _read_duration(value) if isinstance(value, str) else None
    if read is None or read[1] is None:
        return None
    low, high = read
    return (low, high) if 0 < low <= high else None


def parse_duration(value: Any) -> float | None:
    """Minutes from 45, "45", "45 min", "1 hour", "1.5h", "approx. 60 minutes"; None if unreadable
    (a range is read by ``parse_duration_range``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) and value > 0 else None
    read = _read_duration(value) if isinstance(value, str) else None
    if read is None or read[1] is not None:
        return None
    return read[0] if read[0] > 0 else None


class LanguageToolSettings(Compared):
    """Where the LanguageTool server is, in which language, and whether it is used."""

    __slots__ = ("url", "language", "enabled", "timeout", "disabled_rules")
    __match_args__ = ("url", "language", "enabled", "timeout", "disabled_rules")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    url: str | None
    language: str
    enabled: bool
    timeout: float
    disabled_rules: tuple[str, ...]

    def __init__(self, url: str | None = None, language: str = "en-US", enabled: bool = False, timeout: float = 10.0,
                 disabled_rules: tuple[str, ...] = ()) -> None:
        self.url = url
        self.language = language
        self.enabled = enabled
        self.timeout = timeout
        self.disabled_rules = disabled_rules


class Layer(Compared):
    """One source of selection settings (config file, front matter or CLI)."""

    __slots__ = ("select", "extend_select", "ignore", "extend_ignore")
    __match_args__ = ("select", "extend_select", "ignore", "extend_ignore")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
    extend_ignore: list[str]

    def __init__(self, select: list[str] | None = None, extend_select: list[str] = NEW, ignore: list[str] = NEW,
                 extend_ignore: list[str] = NEW) -> None:
        self.select = select
        self.extend_select = [] if extend_select is NEW else extend_select
        self.ignore = [] if ignore is NEW else ignore
        self.extend_ignore = [] if extend_ignore is NEW else extend_ignore


class Settings(Compared):
    """The settings for one guide: its config file's layers merged with the command line."""

    __slots__ = ("source", "root", "profile", "duration", "duration_from_command_line", "layers", "severity",
                 "per_file_ignores", "include", "exclude", "rule_packs", "vocabulary", "languagetool", "cache_dir",
                 "minutes_per_question", "fail_on", "language", "strict")
    __match_args__ = __slots__
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    source: str | None  # the config file these came from
    root: Path | None  # its folder: relative globs are matched from here
    profile: str | None
    duration: float | None
    #: the duration came from ``--duration``, which wins over a guide's front matter as ``--profile`` does
    duration_from_command_line: bool
    layers: list[Layer]
    severity: dict[str, str]
    per_file_ignores: dict[str, list[str]]
    include: list[str]
    exclude: list[str]
    rule_packs: list[Path]
    vocabulary: list[str]
    languagetool: LanguageToolSettings
    cache_dir: Path | None
    minutes_per_question: float | None
    fail_on: str | None
    language: str | None
    #: strict mode: the strict rules run, and checks also report patterns right only most of the time
    strict: bool | None

    def __init__(self, source: str | None = None, root: Path | None = None, profile: str | None = None,
                 duration: float | None = None, duration_from_command_line: bool = False, layers: list[Layer] = NEW,
                 severity: dict[str, str] = NEW, per_file_ignores: dict[str, list[str]] = NEW, include: list[str] = NEW,
                 exclude: list[str] = NEW, rule_packs: list[Path] = NEW, vocabulary: list[str] = NEW,
                 languagetool: LanguageToolSettings = NEW, cache_dir: Path | None = None,
                 minutes_per_question: float | None = None, fail_on: str | None = None, language: str | None = None,
                 strict: bool | None = None) -> None:
        self.source = source
        self.root = root
        self.profile = profile
        self.duration = duration
        self.duration_from_command_line = duration_from_command_line
        self.layers = [] if layers is NEW else layers
        self.severity = {} if severity is NEW else severity
        self.per_file_ignores = {} if per_file_ignores is NEW else per_file_ignores
        self.include = [] if include is NEW else include
        self.exclude = list(DEFAULT_EXCLUDE) if exclude is NEW else exclude
        self.rule_packs = [] if rule_packs is NEW else rule_packs
        self.vocabulary = [] if vocabulary is NEW else vocabulary
        self.languagetool = LanguageToolSettings() if languagetool is NEW else languagetool
        self.cache_dir = cache_dir
        self.minutes_per_question = minutes_per_question
        self.fail_on = fail_on
        self.language = language
        self.strict = strict

    def copy(self) -> Settings:
        # every mutable field copied: apply_table changes some in place, and the copy must not reach back
        return self._replace(layers=list(self.layers), severity=dict(self.severity),
                             per_file_ignores={k: list(v) for k, v in self.per_file_ignores.items()},
                             include=list(self.include), exclude=list(self.exclude), rule_packs=list(self.rule_packs),
                             vocabulary=list(self.vocabulary), languagetool=self.languagetool._replace())

    def describe(self) -> dict[str, Any]:
        return {
            "config": self.source,
            "profile": self.profile,
            "duration": self.duration,
            "selection": [
                {k: v for k, v in (("select", l.select), ("extend-select", l.extend_select),
                                   ("ignore", l.ignore), ("extend-ignore", l.extend_ignore)) if v}
                for l in self.layers
            ],
            "severity": self.severity,
            "per-file-ignores": self.per_file_ignores,
            "include": self.include,
            "exclude": self.exclude,
            "rule-packs": [str(p) for p in self.rule_packs],
            "vocabulary": self.vocabulary,
            "languagetool": {"url": self.languagetool.url, "language": self.languagetool.language,
                             "enabled": self.languagetool.enabled, "timeout": self.languagetool.timeout},
            "cache-dir": str(self.cache_dir) if self.cache_dir else None,
            "minutes-per-question": self.minutes_per_question,
            "fail-on": self.fail_on,
            "language": self.language,
            "strict": bool(self.strict),
        }

    def cache_fields(self) -> dict[str, Any]:
        """Every field, for the findings cache's key: taken from the class's own list of fields
        (``_FIELDS``, as ``dataclasses.asdict`` read them) rather than listed by hand, so a
        setting added later cannot be left out and serve stale findings (``describe`` once left
        out ``language``)."""
        return _as_dict(self)


def _as_dict(value: Any) -> Any:
    """``dataclasses.asdict`` for the records settings are made of: each record a dict of its
    fields, containers copied, and the values in them read the same way."""
    if isinstance(value, Record):
        return {name: _as_dict(getattr(value, name)) for name in value._FIELDS}
    if isinstance(value, (list, tuple)):
        return type(value)(_as_dict(item) for item in value)
    if isinstance(value, dict):
        return {_as_dict(key): _as_dict(item) for key, item in value.items()}
    return copy.deepcopy(value)


def _type_name(expected) -> str:
    names = {str: "a string", list: "a list", dict: "a mapping", bool: "true or false", int: "a number", float: "a number"}
    if isinstance(expected, tuple):
        return " or ".join(dict.fromkeys(names[t] for t in expected))
    return names[expected]


def _check_keys(data: dict, allowed, path: str, prefix: str = "") -> None:
    for key, value in data.items():
        if key not in allowed:
            import difflib  # only for a near miss: most checks never import it

            hint = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.7)
            extra = f"; did you mean '{prefix}{hint[0]}'?" if hint else ""
            raise ConfigError(path, prefix + str(key), "unknown setting" + extra)
        expected = allowed[key]
        if isinstance(value, bool) and expected in (int, float, (int, float)):
            raise ConfigError(path, prefix + key, f"must be {_type_name(expected)}")
        if not isinstance(value, expected):
            raise ConfigError(path, prefix + key, f"must be {_type_name(expected)}, not {type(value).__name__}")


def _str_list(value: list, path: str, key: str) -> list[str]:
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(path, key, f"every entry must be a string, not {brief(item)}")
    return list(value)


def _positive_number(data: dict, key: str, path: str, name: str) -> float:
    value = data[key]
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(path, name, f"must be a number greater than 0, not {brief(value)}")
    return float(value)


def without_network(table: dict) -> tuple[dict, list[str]]:
    """A front-matter ``guidelint`` table without the LanguageTool settings front matter may
    not make, and the dotted names of those it held. Turning LanguageTool off stays allowed."""
    lt = table.get("languagetool")
    if not isinstance(lt, dict):
        return table, []
    dropped = [key for key in FRONT_MATTER_NETWORK_KEYS
               if key in lt and not (key == "enabled" and lt[key] is False)]
    if not dropped:
        return table, []
    kept = {k: v for k, v in lt.items() if k not in dropped}
    return {**table, "languagetool": kept}, [f"languagetool.{key}" for key in dropped]


def apply_table(settings: Settings, data: dict, path: str, root: Path | None, *, front_matter: bool = False) -> Settings:
    """Apply a ``guidelint`` table (from a config file or a guide's front matter).

    From front matter, the network settings are dropped first (see ``without_network``)."""
    if front_matter:
        data, _ = without_network(data)
    allowed = {k: v for k, v in KEYS.items() if not front_matter or k in FRONT_MATTER_KEYS}
    _check_keys(data, allowed, path, "guidelint." if front_matter else "")
    s = settings.copy()
    layer = Layer()
    if "select" in data:
        layer.select = _str_list(data["select"], path, "select")
    layer.extend_select = _str_list(data.get("extend-select", []), path, "extend-select")
    layer.ignore = _str_list(data.get("ignore", []), path, "ignore")
    layer.extend_ignore = _str_list(data.get("extend-ignore", []), path, "extend-ignore")
    s.layers.append(layer)
    if "profile" in data:
        from guidelint.profiles import all_profiles  # only when a profile is named

        if data["profile"] not in all_profiles():
            raise ConfigError(path, "profile", f"unknown profile {brief(data['profile'])}; use one of "
                                               f"{', '.join(sorted(all_profiles()))}")
        s.profile = data["profile"]
    if "duration" in data:
        minutes = parse_duration(data["duration"])
        if minutes is None:
            raise ConfigError(path, "duration", f"cannot read {brief(data['duration'])}; write it as 45 or \"45 min\"")
        s.duration = minutes
    for key, value in data.get("severity", {}).items():
        if not isinstance(value, str) or value.lower() not in ("error", "warning", "info"):
            raise ConfigError(path, f"severity.{key}", f"must be error, warning or info, not {brief(value)}")
        s.severity[str(key)] = value.lower()
    for pattern, rules in data.get("per-file-ignores", {}).items():
        if not isinstance(rules, list):
            rules = [rules]
        s.per_file_ignores[str(pattern)] = _str_list(rules, path, f"per-file-ignores.{pattern}")
    if "include" in data:
        s.include = _str_list(data["include"], path, "include")
    if "exclude" in data:
        s.exclude = _str_list(data["exclude"], path, "exclude")
    s.exclude = s.exclude + _str_list(data.get("extend-exclude", []), path, "extend-exclude")
    base = root or Path.cwd()
    for pack in _str_list(data.get("rule-packs", []), path, "rule-packs"):
        s.rule_packs.append((base / pack).resolve())
    s.vocabulary = s.vocabulary + _str_list(data.get("vocabulary", []), path, "vocabulary")
    if "languagetool" in data:
        lt = data["languagetool"]
        _check_keys(lt, LANGUAGETOOL_KEYS, path, "languagetool.")
        s.languagetool.url = lt.get("url", s.languagetool.url)
        s.languagetool.language = lt.get("language", s.languagetool.language)
        s.languagetool.enabled = lt.get("enabled", s.languagetool.enabled)
        if "timeout" in lt:
            s.languagetool.timeout = _positive_number(lt, "timeout", path, "languagetool.timeout")
        if "disabled-rules" in lt:
            s.languagetool.disabled_rules = tuple(_str_list(lt["disabled-rules"], path, "languagetool.disabled-rules"))
    if "cache-dir" in data:
        s.cache_dir = (base / data["cache-dir"]).resolve()
    if "minutes-per-question" in data:
        s.minutes_per_question = _positive_number(data, "minutes-per-question", path, "minutes-per-question")
    if "fail-on" in data:
        if data["fail-on"] not in ("error", "warning", "info"):
            raise ConfigError(path, "fail-on", "must be error, warning or info")
        s.fail_on = data["fail-on"]
    if "language" in data:
        s.language = data["language"]
    if "strict" in data:
        s.strict = data["strict"]
    return s


def read_config_file(path: Path) -> dict | None:
    """The guidelint table in ``path``; None when a pyproject.toml has none."""
    try:
        raw = read_limited(path, MAX_BYTES)
    except OSError as exc:
        raise ConfigError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        import tomllib  # only when a TOML config is read

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError) as exc:  # TOMLDecodeError, not UTF-8, a 5,000-digit number
            detail = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise ConfigError(str(path), None, f"not valid TOML: {detail}") from None
        tool = data.get("tool")
        table = tool.get("guidelint") if isinstance(tool, dict) else None
        if table is None:
            return None if path.name == "pyproject.toml" else {}
        if not isinstance(table, dict):
            raise ConfigError(str(path), "tool.guidelint", "must be a table")
        return table
    try:
        data = pattern_cache.text_data(raw, safe_yaml.read)  # kept as parsed between runs, as front matter is
    except safe_yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        what = "cannot be read" if isinstance(exc, safe_yaml.Refused) else "not valid YAML"
        raise ConfigError(str(path), None, f"{what}{where}: {getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), None, "must be a mapping of settings")
    if "guidelint" in data and len(data) == 1 and isinstance(data["guidelint"], dict):
        data = data["guidelint"]
    return data


def load_settings(path: Path) -> Settings:
    table = read_config_file(path)
    root = path.parent.resolve()
    settings = Settings(source=str(path), root=root)
    return apply_table(settings, table or {}, str(path), root)


#: folders (separated as in PATH) above which no config file is looked for, as git's
#: GIT_CEILING_DIRECTORIES: a sandbox or a test run keeps configs outside it from applying
CEILING_VARIABLE = "GUIDELINT_CONFIG_CEILING"


def _ceilings() -> frozenset[Path]:
    value = os.environ.get(CEILING_VARIABLE, "")
    return frozenset(Path(p).resolve() for p in value.split(os.pathsep) if p)


class ConfigFinder:
    """Finds and caches the nearest config file upward from each checked file (never above a
    folder named in GUIDELINT_CONFIG_CEILING)."""

    def __init__(self, *, config: Path | None = None, isolated: bool = False) -> None:
        self.isolated = isolated
        self.fixed = load_settings(config) if config is not None else None
        self._cache: dict[Path, Settings] = {}
        self._as_written: dict[Path, Settings] = {}
        self._ceilings = _ceilings()

    def for_path(self, path: Path) -> Settings:
        return self.for_folder(path if path.is_dir() else path.parent)

    def for_folder(self, folder: Path) -> Settings:
        """The settings of the files in ``folder``. Found once per folder as it is written, so
        the files of a folder do not each pay for resolving its path."""
        if self.isolated:
            return Settings(root=Path.cwd())
        if self.fixed is not None:
            return self.fixed
        known = self._as_written.get(folder)
        if known is None:
            known = self._as_written[folder] = self._for_folder(folder.resolve())
        return known

    def _for_folder(self, folder: Path) -> Settings:
        if folder in self._cache:
            return self._cache[folder]
        found: Settings | None = None
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and read_config_file(candidate) is None:
                    continue
                found = load_settings(candidate)
                break
        if found is None:
            top = folder.parent == folder or folder in self._ceilings
            found = Settings(root=Path.cwd()) if top else self._for_folder(folder.parent)
        self._cache[folder] = found
        return found


def matches_glob(path: Path, pattern: str, root: Path | None) -> bool:
    """gitignore-like matching of ``pattern`` against ``path`` (relative to ``root``)."""
    return glob_matcher(path, root)(pattern)


def glob_matcher(path: Path, root: Path | None):
    """A function matching patterns against one path, its relative form computed once."""
    absolute = os.path.abspath(path)
    base = os.path.abspath(root) if root else None
    if base and (absolute == base or absolute.startswith(base.rstrip(os.sep) + os.sep)):
        rel = os.path.relpath(absolute, base).replace(os.sep, "/")
    else:
        rel = Path(path).as_posix()
    parts = [p for p in rel.split("/") if p not in ("", ".")]

    def match(pattern: str) -> bool:
        bare = pattern.rstrip("/")
        if "/" not in bare:
            return any(fnmatch.fnmatchcase(part, bare) for part in parts)
        anchored = pattern.lstrip("/")
        return fnmatch.fnmatchcase(rel, anchored) or fnmatch.fnmatchcase(rel, anchored + "/*")

    return match
