from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FosteringConfig(AppConfig):
    name = "fostering"
    verbose_name = _("Kế hoạch bồi dưỡng, nhân rộng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from audit import labels
        from fostering.panels import unit_panel
        from fostering.workflow import PLAN_TRANSITIONS
        from orgs.panels import register_panel

        register_panel("fostering", unit_panel)
        labels.register_verbs({name: step.label for name, step in PLAN_TRANSITIONS.items()})
        labels.register_verbs({"mark_done": _("ghi nhận hoàn thành")})

        from registry.dashboard_columns import register_column
        from urging.reasons import KNOWN_REASONS, Reason, register_reason

        register_column("plan", _("Kế hoạch"), _dashboard_cells)
        register_reason(Reason("plan_missing", KNOWN_REASONS["plan_missing"],
                               select=_plan_missing_targets))


def _dashboard_cells(campaign, unit_ids):
    """The overview's plan cell: the plan's state, "chưa lập" when there is none (one query)."""
    from django.utils.translation import gettext as _n

    from fostering.models import PlanState
    from fostering.selectors import plan_states_by_unit

    states = plan_states_by_unit(campaign)
    return {pk: (str(PlanState(states[pk]).label) if pk in states else _n("Chưa lập"))
            for pk in unit_ids}


def _plan_missing_targets(campaign, on_date):
    """The urging reason "plan_missing": units without an approved plan, and what they lack."""
    from django.utils.translation import gettext as _n

    from fostering.models import PlanState
    from fostering.selectors import plan_states_by_unit, units_without_approved_plan
    from urging.reasons import Target

    states = plan_states_by_unit(campaign)
    targets = []
    for unit in units_without_approved_plan(campaign):
        state = states.get(unit.pk)
        text = (_n("kế hoạch bồi dưỡng, nhân rộng chưa được lập") if state is None else
                _n("kế hoạch bồi dưỡng, nhân rộng đang ở trạng thái “%(state)s”, chưa được duyệt")
                % {"state": PlanState(state).label})
        targets.append(Target(unit, text))
    return targets
