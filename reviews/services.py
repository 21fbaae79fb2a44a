"""Writes to review periods: declare one, change it. The reports' writes (request, run) are in
``reviews.reports``.

Every write checks the permission first (``reviews.rules``), cleans its text (NFC), checks the
dates and that the campaigns belong to one guidance, then saves inside one transaction — for a
change, locked, refusing a stale version in Vietnamese — and writes one audit event.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean, clean_multiline
from guidance.models import Campaign
from reviews.models import ReviewKind, ReviewPeriod

AUDITED = ["code", "kind", "title", "starts_on", "ends_on", "held_on", "notes"]


def require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def _values(*, code: str, kind: str, title: str, campaigns, starts_on, ends_on, held_on,
            notes: str) -> dict:
    code, title = clean(code).lower(), clean(title)
    if not code:
        raise DomainError(_("Hãy nhập mã kỳ (chữ không dấu, số, dấu gạch ngang)."), field="code")
    if kind not in ReviewKind.values:
        raise DomainError(_("Hãy chọn sơ kết hoặc tổng kết."), field="kind")
    if not title:
        raise DomainError(_("Hãy nhập tên kỳ sơ kết, tổng kết."), field="title")
    for value, field, label in ((starts_on, "starts_on", _("ngày bắt đầu")),
                                (ends_on, "ends_on", _("ngày kết thúc"))):
        if not isinstance(value, datetime.date):
            raise DomainError(_("Hãy nhập %(label)s (ngày/tháng/năm).") % {"label": label},
                              field=field)
    if ends_on < starts_on:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="ends_on")
    campaigns = list(campaigns)
    if not campaigns:
        raise DomainError(_("Hãy chọn ít nhất một đợt thi đua."), field="campaigns")
    if len({c.pack.code for c in campaigns}) > 1:
        raise DomainError(_("Các đợt của một kỳ sơ kết, tổng kết phải cùng một hướng dẫn."),
                          field="campaigns")
    return {"code": code, "kind": kind, "title": title, "campaigns": campaigns,
            "starts_on": starts_on, "ends_on": ends_on, "held_on": held_on,
            "notes": clean_multiline(notes)}


def create_period(*, code: str, kind: str, title: str, campaigns: list[Campaign],
                  starts_on: datetime.date, ends_on: datetime.date,
                  held_on: datetime.date | None = None, notes: str = "",
                  acting_user) -> ReviewPeriod:
    """A new review period over ``campaigns`` (one guidance) from ``starts_on`` to ``ends_on``.
    Refused: a code already used, dates out of order. Side effects: audit log."""
    require(acting_user, "reviews.add_reviewperiod")
    values = _values(code=code, kind=kind, title=title, campaigns=campaigns,
                     starts_on=starts_on, ends_on=ends_on, held_on=held_on, notes=notes)
    chosen = values.pop("campaigns")
    with transaction.atomic():
        if ReviewPeriod.objects.select_for_update().filter(code=values["code"]).exists():
            raise DomainError(_("Mã kỳ này đã có; hãy chọn mã khác."), field="code")
        period = ReviewPeriod.objects.create(**values, created_by=acting_user)
        period.campaigns.set(chosen)
        log.record(actor=acting_user, action=Action.CREATE, obj=period,
                   after={**log.snapshot(period, AUDITED),
                          "campaigns": sorted(c.code for c in chosen)})
    return period


def update_period(*, period: ReviewPeriod, expected_version: int, kind: str, title: str,
                  campaigns: list[Campaign], starts_on: datetime.date, ends_on: datetime.date,
                  held_on: datetime.date | None = None, notes: str = "",
                  acting_user) -> ReviewPeriod:
    """Change a period (its code stays). The reports already made keep their figures."""
    require(acting_user, "reviews.change_reviewperiod", period)
    values = _values(code=period.code, kind=kind, title=title, campaigns=campaigns,
                     starts_on=starts_on, ends_on=ends_on, held_on=held_on, notes=notes)
    chosen = values.pop("campaigns")
    with transaction.atomic():
        current = ReviewPeriod.objects.select_for_update().get(pk=period.pk)
        if current.version != expected_version:
            raise StaleVersion(_("Kỳ sơ kết, tổng kết vừa được người khác thay đổi; hãy tải lại "
                                 "trang rồi sửa lại."))
        before = {**log.snapshot(current, AUDITED),
                  "campaigns": sorted(c.code for c in current.campaigns.all())}
        for name, value in values.items():
            setattr(current, name, value)
        current.version += 1
        current.save(update_fields=[*values, "version"])
        current.campaigns.set(chosen)
        log.record(actor=acting_user, action=Action.UPDATE, obj=current, before=before,
                   after={**log.snapshot(current, AUDITED),
                          "campaigns": sorted(c.code for c in chosen)})
    return current
