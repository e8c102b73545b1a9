"""The footer draws the screen's keys in one line: clicks press them, Bengali reads Bengali,
keys stand out without colour, and a narrow terminal crops the line instead of wrapping it."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Label

from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.history import HistoryScreen
from derivquest.ui.screens.question import QuestionScreen
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter
from tests.ui.conftest import AppFactory
from tests.ui.helpers import open_first_level, settle, to_map


def footer(app: App[None]) -> GameFooter:
    return app.screen.query_one(GameFooter)


def column_of(app: App[None], text: str) -> int:
    """Where `text` starts on the footer's line (it must be there once)."""
    line = footer(app).shown_line()
    assert line.count(text) == 1, (text, line)
    return line.index(text)


def pointer(app: App[None]) -> str:
    """The mouse pointer's shape the screen asks the terminal for."""
    return str(app.screen._pointer_shape)


class KeysApp(App[None]):
    """A footer over two keys: f5 rings, f6 is shown but closed (disabled)."""

    BINDINGS = [
        Binding("f5", "ring", "ring"),
        Binding("f6", "closed", "closed"),
        Binding("f7", "hidden", "hidden", show=False),
    ]

    def __init__(self, compact: bool = False) -> None:
        super().__init__()
        self.pressed: list[str] = []
        self.bells = 0
        self._compact = compact

    def compose(self) -> ComposeResult:
        yield Label("keys")
        yield GameFooter(compact=self._compact)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "closed" else True

    def action_ring(self) -> None:
        self.pressed.append("ring")

    def action_closed(self) -> None:
        self.pressed.append("closed")

    def bell(self) -> None:
        self.bells += 1


@pytest.mark.parametrize(
    ("compact", "line"),
    [
        (False, " f5 ring  f6 closed "),
        (True, "f5 ring f6 closed "),
    ],
)
async def test_the_keys_are_spaced_as_textuals_footer_spaces_them(compact: bool, line: str) -> None:
    app = KeysApp(compact)
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        shown = footer(app).shown_line()
        assert shown.startswith(line + " ")
        assert shown.endswith("▏^p palette ") and cell_len(shown) == 60
        assert footer(app).shown_keys() == [("f5", "ring"), ("f6", "closed"), ("^p", "palette")]


@pytest.mark.parametrize(
    ("target", "screen"),
    [
        ("h history", HistoryScreen),  # a key of its own
        ("t g k a", ChartScreen),  # the first key of a group: the tangent chart
    ],
)
async def test_a_click_on_a_key_presses_it(
    make_game: AppFactory, target: str, screen: type[object]
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        await pilot.click(GameFooter, offset=(column_of(app, target), 0))
        await settle(pilot)
        assert isinstance(app.screen, screen), app.screen


async def test_a_click_between_keys_or_on_a_label_presses_nothing(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        for text in ("charts", "  d drill"):
            await pilot.click(GameFooter, offset=(column_of(app, text), 0))
            await settle(pilot)
            assert isinstance(app.screen, CourseMapScreen), text


async def test_a_click_on_a_disabled_key_rings_the_bell_and_does_nothing() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        line = footer(app).shown_line()
        await pilot.click(GameFooter, offset=(line.index("closed"), 0))
        await pilot.pause()
        assert app.pressed == [] and app.bells == 1
        await pilot.click(GameFooter, offset=(line.index("ring"), 0))
        await pilot.pause()
        assert app.pressed == ["ring"] and app.bells == 1


async def test_a_disabled_key_is_dim_and_an_enabled_one_is_not() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        segments = list(footer(app).render_line(0))
        dim = {segment.text.strip() for segment in segments if segment.style and segment.style.dim}
        assert dim == {"f6", "closed"}


async def test_a_bengali_footer_reads_bengali(make_game: AppFactory) -> None:
    app = make_game(language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        keys = dict(footer(app).shown_keys())
        assert keys["f1"] == t("key.app.help", "bn") == "সাহায্য"
        assert keys["^q"] == "বন্ধ" and keys["h"] == "ইতিহাস"
        assert keys["t"] == t("keys.charts", "bn") == "chart"  # a group's label
        line = footer(app).shown_line()
        assert "f1 সাহায্য" in line and "^q বন্ধ" in line and "help" not in line
        assert " t g k a chart " in line


async def test_switching_to_bengali_redraws_the_footer_in_bengali(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "^q quit" in footer(app).shown_line()
        app.action_language("bn")
        await settle(pilot)
        line = footer(app).shown_line()
        assert "^q বন্ধ" in line and "h ইতিহাস" in line and "quit" not in line


async def test_the_keys_of_a_chart_mounted_later_say_what_they_do_in_bengali(
    make_game: AppFactory,
) -> None:
    """A plot question mounts its chart after the screen shows: a grouped key's tooltip
    (what the key itself does) is Bengali too."""
    from derivquest.charts.tangent import TangentView
    from derivquest.ui.widgets.tangent_chart import TangentChart

    app = make_game(language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chart = TangentChart(TangentView("x^2"))
        await app.screen.mount(chart)
        chart.focus()
        await settle(pilot)
        bar = footer(app)
        assert ("←", t("keys.x0", "bn")) in bar.shown_keys()
        await pilot.hover(GameFooter, offset=(bar.shown_line().index("← →"), 0))
        await pilot.pause()
        assert bar.tooltip == "x0 বাঁয়ে"


async def test_without_colour_the_keys_are_bold_and_their_descriptions_are_not(
    make_game: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert app.no_color and isinstance(app.screen, QuestionScreen)
        segments = list(footer(app).render_line(0))
        bold = {s.text.strip() for s in segments if s.style and s.style.bold} - {""}
        plain = {s.text.strip() for s in segments if not (s.style and s.style.bold)} - {""}
        shown = footer(app).shown_keys()
        assert {display for display, _ in shown} <= bold
        assert {description for _, description in shown} <= plain
        assert "give up" in plain and "^g" in bold


async def test_a_narrow_footer_is_cropped_and_keeps_the_palette_key_at_the_right(
    make_game: AppFactory,
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        bar = footer(app)
        assert bar.needed_width() <= 80
        for width in (60, 40, 20):
            line = bar.shown_line(width)
            assert cell_len(line) == width, (width, line)
            assert line.endswith("▏^p palette "), line
            assert bar.shown_line().startswith(line[: width - len("▏^p palette ")])
        assert bar.shown_line(8) == "▏^p pale"  # narrower than the palette's key: cut too
        await pilot.resize_terminal(50, 24)
        await settle(pilot)
        assert bar.size.height == 1 and bar.region.bottom == 24
        assert bar.shown_line().endswith("▏^p palette ")


async def test_a_click_on_the_palette_key_opens_the_palette(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click(GameFooter, offset=(column_of(app, "^p palette"), 0))
        await settle(pilot)
        assert type(app.screen).__name__ == "CommandPalette"


async def test_hovering_a_key_highlights_it_and_shows_what_it_does() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = footer(app)
        before = list(bar.render_line(0))
        await pilot.hover(GameFooter, offset=(bar.shown_line().index("ring"), 0))
        await pilot.pause()
        after = list(bar.render_line(0))
        changed = {a.text for a, b in zip(after, before, strict=True) if a.style != b.style}
        assert changed and changed <= {" f5 ", "ring "}, changed
        assert bar.tooltip is None  # ring has no tooltip of its own
        assert pointer(app) == "pointer"
        await pilot.hover(Label)
        await pilot.pause()
        assert list(bar.render_line(0)) == before
        assert pointer(app) == "default"


async def test_a_footer_that_leaves_its_screen_stops_listening(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar, screen = footer(app), app.screen
        assert bar in screen.bindings_updated_signal._subscriptions
        await bar.remove()
        assert bar not in screen.bindings_updated_signal._subscriptions


class FooterScreen(Screen[None]):
    """A screen with its own footer over the app's keys."""

    def compose(self) -> ComposeResult:
        yield Label("another screen")
        yield GameFooter()


async def test_a_screen_shown_while_the_app_is_blurred_shows_its_keys() -> None:
    """The web driver starts the app blurred (until the student clicks the terminal): the
    first screen's footer must not stay empty meanwhile."""
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        app.post_message(events.AppBlur())
        await pilot.pause()
        assert not app.app_focus
        await app.push_screen(FooterScreen())
        await pilot.pause()
        assert " f5 ring " in footer(app).shown_line()
