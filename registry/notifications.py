"""Who hears about a registration's move. Mail goes through the task worker after commit."""

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
