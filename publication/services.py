"""Writes to publications: prepare one for a recognised exemplar (the public snapshot taken
from the allow-listed fields), edit the draft (story, consent), and the workflow: submit,
approve by another standing-office user (four eyes), return, unpublish at once.

Every write checks the permission (rules), then — locked, in one transaction — the version;
it writes one audit event.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean, clean_multiline, fold
from publication.models import (
    ConsentMethod,
    Publication,
    PublicationState,
)
from publication.workflow import PUBLICATION_TRANSITIONS, check_story
from registry.effects import Move
from registry.enums import ExemplarState
from registry.models import Exemplar

AUDITED = ["state", "story", "name", "locality", "consent_recorded", "consent_given_by",
           "consent_on", "consent_method", "unpublish_reason", "return_reason"]


def require(user, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def _locked(pub: Publication, expected_version: int | None) -> Publication:
    current = Publication.objects.select_for_update().select_related("exemplar").get(pk=pub.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(_("Bài công khai vừa được người khác thay đổi; hãy tải lại trang."))
    return current


def _recognising_record(exemplar: Exemplar):
    """The latest award record (not revoked) of the exemplar's award subject, if linked."""
    from awards.models import AwardRecord

    return (AwardRecord.objects.select_related("title", "form")
            .filter(subject__links__exemplar=exemplar, revoked_at__isnull=True)
            .order_by("-decision_date", "-pk").first())


def _snapshot(pub: Publication, exemplar: Exemplar) -> None:
    """Copy the allow-listed fields (``publication.public``) from the exemplar — nothing else."""
    registration = exemplar.registration
    unit = registration.unit
    try:
        field_label = registration.campaign.pack.pack.field_label(exemplar.field_key)
    except Exception:  # a pack that no longer loads: the key is still shown
        field_label = exemplar.field_key
    record = _recognising_record(exemplar)
    pub.name = exemplar.name
    pub.kind = exemplar.kind
    pub.field_key = exemplar.field_key
    pub.field_label = field_label
    pub.locality_unit = unit
    pub.locality = unit.name
    pub.work_unit = exemplar.work_unit
    pub.award_name = record.award_name if record else ""
    pub.decision_number = record.decision_number if record else ""
    pub.decision_date = record.decision_date if record else None
    pub.decision_issuer = record.issuer if record else ""
    pub.year = (record.decision_date.year if record
                else (exemplar.state_changed_at or timezone.now()).year)
    pub.folded_text = fold(" ".join(filter(None, [pub.name, pub.field_label, pub.locality,
                                                  pub.work_unit, pub.story, pub.award_name])))


def _consent(pub: Publication, *, consent_recorded: bool, consent_given_by: str,
             consent_on: datetime.date | None, consent_method: str, acting_user) -> None:
    if consent_method and consent_method not in ConsentMethod.values:
        raise DomainError(_("Hình thức đồng ý không hợp lệ."), field="consent_method")
    if consent_on and consent_on > timezone.localdate():
        raise DomainError(_("Ngày đồng ý không được sau hôm nay."), field="consent_on")
    changed = (pub.consent_recorded, pub.consent_given_by, pub.consent_on, pub.consent_method) != (
        bool(consent_recorded), clean(consent_given_by), consent_on, consent_method)
    pub.consent_recorded = bool(consent_recorded)
    pub.consent_given_by = clean(consent_given_by)
    pub.consent_on = consent_on
    pub.consent_method = consent_method
    if changed:
        pub.consent_recorded_by = acting_user


def prepare_publication(*, exemplar: Exemplar, story: str, acting_user,
                        consent_recorded: bool = False, consent_given_by: str = "",
                        consent_on: datetime.date | None = None,
                        consent_method: str = "") -> Publication:
    """A draft publication of a recognised exemplar, prepared by ``acting_user`` (the standing
    office of the exemplar's province)."""
    require(acting_user, "publication.prepare_publication", Publication(exemplar=exemplar))
    story = clean_multiline(story)
    if not story:
        raise DomainError(_("Hãy viết câu chuyện điển hình cho công chúng."), field="story")
    with transaction.atomic():
        exemplar = Exemplar.objects.select_for_update().select_related(
            "registration__unit", "registration__campaign__pack").get(pk=exemplar.pk)
        if exemplar.state != ExemplarState.RECOGNISED:
            raise DomainError(_("Chỉ công khai điển hình đã được công nhận."))
        if Publication.objects.filter(exemplar=exemplar,
                                      state__in=[PublicationState.DRAFT,
                                                 PublicationState.AWAITING_APPROVAL,
                                                 PublicationState.PUBLISHED]).exists():
            raise DomainError(_("Điển hình này đã có bài công khai đang soạn, chờ duyệt hoặc "
                                "đang công khai."))
        check_story(story, exemplar)
        pub = Publication(exemplar=exemplar, story=story, prepared_by=acting_user)
        _consent(pub, consent_recorded=consent_recorded, consent_given_by=consent_given_by,
                 consent_on=consent_on, consent_method=consent_method, acting_user=acting_user)
        _snapshot(pub, exemplar)
        try:
            with transaction.atomic():
                pub.save()
        except IntegrityError as error:
            raise DomainError(_("Điển hình này đã có bài công khai.")) from error
        log.record(actor=acting_user, action=Action.CREATE, obj=pub, unit=exemplar.registration.unit,
                   after=log.snapshot(pub, AUDITED))
    return pub


def update_publication(*, publication: Publication, story: str, expected_version: int,
                       acting_user, consent_recorded: bool = False, consent_given_by: str = "",
                       consent_on: datetime.date | None = None,
                       consent_method: str = "") -> Publication:
    """Edit a draft: the story and the consent; the public snapshot is taken again."""
    require(acting_user, "publication.change_publication", publication)
    story = clean_multiline(story)
    if not story:
        raise DomainError(_("Hãy viết câu chuyện điển hình cho công chúng."), field="story")
    with transaction.atomic():
        current = _locked(publication, expected_version)
        if current.state != PublicationState.DRAFT:
            raise DomainError(_("Chỉ sửa được bài đang soạn."))
        before = log.snapshot(current, AUDITED)
        current.story = story
        _consent(current, consent_recorded=consent_recorded, consent_given_by=consent_given_by,
                 consent_on=consent_on, consent_method=consent_method, acting_user=acting_user)
        exemplar = Exemplar.objects.select_related(
            "registration__unit", "registration__campaign__pack").get(pk=current.exemplar_id)
        check_story(story, exemplar)
        _snapshot(current, exemplar)
        current.version += 1
        current.save()
        log.record(actor=acting_user, action=Action.UPDATE, obj=current,
                   unit=current.locality_unit, before=before, after=log.snapshot(current, AUDITED))
    return current


def transition_publication(*, publication: Publication, name: str, acting_user, reason: str = "",
                           expected_version: int | None = None) -> Publication:
    """Submit, approve (another person: four eyes), return, or unpublish (immediate)."""
    from registry.services._common import apply_transition

    step = PUBLICATION_TRANSITIONS.get(name)
    if step is None:
        raise DomainError(_("Thao tác không hợp lệ."))
    with transaction.atomic():
        current = _locked(publication, expected_version)
        move = Move(acting_user=acting_user, reason=clean_multiline(reason), now=timezone.now())
        apply_transition(current, step, move, audited=AUDITED, unit=current.locality_unit,
                         wrong_state=_("Không thể “%(action)s” khi bài đang ở trạng thái "
                                       "“%(state)s”."))
    return current
