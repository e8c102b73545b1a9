"""Find question kinds by name: every `derivquest/kinds/<kind>/spec.py` that defines `SPEC`.

Discovery is lazy (the first lookup imports the folders), so importing this module has no
side effects and no import cycles. Tests may `register` a kind of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from derivquest.plugins import declared

if TYPE_CHECKING:
    from derivquest.kinds.base import KindSpec

_SPECS: dict[str, KindSpec] = {}
_LOADED = False
_LISTENERS: list[Callable[[], None]] = []
_NOT_KINDS: dict[str, str] = {}
"""Folders whose `spec.py` defines a SPEC that is not a KindSpec: folder -> its type."""


class UnknownKind(LookupError):
    """No kind has this name (a programming error: packs are checked by the schema)."""


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import derivquest.kinds as package
    from derivquest.kinds.base import KindSpec

    for folder, spec in declared(package, "spec", "SPEC"):
        if isinstance(spec, KindSpec):
            _SPECS.setdefault(spec.name, spec)
        else:
            # Not playable through the game yet (e.g. written before this interface): it
            # is left out, and tests/unit/test_kind_registry.py names it.
            _NOT_KINDS[folder] = type(spec).__name__


def specs() -> list[KindSpec]:
    """Every kind, in documentation order."""
    _load()
    return sorted(_SPECS.values(), key=lambda spec: (spec.order, spec.name))


def names() -> tuple[str, ...]:
    """Every kind's name, in documentation order."""
    return tuple(spec.name for spec in specs())


def spec_for(kind: str) -> KindSpec:
    """Return the kind called `kind`.

    Raises:
        UnknownKind: no kind has that name.
    """
    _load()
    try:
        return _SPECS[kind]
    except KeyError:
        raise UnknownKind(f"no question kind {kind!r} (known: {', '.join(names())})") from None


def not_kinds() -> dict[str, str]:
    """Folders under kinds/ whose SPEC is not a KindSpec (folder -> the SPEC's type)."""
    _load()
    return dict(_NOT_KINDS)


def register(spec: KindSpec) -> None:
    """Add a kind defined outside this package (tests); the pack schema learns it at once."""
    _load()
    if spec.name in _SPECS and _SPECS[spec.name] is not spec:
        raise ValueError(f"a kind called {spec.name!r} exists already")
    _SPECS[spec.name] = spec
    _changed()


def unregister(name: str) -> None:
    """Remove a kind added with `register`."""
    _SPECS.pop(name, None)
    _changed()


def on_change(listener: Callable[[], None]) -> None:
    """Call `listener` whenever a kind is registered or removed (the schema rebuilds)."""
    _LISTENERS.append(listener)


def _changed() -> None:
    for listener in _LISTENERS:
        listener()
