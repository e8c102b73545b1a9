"""Games forked from the zygote: isolation, randomness, exit codes, restarts and fallback."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from derivquest.server.auth import Admission
from derivquest.server.config import ServerConfig
from derivquest.server.launcher import GameLauncher
from derivquest.server.pty_child import Budget, PtyChild, WindowSize
from derivquest.server.reaper import become_subreaper
from derivquest.server.start_queue import TURNS_ENV
from derivquest.server.zygote_process import Zygote, running_zygote_socket
from derivquest.server.zygote_wire import GameRequest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

PROBE = "tests.unit.server.zygote_probe"
MiB = 1024 * 1024

FRESH_PROBE = (
    "import sys; sys.path.insert(0, {root!r}); from tests.unit.server import zygote_probe as p;"
    " raise SystemExit(p.run(sys.argv[1:]))"
)


def probe_env(term: str, **extra: str) -> dict[str, str]:
    env = {"TERM": term, "PATH": os.environ.get("PATH", ""), "PYTHONUTF8": "1", **extra}
    return env


@pytest.fixture
async def zygote(tmp_path: Path) -> AsyncIterator[Zygote]:
    """A zygote running the probe, ready to fork (this test process is the subreaper)."""
    assert become_subreaper()
    env = {**probe_env("xterm"), "PYTHONPATH": str(Path.cwd())}
    zygote = Zygote(PROBE, ["--lang", "bn"], env, tmp_path / "server", asyncio.get_running_loop())
    zygote.start()
    await asyncio.wait_for(zygote.became_ready.wait(), 60)
    yield zygote
    await zygote.close()


async def report_of(child: PtyChild, timeout: float = 30.0) -> dict[str, object]:
    """The probe's JSON line, read from the game's pty."""
    seen = b""
    deadline = time.monotonic() + timeout
    while b"}\r\n" not in seen:
        assert time.monotonic() < deadline, f"no report: {seen!r}"
        try:
            seen += os.read(child.master, 65536)
        except BlockingIOError:
            await asyncio.sleep(0.01)
    line = seen[seen.index(b"{") : seen.index(b"}\r\n") + 1]
    report: dict[str, object] = json.loads(line)
    return report


async def fork(zygote: Zygote, *argv: str, term: str = "xterm", **extra: str) -> PtyChild:
    request = GameRequest(
        argv, probe_env(term, **extra), WindowSize(90, 33), Budget(1536 * MiB, 600)
    )
    child = await zygote.fork_game(request)
    assert child is not None
    return child


async def finish(child: PtyChild) -> int:
    os.write(child.master, b"\r")
    code = await asyncio.wait_for(child.wait(), 30)
    child.close()
    return code


async def test_each_game_has_its_own_terminal_environment_limits_and_seed(
    zygote: Zygote,
) -> None:
    first = await fork(zygote, "0", term="screen", STUDENT="ana")
    second = await fork(zygote, "0", term="vt100", STUDENT="bo")
    one, two = await report_of(first), await report_of(second)
    assert one["pid"] == first.pid and two["pid"] == second.pid
    assert one["prepared"] == ["--lang", "bn"]  # the entry was prepared once, before forking
    for report, term, student in ((one, "screen", "ana"), (two, "vt100", "bo")):
        assert report["leader"] and report["same_tty"]
        assert report["size"] == [90, 33]
        assert report["env"] == probe_env(term, STUDENT=student)  # nothing of the zygote's
        assert report["limits"] == [1536 * MiB, 600, 0]
        assert report["sigint"] and report["sigterm_default"] and report["sigpipe_ignored"]
        assert report["blocked"] == []
        # 3: the start-queue channel (a granted turn); 4: the listing itself
        assert report["fds"] == [0, 1, 2, 3, 4] and report["fd3_socket"]
        assert report["turn_granted"] is True
    assert one["tty"] != two["tty"]
    # Both games were forked from a zygote whose `random` was seeded with 1: each re-seeded.
    assert one["random"] != two["random"]
    assert one["import_random"] != two["import_random"]
    assert await finish(first) == 0 and await finish(second) == 0


def _private_dirty_kib() -> int:
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Private_Dirty:"):
            return int(line.split()[1])
    raise AssertionError("no Private_Dirty in smaps_rollup")


def test_a_fork_reseeds_without_copying_the_parents_memory() -> None:
    """Searching every module's globals in each game copied about 27 MiB of the zygote's
    pages into it (reference counts are writes); the search is done once before forking."""
    import random

    import derivquest.ui.app  # noqa: F401 - a parent with the game's modules, as the zygote
    from derivquest.server import zygote_child

    made_at_import = random.Random(1)
    sys.modules[__name__].__dict__["_MADE_AT_IMPORT"] = made_at_import
    zygote_child.find_generators()
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            before = _private_dirty_kib()
            zygote_child.reseed()
            copied = _private_dirty_kib() - before
            os.write(write_end, json.dumps([copied, made_at_import.random()]).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        copied, drawn = json.loads(pipe.read())
    os.waitpid(child, 0)
    del sys.modules[__name__].__dict__["_MADE_AT_IMPORT"]
    assert drawn != random.Random(1).random()  # re-seeded: not the parent's sequence
    assert copied < 2048, f"re-seeding copied {copied} KiB of the parent's memory"


@pytest.mark.parametrize(("argv", "expected"), [(("0",), 0), (("7",), 7), (("300",), 44)])
async def test_the_server_reaps_the_game_and_sees_its_exit_code(
    zygote: Zygote, argv: tuple[str, ...], expected: int
) -> None:
    child = await fork(zygote, *argv)
    await report_of(child)
    assert os.getpid() == int(Path(f"/proc/{child.pid}/stat").read_text().split(")")[1].split()[1])
    assert await finish(child) == expected


async def test_a_game_killed_by_a_signal_reports_it(zygote: Zygote) -> None:
    child = await fork(zygote)
    await report_of(child)
    child.signal(signal.SIGKILL)
    assert await asyncio.wait_for(child.wait(), 30) == -signal.SIGKILL
    child.close()


async def test_a_killed_zygote_is_restarted(zygote: Zygote) -> None:
    before = zygote.pid
    assert before is not None
    os.kill(before, signal.SIGKILL)
    await asyncio.wait_for(_until(lambda: not zygote.ready), 30)
    assert (
        await zygote.fork_game(GameRequest((), probe_env("xterm"), WindowSize(80, 24), None))
        is None
    )
    await asyncio.wait_for(zygote.became_ready.wait(), 60)
    assert zygote.pid not in (None, before) and zygote.restarts == 1
    child = await fork(zygote, "3")
    await report_of(child)
    assert await finish(child) == 3


async def _until(condition: object) -> None:
    assert callable(condition)
    while not condition():
        await asyncio.sleep(0.02)


async def test_games_start_fresh_while_the_zygote_is_down(tmp_path: Path) -> None:
    assert become_subreaper()
    root = str(Path.cwd())
    config = ServerConfig(
        Admission.open_to_anyone(),
        tmp_path,
        game_command=(sys.executable, "-c", FRESH_PROBE.format(root=root)),
        zygote_entry=PROBE,
    )
    launcher = GameLauncher(config)
    launcher.start(asyncio.get_running_loop())
    zygote = launcher.zygote
    assert zygote is not None and not zygote.ready  # still importing: the game starts fresh
    child = await launcher.launch("ana", "xterm", WindowSize(80, 24))
    report = await report_of(child)
    assert launcher.fresh_starts == 1 and report["argv"] == ["--profile", "ana"]
    assert await finish(child) == 0
    await asyncio.wait_for(zygote.became_ready.wait(), 60)
    forked = await launcher.launch("bo", "xterm", WindowSize(80, 24))
    report = await report_of(forked)
    assert launcher.fresh_starts == 1 and report["argv"] == ["--profile", "bo"]
    assert await finish(forked) == 0
    await launcher.close()
    assert launcher.pids() == []


@pytest.mark.parametrize(
    ("spawn", "command", "entry", "expected"),
    [
        ("fork", None, None, "derivquest.server.zygote_game"),
        ("fresh", None, None, None),
        ("fork", ("/bin/true",), None, None),  # a substituted game cannot be forked
        ("fork", ("/bin/true",), PROBE, PROBE),
        ("fresh", ("/bin/true",), PROBE, None),
    ],
)
def test_which_games_are_forked(
    spawn: str, command: tuple[str, ...] | None, entry: str | None, expected: str | None
) -> None:
    config = ServerConfig(Admission.open_to_anyone(), Path("/tmp"), spawn=spawn, zygote_entry=entry)
    if command is not None:
        config = ServerConfig(
            Admission.open_to_anyone(),
            Path("/tmp"),
            spawn=spawn,
            zygote_entry=entry,
            game_command=command,
        )
    assert config.zygote_entry_module() == expected


@pytest.mark.parametrize(
    ("options", "packs"),
    [
        ((), ()),
        (("--lang", "bn"), ()),
        (
            ("--lang", "en", "--pack", "/srv/a", "--pack", "/srv/b"),
            (Path("/srv/a"), Path("/srv/b")),
        ),
    ],
)
def test_the_zygote_loads_the_packs_the_server_names(
    options: tuple[str, ...], packs: tuple[Path, ...]
) -> None:
    from derivquest.server.zygote_game import pack_options

    assert pack_options(options) == packs


def test_a_kept_catalog_serves_only_the_same_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    from derivquest.content.catalog import load_catalog
    from derivquest.ui import warm

    monkeypatch.setattr(warm, "_kept", None)
    catalog = load_catalog(user=False, entry_points=False)
    warm.keep_catalog((Path("/srv/a"),), catalog)
    assert warm.kept_catalog((Path("/srv/a"),)) is catalog
    assert warm.kept_catalog(()) is None
    assert warm.kept_catalog((Path("/srv/a"), Path("/srv/b"))) is None


async def test_a_long_data_directory_gets_a_private_socket_folder(tmp_path: Path) -> None:
    folder = tmp_path / ("long-" * 30)
    zygote = Zygote(PROBE, [], probe_env("xterm"), folder, asyncio.get_running_loop())
    assert len(os.fsencode(zygote.path)) <= 100
    assert zygote.path.parent.stat().st_mode & 0o777 == 0o700
    await zygote.close()
    assert not zygote.path.parent.exists()


async def test_the_running_zygote_socket_is_found_from_its_server(zygote: Zygote) -> None:
    # This test process started the zygote, so it is the "server" the lookup is asked about.
    assert running_zygote_socket(os.getpid()) == zygote.path
    assert running_zygote_socket(zygote.pid or 0) is None  # the zygote runs no zygote itself


async def pty_text(child: PtyChild, wanted: bytes, timeout: float = 30.0) -> bytes:
    """What the game's pty shows until `wanted` appears."""
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen:
        assert time.monotonic() < deadline, f"never showed {wanted!r}: {seen!r}"
        try:
            seen += os.read(child.master, 65536)
        except BlockingIOError:
            await asyncio.sleep(0.01)
    return seen


@contextlib.asynccontextmanager
async def zygote_with_turns(tmp_path: Path, turns: str) -> AsyncIterator[Zygote]:
    """A ready zygote running the probe, with `turns` in its environment."""
    assert become_subreaper()
    env = {**probe_env("xterm"), "PYTHONPATH": str(Path.cwd()), TURNS_ENV: turns}
    zygote = Zygote(PROBE, [], env, tmp_path / "server", asyncio.get_running_loop())
    zygote.start()
    try:
        await asyncio.wait_for(zygote.became_ready.wait(), 60)
        yield zygote
    finally:
        await zygote.close()


async def test_games_start_in_turns_first_come_first_served(tmp_path: Path) -> None:
    """One turn: the second game waits, says why on its terminal, and starts once the
    first exits (its end of the channel closes); the third starts once the second gives
    its turn back (a game whose question is drawn)."""
    async with zygote_with_turns(tmp_path, "1") as zygote:
        first = await fork(zygote, "0", "hold")
        assert (await report_of(first))["turn_granted"] is True
        second = await fork(zygote, "0")
        third = await fork(zygote, "0", "--lang", "bn")
        waiting = await pty_text(second, b"Starting your game")
        assert b'"pid"' not in waiting  # it has not run yet
        await pty_text(third, "আপনার গেম শুরু হচ্ছে".encode())
        assert await finish(first) == 0
        report = await report_of(second)
        assert report["turn_granted"] is True
        assert (await report_of(third))["turn_granted"] is True  # the second gave it back
        assert await finish(second) == 0 and await finish(third) == 0


async def test_no_turns_when_they_are_turned_off(tmp_path: Path) -> None:
    async with zygote_with_turns(tmp_path, "0") as zygote:
        games = [await fork(zygote, "0", "hold") for _ in range(3)]
        for game in games:
            report = await report_of(game)
            assert report["turn_granted"] is None and report["fds"] == [0, 1, 2, 3]
        for game in games:
            assert await finish(game) == 0
