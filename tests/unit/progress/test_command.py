"""`derivquest progress show | export | import | reset`, run through the real argument parser."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from derivquest.commands import progress as progress_command
from derivquest.progress import ProgressStore

Q1 = "calc/power/q1"
Q2 = "calc/chain/q1"


def run(*argv: str) -> int:
    """Parse and run `derivquest progress ...` the way cli.py does once it is registered."""
    parser = argparse.ArgumentParser(prog="derivquest")
    progress_command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["progress", *argv])
    status: int = args.handler(args)
    return status


class Terminal(io.StringIO):
    """Standard input that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def filled() -> None:
    """Two profiles with answers on two levels, a level result and a drill-free history."""
    with ProgressStore() as store:
        for name in ("ana", "bo"):
            profile = store.create_profile(name)
            store.record_attempt(profile.id, Q1, "2x", correct=True, seconds=1)
            store.record_attempt(profile.id, Q2, "x", correct=False, seconds=1)
            store.record_level_result(profile.id, "calc/power", stars=3, seconds=9)


def attempts() -> dict[str, int]:
    """Answers per profile."""
    with ProgressStore() as store:
        document = store.export_document()
    return {profile.name: len(profile.attempts) for profile in document.profiles}


def test_help_and_show(filled: None, capsys: pytest.CaptureFixture[str]) -> None:
    """No action prints help; show lists each profile's counts."""
    assert run() == 0
    assert "reset" in capsys.readouterr().out
    assert run("show") == 0
    out = capsys.readouterr().out
    assert "ana: 2 answers, 1 question solved, 1 level completed, 0 drills" in out


@pytest.mark.parametrize(
    "argv", [("reset",), ("reset", "--profile", "ana"), ("import", "--replace")]
)
def test_refuses_without_yes_when_not_a_terminal(
    filled: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
) -> None:
    """Piped input never erases anything: exit 2 and a message naming --yes."""
    if argv[0] == "import":
        assert run("export", str(tmp_path / "b.json")) == 0
        argv = (*argv, str(tmp_path / "b.json"))
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert run(*argv) == 2
    assert "--yes" in capsys.readouterr().err
    assert attempts() == {"ana": 2, "bo": 2}


@pytest.mark.parametrize(("reply", "status", "left"), [("y\n", 0, 0), ("no\n", 1, 2), ("", 1, 2)])
def test_asks_on_a_terminal(
    filled: None, monkeypatch: pytest.MonkeyPatch, reply: str, status: int, left: int
) -> None:
    """On a terminal y/yes goes ahead; anything else, or end of input, changes nothing."""
    monkeypatch.setattr("sys.stdin", Terminal(reply))
    assert run("reset", "--profile", "ana") == status
    assert attempts() == {"ana": left, "bo": 2}


def test_reset_one_level_with_yes(filled: None, capsys: pytest.CaptureFixture[str]) -> None:
    """--level erases one level of one profile; the answer says what went."""
    assert run("reset", "--profile", "bo", "--level", "calc/power", "--yes") == 0
    assert "erased 1 answer, 1 level result, 0 drills" in capsys.readouterr().out
    assert attempts() == {"ana": 2, "bo": 1}


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (("reset", "--level", "no-slash", "--yes"), 2, "pack/level"),
        (("reset", "--profile", "zed", "--yes"), 1, "no profile called 'zed'"),
        (("export", "-", "--profile", "zed"), 1, "no profile called 'zed'"),
        (("export", "/no/such/folder/x.json"), 1, "cannot write"),
        (("import", "/no/such/file.json"), 1, "cannot read"),
    ],
)
def test_usage_and_errors(
    filled: None,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    status: int,
    message: str,
) -> None:
    """Mistakes give one clear line on stderr and an exit status, never a traceback."""
    assert run(*argv) == status
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_export_import_through_files(
    filled: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Export one profile, reset everything, import it back: that profile returns."""
    (tmp_path / "backups").mkdir()
    backup = tmp_path / "backups" / "ana.json"
    assert run("export", str(backup), "--profile", "ana") == 0
    assert [p["name"] for p in json.loads(backup.read_text())["profiles"]] == ["ana"]
    assert list(backup.parent.iterdir()) == [backup]  # no temporary file left behind
    assert run("reset", "--yes") == 0
    assert run("import", str(backup)) == 0
    assert "2 new answers" in capsys.readouterr().out
    assert attempts() == {"ana": 2, "bo": 0}
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(backup.read_bytes())))
    assert run("import", "--replace", "--yes", "-") == 0
    assert attempts() == {"ana": 2, "bo": 0}
    capsys.readouterr()
    assert run("export", "-") == 0
    assert json.loads(capsys.readouterr().out)["format"] == "derivquest-progress"


def test_a_bad_import_file_lists_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every problem of the file is printed; nothing is imported."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "derivquest-progress", "version": 1, "colour": 1}')
    assert run("import", str(bad)) == 1
    err = capsys.readouterr().err
    assert "exported_at: Field required" in err and "colour: Extra inputs" in err
    assert attempts() == {}


def test_an_unusable_data_folder(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """When DERIVQUEST_HOME is a file, the command says so and exits 1."""
    isolated_home.parent.mkdir(parents=True, exist_ok=True)
    isolated_home.write_text("")
    assert run("show") == 1
    err = capsys.readouterr().err
    assert "not a folder" in err and "DERIVQUEST_HOME" in err
