"""The inspection record (Biên bản kiểm tra) of one inspected unit as a Word file, laid out per
Nghị định 30/2020/NĐ-CP (Phụ lục I, biên bản): A4 portrait, Times New Roman 13–14 pt, issuer
top left with its number line, national motto top right, the title, the body (basis, time,
team, the unit's representatives, content, findings, conclusion, follow-ups) and the two
signatures (the inspected unit's representative, the head of the inspection team).

It reuses the Biểu đăng ký's writer (``registry.io.export_docx``: styles, lines, borderless
two-column blocks, bordered tables) and its official wording (``registry.io.document``: the
national motto, the place-and-date line); only the portrait page is set here. The text is the
official Vietnamese wording, not passed through gettext.
"""

import datetime
import io

from django.utils import timezone

from inspections.enums import FindingKind
from registry.io import export_docx as w
from registry.io.document import MOTTO, NATION, place_date, xml_safe

PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 1.5}
PLACE = "Lai Châu"


def _content_cm() -> float:
    return PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]


def _issuer_lines(inspection) -> list[str]:
    issuer = inspection.issuer
    if issuer is None:
        return ["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "SỞ NỘI VỤ"]
    parent = getattr(issuer, "parent", None)
    return [*([parent.name.upper()] if parent is not None else []), issuer.name.upper()]


def _header(document, inspection, day: datetime.date) -> None:
    left, right = w._two_columns(document, 6.5, _content_cm() - 6.5)
    lines = _issuer_lines(inspection)
    for i, line in enumerate(lines):
        w._line(left, line, bold=i == len(lines) - 1, first=i == 0)
    w._line(left, "Số:       /BB-KT", space_before=6)
    w._line(right, NATION, bold=True, first=True)
    w._line(right, MOTTO, size=14, bold=True, underline=True)
    w._line(right, place_date(PLACE, day), size=14, italic=True, space_before=6)


def _para(document, text: str, *, bold: bool = False, indent: bool = True, space_before: int = 3):
    from docx.shared import Cm

    for line in (xml_safe(text) or "").split("\n"):
        paragraph = w._line(document, line, size=14, bold=bold, align="justify",
                            space_before=space_before)
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1.0)


def _heading(document, text: str) -> None:
    w._line(document, text, size=14, bold=True, align="left", space_before=6)


def _table(document, headers: list[str], widths: list[float], rows: list[list[str]]) -> None:
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    scale = _content_cm() / sum(widths)
    widths = [x * scale for x in widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    w._mark_header_row(table.rows[0])
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = Cm(width)
        w._write_cell(cell, text, bold=True, center=True)
    for values in rows:
        cells = table.add_row().cells
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = Cm(width)
            w._write_cell(cell, xml_safe(value))


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else "....../....../......"


def record_document(inspection, section, *, day: datetime.date | None = None) -> bytes:
    """``section``: the unit's ``selectors.UnitSection`` (findings, conclusion, follow-ups)."""
    from docx import Document

    day = day or (inspection.concluded_at and timezone.localdate(inspection.concluded_at)) \
        or timezone.localdate()
    unit = section.unit
    document = Document()
    w.page_setup(document, PAGE_CM, MARGINS_CM)
    w._styles(document)
    _header(document, inspection, day)
    w._line(document, "BIÊN BẢN", size=14, bold=True, space_before=18)
    w._line(document, f"Kiểm tra {inspection.title}", size=14, bold=True)
    w._line(document, f"tại {unit.name}", size=14, bold=True)
    if inspection.decision_basis:
        _para(document, f"Căn cứ {inspection.decision_basis.rstrip('.;')};", space_before=12)
    period = _date(inspection.start_on)
    if inspection.end_on and inspection.end_on != inspection.start_on:
        period = f"{period} đến ngày {_date(inspection.end_on)}"
    _para(document, f"Thời gian kiểm tra: ngày {period}.", space_before=6)
    _para(document, f"Địa điểm: {unit.name}" + (f", {unit.address}." if unit.address else "."))
    _heading(document, "I. THÀNH PHẦN")
    _para(document, "1. Đoàn kiểm tra:", bold=True)
    for member in inspection.team_rows() or ["......................................................"]:
        _para(document, f"- {member}")
    _para(document, f"2. Đại diện {unit.name}:", bold=True)
    _para(document, "- ......................................................")
    _heading(document, "II. NỘI DUNG KIỂM TRA")
    _para(document, inspection.scope)
    _heading(document, "III. KẾT QUẢ KIỂM TRA")
    number = 0
    for kind, label in ((FindingKind.POSITIVE, "Ưu điểm"),
                        (FindingKind.SHORTCOMING, "Tồn tại, hạn chế")):
        number += 1
        _para(document, f"{number}. {label}", bold=True)
        items = [f for f in section.findings if f.kind == kind]
        if not items:
            _para(document, "- Không có.")
        for finding in items:
            about = f" (điển hình: {finding.exemplar.name})" if finding.exemplar else ""
            _para(document, f"- {finding.text}{about}")
    _heading(document, "IV. KẾT LUẬN")
    _para(document, section.row.conclusion or inspection.conclusion or "...")
    if section.row.conclusion and inspection.conclusion:
        _para(document, inspection.conclusion)
    _heading(document, "V. KIẾN NGHỊ, YÊU CẦU KHẮC PHỤC")
    if section.follow_ups:
        _table(document, ["STT", "Nội dung khắc phục", "Người chịu trách nhiệm", "Thời hạn"],
               [1.2, 8.5, 4.0, 2.8],
               [[str(i), f.action, f.owner_name, _date(f.deadline)]
                for i, f in enumerate(section.follow_ups, start=1)])
    else:
        _para(document, "- Không có.")
    _para(document, "Biên bản được lập thành 02 bản có giá trị pháp lý như nhau, đoàn kiểm tra "
                    "giữ 01 bản, đơn vị được kiểm tra giữ 01 bản; các thành viên đã thống nhất "
                    "nội dung và cùng ký tên dưới đây.", space_before=6)
    w._line(document, "", space_before=6)
    left, right = w._two_columns(document, _content_cm() / 2, _content_cm() / 2)
    w._line(left, "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA", size=13, bold=True, first=True)
    w._line(left, "(Ký, ghi rõ họ tên, đóng dấu)", size=13, italic=True)
    w._line(right, "TRƯỞNG ĐOÀN KIỂM TRA", size=13, bold=True, first=True)
    w._line(right, "(Ký, ghi rõ họ tên)", size=13, italic=True)
    props = document.core_properties
    props.title = f"Biên bản kiểm tra — {unit.name}"
    props.author = _issuer_lines(inspection)[-1]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def file_name(inspection, unit) -> str:
    from django.utils.text import slugify

    from core.text import fold

    return f"bien-ban-kiem-tra-{inspection.pk}-{slugify(fold(unit.name))[:60] or 'don-vi'}.docx"
