"""The list "Tiến độ" and an exemplar's timeline read in constant queries: the latest update
and lateness are database annotations, files are prefetched."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from progress import services
from tests.factories import ExemplarFactory
from tests.world import world  # noqa: F401  (fixture)


def _grow(w, n):
    today = timezone.localdate()
    for i in range(n):
        exemplar = ExemplarFactory(registration=w.registration_a, name=f"Điển hình {i}",
                                   field_key="e", position=10 + i)
        for day in (3, 1):
            services.post_update(exemplar=exemplar, on_date=today - datetime.timedelta(days=day),
                                 text="Đã làm", percent=10 * day,
                                 uploads=[SimpleUploadedFile("bc.pdf", b"%PDF-1.4")],
                                 acting_user=w.users["officer_a"])


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["standing", "officer_a"])
def test_list_queries_do_not_grow(client, world, role):  # noqa: F811
    client.force_login(world.users[role])
    url = reverse("progress:list")
    _grow(world, 2)
    before = _count(client, url)
    _grow(world, 8)
    assert _count(client, url) == before


def test_timeline_queries_do_not_grow(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    url = reverse("progress:timeline", args=[world.exemplar_a.pk])
    today = timezone.localdate()

    def post(n):
        for _ in range(n):
            services.post_update(exemplar=world.exemplar_a, on_date=today, text="Đã làm",
                                 percent=50, uploads=[SimpleUploadedFile("bc.pdf", b"%PDF-1.4")],
                                 acting_user=world.users["officer_a"])
    post(2)
    before = _count(client, url)
    post(6)
    assert _count(client, url) == before
