"""The project's URLs plus evaluation's, until config/urls.py includes them itself."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

_included = any(getattr(p, "namespace", None) == "evaluation" for p in project_urlpatterns)
urlpatterns = list(project_urlpatterns)
if not _included:
    urlpatterns.append(path("danh-gia/", include("evaluation.urls")))
