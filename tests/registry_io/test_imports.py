"""Round trip (export → import → same entries), the difference and applying it all or nothing."""

import pytest

from audit.models import Action, AuditEvent
from core.errors import DomainError, NotAllowed, StaleVersion
from registry.io.document import registration_document
from registry.io.export import render_document
from registry.io.parsed import ParsedEntry, ParsedForm
from registry.io.reader import read_upload
from registry.services import EXEMPLAR_FIELDS
from registry.services.form_import import apply_import, preview_import
from tests.registry_io.helpers import (
    ENTRIES,
    filled_registration,
    individuals_sheet,
    unit_with_officer,
)

pytestmark = pytest.mark.django_db
COMPARED = [f for f in EXEMPLAR_FIELDS if f not in {"linked_unit", "gender", "birth_year",
                                                       "ethnicity"}]


def _state(registration) -> list[dict]:
    return [{f: getattr(e, f) for f in COMPARED}
            for e in registration.exemplars.order_by("kind", "position")]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_export_then_import_gives_the_same_entries(fmt):
    registration, officer = filled_registration()
    data = render_document(registration_document(registration), fmt)
    parsed = read_upload(f"bieu.{fmt}", data, registration.campaign.pack.pack)
    assert parsed.errors == []
    parsed_state = sorted(
        ({f: v for f, v in (e.data() | {"kind": e.section}).items() if f in COMPARED}
         for e in parsed.entries), key=lambda d: (d["kind"], d["position"]))
    empty = dict.fromkeys(COMPARED, "")
    assert [empty | p for p in parsed_state] == _state(registration)
    preview = preview_import(registration=registration, parsed=parsed)
    assert (preview.added, preview.changed, preview.removed) == ([], [], [])
    assert len(preview.unchanged) == len(ENTRIES)

    before, version = _state(registration), registration.version
    result = apply_import(registration=registration, parsed=parsed, acting_user=officer)
    assert (result.added, result.changed, result.removed) == (0, 0, 0)
    assert _state(registration) == before
    assert result.version == version  # nothing written but the audit event


def test_preview_lists_added_changed_removed_and_keeps_absent_sections():
    registration, _officer = filled_registration()
    parsed = read_upload("bieu.xlsx", individuals_sheet([
        [1, "NGUYỄN VĂN AN", "Phó Giám đốc\nSở Y tế", "c1) Xây dựng", "", "Ghi chú\nhai dòng"],
        [2, "Đặng Thị Hoà", "\n\nBản Nà Khum", "Y tế", "Tiết kiệm chi thường xuyên.", ""],
        [3, "Lò Thị Mới", "Y sĩ; Trạm Y tế xã", "Y tế", "Khám lưu động.", ""],
    ]), registration.campaign.pack.pack)
    assert parsed.errors == []
    preview = preview_import(registration=registration, parsed=parsed)
    assert [e.name for e in preview.added] == ["Lò Thị Mới"]
    assert [e.name for e in preview.removed] == ["Giàng A Pao"]
    changes = {c.exemplar.name: [(f.label, f.before, f.after) for f in c.changes]
               for c in preview.changed}
    assert changes == {
        "Nguyễn Văn An": [("Tên", "Nguyễn Văn An", "NGUYỄN VĂN AN"), ("Số thứ tự", "3", "1")],
        "Đặng Thị Hoà": [("Lĩnh vực", "đ) Tài chính, ngân hàng", "e) Chăm sóc sức khỏe Nhân dân"),
                         ("Số thứ tự", "1", "2")],
    }
    assert preview.kept_sections == ["collective", "household", "model"]


def test_apply_makes_the_sections_equal_to_the_file_in_one_audited_import():
    registration, officer = filled_registration()
    parsed = read_upload("bieu.xlsx", individuals_sheet([
        [1, "Lò Thị Mới", "Y sĩ; Trạm Y tế xã", "Y tế", "Khám lưu động.", ""],
        [2, "Đặng Thị Hoà", "\n\nBản Nà Khum", "k", "", ""],
    ]), registration.campaign.pack.pack)
    others = [e for e in _state(registration) if e["kind"] != "individual"]
    result = apply_import(registration=registration, parsed=parsed, acting_user=officer,
                          expected_version=registration.version, source_name="bieu.xlsx",
                          allow_delete=True)
    assert (result.added, result.changed, result.removed) == (1, 1, 2)
    individuals = registration.exemplars.filter(kind="individual").order_by("position")
    assert [(e.position, e.name, e.field_key, e.position_title, e.work_unit, e.solutions)
            for e in individuals] == [
        (1, "Lò Thị Mới", "e", "Y sĩ", "Trạm Y tế xã", "Khám lưu động."),
        (2, "Đặng Thị Hoà", "k", "", "", ""),
    ]
    assert [e for e in _state(registration) if e["kind"] != "individual"] == others
    imports = AuditEvent.objects.filter(action=Action.IMPORT, object_id=str(registration.pk))
    assert [(e.actor, e.reason, e.changes) for e in imports] == [
        (officer, "bieu.xlsx", {"added": [None, 1], "changed": [None, 1], "removed": [None, 2]})]
    registration.refresh_from_db()
    assert registration.version == result.version


def test_a_refusal_half_way_saves_nothing():
    registration, officer = filled_registration()
    before, version = _state(registration), registration.version
    good = ParsedEntry("individual", 1, "Lò Thị Mới", "e", {})
    bad = ParsedEntry("individual", 2, "Lò Văn Sai", "zz", {})  # not a field of the pack
    parsed = ParsedForm(entries=[good, bad], sections=["individual"])
    with pytest.raises(DomainError, match="Lò Văn Sai"):
        apply_import(registration=registration, parsed=parsed, acting_user=officer,
                     allow_delete=True)
    registration.refresh_from_db()
    assert _state(registration) == before and registration.version == version
    assert not AuditEvent.objects.filter(action=Action.IMPORT).exists()


def test_refuses_a_file_with_errors_a_stale_preview_and_an_outsider():
    registration, officer = filled_registration()
    parsed = read_upload("bieu.xlsx", individuals_sheet([[1, "Lò Văn A", "", "Thiên văn"]]),
                         registration.campaign.pack.pack)
    with pytest.raises(DomainError, match="Tệp còn lỗi"):
        apply_import(registration=registration, parsed=parsed, acting_user=officer)
    valid = read_upload("bieu.xlsx", individuals_sheet([[1, "Lò Văn A", "", "CCHC"]]),
                        registration.campaign.pack.pack)
    with pytest.raises(StaleVersion):
        apply_import(registration=registration, parsed=valid, acting_user=officer,
                     expected_version=registration.version - 1)
    _unit, outsider = unit_with_officer("Xã Khác")
    with pytest.raises(NotAllowed):
        apply_import(registration=registration, parsed=valid, acting_user=outsider)
    assert registration.exemplars.count() == len(ENTRIES)
