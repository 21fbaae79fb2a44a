"""The award history on the web: the two catalogues (danh hiệu thi đua, hình thức khen thưởng —
two lists, never mixed), the subjects' list and page, manual entry and the XLSX import of earlier
years. Views are thin: the services decide, check and log."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import requires
from audit.selectors import history_of
from awards import importing, selectors, services
from awards.forms import (
    CatalogueEntryForm,
    CloseEntryForm,
    ImportForm,
    RecordForm,
    SubjectFilterForm,
)
from awards.models import AwardSubject, CommendationForm, EmulationTitle
from core.errors import DomainError
from uploads import staging

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# URL slug → catalogue key of ``services.CATALOGUES``
SLUGS = {"danh-hieu": "titles", "hinh-thuc": "forms"}
LABELS = {"titles": gettext_lazy("Danh hiệu thi đua"), "forms": gettext_lazy("Hình thức khen thưởng")}


def _catalogue(slug: str) -> str:
    try:
        return SLUGS[slug]
    except KeyError:
        raise Http404 from None


def _subject(request, pk, **_kwargs) -> AwardSubject:
    return get_object_or_404(AwardSubject.objects.select_related("unit", "org_unit"), pk=pk)


def _invalid(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


# --- catalogues ----------------------------------------------------------------------------------

@requires("awards.view_catalogue")
def catalogue_index(request):
    can_manage = request.user.has_perm("awards.manage_catalogue")
    return render(request, "awards/catalogue.html", {
        "titles": selectors.catalogue(EmulationTitle),
        "forms": selectors.catalogue(CommendationForm),
        "can_manage": can_manage, "close_form": CloseEntryForm(),
    })


def _entry_initial(entry) -> dict:
    initial = {f: getattr(entry, f) for f in (*services.FIELDS, "code")}
    if isinstance(entry, CommendationForm):
        initial["counts_as_recognition"] = entry.counts_as_recognition
    return initial


@requires("awards.manage_catalogue")
def entry_edit(request, catalogue, pk=None):
    key = _catalogue(catalogue)
    model = services.catalogue_model(key)
    entry = get_object_or_404(model, pk=pk) if pk is not None else None
    form = CatalogueEntryForm(request.POST or None,
                              initial=_entry_initial(entry) if entry else None)
    if key == "titles":
        del form.fields["counts_as_recognition"]
    if request.method == "POST" and form.is_valid():
        try:
            services.save_catalogue_entry(catalogue=key, entry=entry, values=form.cleaned_data,
                                          acting_user=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã lưu mục của danh mục."))
            response = redirect("award_catalogue:catalogue")
            response["Location"] += f"#{catalogue}"
            return response
    return render(request, "awards/entry_form.html", {
        "form": form, "entry": entry, "catalogue": catalogue, "label": LABELS[key],
        "history": history_of(entry) if entry else [],
    })


@require_POST
@requires("awards.manage_catalogue")
def entry_close(request, catalogue, pk):
    key = _catalogue(catalogue)
    entry = get_object_or_404(services.catalogue_model(key), pk=pk)
    form = CloseEntryForm(request.POST)
    if form.is_valid():
        try:
            services.close_catalogue_entry(catalogue=key, entry=entry,
                                           valid_to=form.cleaned_data["valid_to"],
                                           acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã ghi ngày hết hiệu lực của “%(name)s”.")
                             % {"name": entry.name})
    else:
        _invalid(request, form)
    return redirect("award_catalogue:catalogue")


# --- subjects ------------------------------------------------------------------------------------

@requires("awards.view_subject_list")
def subject_list(request):
    form = SubjectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    subjects = selectors.subject_list(request.user, q=filters.get("q", ""),
                                      kind=filters.get("kind", ""), unit=filters.get("unit", ""))
    page = Paginator(subjects, 50).get_page(request.GET.get("page"))
    return render(request, "awards/subject_list.html", {
        "form": form, "page": page,
        "can_import": request.user.has_perm("awards.import_history"),
    })


@requires("awards.view_subject", obj=_subject)
def subject_detail(request, pk, target: AwardSubject):
    titles, forms = selectors.records_of(target)
    can_enter = request.user.has_perm("awards.enter_record", target)
    return render(request, "awards/subject_detail.html", {
        "subject": target, "titles": titles, "forms": forms,
        "exemplars": selectors.exemplars_of(target),
        "can_enter": can_enter,
        "record_form": RecordForm(subject=target) if can_enter else None,
        "history": history_of(target),
    })


@require_POST
@requires("awards.enter_record", obj=_subject)
def record_add(request, pk, target: AwardSubject):
    form = RecordForm(request.POST, subject=target)
    if not form.is_valid():
        _invalid(request, form)
        return redirect("awards:subject_detail", pk=pk)
    data = form.cleaned_data
    kind, _sep, entry_id = data["award"].partition(":")
    model = EmulationTitle if kind == "title" else CommendationForm
    entry = model.objects.filter(pk=entry_id).first() if entry_id.isdigit() else None
    if entry is None:
        messages.error(request, _("Chọn một danh hiệu thi đua hoặc một hình thức khen thưởng."))
        return redirect("awards:subject_detail", pk=pk)
    try:
        services.enter_record(
            subject=target, title=entry if kind == "title" else None,
            form=entry if kind != "title" else None, year=data["year"],
            decision_number=data["decision_number"], decision_date=data["decision_date"],
            issuer=data["issuer"], achievement=data["achievement"], field_key=data["field_key"],
            acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi vào hồ sơ thành tích."))
    return redirect("awards:subject_detail", pk=pk)


def _linked_exemplar(request, exemplar_id, **_kwargs):
    from registry.models import Exemplar

    return get_object_or_404(Exemplar.objects.select_related("registration__unit"),
                             pk=exemplar_id)


@requires("registry.view_exemplar", obj=_linked_exemplar)
def exemplar_history(request, exemplar_id, target):
    """From an exemplar to its subject's history (the link an exemplar page may show): only an
    existing subject — reading never creates one."""
    subject = services.subject_for_exemplar(exemplar=target, create=False)
    if subject is None or not request.user.has_perm("awards.view_subject", subject):
        messages.info(request, _("Điển hình này chưa có hồ sơ thành tích."))
        return redirect("registry:exemplar_detail", pk=target.pk)
    return redirect("awards:subject_detail", pk=subject.pk)


# --- import --------------------------------------------------------------------------------------

IMPORT_OBJECT = 0  # the staging object id: the import is not about one object


@requires("awards.import_history")
def history_import(request):
    form, rows, token = ImportForm(), None, ""
    if request.method == "POST" and "apply" in request.POST:
        token = request.POST.get("token", "")
        staged = staging.load(token, user_id=request.user.pk, purpose=importing.PURPOSE,
                              object_id=IMPORT_OBJECT)
        if staged is None:
            messages.error(request, staging.EXPIRED)
        else:
            staging.discard(token)
            try:
                count = importing.apply_history_import(filename=staged.name, data=staged.data,
                                                       acting_user=request.user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã nhập %(n)s dòng vào hồ sơ thành tích.")
                                 % {"n": count})
                return redirect("awards:subject_list")
        token = ""
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                rows = importing.preview_history_import(filename=upload.name, data=data,
                                                        acting_user=request.user)
            except DomainError as error:
                form.add_error("file", error.message)
            else:
                if rows and not any(r.errors for r in rows):
                    try:
                        token = staging.stage(name=upload.name, data=data,
                                              user_id=request.user.pk, purpose=importing.PURPOSE,
                                              object_id=IMPORT_OBJECT)
                    except staging.StagingFull as full:
                        form.add_error("file", full.message)
                        rows = None
    return render(request, "awards/import.html", {
        "form": form, "rows": rows, "token": token,
        "has_errors": any(r.errors for r in rows or []),
        "columns": [str(h) for _k, h in importing.COLUMNS],
    })


@requires("awards.import_history")
def import_template(request):
    response = HttpResponse(importing.template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-so-thanh-tich.xlsx"'
    return response


