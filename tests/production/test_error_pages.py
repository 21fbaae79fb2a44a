"""Error pages in Vietnamese, in the site's layout, saying what happened and what to do."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.world import world  # noqa: F401  (fixture)

ENGLISH = ("Forbidden", "Not Found", "Server Error", "Bad Request", "Page not found", "CSRF")


def _assert_vietnamese_page(response, status, heading):
    assert response.status_code == status
    html = response.content.decode()
    assert heading in html
    assert 'class="topbar"' in html and "Về trang chủ" in html  # the layout and a way on
    for word in ENGLISH:
        assert word not in html, word
    return html


@pytest.mark.django_db
def test_403_for_a_unit_that_is_not_yours(client, world):  # noqa: F811
    client.force_login(world.users["officer_b"])
    url = reverse("registry:registration_detail", kwargs={"pk": world.registration_a.pk})
    html = _assert_vietnamese_page(client.get(url, HTTP_REFERER="http://testserver/"), 403,
                                   "Bạn không có quyền thực hiện việc này")
    assert 'id="mainnav"' in html  # signed in: the menu is there
    assert "Sở Nội vụ" in html  # whom to ask
    assert "Quay lại trang trước" in html


@pytest.mark.django_db
def test_404_for_a_missing_registration(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    response = client.get(reverse("registry:registration_detail", kwargs={"pk": 987654}))
    _assert_vietnamese_page(response, 404, "Không tìm thấy trang")


@pytest.mark.django_db
def test_404_for_an_unknown_address_anonymous(client):
    _assert_vietnamese_page(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")


@pytest.mark.django_db
def test_back_link_only_to_this_site(client, world):  # noqa: F811
    client.force_login(world.users["standing"])
    html = client.get("/khong-co/", HTTP_REFERER="https://evil.example/phish").content.decode()
    assert "evil.example" not in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.production.error_urls")
def test_403_shows_the_reason_given(client, world):  # noqa: F811
    client.force_login(world.users["officer_a"])
    html = _assert_vietnamese_page(client.get("/thu-loi/403/"), 403, "Bạn không có quyền thực hiện việc này")
    assert "Biểu đăng ký đã trình thủ trưởng, không sửa được nữa" in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.production.error_urls")
def test_500_in_the_layout(client, world):  # noqa: F811
    client.raise_request_exception = False
    client.force_login(world.users["officer_a"])
    _assert_vietnamese_page(client.get("/thu-loi/500/"), 500, "Hệ thống đang gặp sự cố")


@pytest.mark.django_db
def test_500_falls_back_to_a_bare_vietnamese_page_when_the_layout_fails(rf, monkeypatch):
    from core import views

    def broken_render(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(views, "render", broken_render)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


@pytest.mark.django_db
def test_400_in_the_layout(client, world):  # noqa: F811
    from core.views import bad_request

    request = client.get("/").wsgi_request
    response = bad_request(request)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert "Về trang chủ" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_a_vietnamese_403(world):  # noqa: F811
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["officer_a"])
    response = client.post(reverse("accounts:logout"))
    html = _assert_vietnamese_page(response, 403, "Bạn không có quyền thực hiện việc này")
    assert "Biểu mẫu đã hết hạn" in html


@pytest.mark.django_db
def test_undeclared_view_message_is_vietnamese(rf):
    from django.core.exceptions import PermissionDenied

    from accounts.middleware import DenyByDefaultMiddleware

    with pytest.raises(PermissionDenied) as raised:
        DenyByDefaultMiddleware(lambda r: None).process_view(rf.get("/"), lambda r: None, (), {})
    assert "chưa được mở" in str(raised.value)
