from django.core.exceptions import PermissionDenied

from accounts.access import declaration_of

# Third-party areas with their own access control: Django's admin (staff only) and static files.
_SELF_GUARDED_NAMESPACES = {"admin"}


class DenyByDefaultMiddleware:
    """Refuse every view that does not declare its access (see ``accounts.access``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is not None and _SELF_GUARDED_NAMESPACES & set(match.namespaces):
            return None
        if declaration_of(view_func) is None:
            raise PermissionDenied("no access declared for this view")
        return None
