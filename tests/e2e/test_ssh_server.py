"""The classroom server over real SSH on loopback, driven by asyncssh's client library.

The game is replaced by a small program that prints who it plays for, its TERM and size
(again on every resize), and echoes keys, so each test takes a fraction of a second;
tests/e2e/test_ssh_openssh.py plays the real game with the real OpenSSH client.
"""

from __future__ import annotations

import asyncio
import sys
import time
import tracemalloc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncssh
import pytest

from derivquest.server import passwords
from derivquest.server.auth import Admission
from derivquest.server.config import ServerConfig
from derivquest.server.limits import Limits
from derivquest.server.password_roster import set_password
from derivquest.server.runner import RunningServer, start_server

pytestmark = pytest.mark.e2e

FAKE_GAME = r"""
import os, signal, sys, tty
tty.setraw(0)
def resized(*_):
    now = os.get_terminal_size(0)
    os.write(1, f"resized {now.columns}x{now.lines}\r\n".encode())
signal.signal(signal.SIGWINCH, resized)
size = os.get_terminal_size(0)
print(f"GAME {sys.argv[-1]} pid={os.getpid()} TERM={os.environ['TERM']} "
      f"{size.columns}x{size.lines} agent={'SSH_AUTH_SOCK' in os.environ}", end="\r\n")
sys.stdout.flush()
while True:
    data = os.read(0, 1024)
    if not data or b"q" in data:
        break
    os.write(1, b"got " + data + b"\r\n")
"""

FAST = Limits(failure_delay=0.05, max_failure_delay=0.2, grace=0.5, login_timeout=5)

Client = Callable[..., Any]


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, asyncssh.SSHKey]:
    """Keys for ana and bo (in the roster) and eve (not in it)."""
    made = {name: asyncssh.generate_private_key("ssh-ed25519") for name in ("ana", "bo", "eve")}
    (tmp_path / "class.keys").write_text(
        "".join(f"{name} {made[name].export_public_key().decode()}" for name in ("ana", "bo"))
    )
    return made


@asynccontextmanager
async def classroom(
    tmp_path: Path, admission: Admission, limits: Limits = FAST, game: str = FAKE_GAME
) -> AsyncIterator[RunningServer]:
    """A server on a free loopback port running `game`; closed (cleanly) at the end."""
    config = ServerConfig(
        admission,
        home=tmp_path / "home",
        port=0,
        limits=limits,
        game_command=(sys.executable, "-c", game),
        host_key=tmp_path / "host_key",
    )
    server = await start_server(config)
    try:
        yield server
    finally:
        await server.close()


def connect(server: RunningServer, username: str, **options: Any) -> Any:
    """asyncssh.connect to the server, ignoring the user's ssh config, agent and keys."""
    options.setdefault("client_keys", None)
    return asyncssh.connect(
        "127.0.0.1",
        server.port,
        username=username,
        known_hosts=None,
        agent_path=None,
        config=None,
        **options,
    )


async def read_until(process: Any, text: str, timeout: float = 10.0) -> str:
    """Read the session's output until `text` appears (or fail with what came)."""
    seen = ""
    try:
        async with asyncio.timeout(timeout):
            while text not in seen:
                chunk = await process.stdout.read(4096)
                if not chunk:
                    break
                seen += chunk
    except TimeoutError:
        pass
    assert text in seen, f"{text!r} never came; got {seen!r}"
    return seen


def process_gone(pid: int) -> bool:
    path = Path(f"/proc/{pid}/stat")
    try:
        stat = path.read_text()
    except OSError:
        return True
    return stat[stat.rfind(")") + 2] == "Z"


async def wait_gone(pid: int) -> None:
    for _ in range(200):
        if process_gone(pid):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"game process {pid} is still running")


def pid_of(banner: str) -> int:
    return int(banner.split("pid=")[1].split()[0])


# -- logging in ------------------------------------------------------------------------------


async def test_a_listed_key_plays_under_its_name(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    async with classroom(tmp_path, Admission.with_keys(tmp_path / "class.keys")) as server:
        async with connect(server, "ana", client_keys=[keys["ana"]]) as conn:
            process = await conn.create_process(term_type="screen", term_size=(90, 30))
            banner = await read_until(process, "agent=")
            assert "GAME ana " in banner and "TERM=screen 90x30 agent=False" in banner
            process.stdin.write("x")
            await read_until(process, "got x")
            process.change_terminal_size(120, 40)
            await read_until(process, "resized 120x40")
            process.stdin.write("q")
            result = await process.wait()
            assert result.exit_status == 0


@pytest.mark.parametrize(("name", "key"), [("ana", "eve"), ("ana", "bo"), ("eve", "eve")])
async def test_a_key_not_listed_for_the_name_is_refused(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey], name: str, key: str
) -> None:
    async with classroom(tmp_path, Admission.with_keys(tmp_path / "class.keys")) as server:
        with pytest.raises(asyncssh.PermissionDenied):
            async with connect(server, name, client_keys=[keys[key]]):
                pass


async def test_passwords(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "LOG2_N", 4)
    roster = tmp_path / "class.passwd"
    set_password(roster, "ana", "ana-secret")
    async with classroom(tmp_path, Admission.with_passwords(roster)) as server:
        async with connect(server, "ana", password="ana-secret") as conn:
            process = await conn.create_process(term_type="xterm")
            assert "GAME ana " in await read_until(process, "agent=")
        started = time.monotonic()
        for name, password in [("ana", "wrong"), ("nobody", "ana-secret")]:
            with pytest.raises(asyncssh.PermissionDenied):
                async with connect(server, name, password=password):
                    pass
        assert time.monotonic() - started >= 2 * FAST.failure_delay  # each failure waits


async def test_three_wrong_passwords_close_the_connection(tmp_path: Path) -> None:
    roster = tmp_path / "class.passwd"
    set_password(roster, "ana", "ana-secret", log2_n=4)
    tries: list[str] = []

    class Guesser(asyncssh.SSHClient):
        """Guesses forever, if the server lets it."""

        def password_auth_requested(self) -> str:
            tries.append("wrong")
            return "wrong"

    async with classroom(tmp_path, Admission.with_passwords(roster)) as server:
        with pytest.raises((asyncssh.PermissionDenied, asyncssh.DisconnectError)):
            async with connect(server, "ana", client_factory=Guesser, password_auth=True):
                pass
    assert len(tries) == 3, tries


async def test_an_address_is_locked_out_after_too_many_failures(tmp_path: Path) -> None:
    roster = tmp_path / "class.passwd"
    set_password(roster, "ana", "ana-secret", log2_n=4)
    limits = Limits(failure_delay=0.01, max_failure_delay=0.01, max_failures=2)
    banners: list[str] = []

    class Client(asyncssh.SSHClient):
        def auth_banner_received(self, msg: str, lang: str) -> None:
            banners.append(msg)

    async with classroom(tmp_path, Admission.with_passwords(roster), limits) as server:
        for _ in range(2):
            with pytest.raises(asyncssh.PermissionDenied):
                async with connect(server, "ana", password="wrong"):
                    pass
        with pytest.raises(asyncssh.PermissionDenied):  # even the right password now
            async with connect(server, "ana", password="ana-secret", client_factory=Client):
                pass
    assert banners and banners[0].startswith("Too many failed logins from 127.0.0.1")


async def test_open_mode_takes_the_login_name(tmp_path: Path) -> None:
    async with classroom(tmp_path, Admission.open_to_anyone()) as server:
        async with connect(server, "রাহুল") as conn:
            process = await conn.create_process(term_type="linux")
            assert "GAME রাহুল " in await read_until(process, "agent=")
        with pytest.raises(asyncssh.PermissionDenied):
            async with connect(server, "-rm"):
                pass


# -- nothing but the game --------------------------------------------------------------------


@pytest.fixture
async def ana(tmp_path: Path, keys: dict[str, asyncssh.SSHKey]) -> AsyncIterator[Any]:
    """A logged-in connection as ana."""
    async with classroom(tmp_path, Admission.with_keys(tmp_path / "class.keys")) as server:
        async with connect(server, "ana", client_keys=[keys["ana"]]) as conn:
            yield conn


async def test_commands_are_refused(ana: Any) -> None:
    with pytest.raises(asyncssh.ChannelOpenError):
        await ana.run("ls")
    with pytest.raises(asyncssh.ChannelOpenError):
        await ana.run("derivquest --profile bo", term_type="xterm")


async def test_sftp_and_subsystems_are_refused(ana: Any) -> None:
    with pytest.raises(asyncssh.ChannelOpenError):
        await ana.start_sftp_client()
    with pytest.raises(asyncssh.ChannelOpenError):
        await ana.run(subsystem="sftp")


async def test_port_forwarding_is_refused(ana: Any, tmp_path: Path) -> None:
    with pytest.raises(asyncssh.ChannelOpenError):
        await ana.open_connection("127.0.0.1", 22)
    listener = await ana.forward_local_port("127.0.0.1", 0, "127.0.0.1", 22)
    reader, writer = await asyncio.open_connection("127.0.0.1", listener.get_port())
    assert await asyncio.wait_for(reader.read(), 5) == b""  # the tunnel closes at once
    writer.close()
    listener.close()
    with pytest.raises(asyncssh.ChannelListenError):
        await ana.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 22)
    with pytest.raises(asyncssh.ChannelOpenError):
        await ana.open_unix_connection("/run/docker.sock")


async def test_x11_forwarding_is_refused(ana: Any, tmp_path: Path) -> None:
    with pytest.raises(asyncssh.ChannelOpenError, match="X11"):
        await ana.create_process(
            term_type="xterm",
            x11_forwarding=True,
            x11_display="localhost:9",
            x11_auth_path=str(tmp_path / "xauth"),
        )


async def test_without_a_terminal_the_client_is_told(ana: Any) -> None:
    process = await ana.create_process()
    text = await read_until(process, "ssh -t")
    assert "needs a terminal" in text
    assert (await process.wait()).exit_status == 1


# -- limits and endings ----------------------------------------------------------------------


async def test_a_full_class_gets_a_polite_message(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    limits = Limits(max_sessions=1, grace=0.5)
    admission = Admission.with_keys(tmp_path / "class.keys")
    async with classroom(tmp_path, admission, limits) as server:
        async with connect(server, "ana", client_keys=[keys["ana"]]) as first:
            playing = await first.create_process(term_type="xterm")
            await read_until(playing, "agent=")
            async with connect(server, "bo", client_keys=[keys["bo"]]) as second:
                turned_away = await second.create_process(term_type="xterm")
                text = await read_until(turned_away, "try again")
                assert "the class is full (1 students are playing)" in text
                assert (await turned_away.wait()).exit_status == 1
            playing.stdin.write("q")
            await playing.wait()
        async with connect(server, "bo", client_keys=[keys["bo"]]) as later:  # a place is free
            process = await later.create_process(term_type="xterm")
            assert "GAME bo " in await read_until(process, "agent=")


async def test_idle_sessions_are_closed(tmp_path: Path, keys: dict[str, asyncssh.SSHKey]) -> None:
    limits = Limits(idle_timeout=0.6, grace=0.5)
    admission = Admission.with_keys(tmp_path / "class.keys")
    async with classroom(tmp_path, admission, limits) as server:
        async with connect(server, "ana", client_keys=[keys["ana"]]) as conn:
            process = await conn.create_process(term_type="xterm")
            pid = pid_of(await read_until(process, "agent="))
            text = await read_until(process, "log in again to continue", timeout=5)
            assert "no key pressed for 1 min" in text
            assert "\x1b[?1049l" in text  # the terminal is put back before the notice
            assert (await process.wait()).exit_status == 0
            await wait_gone(pid)


async def test_a_dropped_connection_ends_the_game(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    async with classroom(tmp_path, Admission.with_keys(tmp_path / "class.keys")) as server:
        conn = await connect(server, "ana", client_keys=[keys["ana"]])
        process = await conn.create_process(term_type="xterm")
        pid = pid_of(await read_until(process, "agent="))
        conn.abort()
        await wait_gone(pid)
        for _ in range(100):
            if not server.classroom.sessions:
                break
            await asyncio.sleep(0.02)
        assert not server.classroom.sessions  # the place is given back


async def test_shutdown_tells_every_student(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    admission = Admission.with_keys(tmp_path / "class.keys")
    async with classroom(tmp_path, admission) as server:
        conns = [await connect(server, n, client_keys=[keys[n]]) for n in ("ana", "bo")]
        processes = [await conn.create_process(term_type="xterm") for conn in conns]
        pids = [pid_of(await read_until(process, "agent=")) for process in processes]
        closing = asyncio.create_task(server.close())
        for process in processes:
            assert "the server is shutting down" in await read_until(process, "continue")
            assert (await process.wait()).exit_status == 0
        await closing
        for pid in pids:
            assert process_gone(pid)
        for conn in conns:
            conn.close()


async def test_a_login_that_opens_no_game_holds_a_place_and_times_out(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    # Generous: bo must log in and be turned away while ana still holds her place.
    limits = Limits(max_sessions=1, no_session_timeout=3.0, grace=0.5)
    admission = Admission.with_keys(tmp_path / "class.keys")
    async with classroom(tmp_path, admission, limits) as server:
        idle = await connect(server, "ana", client_keys=[keys["ana"]])  # logs in, plays nothing
        async with connect(server, "bo", client_keys=[keys["bo"]]) as second:
            turned_away = await second.create_process(term_type="xterm")
            assert "the class is full" in await read_until(turned_away, "try again")
        await asyncio.wait_for(idle.wait_closed(), 10)  # closed by the server
        assert not server.classroom.waiting  # and its place given back
        async with connect(server, "bo", client_keys=[keys["bo"]]) as later:
            process = await later.create_process(term_type="xterm")
            assert "GAME bo " in await read_until(process, "agent=")


async def test_a_game_started_in_time_keeps_its_connection(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    limits = Limits(no_session_timeout=1.5, grace=0.5)
    async with classroom(tmp_path, Admission.with_keys(tmp_path / "class.keys"), limits) as server:
        async with connect(server, "ana", client_keys=[keys["ana"]]) as conn:
            process = await conn.create_process(term_type="xterm")
            await read_until(process, "agent=")
            await asyncio.sleep(2.0)  # past the timeout: the game is running, so it stays
            process.stdin.write("x")
            await read_until(process, "got x")


async def test_environment_requests_are_dropped_and_limited(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    limits = Limits(max_env_requests=64, grace=0.5)
    async with classroom(tmp_path, Admission.with_keys(tmp_path / "class.keys"), limits) as server:
        async with connect(server, "ana", client_keys=[keys["ana"]]) as conn:
            few = {f"LC_{i}": "x" * 100 for i in range(10)}
            process = await conn.create_process(term_type="xterm", env=few)
            assert "GAME ana " in await read_until(process, "agent=")
        flood = {f"V{i}": "x" * 8000 for i in range(2000)}  # 16 MB in 2,000 requests
        tracemalloc.start()  # client and server share this process: the flood is made before
        try:
            before = tracemalloc.get_traced_memory()[0]
            for _ in range(3):
                conn = await connect(server, "ana", client_keys=[keys["ana"]])
                with pytest.raises((asyncssh.Error, OSError)):
                    process = await conn.create_process(term_type="xterm", env=flood)
                    await read_until(process, "agent=", timeout=5)
                await asyncio.wait_for(conn.wait_closed(), 10)  # the server hung up
                del conn
            await asyncio.sleep(0.1)
            grown = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        assert grown < 2 * 1024 * 1024, f"the server kept {grown} bytes"


FROZEN_GAME = r"""
import os, sys, tty
tty.setraw(0)
print("GAME frozen", end="\r\n", flush=True)
while os.read(0, 1024):  # reads every key and never answers one, like a game stuck in math
    pass
"""


async def test_keys_the_game_answers_keep_a_session_alive(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    limits = Limits(idle_timeout=2.0, grace=0.5)
    async with classroom(tmp_path, Admission.with_keys(tmp_path / "class.keys"), limits) as server:
        async with connect(server, "ana", client_keys=[keys["ana"]]) as conn:
            process = await conn.create_process(term_type="xterm")
            await read_until(process, "agent=")
            started = time.monotonic()
            while time.monotonic() - started < 3.0:  # past the idle limit, typing all along
                process.stdin.write("k")
                await read_until(process, "got k")
                await asyncio.sleep(0.2)
            assert server.classroom.sessions


async def test_keys_a_frozen_game_never_answers_do_not_keep_it_alive(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    limits = Limits(idle_timeout=1.0, grace=0.5)
    admission = Admission.with_keys(tmp_path / "class.keys")
    async with classroom(tmp_path, admission, limits, FROZEN_GAME) as server:
        async with connect(server, "ana", client_keys=[keys["ana"]]) as conn:
            process = await conn.create_process(term_type="xterm")
            await read_until(process, "GAME frozen")
            for _ in range(80):  # a key every 0.1 s until the session is closed (or 8 s)
                if process.stdin.is_closing() or not server.classroom.sessions:
                    break
                process.stdin.write("k")
                await asyncio.sleep(0.1)
            assert "no key pressed for 1 min" in await read_until(process, "log in again")


CPU_HOG = r"""
import time
print("GAME hog", end="\r\n", flush=True)
while True:
    pass
"""


async def test_a_game_past_its_processor_budget_is_ended_with_a_notice(
    tmp_path: Path, keys: dict[str, asyncssh.SSHKey]
) -> None:
    limits = Limits(game_cpu=1, grace=0.5)
    admission = Admission.with_keys(tmp_path / "class.keys")
    async with classroom(tmp_path, admission, limits, CPU_HOG) as server:
        async with connect(server, "ana", client_keys=[keys["ana"]]) as conn:
            process = await conn.create_process(term_type="xterm")
            await read_until(process, "GAME hog")
            text = await read_until(process, "log in again", timeout=30)
            assert "used all the processor time" in text
            assert not server.classroom.sessions
