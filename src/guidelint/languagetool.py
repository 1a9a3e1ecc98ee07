"""Optional LanguageTool grammar and spelling checks, through a server the user runs.

guidelint never starts, downloads or bundles LanguageTool: the user runs a server (their
own, a Docker image, a company instance) and gives its URL in ``languagetool.url``. This
module sends each guide's prose to that server in ONE ``POST /v2/check`` request and maps
the answers back to offsets in the guide's source text.

Why this module speaks HTTP with ``urllib`` instead of calling ``language_tool_python``
(read from language_tool_python 3.4's ``server.py`` and ``match.py``):

* **No request timeout.** Every request uses the class constant ``LanguageTool._TIMEOUT``
  (typed ``Literal[300]``: five minutes); neither the constructor nor ``check()`` takes a
  timeout. Changing it means patching a private attribute.
* **Retries.** ``check()`` calls ``_query_server(..., num_tries=2)``: a timeout or a refused
  connection is tried twice, so the text may be sent twice and the wait doubles.
* **An extra request per client.** The constructor fetches ``/v2/languages`` (with the same
  300 s timeout) to validate the language code.
* **Not thread-safe.** ``Match.__init__`` corrects offsets for characters outside the BMP
  through class-level globals (``Match.PREVIOUS_MATCHES_TEXT`` and
  ``Match.FOUR_BYTES_POSITIONS``); two threads checking different texts can each correct
  with the other's table. It also corrects ``offset`` but not ``length``.
  (The HTTP call itself, a module-level ``requests.post``, would be safe.)
* **HTTP status is ignored.** A response body is parsed as JSON whatever the status, so an
  HTTP 500 with a JSON body comes back as if it were an answer.

Doing it here is about 150 lines of standard library: a bounded timeout (per socket
operation, plus an overall deadline while reading the body), one request per call, no
shared state (so calls from several threads at once are safe without a lock), and every
failure turned into one exception, :class:`LanguageToolUnavailable`, whose message names
the URL and says what went wrong. Nothing here imports ``language_tool_python`` (nor
``requests``), so importing this module costs nothing.

Offsets: the server is Java, so ``offset`` and ``length`` in its answers count UTF-16 code
units of the text it received (an emoji such as U+1F600 counts 2; "é" counts 1), see
languagetool-org/languagetool#842 and jxmorris12/language_tool_python#94. They are
converted to code points here before being mapped through the pieces' offset maps.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import math
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from guidelint import pattern_cache

__all__ = [
    "LTMatch",
    "LanguageToolUnavailable",
    "SEPARATOR",
    "TextPiece",
    "check_pieces",
    "server_languages",
]

SEPARATOR = "\n\n"
"""Placed between pieces in the text sent to the server (a paragraph break)."""

MAX_REPLACEMENTS = 5
_MAX_RESPONSE_BYTES = 16 * 1024 * 1024
_SNIPPET = 200


@dataclass(frozen=True)
class TextPiece:
    """A run of prose to check, with a map back to the guide's source.

    ``offsets[i]`` is the source offset (code points into the guide text) of ``text[i]``;
    ``len(offsets) == len(text) + 1``, the last being the source end offset of the piece.
    """

    text: str
    offsets: tuple[int, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.offsets, tuple):
            object.__setattr__(self, "offsets", tuple(self.offsets))
        if len(self.offsets) != len(self.text) + 1:
            msg = (
                f"TextPiece needs len(text) + 1 offsets ({len(self.text) + 1}), "
                f"got {len(self.offsets)}"
            )
            raise ValueError(msg)


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool finding, located in the guide's source text."""

    start: int  # source offset (code points) where the problem starts
    end: int  # source offset where it ends (exclusive)
    rule_id: str  # e.g. MORFOLOGIK_RULE_EN_US
    issue_type: str  # rule.issueType: "misspelling", "grammar", "style", "typographical", ...
    category: str  # rule.category.id, e.g. TYPOS
    message: str
    replacements: tuple[str, ...]  # at most MAX_REPLACEMENTS


class LanguageToolUnavailable(Exception):
    """The LanguageTool server could not be used; the message says which URL and why."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


# --------------------------------------------------------------------------- public API


def check_pieces(
    pieces: Sequence[TextPiece],
    *,
    url: str,
    language: str = "en-US",
    vocabulary: Iterable[str] = (),
    timeout: float = 10.0,
    disabled_rules: Iterable[str] = (),
) -> list[LTMatch]:
    """Check a guide's prose with ONE request and return findings in source offsets.

    The pieces' texts are joined with :data:`SEPARATOR` and sent once to ``POST /v2/check``.
    Pieces that are empty or only whitespace are left out; when nothing is left, no request
    is made. Every match is mapped back through its piece's offset map; a match that falls
    in a separator, or runs from one piece into the next, is dropped. The end of a match is
    just after the source character of its last checked character (so removed markup right
    after a word, as in ``**teh**``, is not included).

    Misspelling matches (``issueType == "misspelling"``) are dropped when the matched text
    is a ``vocabulary`` entry (case-insensitive), or lies inside an occurrence of a
    multi-word entry: with "Acme Cloud" in the vocabulary, "Acme" is accepted in
    "Acme Cloud" but still reported when it stands alone.

    Raises :class:`LanguageToolUnavailable` when the server cannot be reached, does not
    answer within ``timeout`` seconds, or answers with anything but a LanguageTool result.
    Safe to call from several threads at once (no shared state).
    """
    _check_timeout(timeout)
    kept = [p for p in pieces if p.text.strip()]
    if not kept:
        return []
    text = SEPARATOR.join(p.text for p in kept)
    starts: list[int] = []
    pos = 0
    for piece in kept:
        starts.append(pos)
        pos += len(piece.text) + len(SEPARATOR)

    if isinstance(disabled_rules, str):  # "A,B" rather than ["A", "B"]
        disabled_rules = disabled_rules.split(",")
    if isinstance(vocabulary, str):
        vocabulary = (vocabulary,)
    params = {"language": language, "text": text}
    disabled = sorted({r.strip() for r in disabled_rules if r and r.strip()})
    if disabled:
        params["disabledRules"] = ",".join(disabled)
    payload = _request_json(
        url,
        "check",
        data=urllib.parse.urlencode(params).encode("utf-8"),
        timeout=timeout,
    )
    raw_matches = _matches_from(payload, url)

    units = _Utf16Index(text)
    vocab: _Vocabulary | None = None
    vocabulary = tuple(vocabulary)
    found: list[LTMatch] = []
    for raw in raw_matches:
        off16, len16, rule_id, issue_type, category, message, replacements = raw
        if off16 < 0 or len16 < 0 or off16 + len16 > units.length16:
            continue  # the server and we disagree about the text; nothing to point at
        cs = units.start(off16)
        ce = max(cs, units.end(off16 + len16))
        index = bisect_right(starts, cs) - 1
        piece = kept[index]
        local_s, local_e = cs - starts[index], ce - starts[index]
        if local_e > len(piece.text):
            continue  # in a separator, or across two pieces
        if issue_type == "misspelling" and vocabulary:
            if vocab is None:
                vocab = _Vocabulary(vocabulary)
            if vocab.accepts(piece.text, local_s, local_e):
                continue
        src_start = piece.offsets[local_s]
        if local_e == local_s:
            src_end = src_start
        else:
            src_end = min(piece.offsets[local_e - 1] + 1, piece.offsets[local_e])
            src_end = max(src_start, src_end)
        found.append(
            LTMatch(
                start=src_start,
                end=src_end,
                rule_id=rule_id,
                issue_type=issue_type,
                category=category,
                message=message,
                replacements=replacements,
            )
        )
    found.sort(key=lambda m: (m.start, m.end, m.rule_id))
    return found


def server_languages(url: str, timeout: float = 10.0) -> list[str]:
    """Codes the server says it supports (from ``GET /v2/languages``), for config validation.

    Both long codes ("en-US") and short ones ("en") are returned, without duplicates, in the
    server's order. "auto" (let the server detect the language) is accepted by /v2/check
    but is not listed by the server, so it is not in this list either.
    """
    _check_timeout(timeout)
    payload = _request_json(url, "languages", data=None, timeout=timeout)
    if not isinstance(payload, list):
        raise _unavailable(url, "its /v2/languages answer is not a list of languages")
    codes: list[str] = []
    seen: set[str] = set()
    for entry in payload:
        if not isinstance(entry, dict):
            raise _unavailable(url, "its /v2/languages answer is not a list of languages")
        for key in ("longCode", "code"):
            code = entry.get(key)
            if isinstance(code, str) and code and code not in seen:
                seen.add(code)
                codes.append(code)
    if not codes:
        raise _unavailable(url, "it lists no languages at /v2/languages")
    return codes


# --------------------------------------------------------------------------- HTTP


def _check_timeout(timeout: float) -> None:
    if not (isinstance(timeout, (int, float)) and math.isfinite(timeout) and timeout > 0):
        msg = f"timeout must be a positive number of seconds, not {timeout!r}"
        raise ValueError(msg)


def _unavailable(url: str, what: str) -> LanguageToolUnavailable:
    return LanguageToolUnavailable(
        f"Could not use the LanguageTool server at {url}: {what.rstrip('.')}.", url=url
    )


def _endpoint(url: str, name: str) -> str:
    """``http://host:8081``, ``…/v2``, ``…/v2/`` or ``host:8081`` → ``…/v2/<name>``."""
    raw = url.strip()
    if "://" not in raw:
        raw = "http://" + raw
    try:
        parts = urllib.parse.urlsplit(raw)
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except ValueError as exc:
        raise _unavailable(url, f"the URL is not valid ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _unavailable(url, "the URL must be an http:// or https:// address with a host")
    path = parts.path.rstrip("/")
    for tail in ("/v2/check", "/v2/languages", "/v2"):
        if path.endswith(tail):
            path = path[: -len(tail)]
            break
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{path}/v2/{name}", "", ""))


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _opener_for(endpoint: str) -> urllib.request.OpenerDirector:
    # A server on this machine is never reached through an HTTP(S)_PROXY from the
    # environment (urllib would otherwise send 127.0.0.1 through it unless NO_PROXY says).
    host = urllib.parse.urlsplit(endpoint).hostname or ""
    if _is_loopback(host):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _describe(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):  # socket.timeout is TimeoutError
        return f"no answer within {timeout:g} s (the timeout)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server running, and on that port?)"
    if isinstance(reason, socket.gaierror):
        return f"the host name could not be resolved ({reason.strerror})"
    if isinstance(reason, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(reason, http.client.HTTPException):
        return f"the answer is not valid HTTP ({type(reason).__name__})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.rstrip(".")
    return str(reason) or type(reason).__name__


def _snippet(body: bytes) -> str:
    text = body[:_SNIPPET].decode("utf-8", "replace")
    text = " ".join(text.split())
    return text + ("…" if len(body) > _SNIPPET else "")


def _request_json(url: str, name: str, *, data: bytes | None, timeout: float) -> Any:
    endpoint = _endpoint(url, name)
    request = urllib.request.Request(
        endpoint,
        data=data,
        method="POST" if data is not None else "GET",
        headers={"Accept": "application/json", "User-Agent": "guidelint"},
    )
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    deadline = time.monotonic() + timeout
    try:
        with _opener_for(endpoint).open(request, timeout=timeout) as response:
            status = response.status
            body = _read_body(response, deadline, url, timeout)
    except urllib.error.HTTPError as exc:
        try:
            detail = _snippet(exc.read(_SNIPPET + 1))
        except Exception:  # noqa: BLE001  (the error body is only a courtesy)
            detail = ""
        finally:
            exc.close()
        hint = " (is this a LanguageTool server?)" if exc.code == 404 else ""
        what = f"HTTP {exc.code} {exc.reason} from {endpoint}{hint}"
        raise _unavailable(url, f"{what}: {detail}" if detail else what) from None
    except urllib.error.URLError as exc:
        raise _unavailable(url, _describe(exc.reason, timeout)) from None
    except (http.client.HTTPException, OSError) as exc:
        raise _unavailable(url, _describe(exc, timeout)) from None
    except ValueError as exc:  # e.g. http.client.InvalidURL
        raise _unavailable(url, f"the URL is not valid ({exc})") from None

    if status != 200:
        raise _unavailable(url, f"HTTP {status} from {endpoint}: {_snippet(body)}")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        shown = _snippet(body) or "an empty body"
        raise _unavailable(url, f"its answer is not JSON ({shown})") from None


def _read_body(response: Any, deadline: float, url: str, timeout: float) -> bytes:
    # The socket timeout bounds each read; the deadline bounds a server that trickles.
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > _MAX_RESPONSE_BYTES:
            raise _unavailable(url, "its answer is larger than 16 MiB")
        chunks.append(chunk)


# --------------------------------------------------------------------------- answers

_Raw = tuple[int, int, str, str, str, str, tuple[str, ...]]


def _matches_from(payload: Any, url: str) -> list[_Raw]:
    def bad(why: str) -> LanguageToolUnavailable:
        return _unavailable(url, f"its answer is not a LanguageTool check result ({why})")

    if not isinstance(payload, dict) or not isinstance(payload.get("matches"), list):
        raise bad("no 'matches' list")
    out: list[_Raw] = []
    for m in payload["matches"]:
        if not isinstance(m, dict):
            raise bad("a match is not an object")
        offset, length, rule = m.get("offset"), m.get("length"), m.get("rule")
        if not _is_int(offset) or not _is_int(length):
            raise bad("a match has no integer 'offset' and 'length'")
        if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
            raise bad("a match has no 'rule.id'")
        category = rule.get("category")
        category_id = category.get("id") if isinstance(category, dict) else None
        issue_type = rule.get("issueType")
        message = m.get("message")
        replacements: list[str] = []
        for r in m.get("replacements") or ():
            value = r.get("value") if isinstance(r, dict) else None
            if isinstance(value, str) and value:
                replacements.append(value)
                if len(replacements) == MAX_REPLACEMENTS:
                    break
        out.append(
            (
                offset,
                length,
                rule["id"],
                issue_type if isinstance(issue_type, str) else "",
                category_id if isinstance(category_id, str) else "",
                message if isinstance(message, str) else "",
                tuple(replacements),
            )
        )
    return out


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class _Utf16Index:
    """Converts UTF-16 code-unit offsets (the server's) to code-point offsets (Python's)."""

    def __init__(self, text: str) -> None:
        # UTF-16 start of each character outside the BMP (each takes two code units).
        self.astral = [m.start() + i for i, m in enumerate(_ASTRAL.finditer(text))]
        self.length16 = len(text) + len(self.astral)

    def start(self, u: int) -> int:
        """A start offset; inside a surrogate pair rounds down to the character."""
        return u - bisect_left(self.astral, u)

    def end(self, u: int) -> int:
        """An end offset; inside a surrogate pair rounds up past the character."""
        return u - bisect_right(self.astral, u - 2)


class _Vocabulary:
    def __init__(self, entries: Iterable[str]) -> None:
        self.words: set[str] = set()
        self.phrases: list[re.Pattern[str]] = []
        for entry in entries:
            words = str(entry).split()
            if not words:
                continue
            self.words.add(" ".join(words).casefold())
            if len(words) > 1:
                body = r"\s+".join(re.escape(w) for w in words)
                self.phrases.append(pattern_cache.compile_transient(rf"(?<!\w){body}(?!\w)", re.IGNORECASE))

    def accepts(self, text: str, start: int, end: int) -> bool:
        if " ".join(text[start:end].split()).casefold() in self.words:
            return True
        return any(
            m.start() <= start and end <= m.end()
            for pattern in self.phrases
            for m in pattern.finditer(text)
        )
