"""A registration (or a blank form) as plain data: what every exporter lays out.

The text of the form itself (the national motto, the place and date line) is the official
Vietnamese wording and is deliberately not passed through gettext: the document is Vietnamese
whatever language the user reads the site in. Headings, headers and the lead come from the pack.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from core.text import fold
from guidance.pack import FormColumn, FormSection, Pack
from registry.io import columns as c

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DEFAULT_RECIPIENTS = ["- Sở Nội vụ (Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh);",
                      "- Lưu: VT."]
BLANK_ROWS = 5
# Control characters that XML (and therefore .docx/.xlsx) cannot hold; tab and newline stay.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Used only when a pack has no section for a kind that the registration nevertheless holds.
_FALLBACK_NAME_HEADERS = {"collective": "Đơn vị", "individual": "Họ và tên",
                          "household": "Họ và tên chủ hộ", "model": "Tên mô hình"}
_DEFAULT_WIDTHS_CM = {c.NUMBER: 1.2, c.NAME: 4.5, c.ADDRESS: 4.0, c.HEAD_NAME: 4.0,
                      c.PERSON_DETAILS: 6.0, c.FIELD: 4.0, c.SOLUTIONS: 7.0, c.NOTES: 2.5}
_FALLBACK_HEADINGS = {"collective": ("I", "TẬP THỂ"), "individual": ("II", "CÁ NHÂN"),
                      "household": ("III", "HỘ GIA ĐÌNH"), "model": ("IV", "MÔ HÌNH")}


@dataclass(frozen=True)
class ColumnData:
    key: str
    header: str
    role: str | None
    width_cm: float | None = None


@dataclass(frozen=True)
class SectionData:
    kind: str
    numeral: str
    heading: str
    columns: list[ColumnData]
    rows: list[list[str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.numeral}. {self.heading}"

    def column_with(self, role: str) -> int | None:
        return next((i for i, col in enumerate(self.columns) if col.role == role), None)


def column_widths_cm(section: SectionData, total_cm: float) -> list[float]:
    """The pack's widths where given, sensible ones per role elsewhere, scaled to ``total_cm``."""
    widths = [col.width_cm or _DEFAULT_WIDTHS_CM.get(col.role or "", 3.0)
              for col in section.columns]
    scale = total_cm / sum(widths)
    return [w * scale for w in widths]


@dataclass(frozen=True)
class FormDocument:
    unit_name: str
    issuer_lines: list[str]  # upper case; the last one is the unit itself (bold)
    place_date: str
    title: str
    subtitle: str
    lead: str
    sections: list[SectionData]
    recipients_label: str
    recipients: list[str]
    signer_title: str
    signer_hint: str
    signer_name: str
    field_choices: list[str]
    file_stem: str
    nation: str = NATION
    motto: str = MOTTO
    # What to write in the field column: (key, label and the synonyms the importer understands)
    field_legend: list[tuple[str, str]] = field(default_factory=list)
    example_title: str = ""
    example: list[tuple[str, str]] = field(default_factory=list)  # (column header, value)


def place_date(place: str, day: datetime.date) -> str:
    """"Lai Châu, ngày 05 tháng 01 năm 2026": day with two digits, months 1 and 2 too (Nghị
    định 30/2020, Phụ lục I), so the date cannot be altered by adding a digit."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def blank_place_date(place: str, year: int) -> str:
    """The line left for the unit to date by hand when it signs."""
    return f"{place}, ngày ..... tháng ..... năm {year}"


def field_choice(pack: Pack, key: str) -> str:
    """How a field is written in the form's cell and offered in the drop-down: "k) CCHC"."""
    found = pack.field(key)
    return f"{found.key}) {found.label}" if found else key


def field_choices(pack: Pack) -> list[str]:
    return [field_choice(pack, f.key) for f in pack.selectable_fields()]


def field_legend(pack: Pack) -> list[tuple[str, str]]:
    """The selectable fields as the Word template lists them: "d1" → "Sản xuất nông nghiệp
    (cũng hiểu: …)". Word has no drop-down: this key is what the clerk writes."""
    legend = []
    for item in pack.selectable_fields():
        text = item.label
        if item.synonyms:
            text += " (cũng được ghi: " + ", ".join(item.synonyms) + ")"
        legend.append((item.key, text))
    return legend


_EXAMPLE_VALUES = {c.NUMBER: "1", c.ADDRESS: "Phường Tân Phong, tỉnh Lai Châu",
                   c.HEAD_NAME: "Lò Văn Minh", c.POSITION_TITLE: "Chuyên viên",
                   c.WORK_UNIT: "Văn phòng Sở", c.GENDER: "Nữ", c.BIRTH_YEAR: "1985",
                   c.ETHNICITY: "Thái", c.NOTES: "",
                   c.SOLUTIONS: "Rà soát, rút gọn thủ tục; hướng dẫn người dân nộp hồ sơ "
                                "trực tuyến"}
_EXAMPLE_NAMES = {"collective": "Phòng Hành chính - Tổng hợp", "individual": "Lò Thị Hoa",
                  "household": "Hộ ông Lò Văn Páo", "model": "Mô hình “Một cửa thân thiện”"}


def example_row(pack: Pack) -> tuple[str, list[tuple[str, str]]]:
    """One filled row of the individuals' section (or the first section), for the template."""
    found = pack.section("individual") or (pack.form.sections[0] if pack.form.sections else None)
    if found is None:
        return "", []
    fields = pack.selectable_fields()
    key = next((f.key for f in fields if f.key == "k"), fields[-1].key if fields else "")
    values = []
    for col in found.columns:
        role = c.role_of_column(col.key, col.header)
        if role == c.NAME:
            value = _EXAMPLE_NAMES.get(found.kind, "")
        elif role == c.FIELD:
            value = key
        elif role == c.PERSON_DETAILS:
            value = "Chuyên viên; Văn phòng Sở; Phường Tân Phong, tỉnh Lai Châu"
        else:
            value = _EXAMPLE_VALUES.get(role or "", "")
        if value:
            values.append((col.header, value))
    return f"{found.numeral}. {found.heading.capitalize()}", values


def person_details(position_title: str, work_unit: str, address: str) -> str:
    """The individual's combined cell, one part a line; empty parts keep their line so that
    the importer puts every part back where it was."""
    parts = [position_title, work_unit, address]
    while parts and not parts[-1]:
        parts.pop()
    return "\n".join(parts)


def _column(col: FormColumn) -> ColumnData:
    return ColumnData(col.key, col.header, c.role_of_column(col.key, col.header), col.width_cm)


def _fallback_section(kind: str) -> SectionData:
    numeral, heading = _FALLBACK_HEADINGS[kind]
    headers = [("stt", "Stt"), ("name", _FALLBACK_NAME_HEADERS[kind]), ("address", "Địa chỉ"),
               ("field", "Điển hình thuộc lĩnh vực"),
               ("solutions", "Các giải pháp thực hiện xây dựng, nhân rộng điển hình "
                             "(nêu khái quát)"),
               ("notes", "Ghi chú")]
    return SectionData(kind, numeral, heading,
                       [ColumnData(k, h, c.role_of_column(k, h)) for k, h in headers])


def _section_shell(pack: Pack, kind: str) -> SectionData:
    found: FormSection | None = pack.section(kind)
    if found is None:
        return _fallback_section(kind)
    return SectionData(kind, found.numeral, found.heading.upper(),
                       [_column(col) for col in found.columns])


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def cell_text(role: str | None, exemplar, pack: Pack, number: int) -> str:
    """The text of one cell of an entry's row."""
    return xml_safe(_cell_text(role, exemplar, pack, number))


def _cell_text(role: str | None, exemplar, pack: Pack, number: int) -> str:
    if role == c.NUMBER:
        return str(number)
    if role == c.NAME:
        return exemplar.name
    if role == c.FIELD:
        return field_choice(pack, exemplar.field_key)
    if role == c.PERSON_DETAILS:
        return person_details(exemplar.position_title, exemplar.work_unit, exemplar.address)
    if role == c.GENDER:
        return exemplar.get_gender_display() if exemplar.gender else ""
    if role == c.BIRTH_YEAR:
        return str(exemplar.birth_year or "")
    if role in c.PLAIN_ROLES:
        return getattr(exemplar, role) or ""
    return ""


def _lead(pack: Pack, unit_name: str) -> str:
    values = defaultdict(str, guidance_number=pack.number, unit_name=unit_name,
                         guidance_date=pack.issued_on.strftime("%d/%m/%Y"))
    return pack.form.lead.format_map(values)


def _issuer_lines(unit) -> list[str]:
    parent = getattr(unit, "parent", None)
    lines = [parent.name.upper()] if parent is not None else []
    return [*lines, unit.name.upper()]


def _document(unit, pack: Pack, sections: list[SectionData], *, dated: str,
              recipients: list[str], signer_name: str, stem: str) -> FormDocument:
    form = pack.form
    example_title, example = example_row(pack)
    return FormDocument(
        unit_name=unit.name, issuer_lines=_issuer_lines(unit),
        place_date=dated, title=form.title, subtitle=form.subtitle,
        lead=_lead(pack, unit.name), sections=sections,
        recipients_label=form.recipients_label, recipients=recipients,
        signer_title=form.signer_title, signer_hint=form.signer_hint, signer_name=signer_name,
        field_choices=field_choices(pack),
        file_stem=f"{stem}-{slugify(fold(unit.name))[:60] or 'don-vi'}",
        field_legend=field_legend(pack), example_title=example_title, example=example,
    )


def registration_document(registration, *, day: datetime.date | None = None) -> FormDocument:
    """The registration's filled form: the pack's sections (optional ones only when they hold
    entries), rows numbered 1, 2, … in the registration's order."""
    pack = registration.campaign.pack.pack
    entries: dict[str, list] = defaultdict(list)
    for item in registration.exemplars.order_by("kind", "position", "pk"):
        entries[item.kind].append(item)
    kinds = [s.kind for s in pack.form.sections if not s.optional or entries[s.kind]]
    kinds += [k for k in _FALLBACK_HEADINGS if entries[k] and k not in kinds]
    sections = []
    for kind in kinds:
        shell = _section_shell(pack, kind)
        rows = [[cell_text(col.role, item, pack, n) for col in shell.columns]
                for n, item in enumerate(entries[kind], start=1)]
        sections.append(SectionData(shell.kind, shell.numeral, shell.heading, shell.columns, rows))
    when = day or timezone.localdate(registration.submitted_at or timezone.now())
    recipients = [line for line in registration.recipients.splitlines() if line.strip()]
    return _document(registration.unit, pack, sections, dated=place_date(pack.form.place, when),
                     recipients=recipients or DEFAULT_RECIPIENTS,
                     signer_name=registration.signer_name, stem="bieu-dang-ky")


def blank_document(unit, pack: Pack, *, rows: int = BLANK_ROWS,
                   day: datetime.date | None = None) -> FormDocument:
    """The empty form for a unit to fill offline: every section, a few numbered rows, the date
    left blank unless ``day`` is given."""
    sections = []
    for form_section in pack.form.sections:
        shell = _section_shell(pack, form_section.kind)
        blank = [[str(n) if col.role == c.NUMBER else "" for col in shell.columns]
                 for n in range(1, rows + 1)]
        sections.append(SectionData(shell.kind, shell.numeral, shell.heading, shell.columns,
                                    blank))
    place = pack.form.place
    dated = place_date(place, day) if day else blank_place_date(place, timezone.localdate().year)
    return _document(unit, pack, sections, dated=dated,
                     recipients=DEFAULT_RECIPIENTS, signer_name="", stem="mau-bieu-dang-ky")
