"""#13 as its users do it, in a real browser: a unit proposes two exemplars (a person and a
collective) for "Công nhận điển hình tiên tiến" with the generated achievement report; its head
approves; the standing office screens both onto a council meeting; the members vote on their own
ballot pages (one excluded by conflict, one abstains); the secretary closes the votes; the
standing office drafts and issues the decision 1/QĐ-UBND, whose DOCX and PDF open; the
exemplars are recognised, the award-history pages show the award, and G5 of a later campaign
reads it."""

import datetime
import re
import shutil
import subprocess

import pytest

from awards.models import AwardRecord
from council import services as council
from council.models import AgendaItem, Ballot, Meeting, MemberRole
from decisions.models import Decision
from proposals.models import Proposal, ProposalItem, ProposalState
from registry.enums import ExemplarState
from registry.models import Exemplar
from tests.browser.conftest import login, screenshot
from tests.factories import CampaignFactory, ExemplarFactory, RegistrationFactory, UserFactory
from tests.mfa import give_device
from tests.world import build_world

PASSWORD = "mat-khau-thu-nghiem-2026"
START = datetime.date(2026, 1, 1)
FORM_NAME = "Công nhận điển hình tiên tiến"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(browser, base_url, user):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    login(page, base_url, user.username, PASSWORD)
    return context, page


def _click(page, selector):
    with page.expect_navigation():
        page.click(selector)


def _submit(form):
    with form.page.expect_navigation():
        form.locator("button[type=submit]").click()


def _setup(w):
    """Reference data and the council's six seats: the standing office user is the secretary;
    one member works in unit A (the proposing unit), so is excluded from its items."""
    from awards.services import load_catalogue
    from decisions.reference.load import load_authorities

    standing, admin = w.users["standing"], w.users["admin"]
    load_catalogue(acting_user=admin)
    council.load_vote_rules()
    load_authorities()
    voters = {key: UserFactory() for key in ("chair", "member_a", "member_x", "member_y")}
    for user in voters.values():
        give_device(user)
    voters["secretary"], voters["council"] = standing, w.users["council"]
    seats = {
        "chair": ("Giàng A Chủ", MemberRole.CHAIR, None),
        "secretary": ("Lê Thị Thư Ký", MemberRole.SECRETARY, None),
        "council": ("Vàng Văn Ủy", MemberRole.MEMBER, None),
        "member_a": ("Tòng Thị Y", MemberRole.MEMBER, w.unit_a),
        "member_x": ("Hà Văn Mười", MemberRole.MEMBER, None),
        "member_y": ("Lò Thị Sáu", MemberRole.MEMBER, None),
    }
    seats = {key: council.add_member(full_name=name, role=role, valid_from=START, unit=unit,
                                     user=voters[key], acting_user=standing)
             for key, (name, role, unit) in seats.items()}
    collective = Exemplar.objects.get(registration=w.registration_a, name="Khoa Nội")
    Exemplar.objects.filter(pk__in=[w.exemplar_a.pk, collective.pk]).update(
        state=ExemplarState.FOSTERING)
    return voters, seats, collective


def _make_eligible(proposal):
    """The criteria engine's verdict, frozen when each item was added, as if the evidence had
    been complete ("Đủ tiêu chuẩn") — how tests/proposals makes an eligible exemplar."""
    for item in ProposalItem.objects.filter(proposal=proposal):
        ProposalItem.objects.filter(pk=item.pk).update(
            verdict={**item.verdict, "status": "eligible", "status_label": "Đủ tiêu chuẩn",
                     "eligible": True})


def _docx_text(path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return re.sub(r"\s+", " ", "\n".join(parts))


def _pdf_text(path) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, timeout=60).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", raw)


def test_proposal_council_decision_history_and_g5(browser, live_server, tmp_path):
    w = build_world()
    base = live_server.url
    officer, head, standing = w.users["officer_a"], w.users["head_a"], w.users["standing"]
    voters, seats, collective = _setup(w)
    person = w.exemplar_a

    # 1. the unit officer makes the proposal and adds two exemplars, choosing the form
    context, page = _as(browser, base, officer)
    page.goto(f"{base}/de-nghi/")
    _click(page, "a:has-text('Lập đề nghị mới')")
    page.select_option("#id_campaign", str(w.campaign.pk))
    page.select_option("#id_unit", str(w.unit_a.pk))
    page.fill("#id_letter_number", "15/TTr-SYT")
    page.fill("#id_summary", "Đề nghị công nhận điển hình tiên tiến năm 2026.")
    _click(page, "button:has-text('Lập đề nghị')")
    proposal = Proposal.objects.get(campaign=w.campaign, unit=w.unit_a)
    assert f"/de-nghi/{proposal.pk}/" in page.url
    for exemplar, text in ((person, "Ứng dụng khám bệnh từ xa cho 12 trạm y tế xã."),
                           (collective, "Khoa dẫn đầu toàn tỉnh về sáng kiến cải tiến.")):
        _click(page, "a:has-text('Thêm điển hình')")
        page.select_option("#id_exemplar", str(exemplar.pk))
        page.select_option("#id_award", label=FORM_NAME)
        page.fill("#id_year", "2026")
        page.fill("#id_achievement", text)
        _click(page, "form.card button:has-text('Lưu')")
        assert f"/de-nghi/{proposal.pk}/" in page.url
        assert exemplar.name in page.inner_text("#items")
    items = list(ProposalItem.objects.filter(proposal=proposal).order_by("position"))
    assert [i.exemplar_id for i in items] == [person.pk, collective.pk]
    assert all(i.form.name == FORM_NAME for i in items)
    _make_eligible(proposal)

    # ... downloads the achievement report generated from the data, and attaches it
    for item in items:
        page.goto(f"{base}/de-nghi/{proposal.pk}/")
        card = page.locator(f"#item-{item.pk}")
        with page.expect_download() as info:
            card.locator("a:has-text('Tải mẫu báo cáo')").click()
        report = tmp_path / f"bao-cao-{item.pk}.docx"
        info.value.save_as(report)
        assert item.exemplar.name in _docx_text(report)
        card.locator("input[type=file][name=report]").set_input_files(str(report))
        _submit(card.locator("form[action$='/bao-cao/']"))
    assert all(i.has_report for i in ProposalItem.objects.filter(proposal=proposal))
    _click(page, "button:has-text('Trình thủ trưởng duyệt')")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AWAITING_APPROVAL
    context.close()

    # 2. the head approves: both exemplars are proposed
    context, page = _as(browser, base, head)
    page.goto(f"{base}/de-nghi/{proposal.pk}/")
    _click(page, "button:has-text('Duyệt và gửi Sở Nội vụ')")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert set(Exemplar.objects.filter(pk__in=[person.pk, collective.pk]).values_list(
        "state", flat=True)) == {ExemplarState.PROPOSED}
    context.close()

    # 3. the standing office screens both items, finishes screening, creates the meeting
    context, page = _as(browser, base, standing)
    page.goto(f"{base}/de-nghi/{proposal.pk}/")
    _click(page, "a:has-text('Thẩm định')")
    for item in items:
        card = page.locator(f"#item-{item.pk}")
        card.locator("input[name=result][value=accepted]").check()
        _submit(card.locator("form"))
    _click(page, "button:has-text('Hoàn thành thẩm định')")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SCREENED
    screenshot(page, "commendation-screened")

    page.goto(f"{base}/hoi-dong/")
    page.fill("#id_title", "Phiên họp xét công nhận điển hình tiên tiến năm 2026")
    page.fill("#id_held_on", datetime.date.today().isoformat())
    page.fill("#id_place", "Phòng họp số 1, UBND tỉnh")
    page.select_option("#id_chair", label="Giàng A Chủ")
    page.select_option("#id_secretary", label="Lê Thị Thư Ký")
    _click(page, "button:has-text('Tạo')")
    meeting = Meeting.objects.get()
    assert f"/hoi-dong/phien-hop/{meeting.pk}/" in page.url
    page.locator("details:has-text('Chương trình phiên họp') summary").click()
    for item in items:
        page.locator(f"input[name=items][value='{item.pk}']").check()
    _click(page, "button:has-text('Lưu chương trình')")
    for seat in seats.values():
        page.locator(f"input[name=present][value='{seat.pk}']").check()
    _click(page, "button:has-text('Lưu điểm danh')")
    agenda = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    assert [a.proposal_item_id for a in agenda] == [i.pk for i in items]
    assert page.inner_text("#present-count").strip() == "6/6"
    # the secretary opens the votes
    for entry in agenda:
        page.goto(f"{base}/hoi-dong/noi-dung/{entry.pk}/")
        _click(page, "button:has-text('Mở bỏ phiếu')")
    context.close()

    # 4. the members vote on their own ballot pages
    choices = {"chair": "approve", "secretary": "approve", "council": "approve",
               "member_x": "abstain", "member_y": "approve"}
    for key, choice in choices.items():
        context, page = _as(browser, base, voters[key])
        for entry, exemplar in zip(agenda, (person, collective), strict=True):
            page.goto(f"{base}/hoi-dong/bo-phieu/")  # "Bỏ phiếu của tôi": what waits for me
            with page.expect_navigation():
                page.click(f"#open-items a:has-text('{exemplar.name}')")
            assert f"/hoi-dong/noi-dung/{entry.pk}/" in page.url
            assert "Đang bỏ phiếu" in page.inner_text("main")  # no count before closing
            page.locator(f"input[name=choice][value={choice}]").check()
            _click(page, "button:has-text('Gửi phiếu')")
            assert page.locator("#voted").count() == 1
        context.close()
    # the member from the proposing unit: excluded with the reason, no ballot
    context, page = _as(browser, base, voters["member_a"])
    page.goto(f"{base}/hoi-dong/bo-phieu/")
    assert person.name not in page.inner_text("#open-items")
    page.goto(f"{base}/hoi-dong/noi-dung/{agenda[0].pk}/")
    main = page.inner_text("main")
    assert page.locator("#own-excluded").count() == 1
    exclusions = page.inner_text(".exclusions")
    assert "Tòng Thị Y" in exclusions and w.unit_a.name in exclusions, exclusions
    assert page.locator("input[name=choice]").count() == 0
    assert "Gửi phiếu" not in main
    screenshot(page, "commendation-excluded-member")
    context.close()
    assert Ballot.objects.filter(item__meeting=meeting).count() == 10

    # 5. the secretary closes the votes: results hidden before, shown after
    context, page = _as(browser, base, standing)
    page.goto(f"{base}/hoi-dong/phien-hop/{meeting.pk}/")
    assert page.locator(".result").count() == 0
    for entry in agenda:
        page.goto(f"{base}/hoi-dong/noi-dung/{entry.pk}/")
        assert page.locator(f"#result-{entry.pk}").count() == 0
        _click(page, "button:has-text('Kết thúc bỏ phiếu')")
        result = page.inner_text(f"#result-{entry.pk}")
        assert "Thông qua" in result or "thông qua" in result, result
        facts = dict(zip(page.locator(f"#result-{entry.pk} dt").all_inner_texts(),
                         page.locator(f"#result-{entry.pk} dd").all_inner_texts(), strict=True))
        assert (facts["Đồng ý"], facts["Không biểu quyết"], facts["Không đồng ý"]) == \
            ("4", "1", "0")
    assert set(AgendaItem.objects.filter(meeting=meeting).values_list("status", flat=True)) \
        == {"passed"}
    screenshot(page, "commendation-vote-closed")
    excluded_context, excluded = _as(browser, base, voters["member_a"])
    excluded.goto(f"{base}/hoi-dong/noi-dung/{agenda[0].pk}/")
    assert excluded.locator(f"#result-{agenda[0].pk}").count() == 0  # sees no counts
    assert "không xem số phiếu" in excluded.inner_text("main")
    excluded_context.close()

    # 6. the standing office drafts the decision from the passed items and issues it
    page.goto(f"{base}/quyet-dinh/")
    _click(page, "a:has-text('Soạn quyết định từ kết quả của Hội đồng')")
    for item in items:
        page.locator(f"#draft-form input[name=items][value='{item.pk}']").check()
    page.fill("#id_signer_name", "Lê Văn Lương")
    _click(page, "button:has-text('Lập dự thảo')")
    decision = Decision.objects.get()
    assert f"/quyet-dinh/{decision.pk}/" in page.url
    page.fill("#id_issued_on", datetime.date.today().isoformat())
    page.check("#id_confirm")
    _click(page, "button:has-text('Ban hành quyết định')")
    decision.refresh_from_db()
    assert decision.number == 1
    assert "1/QĐ-UBND" in page.inner_text("main h1")
    screenshot(page, "commendation-decision-issued")

    # ... the DOCX and the PDF open and carry the number and the names
    with page.expect_download() as info:
        page.click("a:has-text('Tải về (Word)')")
    docx_path = tmp_path / "quyet-dinh.docx"
    info.value.save_as(docx_path)
    with page.expect_download() as info:
        page.click("a:has-text('Tải về (PDF)')")
    pdf_path = tmp_path / "quyet-dinh.pdf"
    info.value.save_as(pdf_path)
    text = _docx_text(docx_path)
    for needle in ("1/QĐ-UBND", "QUYẾT ĐỊNH", person.name, collective.name,
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận"):
        assert needle in text, needle
    assert pdf_path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = _pdf_text(pdf_path)
        for needle in ("1/QĐ-UBND", person.name, collective.name):
            assert needle in text, needle
    if shutil.which("soffice") and shutil.which("pdftotext"):
        from tests.registry_io.test_libreoffice import convert, pdf_text

        outdir = tmp_path / "lo"
        outdir.mkdir()
        (printed,) = convert([docx_path], outdir)
        text = pdf_text(printed)
        for needle in ("1/QĐ-UBND", person.name, collective.name, "QUYẾT ĐỊNH"):
            assert needle in text, needle

    # 7. recognised, in the database and on the exemplar's page with its award-history panel
    assert set(Exemplar.objects.filter(pk__in=[person.pk, collective.pk]).values_list(
        "state", flat=True)) == {ExemplarState.RECOGNISED}
    assert AwardRecord.objects.filter(decision_number="1/QĐ-UBND").count() == 2
    for exemplar in (person, collective):
        page.goto(f"{base}/dang-ky/dien-hinh/{exemplar.pk}/")
        main = page.inner_text("main")
        assert "Được công nhận" in main, exemplar.name
        panel = page.inner_text("#awards-panel")
        assert "Hồ sơ thành tích" in main and "1/QĐ-UBND" in panel and FORM_NAME in panel
        proposals_panel = page.inner_text("#proposals-panel")
        assert FORM_NAME in proposals_panel and "Đã có quyết định" in proposals_panel
        # 8. the person's / the collective's award-history page
        with page.expect_navigation():
            page.click("#awards-panel a:has-text('Xem toàn bộ hồ sơ thành tích')")
        assert "/ho-so-thanh-tich/" in page.url
        assert exemplar.name in page.inner_text("main h1")
        records = page.inner_text("#form-records")
        assert FORM_NAME in records and "1/QĐ-UBND" in records
    screenshot(page, "commendation-award-history")
    context.close()

    # 9. G5 of a later campaign reads it
    from awards.services import subject_for_exemplar
    from evaluation.services import get_or_create_subject

    later = CampaignFactory(code="2533-2027-2031", period_start_year=2027, period_end_year=2031,
                            proposal_year=2031, pack=w.campaign.pack)
    registration = RegistrationFactory(campaign=later, unit=w.unit_a)
    again = ExemplarFactory(registration=registration, name=person.name, field_key="e")
    assert subject_for_exemplar(exemplar=again) == subject_for_exemplar(exemplar=person)
    rated = get_or_create_subject(again)
    rated.rated = False  # not subject to annual rating: G5, not G4
    rated.save(update_fields=["rated"])
    context, page = _as(browser, base, standing)
    page.goto(f"{base}/danh-gia/dien-hinh/{again.pk}/")
    row = page.locator("tr, li, article", has_text="G5").last
    g5 = row.inner_text()
    assert "1/QĐ-UBND" in g5, g5
    assert "Đạt" in g5, g5
    screenshot(page, "commendation-later-g5")
    context.close()
