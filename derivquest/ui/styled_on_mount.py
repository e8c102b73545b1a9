"""A screen whose first showing skips Textual's restyle of the widgets it has just styled."""

from __future__ import annotations

from textual import events
from textual.screen import Screen, ScreenResultType


class StyledOnMount(Screen[ScreenResultType]):
    """A screen that is not restyled as a whole the first time it shows.

    Textual styles each widget as it mounts and then, when the new screen is shown
    (`ScreenResume`), styles the screen and every widget on it once more, for the same
    result: a third of the styling on a new player's way to the first question. Only
    that first restyle is skipped; a screen shown again (from under a dialog) is restyled as
    Textual does. Widgets that change state before the screen shows (focus, classes, a new
    theme) are restyled by those changes themselves.

    Textual runs a subclass's handler of an event before its own, so this handler turns the
    restyle off in the event before `Screen` reads it (tests/ui/test_styled_on_mount.py
    checks that Textual still does so).
    """

    _restyle_when_shown = False
    """Whether the next `ScreenResume` restyles the screen (set after the first)."""

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._restyle_when_shown:
            self._restyle_when_shown = True
            event.refresh_styles = False
