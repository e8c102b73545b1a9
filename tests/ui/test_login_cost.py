"""What a login costs: the footer rebuilds only on a change, CSS is parsed once per process,
and the zygote's rehearsal reaches the first question and leaves nothing running."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.css import stylesheet as stylesheet_module
from textual.css.stylesheet import Stylesheet

from derivquest.content import Catalog, load_catalog
from derivquest.ui import rehearsal
from derivquest.ui.css_cache import parsed_count, share_parsed_css
from derivquest.ui.screens.question import QuestionScreen
from derivquest.ui.widgets.game_footer import GameFooter
from tests.ui.conftest import AppFactory
from tests.ui.helpers import open_first_level, settle, to_map


def _footer_keys(app: Any) -> list[str]:
    footer = app.screen.query_one(GameFooter)
    return [description for _, description in footer.shown_keys()]


async def test_the_footer_never_redraws_the_keys_it_shows(
    make_game: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked: list[int] = []
    redrawn: list[tuple[int, Hashable, Hashable]] = []
    update, lay_out = GameFooter._update, GameFooter._lay_out

    def counted_update(footer: GameFooter) -> None:
        looked.append(id(footer))
        update(footer)

    def counted_lay_out(footer: GameFooter) -> Any:
        redrawn.append((id(footer), footer._shown, footer._showing()))
        return lay_out(footer)

    monkeypatch.setattr(GameFooter, "_update", counted_update)
    monkeypatch.setattr(GameFooter, "_lay_out", counted_lay_out)
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert "give up" in _footer_keys(app)
    # Textual rebuilt the footers 19 times on this way (then by way of the map); each redraw
    # now shows other keys.
    assert all(before != after for _, before, after in redrawn), redrawn
    assert 2 <= len(redrawn) <= 4 and len(redrawn) < len(looked), (len(redrawn), len(looked))


async def test_the_footer_shows_a_key_bound_after_it_was_drawn(make_game: AppFactory) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        drawn = _footer_keys(app)
        app.screen._bindings.bind("f9", "app.bell", "ring the bell")
        app.screen.refresh_bindings()
        await settle(pilot)
        assert "ring the bell" not in drawn
        assert "ring the bell" in _footer_keys(app)
        app.screen._bindings.key_to_bindings.pop("f9")
        app.screen.refresh_bindings()
        await settle(pilot)
        assert _footer_keys(app) == drawn


async def test_a_second_game_parses_no_css(
    make_game: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
    parsed: list[str] = []
    parse = getattr(stylesheet_module, "parse")  # noqa: B009 - Textual does not export it

    def counted(*args: Any, **kwargs: Any) -> Any:
        parsed.append(args[1][:40])
        return parse(*args, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counted)
    again = make_game()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # back at the question the first game left
        assert isinstance(again.screen, QuestionScreen)
    assert parsed == []
    assert parsed_count() > 0


async def test_the_first_question_opens_over_the_lesson(
    make_game: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on a new player's lesson opens the question over it: dismissed first, the
    lesson uncovered the empty screen under it, and every student's game laid that out on
    the way in. Leaving the questions shows the map with nothing left under it."""
    from textual.screen import Screen

    from derivquest.ui.screens.course_map import CourseMapScreen
    from derivquest.ui.screens.lesson import LessonScreen

    laid_out: list[str] = []
    refresh_layout = Screen._refresh_layout

    def recording(screen: Screen[object], *args: Any, **kwargs: Any) -> None:
        laid_out.append(type(screen).__name__)
        refresh_layout(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", recording)
    app = make_game()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LessonScreen)
        laid_out.clear()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen)
        assert "QuestionScreen" in laid_out and "Screen" not in laid_out
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CourseMapScreen)
        assert [type(screen).__name__ for screen in app.screen_stack] == [
            "Screen",
            "CourseMapScreen",
        ]


def test_parsed_css_is_kept_apart_for_each_theme() -> None:
    share_parsed_css()
    css = "Screen { color: $accent; }"
    colours = []
    for accent in ("#ff0000", "#0000ff", "#ff0000"):
        sheet = Stylesheet(variables={"accent": accent})
        sheet.add_source(css, read_from=("test", "accent"))
        sheet.parse()
        colours.append(sheet.rules[0].styles.color.hex)
    assert colours == ["#FF0000", "#0000FF", "#FF0000"]


NESTED_CSS = """
Screen { color: green; Label { color: red; &.-on { color: blue; } } }
Label { background: red; }
"""


@pytest.mark.parametrize("ties", [(0, -1, -3), (-2, -1, 0), (-1, -3, -1), (1, -2, 0)])
def test_css_added_at_another_tie_breaker_is_not_parsed_again(
    ties: tuple[int, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same widget CSS comes with the depth of the class that brought it first (the
    order widgets mount in): each depth gets the rules a parse would give, from one parse."""
    share_parsed_css()
    source = NESTED_CSS + f"/* {ties} */"  # its own entry in the shared cache
    parse = getattr(stylesheet_module, "parse")  # noqa: B009 - Textual does not export it
    parsed: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        parsed.append(kwargs["tie_breaker"])
        return parse(*args, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counted)
    for tie in ties:
        sheet = Stylesheet()
        sheet.add_source(source, read_from=("test", "nested"), is_default_css=True, tie_breaker=tie)
        sheet.parse()
        got = [(rule.selectors, rule.tie_breaker) for rule in sheet.rules]
        own = list(
            parse(
                "",
                source,
                ("test", "nested"),
                is_default_rules=True,
                tie_breaker=tie,
            )
        )
        assert got == [(rule.selectors, rule.tie_breaker) for rule in own], tie
    assert parsed == [1]  # once, for every tie-breaker


def _children() -> set[str]:
    task = Path(f"/proc/{os.getpid()}/task")
    found: set[str] = set()
    for thread in task.iterdir():
        with open(thread / "children") as listed:
            found.update(listed.read().split())
    return found


@pytest.fixture(scope="module")
def course() -> Catalog:
    return load_catalog(user=False, entry_points=False)


def test_a_rehearsal_reaches_the_first_question_and_leaves_nothing(
    course: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    threads, children = set(threading.enumerate()), _children()
    reached: list[str] = []
    play = rehearsal._to_first_question

    async def watched(pilot: Any) -> None:
        await play(pilot)
        reached.append(f"{pilot.app.language}:{type(pilot.app.screen).__name__}")

    monkeypatch.setattr(rehearsal, "_to_first_question", watched)
    assert rehearsal.rehearse(course, ("en", "bn")) is True
    assert reached == ["en:QuestionScreen", "bn:QuestionScreen"]
    assert set(threading.enumerate()) == threads  # the zygote forks only without threads
    assert _children() == children  # and it started no checker
    assert list(tmp_path.iterdir()) == []  # the throwaway player is gone


def test_a_rehearsal_that_cannot_reach_a_question_says_so_and_raises_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert rehearsal.rehearse(Catalog(), ("en",)) is False
    assert list(tmp_path.iterdir()) == []


def test_a_rehearsal_whose_game_breaks_is_logged_not_raised(
    course: Catalog, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("derivquest.progress.ProgressStore.open", broken)
    assert rehearsal.rehearse(course, ("en",)) is False
    assert "the rehearsal in en failed: disk full" in caplog.text


def test_the_footer_compares_bindings_by_value() -> None:
    # A screen's keys are translated into new Binding objects at each change: equal ones
    # must compare (and hash) equal, or the footer would rebuild every time.
    first, again = (
        Binding("f1", "help", "help", id="app.help"),
        Binding("f1", "help", "help", id="app.help"),
    )
    assert first is not again and first == again and hash(first) == hash(again)
    assert first != Binding("f1", "help", "সাহায্য", id="app.help")
