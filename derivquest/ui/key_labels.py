"""Footer key descriptions in the player's language: binding id X reads catalogue entry key.X.

Bindings are declared once per class in English; each screen (and each widget on it) gets
its descriptions from the catalogue when it is shown, so Bengali players see Bengali keys.
Related keys share one label through a `key_group` (``← → x0``), whose description is a
catalogue entry too: an 80-column footer holds every screen's keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from derivquest.ui.strings import STRINGS, t


@dataclass(frozen=True)
class KeyGroup(Binding.Group):
    """Keys shown together in the footer under one label: the catalogue entry `key`."""

    key: str = ""


def key_group(key: str) -> KeyGroup:
    """A footer group labelled by catalogue entry `key` (English until the screen shows)."""
    return KeyGroup(description=t(key), compact=False, key=key)


KeyTexts = Mapping[str, "str | None"]
"""Binding id -> the catalogue key to show instead of key.<id>, or None to hide the key."""


def localized(
    binding: Binding, language: str, texts: KeyTexts, declared: Mapping[str, bool] | None = None
) -> Binding:
    """The binding with its description from the catalogue (unchanged if it has none).

    Args:
        declared: binding id -> `show` as the class declares it: a key that `texts` hid
            once shows again when `texts` no longer hides it.
    """
    # Textual adds the palette's key without an id.
    name = binding.id or ("app.command_palette" if binding.action == "command_palette" else None)
    if name is None:
        return binding
    entry = texts.get(name, f"key.{name}")
    if entry is None:
        return replace(binding, show=False)
    group = binding.group
    if isinstance(group, KeyGroup):
        group = replace(group, description=t(group.key, language))
    show = (declared or {}).get(name, binding.show)
    if entry not in STRINGS:
        return replace(binding, group=group, show=show)
    return replace(binding, description=t(entry, language), group=group, show=show)


def _declared(node: DOMNode) -> dict[str, bool]:
    """Binding id -> `show`, as the node's class (and its bases) declare them."""
    merged = type(node)._merged_bindings
    if merged is None:
        return {}
    return {
        binding.id: binding.show
        for bindings in merged.key_to_bindings.values()
        for binding in bindings
        if binding.id
    }


def localize_bindings(node: DOMNode, language: str) -> None:
    """Translate the node's own bindings; a node may set `key_texts` (see KeyTexts)."""
    texts: KeyTexts = getattr(node, "key_texts", {})
    declared = _declared(node)
    table = node._bindings.key_to_bindings  # each node holds its own copy of the map
    for key, bindings in table.items():
        table[key] = [localized(binding, language, texts, declared) for binding in bindings]


def _localize_tree(screen: Screen[Any], language: str) -> None:
    localize_bindings(screen, language)
    for widget in screen.walk_children():
        localize_bindings(widget, language)


def follow_language(app: App[Any], language: Callable[[], str]) -> None:
    """Translate the app's keys now, and each screen's (and its widgets') as it shows.

    Widgets mounted later (the next question's chart) are caught when the screen's bindings
    change: this runs before the footer redraws, as it subscribes first and at once.
    """

    def shown(screen: Screen[Any]) -> None:
        current = language()
        localize_bindings(app, current)
        localize_bindings(screen, current)
        signal = screen.bindings_updated_signal
        signal.unsubscribe(app)
        signal.subscribe(app, lambda changed: _localize_tree(changed, language()), immediate=True)
        # The screen's widgets are mounted after it is pushed.
        screen.call_after_refresh(screen.refresh_bindings)

    localize_bindings(app, language())
    app.screen_change_signal.subscribe(app, shown)
