"""How each question kind is shown and answered: the interface of `kinds/<kind>/view.py`.

The question and drill screens only talk to a `KindView`; discovery is lazy, and a lookup of
an unknown kind raises.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.widget import Widget

from derivquest.content import QuestionInstance
from derivquest.plugins import declared


class Answered(Message):
    """Posted by a kind's answer widget when the player gives an answer (as text)."""

    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value
        """The answer exactly as the kind's spec grades it."""


class Typed(Message):
    """Posted by a kind's answer widget when the work so far changes (saved for resuming).

    The value comes back as `typed` when the question is shown again. (`AnswerInput` posts
    its own `Changed`; a widget answered in several steps, like the graph lab, posts this.)
    """

    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value


class KindView:
    """What a kind shows besides the prompt, and how the player answers.

    The defaults suit a kind without extras; a kind overrides what it needs. Texts a view
    shows are given per language (`{"en": ..., "bn": ...}`), English being the fallback.
    """

    kind: ClassVar[str]
    """The kind's name (as in its spec)."""

    def prompt_extra(self, instance: QuestionInstance) -> Text | None:
        """Something shown under the prompt (e.g. the function drawn in 2-D), or None."""
        return None

    def options(self, instance: QuestionInstance, language: str) -> Text | None:
        """A block shown under the prompt (e.g. numbered options), or None."""
        return None

    def answer_widget(
        self, instance: QuestionInstance, *, typed: str, language: str, widget_id: str
    ) -> Widget | None:
        """The widget the player answers with (it posts `Answered`), or None when the
        screen's keys are enough (see `pick`). `typed` is text saved for resuming."""
        return None

    def pick(self, instance: QuestionInstance, number: int) -> str | None:
        """The answer for number key `number` (1-9), or None when keys do not answer."""
        return None

    def confirm(self, instance: QuestionInstance, widget: Widget) -> str | None:
        """The answer when Enter is pressed on the screen (not in a text box), or None."""
        return None

    def given_up(self, instance: QuestionInstance, widget: Widget) -> None:
        """The player gave up: let the answer widget show the answers (default: nothing)."""

    def lock(self, instance: QuestionInstance, widget: Widget, *, solved: bool) -> bool:
        """The question is finished (`solved`, or given up / its solution shows): the
        answer widget takes no more answers.

        Default: the widget is disabled (so Enter on the screen goes on). A widget with keys
        that still matter afterwards (e.g. the Backprop Lab's animation) locks its own
        entries instead and returns True: it keeps the focus, and the keys it does not bind
        (Enter) still reach the screen.
        """
        widget.disabled = True
        return False


_VIEWS: dict[str, KindView] = {}
_LOADED = False


class UnknownKindView(LookupError):
    """No view for this kind."""


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import derivquest.kinds as package

    for _, view in declared(package, "view", "VIEW"):
        if isinstance(view, KindView):
            _VIEWS.setdefault(view.kind, view)


def view_for(kind: str) -> KindView:
    """Return the view of `kind`.

    Raises:
        UnknownKindView: no kind has a view with that name.
    """
    _load()
    try:
        return _VIEWS[kind]
    except KeyError:
        raise UnknownKindView(f"no view for question kind {kind!r}") from None


def register(view: KindView) -> None:
    """Add a view defined outside this package (tests)."""
    _load()
    _VIEWS[view.kind] = view


def unregister(kind: str) -> None:
    """Remove a view added with `register`."""
    _VIEWS.pop(kind, None)


def in_language(texts: dict[str, str], language: str) -> str:
    """A view's text in `language`, English where it has none."""
    return texts.get(language) or texts["en"]
