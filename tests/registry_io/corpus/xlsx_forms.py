"""Excel shapes of a filled Biểu đăng ký, as units type them."""

import io
import unicodedata

from openpyxl import Workbook

from tests.registry_io.corpus import ALL_KINDS, UNIT_LINES, entries_of
from tests.registry_io.corpus.docx_forms import HEADERS, HEADINGS, row_values


def _save(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _top(sheet) -> None:
    sheet.append([UNIT_LINES[0], None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([UNIT_LINES[1], None, None, "Độc lập - Tự do - Hạnh phúc"])
    sheet.append(["BIỂU ĐĂNG KÝ"])
    sheet.merge_cells("A3:F3")


def _numbered(values: list[str], number) -> list:
    return [number, *values[1:]]


def sheet_per_section(kinds=ALL_KINDS) -> bytes:
    """A sheet per section named after it ("Tập thể", "Cá nhân"…), Stt typed as numbers,
    line breaks (Alt+Enter) in the individual's cell, a hidden sheet of junk."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for kind in kinds:
        sheet = workbook.create_sheet(HEADINGS[kind].split(". ", 1)[1].capitalize())
        _top(sheet)
        sheet.append(HEADERS[kind])
        for i, entry in enumerate(entries_of(kind), 1):
            sheet.append(_numbered(row_values(kind, entry, ""), i))
    hidden = workbook.create_sheet("Nháp")
    hidden.append(["Stt", "Họ và tên", "Điển hình thuộc lĩnh vực"])
    hidden.append([1, "Người nháp", "Không có lĩnh vực này"])
    hidden.sheet_state = "hidden"
    return _save(workbook)


def one_sheet(kinds=ALL_KINDS) -> bytes:
    """Everything on one sheet: the collective header, merged heading rows, the individuals'
    header repeated under their heading and kept for households and models (their address in
    the individual's combined column), a numbering row, Stt "01" and "1.", blank numbered rows
    left in, a footer."""
    workbook = Workbook()
    sheet = workbook.active
    _top(sheet)
    sheet.append(HEADERS["collective"])
    sheet.append([f"({i})" for i in range(1, 8)])
    for kind in kinds:
        sheet.append([HEADINGS[kind]])
        sheet.merge_cells(f"A{sheet.max_row}:G{sheet.max_row}")
        if kind == "individual":
            sheet.append(HEADERS["individual"])
        for i, entry in enumerate(entries_of(kind), 1):
            number = f"0{i}" if i % 2 else f"{i}."
            sheet.append(row_values(kind, entry, number))
        sheet.append([len(entries_of(kind)) + 1])
    sheet.append([])
    sheet.append(["Nơi nhận:", None, None, None, "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"])
    sheet.append(["- Lưu: VT.", None, None, None, "(Ký, ghi rõ họ và tên, đóng dấu)"])
    return _save(workbook)


def _messy(text: str) -> str:
    spaced = text.replace(" ", "  ", 1).replace(", ", ",\u00a0")
    return unicodedata.normalize("NFD", f" {spaced}\u00a0") if text else text


def merged_and_messy() -> bytes:
    """Collectives only: NFD text with NBSP and doubled spaces, both rows' field cells merged
    vertically (so both read "Cải cách hành chính", see ``SHAPES``), heading merged across."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Biểu"
    _top(sheet)
    sheet.append(["I. TẬP THỂ"])
    sheet.merge_cells(f"A{sheet.max_row}:G{sheet.max_row}")
    sheet.append([_messy(h) for h in HEADERS["collective"]])
    first = sheet.max_row + 1
    for i, entry in enumerate(entries_of("collective"), 1):
        sheet.append([_messy(v) if isinstance(v, str) else v
                      for v in _numbered(row_values("collective", entry, ""), i)])
    sheet.cell(row=first + 1, column=5).value = None
    sheet.merge_cells(f"E{first}:E{first + 1}")
    return _save(workbook)


# file name → (builder, sections it holds, changes to the expected entries by name)
SHAPES = {
    "sheet_per_section.xlsx": (sheet_per_section, ALL_KINDS, {}),
    "one_sheet.xlsx": (one_sheet, ALL_KINDS, {}),
    "merged_and_messy.xlsx": (merged_and_messy, ("collective",),
                              {"Trạm Y tế xã Bình Lư": {"field": "k"}}),
}
