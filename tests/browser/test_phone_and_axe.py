"""Every main page, as the role that uses it: axe finds no serious or critical violation at
1366 px; at 360 px (a phone) nothing scrolls sideways and the columns a decision needs are on
screen — the standing office's dashboard is a list of compact cards, not a 19,226 px table."""

import pytest

from tests.browser.a11y import axe_context, no_horizontal_scroll, severe_violations
from tests.browser.conftest import login, screenshot
from tests.factories import ExemplarFactory, RegistrationFactory, unit_in_province
from tests.world import build_world

PASSWORD = "mat-khau-thu-nghiem-2026"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages(world) -> list[tuple[str, str, str]]:
    """(name, role, path) for every main page."""
    code, reg, item = world.campaign.code, world.registration_a.pk, world.exemplar_a.pk
    return [
        ("login", "anonymous", "/tai-khoan/dang-nhap/"),
        ("home-officer", "officer_a", "/"),
        ("home-head", "head_a", "/"),
        ("home-standing", "standing", "/"),
        ("home-council", "council", "/"),
        ("home-admin", "admin", "/"),
        ("registration", "officer_a", f"/dang-ky/bieu/{reg}/"),
        ("confirm-send", "officer_a", f"/dang-ky/bieu/{reg}/xac-nhan/send_for_approval/"),
        ("registration-head", "head_a", f"/dang-ky/bieu/{reg}/"),
        ("overview", "standing", f"/dang-ky/dot/{code}/tong-hop/"),
        ("compiled-list", "standing", f"/dang-ky/dot/{code}/danh-sach/"),
        ("exemplar", "standing", f"/dang-ky/dien-hinh/{item}/"),
        ("evaluation", "standing", f"/danh-gia/dot/{code}/"),
        ("exemplar-evaluation", "standing", f"/danh-gia/dien-hinh/{item}/"),
        ("search", "standing", "/tim-kiem/?q=Mai"),
        ("unit", "standing", f"/don-vi/{world.unit_a.pk}/"),
        ("password", "officer_a", "/tai-khoan/mat-khau/"),
    ]


def _new_pages(world) -> list[tuple[str, str, str]]:
    """The #12 and #13 pages, with the objects they show: a fostering plan, an inspection, a
    proposal, a council meeting with an open vote, an issued decision, award histories."""
    import datetime

    from awards.models import AwardSubject
    from awards.services import load_catalogue
    from council.models import AgendaItem
    from council.services import open_vote
    from decisions.services import issue_decision
    from fostering.services import create_plan
    from inspections.services import create_inspection
    from tests.council.helpers import build_council, held_meeting
    from tests.decisions.helpers import draft
    from tests.proposals.helpers import submitted

    users = world.users
    load_catalogue(acting_user=users["admin"])
    plan = create_plan(campaign=world.campaign, unit=world.unit_a, acting_user=users["officer_a"])
    inspection = create_inspection(
        data={"title": "Kiểm tra công tác xây dựng điển hình năm 2026", "scope": "Bồi dưỡng.",
              "start_on": datetime.date(2026, 11, 25), "campaign": world.campaign},
        units=[world.unit_a], acting_user=users["standing"])
    proposal, _item = submitted(world)
    council = build_council(world)
    meeting = held_meeting(council)
    users["chair"] = council.voters["chair"]
    users["member_a"] = council.voters["member_a"]
    item = AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
    open_vote(item=item, acting_user=users["standing"])
    decision = issue_decision(decision=draft(world, with_a=False), issued_on=datetime.date.today(),
                              acting_user=users["standing"])
    subject = AwardSubject.objects.order_by("pk").first()
    code = world.campaign.code
    return [
        ("fostering-plan", "officer_a", f"/boi-duong/ke-hoach/{plan.pk}/"),
        ("progress-list", "standing", f"/tien-do/?campaign={code}"),
        ("urging", "standing", f"/don-doc/?campaign={code}"),
        ("inspection-list", "standing", "/kiem-tra/"),
        ("inspection", "standing", f"/kiem-tra/{inspection.pk}/"),
        ("proposal-list", "officer_a", "/de-nghi/"),
        ("proposal", "head_a", f"/de-nghi/{proposal.pk}/"),
        ("screening", "standing", f"/de-nghi/{proposal.pk}/tham-dinh/"),
        ("meeting-list", "standing", "/hoi-dong/"),
        ("meeting", "standing", f"/hoi-dong/phien-hop/{meeting.pk}/"),
        ("ballot", "chair", f"/hoi-dong/noi-dung/{item.pk}/"),
        ("ballot-excluded", "member_a", f"/hoi-dong/noi-dung/{item.pk}/"),
        ("my-ballots", "chair", "/hoi-dong/bo-phieu/"),
        ("decision-list", "standing", "/quyet-dinh/"),
        ("decision", "standing", f"/quyet-dinh/{decision.pk}/"),
        ("award-subjects", "standing", "/ho-so-thanh-tich/"),
        ("award-subject", "standing", f"/ho-so-thanh-tich/{subject.pk}/"),
        ("catalogue", "officer_a", "/danh-muc-khen-thuong/"),
    ]


def _visit(browser, base, world, role, path, width):
    context = axe_context(browser, width=width, height=740 if width < 600 else 900)
    page = context.new_page()
    if role != "anonymous":
        login(page, base, world.users[role].username, PASSWORD)
        page.wait_for_load_state("load")
    response = page.goto(f"{base}{path}")
    page.wait_for_load_state("load")
    page.status = response.status if response else None
    return context, page


def test_every_main_page_passes_axe_and_fits_a_phone(live_server, browser):
    world = build_world()
    assert _axe_and_phone(browser, live_server.url, world, _pages(world) + _new_pages(world)) == {}


def _axe_and_phone(browser, base, world, pages) -> dict:
    """Each page at 1366 and 360 px: it answers with one h1, nothing scrolls sideways on the
    phone; returns axe's serious or critical findings by page and width."""
    problems = {}
    for name, role, path in pages:
        for width in (1366, 360):
            context, page = _visit(browser, base, world, role, path, width)
            assert page.status == 200 and page.locator("main h1").count() == 1, \
                (name, page.url, page.status)
            found = severe_violations(page)
            if found:
                problems[f"{name}@{width}"] = found
            if width == 360:
                scroll = page.evaluate("document.documentElement.scrollWidth")
                assert scroll <= 360, (name, scroll)
                screenshot(page, f"phone-{name}-360px")
            context.close()
    return problems


def _box(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def _on_screen(page, selector, width=360):
    box = _box(page, selector)
    return page.locator(selector).first.is_visible() and box["x"] >= 0 and \
        box["x"] + box["width"] <= width


def test_the_dashboard_on_a_phone_is_compact_cards(live_server, browser):
    """Replay: 40 units at 360 px made the table 19,226 px tall, one word per line, the quota
    column off-screen. Now each unit is a card: its name on at most two lines, status and quota
    visible, the whole page a few hundred pixels per unit at most."""
    world = build_world()
    for n in range(40):
        unit = unit_in_province(f"Ban Quản lý dự án đầu tư xây dựng công trình số {n:02d}")
        reg = RegistrationFactory(campaign=world.campaign, unit=unit)
        ExemplarFactory(registration=reg, name=f"Nguyễn Văn {n:02d}", field_key="e")
    context, page = _visit(browser, live_server.url, world, "standing",
                           f"/dang-ky/dot/{world.campaign.code}/tong-hop/", 360)
    assert no_horizontal_scroll(page, 360)
    rows = page.locator("#overview-table tbody tr")
    rows.nth(5).screenshot(path=str(screenshot(page, "phone-overview-43-units-360px").parent
                                    / "phone-overview-card-360px.png"))
    assert rows.count() >= 43
    heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
    # at most ~250 px: name, counts, state and quota, and one short line per column the apps
    # above add (plan, progress; reminders and follow-ups when there are any)
    assert max(heights) <= 250, max(heights)
    name = page.locator("#overview-table tbody tr", has_text="công trình số 07").locator(
        "td.card-title a").first
    line = float(page.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)",
                               name.element_handle()))
    assert name.bounding_box()["height"] <= 2.2 * line  # not one word per line
    assert name.bounding_box()["width"] >= 200
    first = "#overview-table tbody tr:first-child"
    assert _on_screen(page, f"{first} td.card-title a")
    assert _on_screen(page, f"{first} td.card-quota")
    assert _on_screen(page, f"{first} td[data-label='Trạng thái'] .badge")
    assert "Chỉ tiêu" in page.evaluate(
        "el => getComputedStyle(el, '::before').content", page.locator(f"{first} td.card-quota")
        .element_handle())
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 3000 + 250 * rows.count(), height
    # the replayed defect: the table itself was 19,226 px tall (the page now also holds the
    # campaign's charts below it)
    assert _box(page, "#overview-table")["height"] < 19226 * 0.6
    context.close()


def test_a_head_on_a_phone_sees_address_and_solutions(live_server, browser):
    world = build_world()
    item = world.exemplar_a
    item.address = "Phường Tân Phong, thành phố Lai Châu"
    item.solutions = "Triển khai khám bệnh từ xa cho các trạm y tế xã vùng cao."
    item.save()
    context, page = _visit(browser, live_server.url, world, "head_a",
                           f"/dang-ky/bieu/{world.registration_a.pk}/", 360)
    assert no_horizontal_scroll(page, 360)
    card = page.locator("table.entries tbody tr", has_text="Đặng Thị Mai")
    where = card.locator("td.entry-where")
    solutions = card.locator("td.entry-solutions")
    assert where.is_visible() and "Phường Tân Phong" in where.inner_text()
    assert solutions.is_visible() and "khám bệnh từ xa" in solutions.inner_text()
    for cell in (where, solutions):
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    screenshot(page, "phone-registration-head-360px")
    context.close()


@pytest.mark.parametrize("path, key", [
    ("/dang-ky/dot/{code}/danh-sach/", "Đơn vị đăng ký"),
    ("/danh-gia/dot/{code}/", "Kết quả"),
])
def test_lists_on_a_phone_keep_their_key_columns(live_server, browser, path, key):
    from registry import services

    world = build_world()
    reg = world.registration_a
    services.transition_registration(registration=reg, transition="send_for_approval",
                                     acting_user=world.users["officer_a"])
    services.transition_registration(registration=reg, transition="approve", reason="Đơn vị nhỏ",
                                     acting_user=world.users["head_a"])
    context, page = _visit(browser, live_server.url, world, "standing",
                           path.format(code=world.campaign.code), 360)
    assert no_horizontal_scroll(page, 360)
    first = "table.cards tbody tr:first-child"
    assert _on_screen(page, f"{first} td.card-title a")
    assert _on_screen(page, f"{first} td[data-label='{key}']")
    context.close()


def test_the_review_and_spread_pages_pass_axe_and_fit_a_phone(live_server, browser):
    """The #14 and #15 pages: the spread, propagation, public and discovery pages, the review
    periods, a review with its charts and both groupings, a drill-down, the period form."""
    from tests.reviews.helpers import period_of

    world = build_world()
    code = period_of(world).code
    pages = [
        ("spread", "standing", "/nhan-rong/"),
        ("introductions", "standing", "/tuyen-truyen/"),
        ("public-home", "anonymous", "/cong-khai/"),
        ("suggestion-form", "anonymous", "/gioi-thieu/"),
        ("suggestions", "standing", "/phat-hien/"),
        ("review-periods", "standing", "/tong-ket/"),
        ("review", "standing", f"/tong-ket/{code}/"),
        ("review-former", "council", f"/tong-ket/{code}/?group_by=former"),
        ("review-drill", "standing", f"/tong-ket/{code}/so-lieu/exemplars/?group_by=current"),
        ("review-form", "standing", "/tong-ket/them/"),
    ]
    assert _axe_and_phone(browser, live_server.url, world, pages) == {}
