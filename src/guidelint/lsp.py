"""``guidelint lsp``: a language server for editors, built on pygls.

Diagnostics follow the document: on open and save at once, on change after a short debounce.
Hover shows the rule's documentation; code actions offer the finding's mechanical fix, its
rewrite when that is literal text, and a suppression with a reason.

Linting runs in worker processes (``LintWorkers``), so the event loop keeps reading the
client's messages and one document can never hold up the others: there are two workers, a
document has at most one lint running at a time, a lint that runs past ``LINT_SECONDS`` is
stopped by ending its worker (the document gets one finding saying so; a new worker takes
its place), and each worker may grow by at most ``WORKER_MEMORY`` bytes (Linux; past it, the
lint fails with MemoryError and says so). A result is dropped when the document moved on
while it was computed. Where processes cannot be started, lints run in a thread.

Positions: the engine reports code-point offsets into the guide text (the document without a
leading BOM). They become LSP positions only here, counted in the units the client
negotiated (UTF-16 unless it offered UTF-8 or UTF-32), on lines split at ``\\n``, ``\\r\\n``
and ``\\r`` as LSP and guidelint both define them.
"""

from __future__ import annotations

import asyncio
import bisect
import difflib
import multiprocessing
import os
import pickle
import queue
import re
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types as lsp
from lsprotocol.converters import get_converter
from pygls.exceptions import FeatureRequestError
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from guidelint import __version__
from guidelint.catalogue import Catalogue, CatalogueError, Rule, builtin
from guidelint.config import ConfigError, ConfigFinder, Settings
from guidelint.diagnostics import Diagnostic, Severity
from guidelint.engine import SelectorError, lint
from guidelint.model import Guide
from guidelint.parser import MAX_BYTES, parse_bytes, parse_text

SOURCE = "guidelint"
#: how long typing must pause before a changed document is linted again
DEBOUNCE_SECONDS = 0.15
#: lint processes; a slow document occupies one at most
WORKERS = 2
#: a lint that takes longer is stopped (a 4 MB guide takes a few seconds)
LINT_SECONDS = 30.0
#: memory a lint process may take beyond what it starts with
WORKER_MEMORY = 1024 * 1024 * 1024
#: how long a new lint process may take to start (a fresh interpreter importing guidelint);
#: the lint time limit counts only from when it is ready
WORKER_START_SECONDS = 120.0

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"[\w-]+")
_BLOCK_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s")
_CONVERTER = get_converter()


# ---- positions ------------------------------------------------------------------------------

def _utf8_units(char: str) -> int:
    return len(char.encode("utf-8", "surrogatepass"))


def _utf16_units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _utf32_units(char: str) -> int:
    return 1


_UNITS: dict[str, Callable[[str], int]] = {
    lsp.PositionEncodingKind.Utf8: _utf8_units,
    lsp.PositionEncodingKind.Utf16: _utf16_units,
    lsp.PositionEncodingKind.Utf32: _utf32_units,
}


class Positions:
    """Code-point offsets in one text <-> LSP positions in the client's units.

    pygls' own documents split lines with ``str.splitlines``, which also breaks at form
    feeds, U+2028 and other characters LSP does not count as line ends; so guidelint keeps
    the text itself and converts here.
    """

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.units = _UNITS.get(encoding, _utf16_units)

    def line_end(self, line: int) -> int:
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        return end - 2 if self.text.startswith("\r\n", end - 2) else end - 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.starts[line]
        column = sum(map(self.units, self.text[start:min(offset, self.line_end(line))]))
        return lsp.Position(line=line, character=column)

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: lsp.Position) -> int:
        """A client position as an offset; past the end of a line means its end (LSP says so)."""
        if position.line >= len(self.starts):
            return len(self.text)
        index, end = self.starts[position.line], self.line_end(position.line)
        units = 0
        while index < end and units < position.character:
            units += self.units(self.text[index])
            index += 1
        return index

    def line_start(self, line: int) -> int:
        return self.starts[min(line, len(self.starts) - 1)]


def apply_change(text: str, change: lsp.TextDocumentContentChangeEvent, encoding: str) -> str:
    """The text after one ``didChange`` content change (incremental or whole document)."""
    if isinstance(change, lsp.TextDocumentContentChangePartial):
        positions = Positions(text, encoding)
        start, end = positions.offset(change.range.start), positions.offset(change.range.end)
        return text[:start] + change.text + text[max(start, end):]
    return change.text


# ---- from engine diagnostics to LSP ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Document:
    uri: str
    text: str
    version: int | None


@dataclass(slots=True)
class Finding:
    """One published diagnostic, with what hover needs to explain it."""

    diagnostic: lsp.Diagnostic
    rule: Rule | None = None
    suggestion: str | None = None


@dataclass(slots=True)
class Converted:
    findings: list[Finding] = field(default_factory=list)
    #: lines for window/logMessage (configuration and internal errors)
    log: list[tuple[lsp.MessageType, str]] = field(default_factory=list)


def literal_replacement(diagnostic: Diagnostic, guide_text: str) -> str | None:
    """The suggestion as text that can replace the finding's span, or None for a hint.

    A check may say so outright with ``ctx.report(..., replacement="...")``. Otherwise the
    suggestion must be the same kind of thing as the span it would replace, and resemble it:
    a word for a misspelt word (``duraton`` -> ``duration``) or a question for a question. A
    hint ("ask 'How did you…?' instead"), advice, or a word whose span holds more than the
    word (``objectve=metrics``) is shown in the hover, never pasted.
    """
    explicit = diagnostic.extra.get("replacement")
    if isinstance(explicit, str):
        return explicit
    suggestion = diagnostic.suggestion
    if not suggestion or _LINE_BREAK.search(suggestion) or "…" in suggestion or "..." in suggestion:
        return None
    replaced = guide_text[diagnostic.span.start:diagnostic.span.end]
    if not replaced or _LINE_BREAK.search(replaced) or replaced == suggestion:
        return None
    words = _WORD.fullmatch(replaced) and _WORD.fullmatch(suggestion)
    questions = (replaced.rstrip().endswith("?") and suggestion.rstrip().endswith("?")
                 and not _BLOCK_MARKER.match(replaced))
    if not (words or questions):
        return None
    similarity = difflib.SequenceMatcher(None, replaced.casefold(), suggestion.casefold()).ratio()
    return suggestion if similarity >= 0.6 else None


def _text_edit(positions: Positions, start: int, end: int, text: str) -> dict:
    return _CONVERTER.unstructure(lsp.TextEdit(range=positions.range(start, end), new_text=text))


def _suppression(guide: Guide, diagnostic: Diagnostic, positions: Positions, bom: int) -> dict:
    """Insert a disable comment with a reason placeholder above the finding, indented as it is.

    Front matter cannot hold an HTML comment, so a finding there (or one anchored on it) is
    suppressed for the file, right after the front matter.
    """
    comment = "<!-- guidelint-{action} {name} -- reason -->"
    front = guide.front_matter
    if front is not None and diagnostic.span.start < front.span.end:
        text = comment.format(action="disable-file", name=diagnostic.name)
        line = front.span.end_line  # the line after the closing fence, 0-based
        if line >= len(positions.starts):
            at, new_text = len(positions.text), guide.newline + text + guide.newline
        else:
            at, new_text = positions.line_start(line), text + guide.newline
        title = f"Suppress {diagnostic.code} in this file with a reason"
    else:
        line = diagnostic.span.line - 1
        at = positions.line_start(line) + (bom if line == 0 else 0)
        line_text = positions.text[at:positions.line_end(line)]
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        new_text = indent + comment.format(action="disable-next-line", name=diagnostic.name) + guide.newline
        title = f"Suppress {diagnostic.code} with a reason"
    return {"title": title, "edits": [_text_edit(positions, at, at, new_text)]}


def _actions(guide: Guide, diagnostic: Diagnostic, positions: Positions, bom: int) -> list[dict]:
    actions = []
    if diagnostic.fix is not None and diagnostic.fix.edits:
        edits = [_text_edit(positions, e.start + bom, e.end + bom, e.text) for e in diagnostic.fix.edits]
        actions.append({"title": diagnostic.fix.description or f"Fix {diagnostic.code}", "edits": edits,
                        "preferred": True})
    replacement = literal_replacement(diagnostic, guide.source)
    if replacement is not None:
        span = diagnostic.span
        actions.append({"title": f'Replace with "{replacement}"',
                        "edits": [_text_edit(positions, span.start + bom, span.end + bom, replacement)]})
    if not diagnostic.fatal:
        actions.append(_suppression(guide, diagnostic, positions, bom))
    return actions


def to_lsp(guide: Guide, diagnostic: Diagnostic, positions: Positions, bom: int, version: int | None,
           uri: str) -> lsp.Diagnostic:
    span = diagnostic.span
    # the other places of a repeated pattern, which an editor lists under the finding
    related = [lsp.DiagnosticRelatedInformation(
        location=lsp.Location(uri=uri, range=positions.range(other.start + bom, other.end + bom)),
        message="The same problem again.") for other in diagnostic.related]
    return lsp.Diagnostic(
        range=positions.range(span.start + bom, span.end + bom),
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
        tags=[lsp.DiagnosticTag.Unnecessary] if diagnostic.name == "unused-suppression" else None,
        related_information=related or None,
        # code actions are built from this, so they work from what the client holds
        data={"name": diagnostic.name, "version": version,
              "actions": _actions(guide, diagnostic, positions, bom)},
    )


def _problem(message: str) -> Finding:
    """An error at 0:0 for what stopped the whole file from being checked."""
    origin = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0))
    return Finding(lsp.Diagnostic(range=origin, message=message, severity=lsp.DiagnosticSeverity.Error, source=SOURCE))


def _settings_for(path: Path | None, root: str | None) -> Settings:
    if path is not None:
        return ConfigFinder().for_path(path)
    if root:
        return ConfigFinder().for_path(Path(root) / "untitled.md")
    return Settings()


def _catalogue_for(settings: Settings) -> Catalogue:
    return builtin().with_packs(settings.rule_packs) if settings.rule_packs else builtin()


def check_document(document: Document, encoding: str, root: str | None = None) -> Converted:
    """Lint one document and convert the findings; never raises (runs in the worker thread)."""
    out = Converted()
    path_text = to_fs_path(document.uri)
    path = Path(path_text) if path_text else None
    try:
        settings = _settings_for(path, root)
        name = str(path) if path else document.uri
        data = document.text.encode("utf-8", "surrogatepass")
        # the same limit as on the command line: a huge file is one finding, not a long wait
        guide = parse_bytes(data, name) if len(data) > MAX_BYTES else parse_text(document.text, name)
        diagnostics = lint(guide, settings)
        catalogue = _catalogue_for(settings)
    except (ConfigError, SelectorError, CatalogueError) as exc:
        out.findings.append(_problem(f"guidelint configuration error: {exc}"))
        out.log.append((lsp.MessageType.Error, f"{document.uri}: configuration error: {exc}"))
        return out
    except Exception as exc:  # a bug must cost one file's diagnostics, never the server
        out.findings.append(_problem(f"guidelint could not check this file ({type(exc).__name__}: {exc}); "
                                     "the language server's log has the details."))
        out.log.append((lsp.MessageType.Error, f"{document.uri}: internal error\n{traceback.format_exc()}"))
        return out
    positions = Positions(document.text, encoding)
    bom = 1 if document.text.startswith("\ufeff") else 0
    for diagnostic in diagnostics:
        try:
            converted = to_lsp(guide, diagnostic, positions, bom, document.version, document.uri)
        except Exception:
            out.log.append((lsp.MessageType.Error, f"{document.uri}: cannot convert {diagnostic.code}\n"
                                                   f"{traceback.format_exc()}"))
            continue
        out.findings.append(Finding(converted, catalogue.get(diagnostic.code), diagnostic.suggestion))
    return out


# ---- lint processes ---------------------------------------------------------------------------

class LintTimeout(Exception):
    pass


def _limit_memory(extra: int) -> None:
    """Let this process grow by ``extra`` bytes of address space at most (Linux); a lint that
    needs more meets MemoryError instead of taking the machine's memory."""
    try:
        import resource

        with open("/proc/self/statm") as handle:
            current = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = current + extra if hard == resource.RLIM_INFINITY else min(current + extra, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no limits here: the time limit still applies


def _serve(connection, memory: int) -> None:
    """A lint process: answer (document, encoding, root) requests until the pipe closes."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # a stray print must never reach the client's protocol stream
    _limit_memory(memory)
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(check_document(*request))


class _Worker:
    """One lint process and its pipe."""

    def __init__(self, context, memory: int) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, memory), daemon=True, name="guidelint-lint")
        self.process.start()
        child.close()
        self.ready = False

    def check(self, request: tuple, seconds: float) -> Converted:
        if not self.ready:  # the lint's time starts when the process can lint, not when it was started
            if not self.connection.poll(WORKER_START_SECONDS) or self.connection.recv() != "ready":
                raise OSError("the lint process did not start")
            self.ready = True
        self.connection.send(request)
        if not self.connection.poll(seconds):
            raise LintTimeout
        return self.connection.recv()

    def stop(self) -> None:
        try:
            self.process.kill()
            self.process.join(5)
        except (OSError, ValueError, AssertionError):
            pass
        self.connection.close()


class LintWorkers:
    """A few lint processes, each checking one document at a time; ``check`` blocks (call it
    from a thread) and never raises."""

    def __init__(self, size: int = WORKERS) -> None:
        self.idle: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(size):
            self.idle.put(None)  # started on first use
        # a fresh interpreter: forking a server whose threads hold locks (the stdin reader's)
        # can leave the child waiting on a lock forever
        self.context = multiprocessing.get_context("spawn")
        #: why lints run in threads instead (processes could not be started)
        self.fallback: str | None = None

    def check(self, document: Document, encoding: str, root: str | None) -> Converted:
        worker = self.idle.get()
        try:
            if self.fallback is not None:
                return check_document(document, encoding, root)
            if worker is not None and not worker.process.is_alive():  # ended between two lints
                worker.stop()
                worker = None
            if worker is None:
                worker = _Worker(self.context, WORKER_MEMORY)
            try:
                return worker.check((document, encoding, root), LINT_SECONDS)
            except LintTimeout:
                worker.stop()
                worker = None
                return _stopped(document, f"guidelint stopped checking this file after {LINT_SECONDS:g} s; "
                                          "the other files are still checked.")
            except (EOFError, OSError, pickle.PickleError):
                worker.stop()
                worker = None
                return _stopped(document, "guidelint's checker stopped while checking this file (out of memory?); "
                                          "the other files are still checked.")
        except OSError as exc:  # no processes here (a sandbox): check in this thread instead
            self.fallback = f"cannot start lint processes ({exc}); checking in a thread"
            result = check_document(document, encoding, root)
            result.log.append((lsp.MessageType.Warning, f"guidelint: {self.fallback}"))
            return result
        finally:
            self.idle.put(worker)

    def start(self) -> None:
        """Start the processes now, so the first lints do not wait for them."""
        started = []
        for _ in range(self.idle.qsize()):
            worker = self.idle.get()
            try:
                if worker is None and self.fallback is None:
                    worker = _Worker(self.context, WORKER_MEMORY)
            except OSError as exc:
                self.fallback = f"cannot start lint processes ({exc}); checking in a thread"
            started.append(worker)
        for worker in started:
            self.idle.put(worker)

    def close(self) -> None:
        while True:
            try:
                worker = self.idle.get_nowait()
            except queue.Empty:
                return
            if worker is not None:
                worker.stop()


def _stopped(document: Document, message: str) -> Converted:
    out = Converted()
    out.findings.append(_problem(message))
    out.log.append((lsp.MessageType.Warning, f"{document.uri}: {message}"))
    return out


# ---- hover ------------------------------------------------------------------------------------

def _fenced(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}markdown\n{text.rstrip()}\n{fence}"


def rule_markdown(rule: Rule) -> str:
    """The rule's documentation as Markdown: what it does, why, an example and what to write instead."""
    flags = str(rule.severity) + (", fixable" if rule.fixable else "")
    parts = [f"**{rule.code} {rule.name}** ({flags})", f"**What it does.** {rule.summary or rule.message}"]
    if rule.why:
        parts.append(f"**Why it matters.** {rule.why}")
    if rule.fires:
        parts.append("**Example (reported)**\n\n" + _fenced(rule.fires[0]))
    if rule.passes:
        parts.append("**Write instead**\n\n" + _fenced(rule.passes[0]))
    if rule.strict:
        from guidelint.commands.docs import STRICT_NOTE

        parts.append("**Strict.** " + STRICT_NOTE.format(code=rule.code))
    parts.append(f"**Message.** {rule.message}")
    return "\n\n".join(parts)


def _contains(range_: lsp.Range, position: lsp.Position) -> bool:
    at = (position.line, position.character)
    return (range_.start.line, range_.start.character) <= at <= (range_.end.line, range_.end.character)


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)


def hover_markdown(findings: list[Finding]) -> str:
    blocks = []
    for finding in findings:
        lines = [f"{finding.diagnostic.code or SOURCE}: {finding.diagnostic.message}"]
        if finding.suggestion:
            lines.append(f"Suggestion: {finding.suggestion}")
        blocks.append("\n\n".join(lines))
    seen: set[str] = set()
    for finding in findings:
        if finding.rule is not None and finding.rule.code not in seen:
            seen.add(finding.rule.code)
            blocks.append(rule_markdown(finding.rule))
    return "\n\n---\n\n".join(blocks)


# ---- the server ------------------------------------------------------------------------------

class GuidelintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.documents: dict[str, Document] = {}
        self.findings: dict[str, list[Finding]] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.last_log: dict[str, str | None] = {}
        self.workers = LintWorkers(WORKERS)
        # one thread per lint process waits for its answer
        self.lint_pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="guidelint-lint")
        #: the lint running for each document: the next one waits for it, so one slow document
        #: never occupies more than one worker
        self.running: dict[str, Future] = {}

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Info) -> None:
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    def report_server_error(self, error: Exception, source) -> None:
        # pygls would pop up a message box; a linter's hiccup belongs in the log
        if source is not FeatureRequestError:
            self.log(f"guidelint language server error: {error}", lsp.MessageType.Error)

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing any lint still waiting for it."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            running = self.running.get(uri)
            if running is not None and not running.done():
                await asyncio.wait([asyncio.wrap_future(running)])
            document = self.documents.get(uri)
            if document is None:
                return
            root = self.workspace.root_path
            future = self.lint_pool.submit(self.workers.check, document, self.encoding, root)
            self.running[uri] = future
            result = await asyncio.wrap_future(future)
            logged = "\n".join(message for _, message in result.log) or None
            if logged != self.last_log.get(uri):  # a broken config must not log every keystroke
                for kind, message in result.log:
                    self.log(message, kind)
            self.last_log[uri] = logged
            current = self.documents.get(uri)
            if current is None or current.version != document.version:
                return  # closed or edited while this version was linted; its own lint follows
            self.publish(document, result.findings)
        except asyncio.CancelledError:
            raise
        except Exception:
            self.log(f"{uri}: cannot publish diagnostics\n{traceback.format_exc()}", lsp.MessageType.Error)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    def publish(self, document: Document, findings: list[Finding]) -> None:
        self.findings[document.uri] = findings
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=document.uri, version=document.version, diagnostics=[f.diagnostic for f in findings]))

    def close(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.documents.pop(uri, None)
        self.findings.pop(uri, None)
        self.last_log.pop(uri, None)
        self.running.pop(uri, None)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def workspace_edit(self, uri: str, version: int | None, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
        """A versioned edit when the client takes one, so it refuses edits made for older text."""
        capabilities = self.client_capabilities.workspace
        versioned = (capabilities is not None and capabilities.workspace_edit is not None
                     and capabilities.workspace_edit.document_changes)
        if versioned and version is not None:
            document = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=document, edits=edits)])
        return lsp.WorkspaceEdit(changes={uri: edits})


def did_open(ls: GuidelintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    ls.documents[item.uri] = Document(item.uri, item.text, item.version)
    ls.schedule(item.uri, 0)


def did_change(ls: GuidelintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    document = ls.documents.get(uri)
    if document is None:
        ls.log(f"{uri}: change for a document that is not open; ignored", lsp.MessageType.Warning)
        return
    text = document.text
    for change in params.content_changes:
        text = apply_change(text, change, ls.encoding)
    ls.documents[uri] = Document(uri, text, params.text_document.version)
    ls.schedule(uri, DEBOUNCE_SECONDS)


def did_save(ls: GuidelintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if uri in ls.documents:  # the text is already in sync; a config file next to it may have changed
        ls.schedule(uri, 0)


def did_close(ls: GuidelintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.close(params.text_document.uri)


def hover(ls: GuidelintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    here = [f for f in ls.findings.get(params.text_document.uri, [])
            if _contains(f.diagnostic.range, params.position)]
    if not here:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=hover_markdown(here)),
                     range=here[0].diagnostic.range)


def _kind_allowed(only: list[str] | None) -> bool:
    kind = lsp.CodeActionKind.QuickFix
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


def code_action(ls: GuidelintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    if not _kind_allowed(params.context.only):
        return None
    uri = params.text_document.uri
    published = ls.findings.get(uri, [])
    # clients send the diagnostics under the cursor; some send none, so fall back to ours
    ours = [d for d in params.context.diagnostics if d.source == SOURCE] or \
        [f.diagnostic for f in published if _overlaps(f.diagnostic.range, params.range)]
    actions: list[lsp.CodeAction] = []
    seen: set[tuple] = set()
    for diagnostic in ours:
        data = diagnostic.data
        if not isinstance(data, dict):  # a client that does not hand `data` back
            data = next((f.diagnostic.data for f in published if f.diagnostic.code == diagnostic.code
                         and f.diagnostic.range == diagnostic.range), None)
        if not isinstance(data, dict):
            continue
        for action in data.get("actions", []):
            key = (action["title"], repr(action["edits"]))
            if key in seen:
                continue
            seen.add(key)
            edits = [_CONVERTER.structure(edit, lsp.TextEdit) for edit in action["edits"]]
            actions.append(lsp.CodeAction(
                title=action["title"],
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=ls.workspace_edit(uri, data.get("version"), edits),
                is_preferred=action.get("preferred") or None,
            ))
    return actions


def shutdown(ls: GuidelintServer, params: Any) -> None:
    for task in ls.pending.values():
        task.cancel()
    ls.lint_pool.shutdown(wait=False, cancel_futures=True)
    ls.workers.close()


def create_server() -> GuidelintServer:
    server = GuidelintServer()
    server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)(did_open)
    server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)(did_change)
    server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))(did_save)
    server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)(did_close)
    server.feature(lsp.TEXT_DOCUMENT_HOVER)(hover)
    server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                   lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))(code_action)
    server.feature(lsp.SHUTDOWN)(shutdown)
    return server


def main() -> int:
    """Serve one editor over stdin/stdout until it says exit."""
    server = create_server()
    server.workers.start()
    try:
        server.start_io()
    finally:
        server.workers.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
