"""The one writer of every spreadsheet and table the system hands out: XLSX, CSV and the Word
table of the standing office's lists (the dashboard, the compiled list, the campaign
evaluation, test files of ratings), and the cell writer the Biểu đăng ký's own workbook uses.

**User text stays text.** A value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be read as a formula by a spreadsheet. In XLSX it is stored as a string cell
(``data_type = "s"``) with the quote prefix, so Excel shows it as typed and keeps it text even
after the cell is edited; in CSV it gets a leading ``'``. Numbers and dates stay typed.
Everything that writes a cell goes through ``put`` (``tests/uploads/test_tables.py`` checks no
other module sets a cell value).

openpyxl and python-docx are imported inside the functions: the web process stays light.
"""

import csv
import datetime
import io
from collections.abc import Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"


def plain(value: object) -> object:
    """Numbers and dates stay typed; everything else (lazy translations too) becomes text."""
    if value is None:
        return ""
    if isinstance(value, (int, float, datetime.date)):
        return value
    return str(value)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def put(cell, value: object) -> None:
    """Write ``value`` into an openpyxl cell: text is always a string cell, never a formula."""
    value = plain(value)
    if not isinstance(value, str):
        cell.value = value
        return
    cell.value = value or None
    if value:
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        if looks_like_formula(value):
            cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell


def csv_text(value: object) -> str:
    value = plain(value)
    if isinstance(value, str):
        return f"'{value}" if looks_like_formula(value) else value
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """RFC 4180 CSV (comma, CRLF, quoted where needed), UTF-8 with a BOM so that Excel reads
    Vietnamese; text that looks like a formula is prefixed with ``'``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(h) for h in headers])
    for row in rows:
        writer.writerow([csv_text(value) for value in row])
    return (CSV_BOM + out.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """One sheet: the title in A1, the bold header row, the rows."""
    return workbook_bytes([(title, headers, rows)])


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]]]]
                   ) -> bytes:
    """A workbook of ``(title, headers, rows)`` sheets in order, each laid out as ``xlsx_bytes``
    lays out its one sheet; sheet names are the titles cut to 31 characters (Excel's limit),
    without the characters Excel refuses, made unique."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, headers, rows in sheets:
        _fill_sheet(workbook.create_sheet(_sheet_name(str(title), used)), title, headers, rows)
    if not sheets:
        workbook.create_sheet("Sheet")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()[:31] or "Sheet"
    name, number = base, 1
    while name.lower() in used:
        number += 1
        name = f"{base[:31 - len(str(number)) - 1]} {number}"
    used.add(name.lower())
    return name


def _fill_sheet(sheet, title, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    put(sheet.cell(row=1, column=1), title)
    sheet["A1"].font = Font(bold=True, size=13)
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(row=2, column=index)
        put(cell, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F6")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, row in enumerate(rows, start=3):
        for index, value in enumerate(row, start=1):
            put(sheet.cell(row=number, column=index), value)
    for index, header in enumerate(headers, start=1):
        longest = max([len(str(header))] + [len(str(r[index - 1] or "")) for r in rows[:500]])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(8, longest + 2), 60)
    sheet.freeze_panes = "A3"


def docx_bytes(title: str, subtitle: str, headers: Sequence[str],
               rows: Sequence[Sequence[object]]) -> bytes:
    """A landscape Word table. Word evaluates nothing in plain text, so text is written as is."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(str(title).upper())
    run.bold = True
    run.font.size = Pt(14)
    if subtitle:
        line = document.add_paragraph(str(subtitle))
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.runs[0].italic = True
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(header)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
