"""Password hashes (scrypt, per-user salt, constant-time check) and the roster file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from derivquest.server.password_roster import (
    parse_password_roster,
    remove_student,
    set_password,
)
from derivquest.server.passwords import (
    PasswordHash,
    decoy_hash,
    hash_password,
    verify_password,
)
from derivquest.server.roster_file import RosterError, read_roster

FAST = 4
"""log2(N) for tests: the real cost (2**15) takes a fifth of a second per hash."""


def test_hash_and_verify() -> None:
    stored = hash_password("correct horse", FAST)
    assert verify_password("correct horse", stored)
    assert not verify_password("correct hors", stored)
    assert not verify_password("", stored)
    assert not verify_password("correct horse ", stored)


def test_each_hash_has_its_own_salt() -> None:
    first, second = hash_password("same", FAST), hash_password("same", FAST)
    assert first.salt != second.salt and first.digest != second.digest
    assert len(first.salt) == 16 and len(first.digest) == 32


def test_the_default_cost_is_the_documented_one() -> None:
    stored = hash_password("pw")
    assert (stored.log2_n, stored.r, stored.p) == (15, 8, 1)
    assert stored.encode().startswith("scrypt$ln=15,r=8,p=1$")


def test_encode_decode_round_trip() -> None:
    stored = hash_password("ünïcödé ✓", FAST)
    again = PasswordHash.decode(stored.encode())
    assert again == stored
    assert verify_password("ünïcödé ✓", again)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("plain", "not an scrypt"),
        ("scrypt$ln=15,r=8,p=1$c2FsdHNhbHQ=", "not an scrypt"),
        ("scrypt$ln=0,r=8,p=1$c2FsdHNhbHQ=$" + "A" * 44, "out of range"),
        ("scrypt$ln=15,r=99,p=1$c2FsdHNhbHQ=$" + "A" * 44, "out of range"),
        ("scrypt$ln=15,r=8,p=1$c2FsdA==$" + "A" * 44, "too short"),
        ("scrypt$ln=15,r=8,p=1$c2FsdHNhbHQ=$A", "base64"),
    ],
)
def test_decode_refuses(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        PasswordHash.decode(text)


def test_no_password_matches_the_decoy() -> None:
    decoy = decoy_hash(FAST)
    assert not verify_password("", decoy) and not verify_password("anything", decoy)


def test_set_change_and_remove(tmp_path: Path) -> None:
    roster_path = tmp_path / "class.passwd"
    assert set_password(roster_path, "ana", "first-pass", FAST) is True
    assert set_password(roster_path, "bo", "bo-secret", FAST) is True
    assert set_password(roster_path, "ana", "second-pass", FAST) is False
    assert stat.S_IMODE(roster_path.stat().st_mode) == 0o600
    lines = roster_path.read_text().splitlines()
    assert lines[0].startswith("#")
    assert [line.split(":")[0] for line in lines[1:]] == ["ana", "bo"]  # changed in place
    roster = read_roster(roster_path, parse_password_roster)
    assert verify_password("second-pass", roster.hashes["ana"])
    assert not verify_password("first-pass", roster.hashes["ana"])
    assert remove_student(roster_path, "ana") is True
    assert remove_student(roster_path, "ana") is False
    assert read_roster(roster_path, parse_password_roster).names == ["bo"]


def test_a_bad_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="cannot contain ':'"):
        set_password(tmp_path / "p", "ana:x", "password", FAST)
    assert not (tmp_path / "p").exists()


def test_a_broken_roster_is_not_rewritten(tmp_path: Path) -> None:
    roster_path = tmp_path / "class.passwd"
    roster_path.write_text("ana:not-a-hash\n")
    with pytest.raises(RosterError, match="class.passwd:1"):
        set_password(roster_path, "bo", "password", FAST)
    assert roster_path.read_text() == "ana:not-a-hash\n"


def test_parse_lists_every_problem() -> None:
    good = hash_password("pw", FAST).encode()
    text = f"# roster\nana:{good}\nbo\n-cy:{good}\nana:{good}\ndee:scrypt$bad\n"
    roster, problems = parse_password_roster(text, Path("p"))
    assert [(problem.line, problem.message) for problem in problems] == [
        (3, "expected NAME:HASH"),
        (4, "a student name starts with a letter or digit, not '-'"),
        (5, "'ana' is listed twice"),
        (6, "not an scrypt$ln=N,r=R,p=P$SALT$HASH password hash"),
    ]
    assert roster.names == ["ana"]
