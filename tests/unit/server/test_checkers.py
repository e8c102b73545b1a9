"""The server's checker pool: started in a private folder, started again if it dies, stopped."""

from __future__ import annotations

import os
import stat

import pytest

from derivquest.engine import JudgeService
from derivquest.server import checkers
from derivquest.server.checkers import start_pool, stop_pool


def test_the_pool_lives_in_a_private_folder_and_is_started_again_if_it_dies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(checkers, "MAX_RESTARTS", 1)
    pool = start_pool(workers=1)
    assert pool is not None
    try:
        assert stat.S_IMODE(os.stat(pool.folder).st_mode) == 0o700
        with JudgeService(60.0, pool=pool.socket) as service:
            assert service.check("2x", "x+x").status == "correct"
        assert stat.S_IMODE(os.stat(pool.socket).st_mode) == 0o600
        first = pool.pid
        pool.revive()  # alive: nothing to do
        assert pool.pid == first
        pool.process.kill()
        pool.process.wait()
        pool.revive()
        assert pool.pid != first and pool.process.poll() is None
        with JudgeService(60.0, pool=pool.socket) as service:
            assert service.check("2x", "x+x").status == "correct"
            assert service.shared
        second = pool.pid
        pool.process.kill()
        pool.process.wait()
        pool.revive()  # the one restart allowed here is spent
        assert pool.pid == second
    finally:
        stop_pool(pool)
    assert not pool.folder.exists()
