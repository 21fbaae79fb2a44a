import datetime

from awards import services
from awards.models import CommendationForm, EmulationTitle

DECIDED = datetime.date(2024, 12, 20)


def load(world):
    services.load_catalogue(acting_user=world.users["standing"])


def form(code="bang-khen-ubnd-tinh"):
    return CommendationForm.objects.get(code=code)


def title(code="lao-dong-tien-tien"):
    return EmulationTitle.objects.get(code=code)


def subject_of_a(world):
    return services.subject_for_exemplar(exemplar=world.exemplar_a)


def record(subject, award=None, *, number="1234/QĐ-UBND", day=DECIDED, field_key="", user=None):
    award = award or form()
    kwargs = {"title": award} if isinstance(award, EmulationTitle) else {"form": award}
    return services.add_record(subject=subject, year=day.year, decision_number=number,
                               decision_date=day, issuer="Chủ tịch UBND tỉnh Lai Châu",
                               field_key=field_key, acting_user=user, **kwargs)
