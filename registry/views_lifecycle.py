"""The exemplar lifecycle on the web: the steps a user may take, and the route that takes one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from core.errors import DomainError
from registry import services
from registry.forms import LifecycleForm
from registry.models import Exemplar
from registry.workflow import EXEMPLAR_TRANSITIONS, Transition


def _exemplar(request, pk, **_kwargs) -> Exemplar:
    return get_object_or_404(
        Exemplar.objects.select_related("registration__unit", "registration__campaign"), pk=pk,
    )


def lifecycle_steps(exemplar: Exemplar, user) -> list[Transition]:
    """The transitions from the exemplar's state that ``user`` is allowed to take."""
    from registry.selectors import exemplar_steps

    return exemplar_steps(exemplar, user)


def take_step(request, *, table: dict[str, Transition], name: str, target, form, run, back):
    """The one shape of every lifecycle route: an unknown step or a wrong state is a message,
    a step that is another role's is a 403, otherwise ``run(form.cleaned_data)`` calls the
    service (which checks everything again) and the user goes ``back`` with the outcome."""
    step = table.get(name)
    if step is None:
        messages.error(request, _("Thao tác không hợp lệ."))
        return back
    if target.state in step.sources and not request.user.has_perm(step.permission, target):
        raise PermissionDenied  # a step that is someone else's (a wrong state: a message)
    form.is_valid()
    try:
        run(form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": step.label})
    return back


@require_POST
@requires("registry.move_exemplar", obj=_exemplar)
def exemplar_transition(request, pk, name, target: Exemplar):
    return take_step(
        request, table=EXEMPLAR_TRANSITIONS, name=name, target=target,
        form=LifecycleForm(request.POST), back=redirect("registry:exemplar_detail", pk=pk),
        run=lambda data: services.transition_exemplar(
            exemplar=target, name=name, acting_user=request.user,
            reason=data.get("reason", ""), legal_basis=data.get("legal_basis", ""),
            expected_version=data.get("version"),
        ),
    )
