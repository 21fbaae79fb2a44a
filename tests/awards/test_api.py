"""The awards API on the web's services: the catalogues apart, a subject with its records, a
record entered with a write token, bad input a Vietnamese 4xx with nothing changed."""

import pytest

from awards.models import AwardRecord
from tests.api.helpers import call, token_for
from tests.awards.helpers import load, record, subject_of_a, title
from tests.world import world  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_catalogues_and_a_subjects_history(client, world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    record(subject, title("cstd-co-so"), number="55/QĐ-SYT")
    record(subject, number="66/QĐ-UBND")
    token = token_for(world.users["head_a"])
    titles = call(client, "GET", "/award-catalogue/titles", token).json()["results"]
    forms = call(client, "GET", "/award-catalogue/forms", token).json()["results"]
    assert "lao-dong-tien-tien" in {t["code"] for t in titles}
    assert "giay-khen" in {f["code"] for f in forms} and "counts_as_recognition" in forms[0]
    assert not {t["code"] for t in titles} & {f["code"] for f in forms}
    listed = call(client, "GET", "/award-subjects/?q=dang thi mai", token).json()["results"]
    assert [s["id"] for s in listed] == [subject.pk]
    detail = call(client, "GET", f"/award-subjects/{subject.pk}", token).json()
    assert [r["decision_number"] for r in detail["titles"]] == ["55/QĐ-SYT"]
    assert [r["award_code"] for r in detail["forms"]] == ["bang-khen-ubnd-tinh"]
    assert detail["exemplar_ids"] == [world.exemplar_a.pk]


@pytest.mark.django_db
def test_a_record_posted_with_a_write_token(client, world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    token = token_for(world.users["standing"], scopes="read,write")
    path = f"/award-subjects/{subject.pk}/records"
    body = {"title": "lao-dong-tien-tien", "year": 2023, "decision_number": "9/QĐ-SYT",
            "decision_date": "2023-12-20", "issuer": "Giám đốc Sở Y tế"}
    answer = call(client, "POST", path, token, body)
    assert answer.status_code == 200
    assert answer.json()["titles"][0]["decision_number"] == "9/QĐ-SYT"
    assert AwardRecord.objects.get().source == "entered"
    for bad in ({**body, "title": "khong-co"}, {**body, "form": "giay-khen"},
                {**body, "decision_number": "10/QĐ", "title": "gia-dinh-van-hoa"}):
        refused = call(client, "POST", path, token, bad)
        assert refused.status_code in (400, 422), refused.content
        assert AwardRecord.objects.count() == 1
    read_only = call(client, "POST", path, token_for(world.users["standing"]),
                     {**body, "decision_number": "11/QĐ"})
    assert read_only.status_code == 403 and AwardRecord.objects.count() == 1
