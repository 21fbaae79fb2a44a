"""Evidence proofs and signed forms: random names outside any web-served folder, the original
name kept for display and download, downloaded only through views that check the permission
of the exemplar / registration (tests/test_url_access.py has every role)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluation.services import attach_proof
from tests.registry_signed.pdfs import stored_signed_form
from uploads import private

PDF = b"%PDF-1.4 quyet dinh khen thuong"
RANDOM = re.compile(r"^(evidence|signed-forms)/[0-9a-f]{32}\.(pdf|png|jpg)$")

pytestmark = pytest.mark.django_db


def _proof(w, name="Quyết định số 12 (bản gốc).pdf", data=PDF):
    return attach_proof(exemplar=w.exemplar_a, acting_user=w.users["officer_a"],
                        upload=SimpleUploadedFile(name, data))


def test_a_proof_is_stored_privately_under_a_random_name(world, settings):
    proof = _proof(world)
    assert RANDOM.match(proof.file.name), proof.file.name
    assert proof.original_name == "Quyết định số 12 (bản gốc).pdf"
    stored = settings.PRIVATE_FILES_DIR / proof.file.name
    assert stored.read_bytes() == PDF
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))
    with pytest.raises(ValueError):
        _url = proof.file.url  # no URL past the view


def test_an_image_keeps_a_safe_extension_from_its_bytes_not_its_name(world):
    proof = _proof(world, name="anh.php", data=b"\x89PNG\r\n\x1a\n" + bytes(20))
    assert proof.file.name.endswith(".png") and proof.original_name == "anh.php"


def test_the_evaluation_page_links_to_the_download_view_which_sends_the_original_name(
        world, client):
    proof = _proof(world)
    client.force_login(world.users["head_a"])
    page = client.get(reverse("evaluation:exemplar_evaluation", args=[world.exemplar_a.pk]))
    url = reverse("evaluation:proof_download", args=[world.exemplar_a.pk, proof.pk])
    assert f'href="{url}"' in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Quy%E1%BA%BFt" in response["Content-Disposition"]


def test_a_proof_of_another_exemplar_is_not_found_through_this_one(world, client):
    from tests.factories import ExemplarFactory

    proof = _proof(world)
    other = ExemplarFactory(registration=world.registration_a, name="Lò Văn Sáng")
    client.force_login(world.users["standing"])
    response = client.get(reverse("evaluation:proof_download", args=[other.pk, proof.pk]))
    assert response.status_code == 404


def test_other_units_and_anonymous_cannot_download(world, client):
    proof = _proof(world)
    url = reverse("evaluation:proof_download", args=[world.exemplar_a.pk, proof.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(world.users["officer_b"])
    assert client.get(url).status_code == 403


def test_x_accel_redirect_when_the_setting_is_on(world, client, settings):
    settings.PRIVATE_FILES_X_ACCEL_PREFIX = "/_private/"
    proof = _proof(world)
    form = stored_signed_form(world.registration_a)
    client.force_login(world.users["officer_a"])
    response = client.get(reverse("evaluation:proof_download",
                                  args=[world.exemplar_a.pk, proof.pk]))
    assert response["X-Accel-Redirect"] == f"/_private/{proof.file.name}"
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''Quy")
    signed = client.get(reverse("registry:signed_form_download",
                                args=[world.registration_a.pk, form.pk]))
    assert RANDOM.match(form.file.name)
    assert signed["X-Accel-Redirect"] == f"/_private/{form.file.name}"


def test_signed_form_is_private_and_downloads_under_its_original_name(world, client, settings):
    form = stored_signed_form(world.registration_a)
    assert RANDOM.match(form.file.name) and form.file.name.startswith("signed-forms/")
    assert (settings.PRIVATE_FILES_DIR / form.file.name).is_file()
    client.force_login(world.users["standing"])
    response = client.get(reverse("registry:signed_form_download",
                                  args=[world.registration_a.pk, form.pk]))
    assert response.status_code == 200
    assert 'filename="bieu-da-ky.pdf"' in response["Content-Disposition"]


def test_files_stored_before_move_into_the_private_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    old = settings.MEDIA_ROOT / "evidence/2025/Quyet dinh.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(PDF)
    new = private.adopt("evidence/2025/Quyet dinh.pdf", "evidence")
    assert RANDOM.match(new) and not old.exists()
    assert (settings.PRIVATE_FILES_DIR / new).read_bytes() == PDF
    assert private.adopt(new, "evidence") == new  # already private: kept
    assert private.adopt("evidence/missing.pdf", "evidence") == "evidence/missing.pdf"


def test_the_private_folder_is_outside_every_served_folder():
    from django.conf import settings as live

    folder = private.files_dir().resolve()
    for served in (live.MEDIA_ROOT, live.STATIC_ROOT):
        assert not folder.is_relative_to(served)
