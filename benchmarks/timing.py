"""Repeated timing of a callable: median and 95th percentile in milliseconds."""

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
    ordered = sorted(values)
    index = max(0, round(0.95 * len(ordered) + 0.5) - 1)  # nearest-rank
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
