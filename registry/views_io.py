"""Download the Biểu đăng ký (DOCX/PDF/XLSX, blank templates) and import a filled one.

Import is two steps: upload → preview (entries, errors by row and column, whose form the file
is, added / changed / kept / removed) → confirm, which applies everything in one transaction.
Between the two the file waits server-side under a random token (``uploads.staging``);
confirming a preview made before the registration changed is refused. Deleting entries and
importing a file that names another unit each need their own checkbox on the confirmation;
without it nothing is applied and the preview is shown again with the reason.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import requires
from core.errors import DomainError, StaleVersion
from registry.enums import ExemplarKind
from registry.io.export import BLANK_FORMATS, CONTENT_TYPES, render_document
from registry.models import Registration
from registry.services.form_import import apply_import, preview_import
from uploads import staging
from uploads.safety import MAX_BYTES

STAGING_PURPOSE = "registry.import"


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
    response = HttpResponse(render_document(doc, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{doc.file_stem}.{fmt}"'
    return response


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


def _limit() -> int:
    return getattr(settings, "MAX_UPLOAD_BYTES", MAX_BYTES)


def _section_label(kind: str | None) -> str:
    return str(ExemplarKind(kind).label) if kind in ExemplarKind.values else ""


def _preview_context(registration: Registration, preview, name: str) -> dict:
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
    context = _preview_context(target, preview, name)
    context["refusal"] = refusal
    if token:
        context["token"] = token
    return render(request, "registry/io/import_preview.html", context)


@requires("registry.change_registration", obj=_registration)
def registration_import(request, pk, target: Registration):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > _limit():
            form.add_error("file", _("Tệp quá lớn (%(size)s MB); chỉ nhận tệp đến %(limit)s MB.")
                           % {"size": f"{upload.size / 1048576:.1f}",
                              "limit": _limit() // 1048576})
        else:
            from registry.io.reader import read_upload

            data = upload.read()
            parsed = read_upload(upload.name, data, target.campaign.pack.pack)
            preview = preview_import(registration=target, parsed=parsed)
            token = ""
            try:
                if preview.can_apply:
                    token = staging.stage(
                        name=upload.name, data=data, user_id=request.user.pk,
                        purpose=STAGING_PURPOSE, object_id=target.pk, version=target.version,
                    )
            except staging.StagingFull as full:
                form.add_error("file", full.message)
            else:
                return _show_preview(request, target, preview, upload.name, token=token)
    return render(request, "registry/io/import_upload.html", {
        "registration": target, "form": form, "limit_mb": _limit() // 1048576,
    })


@require_POST
@requires("registry.change_registration", obj=_registration)
def registration_import_confirm(request, pk, target: Registration):
    token = request.POST.get("token", "")
    staged = staging.load(token, user_id=request.user.pk, purpose=STAGING_PURPOSE,
                          object_id=target.pk)
    if staged is None:
        messages.error(request, staging.EXPIRED)
        return redirect("registry:registration_import", pk=pk)
    from registry.io.reader import read_upload

    parsed = read_upload(staged.name, staged.data, target.campaign.pack.pack)
    try:
        result = apply_import(registration=target, parsed=parsed, acting_user=request.user,
                              expected_version=staged.version, source_name=staged.name,
                              allow_delete=request.POST.get("allow_delete") == "1",
                              allow_other_unit=request.POST.get("allow_other_unit") == "1")
    except StaleVersion as error:
        staging.discard(token)
        messages.error(request, error.message)
        return redirect("registry:registration_import", pk=pk)
    except DomainError as error:
        if parsed.unusable or parsed.errors:
            messages.error(request, error.message)
            return redirect("registry:registration_import", pk=pk)
        # A confirmation was missing: the same preview again, with the reason, same token.
        preview = preview_import(registration=target, parsed=parsed)
        return _show_preview(request, target, preview, staged.name, token=token,
                             refusal=error.message)
    staging.discard(token)
    messages.success(request, _("Đã nhập biểu đăng ký từ tệp “%(name)s”: thêm %(added)s, sửa "
                                "%(changed)s, xóa %(removed)s mục.")
                     % {"name": staged.name, "added": result.added, "changed": result.changed,
                        "removed": result.removed})
    return redirect("registry:registration_detail", pk=pk)
