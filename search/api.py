"""Search over the API: the search page's search (``search.selectors.search``), scoped the same
way — a unit's people see their units' entries, the province-wide roles everything."""

from ninja import Field, Query, Schema
from ninja.errors import ValidationError

from api.kit import READ_ERRORS, Router, paginate
from search.analysis import parse_query
from search.documents import sources
from search.selectors import search

router = Router(tags=["Tìm kiếm"])

MAX_RESULTS = 200  # the best 200 hits, paged; the web page shows the best 50


class HitOut(Schema):
    id: int
    kind: str = Field(description="Loại đối tượng: exemplar, unit, …")
    label: str = Field(description="Tên hiển thị")
    badge: str
    unit: str | None
    detail: str
    url: str = Field(description="Trang web của đối tượng")
    score: float


class SearchFilter(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="Từ khóa (có hoặc không dấu)")
    kind: str | None = Field(None, max_length=32,
                             description="Chỉ một loại đối tượng (exemplar, unit, …)")


def _hit(hit) -> dict:
    return {"id": hit.id, "kind": hit.kind, "label": hit.name, "badge": hit.badge,
            "unit": hit.unit or None, "detail": hit.detail, "url": hit.url,
            "score": hit.score}


@router.get("/", response={200: list[HitOut], **READ_ERRORS}, summary="Tìm kiếm")
@paginate
def search_all(request, filters: Query[SearchFilter]):
    kinds = None
    if filters.kind:
        if filters.kind not in {s.kind for s in sources()}:
            raise ValidationError([{"loc": ("query", "kind"), "type": "enum"}])
        kinds = [filters.kind]
    query = parse_query(filters.q).text
    hits = search(request.user, query, limit=MAX_RESULTS, kinds=kinds) if query else []
    return [_hit(h) for h in hits]
