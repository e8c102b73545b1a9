"""Choose a drill: its length and which skills it draws from."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioButton, RadioSet

from derivquest.progress import STANDARD_MINUTES, DrillSetting
from derivquest.ui.strings import t


class DrillSetupScreen(ModalScreen[DrillSetting | None]):
    """Dismisses with the chosen setting (Enter) or None (Esc).

    It fits 80x24 with any number of skills: the lengths sit on one row, the skills scroll,
    and the start button and its keys stay in view.
    """

    DEFAULT_CSS = """
    DrillSetupScreen { align: center middle; }
    DrillSetupScreen #drill-setup { max-height: 22; }
    DrillSetupScreen #minutes { layout: horizontal; width: 100%; height: auto; }
    DrillSetupScreen #skills { width: 100%; height: auto; max-height: 9; overflow-y: auto; }
    DrillSetupScreen #drill-start-row { height: auto; margin-top: 1; }
    DrillSetupScreen #drill-start { margin-right: 2; }
    DrillSetupScreen #drill-keys { width: 1fr; content-align: left middle; height: 3; }
    DrillSetupScreen #drill-setup > Label { width: 100%; }
    """

    BINDINGS = [
        # Priority: the focused RadioSet would take Enter; Space chooses within a list.
        Binding("enter", "start", "start", priority=True, id="drill_setup.start"),
        Binding("escape", "cancel", "cancel", id="drill_setup.cancel"),
    ]

    def __init__(
        self, skills: list[str], language: str = "en", titles: dict[str, str] | None = None
    ) -> None:
        super().__init__()
        self.skills = skills
        """Skills with drillable questions."""
        self.titles = titles or {}
        """A readable name per skill (the id when it has none)."""
        self.language = language
        self.minutes = 3
        self.skill: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="drill-setup"):
            yield Label(t("drill.setup", self.language), classes="screen-title")
            yield Label(t("drill.minutes", self.language))
            with RadioSet(id="minutes"):
                for minutes in STANDARD_MINUTES:
                    yield RadioButton(
                        f"{minutes} min", value=minutes == self.minutes, name=str(minutes)
                    )
            yield Label(t("drill.skills", self.language))
            with RadioSet(id="skills"):
                yield RadioButton(t("drill.all_skills", self.language), value=True, name="")
                for skill in self.skills:
                    yield RadioButton(self.titles.get(skill, skill), name=skill)
            yield Label(t("drill.standard_note", self.language), classes="muted")
            with Horizontal(id="drill-start-row"):
                yield Button(t("drill.start", self.language), id="drill-start", variant="primary")
                yield Label(t("drill.setup_keys", self.language), id="drill-keys")

    def on_mount(self) -> None:
        # One row per choice: the theme boxes every toggle button (three rows each), and
        # inline styles are the ones that win over the app's stylesheet.
        for button in self.query(RadioButton):
            button.styles.border = ("none", "transparent")

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        name = event.pressed.name or ""
        if event.radio_set.id == "minutes":
            self.minutes = int(name)
        else:
            self.skill = name or None

    @on(Button.Pressed, "#drill-start")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        skills = frozenset({self.skill}) if self.skill else frozenset()
        self.dismiss(DrillSetting(self.minutes, skills))

    def action_cancel(self) -> None:
        self.dismiss(None)
