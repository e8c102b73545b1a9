"""Checks of one question variant with the engine: reference answers, feedback, solvable plots."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from derivquest.content.checks import OVERRUN as OVERRUN
from derivquest.content.checks import SYNTAX_FIX as SYNTAX_FIX
from derivquest.content.checks import Issue as Issue
from derivquest.content.instance import QuestionInstance, build_instance
from derivquest.content.questions import QuestionBase
from derivquest.content.tasks import VariantError
from derivquest.content.templates import ParamValue
from derivquest.kinds.registry import spec_for

if TYPE_CHECKING:
    from derivquest.engine import JudgeService, Verdict


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
        from derivquest.engine import evaluate

        value: float | Exception = self._guarded(("evaluate", text), lambda: evaluate(text, {}, ()))
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

    def derivative_value(self, function: str, variable: str, at: float) -> float | Exception:
        """f'(at) from the checker process (an overrun is a `DeadlineExceeded`), or why not."""
        value: float | Exception = self._cached(
            ("f'", function, variable, at),
            lambda: self.service.derivative_value(function, variable, at),
        )
        return value

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """Run a kind's or chart's own pure check once per key."""
        return self._cached(key, compute)

    def check(
        self,
        question: QuestionBase,
        full_id: str,
        values: dict[str, ParamValue],
        languages: Sequence[str],
    ) -> list[Issue]:
        """Return the issues of one variant of `question` (its kind's checks)."""
        instances: list[QuestionInstance] = []
        for language in dict.fromkeys(["en", *languages]):
            try:
                instances.append(build_instance(question, full_id, [], values, language))
            except VariantError as error:
                fix = "make the template give a finite number for every parameter value"
                return [Issue("number", error.path, error.message, fix)]
        return spec_for(question.kind_name).engine_issues(instances[0], self)
