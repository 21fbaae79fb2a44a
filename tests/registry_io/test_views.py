"""Downloads and the upload → preview → confirm flow, for allowed and refused users."""

import io

import pytest
from django.urls import reverse

from registry.io.reader import read_upload
from registry.services.form_import import preview_import
from tests.registry_io.helpers import individuals_sheet
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _upload(client, registration, data: bytes, name: str = "bieu.xlsx"):
    url = reverse("registry:registration_import", args=[registration.pk])
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(url, {"file": upload})


@pytest.mark.parametrize(("fmt", "magic"), [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_unit_and_standing_office_download_the_form(client, world, fmt, magic):  # noqa: F811
    url = reverse("registry:registration_export", args=[world.registration_a.pk, fmt])
    for role in ("officer_a", "head_a", "standing"):
        client.force_login(world.users[role])
        response = client.get(url)
        assert response.status_code == 200, role
        assert response.content.startswith(magic)
        assert response["Content-Disposition"].endswith(f'.{fmt}"')


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_downloaded_form_reads_back_with_the_entries(client, world, fmt):  # noqa: F811
    client.force_login(world.users["officer_a"])
    url = reverse("registry:registration_export", args=[world.registration_a.pk, fmt])
    parsed = read_upload(f"a.{fmt}", client.get(url).content, world.campaign.pack.pack)
    assert [(e.section, e.name, e.field) for e in parsed.entries] == [
        ("collective", "Khoa Nội", "e"), ("individual", "Đặng Thị Mai", "e")]


def test_officer_of_another_unit_is_refused(client, world):  # noqa: F811
    client.force_login(world.users["officer_b"])
    pk = world.registration_a.pk
    for url in (reverse("registry:registration_export", args=[pk, "docx"]),
                reverse("registry:registration_blank", args=[pk, "xlsx"]),
                reverse("registry:registration_import", args=[pk])):
        assert client.get(url).status_code == 403, url
    response = _upload(client, world.registration_a, individuals_sheet([[1, "X", "", "k"]]))
    assert response.status_code == 403
    assert client.post(reverse("registry:registration_import_confirm", args=[pk]),
                       {"token": "x" * 43}).status_code == 403
    assert world.registration_a.exemplars.count() == 2


def test_head_and_standing_office_cannot_import(client, world):  # noqa: F811
    for role in ("head_a", "standing", "council"):
        client.force_login(world.users[role])
        url = reverse("registry:registration_import", args=[world.registration_a.pk])
        assert client.get(url).status_code == 403, role


def test_blank_template_carries_the_unit_name(client, world):  # noqa: F811
    from openpyxl import load_workbook

    client.force_login(world.users["officer_a"])
    url = reverse("registry:registration_blank", args=[world.registration_a.pk, "xlsx"])
    workbook = load_workbook(io.BytesIO(client.get(url).content))
    assert workbook.sheetnames[:2] == ["I. Tập thể", "II. Cá nhân"]
    assert "SỞ Y TẾ THỬ" in [c.value for c in workbook["I. Tập thể"][2]]
    assert workbook["Danh mục lĩnh vực"].sheet_state == "hidden"
    count = len(world.campaign.pack.pack.selectable_fields())
    validations = workbook["I. Tập thể"].data_validations.dataValidation
    assert [(v.type, v.formula1, str(v.sqref)) for v in validations] == [
        ("list", f"'Danh mục lĩnh vực'!$A$1:$A${count}", "E9:E14")]  # rows + the one above the footer
    choices = [row[0].value for row in workbook["Danh mục lĩnh vực"].iter_rows()]
    assert "k) Cải cách hành chính" in choices and "c) Xây dựng, công thương, giao thông vận tải" \
        not in choices  # a heading with sub-fields is never chosen itself


def test_upload_preview_confirm_creates_the_rows(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    registration = world.registration_a
    response = _upload(client, registration, individuals_sheet([
        [1, "Đặng Thị Mai", "Điều dưỡng; Khoa Nội", "Y tế", "", ""],
        [2, "Lò Thị Hoà", "Bác sĩ\nKhoa Ngoại\nPhường Tân Phong", "CCHC", "Cải tiến.", ""],
    ]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Xem trước khi nhập" in page and "Lò Thị Hoà" in page
    assert "Thêm mới: 1" in page and "Sửa: 1" in page and "Xóa: 0" in page
    assert registration.exemplars.filter(name="Lò Thị Hoà").count() == 0  # not yet
    token = response.context["token"]
    confirm = reverse("registry:registration_import_confirm", args=[registration.pk])
    response = client.post(confirm, {"token": token}, follow=True)
    assert "Đã nhập biểu đăng ký từ tệp" in response.content.decode()
    added = registration.exemplars.get(name="Lò Thị Hoà")
    assert (added.position_title, added.work_unit, added.address, added.field_key) == (
        "Bác sĩ", "Khoa Ngoại", "Phường Tân Phong", "k")
    assert registration.exemplars.get(name="Đặng Thị Mai").position_title == "Điều dưỡng"
    assert registration.exemplars.filter(kind="collective").count() == 1  # kept
    # The token is spent: a second confirmation is refused.
    response = client.post(confirm, {"token": token}, follow=True)
    assert "Bản xem trước đã hết hạn" in response.content.decode()


def test_preview_lists_every_error_by_row_and_column_and_offers_no_confirm(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    response = _upload(client, world.registration_a, individuals_sheet([
        [1, "Lò Văn A", "", "Thiên văn học"],
        [2, "", "Cán bộ", "CCHC"],
    ]))
    page = response.content.decode()
    assert "Tệp có 2 lỗi cần sửa" in page
    assert "Không nhận ra lĩnh vực “Thiên văn học”" in page
    assert "Chưa ghi tên." in page and "Họ và tên" in page and "Điển hình thuộc lĩnh vực" in page
    assert "Mục II. Cá nhân, dòng 2, cột “Họ và tên”" in page
    assert "token" not in response.context
    assert "Xác nhận" not in page


def test_unusable_file_shows_the_reason(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    response = _upload(client, world.registration_a, b"\xd0\xcf\x11\xe0", name="bieu.xls")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Không đọc được tệp." in page and "Lưu dưới dạng" in page


def test_stale_preview_is_refused(client, world):  # noqa: F811
    from registry import services

    client.force_login(world.users["officer_a"])
    registration = world.registration_a
    response = _upload(client, registration, individuals_sheet([[1, "Lò Văn Mới", "", "k"]]))
    token = response.context["token"]
    services.add_exemplar(registration=registration, acting_user=world.users["officer_a"],
                          data={"kind": "model", "name": "Mô hình mới", "field_key": "d1"})
    confirm = reverse("registry:registration_import_confirm", args=[registration.pk])
    page = client.post(confirm, {"token": token}, follow=True).content.decode()
    assert "vừa được thay đổi sau khi xem trước" in page
    assert not registration.exemplars.filter(name="Lò Văn Mới").exists()


def test_token_is_bound_to_its_user(client, world):  # noqa: F811
    registration = world.registration_a
    client.force_login(world.users["officer_a"])
    token = _upload(client, registration, individuals_sheet([[1, "Lò Văn Mới", "", "k"]])
                    ).context["token"]
    client.force_login(world.users["admin"])
    confirm = reverse("registry:registration_import_confirm", args=[registration.pk])
    page = client.post(confirm, {"token": token}, follow=True).content.decode()
    assert "Bản xem trước đã hết hạn hoặc không hợp lệ" in page
    assert not registration.exemplars.filter(name="Lò Văn Mới").exists()


def test_preview_pages_have_no_inline_script_or_style(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    pages = [client.get(reverse("registry:registration_import",
                                args=[world.registration_a.pk])).content.decode(),
             _upload(client, world.registration_a,
                     individuals_sheet([[1, "A", "", "k"]])).content.decode()]
    for page in pages:
        assert "<style" not in page and " style=" not in page
        assert "<script>" not in page and "onclick" not in page


def test_preview_matches_the_service_preview(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    data = individuals_sheet([[1, "Đặng Thị Mai", "", "k"]])
    response = _upload(client, world.registration_a, data)
    parsed = read_upload("a.xlsx", data, world.campaign.pack.pack)
    expected = preview_import(registration=world.registration_a, parsed=parsed)
    shown = response.context["preview"]
    assert ([c.exemplar.pk for c in shown.changed], [e.pk for e in shown.removed]) == (
        [c.exemplar.pk for c in expected.changed], [e.pk for e in expected.removed])
