"""The bench follows an export's job page to that job's own file, never another job's."""

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from benchmarks.http_client import _download_link
from exports.models import JobState
from tests.exports.helpers import job_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _job_page(job, others) -> str:
    card = render_to_string("exports/_job_status.html", {"job": job, "label": "Danh sách"})
    rows = render_to_string("exports/_job_rows.html", {
        "entries": [{"job": other, "label": "Danh sách cũ"} for other in others]})
    return card + rows


def test_a_running_job_page_offers_no_file_though_it_lists_an_earlier_one():
    user = UserFactory()
    earlier = job_for(user, state=JobState.DONE, rows_done=10, finished_at=timezone.now())
    running = job_for(user, state=JobState.RUNNING, rows_done=3)
    page = _job_page(running, [earlier])
    assert f"/tai-xuat/{earlier.pk}/tai-ve/" in page  # the earlier file's link is on the page
    assert _download_link(page, exclude="/dang-ky/xuat.xlsx") is None


def test_a_done_job_page_names_its_own_file():
    user = UserFactory()
    earlier = job_for(user, state=JobState.DONE, rows_done=10, finished_at=timezone.now())
    done = job_for(user, state=JobState.DONE, rows_done=10, finished_at=timezone.now())
    page = _job_page(done, [earlier])
    assert _download_link(page, exclude="/dang-ky/xuat.xlsx") == f"/tai-xuat/{done.pk}/tai-ve/"


def test_another_page_may_offer_a_file_by_its_link():
    page = '<p><a href="/cong-khai/du-lieu.csv">CSV</a></p>'
    assert _download_link(page, exclude="/khac/") == "/cong-khai/du-lieu.csv"
