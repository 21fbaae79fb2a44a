"""The public site (no login): gallery with filters and search, detail, CSV/JSON open data,
Atom feed, sitemap — every one reads through ``publication.public`` only. And the standing
office's pages: prepare, edit, submit, approve (another person), return, unpublish."""


from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import public, requires
from audit.selectors import history_of
from core.errors import DomainError
from core.forms import ReasonForm
from publication import selectors, services
from publication.forms import GalleryFilterForm, PublicationForm
from publication.models import Publication
from publication.public import (
    LICENCE,
    LICENCE_HOLDER,
    PUBLIC_FIELDS,
    kind_label,
    public_record,
    published,
)
from publication.workflow import PUBLICATION_TRANSITIONS
from registry.models import Exemplar

# --- the public side -------------------------------------------------------------------------

@public
@require_GET
def gallery(request):
    form = GalleryFilterForm(request.GET or None)
    wanted = form.cleaned_data if form.is_valid() else {}
    items = selectors.public_gallery(q=wanted.get("q", ""), field=wanted.get("linh_vuc", ""),
                                     kind=wanted.get("loai", ""), unit=wanted.get("don_vi"),
                                     year=wanted.get("nam"))
    page = Paginator(items, selectors.PAGE_SIZE).get_page(request.GET.get("trang"))
    facets = selectors.public_facets()
    return render(request, "publication/gallery.html", {
        "form": form, "page": page, "records": [public_record(p) for p in page.object_list],
        "facets": facets, "kinds": [(k, kind_label(k)) for k in facets["kinds"]],
        "wanted": wanted,
    })


def _published_or_404(pk: int) -> Publication:
    pub = published().filter(pk=pk).first()
    if pub is None:
        raise Http404
    return pub


@public
@require_GET
def detail(request, pk):
    record = public_record(_published_or_404(pk))
    return render(request, "publication/detail.html", {
        "record": record, "labels": {f.key: f.label for f in PUBLIC_FIELDS},
        "canonical": request.build_absolute_uri(reverse("publication:detail", args=[pk])),
    })


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _published_records():
    """Every published record, read in chunks from a cursor: the open data of a whole country
    streams in constant memory."""
    for publication in published().order_by("pk").iterator(chunk_size=1000):
        yield public_record(publication)


@public
@require_GET
def data_csv(request):
    from uploads.tables import csv_chunks

    licence = ([_("Giấy phép: %(licence)s. Nguồn: %(holder)s.")
                % {"licence": LICENCE, "holder": LICENCE_HOLDER}]
               + [""] * (len(PUBLIC_FIELDS) - 1))

    def rows():
        for record in _published_records():
            yield [_plain(record[f.key]) for f in PUBLIC_FIELDS]
        yield licence

    response = StreamingHttpResponse(csv_chunks([str(f.label) for f in PUBLIC_FIELDS], rows()),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dien-hinh-cong-khai.csv"'
    return response


@public
@require_GET
def data_json(request):
    from uploads.tables import json_chunks

    head = {"licence": LICENCE, "source": LICENCE_HOLDER,
            "fields": {f.key: str(f.label) for f in PUBLIC_FIELDS}}
    items = ({k: _plain(v) for k, v in record.items()} for record in _published_records())
    return StreamingHttpResponse(json_chunks(head, "items", items),
                                 content_type="application/json; charset=utf-8")


class PublicationFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Điển hình tiên tiến tỉnh Lai Châu — bài mới công khai")

    def subtitle(self):
        return _("Giấy phép: %(licence)s") % {"licence": LICENCE}

    def link(self):
        return reverse("publication:gallery")

    def items(self):
        return [public_record(p) for p in published().order_by("-published_at", "-pk")[:50]]

    def item_title(self, item):
        return item["name"]

    def item_description(self, item):
        return item["story"][:500]

    def item_link(self, item):
        return reverse("publication:detail", args=[item["id"]])

    def item_pubdate(self, item):
        return item["published_at"]

    def item_updateddate(self, item):
        return item["published_at"]


feed = public(require_GET(PublicationFeed()))


@public
@require_GET
def sitemap(request):
    urls = [(request.build_absolute_uri(reverse("publication:gallery")), None)]
    urls += [(request.build_absolute_uri(reverse("publication:detail", args=[r["id"]])),
              r["published_at"]) for r in (public_record(p) for p in published().order_by("pk"))]
    return render(request, "publication/sitemap.xml", {"urls": urls},
                  content_type="application/xml; charset=utf-8")


# --- the standing office's side --------------------------------------------------------------

def _pub(request, pk, **_kwargs) -> Publication:
    return get_object_or_404(Publication.objects.select_related(
        "exemplar", "prepared_by", "approved_by", "unpublished_by", "consent_recorded_by"), pk=pk)


def _back(pk: int):
    return redirect("publication:staff_detail", pk=pk)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _form_kwargs(data) -> dict:
    return {"story": data.get("story", ""), "consent_recorded": data.get("consent_recorded", False),
            "consent_given_by": data.get("consent_given_by", ""),
            "consent_on": data.get("consent_on"), "consent_method": data.get("consent_method", "")}


@requires("publication.view_publication")
def staff_list(request):
    state = request.GET.get("trang_thai", "")
    return render(request, "publication/staff_list.html", {
        "publications": selectors.staff_publications(state, request.user)[:200],
        "exemplars": selectors.publishable_exemplars(request.user)[:200],
        "form": PublicationForm(),
    })


@require_POST
@requires("publication.prepare_publication")
def prepare(request, exemplar_id):
    exemplar = get_object_or_404(Exemplar, pk=exemplar_id)
    form = PublicationForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("publication:staff_list")
    try:
        pub = services.prepare_publication(exemplar=exemplar, acting_user=request.user,
                                           **_form_kwargs(form.cleaned_data))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("publication:staff_list")
    messages.success(request, _("Đã chuẩn bị bài công khai."))
    return _back(pub.pk)


@requires("publication.view_publication", obj=_pub)
def staff_detail(request, pk, target: Publication):
    form = PublicationForm(initial={
        "story": target.story, "consent_recorded": target.consent_recorded,
        "consent_given_by": target.consent_given_by, "consent_on": target.consent_on,
        "consent_method": target.consent_method, "version": target.version})
    steps = [t for t in PUBLICATION_TRANSITIONS.values()
             if target.state in t.sources and request.user.has_perm(t.permission, target)]
    return render(request, "publication/staff_detail.html", {
        "pub": target, "record": public_record(target), "form": form, "steps": steps,
        "labels": {f.key: f.label for f in PUBLIC_FIELDS},
        "can_edit": request.user.has_perm("publication.change_publication", target),
        "history": history_of(target),
    })


@require_POST
@requires("publication.change_publication", obj=_pub)
def update(request, pk, target: Publication):
    form = PublicationForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(pk)
    try:
        services.update_publication(publication=target, acting_user=request.user,
                                    expected_version=form.cleaned_data.get("version"),
                                    **_form_kwargs(form.cleaned_data))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã lưu."))
    return _back(pk)


@require_POST
@requires("publication.view_publication", obj=_pub)
def transition(request, pk, name, target: Publication):
    from registry.views_lifecycle import take_step

    return take_step(
        request, table=PUBLICATION_TRANSITIONS, name=name, target=target,
        form=ReasonForm(request.POST), back=_back(pk),
        run=lambda data: services.transition_publication(
            publication=target, name=name, acting_user=request.user,
            reason=data.get("reason", ""), expected_version=data.get("version")))
