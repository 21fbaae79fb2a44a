"""An exemplar recognised by an issued decision is revoked by revoking that decision (which
keeps it, marks its award records revoked and moves the exemplars): never directly
(``registry.exemplar_guards``)."""

from django.utils.translation import gettext as _

from decisions.models import DecisionEntry, DecisionState


def recognised_by_decision(exemplar, step: str) -> str | None:
    if step != "revoke":
        return None
    entry = DecisionEntry.objects.filter(
        proposal_item__exemplar=exemplar, decision__state=DecisionState.ISSUED,
    ).select_related("decision__authority").first()
    if entry is None:
        return None
    return _("Điển hình được công nhận bằng Quyết định số %(number)s: hãy thu hồi quyết định "
             "đó (trang Quyết định), không thu hồi trực tiếp ở đây.") % {
        "number": entry.decision.reference}
