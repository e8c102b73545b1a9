"""What a game inherits: a few server variables, the data dir, a checked TERM; nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from derivquest.server.auth import Admission
from derivquest.server.config import ServerConfig, clean_term


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("xterm-256color", "xterm-256color"),
        ("screen", "screen"),
        ("linux", "linux"),
        ("tmux-256color", "tmux-256color"),
        ("rxvt-unicode+x", "rxvt-unicode+x"),
        (None, "xterm-256color"),
        ("", "xterm-256color"),
        ("xterm;rm -rf /", "xterm-256color"),
        ("x" * 65, "xterm-256color"),
        ("-xterm", "xterm-256color"),
    ],
)
def test_clean_term(term: str | None, expected: str) -> None:
    assert clean_term(term) == expected


def test_the_game_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LD_PRELOAD", "/tmp/evil.so")
    monkeypatch.setenv("PYTHONSTARTUP", "/tmp/evil.py")
    monkeypatch.setenv("PATH", "/usr/bin")
    monkeypatch.delenv("LANG", raising=False)
    config = ServerConfig(Admission.open_to_anyone(), home=tmp_path)
    env = config.game_env("screen")
    assert env["DERIVQUEST_HOME"] == str(tmp_path)
    assert env["TERM"] == "screen" and env["PATH"] == "/usr/bin"
    assert env["LANG"] == "C.UTF-8" and env["PYTHONUTF8"] == "1"
    assert "LD_PRELOAD" not in env and "PYTHONSTARTUP" not in env
    assert env["DERIVQUEST_SERVED"] == "1"  # per-student settings, no screenshots


def test_the_game_command(tmp_path: Path) -> None:
    config = ServerConfig(Admission.open_to_anyone(), home=tmp_path, game_options=("--lang", "bn"))
    assert config.game_argv("ana") == [
        sys.executable,
        "-m",
        "derivquest",
        "--profile",
        "ana",
        "--lang",
        "bn",
    ]


@pytest.mark.parametrize(
    ("socket", "inherited", "expected"),
    [
        (
            "/tmp/derivquest-checkers-x/checkers.sock",
            None,
            "/tmp/derivquest-checkers-x/checkers.sock",
        ),
        (None, None, None),  # per-game checkers: nothing names a pool
        (None, "/tmp/elsewhere.sock", None),  # the server's own variable is not passed on
        ("/tmp/ours.sock", "/tmp/elsewhere.sock", "/tmp/ours.sock"),
    ],
)
def test_the_game_is_told_the_checker_pool(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    socket: str | None,
    inherited: str | None,
    expected: str | None,
) -> None:
    if inherited is None:
        monkeypatch.delenv("DERIVQUEST_CHECKER_SOCKET", raising=False)
    else:
        monkeypatch.setenv("DERIVQUEST_CHECKER_SOCKET", inherited)
    config = ServerConfig(Admission.open_to_anyone(), home=tmp_path, checker_socket=socket)
    assert config.game_env("xterm").get("DERIVQUEST_CHECKER_SOCKET") == expected
