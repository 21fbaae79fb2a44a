"""The Excel Biểu đăng ký reads and prints like the Word one: header, lead, footer, rows tall
enough for their wrapped text, A4 landscape fit to the page's width with the header row repeated.

Replay: the workbook had no lead paragraph and no footer (Nơi nhận, signer), and its rows
overlapped when printed.
"""

import io

import pytest

from registry import services
from registry.io.document import registration_document
from registry.io.export import render_document
from registry.io.reader import read_upload
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
LONG = ("Tổ chức tập huấn cho cán bộ, công chức về kỹ năng tiếp nhận hồ sơ trực tuyến; rà soát, "
        "rút gọn thành phần hồ sơ của các thủ tục hành chính; công khai kết quả giải quyết hàng "
        "tháng tại trụ sở và trên cổng thông tin điện tử của đơn vị")


@pytest.fixture
def workbook(world):  # noqa: F811
    from openpyxl import load_workbook

    services.add_exemplar(registration=world.registration_a, acting_user=world.users["officer_a"],
                          data={"kind": "individual", "name": "Lò Thị Hoa", "field_key": "k",
                                "solutions": LONG})
    world.registration_a.refresh_from_db()
    data = render_document(registration_document(world.registration_a), "xlsx")
    return data, load_workbook(io.BytesIO(data)), world


def _texts(sheet) -> list[str]:
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value]


def test_every_sheet_has_the_header_lead_and_footer(workbook):
    _data, book, w = workbook
    sheet = book["II. Cá nhân"]
    texts = _texts(sheet)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert any(t.startswith("Thực hiện Hướng dẫn số") and w.unit_a.name in t for t in texts)
    assert "Nơi nhận:" in texts
    assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in texts
    assert "(Ký, ghi rõ họ và tên, đóng dấu)" in texts
    # The footer comes after the last entry.
    rows = {str(c.value): c.row for row in sheet.iter_rows() for c in row if c.value}
    assert rows["Nơi nhận:"] > rows["Lò Thị Hoa"]


def test_rows_are_tall_enough_for_their_wrapped_text(workbook):
    _data, book, _world = workbook
    sheet = book["II. Cá nhân"]
    row = next(c.row for r in sheet.iter_rows() for c in r if c.value == "Lò Thị Hoa")
    width = next(sheet.column_dimensions[c.column_letter].width
                 for r in sheet.iter_rows() for c in r if c.value == LONG)
    lines = len(LONG) / width  # characters a line at most (Excel's width unit is one character)
    assert sheet.row_dimensions[row].height >= lines * 15
    lead_row = next(c.row for r in sheet.iter_rows() for c in r
                    if str(c.value or "").startswith("Thực hiện"))
    assert sheet.row_dimensions[lead_row].height >= 2 * 15
    assert all(c.alignment.wrap_text for c in sheet[row] if c.value)


def test_prints_on_a4_landscape_fit_to_width_with_the_header_repeated(workbook):
    _data, book, _world = workbook
    for sheet in book.worksheets[:-1]:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        header = next(c.row for r in sheet.iter_rows() for c in r if c.value == "Stt")
        assert sheet.print_title_rows == f"${header}:${header}"


def test_the_importer_still_reads_its_own_workbook(workbook):
    data, _book, w = workbook
    parsed = read_upload("bieu.xlsx", data, w.campaign.pack.pack)
    assert parsed.errors == []
    assert "Lò Thị Hoa" in [e.name for e in parsed.entries]
    assert next(e for e in parsed.entries if e.name == "Lò Thị Hoa").values["solutions"] == LONG
