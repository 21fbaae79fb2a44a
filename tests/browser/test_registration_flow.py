"""The registration workflow end to end in a real browser, four roles, a screenshot per step;
and the Excel round trip: blank template → filled offline → upload → preview → confirm."""

import io
import re

import pytest
from openpyxl import load_workbook

from audit.models import Action, AuditEvent
from registry.enums import RegistrationState
from registry.models import Exemplar, Registration
from tests.browser.conftest import login, screenshot
from tests.world import build_world

PASSWORD = "mat-khau-thu-nghiem-2026"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _csp_errors(page) -> list[str]:
    return [e for e in page.console_errors if "Content Security Policy" in e]


def _as(browser, base_url: str, user):
    """A fresh browser context signed in as ``user`` (one per role, as on separate computers)."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    login(page, base_url, user.username, PASSWORD)
    page.wait_for_load_state("load")
    return context, page


def _state(page) -> str:
    return page.inner_text(".section-head span.badge[class*='state-']").strip()


def _open(page, base_url: str, registration) -> None:
    page.goto(f"{base_url}/dang-ky/bieu/{registration.pk}/")
    page.wait_for_selector("h1:has-text('Biểu đăng ký')")


def _send(page, label: str) -> None:
    """A send that cannot be undone: the button opens a summary, the confirmation sends."""
    with page.expect_navigation():
        page.click(f"a.button:has-text('{label}')")
    page.wait_for_selector("#confirm-summary")
    with page.expect_navigation():
        page.click(f"#confirm-form button:has-text('{label}')")


def _approve(page) -> None:
    """The head approves; below quota the confirmation asks for a reason (the meter shows ✗)."""
    meter = page.inner_text("#quota-meter") if page.locator("#quota-meter").count() else ""
    with page.expect_navigation():
        page.click("a.button:has-text('Duyệt và gửi Sở Nội vụ')")
    page.wait_for_selector("#confirm-summary")
    if "✗" in meter:
        page.fill("#reason-approve", "Đơn vị nhỏ, năm nay chỉ đăng ký số điển hình hiện có.")
    with page.expect_navigation():
        page.click("#confirm-form button:has-text('Duyệt và gửi Sở Nội vụ')")


def test_whole_flow_officer_head_standing_office(live_server, page, browser):
    world = build_world()
    base = live_server.url
    registration = world.registration_a
    contexts = []

    # 1. The officer opens the registration and adds an individual through the form.
    login(page, base, world.users["officer_a"].username, PASSWORD)
    page.wait_for_selector("text=Đăng ký điển hình của đơn vị")
    _open(page, base, registration)
    assert _state(page) == "Đang soạn"
    screenshot(page, "flow-01-officer-draft")
    page.click(f"a[href='/dang-ky/bieu/{registration.pk}/them/individual/']")
    page.wait_for_selector("#id_field_key")
    page.fill("#id_name", "Hoàng Văn Phúc")
    options = page.eval_on_selector_all("#id_field_key option", "os => os.map(o => o.value)")
    assert "k" in options and "" in options  # the pack's fields, plus "— Chọn lĩnh vực —"
    page.select_option("#id_field_key", "k")
    if page.locator("#id_position_title").count():
        page.fill("#id_position_title", "Chuyên viên")
    page.fill("#id_solutions", "Số hóa hồ sơ một cửa.")
    screenshot(page, "flow-02-officer-add-form")
    with page.expect_navigation():
        page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Hoàng Văn Phúc")
    assert "Cải cách hành chính" in page.inner_text("body")
    screenshot(page, "flow-03-officer-added")

    # 2. … and sends it for approval.
    _send(page, "Trình thủ trưởng duyệt")
    assert _state(page) == "Chờ thủ trưởng duyệt"
    screenshot(page, "flow-04-awaiting-approval")

    # 3. The head approves (with a reason if below quota).
    context, head = _as(browser, base, world.users["head_a"])
    contexts.append(context)
    _open(head, base, registration)
    assert _state(head) == "Chờ thủ trưởng duyệt"
    screenshot(head, "flow-05-head-sees-it")
    _approve(head)
    assert _state(head) == "Đã gửi Sở Nội vụ"
    screenshot(head, "flow-06-head-approved")

    # 4. The standing office sees it on the overview and returns it with a reason.
    context, office = _as(browser, base, world.users["standing"])
    contexts.append(context)
    office.goto(f"{base}/dang-ky/dot/{world.campaign.code}/tong-hop/")
    row = office.locator("tr", has_text="Sở Y tế Thử")
    assert "Đã gửi Sở Nội vụ" in row.inner_text()
    screenshot(office, "flow-07-standing-overview")
    with office.expect_navigation():
        row.locator(f"a[href='/dang-ky/bieu/{registration.pk}/']").first.click()
    assert _state(office) == "Đã gửi Sở Nội vụ"
    reason = "Mục của ông Hoàng Văn Phúc thiếu đơn vị công tác."
    office.fill("#reason-return", reason)
    with office.expect_navigation():
        office.click("button:has-text('Trả lại đơn vị')")
    assert _state(office) == "Bị trả lại"
    screenshot(office, "flow-08-standing-returned")

    # 5. The officer sees the reason, fixes the entry and sends it again.
    _open(page, base, registration)
    assert _state(page) == "Bị trả lại"
    assert reason in page.inner_text("body")
    screenshot(page, "flow-09-officer-sees-reason")
    page.click("a:has-text('Hoàng Văn Phúc')")
    page.click("a.button:has-text('Sửa')")
    page.wait_for_selector("#id_work_unit")
    page.fill("#id_work_unit", "Văn phòng Sở Y tế")
    screenshot(page, "flow-10-officer-fixes")
    with page.expect_navigation():
        page.click("button:has-text('Lưu')")
    assert "Văn phòng Sở Y tế" in page.inner_text("body")
    _send(page, "Trình thủ trưởng duyệt")
    assert _state(page) == "Chờ thủ trưởng duyệt"
    screenshot(page, "flow-11-resubmitted")

    # 6. The head approves again; the standing office receives it.
    _open(head, base, registration)
    _approve(head)
    assert _state(head) == "Đã gửi Sở Nội vụ"
    screenshot(head, "flow-12-head-approved-again")
    _open(office, base, registration)
    with office.expect_navigation():
        office.click("button:has-text('Tiếp nhận')")
    assert _state(office) == "Đã tiếp nhận"
    screenshot(office, "flow-13-received")

    registration = Registration.objects.get(pk=registration.pk)
    assert registration.state == RegistrationState.RECEIVED
    assert registration.received_at is not None and registration.submitted_at is not None
    fixed = Exemplar.objects.get(registration=registration, name="Hoàng Văn Phúc")
    assert (fixed.kind, fixed.field_key, fixed.work_unit) == ("individual", "k",
                                                               "Văn phòng Sở Y tế")
    steps = list(AuditEvent.objects.filter(action=Action.TRANSITION, object_id=str(registration.pk))
                 .order_by("pk").values_list("verb", flat=True))
    assert steps == ["send_for_approval", "approve", "return", "send_for_approval", "approve",
                     "receive"]
    for each in (page, head, office):
        assert not _csp_errors(each), each.console_errors
    for context in contexts:
        context.close()


def _fill_blank_template(data: bytes, rows: dict[str, list[tuple[str, str]]]) -> bytes:
    """Write (name, field) into the numbered blank rows of the sheets whose title starts with
    a key of ``rows`` ("I.", "II."), as a unit does in Excel."""
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        wanted = next((v for k, v in rows.items() if sheet.title.startswith(k)), None)
        if not wanted:
            continue
        header = field_column = None
        blanks = []
        for row in sheet.iter_rows():
            first = str(row[0].value or "").strip()
            if header is None and first.lower() == "stt":
                header = row[0].row
                field_column = next(c.column for c in row
                                    if "lĩnh vực" in str(c.value or "").lower())
            elif header is not None and re.fullmatch(r"\d+", first):
                blanks.append(row[0].row)
        assert len(blanks) >= len(wanted), sheet.title
        for at, (name, field) in zip(blanks, wanted, strict=False):
            sheet.cell(row=at, column=2, value=name)
            sheet.cell(row=at, column=field_column, value=field)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_import_blank_template_filled_in_excel(live_server, page, tmp_path):
    world = build_world()
    base = live_server.url
    registration = world.registration_a
    login(page, base, world.users["officer_a"].username, PASSWORD)
    page.wait_for_selector("text=Đăng ký điển hình của đơn vị")
    _open(page, base, registration)
    with page.expect_download() as download:
        page.click("a:has-text('Mẫu Excel (.xlsx)')")
    blank = tmp_path / "mau-trong.xlsx"
    download.value.save_as(blank)
    filled = _fill_blank_template(blank.read_bytes(), {
        "I.": [("Khoa Nội", "Y tế")],
        "II.": [("Đặng Thị Mai", "Y tế"), ("Lường Thị Hoa", "Cải cách hành chính"),
                ("Tòng Văn Sơn", "CCHC")],
    })
    upload = tmp_path / "bieu-da-dien.xlsx"
    upload.write_bytes(filled)

    page.click("a:has-text('Nhập từ tệp Word/Excel')")
    page.set_input_files("input[type=file]", str(upload))
    screenshot(page, "import-01-upload")
    with page.expect_navigation():
        page.click("button:has-text('Tải lên và xem trước')")
    page.wait_for_selector("#import-summary")
    added = page.inner_text("#import-added")
    assert "Lường Thị Hoa" in added and "Tòng Văn Sơn" in added
    assert "Đặng Thị Mai" not in added  # already registered: matched, not added
    summary = page.inner_text("#import-summary")
    assert "Thêm mới: 2" in summary and "Xóa: 0" in summary
    assert not page.locator("#import-errors").count()
    screenshot(page, "import-02-preview")
    with page.expect_navigation():
        page.click("button:has-text('Xác nhận và lưu tất cả')")
    page.wait_for_selector("text=Lường Thị Hoa")
    body = page.inner_text("body")
    assert "Tòng Văn Sơn" in body and "Đặng Thị Mai" in body and "Khoa Nội" in body
    screenshot(page, "import-03-applied")

    names = list(Exemplar.objects.filter(registration=registration, kind="individual")
                 .order_by("position").values_list("name", "field_key", "position"))
    assert names == [("Đặng Thị Mai", "e", 1), ("Lường Thị Hoa", "k", 2),
                     ("Tòng Văn Sơn", "k", 3)]
    assert AuditEvent.objects.filter(action=Action.IMPORT,
                                     object_id=str(registration.pk)).count() == 1
    assert not _csp_errors(page), page.console_errors
