"""Writes of the award history. Every function checks nothing about the web: the callers
(decisions issuing, the history page, the importer) check their own permission first and pass
``acting_user`` for the audit log.

* :func:`subject_for_exemplar` — the one matching rule tying an exemplar to its subject.
* :func:`add_record` — one title *or* one form given by a numbered decision.
* :func:`revoke_records` — a revoked decision's records stay, marked revoked.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from awards.models import (
    AwardRecord,
    AwardSubject,
    CommendationForm,
    EmulationTitle,
    RecordSource,
    SubjectLink,
)
from core.errors import DomainError
from core.text import clean, clean_multiline, fold
from registry.enums import ExemplarKind
from registry.models import Exemplar


def matching_subjects(*, kind: str, name: str, unit_id: int | None, org_unit_id: int | None = None,
                      birth_year: int | None = None):
    """Subjects that are this one: a collective that is an organisation unit by that unit;
    anyone else by kind, folded name and unit, and birth year when both sides know it."""
    subjects = AwardSubject.objects.all()
    if kind == ExemplarKind.COLLECTIVE and org_unit_id:
        return subjects.filter(org_unit_id=org_unit_id)
    found = subjects.filter(kind=kind, folded_name=fold(name), unit_id=unit_id)
    if birth_year:
        found = found.filter(Q(birth_year=birth_year) | Q(birth_year__isnull=True))
    return found


def subject_for_exemplar(*, exemplar: Exemplar, create: bool = True) -> AwardSubject | None:
    """The exemplar's subject: its link, else the matching subject (linked now), else a new one
    from the exemplar's data (when ``create``). One transaction; no audit event (a link is not
    a change of anyone's history)."""
    link = SubjectLink.objects.select_related("subject").filter(exemplar=exemplar).first()
    if link:
        return link.subject
    unit_id = exemplar.registration.unit_id
    with transaction.atomic():
        subject = matching_subjects(kind=exemplar.kind, name=exemplar.name, unit_id=unit_id,
                                    org_unit_id=exemplar.linked_unit_id,
                                    birth_year=exemplar.birth_year).order_by("pk").first()
        if subject is None:
            if not create:
                return None
            subject = AwardSubject.objects.create(
                kind=exemplar.kind, name=exemplar.name, folded_name=fold(exemplar.name),
                unit_id=unit_id,
                org_unit_id=exemplar.linked_unit_id if exemplar.kind == ExemplarKind.COLLECTIVE
                else None,
                position_title=exemplar.position_title, work_unit=exemplar.work_unit,
                gender=exemplar.gender, birth_year=exemplar.birth_year,
                ethnicity=exemplar.ethnicity)
        SubjectLink.objects.get_or_create(exemplar=exemplar, defaults={"subject": subject})
    return subject


def add_record(*, subject: AwardSubject, title: EmulationTitle | None = None,
               form: CommendationForm | None = None, year: int, decision_number: str,
               decision_date: datetime.date, issuer: str, achievement: str = "",
               field_key: str = "", source: str = RecordSource.DECISION,
               acting_user) -> AwardRecord:
    """One award in the subject's history (a title or a form, never both; the catalogue entry
    must apply to the subject's kind and be valid on the decision's date). Audited."""
    if (title is None) == (form is None):
        raise DomainError(_("Chọn một danh hiệu thi đua hoặc một hình thức khen thưởng."))
    entry = title or form
    if entry.subject_kinds and subject.kind not in entry.subject_kinds:
        raise DomainError(_("“%(award)s” không áp dụng cho đối tượng này.") % {"award": entry.name})
    if decision_date < entry.valid_from or (entry.valid_to and decision_date > entry.valid_to):
        raise DomainError(_("“%(award)s” không còn hiệu lực vào ngày quyết định.")
                          % {"award": entry.name})
    number = clean(decision_number)
    if not number:
        raise DomainError(_("Cần số quyết định."))
    with transaction.atomic():
        record = AwardRecord.objects.create(
            subject=subject, title=title, form=form, year=year, field_key=clean(field_key),
            achievement=clean_multiline(achievement), decision_number=number,
            decision_date=decision_date, issuer=clean(issuer), source=source,
            entered_by=acting_user if getattr(acting_user, "pk", None) else None)
        log.record(actor=acting_user, action=Action.CREATE, obj=record, owner=subject,
                   after={"award": entry.name, "decision_number": number, "year": year})
    return record


def revoke_records(*, records, reason: str, acting_user) -> int:
    """Mark records revoked (kept, never deleted). Returns how many were marked now."""
    reason = clean_multiline(reason)
    if not reason:
        raise DomainError(_("Cần nêu lý do thu hồi."))
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for record in AwardRecord.objects.select_for_update().filter(
                pk__in=[r.pk for r in records], revoked_at__isnull=True):
            record.revoked_at, record.revoke_reason = now, reason
            record.save(update_fields=["revoked_at", "revoke_reason"])
            log.record(actor=acting_user, action=Action.UPDATE, obj=record, owner=record.subject,
                       verb="revoke", reason=reason)
            count += 1
    return count
