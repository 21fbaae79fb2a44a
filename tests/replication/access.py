"""The replication rows of the shared URL × role test (tests/test_url_access.py) and of the
service-permission test (tests/test_service_permissions.py), kept here so the shared files
change by one line each.

The world: exemplar A belongs to unit A; unit B (a commune) adopts it (``helpers.adoption_b``).
The adopting unit's officer, the standing office and the administrator write; the exemplar's
unit, the adopting unit and the province read."""

import datetime

from tests.replication.helpers import adoption_b, adoption_row, evidence_b, recognised_b

WRITERS = ("officer_b", "standing", "admin")
NOT_WRITERS = ("officer_a", "head_a", "council")
PROVINCE = ("standing", "council", "admin")


def _version(w, u) -> dict:
    return {"version": adoption_b(w).version}


def url_access(Route, Get, Write, only, signed_in, count):
    adoption = lambda w: {"pk": adoption_b(w).pk}  # noqa: E731
    exemplar_b = lambda w: {"exemplar_id": recognised_b(w).pk}  # noqa: E731
    return {
        "replication:spread": Route(get=Get(lambda w: {}, only("national", *PROVINCE))),
        # a recognised exemplar of unit B: unit A's officer and head record unit A's adoption;
        # unit B's officer has no other unit to record for (403 on POST)
        "replication:adoption_add": Route(
            get=Get(exemplar_b, only("officer_a", "head_a", "officer_b", "standing", "admin")),
            post=Write(exemplar_b, ("officer_a", "head_a", "standing", "admin"),
                       count("replication.Adoption"),
                       lambda w, u: {"unit": w.unit_a.pk, "started_on": "2026-03-01",
                                     "scale_households": "40", "scale_area": "2,5"})),
        "replication:adoption_detail": Route(get=Get(adoption, signed_in(200))),
        "replication:evidence_download": Route(get=Get(lambda w: {"pk": evidence_b(w)},
                                                       signed_in(200))),
        "replication:adoption_update": Route(post=Write(
            adoption, WRITERS, adoption_row,
            lambda w, u: {"started_on": "2026-02-01", "notes": "Mở rộng ra 3 bản",
                          "scale_participants": "120", **_version(w, u)})),
        "replication:adoption_end": Route(post=Write(
            adoption, WRITERS, adoption_row,
            lambda w, u: {"ended_on": "2026-10-01", "reason": "Hết vốn", **_version(w, u)})),
        "replication:result_add": Route(post=Write(
            adoption, WRITERS, count("replication.AdoptionResult"),
            lambda w, u: {"on": "2026-06-01", "text": "Thu nhập tăng 15%",
                          "figure_households": "55", **_version(w, u)})),
    }


def _svc():
    from replication import services

    return services


def _prepared(w, call):
    adoption_b(w)
    return call


def _now(w):
    return adoption_b(w)


def service_cases(Case):
    day = datetime.date(2026, 6, 1)
    return {
        "replication.record_adoption": Case(
            lambda w: lambda actor: _svc().record_adoption(
                exemplar=w.exemplar_a, unit=w.unit_b, started_on=day, acting_user=actor),
            refused=NOT_WRITERS, allowed="officer_b"),
        "replication.update_adoption": Case(
            lambda w: _prepared(w, lambda actor: _svc().update_adoption(
                adoption=_now(w), started_on=day, expected_version=_now(w).version,
                scale={"area": 3}, acting_user=actor)),
            refused=NOT_WRITERS, allowed="officer_b"),
        "replication.end_adoption": Case(
            lambda w: _prepared(w, lambda actor: _svc().end_adoption(
                adoption=_now(w), ended_on=day, acting_user=actor)),
            refused=NOT_WRITERS, allowed="officer_b"),
        "replication.add_result": Case(
            lambda w: _prepared(w, lambda actor: _svc().add_result(
                adoption=_now(w), on=day, text="Tăng năng suất", acting_user=actor)),
            refused=NOT_WRITERS, allowed="officer_b"),
    }
