"""`derivquest serve` options and `derivquest serve passwd`, run through the argument parser."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from derivquest.commands import serve as serve_command
from derivquest.server.password_roster import parse_password_roster
from derivquest.server.passwords import verify_password
from derivquest.server.roster_file import read_roster


def run(*argv: str) -> int:
    """Parse and run `derivquest serve ...` the way cli.py does once it is registered."""
    parser = argparse.ArgumentParser(prog="derivquest")
    serve_command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", *argv])
    status: int = args.handler(args)
    return status


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real scrypt cost takes 0.2 s per password: make the command's hashes cheap."""
    from derivquest.server import passwords

    monkeypatch.setattr(passwords, "LOG2_N", 4)


def test_passwd_reads_a_line_without_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "class.passwd"
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-ana\n"))
    assert run("passwd", str(roster), "ana") == 0
    assert capsys.readouterr().out == f"added ana in {roster}\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("n3w-secret\n"))
    assert run("passwd", str(roster), "ana") == 0
    assert capsys.readouterr().out == f"changed the password of ana in {roster}\n"
    hashes = read_roster(roster, parse_password_roster).hashes
    assert verify_password("n3w-secret", hashes["ana"])


def test_passwd_refuses_a_short_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("abc\n"))
    assert run("passwd", str(tmp_path / "p"), "ana") == 1
    assert "at least 6 characters" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_passwd_generate_and_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "class.passwd"
    assert run("passwd", str(roster), "ana", "bo", "--generate") == 0
    printed = dict(line.split() for line in capsys.readouterr().out.splitlines())
    assert sorted(printed) == ["ana", "bo"]
    assert all(len(password) == 10 for password in printed.values())
    hashes = read_roster(roster, parse_password_roster).hashes
    assert verify_password(printed["bo"], hashes["bo"])
    assert run("passwd", str(roster), "ana", "cy", "--remove") == 0
    assert capsys.readouterr().out == f"removed ana\ncy was not in {roster}\n"
    assert read_roster(roster, parse_password_roster).names == ["bo"]


def test_passwd_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("passwd", str(tmp_path / "p"), "ana", "bo") == 2
    assert "give one NAME" in capsys.readouterr().err
    assert run("passwd", str(tmp_path / "p"), "ana", "--generate", "--remove") == 2
    assert run("passwd", str(tmp_path / "p"), "bad name", "--generate") == 2
    assert "cannot contain ' '" in capsys.readouterr().err


def test_serve_needs_an_admission_mode(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--port", "0") == 2
    assert "--authorized-keys FILE, --passwords FILE, --roster database" in capsys.readouterr().err


def test_serve_lists_every_roster_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "class.keys"
    roster.write_text("ana\nssh-ed25519 AAAA bo\n")
    assert run("--authorized-keys", str(roster)) == 2
    error = capsys.readouterr().err
    assert f"{roster}:1: expected NAME KEY-TYPE BASE64" in error
    assert f"{roster}:2: the line starts with a key type" in error


@pytest.mark.parametrize(
    "options",
    [
        ["--port", "70000"],
        ["--max-sessions", "0"],
        ["--idle-minutes", "0"],
        ["--game-memory-mb", "100"],
        ["--game-cpu-minutes", "0"],
        ["--game-cpu-minutes", "nan"],
    ],
)
def test_serve_refuses_bad_limits(options: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--open", *options) == 2
    assert capsys.readouterr().err.startswith("derivquest serve: ")


def test_a_school_server_shares_its_host_key_and_database(tmp_path: Path) -> None:
    """--host-key and --database reach the config; the URL goes by environment, not argv."""
    from derivquest.commands.database_option import use_database

    parser = argparse.ArgumentParser(prog="derivquest")
    serve_command.register(parser.add_subparsers(dest="command"))
    key = tmp_path / "shared_host_key"
    url = "postgresql://derivquest@db.school.example/derivquest"
    args = parser.parse_args(["serve", "--open", "--host-key", str(key), "--database", url])
    use_database(args)
    config = serve_command.server_config(args)
    assert config is not None and config.host_key == key
    assert config.game_env("xterm")["DERIVQUEST_DATABASE"] == url
    assert not any("postgresql" in part for part in config.game_argv("ana"))


@pytest.mark.parametrize(
    ("options", "spawn", "entry"),
    [
        ([], "fork", "derivquest.server.zygote_game"),
        (["--spawn", "fork"], "fork", "derivquest.server.zygote_game"),
        (["--spawn", "fresh"], "fresh", None),
    ],
)
def test_spawn_chooses_how_games_start(options: list[str], spawn: str, entry: str | None) -> None:
    """Games are forked from the zygote unless `--spawn fresh` asks for today's spawn."""
    parser = argparse.ArgumentParser(prog="derivquest")
    serve_command.register(parser.add_subparsers(dest="command"))
    config = serve_command.server_config(parser.parse_args(["serve", "--open", *options]))
    assert config is not None and config.spawn == spawn
    assert config.zygote_entry_module() == entry


@pytest.mark.parametrize(
    ("options", "checkers"), [([], "shared"), (["--checkers", "per-game"], "per-game")]
)
def test_the_checkers_are_shared_unless_asked_per_game(options: list[str], checkers: str) -> None:
    parser = argparse.ArgumentParser(prog="derivquest")
    serve_command.register(parser.add_subparsers(dest="command"))
    config = serve_command.server_config(parser.parse_args(["serve", "--open", *options]))
    assert config is not None and config.checkers == checkers


@pytest.mark.parametrize(
    ("options", "turns"), [([], None), (["--start-turns", "3"], 3), (["--start-turns", "0"], 0)]
)
def test_start_turns_reach_the_config(options: list[str], turns: int | None) -> None:
    """None: the zygote gives one turn per core; 0 turns the queue off."""
    parser = argparse.ArgumentParser(prog="derivquest")
    serve_command.register(parser.add_subparsers(dest="command"))
    config = serve_command.server_config(parser.parse_args(["serve", "--open", *options]))
    assert config is not None and config.start_turns == turns


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_serve_refuses_a_bad_number_of_turns(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as leaving:
        run("--open", "--start-turns", value)
    assert leaving.value.code == 2
    assert "--start-turns" in capsys.readouterr().err
