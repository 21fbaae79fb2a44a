"""A small province for view tests: two units, one user per role, a registration with entries.
The privileged users (and officer_b, by choice) have a second factor (tests/mfa.py)."""

from dataclasses import dataclass

import pytest

from accounts.models import Role
from orgs.models import UnitType
from tests.factories import (
    CampaignFactory,
    ExemplarFactory,
    MembershipFactory,
    RegistrationFactory,
    UnitFactory,
    UserFactory,
)
from tests.mfa import give_device


@dataclass
class World:
    campaign: object
    unit_a: object
    unit_b: object
    sub_a: object
    registration_a: object
    registration_b: object
    exemplar_a: object
    users: dict


ROLES = ["anonymous", "officer_a", "head_a", "officer_b", "standing", "council", "admin",
         "national"]


def build_world() -> World:
    campaign = CampaignFactory()
    province = UnitFactory(name="Ủy ban nhân dân tỉnh Thử", unit_type=UnitType.PROVINCE)
    standing_unit = UnitFactory(name="Sở Nội vụ Thử", parent=province)
    unit_a = UnitFactory(name="Sở Y tế Thử", parent=province)
    sub_a = UnitFactory(name="Bệnh viện Thử", parent=unit_a, unit_type=UnitType.SUBORDINATE)
    unit_b = UnitFactory(name="Xã Thử Nghiệm", parent=province, unit_type=UnitType.COMMUNE)
    registration_a = RegistrationFactory(campaign=campaign, unit=unit_a)
    registration_b = RegistrationFactory(campaign=campaign, unit=unit_b)
    exemplar_a = ExemplarFactory(registration=registration_a, name="Đặng Thị Mai", field_key="e",
                                 position=1)
    ExemplarFactory(registration=registration_a, kind="collective", name="Khoa Nội", field_key="e",
                    position=1)
    ExemplarFactory(registration=registration_b, name="Lò Văn Thắng", field_key="k")
    users = {
        "officer_a": MembershipFactory(unit=unit_a, role=Role.UNIT_OFFICER).user,
        "head_a": MembershipFactory(unit=unit_a, role=Role.UNIT_HEAD).user,
        "officer_b": MembershipFactory(unit=unit_b, role=Role.UNIT_OFFICER).user,
        "standing": MembershipFactory(unit=standing_unit, role=Role.STANDING_OFFICE).user,
        "council": MembershipFactory(unit=province, role=Role.COUNCIL_MEMBER).user,
        "admin": UserFactory(is_superuser=True, is_staff=True),
        # The central committee reads every province and writes nothing provincial; its unit
        # lies outside the province (a second province: tests/scoping).
        "national": MembershipFactory(
            unit=UnitFactory(name="Ban Thi đua - Khen thưởng Trung ương",
                             unit_type=UnitType.SUBORDINATE),
            role=Role.NATIONAL_OFFICE).user,
    }
    # The privileged roles must have a second factor; officer_b enrolled by choice.
    for role in ("standing", "council", "admin", "national", "officer_b"):
        give_device(users[role])
    return World(campaign, unit_a, unit_b, sub_a, registration_a, registration_b, exemplar_a, users)


@pytest.fixture
def world(db) -> World:
    return build_world()
