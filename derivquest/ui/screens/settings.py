"""Settings: the course language and the colour theme (saved for next time)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, RadioButton, RadioSet

from derivquest.languages import LANGUAGE_NAMES, LANGUAGES
from derivquest.settings import THEMES, Settings
from derivquest.ui.strings import t


class SettingsScreen(ModalScreen[Settings]):
    """Dismisses with the chosen settings (Esc keeps the choices made so far)."""

    BINDINGS = [Binding("escape", "close", "close", id="settings.close")]

    def __init__(self, current: Settings) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        language = self.current.language
        with Vertical(id="settings-body"):
            yield Label(t("settings.title", language), classes="screen-title")
            yield Label(t("settings.language", language))
            with RadioSet(id="language"):
                for code in LANGUAGES:
                    yield RadioButton(LANGUAGE_NAMES[code], value=code == language, name=code)
            yield Label(t("settings.theme", language))
            with RadioSet(id="theme"):
                for theme in THEMES:
                    yield RadioButton(theme, value=theme == self.current.theme, name=theme)

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        choice = event.pressed.name or ""
        if event.radio_set.id == "language":
            self.current = Settings(language=choice, theme=self.current.theme)
        else:
            self.current = Settings(language=self.current.language, theme=choice)
            self.app.theme = choice  # show the colours at once

    def action_close(self) -> None:
        self.dismiss(self.current)
