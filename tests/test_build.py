"""Real strict builds of real sites: the demo, what must never leak, and failed builds."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import DEMO_NOW, REPO, make_project, photo, run_warta, site_outputs, write_release
from PIL import Image

from warta.config import load_site_config, now
from warta.dates import dateline
from warta.load import load_content

pytestmark = pytest.mark.slow


def demo_releases():
    cfg = load_site_config(REPO)
    return cfg, load_content(cfg).releases


def test_demo_content_is_valid_and_varied():
    cfg, releases = demo_releases()
    assert 28 <= len(releases) <= 40
    assert {r.type for r in releases} == {"siaran-pers", "berita", "pengumuman", "klarifikasi"}
    assert len({r.category.slug for r in releases}) >= 6
    assert len({r.unit.slug for r in releases}) >= 8
    assert sum(1 for r in releases if r.updates) >= 2
    assert sum(1 for r in releases if r.draft) == 1
    assert any(r.date.year >= 2030 for r in releases)  # the embargo the demo always shows
    assert all(r.claim for r in releases if r.type == "klarifikasi")


def test_every_public_demo_release_is_on_the_site_with_its_dateline(demo_site: Path):
    cfg, releases = demo_releases()
    clock = __import__("datetime").datetime.fromisoformat(DEMO_NOW)
    public = [r for r in releases if r.is_public(clock)]
    assert len(public) == len(releases) - 2
    for r in public:
        html = (demo_site / r.url / "index.html").read_text(encoding="utf-8")
        expected = dateline(r.location, r.date)
        assert expected in html, (r.url, expected)
        assert re.search(r", (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4} \d{2}\.\d{2} "
                         r"(WIB|WITA|WIT)$", expected), expected


def test_zones_are_shown_as_written(demo_site: Path):
    _, releases = demo_releases()
    labels = {dateline(r.location, r.date).rsplit(" ", 1)[1] for r in releases}
    assert {"WIB", "WITA", "WIT"} <= labels


def test_draft_and_embargo_leak_nowhere(demo_site: Path):
    _, releases = demo_releases()
    clock = __import__("datetime").datetime.fromisoformat(DEMO_NOW)
    hidden = [r for r in releases if not r.is_public(clock)]
    assert len(hidden) == 2
    needles = []
    for r in hidden:
        needles += [r.slug, r.title, r.summary[:60]]
    outputs = site_outputs(demo_site)  # Pagefind's compressed index and fragments included
    assert any(path.startswith("pagefind/") and path.endswith(".pf_fragment") for path in outputs)
    for path, data in outputs.items():
        if path.endswith((".jpg", ".png", ".webp")):
            continue
        for needle in needles:
            assert needle.encode() not in data, (path, needle)
    for r in hidden:
        assert not (demo_site / r.url).exists()


def test_photos_are_resized_and_stripped(demo_site: Path):
    _, releases = demo_releases()
    with_photo = [r for r in releases if r.image and (demo_site / r.url).exists()]
    assert with_photo
    for r in with_photo:
        original = Image.open(r.image.source)
        assert original.getexif(), "demo photos carry EXIF so this test means something"
        for w, h, name in (*r.image.renditions, r.image.fallback):
            out = demo_site / r.url / name
            with Image.open(out) as im:
                assert im.size == (w, h) and im.format == ("JPEG" if name.endswith(".jpg") else "WEBP")
                assert not im.getexif(), out
                assert "exif" not in im.info and b"SN-" not in out.read_bytes()
                assert w <= 1200 and re.search(r"\.[0-9a-f]{10}\.(webp|jpg)$", name)
        html = (demo_site / r.url / "index.html").read_text(encoding="utf-8")
        for tag in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'\bwidth="\d+"', tag) and re.search(r'\bheight="\d+"', tag), tag
        assert 'srcset="' in html and 'sizes="' in html


def test_every_img_has_dimensions(demo_site: Path):
    for page in demo_site.rglob("*.html"):
        for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            assert 'width="' in tag and 'height="' in tag, (page, tag)


def test_no_third_party_requests_in_markup(demo_site: Path):
    site_url = load_site_config(REPO).site_url
    for page in demo_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for attr, url in re.findall(r'\b(src|srcset|href)="(https?://[^"]+)"', html):
            tag_ok = attr == "href" and not re.search(
                rf'<(link|script)[^>]*{attr}="{re.escape(url)}"', html)
            assert tag_ok or url.startswith(site_url), (page, attr, url)


def test_lists_archives_and_site_files(demo_site: Path):
    for path in ["index.html", "404.html", "robots.txt", "sitemap.xml", "sitemap-berita.xml",
                 "arsip/index.html", "arsip/2026/index.html", "arsip/2026/11/index.html",
                 "kategori/kesehatan/index.html", "unit/dinkes/index.html", "cari/index.html",
                 "tentang/index.html", "pagefind/2026/pagefind.js"]:
        assert (demo_site / path).is_file(), path
    assert "Halaman tidak ditemukan" in (demo_site / "404.html").read_text()
    robots = (demo_site / "robots.txt").read_text()
    assert "Sitemap: https://mediacenter.lembahsari.go.id/sitemap.xml" in robots
    sitemap = (demo_site / "sitemap.xml").read_text()
    assert sitemap.count("<url>") > 30 and "/rilis/2026/" in sitemap
    assert "<loc>https://mediacenter.lembahsari.go.id/tentang/</loc>" in sitemap
    home = (demo_site / "index.html").read_text()
    assert 'lang="id"' in home and "md-sidebar" not in home and "Terbaru" in home


def test_pagination_pages(tmp_path):
    root = make_project(tmp_path / "proj")
    cfgfile = root / "mkdocs.yml"
    cfgfile.write_text(cfgfile.read_text().replace("per_page: 24", "per_page: 2").replace(
        "home_count: 13", "home_count: 3"))
    for day in range(1, 8):
        write_release(root, f"rilis/2026/11/rilis-nomor-{day}", title=f"Rilis nomor {day} untuk uji halaman",
                      date=f"2026-11-{day:02d}T09:00:00+07:00")
    run_warta(root, "build", check=True)
    site = root / "site"
    assert (site / "halaman/3/index.html").is_file() and not (site / "halaman/4").exists()
    assert (site / "kategori/pembangunan/halaman/4/index.html").is_file()
    page2 = (site / "kategori/pembangunan/halaman/2/index.html").read_text()
    assert "Halaman 2 dari 4" in page2 and 'rel="prev"' in page2 and 'rel="next"' in page2


def test_failed_build_names_file_and_leaves_site_untouched(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root)
    run_warta(root, "build", check=True)
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    write_release(root, "rilis/2026/11/rilis-rusak", category="kesehtan")
    done = run_warta(root, "build")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "content/rilis/2026/11/rilis-rusak/index.md:5: category: kategori 'kesehtan' tidak dikenal" in done.stderr
    assert "Situs lama di site/ tidak diubah" in done.stderr
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(root.glob(".site-*"))


def test_plain_mkdocs_build_also_refuses_broken_release(tmp_path):
    import subprocess
    import sys

    root = make_project(tmp_path / "proj")
    write_release(root, unit="dinkess")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO),
                                                               "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 1
    assert "unit (OPD) 'dinkess' tidak dikenal" in done.stderr
    assert not (root / "site").exists()


def test_embargo_opens_on_time(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, date="2026-11-16T09:30:00+07:00", image={"src": "foto.jpg", "alt": "Jembatan baru",
                                                                 "credit": "Diskominfo"})
    photo(root / "content/rilis/2026/11/jembatan-talang-mulya/foto.jpg")
    page = root / "site/rilis/2026/11/jembatan-talang-mulya/index.html"
    run_warta(root, "build", env={"WARTA_NOW": "2026-11-16T09:29:00+07:00"}, check=True)
    assert not page.exists()
    assert not list((root / "site").rglob("foto*.jpg"))
    assert "jembatan-talang-mulya" not in (root / "site/sitemap.xml").read_text()
    run_warta(root, "build", env={"WARTA_NOW": "2026-11-16T02:31:00+00:00"}, check=True)
    assert page.exists()  # 09.31 WIB: open, whatever zone the clock is read in


def test_transparent_and_portrait_photos(tmp_path):
    root = make_project(tmp_path / "proj")
    bundle = "rilis/2026/11/jembatan-talang-mulya"
    write_release(root, bundle, image={"src": "logo.png", "alt": "Logo acara", "credit": "Panitia"})
    photo(root / "content" / bundle / "logo.png", size=(300, 500), mode="RGBA", exif=False)
    run_warta(root, "build", check=True)
    (jpeg,) = (root / "site" / bundle).glob("logo-300.*.jpg")
    (webp,) = (root / "site" / bundle).glob("logo-300.*.webp")
    for out in (jpeg, webp):
        with Image.open(out) as im:
            assert im.size == (300, 500) and im.mode == "RGB"
            r, g, b = im.getpixel((150, 250))  # half-transparent blue, flattened on white
            assert abs(r - 148) + abs(g - 183) + abs(b - 213) < 15, (r, g, b)


def test_raw_html_outside_the_allowlist_stops_the_build(tmp_path):
    """`style` is refused by the check before the sanitiser could strip it (the sanitiser
    itself: tests/test_bodycheck.py)."""
    root = make_project(tmp_path / "proj")
    write_release(root, body='Paragraf <span class="x" style="color:red">berwarna</span>.\n')
    done = run_warta(root, "build")
    assert done.returncode != 0 and not (root / "site").exists()
    assert "atribut `style` pada <span> tidak diizinkan" in done.stdout + done.stderr


@pytest.fixture(autouse=True)
def _no_stray_sites():
    yield
    assert not (REPO / ".site-baru").exists()


def test_clock_frozen_by_env(monkeypatch):
    monkeypatch.setenv("WARTA_NOW", "2030-01-01T00:00:00")
    assert now(load_site_config(REPO).tz).isoformat() == "2030-01-01T00:00:00+07:00"


def test_photos_are_pictures_with_webp_and_a_jpeg_fallback(tmp_path):
    """In a real build the hero photo, a body photo and the home page's card are each a
    <picture>: the WebP renditions (srcset, sizes) for browsers that take WebP, the JPEG as
    the <img>; every name carries its hash. Feeds keep to JPEG: the enclosure, and the body
    photo as a plain <img>."""
    root = make_project(tmp_path / "proj")
    bundle = "rilis/2026/11/jembatan-talang-mulya"
    write_release(root, bundle, image={"src": "foto.jpg", "alt": "Jembatan baru", "credit": "Diskominfo"},
                  body="Warga antre di posko.\n\n![Warga antre di posko](antrean.jpg)\n\n"
                       "[Unduh foto antrean](antrean.jpg)\n")
    photo(root / "content" / bundle / "foto.jpg")
    photo(root / "content" / bundle / "antrean.jpg", size=(1200, 800))
    run_warta(root, "build", check=True)
    site = root / "site"
    html = (site / bundle / "index.html").read_text()
    (body,) = re.findall(r'<picture><source type="image/webp"[^>]*><img alt="Warga antre di posko"[^>]*></picture>', html)
    tag = re.search(r"\.([0-9a-f]{10})\.webp", body)[1]
    assert (f'srcset="antrean-400.{tag}.webp 400w, antrean-800.{tag}.webp 800w, antrean-1200.{tag}.webp 1200w" '
            'sizes="(min-width: 50em) 46rem, 100vw"') in body
    assert f'src="antrean-800.{tag}.jpg" width="800" height="533" loading="lazy"' in body
    hero = re.search(r'<figure class="w-hero">\s*<picture>(.*?)</picture>', html, re.S)[1]
    (source,) = re.findall(r"<source [^>]*>", hero)
    (img,) = re.findall(r"<img [^>]*>", hero)
    assert 'type="image/webp"' in source and 'sizes="(min-width: 50em) 40rem, 100vw"' in source
    assert re.search(r'srcset="foto-400\.(\w{10})\.webp 400w, foto-800\.\1\.webp 800w, foto-1200\.\1\.webp 1200w"', source)
    assert re.search(r'src="foto-800\.\w{10}\.jpg" width="800" height="534" alt="Jembatan baru"', img)
    home = (site / "index.html").read_text()
    card = re.search(r'<a class="w-card__media"[^>]*><picture>(.*?)</picture></a>', home, re.S)[1]
    assert re.search(rf'<source type="image/webp"\s+srcset="{bundle}/foto-400\.\w{{10}}\.webp 400w, ', card)
    assert re.search(rf'<img src="{bundle}/foto-800\.\w{{10}}\.jpg"', card) and "sizes=" in card
    for path in re.findall(r'(?:src|srcset)="([^"]+)"', html):
        for url in path.split(", "):
            assert (site / bundle / url.split()[0]).is_file(), url
    with Image.open(site / bundle / "antrean.jpg") as im:  # linked by its own name: the JPEG
        assert im.format == "JPEG" and im.size == (800, 533) and not im.getexif()
    assert not (site / bundle / "foto.jpg").exists()  # never linked by its own name
    feed = (site / "feed.xml").read_text()
    assert re.search(rf'<enclosure url="https://[^"]+/{bundle}/foto-800\.\w{{10}}\.jpg" length="\d+" '
                     'type="image/jpeg"', feed), feed[:3000]
    assert "antrean-800." in feed and "&lt;source" not in feed and "webp" not in feed


def test_remote_images_are_refused(project):
    write_release(project, body="Lihat ![denah](https://contoh.net/denah.png) dan "
                  '<img src="//cdn.contoh.net/x.png" alt="x">.\n')
    messages = [p.message for p in load_content(load_site_config(project)).problems]
    assert sorted(messages) == ["gambar dari situs lain (//cdn.contoh.net/x.png)",
                                "gambar dari situs lain (https://contoh.net/denah.png)"]


def test_photos_of_other_pages_are_stripped_too(tmp_path):
    root = make_project(tmp_path / "proj")
    photo(root / "content/tentang/kantor.jpg", size=(1000, 700))
    (root / "content/tentang/index.md").write_text(
        "---\ntitle: Tentang\n---\n\n![Kantor](kantor.jpg)\n\n[Unduh foto kantor](kantor.jpg)\n")
    run_warta(root, "build", check=True)
    with Image.open(root / "site/tentang/kantor.jpg") as im:  # the JPEG rendition, by its own name
        assert im.size == (800, 560) and not im.getexif()
    assert b"SN-" not in (root / "site/tentang/kantor.jpg").read_bytes()


def test_stray_file_under_rilis_is_an_error(project):
    photo(project / "content/rilis/2026/11/foto-lepas.jpg")
    (p,) = load_content(load_site_config(project)).problems
    assert (p.path, p.message) == ("content/rilis/2026/11/foto-lepas.jpg",
                                   "berkas berada di luar folder rilis mana pun")


def test_release_text_is_escaped_in_pages(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, title='Dinas "PU" & <Warga>: Jembatan Baru Dibuka',
                  summary='Jembatan "Talang Mulya" sepanjang 84 meter & lebar 1,8 meter kini menghubungkan dua dusun.',
                  image={"src": "foto.jpg", "alt": 'Warga "senang" <b>', "credit": "Kominfo & Warga"})
    photo(root / "content/rilis/2026/11/jembatan-talang-mulya/foto.jpg")
    run_warta(root, "build", check=True)
    html = (root / "site/rilis/2026/11/jembatan-talang-mulya/index.html").read_text()
    assert '<h1 class="w-title">Dinas &#34;PU&#34; &amp; &lt;Warga&gt;: Jembatan Baru Dibuka</h1>' in html
    assert 'content="Dinas &#34;PU&#34; &amp; &lt;Warga&gt;: Jembatan Baru Dibuka"' in html
    assert 'alt="Warga &#34;senang&#34; &lt;b&gt;"' in html and "Foto: Kominfo &amp; Warga" in html
    assert '<meta name="description" content="Jembatan &#34;Talang Mulya&#34; sepanjang 84 meter &amp; lebar' in html
    outside_json = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    assert "<Warga>" not in outside_json
    home = (root / "site/index.html").read_text()
    assert "&lt;Warga&gt;" in home and "<Warga>" not in home


def test_preview_marks_embargoed_releases_and_public_build_hides_them(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, "rilis/2036/08/upacara-hut-ri", title="Upacara HUT RI di Alun-Alun Sarimulya",
                  date="2036-08-17T08:00:00+07:00")
    write_release(root, "rilis/2026/11/draf-rilis", title="Rilis yang masih draf sekali", draft=True)
    now = {"WARTA_NOW": "2026-11-23T12:00:00+07:00"}
    run_warta(root, "build", env={**now, "WARTA_PREVIEW": "1"}, check=True)
    page = (root / "site/rilis/2036/08/upacara-hut-ri/index.html").read_text()
    assert "EMBARGO sampai Minggu, 17 Agustus 2036 08.00 WIB" in page and "PRATINJAU" in page
    assert "EMBARGO sampai" in (root / "site/index.html").read_text()
    assert not (root / "site/rilis/2026/11/draf-rilis").exists()  # drafts stay out even here
    run_warta(root, "build", env=now, check=True)
    assert not (root / "site/rilis/2036").exists()
    assert "PRATINJAU" not in (root / "site/index.html").read_text()


def test_demo_site_has_no_broken_internal_links(demo_site: Path):
    from warta.linkcheck import broken_links

    assert broken_links(demo_site, "https://mediacenter.lembahsari.go.id/") == []


def test_link_check_finds_a_broken_link(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root)
    run_warta(root, "build", check=True)
    page = root / "site/rilis/2026/11/jembatan-talang-mulya/index.html"
    page.write_text(page.read_text().replace("</article>", '<a href="../tidak-ada/">x</a></article>', 1))
    done = run_warta(root, "links")
    assert done.returncode == 1
    assert "rilis/2026/11/jembatan-talang-mulya/index.html: tautan rusak → ../tidak-ada/" in done.stderr


def test_prune_cache_keeps_what_the_site_links_and_nothing_when_links_are_impossible(tmp_path):
    from warta.photos import prune_cache

    cache, site = tmp_path / "cache", tmp_path / "site"
    (cache / "ab" / "lama").mkdir(parents=True)
    (cache / "cd" / "baru").mkdir(parents=True)
    site.mkdir()
    (cache / "ab" / "lama" / "kartu-tautan.jpg").write_bytes(b"x" * 10)
    (cache / "cd" / "baru" / "kartu-tautan.jpg").write_bytes(b"y" * 20)
    assert prune_cache(cache, site) == (0, 0)  # nothing linked: links may be impossible here
    os.link(cache / "cd" / "baru" / "kartu-tautan.jpg", site / "kartu-tautan.jpg")
    assert prune_cache(cache, site) == (1, 10)
    assert not (cache / "ab").exists() and (cache / "cd" / "baru" / "kartu-tautan.jpg").is_file()
