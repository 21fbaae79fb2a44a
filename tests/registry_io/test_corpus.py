"""The importer over the corpus of filled forms, and the row errors it reports."""

import io

import pytest
from openpyxl import Workbook

from registry.io.headings import section_of_heading, split_person_details
from registry.io.reader import read_upload
from tests.registry_io.corpus import UNIT_LINES, docx_forms, expected, project, xlsx_forms

SHAPES = {**docx_forms.SHAPES, **xlsx_forms.SHAPES}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_shape_reads_the_same_entries(pack, name):
    build, kinds, changes = SHAPES[name]
    parsed = read_upload(name, build(), pack)
    assert parsed.errors == []
    assert project(parsed.as_json()) == expected(kinds, changes)
    assert sorted(parsed.sections) == sorted(kinds)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_names_are_nfc_with_single_spaces(pack, name):
    import unicodedata

    build, _kinds, _changes = SHAPES[name]
    for entry in read_upload(name, build(), pack).entries:
        assert entry.name == unicodedata.normalize("NFC", entry.name)
        assert "  " not in entry.name and "\u00a0" not in entry.name
        assert entry.name == entry.name.strip()


def test_unit_name_is_found_above_the_tables(pack):
    parsed = read_upload("f.docx", docx_forms.several_tables(), pack)
    assert list(UNIT_LINES) == parsed.unit_lines[:2]


@pytest.mark.parametrize(("text", "kind"), [
    ("I. TẬP THỂ", "collective"), ("II. CÁ NHÂN", "individual"), ("II- Cá nhân:", "individual"),
    ("III. HỘ GIA ĐÌNH", "household"), ("IV. MÔ HÌNH", "model"), ("IV. MÔ HÌNH TIÊU BIỂU", "model"),
    ("Cá nhân", "individual"), ("1. Tập thể", "collective"), ("I. Điển hình tập thể", "collective"),
    ("Mô hình trồng chè", None), ("1 Mô hình trồng chè", None), ("Sheet1", None),
    ("Nguyễn Văn An", None),
])
def test_section_headings(pack, text, kind):
    assert section_of_heading(text, pack) == kind


THREE = ("Phó Giám đốc", "Sở Nội vụ", "Phường Tân Phong")


@pytest.mark.parametrize(("raw", "parts"), [
    ("Phó Giám đốc\nSở Nội vụ\nPhường Tân Phong", THREE),
    ("Phó Giám đốc; Sở Nội vụ; Phường Tân Phong", THREE),
    ("Phó Giám đốc\u2028Sở Nội vụ\r\nPhường Tân Phong", THREE),
    ("Phó Giám đốc;\nSở Nội vụ;\n", ("Phó Giám đốc", "Sở Nội vụ", "")),
    ("\n\nBản Nà Khum", ("", "", "Bản Nà Khum")),
    ("Giáo viên", ("Giáo viên", "", "")),
    ("A; B; C; D", ("A", "B", "C; D")),
    ("", ("", "", "")),
])
def test_individual_details_split(raw, parts):
    assert split_person_details(raw) == parts


def _sheet(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cá nhân"
    sheet.append(["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
                  "Điển hình thuộc lĩnh vực", "Giải pháp", "Ghi chú"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _errors(pack, rows):
    parsed = read_upload("f.xlsx", _sheet(rows), pack)
    return [(e.section, e.row, e.column, e.message) for e in parsed.errors], parsed


def test_field_not_recognised_is_a_row_error_naming_the_column(pack):
    errors, parsed = _errors(pack, [[1, "Lò Văn A", "Cán bộ", "Thiên văn học"]])
    assert errors == [("individual", 1, "Điển hình thuộc lĩnh vực",
                       "Không nhận ra lĩnh vực “Thiên văn học”. Hãy ghi ký hiệu một lĩnh vực "
                       "trong danh mục của Hướng dẫn (ở cuối mẫu biểu), ví dụ “n” hoặc "
                       "“n) Sản xuất - kinh doanh”.")]
    assert parsed.entries[0].field is None
    assert parsed.as_json()["ok"] is False


def test_ambiguous_field_asks_the_user_to_choose(pack):
    errors, _parsed = _errors(pack, [[1, "Lò Văn A", "Cán bộ", "Nông nghiệp"]])
    ((_section, _row, column, message),) = errors
    assert column == "Điển hình thuộc lĩnh vực"
    assert "“d1) Sản xuất nông nghiệp”" in message and "“d2) Xây dựng nông thôn mới”" in message
    # A Word file has nothing to choose from: the message says exactly what to write.
    assert "Hãy chọn" not in message
    assert message.endswith("Hãy ghi đúng một ký hiệu: “d1” hoặc “d2”.")


@pytest.mark.parametrize(("text", "key"), [
    ("k) Cải cách hành chính", "k"), ("đ) Tài chính, ngân hàng", "đ"), ("K. CCHC", "k"),
    ("c1)", "c1"), ("Y tế", "e"), ("Chăm sóc sức khoẻ nhân dân", "e"), ("CCHC", "k"),
])
def test_field_texts_units_type(pack, text, key):
    parsed = read_upload("f.xlsx", _sheet([[1, "Lò Văn A", "Cán bộ", text]]), pack)
    assert parsed.errors == []
    assert parsed.entries[0].field == key


def test_missing_name_and_duplicate_name(pack):
    errors, _parsed = _errors(pack, [
        [1, "Lò Văn A", "", "CCHC"],
        [2, "", "Cán bộ", "CCHC"],
        [3, "LÒ VĂN A", "", "Y tế"],
    ])
    assert errors == [
        ("individual", 2, "Họ và tên", "Chưa ghi tên."),
        ("individual", 3, "Họ và tên", "Trùng tên với dòng 1 của cùng mục."),
    ]


def test_missing_field_column_is_reported_once(pack):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú", "Ghi chú"])
    sheet.append([1, "Lò Văn A", "Cán bộ", ""])
    sheet.append([2, "Lò Văn B", "Cán bộ", ""])
    out = io.BytesIO()
    workbook.save(out)
    parsed = read_upload("f.xlsx", out.getvalue(), pack)
    missing = [e for e in parsed.errors if e.row is None]
    assert [(e.section, e.column, e.message) for e in missing] == [
        ("individual", "Điển hình thuộc lĩnh vực", "Thiếu cột “Điển hình thuộc lĩnh vực”.")]


def test_table_without_section_or_header_is_reported(pack):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Stt", "Tên", "Điển hình thuộc lĩnh vực"])
    sheet.append([1, "Ai đó", "CCHC"])
    out = io.BytesIO()
    workbook.save(out)
    parsed = read_upload("f.xlsx", out.getvalue(), pack)
    assert not parsed.unusable
    assert [(e.section, e.row) for e in parsed.errors] == [(None, None)]
    assert "không xác định được bảng thuộc mục nào" in parsed.errors[0].message


def test_blank_template_has_nothing_to_import(pack):
    from types import SimpleNamespace

    from registry.io.document import blank_document
    from registry.io.export_docx import render_docx
    from registry.io.export_xlsx import render_xlsx

    doc = blank_document(SimpleNamespace(name="Sở Y tế", parent=None), pack)
    for name, data in (("m.docx", render_docx(doc)), ("m.xlsx", render_xlsx(doc))):
        parsed = read_upload(name, data, pack)
        assert parsed.unusable
        assert parsed.errors[0].message == "Biểu đăng ký trong tệp chưa có dòng nào được điền."


def test_a_file_without_the_form_is_unusable(pack):
    from docx import Document

    document = Document()
    document.add_paragraph("Kính gửi Sở Nội vụ")
    out = io.BytesIO()
    document.save(out)
    parsed = read_upload("thu.docx", out.getvalue(), pack)
    assert parsed.unusable
    assert "Không tìm thấy bảng của Biểu đăng ký" in parsed.errors[0].message
