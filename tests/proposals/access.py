"""The proposals rows of the shared URL × role test (tests/test_url_access.py) and of the
service-permission test (tests/test_service_permissions.py), kept here so the shared files
change by one line each."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.proposals.helpers import catalogue, docx_bytes, fostering, proposal_with_item, submitted

WRITERS = ("officer_a", "head_a", "admin")
READERS = ("officer_a", "head_a", "standing", "council", "admin")
SCREENERS = ("standing", "admin")


def _proposal(w):
    from proposals.models import Proposal

    return Proposal.objects.filter(unit=w.unit_a).order_by("pk").first()


def _draft(w):
    found = _proposal(w)
    if found is None:
        found, _item = proposal_with_item(w)
    return found


def _item(w):
    return _draft(w).items.order_by("pk").first()


def _row(w):
    from proposals.models import Proposal

    return Proposal.objects.filter(unit=w.unit_a).values(
        "state", "summary", "version").order_by("pk").first()


def _item_row(w):
    from proposals.models import ProposalItem

    return list(ProposalItem.objects.filter(proposal__unit=w.unit_a).order_by("pk").values_list(
        "pk", "year", "achievement", "verdict", "report_name", "screening"))


def _version(w, user) -> dict:
    return {"version": _row(w)["version"]}


def _collective(w):
    from registry.models import Exemplar

    # the world's own collective (other apps' fixtures may have added more to the registration)
    return fostering(Exemplar.objects.filter(registration=w.registration_a, kind="collective")
                     .order_by("pk").first())


def _add_kwargs(w) -> dict:
    _collective(w)
    return {"pk": _draft(w).pk}


def _my_unit(user):
    from proposals.selectors import units_for_proposing

    unit = units_for_proposing(user).first() if user is not None else None
    return unit.pk if unit else ""


def _submitted_kwargs(w) -> dict:
    proposal, item = submitted(w)
    return {"pk": proposal.pk, "item_id": item.pk}


P = lambda w: {"pk": _draft(w).pk}  # noqa: E731
PI = lambda w: {"pk": _draft(w).pk, "item_id": _item(w).pk}  # noqa: E731


def url_access(Route, Get, Write, only, signed_in, count):
    """The rows, built with the shared test's own declaration classes."""
    return {
        "proposals:proposal_list": Route(get=Get(lambda w: {}, signed_in(200))),
        "proposals:proposal_create": Route(
            get=Get(lambda w: {}, only("officer_a", "head_a", "officer_b")),
            post=Write(lambda w: {}, ("officer_a", "head_a", "officer_b"),
                       count("proposals.Proposal"),
                       lambda w, u: {"campaign": w.campaign.pk, "unit": _my_unit(u)})),
        "proposals:proposal_detail": Route(get=Get(P, only("national", *READERS))),
        "proposals:proposal_update": Route(post=Write(
            P, WRITERS, _row, lambda w, u: {"summary": "Đề nghị công nhận", **_version(w, u)})),
        "proposals:item_add": Route(
            get=Get(_add_kwargs, only(*WRITERS)),
            post=Write(_add_kwargs, WRITERS, _item_row, lambda w, u: {
                "exemplar": _collective(w).pk, "award": f"form:{catalogue()[0].pk}",
                "year": 2025, "achievement": "Dẫn đầu", **_version(w, u)})),
        "proposals:item_edit": Route(
            get=Get(PI, only(*WRITERS)),
            post=Write(PI, WRITERS, _item_row, lambda w, u: {
                "award": f"form:{catalogue()[0].pk}", "year": 2024, "achievement": "Sửa",
                **_version(w, u)})),
        "proposals:item_remove": Route(post=Write(PI, WRITERS, _item_row, _version)),
        "proposals:item_refresh": Route(post=Write(PI, WRITERS, _item_row, _version)),
        "proposals:report_upload": Route(post=Write(PI, WRITERS, _item_row, lambda w, u: {
            "report": SimpleUploadedFile("bao-cao-moi.docx", docx_bytes()), **_version(w, u)})),
        "proposals:report_download": Route(get=Get(PI, only("national", *READERS))),
        "proposals:report_generate": Route(get=Get(PI, only("national", *READERS))),
        "proposals:proposal_transition": Route(post=Write(
            lambda w: {"pk": _draft(w).pk, "name": "send_for_approval"}, WRITERS,
            lambda w: _row(w)["state"], _version)),
        "proposals:screening": Route(get=Get(P, only(*SCREENERS))),
        "proposals:item_screen": Route(post=Write(
            _submitted_kwargs, SCREENERS, _item_row,
            lambda w, u: {"result": "returned", "note": "Thiếu minh chứng"})),
    }


# --- services ------------------------------------------------------------------------------------

def _svc():
    from proposals import services

    return services


def _now(w):
    from proposals.models import Proposal

    return Proposal.objects.get(pk=_proposal(w).pk)


def _inow(w):
    item = _now(w).items.order_by("pk").first()
    item.proposal = _now(w)
    return item


NOT_WRITERS = ("officer_b", "standing", "council")
NOT_SCREENERS = ("officer_a", "head_a", "officer_b", "council")


def _prepared(w, call):
    _draft(w)
    return call


def _screen(w):
    submitted(w)
    return lambda actor: _svc().screen_item(item=_inow(w), result="returned", note="Thiếu",
                                            acting_user=actor)


def _add_call(w):
    _draft(w)
    exemplar, form = _collective(w), catalogue()[0]
    return lambda actor: _svc().add_item(proposal=_now(w), exemplar=exemplar, form=form,
                                         year=2025, acting_user=actor)


def service_cases(Case):
    return {
        "proposals.create_proposal": Case(
            lambda w: lambda actor: _svc().create_proposal(campaign=w.campaign, unit=w.unit_a,
                                                           acting_user=actor),
            refused=NOT_WRITERS, allowed="officer_a"),
        "proposals.update_proposal": Case(
            lambda w: _prepared(w, lambda actor: _svc().update_proposal(
                proposal=_now(w), expected_version=_now(w).version, summary="Sửa",
                acting_user=actor)),
            refused=NOT_WRITERS, allowed="officer_a"),
        "proposals.add_item": Case(
            lambda w: _add_call(w),
            refused=NOT_WRITERS, allowed="head_a"),
        "proposals.update_item": Case(
            lambda w: _prepared(w, lambda actor: _svc().update_item(
                item=_inow(w), form=catalogue()[0], year=2024, acting_user=actor)),
            refused=NOT_WRITERS, allowed="officer_a"),
        "proposals.refresh_verdict": Case(
            lambda w: _prepared(w, lambda actor: _svc().refresh_verdict(
                item=_inow(w), acting_user=actor)),
            refused=NOT_WRITERS, allowed="officer_a"),
        "proposals.remove_item": Case(
            lambda w: _prepared(w, lambda actor: _svc().remove_item(
                item=_inow(w), acting_user=actor)),
            refused=NOT_WRITERS, allowed="officer_a"),
        "proposals.attach_report": Case(
            lambda w: _prepared(w, lambda actor: _svc().attach_report(
                item=_inow(w), name="bao-cao.docx", data=docx_bytes(), acting_user=actor)),
            refused=NOT_WRITERS, allowed="officer_a"),
        "proposals.transition_proposal": Case(
            lambda w: _prepared(w, lambda actor: _svc().transition_proposal(
                proposal=_now(w), name="send_for_approval", acting_user=actor)),
            refused=NOT_WRITERS, allowed="officer_a", checks_in_transaction=True),
        "proposals.screen_item": Case(_screen, refused=NOT_SCREENERS, allowed="standing"),
    }


SERVICE_EXEMPT = {
    "proposals.record_council_result": "called by the council after its own check (closing a "
                                       "vote); the exemplar's step checks registry's permission",
    "proposals.mark_recognised": "called by the decisions when a decision is issued, after its "
                                 "own check; the exemplar's step checks registry's permission",
}
