"""Propagation on the web (/tuyen-truyen/): the list of introductions with filters, the form
that records one for an exemplar, its page (status, files), the channels page (the standing
office adds one) and the media kits (choose exemplars → the letter as DOCX and PDF). Views are
thin: the services decide and log."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import requires
from audit.selectors import history_of
from core.errors import DomainError
from orgs.selectors import units_visible_to
from propagation import selectors, services
from propagation.forms import ChannelForm, FilterForm, IntroductionForm, MediaKitForm, StatusForm
from propagation.models import Channel, Introduction, IntroductionAttachment, MediaKit
from propagation.workflow import STATUS_TRANSITIONS, allowed_targets
from registry.enums import ExemplarState
from registry.models import Exemplar
from uploads import private

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KIT_STATES = (ExemplarState.REGISTERED, ExemplarState.FOSTERING, ExemplarState.PROPOSED,
              ExemplarState.RECOGNISED)


def _exemplar(request, exemplar_id, **_kwargs) -> Exemplar:
    return get_object_or_404(Exemplar.objects.select_related("registration__unit"),
                             pk=exemplar_id)


def _introduction(request, pk, **_kwargs) -> Introduction:
    return get_object_or_404(Introduction.objects.select_related(
        "exemplar__registration__unit", "channel", "recorded_by"), pk=pk)


def _attachment_introduction(request, pk, **_kwargs) -> Introduction:
    attachment = get_object_or_404(IntroductionAttachment.objects.select_related(
        "introduction__exemplar__registration__unit"), pk=pk)
    request._propagation_attachment = attachment
    return attachment.introduction


def _kit(request, pk, **_kwargs) -> MediaKit:
    return get_object_or_404(MediaKit.objects.select_related("channel"), pk=pk)


@requires("propagation.view_list")
def introduction_list(request):
    units = units_visible_to(request.user).order_by("name")
    form = FilterForm(request.GET or None, units=units)
    wanted = form.cleaned_data if form.is_valid() else {}
    found = selectors.introduction_list(
        request.user, channel=wanted.get("channel"), status=wanted.get("status") or "",
        unit=wanted.get("unit"), field_key=wanted.get("field") or "")
    page = Paginator(found, 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "propagation/introduction_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_kit": request.user.has_perm("propagation.make_media_kit"),
        "can_channels": request.user.has_perm("propagation.manage_channels")})


@requires("propagation.record_introduction", obj=_exemplar)
def introduction_create(request, exemplar_id, target: Exemplar):
    channels = selectors.channels_valid_on(timezone.localdate())
    form = IntroductionForm(request.POST or None, request.FILES or None, channels=channels,
                            initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            introduction = services.record_introduction(
                exemplar=target, channel=data["channel"], sent_on=data["sent_on"],
                content=data["content"], note=data["note"], uploads=data["files"],
                acting_user=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Đã ghi nhận lượt giới thiệu điển hình."))
            return redirect("propagation:introduction_detail", pk=introduction.pk)
    return render(request, "propagation/introduction_form.html",
                  {"exemplar": target, "form": form})


@requires("propagation.view_introduction", obj=_introduction)
def introduction_detail(request, pk, target: Introduction):
    can_change = request.user.has_perm("propagation.change_introduction", target)
    steps = [(status, STATUS_TRANSITIONS[(target.status, status)])
             for status in allowed_targets(target.status)] if can_change else []
    return render(request, "propagation/introduction_detail.html", {
        "introduction": target, "attachments": list(target.attachments.all()),
        "steps": steps, "status_form": StatusForm(initial={"version": target.version}),
        "history": history_of(target)})


@require_POST
@requires("propagation.change_introduction", obj=_introduction)
def introduction_status(request, pk, target: Introduction):
    form = StatusForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("propagation:introduction_detail", pk=pk)
    data = form.cleaned_data
    try:
        services.change_status(introduction=target, status=data["status"],
                               published_url=data["published_url"],
                               broadcast_on=data["broadcast_on"], note=data["note"] or None,
                               expected_version=data["version"], acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã cập nhật trạng thái lượt giới thiệu."))
    return redirect("propagation:introduction_detail", pk=pk)


@requires("propagation.view_introduction", obj=_attachment_introduction)
def attachment_download(request, pk, target: Introduction):
    attachment = getattr(request, "_propagation_attachment", None)
    if attachment is None or attachment.pk != pk:
        raise Http404
    return private.download(attachment.file, filename=attachment.original_name,
                            content_type=attachment.content_type)


@requires("propagation.view_channels")
def channel_list(request):
    can_add = request.user.has_perm("propagation.manage_channels")
    form = ChannelForm(request.POST or None)
    if request.method == "POST":
        if not can_add:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_channel(name=data["name"], kind=data["kind"], code=data["code"],
                                     address=data["address"], valid_from=data["valid_from"],
                                     valid_to=data["valid_to"], acting_user=request.user)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None,
                               error.message)
            else:
                messages.success(request, _("Đã thêm kênh tuyên truyền."))
                return redirect("propagation:channel_list")
    return render(request, "propagation/channel_list.html", {
        "channels": Channel.objects.order_by("sort_order", "name"), "form": form,
        "can_add": can_add, "today": timezone.localdate()})


def _kit_exemplars():
    return (Exemplar.objects.filter(state__in=KIT_STATES)
            .select_related("registration__unit").order_by("registration__unit__name", "name"))


@requires("propagation.make_media_kit")
def kit_create(request):
    form = MediaKitForm(request.POST or None, exemplars=_kit_exemplars(),
                        initial={"dated": timezone.localdate(), "signer_title": "GIÁM ĐỐC",
                                 "exemplars": request.GET.getlist("dien_hinh")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            kit = services.create_media_kit(
                channel=data["channel"], exemplars=list(data["exemplars"]),
                number=data["number"], dated=data["dated"], subject=data["subject"],
                body=data["body"], signer_title=data["signer_title"],
                signer_name=data["signer_name"], acting_user=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Đã lập bộ tài liệu giới thiệu."))
            return redirect("propagation:kit_detail", pk=kit.pk)
    return render(request, "propagation/kit_form.html", {
        "form": form, "kits": selectors.media_kits()[:20]})


@requires("propagation.view_media_kit", obj=_kit)
def kit_detail(request, pk, target: MediaKit):
    from propagation.document import number_line

    return render(request, "propagation/kit_detail.html", {
        "kit": target, "number_line": number_line(target),
        "entries": selectors.kit_entries(target)})


@requires("propagation.view_media_kit", obj=_kit)
def kit_docx(request, pk, target: MediaKit):
    from propagation.document import file_stem
    from propagation.docx import render_kit_docx

    response = HttpResponse(render_kit_docx(target), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{file_stem(target)}.docx"'
    return response


@requires("propagation.view_media_kit", obj=_kit)
def kit_pdf(request, pk, target: MediaKit):
    from propagation.document import file_stem
    from propagation.pdf import render_kit_pdf

    response = HttpResponse(render_kit_pdf(target), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_stem(target)}.pdf"'
    return response
