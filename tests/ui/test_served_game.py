"""A game the classroom server started: no screenshots or system commands, settings per player."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivquest.engine import JudgeService
from derivquest.progress import ProgressStore
from derivquest.settings import (
    SERVED_ENV,
    Settings,
    load_settings,
    profile_settings_path,
    save_settings,
    settings_path,
)
from derivquest.ui.app import make_app
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import settle


@pytest.mark.parametrize(
    ("served", "titles"),
    [
        (True, {"Quit", "Keys"}),
        (False, {"Theme", "Quit", "Keys", "Screenshot"}),
    ],
)
async def test_system_commands(make_game: AppFactory, served: bool, titles: set[str]) -> None:
    app = make_game(served=served)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        offered = {command.title for command in app.get_system_commands(app.screen)}
        assert offered - {"Maximize", "Minimize"} == titles


@pytest.mark.parametrize(("served", "files"), [(True, 0), (False, 1)])
async def test_a_served_game_writes_no_screenshot(
    make_game: AppFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    served: bool,
    files: int,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))  # Textual saves into ~/Downloads
    (tmp_path / "Downloads").mkdir()
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = make_game(served=served)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.run_action("screenshot")
        await settle(pilot)
        for _ in range(50):  # the local game writes it from a thread
            if list(tmp_path.rglob("*.svg")):
                break
            await pilot.pause(0.05)
    assert len(list(tmp_path.rglob("*.svg"))) == files


async def test_a_served_game_saves_settings_for_its_player_only(make_game: AppFactory) -> None:
    app = make_game(served=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.click("#language RadioButton:last-of-type")
        await pilot.press("escape")
        await settle(pilot)
        assert app.language == "bn"
    assert load_settings(profile_settings_path(PLAYER)).language == "bn"
    assert not settings_path().exists()  # the next student's colours are untouched


@pytest.mark.parametrize(
    ("player", "language", "theme"),
    [
        ("ana", "bn", "ansi-light"),  # her own saved choices
        ("bo", "en", "ansi-dark"),  # nothing saved: the class's --lang, the default theme
    ],
)
def test_a_served_game_starts_with_the_players_own_settings(
    monkeypatch: pytest.MonkeyPatch,
    store: ProgressStore,
    judge_service: JudgeService,
    player: str,
    language: str,
    theme: str,
) -> None:
    monkeypatch.setenv(SERVED_ENV, "1")
    save_settings(Settings("en", "textual-light"))  # the teacher's own, on this machine
    save_settings(Settings("bn", "ansi-light"), profile_settings_path("ana"))
    app = make_app(profile=player, language="en", store=store, judge=judge_service)
    assert (app.language, app.theme, app.served) == (language, theme, True)


def test_a_local_game_keeps_the_shared_settings(
    store: ProgressStore, judge_service: JudgeService
) -> None:
    save_settings(Settings("bn", "textual-light"))
    app = make_app(profile="ana", store=store, judge=judge_service)
    assert (app.language, app.theme, app.served) == ("bn", "textual-light", False)


@pytest.mark.parametrize("name", ["ana", "../../etc/passwd", "রাহুল", "a" * 200])
def test_profile_settings_stay_in_their_folder(name: str, isolated_home: Path) -> None:
    path = profile_settings_path(name)
    assert path.parent == isolated_home / "settings"
    assert path.name.endswith(".json") and len(path.name) == 37


async def test_a_forked_game_draws_the_players_screen_first(
    monkeypatch: pytest.MonkeyPatch, store: ProgressStore, judge_service: JudgeService
) -> None:
    """The zygote's packs are the game's from the start: its first frame is the new player's
    lesson, not an empty screen while a thread loads the packs again."""
    from textual.screen import Screen

    from derivquest.content.catalog import load_catalog
    from derivquest.ui import warm
    from derivquest.ui.app import DerivQuestApp

    monkeypatch.setattr(warm, "_kept", None)
    warm.keep_catalog((), load_catalog(user=False, entry_points=False))
    drawn: list[str] = []
    display = DerivQuestApp._display

    def recording(app: DerivQuestApp, screen: Screen[object], renderable: object) -> None:
        drawn.append(type(screen).__name__)
        display(app, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(DerivQuestApp, "_display", recording)
    app = make_app(profile="newcomer", store=store, judge=judge_service)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "LessonScreen"
    assert drawn[0] == "LessonScreen"
