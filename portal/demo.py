"""A living demo over the real Lai Châu org tree: users of every role and registrations in
every state, all written through the services (so the audit log and history are real)."""

import random

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts import mfa
from accounts.models import Membership, Role
from benchmarks.people import compose_person
from guidance.selectors import open_campaign
from orgs.models import Unit, UnitType
from portal.demo_commendation import COUNCIL_MEMBER_USERS, seed_commendation
from portal.demo_evidence import add_demo_evidence, add_standing_office_record
from portal.demo_fostering import seed_fostering
from portal.demo_inspections import seed_inspections
from portal.demo_lists import seed_published_lists
from portal.demo_progress import seed_progress
from portal.demo_reviews import seed_reviews
from portal.demo_spread import seed_spread
from portal.demo_texts import POSITIONS, PRACTICES, RESIDENCES, SOLUTIONS
from portal.demo_urging import seed_urging
from registry import services
from registry.enums import ExemplarKind, RegistrationState
from registry.models import Exemplar

DEMO_PASSWORD = "DienHinh@2026"
# The privileged demo accounts (they must have a second factor) are pre-enrolled by seed_demo
# with this published key — the RFC 6238 test key "12345678901234567890" — so anyone trying the
# demo can add it to an authenticator app or run `manage.py demo_totp USERNAME`. Only the demo
# seeder does this; every real account enrols itself.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
DEMO_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

# (username, full name, position title, unit name, role)
DEMO_USERS = [
    ("sonoivu", "Lò Thị Hương", "Trưởng phòng Thi đua - Khen thưởng", "Sở Nội vụ tỉnh Lai Châu",
     Role.STANDING_OFFICE),
    # A second standing-office account: publications are approved by another person (four eyes).
    ("sonoivu2", "Vàng Thị Sinh", "Chuyên viên Phòng Thi đua - Khen thưởng",
     "Sở Nội vụ tỉnh Lai Châu", Role.STANDING_OFFICE),
    ("hoidong", "Nguyễn Văn Thành", "Phó Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Lai Châu",
     Role.COUNCIL_MEMBER),
    ("syt.canbo", "Tòng Thị Mai", "Chuyên viên Văn phòng Sở", "Sở Y tế tỉnh Lai Châu", Role.UNIT_OFFICER),
    ("syt.thutruong", "Đặng Quốc Hùng", "Giám đốc Sở", "Sở Y tế tỉnh Lai Châu", Role.UNIT_HEAD),
    ("sgd.canbo", "Giàng Thị Dợ", "Chuyên viên", "Sở Giáo dục và Đào tạo tỉnh Lai Châu", Role.UNIT_OFFICER),
    ("sgd.thutruong", "Phạm Minh Đức", "Giám đốc Sở", "Sở Giáo dục và Đào tạo tỉnh Lai Châu", Role.UNIT_HEAD),
    ("binhlu.canbo", "Lường Văn Thắng", "Công chức Văn phòng - Thống kê", "Xã Bình Lư",
     Role.UNIT_OFFICER),
    ("binhlu.thutruong", "Lò Văn Dũng", "Chủ tịch UBND xã", "Xã Bình Lư", Role.UNIT_HEAD),
    ("doanket.canbo", "Vũ Thị Thu Trang", "Công chức Văn phòng - Thống kê", "Phường Đoàn Kết",
     Role.UNIT_OFFICER),
    ("doanket.thutruong", "Hoàng Văn Sơn", "Chủ tịch UBND phường", "Phường Đoàn Kết",
     Role.UNIT_HEAD),
    # Members of the council (Hội đồng Thi đua - Khen thưởng tỉnh) besides its chair and secretary.
    *COUNCIL_MEMBER_USERS,
    # The central committee: reads every province (a province filter on the overview, the
    # compiled list, the reviews and search), writes nothing provincial.
    ("trunguong", "Trần Minh Khôi", "Chuyên viên Ban Thi đua - Khen thưởng Trung ương",
     "Ban Thi đua - Khen thưởng Trung ương", Role.NATIONAL_OFFICE),
]
# The central committee's unit: outside every province, with no registration quota (not an
# "agency" of the province, so no overview lists it as a unit that must register).
NATIONAL_UNIT = ("TW-BTDKT", "Ban Thi đua - Khen thưởng Trung ương", UnitType.SUBORDINATE)
# The demo accounts whose role requires a second factor: pre-enrolled with DEMO_TOTP_KEY.
DEMO_ENROLLED = ("quantri", *(u for u, *_rest, role in DEMO_USERS
                              if role in (Role.STANDING_OFFICE, Role.COUNCIL_MEMBER,
                                          Role.SYSTEM_ADMIN, Role.NATIONAL_OFFICE)))

# Unit name → (target state, fields to register in, entries per kind)
DEMO_REGISTRATIONS = [
    ("Sở Y tế tỉnh Lai Châu", "awaiting_approval", ["e", "k"], {"collective": 2, "individual": 3}),
    ("Sở Giáo dục và Đào tạo tỉnh Lai Châu", "received", ["f", "g"], {"collective": 2, "individual": 4}),
    ("Xã Bình Lư", "draft", ["d1", "d2", "k"],
     {"collective": 1, "individual": 0, "household": 1, "model": 1}),
    ("Phường Đoàn Kết", "returned", ["k", "h", "c2"],
     {"collective": 1, "individual": 2, "model": 1}),
    ("Phường Tân Phong", "submitted", ["k", "f"], {"collective": 1, "individual": 2}),
    ("Xã Sìn Hồ", "received", ["d1", "h"], {"collective": 2, "individual": 2, "model": 2}),
    ("Xã Tả Lèng", "submitted", ["d2", "n"], {"collective": 1, "individual": 1, "household": 2}),
    ("Xã Phong Thổ", "draft", ["b", "d1"], {"collective": 1, "individual": 1}),
    ("Sở Tư pháp tỉnh Lai Châu", "received", ["a", "k"], {"collective": 1, "individual": 2}),
    ("Hội Nông dân tỉnh Lai Châu", "submitted", ["d1", "n"], {"collective": 1, "individual": 1, "household": 2}),
]
_PATHS = {
    "draft": [],
    "awaiting_approval": ["send_for_approval"],
    "submitted": ["send_for_approval", "approve"],
    "received": ["send_for_approval", "approve", "receive"],
    "returned": ["send_for_approval", "approve", "return"],
}
_RETURN_REASON = "Đề nghị bổ sung giải pháp cụ thể cho mô hình và ghi rõ lĩnh vực của cá nhân thứ hai."


def current_unit(name: str) -> Unit:
    unit = Unit.objects.current().filter(name=name).order_by("-valid_from").first()
    if unit is None:
        raise LookupError(f"Không tìm thấy đơn vị “{name}” trong dữ liệu tham chiếu.")
    return unit


def _national_unit() -> Unit:
    from orgs.services import save_unit

    code, name, unit_type = NATIONAL_UNIT
    found = Unit.objects.filter(code=code).first()
    if found is None:
        found = save_unit(unit=Unit(code=code, name=name, unit_type=unit_type,
                                    category="cơ quan Trung ương"), acting_user=None)
    return found


def demo_is_loaded() -> bool:
    return get_user_model().objects.filter(username="sonoivu").exists()


def _make_user(username: str, full_name: str, position: str, *, superuser: bool = False):
    user_model = get_user_model()
    user = user_model(username=username, full_name=full_name, position_title=position,
                      email=f"{username}@laichau.gov.vn", is_staff=superuser,
                      is_superuser=superuser)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _pre_enrol(user) -> None:
    """The demo's privileged account gets the published demo key, through the services."""
    device = mfa.start_enrolment(user=user, acting_user=user)
    device.key = DEMO_TOTP_KEY
    device.save(update_fields=["key"])
    mfa.confirm_enrolment(user=user, acting_user=user, code=_code(device))


def _code(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def demo_code(username: str) -> str | None:
    """The current code of a demo account pre-enrolled with the demo key; None for any other."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if username not in DEMO_ENROLLED:
        return None
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True,
                                       key=DEMO_TOTP_KEY).first()
    return _code(device) if device is not None else None


def _residence(name: str) -> str:
    """A person's residential address, chosen from the name (no draw from the demo's random
    sequence, so every other value stays as it was)."""
    return RESIDENCES[sum(map(ord, name)) % len(RESIDENCES)]


def _entry(rng: random.Random, kind: str, field: str, unit: Unit) -> dict:
    solutions = rng.choice(SOLUTIONS.get(field, SOLUTIONS["a"]))
    if kind == ExemplarKind.INDIVIDUAL:
        person = compose_person(rng)
        positions = POSITIONS["commune" if unit.unit_type == "commune" else "agency"]
        return {"name": person.full_name, "position_title": rng.choice(positions),
                "work_unit": unit.name, "address": _residence(person.full_name),
                "gender": person.gender, "birth_year": person.birth_year,
                "ethnicity": person.ethnicity, "field_key": field, "solutions": solutions}
    if kind == ExemplarKind.HOUSEHOLD:
        person = compose_person(rng)
        title = "ông" if person.gender == "male" else "bà"  # as a form names a household
        return {"name": f"Hộ {title} {person.full_name}", "ethnicity": person.ethnicity,
                "address": f"Bản Nà Luồng, {unit.name}", "field_key": field,
                "solutions": solutions}
    if kind == ExemplarKind.PRACTICE:
        name = rng.choice(PRACTICES.get(field, PRACTICES["d1"]))
        return {"name": name, "address": unit.name, "field_key": field, "solutions": solutions}
    children = list(unit.children.current().values_list("name", flat=True)[:5])
    name = rng.choice(children) if children else rng.choice(
        ["Phòng Kinh tế", "Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội", "Văn phòng Sở",
         "Phòng Tổ chức cán bộ"]
    ) + ("" if children else f", {unit.short_name or unit.name}")
    return {"name": name, "address": unit.address or f"{unit.name}, tỉnh Lai Châu",
            "head_name": compose_person(rng).full_name, "field_key": field,
            "solutions": solutions}


# Exemplars of received registrations taken along their lifecycle, so every state shows:
# (steps, reason and legal basis of the last step); the unit withdraws, the standing office
# takes every other step.
_LIFECYCLE_PATHS = [
    (["foster"], "", ""),
    (["foster", "propose"], "", ""),
    (["foster", "propose", "recognise"], "", ""),
    (["foster", "propose", "not_recognise"],
     "Chưa đủ số năm hoàn thành xuất sắc nhiệm vụ theo tiêu chuẩn chung.", ""),
    (["withdraw"], "Cá nhân đã chuyển công tác sang đơn vị khác.", ""),
    (["foster", "propose", "recognise", "revoke"],
     "Phát hiện kê khai thành tích không đúng sự thật.",
     "Quyết định số 112/QĐ-UBND ngày 15/10/2026 của Chủ tịch UBND tỉnh Lai Châu"),
]


def _demo_lifecycle(*, standing, officer_of) -> None:
    """Move a few exemplars of received registrations through fostering, proposal, decision."""
    exemplars = list(
        Exemplar.objects.filter(registration__state=RegistrationState.RECEIVED)
        .select_related("registration__unit").order_by("registration__unit__code", "position")
    )
    spread = exemplars[::max(1, len(exemplars) // len(_LIFECYCLE_PATHS))]
    for exemplar, (steps, reason, basis) in zip(spread, _LIFECYCLE_PATHS, strict=False):
        for index, step in enumerate(steps):
            final = index == len(steps) - 1
            actor = officer_of(exemplar.registration.unit) if step == "withdraw" else standing
            exemplar = services.transition_exemplar(
                exemplar=exemplar, name=step, acting_user=actor,
                reason=reason if final else "", legal_basis=basis if final else "",
            )


@transaction.atomic
def _demo_export(*, campaign, standing) -> None:
    """A finished background export of the compiled list (every registration) for the standing
    office's "Tệp đang chuẩn bị / đã xong" (kept a day, like any export: docs/exports.md)."""
    from exports import services

    job = services.request_export(kind="registry.compiled_list",
                                  params={"campaign": campaign.code, "state": "all"}, fmt="xlsx",
                                  acting_user=standing)
    services.run_job(job.pk)  # made now; the queued task then finds it done and stops


def seed_demo(*, seed: int = 2533) -> dict[str, int]:
    """Create the demo users and registrations once; later runs change nothing."""
    if demo_is_loaded():
        return {"users": 0, "registrations": 0}
    campaign = open_campaign()
    if campaign is None:
        raise LookupError("Chưa có đợt thi đua đang mở — hãy chạy load_reference_data trước.")
    rng = random.Random(seed)
    users: dict[tuple[str, str], object] = {}
    admin = _make_user("quantri", "Quản trị hệ thống", "Quản trị viên", superuser=True)
    Membership.objects.create(user=admin, unit=current_unit("Sở Nội vụ tỉnh Lai Châu"), role=Role.SYSTEM_ADMIN)
    _national_unit()
    for username, full_name, position, unit_name, role in DEMO_USERS:
        user = _make_user(username, full_name, position)
        if role == Role.STANDING_OFFICE:
            # The standing office edits the agency list and campaigns in the admin pages.
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        unit = current_unit(unit_name)
        Membership.objects.create(user=user, unit=unit, role=role)
        users.setdefault((unit_name, role), user)  # the first of a role per unit acts for it
    for user in get_user_model().objects.filter(username__in=DEMO_ENROLLED):
        _pre_enrol(user)
    standing = users[("Sở Nội vụ tỉnh Lai Châu", Role.STANDING_OFFICE)]
    created = 0
    planned = []
    for unit_name, state, fields, counts in DEMO_REGISTRATIONS:
        unit = current_unit(unit_name)
        officer = users.get((unit_name, Role.UNIT_OFFICER))
        head = users.get((unit_name, Role.UNIT_HEAD))
        if officer is None:
            officer = _make_user(f"demo.{unit.code.lower()}.canbo", compose_person(rng).full_name,
                                 "Cán bộ thi đua - khen thưởng")
            Membership.objects.create(user=officer, unit=unit, role=Role.UNIT_OFFICER)
        if head is None:
            head = _make_user(f"demo.{unit.code.lower()}.thutruong",
                              compose_person(rng).full_name, "Thủ trưởng")
            Membership.objects.create(user=head, unit=unit, role=Role.UNIT_HEAD)
        registration = services.create_registration(campaign=campaign, unit=unit,
                                                    acting_user=officer)
        for kind, number in counts.items():
            for index in range(number):
                field = fields[index % len(fields)]
                services.add_exemplar(registration=registration, acting_user=officer,
                                      data={"kind": kind, **_entry(rng, kind, field, unit)})
        planned.append((registration, state, officer, head))
        created += 1
    # Evidence is the unit's to enter before it sends the registration: once sent it freezes
    # (only the standing office changes it), so the officers enter it while still drafts.
    officers = {m.unit_id: m.user for m in Membership.objects.filter(role=Role.UNIT_OFFICER)
                .select_related("user")}
    add_demo_evidence(officer_of=lambda unit: officers.get(unit.pk), reviewer=standing, rng=rng,
                      registrations=[r.pk for r, state, _o, _h in planned
                                     if state in ("received", "submitted", "awaiting_approval")])
    for registration, state, officer, head in planned:
        actors = {"send_for_approval": officer, "approve": head, "receive": standing,
                  "return": standing}
        for step in _PATHS[state]:
            reason = _RETURN_REASON if step == "return" else ""
            registration = services.transition_registration(
                registration=registration, transition=step, acting_user=actors[step],
                reason=reason,
            )
    add_standing_office_record(standing=standing)
    seed_published_lists(campaign=campaign, standing=standing,
                         officer_of=lambda unit: officers.get(unit.pk), current_unit=current_unit)
    _demo_lifecycle(standing=standing, officer_of=lambda unit: officers.get(unit.pk))
    seed_urging(campaign=campaign, standing=standing)
    seed_progress(officer_of=lambda unit: officers.get(unit.pk))
    seed_inspections(standing=standing, officer_of=lambda unit: officers.get(unit.pk),
                     unit_of=current_unit)
    seed_fostering(campaign=campaign)
    seed_commendation(campaign=campaign, standing=standing, users=users,
                      current_unit=current_unit)
    seed_spread(standing=standing, second_standing=get_user_model().objects.get(
        username="sonoivu2"), current_unit=current_unit)
    seed_reviews(campaign=campaign, standing=standing)
    _store_verdicts()
    _demo_export(campaign=campaign, standing=standing)
    return {"users": get_user_model().objects.count(), "registrations": created}


def _store_verdicts() -> None:
    """Every demo exemplar leaves with a current stored verdict. The services recompute them
    after each commit; this sweep catches what was written inside one transaction whose
    refresh went to the worker (or a test, where nothing commits)."""
    from evaluation import verdicts
    from guidance.models import Campaign

    for campaign in Campaign.objects.filter(registrations__isnull=False).distinct() \
            .select_related("pack"):
        verdicts.refresh_stale(campaign)
