"""Changes made in Django's admin are in the change log, with before/after, and shown in the
record's history."""

import pytest
from django.urls import reverse

from accounts.models import Membership, Role, User
from audit.models import Action, AuditEvent
from audit.selectors import history_of
from orgs.models import EmulationBlock
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True, is_superuser=True, full_name="Quản trị Thử")


def _user_form(user: User, memberships: list[Membership], **changes) -> dict:
    data = {
        "username": user.username, "full_name": user.full_name, "email": user.email,
        "position_title": user.position_title, "phone": user.phone,
        "is_active": "on" if user.is_active else "", "is_staff": "", "is_superuser": "",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "01/01/2025",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(len(memberships)),
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(memberships):
        data |= {f"memberships-{i}-id": m.pk, f"memberships-{i}-user": user.pk,
                 f"memberships-{i}-unit": m.unit_id, f"memberships-{i}-role": m.role,
                 f"memberships-{i}-is_active": "on" if m.is_active else ""}
    return {k: v for k, v in (data | changes).items() if v != ""}


def test_changing_a_user_and_a_membership_in_the_admin_is_logged(client, admin_user):
    membership = MembershipFactory(role=Role.UNIT_OFFICER)
    user = membership.user
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    response = client.post(url, _user_form(user, [membership], full_name="Nguyễn Văn Mới",
                                           **{"memberships-0-role": Role.UNIT_HEAD}))
    assert response.status_code == 302, response.content.decode()[:3000]

    account = AuditEvent.objects.get(content_type__model="user", object_id=str(user.pk))
    assert account.action == Action.UPDATE and account.actor == admin_user
    assert account.changes["full_name"][1] == "Nguyễn Văn Mới"
    assert "password" not in account.changes and "last_login" not in account.changes
    role = AuditEvent.objects.get(content_type__model="membership")
    assert role.action == Action.UPDATE
    assert role.changes == {"role": [Role.UNIT_OFFICER, Role.UNIT_HEAD]}
    assert role.unit == membership.unit

    page = client.get(reverse("admin:accounts_user_history", args=[user.pk])).content.decode()
    assert "Vai trò: Cán bộ thi đua - khen thưởng → Thủ trưởng cơ quan, đơn vị" in page
    assert "Họ và tên:" in page and "→ Nguyễn Văn Mới" in page
    assert "Quản trị Thử" in page


def test_adding_and_removing_a_membership_in_the_admin_is_logged(client, admin_user):
    membership = MembershipFactory(role=Role.UNIT_OFFICER)
    user, unit = membership.user, membership.unit
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    response = client.post(url, _user_form(user, [membership], **{
        "memberships-0-DELETE": "on", "memberships-TOTAL_FORMS": "2",
        "memberships-1-user": user.pk, "memberships-1-unit": unit.pk,
        "memberships-1-role": Role.UNIT_HEAD, "memberships-1-is_active": "on"}))
    assert response.status_code == 302
    events = {e.action: e for e in AuditEvent.objects.filter(content_type__model="membership")}
    assert set(events) == {Action.CREATE, Action.DELETE}
    assert events[Action.DELETE].changes["role"] == [Role.UNIT_OFFICER, None]
    assert events[Action.CREATE].changes["role"] == [None, Role.UNIT_HEAD]
    assert {e.verb or e.action for e in history_of(user)} >= {"Tạo", "Xóa"}


def test_a_new_user_and_a_changed_password_are_logged_without_the_password(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:accounts_user_add"), {
        "username": "can-bo-moi", "full_name": "Cán bộ Mới", "email": "moi@example.vn",
        "password1": "Mat-khau-rat-dai-2025", "password2": "Mat-khau-rat-dai-2025",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="can-bo-moi")
    created = AuditEvent.objects.get(content_type__model="user", object_id=str(user.pk))
    assert created.action == Action.CREATE and created.changes["username"] == [None, "can-bo-moi"]
    assert "password" not in created.changes
    assert "pbkdf2" not in str(created.changes) and "md5" not in str(created.changes)

    response = client.post(_password_url(user), {
        "password1": "Mat-khau-khac-2026!", "password2": "Mat-khau-khac-2026!",
        "usable_password": "true"})
    assert response.status_code == 302
    changed = AuditEvent.objects.filter(content_type__model="user", object_id=str(user.pk),
                                        action=Action.UPDATE).get()
    assert changed.changes == {"password": ["••••••", "đã đổi"]}


def _password_url(user) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk]).replace("change/", "password/")


def test_an_emulation_block_change_shows_in_its_admin_history(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:orgs_emulationblock_add"), {
        "code": "K9", "name": "Khối Thử", "valid_from": "01/01/2025"})
    assert response.status_code == 302
    block = EmulationBlock.objects.get(code="K9")
    page = client.get(reverse("admin:orgs_emulationblock_history", args=[block.pk]))
    assert "Tên khối thi đua: — → Khối Thử" in page.content.decode()


def test_the_log_is_readable_by_the_system_admin_only(client, admin_user, world):
    standing = world.users["standing"]
    client.force_login(admin_user)
    client.post(reverse("admin:orgs_emulationblock_add"), {
        "code": "K9", "name": "Khối Thử", "valid_from": "01/01/2025"})
    event = AuditEvent.objects.get()
    url = reverse("admin:audit_auditevent_changelist")
    page = client.get(url)
    assert page.status_code == 200 and "Khối thi đua: Khối Thử" in page.content.decode()
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    assert client.post(change, {"reason": "sửa nhật ký"}).status_code == 403
    assert AuditEvent.objects.get().reason == ""
    standing.is_staff = True
    standing.save()
    client.force_login(standing)  # the standing office keeps units, not the log
    assert client.get(url).status_code == 403
