"""The award history feeds G5 and M1 through ``evaluation.external``, in both readers."""

import datetime

import pytest

from awards import services
from evaluation import selectors as evaluation_selectors
from evaluation.engine import evaluator_for
from evaluation.loading import Loaded
from registry.models import Exemplar
from tests.awards.helpers import form, load, record, subject_of_a, title
from tests.factories import CampaignFactory, ExemplarFactory, RegistrationFactory
from tests.world import world  # noqa: F401  (fixture)


def _later_exemplar(w, **extra):
    """The same person (same name and unit) registered in a later campaign, not rated."""
    later = CampaignFactory(code="2533-2026-2030", period_start_year=2026, period_end_year=2030,
                            proposal_year=2030, pack=w.campaign.pack)
    registration = RegistrationFactory(campaign=later, unit=w.unit_a)
    return ExemplarFactory(registration=registration, name=w.exemplar_a.name,
                           field_key=extra.pop("field_key", "e"), **extra)


def _verdicts(exemplar):
    exemplar = Exemplar.objects.select_related("registration__campaign__pack").get(pk=exemplar.pk)
    pack = exemplar.registration.campaign.pack.pack
    evaluator = evaluator_for(pack)
    loaded = Loaded([exemplar.pk]).case(exemplar.pk, exemplar.kind, exemplar.field_key, 2030)
    page = evaluation_selectors.exemplar_evaluation(exemplar)
    fast = evaluator.evaluate(loaded)
    return ({r.code: r for r in fast.criteria}, {r.code: r for r in page.verdict.criteria},
            loaded, page.case)


@pytest.mark.django_db
def test_a_later_campaigns_exemplar_passes_g5_with_the_decision_number(world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    record(subject, form(), number="1234/QĐ-UBND")
    exemplar = _later_exemplar(world)
    assert services.subject_for_exemplar(exemplar=exemplar) == subject
    _set_not_rated(exemplar)
    fast, page, loaded_case, page_case = _verdicts(exemplar)
    assert loaded_case.recognitions == page_case.recognitions
    assert fast["G5"].status == "pass" and page["G5"].status == "pass"
    assert "1234/QĐ-UBND" in fast["G5"].reason and "20/12/2024" in fast["G5"].reason


def _set_not_rated(exemplar):
    from evaluation.services import get_or_create_subject

    subject = get_or_create_subject(exemplar)
    subject.rated = False
    subject.save(update_fields=["rated"])


@pytest.mark.django_db
def test_revoked_later_dated_and_non_recognition_records_do_not_count(world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    revoked = record(subject, form(), number="9/QĐ-UBND")
    services.revoke_records(records=[revoked], reason="Sai đối tượng", acting_user=None)
    record(subject, form("ky-niem-chuong"), number="10/QĐ-BNV")  # not a recognition
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    record(subject, form(), number="11/QĐ-UBND", day=tomorrow)  # decided after evaluation
    exemplar = _later_exemplar(world)
    services.subject_for_exemplar(exemplar=exemplar)
    _set_not_rated(exemplar)
    fast, page, loaded_case, _ = _verdicts(exemplar)
    # Nothing counted: absent stays absent (unknown), never "no recognition".
    assert loaded_case.recognitions is None
    assert fast["G5"].status == "unknown" and page["G5"].status == "unknown"


@pytest.mark.django_db
def test_titles_count_for_g5(world):  # noqa: F811
    load(world)
    subject = subject_of_a(world)
    record(subject, title("cstd-co-so"), number="55/QĐ-SYT")
    exemplar = _later_exemplar(world)
    services.subject_for_exemplar(exemplar=exemplar)
    _set_not_rated(exemplar)
    fast, _page, case, _ = _verdicts(exemplar)
    assert fast["G5"].status == "pass" and "55/QĐ-SYT" in fast["G5"].reason
    assert "Chiến sĩ thi đua cơ sở" in case.recognitions[0].content


@pytest.mark.django_db
def test_m1_reads_records_of_the_charity_field_from_the_pack(world):  # noqa: F811
    from awards.evidence import charity_fields_of

    load(world)
    assert charity_fields_of(world.campaign.pack.pack) == {"m"}
    subject = subject_of_a(world)
    record(subject, form("giay-khen"), number="77/QĐ-UBND", field_key="m")
    record(subject, form("bang-khen-ubnd-tinh"), number="78/QĐ-UBND", field_key="e")
    exemplar = _later_exemplar(world, field_key="m")
    services.subject_for_exemplar(exemplar=exemplar)
    fast, page, case, page_case = _verdicts(exemplar)
    assert [d.number for d in case.charity_commendations] == ["77/QĐ-UBND"]
    assert page_case.charity_commendations == case.charity_commendations
    assert fast["M1"].status == "pass" and "77/QĐ-UBND" in fast["M1"].reason
    assert page["M1"].status == "pass"


@pytest.mark.django_db
def test_campaign_batches_read_the_history_too(world):  # noqa: F811
    load(world)
    record(subject_of_a(world), form(), number="1234/QĐ-UBND")
    exemplar = _later_exemplar(world)
    services.subject_for_exemplar(exemplar=exemplar)
    _set_not_rated(exemplar)
    campaign = exemplar.registration.campaign
    verdicts = dict(evaluation_selectors.evaluated_in_batches(
        campaign, Exemplar.objects.filter(registration__campaign=campaign)
        .select_related("registration")))
    (only,) = verdicts.values()
    g5 = {r.code: r for r in only.criteria}["G5"]
    assert g5.status == "pass" and "1234/QĐ-UBND" in g5.reason


@pytest.mark.django_db
def test_the_evaluation_page_lists_the_history_documents_it_counted(world, client):  # noqa: F811
    """G5 passes from the history: the page's "Công nhận của cấp có thẩm quyền" box lists the
    decision it read (not "Không có dòng nào")."""
    from django.urls import reverse

    load(world)
    record(subject_of_a(world), form(), number="1234/QĐ-UBND")
    exemplar = _later_exemplar(world)  # not linked: the matching rule finds the subject
    _set_not_rated(exemplar)
    client.force_login(world.users["standing"])
    page = client.get(reverse("evaluation:exemplar_evaluation", args=[exemplar.pk])).content.decode()
    box = page[page.index('id="evidence-recognitions"'):]
    box = box[:box.index("</section>")]
    assert "Quyết định số 1234/QĐ-UBND" in box and "20/12/2024" in box
    assert "từ hồ sơ thành tích" in box and "Không có dòng nào" not in box
    from awards.models import SubjectLink

    assert not SubjectLink.objects.filter(exemplar=exemplar).exists()  # reading linked nothing


@pytest.mark.django_db
def test_the_feeds_matching_agrees_with_matching_subjects(world):  # noqa: F811
    """The matching rule is written twice — in SQL (services.matching_subjects, for one
    exemplar) and in Python over a batch (evidence._links): both find the same subjects."""
    from awards.evidence import _links
    from awards.models import AwardSubject
    from core.text import fold

    load(world)
    unit = world.registration_a.unit
    people = [("Đặng Thị Mai", 1980), ("Lò Văn Hùng", None), ("Tòng Thị Y", 1975)]
    for name, year in people:
        AwardSubject.objects.create(kind="individual", name=name, folded_name=fold(name),
                                    unit=unit, birth_year=year)
    AwardSubject.objects.create(kind="collective", name="Khoa Nội", folded_name=fold("Khoa Nội"),
                                unit=unit, org_unit=world.unit_b)
    exemplars = [
        ExemplarFactory(registration=world.registration_a, kind="individual",
                        name="Đặng Thị Mai", birth_year=1980),
        ExemplarFactory(registration=world.registration_a, kind="individual",
                        name="Đặng Thị Mai", birth_year=1990),  # another person
        ExemplarFactory(registration=world.registration_a, kind="individual",
                        name="Lò Văn Hùng", birth_year=1970),  # subject's year unknown
        ExemplarFactory(registration=world.registration_a, kind="household",
                        name="Tòng Thị Y"),  # another kind
        ExemplarFactory(registration=world.registration_a, kind="collective",
                        name="Tên khác", linked_unit=world.unit_b),  # by the unit
    ]
    batch = {e: s for s, es in _links([e.pk for e in exemplars]).items() for e in es}
    for exemplar in Exemplar.objects.filter(pk__in=[e.pk for e in exemplars]):
        one = services.matching_subjects(
            kind=exemplar.kind, name=exemplar.name, unit_id=exemplar.registration.unit_id,
            org_unit_id=exemplar.linked_unit_id, birth_year=exemplar.birth_year
        ).order_by("pk").first()
        assert batch.get(exemplar.pk) == (one.pk if one else None), exemplar.name
    assert len(batch) == 3
