"""Shared pieces of the performance suite: timing and the result row.

Every figure is a ratio against a *floor* measured in the same run on the same machine (the
unavoidable cost of the libraries doing the same work bare), so results compare across machines.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Result:
    name: str
    value: float
    unit: str = "s"
    floor: float | None = None
    goal: float | None = None  # goal on the ratio (value / floor) or, without floor, on value
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def ok(self) -> bool | None:
        if self.goal is None:
            return None
        measured = self.ratio if self.floor else self.value
        return measured is not None and measured <= self.goal

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"ratio": self.ratio, "ok": self.ok}


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Minimum wall time of ``repeat`` runs (the least disturbed measurement)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
