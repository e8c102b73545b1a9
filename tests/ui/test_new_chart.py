"""A chart defined only under tests/ is played end to end as a plot question: its widget is
mounted and focused, the arrow keys move it, Enter submits its state, the attempt is saved
(docs/architecture.md, "Add a chart")."""

from __future__ import annotations

from derivquest.content import load_catalog
from derivquest.progress import ProgressStore
from tests.charts.ramp.registration import PACK, ramp_chart
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import open_first_level, settle, shown


async def test_a_test_only_chart_is_played_and_saved(
    make_game: AppFactory, store: ProgressStore
) -> None:
    with ramp_chart():
        catalog = load_catalog(extra=[PACK], builtin=False, user=False, entry_points=False)
        assert not catalog.broken
        app = make_game(catalog=catalog)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_first_level(pilot)
            assert shown(app, "#prompt") == "Move the cursor until y = 3."
            await pilot.press("right", "right", "right")
            await pilot.press("enter")
            await settle(pilot)
            assert "y = 3: on target." in shown(app, "#verdict")
    profile = store.profile_named(PLAYER)
    assert profile is not None
    progress = store.question_progress(profile.id, "ramps/ramp/reach-three")
    assert progress is not None and progress.solved and progress.attempts == 1
