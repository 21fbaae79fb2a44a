"""Evaluation: an exemplar's verdict and evidence to whoever sees the exemplar (another unit's
officer: 404, as if absent); evidence written by the unit's officer while the registration is
not sent, and by the standing office (the system administrator holds every permission); the
campaign table to the province-wide roles only."""

from evaluation import models as m
from evaluation.services import get_or_create_subject
from tests.api.spec import Change, Read, only

SEES_A = ("officer_a", "head_a", "standing", "council", "admin")
ENTERS_A = ("officer_a", "standing", "admin")
EXEMPLAR_A = lambda w: f"/evaluation/exemplars/{w.exemplar_a.pk}"  # noqa: E731
NOT_SEEN = {"officer_b": 404}


def recognitions(w) -> int:
    return m.Recognition.objects.filter(subject__exemplar_links__exemplar=w.exemplar_a).count()


def declarations(w) -> list:
    return sorted(m.EvidenceDeclaration.objects.filter(
        subject__exemplar_links__exemplar=w.exemplar_a).values_list("kind", flat=True))


def rated(w):
    link = m.ExemplarSubject.objects.filter(exemplar=w.exemplar_a).select_related("subject").first()
    return link.subject.rated if link else "no subject"


def with_recognition(w) -> str:
    """Exemplar A's path to one recognition a unit officer entered (made before the snapshot)."""
    subject = get_or_create_subject(w.exemplar_a)
    row = m.Recognition.objects.create(subject=subject, number="7/QĐ-UBND",
                                       authority="Ủy ban nhân dân tỉnh",
                                       entered_by=w.users["officer_a"],
                                       entered_by_role="unit_officer")
    return f"{EXEMPLAR_A(w)}/evidence/recognitions/{row.pk}"


RECOGNITION = {"values": {"number": "12/QĐ-UBND", "date": "2025-03-02",
                          "authority": "Ủy ban nhân dân tỉnh", "content": "Khen thưởng"}}

def _with_stored_verdicts(w) -> None:
    """The table reads stored verdicts and fills missing ones (a cache of the engine's verdict,
    evaluation.verdicts): stored beforehand, so the read itself writes nothing."""
    from evaluation import verdicts

    verdicts.refresh_campaign(w.campaign)


def published_lists(w) -> int:
    return m.PublishedList.objects.count()


def list_upload(w):
    import io

    from uploads.tables import xlsx_bytes

    upload = io.BytesIO(xlsx_bytes("Phụ lục", ["STT", "Tên cơ quan, đơn vị", "Chỉ số (%)"],
                                   [[1, "Sở Y tế Thử", "88,25"]]))
    upload.name = "par-2024.xlsx"
    return {"file": upload, "kind": "par_index", "year": "2024"}


OPERATIONS = {
    # published lists: the standing office's (the system administrator holds every permission)
    ("GET", "/evaluation/published-list-kinds"): Read(
        lambda w: "/evaluation/published-list-kinds", only("standing", "admin", denied=403)),
    ("POST", "/evaluation/published-lists"): Change(
        lambda w: "/evaluation/published-lists", ("standing", "admin"), published_lists,
        body=list_upload, multipart=True),
    ("GET", "/evaluation/exemplars/{exemplar_id}"): Read(EXEMPLAR_A, only("national", *SEES_A)),
    ("GET", "/evaluation/exemplars/{exemplar_id}/evidence"): Read(
        lambda w: f"{EXEMPLAR_A(w)}/evidence", only("national", *SEES_A)),
    ("GET", "/evaluation/campaigns/{campaign_id}/verdicts"): Read(
        lambda w: _with_stored_verdicts(w) or
        f"/evaluation/campaigns/{w.campaign.pk}/verdicts?kind=individual",
        only("national", "standing", "council", "admin", denied=403)),
    ("POST", "/evaluation/exemplars/{exemplar_id}/evidence/{kind}"): Change(
        lambda w: f"{EXEMPLAR_A(w)}/evidence/recognitions", ENTERS_A, recognitions,
        body=lambda w: RECOGNITION, ok=201, denied=NOT_SEEN),
    ("POST", "/evaluation/exemplars/{exemplar_id}/evidence/{kind}/provided"): Change(
        lambda w: f"{EXEMPLAR_A(w)}/evidence/violations/provided", ENTERS_A, declarations,
        denied=NOT_SEEN),
    ("DELETE", "/evaluation/exemplars/{exemplar_id}/evidence/{kind}/{row_id}"): Change(
        with_recognition, ENTERS_A, recognitions, ok=204, denied=NOT_SEEN),
    ("PUT", "/evaluation/exemplars/{exemplar_id}/rated"): Change(
        lambda w: f"{EXEMPLAR_A(w)}/rated", ENTERS_A, rated, body=lambda w: {"rated": True},
        denied=NOT_SEEN),
}
