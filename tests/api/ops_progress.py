"""Progress: an exemplar's updates to whoever sees it (another unit's officer: 404); updates
written by the unit's officer and head (the system administrator holds every permission);
withdrawal by the author; the late list to the province-wide roles."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from progress.models import ProgressUpdate
from tests.api.spec import Change, Read, only

SEES_A = ("officer_a", "head_a", "standing", "council", "admin")
EXEMPLAR_A = lambda w: f"/progress/exemplars/{w.exemplar_a.pk}/updates"  # noqa: E731
CAMPAIGN = lambda w: f"/progress/campaigns/{w.campaign.pk}"  # noqa: E731


def updates(w) -> int:
    return ProgressUpdate.objects.filter(exemplar=w.exemplar_a).count()


def withdrawn(w) -> int:
    return ProgressUpdate.objects.filter(withdrawn_at__isnull=False).count()


def officer_update(w) -> str:
    from progress.services import post_update

    update = post_update(exemplar=w.exemplar_a, on_date=datetime.date(2026, 3, 1),
                         text="Đã trồng chè", percent=30, acting_user=w.users["officer_a"])
    return f"/progress/updates/{update.pk}/withdraw"


def upload(w):
    return {"on_date": "2026-03-01", "text": "Đã trồng 2 ha chè", "percent": "40",
            "files": SimpleUploadedFile("bc.pdf", b"%PDF-1.4 bao cao")}


OPERATIONS = {
    ("GET", "/progress/exemplars/{exemplar_id}/updates"): Read(
        EXEMPLAR_A, only("national", *SEES_A, denied=404)),
    ("POST", "/progress/exemplars/{exemplar_id}/updates"): Change(
        EXEMPLAR_A, ("officer_a", "head_a", "admin"), updates, body=upload, multipart=True,
        ok=201, denied={"officer_b": 404}),
    ("POST", "/progress/updates/{update_id}/withdraw"): Change(
        officer_update, ("officer_a", "admin"), withdrawn,
        body=lambda w: {"reason": "Nhập nhầm số liệu"}, denied={"officer_b": 404}),
    ("GET", "/progress/campaigns/{campaign_id}/exemplars"): Read(
        lambda w: f"{CAMPAIGN(w)}/exemplars?late=false", only("national", *SEES_A, "officer_b")),
    ("GET", "/progress/campaigns/{campaign_id}/updates"): Read(
        lambda w: f"{CAMPAIGN(w)}/updates", only("national", *SEES_A, "officer_b")),
    ("GET", "/progress/campaigns/{campaign_id}/late"): Read(
        lambda w: f"{CAMPAIGN(w)}/late", only("national", "standing", "council", "admin", denied=403)),
}
