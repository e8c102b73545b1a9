"""Mastery per skill: how well each skill is known, from recent answers without hints."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from derivquest.progress.mastery import Mastery, SkillMastery
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter

LEVEL_NAMES = {
    Mastery.NEW: {"en": "new", "bn": "নতুন"},
    Mastery.ATTEMPTED: {"en": "attempted", "bn": "চেষ্টা করা"},
    Mastery.FAMILIAR: {"en": "familiar", "bn": "পরিচিত"},
    Mastery.PROFICIENT: {"en": "proficient", "bn": "দক্ষ"},
    Mastery.MASTERED: {"en": "mastered", "bn": "আয়ত্ত"},
}


def mastery_table(
    skills: dict[str, SkillMastery], language: str = "en", titles: dict[str, str] | None = None
) -> Table:
    """One row per skill (by its readable name), weakest first: a bar of four steps, the
    level and its numbers."""
    titles = titles or {}
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column(t("skills.skill", language))
    table.add_column(t("skills.level", language))
    table.add_column(t("skills.recent", language), justify="right")
    for mastery in sorted(skills.values(), key=lambda m: (m.level, m.skill)):
        bar = "■" * int(mastery.level) + "□" * (int(Mastery.MASTERED) - int(mastery.level))
        seconds = "-" if mastery.median_seconds is None else f"{mastery.median_seconds:.1f} s"
        names = LEVEL_NAMES[mastery.level]
        recent = f"{mastery.clean}/{mastery.answers} clean, {seconds}"
        table.add_row(
            titles.get(mastery.skill, mastery.skill),
            f"{bar} {names.get(language, names['en'])}",
            recent,
        )
    return table


class SkillsScreen(Screen[None]):
    """A table of skills; Esc goes back."""

    BINDINGS = [Binding("escape", "app.pop_screen", "back", id="skills.back")]

    def __init__(
        self,
        skills: dict[str, SkillMastery],
        language: str = "en",
        titles: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.titles = titles or {}
        """A readable name per skill."""
        self.skills = skills
        self.language = language

    def compose(self) -> ComposeResult:
        yield Label(t("skills.title", self.language), classes="screen-title")
        with VerticalScroll(id="skills-body"):
            if self.skills:
                yield Static(
                    mastery_table(self.skills, self.language, self.titles), id="skills-table"
                )
            else:
                yield Static(t("skills.empty", self.language), id="skills-table")
            yield Static(t("skills.rule", self.language), classes="muted")
        yield GameFooter()
