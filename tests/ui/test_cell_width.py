"""Bengali text measures as terminals draw it: spacing vowel signs take one cell."""

from __future__ import annotations

import pytest
from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

from derivquest.ui.cell_width import install, terminal_width


@pytest.fixture(autouse=True)
def _installed() -> None:
    install()


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        # Widths checked against tmux 3.3a (cursor column after printing the text).
        ("অমিত", 4),  # ি (U+09BF, Mc) takes a cell
        ("কেন্দ্রীয়", 7),  # virama (Mn) and nukta (Mn) take none, ে and ী one each
        ("ক্ষি", 3),
        ("য়", 1),
        ("ং", 1),  # anusvara U+0982 (Mc)
        ("দুঃখ", 3),  # u-sign (Mn) none, visarga U+0983 (Mc) one
        ("বাংলা", 5),
        ("কৌশল", 4),  # ৌ U+09CC
        ("ASCII", 5),
        ("界", 2),  # wide characters are untouched
        ("é", 1),  # e + combining acute (Mn): still zero for the mark
    ],
)
def test_cell_len(text: str, cells: int) -> None:
    assert cell_len(text) == cells
    assert Text(text).cell_len == cells


@pytest.mark.parametrize(
    ("character", "cells"),
    [
        ("\u09be", 1),
        ("\u09bf", 1),
        ("\u09c0", 1),
        ("\u09c7", 1),
        ("\u09c8", 1),
        ("\u09cb", 1),
        ("\u09cc", 1),
        ("\u0982", 1),
        ("\u0983", 1),
        ("\u09cd", 0),
        ("\u0981", 0),
        ("\u0301", 0),
    ],
)
def test_character_cells(character: str, cells: int) -> None:
    assert get_character_cell_size(character) == cells


def test_terminal_width_names_only_spacing_marks() -> None:
    assert terminal_width("\u09bf") == 1
    assert terminal_width("\u09cd") is None
    assert terminal_width("a") is None


def test_install_twice_changes_nothing() -> None:
    install()
    install()
    assert cell_len("অমিত") == 4
