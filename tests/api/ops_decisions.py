"""Decisions: who may do what with a token — the standing office drafts, edits, issues and
revokes; province-wide roles read every decision; a unit reads the issued decisions naming its
exemplars (a draft is outside what it sees: 404)."""

from decisions.models import Decision
from tests.api.spec import Change, Read, everyone, only

PROVINCE = ("standing", "council", "admin")
WRITERS = ("standing", "admin")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _draft(w):
    from tests.decisions.helpers import draft

    return Decision.objects.filter(state="draft").first() or draft(w, 1)


def _issued(w):
    from decisions.services import issue_decision
    from tests.decisions.helpers import ISSUED_ON

    found = Decision.objects.filter(state="issued").first()
    return found or issue_decision(decision=_draft(w), issued_on=ISSUED_ON,
                                   acting_user=w.users["standing"])


def _row(w):
    return list(Decision.objects.order_by("pk").values_list("state", "number", "subject",
                                                            "version"))


def _items(w):
    from tests.decisions.helpers import authority, passed_items

    authority()
    return [i.pk for i in passed_items(w, 1)]


OUTSIDE_DRAFT = {"officer_a": 404, "head_a": 404, "officer_b": 404}
OUTSIDE_ISSUED = {"officer_b": 404}

OPERATIONS = {
    ("GET", "/decisions/"): Read(lambda w: "/decisions/", everyone(200)),
    ("GET", "/decisions/{decision_id}"): Read(lambda w: f"/decisions/{_draft(w).pk}",
                                              only("national", *PROVINCE)),
    ("GET", "/decisions/{decision_id}/docx"): Read(
        lambda w: f"/decisions/{_issued(w).pk}/docx", only("national", "officer_a", "head_a", *PROVINCE),
        content_type=DOCX),
    ("GET", "/decisions/{decision_id}/pdf"): Read(
        lambda w: f"/decisions/{_issued(w).pk}/pdf", only("national", "officer_a", "head_a", *PROVINCE),
        content_type="application/pdf"),
    ("POST", "/decisions/"): Change(
        lambda w: "/decisions/", WRITERS, lambda w: Decision.objects.count(),
        body=lambda w: {"authority": "ct-ubnd-tinh", "items": _items(w),
                        "signer_name": "Lê Văn Lương"}),
    ("PATCH", "/decisions/{decision_id}"): Change(
        lambda w: f"/decisions/{_draft(w).pk}", WRITERS, _row,
        body=lambda w: {"version": _draft(w).version, "subject": "Về việc công nhận"},
        denied=OUTSIDE_DRAFT),
    ("POST", "/decisions/{decision_id}/issue"): Change(
        lambda w: f"/decisions/{_draft(w).pk}/issue", WRITERS, _row,
        body=lambda w: {"issued_on": "2026-11-20"}, denied=OUTSIDE_DRAFT),
    ("POST", "/decisions/{decision_id}/revoke"): Change(
        lambda w: f"/decisions/{_issued(w).pk}/revoke", WRITERS, _row,
        body=lambda w: {"reason": "Kê khai không trung thực",
                        "legal_basis": "Điều 94 Luật Thi đua, khen thưởng"},
        denied=OUTSIDE_ISSUED),
}
