"""Every key the footer lists and every palette command has English and Bengali text."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode

import derivquest.kinds
import derivquest.ui.screens
import derivquest.ui.widgets
from derivquest.settings import Settings
from derivquest.ui.app import DerivQuestApp
from derivquest.ui.commands import GAME_COMMANDS, command_title
from derivquest.ui.key_labels import localized
from derivquest.ui.strings import STRINGS
from tests.ui.conftest import AppFactory
from tests.ui.helpers import settle


def binding_owners() -> list[type[DOMNode]]:
    """The app and every screen and widget class of the game that declares bindings."""
    owners: list[type[DOMNode]] = [DerivQuestApp]
    for package in (derivquest.ui.screens, derivquest.ui.widgets, derivquest.kinds):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            loaded = importlib.import_module(module.name)
            owners += [
                value
                for value in vars(loaded).values()
                if isinstance(value, type)
                and issubclass(value, DOMNode)
                and value.__module__ == loaded.__name__
                and "BINDINGS" in vars(value)
            ]
    return owners


BINDINGS = [
    (owner.__name__, binding)
    for owner in binding_owners()
    for binding in owner.BINDINGS
    if isinstance(binding, Binding) and binding.show  # hidden keys (1-9) have no text
]


@pytest.mark.parametrize(("owner", "binding"), BINDINGS, ids=[b.id or "" for _, b in BINDINGS])
def test_every_binding_has_a_catalogue_text(owner: str, binding: Binding) -> None:
    assert binding.id, f"{owner}: binding {binding.key} has no id"
    entry = STRINGS.get(f"key.{binding.id}")
    assert entry is not None and entry.get("en") and entry.get("bn"), binding.id
    assert localized(binding, "bn", {}).description == entry["bn"]


def test_hidden_and_replaced_keys() -> None:
    start = Binding("enter", "start", "start", id="lesson.start")
    assert localized(start, "en", {"lesson.start": "key.lesson.return"}).description == (
        "back to the question"
    )
    assert localized(start, "bn", {"lesson.start": None}).show is False
    assert localized(Binding("x", "y", "z"), "bn", {}).description == "z"  # no id: as written
    palette = Binding("ctrl+p", "command_palette", "palette")
    assert localized(palette, "bn", {}).description == STRINGS["key.app.command_palette"]["bn"]


@pytest.mark.parametrize(("title", "action"), GAME_COMMANDS)
def test_palette_commands_are_in_the_catalogue(title: str, action: str) -> None:
    if action.startswith("language("):  # each language is named in itself
        assert command_title(title, action, "bn") == title
        return
    entry = STRINGS[f"command.{action}"]
    assert entry["en"] and entry["bn"] and command_title(title, action, "bn") == entry["bn"]


async def test_the_palette_speaks_bengali(make_game: AppFactory) -> None:
    app = make_game(language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"map")
        await settle(pilot)
        options = app.screen.query_one("CommandList")
        texts = [str(option.prompt) for option in options._options]  # type: ignore[attr-defined]
        assert any("কোর্সের map" in text for text in texts), texts


async def test_a_failed_settings_save_is_told_in_the_players_language(
    make_game: AppFactory, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    app = make_game(language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app._settings_file = blocker / "settings.json"  # its folder is a file: OSError
        app._save_settings(Settings("bn", app.theme))
        await settle(pilot)
        messages = [notification.message for notification in app._notifications]
        assert any(message.startswith("Settings save হয়নি: ") for message in messages), messages
