"""Checking many files: the cache, and worker processes for large runs.

One or a few files are checked in this process (starting workers costs more than it saves);
more are spread over worker processes. Output order never depends on which worker finished
first: results come back in input order.
"""

from __future__ import annotations

import gc
import os
from operator import attrgetter

from guidelint.catalogue import CatalogueError
from guidelint.config import ConfigError, Settings
from guidelint.diagnostics import Diagnostic, in_original
from guidelint.engine import SelectorError, lint
from guidelint.exits import CheckCrashed
from guidelint.model import Guide, LineIndex, SourceMap
from guidelint.parser import decode, is_word_path, parse_file
from guidelint.records import Compared

#: below this many files, workers are not worth starting
PARALLEL_THRESHOLD = 8


class Checked(Compared):
    """One guide checked: its findings and the guide they were found in."""

    __slots__ = ("name", "diagnostics", "guide")
    __match_args__ = ("name", "diagnostics", "guide")
    _FIELDS = _SHOWN = __match_args__
    _key = attrgetter(*_FIELDS)

    name: str
    diagnostics: list[Diagnostic]
    guide: Guide  # the parsed guide, or a light one holding only the source (cache, workers)

    def __init__(self, name: str, diagnostics: list[Diagnostic], guide: Guide) -> None:
        self.name = name
        self.diagnostics = diagnostics
        self.guide = guide


class _LinesOnDemand(LineIndex):
    """A light guide's line index, built only when a reporter reads it (the text format
    never does, so a cached run does not index a thousand files for nothing)."""

    __slots__ = ("_source",)

    def __init__(self, source: str) -> None:  # no super().__init__: that is the work deferred
        self._source = source
        self.length = len(source)

    @property
    def line_count(self) -> int:  # the breaks counted, without indexing them
        text = self._source
        return 1 + text.count("\n") + text.count("\r") - text.count("\r\n")

    @property
    def starts(self) -> list[int]:
        try:
            return LineIndex.starts.__get__(self)
        except AttributeError:
            starts = LineIndex(self._source).starts
            LineIndex.starts.__set__(self, starts)
            return starts


def light_guide(name: str, data: bytes) -> Guide:
    """Enough of a guide for reporters: its text and line index (a Word guide's: its paragraphs)."""
    if is_word_path(name):
        from guidelint.parser.word import WordError, read_word

        try:
            text = read_word(data).origin.text
        except WordError:
            text = ""
        return Guide(name, text, LineIndex(text), None, [], origin=SourceMap("paragraph", text, []))
    decoded = decode(data)
    text = decoded.text or ""
    return Guide(name, text, _LinesOnDemand(text), None, [], had_bom=decoded.had_bom)


def reported(guide: Guide) -> Guide:
    """What reporters keep of a parsed guide: the text its findings point into."""
    if guide.origin is not None:
        origin = guide.origin
        return Guide(guide.path, origin.text, origin.lines, None, [], origin=SourceMap(origin.unit, origin.text, []))
    return Guide(guide.path, guide.source, guide.lines, None, [], had_bom=guide.had_bom)


def _fits(diagnostics: list[Diagnostic], guide: Guide) -> bool:
    """Every span lies inside the guide's text (reporters read the lines they point at)."""
    size, lines = len(guide.source), guide.lines.line_count
    return all(d.span.end <= size and d.span.end_line <= lines for d in diagnostics)


def check_one(name: str, data: bytes, settings: Settings, cli: Settings) -> tuple[list[Diagnostic], Guide]:
    """Findings in the file's own positions (a Word guide's paragraphs), and the parsed guide."""
    try:
        guide = parse_file(data, name)
        return in_original(guide, lint(guide, settings, cli=cli)), guide
    except (ConfigError, SelectorError, CatalogueError):
        raise  # the user's to fix: the command reports each as such
    except Exception as exc:
        if os.environ.get("GUIDELINT_DEBUG"):
            raise
        raise CheckCrashed(name, f"{exc.__class__.__name__}: {exc}") from exc


def _worker(job: tuple[str, bytes, Settings, Settings]) -> list[Diagnostic]:
    name, data, settings, cli = job
    return check_one(name, data, settings, cli)[0]


def _warm() -> None:
    """Build the grammar, catalogue and lexicon before forking, so workers inherit them."""
    from guidelint import questions
    from guidelint.catalogue import builtin
    from guidelint.checks import registered
    from guidelint.parser import grammar

    grammar()
    builtin()
    registered()
    questions.analyse_sentence("Warm up?")


def worker_count(jobs: int | None, files: int) -> int:
    """Workers to start: what was asked (default: every core), never more than the cores or
    the files; ``-j 2000`` on eight files must not start 2,000 processes."""
    cores = os.cpu_count() or 1
    return max(1, min(jobs if jobs is not None else cores, cores, files))


#: allocations between young-generation collections while guides are checked (Python's default
#: is 700). A guide's model is thousands of small objects that live until the guide is done, so
#: at 700 the collector ran several times a guide and walked the same live objects each time
#: (about 6% of a check's CPU time); the older generations keep their thresholds, so dropped
#: guides are freed as often as before (3 MB more at most on 1,000 worst-case guides).
YOUNG_COLLECTION = 10_000


#: set by ``guidelint check`` in its own process, which starts with the collector off
_COLLECTION = {"deferred": False}


def collect_from_second_guide() -> None:
    """The collector is off (the command line's own process): leave it off through the first
    guide and turn it on before a second one or before forking workers. A one-guide check then
    runs no collection at all: at 10,000 allocations a young collection came during Lark's
    start-up and another at the end (1.7 ms of a 5 KB guide's check), and the process exits
    right after, freeing everything."""
    _COLLECTION["deferred"] = True


def _resume_collection() -> None:
    if _COLLECTION["deferred"]:
        _COLLECTION["deferred"] = False
        gc.enable()


def check_all(inputs: list[tuple[str, bytes, Settings]], cli: Settings, *, jobs: int | None = None,
              cache=None) -> list[Checked]:
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], YOUNG_COLLECTION), *thresholds[1:])  # workers forked below inherit it
    try:
        return _check_all(inputs, cli, jobs=jobs, cache=cache)
    finally:
        gc.set_threshold(*thresholds)


def _check_all(inputs: list[tuple[str, bytes, Settings]], cli: Settings, *, jobs: int | None,
               cache) -> list[Checked]:
    results: list[Checked | None] = [None] * len(inputs)
    todo: list[int] = []
    keys: dict[int, str] = {}
    if cache is not None:
        from guidelint.cache import cache_key, settings_digest

        contexts: dict[int, tuple[Settings, str]] = {}  # files of one folder share one Settings
        for i, (name, data, settings) in enumerate(inputs):
            lt = settings.languagetool.enabled or cli.languagetool.enabled
            if lt:
                todo.append(i)
                continue
            known = contexts.get(id(settings))
            if known is None or known[0] is not settings:
                known = contexts[id(settings)] = (settings, settings_digest(settings, cli))
            keys[i] = cache_key(data, name, settings, cli, context=known[1])
            hit = cache.get(name, keys[i], cli)
            light = light_guide(name, data) if hit is not None else None
            if hit is None or not _fits(hit, light):  # a tampered entry is a miss
                todo.append(i)
            else:
                results[i] = Checked(name, hit, light)
    else:
        todo = list(range(len(inputs)))
    jobs = worker_count(jobs, len(todo))
    if jobs > 1 and len(todo) >= PARALLEL_THRESHOLD:
        import multiprocessing  # only here: a one-file check (a pre-commit hook) never pays for it
        from concurrent.futures import ProcessPoolExecutor

        _resume_collection()  # each worker checks many guides
        _warm()
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        chunk = max(1, len(todo) // (jobs * 8))
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            jobs_in = [(inputs[i][0], inputs[i][1], inputs[i][2], cli) for i in todo]
            for i, found in zip(todo, pool.map(_worker, jobs_in, chunksize=chunk)):
                name, data, _ = inputs[i]
                results[i] = Checked(name, found, light_guide(name, data))
    else:
        for n, i in enumerate(todo):
            if n:
                _resume_collection()
            name, data, settings = inputs[i]
            found, guide = check_one(name, data, settings, cli)
            # keep only what reporters read, so a thousand parsed models are not held at once
            results[i] = Checked(name, found, reported(guide))
    if cache is not None:
        for i in todo:
            # a rule pack's pattern stopped for taking too long says how this run went, not what
            # the guide holds: cached, it would fail every later run however idle the machine
            if i in keys and not any(d.extra.get("timed_out") for d in results[i].diagnostics):
                cache.put(inputs[i][0], keys[i], results[i].diagnostics, cli)
        cache.save()
    return [r for r in results if r is not None]
