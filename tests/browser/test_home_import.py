"""A registration from the home page in three actions (issue #17): the clerk, on the home page,
chooses the filled form; the preview is shown; the clerk confirms — and the registration page
lists the entries. Also: a file dropped on the zone, the same without JavaScript, and the page at
360 px wide."""

import base64

import pytest

from registry.models import Registration
from tests.browser.conftest import login, screenshot
from tests.registry_io.helpers import ENTRIES, exported_form
from tests.world import build_world

PASSWORD = "mat-khau-thu-nghiem-2026"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Journey:
    """The clerk's way from the home page to the saved registration, one step a line: what the
    clerk does and what the system shows in between. The test touches the page only through
    these steps, so their list is the whole journey."""

    def __init__(self, page):
        self.page = page
        self.steps: list[str] = []

    def choose_file(self, path: str) -> None:
        with self.page.expect_navigation():  # chosen → sent at once (static/js/app.js)
            self.page.set_input_files("#id_home_file", path)
        self.steps.append("choose file")

    def preview_is_shown(self) -> str:
        self.page.wait_for_selector("#import-summary")
        self.steps.append("preview is shown")
        return self.page.inner_text("#import-added")

    def confirm(self) -> None:
        with self.page.expect_navigation():
            self.page.click("#import-confirm button[type=submit]")
        self.steps.append("confirm")


def _signed_in_clerk(page, base: str):
    world = build_world()
    unit, officer, data = exported_form(world, "docx")
    login(page, base, officer.username, PASSWORD)
    page.wait_for_selector("#home-import")
    return world, unit, data


def _saved_names(world, unit) -> list[str]:
    registration = Registration.objects.get(campaign=world.campaign, unit=unit)
    return sorted(registration.exemplars.values_list("name", flat=True))


def test_registration_from_the_home_page_in_three_actions(live_server, page, tmp_path):
    world, unit, data = _signed_in_clerk(page, live_server.url)
    path = tmp_path / "bieu-dang-ky.docx"
    path.write_bytes(data)
    screenshot(page, "home-import-01-home")
    journey = Journey(page)

    journey.choose_file(str(path))
    added = journey.preview_is_shown()
    screenshot(page, "home-import-02-preview")
    assert "Sở Giáo dục Thử" in page.inner_text("#import-target")
    assert world.campaign.name in page.inner_text("#import-target")
    for entry in ENTRIES:
        assert entry["name"] in added
    assert _saved_names(world, unit) == []  # nothing saved before the confirmation
    journey.confirm()

    assert journey.steps == ["choose file", "preview is shown", "confirm"]
    assert len(journey.steps) == 3
    registration = Registration.objects.get(campaign=world.campaign, unit=unit)
    assert page.url.endswith(f"/dang-ky/bieu/{registration.pk}/")
    body = page.inner_text("body")
    assert "thêm 6, sửa 0, xóa 0 mục" in body
    for entry in ENTRIES:
        assert entry["name"] in body
    assert _saved_names(world, unit) == sorted(e["name"] for e in ENTRIES)
    screenshot(page, "home-import-03-registration")
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_a_file_dropped_on_the_zone_opens_the_preview(live_server, page):
    world, unit, data = _signed_in_clerk(page, live_server.url)
    encoded = base64.b64encode(data).decode()
    transfer = page.evaluate_handle("""(encoded) => {
        const bytes = Uint8Array.from(atob(encoded), c => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], "bieu.docx"));
        return transfer;
    }""", encoded)
    with page.expect_navigation():
        page.dispatch_event("[data-dropzone]", "drop", {"dataTransfer": transfer})
    page.wait_for_selector("#import-summary")
    assert "Sở Giáo dục Thử" in page.inner_text("#import-target")
    assert _saved_names(world, unit) == []


def test_without_javascript_the_button_sends_the_file(live_server, browser, tmp_path):
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        world, unit, data = _signed_in_clerk(page, live_server.url)
        path = tmp_path / "bieu.docx"
        path.write_bytes(data)
        page.set_input_files("#id_home_file", str(path))
        with page.expect_navigation():
            page.click("#home-import-form button[type=submit]")
        page.wait_for_selector("#import-summary")
        with page.expect_navigation():
            page.click("#import-confirm button[type=submit]")
        assert _saved_names(world, unit) == sorted(e["name"] for e in ENTRIES)
    finally:
        context.close()


def test_refusal_is_announced_and_the_zone_fits_a_phone(live_server, browser, tmp_path):
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        world = build_world()
        login(page, live_server.url, world.users["officer_b"].username, PASSWORD)
        page.wait_for_selector("#home-import")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        # Keyboard: the file field is reached with Tab and is the labelled control.
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "id_home_file":
                break
        assert page.evaluate("document.activeElement.id") == "id_home_file"
        path = tmp_path / "bieu.docx"
        path.write_bytes(exported_form(world, "docx")[2])  # Sở Giáo dục Thử's form
        with page.expect_navigation():
            page.set_input_files("#id_home_file", str(path))
        alert = page.inner_text("#home-import-error[role=alert]")
        assert "Sở Giáo dục Thử" in alert and "Xã Thử Nghiệm" in alert
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(page, "home-import-04-refused-360")
    finally:
        context.close()


def test_drop_zone_refusal_and_preview_pass_axe(live_server, browser, tmp_path):
    from tests.browser.a11y import axe_context, severe_violations, tab_to

    context = axe_context(browser, 360, 740)
    page = context.new_page()
    try:
        _world, _unit, data = _signed_in_clerk(page, live_server.url)
        assert severe_violations(page) == [], "home"
        tab_to(page, "#id_home_file")
        path = tmp_path / "bieu.docx"
        path.write_bytes(b"not a form")
        with page.expect_navigation():
            page.set_input_files("#id_home_file", str(path))
        assert "Tệp" in page.inner_text("#home-import-error")
        assert severe_violations(page) == [], "refusal"
        path.write_bytes(data)
        with page.expect_navigation():
            page.set_input_files("#id_home_file", str(path))
        page.wait_for_selector("#import-summary")
        assert severe_violations(page) == [], "preview"
    finally:
        context.close()
