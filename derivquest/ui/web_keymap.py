"""The keys a game in a browser tab uses: none that the browser keeps for itself.

A browser never hands some keys to a page (Ctrl+T opens a tab, Ctrl+N a window, Ctrl+W
closes the tab, Ctrl+Tab switches tabs, Ctrl+Q quits on Linux) and students expect others to
keep their browser meaning (F5 reloads, F11 is full screen, Ctrl+Shift+anything). A game under
Textual's web driver (`derivquest web`) swaps the game's own bindings for these, by binding
id, and the footer shows the swapped keys.
"""

from __future__ import annotations

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""Textual's driver for a game in a browser: `derivquest web` sets it (TEXTUAL_DRIVER), and the
game, seeing it, takes these keys and treats its pipes as the terminal."""

WEB_KEYMAP: dict[str, str] = {
    "app.quit": "ctrl+backslash",
    "app.help": "f4",
    "app.settings": "f2",
    "question.hint": "f8",
    "question.give_up": "ctrl+g",
    "question.next": "f9",
    "question.lesson": "alt+l",
    "question.list": "alt+o",
    "drill.skip": "f9",
}
"""Binding id -> key in a browser; bindings not listed keep their keys (letters, Esc, 1-9)."""

BROWSER_RESERVED: frozenset[str] = frozenset(
    {
        # Never given to a page: new tab or window, close, switch tabs, quit.
        *(f"ctrl+{key}" for key in "ntwq"),
        "ctrl+tab",
        "ctrl+pageup",
        "ctrl+pagedown",
        # Kept by habit: reload, address bar, find, save, open, history, downloads,
        # bookmarks, zoom, tab by number. (Ctrl+P, print, is not: the page's terminal takes
        # it, and Textual's command palette key has no binding id a keymap could change.)
        *(f"ctrl+{key}" for key in "rlfsohjdu0123456789"),
        "ctrl+plus",
        "ctrl+minus",
        "ctrl+equals_sign",
        # Function keys browsers use: help, find again, reload, address bar, caret
        # browsing, menu bar, full screen, developer tools.
        "f1",
        "f3",
        "f5",
        "f6",
        "f7",
        "f10",
        "f11",
        "f12",
        # History and menus.
        "alt+left",
        "alt+right",
        "alt+home",
        "alt+d",
        "alt+e",
        "alt+f",
    }
)
"""Keys a web binding may not use; any Ctrl+Shift combination is refused as well."""


def reserved(key: str) -> bool:
    """True when a browser keeps `key` (Textual's name, e.g. "ctrl+t") for itself."""
    key = key.strip().lower()
    return key in BROWSER_RESERVED or key.startswith("ctrl+shift+")


HELP_KEYS: dict[str, str] = {
    "| Ctrl+T |": "| F8 |",
    "| Ctrl+N |": "| F9 |",
    "| F1 / F2 |": "| F4 / F2 |",
    "| Ctrl+Q |": "| Ctrl+\\ |",
    "| Ctrl+L |": "| Alt+L |",
    "| Ctrl+O |": "| Alt+O |",
}
"""The help table's terminal keys and what a browser game uses instead (see WEB_KEYMAP)."""


def web_help(markdown: str) -> str:
    """The help text with the keys a game in a browser uses."""
    for terminal, browser in HELP_KEYS.items():
        markdown = markdown.replace(terminal, browser)
    return markdown
