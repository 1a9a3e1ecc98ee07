"""guidelint's language server with stand-in checks that misbehave on purpose: on a guide that
says HANG one spins for five minutes, on one that says HOG one takes memory until it has 1.5 GB
or fails. Limits are lowered so tests/test_lsp.py sees them act within seconds; the lint
processes import this file too (as the main module of a spawned process)."""

import time

from guidelint import lsp
from guidelint.checks import check

lsp.LINT_SECONDS = 3.0
lsp.WORKER_MEMORY = 256 * 1024 * 1024


@check("syntax-error")
def misbehave(ctx):
    if "HANG" in ctx.guide.source:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            pass
    if "HOG" in ctx.guide.source:
        held = [bytearray(16 * 1024 * 1024) for _ in range(96)]
        ctx.report("syntax-error", ctx.guide.lines.span(0, 0), f"held {len(held) * 16} MB")


if __name__ == "__main__":
    raise SystemExit(lsp.main())
