from django.db import models
from django.utils.translation import gettext_lazy as _

from core.collation import person_sort_key, sort_key


class ExemplarKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình")
    # "mô hình" is a practice in code, to avoid confusion with Django models; the stored value
    # stays "model", the word of the JSON contracts.
    PRACTICE = "model", _("Mô hình")


# The kinds' positions in the official form (I. Tập thể, II. Cá nhân, III. Hộ gia đình, IV. Mô hình):
# the order of every list of exemplars, stored as ``Exemplar.form_order``.
FORM_ORDER = {kind.value: position for position, kind in enumerate(ExemplarKind)}


def form_order(kind: str) -> int:
    """An exemplar kind's position in the official form (``Exemplar.form_order``)."""
    return FORM_ORDER[kind]


# Exemplars that are people: ordered by given name first, as Vietnamese lists of people are.
PERSON_KINDS = frozenset({ExemplarKind.INDIVIDUAL, ExemplarKind.HOUSEHOLD})


def exemplar_sort_key(kind: str, name: str) -> bytes:
    """The ICU key that orders an exemplar in lists and among equal search scores: a person's
    (individual, household head) by given name, middle, family name; others by the whole name.
    The one place this is decided: services stamp ``Exemplar.sort_key`` with it, the exemplar's
    search document and the benchmark generator use it too."""
    return person_sort_key(name) if kind in PERSON_KINDS else sort_key(name)


class RegistrationState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ thủ trưởng duyệt")
    SUBMITTED = "submitted", _("Đã gửi Sở Nội vụ")
    RECEIVED = "received", _("Đã tiếp nhận")
    RETURNED = "returned", _("Bị trả lại")


# Named groups of states.
EDITABLE_STATES = frozenset({RegistrationState.DRAFT, RegistrationState.RETURNED})
SENT_STATES = frozenset({RegistrationState.SUBMITTED, RegistrationState.RECEIVED})


class ExemplarState(models.TextChoices):
    """Where an exemplar stands in its lifecycle (``registry.workflow.EXEMPLAR_TRANSITIONS``).

    Commendation (biểu dương, khen thưởng) is not a state: it is a form of commendation given to
    a recognised exemplar, kept in its own catalogue.
    """

    REGISTERED = "registered", _("Đã đăng ký")
    FOSTERING = "fostering", _("Đang bồi dưỡng, giúp đỡ")
    PROPOSED = "proposed", _("Đã đề nghị công nhận")
    RECOGNISED = "recognised", _("Được công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không được công nhận")
    WITHDRAWN = "withdrawn", _("Đã rút")
    REVOKED = "revoked", _("Bị thu hồi công nhận")


# Named groups of exemplar states.
OPEN_EXEMPLAR_STATES = frozenset({ExemplarState.REGISTERED, ExemplarState.FOSTERING,
                                  ExemplarState.PROPOSED})


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")
