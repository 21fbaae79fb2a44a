"""Two-factor sign-in (accounts/mfa.py): who must, the gate before everything else, enrolment
with a code computed by pyotp, recovery codes used once, the lock-out, the optional enrolment,
the administrator's reset and the demo's pre-enrolled accounts."""

import re
from datetime import timedelta

import pyotp
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import mfa
from accounts.models import Role
from audit.models import AuditEvent
from core.errors import NotAllowed
from tests.db_state import differences, snapshot
from tests.factories import MembershipFactory, UserFactory
from tests.mfa import code_for, give_device, sign_in_unverified
from tests.world import world  # noqa: F401  (fixture)

PASSWORD = "mat-khau-thu-nghiem-2026"
LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:mfa_verify")
ENROL = reverse("accounts:mfa_enrol")


def _sign_in(client, user):
    """Through the login page, as a person does: the password only."""
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD})


def _verbs(user) -> list[str]:
    return list(AuditEvent.objects.filter(content_type__model="user", object_id=str(user.pk))
                .order_by("pk").values_list("verb", flat=True))


@pytest.mark.django_db
def test_who_must_have_a_second_factor(world):  # noqa: F811
    must = {role: mfa.required_for(user) for role, user in world.users.items()}
    assert must == {"officer_a": False, "head_a": False, "officer_b": False, "standing": True,
                    "council": True, "admin": True, "national": True}
    admin_role = MembershipFactory(unit=world.unit_a, role=Role.SYSTEM_ADMIN).user
    assert mfa.required_for(admin_role)
    inactive = MembershipFactory(unit=world.unit_a, role=Role.STANDING_OFFICE, is_active=False)
    assert not mfa.required_for(inactive.user)
    assert mfa.enrolled(world.users["standing"]) and not mfa.enrolled(world.users["officer_a"])


@pytest.mark.django_db
def test_a_privileged_user_without_a_device_can_do_nothing_but_enrol(client, world):  # noqa: F811
    standing = MembershipFactory(unit=world.unit_a, role=Role.STANDING_OFFICE).user
    response = _sign_in(client, standing)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 302  # home → enrolment
    pages = [reverse("home"), reverse("registry:overview", args=[world.campaign.code]),
             reverse("accounts:notifications"), reverse("accounts:security"),
             reverse("accounts:password_change"), reverse("admin:index"),
             reverse("registry:exemplar_detail", args=[world.exemplar_a.pk])]
    for url in pages:
        got = client.get(url)
        assert got.status_code == 302 and got["Location"].startswith(ENROL), (url, got)
    before = snapshot()
    for url, data in [
        (reverse("registry:exemplar_transition", args=[world.exemplar_a.pk, "foster"]),
         {"version": world.exemplar_a.version}),
        (reverse("accounts:password_change"),
         {"old_password": PASSWORD, "new_password1": "Mat-khau-moi-2026!",
          "new_password2": "Mat-khau-moi-2026!"}),
        (reverse("admin:accounts_user_changelist"),
         {"action": "reset_second_factor", "_selected_action": [world.users["council"].pk]}),
    ]:
        got = client.post(url, data)
        assert got.status_code == 302 and got["Location"] == ENROL, (url, got)
    assert before == snapshot(), differences(before, snapshot())
    htmx = client.get(reverse("search:results"), {"q": "Mai"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 204 and htmx["HX-Redirect"] == ENROL
    page = client.get(ENROL).content.decode()
    assert "Vai trò của bạn bắt buộc xác thực hai lớp" in page
    assert "mainnav" not in page  # no menu to pages that would only send them back
    assert client.post(reverse("set_language"), {"language": "vi"}).status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302  # signed out: to the login page


@pytest.mark.django_db
def test_enrolment_with_a_code_from_the_app(client, world):  # noqa: F811
    standing = MembershipFactory(unit=world.unit_a, role=Role.STANDING_OFFICE).user
    _sign_in(client, standing)
    assert client.post(ENROL, {"action": "start"}).status_code == 302
    page = client.get(ENROL).content.decode()
    qr = re.search(r"<svg.*?</svg>", page, re.S).group(0)  # drawn here, inline: no image URL
    assert "<path" in qr and "<img" not in page
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    wrong = client.post(ENROL, {"code": "000000" if pyotp.TOTP(secret).now() != "000000"
                                else "111111"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert not mfa.enrolled(standing)
    done = client.post(ENROL, {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", done.content.decode())
    assert len(set(codes)) == 10
    assert mfa.enrolled(standing) and mfa.recovery_codes_left(standing) == 10
    assert client.get(reverse("home")).status_code in (200, 302)
    assert client.get(reverse("accounts:notifications")).status_code == 200  # verified now
    assert _verbs(standing) == ["mfa_start", "mfa_enrol"]


@pytest.mark.django_db
def test_sign_in_asks_for_the_code_after_the_password(client, world):  # noqa: F811
    council = world.users["council"]
    response = _sign_in(client, council)
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"].startswith(VERIFY)
    page = client.get(follow["Location"]).content.decode()
    assert "Xác thực hai lớp" in page
    wrong = client.post(VERIFY, {"code": "12345"})
    assert wrong.status_code == 200
    assert "Mã xác thực không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert client.get(reverse("accounts:notifications")).status_code == 302
    device = mfa.totp_device(council)
    ok = client.post(VERIFY, {"code": code_for(device), "next": "/tai-khoan/thong-bao/"})
    assert ok.status_code == 302 and ok["Location"] == "/tai-khoan/thong-bao/"
    assert client.get(reverse("accounts:notifications")).status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).throttling_failure_count == 0


@pytest.mark.django_db
def test_a_recovery_code_works_once(client, world):  # noqa: F811
    admin = world.users["admin"]
    codes = mfa.regenerate_recovery_codes(user=admin, acting_user=admin)
    sign_in_unverified(client, admin)
    ok = client.post(VERIFY, {"code": codes[3].upper().replace("-", " ")})
    assert ok.status_code == 302 and client.get(reverse("admin:index")).status_code == 200
    assert mfa.recovery_codes_left(admin) == 9
    client.logout()
    sign_in_unverified(client, admin)
    again = client.post(VERIFY, {"code": codes[3]})
    assert again.status_code == 200 and "mã khôi phục chưa dùng" in again.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
def test_wrong_codes_lock_the_second_factor_step(client, world, settings):  # noqa: F811
    settings.MFA_FAILURE_LIMIT = 5
    standing = world.users["standing"]
    device = mfa.totp_device(standing)
    sign_in_unverified(client, standing)
    right = code_for(device)
    wrong = "000000" if right != "000000" else "111111"
    for attempt in range(4):
        page = client.post(VERIFY, {"code": wrong if attempt % 2 else "sai-ma-khoi"})
        assert "không đúng" in page.content.decode()
    locked = client.post(VERIFY, {"code": wrong}).content.decode()
    assert "Đã nhập sai mã xác thực 5 lần liên tiếp" in locked
    assert "mfa_locked" in _verbs(standing)
    refused = client.post(VERIFY, {"code": code_for(device)}).content.decode()
    assert "tạm khóa" in refused  # even the right code, during the cool-down
    assert client.get(reverse("accounts:notifications")).status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(
            seconds=settings.MFA_COOLDOWN_SECONDS + 1))
    assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert client.get(reverse("accounts:notifications")).status_code == 200


@pytest.mark.django_db
def test_a_unit_officer_enrols_by_choice_and_may_turn_it_off(client, world):  # noqa: F811
    officer = world.users["officer_a"]
    _sign_in(client, officer)
    assert client.get(reverse("accounts:notifications")).status_code == 200  # not required
    page = client.get(reverse("accounts:security")).content.decode()
    assert "Chưa bật" in page
    client.post(ENROL, {"action": "start"})
    device = mfa.totp_device(officer, confirmed=False)
    assert client.post(ENROL, {"code": code_for(device)}).status_code == 200
    page = client.get(reverse("accounts:security")).content.decode()
    assert "Đang bật" in page and "Còn 10 mã khôi phục" in page and "Tắt xác thực" in page
    client.post(reverse("accounts:logout"))
    _sign_in(client, officer)
    assert client.get(reverse("accounts:notifications"))["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(mfa.totp_device(officer))})
    assert client.post(reverse("accounts:mfa_disable")).status_code == 302
    assert not mfa.enrolled(officer) and not StaticToken.objects.filter(device__user=officer)
    assert _verbs(officer) == ["mfa_start", "mfa_enrol", "mfa_disable"]


@pytest.mark.django_db
def test_required_second_factor_cannot_be_turned_off(world):  # noqa: F811
    standing = world.users["standing"]
    with pytest.raises(NotAllowed):
        mfa.disable(user=standing, acting_user=standing)
    assert mfa.enrolled(standing)


@pytest.mark.django_db
def test_the_administrator_resets_a_lost_phone(client, world):  # noqa: F811
    council = world.users["council"]
    client.force_login(world.users["admin"])
    response = client.post(reverse("admin:accounts_user_changelist"), {
        "action": "reset_second_factor", "_selected_action": [council.pk]})
    assert response.status_code == 302
    assert not mfa.enrolled(council)
    event = AuditEvent.objects.get(verb="mfa_reset", object_id=str(council.pk))
    assert event.actor == world.users["admin"]
    # at the next sign-in the council member enrols again
    other = type(client)()
    _sign_in(other, council)
    assert other.get(reverse("home"))["Location"].startswith(ENROL)


@pytest.mark.django_db
def test_only_administrators_reset(client, world):  # noqa: F811
    standing = world.users["standing"]
    standing.is_staff = True
    standing.save(update_fields=["is_staff"])
    with pytest.raises(NotAllowed):
        mfa.reset_devices(user=world.users["council"], acting_user=standing)
    client.force_login(standing)
    before = snapshot()
    client.post(reverse("admin:accounts_user_changelist"), {
        "action": "reset_second_factor", "_selected_action": [world.users["council"].pk]})
    assert before == snapshot()
    assert mfa.enrolled(world.users["council"])


@pytest.mark.django_db
def test_reset_mfa_command_acts_as_the_system(world):  # noqa: F811
    council = world.users["council"]
    call_command("reset_mfa", council.username, verbosity=0)
    assert not mfa.enrolled(council)
    event = AuditEvent.objects.get(verb="mfa_reset", object_id=str(council.pk))
    assert event.actor.username == "he-thong"
    with pytest.raises(CommandError):
        call_command("reset_mfa", "khong-co-ai", verbosity=0)


@pytest.mark.django_db
def test_nothing_but_the_demo_pre_enrols(world):  # noqa: F811
    new = UserFactory()
    MembershipFactory(user=new, unit=world.unit_a, role=Role.COUNCIL_MEMBER)
    assert not mfa.enrolled(new)
    with pytest.raises(CommandError):
        call_command("demo_totp", new.username)
    give_device(new)  # the test key, yet no demo account: refused
    with pytest.raises(CommandError):
        call_command("demo_totp", new.username)


@pytest.mark.django_db
def test_demo_privileged_accounts_are_pre_enrolled(client, capsys):
    from portal.demo import DEMO_ENROLLED, DEMO_TOTP_SECRET

    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert set(DEMO_ENROLLED) == {"quantri", "sonoivu", "sonoivu2", "hoidong", "hoidong.uv1",
                                  "hoidong.uv2", "hoidong.uv3", "hoidong.uv4",
                                  "trunguong"}
    from accounts.models import User

    for username in DEMO_ENROLLED:
        assert mfa.enrolled(User.objects.get(username=username))
    assert not mfa.enrolled(User.objects.get(username="syt.canbo"))
    capsys.readouterr()
    call_command("demo_totp", "sonoivu")
    printed = capsys.readouterr().out.strip()
    assert re.fullmatch(r"\d{6}", printed)
    now = timezone.now()
    assert printed in {pyotp.TOTP(DEMO_TOTP_SECRET).at(now - timedelta(seconds=s))
                       for s in (0, 30)}  # the published key gives the same code
    with pytest.raises(CommandError):
        call_command("demo_totp", "syt.canbo")
    call_command("demo_logins")
    assert "demo_totp" in capsys.readouterr().out
    # the demo's way in: password, then the printed code
    TOTPDevice.objects.filter(user__username="sonoivu").update(last_t=-1)
    client.post(LOGIN, {"username": "sonoivu", "password": "DienHinh@2026"})
    call_command("demo_totp", "sonoivu")
    assert client.post(VERIFY, {"code": capsys.readouterr().out.strip()}).status_code == 302
    assert client.get(reverse("accounts:notifications")).status_code == 200
