"""The answer box's preview on hostile input: bounded time, a message, never an exception."""

from __future__ import annotations

import time

import pytest

from derivquest.ui.widgets.answer_input import MAX_PREVIEW_LINES, render_preview

HOSTILE = [
    ("2^2^2^2^2^x", True, None),
    ("x^x^x^x^x^x^x^x^x^x^x^x", True, None),
    ("e^e^e^e^e^e^e^e^e^e^e^e^e^e^e^x", True, None),
    ("9^9^9", False, "too many digits"),
    ("2^19999", False, "too many digits"),
    ("x+" * 10_000 + "x", False, "too long"),  # 20,001 characters
    ("(" * 39 + "x" + ")" * 39, True, None),
    ("(" * 60 + "x" + ")" * 60, False, "nested too deeply"),
    ("1/(x+" * 39 + "1" + ")" * 39, True, None),
    ("x^(" * 39 + "x" + ")" * 39, True, None),
    ("sqrt(" * 39 + "x" + ")" * 39, True, None),
    ("10^4400", True, "4400"),  # kept as a power: never printed as 4,401 digits
    ("10^4000*10^4000", True, "4000"),
    ("10^4000/10^(-4000)", False, "too many digits"),  # a reading note would print 10^8000
    ("+".join(f"e^sin({k}x)" for k in range(1, 36)), True, None),
]


@pytest.mark.parametrize(("text", "ok", "says"), HOSTILE)
def test_hostile_previews_are_quick_and_never_raise(text: str, ok: bool, says: str | None) -> None:
    started = time.process_time()
    preview = render_preview(text, ("x",))
    assert time.process_time() - started < 3.0  # CPU seconds: generous on a loaded machine
    assert preview.ok == ok
    if says is not None:
        assert says in preview.body
    assert len(preview.body.splitlines()) <= max(MAX_PREVIEW_LINES + 1, 3)
