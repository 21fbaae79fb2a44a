"""The review report (báo cáo sơ kết / tổng kết) as a Word file, laid out per Nghị định
30/2020/NĐ-CP: A4 portrait, Times New Roman, the issuing body (UBND TỈNH LAI CHÂU / SỞ NỘI VỤ)
with the number line top left, the national motto with the place and date top right, the
title, then

* **I. Kết quả thực hiện** — each section of the statistics in sentences and a table of its
  figures (with how each is counted), the charts as pictures with a caption, a one-sentence
  summary and their data table, the exemplars recognised, the models replicated with the units
  that adopted them, and the figures per group (current units or former districts);
* **II. Đánh giá chung**, **III. Phương hướng, nhiệm vụ**, **IV. Kiến nghị, đề xuất** — marked
  places "[Cơ quan thường trực bổ sung: …]" for what people write themselves;
* "Nơi nhận" and the signature block.

The wording is the official Vietnamese (no gettext); the figures' labels are the declared
ones (``reviews.figures``), read in Vietnamese. The writers are the Biểu đăng ký's
(``registry.io.export_docx``).
"""

import datetime
import io

from django.utils import timezone
from django.utils.translation import override

from registry.io import export_docx as word
from registry.io.document import MOTTO, NATION, blank_place_date, xml_safe
from reviews import report_rows as tables
from reviews.figures import BY_KEY, GROUP_COLUMNS

PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 2.0}
CONTENT_CM = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
PLACE = "Lai Châu"
ISSUER = ("UBND TỈNH LAI CHÂU", "SỞ NỘI VỤ")
NUMBER_LINE = "Số:        /BC-SNV"
KIND_WORDS = {"interim": "Sơ kết", "final": "Tổng kết"}
# The grouped table's columns (``GROUP_COLUMNS``), short enough for a portrait page; the note
# under the table gives each one's full name and definition.
SHORT_HEADERS = {"units_required": "Phải đăng ký", "units_registered": "Đã gửi đăng ký",
                 "units_quota_met": "Đạt chỉ tiêu", "exemplars": "Điển hình",
                 "recognised": "Được công nhận", "adoptions": "Lượt nhân rộng",
                 "introductions": "Lượt giới thiệu"}
RECIPIENTS = ("- UBND tỉnh (b/c);", "- Hội đồng Thi đua - Khen thưởng tỉnh;",
              "- Các sở, ban, ngành, đoàn thể tỉnh;", "- UBND các xã, phường;",
              "- Lưu: VT, TĐKT.")


def fill(what: str) -> str:
    """A marked place for what the standing office must write."""
    return f"[Cơ quan thường trực bổ sung: {what}]"


def number(value) -> str:
    """12345 → "12.345" (the Vietnamese thousands separator)."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def _percent(part: int, whole: int) -> str:
    return number(round(100 * part / whole, 1)) + "%" if whole else "—"


def _header(document, year: int) -> None:
    left, right = word._two_columns(document, 6.5, CONTENT_CM - 6.5)
    word._line(left, ISSUER[0], size=13, first=True)
    word._line(left, ISSUER[1], size=13, bold=True)
    word._line(left, "――――――", size=12)
    word._line(left, NUMBER_LINE, size=13, space_before=4)
    word._line(right, NATION, size=12, bold=True, first=True)
    word._line(right, MOTTO, size=13, bold=True, underline=True)
    word._line(right, "――――――――――――――――", size=12)
    word._line(right, blank_place_date(PLACE, year), size=13, italic=True, space_before=4)


def _heading(document, text: str) -> None:
    word._line(document, text, size=13, bold=True, align="left",
               space_before=10).paragraph_format.keep_with_next = True


def _para(document, text: str, *, bold: bool = False, italic: bool = False,
          space_before: int = 3) -> None:
    from docx.shared import Cm

    for line in xml_safe(text).splitlines() or [""]:
        if line.strip():
            paragraph = word._line(document, line, size=14, align="justify", bold=bold,
                                   italic=italic, space_before=space_before)
            paragraph.paragraph_format.first_line_indent = Cm(1.0)


def _caption(document, text: str) -> None:
    word._line(document, xml_safe(text), size=12, bold=True, italic=True,
               space_before=6).paragraph_format.keep_with_next = True


def _table(document, headers: list[tuple[str, float]], rows: list[list],
           total: list | None = None) -> None:
    """``grid_table`` scaled to the page, with an STT column, numbers formatted and an
    unnumbered ``total`` row last."""
    widths = [w for _h, w in headers]
    scale = (CONTENT_CM - 1.3) / sum(widths)
    columns = [("STT", 1.3), *((h, w * scale) for h, w in headers)]
    body = [[str(i), *(number(tables.cell(v)) for v in row)] for i, row in enumerate(rows, 1)]
    if total is not None:
        body.append(["", *(number(v) for v in total)])
    word.grid_table(document, columns, body)


def _title(stats) -> str:
    kind = KIND_WORDS.get(stats.period.kind, "Tổng kết")
    title = stats.period.title.strip()
    return title if title.lower().startswith(kind.lower()) else f"{kind} {title}"


def _lead(document, stats, made_at: datetime.datetime, data_version) -> None:
    from reviews.selectors import period_campaigns

    period = stats.period
    campaigns = "; ".join(c.name for c in period_campaigns(period))
    window = (f"từ ngày {period.starts_on:%d/%m/%Y} đến ngày {period.ends_on:%d/%m/%Y}"
              if period.starts_on.year > 1900 and period.ends_on.year < 9999
              else "từ khi phát động đến nay")
    _para(document, f"Thực hiện {campaigns}, Sở Nội vụ (Cơ quan Thường trực Hội đồng Thi đua - "
                    f"Khen thưởng tỉnh) báo cáo kết quả {window} như sau:", space_before=12)
    version = f", phiên bản dữ liệu số {data_version}" if data_version else ""
    _para(document, f"(Số liệu tổng hợp từ Hệ thống quản lý điển hình tiên tiến lúc "
                    f"{made_at:%H:%M} ngày {made_at:%d/%m/%Y}{version}.)", italic=True)


def _sentences(stats, key: str) -> list[str]:
    """The section in words: the main facts first, then every figure of the section."""
    v = stats.value
    out = []
    if key == "registration":
        out.append(f"Có {number(v('units_registered'))}/{number(v('units_required'))} đơn vị đã "
                   f"gửi đăng ký (đạt {_percent(v('units_registered'), v('units_required'))}), "
                   f"trong đó {number(v('units_on_time'))} đơn vị gửi đúng hạn, "
                   f"{number(v('units_late'))} đơn vị gửi muộn; {number(v('units_quota_met'))} "
                   f"đơn vị đạt chỉ tiêu đăng ký; {number(v('units_not_registered'))} đơn vị "
                   f"chưa gửi đăng ký.")
    elif key == "exemplars":
        kinds = _breakdown(stats, "exemplars", "kind")
        out.append(f"Các đơn vị đã đăng ký {number(v('exemplars'))} điển hình"
                   + (f" ({kinds})" if kinds else "") + ".")
        fields = _breakdown(stats, "exemplars", "field")
        if fields:
            out.append(f"Theo lĩnh vực: {fields}.")
    elif key == "commendation":
        out.append(f"Các đơn vị đã gửi {number(v('proposals'))} tờ trình đề nghị với "
                   f"{number(v('proposal_items'))} trường hợp; Hội đồng Thi đua - Khen thưởng "
                   f"tỉnh họp {number(v('meetings_held'))} phiên, thông qua "
                   f"{number(v('council_passed'))} trường hợp; đã ban hành "
                   f"{number(v('decisions'))} quyết định với {number(v('awards'))} lượt công "
                   f"nhận, khen thưởng; {number(v('recognised'))} điển hình được công nhận, "
                   f"khen thưởng.")
    elif key == "replication":
        out.append(f"Có {number(v('exemplars_replicated'))} điển hình, mô hình được nhân rộng "
                   f"tới {number(v('units_reached'))} đơn vị (trong đó "
                   f"{number(v('communes_reached'))} xã, phường), "
                   f"{number(v('adoptions'))} lượt áp dụng.")
    elif key == "propagation":
        channels = _breakdown(stats, "introductions", "channel")
        out.append(f"Đã giới thiệu {number(v('introductions'))} lượt điển hình tới các kênh "
                   f"tuyên truyền" + (f" ({channels})" if channels else "") + f", trong đó "
                   f"{number(v('introductions_published'))} lượt đã đăng, phát; "
                   f"{number(v('publications'))} điển hình đang được công khai trên trang "
                   f"công khai.")
    for section in stats.sections():
        if section["key"] == key:
            out.append("; ".join(f"{c.figure.label}: {number(c.value)}"
                                 for c in section["figures"]) + ".")
    return out


def _breakdown(stats, figure: str, dim: str) -> str:
    found = next((d for d in stats.figures[figure].dims if d.key == dim), None)
    if found is None:
        return ""
    return ", ".join(f"{v['label']}: {number(v['count'])}" for v in found.values)


def _results(document, stats) -> int:
    _heading(document, "I. KẾT QUẢ THỰC HIỆN")
    for index, section in enumerate(stats.sections(), start=1):
        _heading(document, f"{index}. {section['label']}")
        for sentence in _sentences(stats, section["key"]):
            _para(document, sentence)
        _table(document, [("Chỉ tiêu", 6.0), ("Số liệu", 2.0), ("Cách tính", 8.0)],
               [[str(c.figure.label), c.value, str(c.figure.definition)]
                for c in section["figures"]])
    return len(stats.sections())


def _charts(document, charts, start: int) -> int:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    _heading(document, f"{start}. Biểu đồ")
    for number_, chart in enumerate(charts, start=1):
        _caption(document, f"Biểu đồ {number_}. {chart.title}")
        if chart.empty:
            _para(document, "Chưa có số liệu trong kỳ.", italic=True)
            continue
        picture = document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(io.BytesIO(chart.png()), width=Cm(CONTENT_CM - 1.0))
        _para(document, chart.summary, italic=True)
        headers = list(chart.headers)
        widths = [6.0, *([3.0] * (len(headers) - 1))]
        _table(document, list(zip([str(h) for h in headers], widths, strict=True)),
               [list(row) for row in chart.rows])
    return start + 1


def _lists(document, stats, start: int) -> int:
    _heading(document, f"{start}. Điển hình được công nhận, khen thưởng trong kỳ")
    recognised = tables.recognised_rows(stats.period)
    if recognised:
        _table(document, list(zip(tables.RECOGNISED_HEADERS, (6.0, 2.5, 4.5, 4.0),
                                  strict=True)), recognised)
    else:
        _para(document, "Trong kỳ chưa có điển hình được công nhận, khen thưởng.", italic=True)
    _heading(document, f"{start + 1}. Điển hình, mô hình được nhân rộng")
    replicated = tables.replicated_rows(stats.period)
    if replicated:
        _table(document, list(zip(tables.REPLICATED_HEADERS, (5.0, 2.0, 3.5, 5.0, 1.8),
                                  strict=True)), replicated)
    else:
        _para(document, "Trong kỳ chưa có điển hình, mô hình được nhân rộng.", italic=True)
    return start + 2


def _groups(document, stats, start: int) -> None:
    _heading(document, f"{start}. {tables.grouping_title(stats.grouping)}")
    headers = [tables.group_headers(stats.grouping)[0],
               *(SHORT_HEADERS.get(k, str(BY_KEY[k].label)) for k in GROUP_COLUMNS)]
    rows = []
    for row in stats.groups:
        name = row.group.name + (" (đã kết thúc)" if row.group.ended else "")
        rows.append([name, *(row.counts[k] for k in GROUP_COLUMNS)])
        rows.extend([f"– {m['name']}", *(m["counts"][k] for k in GROUP_COLUMNS)]
                    for m in row.members if m["unit_id"] != row.group.unit_id)
    _table(document, list(zip(headers, (4.2, *([1.7] * len(GROUP_COLUMNS))), strict=True)),
           rows, total=["Tổng cộng", *(stats.value(k) for k in GROUP_COLUMNS)])
    _para(document, "Ghi chú: " + "; ".join(
        f"{SHORT_HEADERS.get(k, BY_KEY[k].label)}: {str(BY_KEY[k].definition).rstrip('.')}"
        for k in GROUP_COLUMNS) + ".", italic=True)


def _assessment(document) -> None:
    _heading(document, "II. ĐÁNH GIÁ CHUNG")
    _para(document, "1. Ưu điểm", bold=True)
    _para(document, fill("ưu điểm, kết quả nổi bật"))
    _para(document, "2. Tồn tại, hạn chế và nguyên nhân", bold=True)
    _para(document, fill("tồn tại, hạn chế và nguyên nhân"))
    _para(document, "3. Bài học kinh nghiệm", bold=True)
    _para(document, fill("bài học kinh nghiệm"))
    _heading(document, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI")
    _para(document, fill("phương hướng, nhiệm vụ thời gian tới"))
    _heading(document, "IV. KIẾN NGHỊ, ĐỀ XUẤT")
    _para(document, fill("kiến nghị, đề xuất"))


def _footer(document) -> None:
    word._line(document, "", space_before=6)
    left, right = word._two_columns(document, 8.0, CONTENT_CM - 8.0)
    word._line(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
    for line in RECIPIENTS:
        word._line(left, line, size=11, align="left")
    word._line(right, "GIÁM ĐỐC", size=13, bold=True, first=True)
    word._line(right, "(Ký, ghi rõ họ tên, đóng dấu)", size=13, italic=True)
    for _ in range(4):
        word._line(right, "")
    word._line(right, fill("họ và tên người ký"), size=13, bold=True)


def report_docx(stats, charts, *, data_version: int | None = None,
                made_at: datetime.datetime | None = None) -> bytes:
    """The report of ``stats`` (``reviews.selectors.statistics``) with ``charts``
    (``reviews.charts.review_charts``) as a .docx file's bytes."""
    from docx import Document

    made_at = timezone.localtime(made_at or timezone.now())
    with override("vi"):
        document = Document()
        word.page_setup(document, PAGE_CM, MARGINS_CM)
        word._styles(document)
        _header(document, made_at.year)
        word._line(document, "BÁO CÁO", size=14, bold=True, space_before=18)
        word._line(document, xml_safe(_title(stats)), size=14, bold=True)
        word._line(document, "――――――", size=13)
        _lead(document, stats, made_at, data_version)
        count = _results(document, stats)
        after = _charts(document, charts, count + 1)
        after = _lists(document, stats, after)
        _groups(document, stats, after)
        _assessment(document)
        _footer(document)
        props = document.core_properties
        props.title = f"Báo cáo {_title(stats)}"
        props.author = "Sở Nội vụ tỉnh Lai Châu"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
