"""Writes to adoptions (nhân rộng): record one, update it, end it, add a result.

Every write checks the permission first (``replication.rules``), cleans its text (NFC) and its
scale (``replication.scale``), then — locked, inside one transaction — the adoption's version
(a stale one is refused in Vietnamese); it bumps the version and writes one audit event owned
by the adoption.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean_multiline
from orgs.models import Unit
from registry.enums import ExemplarState
from registry.models import Exemplar
from replication.models import Adoption, AdoptionResult, ResultEvidence
from replication.scale import clean_scale

AUDITED = ["started_on", "ended_on", "end_reason", "scale", "notes"]
RESULT_AUDITED = ["on", "text", "figures"]
NOT_ADOPTABLE = frozenset({ExemplarState.WITHDRAWN, ExemplarState.REVOKED,
                           ExemplarState.NOT_RECOGNISED})


def require(user, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def _date(value, field: str, label: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(_("Hãy nhập %(label)s (ngày/tháng/năm).") % {"label": label},
                          field=field)
    if value > timezone.localdate():
        raise DomainError(_("%(label)s không được sau hôm nay.") % {"label": label.capitalize()},
                          field=field)
    return value


def _locked(adoption: Adoption, expected_version: int | None) -> Adoption:
    current = Adoption.objects.select_for_update().select_related(
        "unit", "exemplar", "exemplar__registration").get(pk=adoption.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(_("Việc nhân rộng vừa được người khác thay đổi; hãy tải lại trang "
                             "rồi sửa lại."))
    return current


def record_adoption(*, exemplar: Exemplar, unit: Unit, started_on: datetime.date,
                    acting_user, scale: dict | None = None, notes: str = "") -> Adoption:
    """``unit`` adopts ``exemplar``'s practice from ``started_on``. Refused: the exemplar's own
    unit, an exemplar withdrawn, revoked or not recognised, a unit no longer existing, a second
    adoption by the same unit. Side effects: audit log."""
    require(acting_user, "replication.change_adoption", Adoption(exemplar=exemplar, unit=unit))
    started_on = _date(started_on, "started_on", _("ngày bắt đầu"))
    scale = clean_scale(scale, exemplar)
    notes = clean_multiline(notes)
    if exemplar.state in NOT_ADOPTABLE:
        raise DomainError(_("Điển hình đang ở trạng thái “%(state)s”: không ghi nhận nhân rộng.")
                          % {"state": exemplar.get_state_display()})
    if unit.pk == exemplar.registration.unit_id:
        raise DomainError(_("Đơn vị áp dụng phải khác đơn vị có điển hình."), field="unit")
    if not unit.is_current:
        raise DomainError(_("Đơn vị này không còn tồn tại; hãy chọn đơn vị kế thừa."),
                          field="unit")
    with transaction.atomic():
        if Adoption.objects.select_for_update().filter(exemplar=exemplar, unit=unit).exists():
            raise DomainError(_("Đơn vị này đã được ghi nhận áp dụng điển hình, mô hình này."),
                              field="unit")
        adoption = Adoption.objects.create(exemplar=exemplar, unit=unit, started_on=started_on,
                                           scale=scale, notes=notes, recorded_by=acting_user)
        log.record(actor=acting_user, action=Action.CREATE, obj=adoption, unit=unit,
                   after=log.snapshot(adoption, AUDITED))
    return adoption


def update_adoption(*, adoption: Adoption, started_on: datetime.date, expected_version: int,
                    acting_user, scale: dict | None = None, notes: str = "") -> Adoption:
    """The adoption's start date, scale and notes."""
    require(acting_user, "replication.change_adoption", adoption)
    started_on = _date(started_on, "started_on", _("ngày bắt đầu"))
    scale = clean_scale(scale, adoption.exemplar)
    notes = clean_multiline(notes)
    with transaction.atomic():
        current = _locked(adoption, expected_version)
        if current.ended_on and started_on > current.ended_on:
            raise DomainError(_("Ngày bắt đầu phải trước ngày kết thúc."), field="started_on")
        before = log.snapshot(current, AUDITED)
        current.started_on, current.scale, current.notes = started_on, scale, notes
        current.version += 1
        current.save(update_fields=["started_on", "scale", "notes", "version", "updated_at"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, unit=current.unit,
                   before=before, after=log.snapshot(current, AUDITED))
    return current


def end_adoption(*, adoption: Adoption, ended_on: datetime.date, acting_user, reason: str = "",
                 expected_version: int | None = None) -> Adoption:
    """The unit stopped applying the practice on ``ended_on`` (a reason is kept)."""
    require(acting_user, "replication.change_adoption", adoption)
    ended_on = _date(ended_on, "ended_on", _("ngày kết thúc"))
    reason = clean_multiline(reason)
    with transaction.atomic():
        current = _locked(adoption, expected_version)
        if current.ended_on is not None:
            raise DomainError(_("Việc nhân rộng này đã kết thúc."))
        if ended_on < current.started_on:
            raise DomainError(_("Ngày kết thúc không được trước ngày bắt đầu."), field="ended_on")
        before = log.snapshot(current, AUDITED)
        current.ended_on, current.end_reason = ended_on, reason
        current.version += 1
        current.save(update_fields=["ended_on", "end_reason", "version", "updated_at"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, unit=current.unit,
                   verb="end_adoption", reason=reason, before=before,
                   after=log.snapshot(current, AUDITED))
    return current


def add_result(*, adoption: Adoption, on: datetime.date, text: str, acting_user,
               figures: dict | None = None, expected_version: int | None = None,
               uploads=()) -> AdoptionResult:
    """A result of the adoption by ``on``: what was achieved, with figures (the scale's
    measures) and up to five evidence files (photos re-encoded without metadata, documents
    through the shared upload checks — ``progress.files``). Side effects: files in the private
    storage; the adoption's version bumped; audit log."""
    require(acting_user, "replication.change_adoption", adoption)
    from progress import files as upload_door

    uploads = list(uploads or [])
    if len(uploads) > upload_door.MAX_FILES:
        raise DomainError(_("Mỗi kết quả đính kèm tối đa %(n)d tệp.")
                          % {"n": upload_door.MAX_FILES}, field="files")
    prepared = []
    for upload in uploads:
        if upload.size is not None and upload.size > upload_door.MAX_FILE_BYTES:
            raise DomainError(_("Tệp “%(name)s” lớn hơn 10 MB.") % {"name": upload.name},
                              field="files")
        upload.seek(0)
        prepared.append(upload_door.prepare(upload.name or "", upload.read()))
    on = _date(on, "on", _("ngày"))
    text = clean_multiline(text)
    if not text:
        raise DomainError(_("Hãy ghi kết quả đạt được."), field="text")
    figures = clean_scale(figures, adoption.exemplar)
    stored: list[str] = []
    try:
        with transaction.atomic():
            current = _locked(adoption, expected_version)
            if on < current.started_on:
                raise DomainError(_("Ngày của kết quả không được trước ngày bắt đầu áp dụng."),
                                  field="on")
            result = AdoptionResult.objects.create(adoption=current, on=on, text=text,
                                                   figures=figures, recorded_by=acting_user)
            for item in prepared:
                evidence = ResultEvidence(result=result, kind=item.kind,
                                          original_name=item.original_name, size=len(item.data),
                                          content_type=item.content_type)
                evidence.file.save("tep" + item.extension, ContentFile(item.data), save=False)
                stored.append(evidence.file.name)
                evidence.save()
            current.version += 1
            current.save(update_fields=["version", "updated_at"])
            log.record(actor=acting_user, action=Action.CREATE, obj=result, unit=current.unit,
                       owner=current, after={**log.snapshot(result, RESULT_AUDITED),
                                             "files": [p.original_name for p in prepared]})
    except BaseException:
        from uploads import private

        for name in stored:
            private.storage().delete(name)
        raise
    return result
