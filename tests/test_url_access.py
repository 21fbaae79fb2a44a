"""Every URL pattern × every role (and anonymous): the declared outcome of a GET, and for every
POST what it did to the database.

``ACCESS`` maps a route name to a ``Route(get=…, post=…)``:

* ``Get(kwargs, expected)`` — the status per role (``ANON_LOGIN``: sent to the login page). A
  route with a ``Get`` and no ``post`` is also POSTed by every role with an empty payload and
  must leave the database as it was.
* ``Write(kwargs, allowed, effect, data=…, ok=302)`` — a route that writes. Each role in
  ``allowed`` gets ``ok`` and changes ``effect(world)`` (a value read back from the database or
  the staging area: a count, a version, a state…). Every other signed-in role gets 403 and
  leaves everything unchanged — every row of every project table (versions, states, audit
  events, notifications, the search index) and the staged files (``tests.db_state``).
  Anonymous is sent to the login page, nothing changed.
* ``NoWrite(kwargs, expected, data=…)`` — a POST that changes no domain data (language, log in,
  log out): the status per role, nothing changed for anyone.
* A route without ``get`` is POST-only: a GET must answer 405.

Each role runs in its own savepoint, rolled back afterwards, so every role meets the same world.
``kwargs(world)`` and ``data(world, user)`` run inside it, after signing in and before anything
is read for comparison, so they may create what the request needs (a neighbour to swap with,
an evidence row to remove, a file staged for this user); ``user`` is ``None`` for anonymous.

Adding a route is adding a row: an undeclared route fails ``test_every_route_is_declared``, and
a POST route needs a ``Write`` (allowed roles, effect) or a ``NoWrite`` to be declared at all.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.awards import access as aw
from tests.db_state import differences, snapshot, staged_files
from tests.registry_signed.pdfs import blank_pdf, stored_signed_form
from tests.world import ROLES, World, world  # noqa: F401  (fixture)

ANON_LOGIN = "login"  # anonymous is redirected to the login page
PASSWORD = "mat-khau-thu-nghiem-2026"  # tests.factories.UserFactory's


def everyone(code):
    return {role: code for role in ROLES}


def signed_in(code=200):
    return {**everyone(code), "anonymous": ANON_LOGIN}


def only(*allowed, ok=200, denied=403):
    return {role: (ok if role in allowed else denied) for role in ROLES} | {"anonymous": ANON_LOGIN}


PROVINCE = ("standing", "council", "admin")
SIGNED_IN = tuple(role for role in ROLES if role != "anonymous")
Kwargs = Callable[[World], dict]
Data = Callable[[World, object], dict]


def no_data(w, user) -> dict:
    return {}


@dataclass(frozen=True)
class Get:
    kwargs: Kwargs
    expected: dict


@dataclass(frozen=True)
class Write:
    kwargs: Kwargs
    allowed: tuple[str, ...]
    effect: Callable[[World], object]
    data: Data = no_data
    ok: int = 302


@dataclass(frozen=True)
class NoWrite:
    kwargs: Kwargs
    expected: dict
    data: Data = no_data


@dataclass(frozen=True)
class Route:
    get: Get | None = None
    post: Write | NoWrite | None = field(default=None)


# --- payloads and effects ------------------------------------------------------------------------

def _registration(w):
    from registry.models import Registration

    return Registration.objects.get(pk=w.registration_a.pk)


def _exemplar_state(w):
    from registry.models import Exemplar

    return Exemplar.objects.filter(pk=w.exemplar_a.pk).values("state", "version").first()


def _exemplar_row(w):
    from registry.models import Exemplar

    return Exemplar.objects.filter(pk=w.exemplar_a.pk).values(
        "position", "position_title", "version").first()


def _names(w) -> list[str]:
    return sorted(w.registration_a.exemplars.values_list("name", flat=True))


def _stored_proof(w) -> dict:
    """A proof attached to exemplar A (stored privately), for its download route."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluation.services import attach_proof

    proof = attach_proof(exemplar=w.exemplar_a, acting_user=w.users["officer_a"],
                         upload=SimpleUploadedFile("qd.pdf", b"%PDF-1.4 quyet dinh"))
    return {"pk": w.exemplar_a.pk, "proof_id": proof.pk}


def _published_list_file() -> bytes:
    from uploads.tables import xlsx_bytes

    return xlsx_bytes("Phụ lục", ["STT", "Tên cơ quan, đơn vị", "Điểm", "Chỉ số (%)"],
                      [[1, "Sở Y tế Thử", 80.5, "88,25"]])


def _staged_list(w, user) -> dict:
    """A published list naming unit A, staged for this user, applied by the POST."""
    from uploads import staging

    token = staging.stage(name="par.xlsx", data=_published_list_file(),
                          user_id=getattr(user, "pk", 0), purpose="evaluation.published_list",
                          object_id=0)
    return {"token": token, "kind": "par_index", "year": "2024", "as_of": "2024-12-31",
            "apply": "1"}


def _stored_list(w) -> dict:
    """A published list applied by the system administrator, for its pages."""
    from evaluation.lists import apply_list

    record = apply_list(filename="par.xlsx", data=_published_list_file(), kind="par_index",
                        year=2024, acting_user=w.users["admin"])
    return {"pk": record.pk}


def _count(model_path: str) -> Callable[[World], int]:
    def count(w) -> int:
        from django.apps import apps

        return apps.get_model(model_path).objects.count()
    return count


def _new_campaign(w) -> dict:
    from tests.factories import CampaignFactory

    return {"campaign_code": CampaignFactory(code="THU-2026", pack=w.campaign.pack).code}


def _neighbour_below(w) -> dict:
    from tests.factories import ExemplarFactory

    ExemplarFactory(registration=w.registration_a, name="Giàng A Pao", field_key="e",
                    position=w.exemplar_a.position + 1)
    return {"pk": w.exemplar_a.pk, "direction": "xuong"}


def _rating_row(w) -> dict:
    from evaluation import services

    row = services.add_evidence(exemplar=w.exemplar_a, kind="ratings",
                                values={"year": 2023, "level": "tot"},
                                acting_user=w.users["admin"])
    return {"pk": w.exemplar_a.pk, "kind": "ratings", "row_id": row.pk}


def _version_2(w):
    from guidance.models import GuidancePack

    record = w.campaign.pack
    return GuidancePack.objects.get_or_create(
        code=record.code, version=2,
        defaults={"title": record.title, "issued_on": record.issued_on,
                  "valid_from": record.valid_from, "content": record.content,
                  "checksum": record.checksum})[0]


def _campaign_pack(w) -> int:
    from guidance.models import Campaign

    return Campaign.objects.get(pk=w.campaign.pk).pack_id


def _move_to_version_2(w, user) -> dict:
    return {"version": _version_2(w).version, "reason": "Bộ hướng dẫn sửa đổi"}


def _form_sheet() -> bytes:
    from tests.registry_io.helpers import individuals_sheet

    return individuals_sheet([[1, "Lò Thị Hoà", "Bác sĩ; Khoa Ngoại", "CCHC", "", ""]])


def _home_form(w, user) -> dict:
    """Each unit officer hands the home page its own unit's form (the admin: unit A's); the
    file names the unit and the guidance, the registration is found from them."""
    from tests.registry_io.helpers import form_sheet

    unit = w.unit_b if user is not None and user == w.users["officer_b"] else w.unit_a
    data = form_sheet([[1, "Lò Thị Hoà", "Bác sĩ; Khoa Ngoại", "CCHC", "", ""]], unit=unit.name)
    return {"file": SimpleUploadedFile("bieu.xlsx", data)}


def _stage(w, user, purpose: str, data: bytes) -> str:
    from uploads import staging

    registration = _registration(w)
    return staging.stage(name="tep.xlsx", data=data, user_id=getattr(user, "pk", 0),
                         purpose=purpose, object_id=registration.pk,
                         version=registration.version)


def _staged_form(w, user) -> dict:
    # The sheet drops Đặng Thị Mai: the deletion is confirmed.
    return {"token": _stage(w, user, "registry.import", _form_sheet()), "allow_delete": "1"}


def _staged_ratings(w, user) -> dict:
    from uploads.tables import xlsx_bytes

    data = xlsx_bytes("Xếp loại", ["Họ và tên", "Năm", "Xếp loại"], [["Đặng Thị Mai", 2024, "tot"]])
    return {"apply": "1", "token": _stage(w, user, "evaluation.rating_import", data)}


def _entry(w, user) -> dict:
    return {"name": "Lò Thị Hoà", "position_title": "Điều dưỡng", "work_unit": "Bệnh viện",
            "field_key": "e"}


def _edit(w, user) -> dict:
    return {"name": "Đặng Thị Mai", "field_key": "e", "position_title": "Bác sĩ",
            "version": _exemplar_row(w)["version"]}


def _rated_subjects(w) -> int:
    from evaluation.models import Subject

    return Subject.objects.filter(rated=True).count()


def _passwords(w) -> list[str]:
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.order_by("pk").values_list("password", flat=True))


# --- fostering plans -------------------------------------------------------------------------------

def _plan_a(w):
    from fostering.services import create_plan

    return create_plan(campaign=w.campaign, unit=w.unit_a, acting_user=w.users["officer_a"])


def _plan_row(w):
    from fostering.models import FosteringPlan

    return FosteringPlan.objects.filter(campaign=w.campaign, unit=w.unit_a).values(
        "state", "sector_criteria", "version").first()


def _plan_item(w):
    return _plan_a(w).items.get(exemplar=w.exemplar_a)


def _plan_version(w, user) -> dict:
    return {"version": _plan_row(w)["version"]}


def _plan_action(w) -> dict:
    import datetime

    from fostering.services import add_action

    plan = _plan_a(w)
    action = add_action(plan=plan, item=_plan_item(w), helper="Phòng Tổ chức",
                        content="Tập huấn", due_on=datetime.date(2026, 9, 30),
                        expected_version=plan.version, acting_user=w.users["officer_a"])
    return {"pk": plan.pk, "kind": "action", "entry_id": action.pk}


def _approved_milestone(w) -> dict:
    import datetime

    from fostering.services import add_milestone, transition_plan

    plan = _plan_a(w)
    milestone = add_milestone(plan=plan, item=_plan_item(w), title="Sơ kết",
                              due_on=datetime.date(2026, 6, 30), expected_version=plan.version,
                              acting_user=w.users["officer_a"])
    plan = transition_plan(plan=plan, name="submit_plan", acting_user=w.users["officer_a"])
    transition_plan(plan=plan, name="approve_plan", acting_user=w.users["head_a"])
    return {"pk": plan.pk, "kind": "milestone", "entry_id": milestone.pk}


def _milestones_done(w) -> int:
    from fostering.models import Milestone

    return Milestone.objects.filter(done_on__isnull=False).count()


def _item_row(w):
    from fostering.models import PlanItem

    return list(PlanItem.objects.filter(exemplar=w.exemplar_a).values_list("responsible", "notes"))


PLAN = lambda w: {"pk": _plan_a(w).pk}  # noqa: E731
PLAN_ITEM = lambda w: {"pk": _plan_a(w).pk, "item_id": _plan_item(w).pk}  # noqa: E731


# --- decisions ---------------------------------------------------------------------------------

def _decision_draft(w):
    from decisions.models import Decision
    from tests.decisions.helpers import draft

    return Decision.objects.filter(state="draft").first() or draft(w, 1)


def _decision_issued(w):
    from decisions.models import Decision
    from decisions.services import issue_decision
    from tests.decisions.helpers import ISSUED_ON

    return Decision.objects.filter(state="issued").first() or issue_decision(
        decision=_decision_draft(w), issued_on=ISSUED_ON, acting_user=w.users["standing"])


def _decision_rows(w):
    from decisions.models import Decision

    return list(Decision.objects.order_by("pk").values_list("state", "number", "subject",
                                                            "version"))


def _decision_new(w, user) -> dict:
    from tests.decisions.helpers import authority, passed_items

    return {"authority": authority().pk, "items": [i.pk for i in passed_items(w, 1)],
            "signer_name": "Lê Văn Lương"}


def _decision_edit(w, user) -> dict:
    d = _decision_draft(w)
    return {"version": d.version, "subject": "Về việc công nhận điển hình tiên tiến",
            "legal_basis": d.legal_basis, "signer_name": d.signer_name}


def _decision_two_entries(w) -> dict:
    from tests.decisions.helpers import draft

    d = draft(w, 2)
    return {"pk": d.pk, "entry_id": d.entries.last().pk}


def _decision_signed_file(w) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from decisions.services import attach_signed_decision

    d = _decision_issued(w)
    upload = SimpleUploadedFile("qd-da-ky.pdf", blank_pdf(b"Quyet dinh"), "application/pdf")
    signed = attach_signed_decision(decision=d, uploaded_file=upload,
                                    acting_user=w.users["standing"])
    return {"pk": d.pk, "file_id": signed.pk}


DEC_DRAFT = lambda w: {"pk": _decision_draft(w).pk}  # noqa: E731
DEC_ISSUED = lambda w: {"pk": _decision_issued(w).pk}  # noqa: E731
DEC_SEES_ISSUED = ("officer_a", "head_a", "standing", "council", "admin")
DEC_WRITE = ("standing", "admin")


REG = lambda w: {"pk": w.registration_a.pk}  # noqa: E731
EXEMPLAR = lambda w: {"pk": w.exemplar_a.pk}  # noqa: E731
CAMPAIGN = lambda w: {"campaign_code": w.campaign.code}  # noqa: E731
NONE = lambda w: {}  # noqa: E731
UNIT_WRITERS = ("officer_a", "admin")
EVIDENCE_WRITERS = ("officer_a", "standing", "admin")

# The system administrator is a Django superuser: every permission holds (and is audited).
def _officer_token(w) -> dict:
    """A token of officer A (issued by the operator's command path), for the revoke route."""
    from accounts.system import system_actor
    from api.models import Origin
    from api.services import issue_token

    token, _whole = issue_token(owner=w.users["officer_a"], name="Cổng tỉnh", scopes="read",
                                days=1, acting_user=system_actor(), origin=Origin.COMMAND)
    return {"pk": token.pk}


def _revoked_tokens(w) -> int:
    from api.models import ApiToken

    return ApiToken.objects.filter(revoked_at__isnull=False).count()


def _urging_send(w, user) -> dict:
    from registry.models import Registration

    Registration.objects.filter(pk=w.registration_b.pk).update(state="returned")
    return {"campaign": w.campaign.code, "reason": "returned", "units": [w.unit_b.pk]}


def _urging_template(w, user) -> dict:
    return {"reason": "returned", "subject": "Nhắc {don_vi}", "body": "Đề nghị {don_vi} gửi lại.",
            "valid_from": "2026-01-01"}


def _urging_template_pk(w) -> dict:
    import datetime

    from urging.models import ReminderTemplate

    template = ReminderTemplate.objects.create(reason="returned", subject="Cũ", body="Cũ {don_vi}",
                                               valid_from=datetime.date(2026, 1, 1))
    return {"pk": template.pk}


def _urging_subjects(w) -> list:
    from urging.models import ReminderTemplate

    return sorted(ReminderTemplate.objects.values_list("subject", flat=True))
def _progress_form(w, user) -> dict:
    import datetime

    return {"on_date": datetime.date.today().strftime("%d/%m/%Y"), "percent": "30",
            "text": "Đã trồng 2 ha chè", "quality_note": ""}


def _officer_update(w):
    import datetime

    from progress.services import post_update

    return post_update(exemplar=w.exemplar_a, on_date=datetime.date(2026, 3, 1),
                       text="Đã trồng chè", percent=30,
                       uploads=[SimpleUploadedFile("bc.pdf", b"%PDF-1.4 bao cao")],
                       acting_user=w.users["officer_a"])


def _progress_update(w) -> dict:
    return {"pk": _officer_update(w).pk}


def _withdrawn_updates(w) -> int:
    from progress.models import ProgressUpdate

    return ProgressUpdate.objects.filter(withdrawn_at__isnull=False).count()


def _progress_attachment(w) -> dict:
    return {"pk": _officer_update(w).attachments.get().pk}


TOKEN_FORM = lambda w, u: {"name": "Cổng thông tin tỉnh", "scope": "read", "days": "30"}  # noqa: E731

# --- inspections ----------------------------------------------------------------------------------

def _inspection_kwargs(w) -> dict:
    from tests.inspections.helpers import with_follow_up

    inspection, _follow_up = with_follow_up(w)
    return {"pk": inspection.pk}


def _planned_kwargs(w) -> dict:
    from tests.inspections.helpers import planned

    return {"pk": planned(w).pk, "name": "start_inspection"}


def _inspection_row(w):
    from inspections.models import Inspection

    return Inspection.objects.order_by("-pk").values("title", "state", "conclusion",
                                                     "version").first()


def _finding_kwargs(w) -> dict:
    from inspections.models import Finding

    kwargs = _inspection_kwargs(w)
    return {**kwargs, "finding_id": Finding.objects.get(inspection_id=kwargs["pk"]).pk}


def _record_kwargs(w) -> dict:
    return {**_inspection_kwargs(w), "unit_id": w.unit_a.pk}


def _follow_up_kwargs(w) -> dict:
    from tests.inspections.helpers import with_follow_up

    _inspection, follow_up = with_follow_up(w)
    return {"pk": follow_up.pk, "name": "report_follow_up_done"}


def _follow_up_row(w):
    from inspections.models import FollowUp

    return FollowUp.objects.values("state", "unit_note", "version").first()


INSPECTION_FORM = lambda w, u: {  # noqa: E731
    "title": "Kiểm tra công tác thi đua", "start_on": "2026-03-10", "units": [w.unit_a.pk],
    "scope": "Việc xây dựng điển hình tiên tiến."}
MANAGE = ("standing", "admin")
INSPECTED = ("officer_a", "head_a", *PROVINCE)



# --- council: the standing office manages; readers are province-wide roles and seats; the
# standing office user is the secretary seat, the council user a member (tests/council/helpers)
def _council_access() -> dict:
    from tests.council import helpers as ch

    managers = ("standing", "admin")
    member_form = lambda w, u: {"full_name": "Hà Văn Mười Một", "role": "member",  # noqa: E731
                                "valid_from": "2026-01-01"}
    meeting_form = lambda w, u: {"title": "Phiên họp đã sửa", "held_on": "2026-11-20"}  # noqa: E731
    return {
        "council:meeting_list": Route(get=Get(NONE, only(*PROVINCE))),
        "council:member_list": Route(get=Get(NONE, only(*PROVINCE))),
        "council:rule_list": Route(get=Get(NONE, only(*PROVINCE))),
        "council:my_ballots": Route(get=Get(NONE, only(*PROVINCE))),
        "council:member_add": Route(post=Write(NONE, managers, _count("council.CouncilMember"),
                                               member_form)),
        "council:member_edit": Route(get=Get(ch.url_member, only(*managers)), post=Write(
            ch.url_member, managers, ch.member_row, member_form)),
        "council:member_end": Route(post=Write(ch.url_member, managers, ch.member_row,
                                               lambda w, u: {"valid_to": "2026-06-30"})),
        "council:meeting_create": Route(post=Write(NONE, managers, _count("council.Meeting"),
                                                   meeting_form)),
        "council:meeting_detail": Route(get=Get(ch.url_meeting, only(*PROVINCE))),
        "council:meeting_update": Route(post=Write(ch.url_meeting, managers, ch.meeting_row,
                                                   meeting_form)),
        "council:meeting_agenda": Route(post=Write(
            ch.url_empty_meeting, managers, _count("council.AgendaItem"), ch.agenda_data)),
        "council:meeting_attendance": Route(post=Write(ch.url_meeting, managers, ch.present_count,
                                                       lambda w, u: {"present": []})),
        "council:meeting_close": Route(post=Write(ch.url_meeting, managers, ch.meeting_row)),
        "council:meeting_minutes": Route(get=Get(ch.url_meeting, only(*managers))),
        "council:item_detail": Route(get=Get(ch.url_item, only(*PROVINCE))),
        "council:item_conflict": Route(post=Write(ch.url_item, PROVINCE,
                                                  _count("council.Exclusion"), ch.conflict_data)),
        "council:item_open": Route(post=Write(ch.url_item, managers, ch.latest_item_row)),
        "council:item_cast": Route(post=Write(ch.url_open_item, ("standing", "council"),
                                              _count("council.Ballot"),
                                              lambda w, u: {"choice": "abstain"})),
        "council:item_close": Route(post=Write(ch.url_open_item, managers, ch.latest_item_row)),
    }


COUNCIL_ACCESS = _council_access()

ACCESS: dict[str, Route] = {
    "home": Route(get=Get(NONE, {**signed_in(200), "standing": 302, "council": 302,
                                 "admin": 302, "national": 302})),
    "set_language": Route(get=Get(NONE, everyone(302)),
                          post=NoWrite(NONE, everyone(302), lambda w, u: {"language": "vi"})),
    "accounts:login": Route(get=Get(NONE, {**everyone(302), "anonymous": 200}),
                            post=NoWrite(NONE, {**everyone(302), "anonymous": 200})),
    "accounts:logout": Route(post=NoWrite(NONE, everyone(302))),
    "accounts:password_change": Route(
        get=Get(NONE, signed_in(200)),
        post=Write(NONE, SIGNED_IN, _passwords, lambda w, u: {
            "old_password": PASSWORD, "new_password1": "Mat-khau-moi-2026!",
            "new_password2": "Mat-khau-moi-2026!"})),
    "accounts:notifications": Route(get=Get(NONE, signed_in(200))),
    # two-factor sign-in: standing, council, admin must have one and officer_b chose one (every
    # test session of theirs is verified, tests/mfa.py); the step itself sends the verified on
    "accounts:mfa_verify": Route(get=Get(NONE, signed_in(302)),
                                 post=NoWrite(NONE, signed_in(302))),
    "accounts:security": Route(get=Get(NONE, signed_in(200))),
    "accounts:mfa_enrol": Route(
        get=Get(NONE, only("officer_a", "head_a")),
        post=Write(NONE, ("officer_a", "head_a"), _count("otp_totp.TOTPDevice"),
                   lambda w, u: {"action": "start"})),
    "accounts:mfa_recovery_codes": Route(post=Write(
        NONE, ("officer_b", "national", *PROVINCE), _count("otp_static.StaticToken"), ok=200)),
    "accounts:mfa_disable": Route(post=Write(NONE, ("officer_b",), _count("otp_totp.TOTPDevice"))),
    # API tokens: everyone manages their own; creating one needs a second factor enrolled
    "api_tokens:list": Route(get=Get(NONE, signed_in(200))),
    # (the national role's own account: its second factor, its own read token)
    "api_tokens:create": Route(post=Write(NONE, ("officer_b", "national", *PROVINCE),
                                          _count("api.ApiToken"),
                                           TOKEN_FORM, ok=200)),
    "api_tokens:revoke": Route(post=Write(_officer_token, ("officer_a", "admin"), _revoked_tokens)),
    "orgs:unit_list": Route(get=Get(NONE, signed_in(200))),
    "orgs:unit_detail": Route(get=Get(lambda w: {"pk": w.sub_a.pk},
                                      only("national", "officer_a", "head_a", *PROVINCE))),
    "guidance:campaign_list": Route(get=Get(NONE, signed_in(200))),
    "guidance:pack_detail": Route(get=Get(lambda w: {"pk": w.campaign.pack.pk}, signed_in(200))),
    "search:results": Route(get=Get(NONE, signed_in(200))),
    # urging (đôn đốc): the standing office and the administrator
    "urging:urge": Route(get=Get(NONE, only("standing", "admin"))),
    "urging:reminder_list": Route(get=Get(NONE, only("standing", "admin"))),
    "urging:send": Route(post=Write(NONE, ("standing", "admin"), _count("urging.Reminder"),
                                    _urging_send)),
    "urging:template_list": Route(get=Get(NONE, only("standing", "admin")),
                                  post=Write(NONE, ("standing", "admin"),
                                             _count("urging.ReminderTemplate"), _urging_template)),
    "urging:template_edit": Route(get=Get(_urging_template_pk, only("standing", "admin")),
                                  post=Write(_urging_template_pk, ("standing", "admin"),
                                             _urging_subjects, _urging_template)),
    "urging:schedule": Route(get=Get(lambda w: {"code": w.campaign.code}, only("standing", "admin")),
                             post=Write(lambda w: {"code": w.campaign.code}, ("standing", "admin"),
                                        _count("urging.ReminderSchedule"),
                                        lambda w, u: {"offsets": "-7, 1", "reasons": ["returned"],
                                                      "is_active": "on"})),
    # registry: the standing office's tables
    "registry:overview": Route(get=Get(CAMPAIGN, only("national", *PROVINCE))),
    "registry:overview_xlsx": Route(get=Get(CAMPAIGN, only("national", *PROVINCE))),
    "registry:compiled_list": Route(get=Get(CAMPAIGN, only("national", *PROVINCE))),
    "registry:compiled_list_export": Route(get=Get(
        lambda w: {"campaign_code": w.campaign.code, "fmt": "docx"}, only("national", *PROVINCE))),
    # registry: registrations
    "registry:registration_start": Route(post=Write(
        _new_campaign, ("officer_a", "officer_b"), _count("registry.Registration"))),
    "registry:registration_detail": Route(get=Get(REG, only("national", "officer_a", "head_a", *PROVINCE))),
    "registry:registration_details": Route(post=Write(
        REG, UNIT_WRITERS, lambda w: (_registration(w).signer_name, _registration(w).version),
        lambda w, u: {"signer_name": "Đặng Quốc Hùng", "recipients": "Sở Nội vụ",
                      "version": _registration(w).version})),
    "registry:registration_transition": Route(post=Write(
        lambda w: {"pk": w.registration_a.pk, "name": "send_for_approval"}, UNIT_WRITERS,
        lambda w: _registration(w).state, lambda w, u: {"version": _registration(w).version})),
    "registry:registration_confirm": Route(get=Get(
        lambda w: {"pk": w.registration_a.pk, "name": "send_for_approval"},
        only("officer_a", "admin"))),
    # registry: entries
    "registry:exemplar_add": Route(
        get=Get(lambda w: {"pk": w.registration_a.pk, "kind": "individual"},
                only(*UNIT_WRITERS)),
        post=Write(lambda w: {"pk": w.registration_a.pk, "kind": "individual"}, UNIT_WRITERS,
                   _names, _entry)),
    "registry:exemplar_detail": Route(get=Get(EXEMPLAR, only("national", "officer_a", "head_a", *PROVINCE))),
    "registry:exemplar_edit": Route(
        get=Get(EXEMPLAR, only(*UNIT_WRITERS)),
        post=Write(EXEMPLAR, UNIT_WRITERS, _exemplar_row, _edit)),
    "registry:exemplar_delete": Route(post=Write(
        EXEMPLAR, UNIT_WRITERS, _exemplar_row,
        lambda w, u: {"version": _exemplar_row(w)["version"]})),
    "registry:exemplar_move": Route(post=Write(_neighbour_below, UNIT_WRITERS, _exemplar_row)),
    # the exemplar lifecycle: fostering is the standing office's step (the system admin passes all)
    "registry:exemplar_transition": Route(post=Write(
        lambda w: {"pk": w.exemplar_a.pk, "name": "foster"}, ("standing", "admin"),
        _exemplar_state, lambda w, u: {"version": _exemplar_row(w)["version"]})),
    # registry: files
    "registry:registration_export": Route(get=Get(
        lambda w: {"pk": w.registration_a.pk, "fmt": "xlsx"},
        only("national", "officer_a", "head_a", *PROVINCE))),
    "registry:registration_blank": Route(get=Get(
        lambda w: {"pk": w.registration_a.pk, "fmt": "xlsx"},
        only("national", "officer_a", "head_a", *PROVINCE))),
    "registry:registration_import": Route(
        get=Get(REG, only(*UNIT_WRITERS)),
        post=Write(REG, UNIT_WRITERS, lambda w: len(staged_files()),
                   lambda w, u: {"file": SimpleUploadedFile("bieu.xlsx", _form_sheet())},
                   ok=200)),
    # The home page's drop zone: previewing stages the file for the registration it names.
    "registry:home_import": Route(
        get=Get(NONE, only("officer_a", "officer_b", "admin")),
        post=Write(NONE, ("officer_a", "officer_b", "admin"), lambda w: staged_files(),
                   _home_form, ok=200)),
    "registry:registration_import_confirm": Route(post=Write(
        REG, UNIT_WRITERS, _names, _staged_form)),
    "registry:signed_form_list": Route(get=Get(REG, only("national", "officer_a", "head_a", *PROVINCE))),
    "registry:signed_form_upload": Route(post=Write(
        REG, ("head_a", "admin"), _count("registry.SignedForm"),
        lambda w, u: {"file": SimpleUploadedFile("bieu-da-ky.pdf", blank_pdf(),
                                                 "application/pdf")})),
    "registry:signed_form_download": Route(get=Get(lambda w: {
        "pk": w.registration_a.pk, "form_id": stored_signed_form(w.registration_a).pk},
        only("national", "officer_a", "head_a", *PROVINCE))),
    # evaluation
    "evaluation:exemplar_evaluation": Route(get=Get(
        EXEMPLAR, only("national", "officer_a", "head_a", *PROVINCE))),
    "evaluation:evidence_add": Route(post=Write(
        lambda w: {"pk": w.exemplar_a.pk, "kind": "ratings"}, EVIDENCE_WRITERS,
        _count("evaluation.AnnualRating"),
        lambda w, u: {"ratings-year": "2024", "ratings-level": "tot"})),
    "evaluation:evidence_declare": Route(post=Write(
        lambda w: {"pk": w.exemplar_a.pk, "kind": "recognitions"}, EVIDENCE_WRITERS,
        _count("evaluation.EvidenceDeclaration"))),
    "evaluation:evidence_remove": Route(post=Write(
        _rating_row, EVIDENCE_WRITERS, _count("evaluation.AnnualRating"))),
    "evaluation:subject_rated": Route(post=Write(
        EXEMPLAR, EVIDENCE_WRITERS,
        _rated_subjects,
        lambda w, u: {"rated": "1"})),
    "evaluation:proof_attach": Route(post=Write(
        EXEMPLAR, EVIDENCE_WRITERS, _count("evaluation.Proof"),
        lambda w, u: {"file": SimpleUploadedFile("qd.pdf", b"%PDF-1.4 quyet dinh")})),
    "evaluation:proof_download": Route(get=Get(
        _stored_proof, only("national", "officer_a", "head_a", *PROVINCE))),
    "evaluation:judgement_record": Route(post=Write(
        EXEMPLAR, ("standing", "council", "admin"), _count("evaluation.Judgement"),
        lambda w, u: {"criterion_code": "G1", "passed": "1", "note": "Gương mẫu"})),
    "evaluation:rating_import": Route(
        get=Get(REG, only(*EVIDENCE_WRITERS)),
        post=Write(REG, EVIDENCE_WRITERS, _count("evaluation.AnnualRating"), _staged_ratings)),
    "evaluation:rating_import_sample": Route(get=Get(REG, only(*EVIDENCE_WRITERS))),
    # published lists as evidence: the standing office's (and the system administrator's)
    "evaluation:published_lists": Route(
        get=Get(NONE, only("standing", "admin")),
        post=Write(NONE, ("standing", "admin"), _count("evaluation.PublishedList"), _staged_list)),
    "evaluation:published_list_detail": Route(get=Get(_stored_list, only("standing", "admin"))),
    "evaluation:published_list_file": Route(get=Get(_stored_list, only("standing", "admin"))),
    "evaluation:campaign_evaluation": Route(get=Get(CAMPAIGN, only("national", *PROVINCE))),
    # moving a campaign to another pack version: the system administrator's act alone
    "evaluation:campaign_pack_move": Route(
        get=Get(CAMPAIGN, only("admin")),
        post=Write(CAMPAIGN, ("admin",), _campaign_pack, _move_to_version_2)),
    "evaluation:campaign_evaluation_xlsx": Route(get=Get(CAMPAIGN, only("national", *PROVINCE))),
    # progress: the list for everyone signed in (scoped), an exemplar's timeline to whoever
    # sees it, updates by the unit's officer and head, withdrawal by the author only
    "progress:list": Route(get=Get(NONE, signed_in(200))),
    "progress:timeline": Route(get=Get(EXEMPLAR, only("national", "officer_a", "head_a", *PROVINCE))),
    "progress:post_update": Route(
        get=Get(EXEMPLAR, only("officer_a", "head_a", "admin", ok=302)),
        post=Write(EXEMPLAR, ("officer_a", "head_a", "admin"), _count("progress.ProgressUpdate"),
                   _progress_form)),
    "progress:withdraw": Route(post=Write(_progress_update, ("officer_a", "admin"),
                                          _withdrawn_updates,
                                          lambda w, u: {"reason": "Nhập nhầm số liệu"})),
    "progress:attachment": Route(get=Get(_progress_attachment,
                                         only("national", "officer_a", "head_a", *PROVINCE))),
    "progress:settings": Route(
        get=Get(CAMPAIGN, only("standing", "admin")),
        post=Write(CAMPAIGN, ("standing", "admin"), _count("progress.ProgressSettings"),
                   lambda w, u: {"stale_after_days": "14"})),
    # inspections: the standing office acts; the inspected unit reads and reports on its
    # follow-ups; the council reads; another unit sees nothing
    "inspections:inspection_list": Route(get=Get(NONE, signed_in(200))),
    "inspections:inspection_create": Route(
        get=Get(NONE, only(*MANAGE)),
        post=Write(NONE, MANAGE, _count("inspections.Inspection"), INSPECTION_FORM)),
    "inspections:inspection_detail": Route(get=Get(_inspection_kwargs, only("national", *INSPECTED))),
    "inspections:inspection_edit": Route(
        get=Get(_inspection_kwargs, only(*MANAGE)),
        post=Write(_inspection_kwargs, MANAGE, _inspection_row, INSPECTION_FORM)),
    "inspections:inspection_transition": Route(post=Write(_planned_kwargs, MANAGE,
                                                          _inspection_row)),
    "inspections:finding_add": Route(post=Write(
        _inspection_kwargs, MANAGE, _count("inspections.Finding"),
        lambda w, u: {"unit": w.unit_a.pk, "kind": "positive", "text": "Hồ sơ đầy đủ."})),
    "inspections:finding_remove": Route(post=Write(_finding_kwargs, MANAGE,
                                                   _count("inspections.Finding"))),
    "inspections:conclusions_save": Route(post=Write(
        _inspection_kwargs, MANAGE, _inspection_row,
        lambda w, u: {"conclusion": "Đơn vị thực hiện tốt."})),
    "inspections:follow_up_add": Route(post=Write(
        _inspection_kwargs, MANAGE, _count("inspections.FollowUp"),
        lambda w, u: {"unit": w.unit_a.pk, "action": "Bổ sung hồ sơ.", "owner_name": "Phó Giám đốc",
                      "deadline": "2026-05-01"})),
    "inspections:inspection_record": Route(get=Get(_record_kwargs, only("national", *INSPECTED))),
    "inspections:follow_up_transition": Route(post=Write(
        _follow_up_kwargs, ("officer_a", "head_a", "admin"), _follow_up_row,
        lambda w, u: {"note": "Đã bổ sung hồ sơ."})),
    # award history: everyone signed in reads the catalogues; the standing office keeps them and
    # enters or imports history; subjects are read in the unit's subtree (awards/rules.py)
    "award_catalogue:catalogue": Route(get=Get(aw.none, signed_in(200))),
    "award_catalogue:entry_add": Route(
        get=Get(aw.title_slug, only("standing", "admin")),
        post=Write(aw.title_slug, ("standing", "admin"), aw.title_count, aw.entry_data)),
    "award_catalogue:entry_edit": Route(
        get=Get(aw.form_kwargs, only("standing", "admin")),
        post=Write(aw.form_kwargs, ("standing", "admin"), aw.form_row, aw.edit_data)),
    "award_catalogue:entry_close": Route(post=Write(aw.form_kwargs, ("standing", "admin"),
                                                    aw.form_row, aw.close_data)),
    "awards:subject_list": Route(get=Get(aw.none, signed_in(200))),
    "awards:subject_detail": Route(get=Get(aw.subject_kwargs,
                                           only("national", "officer_a", "head_a", *PROVINCE))),
    "awards:exemplar_history": Route(get=Get(aw.exemplar_kwargs,
                                             only("national", "officer_a", "head_a", *PROVINCE,
                                                  ok=302))),
    "awards:record_add": Route(post=Write(aw.subject_kwargs, ("standing", "admin"),
                                          aw.record_count, aw.record_data)),
    "awards:history_import": Route(
        get=Get(aw.none, only("standing", "admin")),
        post=Write(aw.none, ("standing", "admin"), lambda w: len(staged_files()), aw.upload_data,
                   ok=200)),
    "awards:import_template": Route(get=Get(aw.none, only("standing", "admin"))),
    # fostering plans: the unit officer writes and submits, the head approves; all read them
    "fostering:plan_list": Route(get=Get(CAMPAIGN, only("national", *PROVINCE))),
    "fostering:plan_start": Route(post=Write(
        CAMPAIGN, ("officer_a", "officer_b"), _count("fostering.FosteringPlan"))),
    "fostering:plan_detail": Route(get=Get(PLAN, only("national", "officer_a", "head_a", *PROVINCE))),
    "fostering:plan_docx": Route(get=Get(PLAN, only("national", "officer_a", "head_a", *PROVINCE))),
    "fostering:plan_update": Route(post=Write(
        PLAN, UNIT_WRITERS, _plan_row,
        lambda w, u: {"sector_criteria": "Tận tụy phục vụ người bệnh", **_plan_version(w, u)})),
    "fostering:item_save": Route(post=Write(
        lambda w: {"pk": _plan_a(w).pk, "exemplar_id": w.exemplar_a.pk}, UNIT_WRITERS, _item_row,
        lambda w, u: {"responsible": "Trưởng khoa", "notes": "Nhân rộng", **_plan_version(w, u)})),
    "fostering:action_add": Route(post=Write(
        PLAN_ITEM, UNIT_WRITERS, _count("fostering.SupportAction"),
        lambda w, u: {"helper": "Phòng Tổ chức", "content": "Tập huấn", "due_on": "2026-09-30",
                      **_plan_version(w, u)})),
    "fostering:milestone_add": Route(post=Write(
        PLAN_ITEM, UNIT_WRITERS, _count("fostering.Milestone"),
        lambda w, u: {"title": "Sơ kết", "due_on": "30/06/2026", **_plan_version(w, u)})),
    "fostering:entry_remove": Route(post=Write(
        _plan_action, UNIT_WRITERS, _count("fostering.SupportAction"), _plan_version)),
    "fostering:entry_done": Route(post=Write(
        _approved_milestone, ("officer_a", "head_a", "admin"), _milestones_done, _plan_version)),
    "fostering:plan_transition": Route(post=Write(
        lambda w: {"pk": _plan_a(w).pk, "name": "submit_plan"}, UNIT_WRITERS,
        lambda w: _plan_row(w)["state"], _plan_version)),
    **COUNCIL_ACCESS,
    # decisions: the standing office drafts, edits, issues, attaches the signed file, revokes;
    # the province reads all; a unit reads the issued decisions naming its exemplars
    "decisions:decision_list": Route(get=Get(NONE, signed_in(200))),
    "decisions:decision_create": Route(
        get=Get(NONE, only(*DEC_WRITE)),
        post=Write(NONE, DEC_WRITE, _count("decisions.Decision"), _decision_new)),
    "decisions:decision_detail": Route(get=Get(DEC_DRAFT, only("national", *PROVINCE))),
    "decisions:decision_docx": Route(get=Get(DEC_ISSUED, only("national", *DEC_SEES_ISSUED))),
    "decisions:decision_pdf": Route(get=Get(DEC_ISSUED, only("national", *DEC_SEES_ISSUED))),
    "decisions:decision_edit": Route(post=Write(DEC_DRAFT, DEC_WRITE, _decision_rows,
                                                _decision_edit)),
    "decisions:entry_remove": Route(post=Write(_decision_two_entries, DEC_WRITE,
                                               _count("decisions.DecisionEntry"),
                                               lambda w, u: {"version": 1})),
    "decisions:decision_delete": Route(post=Write(DEC_DRAFT, DEC_WRITE,
                                                  _count("decisions.Decision"))),
    "decisions:decision_issue": Route(post=Write(
        DEC_DRAFT, DEC_WRITE, _decision_rows,
        lambda w, u: {"issued_on": "2026-11-20", "confirm": "on"})),
    "decisions:decision_revoke": Route(post=Write(
        DEC_ISSUED, DEC_WRITE, _decision_rows,
        lambda w, u: {"reason": "Kê khai không trung thực", "legal_basis": "Điều 94"})),
    "decisions:signed_upload": Route(post=Write(
        DEC_ISSUED, DEC_WRITE, _count("decisions.SignedDecision"),
        lambda w, u: {"file": SimpleUploadedFile("qd-da-ky.pdf", blank_pdf(b"Quyet dinh"),
                                                 "application/pdf")})),
    "decisions:signed_download": Route(get=Get(_decision_signed_file, only("national", *DEC_SEES_ISSUED))),
}
# proposals (tests/proposals/access.py)
ACCESS |= __import__("tests.proposals.access", fromlist=["url_access"]).url_access(
    Route, Get, Write, only, signed_in, _count)
# discovery (tests/discovery/access.py)
ACCESS |= __import__("tests.discovery.access", fromlist=["url_access"]).url_access(
    Route, Get, Write, only, signed_in, _count, everyone, ROLES)
# propagation (tests/propagation/access.py)
ACCESS |= __import__("tests.propagation.access", fromlist=["url_access"]).url_access(
    Route, Get, Write, only, signed_in, _count)
# replication (tests/replication/access.py)
ACCESS |= __import__("tests.replication.access", fromlist=["url_access"]).url_access(
    Route, Get, Write, only, signed_in, _count)
# publication (tests/publication/access.py): public routes answer everyone, anonymous included
ACCESS |= __import__("tests.publication.access", fromlist=["url_access"]).url_access(
    Route, Get, Write, only, everyone, _count)
# reviews (tests/reviews/access.py)
ACCESS |= __import__("tests.reviews.access", fromlist=["url_access"]).url_access(
    Route, Get, Write, only, signed_in, _count)


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}"


def app_routes() -> set[str]:
    # the admin guards itself; the REST API has its own operation × role test (tests/api/)
    return {name for name in _walk(get_resolver().url_patterns)
            if not name.startswith(("admin:", "api:"))}


def test_every_route_is_declared():
    undeclared = app_routes() - set(ACCESS)
    stale = set(ACCESS) - app_routes()
    assert not undeclared, f"routes without a declared access outcome: {sorted(undeclared)}"
    assert not stale, f"declared routes that no longer exist: {sorted(stale)}"


def test_every_role_is_declared_for_every_route():
    for name, route in ACCESS.items():
        assert route.get or route.post, name
        for spec in (route.get, route.post):
            if isinstance(spec, Get | NoWrite):
                assert set(spec.expected) == set(ROLES), name
            elif isinstance(spec, Write):
                # anonymous may be allowed only on a public view (the citizens' suggestion form)
                assert spec.allowed and set(spec.allowed) <= set(ROLES), name
                if "anonymous" in spec.allowed:
                    from django.urls import resolve

                    from accounts.access import declaration_of

                    assert declaration_of(resolve(reverse(name)).func).public, name


@contextmanager
def _as(client, world, role):  # noqa: F811
    """Signed in as ``role`` inside a savepoint that is rolled back afterwards."""
    point = transaction.savepoint_create()
    try:
        client.logout()
        user = None if role == "anonymous" else world.users[role]
        if user is not None:
            client.force_login(user)
        yield user
    finally:
        transaction.savepoint_rollback(point)


def _sent_to_login(response) -> bool:
    return response.status_code == 302 and reverse("accounts:login") in response["Location"]


def _check_status(response, want, context):
    if want == ANON_LOGIN:
        assert _sent_to_login(response), (*context, response.status_code)
    else:
        assert response.status_code == want, (*context, response.status_code)


# reviews: the report (tests/reviews/report_helpers.py)
ACCESS |= __import__("tests.reviews.report_helpers", fromlist=["url_access"]).url_access(
    Route, Get, Write, only, _count)
# (before the lists below: the per-role tests are parametrized from them at import)
# exports: background exports, the requester's alone (tests/exports/access.py)
ACCESS |= __import__("tests.exports.access", fromlist=["url_access"]).url_access(
    Route, Get, Write, only, signed_in)

GET_ROUTES = sorted(name for name, route in ACCESS.items() if route.get)
POST_ROUTES = sorted(name for name, route in ACCESS.items() if route.post)
READ_ONLY = sorted(name for name, route in ACCESS.items() if not route.post)
POST_ONLY = sorted(name for name, route in ACCESS.items() if not route.get)


@pytest.mark.django_db
@pytest.mark.parametrize("name", GET_ROUTES)
def test_get_outcome_per_role(client, world, name):  # noqa: F811
    spec = ACCESS[name].get
    for role in ROLES:
        with _as(client, world, role):
            response = client.get(reverse(name, kwargs=spec.kwargs(world)))
            _check_status(response, spec.expected[role], (name, role))


@pytest.mark.django_db
@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_route_writes_nothing_on_post(client, world, name):  # noqa: F811
    spec = ACCESS[name].get
    for role in ROLES:
        with _as(client, world, role):
            url = reverse(name, kwargs=spec.kwargs(world))
            before = snapshot()
            client.post(url)
            after = snapshot()
            assert before == after, (name, role, differences(before, after))


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_ONLY)
def test_post_only_route_refuses_get(client, world, name):  # noqa: F811
    with _as(client, world, "admin"):
        url = reverse(name, kwargs=ACCESS[name].post.kwargs(world))
        assert client.get(url).status_code == 405, name


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_ROUTES)
def test_post_effect_per_role(client, world, name):  # noqa: F811
    spec = ACCESS[name].post
    for role in ROLES:
        with _as(client, world, role) as user:
            url = reverse(name, kwargs=spec.kwargs(world))
            payload = spec.data(world, user)
            before = snapshot()
            effect_before = spec.effect(world) if isinstance(spec, Write) else None
            response = client.post(url, payload)
            after = snapshot()
            if isinstance(spec, NoWrite):
                _check_status(response, spec.expected[role], (name, role))
                assert before == after, (name, role, differences(before, after))
            elif role in spec.allowed:
                assert response.status_code == spec.ok, (name, role, response.status_code)
                assert spec.effect(world) != effect_before, (name, role, "nothing changed")
            else:
                if role == "anonymous":
                    assert _sent_to_login(response), (name, role, response.status_code)
                else:
                    assert response.status_code == 403, (name, role, response.status_code)
                assert before == after, (name, role, differences(before, after))


@pytest.mark.django_db
def test_admin_is_for_staff_only(client, world):  # noqa: F811
    url = reverse("admin:index")
    client.force_login(world.users["officer_a"])
    assert client.get(url).status_code == 302
    client.force_login(world.users["admin"])
    assert client.get(url).status_code == 200


def test_undeclared_view_is_refused(rf):
    from django.core.exceptions import PermissionDenied

    from accounts.middleware import DenyByDefaultMiddleware

    def bare_view(request):
        raise AssertionError("must not run")

    middleware = DenyByDefaultMiddleware(lambda r: None)
    request = rf.get("/")
    with pytest.raises(PermissionDenied):
        middleware.process_view(request, bare_view, (), {})
