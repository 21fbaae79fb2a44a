"""#14 as its users do it, in a real browser: a model is adopted by two communes and the spread
shows on its page and on the standing office's chart and commune schematic; two exemplars are
introduced to Báo Lai Châu and Đài PTTH and the media kit's DOCX opens in LibreOffice; one
exemplar is prepared by one standing-office user, approved by a second, and appears on the public
site, in the CSV/JSON and the Atom feed — without its residential address; a citizen's
suggestion is sent through the confirmation step, screened, routed, and seen by the unit."""

import re
import shutil

import pytest

from discovery.models import Suggestion
from orgs.models import UnitType
from propagation.models import Introduction, MediaKit
from propagation.services import load_channels
from publication.models import Publication
from registry.enums import ExemplarState
from registry.models import Exemplar
from replication.models import Adoption
from tests.browser.conftest import login, screenshot
from tests.factories import ExemplarFactory, UnitFactory
from tests.publication.helpers import ADDRESS, PHONE, private_data, recognise, second_standing
from tests.world import build_world

PASSWORD = "mat-khau-thu-nghiem-2026"
MODEL_NAME = "Mô hình trồng chè sạch theo chuỗi giá trị"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(browser, base_url, user=None):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    if user is not None:
        login(page, base_url, user.username, PASSWORD)
    return context, page


def _click(page, selector):
    with page.expect_navigation():
        page.click(selector)


def _docx_text(path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", " ", "\n".join(parts))


def _setup(w):
    load_channels()
    province = w.unit_a.parent
    commune_2 = UnitFactory(name="Xã Nậm Tăm Thử", parent=province, unit_type=UnitType.COMMUNE)
    model = ExemplarFactory(registration=w.registration_a, kind="model", name=MODEL_NAME,
                            field_key="e")
    Exemplar.objects.filter(pk=model.pk).update(state=ExemplarState.RECOGNISED)
    recognise(w.exemplar_a)
    private_data(w.exemplar_a)
    model.refresh_from_db()
    person = Exemplar.objects.get(pk=w.exemplar_a.pk)
    assert person.address == ADDRESS and PHONE in person.notes  # something to leak, or not
    return model, commune_2


def test_spread_propagation_publication_and_discovery(browser, live_server, tmp_path):
    w = build_world()
    base = live_server.url
    standing = w.users["standing"]
    model, commune_2 = _setup(w)
    approver = second_standing(w)
    person = w.exemplar_a

    # 1. the standing office records two communes adopting the model, from its page
    context, page = _as(browser, base, standing)
    for unit, started in ((w.unit_b, "2026-03-01"), (commune_2, "2026-05-15")):
        page.goto(f"{base}/dang-ky/dien-hinh/{model.pk}/")
        _click(page, "#replication-panel a:has-text('Ghi nhận đơn vị áp dụng')")
        page.select_option("#id_unit", label=unit.name)
        page.fill("#id_started_on", started)
        if page.locator("input[name^=scale_]").count():
            page.locator("input[name^=scale_]").first.fill("40")
        _click(page, "#adoption-form button:has-text('Ghi nhận')")
        assert "/nhan-rong/" in page.url, page.url
    assert set(Adoption.objects.filter(exemplar=model).values_list("unit_id", flat=True)) == {
        w.unit_b.pk, commune_2.pk}
    page.goto(f"{base}/dang-ky/dien-hinh/{model.pk}/")
    panel = page.inner_text("#replication-panel")
    assert "Đã nhân rộng tại 2 đơn vị" in panel, panel
    assert w.unit_b.name in panel and commune_2.name in panel
    page.goto(f"{base}/nhan-rong/")
    assert page.locator("#over-time svg rect").count() >= 2
    table = page.inner_text("#spread-table")
    assert "03/2026" in table or "3/2026" in table, table
    communes = page.inner_text("#communes")
    for unit in (w.unit_b, commune_2):
        assert f"✓ {unit.name}" in communes, communes
    assert MODEL_NAME in communes
    screenshot(page, "spread-communes")

    # 2. two exemplars introduced to Báo Lai Châu and Đài PTTH; a media kit for both
    for exemplar in (model, person):
        for channel in ("Báo Lai Châu", "Đài Phát thanh - Truyền hình tỉnh"):
            page.goto(f"{base}/dang-ky/dien-hinh/{exemplar.pk}/")
            _click(page, "a:has-text('Ghi nhận lượt giới thiệu')")
            page.select_option("#id_channel", label=channel)
            page.fill("#id_sent_on", "02/03/2026")
            page.fill("#id_content", f"Bài viết và ảnh về {exemplar.name}")
            _click(page, "form.card button:has-text('Ghi nhận')")
            assert "/tuyen-truyen/luot/" in page.url, page.url
    assert Introduction.objects.count() == 4
    assert set(Introduction.objects.values_list("channel__name", flat=True)) == {
        "Báo Lai Châu", "Đài Phát thanh - Truyền hình tỉnh"}
    page.goto(f"{base}/tuyen-truyen/bo-tai-lieu/")
    page.select_option("#id_channel", label="Báo Lai Châu")
    for exemplar in (model, person):
        page.check(f"input[name=exemplars][value='{exemplar.pk}']")
    page.fill("#id_number", "45")
    page.fill("#id_dated", "05/03/2026")
    page.fill("#id_signer_name", "Nguyễn Văn Hòa")
    _click(page, "button:has-text('Lập bộ tài liệu')")
    kit = MediaKit.objects.get(channel__name="Báo Lai Châu")
    assert f"/tuyen-truyen/bo-tai-lieu/{kit.pk}/" in page.url
    kit_list = page.inner_text("#kit-exemplars")
    assert MODEL_NAME in kit_list and person.name in kit_list
    with page.expect_download() as info:
        page.click("a:has-text('Tải công văn (Word)')")
    docx_path = tmp_path / "cong-van.docx"
    info.value.save_as(docx_path)
    text = _docx_text(docx_path)
    for needle in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", MODEL_NAME, person.name):
        assert needle in text, needle
    assert ADDRESS not in text and PHONE not in text
    if shutil.which("soffice") and shutil.which("pdftotext"):
        from tests.registry_io.test_libreoffice import convert, pdf_text

        outdir = tmp_path / "lo"
        outdir.mkdir()
        (printed,) = convert([docx_path], outdir)
        printed_text = pdf_text(printed)
        for needle in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", MODEL_NAME, person.name):
            assert needle in printed_text, needle
    screenshot(page, "spread-media-kit")
    # ... and the same kit addressed to the Đài PTTH, opened from an exemplar's panel
    page.goto(f"{base}/dang-ky/dien-hinh/{model.pk}/")
    _click(page, "a:has-text('Đưa vào bộ tài liệu giới thiệu')")
    assert page.locator(f"input[name=exemplars][value='{model.pk}']").is_checked()
    page.check(f"input[name=exemplars][value='{person.pk}']")
    page.select_option("#id_channel", label="Đài Phát thanh - Truyền hình tỉnh")
    page.fill("#id_signer_name", "Nguyễn Văn Hòa")
    _click(page, "button:has-text('Lập bộ tài liệu')")
    second_kit = MediaKit.objects.get(channel__name="Đài Phát thanh - Truyền hình tỉnh")
    assert set(second_kit.exemplars.values_list("pk", flat=True)) == {model.pk, person.pk}
    with page.expect_download() as info:
        page.click("a:has-text('Tải công văn (Word)')")
    second_docx = tmp_path / "cong-van-dai.docx"
    info.value.save_as(second_docx)
    assert "Đài Phát thanh - Truyền hình tỉnh" in _docx_text(second_docx)

    # 3. one standing-office user prepares the person's publication and submits it
    page.goto(f"{base}/cong-khai/bien-tap/")
    prepare = page.locator("details.prepare", has_text=person.name)
    prepare.locator("summary").click()
    prepare.locator("textarea[name=story]").fill("Chị Mai tận tụy chăm sóc người bệnh vùng cao.")
    prepare.locator("input[name=consent_recorded]").check()
    prepare.locator("input[name=consent_given_by]").fill(person.name)
    prepare.locator("input[name=consent_on]").fill("2026-03-02")
    if prepare.locator("select[name=consent_method]").count():
        prepare.locator("select[name=consent_method]").select_option(index=1)
    with page.expect_navigation():
        prepare.locator("button:has-text('Chuẩn bị bài công khai')").click()
    pub = Publication.objects.get(exemplar=person)
    assert f"/cong-khai/bien-tap/{pub.pk}/" in page.url, page.url
    _click(page, "button:has-text('Trình duyệt công khai')")
    # the preparer is not offered the approval (four eyes)
    assert page.locator("button:has-text('Duyệt và công khai')").count() == 0
    context.close()

    # ... a second standing-office user approves: published
    context, page = _as(browser, base, approver)
    page.goto(f"{base}/cong-khai/bien-tap/{pub.pk}/")
    _click(page, "button:has-text('Duyệt và công khai')")
    pub.refresh_from_db()
    assert pub.state == "published" and pub.approved_by_id == approver.pk
    assert pub.prepared_by_id == standing.pk
    context.close()

    # ... anonymous: the gallery, the detail page, the open data and the feed
    context, page = _as(browser, base)
    page.goto(f"{base}/cong-khai/")
    assert "/dang-nhap/" not in page.url
    gallery = page.inner_text("main")
    assert person.name in gallery and ADDRESS not in gallery
    assert MODEL_NAME not in gallery  # recognised, introduced, but not published
    _click(page, f"main a:has-text('{person.name}')")
    detail = page.content()
    assert "Chị Mai tận tụy" in detail and "125/QĐ-UBND" in detail
    assert ADDRESS not in detail and PHONE not in detail
    assert page.locator("link[rel=alternate][type='application/atom+xml']").count() == 1
    screenshot(page, "spread-public-detail")
    csv_body = page.request.get(f"{base}/cong-khai/du-lieu.csv").text()
    json_response = page.request.get(f"{base}/cong-khai/du-lieu.json")
    json_body = json_response.text()
    feed = page.request.get(f"{base}/cong-khai/tin-moi.xml")
    feed_body = feed.text()
    assert "atom" in feed.headers["content-type"], feed.headers
    for body in (csv_body, json_body, feed_body):
        assert person.name in body
        assert ADDRESS not in body and PHONE not in body and MODEL_NAME not in body
    data = json_response.json()
    assert [item["name"] for item in data["items"]] == [person.name] and data["licence"]
    assert "Giấy phép" in csv_body or data["licence"] in csv_body
    sitemap = page.request.get(f"{base}/cong-khai/sitemap.xml").text()
    assert f"/cong-khai/dien-hinh/{pub.pk}/" in sitemap and ADDRESS not in sitemap
    context.close()

    # 4. a citizen suggests "người tốt, việc tốt", reviews it, sends it
    context, page = _as(browser, base)
    page.goto(f"{base}/gioi-thieu/")
    assert "Giới thiệu người tốt, việc tốt" in page.inner_text("main")
    page.fill("#id_sender_name", "Lường Văn Nam")
    page.fill("#id_contact_email", "nam@example.vn")
    page.fill("#id_whom", "Bà Lò Thị Xuân")
    page.fill("#id_what", "Hiến 500 m² đất làm đường vào bản.")
    page.fill("#id_where", "bản Hua Cuổi, xã Nậm Tăm")
    _click(page, "button:has-text('Xem lại trước khi gửi')")
    review = page.inner_text("main")
    assert "Bà Lò Thị Xuân" in review and Suggestion.objects.count() == 0
    _click(page, "button:has-text('Gửi')")
    assert "/gioi-thieu/cam-on/" in page.url, page.url
    suggestion = Suggestion.objects.get()
    context.close()

    # ... the standing office screens it and routes it to the commune
    context, page = _as(browser, base, standing)
    page.goto(f"{base}/phat-hien/")
    _click(page, "a:has-text('Bà Lò Thị Xuân')")
    assert f"/phat-hien/{suggestion.pk}/" in page.url
    page.select_option("form[action$='/chuyen-don-vi/'] select[name=unit]", label=w.unit_b.name)
    _click(page, "button:has-text('Tiếp nhận và chuyển')")
    suggestion.refresh_from_db()
    assert suggestion.routed_unit_id == w.unit_b.pk
    context.close()

    # ... the commune's officer sees it in "Phát hiện"
    context, page = _as(browser, base, w.users["officer_b"])
    page.goto(f"{base}/phat-hien/")
    assert "Bà Lò Thị Xuân" in page.inner_text("main")
    _click(page, "a:has-text('Bà Lò Thị Xuân')")
    assert "Hiến 500 m² đất" in page.inner_text("main")
    screenshot(page, "spread-suggestion-routed")
    context.close()
    # and the officer of another unit does not
    context, page = _as(browser, base, w.users["officer_a"])
    page.goto(f"{base}/phat-hien/")
    assert "Bà Lò Thị Xuân" not in page.inner_text("main")
    context.close()
