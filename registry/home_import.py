"""A registration from the home page: the file itself says whose form it is and which guidance
it answers, so the clerk only chooses the file (issue #17).

``preview_from_file`` reads the file through the one door of uploads
(``registry.io.reader.read_upload`` → ``uploads.safety``), then, before anything is written:

1. the guidance — a stored guidance whose number the heading or the lead sentence cites
   (``registry.io.issuer.names_guidance``: "Thực hiện Hướng dẫn số 2533/HD-UBND, …", as the
   system's own form writes it and as the official form is headed);
2. its campaign taking registrations (``guidance.selectors.campaigns_of``: an open one, the
   latest deadline first); none open → refused, naming the campaign and its dates;
3. the unit the form names (``form_import.file_units``: the header and the lead sentence; a
   superior body of the user's own units is not the issuer) — one the user registers for, or
   refused naming both the file's unit and the user's;
4. that unit's registration for the campaign, started through ``create_registration`` (the same
   service and permission as the "Lập biểu đăng ký" button) when there is none yet;

and hands over to ``import_flow.preview_upload``: the same plan, the same staging token and so
the same confirmation (``import_flow.confirm_staged``) as the registration page's import.
Every refusal is a ``HomeImportRefused`` with one Vietnamese message and changes nothing.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import Role
from core.errors import DomainError, NotAllowed
from guidance import selectors as guidance_selectors
from guidance.models import Campaign, CampaignStatus, GuidancePack
from orgs.models import Unit
from registry import import_flow
from registry.io.parsed import ParsedForm
from registry.models import Registration
from registry.services._common import require
from registry.services.form_import import ImportPreview, file_units
from registry.services.registrations import create_registration

CHANGE = "registry.change_registration"


class HomeImportRefused(DomainError):
    """The file cannot be taken from the home page: why, in one message. Nothing changed."""


class NotYourUnit(HomeImportRefused, NotAllowed):
    """The file is the form of a unit the user does not register for."""


class GuidanceNotNamed(HomeImportRefused):
    """The file cites no stored guidance, so its campaign cannot be told."""


@dataclass(frozen=True)
class HomePreview:
    registration: Registration
    preview: ImportPreview
    token: str
    name: str
    started: bool  # the registration was started by this upload


def preview_from_file(*, name: str, data: bytes, acting_user) -> HomePreview:
    """Whose form the file is and for which campaign, that registration (started if needed)
    and the plan of importing the file into it. Raises ``HomeImportRefused`` (nothing
    changed; ``NotYourUnit``, also a ``NotAllowed``, for another unit's file), ``NotAllowed``
    (no officer of any unit) or ``staging.StagingFull``."""
    require(acting_user, "registry.import_form_file", None)
    campaign, parsed = read_for_campaign(name, data)
    unit = _unit(parsed, campaign, acting_user)
    registration, started = _registration(campaign, unit, acting_user)
    preview, token = import_flow.preview_upload(registration=registration, name=name, data=data,
                                                user_id=acting_user.pk, parsed=parsed)
    return HomePreview(registration, preview, token, name, started)


def read_for_campaign(name: str, data: bytes) -> tuple[Campaign, ParsedForm]:
    """The file read through the upload door, and the open campaign of the guidance it cites;
    read with that campaign's pack. Raises ``HomeImportRefused`` for an unusable file, a
    closed campaign…, and ``GuidanceNotNamed`` when the file cites no stored guidance (the
    command then falls back to the open campaign)."""
    from registry.io.reader import read_upload

    numbers = guidance_selectors.guidance_numbers()
    if not numbers:
        raise HomeImportRefused(_("Chưa có đợt thi đua nào nhận đăng ký."))
    first_pack = next(iter(numbers.values()))[0]
    parsed = read_upload(name, data, first_pack.pack)
    if parsed.unusable:
        raise HomeImportRefused(parsed.errors[0].message)
    campaign = _campaign(parsed, numbers)
    if campaign.pack_id != first_pack.pk:
        parsed = read_upload(name, data, campaign.pack.pack)
    return campaign, parsed


def _campaign(parsed: ParsedForm, numbers: dict[str, list[GuidancePack]]) -> Campaign:
    from registry.io.issuer import names_guidance

    cited = [number for number in numbers if names_guidance(parsed, number)]
    if not cited:
        raise GuidanceNotNamed(_(
            "Không nhận ra tệp trả lời hướng dẫn nào: phần đầu biểu (tiêu đề hoặc câu mở đầu "
            "“Thực hiện Hướng dẫn số …”) cần ghi số hiệu hướng dẫn, ví dụ %(numbers)s. Hãy "
            "dùng mẫu của hệ thống, hoặc mở biểu đăng ký của đơn vị rồi nhập tệp tại đó.")
            % {"numbers": ", ".join(f"“{n}”" for n in numbers)})
    packs = [pack for number in cited for pack in numbers[number]]
    campaigns = list(guidance_selectors.campaigns_of(packs)[:1])
    if not campaigns:
        raise HomeImportRefused(_("Chưa có đợt thi đua nào theo Hướng dẫn số %(number)s.")
                                % {"number": cited[0]})
    campaign = campaigns[0]
    if campaign.status != CampaignStatus.OPEN:
        raise HomeImportRefused(_(
            "Đợt “%(campaign)s” (giai đoạn %(start)s - %(end)s, hạn gửi đăng ký %(deadline)s) "
            "%(state)s nên không nhận đăng ký. Chưa có thay đổi nào được lưu.") % {
            "campaign": campaign.name, "start": campaign.period_start_year,
            "end": campaign.period_end_year,
            "deadline": campaign.registration_deadline.strftime("%d/%m/%Y"),
            "state": (_("đã kết thúc") if campaign.status == CampaignStatus.CLOSED
                      else _("chưa mở nhận đăng ký"))})
    return campaign


def _may_register(user, campaign: Campaign, unit: Unit) -> bool:
    """A registration not yet started is a draft: the test is whether the user prepares the
    unit's registrations (the probe ``create_registration`` makes too)."""
    return user.has_perm(CHANGE, Registration(campaign=campaign, unit=unit))


def _unit(parsed: ParsedForm, campaign: Campaign, user) -> Unit:
    """The one unit the file names as its issuer, which must be one the user registers for."""
    mine = list(Unit.objects.filter(pk__in=roles.unit_ids_with_role(user, Role.UNIT_OFFICER))
                .order_by("name"))
    named = [u for u in file_units(parsed, campaign.pack.pack)
             if not any(_superior(u, own) for own in mine)]
    if not named:
        raise HomeImportRefused(_(
            "Tệp không ghi tên đơn vị nào có trong danh mục (dòng tên đơn vị dưới cơ quan cấp "
            "trên, hoặc câu mở đầu “…, <đơn vị> đăng ký thực hiện như sau”). Hãy ghi tên đơn vị "
            "vào tệp, hoặc mở biểu đăng ký của đơn vị rồi nhập tệp tại đó."))
    if len(named) > 1:
        raise HomeImportRefused(_(
            "Tệp ghi tên nhiều đơn vị (%(units)s) nên không biết là biểu của đơn vị nào. Hãy "
            "mở biểu đăng ký của đơn vị rồi nhập tệp tại đó.")
            % {"units": ", ".join(f"“{u.name}”" for u in named)})
    unit = named[0]
    if not _may_register(user, campaign, unit):
        if mine:
            message = _("Tệp này là biểu đăng ký của “%(file)s”; bạn chỉ đăng ký được cho "
                        "“%(own)s”. Chưa có thay đổi nào được lưu.")
        else:
            message = _("Tệp này là biểu đăng ký của “%(file)s”; bạn không có quyền đăng ký "
                        "cho đơn vị này. Chưa có thay đổi nào được lưu.")
        raise NotYourUnit(message % {"file": unit.name,
                                     "own": "”, “".join(u.name for u in mine)})
    return unit


def _superior(unit: Unit, own: Unit) -> bool:
    """``unit`` is a body above ``own`` (the "ỦY BAN NHÂN DÂN TỈNH" line over the unit)."""
    return (unit.pk != own.pk and bool(unit.tree_path)
            and own.tree_path.startswith(unit.tree_path))


def _registration(campaign: Campaign, unit: Unit, user) -> tuple[Registration, bool]:
    existing = (Registration.objects.select_related("unit", "unit__parent", "campaign",
                                                    "campaign__pack")
                .filter(campaign=campaign, unit=unit).first())
    if existing is None:
        created = create_registration(campaign=campaign, unit=unit, acting_user=user)
        started = Registration.objects.select_related(
            "unit", "unit__parent", "campaign", "campaign__pack").get(pk=created.pk)
        return started, True
    if not user.has_perm(CHANGE, existing):
        raise HomeImportRefused(_(
            "Biểu đăng ký của “%(unit)s” cho đợt “%(campaign)s” đang ở trạng thái “%(state)s”, "
            "không sửa được nên chưa nhập được tệp. Chưa có thay đổi nào được lưu.") % {
            "unit": unit.name, "campaign": campaign.name, "state": existing.get_state_display()})
    return existing, False
