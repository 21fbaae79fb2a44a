"""The fostering plan as a Word file: "Kế hoạch bồi dưỡng, nhân rộng" in the layout of Nghị
định 30/2020/NĐ-CP (Phụ lục III, mẫu 1.x — văn bản có tên loại): issuing body and unit with the
number and symbol (Số: …/KH-…) top left, the national motto top right with the place and date,
the type name and summary (trích yếu), the content, then "Nơi nhận" and the signature block.

Portrait A4, Times New Roman 13–14 pt. The paragraph, two-column and table-cell writers are the
Biểu đăng ký's (``registry.io.export_docx``), as are the national motto, the place-and-date
line and the issuer lines (``registry.io.document``): one layout code for every official
document. Like the Biểu đăng ký, the document's own text is the official Vietnamese wording and
does not go through gettext.
"""

import io

from django.utils import timezone
from django.utils.text import slugify

from core.text import fold
from fostering import selectors
from fostering.models import FosteringPlan
from registry.io import export_docx as word
from registry.io.document import (
    DEFAULT_RECIPIENTS,
    MOTTO,
    NATION,
    blank_place_date,
    place_date,
    xml_safe,
)

PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 2.0}
CONTENT_CM = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
TITLE = "KẾ HOẠCH"
SUMMARY = "Bồi dưỡng, nhân rộng mô hình tiêu biểu, điển hình tiên tiến"
ORGANISE = ("Các phòng, bộ phận và cá nhân được giao phụ trách tổ chức thực hiện các hoạt động "
            "hỗ trợ và bảo đảm các mốc tiến độ nêu trên; định kỳ báo cáo kết quả bồi dưỡng, "
            "nhân rộng về Sở Nội vụ (Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh) "
            "theo hướng dẫn.")
ACTION_HEADERS = (("Stt", 1.2), ("Nội dung hỗ trợ", 7.3), ("Người, đơn vị giúp đỡ", 4.5),
                  ("Thời hạn", 3.0))
MILESTONE_HEADERS = (("Stt", 1.2), ("Mốc tiến độ", 11.8), ("Thời hạn", 3.0))


def plan_file_stem(plan: FosteringPlan) -> str:
    return f"ke-hoach-boi-duong-{slugify(fold(plan.unit.name))[:60] or 'don-vi'}"


def _issuer_lines(unit) -> list[str]:
    parent = getattr(unit, "parent", None)
    return [*([parent.name.upper()] if parent is not None else []), unit.name.upper()]


def _header(document, plan: FosteringPlan, dated: str) -> None:
    left, right = word._two_columns(document, 6.5, CONTENT_CM - 6.5)
    lines = _issuer_lines(plan.unit)
    for i, line in enumerate(lines):
        word._line(left, line, size=12 if i < len(lines) - 1 else 13,
                   bold=i == len(lines) - 1, first=i == 0)
    word._line(left, "Số:        /KH-", size=13, space_before=6)
    word._line(right, NATION, size=12, bold=True, first=True)
    word._line(right, MOTTO, size=13, bold=True, underline=True)
    word._line(right, dated, size=13, italic=True, space_before=6)


def _heading(document, text: str) -> None:
    word._line(document, text, size=13, bold=True, align="left", space_before=10)


def _paragraphs(document, text: str) -> None:
    from docx.shared import Cm

    for line in xml_safe(text).splitlines() or [""]:
        if line.strip():
            para = word._line(document, line, size=14, align="justify", space_before=3)
            para.paragraph_format.first_line_indent = Cm(1.0)


def _items(document, plan: FosteringPlan, pack) -> None:
    items = selectors.plan_items(plan)
    if not items:
        _paragraphs(document, "Đơn vị chưa đưa điển hình nào vào kế hoạch.")
    for number, item in enumerate(items, start=1):
        exemplar = item.exemplar
        field = pack.field(exemplar.field_key)
        field_label = f"{field.key}) {field.label}" if field else exemplar.field_key
        word._line(document, f"{number}. {xml_safe(exemplar.name)} "
                             f"({exemplar.get_kind_display().lower()}; lĩnh vực {field_label})",
                   size=14, bold=True, align="left", space_before=8)
        _paragraphs(document, f"- Người phụ trách: {item.responsible or '……………'}")
        if item.notes:
            _paragraphs(document, f"- Nội dung bồi dưỡng, nhân rộng: {item.notes}")
        actions = list(item.actions.all())
        if actions:
            _paragraphs(document, "- Các hoạt động hỗ trợ:")
            word.grid_table(document, ACTION_HEADERS, [
                [str(n), a.content, a.helper, a.due_on.strftime("%d/%m/%Y")]
                for n, a in enumerate(actions, start=1)])
        milestones = list(item.milestones.all())
        if milestones:
            _paragraphs(document, "- Các mốc tiến độ:")
            word.grid_table(document, MILESTONE_HEADERS, [
                [str(n), m.title, m.due_on.strftime("%d/%m/%Y")]
                for n, m in enumerate(milestones, start=1)])


def _footer(document, plan: FosteringPlan, pack) -> None:
    word._line(document, "", space_before=6)
    left, right = word._two_columns(document, 8.0, CONTENT_CM - 8.0)
    word._line(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
    for line in DEFAULT_RECIPIENTS:
        word._line(left, line, size=11, align="left")
    word._line(right, pack.form.signer_title.upper(), size=13, bold=True, first=True)
    word._line(right, pack.form.signer_hint, size=13, italic=True)
    for _ in range(4):
        word._line(right, "")
    word._line(right, xml_safe(plan.signer_name), size=13, bold=True)


def render_plan_docx(plan: FosteringPlan) -> bytes:
    from docx import Document

    pack = plan.campaign.pack.pack
    place = pack.form.place
    if plan.approved_at:
        dated = place_date(place, timezone.localdate(plan.approved_at))
    else:
        dated = blank_place_date(place, timezone.localdate().year)
    document = Document()
    word.page_setup(document, PAGE_CM, MARGINS_CM)
    word._styles(document)
    _header(document, plan, dated)
    word._line(document, TITLE, size=14, bold=True, space_before=18)
    word._line(document, SUMMARY, size=14, bold=True)
    word._line(document, xml_safe(plan.campaign.name), size=14, bold=True)
    word._line(document, "――――――", size=13)
    _heading(document, "I. MỤC ĐÍCH, YÊU CẦU")
    _paragraphs(document, f"Thực hiện {pack.title} ({pack.number}), {plan.unit.name} xây dựng kế "
                          "hoạch bồi dưỡng, nhân rộng các mô hình tiêu biểu, điển hình tiên tiến "
                          "đã đăng ký, bảo đảm tiến độ và chất lượng.")
    _heading(document, "II. TIÊU CHÍ CỤ THỂ CỦA NGÀNH, LĨNH VỰC")
    _paragraphs(document, plan.sector_criteria or "Áp dụng các tiêu chí của hướng dẫn.")
    _heading(document, "III. ĐIỂN HÌNH VÀ NỘI DUNG BỒI DƯỠNG, NHÂN RỘNG")
    _items(document, plan, pack)
    _heading(document, "IV. TỔ CHỨC THỰC HIỆN")
    _paragraphs(document, ORGANISE)
    _footer(document, plan, pack)
    props = document.core_properties
    props.title = f"{TITLE.capitalize()} {SUMMARY.lower()} — {plan.unit.name}"
    props.author = plan.unit.name
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
