"""Who may do what with publications: the standing office prepares, submits, edits a draft and
unpublishes; another standing-office user approves (four eyes — never the one who prepared it);
the public reads only published ones, through ``publication.public``."""

import rules

from accounts.rules import in_scope_of, is_standing_office, is_system_admin
from publication.models import PublicationState


@rules.predicate
def not_the_preparer(user, pub) -> bool:
    return pub is not None and pub.prepared_by_id != user.pk


@rules.predicate
def is_draft(user, pub) -> bool:
    return pub is not None and pub.state == PublicationState.DRAFT


@rules.predicate
def is_awaiting(user, pub) -> bool:
    return pub is not None and pub.state == PublicationState.AWAITING_APPROVAL


@rules.predicate
def is_published(user, pub) -> bool:
    return pub is not None and pub.state == PublicationState.PUBLISHED


# The standing office (and an administrator) of the exemplar's province.
office = (is_standing_office | is_system_admin) & in_scope_of(
    lambda pub: pub.exemplar.registration.unit)

rules.add_perm("publication.view_publication", office)
rules.add_perm("publication.prepare_publication", office)
rules.add_perm("publication.change_publication", office & is_draft)
rules.add_perm("publication.submit_publication", office & is_draft)
rules.add_perm("publication.approve_publication", office & is_awaiting & not_the_preparer)
rules.add_perm("publication.unpublish_publication", office & is_published)
