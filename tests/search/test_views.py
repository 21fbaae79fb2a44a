from django.template import Context, Template

from search.index import reindex
from tests.factories import ExemplarFactory

URL = "/tim-kiem/"


def test_anonymous_is_sent_to_login(client, province):
    response = client.get(URL, {"q": "Đặng Thị Mai"})
    assert response.status_code == 302
    assert "/tai-khoan/" in response["Location"]


def test_page_lists_highlighted_hits_the_user_may_see(client, province):
    client.force_login(province.officer_a)
    response = client.get(URL, {"q": "dang thi mai"})
    assert response.status_code == 200
    html = response.content.decode()
    target = province.by_name["Đặng Thị Mai"]
    assert f'href="/dang-ky/dien-hinh/{target.pk}/"' in html
    assert "<mark>Đặng Thị Mai</mark>" in html
    assert "Đặng Thị Mãi" not in html  # unit B's
    assert 'hx-trigger="keyup changed delay:300ms, search"' in html
    assert "<script>" not in html.split("<body>")[1].split("</main>")[0]  # no inline script
    assert response.context["hits"][0].name == "Đặng Thị Mai"


def test_htmx_request_gets_the_result_list_only(client, province):
    client.force_login(province.standing)
    response = client.get(URL, {"q": "quyet tien"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "<mark>Quyết Tiến</mark>" in html
    assert "Tên cũ, đơn vị tiền thân" in html
    assert "HX-Request" in response["Vary"]


def test_names_are_escaped_around_the_highlight(client, province):
    registration = province.by_name["Đặng Thị Mai"].registration
    reindex(ExemplarFactory(registration=registration, kind="model",
                                   name="Mô hình <b>Mai</b> & chè"))
    client.force_login(province.standing)
    html = client.get(URL, {"q": "mo hinh"}).content.decode()
    assert "<mark>Mô hình</mark> &lt;b&gt;Mai&lt;/b&gt; &amp; chè" in html


def test_empty_query_shows_the_box_only(client, province):
    client.force_login(province.officer_a)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["hits"] == []
    assert "Không tìm thấy" not in response.content.decode()


def test_box_can_be_included_anywhere(rf, province):
    html = Template('{% include "search/_box.html" %}').render(Context({}))
    assert 'action="/tim-kiem/"' in html
    assert 'hx-target="#search-live"' in html
    assert 'id="search-live"' in html


def test_highlight_filter_escapes_and_marks():
    html = Template("{% load search_tags %}{{ t|highlight:s }}").render(
        Context({"t": "a<b>c", "s": [(1, 4)]}))
    assert html == "a<mark>&lt;b&gt;</mark>c"
