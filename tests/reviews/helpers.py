"""A review period over the shared world's campaign (tests.world), made once per world."""

import datetime

from reviews.models import ReviewPeriod


def period_of(w) -> ReviewPeriod:
    period, created = ReviewPeriod.objects.get_or_create(
        code="tong-ket-thu", defaults={"kind": "final", "title": "Tổng kết giai đoạn thử",
                                       "starts_on": datetime.date(2022, 1, 1),
                                       "ends_on": datetime.date(2026, 12, 31)})
    if created:
        period.campaigns.add(w.campaign)
    return period


def period_row(w):
    period = ReviewPeriod.objects.get(pk=period_of(w).pk)
    return (period.version, period.title, period.ends_on)
