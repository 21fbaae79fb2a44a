"""Sends that cannot be undone are confirmed: "Trình thủ trưởng duyệt" and "Duyệt và gửi Sở Nội
vụ" open a summary (entries per kind, quota status, the signed form attached) whose one button
POSTs to the unchanged transition route; the return and the below-quota approval have their own
reason fields; the signed-form upload comes before the send button."""

import pytest
from django.urls import reverse

from registry import services
from registry.enums import RegistrationState
from tests.registry_signed.pdfs import stored_signed_form
from tests.world import world  # noqa: F401  (fixture)


def _confirm(pk, name):
    return reverse("registry:registration_confirm", args=[pk, name])


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _send(world):  # noqa: F811
    services.transition_registration(registration=world.registration_a,
                                     transition="send_for_approval",
                                     acting_user=world.users["officer_a"])


@pytest.mark.django_db
def test_the_send_button_opens_a_summary_and_sends_nothing(client, world):  # noqa: F811
    """Replay: one click on "Trình thủ trưởng duyệt" sent the registration."""
    reg = world.registration_a
    client.force_login(world.users["officer_a"])
    detail = _page(client, reverse("registry:registration_detail", args=[reg.pk]))
    send = reverse("registry:registration_transition", args=[reg.pk, "send_for_approval"])
    assert f'action="{send}"' not in detail  # no one-click send on the registration page
    assert f'href="{_confirm(reg.pk, "send_for_approval")}"' in detail
    page = _page(client, _confirm(reg.pk, "send_for_approval"))
    reg.refresh_from_db()
    assert reg.state == RegistrationState.DRAFT
    assert f'action="{send}"' in page
    assert "Xác nhận: Trình thủ trưởng duyệt" in page
    assert '<dd data-kind="collective">1</dd>' in page and '<dd data-kind="individual">1</dd>' in page
    assert '<dd id="confirm-total">2</dd>' in page
    assert "Đủ chỉ tiêu" in page and "Khoa Nội" in page and "Đặng Thị Mai" in page
    assert client.post(send, {"version": reg.version}).status_code == 302
    reg.refresh_from_db()
    assert reg.state == RegistrationState.AWAITING_APPROVAL


@pytest.mark.django_db
def test_the_approval_summary_shows_the_signed_form_and_asks_why_below_quota(
        client, world):  # noqa: F811
    reg = world.registration_a
    reg.exemplars.filter(kind="collective").delete()
    _send(world)
    client.force_login(world.users["head_a"])
    page = _page(client, _confirm(reg.pk, "approve"))
    assert "Chưa đủ chỉ tiêu" in page and "Tập thể 0/1" in page
    assert "Chưa đính kèm biểu đăng ký đã ký." in page
    assert "Lý do duyệt khi chưa đủ chỉ tiêu tối thiểu" in page
    assert 'id="reason-approve" name="reason"' in page
    stored_signed_form(reg)
    page = _page(client, _confirm(reg.pk, "approve"))
    assert "bieu-da-ky.pdf" in page and "Chưa đính kèm" not in page
    detail = _page(client, reverse("registry:registration_detail", args=[reg.pk]))
    # Separate reasons: returning has its own field; approving below quota asks on the summary.
    assert '<label for="reason-send_back">Lý do trả lại</label>' in detail
    assert 'id="reason-approve"' not in detail
    assert detail.index('id="signed-forms"') < detail.index('id="transitions"')
    approve = reverse("registry:registration_transition", args=[reg.pk, "approve"])
    reg.refresh_from_db()
    client.post(approve, {"version": reg.version, "reason": "Đơn vị nhỏ"})
    reg.refresh_from_db()
    assert (reg.state, reg.below_quota_reason) == (RegistrationState.SUBMITTED, "Đơn vị nhỏ")


@pytest.mark.django_db
def test_the_summary_is_only_for_who_may_send_and_when(client, world):  # noqa: F811
    reg = world.registration_a
    for role in ("head_a", "standing", "officer_b", "council"):
        client.force_login(world.users[role])
        assert client.get(_confirm(reg.pk, "send_for_approval")).status_code == 403, role
    client.force_login(world.users["officer_a"])
    # Not a step from this state, or not one that is confirmed: back to the registration.
    for name in ("approve", "receive", "nonsense"):
        response = client.get(_confirm(reg.pk, name), follow=True)
        assert response.redirect_chain[-1][0] == reverse("registry:registration_detail",
                                                         args=[reg.pk]), name
        assert "Thao tác không hợp lệ." in response.content.decode()
    _send(world)
    assert client.get(_confirm(reg.pk, "approve")).status_code == 403  # the head's step
    client.force_login(world.users["head_a"])
    assert client.get(_confirm(reg.pk, "approve")).status_code == 200
    reg.refresh_from_db()
    assert reg.state == RegistrationState.AWAITING_APPROVAL
