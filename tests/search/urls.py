"""The project's URLs plus the search app, until config/urls.py includes it."""

from django.urls import include, path

from config.urls import urlpatterns as project_patterns

_included = any(getattr(p, "namespace", None) == "search" for p in project_patterns)
urlpatterns = project_patterns if _included else [
    *project_patterns, path("tim-kiem/", include("search.urls")),
]
