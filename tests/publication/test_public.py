"""The public site: every public URL (HTML, CSV, JSON, feed, sitemap) walked with published and
unpublished exemplars carrying realistic private data; none of it may appear. And the pages'
promises: no login, Open Graph, the Atom link in every head, no JavaScript, ≤ 100 KB, the
tolerant search over published content only, the filters, the licence, CSV readable by Excel."""

import json
import re

import pytest
from django.urls import reverse

from publication import services
from publication.public import PUBLIC_KEYS
from tests.publication import helpers as h
from tests.world import build_world

FORBIDDEN = [h.ADDRESS, h.ADDRESS_2, "Nà Luồng", "Bình Lư", "Tân Phong", h.PHONE, "0912",
             h.PHONE_2, "345 678", str(h.BIRTH_YEAR), h.RATING_DECISION, "88/QĐ-XLCB", "htxs",
             h.DISCIPLINE_LEVEL, h.EVIDENCE_NOTE, "Lò Văn Páo", "Giáy",
             # the unpublished, the withdrawn, the waiting and the draft
             "Lò Văn Thắng", "Hoàng Thị Sen", "Vàng A Dế", "Tẩn Láo Lở"]


@pytest.fixture
def public_world(db):
    w = build_world()
    h.private_data(w.exemplar_a)                       # published, with private data
    mai = h.published(w)
    thang = h.new_exemplar(w, "Lò Văn Thắng")          # never prepared, recognised
    h.recognise(thang)
    h.private_data(thang, address=h.ADDRESS_2, phone=h.PHONE_2)
    sen = h.new_exemplar(w, "Hoàng Thị Sen", kind="household")
    h.private_data(sen)
    gone = h.published(w, sen, story="Hộ bà Sen nuôi cá lồng.")   # published then taken down
    gone = services.transition_publication(publication=gone, name="unpublish",
                                           acting_user=w.users["standing"],
                                           reason="Gia đình đề nghị gỡ.")
    waiting = h.awaiting(w, h.new_exemplar(w, "Vàng A Dế"))
    h.private_data(waiting.exemplar)
    draft_ex = h.recognise(h.new_exemplar(w, "Tẩn Láo Lở"))
    draft = services.prepare_publication(exemplar=draft_ex, story="Nháp.",
                                         acting_user=w.users["standing"])
    collective = w.registration_a.exemplars.get(kind="collective")
    khoa = h.published(w, collective, story="Khoa Nội đổi mới phong cách phục vụ.", consent={})
    # the staff see the private data inside: the sentinel is real
    from registry.models import Exemplar
    assert Exemplar.objects.filter(address=h.ADDRESS).exists()
    return w, {"mai": mai, "khoa": khoa, "gone": gone, "waiting": waiting, "draft": draft}


def _public_urls(pubs) -> list[str]:
    urls = [reverse("publication:gallery"), reverse("publication:data_csv"),
            reverse("publication:data_json"), reverse("publication:feed"),
            reverse("publication:sitemap")]
    gallery = reverse("publication:gallery")
    urls += [f"{gallery}?q=nong+nghiep", f"{gallery}?q=Thắng", f"{gallery}?q=Sen",
             f"{gallery}?loai=household", f"{gallery}?loai=individual", f"{gallery}?nam=2025",
             f"{gallery}?linh_vuc=k", f"{gallery}?linh_vuc=e", f"{gallery}?trang=2"]
    urls += [reverse("publication:detail", args=[p.pk]) for p in pubs.values()]
    return urls


@pytest.mark.django_db
def test_no_private_data_or_unpublished_exemplar_on_any_public_url(client, public_world):
    _w, pubs = public_world
    seen = 0
    for url in _public_urls(pubs):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        for secret in FORBIDDEN:
            assert secret not in text, (url, secret)
        seen += "Đặng Thị Mai" in text
    assert seen >= 5  # the published one is there: the test would see a leak


@pytest.mark.django_db
def test_public_pages_need_no_login_and_are_light(client, public_world):
    w, pubs = public_world
    feed = reverse("publication:feed")
    for url in (reverse("publication:gallery"), reverse("publication:detail",
                                                        args=[pubs["mai"].pk])):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert len(response.content) <= 100 * 1024
        assert '<link rel="alternate" type="application/atom+xml"' in html and feed in html
        assert 'property="og:title"' in html
        assert "<script" not in html
        assert "mainnav" in html and "accounts/notifications" not in html  # public nav only
    detail = client.get(reverse("publication:detail", args=[pubs["mai"].pk])).content.decode()
    assert '<meta property="og:title" content="Đặng Thị Mai">' in detail
    assert "125/QĐ-UBND" in detail and "20/12/2025" in detail and w.unit_a.name in detail


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["gone", "waiting", "draft"])
def test_unpublished_detail_is_404(client, public_world, state):
    _w, pubs = public_world
    assert client.get(reverse("publication:detail", args=[pubs[state].pk])).status_code == 404


@pytest.mark.django_db
def test_tolerant_search_over_published_only(client, public_world):
    gallery = reverse("publication:gallery")
    assert "Đặng Thị Mai" in client.get(gallery, {"q": "dang thi mai"}).content.decode()
    assert "Đặng Thị Mai" in client.get(gallery, {"q": "ĐẶNG  mai"}).content.decode()
    assert "Khoa Nội" in client.get(gallery, {"q": "phong cach phuc vu"}).content.decode()
    page = client.get(gallery, {"q": "lo van thang"}).content.decode()
    assert "Chưa có điển hình nào phù hợp" in page
    page = client.get(gallery, {"q": "nháp"}).content.decode()
    assert "Chưa có điển hình nào phù hợp" in page


@pytest.mark.django_db
def test_filters(client, public_world):
    w, _pubs = public_world
    gallery = reverse("publication:gallery")
    page = client.get(gallery, {"loai": "collective"}).content.decode()
    assert "Khoa Nội" in page and "Đặng Thị Mai" not in page
    page = client.get(gallery, {"don_vi": w.unit_b.pk}).content.decode()
    assert "Chưa có điển hình nào phù hợp" in page
    page = client.get(gallery, {"nam": 2025, "don_vi": w.unit_a.pk}).content.decode()
    assert "Khoa Nội" in page and "Đặng Thị Mai" in page
    # a nonsense filter is no error
    assert client.get(gallery, {"nam": "abc", "don_vi": "x" * 50}).status_code == 200
    # the unit filter offers only units with something published
    assert w.unit_b.name not in client.get(gallery).content.decode()


@pytest.mark.django_db
def test_open_data(client, public_world):
    _w, pubs = public_world
    response = client.get(reverse("publication:data_csv"))
    assert response.streaming  # read from a cursor and sent in chunks, never held whole
    csv = b"".join(response.streaming_content)
    assert csv.startswith("\ufeff".encode())
    text = csv.decode("utf-8-sig")
    assert "CC BY 4.0" in text and "Đặng Thị Mai" in text and "Khoa Nội" in text
    data = json.loads(b"".join(client.get(reverse("publication:data_json")).streaming_content))
    assert "CC BY 4.0" in data["licence"]
    assert sorted(i["name"] for i in data["items"]) == ["Khoa Nội", "Đặng Thị Mai"]
    assert all(tuple(item) == PUBLIC_KEYS for item in data["items"])
    assert tuple(data["fields"]) == PUBLIC_KEYS
    feed = client.get(reverse("publication:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert feed.content.decode().count("<entry>") == 2
    sitemap = client.get(reverse("publication:sitemap")).content.decode()
    assert len(re.findall("<loc>", sitemap)) == 3
    assert reverse("publication:detail", args=[pubs["gone"].pk]) not in sitemap
