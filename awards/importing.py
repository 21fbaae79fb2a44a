"""The import of earlier award history from an Excel file (source ``IMPORTED``).

Upload → preview (each row resolved to a subject — an existing one by the matching rule of
``services.matching_subjects``, or a new one — and to one catalogue entry by code or name, with
the row's errors in Vietnamese) → confirm, all or nothing. The file goes through the one door
(``uploads.safety.check_upload``) and waits in ``uploads.staging`` between the two steps; the
blank template is written by ``uploads.tables.xlsx_bytes``. :func:`preview_history_import` is
the only code that decides what a file does; :func:`apply_history_import` runs it again.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import log
from audit.models import Action
from awards import services
from awards.models import AwardRecord, AwardSubject, CommendationForm, EmulationTitle
from core.errors import DomainError
from core.text import clean, fold
from registry.enums import ExemplarKind

# (key, header); the headers are what the template writes and what the import looks for.
COLUMNS = (
    ("kind", gettext_lazy("Loại đối tượng")),
    ("name", gettext_lazy("Tên cá nhân, tập thể, hộ gia đình")),
    ("birth_year", gettext_lazy("Năm sinh")),
    ("unit", gettext_lazy("Đơn vị")),
    ("award", gettext_lazy("Danh hiệu hoặc hình thức khen thưởng")),
    ("year", gettext_lazy("Năm")),
    ("number", gettext_lazy("Số quyết định")),
    ("date", gettext_lazy("Ngày quyết định")),
    ("issuer", gettext_lazy("Cơ quan, người quyết định")),
    ("field_key", gettext_lazy("Lĩnh vực")),
    ("achievement", gettext_lazy("Thành tích")),
)
REQUIRED = ("kind", "name", "unit", "award", "year", "number", "date", "issuer")
PURPOSE = "awards.history_import"  # the staging purpose
MAX_ROWS = 5000


@dataclass
class HistoryRow:
    line: int
    cells: dict[str, str]
    kind: str = ""
    unit: object = None
    subject: AwardSubject | None = None  # an existing subject; None: a new one is created
    title: EmulationTitle | None = None
    form: CommendationForm | None = None
    year: int | None = None
    decision_date: datetime.date | None = None
    birth_year: int | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def award(self):
        return self.title or self.form

    @property
    def is_new_subject(self) -> bool:
        return self.subject is None


def template_bytes() -> bytes:
    from uploads.tables import xlsx_bytes

    example = [_("Cá nhân"), "Lò Thị Hoa", 1985, "Sở Y tế", "Bằng khen của Chủ tịch UBND tỉnh",
               2023, "1234/QĐ-UBND", "15/12/2023", _("Chủ tịch UBND tỉnh Lai Châu"), "", ""]
    return xlsx_bytes(_("Hồ sơ thành tích"), [str(h) for _k, h in COLUMNS], [example])


def _kinds() -> dict[str, str]:
    out = {fold(str(label)): value for value, label in ExemplarKind.choices}
    out.update({value: value for value in ExemplarKind.values})
    out.update({"ca nhan": "individual", "tap the": "collective", "ho gia dinh": "household",
                "ho": "household"})
    return out


def _header(grid) -> tuple[int, dict[int, str]] | None:
    wanted = {fold(str(h)): key for key, h in COLUMNS}
    for index, (_line, cells) in enumerate(grid):
        mapping = {i: wanted[fold(c)] for i, c in enumerate(cells) if fold(c) in wanted}
        if set(REQUIRED) <= set(mapping.values()):
            return index, mapping
    return None


def _day(text: str) -> datetime.date | None:
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if match:
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
        return datetime.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _year(text: str) -> int | None:
    return int(text) if re.fullmatch(r"\d{4}", text) and 1945 <= int(text) <= 2100 else None


class _Catalogue:
    def __init__(self):
        self.by_key: dict[str, list] = {}
        for model in (EmulationTitle, CommendationForm):
            for entry in model.objects.all():
                for key in {entry.code.lower(), fold(entry.name)}:
                    self.by_key.setdefault(key, []).append(entry)

    def find(self, text: str) -> list:
        return self.by_key.get(text.lower(), []) or self.by_key.get(fold(text), [])


def preview_history_import(*, filename: str, data: bytes, acting_user) -> list[HistoryRow]:
    """Read the file and resolve every row; nothing is written. Raises ``DomainError`` for a
    file that cannot be read at all (wrong type, unsafe, no header row, too many rows)."""
    services._require(acting_user, "awards.import_history")
    from orgs.selectors import resolve_unit
    from uploads.parse_xlsx import xlsx_blocks
    from uploads.safety import UnusableFile, check_upload

    try:
        checked = check_upload(filename, data)
        if checked.kind != "xlsx":
            raise DomainError(_("Hãy tải lên tệp Excel (.xlsx)."), field="file")
        blocks = xlsx_blocks(checked.data)
    except UnusableFile as error:
        raise DomainError(error.message, field="file") from error
    grid = blocks[0].rows if blocks else []
    found = _header(grid)
    if found is None:
        raise DomainError(_("Không tìm thấy hàng tiêu đề của mẫu (Loại đối tượng, Tên …, Đơn vị, "
                            "Danh hiệu hoặc hình thức khen thưởng, Năm, Số quyết định, Ngày quyết "
                            "định, Cơ quan, người quyết định). Hãy dùng tệp mẫu."), field="file")
    index, mapping = found
    lines = [(line, {key: clean(cells[i]) if i < len(cells) else ""
                     for i, key in mapping.items()})
             for line, cells in grid[index + 1:] if any(clean(c) for c in cells)]
    if not lines:
        raise DomainError(_("Tệp không có dòng nào để nhập."), field="file")
    if len(lines) > MAX_ROWS:
        raise DomainError(_("Tệp có quá %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": MAX_ROWS},
                          field="file")
    kinds, catalogue, units = _kinds(), _Catalogue(), {}
    rows = []
    seen: set[tuple] = set()
    for line, cells in lines:
        cells = {key: cells.get(key, "") for key, _h in COLUMNS}
        row = HistoryRow(line, cells)
        for key, header in COLUMNS:
            if key in REQUIRED and not cells[key]:
                row.errors.append(_("Thiếu “%(column)s”.") % {"column": header})
        row.kind = kinds.get(fold(cells["kind"]), "")
        if cells["kind"] and not row.kind:
            row.errors.append(_("Loại đối tượng “%(value)s” không hợp lệ (Cá nhân, Tập thể, Hộ gia "
                                "đình).") % {"value": cells["kind"]})
        if cells["unit"]:
            if cells["unit"] not in units:
                units[cells["unit"]] = resolve_unit(cells["unit"])
            resolution = units[cells["unit"]]
            row.unit = resolution.unit
            if row.unit is None:
                row.errors.append(resolution.message())
        if len(cells["field_key"]) > 8:
            row.errors.append(_("Lĩnh vực “%(value)s” không hợp lệ; ghi mã lĩnh vực của hướng "
                                "dẫn (a, b, …).") % {"value": cells["field_key"]})
        if cells["birth_year"]:
            row.birth_year = _year(cells["birth_year"])
            if row.birth_year is None:
                row.errors.append(_("Năm sinh “%(value)s” không hợp lệ.")
                                  % {"value": cells["birth_year"]})
        if cells["year"]:
            row.year = _year(cells["year"])
            if row.year is None:
                row.errors.append(_("Năm “%(value)s” không hợp lệ.") % {"value": cells["year"]})
        if cells["date"]:
            row.decision_date = _day(cells["date"])
            if row.decision_date is None:
                row.errors.append(_("Ngày quyết định “%(value)s” không hợp lệ (cần dạng "
                                    "ngày/tháng/năm).") % {"value": cells["date"]})
            elif row.decision_date > timezone.localdate():
                row.errors.append(_("Ngày quyết định không được sau hôm nay."))
        if cells["award"]:
            entries = catalogue.find(cells["award"])
            if not entries:
                row.errors.append(_("“%(value)s” không có trong danh mục danh hiệu thi đua và hình "
                                    "thức khen thưởng.") % {"value": cells["award"]})
            elif len(entries) > 1:
                row.errors.append(_("“%(value)s” ứng với nhiều mục của danh mục; hãy ghi mã.")
                                  % {"value": cells["award"]})
            else:
                entry = entries[0]
                if isinstance(entry, EmulationTitle):
                    row.title = entry
                else:
                    row.form = entry
                if row.kind and entry.subject_kinds and row.kind not in entry.subject_kinds:
                    row.errors.append(_("“%(award)s” không áp dụng cho đối tượng này.")
                                      % {"award": entry.name})
                day = row.decision_date
                if day and (day < entry.valid_from or (entry.valid_to and day > entry.valid_to)):
                    row.errors.append(_("“%(award)s” không còn hiệu lực vào ngày quyết định.")
                                      % {"award": entry.name})
        if row.kind and cells["name"] and row.unit is not None:
            row.subject = services.matching_subjects(
                kind=row.kind, name=cells["name"], unit_id=row.unit.pk,
                birth_year=row.birth_year).order_by("pk").first()
        if row.award is not None and cells["number"]:
            key = (row.kind, fold(cells["name"]), getattr(row.unit, "pk", None),
                   row.award.pk, type(row.award).__name__, cells["number"])
            if key in seen:
                row.errors.append(_("Dòng trùng với một dòng trước trong tệp."))
            seen.add(key)
            if row.subject is not None and AwardRecord.objects.filter(
                    subject=row.subject, title=row.title, form=row.form,
                    decision_number=cells["number"]).exists():
                row.errors.append(_("Hồ sơ đã có khen thưởng này theo quyết định số %(number)s.")
                                  % {"number": cells["number"]})
        rows.append(row)
    return rows


def apply_history_import(*, filename: str, data: bytes, acting_user) -> int:
    """All or nothing: any row with an error refuses the whole file; else every row becomes a
    record (``source=IMPORTED``), creating the subjects not yet known. Side effects:
    ``add_record``'s per row, one audit event per created subject, one import event."""
    from awards.models import RecordSource

    rows = preview_history_import(filename=filename, data=data, acting_user=acting_user)
    bad = [r for r in rows if r.errors]
    if bad:
        raise DomainError(_("Tệp còn %(n)s dòng lỗi; chưa nhập dòng nào.") % {"n": len(bad)})
    with transaction.atomic():
        for row in rows:
            subject = row.subject or services.create_subject(
                kind=row.kind, name=row.cells["name"], unit=row.unit, birth_year=row.birth_year,
                acting_user=acting_user)
            services.add_record(
                subject=subject, title=row.title, form=row.form, year=row.year,
                decision_number=row.cells["number"], decision_date=row.decision_date,
                issuer=row.cells["issuer"], achievement=row.cells["achievement"],
                field_key=row.cells["field_key"], source=RecordSource.IMPORTED,
                acting_user=acting_user)
        log.record(actor=acting_user, action=Action.IMPORT, obj=acting_user,
                   verb=_("Nhập hồ sơ thành tích từ tệp"),
                   after={"rows": len(rows), "file": filename})
    return len(rows)
