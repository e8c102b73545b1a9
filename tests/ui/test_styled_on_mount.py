"""A screen is styled once as it first shows, looks as Textual styles it, and later restyles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from derivquest.ui.styled_on_mount import StyledOnMount

CSS = """
.title { background: $primary; text-style: bold; }
VerticalScroll:focus-within { border: round $accent; }
Input:focus { border: tall $text-accent; }
Static.done { color: $success; }
#last:last-child { text-style: italic; }
"""


def screen_widgets() -> Iterator[Label | VerticalScroll | Static | Input]:
    yield Label("A title", classes="title")
    with VerticalScroll():
        yield Static("first", id="first")
        yield Input(id="answer")
        yield Static("last", id="last")


class PlainScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield from screen_widgets()

    def on_mount(self) -> None:  # as the question screen: focus and classes before it shows
        self.query_one(Input).focus()
        self.query_one("#first").add_class("done")


class OnceScreen(StyledOnMount[None]):
    compose = PlainScreen.compose
    on_mount = PlainScreen.on_mount


class ScreensApp(App[None]):
    CSS = CSS


@pytest.fixture
def styled(monkeypatch: pytest.MonkeyPatch) -> list[DOMNode]:
    """Each node the stylesheet styles (component classes' virtual nodes left out)."""
    nodes: list[DOMNode] = []
    apply = Stylesheet.apply

    def counted(stylesheet: Stylesheet, node: DOMNode, **options: object) -> None:
        if type(node) is not DOMNode:
            nodes.append(node)
        apply(stylesheet, node, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "apply", counted)
    return nodes


async def shown(pilot: Pilot[None], screen: Screen[None]) -> str:
    await pilot.app.push_screen(screen)
    await pilot.pause()
    await pilot.pause()
    return pilot.app.export_screenshot()


async def test_a_screen_is_styled_once_as_it_first_shows(styled: list[DOMNode]) -> None:
    app = ScreensApp()
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        styled.clear()
        await shown(pilot, PlainScreen())
        # Textual still restyles every widget of a screen as it shows: if not, this module
        # (and the screens that use it) can go.
        plain = app.screen
        assert all(styled.count(node) >= 2 for node in plain.query(Label)), styled
        await app.pop_screen()
        await pilot.pause()
        styled.clear()
        await shown(pilot, OnceScreen())
        once = app.screen
        assert isinstance(once, OnceScreen)
        assert [styled.count(node) for node in once.query(Label)] == [1], styled
        assert styled.count(once) == 1


async def test_a_screen_styled_once_looks_as_textual_styles_it() -> None:
    pictures = []
    for screen in (PlainScreen(), OnceScreen()):
        app = ScreensApp()
        async with app.run_test(size=(60, 16)) as pilot:
            await pilot.pause()
            pictures.append(await shown(pilot, screen))
            answer = screen.query_one(Input)
            assert answer.has_focus and screen.query_one("#first").has_class("done")
    plain, once = pictures
    assert once == plain


async def test_a_screen_shown_again_is_restyled(styled: list[DOMNode]) -> None:
    app = ScreensApp()
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        screen = OnceScreen()
        await shown(pilot, screen)
        styled.clear()
        screen.post_message(events.ScreenResume())
        await pilot.pause()
        assert [styled.count(node) for node in screen.query(Label)] == [1], styled
