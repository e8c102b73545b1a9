"""An answer box with a live preview: the answer as the engine reads it, or where it breaks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from derivquest.engine import EngineError, parse
from derivquest.engine.presenter import present_error
from derivquest.ui.cursor import blinks

MAX_PREVIEW_LINES = 6
"""Taller pretty prints are cut, so the preview never pushes the verdict off an 80x24 screen."""


@dataclass(frozen=True, slots=True)
class Preview:
    """What the preview shows for one version of the typed text."""

    text: str
    ok: bool
    body: str


def render_preview(
    text: str, variables: Sequence[str], readable: str | None = None, language: str = "en"
) -> Preview:
    """Parse ``text`` and return the pretty print, or the error with a caret under it (its
    message in the player's ``language``).

    With ``readable`` (a numeric question) a readable answer shows that note instead of its
    pretty print: the pretty print of a constant is its value, a calculator for the answer.
    """
    if not text.strip():
        return Preview(text, True, "")
    try:
        parsed = parse(text, variables)
    except EngineError as error:
        caret = error.caret_line()
        message = present_error(error, language)
        body = f"{text}\n{caret}\n{message}" if caret else message
        return Preview(text, False, body)
    if readable is not None:
        return Preview(text, True, readable)
    lines = parsed.pretty().splitlines()
    if len(lines) > MAX_PREVIEW_LINES:
        lines = [*lines[:MAX_PREVIEW_LINES], "…"]
    return Preview(text, True, "\n".join(lines))


def _input_actions() -> dict[str, str]:
    """Each key Textual's Input binds (enter, backspace, ctrl+u, arrows...) and its action."""
    actions: dict[str, str] = {}
    for binding in Input.BINDINGS:
        if isinstance(binding, Binding):
            for key in binding.key.split(","):
                actions[key.strip()] = binding.action
    return actions


class AnswerBox(Input):
    """An Input whose own keys take effect in the order they were typed.

    Textual 8.2 runs a bound key (Backspace, Ctrl+U, Enter) after printable keys that
    arrived in the same read (Textualize/textual#6605), so a quick `16` Enter over SSH
    could submit before the digits, or Ctrl+U could clear them. Running the Input's own
    bindings here, as each key arrives, keeps them in order (as the upstream fix does).
    """

    ACTIONS = _input_actions()

    async def _on_key(self, event: events.Key) -> None:
        action = self.ACTIONS.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self._restart_blink()
        await self.run_action(action)


class AnswerInput(Vertical):
    """The answer input and, under it, a preview that follows every keystroke."""

    DEFAULT_CSS = """
    AnswerInput { height: auto; }
    AnswerInput > #preview { height: auto; max-height: 8; padding: 0 1; color: $text-muted; }
    AnswerInput > #preview.error { color: $error; }
    """

    class _Text(Message):
        """A message about the typed text, from one AnswerInput."""

        def __init__(self, answer_input: AnswerInput, value: str) -> None:
            super().__init__()
            self.answer_input = answer_input
            self.value = value

        @property
        def control(self) -> AnswerInput:
            return self.answer_input

    class Submitted(_Text):
        """The player pressed Enter on a non-empty answer."""

    class Changed(_Text):
        """The typed text changed (the game saves it for resuming)."""

    variables: reactive[tuple[str, ...]] = reactive(("x",))
    """The question's variables: the preview reads names with them."""

    def __init__(
        self,
        variables: Sequence[str] = ("x",),
        value: str = "",
        placeholder: str = "type your answer, e.g. 15(3x+2)^4",
        *,
        autofocus: bool = True,
        readable: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
    ) -> None:
        super().__init__(id=id)
        self.readable = readable
        """Shown for a readable answer instead of its pretty print (numeric questions)."""
        self._autofocus = autofocus
        self.set_reactive(AnswerInput.variables, tuple(variables))
        self._initial = value
        self._placeholder = placeholder
        self._generation = 0

    def compose(self) -> ComposeResult:
        # A restored draft keeps the cursor at its end: selected, the first key would replace it.
        # No validators, so Textual's validation (on each change and blur) only adds a
        # `-valid` class no rule reads, and restyles the box for it.
        box = AnswerBox(
            value=self._initial,
            placeholder=self._placeholder,
            id="answer",
            select_on_focus=False,
            validate_on=(),
        )
        box.cursor_blink = blinks(self)  # steady in a served game (ui/cursor.py)
        yield box
        yield Static("", id="preview", markup=False)

    def on_mount(self) -> None:
        # The Input exists only once this widget has composed, i.e. now, not when mounted.
        if self._autofocus:
            self.query_one(Input).focus()
        if self._initial:
            self._request_preview(self._initial)

    @property
    def value(self) -> str:
        """The typed text."""
        return self.query_one(Input).value

    @on(Input.Changed, "#answer")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._request_preview(event.value)
        self.post_message(self.Changed(self, event.value))

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.Submitted(self, event.value))

    def _request_preview(self, text: str) -> None:
        self._generation += 1
        self._build_preview(text, self._generation)

    # Parsing is cheap for what players type, but SymPy's pretty printer is not always: it runs
    # in a thread so a keystroke never waits for it, and only the newest result is shown.
    @work(thread=True, exclusive=True, group="answer-preview")
    def _build_preview(self, text: str, generation: int) -> None:
        language = str(getattr(self.app, "language", "en"))
        preview = render_preview(text, self.variables, self.readable, language)
        self.app.call_from_thread(self._show_preview, preview, generation)

    def _show_preview(self, preview: Preview, generation: int) -> None:
        if generation != self._generation:
            return
        widget = self.query_one("#preview", Static)
        widget.set_class(not preview.ok, "error")
        widget.update(Text(preview.body))
