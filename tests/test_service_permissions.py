"""Every write service refuses a user without the permission, and a refusal changes nothing.

The services are found, not listed: every public function of every project app that takes
``acting_user`` (``registry.services`` as a module or as a package, ``registry.signatures``,
the importers…). Each must have a row in ``CASES`` (or a reason in ``EXEMPT``), so a new service
without a refusal case fails ``test_every_service_has_a_refusal_case``, and a service that lost
its permission check fails ``test_refused_actor_changes_nothing`` (it raises no ``NotAllowed``,
or it writes).

A refusal also comes first: before the service writes anything or opens its transaction, so a
service whose own check was removed is caught even when a service it calls would still refuse
(``registry.apply_import`` → ``bulk_add_exemplars``). A service whose check needs the row it has
locked declares ``checks_in_transaction=True``; it may then open its savepoint, never write.

A row: ``"<app>.<function>": Case(prepare, refused=(roles…), allowed=role)``. ``prepare(world)``
creates what the call needs (it runs before the database is read for comparison) and returns
``call(actor)``, which calls the service once. Each role runs in its own savepoint, rolled back
afterwards, so every role starts from the same world. The ``allowed`` role makes the same call
and must not be refused: the refusals are about the permission, not a broken payload.
"""

import datetime
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.errors import NotAllowed
from tests.db_state import differences, snapshot
from tests.world import World, world  # noqa: F401  (fixture)

Call = Callable[[object], object]


@dataclass(frozen=True)
class Case:
    prepare: Callable[[World], Call]
    refused: tuple[str, ...]
    allowed: str
    checks_in_transaction: bool = False


# Functions that take ``acting_user`` but are no permission boundary of their own.
EXEMPT = {
    "registry.registration_moved": "notifications sent by transition_registration after its "
                                   "check; it records who acted, it decides nothing",
    "registry.exemplar_moved": "notifications sent by transition_exemplar after its check; it "
                               "records who acted, it decides nothing",
    "awards.add_record": "the inner write of the award history: decisions' issue calls it after "
                         "its own check; the pages, API and import go through enter_record and "
                         "apply_history_import, which check awards.enter_record/import_history",
    "awards.revoke_records": "the inner write of a decision's revocation, called by decisions "
                             "after its own check (decisions.revoke_decision)",
}

UNIT = ("head_a", "officer_b", "council")  # roles outside the unit officer's writes
MANAGERS_ONLY = ("officer_a", "head_a", "council")  # guidance and units: standing office, admin


# --- registry ------------------------------------------------------------------------------------

def _registry():
    from registry import services

    return services


def _entry(**extra) -> dict:
    return {"kind": "individual", "name": "Lò Thị Hoà", "field_key": "e", **extra}


def _fresh(model, obj):
    return model.objects.get(pk=obj.pk)


def _exemplar(w):
    from registry.models import Exemplar

    return _fresh(Exemplar, w.exemplar_a)


def _registration(w):
    from registry.models import Registration

    return _fresh(Registration, w.registration_a)


def _apply_import(w):
    from registry.io.parsed import ParsedEntry, ParsedForm
    from registry.services.form_import import apply_import

    parsed = ParsedForm(entries=[ParsedEntry("individual", 1, "Lò Thị Hoà", "e", {})],
                        sections=["individual"])
    return lambda actor: apply_import(registration=_registration(w), parsed=parsed,
                                      acting_user=actor, allow_delete=True)


def _confirm_staged(w):
    from registry.import_flow import STAGING_PURPOSE, confirm_staged
    from registry.io.document import registration_document
    from registry.io.export import render_document
    from uploads import staging

    registration = _registration(w)
    data = render_document(registration_document(registration), "xlsx")
    # The unit officer's own preview; a refused actor is refused before the token is read.
    token = staging.stage(name="bieu.xlsx", data=data, user_id=w.users["officer_a"].pk,
                          purpose=STAGING_PURPOSE, object_id=registration.pk,
                          version=registration.version)
    return lambda actor: confirm_staged(registration=_registration(w), token=token,
                                        acting_user=actor)


def _preview_from_file(w):
    from registry.home_import import preview_from_file
    from tests.registry_io.helpers import form_sheet

    # Unit A's form: unit B's officer is refused as another unit's (NotYourUnit), the roles
    # that register for no unit before the file is read.
    data = form_sheet([[1, "Lò Thị Hoà", "", "k", "", ""]], unit=w.unit_a.name)
    return lambda actor: preview_from_file(name="bieu.xlsx", data=data, acting_user=actor)


def _attach_signed_form(w):
    from registry.signatures import attach_signed_form
    from tests.registry_signed.pdfs import blank_pdf

    data = blank_pdf()
    return lambda actor: attach_signed_form(
        registration=_registration(w), acting_user=actor,
        uploaded_file=SimpleUploadedFile("bieu-da-ky.pdf", data, "application/pdf"))


REGISTRY = {
    "registry.create_registration": Case(
        lambda w: lambda actor: _registry().create_registration(
            campaign=w.campaign, unit=w.unit_a, acting_user=actor),
        refused=("head_a", "officer_b", "standing", "council"), allowed="officer_a"),
    "registry.add_exemplar": Case(
        lambda w: lambda actor: _registry().add_exemplar(
            registration=_registration(w), data=_entry(), acting_user=actor),
        refused=(*UNIT, "standing"), allowed="officer_a"),
    "registry.update_exemplar": Case(
        lambda w: lambda actor: _registry().update_exemplar(
            exemplar=_exemplar(w), data={"position_title": "Bác sĩ"},
            expected_version=_exemplar(w).version, acting_user=actor),
        refused=(*UNIT, "standing"), allowed="officer_a"),
    "registry.remove_exemplar": Case(
        lambda w: lambda actor: _registry().remove_exemplar(
            exemplar=_exemplar(w), expected_version=_exemplar(w).version, acting_user=actor),
        refused=(*UNIT, "standing"), allowed="officer_a"),
    "registry.move_exemplar": Case(
        lambda w: (
            _registry().add_exemplar(registration=_registration(w), data=_entry(),
                                     acting_user=w.users["officer_a"]),
            lambda actor: _registry().move_exemplar(exemplar=_exemplar(w), offset=1,
                                                    acting_user=actor),
        )[1],
        refused=(*UNIT, "standing"), allowed="officer_a"),
    "registry.bulk_add_exemplars": Case(
        lambda w: lambda actor: _registry().bulk_add_exemplars(
            registration=_registration(w), rows=[_entry(), _entry(name="Giàng A Pao")],
            acting_user=actor),
        refused=(*UNIT, "standing"), allowed="officer_a"),
    "registry.update_registration_details": Case(
        lambda w: lambda actor: _registry().update_registration_details(
            registration=_registration(w), signer_name="Đặng Quốc Hùng",
            recipients="Sở Nội vụ", expected_version=_registration(w).version,
            acting_user=actor),
        refused=(*UNIT, "standing"), allowed="officer_a"),
    "registry.transition_registration": Case(
        lambda w: lambda actor: _registry().transition_registration(
            registration=_registration(w), transition="send_for_approval", acting_user=actor),
        refused=(*UNIT, "standing"), allowed="officer_a", checks_in_transaction=True),
    "registry.transition_exemplar": Case(
        lambda w: lambda actor: _registry().transition_exemplar(
            exemplar=_exemplar(w), name="foster", acting_user=actor),
        refused=("officer_a", "head_a", "officer_b", "council"), allowed="standing",
        checks_in_transaction=True),
    "registry.apply_import": Case(_apply_import, refused=(*UNIT, "standing"),
                                  allowed="officer_a"),
    "registry.confirm_staged": Case(_confirm_staged, refused=(*UNIT, "standing"),
                                    allowed="officer_a"),
    "registry.preview_from_file": Case(_preview_from_file,
                                       refused=("head_a", "officer_b", "standing", "council",
                                                "national"), allowed="officer_a"),
    "registry.attach_signed_form": Case(_attach_signed_form,
                                        refused=("officer_a", "officer_b", "standing", "council"),
                                        allowed="head_a"),
}


# --- evaluation ----------------------------------------------------------------------------------

def _evaluation():
    from evaluation import services

    return services


RATING = {"year": 2024, "level": "tot"}
EVIDENCE_REFUSED = ("head_a", "officer_b", "council")


def _remove_evidence(w):
    # Entered by the unit's officer: a row the standing office entered is its own to remove.
    row = _evaluation().add_evidence(exemplar=w.exemplar_a, kind="ratings", values=RATING,
                                     acting_user=w.users["officer_a"])
    return lambda actor: _evaluation().remove_evidence(exemplar=w.exemplar_a, kind="ratings",
                                                       row_id=row.pk, acting_user=actor)


def _ratings_file() -> bytes:
    from uploads.tables import xlsx_bytes

    return xlsx_bytes("Xếp loại", ["Họ và tên", "Năm", "Xếp loại"],
                      [["Đặng Thị Mai", 2024, "tot"]])


def _rating_import(function_name: str):
    def prepare(w):
        data = _ratings_file()
        function = getattr(_evaluation(), function_name)
        return lambda actor: function(registration=_registration(w), filename="xl.xlsx",
                                      data=data, acting_user=actor)
    return prepare


def _published_list(function_name: str):
    def prepare(w):
        from evaluation import lists
        from uploads.tables import xlsx_bytes

        data = xlsx_bytes("Phụ lục", ["STT", "Tên cơ quan, đơn vị", "Chỉ số (%)"],
                          [[1, "Sở Y tế Thử", "88,25"]])
        function = getattr(lists, function_name)
        return lambda actor: function(filename="par.xlsx", data=data, kind="par_index",
                                      year=2024, acting_user=actor)
    return prepare


EVALUATION = {
    "evaluation.preview_list": Case(_published_list("preview_list"),
                                    refused=("officer_a", "head_a", "officer_b", "council"),
                                    allowed="standing"),
    "evaluation.apply_list": Case(_published_list("apply_list"),
                                  refused=("officer_a", "head_a", "officer_b", "council"),
                                  allowed="standing"),
    "evaluation.add_evidence": Case(
        lambda w: lambda actor: _evaluation().add_evidence(
            exemplar=w.exemplar_a, kind="ratings", values=RATING, acting_user=actor),
        refused=EVIDENCE_REFUSED, allowed="officer_a"),
    "evaluation.declare_provided": Case(
        lambda w: lambda actor: _evaluation().declare_provided(
            exemplar=w.exemplar_a, kind="recognitions", acting_user=actor),
        refused=EVIDENCE_REFUSED, allowed="officer_a"),
    "evaluation.remove_evidence": Case(_remove_evidence, refused=EVIDENCE_REFUSED,
                                       allowed="officer_a"),
    "evaluation.set_rated": Case(
        lambda w: lambda actor: _evaluation().set_rated(
            exemplar=w.exemplar_a, rated=True, acting_user=actor),
        refused=EVIDENCE_REFUSED, allowed="standing"),
    "evaluation.attach_proof": Case(
        lambda w: lambda actor: _evaluation().attach_proof(
            exemplar=w.exemplar_a, upload=SimpleUploadedFile("qd.pdf", b"%PDF-1.4 quyet dinh"),
            acting_user=actor),
        refused=EVIDENCE_REFUSED, allowed="officer_a"),
    "evaluation.record_judgement": Case(
        lambda w: lambda actor: _evaluation().record_judgement(
            exemplar=w.exemplar_a, criterion_code="G1", passed=True, note="",
            acting_user=actor),
        refused=("officer_a", "head_a", "officer_b"), allowed="council"),
    "evaluation.preview_rating_import": Case(_rating_import("preview_rating_import"),
                                             refused=EVIDENCE_REFUSED, allowed="officer_a"),
    "evaluation.apply_rating_import": Case(_rating_import("apply_rating_import"),
                                           refused=EVIDENCE_REFUSED, allowed="officer_a"),
}


# --- guidance ------------------------------------------------------------------------------------

def _shipped_pack():
    from guidance.loading import read_pack_file, shipped_pack_path

    return read_pack_file(shipped_pack_path())


def _save_campaign(w):
    from guidance.models import Campaign
    from guidance.services import save_campaign

    def call(actor):
        campaign = Campaign.objects.get(pk=w.campaign.pk)
        campaign.name = "Đợt thi đua đã đổi tên"
        return save_campaign(campaign=campaign, changed=["name"], acting_user=actor)
    return call


def _ensure_campaign(w):
    from guidance.loading import REFERENCE_CAMPAIGN
    from guidance.services import ensure_campaign

    return lambda actor: ensure_campaign(values=REFERENCE_CAMPAIGN, pack=w.campaign.pack,
                                         acting_user=actor)


def _upsert_pack(w):
    from guidance.services import upsert_pack

    pack = _shipped_pack()
    return lambda actor: upsert_pack(pack=pack, acting_user=actor)


def _load_pack(w):
    from guidance.loading import load_pack, shipped_pack_path

    return lambda actor: load_pack(shipped_pack_path(), acting_user=actor)


def _ensure_reference_campaign(w):
    from guidance.loading import ensure_reference_campaign

    return lambda actor: ensure_reference_campaign(acting_user=actor)


GUIDANCE = {
    "guidance.upsert_pack": Case(_upsert_pack, refused=MANAGERS_ONLY, allowed="standing"),
    "guidance.ensure_campaign": Case(_ensure_campaign, refused=MANAGERS_ONLY, allowed="standing"),
    "guidance.save_campaign": Case(_save_campaign, refused=MANAGERS_ONLY, allowed="standing"),
    "guidance.load_pack": Case(_load_pack, refused=MANAGERS_ONLY, allowed="standing"),
    "guidance.ensure_reference_campaign": Case(_ensure_reference_campaign,
                                               refused=MANAGERS_ONLY, allowed="standing"),
}


# --- orgs ----------------------------------------------------------------------------------------

def _units():
    from orgs import services

    return services


def _new_unit(w):
    """A new unit under the world's province (a standing office adds units to its own
    province only; a new province is a superuser's)."""
    from orgs.models import Unit, UnitType

    return Unit(code="TTYT-TD", name="Trung tâm Y tế huyện Tam Đường", parent=w.unit_a.parent,
                unit_type=UnitType.AGENCY, valid_from=datetime.date(2000, 1, 1))


def _pair():
    from tests.factories import UnitFactory

    return (UnitFactory(valid_to=datetime.date(2025, 2, 28)),
            UnitFactory(valid_from=datetime.date(2025, 3, 1)))


def _link_successor(w):
    from orgs.models import SuccessionKind

    old, new = _pair()
    return lambda actor: _units().link_successor(
        predecessor=old, successor=new, kind=SuccessionKind.MERGED,
        effective_on=datetime.date(2025, 3, 1), acting_user=actor)


def _unlink_successor(w):
    from orgs.models import SuccessionKind

    old, new = _pair()
    link = _units().link_successor(predecessor=old, successor=new, kind=SuccessionKind.MERGED,
                                   effective_on=datetime.date(2025, 3, 1), acting_user=None)
    return lambda actor: _units().unlink_successor(succession=link, acting_user=actor)


def _save_emulation_block(w):
    from orgs.models import EmulationBlock

    return lambda actor: _units().save_emulation_block(
        block=EmulationBlock(code="K9", name="Khối thi đua số 9",
                             valid_from=datetime.date(2020, 1, 1)), acting_user=actor)


ORGS = {
    "orgs.save_unit": Case(lambda w: lambda actor: _units().save_unit(unit=_new_unit(w),
                                                                      acting_user=actor),
                           refused=MANAGERS_ONLY, allowed="standing"),
    "orgs.link_successor": Case(_link_successor, refused=MANAGERS_ONLY, allowed="standing"),
    "orgs.unlink_successor": Case(_unlink_successor, refused=MANAGERS_ONLY, allowed="standing"),
    "orgs.save_emulation_block": Case(_save_emulation_block, refused=MANAGERS_ONLY,
                                      allowed="standing"),
}

def _pack_move(function_name: str, **extra):
    def prepare(w):
        from evaluation import pack_move
        from guidance.models import Campaign, GuidancePack

        record = w.campaign.pack
        target = GuidancePack.objects.create(
            code=record.code, version=2, title=record.title, issued_on=record.issued_on,
            valid_from=record.valid_from, content=record.content, checksum=record.checksum)
        function = getattr(pack_move, function_name)
        return lambda actor: function(campaign=Campaign.objects.get(pk=w.campaign.pk),
                                      pack=target, acting_user=actor, **extra)
    return prepare


PACK_MOVE = {
    "evaluation.preview_campaign_move": Case(
        _pack_move("preview_campaign_move"),
        refused=("officer_a", "head_a", "officer_b", "standing", "council"), allowed="admin"),
    "evaluation.move_campaign_to_version": Case(
        _pack_move("move_campaign_to_version", reason="Bộ hướng dẫn sửa đổi"),
        refused=("officer_a", "head_a", "officer_b", "standing", "council"), allowed="admin"),
}

def _issue_token(w):
    from api.models import Origin
    from api.services import issue_token

    # the operator's path (the create_api_token command): a superuser acting for an account
    return lambda actor: issue_token(owner=w.users["officer_a"], name="Cổng tỉnh", scopes="read",
                                     days=1, acting_user=actor, origin=Origin.COMMAND)


def _revoke_token(w):
    from accounts.system import system_actor
    from api.models import Origin
    from api.services import issue_token, revoke_token

    token, _whole = issue_token(owner=w.users["officer_a"], name="Cổng tỉnh", scopes="read",
                                days=1, acting_user=system_actor(), origin=Origin.COMMAND)
    return lambda actor: revoke_token(token=token, acting_user=actor)


API = {
    "api.issue_token": Case(_issue_token, refused=("officer_a", "head_a", "officer_b", "standing",
                                                   "council"), allowed="admin"),
    "api.revoke_token": Case(_revoke_token, refused=("head_a", "officer_b", "standing", "council"),
                             allowed="officer_a"),
}


# --- accounts: one's own second factor is one's own (not even the superuser's); the reset is
# the administrator's -------------------------------------------------------------------------

def _mfa(function_name: str, owner: str, **extra):
    def prepare(w):
        from accounts import mfa

        user = w.users[owner]
        values = {key: value(w) for key, value in extra.items()}
        return lambda actor: getattr(mfa, function_name)(user=user, acting_user=actor, **values)
    return prepare


def _pending_code(w) -> str:
    from accounts import mfa
    from tests.mfa import code_for

    return code_for(mfa.start_enrolment(user=w.users["officer_a"],
                                        acting_user=w.users["officer_a"]))


NOT_OFFICER_A = ("head_a", "officer_b", "standing", "council", "admin")
NOT_OFFICER_B = ("officer_a", "head_a", "standing", "council", "admin")
ACCOUNTS = {
    "accounts.start_enrolment": Case(_mfa("start_enrolment", "officer_a"),
                                     refused=NOT_OFFICER_A, allowed="officer_a"),
    "accounts.confirm_enrolment": Case(_mfa("confirm_enrolment", "officer_a", code=_pending_code),
                                       refused=NOT_OFFICER_A, allowed="officer_a"),
    "accounts.regenerate_recovery_codes": Case(_mfa("regenerate_recovery_codes", "officer_b"),
                                               refused=NOT_OFFICER_B, allowed="officer_b"),
    "accounts.disable": Case(_mfa("disable", "officer_b"), refused=NOT_OFFICER_B,
                             allowed="officer_b"),
    "accounts.reset_devices": Case(_mfa("reset_devices", "officer_b"),
                                   refused=("officer_a", "head_a", "officer_b", "standing",
                                            "council"), allowed="admin"),
}


# --- urging: the standing office (and the administrator) sends reminders and edits templates ---

NOT_STANDING = ("officer_a", "head_a", "officer_b", "council")


def _urging(function_name: str, **values):
    def prepare(w):
        import datetime

        from registry.models import Registration
        from urging import services

        Registration.objects.filter(pk=w.registration_b.pk).update(state="returned")
        extra = {"campaign": w.campaign} if function_name != "save_template" else {}
        extra.update({k: v(w) if callable(v) else v for k, v in values.items()})
        if function_name == "save_template":
            extra["valid_from"] = datetime.date(2026, 1, 1)
        return lambda actor: getattr(services, function_name)(acting_user=actor, **extra)
    return prepare


URGING = {
    "urging.send_reminders": Case(_urging("send_reminders", reason="returned"),
                                  refused=NOT_STANDING, allowed="standing"),
    "urging.save_template": Case(_urging("save_template", reason="returned", subject="Nhắc {don_vi}",
                                         body="Đề nghị {don_vi} gửi lại trước {han}."),
                                 refused=NOT_STANDING, allowed="standing"),
    "urging.save_schedule": Case(_urging("save_schedule", offsets=[-7, 1], reasons=["returned"]),
                                 refused=NOT_STANDING, allowed="standing"),
}

# --- progress ------------------------------------------------------------------------------------

def _progress():
    from progress import services

    return services


# --- fostering -----------------------------------------------------------------------------------

def _fostering():
    from fostering import services

    return services


# --- inspections: the standing office acts; the inspected unit reports on its follow-ups ------

def _inspections():
    from inspections import services

    return services


def _progress_update(w):
    update = _progress().post_update(exemplar=w.exemplar_a, on_date=datetime.date(2026, 3, 1),
                                     text="Đã trồng chè", percent=30,
                                     acting_user=w.users["officer_a"])
    return lambda actor: _progress().withdraw_update(update=update, reason="Nhập nhầm",
                                                     acting_user=actor)


PROGRESS = {
    "progress.post_update": Case(
        lambda w: lambda actor: _progress().post_update(
            exemplar=w.exemplar_a, on_date=datetime.date(2026, 3, 1), text="Đã trồng chè",
            percent=30, uploads=[SimpleUploadedFile("bc.pdf", b"%PDF-1.4 bao cao")],
            acting_user=actor),
        refused=("officer_b", "standing", "council"), allowed="head_a"),
    "progress.withdraw_update": Case(_progress_update, refused=("head_a", "officer_b", "standing",
                                                                "council"),
                                     allowed="officer_a", checks_in_transaction=False),
    "progress.save_settings": Case(
        lambda w: lambda actor: _progress().save_settings(campaign=w.campaign,
                                                          stale_after_days=14,
                                                          acting_user=actor),
        refused=("officer_a", "head_a", "officer_b", "council"), allowed="standing"),
}


def _planned_inspection(w):
    from tests.inspections.helpers import planned

    return planned(w)


def _busy_inspection(w):
    from tests.inspections.helpers import with_follow_up

    return with_follow_up(w)


INSPECTION_DATA = {"title": "Kiểm tra công tác thi đua", "scope": "Điển hình tiên tiến.",
                   "start_on": datetime.date(2026, 3, 10)}
NOT_STANDING = ("officer_a", "head_a", "officer_b", "council")


def _update_inspection(w):
    inspection = _planned_inspection(w)
    return lambda actor: _inspections().update_inspection(
        inspection=inspection, data=INSPECTION_DATA, units=[w.unit_a], acting_user=actor)


def _transition_inspection(w):
    inspection = _planned_inspection(w)
    return lambda actor: _inspections().transition_inspection(
        inspection=inspection, name="start_inspection", acting_user=actor)


def _add_finding(w):
    inspection = _planned_inspection(w)
    return lambda actor: _inspections().add_finding(
        inspection=inspection, unit=w.unit_a, kind="positive", text="Hồ sơ đầy đủ.",
        exemplar=w.exemplar_a, acting_user=actor)


def _remove_finding(w):
    from inspections.models import Finding

    inspection, _follow_up = _busy_inspection(w)
    finding = Finding.objects.get(inspection=inspection)
    return lambda actor: _inspections().remove_finding(finding=finding, acting_user=actor)


def _set_conclusions(w):
    inspection = _planned_inspection(w)
    return lambda actor: _inspections().set_conclusions(
        inspection=inspection, conclusion="Thực hiện tốt.", unit_conclusions={w.unit_a.pk: "Tốt"},
        acting_user=actor)


def _add_follow_up(w):
    inspection = _planned_inspection(w)
    return lambda actor: _inspections().add_follow_up(
        inspection=inspection, unit=w.unit_a, action="Bổ sung hồ sơ.", owner_name="Phó Giám đốc",
        deadline=datetime.date(2026, 5, 1), acting_user=actor)


def _report_follow_up(w):
    _inspection, follow_up = _busy_inspection(w)
    return lambda actor: _inspections().transition_follow_up(
        follow_up=follow_up, name="report_follow_up_done", note="Đã xong", acting_user=actor)


INSPECTIONS = {
    "inspections.create_inspection": Case(
        lambda w: lambda actor: _inspections().create_inspection(
            data=INSPECTION_DATA, units=[w.unit_a], acting_user=actor),
        refused=NOT_STANDING, allowed="standing"),
    "inspections.update_inspection": Case(_update_inspection, refused=NOT_STANDING,
                                          allowed="standing"),
    "inspections.transition_inspection": Case(_transition_inspection, refused=NOT_STANDING,
                                              allowed="standing"),
    "inspections.add_finding": Case(_add_finding, refused=NOT_STANDING, allowed="standing"),
    "inspections.remove_finding": Case(_remove_finding, refused=NOT_STANDING, allowed="standing"),
    "inspections.set_conclusions": Case(_set_conclusions, refused=NOT_STANDING,
                                        allowed="standing"),
    "inspections.add_follow_up": Case(_add_follow_up, refused=NOT_STANDING, allowed="standing"),
    "inspections.transition_follow_up": Case(_report_follow_up,
                                             refused=("officer_b", "standing", "council"),
                                             allowed="officer_a"),
}


def _fplan(w):
    from fostering.models import FosteringPlan

    plan = _fostering().create_plan(campaign=w.campaign, unit=w.unit_a,
                                    acting_user=w.users["officer_a"])
    return FosteringPlan.objects.get(pk=plan.pk)


def _fnow(w):
    """The plan as stored now (no write: the calls under test must not create it)."""
    from fostering.models import FosteringPlan

    return FosteringPlan.objects.get(campaign=w.campaign, unit=w.unit_a)


def _fitem(w):
    return _fnow(w).items.get(exemplar=w.exemplar_a)


_DUE = datetime.date(2026, 9, 30)
PLAN_UNIT = ("head_a", "officer_b", "standing", "council")  # outside the officer's writes


def _fplan_entry(w):
    plan = _fplan(w)
    action = _fostering().add_action(plan=plan, item=_fitem(w), helper="Phòng Tổ chức",
                                     content="Tập huấn", due_on=_DUE,
                                     expected_version=plan.version,
                                     acting_user=w.users["officer_a"])
    return lambda actor: _fostering().remove_plan_entry(
        plan=_fnow(w), kind="action", entry_id=action.pk,
        expected_version=_fnow(w).version, acting_user=actor)


def _fplan_done(w):
    services = _fostering()
    plan = _fplan(w)
    milestone = services.add_milestone(plan=plan, item=_fitem(w), title="Sơ kết", due_on=_DUE,
                                       expected_version=plan.version,
                                       acting_user=w.users["officer_a"])
    services.transition_plan(plan=_fplan(w), name="submit_plan", acting_user=w.users["officer_a"])
    services.transition_plan(plan=_fplan(w), name="approve_plan", acting_user=w.users["head_a"])
    return lambda actor: services.mark_done(plan=_fnow(w), kind="milestone",
                                            entry_id=milestone.pk, acting_user=actor)


FOSTERING = {
    "fostering.create_plan": Case(
        lambda w: lambda actor: _fostering().create_plan(
            campaign=w.campaign, unit=w.unit_a, acting_user=actor),
        refused=PLAN_UNIT, allowed="officer_a"),
    "fostering.update_plan": Case(
        lambda w: (_fplan(w), lambda actor: _fostering().update_plan(
            plan=_fnow(w), sector_criteria="Tận tụy", expected_version=_fnow(w).version,
            acting_user=actor))[1],
        refused=PLAN_UNIT, allowed="officer_a"),
    "fostering.save_item": Case(
        lambda w: (_fplan(w), lambda actor: _fostering().save_item(
            plan=_fnow(w), exemplar=w.exemplar_a, responsible="Trưởng khoa", notes="",
            expected_version=_fnow(w).version, acting_user=actor))[1],
        refused=PLAN_UNIT, allowed="officer_a"),
    "fostering.add_action": Case(
        lambda w: (_fplan(w), lambda actor: _fostering().add_action(
            plan=_fnow(w), item=_fitem(w), helper="Phòng Tổ chức", content="Tập huấn",
            due_on=_DUE, expected_version=_fnow(w).version, acting_user=actor))[1],
        refused=PLAN_UNIT, allowed="officer_a"),
    "fostering.add_milestone": Case(
        lambda w: (_fplan(w), lambda actor: _fostering().add_milestone(
            plan=_fnow(w), item=_fitem(w), title="Sơ kết", due_on=_DUE,
            expected_version=_fnow(w).version, acting_user=actor))[1],
        refused=PLAN_UNIT, allowed="officer_a"),
    "fostering.remove_plan_entry": Case(_fplan_entry, refused=PLAN_UNIT, allowed="officer_a"),
    "fostering.mark_done": Case(_fplan_done, refused=("officer_b", "standing", "council"),
                                allowed="head_a"),
    "fostering.transition_plan": Case(
        lambda w: (_fplan(w), lambda actor: _fostering().transition_plan(
            plan=_fnow(w), name="submit_plan", acting_user=actor))[1],
        refused=PLAN_UNIT, allowed="officer_a", checks_in_transaction=True),
}


# --- awards: the standing office keeps the catalogues and the history (awards/rules.py) ------------

def _awards():
    from awards import services

    return services


def _award_call(build):
    def prepare(w):
        from tests.awards import access

        access.subject(w)  # loads the catalogue (as admin) and links exemplar_a's subject
        return lambda actor: build(w, access, actor)
    return prepare


def _award_import(w, access, actor, apply=False):
    from awards import importing

    service = importing.apply_history_import if apply else importing.preview_history_import
    return service(filename="h.xlsx", data=access.history_sheet(), acting_user=actor)


AWARDS = {
    "awards.load_catalogue": Case(
        lambda w: lambda actor: _awards().load_catalogue(acting_user=actor),
        refused=NOT_STANDING, allowed="standing"),
    "awards.save_catalogue_entry": Case(_award_call(
        lambda w, a, actor: _awards().save_catalogue_entry(
            catalogue="forms", values={"code": "gk-so", "name": "Giấy khen của Sở",
                                       "valid_from": datetime.date(2024, 1, 1)},
            acting_user=actor)), refused=NOT_STANDING, allowed="standing"),
    "awards.close_catalogue_entry": Case(_award_call(
        lambda w, a, actor: _awards().close_catalogue_entry(
            catalogue="forms", entry=a.catalogue(w), valid_to=datetime.date(2026, 6, 30),
            acting_user=actor)), refused=NOT_STANDING, allowed="standing"),
    "awards.enter_record": Case(_award_call(
        lambda w, a, actor: _awards().enter_record(
            subject=a.subject(w), form=a.catalogue(w), year=2024, decision_number="1/QĐ-UBND",
            decision_date=a.DECIDED, issuer="Chủ tịch UBND tỉnh", acting_user=actor)),
        refused=NOT_STANDING, allowed="standing"),
    "awards.create_subject": Case(_award_call(
        lambda w, a, actor: _awards().create_subject(
            kind="collective", name="Trạm Y tế Thử", unit=w.unit_a, acting_user=actor)),
        refused=NOT_STANDING, allowed="standing"),
    "awards.preview_history_import": Case(_award_call(_award_import), refused=NOT_STANDING,
                                          allowed="standing"),
    "awards.apply_history_import": Case(_award_call(
        lambda w, a, actor: _award_import(w, a, actor, apply=True)), refused=NOT_STANDING,
        allowed="standing"),
}

# --- council (tests/council/helpers: the standing office user is the secretary seat, the council
# user a member seat; both present) -------------------------------------------------------------

def _council_case(make_call):
    def prepare(w):
        from tests.council.helpers import build_council

        return make_call(w, build_council(w))
    return prepare


def _council_item(c, *, open_vote=False):
    from council import services
    from council.models import AgendaItem
    from tests.council.helpers import held_meeting

    item = AgendaItem.objects.get(meeting=held_meeting(c), position=2)
    if open_vote:
        item = services.open_vote(item=item, acting_user=c.voters["secretary"])
    return item


def _council_calls():
    from council import services as s
    from tests.council.helpers import DAY, START, held_meeting

    member = dict(full_name="Lò Văn Bảy", role="member", valid_from=START)
    return {
        "council.add_member": lambda w, c: lambda actor: s.add_member(**member,
                                                                       acting_user=actor),
        "council.update_member": lambda w, c: lambda actor: s.update_member(
            member=c.seats["member_x"], **member, acting_user=actor),
        "council.end_member": lambda w, c: lambda actor: s.end_member(
            member=c.seats["member_x"], valid_to=DAY, acting_user=actor),
        "council.create_meeting": lambda w, c: lambda actor: s.create_meeting(
            title="Phiên họp", held_on=DAY, acting_user=actor),
        "council.update_meeting": lambda w, c: (lambda m: lambda actor: s.update_meeting(
            meeting=m, title="Đổi tên", held_on=DAY, expected_version=m.version,
            acting_user=actor))(held_meeting(c)),
        "council.set_agenda": lambda w, c: (lambda m: lambda actor: s.set_agenda(
            meeting=m, items=c.items[:1], acting_user=actor))(held_meeting(c)),
        "council.set_attendance": lambda w, c: (lambda m: lambda actor: s.set_attendance(
            meeting=m, present=[c.seats["chair"]], acting_user=actor))(held_meeting(c)),
        "council.declare_conflict": lambda w, c: (lambda i: lambda actor: s.declare_conflict(
            item=i, member=c.seats["chair"], reason="Người thân", acting_user=actor))(
            _council_item(c)),
        "council.open_vote": lambda w, c: (lambda i: lambda actor: s.open_vote(
            item=i, acting_user=actor))(_council_item(c)),
        "council.cast_ballot": lambda w, c: (lambda i: lambda actor: s.cast_ballot(
            item=i, choice="approve", acting_user=actor))(_council_item(c, open_vote=True)),
        "council.close_vote": lambda w, c: (lambda i: lambda actor: s.close_vote(
            item=i, acting_user=actor))(_council_item(c, open_vote=True)),
        "council.close_meeting": lambda w, c: (lambda m: lambda actor: s.close_meeting(
            meeting=m, acting_user=actor))(held_meeting(c)),
    }


_COUNCIL_NOT_MANAGERS = ("officer_a", "head_a", "council")
_COUNCIL_ROLES = {"council.cast_ballot": (("officer_a", "head_a", "officer_b"), "council")}
COUNCIL = {name: Case(_council_case(make), *_COUNCIL_ROLES.get(
    name, (_COUNCIL_NOT_MANAGERS, "standing"))) for name, make in _council_calls().items()}

# --- decisions: the standing office drafts, edits, issues, attaches and revokes -------------------

def _decisions():
    from decisions import services

    return services


def _ddraft(w, count=1):
    from decisions.models import Decision
    from tests.decisions.helpers import draft

    return Decision.objects.get(pk=draft(w, count).pk)


def _dissued(w):
    from decisions.models import Decision
    from tests.decisions.helpers import ISSUED_ON

    d = _decisions().issue_decision(decision=_ddraft(w), issued_on=ISSUED_ON,
                                    acting_user=w.users["standing"])
    return Decision.objects.get(pk=d.pk)


def _dnew(w):
    from tests.decisions.helpers import authority, passed_items

    province, items = authority(), passed_items(w, 1)
    return lambda actor: _decisions().create_draft(authority=province, items=items,
                                                   signer_name="Lê Văn Lương", acting_user=actor)


def _dremove(w):
    d = _ddraft(w, 2)
    entry = d.entries.last()
    return lambda actor: _decisions().remove_entry(decision=d, entry_id=entry.pk,
                                                   expected_version=d.version, acting_user=actor)


def _dattach(w):
    from tests.registry_signed.pdfs import blank_pdf

    d = _dissued(w)
    return lambda actor: _decisions().attach_signed_decision(
        decision=d, uploaded_file=SimpleUploadedFile("qd.pdf", blank_pdf(b"Quyet dinh"),
                                                     "application/pdf"), acting_user=actor)


NOT_STANDING_DEC = ("officer_a", "head_a", "officer_b", "council")
DECISIONS = {
    "decisions.create_draft": Case(_dnew, refused=NOT_STANDING_DEC, allowed="standing"),
    "decisions.update_draft": Case(
        lambda w: (lambda d: lambda actor: _decisions().update_draft(
            decision=d, expected_version=d.version, subject="Về việc công nhận",
            acting_user=actor))(_ddraft(w)),
        refused=NOT_STANDING_DEC, allowed="standing"),
    "decisions.remove_entry": Case(_dremove, refused=NOT_STANDING_DEC, allowed="standing"),
    "decisions.delete_draft": Case(
        lambda w: (lambda d: lambda actor: _decisions().delete_draft(
            decision=d, acting_user=actor))(_ddraft(w)),
        refused=NOT_STANDING_DEC, allowed="standing"),
    "decisions.issue_decision": Case(
        lambda w: (lambda d: lambda actor: _decisions().issue_decision(
            decision=d, issued_on=datetime.date(2026, 11, 20), acting_user=actor))(_ddraft(w)),
        refused=NOT_STANDING_DEC, allowed="standing"),
    "decisions.revoke_decision": Case(
        lambda w: (lambda d: lambda actor: _decisions().revoke_decision(
            decision=d, reason="Kê khai không trung thực", legal_basis="Điều 94",
            acting_user=actor))(_dissued(w)),
        refused=NOT_STANDING_DEC, allowed="standing"),
    "decisions.attach_signed_decision": Case(_dattach, refused=NOT_STANDING_DEC,
                                             allowed="standing"),
}

CASES: dict[str, Case] = {**REGISTRY, **EVALUATION, **PACK_MOVE, **GUIDANCE, **ORGS, **API,
                          **ACCOUNTS, **PROGRESS, **INSPECTIONS, **URGING, **FOSTERING,
                          **AWARDS, **COUNCIL, **DECISIONS}
# proposals (tests/proposals/access.py)
_proposals = __import__("tests.proposals.access", fromlist=["service_cases"])
CASES |= _proposals.service_cases(Case)
EXEMPT |= _proposals.SERVICE_EXEMPT
# discovery (tests/discovery/access.py)
_discovery = __import__("tests.discovery.access", fromlist=["service_cases"])
CASES |= _discovery.service_cases(Case)
EXEMPT |= _discovery.SERVICE_EXEMPT
# propagation (tests/propagation/access.py)
CASES |= __import__("tests.propagation.access", fromlist=["service_cases"]).service_cases(Case)
CASES |= __import__("tests.replication.access", fromlist=["service_cases"]).service_cases(Case)
# publication (tests/publication/access.py)
CASES |= __import__("tests.publication.access", fromlist=["service_cases"]).service_cases(Case)
# reviews: the report (tests/reviews/report_helpers.py)
CASES |= __import__("tests.reviews.report_helpers", fromlist=["service_cases"]).service_cases(Case)

# reviews (tests/reviews/access.py)
CASES |= __import__("tests.reviews.access", fromlist=["service_cases"]).service_cases(Case)

# exports: background exports (tests/exports/access.py)
CASES |= __import__("tests.exports.access", fromlist=["service_cases"]).service_cases(Case)

# --- the enumeration -----------------------------------------------------------------------------

def _project_modules():
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)) or "site-packages" in config.path:
            continue  # a third-party app (named in Vietnamese by accounts.vendor_apps)
        yield config.module
        if not hasattr(config.module, "__path__"):
            continue
        for info in pkgutil.walk_packages(config.module.__path__, prefix=f"{config.name}."):
            if ".migrations" in info.name or ".tests" in info.name:
                continue
            yield importlib.import_module(info.name)


def services_taking_acting_user() -> set[str]:
    """``<app>.<function>`` for every public function defined in a project app that takes an
    ``acting_user`` — wherever it lives (``services.py``, ``services/<subject>.py``, …)."""
    found = set()
    for module in _project_modules():
        for name, function in vars(module).items():
            if (name.startswith("_") or not inspect.isfunction(function)
                    or function.__module__ != module.__name__):
                continue
            if "acting_user" in inspect.signature(function).parameters:
                found.add(f"{module.__name__.split('.')[0]}.{name}")
    return found


def test_every_service_has_a_refusal_case():
    found = services_taking_acting_user()
    missing = found - set(CASES) - set(EXEMPT)
    stale = (set(CASES) | set(EXEMPT)) - found
    assert not missing, f"write services without a refusal case in CASES: {sorted(missing)}"
    assert not stale, f"cases for services that no longer exist: {sorted(stale)}"


def test_the_enumeration_finds_services_in_modules_and_packages():
    found = services_taking_acting_user()
    assert {"registry.add_exemplar", "registry.attach_signed_form", "evaluation.add_evidence",
            "guidance.upsert_pack", "orgs.save_unit"} <= found


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

# The national role (Ban Thi đua - Khen thưởng Trung ương, docs/roles.md) reads every province
# and writes nothing provincial: every service refuses it, but these (its own account).
# Asking for a background export is a read of the page it comes from (the compiled list, the
# evaluation table), which the national role may read.
NATIONAL_MAY = frozenset({"exports.request_export"})


def _refused(name: str, case: Case) -> tuple[str, ...]:
    return (*case.refused, *(() if name in NATIONAL_MAY or case.allowed == "national"
                             else ("national",)))


def _forbidden(case: Case) -> tuple[str, ...]:
    return WRITES if case.checks_in_transaction else (*WRITES, "SAVEPOINT")


@contextmanager
def _rolled_back():
    point = transaction.savepoint_create()
    try:
        yield
    finally:
        transaction.savepoint_rollback(point)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_actor_changes_nothing(world, name):  # noqa: F811
    case = CASES[name]
    assert case.allowed not in case.refused
    for role in _refused(name, case):
        with _rolled_back():
            call = case.prepare(world)
            before = snapshot()
            with CaptureQueriesContext(connection) as queries, pytest.raises(NotAllowed):
                call(world.users[role])
            after = snapshot()
            assert before == after, (name, role, differences(before, after))
            early = [q["sql"] for q in queries.captured_queries
                     if q["sql"].lstrip().upper().startswith(_forbidden(case))]
            assert not early, (name, role, "refused too late", early)
    with _rolled_back():
        call = case.prepare(world)
        call(world.users[case.allowed])  # the same call is fine for a permitted user
