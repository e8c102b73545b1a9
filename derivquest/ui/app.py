"""The DerivQuest Textual app: wires screens to the game session; holds no game rules itself."""

from __future__ import annotations

from pathlib import Path

from textual import events, on, work
from textual.app import App
from textual.binding import Binding

from derivquest.charts.activations import ActivationView
from derivquest.charts.descent import DescentView
from derivquest.charts.gradient_check import GradientCheckView
from derivquest.charts.tangent import TangentView
from derivquest.content.catalog import Catalog
from derivquest.engine import JudgeService
from derivquest.game.drill import CatalogDrillSource, DrillGame
from derivquest.game.model import LevelRun
from derivquest.game.ports import GameStore
from derivquest.game.session import GameSession
from derivquest.progress import (
    Clock,
    DrillSaved,
    DrillSession,
    DrillSetting,
    DrillSummary,
    SystemClock,
    replay_questions,
)
from derivquest.settings import THEMES, Settings, load_settings, save_settings
from derivquest.ui.commands import GameCommands
from derivquest.ui.screens.chart import ChartScreen
from derivquest.ui.screens.course_map import CourseMapScreen
from derivquest.ui.screens.drill import DrillScreen
from derivquest.ui.screens.drill_setup import DrillSetupScreen
from derivquest.ui.screens.drill_summary import DrillSummaryScreen
from derivquest.ui.screens.help import HelpScreen
from derivquest.ui.screens.history import HistoryScreen
from derivquest.ui.screens.lesson import LessonScreen
from derivquest.ui.screens.question import QuestionScreen
from derivquest.ui.screens.settings import SettingsScreen
from derivquest.ui.screens.start import StartScreen
from derivquest.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from derivquest.ui.strings import t
from derivquest.ui.widgets.activation_chart import ActivationChart
from derivquest.ui.widgets.descent_chart import DescentChart
from derivquest.ui.widgets.gradient_check_chart import GradientCheckChart
from derivquest.ui.widgets.tangent_chart import TangentChart


class DerivQuestApp(App[None]):
    """Start screen, course map, lessons, questions and charts."""

    CSS_PATH = "theme.tcss"
    TITLE = "DerivQuest"
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "quit", id="app.quit", priority=True),
        Binding("f1", "help", "help", id="app.help"),
        Binding("f2", "settings", "settings", id="app.settings"),
    ]

    def __init__(
        self,
        catalog: Catalog,
        store: GameStore,
        judge: JudgeService,
        *,
        language: str = "en",
        theme: str = "ansi-dark",
        profile: str | None = None,
        owns_judge: bool = True,
        start_drill: DrillSetting | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.judge = judge
        self.language = language
        """en or bn; the game falls back to English where a text is missing."""
        self.session: GameSession | None = None
        self._profile_name = profile
        self._owns_judge = owns_judge
        self._start_drill = start_drill
        """`derivquest drill`: go straight into a drill once the player is known."""
        self.clock: Clock = clock or SystemClock()
        """Drills' time (tests pass a clock they move by hand)."""
        self.theme = theme if theme in THEMES else "ansi-dark"

    # -- start-up ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._warm_up_judge()
        if self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT:
            self.push_screen(TooSmallScreen(self.size.width, self.size.height, self.language))
        if self._profile_name is not None:
            self._choose_profile(self._profile_name)
            return
        profiles = self.store.profiles()
        names = [profile.name for profile in profiles]
        self.push_screen(
            StartScreen(names, names[0] if names else None, self.language), self._choose_profile
        )

    @work(thread=True, group="judge-start")
    def _warm_up_judge(self) -> None:
        # Starting the checker process takes a second; do it while the player picks a name.
        self.judge.start()

    def _choose_profile(self, name: str | None) -> None:
        if name is None:
            return
        profile = self.store.profile_named(name) or self.store.create_profile(name)
        self.session = GameSession(
            self.catalog, self.judge, self.store, profile.id, profile.player_id, self.language
        )
        self.show_map()
        if self._start_drill is not None:
            self.start_drill(self._start_drill)
            return
        run = self.session.resume()
        if run is not None:
            self.push_screen(QuestionScreen(self.session, run), self._after_level)

    # -- navigation ---------------------------------------------------------------------------

    def action_show_map(self) -> None:
        """Command palette: back to the map."""
        if self.session is not None:
            self.show_map()

    def show_map(self) -> None:
        """Replace the screen stack with a freshly computed map."""
        assert self.session is not None
        problems = [
            f"{broken.source.describe()}: {broken.problems[0].message}"
            for broken in self.catalog.broken
            if broken.problems
        ]
        while len(self.screen_stack) > 1:
            self.pop_screen()
        due = self.session.due_today()
        self.push_screen(CourseMapScreen(self.session.map(), problems, self.language, due))

    @on(CourseMapScreen.LevelChosen)
    def _open_level(self, event: CourseMapScreen.LevelChosen) -> None:
        assert self.session is not None
        run = self.session.start_level(event.entry.pack_id, event.entry.level_id)

        def start_questions(start: bool | None) -> None:
            if start:
                self.push_screen(QuestionScreen(self._session(), run), self._after_level)

        self.push_screen(LessonScreen(run.title, run.lesson, self.language), start_questions)

    def _after_level(self, _: None = None) -> None:
        self.show_map()

    def _session(self) -> GameSession:
        assert self.session is not None
        return self.session

    @on(CourseMapScreen.ChartRequested)
    def _chart_requested(self, event: CourseMapScreen.ChartRequested) -> None:
        self.action_chart(event.chart)

    def action_chart(self, chart: str) -> None:
        """Open a chart to explore freely."""
        if chart == "tangent":
            function = "x^2 - 4x + 3"
            screen = ChartScreen(
                "Tangent line visualizer",
                TangentChart(TangentView(function, x0=3.0)),
                function=function,
                rebuild=lambda text: TangentChart(TangentView(text)),
            )
        elif chart == "descent":
            screen = ChartScreen(
                "Gradient descent: L(w) = (wx - y)², x = 2, y = 6", DescentChart(DescentView())
            )
        elif chart == "gradient-check":
            function = "sin(x)"
            screen = ChartScreen(
                "Gradient check: numerical vs analytical derivative",
                GradientCheckChart(GradientCheckView(function)),
                function=function,
                rebuild=lambda text: GradientCheckChart(GradientCheckView(text)),
            )
        else:
            screen = ChartScreen(
                "Activations and their derivatives", ActivationChart(ActivationView())
            )
        self.push_screen(screen)

    # -- drills, review, history ------------------------------------------------------------

    def action_drill(self) -> None:
        """Choose and start a timed drill."""
        skills = CatalogDrillSource(self.catalog).skills()
        self.push_screen(DrillSetupScreen(skills, self.language), self._drill_chosen)

    def _drill_chosen(self, setting: DrillSetting | None) -> None:
        if setting is not None:
            self.start_drill(setting)

    def start_drill(self, setting: DrillSetting) -> None:
        """Start a drill now (from the setup screen or `derivquest drill`)."""
        session = self._session()
        try:
            game = DrillGame.start(
                setting,
                self.catalog,
                self.judge,
                self.store,
                session.profile_id,
                self.clock,
                self.language,
            )
        except ValueError:
            self.notify(t("drill.none", self.language), severity="warning")
            return
        self.push_screen(DrillScreen(game), self._drill_done)

    def _drill_done(self, result: tuple[DrillSummary, DrillSaved] | None) -> None:
        if result is None:
            return
        summary, saved = result

        def next_step(choice: str | None) -> None:
            if choice == "replay":
                self._replay(summary)
            elif choice == "history":
                self.show_map()
                self.action_history()
            else:
                self.show_map()

        self.push_screen(DrillSummaryScreen(summary, saved, self.language), next_step)

    def _replay(self, summary: DrillSummary) -> None:
        session = self._session()
        questions = replay_questions(summary.items)
        if not questions:
            self.notify(t("drill.nothing_to_replay", self.language))
            self.show_map()
            return
        drill = DrillSession.replay(questions, summary.setting.minutes, self.clock)
        game = DrillGame(
            drill, self.catalog, self.judge, self.store, session.profile_id, self.language
        )
        self.push_screen(DrillScreen(game), self._drill_done)

    def action_review(self) -> None:
        """An untimed session on the skills due today and the weak ones."""
        run = self._session().start_review()
        if run is None:
            self.notify(t("review.none", self.language))
            return
        self.push_screen(QuestionScreen(self._session(), run), self._after_level)

    def action_history(self) -> None:
        """Scores of past drills, and personal bests."""
        profile_id = self._session().profile_id
        history = self.store.drills.history(profile_id)
        bests = self.store.drills.personal_bests(profile_id)
        self.push_screen(HistoryScreen(list(history), bests, self.language))

    def action_help(self) -> None:
        """Keys and the answer syntax."""
        self.push_screen(HelpScreen(self.language))

    def action_settings(self) -> None:
        """Language and colours; saved for the next game."""
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
            save_settings(chosen)
        except OSError as error:
            self.call_from_thread(
                self.notify, f"Settings not saved: {error.strerror}", severity="warning"
            )

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
        for screen in self.screen_stack:
            if isinstance(screen, QuestionScreen) and self.session is not None:
                self.session.save_place(screen.run)
        self.exit()

    def on_unmount(self) -> None:
        if self._owns_judge:
            self.judge.close()


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

    ``language`` and ``theme`` override the saved settings for this game only.
    """
    from derivquest.content.catalog import load_catalog
    from derivquest.progress import ProgressStore

    saved = load_settings()
    language = language or saved.language
    theme = theme or saved.theme
    catalog = load_catalog(extra=extra_packs)
    return DerivQuestApp(
        catalog,
        store if store is not None else ProgressStore.open(),
        judge if judge is not None else JudgeService(),
        language=language,
        theme=theme,
        profile=profile,
        owns_judge=judge is None,
        start_drill=start_drill,
    )


__all__ = ["DerivQuestApp", "LevelRun", "make_app"]
