"""Run the web server until SIGTERM, SIGINT or SIGHUP, then end every game and exit 0."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
from dataclasses import dataclass
from typing import TextIO

from aiohttp import web

from derivquest.server.config import ServerConfig
from derivquest.server.web.server import WebServer


@dataclass(slots=True)
class RunningWebServer:
    """A listening web server (also used in-process by the tests)."""

    server: WebServer
    runner: web.AppRunner
    port: int
    """The port it listens on (the chosen one when the config said 0)."""

    async def close(self) -> None:
        """Stop taking new games, end every game (each student is told), stop listening."""
        await self.server.shut_down()
        await self.runner.cleanup()


async def start_web_server(
    config: ServerConfig, language: str = "en", https_proxy: bool = False
) -> RunningWebServer:
    """Listen on `config.host`:`config.port`.

    Raises:
        OSError: the address cannot be bound.
    """
    server = WebServer(config, language, https_proxy=https_proxy)
    runner = web.AppRunner(await server.make_app(), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port, reuse_address=True)
    try:
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    port = config.port
    for address in runner.addresses:
        if isinstance(address, tuple):
            port = int(address[1])
            break
    return RunningWebServer(server, runner, port)


def _say(out: TextIO, line: str) -> None:
    out.write(line + "\n")
    out.flush()  # a teacher's log or a test reads this through a pipe


async def serve_web(
    config: ServerConfig,
    language: str = "en",
    https_proxy: bool = False,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Run until a stop signal; return the exit status (0 after a clean stop)."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    running = await start_web_server(config, language, https_proxy)
    host = socket.gethostname() if config.host in ("", "0.0.0.0", "::") else config.host
    _say(out, f"DerivQuest web server listening on {config.host} port {running.port}")
    _say(out, f"who may log in: {config.admission.describe()}")
    _say(out, f"progress: {config.home}")
    if https_proxy:
        _say(out, "students open: the https:// address of your reverse proxy")
    else:
        _say(out, f"students open: http://{host}:{running.port}/")
    if config.admission.mode == "open":
        _say(err, "WARNING: --open: ANYONE who can reach this port can log in under ANY name,")
        _say(err, "WARNING: including another student's, and see and change their progress.")
    _say(out, "stop with Ctrl+C or SIGTERM (students' answers are always saved)")
    await stop.wait()
    count = len(running.server.seats)
    _say(out, f"shutting down: ending {count} game{'' if count == 1 else 's'}")
    await running.close()
    _say(out, "stopped")
    return 0
