"""Writes of the award history. Every function checks nothing about the web: the callers
(decisions issuing, the history page, the importer) check their own permission first and pass
``acting_user`` for the audit log.

* :func:`subject_for_exemplar` — the one matching rule tying an exemplar to its subject.
* :func:`add_record` — one title *or* one form given by a numbered decision.
* :func:`revoke_records` — a revoked decision's records stay, marked revoked.

``add_record`` and ``revoke_records`` are the inner writes (decisions' issue and revocation call
them after their own checks). The web, the API, the commands and the importer go through the
checked services below: :func:`load_catalogue`, :func:`save_catalogue_entry`,
:func:`close_catalogue_entry`, :func:`enter_record` (and ``awards.importing.apply_history_import``).
"""

import datetime
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from awards import evidence as award_evidence
from awards.models import (
    AwardRecord,
    AwardSubject,
    CommendationForm,
    EmulationTitle,
    RecordSource,
    SubjectLink,
)
from core.errors import DomainError, NotAllowed
from core.text import clean, clean_multiline, fold
from evaluation import verdicts
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
        _link, linked = SubjectLink.objects.get_or_create(exemplar=exemplar,
                                                          defaults={"subject": subject})
        if linked:  # what the exemplar reads of the history may change (G5, M1)
            verdicts.evidence_changed([exemplar.pk])
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
        award_evidence.history_changed([subject.pk])
    return record


def revoke_records(*, records, reason: str, acting_user) -> int:
    """Mark records revoked (kept, never deleted). Returns how many were marked now."""
    reason = clean_multiline(reason)
    if not reason:
        raise DomainError(_("Cần nêu lý do thu hồi."))
    now = timezone.now()
    count = 0
    subjects: set[int] = set()
    with transaction.atomic():
        for record in AwardRecord.objects.select_for_update().filter(
                pk__in=[r.pk for r in records], revoked_at__isnull=True):
            record.revoked_at, record.revoke_reason = now, reason
            record.save(update_fields=["revoked_at", "revoke_reason"])
            log.record(actor=acting_user, action=Action.UPDATE, obj=record, owner=record.subject,
                       verb="revoke", reason=reason)
            subjects.add(record.subject_id)
            count += 1
        award_evidence.history_changed(subjects)
    return count


# --- checked services: catalogues ----------------------------------------------------------------

CATALOGUE_PATH = Path(__file__).resolve().parent / "reference" / "catalogue.yaml"
CATALOGUES = {"titles": EmulationTitle, "forms": CommendationForm}
FIELDS = ("name", "level", "subject_kinds", "authority", "legal_basis", "sort_order",
          "valid_from", "valid_to")


def _require(acting_user, permission: str, obj=None) -> None:
    if acting_user is None or not acting_user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def catalogue_model(catalogue: str):
    try:
        return CATALOGUES[catalogue]
    except KeyError:
        raise DomainError(_("Không có danh mục này.")) from None


def _entry_values(model, raw: dict, position: int) -> dict:
    kinds = list(raw.get("subject_kinds") or [])
    unknown = [k for k in kinds if k not in ExemplarKind.values]
    if unknown:
        raise DomainError(_("Đối tượng áp dụng “%(kind)s” không hợp lệ.") % {"kind": unknown[0]})
    values = {
        "name": clean(str(raw.get("name") or "")), "level": clean(str(raw.get("level") or "")),
        "subject_kinds": kinds, "authority": clean(str(raw.get("authority") or "")),
        "legal_basis": clean_multiline(str(raw.get("legal_basis") or "")),
        "sort_order": int(raw.get("sort_order", position)),
        "valid_from": _date(raw.get("valid_from")), "valid_to": _date(raw.get("valid_to")),
    }
    if model is CommendationForm:
        values["counts_as_recognition"] = bool(raw.get("counts_as_recognition", True))
    if not values["name"] or values["valid_from"] is None:
        raise DomainError(_("Mỗi mục của danh mục cần mã, tên và ngày hiệu lực."))
    if values["valid_to"] and values["valid_to"] < values["valid_from"]:
        raise DomainError(_("Ngày hết hiệu lực không được trước ngày có hiệu lực."))
    return values


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(_("Ngày “%(value)s” không hợp lệ (cần dạng năm-tháng-ngày).")
                          % {"value": value}) from None


def _snapshot(entry) -> dict:
    """The audited values; the subject kinds by their Vietnamese labels (the log is read)."""
    out = {f: (getattr(entry, f).isoformat() if isinstance(getattr(entry, f), datetime.date)
               else getattr(entry, f)) for f in (*FIELDS, "counts_as_recognition")
           if hasattr(entry, f)}
    out["subject_kinds"] = [str(ExemplarKind(k).label) if k in ExemplarKind.values else k
                            for k in entry.subject_kinds]
    return out


def read_catalogue_file(path: Path | str = CATALOGUE_PATH) -> dict:
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DomainError(_("Không đọc được tệp danh mục: %(error)s") % {"error": error}) from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k, []), list)
                                             for k in CATALOGUES):
        raise DomainError(_("Tệp danh mục cần hai danh sách “titles” và “forms”."))
    return data


def load_catalogue(path: Path | str = CATALOGUE_PATH, *, acting_user) -> dict[str, int]:
    """Upsert both catalogues from the YAML file by code (idempotent: an unchanged entry is not
    touched). An entry in the database but no longer in the file is closed (``valid_to`` =
    yesterday) if it has records, deleted if it never was used. A code may not move from one
    catalogue to the other. Side effects: saves; one audit event per created, changed, closed or
    deleted entry. Returns the counts."""
    _require(acting_user, "awards.manage_catalogue")
    data = read_catalogue_file(path)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "closed": 0, "deleted": 0}
    codes = {k: [str(raw.get("code") or "") for raw in data.get(k) or []] for k in CATALOGUES}
    if set(codes["titles"]) & set(codes["forms"]):
        raise DomainError(_("Một mã không được vừa là danh hiệu thi đua vừa là hình thức khen "
                            "thưởng."))
    today = timezone.localdate()
    with transaction.atomic():
        for catalogue, model in CATALOGUES.items():
            for position, raw in enumerate(data.get(catalogue) or []):
                code = clean(str(raw.get("code") or ""))
                if not code:
                    raise DomainError(_("Mỗi mục của danh mục cần mã, tên và ngày hiệu lực."))
                values = _entry_values(model, raw, position)
                entry = model.objects.select_for_update().filter(code=code).first()
                if entry is None:
                    entry = model.objects.create(code=code, **values)
                    log.record(actor=acting_user, action=Action.LOAD, obj=entry,
                               after=_snapshot(entry))
                    counts["created"] += 1
                    continue
                before = _snapshot(entry)
                changed = [f for f, v in values.items() if getattr(entry, f) != v]
                if not changed:
                    counts["unchanged"] += 1
                    continue
                for f in changed:
                    setattr(entry, f, values[f])
                entry.save(update_fields=changed)
                log.record(actor=acting_user, action=Action.LOAD, obj=entry, before=before,
                           after=_snapshot(entry))
                counts["updated"] += 1
            gone = model.objects.exclude(code__in=codes[catalogue])
            for entry in gone.select_for_update():
                if entry.records.exists():
                    if entry.valid_to is None or entry.valid_to >= today:
                        before = _snapshot(entry)
                        entry.valid_to = today - datetime.timedelta(days=1)
                        entry.save(update_fields=["valid_to"])
                        log.record(actor=acting_user, action=Action.UPDATE, obj=entry,
                                   before=before, after=_snapshot(entry), verb="close")
                        counts["closed"] += 1
                else:
                    log.record(actor=acting_user, action=Action.DELETE, obj=entry,
                               before=_snapshot(entry))
                    entry.delete()
                    counts["deleted"] += 1
    return counts


def save_catalogue_entry(*, catalogue: str, entry=None, values: dict, acting_user):
    """Add an entry to a catalogue (``entry`` None) or edit one. The code of an entry already
    used by a record never changes (records and exports name it). Audited."""
    _require(acting_user, "awards.manage_catalogue")
    model = catalogue_model(catalogue)
    cleaned = _entry_values(model, values, int(values.get("sort_order") or 0))
    code = clean(str(values.get("code") or ""))
    with transaction.atomic():
        if entry is None:
            if not code:
                raise DomainError(_("Mỗi mục của danh mục cần mã, tên và ngày hiệu lực."))
            if any(m.objects.filter(code=code).exists() for m in CATALOGUES.values()):
                raise DomainError(_("Mã “%(code)s” đã có trong danh mục.") % {"code": code})
            entry = model.objects.create(code=code, **cleaned)
            log.record(actor=acting_user, action=Action.CREATE, obj=entry, after=_snapshot(entry))
            return entry
        entry = model.objects.select_for_update().get(pk=entry.pk)
        if code and code != entry.code:
            if entry.records.exists():
                raise DomainError(_("Mục đã được dùng trong hồ sơ thành tích: không đổi được mã."))
            if any(m.objects.filter(code=code).exists() for m in CATALOGUES.values()):
                raise DomainError(_("Mã “%(code)s” đã có trong danh mục.") % {"code": code})
            cleaned["code"] = code
        before = _snapshot(entry)
        changed = [f for f, v in cleaned.items() if getattr(entry, f) != v]
        if changed:
            for f in changed:
                setattr(entry, f, cleaned[f])
            entry.save(update_fields=changed)
            log.record(actor=acting_user, action=Action.UPDATE, obj=entry, before=before,
                       after=_snapshot(entry))
    return entry


def close_catalogue_entry(*, catalogue: str, entry, valid_to: datetime.date, acting_user):
    """End an entry's validity (it is never deleted from the pages). Audited."""
    _require(acting_user, "awards.manage_catalogue")
    model = catalogue_model(catalogue)
    with transaction.atomic():
        entry = model.objects.select_for_update().get(pk=entry.pk)
        if valid_to < entry.valid_from:
            raise DomainError(_("Ngày hết hiệu lực không được trước ngày có hiệu lực."))
        before = _snapshot(entry)
        entry.valid_to = valid_to
        entry.save(update_fields=["valid_to"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=entry, before=before,
                   after=_snapshot(entry), verb="close")
    return entry


# --- checked services: history entered by hand ---------------------------------------------------

def enter_record(*, subject: AwardSubject, title: EmulationTitle | None = None,
                 form: CommendationForm | None = None, year: int, decision_number: str,
                 decision_date: datetime.date, issuer: str, achievement: str = "",
                 field_key: str = "", acting_user) -> AwardRecord:
    """A record of an earlier year entered by hand (``source=ENTERED``), after the check of
    ``awards.enter_record``; the same one as decided: a duplicate (same subject, award and
    decision number) is refused. Side effects: ``add_record``'s."""
    _require(acting_user, "awards.enter_record", subject)
    if decision_date > timezone.localdate():
        raise DomainError(_("Ngày quyết định không được sau hôm nay."))
    if AwardRecord.objects.filter(subject=subject, title=title, form=form,
                                  decision_number=clean(decision_number)).exists():
        raise DomainError(_("Hồ sơ đã có khen thưởng này theo quyết định số %(number)s.")
                          % {"number": clean(decision_number)})
    return add_record(subject=subject, title=title, form=form, year=year,
                      decision_number=decision_number, decision_date=decision_date,
                      issuer=issuer, achievement=achievement, field_key=field_key,
                      source=RecordSource.ENTERED, acting_user=acting_user)


def create_subject(*, kind: str, name: str, unit=None, birth_year: int | None = None,
                   position_title: str = "", work_unit: str = "", acting_user) -> AwardSubject:
    """A subject not yet in the history (entered or imported for earlier years): the matching
    one if it exists (``matching_subjects``), else a new one. Audited when created."""
    _require(acting_user, "awards.enter_record")
    name = clean(name)
    if not name or kind not in ExemplarKind.values:
        raise DomainError(_("Cần tên và loại đối tượng."))
    org_unit = unit if kind == ExemplarKind.COLLECTIVE and unit is not None and \
        fold(unit.name) == fold(name) else None
    found = matching_subjects(kind=kind, name=name, unit_id=unit.pk if unit else None,
                              org_unit_id=org_unit.pk if org_unit else None,
                              birth_year=birth_year).order_by("pk").first()
    if found:
        return found
    with transaction.atomic():
        subject = AwardSubject.objects.create(
            kind=kind, name=name, folded_name=fold(name), unit=unit, org_unit=org_unit,
            birth_year=birth_year, position_title=clean(position_title),
            work_unit=clean(work_unit))
        log.record(actor=acting_user, action=Action.CREATE, obj=subject,
                   after={"name": name, "kind": kind})
    return subject
