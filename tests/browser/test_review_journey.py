"""#15 as the standing office does it, in a real browser on the demo data: open the 2022–2025
final review, see the figures and charts, switch the grouping to the former districts, drill
into a figure and find as many rows as the number said, generate the report — queued, its
progress bar polled until the worker has made it — and download a DOCX that LibreOffice opens,
charts and tables in place; the XLSX carries the same figures as the page."""

import re
import shutil

import pytest
from django.core.management import call_command

from reviews import reports
from reviews.models import ReportState, ReviewReport
from tests.browser.conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "DienHinh@2026"


def _figure(page, key: str) -> int:
    return int(page.locator(f"#figure-{key} a[data-figure='{key}']").first.inner_text())


def test_final_review_figures_grouping_drill_and_report(browser, live_server, settings,
                                                        tmp_path):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)
    # The worker is not running: the request only queues, as in production before it picks up.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    base = live_server.url
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    login(page, base, "sonoivu", DEMO_PASSWORD)

    page.click("#mainnav >> text=Sơ kết, tổng kết")
    page.click("text=giai đoạn 2022 - 2025")
    assert "Theo đơn vị hiện nay" in page.content()
    registered = _figure(page, "units_registered")
    assert registered > 0 and _figure(page, "units_required") >= registered
    assert page.locator("figure.chart svg[role=img]").count() >= 4
    assert page.locator("#chart-quotas table.chart-data").count() == 1

    page.select_option("#id_group_by", "former")
    with page.expect_navigation():
        page.click("#grouping-form button[type=submit]")
    assert "Theo huyện, thành phố cũ (trước 01/07/2025)" in page.content()
    groups = page.locator("#group-table tr.group-row th").all_inner_texts()
    assert "Thành phố Lai Châu" in groups and "Huyện Sìn Hồ" in groups
    screenshot(page, "review-former-districts")

    # Drill into a group's exemplars: the list is as long as the number clicked.
    cell = page.locator("#group-table tr.group-row a[data-figure='exemplars']").filter(
        has_not_text=re.compile(r"^0$")).first
    shown = int(cell.inner_text())
    with page.expect_navigation():
        cell.click()
    assert page.locator("#drill-total").inner_text() == f"Tổng số: {shown}"
    assert page.locator("#drill-table tbody tr").count() == shown
    page.go_back()

    before = ReviewReport.objects.count()
    with page.expect_navigation():
        page.click("#report-form button[type=submit]")
    report = ReviewReport.objects.order_by("-pk").first()
    assert ReviewReport.objects.count() == before + 1 and report.state == ReportState.QUEUED
    status = page.locator(f"#report-{report.pk}")
    assert status.locator("progress").get_attribute("value") == "0"
    reports.run_report(report.pk)  # what the worker does
    page.locator(f"#report-{report.pk} a:has-text('DOCX')").wait_for(timeout=15_000)
    assert page.locator(f"#report-{report.pk} progress").get_attribute("value") == "100"
    screenshot(page, "review-report-done")

    with page.expect_download() as download:
        page.click(f"#report-{report.pk} a:has-text('DOCX')")
    docx_path = tmp_path / "bao-cao.docx"
    download.value.save_as(docx_path)
    from docx import Document

    document = Document(str(docx_path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "I. KẾT QUẢ THỰC HIỆN" in text
    pictures = [r for r in document.part.rels.values() if "image" in r.reltype]
    assert len(pictures) >= 4 and len(document.tables) >= 5

    with page.expect_download() as download:
        page.click(f"#report-{report.pk} a:has-text('XLSX')")
    xlsx_path = tmp_path / "bao-cao.xlsx"
    download.value.save_as(xlsx_path)
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx_path)["Số liệu"]
    values = {row[0]: row[3] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert values["units_registered"] == registered

    if shutil.which("soffice") and shutil.which("pdftotext"):
        from tests.registry_io.test_libreoffice import convert, pdf_text

        pdf = convert([docx_path], tmp_path)[0]
        assert "KẾT QUẢ THỰC HIỆN" in pdf_text(pdf)
    context.close()
