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
    assert len(files) == 3 * (1 + 10 + 15) + 5  # site, every category and unit; 5 monthly archives
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
    release = next((demo_site / "rilis").glob("*/*/*/index.html")).read_text()  # not the list rilis/
    assert re.search(rf'href="{SITE_URL}unit/[a-z-]+/atom.xml"', release)


def test_awkward_text_gives_well_formed_feeds(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, title='Dinas "PU" & <Warga>: Jembatan 🌉 ‏עברית‏ Baru',
                  summary="Ringkasan dengan & ampersand, 3 < 5 > 2, \"kutip\", emoji 🎉 dan teks "
                          "kanan-ke-kiri ‏مرحبا‏ yang tetap harus aman.",
                  body="Isi dengan & dan <b>tebal</b> serta 🎉, dan karakter kendali \x0b\x1f tersalin.\n")
    refused = run_warta(root, "build")  # control characters never reach a feed: check refuses them
    assert refused.returncode == 1 and "karakter tak terlihat U+000B (LINE TABULATION)" in refused.stderr
    write_release(root, title='Dinas "PU" & <Warga>: Jembatan 🌉 ‏עברית‏ Baru',
                  summary="Ringkasan dengan & ampersand, 3 < 5 > 2, \"kutip\", emoji 🎉 dan teks "
                          "kanan-ke-kiri ‏مرحبا‏ yang tetap harus aman.",
                  body="Isi dengan & dan <b>tebal</b> serta 🎉, dan karakter kendali tersalin.\n")
    run_warta(root, "build", check=True)
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((root / "site" / name).read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.entries[0].title == 'Dinas "PU" & <Warga>: Jembatan 🌉 ‏עברית‏ Baru'
        assert "enclosures" not in parsed.entries[0] or not parsed.entries[0].enclosures
    data = json.loads((root / "site/feed.json").read_text())
    assert "image" not in data["items"][0]
    assert "\x0b" not in (root / "site/feed.xml").read_text() and "karakter kendali" in data["items"][0]["content_html"]


SCHEMAS = Path(__file__).parent / "schemas"


@pytest.fixture(scope="module")
def atom_schema():
    import rnc2rng
    from lxml import etree

    # rnc2rng declares the RFC's empty `local` prefix, which XML forbids; the grammar is unchanged.
    rng = rnc2rng.dumps(rnc2rng.load(str(SCHEMAS / "atom.rnc"))).replace(' xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode()))


def test_atom_schema_rejects_a_broken_feed(atom_schema):
    from lxml import etree

    assert not atom_schema.validate(etree.fromstring(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'))


def test_every_atom_document_is_valid_rfc4287(demo_site: Path, atom_schema):
    from lxml import etree

    files = sorted(demo_site.rglob("atom.xml"))
    assert len(files) == 1 + 10 + 15 + 5  # site, categories, units, 5 monthly archives
    for path in files:
        assert atom_schema.validate(etree.parse(str(path))), (path, atom_schema.error_log.last_error)


def test_every_json_feed_matches_the_schema(demo_site: Path):
    import jsonschema

    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors({"version": "https://jsonfeed.org/version/1.1", "title": "x",
                                       "items": [{"id": "1", "date_published": "kemarin"}]}))
    for path in demo_site.rglob("feed.json"):
        errors = [e.message for e in validator.iter_errors(json.loads(path.read_text()))]
        assert errors == [], (path, errors[:3])


def test_archives_chain_back_to_the_first_month(demo_site: Path):
    """A partner walks prev-archive from the subscription feed and gets every release."""
    seen, url, hops = set(), SITE_URL + "atom.xml", 0
    while url:
        raw = (demo_site / url[len(SITE_URL):]).read_bytes()
        doc = feedparser.parse(raw)
        assert not doc.bozo
        seen |= {e.id for e in doc.entries}
        assert (b"<fh:archive/>" in raw) == (hops > 0)  # archives say so; the live feed does not
        url = next((link.href for link in doc.feed.links if link.rel == "prev-archive"), None)
        hops += 1
    assert hops == 1 + 5 and len(seen) == 29


def test_latest_fifty_and_a_correction_keeps_its_id(tmp_path):
    root = make_project(tmp_path / "proj")
    for i in range(52):
        day, hour = 1 + i // 4, 8 + i % 4
        write_release(root, f"rilis/2026/11/rilis-uji-{i:02d}", title=f"Rilis uji nomor {i:02d} untuk umpan",
                      date=f"2026-11-{day:02d}T{hour:02d}:00:00+07:00")
    run_warta(root, "build", check=True)
    first = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert len(first.entries) == 50 and first.entries[0].title == "Rilis uji nomor 51 untuk umpan"
    assert (root / "site/arsip/2026/11/atom.xml").read_text().count("<entry>") == 52  # all of them
    before = next(e for e in first.entries if e.link.endswith("rilis-uji-40/"))
    write_release(root, "rilis/2026/11/rilis-uji-40", title="Rilis uji nomor 40 untuk umpan (diperbaiki)",
                  date="2026-11-11T08:00:00+07:00",
                  updates=[{"date": "2026-11-20T10:00:00+07:00", "note": "Memperbaiki judul dan angka."}])
    run_warta(root, "build", check=True)
    after = next(e for e in feedparser.parse((root / "site/feed.xml").read_bytes()).entries
                 if e.link.endswith("rilis-uji-40/"))
    assert after.id == before.id and after.title.endswith("(diperbaiki)")
    atom_entry = next(e for e in feedparser.parse((root / "site/atom.xml").read_bytes()).entries
                      if e.link.endswith("rilis-uji-40/"))
    assert atom_entry.updated.startswith("2026-11-20T10:00:00")
    assert "Pembaruan Jumat, 20 November 2026 10.00 WIB:" in after.content[0].value


def test_opml_lists_every_feed(demo_site: Path):
    from lxml import etree

    doc = etree.parse(str(demo_site / "feeds.opml"))
    assert doc.getroot().get("version") == "2.0"
    urls = [o.get("xmlUrl") for o in doc.iter("outline") if o.get("xmlUrl")]
    assert len(urls) == 1 + 10 + 15
    for url in urls:
        assert (demo_site / url[len(SITE_URL):]).is_file(), url


def test_partner_page_lists_feeds_terms_and_archives(demo_site: Path):
    html = (demo_site / "mitra-media/index.html").read_text()
    for needle in ("Cara berlangganan", "Ketentuan penggunaan", "Koreksi dan penarikan", "prev-archive",
                   f'value="{SITE_URL}kategori/kesehatan/feed.xml"', f'href="{SITE_URL}feeds.opml"',
                   f'href="{SITE_URL}unit/dinkes/atom.xml"', "nama fotografer"):
        assert needle in html, needle
    assert "mitra-media/" in (demo_site / "sitemap.xml").read_text()


def test_photo_names_with_spaces_give_clean_urls(tmp_path):
    from conftest import photo

    root = make_project(tmp_path / "proj")
    bundle = "rilis/2026/11/jembatan-talang-mulya"
    write_release(root, bundle, image={"src": "Foto Kegiatan Bupati.jpg", "alt": "Bupati di jembatan",
                                       "credit": "Diskominfo/Rudi"})
    photo(root / "content" / bundle / "Foto Kegiatan Bupati.jpg")
    run_warta(root, "build", check=True)
    entry = feedparser.parse((root / "site/feed.xml").read_bytes()).entries[0]
    url = entry.enclosures[0]["href"]
    assert url == f"{SITE_URL}{bundle}/Foto-Kegiatan-Bupati-1600.jpg"
    assert (root / "site" / bundle / "Foto-Kegiatan-Bupati-1600.jpg").is_file()
    html = (root / "site" / bundle / "index.html").read_text()
    assert "Foto-Kegiatan-Bupati-400.jpg 400w" in html


def test_embargoed_release_enters_the_feeds_when_due(tmp_path):
    root = make_project(tmp_path / "proj", demo=True)
    embargoed = "upacara-hut-ke-91-ri-di-alun-alun-sarimulya"
    run_warta(root, "build", env={"WARTA_NOW": "2036-08-17T07:59:00+07:00"}, check=True)
    assert all(embargoed not in p.read_text() for p in feed_files(root / "site"))
    run_warta(root, "build", env={"WARTA_NOW": "2036-08-17T08:01:00+07:00"}, check=True)
    first = feedparser.parse((root / "site/feed.xml").read_bytes()).entries[0]
    assert first.link.endswith(f"/rilis/2036/08/{embargoed}/")
    assert embargoed in (root / "site/arsip/2036/08/atom.xml").read_text()
