import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.enums import RegistrationState
from tests.factories import ExemplarFactory, RegistrationFactory, UnitFactory
from tests.world import world  # noqa: F401


@pytest.mark.django_db
def test_officer_home_shows_own_registration_and_entries(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    page = client.get(reverse("home")).content.decode()
    assert "Sở Y tế Thử" in page
    assert "Đặng Thị Mai" in page
    assert "Lò Văn Thắng" not in page  # another unit's entry


@pytest.mark.django_db
def test_standing_office_overview_lists_all_units_with_state(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    response = client.get(reverse("home"), follow=True)
    page = response.content.decode()
    assert "Tổng hợp đăng ký" in page
    assert "Sở Y tế Thử" in page and "Xã Thử Nghiệm" in page
    assert "Đang soạn" in page


@pytest.mark.django_db
def test_officer_adds_entry_through_the_form(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    url = reverse("registry:exemplar_add", args=[world.registration_a.pk, "individual"])
    response = client.post(url, {"name": "Lò  Thị Hoà", "position_title": "Điều dưỡng",
                                 "work_unit": "Bệnh viện", "field_key": "e"})
    assert response.status_code == 302
    assert world.registration_a.exemplars.filter(name="Lò Thị Hoà").exists()


@pytest.mark.django_db
def test_form_error_is_vietnamese_and_saves_nothing(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    url = reverse("registry:exemplar_add", args=[world.registration_a.pk, "individual"])
    before = world.registration_a.exemplars.count()
    response = client.post(url, {"name": "", "field_key": ""})
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()
    assert world.registration_a.exemplars.count() == before


@pytest.mark.django_db
def test_concurrent_edit_shows_the_other_change(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    item = world.exemplar_a
    url = reverse("registry:exemplar_edit", args=[item.pk])
    base = {"name": item.name, "field_key": "e", "version": item.version}
    assert client.post(url, base | {"position_title": "Bác sĩ"}).status_code == 302
    response = client.post(url, base | {"position_title": "Y sĩ"})
    page = response.content.decode()
    assert "vừa được người khác sửa" in page
    assert "Bác sĩ" in page
    item.refresh_from_db()
    assert item.position_title == "Bác sĩ"


@pytest.mark.django_db
def test_head_approves_in_the_browser_flow(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    reg = world.registration_a
    client.post(reverse("registry:registration_transition", args=[reg.pk, "send_for_approval"]))
    client.force_login(world.users["head_a"])
    page = client.get(reverse("registry:registration_detail", args=[reg.pk])).content.decode()
    assert "Duyệt và gửi Sở Nội vụ" in page
    client.post(reverse("registry:registration_transition", args=[reg.pk, "approve"]))
    reg.refresh_from_db()
    assert reg.state == RegistrationState.SUBMITTED


@pytest.mark.django_db
def test_a_transition_that_is_another_roles_is_refused_and_a_stale_one_explained(
        client, world):  # noqa: F811
    from audit.models import AuditEvent
    from registry import services

    reg = world.registration_a
    services.transition_registration(registration=reg, transition="send_for_approval",
                                     acting_user=world.users["officer_a"])
    events = AuditEvent.objects.count()

    def post(role, name):
        client.force_login(world.users[role])
        return client.post(reverse("registry:registration_transition", args=[reg.pk, name]),
                           follow=True)

    # Nothing is the officer's to do while the head decides: refused outright.
    assert post("officer_a", "approve").status_code == 403
    # The head may act, but "receive" is not a step from this state: a message, no change.
    page = post("head_a", "receive").content.decode()
    assert "Không thể “Tiếp nhận” khi biểu đăng ký đang ở trạng thái" in page
    reg.refresh_from_db()
    assert reg.state == RegistrationState.AWAITING_APPROVAL
    assert AuditEvent.objects.count() == events


def _count_queries(client, url) -> int:
    from django.core.cache import cache

    cache.clear()  # a cold page each time: the dashboard's charts are cached per data version
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_overview_query_count_does_not_grow_with_units(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    url = reverse("registry:overview", args=[world.campaign.code])
    one = _count_queries(client, url)
    for _ in range(3):
        RegistrationFactory(campaign=world.campaign, unit=UnitFactory())
    assert _count_queries(client, url) == one


@pytest.mark.django_db
def test_registration_detail_query_count_does_not_grow_with_entries(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    url = reverse("registry:registration_detail", args=[world.registration_a.pk])
    one = _count_queries(client, url)
    for _ in range(3):
        ExemplarFactory(registration=world.registration_a)
    assert _count_queries(client, url) == one


@pytest.mark.django_db
def test_unit_list_query_count_does_not_grow(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    url = reverse("orgs:unit_list")
    one = _count_queries(client, url)
    for _ in range(3):
        UnitFactory(parent=world.unit_a)
    assert _count_queries(client, url) == one


@pytest.mark.django_db
def test_signer_and_recipients_are_saved_and_stale_saves_refused(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    reg = world.registration_a
    url = reverse("registry:registration_details", args=[reg.pk])
    data = {"signer_name": " Đặng  Quốc Hùng ", "recipients": "Sở Nội vụ;\nLưu: VT.",
            "version": reg.version}
    client.post(url, data)
    reg.refresh_from_db()
    assert reg.signer_name == "Đặng Quốc Hùng"
    assert reg.recipients == "Sở Nội vụ;\nLưu: VT."
    response = client.post(url, data | {"signer_name": "Người khác"}, follow=True)
    assert "vừa được người khác thay đổi" in response.content.decode()
    reg.refresh_from_db()
    assert reg.signer_name == "Đặng Quốc Hùng"


@pytest.mark.django_db
def test_duplicate_person_is_flagged_on_the_page(client, world):  # noqa: F811
    ExemplarFactory(registration=world.registration_a, name="Đặng  Thị Mai", field_key="k",
                    folded_name="dang thi mai")
    client.force_login(world.users["officer_a"])
    page = client.get(reverse("registry:registration_detail",
                              args=[world.registration_a.pk])).content.decode()
    assert "Có mục trùng tên" in page
    assert page.count('class="badge dup"') == 2


@pytest.mark.django_db
def test_exemplars_visible_to_scopes_by_unit_subtree(world):  # noqa: F811
    from registry.selectors import exemplars_visible_to

    sub_registration = RegistrationFactory(campaign=world.campaign, unit=world.sub_a)
    ExemplarFactory(registration=sub_registration, name="Lò Thị Ểnh")
    seen_by_a = set(exemplars_visible_to(world.users["officer_a"]).values_list("name", flat=True))
    assert "Đặng Thị Mai" in seen_by_a and "Lò Thị Ểnh" in seen_by_a  # own unit and subtree
    assert "Lò Văn Thắng" not in seen_by_a
    seen_by_b = set(exemplars_visible_to(world.users["officer_b"]).values_list("name", flat=True))
    assert seen_by_b == {"Lò Văn Thắng"}
    assert exemplars_visible_to(world.users["standing"]).count() == 4
