"""The public site on the demo data (#14, "Done when"): every public URL — HTML, CSV, JSON, feed,
sitemap, searches and every published detail page — shows the published exemplar and none of the
demo's residential addresses, phones, ratings, disciplines or unpublished people."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from discovery.models import Suggestion
from evaluation.models import AnnualRating, Discipline
from publication.models import Publication
from registry.enums import PERSON_KINDS
from registry.models import Exemplar


@pytest.fixture
def demo(db):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)


def _public_urls() -> list[str]:
    urls = [reverse(f"publication:{name}") for name in
            ("gallery", "data_csv", "data_json", "feed", "sitemap")]
    urls += [reverse("publication:gallery") + f"?q={q}" for q in ("ho mi", "Hờ", "điển hình")]
    urls += [reverse("publication:detail", args=[p.pk])
             for p in Publication.objects.filter(state="published")]
    return urls


def test_no_private_data_on_any_public_url_with_the_demo_data(demo, client):
    published = {p.exemplar_id for p in Publication.objects.filter(state="published")}
    assert published, "the demo publishes an exemplar"
    people = Exemplar.objects.filter(kind__in=PERSON_KINDS)
    addresses = {e.address for e in people if e.address}
    assert any(a.startswith(("bản ", "tổ dân phố ")) for a in addresses)  # realistic, catchable
    unpublished = {e.name for e in people.exclude(pk__in=published)}
    phones = {s.contact_phone for s in Suggestion.objects.all() if s.contact_phone}
    assert phones
    from guidance.selectors import open_campaign

    pack = open_campaign().pack.pack
    labels = {level.key: level.label for level in [*pack.ratings, *pack.disciplines]}
    ratings = {labels[r.level] for r in AnnualRating.objects.all()}
    disciplines = {labels[d.level] for d in Discipline.objects.all()}
    assert ratings
    forbidden = addresses | unpublished | phones | ratings | disciplines
    seen_published = 0
    for url in _public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        leaks = sorted(f for f in forbidden if f and f in text)
        assert leaks == [], (url, leaks)
        seen_published += any(Exemplar.objects.get(pk=pk).name in text for pk in published)
    assert seen_published >= 5
