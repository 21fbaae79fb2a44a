"""The standing office's compile-and-monitor queries: every count is an SQL aggregate."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.db.models import BooleanField, Case, Count, F, FilteredRelation, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accounts.roles import under
from guidance.models import Campaign
from orgs.models import Unit
from registry import counters, tallies
from registry.enums import SENT_STATES, ExemplarKind
from registry.models import Exemplar
from registry.quotas import quota_met_expression
from registry.selectors import units_required_to_register

SORTS = {
    "name": ("sort_key", "name"),
    "type": ("unit_type", "sort_key"),
    "state": ("registration_state", "sort_key"),
    "quota": ("quota_met", "sort_key"),
    **{f"n_{k.value}": (f"n_{k.value}", "sort_key") for k in ExemplarKind},
}


@dataclass(frozen=True)
class DashboardFilters:
    unit_type: str = ""
    block: str = ""
    state: str = ""   # a key of a "state" counter (registry.counters)
    quota: str = ""   # a key of a "quota" counter: "met" | "unmet" | "met_unsent"
    sort: str = "type"

    @classmethod
    def from_query(cls, params) -> "DashboardFilters":
        sort = params.get("sort", "type")
        if sort.lstrip("-") not in SORTS:
            sort = "type"
        return cls(params.get("unit_type", ""), params.get("block", ""), params.get("state", ""),
                   params.get("quota", ""), sort)


def dashboard_rows(campaign: Campaign, filters: DashboardFilters,
                   paths: tuple[str, ...] | None = None) -> QuerySet[Unit]:
    """Units that must register, each with its registration state, lateness and counts;
    ``paths``: only the units under those tree paths (a province; ``None``: every unit).

    The unit's registration for the campaign is joined once (a filtered relation: at most one
    row, ``registration_per_unit``), its counts by kind are the registration's stored counts
    (``registry.tallies``): no aggregate, no subquery per row, so the rows are a flat query the
    counters count over in one pass."""
    joined = {f"n_{kind.value}": Coalesce(F(f"this_registration__n_{kind.value}"), 0)
              for kind in ExemplarKind}
    rows = (
        units_required_to_register(campaign)
        .select_related("emulation_block")
        .annotate(this_registration=FilteredRelation(
            "registrations", condition=Q(registrations__campaign=campaign)))
        .annotate(
            registration_id=F("this_registration__id"),
            registration_state=F("this_registration__state"),
            registration_is_late=F("this_registration__is_late"),
            below_quota_reason=F("this_registration__below_quota_reason"),
            **joined,
        )
        .annotate(quota_met=quota_met_expression(campaign))
        .annotate(registration_sent=Case(When(registration_state__in=SENT_STATES,
                                              then=Value(True)),
                                         default=Value(False), output_field=BooleanField()))
    )
    if paths is not None:
        rows = rows.filter(under(paths, "tree_path"))
    if filters.unit_type:
        rows = rows.filter(unit_type=filters.unit_type)
    if filters.block:
        rows = rows.filter(emulation_block__code=filters.block)
    for param, key in (("state", filters.state), ("quota", filters.quota)):
        chosen = counters.counter(param, key)
        if chosen is not None:
            rows = rows.filter(chosen.q)  # the counter's own definition
    descending = filters.sort.startswith("-")
    order = SORTS[filters.sort.lstrip("-")]
    return rows.order_by(*[f"-{o}" if descending else o for o in order], "pk")


def counts_by_field(campaign: Campaign, paths: tuple[str, ...] | None = None) -> list[dict]:
    """Entries per field and kind of the registrations sent to the standing office (what the
    compiled list shows by default): the campaign's cached tally (``registry.tallies``) for the
    whole campaign; for a province (``paths``), one grouped query over its rows."""
    if paths is not None:
        return list(
            Exemplar.objects.filter(campaign_id=campaign.pk,
                                    registration__state__in=counters.DEFAULT_SCOPE.states)
            .filter(under(paths, "registration__unit__tree_path"))
            .values("field_key", "kind").annotate(n=Count("pk")).order_by("field_key", "kind"))
    totals: dict[tuple[str, str], int] = {}
    for (field_key, kind, state), n in tallies.campaign_tally(campaign).items():
        if state in counters.DEFAULT_SCOPE.states:
            totals[field_key, kind] = totals.get((field_key, kind), 0) + n
    return [{"field_key": f, "kind": k, "n": n} for (f, k), n in sorted(totals.items())]


# The order of an official list: kinds in the form's order, then the name (ICU key), then the
# id — the columns of the ``exemplar_compiled_order`` index after the campaign.
COMPILED_ORDER = ("form_order", "sort_key", "pk")


def compiled_exemplars(campaign: Campaign, *, field: str = "", kind: str = "",
                       unit_id: str = "", state: str = "",
                       paths: tuple[str, ...] | None = None) -> QuerySet[Exemplar]:
    """Exemplars across units, in the order of an official list: by default those of the
    registrations sent to the standing office; ``state`` names another scope
    (``registry.counters.SCOPES``, "all" for every registration). The one definition of the
    list and its order: the page, its keyset pages and every export read it."""
    items = Exemplar.objects.filter(
        campaign_id=campaign.pk,
        registration__state__in=counters.scope(state).states,
    ).select_related("registration__unit")
    if paths is not None:  # a province (``dashboard_rows``)
        items = items.filter(under(paths, "registration__unit__tree_path"))
    if field:
        items = items.filter(field_key=field)
    if kind:
        items = items.filter(kind=kind)
    if unit_id.isdigit():
        items = items.filter(registration__unit_id=int(unit_id))
    return items.order_by(*COMPILED_ORDER)


def compiled_count(campaign: Campaign, *, field: str = "", kind: str = "", unit_id: str = "",
                   state: str = "", paths: tuple[str, ...] | None = None) -> int:
    """How many rows ``compiled_exemplars`` lists with these filters, read from the campaign's
    cached tally; one unit's list, or one province's, is counted in SQL (through the index)."""
    if unit_id.isdigit() or paths is not None:
        return compiled_exemplars(campaign, field=field, kind=kind, unit_id=unit_id,
                                  state=state, paths=paths).order_by().count()
    return tallies.entries(tallies.campaign_tally(campaign), states=counters.scope(state).states,
                           field=field, kind=kind)


def dashboard_summary(rows: QuerySet[Unit]) -> dict[str, int]:
    """Every declared counter over the (filtered) dashboard rows, counted by the database with
    the counter's own ``Q``: one flat query, ``COUNT(*) FILTER (WHERE …)`` per counter over the
    units joined once to their registration."""
    rows = rows.order_by()
    totals = rows.aggregate(**{
        c.key: Count("pk", filter=c.q) if c.q else Count("pk") for c in counters.COUNTERS
    })
    return {key: totals[key] or 0 for key in totals}


def quota_text(row: Unit) -> str:
    """The quota column of a dashboard row: only a sent registration has met its quota."""
    if row.registration_sent:
        return str(_("Đạt") if row.quota_met else _("Chưa đạt"))
    if row.registration_id is None:
        return str(_("Chưa lập biểu"))
    return str(_("Đủ chỉ tiêu, chưa gửi") if row.quota_met else _("Chưa đạt, chưa gửi"))


# What a compiled row reads of an exemplar: plain values, fetched in chunks (no model objects).
COMPILED_VALUES = ("pk", "kind", "name", "position_title", "work_unit", "head_name", "address",
                   "field_key", "solutions", "registration__state", "registration__unit__name",
                   "registration__unit__code")
CHUNK_SIZE = 2000


def compiled_rows(items: QuerySet[Exemplar], pack) -> Iterator[dict]:
    """The compiled list (``items``, a ``compiled_exemplars`` queryset) as plain rows with stable
    keys (the JSON export's keys; the other formats print ``COMPILED_COLUMNS``), one at a time:
    values read ``CHUNK_SIZE`` rows at a time (a server-side cursor on PostgreSQL), so memory
    stays flat whatever the number of rows."""
    kind_labels = {k.value: str(k.label) for k in ExemplarKind}
    field_labels: dict[str, str] = {}
    state_labels: dict[str, str] = {}
    values = items.values(*COMPILED_VALUES).iterator(chunk_size=CHUNK_SIZE)
    for index, e in enumerate(values, start=1):
        field_key, state = e["field_key"], e["registration__state"]
        if field_key not in field_labels:
            field_labels[field_key] = str(pack.field_label(field_key))
        if state not in state_labels:
            state_labels[state] = str(counters.state_label(state))
        details = "; ".join(p for p in (e["position_title"], e["work_unit"], e["head_name"],
                                        e["address"]) if p)
        yield {"number": index, "id": e["pk"], "kind": e["kind"],
               "kind_label": kind_labels.get(e["kind"], e["kind"]), "name": e["name"],
               "details": details, "field_key": field_key,
               "field_label": field_labels[field_key], "unit": e["registration__unit__name"],
               "unit_code": e["registration__unit__code"], "registration_state": state,
               "registration_state_label": state_labels[state], "solutions": e["solutions"]}


# (header, how a compiled row prints in that column) for the Word, Excel and CSV exports.
COMPILED_COLUMNS = (
    (_("Stt"), lambda r: r["number"]),
    (_("Loại"), lambda r: r["kind_label"]),
    (_("Tên"), lambda r: r["name"]),
    (_("Chức vụ; đơn vị công tác; địa chỉ"), lambda r: r["details"]),
    (_("Điển hình thuộc lĩnh vực"), lambda r: f"{r['field_key']}) {r['field_label']}"),
    (_("Đơn vị đăng ký"), lambda r: r["unit"]),
    (_("Trạng thái biểu"), lambda r: r["registration_state_label"]),
    (_("Giải pháp (nêu khái quát)"), lambda r: r["solutions"]),
)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv; charset=utf-8"
JSON = "application/json"
COMPILED_FORMATS = ("xlsx", "docx", "csv", "json")
COMPILED_CONTENT_TYPES = {"xlsx": XLSX, "docx": DOCX, "csv": CSV, "json": JSON}


@dataclass(frozen=True)
class CompiledFilters:
    """What the compiled list is filtered by (the page's query, the API's parameters, a
    background job's params): plain strings, ``state`` a scope key of ``registry.counters``."""
    field: str = ""
    kind: str = ""
    unit: str = ""
    state: str = ""
    # The province(s) the list covers (tree paths, ``accounts.roles.province_filter``);
    # None: every province (a national role without a filter).
    paths: tuple[str, ...] | None = None

    @classmethod
    def from_query(cls, params, paths: tuple[str, ...] | None = None) -> "CompiledFilters":
        return cls(field=str(params.get("field", "") or "").strip(),
                   kind=str(params.get("kind", "") or "").strip(),
                   unit=str(params.get("unit", "") or "").strip(),
                   state=counters.scope(str(params.get("state", "") or "").strip()).key,
                   paths=None if paths is None else tuple(paths))

    def items(self, campaign: Campaign) -> QuerySet[Exemplar]:
        return compiled_exemplars(campaign, field=self.field, kind=self.kind, unit_id=self.unit,
                                  state=self.state, paths=self.paths)

    def count(self, campaign: Campaign) -> int:
        """``compiled_count`` of these filters (the campaign's tally, not a COUNT of 1M rows)."""
        return compiled_count(campaign, field=self.field, kind=self.kind, unit_id=self.unit,
                              state=self.state, paths=self.paths)

    def query(self) -> dict[str, str]:
        """The non-empty filters, as the page's query string has them."""
        return {k: v for k, v in (("field", self.field), ("kind", self.kind),
                                  ("unit", self.unit), ("state", self.state)) if v}


def compiled_filename(fmt: str) -> str:
    from django.utils import timezone

    return f"danh-sach-dien-hinh-{timezone.localdate().strftime('%Y%m%d')}.{fmt}"


def _compiled_table(campaign: Campaign, filters: CompiledFilters) -> Iterator[list]:
    for r in compiled_rows(filters.items(campaign), campaign.pack.pack):
        yield [cell(r) for _h, cell in COMPILED_COLUMNS]


def compiled_chunks(campaign: Campaign, fmt: str, filters: CompiledFilters, *,
                    on_row: Callable[[int], None] | None = None,
                    tally: list[int] | None = None) -> Iterator[bytes]:
    """The compiled list as CSV or JSON (``fmt``), produced as it is read; ``on_row(n)`` every
    ``PROGRESS_EVERY`` rows, ``tally[0]`` the rows produced so far."""
    from uploads.tables import PROGRESS_EVERY, csv_chunks

    tally = [0] if tally is None else tally

    def counted(rows):
        for row in rows:
            yield row
            tally[0] += 1
            if on_row is not None and tally[0] % PROGRESS_EVERY == 0:
                on_row(tally[0])

    if fmt == "csv":
        headers = [str(h) for h, _cell in COMPILED_COLUMNS]
        yield from csv_chunks(headers, counted(_compiled_table(campaign, filters)))
        return
    yield from _json_chunks(campaign, filters,
                            counted(compiled_rows(filters.items(campaign), campaign.pack.pack)))


def _json_chunks(campaign: Campaign, filters: CompiledFilters, rows: Iterable[dict],
                 items_per_chunk: int = 200) -> Iterator[bytes]:
    """``{"campaign", "state", "state_label", "items": […], "count"}`` written item by item
    (indented as ``json.dumps(indent=1)`` would); ``count`` comes last, the items written."""
    import json

    chosen = counters.scope(filters.state)
    head = json.dumps({"campaign": {"code": campaign.code, "name": campaign.name},
                       "state": chosen.key, "state_label": str(chosen.label)},
                      ensure_ascii=False, indent=1)
    parts = [head[:-2], ',\n "items": [']
    count = 0
    for row in rows:
        item = json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        parts.append(("," if count else "") + "\n  " + item)
        count += 1
        if count % items_per_chunk == 0:
            yield "".join(parts).encode()
            parts = []
    parts.append(("\n ]" if count else "]") + f',\n "count": {count}\n}}')
    yield "".join(parts).encode()


def write_compiled(campaign: Campaign, fmt: str, filters: CompiledFilters, out: BinaryIO, *,
                   on_row: Callable[[int], None] | None = None) -> int:
    """The compiled list as a file of ``fmt`` (one of ``COMPILED_FORMATS``) written into the
    binary file ``out``; returns the rows written. XLSX, CSV and JSON in constant memory; DOCX
    is built in memory by python-docx (the callers cap its rows)."""
    from django.utils.translation import gettext

    from uploads.tables import docx_bytes, write_xlsx

    title = gettext("Danh sách điển hình tiên tiến đăng ký")
    headers = [str(h) for h, _cell in COMPILED_COLUMNS]
    if fmt == "xlsx":
        return write_xlsx(out, title, headers, _compiled_table(campaign, filters), on_row=on_row)
    if fmt == "docx":
        table = list(_compiled_table(campaign, filters))
        subtitle = f"{campaign.name} — {counters.scope(filters.state).label}"
        out.write(docx_bytes(title, subtitle, headers, table))
        return len(table)
    tally = [0]
    for chunk in compiled_chunks(campaign, fmt, filters, on_row=on_row, tally=tally):
        out.write(chunk)
    return tally[0]
