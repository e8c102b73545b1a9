"""The pool's warm-up covers a student's first check: nothing is left to import after it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

FIRST_CHECKS = [
    ("check_derivative", ["x^2 e^x", "2x e^x", "x", None]),  # a product, shown pretty
    ("check_derivative", ["(x^2+1)/(x-3)", "2x/(x-3)", "x", None]),  # a quotient
    ("check_derivative", ["sin(3x)^2", "2sin(3x)cos(3x)", "x", None]),  # a chain
    ("check_derivative", ["softplus(w x)", "sigmoid(w x) x", "w", ["w", "x"]]),
    ("check", ["2(x+1)", "2x+2", ["x"]]),
    ("check_numeric", ["0.25", "1/4", None, None]),
    ("chart_curves", ["tanh(x)", "x"]),
    ("derivative_value", ["x^3", "x", 2.0]),
]

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from derivquest.engine.pool.__main__ import WARM_UPS
    from derivquest.engine.worker import answer
    for method, args in WARM_UPS:
        answer(method, args)
    before = set(sys.modules)
    for method, args in json.loads(sys.argv[1]):
        args = [tuple(a) if isinstance(a, list) else a for a in args]
        answer(method, tuple(args))
    print(json.dumps(sorted(set(sys.modules) - before)))
    """
)


def test_no_first_check_imports_anything_after_the_warm_up() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(FIRST_CHECKS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(result.stdout) == []
