"""A kind defined only under tests/ is played end to end: map, lesson, its own answer widget,
the verdict, and the attempt in the store (docs/architecture.md, "Add a question kind")."""

from __future__ import annotations

from derivquest.content import load_catalog
from derivquest.progress import ProgressStore
from tests.kinds.word.registration import PACK, word_kind
from tests.ui.conftest import PLAYER, AppFactory
from tests.ui.helpers import answer, open_first_level, shown


async def test_a_test_only_kind_is_played_and_saved(
    make_game: AppFactory, store: ProgressStore
) -> None:
    with word_kind():
        catalog = load_catalog(extra=[PACK], builtin=False, user=False, entry_points=False)
        assert not catalog.broken
        app = make_game(catalog=catalog)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_first_level(pilot)
            assert shown(app, "#prompt") == "What is the slope of the tangent called?"
            await answer(pilot, "gradient")
            assert shown(app, "#verdict") == "Not that word."
            await pilot.press(*["backspace"] * len("gradient"))
            await answer(pilot, "Derivative")
            assert "That is the word." in shown(app, "#verdict")
    profile = store.profile_named(PLAYER)
    assert profile is not None
    progress = store.question_progress(profile.id, "words/words/slope-word")
    assert progress is not None
    assert (progress.attempts, progress.solved, progress.stars) == (2, True, 2)
