"""How a counted row shows in a figure's drill-down list: one line per row — its name, a detail,
its unit, its date and a link to its own page — for every model a figure counts. Each model
declares what to join (so a page of rows is a fixed number of queries)."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Line:
    name: str
    detail: str
    unit: str
    date: object
    url: str


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _reason(code: str) -> str:
    from urging.reasons import label

    return str(label(code))


def _exemplar(e) -> Line:
    return Line(e.name, f"{e.get_kind_display()} · {e.field_key} · {e.get_state_display()}",
                e.registration.unit.name, None, _url("registry:exemplar_detail", e.pk))


def _unit(u) -> Line:
    return Line(u.name, u.get_unit_type_display(), "", None, _url("orgs:unit_detail", u.pk))


ROWS = {
    "orgs.unit": ((), _unit),
    "registry.exemplar": (("registration__unit",), _exemplar),
    "fostering.fosteringplan": (("unit",), lambda p: Line(
        str(p), p.get_state_display(), p.unit.name, p.approved_at,
        _url("fostering:plan_detail", p.pk))),
    "fostering.supportaction": (("item__plan__unit", "item__exemplar"), lambda a: Line(
        a.content, a.item.exemplar.name, a.item.plan.unit.name, a.due_on,
        _url("fostering:plan_detail", a.item.plan_id))),
    "fostering.milestone": (("item__plan__unit", "item__exemplar"), lambda m: Line(
        m.title, m.item.exemplar.name, m.item.plan.unit.name, m.due_on,
        _url("fostering:plan_detail", m.item.plan_id))),
    "progress.progressupdate": (("exemplar__registration__unit",), lambda u: Line(
        u.exemplar.name, f"{u.percent} %" if u.percent is not None else "",
        u.exemplar.registration.unit.name, u.on_date,
        _url("registry:exemplar_detail", u.exemplar_id))),
    "proposals.proposal": (("unit",), lambda p: Line(
        p.letter_number or str(p), p.get_state_display(), p.unit.name, p.submitted_at,
        _url("proposals:proposal_detail", p.pk))),
    "proposals.proposalitem": (("proposal__unit", "exemplar", "form", "title"), lambda i: Line(
        i.exemplar.name, i.form.name if i.form_id else (i.title.name if i.title_id else ""),
        i.proposal.unit.name, i.proposal.submitted_at,
        _url("proposals:proposal_detail", i.proposal_id))),
    "council.meeting": ((), lambda m: Line(m.title, m.get_state_display(), "", m.held_on,
                                           _url("council:meeting_detail", m.pk))),
    "council.agendaitem": (("meeting", "proposal_item__exemplar", "proposal_item__proposal__unit"),
                           lambda a: Line(a.proposal_item.exemplar.name, a.get_status_display(),
                                          a.proposal_item.proposal.unit.name, a.meeting.held_on,
                                          _url("council:meeting_detail", a.meeting_id))),
    "decisions.decision": ((), lambda d: Line(d.subject, f"{d.number or ''}", "", d.issued_on,
                                              _url("decisions:decision_detail", d.pk))),
    "decisions.decisionentry": (("decision", "proposal_item__proposal__unit"), lambda e: Line(
        e.name, e.decision.subject,
        e.proposal_item.proposal.unit.name if e.proposal_item_id else "", e.decision.issued_on,
        _url("decisions:decision_detail", e.decision_id))),
    "replication.adoption": (("exemplar", "unit"), lambda a: Line(
        a.exemplar.name, "", a.unit.name, a.started_on,
        _url("replication:adoption_detail", a.pk))),
    "propagation.introduction": (("exemplar__registration__unit", "channel"), lambda i: Line(
        i.exemplar.name, f"{i.channel.name} · {i.get_status_display()}",
        i.exemplar.registration.unit.name, i.sent_on,
        _url("propagation:introduction_detail", i.pk))),
    "publication.publication": (("exemplar__registration__unit",), lambda p: Line(
        p.name, p.award_name, p.exemplar.registration.unit.name, p.published_at,
        _url("publication:staff_detail", p.pk))),
    "urging.reminder": (("unit",), lambda r: Line(r.subject, _reason(r.reason), r.unit.name,
                                                  r.day, "")),
    "inspections.inspection": ((), lambda i: Line(i.title, i.get_state_display(), "", i.start_on,
                                                  _url("inspections:inspection_detail", i.pk))),
    "inspections.inspectionunit": (("inspection", "unit"), lambda i: Line(
        i.inspection.title, "", i.unit.name, i.inspection.start_on,
        _url("inspections:inspection_detail", i.inspection_id))),
    "inspections.followup": (("inspection", "unit"), lambda f: Line(
        f.action, f.get_state_display(), f.unit.name, f.deadline,
        _url("inspections:inspection_detail", f.inspection_id))),
}


def _declared(model):
    return ROWS.get(model._meta.label_lower, ((), lambda o: Line(str(o), "", "", None, "")))


def joined(queryset):
    """``queryset`` with the joins its model's lines need."""
    return queryset.select_related(*_declared(queryset.model)[0])


def line_of(obj) -> Line:
    return _declared(type(obj))[1](obj)
