"""A least-recently-used cache bounded both in entries and in (estimated) bytes.

The checker keeps each question's answer-independent work (its derivative, its mistake
candidates and their values: ``mistakes.Prepared``) so that every student's answer to the
same question reuses it. Entries grow as answers fill them in, so the byte bound is checked
against each entry's current ``weight`` whenever the cache is used.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class Weighed(Protocol):
    """Anything that can say roughly how many bytes it holds."""

    @property
    def weight(self) -> int: ...


V = TypeVar("V", bound=Weighed)


@dataclass(slots=True)
class CacheStats:
    """What the cache did since it was made (or cleared)."""

    hits: int = 0
    misses: int = 0
    evictions: int = 0


class BoundedCache(Generic[V]):
    """LRU cache of at most `entries` values and about `max_bytes` bytes in all."""

    def __init__(self, entries: int, max_bytes: int) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self.stats = CacheStats()
        self._items: OrderedDict[Hashable, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value for `key`, made by `make()` (and kept) when it is not here."""
        self._trim(keep=None)
        value = self._items.get(key)
        if value is not None:
            self.stats.hits += 1
            self._items.move_to_end(key)
            return value
        self.stats.misses += 1
        value = make()  # may raise: then nothing is kept
        self._items[key] = value
        self._trim(keep=key)
        return value

    def weight(self) -> int:
        """Estimated bytes held now."""
        return sum(value.weight for value in self._items.values())

    def clear(self) -> None:
        """Forget everything (and the statistics)."""
        self._items.clear()
        self.stats = CacheStats()

    def _trim(self, keep: Hashable | None) -> None:
        """Drop the least recently used entries until both bounds hold (never `keep`)."""
        total = self.weight()
        while self._items and (len(self._items) > self.entries or total > self.max_bytes):
            oldest = next(iter(self._items))
            if oldest == keep:
                if len(self._items) == 1:
                    return
                self._items.move_to_end(oldest)
                continue
            total -= self._items.pop(oldest).weight
            self.stats.evictions += 1
