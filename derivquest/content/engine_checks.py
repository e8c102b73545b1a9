"""Checks of one question variant with the engine: reference answers, feedback, solvable plots."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from derivquest.content.goals import (
    LEARNING_RATES,
    MAX_POSITIONS,
    STEP_SIZES,
    activation_target_reachable,
    converging_rates,
)
from derivquest.content.instance import QuestionInstance, build_instance, reference_answer
from derivquest.content.locator import KeyPath
from derivquest.content.plotmath import gradient_check_rows, tangent_solutions
from derivquest.content.reference import overrun_seconds
from derivquest.content.schema import Question
from derivquest.content.tasks import (
    ActivationTask,
    DescentTask,
    GradientCheckTask,
    TangentTask,
    VariantError,
)
from derivquest.content.templates import ParamValue

if TYPE_CHECKING:
    from derivquest.engine import JudgeService, Verdict

OVERRUN = "overrun"
"""The check of an Issue whose math overran the checker's deadline."""

SYNTAX_FIX = "fix the expression (see 'Expression syntax' in docs/authoring.md)"


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with one variant, relative to its question table."""

    check: str
    """Which check failed; the validator reports each (check, path) once per question."""
    path: KeyPath
    message: str
    fix: str


class VariantChecker:
    """Runs the engine checks; remembers every result, so repeated variants cost nothing."""

    def __init__(self, service: JudgeService) -> None:
        self.service = service
        self._memo: dict[tuple[Any, ...], Any] = {}

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def verdict(self, method: str, *args: Any) -> Verdict:
        """Call a JudgeService method once per distinct arguments."""
        result: Verdict = self._cached(
            (method, *args), lambda: getattr(self.service, method)(*args)
        )
        return result

    def read_error(self, text: str, names: tuple[str, ...]) -> Exception | None:
        """Return why the engine cannot read `text`, or None when it can."""
        from derivquest.engine import parse

        def compute() -> Exception | None:
            parse(text, names)
            return None

        error: Exception | None = self._guarded(("parse", text, names), compute)
        return error

    def value(self, text: str) -> float | Exception:
        """Return the real value of a constant expression, or the engine's reason why not."""
        # In the checker process, under its deadline: a constant can be slow to evaluate too.
        value: float | Exception = self._guarded(
            ("evaluate", text), lambda: self.service.value(text)
        )
        return value

    def _guarded(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """Run an in-process engine call once per key; an error becomes the result."""
        from derivquest.engine import EngineError

        def safely() -> Any:
            try:
                return compute()
            except EngineError as error:
                return error
            except Exception as error:  # an author's expression must not stop the validator
                return EngineError(f"the engine failed on it ({type(error).__name__})")

        return self._cached(key, safely)

    def check(
        self,
        question: Question,
        full_id: str,
        values: dict[str, ParamValue],
        languages: Sequence[str],
    ) -> list[Issue]:
        """Return the issues of one variant of `question`."""
        instances: list[QuestionInstance] = []
        for language in dict.fromkeys(["en", *languages]):
            try:
                instances.append(build_instance(question, full_id, [], values, language))
            except VariantError as error:
                fix = "make the template give a finite number for every parameter value"
                return [Issue("number", error.path, error.message, fix)]
        instance = instances[0]
        if instance.kind == "derivative":
            return self._derivative(instance)
        if instance.kind in ("expression", "numeric"):
            return self._expected(instance)
        if instance.plot is not None:
            return self._plot(instance.plot)
        return []

    def _derivative(self, instance: QuestionInstance) -> list[Issue]:
        function = instance.function or ""
        names = instance.variables
        error = self.read_error(function, names)
        if error is not None:
            return [Issue("read", ("function",), _unreadable(function, error), SYNTAX_FIX)]
        answer = reference_answer(function, instance.variable, names)
        seconds = overrun_seconds(answer)
        if seconds is not None:
            message = f"{function!r} took longer than {seconds:g} s to differentiate"
            return [Issue(OVERRUN, ("function",), message, "simplify the function")]
        if isinstance(answer, Exception):
            message = f"cannot differentiate {function!r}: {answer}"
            return [Issue("reference", ("function",), message, SYNTAX_FIX)]
        verdict = self.verdict("check_derivative", function, str(answer), instance.variable, names)
        if not verdict.correct:
            message = f"the engine cannot confirm the derivative of {function!r}: {verdict.message}"
            return [Issue("reference", ("function",), message, "write the function more simply")]
        return self._feedback(
            instance,
            lambda wrong: self.verdict(
                "check_derivative", function, wrong, instance.variable, names
            ),
        )

    def _expected(self, instance: QuestionInstance) -> list[Issue]:
        expected = instance.expected or ""
        names = instance.variables
        error = self.read_error(expected, names)
        if error is not None:
            return [Issue("read", ("expected",), _unreadable(expected, error), SYNTAX_FIX)]
        if instance.kind == "numeric":
            value = self.value(expected)
            if isinstance(value, Exception) or not math.isfinite(value):
                shown = value if isinstance(value, Exception) else "it is not finite"
                message = f"{expected!r} does not give a real number: {shown}"
                fix = "make it a finite real number for every parameter value"
                return [Issue("reference", ("expected",), message, fix)]
            tolerances = (instance.abs_tol, instance.rel_tol)

            def judge(answer: str) -> Verdict:
                return self.verdict("check_numeric", expected, answer, *tolerances)
        else:

            def judge(answer: str) -> Verdict:
                return self.verdict("check", expected, answer, names)

        verdict = judge(expected)
        if not verdict.correct:
            message = (
                f"the engine does not accept {expected!r} as its own answer: {verdict.message}"
            )
            return [Issue("reference", ("expected",), message, "write it more simply")]
        return self._feedback(instance, judge)

    def _feedback(self, instance: QuestionInstance, judge: Callable[[str], Verdict]) -> list[Issue]:
        issues = []
        for index, note in enumerate(instance.feedback):
            path = ("feedback", index, "answer")
            verdict = judge(note.answer)
            if verdict.status == "invalid":
                message = f"feedback answer {note.answer!r} cannot be judged: {verdict.message}"
                issues.append(Issue("feedback", path, message, SYNTAX_FIX))
            elif verdict.correct:
                message = (
                    f"feedback answer {note.answer!r} is a correct answer, "
                    "so its note would never be shown"
                )
                fix = "write the wrong answer this note is for"
                issues.append(Issue("feedback", path, message, fix))
        return issues

    def _plot(self, task: Any) -> list[Issue]:
        if isinstance(task, TangentTask):
            return self._tangent(task)
        if isinstance(task, DescentTask):
            if task.x == 0:
                fix = "use a non-zero x"
                return [Issue("solvable", ("plot", "x"), "x is 0, so w*x = y has no solution", fix)]
            if not self._cached(("descent", task), lambda: converging_rates(task)):
                rates = f"{LEARNING_RATES[0]:g} to {LEARNING_RATES[-1]:g}"
                message = (
                    f"no offered learning rate ({rates}) brings w within {task.tolerance:g} "
                    f"of y/x = {task.y / task.x:g} in {task.max_steps} "
                    f"step{'' if task.max_steps == 1 else 's'}"
                )
                fix = "allow more steps, a larger tolerance, or start w0 closer to y/x"
                return [Issue("solvable", ("plot", "max_steps"), message, fix)]
            return []
        if isinstance(task, GradientCheckTask):
            return self._gradient_check(task)
        if isinstance(task, ActivationTask) and not activation_target_reachable(task):
            message = (
                f"the cursor (from {task.x_start:g} in steps of {task.x_step:g}) never gets "
                f"within {task.tolerance:g} of {task.target:g}"
            )
            fix = "change x_start or x_step, or make tolerance at least x_step / 2"
            return [Issue("solvable", ("plot", "target"), message, fix)]
        return []

    def _tangent(self, task: TangentTask) -> list[Issue]:
        error = self.read_error(task.function, ("x",))
        if error is not None:
            return [
                Issue("read", ("plot", "function"), _unreadable(task.function, error), SYNTAX_FIX)
            ]
        if task.x_min >= task.x_max:
            message = f"x_min ({task.x_min:g}) must be less than x_max ({task.x_max:g})"
            return [Issue("range", ("plot", "x_min"), message, "swap them")]
        if not task.x_min <= task.x_start <= task.x_max:
            message = f"x_start ({task.x_start:g}) is outside x_min..x_max"
            return [Issue("range", ("plot", "x_start"), message, "start inside the chart")]
        count = (task.x_max - task.x_min) / task.x_step
        if count > MAX_POSITIONS:
            message = f"x_step gives {count:.0f} positions (at most {MAX_POSITIONS})"
            return [Issue("range", ("plot", "x_step"), message, "use a larger x_step")]
        if not self._cached(("tangent", task), lambda: tangent_solutions(task, limit=1)):
            message = (
                f"no reachable x0 in {task.x_min:g}..{task.x_max:g} (steps of {task.x_step:g} "
                f"from {task.x_start:g}) has a slope within {task.tolerance:g} of {task.target:g}"
            )
            fix = "change target, tolerance, x_step or the x range"
            return [Issue("solvable", ("plot", "target"), message, fix)]
        return []

    def _gradient_check(self, task: GradientCheckTask) -> list[Issue]:
        from derivquest.engine import EngineError

        error = self.read_error(task.function, ("x",))
        if error is not None:
            return [
                Issue("read", ("plot", "function"), _unreadable(task.function, error), SYNTAX_FIX)
            ]
        # The reference derivative, in the checker process under its deadline.
        exact = self._cached(
            ("f'", task.function, task.at),
            lambda: self.service.derivative_value(task.function, "x", task.at),
        )
        seconds = overrun_seconds(exact) if isinstance(exact, Exception) else None
        if seconds is not None:
            message = f"{task.function!r} took longer than {seconds:g} s to differentiate"
            return [Issue(OVERRUN, ("plot", "function"), message, "simplify the function")]
        try:
            if isinstance(exact, EngineError):
                raise exact
            rows = self._cached(("gradient-check", task), lambda: gradient_check_rows(task, exact))
        except EngineError as failure:
            message = f"f' has no value at {task.at:g}: {failure.message}"
            return [Issue("solvable", ("plot", "at"), message, "pick a point where f is smooth")]
        if not any(row.passes for row in rows):
            best = min(rows, key=lambda row: abs(row.estimate - row.exact))
            message = (
                f"no step h from {STEP_SIZES[0]:g} to {STEP_SIZES[-1]:g} gets within "
                f"{task.tolerance:g} of f'({task.at:g}); the best, h = {best.h:g}, "
                f"is off by {abs(best.estimate - best.exact):.3g}"
            )
            return [Issue("solvable", ("plot", "tolerance"), message, "use a larger tolerance")]
        return []


def _unreadable(text: str, error: Exception) -> str:
    reason = getattr(error, "message", str(error))
    return f"{text!r} cannot be read: {reason}"
