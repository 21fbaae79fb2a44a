"""Inspections: the standing office plans and records (the system administrator passes every
check); the inspected unit reads and reports on its follow-ups; the council reads; another unit
sees nothing (404, as if absent)."""

from inspections.models import Finding, FollowUp, Inspection
from tests.api.spec import Change, Read, everyone, only
from tests.inspections.helpers import with_follow_up

INSPECTED = ("officer_a", "head_a", "standing", "council", "admin")


def _inspection(w) -> str:
    inspection, _follow_up = with_follow_up(w)
    return f"/inspections/{inspection.pk}"


def _follow_up(name: str):
    def path(w) -> str:
        _inspection, follow_up = with_follow_up(w)
        if name == "close_follow_up":
            from inspections import services

            services.transition_follow_up(follow_up=follow_up, name="report_follow_up_done",
                                          note="Đã xong", acting_user=w.users["officer_a"])
        return f"/inspections/follow-ups/{follow_up.pk}/transitions/{name}"
    return path


def _follow_up_state(w):
    return list(FollowUp.objects.values_list("state", "unit_note"))


OPERATIONS = {
    ("GET", "/inspections/"): Read(lambda w: "/inspections/", everyone(200)),
    ("GET", "/inspections/{inspection_id}"): Read(_inspection, only("national", *INSPECTED)),
    ("POST", "/inspections/"): Change(
        lambda w: "/inspections/", ("standing", "admin"), lambda w: Inspection.objects.count(),
        body=lambda w: {"title": "Kiểm tra công tác thi đua", "scope": "Điển hình tiên tiến.",
                        "start_on": "2026-03-10", "units": [w.unit_a.pk]}),
    ("POST", "/inspections/{inspection_id}/findings"): Change(
        lambda w: f"{_inspection(w)}/findings", ("standing", "admin"),
        lambda w: Finding.objects.count(),
        body=lambda w: {"unit": w.unit_a.pk, "kind": "positive", "text": "Hồ sơ đầy đủ.",
                        "exemplar": w.exemplar_a.pk},
        denied={"officer_b": 404}),
    ("POST", "/inspections/follow-ups/{follow_up_id}/transitions/{name}"): Change(
        _follow_up("report_follow_up_done"), ("officer_a", "head_a", "admin"), _follow_up_state,
        body=lambda w: {"note": "Đã bổ sung hồ sơ."}, denied={"officer_b": 404}),
}
