"""Who may see a background export and download its file: only the user who asked for it, and
only while that user still holds the permission of the page it comes from (the kind's
permission on the kind's object — ``exports.kinds``). Somebody who lost the role since, or a
colleague in the same office, gets nothing. The views refuse anybody else's job before this
check (the system administrator too: a superuser passes every rules permission), the API
answers 404 for it."""

import rules

from exports import kinds


@rules.predicate
def may_see(user, job) -> bool:
    if job is None or not getattr(user, "is_authenticated", False):
        return False
    if job.requested_by_id != user.pk:
        return False
    found = kinds.get(job.kind)
    return found is not None and found.allows(user, job.params)


rules.add_perm("exports.view_exportjob", may_see)
rules.add_perm("exports.retry_exportjob", may_see)
