"""Writes to fostering plans: start one, its criteria, its items per exemplar with their support
actions and milestones, the workflow transitions, and the done marks of an approved plan.

Every write checks the permission first (rules), then — locked, inside one transaction — the
plan's version (a stale one is refused with a Vietnamese message) and its state (what an
approved plan says changes only after it is reopened); it bumps the version and writes one
audit event owned by the plan.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean, clean_multiline
from fostering.models import (
    EDITABLE_PLAN_STATES,
    FosteringPlan,
    Milestone,
    PlanItem,
    PlanState,
    SupportAction,
)
from fostering.workflow import PLAN_TRANSITIONS
from guidance.models import Campaign
from orgs.models import Unit
from registry.effects import Move
from registry.enums import OPEN_EXEMPLAR_STATES
from registry.models import Exemplar

PLAN_AUDITED = ["state", "sector_criteria", "signer_name", "return_reason"]
ITEM_AUDITED = ["responsible", "notes"]
ACTION_AUDITED = ["helper", "content", "due_on", "done_on"]
MILESTONE_AUDITED = ["title", "due_on", "done_on"]
ENTRY_KINDS = {"action": (SupportAction, ACTION_AUDITED), "milestone": (Milestone, MILESTONE_AUDITED)}


def require(user, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def _stale() -> StaleVersion:
    return StaleVersion(_("Kế hoạch vừa được người khác thay đổi; hãy tải lại trang rồi sửa lại."))


def _locked(plan: FosteringPlan, expected_version: int | None, *, editable: bool = True
            ) -> FosteringPlan:
    """The plan locked for this write, its version and (when ``editable``) its state checked."""
    current = FosteringPlan.objects.select_for_update().select_related(
        "unit", "campaign").get(pk=plan.pk)
    if expected_version is not None and current.version != expected_version:
        raise _stale()
    if editable and current.state not in EDITABLE_PLAN_STATES:
        raise DomainError(_("Kế hoạch đang ở trạng thái “%(state)s”: không sửa được. Kế hoạch đã "
                            "duyệt phải được thủ trưởng mở lại trước khi sửa.")
                          % {"state": current.get_state_display()})
    return current


def _bump(plan: FosteringPlan) -> None:
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])


def _due(value) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(_("Hãy nhập thời hạn (ngày/tháng/năm)."), field="due_on")
    return value


def create_plan(*, campaign: Campaign, unit: Unit, acting_user) -> FosteringPlan:
    """Start the unit's plan for the campaign (idempotent), with one item per open exemplar of
    the unit's registration. Side effects: audit log."""
    require(acting_user, "fostering.change_plan", FosteringPlan(campaign=campaign, unit=unit))
    with transaction.atomic():
        plan, created = FosteringPlan.objects.get_or_create(campaign=campaign, unit=unit)
        if created:
            exemplars = Exemplar.objects.filter(
                registration__campaign=campaign, registration__unit=unit,
                state__in=OPEN_EXEMPLAR_STATES).order_by("kind", "position", "pk")
            PlanItem.objects.bulk_create([PlanItem(plan=plan, exemplar=e) for e in exemplars])
            log.record(actor=acting_user, action=Action.CREATE, obj=plan, unit=unit,
                       after=log.snapshot(plan, PLAN_AUDITED))
    return plan


def update_plan(*, plan: FosteringPlan, sector_criteria: str, expected_version: int,
                acting_user, signer_name: str | None = None) -> FosteringPlan:
    """The unit's sector-specific criteria (and the signer printed on the plan)."""
    require(acting_user, "fostering.change_plan", plan)
    with transaction.atomic():
        current = _locked(plan, expected_version)
        before = log.snapshot(current, PLAN_AUDITED)
        current.sector_criteria = clean_multiline(sector_criteria)
        if signer_name is not None:
            current.signer_name = clean(signer_name)
        current.version += 1
        current.save(update_fields=["sector_criteria", "signer_name", "version", "updated_at"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, unit=current.unit,
                   before=before, after=log.snapshot(current, PLAN_AUDITED))
    return current


def save_item(*, plan: FosteringPlan, exemplar: Exemplar, responsible: str, notes: str,
              expected_version: int, acting_user) -> PlanItem:
    """The plan's item for ``exemplar`` (created when missing): the person responsible and what
    the fostering is about. The exemplar must be one the unit registered for the campaign."""
    require(acting_user, "fostering.change_plan", plan)
    with transaction.atomic():
        current = _locked(plan, expected_version)
        registration = exemplar.registration
        if (registration.unit_id != current.unit_id
                or registration.campaign_id != current.campaign_id):
            raise DomainError(_("Điển hình này không thuộc biểu đăng ký của đơn vị trong đợt."))
        item, created = PlanItem.objects.get_or_create(plan=current, exemplar=exemplar)
        before = {} if created else log.snapshot(item, ITEM_AUDITED)
        item.responsible = clean(responsible)
        item.notes = clean_multiline(notes)
        item.save(update_fields=["responsible", "notes"])
        _bump(current)
        log.record(actor=acting_user, action=Action.CREATE if created else Action.UPDATE,
                   obj=item, unit=current.unit, owner=current, before=before,
                   after=log.snapshot(item, ITEM_AUDITED))
    return item


def _item_of(plan: FosteringPlan, item: PlanItem) -> None:
    if item.plan_id != plan.pk:
        raise DomainError(_("Mục này không thuộc kế hoạch."))


def add_action(*, plan: FosteringPlan, item: PlanItem, helper: str, content: str,
               due_on: datetime.date, expected_version: int, acting_user) -> SupportAction:
    """A support action for an exemplar: who helps, with what, by when."""
    require(acting_user, "fostering.change_plan", plan)
    helper, content = clean(helper), clean_multiline(content)
    if not helper or not content:
        raise DomainError(_("Hãy ghi người giúp đỡ và nội dung hỗ trợ."))
    due_on = _due(due_on)
    with transaction.atomic():
        current = _locked(plan, expected_version)
        _item_of(current, item)
        action = SupportAction.objects.create(item=item, helper=helper, content=content,
                                              due_on=due_on)
        _bump(current)
        log.record(actor=acting_user, action=Action.CREATE, obj=action, unit=current.unit,
                   owner=current, after=log.snapshot(action, ACTION_AUDITED))
    return action


def add_milestone(*, plan: FosteringPlan, item: PlanItem, title: str, due_on: datetime.date,
                  expected_version: int, acting_user) -> Milestone:
    """A milestone of an exemplar's fostering, with its due date."""
    require(acting_user, "fostering.change_plan", plan)
    title = clean(title)
    if not title:
        raise DomainError(_("Hãy ghi nội dung của mốc."), field="title")
    due_on = _due(due_on)
    with transaction.atomic():
        current = _locked(plan, expected_version)
        _item_of(current, item)
        milestone = Milestone.objects.create(item=item, title=title, due_on=due_on)
        _bump(current)
        log.record(actor=acting_user, action=Action.CREATE, obj=milestone, unit=current.unit,
                   owner=current, after=log.snapshot(milestone, MILESTONE_AUDITED))
    return milestone


def _entry(plan: FosteringPlan, kind: str, entry_id: int):
    if kind not in ENTRY_KINDS:
        raise DomainError(_("Thao tác không hợp lệ."))
    model, audited = ENTRY_KINDS[kind]
    entry = model.objects.select_related("item").filter(pk=entry_id, item__plan=plan).first()
    if entry is None:
        raise DomainError(_("Không tìm thấy mục này trong kế hoạch."))
    return entry, audited


def remove_plan_entry(*, plan: FosteringPlan, kind: str, entry_id: int, expected_version: int,
                      acting_user) -> None:
    """Remove a support action (``kind="action"``) or a milestone (``"milestone"``)."""
    require(acting_user, "fostering.change_plan", plan)
    with transaction.atomic():
        current = _locked(plan, expected_version)
        entry, audited = _entry(current, kind, entry_id)
        before = log.snapshot(entry, audited)
        log.record(actor=acting_user, action=Action.DELETE, obj=entry, unit=current.unit,
                   owner=current, before=before)
        entry.delete()
        _bump(current)


def mark_done(*, plan: FosteringPlan, kind: str, entry_id: int, acting_user,
              done_on: datetime.date | None = None,
              expected_version: int | None = None) -> None:
    """Record that an action or milestone of an approved plan was carried out (on ``done_on``,
    today by default; a date in the future is refused). A wrong date is corrected by marking
    it again with the right one."""
    require(acting_user, "fostering.record_done", plan)
    day = done_on or timezone.localdate()
    if day > timezone.localdate():
        raise DomainError(_("Ngày hoàn thành không được sau hôm nay."), field="done_on")
    with transaction.atomic():
        current = _locked(plan, expected_version, editable=False)
        if current.state != PlanState.APPROVED:
            raise DomainError(_("Chỉ ghi nhận hoàn thành khi kế hoạch đã được duyệt."))
        entry, audited = _entry(current, kind, entry_id)
        before = log.snapshot(entry, audited)
        entry.done_on = day
        entry.save(update_fields=["done_on"])
        _bump(current)
        log.record(actor=acting_user, action=Action.UPDATE, obj=entry, unit=current.unit,
                   owner=current, verb="mark_done", before=before,
                   after=log.snapshot(entry, audited))


def transition_plan(*, plan: FosteringPlan, name: str, acting_user, reason: str = "",
                    expected_version: int | None = None) -> FosteringPlan:
    """Move the plan along ``fostering.workflow.PLAN_TRANSITIONS`` (submit, approve, return,
    reopen). Side effects: state and the declared effects saved; audit log with the reason."""
    from registry.services._common import apply_transition

    step = PLAN_TRANSITIONS.get(name)
    if step is None:
        raise DomainError(_("Thao tác không hợp lệ."))
    with transaction.atomic():
        current = _locked(plan, expected_version, editable=False)
        move = Move(acting_user=acting_user, reason=clean_multiline(reason), now=timezone.now())
        apply_transition(current, step, move, audited=PLAN_AUDITED, unit=current.unit,
                         wrong_state=_("Không thể “%(action)s” khi kế hoạch đang ở trạng thái "
                                       "“%(state)s”."))
    return current
