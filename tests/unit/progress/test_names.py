"""The one name rule: profile names (any script, spaces, apostrophes) and login names."""

from __future__ import annotations

import unicodedata

import pytest

from derivquest.progress import ProfileError, ProgressStore
from derivquest.progress.names import is_valid_name, name_fault, name_problem, normalized

NAMES = [
    # name, a profile name?, a login name?
    ("ana", True, True),
    ("Ana Rahman", True, False),
    ("José O'Brien", True, False),  # apostrophes: profile names only (OpenSSH refuses ')
    ("Zoë O’Neill", True, False),  # the typographic apostrophe too
    ("O'Brien", True, False),
    ("Anne-Marie", True, True),
    ("D. Rao", True, False),
    ("D.Rao", True, True),
    ("অমিত", True, True),  # Bengali with a vowel sign (a spacing mark)
    ("অর্ক", True, True),  # a conjunct: the virama is a mark on a letter
    ("রাহুল দাস", True, False),
    ("अमित", True, True),  # Devanagari
    ("क्षितिज", True, True),  # virama then a vowel sign: two marks in a row
    ("李小龙", True, True),  # CJK
    ("さくら", True, True),
    ("Đặng Thị", True, False),  # Vietnamese, composed
    ("محمد", True, True),  # Arabic
    ("7b", True, True),
    ("ana.b_c-d", True, True),
    ("x" * 40, True, True),
    ("x" * 41, False, False),
    ("", False, False),
    (" ana", False, False),
    ("ana ", False, False),
    ("ana  b", False, False),
    ("-ana", False, False),
    ("'ana", False, False),
    (".ana", False, False),
    ("ana:b", False, False),
    ("ana/b", False, False),  # path separators
    ("ana\\b", False, False),
    ("..", False, False),
    ("ana@b", False, False),
    ('ana"b', False, False),
    ("ana;b", False, False),
    ("ana\tb", False, False),  # control characters
    ("ana\nb", False, False),
    ("ana\x1b[31m", False, False),
    ("ana\x00", False, False),
    ("ana\u202eb", False, False),  # right-to-left override
    ("ana\u2066b", False, False),  # left-to-right isolate
    ("ana\u200fb", False, False),  # right-to-left mark
    ("ana\u200bb", False, False),  # zero-width space
    ("ana\u200db", False, False),  # zero-width joiner
    ("ana\u2060b", False, False),  # word joiner
    ("ana\ufeffb", False, False),  # zero-width no-break space
    ("ana\u00adb", False, False),  # soft hyphen
    ("ana\u3164", False, False),  # Hangul filler: a "letter" that draws nothing
    ("ana\ufe0f", False, False),  # variation selector
    ("ana\u034fb", False, False),  # combining grapheme joiner
    ("ana\u00a0b", False, False),  # no-break space: looks like a space, is not one
    ("ana\u3000b", False, False),  # ideographic space
    ("a\u0301\u0301\u0301\u0301\u0301", False, False),  # "Zalgo": marks stacked without end
    ("ana \u0301", False, False),  # a mark on a space
    ("ana😀", False, False),
    ("①②", False, False),  # numbers that are not digits
]


@pytest.mark.parametrize(("name", "profile", "login"), NAMES)
def test_profile_and_login_names(name: str, profile: bool, login: bool) -> None:
    assert is_valid_name(name) is profile
    assert is_valid_name(name, spaces=False) is login


@pytest.mark.parametrize(
    ("name", "kind", "character"),
    [
        ("x" * 41, "length", ""),
        ("-ana", "start", "-"),
        ("ana@b", "character", "@"),
        ("ana\u202eb", "character", "\u202e"),
        ("ana \u0301", "mark", "\u0301"),
        ("a" + "\u0301" * 5, "marks", "\u0301"),
        ("ana  b", "spaces", ""),
        ("Jose\u0301", "form", ""),  # decomposed: `normalized` composes it first
    ],
)
def test_a_fault_says_what_and_which_character(name: str, kind: str, character: str) -> None:
    fault = name_fault(name)
    assert fault is not None and (fault.kind, fault.character) == (kind, character)


def test_the_problem_names_the_bad_character() -> None:
    problem = name_problem("ana@b")
    assert problem is not None and "'@'" in problem
    login = name_problem("O'Brien", spaces=False, noun="student name")
    assert login is not None and '"\'"' in login and "student name" in login


def test_normalized_composes_and_strips() -> None:
    typed = "  Jose\u0301 O'Brien "
    assert normalized(typed) == "José O'Brien"
    assert unicodedata.is_normalized("NFC", normalized(typed))
    assert is_valid_name(normalized(typed))


def test_store_screen_and_server_share_the_rule() -> None:
    """The server's and the store's checks are this module's, not copies."""
    from derivquest.progress import profiles
    from derivquest.server import names

    assert names.MAX_NAME == 40
    assert names.name_problem("ana b") == name_problem("ana b", spaces=False, noun="student name")
    assert profiles.check_name.__globals__["name_problem"] is name_problem


@pytest.mark.parametrize(("name", "profile", "login"), NAMES)
def test_the_store_keeps_the_rule(tmp_path: object, name: str, profile: bool, login: bool) -> None:
    """The store refuses what the rule refuses (after stripping the ends, as it stores)."""
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    with ProgressStore.open(tmp_path / "progress.sqlite3") as store:
        stored = normalized(name)
        if is_valid_name(stored):
            created = store.create_profile(name)
            assert created.name == stored
            assert store.profile_named(stored) == created
        else:
            with pytest.raises(ProfileError):
                store.create_profile(name)
            assert store.profiles() == []


def test_the_store_composes_a_decomposed_name(tmp_path: object) -> None:
    """`José` typed decomposed and composed is one player, not two that look alike."""
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    with ProgressStore.open(tmp_path / "progress.sqlite3") as store:
        first = store.create_profile("Jose\u0301")
        assert first.name == "José"
        assert store.profile_named("José") == first
