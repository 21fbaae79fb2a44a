"""The admin pages save through orgs.services and find units without tone marks."""

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from orgs.models import Unit
from tests.factories import UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def change_form_data(unit: Unit, **changes) -> dict:
    data = {
        "code": unit.code, "name": unit.name, "short_name": unit.short_name,
        "unit_type": unit.unit_type, "category": unit.category,
        "parent": unit.parent_id or "", "emulation_block": unit.emulation_block_id or "",
        "valid_from": unit.valid_from.strftime("%d/%m/%Y"),
        "valid_to": unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "",
        "address": unit.address, "email": unit.email, "notes": unit.notes,
        "change_reason": "",
    }
    for prefix in ("successions", "predecessions"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(changes)
    return data


def test_admin_change_goes_through_save_unit(admin_client, loaded):
    hospital = Unit.objects.get(code="SYT-BVDK")
    url = reverse("admin:orgs_unit_change", args=[hospital.pk])
    response = admin_client.post(url, change_form_data(
        hospital, address="Phường Tân Phong, tỉnh Lai Châu", change_reason="Bổ sung địa chỉ",
    ))
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert event.changes == {"address": ["", "Phường Tân Phong, tỉnh Lai Châu"]}
    assert event.reason == "Bổ sung địa chỉ"


def test_admin_search_without_tone_marks(admin_client, loaded):
    response = admin_client.get(reverse("admin:orgs_unit_changelist"), {"q": "quyet tien"})
    assert [u.name for u in response.context["cl"].result_list] == ["Phường Quyết Tiến"]


def test_admin_refuses_users_without_the_manage_rule(client, db):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("admin:orgs_unit_changelist"))
    assert response.status_code == 403


def test_admin_inline_successor_goes_through_link_successor(admin_client, loaded):
    foreign = Unit.objects.get(code="SNGV")
    home = Unit.objects.get(code="SNV", valid_to=None)
    data = change_form_data(foreign)
    data.update({
        "successions-TOTAL_FORMS": "1", "successions-0-id": "",
        "successions-0-predecessor": foreign.pk, "successions-0-successor": home.pk,
        "successions-0-kind": "merged", "successions-0-effective_on": "01/03/2025",
        "successions-0-legal_basis": "Dữ liệu thử nghiệm",
    })
    response = admin_client.post(reverse("admin:orgs_unit_change", args=[foreign.pk]), data)
    assert response.status_code == 302
    assert [s.successor for s in foreign.successions.all()] == [home]
    event = AuditEvent.objects.get(verb="link_successor")
    assert (event.action, event.unit) == (Action.CREATE, foreign)
