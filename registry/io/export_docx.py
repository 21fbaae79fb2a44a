"""The Biểu đăng ký as a Word file, laid out per Nghị định 30/2020/NĐ-CP.

A4 landscape (the form's tables have up to seven columns), Times New Roman 13 pt (12 pt in the
tables), issuer top left and national motto top right in a borderless two-column table, place
and date in italics, the title, the lead, one bordered table per section with its header row
repeated on every page, then "Nơi nhận" left and the signature block right. On a page of its
own after the signature, a short guide: what to write in the field column (Word has no
drop-down: the key, with the label and the synonyms the importer understands) and an example
row. It comes after the footer, where the importer reads nothing, and its table has two
columns, so it is never taken for a section of the form.
"""

import io

from registry.io import columns as c
from registry.io.document import FormDocument, SectionData, column_widths_cm

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 12
PAGE_CM = (29.7, 21.0)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 1.5}
TABLE_STYLE = "Table Text"  # ASCII: the style id is derived from the name


def render_docx(doc: FormDocument) -> bytes:
    from docx import Document

    document = Document()
    page_setup(document)
    _styles(document)
    _header_block(document, doc)
    _title_block(document, doc)
    for section in doc.sections:
        _section_table(document, section)
    _footer_block(document, doc)
    _legend_block(document, doc)
    props = document.core_properties
    props.title = f"{doc.title} — {doc.unit_name}"
    props.author = doc.unit_name
    props.comments = doc.subtitle
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def page_setup(document, page_cm: tuple[float, float] = PAGE_CM,
               margins_cm: dict[str, float] = MARGINS_CM) -> None:
    """The first section's paper and margins (Nghị định 30/2020: A4; portrait when the width is
    the short side) — every Word document of the project is set up here."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT if page_cm[0] < page_cm[1] else WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(page_cm[0]), Cm(page_cm[1])
    for edge, size in margins_cm.items():
        setattr(section, f"{edge}_margin", Cm(size))


def _set_font(style_or_run, size_pt: int) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = FONT
    font.size = Pt(size_pt)
    # Word picks the East-Asian / complex-script font for some Vietnamese letters otherwise.
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _styles(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    normal = document.styles["Normal"]
    _set_font(normal, BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    table_text = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    _set_font(table_text, TABLE_PT)
    table_text.paragraph_format.space_before = Pt(2)
    table_text.paragraph_format.space_after = Pt(2)


def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _line(cell_or_doc, text: str, *, size: int = BODY_PT, bold: bool = False,
          italic: bool = False, underline: bool = False, align: str = "center",
          first: bool = False, space_before: int = 0):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if first:
        paragraph = cell_or_doc.paragraphs[0]
    else:
        paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                           "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    paragraph.paragraph_format.space_before = Pt(space_before)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def _two_columns(document, left_cm: float, right_cm: float):
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    for column, width in zip(table.columns, (left_cm, right_cm), strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    return table.rows[0].cells


def _content_width_cm() -> float:
    return PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]


def _header_block(document, doc: FormDocument) -> None:
    left, right = _two_columns(document, 10.0, _content_width_cm() - 10.0)
    for i, line in enumerate(doc.issuer_lines):
        is_unit = i == len(doc.issuer_lines) - 1
        _line(left, line, size=BODY_PT, bold=is_unit, first=i == 0)
    _line(right, doc.nation, size=BODY_PT, bold=True, first=True)
    _line(right, doc.motto, size=14, bold=True, underline=True)
    _line(right, doc.place_date, size=14, italic=True, space_before=6)


def _title_block(document, doc: FormDocument) -> None:
    from docx.shared import Cm

    _line(document, doc.title, size=14, bold=True, space_before=12)
    _line(document, doc.subtitle, size=14, bold=True)
    lead = _line(document, doc.lead, size=14, align="justify", space_before=12)
    lead.paragraph_format.first_line_indent = Cm(1.0)


def _mark_header_row(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def _write_cell(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph = cell.add_paragraph()
        paragraph.style = TABLE_STYLE
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            run = paragraph.add_run(line)
            if bold:
                run.bold = True


def _section_table(document, section: SectionData) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    _line(document, section.title, bold=True, align="left", space_before=12)
    widths = column_widths_cm(section, _content_width_cm())
    table = document.add_table(rows=1, cols=len(section.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    header = table.rows[0]
    _mark_header_row(header)
    for cell, col, width in zip(header.cells, section.columns, widths, strict=True):
        cell.width = Cm(width)
        _write_cell(cell, col.header, bold=True, center=True)
    style_id = document.styles[TABLE_STYLE].style_id
    twips = [int(Cm(width).twips) for width in widths]
    _append_rows(table, section.rows, twips, style_id, section.column_with(c.NUMBER))


def _append_rows(table, rows: list[list[str]], twips: list[int], style_id: str,
                 number_at: int | None) -> None:
    """The entries' rows, written as XML directly: python-docx's ``add_row().cells`` walks the
    whole table each time, which made a 5,000-row export take minutes."""
    from docx.oxml.ns import qn
    from lxml.etree import SubElement

    tag = {name: qn(f"w:{name}") for name in ("tr", "tc", "tcPr", "tcW", "p", "pPr", "pStyle",
                                               "jc", "r", "t")}
    val, width, kind = qn("w:val"), qn("w:w"), qn("w:type")
    for values in rows:
        tr = SubElement(table._tbl, tag["tr"])
        for index, (value, size) in enumerate(zip(values, twips, strict=True)):
            tc = SubElement(tr, tag["tc"])
            tc_w = SubElement(SubElement(tc, tag["tcPr"]), tag["tcW"])
            tc_w.set(width, str(size))
            tc_w.set(kind, "dxa")
            for line in value.split("\n"):
                paragraph = SubElement(tc, tag["p"])
                properties = SubElement(paragraph, tag["pPr"])
                SubElement(properties, tag["pStyle"]).set(val, style_id)
                if index == number_at:
                    SubElement(properties, tag["jc"]).set(val, "center")
                if line:
                    text = SubElement(SubElement(paragraph, tag["r"]), tag["t"])
                    text.text = line
                    if line != line.strip():
                        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _footer_block(document, doc: FormDocument) -> None:
    _line(document, "", space_before=6)
    left, right = _two_columns(document, 12.0, _content_width_cm() - 12.0)
    _line(left, doc.recipients_label, size=12, bold=True, italic=True, align="left", first=True)
    for line in doc.recipients:
        _line(left, line, size=11, align="left")
    _line(right, doc.signer_title.upper(), size=14, bold=True, first=True)
    _line(right, doc.signer_hint, size=14, italic=True)
    for _ in range(4):
        _line(right, "")
    _line(right, doc.signer_name, size=14, bold=True)


def _legend_block(document, doc: FormDocument) -> None:
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    if not doc.field_legend:
        return
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _line(document, "HƯỚNG DẪN GHI BIỂU", size=13, bold=True)
    _line(document, "Cột “Điển hình thuộc lĩnh vực” ghi ký hiệu của một lĩnh vực trong bảng dưới "
                    "(ví dụ “k”), hoặc ký hiệu và tên (ví dụ “k) Cải cách hành chính”). "
                    "Trang này không cần gửi kèm.", size=12, align="justify", space_before=6)
    table = document.add_table(rows=1, cols=2)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    widths = (3.0, _content_width_cm() - 3.0)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for cell, text, width in zip(table.rows[0].cells, ("Ký hiệu", "Lĩnh vực"), widths,
                                 strict=True):
        cell.width = Cm(width)
        _write_cell(cell, text, bold=True, center=True)
    for key, label in doc.field_legend:
        cells = table.add_row().cells
        _write_cell(cells[0], key, bold=True, center=True)
        _write_cell(cells[1], label)
    if doc.example:
        _line(document, f"Ví dụ một dòng của mục {doc.example_title}:", size=12, bold=True,
              align="left", space_before=12)
        for header, value in doc.example:
            _line(document, f"– {header}: {value}", size=12, align="left")


# Public names of the layout helpers, for the other official documents (fostering plans,
# inspection records, decisions): one layout code for every Nghị định 30 document.
set_font = _set_font
styles = _styles
line = _line
two_columns = _two_columns
mark_header_row = _mark_header_row
write_cell = _write_cell


def grid_table(document, headers: list[tuple[str, float]], rows: list[list[str]]) -> None:
    """A bordered table of ``(header, width in cm)`` columns: the header row bold, centred and
    repeated on every page, the first column centred (the STT), each value made XML-safe."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    from registry.io.document import xml_safe

    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _mark_header_row(table.rows[0])
    for index, (header, width) in enumerate(headers):
        table.columns[index].width = Cm(width)
        cell = table.rows[0].cells[index]
        cell.width = Cm(width)
        _write_cell(cell, header, bold=True, center=True)
    for values in rows:
        cells = table.add_row().cells
        for index, value in enumerate(values):
            cells[index].width = Cm(headers[index][1])
            _write_cell(cells[index], xml_safe(value), center=index == 0)
