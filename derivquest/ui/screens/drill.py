"""A timed drill: a countdown, one quick question after another, score and streak."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from derivquest.engine.presenter import present
from derivquest.game.drill import DrillAnswer, DrillGame
from derivquest.progress import DrillSaved, DrillSummary
from derivquest.progress.errors import ProgressError
from derivquest.ui.kind_views import Answered, view_for
from derivquest.ui.screens.question import rich_prompt
from derivquest.ui.strings import t
from derivquest.ui.widgets.answer_input import AnswerInput
from derivquest.ui.widgets.game_footer import GameFooter

DrillResult = tuple[DrillSummary, DrillSaved]


def clock_face(seconds: int) -> str:
    """mm:ss."""
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class DrillScreen(Screen[DrillResult]):
    """Dismisses with the drill's summary and how it compared with the personal best."""

    BINDINGS = [
        Binding("ctrl+n", "skip", "skip", id="drill.skip"),
        Binding("escape", "end", "end drill", id="drill.end"),
        *[Binding(str(n), f"choose({n})", show=False, id=f"drill.choose{n}") for n in range(1, 10)],
    ]

    def __init__(self, game: DrillGame) -> None:
        super().__init__()
        self.game = game
        self._checking = False
        self._ending = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="drill-bar"):
            yield Label(self._title(), id="drill-title")
            yield Label("", id="drill-clock")
            yield Label("", id="drill-score")
        with VerticalScroll(id="drill-body"):
            yield Static("", id="drill-prompt")
            yield Static("", id="drill-options")
            yield Static("", id="drill-feedback")
        yield GameFooter()

    def _title(self) -> str:
        setting = self.game.drill.setting
        skills = ", ".join(sorted(setting.skills)) or t("drill.all_skills", self.game.language)
        return f"{t('drill.title', self.game.language)} · {setting.minutes} min · {skills}"

    async def on_mount(self) -> None:
        # The stopwatch pattern: the interval only repaints; time is always monotonic().
        self.set_interval(0.25, self._tick)
        self._tick()
        await self.show_question()

    def _tick(self) -> None:
        drill = self.game.drill
        self.query_one("#drill-clock", Label).update(clock_face(drill.countdown()))
        self.query_one("#drill-score", Label).update(
            t("drill.score", self.game.language, score=drill.score, streak=drill.streak)
        )
        if drill.remaining() <= 0 and not self._checking:
            self.action_end()

    async def show_question(self) -> None:
        """Lay out the current question, or end the drill when there is none."""
        await self.query(".answer-widget").remove()
        instance = self.game.instance()
        if instance is None:
            self.action_end()
            return
        view = view_for(instance.kind)
        self.query_one("#drill-prompt", Static).update(rich_prompt(instance.prompt))
        options = self.query_one("#drill-options", Static)
        lines = view.options(instance, self.game.language)
        options.display = lines is not None
        options.update(lines or "")
        widget = view.answer_widget(
            instance, typed="", language=self.game.language, widget_id="drill-answer"
        )
        if widget is None:
            self.focus()
        else:
            widget.add_class("answer-widget")
            await self.query_one("#drill-body").mount(widget, after=options)
            if not isinstance(widget, AnswerInput):
                widget.focus()

    @on(AnswerInput.Submitted)
    def _submitted(self, event: AnswerInput.Submitted) -> None:
        self.submit(event.value)

    @on(Answered)
    def _answered(self, event: Answered) -> None:
        self.submit(event.value)

    def action_choose(self, number: int) -> None:
        instance = self.game.instance()
        answer = None if instance is None else view_for(instance.kind).pick(instance, number)
        if answer is not None:
            self.submit(answer)

    def submit(self, answer: str) -> None:
        """Stop this question's clock now; judge in a worker."""
        if self._checking or self._ending:
            return
        self._checking = True
        self._judge(answer, self.game.drill.now())

    @work(thread=True, exclusive=True, group="drill-judge")
    def _judge(self, answer: str, submitted_at: float) -> None:
        try:
            result = self.game.submit(answer, submitted_at)
        except ProgressError as error:  # full disk, database away: say so, the drill goes on
            self.app.call_from_thread(self._not_saved, error)
            return
        self.app.call_from_thread(self._show_result, result)

    def _not_saved(self, error: ProgressError) -> None:
        """The store refused the answer: its message on screen, and the drill not stuck."""
        self._checking = False
        message = t("progress.not_saved", self.game.language, reason=str(error))
        self.query_one("#drill-feedback", Static).update(Text(message, style="bold"))
        self._tick()
        self.call_later(self.show_question)

    def _show_result(self, result: DrillAnswer) -> None:
        self._checking = False
        feedback = self.query_one("#drill-feedback", Static)
        outcome = result.outcome
        if outcome is None:
            feedback.update(Text(present(result.verdict, self.game.language), style="bold"))
            return
        if result.verdict.correct:
            text = Text(f"+{outcome.points}", style="bold")
            text.append(
                f"  ({outcome.seconds:.1f} s, "
                + t("drill.streak", self.game.language, streak=outcome.streak)
                + ")"
            )
        else:
            text = Text(t("drill.missed", self.game.language), style="bold")
            text.append(" " + present(result.verdict, self.game.language))
        feedback.update(text)
        self._tick()
        self.call_later(self.show_question)

    def action_skip(self) -> None:
        if self._checking or self._ending:
            return
        self.game.skip(self.game.drill.now())
        self.call_later(self.show_question)

    def action_end(self) -> None:
        """Finish now (the time is up, or Esc) and save the result."""
        if self._ending:
            return
        self._ending = True
        self._finish()

    @work(thread=True, group="drill-finish")
    def _finish(self) -> None:
        result = self.game.finish()
        self.app.call_from_thread(self.dismiss, result)
