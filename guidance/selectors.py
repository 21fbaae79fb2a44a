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
