import pytest

from core.errors import DomainError
from evaluation import services
from evaluation.models import AnnualRating
from uploads.tables import xlsx_bytes

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


def _url(world):
    from django.urls import reverse

    return reverse("evaluation:rating_import", args=[world.registration_a.pk])


def _preview(client, world, rows=(("Đặng Thị Mai", 2025, "tot"),)):
    """Upload a file of ratings; the preview page and the staging token its form carries."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("xl.xlsx", _file([list(r) for r in rows]))
    response = client.post(_url(world), {"file": upload})
    return response.content.decode(), response.context["token"]


def test_import_page_previews_then_applies(client, world):
    client.force_login(world.users["officer_a"])
    url = _url(world)
    preview, token = _preview(client, world)
    assert "import-preview" in preview and "Nhập tất cả" in preview
    assert f'name="token" value="{token}"' in preview
    assert not AnnualRating.objects.exists()
    assert client.post(url, {"apply": "1", "token": token}).status_code == 302
    assert list(AnnualRating.objects.values_list("year", "level")) == [(2025, "tot")]


def test_the_file_waits_in_staging_not_in_the_session(client, world):
    from uploads import staging

    client.force_login(world.users["officer_a"])
    _preview_page, token = _preview(client, world)
    session = client.session
    stored = " ".join(f"{key}={session[key]!r}" for key in session.keys())
    assert "rating" not in stored and len(stored) < 1000  # login keys only, no file
    staged = staging.load(token, user_id=world.users["officer_a"].pk,
                          purpose="evaluation.rating_import", object_id=world.registration_a.pk)
    assert staged is not None and staged.name == "xl.xlsx"
    assert staged.data[:4] == b"PK\x03\x04"


def test_a_token_is_used_once(client, world):
    client.force_login(world.users["officer_a"])
    _preview_page, token = _preview(client, world)
    assert client.post(_url(world), {"apply": "1", "token": token}).status_code == 302
    again = client.post(_url(world), {"apply": "1", "token": token})
    assert again.status_code == 200
    assert "Bản xem trước đã hết hạn hoặc không hợp lệ" in again.content.decode()
    assert AnnualRating.objects.count() == 1


def test_another_users_token_is_refused(client, world):
    client.force_login(world.users["officer_a"])
    _preview_page, token = _preview(client, world)
    client.force_login(world.users["standing"])  # may import ratings, but did not upload this
    response = client.post(_url(world), {"apply": "1", "token": token})
    assert response.status_code == 200
    assert "Bản xem trước đã hết hạn hoặc không hợp lệ" in response.content.decode()
    assert not AnnualRating.objects.exists()


def test_a_token_for_another_registration_is_refused(client, world):
    from django.urls import reverse

    from accounts.models import Role
    from tests.factories import MembershipFactory

    officer = world.users["officer_a"]
    MembershipFactory(user=officer, unit=world.unit_b, role=Role.UNIT_OFFICER)
    client.force_login(officer)
    _preview_page, token = _preview(client, world)
    other = reverse("evaluation:rating_import", args=[world.registration_b.pk])
    response = client.post(other, {"apply": "1", "token": token})
    assert "Bản xem trước đã hết hạn hoặc không hợp lệ" in response.content.decode()
    assert not AnnualRating.objects.exists()


def test_an_expired_token_is_refused(client, world, monkeypatch):
    import time

    from uploads import staging

    client.force_login(world.users["officer_a"])
    _preview_page, token = _preview(client, world)
    later = time.time() + staging.TTL_SECONDS + 1
    monkeypatch.setattr(staging.time, "time", lambda: later)
    response = client.post(_url(world), {"apply": "1", "token": token})
    assert "Bản xem trước đã hết hạn hoặc không hợp lệ" in response.content.decode()
    assert not AnnualRating.objects.exists()


def test_a_file_with_errors_is_not_staged(client, world, settings):
    client.force_login(world.users["officer_a"])
    preview, token = _preview(client, world, rows=[("Người Lạ", 2025, "tot")])
    assert "Nhập tất cả" not in preview and token == ""
    assert not list(settings.IMPORT_STAGING_DIR.glob("*.bin"))


def test_a_full_staging_area_refuses_the_preview_in_vietnamese(client, world, settings):
    settings.UPLOAD_STAGING_TOTAL_BYTES = 10
    client.force_login(world.users["officer_a"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("xl.xlsx", _file([["Đặng Thị Mai", 2025, "tot"]]))
    page = client.post(_url(world), {"file": upload}).content.decode()
    assert "Khu lưu tạm tệp tải lên đang đầy." in page
    assert 'name="token"' not in page
