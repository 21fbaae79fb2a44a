"""LibreOffice opens the fostering plan's Word file and prints it with the Vietnamese intact."""

import shutil

import pytest

from fostering import services
from fostering.docx import render_plan_docx
from tests.registry_io.test_libreoffice import convert, pdf_text
from tests.world import world  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing"),
]


@pytest.mark.django_db
def test_libreoffice_prints_the_plan(world, tmp_path):  # noqa: F811
    plan = services.create_plan(campaign=world.campaign, unit=world.unit_a,
                                acting_user=world.users["officer_a"])
    plan = services.update_plan(plan=plan, sector_criteria="Tận tụy phục vụ người bệnh.",
                         expected_version=plan.version, acting_user=world.users["officer_a"])
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(render_plan_docx(plan))
    text = pdf_text(convert([path], tmp_path / "pdf")[0])
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "KẾ HOẠCH", "SỞ Y TẾ THỬ", "Tận tụy phục vụ người bệnh.", "Đặng Thị Mai",
                     "Nơi nhận:"):
        assert expected in text, expected
