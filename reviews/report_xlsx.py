"""The review report's workbook: every table of the report, through the one spreadsheet writer
(``uploads.tables``, user text never a formula) — the figures with their definitions
("Số liệu"), every breakdown ("Phân tích"), the groups with their member units ("Theo nhóm đơn
vị"), the exemplars recognised, the models replicated and each chart's data table."""

from django.utils.translation import override

from reviews import report_rows as tables


def report_xlsx(stats, charts=None) -> bytes:
    from uploads.tables import workbook_bytes

    with override("vi"):
        group_headers, group_rows = tables.group_table(stats)
        sheets = [
            ("Số liệu", tables.FIGURE_HEADERS, tables.figure_rows(stats)),
            ("Phân tích", tables.DIM_HEADERS, tables.dim_rows(stats)),
            ("Theo nhóm đơn vị", group_headers, group_rows),
            ("Được công nhận", tables.RECOGNISED_HEADERS, tables.recognised_rows(stats.period)),
            ("Được nhân rộng", tables.REPLICATED_HEADERS, tables.replicated_rows(stats.period)),
        ]
        for index, chart in enumerate(charts or [], start=1):
            sheets.append((f"Biểu đồ {index}. {chart.title}", [str(h) for h in chart.headers],
                           [list(row) for row in chart.rows]))
    return workbook_bytes(sheets)
