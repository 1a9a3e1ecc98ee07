"""File and syntax checks (GL0xx) that read the model: front-matter keys and attributes.

The parser itself reports unreadable constructs; those become diagnostics in the engine.
"""

from __future__ import annotations

import re

from guidelint.brief import brief
from guidelint.checks import check, question_attributes
from guidelint.config import parse_duration, parse_duration_range
from guidelint.context import Context
from guidelint.parser.frontmatter import FRONT_MATTER_KEYS
from guidelint.profiles import all_profiles
from guidelint.timing import OTHER_LENGTH_KEYS

#: attribute keys guidelint reads in a trailing {key=value} block
ATTRIBUTE_KEYS = ("objective", "id")


@check("unknown-front-matter-key", "front-matter-invalid")
def front_matter(ctx: Context) -> None:
    fm = ctx.guide.front_matter
    if fm is None or not fm.valid:
        return
    lower_keys = {k.lower(): k for k in FRONT_MATTER_KEYS}
    for key, span in fm.key_spans.items():
        if key in FRONT_MATTER_KEYS or key not in fm.data or key in OTHER_LENGTH_KEYS:
            # ("duration_min: 40" is another tool's length key, read as the session's: no misspelling)
            continue
        import difflib  # only for a near miss: most checks never import it

        close = difflib.get_close_matches(key.lower(), list(lower_keys), n=1, cutoff=0.8)
        if close and key.lower() == close[0] + "s":
            continue  # "participants: 8": a plural is another tool's key (a count, a list), not a slip
        if close:
            ctx.report("unknown-front-matter-key", span,
                       f'Unknown front-matter key "{key}"; did you mean "{lower_keys[close[0]]}"?',
                       suggestion=lower_keys[close[0]])
    data = fm.data

    def bad(key: str, message: str) -> None:
        ctx.report("front-matter-invalid", fm.key_spans.get(key, fm.span), message)

    if "duration" in data and parse_duration(data["duration"]) is None and parse_duration_range(data["duration"]) is None:
        numbers = re.findall(r"\d{1,3}", str(data["duration"]))
        minutes = numbers[0] if len(numbers) == 1 else "45"  # one number is the author's ("approx 60 mins!")
        bad("duration", f"Cannot read duration {brief(data['duration'])}; write it as {minutes} or \"{minutes} min\".")
    if "profile" in data:
        names = sorted(all_profiles())
        if not isinstance(data["profile"], str) or data["profile"] not in names:
            bad("profile", f"Unknown profile {brief(data['profile'])}; use one of {', '.join(names)}.")
    if "objectives" in data:
        objectives = data["objectives"]
        if not isinstance(objectives, (dict, list)) or (
            isinstance(objectives, list) and not all(isinstance(o, (str, dict)) for o in objectives)
        ):
            bad("objectives", "objectives must map an id to what the interview must learn (metrics: Numbers that show impact).")
    for key in ("title", "participant", "language"):
        if key in data and data[key] is not None and not isinstance(data[key], (str, int, float)):
            bad(key, f"{key} must be text.")


@check("unknown-attribute")
def attributes(ctx: Context) -> None:
    found = list(question_attributes(ctx.guide))  # every question's and probe's, as the objective rules read them
    found += [a for s in ctx.guide.iter_sections() if s.heading is not None for a in s.heading.attributes]
    for attribute in found:
        if attribute.key in ATTRIBUTE_KEYS:
            continue
        import difflib  # only for a near miss: most checks never import it

        close = difflib.get_close_matches(attribute.key, ATTRIBUTE_KEYS, n=1, cutoff=0.7)
        hint = f'; did you mean "{close[0]}"?' if close else "; guidelint reads {objective=ID}."
        ctx.report("unknown-attribute", attribute.span, f'Unknown attribute "{attribute.key}"{hint}',
                   suggestion=close[0] if close else None)
