"""On the demo data: Xã Bình Lư's clerk imports the blank template with only I and II filled
(its household and model stay), and is stopped when offering Phường Đoàn Kết's form."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from registry.models import Registration
from tests.registry_io.blank_fill import fill_blank

pytestmark = pytest.mark.django_db


def _upload(client, registration, data: bytes, name: str):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("registry:registration_import", args=[registration.pk]),
                       {"file": upload})


def test_demo_binh_lu_import(client):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)
    binh_lu = Registration.objects.get(unit__name="Xã Bình Lư", unit__valid_to__isnull=True)
    doan_ket = Registration.objects.get(unit__name="Phường Đoàn Kết", unit__valid_to__isnull=True)
    kinds = set(binh_lu.exemplars.values_list("kind", flat=True))
    assert {"household", "model"} <= kinds
    assert client.login(username="binhlu.canbo", password="DienHinh@2026")
    blank = client.get(reverse("registry:registration_blank", args=[binh_lu.pk, "xlsx"])).content
    collective = binh_lu.exemplars.get(kind="collective")
    data = fill_blank(blank, "xlsx", {
        "collective": [(collective.name, collective.address, collective.field_key)],
        "individual": [("Lò Văn Pấng", "Trưởng bản; Bản Nà Khum", "d1")]})
    response = _upload(client, binh_lu, data, "mau.xlsx")
    preview = response.context["preview"]
    assert preview.removed == [] and preview.unit_check.status == "same"
    response = client.post(reverse("registry:registration_import_confirm", args=[binh_lu.pk]),
                           {"token": response.context["token"]})
    assert response.status_code == 302
    assert {"household", "model"} <= set(binh_lu.exemplars.values_list("kind", flat=True))

    client.force_login(doan_ket.unit.memberships.first().user)
    other = client.get(reverse("registry:registration_export", args=[doan_ket.pk, "docx"]))
    assert client.login(username="binhlu.canbo", password="DienHinh@2026")
    page = _upload(client, binh_lu, other.content, "doan-ket.docx").content.decode()
    assert "không phải của “Xã Bình Lư”" in page and "“Phường Đoàn Kết”" in page
