"""Every URL pattern × every role (and anonymous): the declared outcome, nothing undeclared.

Adding a URL without listing it in ACCESS fails ``test_every_route_is_declared``.
Codes: 200 ok · 302 redirect (anonymous → login, or a POST's redirect) · 403 denied · 404.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.registry_signed.pdfs import stored_signed_form
from tests.world import ROLES, world  # noqa: F401  (fixture)

ANON_LOGIN = "login"  # anonymous is redirected to the login page


def everyone(code):
    return {role: code for role in ROLES}


def signed_in(code=200):
    return {**everyone(code), "anonymous": ANON_LOGIN}


def only(*allowed, ok=200, denied=403):
    return {role: (ok if role in allowed else denied) for role in ROLES} | {"anonymous": ANON_LOGIN}


PROVINCE = ("standing", "council", "admin")

# name → (method, kwargs(world), expected per role)
ACCESS = {
    "home": ("get", lambda w: {}, {**signed_in(200), "standing": 302, "council": 302, "admin": 302}),
    "set_language": ("post", lambda w: {}, everyone(302)),
    "accounts:login": ("get", lambda w: {}, {**everyone(302), "anonymous": 200}),
    "accounts:logout": ("post", lambda w: {}, everyone(302)),
    "accounts:password_change": ("get", lambda w: {}, signed_in(200)),
    "accounts:notifications": ("get", lambda w: {}, signed_in(200)),
    "orgs:unit_list": ("get", lambda w: {}, signed_in(200)),
    "orgs:unit_detail": ("get", lambda w: {"pk": w.sub_a.pk},
                         only("officer_a", "head_a", *PROVINCE)),
    "guidance:campaign_list": ("get", lambda w: {}, signed_in(200)),
    "guidance:pack_detail": ("get", lambda w: {"pk": w.campaign.pack.pk}, signed_in(200)),
    "registry:overview": ("get", lambda w: {"campaign_code": w.campaign.code}, only(*PROVINCE)),
    "registry:overview_xlsx": ("get", lambda w: {"campaign_code": w.campaign.code},
                               only(*PROVINCE)),
    "registry:compiled_list": ("get", lambda w: {"campaign_code": w.campaign.code},
                               only(*PROVINCE)),
    "registry:compiled_list_export": ("get", lambda w: {"campaign_code": w.campaign.code,
                                                        "fmt": "docx"}, only(*PROVINCE)),
    "registry:exemplar_move": ("post", lambda w: {"pk": w.exemplar_a.pk, "direction": "len"},
                               only("officer_a", "head_a", *PROVINCE, ok=302)),
    "registry:exemplar_transition": ("post", lambda w: {"pk": w.exemplar_a.pk, "name": "foster"},
                                     only("officer_a", "head_a", "standing", "admin", ok=302)),
    "registry:signed_form_list": ("get", lambda w: {"pk": w.registration_a.pk},
                                  only("officer_a", "head_a", *PROVINCE)),
    "registry:signed_form_upload": ("post", lambda w: {"pk": w.registration_a.pk},
                                    only("head_a", "admin", ok=302)),
    "registry:signed_form_download": ("get", lambda w: {
        "pk": w.registration_a.pk, "form_id": stored_signed_form(w.registration_a).pk},
        only("officer_a", "head_a", *PROVINCE)),
    "evaluation:exemplar_evaluation": ("get", lambda w: {"pk": w.exemplar_a.pk},
                                       only("officer_a", "head_a", *PROVINCE)),
    "evaluation:evidence_add": ("post", lambda w: {"pk": w.exemplar_a.pk, "kind": "ratings"},
                                only("officer_a", "standing", "admin", ok=302)),
    "evaluation:evidence_declare": ("post", lambda w: {"pk": w.exemplar_a.pk,
                                                       "kind": "recognitions"},
                                    only("officer_a", "standing", "admin", ok=302)),
    "evaluation:evidence_remove": ("post", lambda w: {"pk": w.exemplar_a.pk, "kind": "ratings",
                                                      "row_id": 999999},
                                   only("officer_a", "standing", "admin", ok=302)),
    "evaluation:subject_rated": ("post", lambda w: {"pk": w.exemplar_a.pk},
                                 only("officer_a", "standing", "admin", ok=302)),
    "evaluation:proof_attach": ("post", lambda w: {"pk": w.exemplar_a.pk},
                                only("officer_a", "standing", "admin", ok=302)),
    "evaluation:judgement_record": ("post", lambda w: {"pk": w.exemplar_a.pk},
                                    only("standing", "council", "admin", ok=302)),
    "evaluation:rating_import": ("get", lambda w: {"pk": w.registration_a.pk},
                                 only("officer_a", "standing", "admin")),
    "evaluation:campaign_evaluation": ("get", lambda w: {"campaign_code": w.campaign.code},
                                       only(*PROVINCE)),
    "evaluation:campaign_evaluation_xlsx": ("get", lambda w: {"campaign_code": w.campaign.code},
                                            only(*PROVINCE)),
    "search:results": ("get", lambda w: {}, signed_in(200)),
    "registry:registration_export": ("get", lambda w: {"pk": w.registration_a.pk, "fmt": "xlsx"},
                                     only("officer_a", "head_a", *PROVINCE)),
    "registry:registration_blank": ("get", lambda w: {"pk": w.registration_a.pk, "fmt": "xlsx"},
                                    only("officer_a", "head_a", *PROVINCE)),
    "registry:registration_import": ("get", lambda w: {"pk": w.registration_a.pk},
                                     only("officer_a", "admin")),
    "registry:registration_import_confirm": ("post", lambda w: {"pk": w.registration_a.pk},
                                             only("officer_a", "admin", ok=302)),
    "registry:registration_details": ("post", lambda w: {"pk": w.registration_a.pk},
                                      only("officer_a", "admin", ok=302)),
    "registry:registration_start": ("post", lambda w: {"campaign_code": w.campaign.code},
                                    only("officer_a", "officer_b", ok=302)),
    "registry:registration_detail": ("get", lambda w: {"pk": w.registration_a.pk},
                                     only("officer_a", "head_a", *PROVINCE)),
    "registry:registration_transition": (
        "post", lambda w: {"pk": w.registration_a.pk, "name": "send_for_approval"},
        only("officer_a", "head_a", *PROVINCE, ok=302),
    ),
    # The system administrator is a Django superuser: every permission holds (and is audited).
    "registry:exemplar_add": ("get", lambda w: {"pk": w.registration_a.pk, "kind": "individual"},
                              only("officer_a", "admin")),
    "registry:exemplar_detail": ("get", lambda w: {"pk": w.exemplar_a.pk},
                                 only("officer_a", "head_a", *PROVINCE)),
    "registry:exemplar_edit": ("get", lambda w: {"pk": w.exemplar_a.pk},
                               only("officer_a", "admin")),
    "registry:exemplar_delete": ("post", lambda w: {"pk": w.exemplar_a.pk},
                                 only("officer_a", "head_a", *PROVINCE, ok=302)),
}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}"


def app_routes() -> set[str]:
    return {name for name in _walk(get_resolver().url_patterns) if not name.startswith("admin:")}


def test_every_route_is_declared():
    undeclared = app_routes() - set(ACCESS)
    stale = set(ACCESS) - app_routes()
    assert not undeclared, f"routes without a declared access outcome: {sorted(undeclared)}"
    assert not stale, f"declared routes that no longer exist: {sorted(stale)}"


def test_every_role_is_declared_for_every_route():
    for name, (_method, _kwargs, expected) in ACCESS.items():
        assert set(expected) == set(ROLES), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ACCESS))
def test_route_outcome_per_role(client, world, name):  # noqa: F811
    method, kwargs, expected = ACCESS[name]
    url = reverse(name, kwargs=kwargs(world))
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        response = getattr(client, method)(url)
        want = expected[role]
        if want == ANON_LOGIN:
            assert response.status_code == 302, (name, role, response.status_code)
            assert reverse("accounts:login") in response["Location"], (name, role)
        else:
            assert response.status_code == want, (name, role, response.status_code)


@pytest.mark.django_db
def test_admin_is_for_staff_only(client, world):  # noqa: F811
    url = reverse("admin:index")
    client.force_login(world.users["officer_a"])
    assert client.get(url).status_code == 302
    client.force_login(world.users["admin"])
    assert client.get(url).status_code == 200


def test_undeclared_view_is_refused(rf):
    from django.core.exceptions import PermissionDenied

    from accounts.middleware import DenyByDefaultMiddleware

    def bare_view(request):
        raise AssertionError("must not run")

    middleware = DenyByDefaultMiddleware(lambda r: None)
    request = rf.get("/")
    with pytest.raises(PermissionDenied):
        middleware.process_view(request, bare_view, (), {})
