"""Charts tell their lines apart without colour, and speak the player's language.

Each line of a chart is drawn, and shown in its legend, with characters no other line uses
(quarter blocks, braille dots, small squares), so a NO_COLOR terminal, a monochrome console or a
colour-blind player still sees which line is which. Titles, legends, axis labels and the
status line come from the catalogue, so `--lang bn` shows them in Bengali.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Label, Static
from textual_plotext import PlotextPlot

from derivquest.ui.glyphs import ASCII, UNICODE
from derivquest.ui.strings import t
from derivquest.ui.widgets.chart_base import ChartPanel, series_marker
from tests.ui.conftest import AppFactory
from tests.ui.helpers import settle

QUARTERS = frozenset("▘▝▖▗▚▞▀▄▌▐▛▙▟▜█")
"""plotext's "hd" marker: a line drawn in quarter blocks."""


def family(glyph: str) -> frozenset[str]:
    """Every character a line whose legend shows `glyph` can be drawn with."""
    if glyph in QUARTERS:
        return QUARTERS
    if 0x2800 <= ord(glyph) <= 0x28FF:
        return frozenset(chr(code) for code in range(0x2801, 0x2900))
    return frozenset(glyph)


def plot_lines(panel: ChartPanel) -> list[str]:
    """The chart as plain text: every colour and style dropped."""
    plot = panel.query_one(PlotextPlot)
    drawn = plot.render()
    assert isinstance(drawn, Text)
    return drawn.plain.splitlines()


def legend(lines: list[str], labels: list[str]) -> dict[str, str]:
    """Label -> the glyphs drawn before it in the legend (two cells, as plotext draws them)."""
    found: dict[str, str] = {}
    for label in labels:
        for line in lines:
            at = line.find(f" {label}")
            if at >= 2 and line[at - 2 : at].strip() and line[at - 3] in " │":
                found[label] = line[at - 2 : at]
                break
        else:
            raise AssertionError(f"no legend entry for {label!r} in\n" + "\n".join(lines))
    return found


def canvas_cells(lines: list[str], labels: list[str]) -> Iterator[str]:
    """The characters of the plot area outside the legend rows."""
    for line in lines:
        if not any(f" {label}" in line for label in labels):
            yield from line


CHARTS = [
    # chart id, keys pressed first, the labels of its lines in the legend
    (
        "tangent",
        (),
        lambda lang: [
            t("chart.tangent.function", lang, function="x^2 - 4x + 3"),
            t("chart.tangent.secant", lang, h="2"),
            t("chart.tangent.line", lang),
        ],
    ),
    (
        "activations",
        (),
        lambda lang: ["sigmoid", "sigmoid'", t("chart.activations.threshold", lang, level="0.05")],
    ),
    (
        "gradient-descent",
        ("space", "space", "space"),
        lambda lang: ["L(w)", t("chart.descent.steps", lang)],
    ),
    (
        "gradient-check",
        (),
        lambda lang: [t("chart.gradcheck.error", lang), t("chart.gradcheck.chosen", lang)],
    ),
]


@pytest.mark.parametrize("language", ["en", "bn"])
@pytest.mark.parametrize(("chart", "keys", "labels"), CHARTS, ids=[c[0] for c in CHARTS])
async def test_lines_are_told_apart_without_colour(
    make_game: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    chart: str,
    keys: tuple[str, ...],
    labels: object,
    language: str,
) -> None:
    """Under NO_COLOR, in plain text: each legend entry shows its own glyphs, and the plot
    area holds cells of every line's own characters."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_game(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_chart(chart)
        await settle(pilot)
        panel = app.screen.query_one(ChartPanel)
        panel.focus()
        await pilot.press(*keys)
        await settle(pilot)
        assert app.no_color
        names = labels(language)  # type: ignore[operator]
        lines = plot_lines(panel)
        glyphs = legend(lines, names)
        assert len(set(glyphs.values())) == len(names), glyphs
        families = [family(shown[-1]) for shown in glyphs.values()]
        for index, one in enumerate(families):
            assert all(one.isdisjoint(other) for other in families[index + 1 :]), glyphs
        # Every row is as wide as the plot: a Bengali label's marks (ু, ্) do not pull the
        # frame's right edge left.
        width = panel.query_one(PlotextPlot).size.width
        assert [cell_len(line) for line in lines] == [width] * len(lines), lines
        drawn = set(canvas_cells(lines, names))
        for label, one in zip(names, families, strict=True):
            assert drawn & one, f"{label!r}: no cell of the plot drawn with {sorted(one)[:4]}"


@pytest.mark.parametrize("glyphs", [UNICODE, ASCII], ids=["unicode", "ascii"])
def test_every_series_marker_is_distinct(monkeypatch: pytest.MonkeyPatch, glyphs: object) -> None:
    """Up to four lines a chart: four markers, none the cursor point's glyph."""
    monkeypatch.setenv("DERIVQUEST_ASCII", "1" if glyphs is ASCII else "0")
    monkeypatch.setenv("TERM", "xterm-256color")
    markers = [series_marker(index) for index in range(4)]
    assert len(set(markers)) == 4
    assert glyphs.point not in markers  # type: ignore[attr-defined]


def status_text(panel: ChartPanel) -> str:
    content = panel.query_one(".status", Static).render()
    return content.plain if isinstance(content, Text) else str(content)


BENGALI = [
    # chart id, keys, what must show in Bengali (title, legend or axis, status)
    ("tangent", (), ["chart.title.tangent", "chart.tangent.line"], "secant-এর slope"),
    (
        "gradient-descent",
        ("up", "up", "up", "up", "up", "r"),
        ["chart.title.gradient-descent", "chart.descent.loss_title", "chart.descent.step_axis"],
        "DIVERGE করেছে",
    ),
    (
        "gradient-check",
        (),
        ["chart.title.gradient-check", "chart.gradcheck.h_axis", "chart.gradcheck.error"],
        "সেরা h",
    ),
    (
        "activations",
        ("left",) * 20,
        ["chart.title.activations", "chart.activations.threshold"],
        "এখানে শেখা থেমে যায়",
    ),
]


@pytest.mark.parametrize(
    ("chart", "keys", "entries", "status"), BENGALI, ids=[b[0] for b in BENGALI]
)
async def test_charts_speak_bengali(
    make_game: AppFactory, chart: str, keys: tuple[str, ...], entries: list[str], status: str
) -> None:
    """--lang bn: the title, the legend and axis labels and the status line are Bengali."""
    app = make_game(language="bn")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_chart(chart)
        await settle(pilot)
        panel = app.screen.query_one(ChartPanel)
        panel.focus()
        await pilot.press(*keys)
        await settle(pilot)
        title = app.screen.query_one(".screen-title", Label).render()
        plot = "\n".join(plot_lines(panel))
        shown = f"{title}\n{plot}"
        for key in entries:
            text = t(key, "bn", level="0.05")
            assert text != t(key, "en", level="0.05")
            assert text in shown, (key, shown)
        assert status in status_text(panel)
        assert any("\u0980" <= char <= "\u09ff" for char in status_text(panel))


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("│ ▞▞ L(w)     │", "│ ▞▞ L(w)     │"),  # nothing to restore
        ("│ ▪▪ রেখা     │", "│ ▪▪ রেখা     │"),  # vowel signs (spacing marks) take a cell
        ("│ ▪▪ step-গুলো   │", "│ ▪▪ step-গুলো    │"),  # u-kar: one space after the label
        ("│ ▞▞ error (ভুলের মাপ)  │", "│ ▞▞ error (ভুলের মাপ)   │"),  # spaces inside a label
        ("প্রতি step-এ loss", "প্রতি step-এ loss "),  # virama, at the end of the line
    ],
)
def test_restore_columns_gives_each_mark_its_cell_back(line: str, fixed: str) -> None:
    from derivquest.ui.cell_width import install
    from derivquest.ui.widgets.themed_plot import restore_columns

    install()
    restored = restore_columns(Text(line)).plain
    assert restored == fixed
    assert cell_len(restored) == len(line)  # as many cells as plotext laid out
