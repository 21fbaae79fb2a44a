import pytest


@pytest.fixture(scope="session")
def pack():
    from guidance.loading import read_pack_file, shipped_pack_path

    return read_pack_file(shipped_pack_path())
