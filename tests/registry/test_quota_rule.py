"""One quota rule choice: with two overlapping rules the registration page and the dashboard
agree (the first rule in force for the unit type is the one that counts)."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from guidance.pack import Pack
from orgs.models import UnitType
from registry import dashboard, quotas
from registry.dashboard import DashboardFilters
from tests.factories import (
    CampaignFactory,
    ExemplarFactory,
    GuidancePackFactory,
    MembershipFactory,
    RegistrationFactory,
    UnitFactory,
    shipped_pack_content,
)

STRICT = {"label": "Chỉ tiêu cơ quan (chặt)", "unit_types": ["agency"],
          "minimums": {"collective": 1, "individual": 1}}
LOOSE = {"label": "Chỉ tiêu cơ quan (nới)", "unit_types": ["agency"],
         "minimums": {"individual": 1}}


@pytest.fixture
def overlapping(db):
    content = shipped_pack_content()
    content["quotas"] = [STRICT, LOOSE]
    assert Pack.model_validate(content).problems() == []  # the pack checker accepts them
    pack = GuidancePackFactory(version=9, content=content)
    campaign = CampaignFactory(code="chong-cheo", pack=pack,
                               registration_deadline=datetime.date(2026, 12, 15))
    unit = UnitFactory(name="Sở Chồng Chéo", unit_type=UnitType.AGENCY)
    # Sent: only a registration sent to the standing office counts toward quotas met.
    registration = RegistrationFactory(campaign=campaign, unit=unit, state="submitted")
    ExemplarFactory(registration=registration, kind="individual", field_key="e")
    standing = MembershipFactory(unit=UnitFactory(name="Sở Nội vụ Chồng Chéo"),
                                 role=Role.STANDING_OFFICE).user
    return campaign, unit, registration, standing


def _dashboard_row(client, campaign, unit) -> str:
    page = client.get(reverse("registry:overview", args=[campaign.code])).content.decode()
    start = page.index(unit.name)
    return page[start:page.index("</tr>", start)]


def test_rule_for_picks_the_first_rule_in_force(overlapping):
    campaign = overlapping[0]
    rule = quotas.rule_for(campaign.pack.pack, "agency", campaign.registration_deadline)
    assert rule.label == STRICT["label"]


def test_page_and_dashboard_agree_when_not_met(client, overlapping):
    campaign, unit, registration, standing = overlapping
    client.force_login(standing)
    page = client.get(reverse("registry:registration_detail",
                              args=[registration.pk])).content.decode()
    assert STRICT["label"] in page and LOOSE["label"] not in page
    assert "Tập thể 0/1 ✗" in page and "Cá nhân 1/1 ✓" in page
    row = _dashboard_row(client, campaign, unit)
    assert "Chưa đạt" in row and "✓ Đạt" not in row
    rows = dashboard.dashboard_rows(campaign, DashboardFilters())
    assert [(u.name, u.quota_met) for u in rows if u.pk == unit.pk] == [(unit.name, False)]
    unmet = dashboard.dashboard_rows(campaign, DashboardFilters(quota="unmet"))
    assert unit.pk in {u.pk for u in unmet}


def test_page_and_dashboard_agree_when_met(client, overlapping):
    campaign, unit, registration, standing = overlapping
    ExemplarFactory(registration=registration, kind="collective", name="Phòng Tổ chức",
                    field_key="e")
    client.force_login(standing)
    page = client.get(reverse("registry:registration_detail",
                              args=[registration.pk])).content.decode()
    assert "Tập thể 1/1 ✓" in page and "Cá nhân 1/1 ✓" in page
    row = _dashboard_row(client, campaign, unit)
    assert "✓ Đạt" in row and "Chưa đạt" not in row
    met = dashboard.dashboard_rows(campaign, DashboardFilters(quota="met"))
    assert unit.pk in {u.pk for u in met}
