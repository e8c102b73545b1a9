"""Every screen's footer fits 80 columns in English and Bengali: no key or label is cut.

At 80x24 the footer is one line; keys past its end (or under the command palette's key,
docked right) were simply lost: the map's "^q quit" was cut to "^q". Each screen keeps the
keys that matter there on the footer and leaves the rest to help (F1) and the palette.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen

from derivquest.progress import ProgressStore
from derivquest.ui.app import DerivQuestApp
from derivquest.ui.chart_views import views
from derivquest.ui.widgets.game_footer import GameFooter
from tests.ui.conftest import FIXTURES, AppFactory
from tests.ui.helpers import answer, open_first_level, settle

Steps = Callable[[Pilot[None], DerivQuestApp], Awaitable[None]]


def footer_problems(app: DerivQuestApp) -> list[str]:
    """Each footer key or label that is not wholly on screen, left of the palette's key."""
    found = app.screen.query(GameFooter)
    if not found and isinstance(app.screen, ModalScreen):
        return []  # a dialog over a screen: no footer of its own to cut
    footer = found.first()
    width = app.size.width
    line = footer.shown_line()
    problems = []
    if footer.size.width != width or footer.size.height != 1:
        problems.append(f"the footer is {footer.size}, not one line {width} wide")
    if footer.needed_width() > width:
        problems.append(f"the keys need {footer.needed_width()} columns of {width}")
    keys = footer.shown_keys()
    column = 0
    for display, description in keys:
        at = line.find(display, column)
        if at < 0 or line.find(description, at + len(display)) < 0:
            problems.append(f"{display} {description!r} is not on the line (from {column})")
            continue
        column = at + len(display)
    if problems:  # say what the whole footer holds, to choose what to shorten
        problems.append(f"{line!r}: {keys}")
    palette = footer.palette_key()
    if palette is not None and not line.rstrip().endswith(" ".join(palette)):
        problems.append(f"the palette's key {palette} is not at the right end")
    if len(keys) == (palette is not None):
        problems.append("no keys at all")
    return problems


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    await pilot.press(*pressed)
    await settle(pilot)


async def on_map(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await settle(pilot)


async def on_lesson(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await keys(pilot, "enter")


async def on_question(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await open_first_level(pilot)


async def on_solved_question(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await open_first_level(pilot)
    await answer(pilot, "15(3x+2)^4")


async def on_question_list(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await open_first_level(pilot)
    await keys(pilot, "ctrl+o")


async def on_level_complete(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await open_first_level(pilot)
    await keys(pilot, "ctrl+g", "enter")
    await keys(pilot, "ctrl+g", "enter")
    await keys(pilot, "2")
    await keys(pilot, "enter")


async def on_plot_question(pilot: Pilot[None], app: DerivQuestApp) -> None:
    assert app.session is not None
    app.store.record_level_result(app.session.profile_id, "game-test/first", stars=3, seconds=1)
    app.action_show_map()
    await settle(pilot)
    await open_first_level(pilot)


async def on_help(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await keys(pilot, "f1")


async def on_settings(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await keys(pilot, "f2")


async def on_drill_setup(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await keys(pilot, "d")


async def on_drill(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await keys(pilot, "d")
    await keys(pilot, "enter")


async def on_drill_summary(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await keys(pilot, "d")
    await keys(pilot, "enter")
    await keys(pilot, "escape")


async def on_history(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await keys(pilot, "h")


async def on_skills(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await keys(pilot, "s")


async def on_mistakes(pilot: Pilot[None], app: DerivQuestApp) -> None:
    await keys(pilot, "m")


def on_chart(chart: str) -> Steps:
    async def steps(pilot: Pilot[None], app: DerivQuestApp) -> None:
        await settle(pilot)
        app.action_chart(chart)
        await settle(pilot)

    return steps


SCREENS: list[tuple[str, Steps]] = [
    ("map", on_map),
    ("lesson", on_lesson),
    ("question", on_question),
    ("solved question", on_solved_question),
    ("question list", on_question_list),
    ("level complete", on_level_complete),
    ("plot question", on_plot_question),
    ("help", on_help),
    ("settings", on_settings),
    ("drill setup", on_drill_setup),
    ("drill", on_drill),
    ("drill summary", on_drill_summary),
    ("history", on_history),
    ("skills", on_skills),
    ("my mistakes", on_mistakes),
    *[(f"chart {view.chart}", on_chart(view.chart)) for view in views()],
]


@pytest.mark.parametrize("language", ["en", "bn"])
@pytest.mark.parametrize(("screen", "steps"), SCREENS, ids=[name for name, _ in SCREENS])
async def test_every_footer_key_is_fully_visible_at_80x24(
    make_game: AppFactory, screen: str, steps: Steps, language: str
) -> None:
    app = make_game(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await steps(pilot, app)
        await settle(pilot)
        problems = footer_problems(app)
        assert not problems, f"{screen} ({language}):\n" + "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "bn"])
async def test_a_graph_questions_footer_fits(make_game: AppFactory, language: str) -> None:
    """The Backprop Lab brings keys of its own (tab, value/grad) to the question's."""
    from derivquest.content import load_catalog

    catalog = load_catalog(
        extra=[FIXTURES / "backprop-fixed"], builtin=False, user=False, entry_points=False
    )
    app = make_game(catalog=catalog, language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_level(pilot)
        problems = footer_problems(app)
        assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "bn"])
@pytest.mark.parametrize("focus", ["name", "list"])
async def test_the_start_screens_footer_fits(
    make_game: AppFactory, store: ProgressStore, language: str, focus: str
) -> None:
    store.create_profile("Other")
    app = make_game(profile=None, language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if focus == "list":
            await keys(pilot, "shift+tab")
        problems = footer_problems(app)
        assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "bn"])
async def test_the_settings_dialog_fits_80x24(make_game: AppFactory, language: str) -> None:
    """Every option of the settings dialog is on screen, one row each, inside its frame."""
    from textual.widgets import RadioButton

    app = make_game(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "f2")
        body = app.screen.query_one("#settings-body")
        assert body.region.y >= 0 and body.region.bottom <= 24, body.region
        for button in app.screen.query(RadioButton):
            region = button.region
            assert region.height == 1, (str(button.label), region)
            assert body.region.contains_region(region), (str(button.label), region)
