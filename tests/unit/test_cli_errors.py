"""The command line's top level: bad options are a message and exit 2, a bug is a message and a
log entry, never a traceback."""

from __future__ import annotations

import argparse

import pytest

from derivquest import cli
from derivquest.commands import report as report_command
from derivquest.errorlog import MAX_LOG_BYTES, log_error, log_path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a" * 41, "a profile name has 1 to 40 letters"),
        ("   ", "a profile name has 1 to 40 letters"),
        ("bad\x07bell", "a profile name cannot contain '\\x07'"),
        ("tab\there", "a profile name cannot contain '\\t'"),
        ("esc\x1b[31mred", "a profile name cannot contain '\\x1b'"),
        ("line\nbreak", "a profile name cannot contain '\\n'"),
        ("_under", "a profile name starts with a letter or digit"),
    ],
)
def test_a_bad_profile_name_is_a_message_and_exit_2(
    name: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--profile", name]) == 2
    error = capsys.readouterr().err
    assert error.startswith("derivquest: --profile: ") and message in error
    assert "Traceback" not in error


def test_a_good_profile_name_gets_past_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    # Tests have no terminal: the next check refuses, so the name rule accepted it.
    for name in ("a" * 40, "Rahim Uddin", "রহিম"):  # the store's rule: spaces, any script
        assert cli.main(["--profile", name]) == 2
        assert "needs a terminal" in capsys.readouterr().err


def test_a_bug_in_a_command_is_a_short_message_and_a_log_entry(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("a bug with a secret local")

    # Registered when the parser is built (once per process), so it is built again here
    # and the patched function is the handler.
    monkeypatch.setattr(report_command, "run", broken)
    monkeypatch.setattr(cli, "_built", None)
    assert cli.main(["report"]) == 1
    error = capsys.readouterr().err
    assert "Traceback" not in error and "secret" not in error
    assert "an unexpected problem stopped it (RuntimeError)" in error
    assert str(log_path()) in error
    logged = log_path().read_text(encoding="utf-8")
    assert "derivquest report" in logged and "RuntimeError: a bug with a secret local" in logged


def test_the_log_is_private_and_rolls_over() -> None:
    try:
        raise ValueError("first")
    except ValueError as error:
        path = log_error(error, "test")
    assert path == log_path() and path.stat().st_mode & 0o777 == 0o600
    path.write_text("x" * (MAX_LOG_BYTES + 1), encoding="utf-8")
    try:
        raise ValueError("second")
    except ValueError as error:
        log_error(error, "test")
    assert "ValueError: second" in path.read_text(encoding="utf-8")
    assert path.stat().st_size < MAX_LOG_BYTES
    assert path.with_name("errors.log.1").stat().st_size > MAX_LOG_BYTES


def test_an_unwritable_log_is_none_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DERIVQUEST_HOME", "/proc/derivquest-cannot-be-here")
    assert log_error(ValueError("x"), "test") is None
