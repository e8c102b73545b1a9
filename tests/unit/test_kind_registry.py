"""The kinds' registry: every folder under derivquest/kinds/ with a spec.py is a playable kind."""

from __future__ import annotations

import pkgutil

import derivquest.kinds as package
from derivquest.kinds.base import KindSpec
from derivquest.kinds.registry import names, not_kinds, spec_for


def test_every_kind_folder_declares_a_kind_spec() -> None:
    """A folder whose SPEC is something else is left out of the game; name it here."""
    assert not_kinds() == {}


def test_every_kind_folder_is_found() -> None:
    folders = {info.name for info in pkgutil.iter_modules(package.__path__) if info.ispkg}
    assert set(names()) <= folders
    assert {"derivative", "expression", "numeric", "choice", "plot"} <= set(names())


def test_each_spec_is_a_kind_spec_with_its_own_model() -> None:
    for name in names():
        spec = spec_for(name)
        assert isinstance(spec, KindSpec)
        assert spec.model.model_fields["kind"].annotation.__args__ == (name,)  # type: ignore[union-attr]
