"""A value no page can send — a number or a date that is not one — is refused with 400 and a
Vietnamese message naming it, and nothing changes (every project table compared)."""

import pytest
from django import forms
from django.urls import reverse

from core.forms import WellFormedMixin
from evaluation.evidence import EVIDENCE_TYPES
from evaluation.forms import evidence_form
from tests.db_state import differences, snapshot
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()

BAD = "abc"


def _routes(w):
    """(user, url, data) for every POST route that reads a number or a date."""
    reg, ex = w.registration_a, w.exemplar_a
    yield "officer_a", reverse("registry:registration_details", args=[reg.pk]), {
        "signer_name": "Nguyễn Văn Ký", "recipients": "Sở Nội vụ", "version": BAD}
    yield "officer_a", reverse("registry:registration_transition",
                               args=[reg.pk, "send_for_approval"]), {"version": BAD}
    yield "officer_a", reverse("registry:exemplar_add", args=[reg.pk, "individual"]), {
        "name": "Người Mới", "field_key": "e", "birth_year": BAD}
    yield "officer_a", reverse("registry:exemplar_edit", args=[ex.pk]), {
        "name": "Tên Khác", "field_key": "e", "version": BAD}
    yield "officer_a", reverse("registry:exemplar_edit", args=[ex.pk]), {
        "name": "Tên Khác", "field_key": "e", "birth_year": BAD, "version": ex.version}
    yield "officer_a", reverse("registry:exemplar_delete", args=[ex.pk]), {"version": BAD}
    yield "standing", reverse("registry:exemplar_transition", args=[ex.pk, "foster"]), {
        "version": BAD}
    for t in EVIDENCE_TYPES:
        form = evidence_form(t.kind)(prefix=t.kind, pack=reg.campaign.pack.pack)
        for name, field in form.fields.items():
            if isinstance(field, (forms.IntegerField, forms.FloatField, forms.DateField)):
                yield "officer_a", reverse("evaluation:evidence_add", args=[ex.pk, t.kind]), {
                    f"{t.kind}-{name}": BAD}


def test_every_malformed_number_is_a_400_with_a_message_and_no_change(client, world):
    checked = 0
    for role, url, data in _routes(world):
        client.force_login(world.users[role])
        before = snapshot()
        response = client.post(url, data)
        page = response.content.decode()
        assert response.status_code == 400, (url, data, response.status_code)
        assert f"Giá trị “{BAD}” của trường" in page and "không hợp lệ" in page, (url, data)
        assert "Không có thay đổi nào được lưu" in page
        assert differences(before, snapshot()) == [], (url, data)
        checked += 1
    assert checked >= 7 + len(EVIDENCE_TYPES)  # every kind has a year, a date or a number


def test_the_message_names_the_field(client, world):
    client.force_login(world.users["officer_a"])
    url = reverse("evaluation:evidence_add", args=[world.exemplar_a.pk, "ratings"])
    page = client.post(url, {"ratings-year": "hai nghìn", "ratings-level": "tot"})
    assert page.status_code == 400
    assert "Giá trị “hai nghìn” của trường “Năm” không hợp lệ" in page.content.decode()
    delete = reverse("registry:exemplar_delete", args=[world.exemplar_a.pk])
    assert "trường “phiên bản”" in client.post(delete, {"version": "1x"}).content.decode()


def test_a_stale_but_well_formed_version_is_still_a_message_not_a_400(client, world):
    client.force_login(world.users["officer_a"])
    url = reverse("registry:exemplar_delete", args=[world.exemplar_a.pk])
    response = client.post(url, {"version": "999"})
    assert response.status_code == 302
    assert world.registration_a.exemplars.filter(pk=world.exemplar_a.pk).exists()


def test_an_out_of_range_year_stays_a_form_error_for_the_user(client, world):
    client.force_login(world.users["officer_a"])
    url = reverse("registry:exemplar_add", args=[world.registration_a.pk, "individual"])
    response = client.post(url, {"name": "Người Mới", "field_key": "e", "birth_year": "-5"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_a_row_id_that_is_not_a_number_is_no_route(client, world):
    client.force_login(world.users["officer_a"])
    before = snapshot()
    url = f"/danh-gia/dien-hinh/{world.exemplar_a.pk}/minh-chung/ratings/{BAD}/xoa/"
    assert client.post(url).status_code == 404
    assert differences(before, snapshot()) == []


@pytest.mark.parametrize("name, args", [
    ("orgs:unit_list", []),
    ("registry:compiled_list", ["campaign"]),
    ("registry:overview", ["campaign"]),
    ("evaluation:campaign_evaluation", ["campaign"]),
])
def test_a_malformed_page_or_filter_number_shows_the_first_page(client, world, name, args):
    client.force_login(world.users["standing"])
    url = reverse(name, args=[world.campaign.code if a == "campaign" else a for a in args])
    response = client.get(url, {"page": BAD, "unit": BAD, "year": BAD})
    assert response.status_code == 200


def test_the_mixin_leaves_valid_forms_alone():
    class Form(WellFormedMixin, forms.Form):
        version = forms.IntegerField()

    assert Form({"version": "3"}).is_valid()
    assert not Form({}).is_valid()  # missing: an ordinary form error
