"""The page "Khóa API": a user's personal tokens — create (shown once), list, revoke."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import mfa
from accounts.access import public, requires, signed_in
from api import services
from api.forms import TokenForm
from api.models import ApiToken, Scope
from core.errors import DomainError


def _page(request, form, created=None, status=200):
    tokens = request.user.api_tokens.order_by("-created_at")
    return render(request, "api/tokens.html", {
        "form": form, "tokens": tokens, "created": created,
        "enrolled": mfa.enrolled(request.user),
    }, status=status)


@signed_in
def token_list(request):
    return _page(request, TokenForm())


@signed_in
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    scopes = ",".join([Scope.READ, Scope.WRITE]) if form.cleaned_data["scope"] == Scope.WRITE \
        else Scope.READ
    try:
        token, whole = services.issue_token(
            owner=request.user, name=form.cleaned_data["name"], scopes=scopes,
            days=form.cleaned_data["days"], acting_user=request.user,
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _page(request, form, status=403 if not mfa.enrolled(request.user) else 400)
    return _page(request, TokenForm(), created={"token": token, "whole": whole})


def _token(request, pk):
    return get_object_or_404(ApiToken, pk=pk)


@requires("api.revoke_apitoken", obj=_token)
@require_POST
def token_revoke(request, pk, target: ApiToken):
    try:
        services.revoke_token(token=target, acting_user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã thu hồi khóa “%(name)s”.") % {"name": target.name})
    return redirect("api_tokens:list")


@public
def not_found(request, rest: str = ""):
    """The answer under /api/v1/ to a path no operation has: the API's JSON 404, not a page."""
    return JsonResponse({"detail": _("Không có địa chỉ này trong API; xem /api/v1/docs."),
                         "errors": []}, status=404, json_dumps_params={"ensure_ascii": False})
