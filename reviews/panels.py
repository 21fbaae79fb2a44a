"""The review's charts on the standing office's dashboard (``registry.dashboard_panels``):
registrations over time against the deadline, quotas met by unit type, the spread of
replication, recognitions by field — for the province-wide roles only."""

from django.utils.translation import gettext_lazy as _


def dashboard_panel(page, user) -> dict | None:
    """``page``: ``registry.dashboard_panels.DashboardPage`` (the campaign, the provinces)."""
    from reviews.charts import dashboard_charts

    if not user.has_perm("reviews.view_reviewperiod"):
        return None
    return {"key": "reviews", "title": _("Biểu đồ của đợt"),
            "template": "reviews/_dashboard_panel.html",
            "context": {"campaign": page.campaign,
                        "drawn": dashboard_charts(page.campaign, page.paths)}}
