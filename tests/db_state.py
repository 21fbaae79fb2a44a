"""What the database (and the upload staging area) holds, to compare before and after a write.

``snapshot()`` reads every row of every model of the project's apps (the small test world keeps
this cheap), so a refused request or call that changed *anything* — a row, a version, a state, an
audit event, a notification, the search index, a staged file — compares unequal.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings

PROJECT_APPS = ("accounts", "api", "audit", "evaluation", "guidance", "orgs", "registry", "search",
                "urging", "fostering", "progress", "inspections", "awards", "proposals", "council",
                "decisions", "propagation", "discovery", "replication", "publication", "reviews",
                "otp_totp", "otp_static")  # the second factor's devices and recovery codes
# Columns that change when a test signs a user in, not because of a write under test.
IGNORED = {("accounts", "user"): {"last_login"}, ("api", "apitoken"): {"last_used_at"}}


def _rows(model) -> list[tuple]:
    ignored = IGNORED.get((model._meta.app_label, model._meta.model_name), set())
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in ignored]
    return [tuple(str(v) for v in row)
            for row in model._base_manager.order_by("pk").values_list(*names)]


def staged_files() -> list[str]:
    folder = Path(getattr(settings, "IMPORT_STAGING_DIR", "") or "")
    return sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []


def snapshot() -> dict[str, list]:
    state: dict[str, list] = {"staged files": staged_files()}
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.managed and not model._meta.proxy:
                state[model._meta.label] = _rows(model)
    return state


def differences(before: dict[str, list], after: dict[str, list]) -> list[str]:
    """The tables (and the staging area) whose rows differ, for an assertion message."""
    return sorted(key for key in before.keys() | after.keys()
                  if before.get(key) != after.get(key))
