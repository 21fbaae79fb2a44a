import pytest


@pytest.fixture(autouse=True)
def _staging_in_tmp(settings, tmp_path):
    """Uploaded files wait for confirmation in the test's own directory."""
    settings.IMPORT_STAGING_DIR = tmp_path / "import-staging"


@pytest.fixture(scope="session")
def pack():
    from guidance.loading import read_pack_file, shipped_pack_path

    return read_pack_file(shipped_pack_path())
