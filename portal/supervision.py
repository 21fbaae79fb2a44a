"""Keeping the background worker alive: restart it when it dies, ride out database restarts.

``Supervisor`` runs a child command and starts it again whenever it exits, waiting longer after
each quick failure (1 s, 2 s, 4 s … up to a minute) and logging every restart; ``make run`` uses
it for the mail/task worker. ``ResilientWorker`` is django-tasks-db's worker whose loop survives
a lost database connection: it closes the broken connections, waits with the same back-off and
carries on, so notifications resume by themselves after PostgreSQL restarts.

``ResilientWorker.periodic`` are jobs the worker's own loop calls between tasks (no extra
process): each is a callable that decides for itself, from the database, whether it is due
(``urging.scheduler.worker_tick`` queues the scheduled reminders at most once per interval).
When there are any, the worker drains the queue, calls them, waits ``interval`` and goes round.
"""

import logging
import subprocess
import threading
import time
from collections.abc import Callable, Sequence

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("dienhinh.worker")


def backoff_delays(first: float = 1.0, cap: float = 60.0):
    """1, 2, 4, … seconds, never more than ``cap``."""
    delay = first
    while True:
        yield delay
        delay = min(cap, delay * 2)


class Supervisor:
    """Run ``command`` and restart it whenever it exits, until ``stop()``."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        first_delay: float = 1.0,
        max_delay: float = 60.0,
        healthy_after: float = 60.0,
        popen: Callable[..., subprocess.Popen] = subprocess.Popen,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.command = list(command)
        self.first_delay, self.max_delay, self.healthy_after = first_delay, max_delay, healthy_after
        self.popen, self.clock = popen, clock
        self.starts = 0
        self.child: subprocess.Popen | None = None
        self._stopping = threading.Event()

    def run(self, max_starts: int | None = None) -> None:
        delays = backoff_delays(self.first_delay, self.max_delay)
        while not self._stopping.is_set():
            started = self.clock()
            self.child = self.popen(self.command)
            self.starts += 1
            code = self.child.wait()
            if self._stopping.is_set():
                return
            if self.clock() - started >= self.healthy_after:
                delays = backoff_delays(self.first_delay, self.max_delay)  # it had been healthy
            delay = next(delays)
            if max_starts is not None and self.starts >= max_starts:
                logger.error("worker exited with code %s; not restarted (limit reached)", code)
                return
            logger.error("worker exited with code %s; restarting in %.0f s", code, delay)
            self._stopping.wait(delay)

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="worker-supervisor", daemon=True)
        thread.start()
        return thread

    def stop(self, timeout: float = 10) -> None:
        self._stopping.set()
        child = self.child
        if child is not None and child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                child.kill()


_CONNECTION_LOST = (OperationalError, InterfaceError)


def close_broken_connections() -> None:
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DatabaseError:
            pass  # already gone: Django drops its handle anyway


class ResilientWorker(Worker):
    """django-tasks-db's worker, reconnecting with back-off when the database goes away."""

    first_delay = 1.0
    max_delay = 60.0
    healthy_after = 60.0

    periodic: tuple[Callable[[], object], ...] = ()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def run_periodic(self) -> None:
        for job in self.periodic:
            try:
                job()
            except _CONNECTION_LOST:
                raise
            except Exception:  # one failing job must not stop the mail
                logger.exception("periodic job %s failed", getattr(job, "__name__", job))

    def serve(self) -> None:
        """django-tasks-db's loop; with periodic jobs, in rounds: the jobs, then every ready
        task (the parent's batch mode), then a pause of ``interval``."""
        if not self.periodic:
            return Worker.run(self)
        batch, self.batch = self.batch, True
        try:
            while self.running:
                self.run_periodic()
                Worker.run(self)
                self.startup_delay = False
                if batch or (self.max_tasks is not None and self._run_tasks >= self.max_tasks):
                    return None
                if self.running:
                    self.sleep(self.interval)
        finally:
            self.batch = batch
        return None

    def run(self) -> None:
        delays = backoff_delays(self.first_delay, self.max_delay)
        while self.running:
            started = time.monotonic()
            try:
                self.serve()
                return  # a clean exit: batch done, max tasks, or a shutdown signal
            except _CONNECTION_LOST as error:
                if not self.running:
                    return
                if time.monotonic() - started >= self.healthy_after:
                    delays = backoff_delays(self.first_delay, self.max_delay)
                delay = next(delays)
                logger.warning("database unavailable (%s); reconnecting in %.0f s", error, delay)
                close_broken_connections()
                self.sleep(delay)
