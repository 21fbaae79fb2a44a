"""Every write to guidance packs and campaigns. The loader, commands and the admin call these.

Each function checks permission (``acting_user=None`` is the system itself: management commands
and reference data), saves inside a transaction with ``update_fields`` and writes the audit log.
"""

import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed
from guidance.models import Campaign, GuidancePack
from guidance.pack import Pack

PACK_AUDITED = ["title", "issued_on", "valid_from", "valid_to", "checksum"]
CAMPAIGN_AUDITED = [
    "code", "name", "pack", "period_start_year", "period_end_year", "proposal_year",
    "registration_deadline", "interim_review_on", "final_review_on", "status",
]

_CHECKED = ["period_start_year", "period_end_year", "interim_review_on", "final_review_on"]


class LoadOutcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return {
            LoadOutcome.CREATED: _("nạp mới"),
            LoadOutcome.UPDATED: _("cập nhật nội dung"),
            LoadOutcome.UNCHANGED: _("không thay đổi"),
        }[self]


def _require_manager(acting_user) -> None:
    if acting_user is not None and not acting_user.has_perm("guidance.manage_guidance"):
        raise NotAllowed(_("Bạn không có quyền quản lý bộ hướng dẫn và đợt thi đua."))


def pack_checksum(content: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8): equal content, equal sum,
    whatever the key order or layout of the file it came from."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class PackInUse(DomainError):
    """Different content under a (code, version) that a campaign already uses."""


def campaigns_using(record: GuidancePack) -> list[str]:
    """The codes of the campaigns that use ``record`` (empty: no campaign has used it)."""
    return list(record.campaigns.order_by("code").values_list("code", flat=True))


def upsert_pack(*, pack: Pack, acting_user=None) -> tuple[GuidancePack, LoadOutcome]:
    """Store ``pack`` under its (code, version): create it, leave an identical one alone (so
    loading on every deploy is harmless), or refuse different content under a version a
    campaign uses (:class:`PackInUse`: a used version is immutable, raise the version). A
    version no campaign uses yet may still be corrected in place (a draft being proofread).

    Side effects: save; audit log (``Action.LOAD``) when the row is created or changed.
    """
    _require_manager(acting_user)
    content = pack.model_dump(mode="json")
    values = {
        "title": pack.title, "issued_on": pack.issued_on, "valid_from": pack.valid_from,
        "valid_to": pack.valid_to, "content": content, "checksum": pack_checksum(content),
    }
    with transaction.atomic():
        record = (GuidancePack.objects.select_for_update()
                  .filter(code=pack.code, version=pack.version).first())
        if record is None:
            record = GuidancePack.objects.create(code=pack.code, version=pack.version, **values)
            log.record(actor=acting_user, action=Action.LOAD, obj=record, verb="nạp mới",
                       after=log.snapshot(record, PACK_AUDITED))
            return record, LoadOutcome.CREATED
        if record.checksum == values["checksum"]:
            return record, LoadOutcome.UNCHANGED
        used_by = campaigns_using(record)
        if used_by:
            raise PackInUse(_(
                "Bộ hướng dẫn %(code)s phiên bản %(version)s đang được dùng cho đợt thi đua "
                "%(campaigns)s nên không sửa được nội dung. Hãy tăng số phiên bản trong tệp "
                "(version: %(next)s) rồi nạp lại; đợt thi đua vẫn giữ phiên bản cũ cho đến "
                "khi quản trị hệ thống chuyển đợt sang phiên bản mới."
            ) % {"code": record.code, "version": record.version,
                 "campaigns": ", ".join(used_by), "next": _next_version(record.code)})
        before = log.snapshot(record, PACK_AUDITED)
        for name, value in values.items():
            setattr(record, name, value)
        record.save(update_fields=[*values, "loaded_at"])
        record.__dict__.pop("pack", None)  # the cached typed view shows the old content
        log.record(actor=acting_user, action=Action.LOAD, obj=record, verb="cập nhật nội dung",
                   before=before, after=log.snapshot(record, PACK_AUDITED))
    return record, LoadOutcome.UPDATED


def _next_version(code: str) -> int:
    latest = GuidancePack.objects.filter(code=code).order_by("-version").first()
    return (latest.version if latest else 0) + 1


def ensure_campaign(*, values: Mapping[str, Any], pack: GuidancePack, acting_user=None) -> Campaign:
    """Create campaign ``values["code"]`` with ``values`` and ``pack`` if it does not exist.
    An existing campaign is left exactly as it is: it keeps its guidance version for life
    (moving it is the system administrator's explicit act, ``evaluation.pack_move``), and its
    names, dates and status are the standing office's to edit.

    Side effects: save and audit log when the campaign is created.
    """
    _require_manager(acting_user)
    with transaction.atomic():
        campaign = (Campaign.objects.select_related("pack")
                    .filter(code=values["code"]).first())
        if campaign is None:
            campaign = Campaign.objects.create(pack=pack, **values)
            log.record(actor=acting_user, action=Action.CREATE, obj=campaign,
                       after=log.snapshot(campaign, CAMPAIGN_AUDITED))
    return campaign


def campaign_errors(values: Mapping[str, Any]) -> dict[str, str]:
    """What is inconsistent in a campaign's years and dates, by field name (empty: fine).

    Takes plain values so that the admin form can show the message next to the field."""
    errors = {}
    start, end = values.get("period_start_year"), values.get("period_end_year")
    if start is not None and end is not None and end < start:
        errors["period_end_year"] = _("Năm kết thúc giai đoạn không được trước năm bắt đầu.")
    interim, final = values.get("interim_review_on"), values.get("final_review_on")
    if interim and final and final < interim:
        errors["final_review_on"] = _("Ngày tổng kết không được trước ngày sơ kết.")
    return errors


def save_campaign(*, campaign: Campaign, changed: Iterable[str], acting_user) -> Campaign:
    """Save a new campaign, or the ``changed`` fields of an existing one (the admin's edits).

    Side effects: save; audit log with the before/after of the changed fields.
    """
    _require_manager(acting_user)
    errors = campaign_errors({name: getattr(campaign, name) for name in _CHECKED})
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(message, field=field)
    changed = [name for name in changed if name in CAMPAIGN_AUDITED]
    with transaction.atomic():
        if campaign.pk is None:
            campaign.save()
            log.record(actor=acting_user, action=Action.CREATE, obj=campaign,
                       after=log.snapshot(campaign, CAMPAIGN_AUDITED))
            return campaign
        stored = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if "pack" in changed and stored.pack_id != campaign.pack_id:
            raise DomainError(_("Đợt thi đua giữ phiên bản bộ hướng dẫn đã chọn; chỉ quản trị "
                                "hệ thống chuyển được đợt sang phiên bản khác, trên trang "
                                "“Chuyển phiên bản” của đợt."), field="pack")
        changed = [name for name in changed if name != "pack"]
        if changed:
            campaign.save(update_fields=changed)
            log.record(actor=acting_user, action=Action.UPDATE, obj=campaign,
                       before=log.snapshot(stored, changed), after=log.snapshot(campaign, changed))
    return campaign
