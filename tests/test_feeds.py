"""Partner-media feeds: parsed by a real parser, the W3C feed validator's rules (offline, in
tests/feedrules.py), absolute URLs that resolve, stable ids, deterministic bytes on any machine,
autodiscovery."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import feedrules
import pytest
from conftest import DEMO_NOW, make_project, run_warta, write_release

pytestmark = pytest.mark.slow
SITE_URL = "https://mediacenter.lembahsari.go.id/"


def feed_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.name in {"feed.xml", "atom.xml", "feed.json"})


def rule_problems(site: Path, files: list[Path]) -> list[str]:
    return [problem for path in files
            for problem in feedrules.problems(path.read_bytes(), SITE_URL + path.relative_to(site).as_posix())]


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
    assert rule_problems(root / "site", [root / "site" / n for n in ("feed.xml", "atom.xml", "feed.json")]) == []
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
    name = re.fullmatch(rf"{re.escape(SITE_URL + bundle)}/(Foto-Kegiatan-Bupati-800\.[0-9a-f]{{10}}\.jpg)", url)[1]
    assert (root / "site" / bundle / name).is_file()
    html = (root / "site" / bundle / "index.html").read_text()
    assert re.search(r"Foto-Kegiatan-Bupati-400\.[0-9a-f]{10}\.webp 400w", html)


def test_embargoed_release_enters_the_feeds_when_due(tmp_path):
    root = make_project(tmp_path / "proj", demo=True)
    embargoed = "upacara-hut-ke-91-ri-di-alun-alun-sarimulya"
    run_warta(root, "build", env={"WARTA_NOW": "2036-08-17T07:59:00+07:00"}, check=True)
    assert all(embargoed not in p.read_text() for p in feed_files(root / "site"))
    run_warta(root, "build", env={"WARTA_NOW": "2036-08-17T08:01:00+07:00"}, check=True)
    first = feedparser.parse((root / "site/feed.xml").read_bytes()).entries[0]
    assert first.link.endswith(f"/rilis/2036/08/{embargoed}/")
    assert embargoed in (root / "site/arsip/2036/08/atom.xml").read_text()


def test_every_feed_document_keeps_the_w3c_validator_rules(demo_site: Path):
    """Site, category and unit feeds in three formats, the monthly archives and the OPML."""
    files = [*feed_files(demo_site), demo_site / "feeds.opml"]
    assert len(files) == 3 * (1 + 10 + 15) + 5 + 1
    assert rule_problems(demo_site, files) == []


OLD_ATOM_LINKS = r'<link rel="alternate" type="text/html" href="([^"]+)"/>\s*<link rel="enclosure" [^>]*href'
# Each rule, broken once in a real document: (file, text to replace, replacement, problem expected).
BROKEN = [
    # what feedgen 1.0 wrote for every Atom entry: the photo as a second link without rel
    ("atom.xml", OLD_ATOM_LINKS, r'<link href="\1"/><link href', "two alternate links"),
    ("atom.xml", OLD_ATOM_LINKS, r'<link href="\1"/><link href', "2 article links"),
    ("atom.xml", r'(<link rel="enclosure" type="image/jpeg") length="\d+"', r"\1", "enclosure link without"),
    ("atom.xml", r'rel="alternate" type="text/html" href="https://[^"]+/rilis/', 'rel="alternate" href="https://x.id/rilis/',
     "article links"),
    ("atom.xml", r'(<link href="[^"]+/atom.xml" rel="self") type="application/atom\+xml"', r"\1", "rel=self"),
    ("atom.xml", r"<updated>(\d{4}-\d\d-\d\d)T", r"<updated>\1 ", "not an RFC 3339 date"),
    ("atom.xml", r"<id>tag:mediacenter\.lembahsari\.go\.id,", "<id>tag:localhost:8000,", "is not a tag URI"),
    ("atom.xml", r"<id>https://mediacenter", "<id>https://MediaCenter", "host is not lower case"),
    ("atom.xml", r'src="https://mediacenter\.lembahsari\.go\.id/rilis/[^"]+/', 'src="', "relative address src="),
    ("atom.xml", r"&lt;/p&gt;", '&lt;a href="#catatan"&gt;catatan&lt;/a&gt;&lt;/p&gt;', "relative address href='#catatan'"),
    ("atom.xml", r"<entry>", '<entry><link rel="prev-archive" href="https://x.id/a.xml"/>', "feed-history relation"),
    ("atom.xml", r"</feed>", "<subtitle>late</subtitle></feed>", "after the first entry"),
    ("atom.xml", r'<feed ([^>]*) xml:lang="id">', r"<feed \1>", "no xml:lang"),
    ("arsip/2026/09/atom.xml", r'<link href="[^"]+" rel="current" type="application/atom\+xml"/>', "",
     "without a link rel=current"),
    ("feed.xml", r'<guid isPermaLink="false">', "<guid>", "is a permalink"),
    ("feed.xml", r"<pubDate>Sun, 22 Nov", "<pubDate>Mon, 22 Nov", "not an RFC 822 date"),
    ("feed.xml", r"<lastBuildDate>Sun, 22 Nov 2026 11:20:00 \+0700", "<lastBuildDate>2026-11-22T11:20:00+07:00",
     "not an RFC 822 date"),
    ("feed.xml", r'(<enclosure url="[^"]+") length="\d+"', r"\1", "enclosure length None"),
    ("feed.xml", r'(<enclosure url="[^"]+" length="\d+") type="image/jpeg"', r"\1", "enclosure type None"),
    ("feed.xml", r"(<link>https://[^<]+/rilis/[^<]+</link>)", r"\1\1", "2 article links"),
    ("feed.xml", r'(<atom:link href="[^"]+" rel="self") type="application/rss\+xml"', r"\1", "atom:link rel=self"),
    ("feed.xml", r'<atom:link href="https://mediacenter\.lembahsari\.go\.id/feed\.xml"',
     '<atom:link href="https://mediacenter.lembahsari.go.id/rss.xml"', "to its own address"),
    ("feed.xml", r"<title>Pawai Budaya", "<title>&lt;Pawai&gt; Budaya", "not written as &#x26; or &#x3C;"),
    ("feed.xml", r"<description>Sebanyak 64", "<description>Sebanyak &lt; 64", "'<' that starts no tag"),
    ("feed.xml", r"(<dc:creator>[^<]+</dc:creator>)", r"\1<author>Dinas Kesehatan</author>", "not an e-mail address"),
    ("feed.xml", r"(<description>Sebanyak)", r"<content:encoded>x</content:encoded>\1", "without a description before"),
    ("feed.xml", r'xmlns:media="http://search\.yahoo\.com/mrss/"', 'xmlns:media="http://search.yahoo.com/mrss"',
     "unknown namespace"),
    ("feed.xml", r'role="photographer"', 'role="Photographer"', "not lower case"),
    ("feed.xml", r'medium="image"', 'medium="photo"', "not a Media RSS medium"),
    ("feeds.opml", r"</ownerName>", "</ownerName><docs>http://opml.org/spec2.opml</docs>", "not an OPML head element"),
    ("feeds.opml", r'xmlUrl="https://mediacenter\.lembahsari\.go\.id/', 'xmlUrl="/', "without an absolute xmlUrl"),
    ("feed.json", r'\s*"attachments": \[\s*\{[^}]*\}\s*\],', "", "the image is not among the attachments"),
    ("feed.json", r'"size_in_bytes": \d+', '"size_in_bytes": "besar"', "size_in_bytes"),
    ("feed.json", r'"authors": \[\s*\{\s*"name": ("[^"]+")\s*\}\s*\]', r'"author": {"name": \1}', "JSON Feed 1.0"),
    ("feed.json", r'"tags":', '"warta_status": "ditarik", "tags":', "nor an extension (_name)"),
    ("feed.json", r'"url": "https://mediacenter\.lembahsari\.go\.id/rilis/', '"url": "/rilis/', "no absolute article url"),
]


@pytest.mark.parametrize(("name", "pattern", "replacement", "expected"), BROKEN,
                         ids=[f"{b[0]}:{b[3]}" for b in BROKEN])
def test_each_feed_rule_catches_its_defect(demo_site: Path, name, pattern, replacement, expected):
    """A rule that never fails proves nothing: each one is shown a real document broken its way."""
    text = (demo_site / name).read_text()
    broken, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, f"the sample no longer contains {pattern!r}"
    found = feedrules.problems(broken.encode(), SITE_URL + name)
    assert any(expected in problem for problem in found), found


def test_enclosures_give_the_photo_type_and_exact_size(demo_site: Path):
    from lxml import etree

    sizes = {}
    for item in etree.parse(str(demo_site / "feed.xml")).iter("item"):
        enclosure = item.find("enclosure")
        if enclosure is not None:
            sizes[enclosure.get("url")] = int(enclosure.get("length"))
    assert len(sizes) >= 20
    for url, length in sizes.items():
        assert (demo_site / url[len(SITE_URL):]).stat().st_size == length, url
    atom = etree.parse(str(demo_site / "atom.xml"))
    assert {link.get("href"): int(link.get("length")) for link in atom.iter(f"{{{feedrules.ATOM}}}link")
            if link.get("rel") == "enclosure"} == sizes
    items = json.loads((demo_site / "feed.json").read_text())["items"]
    assert {a["url"]: a["size_in_bytes"] for i in items for a in i.get("attachments", [])
            if a["mime_type"] == "image/jpeg"} == sizes


def test_feeds_do_not_depend_on_the_machines_time_zone(tmp_path):
    """A category or unit with nothing public yet still gets the same bytes everywhere; a
    withdrawal and an in-page link are carried in a form every reader resolves."""
    root = make_project(tmp_path / "proj")
    write_release(root, body="Lihat [catatan di bawah](#catatan).\n\n## Catatan\n\nWarga kini aman.\n",
                  withdrawn={"date": "2026-11-21T15:00:00+07:00", "reason": "Acara dibatalkan oleh panitia."})
    built = {}
    for tz in ("UTC0", "WITA-8"):  # POSIX zones: no tz database needed
        run_warta(root, "build", env={"TZ": tz}, check=True)
        built[tz] = {p.relative_to(root / "site").as_posix(): p.read_bytes() for p in feed_files(root / "site")}
    assert built["UTC0"] == built["WITA-8"]
    empty = (root / "site/kategori/kesehatan/atom.xml").read_text()
    assert "<entry>" not in empty and "<updated>2000-01-01T00:00:00+00:00</updated>" in empty
    assert "<lastBuildDate>Sat, 01 Jan 2000 00:00:00 +0000</lastBuildDate>" in (
        root / "site/kategori/kesehatan/feed.xml").read_text()
    item = json.loads((root / "site/feed.json").read_text())["items"][0]
    assert item["content_html"].startswith("<p><strong>Ditarik Sabtu, 21 November 2026 15.00 WIB:</strong> Acara")
    assert item["date_modified"] == "2026-11-21T15:00:00+07:00"
    assert f'href="{SITE_URL}rilis/2026/11/jembatan-talang-mulya/#catatan"' in item["content_html"]
    # Every feed, empty or not, keeps the validator's rules; the lone monthly archive is left
    # out: with nothing before or after it, the validator's "archive incomplete" is a warning
    # that no single-month site can avoid.
    files = [p for p in feed_files(root / "site") if not p.parent.as_posix().startswith(str(root / "site/arsip"))]
    assert len(files) == 3 * (1 + 10 + 15)
    assert rule_problems(root / "site", files) == []


def test_tag_ids_name_a_bare_lower_case_host():
    """RFC 4151 allows no port and no capitals in the tagging authority (a site on :8000)."""
    from datetime import datetime, timedelta, timezone
    from types import SimpleNamespace

    from warta.feeds import item_id

    release = SimpleNamespace(date=datetime(2026, 11, 16, 9, 30, tzinfo=timezone(timedelta(hours=7))),
                              url="rilis/2026/11/jembatan-talang-mulya/")
    assert item_id(SITE_URL, release) == "tag:mediacenter.lembahsari.go.id,2026-11-16:/rilis/2026/11/jembatan-talang-mulya/"
    for site_url in ("http://localhost:8000/", "https://Humas@LocalHost:8443/"):
        tag = item_id(site_url, release)
        assert tag == "tag:localhost,2026-11-16:/rilis/2026/11/jembatan-talang-mulya/"
        assert feedrules.canonical_id(tag) is None
