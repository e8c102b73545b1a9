"""The checker pool under a flood, a hostile answer, a killed worker and a queue."""

from __future__ import annotations

import os
import pickle
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

from derivquest.engine import EngineError, JudgeService
from derivquest.engine.pool.protocol import OVERRUN, RESULT
from derivquest.engine.service import TOO_BIG_MESSAGE, memory_limit_from_environment
from derivquest.engine.verdict import Verdict
from tests.unit.engine.pool.conftest import (
    GENEROUS,
    HOSTILE,
    SLOW_FUNCTION,
    Pool,
    Raw,
    alive,
    children,
    wait_busy,
    wait_until,
)

QUICK = ("check", ("2x", "x+x", ("x",)))


def test_a_flooding_game_waits_behind_itself_not_in_front_of_another(
    start_pool: Callable[..., Pool],
) -> None:
    """One worker, no extras: ten hostile requests from A (each killed at its 1.5 s deadline),
    then one check from B.

    B's check goes next after the one A has in the worker (the ring is round-robin and a
    game has one check in a worker at a time): at most two of A's answers come before B's,
    not ten. A's answers are at least 1.5 s apart, so their order with B's is plain to see.
    """
    pool = start_pool(workers=1, extra=0)
    flooder, other = Raw(pool.path), Raw(pool.path)
    try:
        for ident in range(10):
            flooder.send(*HOSTILE, 1.5, ident)
        other.send(*QUICK, GENEROUS, 99)
        flooded = 0
        while True:
            ready, _, _ = select.select([flooder.sock, other.sock], [], [], GENEROUS)
            assert ready, "no answer at all"
            if other.sock in ready:
                assert other.reply() == (99, RESULT)
                break
            assert flooder.reply()[1] == OVERRUN
            flooded += 1
        assert flooded <= 2
    finally:
        flooder.close()
        other.close()
    with JudgeService(GENEROUS, pool=pool.path) as service:
        assert service.check("2x", "x+x").status == "correct"
        assert service.shared


def test_a_hostile_answer_is_killed_and_replaced_while_others_are_judged(
    start_pool: Callable[..., Pool],
) -> None:
    pool = start_pool(workers=2, extra=0)
    before = set(pool.workers())
    hostile = Raw(pool.path)
    try:
        hostile.send(*HOSTILE, 0.5, 1)
        with JudgeService(GENEROUS, pool=pool.path) as service:
            verdicts = [service.check_derivative("(3x+2)^5", "15(3x+2)^4") for _ in range(5)]
        assert [v.status for v in verdicts] == ["correct"] * 5
        assert hostile.reply() == (1, OVERRUN)
    finally:
        hostile.close()
    after = set(pool.wait_for_workers(2))
    assert len(after - before) == 1  # the overrunning worker was killed and replaced
    assert not any(alive(pid) for pid in before - after)


def test_the_deadline_counts_the_check_not_the_queue(start_pool: Callable[..., Pool]) -> None:
    """B's check waits in the queue longer than its deadline, then runs and is judged."""
    pool = start_pool(workers=1, extra=0)
    hostile = Raw(pool.path)
    try:
        hostile.send(*HOSTILE, 3.5, 1)
        (worker,) = pool.workers()
        wait_busy(worker)  # A's check is in the worker: B's waits over 3 s in the queue
        with JudgeService(1.5, pool=pool.path) as service:
            verdict = service.check("2x", "x+x")
        assert (verdict.status, verdict.message) == ("correct", "Correct.")
        assert verdict.elapsed_ms > 1500  # the premise: it waited longer than its deadline
        assert hostile.reply() == (1, OVERRUN)
    finally:
        hostile.close()


def test_a_worker_killed_during_a_check_is_replaced_by_a_fork(
    start_pool: Callable[..., Pool],
) -> None:
    pool = start_pool(workers=1, extra=0)
    with JudgeService(GENEROUS, pool=pool.path) as service:
        results: list[object] = []
        checking = threading.Thread(
            target=lambda: results.append(service.derivative_text(SLOW_FUNCTION))
        )
        checking.start()
        (worker,) = pool.workers()
        wait_busy(worker)
        os.kill(worker, signal.SIGKILL)  # as the kernel's OOM killer would
        checking.join(GENEROUS)
        assert [(type(r), str(r)) for r in results] == [(EngineError, TOO_BIG_MESSAGE)]
        (successor,) = pool.wait_for_workers(1)
        assert successor != worker
        assert service.check_derivative("x^2", "2x").status == "correct"
        assert service.shared  # a lost check is an answer, not a reason to leave the pool


def test_extra_workers_are_forked_while_every_worker_is_busy(
    start_pool: Callable[..., Pool],
) -> None:
    pool = start_pool(workers=1, extra=1)
    hostile = Raw(pool.path)
    try:
        hostile.send(*HOSTILE, GENEROUS, 1)
        (worker,) = pool.workers()
        wait_busy(worker)
        with JudgeService(GENEROUS, pool=pool.path) as service:
            assert service.check("2x", "x+x").status == "correct"  # in an extra worker
        assert len(pool.workers()) == 2
    finally:
        hostile.close()


def test_every_request_a_game_sends_is_answered_as_its_own_checker_would(
    quiet_pool: Pool,
) -> None:
    pool = quiet_pool
    with (
        JudgeService(GENEROUS, pool=pool.path) as shared,
        JudgeService(GENEROUS, pool=False) as own,
    ):
        for service in (shared, own):
            service.start()
        assert shared.shared and not own.shared
        asks: list[Callable[[JudgeService], object]] = [
            lambda s: s.check_derivative("(3x+2)^5", "5(3x+2)^4"),
            lambda s: s.check_derivative("w^2 x", "2w", "w", ("w", "x")),
            lambda s: s.check("2x", "x+"),
            lambda s: s.check_numeric("1/3", "0.33", 0.01, None),
            lambda s: s.derivative_text("x^2 e^x"),
            lambda s: s.expression_text("2x e^x"),
            lambda s: s.value("sqrt(2)/2"),
            lambda s: s.value("ln(-1)"),
            lambda s: s.derivative_value("tanh(x)", "x", 0.5),
            lambda s: s.chart_curves("sin(x)/x"),
        ]
        for ask in asks:
            mine, theirs = ask(shared), ask(own)
            if isinstance(mine, Verdict) and isinstance(theirs, Verdict):
                assert mine.with_elapsed(0) == theirs.with_elapsed(0)
            else:
                assert repr(mine) == repr(theirs)


def test_a_reply_is_the_workers_pickled_answer(quiet_pool: Pool) -> None:
    pool = quiet_pool
    raw = Raw(pool.path)
    try:
        raw.send(*QUICK, GENEROUS, 7)
        from derivquest.engine.pool.protocol import HEADER

        (length,) = HEADER.unpack(raw._exactly(HEADER.size))
        payload = raw._exactly(length)
        assert payload[8:9] == RESULT
        verdict = pickle.loads(payload[9:])
        assert isinstance(verdict, Verdict) and verdict.status == "correct"
    finally:
        raw.close()


def test_a_worker_keeps_the_checkers_memory_limit(quiet_pool: Pool) -> None:
    (worker,) = quiet_pool.workers()
    limits = Path(f"/proc/{worker}/limits").read_text().splitlines()
    (line,) = [line for line in limits if line.startswith("Max address space")]
    assert line.split()[3] == str(memory_limit_from_environment())
    pool_limits = Path(f"/proc/{quiet_pool.process.pid}/limits").read_text()
    assert "Max address space         unlimited" in pool_limits  # the parent forks, not checks


STAND_IN_SERVER = textwrap.dedent(
    """
    import sys
    from derivquest.server.checkers import start_pool
    pool = start_pool(workers=1)
    print(pool.pid, pool.folder, flush=True)
    sys.stdin.read()
    """
)
"""Starts a pool as `derivquest serve` does, says where, and waits to be killed."""


def test_the_pool_dies_with_its_server() -> None:
    """The server's stand-in starts a pool and is killed: the pool and its workers go too."""
    server = subprocess.Popen(
        [sys.executable, "-c", STAND_IN_SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    folder = ""
    try:
        assert server.stdout is not None
        pid, where = server.stdout.readline().decode().split()
        pool, folder = int(pid), where
        assert wait_until(lambda: len(children(pool)) == 1)
        (worker,) = children(pool)
        server.kill()
        server.wait()
        assert wait_until(lambda: not alive(pool) and not alive(worker)), "the pool outlived"
    finally:
        server.kill()
        server.wait()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)  # a killed server cannot remove it
