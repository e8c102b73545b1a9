"""Drive a real terminal program in a detached tmux session: type keys, read the screen."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Mapping
from types import TracebackType


class Terminal:
    """One tmux session of a given size running one command."""

    def __init__(
        self,
        command: list[str],
        env: Mapping[str, str],
        width: int = 80,
        height: int = 24,
        keep_open: bool = True,
    ) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is required for the terminal tests (apt-get install tmux)")
        self.name = f"derivquest-test-{uuid.uuid4().hex[:8]}"
        # A tmux server of its own (-L): tests run in parallel, and a shared server exits when
        # one test kills the last session, just as another test is connecting to it.
        self.tmux = ["tmux", "-L", self.name]
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        if keep_open:
            # The shell stays open after the program ends so its exit status can be read.
            script = f"env {exports} {shlex.join(command)}; echo EXITED-$?; sleep 600"
        else:
            # The program is the pane's process, so pid() is the program itself.
            script = f"exec env {exports} {shlex.join(command)}"
        subprocess.run(
            [
                *self.tmux,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                script,
            ],
            check=True,
        )

    def pid(self) -> int:
        """The pane's process (the program itself when started with keep_open=False)."""
        result = subprocess.run(
            [*self.tmux, "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(result.stdout.strip())

    def screen(self) -> str:
        """The visible text of the pane."""
        result = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def send(self, *keys: str) -> None:
        """tmux key names (Enter, C-q) or literal text."""
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def write(self, text: str) -> None:
        """Type literal text."""
        # "--": text such as "-1" is text, not an option.
        subprocess.run([*self.tmux, "send-keys", "-l", "-t", self.name, "--", text], check=True)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """Poll the screen until ``text`` appears; fail with the last screen if it does not."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(
            f"{text!r} did not appear within {timeout} s; the screen was:\n{screen}"
        )

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
