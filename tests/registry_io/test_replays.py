"""The three import defects, replayed as they were found, on the web and with the command.

1. The system's own blank template (Word and Excel), with only I and II filled, deleted the
   commune's household and model.
2. Phường Đoàn Kết's file, headed "PHƯỜNG ĐOÀN KẾT", was accepted on Xã Bình Lư.
3. ``import_registration FILE --unit "Sở Y tế"`` did not find "Sở Y tế tỉnh Lai Châu".
"""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from orgs.models import Unit
from orgs.reference.load import load_reference_units
from registry import services
from registry.io.document import blank_document, registration_document
from registry.io.export import render_document
from registry.io.reader import read_upload
from tests.factories import ExemplarFactory, MembershipFactory, RegistrationFactory
from tests.registry_io.blank_fill import fill_blank
from tests.registry_io.helpers import individuals_sheet
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
I_AND_II = {"collective": [("Khoa Nội", "Phường Tân Phong", "Y tế")],
            "individual": [("Đặng Thị Mai", "Điều dưỡng", "Y tế"),
                           ("Lò Thị Hoà", "Bác sĩ; Khoa Ngoại", "CCHC")]}


def _run(*args) -> tuple[int, dict]:
    out = io.StringIO()
    try:
        call_command("import_registration", *args, "--json", stdout=out, stderr=io.StringIO())
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, json.loads(out.getvalue())


def _file(tmp_path, data: bytes, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _upload(client, registration, data: bytes, name: str):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("registry:registration_import", args=[registration.pk]),
                       {"file": upload})


def _confirm(client, registration, token: str, **boxes):
    return client.post(reverse("registry:registration_import_confirm", args=[registration.pk]),
                       {"token": token, **boxes})


def _names(registration) -> list[tuple[str, str]]:
    return sorted(registration.exemplars.values_list("kind", "name"))


@pytest.fixture
def four_kinds(world):  # noqa: F811
    """registration_a with entries of all four kinds."""
    officer = world.users["officer_a"]
    for data in ({"kind": "household", "name": "Vàng Seo Hậu", "field_key": "n"},
                 {"kind": "model", "name": "Mô hình trồng chè sạch", "field_key": "d1"}):
        services.add_exemplar(registration=world.registration_a, data=data, acting_user=officer)
    world.registration_a.refresh_from_db()
    return world


KEPT = [{"section": "household", "name": "Vàng Seo Hậu"},
        {"section": "model", "name": "Mô hình trồng chè sạch"}]


# --- 1. the blank template keeps what it leaves empty ----------------------------------------

@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_blank_template_with_only_i_and_ii_keeps_the_household_and_model_web(client, four_kinds,
                                                                              fmt):
    world = four_kinds  # noqa: F811
    client.force_login(world.users["officer_a"])
    blank = client.get(reverse("registry:registration_blank",
                               args=[world.registration_a.pk, fmt])).content
    data = fill_blank(blank, fmt, I_AND_II)
    response = _upload(client, world.registration_a, data, f"mau.{fmt}")
    preview = response.context["preview"]
    page = response.content.decode()
    assert preview.removed == []
    assert preview.plan()["unchanged"] == KEPT
    assert [e.name for e in preview.added] == ["Lò Thị Hoà"]
    assert "Xóa: 0" in page and "Giữ nguyên: 2" in page and "Vàng Seo Hậu" in page
    assert "allow_delete" not in page
    assert preview.unit_check.status == "same"
    response = _confirm(client, world.registration_a, response.context["token"])
    assert response.status_code == 302
    assert _names(world.registration_a) == [
        ("collective", "Khoa Nội"), ("household", "Vàng Seo Hậu"),
        ("individual", "Lò Thị Hoà"), ("individual", "Đặng Thị Mai"),
        ("model", "Mô hình trồng chè sạch")]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_blank_template_with_only_i_and_ii_keeps_the_household_and_model_command(
        four_kinds, tmp_path, fmt):
    world = four_kinds  # noqa: F811
    blank = render_document(blank_document(world.unit_a, world.campaign.pack.pack), fmt)
    path = _file(tmp_path, fill_blank(blank, fmt, I_AND_II), f"mau.{fmt}")
    status, result = _run(path, "--unit", world.unit_a.code)
    assert status == 0, result["errors"]
    # The two entries typed again differ from the stored ones (the template's empty columns
    # clear their solutions): changed, while the untouched tables keep their kinds.
    assert result["plan"] == {
        "added": [{"section": "individual", "name": "Lò Thị Hoà"}],
        "changed": [{"section": "collective", "name": "Khoa Nội"},
                    {"section": "individual", "name": "Đặng Thị Mai"}],
        "removed": [],
        "unchanged": KEPT,
    }
    assert ("household", "Vàng Seo Hậu") in _names(world.registration_a)
    assert ("model", "Mô hình trồng chè sạch") in _names(world.registration_a)


def test_deletions_are_listed_in_red_and_need_the_checkbox(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    registration = world.registration_a
    data = individuals_sheet([[1, "Lò Thị Hoà", "Bác sĩ", "CCHC", "", ""]])
    response = _upload(client, registration, data, "bieu.xlsx")
    page = response.content.decode()
    assert '<tr class="bad"><td>Cá nhân</td><td class="num">1</td><td>Đặng Thị Mai</td>' in page
    assert "Xóa 1 mục không còn trong tệp" in page and 'name="allow_delete"' in page
    token = response.context["token"]
    before = _names(registration)
    refused = _confirm(client, registration, token)  # the box left unticked
    assert refused.status_code == 200
    assert "Tệp sẽ xóa 1 mục không còn trong tệp. Chưa có thay đổi nào được lưu" in (
        refused.content.decode())
    assert _names(registration) == before  # not even the addition
    assert refused.context["token"] == token  # the same preview, the box can be ticked now
    applied = _confirm(client, registration, token, allow_delete="1")
    assert applied.status_code == 302
    assert _names(registration) == [("collective", "Khoa Nội"), ("individual", "Lò Thị Hoà")]


def test_command_deletes_only_with_allow_delete(world, tmp_path):  # noqa: F811
    path = _file(tmp_path, individuals_sheet([[1, "Lò Thị Hoà", "Bác sĩ", "CCHC", "", ""]]),
                 "bieu.xlsx")
    before = _names(world.registration_a)
    for args in ((), ("--dry-run",)):
        status, result = _run(path, "--unit", world.unit_a.code, *args)
        assert status == 2 and "--allow-delete" in result["errors"][-1]["message"]
        assert result["plan"]["removed"] == [{"section": "individual", "name": "Đặng Thị Mai"}]
        assert _names(world.registration_a) == before
    status, result = _run(path, "--unit", world.unit_a.code, "--allow-delete")
    assert status == 0
    assert _names(world.registration_a) == [("collective", "Khoa Nội"),
                                            ("individual", "Lò Thị Hoà")]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_web_preview_and_command_compute_the_same_plan(client, four_kinds, tmp_path, fmt):
    world = four_kinds  # noqa: F811
    blank = render_document(blank_document(world.unit_a, world.campaign.pack.pack), fmt)
    data = fill_blank(blank, fmt, {"individual": [("Lò Thị Hoà", "Bác sĩ", "CCHC")],
                                   "model": [("Mô hình trồng chè sạch", "Xã Tân Uyên", "d1")]})
    client.force_login(world.users["officer_a"])
    shown = _upload(client, world.registration_a, data, f"bieu.{fmt}").context["preview"]
    _status, result = _run(_file(tmp_path, data, f"bieu.{fmt}"), "--dry-run")
    assert result["plan"] == shown.plan()
    assert shown.plan()["removed"] == [{"section": "individual", "name": "Đặng Thị Mai"}]
    assert shown.plan()["changed"] == [{"section": "model", "name": "Mô hình trồng chè sạch"}]


# --- 2. the file must belong to the unit ----------------------------------------------------

@pytest.fixture
def communes(world):  # noqa: F811
    """Phường Đoàn Kết and Xã Bình Lư from the reference data, each with a registration of
    five entries in the world's campaign, and an officer of Bình Lư."""
    load_reference_units()
    found = {}
    for name in ("Phường Đoàn Kết", "Xã Bình Lư"):
        unit = Unit.objects.current().get(name=name)
        registration = RegistrationFactory(campaign=world.campaign, unit=unit)
        for n in range(1, 6):
            ExemplarFactory(registration=registration, name=f"{name} người {n}", field_key="k",
                            position=n)
        found[name] = registration
    officer = MembershipFactory(unit=found["Xã Bình Lư"].unit, role=Role.UNIT_OFFICER).user
    return found["Phường Đoàn Kết"], found["Xã Bình Lư"], officer


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_another_units_file_is_refused_on_the_web(client, communes, fmt):
    doan_ket, binh_lu, officer = communes
    data = render_document(registration_document(doan_ket), fmt)
    assert "PHƯỜNG ĐOÀN KẾT" in read_upload(f"a.{fmt}", data,
                                              binh_lu.campaign.pack.pack).unit_lines
    client.force_login(officer)
    response = _upload(client, binh_lu, data, f"bieu.{fmt}")
    page = response.content.decode()
    assert response.context["preview"].unit_check.status == "other"
    message = ("Tệp này là biểu đăng ký của “Phường Đoàn Kết”, không phải của “Xã Bình "
               "Lư”.")
    assert message in page and 'name="allow_other_unit"' in page
    token, before = response.context["token"], _names(binh_lu)
    refused = _confirm(client, binh_lu, token, allow_delete="1")  # deletions ticked, unit not
    assert refused.status_code == 200 and message in refused.content.decode()
    assert _names(binh_lu) == before
    applied = _confirm(client, binh_lu, token, allow_delete="1", allow_other_unit="1")
    assert applied.status_code == 302
    assert [n for _k, n in _names(binh_lu)] == [f"Phường Đoàn Kết người {n}" for n in range(1, 6)]


def test_another_units_file_is_refused_by_the_command(communes, tmp_path):
    doan_ket, binh_lu, _officer = communes
    path = _file(tmp_path, render_document(registration_document(doan_ket), "docx"), "dk.docx")
    before = _names(binh_lu)
    status, result = _run(path, "--unit", "Xã Bình Lư", "--allow-delete")
    assert status == 2
    message = result["errors"][-1]["message"]
    assert "“Phường Đoàn Kết”" in message and "“Xã Bình Lư”" in message
    assert "--allow-other-unit" in message
    assert _names(binh_lu) == before
    status, result = _run(path, "--unit", "Xã Bình Lư", "--allow-delete", "--allow-other-unit")
    assert status == 0 and len(result["plan"]["removed"]) == 5
    assert [n for _k, n in _names(binh_lu)] == [f"Phường Đoàn Kết người {n}" for n in range(1, 6)]
    # Without --unit the file goes to the unit it names.
    status, result = _run(path, "--dry-run")
    assert (status, result["unit"]["name"]) == (0, "Phường Đoàn Kết")


def test_a_file_naming_no_unit_gets_a_warning_not_a_refusal(client, world, tmp_path):  # noqa: F811
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "II. Cá nhân"
    sheet.append(["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
                  "Điển hình thuộc lĩnh vực"])
    sheet.append([1, "Đặng Thị Mai", "Điều dưỡng", "Y tế"])
    out = io.BytesIO()
    workbook.save(out)
    client.force_login(world.users["officer_a"])
    response = _upload(client, world.registration_a, out.getvalue(), "bieu.xlsx")
    page = response.content.decode()
    assert "Cảnh báo:" in page and "Tệp không ghi tên đơn vị nào có trong danh mục" in page
    assert "token" in response.context and 'name="allow_other_unit"' not in page
    status, result = _run(_file(tmp_path, out.getvalue(), "bieu.xlsx"), "--unit",
                          world.unit_a.code)
    assert status == 0 and "Tệp không ghi tên đơn vị" in result["warnings"][0]


def test_a_subordinate_units_file_is_another_unit(world, tmp_path):  # noqa: F811
    # "BỆNH VIỆN THỬ" written under "SỞ Y TẾ THỬ": the hospital's form, not the department's.
    registration = RegistrationFactory(campaign=world.campaign, unit=world.sub_a)
    ExemplarFactory(registration=registration, name="Khoa Sản", kind="collective",
                    field_key="e")
    path = _file(tmp_path, render_document(registration_document(registration), "xlsx"),
                 "bv.xlsx")
    status, result = _run(path, "--unit", world.unit_a.code)
    assert status == 2 and "“Bệnh viện Thử”" in result["errors"][-1]["message"]


# --- 3. the unit as people name it ----------------------------------------------------------

def test_unit_named_as_people_say_it(world, tmp_path):  # noqa: F811
    load_reference_units()
    data = individuals_sheet([[1, "Lò Văn Minh", "Bác sĩ; Bệnh viện Đa khoa tỉnh", "Y tế", "",
                               ""]], unit="SỞ Y TẾ")
    path = _file(tmp_path, data, "syt.xlsx")
    status, result = _run(path, "--unit", "Sở Y tế")
    assert status == 0, result["errors"]
    assert result["unit"] == {"code": "SYT", "name": "Sở Y tế tỉnh Lai Châu"}
    assert result["warnings"] == []  # the header "SỞ Y TẾ" is the same unit
    health = Unit.objects.current().get(code="SYT")
    assert health.registrations.get().exemplars.get().name == "Lò Văn Minh"
    # Without --unit, the header alone finds it too.
    status, result = _run(path, "--dry-run")
    assert (status, result["unit"]["code"]) == (0, "SYT")


def test_ambiguous_unit_lists_the_candidates(world, tmp_path):  # noqa: F811
    load_reference_units()
    path = _file(tmp_path, individuals_sheet([[1, "Lò Văn Minh", "", "Y tế", "", ""]]),
                 "a.xlsx")
    status, result = _run(path, "--unit", "TP. Lai Châu")
    message = result["errors"][-1]["message"]
    assert status == 2 and "ứng với nhiều đơn vị" in message and "Phường Tân Phong" in message


def test_upload_page_describes_these_rules(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    page = client.get(reverse("registry:registration_import",
                              args=[world.registration_a.pk])).content.decode()
    assert "có ít nhất một dòng trong tệp thì thay cho mục cùng loại hiện có" in page
    assert ("Mục để trống trong tệp (như bảng III, IV của mẫu trống chưa điền) hoặc không có "
            "trong tệp được giữ nguyên.") in page
    assert "Chỉ xóa khi bạn đánh dấu ô" in page
    assert "Tệp phải là biểu của Sở Y tế Thử" in page
