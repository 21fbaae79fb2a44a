"""The XLSX import of earlier history: preview resolves each row, errors in Vietnamese, all or
nothing, bad files refused with a message and nothing changed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import importing
from awards.models import AwardRecord, AwardSubject, RecordSource
from core.errors import DomainError, NotAllowed
from tests.awards.access import history_sheet
from tests.awards.helpers import load, subject_of_a
from tests.db_state import snapshot
from tests.world import world  # noqa: F401  (fixture)

GOOD = ["Cá nhân", "Đặng Thị Mai", "", "Sở Y tế Thử", "Bằng khen của Chủ tịch UBND tỉnh", 2023,
        "88/QĐ-UBND", "15/12/2023", "Chủ tịch UBND tỉnh", "", ""]
NEW = ["Tập thể", "Trạm Y tế Thử", "", "Sở Y tế Thử", "tap-the-ld-tien-tien", 2022,
       "12/QĐ-SYT", "20/12/2022", "Giám đốc Sở Y tế", "", "Hoàn thành xuất sắc nhiệm vụ"]


@pytest.mark.django_db
def test_preview_resolves_existing_and_new_subjects(world):  # noqa: F811
    load(world)
    existing = subject_of_a(world)
    rows = importing.preview_history_import(filename="h.xlsx", data=history_sheet([GOOD, NEW]),
                                            acting_user=world.users["standing"])
    assert [r.errors for r in rows] == [[], []]
    assert rows[0].subject == existing and rows[0].form.code == "bang-khen-ubnd-tinh"
    assert rows[1].is_new_subject and rows[1].title.code == "tap-the-ld-tien-tien"
    count = importing.apply_history_import(filename="h.xlsx", data=history_sheet([GOOD, NEW]),
                                           acting_user=world.users["standing"])
    assert count == 2
    assert AwardRecord.objects.filter(subject=existing, source=RecordSource.IMPORTED,
                                      decision_number="88/QĐ-UBND").count() == 1
    new = AwardSubject.objects.get(name="Trạm Y tế Thử")
    assert new.kind == "collective" and new.unit == world.unit_a
    assert new.records.get().achievement == "Hoàn thành xuất sắc nhiệm vụ"
    # the same file again: every row is now a duplicate, nothing imported
    rows = importing.preview_history_import(filename="h.xlsx", data=history_sheet([GOOD, NEW]),
                                            acting_user=world.users["standing"])
    assert all("đã có khen thưởng này" in " ".join(r.errors) for r in rows)


@pytest.mark.django_db
def test_row_errors_are_vietnamese_and_nothing_is_imported(world):  # noqa: F811
    load(world)
    bad = [
        ["Cán bộ", "Lò Văn A", "", "Sở Y tế Thử", "Giấy khen", 2023, "1/QĐ", "01/02/2023", "X",
         "", ""],
        ["Cá nhân", "Lò Văn B", "", "Không Có Đơn Vị", "Huy hiệu", "hai", "2/QĐ", "31/02/2023",
         "X", "", ""],
        ["Hộ gia đình", "Hộ Lò Văn C", "", "Sở Y tế Thử", "Chiến sĩ thi đua tỉnh", 2023, "",
         "01/03/2023", "X", "", ""],
        GOOD, GOOD,
    ]
    rows = importing.preview_history_import(filename="h.xlsx", data=history_sheet(bad),
                                            acting_user=world.users["standing"])
    text = [" ".join(r.errors) for r in rows]
    assert "Loại đối tượng “Cán bộ” không hợp lệ" in text[0]
    assert "Không tìm thấy đơn vị “Không Có Đơn Vị”" in text[1]
    assert "“Huy hiệu” không có trong danh mục" in text[1]
    assert "Năm “hai” không hợp lệ" in text[1] and "Ngày quyết định “31/02/2023”" in text[1]
    assert "Thiếu “Số quyết định”" in text[2] and "không áp dụng cho đối tượng này" in text[2]
    assert text[3] == "" and "trùng với một dòng trước" in text[4]
    before = snapshot()
    with pytest.raises(DomainError, match="dòng lỗi"):
        importing.apply_history_import(filename="h.xlsx", data=history_sheet(bad),
                                       acting_user=world.users["standing"])
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name, data, message", [
    ("h.xlsx", b"PK\x03\x04 not really a workbook", ""),
    ("h.docx", b"plain text", ""),
    ("h.pdf", b"%PDF-1.4 x", "Excel"),
])
def test_bad_files_are_refused_with_a_message(world, name, data, message):  # noqa: F811
    load(world)
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        importing.preview_history_import(filename=name, data=data,
                                         acting_user=world.users["standing"])
    assert refused.value.message and message in refused.value.message
    assert snapshot() == before


@pytest.mark.django_db
def test_a_sheet_without_the_header_or_rows(world):  # noqa: F811
    from uploads.tables import xlsx_bytes

    load(world)
    with pytest.raises(DomainError, match="hàng tiêu đề"):
        importing.preview_history_import(filename="h.xlsx",
                                         data=xlsx_bytes("x", ["Tên", "Năm"], [["A", 1]]),
                                         acting_user=world.users["standing"])
    with pytest.raises(DomainError, match="không có dòng"):
        importing.preview_history_import(filename="h.xlsx", data=history_sheet([]),
                                         acting_user=world.users["standing"])


@pytest.mark.django_db
def test_units_may_not_import(world):  # noqa: F811
    load(world)
    with pytest.raises(NotAllowed):
        importing.preview_history_import(filename="h.xlsx", data=history_sheet(),
                                         acting_user=world.users["officer_a"])


@pytest.mark.django_db
def test_upload_preview_confirm_on_the_web(client, world):  # noqa: F811
    load(world)
    client.force_login(world.users["standing"])
    url = reverse("awards:history_import")
    page = client.post(url, {"file": SimpleUploadedFile("h.xlsx", history_sheet([GOOD, NEW]))})
    text = page.content.decode()
    assert page.status_code == 200 and "Tạo mới" in text and "88/QĐ-UBND" in text
    token = page.context["token"]
    assert token and not AwardRecord.objects.exists()
    done = client.post(url, {"apply": "1", "token": token})
    assert done.status_code == 302 and AwardRecord.objects.count() == 2
    again = client.post(url, {"apply": "1", "token": token}, follow=True)
    assert "hết hạn" in again.content.decode() and AwardRecord.objects.count() == 2
    bad = client.post(url, {"file": SimpleUploadedFile("h.xlsx", b"xx")})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()


@pytest.mark.django_db
def test_the_blank_template_reads_back_as_the_import_expects(client, world):  # noqa: F811
    load(world)
    client.force_login(world.users["standing"])
    response = client.get(reverse("awards:import_template"))
    assert response.status_code == 200
    rows = importing.preview_history_import(filename="mau.xlsx", data=response.content,
                                            acting_user=world.users["standing"])
    assert len(rows) == 1 and rows[0].cells["name"] == "Lò Thị Hoa"
