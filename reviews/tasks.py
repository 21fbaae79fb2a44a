"""Background work for reviews (Django's tasks API; the database-backed worker runs it)."""

from django.tasks import task


@task()
def generate_review_report(*, report_id: int) -> str:
    """Make the queued review report ``report_id`` (``reviews.reports.run_report``); returns
    the state it ended in."""
    from reviews.reports import run_report

    return run_report(report_id).state


@task()
def draw_dashboard_charts(*, campaign_id: int, language: str, paths: list[str] | None = None
                          ) -> int:
    """Draw the dashboard's charts of a campaign into the cache
    (``reviews.charts.dashboard_charts``); returns the data version they show."""
    from core.db import from_replica
    from reviews.charts import draw_and_keep_dashboard_charts

    with from_replica():
        return draw_and_keep_dashboard_charts(campaign_id, language, paths).version
