"""The review's charts (``core.charts.Chart``), built from the statistics and a few dated reads:
registrations sent over time against the deadline, quotas met by unit type, the spread of
replication (units reached by group), recognitions by field, exemplars by kind. The review page
and the report show ``review_charts``; the standing office's dashboard shows
``dashboard_charts`` for a campaign (the whole campaign as one period)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import under
from core.charts import Chart
from guidance.models import Campaign
from orgs.models import UnitType
from registry.enums import SENT_STATES
from registry.models import Registration
from reviews.figures import Scope


def registrations_over_time(campaigns: list[Campaign], paths=None) -> Chart:
    """Cumulative registrations sent, day by day, and the (latest) deadline; ``paths``: the
    provinces counted (``None``: every one)."""
    rows = Registration.objects.filter(campaign__in=campaigns, state__in=SENT_STATES,
                                       submitted_at__isnull=False)
    if paths is not None:
        rows = rows.filter(under(paths, "unit__tree_path"))
    rows = (rows.annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
            .values("day").annotate(n=Count("pk")).order_by("day"))
    total, points = 0, []
    for row in rows:
        total += row["n"]
        points.append([row["day"], total])
    deadline = max((c.registration_deadline for c in campaigns), default=None)
    if points:
        points.insert(0, [points[0][0] - datetime.timedelta(days=1), 0])
        end = max(points[-1][0], deadline or points[-1][0])
        if end > points[-1][0]:
            points.append([end, total])
    summary = (_("Đã có %(n)d biểu đăng ký gửi Sở Nội vụ; hạn gửi ngày %(day)s.")
               % {"n": total, "day": f"{deadline:%d/%m/%Y}" if deadline else "—"})
    return Chart("registrations", _("Biểu đăng ký đã gửi theo thời gian"), summary,
                 [_("Ngày"), _("Số biểu đã gửi (cộng dồn)")], points, kind="line",
                 marker=(deadline, _("Hạn gửi %(day)s") % {"day": f"{deadline:%d/%m/%Y}"})
                 if deadline and points else None)


def quotas_by_unit_type(scopes: list[Scope]) -> Chart:
    from reviews.figures import BY_KEY
    from reviews.selectors import count_figure

    required = _by_type(count_figure(BY_KEY["units_required"], scopes))
    met = _by_type(count_figure(BY_KEY["units_quota_met"], scopes))
    labels = dict(UnitType.choices)
    rows = [[str(labels.get(t, t)), n, met.get(t, 0)] for t, n in
            sorted(required.items(), key=lambda item: -item[1])]
    summary = _("%(met)d trong %(total)d đơn vị phải đăng ký đã gửi biểu đạt chỉ tiêu.") % {
        "met": sum(met.values()), "total": sum(required.values())}
    return Chart("quotas", _("Đơn vị đạt chỉ tiêu đăng ký theo loại đơn vị"), summary,
                 [_("Loại đơn vị"), _("Phải đăng ký"), _("Đạt chỉ tiêu")], rows)


def _by_type(count) -> dict:
    found = count.dims[0] if count.dims else None
    return {v["value"]: v["count"] for v in found.values} if found else {}


def replication_by_group(stats) -> Chart:
    rows = [[row.group.name, row.counts["units_reached"], row.counts["adoptions"]]
            for row in stats.groups if row.counts["adoptions"]]
    summary = _("%(n)d điển hình, mô hình được nhân rộng; %(units)d đơn vị đã áp dụng "
                "(%(adoptions)d lượt).") % {
        "units": stats.value("units_reached"), "n": stats.value("exemplars_replicated"),
        "adoptions": stats.value("adoptions")}
    title = (_("Lan tỏa nhân rộng theo địa bàn (huyện cũ)") if stats.grouping == "former"
             else _("Lan tỏa nhân rộng theo đơn vị"))
    return Chart("replication", title, summary,
                 [_("Nhóm đơn vị"), _("Đơn vị áp dụng"), _("Lượt áp dụng")], rows)


def recognitions_by_field(stats) -> Chart:
    values = next((d.values for d in stats.figures["recognised"].dims if d.key == "field"), [])
    rows = [[v["label"], v["count"]] for v in values]
    summary = _("%(n)d điển hình được công nhận, khen thưởng trong kỳ.") % {
        "n": stats.value("recognised")}
    return Chart("recognitions", _("Điển hình được công nhận, khen thưởng theo lĩnh vực"), summary,
                 [_("Lĩnh vực"), _("Số điển hình")], rows)


def exemplars_by_kind(stats) -> Chart:
    values = next((d.values for d in stats.figures["exemplars"].dims if d.key == "kind"), [])
    rows = [[v["label"], v["count"]] for v in values]
    summary = _("%(n)d điển hình trong các biểu đã gửi.") % {"n": stats.value("exemplars")}
    return Chart("kinds", _("Điển hình đăng ký theo loại"), summary,
                 [_("Loại"), _("Số điển hình")], rows)


def review_charts(stats) -> list[Chart]:
    from reviews.selectors import scopes

    campaigns = [s.campaign for s in scopes(stats.period)]
    return [registrations_over_time(campaigns, stats.paths),
            quotas_by_unit_type(scopes(stats.period, stats.paths)),
            exemplars_by_kind(stats), replication_by_group(stats), recognitions_by_field(stats)]


def cached(name: str, build) -> list[Chart]:
    """``build()``'s charts, drawn once per data version, day and language (10 minutes at
    most): Matplotlib takes ~0.1 s a chart, the dashboard is opened all day."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from reviews.selectors import data_version

    key = f"reviews:charts:{name}:{data_version() or 0}:{datetime.date.today():%Y%m%d}:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = build()
        for chart in found:
            chart.svg()
        cache.set(key, found, 600)
    return found


def scope_key(paths) -> str:
    """The provinces of a cached chart in its cache key ("all": every province)."""
    return "all" if paths is None else ",".join(sorted(paths)) or "none"


# The dashboard shows its charts as last drawn when they are younger than this, even if the
# data changed since; older ones are still shown while the worker draws new ones.
DASHBOARD_FRESH_FOR = datetime.timedelta(minutes=10)


@dataclass
class DrawnCharts:
    """The dashboard's charts as drawn at ``drawn_at`` from data version ``version``."""

    charts: list[Chart]
    version: int
    drawn_at: datetime.datetime


def _dashboard_key(campaign_id: int, paths, language: str) -> str:
    return f"reviews:dashboard-charts:{campaign_id}:{scope_key(paths)}:{language}"


def dashboard_charts(campaign: Campaign, paths=None) -> DrawnCharts | None:
    """The four charts of the standing office's dashboard, over the whole campaign in the
    provinces of ``paths`` (``None``: every province), never
    computed inside the request: the last drawing (kept in the cache) when it is current or
    younger than ``DASHBOARD_FRESH_FOR``; otherwise the worker is asked — once — to draw them
    again and the last drawing (or None: the panel says they are being drawn) is shown
    meanwhile. At national scale the statistics behind them take seconds."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from reviews.selectors import data_version
    from reviews.tasks import draw_dashboard_charts

    language = get_language() or "vi"
    paths = None if paths is None else sorted(paths)
    key = _dashboard_key(campaign.pk, paths, language)
    found = cache.get(key)
    if found is not None and (found.version == (data_version() or 0)
                              or timezone.now() - found.drawn_at < DASHBOARD_FRESH_FOR):
        return found
    if cache.add(f"{key}:queued", True, 300):  # one drawing at a time per campaign and language
        draw_dashboard_charts.enqueue(campaign_id=campaign.pk, language=language, paths=paths)
    return cache.get(key) or found  # the immediate backend (tests) has drawn them already


def draw_and_keep_dashboard_charts(campaign_id: int, language: str, paths=None) -> DrawnCharts:
    """The worker's half of ``dashboard_charts``: draw the charts, keep them for a week."""
    from django.core.cache import cache
    from django.utils.translation import override

    from reviews.selectors import data_version

    key = _dashboard_key(campaign_id, paths, language)
    try:
        campaign = Campaign.objects.select_related("pack").get(pk=campaign_id)
        with override(language):
            version = data_version() or 0
            charts = _dashboard_charts(campaign, paths)
            for chart in charts:
                chart.svg()
        drawn = DrawnCharts(charts, version, timezone.now())
        cache.set(key, drawn, 7 * 24 * 3600)
        return drawn
    finally:
        cache.delete(f"{key}:queued")


def _dashboard_charts(campaign: Campaign, paths=None) -> list[Chart]:
    from reviews.selectors import adhoc_period, scopes, statistics

    stats = statistics(adhoc_period([campaign]), "former", paths)
    return [registrations_over_time([campaign], paths),
            quotas_by_unit_type(scopes(stats.period, paths)),
            replication_by_group(stats), recognitions_by_field(stats)]
