import pytest
from django.urls import reverse

from orgs.models import UnitType
from tests.factories import UnitFactory
from tests.world import world  # noqa: F401


@pytest.mark.django_db
def test_unit_list_pages_keep_the_filter(client, world):  # noqa: F811
    for n in range(55):
        UnitFactory(name=f"Trường Thử {n:02d}", unit_type=UnitType.SUBORDINATE, parent=world.unit_a)
    client.force_login(world.users["standing"])
    first = client.get(reverse("orgs:unit_list"), {"type": "subordinate"}).content.decode()
    assert "Trang 1/2" in first
    assert "?type=subordinate&amp;page=2" in first
    second = client.get(reverse("orgs:unit_list"), {"type": "subordinate", "page": 2})
    names = second.content.decode()
    assert "Trang 2/2" in names
    assert "Trường Thử 54" in names and "Trường Thử 00" not in names
    assert "Trường Thử 00" in first and "Trường Thử 54" not in first
