"""Background exports (docs/exports.md): a job is its requester's alone — anybody else's token,
the administrator's too, gets a 404 as if it did not exist."""

from tests.api.spec import Read, only


def _done_job(w):
    """A finished CSV export of the compiled list, asked for by the standing office."""
    from exports import services

    job = services.request_export(kind="registry.compiled_list",
                                  params={"campaign": w.campaign.code, "state": "all"},
                                  fmt="csv", acting_user=w.users["standing"])
    return services.run_job(job.pk)


OPERATIONS = {
    ("GET", "/exports/{job_id}"): Read(lambda w: f"/exports/{_done_job(w).pk}", only("standing")),
    ("GET", "/exports/{job_id}/file"): Read(lambda w: f"/exports/{_done_job(w).pk}/file",
                                            only("standing"), content_type="text/csv"),
}
