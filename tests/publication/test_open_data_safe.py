"""The open data is a spreadsheet too: a published name that a spreadsheet would evaluate stays
text in the CSV (and plain text in the JSON)."""

import pytest
from django.urls import reverse

from tests.publication import helpers
from tests.test_exports_safe import _csv_texts, _json_texts
from tests.world import world  # noqa: F401

HOSTILE = '=HYPERLINK("http://x","y")'


@pytest.mark.django_db
def test_a_published_formula_like_name_is_text_in_the_open_data(client, world):  # noqa: F811
    exemplar = helpers.new_exemplar(world, HOSTILE, registration=world.registration_a)
    helpers.published(world, exemplar, story="Một câu chuyện.")
    csv_texts = _csv_texts(b"".join(client.get(reverse("publication:data_csv")).streaming_content))  # asserts safety
    assert HOSTILE in csv_texts
    assert HOSTILE in _json_texts(b"".join(client.get(reverse("publication:data_json")).streaming_content))
