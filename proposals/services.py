"""Writes of proposals: create one, its items (the verdict frozen at add time), the achievement
report (uploaded through the one upload door), the declared workflow (``proposals.workflow``) and
the standing office's screening. The functions the council and the decisions call are at the
bottom: :func:`record_council_result` (a closed vote's status on the item; a rejected item moves
its exemplar to "not recognised") and :func:`mark_recognised` (an issued decision's items).

Every write checks the permission first (rules), then — locked, inside one transaction — the
proposal's version (a stale one is refused with a Vietnamese message) and its state; it bumps the
version and writes one audit event owned by the proposal. Notices go out after commit.
"""

import datetime
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean, clean_multiline
from guidance.models import Campaign, CampaignStatus
from orgs.models import Unit
from proposals.models import (
    EDITABLE_PROPOSAL_STATES,
    ItemOutcome,
    Proposal,
    ProposalItem,
    ProposalState,
    ScreeningResult,
)
from proposals.workflow import PROPOSAL_TRANSITIONS
from registry.effects import Move
from registry.enums import ExemplarState
from registry.models import Exemplar

PROPOSAL_AUDITED = ["state", "letter_number", "letter_date", "summary", "signer_name",
                    "return_reason"]
ITEM_AUDITED = ["form_id", "title_id", "year", "achievement"]
MAX_REPORT_BYTES = 10 * 1024 * 1024


def require(user, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def _locked(proposal: Proposal, expected_version: int | None, *, editable: bool = True
            ) -> Proposal:
    current = Proposal.objects.select_for_update().select_related("unit", "campaign").get(
        pk=proposal.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(_("Đề nghị vừa được người khác thay đổi; hãy tải lại trang rồi làm lại."))
    if editable and current.state not in EDITABLE_PROPOSAL_STATES:
        raise DomainError(_("Đề nghị đang ở trạng thái “%(state)s”: không sửa được.")
                          % {"state": current.get_state_display()})
    return current


def _proposal_of(item: ProposalItem) -> Proposal:
    """The item's proposal as stored now: the permission depends on its state."""
    return Proposal.objects.select_related("unit", "campaign").get(pk=item.proposal_id)


def _bump(proposal: Proposal) -> None:
    proposal.version += 1
    proposal.save(update_fields=["version", "updated_at"])


def _letter_date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, datetime.date):
        raise DomainError(_("Ngày tờ trình không hợp lệ."), field="letter_date")
    return value


# --- the proposal ------------------------------------------------------------------------------

def create_proposal(*, campaign: Campaign, unit: Unit, acting_user, summary: str = "",
                    letter_number: str = "", letter_date: datetime.date | None = None,
                    signer_name: str = "") -> Proposal:
    """A new draft proposal of ``unit`` for ``campaign`` (by the unit's officer or head).
    Refuses a closed campaign. Side effects: audit log."""
    require(acting_user, "proposals.create_proposal", Proposal(campaign=campaign, unit=unit))
    if campaign.status == CampaignStatus.CLOSED:
        raise DomainError(_("Đợt “%(name)s” đã kết thúc: không lập đề nghị mới.")
                          % {"name": campaign.name}, field="campaign")
    with transaction.atomic():
        proposal = Proposal.objects.create(
            campaign=campaign, unit=unit, summary=clean_multiline(summary),
            letter_number=clean(letter_number)[:60], letter_date=_letter_date(letter_date),
            signer_name=clean(signer_name)[:150],
            created_by=acting_user if getattr(acting_user, "pk", None) else None)
        log.record(actor=acting_user, action=Action.CREATE, obj=proposal, unit=unit,
                   after=log.snapshot(proposal, PROPOSAL_AUDITED))
    return proposal


def update_proposal(*, proposal: Proposal, expected_version: int, acting_user, summary: str,
                    letter_number: str = "", letter_date: datetime.date | None = None,
                    signer_name: str = "") -> Proposal:
    """The letter's number and date, the summary and the signer of an editable proposal."""
    require(acting_user, "proposals.change_proposal", proposal)
    letter_date = _letter_date(letter_date)
    with transaction.atomic():
        current = _locked(proposal, expected_version)
        before = log.snapshot(current, PROPOSAL_AUDITED)
        current.summary = clean_multiline(summary)
        current.letter_number = clean(letter_number)[:60]
        current.letter_date = letter_date
        current.signer_name = clean(signer_name)[:150]
        current.version += 1
        current.save(update_fields=["summary", "letter_number", "letter_date", "signer_name",
                                    "version", "updated_at"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, unit=current.unit,
                   before=before, after=log.snapshot(current, PROPOSAL_AUDITED))
    return current


# --- items -------------------------------------------------------------------------------------

def _award(*, exemplar: Exemplar, form, title, on: datetime.date):
    """The one catalogue entry chosen, valid on ``on`` and applying to the exemplar's kind."""
    if (form is None) == (title is None):
        raise DomainError(_("Chọn một hình thức khen thưởng hoặc một danh hiệu thi đua "
                            "(không chọn cả hai)."), field="award")
    entry = form or title
    if entry.valid_from > on or (entry.valid_to and entry.valid_to < on):
        raise DomainError(_("“%(award)s” không còn hiệu lực.") % {"award": entry.name},
                          field="award")
    if entry.subject_kinds and exemplar.kind not in entry.subject_kinds:
        raise DomainError(_("“%(award)s” không áp dụng cho %(kind)s.")
                          % {"award": entry.name, "kind": exemplar.get_kind_display().lower()},
                          field="award")
    return entry


def _year(value, campaign: Campaign) -> int:
    today = timezone.localdate()
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= today.year + 1:
        raise DomainError(_("Năm đề nghị không hợp lệ (từ 2000 đến %(max)d).")
                          % {"max": today.year + 1}, field="year")
    return value


def _check_exemplar(proposal: Proposal, exemplar: Exemplar, *, item: ProposalItem | None = None
                    ) -> None:
    registration = exemplar.registration
    if registration.unit_id != proposal.unit_id or registration.campaign_id != proposal.campaign_id:
        raise DomainError(_("“%(name)s” không thuộc biểu đăng ký của đơn vị trong đợt này.")
                          % {"name": exemplar.name}, field="exemplar")
    if item is None and exemplar.state != ExemplarState.FOSTERING:
        raise DomainError(_("“%(name)s” đang ở trạng thái “%(state)s”: chỉ đề nghị điển hình đang "
                            "được bồi dưỡng, giúp đỡ.")
                          % {"name": exemplar.name, "state": exemplar.get_state_display()},
                          field="exemplar")
    elsewhere = (ProposalItem.objects.filter(exemplar=exemplar)
                 .exclude(proposal=proposal)
                 .exclude(proposal__state=ProposalState.RETURNED)
                 .exclude(screening=ScreeningResult.RETURNED)
                 .exclude(outcome__in=[ItemOutcome.REJECTED]))
    if item is None and elsewhere.exists():
        raise DomainError(_("“%(name)s” đã có trong một đề nghị khác đang xử lý.")
                          % {"name": exemplar.name}, field="exemplar")


def freeze_verdict(exemplar: Exemplar) -> dict:
    """What the criteria engine says about ``exemplar`` now, as the evaluation page shows it
    (``evaluation.selectors.exemplar_evaluation``), in the shape kept on the item."""
    from evaluation.selectors import exemplar_evaluation
    from proposals.verdicts import CRITERION_LABELS, OUTCOME_LABELS

    if not hasattr(exemplar.registration.campaign, "pack"):
        exemplar = Exemplar.objects.select_related("registration__campaign__pack").get(
            pk=exemplar.pk)
    verdict = exemplar_evaluation(exemplar).verdict
    return {
        "status": verdict.outcome,
        "status_label": str(OUTCOME_LABELS[verdict.outcome]),
        "eligible": verdict.eligible,
        "evaluated_at": timezone.now().isoformat(),
        "criteria": [{"code": r.code, "status": str(r.status),
                      "status_label": str(CRITERION_LABELS.get(str(r.status), r.status)),
                      "reason": r.reason, "text": r.text} for r in verdict.criteria],
    }


def add_item(*, proposal: Proposal, exemplar: Exemplar, year: int, acting_user, form=None,
             title=None, achievement: str = "", expected_version: int | None = None
             ) -> ProposalItem:
    """Propose ``exemplar`` (of the unit's registration in the campaign, being fostered) for one
    form of commendation or one emulation title (valid today, applying to its kind), for
    ``year``. The evaluation verdict with its reasons is frozen into the item now."""
    require(acting_user, "proposals.change_proposal", proposal)
    exemplar = Exemplar.objects.select_related("registration__campaign__pack",
                                               "registration__unit").get(pk=exemplar.pk)
    with transaction.atomic():
        current = _locked(proposal, expected_version)
        _check_exemplar(current, exemplar)
        _award(exemplar=exemplar, form=form, title=title, on=timezone.localdate())
        year = _year(year, current.campaign)
        if current.items.filter(exemplar=exemplar).exists():
            raise DomainError(_("“%(name)s” đã có trong đề nghị này.") % {"name": exemplar.name},
                              field="exemplar")
        last = current.items.order_by("-position").values_list("position", flat=True).first()
        item = ProposalItem.objects.create(
            proposal=current, exemplar=exemplar, form=form, title=title, year=year,
            achievement=clean_multiline(achievement), verdict=freeze_verdict(exemplar),
            position=(last or 0) + 1)
        _bump(current)
        log.record(actor=acting_user, action=Action.CREATE, obj=item, unit=current.unit,
                   owner=current, after={**log.snapshot(item, ITEM_AUDITED),
                                         "verdict": item.verdict["status"]})
    return item


def _item_locked(item: ProposalItem, expected_version: int | None, *, editable: bool = True):
    current = _locked(item.proposal, expected_version, editable=editable)
    locked = ProposalItem.objects.select_for_update().select_related(
        "exemplar__registration__campaign__pack", "exemplar__registration__unit").filter(
        pk=item.pk, proposal=current).first()
    if locked is None:
        raise DomainError(_("Không tìm thấy điển hình này trong đề nghị."))
    return current, locked


def update_item(*, item: ProposalItem, year: int, acting_user, form=None, title=None,
                achievement: str = "", expected_version: int | None = None) -> ProposalItem:
    """Change an item of an editable proposal; its verdict is frozen again (today's)."""
    require(acting_user, "proposals.change_proposal", _proposal_of(item))
    with transaction.atomic():
        current, locked = _item_locked(item, expected_version)
        _award(exemplar=locked.exemplar, form=form, title=title, on=timezone.localdate())
        before = log.snapshot(locked, ITEM_AUDITED)
        locked.form, locked.title = form, title
        locked.year = _year(year, current.campaign)
        locked.achievement = clean_multiline(achievement)
        locked.verdict = freeze_verdict(locked.exemplar)
        locked.save(update_fields=["form", "title", "year", "achievement", "verdict"])
        _bump(current)
        log.record(actor=acting_user, action=Action.UPDATE, obj=locked, unit=current.unit,
                   owner=current, before=before, after=log.snapshot(locked, ITEM_AUDITED))
    return locked


def refresh_verdict(*, item: ProposalItem, acting_user, expected_version: int | None = None
                    ) -> ProposalItem:
    """Freeze today's verdict again — only while the proposal is editable."""
    require(acting_user, "proposals.change_proposal", _proposal_of(item))
    with transaction.atomic():
        current, locked = _item_locked(item, expected_version)
        before = {"verdict": (locked.verdict or {}).get("status", "")}
        locked.verdict = freeze_verdict(locked.exemplar)
        locked.save(update_fields=["verdict"])
        _bump(current)
        log.record(actor=acting_user, action=Action.UPDATE, obj=locked, unit=current.unit,
                   owner=current, verb="refresh_verdict", before=before,
                   after={"verdict": locked.verdict["status"]})
    return locked


def remove_item(*, item: ProposalItem, acting_user, expected_version: int | None = None) -> None:
    """Take an exemplar out of an editable proposal (its stored report too)."""
    require(acting_user, "proposals.change_proposal", _proposal_of(item))
    with transaction.atomic():
        current, locked = _item_locked(item, expected_version)
        name = locked.report_file.name if locked.report_file else ""
        log.record(actor=acting_user, action=Action.DELETE, obj=locked, unit=current.unit,
                   owner=current, before=log.snapshot(locked, ITEM_AUDITED))
        locked.delete()
        _bump(current)
        if name:
            transaction.on_commit(lambda: _delete_stored(name))


def _delete_stored(name: str) -> None:
    from uploads import private

    private.storage().delete(name)


# --- the achievement report --------------------------------------------------------------------

def prepare_report(name: str, data: bytes) -> tuple[str, str, bytes]:
    """``(original name, extension, bytes)`` of an acceptable report, or ``DomainError`` (field
    ``report``): a PDF (by its bytes) or a Word file that passes ``uploads.safety``."""
    from uploads.safety import UnusableFile, check_upload

    original = clean(PurePath(name or "").name)[:255] or _("bao-cao")
    suffix = PurePath(original).suffix.lower()
    if not data:
        raise DomainError(_("Tệp “%(name)s” rỗng (0 byte).") % {"name": original}, field="report")
    if len(data) > MAX_REPORT_BYTES:
        raise DomainError(_("Tệp “%(name)s” lớn hơn 10 MB.") % {"name": original}, field="report")
    if suffix == ".pdf":
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-8192:]:
            raise DomainError(_("Tệp “%(name)s” có đuôi .pdf nhưng không phải tệp PDF hoàn chỉnh.")
                              % {"name": original}, field="report")
        return original, ".pdf", data
    if suffix == ".docx":
        try:
            checked = check_upload(original, data)
        except UnusableFile as error:
            raise DomainError(f"“{original}”: {error.message}", field="report") from error
        if checked.kind != "docx":
            raise DomainError(_("Tệp “%(name)s” không phải tài liệu Word.") % {"name": original},
                              field="report")
        return original, ".docx", checked.data
    raise DomainError(_("Tệp “%(name)s” không được nhận: báo cáo thành tích là tệp Word (.docx) "
                        "hoặc PDF.") % {"name": original}, field="report")


def attach_report(*, item: ProposalItem, name: str, data: bytes, acting_user,
                  expected_version: int | None = None) -> ProposalItem:
    """Store the item's achievement report (replacing any earlier one), privately."""
    require(acting_user, "proposals.change_proposal", _proposal_of(item))
    original, extension, content = prepare_report(name, data)
    stored = ""
    try:
        with transaction.atomic():
            current, locked = _item_locked(item, expected_version)
            old = locked.report_file.name if locked.report_file else ""
            locked.report_file.save("bao-cao" + extension, ContentFile(content), save=False)
            stored = locked.report_file.name
            locked.report_name = original
            locked.report_uploaded_at = timezone.now()
            locked.save(update_fields=["report_file", "report_name", "report_uploaded_at"])
            _bump(current)
            log.record(actor=acting_user, action=Action.UPDATE, obj=locked, unit=current.unit,
                       owner=current, verb="attach_report",
                       before={"report": old and locked.report_name},
                       after={"report": original})
            if old:
                transaction.on_commit(lambda: _delete_stored(old))
    except BaseException:
        if stored:
            _delete_stored(stored)
        raise
    return locked


# --- the workflow ------------------------------------------------------------------------------

def transition_proposal(*, proposal: Proposal, name: str, acting_user, reason: str = "",
                        expected_version: int | None = None) -> Proposal:
    """Move the proposal along ``proposals.workflow.PROPOSAL_TRANSITIONS`` (send for approval,
    send back, approve, return, finish screening), with the declared effects — the exemplars'
    lifecycle steps among them. After commit, the step's audience is told."""
    from registry.services._common import apply_transition

    step = PROPOSAL_TRANSITIONS.get(name)
    if step is None:
        raise DomainError(_("Thao tác không hợp lệ."))
    require(acting_user, "proposals.view_proposal", proposal)
    reason = clean_multiline(reason)
    with transaction.atomic():
        current = _locked(proposal, expected_version, editable=False)
        move = Move(acting_user=acting_user, reason=reason, now=timezone.now())
        apply_transition(current, step, move, audited=PROPOSAL_AUDITED, unit=current.unit,
                         wrong_state=_("Không thể “%(action)s” khi đề nghị đang ở trạng thái "
                                       "“%(state)s”."))
        transaction.on_commit(lambda: _notify(current.pk, step.name, acting_user, reason))
    return current


def _notify(proposal_id: int, name: str, acting_user, reason: str) -> None:
    from proposals.tasks import notify_proposal_moved

    notify_proposal_moved.enqueue(proposal_id=proposal_id, transition=name,
                                  actor_id=getattr(acting_user, "pk", None), reason=reason)


# --- screening ---------------------------------------------------------------------------------

SCREENING_CHOICES = {ScreeningResult.ACCEPTED, ScreeningResult.RETURNED}


def screen_item(*, item: ProposalItem, result: str, acting_user, note: str = "",
                expected_version: int | None = None) -> ProposalItem:
    """The standing office's screening of one item of a submitted proposal: ``accepted`` (only
    when every check passes: complete dossier, eligible, no duplicate) or ``returned`` (with
    the reason, in ``note``). It may be changed until the screening is finished."""
    from proposals.selectors import screening_checks

    require(acting_user, "proposals.screen_proposal", _proposal_of(item))
    if result not in SCREENING_CHOICES:
        raise DomainError(_("Kết quả thẩm định không hợp lệ."), field="result")
    note = clean_multiline(note)
    if result == ScreeningResult.RETURNED and not note:
        raise DomainError(_("Hãy nêu lý do trả lại."), field="note")
    with transaction.atomic():
        current, locked = _item_locked(item, expected_version, editable=False)
        if current.state != ProposalState.SUBMITTED:
            raise DomainError(_("Chỉ thẩm định đề nghị đã gửi, chưa thẩm định xong."))
        if result == ScreeningResult.ACCEPTED:
            checks = screening_checks(locked)
            if not checks.passed:
                raise DomainError(_("Chưa chấp nhận được: %(problems)s.")
                                  % {"problems": "; ".join(checks.problems)}, field="result")
        before = {"screening": locked.screening, "screening_note": locked.screening_note}
        locked.screening, locked.screening_note = result, note
        locked.screened_by = acting_user if getattr(acting_user, "pk", None) else None
        locked.screened_at = timezone.now()
        locked.save(update_fields=["screening", "screening_note", "screened_by", "screened_at"])
        _bump(current)
        log.record(actor=acting_user, action=Action.UPDATE, obj=locked, unit=current.unit,
                   owner=current, verb="screen_item", reason=note, before=before,
                   after={"screening": result, "screening_note": note})
    return locked


# --- called by the council and the decisions ---------------------------------------------------

# What a closed council vote says, in ItemOutcome terms (council.models.ItemStatus values).
_COUNCIL_OUTCOMES = {"passed": ItemOutcome.PASSED, "rejected": ItemOutcome.REJECTED,
                     "no_quorum": ItemOutcome.NO_QUORUM}


def record_council_result(*, item: ProposalItem, status: str, acting_user,
                          reason: str = "") -> ProposalItem:
    """The council's result for one screened item. ``rejected`` moves the exemplar to "not
    recognised" with ``reason``; ``passed`` leaves it "proposed" until the decision is issued;
    ``no_quorum`` leaves the item to be put on another meeting. Audited."""
    outcome = _COUNCIL_OUTCOMES.get(status)
    if outcome is None:
        raise DomainError(_("Kết quả biểu quyết không hợp lệ."))
    from registry.services.lifecycle import transition_exemplar

    with transaction.atomic():
        current = ProposalItem.objects.select_for_update().select_related("exemplar").get(
            pk=item.pk)
        if current.screening != ScreeningResult.ACCEPTED:
            raise DomainError(_("Chỉ ghi kết quả cho điển hình đã được thẩm định."))
        before = {"outcome": current.outcome}
        current.outcome = outcome
        current.save(update_fields=["outcome"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, owner=current.proposal,
                   before=before, after={"outcome": outcome}, verb="council_result")
        if outcome == ItemOutcome.REJECTED:
            transition_exemplar(exemplar=current.exemplar, name="not_recognise", driven=True,
                                acting_user=acting_user,
                                reason=reason or _("Hội đồng Thi đua - Khen thưởng không thông qua."))
        _close_if_done(current.proposal_id)
    return current


def mark_recognised(*, item: ProposalItem, acting_user, legal_basis: str = "") -> ProposalItem:
    """An issued decision names this item: outcome "recognised", exemplar "recognised"."""
    from registry.services.lifecycle import transition_exemplar

    with transaction.atomic():
        current = ProposalItem.objects.select_for_update().select_related("exemplar").get(
            pk=item.pk)
        if current.outcome != ItemOutcome.PASSED:
            raise DomainError(_("Chỉ quyết định cho điển hình đã được Hội đồng thông qua."))
        current.outcome = ItemOutcome.RECOGNISED
        current.save(update_fields=["outcome"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, owner=current.proposal,
                   before={"outcome": ItemOutcome.PASSED},
                   after={"outcome": ItemOutcome.RECOGNISED}, verb="recognised")
        transition_exemplar(exemplar=current.exemplar, name="recognise", acting_user=acting_user,
                            driven=True)
        _close_if_done(current.proposal_id)
    return current


def _close_if_done(proposal_id: int) -> None:
    """A screened proposal whose every accepted item has a final outcome is "decided"."""
    from proposals.models import Proposal

    items = ProposalItem.objects.filter(proposal_id=proposal_id,
                                        screening=ScreeningResult.ACCEPTED)
    if items.exists() and not items.filter(
            outcome__in=[ItemOutcome.PENDING, ItemOutcome.PASSED, ItemOutcome.NO_QUORUM]).exists():
        Proposal.objects.filter(pk=proposal_id, state=ProposalState.SCREENED).update(
            state=ProposalState.DECIDED)
