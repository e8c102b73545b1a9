"""The end of a drill: score, accuracy, speed, the record, and what was missed or slow."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from derivquest.progress import DrillSaved, DrillSummary
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter


def summary_text(
    summary: DrillSummary,
    saved: DrillSaved,
    language: str,
    prompts: Mapping[str, str] | None = None,
) -> Text:
    """Every number of the summary, as the screen shows it; items by their prompt."""
    prompts = prompts or {}
    lines = Text()
    lines.append(t("drill.final_score", language, score=summary.score) + "\n", style="bold")
    mean = summary.mean_seconds
    lines.append(
        t(
            "drill.stats",
            language,
            correct=summary.correct,
            answered=len(summary.answered),
            accuracy=round(100 * summary.accuracy),
            mean="-" if mean is None else f"{mean:.1f}",
            streak=summary.best_streak,
        )
        + "\n"
    )
    if saved.personal_best:
        lines.append(t("drill.record", language) + "\n", style="bold")
    elif saved.previous_best is not None:
        lines.append(t("drill.best", language, best=saved.previous_best) + "\n")
    if not summary.setting.standard:
        lines.append(t("drill.not_standard", language) + "\n", style="dim")
    if summary.missed:
        lines.append("\n" + t("drill.missed_list", language) + "\n", style="bold")
        for item in summary.missed:
            lines.append(f"  {prompts.get(item.question_id, item.question_id)}\n")
    if summary.slowest:
        lines.append("\n" + t("drill.slowest_list", language) + "\n", style="bold")
        for item in summary.slowest:
            shown = prompts.get(item.question_id, item.question_id)
            lines.append(f"  {item.seconds:5.1f} s  {shown}\n")
    return lines


class DrillSummaryScreen(Screen[str]):
    """Dismisses with 'replay', 'history' or 'map'."""

    BINDINGS = [
        Binding("r", "choose('replay')", "replay missed", id="summary.replay"),
        Binding("h", "choose('history')", "history", id="summary.history"),
        Binding("escape", "choose('map')", "map", id="summary.map"),
        Binding("enter", "choose('map')", "map", show=False, id="summary.map_enter"),
    ]

    def __init__(
        self,
        summary: DrillSummary,
        saved: DrillSaved,
        language: str = "en",
        prompts: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.prompts = dict(prompts or {})
        """Each item's question as the player saw it, by question id."""
        self.summary = summary
        self.saved = saved
        self.language = language

    def compose(self) -> ComposeResult:
        yield Label(t("drill.summary", self.language), classes="screen-title")
        with VerticalScroll(id="drill-summary"):
            yield Static(
                summary_text(self.summary, self.saved, self.language, self.prompts),
                id="summary-text",
            )
        yield GameFooter()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
