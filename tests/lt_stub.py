"""A tiny stand-in for a LanguageTool server, for tests (no Java, no network).

It speaks the parts of LanguageTool's HTTP API that guidelint uses:

* ``GET /v2/languages`` → ``[{"name": "English (US)", "code": "en", "longCode": "en-US"}, …]``
* ``POST /v2/check`` (or GET with a query string), form fields as the real server takes
  them: ``text`` or ``data`` (annotated text as JSON), ``language``, and optionally
  ``disabledRules``, ``enabledRules``, ``enabledOnly``, ``disabledCategories``, ``level``…
  It answers with JSON shaped like the real server's (software, warnings, language,
  matches[] with message, shortMessage, replacements[{value}], offset, length,
  context{text, offset, length}, sentence, type, rule{id, description, issueType,
  category{id, name}}, sentenceRanges).

Like the real server (Java), offsets and lengths count UTF-16 code units: an emoji outside
the Basic Multilingual Plane counts 2. Errors are plain text with a 400 status, as the
real server's are ("Error: Missing 'text' or 'data' parameter").

What it finds: the words in ``misspellings`` (whole words; a lowercase entry also matches
the word capitalised, as a speller does) and the regular expressions in ``grammar``.

    with LanguageToolStub(delay=0.1) as lt:
        check_pieces(pieces, url=lt.url)
        assert len(lt.check_requests) == 1

Knobs (attributes, may be changed while it runs): ``misspellings``, ``grammar``,
``delay`` (seconds before answering), ``mode`` ("ok", "garbage" for a non-JSON 200,
"error500", "wrong-shape" for JSON that is not a check result).
"""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_MISSPELLINGS: dict[str, list[str]] = {
    "teh": ["the", "tech", "ten"],
    "recieve": ["receive"],
    "Zorblax": [],
    "Acme": ["Acne", "Acre"],
}
DEFAULT_GRAMMAR: dict[str, str] = {r"\ba apple\b": "an apple"}

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German", "code": "de", "longCode": "de"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "French", "code": "fr", "longCode": "fr"},
]
MODES = ("ok", "garbage", "error500", "wrong-shape")


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    fields: dict[str, str]


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


class LanguageToolStub:
    def __init__(
        self,
        misspellings: dict[str, list[str]] | None = None,
        grammar: dict[str, str] | None = None,
        delay: float = 0.0,
        mode: str = "ok",
    ) -> None:
        self.misspellings = dict(DEFAULT_MISSPELLINGS if misspellings is None else misspellings)
        self.grammar = dict(DEFAULT_GRAMMAR if grammar is None else grammar)
        self.delay = delay
        self.mode = mode
        self.requests: list[Received] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None

    # -- lifecycle
    def start(self) -> LanguageToolStub:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.stub = self  # type: ignore[attr-defined]
        self._server = server
        self._port = server.server_address[1]
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in a delay
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LanguageToolStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._port is not None, "stub not started"
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def check_requests(self) -> list[dict[str, str]]:
        """Form fields of every /v2/check request received, in order."""
        with self._lock:
            return [r.fields for r in self.requests if r.path == "/v2/check"]

    def _log(self, received: Received) -> None:
        with self._lock:
            self.requests.append(received)

    def _sleep(self) -> None:
        if self.delay:
            self._stopping.wait(self.delay)

    # -- checking
    def find(self, text: str, language: str, fields: dict[str, str]) -> list[dict[str, Any]]:
        """Matches for ``text`` in code points: (start, end, rule, message, …) dicts."""
        found = []
        for m in re.finditer(r"\w+", text):
            word = m.group()
            suggestions = self.misspellings.get(word, self.misspellings.get(word.lower()))
            if suggestions is not None:
                found.append(_spelling(m.start(), m.end(), suggestions, language))
        for pattern, replacement in self.grammar.items():
            for m in re.finditer(pattern, text):
                found.append(_grammar(m.start(), m.end(), replacement))
        disabled = set(filter(None, fields.get("disabledRules", "").split(",")))
        disabled_cats = set(filter(None, fields.get("disabledCategories", "").split(",")))
        found = [
            f
            for f in found
            if f["rule"]["id"] not in disabled
            and f["rule"]["category"]["id"] not in disabled_cats
        ]
        found.sort(key=lambda f: (f["_start"], f["_end"]))
        return found


def _spelling(start: int, end: int, suggestions: list[str], language: str) -> dict[str, Any]:
    code = "EN_US" if language in ("auto", "en") else language.upper().replace("-", "_")
    return {
        "_start": start,
        "_end": end,
        "message": "Possible spelling mistake found.",
        "shortMessage": "Spelling mistake",
        "replacements": [{"value": s} for s in suggestions],
        "type": {"typeName": "UnknownWord"},
        "rule": {
            "id": f"MORFOLOGIK_RULE_{code}",
            "description": "Possible spelling mistake",
            "issueType": "misspelling",
            "category": {"id": "TYPOS", "name": "Possible Typo"},
        },
    }


def _grammar(start: int, end: int, replacement: str) -> dict[str, Any]:
    return {
        "_start": start,
        "_end": end,
        "message": f"Did you mean “{replacement}”?",
        "shortMessage": "Grammar",
        "replacements": [{"value": replacement}],
        "type": {"typeName": "Other"},
        "rule": {
            "id": "STUB_GRAMMAR_RULE",
            "description": "Grammar pattern (stub)",
            "issueType": "grammar",
            "category": {"id": "GRAMMAR", "name": "Grammar"},
        },
    }


def _from_annotated(data: str) -> tuple[str, str, list[int]]:
    """(original, plain, positions): plain[i] comes from original[positions[i]]."""
    original, plain, positions = "", "", []
    for part in json.loads(data)["annotation"]:
        if "text" in part:
            for ch in part["text"]:
                positions.append(len(original))
                plain += ch
                original += ch
        else:
            markup = part.get("markup", "")
            for ch in part.get("interpretAs", ""):
                positions.append(len(original))
                plain += ch
            original += markup
    positions.append(len(original))
    return original, plain, positions


def _sentence(text: str, start: int) -> str:
    begin, end = 0, len(text)
    for m in re.finditer(r"[.!?](?=\s)|\n\s*\n", text):
        if m.end() <= start:
            begin = m.end()
        else:
            end = m.end()
            break
    return text[begin:end].strip()


def _context(text: str, start: int, end: int, size: int = 40) -> dict[str, Any]:
    lo, hi = max(0, start - size), min(len(text), end + size)
    prefix = "..." if lo > 0 else ""
    ctx = prefix + text[lo:hi] + ("..." if hi < len(text) else "")
    return {
        "text": ctx.replace("\n", " "),
        "offset": utf16_len(prefix + text[lo:start]),
        "length": utf16_len(text[start:end]),
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() does not wait for a delayed answer
    request_queue_size = 64  # several clients at once (the default 5 drops SYNs: 1 s stalls)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up (a timeout test) is not an error


class _Handler(BaseHTTPRequestHandler):
    server_version = "LanguageToolStub/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    @property
    def stub(self) -> LanguageToolStub:
        return self.server.stub  # type: ignore[attr-defined]

    def do_GET(self) -> None:  # noqa: N802
        parts = urllib.parse.urlsplit(self.path)
        self._handle("GET", parts.path, parts.query)

    def do_POST(self) -> None:  # noqa: N802
        parts = urllib.parse.urlsplit(self.path)
        size = int(self.headers.get("Content-Length") or 0)
        self._handle("POST", parts.path, self.rfile.read(size).decode("utf-8"))

    def _handle(self, method: str, path: str, query: str) -> None:
        fields = {k: v[0] for k, v in urllib.parse.parse_qs(query, keep_blank_values=True).items()}
        stub = self.stub
        stub._log(Received(method, path, fields))
        stub._sleep()
        if stub.mode == "garbage":
            return self._send(200, "<html><body>502 Bad Gateway</body></html>", "text/html")
        if stub.mode == "error500":
            return self._send(500, "Error: Internal Server Error", "text/plain")
        if stub.mode == "wrong-shape":
            return self._send(200, json.dumps({"status": "ok", "result": []}), "application/json")
        if path == "/v2/languages" and method == "GET":
            return self._send(200, json.dumps(LANGUAGES), "application/json")
        if path == "/v2/check":
            return self._check(fields)
        return self._send(404, f"Error: unknown endpoint {path}", "text/plain")

    def _check(self, fields: dict[str, str]) -> None:
        language = fields.get("language")
        if not language:
            return self._send(400, "Error: Missing 'language' parameter.", "text/plain")
        known = {lang["longCode"] for lang in LANGUAGES} | {"auto"}
        if language not in known:
            return self._send(
                400,
                f"Error: '{language}' is not a language code known to LanguageTool. "
                f"Supported language codes are: {', '.join(sorted(known))}.",
                "text/plain",
            )
        if "text" in fields:
            original = plain = fields["text"]
            positions = list(range(len(plain) + 1))
        elif "data" in fields:
            original, plain, positions = _from_annotated(fields["data"])
        else:
            return self._send(400, "Error: Missing 'text' or 'data' parameter", "text/plain")

        matches = []
        for f in self.stub.find(plain, language, fields):
            s, e = f.pop("_start"), f.pop("_end")
            # Map the last character, not the one after it: markup may follow the match.
            start, end = positions[s], positions[e - 1] + 1 if e > s else positions[s]
            matches.append(
                {
                    "message": f["message"],
                    "shortMessage": f["shortMessage"],
                    "replacements": f["replacements"],
                    "offset": utf16_len(original[:start]),
                    "length": utf16_len(original[start:end]),
                    "context": _context(original, start, end),
                    "sentence": _sentence(original, start),
                    "type": f["type"],
                    "rule": f["rule"],
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
        name = next((x["name"] for x in LANGUAGES if x["longCode"] == language), "English (US)")
        answer = {
            "software": {
                "name": "LanguageTool",
                "version": "6.5-stub",
                "buildDate": "2024-01-01 00:00:00 +0000",
                "apiVersion": 1,
                "premium": False,
                "status": "",
            },
            "warnings": {"incompleteResults": False},
            "language": {
                "name": name,
                "code": language,
                "detectedLanguage": {"name": name, "code": language, "confidence": 0.99},
            },
            "matches": matches,
            "sentenceRanges": [[0, utf16_len(original)]],
        }
        self._send(200, json.dumps(answer), "application/json")

    def _send(self, status: int, body: str, content_type: str) -> None:
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (a timeout test)
