"""Symbols with an ASCII fallback for terminals whose font lacks them (the Linux console)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Glyphs:
    """The few non-ASCII symbols the game draws itself (Textual's boxes work everywhere)."""

    star: str
    no_star: str
    lock: str
    point: str
    series: tuple[str, ...]
    """plotext markers for a chart's lines, in order: each draws (and shows in the legend)
    with characters no other one uses, so series are told apart without colour. Graphics
    (blocks, braille, geometric shapes), measured as graphics by the colour test."""


UNICODE = Glyphs(star="★", no_star="☆", lock="🔒", point="●", series=("hd", "braille", "▪", "◆"))
ASCII = Glyphs(star="*", no_star="-", lock="x", point="o", series=("*", "+", ":", "="))


def glyphs() -> Glyphs:
    """ASCII on the Linux console (its font has no ★ or 🔒) or when DERIVQUEST_ASCII=1."""
    if os.environ.get("DERIVQUEST_ASCII") == "1" or os.environ.get("TERM") == "linux":
        return ASCII
    return UNICODE


def stars(count: int) -> str:
    """Three stars, filled or not."""
    symbols = glyphs()
    return symbols.star * count + symbols.no_star * (3 - count)
