"""An exemplar's history shows its evidence, judgements and proofs, edits as "Sửa", with
Vietnamese labels and old → new values (no raw field names, no JSON)."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import Action, AuditEvent
from audit.selectors import history_of
from evaluation import models as m
from evaluation import services
from evaluation.evidence import EvidenceKind
from orgs.services import link_successor
from registry import services as registry_services

pytestmark = pytest.mark.django_db


def _history(client, user, exemplar) -> str:
    client.force_login(user)
    page = client.get(reverse("registry:exemplar_detail", args=[exemplar.pk])).content.decode()
    start = page.index('class="card history"')
    return page[start:page.index("</details>", start)]


def test_a_corrected_rating_is_an_edit_shown_on_the_exemplars_page(client, world):
    officer, exemplar = world.users["officer_a"], world.exemplar_a
    add = reverse("evaluation:evidence_add", args=[exemplar.pk, "ratings"])
    client.force_login(officer)
    client.post(add, {"ratings-year": 2025, "ratings-level": "tot", "ratings-decision": "QĐ 1"})
    client.post(add, {"ratings-year": 2025, "ratings-level": "khong_hoan_thanh",
                      "ratings-decision": "QĐ 1"})
    rating = m.AnnualRating.objects.get()
    events = AuditEvent.objects.filter(object_id=str(rating.pk),
                                       content_type__model="annualrating").order_by("id")
    assert [e.action for e in events] == [Action.CREATE, Action.UPDATE]
    assert events[1].changes == {"level": ["tot", "khong_hoan_thanh"]}

    shown = _history(client, officer, exemplar)
    assert "Sửa (Xếp loại hằng năm — năm 2025)" in shown
    assert "Xếp loại: Hoàn thành tốt nhiệm vụ → Không hoàn thành nhiệm vụ" in shown
    assert "Tạo (Xếp loại hằng năm)" in shown
    assert "Năm: — → 2025" in shown and "Quyết định xếp loại: — → QĐ 1" in shown
    for raw in ("level", "khong_hoan_thanh", "{", "<code>"):
        assert raw not in shown


def test_a_removed_discipline_record_shows_what_was_removed(client, world):
    standing, exemplar = world.users["standing"], world.exemplar_a
    row = services.add_evidence(exemplar=exemplar, kind=EvidenceKind.DISCIPLINES,
                                values={"year": 2024, "level": "canh_cao"}, acting_user=standing)
    services.remove_evidence(exemplar=exemplar, kind=EvidenceKind.DISCIPLINES, row_id=row.pk,
                             acting_user=standing)
    entries = history_of(exemplar)
    assert [(e.action, e.verb) for e in entries[:2]] == [("Xóa", "Kỷ luật"), ("Tạo", "Kỷ luật")]
    shown = _history(client, standing, exemplar)
    assert "Hình thức kỷ luật: Cảnh cáo → —" in shown and "Năm: 2024 → —" in shown


def test_a_changed_judgement_is_an_edit_with_its_old_conclusion(client, world):
    standing, exemplar = world.users["standing"], world.exemplar_a
    client.force_login(standing)
    url = reverse("evaluation:judgement_record", args=[exemplar.pk])
    client.post(url, {"criterion_code": "G1", "passed": "1", "note": "Gương mẫu"})
    client.post(url, {"criterion_code": "G1", "passed": "0", "note": "Chưa gương mẫu"})
    actions = list(AuditEvent.objects.filter(content_type__model="judgement")
                   .order_by("id").values_list("action", flat=True))
    assert actions == [Action.CREATE, Action.UPDATE]
    shown = _history(client, standing, exemplar)
    assert "Sửa (Ý kiến thẩm định G1)" in shown
    assert "Đạt: Đạt → Không đạt" in shown
    assert "Ghi chú: Gương mẫu → Chưa gương mẫu" in shown


def test_proofs_declarations_and_rated_show_on_the_exemplars_page(client, world):
    officer, exemplar = world.users["officer_a"], world.exemplar_a
    upload = SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    services.attach_proof(exemplar=exemplar, upload=upload, acting_user=officer)
    services.declare_provided(exemplar=exemplar, kind=EvidenceKind.RECOGNITIONS,
                              acting_user=officer)
    services.set_rated(exemplar=exemplar, rated=True, acting_user=officer)
    shown = _history(client, officer, exemplar)
    assert "Tạo (Đính kèm minh chứng)" in shown and "Tên tệp: — → quyet-dinh.pdf" in shown
    assert "Khai báo đã cung cấp: Công nhận của cấp có thẩm quyền" in shown
    assert "Thuộc diện đánh giá, xếp loại: — → có" in shown


def test_an_exemplar_edit_names_its_fields_in_vietnamese(client, world):
    officer, exemplar = world.users["officer_a"], world.exemplar_a
    registry_services.update_exemplar(exemplar=exemplar, data={"name": "Đặng Thị Hoa",
                                                               "field_key": "a"},
                                      expected_version=exemplar.version, acting_user=officer)
    shown = _history(client, officer, exemplar)
    assert "Sửa" in shown and "Tên: Đặng Thị Mai → Đặng Thị Hoa" in shown
    assert "Lĩnh vực: e) " in shown and "→ a) Xây dựng Đảng, chính quyền, đoàn thể" in shown
    assert "field_key" not in shown and "Cập nhật" not in shown


def test_an_exemplar_shows_only_its_own_evidence(world):
    officer = world.users["officer_a"]
    other = world.registration_a.exemplars.exclude(pk=world.exemplar_a.pk).get()
    services.add_evidence(exemplar=world.exemplar_a, kind=EvidenceKind.RATINGS,
                          values={"year": 2025, "level": "tot"}, acting_user=officer)
    assert [e.verb for e in history_of(world.exemplar_a)] == ["Xếp loại hằng năm"]
    assert history_of(other) == []


def test_a_successor_link_is_in_the_predecessors_history_with_a_readable_verb(client, world):
    standing = world.users["standing"]
    link_successor(predecessor=world.sub_a, successor=world.unit_a, kind="merged",
                   effective_on="2025-07-01", legal_basis="NQ 1", acting_user=standing)
    client.force_login(standing)
    page = client.get(reverse("orgs:unit_detail", args=[world.sub_a.pk])).content.decode()
    history = page[page.index('class="card history"'):]
    assert "Tạo (liên kết đơn vị kế thừa)" in history and "link_successor" not in history
    assert "<title>" not in history and "Lịch sử thay đổi" not in page[:page.index("<body")]


def test_a_registration_transition_and_batch_read_in_vietnamese(client, world):
    officer = world.users["officer_a"]
    registry_services.bulk_add_exemplars(
        registration=world.registration_a, acting_user=officer,
        rows=[{"kind": "household", "name": "Hộ ông Lò Văn A", "field_key": "k"}])
    client.force_login(officer)
    page = client.get(reverse("registry:registration_detail",
                              args=[world.registration_a.pk])).content.decode()
    history = page[page.index('class="card history"'):]
    assert "Tạo (thêm nhiều mục)" in history and "bulk_add" not in history
    assert "Theo loại: — → Hộ gia đình: 1" in history and "Số mục thêm: — → 1" in history


