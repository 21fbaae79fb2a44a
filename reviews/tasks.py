"""Background work for reviews (Django's tasks API; the database-backed worker runs it)."""

from django.tasks import task


@task()
def generate_review_report(*, report_id: int) -> str:
    """Make the queued review report ``report_id`` (``reviews.reports.run_report``); returns
    the state it ended in."""
    from reviews.reports import run_report

    return run_report(report_id).state
