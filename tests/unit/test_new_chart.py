"""A chart written only in tests/ (tests/charts/ramp) joins the game by registering.

This keeps docs/architecture.md's "Add a chart" honest: the pack format, the validator, the
plot kind, the grader and the docs learn the chart from its folder alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from derivquest.charts.registry import UnknownChart, chart_ids, spec_for
from derivquest.content import instantiate, load_catalog, validate_pack
from derivquest.content.docgen import field_tables
from derivquest.engine import JudgeService
from derivquest.kinds.registry import spec_for as kind_spec
from tests.charts.ramp.registration import PACK, ramp_chart


@pytest.fixture
def registered() -> Iterator[None]:
    with ramp_chart(with_view=False):
        yield


def test_a_ramp_question_loads_validates_and_grades(
    registered: None, judge_service: JudgeService
) -> None:
    assert chart_ids()[-1] == "ramp"
    catalog = load_catalog(extra=[PACK], builtin=False, user=False, entry_points=False)
    assert not catalog.broken
    ref = catalog.question("ramps/ramp/reach-three")
    assert ref is not None
    instance = instantiate(ref, "ana")
    plot = kind_spec("plot")
    assert plot.grade(instance, "1.5", judge_service).correct
    assert plot.grade(instance, "1", judge_service).message == "y = 2, not 3."
    report = validate_pack(PACK, judge_service)
    assert report.problems == () and report.questions == 1
    assert '### `chart = "ramp"`' in field_tables()


def test_an_unsolvable_ramp_task_is_reported(registered: None) -> None:
    from tests.charts.ramp.task import RampTask

    # The ramp's check needs no engine, so it is given no checker.
    issues = spec_for("ramp").issues(RampTask(2.0, 3.3, 0.5), checker=None)  # type: ignore[arg-type]
    assert [issue.check for issue in issues] == ["solvable"]


def test_once_removed_the_chart_is_unknown_again() -> None:
    with ramp_chart(with_view=False):
        assert spec_for("ramp").chart == "ramp"
    with pytest.raises(UnknownChart):
        spec_for("ramp")
    catalog = load_catalog(extra=[PACK], builtin=False, user=False, entry_points=False)
    assert [problem.message for problem in catalog.broken[0].problems] == ["unknown chart 'ramp'"]
