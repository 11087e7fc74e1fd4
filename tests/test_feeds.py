"""Partner-media feeds (first slice of the feeds issue): parsed by a real parser, absolute
URLs that resolve, stable ids, deterministic bytes, autodiscovery."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from conftest import DEMO_NOW, make_project, run_warta, write_release

pytestmark = pytest.mark.slow
SITE_URL = "https://mediacenter.lembahsari.go.id/"


def feed_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.name in {"feed.xml", "atom.xml", "feed.json"})


def test_every_feed_parses_cleanly(demo_site: Path):
    files = feed_files(demo_site)
    assert len(files) == 3 * (1 + 10 + 15)  # site, every category, every unit
    for path in files:
        if path.suffix == ".json":
            data = json.loads(path.read_text())
            assert data["version"] == "https://jsonfeed.org/version/1.1"
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    site = feedparser.parse((demo_site / "feed.xml").read_bytes())
    assert len(site.entries) == 29
    first = site.entries[0]
    assert first.id.startswith("tag:mediacenter.lembahsari.go.id,2026-11-22:/rilis/2026/11/")
    assert first.author.startswith("Dinas") and first.media_credit[0]["content"]
    assert first.enclosures[0]["length"].isdigit() and first.enclosures[0]["type"] == "image/jpeg"


def test_feed_urls_are_absolute_and_resolve(demo_site: Path):
    for path in feed_files(demo_site):
        text = path.read_text()
        for url in re.findall(r'(?:href|src|url)="([^"]+)"|<link>([^<]+)</link>', text):
            url = next(u for u in url if u)
            assert url.startswith(SITE_URL), (path, url)
            local = demo_site / url[len(SITE_URL):]
            assert local.is_file() or (local / "index.html").is_file(), (path, url)


def test_corrections_lead_the_item_and_keep_its_id(demo_site: Path):
    items = json.loads((demo_site / "feed.json").read_text())["items"]
    corrected = [i for i in items if "Pembaruan" in i["content_html"]]
    assert len(corrected) == 2
    for item in corrected:
        assert item["content_html"].startswith("<p><strong>Pembaruan ")
        assert item["date_modified"] > item["date_published"]
        assert item["id"].startswith("tag:")


def test_klarifikasi_is_recognisable(demo_site: Path):
    items = json.loads((demo_site / "kategori/cek-fakta/feed.json").read_text())["items"]
    assert items and all(i["title"].startswith("Klarifikasi") and "Klarifikasi" in i["tags"] for i in items)


def test_feeds_are_byte_identical_across_builds(tmp_path, demo_site: Path):
    root = make_project(tmp_path / "again", demo=True)
    run_warta(root, "build", env={"WARTA_NOW": DEMO_NOW}, check=True)
    for path in feed_files(demo_site):
        assert (root / "site" / path.relative_to(demo_site)).read_bytes() == path.read_bytes(), path


def test_autodiscovery_links(demo_site: Path):
    home = (demo_site / "index.html").read_text()
    assert f'type="application/rss+xml" title="Media Center Lembah Sari (RSS)" href="{SITE_URL}feed.xml"' in home
    page = (demo_site / "kategori/kesehatan/index.html").read_text()
    assert f'href="{SITE_URL}kategori/kesehatan/feed.xml"' in page
    release = next((demo_site / "rilis").rglob("index.html")).read_text()
    assert re.search(rf'href="{SITE_URL}unit/[a-z-]+/atom.xml"', release)


def test_awkward_text_gives_well_formed_feeds(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, title='Dinas "PU" & <Warga>: Jembatan 🌉 ‏עברית‏ Baru',
                  summary="Ringkasan dengan & ampersand, 3 < 5 > 2, \"kutip\", emoji 🎉 dan teks "
                          "kanan-ke-kiri ‏مرحبا‏ yang tetap harus aman.",
                  body="Isi dengan & dan <b>tebal</b> serta 🎉.\n")
    run_warta(root, "build", check=True)
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((root / "site" / name).read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.entries[0].title == 'Dinas "PU" & <Warga>: Jembatan 🌉 ‏עברית‏ Baru'
        assert "enclosures" not in parsed.entries[0] or not parsed.entries[0].enclosures
    data = json.loads((root / "site/feed.json").read_text())
    assert "image" not in data["items"][0]
