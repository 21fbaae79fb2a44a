"""The council's pages: who sees what, the ballot page, results hidden until closed, the
minutes (never how anyone voted in a secret ballot)."""

import io

import pytest
from django.urls import reverse

from council import services
from council.models import AgendaItem, Ballot, CouncilMember, Meeting, VoteReceipt
from tests.council.helpers import build_council, held_meeting
from tests.world import world  # noqa: F401  (fixture)


@pytest.fixture
def council(world):  # noqa: F811
    return build_council(world)


def _as(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_lists_for_readers_refused_for_units(client, council):
    w = council.world
    for name in ("meeting_list", "member_list", "rule_list", "my_ballots"):
        url = reverse(f"council:{name}")
        for role in ("standing", "council", "admin"):
            assert _as(client, w.users[role]).get(url).status_code == 200, (name, role)
        for role in ("officer_a", "head_a"):
            assert _as(client, w.users[role]).get(url).status_code == 403, (name, role)
    page = _as(client, w.users["standing"]).get(reverse("council:rule_list")).content.decode()
    assert "Bằng khen của Chủ tịch UBND tỉnh" in page and "4/5" in page and "cần xác nhận" in page
    page = _as(client, w.users["standing"]).get(reverse("council:member_list")).content.decode()
    assert "Tòng Thị Y" in page and "Thêm thành viên" in page
    page = _as(client, w.users["council"]).get(reverse("council:member_list")).content.decode()
    assert "Thêm thành viên" not in page


@pytest.mark.django_db
def test_standing_office_adds_member_and_meeting_on_the_web(client, council):
    w = council.world
    c = _as(client, w.users["standing"])
    r = c.post(reverse("council:member_add"), {"full_name": "Lù Văn Sáu", "role": "member",
                                               "valid_from": "2026-01-01"})
    assert r.status_code == 302 and CouncilMember.objects.filter(full_name="Lù Văn Sáu").exists()
    r = c.post(reverse("council:member_add"), {"full_name": "", "role": "member",
                                               "valid_from": "2026-01-01"})
    assert CouncilMember.objects.count() == 6
    r = c.post(reverse("council:meeting_create"), {
        "title": "Phiên họp thứ nhất", "held_on": "2026-11-20", "place": "Hội trường",
        "secretary": council.seats["secretary"].pk, "chair": council.seats["chair"].pk})
    meeting = Meeting.objects.get()
    assert r.status_code == 302 and meeting.attendance.count() == 6
    r = c.post(reverse("council:meeting_agenda", args=[meeting.pk]),
               {"items": [i.pk for i in council.items]})
    assert meeting.items.count() == 2
    r = c.post(reverse("council:meeting_attendance", args=[meeting.pk]),
               {"present": [s.pk for s in council.seats.values()]})
    assert meeting.attendance.filter(present=True).count() == 5
    page = c.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Tòng Thị Y" in page and "Sở Y tế Thử" in page  # the exclusion with its reason
    assert "5/6" in page


@pytest.mark.django_db
def test_vote_page_flow_results_hidden_until_closed(client, council):
    meeting = held_meeting(council)
    item = AgendaItem.objects.get(meeting=meeting, position=2)
    secretary, chair = council.voters["secretary"], council.voters["chair"]
    url = reverse("council:item_detail", args=[item.pk])
    # only the secretary opens
    assert _as(client, chair).post(reverse("council:item_open", args=[item.pk])).status_code == 403
    _as(client, secretary).post(reverse("council:item_open", args=[item.pk]))
    item.refresh_from_db()
    assert item.vote_state == "open"
    page = _as(client, chair).get(url).content.decode()
    assert "Phiếu biểu quyết của bạn" in page and "Đồng ý" in page
    assert _as(client, chair).post(reverse("council:item_cast", args=[item.pk]),
                                   {"choice": "approve"}).status_code == 302
    page = _as(client, chair).get(url).content.decode()
    assert "Bạn đã bỏ phiếu" in page and "Phiếu biểu quyết của bạn" not in page
    # a second ballot is refused (403: no longer allowed to cast? still a seat — the service says)
    _as(client, chair).post(reverse("council:item_cast", args=[item.pk]), {"choice": "reject"})
    assert VoteReceipt.objects.filter(item=item).count() == 1
    assert Ballot.objects.filter(item=item).count() == 1
    # the excluded member: no ballot form, refused on POST
    page = _as(client, council.voters["member_a"]).get(url).content.decode()
    assert "Bạn không tham gia biểu quyết" in page and "Gửi phiếu" not in page
    assert 'id="receipt-count"' not in page  # not even how many have voted
    assert 'id="receipt-count"' in _as(client, secretary).get(url).content.decode()
    assert _as(client, council.voters["member_a"]).post(
        reverse("council:item_cast", args=[item.pk]), {"choice": "approve"}).status_code == 403
    _as(client, council.voters["member_x"]).post(reverse("council:item_cast", args=[item.pk]),
                                                 {"choice": "abstain"})
    page = _as(client, secretary).get(url).content.decode()
    assert f'id="result-{item.pk}"' not in page and "kết quả được công bố khi" in page
    assert _as(client, chair).post(reverse("council:item_close", args=[item.pk])).status_code == 403
    _as(client, secretary).post(reverse("council:item_close", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "rejected"  # 1/4 present non-excluded
    page = _as(client, chair).get(url).content.decode()
    assert f'id="result-{item.pk}"' in page and "Không thông qua" in page
    page = _as(client, council.voters["member_a"]).get(url).content.decode()
    assert f'id="result-{item.pk}"' not in page
    assert _as(client, council.world.users["officer_a"]).get(url).status_code == 403


@pytest.mark.django_db
def test_my_ballots_lists_open_items(client, council):
    meeting = held_meeting(council)
    item = services.open_vote(item=AgendaItem.objects.get(meeting=meeting, position=1),
                              acting_user=council.voters["secretary"])
    page = _as(client, council.voters["chair"]).get(reverse("council:my_ballots")).content.decode()
    assert reverse("council:item_detail", args=[item.pk]) in page
    page = _as(client, council.voters["member_a"]).get(
        reverse("council:my_ballots")).content.decode()
    assert reverse("council:item_detail", args=[item.pk]) not in page


@pytest.mark.django_db
def test_minutes_docx_has_attendance_exclusions_counts_never_secret_choices(client, council):
    from docx import Document

    meeting = held_meeting(council)
    secretary = council.voters["secretary"]
    first = services.open_vote(item=AgendaItem.objects.get(meeting=meeting, position=1),
                               acting_user=secretary)
    for key, choice in {"chair": "approve", "secretary": "approve", "council": "approve",
                        "member_x": "abstain"}.items():
        services.cast_ballot(item=first, choice=choice, acting_user=council.voters[key])
    services.close_vote(item=first, acting_user=secretary)
    services.close_meeting(meeting=meeting, acting_user=secretary, notes="Thống nhất.")
    r = _as(client, secretary).get(reverse("council:meeting_minutes", args=[meeting.pk]))
    assert r.status_code == 200
    assert r["Content-Disposition"].endswith('.docx"')
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    cells = "\n".join(c.text for t in Document(io.BytesIO(r.content)).tables
                      for row in t.rows for c in row.cells)
    assert "BIÊN BẢN" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Tổng số thành viên Hội đồng: 5; có mặt: 5; vắng mặt: 0." in text
    assert "Tòng Thị Y: Thuộc đơn vị đề nghị (Sở Y tế Thử)." in text
    assert "đồng ý 3, không đồng ý 0, không biểu quyết 1" in text
    assert "Kết quả: Không thông qua." in text
    assert "Biểu quyết công khai" not in text
    assert "THƯ KÝ HỘI ĐỒNG" in cells and "CHỦ TỊCH HỘI ĐỒNG" in cells
    assert "Lê Thị Thư Ký" in cells and "Giàng A Chủ" in cells
    assert _as(client, council.voters["chair"]).get(
        reverse("council:meeting_minutes", args=[meeting.pk])).status_code == 403
