"""Counts mean what they say: only registrations sent to the standing office count as sent or
toward quotas met; each counter, its filter and its export come from one definition."""

import pytest
from django.urls import reverse

from registry import counters, dashboard
from registry.dashboard import DashboardFilters
from registry.enums import RegistrationState
from tests.factories import ExemplarFactory, RegistrationFactory, unit_in_province
from tests.registry.counting import cards, check_every_counter, overview_rows, xlsx_rows
from tests.world import world  # noqa: F401

SENT = ["submitted"] * 5 + ["received"] * 3
NOT_SENT = ["draft", "awaiting_approval"]


def _first_up(label) -> str:
    label = str(label)
    return label[:1].upper() + label[1:]


@pytest.fixture
def ten_met(world):  # noqa: F811
    """Ten agencies that each reach the quota (1 collective, 1 individual): 8 sent, one still a
    draft, one awaiting its head."""
    for number, state in enumerate(SENT + NOT_SENT, start=1):
        unit = unit_in_province(name=f"Sở Thử {number:02d}")
        registration = RegistrationFactory(campaign=world.campaign, unit=unit, state=state)
        ExemplarFactory(registration=registration, kind="collective", name=f"Phòng {number}")
        ExemplarFactory(registration=registration, kind="individual", name=f"Lò Văn {number}")
    return world


def test_quota_met_counts_only_sent_registrations(client, ten_met):
    """Replay: the overview's "đạt chỉ tiêu" showed 10 while 8 were sent."""
    client.force_login(ten_met.users["standing"])
    url = reverse("registry:overview", args=[ten_met.campaign.code])
    page = client.get(url).content.decode()
    shown = cards(page)
    assert shown["met"][0] == 8
    assert shown["sent"][0] == 8
    # The two not sent (and the world's own draft that reaches its quota) are shown apart.
    assert shown["met_unsent"][0] == 3
    assert shown["draft"][0] == 3 and shown["awaiting_approval"][0] == 1
    assert "Chưa gửi Sở Nội vụ — không tính vào số đã gửi và số đạt chỉ tiêu" in page
    assert "đủ chỉ tiêu nhưng chưa gửi" in page
    # The "met" filter lists the 8 sent units, and so does its export.
    met = overview_rows(client.get(url, {"quota": "met"}).content.decode())
    assert sorted(met) == [f"Sở Thử {n:02d}" for n in range(1, 9)]
    export = reverse("registry:overview_xlsx", args=[ten_met.campaign.code])
    rows = xlsx_rows(client.get(export, {"quota": "met"}).getvalue())
    assert sorted(r[0] for r in rows) == sorted(met)
    quota = 5 + 4  # name, type, block, state, late, four kinds; columns other apps add follow
    assert {r[quota] for r in rows} == {"Đạt"}
    # A draft reaching its quota is printed as such, never as "Đạt".
    every = {r[0]: r for r in xlsx_rows(client.get(export).getvalue())}
    assert every["Sở Thử 09"][3] == "Đang soạn (chưa gửi)"
    assert every["Sở Thử 09"][quota] == "Đủ chỉ tiêu, chưa gửi"
    assert every["Sở Thử 10"][quota] == "Đủ chỉ tiêu, chưa gửi"


def test_sent_counter_and_sent_filter_mean_the_same(client, ten_met):
    """Replay: the counter "đã gửi Sở Nội vụ" meant sent or received while the filter of that
    name meant sent and not yet received."""
    client.force_login(ten_met.users["standing"])
    url = reverse("registry:overview", args=[ten_met.campaign.code])
    page = client.get(url).content.decode()
    n, query = cards(page)["sent"]
    assert query == "state=sent"
    assert len(overview_rows(client.get(url, {"state": "sent"}).content.decode())) == n == 8
    # The filter that means "sent, not yet received" has its own name.
    label = str(counters.BY_KEY["submitted"].label)
    assert label == "đã gửi, chờ tiếp nhận"
    assert f'<option value="submitted">{_first_up(label)}</option>' in page
    assert f'<option value="sent">{_first_up(counters.BY_KEY["sent"].label)}</option>' in page
    assert len(overview_rows(client.get(url, {"state": "submitted"}).content.decode())) == 5
    # Every counter's label is used once: no two counters share a name.
    labels = [str(c.label) for c in counters.COUNTERS]
    assert len(labels) == len(set(labels))


def test_every_counter_equals_its_filter_and_its_export(client, ten_met):
    # One unit in every state, one late, one returned.
    for state in RegistrationState:
        unit = unit_in_province(name=f"Đơn vị {state.value}")
        RegistrationFactory(campaign=ten_met.campaign, unit=unit, state=state.value,
                            is_late=state == RegistrationState.RECEIVED)
    client.force_login(ten_met.users["standing"])
    numbers = check_every_counter(client, ten_met.campaign)
    assert numbers["late"] == 1 and numbers["received"] == 4 and numbers["returned"] == 1
    assert numbers["total"] == numbers["none"] + numbers["registered"]
    assert numbers["registered"] == numbers["sent"] + sum(
        numbers[k] for k in ("draft", "awaiting_approval", "returned"))


def test_cards_keep_the_unit_type_filter(client, ten_met):
    client.force_login(ten_met.users["standing"])
    url = reverse("registry:overview", args=[ten_met.campaign.code])
    shown = cards(client.get(url, {"unit_type": "commune", "state": "draft"}).content.decode())
    n, query = shown["draft"]
    assert "unit_type=commune" in query and n == 1  # Xã Thử Nghiệm, a draft
    assert shown["total"][0] == 1  # the state filter does not shrink the cards


def test_late_counts_only_sent(world):  # noqa: F811
    unit = unit_in_province(name="Sở Bị Trả")
    RegistrationFactory(campaign=world.campaign, unit=unit, state="returned", is_late=True)
    rows = dashboard.dashboard_rows(world.campaign, DashboardFilters())
    assert dashboard.dashboard_summary(rows)["late"] == 0
    assert counters.counter("state", "late") is not None
    assert counters.counter("quota", "late") is None  # a value of the other filter is ignored


def test_field_counts_are_of_sent_registrations(client, ten_met):
    """The per-field table counts what the compiled list shows by default."""
    by_field = dashboard.counts_by_field(ten_met.campaign)
    total = sum(item["n"] for item in by_field)
    listed = dashboard.compiled_exemplars(ten_met.campaign).count()
    assert total == listed == 16  # 8 sent registrations × 2 entries


def test_refused_roles_see_no_counters(client, ten_met):
    url = reverse("registry:overview", args=[ten_met.campaign.code])
    for role in ("officer_a", "head_a", "officer_b"):
        client.force_login(ten_met.users[role])
        assert client.get(url).status_code == 403
        assert client.get(reverse("registry:overview_xlsx",
                                  args=[ten_met.campaign.code])).status_code == 403
