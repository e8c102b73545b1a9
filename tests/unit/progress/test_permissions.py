"""The data folder is 0700 and the database 0600: other users of the machine read nothing."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from derivquest.paths import HOME_ENV, make_private_file, make_private_folder
from derivquest.progress import ProgressStore


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_is_owner_only(isolated_home: Path) -> None:
    with ProgressStore.open() as store:
        store.create_profile("ana")
        files = [isolated_home / name for name in ("progress.sqlite3", "progress.sqlite3-wal")]
        assert mode(isolated_home) == 0o700
        assert [mode(path) for path in files] == [0o600, 0o600]


def test_a_loose_store_is_tightened(isolated_home: Path) -> None:
    ProgressStore.open().close()
    isolated_home.chmod(0o755)
    (isolated_home / "progress.sqlite3").chmod(0o644)
    ProgressStore.open().close()
    assert mode(isolated_home) == 0o700
    assert mode(isolated_home / "progress.sqlite3") == 0o600


def test_a_folder_that_is_not_the_data_folder_is_left_alone(tmp_path: Path) -> None:
    shared = tmp_path / "class"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    ProgressStore.open(shared / "progress.sqlite3").close()
    assert mode(shared) == 0o755  # the teacher chose this folder and its mode
    assert mode(shared / "progress.sqlite3") == 0o600


@pytest.mark.parametrize("tighten", [True, False])
def test_private_folders(tmp_path: Path, tighten: bool) -> None:
    fresh = tmp_path / "a" / "b"
    make_private_folder(fresh)
    assert mode(fresh) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir()
    loose.chmod(0o775)
    make_private_folder(loose, tighten=tighten)
    assert mode(loose) == (0o700 if tighten else 0o775)


def test_private_files_keep_their_content(tmp_path: Path) -> None:
    made = tmp_path / "new"
    make_private_file(made)
    assert mode(made) == 0o600 and made.read_bytes() == b""
    kept = tmp_path / "kept"
    kept.write_text("answers")
    kept.chmod(0o666)
    make_private_file(kept)
    assert mode(kept) == 0o600 and kept.read_text() == "answers"


def test_the_real_command_makes_a_private_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    environment = {**os.environ, HOME_ENV: str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "derivquest", "progress", "show"],
        env=environment,
        umask=0o022,  # the usual one, which would make both readable by everyone
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert mode(home) == 0o700
    assert mode(home / "progress.sqlite3") == 0o600
