"""A parsed Biểu đăng ký against a registration: the plan, the unit check, and applying it.

Entries are matched by section and folded name ("Nguyễn Văn An" = "NGUYEN VAN AN"). A section
with at least one entry in the file replaces that kind — its entries are added, changed,
renumbered in the file's order or removed — while a section the file leaves empty (the blank
template's unfilled tables) or does not have is left as it is. The plan is computed by one
function, ``preview_import``, for the web preview, the command and the apply alike; applying
refuses a plan that deletes entries unless the deletion was confirmed, and a file that names
another unit unless that was confirmed too.

Every write goes through the entry services (permission, validation, audit log per entry),
all inside one transaction: a refusal anywhere leaves the registration untouched. Added entries
go in one batch (``bulk_add_exemplars``: one insert, bulk audit events); changes and removals
entry by entry (``update_exemplar``, ``remove_exemplar``: version checks).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import fold
from orgs.models import Unit
from orgs.selectors import resolve_unit
from registry.enums import ExemplarKind
from registry.io.issuer import issuer_texts
from registry.io.parsed import ParsedEntry, ParsedForm, RowError
from registry.models import Exemplar, Registration
from registry.services.exemplars import bulk_add_exemplars, remove_exemplar, update_exemplar

_BLANK = (None, "")


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    entry: ParsedEntry
    exemplar: Exemplar
    changes: list[FieldChange]


@dataclass(frozen=True)
class UnitCheck:
    """Whose form the file is: the units it names as its issuer (the target's superior bodies
    left out), against the registration's unit."""

    target: Unit
    named: tuple[Unit, ...] = ()

    @property
    def others(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.named if u.pk != self.target.pk)

    @property
    def status(self) -> str:
        """"same" (the file names this unit only), "other" or "none" (no known unit named)."""
        return "other" if self.others else "same" if self.named else "none"

    def message(self) -> str:
        if self.status == "other":
            return _("Tệp này là biểu đăng ký của “%(file)s”, không phải của “%(unit)s”. Hãy "
                     "chọn đúng tệp, hoặc xác nhận nhập tệp này vào biểu của “%(unit)s”.") % {
                "file": "”, “".join(u.name for u in self.others), "unit": self.target.name}
        if self.status == "none":
            return _("Tệp không ghi tên đơn vị nào có trong danh mục (dòng “ĐƠN VỊ …” dưới cơ "
                     "quan cấp trên, hoặc câu mở đầu “…, <đơn vị> đăng ký thực hiện như sau”); "
                     "hãy kiểm tra đây đúng là biểu của “%(unit)s”.") % {"unit": self.target.name}
        return ""


@dataclass
class ImportPreview:
    registration_version: int
    entries: list[ParsedEntry]
    errors: list[RowError]
    unusable: bool = False
    added: list[ParsedEntry] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Exemplar] = field(default_factory=list)
    # Existing entries left as they are: matched without a difference, or in a section the file
    # leaves empty or does not have.
    unchanged: list[Exemplar] = field(default_factory=list)
    kept_sections: list[str] = field(default_factory=list)  # not filled in the file
    unit_check: UnitCheck | None = None

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def can_apply(self) -> bool:
        return not self.errors and not self.unusable

    @property
    def other_unit(self) -> bool:
        return self.unit_check is not None and self.unit_check.status == "other"

    def plan(self) -> dict[str, list[dict[str, str]]]:
        """The plan as plain data (the command's ``--json``): each item ``{"section", "name"}``."""
        def item(kind: str, name: str) -> dict[str, str]:
            return {"section": kind, "name": name}

        return {"added": [item(e.section, e.name) for e in self.added],
                "changed": [item(c.exemplar.kind, c.exemplar.name) for c in self.changed],
                "removed": [item(e.kind, e.name) for e in self.removed],
                "unchanged": [item(e.kind, e.name) for e in self.unchanged]}


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    removed: int
    version: int


def _shown(key: str, value, pack) -> str:
    if value in _BLANK:
        return ""
    if key == "field_key":
        from registry.io.document import field_choice

        return field_choice(pack, str(value))
    if key == "gender":
        from registry.enums import Gender

        return str(Gender(value).label) if value in Gender.values else str(value)
    return str(value)


def _differences(entry: ParsedEntry, exemplar: Exemplar, pack) -> list[FieldChange]:
    changes = []
    for key, new in entry.data().items():
        if key in {"kind", "position"}:
            continue
        old = getattr(exemplar, key)
        if (old in _BLANK and new in _BLANK) or old == new:
            continue
        label = str(Exemplar._meta.get_field(key).verbose_name).capitalize()
        changes.append(FieldChange(label, _shown(key, old, pack), _shown(key, new, pack)))
    return changes


def _moves(matched: list[tuple[ParsedEntry, Exemplar]]) -> set[int]:
    """Existing entries whose order among the kept ones changes (not mere renumbering)."""
    in_file = [exemplar.pk for _entry, exemplar in matched]
    by_position = [e.pk for e in sorted((e for _x, e in matched), key=lambda e: e.position)]
    return {pk for pk, other in zip(in_file, by_position, strict=True) if pk != other}


def preview_import(*, registration: Registration, parsed: ParsedForm) -> ImportPreview:
    """What applying ``parsed`` would do to the registration as it stands now. No writes."""
    preview = ImportPreview(registration.version, parsed.entries, parsed.errors, parsed.unusable)
    if parsed.unusable:
        return preview
    pack = registration.campaign.pack.pack
    preview.unit_check = check_unit(registration.unit, parsed, pack)
    current: dict[str, list[Exemplar]] = {}
    for exemplar in registration.exemplars.order_by("kind", "position", "pk"):
        current.setdefault(exemplar.kind, []).append(exemplar)
    filled = parsed.filled_sections
    preview.kept_sections = [k for k in ExemplarKind.values if k not in filled and current.get(k)]
    for kind in preview.kept_sections:
        preview.unchanged += current[kind]
    for kind in filled:
        waiting: dict[str, list[Exemplar]] = {}
        for exemplar in current.get(kind, []):
            waiting.setdefault(fold(exemplar.name), []).append(exemplar)
        matched: list[tuple[ParsedEntry, Exemplar]] = []
        for entry in (e for e in parsed.entries if e.section == kind):
            same = waiting.get(fold(entry.name))
            if same:
                matched.append((entry, same.pop(0)))
            else:
                preview.added.append(entry)
        moved = _moves(matched)
        for entry, exemplar in matched:
            changes = _differences(entry, exemplar, pack)
            if exemplar.pk in moved:
                changes.append(FieldChange(_("Số thứ tự"), str(exemplar.position), str(entry.row)))
            if changes:
                preview.changed.append(Change(entry, exemplar, changes))
            else:
                preview.unchanged.append(exemplar)
        preview.removed += [e for rest in waiting.values() for e in rest]
    order = {kind: n for n, kind in enumerate(ExemplarKind.values)}
    preview.removed.sort(key=lambda e: (order[e.kind], e.position))
    preview.unchanged.sort(key=lambda e: (order[e.kind], e.position))
    return preview


def file_units(parsed: ParsedForm, pack) -> list[Unit]:
    """The units the file names as its issuer (``registry.io.issuer``), each resolved with
    ``orgs.selectors.resolve_unit``; a unit written above another it contains (the superior
    body above the unit) is left out. Texts naming no unit, or several, are passed over."""
    found: dict[int, Unit] = {}
    for text in issuer_texts(parsed, pack):
        unit = resolve_unit(text).unit
        if unit is not None:
            found.setdefault(unit.pk, unit)
    units = list(found.values())
    return [u for u in units if not any(_contains(u, other) for other in units)]


def _contains(unit: Unit, other: Unit) -> bool:
    return (unit.pk != other.pk and bool(unit.tree_path)
            and other.tree_path.startswith(unit.tree_path))


def check_unit(target: Unit, parsed: ParsedForm, pack) -> UnitCheck:
    """Whether the file is ``target``'s form: the units it names, without ``target``'s
    superior bodies (a file headed "UBND TỈNH LAI CHÂU" only names no unit)."""
    named = [u for u in file_units(parsed, pack) if not _contains(u, target)]
    return UnitCheck(target, tuple(named))


def apply_import(*, registration: Registration, parsed: ParsedForm, acting_user,
                 expected_version: int | None = None, source_name: str = "",
                 allow_delete: bool = False, allow_other_unit: bool = False) -> ImportResult:
    """Make the registration's sections filled in the file equal to the file, all or nothing.

    Refuses a file with errors, a user without ``registry.change_registration`` and, when
    ``expected_version`` is given, a registration changed since the preview (StaleVersion);
    then, before any write, a plan that deletes entries unless ``allow_delete`` and a file that
    names another unit unless ``allow_other_unit`` (DomainError: nothing is applied).
    Side effects (one transaction): entries removed and changed one by one, and added in one
    batch (``bulk_add_exemplars``), each with its audit event; positions set to the
    file's order, the registration's version bumped, and one audit event of action IMPORT on
    the registration.
    """
    if parsed.unusable or parsed.errors:
        raise DomainError(_("Tệp còn lỗi nên chưa nhập được; hãy sửa tệp rồi tải lên lại."))
    if not acting_user.has_perm("registry.change_registration", registration):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))
    with transaction.atomic():
        current = (Registration.objects.select_for_update()
                   .select_related("unit", "campaign", "campaign__pack").get(pk=registration.pk))
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(_("Biểu đăng ký vừa được thay đổi sau khi xem trước; hãy tải tệp "
                                 "lên lại để xem trước theo bản mới nhất."))
        plan = preview_import(registration=current, parsed=parsed)
        _require_confirmations(plan, allow_delete=allow_delete,
                               allow_other_unit=allow_other_unit)
        for exemplar in plan.removed:
            exemplar.registration = current
            remove_exemplar(exemplar=exemplar, expected_version=exemplar.version,
                            acting_user=acting_user)
        for change in plan.changed:
            change.exemplar.registration = current
            update_exemplar(exemplar=change.exemplar, data=change.entry.data(),
                            expected_version=change.exemplar.version, acting_user=acting_user)
        bulk_add_exemplars(registration=current, rows=[entry.data() for entry in plan.added],
                           acting_user=acting_user)
        _renumber(current, parsed, acting_user)
        current.refresh_from_db(fields=["version"])
        log.record(actor=acting_user, action=Action.IMPORT, obj=current, unit=current.unit,
                   verb="import", reason=source_name,
                   after={"added": len(plan.added), "changed": len(plan.changed),
                          "removed": len(plan.removed)})
    registration.version = current.version
    return ImportResult(len(plan.added), len(plan.changed), len(plan.removed), current.version)


def deletion_refusal(count: int) -> str:
    return _("Tệp sẽ xóa %(count)s mục không còn trong tệp. Chưa có thay đổi nào được lưu: hãy "
             "đánh dấu “Xóa %(count)s mục không còn trong tệp” để xác nhận, hoặc thêm các mục "
             "đó vào tệp.") % {"count": count}


def _require_confirmations(plan: ImportPreview, *, allow_delete: bool,
                           allow_other_unit: bool) -> None:
    if plan.other_unit and not allow_other_unit:
        raise DomainError(plan.unit_check.message())
    if plan.removed and not allow_delete:
        raise DomainError(deletion_refusal(len(plan.removed)))


def _renumber(registration: Registration, parsed: ParsedForm, acting_user) -> None:
    """Positions in each imported section = the rows' order in the file."""
    wanted = {(e.section, fold(e.name)): e.row for e in parsed.entries}
    for exemplar in registration.exemplars.filter(kind__in=parsed.filled_sections):
        row = wanted.get((exemplar.kind, fold(exemplar.name)))
        if row is not None and exemplar.position != row:
            exemplar.registration = registration
            update_exemplar(exemplar=exemplar, data={"position": row},
                            expected_version=exemplar.version, acting_user=acting_user)
