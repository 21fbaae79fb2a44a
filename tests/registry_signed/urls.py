"""The project's URLs with the signed-form routes inside the ``registry`` namespace, as the
lead wires them; used by the view tests whether or not registry/urls.py includes them yet."""

from django.urls import URLResolver, include, path

from config.urls import urlpatterns as project_patterns
from registry.urls import urlpatterns as registry_patterns
from registry.urls_signed import urlpatterns as signed_patterns

urlpatterns = [
    path("dang-ky/", include((registry_patterns + signed_patterns, "registry"))),
    *(p for p in project_patterns
      if not (isinstance(p, URLResolver) and p.namespace == "registry")),
]
