"""What the proposals tests share: catalogue entries (made with the ORM), an exemplar being
fostered, a proposal with one item, a report file."""

import datetime
import io

from awards.models import CommendationForm, EmulationTitle
from registry.enums import ExemplarState
from registry.models import Exemplar

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def catalogue():
    form = CommendationForm.objects.get_or_create(
        code="cong-nhan-dhtt", defaults={
            "name": "Công nhận điển hình tiên tiến", "subject_kinds": [],
            "valid_from": datetime.date(2020, 1, 1)})[0]
    title = EmulationTitle.objects.get_or_create(
        code="cstd-co-so", defaults={
            "name": "Chiến sĩ thi đua cơ sở", "subject_kinds": ["individual"],
            "valid_from": datetime.date(2020, 1, 1)})[0]
    return form, title


def fostering(exemplar) -> Exemplar:
    Exemplar.objects.filter(pk=exemplar.pk).update(state=ExemplarState.FOSTERING)
    return Exemplar.objects.select_related("registration__campaign__pack",
                                           "registration__unit").get(pk=exemplar.pk)


def docx_bytes(text: str = "Báo cáo thành tích") -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes() -> bytes:
    from tests.registry_signed.pdfs import blank_pdf

    return blank_pdf()


def proposal_with_item(w, *, report: bool = True):
    """A draft proposal of unit A with exemplar A (fostered) for the "công nhận" form."""
    from proposals import services

    form, _title = catalogue()
    exemplar = fostering(w.exemplar_a)
    officer = w.users["officer_a"]
    proposal = services.create_proposal(campaign=w.campaign, unit=w.unit_a, acting_user=officer)
    item = services.add_item(proposal=proposal, exemplar=exemplar, form=form, year=2025,
                             achievement="Hoàn thành xuất sắc nhiệm vụ", acting_user=officer)
    if report:
        item = services.attach_report(item=item, name="bao-cao.docx", data=docx_bytes(),
                                      acting_user=officer)
    return proposal, item


def submitted(w, **kwargs):
    """The proposal sent and approved: the exemplar is proposed."""
    from proposals import services

    proposal, item = proposal_with_item(w, **kwargs)
    proposal = services.transition_proposal(proposal=proposal, name="send_for_approval",
                                            acting_user=w.users["officer_a"])
    proposal = services.transition_proposal(proposal=proposal, name="approve",
                                            acting_user=w.users["head_a"])
    return proposal, item
