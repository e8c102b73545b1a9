"""Teachers' feedback overlays: the file's problems as rows, and which note a wrong answer gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivquest.content.overlay import read_overlay
from derivquest.content.overlay_notes import FEEDBACK_ENV, overlay_dir, overlay_files

GOOD = """\
[[feedback]]
mistake = "chain-inner-missing"
text = { en = "Remember the inside!", bn = "ভেতরটা মনে রাখুন!" }

[[feedback]]
question = "game-test/first/chain"
answer = "2x + 2"
text = "You differentiated the exponent too."
"""


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        ("[[feedback]]\nmistake = 'chain'\ntext = 'x'\n", 2, "feedback[0].mistake", "unknown"),
        ("[[feedback]]\ntext = 'x'\n", 1, "feedback[0]", "exactly one of"),
        (
            "[[feedback]]\nmistake = 'sign-error'\nanswer = 'x'\nquestion = 'a/b/c'\ntext = 'x'\n",
            1,
            "feedback[0]",
            "exactly one of",
        ),
        ("[[feedback]]\n\nanswer = 'x'\ntext = 'x'\n", 3, "feedback[0].answer", "needs the"),
        (
            "[[feedback]]\nmistake = 'sign-error'\nquestion = 'nope'\ntext = 'x'\n",
            3,
            "feedback[0].question",
            "not a question id",
        ),
        (
            "[[feedback]]\nmistake = 'sign-error'\ntext = 'x'\ncolour = 1\n",
            4,
            "colour",
            "unknown field",
        ),
        ("[[feedback]]\nmistake = 'sign-error'\n", 1, "feedback[0]", ""),
        ("feedback = [\n", 1, "", "not valid TOML"),
        ("", 1, "", ""),
    ],
)
def test_problems_are_rows_with_lines(
    tmp_path: Path, text: str, line: int, key: str, message: str
) -> None:
    path = tmp_path / "notes.toml"
    path.write_text(text, encoding="utf-8")
    result = read_overlay(path)
    assert result.overlay is None
    assert result.problems, "a broken file has at least one problem"
    problem = result.problems[0]
    assert (problem.file, problem.line) == (path, line)
    assert key in problem.key
    assert message in problem.message


def test_the_good_file_reads(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    path.write_text(GOOD, encoding="utf-8")
    result = read_overlay(path)
    assert result.problems == ()
    assert result.overlay is not None
    assert [e.mistake for e in result.overlay.entries] == ["chain-inner-missing", None]


def test_files_are_found_installed_and_by_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overlay_dir().mkdir(parents=True)
    (overlay_dir() / "a.toml").write_text(GOOD, encoding="utf-8")
    (overlay_dir() / "notes.txt").write_text("not an overlay", encoding="utf-8")
    extra = tmp_path / "mine.toml"
    extra.write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv(FEEDBACK_ENV, f"{extra}{__import__('os').pathsep}{tmp_path / 'gone'}")
    assert overlay_files() == [overlay_dir() / "a.toml", extra]


CHECKED = """\
[[feedback]]
question = "game-test/first/chain"
answer = "2x + 2"
text = "fine"

[[feedback]]
question = "game-test/first/chain"
answer = "15(3x+2)^4"
text = "right answers never get a note"

[[feedback]]
question = "game-test/first/chain"
answer = "sin("
text = "unreadable"

[[feedback]]
mistake = "sign-error"
question = "game-test/first/gone"
text = "no such question"
"""


def test_validate_checks_against_the_packs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from derivquest.commands import pack as pack_command

    game_pack = Path(__file__).parents[2] / "fixtures" / "packs" / "game-pack"
    notes = tmp_path / "notes.toml"
    notes.write_text(CHECKED, encoding="utf-8")
    assert pack_command.main(["pack", "validate", str(notes), str(game_pack)]) == 1
    out = capsys.readouterr().out
    assert f"{notes}:8: feedback[1].answer: the example answer '15(3x+2)^4' is right" in out
    assert f"{notes}:13: feedback[2].answer: the example answer 'sin(' cannot be judged" in out
    assert f"{notes}:18: feedback[3].question: no loaded pack has the question" in out
    assert f"{notes}:3:" not in out
    assert f"FAILED: {notes}: 3 problem(s)" in out
    good = tmp_path / "good.toml"
    good.write_text(CHECKED.split("\n\n")[0] + "\n", encoding="utf-8")
    assert pack_command.main(["pack", "validate", str(good), str(game_pack)]) == 0


def test_the_documented_example_reads_cleanly(tmp_path: Path) -> None:
    docs = Path(__file__).parents[3] / "docs" / "feedback.md"
    example = docs.read_text(encoding="utf-8").split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    result = read_overlay(path)
    assert result.problems == ()
    assert result.overlay is not None and len(result.overlay.entries) == 3
