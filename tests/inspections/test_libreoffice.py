"""LibreOffice opens the Biên bản kiểm tra and prints it with the Vietnamese intact."""

import shutil

import pytest

from inspections import record_docx, selectors
from tests.inspections.helpers import concluded
from tests.registry_io.test_libreoffice import convert, pdf_text
from tests.world import world  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing"),
]


@pytest.mark.django_db
def test_libreoffice_opens_the_inspection_record(world, tmp_path):  # noqa: F811
    inspection, _follow_up = concluded(world)
    section = selectors.unit_sections(inspection, world.users["standing"])[0]
    path = tmp_path / "bien-ban.docx"
    path.write_bytes(record_docx.record_document(inspection, section))
    [pdf] = convert([path], tmp_path)
    text = pdf_text(pdf)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BIÊN BẢN", "TRƯỞNG ĐOÀN KIỂM TRA",
                     "Bổ sung hồ sơ minh chứng"):
        assert expected in text
