"""Publications over the API (staff: the standing office). The public reads the open data at
/cong-khai/du-lieu.json, not here. The web's permissions open the doors (403), the web's
services write, check versions (409) and log."""

import datetime

from django.http import Http404
from ninja import Field, Query, Schema
from pydantic import ConfigDict

from api.kit import ERRORS, READ_ERRORS, Router, paginate, require, visible_or_404, write
from publication import selectors, services
from publication.models import Publication, PublicationState
from publication.public import public_record
from registry.models import Exemplar

router = Router(tags=["Trang công khai"])


class PublicationOut(Schema):
    id: int
    exemplar_id: int
    state: str
    state_label: str
    version: int
    name: str
    kind: str
    field_label: str
    locality: str
    work_unit: str
    story: str
    award_name: str
    decision_number: str
    decision_date: datetime.date | None
    decision_issuer: str
    year: int | None
    consent_recorded: bool
    consent_given_by: str
    consent_on: datetime.date | None
    consent_method: str
    prepared_by_id: int
    approved_by_id: int | None
    published_at: datetime.datetime | None
    return_reason: str
    unpublished_at: datetime.datetime | None
    unpublish_reason: str

    @staticmethod
    def resolve_state_label(obj: Publication) -> str:
        return str(obj.get_state_display())


class PublicationDetailOut(PublicationOut):
    public_preview: dict = Field(description="Đúng những gì trang công khai sẽ hiển thị")
    transitions: list[str]

    @staticmethod
    def resolve_public_preview(obj: Publication) -> dict:
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                for k, v in public_record(obj).items()}


class PublicationFilter(Schema):
    state: PublicationState | None = Field(None, description="Trạng thái")


def _visible(request, pk: int) -> Publication:
    require(request.user, "publication.view_publication")
    return visible_or_404(selectors.staff_publications(user=request.user), pk)


def _detail(pub: Publication, user) -> Publication:
    from publication.workflow import available

    pub.transitions = [t.name for t in available(pub.state) if user.has_perm(t.permission, pub)]
    return pub


@router.get("/", response={200: list[PublicationOut], **READ_ERRORS},
            summary="Danh sách bài công khai")
@paginate
def list_publications(request, filters: Query[PublicationFilter]):
    require(request.user, "publication.view_publication")
    return selectors.staff_publications(filters.state or "", request.user)


@router.get("/{int:publication_id}", response={200: PublicationDetailOut, **READ_ERRORS},
            summary="Một bài công khai")
def get_publication(request, publication_id: int):
    return _detail(_visible(request, publication_id), request.user)


class PublicationIn(Schema):
    model_config = ConfigDict(extra="forbid")
    story: str = Field(max_length=20000)
    consent_recorded: bool = False
    consent_given_by: str = Field("", max_length=255)
    consent_on: datetime.date | None = None
    consent_method: str = Field("", max_length=12, description="written, in_person, phone")


class PublicationCreateIn(PublicationIn):
    exemplar_id: int


class PublicationUpdateIn(PublicationIn):
    version: int = Field(description="version khi đọc; khác thì 409")


def _consent(payload: PublicationIn) -> dict:
    return {"consent_recorded": payload.consent_recorded,
            "consent_given_by": payload.consent_given_by, "consent_on": payload.consent_on,
            "consent_method": payload.consent_method}


@router.post("/", auth=write, response={200: PublicationDetailOut, **ERRORS},
             summary="Chuẩn bị bài công khai cho một điển hình đã được công nhận")
def prepare_publication(request, payload: PublicationCreateIn):
    require(request.user, "publication.prepare_publication")
    exemplar = Exemplar.objects.filter(pk=payload.exemplar_id).first()
    if exemplar is None:
        raise Http404
    pub = services.prepare_publication(exemplar=exemplar, story=payload.story,
                                       acting_user=request.user, **_consent(payload))
    return _detail(_visible(request, pub.pk), request.user)


@router.patch("/{int:publication_id}", auth=write, response={200: PublicationDetailOut, **ERRORS},
              summary="Sửa bài đang soạn (câu chuyện, sự đồng ý)")
def update_publication(request, publication_id: int, payload: PublicationUpdateIn):
    pub = _visible(request, publication_id)
    require(request.user, "publication.change_publication", pub)
    services.update_publication(publication=pub, story=payload.story,
                                expected_version=payload.version, acting_user=request.user,
                                **_consent(payload))
    return _detail(_visible(request, publication_id), request.user)


class PublicationStepIn(Schema):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field("", max_length=5000)
    version: int | None = Field(None, description="version khi đọc; khác thì 409")


@router.post("/{int:publication_id}/transitions/{name}", auth=write,
             response={200: PublicationDetailOut, **ERRORS},
             summary="Trình, duyệt (người khác người chuẩn bị), trả lại, gỡ ngay")
def transition_publication(request, publication_id: int, name: str, payload: PublicationStepIn):
    from publication.workflow import PUBLICATION_TRANSITIONS

    pub = _visible(request, publication_id)
    step = PUBLICATION_TRANSITIONS.get(name)
    if step is not None and pub.state in step.sources:
        require(request.user, step.permission, pub)
    services.transition_publication(publication=pub, name=name, acting_user=request.user,
                                    reason=payload.reason, expected_version=payload.version)
    return _detail(_visible(request, publication_id), request.user)
