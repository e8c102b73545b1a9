"""Register the tests' `word` kind for one test, and remove it after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PACK = Path(__file__).parent / "pack"
"""A pack whose one level asks a `word` question."""


@contextmanager
def word_kind(*, with_view: bool = True) -> Iterator[None]:
    """The `word` kind is known (and, with its view, playable) inside the block."""
    from derivquest.kinds import registry
    from tests.kinds.word.spec import SPEC

    registry.register(SPEC)
    if with_view:
        from derivquest.ui import kind_views
        from tests.kinds.word.view import VIEW

        kind_views.register(VIEW)
    try:
        yield
    finally:
        if with_view:
            from derivquest.ui import kind_views

            kind_views.unregister("word")
        registry.unregister("word")
