"""`derivquest serve` and `derivquest roster` start without a library's deprecation notices."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("module", ["derivquest.server.runner", "derivquest.server.keys"])
def test_importing_the_server_prints_no_dsa_warning(module: str) -> None:
    # -W default shows every warning once: asyncssh's import used to print five about DSA.
    code = f"import {module}; import asyncssh.crypto.dsa"
    result = subprocess.run(
        [sys.executable, "-W", "default", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stderr == ""


def test_the_teacher_sees_no_dsa_warning_when_serve_starts(tmp_path: Path) -> None:
    env = {**os.environ, "DERIVQUEST_HOME": str(tmp_path), "PYTHONWARNINGS": "default"}
    command = [sys.executable, "-m", "derivquest", "serve", "--open", "--port", "0"]
    server = subprocess.Popen(
        [*command, "--spawn", "fresh", "--checkers", "per-game"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert server.stdout is not None
    seen: list[str] = []
    try:
        for line in server.stdout:
            seen.append(line)
            if "listening on" in line:
                break
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert any("listening on" in line for line in seen), seen
    assert not any("DSA" in line or "Warning" in line for line in seen), seen
