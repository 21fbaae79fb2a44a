"""The tables of the review report, built once from the statistics and the drill-down lists,
for both the DOCX (``reviews.report_docx``) and the XLSX (``reviews.report_xlsx``): the
figures with their definitions, their breakdowns, the grouped table, the exemplars recognised
and the models replicated with the units that adopted them. Values stay typed (numbers are
numbers); the writers format them."""

from reviews.figures import BY_KEY, FIGURES, GROUP_COLUMNS, SECTIONS

GROUPING_TITLES = {
    "current": "Số liệu theo đơn vị hiện nay",
    "former": "Số liệu theo địa bàn huyện, thành phố cũ (trước ngày 01/7/2025)",
}
GROUPING_NAMES = {"current": "đơn vị hiện nay", "former": "huyện, thành phố cũ"}


def grouping_title(grouping: str) -> str:
    return GROUPING_TITLES.get(grouping, GROUPING_TITLES["current"])


def group_headers(grouping: str) -> list[str]:
    first = "Địa bàn (huyện cũ)" if grouping == "former" else "Đơn vị"
    return [first, *(str(BY_KEY[key].label) for key in GROUP_COLUMNS)]


FIGURE_HEADERS = ["Mã", "Chỉ tiêu", "Nội dung", "Số liệu", "Cách tính"]


def figure_rows(stats) -> list[list]:
    return [[f.key, str(f.label), str(SECTIONS[f.section]), stats.value(f.key),
             str(f.definition)] for f in FIGURES]


DIM_HEADERS = ["Mã chỉ tiêu", "Chỉ tiêu", "Phân tích", "Giá trị", "Số lượng"]


def dim_rows(stats) -> list[list]:
    rows = []
    for f in FIGURES:
        for dim in stats.figures[f.key].dims:
            for value in dim.values:
                rows.append([f.key, str(f.label), dim.label, value["label"], value["count"]])
    return rows


GROUP_TABLE_HEADERS = ["Mã nhóm", "Nhóm", "Mã đơn vị", "Đơn vị"]


def group_table(stats) -> tuple[list[str], list[list]]:
    """Every group (its row first, its code in both code columns) then its member units."""
    headers = [*GROUP_TABLE_HEADERS, *(str(BY_KEY[k].label) for k in GROUP_COLUMNS)]
    rows = []
    for row in stats.groups:
        name = row.group.name + (" (đã kết thúc)" if row.group.ended else "")
        rows.append([row.group.code, name, "", "", *(row.counts[k] for k in GROUP_COLUMNS)])
        for member in row.members:
            rows.append([row.group.code, name, member["code"], member["name"],
                         *(member["counts"][k] for k in GROUP_COLUMNS)])
    return headers, rows


RECOGNISED_HEADERS = ["Tên tập thể, cá nhân, mô hình", "Loại", "Đơn vị", "Lĩnh vực"]


def recognised_rows(period) -> list[list[str]]:
    from reviews.selectors import drill

    rows = []
    for scope, found in drill(period, "recognised").parts:
        pack = scope.campaign.pack.pack
        for exemplar in found.select_related("registration__unit").order_by(
                "registration__unit__sort_key", "kind", "position", "pk"):
            rows.append([exemplar.name, str(exemplar.get_kind_display()),
                         exemplar.registration.unit.name, _field(pack, exemplar.field_key)])
    return rows


REPLICATED_HEADERS = ["Tên điển hình, mô hình", "Loại", "Đơn vị", "Đơn vị áp dụng",
                      "Số đơn vị áp dụng"]


def replicated_rows(period) -> list[list]:
    from reviews.selectors import drill

    rows = []
    for scope, found in drill(period, "exemplars_replicated").parts:
        exemplars = list(found.select_related("registration__unit").order_by(
            "registration__unit__sort_key", "kind", "position", "pk"))
        adopters: dict[int, list[str]] = {}
        for adoption in (BY_KEY["adoptions"].rows(scope)
                         .filter(exemplar_id__in=[e.pk for e in exemplars])
                         .select_related("unit").order_by("unit__sort_key", "started_on", "pk")):
            names = adopters.setdefault(adoption.exemplar_id, [])
            if adoption.unit.name not in names:
                names.append(adoption.unit.name)
        for exemplar in exemplars:
            names = adopters.get(exemplar.pk, [])
            rows.append([exemplar.name, str(exemplar.get_kind_display()),
                         exemplar.registration.unit.name, "; ".join(names), len(names)])
    return rows


def _field(pack, key: str) -> str:
    found = pack.field(key) if key else None
    return f"{found.key}) {found.label}" if found else key


def cell(value) -> object:
    """A chart's cell as the tables show it: dates dd/mm/yyyy, the rest as is."""
    import datetime

    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value
