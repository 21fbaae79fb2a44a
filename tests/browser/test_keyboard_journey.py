"""Clerk → head → standing office with the keyboard only (Tab, Enter, Space; no clicks), on a
PC (1366 px) and a phone (360 px): the clerk adds an entry and sends it for approval through
the confirmation, the head approves through the confirmation, the standing office receives.
axe finds no serious or critical violation on any page along the way."""

import pytest

from registry.enums import RegistrationState
from registry.models import Exemplar, Registration
from tests.browser.a11y import axe_context, no_horizontal_scroll, severe_violations, tab_to
from tests.browser.conftest import screenshot
from tests.world import build_world

PASSWORD = "mat-khau-thu-nghiem-2026"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _current_code(username: str) -> str:
    from accounts import mfa
    from accounts.models import User
    from tests.mfa import code_for

    return code_for(mfa.totp_device(User.objects.get(username=username)))


class Walk:
    """One user's browser, checked on every page it reaches."""

    def __init__(self, browser, base, width, name):
        self.context = axe_context(browser, width=width, height=740 if width < 600 else 900)
        self.page = self.context.new_page()
        self.base, self.width, self.name, self.problems, self.step = base, width, name, {}, 0

    def check(self, label):
        self.page.wait_for_load_state("load")
        found = severe_violations(self.page)
        if found:
            self.problems[label] = found
        assert no_horizontal_scroll(self.page, self.width), label
        self.step += 1
        screenshot(self.page, f"keys-{self.width}-{self.name}-{self.step:02d}-{label}")

    def press(self, key):
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def log_in(self, username):
        self.page.goto(f"{self.base}/tai-khoan/dang-nhap/")
        self.check("login")
        tab_to(self.page, "#id_username")
        self.page.keyboard.type(username)
        self.page.keyboard.press("Tab")
        self.page.keyboard.type(PASSWORD)
        self.press("Enter")
        if "/tai-khoan/xac-thuc-hai-lop/" in self.page.url:  # a second factor: the code field
            self.check("second-factor")                     # has the focus
            self.page.keyboard.type(_current_code(username))
            self.press("Enter")
        self.check("home")

    def close(self):
        self.context.close()


@pytest.mark.parametrize("width", [1366, 360])
def test_clerk_head_standing_office_with_the_keyboard_only(live_server, browser, width):
    world = build_world()
    registration = world.registration_a
    detail = f"/dang-ky/bieu/{registration.pk}/"
    problems = {}

    # The clerk: home → the registration → add an individual → send, confirmed.
    clerk = Walk(browser, live_server.url, width, "clerk")
    clerk.log_in(world.users["officer_a"].username)
    page = clerk.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")  # skip the menu
    tab_to(page, f"a[href='{detail}']", text="Mở biểu đăng ký")
    clerk.press("Enter")
    clerk.check("registration")
    tab_to(page, f"a[href='{detail}them/individual/']")
    clerk.press("Enter")
    clerk.check("add-form")
    tab_to(page, "#id_name")
    page.keyboard.type("Hoàng Văn Phúc")
    tab_to(page, "#id_field_key")
    for _ in range(30):
        if page.evaluate("document.activeElement.value") == "k":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "k"
    tab_to(page, "#id_solutions")
    page.keyboard.type("Số hóa hồ sơ một cửa.")
    tab_to(page, "button[type=submit]", text="Lưu")
    clerk.press("Enter")
    page.wait_for_selector("text=Hoàng Văn Phúc")
    clerk.check("added")
    assert Exemplar.objects.filter(registration=registration, name="Hoàng Văn Phúc").exists()
    tab_to(page, "a.button", text="Trình thủ trưởng duyệt")
    clerk.press("Enter")
    clerk.check("confirm-send")
    summary = page.inner_text("#confirm-summary")
    assert "Hoàng Văn Phúc" in page.inner_text("main") and "Chỉ tiêu tối thiểu" in summary
    assert page.inner_text("#confirm-total") == "3"
    assert Registration.objects.get(pk=registration.pk).state == RegistrationState.DRAFT
    tab_to(page, "#confirm-form button[type=submit]")
    clerk.press("Space")
    clerk.check("sent")
    assert Registration.objects.get(pk=registration.pk).state == \
        RegistrationState.AWAITING_APPROVAL
    problems |= {f"clerk:{k}": v for k, v in clerk.problems.items()}
    clerk.close()

    # The head: the registration → approve, confirmed (with a reason when below quota).
    head = Walk(browser, live_server.url, width, "head")
    head.log_in(world.users["head_a"].username)
    page = head.page
    page.goto(f"{live_server.url}{detail}")
    head.check("registration")
    levels = page.evaluate("[...document.querySelectorAll('main h2, main h3')].map(h => h.id)")
    assert "transitions-h" in levels
    order = page.evaluate("""() => { const up = document.querySelector('#signed-forms');
        const send = document.querySelector('#transitions');
        return up.compareDocumentPosition(send) & Node.DOCUMENT_POSITION_FOLLOWING; }""")
    assert order, "the signed-form upload comes before the send button"
    tab_to(page, "a.button", text="Duyệt và gửi Sở Nội vụ")
    head.press("Enter")
    head.check("confirm-approve")
    assert "Chưa đính kèm biểu đăng ký đã ký." in page.inner_text("#confirm-signed")
    if page.locator("#reason-approve").count():
        assert "Lý do duyệt khi chưa đủ chỉ tiêu" in page.inner_text("label[for=reason-approve]")
        tab_to(page, "#reason-approve")
        page.keyboard.type("Đơn vị nhỏ, năm nay chỉ đăng ký số điển hình hiện có.")
    tab_to(page, "#confirm-form button[type=submit]")
    head.press("Enter")
    head.check("approved")
    assert Registration.objects.get(pk=registration.pk).state == RegistrationState.SUBMITTED
    problems |= {f"head:{k}": v for k, v in head.problems.items()}
    head.close()

    # The standing office: overview → the unit's name → its registration → receive.
    office = Walk(browser, live_server.url, width, "office")
    office.log_in(world.users["standing"].username)
    page = office.page
    page.goto(f"{live_server.url}/dang-ky/dot/{world.campaign.code}/tong-hop/")
    office.check("overview")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    tab_to(page, f"td.card-title a[href='{detail}']")
    office.press("Enter")
    office.check("registration")
    tab_to(page, "button[type=submit]", text="Tiếp nhận")
    office.press("Enter")
    office.check("received")
    stored = Registration.objects.get(pk=registration.pk)
    assert stored.state == RegistrationState.RECEIVED
    problems |= {f"office:{k}": v for k, v in office.problems.items()}
    office.close()
    assert problems == {}
