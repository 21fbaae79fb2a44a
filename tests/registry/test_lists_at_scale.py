"""Lists that do not grow with the data: the compiled list's stored order and keyset pages, the
overview's counters in one pass over stored counts, the campaign's cached tally — and every
stored or cached number kept right by the services that change the data."""

import html
import re

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import keyset
from registry import counters, dashboard, services
from registry.dashboard import DashboardFilters
from registry.enums import FORM_ORDER, SENT_STATES, ExemplarKind, form_order
from registry.models import Exemplar, Registration
from registry.quotas import quota_status
from registry.selectors import units_required_to_register
from registry.views_dashboard import COMPILED_SALT
from tests.factories import ExemplarFactory, RegistrationFactory, UnitFactory
from tests.world import world  # noqa: F401

KINDS = [k.value for k in ExemplarKind]
FIELDS = ("a", "e", "k")


def _entry(number: int) -> dict:
    kind = KINDS[number * 7 % 4]
    # Names repeat (ties on the ICU key are broken by the id) and mix tones.
    names = ["Lò Văn An", "Đặng Thị Mai", "Tòng Văn Ánh", "Nguyễn Thị Ểnh", "Bản Nà Phát"]
    return {"kind": kind, "name": f"{names[number % 5]} {number % 11}",
            "field_key": FIELDS[number % 3]}


@pytest.fixture
def many(world):  # noqa: F811
    """228 entries added to the world's registration (230 in all) through the import
    service, then sent to the standing office (head approves)."""
    registration = world.registration_a
    services.bulk_add_exemplars(registration=registration,
                                rows=[_entry(n) for n in range(228)],
                                acting_user=world.users["officer_a"])
    services.transition_registration(registration=registration, transition="send_for_approval",
                                     acting_user=world.users["officer_a"])
    services.transition_registration(registration=registration, transition="approve",
                                     acting_user=world.users["head_a"])
    return world


def _url(world, **params):  # noqa: F811
    return reverse("registry:compiled_list", args=[world.campaign.code])


def _names_and_numbers(page: str) -> list[tuple[int, str]]:
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    return [(int(n), html.unescape(name)) for n, name in re.findall(
        r'card-pos" data-label="Stt">(\d+)</td>.*?<a href="/[^"]*">([^<]+)</a>', body, re.S)]


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'<a class="button secondary" href="\?([^"]*)" rel="{rel}">', page)
    return html.unescape(found.group(1)) if found else None


def _get(client, url, query: str = ""):
    response = client.get(f"{url}?{query}" if query else url)
    assert response.status_code == 200
    return response.content.decode()


# --- the stored order -----------------------------------------------------------------------

@pytest.mark.django_db
def test_the_compiled_list_is_in_form_order_then_name_then_id(many):
    items = list(dashboard.compiled_exemplars(many.campaign, state="all"))
    assert len(items) == 231  # and the other unit's draft
    expected = sorted(items, key=lambda e: (FORM_ORDER[e.kind], bytes(e.sort_key), e.pk))
    assert [e.pk for e in items] == [e.pk for e in expected]
    # Kinds in the official form's order: I. Tập thể, II. Cá nhân, III. Hộ gia đình, IV. Mô hình.
    kinds = list(dict.fromkeys(e.kind for e in items))
    assert kinds == ["collective", "individual", "household", "model"]
    # Equal names are kept apart by the id, in order.
    groups: dict[tuple, list[int]] = {}
    for e in items:
        groups.setdefault((e.kind, e.name), []).append(e.pk)
    ties = [pks for pks in groups.values() if len(pks) > 1]
    assert ties and all(pks == sorted(pks) for pks in ties)


@pytest.mark.django_db
def test_services_stamp_the_form_order_and_campaign(world):  # noqa: F811
    officer = world.users["officer_a"]
    added = services.add_exemplar(registration=world.registration_a, acting_user=officer,
                                  data={"kind": "household", "name": "Hộ Lò Văn Pao",
                                        "field_key": "a"})
    stored = Exemplar.objects.get(pk=added.pk)
    assert (stored.campaign_id, stored.form_order) == (world.campaign.pk, form_order("household"))
    changed = services.update_exemplar(exemplar=stored, data={"kind": "model"},
                                       expected_version=stored.version, acting_user=officer)
    assert Exemplar.objects.get(pk=changed.pk).form_order == FORM_ORDER["model"] == 3
    [bulk] = services.bulk_add_exemplars(registration=world.registration_a, acting_user=officer,
                                         rows=[{"kind": "collective", "name": "Tổ Một",
                                                "field_key": "a"}])
    assert Exemplar.objects.filter(pk=bulk.pk, campaign=world.campaign, form_order=0).exists()
    # No entry anywhere disagrees with its kind or its registration's campaign.
    for e in Exemplar.objects.select_related("registration"):
        assert (e.form_order, e.campaign_id) == (FORM_ORDER[e.kind], e.registration.campaign_id)


# --- keyset pages -----------------------------------------------------------------------------

@pytest.mark.django_db
def test_keyset_pages_hold_the_offset_pages(client, many):
    client.force_login(many.users["standing"])
    url = _url(many)
    offset = [_names_and_numbers(_get(client, url, f"page={n}")) for n in (1, 2, 3)]
    assert [len(p) for p in offset] == [100, 100, 30]
    assert [n for p in offset for n, _name in p] == list(range(1, 231))
    first = _get(client, url)
    assert _names_and_numbers(first) == offset[0]
    assert "Trang 1/3" in first and _link(first, "prev") is None
    second = _get(client, url, _link(first, "next"))
    assert _names_and_numbers(second) == offset[1] and "Trang 2/3" in second
    third = _get(client, url, _link(second, "next"))
    assert _names_and_numbers(third) == offset[2] and "Trang 3/3" in third
    assert _link(third, "next") is None and _link(third, "last") is None
    last = _get(client, url, _link(first, "last"))
    assert _names_and_numbers(last) == offset[2]
    back = _get(client, url, _link(last, "prev"))
    assert _names_and_numbers(back) == offset[1]
    start = _get(client, url, _link(back, "prev"))
    assert _names_and_numbers(start) == offset[0] and "Trang 1/3" in start
    assert _names_and_numbers(_get(client, url, _link(back, "first"))) == offset[0]
    # The filters stay on every link; the exports get the filters, never the position.
    filtered = _get(client, url, f"unit={many.unit_a.pk}&state=all")
    assert f"unit={many.unit_a.pk}" in _link(filtered, "next")
    assert "state=all" in _link(filtered, "next") and "Trang 1/3" in filtered
    assert "sau=" not in re.search(r'danh-sach\.xlsx\?([^"]*)"', second).group(1)


@pytest.mark.django_db
def test_keyset_paginate_matches_offsets_for_any_page_size(many):
    items = dashboard.compiled_exemplars(many.campaign, state="all")
    every = [e.pk for e in items]
    for per_page in (7, 23, 100, 229, 230, 231):
        page = keyset.paginate(items, dashboard.COMPILED_ORDER, {}, count=len(every),
                               per_page=per_page, salt="t")
        seen = [e.pk for e in page.entries]
        while page.has_next:
            page = keyset.paginate(items, dashboard.COMPILED_ORDER, {"sau": page.next_token},
                                   count=len(every), per_page=per_page, salt="t")
            assert page.start_index == len(seen) + 1
            assert [e.pk for e in page.entries] == every[len(seen):len(seen) + per_page]
            seen += [e.pk for e in page.entries]
        assert seen == every, per_page
        last = keyset.paginate(items, dashboard.COMPILED_ORDER, {"cuoi": "1"}, count=len(every),
                               per_page=per_page, salt="t")
        offset_last = keyset.paginate(items, dashboard.COMPILED_ORDER,
                                      {"page": str(last.num_pages)}, count=len(every),
                                      per_page=per_page, salt="t")
        assert [e.pk for e in last.entries] == [e.pk for e in offset_last.entries]
        assert last.start_index == offset_last.start_index
        while last.has_previous:
            before = keyset.paginate(items, dashboard.COMPILED_ORDER,
                                     {"truoc": last.previous_token}, count=len(every),
                                     per_page=per_page, salt="t")
            offset = keyset.paginate(items, dashboard.COMPILED_ORDER,
                                     {"page": str(last.number - 1)}, count=len(every),
                                     per_page=per_page, salt="t")
            assert [e.pk for e in before.entries] == [e.pk for e in offset.entries]
            assert before.start_index == offset.start_index
            last = before


@pytest.mark.django_db
def test_a_malformed_or_tampered_cursor_gives_the_first_page(client, many):
    client.force_login(many.users["standing"])
    url = _url(many)
    first = _names_and_numbers(_get(client, url))
    token = re.search(r"sau=([^&]+)", _link(_get(client, url), "next")).group(1)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    foreign = signing.dumps({"v": [0, {"b": "00"}, 1], "n": 5}, salt="another.list")
    wrong_shape = signing.dumps({"v": [0, 1], "n": 5}, salt=COMPILED_SALT)
    wrong_types = signing.dumps({"v": [0, {"b": "zz"}, 1.5], "n": -1}, salt=COMPILED_SALT)
    for bad in (tampered, "x", "%00%FF", "a" * 5000, foreign, wrong_shape, wrong_types, ":"):
        for name in ("sau", "truoc"):
            response = client.get(url, {name: bad})
            assert response.status_code == 200, (name, bad)
            assert _names_and_numbers(response.content.decode()) == first, (name, bad)
    assert client.get(url, {"page": "abc"}).status_code == 200
    assert _names_and_numbers(_get(client, url, "page=999")) == _names_and_numbers(
        _get(client, url, "cuoi=1"))


@pytest.mark.django_db
def test_the_compiled_list_costs_the_same_queries_at_any_size_and_page(
        client, world, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(world.users["standing"])
    url = _url(world)

    def queries(query: str = "") -> int:
        client.get(url, {"state": "all"})  # warm the tally cache, as a second visit would
        with CaptureQueriesContext(connection) as captured:
            _get(client, url, f"state=all&{query}")
        return len(captured)

    small = queries()
    with django_capture_on_commit_callbacks(execute=True):
        services.bulk_add_exemplars(registration=world.registration_a,
                                    rows=[_entry(n) for n in range(250)],
                                    acting_user=world.users["officer_a"])
    page = _get(client, url, "state=all")
    assert queries() == small
    assert queries("cuoi=1") == small
    assert queries(_link(page, "next").split("?")[-1]) == small


# --- the overview's counters -----------------------------------------------------------------

@pytest.fixture
def built(world):  # noqa: F811
    """Units in every state, with and without entries, late and not, through the services
    where a service exists."""
    officer = world.users["officer_a"]
    states = ["draft", "awaiting_approval", "submitted", "received", "returned", "submitted"]
    for number, state in enumerate(states * 2):
        unit = UnitFactory(name=f"Sở Đếm {number:02d}")
        registration = RegistrationFactory(campaign=world.campaign, unit=unit, state=state,
                                           is_late=number % 4 == 0)
        for kind in KINDS[:number % 3 + (number % 2)]:
            ExemplarFactory(registration=registration, kind=kind, field_key=FIELDS[number % 3])
    UnitFactory(name="Xã Chưa Lập")
    services.add_exemplar(registration=world.registration_b, acting_user=world.users["officer_b"],
                          data={"kind": "collective", "name": "Tổ Hai", "field_key": "a"})
    services.add_exemplar(registration=world.registration_a, acting_user=officer,
                          data={"kind": "model", "name": "Mô hình Một", "field_key": "k"})
    return world


def _definitions(campaign) -> dict[str, int]:
    """Every counter of registry/counters.py counted in Python from the rows themselves (not
    from stored counts): the definitions the SQL must agree with."""
    registrations = {r.unit_id: r for r in Registration.objects.filter(campaign=campaign)}
    entries: dict[int, dict[str, int]] = {}
    for e in Exemplar.objects.filter(registration__campaign=campaign):
        by_kind = entries.setdefault(e.registration_id, {})
        by_kind[e.kind] = by_kind.get(e.kind, 0) + 1
    n = dict.fromkeys((c.key for c in counters.COUNTERS), 0)
    for unit in units_required_to_register(campaign):
        r = registrations.get(unit.pk)
        state = r.state if r else None
        sent = state in SENT_STATES
        status = quota_status(campaign, unit, entries.get(r.pk, {}) if r else {})
        met = bool(status and status.met)
        n["total"] += 1
        n["registered"] += r is not None
        n["none"] += r is None
        n["sent"] += sent
        n["late"] += sent and r.is_late
        n["met"] += sent and met
        n["unmet"] += sent and not met
        n["unsent"] += r is not None and not sent
        n["met_unsent"] += r is not None and not sent and met
        for key in ("submitted", "received", "draft", "awaiting_approval", "returned"):
            n[key] += state == key
    return n


@pytest.mark.django_db
def test_the_counters_equal_their_definitions(client, built):
    summary = dashboard.dashboard_summary(dashboard.dashboard_rows(built.campaign,
                                                                   DashboardFilters()))
    assert summary == _definitions(built.campaign)
    assert summary["sent"] > 0 and summary["met"] > 0 and summary["none"] > 0
    # Each counter's filter lists as many rows as its card says, and the stored counts by kind
    # are the entries.
    for c in counters.COUNTERS:
        if c.param:
            rows = dashboard.dashboard_rows(built.campaign, DashboardFilters(**{c.param: c.key}))
            assert len(list(rows)) == summary[c.key], c.key
    for unit in dashboard.dashboard_rows(built.campaign, DashboardFilters()):
        actual = Exemplar.objects.filter(registration_id=unit.registration_id)
        for kind in KINDS:
            assert getattr(unit, f"n_{kind}") == actual.filter(kind=kind).count()


@pytest.mark.django_db
def test_the_overview_costs_the_same_queries_at_any_size(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    url = reverse("registry:overview", args=[world.campaign.code])

    def queries() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = queries()
    for number in range(30):
        registration = RegistrationFactory(campaign=world.campaign,
                                           unit=UnitFactory(name=f"Sở Nhiều {number}"),
                                           state="submitted")
        ExemplarFactory(registration=registration, kind="collective")
        ExemplarFactory(registration=registration, kind="individual")
    assert queries() == small


# --- stored and cached numbers follow the services -------------------------------------------

def _field_table(page: str) -> dict[str, list[int]]:
    table = page[page.index('class="cards fields"'):] if 'class="cards fields"' in page else ""
    return {key: [int(n) for n in re.findall(r'card-count"[^>]*>(\d+)</td>', row)]
            for key, row in re.findall(r"\?field=([a-z0-9]+)\">.*?</a></td>(.*?)</tr>", table)}


def _overview_cells(page: str, name: str) -> list[int]:
    row = re.search(rf">{re.escape(name)}</a><br>.*?</tr>", page, re.S).group(0)
    return [int(n) for n in re.findall(r'class="num card-count" data-label="[^"]*">(\d+)</td>',
                                       row)]


@pytest.mark.django_db
def test_the_overview_numbers_follow_every_write(client, world,  # noqa: F811
                                                 django_capture_on_commit_callbacks):
    """Every write goes through its service and commits (the on-commit renewal runs)."""
    officer, head = world.users["officer_a"], world.users["head_a"]

    def committed(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    client.force_login(world.users["standing"])
    overview = reverse("registry:overview", args=[world.campaign.code])
    compiled = _url(world)
    page = _get(client, overview)
    assert _field_table(page) == {}  # nothing sent yet
    assert _overview_cells(page, "Sở Y tế Thử") == [1, 1, 0, 0]
    assert "0 điển hình" in _get(client, compiled)
    # An entry added: the unit's cell and the compiled list of every registration.
    added = committed(services.add_exemplar, registration=world.registration_a, acting_user=officer,
                                  data={"kind": "individual", "name": "Lò Thị Hậu",
                                        "field_key": "e"})
    assert _overview_cells(_get(client, overview), "Sở Y tế Thử") == [1, 2, 0, 0]
    assert "4 điển hình" in _get(client, compiled, "state=all")
    # Sent: the field table and the compiled list now count them.
    committed(services.transition_registration, registration=world.registration_a,
                                     transition="send_for_approval", acting_user=officer)
    committed(services.transition_registration, registration=world.registration_a, transition="approve",
                                     acting_user=head)
    page = _get(client, overview)
    assert _field_table(page) == {"e": [1, 2, 0, 0]}
    assert "3 điển hình — Đã gửi" in _get(client, compiled)
    # Returned to the unit: out of the sent counts again; then an entry changes kind and
    # another is removed.
    committed(services.transition_registration, registration=world.registration_a, transition="return",
                                     acting_user=world.users["standing"], reason="Thiếu chữ ký.")
    assert _field_table(_get(client, overview)) == {}
    current = Exemplar.objects.get(pk=added.pk)
    committed(services.update_exemplar, exemplar=current, data={"kind": "household"},
                             expected_version=current.version, acting_user=officer)
    exemplar_a = Exemplar.objects.get(pk=world.exemplar_a.pk)
    committed(services.remove_exemplar, exemplar=exemplar_a, expected_version=exemplar_a.version,
                             acting_user=officer)
    assert _overview_cells(_get(client, overview), "Sở Y tế Thử") == [1, 0, 1, 0]
    registration = Registration.objects.get(pk=world.registration_a.pk)
    assert (registration.n_collective, registration.n_individual, registration.n_household,
            registration.n_model) == (1, 0, 1, 0)
    compiled_all = _get(client, compiled, "state=all&kind=household")
    assert "1 điển hình" in compiled_all and "Lò Thị Hậu" in compiled_all
    # Sent again: the field table shows the changed entries.
    committed(services.transition_registration, registration=registration,
              transition="send_for_approval", acting_user=officer)
    committed(services.transition_registration, registration=registration, transition="approve",
              reason="Đủ theo thực tế đơn vị.", acting_user=head)
    assert _field_table(_get(client, overview)) == {"e": [1, 0, 1, 0]}


@pytest.mark.django_db
def test_the_cached_tally_is_renewed_only_after_commit(
        world, django_capture_on_commit_callbacks):  # noqa: F811
    from registry import tallies

    before = tallies.campaign_tally(world.campaign)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_exemplar(registration=world.registration_b,
                              acting_user=world.users["officer_b"],
                              data={"kind": "collective", "name": "Tổ Ba", "field_key": "k"})
        # Inside the writing transaction the old token still stands (the renewal waits for
        # the commit): a reader elsewhere would count without the new entry.
        assert tallies.campaign_tally(world.campaign) == before
    after = tallies.campaign_tally(world.campaign)
    assert after[("k", "collective", "draft")] == before.get(("k", "collective", "draft"), 0) + 1
