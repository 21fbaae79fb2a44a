"""Every list: ``{"count": int, "next": url|null, "previous": url|null, "results": [...]}``."""

from typing import Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import PaginationBase


class Paginated(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000, description="Trang (từ 1)")
        page_size: int = Field(settings.API_PAGE_SIZE, ge=1, le=settings.API_MAX_PAGE_SIZE,
                               description="Số mục mỗi trang")

    class Output(Schema):
        count: int
        next: str | None
        previous: str | None
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> Any:
        size = pagination.page_size
        offset = (pagination.page - 1) * size
        try:
            count = queryset.count()
        except (AttributeError, TypeError):
            count = len(queryset)
        items = list(queryset[offset: offset + size])

        def link(page: int) -> str:
            query = request.GET.copy()
            query["page"] = str(page)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return {
            "count": count,
            "next": link(pagination.page + 1) if offset + size < count else None,
            "previous": link(pagination.page - 1) if pagination.page > 1 and offset < count + size
            else None,
            "results": items,
        }
