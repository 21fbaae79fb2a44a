"""The review report: the DOCX says the figures with the charts as pictures and the tables, the
XLSX holds the same figures, the background run stores them once (DONE, progress 100, the data
version) or fails without files, who may request and read it, the status fragment and the
downloads, and the ``review_report`` command's JSON."""

import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import NotAllowed
from reviews import reports
from reviews.charts import review_charts
from reviews.figures import FIGURES
from reviews.models import ReportState, ReviewPeriod, ReviewReport
from reviews.report_docx import report_docx
from reviews.report_xlsx import report_xlsx
from reviews.selectors import command_summary, statistics
from tests.reviews.report_helpers import decided_period_of as period_of
from tests.reviews.report_helpers import done_report
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

SUMMARY_KEYS = {"units_required", "units_registered", "units_quota_met", "exemplars_by_kind",
                "exemplars_by_field", "recognised", "adoptions", "introductions", "groups"}


@pytest.fixture
def period(world):  # noqa: F811
    return period_of(world)


def docx_parts(data: bytes):
    from docx import Document

    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    images = [r for r in document.part.rels.values() if "image" in r.reltype]
    return "\n".join(texts), images, document


# --- the files ---------------------------------------------------------------------------------

def test_docx_has_the_layout_the_figures_the_charts_and_the_lists(world, period):  # noqa: F811
    stats = statistics(period)
    charts = review_charts(stats)
    text, images, document = docx_parts(report_docx(stats, charts, data_version=42))
    for expected in ("UBND TỈNH LAI CHÂU", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "/BC-SNV", "Lai Châu, ngày", "BÁO CÁO",
                     "Tổng kết phong trào thi đua giai đoạn 2022 - 2025",
                     "I. KẾT QUẢ THỰC HIỆN", "1. Đăng ký", "II. ĐÁNH GIÁ CHUNG",
                     "[Cơ quan thường trực bổ sung: bài học kinh nghiệm]",
                     "[Cơ quan thường trực bổ sung: phương hướng, nhiệm vụ thời gian tới]",
                     "[Cơ quan thường trực bổ sung: kiến nghị, đề xuất]", "Nơi nhận:",
                     "GIÁM ĐỐC", "phiên bản dữ liệu số 42", "Số liệu theo đơn vị hiện nay",
                     "Có 2/", "đơn vị đã gửi đăng ký"):
        assert expected in text, expected
    for section in stats.sections():
        assert str(section["label"]) in text
        for count in section["figures"]:
            assert f"{count.figure.label}: {count.value}" in text, count.key
    assert stats.value("recognised") == 1 and stats.value("adoptions") == 1
    # the exemplar recognised (its unit and field) and the model replicated with its adopter
    recognised = next(t for t in document.tables
                      if t.rows[0].cells[1].text == "Tên tập thể, cá nhân, mô hình")
    assert [c.text for c in recognised.rows[1].cells][1:3] == ["Đặng Thị Mai", "Cá nhân"]
    replicated = next(t for t in document.tables
                      if t.rows[0].cells[1].text == "Tên điển hình, mô hình")
    assert [c.text for c in replicated.rows[1].cells][1:] == [
        "Đặng Thị Mai", "Cá nhân", "Sở Y tế Thử", "Xã Thử Nghiệm", "1"]
    drawn = [c for c in charts if not c.empty]
    assert drawn and len(images) == len(drawn)
    for index, chart in enumerate(charts, start=1):
        assert f"Biểu đồ {index}. {chart.title}" in text


def test_docx_titled_by_the_former_districts(world, period):  # noqa: F811
    text, _images, _doc = docx_parts(report_docx(statistics(period, "former"), []))
    assert "Số liệu theo địa bàn huyện, thành phố cũ" in text


def test_xlsx_values_equal_the_statistics(world, period):  # noqa: F811
    from openpyxl import load_workbook

    stats = statistics(period)
    book = load_workbook(io.BytesIO(report_xlsx(stats, review_charts(stats))))
    assert {"Số liệu", "Phân tích", "Theo nhóm đơn vị"} <= set(book.sheetnames)
    figures = {row[0]: row[3] for row in book["Số liệu"].iter_rows(min_row=3, values_only=True)}
    assert figures == {f.key: stats.value(f.key) for f in FIGURES}
    breakdown = {(r[0], r[2], r[3]): r[4]
                 for r in book["Phân tích"].iter_rows(min_row=3, values_only=True)}
    kinds = next(d for d in stats.figures["exemplars"].dims if d.key == "kind")
    for value in kinds.values:
        assert breakdown[("exemplars", kinds.label, value["label"])] == value["count"]
    groups = [r for r in book["Theo nhóm đơn vị"].iter_rows(min_row=3, values_only=True)
              if r[2] is None]
    assert sum(r[4] for r in groups) == stats.value("units_required")
    assert sum(r[7] for r in groups) == stats.value("exemplars")


def test_user_text_in_the_xlsx_stays_text(world, period):  # noqa: F811
    from openpyxl import load_workbook

    from registry.models import Exemplar

    Exemplar.objects.filter(pk=world.exemplar_a.pk).update(name="=HYPERLINK(\"x\")")
    book = load_workbook(io.BytesIO(report_xlsx(statistics(period))))
    cell = next(c for row in book["Được công nhận"].iter_rows(min_row=3) for c in row
                if c.value == "=HYPERLINK(\"x\")")
    assert cell.data_type == "s"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_libreoffice_opens_the_report(world, period, tmp_path):  # noqa: F811
    from tests.registry_io.test_libreoffice import convert, pdf_text

    stats = statistics(period)
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(report_docx(stats, review_charts(stats)))
    text = pdf_text(convert([path], tmp_path / "pdf")[0])
    for expected in ("SỞ NỘI VỤ", "KẾT QUẢ THỰC HIỆN", "Biểu đồ 1.", "Nơi nhận:"):
        assert expected in text, expected


# --- the run -----------------------------------------------------------------------------------

def test_request_then_run_stores_figures_files_and_data_version(
        world, period, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.request_report(period=period, grouping="former",
                                        acting_user=world.users["standing"])
    report.refresh_from_db()
    assert report.state == ReportState.DONE and report.progress == 100
    assert report.data_version == AuditEvent.objects.order_by("-pk").first().pk
    assert report.figures == command_summary(statistics(period, "former"))
    assert report.figures["group_by"] == "former" and report.finished_at
    assert report.docx.name.startswith("reports/") and report.docx.name.endswith(".docx")
    assert report.xlsx.read()[:2] == b"PK" and report.docx.read()[:2] == b"PK"
    assert AuditEvent.objects.filter(verb="generate_review_report",
                                     object_id=str(report.pk)).count() == 1


def test_a_done_report_is_never_run_again(world, period):  # noqa: F811
    report = done_report(world)
    before = (report.docx.name, report.xlsx.name, report.finished_at, report.data_version)
    AuditEvent.objects.create(action="update", object_id="0", object_repr="x",
                              content_type_id=AuditEvent.objects.first().content_type_id,
                              owner_type_id=AuditEvent.objects.first().owner_type_id,
                              owner_id="0")
    again = reports.run_report(report.pk)
    assert (again.docx.name, again.xlsx.name, again.finished_at, again.data_version) == before


def test_a_failure_leaves_failed_and_no_files(world, period, monkeypatch, settings):  # noqa: F811
    from reviews import report_xlsx as module

    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(module, "report_xlsx", broken)
    report = ReviewReport.objects.create(period=period, requested_by=world.users["standing"])
    failed = reports.run_report(report.pk)
    assert failed.state == ReportState.FAILED
    assert "Không lập được báo cáo" in failed.error and "XLSX" in failed.error
    assert not failed.docx and not failed.xlsx and failed.figures == {}
    assert failed.data_version is None
    private = settings.PRIVATE_FILES_DIR / "reports"
    assert not private.exists() or not any(private.iterdir())


def test_a_failure_after_the_files_were_written_removes_them(world, period, monkeypatch,  # noqa: F811
                                                             settings):
    original = ReviewReport.save

    def failing(self, *args, **kwargs):
        if self.state == ReportState.DONE:
            raise RuntimeError("đĩa đầy")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ReviewReport, "save", failing)
    report = ReviewReport.objects.create(period=period)
    failed = reports.run_report(report.pk)
    assert failed.state == ReportState.FAILED and not failed.docx
    private = settings.PRIVATE_FILES_DIR / "reports"
    assert not private.exists() or not any(private.iterdir())


@pytest.mark.parametrize("role", ["officer_a", "head_a", "council"])
def test_request_refused_and_nothing_created(world, period, role):  # noqa: F811
    events = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        reports.request_report(period=period, grouping="current", acting_user=world.users[role])
    assert not ReviewReport.objects.exists() and AuditEvent.objects.count() == events


def test_unknown_grouping_is_refused_in_vietnamese(world, period):  # noqa: F811
    from core.errors import DomainError

    with pytest.raises(DomainError, match="huyện cũ"):
        reports.request_report(period=period, grouping="xyz", acting_user=world.users["standing"])
    assert not ReviewReport.objects.exists()


# --- the web -----------------------------------------------------------------------------------

def test_request_on_the_web_redirects_to_the_period_with_the_report(client, world, period,  # noqa: F811
                                                                    django_capture_on_commit_callbacks):
    client.force_login(world.users["standing"])
    url = reverse("reviews:report_request", args=[period.code])
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"group_by": "former"})
    report = ReviewReport.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("reviews:period_detail", args=[period.code]))
    assert f"report-{report.pk}" in response["Location"]
    assert report.grouping == "former" and report.state == ReportState.DONE


def test_status_fragment_polls_while_queued_then_links_the_files(client, world, period):  # noqa: F811
    client.force_login(world.users["council"])
    queued = ReviewReport.objects.create(period=period, progress=20,
                                         step="Đã tổng hợp số liệu; đang vẽ biểu đồ")
    page = client.get(reverse("reviews:report_status", args=[queued.pk])).content.decode()
    assert '<progress max="100" value="20"' in page and "đang vẽ biểu đồ" in page
    assert 'hx-trigger="every 1s"' in page and 'hx-swap="outerHTML"' in page
    assert reverse("reviews:report_status", args=[queued.pk]) in page
    done = done_report(world)
    page = client.get(reverse("reviews:report_status", args=[done.pk])).content.decode()
    assert "hx-trigger" not in page and 'value="100"' in page
    assert reverse("reviews:report_download", args=[done.pk, "docx"]) in page
    assert reverse("reviews:report_download", args=[done.pk, "xlsx"]) in page
    assert timezone.localtime(done.finished_at).strftime("%d/%m/%Y %H:%M") in page
    assert f"phiên bản dữ liệu số {done.data_version}" in page
    assert "đơn vị hiện nay" in page


def test_status_fragment_shows_the_error(client, world, period):  # noqa: F811
    client.force_login(world.users["standing"])
    failed = ReviewReport.objects.create(period=period, state=ReportState.FAILED,
                                         error="Không lập được báo cáo ở bước “X”.")
    page = client.get(reverse("reviews:report_status", args=[failed.pk])).content.decode()
    assert "Không lập được báo cáo ở bước" in page and "<progress" not in page


@pytest.mark.parametrize(("role", "status"), [("officer_a", 403), ("head_a", 403),
                                              ("standing", 200), ("council", 200)])
def test_download_only_for_the_province(client, world, role, status):  # noqa: F811
    report = done_report(world)
    client.force_login(world.users[role])
    for fmt in ("docx", "xlsx"):
        response = client.get(reverse("reviews:report_download", args=[report.pk, fmt]))
        assert response.status_code == status, (role, fmt)
        if status == 200:
            assert b"".join(response.streaming_content)[:2] == b"PK"
            assert "attachment" in response["Content-Disposition"]


def test_download_of_an_unfinished_report_or_other_format_is_404(client, world, period):  # noqa: F811
    client.force_login(world.users["standing"])
    queued = ReviewReport.objects.create(period=period)
    assert client.get(reverse("reviews:report_download",
                              args=[queued.pk, "docx"])).status_code == 404
    done = done_report(world)
    assert client.get(reverse("reviews:report_download",
                              args=[done.pk, "pdf"])).status_code == 404


# --- the command -------------------------------------------------------------------------------

def _command(*args) -> dict:
    out = io.StringIO()
    call_command("review_report", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_command_json_of_the_latest_period(world, period, tmp_path):  # noqa: F811
    docx, xlsx = tmp_path / "bc.docx", tmp_path / "bc.xlsx"
    result = _command("--campaign", world.campaign.code, "--group-by", "former",
                      "--docx", str(docx), "--xlsx", str(xlsx))
    assert SUMMARY_KEYS <= set(result)
    assert result == json.loads(json.dumps(command_summary(statistics(period, "former")),
                                           ensure_ascii=False))
    assert result["period"]["code"] == period.code
    assert result["units_registered"] == 2 and result["recognised"] == 1
    assert result["groups"] and {"unit", "name", "units_required", "units_registered",
                                 "exemplars"} <= set(result["groups"][0])
    assert docx.read_bytes()[:2] == b"PK" and xlsx.read_bytes()[:2] == b"PK"
    text, images, _doc = docx_parts(docx.read_bytes())
    assert "BÁO CÁO" in text and images


def test_command_without_a_period_reviews_the_whole_campaign(world):  # noqa: F811
    from registry.models import Registration

    Registration.objects.filter(pk=world.registration_a.pk).update(
        state="submitted", submitted_at=timezone.now())
    result = _command("--campaign", world.campaign.code)
    assert result["period"]["starts_on"] == "1900-01-01"
    assert result["period"]["ends_on"] == "9999-12-31"
    assert result["period"]["campaigns"] == [world.campaign.code]
    assert result["units_registered"] == 1 and result["group_by"] == "current"
    assert not ReviewPeriod.objects.exists()


def test_command_refuses_an_unknown_campaign_in_vietnamese(world):  # noqa: F811
    with pytest.raises(CommandError, match="Không có đợt thi đua mã"):
        _command("--campaign", "khong-co")
