"""The standing office's page: upload, preview, pick, apply — and what the others may not."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from evaluation import models as m
from evaluation import services
from registry.enums import ExemplarKind
from tests.evaluation_lists.helpers import par_2024_xlsx, satisfaction_2025_xlsx, unit
from tests.factories import ExemplarFactory, MembershipFactory, RegistrationFactory, UserFactory

URL = "/danh-gia/danh-sach-cong-bo/"


def _upload(client, data: bytes, name: str, kind: str, year: int, **extra):
    return client.post(reverse("evaluation:published_lists"), {
        "kind": kind, "year": str(year), "file": SimpleUploadedFile(name, data), **extra})


def _token(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def test_the_2025_list_is_previewed_picked_and_applied_on_the_web(client, standing):
    assert reverse("evaluation:published_lists") == URL
    client.force_login(standing)
    data = satisfaction_2025_xlsx()
    page = _upload(client, data, "sipas-2025.xlsx", "satisfaction", 2025).content.decode()
    assert "Cột giá trị đã đọc: <strong>“Chỉ số hài lòng (%)”</strong>" in page
    assert "3 dòng đã xác định đơn vị" in page and "1 dòng chưa xác định được đơn vị" in page
    assert "Xã Bình Lư" in page and "96,3" in page and "31/12/2025" in page
    assert 'name="pick-6"' in page  # the unknown commune: candidates to pick, none chosen
    assert not m.PublishedList.objects.exists()
    form = {"token": _token(page), "kind": "satisfaction", "year": "2025",
            "as_of": "2025-12-31"}
    refused = client.post(URL, form | {"apply": "1"}, follow=True).content.decode()
    assert "1 dòng chưa xác định được đơn vị" in refused and not m.PublishedList.objects.exists()
    response = client.post(URL, form | {"apply": "1", "pick-6": str(unit("03394").pk)})
    record = m.PublishedList.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "evaluation:published_list_detail", args=[record.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Xã Sin Suối Hồ" in detail and "94 %" in detail and "UBND xã Bình Lưu" in detail
    file = client.get(reverse("evaluation:published_list_file", args=[record.pk]))
    assert b"".join(file.streaming_content) == data


def test_a_wrong_file_is_a_message_on_the_form(client, standing):
    client.force_login(standing)
    page = _upload(client, b"%PDF-1.4", "list.pdf", "par_index", 2024).content.decode()
    assert "errorlist" in page and not m.PublishedList.objects.exists()
    page = _upload(client, par_2024_xlsx(), "par.xlsx", "collective_ratings", 2024
                   ).content.decode()
    assert "Không tìm thấy hàng tiêu đề" in page


def test_a_unit_officer_may_not_import_a_list(client, standing):
    officer = UserFactory()
    MembershipFactory(user=officer, unit=unit("STP"), role=Role.UNIT_OFFICER)
    client.force_login(officer)
    assert client.get(URL).status_code == 403
    response = _upload(client, par_2024_xlsx(), "par.xlsx", "par_index", 2024)
    assert response.status_code == 403 and not m.PublishedList.objects.exists()


def test_the_evaluation_page_flags_a_typed_figure_that_differs(client, standing, campaign):
    justice = unit("STP")
    exemplar = ExemplarFactory(registration=RegistrationFactory(campaign=campaign, unit=justice),
                               kind=ExemplarKind.COLLECTIVE, name=justice.name, field_key="k",
                               linked_unit=justice)
    clerk = UserFactory()
    MembershipFactory(user=clerk, unit=justice, role=Role.UNIT_OFFICER)
    services.add_evidence(exemplar=exemplar, kind="cchc", acting_user=clerk,
                          values={"year": 2024, "par_index": 95.0})
    client.force_login(standing)
    page = _upload(client, par_2024_xlsx(), "par-2024.xlsx", "par_index", 2024).content.decode()
    client.post(URL, {"token": _token(page), "kind": "par_index", "year": "2024",
                      "as_of": "2024-12-31", "apply": "1"})
    client.force_login(clerk)
    page = client.get(reverse("evaluation:exemplar_evaluation", args=[exemplar.pk])
                      ).content.decode()
    assert "Số liệu tỉnh đã công bố" in page
    assert "Đơn vị đã tự nhập 95 %, khác số liệu công bố 91,2 %" in page


def test_the_api_previews_with_dry_run_and_applies_with_a_pick(client, standing):
    from tests.api.helpers import token_for

    token = token_for(standing, "read,write")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    data = satisfaction_2025_xlsx()

    def post(**fields):
        return client.post("/api/v1/evaluation/published-lists", {
            "file": SimpleUploadedFile("sipas-2025.xlsx", data), "kind": "satisfaction",
            "year": "2025", **fields}, **headers)

    answer = post(dry_run="true").json()
    assert not answer["ok"] and not answer["applied"] and answer["value_column"] == (
        "Chỉ số hài lòng (%)")
    assert answer["unmatched"][0]["row"] == 6
    assert not m.PublishedList.objects.exists()
    answer = post(picks="6=03394").json()
    assert answer["ok"] and answer["applied"] and answer["list_id"] == (
        m.PublishedList.objects.get().pk)
