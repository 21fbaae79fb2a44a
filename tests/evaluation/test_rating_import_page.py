"""The rating import page is labelled for what it takes and offers a sample file that imports.

Replay: the page asked for an .xlsx under "Tệp minh chứng (PDF, PNG, JPEG…)" and offered no
sample file.
"""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import AnnualRating
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_page_is_labelled_for_excel_and_links_the_sample(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    url = reverse("evaluation:rating_import", args=[world.registration_a.pk])
    page = client.get(url).content.decode()
    assert "Tệp minh chứng" not in page and "PDF" not in page
    assert "Tệp Excel xếp loại (.xlsx; cột Họ và tên, Năm, Xếp loại)" in page
    assert reverse("evaluation:rating_import_sample", args=[world.registration_a.pk]) in page
    assert "“Hoàn thành tốt nhiệm vụ”" in page  # the values the Xếp loại column takes


def test_sample_holds_the_individuals_and_imports_once_rated(client, world):  # noqa: F811
    from openpyxl import load_workbook

    client.force_login(world.users["officer_a"])
    response = client.get(reverse("evaluation:rating_import_sample",
                                  args=[world.registration_a.pk]))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0] == ["Họ và tên", "Năm", "Xếp loại"]
    individuals = list(world.registration_a.exemplars.filter(kind="individual")
                       .order_by("position", "pk").values_list("name", flat=True))
    assert individuals
    year = timezone.localdate().year - 1
    assert rows[1:] == [[name, year, None] for name in individuals]

    for row in sheet.iter_rows(min_row=3):
        row[2].value = "Hoàn thành tốt nhiệm vụ"
    out = io.BytesIO()
    book.save(out)
    upload = io.BytesIO(out.getvalue())
    upload.name = "xep-loai.xlsx"
    url = reverse("evaluation:rating_import", args=[world.registration_a.pk])
    preview = client.post(url, {"file": upload})
    assert preview.context["has_errors"] is False, [r.errors for r in preview.context["rows"]]
    before = AnnualRating.objects.count()
    client.post(url, {"apply": "1", "token": preview.context["token"]})
    assert AnnualRating.objects.count() == before + len(individuals)


def test_sample_is_refused_to_those_who_cannot_import(client, world):  # noqa: F811
    client.force_login(world.users["officer_b"])
    response = client.get(reverse("evaluation:rating_import_sample",
                                  args=[world.registration_a.pk]))
    assert response.status_code == 403
