"""The discovery rows of the shared URL × role test (tests/test_url_access.py) and of the
service-permission test (tests/test_service_permissions.py), kept here so the shared files
change by one line each. The public form is open to everyone, anonymous included."""

from tests.progress.helpers import jpeg_with_gps

FIELDS = {"sender_name": "Lò Thị Hoa", "contact_email": "hoa@example.vn", "whom": "Tao Văn Páo",
          "what": "Hiến đất làm đường.", "where": "Bản Nà Luồng, xã Bình Lư"}
SCREENERS = ("standing", "admin")
SEES_ROUTED_A = ("officer_a", "head_a", "standing", "council", "admin")
NOT_STANDING = ("officer_a", "head_a", "officer_b", "council")


def _svc():
    from discovery import services

    return services


def _submitted(w, photos=()):
    return _svc().submit_suggestion(**FIELDS, photos=photos)


def _routed(w, photos=()):
    from discovery.models import Suggestion, SuggestionState

    suggestion = _submitted(w, photos)
    Suggestion.objects.filter(pk=suggestion.pk).update(state=SuggestionState.ACCEPTED_ROUTED,
                                                       routed_unit=w.unit_a)
    return Suggestion.objects.get(pk=suggestion.pk)


def _state(w):
    from discovery.models import Suggestion

    return list(Suggestion.objects.values_list("state", "version"))


def _send(w, user):
    from django.core.cache import cache

    cache.clear()  # every role posts from the same test address: the hourly limit starts over
    return {**FIELDS, "step": "send"}


def url_access(Route, Get, Write, only, signed_in, count, everyone, roles):
    return {
        "discovery_public:suggest": Route(
            get=Get(lambda w: {}, everyone(200)),
            post=Write(lambda w: {}, tuple(roles), count("discovery.Suggestion"), _send)),
        "discovery_public:thanks": Route(get=Get(lambda w: {}, everyone(200))),
        "discovery:list": Route(get=Get(lambda w: {}, signed_in(200))),
        "discovery:detail": Route(get=Get(lambda w: {"pk": _routed(w).pk},
                                          only("national", *SEES_ROUTED_A))),
        "discovery:photo": Route(get=Get(
            lambda w: {"pk": _routed(w, [("a.jpg", jpeg_with_gps(40, 30))]).photos.get().pk},
            only("national", *SEES_ROUTED_A))),
        "discovery:route": Route(post=Write(lambda w: {"pk": _submitted(w).pk}, SCREENERS, _state,
                                            lambda w, u: {"unit": w.unit_a.pk})),
        "discovery:decline": Route(post=Write(lambda w: {"pk": _submitted(w).pk}, SCREENERS,
                                              _state, lambda w, u: {"reason": "Trùng lặp"})),
    }


SERVICE_EXEMPT = {
    "discovery.submit_suggestion": "the public form: anyone may send a suggestion (no "
                                   "permission), the view throttles per address",
}


def service_cases(Case):
    def screen(function_name, **extra):
        def prepare(w):
            suggestion = _submitted(w)
            unit = {"unit": w.unit_a} if function_name == "route_suggestion" else {}
            return lambda actor: getattr(_svc(), function_name)(
                suggestion=suggestion, acting_user=actor, **unit, **extra)
        return prepare

    return {
        "discovery.route_suggestion": Case(screen("route_suggestion"), refused=NOT_STANDING,
                                           allowed="standing"),
        "discovery.decline_suggestion": Case(screen("decline_suggestion", reason="Trùng lặp"),
                                             refused=NOT_STANDING, allowed="standing"),
    }
