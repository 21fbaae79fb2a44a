"""The review's four charts on the standing office's dashboard (registry.dashboard_panels):
picture, title, summary and data table on the page, nothing for a unit's roles, user text
escaped in the SVG and in the table, a note instead of an empty picture."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from core.charts import Chart
from registry.dashboard_panels import panels_for
from tests.replication.helpers import START, adoption_b
from tests.reviews.helpers import sent_a
from tests.world import world  # noqa: F401  (fixture)

TITLES = ("Biểu đăng ký đã gửi theo thời gian", "Đơn vị đạt chỉ tiêu đăng ký theo loại đơn vị",
          "Lan tỏa nhân rộng theo địa bàn (huyện cũ)",
          "Điển hình được công nhận, khen thưởng theo lĩnh vực")


def _overview(client, user, campaign):
    client.force_login(user)
    return client.get(reverse("registry:overview", args=[campaign.code]))


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", html)


@pytest.mark.django_db
def test_standing_office_sees_the_four_charts(client, world):  # noqa: F811
    sent_a(world)
    adoption_b(world)
    response = _overview(client, world.users["standing"], world.campaign)
    assert response.status_code == 200
    page = _text(response.content.decode())
    for title in TITLES:
        assert title in page
    assert page.count('<svg role="img"') >= 3  # recognitions: nothing yet, a note instead
    assert 'style="' not in page.split('id="panel-reviews"')[1]  # CSP: no inline styles
    assert "Chưa có số liệu" in page
    # the data tables: registrations day by day (dd/mm/yyyy), quotas by unit type, spread
    assert "<th scope=\"row\">10/03/2026</th><td class=\"num\">1</td>" in page
    assert "Đã có 1 biểu đăng ký gửi Sở Nội vụ; hạn gửi ngày 15/12/2026." in page
    assert ('<th scope="row">Cơ quan, sở, ban, ngành tỉnh</th><td class="num">2</td>'
            '<td class="num">1</td>') in page  # 2 agencies must register, Sở Y tế met its quota
    assert ('<th scope="row">Xã, phường, thị trấn (cấp xã)</th><td class="num">1</td>'
            '<td class="num">0</td>') in page
    assert "1 đơn vị đã áp dụng (1 lượt)." in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["council", "admin"])
def test_other_province_roles_see_them_too(client, world, role):  # noqa: F811
    page = _overview(client, world.users[role], world.campaign).content.decode()
    assert all(title in page for title in TITLES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer_a", "head_a", "officer_b"])
def test_unit_roles_get_no_panel(client, world, role):  # noqa: F811
    user = world.users[role]
    assert panels_for(world.campaign, user) == []
    response = _overview(client, user, world.campaign)
    assert response.status_code in (403, 404)
    assert TITLES[0] not in response.content.decode()


@pytest.mark.django_db
def test_unit_names_are_escaped(client, world):  # noqa: F811
    from orgs.models import UnitType
    from replication.services import record_adoption
    from tests.factories import UnitFactory

    district = UnitFactory(name="Huyện <script>x</script> & Mường",
                           unit_type=UnitType.DISTRICT, parent=world.unit_a.parent)
    commune = UnitFactory(name="Xã Dưới Huyện", unit_type=UnitType.COMMUNE, parent=district)
    record_adoption(exemplar=world.exemplar_a, unit=commune, started_on=START, scale={},
                    acting_user=world.users["standing"])
    page = _overview(client, world.users["standing"], world.campaign).content.decode()
    assert "<script>x" not in page
    # the former district is a place of the spread chart: in the SVG's text and in the table
    panel = page.split('id="panel-reviews"')[1]
    assert panel.count("Huyện &lt;script&gt;x&lt;/script&gt; &amp; Mường") == 2


def test_chart_template_escapes_labels_in_svg_and_table():
    chart = Chart("t", "Tiêu đề <b>", "Tóm tắt & <i>", ["Đơn vị", "Số"],
                  [["Xã <script>x</script> & Co", 3]])
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert html.count("&lt;script&gt;x&lt;/script&gt; &amp; Co") == 2  # the SVG and the table
    assert "<figure" in html and "<figcaption>" in html and '<svg role="img"' in html


def test_empty_chart_shows_a_note_not_a_picture():
    html = render_to_string("core/_chart.html", {
        "chart": Chart("e", "Trống", "Không có gì.", ["A", "B"], [])})
    assert "Chưa có số liệu" in html and "<svg" not in html and "Trống" in html


def _province_of(user) -> list[str]:
    """The paths a standing office's dashboard draws its charts for (its province)."""
    from accounts.roles import province_paths

    return list(province_paths(user))


@pytest.fixture
def queued_tasks(settings):
    """Tasks queued in the database, not run: what a page asks of the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    return lambda: list(DBTaskResult.objects.filter(task_path__endswith="draw_dashboard_charts")
                        .values_list("status", flat=True))


@pytest.mark.django_db
def test_the_page_never_draws_the_charts_itself(client, world, queued_tasks):  # noqa: F811
    """National statistics take seconds: the first opening asks the worker (once, however
    many times it is opened) and says the charts are being drawn; after the worker's run the
    page shows them with the time of their data."""
    from reviews.tasks import draw_dashboard_charts

    sent_a(world)
    page = _text(_overview(client, world.users["standing"], world.campaign).content.decode())
    assert "Biểu đồ của đợt đang được vẽ" in page and TITLES[0] not in page
    _overview(client, world.users["council"], world.campaign)
    assert queued_tasks() == ["READY"]  # one drawing asked for, not one per opening
    draw_dashboard_charts.call(campaign_id=world.campaign.pk, language="vi",
                               paths=_province_of(world.users["standing"]))
    page = _text(_overview(client, world.users["standing"], world.campaign).content.decode())
    assert all(title in page for title in TITLES) and "Số liệu lúc" in page
    assert queued_tasks() == ["READY"]


@pytest.mark.django_db
def test_charts_younger_than_ten_minutes_are_shown_as_drawn(client, world, queued_tasks,  # noqa: F811
                                                            monkeypatch):
    import datetime

    from django.utils import timezone

    from reviews import charts
    from reviews.selectors import data_version
    from reviews.tasks import draw_dashboard_charts

    draw_dashboard_charts.call(campaign_id=world.campaign.pk, language="vi",
                               paths=_province_of(world.users["standing"]))
    before = data_version()
    adoption_b(world)  # the data changes after the drawing (through the services: audited)
    assert data_version() != before
    page = _text(_overview(client, world.users["standing"], world.campaign).content.decode())
    assert TITLES[0] in page and "0 đơn vị đã áp dụng" in page  # as drawn, before the adoption
    assert queued_tasks() == []  # still fresh: shown as drawn, nothing asked
    later = timezone.now() + charts.DASHBOARD_FRESH_FOR + datetime.timedelta(seconds=1)
    monkeypatch.setattr(charts.timezone, "now", lambda: later)
    page = _text(_overview(client, world.users["standing"], world.campaign).content.decode())
    assert TITLES[0] in page  # the old drawing stays on the page meanwhile …
    assert queued_tasks() == ["READY"]  # … while the worker draws the new data
