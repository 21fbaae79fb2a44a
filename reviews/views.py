"""Reviews on the web (filled in below)."""
from django.http import Http404

from accounts.access import requires


@requires("reviews.view_reviewperiod")
def period_list(request):
    raise Http404


@requires("reviews.add_reviewperiod")
def period_create(request):
    raise Http404


@requires("reviews.view_reviewperiod")
def period_detail(request, code):
    raise Http404


@requires("reviews.change_reviewperiod")
def period_update(request, code):
    raise Http404


@requires("reviews.view_reviewperiod")
def figure_drill(request, code, figure):
    raise Http404
