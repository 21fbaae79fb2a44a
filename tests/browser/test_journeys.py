import pytest

from tests.browser.conftest import login, screenshot
from tests.world import build_world

PASSWORD = "mat-khau-thu-nghiem-2026"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_officer_logs_in_and_sees_their_registration(live_server, page):
    world = build_world()
    login(page, live_server.url, world.users["officer_a"].username, PASSWORD)
    page.wait_for_selector("text=Đăng ký điển hình của đơn vị")
    body = page.inner_text("main")  # not the header, which shows the user's own name
    assert "Sở Y tế Thử" in body
    assert "Đặng Thị Mai" in body
    assert "Lò Văn Thắng" not in body
    assert screenshot(page, "officer-home").stat().st_size > 0
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_standing_office_logs_in_and_sees_all_units(live_server, page):
    world = build_world()
    login(page, live_server.url, world.users["standing"].username, PASSWORD)
    page.wait_for_selector("text=Tổng hợp đăng ký")
    body = page.inner_text("main")  # not the header, which shows the user's own name
    assert "Sở Y tế Thử" in body and "Xã Thử Nghiệm" in body
    assert screenshot(page, "standing-office-overview").stat().st_size > 0
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_officer_page_works_on_a_phone(live_server, browser):
    world = build_world()
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    login(page, live_server.url, world.users["officer_a"].username, PASSWORD)
    page.wait_for_selector("text=Đăng ký điển hình của đơn vị")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    page.click(".menu-toggle")
    assert page.is_visible("#mainnav a[href='/don-vi/']")
    screenshot(page, "officer-home-360px")
    context.close()


def test_exemplar_lifecycle_on_a_phone_with_the_keyboard_only(live_server, browser):
    """The standing office fosters an entry, then the unit withdraws another, at 360 px, keys only."""
    from registry.enums import ExemplarState
    from registry.models import Exemplar

    world = build_world()
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(page, live_server.url, world.users["standing"].username, PASSWORD)
    page.goto(f"{live_server.url}/dang-ky/dien-hinh/{world.exemplar_a.pk}/")
    button = page.get_by_role("button", name="Đưa vào bồi dưỡng, giúp đỡ")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Đã thực hiện: Đưa vào bồi dưỡng, giúp đỡ.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Exemplar.objects.get(pk=world.exemplar_a.pk).state == ExemplarState.FOSTERING
    screenshot(page, "exemplar-lifecycle-360px")

    page.context.clear_cookies()
    login(page, live_server.url, world.users["officer_a"].username, PASSWORD)
    page.goto(f"{live_server.url}/dang-ky/dien-hinh/{world.exemplar_a.pk}/")
    assert page.get_by_role("button", name="Đưa vào bồi dưỡng, giúp đỡ").count() == 0
    page.get_by_label("Lý do").focus()
    page.keyboard.type("Cá nhân đã nghỉ hưu")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Đã thực hiện: Rút khỏi danh sách điển hình.")
    stored = Exemplar.objects.get(pk=world.exemplar_a.pk)
    assert (stored.state, stored.state_reason) == (ExemplarState.WITHDRAWN, "Cá nhân đã nghỉ hưu")
    assert not [e for e in errors if "Content Security Policy" in e]
    context.close()
