"""Profiles (``rules/profiles/*.yaml``): what a kind of guide must hold and how long it runs."""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from guidelint import safe_yaml

from guidelint.records import NEW, Frozen
from guidelint.resources import resource_dir, yaml_files


class ExpectedSection(Frozen):
    """A section a profile expects, and the titles that name it."""

    __slots__ = ("id", "title", "pattern", "synonyms", "required", "kind")
    __match_args__ = ("id", "title", "pattern", "synonyms", "required", "kind")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    id: str
    title: str
    pattern: re.Pattern  # the title and its synonyms, on word boundaries
    synonyms: tuple[str, ...]  # as written in the profile (regular expressions)
    required: bool
    kind: str  # intro, warm-up, content, wrap-up

    def __init__(self, id: str, title: str, pattern: re.Pattern, synonyms: tuple[str, ...], required: bool, kind: str) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "pattern", pattern)
        object.__setattr__(self, "synonyms", synonyms)
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "kind", kind)

    def matches(self, title: str) -> bool:
        return _title_matches(self.pattern, title)


class Profile(Frozen):
    """A kind of guide (user research, case study...): the sections it expects, its session lengths and limits."""

    __slots__ = ("name", "title", "description", "default_duration", "min_duration", "max_duration", "sections", "limits",
                 "requires_approval", "rules")
    __match_args__ = ("name", "title", "description", "default_duration", "min_duration", "max_duration", "sections", "limits",
                      "requires_approval", "rules")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    name: str
    title: str
    description: str
    default_duration: float
    min_duration: float
    max_duration: float
    sections: tuple[ExpectedSection, ...]
    limits: dict
    requires_approval: bool
    rules: dict

    def __init__(self, name: str, title: str, description: str, default_duration: float, min_duration: float,
                 max_duration: float, sections: tuple[ExpectedSection, ...], limits: dict = NEW, requires_approval: bool = False,
                 rules: dict = NEW) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "description", description)
        object.__setattr__(self, "default_duration", default_duration)
        object.__setattr__(self, "min_duration", min_duration)
        object.__setattr__(self, "max_duration", max_duration)
        object.__setattr__(self, "sections", sections)
        object.__setattr__(self, "limits", {} if limits is NEW else limits)
        object.__setattr__(self, "requires_approval", requires_approval)
        object.__setattr__(self, "rules", {} if rules is NEW else rules)

    def limit(self, key: str, default):
        return self.limits.get(key, default)

    def section_for(self, title: str) -> ExpectedSection | None:
        return _section_for(self.name, title)


def expected_section(id_: str, title: str, kind: str, synonyms, required: bool = True) -> ExpectedSection:
    words = [title, *synonyms]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{w})" for w in words) + r")(?![\w-])", re.IGNORECASE)
    return ExpectedSection(id_, title, pattern, tuple(synonyms), required, kind)


def _profile_from(data: dict, source: str) -> Profile:
    duration = data.get("duration", {})
    sections = []
    for entry in data.get("sections", []):
        sections.append(expected_section(entry["id"], entry["title"], entry.get("kind", "content"),
                                         entry.get("synonyms", []), bool(entry.get("required", True))))
    return Profile(
        name=data["name"],
        title=data.get("title", data["name"]),
        description=str(data.get("description", "")).strip(),
        default_duration=float(duration.get("default", 45)),
        min_duration=float(duration.get("min", 30)),
        max_duration=float(duration.get("max", 60)),
        sections=tuple(sections),
        limits=dict(data.get("limits", {})),
        requires_approval=bool(data.get("requires-approval", False)),
        rules=dict(data.get("rules", {})),
    )


@lru_cache(maxsize=8192)
def _title_matches(pattern: re.Pattern, title: str) -> bool:
    # missing-section asks each expected section of each heading, about 30 searches a guide of
    # an alternation with look-arounds, for titles that repeat within and across guides
    return pattern.search(title) is not None


@lru_cache(maxsize=4096)
def _section_for(profile_name: str, title: str) -> ExpectedSection | None:
    for expected in all_profiles()[profile_name].sections:
        if expected.matches(title):
            return expected
    return None


@lru_cache(maxsize=1)
def all_profiles() -> dict[str, Profile]:
    out = {}
    for path in yaml_files(resource_dir("rules") / "profiles"):
        data = safe_yaml.read_resource(path)
        profile = _profile_from(data, str(path))
        out[profile.name] = profile
    return out


def get_profile(name: str | None) -> Profile | None:
    if not name:
        return None
    return all_profiles().get(name)
