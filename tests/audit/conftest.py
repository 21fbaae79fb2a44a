from tests.world import world  # noqa: F401  # the shared fixture, used by every test here
