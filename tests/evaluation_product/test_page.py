import pytest
from django.urls import reverse

from evaluation import services
from evaluation.evidence import EvidenceKind

pytestmark = pytest.mark.django_db


def _row(page: str, code: str) -> str:
    start = page.index(f'id="criterion-{code}"')
    return page[start:page.index("</tr>", start)]


def test_five_years_of_ratings_turn_g4_from_missing_to_pass(client, world):
    client.force_login(world.users["officer_a"])
    url = reverse("evaluation:exemplar_evaluation", args=[world.exemplar_a.pk])
    before = _row(client.get(url).content.decode(), "G4")
    assert "Thiếu minh chứng" in before
    add = reverse("evaluation:evidence_add", args=[world.exemplar_a.pk, "ratings"])
    for year in range(2021, 2026):
        level = "xuat_sac" if year == 2025 else "tot"
        response = client.post(add, {"ratings-year": year, "ratings-level": level,
                                     "ratings-decision": f"QĐ {year}"})
        assert response.status_code == 302
    after = _row(client.get(url).content.decode(), "G4")
    assert "Đạt" in after and "Thiếu minh chứng" not in after
    assert "Các năm 2021–2025 đều xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên" in after
    assert "có 1 năm “Hoàn thành xuất sắc nhiệm vụ” (2025)" in after


def test_missing_year_is_named_in_the_reason(client, world):
    officer = world.users["officer_a"]
    for year in (2021, 2022, 2024, 2025):
        services.add_evidence(exemplar=world.exemplar_a, kind=EvidenceKind.RATINGS,
                              values={"year": year, "level": "tot"}, acting_user=officer)
    client.force_login(officer)
    page = client.get(reverse("evaluation:exemplar_evaluation", args=[world.exemplar_a.pk]))
    row = _row(page.content.decode(), "G4")
    assert "Thiếu minh chứng" in row and "2023" in row


def test_judgement_by_standing_office_shows_who_and_when(client, world):
    standing = world.users["standing"]
    client.force_login(standing)
    url = reverse("evaluation:judgement_record", args=[world.exemplar_a.pk])
    response = client.post(url, {"criterion_code": "G1", "passed": "1", "note": "Gương mẫu"})
    assert response.status_code == 302
    page = client.get(reverse("evaluation:exemplar_evaluation", args=[world.exemplar_a.pk]))
    row = _row(page.content.decode(), "G1")
    assert standing.get_full_name() in row
    assert "Đạt" in row and "Gương mẫu" in row
    assert "Chờ đánh giá" in _row(page.content.decode(), "G2")


def test_unit_officer_may_not_record_judgements(client, world):
    client.force_login(world.users["officer_a"])
    url = reverse("evaluation:judgement_record", args=[world.exemplar_a.pk])
    assert client.post(url, {"criterion_code": "G1", "passed": "1"}).status_code == 403
    assert not world.exemplar_a.judgements.exists()


@pytest.mark.parametrize("name", ["exemplar_evaluation", "evidence_add", "evidence_declare"])
def test_officer_of_another_unit_is_refused(client, world, name):
    client.force_login(world.users["officer_b"])
    args = [world.exemplar_a.pk] if name == "exemplar_evaluation" else [world.exemplar_a.pk,
                                                                         "ratings"]
    url = reverse(f"evaluation:{name}", args=args)
    response = client.get(url) if name == "exemplar_evaluation" else client.post(
        url, {"ratings-year": 2025, "ratings-level": "tot"})
    assert response.status_code == 403


def test_declared_empty_recognitions_are_a_fact(client, world):
    officer = world.users["officer_a"]
    services.set_rated(exemplar=world.exemplar_a, rated=False, acting_user=officer)
    client.force_login(officer)
    url = reverse("evaluation:exemplar_evaluation", args=[world.exemplar_a.pk])
    assert "Thiếu minh chứng" in _row(client.get(url).content.decode(), "G5")
    client.post(reverse("evaluation:evidence_declare", args=[world.exemplar_a.pk,
                                                              "recognitions"]))
    assert "Không đạt" in _row(client.get(url).content.decode(), "G5")

