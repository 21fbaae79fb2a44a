"""Word shapes of a filled Biểu đăng ký, as units type them."""

import io
import unicodedata

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.registry_io.corpus import ALL_KINDS, UNIT_LINES, details, entries_of

HEADERS = {
    "collective": ["Stt", "Đơn vị", "Địa chỉ", "Người đứng đầu; phụ trách đơn vị",
                   "Điển hình thuộc lĩnh vực",
                   "Các giải pháp thực hiện xây dựng, nhân rộng điển hình (nêu khái quát)",
                   "Ghi chú"],
    "individual": ["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
                   "Điển hình thuộc lĩnh vực",
                   "Các giải pháp của cá nhân đăng ký thực hiện (nêu khái quát)", "Ghi chú"],
    "household": ["Stt", "Chủ hộ", "Địa chỉ", "Điển hình thuộc lĩnh vực",
                  "Các giải pháp thực hiện (nêu khái quát)", "Ghi chú"],
    "model": ["TT", "Tên mô hình", "Nơi thực hiện", "Mô hình thuộc lĩnh vực",
              "Giải pháp nhân rộng", "Ghi chú"],
}
HEADINGS = {"collective": "I. TẬP THỂ", "individual": "II. CÁ NHÂN",
            "household": "III. HỘ GIA ĐÌNH", "model": "IV. MÔ HÌNH"}


def row_values(kind: str, entry: dict, number: str, details_separator: str = "\n") -> list[str]:
    if kind == "collective":
        return [number, entry["name"], entry["address"], entry["head_name"],
                entry["field_text"], entry["solutions"], entry["notes"]]
    if kind == "individual":
        return [number, entry["name"], details(entry, details_separator), entry["field_text"],
                entry["solutions"], entry["notes"]]
    return [number, entry["name"], entry["address"], entry["field_text"], entry["solutions"],
            entry["notes"]]


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def set_cell(cell, text: str, *, breaks: bool = True) -> None:
    """Lines as soft line breaks (Shift+Enter) when ``breaks``, else as paragraphs."""
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i and not breaks:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        if breaks and i < len(lines) - 1:
            run.add_break()


def header_table(document) -> None:
    table = document.add_table(rows=1, cols=2)
    set_cell(table.cell(0, 0), "\n".join(UNIT_LINES))
    set_cell(table.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
             breaks=False)
    document.add_paragraph("Lai Châu, ngày 05 tháng 11 năm 2026")
    document.add_paragraph("BIỂU ĐĂNG KÝ")


def footer_table(document) -> None:
    table = document.add_table(rows=1, cols=2)
    set_cell(table.cell(0, 0), "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.", breaks=False)
    set_cell(table.cell(0, 1), "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ\n(Ký, ghi rõ họ và tên, đóng dấu)")


def add_rows(table, rows: list[list[str]], *, breaks: bool = True) -> None:
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            set_cell(cell, value, breaks=breaks)


def merged_row(table, text: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    set_cell(merged, text)


def several_tables(kinds=ALL_KINDS) -> bytes:
    """Heading paragraphs, one table per section, a numbering row, numbering "1." and "01",
    blank numbered rows left in, soft line breaks in the individual's cell, footer table."""
    document = Document()
    header_table(document)
    for kind in kinds:
        document.add_paragraph(HEADINGS[kind])
        table = document.add_table(rows=1, cols=len(HEADERS[kind]))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, HEADERS[kind], strict=True):
            set_cell(cell, text)
        add_rows(table, [[f"({i})" for i in range(1, len(HEADERS[kind]) + 1)]])
        numbers = ["1.", "02", "3"]
        add_rows(table, [row_values(kind, e, numbers[i]) for i, e in enumerate(entries_of(kind))])
        add_rows(table, [[str(n)] + [""] * (len(HEADERS[kind]) - 1) for n in (4, 5)])
    footer_table(document)
    return _save(document)


def one_table(kinds=("collective", "household", "individual")) -> bytes:
    """One table: the collective header, then heading rows merged across the table;
    households under the collective's columns (no head), the individuals under a repeated
    (individual) header; IV absent; each paragraph of a cell a new line."""
    document = Document()
    header_table(document)
    table = document.add_table(rows=1, cols=7)
    for cell, text in zip(table.rows[0].cells, HEADERS["collective"], strict=True):
        set_cell(cell, text)
    for kind in kinds:
        merged_row(table, HEADINGS[kind])
        if kind == "individual":
            add_rows(table, [[*HEADERS["individual"], ""]])
            rows = [[*row_values(kind, e, str(i)), ""] for i, e in enumerate(entries_of(kind), 1)]
        elif kind == "collective":
            rows = [row_values(kind, e, str(i)) for i, e in enumerate(entries_of(kind), 1)]
        else:
            rows = [[str(i), e["name"], e["address"], "", e["field_text"], e["solutions"],
                     e["notes"]] for i, e in enumerate(entries_of(kind), 1)]
        add_rows(table, rows, breaks=False)
        add_rows(table, [[""] * 7])
    footer_table(document)
    return _save(document)


def merged_cells() -> bytes:
    """Individuals only: a heading row merged across the table, the header repeated mid-table,
    the field cell merged vertically over the last two rows (so both read "Giáo dục - Đào tạo",
    see ``SHAPES``)."""
    document = Document()
    header_table(document)
    individuals = entries_of("individual")
    table = document.add_table(rows=1, cols=6)
    for cell, text in zip(table.rows[0].cells, HEADERS["individual"], strict=True):
        set_cell(cell, text)
    merged_row(table, "II. CÁ NHÂN")
    shared = dict(individuals[1], field_text=individuals[2]["field_text"])
    first, second = (row_values("individual", e, str(i))
                     for i, e in ((1, individuals[0]), (2, shared)))
    add_rows(table, [first])
    add_rows(table, [HEADERS["individual"]])
    add_rows(table, [second, row_values("individual", individuals[2], "3")])
    top, below = table.rows[-2].cells[3], table.rows[-1].cells[3]
    for paragraph in below.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    below._tc.append(OxmlElement("w:p"))
    top.merge(below)
    return _save(document)


def _messy(text: str) -> str:
    """NFD, a non-breaking space for every second space, stray spaces around."""
    spaced = "".join("\u00a0" if ch == " " and i % 2 else ch for i, ch in enumerate(text))
    return unicodedata.normalize("NFD", f"  {spaced} ") if text else text


def messy_text() -> bytes:
    """Sections I and II with NFD text, NBSP and stray spaces, "01" numbering, the
    individual's parts separated by ";", a tracked insertion and a tracked deletion."""
    document = Document()
    header_table(document)
    for kind in ("collective", "individual"):
        document.add_paragraph(_messy(HEADINGS[kind].title()))
        table = document.add_table(rows=1, cols=len(HEADERS[kind]))
        for cell, text in zip(table.rows[0].cells, HEADERS[kind], strict=True):
            set_cell(cell, _messy(text))
        rows = [[_messy(v) for v in row_values(kind, e, f"0{i}", "; ")]
                for i, e in enumerate(entries_of(kind), 1)]
        add_rows(table, rows)
    _track_changes(document.tables[-1].rows[1].cells[1])
    return _save(document)


def _track_changes(cell) -> None:
    """Wrap the name's run in <w:ins> and add a deleted word in <w:del>."""
    paragraph = cell.paragraphs[0]._p
    run = paragraph.findall(qn("w:r"))[0]
    inserted = OxmlElement("w:ins")
    inserted.set(qn("w:id"), "1")
    inserted.set(qn("w:author"), "Cán bộ")
    paragraph.replace(run, inserted)
    inserted.append(run)
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "2")
    deleted.set(qn("w:author"), "Cán bộ")
    gone = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = " (đã xóa)"
    gone.append(text)
    deleted.append(gone)
    paragraph.append(deleted)


def without_headings() -> bytes:
    """Four tables and no section headings: each section known from its header row."""
    document = Document()
    header_table(document)
    for kind in ALL_KINDS:
        table = document.add_table(rows=1, cols=len(HEADERS[kind]))
        for cell, text in zip(table.rows[0].cells, HEADERS[kind], strict=True):
            set_cell(cell, text)
        add_rows(table, [row_values(kind, e, str(i)) for i, e in enumerate(entries_of(kind), 1)])
        document.add_paragraph("")
    return _save(document)


# file name → (builder, sections it holds, changes to the expected entries by name)
SHAPES = {
    "several_tables.docx": (several_tables, ALL_KINDS, {}),
    "one_table.docx": (one_table, ("collective", "household", "individual"), {}),
    "merged_cells.docx": (merged_cells, ("individual",), {"Giàng A Pao": {"field": "f"}}),
    "messy_text.docx": (messy_text, ("collective", "individual"), {}),
    "without_headings.docx": (without_headings, ALL_KINDS, {}),
}
