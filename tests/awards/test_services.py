"""The services' own rules: a title or a form (never both), the kind and validity of the entry,
the matching rule for subjects, revocation keeps the record, refusals change nothing."""

import datetime

import pytest

from awards import services
from awards.models import AwardRecord, AwardSubject
from core.errors import DomainError, NotAllowed
from tests.awards.helpers import DECIDED, form, load, record, subject_of_a, title
from tests.db_state import snapshot
from tests.factories import ExemplarFactory
from tests.world import world  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_a_record_is_a_title_or_a_form_for_the_right_kind_and_date(world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    standing = world.users["standing"]
    common = {"subject": subject, "year": 2024, "decision_number": "1/QĐ",
              "decision_date": DECIDED, "issuer": "UBND tỉnh", "acting_user": standing}
    with pytest.raises(DomainError, match="một danh hiệu"):
        services.enter_record(title=title(), form=form(), **common)
    with pytest.raises(DomainError, match="không áp dụng"):
        services.enter_record(title=title("gia-dinh-van-hoa"), **common)
    with pytest.raises(DomainError, match="không còn hiệu lực"):
        services.enter_record(form=form(), **{**common, "decision_date": datetime.date(2000, 1, 1)})
    with pytest.raises(DomainError, match="Cần số quyết định"):
        services.enter_record(form=form(), **{**common, "decision_number": "  "})
    assert not AwardRecord.objects.exists()
    saved = services.enter_record(form=form(), **common)
    assert saved.source == "entered" and saved.award_name == "Bằng khen của Chủ tịch UBND tỉnh"


@pytest.mark.django_db
def test_refused_entry_changes_nothing(world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    before = snapshot()
    for role in ("officer_a", "head_a", "officer_b", "council"):
        with pytest.raises(NotAllowed):
            services.enter_record(subject=subject, form=form(), year=2024,
                                  decision_number="1/QĐ", decision_date=DECIDED, issuer="X",
                                  acting_user=world.users[role])
    assert snapshot() == before


@pytest.mark.django_db
def test_the_same_person_in_two_campaigns_is_one_subject(world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    again = ExemplarFactory(registration=world.registration_a, name="ĐẶNG THỊ MAI",
                            field_key="a")
    assert services.subject_for_exemplar(exemplar=again) == subject
    namesake = ExemplarFactory(registration=world.registration_b, name="Đặng Thị Mai")
    assert services.subject_for_exemplar(exemplar=namesake) != subject  # another unit
    created = services.create_subject(kind="individual", name="đặng thị mai", unit=world.unit_a,
                                      acting_user=world.users["standing"])
    assert created == subject and AwardSubject.objects.count() == 2


@pytest.mark.django_db
def test_revocation_keeps_the_record_marked(world):  # noqa: F811
    load(world)
    kept = record(subject_of_a(world))
    assert services.revoke_records(records=[kept], reason="Sai", acting_user=None) == 1
    assert services.revoke_records(records=[kept], reason="Sai", acting_user=None) == 0
    kept.refresh_from_db()
    assert kept.is_revoked and kept.revoke_reason == "Sai"
    with pytest.raises(DomainError):
        services.revoke_records(records=[kept], reason=" ", acting_user=None)
