"""The shared world fixture for the upload tests that need users and an exemplar."""

from tests.world import world  # noqa: F401  (the shared fixture)
