"""The Biểu đăng ký as an Excel workbook: one sheet per section.

Each sheet, like the Word form: the issuer and the national motto, place and date, the title,
the lead paragraph and the section heading on top, then the official header row (bold, wrapped,
repeated on every printed page, frozen on screen), the rows, and the footer — "Nơi nhận" left,
the signer right. Every row's height is set from its longest wrapped cell, so that nothing
overlaps on screen or on paper (Excel does not grow a row for wrapped text it did not type), and
the sheet prints on A4 landscape, fit to the page's width. The field column offers the pack's selectable fields
("k) Cải cách hành chính") as a drop-down list kept on a hidden sheet — an inline list would
pass Excel's 255-character limit. Free text is still accepted (with a warning) because the
importer also understands synonyms such as "CCHC". Every cell is written by
``uploads.tables.put``, the one cell writer: typed text never becomes a formula.
"""

import io

from registry.io import columns as c
from registry.io.document import FormDocument, SectionData, column_widths_cm
from uploads.tables import put

FONT = "Times New Roman"
CHOICES_SHEET = "Danh mục lĩnh vực"
LEAD_ROW = 6
SECTION_ROW = 7
HEADER_ROW = 8
_CHARS_PER_CM = 5.0
_TOTAL_WIDTH_CM = 27.0
_LINE_PT = 15.75  # one line of 12 pt Times New Roman
_CELL_CHARS_PER_CM = 4.2  # characters of 12 pt text per centimetre of column, conservatively


def _lines(text: str, width_cm: float) -> int:
    """How many lines ``text`` takes when wrapped in a column ``width_cm`` wide."""
    per_line = max(int(width_cm * _CELL_CHARS_PER_CM), 1)
    return sum(max(-(-len(part) // per_line), 1) for part in str(text).split("\n"))


def _fit_height(sheet, row: int, texts: list[tuple[str, float]], *, minimum: int = 1) -> None:
    """Set the row's height to its tallest wrapped cell (text, width in cm)."""
    lines = max([minimum, *(_lines(text, width) for text, width in texts if text)])
    sheet.row_dimensions[row].height = round(lines * _LINE_PT + 4, 2)


def sheet_title(section: SectionData) -> str:
    """"I. Tập thể" — at most 31 characters, none of the ones Excel forbids."""
    title = f"{section.numeral}. {section.heading.capitalize()}"
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31]


def render_xlsx(doc: FormDocument) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    choices = _choices_sheet(workbook, doc.field_choices)
    for section in doc.sections:
        _section_sheet(workbook, doc, section, choices)
    workbook.move_sheet(CHOICES_SHEET, offset=len(doc.sections))
    workbook.active = 0
    workbook.properties.title = f"{doc.title} — {doc.unit_name}"
    workbook.properties.creator = doc.unit_name
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _choices_sheet(workbook, choices: list[str]) -> str:
    sheet = workbook.create_sheet(CHOICES_SHEET)
    for row, text in enumerate(choices, start=1):
        put(sheet.cell(row=row, column=1), text)
    sheet.sheet_state = "hidden"
    return f"'{CHOICES_SHEET}'!$A$1:$A${max(len(choices), 1)}"  # OOXML formulas have no '='


def _set_text(cell, text: str) -> None:
    put(cell, text)  # the one cell writer: text is a value, never a formula


def _merged(sheet, row: int, first: int, last: int, text: str, font, alignment) -> None:
    from openpyxl.utils import get_column_letter

    if last > first:
        sheet.merge_cells(f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}")
    cell = sheet.cell(row=row, column=first)
    _set_text(cell, text)
    cell.font, cell.alignment = font, alignment


def _header_block(sheet, doc: FormDocument, section: SectionData, width: int) -> None:
    """Rows 1–6: issuer left and national motto right (as Nghị định 30/2020 lays them out),
    place and date, title, subtitle, the section heading."""
    from openpyxl.styles import Alignment, Font

    split = max(2, width // 2 - 1)  # issuer block: columns 1..split, motto: split+1..width
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = [*doc.issuer_lines[-2:], "", ""][:3]  # the parent (if any), then the unit in bold
    right = [(doc.nation, Font(name=FONT, size=12, bold=True)),
             (doc.motto, Font(name=FONT, size=13, bold=True, underline="single")),
             (doc.place_date, Font(name=FONT, size=13, italic=True))]
    for row, (text, (motto_text, motto_font)) in enumerate(zip(left, right, strict=True), 1):
        is_unit = row == min(len(doc.issuer_lines), 2)
        _merged(sheet, row, 1, split, text, Font(name=FONT, size=12, bold=is_unit), centred)
        _merged(sheet, row, split + 1, width, motto_text, motto_font, centred)
    title_font = Font(name=FONT, size=13, bold=True)
    _merged(sheet, 4, 1, width, doc.title, title_font, centred)
    _merged(sheet, 5, 1, width, doc.subtitle, title_font, centred)
    justified = Alignment(horizontal="justify", vertical="top", wrap_text=True, indent=2)
    _merged(sheet, LEAD_ROW, 1, width, doc.lead, Font(name=FONT, size=13), justified)
    _set_text(sheet.cell(row=SECTION_ROW, column=1), section.title)
    sheet.cell(row=SECTION_ROW, column=1).font = Font(name=FONT, size=12, bold=True)
    half = _TOTAL_WIDTH_CM / 2
    for row in (1, 2, 3):
        _fit_height(sheet, row, [(left[row - 1], half), (right[row - 1][0], half)])
    _fit_height(sheet, 5, [(doc.subtitle, _TOTAL_WIDTH_CM)])
    _fit_height(sheet, LEAD_ROW, [(doc.lead, _TOTAL_WIDTH_CM * 0.9)])


def _footer_block(sheet, doc: FormDocument, first_row: int, width: int) -> None:
    """"Nơi nhận:" and its lines left, the signer's title, hint, room to sign and name right."""
    from openpyxl.styles import Alignment, Font

    split = max(2, width // 2)
    left_align = Alignment(horizontal="left", vertical="top", wrap_text=True)
    centred = Alignment(horizontal="center", vertical="top", wrap_text=True)
    left = [(doc.recipients_label, Font(name=FONT, size=12, bold=True, italic=True)),
            *((line, Font(name=FONT, size=11)) for line in doc.recipients)]
    right = [(doc.signer_title.upper(), Font(name=FONT, size=13, bold=True)),
             (doc.signer_hint, Font(name=FONT, size=13, italic=True)),
             ("", None), ("", None), ("", None),
             (doc.signer_name, Font(name=FONT, size=13, bold=True))]
    half = _TOTAL_WIDTH_CM / 2
    for offset in range(max(len(left), len(right))):
        row = first_row + offset
        left_text, left_font = left[offset] if offset < len(left) else ("", None)
        right_text, right_font = right[offset] if offset < len(right) else ("", None)
        _merged(sheet, row, 1, split, left_text, left_font or Font(name=FONT, size=11),
                left_align)
        _merged(sheet, row, split + 1, width, right_text, right_font or Font(name=FONT, size=13),
                centred)
        _fit_height(sheet, row, [(left_text, half), (right_text, half)])


def _row_styles(workbook, font, border, wrap, centred) -> tuple[str, str]:
    """Named styles for the entries' cells: one assignment per cell instead of three, which
    halves the time of a 5,000-row export."""
    from openpyxl.styles import NamedStyle

    names = ("Biểu - ô", "Biểu - Stt")
    for name, alignment in zip(names, (wrap, centred), strict=True):
        if name not in workbook.named_styles:
            workbook.add_named_style(NamedStyle(name=name, font=font, border=border,
                                                alignment=alignment))
    return names


def _section_sheet(workbook, doc: FormDocument, section: SectionData, choices: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = workbook.create_sheet(sheet_title(section))
    width = len(section.columns)
    bold = Font(name=FONT, size=12, bold=True)
    plain = Font(name=FONT, size=12)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(wrap_text=True, vertical="center", horizontal="center")

    _header_block(sheet, doc, section, width)
    fill = PatternFill("solid", fgColor="EEF1F6")
    for index, col in enumerate(section.columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index)
        _set_text(cell, col.header)
        cell.font, cell.alignment, cell.border, cell.fill = bold, centred, box, fill
    number_at = section.column_with(c.NUMBER)
    text_style, number_style = _row_styles(workbook, plain, box, wrap, centred)
    widths = column_widths_cm(section, _TOTAL_WIDTH_CM)
    for offset, values in enumerate(section.rows, start=1):
        for index, value in enumerate(values):
            cell = sheet.cell(row=HEADER_ROW + offset, column=index + 1)
            cell.style = number_style if index == number_at else text_style
            _set_text(cell, value)  # after the style, which would reset the quote prefix
        _fit_height(sheet, HEADER_ROW + offset, list(zip(values, widths, strict=True)))

    for index, cm in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = round(cm * _CHARS_PER_CM, 1)
    _fit_height(sheet, HEADER_ROW, [(col.header, w) for col, w in zip(section.columns, widths,
                                                                       strict=True)], minimum=2)
    _footer_block(sheet, doc, HEADER_ROW + len(section.rows) + 2, width)

    field_at = section.column_with(c.FIELD)
    if field_at is not None:
        letter = get_column_letter(field_at + 1)
        first = HEADER_ROW + 1
        validation = DataValidation(
            type="list", formula1=choices, allow_blank=True, showDropDown=False,
            showErrorMessage=True, errorStyle="warning",
            errorTitle="Lĩnh vực", error="Hãy chọn một lĩnh vực trong danh sách của Hướng dẫn.",
            showInputMessage=True, promptTitle="Lĩnh vực",
            prompt="Chọn lĩnh vực trong danh sách.",
        )
        # The rows and the empty one above the footer: a row inserted there (to add entries)
        # extends the range in Excel and LibreOffice alike.
        validation.add(f"{letter}{first}:{letter}{first + len(section.rows)}")
        sheet.add_data_validation(validation)

    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left, sheet.page_margins.right = 0.8, 0.4  # inches, as the Word form
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
