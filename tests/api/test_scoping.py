"""A token of unit A's officer cannot read or change unit B's objects (404 as if absent, the
database unchanged), read tokens cannot write, and malformed input is a 4xx — per route."""

import pytest

from evaluation import models as m
from registry.enums import RegistrationState
from search.index import rebuild
from tests.api.helpers import call, token_for
from tests.db_state import snapshot
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _exemplar_b(w):
    return w.registration_b.exemplars.get()


def test_unit_a_officer_cannot_read_unit_b_evaluation(client, world):  # noqa: F811
    token = token_for(world.users["officer_a"], "read,write")
    b = _exemplar_b(world)
    for path in (f"/evaluation/exemplars/{b.pk}", f"/evaluation/exemplars/{b.pk}/evidence",
                 f"/units/{world.unit_b.pk}"):
        response = call(client, "GET", path, token)
        assert response.status_code == 404, path
        assert response.json()["detail"] == "Không tìm thấy hoặc bạn không có quyền xem."


def test_unit_a_officer_cannot_change_unit_b_evidence(client, world):  # noqa: F811
    token = token_for(world.users["officer_a"], "read,write")
    b = _exemplar_b(world)
    before = snapshot()
    for method, path, body in (
        ("POST", f"/evaluation/exemplars/{b.pk}/evidence/ratings",
         {"values": {"year": 2024, "level": "xuat_sac"}}),
        ("POST", f"/evaluation/exemplars/{b.pk}/evidence/ratings/provided", None),
        ("PUT", f"/evaluation/exemplars/{b.pk}/rated", {"rated": False}),
        ("DELETE", f"/evaluation/exemplars/{b.pk}/evidence/ratings/1", None),
    ):
        response = call(client, method, path, token, body)
        assert response.status_code == 404, (method, path, response.content)
    assert snapshot() == before


def test_search_finds_only_what_the_unit_sees(client, world):  # noqa: F811
    rebuild()
    mine = call(client, "GET", "/search/?q=Đặng Thị Mai", token_for(world.users["officer_a"]))
    theirs = call(client, "GET", "/search/?q=Đặng Thị Mai", token_for(world.users["officer_b"]))
    province = call(client, "GET", "/search/?q=Lò Văn Thắng&kind=exemplar",
                    token_for(world.users["standing"]))
    hit = mine.json()["results"][0]
    assert (hit["id"], hit["kind"], hit["label"]) == (world.exemplar_a.pk, "exemplar",
                                                      "Đặng Thị Mai")
    assert hit["url"].startswith("/")
    assert world.exemplar_a.pk not in [h["id"] for h in theirs.json()["results"]
                                       if h["kind"] == "exemplar"]
    assert [h["label"] for h in province.json()["results"]][:1] == ["Lò Văn Thắng"]
    unknown = call(client, "GET", "/search/?q=Mai&kind=nothing", token_for(world.users["admin"]))
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "kind"


def test_frozen_registration_refuses_the_unit_with_the_reason(client, world):  # noqa: F811
    world.registration_a.state = RegistrationState.SUBMITTED
    world.registration_a.save()
    token = token_for(world.users["officer_a"], "read,write")
    before = snapshot()
    response = call(client, "POST", f"/evaluation/exemplars/{world.exemplar_a.pk}/evidence/"
                    "recognitions", token, {"values": {"number": "1", "authority": "UBND"}})
    assert response.status_code == 403
    assert "Biểu đăng ký đã gửi Sở Nội vụ" in response.json()["detail"]
    assert snapshot() == before
    verdict = call(client, "GET", f"/evaluation/exemplars/{world.exemplar_a.pk}", token).json()
    assert verdict["frozen"] is True
    # the standing office still enters evidence on a sent registration
    office = token_for(world.users["standing"], "read,write")
    done = call(client, "POST", f"/evaluation/exemplars/{world.exemplar_a.pk}/evidence/"
                "recognitions", office, {"values": {"number": "2", "authority": "UBND"}})
    assert done.status_code == 201
    assert done.json()["entered_by_role"] == "standing_office"


def test_office_row_is_the_offices_alone(client, world):  # noqa: F811
    office = token_for(world.users["standing"], "read,write")
    created = call(client, "POST", f"/evaluation/exemplars/{world.exemplar_a.pk}/evidence/"
                   "recognitions", office, {"values": {"number": "3", "authority": "UBND"}})
    row_id = created.json()["id"]
    officer = token_for(world.users["officer_a"], "read,write")
    evidence = call(client, "GET", f"/evaluation/exemplars/{world.exemplar_a.pk}/evidence",
                    officer).json()
    row = next(r for s in evidence["sections"] for r in s["rows"] if r["id"] == row_id)
    assert row["changeable"] is False
    refused = call(client, "DELETE", f"/evaluation/exemplars/{world.exemplar_a.pk}/evidence/"
                   f"recognitions/{row_id}", officer)
    assert refused.status_code == 403
    assert "cơ quan thường trực nhập" in refused.json()["detail"]
    assert m.Recognition.objects.filter(pk=row_id).exists()


def test_verdict_is_the_pages(client, world):  # noqa: F811
    """The API's verdict is the evaluation page's: same outcome, same criteria codes."""
    from evaluation.selectors import exemplar_evaluation
    from registry.models import Exemplar

    exemplar = Exemplar.objects.select_related("registration__campaign__pack").get(
        pk=world.exemplar_a.pk)
    page = exemplar_evaluation(exemplar).verdict
    token = token_for(world.users["officer_a"])
    body = call(client, "GET", f"/evaluation/exemplars/{exemplar.pk}", token).json()
    assert body["outcome"] == page.outcome
    assert [c["code"] for c in body["criteria"]] == [r.code for r in page.criteria]
    html = client.get(f"/danh-gia/dien-hinh/{exemplar.pk}/")  # anonymous → redirected
    assert html.status_code in (302, 403)
    table = call(client, "GET", f"/evaluation/campaigns/{world.campaign.pk}/verdicts"
                 f"?unit={world.unit_a.pk}&kind=individual",
                 token_for(world.users["standing"])).json()
    assert [r["id"] for r in table["results"]] == [exemplar.pk]
    assert table["results"][0]["outcome"] == page.outcome
    filtered = call(client, "GET", f"/evaluation/campaigns/{world.campaign.pk}/verdicts"
                    f"?outcome={page.outcome}", token_for(world.users["standing"])).json()
    assert exemplar.pk in [r["id"] for r in filtered["results"]]


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/evaluation/exemplars/{e}/evidence/ratings", {"values": {"year": "năm"}}),
    ("POST", "/evaluation/exemplars/{e}/evidence/ratings", {"values": {"year": 2024,
                                                                       "level": "không có"}}),
    ("POST", "/evaluation/exemplars/{e}/evidence/ratings", {"values": {"colour": "đỏ"}}),
    ("POST", "/evaluation/exemplars/{e}/evidence/ratings", {"values": {"year": 1200,
                                                                       "level": "xuat_sac"}}),
    ("POST", "/evaluation/exemplars/{e}/evidence/nothing", {"values": {}}),
    ("POST", "/evaluation/exemplars/{e}/evidence/recognitions", {"values": "x"}),
    ("POST", "/evaluation/exemplars/{e}/evidence/recognitions", None),
    ("PUT", "/evaluation/exemplars/{e}/rated", {"rated": "có lẽ"}),
    ("DELETE", "/evaluation/exemplars/{e}/evidence/recognitions/99999999", None),
    ("GET", "/evaluation/campaigns/{c}/verdicts?unit=abc", None),
    ("GET", "/evaluation/campaigns/{c}/verdicts?outcome=tốt", None),
    ("GET", "/campaigns/?status=xyz", None),
    ("GET", "/packs/?on=31/12/2025", None),
    ("GET", "/packs/99999999999999999999", None),
    ("GET", "/search/?q=", None),
    ("GET", "/search/", None),
])
def test_malformed_input_is_4xx_and_changes_nothing(client, world, method, path, body):  # noqa: F811
    token = token_for(world.users["standing"], "read,write")
    before = snapshot()
    response = call(client, method, path.format(e=world.exemplar_a.pk, c=world.campaign.pk),
                    token, body)
    assert 400 <= response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert snapshot() == before


def test_rating_of_the_same_year_replaces_the_row(client, world):  # noqa: F811
    """The page's "change": a rating for a year already entered replaces that year's row."""
    token = token_for(world.users["officer_a"], "read,write")
    path = f"/evaluation/exemplars/{world.exemplar_a.pk}/evidence/ratings"
    first = call(client, "POST", path, token, {"values": {"year": 2024, "level": "tot"}})
    second = call(client, "POST", path, token, {"values": {"year": 2024, "level": "xuat_sac"}})
    assert (first.status_code, second.status_code) == (201, 201), second.content
    rows = m.AnnualRating.objects.filter(subject__exemplar_links__exemplar=world.exemplar_a)
    assert list(rows.values_list("year", "level")) == [(2024, "xuat_sac")]
    assert second.json()["values"] == {"year": 2024, "level": "xuat_sac", "decision": ""}
