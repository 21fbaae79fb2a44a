import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_english_browser_still_gets_vietnamese(client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "vi"
    assert "Đăng nhập" in page.content.decode()


@pytest.mark.django_db
def test_language_switch_is_remembered(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:login"))
    assert page["Content-Language"] == "en"
    assert "Sign in" in page.content.decode()


@pytest.mark.django_db
def test_decomposed_input_is_composed_at_the_boundary(client):
    from tests.world import build_world

    world = build_world()
    client.force_login(world.users["officer_a"])
    url = reverse("registry:exemplar_add", args=[world.registration_a.pk, "individual"])
    decomposed = "Lo\u0300 Thi\u0323 Hoa\u0300"
    client.post(url, {"name": decomposed, "field_key": "e", "position_title": "Y si\u0303"})
    item = world.registration_a.exemplars.get(position_title="Y sĩ")
    assert item.name == "Lò Thị Hoà"
