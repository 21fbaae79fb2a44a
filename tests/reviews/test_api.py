"""The reviews' API: the same numbers as ``reviews.selectors``, every figure equal to the count
of the list it drills into, the writes through the services (version → 409), refused roles."""

import pytest

from reviews import selectors
from reviews.figures import FIGURES
from reviews.models import ReviewPeriod
from tests.api.helpers import call, token_for
from tests.reviews.helpers import PERIOD, period_of
from tests.world import world  # noqa: F401  (fixture)


@pytest.fixture
def period(world):  # noqa: F811
    return period_of(world)


def _get(client, user, path):
    return call(client, "GET", path, token_for(user))


@pytest.mark.django_db
@pytest.mark.parametrize("grouping", ["current", "former"])
def test_statistics_equal_the_selectors(client, world, period, grouping):  # noqa: F811
    response = _get(client, world.users["council"],
                    f"/reviews/periods/{PERIOD}/statistics?group_by={grouping}")
    assert response.status_code == 200, response.content
    data = response.json()
    stats = selectors.statistics(ReviewPeriod.objects.get(code=PERIOD), grouping)
    expected = selectors.command_summary(stats)
    assert data["group_by"] == grouping
    for key in expected:
        assert data[key] == expected[key], key
    assert data["units_registered"] == 1 and data["adoptions"] == 1
    assert data["exemplars_by_kind"] == {"individual": 1, "collective": 1}
    assert [f["key"] for f in data["figures"]] == [f.key for f in FIGURES]
    by_key = {f["key"]: f for f in data["figures"]}
    assert by_key["exemplars"]["value"] == 2
    assert by_key["exemplars"]["label"] == "Điển hình đăng ký"
    assert by_key["exemplars"]["definition"].startswith("Tập thể, cá nhân")


@pytest.mark.django_db
def test_every_figure_equals_its_list(client, world, period):  # noqa: F811
    user = world.users["standing"]
    figures = _get(client, user, f"/reviews/periods/{PERIOD}/statistics").json()["figures"]
    for figure in figures:
        listed = _get(client, user, f"/reviews/periods/{PERIOD}/figures/{figure['key']}"
                                    "?page_size=100")
        assert listed.status_code == 200, (figure["key"], listed.content[:300])
        body = listed.json()
        assert body["count"] == figure["value"] == len(body["results"]), figure["key"]


@pytest.mark.django_db
def test_drill_by_group_and_breakdown(client, world, period):  # noqa: F811
    user = world.users["standing"]
    base = f"/reviews/periods/{PERIOD}/figures/exemplars"
    both = _get(client, user, base).json()
    assert {r["text"] for r in both["results"]} == {"Đặng Thị Mai", "Khoa Nội"}
    assert {r["unit"]["name"] for r in both["results"]} == {"Sở Y tế Thử"}
    assert {r["campaign"] for r in both["results"]} == {world.campaign.code}
    one = _get(client, user, f"{base}?dim=kind&value=individual").json()
    assert [r["text"] for r in one["results"]] == ["Đặng Thị Mai"]
    by_code = _get(client, user, f"{base}?group={world.unit_a.code}").json()
    by_id = _get(client, user, f"{base}?group={world.unit_a.pk}").json()
    assert by_code["count"] == by_id["count"] == 2
    assert _get(client, user, f"{base}?group={world.unit_b.pk}").json()["count"] == 0
    paged = _get(client, user, f"{base}?page_size=1&page=2").json()
    assert paged["count"] == 2 and len(paged["results"]) == 1 and paged["next"] is None
    assert _get(client, user, f"/reviews/periods/{PERIOD}/figures/nope").status_code == 404
    refused = _get(client, user, f"{base}?dim=nope&value=x")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "dim"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer_a", "head_a", "officer_b"])
def test_unit_roles_are_refused(client, world, period, role):  # noqa: F811
    user = world.users[role]
    for path in ("/reviews/periods/", f"/reviews/periods/{PERIOD}",
                 f"/reviews/periods/{PERIOD}/statistics",
                 f"/reviews/periods/{PERIOD}/figures/exemplars"):
        response = _get(client, user, path)
        assert response.status_code == 403, path
        assert response.json()["detail"] == "Bạn không có quyền thực hiện thao tác này."
    response = call(client, "POST", "/reviews/periods/", token_for(user, "read,write"),
                    {"code": "x", "kind": "final", "title": "X", "campaigns": [world.campaign.code],
                     "starts_on": "2026-01-01", "ends_on": "2026-12-31"})
    assert response.status_code == 403
    assert not ReviewPeriod.objects.filter(code="x").exists()


@pytest.mark.django_db
def test_create_update_round_trip(client, world):  # noqa: F811
    token = token_for(world.users["standing"], "read,write")
    created = call(client, "POST", "/reviews/periods/", token, {
        "code": "So-Ket-2026", "kind": "interim", "title": "So\u0302\u0301 kết năm 2026",
        "campaigns": [world.campaign.code], "starts_on": "2026-01-01", "ends_on": "2026-12-31"})
    assert created.status_code == 200, created.content
    body = created.json()
    assert body["code"] == "so-ket-2026" and body["version"] == 1
    assert body["title"] == "Số kết năm 2026"  # NFC: composed letters
    assert body["campaigns"] == [world.campaign.code] and body["kind_label"] == "Sơ kết"
    listed = call(client, "GET", "/reviews/periods/", token).json()
    assert [p["code"] for p in listed["results"]] == ["so-ket-2026"]
    patched = call(client, "PATCH", "/reviews/periods/so-ket-2026", token,
                   {"held_on": "2027-01-10", "notes": "Hội trường", "version": 1})
    assert patched.status_code == 200, patched.content
    assert patched.json()["held_on"] == "2027-01-10" and patched.json()["version"] == 2
    assert patched.json()["title"] == "Số kết năm 2026"
    put = call(client, "PUT", "/reviews/periods/so-ket-2026", token, {
        "kind": "final", "title": "Tổng kết", "campaigns": [world.campaign.code],
        "starts_on": "2022-01-01", "ends_on": "2026-12-31", "version": 2})
    assert put.status_code == 200, put.content
    got = call(client, "GET", "/reviews/periods/so-ket-2026", token).json()
    assert (got["kind"], got["title"], got["starts_on"], got["held_on"], got["notes"],
            got["version"]) == ("final", "Tổng kết", "2022-01-01", None, "", 3)
    row = ReviewPeriod.objects.get(code="so-ket-2026")
    assert row.version == 3 and row.kind == "final"


@pytest.mark.django_db
def test_stale_version_and_bad_input_refused(client, world, period):  # noqa: F811
    token = token_for(world.users["standing"], "read,write")
    stale = call(client, "PATCH", f"/reviews/periods/{PERIOD}", token,
                 {"notes": "muộn", "version": period.version + 5})
    assert stale.status_code == 409
    assert "vừa được người khác thay đổi" in stale.json()["detail"]
    assert ReviewPeriod.objects.get(code=PERIOD).notes == ""
    backwards = call(client, "PATCH", f"/reviews/periods/{PERIOD}", token,
                     {"ends_on": "2021-01-01", "version": period.version})
    assert backwards.status_code == 400 and backwards.json()["errors"][0]["field"] == "ends_on"
    unknown = call(client, "POST", "/reviews/periods/", token, {
        "code": "moi", "kind": "final", "title": "Mới", "campaigns": ["khong-co"],
        "starts_on": "2026-01-01", "ends_on": "2026-12-31"})
    assert unknown.status_code == 400 and "khong-co" in unknown.json()["detail"]
    again = call(client, "POST", "/reviews/periods/", token, {
        "code": PERIOD, "kind": "final", "title": "Trùng", "campaigns": [world.campaign.code],
        "starts_on": "2026-01-01", "ends_on": "2026-12-31"})
    assert again.status_code == 400 and again.json()["errors"][0]["field"] == "code"
    assert ReviewPeriod.objects.count() == 1
