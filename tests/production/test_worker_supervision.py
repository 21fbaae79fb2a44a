"""The mail/task worker keeps going: restarted when it dies, reconnecting after a database
restart."""

import logging
import sys

import pytest
from django.db import OperationalError

from portal.supervision import ResilientWorker, Supervisor, backoff_delays


def test_backoff_doubles_up_to_the_cap():
    delays = backoff_delays(1, 8)
    assert [next(delays) for _ in range(6)] == [1, 2, 4, 8, 8, 8]


def test_supervisor_restarts_a_child_that_exits(caplog, tmp_path):
    marker = tmp_path / "starts"
    child = [sys.executable, "-c",
             f"import pathlib; p = pathlib.Path({str(marker)!r}); p.open('a').write('x'); raise SystemExit(3)"]
    supervisor = Supervisor(child, first_delay=0.01, max_delay=0.05)
    with caplog.at_level(logging.ERROR, logger="dienhinh.worker"):
        supervisor.run(max_starts=3)
    assert marker.read_text() == "xxx"  # started, died, started again twice
    assert supervisor.starts == 3
    restarts = [r.getMessage() for r in caplog.records if "restarting" in r.getMessage()]
    assert len(restarts) == 2 and "code 3" in restarts[0]


def test_supervisor_waits_longer_after_each_quick_failure(monkeypatch):
    waits = []

    class FakeChild:
        def wait(self):
            return 1

        def poll(self):
            return 1

    supervisor = Supervisor(["x"], first_delay=1, max_delay=4, popen=lambda cmd: FakeChild(),
                            clock=lambda: 0.0)
    monkeypatch.setattr(supervisor._stopping, "wait", lambda delay: waits.append(delay))
    supervisor.run(max_starts=5)
    assert waits == [1, 2, 4, 4]


def test_stop_ends_the_child_and_the_loop():
    supervisor = Supervisor([sys.executable, "-c", "import time; time.sleep(60)"], first_delay=0.01)
    thread = supervisor.start_in_thread()
    for _ in range(200):
        if supervisor.child is not None:
            break
        thread.join(0.01)
    supervisor.stop(timeout=5)
    thread.join(5)
    assert not thread.is_alive()
    assert supervisor.child.poll() is not None
    assert supervisor.starts == 1


def _worker():
    return ResilientWorker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                           startup_delay=False, max_tasks=None, worker_id="test",
                           excluded_queue_names=[])


def test_worker_reconnects_with_backoff_after_the_database_goes_away(monkeypatch, caplog):
    from django_tasks_db.management.commands.db_worker import Worker

    outcomes = [OperationalError("server closed the connection unexpectedly"),
                OperationalError("connection refused"), None]
    calls, slept = [], []

    def flaky_run(self):
        calls.append(1)
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    monkeypatch.setattr(Worker, "run", flaky_run)
    worker = _worker()
    worker.sleep = slept.append
    with caplog.at_level(logging.WARNING, logger="dienhinh.worker"):
        worker.run()
    assert len(calls) == 3  # kept going after two lost connections
    assert slept == [1.0, 2.0]
    assert "reconnecting" in caplog.text


def test_worker_stops_on_shutdown_even_while_the_database_is_down(monkeypatch):
    from django_tasks_db.management.commands.db_worker import Worker

    worker = _worker()

    def down(self):
        self.running = False  # a SIGTERM arrived meanwhile
        raise OperationalError("down")

    monkeypatch.setattr(Worker, "run", down)
    worker.sleep = lambda s: pytest.fail("must not wait after shutdown")
    worker.run()


@pytest.mark.django_db(transaction=True)
def test_task_worker_command_runs_a_batch(settings):
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0")
