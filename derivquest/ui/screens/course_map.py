"""The course map: packs and their levels, locked or open, with stars and a summary."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, Static, Tree
from textual.widgets.tree import TreeNode

from derivquest.game.model import LevelEntry, PackEntry
from derivquest.ui.glyphs import glyphs, stars
from derivquest.ui.key_labels import key_group
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter


def level_label(entry: LevelEntry) -> Text:
    """One line per level: a lock or the stars, then the title."""
    if entry.locked:
        return Text.assemble((f"{glyphs().lock} ", "dim"), (entry.title, "dim"))
    mark = stars(entry.stars) if entry.completed else f"{entry.solved}/{entry.total}"
    return Text.assemble((f"{mark:>4} ", "bold"), entry.title)


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
            tree: Tree[LevelEntry | None] = Tree(t("map.packs", self.language), id="map-tree")
            tree.show_root = False
            for pack in self.packs:
                branch = tree.root.add(Text(pack.title, style="bold"), expand=True)
                for entry in pack.levels:
                    branch.add_leaf(level_label(entry), data=entry)
            yield tree
            yield Static("", id="level-details", markup=False)
        if self.due:
            due = t("map.due", self.language, skills=", ".join(self.due))
            yield Static(due, id="map-due", markup=False)
        if self.problems:
            yield Static("\n".join(self.problems), id="map-problems", markup=False)
        yield GameFooter()

    def on_mount(self) -> None:
        tree = self.query_one(Tree)
        tree.focus()
        first_open = next(
            (
                n
                for n in _leaves(tree)
                if n.data is not None and not n.data.locked and not n.data.completed
            ),
            None,
        )
        if first_open is not None:
            tree.move_cursor(first_open)

    @on(Tree.NodeHighlighted, "#map-tree")
    def _highlighted(self, event: Tree.NodeHighlighted[LevelEntry | None]) -> None:
        self.query_one("#level-details", Static).update(self._details(event.node.data))

    @on(Tree.NodeSelected, "#map-tree")
    def _selected(self, event: Tree.NodeSelected[LevelEntry | None]) -> None:
        entry = event.node.data
        if entry is not None and not entry.locked:
            self.post_message(self.LevelChosen(entry))

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


def _leaves(tree: Tree[LevelEntry | None]) -> list[TreeNode[LevelEntry | None]]:
    return [leaf for branch in tree.root.children for leaf in branch.children]
