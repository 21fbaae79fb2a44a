"""Background exports over the API (docs/api.md, docs/exports.md): an export above the
threshold answers 202 with its job (``JobOut``); ``GET /exports/{id}`` tells its state and
progress, ``GET /exports/{id}/file`` downloads it when done. Only the token's owner who asked
for it, while still holding the page's permission; anybody else's job is a 404, as if absent."""

import datetime

from django.http import Http404
from django.urls import reverse
from ninja import Field, Schema

from api.kit import READ_ERRORS, Router, require
from exports import kinds, selectors
from exports.models import ExportJob, JobState
from uploads import private

router = Router(tags=["Tệp xuất"])
BASE = "/api/v1/exports/"


class JobOut(Schema):
    id: int
    kind: str
    kind_label: str
    fmt: str
    filename: str
    state: str = Field(description="queued, running, done, failed")
    state_label: str
    rows_done: int
    rows_total: int
    percent: int
    error: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    expires_at: datetime.datetime
    url: str = Field(description="Trạng thái của tệp (API)")
    download_url: str | None = Field(description="Tải tệp (API), khi đã xong")
    page_url: str = Field(description="Trang trạng thái trên web")


def job_out(job: ExportJob) -> dict:
    found = kinds.get(job.kind)
    return {
        "id": job.pk, "kind": job.kind, "kind_label": str(found.label) if found else job.kind,
        "fmt": job.fmt, "filename": job.filename, "state": job.state,
        "state_label": str(job.get_state_display()), "rows_done": job.rows_done,
        "rows_total": job.rows_total, "percent": job.percent, "error": job.error,
        "created_at": job.created_at, "finished_at": job.finished_at,
        "expires_at": job.expires_at, "url": f"{BASE}{job.pk}",
        "download_url": f"{BASE}{job.pk}/file" if job.state == JobState.DONE else None,
        "page_url": reverse("exports:job_status", args=[job.pk]),
    }


def _own(request, job_id: int) -> ExportJob:
    job = selectors.own_job(request.user, job_id)
    if job is None:
        raise Http404
    require(request.user, "exports.view_exportjob", job)
    return job


@router.get("/{job_id}", response={200: JobOut, **READ_ERRORS},
            summary="Trạng thái một tệp xuất lập trong nền")
def get_job(request, job_id: int):
    return job_out(_own(request, job_id))


@router.get("/{job_id}/file", response={**READ_ERRORS}, summary="Tải tệp xuất đã lập xong",
            openapi_extra={"responses": {200: {"description": "Tệp đã lập", "content": {
                t: {"schema": {"type": "string", "format": "binary"}}
                for t in kinds.CONTENT_TYPES.values()}}}})
def get_job_file(request, job_id: int):
    job = _own(request, job_id)
    if job.state != JobState.DONE or not job.file:
        raise Http404
    return private.download(job.file, filename=job.filename,
                            content_type=kinds.CONTENT_TYPES.get(job.fmt,
                                                                 "application/octet-stream"))
