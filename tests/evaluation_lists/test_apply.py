import pytest

from accounts.models import Role
from audit.models import Action, AuditEvent
from core.errors import DomainError
from evaluation import lists, selectors, services
from evaluation import models as m
from registry.enums import ExemplarKind
from tests.evaluation_lists.helpers import (
    par_2024_xlsx,
    satisfaction_2025_xlsx,
    unit,
)
from tests.factories import ExemplarFactory, MembershipFactory, RegistrationFactory, UserFactory


def _collective(code: str, campaign, *, current: bool = True):
    """The unit itself registered as a collective of the CCHC field (linked to the unit)."""
    own = unit(code, current=current)
    registration = RegistrationFactory(campaign=campaign, unit=own)
    return ExemplarFactory(registration=registration, kind=ExemplarKind.COLLECTIVE,
                           name=own.name, field_key="k", linked_unit=own)


def _status(exemplar, code: str) -> str:
    exemplar.refresh_from_db()
    verdict = selectors.exemplar_evaluation(exemplar).verdict
    return next(r.status for r in verdict.criteria if r.code == code)


def test_applying_the_2024_par_list_gives_k1_its_figures(standing, campaign):
    justice = _collective("STP", campaign)  # 91.2 %: K1 needs ≥ 85 %
    health = _collective("SYT", campaign)  # 81.75 %
    assert _status(justice, "K1") == "unknown"
    data = par_2024_xlsx()
    record = lists.apply_list(filename="par-2024.xlsx", data=data, kind="par_index",
                              year=2024, acting_user=standing)
    assert record.rows == 5 and record.entries.count() == 5
    assert record.file.read() == data  # the list itself is the proof
    assert _status(justice, "K1") == "pass"
    # 81.75 % in 2024 does not pass; 2025 (the proposal year) is not published yet: unknown.
    assert _status(health, "K1") == "unknown"
    # The merged department's figure is its own (the unit as it stood in 2024).
    labour = m.AdminReformResult.objects.get(subject__unit=unit("SLDTBXH", current=False))
    assert (labour.year, labour.par_index, labour.entered_by_role) == (
        2024, 86.05, Role.STANDING_OFFICE)
    event = AuditEvent.objects.get(action=Action.IMPORT, object_id=str(record.pk))
    assert "par-2024.xlsx" in str(event.changes) and record.sha256 in str(event.changes)
    assert AuditEvent.objects.filter(owner_id=str(record.pk), action=Action.UPDATE).count() == 5


def test_the_2025_satisfaction_list_is_refused_until_the_unknown_commune_is_picked(standing,
                                                                                    campaign):
    binh_lu = _collective("03390", campaign)
    with pytest.raises(DomainError, match="1 dòng chưa xác định"):
        lists.apply_list(filename="sipas.xlsx", data=satisfaction_2025_xlsx(),
                         kind="satisfaction", year=2025, acting_user=standing)
    assert not m.PublishedList.objects.exists() and not m.AdminReformResult.objects.exists()
    lists.apply_list(filename="sipas.xlsx", data=satisfaction_2025_xlsx(), kind="satisfaction",
                     year=2025, acting_user=standing, picks={6: unit("03394").pk})
    assert _status(binh_lu, "K2") == "pass"  # 96.3 % ≥ 95 %
    assert m.AdminReformResult.objects.get(subject__unit=unit("03394")).satisfaction == 94.0


def test_a_figure_the_unit_typed_differently_is_kept_and_flagged(standing, campaign):
    justice = _collective("STP", campaign)
    clerk = UserFactory()
    MembershipFactory(user=clerk, unit=justice.registration.unit, role=Role.UNIT_OFFICER)
    services.add_evidence(exemplar=justice, kind="cchc", acting_user=clerk,
                          values={"year": 2024, "par_index": 93.0, "satisfaction": 97.0})
    lists.apply_list(filename="par.xlsx", data=par_2024_xlsx(), kind="par_index", year=2024,
                     acting_user=standing)
    row = m.AdminReformResult.objects.get(subject__unit=justice.linked_unit)
    assert (row.par_index, row.satisfaction) == (91.2, 97.0)  # the other figure stays
    [figure] = lists.published_for(row.subject)
    assert (figure.published, figure.previous, figure.current, figure.differs) == (
        "91,2 %", "93 %", "91,2 %", True)


def test_a_refused_apply_writes_nothing_not_even_the_file(standing, settings, tmp_path):
    bad = satisfaction_2025_xlsx([(1, "UBND xã Bình Lư", "130")])
    with pytest.raises(DomainError):
        lists.apply_list(filename="s.xlsx", data=bad, kind="satisfaction", year=2025,
                         acting_user=standing)
    assert not m.PublishedList.objects.exists() and not m.Subject.objects.exists()
