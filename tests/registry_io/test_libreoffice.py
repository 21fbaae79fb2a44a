"""LibreOffice opens every exported DOCX/XLSX and prints it to PDF with the Vietnamese intact.

Needs Debian's libreoffice-writer-nogui, libreoffice-calc-nogui (``soffice``), poppler-utils
(``pdftotext``) and fonts-liberation2 or fonts-croscore. Each run uses its own LibreOffice
profile directory, so parallel runs never share (or lock) one.
"""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from registry.io.document import blank_document, registration_document
from registry.io.export import render_document
from tests.registry_io.helpers import filled_registration

HEADERS = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BIỂU ĐĂNG KÝ",
           "Người đứng đầu; phụ trách đơn vị", "Điển hình thuộc lĩnh vực"]

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing"),
]


def pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, timeout=60).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", raw)


def convert(files: list[Path], outdir: Path) -> list[Path]:
    # One LibreOffice profile per conversion: parallel soffice processes must not share one.
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
            check=True, capture_output=True, timeout=240,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return [outdir / f"{f.stem}.pdf" for f in files]


@pytest.mark.django_db
def test_libreoffice_prints_every_export_with_vietnamese_headers(tmp_path):
    registration, _officer = filled_registration()
    pack = registration.campaign.pack.pack
    filled = registration_document(registration)
    blank = blank_document(registration.unit, pack)
    files = []
    for stem, doc, fmt in (("bieu", filled, "docx"), ("bieu-xlsx", filled, "xlsx"),
                           ("mau", blank, "docx"), ("mau-xlsx", blank, "xlsx")):
        path = tmp_path / f"{stem}.{fmt}"
        path.write_bytes(render_document(doc, fmt))
        files.append(path)
    for pdf in convert(files, tmp_path / "pdf"):
        text = pdf_text(pdf)
        for header in HEADERS:
            assert header in text, (pdf.name, header)
        assert "SỞ Y TẾ THỬ" in text, pdf.name
        if not pdf.name.startswith("mau"):
            assert "Đặng Thị Hoà" in text and "Mô hình trồng chè sạch" in text, pdf.name


@pytest.mark.django_db
def test_weasyprint_pdf_has_the_headers_and_embedded_fonts(tmp_path):
    registration, _officer = filled_registration()
    path = tmp_path / "bieu.pdf"
    path.write_bytes(render_document(registration_document(registration), "pdf"))
    text = pdf_text(path)
    for header in [*HEADERS, "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "Nơi nhận:", "Đặng Thị Hoà"]:
        assert header in text, header
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, timeout=60).stdout
    assert re.search(rb"(Liberation ?Serif|Tinos|Times)", fonts), fonts


@pytest.mark.django_db
def test_libreoffice_opens_the_streamed_workbooks(tmp_path):
    """The compiled list and the overview written in openpyxl's write-only mode (streamed, the
    worker's and the request's writer) open in LibreOffice with the Vietnamese intact."""
    from registry import dashboard
    from registry.views_dashboard import _dashboard_table
    from tests.exports.helpers import listed
    from tests.world import build_world
    from uploads.tables import write_xlsx

    world = listed(build_world())
    compiled = tmp_path / "danh-sach.xlsx"
    with compiled.open("wb") as out:
        dashboard.write_compiled(world.campaign, "xlsx", dashboard.CompiledFilters(state="all"),
                                 out, on_row=lambda n: None)
    overview = tmp_path / "tong-hop.xlsx"
    headers, rows = _dashboard_table(world.campaign, dashboard.DashboardFilters())
    write_xlsx(str(overview), "Tổng hợp đăng ký", headers, rows)
    first, second = convert([compiled, overview], tmp_path / "pdf")
    text = pdf_text(first)
    for expected in ("Danh sách điển hình tiên tiến đăng ký", "Trạng thái biểu", "Tòng Văn Gửi",
                     "Lường Thị Nhận", "Đặng Thị Mai", "Sở Gửi Rồi"):
        assert expected in text, expected
    text = pdf_text(second)
    for expected in ("Tổng hợp đăng ký", "Cơ quan, đơn vị", "Sở Y tế Thử", "Xã Thử Nghiệm"):
        assert expected in text, expected
