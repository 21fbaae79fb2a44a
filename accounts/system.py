"""The account that management commands act as, so their writes are audited like anyone's."""

from django.utils import timezone

SYSTEM_USERNAME = "he-thong"


def system_actor():
    """The account commands act as ("he-thong": superuser, cannot sign in), created once."""
    from accounts.models import User

    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"full_name": "Hệ thống", "is_superuser": True, "is_active": True,
                  "date_joined": timezone.now()},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
