from django.contrib.contenttypes.models import ContentType

from audit.models import AuditEvent


def history_of(obj, limit: int = 50) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
