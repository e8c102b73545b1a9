"""`kind = "plot"`: an interactive chart task; the chart's own spec does the chart's part."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from derivquest.charts import registry as charts
from derivquest.charts.base import ChartTask
from derivquest.content.instance import QuestionInstance
from derivquest.content.questions import QuestionBase
from derivquest.content.registry_union import RegistryUnion
from derivquest.content.templates import ParamValue, fill_expression
from derivquest.kinds.base import Checker, Filler, Issue, KindSpec, TemplateField, payload_of

if TYPE_CHECKING:
    from derivquest.engine import JudgeService, Verdict


class PlotTable(RegistryUnion):
    """`[questions.plot]`: one table per chart, picked by `chart`."""

    field = "chart"
    error_type = "chart_type"

    @classmethod
    def members(cls) -> Mapping[str, type[BaseModel]]:
        return {spec.chart: spec.table for spec in charts.specs()}


if TYPE_CHECKING:
    Plot = BaseModel
    """A chart's table (each chart's `table` model)."""
else:
    Plot = PlotTable


class PlotQuestion(QuestionBase):
    """An interactive chart task (see the plot tables)."""

    kind: Literal["plot"] = Field(description="picks this table")
    plot: Plot = Field(description="the chart and its goal")

    @property
    def chart(self) -> str:
        """The chart id of the plot table."""
        return str(self.plot.__dict__["chart"])


@dataclass(frozen=True, slots=True)
class PlotPayload:
    """What a plot instance adds: the chart task with every number resolved."""

    task: ChartTask

    @property
    def function(self) -> str | None:
        """The chart's f(x), when it draws one."""
        function = getattr(self.task, "function", None)
        return function if charts.spec_for(self.task.chart).has_function else None


class PlotSpec(KindSpec):
    """Answered on the chart: the value submitted is the chart's state, as text."""

    name = "plot"
    model = PlotQuestion
    order = 50
    drillable = False  # a chart task is not quick
    has_answer = False

    def payload(self, question: PlotQuestion, fill: Filler) -> PlotPayload:
        return PlotPayload(charts.spec_for(question.chart).task(question.plot, fill))

    def grade(self, instance: QuestionInstance, answer: str, service: JudgeService) -> Verdict:
        from derivquest.engine import EngineError
        from derivquest.engine.verdict import invalid_verdict

        task = payload_of(instance, PlotPayload).task
        try:
            value = float(answer)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            error = EngineError.said("error.not-a-position", answer=repr(answer))
            return invalid_verdict(error)
        return charts.spec_for(task.chart).grade(task, value, service)

    def function_text(self, question: PlotQuestion, values: Mapping[str, ParamValue]) -> str | None:
        if not self.has_function(question):
            return None
        return fill_expression(str(question.plot.__dict__["function"]), values)

    def has_function(self, question: PlotQuestion) -> bool:
        return charts.spec_for(question.chart).has_function

    def templates(self, question: PlotQuestion) -> Iterator[TemplateField]:
        return charts.spec_for(question.chart).templates(question.plot)

    def engine_issues(self, instance: QuestionInstance, checker: Checker) -> list[Issue]:
        task: Any = payload_of(instance, PlotPayload).task
        return charts.spec_for(task.chart).issues(task, checker)


SPEC = PlotSpec()
"""Found by the registry."""
