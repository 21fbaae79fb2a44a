"""A task for the scale-out test: each run leaves one file named after its number and the
process that ran it, so a task run twice leaves two."""

import os
import time
import uuid
from pathlib import Path

from django.tasks import task


@task()
def leave_mark(*, number: int, folder: str) -> int:
    time.sleep(0.02)  # long enough for both workers to be claiming at the same time
    Path(folder, f"{number}-{os.getpid()}-{uuid.uuid4().hex}").touch()
    return number
