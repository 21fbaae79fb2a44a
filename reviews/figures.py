"""Every figure of a review, declared once: what it counts (a queryset of the very rows it
counts, each once), through which path each row belongs to a unit, and its breakdowns. The
page's number, its groups, its drill-down list, the report, the XLSX, the API and the command
all come from these declarations (``reviews.selectors``), so they cannot disagree.

A figure is evaluated per campaign of the period and summed. ``Scope`` carries the period's
window: events (reminders, inspections, proposals sent, meetings, decisions, adoptions,
introductions, publications, progress updates, fostering actions due) count when their date is
inside it; registrations and exemplars count in the state they are in when the figures are
computed (a kept report records that moment and the data version). docs/reviews.md lists them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.roles import under
from guidance.models import Campaign
from orgs.models import Unit, UnitType
from registry import counters
from registry.dashboard import DashboardFilters, dashboard_rows
from registry.enums import ExemplarKind, ExemplarState, Gender
from registry.models import Exemplar


@dataclass(frozen=True)
class Scope:
    campaign: Campaign
    starts_on: datetime.date
    ends_on: datetime.date
    # The period's first campaign also counts the dated acts tied to no campaign (an inspection
    # of the emulation work in general, a meeting, a decision), so they count once.
    primary: bool = True
    # The provinces counted (their tree paths; ``None``: every unit): a provincial standing
    # office's review covers its province (accounts.roles.province_paths), the national role's
    # every province or the one it chose.
    paths: tuple[str, ...] | None = None

    @property
    def cutoff(self) -> datetime.date:
        """The day lateness is judged on: the period's end, or today while it runs."""
        return min(self.ends_on, datetime.date.today())

    def campaign_q(self, path: str = "campaign") -> Q:
        """This campaign's rows — and, for the primary campaign, rows tied to no campaign."""
        q = Q(**{path: self.campaign})
        return q | Q(**{f"{path}__isnull": True}) if self.primary else q

    def window(self, path: str) -> Q:
        return Q(**{f"{path}__gte": self.starts_on, f"{path}__lte": self.ends_on})


@dataclass(frozen=True)
class Dim:
    """A breakdown of a figure by one column; ``labels`` names its values."""

    key: str
    label: str
    path: str
    labels: Callable[[Campaign], dict] = lambda _campaign: {}


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    section: str
    rows: Callable[[Scope], QuerySet]
    unit: str | None  # path from a counted row to its unit id; None: the province's own acts
    dims: tuple[Dim, ...] = field(default_factory=tuple)
    definition: str = ""
    # For the province's own acts (``unit=None``): the path from a row to the tree path of a
    # unit it concerns, by which it belongs to a province (a meeting by the proposals on its
    # agenda, a decision by those it names, an inspection by the units inspected).
    province: str = ""

    def rows_in(self, scope: Scope) -> QuerySet:
        """``rows(scope)`` narrowed to the scope's provinces."""
        rows = self.rows(scope)
        if scope.paths is None:
            return rows
        if self.unit is not None:
            path = "tree_path" if self.unit == "pk" else f"{self.unit.removesuffix('_id')}__tree_path"
            return rows.filter(under(scope.paths, path))
        if not self.province:
            return rows
        inside = rows.model.objects.filter(under(scope.paths, self.province)).values("pk")
        return rows.filter(pk__in=inside)


SECTIONS = {
    "registration": _("Đăng ký"),
    "exemplars": _("Điển hình đăng ký"),
    "fostering": _("Bồi dưỡng, theo dõi tiến độ"),
    "commendation": _("Đề nghị, xét duyệt, công nhận và khen thưởng"),
    "replication": _("Nhân rộng"),
    "propagation": _("Tuyên truyền, công khai"),
    "oversight": _("Đôn đốc, kiểm tra"),
}


# --- registration: the dashboard's own rows and counters -------------------------------------
def _units(scope: Scope, q: Q | None = None) -> QuerySet:
    rows = dashboard_rows(scope.campaign, DashboardFilters())
    if q is not None:
        rows = rows.filter(q)
    return Unit.objects.filter(pk__in=rows.order_by().values("pk"))


_SENT = counters.BY_KEY["sent"].q
_LATE = counters.BY_KEY["late"].q
_MET = counters.BY_KEY["met"].q


def _exemplars(scope: Scope) -> QuerySet:
    return Exemplar.objects.filter(registration__campaign=scope.campaign,
                                   registration__state__in=counters.DEFAULT_SCOPE.states)


# --- the lifecycle after registration ---------------------------------------------------------
def _plans(scope: Scope) -> QuerySet:
    from fostering.models import FosteringPlan, PlanState

    return FosteringPlan.objects.filter(campaign=scope.campaign, state=PlanState.APPROVED)


def _actions(scope: Scope) -> QuerySet:
    from fostering.models import SupportAction

    return SupportAction.objects.filter(item__plan__in=_plans(scope)).filter(scope.window("due_on"))


def _milestones(scope: Scope) -> QuerySet:
    from fostering.models import Milestone

    return Milestone.objects.filter(item__plan__in=_plans(scope)).filter(scope.window("due_on"))


def _fostered(scope: Scope) -> QuerySet:
    from fostering.models import PlanItem

    return Exemplar.objects.filter(pk__in=PlanItem.objects.filter(
        plan__in=_plans(scope)).values("exemplar_id"))


def _updates(scope: Scope) -> QuerySet:
    from progress.models import ProgressUpdate

    return ProgressUpdate.objects.filter(exemplar__registration__campaign=scope.campaign,
                                         withdrawn_at__isnull=True).filter(scope.window("on_date"))


def _late_progress(scope: Scope) -> QuerySet:
    from progress.selectors import late_exemplars

    return Exemplar.objects.filter(pk__in=late_exemplars(scope.campaign, scope.cutoff)
                                   .order_by().values("pk"))


def _proposals(scope: Scope) -> QuerySet:
    from proposals.models import Proposal, ProposalState

    return Proposal.objects.filter(
        campaign=scope.campaign, submitted_at__date__gte=scope.starts_on,
        submitted_at__date__lte=scope.ends_on,
        state__in=(ProposalState.SUBMITTED, ProposalState.SCREENED, ProposalState.DECIDED))


def _proposal_items(scope: Scope) -> QuerySet:
    from proposals.models import ProposalItem

    return ProposalItem.objects.filter(proposal__in=_proposals(scope))


def _meetings(scope: Scope) -> QuerySet:
    from council.models import Meeting, MeetingState

    return Meeting.objects.filter(scope.campaign_q(), state=MeetingState.CLOSED).filter(
        scope.window("held_on"))


def _agenda(scope: Scope, *statuses) -> QuerySet:
    from council.models import AgendaItem

    return AgendaItem.objects.filter(meeting__in=_meetings(scope), status__in=statuses)


def _decisions(scope: Scope) -> QuerySet:
    from decisions.models import Decision, DecisionState

    return Decision.objects.filter(scope.campaign_q(), state=DecisionState.ISSUED).filter(
        scope.window("issued_on"))


def _entries(scope: Scope) -> QuerySet:
    from decisions.models import DecisionEntry

    return DecisionEntry.objects.filter(decision__in=_decisions(scope))


def _recognised(scope: Scope) -> QuerySet:
    return Exemplar.objects.filter(pk__in=_entries(scope).filter(
        proposal_item__isnull=False).values("proposal_item__exemplar_id"))


def _adoptions(scope: Scope) -> QuerySet:
    from replication.models import Adoption

    return Adoption.objects.filter(exemplar__registration__campaign=scope.campaign).filter(
        scope.window("started_on"))


def _introductions(scope: Scope) -> QuerySet:
    from propagation.models import Introduction

    return Introduction.objects.filter(exemplar__registration__campaign=scope.campaign).filter(
        scope.window("sent_on"))


def _publications(scope: Scope) -> QuerySet:
    from publication.models import Publication, PublicationState

    return Publication.objects.filter(
        exemplar__registration__campaign=scope.campaign, state=PublicationState.PUBLISHED,
        published_at__date__gte=scope.starts_on, published_at__date__lte=scope.ends_on)


def _reminders(scope: Scope) -> QuerySet:
    from urging.models import Reminder

    return Reminder.objects.filter(campaign=scope.campaign).filter(scope.window("day"))


def _inspections(scope: Scope) -> QuerySet:
    from inspections.models import Inspection

    return Inspection.objects.filter(scope.campaign_q()).filter(scope.window("start_on"))


def _inspected_units(scope: Scope) -> QuerySet:
    from inspections.models import InspectionUnit

    return InspectionUnit.objects.filter(inspection__in=_inspections(scope))


def _follow_ups(scope: Scope) -> QuerySet:
    from inspections.models import FollowUp

    return FollowUp.objects.filter(inspection__in=_inspections(scope))


# --- labels of breakdown values ----------------------------------------------------------------
def _choices(choices) -> Callable[[Campaign], dict]:
    return lambda _campaign: {value: str(label) for value, label in choices}


def _field_labels(campaign: Campaign) -> dict:
    return {f.key: f"{f.key}) {f.label}" for f in campaign.pack.pack.fields}


def _unit_types(_campaign) -> dict:
    return {value: str(label) for value, label in UnitType.choices}


KIND = Dim("kind", _("theo loại"), "kind", _choices(ExemplarKind.choices))
FIELD = Dim("field", _("theo lĩnh vực"), "field_key", _field_labels)
UNIT_TYPE = Dim("unit_type", _("theo loại đơn vị"), "registration__unit__unit_type", _unit_types)
BLOCK = Dim("block", _("theo khối thi đua"), "registration__unit__emulation_block__name")
STATE = Dim("state", _("theo trạng thái"), "state", _choices(ExemplarState.choices))
GENDER = Dim("gender", _("theo giới tính"), "gender", _choices(Gender.choices))
UNITS_BY_TYPE = Dim("unit_type", _("theo loại đơn vị"), "unit_type", _unit_types)
ETHNICITY = Dim("ethnicity", _("theo dân tộc"), "ethnicity")


def _on_time(scope):
    return _units(scope, _SENT & ~_LATE)


FIGURES: tuple[Figure, ...] = (
    Figure("units_required", _("Đơn vị phải đăng ký"), "registration",
           lambda s: _units(s), "pk", (UNITS_BY_TYPE,),
           definition=_("Đơn vị còn hiệu lực vào hạn gửi đăng ký, thuộc loại có chỉ tiêu đăng "
                        "ký trong bộ hướng dẫn của đợt.")),
    Figure("units_registered", _("Đơn vị đã gửi đăng ký"), "registration",
           lambda s: _units(s, _SENT), "pk", (UNITS_BY_TYPE,),
           definition=_("Biểu đăng ký đã gửi Sở Nội vụ (chờ tiếp nhận hoặc đã tiếp nhận); "
                        "bản đang soạn, chờ duyệt hoặc bị trả lại không tính.")),
    Figure("units_on_time", _("Đơn vị gửi đúng hạn"), "registration", _on_time, "pk",
           definition=_("Biểu đã gửi, không quá hạn gửi đăng ký.")),
    Figure("units_late", _("Đơn vị gửi muộn"), "registration",
           lambda s: _units(s, _LATE), "pk",
           definition=_("Biểu đã gửi sau hạn gửi đăng ký.")),
    Figure("units_quota_met", _("Đơn vị đạt chỉ tiêu đăng ký"), "registration",
           lambda s: _units(s, _MET), "pk", (UNITS_BY_TYPE,),
           definition=_("Biểu đã gửi và đủ số lượng tối thiểu từng loại theo chỉ tiêu của bộ "
                        "hướng dẫn (cùng quy tắc với bảng tổng hợp).")),
    Figure("units_not_registered", _("Đơn vị chưa gửi đăng ký"), "registration",
           lambda s: _units(s, ~_SENT), "pk",
           definition=_("Đơn vị phải đăng ký nhưng chưa lập biểu hoặc chưa gửi.")),
    Figure("exemplars", _("Điển hình đăng ký"), "exemplars", _exemplars,
           "registration__unit_id", (KIND, FIELD, UNIT_TYPE, BLOCK, STATE),
           definition=_("Tập thể, cá nhân, hộ gia đình, mô hình trong các biểu đã gửi Sở Nội "
                        "vụ; trạng thái là trạng thái hiện tại.")),
    Figure("individuals", _("Cá nhân điển hình"), "exemplars",
           lambda s: _exemplars(s).filter(kind=ExemplarKind.INDIVIDUAL),
           "registration__unit_id", (GENDER, ETHNICITY),
           definition=_("Cá nhân trong các biểu đã gửi, theo giới tính và dân tộc đã khai.")),
    Figure("fostering_plans", _("Kế hoạch bồi dưỡng đã duyệt"), "fostering", _plans, "unit_id",
           definition=_("Kế hoạch bồi dưỡng, nhân rộng của đợt đã được thủ trưởng duyệt.")),
    Figure("exemplars_fostered", _("Điển hình có kế hoạch bồi dưỡng"), "fostering", _fostered,
           "registration__unit_id",
           definition=_("Điển hình có trong ít nhất một kế hoạch bồi dưỡng đã duyệt.")),
    Figure("support_actions", _("Nội dung hỗ trợ đến hạn trong kỳ"), "fostering", _actions,
           "item__plan__unit_id",
           definition=_("Nội dung giúp đỡ của kế hoạch đã duyệt có hạn trong kỳ.")),
    Figure("support_actions_done", _("Nội dung hỗ trợ đã hoàn thành"), "fostering",
           lambda s: _actions(s).filter(done_on__isnull=False, done_on__lte=s.ends_on),
           "item__plan__unit_id",
           definition=_("Nội dung hỗ trợ đến hạn trong kỳ đã hoàn thành trước khi kỳ kết "
                        "thúc.")),
    Figure("support_actions_overdue", _("Nội dung hỗ trợ quá hạn"), "fostering",
           lambda s: _actions(s).filter(due_on__lt=s.cutoff).filter(
               Q(done_on__isnull=True) | Q(done_on__gt=s.ends_on)),
           "item__plan__unit_id",
           definition=_("Nội dung hỗ trợ đã qua hạn mà chưa hoàn thành.")),
    Figure("milestones", _("Mốc kiểm tra đến hạn trong kỳ"), "fostering", _milestones,
           "item__plan__unit_id",
           definition=_("Mốc của kế hoạch đã duyệt có hạn trong kỳ.")),
    Figure("milestones_done", _("Mốc đã hoàn thành"), "fostering",
           lambda s: _milestones(s).filter(done_on__isnull=False, done_on__lte=s.ends_on),
           "item__plan__unit_id",
           definition=_("Mốc đến hạn trong kỳ đã hoàn thành trước khi kỳ kết thúc.")),
    Figure("progress_updates", _("Lượt cập nhật tiến độ"), "fostering", _updates,
           "exemplar__registration__unit_id",
           definition=_("Cập nhật tiến độ trong kỳ, không kể cập nhật đã rút.")),
    Figure("exemplars_late_progress", _("Điển hình chậm cập nhật tiến độ"), "fostering",
           _late_progress, "registration__unit_id",
           definition=_("Điển hình đang theo dõi mà lần cập nhật gần nhất đã quá số ngày quy "
                        "định, tính đến cuối kỳ (hoặc hôm nay nếu kỳ chưa kết thúc).")),
    Figure("proposals", _("Tờ trình đề nghị đã gửi"), "commendation", _proposals, "unit_id",
           definition=_("Tờ trình đề nghị công nhận, khen thưởng gửi Sở Nội vụ trong kỳ.")),
    Figure("proposal_items", _("Trường hợp được đề nghị"), "commendation", _proposal_items,
           "proposal__unit_id",
           (Dim("form", _("theo hình thức khen thưởng"), "form__name"),
            Dim("title", _("theo danh hiệu thi đua"), "title__name")),
           definition=_("Mỗi điển hình được đề nghị một danh hiệu hoặc một hình thức.")),
    Figure("meetings_held", _("Phiên họp Hội đồng đã kết thúc"), "commendation", _meetings,
           None, definition=_("Phiên họp của Hội đồng Thi đua - Khen thưởng họp trong kỳ."),
           province="items__proposal_item__proposal__unit__tree_path"),
    Figure("council_passed", _("Trường hợp Hội đồng thông qua"), "commendation",
           lambda s: _agenda(s, "passed"), "proposal_item__proposal__unit_id",
           definition=_("Nội dung biểu quyết đạt tỷ lệ theo quy tắc biểu quyết.")),
    Figure("council_not_passed", _("Trường hợp Hội đồng không thông qua"), "commendation",
           lambda s: _agenda(s, "rejected", "no_quorum"), "proposal_item__proposal__unit_id",
           definition=_("Không đạt tỷ lệ hoặc không đủ số thành viên dự họp.")),
    Figure("decisions", _("Quyết định đã ban hành"), "commendation", _decisions, None,
           definition=_("Quyết định công nhận, khen thưởng ban hành trong kỳ, chưa bị thu "
                        "hồi."),
           province="entries__proposal_item__proposal__unit__tree_path"),
    Figure("awards", _("Lượt công nhận, khen thưởng"), "commendation", _entries,
           "proposal_item__proposal__unit_id",
           (Dim("form", _("theo hình thức"), "decision__form__name"),
            Dim("title", _("theo danh hiệu"), "decision__title__name")),
           definition=_("Mỗi tên trong một quyết định đã ban hành trong kỳ.")),
    Figure("recognised", _("Điển hình được công nhận, khen thưởng"), "commendation",
           _recognised, "registration__unit_id", (FIELD, KIND),
           definition=_("Điển hình của đợt có tên trong ít nhất một quyết định đã ban hành "
                        "trong kỳ.")),
    Figure("adoptions", _("Lượt nhân rộng"), "replication", _adoptions, "unit_id",
           definition=_("Đơn vị bắt đầu áp dụng một điển hình, mô hình của đợt trong kỳ; tính "
                        "theo đơn vị áp dụng.")),
    Figure("exemplars_replicated", _("Điển hình, mô hình được nhân rộng"), "replication",
           lambda s: Exemplar.objects.filter(pk__in=_adoptions(s).values("exemplar_id")),
           "registration__unit_id", (KIND,),
           definition=_("Điển hình có ít nhất một đơn vị áp dụng trong kỳ.")),
    Figure("units_reached", _("Đơn vị áp dụng"), "replication",
           lambda s: Unit.objects.filter(pk__in=_adoptions(s).values("unit_id")), "pk",
           definition=_("Đơn vị khác nhau bắt đầu áp dụng trong kỳ.")),
    Figure("communes_reached", _("Xã, phường áp dụng"), "replication",
           lambda s: Unit.objects.filter(pk__in=_adoptions(s).values("unit_id"),
                                         unit_type=UnitType.COMMUNE), "pk",
           definition=_("Đơn vị áp dụng là xã, phường, thị trấn.")),
    Figure("introductions", _("Lượt giới thiệu tuyên truyền"), "propagation", _introductions,
           "exemplar__registration__unit_id",
           (Dim("channel", _("theo kênh"), "channel__name"),),
           definition=_("Điển hình được giới thiệu tới một kênh (báo chí, phát thanh - truyền "
                        "hình, Trung ương, cụm thi đua…) trong kỳ.")),
    Figure("introductions_published", _("Lượt đã đăng, phát"), "propagation",
           lambda s: _introductions(s).filter(status="published"),
           "exemplar__registration__unit_id",
           (Dim("channel", _("theo kênh"), "channel__name"),),
           definition=_("Lượt giới thiệu đã được kênh đăng, phát.")),
    Figure("publications", _("Điển hình đang công khai trên trang công khai"), "propagation",
           _publications, "exemplar__registration__unit_id",
           definition=_("Bài công khai đã duyệt trong kỳ và đang công khai.")),
    Figure("reminders", _("Lượt đôn đốc"), "oversight", _reminders, "unit_id",
           definition=_("Văn bản, thông báo đôn đốc gửi đơn vị trong kỳ.")),
    Figure("inspections", _("Cuộc kiểm tra"), "oversight", _inspections, None,
           definition=_("Cuộc kiểm tra của đợt (hoặc không gắn với đợt nào) bắt đầu trong "
                        "kỳ."),
           province="unit_rows__unit__tree_path"),
    Figure("units_inspected", _("Lượt đơn vị được kiểm tra"), "oversight",
           _inspected_units, "unit_id",
           definition=_("Mỗi đơn vị trong một cuộc kiểm tra.")),
    Figure("follow_ups_open", _("Kiến nghị sau kiểm tra chưa kết thúc"), "oversight",
           lambda s: _follow_ups(s).exclude(state="closed"), "unit_id",
           definition=_("Việc đơn vị phải thực hiện sau kiểm tra, chưa được Sở Nội vụ kết "
                        "thúc.")),
)

BY_KEY = {f.key: f for f in FIGURES}
# The columns of the grouped table (and of the command's "groups").
GROUP_COLUMNS = ("units_required", "units_registered", "units_quota_met", "exemplars",
                 "recognised", "adoptions", "introductions")
