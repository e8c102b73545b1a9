"""Find what each sub-folder of a package declares: kinds, charts and their views."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from types import ModuleType


def declared(package: ModuleType, module: str, attribute: str) -> Iterator[tuple[str, object]]:
    """Yield (folder, value) of `attribute` in each `<package>/<folder>/<module>.py`.

    A folder without that module is skipped (not a plugin yet); an import error inside the
    module is raised, never hidden. Modules that do not define `attribute` are skipped.
    """
    for info in pkgutil.iter_modules(package.__path__):
        if not info.ispkg:
            continue
        name = f"{package.__name__}.{info.name}.{module}"
        try:
            loaded = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        value = getattr(loaded, attribute, None)
        if value is not None:
            yield info.name, value
