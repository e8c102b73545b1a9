"""The layers import only downwards: every module's imports are read with `ast` and checked.

engine and progress import no other package of ours; content (with the charts' models and
each question kind's `spec`) imports the engine only; game imports content, engine and
progress; ui (with each kind's `view`), server and commands sit on top. The small shared
modules at the top of the package (ids, languages, paths, atomic, settings) import nothing of
ours but each other, and anyone may use them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "derivquest"

BASE_MODULES = frozenset({"ids", "languages", "paths", "atomic", "settings", "plugins"})
"""Shared leaf modules: `derivquest.<name>`."""

ALLOWED: Mapping[str, frozenset[str]] = {
    "base": frozenset({"base"}),
    "engine": frozenset({"engine", "base"}),
    "progress": frozenset({"progress", "base"}),
    "content": frozenset({"content", "engine", "base"}),
    "game": frozenset({"game", "content", "engine", "progress", "base"}),
    "top": frozenset({"top", "game", "content", "engine", "progress", "base"}),
}
"""Which layers each layer may import."""


def layer_of(module: str) -> str:
    """Return the layer of a `derivquest...` module name."""
    parts = module.split(".")
    if parts[0] != "derivquest":
        raise ValueError(f"{module} is not ours")
    if len(parts) == 1:
        return "top"  # the package itself: its __init__ is a docstring and a version
    head = parts[1]
    if head in BASE_MODULES:
        return "base"
    if head in ("engine", "progress", "content", "game"):
        return head
    if head in ("kinds", "charts"):
        # A question kind's or a chart's view is UI; everything else there is pure content.
        return "top" if parts[-1] == "view" or "view" in parts[2:] else "content"
    return "top"  # ui, server, commands, cli, __main__


def module_name(path: Path) -> str:
    """`derivquest/content/schema.py` -> `derivquest.content.schema`."""
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str) -> Iterator[str]:
    """Yield every `derivquest...` module a source imports (anywhere, even inside functions)."""
    package = module.split(".")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package[: len(package) - node.level]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield target
            # `from derivquest import paths` imports the module derivquest.paths; a name that
            # is not a module lands in the same layer as `target`, so this is safe either way.
            yield from (f"{target}.{alias.name}" for alias in node.names)


def violations(sources: Mapping[str, str]) -> list[str]:
    """Return one line per import that goes up (or sideways between engine and progress)."""
    found = []
    for module, source in sorted(sources.items()):
        layer = layer_of(module)
        for target in imported_modules(source, module):
            if target != "derivquest" and not target.startswith("derivquest."):
                continue
            if target == "derivquest":
                continue
            if layer_of(target) not in ALLOWED[layer]:
                found.append(f"{module} ({layer}) imports {target} ({layer_of(target)})")
    return found


def package_sources() -> dict[str, str]:
    """Every module of the package and its source."""
    return {
        module_name(path): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def test_every_module_imports_only_downwards() -> None:
    sources = package_sources()
    assert len(sources) > 100  # the walk found the package
    assert violations(sources) == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("derivquest.engine.fake", "from derivquest.game import session"),
        ("derivquest.engine.fake", "import derivquest.progress.store"),
        ("derivquest.progress.fake", "from derivquest.content import Catalog"),
        ("derivquest.progress.fake", "from derivquest.engine import parse"),
        ("derivquest.content.fake", "def f():\n    from derivquest.progress import store\n"),
        ("derivquest.content.fake", "from derivquest.ui.strings import t"),
        ("derivquest.kinds.fake.spec", "from derivquest.kinds.fake.view import FakeView"),
        ("derivquest.kinds.fake.spec", "from derivquest.game.session import PlayerGame"),
        ("derivquest.game.fake", "from derivquest.ui import app"),
        ("derivquest.game.fake", "from derivquest.kinds.choice.view import ChoiceView"),
        ("derivquest.ids", "from derivquest.content import schema"),
        ("derivquest.engine.fake", "from .. import content"),
    ],
)
def test_a_fabricated_upward_import_is_caught(module: str, source: str) -> None:
    found = violations({module: source})
    assert found and all(line.startswith(module) for line in found)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("derivquest.engine.fake", "from derivquest.engine.parser import parse"),
        ("derivquest.progress.fake", "from derivquest import paths"),
        ("derivquest.content.fake", "from derivquest.engine import parse"),
        ("derivquest.kinds.fake.spec", "from derivquest.content.fields import Model"),
        ("derivquest.kinds.fake.view", "from derivquest.ui.strings import t"),
        ("derivquest.game.fake", "from derivquest.progress import scoring"),
        ("derivquest.ui.fake", "from derivquest.game.session import PlayerGame"),
    ],
)
def test_downward_imports_pass(module: str, source: str) -> None:
    assert violations({module: source}) == []


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("derivquest.kinds.derivative.spec", "content"),
        ("derivquest.kinds.derivative.view", "top"),
        ("derivquest.kinds.registry", "content"),
        ("derivquest.charts.descent", "content"),
        ("derivquest.ui.kind_views", "top"),
        ("derivquest.server.session", "top"),
        ("derivquest.ids", "base"),
    ],
)
def test_layer_of(module: str, layer: str) -> None:
    assert layer_of(module) == layer
