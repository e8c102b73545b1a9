"""Warm-ups paid before the first question shows, and a catalog a zygote loaded for its games.

SymPy's pretty printer imports more modules on its first product (`sympy.physics.units`) and
its first error; paid on the first keystroke they make the preview lag. In a game the
classroom server forks from its zygote both happened once, before the fork.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from derivquest.content import Catalog

SCREENS = (
    "derivquest.game.session",
    "derivquest.ui.screens.course_map",
    "derivquest.ui.screens.lesson",
    "derivquest.ui.screens.question",
    "derivquest.ui.screens.level_complete",
    "derivquest.ui.screens.help",
    "derivquest.ui.screens.settings",
    "derivquest.ui.drill_flow",
    "derivquest.ui.chart_factory",
)
"""Modules the game imports on its way to the first question (a zygote imports them all)."""

_lock = threading.Lock()
_warm = False
_kept: tuple[tuple[Path, ...], Catalog] | None = None


def warm_up() -> None:
    """Import the first screens and run the preview's first product and first error, once."""
    global _warm
    with _lock:
        if _warm:
            return
        for name in SCREENS:
            importlib.import_module(name)
        from derivquest.ui.widgets.answer_input import render_preview

        render_preview("15(3x+2)^4", ("x",))
        render_preview("x*e^x + (3x+2)^5", ("x",))
        render_preview("sin(x))", ("x",))
        _warm = True


def keep_catalog(extra: tuple[Path, ...], catalog: Catalog) -> None:
    """Remember a catalog loaded with these `--pack` folders (the zygote, before forking)."""
    global _kept
    _kept = (extra, catalog)


def kept_catalog(extra: tuple[Path, ...]) -> Catalog | None:
    """The catalog kept for exactly these `--pack` folders, or None."""
    if _kept is not None and _kept[0] == extra:
        return _kept[1]
    return None


def is_warm() -> bool:
    """True once `warm_up` has run in this process (or in the zygote before its fork)."""
    return _warm
