"""The council on the web (/hoi-dong/): seats, the rules (read only), meetings with their
agenda, attendance and conflicts, the phone-friendly ballot page, closing votes and the
minutes. Views are thin: the services decide and log; the results of an item show only once
its vote is closed, and never to a member excluded from it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from core.errors import DomainError, NotAllowed
from council import selectors, services
from council.forms import (
    AgendaForm,
    AttendanceForm,
    BallotForm,
    CloseMeetingForm,
    ConflictForm,
    EndForm,
    MeetingForm,
    MemberForm,
)
from council.models import AgendaItem, CouncilMember, Meeting, VoteReceipt, VoteState

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _meeting(request, pk, **_kwargs) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("secretary", "chair"), pk=pk)


def _item(request, pk, **_kwargs) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related(
        "meeting__secretary", "meeting__chair", "proposal_item__proposal__unit",
        "proposal_item__exemplar", "proposal_item__form", "proposal_item__title"), pk=pk)


def _member(request, pk, **_kwargs) -> CouncilMember:
    return get_object_or_404(CouncilMember.objects.select_related("unit", "user"), pk=pk)


def _errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _run(request, form, back, run, done: str):
    if not form.is_valid():
        _errors(request, form)
        return back
    try:
        run(form.cleaned_data)
    except NotAllowed as error:
        raise PermissionDenied from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return back


# ---- members and rules -----------------------------------------------------------------------

@requires("council.view_council")
def member_list(request):
    can_manage = request.user.has_perm("council.manage_members")
    return render(request, "council/member_list.html", {
        "members": selectors.all_members(), "can_manage": can_manage,
        "form": MemberForm() if can_manage else None})


def _member_call(data) -> dict:
    return {k: data.get(k) for k in ("full_name", "position_title", "role", "unit", "user",
                                      "valid_from", "valid_to")}


@require_POST
@requires("council.manage_members")
def member_add(request):
    return _run(request, MemberForm(request.POST), redirect("council:member_list"),
                lambda data: services.add_member(**_member_call(data), acting_user=request.user),
                _("Đã thêm thành viên Hội đồng."))


@requires("council.manage_members", obj=_member)
def member_edit(request, pk, target: CouncilMember):
    if request.method == "POST":
        form = MemberForm(request.POST)
        if form.is_valid():
            try:
                services.update_member(member=target, **_member_call(form.cleaned_data),
                                       acting_user=request.user)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None,
                               error.message)
            else:
                messages.success(request, _("Đã lưu thành viên Hội đồng."))
                return redirect("council:member_list")
    else:
        form = MemberForm(initial={k: getattr(target, k) for k in (
            "full_name", "position_title", "role", "unit", "user", "valid_from", "valid_to")})
    return render(request, "council/member_edit.html", {"member": target, "form": form,
                                                        "end_form": EndForm()})


@require_POST
@requires("council.manage_members", obj=_member)
def member_end(request, pk, target: CouncilMember):
    return _run(request, EndForm(request.POST), redirect("council:member_list"),
                lambda data: services.end_member(member=target, valid_to=data["valid_to"],
                                                 acting_user=request.user),
                _("Đã ghi ngày kết thúc của thành viên."))


@requires("council.view_council")
def rule_list(request):
    return render(request, "council/rule_list.html", {"rules": selectors.rules_list()})


# ---- meetings --------------------------------------------------------------------------------

@requires("council.view_council")
def meeting_list(request):
    return render(request, "council/meeting_list.html", {
        "meetings": selectors.meetings(),
        "form": MeetingForm() if request.user.has_perm("council.create_meeting") else None})


def _meeting_call(data) -> dict:
    return {k: data.get(k) or "" for k in ("title", "place", "notes")} | {
        "held_on": data.get("held_on"), "chair": data.get("chair"),
        "secretary": data.get("secretary")}


@require_POST
@requires("council.create_meeting")
def meeting_create(request):
    form = MeetingForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("council:meeting_list")
    try:
        meeting = services.create_meeting(**_meeting_call(form.cleaned_data),
                                          acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("council:meeting_list")
    messages.success(request, _("Đã tạo phiên họp."))
    return redirect("council:meeting_detail", pk=meeting.pk)


@requires("council.view_council", obj=_meeting)
def meeting_detail(request, pk, target: Meeting):
    from proposals.selectors import items_ready_for_meeting

    meeting = selectors.meeting_detail(target.pk)
    user = request.user
    items = list(meeting.items.all())
    can_change = user.has_perm("council.change_meeting", meeting)
    can_attend = user.has_perm("council.record_attendance", meeting)
    members = selectors.sorted_members(selectors.members_on(meeting.held_on))
    rows = [{"item": i, "can_see": user.has_perm("council.view_results", i),
             "excluded": {e.member_id for e in i.exclusions.all()}} for i in items]
    agenda_form = None
    if can_change:
        from django.db.models import Q

        from proposals.models import ProposalItem

        ready_ids = list(items_ready_for_meeting(meeting.campaign).values_list("pk", flat=True))
        ready = ProposalItem.objects.filter(
            Q(pk__in=ready_ids) | Q(pk__in=[i.proposal_item_id for i in items])).select_related(
            "exemplar", "proposal__unit", "form", "title").order_by("proposal_id", "position")
        agenda_form = AgendaForm(queryset=ready, initial={
            "items": [i.proposal_item_id for i in items]})
    present = [a.member_id for a in meeting.attendance.all() if a.present]
    return render(request, "council/meeting_detail.html", {
        "meeting": meeting, "rows": rows, "members": members,
        "roster": [{"member": m, "present": m.pk in present} for m in members],
        "present_count": len(present),
        "can_change": can_change, "can_attend": can_attend,
        "can_close": user.has_perm("council.close_meeting", meeting),
        "can_minutes": user.has_perm("council.export_minutes", meeting),
        "agenda_form": agenda_form,
        "attendance_form": AttendanceForm(queryset=selectors.members_on(meeting.held_on),
                                          initial={"present": present}) if can_attend else None,
        "meeting_form": MeetingForm(initial={
            "title": meeting.title, "held_on": meeting.held_on, "place": meeting.place,
            "chair": meeting.chair_id, "secretary": meeting.secretary_id,
            "notes": meeting.notes, "version": meeting.version}) if can_change else None,
        "close_form": CloseMeetingForm(initial={"notes": meeting.notes}, auto_id="close_%s"),
    })


@require_POST
@requires("council.change_meeting", obj=_meeting)
def meeting_update(request, pk, target: Meeting):
    return _run(request, MeetingForm(request.POST), redirect("council:meeting_detail", pk=pk),
                lambda data: services.update_meeting(
                    meeting=target, **_meeting_call(data),
                    expected_version=data.get("version") or target.version,
                    acting_user=request.user), _("Đã lưu phiên họp."))


@require_POST
@requires("council.change_meeting", obj=_meeting)
def meeting_agenda(request, pk, target: Meeting):
    from proposals.models import ProposalItem

    form = AgendaForm(request.POST, queryset=ProposalItem.objects.select_related(
        "exemplar", "proposal__unit", "form", "title"))
    return _run(request, form, redirect("council:meeting_detail", pk=pk),
                lambda data: services.set_agenda(meeting=target, items=list(data["items"]),
                                                 acting_user=request.user),
                _("Đã lưu chương trình phiên họp."))


@require_POST
@requires("council.record_attendance", obj=_meeting)
def meeting_attendance(request, pk, target: Meeting):
    form = AttendanceForm(request.POST, queryset=selectors.members_on(target.held_on))
    return _run(request, form, redirect("council:meeting_detail", pk=pk),
                lambda data: services.set_attendance(meeting=target,
                                                     present=list(data["present"]),
                                                     acting_user=request.user),
                _("Đã lưu điểm danh."))


@require_POST
@requires("council.close_meeting", obj=_meeting)
def meeting_close(request, pk, target: Meeting):
    return _run(request, CloseMeetingForm(request.POST),
                redirect("council:meeting_detail", pk=pk),
                lambda data: services.close_meeting(meeting=target, notes=data.get("notes"),
                                                    acting_user=request.user),
                _("Đã kết thúc phiên họp."))


@requires("council.export_minutes", obj=_meeting)
def meeting_minutes(request, pk, target: Meeting):
    from council.minutes_docx import file_name, minutes_document

    meeting = selectors.meeting_detail(target.pk)
    members = selectors.sorted_members(selectors.members_on(meeting.held_on))
    response = HttpResponse(minutes_document(meeting, members=members), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{file_name(meeting)}"'
    return response


# ---- items and ballots -----------------------------------------------------------------------

@requires("council.view_council")
def my_ballots(request):
    return render(request, "council/my_ballots.html",
                  {"items": selectors.open_items_for(request.user)})


@requires("council.view_council", obj=_item)
def item_detail(request, pk, target: AgendaItem):
    item = selectors.item_detail(target.pk)
    user = request.user
    seats = selectors.valid_on(CouncilMember.objects.filter(user=user), item.meeting.held_on) \
        if user.is_authenticated else CouncilMember.objects.none()
    voted = VoteReceipt.objects.filter(item=item, member__in=seats).exists()
    excluded = [e for e in item.exclusions.all() if e.member.user_id == user.pk]
    can_declare = (user.has_perm("council.declare_conflict", item.meeting)
                   and item.vote_state == VoteState.PENDING)
    conflict_qs = selectors.members_on(item.meeting.held_on)
    if not (user.has_perm("council.record_conflict", item.meeting)):
        conflict_qs = conflict_qs.filter(user=user)
    return render(request, "council/item_detail.html", {
        "item": item, "meeting": item.meeting, "voted": voted, "own_exclusions": excluded,
        "can_cast": user.has_perm("council.cast_ballot", item) and not voted,
        "can_run": user.has_perm("council.run_vote", item.meeting),
        "can_see": user.has_perm("council.view_results", item),
        # an excluded member sees nothing of the item's voting, not even how many have voted
        "receipt_count": None if excluded else item.receipts.count(),
        "ballot_form": BallotForm(),
        "conflict_form": ConflictForm(queryset=conflict_qs) if can_declare else None,
    })


@require_POST
@requires("council.declare_conflict", obj=_item)
def item_conflict(request, pk, target: AgendaItem):
    form = ConflictForm(request.POST, queryset=selectors.members_on(target.meeting.held_on))
    return _run(request, form, redirect("council:item_detail", pk=pk),
                lambda data: services.declare_conflict(item=target, member=data["member"],
                                                       reason=data["reason"],
                                                       acting_user=request.user),
                _("Đã ghi nhận xung đột lợi ích."))


@require_POST
@requires("council.run_vote", obj=_item)
def item_open(request, pk, target: AgendaItem):
    try:
        services.open_vote(item=target, acting_user=request.user)
    except NotAllowed as error:
        raise PermissionDenied from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã mở bỏ phiếu."))
    return redirect("council:item_detail", pk=pk)


@require_POST
@requires("council.cast_ballot", obj=_item)
def item_cast(request, pk, target: AgendaItem):
    return _run(request, BallotForm(request.POST), redirect("council:item_detail", pk=pk),
                lambda data: services.cast_ballot(item=target, choice=data["choice"],
                                                  acting_user=request.user),
                _("Đã ghi nhận phiếu của bạn."))


@require_POST
@requires("council.run_vote", obj=_item)
def item_close(request, pk, target: AgendaItem):
    try:
        services.close_vote(item=target, acting_user=request.user)
    except NotAllowed as error:
        raise PermissionDenied from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã kết thúc bỏ phiếu và ghi kết quả."))
    return redirect("council:item_detail", pk=pk)
