"""Peak resident memory of our child processes during a scenario, read from /proc (no psutil).

At the start each process's high-water mark is reset (``echo 5 > /proc/PID/clear_refs``, allowed
for our own children); a thread also samples ``VmRSS`` every 50 ms, so a process that started
during the scenario (a restarted gunicorn worker) counts too. The peak of a process is the larger
of its ``VmHWM`` at the end and its largest sample.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def _status_kib(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _reset_peak(pid: int) -> None:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        pass  # not allowed here: the samples alone count


@dataclass
class Peaks:
    """Per group ("web", "worker"): the largest single process and the largest sum, in MB."""

    process_mb: dict[str, float] = field(default_factory=dict)
    total_mb: dict[str, float] = field(default_factory=dict)

    def worst(self) -> float:
        return max(self.process_mb.values(), default=0.0)

    def describe(self) -> str:
        return ", ".join(f"{group} {self.process_mb[group]:,.0f} MB"
                         f" (all {self.total_mb[group]:,.0f})" for group in self.process_mb)


class PeakSampler:
    def __init__(self, groups: dict[str, Callable[[], list[int]]], every: float = 0.05) -> None:
        self.groups, self.every = groups, every
        self.per_pid: dict[str, dict[int, int]] = {g: {} for g in groups}
        self.total: dict[str, int] = dict.fromkeys(groups, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        for group, pids in self.groups.items():
            seen = 0
            for pid in pids():
                rss = _status_kib(pid, "VmRSS")
                if rss is None:
                    continue
                seen += rss
                known = self.per_pid[group]
                known[pid] = max(known.get(pid, 0), rss)
            self.total[group] = max(self.total[group], seen)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def __enter__(self) -> "PeakSampler":
        for pids in self.groups.values():
            for pid in pids():
                _reset_peak(pid)
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        for group, pids in self.groups.items():
            for pid in pids():
                hwm = _status_kib(pid, "VmHWM")
                if hwm is not None:
                    known = self.per_pid[group]
                    known[pid] = max(known.get(pid, 0), hwm)

    def peaks(self) -> Peaks:
        result = Peaks()
        for group in self.groups:
            values = self.per_pid[group].values()
            result.process_mb[group] = max(values, default=0) / 1024
            result.total_mb[group] = self.total[group] / 1024  # sampled: sums at one moment
        return result
