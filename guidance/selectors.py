from guidance.models import Campaign, CampaignStatus, GuidancePack


def open_campaign() -> Campaign | None:
    """The campaign currently taking registrations (the latest-deadline one if several)."""
    return (
        Campaign.objects.select_related("pack")
        .filter(status=CampaignStatus.OPEN)
        .order_by("-registration_deadline")
        .first()
    )


def campaign_by_code(code: str) -> Campaign | None:
    return Campaign.objects.select_related("pack").filter(code=code).first()


def latest_pack(code: str) -> GuidancePack | None:
    """The highest stored version of the guidance ``code``."""
    return GuidancePack.objects.filter(code=code).order_by("-version").first()


def packs(*, code: str = "", on=None):
    """Every stored pack version, as the guidance page lists them (code, newest version first);
    ``on``: only those in force that day."""
    from django.db.models import Q

    query = GuidancePack.objects.order_by("code", "-version", "pk")
    if code:
        query = query.filter(code=code)
    if on is not None:
        query = query.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
    return query


def campaigns(*, status: str = "", pack_id: int | None = None, year: int | None = None):
    """Campaigns as the guidance page lists them (latest deadline first)."""
    query = Campaign.objects.select_related("pack").order_by("-registration_deadline", "pk")
    if status:
        query = query.filter(status=status)
    if pack_id:
        query = query.filter(pack_id=pack_id)
    if year is not None:
        query = query.filter(period_start_year__lte=year, period_end_year__gte=year)
    return query


def guidance_numbers() -> dict[str, list[GuidancePack]]:
    """The number each guidance is cited by ("2533/HD-UBND") → its stored versions used by a
    campaign, newest first: what a filled form may name in its heading or lead sentence."""
    found: dict[str, list[GuidancePack]] = {}
    used = GuidancePack.objects.filter(campaigns__isnull=False).distinct().order_by("code",
                                                                                   "-version")
    for pack in used:
        number = str(pack.content.get("number") or pack.code)
        found.setdefault(number, []).append(pack)
    return found


def campaigns_of(packs: list[GuidancePack]):
    """The campaigns run on these pack versions, open ones first, then the latest deadline."""
    from django.db.models import Case, IntegerField, Value, When

    return (Campaign.objects.select_related("pack").filter(pack__in=packs)
            .annotate(is_open=Case(When(status=CampaignStatus.OPEN, then=Value(0)),
                                   default=Value(1), output_field=IntegerField()))
            .order_by("is_open", "-registration_deadline", "-pk"))
