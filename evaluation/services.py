"""Every write to evidence and judgements. Views, commands and importers call these.

Each function checks the permission on the exemplar, validates, saves inside a transaction and
writes the audit log (against the exemplar's registration unit). Evidence belongs to the
exemplar's *subject*, created on first use, so it is reused by later campaigns.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed
from core.text import clean, fold
from evaluation import evidence, verdicts
from evaluation import models as m
from evaluation.evidence import EvidenceKind, EvidenceType
from evaluation.rules import EvidenceRow, entered_by_standing_office, entering_role, evidence_frozen
from registry.enums import ExemplarKind
from registry.models import Exemplar, Registration
from registry.ranges import check_number

MAX_PROOF_BYTES = 10 * 1024 * 1024
_MAGIC = ((b"%PDF-", m.ProofKind.PDF), (b"\x89PNG\r\n\x1a\n", m.ProofKind.IMAGE),
          (b"\xff\xd8\xff", m.ProofKind.IMAGE))


def _require(user, permission: str, obj: Any) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_refusal(user, permission, obj))


def _refusal(user, permission: str, obj: Any) -> str:
    """Why the permission is refused, when the reason is the freeze rather than the role."""
    exemplar = obj.exemplar if isinstance(obj, EvidenceRow) else obj
    if (permission == "evaluation.change_evidence_row"
            and entered_by_standing_office(user, obj)
            and user.has_perm("evaluation.enter_evidence", exemplar)):
        return _("Minh chứng này do cơ quan thường trực nhập; chỉ cơ quan thường trực sửa "
                 "hoặc xóa được.")
    if isinstance(exemplar, Exemplar) and evidence_frozen(user, exemplar):
        return _("Biểu đăng ký đã gửi Sở Nội vụ: minh chứng và ý kiến thẩm định chỉ cơ quan "
                 "thường trực hoặc Hội đồng thay đổi được, cho đến khi biểu bị trả lại "
                 "hoặc được mở lại.")
    return _("Bạn không có quyền thực hiện thao tác này.")


def _entered_by(user) -> dict[str, Any]:
    return {"entered_by": user if getattr(user, "pk", None) else None,
            "entered_by_role": entering_role(user)}


def _row_of(exemplar: Exemplar, model: type, **lookup: Any) -> Any:
    """The exemplar's subject's row matching ``lookup`` (None: none, or no subject yet)."""
    return model.objects.filter(subject__exemplar_links__exemplar=exemplar, **lookup).first()


def _identity(exemplar: Exemplar) -> dict[str, Any]:
    if exemplar.kind == ExemplarKind.COLLECTIVE and exemplar.linked_unit_id:
        return {"kind": exemplar.kind, "unit_id": exemplar.linked_unit_id}
    return {"kind": exemplar.kind, "folded_name": fold(exemplar.name)[:255],
            "birth_year": exemplar.birth_year, "home_unit_id": exemplar.registration.unit_id}


def get_or_create_subject(exemplar: Exemplar) -> m.Subject:
    """The exemplar's subject, linked on first use to an existing one with the same identity
    (the same person registered again in another campaign) or created. No audit: no fact."""
    link = m.ExemplarSubject.objects.filter(exemplar=exemplar).select_related("subject").first()
    if link:
        return link.subject
    identity = _identity(exemplar)
    subject = m.Subject.objects.filter(**identity).order_by("pk").first()
    if subject is None:
        details = {"name": clean(exemplar.name), "folded_name": fold(exemplar.name)[:255],
                   "birth_year": exemplar.birth_year, "home_unit_id": exemplar.registration.unit_id}
        subject = m.Subject.objects.create(**(details | identity))
    m.ExemplarSubject.objects.create(exemplar=exemplar, subject=subject)
    # Linked to a subject that may already hold evidence (the same person's earlier campaign).
    verdicts.evidence_changed([exemplar.pk])
    return subject


def _evidence_type(kind: str) -> EvidenceType:
    found = evidence.of_kind(kind)
    if found is None:
        raise DomainError(_("Loại minh chứng không hợp lệ."))
    return found


def _declare(subject: m.Subject, kind: str) -> None:
    m.EvidenceDeclaration.objects.update_or_create(subject=subject, kind=kind,
                                                   defaults={"provided": True})


def add_evidence(*, exemplar: Exemplar, kind: str, values: dict[str, Any],
                 acting_user) -> Any:
    """Add an evidence row, or replace the row it corrects (same values of the kind's
    ``replaces`` fields, e.g. the same year's rating); declares the kind.

    Side effects: subject created/linked if needed, declaration, audit log.
    """
    _require(acting_user, "evaluation.enter_evidence", exemplar)
    kind_type = _evidence_type(kind)
    model = kind_type.model
    values = {k: clean(v) if isinstance(v, str) else v for k, v in values.items()}
    lookup = {k: values[k] for k in kind_type.replaces}
    replaced = _row_of(exemplar, model, **lookup) if kind_type.replaces else None
    if replaced is not None:  # replacing a row is changing it
        _require(acting_user, "evaluation.change_evidence_row", EvidenceRow(exemplar, replaced))
    with transaction.atomic():
        subject = get_or_create_subject(exemplar)
        stamped = values | _entered_by(acting_user)
        before = None
        if kind_type.replaces:
            previous = model.objects.select_for_update().filter(subject=subject, **lookup).first()
            before = log.snapshot(previous, list(values)) if previous else None
            row, _created = model.objects.update_or_create(subject=subject, **lookup,
                                                           defaults=stamped)
        else:
            row = model.objects.create(subject=subject, **stamped)
        _declare(subject, kind)
        verdicts.subject_changed(subject.pk)
        verb = str(kind_type.label)
        if before is not None:  # name the row replaced: "Xếp loại hằng năm — năm 2025"
            verb += " — " + ", ".join(f"{model._meta.get_field(k).verbose_name} {values[k]}"
                                      for k in kind_type.replaces)
        log.record(actor=acting_user, action=Action.CREATE if before is None else Action.UPDATE,
                   obj=row, owner=exemplar, unit=exemplar.registration.unit,
                   verb=verb[:64], before=before,
                   after=log.snapshot(row, list(values)))
    return row


def declare_provided(*, exemplar: Exemplar, kind: str, acting_user) -> None:
    """Record that ``kind`` was provided and is empty so far ("no violation", "no arrears")."""
    _require(acting_user, "evaluation.enter_evidence", exemplar)
    kind_type = _evidence_type(kind)
    with transaction.atomic():
        subject = get_or_create_subject(exemplar)
        _declare(subject, kind)
        verdicts.subject_changed(subject.pk)
        log.record(actor=acting_user, action=Action.UPDATE, obj=subject, owner=exemplar,
                   unit=exemplar.registration.unit,
                   verb=_("Khai báo đã cung cấp: %(kind)s") % {"kind": kind_type.label})


def remove_evidence(*, exemplar: Exemplar, kind: str, row_id: int, acting_user) -> None:
    """Delete one row of the exemplar's subject; the kind stays declared (now maybe empty).
    A row the standing office entered is removed only by the standing office."""
    _require(acting_user, "evaluation.enter_evidence", exemplar)
    kind_type = _evidence_type(kind)
    row = _row_of(exemplar, kind_type.model, pk=row_id)
    if row is None:
        raise DomainError(_("Không tìm thấy minh chứng."))
    _require(acting_user, "evaluation.change_evidence_row", EvidenceRow(exemplar, row))
    with transaction.atomic():
        log.record(actor=acting_user, action=Action.DELETE, obj=row, owner=exemplar,
                   unit=exemplar.registration.unit, verb=str(kind_type.label),
                   before=log.snapshot(row, kind_type.fields))
        row.delete()
        verdicts.subject_changed(row.subject_id)


def set_rated(*, exemplar: Exemplar, rated: bool | None, acting_user) -> None:
    """Whether the subject is subject to annual rating (decides G4 or G5)."""
    _require(acting_user, "evaluation.enter_evidence", exemplar)
    with transaction.atomic():
        subject = get_or_create_subject(exemplar)
        before = log.snapshot(subject, ["rated"])
        subject.rated = rated
        subject.save(update_fields=["rated"])
        verdicts.subject_changed(subject.pk)
        log.record(actor=acting_user, action=Action.UPDATE, obj=subject, owner=exemplar,
                   unit=exemplar.registration.unit, before=before,
                   after=log.snapshot(subject, ["rated"]))


def record_judgement(*, exemplar: Exemplar, criterion_code: str, passed: bool, note: str,
                     acting_user) -> m.Judgement:
    """A reviewer's decision on a judgement criterion of the exemplar's campaign pack.

    Earlier judgements are kept (history); the latest counts. Side effects: audit log.
    """
    _require(acting_user, "evaluation.record_judgement", exemplar)
    from evaluation.engine import evaluator_for  # the pack decides which codes take judgements

    codes = evaluator_for(exemplar.registration.campaign.pack.pack).vocabulary.judgement_codes
    if criterion_code not in (codes or ()):
        raise DomainError(_("Tiêu chuẩn không cần ý kiến thẩm định."), field="criterion_code")
    audited = ["criterion_code", "passed", "note"]
    with transaction.atomic():
        previous = (m.Judgement.objects.filter(exemplar=exemplar, criterion_code=criterion_code)
                    .order_by("recorded_at", "pk").last())
        judgement = m.Judgement.objects.create(
            exemplar=exemplar, criterion_code=criterion_code, passed=passed,
            note=clean(note), recorded_by=acting_user)
        verdicts.evidence_changed([exemplar.pk])
        # A later judgement on the same criterion replaces the one that counted: an edit.
        log.record(actor=acting_user, action=Action.CREATE if previous is None else Action.UPDATE,
                   obj=judgement, owner=exemplar, unit=exemplar.registration.unit,
                   verb=_("Ý kiến thẩm định %(code)s") % {"code": criterion_code},
                   before=log.snapshot(previous, audited) if previous else None,
                   after=log.snapshot(judgement, audited))
    return judgement


def proof_kind(head: bytes) -> str | None:
    """The proof's kind from its first bytes (never from the name or the browser's type)."""
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def attach_proof(*, exemplar: Exemplar, upload: UploadedFile, acting_user) -> m.Proof:
    """Keep a PDF/PNG/JPEG proof (≤ 10 MB, type by magic bytes). Side effects: file, audit log."""
    _require(acting_user, "evaluation.enter_evidence", exemplar)
    if upload.size is None or upload.size > MAX_PROOF_BYTES:
        raise DomainError(_("Tệp minh chứng không được lớn hơn 10 MB."), field="file")
    upload.seek(0)
    kind = proof_kind(upload.read(8))
    upload.seek(0)
    if kind is None:
        raise DomainError(_("Chỉ nhận tệp PDF hoặc ảnh PNG, JPEG."), field="file")
    original_name = clean(upload.name or "")[:255]
    head = upload.read(8)
    upload.seek(0)
    upload.name = "proof" + (".pdf" if head.startswith(b"%PDF-") else
                             ".png" if head.startswith(b"\x89PNG") else ".jpg")
    proof = m.Proof(kind=kind, original_name=original_name, size=upload.size,
                    uploaded_by=acting_user, **_entered_by(acting_user))
    proof.file.save(upload.name, upload, save=False)  # a random name in the private storage
    try:
        with transaction.atomic():
            proof.subject = get_or_create_subject(exemplar)
            proof.save()
            log.record(actor=acting_user, action=Action.CREATE, obj=proof, owner=exemplar,
                       unit=exemplar.registration.unit, verb=_("Đính kèm minh chứng"),
                       after=log.snapshot(proof, ["original_name", "kind", "size"]))
    except BaseException:
        proof.file.storage.delete(proof.file.name)
        raise
    return proof


# --- bulk import of annual ratings -------------------------------------------------------------

RATING_HEADERS = {"ho va ten": "name", "nam": "year", "xep loai": "level"}


@dataclass
class RatingRow:
    line: int
    name: str
    year: int | None
    level: str | None
    exemplar: Exemplar | None
    errors: list[str]


def preview_rating_import(*, registration: Registration, filename: str, data: bytes,
                          acting_user) -> list[RatingRow]:
    """Read an XLSX of ratings (Họ và tên, Năm, Xếp loại) and match each row to an individual
    of the registration by folded name; every problem is reported on its row. No write."""
    if not acting_user.has_perm("evaluation.import_ratings", registration):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))
    from uploads.parse_xlsx import xlsx_blocks
    from uploads.safety import UnusableFile, check_upload

    try:
        checked = check_upload(filename, data)
        if checked.kind != "xlsx":
            raise DomainError(_("Hãy tải lên tệp Excel (.xlsx)."), field="file")
        blocks = xlsx_blocks(checked.data)
    except UnusableFile as error:
        raise DomainError(error.message, field="file") from error
    pack = registration.campaign.pack.pack
    levels = {fold(lv.label): lv.key for lv in pack.ratings}
    levels |= {lv.key: lv.key for lv in pack.ratings}
    people: dict[str, list[Exemplar]] = {}
    for e in registration.exemplars.filter(kind=ExemplarKind.INDIVIDUAL):
        people.setdefault(fold(e.name), []).append(e)
    rows = _rating_rows(blocks[0].rows if blocks else [])
    if rows is None:
        raise DomainError(_("Không tìm thấy hàng tiêu đề “Họ và tên, Năm, Xếp loại”."),
                          field="file")
    matched = [_match_rating(line, cells, levels, people) for line, cells in rows]
    for row in matched:
        _check_rating_row(row, acting_user)
    return matched


def _check_rating_row(row: "RatingRow", acting_user) -> None:
    """The row's own permission, as ``add_evidence`` will check it: the person's evidence is
    not frozen, and a rating of that year the standing office entered stays its own."""
    if row.exemplar is None or row.year is None:
        return
    if not acting_user.has_perm("evaluation.enter_evidence", row.exemplar):
        row.errors.append(_refusal(acting_user, "evaluation.enter_evidence", row.exemplar))
        return
    existing = _row_of(row.exemplar, m.AnnualRating, year=row.year)
    target = EvidenceRow(row.exemplar, existing)
    if existing is not None and not acting_user.has_perm("evaluation.change_evidence_row",
                                                         target):
        row.errors.append(_refusal(acting_user, "evaluation.change_evidence_row", target))


def _rating_rows(grid: list[tuple[int, list[str]]]) -> list[tuple[int, dict[str, str]]] | None:
    for index, (_line, cells) in enumerate(grid):
        mapping = {i: RATING_HEADERS[fold(c)] for i, c in enumerate(cells)
                   if fold(c) in RATING_HEADERS}
        if len(set(mapping.values())) == len(RATING_HEADERS):
            return [(line, {key: clean(cells[i]) if i < len(cells) else ""
                            for i, key in mapping.items()})
                    for line, cells in grid[index + 1:] if any(clean(c) for c in cells)]
    return None


def _match_rating(line: int, cells: dict[str, str], levels: dict[str, str],
                  people: dict[str, list[Exemplar]]) -> RatingRow:
    errors: list[str] = []
    found = people.get(fold(cells["name"]), [])
    if not found:
        errors.append(_("Không có cá nhân “%(name)s” trong biểu đăng ký.")
                      % {"name": cells["name"]})
    elif len(found) > 1:
        errors.append(_("Có nhiều cá nhân tên “%(name)s”; hãy nhập trên trang của từng người.")
                      % {"name": cells["name"]})
    year = int(cells["year"]) if cells["year"].isdigit() else None
    if year is None:
        errors.append(_("Năm “%(value)s” không hợp lệ.") % {"value": cells["year"]})
    else:
        try:
            check_number("year", year)
        except ValidationError as error:
            errors.extend(error.messages)
            year = None
    level = levels.get(fold(cells["level"]))
    if level is None:
        errors.append(_("Xếp loại “%(value)s” không có trong hướng dẫn.")
                      % {"value": cells["level"]})
    exemplar = found[0] if len(found) == 1 else None
    return RatingRow(line, cells["name"], year, level, exemplar, errors)


def apply_rating_import(*, registration: Registration, filename: str, data: bytes,
                        acting_user) -> int:
    """All or nothing: refuse the whole file if any row has an error; else save every rating.
    Side effects: one evidence row (and audit event) per line, one import audit event."""
    rows = preview_rating_import(registration=registration, filename=filename, data=data,
                                 acting_user=acting_user)
    bad = [r for r in rows if r.errors]
    if bad:
        raise DomainError(_("Tệp còn %(n)s dòng lỗi; chưa nhập dòng nào.") % {"n": len(bad)})
    with transaction.atomic():
        for row in rows:
            assert row.exemplar is not None  # no error means exactly one match
            add_evidence(exemplar=row.exemplar, kind=EvidenceKind.RATINGS,
                         values={"year": row.year, "level": row.level}, acting_user=acting_user)
        log.record(actor=acting_user, action=Action.IMPORT, obj=registration,
                   unit=registration.unit, verb=_("Nhập xếp loại hằng năm từ tệp"),
                   after={"rows": len(rows), "file": filename})
    return len(rows)
