"""The content layer stays light: no Textual ever, and no SymPy until the engine is used."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    ["derivquest.content", "derivquest.content.validate", "derivquest.commands.pack"],
)
def test_import_loads_neither_textual_nor_sympy(module: str) -> None:
    code = (
        f"import sys, {module};print(sorted(m for m in ('textual', 'sympy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
