"""An Excel workbook (a filled form, a table of ratings) → one block of cell texts per visible
worksheet.

python-calamine (Rust) reads the values; it is several times faster than openpyxl and also
reports merged ranges, so openpyxl is not needed for reading at all. Its XML reader does not
expand entities, and ``safety`` has refused DTDs and far-flung cells before it runs. A merged
range gives its value to its first column on every row it spans (a vertically merged "Lĩnh vực"
applies to each of those rows); hidden sheets (the drop-down's list) are skipped.
"""

import datetime
import io

from django.utils.translation import gettext as _

from uploads.blocks import Block


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def xlsx_blocks(data: bytes) -> list[Block]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    blocks = []
    for meta in workbook.sheets_metadata:
        if meta.visible != SheetVisibleEnum.Visible or meta.typ != SheetTypeEnum.WorkSheet:
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        grid = _grid(sheet)
        for (top, left), (bottom, _right) in sheet.merged_cell_ranges or []:
            if top >= len(grid) or left >= len(grid[top]):
                continue
            for row in range(top + 1, min(bottom, len(grid) - 1) + 1):
                if left < len(grid[row]):
                    grid[row][left] = grid[top][left]
        label = _("trang tính “%(name)s”") % {"name": meta.name}
        blocks.append(Block(label, list(enumerate(grid, start=1)), heading=meta.name))
    return blocks


def _grid(sheet) -> list[list[str]]:
    """The sheet from A1 as texts, row by row (``iter_rows``: never a second full copy of the
    sheet as Python values). Equal to ``to_python(skip_empty_area=False)`` made texts."""
    if sheet.start is None:
        return []
    left = [""] * sheet.start[1]
    grid = [left + [cell_text(v) for v in row] for row in sheet.iter_rows()]
    if len(grid) < sheet.end[0] + 1:  # rows above the data, if a reader left them out
        width = sheet.end[1] + 1
        grid = [[""] * width for _ in range(sheet.end[0] + 1 - len(grid))] + grid
    return grid
