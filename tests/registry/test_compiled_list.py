"""The compiled list ("Danh sách điển hình") lists what was sent, with a state column and a state
filter, and its exports are what their names say."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.factories import ExemplarFactory, RegistrationFactory, unit_in_province
from tests.registry.counting import xlsx_rows
from tests.world import world  # noqa: F401


@pytest.fixture
def listed(world):  # noqa: F811
    """The world's two drafts plus a sent and a received registration, one awaiting its head."""
    for name, state, person in (("Sở Gửi Rồi", "submitted", "Tòng Văn Gửi"),
                                ("Sở Nhận Rồi", "received", "Lường Thị Nhận"),
                                ("Sở Chờ Duyệt", "awaiting_approval", "Vàng A Chờ")):
        registration = RegistrationFactory(campaign=world.campaign, unit=unit_in_province(name),
                                           state=state)
        ExemplarFactory(registration=registration, name=person, field_key="e")
    return world


def _url(world, name="registry:compiled_list", *args):  # noqa: F811
    return reverse(name, args=[world.campaign.code, *args])


def test_compiled_list_shows_only_sent_by_default(client, listed):
    """Replay: the compiled list listed exemplars of drafts and registrations awaiting the head,
    with no state column or filter."""
    client.force_login(listed.users["standing"])
    page = client.get(_url(listed)).content.decode()
    assert "Tòng Văn Gửi" in page and "Lường Thị Nhận" in page
    assert "Vàng A Chờ" not in page and "Đặng Thị Mai" not in page  # awaiting, draft
    assert "Trạng thái biểu" in page
    assert "Đã gửi Sở Nội vụ" in page and "Đã tiếp nhận" in page
    assert "2 điển hình — Đã gửi Sở Nội vụ (kể cả đã tiếp nhận)" in page
    # The rest is announced apart, with a link to see it.
    assert "Còn 4 điển hình trong các biểu chưa gửi Sở Nội vụ" in page
    assert "state=all" in page


def test_state_all_includes_drafts_labelled(client, listed):
    client.force_login(listed.users["standing"])
    page = client.get(_url(listed), {"state": "all"}).content.decode()
    for name in ("Tòng Văn Gửi", "Vàng A Chờ", "Đặng Thị Mai", "Lò Văn Thắng"):
        assert name in page
    assert "Chờ thủ trưởng duyệt (chưa gửi)" in page and "Đang soạn (chưa gửi)" in page
    assert "Còn " not in page
    unsent = client.get(_url(listed), {"state": "unsent"}).content.decode()
    assert "Vàng A Chờ" in unsent and "Tòng Văn Gửi" not in unsent
    received = client.get(_url(listed), {"state": "received"}).content.decode()
    assert "Lường Thị Nhận" in received and "Tòng Văn Gửi" not in received


def test_xlsx_export_has_the_state_column_and_follows_the_filter(client, listed):
    client.force_login(listed.users["standing"])
    url = _url(listed, "registry:compiled_list_export", "xlsx")
    response = client.get(url)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    content = response.getvalue()  # streamed: read once
    header = xlsx_rows(content, first_row=2)[0]
    assert "Trạng thái biểu" in header
    state_at = header.index("Trạng thái biểu")
    rows = {r[2]: r[state_at] for r in xlsx_rows(content)}
    assert rows == {"Tòng Văn Gửi": "Đã gửi Sở Nội vụ", "Lường Thị Nhận": "Đã tiếp nhận"}
    every = {r[2]: r[state_at] for r in xlsx_rows(client.get(url, {"state": "all"}).getvalue())}
    assert every["Vàng A Chờ"] == "Chờ thủ trưởng duyệt (chưa gửi)"
    assert every["Đặng Thị Mai"] == "Đang soạn (chưa gửi)"
    assert len(every) == 6


def test_docx_export_has_the_state_column(client, listed):
    from docx import Document

    client.force_login(listed.users["standing"])
    url = _url(listed, "registry:compiled_list_export", "docx")
    document = Document(io.BytesIO(client.get(url).getvalue()))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert "Trạng thái biểu" in rows[0]
    at = rows[0].index("Trạng thái biểu")
    assert {r[2]: r[at] for r in rows[1:]} == {"Tòng Văn Gửi": "Đã gửi Sở Nội vụ",
                                              "Lường Thị Nhận": "Đã tiếp nhận"}
    assert "Đã gửi Sở Nội vụ (kể cả đã tiếp nhận)" in "\n".join(
        p.text for p in document.paragraphs)


def test_csv_export_is_real_csv(client, listed):
    """Replay: danh-sach.csv returned an Excel file."""
    client.force_login(listed.users["standing"])
    response = client.get(_url(listed, "registry:compiled_list_export", "csv"), {"state": "all"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('.csv"')
    content = response.getvalue()  # streamed: read once
    assert content.startswith("\ufeff".encode())  # Excel reads Vietnamese with a BOM
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Stt", "Loại", "Tên"] and "Trạng thái biểu" in rows[0]
    at = rows[0].index("Trạng thái biểu")
    by_name = {r[2]: r for r in rows[1:]}
    assert set(by_name) == {"Tòng Văn Gửi", "Lường Thị Nhận", "Vàng A Chờ", "Đặng Thị Mai",
                            "Khoa Nội", "Lò Văn Thắng"}
    assert by_name["Vàng A Chờ"][at] == "Chờ thủ trưởng duyệt (chưa gửi)"
    assert by_name["Tòng Văn Gửi"][rows[0].index("Đơn vị đăng ký")] == "Sở Gửi Rồi"


def test_json_export_is_real_json(client, listed):
    """Replay: danh-sach.json returned an Excel file."""
    client.force_login(listed.users["standing"])
    response = client.get(_url(listed, "registry:compiled_list_export", "json"))
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.getvalue())
    assert body["state"] == "sent" and body["count"] == 2
    assert body["campaign"]["code"] == listed.campaign.code
    item = next(i for i in body["items"] if i["name"] == "Tòng Văn Gửi")
    assert set(item) == {"number", "id", "kind", "kind_label", "name", "details", "field_key",
                         "field_label", "unit", "unit_code", "registration_state",
                         "registration_state_label", "solutions"}
    assert item["registration_state"] == "submitted" and item["unit"] == "Sở Gửi Rồi"
    assert item["kind"] == "individual" and item["kind_label"] == "Cá nhân"
    every = json.loads(client.get(response.request["PATH_INFO"], {"state": "all"}).getvalue())
    assert every["count"] == 6 and every["state"] == "all"


def test_unknown_export_format_is_404(client, listed):
    client.force_login(listed.users["standing"])
    for fmt in ("pdf", "xls", "ods", "html", "txt"):
        url = _url(listed, "registry:compiled_list_export", fmt)
        assert client.get(url).status_code == 404, fmt


def test_unit_roles_cannot_download_the_compiled_list(client, listed):
    for role in ("officer_a", "head_a", "officer_b"):
        client.force_login(listed.users[role])
        for fmt in ("xlsx", "csv", "json", "docx"):
            url = _url(listed, "registry:compiled_list_export", fmt)
            assert client.get(url).status_code == 403, (role, fmt)


def _json_as_before(campaign, state=""):
    """The JSON export as it was built in memory before it was streamed (issue #16)."""
    from registry import counters, dashboard

    chosen = counters.scope(state)
    pack = campaign.pack.pack
    rows = [
        {"number": index, "id": e.pk, "kind": e.kind, "kind_label": str(e.get_kind_display()),
         "name": e.name,
         "details": "; ".join(p for p in [e.position_title, e.work_unit, e.head_name, e.address]
                              if p),
         "field_key": e.field_key, "field_label": str(pack.field_label(e.field_key)),
         "unit": e.registration.unit.name, "unit_code": e.registration.unit.code,
         "registration_state": e.registration.state,
         "registration_state_label": counters.state_label(e.registration.state),
         "solutions": e.solutions}
        for index, e in enumerate(dashboard.compiled_exemplars(campaign, state=state), start=1)]
    body = {"campaign": {"code": campaign.code, "name": campaign.name}, "state": chosen.key,
            "state_label": str(chosen.label), "count": len(rows), "items": rows}
    return json.loads(json.dumps(body, ensure_ascii=False))


def test_streamed_json_is_the_json_of_before(client, listed):
    from tests.factories import ExemplarFactory

    ExemplarFactory(registration=listed.registration_a, name="Vừ A Dính", position_title="Bí thư",
                    work_unit="Chi bộ bản", head_name="", address="Bản Thử", field_key="k")
    client.force_login(listed.users["standing"])
    url = _url(listed, "registry:compiled_list_export", "json")
    for state in ("", "all", "unsent", "received"):
        response = client.get(url, {"state": state} if state else {})
        assert response.streaming  # written item by item
        assert json.loads(response.getvalue()) == _json_as_before(listed.campaign, state), state
    # An empty list is still valid JSON.
    empty = json.loads(client.get(url, {"state": "all", "kind": "household"}).getvalue())
    assert empty["items"] == [] and empty["count"] == 0


def test_streamed_xlsx_has_the_page_rows_in_the_page_order(client, listed):
    from registry import dashboard

    client.force_login(listed.users["standing"])
    response = client.get(_url(listed, "registry:compiled_list_export", "xlsx"), {"state": "all"})
    assert response.streaming and response["Content-Disposition"].endswith('.xlsx"')
    rows = xlsx_rows(response.getvalue())
    assert [r[0] for r in rows] == list(range(1, 7))
    assert [r[2] for r in rows] == [e.name for e in dashboard.compiled_exemplars(
        listed.campaign, state="all")]
    page = client.get(_url(listed), {"state": "all"}).content.decode()
    positions = [page.index(name) for _n, _k, name, *_rest in rows]
    assert positions == sorted(positions)  # the page lists them in the same order
