"""Charts drawn on the server with Matplotlib (the well-kept plotting library; no JavaScript and
nothing from a CDN): the same chart as SVG for the page — text stays text, so it is readable,
selectable, printable and translated — and as PNG for the Word report.

A chart carries its title, a one-sentence text summary and its data table; the template
``core/_chart.html`` puts all three beside the picture, and the SVG gets ``role="img"``, a
``<title>`` and a ``<desc>`` so that a screen reader announces it. Matplotlib is imported
lazily here and nowhere else (its object API, never ``pyplot``: safe in threads, no global
figure state). Its bundled DejaVu Sans has every Vietnamese letter, so the PNG needs no system
font.
"""

import datetime
import io
import re
from dataclasses import dataclass, field
from html import escape

PALETTE = ("#1f5fa8", "#c0392b", "#2e8540", "#b9770e", "#6c3483", "#117a8b")
_ID = re.compile(r'\bid="([^"]+)"')
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)


@dataclass
class Chart:
    key: str
    title: str
    summary: str
    headers: list[str]
    rows: list[list]
    kind: str = "bar"  # "bar" (horizontal bars per label) | "line" (cumulative over dates)
    series: list[str] = field(default_factory=list)  # the value columns of ``rows``
    marker: tuple[datetime.date, str] | None = None  # a vertical line (a deadline) on a line
    _svg: str | None = field(default=None, repr=False, compare=False)  # drawn once

    @property
    def empty(self) -> bool:
        return not self.rows or not any(
            isinstance(v, int | float) and v for row in self.rows for v in row[1:])

    def cells(self) -> list[list]:
        """The data table as shown: dates dd/mm/yyyy, everything else as it is."""
        return [[f"{v:%d/%m/%Y}" if isinstance(v, datetime.date) else v for v in row]
                for row in self.rows]

    def svg(self) -> str:
        if self._svg is None:
            self._svg = _accessible_svg(self, _render(self, "svg"))
        return self._svg

    def png(self) -> bytes:
        return _render(self, "png")


def _figure(chart: Chart):
    from matplotlib.figure import Figure

    height = 3.2 if chart.kind == "line" else max(2.2, 0.42 * len(chart.rows) + 1.0)
    figure = Figure(figsize=(7.2, height), dpi=110, layout="constrained")
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x" if chart.kind == "bar" else "y", color="#dde1e7", linewidth=0.8)
    axes.set_axisbelow(True)
    return figure, axes


def _render(chart: Chart, fmt: str):
    import matplotlib

    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": chart.key,
                                "font.family": "DejaVu Sans", "font.size": 9})
    figure, axes = _figure(chart)
    series = chart.series or chart.headers[1:]
    if chart.kind == "line":
        _line(axes, chart, series)
    else:
        _bars(axes, chart, series)
    out = io.BytesIO()
    figure.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return out.getvalue().decode() if fmt == "svg" else out.getvalue()


def _bars(axes, chart: Chart, series: list[str]) -> None:
    labels = [str(row[0]) for row in chart.rows][::-1]
    positions = range(len(labels))
    height = 0.8 / max(len(series), 1)
    for index, name in enumerate(series):
        values = [row[1 + index] or 0 for row in chart.rows][::-1]
        offsets = [p + ((len(series) - 1) / 2 - index) * height for p in positions]
        bars = axes.barh(offsets, values, height=height * 0.95, label=name,
                         color=PALETTE[index % len(PALETTE)])
        axes.bar_label(bars, padding=2, fontsize=8)
    axes.set_yticks(list(positions), labels=[_short(label) for label in labels])
    axes.xaxis.get_major_locator().set_params(integer=True)
    if len(series) > 1:
        axes.legend(loc="lower right", frameon=False, fontsize=8)


def _line(axes, chart: Chart, series: list[str]) -> None:
    import matplotlib.dates as mdates

    days = [row[0] for row in chart.rows]
    for index, name in enumerate(series):
        axes.step(days, [row[1 + index] for row in chart.rows], where="post", label=name,
                  color=PALETTE[index % len(PALETTE)], linewidth=2)
    if chart.marker is not None:
        day, label = chart.marker
        axes.axvline(day, color=PALETTE[1], linestyle="--", linewidth=1.2)
        axes.annotate(label, (day, 1), xycoords=("data", "axes fraction"), ha="right",
                      va="top", fontsize=8, color=PALETTE[1], xytext=(-3, -2),
                      textcoords="offset points")
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m/%Y"))
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_ylim(bottom=0)
    if len(series) > 1:
        axes.legend(loc="upper left", frameon=False, fontsize=8)


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _attributes(match: re.Match) -> str:
    pairs = [part.split(":", 1) for part in match.group(1).split(";") if ":" in part]
    out = []
    for name, value in pairs:
        name, value = name.strip(), value.strip()
        if not re.fullmatch(r"[a-z-]+", name):
            continue
        if name == "font-family" and "sans-serif" not in value:
            value += ", sans-serif"  # the reader's sans-serif where DejaVu Sans is missing
        out.append(f' {name}="{escape(value, quote=True)}"')
    return "".join(out)


def _presentation(svg: str) -> str:
    """Matplotlib's ``style="fill: …"`` attributes and its ``<style>`` element as SVG
    presentation attributes: the page's strict CSP (``style-src 'self'``) blocks inline styles,
    not presentation attributes, so the chart keeps its colours and fonts inline."""
    return _STYLE.sub(_attributes, _STYLE_ELEMENT.sub("", svg))


def _accessible_svg(chart: Chart, svg: str) -> str:
    """The SVG inline-ready: no XML prolog, ids prefixed with the chart's key (several charts
    on one page), ``role="img"`` with a ``<title>`` and ``<desc>``; inline styles
    turned into presentation attributes (CSP)."""
    svg = _presentation(svg[svg.index("<svg"):])
    prefix = f"c-{chart.key}-"
    ids = set(_ID.findall(svg))
    for name in sorted(ids, key=len, reverse=True):
        svg = (svg.replace(f'id="{name}"', f'id="{prefix}{name}"')
               .replace(f"#{name})", f"#{prefix}{name})")
               .replace(f'href="#{name}"', f'href="#{prefix}{name}"'))
    head_end = svg.index(">") + 1
    head = svg[:head_end].replace(
        "<svg ", f'<svg role="img" aria-labelledby="{prefix}title {prefix}desc" '
                 'focusable="false" ', 1)
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    head = head.replace('focusable="false" ',
                        'focusable="false" stroke-linejoin="round" stroke-linecap="butt" ', 1)
    return (head + f'<title id="{prefix}title">{escape(chart.title)}</title>'
            f'<desc id="{prefix}desc">{escape(chart.summary)}</desc>' + svg[head_end:])
