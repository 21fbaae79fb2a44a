import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests: the same examples on every run (no flaky CI), no timing health checks (the
# CI machine is shared and slow draws are not failures), no example database on disk.
hypothesis_settings.register_profile(
    "dienhinh", derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.load_profile("dienhinh")


@pytest.fixture(autouse=True)
def _fast_and_local(settings, tmp_path):
    """Tests: cheap password hashing, tasks run immediately, mail kept in memory, media and
    staged uploads in tmp."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "import-staging"
    settings.PRIVATE_FILES_DIR = tmp_path / "private"
    settings.SECURE_SSL_REDIRECT = False
    settings.AXES_ENABLED = False
    from django.core.cache import cache

    cache.clear()  # the API's per-token request counts start from nothing in every test


@pytest.fixture(autouse=True)
def _second_factor_passed_on_test_sign_in(monkeypatch):
    """``client.force_login``/``client.login``: privileged users arrive verified (tests/mfa.py)."""
    from tests import mfa

    mfa.install(monkeypatch)


@pytest.fixture
def pack_record(db):
    from tests.factories import GuidancePackFactory

    return GuidancePackFactory()


@pytest.fixture
def campaign(db):
    from tests.factories import CampaignFactory

    return CampaignFactory()
