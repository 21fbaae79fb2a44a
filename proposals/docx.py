"""The achievement report (báo cáo thành tích) of a proposal item as a Word file for the unit to
complete: the layout of Nghị định 30/2020/NĐ-CP (issuing body and unit top left, the national
motto top right with the place and date), modelled on the forms of Thông tư 15/2025/TT-BNV —
mẫu 1.2 for a collective (also used for a household's or a practice's report) and mẫu 1.3 for an
individual. What the system knows is filled in (the exemplar's data, the award history, the
achievement summary, the verdict frozen at proposal time with its date); what only people can
write is a marked section "[Đơn vị bổ sung: …]".

Like every official document of the project the text is the official Vietnamese wording and
does not go through gettext; the writers are the Biểu đăng ký's (``registry.io.export_docx``).
"""

import datetime
import io

from django.utils import timezone
from django.utils.text import slugify

from core.text import fold
from proposals.models import ProposalItem
from registry.enums import ExemplarKind
from registry.io import export_docx as word
from registry.io.document import MOTTO, NATION, blank_place_date, place_date, xml_safe

PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 2.0}
CONTENT_CM = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
HISTORY_HEADERS = (("Năm", 2.0), ("Danh hiệu thi đua, hình thức khen thưởng", 7.0),
                   ("Số, ngày, tháng, năm của quyết định; cơ quan ban hành", 7.0))
VERDICT_HEADERS = (("Tiêu chí", 2.0), ("Kết quả", 3.0), ("Căn cứ đánh giá", 11.0))


def fill(what: str) -> str:
    """A marked place for what the unit must write."""
    return f"[Đơn vị bổ sung: {what}]"


def report_file_stem(item: ProposalItem) -> str:
    return f"bao-cao-thanh-tich-{slugify(fold(item.exemplar.name))[:60] or 'dien-hinh'}"


def is_individual(item: ProposalItem) -> bool:
    return item.exemplar.kind in (ExemplarKind.INDIVIDUAL, ExemplarKind.HOUSEHOLD)


def _header(document, unit, dated: str) -> None:
    left, right = word._two_columns(document, 6.5, CONTENT_CM - 6.5)
    parent = getattr(unit, "parent", None)
    lines = [*([parent.name.upper()] if parent is not None else []), unit.name.upper()]
    for i, line in enumerate(lines):
        word._line(left, xml_safe(line), size=12 if i < len(lines) - 1 else 13,
                   bold=i == len(lines) - 1, first=i == 0)
    word._line(left, "――――――", size=12)
    word._line(right, NATION, size=12, bold=True, first=True)
    word._line(right, MOTTO, size=13, bold=True, underline=True)
    word._line(right, dated, size=13, italic=True, space_before=6)


def _heading(document, text: str) -> None:
    word._line(document, text, size=13, bold=True, align="left", space_before=10)


def _para(document, text: str, *, bold: bool = False, italic: bool = False) -> None:
    from docx.shared import Cm

    for line in xml_safe(text).splitlines() or [""]:
        if line.strip():
            paragraph = word._line(document, line, size=14, align="justify", space_before=3,
                                   bold=bold, italic=italic)
            paragraph.paragraph_format.first_line_indent = Cm(1.0)


def _history_rows(item: ProposalItem) -> tuple[list[list[str]], list[list[str]]]:
    """``(titles, forms)`` rows from the award history of the exemplar's subject (read only)."""
    from awards.models import AwardRecord
    from proposals.selectors import _subject_ids

    subjects = _subject_ids(item.exemplar)
    titles, forms = [], []
    if subjects:
        for record in AwardRecord.objects.filter(subject_id__in=subjects,
                                                 revoked_at__isnull=True).select_related(
                "title", "form").order_by("year", "decision_date", "pk"):
            row = [str(record.year), record.award_name,
                   f"Quyết định số {record.decision_number} ngày "
                   f"{record.decision_date:%d/%m/%Y} của {record.issuer}"]
            (titles if record.title_id else forms).append(row)
    return titles, forms


def _profile(document, item: ProposalItem) -> None:
    e = item.exemplar
    if is_individual(item):
        _heading(document, "I. SƠ LƯỢC LÝ LỊCH")
        lines = [
            f"- Họ và tên: {e.name}"
            + (f" ({'chủ hộ: ' + e.head_name})" if e.head_name and e.kind == "household" else ""),
            f"- Giới tính: {e.get_gender_display() or fill('giới tính')}",
            f"- Năm sinh: {e.birth_year or fill('ngày, tháng, năm sinh')}",
            f"- Dân tộc: {e.ethnicity or fill('dân tộc')}",
            f"- Quê quán: {fill('quê quán')}",
            f"- Trú quán: {e.address or fill('nơi thường trú')}",
            f"- Đơn vị công tác: {e.work_unit or fill('đơn vị công tác')}",
            f"- Chức vụ (Đảng, chính quyền, đoàn thể): {e.position_title or fill('chức vụ')}",
            f"- Trình độ chuyên môn, nghiệp vụ: {fill('trình độ chuyên môn, nghiệp vụ')}",
            f"- Học hàm, học vị, danh hiệu, giải thưởng: {fill('nếu có')}",
        ]
        for line in lines:
            _para(document, line)
        _heading(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
        _para(document, "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:", bold=True)
        _para(document, fill("chức năng, nhiệm vụ, quyền hạn được giao"))
    else:
        _heading(document, "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")
        _para(document, "1. Đặc điểm, tình hình:", bold=True)
        lines = [
            f"- Tên {'mô hình' if e.kind == ExemplarKind.PRACTICE else 'tập thể'}: {e.name}",
            f"- Địa chỉ: {e.address or fill('địa chỉ trụ sở chính, điện thoại')}",
            f"- Người đứng đầu, phụ trách: {e.head_name or fill('họ tên, chức vụ')}",
            f"- Quá trình thành lập và phát triển: {fill('quá trình thành lập, phát triển')}",
        ]
        for line in lines:
            _para(document, line)
        _para(document, "2. Chức năng, nhiệm vụ:", bold=True)
        _para(document, fill("chức năng, nhiệm vụ được giao"))
        _heading(document, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    _para(document, ("2. Thành tích đạt được:" if is_individual(item)
                     else "1. Báo cáo thành tích:"), bold=True)
    _para(document, item.achievement or fill("tóm tắt thành tích đạt được"))
    if e.solutions:
        _para(document, f"Các giải pháp, cách làm đã thực hiện: {e.solutions}")
    _para(document, fill("kết quả cụ thể, số liệu so sánh, hiệu quả và khả năng nhân rộng"))
    _para(document, ("3. Việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của "
                     "Nhà nước:"), bold=True)
    _para(document, fill("việc chấp hành chủ trương, chính sách, pháp luật; công tác đảng, "
                         "đoàn thể"))


def _history(document, item: ProposalItem) -> None:
    _heading(document, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    titles, forms = _history_rows(item)
    _para(document, "1. Danh hiệu thi đua:", bold=True)
    if titles:
        word.grid_table(document, HISTORY_HEADERS, titles)
    _para(document, fill("danh hiệu thi đua đã nhận chưa có trong hệ thống"))
    _para(document, "2. Hình thức khen thưởng:", bold=True)
    if forms:
        word.grid_table(document, HISTORY_HEADERS, forms)
    _para(document, fill("hình thức khen thưởng đã nhận chưa có trong hệ thống"))


def _verdict(document, item: ProposalItem) -> None:
    verdict = item.verdict or {}
    _heading(document, "IV. KẾT QUẢ ĐÁNH GIÁ THEO TIÊU CHÍ (KHI ĐỀ NGHỊ)")
    at = evaluated_on(item)
    _para(document, f"Kết quả: {verdict.get('status_label', 'Chưa đánh giá')}"
                    + (f" (đánh giá ngày {at:%d/%m/%Y})" if at else "") + ".", italic=True)
    rows = [[c.get("code", ""), c.get("status_label", c.get("status", "")), c.get("reason", "")]
            for c in verdict.get("criteria", [])]
    if rows:
        word.grid_table(document, VERDICT_HEADERS, rows)


def evaluated_on(item: ProposalItem) -> datetime.date | None:
    value = (item.verdict or {}).get("evaluated_at")
    if not value:
        return None
    try:
        return timezone.localdate(datetime.datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return None


def _footer(document, item: ProposalItem) -> None:
    word._line(document, "", space_before=6)
    left, right = word._two_columns(document, 8.0, CONTENT_CM - 8.0)
    if is_individual(item):
        word._line(left, "THỦ TRƯỞNG ĐƠN VỊ", size=13, bold=True, first=True)
        word._line(left, "XÁC NHẬN, ĐỀ NGHỊ", size=13, bold=True)
        word._line(left, "(Ký, đóng dấu)", size=13, italic=True)
        word._line(right, "NGƯỜI BÁO CÁO THÀNH TÍCH", size=13, bold=True, first=True)
        word._line(right, "(Ký, ghi rõ họ và tên)", size=13, italic=True)
        for _ in range(4):
            word._line(right, "")
        word._line(right, xml_safe(item.exemplar.name), size=13, bold=True)
    else:
        word._line(left, "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN", size=13, bold=True, first=True)
        word._line(left, "TRỰC TIẾP NHẬN XÉT, XÁC NHẬN", size=13, bold=True)
        word._line(left, "(Ký, đóng dấu)", size=13, italic=True)
        word._line(right, "THỦ TRƯỞNG ĐƠN VỊ", size=13, bold=True, first=True)
        word._line(right, "(Ký, đóng dấu)", size=13, italic=True)
        for _ in range(4):
            word._line(right, "")
        word._line(right, xml_safe(item.proposal.signer_name or ""), size=13, bold=True)


def render_report_docx(item: ProposalItem) -> bytes:
    from docx import Document

    proposal = item.proposal
    pack = proposal.campaign.pack.pack
    place = pack.form.place
    if proposal.letter_date:
        dated = place_date(place, proposal.letter_date)
    else:
        dated = blank_place_date(place, timezone.localdate().year)
    document = Document()
    word.page_setup(document, PAGE_CM, MARGINS_CM)
    word._styles(document)
    _header(document, proposal.unit, dated)
    award = item.award.name if item.award else ""
    word._line(document, f"BÁO CÁO THÀNH TÍCH ĐỀ NGHỊ {xml_safe(award).upper()}", size=14,
               bold=True, space_before=18)
    word._line(document, f"Năm {item.year}", size=14, bold=True)
    word._line(document, "(Mẫu số 1.3 — cá nhân)" if is_individual(item)
               else "(Mẫu số 1.2 — tập thể)", size=12, italic=True)
    word._line(document, xml_safe(item.exemplar.name), size=14, bold=True, space_before=6)
    word._line(document, "――――――", size=13)
    _profile(document, item)
    _history(document, item)
    _verdict(document, item)
    _footer(document, item)
    props = document.core_properties
    props.title = f"Báo cáo thành tích — {item.exemplar.name}"
    props.author = proposal.unit.name
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
