"""import_registration and export_registration: the JSON contract and the exit statuses."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from accounts.system import SYSTEM_USERNAME
from audit.models import Action, AuditEvent
from registry.io.reader import read_upload
from tests.registry_io.helpers import filled_registration, individuals_sheet
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
VALID = [[1, "Đặng Thị Mai", "Điều dưỡng\nKhoa Nội", "Y  tế", "", ""],
         [2, "Lò\u00a0Thị Hoà", "Bác sĩ; Khoa Ngoại", "k) Cải cách hành chính", "", ""]]


def _run(*args) -> tuple[int, dict | str]:
    out = io.StringIO()
    try:
        call_command("import_registration", *args, stdout=out, stderr=io.StringIO())
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    text = out.getvalue()
    return status, json.loads(text) if "--json" in args else text


def _file(tmp_path, data: bytes, name: str = "bieu.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_dry_run_prints_the_entries_and_applies_nothing(world, tmp_path):  # noqa: F811
    status, result = _run(_file(tmp_path, individuals_sheet(VALID)), "--dry-run", "--json")
    assert status == 0
    assert result == {"ok": True, "errors": [], "warnings": [],
                      "unit": {"code": world.unit_a.code, "name": "Sở Y tế Thử"},
                      "plan": {"added": [{"section": "individual", "name": "Lò Thị Hoà"}],
                               "changed": [{"section": "individual", "name": "Đặng Thị Mai"}],
                               "removed": [],
                               "unchanged": [{"section": "collective", "name": "Khoa Nội"}]},
                      "entries": [
        {"section": "individual", "row": 1, "name": "Đặng Thị Mai", "field": "e",
         "position_title": "Điều dưỡng", "work_unit": "Khoa Nội", "address": "",
         "solutions": "", "notes": ""},
        {"section": "individual", "row": 2, "name": "Lò Thị Hoà", "field": "k",
         "position_title": "Bác sĩ", "work_unit": "Khoa Ngoại", "address": "",
         "solutions": "", "notes": ""},
    ]}
    assert not world.registration_a.exemplars.filter(name="Lò Thị Hoà").exists()


def test_import_applies_as_the_system_account(world, tmp_path):  # noqa: F811
    path = _file(tmp_path, individuals_sheet(VALID))
    status, result = _run(path, "--unit", world.unit_a.code, "--json")
    assert (status, result["ok"]) == (0, True)
    individuals = world.registration_a.exemplars.filter(kind="individual").order_by("position")
    assert [(e.position, e.name, e.field_key) for e in individuals] == [
        (1, "Đặng Thị Mai", "e"), (2, "Lò Thị Hoà", "k")]
    event = AuditEvent.objects.get(action=Action.IMPORT)
    assert (event.actor.username, event.reason) == (SYSTEM_USERNAME, "bieu.xlsx")


def test_unit_from_the_file_or_by_name_without_diacritics(world, tmp_path):  # noqa: F811
    path = _file(tmp_path, individuals_sheet(VALID))
    status, text = _run(path)  # "Sở Y tế Thử" is written above the table
    assert status == 0 and "Đã thêm 1, sửa 1, xóa 0 mục." in text
    status, _text = _run(path, "--unit", "SO Y TE THU", "--campaign", world.campaign.code)
    assert status == 0
    assert world.registration_a.exemplars.filter(name="Lò Thị Hoà").count() == 1


def test_own_export_imports_into_its_unit_not_the_parent(world, tmp_path):  # noqa: F811
    from registry.io.document import registration_document
    from registry.io.export import render_document

    data = render_document(registration_document(world.registration_a), "docx")
    status, text = _run(_file(tmp_path, data, "bieu.docx"))
    assert (status, text.strip()) == (0, "Đã thêm 0, sửa 0, xóa 0 mục.\nTệp hợp lệ: 2 mục.")
    event = AuditEvent.objects.get(action=Action.IMPORT)
    assert event.object_id == str(world.registration_a.pk)


def test_row_errors_exit_1_and_apply_nothing(world, tmp_path):  # noqa: F811
    path = _file(tmp_path, individuals_sheet([[1, "Lò Văn A", "", "Thiên văn học"]]))
    status, result = _run(path, "--unit", world.unit_a.code, "--json")
    assert status == 1
    assert result["ok"] is False
    assert [sorted(e) for e in result["errors"]] == [
        ["column", "location", "message", "row", "section"]]
    assert result["errors"][0] | {"message": ""} == {
        "section": "individual", "row": 1, "column": "Điển hình thuộc lĩnh vực", "message": "",
        "location": "Mục II. Cá nhân, dòng 1, cột “Điển hình thuộc lĩnh vực”"}
    assert result["entries"][0]["field"] is None
    assert not world.registration_a.exemplars.filter(name="Lò Văn A").exists()


@pytest.mark.parametrize(("data", "name", "needle"), [
    (b"\x00\x01garbage", "bieu.xlsx", "không phải là tệp Excel"),
    (b"whatever", "bieu.doc", "Lưu dưới dạng"),
])
def test_unusable_file_exits_2(world, tmp_path, data, name, needle):  # noqa: F811
    status, result = _run(_file(tmp_path, data, name), "--json")
    assert status == 2
    assert result["ok"] is False and result["entries"] == []
    ((error,),) = [result["errors"]]
    assert (error["section"], error["row"], error["column"]) == (None, None, None)
    assert needle in error["message"]


def test_unknown_unit_or_campaign_or_missing_file_exits_2(world, tmp_path):  # noqa: F811
    path = _file(tmp_path, individuals_sheet(VALID))
    assert _run(path, "--unit", "Không có đơn vị này", "--json")[0] == 2
    assert _run(path, "--campaign", "KHONG-CO", "--json")[0] == 2
    status, result = _run(str(tmp_path / "khong-co.xlsx"), "--json")
    assert status == 2 and "Không đọc được tệp" in result["errors"][0]["message"]


def test_registration_sent_to_the_standing_office_is_not_changed(world, tmp_path):  # noqa: F811
    world.registration_a.state = "submitted"
    world.registration_a.save(update_fields=["state"])
    status, result = _run(_file(tmp_path, individuals_sheet(VALID)), "--unit",
                          world.unit_a.code, "--json")
    assert status == 2 and "không sửa được" in result["errors"][-1]["message"]


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_export_registration_writes_the_form(tmp_path, fmt, campaign):
    registration, _officer = filled_registration()
    output = tmp_path / f"bieu.{fmt}"
    call_command("export_registration", "--unit", registration.unit.code, "--format", fmt,
                 "--output", str(output), stdout=io.StringIO())
    data = output.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
        return
    parsed = read_upload(output.name, data, registration.campaign.pack.pack)
    assert len(parsed.entries) == registration.exemplars.count() and parsed.ok


def test_export_registration_unknown_unit_exits_2(tmp_path, campaign):
    with pytest.raises(CommandError) as refused:
        call_command("export_registration", "--unit", "khong-co", "--format", "docx",
                     "--output", str(tmp_path / "x.docx"))
    assert refused.value.returncode == 2


def test_without_campaign_the_guidance_cited_by_the_file_chooses_it(world, tmp_path):  # noqa: F811
    """As on the home page: unit C's exported form cites 2533/HD-UBND, whose open campaign is
    chosen (not the closed one it was exported from); unit C's registration is started."""
    from registry.models import Registration
    from tests.registry_io.helpers import ENTRIES, exported_form

    unit, _officer, data = exported_form(world, "xlsx")
    status, result = _run(_file(tmp_path, data), "--json")
    assert status == 0, result
    assert result["unit"]["name"] == unit.name
    registration = Registration.objects.get(campaign=world.campaign, unit=unit)
    assert registration.exemplars.count() == len(ENTRIES)


def test_without_campaign_a_closed_campaign_of_the_cited_guidance_is_refused(world,  # noqa: F811
                                                                            tmp_path):
    from guidance.models import CampaignStatus
    from registry.models import Exemplar
    from tests.registry_io.helpers import form_sheet

    world.campaign.status = CampaignStatus.CLOSED
    world.campaign.save(update_fields=["status"])
    status, result = _run(_file(tmp_path, form_sheet([[1, "Lò Thị Hoà", "", "k", "", ""]])),
                          "--json")
    assert status == 2
    assert "đã kết thúc nên không nhận đăng ký" in result["errors"][-1]["message"]
    assert not Exemplar.objects.filter(name="Lò Thị Hoà").exists()
