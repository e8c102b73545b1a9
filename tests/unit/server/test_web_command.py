"""`derivquest web` options: refused clearly, before anything listens."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivquest.cli import main

CASES = [
    ([], "choose who may log in: --passwords FILE, --roster database"),
    (["--open", "--port", "70000"], "--port takes 0 to 65535"),
    (["--open", "--max-sessions", "0"], "must be positive"),
    (["--open", "--fail-delay", "-1"], "cannot be negative"),
    (["--open", "--game-memory-mb", "10"], "--game-memory-mb takes 512 or more"),
]


@pytest.mark.parametrize(("argv", "message"), CASES, ids=[c[1][:20] for c in CASES])
def test_bad_options(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["web", *argv]) == 2
    assert message in capsys.readouterr().err


def test_a_broken_roster_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "class.passwd"
    roster.write_text("ana:not-a-hash\n", encoding="utf-8")
    assert main(["web", "--passwords", str(roster)]) == 2
    err = capsys.readouterr().err
    assert "the roster cannot be used" in err and f"{roster}:1" in err


def test_passwords_and_open_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["web", "--open", "--passwords", "x"])
    assert "not allowed with" in capsys.readouterr().err


def test_the_game_still_needs_a_terminal_outside_the_web_driver(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main([]) == 2
    assert "the game needs a terminal" in capsys.readouterr().err
