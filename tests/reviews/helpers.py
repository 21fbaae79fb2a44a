"""What the review tests build on the shared world (tests/world.py): unit A's registration sent
to the standing office, unit B adopting exemplar A, and a final review over the campaign."""

import datetime

from django.utils import timezone

PERIOD = "tong-ket-thu"


def sent_a(w):
    """Unit A's registration sent (submitted) to the standing office, idempotent."""
    from registry.enums import RegistrationState
    from registry.models import Registration

    Registration.objects.filter(pk=w.registration_a.pk).update(
        state=RegistrationState.SUBMITTED,
        submitted_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 9, 0)))


def period_of(w):
    """The final review over the world's campaign, idempotent (with some figures to count)."""
    from reviews.models import ReviewPeriod
    from reviews.services import create_period
    from tests.replication.helpers import adoption_b

    found = ReviewPeriod.objects.filter(code=PERIOD).first()
    if found:
        return found
    sent_a(w)
    adoption_b(w)
    return create_period(code=PERIOD, kind="final", title="Tổng kết giai đoạn 2022 - 2025",
                         campaigns=[w.campaign], starts_on=datetime.date(2022, 1, 1),
                         ends_on=datetime.date(2026, 12, 31), acting_user=w.users["standing"])


def period_row(w):
    from reviews.models import ReviewPeriod

    return ReviewPeriod.objects.filter(code=PERIOD).values(
        "kind", "title", "starts_on", "ends_on", "held_on", "notes", "version").first()

