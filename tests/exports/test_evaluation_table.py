"""The campaign evaluation table's Excel file goes through the same door as the compiled list:
inline (streamed from the stored verdicts) up to EXPORT_INLINE_ROWS, a background job above,
with the requester's provinces kept in the job."""

import pytest
from django.urls import reverse

from evaluation import table
from exports.models import ExportJob, JobState
from exports.tasks import run_export
from tests.registry.counting import xlsx_rows
from tests.world import world  # noqa: F401

pytestmark = pytest.mark.django_db


def _url(w):
    return reverse("evaluation:campaign_evaluation_xlsx", args=[w.campaign.code])


def _table_names(w, user) -> list[str]:
    from accounts import roles

    scope = {"scope": roles.under(roles.province_paths(user), "registration__unit__tree_path")}
    return [e.name for e in table.campaign_table_query(w.campaign, scope)]


def test_small_table_comes_at_once(client, world, settings):  # noqa: F811
    settings.EXPORT_INLINE_ROWS = 10_000
    client.force_login(world.users["standing"])
    response = client.get(_url(world))
    assert response.status_code == 200 and ExportJob.objects.count() == 0
    names = [r[2] for r in xlsx_rows(b"".join(response.streaming_content))]
    assert names == _table_names(world, world.users["standing"]) and names


def test_long_table_is_made_by_the_worker(client, world, settings):  # noqa: F811
    settings.EXPORT_INLINE_ROWS = 1
    standing = world.users["standing"]
    client.force_login(standing)
    response = client.get(_url(world), {"kind": "individual"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.kind == "evaluation.campaign_table" and job.state == JobState.QUEUED
    assert job.params["campaign"] == world.campaign.code and job.params["kind"] == "individual"
    from accounts import roles

    assert job.params["paths"] == list(roles.province_paths(standing)) != []  # Lai Châu
    assert run_export.call(job_id=job.pk) == "done"
    job.refresh_from_db()
    assert job.rows_done == job.rows_total
    download = client.get(reverse("exports:job_download", args=[job.pk]))
    rows = xlsx_rows(download.getvalue())
    assert [r[1] for r in rows] == ["Cá nhân"] * job.rows_total
    assert job.rows_total == len([n for n in _table_names(world, standing)
                                  if n in {r[2] for r in rows}])


def test_a_unit_role_gets_no_file_and_no_job(client, world, settings):  # noqa: F811
    settings.EXPORT_INLINE_ROWS = 1
    client.force_login(world.users["officer_a"])
    assert client.get(_url(world)).status_code == 403
    assert ExportJob.objects.count() == 0
