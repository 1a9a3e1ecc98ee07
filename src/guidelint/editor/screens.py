"""Modal questions the editor asks: a choice of buttons, one line of text, and rule docs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few answers as buttons; Escape answers None (cancel)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, choices: list[tuple[str, str, str]]) -> None:
        """``choices``: (id, label, button variant), the first one focused."""
        super().__init__(classes="dialog-screen")
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                for choice_id, label, variant in self.choices:
                    yield Button(label, id=choice_id, variant=variant)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class InputScreen(ModalScreen[str | None]):
    """One line of text (a suppression reason, a file name); empty input is not accepted."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, *, value: str = "", placeholder: str = "", required: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.required = required or "Type something first, or press Escape to cancel."

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-question")
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Label("Enter to confirm, Escape to cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.notify(self.required, severity="warning")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


_PROSE = ("What it does", "Why it matters", "Suggestion")


def reflow(doc: str) -> str:
    """Undo the 88-column wrapping of ``guidelint rule`` prose so the dialog wraps it to fit;
    examples and options keep their lines."""
    out: list[str] = []
    heading = ""
    for line in doc.splitlines():
        indented = line.startswith("    ")
        if line and not indented:
            heading = line
        if indented and heading in _PROSE and out and out[-1].startswith("    "):
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


class RuleDocScreen(ModalScreen[None]):
    """A finding and its rule's documentation: why it matters, examples, what to write."""

    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, heading: str, body: str) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = heading
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog docs"):
            yield Label(self.heading, classes="dialog-question")
            with VerticalScroll(id="doc-scroll"):
                yield Static(self.body, markup=False, id="doc-body")
            yield Label("Escape to close", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#doc-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
