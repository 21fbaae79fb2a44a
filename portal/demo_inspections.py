"""Demo inspections: one concluded inspection of Sở Y tế with findings (one on an exemplar),
one follow-up still open and one the unit reported done and the standing office closed."""

import datetime

from inspections import services
from registry.models import Exemplar

UNIT_NAME = "Sở Y tế tỉnh Lai Châu"


def seed_inspections(*, standing, officer_of, unit_of) -> int:
    unit = unit_of(UNIT_NAME)
    officer = officer_of(unit)
    inspection = services.create_inspection(data={
        "title": "Kiểm tra công tác phát hiện, bồi dưỡng điển hình tiên tiến năm 2026",
        "scope": "Việc đăng ký, theo dõi, bồi dưỡng và nhân rộng điển hình tiên tiến; hồ sơ "
                 "minh chứng của các điển hình đã đăng ký.",
        "decision_basis": "Quyết định số 25/QĐ-SNV ngày 02/03/2026 của Giám đốc Sở Nội vụ về "
                          "việc kiểm tra công tác thi đua, khen thưởng",
        "team": "Lò Thị Hương — Trưởng phòng Thi đua - Khen thưởng, Trưởng đoàn\n"
                "Vàng Văn Sử — Chuyên viên, thành viên",
        "start_on": datetime.date(2026, 3, 10), "end_on": datetime.date(2026, 3, 11),
        "campaign": None}, units=[unit], acting_user=standing)
    inspection = services.transition_inspection(inspection=inspection, name="start_inspection",
                                                acting_user=standing)
    exemplar = (Exemplar.objects.filter(registration__unit=unit).order_by("kind", "position")
                .first())
    services.add_finding(inspection=inspection, unit=unit, kind="positive", acting_user=standing,
                         text="Đơn vị đăng ký đầy đủ, đúng thời hạn; có kế hoạch bồi dưỡng.")
    services.add_finding(inspection=inspection, unit=unit, kind="shortcoming",
                         exemplar=exemplar, acting_user=standing,
                         text="Hồ sơ minh chứng chưa có bản chụp quyết định khen thưởng.")
    done = services.add_follow_up(
        inspection=inspection, unit=unit, action="Bổ sung hồ sơ minh chứng của điển hình.",
        owner_name="Chánh Văn phòng Sở", deadline=datetime.date(2026, 4, 15),
        acting_user=standing)
    services.add_follow_up(
        inspection=inspection, unit=unit,
        action="Tổ chức hội nghị nhân rộng điển hình tiên tiến trong ngành.",
        owner_name="Phó Giám đốc Sở", deadline=datetime.date(2026, 9, 30), acting_user=standing)
    services.set_conclusions(
        inspection=inspection, acting_user=standing,
        conclusion="Đơn vị thực hiện cơ bản tốt công tác xây dựng điển hình tiên tiến.",
        unit_conclusions={unit.pk: "Cần hoàn thiện hồ sơ minh chứng và đẩy mạnh nhân rộng."})
    services.transition_inspection(inspection=inspection, name="conclude_inspection",
                                   acting_user=standing)
    done = services.transition_follow_up(
        follow_up=done, name="report_follow_up_done", acting_user=officer,
        note="Đã bổ sung quyết định khen thưởng vào hồ sơ ngày 10/04/2026.")
    services.transition_follow_up(follow_up=done, name="close_follow_up", acting_user=standing)
    return 1
