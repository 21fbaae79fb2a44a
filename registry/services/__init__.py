"""Every write to registrations and exemplars. Views, commands and importers all call these.

Each function: checks permission, validates, saves inside a transaction, writes the audit log,
and queues notifications with ``transaction.on_commit``. Split by subject:

* ``registrations`` — start a registration, its printed details, its workflow transitions;
* ``exemplars`` — the entries of a registration: add (one or many), change, remove, reorder;
* ``lifecycle`` — an exemplar's lifecycle transitions;
* ``form_import`` — a parsed Biểu đăng ký file compared with a registration, and applied.
"""

from registry.services.exemplars import (
    EXEMPLAR_FIELDS,
    add_exemplar,
    bulk_add_exemplars,
    move_exemplar,
    remove_exemplar,
    update_exemplar,
)
from registry.services.form_import import apply_import, preview_import
from registry.services.lifecycle import transition_exemplar
from registry.services.registrations import (
    REGISTRATION_AUDITED,
    create_registration,
    transition_registration,
    update_registration_details,
)

__all__ = [
    "EXEMPLAR_FIELDS", "REGISTRATION_AUDITED", "add_exemplar", "apply_import",
    "bulk_add_exemplars", "create_registration", "move_exemplar", "preview_import",
    "remove_exemplar", "transition_exemplar", "transition_registration", "update_exemplar",
    "update_registration_details",
]
