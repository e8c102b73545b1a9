"""No code path in the package hands text to eval, exec, sympify, parse_expr or lambdify."""

from __future__ import annotations

import ast
from pathlib import Path

import derivquest

FORBIDDEN = {"eval", "exec", "sympify", "parse_expr", "lambdify", "S"}
"""Call names that evaluate strings (``S("...")`` is sympify too)."""


def _calls(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if name in FORBIDDEN:
                found.append((name, node.lineno))
    return found


def test_package_never_calls_string_evaluators() -> None:
    package = Path(derivquest.__file__).parent
    offenders = [
        f"{path.relative_to(package)}:{line}: {name}()"
        for path in sorted(package.rglob("*.py"))
        for name, line in _calls(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_the_scan_finds_a_forbidden_call() -> None:
    assert _calls(ast.parse("import sympy\nsympy.sympify(text)\neval(x)")) == [
        ("sympify", 2),
        ("eval", 3),
    ]
