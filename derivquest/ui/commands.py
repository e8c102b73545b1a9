"""The game's commands for Textual's command palette (Ctrl+P)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from derivquest.ui.strings import STRINGS, t

GAME_COMMANDS = (
    ("Help: keys and answer syntax", "help"),
    ("Course map", "show_map"),
    ("Timed drill", "drill"),
    ("Review: due and weak skills", "review"),
    ("Drill history and personal bests", "history"),
    ("Skills: mastery per skill", "skills"),
    ("Chart: tangent line visualizer", "chart('tangent')"),
    ("Chart: gradient descent", "chart('gradient-descent')"),
    ("Chart: gradient check (numerical vs analytical)", "chart('gradient-check')"),
    ("Chart: activations and their derivatives", "chart('activations')"),
    ("Chart: secant to tangent", "chart('secant')"),
    ("Chart: gradient descent on a 2-D bowl", "chart('bowl')"),
    ("Settings: language and colours", "settings"),
    ("Language: English", "language('en')"),
    ("ভাষা: বাংলা (Bengali)", "language('bn')"),
    ("Colours: next theme", "next_theme"),
)
"""(English title, app action) pairs; the catalogue's `command.<action>` entry, where there
is one, gives the title in the player's language (the languages name themselves)."""


def command_title(title: str, action: str, language: str) -> str:
    """The command's title in ``language``."""
    key = f"command.{action}"
    return t(key, language) if key in STRINGS else title


class GameCommands(Provider):
    """Every game command, searchable by name."""

    def _commands(self) -> list[tuple[str, str]]:
        """Titles in the player's language."""
        language = str(getattr(self.app, "language", "en"))
        return [(command_title(title, action, language), action) for title, action in GAME_COMMANDS]

    async def discover(self) -> Hits:
        for title, action in self._commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.run_action, action))
