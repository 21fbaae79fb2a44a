"""Writes of the council: the vote rules (loaded from data), the seats, the meetings with their
agenda and attendance, conflicts of interest, the votes and their results.

Every write checks the permission first (``council/rules.py``), cleans its text inputs, runs in
one transaction with the rows it changes locked, and writes an audit event — **except the
ballot of a secret vote**, which is never audited (an audit event names its actor: it would join
the choice back to the member). What is audited for a vote is the receipt (*that* the member
voted). The result of a closed vote is :func:`council.tally.tally` on the database's state,
stored on the item and passed to ``proposals.services.record_council_result``.
"""

import datetime
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean, clean_multiline, fold
from council import tally as tallying
from council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    ConflictKind,
    CouncilMember,
    Exclusion,
    ItemStatus,
    Meeting,
    MeetingState,
    MemberRole,
    VoteChoice,
    VoteReceipt,
    VoteRule,
    VoteState,
)
from council.selectors import members_on, rule_for, valid_on
from orgs.models import Unit, UnitType

RULES_FILE = Path(__file__).resolve().parent / "reference" / "vote_rules.yaml"
MEMBER_AUDITED = ["full_name", "position_title", "unit", "role", "user", "valid_from",
                  "valid_to"]
MEETING_AUDITED = ["title", "held_on", "place", "chair", "secretary", "notes", "state"]
RULE_AUDITED = ["name", "form", "title", "quorum_numerator", "quorum_denominator",
                "threshold_numerator", "threshold_denominator", "basis", "strict", "secret",
                "legal_basis", "to_confirm", "valid_from", "valid_to"]


def require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


# ---- vote rules -------------------------------------------------------------------------------

def _date(value, where: str) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise DomainError(_("%(where)s: ngày “%(value)s” không hợp lệ.")
                          % {"where": where, "value": value}) from error


def load_vote_rules(*, path: Path | None = None) -> dict:
    """Create or refresh the rules of ``council/reference/vote_rules.yaml`` (idempotent, by
    ``key``). A rule naming a catalogue code that is not loaded is skipped and reported in
    ``warnings`` (run ``load_award_catalogue`` first). Returns the counts and the warnings."""
    import yaml

    from awards.models import CommendationForm, EmulationTitle

    try:
        data = yaml.safe_load(Path(path or RULES_FILE).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise DomainError(_("Không đọc được tệp quy tắc biểu quyết: %(error)s")
                          % {"error": error}) from error
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    warnings: list[str] = []
    entries = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DomainError(_("Tệp quy tắc biểu quyết phải có danh sách “rules”."))
    with transaction.atomic():
        for entry in entries:
            key = str(entry.get("key") or "")
            where = _("Quy tắc “%(key)s”") % {"key": key}
            if not key:
                raise DomainError(_("Mỗi quy tắc biểu quyết phải có “key”."))
            try:
                quorum = tallying.parse_fraction(entry.get("quorum"), "quorum")
                threshold = tallying.parse_fraction(entry.get("threshold"), "threshold")
            except tallying.MalformedCase as error:
                raise DomainError(f"{where}: {error}") from error
            if entry.get("basis") not in tallying.BASES:
                raise DomainError(_("%(where)s: căn cứ tính tỷ lệ không hợp lệ.")
                                  % {"where": where})
            form = title = None
            if entry.get("form"):
                form = CommendationForm.objects.filter(code=entry["form"]).first()
                if form is None:
                    warnings.append(_("%(where)s: chưa có hình thức khen thưởng mã “%(code)s” "
                                      "trong danh mục — bỏ qua.")
                                    % {"where": where, "code": entry["form"]})
                    counts["skipped"] += 1
                    continue
            if entry.get("title"):
                title = EmulationTitle.objects.filter(code=entry["title"]).first()
                if title is None:
                    warnings.append(_("%(where)s: chưa có danh hiệu thi đua mã “%(code)s” "
                                      "trong danh mục — bỏ qua.")
                                    % {"where": where, "code": entry["title"]})
                    counts["skipped"] += 1
                    continue
            values = {
                "name": clean(str(entry.get("name") or key)), "form": form, "title": title,
                "quorum_numerator": quorum.numerator, "quorum_denominator": quorum.denominator,
                "threshold_numerator": threshold.numerator,
                "threshold_denominator": threshold.denominator,
                "basis": entry["basis"], "strict": bool(entry.get("strict", False)),
                "secret": bool(entry.get("secret", True)),
                "legal_basis": clean_multiline(str(entry.get("legal_basis") or "")),
                "to_confirm": bool(entry.get("to_confirm", False)),
                "valid_from": _date(entry.get("valid_from"), where) or datetime.date(2000, 1, 1),
                "valid_to": _date(entry.get("valid_to"), where),
            }
            rule = VoteRule.objects.select_for_update(of=("self",)).filter(key=key).first()
            if rule is None:
                rule = VoteRule.objects.create(key=key, **values)
                counts["created"] += 1
                log.record(actor=None, action=Action.LOAD, obj=rule,
                           after=log.snapshot(rule, RULE_AUDITED))
                continue
            before = log.snapshot(rule, RULE_AUDITED)
            changed = [k for k, v in values.items() if getattr(rule, k) != v]
            if not changed:
                counts["unchanged"] += 1
                continue
            for k in changed:
                setattr(rule, k, values[k])
            rule.save(update_fields=changed)
            counts["updated"] += 1
            log.record(actor=None, action=Action.LOAD, obj=rule, before=before,
                       after=log.snapshot(rule, RULE_AUDITED))
    return {**counts, "warnings": warnings}


def rule_json(rule: VoteRule) -> dict:
    """The rule as frozen on an agenda item when its vote opens (and as the tally reads it)."""
    return {"quorum": f"{rule.quorum_numerator}/{rule.quorum_denominator}",
            "threshold": f"{rule.threshold_numerator}/{rule.threshold_denominator}",
            "basis": rule.basis, "strict": rule.strict, "secret": rule.secret,
            "rule_id": rule.pk, "name": rule.name, "legal_basis": rule.legal_basis,
            "to_confirm": rule.to_confirm}


# ---- members ----------------------------------------------------------------------------------

def _member_values(*, full_name, role, valid_from, valid_to, position_title) -> dict:
    full_name = clean(full_name)
    if not full_name:
        raise DomainError(_("Hãy nhập họ và tên thành viên."), field="full_name")
    if role not in MemberRole.values:
        raise DomainError(_("Vai trò trong Hội đồng không hợp lệ."), field="role")
    if not isinstance(valid_from, datetime.date):
        raise DomainError(_("Hãy nhập ngày bắt đầu (ngày/tháng/năm)."), field="valid_from")
    if valid_to is not None and valid_to < valid_from:
        raise DomainError(_("Ngày kết thúc phải từ ngày bắt đầu trở về sau."), field="valid_to")
    return {"full_name": full_name, "role": role, "valid_from": valid_from,
            "valid_to": valid_to, "position_title": clean(position_title or "")}


def add_member(*, full_name: str, role: str, valid_from: datetime.date, acting_user,
               unit: Unit | None = None, user=None, position_title: str = "",
               valid_to: datetime.date | None = None) -> CouncilMember:
    """A seat of the council: name, role, unit, validity and (optionally) the user who votes."""
    require(acting_user, "council.manage_members")
    values = _member_values(full_name=full_name, role=role, valid_from=valid_from,
                            valid_to=valid_to, position_title=position_title)
    with transaction.atomic():
        member = CouncilMember.objects.create(unit=unit, user=user, **values)
        log.record(actor=acting_user, action=Action.CREATE, obj=member,
                   after=log.snapshot(member, MEMBER_AUDITED))
    return member


def update_member(*, member: CouncilMember, full_name: str, role: str,
                  valid_from: datetime.date, acting_user, unit: Unit | None = None, user=None,
                  position_title: str = "", valid_to: datetime.date | None = None
                  ) -> CouncilMember:
    require(acting_user, "council.manage_members")
    values = _member_values(full_name=full_name, role=role, valid_from=valid_from,
                            valid_to=valid_to, position_title=position_title)
    with transaction.atomic():
        current = CouncilMember.objects.select_for_update(of=("self",)).get(pk=member.pk)
        before = log.snapshot(current, MEMBER_AUDITED)
        for key, value in {**values, "unit": unit, "user": user}.items():
            setattr(current, key, value)
        current.save()
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, before=before,
                   after=log.snapshot(current, MEMBER_AUDITED))
    return current


def end_member(*, member: CouncilMember, valid_to: datetime.date, acting_user) -> CouncilMember:
    """The seat ends on ``valid_to`` (kept, with its history)."""
    require(acting_user, "council.manage_members")
    if not isinstance(valid_to, datetime.date):
        raise DomainError(_("Hãy nhập ngày kết thúc (ngày/tháng/năm)."), field="valid_to")
    with transaction.atomic():
        current = CouncilMember.objects.select_for_update(of=("self",)).get(pk=member.pk)
        if valid_to < current.valid_from:
            raise DomainError(_("Ngày kết thúc phải từ ngày bắt đầu trở về sau."),
                              field="valid_to")
        before = log.snapshot(current, MEMBER_AUDITED)
        current.valid_to = valid_to
        current.save(update_fields=["valid_to"])
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, before=before,
                   after=log.snapshot(current, MEMBER_AUDITED), verb="end_member")
    return current


# ---- meetings ---------------------------------------------------------------------------------

def _seat(member: CouncilMember | None, day: datetime.date, field: str) -> CouncilMember | None:
    if member is None:
        return None
    if not valid_on(CouncilMember.objects.filter(pk=member.pk), day).exists():
        raise DomainError(_("%(name)s không là thành viên Hội đồng vào ngày họp.")
                          % {"name": member.full_name}, field=field)
    return member


def create_meeting(*, title: str, held_on: datetime.date, acting_user, place: str = "",
                   chair: CouncilMember | None = None,
                   secretary: CouncilMember | None = None, campaign=None,
                   notes: str = "") -> Meeting:
    """A meeting of the council on ``held_on``, chaired by ``chair`` with ``secretary`` (seats
    valid that day); every seat valid that day gets an attendance row (absent until marked)."""
    require(acting_user, "council.create_meeting")
    title = clean(title)
    if not title:
        raise DomainError(_("Hãy nhập tên phiên họp."), field="title")
    if not isinstance(held_on, datetime.date):
        raise DomainError(_("Hãy nhập ngày họp (ngày/tháng/năm)."), field="held_on")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            title=title, held_on=held_on, place=clean(place), notes=clean_multiline(notes),
            chair=_seat(chair, held_on, "chair"), secretary=_seat(secretary, held_on, "secretary"),
            campaign=campaign, created_by=acting_user)
        Attendance.objects.bulk_create([Attendance(meeting=meeting, member=m)
                                        for m in members_on(held_on)])
        log.record(actor=acting_user, action=Action.CREATE, obj=meeting,
                   after=log.snapshot(meeting, MEETING_AUDITED))
    return meeting


def _locked_meeting(meeting: Meeting, expected_version: int | None = None) -> Meeting:
    current = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(_("Phiên họp vừa được người khác thay đổi; hãy tải lại trang."))
    if current.state == MeetingState.CLOSED:
        raise DomainError(_("Phiên họp đã kết thúc: không thay đổi được."))
    return current


def update_meeting(*, meeting: Meeting, title: str, held_on: datetime.date, acting_user,
                   expected_version: int, place: str = "",
                   chair: CouncilMember | None = None,
                   secretary: CouncilMember | None = None, notes: str = "") -> Meeting:
    require(acting_user, "council.change_meeting", meeting)
    title = clean(title)
    if not title:
        raise DomainError(_("Hãy nhập tên phiên họp."), field="title")
    with transaction.atomic():
        current = _locked_meeting(meeting, expected_version)
        if held_on != current.held_on and current.items.exclude(
                vote_state=VoteState.PENDING).exists():
            raise DomainError(_("Đã bỏ phiếu tại phiên họp: không đổi được ngày họp."),
                              field="held_on")
        before = log.snapshot(current, MEETING_AUDITED)
        current.title, current.held_on = title, held_on
        current.place, current.notes = clean(place), clean_multiline(notes)
        current.chair = _seat(chair, held_on, "chair")
        current.secretary = _seat(secretary, held_on, "secretary")
        current.version += 1
        current.save()
        _sync_attendance(current)
        _refresh_conflicts(current)
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, before=before,
                   after=log.snapshot(current, MEETING_AUDITED))
    return current


def _sync_attendance(meeting: Meeting) -> None:
    """One attendance row per seat valid on the meeting's date (rows of other seats dropped)."""
    seats = set(members_on(meeting.held_on).values_list("pk", flat=True))
    have = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    Attendance.objects.filter(meeting=meeting).exclude(member_id__in=seats).delete()
    Attendance.objects.bulk_create([Attendance(meeting=meeting, member_id=pk)
                                    for pk in seats - have])


def _no_open_vote(meeting: Meeting) -> None:
    if meeting.items.filter(vote_state=VoteState.OPEN).exists():
        raise DomainError(_("Đang bỏ phiếu một nội dung: hãy kết thúc bỏ phiếu trước."))


def set_agenda(*, meeting: Meeting, items, acting_user) -> list[AgendaItem]:
    """The meeting's agenda: the given screened items (``proposals.selectors.
    items_ready_for_meeting``), in order. Items whose vote has not started and that are no
    longer listed are removed; items already voted on stay. Conflicts are recomputed."""
    from proposals.selectors import items_ready_for_meeting

    require(acting_user, "council.change_meeting", meeting)
    wanted = list(dict.fromkeys(items))
    with transaction.atomic():
        current = _locked_meeting(meeting)
        existing = {a.proposal_item_id: a for a in current.items.all()}
        ready = set(items_ready_for_meeting().filter(
            pk__in=[i.pk for i in wanted]).values_list("pk", flat=True))
        for proposal_item in wanted:
            if proposal_item.pk not in ready and proposal_item.pk not in existing:
                raise DomainError(_("“%(item)s” chưa được thẩm định để trình Hội đồng.")
                                  % {"item": proposal_item})
            elsewhere = AgendaItem.objects.filter(
                proposal_item=proposal_item, vote_state__in=[VoteState.PENDING, VoteState.OPEN],
                meeting__state__in=[MeetingState.PLANNED, MeetingState.IN_SESSION]).exclude(
                meeting=current)
            if elsewhere.exists():
                raise DomainError(_("“%(item)s” đã có trong chương trình một phiên họp khác.")
                                  % {"item": proposal_item})
        keep = {i.pk for i in wanted}
        for pk, agenda in existing.items():
            if pk not in keep and agenda.vote_state == VoteState.PENDING:
                agenda.delete()
        for position, proposal_item in enumerate(wanted, start=1):
            agenda = existing.get(proposal_item.pk)
            if agenda is None:
                AgendaItem.objects.create(meeting=current, proposal_item=proposal_item,
                                          position=position)
            elif agenda.position != position:
                agenda.position = position
                agenda.save(update_fields=["position"])
        current.version += 1
        current.save(update_fields=["version"])
        _refresh_conflicts(current)
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, verb="set_agenda",
                   after={"agenda": [str(i) for i in wanted]})
    return list(current.items.all())


def set_attendance(*, meeting: Meeting, present, acting_user, notes: dict | None = None
                   ) -> list[Attendance]:
    """Who is present (the seats in ``present``; every other seat of the day absent), with an
    optional note per seat id. Refused while a vote is open."""
    require(acting_user, "council.record_attendance", meeting)
    present_ids = {m.pk for m in present}
    notes = notes or {}
    with transaction.atomic():
        current = _locked_meeting(meeting)
        _no_open_vote(current)
        _sync_attendance(current)
        rows = list(Attendance.objects.select_for_update(of=("self",)).filter(meeting=current))
        unknown = present_ids - {r.member_id for r in rows}
        if unknown:
            raise DomainError(_("Có người không là thành viên Hội đồng vào ngày họp."))
        for row in rows:
            row.present = row.member_id in present_ids
            row.note = clean(notes.get(row.member_id, row.note) or "")
        Attendance.objects.bulk_update(rows, ["present", "note"])
        current.version += 1
        current.save(update_fields=["version"])
        _refresh_conflicts(current)
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, verb="attendance",
                   after={"present": sorted(str(r.member) for r in rows if r.present)})
    return rows


# ---- conflicts --------------------------------------------------------------------------------

def upper_units(unit: Unit | None) -> list[int]:
    """The unit's superior units below the province (from its tree path), nearest last."""
    if unit is None or not unit.tree_path:
        return []
    ids = [int(part) for part in unit.tree_path.strip("/").split("/") if part]
    ids = [pk for pk in ids if pk != unit.pk]
    provinces = set(Unit.objects.filter(pk__in=ids, unit_type=UnitType.PROVINCE)
                    .values_list("pk", flat=True))
    return [pk for pk in ids if pk not in provinces]


def _subject_reason(member: CouncilMember, proposal_item) -> str | None:
    """SUBJECT: the member is the item's subject — a person or household whose folded name (or
    head of household's) is the member's folded full name and whose registration unit is the
    member's unit (a member without a unit: the name alone); a collective that is the member's
    unit itself (its linked unit)."""
    exemplar = proposal_item.exemplar
    unit_id = exemplar.registration.unit_id
    if exemplar.kind in ("individual", "household"):
        names = {fold(exemplar.name), fold(exemplar.head_name)} - {""}
        if fold(member.full_name) in names and member.unit_id in (None, unit_id):
            return _("Là người được đề nghị (%(name)s).") % {"name": exemplar.name}
    elif exemplar.linked_unit_id and exemplar.linked_unit_id == member.unit_id:
        return _("Đơn vị công tác là tập thể được đề nghị (%(name)s).") % {"name": exemplar.name}
    return None


def _refresh_conflicts(meeting: Meeting) -> None:
    """Recompute the SUBJECT and UNIT exclusions of every item whose vote has not started
    (declared ones stay)."""
    seats = list(members_on(meeting.held_on))
    items = list(meeting.items.filter(vote_state=VoteState.PENDING).select_related(
        "proposal_item__proposal__unit", "proposal_item__exemplar__registration"))
    if not items:
        return
    Exclusion.objects.filter(item__in=items, kind__in=[ConflictKind.SUBJECT,
                                                       ConflictKind.UNIT]).delete()
    rows = []
    for item in items:
        unit = item.proposal_item.proposal.unit
        upper = upper_units(unit)
        names = dict(Unit.objects.filter(pk__in=[unit.pk, *upper]).values_list("pk", "name"))
        for member in seats:
            reason = _subject_reason(member, item.proposal_item)
            if reason:
                rows.append(Exclusion(item=item, member=member, kind=ConflictKind.SUBJECT,
                                      reason=reason))
            if member.unit_id == unit.pk:
                rows.append(Exclusion(item=item, member=member, kind=ConflictKind.UNIT,
                                      reason=_("Thuộc đơn vị đề nghị (%(unit)s).")
                                      % {"unit": names[unit.pk]}))
            elif member.unit_id in upper:
                rows.append(Exclusion(item=item, member=member, kind=ConflictKind.UNIT,
                                      reason=_("Thuộc cơ quan cấp trên của đơn vị đề nghị "
                                               "(%(unit)s).") % {"unit": names[member.unit_id]}))
    Exclusion.objects.bulk_create(rows)


def declare_conflict(*, item: AgendaItem, member: CouncilMember, reason: str,
                     acting_user) -> Exclusion:
    """A declared conflict of interest: by the member themselves (their seat's user) or
    recorded by the standing office or the meeting's secretary. Before the item's vote opens."""
    meeting = item.meeting
    if member.user_id is not None and member.user_id == getattr(acting_user, "pk", None):
        require(acting_user, "council.declare_own_conflict", meeting)
    else:
        require(acting_user, "council.record_conflict", meeting)
    reason = clean_multiline(reason)
    if not reason:
        raise DomainError(_("Hãy ghi lý do xung đột lợi ích."), field="reason")
    with transaction.atomic():
        _locked_meeting(meeting)
        current = AgendaItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
        if current.vote_state != VoteState.PENDING:
            raise DomainError(_("Nội dung này đã bắt đầu bỏ phiếu: không khai báo được nữa."))
        if not members_on(meeting.held_on).filter(pk=member.pk).exists():
            raise DomainError(_("%(name)s không là thành viên Hội đồng vào ngày họp.")
                              % {"name": member.full_name})
        exclusion, created = Exclusion.objects.get_or_create(
            item=current, member=member, kind=ConflictKind.DECLARED, defaults={"reason": reason})
        if not created:
            exclusion.reason = reason
            exclusion.save(update_fields=["reason"])
        log.record(actor=acting_user, action=Action.CREATE if created else Action.UPDATE,
                   obj=exclusion, owner=meeting, verb="declare_conflict",
                   after={"member": str(member), "reason": reason})
    return exclusion


# ---- votes ------------------------------------------------------------------------------------

def open_vote(*, item: AgendaItem, acting_user) -> AgendaItem:
    """The secretary opens the vote on an item: the rule valid on the meeting's date (the
    item's title or form, else the default) is frozen on the item; the meeting is in session."""
    require(acting_user, "council.run_vote", item.meeting)
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        current = AgendaItem.objects.select_for_update(of=("self",)).select_related("proposal_item").get(
            pk=item.pk)
        if current.vote_state != VoteState.PENDING:
            raise DomainError(_("Nội dung này đã được mở bỏ phiếu."))
        if not Attendance.objects.filter(meeting=meeting, present=True).exists():
            raise DomainError(_("Hãy điểm danh trước khi mở bỏ phiếu."))
        proposal_item = current.proposal_item
        rule = rule_for(form_id=proposal_item.form_id, title_id=proposal_item.title_id,
                        day=meeting.held_on)
        if rule is None:
            raise DomainError(_("Chưa có quy tắc biểu quyết áp dụng vào ngày họp (chạy "
                                "load_vote_rules hoặc nhập quy tắc chung)."))
        current.rule = rule_json(rule)
        current.vote_state = VoteState.OPEN
        current.save(update_fields=["rule", "vote_state"])
        if meeting.state == MeetingState.PLANNED:
            meeting.state = MeetingState.IN_SESSION
        meeting.version += 1
        meeting.save(update_fields=["state", "version"])
        log.record(actor=acting_user, action=Action.TRANSITION, obj=current, owner=meeting,
                   verb="open_vote", after={"rule": current.rule["name"]})
    return current


def cast_ballot(*, item: AgendaItem, choice: str, acting_user) -> VoteReceipt:
    """The acting user's own ballot on an open item: a receipt (that they voted, audited) and a
    ballot (secret: no member, a random key, no time; open: their seat), in one transaction.
    A second ballot is refused."""
    if choice not in VoteChoice.values:
        raise DomainError(_("Lựa chọn không hợp lệ: hãy chọn Đồng ý, Không đồng ý hoặc Không "
                            "biểu quyết."), field="choice")
    require(acting_user, "council.cast_ballot", item)
    with transaction.atomic():
        current = AgendaItem.objects.select_for_update(of=("self",)).select_related(
            "meeting__secretary").get(pk=item.pk)
        if current.vote_state != VoteState.OPEN:
            raise DomainError(_("Nội dung này không đang bỏ phiếu."))
        require(acting_user, "council.cast_ballot", current)
        from council.rules import seats_of

        seats = seats_of(acting_user, current.meeting.held_on)
        present = set(Attendance.objects.filter(meeting_id=current.meeting_id, present=True)
                      .values_list("member_id", flat=True))
        excluded = set(current.exclusions.values_list("member_id", flat=True))
        seat = next((s for s in seats.order_by("pk")
                     if s.pk in present and s.pk not in excluded), None)
        if seat is None:
            raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))
        if VoteReceipt.objects.filter(item=current, member=seat).exists():
            raise DomainError(_("Bạn đã bỏ phiếu cho nội dung này; không bỏ phiếu lại được."))
        try:
            with transaction.atomic():
                receipt = VoteReceipt.objects.create(item=current, member=seat)
        except IntegrityError as error:
            raise DomainError(_("Bạn đã bỏ phiếu cho nội dung này; không bỏ phiếu lại được.")) \
                from error
        secret = bool(current.rule.get("secret", True))
        Ballot.objects.create(item=current, choice=choice, member=None if secret else seat)
        # The receipt only: a secret ballot is never audited (the event names its actor).
        log.record(actor=acting_user, action=Action.CREATE, obj=receipt, owner=current.meeting,
                   verb="cast_ballot",
                   after={"item": str(current)} if secret else {"item": str(current),
                                                                 "choice": choice})
    return receipt


def case_for(item: AgendaItem) -> dict:
    """The tally case of an item, from the database (members, attendance, exclusions, ballots).

    Exclusions are passed as ``declared_conflicts`` (they were computed by the same rules when
    the agenda or attendance was set); units are ids. A secret ballot names no member: each is
    paired with one receipt — ballots in their random key order, receipts in theirs — which
    gives the function valid ballots without any link (every receipt was checked present and not
    excluded when cast, and attendance and conflicts cannot change while the vote is open)."""
    meeting = item.meeting
    members = list(members_on(meeting.held_on))
    present = list(Attendance.objects.filter(meeting=meeting, present=True)
                   .values_list("member_id", flat=True))
    unit = item.proposal_item.proposal.unit
    rule = item.rule
    if rule.get("secret", True):
        receipts = list(item.receipts.order_by("pk").values_list("member_id", flat=True))
        choices = list(item.ballots.order_by("id").values_list("choice", flat=True))
        ballots = {str(m): c for m, c in zip(receipts, choices, strict=False)}
        # More ballots than receipts cannot happen (one transaction); count any as invalid.
        for extra, choice in enumerate(choices[len(receipts):]):
            ballots[f"unpaired-{extra}"] = choice
    else:
        ballots = {str(m): c for m, c in item.ballots.values_list("member_id", "choice")}
    return {
        "rule": {k: rule[k] for k in ("quorum", "threshold", "basis", "strict", "secret")},
        "members": [{"id": str(m.pk), "unit": str(m.unit_id) if m.unit_id else None,
                     "person": None} for m in members],
        "present": [str(pk) for pk in present],
        "items": [{"id": str(item.pk), "unit": str(unit.pk),
                   "unit_ancestors": [str(pk) for pk in upper_units(unit)],
                   "subject_person": None,
                   "declared_conflicts": [str(pk) for pk in
                                          item.exclusions.values_list("member_id", flat=True)],
                   "ballots": ballots}],
    }


def close_vote(*, item: AgendaItem, acting_user) -> AgendaItem:
    """The secretary closes the vote: the tally on the database's state, stored on the item
    (status and counts), then the proposal item's outcome (``record_council_result``)."""
    from proposals.services import record_council_result

    require(acting_user, "council.run_vote", item.meeting)
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        current = AgendaItem.objects.select_for_update(of=("self",)).select_related(
            "proposal_item__proposal__unit").get(pk=item.pk)
        if current.vote_state != VoteState.OPEN:
            raise DomainError(_("Nội dung này không đang bỏ phiếu."))
        current.meeting = meeting
        got = tallying.tally(case_for(current))
        result = got["items"][0]
        result.pop("by_member", None)
        if not current.rule.get("secret", True):
            names = dict(current.ballots.values_list("member_id", "member__full_name"))
            result["by_member"] = {str(pk): {"name": names.get(pk, ""), "choice": choice}
                                   for pk, choice in current.ballots.values_list("member_id",
                                                                                  "choice")}
        result.update({"quorum": got["quorum"], "present": got["present"],
                       "members": got["members"]})
        current.status = result["status"]
        current.result = result
        current.vote_state = VoteState.CLOSED
        current.closed_at = timezone.now()
        current.save(update_fields=["status", "result", "vote_state", "closed_at"])
        log.record(actor=acting_user, action=Action.TRANSITION, obj=current, owner=meeting,
                   verb="close_vote", after={"status": current.status})
        record_council_result(item=current.proposal_item, status=current.status,
                              acting_user=acting_user,
                              reason=_("Hội đồng Thi đua - Khen thưởng không thông qua tại %(m)s.")
                              % {"m": meeting.title})
    return current


def close_meeting(*, meeting: Meeting, acting_user, notes: str | None = None) -> Meeting:
    """The secretary closes the meeting: every vote must be closed; items never voted on stay
    ready for another meeting (they are dropped from this agenda)."""
    require(acting_user, "council.close_meeting", meeting)
    with transaction.atomic():
        current = _locked_meeting(meeting)
        _no_open_vote(current)
        before = log.snapshot(current, MEETING_AUDITED)
        current.items.filter(vote_state=VoteState.PENDING).delete()
        if notes is not None:
            current.notes = clean_multiline(notes)
        current.state = MeetingState.CLOSED
        current.version += 1
        current.save(update_fields=["state", "notes", "version"])
        log.record(actor=acting_user, action=Action.TRANSITION, obj=current, verb="close_meeting",
                   before=before, after=log.snapshot(current, MEETING_AUDITED))
    return current


STATUS_LABELS = dict(ItemStatus.choices)
