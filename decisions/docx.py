"""A decision as a Word file, in the Nghị định 30/2020 layout (``decisions.document``): portrait
A4, Times New Roman 13–14 pt, the header in a borderless two-column table, the attached list on
a page of its own as a bordered table whose header row repeats. The paragraph, two-column and
cell writers are the Biểu đăng ký's (``registry.io.export_docx``). python-docx is imported
lazily."""

import io

from decisions.document import LIST_HEADERS, DecisionDocument, build
from decisions.models import Decision
from registry.io import export_docx as word

PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 2.0}
CONTENT_CM = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
SHORT_RULE = "――――――"


def _header(document, doc: DecisionDocument) -> None:
    left, right = word.two_columns(document, 7.0, CONTENT_CM - 7.0)
    first = True
    if doc.superior_body:
        word.line(left, doc.superior_body, size=12, first=True)
        first = False
    word.line(left, doc.issuing_body, size=13, bold=True, first=first)
    word.line(left, SHORT_RULE, size=11)
    word.line(left, doc.number_line, size=13, space_before=4)
    word.line(right, doc.nation, size=12, bold=True, first=True)
    word.line(right, doc.motto, size=13, bold=True, underline=True)
    word.line(right, doc.place_date, size=13, italic=True, space_before=10)


def _body_line(document, text: str, *, bold_prefix: str = "", italic: bool = False) -> None:
    from docx.shared import Cm, Pt

    paragraph = word.line(document, "", size=14, align="justify", space_before=6)
    paragraph.paragraph_format.first_line_indent = Cm(1.0)
    if bold_prefix:
        run = paragraph.add_run(bold_prefix + " ")
        run.bold, run.font.size = True, Pt(14)
    run = paragraph.add_run(text)
    run.italic, run.font.size = italic, Pt(14)


def _footer(document, doc: DecisionDocument) -> None:
    word.line(document, "", space_before=6)
    left, right = word.two_columns(document, 8.0, CONTENT_CM - 8.0)
    word.line(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
    for text in doc.recipients:
        word.line(left, text, size=11, align="left")
    lines = doc.signature_lines or [""]
    for i, text in enumerate(lines):
        word.line(right, text, size=13, bold=True, first=i == 0)
    for _ in range(4):
        word.line(right, "")
    word.line(right, doc.signer_name, size=14, bold=True)


def _attached_list(document, doc: DecisionDocument) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    word.line(document, doc.list_title, size=14, bold=True)
    word.line(document, doc.list_subtitle, size=14, bold=True)
    word.line(document, doc.list_reference, size=13, italic=True)
    word.line(document, SHORT_RULE, size=11)
    table = document.add_table(rows=1, cols=len(LIST_HEADERS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    word.mark_header_row(table.rows[0])
    for index, (header, width) in enumerate(LIST_HEADERS):
        table.columns[index].width = Cm(width)
        cell = table.rows[0].cells[index]
        cell.width = Cm(width)
        word.write_cell(cell, header, bold=True, center=True)
    for group in doc.groups:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        word.write_cell(merged, group.heading, bold=True)
        for row in group.rows:
            cells = table.add_row().cells
            for index, value in enumerate((row.number, row.name, row.description,
                                           row.achievement)):
                cells[index].width = Cm(LIST_HEADERS[index][1])
                word.write_cell(cells[index], value, center=index == 0)


def render_decision_docx(decision: Decision) -> bytes:
    from docx import Document

    doc = build(decision)
    document = Document()
    word.page_setup(document, PAGE_CM, MARGINS_CM)
    word.styles(document)
    if doc.is_draft:
        word.line(document, "DỰ THẢO", size=13, bold=True, align="right")
    if doc.revoked_note:
        word.line(document, doc.revoked_note, size=12, bold=True, align="right")
    _header(document, doc)
    word.line(document, doc.title, size=14, bold=True, space_before=18)
    word.line(document, doc.subject, size=14, bold=True)
    word.line(document, SHORT_RULE, size=11)
    word.line(document, doc.heading, size=14, bold=True, space_before=12)
    for basis in doc.bases:
        _body_line(document, basis, italic=True)
    if doc.proposal:
        _body_line(document, doc.proposal, italic=True)
    word.line(document, "QUYẾT ĐỊNH:", size=14, bold=True, space_before=12)
    for article in doc.articles:
        _body_line(document, article.text, bold_prefix=article.label)
    _footer(document, doc)
    _attached_list(document, doc)
    props = document.core_properties
    props.title = f"Quyết định {doc.number_line.removeprefix('Số: ')} — {doc.subject}"
    props.author = doc.issuing_body
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
