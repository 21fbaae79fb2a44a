import rules

from accounts.rules import is_system_admin


@rules.predicate
def owns_token(user, token) -> bool:
    return token is not None and token.user_id == user.pk


rules.add_perm("api.view_apitoken", owns_token | is_system_admin)
rules.add_perm("api.revoke_apitoken", owns_token | is_system_admin)
rules.add_perm("api.revoke_any_token", is_system_admin)
