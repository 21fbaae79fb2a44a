"""Every change to an inspection: plan, details, findings, conclusions, follow-ups and the two
declared lifecycles (``inspections.workflow``), each checked, audited and notified.

A concluded inspection is frozen: its details, findings and conclusions no longer change; only
its follow-ups move on (the unit reports, the standing office closes)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean, clean_multiline
from inspections.enums import OPEN_INSPECTION_STATES, FindingKind
from inspections.models import Finding, FollowUp, Inspection, InspectionUnit
from inspections.workflow import FOLLOW_UP_TRANSITIONS, INSPECTION_TRANSITIONS
from registry.effects import Move
from registry.services._common import apply_transition

DETAIL_FIELDS = ["title", "scope", "decision_basis", "start_on", "end_on", "team", "campaign"]
AUDITED = [*DETAIL_FIELDS, "conclusion", "state", "state_reason"]
FOLLOW_UP_AUDITED = ["action", "owner_name", "deadline", "state", "unit_note", "state_reason"]


def _require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def _frozen() -> DomainError:
    return DomainError(_("Đợt kiểm tra đã kết luận; kết quả và kết luận không thay đổi được nữa."))


def _details(data: dict) -> dict:
    values = {
        "title": clean(data.get("title")),
        "scope": clean_multiline(data.get("scope")),
        "decision_basis": clean_multiline(data.get("decision_basis")),
        "team": clean_multiline(data.get("team")),
        "start_on": data.get("start_on"),
        "end_on": data.get("end_on"),
        "campaign": data.get("campaign"),
    }
    if not values["title"]:
        raise DomainError(_("Hãy nhập tên đợt kiểm tra."), field="title")
    if not values["scope"]:
        raise DomainError(_("Hãy nhập nội dung kiểm tra."), field="scope")
    if not isinstance(values["start_on"], datetime.date):
        raise DomainError(_("Hãy nhập ngày bắt đầu kiểm tra."), field="start_on")
    if values["end_on"] and values["end_on"] < values["start_on"]:
        raise DomainError(_("Ngày kết thúc không được trước ngày bắt đầu."), field="end_on")
    return values


def _units(units) -> list:
    units = list(dict.fromkeys(units or []))
    if not units:
        raise DomainError(_("Hãy chọn ít nhất một đơn vị được kiểm tra."), field="units")
    return units


def _issuer(user):
    from accounts.models import Membership

    found = (Membership.objects.filter(user=user, is_active=True, role=Role.STANDING_OFFICE)
             .select_related("unit").first()) if getattr(user, "pk", None) else None
    return found.unit if found else None


def create_inspection(*, data: dict, units, acting_user) -> Inspection:
    """Plan an inspection of ``units`` (the standing office). Audited "Tạo"."""
    _require(acting_user, "inspections.manage_inspection")
    values = _details(data)
    units = _units(units)
    with transaction.atomic():
        inspection = Inspection.objects.create(**values, issuer=_issuer(acting_user),
                                               created_by=acting_user if acting_user.pk else None)
        InspectionUnit.objects.bulk_create(
            [InspectionUnit(inspection=inspection, unit=unit) for unit in units])
        log.record(actor=acting_user, action=Action.CREATE, obj=inspection,
                   after={**log.snapshot(inspection, AUDITED),
                          "units": ", ".join(u.name for u in units)})
    return inspection


def _locked(inspection: Inspection, expected_version: int | None) -> Inspection:
    current = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(_("Đợt kiểm tra vừa được người khác thay đổi; hãy tải lại trang."))
    return current


def _bump(current: Inspection, fields: list[str]) -> None:
    current.version += 1
    current.save(update_fields=[*fields, "version", "updated_at"])


def update_inspection(*, inspection: Inspection, data: dict, units, acting_user,
                      expected_version: int | None = None) -> Inspection:
    """Change the plan (before the conclusion). A unit with findings or follow-ups stays."""
    _require(acting_user, "inspections.manage_inspection", inspection)
    values = _details(data)
    units = _units(units)
    with transaction.atomic():
        current = _locked(inspection, expected_version)
        if current.state not in OPEN_INSPECTION_STATES:
            raise _frozen()
        before = {**log.snapshot(current, AUDITED),
                  "units": ", ".join(u.name for u in current.units.order_by("name"))}
        wanted = {u.pk for u in units}
        had = set(current.unit_rows.values_list("unit_id", flat=True))
        dropped = had - wanted
        busy = (set(current.findings.filter(unit_id__in=dropped).values_list("unit_id", flat=True))
                | set(current.follow_ups.filter(unit_id__in=dropped)
                      .values_list("unit_id", flat=True)))
        if busy:
            raise DomainError(_("Không bỏ được đơn vị đã có kết quả kiểm tra hoặc việc khắc phục."),
                              field="units")
        current.unit_rows.filter(unit_id__in=dropped).delete()
        InspectionUnit.objects.bulk_create([InspectionUnit(inspection=current, unit=u)
                                            for u in units if u.pk not in had])
        for name, value in values.items():
            setattr(current, name, value)
        _bump(current, list(values))
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, before=before,
                   after={**log.snapshot(current, AUDITED),
                          "units": ", ".join(u.name for u in current.units.order_by("name"))})
    return current


def transition_inspection(*, inspection: Inspection, name: str, acting_user, reason: str = "",
                          expected_version: int | None = None) -> Inspection:
    """Start, conclude (a general conclusion is required) or close (every follow-up closed)."""
    step = INSPECTION_TRANSITIONS.get(name)
    if step is None:
        raise DomainError(_("Thao tác không hợp lệ."))
    _require(acting_user, step.permission, inspection)
    reason = clean_multiline(reason)
    with transaction.atomic():
        current = _locked(inspection, expected_version)
        move = Move(acting_user=acting_user, reason=reason, now=timezone.now())
        apply_transition(current, step, move, audited=AUDITED, unit=None, wrong_state=_(
            "Không thể “%(action)s” khi đợt kiểm tra đang ở trạng thái “%(state)s”."))
        if step.audience:
            _notify_inspection(current, step.name, acting_user)
    return current


def _open_inspection(inspection: Inspection, unit) -> Inspection:
    current = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if current.state not in OPEN_INSPECTION_STATES:
        raise _frozen()
    if unit is not None and not current.unit_rows.filter(unit=unit).exists():
        raise DomainError(_("Đơn vị này không thuộc đợt kiểm tra."), field="unit")
    return current


def add_finding(*, inspection: Inspection, unit, kind: str, text: str, acting_user,
                exemplar=None) -> Finding:
    """A finding about ``unit`` (and optionally one of its exemplars)."""
    _require(acting_user, "inspections.manage_inspection", inspection)
    text = clean_multiline(text)
    if kind not in FindingKind.values:
        raise DomainError(_("Hãy chọn loại kết quả (ưu điểm hoặc tồn tại, hạn chế)."), field="kind")
    if not text:
        raise DomainError(_("Hãy nhập nội dung kết quả kiểm tra."), field="text")
    if exemplar is not None and exemplar.registration.unit_id != unit.pk:
        raise DomainError(_("Điển hình này không thuộc đơn vị được chọn."), field="exemplar")
    with transaction.atomic():
        current = _open_inspection(inspection, unit)
        finding = Finding.objects.create(inspection=current, unit=unit, exemplar=exemplar,
                                         kind=kind, text=text,
                                         created_by=acting_user if acting_user.pk else None)
        _bump(current, [])
        log.record(actor=acting_user, action=Action.CREATE, obj=finding, owner=current,
                   unit=unit, after={"unit": unit.name, "exemplar": exemplar.name if exemplar
                                     else "", "kind": kind, "text": text})
    return finding


def remove_finding(*, finding: Finding, acting_user) -> None:
    _require(acting_user, "inspections.manage_inspection", finding.inspection)
    with transaction.atomic():
        current = _open_inspection(finding.inspection, None)
        log.record(actor=acting_user, action=Action.DELETE, obj=finding, owner=current,
                   unit=finding.unit, before={"kind": finding.kind, "text": finding.text})
        Finding.objects.filter(pk=finding.pk).delete()
        _bump(current, [])


def set_conclusions(*, inspection: Inspection, conclusion: str, unit_conclusions: dict,
                    acting_user, expected_version: int | None = None) -> Inspection:
    """The general conclusion and one per inspected unit (``{unit_id: text}``)."""
    _require(acting_user, "inspections.manage_inspection", inspection)
    conclusion = clean_multiline(conclusion)
    with transaction.atomic():
        current = _locked(inspection, expected_version)
        if current.state not in OPEN_INSPECTION_STATES:
            raise _frozen()
        before = {"conclusion": current.conclusion}
        after = {"conclusion": conclusion}
        current.conclusion = conclusion
        for row in current.unit_rows.select_related("unit"):
            if row.unit_id in unit_conclusions:
                text = clean_multiline(unit_conclusions[row.unit_id])
                if text != row.conclusion:
                    before[row.unit.name] = row.conclusion
                    after[row.unit.name] = text
                    row.conclusion = text
                    row.save(update_fields=["conclusion"])
        _bump(current, ["conclusion"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, before=before,
                   after=after)
    return current


def add_follow_up(*, inspection: Inspection, unit, action: str, owner_name: str,
                  deadline: datetime.date, acting_user, owner_user=None) -> FollowUp:
    """A follow-up action for ``unit`` with its owner and deadline (before the conclusion)."""
    _require(acting_user, "inspections.manage_inspection", inspection)
    action, owner_name = clean_multiline(action), clean(owner_name)
    if not action:
        raise DomainError(_("Hãy nhập việc phải làm."), field="action")
    if not owner_name and owner_user is None:
        raise DomainError(_("Hãy nhập người chịu trách nhiệm."), field="owner_name")
    if not isinstance(deadline, datetime.date):
        raise DomainError(_("Hãy nhập hạn hoàn thành."), field="deadline")
    with transaction.atomic():
        current = _open_inspection(inspection, unit)
        follow_up = FollowUp.objects.create(
            inspection=current, unit=unit, action=action,
            owner_name=owner_name or owner_user.get_full_name() or owner_user.username,
            owner_user=owner_user, deadline=deadline)
        _bump(current, [])
        log.record(actor=acting_user, action=Action.CREATE, obj=follow_up, owner=current,
                   unit=unit, after=log.snapshot(follow_up, FOLLOW_UP_AUDITED))
    return follow_up


def transition_follow_up(*, follow_up: FollowUp, name: str, acting_user, note: str = "",
                         expected_version: int | None = None) -> FollowUp:
    """The unit starts or reports a follow-up done (with a note); the standing office closes it
    or sends it back (with a reason). Allowed after the conclusion too."""
    step = FOLLOW_UP_TRANSITIONS.get(name)
    if step is None:
        raise DomainError(_("Thao tác không hợp lệ."))
    _require(acting_user, step.permission, follow_up)
    note = clean_multiline(note)
    with transaction.atomic():
        current = FollowUp.objects.select_for_update().select_related("unit").get(pk=follow_up.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(_("Việc khắc phục vừa được người khác cập nhật; hãy tải lại trang."))
        move = Move(acting_user=acting_user, reason=note, now=timezone.now())
        apply_transition(current, step, move, audited=FOLLOW_UP_AUDITED, unit=current.unit,
                         wrong_state=_("Không thể “%(action)s” khi việc khắc phục đang ở trạng "
                                       "thái “%(state)s”."))
        if step.audience:
            _notify_follow_up(current, step.name, acting_user, note)
    return current


def _notify_inspection(inspection, name, acting_user) -> None:
    from inspections.tasks import notify_inspection_moved

    actor_id = getattr(acting_user, "pk", None)
    transaction.on_commit(lambda: notify_inspection_moved.enqueue(
        inspection_id=inspection.pk, transition=name, actor_id=actor_id))


def _notify_follow_up(follow_up, name, acting_user, note) -> None:
    from inspections.tasks import notify_follow_up_moved

    actor_id = getattr(acting_user, "pk", None)
    transaction.on_commit(lambda: notify_follow_up_moved.enqueue(
        follow_up_id=follow_up.pk, transition=name, actor_id=actor_id, reason=note))
