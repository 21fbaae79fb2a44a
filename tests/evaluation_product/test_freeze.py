"""Evidence freezes with the registration: once sent (submitted or received), the exemplars'
evidence changes only by the standing office, judgements only by the standing office or the
council, until the registration is returned or reopened; a row the standing office entered is
the standing office's alone. Per role × action × registration state, through the services and
through the pages."""

from collections.abc import Callable
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.errors import NotAllowed
from evaluation import models as m
from evaluation import services
from evaluation.selectors import evaluate_exemplars
from guidance.models import CampaignStatus
from registry.enums import RegistrationState as S
from registry.models import Exemplar, Registration
from registry.services import transition_registration
from tests.db_state import differences, snapshot
from tests.factories import ExemplarFactory
from tests.world import world  # noqa: F401  (fixture)
from uploads.tables import xlsx_bytes

pytestmark = pytest.mark.django_db

ROLES = ("officer_a", "head_a", "officer_b", "standing", "council", "admin")
OPEN = (S.DRAFT, S.AWAITING_APPROVAL, S.RETURNED)
SENT = (S.SUBMITTED, S.RECEIVED)


def _exemplar(w) -> Exemplar:
    return Exemplar.objects.select_related("registration__unit", "registration__campaign__pack"
                                           ).get(pk=w.exemplar_a.pk)


def _registration(w) -> Registration:
    return Registration.objects.select_related("unit", "campaign__pack").get(
        pk=w.registration_a.pk)


def _officer_row(w):
    """A row the unit's officer entered while the registration was a draft."""
    return services.add_evidence(exemplar=_exemplar(w), kind="ratings",
                                 values={"year": 2023, "level": "tot"},
                                 acting_user=w.users["officer_a"])


def _ratings_file() -> bytes:
    return xlsx_bytes("Xếp loại", ["Họ và tên", "Năm", "Xếp loại"],
                      [["Đặng Thị Mai", 2024, "xuat_sac"]])


# action → (prepare(world) → call(actor)); prepare runs while the registration is a draft
ACTIONS: dict[str, Callable] = {
    "add": lambda w: lambda actor: services.add_evidence(
        exemplar=_exemplar(w), kind="ratings", values={"year": 2025, "level": "tot"},
        acting_user=actor),
    "declare": lambda w: lambda actor: services.declare_provided(
        exemplar=_exemplar(w), kind="violations", acting_user=actor),
    "remove": lambda w: (lambda row: lambda actor: services.remove_evidence(
        exemplar=_exemplar(w), kind="ratings", row_id=row.pk, acting_user=actor))(
        _officer_row(w)),
    "rated": lambda w: lambda actor: services.set_rated(exemplar=_exemplar(w), rated=False,
                                                        acting_user=actor),
    "proof": lambda w: lambda actor: services.attach_proof(
        exemplar=_exemplar(w), upload=SimpleUploadedFile("qd.pdf", b"%PDF-1.4 quyet dinh"),
        acting_user=actor),
    "rating_import": lambda w: lambda actor: services.apply_rating_import(
        registration=_registration(w), filename="xl.xlsx", data=_ratings_file(),
        acting_user=actor),
    "judgement": lambda w: lambda actor: services.record_judgement(
        exemplar=_exemplar(w), criterion_code="G1", passed=True, note="", acting_user=actor),
}


def allowed(action: str, role: str, state: str) -> bool:
    if action == "judgement":
        return role in ("standing", "council", "admin")
    if role in ("standing", "admin"):
        return True
    return role == "officer_a" and state in OPEN


@contextmanager
def _rolled_back():
    point = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(point)


def _put(w, state: str) -> None:
    Registration.objects.filter(pk=w.registration_a.pk).update(state=state)


@pytest.mark.parametrize("state", [*OPEN, *SENT])
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_who_may_change_evidence_in_each_state(world, action, state):  # noqa: F811
    for role in ROLES:
        with _rolled_back():
            call = ACTIONS[action](world)
            _put(world, state)
            before = snapshot()
            if allowed(action, role, state):
                call(world.users[role])
                assert snapshot() != before, (action, role, state, "nothing changed")
            else:
                with pytest.raises(NotAllowed):
                    call(world.users[role])
                after = snapshot()
                assert before == after, (action, role, state, differences(before, after))


def _office_row(w, kind="disciplines", values=None):
    return services.add_evidence(exemplar=_exemplar(w), kind=kind,
                                 values=values or {"year": 2022, "level": "khien_trach"},
                                 acting_user=w.users["standing"])


@pytest.mark.parametrize("state", OPEN)
def test_a_row_the_standing_office_entered_is_its_own(world, state):  # noqa: F811
    row = _office_row(world)
    assert (row.entered_by, row.entered_by_role) == (world.users["standing"], "standing_office")
    _put(world, state)
    with pytest.raises(NotAllowed, match="do cơ quan thường trực nhập"):
        services.remove_evidence(exemplar=_exemplar(world), kind="disciplines", row_id=row.pk,
                                 acting_user=world.users["officer_a"])
    assert m.Discipline.objects.filter(pk=row.pk).exists()
    # replacing it (same year of a kind kept once a year) is changing it, refused too
    rating = _office_row(world, "ratings", {"year": 2025, "level": "xuat_sac"})
    with pytest.raises(NotAllowed):
        services.add_evidence(exemplar=_exemplar(world), kind="ratings",
                              values={"year": 2025, "level": "hoan_thanh"},
                              acting_user=world.users["officer_a"])
    assert m.AnnualRating.objects.get(pk=rating.pk).level == "xuat_sac"
    # the officer's own rows stay the officer's to change; the standing office removes its own
    services.add_evidence(exemplar=_exemplar(world), kind="ratings",
                          values={"year": 2024, "level": "tot"},
                          acting_user=world.users["officer_a"])
    services.remove_evidence(exemplar=_exemplar(world), kind="disciplines", row_id=row.pk,
                             acting_user=world.users["standing"])
    assert not m.Discipline.objects.filter(pk=row.pk).exists()


def _g4(w) -> str:
    exemplar = _exemplar(w)
    verdict = evaluate_exemplars(exemplar.registration.campaign, [exemplar])[exemplar.pk]
    return next(str(c.status) for c in verdict.criteria if c.code == "G4")


def _received_with_g4_passing(w) -> None:
    officer, head, standing = (w.users[r] for r in ("officer_a", "head_a", "standing"))
    services.set_rated(exemplar=_exemplar(w), rated=True, acting_user=officer)
    for year in range(2021, 2026):
        services.add_evidence(exemplar=_exemplar(w), kind="ratings", acting_user=officer,
                              values={"year": year, "level": "xuat_sac" if year == 2025 else "tot"})
    registration = _registration(w)
    for step, actor in (("send_for_approval", officer), ("approve", head), ("receive", standing)):
        registration = transition_registration(registration=registration, transition=step,
                                               acting_user=actor, reason="Đủ chỉ tiêu")
    assert registration.state == S.RECEIVED


def test_replay_the_clerk_rates_2025_not_completed_on_a_received_registration(
        client, world):  # noqa: F811
    _received_with_g4_passing(world)
    assert _g4(world) == "pass"
    client.force_login(world.users["officer_a"])
    url = reverse("evaluation:evidence_add", args=[world.exemplar_a.pk, "ratings"])
    response = client.post(url, {"ratings-year": "2025", "ratings-level": "khong_hoan_thanh"})
    assert response.status_code == 403
    assert _g4(world) == "pass"
    assert m.AnnualRating.objects.get(year=2025).level == "xuat_sac"
    page = client.get(reverse("evaluation:exemplar_evaluation", args=[world.exemplar_a.pk]))
    text = page.content.decode()
    assert 'id="evidence-frozen"' in text and "/minh-chung/ratings/\"" not in text
    assert "/xoa/" not in text


def test_replay_the_clerk_cannot_delete_the_standing_offices_discipline_record(
        client, world):  # noqa: F811
    row = _office_row(world)
    _received_with_g4_passing(world)
    client.force_login(world.users["officer_a"])
    url = reverse("evaluation:evidence_remove",
                  args=[world.exemplar_a.pk, "disciplines", row.pk])
    assert client.post(url).status_code == 403
    assert m.Discipline.objects.filter(pk=row.pk).exists()
    # reopened: the unit may add again, but the standing office's record stays its own
    registration = transition_registration(registration=_registration(world),
                                           transition="reopen", reason="Bổ sung minh chứng",
                                           acting_user=world.users["standing"])
    assert registration.state == S.RETURNED
    assert client.post(url).status_code == 403
    assert m.Discipline.objects.filter(pk=row.pk).exists()
    page = client.get(reverse("evaluation:exemplar_evaluation", args=[world.exemplar_a.pk]))
    section = page.content.decode().split('id="evidence-disciplines"')[1].split("</section>")[0]
    assert "do cơ quan thường trực nhập" in section and "/xoa/" not in section
    add = reverse("evaluation:evidence_add", args=[world.exemplar_a.pk, "ratings"])
    client.post(add, {"ratings-year": "2020", "ratings-level": "tot"})
    assert m.AnnualRating.objects.filter(year=2020).exists()
    client.force_login(world.users["standing"])
    assert client.post(url).status_code == 302
    assert not m.Discipline.objects.filter(pk=row.pk).exists()


def test_the_standing_office_still_changes_evidence_of_a_received_registration(
        client, world):  # noqa: F811
    _received_with_g4_passing(world)
    client.force_login(world.users["standing"])
    url = reverse("evaluation:evidence_add", args=[world.exemplar_a.pk, "ratings"])
    assert client.post(url, {"ratings-year": "2025",
                             "ratings-level": "khong_hoan_thanh"}).status_code == 302
    assert _g4(world) == "fail"
    row = m.AnnualRating.objects.get(year=2025)
    assert (row.level, row.entered_by_role) == ("khong_hoan_thanh", "standing_office")


def test_the_rating_import_page_is_closed_to_the_clerk_once_sent(client, world):  # noqa: F811
    _received_with_g4_passing(world)
    client.force_login(world.users["officer_a"])
    url = reverse("evaluation:rating_import", args=[world.registration_a.pk])
    assert client.get(url).status_code == 403
    upload = SimpleUploadedFile("xl.xlsx", _ratings_file())
    assert client.post(url, {"file": upload}).status_code == 403


def test_the_rating_import_preview_refuses_a_row_the_standing_office_entered(world):  # noqa: F811
    _office_row(world, "ratings", {"year": 2024, "level": "tot"})
    rows = services.preview_rating_import(registration=_registration(world), filename="xl.xlsx",
                                          data=_ratings_file(),
                                          acting_user=world.users["officer_a"])
    assert [r.errors for r in rows] == [[
        "Minh chứng này do cơ quan thường trực nhập; chỉ cơ quan thường trực sửa hoặc xóa được."]]


def test_shared_subject_freezes_through_another_registration(world):  # noqa: F811
    """A collective that is a unit is one subject, whoever registers it: a draft elsewhere
    cannot change the evidence a sent registration is judged on, until that campaign closes."""
    unit = world.sub_a
    sent = ExemplarFactory(registration=world.registration_a, kind="collective",
                           name=unit.name, linked_unit=unit, field_key="e")
    other = ExemplarFactory(registration=world.registration_b, kind="collective",
                            name=unit.name, linked_unit=unit, field_key="e")
    services.add_evidence(exemplar=sent, kind="ratings", values={"year": 2025, "level": "tot"},
                          acting_user=world.users["officer_a"])
    services.get_or_create_subject(other)
    _put(world, S.RECEIVED)
    other = Exemplar.objects.get(pk=other.pk)
    with pytest.raises(NotAllowed, match="đã gửi Sở Nội vụ"):
        services.add_evidence(exemplar=other, kind="ratings",
                              values={"year": 2024, "level": "hoan_thanh"},
                              acting_user=world.users["officer_b"])
    assert not m.AnnualRating.objects.filter(year=2024).exists()
    world.campaign.__class__.objects.filter(pk=world.campaign.pk).update(
        status=CampaignStatus.CLOSED)
    services.add_evidence(exemplar=Exemplar.objects.get(pk=other.pk), kind="ratings",
                          values={"year": 2024, "level": "hoan_thanh"},
                          acting_user=world.users["officer_b"])
    assert m.AnnualRating.objects.filter(year=2024).exists()


def test_received_at_alone_does_not_freeze_a_reopened_registration(world):  # noqa: F811
    Registration.objects.filter(pk=world.registration_a.pk).update(
        state=S.RETURNED, received_at=timezone.now())
    services.add_evidence(exemplar=_exemplar(world), kind="ratings",
                          values={"year": 2025, "level": "tot"},
                          acting_user=world.users["officer_a"])
    assert m.AnnualRating.objects.filter(year=2025).exists()

