"""Registrations with entries for the import/export tests, written through the services."""

import datetime
import io

from openpyxl import Workbook

from accounts.models import Role
from registry import services
from tests.factories import MembershipFactory, RegistrationFactory, UnitFactory

ENTRIES = [
    {"kind": "collective", "name": "Khoa Nội", "address": "Phường Tân Phong",
     "head_name": "Lò Văn Dũng", "field_key": "e", "solutions": "Dòng một\n\nDòng ba",
     "notes": "=1+1 không phải công thức"},
    {"kind": "individual", "name": "Đặng Thị Hoà", "address": "Bản Nà Khum", "field_key": "đ",
     "solutions": "Tiết kiệm chi thường xuyên."},
    {"kind": "individual", "name": "Giàng A Pao", "position_title": "Trưởng bản",
     "address": "Xã Sìn Hồ", "field_key": "d2", "solutions": ""},
    {"kind": "individual", "name": "Nguyễn Văn An", "position_title": "Phó Giám đốc",
     "work_unit": "Sở Y tế", "field_key": "c1", "notes": "Ghi chú\nhai dòng"},
    {"kind": "household", "name": "Vàng Seo Hậu", "address": "Bản Nậm Khăm", "field_key": "n"},
    {"kind": "model", "name": "Mô hình trồng chè sạch", "address": "Xã Tân Uyên",
     "field_key": "d1", "solutions": "Liên kết tiêu thụ."},
]


def unit_with_officer(name: str = "Sở Y tế Thử"):
    unit = UnitFactory(name=name)
    officer = MembershipFactory(unit=unit, role=Role.UNIT_OFFICER).user
    return unit, officer


def filled_registration(entries=ENTRIES, name: str = "Sở Y tế Thử"):
    unit, officer = unit_with_officer(name)
    registration = RegistrationFactory(unit=unit)
    for data in entries:
        services.add_exemplar(registration=registration, data=data, acting_user=officer)
    registration.refresh_from_db()
    return registration, officer


def individuals_sheet(rows: list[list], title: str = "II. Cá nhân",
                      unit: str = "Sở Y tế Thử") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append([unit])
    sheet.append(["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
                  "Điển hình thuộc lĩnh vực", "Các giải pháp của cá nhân đăng ký thực hiện",
                  "Ghi chú"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


LEAD = ("Thực hiện Hướng dẫn số 2533/HD-UBND, ngày 02/7/2024 của Ủy ban nhân dân tỉnh về xây "
        "dựng và nhân rộng các mô hình tiêu biểu, điển hình tiên tiến trên địa bàn tỉnh Lai "
        "Châu, {unit} đăng ký thực hiện như sau:")


def form_sheet(rows: list[list], *, unit: str = "Sở Y tế Thử", lead: str | None = LEAD) -> bytes:
    """A hand-made Excel form: the unit's name, the lead sentence citing the guidance, then the
    individuals' table."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "II. Cá nhân"
    sheet.append([unit.upper()])
    sheet.append(["BIỂU ĐĂNG KÝ"])
    if lead:
        sheet.append([lead.format(unit=unit)])
    sheet.append(["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú",
                  "Điển hình thuộc lĩnh vực", "Các giải pháp của cá nhân đăng ký thực hiện",
                  "Ghi chú"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def exported_form(world, fmt: str):
    """Unit C's own exported form (the system's Word or Excel file, all six kinds of entry),
    written from its registration of an earlier, closed campaign of the same guidance; unit C
    has no registration yet in the open one."""
    from guidance.models import CampaignStatus
    from registry.io.document import registration_document
    from registry.io.export import render_document
    from tests.factories import CampaignFactory

    province = world.unit_a.parent
    unit = UnitFactory(name="Sở Giáo dục Thử", parent=province)
    officer = MembershipFactory(unit=unit, role=Role.UNIT_OFFICER).user
    earlier = CampaignFactory(code="2533-2020-2021", name="Đợt thử 2020 - 2021",
                              pack=world.campaign.pack, period_start_year=2020,
                              period_end_year=2021, proposal_year=2021,
                              registration_deadline=datetime.date(2020, 12, 1))
    source = RegistrationFactory(campaign=earlier, unit=unit)
    for data in ENTRIES:
        services.add_exemplar(registration=source, data=data, acting_user=officer)
    earlier.status = CampaignStatus.CLOSED
    earlier.save(update_fields=["status"])
    return unit, officer, render_document(registration_document(source), fmt)
