"""The background exports' rows of tests/test_url_access.py and tests/test_service_permissions.py:
a job is its requester's (here the standing office's) alone — every other role, the
administrator included, is refused."""

from exports.models import ExportJob, JobState

KIND = "registry.compiled_list"


def stored_job(w, state: str) -> ExportJob:
    """A job of the standing office's: queued, running, done (a real file) or failed."""
    from exports import services

    job = services.request_export(kind=KIND, params={"campaign": w.campaign.code, "state": "all"},
                                  fmt="xlsx", acting_user=w.users["standing"])
    if state == JobState.DONE:
        return services.run_job(job.pk)
    if state != JobState.QUEUED:
        ExportJob.objects.filter(pk=job.pk).update(state=state, rows_done=1,
                                                   error="Không lập được tệp.")
    return job


def _states(w):
    return sorted(ExportJob.objects.values_list("pk", "state", "rows_done"))


def url_access(Route, Get, Write, only, signed_in):
    job = lambda state: lambda w: {"pk": stored_job(w, state).pk}  # noqa: E731
    return {
        "exports:job_list": Route(get=Get(lambda w: {}, signed_in())),
        "exports:job_status": Route(get=Get(job(JobState.RUNNING), only("standing"))),
        "exports:job_download": Route(get=Get(job(JobState.DONE), only("standing"))),
        "exports:job_retry": Route(post=Write(job(JobState.FAILED), ("standing",), _states)),
    }


def service_cases(Case):
    from exports import services

    def request(w):
        return lambda actor: services.request_export(
            kind=KIND, params={"campaign": w.campaign.code}, fmt="csv", acting_user=actor)

    def retry(w):
        failed = stored_job(w, JobState.FAILED)
        return lambda actor: services.retry_export(job=failed, acting_user=actor)

    return {
        "exports.request_export": Case(request, refused=("officer_a", "head_a", "officer_b"),
                                       allowed="standing"),
        "exports.retry_export": Case(retry, refused=("officer_a", "head_a", "officer_b", "council"),
                                     allowed="standing"),
    }
