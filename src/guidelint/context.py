"""What a check sees: the guide, its settings and profile, and a way to report findings.

Apart from the engine so that checks can import it without importing the engine that loads
them.
"""

from __future__ import annotations

from functools import cached_property
from operator import attrgetter

from guidelint.catalogue import Catalogue, Rule
from guidelint.config import Settings
from guidelint.diagnostics import Diagnostic, Fix, Severity
from guidelint.model import Guide, Span
from guidelint.parser import roles
from guidelint.profiles import Profile
from guidelint.records import NEW, Compared
from guidelint.timing import SessionLength, session_length


class Context(Compared):
    """What a check sees: the guide, settings, profile and a way to report."""

    __match_args__ = ("guide", "settings", "catalogue", "profile", "enabled", "diagnostics", "_session")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    guide: Guide
    settings: Settings
    catalogue: Catalogue
    profile: Profile | None
    enabled: set[str]
    diagnostics: list[Diagnostic]
    _session: SessionLength | None

    def __init__(self, guide: Guide, settings: Settings, catalogue: Catalogue, profile: Profile | None, enabled: set[str],
                 diagnostics: list[Diagnostic] = NEW, _session: SessionLength | None = None) -> None:
        self.guide = guide
        self.settings = settings
        self.catalogue = catalogue
        self.profile = profile
        self.enabled = enabled
        self.diagnostics = [] if diagnostics is NEW else diagnostics
        self._session = _session

    @property
    def strict(self) -> bool:
        """Strict mode: report patterns that are right only most of the time, too."""
        return bool(self.settings.strict)

    def is_enabled(self, name: str) -> bool:
        rule = self.catalogue.get(name)
        return rule is not None and rule.code in self.enabled

    def rule(self, name: str) -> Rule:
        rule = self.catalogue.get(name)
        if rule is None:
            raise KeyError(f"no rule named {name!r} in the catalogue")
        return rule

    def option(self, name: str, key: str, default=None):
        value = self.rule(name).options.get(key, default)
        if self.profile is not None:
            value = self.profile.limits.get(key, value)
        return value

    def report(
        self,
        name: str,
        span: Span,
        message: str | None = None,
        *,
        suggestion: str | None = None,
        fix: Fix | None = None,
        severity: Severity | None = None,
        group: str | None = None,
        **extra,
    ) -> Diagnostic | None:
        """Report a finding of rule ``name``. Findings of one rule that carry the same ``group``
        key are one finding (the repeated pattern), listed at the first with the others as
        related places; give a key when copies of one mistake say the same thing."""
        rule = self.rule(name)
        if rule.code not in self.enabled:
            return None
        override = self.settings.severity.get(rule.code) or self.settings.severity.get(rule.name)
        if override and not rule.fatal:
            severity = Severity.parse(override)
        diagnostic = Diagnostic(
            code=rule.code,
            name=rule.name,
            severity=severity or rule.severity,
            message=message or rule.message,
            span=span,
            path=self.guide.path,
            suggestion=suggestion,
            fix=fix,
            fatal=rule.fatal,
            extra=extra,
            group=group,
        )
        self.diagnostics.append(diagnostic)
        return diagnostic

    # ---- shared facts that several checks need ------------------------------------------

    @property
    def anchor(self) -> Span:
        """Where findings without a line sit: the guide's title heading (its first level-1
        heading), else its first heading, else 1:1. Never the front matter's ``---``, which
        says nothing about what the finding is about."""
        headings = [s.heading for s in self.guide.iter_sections() if s.heading is not None]
        title = next((h for h in headings if h.level == 1 and h.style != "bold"), None)
        if title is not None or headings:
            return (title or headings[0]).span
        return self.guide.lines.span(0, 0)

    @property
    def session(self) -> SessionLength:
        if self._session is None:
            self._session = session_length(self.guide, self.settings, self.profile)
        return self._session

    @cached_property
    def minutes_per_question(self) -> float:
        """An interview question's minutes: the setting, else section-overloaded's option, at most half
        a minute in a format short by design (an intercept's or a call-back's quick questions)."""
        if self.settings.minutes_per_question:
            return float(self.settings.minutes_per_question)
        minutes = float(self.option("section-overloaded", "minutes-per-question", 2))
        return min(minutes, roles.SHORT_FORMAT_MINUTES) if roles.short_format(self.guide) else minutes

    @property
    def language(self) -> str:
        value = self.guide.meta.get("language") or self.settings.language or "en"
        return str(value)

    @cached_property
    def english(self) -> bool:
        # read once per check: content_kind asks for every section, each check again (about 56 times a guide)
        return self.language.lower().replace("_", "-").split("-")[0] in ("en", "english")
