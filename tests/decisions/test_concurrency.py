"""20 drafts issued at once by 20 threads on PostgreSQL: numbers exactly 1..20, no duplicate,
no gap (the register row is locked while a number is taken; its first creation races too)."""

import threading

import pytest
from django.db import connection, connections

from decisions.models import Decision, NumberRegister
from tests.decisions.helpers import ISSUED_ON, authority, form, passed_item
from tests.factories import ExemplarFactory
from tests.world import build_world

COUNT = 20

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="row locks under concurrency: PostgreSQL only")


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_issues_take_one_to_twenty():
    from decisions.services import create_draft, issue_decision

    world = build_world()
    standing = world.users["standing"]
    province = authority()
    award = form()
    drafts = []
    for _ in range(COUNT):
        exemplar = ExemplarFactory(registration=world.registration_a, field_key="e")
        drafts.append(create_draft(authority=province, items=[passed_item(exemplar, award)],
                                   signer_name="Lê Văn Lương", acting_user=standing))
    assert not NumberRegister.objects.exists()  # the first issues race to create it
    barrier = threading.Barrier(COUNT)
    errors = []

    def issue(decision):
        try:
            barrier.wait(timeout=30)
            issue_decision(decision=decision, issued_on=ISSUED_ON, acting_user=standing)
        except Exception as error:
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    assert numbers == list(range(1, COUNT + 1))
    register = NumberRegister.objects.get()
    assert (register.year, register.last_number) == (2026, COUNT)
