"""Reference answers of an author's math, worked out by the checker process under its deadline.

A reference derivative can take SymPy minutes (`(x+1)^1000 + (x+2)^1000`), so it is never
computed in the game's or the validator's own process: it goes to a `JudgeService`, whose
worker is killed when it overruns. The kind code asks `reference_answer(...)`; the game
and the validator say which checker answers with `use_checker` / `checked_by`.
"""

from __future__ import annotations

import atexit
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from derivquest.engine import JudgeService

CACHE_SIZE = 4096
"""Reference answers remembered per process (the validator asks for the same ones often)."""

_NOTICE = {
    "en": "(the answer took too long to work out; the pack's author can simplify this question)",
    "bn": "(উত্তরটি বের করতে খুব বেশি সময় লাগল; প্যাকের লেখক প্রশ্নটি সহজ করতে পারেন)",
}
"""Shown where `{answer}` would be when the checker overran: a message, never a freeze."""


class _State:
    """The checker in use, one of our own started on demand, and the remembered answers."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checker: JudgeService | None = None
        self.own: JudgeService | None = None
        self.keep_overruns = False
        self.cache: OrderedDict[tuple[str, str | None, tuple[str, ...]], str | Exception] = (
            OrderedDict()
        )


_state = _State()


def use_checker(service: JudgeService | None) -> None:
    """Work reference answers out with `service` from now on (None: a checker of our own).

    The game calls this with its judge, so no second checker process is started.
    """
    with _state.lock:
        _state.checker = service


@contextmanager
def checked_by(service: JudgeService, keep_overruns: bool = True) -> Iterator[None]:
    """Use `service` inside the block; with `keep_overruns`, an overrun is remembered too.

    The validator keeps overruns: every variant and language of a slow question would
    otherwise wait out the deadline again. The game does not: a loaded machine may manage
    the next time.
    """
    with _state.lock:
        previous = (_state.checker, _state.keep_overruns)
        _state.checker, _state.keep_overruns = service, keep_overruns
    try:
        yield
    finally:
        with _state.lock:
            _state.checker, _state.keep_overruns = previous


def reference_answer(
    text: str, variable: str | None, variables: tuple[str, ...]
) -> str | Exception:
    """Return d(text)/d(variable), or `text` itself when variable is None, in the typed syntax.

    Returns the engine's error instead of raising it; an overrun of the checker's deadline
    is a `DeadlineExceeded` (see `overrun_seconds`).
    """
    from derivquest.engine.errors import DeadlineExceeded

    key = (text, variable, variables)
    with _state.lock:
        if key in _state.cache:
            _state.cache.move_to_end(key)
            return _state.cache[key]
        keep_overruns = _state.keep_overruns
    checker = _checker()
    if variable is not None:
        answer: str | Exception = checker.derivative_text(text, variable, variables)
    else:
        answer = checker.expression_text(text, variables)
    if keep_overruns or not isinstance(answer, DeadlineExceeded):
        with _state.lock:
            _state.cache[key] = answer
            if len(_state.cache) > CACHE_SIZE:
                _state.cache.popitem(last=False)
    return answer


def overrun_seconds(answer: str | Exception) -> float | None:
    """The deadline `answer` overran, or None when it is an answer or another error."""
    from derivquest.engine.errors import DeadlineExceeded

    return answer.seconds if isinstance(answer, DeadlineExceeded) else None


def shown_answer(answer: str | Exception, language: str) -> str | None:
    """What `{answer}` shows: the answer, a notice after an overrun, or None (left as written)."""
    if isinstance(answer, str):
        return answer
    if overrun_seconds(answer) is not None:
        return _NOTICE.get(language, _NOTICE["en"])
    return None


def _checker() -> JudgeService:
    with _state.lock:
        if _state.checker is not None:
            return _state.checker
        if _state.own is None:
            from derivquest.engine import JudgeService
            from derivquest.engine.service import deadline_from_environment

            _state.own = JudgeService(deadline_from_environment())
            atexit.register(_state.own.close)
        return _state.own
