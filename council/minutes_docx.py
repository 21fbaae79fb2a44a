"""The minutes of a council meeting (biên bản họp Hội đồng Thi đua - Khen thưởng) as a Word
file, laid out per Nghị định 30/2020/NĐ-CP (Phụ lục I, biên bản): A4 portrait, Times New Roman
13–14 pt, the council top left with its number line, the national motto top right, the title,
time and place, attendance (present, absent), then per item the rule applied, the members who
took no part and why, and the counts — **never how anyone voted in a secret ballot** (an open
vote lists the names, as the rule says it is recorded by name) — and the signatures of the
chair and the secretary.

It reuses the Biểu đăng ký's writer (``registry.io.export_docx``) and official wording
(``registry.io.document``). The text is the official Vietnamese wording, not passed through
gettext. python-docx is imported lazily.
"""

import io

from registry.io import export_docx as w
from registry.io.document import MOTTO, NATION, place_date, xml_safe

PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 1.5}
PLACE = "Lai Châu"
# The council signs as itself under the province (its name on two lines, both bold).
ISSUER = ["UBND TỈNH LAI CHÂU", "HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG"]
CHOICE_LABELS = {"approve": "đồng ý", "reject": "không đồng ý", "abstain": "không biểu quyết"}
STATUS_LABELS = {"passed": "Thông qua", "rejected": "Không thông qua",
                 "no_quorum": "Không đủ số thành viên dự họp để biểu quyết",
                 "pending": "Chưa biểu quyết"}
BASIS_LABELS = {"members": "tổng số thành viên Hội đồng (trừ người không tham gia biểu quyết)",
                "present": "số thành viên có mặt (trừ người không tham gia biểu quyết)",
                "cast": "số phiếu hợp lệ (kể cả phiếu không biểu quyết)"}
ROLE_LABELS = {"chair": "Chủ tịch Hội đồng", "vice_chair": "Phó Chủ tịch Hội đồng",
               "secretary": "Thư ký Hội đồng", "member": "Ủy viên"}


def _content_cm() -> float:
    return PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]


def _para(document, text: str, *, bold: bool = False, indent: bool = True,
          space_before: int = 3) -> None:
    from docx.shared import Cm

    for line in (xml_safe(text) or "").split("\n"):
        paragraph = w._line(document, line, size=14, bold=bold, align="justify",
                            space_before=space_before)
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1.0)


def _heading(document, text: str) -> None:
    w._line(document, text, size=14, bold=True, align="left", space_before=6)


def _member_line(member) -> str:
    parts = [member.full_name, ROLE_LABELS.get(member.role, "")]
    if member.position_title:
        parts.append(member.position_title)
    return " — ".join(p for p in parts if p)


def _fraction_percent(text: str) -> str:
    try:
        p, q = (int(x) for x in text.split("/"))
    except (ValueError, AttributeError):
        return text
    return f"{text} ({p * 100 / q:.4g}%)".replace(".", ",")


def _rule_text(rule: dict) -> str:
    if not rule:
        return "chưa áp dụng"
    compare = "trên" if rule.get("strict") else "từ"
    way = "bỏ phiếu kín" if rule.get("secret", True) else "biểu quyết công khai (ghi tên)"
    return (f"{rule.get('name', '')}: {way}; số thành viên dự họp từ "
            f"{_fraction_percent(rule.get('quorum', ''))} tổng số thành viên; thông qua khi số "
            f"đồng ý đạt {compare} {_fraction_percent(rule.get('threshold', ''))} "
            f"{BASIS_LABELS.get(rule.get('basis'), '')}.")


def _award(proposal_item) -> str:
    award = proposal_item.title or proposal_item.form
    return award.name if award else ""


def minutes_document(meeting, *, members) -> bytes:
    """``meeting``: from ``selectors.meeting_detail`` (items, exclusions, attendance prefetched);
    ``members``: the seats valid on the meeting's date."""
    from docx import Document

    day = meeting.held_on
    document = Document()
    w.page_setup(document, PAGE_CM, MARGINS_CM)
    w._styles(document)
    left, right = w._two_columns(document, 6.5, _content_cm() - 6.5)
    for i, line in enumerate(ISSUER):
        w._line(left, line, size=12, bold=i > 0, first=i == 0)
    w._line(left, "Số:       /BB-HĐTĐKT", space_before=6)
    w._line(right, NATION, size=12, bold=True, first=True)
    w._line(right, MOTTO, size=13, bold=True, underline=True)
    w._line(right, place_date(PLACE, day), size=14, italic=True, space_before=6)
    w._line(document, "BIÊN BẢN", size=14, bold=True, space_before=18)
    w._line(document, "Họp Hội đồng Thi đua - Khen thưởng tỉnh", size=14, bold=True)
    w._line(document, xml_safe(meeting.title), size=14, bold=True)
    _para(document, f"Thời gian: ngày {day:%d/%m/%Y}.", space_before=12)
    _para(document, f"Địa điểm: {meeting.place or '......................................'}.")
    chair = meeting.chair.full_name if meeting.chair else "......................"
    secretary = meeting.secretary.full_name if meeting.secretary else "......................"
    _para(document, f"Chủ trì: {chair}. Thư ký: {secretary}.")

    _heading(document, "I. THÀNH PHẦN THAM DỰ")
    attendance = {a.member_id: a for a in meeting.attendance.all()}
    present = [m for m in members if attendance.get(m.pk) and attendance[m.pk].present]
    absent = [m for m in members if m not in present]
    _para(document, f"Tổng số thành viên Hội đồng: {len(members)}; có mặt: {len(present)}; "
                    f"vắng mặt: {len(absent)}.")
    _para(document, "1. Thành viên có mặt:", bold=True)
    for member in present or []:
        _para(document, f"- {_member_line(member)}")
    if not present:
        _para(document, "- Không có.")
    _para(document, "2. Thành viên vắng mặt:", bold=True)
    for member in absent:
        note = attendance[member.pk].note if member.pk in attendance else ""
        _para(document, f"- {_member_line(member)}" + (f" (lý do: {note})" if note else ""))
    if not absent:
        _para(document, "- Không có.")

    _heading(document, "II. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT")
    items = list(meeting.items.all())
    if not items:
        _para(document, "- Không có nội dung.")
    for number, item in enumerate(items, start=1):
        proposal_item = item.proposal_item
        exemplar = proposal_item.exemplar
        _para(document, f"{number}. {exemplar.name} ({proposal_item.proposal.unit.name}) — "
                        f"đề nghị {_award(proposal_item)}.", bold=True)
        _para(document, f"Quy tắc biểu quyết: {_rule_text(item.rule)}")
        exclusions = list(item.exclusions.all())
        if exclusions:
            _para(document, "Thành viên không tham gia biểu quyết:")
            for exclusion in exclusions:
                reason = exclusion.reason or exclusion.get_kind_display()
                _para(document, f"- {exclusion.member.full_name}: {reason}")
        result = item.result or {}
        if item.vote_state != "closed":
            _para(document, "Kết quả: chưa biểu quyết.")
            continue
        _para(document, f"Số phiếu: đồng ý {result.get('approve', 0)}, không đồng ý "
                        f"{result.get('reject', 0)}, không biểu quyết {result.get('abstain', 0)}"
                        f", không hợp lệ {result.get('invalid', 0)}; số làm căn cứ tính tỷ lệ: "
                        f"{result.get('base', 0)}.")
        by_member = result.get("by_member")
        if by_member and not item.rule.get("secret", True):
            _para(document, "Biểu quyết công khai: " + "; ".join(
                f"{v.get('name', '')} {CHOICE_LABELS.get(v.get('choice'), '')}"
                for v in by_member.values()) + ".")
        _para(document, f"Kết quả: {STATUS_LABELS.get(item.status, item.status)}.", bold=True)

    _heading(document, "III. Ý KIẾN, KẾT LUẬN")
    _para(document, meeting.notes or "...")
    _para(document, "Phiên họp kết thúc vào hồi ...... giờ ...... cùng ngày. Biên bản đã được "
                    "thông qua trước Hội đồng; các thành viên thống nhất nội dung.",
          space_before=6)
    w._line(document, "", space_before=6)
    left, right = w._two_columns(document, _content_cm() / 2, _content_cm() / 2)
    w._line(left, "THƯ KÝ HỘI ĐỒNG", size=13, bold=True, first=True)
    w._line(left, "(Ký, ghi rõ họ tên)", size=13, italic=True)
    w._line(left, "", space_before=48)
    w._line(left, secretary if meeting.secretary else "", size=14, bold=True)
    w._line(right, "CHỦ TỊCH HỘI ĐỒNG" if meeting.chair and meeting.chair.role == "chair"
            else "CHỦ TRÌ PHIÊN HỌP", size=13, bold=True, first=True)
    w._line(right, "(Ký, ghi rõ họ tên)", size=13, italic=True)
    w._line(right, "", space_before=48)
    w._line(right, chair if meeting.chair else "", size=14, bold=True)
    props = document.core_properties
    props.title = f"Biên bản họp Hội đồng — {meeting.title}"
    props.author = "Hội đồng Thi đua - Khen thưởng tỉnh Lai Châu"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def file_name(meeting) -> str:
    return f"bien-ban-hop-hoi-dong-{meeting.pk}-{meeting.held_on:%Y%m%d}.docx"
