"""A roster file is reread when it changes; a broken edit keeps the last good roster."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from derivquest.server.password_roster import parse_password_roster, set_password
from derivquest.server.roster_file import RosterError, RosterFile


def touch_later(path: Path, seconds: int) -> None:
    """Move the file's mtime so a change within the same clock tick is still seen."""
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + seconds * 10**9))


def test_reread_on_change_and_keep_the_last_good(tmp_path: Path) -> None:
    path = tmp_path / "class.passwd"
    set_password(path, "ana", "password", 4)
    roster = RosterFile(path, parse_password_roster)
    assert roster.current().names == ["ana"]

    set_password(path, "bo", "password", 4)  # the teacher adds a student mid-lesson
    assert roster.current().names == ["ana", "bo"]

    path.write_text(path.read_text() + "half-typed line\n")
    touch_later(path, 5)
    assert roster.current().names == ["ana", "bo"]  # still the last good one


def test_a_missing_or_broken_file_stops_the_start(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="cannot read"):
        RosterFile(tmp_path / "missing", parse_password_roster)
    broken = tmp_path / "broken"
    broken.write_bytes(b"\xff\xfe")
    with pytest.raises(RosterError, match="not UTF-8"):
        RosterFile(broken, parse_password_roster)
    broken.write_text("ana\nbo\n")
    with pytest.raises(RosterError) as raised:
        RosterFile(broken, parse_password_roster)
    assert [problem.line for problem in raised.value.problems] == [1, 2]
