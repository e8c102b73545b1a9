"""The Backprop Lab: the graph kind's view, and its widget (the graph drawn left to right)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from derivquest.content import QuestionInstance
from derivquest.kinds.base import payload_of
from derivquest.kinds.graph.canvas import ROLES, draw
from derivquest.kinds.graph.compute import format_value, number
from derivquest.kinds.graph.diagnosis import local_formula
from derivquest.kinds.graph.instance import GraphInstance, Slot
from derivquest.kinds.graph.judging import EntryVerdict, entry_name, judge_entry, present
from derivquest.kinds.graph.lab import LabState
from derivquest.kinds.graph.record import read_record, right_entry, write_record
from derivquest.kinds.graph.texts import say
from derivquest.ui.kind_views import Answered, KindView, Typed
from derivquest.ui.widgets.answer_input import AnswerBox

ANIMATION_SECONDS = 0.8
"""Time between two steps of the backward-pass animation."""


class GraphCanvas(Widget):
    """Draws the lab's state; its styles come from component classes over theme variables."""

    COMPONENT_CLASSES = {f"graph-canvas--{role}" for role in ROLES}

    DEFAULT_CSS = """
    GraphCanvas { height: 1fr; width: 100%; }
    GraphCanvas > .graph-canvas--box { color: $text-muted; }
    GraphCanvas > .graph-canvas--box-cursor { color: $accent; text-style: bold; }
    GraphCanvas > .graph-canvas--label { text-style: bold; }
    GraphCanvas > .graph-canvas--given { color: $text; }
    GraphCanvas > .graph-canvas--open { color: $warning; text-style: bold; }
    GraphCanvas > .graph-canvas--right { color: $success; }
    GraphCanvas > .graph-canvas--wrong { color: $error; text-style: underline; }
    GraphCanvas > .graph-canvas--cell-cursor { text-style: reverse bold; }
    GraphCanvas > .graph-canvas--edge { color: $text-muted; }
    GraphCanvas > .graph-canvas--edge-hot { color: $accent; text-style: bold; }
    """

    def __init__(self, state: LabState, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.state = state

    def render(self) -> RenderableType:
        styles = {role: self.get_component_rich_style(f"graph-canvas--{role}") for role in ROLES}
        return Text("\n").join(draw(self.state, styles))


class EntryInput(AnswerBox):
    """The entry box: left/right on an empty box move between nodes instead of the caret.

    An `AnswerBox`, so Ctrl+U, digits and Enter arriving in one read (over SSH, in tmux)
    apply in the order they were typed.
    """

    class Moved(Message):
        """Left or right was pressed with nothing typed."""

        def __init__(self, dx: int) -> None:
            super().__init__()
            self.dx = dx

    def action_cursor_left(self, select: bool = False) -> None:
        if not self.value:
            self.post_message(self.Moved(-1))
        else:
            super().action_cursor_left(select)

    def action_cursor_right(self, select: bool = False) -> None:
        if not self.value:
            self.post_message(self.Moved(1))
        else:
            super().action_cursor_right(select)


class GraphLab(Vertical, can_focus=True):
    """Fill in a graph's values and gradients; each entry is checked as it is entered."""

    DEFAULT_CSS = """
    GraphLab { height: 1fr; }
    GraphLab.-embedded { height: auto; }
    GraphLab.-embedded > GraphCanvas { height: auto; }
    GraphLab > #graph-status { height: auto; max-height: 4; padding: 0 1; }
    GraphLab > #graph-entry-row { height: 1; }
    GraphLab #graph-entry-label { width: auto; padding: 0 1; text-style: bold; }
    GraphLab #graph-entry { border: none; height: 1; padding: 0; width: 1fr; }
    GraphLab > #graph-status.incorrect { color: $warning; }
    GraphLab > #graph-status.correct { color: $success; text-style: bold; }
    """

    BINDINGS = [
        Binding("tab", "next_slot(1)", "next ?", id="graph.next"),
        Binding("shift+tab", "next_slot(-1)", "previous ?", show=False, id="graph.previous"),
        Binding("up", "move(0, -1)", "node above", show=False, id="graph.up"),
        Binding("down", "move(0, 1)", "node below", show=False, id="graph.down"),
        Binding("left", "move(-1, 0)", "node left", show=False, id="graph.left"),
        Binding("right", "move(1, 0)", "node right", show=False, id="graph.right"),
        Binding("ctrl+o", "switch_entry", "value/grad", id="graph.toggle"),
        Binding("ctrl+t", "hint", "hint", id="graph.hint"),
        Binding("ctrl+g", "give_up", "give up", id="graph.give_up"),
        Binding("a", "animate", "animate", id="graph.animate"),
        Binding("space", "step", "step", id="graph.step"),
    ]

    class Entered(Message):
        """One entry was judged."""

        def __init__(self, lab: GraphLab, slot: Slot, verdict: EntryVerdict) -> None:
            super().__init__()
            self.lab = lab
            self.slot = slot
            self.verdict = verdict

        @property
        def control(self) -> GraphLab:
            return self.lab

    class Finished(Message):
        """Every entry is right, or the learner gave up."""

        def __init__(self, lab: GraphLab, solved: bool, mistakes: int) -> None:
            super().__init__()
            self.lab = lab
            self.solved = solved
            self.mistakes = mistakes

        @property
        def control(self) -> GraphLab:
            return self.lab

    def __init__(
        self,
        instance: GraphInstance,
        language: str = "en",
        *,
        record: str = "",
        embedded: bool = False,
        id: str | None = None,  # noqa: A002
    ) -> None:
        """`record`: entries saved before (see `record.py`), replayed to resume.

        `embedded`: played in a question or drill screen, which records the answers: the
        lab posts `Typed` after each entry and `Answered` for a wrong one and the last one,
        and leaves the hint and give-up keys to the screen.
        """
        super().__init__(id=id, classes="-embedded" if embedded else "")
        self.state = LabState(instance)
        self.language = language
        self.embedded = embedded
        self.hints_shown = 0
        """How many hints the learner opened (for scoring)."""
        self.right: dict[Slot, str] = {}
        """Each slot answered right, as its number (what `record` keeps of it)."""
        self.last: tuple[Slot, str] | None = None
        """The latest entry judged, as typed."""
        self._timer: Timer | None = None
        self._replay(record)

    def _replay(self, record: str) -> None:
        """Judge the saved entries again (deterministic) and put the cursor on the next ?.

        An entry that would complete the graph is left typed in its box, not entered: the
        game saved the place before it recorded the answer, so the player submits it again
        (as a typed answer of any kind is restored, not submitted).
        """
        for slot, text in read_record(self.state.instance, record):
            if not self.state.instance.asked(slot) or self.state.finished:
                continue
            verdict = judge_entry(self.state.instance, slot, text)
            if verdict.correct and self.state.open_slots() == [slot]:
                self.state.typed[slot] = text
                break
            if verdict.status != "invalid":
                self.state.record(slot, text, verdict)
                self._keep(slot, text, verdict)
        open_slots = self.state.open_slots()
        if open_slots:
            self.state.slot = open_slots[0]

    def _keep(self, slot: Slot, text: str, verdict: EntryVerdict) -> None:
        if verdict.correct and verdict.number is not None:
            self.right[slot] = right_entry(verdict.number)
        self.last = (slot, text)

    @property
    def record(self) -> str:
        """The entries so far, as the spec grades them and the resume point keeps them:
        the right ones, then the latest as typed (the one being checked)."""
        entries = [
            (slot, text)
            for slot, text in self.right.items()
            if self.last is None or slot != self.last[0]
        ]
        if self.last is not None:
            entries.append(self.last)
        return write_record(self.state.instance, entries)

    def compose(self) -> ComposeResult:
        yield GraphCanvas(self.state, id="graph-canvas")
        yield Static("", id="graph-status", markup=False)
        with Horizontal(id="graph-entry-row"):
            yield Label("", id="graph-entry-label", markup=False)
            entry = EntryInput(id="graph-entry", select_on_focus=False)
            # Inline, so the game's stylesheet (a tall border on every Input) cannot give the
            # one-line entry row a border that hides what is typed.
            entry.styles.border = ("none", "transparent")
            yield entry

    def on_mount(self) -> None:
        self._timer = self.set_interval(ANIMATION_SECONDS, self._tick, pause=True)
        self._refresh_view()
        if self.state.finished:  # nothing to fill in: only the animation is left
            self._finish(solved=self.state.solved, announce=False)
            self._say(say("lab.solved", self.language))
            return
        self._load_entry()  # a resumed slot shows what was typed there
        self._say(say("lab.todo", self.language, left=len(self.state.open_slots())))
        self.query_one(EntryInput).focus()

    def on_focus(self) -> None:
        """Focus given to the lab (e.g. by the question screen) goes to its entry box."""
        if not self.state.finished:
            self.query_one(EntryInput).focus()

    # -- entering --------------------------------------------------------------------------

    @on(Input.Submitted, "#graph-entry")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.state.finished:
            return
        self._judge(self.state.slot, event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="graph-judge")
    def _judge(self, slot: Slot, text: str) -> None:
        """Judge off the event loop (parsing and 40-digit evaluation take a few ms)."""
        try:
            verdict = judge_entry(self.state.instance, slot, text)
        except Exception:  # noqa: BLE001 - a bug must not reach the player as a traceback
            self.app.call_from_thread(self._say, say("check-failed", self.language))
            return
        self.app.call_from_thread(self._judged, slot, text, verdict)

    def _judged(self, slot: Slot, text: str, verdict: EntryVerdict) -> None:
        was_finished = self.state.finished
        self.state.record(slot, text, verdict)
        counted = verdict.status != "invalid" and not was_finished
        if counted:
            self._keep(slot, text, verdict)
        status = self.query_one("#graph-status", Static)
        status.set_class(verdict.status == "correct", "correct")
        status.set_class(verdict.status != "correct", "incorrect")
        message = present(verdict, self.language)
        if self.embedded and verdict.status == "incorrect":
            message = self._hint_text(slot)  # the screen shows the verdict; help here
        if verdict.correct:
            self._load_entry()  # the cursor moved on: show what was typed there, if anything
        solved_now = self.state.solved and not was_finished
        if solved_now:
            message += " " + say("lab.solved", self.language)
        self._say(message)
        self._refresh_view()
        self.post_message(self.Entered(self, slot, verdict))
        if counted and self.embedded:
            # Saved for resuming first; a wrong entry and the last one are answers to record.
            self.post_message(Typed(self.record))
            if solved_now or not verdict.correct:
                self.post_message(Answered(self.record))
        if solved_now:
            self._finish(solved=True)

    # -- moving ----------------------------------------------------------------------------

    def action_next_slot(self, direction: int) -> None:
        """Tab: the next slot still to fill in."""
        self.state.next_open(direction)
        self._moved()

    def action_move(self, dx: int, dy: int) -> None:
        """Arrows: the nearest node in that direction."""
        self.state.move(dx, dy)
        self._moved()

    @on(EntryInput.Moved)
    def _entry_moved(self, event: EntryInput.Moved) -> None:
        self.action_move(event.dx, 0)

    def action_switch_entry(self) -> None:
        """Switch between the node's value and gradient."""
        self.state.toggle()
        self._moved()

    def _load_entry(self) -> None:
        slot = self.state.slot
        entry = self.query_one(EntryInput)
        entry.value = self.state.typed.get(slot, "") if not self.state.is_right(slot) else ""

    def _moved(self) -> None:
        slot = self.state.slot
        self._load_entry()
        if self.state.finished:
            pass
        elif slot == (self.state.instance.output, "grad"):
            self._say(say("lab.output_grad", self.language))
        elif not self.state.instance.asked(slot):
            self._say(say("not-asked", self.language, entry=entry_name(slot)))
        elif slot in self.state.verdicts:
            self._say(present(self.state.verdicts[slot], self.language))
        else:
            self._say(say("lab.todo", self.language, left=len(self.state.open_slots())))
        self._refresh_view()

    # -- help, giving up, animation ---------------------------------------------------------

    def action_hint(self) -> None:
        """The node's own hint, or one written from the graph."""
        self.hints_shown += 1
        self._say(self._hint_text(self.state.slot))

    def _hint_text(self, slot: Slot) -> str:
        node, entry = slot
        view = self.state.instance.node(node)
        shape = self.state.instance.shape
        if view.hint:
            hint = view.hint
        elif entry == "value":
            hint = say(
                "lab.generic_hint.value",
                self.language,
                node=node,
                op=view.op,
                inputs=", ".join(view.inputs) or "-",
            )
        else:
            consumers = ", ".join(c for c, _ in shape.consumers[node]) or "-"
            hint = say("lab.generic_hint.grad", self.language, node=node, consumers=consumers)
        return say("lab.hint", self.language, node=node, hint=hint)

    def action_give_up(self) -> None:
        """Show every answer; the animation can then play."""
        self.give_up()

    def give_up(self) -> None:
        """Show every answer (the question screen calls this when the player gives up)."""
        if self.state.finished:
            return
        self.state.give_up()
        self._finish(solved=False)
        self._say(say("lab.given_up", self.language))
        self._refresh_view()

    def close_entries(self, *, solved: bool) -> None:
        """The question screen takes no more answers (solved, given up, or its solution
        shows): every answer is shown, and the lab keeps only its animation keys.

        A lab resumed after the question was solved may lack the entry that solved it (the
        game quit before it was recorded): it shows the answers as solved, not given up.
        """
        if self.state.finished:
            return
        self.state.give_up()
        self._finish(solved=solved, announce=False)
        self._say(say("lab.solved" if solved else "lab.given_up", self.language))
        self._refresh_view()

    def action_animate(self) -> None:
        """Play the backward pass from the start, one edge per tick."""
        if not self.state.finished:
            return
        self.state.step = None
        self.action_step()
        if self._timer is not None:
            self._timer.reset()
            self._timer.resume()

    def action_step(self) -> None:
        """One step of the backward pass (then the gradient check)."""
        if not self.state.advance():
            if self._timer is not None:
                self._timer.pause()
            return
        self._say(self._step_text())
        self._refresh_view()

    def _tick(self) -> None:
        self.action_step()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Animation keys only once the graph is finished; entry keys only before."""
        finished = self.state.finished
        if action in ("animate", "step"):
            return finished
        if action in ("hint", "give_up") and self.embedded:
            return False  # the screen's keys: its hints count for stars, its give-up is saved
        if action in ("hint", "give_up", "switch_entry", "next_slot", "move"):
            return not finished
        return True

    def _finish(self, solved: bool, *, announce: bool = True) -> None:
        entry = self.query_one(EntryInput)
        entry.value = ""
        entry.disabled = True
        self.focus()
        self.refresh_bindings()
        if announce:
            self.post_message(self.Finished(self, solved, self.state.mistakes))

    def _step_text(self) -> str:
        state, language = self.state, self.language
        step = state.step or 0
        if step == 0:
            return say("anim.start", language, steps=len(state.steps), output=state.instance.output)
        if step <= len(state.steps):
            term = state.steps[step - 1].term
            return say(
                "anim.edge",
                language,
                step=step,
                steps=len(state.steps),
                node=term.source,
                consumer=term.consumer,
                upstream=format_value(float(number(term.upstream))),
                local=_formula_and_value(local_formula(state.instance.shape, term), term.local),
                contribution=format_value(float(number(term.contribution))),
            )
        check = state.gradient_check()
        if check is None:
            return say("lab.solved", language)
        outcome = say("gradcheck.agree" if check.agree else "gradcheck.differ", language)
        return say(
            "gradcheck",
            language,
            node=check.node,
            yours=f"{check.analytic:.6g}",
            numeric=f"{check.numeric:.6g}",
            h=f"{check.h:g}",
            outcome=outcome,
        )

    # -- drawing ---------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.query_one("#graph-status", Static).update(text)

    def _refresh_view(self) -> None:
        slot = self.state.slot
        label = "" if self.state.finished else f"{entry_name(slot)} ="
        self.query_one("#graph-entry-label", Label).update(label)
        self.query_one(GraphCanvas).refresh()


def _formula_and_value(formula: str, value: object) -> str:
    """`1-a² = 0.2` when the formula says more than its number, else just the number."""
    shown = format_value(float(number(value)))
    return shown if formula == shown else f"{formula} = {shown}"


class GraphView(KindView):
    """The lab in the question and drill screens: it posts the record of entries."""

    kind = "graph"

    def answer_widget(
        self, instance: QuestionInstance, *, typed: str, language: str, widget_id: str
    ) -> Widget:
        lab = payload_of(instance, GraphInstance)
        return GraphLab(lab, language, record=typed, embedded=True, id=widget_id)

    def given_up(self, instance: QuestionInstance, widget: Widget) -> None:
        if isinstance(widget, GraphLab):
            widget.give_up()

    def lock(self, instance: QuestionInstance, widget: Widget, *, solved: bool) -> bool:
        """Not disabled: a disabled lab would drop its animation keys (`a`, Space)."""
        if not isinstance(widget, GraphLab):
            return super().lock(instance, widget, solved=solved)
        widget.close_entries(solved=solved)
        return True


VIEW = GraphView()
"""Found by the registry."""
