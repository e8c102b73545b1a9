"""Cell widths as terminals count them: spacing vowel signs (Bengali া ি ে …) take one cell.

Rich (and Textual, which measures with Rich) gives every combining mark zero cells. Terminals
follow wcwidth, where only non-spacing and enclosing marks (Mn, Me) and format characters (Cf)
are zero wide; a spacing mark (Mc) advances the cursor by one cell. `tmux capture-pane` on
`অমিত` puts the cursor at column 4, Rich measured 3, so every Bengali line drew its border
too far left and lost a character at the edge. `install()` hands Rich corrected width
tables, which every Rich and Textual measurement reads.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Iterator

import rich.cells
from rich.cells import CellTable

Range = tuple[int, int, int]

_corrected: dict[int, tuple[CellTable, CellTable]] = {}
"""Rich's table (by id, kept alive) and its corrected copy; each Unicode version has one."""


def terminal_width(character: str) -> int | None:
    """The width a terminal gives ``character`` where it differs from Rich's, else None."""
    if unicodedata.category(character) == "Mc":
        return 1
    return None


def _split(entry: Range) -> Iterator[Range]:
    """One zero-width range of Rich's table without its spacing marks."""
    start, end, width = entry
    if width != 0:
        yield entry
        return
    run_start: int | None = None
    for codepoint in range(start, end + 1):
        keep = terminal_width(chr(codepoint)) is None
        if keep and run_start is None:
            run_start = codepoint
        elif not keep and run_start is not None:
            yield (run_start, codepoint - 1, 0)
            run_start = None
    if run_start is not None:
        yield (run_start, end, 0)


def correct(table: CellTable) -> CellTable:
    """The table without spacing marks in its zero-width ranges (absent means one cell)."""
    known = _corrected.get(id(table))
    if known is None:
        fixed = table._replace(widths=[part for entry in table.widths for part in _split(entry)])
        known = _corrected[id(table)] = (table, fixed)
    return known[1]


def install() -> None:
    """Make Rich and Textual measure text as terminals do; safe to call more than once."""
    # rich.cells looks its table loader up by name on every measurement: replace that name.
    namespace = vars(rich.cells)
    current = namespace["load_cell_table"]
    original: Callable[[str], CellTable] = getattr(current, "__wrapped_loader__", current)

    def load(unicode_version: str = "auto") -> CellTable:
        return correct(original(unicode_version))

    load.__wrapped_loader__ = original  # type: ignore[attr-defined]
    namespace["load_cell_table"] = load
    # Widths measured before now are cached: forget them.
    rich.cells.get_character_cell_size.cache_clear()
    rich.cells.cached_cell_len.cache_clear()
    textual_cells = sys.modules.get("textual._cells")
    if textual_cells is not None and hasattr(textual_cells.cell_len, "cache_clear"):
        textual_cells.cell_len.cache_clear()
