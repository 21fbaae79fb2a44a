import datetime
from dataclasses import dataclass

import pytest

from accounts.models import Role
from orgs.models import UnitSuccession, UnitType
from search.index import rebuild
from tests.factories import (
    CampaignFactory,
    ExemplarFactory,
    MembershipFactory,
    RegistrationFactory,
    UnitFactory,
)

# Đặng Thị Mai among names a search could confuse with her.
SIMILAR_NAMES_A = ["Đặng Thị Mai", "Đặng Thị Mải", "Đặng Văn Mai", "Đặng Thị Mại",
                   "Hoàng Thị Mai", "Đặng Thị Mây", "Đặng Thị Mơ", "Đặng Thị Mai Anh",
                   "Đỗ Thị Mai"]
NAMES_B = ["Đặng Thị Mãi", "Lò Văn Thắng", "Nguyễn Thị Bình", "Giàng A Pao"]


@dataclass
class Province:
    unit_a: object
    unit_b: object
    old_commune: object
    new_commune: object
    by_name: dict
    officer_a: object
    standing: object


@pytest.fixture
def province(db) -> Province:
    campaign = CampaignFactory()
    root = UnitFactory(name="Ủy ban nhân dân tỉnh Lai Châu", unit_type=UnitType.PROVINCE,
                       code="LC")
    standing_unit = UnitFactory(name="Sở Nội vụ tỉnh Lai Châu", parent=root, code="SNV")
    unit_a = UnitFactory(name="Sở Y tế tỉnh Lai Châu", short_name="SYT", parent=root,
                         code="SYT01")
    unit_b = UnitFactory(name="Ủy ban nhân dân xã Bản Giang", parent=root,
                         unit_type=UnitType.COMMUNE, code="03400")
    old_commune = UnitFactory(name="Phường Quyết Tiến", parent=root, code="03388",
                              unit_type=UnitType.COMMUNE,
                              valid_to=datetime.date(2025, 6, 30))
    new_commune = UnitFactory(name="Phường Đoàn Kết", parent=root, code="03388",
                              unit_type=UnitType.COMMUNE, valid_from=datetime.date(2025, 7, 1))
    UnitSuccession.objects.create(predecessor=old_commune, successor=new_commune,
                                  kind="merged", effective_on=datetime.date(2025, 7, 1))
    reg_a = RegistrationFactory(campaign=campaign, unit=unit_a)
    reg_b = RegistrationFactory(campaign=campaign, unit=unit_b)
    by_name = {}
    for name in SIMILAR_NAMES_A:
        by_name[name] = ExemplarFactory(registration=reg_a, name=name,
                                        position_title="Điều dưỡng",
                                        work_unit="Bệnh viện Đa khoa tỉnh")
    for name in NAMES_B:
        by_name[name] = ExemplarFactory(registration=reg_b, name=name,
                                        position_title="Công chức Văn hóa - Xã hội")
    by_name["Mô hình chè Shan tuyết"] = ExemplarFactory(
        registration=reg_b, kind="model", name="Mô hình trồng chè Shan tuyết",
        solutions="Liên kết hộ dân trồng chè theo tiêu chuẩn VietGAP, bao tiêu sản phẩm.")
    rebuild(batch_size=3)
    return Province(
        unit_a=unit_a, unit_b=unit_b, old_commune=old_commune, new_commune=new_commune,
        by_name=by_name,
        officer_a=MembershipFactory(unit=unit_a, role=Role.UNIT_OFFICER).user,
        standing=MembershipFactory(unit=standing_unit, role=Role.STANDING_OFFICE).user,
    )
