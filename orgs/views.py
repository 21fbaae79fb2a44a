import datetime

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from accounts.access import requires
from audit.selectors import history_of
from orgs import selectors
from orgs.models import Unit, UnitType
from orgs.panels import panels_for


def _unit(request, pk, **_kwargs) -> Unit:
    return get_object_or_404(Unit.objects.select_related("parent", "emulation_block"), pk=pk)


@requires("orgs.view_unit_list")
def unit_list(request):
    unit_type = request.GET.get("type", "")
    include_history = request.GET.get("history") == "1"
    units = selectors.unit_list(request.user, unit_type=unit_type, include_history=include_history)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(request, "orgs/unit_list.html", {
        "page": page, "unit_types": UnitType.choices, "unit_type": unit_type,
        "include_history": include_history, "today": datetime.date.today(),
    })


@requires("orgs.view_unit", obj=_unit)
def unit_detail(request, pk, target: Unit):
    context = selectors.unit_history(target)
    context.update({
        "unit": target,
        "current_successors": [] if target.is_current else selectors.current_successors(target),
        "history": history_of(target),
        "panels": panels_for(target, request.user),
    })
    return render(request, "orgs/unit_detail.html", context)
