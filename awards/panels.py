"""The award history section of an exemplar's page (``registry.exemplar_panels``): read only —
the link or the matching subject, never a new one."""

from django.utils.translation import gettext_lazy as _

from awards.models import SubjectLink
from awards.services import matching_subjects


def subject_of(exemplar):
    link = SubjectLink.objects.select_related("subject").filter(exemplar=exemplar).first()
    if link:
        return link.subject
    return matching_subjects(kind=exemplar.kind, name=exemplar.name,
                             unit_id=exemplar.registration.unit_id,
                             org_unit_id=exemplar.linked_unit_id,
                             birth_year=exemplar.birth_year).order_by("pk").first()


def exemplar_panel(exemplar, user) -> dict:
    subject = subject_of(exemplar)
    records = []
    if subject is not None and user.has_perm("awards.view_subject", subject):
        records = list(subject.records.select_related("title", "form")
                       .order_by("-decision_date", "-pk")[:10])
    else:
        subject = None
    return {"title": _("Hồ sơ thành tích"), "template": "awards/_exemplar_panel.html",
            "context": {"subject": subject, "records": records}}
