"""The DerivQuest Textual app: wires screens to the game session; holds no game rules itself.

Only what the first screen needs is imported at start-up; the map, questions, charts and
SymPy come in while the player types a name (start-up is measured: bench/startup_bench.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.worker import WorkerFailed

from derivquest.engine import JudgeService
from derivquest.engine.service import deadline_from_environment
from derivquest.errorlog import log_error
from derivquest.progress.errors import ProgressError
from derivquest.settings import (
    THEMES,
    Settings,
    load_settings,
    profile_settings_path,
    save_settings,
    served,
)
from derivquest.ui.cell_width import install as install_cell_widths
from derivquest.ui.commands import GameCommands
from derivquest.ui.css_cache import share_parsed_css
from derivquest.ui.key_labels import follow_language
from derivquest.ui.screens.start import StartScreen
from derivquest.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from derivquest.ui.strings import t
from derivquest.ui.terminal_colours import theme_for_terminal, use_terminal_default_colours

if TYPE_CHECKING:
    from textual.screen import Screen

    from derivquest.content import Catalog
    from derivquest.game.model import LevelResult
    from derivquest.game.ports import GameStore
    from derivquest.game.session import PlayerGame
    from derivquest.progress import Clock, DrillSetting
    from derivquest.ui.drill_flow import DrillFlow
    from derivquest.ui.hangup import HangupGuard
    from derivquest.ui.screens.course_map import CourseMapScreen

SERVED_SYSTEM_COMMANDS = frozenset({"Quit", "Keys"})
"""Textual's palette commands a game on the classroom server keeps: "Screenshot" would
write files into the server's account, "Theme" offers colours the settings do not save."""


class DerivQuestApp(App[None]):
    """Start screen, course map, lessons, questions, drills and charts."""

    CSS_PATH = "theme.tcss"
    TITLE = "DerivQuest"
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "quit", id="app.quit", priority=True),
        Binding("f1", "help", "help", id="app.help"),
        # Off the footer (80 columns hold each screen's own keys): help and the palette list it.
        Binding("f2", "settings", "settings", id="app.settings", show=False),
    ]

    def __init__(
        self,
        catalog: Catalog | Callable[[], Catalog],
        store: GameStore,
        judge: JudgeService,
        *,
        language: str = "en",
        theme: str = "ansi-dark",
        profile: str | None = None,
        owns_judge: bool = True,
        start_drill: DrillSetting | None = None,
        clock: Clock | None = None,
        served: bool = False,
    ) -> None:
        super().__init__()
        install_cell_widths()  # Bengali vowel signs take a cell, as in the terminal
        share_parsed_css()  # each game would parse the same CSS again
        self.served = served
        """True in a game the classroom server started: settings are the player's own,
        and the palette has no screenshot or other system commands."""
        self._settings_file: Path | None = None
        """Where F2's choices are saved; None: the shared settings file (local play)."""
        self._hangup: HangupGuard | None = None
        self._catalog = None if callable(catalog) else catalog
        self._load_catalog_with = catalog if callable(catalog) else None
        self.store = store
        self.judge = judge
        self.language = language
        """en or bn; the game falls back to English where a text is missing."""
        self.session: PlayerGame | None = None
        self._profile_name = profile
        self._waiting_profile: str | None = None
        self._owns_judge = owns_judge
        self._start_drill = start_drill
        """`derivquest drill`: go straight into a drill once the player is known."""
        self._clock = clock
        self._drills: DrillFlow | None = None
        self.theme = theme if theme in THEMES else "ansi-dark"
        if self.no_color:
            use_terminal_default_colours(self)

    @property
    def cursor_blinks(self) -> bool:
        """Whether the text boxes' cursors blink (`ui/cursor.py`): not in a served game."""
        return not self.served

    def validate_theme(self, theme: str) -> str:
        """A 16-colour terminal draws the ANSI theme of the same brightness (readable there).

        Only once a real terminal is attached: before that (and in headless tests) the
        colours the console would report are a guess from the environment.
        """
        if self._driver is None or self.is_headless:
            return theme
        return theme_for_terminal(self, theme)

    # -- start-up ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = self.theme  # now that the terminal is known (see validate_theme)
        if not self.is_headless:  # a real game: SIGHUP finishes the answer in flight first
            from derivquest.ui.hangup import HangupGuard

            self._hangup = HangupGuard(self, self.judge.deadline + 0.5, self.action_quit)
            self._hangup.install()
        if self.is_web:  # `derivquest web`: the browser keeps Ctrl+T, Ctrl+N, Ctrl+W...
            from derivquest.ui.web_keymap import WEB_KEYMAP

            self.set_keymap(WEB_KEYMAP)
        follow_language(self, lambda: self.language)  # footer keys, before the first screen
        if self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT:
            self.push_screen(TooSmallScreen(self.size.width, self.size.height, self.language))
        if self._profile_name is not None:
            self._choose_profile(self._profile_name)
        else:
            names = [profile.name for profile in self.store.profiles()]
            last = names[0] if names else None
            self.push_screen(StartScreen(names, last, self.language), self._choose_profile)
        # After the first frame: warm up everything the next screens need.
        self.call_after_refresh(self._prepare)

    @work(thread=True, group="prepare")
    def _prepare(self) -> None:
        from derivquest.ui.warm import warm_up

        loaded = None  # a catalog given when the app was made needs no handing over
        if self._catalog is None and self._load_catalog_with is not None:
            loaded = self._load_catalog_with()
        # SymPy's printer imports more modules on its first product and first error: pay it
        # before the first question shows (the player waits for the packs anyway), not on the
        # first keystroke. A game forked from the server's zygote did it before the fork.
        warm_up()
        if loaded is not None:
            self.call_from_thread(self._catalog_ready, loaded)
        # The checker process takes a second to start: it starts while the first screen shows.
        self.judge.start()

    def _catalog_ready(self, catalog: Catalog) -> None:
        self._catalog = catalog
        if self._waiting_profile is not None:
            name, self._waiting_profile = self._waiting_profile, None
            self._choose_profile(name)

    @property
    def catalog(self) -> Catalog:
        """Every loaded pack (loaded in a thread at start-up)."""
        if self._catalog is None:
            if self._load_catalog_with is None:
                raise RuntimeError("no catalog")
            self._catalog = self._load_catalog_with()
        return self._catalog

    @property
    def clock(self) -> Clock:
        """Drills' time (tests pass a clock they move by hand)."""
        if self._clock is None:
            from derivquest.progress import SystemClock

            self._clock = SystemClock()
        return self._clock

    def _choose_profile(self, name: str | None) -> None:
        if name is None:
            return
        if self._catalog is None:
            self._waiting_profile = name  # the catalog is still loading: continue when it is
            return
        from derivquest.game.session import PlayerGame
        from derivquest.ui.screens.question import QuestionScreen

        profile = self.store.profile_named(name) or self.store.create_profile(name)
        if self.served:
            self._settings_file = profile_settings_path(profile.name)
        self.session = PlayerGame(
            self.catalog, self.judge, self.store, profile.id, profile.player_id, self.language
        )
        # Read the place before the map shows: showing the map marks the player as on it.
        run = None if self._start_drill is not None else self.session.resume()
        if run is not None:
            # Straight back to the question. Every way out of it shows a freshly computed map,
            # so a map built under it would be thrown away unseen (a third of a returning
            # student's login on a classroom server), and marking the player as on the map
            # cost two writes the question's own place undid at once.
            self.push_screen(QuestionScreen(self.session, run), self._after_level)
            return
        first = None if self._start_drill is not None else self.session.starting_level()
        if first is not None:
            # A new player starts learning at once: the first level's lesson, with a line
            # of welcome that says where the map is. (A class logging in together also
            # waits for one screen fewer.)
            self.open_level(first.pack_id, first.level_id, welcome=profile.name)
            return
        self.show_map()
        if self._start_drill is not None:
            self.drills.start(self._start_drill)

    def current_session(self) -> PlayerGame:
        """The player's session (there is one once a player is chosen)."""
        assert self.session is not None
        return self.session

    @property
    def drills(self) -> DrillFlow:
        """Drill setup, drills, summaries, replays and history."""
        if self._drills is None:
            from derivquest.ui.drill_flow import DrillFlow

            self._drills = DrillFlow(self)
        return self._drills

    # -- navigation ---------------------------------------------------------------------------

    def action_show_map(self) -> None:
        """Command palette: back to the map."""
        if self.session is not None:
            self.show_map()

    def show_map(self) -> None:
        """Replace the screen stack with a freshly computed map."""
        from derivquest.game.session import skill_words
        from derivquest.ui.screens.course_map import CourseMapScreen

        session = self.current_session()
        problems = [
            f"{broken.source.describe()}: {broken.problems[0].message}"
            for broken in self.catalog.broken
            if broken.problems
        ]
        while len(self.screen_stack) > 1:
            self.pop_screen()
        due = [skill_words(skill) for skill in session.due_today()]
        session.at_map()
        self.push_screen(CourseMapScreen(session.map(), problems, self.language, due))

    def on_course_map_screen_level_chosen(self, event: CourseMapScreen.LevelChosen) -> None:
        self.open_level(event.entry.pack_id, event.entry.level_id)

    def open_level(self, pack_id: str, level_id: str, *, welcome: str | None = None) -> None:
        """Open a level where the player is; its lesson first when it starts from the top.

        `welcome`: a new player's name, greeted on the lesson, whose Esc builds the map
        (there is none under it).
        """
        from derivquest.ui.screens.lesson import LessonScreen
        from derivquest.ui.screens.question import QuestionScreen

        session = self.current_session()
        run = session.open_level(pack_id, level_id)
        if run.index > 0 or run.play.typed or run.play.finished:
            self.push_screen(QuestionScreen(session, run), self._after_level)
            return

        def start_questions() -> None:
            # Over the lesson: every way out of the questions shows a fresh map, and that
            # clears the lesson away with them.
            self.push_screen(QuestionScreen(session, run), self._after_level)

        def leave_lesson(start: bool | None) -> None:
            if welcome is not None:  # a new player's lesson has no map under it
                self.show_map()

        lesson = LessonScreen(
            run.title, run.lesson, self.language, welcome=welcome, questions=start_questions
        )
        self.push_screen(lesson, leave_lesson)

    def _after_level(self, result: LevelResult | None = None) -> None:
        from derivquest.ui.screens.level_complete import LevelCompleteScreen

        self.show_map()
        if result is None:
            return
        after = result.next_level

        def go_on(next_level: bool | None) -> None:
            if next_level and after is not None:
                self.open_level(after.pack_id, after.level_id)

        self.push_screen(LevelCompleteScreen(result, self.language), go_on)

    def on_course_map_screen_chart_requested(self, event: CourseMapScreen.ChartRequested) -> None:
        self.action_chart(event.chart)

    def action_chart(self, chart: str) -> None:
        """Open a chart to explore freely."""
        from derivquest.ui.chart_factory import chart_screen

        self.push_screen(chart_screen(chart))

    def action_drill(self) -> None:
        """Choose and start a timed drill."""
        if self.session is not None:
            self.drills.choose()

    def action_history(self) -> None:
        """Scores of past drills, and personal bests."""
        if self.session is not None:
            self.drills.history()

    def action_skills(self) -> None:
        """Mastery per skill."""
        from derivquest.ui.screens.skills import SkillsScreen

        if self.session is not None:
            titles = self.session.skill_titles()
            self.push_screen(SkillsScreen(self.session.mastery(), self.language, titles))

    def action_review(self) -> None:
        """An untimed session on the skills due today and the weak ones."""
        from derivquest.ui.screens.question import QuestionScreen

        if self.session is None:
            return
        run = self.session.start_review()
        if run is None:
            self.notify(t("review.none", self.language))
            return
        self.push_screen(QuestionScreen(self.session, run), self._after_level)

    def action_help(self) -> None:
        """Keys and the answer syntax."""
        from derivquest.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.language))

    def action_settings(self) -> None:
        """Language and colours; saved for the next game."""
        from derivquest.ui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(Settings(self.language, self.theme)), self._apply_settings)

    def _apply_settings(self, chosen: Settings | None) -> None:
        if chosen is None:
            return
        self.theme = chosen.theme
        if chosen.language != self.language:
            self.action_language(chosen.language)
        self._save_settings(chosen)

    @work(thread=True, group="settings")
    def _save_settings(self, chosen: Settings) -> None:
        try:
            save_settings(chosen, self._settings_file)
        except OSError as error:
            message = t("settings.not_saved", self.language, reason=error.strerror)
            self.call_from_thread(self.notify, message, severity="warning")

    def action_language(self, language: str) -> None:
        """Switch the course language (en/bn) and redraw the map."""
        self.language = language
        if self.session is not None:
            self.session.language = language
            self.show_map()

    def action_next_theme(self) -> None:
        """Cycle the colour themes."""
        index = THEMES.index(self.theme) if self.theme in THEMES else -1
        self.theme = THEMES[(index + 1) % len(THEMES)]

    # -- terminal size and quitting -------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        current = self.screen
        if small and not isinstance(current, TooSmallScreen):
            self.push_screen(TooSmallScreen(event.size.width, event.size.height, self.language))
        elif small and isinstance(current, TooSmallScreen):
            current.show_size(event.size.width, event.size.height, self.language)
        elif not small and isinstance(current, TooSmallScreen):
            self.pop_screen()

    async def action_quit(self) -> None:
        """Save the place (answers are saved already) and leave."""
        from derivquest.ui.screens.question import QuestionScreen

        for screen in self.screen_stack:
            if isinstance(screen, QuestionScreen) and self.session is not None:
                self.session.save_place(screen.run)
        self.exit()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands; a served game keeps only the harmless ones."""
        for command in super().get_system_commands(screen):
            if not self.served or command.title in SERVED_SYSTEM_COMMANDS:
                yield command

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save a screenshot, except in a served game (it would land on the server)."""
        if self.served:
            return None
        return super().deliver_screenshot(filename, path, time_format)

    def on_unmount(self) -> None:
        if self._hangup is not None:
            self._hangup.remove()
        if self._owns_judge:
            self.judge.close()

    # -- errors -----------------------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """The one handler for errors nothing else caught: never a traceback on screen.

        A store error in a worker (full disk, read-only folder, damaged pages) is a message
        and the game goes on: every answer is saved before its verdict, so nothing judged is
        lost, and the screen that was saving keeps what the player typed. Anything else ends
        the game with a short message; the traceback goes to the error log.
        """
        cause = error.error if isinstance(error, WorkerFailed) else error
        log = log_error(cause, "game")
        if isinstance(error, WorkerFailed) and isinstance(cause, ProgressError):
            problem = t("app.store_error", self.language, problem=str(cause))
            self.notify(problem, severity="error", timeout=15, markup=False)
            return
        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it at the end of a test
            self._exception = error
            self._exception_event.set()
        where = t("app.crash_log", self.language, path=log) if log else ""
        if isinstance(cause, ProgressError):
            message = f"derivquest: {cause}"
        else:
            message = t("app.crashed", self.language, error=type(cause).__name__, where=where)
        self.panic(Text(message))


def make_app(
    *,
    extra_packs: tuple[Path, ...] = (),
    language: str | None = None,
    theme: str | None = None,
    profile: str | None = None,
    store: GameStore | None = None,
    judge: JudgeService | None = None,
    start_drill: DrillSetting | None = None,
) -> DerivQuestApp:
    """Build the game with its packs, progress store and answer checker (CLI and tests).

    ``language`` and ``theme`` override the saved settings for this game only. The packs
    are loaded in a thread once the first screen shows, unless the classroom server's
    zygote loaded them before forking this game.
    """
    from derivquest.progress import ProgressStore
    from derivquest.ui.warm import kept_catalog

    def load() -> Catalog:
        from derivquest.content.catalog import load_catalog

        return load_catalog(extra=extra_packs)

    # A game the classroom server's zygote forked has the packs already: its first screen
    # is the player's (no empty frame first, no wait for a loading thread).
    kept = kept_catalog(extra_packs)

    on_server = served()
    if on_server and profile is not None:
        # Each student's own saved choices win; --lang and --theme are the class's defaults.
        own = profile_settings_path(profile)
        if own.exists():
            saved = load_settings(own)
            language, theme = saved.language, saved.theme
        else:
            saved = Settings()
    else:
        saved = load_settings()
    return DerivQuestApp(
        kept if kept is not None else load,
        store if store is not None else ProgressStore.open(),
        judge if judge is not None else JudgeService(deadline_from_environment()),
        language=language or saved.language,
        theme=theme or saved.theme,
        profile=profile,
        owns_judge=judge is None,
        start_drill=start_drill,
        served=on_server,
    )
