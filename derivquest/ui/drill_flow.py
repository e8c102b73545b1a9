"""The drill loop between screens: setup, the drill, its summary, replay and history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from derivquest.game.drill import DrillGame
from derivquest.progress import (
    DrillSaved,
    DrillSession,
    DrillSetting,
    DrillSummary,
    replay_questions,
)
from derivquest.ui.screens.drill import DrillScreen
from derivquest.ui.screens.drill_setup import DrillSetupScreen
from derivquest.ui.screens.drill_summary import DrillSummaryScreen
from derivquest.ui.screens.history import HistoryScreen
from derivquest.ui.strings import t

if TYPE_CHECKING:
    from derivquest.ui.app import DerivQuestApp


class DrillFlow:
    """Runs drills for the app's current player."""

    def __init__(self, app: DerivQuestApp) -> None:
        self.app = app

    def choose(self) -> None:
        """Ask for a setting, then start."""
        session = self.app.current_session()
        skills = session.drill_source().skills()  # only what the player has unlocked
        screen = DrillSetupScreen(skills, self.app.language, session.skill_titles())
        self.app.push_screen(screen, self._chosen)

    def _chosen(self, setting: DrillSetting | None) -> None:
        if setting is not None:
            self.start(setting)

    def start(self, setting: DrillSetting) -> None:
        """Start a drill now (from the setup screen or `derivquest drill`)."""
        app = self.app
        try:
            game = DrillGame.start(
                setting,
                app.catalog,
                app.judge,
                app.store,
                app.current_session().profile_id,
                app.clock,
                app.language,
                source=app.current_session().drill_source(),
            )
        except ValueError:
            app.notify(t("drill.none", app.language), severity="warning")
            return
        app.push_screen(DrillScreen(game), self._done)

    def _done(self, result: tuple[DrillSummary, DrillSaved] | None) -> None:
        if result is None:
            return
        summary, saved = result

        def next_step(choice: str | None) -> None:
            if choice == "replay":
                self.replay(summary)
            elif choice == "history":
                self.app.show_map()
                self.history()
            else:
                self.app.show_map()

        session = self.app.current_session()
        prompts = {
            item.question_id: session.question_prompt(item.question_id, item.variant_seed)
            for item in (*summary.missed, *summary.slowest)
        }
        screen = DrillSummaryScreen(summary, saved, self.app.language, prompts)
        self.app.push_screen(screen, next_step)

    def replay(self, summary: DrillSummary) -> None:
        """A drill of exactly the items missed or slowest last time."""
        app = self.app
        questions = replay_questions(summary.items)
        if not questions:
            app.notify(t("drill.nothing_to_replay", app.language))
            app.show_map()
            return
        drill = DrillSession.replay(questions, summary.setting.minutes, app.clock)
        profile_id = app.current_session().profile_id
        game = DrillGame(drill, app.catalog, app.judge, app.store, profile_id, app.language)
        app.push_screen(DrillScreen(game), self._done)

    def history(self) -> None:
        """Scores of past drills, and personal bests."""
        app = self.app
        session = app.current_session()
        app.push_screen(
            HistoryScreen(session.drill_history(), session.personal_bests(), app.language)
        )
