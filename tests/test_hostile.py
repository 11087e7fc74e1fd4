"""Hostile input: what a careless or hostile pull request can put into content/ and data/.

Each case is either refused by `check` (by file name, in Indonesian) or provably reaches no
output: every file of the built site is searched, Pagefind's compressed index and the
sitemaps included, and no file of the site has the bytes of a file in content/.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from conftest import GOOD, make_project, photo, run_warta, serving, site_outputs, write_release
from lxml import etree
from lxml import html as lxml_html

from warta.config import load_site_config
from warta.load import load_content

pytestmark = pytest.mark.slow

NOW = {"WARTA_NOW": "2026-11-23T12:00:00+07:00"}
BUNDLE = "rilis/2026/11/jembatan-talang-mulya"
HERO = {"src": "foto.jpg", "alt": "Warga melintasi jembatan", "credit": "Diskominfo"}


def _bundle(root: Path, rel: str = BUNDLE) -> Path:
    return root / "content" / rel


def _plant(root: Path) -> dict[str, str]:
    """Put every hostile file into a project with one valid release; return the path each
    problem must name, with (part of) its message."""
    write_release(root, image=HERO)
    b = _bundle(root)
    photo(b / "foto.jpg")
    expect: dict[str, str] = {}

    def add(rel: str, message: str) -> None:
        expect[f"content/{rel}"] = message

    (b / "skrip.html").write_text("<script>alert(document.domain)</script>")
    add(f"{BUNDLE}/skrip.html", "berkas 'skrip.html' tidak bisa diterbitkan")
    os.symlink("/etc/hostname", b / "nama-mesin.txt")
    add(f"{BUNDLE}/nama-mesin.txt", "tautan simbolik (symlink) tidak diizinkan")
    os.symlink("/proc/self/environ", b / "lingkungan.jpg")
    add(f"{BUNDLE}/lingkungan.jpg", "tautan simbolik (symlink) tidak diizinkan")
    photo(b / "foto-lain.jpg", size=(800, 600))
    add(f"{BUNDLE}/foto-lain.jpg", f"foto 'foto-lain.jpg' tidak dipakai oleh {BUNDLE}/index.md")
    write_release(root, f"{BUNDLE}/anak", title="Rilis di dalam rilis lain, bersarang")
    add(f"{BUNDLE}/anak/index.md", "sub-folder di dalam folder rilis tidak diizinkan")
    (b / "lampiran.md").write_text("# Lampiran\n")
    add(f"{BUNDLE}/lampiran.md", "berkas 'lampiran.md' tidak bisa diterbitkan")
    (b / ".htaccess").write_text("Options +Indexes\n")
    add(f"{BUNDLE}/.htaccess", "berkas tersembunyi '.htaccess' tidak diterbitkan")
    # A draft bundle's sub-folder, and a bundle-shaped folder without index.md.
    write_release(root, "rilis/2026/11/draf-rahasia", title="Draf yang tidak boleh bocor", draft=True)
    photo(_bundle(root, "rilis/2026/11/draf-rahasia") / "arsip" / "foto.jpg")
    add("rilis/2026/11/draf-rahasia/arsip/foto.jpg", "sub-folder di dalam folder rilis tidak diizinkan")
    (root / "content/catatan.markdown").write_text("# Catatan\n")
    add("catatan.markdown", "berkas di akar folder konten tidak diterbitkan")
    (root / "content/tentang/lampiran.pdf").write_bytes(b"%PDF-1.4 rahasia")
    add("tentang/lampiran.pdf", "berkas 'lampiran.pdf' tidak bisa diterbitkan")
    (root / "content/tentang/profil.md").write_text("# Profil\n")
    add("tentang/profil.md", "berkas 'profil.md' tidak bisa diterbitkan")
    (root / "content/kategori").mkdir()
    (root / "content/kategori/index.md").write_text("---\ntitle: Kategori palsu\n---\n\nTeks.\n")
    add("kategori/index.md", "folder 'kategori/' dipakai oleh halaman buatan Warta")
    (root / "content/profil").mkdir()
    (root / "content/profil/index.md").write_text("---\ntitle: Profil\n---\n\n<script>alert(1)</script>\n")
    add("profil/index.md", "tag HTML <script> tidak diizinkan")
    (root / "content/data-warga").mkdir()
    (root / "content/data-warga/index.md").write_text(
        "---\ntitle: Data warga\n---\n\nNIK pemohon 1671 0157 0890 0001.\n")
    add("data-warga/index.md", "mirip NIK")
    os.symlink("/etc", root / "content/rilis/2026/11/tautan-folder")
    add("rilis/2026/11/tautan-folder", "tautan simbolik (symlink) tidak diizinkan")
    (root / "content/vendor").mkdir()
    (root / "content/vendor/.git").write_text("gitdir: ../../.git/modules/vendor\n")
    add("vendor/.git", "submodul git tidak diizinkan di folder konten")
    os.mkfifo(root / "content/tentang/pipa")
    add("tentang/pipa", "bukan berkas biasa")
    write_release(root, "rilis/2026/11/foto-di-luar", title="Foto utama dari luar folder rilis",
                  image={**HERO, "src": "../../../../../etc/hostname"})
    add("rilis/2026/11/foto-di-luar/index.md", "foto '../../../../../etc/hostname' berada di luar folder rilis")
    sub = write_release(root, "rilis/2026/11/foto-di-sub-folder", title="Foto di dalam sub-folder rilis",
                        body="Isi.\n\n![Foto](gambar/foto.jpg)\n")
    photo(sub.parent / "gambar" / "foto.jpg")
    add("rilis/2026/11/foto-di-sub-folder/index.md", "gambar `gambar/foto.jpg` harus berada langsung di folder rilis")
    add("rilis/2026/11/foto-di-sub-folder/gambar/foto.jpg", "sub-folder di dalam folder rilis tidak diizinkan")
    write_release(root, "rilis/2026/11/foto-hilang", title="Foto di isi yang tidak ada di folder",
                  body="Isi.\n\n![Foto](tidak-ada.jpg)\n")
    add("rilis/2026/11/foto-hilang/index.md", "berkas foto 'tidak-ada.jpg' tidak ditemukan")
    os.symlink("/etc/passwd", root / "data" / "tambahan.yml")
    expect["data/tambahan.yml"] = "tautan simbolik (symlink) tidak diizinkan"
    os.symlink("/etc/passwd", root / "theme" / "assets" / "sandi.css")
    expect["theme/assets/sandi.css"] = "tautan simbolik (symlink) tidak diizinkan"
    return expect


def test_every_hostile_file_is_refused_by_name_and_nothing_is_built(tmp_path):
    root = make_project(tmp_path / "proj")
    expect = _plant(root)
    found = load_content(load_site_config(root)).problems
    by_path: dict[str, list[str]] = {}
    for p in found:
        by_path.setdefault(p.path, []).append(p.message)
        assert p.hint, p  # every problem says what to do
    for path, message in expect.items():
        assert any(message in m for m in by_path.get(path, [])), (path, message, by_path.get(path))
    done = run_warta(root, "check", env=NOW)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for path in expect:
        assert path in done.stderr, path
    done = run_warta(root, "build", env=NOW)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not (root / "site").exists()


def test_a_symlinked_content_folder_or_hero_photo_is_never_followed(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, image={**HERO, "src": "rahasia.jpg"})
    os.symlink("/proc/self/environ", _bundle(root) / "rahasia.jpg")
    messages = {(p.path, p.message) for p in load_content(load_site_config(root)).problems}
    assert (f"content/{BUNDLE}/rahasia.jpg", "tautan simbolik (symlink) tidak diizinkan") in messages
    assert (f"content/{BUNDLE}/index.md", "berkas foto 'rahasia.jpg' tidak ditemukan") in messages
    other = make_project(tmp_path / "lain")
    os.rename(other / "content", other / "konten-asli")
    os.symlink(other / "konten-asli", other / "content")
    (p,) = load_content(load_site_config(other)).problems
    assert (p.path, p.message) == ("content", "tautan simbolik (symlink) tidak diizinkan")


def _demo_like(root: Path) -> None:
    """A valid project with photos in the hero and the body, a page with a photo, a draft
    and an embargoed release with photos of their own."""
    write_release(root, image=HERO, body="Warga antre.\n\n![Antrean warga](antrean.png)\n")
    photo(_bundle(root) / "foto.jpg")
    photo(_bundle(root) / "antrean.png", size=(900, 600), exif=False)
    photo(root / "content/tentang/kantor.jpg", size=(1000, 700))
    (root / "content/tentang/index.md").write_text("---\ntitle: Tentang\n---\n\n![Kantor](kantor.jpg)\n")
    for rel, extra in (("rilis/2026/11/draf-sembunyi", {"draft": True}),
                       ("rilis/2036/08/embargo-sembunyi", {"date": "2036-08-17T08:00:00+07:00"})):
        write_release(root, rel, title=f"Rilis {rel[-15:]} tidak boleh bocor", image=HERO, **extra)
        photo(_bundle(root, rel) / "foto.jpg", color=(200, 30, 30))


def test_no_site_file_has_the_bytes_of_a_content_file(tmp_path):
    """Publish by allowlist: nothing is copied; the site holds only what Warta rendered or
    re-encoded (pages, renditions, cards, feeds …)."""
    root = make_project(tmp_path / "proj")
    _demo_like(root)
    run_warta(root, "build", env=NOW, check=True)
    sources = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in (root / "content").rglob("*")
               if p.is_file()}
    for path in (root / "site").rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in sources, path
    published = {re.sub(r"\.[0-9a-f]{10}\.", ".", p.name) for p in (root / "site" / BUNDLE).iterdir()}
    assert published == {"index.html", "share.json", "kartu-tautan.jpg", "kartu-instagram.jpg",
                         "foto-400.webp", "foto-800.webp", "foto-1200.webp", "foto-800.jpg",
                         "antrean-400.webp", "antrean-800.webp", "antrean-900.webp", "antrean-800.jpg"}
    outputs = site_outputs(root / "site")
    for needle in (b"draf-sembunyi", b"embargo-sembunyi", b"tidak boleh bocor"):
        assert not [p for p, data in outputs.items() if needle in data], needle


# --- Hidden stays hidden, including its name ---------------------------------------------

EMBARGO = "rilis/2036/08/upacara-hut-ri"


def _with_link(root: Path, link: str, **fields) -> None:
    write_release(root, EMBARGO, title="Upacara HUT RI di Alun-Alun Sarimulya",
                  date="2036-08-17T08:00:00+07:00")
    write_release(root, body=f"Warga bersiap.\n\nLihat juga {link}.\n", **fields)


@pytest.mark.parametrize("link", [
    "[upacara](../../../2036/08/upacara-hut-ri/index.md)",
    "[upacara](/rilis/2036/08/upacara-hut-ri/)",
    "<https://mediacenter.lembahsari.go.id/rilis/2036/08/upacara-hut-ri/>",
    '<a href="../../../2036/08/upacara-hut-ri/">upacara</a>',
])
def test_a_public_release_may_not_link_to_an_embargoed_one(tmp_path, link):
    root = make_project(tmp_path / "proj")
    _with_link(root, link)
    done = run_warta(root, "check", env=NOW)
    assert done.returncode == 1
    assert (f"content/{BUNDLE}/index.md:11: tautan ke rilis yang belum terbit: /{EMBARGO}/ "
            "(terbit Minggu, 17 Agustus 2036 08.00 WIB)") in done.stderr
    # The build does not fail for it (the clock may have moved since the check) and leaks
    # nothing: the link keeps its text, the slug is nowhere.
    done = run_warta(root, "build", env=NOW, check=True)
    assert "menautkan rilis yang belum terbit" in done.stderr
    for path, data in site_outputs(root / "site").items():
        assert b"upacara-hut-ri" not in data, path
    # The reviewer's preview shows both, and the link works there.
    run_warta(root, "build", env={**NOW, "WARTA_PREVIEW": "1"}, check=True)
    page = (root / "site" / BUNDLE / "index.html").read_text()
    assert "2036/08/upacara-hut-ri/" in page


def test_links_that_will_be_live_in_time_are_fine(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, EMBARGO, title="Upacara HUT RI di Alun-Alun Sarimulya",
                  date="2036-08-17T08:00:00+07:00")
    write_release(root, "rilis/2036/08/laporan-upacara", title="Laporan Upacara HUT RI Sarimulya",
                  date="2036-08-17T10:00:00+07:00", body="Lihat [upacara](../upacara-hut-ri/).\n")
    assert run_warta(root, "check", env=NOW).returncode == 0
    write_release(root, "rilis/2036/08/laporan-upacara", title="Laporan Upacara HUT RI Sarimulya",
                  date="2036-08-17T07:00:00+07:00", body="Lihat [upacara](../upacara-hut-ri/).\n")
    done = run_warta(root, "check", env=NOW)
    assert done.returncode == 1 and "tautan ke rilis yang belum terbit" in done.stderr


def test_a_link_to_a_draft_is_refused_too(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, "rilis/2026/11/rencana-rahasia", title="Rencana yang masih draf sekali", draft=True)
    write_release(root, social={"x": "Baca juga https://mediacenter.lembahsari.go.id/rilis/2026/11/rencana-rahasia/"})
    done = run_warta(root, "check", env=NOW)
    assert "tautan ke rilis yang masih draf: /rilis/2026/11/rencana-rahasia/" in done.stderr
    run_warta(root, "build", env=NOW, check=True)
    for path, data in site_outputs(root / "site").items():
        assert b"rencana-rahasia" not in data, path


# --- Every text field is data ---------------------------------------------------------

P = "window.__xss"
PAYLOADS = {
    "title": f'Bupati "><svg onload={P}=1> Resmikan </script><script>{P}=2</script>',
    "summary": (f'Ringkasan " onfocus="{P}=3" autofocus=" dan \' onmouseover=\'{P}=4\' serta ]]> '
                "&amp; {{ 7*7 }} ${7*7} untuk warga."),
    "tags": [f'x"><svg onload={P}=5>', f"</title><script>{P}=6</script>", "<!--<script>"],
    "image": {"src": "foto.jpg", "alt": f'Foto "><img src=x onerror={P}=7>',
              "caption": f"<!--<script> </figcaption><script>{P}=8</script>",
              "credit": f"Kominfo </span><script>{P}=9</script>"},
    "location": f'Sarimulya"><script>{P}=10</script>',
    "contact": {"name": f'Humas "><script>{P}=11</script>', "role": f"Kepala ' onclick='{P}=12",
                "phone": f'(0732) 21234"><script>{P}=13</script>',
                "email": f'humas@lembahsari.go.id"><script>{P}=14</script>'},
    "updates": [{"date": "2026-11-20T10:00:00+07:00", "note": f'Koreksi "><script>{P}=15</script> judul'}],
    "social": {"x": f"Bupati </script><script>{P}=16</script>", "hashtags": [f'"><svg/onload={P}=17>']},
}
BODY = (f"Teks &lt;script&gt;{P}=18&lt;/script&gt; dan &lt;svg onload={P}=19&gt; di isi.\n\n"
        f"Kode `<img src=x onerror={P}=20>` juga teks.\n")


def _payload_project(root: Path) -> None:
    registries = root / "data/registries.yml"
    registries.write_text(registries.read_text().replace(
        "name: Pembangunan", f"name: 'Pembangunan \"><script>{P}=21</script>'"))
    write_release(root, body=BODY, **PAYLOADS)
    photo(_bundle(root) / "foto.jpg")
    write_release(root, "rilis/2026/11/klarifikasi-muatan", title=f'Klarifikasi "><script>{P}=22</script>',
                  type="klarifikasi", category="cek-fakta",
                  claim={"text": f'Klaim "><script>{P}=23</script> beredar', "source": f"Grup <b onmouseover={P}=24>WA</b>",
                         "verdict": "hoaks"},
                  withdrawn={"date": "2026-11-21T10:00:00+07:00", "reason": f'Ditarik "><script>{P}=25</script> karena salah'})


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("muatan") / "proj")
    _payload_project(root)
    run_warta(root, "build", env=NOW, check=True)
    return root / "site"


def _our_scripts(doc) -> list[str]:
    return [s.text or "" for s in doc.iter("script") if s.get("type") != "application/ld+json"]


def test_no_payload_becomes_markup_anywhere(payload_site: Path):
    pages = sorted(payload_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        doc = lxml_html.fromstring(page.read_bytes())
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            assert not [a for a in el.attrib if a.lower().startswith("on") or a == "autofocus"], (page, el.tag)
            assert el.tag not in {"x", "iframe", "object", "embed"}, (page, el.tag)
            if el.tag == "svg":
                assert el.getparent().tag == "a" and "w-search-link" in el.getparent().get("class", ""), page
        for code in _our_scripts(doc):
            assert P not in code, page
        for block in doc.xpath('//script[@type="application/ld+json"]'):
            json.loads(block.text)  # still valid JSON, the payloads inside as data
        text = page.read_text(encoding="utf-8")
        assert "<script>window" not in text and "<svg onload" not in text, page


def test_payloads_are_kept_as_text_in_every_output(payload_site: Path):
    page = lxml_html.fromstring((payload_site / BUNDLE / "index.html").read_bytes())
    assert page.xpath("string(//h1)") == PAYLOADS["title"]
    assert page.xpath('string(//meta[@name="description"]/@content)') == PAYLOADS["summary"]
    assert page.xpath('string(//meta[@property="og:title"]/@content)') == PAYLOADS["title"]
    ld = [json.loads(s.text) for s in page.xpath('//script[@type="application/ld+json"]')]
    assert ld[0]["headline"] == PAYLOADS["title"]
    rss = etree.fromstring((payload_site / "feed.xml").read_bytes())
    titles = rss.xpath("//item/title/text()")
    assert PAYLOADS["title"] in titles
    atom = etree.fromstring((payload_site / "atom.xml").read_bytes())
    assert PAYLOADS["title"] in atom.xpath("//*[local-name()='entry']/*[local-name()='title']/text()")
    feed = json.loads((payload_site / "feed.json").read_text())
    assert PAYLOADS["title"] in [item["title"] for item in feed["items"]]
    kit = json.loads((payload_site / BUNDLE / "share.json").read_text())
    assert kit["title"] == PAYLOADS["title"]
    for xml in ("sitemap.xml", "sitemap-berita.xml", "feeds.opml"):
        etree.fromstring((payload_site / xml).read_bytes())
    tag = next((payload_site / "tag").iterdir())
    doc = lxml_html.fromstring((tag / "index.html").read_bytes())
    assert doc.xpath('string(//meta[@name="description"]/@content)').startswith("Rilis bertanda ")


@pytest.mark.browser
def test_no_payload_runs_in_chromium(payload_site: Path, browser):
    targets = ["", f"{BUNDLE}/", "rilis/2026/11/klarifikasi-muatan/", "kategori/pembangunan/",
               "arsip/2026/11/", "mitra-media/", "laporan/2026/11/", "laporan/2026/"]
    targets += [f"tag/{t.name}/" for t in (payload_site / "tag").iterdir()]
    with serving(payload_site) as url:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for target in targets:
            page.goto(url + target, wait_until="load")
            assert page.evaluate(f"typeof {P}") == "undefined", target
        page.goto(url + "cari/?q=script", wait_until="load")
        page.wait_for_function("document.getElementById('status').textContent.includes('untuk')",
                               timeout=15000)
        page.wait_for_timeout(300)
        assert page.evaluate(f"typeof {P}") == "undefined"
        assert page.locator("#results li").count() >= 1  # the payload text was found, as text
        assert dialogs == []
        context.close()


# --- Personal data in every published field ----------------------------------------------

NIK = "1671 0157 0890 0001"


@pytest.mark.parametrize("fields, where", [
    ({"title": f"Warga NIK {NIK} terima bantuan"}, "title"),
    ({"tags": ["bansos", f"nik {NIK}"]}, "tags[1]"),
    ({"image": {**HERO, "caption": f"Pemohon dengan NIK {NIK}."}}, "image.caption"),
    ({"image": {**HERO, "alt": "Pemohon menunjukkan KTP 1671015708900001."}}, "image.alt"),
    ({"location": "Sarimulya 0812-3456-7890"}, "location"),
    ({"contact": {"name": "Budi", "role": "Humas", "phone": "+62 812-3456-7890"}}, "contact.phone"),
    ({"updates": [{"date": "2026-11-20T10:00:00+07:00", "note": f"Menghapus NIK {NIK} dari teks."}]},
     "updates[0].note"),
    ({"social": {"whatsapp": "Hubungi (0812) 3456 7890 untuk info."}}, "social.whatsapp"),
])
def test_personal_data_is_found_in_every_field(project, fields, where):
    write_release(project, **fields)
    if "image" in fields:
        photo(_bundle(project) / "foto.jpg")
    found = [p for p in load_content(load_site_config(project), clock=_clock()).problems]
    assert [(p.field, "(data pribadi)" in p.message) for p in found] == [(where, True)], found
    assert found[0].line is not None


def test_personal_data_on_other_pages(project):
    (project / "content/tentang/index.md").write_text(
        "---\ntitle: Tentang\ndescription: Hubungi 081234567890\n---\n\nNIK 1671015708900001.\n")
    found = sorted((p.field, p.line) for p in load_content(load_site_config(project)).problems)
    assert found == [("description", 3), ("isi", 6)]


# --- Pages outside rilis/ follow the hide-until-public rule -------------------------------

def test_draft_and_embargoed_pages_stay_out_of_every_output(tmp_path):
    root = make_project(tmp_path / "proj")
    for slug, extra in (("pengumuman-rahasia", "draft: true\n"), ("jadwal-kunjungan", "date: 2036-01-01T08:00:00+07:00\n")):
        (root / "content" / slug).mkdir()
        (root / "content" / slug / "index.md").write_text(
            f"---\ntitle: Halaman {slug}\n{extra}---\n\nTeks {slug} yang belum boleh terbit.\n")
    write_release(root)
    run_warta(root, "build", env=NOW, check=True)
    for path, data in site_outputs(root / "site").items():
        for needle in (b"pengumuman-rahasia", b"jadwal-kunjungan", b"belum boleh terbit"):
            assert needle not in data, (path, needle)
    run_warta(root, "build", env={"WARTA_NOW": "2036-01-02T00:00:00+07:00"}, check=True)
    assert (root / "site/jadwal-kunjungan/index.html").is_file()
    assert not (root / "site/pengumuman-rahasia").exists()


# --- Dates of change notes are never ahead of the clock -----------------------------------

def _clock():
    from datetime import datetime

    return datetime.fromisoformat(NOW["WARTA_NOW"])


def test_change_notes_and_withdrawals_dated_in_the_future_are_refused(project):
    write_release(project, updates=[{"date": "2026-11-30T10:00:00+07:00", "note": "Memperbaiki jumlah warga."}],
                  withdrawn={"date": "2026-12-01T10:00:00+07:00", "reason": "Rilis ganda, lihat rilis lain."})
    found = {p.field: p.message for p in load_content(load_site_config(project), clock=_clock()).problems}
    assert found == {"updates[0].date": "catatan perubahan bertanggal di masa depan",
                     "withdrawn.date": "tanggal penarikan di masa depan"}
    assert run_warta(project, "build", env=NOW).returncode == 1


def test_good_release_is_untouched_by_these_rules(project):
    write_release(project, **{k: v for k, v in GOOD.items()})
    assert load_content(load_site_config(project), clock=_clock()).problems == []


def test_hostile_check_output_is_one_line_per_problem_without_traceback(tmp_path):
    root = make_project(tmp_path / "proj")
    _plant(root)
    done = run_warta(root, "check", "--format", "github", env=NOW)
    lines = [line for line in done.stdout.splitlines() if line]
    assert done.returncode == 1 and lines and all(line.startswith("::error file=") for line in lines)
    assert not re.search(r"Traceback|Error:", done.stderr)


def test_a_remote_hero_photo_is_refused_not_dropped(project):
    write_release(project, image={**HERO, "src": "https://cdn.contoh.net/foto.jpg"})
    found = load_content(load_site_config(project)).problems
    assert [(p.field, p.message) for p in found] == [("image.src", "gambar dari situs lain (https://cdn.contoh.net/foto.jpg)")]


def test_a_photo_name_with_spaces_is_published_as_renditions(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, body="Warga antre.\n\n![Antrean](foto%20posko%201.jpg)\n")
    photo(_bundle(root) / "foto posko 1.jpg", size=(900, 600))
    run_warta(root, "build", env=NOW, check=True)
    html = (root / "site" / BUNDLE / "index.html").read_text()
    (name,) = re.findall(r'src="(foto-posko-1-800\.[0-9a-f]{10}\.jpg)"', html)
    assert (root / "site" / BUNDLE / name).is_file() and re.search(r'srcset="foto-posko-1-400\.\w+\.webp 400w', html)


def test_invisible_characters_written_as_yaml_escapes_are_refused(project):
    write_release(project, text="---\n" + "\n".join(f"{k}: {v}" for k, v in GOOD.items() if k != "title")
                  + '\ntitle: "Banjir \\u202e di Sungai Baru Mulai Surut"\n---\n\nIsi.\n')
    (p,) = load_content(load_site_config(project)).problems
    assert (p.field, p.line, p.message) == ("title", 6, "karakter tak terlihat U+202E (RIGHT-TO-LEFT OVERRIDE)")
