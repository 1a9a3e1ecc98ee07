"""guidelint's language server with a stand-in for a rule with a mechanical fix: it respells
"(N minuets)" as "(N min)". tests/test_lsp.py runs it; the lint processes the server starts
import this file too (as the main module of a spawned process), so they carry the stand-in."""

import re

from guidelint.checks import check
from guidelint.diagnostics import Edit, Fix
from guidelint.lsp import main


@check("bad-time-box")
def respell_minuets(ctx):
    for m in re.finditer(r"\((\d+) minuets\)", ctx.guide.source):
        fix = Fix("Write the time box as (N min)", (Edit(m.start(), m.end(), f"({m.group(1)} min)"),))
        ctx.report("bad-time-box", ctx.guide.lines.span(m.start(), m.end()), fix=fix)


if __name__ == "__main__":
    raise SystemExit(main())
