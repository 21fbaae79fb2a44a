"""On the demo data the standing office's counters, their filters and the Excel exports agree, and
the registrations not yet sent are shown apart."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from guidance.selectors import open_campaign
from registry.enums import SENT_STATES
from registry.models import Exemplar, Registration
from tests.registry.counting import cards, check_every_counter, xlsx_rows


@pytest.fixture
def demo(db, client):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert client.login(username="sonoivu", password="DienHinh@2026")
    return open_campaign()


def test_demo_counters_filters_and_exports_agree(client, demo):
    numbers = check_every_counter(client, demo)
    sent = Registration.objects.filter(campaign=demo, state__in=SENT_STATES).count()
    assert numbers["sent"] == sent > 0
    # The demo shows registrations not yet sent, apart and labelled.
    assert numbers["draft"] >= 2 and numbers["awaiting_approval"] >= 1 and numbers["returned"] >= 1
    page = client.get(reverse("registry:overview", args=[demo.code])).content.decode()
    assert "Chưa gửi Sở Nội vụ — không tính vào số đã gửi và số đạt chỉ tiêu" in page
    assert cards(page)["met"][0] <= numbers["sent"]


def test_demo_compiled_list_counts_its_export(client, demo):
    url = reverse("registry:compiled_list", args=[demo.code])
    export = reverse("registry:compiled_list_export", args=[demo.code, "xlsx"])
    sent = Exemplar.objects.filter(registration__campaign=demo,
                                   registration__state__in=SENT_STATES).count()
    for params, expected in (({}, sent),
                             ({"state": "all"},
                              Exemplar.objects.filter(registration__campaign=demo).count())):
        page = client.get(url, params).content.decode()
        shown = int(re.search(r'id="compiled-count">(\d+) điển hình', page).group(1))
        assert shown == len(xlsx_rows(client.get(export, params).getvalue())) == expected
    page = client.get(url).content.decode()
    assert "trong các biểu chưa gửi Sở Nội vụ" in page
