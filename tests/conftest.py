import pytest


@pytest.fixture(autouse=True)
def _fast_and_local(settings, tmp_path):
    """Tests: cheap password hashing, tasks run immediately, mail kept in memory, media in tmp."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.AXES_ENABLED = False


@pytest.fixture
def pack_record(db):
    from tests.factories import GuidancePackFactory

    return GuidancePackFactory()


@pytest.fixture
def campaign(db):
    from tests.factories import CampaignFactory

    return CampaignFactory()
