"""Monitoring and evaluation reports: figures checked against counts made here from the demo's
front matter, the CSV and the XLSX against each other, the pages under /laporan/ with their
charts and downloads, the CLI against the page, embargoes from a real git history, and
nothing of an embargoed release in any report."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import frontmatter
import pytest
import yaml
from conftest import DEMO_NOW, REPO, make_project, run_warta, site_outputs, write_release
from lxml import etree
from lxml import html as lxml_html

from warta.config import load_site_config
from warta.history import History
from warta.load import load_content
from warta.report import (
    SCHEDULE_MINUTES,
    ClippingRow,
    ReportPeriod,
    build_report,
    clipping_rows,
    report_periods,
)
from warta.reportfiles import to_csv, to_json, to_xlsx
from warta.site import collect

NOW = datetime.fromisoformat(DEMO_NOW)
EMBARGOED = "upacara-hut-ke-91-ri-di-alun-alun-sarimulya"
MONTHS = {1: "Januari", 2: "Februari", 3: "Maret", 4: "April", 5: "Mei", 6: "Juni", 7: "Juli",
          8: "Agustus", 9: "September", 10: "Oktober", 11: "November", 12: "Desember"}


# --- Counted here, from the front matter (python-frontmatter), not with Warta's model -------

def _when(value) -> datetime:
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace(" ", "T"))
    return when if when.tzinfo else when.replace(tzinfo=NOW.tzinfo)


def demo_front() -> list[dict]:
    """The public demo releases' front matter (not drafts, not embargoed at DEMO_NOW)."""
    posts = [frontmatter.load(p).metadata for p in sorted((REPO / "content/rilis").rglob("index.md"))]
    return [m for m in posts if not m.get("draft") and _when(m["date"]) <= NOW]


def registry_names(group: str) -> dict[str, str]:
    data = yaml.safe_load((REPO / "data/registries.yml").read_text(encoding="utf-8"))
    return {e["slug"]: e["name"] for e in data[group]}


def expected(key: str) -> dict:
    """Counts of the period `2026-10` or `2026` from the front matter."""
    def held(value) -> bool:
        return str(_when(value))[:len(key)] == key

    mine = [m for m in demo_front() if held(m["date"])]
    units, cats = registry_names("units"), registry_names("categories")
    types = {"siaran-pers": "Siaran Pers", "berita": "Berita", "pengumuman": "Pengumuman",
             "klarifikasi": "Klarifikasi"}
    return {
        "total": len(mine),
        "opd": dict(Counter(units[m["unit"]] for m in mine)),
        "kategori": dict(Counter(cats[m["category"]] for m in mine)),
        "jenis": {label: sum(m.get("type", "siaran-pers") == t for m in mine) for t, label in types.items()},
        "verdicts": Counter(m["claim"]["verdict"] for m in mine if m.get("type") == "klarifikasi"),
        "corrections": sum(held(u["date"]) for m in demo_front() for u in m.get("updates", [])),
        "withdrawn": sum(held(m["withdrawn"]["date"]) for m in demo_front() if m.get("withdrawn")),
        "hours": dict(Counter(_when(m["date"]).astimezone(NOW.tzinfo).hour for m in mine)),
    }


@pytest.fixture(scope="module")
def site():
    cfg = load_site_config(REPO)
    content = load_content(cfg, clock=NOW)
    assert content.problems == []
    return collect(content, cfg, NOW)


def figures(section) -> dict:
    return {row.label: row.value for row in section.rows}


@pytest.mark.parametrize("key", ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026"])
def test_figures_match_counts_from_the_front_matter(site, key):
    year, _, month = key.partition("-")
    report = build_report(site, History(), ReportPeriod(int(year), int(month) if month else None), [])
    want = expected(key)
    summary = figures(report.section("ringkasan"))
    assert summary["Rilis terbit"] == want["total"] > 0
    assert summary["Klarifikasi"] == sum(want["verdicts"].values())
    assert summary["Koreksi (catatan perubahan)"] == want["corrections"]
    assert summary["Rilis ditarik"] == want["withdrawn"]
    assert summary["Rilis embargo"] == "tidak diketahui"  # no git history given
    assert figures(report.section("opd")) == want["opd"]
    assert figures(report.section("kategori")) == want["kategori"]
    assert figures(report.section("jenis")) == want["jenis"]
    verdicts = {"Hoaks": "hoaks", "Salah": "salah", "Menyesatkan": "menyesatkan",
                "Sebagian benar": "sebagian-benar", "Tidak terbukti": "tidak-terbukti"}
    assert {verdicts[k]: v for k, v in figures(report.section("penilaian")).items() if v} == want["verdicts"]
    assert {int(k[:2]): v for k, v in figures(report.section("jam")).items()} == want["hours"]
    assert sum(figures(report.section("hari")).values()) == want["total"]
    assert len(report.section("koreksi").rows) == want["corrections"]
    if not month:
        months = figures(report.section("bulan"))
        assert list(months) == [f"{MONTHS[m]} {year}" for m in range(1, 13)]
        assert sum(months.values()) == want["total"]


@pytest.mark.parametrize("key", ["2026-09", "2026-11", "2026"])
def test_clipping_figures_match_the_demo_kliping_files(site, key):
    """The real publication trail (`kliping.yml` beside the demo releases), counted here with
    PyYAML against the report built from `clipping_rows`."""
    year, _, month = key.partition("-")
    mitra = {p["id"]: p for p in yaml.safe_load((REPO / "data/mitra.yml").read_text(encoding="utf-8"))["partners"]}
    per_partner, per_kind, own = Counter(), Counter(), 0
    for trail in sorted((REPO / "content/rilis").rglob("kliping.yml")):
        meta = frontmatter.load(trail.parent / "index.md").metadata
        if meta.get("draft") or _when(meta["date"]) > NOW or not str(_when(meta["date"])).startswith(key):
            continue
        for entry in yaml.safe_load(trail.read_text(encoding="utf-8")) or []:
            if entry["kind"] == "sosial":
                own += 1
            else:
                per_partner[mitra[entry["partner"]]["name"]] += 1
                per_kind[mitra[entry["partner"]]["kind"]] += 1
    report = build_report(site, History(), ReportPeriod(int(year), int(month) if month else None),
                          clipping_rows(site))
    summary = figures(report.section("ringkasan"))
    assert summary["Kliping mitra media"] == sum(per_partner.values())
    assert summary["Unggahan media sosial resmi"] == own
    assert figures(report.section("kliping-mitra")) == dict(per_partner)
    kinds = {"online": "Media daring", "cetak": "Media cetak", "tv": "Televisi", "radio": "Radio"}
    assert figures(report.section("kliping-jenis")) == {kinds[k]: n for k, n in per_kind.items() if n}
    if key == "2026-11":
        assert sum(per_partner.values()) >= 3 and own >= 1  # the demo trail is really counted


def test_the_periods_are_the_months_with_releases_and_their_year(site):
    months = {str(_when(m["date"]))[:7] for m in demo_front()}
    assert [p.key for p in report_periods(site)] == ["2026", *sorted(months, reverse=True)]


def test_clipping_sections_from_rows_fed_directly(site):
    """The report's clipping sections are pure functions of the rows (the demo trail is
    counted in test_clipping_figures_match_the_demo_kliping_files)."""
    october = [r for r in site.releases if f"{r.date:%Y-%m}" == "2026-10"]
    a, b = october[0], october[1]
    september = next(r for r in site.releases if f"{r.date:%Y-%m}" == "2026-09")
    day = date(2026, 10, 31)
    rows = [
        ClippingRow(a.url, "republikasi", "harian-sari", "Harian Lembah Sari", "cetak", "https://a.example/1", day),
        ClippingRow(a.url, "kutipan", "sari-online", "Sari Online", "online", "https://b.example/1", day),
        ClippingRow(b.url, "republikasi", "sari-online", "Sari Online", "online", "https://b.example/2", day),
        ClippingRow(a.url, "sosial", "instagram", "Instagram", "sosial", "https://instagram.com/p/1", day),
        ClippingRow(september.url, "republikasi", "radio-sari", "Radio Sari FM", "radio", "https://c.example", day),
    ]
    report = build_report(site, History(), ReportPeriod(2026, 10), rows)
    summary = figures(report.section("ringkasan"))
    assert summary["Kliping mitra media"] == 3 and summary["Unggahan media sosial resmi"] == 1
    assert summary["Rilis tanpa kliping"] == summary["Rilis terbit"] - 2
    assert [(r.label, r.value) for r in report.section("kliping-rilis").rows] == [(a.title, 2), (b.title, 1)]
    assert figures(report.section("kliping-mitra")) == {"Sari Online": 2, "Harian Lembah Sari": 1}
    assert figures(report.section("kliping-jenis")) == {"Media daring": 2, "Media cetak": 1}
    without = [r.label for r in report.section("tanpa-kliping").rows]
    assert a.title not in without and b.title not in without and len(without) == summary["Rilis tanpa kliping"]
    assert "Radio Sari FM" not in to_csv(report).decode("utf-8")  # a September release's clipping
    assert [s.key for s in report.charts if s.key.startswith("kliping")] == ["kliping-mitra", "kliping-jenis"]


def test_csv_and_xlsx_hold_the_same_rows(site):
    import openpyxl

    report = build_report(site, History(), ReportPeriod(2026), [])
    data = to_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    sheet = [[("" if v is None else v) for v in row] for row in book["Laporan"].iter_rows(values_only=True)]
    assert sheet[0] == rows[0] == ["bagian", "butir", "nilai", "keterangan", "tautan"]
    assert len(sheet) == len(rows) > 40
    for ours, theirs in zip(rows[1:], sheet[1:], strict=True):
        assert ours[:2] == theirs[:2] and ours[3:] == theirs[3:]
        assert ours[2] == str(theirs[2])  # a figure is a number in the workbook
    numbers = [row[2] for row in sheet[1:] if isinstance(row[2], int)]
    assert numbers and sum(numbers) == sum(int(r[2]) for r in rows[1:] if r[2].isdigit())
    assert "Keterangan" in book.sheetnames
    assert to_xlsx(report) == to_xlsx(report)  # byte-identical (fixed creation date)
    parsed = json.loads(to_json(report))
    assert parsed["period"] == "2026" and parsed["sections"][0]["rows"][0]["value"] == expected("2026")["total"]


def test_a_chart_keeps_any_name_as_text_and_is_deterministic():
    from warta.charts import bar_chart, size
    from warta.report import Row, Section

    names = ["Harian $Sari$ 24 Jam", "Radio 'Suara' <Lembah> & Co", "{{ 7*7 }} \\frac{1}{2}", "x" * 60]
    section = Section("kliping-mitra", "Kliping per mitra media", ("Mitra media", "Kliping", ""),
                      tuple(Row(n, 1234 * (i + 1)) for i, n in enumerate(names)), chart=True)
    svg = bar_chart(section)
    assert svg == bar_chart(section)
    tree = etree.fromstring(svg)
    texts = [t.text for t in tree.iter("{http://www.w3.org/2000/svg}text")]
    assert names[:3] == texts[0:6:2] and texts[1] == "1.234" and texts[7] == "4.936"
    assert texts[6] == "x" * 37 + "…"
    width, height = size(section)
    assert tree.get("viewBox") == f"0 0 {width} {height}"


def test_schedule_period_is_the_publish_workflow_cron():
    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    cron = workflow[True]["schedule"][0]["cron"]  # YAML 1.1 reads the key `on` as true
    assert cron.split()[0] == f"*/{SCHEDULE_MINUTES}"


# --- The built site -----------------------------------------------------------------------

def _page(site_dir: Path, url: str):
    return lxml_html.fromstring((site_dir / url / "index.html").read_bytes())


def page_rows(doc) -> dict[str, list[tuple[str, str]]]:
    """Each section's (label, value) as the page shows them (table or list)."""
    out = {}
    for section in doc.xpath("//section[contains(@class, 'w-report__section')]"):
        title = section.xpath("./h2")[0].text_content().strip()
        rows = [(tr.xpath("./th")[0].text_content().strip(), tr.xpath("./td")[0].text_content().strip())
                for tr in section.xpath(".//tbody/tr")]
        rows += [(" ".join(li.xpath(".//p[contains(@class, 'w-report__item')]")[0].text_content().split()),
                  li.xpath(".//strong")[0].text_content().strip()) for li in section.xpath(".//li")]
        out[title] = rows
    return out


def test_the_build_has_a_report_per_month_and_year_with_charts_and_downloads(demo_site: Path):
    months = {str(_when(m["date"]))[:7] for m in demo_front()}
    pages = {p.parent.relative_to(demo_site / "laporan").as_posix()
             for p in (demo_site / "laporan").rglob("index.html")}
    assert pages == {".", "2026", *(m.replace("-", "/") for m in months)}
    index = _page(demo_site, "laporan")
    assert sorted(index.xpath("//ul[contains(@class, 'w-months')]//a/@href")) == sorted(
        f"2026/{m[5:]}/" for m in months)
    for key in [*months, "2026"]:
        url = "laporan/" + key.replace("-", "/")
        doc = _page(demo_site, url)
        assert doc.xpath("//h1")[0].text_content().startswith("Laporan ")
        charts = doc.xpath("//figure[contains(@class, 'w-chart')]/img")
        assert len(charts) >= 5
        for img in charts:
            svg = (demo_site / url / img.get("src")).read_bytes()
            tree = etree.fromstring(svg)
            assert tree.get("role") == "img" and tree.get("viewBox").startswith("0 0 360 ")
            ns = {"s": "http://www.w3.org/2000/svg"}
            assert tree.xpath("s:title", namespaces=ns)[0].text and tree.xpath("s:desc", namespaces=ns)[0].text
            assert tree.xpath("//s:text", namespaces=ns)  # text stays text
            assert b"<script" not in svg and b"<image" not in svg and b"font-face" not in svg
            assert img.get("alt").startswith("Grafik batang: ") and img.get("width") == "360"
        links = doc.xpath("//p[contains(@class, 'w-report__downloads')]//a/@href")
        assert links == [f"laporan-{key}.csv", f"laporan-{key}.xlsx"]
        csv_rows = list(csv.reader(io.StringIO((demo_site / url / links[0]).read_text(encoding="utf-8-sig"))))
        assert ["Ringkasan", "Rilis terbit", str(expected(key)["total"]), "", ""] in csv_rows
        assert zipfile.is_zipfile(demo_site / url / links[1])
    footer = _page(demo_site, "").xpath("//footer//a[text()='Laporan']/@href")
    assert footer == ["laporan/"]
    sitemap = (demo_site / "sitemap.xml").read_text()
    assert "/laporan/2026/10/</loc>" in sitemap and "/laporan/</loc>" in sitemap


def test_the_cli_prints_the_figures_of_the_page(demo_site: Path):
    root = demo_site.parent
    done = run_warta(root, "report", "--month", "2026-10", env={"WARTA_NOW": DEMO_NOW}, check=True)
    text = done.stdout
    assert text.startswith("Laporan Oktober 2026\n")
    blocks = {b.split("\n", 1)[0]: b.split("\n")[1:] for b in text.strip().split("\n\n")[1:]}
    shown = page_rows(_page(demo_site, "laporan/2026/10"))
    assert list(shown) == list(blocks)
    for title, rows in shown.items():
        lines = [line for line in blocks[title] if not line.startswith("  (")]
        if not rows:
            assert lines == ["  Tidak ada."], title
            continue
        assert len(lines) == len(rows), title
        for (label, value), line in zip(rows, lines, strict=True):
            assert line.startswith(f"  {label}: {value}"), (title, line)
    assert "  Rilis terbit: 7" in text.splitlines()


def test_bad_periods_are_clear_errors(project: Path):
    cases = {("--month", "2026-13"): "bulan '2026-13' tidak valid",
             ("--month", "Oktober"): "bulan 'Oktober' tidak valid",
             ("--year", "26"): "tahun '26' tidak valid",
             (): "periode laporan belum ditulis",
             ("--month", "2026-10", "--year", "2026"): "pilih salah satu saja: --month atau --year",
             ("--year", "2026", "--format", "xlsx"): "format xlsx perlu berkas tujuan"}
    for args, message in cases.items():
        done = run_warta(project, "report", *args)
        out = done.stdout + done.stderr
        assert done.returncode == 2 and message in out and "petunjuk:" in out, (args, out)
        assert "Traceback" not in out and "Error" not in out
    done = run_warta(project, "report", "--year", "2026", "--format", "pdf")
    assert done.returncode == 2 and "'pdf' bukan pilihan yang ada" in done.stderr
    done = run_warta(project, "report", "--year", "2026", "--format", "csv", "--output", "tidak/ada.csv")
    assert done.returncode == 1 and "foldernya belum ada" in done.stderr and "Traceback" not in done.stderr


def test_an_embargoed_release_is_in_no_report(demo_site: Path, site):
    release = next(r for r in load_content(site.cfg, clock=NOW).releases if r.slug == EMBARGOED)
    needles = [release.slug, release.title, release.summary[:50]]
    for path, data in site_outputs(demo_site).items():
        if path.startswith("laporan/"):
            blobs = [data]
            if path.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    blobs = [z.read(n) for n in z.namelist()]
            for blob in blobs:
                assert not any(n.encode() in blob for n in needles), path
    assert not (demo_site / "laporan/2036").exists()
    root = demo_site.parent
    for args in (("--year", "2036"), ("--month", "2036-08")):
        for fmt in ("text", "json", "csv"):
            done = run_warta(root, "report", *args, "--format", fmt, env={"WARTA_NOW": DEMO_NOW}, check=True)
            assert not any(n in done.stdout for n in needles)
            if fmt == "json":
                assert json.loads(done.stdout)["sections"][0]["rows"][0]["value"] == 0
    preview = collect(load_content(site.cfg, clock=NOW), site.cfg, NOW, preview=True)  # a reviewer's build
    assert any(r.slug == EMBARGOED for r in preview.releases)
    report = build_report(preview, History(), ReportPeriod(2036, 8), [])
    assert figures(report.section("ringkasan"))["Rilis terbit"] == 0
    assert not any(n.encode() in to_csv(report) for n in needles)
    assert "laporan/2036/" not in [p.url for p in report_periods(preview)]


# --- Embargoes from a real git history ------------------------------------------------------

def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {"GIT_AUTHOR_NAME": "Humas", "GIT_AUTHOR_EMAIL": "humas@lembahsari.go.id",
           "GIT_COMMITTER_NAME": "Humas", "GIT_COMMITTER_EMAIL": "humas@lembahsari.go.id", "PATH": "/usr/bin:/bin"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _release_on_branch(root: Path, slug: str, day: str, written: str, merged: str) -> None:
    """A release dated `day`, committed on a branch at `written` and merged at `merged`."""
    git(root, "checkout", "-q", "-b", slug)
    write_release(root, f"rilis/2026/11/{slug}", title=f"Rilis Uji {slug.replace('-', ' ').title()} Kabupaten",
                  date=day)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", slug, when=written)
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", slug, "-m", f"Merge {slug}", when=merged)


def test_embargo_went_live_within_one_period_or_late(tmp_path):
    root = make_project(tmp_path / "proj")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "awal", when="2026-11-01T08:00:00+07:00")
    _release_on_branch(root, "tepat", "2026-11-10T09:00:00+07:00", "2026-11-09T15:00:00+07:00",
                       "2026-11-09T16:00:00+07:00")
    _release_on_branch(root, "telat", "2026-11-12T09:00:00+07:00", "2026-11-11T15:00:00+07:00",
                       "2026-11-12T10:30:00+07:00")
    _release_on_branch(root, "biasa", "2026-11-13T09:00:00+07:00", "2026-11-13T09:40:00+07:00",
                       "2026-11-13T10:00:00+07:00")
    done = run_warta(root, "report", "--month", "2026-11", "--format", "json",
                     env={"WARTA_NOW": DEMO_NOW}, check=True)
    sections = {s["key"]: s for s in json.loads(done.stdout)["sections"]}
    summary = {r["label"]: r["value"] for r in sections["ringkasan"]["rows"]}
    assert summary["Rilis terbit"] == 3 and summary["Rilis embargo"] == 2
    assert summary["Rilis embargo yang terbit tepat waktu"] == 1
    rows = {r["label"]: r for r in sections["embargo"]["rows"]}
    assert rows["Rilis Uji Tepat Kabupaten"]["value"] == "tepat waktu"
    assert rows["Rilis Uji Telat Kabupaten"]["value"] == "terlambat 1 jam 30 menit"
    assert "masuk cabang utama Kamis, 12 November 2026 10.30 WIB" in rows["Rilis Uji Telat Kabupaten"]["note"]
    assert "Rilis Uji Biasa Kabupaten" not in rows  # written after its time: no embargo
    assert f"setiap {SCHEDULE_MINUTES} menit" in sections["embargo"]["about"]


# --- Incremental builds ---------------------------------------------------------------------

def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_redraws_only_the_reports_whose_figures_changed(tmp_path):
    env = {"WARTA_NOW": DEMO_NOW}
    root = make_project(tmp_path / "proj")
    write_release(root, "rilis/2026/10/rilis-oktober", title="Rilis Bulan Oktober tentang Layanan Warga",
                  date="2026-10-10T09:00:00+07:00")
    write_release(root, "rilis/2026/11/rilis-november", title="Rilis Bulan November tentang Layanan Warga",
                  date="2026-11-10T09:00:00+07:00")
    run_warta(root, "build", env=env, check=True)
    before = _inodes(root / "site/laporan")
    write_release(root, "rilis/2026/11/rilis-november", title="Rilis Bulan November tentang Layanan Warga",
                  date="2026-11-10T09:00:00+07:00", body="Isi yang diubah tanpa mengubah angka laporan.\n")
    run_warta(root, "build", env=env, check=True)
    assert _inodes(root / "site/laporan") == before  # a body edit: every report reused
    write_release(root, "rilis/2026/11/rilis-baru", title="Rilis Baru Bulan November untuk Warga",
                  date="2026-11-12T09:00:00+07:00", category="kesehatan", unit="dinkes")
    run_warta(root, "build", env=env, check=True)
    after = _inodes(root / "site/laporan")
    changed = {p for p in after if before.get(p) != after[p]}
    assert "2026/11/grafik-opd.svg" in changed and "2026/grafik-opd.svg" in changed
    assert not any(p.startswith("2026/10/") for p in changed)
    run_warta(root, "build", "--site-dir", "bersih", env=env, check=True)
    assert site_outputs(root / "site") == site_outputs(root / "bersih")
    assert re.search(rb"Rilis Baru Bulan November", (root / "site/laporan/2026/11/laporan-2026-11.csv").read_bytes())
