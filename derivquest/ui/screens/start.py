"""Start: choose a player (or make one) and continue where they left off with one key."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from derivquest.progress.names import MAX_MARKS, MAX_NAME, name_fault, normalized
from derivquest.ui.cursor import blinks
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter


class ProfileList(OptionList):
    """The existing players; its one-letter keys work only while it has focus."""

    BINDINGS = [Binding("c", "screen.continue_last", "continue", id="start.continue")]


class StartScreen(Screen[str]):
    """Dismisses with the chosen profile name (existing or new).

    The name box has focus from the start, so whatever is typed is a name: on a shared
    machine a student never lands in someone else's profile by typing. Tab (or the mouse)
    reaches the list of players, where Enter (or `c`, for the last one) continues.
    """

    def __init__(self, profiles: list[str], last: str | None, language: str = "en") -> None:
        super().__init__()
        self.profiles = profiles
        """Existing profile names, most recently played first."""
        self.last = last
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box"):
            yield Label(t("app.title", self.language), classes="app-name")
            yield Label(t("app.subtitle", self.language), classes="muted")
            yield Label(t("start.profiles", self.language))
            if self.profiles:  # an empty list would draw an empty box
                options = [Option(name, id=f"p{i}") for i, name in enumerate(self.profiles)]
                yield ProfileList(*options, id="profiles")
            name = Input(placeholder=t("start.new_profile", self.language), id="new-profile")
            name.cursor_blink = blinks(self)
            yield name
            key = "start.type_or_tab" if self.profiles else "start.no_profiles"
            message = t(key, self.language)
            yield Static(message, id="start-message", markup=False)
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_continue_last(self) -> None:
        """Continue as the last player, if there is one."""
        if self.last is not None:
            self.dismiss(self.last)

    @on(OptionList.OptionSelected, "#profiles")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.prompt))

    @on(Input.Submitted, "#new-profile")
    def _created(self, event: Input.Submitted) -> None:
        name = normalized(event.value)
        fault = name_fault(name)  # the store's rule (any script: Bengali names welcome)
        if fault is not None:
            shown = fault.character if fault.character.isprintable() else ""
            if not shown.strip():  # say which invisible character, as U+XXXX
                shown = f"U+{ord(fault.character):04X}" if fault.character else ""
            key = f"start.bad_name.{fault.kind}"
            message = t(key, self.language, max=MAX_NAME, marks=MAX_MARKS, char=shown)
            self.query_one("#start-message", Static).update(message)
            return
        self.dismiss(name)
