"""LibreOffice opens the minutes of a council meeting and prints them with the Vietnamese
intact: attendance, the exclusion with its reason, the counts, the two signatures."""

import shutil

import pytest

from council import selectors, services
from council.minutes_docx import minutes_document
from council.models import AgendaItem
from tests.council.helpers import build_council, held_meeting
from tests.registry_io.test_libreoffice import convert, pdf_text
from tests.world import world  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing"),
]


@pytest.mark.django_db
def test_libreoffice_prints_the_minutes(world, tmp_path):  # noqa: F811
    c = build_council(world)
    meeting = held_meeting(c)
    item = services.open_vote(item=AgendaItem.objects.get(meeting=meeting, position=2),
                              acting_user=c.voters["secretary"])
    for key, choice in {"chair": "approve", "secretary": "approve", "council": "reject",
                        "member_x": "abstain"}.items():
        services.cast_ballot(item=item, choice=choice, acting_user=c.voters[key])
    services.close_vote(item=item, acting_user=c.voters["secretary"])
    services.close_meeting(meeting=meeting, acting_user=c.voters["secretary"])
    detail = selectors.meeting_detail(meeting.pk)
    path = tmp_path / "bien-ban.docx"
    path.write_bytes(minutes_document(detail, members=selectors.sorted_members(
        selectors.members_on(meeting.held_on))))
    text = " ".join(pdf_text(convert([path], tmp_path / "pdf")[0]).split())
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "UBND TỈNH LAI CHÂU", "BIÊN BẢN", "Tòng Thị Y",
                     "Thuộc đơn vị đề nghị (Sở Y tế Thử)", "đồng ý 2, không đồng ý 1",
                     "Kết quả: Thông qua.", "THƯ KÝ HỘI ĐỒNG", "CHỦ TỊCH HỘI ĐỒNG",
                     "Giàng A Chủ", "Lê Thị Thư Ký"):
        assert expected in text, expected
