"""`scripts/warta clippings` against partner feeds served over real HTTP on 127.0.0.1: two that
republish demo releases (edited titles, trimmed bodies; one without a link back), one
unrelated, one answering 500, one that never answers, one malformed."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest
import requests
import yaml
from conftest import DEMO_NOW, make_project, run_warta

from warta import feedread
from warta.config import load_site_config
from warta.load import load_content

NOW = {"WARTA_NOW": DEMO_NOW}
SITE = "https://mediacenter.lembahsari.go.id/"
ROAD = "rilis/2026/11/jalan-poros-sungai-baru-air-dingin-capai-85-persen/"  # 2026-11-20
CORN = "rilis/2026/11/panen-raya-jagung-desa-bukit-harapan/"  # 2026-11-03
RECORDED = ("https://kabarlembah.example/2026/11/16/bupati-resmikan-jembatan-gantung-84-meter-di-air-"
            "dingin/")  # already in the demo's kliping.yml of the bridge release

# Lembah Pos: the road release, retitled and cut to two paragraphs, linking back to us.
POS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Lembah Pos</title><link>https://www.lembahpos.example/</link><description>Berita</description>
<item><title>Jalan Poros Sungai Baru-Air Dingin Sudah 85 Persen, Rampung Desember</title>
<link>https://www.lembahpos.example/daerah/2026/11/21/jalan-poros-85-persen</link>
<pubDate>Sat, 21 Nov 2026 08:15:00 +0700</pubDate>
<content:encoded><![CDATA[<p>SARIMULYA, LEMBAH POS &#8211; Pembangunan jalan poros yang menghubungkan Kecamatan
Sungai Baru dan Air Dingin sudah mencapai 85 persen, terungkap saat Sekda Budi Hartono dan DPUPR
meninjau lokasi, Kamis (19/11).</p><p>Ruas sepanjang 12,6 kilometer itu dibangun dengan aspal beton
selebar 6 meter. Nilai kontraknya Rp48,1 miliar dari APBD dan DAK.</p>
<p>Sumber: <a href="{SITE}{ROAD}?utm_source=lembahpos">Media Center Lembah Sari</a></p>]]></content:encoded>
</item>
<item><title>Harga Cabai di Pasar Sarimulya Kembali Naik</title>
<link>https://www.lembahpos.example/ekonomi/2026/11/22/harga-cabai-naik</link>
<pubDate>Sun, 22 Nov 2026 07:00:00 +0700</pubDate>
<description>Pedagang di Pasar Sarimulya menyebut harga cabai merah naik menjadi Rp60.000 per kilogram
karena pasokan dari luar daerah berkurang sepekan terakhir.</description></item>
</channel></rss>"""

# KabarLembah: the corn harvest, retitled, first paragraph only, no link back (Atom).
KABAR = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>KabarLembah</title><id>tag:kabarlembah.example,2026:/</id>
<updated>2026-11-05T10:00:00+07:00</updated>
<entry><title>Panen Raya Jagung 250 Hektare, Petani Bukit Harapan Raup 7,2 Ton per Hektare</title>
<id>tag:kabarlembah.example,2026:panen</id>
<link rel="alternate" href="https://kabarlembah.example/2026/11/04/panen-raya-jagung-bukit-harapan/"/>
<published>2026-11-04T06:30:00+07:00</published><updated>2026-11-04T06:30:00+07:00</updated>
<content type="html">&lt;p&gt;KABARLEMBAH.EXAMPLE - Wakil Bupati Sri Handayani bersama para petani Desa Bukit
Harapan, Kecamatan Air Dingin, menggelar panen raya jagung di lahan seluas 250 hektare, Selasa (3/11).
Panen raya ini menandai keberhasilan program pengembangan jagung Dinas Pertanian dan Ketahanan
Pangan sejak awal tahun.&lt;/p&gt;</content></entry>
<entry><title>Bupati Darmawan Resmikan Jembatan Gantung 84 Meter di Air Dingin</title>
<id>tag:kabarlembah.example,2026:jembatan</id><link href="{RECORDED}"/>
<published>2026-11-16T13:00:00+07:00</published>
<summary>Bupati Lembah Sari meresmikan jembatan gantung Desa Talang Mulya.</summary></entry>
</feed>"""

# Danau FM: nothing of ours (sports and another town's flood).
LAIN = """<?xml version="1.0"?><rss version="2.0"><channel><title>Danau FM</title>
<link>https://danaufm.example/</link><description>Kabar</description>
<item><title>Persatuan Sepak Bola Danau Sari Menang 2-1 di Kandang</title>
<link>https://danaufm.example/olahraga/menang</link><pubDate>Thu, 19 Nov 2026 20:00:00 +0700</pubDate>
<description>Tim kebanggaan Danau Sari menang atas tamunya pada laga lanjutan liga daerah.</description></item>
<item><title>Banjir Rendam Rumah Warga di Kota Sebelah</title>
<link>https://danaufm.example/daerah/banjir-kota-sebelah</link><pubDate>Fri, 20 Nov 2026 18:00:00 +0700</pubDate>
<description>Hujan deras membuat sungai meluap dan merendam puluhan rumah warga di kota tetangga.</description></item>
</channel></rss>"""

BROKEN = b"<?xml version='1.0'?><rss><channel><item><title>Berita tanpa penutup</title></channel>"
SLOW_SECONDS = 4


class _Feeds(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict, bytes]] = {
        "/pos.xml": (200, {"Content-Type": "application/rss+xml; charset=utf-8"}, POS.encode()),
        "/kabar.atom": (200, {"Content-Type": "application/atom+xml"}, KABAR.encode()),
        "/lain.xml": (200, {"Content-Type": "application/rss+xml"}, LAIN.encode()),
        "/rusak.xml": (200, {"Content-Type": "application/rss+xml"}, BROKEN),
        "/galat": (500, {"Content-Type": "text/plain"}, b"Internal Server Error"),
        "/ke-berkas": (302, {"Location": "file:///etc/passwd"}, b""),
        "/putar": (302, {"Location": "/putar"}, b""),
        "/pindah": (301, {"Location": "/pos.xml"}, b""),
        "/besar": (200, {"Content-Type": "application/rss+xml"}, b"<rss>" + b" " * (6 * 1024 * 1024)),
    }
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).seen.append(self.headers.get("User-Agent", ""))
        if self.path == "/lambat":  # accepts, then never answers within the timeout
            time.sleep(SLOW_SECONDS)
            return
        status, headers, body = self.routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for key, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def feeds():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Feeds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _partners(root: Path, base: str) -> None:
    """The demo's partner registry with six feeds on the test server and no other feed."""
    path = root / "data/mitra.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    feeds = {"lembah-pos": "/pos.xml", "kabar-lembah": "/kabar.atom", "danau-fm": "/lain.xml",
             "suara-air-dingin": "/galat", "lembah-tv": "/lambat", "warta-danau": "/rusak.xml"}
    for partner in data["partners"]:
        partner.pop("feed", None)
        if partner["id"] in feeds:
            partner["feed"] = base + feeds[partner["id"]]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def demo(tmp_path, feeds) -> Path:
    root = make_project(tmp_path / "proj", demo=True)
    _partners(root, feeds)
    (root / "content" / CORN / "kliping.yml").write_text(
        "# Dicatat tangan oleh humas.\n\n- url: https://www.instagram.com/p/DEMO-panen-jagung/\n"
        "  date: 2026-11-03T12:00 WIB\n  kind: sosial\n  platform: instagram\n", encoding="utf-8")
    return root


def test_finds_exactly_the_two_republications_and_names_each_failed_partner(demo):
    started = time.monotonic()
    done = run_warta(demo, "clippings", "--timeout", "1", env=NOW)
    assert done.returncode == 0, done.stdout + done.stderr
    assert time.monotonic() - started < 30  # the silent partner costs its timeout, no more
    text = done.stdout
    assert text.count("\n  + ") == 2, text
    assert f"content/{ROAD}kliping.yml" in text and f"content/{CORN}kliping.yml" in text
    assert ("+ republikasi · Lembah Pos · 2026-11-21 · skor 100 (tautan balik)\n"
            "    Jalan Poros Sungai Baru-Air Dingin Sudah 85 Persen, Rampung Desember\n"
            "    https://www.lembahpos.example/daerah/2026/11/21/jalan-poros-85-persen") in text
    assert "+ republikasi · KabarLembah.example · 2026-11-04 · skor " in text
    assert "Suara Air Dingin (suara-air-dingin): server menjawab HTTP 500" in text
    assert "Lembah TV (lembah-tv): tidak ada jawaban dalam 1 detik" in text
    assert "Warta Danau Sari (warta-danau): umpan rusak: bukan XML yang sah (baris 1, kolom " in text
    assert "✓ Danau FM (danau-fm): 2 berita dibaca" in text
    assert text.count("✗ ") == 3 and "Traceback" not in done.stderr
    assert "Selesai: 6 mitra diperiksa, 3 gagal; 2 usulan kliping baru; tambahkan --write" in text
    assert not (demo / "content" / ROAD / "kliping.yml").exists()  # printed only
    assert all(ua.startswith("Warta/") and SITE in ua for ua in _Feeds.seen)


def test_write_adds_the_entries_and_a_second_run_proposes_nothing(demo):
    done = run_warta(demo, "clippings", "--timeout", "1", "--write", env=NOW)
    assert done.returncode == 0, done.stdout
    assert "ditulis ke 2 berkas kliping.yml" in done.stdout
    corn = (demo / "content" / CORN / "kliping.yml").read_text(encoding="utf-8")
    assert corn.startswith("# Dicatat tangan oleh humas.\n\n- url: https://www.instagram.com/p/DEMO-panen-jagung/\n")
    assert corn.endswith('\n- partner: kabar-lembah\n  url: https://kabarlembah.example/2026/11/04/panen-raya-'
                         'jagung-bukit-harapan/\n  date: 2026-11-04\n  title: "Panen Raya Jagung 250 Hektare, '
                         'Petani Bukit Harapan Raup 7,2 Ton per Hektare"\n  kind: republikasi\n')
    assert (demo / "content" / ROAD / "kliping.yml").read_text(encoding="utf-8").startswith("# Jejak publikasi")
    assert run_warta(demo, "check", env=NOW).returncode == 0
    content = load_content(load_site_config(demo))
    road = next(r for r in content.releases if r.url == ROAD)
    (clip,) = road.clippings
    assert (clip.partner.id, clip.kind, f"{clip.date:%Y-%m-%d}") == ("lembah-pos", "republikasi", "2026-11-21")
    again = run_warta(demo, "clippings", "--timeout", "1", "--write", env=NOW)
    assert again.returncode == 0 and "\n  + " not in again.stdout
    assert "2 usulan" not in again.stdout and "0 usulan kliping baru." in again.stdout


def test_since_limits_the_items_and_a_wrong_date_is_refused(demo):
    done = run_warta(demo, "clippings", "--timeout", "1", "--since", "2026-11-10", env=NOW)
    assert done.returncode == 0 and done.stdout.count("\n  + ") == 1 and f"content/{ROAD}" in done.stdout
    wrong = run_warta(demo, "clippings", "--since", "10-11-2026", env=NOW)
    assert wrong.returncode == 2 and "tanggal --since '10-11-2026' tidak dikenal" in wrong.stdout
    assert run_warta(demo, "clippings", "--timeout", "0", env=NOW).returncode == 2


def test_content_errors_stop_the_run_before_any_fetch(demo):
    (demo / "content" / CORN / "kliping.yml").write_text("- kind: republik\n", encoding="utf-8")
    _Feeds.seen.clear()
    done = run_warta(demo, "clippings", "--write", env=NOW)
    assert done.returncode == 1 and "jalankan `scripts/warta check`" in done.stdout
    assert _Feeds.seen == []


def test_fetch_refuses_other_schemes_loops_and_oversized_feeds(feeds):
    http = feedread.session(SITE)
    for path, message in (("/ke-berkas", "alamat umpan bukan http(s): file:///etc/passwd"),
                          ("/putar", "dialihkan lebih dari 5 kali"),
                          ("/besar", "umpan lebih dari 5 MB")):
        with pytest.raises(feedread.FeedError, match=message.replace("(", r"\(").replace(")", r"\)")):
            feedread.fetch(http, feeds + path, 2)
    assert b"Lembah Pos" in feedread.fetch(http, feeds + "/pindah", 2)  # http redirect: followed
    with pytest.raises(feedread.FeedError, match="tidak bisa dihubungi"):
        feedread.fetch(http, "http://127.0.0.1:9/", 2)
    assert isinstance(http, requests.Session)


def test_every_feed_format_is_read():
    atom = feedread.parse(KABAR.encode(), "https://kabarlembah.example/")
    assert [i.title[:16] for i in atom] == ["Panen Raya Jagun", "Bupati Darmawan "]
    assert atom[0].date.isoformat() == "2026-11-04T06:30:00+07:00" and "Sri Handayani" in atom[0].text
    rss = feedread.parse(POS.encode(), "https://www.lembahpos.example/")
    assert rss[0].links == (f"{SITE}{ROAD}?utm_source=lembahpos",) and "<" not in rss[0].text
    rdf = feedread.parse(b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel/>
        <item><title>Judul</title><link>https://a.example/1</link><dc:date>2026-11-02T10:00:00Z</dc:date>
        <description>Isi &lt;b&gt;tebal&lt;/b&gt;</description></item></rdf:RDF>""", "https://a.example/")
    assert [(i.title, i.url, i.text) for i in rdf] == [("Judul", "https://a.example/1", "Isi tebal")]
    jsonfeed = feedread.parse(b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", '
                               b'"url": "/2", "title": "T", "content_html": "<p>A <a href=\\"/x\\">b</a></p>", '
                               b'"date_published": "2026-11-02T10:00:00+07:00"}]}', "https://b.example/")
    assert [(i.url, i.text, i.links) for i in jsonfeed] == [("https://b.example/2", "A b", ("https://b.example/x",))]
    for bad, message in ((b"<html><body>Halaman</body></html>", "bukan RSS atau Atom"),
                         (b"<rss><channel><item><title>a</item></rss>", "bukan XML yang sah"),
                         (b"{]", "bukan JSON yang sah"), (b'{"items": 3}', "JSON tanpa daftar `items`")):
        with pytest.raises(feedread.FeedError, match=message):
            feedread.parse(bad, "https://c.example/")
    external = feedread.parse(b"<!DOCTYPE rss [<!ENTITY e SYSTEM 'file:///etc/hostname'>]><rss><channel>"
                               b"<item><title>x&e;y</title></item></channel></rss>", "https://c.example/")
    assert [i.title for i in external] == ["x&e;y"]  # an external entity is left unread


def test_written_entries_read_back_as_written_and_keep_the_file(tmp_path):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from warta import kliping
    from warta.mitra import Partner
    from warta.registry import Lookup

    tz = ZoneInfo("Asia/Jakarta")
    partners = Lookup((Partner(id="lembah-pos", name="Lembah Pos", kind="cetak", url="https://lembahpos.example/"),))
    odd = kliping.entry_text("republikasi", "http://127.0.0.1:8080/a#b", "2026-11-17",
                             'Judul: "kutip" # bukan komentar', "lembah-pos")
    plain = kliping.entry_text("kutipan", "https://lembahpos.example/b", "2026-11-18", "Judul biasa", "lembah-pos")

    def read(path):
        return kliping.read(path, "k.yml", partners, datetime(2026, 11, 16, 9, 30, tzinfo=tz),
                            datetime(2026, 11, 23, tzinfo=tz), tz, "data/mitra.yml")

    grown = tmp_path / "tumbuh.yml"
    grown.write_text("# Catatan humas.\n- url: https://x.example/1\n  date: 2026-11-16\n  kind: sosial\n"
                     "  platform: x  # unggahan kita", encoding="utf-8")  # no final line break
    kliping.append(grown, [odd, plain])
    assert grown.read_text().startswith("# Catatan humas.\n- url: https://x.example/1\n  date: 2026-11-16\n"
                                        "  kind: sosial\n  platform: x  # unggahan kita\n\n- partner: lembah-pos\n")
    clips, found = read(grown)
    assert found == [] and [(c.url, c.title) for c in clips] == [
        ("https://x.example/1", ""), ("http://127.0.0.1:8080/a#b", 'Judul: "kutip" # bukan komentar'),
        ("https://lembahpos.example/b", "Judul biasa")]
    flow = tmp_path / "alir.yml"
    flow.write_text("# Kepala.\n[]\n", encoding="utf-8")
    kliping.append(flow, [plain])
    assert flow.read_text() == "# Kepala.\n\n" + plain and read(flow)[1] == []
    fresh = tmp_path / "baru.yml"
    kliping.append(fresh, [plain])
    assert fresh.read_text() == kliping.HEADER + "\n" + plain and len(read(fresh)[0]) == 1
