"""Replication: who may do what with a token — the web's answers (tests/replication/access.py:
unit B adopts exemplar A; unit B's officer, the standing office and the administrator write)."""

from replication.models import Adoption, AdoptionResult
from tests.api.spec import Change, Read, everyone, only
from tests.replication.helpers import adoption_b, adoption_row

WRITERS = ("officer_b", "standing", "admin")


def _adoption(suffix: str = ""):
    return lambda w: f"/replication/adoptions/{adoption_b(w).pk}{suffix}"


def _version(w) -> dict:
    return {"version": adoption_b(w).version}


OPERATIONS = {
    ("GET", "/replication/measures"): Read(lambda w: "/replication/measures", everyone(200)),
    ("GET", "/replication/adoptions/"): Read(lambda w: "/replication/adoptions/", everyone(200)),
    ("GET", "/replication/adoptions/{adoption_id}"): Read(_adoption(), everyone(200)),
    ("GET", "/replication/spread"): Read(
        lambda w: "/replication/spread?by=year",
        only("national", "standing", "council", "admin", denied=403)),
    ("POST", "/replication/adoptions/"): Change(
        # unit B's officer may not see exemplar A (not recognised): refused, as on the web
        lambda w: "/replication/adoptions/", ("standing", "admin"),
        lambda w: Adoption.objects.count(),
        body=lambda w: {"exemplar": w.exemplar_a.pk, "unit": w.unit_b.pk,
                        "started_on": "2026-03-01", "scale": {"households": 12}}),
    ("PATCH", "/replication/adoptions/{adoption_id}"): Change(
        _adoption(), WRITERS, adoption_row,
        body=lambda w: {"notes": "Mở rộng", "scale": {"area": 1.5}, **_version(w)}),
    ("POST", "/replication/adoptions/{adoption_id}/end"): Change(
        _adoption("/end"), WRITERS, adoption_row,
        body=lambda w: {"ended_on": "2026-10-01", "reason": "Hết vốn", **_version(w)}),
    ("POST", "/replication/adoptions/{adoption_id}/results"): Change(
        _adoption("/results"), WRITERS, lambda w: AdoptionResult.objects.count(),
        body=lambda w: {"on": "2026-06-01", "text": "Thu nhập tăng", **_version(w)}),
}
