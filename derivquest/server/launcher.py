"""Starts each student's game: forked from the warm zygote (the default) or a fresh interpreter."""

from __future__ import annotations

import asyncio
import logging

from derivquest.server.config import ServerConfig
from derivquest.server.pty_child import Budget, PtyChild, WindowSize
from derivquest.server.reaper import become_subreaper
from derivquest.server.start_queue import TURNS_ENV
from derivquest.server.zygote_process import Zygote
from derivquest.server.zygote_wire import GameRequest

log = logging.getLogger("derivquest.server")


class GameLauncher:
    """`--spawn fork`: games come from the zygote, fresh while it is down; `fresh`: always."""

    def __init__(self, config: ServerConfig) -> None:
        self._config = config
        self.zygote: Zygote | None = None
        """The zygote, when games are forked (None: every game is a fresh interpreter)."""
        self.fresh_starts = 0
        """Games started fresh although forking was asked for (the zygote was not ready)."""

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start the zygote when the config forks games and this system allows it."""
        config = self._config
        entry = config.zygote_entry_module()
        if entry is None or self.zygote is not None:
            return
        # A forked game is re-parented to the nearest subreaper: it must be this process,
        # which has to reap it and see its exit code.
        if not become_subreaper():
            log.warning("this system cannot adopt forked games: every game starts fresh")
            return
        env = config.game_env(None)
        if config.start_turns is not None:
            env[TURNS_ENV] = str(config.start_turns)
        self.zygote = Zygote(entry, config.game_options, env, config.home / "server", loop)
        self.zygote.start()

    async def launch(self, name: str, term: str | None, size: WindowSize) -> PtyChild:
        """Start `name`'s game on a new pty of `size`.

        Raises:
            OSError: no game could be started.
        """
        config = self._config
        limits = config.limits
        budget = Budget(limits.game_memory, round(limits.game_cpu))
        argv = config.game_argv(name)
        env = config.game_env(term)
        loop = asyncio.get_running_loop()
        if self.zygote is not None:
            arguments = tuple(argv[len(config.game_command) :])
            child = await self.zygote.fork_game(GameRequest(arguments, env, size, budget))
            if child is not None:
                return child
            self.fresh_starts += 1
            log.info("%s: the game zygote is not ready, starting the game fresh", name)
        return PtyChild.spawn(argv, env, size, loop, budget)

    def pids(self) -> list[int]:
        """Processes the launcher runs besides the games (the zygote)."""
        zygote = self.zygote
        return [] if zygote is None or zygote.pid is None else [zygote.pid]

    async def close(self) -> None:
        """End the zygote."""
        if self.zygote is not None:
            await self.zygote.close(self._config.limits.grace)
