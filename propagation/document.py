"""What a media kit's letter says, once for the Word file and the PDF: a công văn (Nghị định
30/2020/NĐ-CP, Phụ lục III, mẫu 1.4 — công văn has no type code in its number): the issuer block
("UBND TỈNH LAI CHÂU / SỞ NỘI VỤ"), "Số: 45/SNV-TĐKT" and the subject ("V/v giới thiệu …")
under the number; the nation, the motto, the place and date; "Kính gửi: <channel>."; the body;
then per exemplar its story (the solutions it carried out), its achievements (the award history
and, if any, the verdict frozen when it was proposed), its photos and the contact of its unit;
"Nơi nhận" and the signature block.

The text is the official Vietnamese wording and does not go through gettext (like the other
Decree-30 documents)."""

from dataclasses import dataclass, field

from propagation.models import MediaKit
from propagation.selectors import kit_entries
from registry.io.document import MOTTO, NATION, place_date, xml_safe

SUPERIOR_BODY = "UBND TỈNH LAI CHÂU"
ISSUING_BODY = "SỞ NỘI VỤ"
NUMBER_SUFFIX = "SNV-TĐKT"
PLACE = "Lai Châu"
KIND_LABELS = {"collective": "Tập thể", "individual": "Cá nhân", "household": "Hộ gia đình",
               "model": "Mô hình"}
DEFAULT_BODY = ("Thực hiện công tác phát hiện, bồi dưỡng, tổng hợp và nhân rộng điển hình tiên "
                "tiến, Sở Nội vụ (cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh) trân "
                "trọng giới thiệu đến Quý cơ quan các điển hình tiên tiến dưới đây để phối hợp "
                "tuyên truyền, nhân rộng. Thông tin chi tiết và hình ảnh của từng điển hình như "
                "sau:")


@dataclass
class Photo:
    name: str
    path: str  # the private file's path on disk


@dataclass
class ExemplarSection:
    heading: str
    unit_name: str
    story: str
    achievements: list[str]
    verdict: str
    photos: list[Photo]
    contact: list[str]


@dataclass
class KitDocument:
    superior_body: str
    issuing_body: str
    number_line: str
    subject: str
    nation: str
    motto: str
    place_date: str
    recipient: str
    body: str
    sections: list[ExemplarSection] = field(default_factory=list)
    closing: str = ("Sở Nội vụ đề nghị Quý cơ quan quan tâm, phối hợp tuyên truyền. Mọi thông tin "
                    "xin liên hệ Phòng Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lai Châu./.")
    recipients: list[str] = field(default_factory=list)
    signature_lines: list[str] = field(default_factory=list)
    signer_name: str = ""

    @property
    def names(self) -> list[str]:
        return [s.heading for s in self.sections]


def number_line(kit: MediaKit) -> str:
    return f"Số: {kit.number or '……'}/{NUMBER_SUFFIX}"


def _award_line(record) -> str:
    award = record.title or record.form
    text = f"{award.name if award else ''} năm {record.year}"
    text += f" (Quyết định số {record.decision_number} ngày {record.decision_date:%d/%m/%Y}"
    text += f" của {record.issuer})" if record.issuer else ")"
    if record.achievement:
        text += f": {record.achievement}"
    return text


def _contact(unit) -> list[str]:
    lines = [f"Đơn vị: {unit.name}"]
    if unit.address:
        lines.append(f"Địa chỉ: {unit.address}")
    if unit.email:
        lines.append(f"Thư điện tử: {unit.email}")
    return lines


def build(kit: MediaKit) -> KitDocument:
    sections = []
    for index, entry in enumerate(kit_entries(kit), start=1):
        e = entry.exemplar
        kind = KIND_LABELS.get(e.kind, "")
        verdict = ""
        if entry.verdict.get("status_label"):
            verdict = f"Kết quả đánh giá theo tiêu chí khi đề nghị: {entry.verdict['status_label']}"
        sections.append(ExemplarSection(
            heading=xml_safe(f"{index}. {kind} {e.name}".replace("  ", " ")),
            unit_name=xml_safe(entry.unit.name),
            story=xml_safe(e.solutions or "(Đơn vị chưa ghi giải pháp thực hiện.)"),
            achievements=[xml_safe(_award_line(r)) for r in entry.awards],
            verdict=xml_safe(verdict),
            photos=[Photo(p.original_name, p.file.path) for p in entry.photos],
            contact=[xml_safe(line) for line in _contact(entry.unit)]))
    return KitDocument(
        superior_body=SUPERIOR_BODY, issuing_body=ISSUING_BODY, number_line=number_line(kit),
        subject=xml_safe(kit.subject), nation=NATION, motto=MOTTO,
        place_date=place_date(PLACE, kit.dated),
        recipient=xml_safe(f"Kính gửi: {kit.channel.name}."),
        body=xml_safe(kit.body or DEFAULT_BODY), sections=sections,
        recipients=["- Như trên;", "- Thường trực Hội đồng TĐKT tỉnh (b/c);",
                    "- Lưu: VT, TĐKT."],
        signature_lines=[xml_safe(line) for line in (kit.signer_title or "GIÁM ĐỐC").split("\n")],
        signer_name=xml_safe(kit.signer_name))


def file_stem(kit: MediaKit) -> str:
    return f"cong-van-gioi-thieu-{kit.number or kit.pk}-SNV-TDKT"
