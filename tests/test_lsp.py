"""The language server, driven by a real client over stdio (pytest-lsp), plus its pure helpers.

Two servers run for the whole module: one for a VS Code-like client (UTF-16 positions,
versioned workspace edits) and one for a Neovim-like client, which offers UTF-8 first and
takes plain ``changes`` edits. The second server also carries a stand-in check with a
mechanical fix, so the fix code action is tested end to end whatever rules have fixes today.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from guidelint.catalogue import builtin
from guidelint.checks import implemented_names
from guidelint.diagnostics import Diagnostic, Severity
from guidelint.lsp import Document, Positions, apply_change, check_document, literal_replacement, rule_markdown
from guidelint.model import Span

WAIT = 30.0  # seconds; an upper bound for a notification (the first waits for a lint process), not a pause
BUSY_WAIT = 60.0  # the same where a lint process may have to start first
module_loop = pytest.mark.asyncio(loop_scope="module")

# A guide with emoji (two UTF-16 units, four UTF-8 bytes) and accented letters before findings.
GUIDE = (
    "---\n"
    "title: Café study\n"
    "duraton: 45 min\n"                          # line 2: GL003 on 'duraton'
    "---\n"
    "# Onboarding 😀 guide\n"
    "\n"
    "## Intro ☕😀 (X minutes)\n"                 # line 6: GL004 on '(X minutes)'
    "\n"
    "1. What changed for you?\n"
    "   - What did 😀 Zoë like? {owner=sam}\n"   # line 9: GL005 on 'owner=sam'
)


def rng(line: int, start: int, end: int) -> lsp.Range:
    return lsp.Range(start=lsp.Position(line=line, character=start), end=lsp.Position(line=line, character=end))


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics (with its version) in order."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.arrived = asyncio.Event()

    def on_publish(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)
        client.arrived.set()

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: on_publish})
    return client


async def publication(client: LanguageClient, uri: str, matches, since: int = 0,
                      wait: float = WAIT) -> lsp.PublishDiagnosticsParams:
    """Wait for a publication for ``uri`` (the ``since``-th or later) that satisfies ``matches``."""

    async def find():
        while True:
            for params in reversed(client.published[since:]):
                if params.uri == uri and matches(params):
                    return params
            client.arrived.clear()
            await client.arrived.wait()

    return await asyncio.wait_for(find(), wait)


async def diagnostics(client: LanguageClient, uri: str, version: int, wait: float = WAIT) -> list[lsp.Diagnostic]:
    return list((await publication(client, uri, lambda p: p.version == version, wait=wait)).diagnostics)


def by_code(items, code: str) -> list[lsp.Diagnostic]:
    return [d for d in items if d.code == code]


def open_document(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)))


def change(client: LanguageClient, uri: str, version: int, *changes) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=list(changes)))


def apply_edits(text: str, edits: list[lsp.TextEdit], encoding: str) -> str:
    """Apply edits the way an editor would; positions counted independently of guidelint.lsp."""
    width = {"utf-16": 2, "utf-8": 1}[encoding]
    codec = "utf-16-le" if encoding == "utf-16" else "utf-8"
    lines = text.split("\n")

    def offset(position: lsp.Position) -> int:
        line = lines[position.line]
        column = next(i for i in range(len(line) + 1) if len(line[:i].encode(codec)) // width >= position.character)
        return sum(len(x) + 1 for x in lines[: position.line]) + column

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


async def actions_for(client: LanguageClient, uri: str, diagnostic: lsp.Diagnostic, *,
                      in_context: bool = True) -> dict[str, lsp.CodeAction]:
    result = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic] if in_context else [])))
    return {action.title: action for action in result or []}


# ---- the clients -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lsp")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "guidelint.lsp"], client_factory=recording_client))
async def vscode(lsp_client: LanguageClient, folder: Path):
    result = await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=folder.as_uri()))
    assert result.capabilities.position_encoding in (None, lsp.PositionEncodingKind.Utf16)
    yield
    await lsp_client.shutdown_session()


# tests/lsp_fixing_server.py: the server with a stand-in rule whose fix respells "(N minuets)".
@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, str(Path(__file__).with_name("lsp_fixing_server.py"))], client_factory=recording_client))
async def neovim(lsp_client: LanguageClient, folder: Path):
    result = await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=folder.as_uri()))
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


# tests/lsp_bomb_server.py: the server with stand-in checks that hang (HANG) or hoard memory (HOG)
@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, str(Path(__file__).with_name("lsp_bomb_server.py"))], client_factory=recording_client))
async def bombed(lsp_client: LanguageClient, folder: Path):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=folder.as_uri()))
    yield
    await lsp_client.shutdown_session()


# ---- over stdio --------------------------------------------------------------------------------

@module_loop
async def test_diagnostics_have_exact_utf16_ranges_after_emoji_and_accents(vscode: LanguageClient, folder: Path):
    uri = (folder / "ranges.guide.md").as_uri()
    open_document(vscode, uri, GUIDE)
    found = await diagnostics(vscode, uri, 1)

    [misspelt] = by_code(found, "GL003")
    assert misspelt.range == rng(2, 0, 7)
    assert misspelt.severity == lsp.DiagnosticSeverity.Warning
    assert misspelt.source == "guidelint"
    assert "duration" in misspelt.message
    [time_box] = by_code(found, "GL004")
    assert time_box.range == rng(6, 13, 24)  # '## Intro ' 9, ☕ 1 unit, 😀 2 units, ' ' 1
    [attribute] = by_code(found, "GL005")
    assert attribute.range == rng(9, 28, 37)  # '   - What did ' 14, 😀 2, ' Zoë like? {' 12
    assert attribute.data["name"] == "unknown-attribute"


@module_loop
async def test_changes_update_diagnostics_and_close_clears_them(vscode: LanguageClient, folder: Path):
    uri = (folder / "edited.guide.md").as_uri()
    open_document(vscode, uri, GUIDE)
    assert by_code(await diagnostics(vscode, uri, 1), "GL005")

    # incremental: 'owner' -> 'id', positioned in UTF-16 units after the emoji
    change(vscode, uri, 2, lsp.TextDocumentContentChangePartial(range=rng(9, 28, 33), text="id"))
    # a second edit inside the debounce: only the newest version is linted and published
    change(vscode, uri, 3, lsp.TextDocumentContentChangePartial(range=rng(2, 0, 7), text="duration"))
    latest = await diagnostics(vscode, uri, 3)
    assert not by_code(latest, "GL005") and not by_code(latest, "GL003")
    assert by_code(latest, "GL004")[0].range == rng(6, 13, 24)
    assert not [p for p in vscode.published if p.uri == uri and p.version == 2]

    # a whole-document change
    change(vscode, uri, 4, lsp.TextDocumentContentChangeWholeDocument(text="# Guide 😀\n\n- Zoë? {ownr=x}\n"))
    [attribute] = by_code(await diagnostics(vscode, uri, 4), "GL005")
    assert attribute.range == rng(2, 8, 14)  # '- Zoë? {' is 8 units
    assert "ownr" in attribute.message

    before = len(vscode.published)
    vscode.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    await publication(vscode, uri, lambda p: p.version == 4, since=before)

    before = len(vscode.published)
    vscode.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    cleared = await publication(vscode, uri, lambda p: True, since=before)
    assert list(cleared.diagnostics) == [] and cleared.version is None


@module_loop
async def test_hover_shows_the_rule_docs(vscode: LanguageClient, folder: Path):
    uri = (folder / "hover.guide.md").as_uri()
    open_document(vscode, uri, GUIDE)
    [attribute] = by_code(await diagnostics(vscode, uri, 1), "GL005")

    hover = await vscode.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=9, character=30)))
    assert hover.range == attribute.range
    assert hover.contents.kind == lsp.MarkupKind.Markdown
    text = hover.contents.value
    assert 'Unknown attribute "owner"' in text
    assert "**GL005 unknown-attribute**" in text
    for part in ("What it does", "Why it matters", "Example (reported)", "Write instead", "```markdown"):
        assert part in text

    nothing = await vscode.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=8, character=3)))
    assert nothing is None


@module_loop
async def test_suppress_action_inserts_an_indented_comment_that_works(vscode: LanguageClient, folder: Path):
    uri = (folder / "suppress.guide.md").as_uri()
    open_document(vscode, uri, GUIDE)
    [attribute] = by_code(await diagnostics(vscode, uri, 1), "GL005")

    action = (await actions_for(vscode, uri, attribute))["Suppress GL005 with a reason"]
    assert action.kind == lsp.CodeActionKind.QuickFix
    [document_edit] = action.edit.document_changes  # VS Code takes versioned edits
    assert document_edit.text_document.version == 1
    edited = apply_edits(GUIDE, document_edit.edits, "utf-16")
    assert edited.splitlines()[9:11] == [
        "   <!-- guidelint-disable-next-line unknown-attribute -- reason -->",
        "   - What did 😀 Zoë like? {owner=sam}",
    ]

    change(vscode, uri, 2, lsp.TextDocumentContentChangeWholeDocument(text=edited))
    after = await diagnostics(vscode, uri, 2)
    assert not by_code(after, "GL005") and not by_code(after, "GL009")


@module_loop
async def test_literal_suggestion_is_a_replace_action(vscode: LanguageClient, folder: Path):
    uri = (folder / "replace.guide.md").as_uri()
    open_document(vscode, uri, GUIDE)
    [misspelt] = by_code(await diagnostics(vscode, uri, 1), "GL003")

    actions = await actions_for(vscode, uri, misspelt)
    edited = apply_edits(GUIDE, actions['Replace with "duration"'].edit.document_changes[0].edits, "utf-16")
    assert edited.splitlines()[2] == "duration: 45 min"
    # front matter cannot hold a comment: the finding is suppressed for the file, after it
    suppress = actions["Suppress GL003 in this file with a reason"]
    edited = apply_edits(GUIDE, suppress.edit.document_changes[0].edits, "utf-16")
    assert edited.splitlines()[3:5] == ["---", "<!-- guidelint-disable-file unknown-front-matter-key -- reason -->"]

    # a client that sends no diagnostics with the request gets the actions of those under the range
    assert (await actions_for(vscode, uri, misspelt, in_context=False)).keys() == actions.keys()


@module_loop
async def test_wording_finding_gets_docs_and_a_working_suppression(vscode: LanguageClient, folder: Path):
    assert "closed-question" in implemented_names()
    text = "# Café guide 😀\n\n## Questions\n\n- Did you like the other tools?\n"
    uri = (folder / "wording.guide.md").as_uri()
    open_document(vscode, uri, text)
    [closed] = by_code(await diagnostics(vscode, uri, 1), "GL102")
    assert closed.range.start.line == 4

    hover = await vscode.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=closed.range.start))
    assert "**GL102 closed-question**" in hover.contents.value

    action = (await actions_for(vscode, uri, closed))["Suppress GL102 with a reason"]
    edited = apply_edits(text, action.edit.document_changes[0].edits, "utf-16")
    change(vscode, uri, 2, lsp.TextDocumentContentChangeWholeDocument(text=edited))
    after = await diagnostics(vscode, uri, 2)
    assert not by_code(after, "GL102") and not by_code(after, "GL009")


@module_loop
async def test_repeated_pattern_is_one_diagnostic_with_related_information(vscode: LanguageClient, folder: Path):
    text = "# Café guide 😀\n\n## A\n\n- 😀 Did you like the other tools?\n\n## B\n\n- Did you like the other tools?\n"
    uri = (folder / "repeated.guide.md").as_uri()
    open_document(vscode, uri, text)
    [closed] = by_code(await diagnostics(vscode, uri, 1), "GL102")
    assert closed.range == rng(4, 5, 12), "after '- ' and an emoji of two UTF-16 units"
    [related] = closed.related_information
    assert related.location.uri == uri and related.location.range == rng(8, 2, 9)
    assert related.message and "line 9" in closed.message


@module_loop
async def test_config_error_is_one_diagnostic_and_the_server_carries_on(vscode: LanguageClient, folder: Path):
    broken = folder / "broken"
    broken.mkdir()
    (broken / ".guidelint.yaml").write_text("selct: [GL1]\n", encoding="utf-8")
    uri = (broken / "guide.md").as_uri()
    open_document(vscode, uri, GUIDE)
    [problem] = await diagnostics(vscode, uri, 1)
    assert problem.range == rng(0, 0, 0)
    assert problem.severity == lsp.DiagnosticSeverity.Error
    assert "selct" in problem.message and ".guidelint.yaml" in problem.message
    assert any("selct" in m.message for m in vscode.log_messages)

    healthy = (folder / "after-error.guide.md").as_uri()
    open_document(vscode, healthy, GUIDE)
    assert by_code(await diagnostics(vscode, healthy, 1), "GL005")


@module_loop
async def test_utf8_client_gets_byte_positions_and_fix_edits(neovim: LanguageClient, folder: Path):
    text = "# Guide\n\n## Café ☕😀 (5 minuets)\n\n- What did Zoë like? {owner=sam}\n"
    uri = (folder / "utf8.guide.md").as_uri()
    open_document(neovim, uri, text)
    found = await diagnostics(neovim, uri, 1)
    assert by_code(found, "GL005")[0].range == rng(4, 23, 32)  # 'Zoë' has a two-byte letter
    time_boxes = by_code(found, "GL004")
    assert [d.range for d in time_boxes] == [rng(2, 17, 28)] * len(time_boxes)  # '## Café ' 9 bytes, ☕ 3, 😀 4, ' ' 1

    actions: dict[str, lsp.CodeAction] = {}
    for diagnostic in time_boxes:
        actions.update(await actions_for(neovim, uri, diagnostic))
    fix = actions["Write the time box as (N min)"]
    assert fix.is_preferred
    assert fix.edit.document_changes is None  # this client takes plain `changes`
    edited = apply_edits(text, fix.edit.changes[uri], "utf-8")
    assert edited.splitlines()[2] == "## Café ☕😀 (5 min)"


# ---- the pure parts ----------------------------------------------------------------------------

def test_positions_count_units_of_the_negotiated_encoding():
    text = "a😀é\u2028b\r\nx\ry\n"
    utf16 = Positions(text, "utf-16")
    assert utf16.position(text.index("b")) == lsp.Position(line=0, character=5)  # U+2028 is no line break
    assert utf16.position(text.index("x")) == lsp.Position(line=1, character=0)
    assert utf16.position(text.index("y")) == lsp.Position(line=2, character=0)
    assert utf16.position(len(text)) == lsp.Position(line=3, character=0)
    assert Positions(text, "utf-8").position(text.index("b")) == lsp.Position(line=0, character=10)
    assert Positions(text, "utf-32").position(text.index("b")) == lsp.Position(line=0, character=4)
    for offset in range(len(text) + 1):
        if text[offset - 1: offset + 1] != "\r\n":  # between \r and \n is no position of its own
            assert utf16.offset(utf16.position(offset)) == offset
    assert utf16.offset(lsp.Position(line=0, character=99)) == text.index("\r")  # past the end: the line's end


def test_incremental_change_lands_after_an_emoji():
    text = "😀 Zoë {ownr=x}\nnext\n"
    edit = lsp.TextDocumentContentChangePartial(range=rng(0, 8, 12), text="objective")
    assert apply_change(text, edit, "utf-16") == "😀 Zoë {objective=x}\nnext\n"
    assert apply_change(text, lsp.TextDocumentContentChangeWholeDocument(text="new"), "utf-16") == "new"


def _diagnostic(span_text: str, source: str, suggestion: str | None, **extra) -> Diagnostic:
    start = source.index(span_text)
    span = Span(start, start + len(span_text), 1, start + 1, 1, start + len(span_text) + 1)
    return Diagnostic("GL102", "closed-question", Severity.WARNING, "m", span, suggestion=suggestion, extra=extra)


@pytest.mark.parametrize(("span_text", "suggestion", "literal"), [
    ("duraton", "duration", True),
    ("Did you measure it before?", "How did you measure it before?", True),
    ("Did you measure it before?", "How did you…?", False),
    ("Did you measure it before?", "Ask how instead.", False),
    ("- Did you measure it before?", "How did you measure it before?", False),
    ("objectve=metrics", "objective", False),  # the span holds more than the misspelt word
    ("metrcs", "metrics", True),
])
def test_only_literal_suggestions_become_replacements(span_text, suggestion, literal):
    source = f"x\n{span_text}\n"
    assert (literal_replacement(_diagnostic(span_text, source, suggestion), source) == suggestion) is literal


def test_explicit_replacement_wins():
    source = "Is it good?\n"
    diagnostic = _diagnostic("Is it good?", source, "a hint", replacement="What is good about it?")
    assert literal_replacement(diagnostic, source) == "What is good about it?"


def test_rule_markdown_fences_examples_that_hold_backticks():
    text = rule_markdown(builtin().get("syntax-error"))
    assert "**GL001 syntax-error** (error)" in text
    assert "````markdown\n## Intro\n\n```\nWhat brought you here?\n````" in text


def test_bom_is_skipped_and_suppressions_go_after_it():
    text = "\ufeff# Guide 😀 {ownr=x}\n"
    [finding] = [f for f in check_document(Document("file:///tmp/bom.md", text, 1), "utf-16").findings
                 if f.diagnostic.code == "GL005"]
    assert finding.diagnostic.range == rng(0, 13, 19)  # BOM 1 unit, '# Guide ' 8, 😀 2, ' {' 2
    [suppress] = [a for a in finding.diagnostic.data["actions"] if a["title"].startswith("Suppress")]
    assert suppress["edits"][0]["range"]["start"] == {"line": 0, "character": 1}


@module_loop
async def test_a_document_that_hangs_the_checker_stalls_no_other_document(bombed: LanguageClient, folder: Path):
    hang, calm, later = ((folder / f"{name}.guide.md").as_uri() for name in ("hang", "calm", "later"))
    open_document(bombed, hang, "# HANG\n\n- Did you like it?\n")
    open_document(bombed, calm, "# Calm\n\n- Did you like it?\n")
    # while the other lint spins (for minutes): a starting lint process may be slow on a busy machine
    assert by_code(await diagnostics(bombed, calm, 1, wait=BUSY_WAIT), "GL102")
    [stopped] = await diagnostics(bombed, hang, 1, wait=BUSY_WAIT)
    assert stopped.message.startswith("guidelint stopped checking this file after 3 s")
    assert stopped.range == rng(0, 0, 0) and stopped.severity == lsp.DiagnosticSeverity.Error
    open_document(bombed, later, "# Later\n\n- Did you like it?\n")  # a new worker took its place
    assert by_code(await diagnostics(bombed, later, 1, wait=BUSY_WAIT), "GL102")


@module_loop
async def test_a_document_that_hoards_memory_fails_alone(bombed: LanguageClient, folder: Path):
    hog, calm = (folder / "hog.guide.md").as_uri(), (folder / "calm-too.guide.md").as_uri()
    open_document(bombed, hog, "# HOG\n\n- Did you like it?\n")
    [failed] = await diagnostics(bombed, hog, 1, wait=BUSY_WAIT)
    assert "MemoryError" in failed.message or "out of memory" in failed.message, failed.message
    open_document(bombed, calm, "# Calm\n\n- Did you like it?\n")
    assert by_code(await diagnostics(bombed, calm, 1, wait=BUSY_WAIT), "GL102")
