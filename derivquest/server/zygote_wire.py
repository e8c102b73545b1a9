"""What the server and the zygote say to each other: one request (with the pty) and one reply."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass

from derivquest.server.pty_child import Budget, WindowSize

MAX_MESSAGE = 65536
"""Bytes a request or a reply may take (an environment of a few variables is far smaller)."""


class WireError(Exception):
    """A message that cannot be read (truncated, not JSON, or missing a field)."""


@dataclass(frozen=True, slots=True)
class GameRequest:
    """Start one game: its arguments, environment, window size and limits."""

    argv: tuple[str, ...]
    """The game's arguments after the program (`--profile NAME --lang en ...`)."""
    env: dict[str, str]
    size: WindowSize
    budget: Budget | None

    def encode(self) -> bytes:
        """The request as one JSON message."""
        budget = None if self.budget is None else [self.budget.memory, self.budget.cpu]
        size = [self.size.columns, self.size.rows]
        return json.dumps(
            {"argv": list(self.argv), "env": self.env, "size": size, "budget": budget}
        ).encode("utf-8")

    @classmethod
    def decode(cls, data: bytes) -> GameRequest:
        """Read a request; raises WireError on anything that is not one."""
        try:
            raw = json.loads(data.decode("utf-8"))
            argv = tuple(str(item) for item in raw["argv"])
            env = {str(key): str(value) for key, value in raw["env"].items()}
            columns, rows = (int(item) for item in raw["size"])
            budget = None if raw["budget"] is None else Budget(*(int(i) for i in raw["budget"]))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise WireError(f"not a game request: {error}") from error
        return cls(argv, env, WindowSize.clamped(columns, rows), budget)


def send_request(sock: socket.socket, request: GameRequest, slave: int) -> None:
    """Send `request` with the pty's slave end attached (SCM_RIGHTS)."""
    socket.send_fds(sock, [request.encode()], [slave])


def receive_request(sock: socket.socket) -> tuple[GameRequest, int]:
    """Read a request and its pty; raises WireError (the fds that came are closed)."""
    data, fds, _, _ = socket.recv_fds(sock, MAX_MESSAGE, 1)
    if len(fds) != 1:
        for fd in fds:
            socket.close(fd)
        raise WireError("a request came without its terminal")
    try:
        return GameRequest.decode(data), fds[0]
    except WireError:
        socket.close(fds[0])
        raise


def encode_reply(pid: int | None, error: str | None = None) -> bytes:
    """The zygote's answer: the game's pid, or why there is none."""
    return json.dumps({"pid": pid, "error": error}).encode("utf-8")


def decode_reply(data: bytes) -> int:
    """The game's pid from a reply; raises WireError with the zygote's reason otherwise."""
    try:
        raw = json.loads(data.decode("utf-8"))
        pid, error = raw["pid"], raw["error"]
    except (ValueError, KeyError, TypeError) as failure:
        raise WireError(f"not a reply: {failure}") from failure
    if not isinstance(pid, int) or pid <= 0:
        raise WireError(str(error or "no game was started"))
    return pid
