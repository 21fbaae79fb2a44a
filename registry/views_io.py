"""Download the Biểu đăng ký (DOCX/PDF/XLSX, blank templates) and import a filled one.

Import is two steps: upload → preview (entries, errors by row and column, whose form the file
is, added / changed / kept / removed) → confirm, which applies everything in one transaction.
Between the two the file waits server-side under a random token (``uploads.staging``);
confirming a preview made before the registration changed is refused. Deleting entries and
importing a file that names another unit each need their own checkbox on the confirmation;
without it nothing is applied and the preview is shown again with the reason.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import requires
from core.errors import DomainError
from registry import import_flow
from registry.enums import ExemplarKind
from registry.io.export import BLANK_FORMATS, CONTENT_TYPES, document_response
from registry.models import Registration
from uploads import staging

STAGING_PURPOSE = import_flow.STAGING_PURPOSE


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Biểu đăng ký đã điền (.docx hoặc .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx"}),
    )


def _registration(request, pk, **_kwargs) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("unit", "unit__parent", "campaign",
                                            "campaign__pack"), pk=pk
    )


def _download(doc, fmt: str) -> HttpResponse:
    return document_response(doc, fmt)


@requires("registry.view_registration", obj=_registration)
def registration_export(request, pk, fmt, target: Registration):
    if fmt not in CONTENT_TYPES:
        raise Http404
    from registry.io.document import registration_document

    return _download(registration_document(target), fmt)


@requires("registry.view_registration", obj=_registration)
def registration_blank(request, pk, fmt, target: Registration):
    if fmt not in BLANK_FORMATS:
        raise Http404
    from registry.io.document import blank_document

    return _download(blank_document(target.unit, target.campaign.pack.pack), fmt)


def _section_label(kind: str | None) -> str:
    return str(ExemplarKind(kind).label) if kind in ExemplarKind.values else ""


def preview_context(registration: Registration, preview, name: str) -> dict:
    from registry.io.document import field_choice

    pack = registration.campaign.pack.pack

    def row(entry) -> dict:
        shown = field_choice(pack, entry.field) if entry.field else entry.field_text
        return {"entry": entry, "section": _section_label(entry.section), "field": shown,
                "field_ok": entry.field is not None}

    sections = []
    for kind in ExemplarKind.values:
        rows = [row(e) for e in preview.entries if e.section == kind]
        if rows:
            sections.append({"label": _section_label(kind), "rows": rows})
    return {
        "registration": registration, "preview": preview, "file_name": name,
        "sections": sections, "added": [row(e) for e in preview.added],
        "errors": [{"section": _section_label(e.section), "error": e} for e in preview.errors],
        "kept": [_section_label(k) for k in preview.kept_sections],
        "unit_check": preview.unit_check,
    }


def _show_preview(request, target: Registration, preview, name: str, *, token: str = "",
                  refusal: str = ""):
    context = preview_context(target, preview, name)
    context["refusal"] = refusal
    if token:
        context["token"] = token
    return render(request, "registry/io/import_preview.html", context)


@requires("registry.change_registration", obj=_registration)
def registration_import(request, pk, target: Registration):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        refusal = import_flow.size_refusal(upload.size)
        if refusal:
            form.add_error("file", refusal)
        else:
            try:
                preview, token = import_flow.preview_upload(
                    registration=target, name=upload.name, data=upload.read(),
                    user_id=request.user.pk)
            except staging.StagingFull as full:
                form.add_error("file", full.message)
            else:
                return _show_preview(request, target, preview, upload.name, token=token)
    return render(request, "registry/io/import_upload.html", {
        "registration": target, "form": form, "limit_mb": import_flow.upload_limit() // 1048576,
    })


@require_POST
@requires("registry.change_registration", obj=_registration)
def registration_import_confirm(request, pk, target: Registration):
    token = request.POST.get("token", "")
    try:
        done = import_flow.confirm_staged(
            registration=target, token=token, acting_user=request.user,
            allow_delete=request.POST.get("allow_delete") == "1",
            allow_other_unit=request.POST.get("allow_other_unit") == "1")
    except import_flow.PlanRefused as refused:
        # A confirmation was missing: the same preview again, with the reason, same token.
        return _show_preview(request, target, refused.preview, refused.name, token=token,
                             refusal=refused.message)
    except DomainError as error:  # expired token, changed registration, a file with errors
        messages.error(request, error.message)
        return redirect("registry:registration_import", pk=pk)
    result = done.result
    messages.success(request, _("Đã nhập biểu đăng ký từ tệp “%(name)s”: thêm %(added)s, sửa "
                                "%(changed)s, xóa %(removed)s mục.")
                     % {"name": done.name, "added": result.added, "changed": result.changed,
                        "removed": result.removed})
    return redirect("registry:registration_detail", pk=pk)
