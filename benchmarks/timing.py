"""Repeated timing of a callable: median and 95th percentile in milliseconds."""

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    runs: int
    median_ms: float
    p95_ms: float


def p95(values: list[float]) -> float:
    """Nearest-rank: the smallest value at or above 95 % of the values (of 20 runs, the 19th)."""
    ordered = sorted(values)
    index = max(0, math.ceil(0.95 * len(ordered)) - 1)
    return ordered[min(index, len(ordered) - 1)]


def measure(fn: Callable[[], object], runs: int, warmup: int = 1) -> Sample:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return Sample(runs, statistics.median(times), p95(times))
