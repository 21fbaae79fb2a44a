import datetime

import pytest

from orgs.reference.load import load_reference_units

LAST_OLD_DAY = datetime.date(2025, 6, 30)
REFORM_DAY = datetime.date(2025, 7, 1)
MERGER_DAY = datetime.date(2025, 3, 1)


@pytest.fixture
def loaded(db) -> dict[str, int]:
    """The reference units loaded once into the test database; returns the loader's counts."""
    return load_reference_units()
