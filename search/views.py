from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from accounts import roles
from accounts.access import signed_in
from search.analysis import parse_query
from search.selectors import search

PAGE_LIMIT = 50
LIVE_LIMIT = 10


@signed_in
def results(request: HttpRequest) -> HttpResponse:
    """The search page; an htmx request (typing in the box) gets only the result list."""
    query = parse_query(request.GET.get("q")).text
    live = bool(getattr(request, "htmx", False))
    limit = LIVE_LIMIT if live else PAGE_LIMIT
    province = roles.province_filter(request.user, request.GET.get(roles.PROVINCE_PARAM))
    # The user's scope is applied by the search itself; the filter only narrows to one province.
    paths = province.paths if province.chosen is not None else None
    hits = search(request.user, query, limit=limit, paths=paths) if query else []
    context = {"query": query, "search_query": query, "hits": hits, "live": live, "limit": limit,
               "province_filter": province}
    template = "search/_results.html" if live else "search/results.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
