"""The registry over the API, end to end: the issue's "done when" replayed with tokens made by
``create_api_token``, the same DB rows and audit events as the web path, scoping to the unit,
the import's confirmations, and bad input answered 4xx in JSON with Vietnamese messages."""

import io
import unicodedata
from io import StringIO

import pytest
from django.core.management import call_command

from audit.models import Action, AuditEvent
from registry.enums import RegistrationState
from registry.models import Exemplar
from tests.api.helpers import call, token_for
from tests.api.ops_registry import form_file
from tests.db_state import differences, snapshot
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _command_token(user, scopes: str) -> str:
    out = StringIO()
    call_command("create_api_token", user.username, "--scopes", scopes, "--days", "1", stdout=out)
    return out.getvalue().strip()


def _events(obj, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(content_type__model=obj._meta.model_name,
                                          object_id=str(obj.pk), action=action))


def _upload(client, w, token: str, data: bytes, name: str = "bieu-dang-ky.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    return call(client, "POST", f"/registrations/{w.registration_a.pk}/import", token,
                {"file": upload}, multipart=True)


def _json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:400]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    return body


def test_done_when_unit_officer_lists_creates_edits_imports_and_sends(client, world):  # noqa: F811
    officer = world.users["officer_a"]
    read = _command_token(officer, "read")
    listed = call(client, "GET", "/registrations/", read).json()
    assert listed["count"] == 1
    assert [r["id"] for r in listed["results"]] == [world.registration_a.pk]
    assert listed["results"][0]["unit"]["name"] == "Sở Y tế Thử"

    write = _command_token(officer, "read,write")
    reg = world.registration_a
    # create, as the web's "Thêm" form does
    created = call(client, "POST", f"/registrations/{reg.pk}/exemplars", write, {
        "kind": "individual", "name": "Lò Thị Hoà", "position_title": "Bác sĩ",
        "gender": "female", "birth_year": 1990, "field_key": "e", "solutions": "Khám lưu động"})
    assert created.status_code == 201, created.content
    entry = Exemplar.objects.get(pk=created.json()["id"])
    assert (entry.registration_id, entry.kind, entry.name, entry.birth_year, entry.position,
            entry.created_by) == (reg.pk, "individual", "Lò Thị Hoà", 1990, 2, officer)
    assert [e.actor for e in _events(entry, Action.CREATE)] == [officer]
    # edit with the version; a stale version is a 409 with the Vietnamese message
    edited = call(client, "PATCH", f"/exemplars/{entry.pk}", write,
                  {"work_unit": "Bệnh viện Thử", "version": entry.version})
    assert edited.status_code == 200, edited.content
    entry.refresh_from_db()
    assert (entry.work_unit, entry.name, entry.version) == ("Bệnh viện Thử", "Lò Thị Hoà", 2)
    assert _events(entry, Action.UPDATE)[0].changes
    before = snapshot()
    stale = call(client, "PATCH", f"/exemplars/{entry.pk}", write,
                 {"name": "Tên Khác", "version": 1})
    body = _json_error(stale, 409)
    assert body["detail"] == "Mục này vừa được người khác sửa. Hãy xem thay đổi của họ rồi lưu lại."
    assert snapshot() == before
    # import the unit's own template, filled: preview, then confirm with the token
    data = form_file(world, [("Đặng Thị Mai", "", "e"), ("Lò Thị Hoà", "", "e"),
                             ("Giàng A Pao", "", "k")])
    preview = _upload(client, world, write, data)
    assert preview.status_code == 200, preview.content
    plan = preview.json()
    assert plan["can_apply"] and plan["token"]
    assert [a["name"] for a in plan["added"]] == ["Giàng A Pao"]
    assert plan["removed"] == [] and plan["needs_confirmation"]["allow_delete"] is False
    assert plan["unit_check"]["status"] == "same"
    assert [k["kind"] for k in plan["kept_sections"]] == ["collective"]
    assert snapshot() == snapshot()  # the preview wrote nothing
    done = call(client, "POST", f"/registrations/{reg.pk}/import/confirm", write,
                {"token": plan["token"]})
    assert done.status_code == 200, done.content
    assert (done.json()["added"], done.json()["removed"]) == (1, 0)
    assert "Đã nhập biểu đăng ký từ tệp" in done.json()["detail"]
    names = list(reg.exemplars.filter(kind="individual").order_by("position")
                 .values_list("name", flat=True))
    assert names == ["Đặng Thị Mai", "Lò Thị Hoà", "Giàng A Pao"]
    assert reg.exemplars.filter(kind="collective").count() == 1  # the blank table kept it
    reg.refresh_from_db()
    imported = _events(reg, Action.IMPORT)
    assert [(e.actor, e.reason, e.changes["added"][-1]) for e in imported] == [
        (officer, "bieu-dang-ky.xlsx", 1)]
    # the token is used up
    again = call(client, "POST", f"/registrations/{reg.pk}/import/confirm", write,
                 {"token": plan["token"]})
    assert _json_error(again, 400)["detail"] == (
        "Bản xem trước đã hết hạn hoặc không hợp lệ; hãy tải tệp lên lại.")
    # send for the head's approval, as the web's button does
    detail = call(client, "GET", f"/registrations/{reg.pk}", read).json()
    assert [t["name"] for t in detail["transitions"]] == ["send_for_approval"]
    assert detail["transitions"][0]["confirm"] is True
    sent = call(client, "POST", f"/registrations/{reg.pk}/transitions/send_for_approval", write,
                {"version": detail["version"]})
    assert sent.status_code == 200, sent.content
    reg.refresh_from_db()
    assert reg.state == RegistrationState.AWAITING_APPROVAL
    assert [(e.verb, e.actor) for e in _events(reg, Action.TRANSITION)] == [
        ("send_for_approval", officer)]
    assert sent.json()["transitions"] == [] and sent.json()["can_edit"] is False
    # now the head approves — the quota rule speaks as on the web
    head = token_for(world.users["head_a"], "read,write")
    approve = call(client, "POST", f"/registrations/{reg.pk}/transitions/approve", head, {})
    assert approve.status_code in (200, 400), approve.content
    # a read token writes nothing
    assert _json_error(call(client, "POST", f"/registrations/{reg.pk}/exemplars", read,
                            {"kind": "individual", "name": "X", "field_key": "e"}), 403)


def test_unit_a_token_neither_reads_nor_changes_unit_b(client, world):  # noqa: F811
    token = token_for(world.users["officer_a"], "read,write")
    reg_b = world.registration_b
    ex_b = Exemplar.objects.get(registration=reg_b)
    listed = call(client, "GET", "/exemplars/", token).json()
    assert ex_b.pk not in {e["id"] for e in listed["results"]} and listed["count"] == 2
    assert call(client, "GET", f"/registrations/?unit={world.unit_b.pk}", token).json()[
        "count"] == 0
    before = snapshot()
    requests = [
        ("GET", f"/registrations/{reg_b.pk}", None),
        ("GET", f"/registrations/{reg_b.pk}/export/pdf", None),
        ("GET", f"/registrations/{reg_b.pk}/blank/xlsx", None),
        ("PATCH", f"/registrations/{reg_b.pk}", {"signer_name": "X", "version": reg_b.version}),
        ("POST", f"/registrations/{reg_b.pk}/transitions/send_for_approval", {}),
        ("POST", f"/registrations/{reg_b.pk}/exemplars",
         {"kind": "individual", "name": "X", "field_key": "e"}),
        ("POST", f"/registrations/{reg_b.pk}/import/confirm", {"token": "x" * 43}),
        ("GET", f"/exemplars/{ex_b.pk}", None),
        ("PATCH", f"/exemplars/{ex_b.pk}", {"name": "X", "version": ex_b.version}),
        ("DELETE", f"/exemplars/{ex_b.pk}?version={ex_b.version}", None),
        ("POST", f"/exemplars/{ex_b.pk}/transitions/withdraw", {"reason": "X"}),
    ]
    for method, path, body in requests:
        response = call(client, method, path, token, body)
        assert _json_error(response, 404)["detail"] == "Không tìm thấy hoặc bạn không có quyền xem."
    upload = io.BytesIO(form_file(world))
    upload.name = "b.xlsx"
    assert call(client, "POST", f"/registrations/{reg_b.pk}/import", token, {"file": upload},
                multipart=True).status_code == 404
    assert differences(before, snapshot()) == differences(before, before)


def test_deletions_and_another_units_file_need_their_confirmation(client, world):  # noqa: F811
    token = token_for(world.users["officer_a"], "read,write")
    reg = world.registration_a
    # Đặng Thị Mai is not in the file: deleting her needs allow_delete
    plan = _upload(client, world, token, form_file(world, [("Lò Văn Mới", "", "k")])).json()
    assert plan["needs_confirmation"] == {"allow_delete": True, "delete_count": 1,
                                          "allow_other_unit": False}
    assert [r["name"] for r in plan["removed"]] == ["Đặng Thị Mai"]
    before = snapshot()
    refused = call(client, "POST", f"/registrations/{reg.pk}/import/confirm", token,
                   {"token": plan["token"]})
    body = _json_error(refused, 400)
    assert body["detail"].startswith("Tệp sẽ xóa 1 mục không còn trong tệp.")
    assert body["errors"][0]["field"] == "allow_delete"
    assert snapshot() == before
    done = call(client, "POST", f"/registrations/{reg.pk}/import/confirm", token,
                {"token": plan["token"], "allow_delete": True})
    assert done.status_code == 200 and done.json()["removed"] == 1
    assert not reg.exemplars.filter(name="Đặng Thị Mai").exists()
    # unit B's own template imported into unit A's registration
    from registry.io.document import blank_document
    from registry.io.export import render_document
    from tests.registry_io.blank_fill import fill_blank

    other = fill_blank(render_document(blank_document(world.unit_b, world.campaign.pack.pack),
                                       "xlsx"), "xlsx", {"model": [("Mô hình chè", "", "k")]})
    plan = _upload(client, world, token, other).json()
    assert plan["unit_check"]["status"] == "other"
    assert plan["needs_confirmation"]["allow_other_unit"] is True
    before = snapshot()
    body = _json_error(call(client, "POST", f"/registrations/{reg.pk}/import/confirm", token,
                            {"token": plan["token"]}), 400)
    assert "không phải của “Sở Y tế Thử”" in body["detail"]
    assert body["errors"][0]["field"] == "allow_other_unit"
    assert snapshot() == before
    assert call(client, "POST", f"/registrations/{reg.pk}/import/confirm", token,
                {"token": plan["token"], "allow_other_unit": True}).status_code == 200
    assert reg.exemplars.filter(kind="model", name="Mô hình chè").exists()


def test_the_systems_blank_template_deletes_nothing(client, world):  # noqa: F811
    from registry.io.document import blank_document
    from registry.io.export import render_document
    from tests.registry_io.blank_fill import fill_blank

    token = token_for(world.users["officer_a"], "read,write")
    blank = render_document(blank_document(world.unit_a, world.campaign.pack.pack), "docx")
    # left as it came: refused with the web's message, nothing staged, nothing changed
    plan = _upload(client, world, token, blank, "mau.docx").json()
    assert plan["token"] is None and plan["errors"][0]["message"] == (
        "Biểu đăng ký trong tệp chưa có dòng nào được điền.")
    # one table filled: the others, left blank, keep their entries
    filled = fill_blank(blank, "docx", {"model": [("Mô hình trồng chè", "Xã Thử", "k")]})
    plan = _upload(client, world, token, filled, "mau.docx").json()
    assert plan["removed"] == [] and [a["name"] for a in plan["added"]] == ["Mô hình trồng chè"]
    assert {k["kind"] for k in plan["kept_sections"]} == {"collective", "individual"}
    done = call(client, "POST", f"/registrations/{world.registration_a.pk}/import/confirm",
                token, {"token": plan["token"]})
    assert done.status_code == 200 and done.json()["removed"] == 0
    assert world.registration_a.exemplars.count() == 3


def test_someone_elses_token_and_a_file_with_errors(client, world):  # noqa: F811
    officer, admin = (token_for(world.users[r], "read,write") for r in ("officer_a", "admin"))
    plan = _upload(client, world, officer, form_file(world)).json()
    body = _json_error(call(client, "POST", f"/registrations/{world.registration_a.pk}/import/"
                            "confirm", admin, {"token": plan["token"]}), 400)
    assert body["detail"] == "Bản xem trước đã hết hạn hoặc không hợp lệ; hãy tải tệp lên lại."
    broken = _upload(client, world, officer, b"PK\x03\x04 not really a zip", "hong.xlsx")
    assert broken.status_code == 200
    assert broken.json()["unusable"] and broken.json()["token"] is None
    assert broken.json()["errors"][0]["message"]
    wrong = _upload(client, world, officer, b"%PDF-1.4", "bieu.pdf")
    assert wrong.status_code == 200 and wrong.json()["token"] is None


def test_bad_input_is_a_4xx_json_answer_and_changes_nothing(client, world):  # noqa: F811
    token = token_for(world.users["officer_a"], "read,write")
    reg, ex = world.registration_a, world.exemplar_a
    before = snapshot()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    raw = client.post(f"/api/v1/registrations/{reg.pk}/exemplars", data="{không phải json",
                      content_type="application/json", **headers)
    assert _json_error(raw, 400)["detail"] == "Nội dung gửi lên không phải JSON hợp lệ."
    cases = [
        ("POST", f"/registrations/{reg.pk}/exemplars",
         {"kind": "individual", "name": "X", "field_key": "e", "birth_year": "abc"}, 422),
        ("POST", f"/registrations/{reg.pk}/exemplars",
         {"kind": "individual", "name": ["X"], "field_key": "e"}, 422),
        ("POST", f"/registrations/{reg.pk}/exemplars", {"kind": "ufo", "name": "X"}, 422),
        ("POST", f"/registrations/{reg.pk}/exemplars",
         {"kind": "individual", "name": "X", "field_key": "e", "head_name": "Y"}, 422),
        ("POST", f"/registrations/{reg.pk}/exemplars",
         {"kind": "individual", "name": "X", "field_key": "zz"}, 422),
        ("POST", f"/registrations/{reg.pk}/exemplars",
         {"kind": "individual", "name": "X", "field_key": "e", "birth_year": 1800}, 422),
        ("POST", f"/registrations/{reg.pk}/exemplars",
         {"kind": "individual", "name": "   ", "field_key": "e"}, 422),
        ("POST", f"/registrations/{reg.pk}/exemplars", [1, 2], 422),
        ("PATCH", f"/exemplars/{ex.pk}", {"name": "X", "version": "một"}, 422),
        ("PATCH", f"/exemplars/{ex.pk}", {"name": "X"}, 422),
        ("PATCH", f"/exemplars/{ex.pk}", {"nonsense": 1, "version": ex.version}, 422),
        ("DELETE", f"/exemplars/{ex.pk}?version=abc", None, 422),
        ("DELETE", f"/exemplars/{ex.pk}", None, 422),
        ("DELETE", f"/exemplars/{ex.pk}?version=99", None, 409),
        ("POST", f"/registrations/{reg.pk}/transitions/fly_away", {}, 400),
        ("POST", f"/registrations/{reg.pk}/transitions/send_for_approval", {"version": 99}, 409),
        ("POST", f"/exemplars/{ex.pk}/transitions/withdraw", {}, 400),
        ("POST", f"/exemplars/{ex.pk}/transitions/withdraw", {"reason": 5}, 422),
        ("POST", f"/registrations/{reg.pk}/import/confirm", {"token": 12}, 422),
        ("POST", f"/registrations/{reg.pk}/import/confirm", {"token": "../../etc/passwd"}, 400),
        ("POST", f"/registrations/{reg.pk}/import", {}, 422),
        ("PATCH", f"/registrations/{reg.pk}", {"signer_name": "X" * 151, "version": reg.version},
         422),
        ("GET", f"/registrations/{reg.pk}/export/exe", None, 404),
        ("GET", f"/registrations/{reg.pk}/blank/pdf", None, 404),
        ("GET", "/registrations/?state=lost", None, 422),
        ("GET", "/registrations/?unit=99999999999999999999999", None, 200),
        ("GET", "/exemplars/?registration=abc", None, 422),
        ("GET", "/exemplars/?kind=ufo", None, 422),
        ("GET", "/exemplars/?page=0", None, 422),
        ("GET", "/registrations/99999999999999999999999", None, 404),
        ("POST", "/registrations/", {"campaign": "KHÔNG-CÓ"}, 404),
    ]
    for method, path, body, status in cases:
        response = call(client, method, path, token, body)
        assert response.status_code == status, (method, path, body, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        if status != 200:
            detail = response.json()["detail"]
            assert detail and not detail.startswith(("Field", "Input", "value")), detail
    assert differences(before, snapshot()) == differences(before, before)
    unknown = call(client, "POST", f"/registrations/{reg.pk}/transitions/fly_away", token, {})
    assert unknown.json()["detail"] == "Thao tác không hợp lệ."
    bad_field = call(client, "POST", f"/registrations/{reg.pk}/exemplars", token,
                     {"kind": "individual", "name": "X", "field_key": "zz"}).json()
    assert bad_field["errors"][0]["field"] == "field_key"


def test_nfd_input_arrives_nfc(client, world):  # noqa: F811
    token = token_for(world.users["officer_a"], "read,write")
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    response = call(client, "POST", f"/registrations/{world.registration_a.pk}/exemplars", token,
                    {"kind": "individual", "name": name, "field_key": "e",
                     "solutions": unicodedata.normalize("NFD", "Giải pháp\nhai dòng")})
    assert response.status_code == 201
    entry = Exemplar.objects.get(pk=response.json()["id"])
    assert entry.name == "Nguyễn Thị Hằng" and unicodedata.is_normalized("NFC", entry.name)
    assert entry.solutions == "Giải pháp\nhai dòng"
    found = call(client, "GET", "/exemplars/?q=nguyen thi hang", token).json()
    assert [e["id"] for e in found["results"]] == [entry.pk]


def test_filters_and_the_compiled_list(client, world):  # noqa: F811
    standing = token_for(world.users["standing"], "read")
    code = world.campaign.code

    def ids(path):
        return {r["id"] for r in call(client, "GET", path, standing).json()["results"]}

    both = {world.registration_a.pk, world.registration_b.pk}
    assert ids(f"/registrations/?campaign={code}") == both
    assert ids(f"/registrations/?campaign={world.campaign.pk}") == both
    assert ids(f"/registrations/?unit={world.unit_b.code}") == {world.registration_b.pk}
    assert ids("/registrations/?kind=collective") == {world.registration_a.pk}
    assert ids("/registrations/?field=k") == {world.registration_b.pk}
    assert ids("/registrations/?state=submitted") == set()
    assert ids("/registrations/?q=xã") == {world.registration_b.pk}
    assert ids(f"/exemplars/?unit={world.unit_a.pk}&kind=individual") == {world.exemplar_a.pk}
    assert ids("/exemplars/?field=k&state=registered") == {
        Exemplar.objects.get(registration=world.registration_b).pk}
    page = call(client, "GET", "/exemplars/?page_size=1", standing).json()
    assert page["count"] == 3 and len(page["results"]) == 1 and page["next"]
    item = page["results"][0]
    assert {"id", "registration_id", "field_label", "kind_label", "version"} <= set(item)
    response = call(client, "GET", f"/compiled-list/csv?campaign={code}&state=all", standing)
    assert response.status_code == 200
    text = response.getvalue().decode("utf-8-sig")
    assert "Đặng Thị Mai" in text and "Lò Văn Thắng" in text
    assert response["Content-Disposition"].endswith('.csv"')
    xlsx = call(client, "GET", f"/compiled-list/xlsx?campaign={code}", standing)
    assert xlsx.status_code == 200 and xlsx.getvalue().startswith(b"PK")
    officer = token_for(world.users["officer_a"], "read")
    refused = call(client, "GET", f"/compiled-list/csv?campaign={code}", officer)
    assert _json_error(refused, 403)
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF"), ("xlsx", b"PK")):
        got = call(client, "GET", f"/registrations/{world.registration_a.pk}/export/{fmt}",
                   officer)
        assert got.status_code == 200 and got.content.startswith(magic), fmt


def test_openapi_documents_downloads_as_binary():
    from config.api import api

    paths = api.get_openapi_schema()["paths"]
    export = paths["/api/v1/registrations/{registration_id}/export/{fmt}"]["get"]
    content = export["responses"][200]["content"]
    assert content["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    upload = paths["/api/v1/registrations/{registration_id}/import"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]


def _upload_alone(client, token: str, data: bytes):
    upload = io.BytesIO(data)
    upload.name = "bieu-dang-ky.xlsx"
    return call(client, "POST", "/registrations/import", token, {"file": upload}, multipart=True)


def test_import_from_the_file_alone_finds_the_registration_and_confirms_there(client, world):  # noqa: F811
    """The home page's way in over the API: no registration in the path; the file names unit A
    and guidance 2533, so the plan is for unit A's registration of the open campaign."""
    token = token_for(world.users["officer_a"], "read,write")
    response = _upload_alone(client, token, form_file(world))
    assert response.status_code == 200, response.content[:400]
    body = response.json()
    assert (body["registration_id"], body["started"]) == (world.registration_a.pk, False)
    assert body["unit"]["name"] == "Sở Y tế Thử"
    assert body["campaign"]["code"] == world.campaign.code
    assert [e["name"] for e in body["added"]] == ["Lò Văn Mới"]
    done = call(client, "POST", f"/registrations/{body['registration_id']}/import/confirm", token,
                {"token": body["token"]})
    assert done.status_code == 200 and done.json()["added"] == 1
    assert world.registration_a.exemplars.filter(name="Lò Văn Mới").count() == 1


def test_import_from_the_file_alone_refuses_another_units_file(client, world):  # noqa: F811
    token = token_for(world.users["officer_b"], "read,write")
    before = snapshot()
    body = _json_error(_upload_alone(client, token, form_file(world)), 400)
    assert body["errors"][0]["field"] == "file"
    assert "“Sở Y tế Thử”" in body["detail"] and "“Xã Thử Nghiệm”" in body["detail"]
    assert before == snapshot(), differences(before, snapshot())
