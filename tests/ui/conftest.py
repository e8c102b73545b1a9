"""Fixtures for screen tests: a fixed test pack, a fresh store, and the shared checker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from derivquest.content import Catalog, load_catalog
from derivquest.engine import JudgeService
from derivquest.progress import ProgressStore
from derivquest.ui.app import DerivQuestApp

FIXTURES = Path(__file__).parent.parent / "fixtures" / "packs"
GAME_PACK = FIXTURES / "game-pack"
PLAYER = "Tester"

AppFactory = Callable[..., DerivQuestApp]


@pytest.fixture(autouse=True)
def steady_cursor_in_snapshots(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot shows the text cursor drawn, as right after a key: a blinking one would be
    hidden in a picture taken more than half a second after the last key (a slow check on
    a loaded machine), and the picture would differ for no reason."""
    if "snap_compare" in request.fixturenames:
        monkeypatch.setattr(DerivQuestApp, "cursor_blinks", property(lambda app: False))


@pytest.fixture
def game_catalog() -> Catalog:
    """Only the small fixed test pack: known answers, no randomness."""
    return load_catalog(extra=[GAME_PACK], builtin=False, user=False, entry_points=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    """A fresh progress store with the test player (a fixed variant seed)."""
    opened = ProgressStore.open(tmp_path / "progress.sqlite3")
    opened.create_profile(PLAYER, player_id="tester-seed")
    yield opened
    opened.close()


@pytest.fixture
def make_game(
    game_catalog: Catalog, store: ProgressStore, judge_service: JudgeService
) -> AppFactory:
    """Build the app over the test pack, as the player, sharing the session's checker."""

    def build(catalog: Catalog | None = None, **options: object) -> DerivQuestApp:
        options.setdefault("profile", PLAYER)
        return DerivQuestApp(
            catalog or game_catalog,
            store,
            judge_service,
            owns_judge=False,
            **options,  # type: ignore[arg-type]
        )

    return build
