"""Monitoring and evaluation reports (laporan): what was public in a month or a year.

Pure functions of the public `Site` (the same one the pages are made from), the git history
and the clippings. A report is a list of sections of rows; every format renders those same
rows: the page under `/laporan/` and its charts, and `scripts/warta report` as text, CSV, XLSX
or JSON (warta/reportfiles.py), so the figures cannot disagree.

What counts (the page says it too):
- a release counts in the period of its date as written (like the archive's months), if it
  is public now (a draft or a release still under embargo is never counted or named, even in
  a reviewer's preview); a withdrawn release still counts where it was published;
- a correction is an `updates` note dated in the period, a withdrawal likewise;
- an embargo is a release whose first commit came before its time (it was written ahead).
  It went live at its time if it reached the branch the site is built from before then (the
  schedule then publishes it within one period, SCHEDULE_MINUTES), else when it reached the
  branch (a merged pull request: the merge commit's time). Git does not record deployments,
  so this is what the history can tell, not a measured publication time;
- days and hours are read in the site's time zone;
- clippings are those of the period's releases, whenever the partner republished them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date

from . import kliping, mitra
from .dates import decimal, long_date, zone_label
from .history import History
from .model import TYPE_LABELS, VERDICT_LABELS, Release
from .site import Entry, Site, month_name

#: The publish schedule's period in minutes: `cron: "*/15 * * * *"` in
#: .github/workflows/publish.yml (tests/test_report.py holds the two together).
SCHEDULE_MINUTES = 15

#: Partner kinds of the partner registry, as the report names them.
PARTNER_KINDS = mitra.KINDS
UNKNOWN = "tidak diketahui"


@dataclass(frozen=True)
class ClippingRow:
    """One entry of a release's publication trail (`kliping.yml`), as the report reads it."""

    release_url: str  # the release's site-relative URL: rilis/YYYY/MM/slug/
    kind: str  # republikasi | kutipan | sosial (the office's own post)
    partner: str  # the partner's id (for `sosial`: the platform)
    partner_name: str  # as readers know it
    partner_kind: str  # online | cetak | tv | radio (for `sosial`: sosial)
    url: str
    date: date
    title: str = ""


def clipping_rows(site: Site) -> list[ClippingRow]:
    """Every clipping of the public releases of `site`, from their `kliping.yml`."""
    rows = []
    for release, c in kliping.trail(site.releases):
        own = c.kind == "sosial" or c.partner is None  # a social post counts by its platform
        rows.append(ClippingRow(
            release.url, c.kind, c.platform if own else c.partner.id,
            kliping.PLATFORMS.get(c.platform, c.platform) if own else c.partner.name,
            "sosial" if own else c.partner.kind, c.url,
            c.date.date() if isinstance(c.date, datetime) else c.date, c.title))
    return rows


@dataclass(frozen=True)
class ReportPeriod:
    year: int
    month: int | None = None  # None: the whole year

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    @property
    def label(self) -> str:
        return month_name(self.year, self.month) if self.month else str(self.year)

    @property
    def url(self) -> str:
        return f"laporan/{self.year}/{self.month:02d}/" if self.month else f"laporan/{self.year}/"

    @property
    def stem(self) -> str:
        """Name of the downloads: laporan-2026-10.csv, laporan-2026.xlsx."""
        return f"laporan-{self.key}"

    def holds(self, when: datetime) -> bool:
        return when.year == self.year and (self.month is None or when.month == self.month)


class PeriodError(ValueError):
    """A period written wrongly on the command line (message and hint in Indonesian)."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def parse_period(month: str | None, year: str | None) -> ReportPeriod:
    """`--month 2026-10` or `--year 2026`, exactly one of them. Raises PeriodError."""
    if (month is None) == (year is None):
        raise PeriodError("pilih salah satu saja: --month atau --year" if month else
                          "periode laporan belum ditulis",
                          "tulis `--month 2026-10` untuk laporan bulanan atau `--year 2026` untuk "
                          "laporan tahunan.")
    if month is not None:
        m = re.fullmatch(r"(\d{4})-(\d{2})", month.strip())
        if m is None or not 1 <= int(m[2]) <= 12 or int(m[1]) < 1:
            raise PeriodError(f"bulan '{month}' tidak valid", "tulis tahun dan bulan sebagai YYYY-MM, "
                              "bulan 01–12, mis. `--month 2026-10`.")
        return ReportPeriod(int(m[1]), int(m[2]))
    if not re.fullmatch(r"\d{4}", year.strip()) or int(year) < 1:
        raise PeriodError(f"tahun '{year}' tidak valid", "tulis tahun dengan empat angka, mis. `--year 2026`.")
    return ReportPeriod(int(year))


@dataclass(frozen=True)
class Row:
    label: str
    value: int | str  # a figure, or a text (a verdict, a time, a status)
    note: str = ""
    url: str = ""  # site-relative link of the row on the page
    short: str = ""  # shorter label for a chart (a unit's short name)

    @property
    def shown(self) -> str:
        return figure(self.value)


def figure(value: int | str) -> str:
    """A value as a reader sees it: figures with Indonesian separators (`1.234`)."""
    return decimal(value, 0) if isinstance(value, int) else value


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    columns: tuple[str, str, str]  # headers of label, value and note ("" = no note column)
    rows: tuple[Row, ...]
    chart: bool = False  # drawn as a bar chart (the rows' values are figures)
    about: str = ""  # how it was counted

    @property
    def chart_file(self) -> str:
        return f"grafik-{self.key}.svg"


@dataclass(frozen=True)
class Report:
    period: ReportPeriod
    title: str  # "Laporan Oktober 2026"
    site_name: str
    site_url: str  # absolute, ends with "/"
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    @property
    def charts(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.chart and s.rows)

    @property
    def files(self) -> tuple[str, ...]:
        """The files beside the report's page: downloads and charts."""
        return (f"{self.period.stem}.csv", f"{self.period.stem}.xlsx", *(s.chart_file for s in self.charts))

    @property
    def total(self) -> int:
        return int(self.section("ringkasan").rows[0].value)


def public_releases(site: Site) -> list[Release]:
    """What the report may count: public now (never an embargo shown in a preview), oldest first."""
    return sorted((r for r in site.releases if r.is_public(site.now)), key=lambda r: (r.date, r.url))


def build_report(site: Site, history: History, period: ReportPeriod,
                 clippings: Sequence[ClippingRow], public: Sequence[Release] | None = None) -> Report:
    """The report of `period` over what `site` shows, with the history's commit times and the
    clippings (see the module's notes for what counts); `public` is public_releases(site),
    when the caller has it already."""
    tz = site.cfg.tz
    public = public_releases(site) if public is None else public
    released = [r for r in public if period.holds(r.date)]
    corrections = sorted(((r, u) for r in public for u in r.updates if period.holds(u.date)),
                         key=lambda pair: (pair[1].date, pair[0].url))
    withdrawn = sorted((r for r in public if r.withdrawn and period.holds(r.withdrawn.date)),
                       key=lambda r: (r.withdrawn.date, r.url))
    claims = [r for r in released if r.claim]
    embargo = _embargoes(released, history)
    urls = {r.url for r in released}
    mine = [c for c in clippings if c.release_url in urls]
    partner = [c for c in mine if c.kind != "sosial"]
    per_release = Counter(c.release_url for c in partner)
    local = [r.date.astimezone(tz) for r in released]
    zone = zone_label(site.now.astimezone(tz))

    def count(key, title, head, rows, chart=True, about="", what="Rilis") -> Section:
        return Section(key, title, (head, what, ""), tuple(rows), chart, about)

    summary = [
        Row("Rilis terbit", len(released)),
        Row("Klarifikasi", len(claims)),
        Row("Koreksi (catatan perubahan)", len(corrections)),
        Row("Rilis ditarik", len(withdrawn)),
        Row("Rilis embargo", UNKNOWN if embargo is None else len(embargo)),
        Row("Rilis embargo yang terbit tepat waktu",
            UNKNOWN if embargo is None else sum(row.value == "tepat waktu" for row in embargo)),
        Row("Kliping mitra media", len(partner)),
        Row("Unggahan media sosial resmi", len(mine) - len(partner)),
        Row("Rilis tanpa kliping", sum(1 for r in released if not per_release[r.url])),
    ]
    sections = [Section("ringkasan", "Ringkasan", ("Butir", "Jumlah", ""), tuple(summary))]
    if period.month is None:
        months = Counter(r.date.month for r in released)
        sections.append(count("bulan", "Rilis per bulan", "Bulan", [
            Row(month_name(period.year, m), months[m], url=ReportPeriod(period.year, m).url if months[m] else "",
                short=format_date(date(period.year, m, 1), "MMM", locale="id"))
            for m in range(1, 13)]))
    sections += [
        count("opd", "Rilis per perangkat daerah (OPD)", "Perangkat daerah",
              _ranked(released, lambda r: r.unit.slug, lambda r: Row(
                  r.unit.name, 0, url=r.unit.list_url, short=r.unit.short or r.unit.name))),
        count("kategori", "Rilis per kategori", "Kategori",
              _ranked(released, lambda r: r.category.slug, lambda r: Row(
                  r.category.name, 0, url=r.category.list_url))),
        count("jenis", "Rilis per jenis", "Jenis", [
            Row(label, sum(r.type == t for r in released)) for t, label in TYPE_LABELS.items()]),
        count("penilaian", "Klarifikasi per penilaian", "Penilaian", [
            Row(label, sum(r.claim.verdict == v for r in claims)) for v, label in VERDICT_LABELS.items()],
            chart=False, what="Klarifikasi"),
        Section("klarifikasi", "Daftar klarifikasi", ("Rilis", "Penilaian", "Terbit"), tuple(
            Row(r.title, VERDICT_LABELS[r.claim.verdict], long_date(r.date, r.time_given), r.url)
            for r in claims)),
        Section("koreksi", "Koreksi (catatan perubahan)", ("Rilis", "Waktu koreksi", "Catatan"), tuple(
            Row(r.title, long_date(u.date), u.note, r.url) for r, u in corrections)),
        Section("ditarik", "Rilis ditarik", ("Rilis", "Waktu penarikan", "Alasan"), tuple(
            Row(r.title, long_date(r.withdrawn.date), r.withdrawn.reason, r.url) for r in withdrawn)),
        Section("embargo", "Rilis embargo", ("Rilis", "Status", "Keterangan"), tuple(embargo or ()),
                about=_EMBARGO_ABOUT if embargo is not None else _EMBARGO_UNKNOWN),
        count("kliping-rilis", "Kliping per rilis", "Rilis", [
            Row(r.title, per_release[r.url], url=r.url) for r in
            sorted(released, key=lambda r: (-per_release[r.url], r.date)) if per_release[r.url]],
            chart=False, about=_CLIP_ABOUT, what="Kliping"),
        count("kliping-mitra", "Kliping per mitra media", "Mitra media", [
            Row(name, n) for name, n in sorted(Counter(c.partner_name for c in partner).items(),
                                               key=lambda kv: (-kv[1], kv[0].casefold()))],
              what="Kliping"),
        count("kliping-jenis", "Kliping per jenis media", "Jenis media", [
            Row(PARTNER_KINDS.get(kind, kind), n) for kind, n in sorted(
                Counter(c.partner_kind for c in partner).items(), key=lambda kv: (-kv[1], kv[0]))],
              what="Kliping"),
        Section("tanpa-kliping", "Rilis tanpa kliping", ("Rilis", "Terbit", ""), tuple(
            Row(r.title, long_date(r.date, r.time_given), url=r.url) for r in released
            if not per_release[r.url])),
        count("hari", "Rilis per hari", "Hari", [
            Row(format_date(date(2024, 1, 1 + d), "EEEE", locale="id"), sum(t.weekday() == d for t in local))
            for d in range(7)]),
        count("jam", f"Rilis per jam ({zone})", "Jam", [
            Row(f"{h:02d}.00–{h:02d}.59", n) for h, n in sorted(Counter(t.hour for t in local).items())]),
        count("tanggal", "Hari tersibuk", "Tanggal", [
            Row(format_date(d, "EEEE, d MMMM y", locale="id"), n) for d, n in sorted(
                Counter(t.date() for t in local).items(), key=lambda kv: (-kv[1], kv[0]))[:5]], chart=False),
    ]
    return Report(period, f"Laporan {period.label}", site.cfg.site_name, site.cfg.site_url, tuple(sections))


_CLIP_ABOUT = ("Kliping dihitung untuk rilis yang terbit pada periode ini, kapan pun mitra memuatnya; "
               "unggahan media sosial resmi tidak dihitung sebagai kliping mitra.")
_EMBARGO_ABOUT = (f"Rilis embargo: rilis yang sudah di-commit sebelum waktu terbitnya. Jadwal terbit "
                  f"berjalan setiap {SCHEDULE_MINUTES} menit, jadi rilis yang sudah masuk cabang utama "
                  f"sebelum waktunya terbit paling lambat {SCHEDULE_MINUTES} menit setelah waktu itu "
                  "(tepat waktu). Rilis yang baru masuk cabang utama sesudah waktunya terbit saat "
                  "digabung (terlambat). Waktu diambil dari riwayat git; git tidak mencatat waktu "
                  "situs diunggah.")
_EMBARGO_UNKNOWN = ("Riwayat git tidak tersedia saat laporan dibuat, jadi rilis embargo tidak bisa "
                    "dikenali. Bangun situs dengan riwayat penuh (fetch-depth: 0).")


def _ranked(releases: list[Release], key, row) -> list[Row]:
    """Rows of `releases` grouped by `key`, the largest group first, then by label."""
    counts = Counter(key(r) for r in releases)
    first = {}
    for r in releases:
        first.setdefault(key(r), row(r))
    rows = [Row(first[k].label, n, first[k].note, first[k].url, first[k].short) for k, n in counts.items()]
    return sorted(rows, key=lambda r: (-r.value, r.label.casefold()))


def _embargoes(released: list[Release], history: History) -> list[Row] | None:
    """A row per release written ahead of its time; None when git gave no history at all."""
    if not history.commits:
        return None
    rows = []
    for r in released:
        commits = history.of(r.path)
        if not commits or commits[0].date >= r.date:
            continue  # not committed (a local preview), or written after its time: no embargo
        arrived = history.arrived.get(r.path, commits[0].date)
        late = int((arrived - r.date).total_seconds() // 60)
        status = "tepat waktu" if late <= SCHEDULE_MINUTES else f"terlambat {_duration(late)}"
        rows.append(Row(r.title, status, f"embargo sampai {long_date(r.date)}; masuk cabang utama "
                        f"{long_date(arrived.astimezone(r.date.tzinfo))}", r.url))
    return rows


def _duration(minutes: int) -> str:
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} hari" if days else "", f"{hours} jam" if hours else "", f"{mins} menit" if mins else ""]
    return " ".join(p for p in parts if p)


# --- Every report of a site ---------------------------------------------------------------

def report_periods(site: Site) -> list[ReportPeriod]:
    """Every month with a public release, a correction or a withdrawal, and their years; newest
    first, each year before its months."""
    stamps = []
    for r in public_releases(site):
        stamps += [r.date, *(u.date for u in r.updates)] + ([r.withdrawn.date] if r.withdrawn else [])
    months = sorted({(t.year, t.month) for t in stamps}, reverse=True)
    out: list[ReportPeriod] = []
    for y, m in months:
        if not out or out[-1].year != y:
            out.append(ReportPeriod(y))
        out.append(ReportPeriod(y, m))
    return out


def all_reports(site: Site, history: History) -> dict[str, Report]:
    """Every report the site publishes, by its page's URL."""
    clippings, public = clipping_rows(site), public_releases(site)
    return {p.url: build_report(site, history, p, clippings, public) for p in report_periods(site)}


def index_rows(reports: dict[str, Report]) -> tuple[Entry, ...]:
    """The `/laporan/` index: each year with its months, and the releases of each."""
    years: list[Entry] = []
    for report in reports.values():
        p = report.period
        entry = Entry(p.label, p.url, report.total)
        if p.month is None:
            years.append(entry)
        else:
            years[-1] = Entry(years[-1].label, years[-1].url, years[-1].count, children=(*years[-1].children, entry))
    return tuple(years)
