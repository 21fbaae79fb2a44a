"""Demo fostering plans, written through the services: an approved plan (with an overdue
milestone and a done one), a draft, and a returned plan — each with actions and milestones."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Role
from fostering import services
from fostering.models import FosteringPlan
from orgs.models import Unit

# unit name, final state, sector-specific criteria
DEMO_PLANS = [
    ("Sở Giáo dục và Đào tạo tỉnh Lai Châu", "approved",
     "Nhà giáo có sáng kiến đổi mới phương pháp dạy học được áp dụng trong toàn ngành.\n"
     "Tập thể có tỷ lệ học sinh chuyên cần đạt trên 98% tại các trường vùng cao."),
    ("Sở Y tế tỉnh Lai Châu", "draft",
     "Cán bộ y tế tận tụy phục vụ người bệnh, không để xảy ra sai sót chuyên môn."),
    ("Xã Sìn Hồ", "returned",
     "Hộ gia đình sản xuất giỏi có thu nhập trên 150 triệu đồng/năm, giúp đỡ hộ nghèo."),
]
RETURN_REASON = "Đề nghị bổ sung người phụ trách và mốc sơ kết cho từng điển hình."


def _user(unit: Unit, role: str):
    found = Membership.objects.filter(unit=unit, role=role).select_related("user").first()
    return found.user if found else None


def seed_fostering(*, campaign) -> int:
    """Plans for the demo units that have an officer and a head; returns how many were made."""
    today = timezone.localdate()
    made = 0
    for unit_name, state, criteria in DEMO_PLANS:
        unit = Unit.objects.filter(name=unit_name).order_by("-valid_from").first()
        officer = unit and _user(unit, Role.UNIT_OFFICER)
        head = unit and _user(unit, Role.UNIT_HEAD)
        if officer is None or head is None:
            continue
        plan = services.create_plan(campaign=campaign, unit=unit, acting_user=officer)
        plan = services.update_plan(plan=plan, sector_criteria=criteria,
                                    signer_name=head.get_full_name(),
                                    expected_version=plan.version, acting_user=officer)
        for number, item in enumerate(plan.items.select_related("exemplar")[:3]):
            plan = FosteringPlan.objects.get(pk=plan.pk)
            services.save_item(plan=plan, exemplar=item.exemplar,
                               responsible="Phó Thủ trưởng phụ trách thi đua" if number == 0
                               else "Trưởng phòng chuyên môn",
                               notes="Hướng dẫn hoàn thiện hồ sơ, tổng kết kinh nghiệm để nhân "
                                     "rộng.", expected_version=plan.version,
                               acting_user=officer)
            plan = FosteringPlan.objects.get(pk=plan.pk)
            services.add_action(plan=plan, item=item, helper="Phòng Tổ chức - Hành chính",
                                content="Tập huấn, hỗ trợ tổng hợp kết quả, báo cáo thành tích",
                                due_on=today + datetime.timedelta(days=30 + 15 * number),
                                expected_version=plan.version, acting_user=officer)
            plan = FosteringPlan.objects.get(pk=plan.pk)
            # one milestone already past due: overdue on the approved plan unless marked done
            services.add_milestone(plan=plan, item=item, title="Sơ kết, đánh giá kết quả bước đầu",
                                   due_on=today - datetime.timedelta(days=10 - number),
                                   expected_version=plan.version, acting_user=officer)
            plan = FosteringPlan.objects.get(pk=plan.pk)
            services.add_milestone(plan=plan, item=item, title="Hoàn thiện hồ sơ đề nghị công nhận",
                                   due_on=today + datetime.timedelta(days=90),
                                   expected_version=plan.version, acting_user=officer)
        plan = FosteringPlan.objects.get(pk=plan.pk)
        if state in ("approved", "returned"):
            plan = services.transition_plan(plan=plan, name="submit_plan", acting_user=officer)
        if state == "approved":
            plan = services.transition_plan(plan=plan, name="approve_plan", acting_user=head)
            first = plan.items.order_by("pk").first()
            done = first and first.milestones.order_by("due_on").first()
            if done is not None:  # the first item's past milestone is done; the others overdue
                services.mark_done(plan=plan, kind="milestone", entry_id=done.pk,
                                   acting_user=officer)
        if state == "returned":
            services.transition_plan(plan=plan, name="return_plan", reason=RETURN_REASON,
                                     acting_user=head)
        made += 1
    return made
