"""Apps above registry add overview columns through ``registry.dashboard_columns``: one call
per page for all its units (the query count does not grow with the units), on the page and in
the Excel export."""

import io

import openpyxl
import pytest
from django.urls import reverse

from registry import dashboard_columns
from tests.world import world  # noqa: F401  (fixture)


@pytest.fixture
def column(monkeypatch):
    calls = []

    def values(campaign, unit_ids):
        calls.append(list(unit_ids))
        return {pk: f"đã nhắc {pk % 7} lần" for pk in unit_ids}

    monkeypatch.setattr(dashboard_columns, "_COLUMNS", {})
    dashboard_columns.register_column("thu", "Cột thử nghiệm", values)
    return calls


@pytest.mark.django_db
def test_column_on_the_page_and_in_the_export(client, world, column):  # noqa: F811
    client.force_login(world.users["standing"])
    url = reverse("registry:overview", args=[world.campaign.code])
    page = client.get(url).content.decode()
    assert "Cột thử nghiệm" in page
    assert f"đã nhắc {world.unit_a.pk % 7} lần" in page
    assert len(column) == 1 and world.unit_a.pk in column[0] and world.unit_b.pk in column[0]
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse(
        "registry:overview_xlsx", args=[world.campaign.code])).getvalue()))
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert "Cột thử nghiệm" in cells
    assert f"đã nhắc {world.unit_b.pk % 7} lần" in cells
