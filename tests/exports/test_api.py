"""The API's compiled list follows the web's rule: inline below the threshold, above it 202 with
the job; ``GET /exports/{id}`` gives its state and progress, then the download."""

import csv
import io

import pytest

from exports import services
from exports.models import ExportJob
from tests.api.helpers import call, token_for
from tests.exports.helpers import listed
from tests.world import world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_above_the_threshold_the_api_answers_202_with_the_job(client, world, settings):  # noqa: F811
    settings.EXPORT_INLINE_ROWS = 3
    listed(world)
    token = token_for(world.users["standing"], "read")
    code = world.campaign.code
    response = call(client, "GET", f"/compiled-list/csv?campaign={code}&state=all", token)
    assert response.status_code == 202
    body = response.json()
    job = ExportJob.objects.get()
    assert body["id"] == job.pk and body["state"] == "queued" and body["rows_total"] == 8
    assert body["url"] == f"/api/v1/exports/{job.pk}" and body["download_url"] is None
    assert body["page_url"] == f"/tai-xuat/{job.pk}/"
    # The same request again: the same job.
    again = call(client, "GET", f"/compiled-list/csv?campaign={code}&state=all", token)
    assert again.json()["id"] == job.pk and ExportJob.objects.count() == 1
    status = call(client, "GET", body["url"], token).json()
    assert status["state"] == "queued" and status["percent"] == 0
    services.run_job(job.pk)
    status = call(client, "GET", body["url"], token).json()
    assert status["state"] == "done" and status["rows_done"] == status["rows_total"] == 8
    assert status["percent"] == 100 and status["download_url"] == f"/api/v1/exports/{job.pk}/file"
    got = call(client, "GET", status["download_url"], token)
    assert got.status_code == 200 and got["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(got.getvalue().decode("utf-8-sig"))))
    assert len(rows) == 9 and rows[0][:3] == ["Stt", "Loại", "Tên"]
    # Another province-wide role's token: as if absent.
    council = token_for(world.users["council"], "read")
    assert call(client, "GET", body["url"], council).status_code == 404
    assert call(client, "GET", status["download_url"], council).status_code == 404


def test_word_above_its_cap_is_a_400_with_the_message(client, world, settings):  # noqa: F811
    settings.EXPORT_DOCX_MAX_ROWS = 2
    token = token_for(world.users["standing"], "read")
    response = call(client, "GET", f"/compiled-list/docx?campaign={world.campaign.code}&state=all",
                    token)
    assert response.status_code == 400
    assert "quá dài để xuất ra Word" in response.json()["detail"]
    assert "Excel hoặc CSV" in response.json()["detail"]
