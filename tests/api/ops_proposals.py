"""Proposals: who may do what with a token — the web's answers, except that a proposal outside
what the role sees is a 404 as if absent."""

from proposals.models import Proposal, ProposalItem
from tests.api.spec import Change, Read, everyone, only
from tests.proposals.access import READERS, SCREENERS, WRITERS, _collective, _draft, _row
from tests.proposals.helpers import catalogue, submitted

OUTSIDE = {"officer_b": 404}


def _path(suffix: str = ""):
    return lambda w: f"/proposals/{_draft(w).pk}{suffix}"


def _items(w):
    return list(ProposalItem.objects.filter(proposal__unit=w.unit_a).order_by("pk").values_list(
        "pk", "screening"))


def _screen_path(w):
    proposal, item = submitted(w)
    return f"/proposals/{proposal.pk}/items/{item.pk}/screening"


def _add_body(w):
    return {"exemplar_id": _collective(w).pk, "form_id": catalogue()[0].pk, "year": 2025,
            "version": _draft(w).version}


OPERATIONS = {
    ("GET", "/proposals/"): Read(lambda w: "/proposals/", everyone(200)),
    ("GET", "/proposals/{proposal_id}"): Read(_path(), only("national", *READERS)),
    ("POST", "/proposals/"): Change(
        lambda w: "/proposals/", ("officer_a", "head_a", "officer_b"),
        lambda w: Proposal.objects.count(), body=lambda w: {"campaign": w.campaign.code}),
    ("POST", "/proposals/{proposal_id}/items"): Change(
        lambda w: (_collective(w), f"/proposals/{_draft(w).pk}/items")[1], WRITERS, _items,
        body=_add_body, denied=OUTSIDE),
    ("POST", "/proposals/{proposal_id}/transitions/{name}"): Change(
        _path("/transitions/send_for_approval"), WRITERS, lambda w: _row(w)["state"],
        denied=OUTSIDE),
    ("POST", "/proposals/{proposal_id}/items/{item_id}/screening"): Change(
        _screen_path, SCREENERS, _items, body=lambda w: {"result": "returned", "note": "Thiếu"},
        denied=OUTSIDE),
}
