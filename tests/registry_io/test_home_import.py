"""A registration from the home page (issue #17): the file names its unit and its guidance, the
system finds the open campaign and the registration, shows the registration page's preview, and
the registration page's confirmation applies it. Every refusal: a clear message, nothing changed.
"""

import io

import pytest
from django.urls import reverse

from core.errors import DomainError
from guidance.models import CampaignStatus
from registry import home_import
from registry.enums import RegistrationState
from registry.models import Exemplar, Registration
from tests.db_state import snapshot, staged_files
from tests.registry_io.helpers import ENTRIES, exported_form, form_sheet
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
HOME_IMPORT = "registry:home_import"
def upload(client, data: bytes, name: str = "bieu.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse(HOME_IMPORT), {"file": file})


def refusal(response) -> str:
    return " ".join(str(e) for e in response.context["import_form"].errors["file"])


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_own_exported_form_starts_the_registration_and_confirm_adds_the_entries(
        client, world, fmt):  # noqa: F811
    unit, officer, data = exported_form(world, fmt)
    client.force_login(officer)

    response = upload(client, data, f"bieu.{fmt}")

    assert response.status_code == 200
    assert "import_form" not in response.context or not response.context["import_form"].errors, \
        refusal(response)
    assert response.templates[0].name == "registry/io/home_preview.html"
    assert "registry/io/_import_preview.html" in [t.name for t in response.templates]
    registration = Registration.objects.get(campaign=world.campaign, unit=unit)
    assert response.context["registration"] == registration
    assert response.context["started"] is True
    assert registration.exemplars.count() == 0  # nothing saved before the confirmation
    assert sorted(e.name for e in response.context["preview"].added) == sorted(
        e["name"] for e in ENTRIES)
    token = response.context["token"]
    assert token and staged_files() == [f"{token}.bin", f"{token}.json"]

    done = client.post(reverse("registry:registration_import_confirm", args=[registration.pk]),
                       {"token": token}, follow=True)

    assert done.redirect_chain[-1][0] == reverse("registry:registration_detail",
                                                 args=[registration.pk])
    assert sorted(registration.exemplars.values_list("kind", "name", "field_key")) == sorted(
        (e["kind"], e["name"], e["field_key"]) for e in ENTRIES)
    assert "thêm 6, sửa 0, xóa 0 mục" in done.content.decode()
    assert staged_files() == []


def test_existing_registration_gets_the_same_preview_and_confirmation(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    data = form_sheet([[1, "Đặng Thị Mai", "", "e", "", ""], [2, "Lò Thị Hoà", "", "k", "", ""]])

    response = upload(client, data)

    assert response.context["registration"] == world.registration_a
    assert response.context["started"] is False
    assert [e.name for e in response.context["preview"].added] == ["Lò Thị Hoà"]
    assert response.context["preview"].removed == []
    assert 'id="import-confirm"' in response.content.decode()
    client.post(reverse("registry:registration_import_confirm", args=[world.registration_a.pk]),
                {"token": response.context["token"]})
    assert sorted(world.registration_a.exemplars.values_list("name", flat=True)) == [
        "Khoa Nội", "Lò Thị Hoà", "Đặng Thị Mai"]
    assert Registration.objects.filter(campaign=world.campaign).count() == 2


def test_another_units_file_is_refused_naming_both_units(client, world):  # noqa: F811
    client.force_login(world.users["officer_b"])
    before = snapshot()

    response = upload(client, form_sheet([[1, "Lò Thị Hoà", "", "k", "", ""]]))

    assert response.status_code == 200
    assert refusal(response) == ("Tệp này là biểu đăng ký của “Sở Y tế Thử”; bạn chỉ đăng ký "
                                 "được cho “Xã Thử Nghiệm”. Chưa có thay đổi nào được lưu.")
    assert 'role="alert"' in response.content.decode()
    assert snapshot() == before


def test_closed_campaign_is_refused_naming_the_campaign_and_its_dates(client, world):  # noqa: F811
    world.campaign.status = CampaignStatus.CLOSED
    world.campaign.save(update_fields=["status"])
    client.force_login(world.users["officer_a"])
    before = snapshot()

    response = upload(client, form_sheet([[1, "Lò Thị Hoà", "", "k", "", ""]]))

    assert refusal(response) == (
        "Đợt “Xây dựng và nhân rộng điển hình tiên tiến giai đoạn 2022 - 2025” (giai đoạn "
        "2022 - 2025, hạn gửi đăng ký 15/12/2026) đã kết thúc nên không nhận đăng ký. Chưa có "
        "thay đổi nào được lưu.")
    assert snapshot() == before


def test_the_open_campaign_of_the_guidance_is_chosen_over_a_closed_one(client, world):  # noqa: F811
    unit, officer, data = exported_form(world, "xlsx")  # also makes a closed campaign
    found = home_import.preview_from_file(name="bieu.xlsx", data=data, acting_user=officer)
    assert found.registration.campaign == world.campaign
    assert found.registration.unit == unit


@pytest.mark.parametrize(("data", "name", "message"), [
    (form_sheet([[1, "Lò Thị Hoà", "", "k", "", ""]], lead=None), "bieu.xlsx",
     "Không nhận ra tệp trả lời hướng dẫn nào"),
    (form_sheet([[1, "Lò Thị Hoà", "", "k", "", ""]], unit="Ban Không Có Thật"), "bieu.xlsx",
     "Tệp không ghi tên đơn vị nào có trong danh mục"),
    (b"\xd0\xcf\x11\xe0 old word", "bieu.doc", "Tệp .doc không được hỗ trợ"),
])
def test_file_without_guidance_or_unit_gets_a_clear_message(client, world, data, name,  # noqa: F811
                                                            message):
    client.force_login(world.users["officer_a"])
    before = snapshot()
    response = upload(client, data, name)
    assert response.status_code == 200
    assert refusal(response).startswith(message)
    assert snapshot() == before


def test_a_sent_registration_is_refused_with_its_state(client, world):  # noqa: F811
    Registration.objects.filter(pk=world.registration_a.pk).update(
        state=RegistrationState.SUBMITTED)
    client.force_login(world.users["officer_a"])
    before = snapshot()
    response = upload(client, form_sheet([[1, "Lò Thị Hoà", "", "k", "", ""]]))
    assert "đang ở trạng thái “" in refusal(response)
    assert "không sửa được nên chưa nhập được tệp" in refusal(response)
    assert snapshot() == before


@pytest.mark.parametrize("role", ["anonymous", "head_a", "standing", "council", "national"])
def test_roles_that_may_not_register_change_nothing(client, world, role):  # noqa: F811
    if role != "anonymous":
        client.force_login(world.users[role])
    before = snapshot()
    response = upload(client, form_sheet([[1, "Lò Thị Hoà", "", "k", "", ""]]))
    if role == "anonymous":
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    else:
        assert response.status_code == 403
    assert snapshot() == before


def test_the_service_checks_the_user_itself(world):  # noqa: F811
    """Called without the view: the head of unit A (no officer) may not register from a file."""
    data = form_sheet([[1, "Lò Thị Hoà", "", "k", "", ""]])
    with pytest.raises(DomainError):
        home_import.preview_from_file(name="bieu.xlsx", data=data,
                                      acting_user=world.users["head_a"])
    assert not Exemplar.objects.filter(name="Lò Thị Hoà").exists()
    assert staged_files() == []


def test_the_home_page_shows_the_drop_zone_to_the_clerk_only(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    page = client.get(reverse("home")).content.decode()
    assert 'id="home-import-form"' in page and "data-dropzone" in page
    assert f'action="{reverse(HOME_IMPORT)}"' in page
    assert 'type="file"' in page and 'aria-describedby="home-import-help"' in page
    client.force_login(world.users["head_a"])
    assert 'id="home-import-form"' not in client.get(reverse("home")).content.decode()


def hand_filled_word_form(unit_line: str = "ĐƠN VỊ: SỞ Y TẾ THỬ") -> bytes:
    """An official form typed in Word by hand: the guidance named only in the heading (with
    "HĐ" and spaces), the unit on a "ĐƠN VỊ:" line, no lead sentence like the system's."""
    from docx import Document

    document = Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH THỬ")
    document.add_paragraph(unit_line)
    document.add_paragraph("BIỂU ĐĂNG KÝ")
    document.add_paragraph("(Kèm theo Hướng dẫn số 2533 / HĐ-UBND ngày 02/7/2024 của UBND tỉnh)")
    document.add_paragraph("II. CÁ NHÂN")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Stt", "Họ và tên",
                                                "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
                                                "Điển hình thuộc lĩnh vực"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1", "Lò Thị Hoà", "Bác sĩ", "Y tế"],
                          strict=True):
        cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_hand_filled_official_form_naming_the_guidance_in_its_heading(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    response = upload(client, hand_filled_word_form(), "bieu.docx")
    assert "import_form" not in response.context, refusal(response)
    assert response.context["registration"] == world.registration_a
    assert [(e.name, e.field) for e in response.context["preview"].added] == [("Lò Thị Hoà", "e")]


@pytest.mark.parametrize(("line", "named"), [
    ("Thực hiện Hướng dẫn số 2533/HD-UBND, ngày 02/7/2024 của Ủy ban nhân dân tỉnh", True),
    ("(Kèm theo HD 2533/HĐ-UBND)", True),
    ("Hướng dẫn số 2533 / hđ - ubnd", True),
    ("Hướng dẫn số 12533/HD-UBND", False),
    ("Hướng dẫn số 2533/HD-UBNDT", False),
    ("Công văn số 2534/HD-UBND", False),
])
def test_the_guidance_is_read_from_the_heading_or_the_lead(line, named):
    from registry.io.issuer import names_guidance
    from registry.io.parsed import ParsedForm

    assert names_guidance(ParsedForm(unit_lines=["SỞ Y TẾ", line]), "2533/HD-UBND") is named
