"""A teacher's overlay note reaches later matching answers, in play and in drills."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from derivquest.content import load_catalog
from derivquest.content.overlay_notes import FEEDBACK_ENV, overlay_dir
from derivquest.engine import JudgeService
from derivquest.game.drill import CatalogDrillSource, DrillGame
from derivquest.game.session import PlayerGame
from derivquest.progress import DrillSession, DrillSetting, ProgressStore, SystemClock

GAME_PACK = Path(__file__).parents[2] / "fixtures" / "packs" / "game-pack"
CHAIN = "game-test/first/chain"

NOTES = """\
[[feedback]]
mistake = "chain-inner-missing"
text = { en = "Teacher: the inside is 3x + 2.", bn = "শিক্ষক: ভেতরটা 3x + 2।" }

[[feedback]]
question = "game-test/first/chain"
answer = "2x + 2"
text = "Teacher: that is a line, not a power."
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    with ProgressStore.open(tmp_path / "progress.sqlite3") as opened:
        yield opened


@pytest.fixture
def session(store: ProgressStore, judge_service: JudgeService) -> PlayerGame:
    profile = store.create_profile("Ana", player_id="ana-seed")
    catalog = load_catalog(extra=[GAME_PACK], builtin=False, user=False, entry_points=False)
    return PlayerGame(catalog, judge_service, store, profile.id, profile.player_id)


def install(text: str = NOTES) -> None:
    overlay_dir().mkdir(parents=True, exist_ok=True)
    (overlay_dir() / "class.toml").write_text(text, encoding="utf-8")


def test_a_note_written_during_play_reaches_the_next_matching_answer(
    session: PlayerGame,
) -> None:
    run = session.start_level("game-test", "first")
    before = session.submit(run, "5(3x+2)^4")
    assert "Teacher" not in before.message
    install()
    after = session.submit(run, "5(2+3x)^4")
    # The judge's own sentence stays, the teacher's note follows; the mistake id is kept.
    assert after.message.startswith("Chain rule:")
    assert after.message.endswith("Teacher: the inside is 3x + 2.")
    assert after.verdict.diagnosis == "chain-inner-missing"


@pytest.mark.parametrize(
    ("typed", "note"),
    [
        ("2(x+1)", "Teacher: that is a line, not a power."),  # equal to the example
        ("2x+2", "Teacher: that is a line, not a power."),
        ("2x+3", None),  # another wrong answer: no note
        ("15(3x+2)^4", None),  # right: no note
        ("sin(", None),  # unreadable: no note, and no error
    ],
)
def test_an_example_answer_groups_equal_answers(
    session: PlayerGame, typed: str, note: str | None
) -> None:
    install()
    run = session.start_level("game-test", "first")
    message = session.submit(run, typed).message
    if note is None:
        assert "Teacher" not in message
    else:
        assert message.endswith(note)


def test_bengali_players_get_the_bengali_note(session: PlayerGame) -> None:
    install()
    session.language = "bn"
    run = session.start_level("game-test", "first")
    assert session.submit(run, "5(3x+2)^4").message.endswith("শিক্ষক: ভেতরটা 3x + 2।")


def test_a_broken_overlay_changes_nothing(session: PlayerGame) -> None:
    install("[[feedback]]\nmistake = 'no-such-id'\ntext = 'x'\n")
    run = session.start_level("game-test", "first")
    assert session.submit(run, "5(3x+2)^4").message.startswith("Chain rule:")


def test_an_overlay_passed_by_path_reaches_a_drill(
    store: ProgressStore,
    judge_service: JudgeService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notes = tmp_path / "mine.toml"
    notes.write_text(NOTES, encoding="utf-8")
    monkeypatch.setenv(FEEDBACK_ENV, str(notes))
    profile = store.create_profile("Bo")
    catalog = load_catalog(extra=[GAME_PACK], builtin=False, user=False, entry_points=False)
    drill = DrillSession.start(
        DrillSetting(3, frozenset({"chain"})), CatalogDrillSource(catalog), SystemClock(), seed=1
    )
    game = DrillGame(drill, catalog, judge_service, store, profile.id)
    for _ in range(6):
        instance = game.instance()
        assert instance is not None
        if instance.full_id == CHAIN:
            break
        game.skip(0.0)
    else:
        pytest.fail("the drill never served the chain question")
    answer = game.submit("2(x+1)", 1.0)
    assert answer.verdict.message.endswith("Teacher: that is a line, not a power.")


def test_served_games_inherit_the_servers_overlay_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from derivquest.server.auth import Admission
    from derivquest.server.config import ServerConfig

    monkeypatch.setenv(FEEDBACK_ENV, "/srv/class/notes.toml")
    env = ServerConfig(Admission.open_to_anyone(), home=tmp_path).game_env("xterm")
    assert env[FEEDBACK_ENV] == "/srv/class/notes.toml"
