import pytest

from tests.world import world  # noqa: F401  # the shared fixture, used by every test here


@pytest.fixture(autouse=True)
def _evaluation_urls(settings):
    settings.ROOT_URLCONF = "tests.evaluation_product.urls"
