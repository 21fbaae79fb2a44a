"""The demo has progress: several exemplars with updates, one photo, at least one late."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from guidance.selectors import open_campaign
from progress import selectors
from progress.models import ProgressAttachment, ProgressUpdate


@pytest.fixture
def demo(db):
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", verbosity=0)


def test_demo_progress(demo):
    assert ProgressUpdate.objects.values("exemplar").distinct().count() >= 3
    assert ProgressAttachment.objects.filter(kind="photo").count() == 1
    late = selectors.late_exemplars(open_campaign(), timezone.localdate())
    assert late.filter(progress_updates__isnull=False).exists()
