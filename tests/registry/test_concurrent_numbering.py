"""Order numbers stay unique when several people add entries to one registration at once.

PostgreSQL only: each thread has its own connection and transaction, as simultaneous requests
do (SQLite serialises every write, so it cannot show the race).
"""

import threading

import pytest
from django.db import connection, connections

from registry import services
from registry.models import Registration
from tests.world import build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers"),
]
PARALLEL = 8


def _run_together(jobs) -> list[BaseException]:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job):
        try:
            barrier.wait(timeout=10)
            job()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def _positions(registration_id: int, kind: str) -> list[int]:
    return list(Registration.objects.get(pk=registration_id).exemplars.filter(kind=kind)
                .order_by("position").values_list("position", flat=True))


def _last(registration_id: int, kind: str) -> int:
    return max(_positions(registration_id, kind), default=0)


def test_simultaneous_adds_number_entries_one_to_n():
    world = build_world()
    officer, registration_id = world.users["officer_b"], world.registration_b.pk
    before = _positions(registration_id, "individual")
    last = _last(registration_id, "individual")

    def add(number: int):
        def job():
            services.add_exemplar(registration=Registration.objects.get(pk=registration_id),
                                  data={"kind": "individual", "name": f"Người thứ {number}",
                                        "field_key": "k"}, acting_user=officer)
        return job

    errors = _run_together([add(n) for n in range(PARALLEL)])
    assert errors == []
    assert _positions(registration_id, "individual") == [
        *before, *range(last + 1, last + PARALLEL + 1)]


def test_simultaneous_single_and_bulk_adds_number_entries_one_to_n():
    world = build_world()
    officer, registration_id = world.users["officer_a"], world.registration_a.pk
    before = _positions(registration_id, "household")
    last = _last(registration_id, "household")

    def add(number: int):
        def job():
            registration = Registration.objects.get(pk=registration_id)
            row = {"kind": "household", "name": f"Hộ thứ {number}", "field_key": "k"}
            if number % 2:
                services.bulk_add_exemplars(registration=registration, acting_user=officer,
                                            rows=[row, row | {"name": f"Hộ thứ {number}b"}])
            else:
                services.add_exemplar(registration=registration, data=row, acting_user=officer)
        return job

    errors = _run_together([add(n) for n in range(PARALLEL)])
    assert errors == []
    added = PARALLEL + PARALLEL // 2  # every odd job adds two
    assert _positions(registration_id, "household") == [
        *before, *range(last + 1, last + added + 1)]
