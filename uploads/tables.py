"""The one writer of every spreadsheet and table the system hands out: XLSX, CSV and the Word
table of the standing office's lists (the dashboard, the compiled list, the campaign
evaluation, test files of ratings), and the cell writer the Biểu đăng ký's own workbook uses.

**User text stays text.** A value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be read as a formula by a spreadsheet. In XLSX it is stored as a string cell
(``data_type = "s"``) with the quote prefix, so Excel shows it as typed and keeps it text even
after the cell is edited; in CSV it gets a leading ``'``. Numbers and dates stay typed.
Everything that writes a cell goes through ``put`` (``tests/uploads/test_tables.py`` checks no
other module sets a cell value).

**Constant memory.** Workbooks are written with openpyxl's write-only mode (``write_workbook``,
``write_xlsx``): rows may be a generator over a database cursor and go to the file as they
come; CSV comes out in chunks (``csv_chunks``). ``xlsx_bytes``/``workbook_bytes``/``csv_bytes``
are the same writers into memory, for small files.

openpyxl and python-docx are imported inside the functions: the web process stays light.
"""

import csv
import datetime
import io
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import BinaryIO

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


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """RFC 4180 CSV (comma, CRLF, quoted where needed), UTF-8 with a BOM so that Excel reads
    Vietnamese; text that looks like a formula is prefixed with ``'``."""
    return b"".join(csv_chunks(headers, rows))


def csv_chunks(headers: Sequence[str], rows: Iterable[Sequence[object]],
               rows_per_chunk: int = 500) -> Iterator[bytes]:
    """``csv_bytes`` as a stream of encoded chunks (the BOM first), ``rows_per_chunk`` rows
    each: what a streaming response or a file write consumes in constant memory."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(h) for h in headers])
    yield (CSV_BOM + out.getvalue()).encode("utf-8")
    for batch in itertools.batched(rows, rows_per_chunk):
        out.seek(0)
        out.truncate()
        for row in batch:
            writer.writerow([csv_text(value) for value in row])
        yield out.getvalue().encode("utf-8")


def json_chunks(head: dict, key: str, items: Iterable[dict], items_per_chunk: int = 200
                ) -> Iterator[bytes]:
    """``{**head, key: [items…]}`` as UTF-8 JSON in chunks (the list last), items encoded as
    they come: a streaming response of any length in constant memory. Vietnamese stays
    readable (``ensure_ascii=False``); the same document ``json.dumps`` would give, one item
    per line."""
    import json

    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield (opening + (", " if head else "") + json.dumps(key) + ": [").encode("utf-8")
    first = True
    for batch in itertools.batched(items, items_per_chunk):
        parts = [json.dumps(item, ensure_ascii=False) for item in batch]
        yield (("\n" if first else ",\n") + ",\n".join(parts)).encode("utf-8")
        first = False
    yield b"]}"


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """One sheet: the title in A1, the bold header row, the rows."""
    return workbook_bytes([(title, headers, rows)])


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[object]]]]
                   ) -> bytes:
    """A workbook of ``(title, headers, rows)`` sheets in order, in memory (for small files;
    large ones go through ``write_workbook`` into a file)."""
    buffer = io.BytesIO()
    write_workbook(buffer, sheets)
    return buffer.getvalue()


def write_xlsx(target: BinaryIO | str, title: str, headers: Sequence[str],
               rows: Iterable[Sequence[object]], *, on_row: Callable[[int], None] | None = None
               ) -> int:
    """One sheet written to ``target`` (a path or a binary file) in constant memory; returns
    the number of rows written. ``on_row(n)`` is called every ``PROGRESS_EVERY`` rows (the
    background exports' progress bar)."""
    return write_workbook(target, [(title, headers, rows)], on_row=on_row)[0]


PROGRESS_EVERY = 1000
# Column widths come from the header and the first rows; the rest stream past without being kept.
WIDTH_SAMPLE = 500


def write_workbook(target: BinaryIO | str,
                   sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[object]]]],
                   *, on_row: Callable[[int], None] | None = None) -> list[int]:
    """Write ``(title, headers, rows)`` sheets to ``target`` with openpyxl's write-only workbook:
    each row goes to a temporary file as it comes, so memory stays flat whatever the number of
    rows (``rows`` may be a generator over a database cursor). Layout of every sheet: the title
    in A1 (bold, 13 pt), the bold shaded header row, the rows, panes frozen under the header,
    widths from the header and the first ``WIDTH_SAMPLE`` rows. Sheet names are the titles cut
    to 31 characters (Excel's limit), without the characters Excel refuses, made unique.
    Returns the rows written per sheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    written = []
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(_sheet_name(str(title), used))
        written.append(_stream_sheet(sheet, title, headers, rows, on_row))
    if not sheets:
        workbook.create_sheet("Sheet")
    workbook.save(target)
    return written


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()[:31] or "Sheet"
    name, number = base, 1
    while name.lower() in used:
        number += 1
        name = f"{base[:31 - len(str(number)) - 1]} {number}"
    used.add(name.lower())
    return name


def _stream_sheet(sheet, title, headers: Sequence[str], rows: Iterable[Sequence[object]],
                  on_row: Callable[[int], None] | None) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = iter(rows)
    sample = list(itertools.islice(rows, WIDTH_SAMPLE))
    for index, header in enumerate(headers, start=1):
        longest = max([len(str(header))] + [len(str(plain(r[index - 1]))) for r in sample
                                            if len(r) >= index])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(8, longest + 2), 60)
    sheet.freeze_panes = "A3"

    def cells(values: Sequence[object], **style) -> list:
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet)
            put(cell, value)
            for name, setting in style.items():
                setattr(cell, name, setting)
            out.append(cell)
        return out

    sheet.append(cells([title], font=Font(bold=True, size=13)))
    sheet.append(cells(headers, font=Font(bold=True), fill=PatternFill("solid", fgColor="EEF1F6"),
                       alignment=Alignment(wrap_text=True, vertical="center")))
    count = 0
    for row in itertools.chain(sample, rows):
        sheet.append(cells(row))
        count += 1
        if on_row is not None and count % PROGRESS_EVERY == 0:
            on_row(count)
    return count


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
