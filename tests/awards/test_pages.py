"""The history and catalogue pages: scoped, searchable by folded name, titles and forms apart,
revoked records marked, manual entry by the standing office only, bad input a message."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import services
from awards.models import AwardRecord, AwardSubject, CommendationForm
from tests.awards.helpers import form, load, record, subject_of_a, title
from tests.db_state import snapshot
from tests.world import world  # noqa: F401  (fixture)


def _subject(w, name, unit, kind="individual"):
    return services.create_subject(kind=kind, name=name, unit=unit,
                                   acting_user=w.users["standing"])


@pytest.mark.django_db
def test_list_is_scoped_and_searchable_by_folded_name(client, world):  # noqa: F811
    load(world)
    subject_of_a(world)  # Đặng Thị Mai, Sở Y tế Thử
    _subject(world, "Trạm Y tế xã", world.sub_a, kind="collective")
    _subject(world, "Lò Văn Thắng", world.unit_b)
    url = reverse("awards:subject_list")
    client.force_login(world.users["officer_a"])
    text = client.get(url).content.decode()
    assert "Đặng Thị Mai" in text and "Trạm Y tế xã" in text and "Lò Văn Thắng" not in text
    client.force_login(world.users["council"])
    assert "Lò Văn Thắng" in client.get(url).content.decode()
    found = client.get(url, {"q": "dang thi mai"}).content.decode()
    assert "Đặng Thị Mai" in found and "Lò Văn Thắng" not in found
    by_kind = client.get(url, {"kind": "collective"}).content.decode()
    assert "Trạm Y tế xã" in by_kind and "Đặng Thị Mai" not in by_kind
    by_unit = client.get(url, {"unit": "Xã Thử"}).content.decode()
    assert "Lò Văn Thắng" in by_unit and "Đặng Thị Mai" not in by_unit


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_rows(client, world):  # noqa: F811
    load(world)
    client.force_login(world.users["standing"])
    url = reverse("awards:subject_list")
    _subject(world, "Người Một", world.unit_a)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for name in ("Người Hai", "Người Ba"):
        record(_subject(world, name, world.unit_a))
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(one) == len(three)


@pytest.mark.django_db
def test_detail_keeps_titles_and_forms_apart_and_marks_revoked(client, world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    record(subject, title("cstd-co-so"), number="55/QĐ-SYT")
    revoked = record(subject, form(), number="66/QĐ-UBND")
    services.revoke_records(records=[revoked], reason="Sai đối tượng", acting_user=None)
    client.force_login(world.users["head_a"])
    page = client.get(reverse("awards:subject_detail", args=[subject.pk]))
    text = page.content.decode()
    titles = text[text.index('id="title-records"'):text.index('id="form-records"')]
    forms = text[text.index('id="form-records"'):text.index('id="subject-exemplars"')]
    assert "Chiến sĩ thi đua cơ sở" in titles and "55/QĐ-SYT" in titles
    assert "Bằng khen" not in titles
    assert "66/QĐ-UBND" in forms and "Đã thu hồi" in forms and "Sai đối tượng" in forms
    assert "20/12/2024" in forms
    assert world.exemplar_a.name in text[text.index('id="subject-exemplars"'):]
    assert 'id="record-form"' not in text  # a unit head reads, never enters
    client.force_login(world.users["officer_b"])
    assert client.get(reverse("awards:subject_detail", args=[subject.pk])).status_code == 403


@pytest.mark.django_db
def test_manual_entry_by_the_standing_office(client, world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    client.force_login(world.users["standing"])
    url = reverse("awards:record_add", args=[subject.pk])
    data = {"award": f"form:{form().pk}", "year": 2023, "decision_number": " 12/QĐ-UBND ",
            "decision_date": "2023-12-15", "issuer": "Chủ tịch UBND tỉnh", "field_key": "m"}
    client.post(url, data)
    saved = AwardRecord.objects.get()
    assert (saved.decision_number, saved.source, saved.field_key, saved.entered_by) == (
        "12/QĐ-UBND", "entered", "m", world.users["standing"])
    again = client.post(url, data, follow=True)
    assert "đã có khen thưởng này" in again.content.decode() and AwardRecord.objects.count() == 1
    # a title for households only is not offered to an individual; sent anyway, it is refused
    page = client.get(reverse("awards:subject_detail", args=[subject.pk])).content.decode()
    assert "Gia đình văn hóa" not in page and "Lao động tiên tiến" in page
    wrong = client.post(url, {**data, "award": f"title:{title('gia-dinh-van-hoa').pk}",
                              "decision_number": "13/QĐ"}, follow=True)
    assert wrong.status_code == 200 and 'class="msg-error"' in wrong.content.decode()
    future = client.post(url, {**data, "decision_number": "14/QĐ",
                               "decision_date": "2099-01-01"}, follow=True)
    assert "không được sau hôm nay" in future.content.decode()
    assert AwardRecord.objects.count() == 1
    before = snapshot()
    client.force_login(world.users["officer_a"])
    assert client.post(url, {**data, "decision_number": "15/QĐ"}).status_code == 403
    assert snapshot() == before


@pytest.mark.django_db
def test_exemplar_link_leads_to_its_history(client, world):  # noqa: F811
    load(world)
    client.force_login(world.users["officer_a"])
    url = reverse("awards:exemplar_history", args=[world.exemplar_a.pk])
    none_yet = client.get(url)
    assert none_yet.status_code == 302 and "/dang-ky/" in none_yet["Location"]
    assert not AwardSubject.objects.exists()  # reading never creates a subject
    subject = subject_of_a(world)
    assert client.get(url)["Location"] == reverse("awards:subject_detail", args=[subject.pk])


@pytest.mark.django_db
def test_exemplar_page_panel_lists_the_records(client, world):  # noqa: F811
    """Replay: the panel read ``records`` instead of ``panel.records`` and always said "none"."""
    load(world)
    subject = subject_of_a(world)
    record(subject, form(), number="77/QĐ-UBND")
    client.force_login(world.users["officer_a"])
    text = client.get(reverse("registry:exemplar_detail", args=[world.exemplar_a.pk])
                      ).content.decode()
    assert "77/QĐ-UBND" in text and "Bằng khen của Chủ tịch UBND tỉnh" in text
    assert reverse("awards:subject_detail", args=[subject.pk]) in text
    assert "Chưa có danh hiệu, hình thức khen thưởng nào được ghi nhận." not in text


@pytest.mark.django_db
def test_catalogue_page_two_lists_and_editing(client, world):  # noqa: F811
    load(world)
    client.force_login(world.users["officer_b"])
    text = client.get(reverse("award_catalogue:catalogue")).content.decode()
    titles = text[text.index('id="titles-table"'):text.index('id="forms-table"')]
    forms = text[text.index('id="forms-table"'):]
    assert "Lao động tiên tiến" in titles and "Giấy khen" not in titles
    assert "Giấy khen" in forms and "Lao động tiên tiến" not in forms
    assert "het-hieu-luc" not in text  # reading only
    client.force_login(world.users["standing"])
    entry = form()
    edit = reverse("award_catalogue:entry_edit", args=["hinh-thuc", entry.pk])
    page = client.get(edit)
    assert page.status_code == 200 and entry.name in page.content.decode()
    client.post(edit, {"code": entry.code, "name": "Bằng khen của Chủ tịch UBND tỉnh Lai Châu",
                       "subject_kinds": ["individual"], "sort_order": 1,
                       "valid_from": "2004-07-01"})
    entry = CommendationForm.objects.get(pk=entry.pk)
    assert entry.name == "Bằng khen của Chủ tịch UBND tỉnh Lai Châu"
    assert not entry.counts_as_recognition  # the box was left unticked
    bad = client.post(edit, {"code": entry.code, "name": "X", "subject_kinds": ["individual"],
                             "sort_order": 1, "valid_from": "2024-01-01",
                             "valid_to": "2020-01-01"})
    assert "không được trước" in bad.content.decode()
    client.post(reverse("award_catalogue:entry_close", args=["hinh-thuc", entry.pk]),
                {"valid_to": "2026-06-30"})
    assert str(CommendationForm.objects.get(pk=entry.pk).valid_to) == "2026-06-30"
    add = client.post(reverse("award_catalogue:entry_add", args=["danh-hieu"]),
                      {"code": "cstd-nganh", "name": "Chiến sĩ thi đua ngành",
                       "subject_kinds": ["individual"], "sort_order": 20,
                       "valid_from": "2024-01-01"})
    assert add.status_code == 302
    assert client.get(reverse("award_catalogue:entry_add", args=["khac"])).status_code == 404
