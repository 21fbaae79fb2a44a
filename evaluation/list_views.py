"""The standing office's published lists: upload → preview (every row, its unit, its value;
the unmatched rows with candidates to pick) → apply; the lists imported, each with its rows and
its file. Between preview and apply the file waits in ``uploads.staging``; the form carries its
token, the kind, the year, the day and the picks — the apply reads the file again with them."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import roles
from accounts.access import requires
from core.errors import DomainError, MalformedInput
from core.forms import number
from evaluation import lists
from evaluation import models as m
from evaluation.forms import PublishedListForm
from uploads import staging
from uploads.private import download

PURPOSE = "evaluation.published_list"  # the staging purpose
TYPES = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _picks(post) -> dict[int, int]:
    picks = {}
    for key, value in post.items():
        if key.startswith("pick-") and value:
            picks[number({"r": key[5:]}, "r")] = number({"u": value}, "u")
    return picks


def _as_of(raw: str) -> datetime.date | None:
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise MalformedInput(_("Ngày “%(value)s” không hợp lệ; yêu cầu không được thực hiện.")
                             % {"value": raw[:20]}) from None


def _visible_lists(user):
    """The lists with at least one row in the user's scope, newest first."""
    entries = roles.scoped(m.PublishedValue.objects.all(), user, "unit__tree_path")
    return (m.PublishedList.objects.filter(pk__in=entries.values("published_list_id"))
            .select_related("imported_by").order_by("-imported_at", "-pk"))


def _page(request, form, preview=None, token="", staged=None):
    kinds = {k.key: k.label for k in lists.list_kinds()}
    history = [(item, kinds.get(item.kind, item.kind)) for item in _visible_lists(request.user)[:50]]
    return render(request, "evaluation/published_lists.html", {
        "form": form, "preview": preview, "token": token, "staged": staged,
        "history": history, "kinds": lists.kinds_offered(),
    })


@requires("evaluation.import_published_list")
def published_lists(request):
    form = PublishedListForm()
    if request.method != "POST":
        return _page(request, form)
    if "token" in request.POST:
        return _apply_or_repreview(request)
    form = PublishedListForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["file"]
    data = upload.read()
    values = {"kind": form.cleaned_data["kind"], "year": form.cleaned_data["year"],
              "as_of": form.cleaned_data["as_of"]}
    try:
        preview = lists.preview_list(filename=upload.name, data=data, acting_user=request.user,
                                     **values)
        token = staging.stage(name=upload.name, data=data, user_id=request.user.pk,
                              purpose=PURPOSE, object_id=0)
    except DomainError as error:
        form.add_error("file" if error.field in (None, "file") else error.field, error.message)
        return _page(request, form)
    except staging.StagingFull as full:
        form.add_error("file", full.message)
        return _page(request, form)
    return _page(request, form, preview, token, {"name": upload.name, **values})


def _apply_or_repreview(request):
    """The preview's form: "Xem lại" reads the staged file again with the picks; "Nhập"
    applies it (all or nothing)."""
    post = request.POST
    token = post.get("token", "")
    staged = staging.load(token, user_id=request.user.pk, purpose=PURPOSE, object_id=0)
    form = PublishedListForm()
    if staged is None:
        messages.error(request, staging.EXPIRED)
        return redirect("evaluation:published_lists")
    values = {"kind": post.get("kind", ""), "year": number(post, "year"),
              "as_of": _as_of(post.get("as_of", ""))}
    picks = _picks(post)
    try:
        if "apply" in post:
            record = lists.apply_list(filename=staged.name, data=staged.data,
                                      acting_user=request.user, picks=picks, **values)
            staging.discard(token)
            messages.success(request, _("Đã nhập danh sách: %(n)s đơn vị có số liệu mới.")
                             % {"n": record.rows})
            return redirect("evaluation:published_list_detail", pk=record.pk)
        preview = lists.preview_list(filename=staged.name, data=staged.data,
                                     acting_user=request.user, picks=picks, **values)
    except DomainError as error:
        messages.error(request, error.message)
        try:
            preview = lists.preview_list(filename=staged.name, data=staged.data,
                                         acting_user=request.user, picks=picks, **values)
        except DomainError:
            return redirect("evaluation:published_lists")
    return _page(request, form, preview, token, {"name": staged.name, **values})


def _list(request, pk, **_kwargs) -> m.PublishedList:
    record = get_object_or_404(m.PublishedList.objects.select_related("imported_by"), pk=pk)
    if not _visible_lists(request.user).filter(pk=record.pk).exists() and not (
            request.user.is_superuser):
        raise Http404
    return record


@requires("evaluation.import_published_list")
def published_list_detail(request, pk):
    record = _list(request, pk)
    kind = lists.kind_of(record.kind)
    entries = roles.scoped(record.entries.select_related("unit", "subject"), request.user,
                           "unit__tree_path").order_by("row")
    _read, labels = lists.rating_levels() if kind and kind.value == "rating" else ({}, {})
    rows = [(entry, lists.shown(kind, entry.number if entry.number is not None
                                  else entry.level or record.year, labels) if kind else "")
            for entry in entries]
    return render(request, "evaluation/published_list_detail.html", {
        "record": record, "kind_label": kind.label if kind else record.kind, "rows": rows,
        "differs": sum(1 for entry, _v in rows if entry.previous),
    })


@requires("evaluation.import_published_list")
def published_list_file(request, pk):
    record = _list(request, pk)
    extension = "." + record.original_name.rsplit(".", 1)[-1].lower()
    if extension not in TYPES:
        raise PermissionDenied
    return download(record.file, filename=record.original_name, content_type=TYPES[extension])
