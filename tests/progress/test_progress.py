"""Progress updates: posting (photos resized and stripped of EXIF, documents checked), the
timeline, lateness, filters, withdrawal, refusals."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import DomainError, NotAllowed
from progress import selectors, services
from progress.models import ProgressAttachment, ProgressSettings, ProgressUpdate
from registry.models import Exemplar
from tests.progress.helpers import hostile, jpeg_with_gps, photo
from tests.world import world  # noqa: F401  (fixture)

TODAY = datetime.date(2026, 3, 10)


def _post(w, user="officer_a", **kwargs):
    values = {"exemplar": w.exemplar_a, "on_date": TODAY, "text": "Đã trồng 2 ha chè",
              "percent": 40, "acting_user": w.users[user], "today": TODAY} | kwargs
    return services.post_update(**values)


def _age(exemplar, days):
    """Make the exemplar registered ``days`` ago (lateness counts from then)."""
    moment = timezone.now() - datetime.timedelta(days=days)
    Exemplar.objects.filter(pk=exemplar.pk).update(created_at=moment, state_changed_at=None)


def test_photo_is_resized_and_stripped_of_gps(world):  # noqa: F811
    from PIL import Image

    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)  # the test file has GPS
    update = _post(world, uploads=[photo()])
    attachment = update.attachments.get()
    assert attachment.kind == "photo" and attachment.original_name == "anh-ruong.jpg"
    with attachment.file.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert max(image.size) == 1600 and image.size == (1600, 1200)
    exif = image.getexif()
    assert len(exif) == 0 and 0x8825 not in exif
    assert b"Exif" not in data[:4096] and "Máy chụp thử".encode() not in data
    assert attachment.file.name.startswith("progress/") and attachment.file.name.endswith(".jpg")


def test_two_updates_on_the_timeline_newest_first(client, world):  # noqa: F811
    _post(world, on_date=TODAY - datetime.timedelta(days=5), text="Khởi động mô hình",
          percent=10, uploads=[photo()])
    _post(world, on_date=TODAY, text="Đã trồng 2 ha chè", percent=40,
          quality_note="Chè phát triển tốt")
    client.force_login(world.users["standing"])
    page = client.get(reverse("progress:timeline", args=[world.exemplar_a.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index("Đã trồng 2 ha chè") < html.index("Khởi động mô hình")
    assert "Chè phát triển tốt" in html and 'value="40"' in html
    attachment = ProgressAttachment.objects.get()
    assert reverse("progress:attachment", args=[attachment.pk]) in html
    download = client.get(reverse("progress:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"
    client.force_login(world.users["officer_b"])
    assert client.get(reverse("progress:attachment", args=[attachment.pk])).status_code == 403


def test_post_through_the_form(client, world):  # noqa: F811
    client.force_login(world.users["head_a"])
    response = client.post(reverse("progress:post_update", args=[world.exemplar_a.pk]), {
        "on_date": timezone.localdate().strftime("%d/%m/%Y"), "percent": "55",
        "text": "Hoàn thành tập huấn", "quality_note": "", "files": [photo()]})
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.percent == 55 and update.author == world.users["head_a"]
    assert update.attachments.count() == 1
    assert AuditEvent.objects.filter(verb="Cập nhật tiến độ").count() == 1


def test_hostile_file_refused_and_nothing_saved(client, world, settings):  # noqa: F811
    client.force_login(world.users["officer_a"])
    response = client.post(reverse("progress:post_update", args=[world.exemplar_a.pk]), {
        "on_date": timezone.localdate().strftime("%d/%m/%Y"), "percent": "20",
        "text": "Có ảnh giả", "files": [hostile()]})
    assert response.status_code == 200
    assert "không phải là ảnh đọc được" in response.content.decode()
    assert not ProgressUpdate.objects.exists() and not ProgressAttachment.objects.exists()
    private_dir = settings.PRIVATE_FILES_DIR
    assert not (private_dir / "progress").exists() or not any((private_dir / "progress").iterdir())


@pytest.mark.parametrize(("name", "data", "message"), [
    ("macro.docm", b"PK\x03\x04", "macro"),
    ("chuong-trinh.exe", b"MZ\x90\x00", "không được nhận"),
    ("gia.pdf", b"<html></html>", "không phải tệp PDF"),
    ("cu.doc", b"\xd0\xcf\x11\xe0", ".doc"),
    ("rong.png", b"", "rỗng"),
])
def test_refused_files(world, name, data, message):  # noqa: F811
    with pytest.raises(DomainError) as error:
        _post(world, uploads=[SimpleUploadedFile(name, data)])
    assert message in error.value.message
    assert not ProgressUpdate.objects.exists()


def test_documents_accepted(world):  # noqa: F811
    from tests.test_url_access import _form_sheet

    update = _post(world, uploads=[SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 bao cao"),
                                   SimpleUploadedFile("so-lieu.xlsx", _form_sheet())])
    kinds = sorted(update.attachments.values_list("kind", "content_type"))
    assert [k for k, _ in kinds] == ["document", "document"]
    assert {c for _, c in kinds} == {"application/pdf",
                                     "application/vnd.openxmlformats-officedocument."
                                     "spreadsheetml.sheet"}


@pytest.mark.parametrize(("changes", "message"), [
    ({"text": "  "}, "nội dung"),
    ({"percent": 101}, "0 đến 100"),
    ({"percent": -1}, "0 đến 100"),
    ({"on_date": TODAY + datetime.timedelta(days=1)}, "sau hôm nay"),
    ({"uploads": [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1") for i in range(6)]}, "tối đa 5"),
])
def test_bad_input_refused(world, changes, message):  # noqa: F811
    with pytest.raises(DomainError) as error:
        _post(world, **changes)
    assert message in error.value.message
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("state", ["recognised", "withdrawn", "revoked", "proposed"])
def test_closed_states_refuse_updates(world, state):  # noqa: F811
    Exemplar.objects.filter(pk=world.exemplar_a.pk).update(state=state)
    world.exemplar_a.refresh_from_db()
    with pytest.raises(DomainError) as error:
        _post(world)
    assert "chỉ cập nhật tiến độ khi điển hình đã đăng ký hoặc đang bồi dưỡng" in (
        error.value.message)
    assert not ProgressUpdate.objects.exists()


def test_fostering_accepts_updates_after_the_lifecycle_step(world):  # noqa: F811
    from registry.services import transition_exemplar

    transition_exemplar(exemplar=world.exemplar_a, name="foster", acting_user=world.users["standing"],
                        reason="", legal_basis="", expected_version=world.exemplar_a.version)
    world.exemplar_a.refresh_from_db()
    assert world.exemplar_a.state == "fostering"
    assert _post(world).pk


@pytest.mark.parametrize("role", ["officer_b", "standing", "council"])
def test_refused_roles_change_nothing(world, role):  # noqa: F811
    with pytest.raises(NotAllowed):
        _post(world, user=role)
    assert not ProgressUpdate.objects.exists()


def test_lateness(world):  # noqa: F811
    campaign = world.campaign
    _age(world.exemplar_a, 40)
    on = timezone.localdate()
    assert selectors.stale_after_days(campaign) == 30
    late = list(selectors.late_exemplars(campaign, on))
    assert world.exemplar_a in late
    # an update 10 days ago: no longer late
    _post(world, on_date=on - datetime.timedelta(days=10), today=on)
    assert world.exemplar_a not in selectors.late_exemplars(campaign, on)
    # the standing office lowers the threshold to 7 days: late again
    services.save_settings(campaign=campaign, stale_after_days=7,
                           acting_user=world.users["standing"])
    assert ProgressSettings.objects.get().stale_after_days == 7
    assert world.exemplar_a in selectors.late_exemplars(campaign, on)
    units = selectors.units_with_overdue_progress(campaign, on)
    assert [u for u, _ in units] == [world.unit_a]
    assert "Đặng Thị Mai" in units[0][1] and "quá 7 ngày" in units[0][1]


def test_withdrawn_update_stops_counting(world):  # noqa: F811
    on = timezone.localdate()
    _age(world.exemplar_a, 40)
    update = _post(world, on_date=on, today=on)
    assert world.exemplar_a not in selectors.late_exemplars(world.campaign, on)
    with pytest.raises(NotAllowed):
        services.withdraw_update(update=update, reason="Nhầm", acting_user=world.users["head_a"])
    services.withdraw_update(update=update, reason="Nhập nhầm số liệu",
                             acting_user=world.users["officer_a"])
    update.refresh_from_db()
    assert update.withdrawn_reason == "Nhập nhầm số liệu"
    assert world.exemplar_a in selectors.late_exemplars(world.campaign, on)
    assert AuditEvent.objects.filter(verb="Rút cập nhật tiến độ", reason="Nhập nhầm số liệu").exists()
    with pytest.raises(NotAllowed):  # once only
        services.withdraw_update(update=update, reason="lại", acting_user=world.users["officer_a"])


def test_late_badge_and_filters_on_the_list(client, world):  # noqa: F811
    _age(world.exemplar_a, 45)
    on = timezone.localdate()
    other = Exemplar.objects.get(name="Khoa Nội")
    _post(world, exemplar=other, on_date=on, today=on, percent=80)
    client.force_login(world.users["standing"])
    url = reverse("progress:list")
    html = client.get(url).content.decode()
    assert "Đặng Thị Mai" in html and "Khoa Nội" in html and "Lò Văn Thắng" in html
    assert "chậm cập nhật" in html
    late = client.get(url, {"late": "1"}).content.decode()
    assert "Đặng Thị Mai" in late and "Khoa Nội" not in late
    high = client.get(url, {"percent_min": "50"}).content.decode()
    assert "Khoa Nội" in high and "Đặng Thị Mai" not in high
    unit_b = client.get(url, {"unit": world.unit_b.pk}).content.decode()
    assert "Lò Văn Thắng" in unit_b and "Khoa Nội" not in unit_b
    kind = client.get(url, {"kind": "collective"}).content.decode()
    assert "Khoa Nội" in kind and "Đặng Thị Mai" not in kind
    field = client.get(url, {"field": "k"}).content.decode()
    assert "Lò Văn Thắng" in field and "Khoa Nội" not in field
    state = client.get(url, {"state": "fostering"}).content.decode()
    assert "Khoa Nội" not in state and "Không có điển hình nào" in state


def test_unit_officer_sees_only_their_own(client, world):  # noqa: F811
    client.force_login(world.users["officer_b"])
    html = client.get(reverse("progress:list")).content.decode()
    assert "Lò Văn Thắng" in html and "Đặng Thị Mai" not in html


def test_settings_page(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    url = reverse("progress:settings", args=[world.campaign.code])
    assert client.post(url, {"stale_after_days": "0"}).status_code == 200
    assert not ProgressSettings.objects.exists()
    assert client.post(url, {"stale_after_days": "14"}).status_code == 302
    assert ProgressSettings.objects.get().stale_after_days == 14


def test_unit_page_panel(client, world):  # noqa: F811
    _age(world.exemplar_a, 45)
    client.force_login(world.users["officer_a"])
    html = client.get(reverse("orgs:unit_detail", args=[world.unit_a.pk])).content.decode()
    assert "Tiến độ bồi dưỡng" in html and "1 chậm cập nhật" in html
