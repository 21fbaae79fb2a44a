"""Fill the system's own blank template (Word or Excel) as a unit would: a few rows of some
sections, the other tables left as they came."""

import io

SECTION_ORDER = ["collective", "individual", "household", "model"]
SHEETS = {"collective": "I.", "individual": "II.", "household": "III.", "model": "IV."}


def _targets(header: list[str]) -> tuple[int, int, int]:
    """(name, details-or-address, field) columns of a section's header."""
    field = next(i for i, text in enumerate(header) if "lĩnh vực" in text)
    return 1, 2, field


def fill_blank(data: bytes, fmt: str, rows: dict[str, list[tuple[str, str, str]]]) -> bytes:
    """``rows``: kind → [(name, details or address, field as typed)], written into the first
    numbered rows of that kind's table."""
    return (_fill_docx if fmt == "docx" else _fill_xlsx)(data, rows)


def _fill_docx(data: bytes, rows) -> bytes:
    from docx import Document

    document = Document(io.BytesIO(data))
    tables = [t for t in document.tables if t.rows[0].cells[0].text.strip() == "Stt"]
    assert len(tables) == len(SECTION_ORDER)
    for kind, table in zip(SECTION_ORDER, tables, strict=True):
        wanted = rows.get(kind, [])
        header = [c.text.strip() for c in table.rows[0].cells]
        columns = _targets(header)
        numbered = [r for r in table.rows[1:] if r.cells[0].text.strip().isdigit()]
        for row, values in zip(numbered, wanted, strict=False):
            for index, value in zip(columns, values, strict=True):
                row.cells[index].text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _fill_xlsx(data: bytes, rows) -> bytes:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    for kind, wanted in rows.items():
        sheet = next(s for s in workbook.worksheets if s.title.startswith(SHEETS[kind] + " "))
        lines = list(sheet.iter_rows())
        head = next(n for n, line in enumerate(lines) if str(line[0].value or "") == "Stt")
        columns = _targets([str(c.value or "") for c in lines[head]])
        numbered = [line for line in lines[head + 1:] if str(line[0].value or "").isdigit()]
        for line, values in zip(numbered, wanted, strict=False):
            for index, value in zip(columns, values, strict=True):
                line[index].value = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
