"""Reads of background exports."""

from django.utils import timezone

from exports.models import ExportJob


def recent_jobs(user, limit: int = 20):
    """The user's jobs still kept (not past their day), newest first."""
    return (ExportJob.objects.filter(requested_by=user, expires_at__gt=timezone.now())
            .order_by("-created_at", "-pk")[:limit])


def own_job(user, pk):
    """The user's job ``pk`` while it is kept, or None (anybody else's, or expired)."""
    return ExportJob.objects.filter(pk=pk, requested_by=user, expires_at__gt=timezone.now()).first()


def kept_job(pk):
    """The job ``pk`` while it is kept, or None."""
    return ExportJob.objects.filter(pk=pk, expires_at__gt=timezone.now()).first()
