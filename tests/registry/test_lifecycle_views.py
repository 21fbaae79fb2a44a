"""The exemplar page's lifecycle buttons, the route that takes a step, and the command."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.system import SYSTEM_USERNAME
from audit.models import AuditEvent
from registry.enums import ExemplarState as E
from registry.models import Exemplar
from tests.world import world  # noqa: F401


def _page(client, world, role):  # noqa: F811
    client.force_login(world.users[role])
    return client.get(reverse("registry:exemplar_detail", args=[world.exemplar_a.pk])).content.decode()


def _step_url(world, name):  # noqa: F811
    return reverse("registry:exemplar_transition", args=[world.exemplar_a.pk, name])


@pytest.mark.django_db
def test_the_page_offers_each_role_its_own_steps(client, world):  # noqa: F811
    standing = _page(client, world, "standing")
    assert "Đưa vào bồi dưỡng, giúp đỡ" in standing
    assert _step_url(world, "foster") in standing
    assert _step_url(world, "withdraw") not in standing
    officer = _page(client, world, "officer_a")
    assert _step_url(world, "withdraw") in officer and "Rút khỏi danh sách điển hình" in officer
    assert 'id="reason-withdraw" name="reason" rows="2" required' in officer
    assert _step_url(world, "foster") not in officer
    council = _page(client, world, "council")
    assert "Xử lý điển hình" not in council and "/trang-thai/" not in council


@pytest.mark.django_db
def test_revocation_form_asks_for_reason_and_legal_basis(client, world):  # noqa: F811
    Exemplar.objects.filter(pk=world.exemplar_a.pk).update(state=E.RECOGNISED)
    page = _page(client, world, "standing")
    assert _step_url(world, "revoke") in page
    assert 'id="reason-revoke" name="reason"' in page
    assert 'id="basis-revoke" name="legal_basis"' in page
    assert "Căn cứ (số, ngày, trích yếu văn bản)" in page


@pytest.mark.django_db
def test_standing_office_fosters_through_the_page(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    response = client.post(_step_url(world, "foster"),
                           {"version": world.exemplar_a.version}, follow=True)
    page = response.content.decode()
    assert "Đã thực hiện: Đưa vào bồi dưỡng, giúp đỡ." in page
    assert "Đang bồi dưỡng, giúp đỡ" in page
    assert Exemplar.objects.get(pk=world.exemplar_a.pk).state == E.FOSTERING


@pytest.mark.django_db
def test_revocation_through_the_page_keeps_reason_and_basis(client, world):  # noqa: F811
    Exemplar.objects.filter(pk=world.exemplar_a.pk).update(state=E.RECOGNISED)
    client.force_login(world.users["standing"])
    response = client.post(_step_url(world, "revoke"), {
        "reason": "Khai không đúng thành tích", "legal_basis": "Quyết định số 45/QĐ-UBND",
    }, follow=True)
    page = response.content.decode()
    assert "Bị thu hồi công nhận" in page
    assert "Khai không đúng thành tích" in page and "Quyết định số 45/QĐ-UBND" in page
    stored = Exemplar.objects.get(pk=world.exemplar_a.pk)
    assert (stored.state, stored.legal_basis) == (E.REVOKED, "Quyết định số 45/QĐ-UBND")


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "name", "status", "message"), [
    ("council", "foster", 403, ""),
    ("officer_b", "withdraw", 403, ""),
    ("officer_a", "foster", 403, ""),
    ("standing", "withdraw", 403, ""),
    ("officer_a", "withdraw", 302, "Hãy nêu lý do."),
    ("standing", "recognise", 302, "Không thể “Ghi nhận được công nhận” khi điển hình đang ở"),
    ("standing", "commend", 302, "Thao tác không hợp lệ."),
])
def test_refused_steps_leave_the_exemplar_unchanged(client, world, role, name, status,  # noqa: F811
                                                    message):
    client.force_login(world.users[role])
    response = client.post(_step_url(world, name), {})
    assert response.status_code == status
    if message:
        page = client.get(response["Location"]).content.decode()
        assert message in page
    stored = Exemplar.objects.get(pk=world.exemplar_a.pk)
    assert (stored.state, stored.version) == (E.REGISTERED, world.exemplar_a.version)
    assert not AuditEvent.objects.filter(object_id=str(stored.pk), action="transition").exists()


@pytest.mark.django_db
def test_stale_page_is_refused(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    response = client.post(_step_url(world, "foster"), {"version": world.exemplar_a.version + 7},
                           follow=True)
    assert "Điển hình vừa được người khác thay đổi; hãy tải lại trang." in response.content.decode()
    assert Exemplar.objects.get(pk=world.exemplar_a.pk).state == E.REGISTERED


@pytest.mark.django_db
def test_command_takes_a_step_as_the_system_account(world, capsys):  # noqa: F811
    call_command("exemplar_transition", str(world.exemplar_a.pk), "foster")
    assert capsys.readouterr().out.strip() == "Đặng Thị Mai: Đang bồi dưỡng, giúp đỡ."
    event = AuditEvent.objects.get(object_id=str(world.exemplar_a.pk), verb="foster")
    assert event.actor.username == SYSTEM_USERNAME
    call_command("exemplar_transition", str(world.exemplar_a.pk), "withdraw",
                 "--reason", "Đơn vị đề nghị rút", "--user", world.users["officer_a"].username)
    stored = Exemplar.objects.get(pk=world.exemplar_a.pk)
    assert (stored.state, stored.state_reason) == (E.WITHDRAWN, "Đơn vị đề nghị rút")


@pytest.mark.django_db
@pytest.mark.parametrize(("args", "message"), [
    (["999999", "foster"], "Không tìm thấy điển hình 999999."),
    (["{pk}", "recognise"], "Không thể “Ghi nhận được công nhận”"),
    (["{pk}", "withdraw"], "Hãy nêu lý do."),
    (["{pk}", "foster", "--user", "{officer_b}"], "Bạn không có quyền thực hiện thao tác này."),
    (["{pk}", "foster", "--user", "khong-co-ai"], "Không tìm thấy tài khoản “khong-co-ai”."),
])
def test_command_refusals_exit_2_and_change_nothing(world, args, message):  # noqa: F811
    values = {"pk": world.exemplar_a.pk, "officer_b": world.users["officer_b"].username}
    with pytest.raises(CommandError) as excinfo:
        call_command("exemplar_transition", *[a.format(**values) for a in args])
    assert excinfo.value.returncode == 2
    assert message in str(excinfo.value)
    assert Exemplar.objects.get(pk=world.exemplar_a.pk).state == E.REGISTERED
