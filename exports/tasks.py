"""Background work for exports (Django's tasks API; the database-backed worker runs it)."""

from django.tasks import task


@task()
def run_export(*, job_id: int) -> str:
    """Write the queued export ``job_id`` (``exports.services.run_job``); returns the state it
    ended in."""
    from exports.services import run_job

    job = run_job(job_id)
    return job.state if job is not None else "missing"
