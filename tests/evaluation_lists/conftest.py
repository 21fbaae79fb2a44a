import pytest

from accounts.models import Role
from orgs.models import Unit
from orgs.reference.load import load_reference_units
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def province(db) -> Unit:
    load_reference_units()
    return Unit.objects.get(code="UBND-12")


@pytest.fixture
def standing(province):
    user = UserFactory(full_name="Lò Thị Thu")
    MembershipFactory(user=user, unit=Unit.objects.get(code="SNV", valid_to__isnull=True),
                      role=Role.STANDING_OFFICE)
    return user
