"""Profiles (``rules/profiles/*.yaml``): what a kind of guide must hold and how long it runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from guidelint.resources import resource_dir


@dataclass(frozen=True, slots=True)
class ExpectedSection:
    id: str
    title: str
    synonyms: tuple[re.Pattern, ...]
    required: bool
    kind: str  # intro, warm-up, content, wrap-up

    def matches(self, title: str) -> bool:
        return any(p.search(title) for p in self.synonyms)


@dataclass(frozen=True, slots=True)
class Profile:
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
        for expected in self.sections:
            if expected.matches(title):
                return expected
        return None


def _profile_from(data: dict, source: str) -> Profile:
    duration = data.get("duration", {})
    sections = []
    for entry in data.get("sections", []):
        words = [entry["title"], *entry.get("synonyms", [])]
        patterns = tuple(re.compile(r"(?<![\w-])" + w + r"(?![\w-])", re.IGNORECASE) for w in words)
        sections.append(ExpectedSection(entry["id"], entry["title"], patterns, bool(entry.get("required", True)),
                                        entry.get("kind", "content")))
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


@lru_cache(maxsize=1)
def all_profiles() -> dict[str, Profile]:
    out = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((resource_dir("rules") / "profiles").glob("*.yaml")):
        with path.open("rb") as handle:
            data = yaml.load(handle, Loader=loader)
        profile = _profile_from(data, str(path))
        out[profile.name] = profile
    return out


def get_profile(name: str | None) -> Profile | None:
    if not name:
        return None
    return all_profiles().get(name)
