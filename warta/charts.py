"""Report charts as static SVG (matplotlib), and the files beside a report's page.

Charts are drawn for a phone first: horizontal bars, each with its label on a line of its own
above it (long unit names never squeeze the bars) and its figure at the bar's end, in
Indonesian number format; no axes to read. Text stays text (`svg.fonttype: none`), the file
carries a `<title>` and a `<desc>` listing every figure, and its bytes depend only on the
figures: fixed hash salt for ids, no date in the metadata. The same figures are in a table on
the page, so the chart is never the only way to read them.
"""

from __future__ import annotations

import io
import os
from xml.sax.saxutils import escape

from .dates import decimal
from .report import Report, Section

WIDTH_IN = 5.0  # 360 pt: shown at about 1:1 in a 390 px wide phone screen
ROW_PT = 40
FONT_PT = 15
BAR = "#0b4f8a"
INK = "#1b1f24"
MAX_LABEL = 38
RC = {"svg.fonttype": "none", "svg.hashsalt": "warta-laporan", "font.size": FONT_PT,
      "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", "Noto Sans", "Arial"]}


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1].rstrip() + "…"


def size(section: Section) -> tuple[int, int]:
    """The chart's width and height in its own units (the SVG's viewBox), for `<img>`."""
    return round(WIDTH_IN * 72), len(section.rows) * ROW_PT + 8


def bar_chart(section: Section) -> bytes:
    """`section`'s rows (figures) as a horizontal bar chart, SVG."""
    import matplotlib
    from matplotlib.figure import Figure

    rows = section.rows
    n = len(rows)
    biggest = max([int(r.value) for r in rows] + [1])
    with matplotlib.rc_context(RC):
        width, height = size(section)
        fig = Figure(figsize=(width / 72, height / 72))
        ax = fig.add_axes((0.01, 0, 0.98, 1))
        ax.set_axis_off()
        ax.set_xlim(0, biggest * 1.2)
        ax.set_ylim(n + 0.1, 0)
        for i, row in enumerate(rows):
            value = int(row.value)
            ax.text(0, i + 0.46, _label(row.short or row.label), color=INK, va="baseline", ha="left",
                    parse_math=False)  # a `$` in a name is a dollar sign, never TeX
            if value:
                ax.barh(i + 0.69, value, height=0.36, left=0, color=BAR)
            ax.text(value + biggest * 0.02, i + 0.69, decimal(value, 0), color=INK, va="center",
                    ha="left", fontweight="bold", parse_math=False)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return _accessible(buffer.getvalue(), section)


def _accessible(svg: bytes, section: Section) -> bytes:
    """A title and a description (every figure) as the SVG's accessible name."""
    text = svg.decode("utf-8")
    start = text.index("<svg ")
    end = text.index(">", start)
    desc = "; ".join(f"{r.label}: {decimal(int(r.value), 0)}" for r in section.rows)
    head = (text[:end] + ' role="img" aria-labelledby="judul keterangan">'
            f'\n <title id="judul">{escape(section.title)}</title>'
            f'\n <desc id="keterangan">{escape(desc)}</desc>')
    return (head + text[end + 1:]).encode("utf-8")


def write_report(report: Report, folder: str) -> list[tuple[str, str]]:
    """The CSV, the XLSX and every chart of `report` into `folder` (one worker job). Returns the
    failures as (page, message), like the other jobs."""
    from .reportfiles import to_csv, to_xlsx

    try:
        os.makedirs(folder, exist_ok=True)
        files = {f"{report.period.stem}.csv": to_csv(report), f"{report.period.stem}.xlsx": to_xlsx(report)}
        files.update({s.chart_file: bar_chart(s) for s in report.charts})
        for name, data in files.items():
            with open(os.path.join(folder, name), "wb") as fh:
                fh.write(data)
    except Exception as error:  # reported by name; the build then fails
        return [(report.period.url, f"{type(error).__name__}: {error}")]
    return []
