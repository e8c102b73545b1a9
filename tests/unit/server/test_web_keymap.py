"""The browser keymap: no game key a browser keeps for itself, and every id still exists."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import derivquest.ui
from derivquest.ui.web_keymap import HELP_KEYS, WEB_KEYMAP, reserved, web_help


def _game_bindings() -> list[Binding]:
    """Every Binding declared by a class of derivquest.ui (screens, widgets, the app)."""
    found: dict[tuple[str, str, str | None], Binding] = {}
    for module_info in pkgutil.walk_packages(derivquest.ui.__path__, "derivquest.ui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not cls.__module__.startswith("derivquest.") or not issubclass(cls, DOMNode):
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    found[(cls.__qualname__, binding.key, binding.id)] = binding
    return list(found.values())


BINDINGS = _game_bindings()


def _web_keys(binding: Binding) -> list[str]:
    keys = WEB_KEYMAP.get(binding.id, binding.key) if binding.id else binding.key
    return [key.strip() for key in keys.split(",")]


@pytest.mark.parametrize("binding", BINDINGS, ids=lambda b: f"{b.id or b.key}")
def test_no_web_binding_is_reserved_by_browsers(binding: Binding) -> None:
    for key in _web_keys(binding):
        assert not reserved(key), f"{binding.id or binding.action}: {key} is the browser's"


@pytest.mark.parametrize("binding_id", sorted(WEB_KEYMAP))
def test_every_keymap_id_is_a_binding(binding_id: str) -> None:
    assert binding_id in {binding.id for binding in BINDINGS}


@pytest.mark.parametrize(
    ("key", "is_reserved"),
    [
        ("ctrl+t", True),
        ("ctrl+n", True),
        ("ctrl+w", True),
        ("ctrl+tab", True),
        ("ctrl+shift+p", True),
        ("f5", True),
        ("F11", True),
        ("f8", False),
        ("ctrl+g", False),
        ("escape", False),
        ("enter", False),
    ],
)
def test_reserved_keys(key: str, is_reserved: bool) -> None:
    assert reserved(key) is is_reserved


def test_the_terminal_keys_needed_a_web_keymap() -> None:
    # The keys the issue met in a browser: hint, next question, quit.
    original = {binding.id: binding.key for binding in BINDINGS if binding.id}
    for binding_id in ("question.hint", "question.next", "drill.skip", "app.quit"):
        assert reserved(original[binding_id]) and not reserved(WEB_KEYMAP[binding_id])


@pytest.mark.parametrize("language", ["en", "bn"])
def test_the_help_in_a_browser_names_no_reserved_key(language: str) -> None:
    from derivquest.ui.screens.help import HELP_BN, HELP_EN

    original = HELP_BN if language == "bn" else HELP_EN
    keys_table = web_help(original).split("\n## ")[1]
    cells = [
        line.split("|")[1].strip() for line in keys_table.splitlines() if line.startswith("| ")
    ]
    named = [
        key.strip().lower().replace("\\", "backslash") for cell in cells for key in cell.split("/")
    ]
    assert not [key for key in named if reserved(key)], named
    # every replacement applied: the terminal's names are gone from the table
    for terminal in HELP_KEYS:
        assert terminal in original and terminal not in web_help(original)
