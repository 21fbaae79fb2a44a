"""What the review tests build on the shared world (tests/world.py): a final review period over
the world's campaign with figures in it, a report made by the run, a stored finished report
(cheap, for the URL × role test)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from reviews import reports
from reviews.models import ReportState, ReviewPeriod, ReviewReport


def decided_period_of(w) -> ReviewPeriod:
    """A final review over the world's campaign: both registrations sent, exemplar A recognised
    by an issued decision and adopted by unit B."""
    found = ReviewPeriod.objects.filter(code="tong-ket-2022-2025").first()
    if found is not None:
        return found
    from decisions.services import issue_decision
    from registry.models import Registration
    from tests.decisions.helpers import ISSUED_ON, draft
    from tests.replication.helpers import adoption_b

    Registration.objects.filter(pk__in=[w.registration_a.pk, w.registration_b.pk]).update(
        state="submitted", submitted_at=timezone.make_aware(datetime.datetime(2026, 5, 4, 9)))
    issue_decision(decision=draft(w, 1), issued_on=ISSUED_ON, acting_user=w.users["standing"])
    adoption_b(w)
    period = ReviewPeriod.objects.create(
        code="tong-ket-2022-2025", kind="final", title="phong trào thi đua giai đoạn 2022 - 2025",
        starts_on=datetime.date(2022, 1, 1), ends_on=datetime.date(2026, 12, 31))
    period.campaigns.add(w.campaign)
    return period


def done_report(w) -> ReviewReport:
    """A finished report (made by the run), for the status and download routes."""
    found = ReviewReport.objects.filter(state=ReportState.DONE,
                                        period__code="tong-ket-2022-2025").first()
    if found is not None:
        return found
    report = ReviewReport.objects.create(period=decided_period_of(w), requested_by=w.users["standing"])
    return reports.run_report(report.pk)


def bare_period(w) -> ReviewPeriod:
    """The period alone, nothing else changed."""
    found = ReviewPeriod.objects.filter(code="so-ket-2026").first()
    if found is None:
        found = ReviewPeriod.objects.create(code="so-ket-2026", kind="interim",
                                            title="Sơ kết năm 2026",
                                            starts_on=datetime.date(2026, 1, 1),
                                            ends_on=datetime.date(2026, 12, 31))
        found.campaigns.add(w.campaign)
    return found


def stored_report(w) -> ReviewReport:
    """A finished report with two small stored files (not generated)."""
    found = ReviewReport.objects.filter(state=ReportState.DONE, period__code="so-ket-2026").first()
    if found is not None:
        return found
    report = ReviewReport(period=bare_period(w), state=ReportState.DONE, progress=100,
                          data_version=1, finished_at=timezone.now())
    report.docx.save("bao-cao.docx", ContentFile(b"PK docx"), save=False)
    report.xlsx.save("bao-cao.xlsx", ContentFile(b"PK xlsx"), save=False)
    report.save()
    return report


def url_access(Route, Get, Write, only, count):
    """The report's rows of tests/test_url_access.py: the standing office and the administrator
    request a report; the province-wide roles and the national role read its status and
    download it."""
    province = ("standing", "council", "admin", "national")
    report = lambda w: {"pk": stored_report(w).pk}  # noqa: E731
    return {
        "reviews:report_request": Route(post=Write(
            lambda w: {"code": bare_period(w).code}, ("standing", "admin"),
            count("reviews.ReviewReport"), lambda w, u: {"group_by": "former"})),
        "reviews:report_status": Route(get=Get(report, only(*province))),
        "reviews:report_download": Route(get=Get(lambda w: {**report(w), "fmt": "docx"},
                                                 only(*province))),
    }


def made_report(w) -> ReviewReport:
    """A report of the bare period made by the run (real DOCX and XLSX), for the export check."""
    found = ReviewReport.objects.filter(state=ReportState.DONE, period__code="so-ket-2026",
                                        docx__startswith="reports/").exclude(
        data_version=1).first()
    return found or reports.run_report(ReviewReport.objects.create(period=bare_period(w)).pk)


def service_cases(Case):
    """The report's row of tests/test_service_permissions.py: only the standing office (and the
    administrator) request a report."""
    return {"reviews.request_report": Case(
        lambda w: (lambda p: lambda actor: reports.request_report(
            period=p, grouping="current", acting_user=actor))(bare_period(w)),
        refused=("officer_a", "head_a", "officer_b", "council"), allowed="standing")}
