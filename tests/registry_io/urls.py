"""The project's URLs with the import/export views in the ``registry`` namespace, until
registry/urls.py includes ``registry.urls_io`` itself."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns
from registry import urls as registry_urls
from registry import urls_io

_names = {getattr(p, "name", None) for p in registry_urls.urlpatterns}
if "registration_export" in _names:
    urlpatterns = list(project_urlpatterns)
else:
    urlpatterns = [p for p in project_urlpatterns if getattr(p, "namespace", None) != "registry"]
    urlpatterns.append(path("dang-ky/", include(
        (registry_urls.urlpatterns + urls_io.urlpatterns, "registry"))))
