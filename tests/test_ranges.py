"""Years and numbers people type are checked for plausibility, in Vietnamese, on the web form,
in the file importer and on the evidence forms. Replay: birth year 3000 was accepted."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import AnnualRating
from registry.io.reader import read_upload
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _add(client, w, birth_year):
    return client.post(reverse("registry:exemplar_add",
                               args=[w.registration_a.pk, "individual"]),
                       {"name": "Lò Thị Hoà", "position_title": "Điều dưỡng",
                        "work_unit": "Bệnh viện", "field_key": "e", "birth_year": birth_year})


def test_birth_year_3000_is_refused_on_the_form(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    high = timezone.localdate().year - 6
    response = _add(client, world, "3000")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Năm sinh 3000 không hợp lệ: năm sinh phải từ 1920 đến {high}." in page
    assert f'max="{high}"' in page and 'min="1920"' in page
    assert not world.registration_a.exemplars.filter(name="Lò Thị Hoà").exists()
    assert _add(client, world, "1985").status_code == 302
    assert world.registration_a.exemplars.get(name="Lò Thị Hoà").birth_year == 1985


@pytest.mark.parametrize("year", ["1899", "3000"])
def test_birth_year_out_of_range_is_a_row_error_in_a_file(world, year):  # noqa: F811
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "II. Cá nhân"
    sheet.append(["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
                  "Năm sinh", "Điển hình thuộc lĩnh vực"])
    sheet.append([1, "Lò Văn A", "Cán bộ", year, "CCHC"])
    out = io.BytesIO()
    book.save(out)
    parsed = read_upload("f.xlsx", out.getvalue(), world.campaign.pack.pack)
    assert [e.message for e in parsed.errors] == [
        f"Năm sinh {year} không hợp lệ: năm sinh phải từ 1920 đến "
        f"{timezone.localdate().year - 6}."]


@pytest.mark.parametrize(("year", "saved"), [("3000", False), ("1900", False), ("2024", True)])
def test_rating_year_must_be_plausible(client, world, year, saved):  # noqa: F811
    client.force_login(world.users["officer_a"])
    before = AnnualRating.objects.count()
    response = client.post(reverse("evaluation:evidence_add", args=[world.exemplar_a.pk,
                                                                    "ratings"]),
                           {"ratings-year": year, "ratings-level": "tot"}, follow=True)
    assert (AnnualRating.objects.count() == before + 1) is saved
    if not saved:
        assert f"Năm {year} không hợp lệ: phải từ 1975 đến {timezone.localdate().year}." in \
            response.content.decode()
