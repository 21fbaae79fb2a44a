"""The decision's Word file and PDF say what a Nghị định 30 decision says; LibreOffice opens the
Word file (when installed)."""

import io
import shutil
import subprocess

import pytest

from decisions import services
from decisions.docx import render_decision_docx
from decisions.pdf import render_decision_pdf
from tests.decisions.helpers import ISSUED_ON, draft
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "qd.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _issued(w):
    decision = draft(w, 2)
    return services.issue_decision(decision=decision, issued_on=ISSUED_ON,
                                   acting_user=w.users["standing"])


EXPECTED = ["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "Số: 1/QĐ-UBND", "Lai Châu, ngày 20 tháng 11 năm 2026",
            "QUYẾT ĐỊNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Xét đề nghị của Giám đốc Sở Nội vụ", "QUYẾT ĐỊNH:", "Điều 1.", "Điều 2.", "Điều 3.",
            "Nơi nhận:", "- Như Điều 3;", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Lương",
            "DANH SÁCH", "Kèm theo Quyết định số 1/QĐ-UBND ngày 20/11/2026", "I. CÁ NHÂN",
            "Đặng Thị Mai", "Bác sĩ, Bệnh viện Thử"]


def test_docx_reads_back(world):  # noqa: F811
    text = docx_text(render_decision_docx(_issued(world)))
    for expected in EXPECTED:
        assert expected in text, expected
    assert "Công nhận điển hình tiên tiến cho 02 cá nhân (có danh sách kèm theo)" in text
    assert "DỰ THẢO" not in text


def test_draft_docx_says_draft_without_number(world):  # noqa: F811
    text = docx_text(render_decision_docx(draft(world, 1)))
    assert "DỰ THẢO" in text and "Số: …/QĐ-UBND" in text
    assert "Lai Châu, ngày ..... tháng ..... năm" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_pdf_has_the_number_and_names(world, tmp_path):  # noqa: F811
    data = render_decision_pdf(_issued(world))
    assert data.startswith(b"%PDF")
    text = " ".join(pdf_text(data, tmp_path).split())
    for expected in ("Số: 1/QĐ-UBND", "QUYẾT ĐỊNH", "Đặng Thị Mai", "DANH SÁCH",
                     "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "Nơi nhận:"):
        assert expected in text, expected


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_libreoffice_opens_the_docx(world, tmp_path):  # noqa: F811
    from tests.registry_io.test_libreoffice import convert
    from tests.registry_io.test_libreoffice import pdf_text as lo_text

    path = tmp_path / "quyet-dinh.docx"
    path.write_bytes(render_decision_docx(_issued(world)))
    text = lo_text(convert([path], tmp_path / "pdf")[0])
    for expected in ("Số: 1/QĐ-UBND", "QUYẾT ĐỊNH", "Đặng Thị Mai", "Nơi nhận:",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
        assert expected in text, expected
