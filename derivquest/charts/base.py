"""What a chart declares about its plot tasks: the interface every `charts/<chart>/task.py` fills.

Pure (content layer). The chart's numbers live in its `model.py`, used both by its view (the
widget the player moves) and by `grade` here, so the chart and the grader cannot disagree.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from derivquest.content.fields import Model
from derivquest.kinds.base import Checker, Filler, Issue, TemplateField

if TYPE_CHECKING:
    from derivquest.engine import EngineError, Verdict
    from derivquest.engine.functions import ChartCurves


class CurveSource(Protocol):
    """Where grading gets a typed f and f' (the game's checker: its deadline and memory limit)."""

    def chart_curves(self, text: str, variable: str = "x") -> ChartCurves | EngineError:
        """f and f' as bounded float programs, or why they cannot be drawn."""
        ...


class ChartTask(Protocol):
    """A plot task with every number resolved; each chart has its own frozen dataclass."""

    @property
    def chart(self) -> str:
        """The chart id, as in `chart = "..."`."""
        ...


class ChartSpec(ABC):
    """One chart's plot tasks: its pack table, resolving a task, grading, validator checks."""

    chart: ClassVar[str]
    """The id: `chart = "..."` in level files, and the name the map opens it by."""
    table: ClassVar[type[Model]]
    """The pack model of `[questions.plot]` for this chart; its `chart` field is Literal[chart]."""
    order: ClassVar[int] = 100
    """Position in the docs and error messages (built-ins 10..40)."""
    expression_fields: ClassVar[tuple[str, ...]] = ()
    """Table fields that are expression templates in x (`function`: f(x) on the chart)."""
    number_fields: ClassVar[tuple[str, ...]] = ()
    """Table fields that are numbers or number templates."""

    @abstractmethod
    def task(self, plot: Any, fill: Filler) -> ChartTask:
        """Resolve the table for one variant (VariantError when a number does not work)."""

    @abstractmethod
    def grade(self, task: Any, value: float, curves: CurveSource) -> Verdict:
        """Judge the chart state the player submitted (x0, a learning rate, h, a cursor x).

        A chart that draws an author's f(x) gets it from ``curves`` (the checker), so a
        hostile function overruns the checker's deadline, never the game.
        """

    def issues(self, task: Any, checker: Checker) -> list[Issue]:
        """Whether the task can be solved on the chart (the validator's checks)."""
        return []

    @property
    def has_function(self) -> bool:
        """Whether the chart draws an author's f(x), so texts may use `{function}`."""
        return "function" in self.expression_fields

    def templates(self, plot: Any) -> Iterator[TemplateField]:
        """The table's templates (for the validator's placeholder checks)."""
        for name in self.expression_fields:
            yield TemplateField(("plot", name), getattr(plot, name), "expression")
        for name in self.number_fields:
            value = getattr(plot, name)
            if isinstance(value, str):
                yield TemplateField(("plot", name), value, "number")
