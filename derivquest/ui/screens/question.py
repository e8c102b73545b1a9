"""A question: prompt, answer with live preview, verdict, hints and the worked solution."""

from __future__ import annotations

import re

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label, Static

from derivquest.game.model import AnswerFeedback, LevelRun
from derivquest.game.session import PlayerGame
from derivquest.progress.scoring import level_stars
from derivquest.ui.glyphs import stars
from derivquest.ui.kind_views import Answered, view_for
from derivquest.ui.strings import t
from derivquest.ui.widgets.answer_input import AnswerInput

SAVE_TYPED_AFTER = 1.0
"""Seconds of quiet typing after which the typed text is saved for resuming."""


def rich_prompt(text: str) -> Text:
    """Show `math` in backticks in bold, without the backticks."""
    result = Text()
    for index, part in enumerate(re.split(r"`([^`]*)`", text)):
        result.append(part, style="bold" if index % 2 else "")
    return result


class QuestionScreen(Screen[None]):
    """Plays the questions of a level until it ends or the player goes back."""

    BINDINGS = [
        Binding("ctrl+t", "hint", "hint", id="question.hint"),
        Binding("ctrl+g", "give_up", "give up", id="question.give_up"),
        Binding("ctrl+n", "next", "next", id="question.next"),
        Binding("escape", "back", "map", id="question.back"),
        *[
            Binding(str(n), f"choose({n})", show=False, id=f"question.choose{n}")
            for n in range(1, 10)
        ],
        Binding("enter", "confirm", "submit", show=False, id="question.submit_chart"),
    ]

    def __init__(self, session: PlayerGame, run: LevelRun) -> None:
        super().__init__()
        self.session = session
        self.run = run
        self._save_timer: Timer | None = None
        self._checking = False

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Label("", id="question-title", classes="screen-title")
        with VerticalScroll(id="question-body"):
            yield Static("", id="prompt")
            yield Static("", id="options")
            yield Static("", id="verdict")
            yield Static("", id="hints")
            yield Static("", id="solution")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_question()
        # Saved at once, so a game killed before any keystroke still resumes right here.
        self._save_place()

    @property
    def language(self) -> str:
        return self.session.language

    async def show_question(self) -> None:
        """Lay out the current question (also after moving to the next one)."""
        run, play = self.run, self.run.play
        instance = play.instance
        self.query_one("#question-title", Label).update(
            f"{run.title} · "
            + t("question.counter", self.language, number=run.index + 1, total=run.total)
        )
        self.query_one("#prompt", Static).update(self._prompt())
        # Awaited: the next question's input has the same id as the one being removed.
        await self.query(".answer-widget").remove()
        view = view_for(instance.kind)
        options = self.query_one("#options", Static)
        lines = view.options(instance, self.language)
        options.display = lines is not None
        options.update(lines or "")
        widget = view.answer_widget(
            instance, typed=play.typed, language=self.language, widget_id="answer-input"
        )
        if widget is None:
            self.focus()  # the screen's keys answer (e.g. the option numbers)
        else:
            widget.add_class("answer-widget")
            await self.query_one("#question-body").mount(widget, after=options)
            if not isinstance(widget, AnswerInput):  # the answer box focuses its own input
                widget.focus()
        self._set("#verdict", "")
        self._set("#hints", "\n".join(instance.hints[: play.hints_shown]))
        self._set("#solution", "")

    def _prompt(self) -> Text:
        """The prompt, and under it what the kind adds (e.g. the function drawn in 2-D)."""
        instance = self.run.play.instance
        prompt = rich_prompt(instance.prompt)
        extra = view_for(instance.kind).prompt_extra(instance)
        if extra is not None:
            prompt.append("\n\n")
            prompt.append_text(extra)
        return prompt

    def _set(self, selector: str, text: str | Text, status: str | None = None) -> None:
        """Fill one block of the screen; an empty block takes no space."""
        widget = self.query_one(selector, Static)
        widget.set_classes(status or "")
        widget.update(text if isinstance(text, Text) else Text(text))
        widget.display = bool(str(text))

    # -- answering ---------------------------------------------------------------------------

    @on(AnswerInput.Submitted)
    def _answer_submitted(self, event: AnswerInput.Submitted) -> None:
        self.submit(event.value)

    @on(Answered)
    def _answered(self, event: Answered) -> None:
        self.submit(event.value)

    def action_choose(self, number: int) -> None:
        instance = self.run.play.instance
        answer = view_for(instance.kind).pick(instance, number)
        if answer is not None:
            self.submit(answer)

    def action_confirm(self) -> None:
        widget = next(iter(self.query(".answer-widget")), None)
        instance = self.run.play.instance
        answer = None if widget is None else view_for(instance.kind).confirm(instance, widget)
        if answer is not None:
            self.submit(answer)

    def submit(self, answer: str) -> None:
        """Judge in a worker: the screen keeps responding while the checker works."""
        if self._checking or self.run.play.finished:
            return
        self._checking = True
        self._set("#verdict", t("question.checking", self.language))
        self._judge(answer)

    @work(thread=True, exclusive=True, group="judge")
    def _judge(self, answer: str) -> None:
        # submit() commits the answer to the store before returning, so a verdict on screen
        # is always a saved one.
        outcome = self.session.submit(self.run, answer)
        self.app.call_from_thread(self._show_outcome, outcome)

    def _show_outcome(self, outcome: AnswerFeedback) -> None:
        self._checking = False
        verdict = outcome.verdict
        text = Text()
        message = outcome.message
        if verdict.correct:
            text.append(t("question.correct", self.language))
            # The engine's plain "Correct." adds nothing; an explanation or plot note does.
            message = "" if verdict.sentence_id == "correct" else " " + message
        text.append(message)
        self._set("#verdict", text, verdict.status)
        if outcome.solution is not None:
            self._show_solution(outcome.solution)
        if verdict.correct:
            self.focus()

    def _show_solution(self, solution: str) -> None:
        heading = Text(t("question.solution", self.language) + "\n", style="bold")
        heading.append_text(rich_prompt(solution))
        self._set("#solution", heading)

    def action_hint(self) -> None:
        hint = self.session.hint(self.run)
        if hint is None:
            self.notify(t("question.no_more_hints", self.language))
            return
        self._set("#hints", "\n".join(self.run.play.instance.hints[: self.run.play.hints_shown]))
        self._save_place()

    def action_give_up(self) -> None:
        if not self.run.play.finished:
            self._show_solution(self.session.give_up(self.run))

    def action_next(self) -> None:
        if not self.run.play.finished:
            self.notify(t("question.finish_first", self.language))
            return
        self._advance()

    @work(thread=True, exclusive=True, group="judge")
    def _advance(self) -> None:
        more = self.session.advance(self.run)
        self.app.call_from_thread(self._after_advance, more)

    def _after_advance(self, more: bool) -> None:
        if more:
            self.call_later(self._show_next)
            return
        earned = stars(level_stars(self.run.stars))
        self.notify(t("question.level_done", self.language, stars=earned))
        self.dismiss(None)

    async def _show_next(self) -> None:
        await self.show_question()
        self._save_place()

    def action_back(self) -> None:
        self._save_place()
        self.dismiss(None)

    # -- resume -------------------------------------------------------------------------------

    @on(AnswerInput.Changed)
    def _typed(self, event: AnswerInput.Changed) -> None:
        self.run.play.typed = event.value
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_TYPED_AFTER, self._save_place)

    def _save_place(self) -> None:
        self._write_place()

    @work(thread=True, group="save-place")
    def _write_place(self) -> None:
        self.session.save_place(self.run)
