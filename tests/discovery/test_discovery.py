"""Discovery: the public form (confirmation step, honeypot, throttle, photos re-encoded, bad
input), screening by the standing office (routing notice to the unit, decline mail), scoping."""

import io

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Notification
from core.errors import DomainError, NotAllowed
from discovery import services
from discovery.models import Suggestion, SuggestionPhoto, SuggestionState
from tests.progress.helpers import hostile, photo
from tests.test_smtp_delivery import smtp_server  # noqa: F401  (fixture)
from tests.world import world  # noqa: F401  (fixture)

URL = "/gioi-thieu/"
FIELDS = {"sender_name": "Phóng viên Lò Thị Hoa", "contact_email": "hoa@example.vn",
          "contact_phone": "0912 345 678", "whom": "Ông Tao Văn Páo",
          "what": "Hiến 500 m² đất làm đường vào bản.", "where": "Bản Nà Luồng, xã Bình Lư"}


def _review(client, **extra):
    return client.post(URL, {**FIELDS, "step": "review", **extra})


def _send(client, tokens=(), **extra):
    return client.post(URL, {**FIELDS, "step": "send", "photo_token": list(tokens), **extra})


def _suggestion(**kwargs):
    return services.submit_suggestion(**{**FIELDS, **kwargs})


@pytest.mark.django_db
def test_form_then_confirmation_then_thanks(client):
    assert client.get(URL).status_code == 200
    response = _review(client)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xem lại trước khi gửi" in page and "Ông Tao Văn Páo" in page
    assert "Sửa lại" in page and ">Gửi<" in page
    assert not Suggestion.objects.exists()  # nothing stored before "Gửi"
    response = _send(client)
    assert response.status_code == 302 and response["Location"].endswith("/gioi-thieu/cam-on/")
    row = Suggestion.objects.get()
    assert row.state == SuggestionState.SUBMITTED and row.whom == "Ông Tao Văn Páo"
    assert row.contact_email == "hoa@example.vn" and len(row.client_hash) == 64
    assert "127.0.0.1" not in row.client_hash
    assert "Cảm ơn" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_edit_goes_back_to_the_form_with_the_values(client):
    response = client.post(URL, {**FIELDS, "step": "edit"})
    page = response.content.decode()
    assert response.status_code == 200 and 'value="Ông Tao Văn Páo"' in page
    assert "Xem lại trước khi gửi" in page and not Suggestion.objects.exists()


@pytest.mark.django_db
def test_inputs_are_nfc_cleaned(client):
    decomposed = "O\u0302ng Tao Va\u0306n Pa\u0301o\u200b"
    _send(client, whom=decomposed)
    assert Suggestion.objects.get().whom == "Ông Tao Văn Páo"


@pytest.mark.django_db
def test_honeypot_drops_silently(client):
    response = _send(client, website="http://spam.example")
    assert response.status_code == 302 and response["Location"].endswith("/cam-on/")
    assert not Suggestion.objects.exists()
    page = client.get(URL).content.decode()
    assert 'class="discovery-hp"' in page and "style=" not in page.split("<main", 1)[-1]


@pytest.mark.django_db
def test_throttle_per_address(client, settings):
    settings.DISCOVERY_SUGGESTIONS_PER_HOUR = 2
    assert _send(client).status_code == 302
    assert _send(client).status_code == 302
    response = _send(client)
    assert response.status_code == 429
    assert "đã gửi 2 giới thiệu trong một giờ qua" in response.content.decode()
    assert Suggestion.objects.count() == 2
    # another address is not held back
    assert client.post(URL, {**FIELDS, "step": "send"}, REMOTE_ADDR="10.0.0.9").status_code == 302
    assert Suggestion.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("bad, message", [
    ({"whom": ""}, "Hãy ghi tên người (tập thể) được giới thiệu."),
    ({"contact_email": "khong-phai-thu"}, "Địa chỉ thư điện tử không hợp lệ."),
    ({"contact_phone": "<script>"}, "Số điện thoại chỉ gồm chữ số"),
    ({"what": "x" * 5001}, "Nội dung quá dài"),
    ({"photo_token": "a" * 40}, "Bản xem trước đã hết hạn"),
])
def test_bad_input_is_refused_in_vietnamese(client, bad, message):
    response = client.post(URL, {**FIELDS, "step": "send", **bad})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
def test_photo_reencoded_without_exif_through_the_confirmation(client):
    from PIL import Image

    response = _review(client, photos=[photo()])
    assert response.status_code == 200 and "anh-ruong.jpg" in response.content.decode()
    tokens = response.context["tokens"]
    assert len(tokens) == 1
    assert _send(client, tokens).status_code == 302
    stored = SuggestionPhoto.objects.get()
    with stored.file.open("rb") as handle:
        data = handle.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and max(image.size) == 1600
    assert len(image.getexif()) == 0 and "Máy chụp thử".encode() not in data
    assert stored.file.name.startswith("discovery/") and stored.file.name.endswith(".jpg")


@pytest.mark.django_db
def test_hostile_photo_is_refused(client):
    response = _review(client, photos=[hostile()])
    assert response.status_code == 200
    assert "không phải là ảnh đọc được" in response.content.decode()
    pdf = io.BytesIO(b"%PDF-1.4 x")
    pdf.name = "tai-lieu.pdf"
    response = _review(client, photos=[pdf])
    assert "chỉ gửi kèm ảnh" in response.content.decode()
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
def test_someone_elses_token_is_refused(client):
    tokens = _review(client, photos=[photo()]).context["tokens"]
    response = client.post(URL, {**FIELDS, "step": "send", "photo_token": tokens},
                           REMOTE_ADDR="10.0.0.7")
    assert "Bản xem trước đã hết hạn" in response.content.decode()
    assert not Suggestion.objects.exists()


@pytest.mark.django_db
def test_route_tells_the_units_officers_and_heads(world, django_capture_on_commit_callbacks):  # noqa: F811
    suggestion = _suggestion()
    with django_capture_on_commit_callbacks(execute=True):
        routed = services.route_suggestion(suggestion=suggestion, unit=world.unit_a,
                                           acting_user=world.users["standing"])
    assert routed.state == SuggestionState.ACCEPTED_ROUTED and routed.routed_unit == world.unit_a
    assert routed.screened_by == world.users["standing"] and routed.screened_at
    told = set(Notification.objects.values_list("user", flat=True))
    assert told == {world.users["officer_a"].pk, world.users["head_a"].pk}
    assert "Ông Tao Văn Páo" in Notification.objects.first().message
    # the routed unit sees it, another unit does not; contact stays with the standing office
    from django.test import Client

    officer = Client()
    officer.force_login(world.users["officer_a"])
    page = officer.get(reverse("discovery:detail", args=[routed.pk])).content.decode()
    assert "Ông Tao Văn Páo" in page and "hoa@example.vn" not in page
    assert "Ông Tao Văn Páo" in officer.get(reverse("discovery:list")).content.decode()
    other = Client()
    other.force_login(world.users["officer_b"])
    assert other.get(reverse("discovery:detail", args=[routed.pk])).status_code == 403
    assert "Ông Tao Văn Páo" not in other.get(reverse("discovery:list")).content.decode()
    with pytest.raises(DomainError):
        services.route_suggestion(suggestion=routed, unit=world.unit_b,
                                  acting_user=world.users["standing"])


@pytest.mark.django_db
def test_only_the_standing_office_screens(world):  # noqa: F811
    suggestion = _suggestion()
    for role in ("officer_a", "head_a", "council"):
        with pytest.raises(NotAllowed):
            services.route_suggestion(suggestion=suggestion, unit=world.unit_a,
                                      acting_user=world.users[role])
        with pytest.raises(NotAllowed):
            services.decline_suggestion(suggestion=suggestion, reason="Không rõ",
                                        acting_user=world.users[role])
    assert Suggestion.objects.get().state == SuggestionState.SUBMITTED


@pytest.mark.django_db
def test_decline_mails_the_sender(world, django_capture_on_commit_callbacks):  # noqa: F811
    suggestion = _suggestion()
    with pytest.raises(DomainError):
        services.decline_suggestion(suggestion=suggestion, reason="  ",
                                    acting_user=world.users["standing"])
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_suggestion(suggestion=suggestion,
                                    reason="Việc đã được khen thưởng năm 2025.",
                                    acting_user=world.users["standing"])
    row = Suggestion.objects.get()
    assert row.state == SuggestionState.DECLINED and row.decline_reason.startswith("Việc đã")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoa@example.vn"] and "Việc đã được khen thưởng năm 2025." in message.body
    # no email given: no mail
    silent = _suggestion(contact_email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_suggestion(suggestion=silent, reason="Trùng",
                                    acting_user=world.users["standing"])
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_decline_mail_over_real_smtp(world, smtp_server):  # noqa: F811
    suggestion = _suggestion()
    services.decline_suggestion(suggestion=suggestion, reason="Chưa đủ thông tin để xác minh.",
                                acting_user=world.users["standing"])
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "hoa@example.vn"
    assert "Chưa đủ thông tin để xác minh." in message.get_payload(decode=True).decode("utf-8")


@pytest.mark.django_db
def test_staff_pages_route_and_decline(client, world):  # noqa: F811
    suggestion = _suggestion()
    client.force_login(world.users["standing"])
    page = client.get(reverse("discovery:detail", args=[suggestion.pk])).content.decode()
    assert "hoa@example.vn" in page and "Tiếp nhận và chuyển" in page
    response = client.post(reverse("discovery:route", args=[suggestion.pk]), {"unit": "abc"})
    assert response.status_code == 200 and "Hãy chọn đơn vị được chuyển." in response.content.decode()
    response = client.post(reverse("discovery:route", args=[suggestion.pk]),
                           {"unit": world.unit_b.pk})
    assert response.status_code == 302
    assert Suggestion.objects.get().routed_unit == world.unit_b
    listing = client.get(reverse("discovery:list") + "?state=accepted_routed").content.decode()
    assert "Ông Tao Văn Páo" in listing
    assert client.get(reverse("discovery:list") + "?state=nonsense").status_code == 200


@pytest.mark.django_db
def test_confirmation_carries_every_field_back_unchanged(client):
    import html
    import re

    story = "Dòng một: hiến đất.\nDòng hai: góp 20 ngày công."
    page = _review(client, what=story).content.decode()
    carried = {name: html.unescape(value) for name, value in
               re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)}
    what = html.unescape(re.search(r'<textarea name="what" hidden>(.*?)</textarea>', page,
                                   re.S).group(1))
    assert what == story
    fields = {k: v for k, v in carried.items() if k in FIELDS}
    assert fields == {k: v for k, v in FIELDS.items() if k != "what"}
    client.post(URL, {**carried, "what": what, "step": "send"})
    assert Suggestion.objects.get().what == story


@pytest.mark.django_db
def test_route_sets_the_place_unit_when_missing_and_the_list_filters(client, world):  # noqa: F811
    first, second = _suggestion(), _suggestion(whom="Bà Lò Thị Xuân")
    services.route_suggestion(suggestion=first, unit=world.unit_a,
                              acting_user=world.users["standing"])
    services.route_suggestion(suggestion=second, unit=world.unit_b,
                              acting_user=world.users["standing"])
    assert Suggestion.objects.get(pk=first.pk).unit == world.unit_a
    client.force_login(world.users["standing"])
    page = client.get(reverse("discovery:list"), {"unit": world.unit_b.pk}).content.decode()
    assert "Bà Lò Thị Xuân" in page and "Ông Tao Văn Páo" not in page


@pytest.mark.django_db
def test_api_hides_the_contact_from_the_routed_unit(client, world):  # noqa: F811
    from tests.api.helpers import BASE, call, token_for

    suggestion = _suggestion()
    services.route_suggestion(suggestion=suggestion, unit=world.unit_a,
                              acting_user=world.users["standing"])
    path = f"/suggestions/{suggestion.pk}"
    staff = call(client, "GET", path, token_for(world.users["standing"], "read")).json()
    unit = call(client, "GET", path, token_for(world.users["officer_a"], "read")).json()
    assert staff["contact_email"] == "hoa@example.vn" and staff["state"] == "accepted_routed"
    assert unit["contact_email"] is None and unit["contact_phone"] is None
    assert unit["whom"] == "Ông Tao Văn Páo" and BASE


@pytest.mark.django_db
def test_api_decline_refuses_an_empty_reason(client, world):  # noqa: F811
    from tests.api.helpers import call, token_for

    suggestion = _suggestion()
    token = token_for(world.users["standing"], "read,write")
    response = call(client, "POST", f"/suggestions/{suggestion.pk}/decline", token,
                    {"reason": "   "})
    assert response.status_code in (400, 422) and "lý do" in response.content.decode()
    assert Suggestion.objects.get().state == SuggestionState.SUBMITTED
