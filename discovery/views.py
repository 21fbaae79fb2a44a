"""Discovery pages. Public (no login): the form "Giới thiệu người tốt, việc tốt" → a
confirmation step showing what will be sent ("Gửi" / "Sửa lại") → the thank-you page. The
form carries everything back in hidden fields; photos are re-encoded at the confirmation step
and kept in the upload staging area under a token (the sender's pseudo-identity is the hash of
their address). A filled honeypot silently ends at the thank-you page, storing nothing; more
than the hourly limit from one address is refused with a clear message (429).

Staff: the list "Phát hiện" (the standing office: every suggestion; a unit: those routed to
it), a suggestion's page, routing to a unit or declining with a reason, a photo's download."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import public, requires, signed_in
from core.errors import DomainError
from discovery import selectors, services, throttle
from discovery.forms import HONEYPOT, DeclineForm, FilterForm, RouteForm, SuggestionForm
from discovery.models import Suggestion, SuggestionPhoto
from discovery.workflow import available
from orgs.models import Unit
from uploads import private, staging
from uploads.staging import StagingFull

PURPOSE = "discovery.suggestion"
PAGE_LIMIT = 300
TEXT_FIELDS = ("sender_name", "contact_email", "contact_phone", "whom", "what", "where")


def _pseudo_user(digest: str) -> int:
    """The staging area's owner for an anonymous sender: negative, from the address hash."""
    return -int(digest[:12], 16) - 1


def _throttled(request):
    return render(request, "discovery/throttled.html",
                  {"limit": throttle.limit()}, status=429)


def _tokens(request) -> list[str]:
    return [t for t in request.POST.getlist("photo_token")[:services.MAX_PHOTOS] if t]


@public
def suggest(request):
    if request.method != "POST":
        return render(request, "discovery/form.html", {"form": SuggestionForm()})
    if request.POST.get(HONEYPOT, "").strip():
        return redirect("discovery_public:thanks")  # a bot: no row, no message, no hint
    digest = throttle.address_hash(request)
    step = request.POST.get("step", "review")
    form = SuggestionForm(request.POST, request.FILES)
    tokens = _tokens(request)
    if step == "edit":
        return render(request, "discovery/form.html",
                      {"form": SuggestionForm(initial={k: request.POST.get(k, "")
                                                       for k in TEXT_FIELDS}),
                       "tokens": tokens})
    if not throttle.allowed(digest):
        return _throttled(request)
    if not form.is_valid():
        return render(request, "discovery/form.html", {"form": form, "tokens": tokens})
    data = {k: form.cleaned_data[k] for k in TEXT_FIELDS}
    owner = _pseudo_user(digest)
    try:
        cleaned = services.check_suggestion(**data)
        if step == "send":
            staged = [staging.load(t, user_id=owner, purpose=PURPOSE, object_id=0)
                      for t in tokens]
            if any(s is None for s in staged):
                raise DomainError(str(staging.EXPIRED), field="photos")
            services.submit_suggestion(**cleaned, photos=[(s.name, s.data) for s in staged],
                                       client_hash=digest, acting_user=request.user)
            throttle.count(digest)
            for token in tokens:
                staging.discard(token)
            return redirect("discovery_public:thanks")
        uploads = form.cleaned_data["photos"]
        if uploads:  # new photos replace the ones chosen before
            files = []
            for upload in uploads[:services.MAX_PHOTOS + 1]:
                upload.seek(0)
                files.append((upload.name or "", upload.read(services.MAX_PHOTO_BYTES + 1)))
            prepared = services.prepare_photos(files)
            for token in tokens:
                staging.discard(token)
            tokens = [staging.stage(name=p.original_name, data=p.data, user_id=owner,
                                    purpose=PURPOSE, object_id=0) for p in prepared]
        names = []
        for token in tokens:
            item = staging.load(token, user_id=owner, purpose=PURPOSE, object_id=0)
            if item is None:
                raise DomainError(str(staging.EXPIRED), field="photos")
            names.append(item.name)
    except (DomainError, StagingFull) as error:
        field = getattr(error, "field", None)
        form.add_error(field if field in form.fields else None, error.message)
        return render(request, "discovery/form.html", {"form": form, "tokens": []})
    return render(request, "discovery/confirm.html",
                  {"data": cleaned, "tokens": tokens, "photo_names": names})


@public
def thanks(request):
    return render(request, "discovery/thanks.html")


# --- staff ---------------------------------------------------------------------------------------

def _suggestion(request, pk, **_kwargs) -> Suggestion:
    return get_object_or_404(Suggestion.objects.select_related("routed_unit", "unit",
                                                               "screened_by"), pk=pk)


def _photo_suggestion(request, pk, **_kwargs) -> Suggestion:
    photo = get_object_or_404(SuggestionPhoto.objects.select_related(
        "suggestion__routed_unit"), pk=pk)
    request._discovery_photo = photo
    return photo.suggestion


def _units():
    return list(Unit.objects.current().order_by("sort_key", "name").only("pk", "name"))


@signed_in
def suggestion_list(request):
    form = FilterForm(request.GET or None, units=selectors.routed_units(request.user))
    filters = selectors.Filters()
    if form.is_bound and form.is_valid():
        filters = selectors.Filters(state=form.cleaned_data["state"] or "",
                                    unit=form.cleaned_data["unit"],
                                    text=form.cleaned_data["q"] or "")
    rows = list(selectors.suggestion_list(request.user, filters)[:PAGE_LIMIT + 1])
    return render(request, "discovery/list.html", {
        "form": form, "rows": rows[:PAGE_LIMIT], "truncated": len(rows) > PAGE_LIMIT,
        "screens": request.user.has_perm("discovery.view_all_suggestions")})


def _detail_context(request, target, *, route_form=None, decline_form=None) -> dict:
    can_screen = request.user.has_perm("discovery.screen_suggestion", target)
    return {
        "suggestion": target, "photos": list(target.photos.all()),
        "sees_contact": request.user.has_perm("discovery.view_contact", target),
        "can_screen": can_screen, "steps": available(target.state) if can_screen else [],
        "route_form": route_form or (RouteForm(units=_units()) if can_screen else None),
        "decline_form": decline_form or DeclineForm(),
    }


@requires("discovery.view_suggestion", obj=_suggestion)
def suggestion_detail(request, pk, target: Suggestion):
    return render(request, "discovery/detail.html", _detail_context(request, target))


@require_POST
@requires("discovery.screen_suggestion", obj=_suggestion)
def route(request, pk, target: Suggestion):
    form = RouteForm(request.POST, units=_units())
    if form.is_valid():
        unit = Unit.objects.filter(pk=form.cleaned_data["unit"]).first()
        try:
            services.route_suggestion(suggestion=target, unit=unit, note=form.cleaned_data["note"],
                                      acting_user=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã tiếp nhận và chuyển đến %(unit)s.")
                             % {"unit": unit.name})
            return redirect("discovery:detail", pk=pk)
    return render(request, "discovery/detail.html",
                  _detail_context(request, target, route_form=form), status=200)


@require_POST
@requires("discovery.screen_suggestion", obj=_suggestion)
def decline(request, pk, target: Suggestion):
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.decline_suggestion(suggestion=target, reason=form.cleaned_data["reason"],
                                        acting_user=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã ghi không tiếp nhận."))
            return redirect("discovery:detail", pk=pk)
    return render(request, "discovery/detail.html",
                  _detail_context(request, target, decline_form=form), status=200)


@requires("discovery.view_suggestion", obj=_photo_suggestion)
def photo(request, pk, target: Suggestion):
    item = getattr(request, "_discovery_photo", None)
    if item is None or item.pk != pk:
        raise Http404
    return private.download(item.file, filename=item.original_name, content_type="image/jpeg")
