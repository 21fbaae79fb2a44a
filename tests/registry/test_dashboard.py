import pytest
from django.urls import reverse

from registry import dashboard, services
from registry.dashboard import DashboardFilters
from tests.world import world  # noqa: F401


@pytest.mark.django_db
def test_summary_counts_are_computed_over_the_filtered_rows(world):  # noqa: F811
    rows = dashboard.dashboard_rows(world.campaign, DashboardFilters())
    # Units that must register: the two agencies (Sở Nội vụ Thử, Sở Y tế Thử) and the commune.
    assert sorted(u.name for u in rows) == ["Sở Nội vụ Thử", "Sở Y tế Thử", "Xã Thử Nghiệm"]
    summary = dashboard.dashboard_summary(rows)
    # Both registrations are drafts: nothing is sent, and the one that reaches its quota is
    # counted apart, as not sent.
    assert {k: summary[k] for k in ("total", "registered", "sent", "late", "met")} == {
        "total": 3, "registered": 2, "sent": 0, "late": 0, "met": 0}
    assert {k: summary[k] for k in ("none", "draft", "unsent", "met_unsent")} == {
        "none": 1, "draft": 2, "unsent": 2, "met_unsent": 1}
    only_commune = dashboard.dashboard_rows(world.campaign, DashboardFilters(unit_type="commune"))
    assert dashboard.dashboard_summary(only_commune)["total"] == 1


@pytest.mark.django_db
def test_quota_filter_and_state_filter(world):  # noqa: F811
    # 1 collective + 1 individual reach the agency quota, but a draft does not count as met.
    met = dashboard.dashboard_rows(world.campaign, DashboardFilters(quota="met"))
    assert [u.name for u in met] == []
    unsent = dashboard.dashboard_rows(world.campaign, DashboardFilters(quota="met_unsent"))
    assert [u.name for u in unsent] == ["Sở Y tế Thử"]
    services.transition_registration(registration=world.registration_a,
                                     transition="send_for_approval",
                                     acting_user=world.users["officer_a"])
    waiting = dashboard.dashboard_rows(world.campaign,
                                       DashboardFilters(state="awaiting_approval"))
    assert [u.name for u in waiting] == ["Sở Y tế Thử"]
    none = dashboard.dashboard_rows(world.campaign, DashboardFilters(state="none"))
    assert [u.name for u in none] == ["Sở Nội vụ Thử"]
    services.transition_registration(registration=world.registration_a, transition="approve",
                                     acting_user=world.users["head_a"])
    met = dashboard.dashboard_rows(world.campaign, DashboardFilters(quota="met"))
    assert [u.name for u in met] == ["Sở Y tế Thử"]


@pytest.mark.django_db
def test_overview_xlsx_contains_the_rows(client, world):  # noqa: F811
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(world.users["standing"])
    response = client.get(reverse("registry:overview_xlsx", args=[world.campaign.code]))
    sheet = load_workbook(BytesIO(response.getvalue())).active
    names = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert sorted(names) == ["Sở Nội vụ Thử", "Sở Y tế Thử", "Xã Thử Nghiệm"]
    assert sheet.cell(row=2, column=1).value == "Cơ quan, đơn vị"


@pytest.mark.django_db
def test_compiled_list_docx_lists_exemplars(client, world):  # noqa: F811
    from io import BytesIO

    from docx import Document

    client.force_login(world.users["standing"])
    url = reverse("registry:compiled_list_export", args=[world.campaign.code, "docx"])
    document = Document(BytesIO(client.get(url, {"state": "all"}).getvalue()))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "Đặng Thị Mai" in cells and "Lò Văn Thắng" in cells


@pytest.mark.django_db
def test_overview_sorts_by_a_column(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    url = reverse("registry:overview", args=[world.campaign.code])
    page = client.get(url, {"sort": "-n_collective"}).content.decode()
    table = page[page.index('id="overview-table"'):]
    assert table.index("Sở Y tế Thử") < table.index("Xã Thử Nghiệm")  # 1 collective vs 0
    assert "sort=name" in page  # the links keep working from the sorted view
