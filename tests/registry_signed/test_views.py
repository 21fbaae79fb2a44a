"""Upload, list and download through the web, for the head, another unit and the standing office."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registry.models import SignedForm
from tests.registry_signed import pdfs

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.registry_signed.urls")]


def _post_file(client, registration, data: bytes, name: str = "bieu-da-ky.pdf", **extra):
    url = reverse("registry:signed_form_upload", args=[registration.pk])
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(url, {"file": upload, **extra})


def _list_page(client, registration) -> str:
    response = client.get(reverse("registry:signed_form_list", args=[registration.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_head_uploads_and_is_sent_back_to_the_registration(client, world, signed_pdf,
                                                           trusted_root):
    client.force_login(world.users["head_a"])
    response = _post_file(client, world.registration_a, signed_pdf)
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:registration_detail",
                                           args=[world.registration_a.pk])
    signed = SignedForm.objects.get()
    assert (signed.registration, signed.status) == (world.registration_a, "valid_trusted")
    page = _list_page(client, world.registration_a)  # the flash message shows on the next page
    assert "Đã đính kèm biểu đăng ký đã ký. Kết quả kiểm tra: Chữ ký số hợp lệ" in page


def test_officers_get_403_and_nothing_is_saved(client, world,
                                                              signed_pdf):
    for role in ("officer_b", "officer_a"):
        client.force_login(world.users[role])
        response = _post_file(client, world.registration_a, signed_pdf)
        assert response.status_code == 403, role
    assert SignedForm.objects.count() == 0


def test_garbage_upload_shows_vietnamese_error_and_saves_nothing(client, world):
    client.force_login(world.users["head_a"])
    response = _post_file(client, world.registration_a, b"rac rac rac", next="list")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Tệp không phải PDF" in page
    assert SignedForm.objects.count() == 0


def test_upload_without_a_file_asks_for_one(client, world):
    client.force_login(world.users["head_a"])
    url = reverse("registry:signed_form_upload", args=[world.registration_a.pk])
    response = client.post(url, {"next": "list"}, follow=True)
    assert "Hãy chọn tệp PDF của biểu đăng ký đã ký." in response.content.decode()


def test_standing_office_sees_signer_time_status_and_integrity(client, world, identity,
                                                              trusted_root):
    client.force_login(world.users["head_a"])
    _post_file(client, world.registration_a, pdfs.sign(pdfs.blank_pdf(), identity))
    _post_file(client, world.registration_a,
               pdfs.change_page_after_signing(pdfs.sign(pdfs.blank_pdf(b"Ban 2"), identity)))
    trusted = SignedForm.objects.get(status="valid_trusted")
    client.force_login(world.users["standing"])
    page = _list_page(client, world.registration_a)
    assert "Nguyễn Văn Thành" in page
    assert timezone.localtime(trusted.signed_at).strftime("%d/%m/%Y %H:%M") in page
    assert "Chữ ký số hợp lệ, chứng thư được tin cậy" in page
    assert "Nguyên vẹn" in page
    assert "Tài liệu đã bị sửa sau khi ký" in page
    assert "Đã bị thay đổi sau khi ký" in page
    assert 'type="file"' not in page  # only the head attaches


def test_head_sees_the_upload_form(client, world):
    client.force_login(world.users["head_a"])
    page = _list_page(client, world.registration_a)
    assert 'enctype="multipart/form-data"' in page
    assert "Chưa đính kèm biểu đăng ký đã ký." in page


def test_untrusted_signature_is_shown_as_such(client, world, signed_pdf, no_trusted_root):
    client.force_login(world.users["head_a"])
    _post_file(client, world.registration_a, signed_pdf)
    client.force_login(world.users["standing"])
    page = _list_page(client, world.registration_a)
    assert "Chữ ký số nguyên vẹn, chứng thư chưa được tin cậy" in page
    assert "Chứng thư không chuỗi được đến gốc tin cậy nào đã cấu hình." in page


def test_download_returns_the_stored_bytes_to_those_who_see_the_registration(
        client, world, signed_pdf, no_trusted_root):
    client.force_login(world.users["head_a"])
    _post_file(client, world.registration_a, signed_pdf, name="Biểu đăng ký.pdf")
    signed = SignedForm.objects.get()
    url = reverse("registry:signed_form_download", args=[world.registration_a.pk, signed.pk])
    client.force_login(world.users["standing"])
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == signed.sha256
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    client.force_login(world.users["officer_b"])
    assert client.get(url).status_code == 403
    # A form of one registration is not reachable through another registration's URL.
    client.force_login(world.users["admin"])
    other = reverse("registry:signed_form_download", args=[world.registration_b.pk, signed.pk])
    assert client.get(other).status_code == 404


def test_list_page_is_csp_clean(client, world, signed_pdf, no_trusted_root):
    client.force_login(world.users["head_a"])
    _post_file(client, world.registration_a, signed_pdf)
    response = client.get(reverse("registry:signed_form_list", args=[world.registration_a.pk]))
    page = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert " style=" not in page
    assert "<script>" not in page and "onclick=" not in page


def test_list_page_query_count_does_not_grow_with_forms(client, world, identity,
                                                        no_trusted_root):
    client.force_login(world.users["head_a"])
    url = reverse("registry:signed_form_list", args=[world.registration_a.pk])
    _post_file(client, world.registration_a, pdfs.sign(pdfs.blank_pdf(b"Mot"), identity))
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for text in (b"Hai", b"Ba"):
        _post_file(client, world.registration_a, pdfs.sign(pdfs.blank_pdf(text), identity))
    assert SignedForm.objects.count() == 3
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    assert len(three) == len(one)


def test_registration_page_shows_the_partial_once_included(client, world, signed_pdf,
                                                           trusted_root, settings):
    template = settings.BASE_DIR / "templates" / "registry" / "registration_detail.html"
    if "registry/signed/_signed_forms.html" not in template.read_text(encoding="utf-8"):
        pytest.skip("registration_detail.html does not include the signed-forms partial yet")
    client.force_login(world.users["head_a"])
    _post_file(client, world.registration_a, signed_pdf)
    client.force_login(world.users["standing"])
    url = reverse("registry:registration_detail", args=[world.registration_a.pk])
    page = client.get(url).content.decode()
    assert "Nguyễn Văn Thành" in page
    assert "Chữ ký số hợp lệ, chứng thư được tin cậy" in page
