"""The real game on a pty this test owns: read its screen's text, type, close the terminal."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1bP[^\x1b]*\x1b\\"
    r"|\x1b[()][0-9A-Za-z]|\x1b[ -~]"
)


def cpu_seconds(pid: int) -> float:
    """User plus system time `pid` has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class PtyGame:
    """`derivquest --profile NAME` with a pty as fds 0-2 that is NOT its controlling terminal.

    Closing the master then sends no SIGHUP: the game can only notice the terminal is gone
    by reading it.
    """

    def __init__(self, home: Path, name: str = "ana", columns: int = 100, rows: int = 30) -> None:
        self.master, slave = os.openpty()
        os.set_blocking(self.master, False)
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        env = {
            "PATH": os.environ["PATH"],
            "TERM": "xterm-256color",
            "DERIVQUEST_HOME": str(home),
            "PYTHONUTF8": "1",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "derivquest", "--profile", name],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,  # a session with no controlling terminal: no SIGHUP
        )
        os.close(slave)
        self.text = ""

    def read(self, timeout: float) -> bytes:
        """What the game wrote within `timeout` seconds (b"" once the terminal is closed)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return b""
        self.text += ESCAPES.sub("", data.decode("utf-8", "replace"))
        return data

    def wait_for(self, text: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.text:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never showed: {self.text[-600:]!r}")
            self.read(0.1)

    def write(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close_terminal(self) -> None:
        """Close the master: the terminal is gone, and no signal is sent."""
        os.close(self.master)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
