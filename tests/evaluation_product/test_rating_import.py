import pytest

from core.errors import DomainError
from evaluation import services
from evaluation.models import AnnualRating
from registry.io.tables import xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = ["Họ và tên", "Năm", "Xếp loại"]


def _file(rows) -> bytes:
    return xlsx_bytes("Xếp loại cán bộ", HEADERS, rows)


def test_preview_matches_people_by_folded_name_and_reports_each_row(world):
    data = _file([["dang thi  MAI", 2024, "Hoàn thành tốt nhiệm vụ"],
                  ["Người Lạ", 2024, "tot"],
                  ["Đặng Thị Mai", 25, "Giỏi"]])
    rows = services.preview_rating_import(registration=world.registration_a, filename="xl.xlsx",
                                          data=data, acting_user=world.users["officer_a"])
    assert [(r.line, r.exemplar, r.year, r.level) for r in rows] == [
        (3, world.exemplar_a, 2024, "tot"),
        (4, None, 2024, "tot"),
        (5, world.exemplar_a, None, None),
    ]
    assert rows[0].errors == []
    assert rows[1].errors == ["Không có cá nhân “Người Lạ” trong biểu đăng ký."]
    assert len(rows[2].errors) == 2


def test_apply_is_all_or_nothing(world):
    officer = world.users["officer_a"]
    bad = _file([["Đặng Thị Mai", 2024, "tot"], ["Người Lạ", 2024, "tot"]])
    with pytest.raises(DomainError, match="1 dòng lỗi"):
        services.apply_rating_import(registration=world.registration_a, filename="x.xlsx",
                                     data=bad, acting_user=officer)
    assert not AnnualRating.objects.exists()
    good = _file([["Đặng Thị Mai", year, "xuat_sac"] for year in range(2021, 2026)])
    assert services.apply_rating_import(registration=world.registration_a, filename="x.xlsx",
                                        data=good, acting_user=officer) == 5
    assert AnnualRating.objects.count() == 5


def test_officer_of_another_unit_may_not_import(world):
    with pytest.raises(DomainError):
        services.preview_rating_import(registration=world.registration_a, filename="x.xlsx",
                                       data=_file([]), acting_user=world.users["officer_b"])


def test_import_page_previews_then_applies(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(world.users["officer_a"])
    url = reverse("evaluation:rating_import", args=[world.registration_a.pk])
    upload = SimpleUploadedFile("xl.xlsx", _file([["Đặng Thị Mai", 2025, "tot"]]))
    preview = client.post(url, {"file": upload}).content.decode()
    assert "import-preview" in preview and "Nhập tất cả" in preview
    assert not AnnualRating.objects.exists()
    assert client.post(url, {"apply": "1"}).status_code == 302
    assert list(AnnualRating.objects.values_list("year", "level")) == [(2025, "tot")]
