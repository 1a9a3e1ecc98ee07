"""Grammar and spelling (GL9xx) through a LanguageTool server the user runs.

One request per guide: the words of questions, probes and notes (Markdown removed), with an
offset map back to exact spans. Nothing here runs unless LanguageTool is enabled.
"""

from __future__ import annotations

import re

from guidelint.checks import check
from guidelint.context import Context
from guidelint.model import Note
from guidelint.parser.inline import clean

LANGUAGE_RULES = ("languagetool-unavailable", "spelling", "grammar")
_LEAD = re.compile(r"^[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)*")
_CHECKED_NOTES = ("blockquote", "italic", "bracket", "label", "stage", "branch", "instruction")


@check(*LANGUAGE_RULES)
def languagetool(ctx: Context) -> None:
    lt = ctx.settings.languagetool
    if not lt.enabled or not lt.url:
        return
    from guidelint.languagetool import LanguageToolUnavailable, TextPiece, check_pieces

    pieces = [TextPiece(c.text, tuple(c.offset(i) for i in range(len(c.text))) + (c.source_end,))
              for c in _cleaned_texts(ctx) if c.text.strip()]
    if not pieces:
        return
    language = str(ctx.guide.meta.get("language") or lt.language or "en-US")
    try:
        matches = check_pieces(pieces, url=lt.url, language=language, vocabulary=ctx.settings.vocabulary,
                               timeout=lt.timeout, disabled_rules=lt.disabled_rules)
    except LanguageToolUnavailable as exc:
        ctx.report("languagetool-unavailable", ctx.anchor, f"{str(exc).rstrip('.')}; grammar and spelling were not checked.")
        return
    for match in matches:
        name = "spelling" if match.issue_type == "misspelling" else "grammar"
        suggestion = ("Did you mean " + ", ".join(f'"{r}"' for r in match.replacements[:3]) + "?") if match.replacements else None
        word = ctx.guide.source[match.start : match.end]
        ctx.report(name, ctx.guide.lines.span(match.start, match.end),
                   f'{match.message.rstrip(".")}: "{word}" (LanguageTool {match.rule_id}).', suggestion=suggestion)


def _cleaned_texts(ctx: Context):
    """Each question sentence, probe and note, cleaned of Markdown with its offset map."""
    for question in ctx.guide.questions(participant_only=False):
        for asked in question.walk():
            for sentence in asked.sentences:
                yield clean(sentence.raw, sentence.span.start)
            yield from (_clean_node(n) for n in asked.notes)
    for section in ctx.guide.iter_sections():
        for block in section.blocks:
            if isinstance(block, Note) and block.kind in _CHECKED_NOTES:
                yield _clean_node(block)


def _clean_node(node):
    lead = _LEAD.match(node.raw).end()
    return clean(node.raw[lead:], node.span.start + lead)
