"""The media kit: the letter of introduction in the Nghị định 30 layout, read back from the Word
file (python-docx), the PDF (pdftotext) and LibreOffice's conversion of the Word file."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.urls import reverse

from core.errors import DomainError, NotAllowed
from propagation import services
from propagation.docx import render_kit_docx
from propagation.pdf import render_kit_pdf
from tests.propagation.helpers import channels, kit
from tests.world import world  # noqa: F401  (fixture)


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _exemplars(w):
    from registry.models import Exemplar

    second = Exemplar.objects.get(name="Lò Văn Thắng")
    w.exemplar_a.solutions = "Chăm sóc người bệnh tận tình, hướng dẫn người nhà."
    w.exemplar_a.save()
    return w.exemplar_a, second


def _with_award(w):
    from awards.models import AwardRecord, AwardSubject, CommendationForm, SubjectLink

    form = CommendationForm.objects.create(code="bang-khen-ubnd", name="Bằng khen của Chủ tịch "
                                           "UBND tỉnh", valid_from=datetime.date(2000, 1, 1))
    subject = AwardSubject.objects.create(kind="individual", name=w.exemplar_a.name,
                                          unit=w.unit_a)
    SubjectLink.objects.create(exemplar=w.exemplar_a, subject=subject)
    AwardRecord.objects.create(subject=subject, form=form, year=2025, decision_number="123/QĐ-UBND",
                               decision_date=datetime.date(2025, 12, 1), issuer="UBND tỉnh",
                               source="manual")


EXPECTED = ("UBND TỈNH LAI CHÂU", "SỞ NỘI VỤ", "Số: 45/SNV-TĐKT", "V/v giới thiệu điển hình",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "Lai Châu, ngày 05 tháng 3 năm 2026", "Kính gửi: Báo Lai Châu.", "Đặng Thị Mai",
            "Lò Văn Thắng", "Chăm sóc người bệnh tận tình", "Nơi nhận:", "Nguyễn Văn Hòa")


@pytest.mark.django_db
def test_docx_and_pdf_carry_the_letter(world):  # noqa: F811
    first, second = _exemplars(world)
    _with_award(world)
    media = kit(world, first, second)
    text = _docx_text(render_kit_docx(media))
    for expected in (*EXPECTED, "Bằng khen của Chủ tịch UBND tỉnh năm 2025",
                     "Đơn vị: Sở Y tế Thử"):
        assert expected in text, expected
    assert "/CV-" not in text  # a công văn's number carries no type code
    pdf = render_kit_pdf(media)
    assert pdf.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        raw = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, check=True,
                             capture_output=True).stdout.decode()
        flat = " ".join(raw.split())
        for expected in ("SỞ NỘI VỤ", "Số: 45/SNV-TĐKT", "Kính gửi: Báo Lai Châu.",
                         "Đặng Thị Mai", "Lò Văn Thắng"):
            assert expected in flat, expected


@pytest.mark.django_db
def test_only_the_standing_office_makes_a_kit(world):  # noqa: F811
    channel = channels()["bao-lai-chau"]
    with pytest.raises(NotAllowed):
        services.create_media_kit(channel=channel, exemplars=[world.exemplar_a],
                                  acting_user=world.users["officer_a"])
    with pytest.raises(DomainError, match="ít nhất một"):
        services.create_media_kit(channel=channel, exemplars=[],
                                  acting_user=world.users["standing"])


@pytest.mark.django_db
def test_kit_pages(client, world):  # noqa: F811
    channel = channels()["dai-ptth-tinh"]
    client.force_login(world.users["standing"])
    response = client.post(reverse("propagation:kit_create"), {
        "channel": channel.pk, "exemplars": [world.exemplar_a.pk], "number": "46",
        "dated": "06/03/2026", "signer_title": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn Hòa"})
    assert response.status_code == 302
    from propagation.models import MediaKit

    media = MediaKit.objects.get()
    assert media.number == 46 and list(media.exemplars.all()) == [world.exemplar_a]
    word = client.get(reverse("propagation:kit_docx", kwargs={"pk": media.pk}))
    assert "Kính gửi: Đài Phát thanh - Truyền hình tỉnh." in _docx_text(word.content)
    empty = client.post(reverse("propagation:kit_create"), {"channel": channel.pk})
    assert empty.status_code == 200 and "Hãy chọn ít nhất một điển hình" in empty.content.decode()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
@pytest.mark.django_db
def test_libreoffice_opens_the_letter(world, tmp_path):  # noqa: F811
    from tests.registry_io.test_libreoffice import convert, pdf_text

    media = kit(world, *_exemplars(world))
    path = tmp_path / "cong-van.docx"
    path.write_bytes(render_kit_docx(media))
    text = pdf_text(convert([path], tmp_path / "pdf")[0])
    for expected in EXPECTED:
        assert expected in text, expected


@pytest.mark.django_db
def test_progress_photos_are_in_the_letter(world):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document
    from PIL import Image

    from progress.services import post_update

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 90, 200)).save(out, format="JPEG")
    post_update(exemplar=world.exemplar_a, on_date=datetime.date(2026, 2, 1), text="Tập huấn",
                percent=40, uploads=[SimpleUploadedFile("tap-huan.jpg", out.getvalue())],
                acting_user=world.users["officer_a"], today=datetime.date(2026, 3, 1))
    media = kit(world, world.exemplar_a)
    document = Document(io.BytesIO(render_kit_docx(media)))
    assert len(document.inline_shapes) == 1
    assert "Ảnh: tap-huan.jpg" in _docx_text(render_kit_docx(media))
    pdf = render_kit_pdf(media)
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf
