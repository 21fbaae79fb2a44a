"""The living demo: the reference data and seed load, and its users land where they should."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from registry.enums import RegistrationState
from registry.models import Registration


@pytest.fixture
def demo(db):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)


def test_demo_has_registrations_in_every_state(demo):
    states = set(Registration.objects.values_list("state", flat=True))
    assert states == {s.value for s in RegistrationState}


def test_seed_is_idempotent(demo):
    before = Registration.objects.count()
    call_command("seed_demo", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    assert Registration.objects.count() == before


def test_demo_logins_reach_their_homes(demo, client):
    assert client.login(username="syt.canbo", password="DienHinh@2026")
    page = client.get(reverse("home")).content.decode()
    assert "Sở Y tế tỉnh Lai Châu" in page and "Chờ thủ trưởng duyệt" in page
    assert client.login(username="sonoivu", password="DienHinh@2026")
    overview = client.get(reverse("home"), follow=True).content.decode()
    assert "Tổng hợp đăng ký" in overview and "Xã Bình Lư" in overview


def test_standing_office_can_edit_units_in_the_admin(demo, client):
    assert client.login(username="sonoivu", password="DienHinh@2026")
    assert client.get("/quan-tri/orgs/unit/").status_code == 200
    assert client.login(username="syt.canbo", password="DienHinh@2026")
    assert client.get("/quan-tri/orgs/unit/").status_code == 302
