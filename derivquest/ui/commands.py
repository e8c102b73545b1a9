"""The game's commands for Textual's command palette (Ctrl+P)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
    ("Settings: language and colours", "settings"),
    ("Language: English", "language('en')"),
    ("ভাষা: বাংলা (Bengali)", "language('bn')"),
    ("Colours: next theme", "next_theme"),
)
"""(title, app action) pairs."""


class GameCommands(Provider):
    """Every game command, searchable by name."""

    async def discover(self) -> Hits:
        for title, action in GAME_COMMANDS:
            yield DiscoveryHit(title, partial(self.app.run_action, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action in GAME_COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.run_action, action))
