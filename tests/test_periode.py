"""History mode: administrations from data/periode.yml, the banner on releases of an earlier
one (and nothing else of the release changed), lists by administration, and every mistake in
the file reported at once."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import frontmatter
import yaml
from conftest import DEMO_NOW, REPO, make_project, run_warta, write_release
from lxml import html as lxml_html

NOW = datetime.fromisoformat(DEMO_NOW)
BANNER = "Rilis ini terbit pada masa pemerintahan"


def _page(site: Path, url: str):
    return lxml_html.fromstring((site / url / "index.html").read_bytes())


def _local_day(value) -> date:
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace(" ", "T"))
    return (when if when.tzinfo else when.replace(tzinfo=NOW.tzinfo)).astimezone(NOW.tzinfo).date()


def test_demo_has_two_administrations_and_the_banner_only_on_the_earlier_ones(demo_site: Path):
    periods = yaml.safe_load((REPO / "data/periode.yml").read_text(encoding="utf-8"))["periods"]
    assert len(periods) == 2 and "end" not in periods[1]
    earlier, current = periods
    end = earlier["end"]
    seen = {"earlier": 0, "current": 0}
    for path in sorted((REPO / "content/rilis").rglob("index.md")):
        meta = frontmatter.load(path).metadata
        url = path.parent.relative_to(REPO / "content").as_posix()
        if meta.get("draft") or not (demo_site / url / "index.html").is_file():
            continue
        doc = _page(demo_site, url)
        banners = doc.xpath("//div[contains(@class, 'w-banner--era')]")
        if _local_day(meta["date"]) <= end:
            seen["earlier"] += 1
            assert len(banners) == 1, url
            text = " ".join(banners[0].text_content().split())
            assert text == f"{BANNER} {earlier['name']} (26 Agustus 2021–25 Agustus 2026).", text
            assert banners[0].get("role") == "note"
            assert banners[0].xpath(".//a/@href") == ["../../../../periode/2021-2026/"]
        else:
            seen["current"] += 1
            assert banners == [] and BANNER not in (demo_site / url / "index.html").read_text(), url
    assert seen["earlier"] >= 4 and seen["current"] >= 10
    listed = _page(demo_site, "periode")
    names = [" ".join(h.text_content().split()) for h in listed.xpath("//h2[contains(@class, 'w-dir__name')]")]
    assert names == [current["name"], earlier["name"]]  # the current one first
    cards = _page(demo_site, "periode/2021-2026").xpath("//article[contains(@class, 'w-card')]")
    assert len(cards) == seen["earlier"]
    assert _page(demo_site, "").xpath("//footer//a[text()='Masa pemerintahan']/@href") == ["periode/"]


def _release_project(tmp_path: Path, periods: str | None) -> Path:
    root = make_project(tmp_path / ("dengan" if periods else "tanpa"))
    (root / "data/periode.yml").unlink()
    if periods:
        (root / "data/periode.yml").write_text(periods, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("per_page: 24", "per_page: 2"))
    for day in ("2026-05-04", "2026-05-11", "2026-05-18"):
        write_release(root, f"rilis/2026/05/rilis-{day}", title=f"Rilis Lama Tanggal {day} di Lembah Sari",
                      date=f"{day}T09:00:00+07:00", type="klarifikasi",
                      claim={"text": "Klaim yang beredar di media sosial warga", "source": "Grup WhatsApp",
                             "verdict": "hoaks"}, tags=["cek-fakta"])
    write_release(root, "rilis/2026/11/rilis-baru", date="2026-11-16T09:30:00+07:00")
    run_warta(root, "build", env={"WARTA_NOW": DEMO_NOW}, check=True)
    return root / "site"


PERIODS = """periods:
  - name: Bupati Lama dan Wakil Bupati Lama
    start: 2021-01-01
    end: 2026-06-30
    slug: lama
  - name: Bupati Baru dan Wakil Bupati Baru
    start: 2026-07-01
"""


def test_share_kit_feeds_and_json_ld_are_unchanged_by_the_banner(tmp_path):
    shown = _release_project(tmp_path, PERIODS)
    plain = _release_project(tmp_path, None)
    release = "rilis/2026/05/rilis-2026-05-04"
    page = (shown / release / "index.html").read_text()
    assert BANNER in page and BANNER not in (plain / release / "index.html").read_text()
    kit = sorted(p.name for p in (shown / release).iterdir() if p.name == "share.json" or p.name.startswith("kartu-"))
    assert len(kit) == 3 and kit == sorted(p.name for p in (plain / release).iterdir()
                                           if p.name == "share.json" or p.name.startswith("kartu-"))
    for name in kit:  # share.json and both cards (content-hashed names: the same name, same bytes)
        assert (shown / release / name).read_bytes() == (plain / release / name).read_bytes(), name
    for feed in ("feed.xml", "atom.xml", "feed.json", "arsip/2026/05/atom.xml"):
        assert (shown / feed).read_bytes() == (plain / feed).read_bytes(), feed

    def jsonld(site: Path) -> list:
        return [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>',
                                                  (site / release / "index.html").read_text(), re.S)]
    assert jsonld(shown) == jsonld(plain) and len(jsonld(shown)) == 2  # NewsArticle and ClaimReview
    assert BANNER not in (shown / "rilis/2026/11/rilis-baru/index.html").read_text()
    # Lists by administration, paginated like the other lists; none without the file.
    assert len(_page(shown, "periode/lama").xpath("//article[contains(@class, 'w-card')]")) == 2
    assert len(_page(shown, "periode/lama/halaman/2").xpath("//article[contains(@class, 'w-card')]")) == 1
    assert (shown / "periode/bupati-baru-dan-wakil-bupati-baru/index.html").is_file()  # slug from the name
    assert not (plain / "periode").exists()
    assert not _page(plain, "").xpath("//footer//a[text()='Masa pemerintahan']")


def test_every_mistake_in_the_file_is_reported_at_once(project: Path):
    (project / "data/periode.yml").write_text("""periods:
  - name: Bupati Satu dan Wakil Bupati Satu
    start: 2011-08-26
    slug: satu
  - name: Bupati Dua dan Wakil Bupati Dua
    start: 2016-08-26
    end: 2016-01-01
  - name: Bupati Tiga dan Wakil Bupati Tiga
    start: 2021-08-26
    end: 2026-08-25
    slug: satu
  - name: Bupati Empat dan Wakil Bupati Empat
    start: 2026-09-01
    end: 2031-13-01
""", encoding="utf-8")
    done = run_warta(project, "check")
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in out
    assert "data/periode.yml:14: periods[3].end: tanggal '2031-13-01' tidak ada di kalender" in out, out
    (project / "data/periode.yml").write_text(
        (project / "data/periode.yml").read_text().replace("2031-13-01", "2031-08-31"), encoding="utf-8")
    done = run_warta(project, "check")
    out = done.stdout + done.stderr
    expected = [
        "data/periode.yml:2: periods[0].end: masa 'Bupati Satu dan Wakil Bupati Satu' belum punya `end`, "
        "padahal ada masa sesudahnya ('Bupati Dua dan Wakil Bupati Dua', mulai 2016-08-26)",
        "data/periode.yml:7: periods[1].end: `end` (2016-01-01) lebih awal dari `start` (2016-08-26)",
        "data/periode.yml:11: periods[2].slug: slug 'satu' dipakai juga oleh 'Bupati Satu dan Wakil Bupati Satu'",
    ]
    assert done.returncode == 1
    for line in expected:
        assert line in out, (line, out)
    assert "data/periode.yml:13: periods[3].start: ada 6 hari tanpa masa pemerintahan antara 'Bupati Tiga dan " \
           "Wakil Bupati Tiga' (sampai 2026-08-25) dan masa ini (mulai 2026-09-01)" in out, out
    assert "mulai masa ini pada 2026-08-26, atau daftarkan masa Penjabat (Pj.) Bupati di antaranya." in out
    assert "periods[2].start" not in out  # no gap reported beside an end before its start
    assert "petunjuk: tulis `end: 2016-08-25`" in out


def test_schema_mistakes_name_the_line_and_the_fix(project: Path):
    (project / "data/periode.yml").write_text("""periods:
  - name: Bupati Satu dan Wakil Bupati Satu
    start: 2021
    end: 2026-08-25
    slug: Masa Satu
  - nama: Bupati Dua
    start: 2026-08-26
  - name: Bupati Tiga dan Wakil Bupati Tiga
    start: 2026-08-20
""", encoding="utf-8")
    done = run_warta(project, "check")
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in out
    for line in ("data/periode.yml:3: periods[0].start: '2021' bukan tanggal; tulis YYYY-MM-DD",
                 "petunjuk: tulis hari pertama masa jabatan sebagai tanggal, mis. `start: 2021-08-26`.",
                 "data/periode.yml:5: periods[0].slug: hanya huruf kecil, angka dan tanda hubung",
                 "data/periode.yml:6: periods[1].nama: kunci tidak dikenal",
                 "maksud Anda: name?",
                 "periods[1].name: wajib diisi"):
        assert line in out, (line, out)
    done = run_warta(project, "build")
    assert done.returncode == 1 and "data/periode.yml:3" in done.stdout + done.stderr


def test_overlap_is_refused(project: Path):
    (project / "data/periode.yml").write_text(PERIODS.replace("start: 2026-07-01", "start: 2026-06-01"),
                                              encoding="utf-8")
    out = run_warta(project, "check").stderr
    assert "periods[1].start: masa ini tumpang tindih dengan 'Bupati Lama dan Wakil Bupati Lama' " \
           "(sampai 2026-06-30)" in out, out
    assert "mulai masa ini pada 2026-07-01, sehari setelah masa sebelumnya berakhir." in out
