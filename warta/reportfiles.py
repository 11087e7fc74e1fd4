"""A report (warta/report.py) as text, CSV, XLSX and JSON: the same rows in every format.

CSV and XLSX hold one table, one row per report row: `bagian` (the section), `butir`, `nilai`
(a plain integer for a figure, so a spreadsheet can add it up), `keterangan` and `tautan` (the
row's address on the site). The XLSX has that table on its first sheet, filterable, and the
notes on how each figure was counted on a second. Both are byte-identical for the same
report: the workbook's creation date is fixed and nothing else depends on the clock.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from .report import Report, figure

HEADER = ("bagian", "butir", "nilai", "keterangan", "tautan")
EMPTY = "Tidak ada."


def table(report: Report) -> list[tuple[str, str, int | str, str, str]]:
    """Every row of every section, as CSV and XLSX hold them."""
    return [(s.title, _inert(row.label), row.value if isinstance(row.value, int) else _inert(row.value),
             _inert(row.note), report.site_url + row.url if row.url else "")
            for s in report.sections for row in s.rows]


def _inert(text: str) -> str:
    """A text a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) starts with an
    apostrophe instead (OWASP's advice against CSV injection); titles are staff's text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def text(report: Report) -> str:
    """The readable summary `scripts/warta report` prints."""
    lines = [report.title, report.site_name]
    for s in report.sections:
        lines += ["", s.title]
        if s.about:
            lines.append(f"  ({s.about})")
        for row in s.rows:
            lines.append(f"  {row.label}: {figure(row.value)}" + (f" ({row.note})" if row.note else ""))
        if not s.rows:
            lines.append(f"  {EMPTY}")
    return "\n".join(lines) + "\n"


def to_csv(report: Report) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheet programs read the accents), CRLF rows."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(table(report))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_json(report: Report) -> bytes:
    data = {"period": report.period.key, "title": report.title, "site": report.site_name,
            "sections": [{"key": s.key, "title": s.title, "columns": [c for c in s.columns if c],
                          "about": s.about, "rows": [
                              {"label": r.label, "value": r.value, "note": r.note,
                               "url": report.site_url + r.url if r.url else ""} for r in s.rows]}
                         for s in report.sections]}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


#: Fixed, so the same report gives the same bytes (XlsxWriter writes zip entries dated 1980).
CREATED = datetime(2000, 1, 1)


def to_xlsx(report: Report) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": f"{report.title} — {report.site_name}", "created": CREATED,
                         "author": report.site_name, "comments": "Dibuat oleh Warta"})
    head = book.add_format({"bold": True, "bg_color": "#E3E7EC", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    number = book.add_format({"num_format": "#,##0", "valign": "top"})
    sheet = book.add_worksheet("Laporan")
    sheet.write_row(0, 0, HEADER, head)
    rows = table(report)
    for i, (section, label, value, note, url) in enumerate(rows, start=1):
        sheet.write_string(i, 0, section, wrap)
        sheet.write_string(i, 1, label, wrap)
        if isinstance(value, int):
            sheet.write_number(i, 2, value, number)
        else:
            sheet.write_string(i, 2, value, wrap)
        sheet.write_string(i, 3, note, wrap)
        sheet.write_string(i, 4, url)
    for col, width in enumerate((28, 48, 22, 48, 40)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(HEADER) - 1)
    notes = book.add_worksheet("Keterangan")
    notes.set_column(0, 0, 32)
    notes.set_column(1, 1, 100)
    notes.write_row(0, 0, ("Laporan", report.title), head)
    notes.write_row(1, 0, ("Situs", report.site_name))
    for i, s in enumerate((s for s in report.sections if s.about), start=2):
        notes.write_string(i, 0, s.title, wrap)
        notes.write_string(i, 1, s.about, wrap)
    book.close()
    return buffer.getvalue()


def render(report: Report, fmt: str) -> bytes:
    """`report` in one of the CLI's formats: text, csv, xlsx or json."""
    if fmt == "text":
        return text(report).encode("utf-8")
    return {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}[fmt](report)
