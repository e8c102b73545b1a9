"""A question: prompt, answer with live preview, verdict, hints and the worked solution."""

from __future__ import annotations

import re

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Label, Static

from derivquest.game.model import AnswerFeedback, LevelResult, LevelRun
from derivquest.game.session import PlayerGame
from derivquest.progress.errors import ProgressError
from derivquest.ui import start_turn
from derivquest.ui.key_labels import KeyTexts
from derivquest.ui.kind_views import Answered, Typed, view_for
from derivquest.ui.screens.question_list import QuestionListScreen
from derivquest.ui.strings import t
from derivquest.ui.styled_on_mount import StyledOnMount
from derivquest.ui.widgets.answer_input import AnswerInput
from derivquest.ui.widgets.game_footer import GameFooter

SAVE_TYPED_AFTER = 1.0
"""Seconds of quiet typing after which the typed text is saved for resuming."""


def rich_prompt(text: str) -> Text:
    """Show `math` in backticks in bold, without the backticks."""
    result = Text()
    for index, part in enumerate(re.split(r"`([^`]*)`", text)):
        result.append(part, style="bold" if index % 2 else "")
    return result


WIDGET_KEY_TEXTS: KeyTexts = {"question.list": None, "question.lesson": None}
"""Footer texts while the answer widget shows keys of its own (see `has_footer_keys`)."""


def has_footer_keys(widget: Widget | None) -> bool:
    """True when `widget` (a chart, a graph) puts keys of its own on the footer."""
    if widget is None or isinstance(widget, AnswerInput):
        return False
    declared = type(widget)._merged_bindings
    bindings = declared.key_to_bindings.values() if declared is not None else []
    return any(binding.show for group in bindings for binding in group)


class QuestionScreen(StyledOnMount[LevelResult | None]):
    """Plays the questions of a level until it ends or the player goes back."""

    AUTO_FOCUS = ""
    """Nothing is focused for the player: each question focuses its answer widget (or the
    screen). Textual's default focused the scrolling body first, and moving the focus to
    the answer box then restyled the screen twice more at every question shown."""

    BINDINGS = [
        Binding("ctrl+t", "hint", "hint", id="question.hint"),
        Binding("ctrl+g", "give_up", "give up", id="question.give_up"),
        # Ctrl+N is out of the footer so every key fits 80 columns: the line under the
        # question already says what Enter (the same step) does.
        Binding("ctrl+n", "next", "next", show=False, id="question.next"),
        Binding("ctrl+o", "questions", "list", id="question.list"),
        Binding("escape", "back", "map", id="question.back"),
        Binding("ctrl+l", "lesson", "lesson", id="question.lesson"),
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
        self._next_asked = False
        """Ctrl+N pressed while an answer was being checked: go on if it is right."""
        self.key_texts: KeyTexts = {}
        """Footer texts: see WIDGET_KEY_TEXTS."""

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Label("", id="question-title", classes="screen-title")
        with VerticalScroll(id="question-body"):
            yield Static("", id="prompt")
            yield Static("", id="options")
            yield Static("", id="verdict")
            yield Static("", id="hints")
            yield Static("", id="solution")
        yield Static("", id="next-step")
        yield GameFooter(compact=True)  # every key fits 80 columns

    async def on_mount(self) -> None:
        self.call_after_refresh(start_turn.question_drawn)  # a served game has started
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
        # A chart or graph brings keys of its own: Ctrl+O and Ctrl+L still work (help lists
        # them) but leave the footer's 80 columns to the keys that answer this question.
        self.key_texts = WIDGET_KEY_TEXTS if has_footer_keys(widget) else {}
        if widget is None:
            self.focus()  # the screen's keys answer (e.g. the option numbers)
        else:
            widget.add_class("answer-widget")
            await self.query_one("#question-body").mount(widget, after=options)
            if not isinstance(widget, AnswerInput):  # the answer box focuses its own input
                widget.focus()
        # Nothing of the last question stays: its verdict, solution and toasts go.
        self.app.clear_notifications()
        self._set("#verdict", "")
        self._show_hints()
        self._set("#solution", "")
        if play.solution_visible:  # a resumed give-up keeps its solution (and earns nothing)
            self._show_solution(instance.solution)
        if play.finished or play.solution_visible:
            self._lock_answer()
        self._show_next_step()

    def _prompt(self) -> Text:
        """The prompt, and under it what the kind adds (e.g. the function drawn in 2-D)."""
        instance = self.run.play.instance
        prompt = rich_prompt(instance.prompt)
        extra = view_for(instance.kind).prompt_extra(instance)
        if extra is not None:
            prompt.append("\n\n")
            prompt.append_text(extra)
        return prompt

    def _show_hints(self) -> None:
        play = self.run.play
        text = Text("\n").join(
            rich_prompt(hint) for hint in play.instance.hints[: play.hints_shown]
        )
        self._set("#hints", text)

    def _show_next_step(self) -> None:
        """One line that says what Enter does now."""
        play = self.run.play
        if play.finished or play.solution_visible:
            last = self.run.index + 1 >= self.run.total
            key = "next.finish" if last else "next.question"
            if play.solution_visible and not play.solved and not last:
                key = "next.after_solution"
        elif not self.query(".answer-widget"):
            key = "next.pick"  # no answer widget: the option numbers answer
        else:
            key = "next.check"
        self._set("#next-step", t(key, self.language))

    def _lock_answer(self) -> None:
        """A finished question takes no more answers: Enter on the screen goes on.

        A kind whose widget still has keys (the Backprop Lab's animation) keeps it focused.
        """
        instance = self.run.play.instance
        keeps_focus = None
        for widget in self.query(".answer-widget"):
            if view_for(instance.kind).lock(instance, widget, solved=self.run.play.solved):
                keeps_focus = widget
        if keeps_focus is None:
            self.focus()
        else:
            keeps_focus.focus()

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
        if self._can_go_on():
            self.action_next()
            return
        widget = next(iter(self.query(".answer-widget")), None)
        instance = self.run.play.instance
        answer = None if widget is None else view_for(instance.kind).confirm(instance, widget)
        if answer is not None:
            self.submit(answer)

    def submit(self, answer: str) -> None:
        """Judge in a worker: the screen keeps responding while the checker works.

        Once the question is finished (or its solution shows), Enter goes on instead.
        """
        if self._checking:
            return
        if self._can_go_on():
            self.action_next()
            return
        self._checking = True
        self._set("#verdict", t("question.checking", self.language))
        self._judge(answer)

    @work(thread=True, exclusive=True, group="judge")
    def _judge(self, answer: str) -> None:
        # submit() commits the answer to the store before returning, so a verdict on screen
        # is always a saved one.
        try:
            outcome = self.session.submit(self.run, answer)
        except ProgressError as error:  # not saved (the school's database restarting...)
            self.app.call_from_thread(self._show_not_saved, str(error))
            return
        self.app.call_from_thread(self._show_outcome, outcome)

    def _show_not_saved(self, reason: str) -> None:
        # No verdict without a saved answer; the typed answer stays in the box for a retry.
        self._checking = False
        self._set("#verdict", t("question.not_saved", self.language, reason=reason), "invalid")

    def _show_outcome(self, outcome: AnswerFeedback) -> None:
        self._checking = False
        verdict = outcome.verdict
        text = Text()
        message = outcome.message
        if verdict.correct:
            text.append(t("question.correct", self.language))
            # The engine's plain "Correct." adds nothing; an explanation or plot note does.
            message = "" if verdict.sentence_id == "correct" else " " + message
        text.append_text(rich_prompt(message))
        self._set("#verdict", text, verdict.status)
        if outcome.solution is not None:
            self._show_solution(outcome.solution)
        if verdict.correct or outcome.solution is not None:
            self._lock_answer()  # with the solution in view, typing it would earn nothing
        self._show_next_step()
        asked, self._next_asked = self._next_asked, False
        if asked and self._can_go_on():
            self.action_next()

    def _show_solution(self, solution: str) -> None:
        heading = Text(t("question.solution", self.language) + "\n", style="bold")
        heading.append_text(rich_prompt(solution))
        self._set("#solution", heading)

    def action_hint(self) -> None:
        if self.run.play.finished:
            return
        hint = self.session.hint(self.run)
        if hint is None:
            self.notify(t("question.no_more_hints", self.language))
            return
        self._show_hints()
        self._save_place()

    def action_give_up(self) -> None:
        if self.run.play.finished or self._checking:
            return
        self.run.play.gave_up = True  # at once: an Enter that follows goes on, never judges
        self._show_solution(self.run.play.instance.solution)
        instance = self.run.play.instance
        for widget in self.query(".answer-widget"):  # e.g. the Backprop Lab shows its answers
            view_for(instance.kind).given_up(instance, widget)
        self._lock_answer()
        self._show_next_step()
        self._write_give_up()

    @work(thread=True, group="save-place")
    def _write_give_up(self) -> None:
        self.session.give_up(self.run)

    def _can_go_on(self) -> bool:
        """Solved, given up, or the solution shows: the next step is the next question."""
        play = self.run.play
        return play.finished or play.solution_visible

    def action_next(self) -> None:
        if self._checking:
            self._next_asked = True  # decided when the verdict arrives, never dropped
            return
        if not self._can_go_on():
            self._set("#next-step", t("next.answer_first", self.language), "warning")
            return
        if not self.run.play.finished:  # moving on past a shown solution gives the question up
            self.run.play.gave_up = True
        self._checking = True  # no answer and no second Ctrl+N while moving on
        self._advance()

    @work(thread=True, exclusive=True, group="judge")
    def _advance(self) -> None:
        try:
            more = self.session.advance(self.run)
        except ProgressError as error:  # the level's result: nothing moved, `n` tries again
            self.app.call_from_thread(self._warn_not_saved, str(error))
            return
        self.app.call_from_thread(self._after_advance, more)

    def _warn_not_saved(self, reason: str) -> None:
        self.notify(t("progress.not_saved", self.language, reason=reason), severity="warning")

    def _after_advance(self, more: bool) -> None:
        if more:
            self.call_later(self._show_next)
            return
        self._finish_level()

    @work(thread=True, group="judge")
    def _finish_level(self) -> None:
        result = self.session.level_result(self.run) if self.run.full_id else None
        self.app.call_from_thread(self.dismiss, result)

    async def _show_next(self) -> None:
        self._checking = False
        await self.show_question()
        self._save_place()

    def action_lesson(self) -> None:
        """Read the level's lesson again; the question and its typed draft wait underneath."""
        from derivquest.ui.screens.lesson import LessonScreen

        if self.run.lesson:
            self.app.push_screen(
                LessonScreen(self.run.title, self.run.lesson, self.language, reopened=True)
            )

    def action_questions(self) -> None:
        """The level's questions, to jump to one."""
        if self._checking:
            return
        self._list_questions()

    @work(thread=True, group="judge")
    def _list_questions(self) -> None:
        prompts = self.session.question_titles(self.run)
        solved = self.session.solved_in(self.run)
        screen = QuestionListScreen(prompts, solved, self.run.index, self.language)
        self.app.call_from_thread(self.app.push_screen, screen, self._jump)

    def _jump(self, index: int | None) -> None:
        if index is None or index == self.run.index:
            return
        self._checking = True
        self._jump_to(index)

    @work(thread=True, exclusive=True, group="judge")
    def _jump_to(self, index: int) -> None:
        self.session.jump(self.run, index)
        self.app.call_from_thread(self.call_later, self._show_next)

    def action_back(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._leave()

    @work(thread=True, group="save-place")
    def _leave(self) -> None:
        # The map slot and the place are written before the map shows, so quitting there
        # reopens the map (and the level keeps its place).
        self.session.leave_for_map(self.run)
        self.app.call_from_thread(self.dismiss, None)

    # -- resume -------------------------------------------------------------------------------

    @on(AnswerInput.Changed)
    def _typed(self, event: AnswerInput.Changed) -> None:
        self.run.play.typed = event.value
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_TYPED_AFTER, self._save_place)

    @on(Typed)
    def _kind_typed(self, event: Typed) -> None:
        """A kind answered in steps (the graph lab): its work so far is saved at once."""
        self.run.play.typed = event.value
        self._save_place()

    def _save_place(self) -> None:
        self._write_place()

    @work(thread=True, group="save-place")
    def _write_place(self) -> None:
        try:
            self.session.save_place(self.run)
        except ProgressError as error:  # the next pause in typing saves it again
            self.app.call_from_thread(self._warn_not_saved, str(error))
