"""factory_boy factories. Vietnamese names are composed (Faker's vi_VN names are unusable)."""

import datetime
import random

import factory
from django.contrib.auth import get_user_model

from accounts.models import Membership, Role
from core.collation import person_sort_key, sort_key
from core.text import fold
from guidance.models import Campaign, CampaignStatus, GuidancePack
from orgs.models import Unit, UnitType
from registry.enums import ExemplarKind
from registry.enums import form_order as kind_form_order
from registry.models import Exemplar, Registration

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Lò", "Tòng", "Giàng", "Vàng", "Đặng", "Tẩn"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "A", "Seo"]
GIVEN = ["An", "Bình", "Dũng", "Đức", "Hương", "Mai", "Thắng", "Pao", "Ánh", "Ểnh", "Hậu"]


def vietnamese_name(rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _checksum(content: dict) -> str:
    from guidance.services import pack_checksum

    return pack_checksum(content)


def shipped_pack_content() -> dict:
    from guidance.loading import read_pack_file, shipped_pack_path

    return read_pack_file(shipped_pack_path()).model_dump(mode="json")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    unit_type = UnitType.AGENCY
    valid_from = datetime.date(2000, 1, 1)
    folded_name = factory.LazyAttribute(lambda o: fold(o.name))
    sort_key = factory.LazyAttribute(lambda o: sort_key(o.name))

    @factory.post_generation
    def path(obj, create, extracted, **kwargs):
        parent_path = obj.parent.tree_path if obj.parent_id else "/"
        obj.tree_path = f"{parent_path}{obj.pk}/"
        if create:
            Unit.objects.filter(pk=obj.pk).update(tree_path=obj.tree_path)


# Staff names come from their own given names, so a test asserting an exemplar's name is absent
# from a page never trips over the signed-in user's name in the header.
STAFF_GIVEN = ["Khải", "Nguyên", "Quân", "Thư", "Vỹ", "Nhàn", "Kiều", "Luân"]


def staff_name(n: int) -> str:
    return f"{FAMILY[n % len(FAMILY)]} {MIDDLE[n % len(MIDDLE)]} {STAFF_GIVEN[n % len(STAFF_GIVEN)]}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(staff_name)
    email = factory.LazyAttribute(lambda o: f"{o.username}@laichau.gov.vn")
    password = factory.django.Password("mat-khau-thu-nghiem-2026")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.UNIT_OFFICER


class GuidancePackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuidancePack
        django_get_or_create = ("code", "version")

    code = "2533/HD-UBND"
    version = 1
    title = "Hướng dẫn xây dựng và nhân rộng các mô hình tiêu biểu, điển hình tiên tiến"
    issued_on = datetime.date(2024, 7, 2)
    valid_from = datetime.date(2024, 7, 2)
    content = factory.LazyFunction(shipped_pack_content)
    # The real sum of the content: loading the same file again is then "unchanged", as in use.
    checksum = factory.LazyAttribute(lambda pack: _checksum(pack.content))


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("code",)

    code = "2533-2022-2025"
    name = "Xây dựng và nhân rộng điển hình tiên tiến giai đoạn 2022 - 2025"
    pack = factory.SubFactory(GuidancePackFactory)
    period_start_year = 2022
    period_end_year = 2025
    proposal_year = 2025
    registration_deadline = datetime.date(2026, 12, 15)
    status = CampaignStatus.OPEN


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)


class ExemplarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exemplar
        skip_postgeneration_save = True

    registration = factory.SubFactory(RegistrationFactory)
    kind = ExemplarKind.INDIVIDUAL
    position = factory.Sequence(lambda n: n + 1)
    name = factory.LazyFunction(vietnamese_name)
    field_key = "a"
    solutions = "Đổi mới phương pháp làm việc, ứng dụng chuyển đổi số."
    folded_name = factory.LazyAttribute(lambda o: fold(o.name))
    sort_key = factory.LazyAttribute(
        lambda o: person_sort_key(o.name) if o.kind in ("individual", "household") else sort_key(o.name)
    )
    campaign = factory.LazyAttribute(lambda o: o.registration.campaign)
    form_order = factory.LazyAttribute(lambda o: kind_form_order(o.kind))

    @factory.post_generation
    def counted(obj, create, extracted, **kwargs):
        """What the exemplar services do after a write: the registration's stored counts and
        the campaign's count token (``registry.tallies``)."""
        if create:
            from registry import tallies

            tallies.recount(Registration.objects.filter(pk=obj.registration_id))
            obj.registration.refresh_from_db(fields=list(tallies.KIND_COUNTS.values()))
            tallies.renew([obj.campaign_id])  # at once: a test's transaction never commits


def unit_in_province(name: str, **fields):
    """A unit under the first province unit (the world's) unless ``parent`` is given: a
    standing office reads its own province only, so a unit a test lists for it must lie
    there."""
    from orgs.models import Unit, UnitType

    if "parent" not in fields:
        fields["parent"] = Unit.objects.filter(unit_type=UnitType.PROVINCE).order_by("pk").first()
    return UnitFactory(name=name, **fields)
