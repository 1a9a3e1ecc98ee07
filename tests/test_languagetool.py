"""guidelint.languagetool against a stub LanguageTool server on 127.0.0.1 (real HTTP)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from guidelint.languagetool import (
    LanguageToolUnavailable,
    LTMatch,
    TextPiece,
    check_pieces,
    server_languages,
)

try:
    from lt_stub import LanguageToolStub
except ImportError:  # tests/ became a package
    from tests.lt_stub import LanguageToolStub

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def lt():
    with LanguageToolStub() as stub:
        yield stub


def from_spans(src: str, *spans: tuple[int, int]) -> TextPiece:
    """The text of ``src`` in these spans, joined, with each character's source offset."""
    text: list[str] = []
    offsets: list[int] = []
    for start, end in spans:
        text.append(src[start:end])
        offsets.extend(range(start, end))
    offsets.append(spans[-1][1])
    return TextPiece("".join(text), tuple(offsets))


def between(src: str, before: str, after: str, start: int = 0) -> tuple[int, int]:
    """The span of ``src`` strictly between the next ``before`` and the ``after`` following it."""
    s = src.index(before, start) + len(before)
    return s, src.index(after, s)


def plain(*texts: str) -> list[TextPiece]:
    """Pieces whose source is the texts laid out one after another, 100 apart."""
    return [TextPiece(t, tuple(range(i * 100, i * 100 + len(t) + 1))) for i, t in enumerate(texts)]


# --------------------------------------------------------------------------- the stub


def test_stub_counts_offsets_in_utf16_like_the_real_server(lt):
    body = urllib.parse.urlencode({"text": "😀 Café teh", "language": "en-US"}).encode()
    with urllib.request.urlopen(f"{lt.url}/v2/check", body, timeout=5) as r:
        answer = json.load(r)
    (match,) = answer["matches"]
    assert "😀 Café teh".index("teh") == 7
    assert (match["offset"], match["length"]) == (8, 3)  # the emoji counts 2
    assert match["rule"]["id"] == "MORFOLOGIK_RULE_EN_US"
    context = match["context"]
    assert context["text"] == "😀 Café teh" and (context["offset"], context["length"]) == (8, 3)
    assert answer["software"]["name"] == "LanguageTool"


def test_stub_takes_annotated_data(lt):
    data = {"annotation": [{"markup": "<b>"}, {"text": "teh"}, {"markup": "</b>"}, {"text": " cat"}]}
    body = urllib.parse.urlencode({"data": json.dumps(data), "language": "en-US"}).encode()
    with urllib.request.urlopen(f"{lt.url}/v2/check", body, timeout=5) as r:
        (match,) = json.load(r)["matches"]
    assert (match["offset"], match["length"]) == (3, 3)  # offsets in the text with markup


# --------------------------------------------------------------------------- mapping


GUIDE = (
    "---\nduration: 30\n---\n"
    "# Warm-up 😀 (5 min)\n\n"
    "1. Ça va? **Café** naïve 🎉🎉 users: do you **recieve** the [teh](https://x.example/teh) report?\n"
    "   - Probe: 👩‍💻 how does Zorblax fit in?\n"
)


def guide_pieces() -> list[TextPiece]:
    src = GUIDE
    heading = from_spans(src, between(src, "# ", " (5 min)"))
    q = src.index("1. ") + 3
    question = from_spans(
        src,
        (q, src.index("**Café")),
        between(src, "**", "**", q),  # Café
        (src.index("** naïve") + 2, src.index("**recieve")),
        between(src, "**", "**", src.index("**recieve")),  # recieve
        (src.index("** the [") + 2, src.index("[teh")),
        between(src, "[", "]", q),  # teh (the link text; the URL is not prose)
        (src.index(") report") + 1, src.index("?\n   - Probe") + 1),
    )
    probe = from_spans(src, between(src, "Probe: ", "\n"))
    assert question.text == "Ça va? Café naïve 🎉🎉 users: do you recieve the teh report?"
    assert heading.text == "Warm-up 😀" and probe.text == "👩‍💻 how does Zorblax fit in?"
    return [heading, question, probe]


def test_misspellings_map_to_exact_source_spans(lt):
    matches = check_pieces(guide_pieces(), url=lt.url)
    assert [GUIDE[m.start : m.end] for m in matches] == ["recieve", "teh", "Zorblax"]
    assert [m.start for m in matches] == [
        GUIDE.index("recieve"),
        GUIDE.index("[teh]") + 1,
        GUIDE.index("Zorblax"),
    ]
    first = matches[0]
    assert first == LTMatch(
        start=first.start,
        end=first.end,
        rule_id="MORFOLOGIK_RULE_EN_US",
        issue_type="misspelling",
        category="TYPOS",
        message="Possible spelling mistake found.",
        replacements=("receive",),
    )
    (sent,) = lt.check_requests
    assert sent["text"] == "\n\n".join(p.text for p in guide_pieces())
    assert sent["language"] == "en-US"


def test_grammar_match_and_replacement_limit():
    with LanguageToolStub(misspellings={"teh": [f"t{i}" for i in range(8)]}) as lt:
        matches = check_pieces(plain("I ate a apple.", "teh end"), url=lt.url)
    grammar, spelling = matches
    assert (grammar.start, grammar.end) == (6, 13)
    assert grammar.issue_type == "grammar" and grammar.category == "GRAMMAR"
    assert grammar.replacements == ("an apple",)
    assert (spelling.start, spelling.end) == (100, 103)
    assert spelling.replacements == ("t0", "t1", "t2", "t3", "t4")


def test_one_request_per_call_with_several_pieces(lt):
    check_pieces(plain("teh one", "two", "three teh"), url=lt.url, disabled_rules=["X_RULE", "Y"])
    assert [(r.method, r.path) for r in lt.requests] == [("POST", "/v2/check")]
    (sent,) = lt.check_requests
    assert sent["text"] == "teh one\n\ntwo\n\nthree teh"
    assert sent["disabledRules"] == "X_RULE,Y"


def test_disabled_rules_reach_the_server(lt):
    matches = check_pieces(
        plain("teh a apple"), url=lt.url, disabled_rules=["MORFOLOGIK_RULE_EN_US"]
    )
    assert [m.rule_id for m in matches] == ["STUB_GRAMMAR_RULE"]


def test_nothing_to_check_sends_nothing(lt):
    pieces = [TextPiece("", (5,)), TextPiece("  \n", (0, 1, 2, 3))]
    assert check_pieces(pieces, url=lt.url) == []
    assert check_pieces([], url=lt.url) == []
    assert lt.requests == []


def test_matches_in_or_across_separators_are_dropped():
    grammar = {r"\n\n": "¶", r"ends\s+Start": "x", r"ends": "ended", r"Start": "start"}
    with LanguageToolStub(misspellings={}, grammar=grammar) as lt:
        matches = check_pieces(plain("It ends", "Start 😀 here"), url=lt.url)
    assert [(m.start, m.end, m.replacements) for m in matches] == [
        (3, 7, ("ended",)),
        (100, 105, ("start",)),
    ]


def test_text_piece_needs_one_offset_per_character_plus_end():
    with pytest.raises(ValueError):
        TextPiece("abc", (0, 1, 2))
    assert TextPiece("ab", [4, 5, 6]).offsets == (4, 5, 6)


# --------------------------------------------------------------------------- vocabulary


def test_vocabulary_single_word_is_case_insensitive(lt):
    pieces = plain("Zorblax helps teh team.")
    assert [m.rule_id for m in check_pieces(pieces, url=lt.url)] == ["MORFOLOGIK_RULE_EN_US"] * 2
    matches = check_pieces(pieces, url=lt.url, vocabulary=["zorblax"])
    assert [(m.start, m.end) for m in matches] == [(14, 17)]  # only "teh"


def test_vocabulary_multi_word_product_name(lt):
    text = "We moved to Acme Cloud in May. Then ACME\nCLOUD again. Acme support was slow."
    matches = check_pieces(plain(text), url=lt.url, vocabulary=["Acme   cloud"])
    # Accepted inside the product name (any case, any spacing); alone it is still reported.
    assert [text[m.start : m.end] for m in matches] == ["Acme"]
    assert matches[0].start == text.rindex("Acme")


def test_vocabulary_only_silences_misspellings(lt):
    matches = check_pieces(plain("I ate a apple."), url=lt.url, vocabulary=["a apple"])
    assert [m.issue_type for m in matches] == ["grammar"]


# --------------------------------------------------------------------------- failures


def test_timeout_raises_unavailable():
    # the stub answers only when it is stopped, so an answer at all means the client did not give up
    with LanguageToolStub(delay=600) as lt:
        with pytest.raises(LanguageToolUnavailable) as info:
            check_pieces(plain("teh"), url=lt.url, timeout=0.5)
        assert len(lt.check_requests) == 1  # and did not retry
    assert lt.url in str(info.value) and "0.5 s" in str(info.value)
    assert info.value.url == lt.url


def test_connection_refused_raises_unavailable(refusing_port):
    url = f"http://127.0.0.1:{refusing_port}"
    with pytest.raises(LanguageToolUnavailable, match="refused") as info:
        check_pieces(plain("teh"), url=url)
    assert url in str(info.value)
    with pytest.raises(LanguageToolUnavailable, match="refused"):
        server_languages(url)


@pytest.mark.parametrize(
    ("mode", "says"),
    [("garbage", "not JSON"), ("error500", "HTTP 500"), ("wrong-shape", "not a LanguageTool")],
)
def test_bad_answers_raise_unavailable(mode, says):
    with LanguageToolStub(mode=mode) as lt:
        with pytest.raises(LanguageToolUnavailable, match=says) as info:
            check_pieces(plain("teh"), url=lt.url)
        assert lt.url in str(info.value)
        with pytest.raises(LanguageToolUnavailable):
            server_languages(lt.url)


def test_unknown_language_reports_the_servers_error(lt):
    with pytest.raises(LanguageToolUnavailable, match="HTTP 400.*not a language code"):
        check_pieces(plain("teh"), url=lt.url, language="xx-YY")


def test_not_an_http_url_raises_unavailable():
    with pytest.raises(LanguageToolUnavailable, match="http"):
        check_pieces(plain("teh"), url="ftp://example.org/lt")


def test_bad_timeout_is_a_programming_error(lt):
    with pytest.raises(ValueError):
        check_pieces(plain("teh"), url=lt.url, timeout=0)


# --------------------------------------------------------------------------- URLs, languages


@pytest.mark.parametrize("form", ["{url}", "{url}/", "{url}/v2", "{url}/v2/", "{hostport}"])
def test_url_forms(lt, form):
    url = form.format(url=lt.url, hostport=lt.url.removeprefix("http://"))
    assert len(check_pieces(plain("teh"), url=url)) == 1


def test_loopback_server_is_not_reached_through_an_environment_proxy(lt, monkeypatch, refusing_port):
    dead_proxy = f"http://127.0.0.1:{refusing_port}"
    for name in ("http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(name, dead_proxy)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    assert len(check_pieces(plain("teh"), url=lt.url)) == 1


def test_server_languages(lt):
    codes = server_languages(lt.url)
    assert {"en-US", "en-GB", "en", "de-DE", "fr"} <= set(codes)
    assert len(codes) == len(set(codes))
    assert [(r.method, r.path) for r in lt.requests] == [("GET", "/v2/languages")]


# --------------------------------------------------------------------------- threads, imports


def test_concurrent_calls_from_eight_threads():
    barrier = threading.Barrier(8)

    def one(i: int) -> tuple[str, list[LTMatch]]:
        # Different lengths and different numbers of emoji before each misspelling.
        text = f"{'é' * i}{'🎉' * i} run {i}: teh {'👍' * (7 - i)} Zorblax {'x' * i}."
        barrier.wait(timeout=5)
        return text, check_pieces(plain(text), url=lt.url)

    with LanguageToolStub(delay=0.1) as lt, ThreadPoolExecutor(8) as pool:
        results = list(pool.map(one, range(8)))
    assert len(lt.check_requests) == 8
    for text, matches in results:
        assert [text[m.start : m.end] for m in matches] == ["teh", "Zorblax"]


def test_importing_the_module_does_not_import_language_tool_python():
    code = (
        "import sys, guidelint.languagetool\n"
        "bad = {'language_tool_python', 'requests'} & set(sys.modules)\n"
        "assert not bad, bad\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
