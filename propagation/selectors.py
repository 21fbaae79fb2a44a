"""Scoped, N+1-free reads of propagation.

* ``introductions_visible_to(user)`` — the introductions the user may read (province-wide: all;
  a unit: those of its exemplars and its subtree's).
* ``introductions_of(exemplar)`` — one exemplar's introductions, newest first.
* ``channels_valid_on(day)`` — the channels one may introduce to on a day.
* ``kit_entries(kit)`` — per exemplar of a media kit: its unit, award history, frozen verdict
  and photos (``propagation.document`` turns them into the letter).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from accounts import roles
from propagation.models import Channel, Introduction, MediaKit

MAX_PHOTOS = 3


def introductions_visible_to(user) -> QuerySet[Introduction]:
    found = Introduction.objects.select_related(
        "exemplar", "exemplar__registration", "exemplar__registration__unit", "channel",
        "recorded_by")
    return roles.scoped(found, user, "exemplar__registration__unit__tree_path")


def introduction_list(user, *, channel=None, status: str = "", unit=None,
                      field_key: str = "") -> QuerySet[Introduction]:
    found = introductions_visible_to(user)
    if channel is not None:
        found = found.filter(channel=channel)
    if status:
        found = found.filter(status=status)
    if unit is not None:
        found = found.filter(exemplar__registration__unit=unit)
    if field_key:
        found = found.filter(exemplar__field_key=field_key)
    return found.order_by("-sent_on", "-pk")


def introductions_of(exemplar) -> list[Introduction]:
    return list(Introduction.objects.filter(exemplar=exemplar).select_related("channel")
                .prefetch_related("attachments").order_by("-sent_on", "-pk"))


def channels_valid_on(day: datetime.date) -> QuerySet[Channel]:
    return Channel.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day),
                                  valid_from__lte=day)


def media_kits() -> QuerySet[MediaKit]:
    return MediaKit.objects.select_related("channel", "created_by")


@dataclass
class KitEntry:
    exemplar: object
    unit: object
    awards: list = field(default_factory=list)        # awards.AwardRecord, newest first
    verdict: dict = field(default_factory=dict)       # proposals.ProposalItem.verdict (frozen)
    photos: list = field(default_factory=list)        # progress.ProgressAttachment (photos)


def kit_entries(kit: MediaKit) -> list[KitEntry]:
    from awards.models import AwardRecord, SubjectLink
    from progress.models import AttachmentKind, ProgressAttachment
    from proposals.models import ProposalItem

    exemplars = list(kit.exemplars.select_related("registration__unit").order_by("kind", "name"))
    ids = [e.pk for e in exemplars]
    subjects = dict(SubjectLink.objects.filter(exemplar_id__in=ids)
                    .values_list("exemplar_id", "subject_id"))
    records: dict[int, list] = {}
    for record in (AwardRecord.objects.filter(subject_id__in=subjects.values(),
                                              revoked_at__isnull=True)
                   .select_related("title", "form").order_by("-decision_date", "-pk")):
        records.setdefault(record.subject_id, []).append(record)
    verdicts: dict[int, dict] = {}
    for item in ProposalItem.objects.filter(exemplar_id__in=ids).exclude(verdict={}).order_by(
            "proposal_id", "pk"):
        verdicts[item.exemplar_id] = item.verdict  # the latest proposal's
    photos: dict[int, list] = {}
    for photo in (ProgressAttachment.objects.filter(
            update__exemplar_id__in=ids, kind=AttachmentKind.PHOTO,
            update__withdrawn_at__isnull=True)
            .select_related("update").order_by("-update__on_date", "-pk")):
        bucket = photos.setdefault(photo.update.exemplar_id, [])
        if len(bucket) < MAX_PHOTOS:
            bucket.append(photo)
    return [KitEntry(exemplar=e, unit=e.registration.unit,
                     awards=records.get(subjects.get(e.pk), []),
                     verdict=verdicts.get(e.pk, {}), photos=photos.get(e.pk, []))
            for e in exemplars]
