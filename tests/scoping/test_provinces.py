"""Province scoping (accounts.roles): a standing office reads its province's subtree only; the
national role reads every province, narrowed by the ``?tinh=`` filter, and writes nothing
provincial. The world (tests/world.py) is a small province; ``other`` adds a second one with a
unit, a sent registration, an exemplar and its own standing office."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from accounts import roles
from accounts.models import Role
from orgs.models import UnitType
from registry.enums import RegistrationState
from registry.models import Exemplar, Registration
from search.index import rebuild
from tests.api.helpers import call, token_for
from tests.db_state import differences, snapshot
from tests.factories import ExemplarFactory, MembershipFactory, RegistrationFactory, UnitFactory
from tests.mfa import give_device
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

OTHER_UNIT = "Sở Công Thương Điện Biên Thử"
OTHER_EXEMPLAR = "Quàng Văn Khởi"
OWN_EXEMPLAR = "Đặng Thị Mai"  # tests/world.py, Sở Y tế Thử


@dataclass
class Other:
    province: object
    unit: object
    registration: object
    exemplar: object
    standing: object


@pytest.fixture
def other(world):  # noqa: F811
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Điện Biên Thử", unit_type=UnitType.PROVINCE)
    office = UnitFactory(name="Sở Nội vụ Điện Biên Thử", parent=province)
    unit = UnitFactory(name=OTHER_UNIT, parent=province)
    registration = RegistrationFactory(campaign=world.campaign, unit=unit,
                                       state=RegistrationState.SUBMITTED)
    exemplar = ExemplarFactory(registration=registration, name=OTHER_EXEMPLAR, field_key="e")
    standing = MembershipFactory(unit=office, role=Role.STANDING_OFFICE).user
    give_device(standing)
    # world's registration A is sent too, so both appear on the compiled list's default scope
    Registration.objects.filter(pk=world.registration_a.pk).update(
        state=RegistrationState.SUBMITTED)
    return Other(province, unit, registration, exemplar, standing)


def _province_of(world):  # noqa: F811
    return world.unit_a.parent


def _page(client, user, url) -> tuple[int, str]:
    client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


# --- the scope itself ---------------------------------------------------------------------------

def test_the_province_unit_type_is_the_one_accounts_names():
    assert roles.PROVINCE_UNIT_TYPE == UnitType.PROVINCE


def test_each_role_reads_its_scope(world, other):  # noqa: F811
    lai_chau = _province_of(world)
    assert roles.province_paths(world.users["standing"]) == (lai_chau.tree_path,)
    assert roles.province_paths(world.users["council"]) == (lai_chau.tree_path,)
    assert roles.province_paths(other.standing) == (other.province.tree_path,)
    assert roles.province_paths(world.users["national"]) is None
    assert roles.province_paths(world.users["admin"]) is None  # a superuser
    assert roles.province_paths(world.users["officer_a"]) == ()
    assert roles.in_scope(world.users["standing"], world.sub_a)
    assert not roles.in_scope(world.users["standing"], other.unit)
    assert roles.in_scope(world.users["national"], other.unit)
    assert not roles.in_scope(world.users["officer_a"], world.unit_b)


def test_a_membership_under_no_province_reads_the_units_under_no_province(db):
    """Hand-made units outside every province are read as one more "province": a
    province-wide membership there reads all of them, and nothing of a real province."""
    root = UnitFactory(name="Cơ quan không thuộc tỉnh", unit_type=UnitType.AGENCY)
    child = UnitFactory(name="Phòng trực thuộc", parent=root, unit_type=UnitType.SUBORDINATE)
    elsewhere = UnitFactory(name="Sở khác")
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Thử", unit_type=UnitType.PROVINCE)
    in_province = UnitFactory(name="Sở trong tỉnh", parent=province)
    user = MembershipFactory(unit=child, role=Role.STANDING_OFFICE).user
    assert roles.province_paths(user) == tuple(sorted((root.tree_path, elsewhere.tree_path)))
    assert roles.in_scope(user, root) and roles.in_scope(user, child)
    assert roles.in_scope(user, elsewhere)
    assert not roles.in_scope(user, province) and not roles.in_scope(user, in_province)
    # and the province's own standing office reads its province only
    inside = MembershipFactory(unit=in_province, role=Role.STANDING_OFFICE).user
    assert roles.province_paths(inside) == (province.tree_path,)
    assert not roles.in_scope(inside, root) and not roles.in_scope(inside, elsewhere)


def test_the_province_filter_is_offered_only_across_several_provinces(world, other):  # noqa: F811
    lai_chau = _province_of(world)
    assert not roles.province_filter(world.users["standing"], str(other.province.pk)).shown
    # a standing office cannot widen or move its scope with ?tinh=
    assert roles.province_filter(world.users["standing"], str(other.province.pk)).paths == (
        lai_chau.tree_path,)
    national = roles.province_filter(world.users["national"], "")
    assert national.shown and national.paths is None
    assert {p.pk for p in national.choices} == {lai_chau.pk, other.province.pk}
    chosen = roles.province_filter(world.users["national"], str(other.province.pk))
    assert chosen.chosen == other.province and chosen.paths == (other.province.tree_path,)
    # a value that names no province of the scope chooses nothing
    assert roles.province_filter(world.users["national"], "abc").paths is None


# --- pages --------------------------------------------------------------------------------------

def test_the_overview_covers_the_standing_office_province_only(client, world, other):  # noqa: F811
    url = reverse("registry:overview", args=[world.campaign.code])
    status, page = _page(client, world.users["standing"], url)
    assert status == 200
    assert world.unit_a.name in page and OTHER_UNIT not in page
    assert 'name="tinh"' not in page  # one province: no filter
    status, page = _page(client, other.standing, url)
    assert status == 200 and OTHER_UNIT in page and world.unit_a.name not in page


def test_the_national_overview_spans_provinces_and_the_filter_narrows(client, world, other):  # noqa: F811
    url = reverse("registry:overview", args=[world.campaign.code])
    status, page = _page(client, world.users["national"], url)
    assert status == 200 and world.unit_a.name in page and OTHER_UNIT in page
    assert 'name="tinh"' in page and "Ủy ban nhân dân tỉnh Điện Biên Thử" in page
    status, page = _page(client, world.users["national"], f"{url}?tinh={other.province.pk}")
    assert status == 200 and OTHER_UNIT in page and world.unit_a.name not in page


def test_the_overview_export_is_scoped_like_the_page(client, world, other):  # noqa: F811
    import io

    from openpyxl import load_workbook

    url = reverse("registry:overview_xlsx", args=[world.campaign.code])

    def names(user, query=""):
        client.force_login(user)
        response = client.get(url + query)
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.getvalue())).active
        return {str(c.value) for row in sheet.iter_rows() for c in row if c.value}

    assert OTHER_UNIT not in names(world.users["standing"])
    assert world.unit_a.name in names(world.users["standing"])
    assert {OTHER_UNIT, world.unit_a.name} <= names(world.users["national"])
    assert world.unit_a.name not in names(world.users["national"], f"?tinh={other.province.pk}")


def test_the_compiled_list_is_scoped(client, world, other):  # noqa: F811
    url = reverse("registry:compiled_list", args=[world.campaign.code])
    _status, page = _page(client, world.users["standing"], url)
    assert OWN_EXEMPLAR in page and OTHER_EXEMPLAR not in page
    _status, page = _page(client, world.users["council"], url)
    assert OWN_EXEMPLAR in page and OTHER_EXEMPLAR not in page
    _status, page = _page(client, world.users["national"], url)
    assert OWN_EXEMPLAR in page and OTHER_EXEMPLAR in page
    _status, page = _page(client, world.users["national"], f"{url}?tinh={other.province.pk}")
    assert OWN_EXEMPLAR not in page and OTHER_EXEMPLAR in page
    export = reverse("registry:compiled_list_export", args=[world.campaign.code, "json"])
    client.force_login(world.users["standing"])
    names = {item["name"] for item in __import__("json").loads(b"".join(client.get(export).streaming_content))["items"]}
    assert OWN_EXEMPLAR in names and OTHER_EXEMPLAR not in names


def test_search_finds_only_the_province(client, world, other):  # noqa: F811
    rebuild()
    url = reverse("search:results")
    hit = f'href="{reverse("registry:exemplar_detail", args=[other.exemplar.pk])}"'
    _status, page = _page(client, world.users["standing"], f"{url}?q={OTHER_EXEMPLAR}")
    assert hit not in page and 'name="tinh"' not in page
    _status, page = _page(client, other.standing, f"{url}?q={OTHER_EXEMPLAR}")
    assert hit in page
    _status, page = _page(client, world.users["national"], f"{url}?q={OTHER_EXEMPLAR}")
    assert hit in page and 'name="tinh"' in page
    _status, page = _page(client, world.users["national"],
                          f"{url}?q={OTHER_EXEMPLAR}&tinh={_province_of(world).pk}")
    assert hit not in page
    _status, page = _page(client, world.users["national"],
                          f"{url}?q={OTHER_EXEMPLAR}&tinh={other.province.pk}")
    assert hit in page


def test_another_province_objects_are_refused(client, world, other):  # noqa: F811
    for name, pk in (("orgs:unit_detail", other.unit.pk),
                     ("registry:registration_detail", other.registration.pk),
                     ("registry:exemplar_detail", other.exemplar.pk),
                     ("evaluation:exemplar_evaluation", other.exemplar.pk),
                     ("progress:timeline", other.exemplar.pk)):
        url = reverse(name, args=[pk])
        for user in (world.users["standing"], world.users["council"]):
            status, _page_text = _page(client, user, url)
            assert status in (403, 404), (name, status)
        status, _page_text = _page(client, world.users["national"], url)
        assert status == 200, name
        status, _page_text = _page(client, other.standing, url)
        assert status == 200, name


def test_the_unit_list_is_scoped(client, world, other):  # noqa: F811
    url = reverse("orgs:unit_list")
    _status, page = _page(client, world.users["standing"], url)
    assert world.unit_a.name in page and OTHER_UNIT not in page
    _status, page = _page(client, world.users["national"], url)
    assert world.unit_a.name in page and OTHER_UNIT in page


# --- the API ------------------------------------------------------------------------------------

def test_api_lists_are_scoped(client, world, other):  # noqa: F811
    standing = token_for(world.users["standing"])
    national = token_for(world.users["national"])

    def names(token, path, key="name"):
        response = call(client, "GET", path, token)
        assert response.status_code == 200, (path, response.content)
        return {row[key] for row in response.json()["results"]}

    assert OTHER_UNIT not in names(standing, "/units/?page_size=500")
    assert OTHER_UNIT in names(national, "/units/?page_size=500")
    assert OTHER_EXEMPLAR not in names(standing, "/exemplars/?page_size=500")
    assert OWN_EXEMPLAR in names(standing, "/exemplars/?page_size=500")
    assert {OWN_EXEMPLAR, OTHER_EXEMPLAR} <= names(national, "/exemplars/?page_size=500")
    regs = call(client, "GET", "/registrations/?page_size=500", standing).json()["results"]
    assert other.registration.pk not in {r["id"] for r in regs}
    for path in (f"/units/{other.unit.pk}", f"/exemplars/{other.exemplar.pk}",
                 f"/registrations/{other.registration.pk}"):
        assert call(client, "GET", path, standing).status_code == 404, path
        assert call(client, "GET", path, national).status_code == 200, path


# --- writes ---------------------------------------------------------------------------------------

def test_a_standing_office_cannot_move_another_province_objects(client, world, other):  # noqa: F811
    client.force_login(world.users["standing"])
    before = snapshot()
    fostered = client.post(reverse("registry:exemplar_transition",
                                   args=[other.exemplar.pk, "foster"]),
                           {"version": other.exemplar.version})
    received = client.post(reverse("registry:registration_transition",
                                   args=[other.registration.pk, "receive"]),
                           {"version": other.registration.version})
    assert fostered.status_code in (403, 404) and received.status_code in (403, 404)
    assert snapshot() == before, differences(before, snapshot())
    from orgs.models import Unit

    standing = world.users["standing"]
    assert not standing.has_perm("orgs.manage_units", other.unit)
    assert not standing.has_perm("orgs.manage_units", Unit(name="Mới", parent=other.province))
    assert not standing.has_perm("orgs.manage_units", Unit(name="Tỉnh mới"))  # a new root
    assert standing.has_perm("orgs.manage_units", Unit(name="Mới", parent=world.unit_a))
    # its own province's standing office may
    client.force_login(other.standing)
    response = client.post(reverse("registry:exemplar_transition",
                                   args=[other.exemplar.pk, "foster"]),
                           {"version": other.exemplar.version})
    assert response.status_code == 302
    assert Exemplar.objects.get(pk=other.exemplar.pk).state == "fostering"


def test_the_national_role_writes_nothing_provincial(client, world, other):  # noqa: F811
    national = world.users["national"]
    client.force_login(national)
    before = snapshot()
    for url, data in (
        (reverse("registry:exemplar_transition", args=[other.exemplar.pk, "foster"]),
         {"version": other.exemplar.version}),
        (reverse("registry:registration_transition", args=[other.registration.pk, "receive"]),
         {"version": other.registration.version}),
        (reverse("registry:exemplar_transition", args=[world.exemplar_a.pk, "foster"]),
         {"version": world.exemplar_a.version}),
    ):
        assert client.post(url, data).status_code == 403, url
    assert snapshot() == before, differences(before, snapshot())
    for perm, obj in (("registry.foster_exemplar", other.exemplar),
                      ("registry.manage_submissions", other.registration),
                      ("proposals.manage_proposals", None),
                      ("inspections.manage_inspection", None),
                      ("orgs.manage_units", other.unit),
                      ("reviews.add_reviewreport", None),
                      ("urging.send_reminders", None),
                      ("evaluation.record_judgement", other.exemplar)):
        assert not national.has_perm(perm, obj), perm
    for perm, obj in (("registry.view_dashboard", world.campaign),
                      ("registry.view_exemplar", other.exemplar),
                      ("reviews.view_reviewperiod", None)):
        assert national.has_perm(perm, obj), perm


def test_notices_reach_the_standing_office_of_the_unit_province_only(world, other):  # noqa: F811
    from registry.tasks import recipients

    told = recipients(other.unit, (Role.STANDING_OFFICE, Role.COUNCIL_MEMBER))
    assert other.standing in told
    assert world.users["standing"] not in told and world.users["council"] not in told
    told = recipients(world.unit_a, (Role.STANDING_OFFICE,))
    assert world.users["standing"] in told and other.standing not in told


# --- reviews ------------------------------------------------------------------------------------

def test_review_statistics_count_the_province(world, other):  # noqa: F811
    from reviews.selectors import adhoc_period, statistics

    period = adhoc_period([world.campaign])
    everything = statistics(period)
    lai_chau = statistics(period, paths=roles.province_paths(world.users["standing"]))
    dien_bien = statistics(period, paths=(other.province.tree_path,))
    assert everything.value("exemplars") == lai_chau.value("exemplars") + dien_bien.value(
        "exemplars")
    assert dien_bien.value("exemplars") == 1
    assert lai_chau.value("units_required") + dien_bien.value("units_required") == (
        everything.value("units_required"))


def test_reminders_of_a_standing_office_go_to_its_province_only(world, other):  # noqa: F811
    from urging.services import send_reminders

    def reminded(user):
        result = send_reminders(campaign=world.campaign, reason="not_registered",
                                acting_user=user, dry_run=True)
        return {s.unit.pk for s in result.sent} | {s.unit.pk for s in result.skipped if s.unit}

    other_units = set(other.province.children.values_list("pk", flat=True))
    lai_chau = reminded(world.users["standing"])
    assert lai_chau and not lai_chau & other_units
    assert reminded(other.standing) & other_units
    assert not reminded(other.standing) - other_units
