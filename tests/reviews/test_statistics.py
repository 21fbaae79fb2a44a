"""Review statistics: the grouping rules (orgs.lineage), figures against their drill-down lists,
groups adding up, and the review page as the standing office uses it on the demo data."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from orgs import lineage
from orgs.models import UnitSuccession, UnitType
from reviews import selectors, services
from reviews.figures import FIGURES, GROUP_COLUMNS
from reviews.models import ReviewPeriod
from tests.factories import CampaignFactory, UnitFactory, UserFactory

REFORM = datetime.date(2025, 7, 1)


def _old(name, parent, kind=UnitType.COMMUNE, code=None):
    extra = {"code": code} if code else {}
    return UnitFactory(name=name, parent=parent, unit_type=kind,
                       valid_from=datetime.date(2004, 1, 1), valid_to=datetime.date(2025, 6, 30),
                       **extra)


def _merge(new, *olds):
    for old in olds:
        UnitSuccession.objects.create(predecessor=old, successor=new, kind="merged",
                                      effective_on=REFORM)


@pytest.fixture
def reformed(db):
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Thử", unit_type=UnitType.PROVINCE,
                           code="UBND-T")
    d1 = _old("Huyện Một", province, UnitType.DISTRICT, code="901")
    d2 = _old("Huyện Hai", province, UnitType.DISTRICT, code="902")
    c1, c2 = _old("Xã Một A", d1), _old("Xã Một B", d1)
    c3 = _old("Xã Hai A", d2)
    c4, c5 = _old("Xã Một C", d1), _old("Xã Hai B", d2, code="77777")
    new = dict(parent=province, unit_type=UnitType.COMMUNE, valid_from=REFORM)
    majority = UnitFactory(name="Xã Mới Đa Số", **new)
    _merge(majority, c1, c3, c2)
    tie = UnitFactory(name="Xã Mới Giữ Mã", code="77777", **new)  # keeps c5's code
    _merge(tie, c4, c5)
    agency = UnitFactory(name="Sở Thử", parent=province)
    school = UnitFactory(name="Trường Thử", parent=tie, unit_type=UnitType.SUBORDINATE,
                         valid_from=REFORM)
    return locals()


def test_former_district_by_majority_then_kept_code_then_province(reformed):
    r = reformed
    groups = lineage.former_districts([r["majority"].pk, r["tie"].pk, r["c3"].pk,
                                       r["agency"].pk, r["school"].pk, r["d2"].pk])
    assert groups[r["majority"].pk].name == "Huyện Một"      # 2 of its 3 former communes
    assert groups[r["tie"].pk].name == "Huyện Hai"           # 1–1: the commune whose code it kept
    assert groups[r["school"].pk].name == "Huyện Hai"        # a unit under it goes with it
    assert groups[r["c3"].pk].name == "Huyện Hai"            # a former commune: its district
    assert groups[r["d2"].pk].name == "Huyện Hai"            # a district: itself
    assert groups[r["agency"].pk].name == "Ủy ban nhân dân tỉnh Thử"  # the province level


def test_current_unit_is_the_one_successor_else_itself(reformed):
    r = reformed
    groups = lineage.current_units([r["c1"].pk, r["majority"].pk, r["d1"].pk])
    assert groups[r["c1"].pk].name == "Xã Mới Đa Số" and not groups[r["c1"].pk].ended
    assert groups[r["majority"].pk].unit_id == r["majority"].pk
    assert groups[r["d1"].pk].unit_id == r["d1"].pk  # no successor recorded: its own group
    assert groups[r["d1"].pk].ended


# --- periods -------------------------------------------------------------------------------------
def _standing():
    from accounts.models import Membership, Role

    user = UserFactory()
    Membership.objects.create(user=user, unit=UnitFactory(name="Sở Nội vụ Thử"),
                              role=Role.STANDING_OFFICE)
    return user


def test_period_dates_and_guidance_are_checked(db):
    from core.errors import DomainError

    campaign, user = CampaignFactory(), _standing()
    values = dict(code="so-ket", kind="interim", title="Sơ kết", campaigns=[campaign],
                  acting_user=user)
    with pytest.raises(DomainError, match="Ngày kết thúc phải sau ngày bắt đầu"):
        services.create_period(**values, starts_on=datetime.date(2024, 12, 31),
                               ends_on=datetime.date(2024, 1, 1))
    with pytest.raises(DomainError, match="ít nhất một đợt"):
        services.create_period(**{**values, "campaigns": []}, starts_on=datetime.date(2024, 1, 1),
                               ends_on=datetime.date(2024, 12, 31))
    assert not ReviewPeriod.objects.exists()
    period = services.create_period(**values, starts_on=datetime.date(2024, 1, 1),
                                    ends_on=datetime.date(2024, 12, 31))
    with pytest.raises(DomainError, match="Mã kỳ này đã có"):
        services.create_period(**values, starts_on=datetime.date(2024, 1, 1),
                               ends_on=datetime.date(2024, 12, 31))
    from core.errors import StaleVersion

    with pytest.raises(StaleVersion):
        services.update_period(period=period, expected_version=period.version + 1,
                               kind="final", title="Tổng kết", campaigns=[campaign],
                               starts_on=period.starts_on, ends_on=period.ends_on,
                               acting_user=user)
    assert ReviewPeriod.objects.get().kind == "interim"


def test_period_form_refuses_bad_dates_in_vietnamese(db, client):
    user = _standing()
    client.force_login(user)
    campaign = CampaignFactory()
    response = client.post(reverse("reviews:period_create"), {
        "code": "so-ket-2024", "kind": "interim", "title": "Sơ kết năm 2024",
        "campaigns": [campaign.pk], "starts_on": "2024-12-31", "ends_on": "2024-01-01"})
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not ReviewPeriod.objects.exists()


# --- the demo, as the standing office sees it --------------------------------------------------
@pytest.fixture
def demo(db):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)
    return ReviewPeriod.objects.get(code="tong-ket-2022-2025")


def test_figures_equal_their_lists_and_groups_add_up(demo):
    for grouping in lineage.GROUPINGS:
        stats = selectors.statistics(demo, grouping)
        for figure in FIGURES:
            count = stats.figures[figure.key]
            assert selectors.drill(demo, figure.key).total == count.value, figure.key
            assert sum(row.counts[figure.key] for row in stats.groups) == count.value
            for dim in count.dims:
                assert sum(v["count"] for v in dim.values) == count.value, (figure.key, dim.key)
        for row in stats.groups:
            for key in GROUP_COLUMNS:
                drilled = selectors.drill(demo, key, grouping=grouping,
                                          group_id=row.group.unit_id)
                assert drilled.total == row.counts[key], (grouping, row.group.name, key)
    former = selectors.statistics(demo, "former")
    names = [row.group.name for row in former.groups]
    assert "Thành phố Lai Châu" in names and "Huyện Sìn Hồ" in names
    assert names[-1] == "Ủy ban nhân dân tỉnh Lai Châu"  # the provincial level comes last
    assert former.value("units_registered") > 0 and former.value("exemplars") > 0
    assert former.value("recognised") >= 1 and former.value("adoptions") >= 1


def _number(html: str) -> int:
    return int(re.search(r'id="drill-total">Tổng số: (\d+)', html).group(1))


def test_each_figure_on_the_page_equals_its_list_the_xlsx_and_the_api(demo, client):
    from accounts.models import Membership, Role

    user = Membership.objects.filter(role=Role.STANDING_OFFICE).first().user
    client.force_login(user)
    page = client.get(reverse("reviews:period_detail", args=[demo.code]),
                      {"group_by": "former"}).content.decode()
    assert "Theo huyện, thành phố cũ" in page and '<svg role="img"' in page
    links = re.findall(r'<a href="([^"]+/so-lieu/[^"]+)" data-figure="([a-z_]+)"[^>]*>(\d+)</a>',
                       page)
    assert len(links) >= len(FIGURES)
    for href, key, shown in links:
        body = client.get(href.replace("&amp;", "&")).content.decode()
        total = _number(body)
        assert total == int(shown), (key, href)
        rows = body.count("<tr>") - 1 if total else 0
        assert rows == min(total, 100), (key, href)
    on_page = {key: int(shown) for _href, key, shown in re.findall(
        r'<tr id="figure-[a-z_]+">\s*<th scope="row">[^<]*</th>\s*<td class="num"><a href="([^"]+)" '
        r'data-figure="([a-z_]+)">(\d+)</a>', page)}
    assert set(on_page) == {f.key for f in FIGURES}

    # The same figures in the report's workbook and in the API.
    from openpyxl import load_workbook

    from reviews import reports
    from tests.api.helpers import call, token_for

    report = reports.run_report(reports.request_report(period=demo, grouping="former",
                                                       acting_user=user).pk)
    sheet = load_workbook(report.xlsx.path)["Số liệu"]
    in_xlsx = {row[0]: row[3] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert {k: in_xlsx[k] for k in on_page} == on_page
    api = call(client, "GET", f"/reviews/periods/{demo.code}/statistics?group_by=former",
               token_for(user)).json()
    assert {k: api[k] for k in on_page} == on_page
    assert report.figures["units_registered"] == on_page["units_registered"]


def test_docs_list_every_figure_and_its_definition():
    from pathlib import Path

    text = Path(__file__).resolve().parents[2].joinpath("docs", "reviews.md").read_text()
    for figure in FIGURES:
        assert f"| `{figure.key}` | {figure.label} | {figure.definition} |" in text, figure.key
