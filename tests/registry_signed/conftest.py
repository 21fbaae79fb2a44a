import pytest
import rules

from registry.rules import heads_registration_unit
from tests.registry_signed import pdfs
from tests.world import world  # noqa: F401  (the shared fixture, for every test here)

# Until registry/rules.py declares it (same predicate), so these tests run before and after.
if not rules.perm_exists("registry.attach_signed_form"):
    rules.add_perm("registry.attach_signed_form", heads_registration_unit)


@pytest.fixture(scope="session")
def identity() -> pdfs.Identity:
    return pdfs.make_identity()


@pytest.fixture(scope="session")
def plain_pdf() -> bytes:
    return pdfs.blank_pdf()


@pytest.fixture(scope="session")
def signed_pdf(identity, plain_pdf) -> bytes:
    return pdfs.sign(plain_pdf, identity)


@pytest.fixture
def trusted_root(settings, tmp_path, identity):
    """SIGNATURE_TRUST_ROOTS pointing at a PEM file holding the test CA."""
    path = tmp_path / "ca-thu-nghiem.pem"
    path.write_bytes(identity.root_pem)
    settings.SIGNATURE_TRUST_ROOTS = [str(path)]
    return path


@pytest.fixture
def no_trusted_root(settings):
    settings.SIGNATURE_TRUST_ROOTS = []
