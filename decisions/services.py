"""Writes of decisions: draft from the council's passed items, edit and delete a draft, issue
(number from the register, award records, exemplars recognised), the signed file, revocation.

Every write checks the permission first (rules), then — locked, inside one transaction — the
decision's version and state. An issued decision is immutable: only the signed file can be
attached and it can be revoked (which keeps it). Numbers come from the authority's register for
the year of the issue date, taken under a row lock in the same transaction as the issue, so a
failed issue gives its number back and concurrent issues never share or skip one.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean, clean_multiline
from decisions.models import (
    Authority,
    Decision,
    DecisionEntry,
    DecisionState,
    NumberRegister,
    SignedDecision,
)
from registry.enums import ExemplarKind

AUDITED = ["state", "subject", "legal_basis", "proposal_text", "articles", "recipients",
           "signer_name", "signature_block", "number", "year", "issued_on"]
EDITABLE = ("subject", "legal_basis", "proposal_text", "articles", "recipients", "signer_name",
            "signature_block")
MULTILINE = {"legal_basis", "proposal_text", "articles", "recipients", "signature_block"}
SIGNED_AUDITED = ["original_name", "sha256", "status", "signer_name", "signed_at"]


def require(user, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def _locked(decision: Decision, expected_version: int | None = None, *,
            state: str | None = DecisionState.DRAFT) -> Decision:
    current = Decision.objects.select_for_update(of=("self",)).select_related(
        "authority", "title", "form", "campaign").get(pk=decision.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(_("Quyết định vừa được người khác thay đổi; hãy tải lại trang rồi "
                             "làm lại."))
    if state is not None and current.state != state:
        if current.state != DecisionState.DRAFT:
            raise DomainError(_("Quyết định đã ban hành (hoặc đã thu hồi) không sửa được."))
        raise DomainError(_("Quyết định đang ở trạng thái “%(state)s”: không thực hiện được.")
                          % {"state": current.get_state_display()})
    return current


# --- default texts -------------------------------------------------------------------------------

def basis_line(text: str) -> str:
    """"Căn cứ …;" — one legal basis as the decision writes it."""
    line = clean(text).rstrip(" ;.")
    if not line:
        return ""
    if not line.lower().startswith("căn cứ"):
        line = f"Căn cứ {line}"
    return f"{line};"


def default_legal_basis(*, authority: Authority, award, campaign=None) -> str:
    """The authority's bases, then the catalogue entry's, then the guidance pack's; one per
    line, each "Căn cứ …;", without repeats."""
    lines = [*authority.legal_basis.splitlines(), *(award.legal_basis or "").splitlines()]
    if campaign is not None:
        lines += list(campaign.pack.pack.legal_basis)
    seen, out = set(), []
    for line in lines:
        formatted = basis_line(line)
        if formatted and formatted.lower() not in seen:
            seen.add(formatted.lower())
            out.append(formatted)
    return "\n".join(out)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def award_phrase(decision_or_award, *, is_title: bool | None = None) -> str:
    """"Tặng Bằng khen", "Tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh”", "Công nhận điển hình
    tiên tiến" — the verb of Điều 1."""
    if isinstance(decision_or_award, Decision):
        award = decision_or_award.title or decision_or_award.form
        is_title = decision_or_award.title_id is not None
    else:
        award = decision_or_award
    name = award.name
    if is_title:
        return f"Tặng danh hiệu “{name}”"
    if name.lower().startswith(("công nhận", "biểu dương", "tặng")):
        return name[:1].upper() + name[1:]
    return f"Tặng {name}"


def default_subject(award, *, is_title: bool, campaign=None) -> str:
    text = f"Về việc {_lower_first(award_phrase(award, is_title=is_title))}"
    if campaign is not None:
        text += f" trong {_lower_first(campaign.name)}"
    return text


def entry_texts(item) -> dict:
    """The attached list's line for a proposal item: name, position and unit, achievement."""
    exemplar = item.exemplar
    unit_name = exemplar.registration.unit.name
    if exemplar.kind == ExemplarKind.INDIVIDUAL:
        parts = [exemplar.position_title, exemplar.work_unit or unit_name]
    else:
        parts = [] if exemplar.name == unit_name else [unit_name]
    description = ", ".join(p for p in (clean(x) for x in parts) if p)
    return {"name": exemplar.name, "description": description[:500],
            "achievement": item.achievement}


# --- drafting ------------------------------------------------------------------------------------

def _passed(items) -> list:
    from proposals.models import ItemOutcome, ProposalItem

    ids = [getattr(i, "pk", i) for i in items]
    found = list(ProposalItem.objects.filter(pk__in=ids).select_related(
        "proposal__unit", "proposal__campaign", "exemplar__registration__unit", "form", "title"))
    if not found or len(found) != len(set(ids)):
        raise DomainError(_("Hãy chọn ít nhất một điển hình đã được Hội đồng thông qua."))
    if any(i.outcome != ItemOutcome.PASSED for i in found):
        raise DomainError(_("Chỉ đưa vào quyết định các điển hình đã được Hội đồng thông qua."))
    taken = DecisionEntry.objects.filter(
        proposal_item__in=found, decision__state__in=[DecisionState.DRAFT, DecisionState.ISSUED])
    if taken.exists():
        names = ", ".join(sorted({e.name for e in taken}))
        raise DomainError(_("Đã có trong một quyết định khác (dự thảo hoặc đã ban hành): "
                            "%(names)s.") % {"names": names})
    order = {pk: n for n, pk in enumerate(ids)}
    return sorted(found, key=lambda i: order[i.pk])


def create_draft(*, authority: Authority, items, acting_user, form=None, title=None,
                 campaign=None, meeting=None, subject: str = "", legal_basis: str = "",
                 proposal_text: str = "", articles: str = "", recipients: str = "",
                 signer_name: str = "", signature_block: str = "") -> Decision:
    """A draft decision naming ``items`` (passed by the council), one entry each. The award is
    ``form`` or ``title``, else the items' common award; every item must be for that award.
    Texts left empty take the defaults (the authority's, the award's, the pack's legal bases).
    Audited."""
    require(acting_user, "decisions.draft_decision", None)
    if form is not None and title is not None:
        raise DomainError(_("Chọn một danh hiệu thi đua hoặc một hình thức khen thưởng."))
    found = _passed(items)
    if form is None and title is None:
        awards = {(i.form_id, i.title_id) for i in found}
        if len(awards) != 1:
            raise DomainError(_("Các điển hình được chọn đề nghị những hình thức, danh hiệu khác "
                                "nhau: mỗi quyết định chỉ một hình thức hoặc một danh hiệu."))
        form, title = found[0].form, found[0].title
    for item in found:
        if (item.form_id, item.title_id) != (getattr(form, "pk", None), getattr(title, "pk", None)):
            raise DomainError(_("“%(name)s” được đề nghị “%(award)s”, không phải hình thức, danh "
                                "hiệu của quyết định.") % {"name": item.exemplar.name,
                                                           "award": item.award.name})
    award = title or form
    for item in found:
        if award.subject_kinds and item.exemplar.kind not in award.subject_kinds:
            raise DomainError(_("“%(award)s” không áp dụng cho “%(name)s”.")
                              % {"award": award.name, "name": item.exemplar.name})
    if campaign is None:
        campaigns = {i.proposal.campaign_id for i in found}
        campaign = found[0].proposal.campaign if len(campaigns) == 1 else None
    if meeting is not None:
        on_meeting = set(meeting.items.filter(status="passed").values_list("proposal_item_id",
                                                                           flat=True))
        if any(i.pk not in on_meeting for i in found):
            raise DomainError(_("Có điển hình không được thông qua tại phiên họp đã chọn."))
    decision = Decision(
        authority=authority, form=form, title=title, campaign=campaign, meeting=meeting,
        subject=clean(subject) or default_subject(award, is_title=title is not None,
                                                  campaign=campaign),
        legal_basis=clean_multiline(legal_basis) or default_legal_basis(
            authority=authority, award=award, campaign=campaign),
        proposal_text=clean_multiline(proposal_text) or authority.proposal_text,
        articles=clean_multiline(articles) or authority.default_articles,
        recipients=clean_multiline(recipients) or authority.default_recipients,
        signer_name=clean(signer_name) or authority.default_signer,
        signature_block=clean_multiline(signature_block) or authority.signature_block,
        created_by=acting_user if getattr(acting_user, "pk", None) else None)
    decision.subject = decision.subject[:500]
    with transaction.atomic():
        decision.save()
        DecisionEntry.objects.bulk_create([
            DecisionEntry(decision=decision, proposal_item=item, position=n, **entry_texts(item))
            for n, item in enumerate(found, start=1)])
        log.record(actor=acting_user, action=Action.CREATE, obj=decision,
                   after={**log.snapshot(decision, AUDITED), "award": award.name,
                          "entries": len(found)})
    return decision


def update_draft(*, decision: Decision, expected_version: int, acting_user,
                 **changes) -> Decision:
    """Edit a draft's texts (``EDITABLE`` fields). Refused once issued; version-checked."""
    require(acting_user, "decisions.change_decision", decision)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise DomainError(_("Thao tác không hợp lệ."))
    with transaction.atomic():
        current = _locked(decision, expected_version)
        before = log.snapshot(current, AUDITED)
        for name, value in changes.items():
            if value is None:
                continue
            value = clean_multiline(value) if name in MULTILINE else clean(value)
            setattr(current, name, value)
        if not current.subject:
            raise DomainError(_("Cần trích yếu của quyết định."), field="subject")
        if not current.legal_basis:
            raise DomainError(_("Cần ít nhất một căn cứ ban hành."), field="legal_basis")
        current.subject = current.subject[:500]
        current.version += 1
        current.save()
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, before=before,
                   after=log.snapshot(current, AUDITED))
    return current


def remove_entry(*, decision: Decision, entry_id: int, expected_version: int,
                 acting_user) -> Decision:
    """Take one collective or individual off a draft's attached list (it stays passed)."""
    require(acting_user, "decisions.change_decision", decision)
    with transaction.atomic():
        current = _locked(decision, expected_version)
        entry = current.entries.filter(pk=entry_id).first()
        if entry is None:
            raise DomainError(_("Không tìm thấy tập thể, cá nhân này trong quyết định."))
        if current.entries.count() == 1:
            raise DomainError(_("Quyết định cần ít nhất một tập thể, cá nhân; hãy xóa dự thảo "
                                "nếu không dùng nữa."))
        log.record(actor=acting_user, action=Action.DELETE, obj=entry, owner=current,
                   before={"name": entry.name, "description": entry.description})
        entry.delete()
        current.version += 1
        current.save(update_fields=["version"])
    return current


def delete_draft(*, decision: Decision, acting_user, expected_version: int | None = None) -> None:
    """Delete a draft (its entries go with it; the items stay passed, ready for another)."""
    require(acting_user, "decisions.change_decision", decision)
    with transaction.atomic():
        current = _locked(decision, expected_version)
        log.record(actor=acting_user, action=Action.DELETE, obj=current,
                   before=log.snapshot(current, AUDITED))
        current.delete()


# --- issuing -------------------------------------------------------------------------------------

def _locked_register(authority: Authority, year: int) -> NumberRegister:
    """The register row of (authority, year), locked until the transaction ends. Created when
    missing; two first issues of a year racing to create it both end up on the same row (the
    loser's insert fails on the unique constraint inside a savepoint, then it locks the
    winner's row once that commits)."""
    register = NumberRegister.objects.select_for_update().filter(
        authority=authority, year=year).first()
    if register is not None:
        return register
    try:
        with transaction.atomic():
            NumberRegister.objects.create(authority=authority, year=year)
    except IntegrityError:
        pass
    return NumberRegister.objects.select_for_update().get(authority=authority, year=year)


def issue_decision(*, decision: Decision, issued_on: datetime.date, acting_user) -> Decision:
    """Issue a draft: the next number of the authority's register for ``issued_on``'s year,
    one award record per entry (``awards.services.add_record``), each item recognised
    (``proposals.services.mark_recognised``: exemplar "recognised"). All or nothing: a failure
    (an entry the award does not apply to…) rolls everything back, the number included.
    Side effects: audit log; after commit, notices to the proposing units."""
    from awards.services import add_record, subject_for_exemplar
    from proposals.services import mark_recognised

    require(acting_user, "decisions.issue_decision", decision)
    if not isinstance(issued_on, datetime.date):
        raise DomainError(_("Hãy nhập ngày ban hành (ngày/tháng/năm)."), field="issued_on")
    if issued_on > timezone.localdate():
        raise DomainError(_("Ngày ban hành không được sau hôm nay."), field="issued_on")
    with transaction.atomic():
        current = _locked(decision)
        if not current.signer_name:
            raise DomainError(_("Cần họ tên người ký trước khi ban hành."), field="signer_name")
        entries = list(current.entries.select_related(
            "proposal_item__exemplar__registration__unit", "proposal_item__proposal"))
        if not entries:
            raise DomainError(_("Quyết định chưa có tập thể, cá nhân nào."))
        register = _locked_register(current.authority, issued_on.year)
        register.last_number += 1
        register.save(update_fields=["last_number"])
        before = log.snapshot(current, AUDITED)
        current.number, current.year = register.last_number, issued_on.year
        current.issued_on, current.state = issued_on, DecisionState.ISSUED
        current.issued_by = acting_user if getattr(acting_user, "pk", None) else None
        current.version += 1
        current.save()
        reference = current.reference
        for entry in entries:
            item = entry.proposal_item
            exemplar = item.exemplar
            subject = subject_for_exemplar(exemplar=exemplar)
            entry.subject = subject
            entry.record = add_record(
                subject=subject, title=current.title, form=current.form, year=issued_on.year,
                decision_number=reference, decision_date=issued_on,
                issuer=current.authority.name, achievement=entry.achievement,
                field_key=exemplar.field_key, acting_user=acting_user)
            entry.save(update_fields=["subject", "record"])
            mark_recognised(item=item, acting_user=acting_user)
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, verb="issue",
                   before=before, after=log.snapshot(current, AUDITED))
        decision_id = current.pk
        transaction.on_commit(lambda: _notify(decision_id, "issued", acting_user))
    return current


def _notify(decision_id: int, event: str, acting_user) -> None:
    from decisions.tasks import notify_decision

    notify_decision.enqueue(decision_id=decision_id, event=event,
                            actor_id=getattr(acting_user, "pk", None))


# --- revocation ----------------------------------------------------------------------------------

def revoke_decision(*, decision: Decision, reason: str, legal_basis: str,
                    acting_user) -> Decision:
    """Revoke (thu hồi) an issued decision: it is kept, marked revoked with the reason and legal
    basis; its award records are marked revoked (``awards.services.revoke_records``); each
    exemplar moves recognised → revoked (registry's "revoke"). Audited; notices after commit."""
    from awards.services import revoke_records
    from registry.services.lifecycle import transition_exemplar

    require(acting_user, "decisions.revoke_decision", decision)
    reason, legal_basis = clean_multiline(reason), clean_multiline(legal_basis)
    if not reason:
        raise DomainError(_("Cần nêu lý do thu hồi."), field="reason")
    if not legal_basis:
        raise DomainError(_("Cần nêu căn cứ thu hồi."), field="legal_basis")
    with transaction.atomic():
        current = _locked(decision, state=DecisionState.ISSUED)
        entries = list(current.entries.select_related("record", "proposal_item__exemplar"))
        revoke_records(records=[e.record for e in entries if e.record_id], reason=reason,
                       acting_user=acting_user)
        for entry in entries:
            exemplar = entry.proposal_item.exemplar if entry.proposal_item_id else None
            if exemplar is not None and exemplar.state == "recognised":
                transition_exemplar(exemplar=exemplar, name="revoke", driven=True,
                                    acting_user=acting_user,
                                    reason=reason, legal_basis=legal_basis)
        before = log.snapshot(current, AUDITED)
        current.state = DecisionState.REVOKED
        current.revoked_at = timezone.now()
        current.revoke_reason, current.revoke_legal_basis = reason, legal_basis
        current.version += 1
        current.save()
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, verb="revoke",
                   reason=reason, before=before,
                   after={**log.snapshot(current, AUDITED), "legal_basis": legal_basis})
        decision_id = current.pk
        transaction.on_commit(lambda: _notify(decision_id, "revoked", acting_user))
    return current


# --- the signed file -----------------------------------------------------------------------------

def attach_signed_decision(*, decision: Decision, uploaded_file, acting_user) -> SignedDecision:
    """Verify the uploaded PDF's signatures (as for a registration's signed form) and store it
    with the result. A refused file changes nothing."""
    from registry.signatures import read_verified_pdf, store_with_file

    require(acting_user, "decisions.attach_signed_decision", decision)
    checked = read_verified_pdf(
        uploaded_file, wrong_type=_("Chỉ nhận tệp PDF: quyết định có chữ ký số, hoặc bản quét "
                                    "lưu thành PDF."), default_name="quyet-dinh.pdf")
    if decision.signed_files.filter(sha256=checked.sha256).exists():
        raise DomainError(_("Tệp này đã được đính kèm vào quyết định."), field="file")
    signed = SignedDecision(
        decision=decision, original_name=checked.original_name, sha256=checked.sha256,
        status=checked.result.status, signer_name=checked.result.signer_name[:255],
        signed_at=checked.result.signed_at, details=checked.result.details,
        uploaded_by=acting_user)

    def write() -> None:
        signed.save()
        log.record(actor=acting_user, action=Action.CREATE, obj=signed, owner=decision,
                   verb="attach_signed_decision", after=log.snapshot(signed, SIGNED_AUDITED))

    store_with_file(signed, checked, write)
    return signed
