"""Profiles (``rules/profiles/*.yaml``): what a kind of guide must hold and how long it runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from guidelint import safe_yaml

from guidelint.resources import resource_dir


@dataclass(frozen=True, slots=True)
class ExpectedSection:
    """A section a profile expects, and the titles that name it."""

    id: str
    title: str
    pattern: re.Pattern  # the title and its synonyms, on word boundaries
    synonyms: tuple[str, ...]  # as written in the profile (regular expressions)
    required: bool
    kind: str  # intro, warm-up, content, wrap-up

    def matches(self, title: str) -> bool:
        return self.pattern.search(title) is not None


@dataclass(frozen=True, slots=True)
class Profile:
    """A kind of guide (user research, case study...): the sections it expects, its session lengths and limits."""

    name: str
    title: str
    description: str
    default_duration: float
    min_duration: float
    max_duration: float
    sections: tuple[ExpectedSection, ...]
    limits: dict = field(default_factory=dict)
    requires_approval: bool = False
    rules: dict = field(default_factory=dict)

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


@lru_cache(maxsize=4096)
def _section_for(profile_name: str, title: str) -> ExpectedSection | None:
    for expected in all_profiles()[profile_name].sections:
        if expected.matches(title):
            return expected
    return None


@lru_cache(maxsize=1)
def all_profiles() -> dict[str, Profile]:
    out = {}
    for path in sorted((resource_dir("rules") / "profiles").glob("*.yaml")):
        data = safe_yaml.read_resource(path)
        profile = _profile_from(data, str(path))
        out[profile.name] = profile
    return out


def get_profile(name: str | None) -> Profile | None:
    if not name:
        return None
    return all_profiles().get(name)
