"""A privileged user without a second factor signs in, is taken to enrolment, reads the key from
the page, computes the code with pyotp, sees ten recovery codes, and signs in again with a code
from the app and then with a recovery code."""

import re
import time

import pyotp
import pytest

from accounts.models import Role
from tests.browser.a11y import axe_context, severe_violations
from tests.browser.conftest import screenshot
from tests.factories import MembershipFactory
from tests.world import build_world

PASSWORD = "mat-khau-thu-nghiem-2026"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password(page, base, username):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")


def _sign_out(page):
    page.click("details.user-menu summary")  # the user menu in the header
    page.locator(".user-menu form[action='/tai-khoan/dang-xuat/'] button").click()
    page.wait_for_load_state("load")
    assert "/tai-khoan/dang-nhap/" in page.url


def _fresh_code(secret: str, used: set[str]) -> str:
    """The app's current code, not one already accepted (a code counts once)."""
    while (code := pyotp.TOTP(secret).now()) in used:
        time.sleep(1)
    used.add(code)
    return code


def test_standing_office_enrols_and_signs_in_with_a_code_and_a_recovery_code(live_server, browser):
    context = axe_context(browser)
    page = context.new_page()
    world = build_world()
    user = MembershipFactory(unit=world.unit_a, role=Role.STANDING_OFFICE).user
    base = live_server.url
    _password(page, base, user.username)
    assert "/tai-khoan/bao-mat/dang-ky/" in page.url
    assert "Vai trò của bạn bắt buộc xác thực hai lớp" in page.inner_text("main")
    page.goto(f"{base}/dang-ky/dot/{world.campaign.code}/tong-hop/")  # nothing else opens
    assert "/tai-khoan/bao-mat/dang-ky/" in page.url
    page.click("button[name=action][value=start]")
    page.wait_for_load_state("load")
    assert page.locator(".qr svg").count() == 1
    assert not severe_violations(page)
    screenshot(page, "second-factor-enrol")
    secret = page.inner_text("#totp-secret").replace(" ", "")
    used: set[str] = set()
    page.fill("#id_code", _fresh_code(secret, used))
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state("load")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", c) for c in codes)
    screenshot(page, "second-factor-recovery-codes")
    page.click("text=Tiếp tục")
    page.wait_for_load_state("load")
    assert "Tổng hợp đăng ký" in page.inner_text("main")
    _sign_out(page)

    _password(page, base, user.username)
    assert "/tai-khoan/xac-thuc-hai-lop/" in page.url
    assert not severe_violations(page)
    page.fill("#id_code", _fresh_code(secret, used))
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state("load")
    assert "Tổng hợp đăng ký" in page.inner_text("main")
    _sign_out(page)

    _password(page, base, user.username)
    page.fill("#id_code", codes[0])
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state("load")
    assert "Tổng hợp đăng ký" in page.inner_text("main")
    page.goto(f"{base}/tai-khoan/bao-mat/")
    assert "Còn 9 mã khôi phục" in page.inner_text("main")
    _sign_out(page)

    _password(page, base, user.username)  # the same recovery code again: refused
    page.fill("#id_code", codes[0])
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state("load")
    assert "/tai-khoan/xac-thuc-hai-lop/" in page.url
    assert "Mã xác thực không đúng" in page.inner_text("main")
    context.close()
