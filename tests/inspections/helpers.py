import datetime

from inspections import services


def planned(w, **extra):
    """An inspection of unit A, planned by the standing office."""
    data = {"title": "Công tác xây dựng điển hình tiên tiến năm 2026",
            "scope": "Việc phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến.",
            "decision_basis": "Quyết định số 15/QĐ-SNV ngày 02/03/2026 của Giám đốc Sở Nội vụ",
            "team": "Lò Thị Hương — Trưởng phòng, Trưởng đoàn\nVàng A Sử — Chuyên viên, thành viên",
            "start_on": datetime.date(2026, 3, 10), "end_on": datetime.date(2026, 3, 11),
            "campaign": w.campaign, **extra}
    return services.create_inspection(data=data, units=[w.unit_a], acting_user=w.users["standing"])


def with_follow_up(w):
    """Started, with a finding on exemplar A and one follow-up for unit A."""
    standing = w.users["standing"]
    inspection = planned(w)
    inspection = services.transition_inspection(inspection=inspection, name="start_inspection",
                                                acting_user=standing)
    services.add_finding(inspection=inspection, unit=w.unit_a, kind="shortcoming",
                         text="Hồ sơ minh chứng còn thiếu bản chụp quyết định khen thưởng.",
                         exemplar=w.exemplar_a, acting_user=standing)
    follow_up = services.add_follow_up(
        inspection=inspection, unit=w.unit_a, action="Bổ sung hồ sơ minh chứng của điển hình.",
        owner_name="Trưởng phòng Tổ chức cán bộ", deadline=datetime.date(2026, 4, 30),
        acting_user=standing)
    return inspection, follow_up


def concluded(w):
    inspection, follow_up = with_follow_up(w)
    standing = w.users["standing"]
    services.set_conclusions(inspection=inspection, conclusion="Đơn vị thực hiện cơ bản tốt.",
                             unit_conclusions={w.unit_a.pk: "Cần hoàn thiện hồ sơ."},
                             acting_user=standing)
    inspection = services.transition_inspection(inspection=inspection, name="conclude_inspection",
                                                acting_user=standing)
    return inspection, follow_up
