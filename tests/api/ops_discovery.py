"""Suggestions: the standing office (and the administrator) read every one; the unit a
suggestion was routed to (and the units above, the council) read it; screening is the standing
office's. Another unit's suggestion answers 404."""

from discovery.models import Suggestion
from tests.api.spec import Change, Read, only
from tests.discovery.access import _routed, _submitted

ROUTED_A = ("officer_a", "head_a", "standing", "council", "admin")


def _state(w):
    return list(Suggestion.objects.values_list("state", "version"))


def routed(w) -> str:
    return f"/suggestions/{_routed(w).pk}"


def submitted(w, action) -> str:
    return f"/suggestions/{_submitted(w).pk}/{action}"


OPERATIONS = {
    ("GET", "/suggestions/"): Read(lambda w: "/suggestions/", only("national",
        "officer_a", "head_a", "officer_b", "standing", "council", "admin")),
    ("GET", "/suggestions/{suggestion_id}"): Read(routed, only("national", *ROUTED_A)),
    ("POST", "/suggestions/{suggestion_id}/route"): Change(
        lambda w: submitted(w, "route"), ("standing", "admin"), _state,
        body=lambda w: {"unit_id": w.unit_a.pk},
        denied={"officer_a": 404, "head_a": 404, "officer_b": 404, "council": 404,
                "national": 404}),
    ("POST", "/suggestions/{suggestion_id}/decline"): Change(
        lambda w: submitted(w, "decline"), ("standing", "admin"), _state,
        body=lambda w: {"reason": "Trùng lặp"},
        denied={"officer_a": 404, "head_a": 404, "officer_b": 404, "council": 404,
                "national": 404}),
}
