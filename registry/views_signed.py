"""Signed registrations: the head uploads the signed form; whoever sees the registration lists
and downloads what was attached, with the verification result."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from core.errors import DomainError
from registry import signatures
from registry.models import Registration, SignatureStatus
from uploads import private


def _registration(request: HttpRequest, pk: int, **_kwargs) -> Registration:
    return get_object_or_404(Registration.objects.select_related("unit", "campaign"), pk=pk)


def signed_forms_context(registration: Registration, user) -> dict:
    """What ``registry/signed/_signed_forms.html`` needs, for any page that includes it."""
    return {
        "registration": registration,
        "signed_forms": list(signatures.signed_forms_of(registration)),
        "can_attach": user.has_perm(signatures.ATTACH_PERMISSION, registration),
        "max_upload_mb": settings.MAX_UPLOAD_BYTES // 2**20,
    }


@requires("registry.view_registration", obj=_registration)
def signed_form_list(request: HttpRequest, pk: int, target: Registration) -> HttpResponse:
    return render(request, "registry/signed/list.html", signed_forms_context(target, request.user))


@require_POST
@requires(signatures.ATTACH_PERMISSION, obj=_registration)
def signed_form_upload(request: HttpRequest, pk: int, target: Registration) -> HttpResponse:
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Hãy chọn tệp PDF của biểu đăng ký đã ký."))
        return redirect(_back(request, target))
    try:
        signed_form = signatures.attach_signed_form(
            registration=target, uploaded_file=uploaded, acting_user=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        status = SignatureStatus(signed_form.status)
        messages.success(request, _("Đã đính kèm biểu đăng ký đã ký. Kết quả kiểm tra: "
                                    "%(status)s.") % {"status": status.label})
    return redirect(_back(request, target))


@requires("registry.view_registration", obj=_registration)
def signed_form_download(request: HttpRequest, pk: int, form_id: int,
                         target: Registration) -> HttpResponse:
    signed_form = get_object_or_404(target.signed_forms, pk=form_id)
    # Always an attachment: an uploaded PDF is never rendered inside the application's origin.
    return private.download(signed_form.file, filename=signed_form.original_name,
                            content_type="application/pdf")


def _back(request: HttpRequest, registration: Registration) -> str:
    """Back to the page the form was on: the registration page or the signed-forms page."""
    name = "signed_form_list" if request.POST.get("next") == "list" else "registration_detail"
    return reverse(f"registry:{name}", args=[registration.pk])
