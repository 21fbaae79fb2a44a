"""Background exports: above EXPORT_INLINE_ROWS the compiled list becomes a job the worker writes;
its status page follows the progress and offers the file; only the requester, while still
holding the page's permission, gets it, for a day; a failed job says why and is made again."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from exports import services
from exports.models import ExportJob, JobState
from exports.tasks import run_export
from registry import dashboard
from tests.exports.helpers import job_for, listed
from tests.factories import MembershipFactory
from tests.mfa import give_device
from tests.registry.counting import xlsx_rows
from tests.world import world  # noqa: F401
from uploads import private

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(world, settings):  # noqa: F811
    settings.EXPORT_INLINE_ROWS = 3
    return listed(world)


def _export_url(w, fmt="xlsx"):
    return reverse("registry:compiled_list_export", args=[w.campaign.code, fmt])


def _page_order(w, state="") -> list[str]:
    return [e.name for e in dashboard.compiled_exemplars(w.campaign, state=state)]


def _request_job(client, w, fmt="xlsx", user="standing", **query) -> ExportJob:
    client.force_login(w.users[user])
    response = client.get(_export_url(w, fmt), query)
    job = ExportJob.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    return job


def test_above_the_threshold_the_export_is_a_job_and_a_second_request_reuses_it(client, big):
    job = _request_job(client, big)
    assert job.state == JobState.QUEUED and job.requested_by == big.users["standing"]
    from accounts import roles

    assert job.rows_total == 5 and job.fmt == "xlsx" and job.params == {
        "campaign": big.campaign.code, "state": "sent",
        "paths": list(roles.province_paths(big.users["standing"]))}  # the requester's province
    assert job.expires_at - timezone.now() > datetime.timedelta(hours=23)
    again = _request_job(client, big)
    assert again.pk == job.pk and ExportJob.objects.count() == 1  # no duplicate work
    # Another filter is another file.
    other = _request_job(client, big, state="all")
    assert other.pk != job.pk and other.rows_total == 8
    # At or below the threshold the file comes at once.
    client.get(_export_url(big), {"kind": "collective", "state": "all"})
    assert ExportJob.objects.count() == 2


def test_the_worker_writes_the_file_in_the_page_order(client, big):
    job = _request_job(client, big)
    assert run_export.call(job_id=job.pk) == "done"
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.rows_done == job.rows_total == 5
    assert job.file.name.startswith("exports/") and job.file.name.endswith(".xlsx")
    assert job.finished_at is not None
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<progress max="100" value="100"' in page and "Đã xong" in page
    download = reverse("exports:job_download", args=[job.pk])
    assert download in page and "Tải tệp về" in page
    assert "Tệp đang chuẩn bị / đã xong" in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    content = response.getvalue()
    names = [r[2] for r in xlsx_rows(content)]
    assert names == _page_order(big) and len(names) == 5
    assert "Trạng thái biểu" in xlsx_rows(content, first_row=2)[0]
    # Made once: running the task again changes nothing.
    assert run_export.call(job_id=job.pk) == "done"


def test_csv_and_json_jobs(client, big):
    for fmt in ("csv", "json"):
        job = _request_job(client, big, fmt, state="all")
        services.run_job(job.pk)
        job.refresh_from_db()
        assert job.state == JobState.DONE and job.rows_done == job.rows_total == 8, fmt
        content = client.get(reverse("exports:job_download", args=[job.pk])).getvalue()
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
            assert [r[2] for r in rows[1:]] == _page_order(big, "all") and len(rows) == 9
        else:
            body = json.loads(content)
            assert body["count"] == 8 and body["state"] == "all"
            assert [i["name"] for i in body["items"]] == _page_order(big, "all")


def test_the_status_page_follows_the_progress(client, world):  # noqa: F811
    job = job_for(world.users["standing"], state=JobState.RUNNING, rows_done=2000,
                  rows_total=8000, campaign_code=world.campaign.code)
    client.force_login(world.users["standing"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<progress max="100" value="25"' in page and "25%" in page
    assert f'hx-get="{job.get_absolute_url()}"' in page and 'hx-trigger="every 2s"' in page
    assert "Đang lập" in page and "2.000 / 8.000 dòng" in page
    assert reverse("exports:job_download", args=[job.pk]) not in page
    # The poll gets the status alone, not the whole page.
    part = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert part.startswith('<div class="card export-status"') and "<html" not in part
    # Not done yet: no file.
    assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404
    # The user's other files are listed.
    older = job_for(world.users["standing"], state=JobState.DONE, fmt="csv",
                    campaign_code=world.campaign.code)
    listing = client.get(reverse("exports:job_list")).content.decode()
    assert older.get_absolute_url() in listing and job.get_absolute_url() in listing


def test_only_the_requester_gets_the_file(client, big):
    job = _request_job(client, big)
    services.run_job(job.pk)
    colleague = MembershipFactory(unit=big.users["standing"].memberships.first().unit,
                                  role=Role.STANDING_OFFICE).user
    give_device(colleague)
    urls = [job.get_absolute_url(), reverse("exports:job_download", args=[job.pk])]
    # A colleague of the same standing office, the council and the administrator: refused.
    for user in (colleague, big.users["council"], big.users["admin"], big.users["officer_a"]):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 403, (user, url)
            assert "chỉ người yêu cầu tải được" in response.content.decode()
        assert client.post(reverse("exports:job_retry", args=[job.pk])).status_code == 403
        assert job.get_absolute_url() not in client.get(reverse("exports:job_list")).content.decode()


def test_refused_once_the_requester_lost_the_permission(client, big):
    job = _request_job(client, big)
    services.run_job(job.pk)
    Membership.objects.filter(user=big.users["standing"]).delete()
    client.force_login(big.users["standing"])
    assert client.get(job.get_absolute_url()).status_code == 403
    assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 403


def test_after_a_day_the_file_is_gone(client, big, settings):
    job = _request_job(client, big)
    services.run_job(job.pk)
    job.refresh_from_db()
    stored = settings.PRIVATE_FILES_DIR / job.file.name
    assert stored.is_file()
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(
        seconds=1))
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404
    out = io.StringIO()
    call_command("purge_exports", stdout=out)
    assert "Đã xóa 1 tệp xuất quá hạn." in out.getvalue()
    assert not stored.exists() and not ExportJob.objects.filter(pk=job.pk).exists()


def test_the_worker_tick_purges_at_most_every_few_minutes(big):
    stale = job_for(big.users["standing"], campaign_code=big.campaign.code)
    ExportJob.objects.filter(pk=stale.pk).update(expires_at=timezone.now())
    now = timezone.now() + datetime.timedelta(hours=1)
    assert services.worker_tick(now) is True
    assert not ExportJob.objects.filter(pk=stale.pk).exists()
    assert services.worker_tick(now + datetime.timedelta(minutes=1)) is False
    from portal.management.commands.task_worker import PortalWorker

    assert services.worker_tick in PortalWorker.periodic


def test_a_failed_job_says_why_and_is_made_again(client, big, monkeypatch):
    job = _request_job(client, big)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dashboard, "write_compiled", broken)
    services.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and not job.file
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Không lập được tệp" in page and "RuntimeError" in page and "Lập lại" in page
    assert list(private.files_dir().glob("exports/*")) == []  # nothing half kept
    monkeypatch.undo()
    response = client.post(reverse("exports:job_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.error == ""
    services.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.rows_done == 5
    # A job that did not fail is not made again.
    client.post(reverse("exports:job_retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == JobState.DONE


def test_word_above_its_cap_is_refused_in_vietnamese(client, big, settings):
    settings.EXPORT_DOCX_MAX_ROWS = 4
    client.force_login(big.users["standing"])
    response = client.get(_export_url(big, "docx"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Danh sách có 5 điển hình, quá dài để xuất ra Word (tối đa 4 dòng)" in page
    assert "Hãy xuất Excel hoặc CSV" in page
    assert _export_url(big, "xlsx") in page and _export_url(big, "csv") in page
    assert ExportJob.objects.count() == 0
    # Below the cap Word is written in the request.
    settings.EXPORT_DOCX_MAX_ROWS = 5
    assert client.get(_export_url(big, "docx"))["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml")


def test_the_service_refuses_a_unit_role(big):
    from core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        services.request_export(kind="registry.compiled_list",
                                params={"campaign": big.campaign.code}, fmt="xlsx",
                                acting_user=big.users["officer_a"])
    assert ExportJob.objects.count() == 0
