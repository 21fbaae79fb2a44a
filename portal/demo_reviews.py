"""Demo reviews: the final review of the 2022–2025 campaign (tổng kết, up to its final review
day) and its interim review (sơ kết, to the end of 2024), declared through the services by the
standing office; the final review gets one report, generated as the worker would."""

import datetime

from reviews import services

FINAL_CODE = "tong-ket-2022-2025"
INTERIM_CODE = "so-ket-2024"


def seed_reviews(*, campaign, standing) -> None:
    final = services.create_period(
        code=FINAL_CODE, kind="final",
        title="Tổng kết phong trào xây dựng và nhân rộng mô hình tiêu biểu, điển hình tiên tiến "
              "giai đoạn 2022 - 2025",
        campaigns=[campaign], starts_on=datetime.date(campaign.period_start_year, 1, 1),
        ends_on=campaign.final_review_on or datetime.date(campaign.period_end_year, 12, 31),
        held_on=campaign.final_review_on, acting_user=standing,
        notes="Hội nghị tổng kết do Sở Nội vụ chuẩn bị; số liệu lấy trực tiếp từ hệ thống.")
    services.create_period(
        code=INTERIM_CODE, kind="interim", title="Sơ kết năm 2024 (giữa giai đoạn 2022 - 2025)",
        campaigns=[campaign], starts_on=datetime.date(campaign.period_start_year, 1, 1),
        ends_on=campaign.interim_review_on or datetime.date(2024, 12, 31),
        held_on=campaign.interim_review_on, acting_user=standing)
    _report(final, standing)


def _report(period, standing) -> None:
    from reviews import reports

    report = reports.request_report(period=period, grouping="former", acting_user=standing)
    reports.run_report(report.pk)  # made now; the queued task then finds it done and stops
