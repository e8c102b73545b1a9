"""How a classroom server is set up: address, admission, limits, and the game each student gets."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from derivquest.content.overlay_notes import FEEDBACK_ENV
from derivquest.engine.pool.client import SOCKET_ENV
from derivquest.engine.service import DEADLINE_ENV, MEMORY_ENV
from derivquest.paths import HOME_ENV
from derivquest.progress.location import DATABASE_ENV
from derivquest.server.auth import Admission
from derivquest.server.limits import Limits
from derivquest.settings import SERVED_ENV

SERVER_CHECK_DEADLINE = 3.0
"""Seconds each answer check may take in a game started by the server (shared cores)."""

_TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
"""A TERM a client may set; anything else (it lands in the game's environment) is replaced."""

DEFAULT_TERM = "xterm-256color"

SPAWN_MODES = ("fork", "fresh")
"""How games start: forked from a warm zygote, or each a fresh interpreter (docs/server.md)."""

GAME_ENTRY = "derivquest.server.zygote_game"
"""What the zygote prepares and runs in each fork when the game is the real one."""

_PASSED_ON = (
    "PATH",
    "HOME",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "TMPDIR",
    "PYTHONPATH",
    MEMORY_ENV,
    DATABASE_ENV,  # a school's shared PostgreSQL database (docs/school.md)
    FEEDBACK_ENV,  # the teacher's feedback overlays given by path (docs/feedback.md)
)
"""The server's own variables a game inherits; nothing the client sends reaches it."""


def clean_term(term: str | None) -> str:
    """The client's TERM when it looks like a terminal name, else DEFAULT_TERM."""
    return term if term is not None and _TERM.fullmatch(term) else DEFAULT_TERM


def default_game_command() -> tuple[str, ...]:
    """This Python running `python -m derivquest` (the same install as the server)."""
    return (sys.executable, "-m", "derivquest")


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Everything `derivquest serve` decided from its options."""

    admission: Admission
    home: Path
    """The data directory whose progress store every game uses (DERIVQUEST_HOME)."""
    host: str = "127.0.0.1"
    port: int = 2222
    """0 picks a free port (printed at start)."""
    limits: Limits = field(default_factory=Limits)
    game_options: tuple[str, ...] = ()
    """Passed to every game after `--profile NAME`: `--lang bn`, `--pack PATH`."""
    game_command: tuple[str, ...] = field(default_factory=default_game_command)
    """The game; tests substitute a small program."""
    host_key: Path | None = None
    """The host key file; default `data_dir()/server/ssh_host_ed25519_key`."""
    adopt_orphans: bool = False
    """Become a subreaper and end what games leave behind: only in a dedicated process."""
    spawn: str = "fork"
    """`fork`: games are forked from a warm zygote (fresh while it is down); `fresh`: each
    game is a new interpreter (`game_command`)."""
    start_turns: int | None = None
    """Forked games that start at once (the zygote's start queue); None: one per core,
    0: no turns, every game starts at once (docs/server.md, "Starting in turns")."""
    zygote_entry: str | None = None
    """The module a zygote runs instead of the real game (tests substitute a small one)."""

    def zygote_entry_module(self) -> str | None:
        """The module the zygote runs, or None when games start fresh.

        A substituted `game_command` without a `zygote_entry` starts fresh: the zygote can
        only fork the real game.
        """
        if self.spawn != "fork":
            return None
        if self.zygote_entry is not None:
            return self.zygote_entry
        return GAME_ENTRY if self.game_command == default_game_command() else None

    checkers: str = "per-game"
    """"shared": `serve` starts one pool of answer checkers for every game (`serve`'s
    default); "per-game": each game runs its own checker (docs/server.md, Checkers)."""
    checker_socket: str | None = None
    """The running pool's socket, given to every game (set by `serve` once it started)."""

    def game_argv(self, name: str) -> list[str]:
        """The command line of `name`'s game."""
        return [*self.game_command, "--profile", name, *self.game_options]

    def game_env(self, term: str | None) -> dict[str, str]:
        """The game's environment: a few of the server's variables, the data dir, TERM.

        Nothing comes from the client but TERM (checked): an SSH client may send any
        variable, and LD_PRELOAD or PYTHONSTARTUP would run its code on the server.
        """
        env = {key: os.environ[key] for key in _PASSED_ON if key in os.environ}
        env.setdefault("LANG", "C.UTF-8")
        env["PYTHONUTF8"] = "1"  # box drawing and Bengali need UTF-8, whatever the locale
        env[HOME_ENV] = str(self.home)
        env[SERVED_ENV] = "1"  # settings per student, no screenshots or other system commands
        env["TERM"] = clean_term(term)
        # A class logging in at once shares the server's cores: a check that takes 0.2 s alone
        # can take seconds then, and the 1 s a single player's game allows would fail it.
        env.setdefault(DEADLINE_ENV, str(SERVER_CHECK_DEADLINE))
        if self.checker_socket is not None:
            env[SOCKET_ENV] = self.checker_socket  # the shared checkers (server.checkers)
        return env
