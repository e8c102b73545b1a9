"""A throwaway PostgreSQL cluster for tests: initdb in a temp dir, a Unix socket, no fsync."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import psycopg

USER = "derivquest"
"""The cluster's superuser; trust authentication on its private socket."""

DATABASE = "derivquest"


def find_binaries() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: PATH first, then Debian's layout."""
    found = shutil.which("initdb")
    if found is not None and shutil.which("pg_ctl") is not None:
        return Path(found).parent

    def version(folder: str) -> int:
        number = Path(folder).parent.name
        return int(number) if number.isdigit() else 0

    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _run_as() -> list[str]:
    """initdb and postgres refuse to run as root: run them as `postgres` (or nobody) then."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        if subprocess.run(["id", "-u", user], capture_output=True).returncode == 0:
            return ["runuser", "-u", user, "--"]
    raise RuntimeError("running as root and no unprivileged user for PostgreSQL")


class Cluster:
    """One cluster, listening only on a Unix socket in its own folder; each test a schema."""

    def __init__(self, binaries: Path, *, durable: bool = False) -> None:
        self.binaries = binaries
        self.durable = durable
        """fsync on (benchmarks); tests turn it off, as nothing outlives them."""
        self.root = Path(tempfile.mkdtemp(prefix="derivquest-pg-"))
        """Data folder, socket and log live here; removed by `destroy`."""
        self.data = self.root / "data"
        self._prefix = _run_as()
        self._schemas = itertools.count(1)
        if self._prefix:
            shutil.chown(self.root, user=self._prefix[2])
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", USER, "-E", "UTF8",
            "--no-sync", "--no-instructions",
        )  # fmt: skip
        self.start()
        with psycopg.connect(self.admin_url("postgres"), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {DATABASE}")

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self._prefix, str(self.binaries / program), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        """Start (or restart) the server; returns once it accepts connections."""
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.root}'"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-o", options,
            "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """Stop the server at once (clients see their connections dropped)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def admin_url(self, database: str = DATABASE) -> str:
        """A URL for the cluster's superuser."""
        return f"postgresql://{USER}@/{database}?host={quote(str(self.root), safe='')}"

    def new_schema_url(self) -> str:
        """Make an empty schema and return a URL whose search_path is it (a test's database)."""
        schema = f"test_{os.getpid()}_{next(self._schemas)}"
        with psycopg.connect(self.admin_url(), autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {schema}")
        return f"{self.admin_url()}&options={quote(f'-csearch_path={schema}', safe='')}"

    def destroy(self) -> None:
        """Stop the server and delete everything."""
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped (a fault test that failed halfway)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
