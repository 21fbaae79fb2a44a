"""Publications for tests: recognised exemplars with a recognising decision, realistic private
data (residential address, phone, birth year, rating, discipline) that must never go public,
and publications in every state."""

import datetime

from accounts.models import Role
from tests.factories import ExemplarFactory, MembershipFactory
from tests.mfa import give_device

ADDRESS = "bản Nà Luồng, xã Bình Lư"
ADDRESS_2 = "tổ dân phố 5, phường Tân Phong"
PHONE = "0912 345 678"
PHONE_2 = "0987654321"
BIRTH_YEAR = 1979
RATING_DECISION = "Quyết định xếp loại số 88/QĐ-XLCB"
DISCIPLINE_LEVEL = "khien_trach_bi_mat"
EVIDENCE_NOTE = "Minh chứng nội bộ: biên bản họp chi bộ"
CONSENT = {"consent_recorded": True, "consent_given_by": "Đặng Thị Mai",
           "consent_on": datetime.date(2026, 3, 2), "consent_method": "written"}


def second_standing(w):
    """Another standing-office user (the four-eyes approver or preparer)."""
    unit = w.users["standing"].memberships.first().unit
    user = MembershipFactory(unit=unit, role=Role.STANDING_OFFICE).user
    give_device(user)
    return user


def recognise(exemplar, *, decision: str = "125/QĐ-UBND", on=datetime.date(2025, 12, 20)):
    """The exemplar recognised, with the award record of the decision that recognised it."""
    from awards.models import AwardRecord, AwardSubject, CommendationForm, SubjectLink
    from core.text import fold
    from registry.models import Exemplar

    Exemplar.objects.filter(pk=exemplar.pk).update(state="recognised")
    exemplar.refresh_from_db()
    if SubjectLink.objects.filter(exemplar=exemplar).exists():  # already (the DB, not memory)
        return exemplar
    form, _ = CommendationForm.objects.get_or_create(
        code="cong-nhan-dhtt", defaults={"name": "Công nhận điển hình tiên tiến",
                                         "valid_from": datetime.date(2020, 1, 1)})
    subject = AwardSubject.objects.create(kind=exemplar.kind, name=exemplar.name,
                                          folded_name=fold(exemplar.name),
                                          unit=exemplar.registration.unit)
    SubjectLink.objects.create(exemplar=exemplar, subject=subject)
    AwardRecord.objects.create(subject=subject, form=form, year=on.year, decision_number=decision,
                               decision_date=on, issuer="Chủ tịch Ủy ban nhân dân tỉnh",
                               source="entered")
    return exemplar


def private_data(exemplar, *, address=ADDRESS, phone=PHONE):
    """What must never reach the public: address, phone, birth year, a rating, a discipline."""
    from core.text import fold
    from evaluation.models import AnnualRating, Discipline, ExemplarSubject, Subject
    from registry.models import Exemplar

    Exemplar.objects.filter(pk=exemplar.pk).update(
        address=address, birth_year=BIRTH_YEAR, head_name="Trưởng bản Lò Văn Páo",
        notes=f"Điện thoại liên hệ: {phone}. {EVIDENCE_NOTE}", ethnicity="Giáy")
    subject = Subject.objects.create(kind=exemplar.kind, name=exemplar.name,
                                     folded_name=fold(exemplar.name),
                                     home_unit=exemplar.registration.unit)
    ExemplarSubject.objects.create(exemplar=exemplar, subject=subject)
    AnnualRating.objects.create(subject=subject, year=2025, level="htxs",
                                decision=RATING_DECISION)
    Discipline.objects.create(subject=subject, year=2024, level=DISCIPLINE_LEVEL)
    exemplar.refresh_from_db()


def published(w, exemplar=None, *, story="Chị Mai tận tụy chăm sóc người bệnh vùng cao.",
              consent=CONSENT):
    """``exemplar`` (default: exemplar_a) prepared by the standing office and approved by a
    second standing-office user."""
    from publication import services

    exemplar = exemplar or w.exemplar_a
    recognise(exemplar)
    pub = services.prepare_publication(exemplar=exemplar, story=story,
                                       acting_user=w.users["standing"], **consent)
    pub = services.transition_publication(publication=pub, name="submit_publication",
                                          acting_user=w.users["standing"])
    return services.transition_publication(publication=pub, name="approve_publication",
                                           acting_user=second_standing(w))


def awaiting(w, exemplar, *, preparer=None, story="Một câu chuyện chờ duyệt."):
    from publication import services

    recognise(exemplar)
    consent = CONSENT if exemplar.kind in ("individual", "household") else {}
    pub = services.prepare_publication(exemplar=exemplar, story=story,
                                       acting_user=preparer or second_standing(w), **consent)
    return services.transition_publication(publication=pub, name="submit_publication",
                                           acting_user=preparer or pub.prepared_by)


def new_exemplar(w, name, *, kind="individual", registration=None):
    return ExemplarFactory(registration=registration or w.registration_b, name=name, kind=kind,
                           field_key="k")
