"""The game's commands for Textual's command palette (Ctrl+P)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from derivquest.ui.strings import STRINGS, t

LANGUAGE_EN = "Language: English"
LANGUAGE_BN = "ভাষা: বাংলা (Bengali)"

GAME_COMMANDS = (
    ("command.help", "help"),
    ("command.show_map", "show_map"),
    ("command.drill", "drill"),
    ("command.review", "review"),
    ("command.history", "history"),
    ("command.skills", "skills"),
    ("command.chart.tangent", "chart('tangent')"),
    ("command.chart.descent", "chart('descent')"),
    ("command.chart.gradient_check", "chart('gradient-check')"),
    ("command.chart.activations", "chart('activations')"),
    ("command.settings", "settings"),
    (LANGUAGE_EN, "language('en')"),
    (LANGUAGE_BN, "language('bn')"),
    ("command.next_theme", "next_theme"),
)
"""(catalogue key or title, app action) pairs; each language is named in itself."""


class GameCommands(Provider):
    """Every game command, searchable by name."""

    def _commands(self) -> list[tuple[str, str]]:
        """Titles in the player's language."""
        language = str(getattr(self.app, "language", "en"))
        return [
            (t(title, language) if title in STRINGS else title, action)
            for title, action in GAME_COMMANDS
        ]

    async def discover(self) -> Hits:
        for title, action in self._commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.run_action, action))
