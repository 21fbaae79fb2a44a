from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from accounts.access import public, signed_in
from accounts.forms import LoginForm

login = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)
logout = public(require_POST(auth_views.LogoutView.as_view()))
password_change = signed_in(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("home")
    )
)


@signed_in
def notifications(request):
    """The user's in-app notices; opening the page marks them read."""
    from django.shortcuts import render
    from django.utils import timezone

    items = list(request.user.notifications.order_by("-created_at")[:100])
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "accounts/notifications.html", {"items": items})
