"""The bulk import of annual ratings from an Excel file, and the sample file it offers.

Upload → preview with per-row errors → apply, all or nothing. Between the two the file waits in
``uploads.staging`` (never in the session); the form carries only its token.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import requires
from core.errors import DomainError
from evaluation import services
from evaluation.forms import RatingImportForm
from registry.enums import ExemplarKind
from registry.models import Registration
from uploads import staging
from uploads.tables import xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RATING_IMPORT = "evaluation.rating_import"  # the staging purpose


def _registration(request, pk, **_kwargs) -> Registration:
    return get_object_or_404(Registration.objects.select_related("unit", "campaign__pack"), pk=pk)


@requires("evaluation.import_ratings", obj=_registration)
def rating_import(request, pk, target: Registration):
    form, rows, token = RatingImportForm(), None, ""
    if request.method == "POST" and "apply" in request.POST:
        token = request.POST.get("token", "")
        staged = staging.load(token, user_id=request.user.pk, purpose=RATING_IMPORT,
                              object_id=target.pk)
        if staged is None:
            messages.error(request, staging.EXPIRED)
        else:
            staging.discard(token)
            try:
                count = services.apply_rating_import(registration=target, filename=staged.name,
                                                     data=staged.data, acting_user=request.user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã nhập %(n)s dòng xếp loại.") % {"n": count})
                return redirect("registry:registration_detail", pk=pk)
        token = ""
    elif request.method == "POST":
        form = RatingImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                rows = services.preview_rating_import(registration=target, filename=upload.name,
                                                      data=data, acting_user=request.user)
            except DomainError as error:
                form.add_error("file", error.message)
            else:
                if rows and not any(r.errors for r in rows):
                    try:
                        token = staging.stage(name=upload.name, data=data,
                                              user_id=request.user.pk, purpose=RATING_IMPORT,
                                              object_id=target.pk, version=target.version)
                    except staging.StagingFull as full:
                        form.add_error("file", full.message)
                        rows = None
    return render(request, "evaluation/rating_import.html", {
        "registration": target, "form": form, "rows": rows, "token": token,
        "has_errors": any(r.errors for r in rows or []),
        "levels": [lv.label for lv in target.campaign.pack.pack.ratings],
    })


def sample_rows(registration: Registration) -> list[tuple[str, int, str]]:
    """The registration's individuals with last year filled in and the rating left for the
    clerk: the file imports as soon as each "Xếp loại" is written. Without individuals yet, one
    example row (which the import refuses until that person is in the registration)."""
    year = timezone.localdate().year - 1
    names = registration.exemplars.filter(kind=ExemplarKind.INDIVIDUAL).order_by(
        "position", "pk").values_list("name", flat=True)
    pack = registration.campaign.pack.pack
    example = pack.ratings[1].label if len(pack.ratings) > 1 else ""
    return [(name, year, "") for name in names] or [("Lò Thị Hoa", year, example)]


@requires("evaluation.import_ratings", obj=_registration)
def rating_import_sample(request, pk, target: Registration):
    """A sample .xlsx: the three columns the import reads, written by the one table writer."""
    content = xlsx_bytes(_("Xếp loại hằng năm"), [_("Họ và tên"), _("Năm"), _("Xếp loại")],
                         sample_rows(target))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-xep-loai.xlsx"'
    return response
