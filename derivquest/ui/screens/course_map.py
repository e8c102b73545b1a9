"""The course map: packs and their levels, locked or open, with stars and a summary."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Static

from derivquest.game.model import LevelEntry, PackEntry
from derivquest.ui import start_turn
from derivquest.ui.glyphs import glyphs, stars
from derivquest.ui.key_labels import key_group
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter
from derivquest.ui.widgets.level_list import LevelList

CHARTS = key_group("keys.charts")
"""The map's chart keys, shown together in the footer."""


class CourseMapScreen(Screen[None]):
    """Arrow keys move, Enter opens a level; the charts open from here too."""

    BINDINGS = [
        # The charts share one footer label ("t g k a charts"); help (F1) says which is which.
        Binding("t", "chart('tangent')", "tangent", id="map.tangent", group=CHARTS),
        Binding("g", "chart('gradient-descent')", "GD", id="map.gradient-descent", group=CHARTS),
        Binding("k", "chart('gradient-check')", "grad", id="map.gradcheck", group=CHARTS),
        Binding("a", "chart('activations')", "activ", id="map.activations", group=CHARTS),
        Binding("d", "app.drill", "drill", id="map.drill"),
        Binding("r", "app.review", "review", id="map.review"),
        Binding("h", "app.history", "history", id="map.history"),
        Binding("s", "app.skills", "skills", show=False, id="map.skills"),
        Binding("m", "my_mistakes", "my mistakes", show=False, id="map.mistakes"),
    ]

    class LevelChosen(Message):
        """The player opened an unlocked level."""

        def __init__(self, entry: LevelEntry) -> None:
            super().__init__()
            self.entry = entry

    class ChartRequested(Message):
        """The player asked for a chart to explore freely."""

        def __init__(self, chart: str) -> None:
            super().__init__()
            self.chart = chart

    def __init__(
        self,
        packs: list[PackEntry],
        problems: list[str],
        language: str = "en",
        due: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.packs = packs
        self.due = due or []
        """Skills due for review today."""
        self.problems = problems
        """One line per pack that failed to load, shown instead of crashing."""
        self.language = language

    def summary(self) -> str:
        """One line of totals: levels completed, questions solved, stars earned."""
        levels = [entry for pack in self.packs for entry in pack.levels]
        return t(
            "map.summary",
            self.language,
            levels=sum(entry.completed for entry in levels),
            total_levels=len(levels),
            solved=sum(entry.solved for entry in levels),
            total=sum(entry.total for entry in levels),
            stars=sum(entry.stars for entry in levels),
            star=glyphs().star,
        )

    def compose(self) -> ComposeResult:
        yield Label(f"{t('map.title', self.language)} · {self.summary()}", classes="screen-title")
        with Horizontal(id="map-body"):
            levels = LevelList(self.packs, id="map-tree")
            yield levels
            # The details are drawn at once for the cursor's first line: no update after mount.
            yield Static(self._details(levels.highlighted), id="level-details", markup=False)
        if self.due:
            due = t("map.due", self.language, skills=", ".join(self.due))
            yield Static(due, id="map-due", markup=False)
        if self.problems:
            yield Static("\n".join(self.problems), id="map-problems", markup=False)
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one(LevelList).focus()
        self.call_after_refresh(start_turn.drawn)  # a served game's start: turn given back

    @on(LevelList.Highlighted, "#map-tree")
    def _highlighted(self, event: LevelList.Highlighted) -> None:
        self.query_one("#level-details", Static).update(self._details(event.entry))

    @on(LevelList.Selected, "#map-tree")
    def _selected(self, event: LevelList.Selected) -> None:
        if not event.entry.locked:
            self.post_message(self.LevelChosen(event.entry))

    def action_chart(self, chart: str) -> None:
        self.post_message(self.ChartRequested(chart))

    def action_my_mistakes(self) -> None:
        from derivquest.ui.screens.my_mistakes import open_my_mistakes

        open_my_mistakes(self.app)  # type: ignore[arg-type]  # the game's app

    def _details(self, entry: LevelEntry | None) -> Text:
        if entry is None:
            return Text("")
        lines = Text(entry.title + "\n", style="bold")
        if entry.locked:
            lines.append(t("map.locked", self.language, levels=", ".join(entry.missing)))
            return lines
        lines.append(t("map.progress", self.language, done=entry.solved, total=entry.total) + "\n")
        if entry.resume_at is not None:
            lines.append(t("map.continues", self.language, number=entry.resume_at) + "\n")
        if entry.completed:
            lines.append(stars(entry.stars), style="bold")
        return lines
