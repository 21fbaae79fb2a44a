"""Propagation: the channels load idempotently; who may introduce which exemplar; the declared
status table; files through the upload door; the pages and the exemplar panel."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditEvent
from core.errors import DomainError, NotAllowed, StaleVersion
from propagation import services
from propagation.models import Channel, Introduction, IntroductionAttachment, IntroductionStatus
from tests.db_state import differences, snapshot
from tests.propagation.helpers import SENT_ON, channels, introduce
from tests.world import world  # noqa: F401  (fixture)

TODAY = datetime.date(2026, 3, 10)


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.django_db
def test_load_channels_is_idempotent_and_keeps_added_ones(world):  # noqa: F811
    call_command("load_channels", stdout=io.StringIO())
    names = set(Channel.objects.values_list("name", flat=True))
    assert {"Báo Lai Châu", "Đài Phát thanh - Truyền hình tỉnh", "Cổng Thông tin điện tử tỉnh",
            "Ban Thi đua - Khen thưởng Trung ương",
            "Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc"} <= names
    services.add_channel(name="Tạp chí Xây dựng Đảng", kind="press",
                         acting_user=world.users["standing"])
    before = snapshot()
    assert services.load_channels() == (0, 0)
    assert snapshot() == before
    assert Channel.objects.count() == 6


@pytest.mark.django_db
def test_only_the_standing_office_adds_a_channel(world):  # noqa: F811
    with pytest.raises(NotAllowed):
        services.add_channel(name="Báo X", kind="press", acting_user=world.users["officer_a"])
    with pytest.raises(DomainError):
        services.add_channel(name="Báo X", kind="không-có", acting_user=world.users["standing"])
    channels()
    with pytest.raises(DomainError, match="Đã có kênh"):
        services.add_channel(name="Báo Lai Châu", kind="press", acting_user=world.users["standing"])


@pytest.mark.django_db
def test_who_records_an_introduction(world):  # noqa: F811
    introduce(world, user="standing")
    introduce(world, user="officer_a")
    introduce(world, user="head_a")
    for role in ("officer_b", "council"):
        before = snapshot()
        with pytest.raises(NotAllowed):
            introduce(world, user=role)
        assert snapshot() == before, differences(before, snapshot())
    assert Introduction.objects.filter(exemplar=world.exemplar_a).count() == 3
    assert AuditEvent.objects.filter(content_type__model="introduction").count() >= 3


@pytest.mark.django_db
def test_bad_input_is_refused_in_vietnamese(world):  # noqa: F811
    ch = channels()["bao-lai-chau"]
    with pytest.raises(DomainError, match="nội dung"):
        services.record_introduction(exemplar=world.exemplar_a, channel=ch, sent_on=SENT_ON,
                                     content="  ", acting_user=world.users["standing"])
    with pytest.raises(DomainError, match="sau hôm nay"):
        services.record_introduction(exemplar=world.exemplar_a, channel=ch,
                                     sent_on=datetime.date(2099, 1, 1), content="Bài",
                                     acting_user=world.users["standing"])
    assert not Introduction.objects.exists()


@pytest.mark.django_db
def test_status_follows_the_declared_table(world):  # noqa: F811
    intro = introduce(world)
    standing = world.users["standing"]
    with pytest.raises(DomainError, match="đường dẫn"):
        services.change_status(introduction=intro, status="published", acting_user=standing)
    with pytest.raises(DomainError, match="http"):
        services.change_status(introduction=intro, status="published",
                               published_url="javascript:alert(1)", acting_user=standing)
    intro = services.change_status(introduction=intro, status="published",
                                   published_url="https://baolaichau.vn/bai-viet-1",
                                   expected_version=intro.version, acting_user=standing,
                                   today=TODAY)
    assert intro.status == IntroductionStatus.PUBLISHED and intro.version == 2
    with pytest.raises(StaleVersion):
        services.change_status(introduction=intro, status="sent", expected_version=1,
                               acting_user=standing)
    with pytest.raises(DomainError, match="Không thể chuyển"):
        services.change_status(introduction=intro, status="declined", acting_user=standing)
    with pytest.raises(NotAllowed):
        services.change_status(introduction=intro, status="sent",
                               acting_user=world.users["officer_b"])
    second = introduce(world, channel_code="dai-ptth-tinh", user="officer_a")
    second = services.change_status(introduction=second, status="published",
                                    broadcast_on=datetime.date(2026, 3, 8), today=TODAY,
                                    acting_user=world.users["officer_a"])
    assert second.broadcast_on == datetime.date(2026, 3, 8) and second.published_url == ""


@pytest.mark.django_db
def test_files_go_through_the_upload_door(world):  # noqa: F811
    photo = SimpleUploadedFile("anh.png", _jpeg(), content_type="image/png")
    intro = introduce(world, uploads=[photo])
    stored = IntroductionAttachment.objects.get(introduction=intro)
    assert stored.kind == "photo" and stored.file.name.startswith("propagation/")
    assert stored.file.name.endswith(".jpg")
    bad = SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/octet-stream")
    before = Introduction.objects.count()
    with pytest.raises(DomainError, match="không được nhận"):
        introduce(world, uploads=[bad])
    assert Introduction.objects.count() == before


@pytest.mark.django_db
def test_pages_panel_and_download(client, world):  # noqa: F811
    photo = SimpleUploadedFile("anh.jpg", _jpeg(), content_type="image/jpeg")
    intro = introduce(world, user="officer_a", uploads=[photo])
    client.force_login(world.users["officer_a"])
    page = client.get(reverse("registry:exemplar_detail", kwargs={"pk": world.exemplar_a.pk}))
    text = page.content.decode()
    assert "propagation-panel" in text and "Báo Lai Châu" in text
    listing = client.get(reverse("propagation:introduction_list"), {"status": "sent"}).content
    assert "Đặng Thị Mai".encode() in listing
    attachment = intro.attachments.get()
    download = client.get(reverse("propagation:attachment", kwargs={"pk": attachment.pk}))
    assert download.status_code == 200
    client.force_login(world.users["officer_b"])
    assert "Đặng Thị Mai".encode() not in client.get(
        reverse("propagation:introduction_list")).content
    assert client.get(reverse("propagation:attachment",
                              kwargs={"pk": attachment.pk})).status_code == 403


@pytest.mark.django_db
def test_record_and_publish_on_the_web(client, world):  # noqa: F811
    ch = channels()["dai-ptth-tinh"]
    client.force_login(world.users["head_a"])
    url = reverse("propagation:introduction_create", kwargs={"exemplar_id": world.exemplar_a.pk})
    bad = client.post(url, {"channel": ch.pk, "sent_on": "32/13/2026", "content": "Phóng sự"})
    assert bad.status_code == 200 and "dd/mm/yyyy" in bad.content.decode()
    assert not Introduction.objects.exists()
    ok = client.post(url, {"channel": ch.pk, "sent_on": "02/03/2026", "content": "Phóng sự"})
    intro = Introduction.objects.get()
    assert ok.status_code == 302 and intro.sent_on == SENT_ON
    done = client.post(reverse("propagation:introduction_status", kwargs={"pk": intro.pk}),
                       {"status": "published", "broadcast_on": "05/03/2026",
                        "version": intro.version})
    assert done.status_code == 302
    intro.refresh_from_db()
    assert intro.status == "published" and intro.broadcast_on == datetime.date(2026, 3, 5)


@pytest.mark.django_db
def test_standing_office_adds_a_channel_on_the_page(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    url = reverse("propagation:channel_list")
    bad = client.post(url, {"name": "Báo Biên phòng", "kind": "press",
                            "valid_from": "01/02/2026", "valid_to": "01/01/2026"})
    assert bad.status_code == 200 and "không được trước" in bad.content.decode()
    assert not Channel.objects.filter(name="Báo Biên phòng").exists()
    ok = client.post(url, {"name": "Báo Biên phòng", "kind": "press", "valid_from": "01/02/2026"})
    assert ok.status_code == 302
    added = Channel.objects.get(name="Báo Biên phòng")
    assert added.valid_from == datetime.date(2026, 2, 1) and not added.from_reference
    page = client.get(reverse("registry:exemplar_detail", kwargs={"pk": world.exemplar_a.pk}))
    assert "Đưa vào bộ tài liệu giới thiệu" in page.content.decode()
