"""The roster in the database (`store.roster`), on SQLite and on PostgreSQL."""

from __future__ import annotations

import base64

import pytest

from derivquest.progress import ProfileError, ProgressStore, RosterError
from derivquest.progress.roster import NewStudent, RosterKey

HASH = "scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0$ZGlnZXN0ZGlnZXN0ZGlnZXN0"


def key(seed: int, comment: str = "") -> RosterKey:
    """A distinct ed25519-shaped key (the store checks the shape; the server parses keys)."""
    blob = base64.b64encode(b"\x00\x00\x00\x0bssh-ed25519" + bytes([seed]) * 36).decode()
    return RosterKey("ssh-ed25519", blob, comment)


def test_add_list_and_look_up(store: ProgressStore) -> None:
    """A student added once has a profile, a class, keys, a password hash; all read back."""
    result = store.roster.add(
        [NewStudent("ana", "7B", (key(1, "ana@laptop"),), HASH), NewStudent("bo", keys=(key(2),))]
    )
    assert (result.created, result.updated, result.keys_added) == (("ana", "bo"), (), 2)
    students = store.roster.students()
    assert [(s.name, s.cohort, s.has_password, s.enabled) for s in students] == [
        ("ana", "7B", True, True),
        ("bo", None, False, True),
    ]
    assert students[0].keys == (key(1, "ana@laptop"),)
    profile = store.profile_named("ana")
    assert profile is not None and profile.cohort == "7B"
    found = store.roster.credentials("ana")
    assert found is not None
    assert found.key_blobs == {key(1).blob} and found.password_hash == HASH
    assert store.roster.credentials("zed") is None
    assert [s.name for s in store.roster.students("7B")] == ["ana"]
    assert store.roster.count() == 2
    assert store.roster.typical_hash() == HASH


def test_adding_again_updates(store: ProgressStore) -> None:
    """A second `add` adds keys, changes the class and password, and keeps the rest."""
    store.roster.add([NewStudent("ana", "7B", (key(1),))])
    result = store.roster.add([NewStudent("ana", "8A", (key(1), key(3)), HASH)])
    assert (result.created, result.updated, result.keys_added) == ((), ("ana",), 1)
    (ana,) = store.roster.students()
    assert ana.cohort == "8A" and ana.has_password and len(ana.keys) == 2


def test_an_existing_profile_keeps_its_progress(store: ProgressStore) -> None:
    """A student who played before joins the roster as the same profile."""
    before = store.create_profile("ana")
    store.record_attempt(before.id, "calc-for-ml/slopes/q1", "1", correct=True, seconds=2)
    store.roster.add([NewStudent("ana")])
    after = store.profile_named("ana")
    assert after is not None and after.id == before.id
    store.roster.remove(["ana"])
    assert store.profile_named("ana") is not None  # off the roster, progress kept
    assert store.roster.credentials("ana") is None


@pytest.mark.parametrize(
    ("entries", "error", "message"),
    [
        ([NewStudent("")], ProfileError, "a student name has 1 to 40"),
        ([NewStudent("a b")], ProfileError, "'a b': a student name cannot contain ' '"),
        ([NewStudent("ana", cohort="7 B")], ProfileError, "spaces"),
        ([NewStudent("ana"), NewStudent("ana")], RosterError, "more than once: ana"),
        (
            [NewStudent("ana", keys=(RosterKey("ssh-ed25519", "not base64!"),))],
            RosterError,
            "not a public key",
        ),
        (
            [NewStudent("ana", keys=(RosterKey("ssh ed", key(1).blob),))],
            RosterError,
            "not a public key",
        ),
        ([NewStudent("ana", password_hash="")], RosterError, "never a password"),
        ([NewStudent("ana", password_hash="my secret")], RosterError, "never a password"),
        (
            [NewStudent("ana", keys=(key(1),)), NewStudent("bo", keys=(key(1),))],
            RosterError,
            "already listed for 'ana'",
        ),
    ],
)
def test_bad_entries_change_nothing(
    store: ProgressStore, entries: list[NewStudent], error: type[Exception], message: str
) -> None:
    """Every bad entry is refused with a message, and nothing of the batch is saved."""
    with pytest.raises(error, match=message):
        store.roster.add(entries)
    assert store.roster.students() == []
    assert store.profiles() == []


def test_a_key_of_another_student_is_refused(store: ProgressStore) -> None:
    """A key must say who logs in: it cannot be listed for a second student."""
    store.roster.add([NewStudent("ana", keys=(key(1),))])
    with pytest.raises(RosterError, match="already listed for 'ana'"):
        store.roster.add([NewStudent("bo", keys=(key(2), key(1)))])
    assert [s.name for s in store.roster.students()] == ["ana"]


def test_disable_enable_remove(store: ProgressStore) -> None:
    """A disabled student cannot log in (keys kept); removing needs every name known."""
    store.roster.add([NewStudent("ana", keys=(key(1),)), NewStudent("bo")])
    store.roster.set_enabled(["ana"], False)
    assert store.roster.credentials("ana") is None
    assert not store.roster.students()[0].enabled
    store.roster.set_enabled(["ana"], True)
    assert store.roster.credentials("ana") is not None
    with pytest.raises(RosterError, match="not on the roster: 'zed'"):
        store.roster.remove(["bo", "zed"])
    assert store.roster.count() == 2  # all or nothing
    with pytest.raises(RosterError, match="'zed'"):
        store.roster.set_enabled(["zed"], False)
    assert store.roster.remove_keys("ana", [key(1).blob, key(9).blob]) == 1
    store.roster.remove(["ana", "bo"])
    assert store.roster.count() == 0
    # The key is free again for someone else.
    store.roster.add([NewStudent("cy", keys=(key(1),))])


def test_deleting_a_profile_takes_it_off_the_roster(store: ProgressStore) -> None:
    """The roster row and keys go with the profile (ON DELETE CASCADE on both backends)."""
    store.roster.add([NewStudent("ana", keys=(key(1),))])
    profile = store.profile_named("ana")
    assert profile is not None
    store.delete_profile(profile.id)
    assert store.roster.count() == 0
    store.roster.add([NewStudent("bo", keys=(key(1),))])  # the key row went too


def test_two_stores_see_each_others_changes(store: ProgressStore, database: str | None) -> None:
    """A second process's store (another server) sees a change at its next lookup."""
    with ProgressStore(database) as other:
        assert other.roster.credentials("ana") is None
        store.roster.add([NewStudent("ana", password_hash=HASH)])
        assert other.roster.credentials("ana") is not None
        store.roster.remove(["ana"])
        assert other.roster.credentials("ana") is None
