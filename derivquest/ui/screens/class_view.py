"""The live class view: who is playing, where, who is stuck, and the mistakes made right now."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from derivquest.progress import ProgressError, ProgressStore
from derivquest.progress.mistakes import ClassNow
from derivquest.ui.strings import t
from derivquest.ui.widgets.game_footer import GameFooter

REFRESH_SECONDS = 5.0
"""How often the view reads the store again."""

WINDOWS = (15 * 60, 60 * 60, 24 * 60 * 60)
"""The spans of time `w` cycles through: answers older than the window are not shown."""


def ago(seconds: float, language: str = "en") -> str:
    """A short "how long ago" for a table cell."""
    if seconds < 60:
        return t("class.seconds_ago", language, n=max(0, int(seconds)))
    if seconds < 3600:
        return t("class.minutes_ago", language, n=int(seconds // 60))
    return t("class.hours_ago", language, n=int(seconds // 3600))


def short_question(question_id: str) -> str:
    """`level/question` without the pack: the pack is nearly always the same one."""
    return question_id.split("/", 1)[-1]


def clean(text: str, width: int = 24) -> str:
    """A student's text for a cell: no control characters, cut to `width`."""
    shown = "".join("\ufffd" if ord(c) < 32 or ord(c) == 127 else c for c in text)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


class ClassViewScreen(Screen[None]):
    """Three tables over the store, read again every few seconds in a worker thread."""

    # The class view is an app of its own (`derivquest class`), so its layout lives here.
    DEFAULT_CSS = """
    ClassViewScreen .class-heading { text-style: bold; height: 1; }
    ClassViewScreen DataTable { height: 1fr; }
    """

    BINDINGS = [
        Binding("r", "reload", "refresh", id="class.refresh"),
        Binding("w", "window", "window", id="class.window"),
        Binding("q", "app.quit", "quit", id="class.quit"),
    ]

    window = reactive(WINDOWS[0])
    """Seconds back from now that count as "right now"."""

    class Read(Message):
        """A fresh read of the store arrived (or why it failed)."""

        def __init__(self, now: ClassNow | None, at: float, error: str | None = None) -> None:
            super().__init__()
            self.now = now
            self.at = at
            self.error = error

    def __init__(
        self,
        store: ProgressStore,
        language: str = "en",
        *,
        refresh_seconds: float = REFRESH_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.store = store
        self.language = language
        self.refresh_seconds = refresh_seconds
        self.clock = clock
        self.reads = 0
        """Reads shown so far (tests wait on it)."""

    def compose(self) -> ComposeResult:
        yield Label(t("class.title", self.language), id="class-title", classes="screen-title")
        with Vertical(id="class-body"):
            yield Static(t("class.playing", self.language), classes="class-heading")
            yield DataTable(id="class-playing", cursor_type="row", zebra_stripes=True)
            yield Static(t("class.stuck", self.language), classes="class-heading")
            yield DataTable(id="class-stuck", cursor_type="row")
            yield Static(t("class.mistakes", self.language), classes="class-heading")
            yield DataTable(id="class-mistakes", cursor_type="row")
        yield GameFooter()

    def on_mount(self) -> None:
        for selector, third in (
            ("#class-playing", ("class.col.last", 20)),
            ("#class-stuck", ("class.col.wrong", 20)),
            ("#class-mistakes", ("class.col.mistake", 20)),
        ):
            fourth = "class.col.answers" if selector == "#class-playing" else "class.col.last"
            table = self.query_one(selector, DataTable)
            # Fixed widths: the four columns fill 80 columns whatever the rows hold.
            for key, width in (
                ("class.col.name", 14),
                ("class.col.question", 26),
                third,
                (fourth, 10),
            ):
                table.add_column(t(key, self.language), width=width)
        self.query_one("#class-stuck", DataTable).focus()
        self.set_interval(self.refresh_seconds, self.action_reload)
        self.action_reload()

    def action_reload(self) -> None:
        self._read(self.window)

    def action_window(self) -> None:
        self.window = WINDOWS[(WINDOWS.index(self.window) + 1) % len(WINDOWS)]
        self.action_reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="class-read")
    def _read(self, window: int) -> None:
        at = self.clock()
        try:
            found = self.store.mistakes.class_now(at - window)
        except ProgressError as error:
            self.post_message(self.Read(None, at, str(error)))
            return
        self.post_message(self.Read(found, at))

    @on(Read)
    def _show(self, event: Read) -> None:
        title = self.query_one("#class-title", Label)
        minutes = self.window // 60
        if event.error is not None or event.now is None:
            title.update(t("class.error", self.language, error=event.error))
            return
        now = event.now
        clock = time.strftime("%H:%M:%S", time.localtime(event.at))
        title.update(
            t(
                "class.header",
                self.language,
                playing=len(now.playing),
                stuck=len(now.stuck),
                minutes=minutes,
                at=clock,
            )
        )
        self._fill(
            "#class-playing",
            [
                (
                    clean(a.name, 14),
                    short_question(a.question_id),
                    ago(event.at - a.answered_at, self.language),
                    str(a.answers),
                )
                for a in now.playing
            ],
        )
        self._fill(
            "#class-stuck",
            [
                (
                    clean(s.name, 14),
                    short_question(s.question_id),
                    str(s.failures),
                    ago(event.at - s.last_at, self.language),
                )
                for s in now.stuck
            ],
        )
        self._fill(
            "#class-mistakes",
            [
                (
                    clean(m.name, 14),
                    short_question(m.question_id),
                    clean(m.diagnosis, 20) if m.diagnosis else f"“{clean(m.answer, 17)}”",
                    ago(event.at - m.answered_at, self.language),
                )
                for m in now.mistakes
            ],
        )
        self.reads += 1

    def _fill(self, selector: str, rows: list[tuple[str, ...]]) -> None:
        """Replace a table's rows, keeping the cursor on the same row number."""
        table = self.query_one(selector, DataTable)
        row = table.cursor_row
        table.clear()
        if not rows:
            table.add_row(t("class.none", self.language), "", "", "")
        for cells in rows:
            table.add_row(*cells)
        table.move_cursor(row=min(row, table.row_count - 1))


class ClassApp(App[None]):
    """`derivquest class`: the class view alone, for the teacher's terminal."""

    CSS_PATH = "../theme.tcss"
    TITLE = "DerivQuest"

    def __init__(
        self,
        store: ProgressStore,
        language: str = "en",
        *,
        refresh_seconds: float = REFRESH_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.store = store
        self.language = language
        self.refresh_seconds = refresh_seconds
        self.clock = clock

    def on_mount(self) -> None:
        self.push_screen(
            ClassViewScreen(
                self.store, self.language, refresh_seconds=self.refresh_seconds, clock=self.clock
            )
        )
