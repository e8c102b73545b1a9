"""Draw a question's parameters from a seed that depends only on the player, question and round."""

from __future__ import annotations

import hashlib
import itertools
import math
import random
from collections.abc import Iterator, Mapping

from derivquest.content.fields import Choices, IntRange
from derivquest.content.templates import ParamValue

Params = Mapping[str, IntRange | Choices]
"""A question's parameter table."""


def variant_seed(player_id: str, full_id: str, round_number: int = 0) -> int:
    """Return the seed of the variant a player sees; stable across runs and Python versions.

    Args:
        player_id: the player's stable id.
        full_id: the question's `pack/level/question` id.
        round_number: the attempt round; a new round shows a new variant.
    """
    # hashlib, not hash(): str hashes change between runs (PYTHONHASHSEED).
    data = "\x1f".join((player_id, full_id, str(round_number))).encode("utf-8")
    return int.from_bytes(hashlib.sha256(data).digest()[:8], "big")


def draw_params(params: Params, seed: int) -> dict[str, ParamValue]:
    """Return one value per parameter, drawn in the order the author declared them."""
    rng = random.Random(seed)
    drawn: dict[str, ParamValue] = {}
    for name, param in params.items():
        values = param.values()
        drawn[name] = values[rng.randrange(len(values))]
    return drawn


def space_size(params: Params) -> int:
    """Return how many different parameter combinations a question has."""
    return math.prod(len(param.values()) for param in params.values())


def every_variant(params: Params) -> Iterator[dict[str, ParamValue]]:
    """Yield every combination of parameter values (use only when `space_size` is small)."""
    names = list(params)
    for combination in itertools.product(*(params[name].values() for name in names)):
        yield dict(zip(names, combination, strict=True))


def sample_variants(
    params: Params, full_id: str, count: int, exhaustive_up_to: int
) -> list[dict[str, ParamValue]]:
    """Return the parameter sets a validator should try, without repeats.

    Every combination when there are at most `exhaustive_up_to`; otherwise the variants of
    `count` rounds of a fixed validator player, so runs are reproducible.
    """
    if space_size(params) <= exhaustive_up_to:
        return list(every_variant(params))
    seen: dict[tuple[tuple[str, ParamValue], ...], dict[str, ParamValue]] = {}
    for round_number in range(count):
        values = draw_params(params, variant_seed("validator", full_id, round_number))
        seen.setdefault(tuple(values.items()), values)
    return list(seen.values())
