"""Who hears about a registration's or an exemplar's move: the task runs after commit, and
reads the audience from the transition's declaration."""

from django.db import transaction


def registration_moved(*, registration, transition, acting_user, reason: str) -> None:
    """Queue notifications for the people concerned once the transaction commits."""

    def send() -> None:
        from registry.tasks import notify_registration_moved

        notify_registration_moved.enqueue(
            registration_id=registration.pk, transition=transition.name,
            actor_id=getattr(acting_user, "pk", None), reason=reason,
        )

    transaction.on_commit(send)


def exemplar_moved(*, exemplar, transition, acting_user, reason: str, legal_basis: str) -> None:
    """Queue notifications about an exemplar's lifecycle step once the transaction commits."""

    def send() -> None:
        from registry.tasks import notify_exemplar_moved

        notify_exemplar_moved.enqueue(
            exemplar_id=exemplar.pk, transition=transition.name,
            actor_id=getattr(acting_user, "pk", None), reason=reason, legal_basis=legal_basis,
        )

    transaction.on_commit(send)
