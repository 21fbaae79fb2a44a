"""Reviews on the web: the periods (list, declare, change), a period's page — every figure by
section with its breakdowns, the charts, the table grouped by current unit or by former
district — and the drill-down list behind any number. Views are thin: the services decide and
log, ``reviews.selectors`` counts; the report's views are in ``reviews.views_reports``."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import roles
from accounts.access import requires
from core.db import from_replica
from core.errors import DomainError
from orgs import lineage
from reviews import charts, selectors, services
from reviews.figures import BY_KEY, GROUP_COLUMNS
from reviews.forms import GroupingForm, PeriodForm
from reviews.models import ReviewPeriod
from reviews.rows import joined, line_of

PAGE_SIZE = 100


def _period(request, code, **_kwargs) -> ReviewPeriod:
    return get_object_or_404(ReviewPeriod.objects.prefetch_related("campaigns__pack"), code=code)


def _grouping(request) -> str:
    value = request.GET.get("group_by", "current")
    return value if value in lineage.GROUPINGS else "current"


def _province(request) -> roles.ProvinceFilter:
    """The provinces counted: the user's own, or the one a national user chose (``?tinh=``)."""
    return roles.province_filter(request.user, request.GET.get(roles.PROVINCE_PARAM))


def _errors_to_form(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@requires("reviews.view_reviewperiod")
def period_list(request):
    return render(request, "reviews/period_list.html", {
        "periods": selectors.periods(),
        "can_add": request.user.has_perm("reviews.add_reviewperiod"),
    })


def _values(form) -> dict:
    data = form.cleaned_data
    return {"kind": data["kind"], "title": data["title"], "campaigns": list(data["campaigns"]),
            "starts_on": data["starts_on"], "ends_on": data["ends_on"],
            "held_on": data.get("held_on"), "notes": data.get("notes", "")}


@requires("reviews.add_reviewperiod")
def period_create(request):
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.create_period(code=form.cleaned_data["code"], **_values(form),
                                            acting_user=request.user)
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã tạo kỳ sơ kết, tổng kết."))
            return redirect("reviews:period_detail", code=period.code)
    return render(request, "reviews/period_form.html", {"form": form, "period": None})


@requires("reviews.change_reviewperiod", obj=_period)
def period_update(request, code, target: ReviewPeriod):
    initial = {"kind": target.kind, "title": target.title, "campaigns": target.campaigns.all(),
               "starts_on": target.starts_on, "ends_on": target.ends_on,
               "held_on": target.held_on, "notes": target.notes, "version": target.version}
    form = PeriodForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_period(period=target,
                                   expected_version=form.cleaned_data.get("version") or 0,
                                   **_values(form), acting_user=request.user)
        except DomainError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Đã lưu kỳ sơ kết, tổng kết."))
            return redirect("reviews:period_detail", code=target.code)
    return render(request, "reviews/period_form.html", {"form": form, "period": target})


@requires("reviews.view_reviewperiod", obj=_period)
def period_detail(request, code, target: ReviewPeriod):
    grouping = _grouping(request)
    province = _province(request)
    with from_replica():
        stats = selectors.statistics(target, grouping, province.paths)
    return render(request, "reviews/period_detail.html", {
        "period": target, "stats": stats, "grouping": grouping,
        "grouping_form": GroupingForm(initial={"group_by": grouping}),
        "columns": [BY_KEY[key] for key in GROUP_COLUMNS],
        "group_rows": [{"row": row, "cells": [(k, row.counts[k]) for k in GROUP_COLUMNS],
                        "members": [{"member": m, "cells": [m["counts"][k] for k in GROUP_COLUMNS]}
                                    for m in row.members] if grouping == "former" else []}
                       for row in stats.groups],
        "totals": [stats.value(k) for k in GROUP_COLUMNS],
        "charts": charts.cached(f"period:{target.pk}:{target.version}:{grouping}:"
                                f"{charts.scope_key(province.paths)}",
                                lambda: charts.review_charts(stats)),
        "province_filter": province,
        "reports": selectors.reports_of(target)[:10],
        "can_edit": request.user.has_perm("reviews.change_reviewperiod", target),
        "can_report": request.user.has_perm("reviews.add_reviewreport"),
    })


@requires("reviews.view_reviewperiod", obj=_period)
def figure_drill(request, code, figure, target: ReviewPeriod):
    if figure not in BY_KEY:
        raise Http404
    grouping = _grouping(request)
    group = request.GET.get("group", "")
    value = request.GET.get("value")
    result = selectors.drill(target, figure, grouping=grouping,
                             group_id=int(group) if group.isdigit() else None,
                             dim_key=request.GET.get("dim", ""), value=value,
                             paths=_province(request).paths)
    rows = [(scope, rows) for scope, rows in result.parts]
    if len(rows) == 1:  # the usual case: the database pages the list
        scope, part = rows[0]
        page = Paginator(joined(part.order_by("pk")), PAGE_SIZE).get_page(request.GET.get("page"))
        page.lines = [(scope.campaign, line_of(obj)) for obj in page.object_list]
    else:  # several campaigns: one list, each campaign's rows in turn
        combined = [(scope.campaign, line_of(obj)) for scope, part in rows
                    for obj in joined(part.order_by("pk"))]
        page = Paginator(combined, PAGE_SIZE).get_page(request.GET.get("page"))
        page.lines = list(page.object_list)
    value_label = ""
    if result.dim is not None and value is not None:  # the breakdown's own name for the value
        labels = {}
        for scope, _rows in rows:
            labels.update(result.dim.labels(scope.campaign))
        value_label = str(labels.get(value, value or _("(chưa ghi)")))
    return render(request, "reviews/figure_drill.html", {
        "period": target, "figure": result.figure, "drill": result, "page": page,
        "grouping": grouping, "value_label": value_label,
        "several_campaigns": len(rows) > 1,
        "query": request.GET.urlencode(),
    })
