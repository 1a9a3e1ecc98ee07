"""Baselines: adopt guidelint on guides you already have by recording today's findings.

A finding is remembered by its path, rule and the words of the line it sits on (not the line
number), so findings stay matched when lines move; the same finding repeated on identical
lines is counted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from guidelint.brief import brief
from guidelint.diagnostics import Diagnostic
from guidelint.model import Guide
from guidelint.reading import MAX_RECORD_BYTES, read_limited

VERSION = 1


class BaselineError(Exception):
    pass


def fingerprint(d: Diagnostic, guide: Guide | None) -> str:
    line = guide.line_text(d.span.line) if guide is not None else ""
    words = " ".join(line.split())
    # the check's own message: what merging adds ("also …", "and 3 more like it: …") changes
    # as other findings come and go, and must not make a recorded finding look new
    message = d.base_message or d.message
    return hashlib.sha256(f"{d.code}\0{words}\0{message}".encode()).hexdigest()[:20]


def _key(d: Diagnostic, guides: dict[str, Guide]) -> tuple[str, str, str]:
    return (Path(d.path).as_posix(), d.code, fingerprint(d, guides.get(d.path)))


def write_baseline(path: Path, diagnostics: list[Diagnostic], guides: dict[str, Guide]) -> int:
    counts = Counter(_key(d, guides) for d in diagnostics if not d.fatal)
    entries = [{"path": p, "code": c, "fingerprint": f, "count": n} for (p, c, f), n in sorted(counts.items())]
    path.write_text(json.dumps({"version": VERSION, "entries": entries}, indent=2) + "\n", encoding="utf-8")
    return sum(counts.values())


#: more of one finding than any guide can hold; a larger count is a damaged file
MAX_COUNT = 10**9


def read_baseline(path: Path) -> Counter:
    try:
        data = json.loads(read_limited(path, MAX_RECORD_BYTES).decode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a guidelint baseline (nested too deeply)") from None
    except ValueError as exc:  # invalid JSON, not UTF-8, a number of thousands of digits
        raise BaselineError(f"{path}: not a guidelint baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not a guidelint baseline (expected version {VERSION} with entries)")
    counts: Counter = Counter()
    for entry in data["entries"]:
        key = tuple(entry.get(k) for k in ("path", "code", "fingerprint")) if isinstance(entry, dict) else ()
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if len(key) != 3 or not all(isinstance(k, str) for k in key) or type(count) is not int \
                or not 1 <= count <= MAX_COUNT:
            raise BaselineError(f"{path}: malformed entry {brief(entry)} (expected path, code and fingerprint "
                                f"as text and a count from 1 to {MAX_COUNT:,})")
        counts[key] += count
    return counts


def filter_new(diagnostics: list[Diagnostic], guides: dict[str, Guide], baseline: Counter) -> list[Diagnostic]:
    """Findings not accounted for by the baseline (fatal ones always stay)."""
    remaining = Counter(baseline)
    out = []
    for d in diagnostics:
        key = _key(d, guides)
        if not d.fatal and remaining[key] > 0:
            remaining[key] -= 1
            continue
        out.append(d)
    return out
