"""Bad input gets a clear Vietnamese message, never an exception: wrong type, encrypted,
macro-enabled, oversized, zip bombs, XML entities, too many rows, random and corrupted bytes."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from registry.io.reader import read_upload
from tests.registry_io.corpus import docx_forms, xlsx_forms
from uploads.safety import OLE_MAGIC

DOCX = docx_forms.several_tables()
XLSX = xlsx_forms.sheet_per_section()


def _refusal(pack, name: str, data: bytes) -> str:
    parsed = read_upload(name, data, pack)
    assert parsed.unusable, parsed.errors
    assert parsed.entries == []
    ((error,),) = [parsed.errors]
    assert (error.section, error.row, error.column) == (None, None, None)
    return error.message


def _rezip(data: bytes, *, extra: dict[str, bytes] | None = None,
           replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename,
                                                                source.read(info.filename)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(("name", "needle"), [
    ("bieu.doc", "Lưu dưới dạng"), ("bieu.xls", ".xlsx"), ("bieu.pdf", "Chỉ nhận"),
    ("bieu.docm", "macro"), ("bieu.xlsm", "macro"), ("bieu", "Chỉ nhận"),
])
def test_refused_by_name(pack, name, needle):
    assert needle in _refusal(pack, name, DOCX)


def test_not_what_the_extension_says(pack):
    assert _refusal(pack, "bieu.docx", XLSX) == (
        "Tệp có đuôi Word (.docx) nhưng nội dung là tệp Excel (.xlsx). Hãy đổi lại đúng đuôi tệp "
        "hoặc tải lên đúng tệp.")
    assert "đây là tệp PDF" in _refusal(pack, "bieu.xlsx", b"%PDF-1.7\n...")
    assert "không phải là tệp Excel" in _refusal(pack, "bieu.xlsx", b"Stt;Ho va ten\n1;An\n")


def test_encrypted_office_file(pack):
    encrypted = OLE_MAGIC + bytes(500) + "EncryptionInfo".encode("utf-16-le") + bytes(100)
    assert "đặt mật khẩu" in _refusal(pack, "bieu.xlsx", encrypted)
    old_word = OLE_MAGIC + bytes(600)
    assert "đời cũ" in _refusal(pack, "bieu.docx", old_word)


def test_macro_inside_a_docx_named_file(pack):
    assert "macro" in _refusal(pack, "bieu.docx", _rezip(DOCX, extra={
        "word/vbaProject.bin": b"\x00" * 100}))
    with zipfile.ZipFile(io.BytesIO(XLSX)) as source:
        types = source.read("[Content_Types].xml").replace(
            b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
    assert "macro" in _refusal(pack, "bieu.xlsx", _rezip(XLSX, replace={
        "[Content_Types].xml": types}))


def test_oversized_file(pack):
    assert _refusal(pack, "bieu.xlsx", XLSX + bytes(10 * 1024 * 1024)).startswith(
        "Tệp quá lớn")


def test_zip_bomb_is_refused_from_the_directory(pack):
    bomb = _rezip(XLSX, extra={"xl/media/zeros.bin": bytes(120 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    assert "giải nén ra quá lớn" in _refusal(pack, "bieu.xlsx", bomb)


def test_zip_bomb_with_a_lying_directory_is_refused(pack):
    """The directory claims 1 KB; decompression stops there and the CRC check fails."""
    bomb = bytearray(_rezip(DOCX, extra={"word/media/zeros.bin": bytes(50 * 1024 * 1024)}))
    with zipfile.ZipFile(io.BytesIO(bytes(bomb))) as archive:
        info = archive.getinfo("word/media/zeros.bin")
    central = bomb.rfind(b"PK\x01\x02", 0, bomb.rfind(b"word/media/zeros.bin") + 1)
    bomb[central + 24:central + 28] = (1024).to_bytes(4, "little")  # uncompressed size
    local = info.header_offset
    bomb[local + 22:local + 26] = (1024).to_bytes(4, "little")
    message = _refusal(pack, "bieu.docx", bytes(bomb))
    assert "bị hỏng" in message or "giải nén" in message


def test_xml_entities_are_refused(pack):
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(XLSX)) as source:
        sheet = source.read(part)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>') + sheet.split(b"?>", 1)[-1]
    message = _refusal(pack, "bieu.xlsx", _rezip(XLSX, replace={part: laughs}))
    assert "không an toàn" in message
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY y "z">]><x/>'
    message = _refusal(pack, "bieu.xlsx", _rezip(XLSX, replace={
        part: utf16.encode("utf-16-le")}))
    assert "không an toàn" in message


def _xlsx(rows: int, *, far: str | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cá nhân")
    sheet.append(["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
                  "Điển hình thuộc lĩnh vực"])
    for n in range(1, rows + 1):
        sheet.append([n, f"Người thứ {n}", "Cán bộ", "CCHC"])
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    if far:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            xml = source.read("xl/worksheets/sheet1.xml")
        column, row = far
        cell = f'<row r="{row}"><c r="{column}{row}" t="inlineStr"><is><t>x</t></is></c></row>'
        xml = xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>")
        data = _rezip(data, replace={"xl/worksheets/sheet1.xml": xml})
    return data


def test_five_thousand_rows_are_accepted_one_more_is_not(pack):
    parsed = read_upload("bieu.xlsx", _xlsx(5000), pack)
    assert parsed.errors == [] and len(parsed.entries) == 5000
    message = _refusal(pack, "bieu.xlsx", _xlsx(5001))
    assert message == "Tệp có quá nhiều dòng (trên 5.000 dòng). Hãy chia thành nhiều tệp nhỏ hơn."


def test_data_far_down_or_far_right_is_refused_before_reading(pack):
    assert "quá nhiều dòng" in _refusal(pack, "bieu.xlsx", _xlsx(3, far=("A", 900000)))
    assert "XFD5" in _refusal(pack, "bieu.xlsx", _xlsx(3, far=("XFD", 5)))


# Word tables past the physical-row cap: tests/registry_io/test_limits.py


# --- property-based: nothing but a structured result, whatever the bytes -------------------

FAST = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _structured(parsed) -> None:
    assert isinstance(parsed.errors, list)
    if parsed.unusable:
        assert len(parsed.errors) == 1 and parsed.errors[0].message


@FAST
@given(data=st.binary(max_size=4096), name=st.sampled_from(["a.docx", "a.xlsx"]))
def test_random_bytes(pack, data, name):
    parsed = read_upload(name, data, pack)
    assert parsed.unusable
    _structured(parsed)


@FAST
@given(data=st.binary(max_size=512), name=st.sampled_from(["a.docx", "a.xlsx"]))
def test_random_bytes_behind_a_zip_signature(pack, data, name):
    _structured(read_upload(name, b"PK\x03\x04" + data, pack))


@FAST
@given(source=st.sampled_from(["docx", "xlsx"]), cut=st.floats(0, 1), flips=st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8))
def test_truncated_and_corrupted_files(pack, source, cut, flips):
    data = bytearray(DOCX if source == "docx" else XLSX)
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    data = bytes(data[: max(1, int(cut * len(data)))]) if cut < 0.98 else bytes(data)
    _structured(read_upload(f"a.{source}", data, pack))


@FAST
@given(part=st.sampled_from(["word/document.xml", "[Content_Types].xml", "word/styles.xml",
                             "_rels/.rels"]), junk=st.binary(max_size=200))
def test_parts_replaced_by_junk(pack, part, junk):
    _structured(read_upload("a.docx", _rezip(DOCX, replace={part: junk}), pack))
