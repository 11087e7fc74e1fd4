"""The partner registry (data/mitra.yml), the publication trail (kliping.yml) of a release: their
checks, the release page's "Dimuat ulang oleh", the partner page, hidden releases, the guard."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import DEMO_NOW, make_project, run_warta, site_outputs, write_release
from lxml import html as lxml_html
from test_history import git

from warta.config import load_site_config
from warta.load import load_content

NOW = {"WARTA_NOW": DEMO_NOW}
REL = "rilis/2026/11/jembatan-talang-mulya"  # GOOD's release: 2026-11-16T09:30 WIB
KLIPING = f"content/{REL}/kliping.yml"
MITRA = "data/mitra.yml"
BRIDGE = "rilis/2026/11/bupati-resmikan-jembatan-gantung-talang-mulya/"


def problems(root: Path):
    return load_content(load_site_config(root), clock=_now()).problems


def _now():
    from datetime import datetime

    return datetime.fromisoformat(DEMO_NOW)


def _trail(root: Path, text: str) -> Path:
    path = root / KLIPING
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


# --- The partner registry --------------------------------------------------------------------

BAD_REGISTRY = """\
partners:
  - id: lembah-pos
    name: Lembah Pos
    kind: onlien
    url: ftp://lembahpos.example/
    feed: lembahpos.example/feed/
    verified:
      status: terverifikasi-faktul
      date: 2027-01-01
    contact:
      email: redaksi.lembahpos@gmail.com
      phone: 0812-3456-7890
  - id: lembah-pos
    name: lembah pos
    kind: cetak
    url: https://cetak.example/
    feeds: https://cetak.example/rss
    verified:
      status: terverifikasi-administratif
  - id: Radio Danau
    name: Radio Danau
    kind: radio
    url: https://danaufm.example/
    verified:
      status: belum
      date: 14-03-2025
"""


def test_every_registry_mistake_is_reported_at_once_with_its_line(project):
    (project / MITRA).write_text(BAD_REGISTRY, encoding="utf-8")
    found = {(p.line, p.field): p for p in problems(project) if p.path == MITRA}
    expected = {
        (4, "partners[0].kind"): "jenis media 'onlien' tidak dikenal",
        (5, "partners[0].url"): "alamat situs harus berupa alamat http:// atau https:// lengkap",
        (6, "partners[0].feed"): "alamat umpan harus berupa alamat http:// atau https:// lengkap",
        (8, "partners[0].verified.status"): "status verifikasi 'terverifikasi-faktul' tidak dikenal",
        (9, "partners[0].verified.date"): "tanggal verifikasi di masa depan",
        (11, "partners[0].contact.email"): "ada alamat e-mail pribadi (redaksi.lembahpos@gmail.com)",
        (12, "partners[0].contact.phone"): "ada nomor ponsel pribadi (data pribadi)",
        (13, "partners[1].id"): "id mitra 'lembah-pos' terdaftar dua kali",
        (14, "partners[1].name"): "nama mitra 'lembah pos' terdaftar dua kali",
        (17, "partners[1].feeds"): "kunci tidak dikenal",
        (18, "partners[1].verified.date"): "tanggal verifikasi wajib diisi untuk media terverifikasi",
        (20, "partners[2].id"): "hanya huruf kecil, angka dan tanda hubung (mis. `dinas-kesehatan`)",
        (26, "partners[2].verified.date"): "'14-03-2025' bukan tanggal",
    }
    assert {k: p.message for k, p in found.items()} == expected
    assert found[(4, "partners[0].kind")].hint == "maksud Anda: online? pilihan: `online`, `cetak`, `tv`, `radio`."
    assert found[(8, "partners[0].verified.status")].hint.startswith("maksud Anda: terverifikasi-faktual? ")
    assert found[(17, "partners[1].feeds")].hint.startswith("maksud Anda: feed? ")
    done = run_warta(project, "check", env=NOW)
    assert done.returncode == 1 and f"{MITRA}:4: partners[0].kind: jenis media 'onlien' tidak dikenal" in done.stderr


def test_a_newsroom_contact_on_the_outlets_domain_is_fine_and_no_file_is_no_partner(project):
    (project / MITRA).write_text(textwrap.dedent("""\
        partners:
          - id: kabar-lembah
            name: KabarLembah
            kind: online
            url: https://www.kabarlembah.example/
            contact: {email: redaksi@kabarlembah.example, phone: "(0739) 21555"}
        """), encoding="utf-8")
    write_release(project)
    assert problems(project) == []
    (project / MITRA).unlink()
    assert problems(project) == []
    _trail(project, """
        - partner: kabar-lembah
          url: https://www.kabarlembah.example/a
          date: 2026-11-17
          title: Jembatan Baru Diresmikan
          kind: republikasi
        """)
    (p,) = problems(project)
    assert (p.path, p.line, p.field, p.message) == (KLIPING, 1, "partner", "mitra 'kabar-lembah' tidak dikenal")
    assert p.hint == f"daftarkan medianya dulu di {MITRA}."


# --- The publication trail ---------------------------------------------------------------------

BAD_TRAIL = """
- partner: lembah-post
  url: https://www.lembahpos.example/a
  date: 2026-11-17
  title: Jembatan Talang Mulya Diresmikan
  kind: republikasi
- partner: kabar-lembah
  url: ftp://kabarlembah.example/b
  date: 2026-11-15
  title: Jembatan Diresmikan
  kind: republik
- partner: kabar-lembah
  url: https://WWW.lembahpos.example/a/#komentar
  date: 2026-11-28
  title: Jembatan Diresmikan Lagi
  kind: kutipan
  platform: x
- url: https://www.instagram.com/p/abc/
  date: 2026-11-16T08:00 WIB
  kind: sosial
- url: https://www.instagram.com/p/def/
  date: 2026-11-16
  kind: sosial
  platform: friendster
  titel: Unggahan
- kind: kutipan
  url: https://suaralembahfm.example/c
  date: 2026-11-18
- just a line
"""


def test_every_trail_mistake_is_reported_at_once_with_its_line(project):
    write_release(project)
    _trail(project, BAD_TRAIL)
    found = [(p.line, p.field, p.message) for p in problems(project)]
    assert all(p.path == KLIPING for p in problems(project))
    assert sorted(found, key=lambda f: (f[0], f[1] or "")) == [
        (1, "partner", "mitra 'lembah-post' tidak dikenal"),
        (7, "url", "alamat harus berupa alamat http:// atau https:// lengkap"),
        (8, "date", "tanggal kliping sebelum rilis terbit"),
        (10, "kind", "jenis kliping 'republik' tidak dikenal"),
        (12, "url", "alamat ini sudah dicatat (baris 2)"),
        (13, "date", "tanggal kliping di masa depan"),
        (16, "platform", "`platform` hanya untuk `kind: sosial`"),
        (17, "platform", "wajib diisi untuk `kind: sosial`"),
        (18, "date", "tanggal kliping sebelum rilis terbit"),
        (23, "platform", "platform 'friendster' tidak dikenal"),
        (24, "titel", "kunci tidak dikenal"),
        (25, "partner", "wajib diisi untuk `kind: kutipan`"),
        (25, "title", "wajib diisi untuk `kind: kutipan`"),
        (28, None, "entri kliping harus berupa kumpulan kunci, bukan teks"),
    ]
    hints = {(p.line, p.field): p.hint for p in problems(project)}
    assert hints[(1, "partner")].startswith("maksud Anda: lembah-pos? mitra yang terdaftar: ")
    assert hints[(10, "kind")] == "maksud Anda: republikasi? pilihan: `republikasi`, `kutipan`, `sosial`."
    assert hints[(24, "titel")].startswith("maksud Anda: title? ")
    done = run_warta(project, "check", env=NOW)
    assert done.returncode == 1 and f"{KLIPING}:1: partner: mitra 'lembah-post' tidak dikenal" in done.stderr


@pytest.mark.parametrize(("text", "message"), [
    ("partner: lembah-pos\n", "isi kliping.yml harus berupa daftar, bukan kumpulan kunci"),
    ("- title: Judul: dengan titik dua\n", "YAML tidak valid: titik dua (:) di tempat yang tidak semestinya"),
    ("- url: https://a.example/x\n  date: 2026-11-17\n  kind: kutipan\n  partner: lembah-pos\n"
     "  title: Hubungi 0812 3456 7890\n", "ada nomor ponsel pribadi (data pribadi)"),
    ("- url: https://a.example/x\n  date: 2026-13-01\n  kind: sosial\n  platform: x\n",
     "tanggal '2026-13-01' tidak ada di kalender"),
])
def test_a_broken_trail_file_is_one_clear_problem(project, text, message):
    write_release(project)
    _trail(project, text)
    assert [(p.path, p.message) for p in problems(project)] == [(KLIPING, message)]


def test_a_trail_file_is_allowed_only_beside_a_release_and_by_its_name(project):
    write_release(project)
    (project / f"content/{REL}/kliping.yaml").write_text("[]\n", encoding="utf-8")
    (project / "content/tentang/kliping.yml").write_text("[]\n", encoding="utf-8")
    found = {p.path: p for p in problems(project)}
    assert found[f"content/{REL}/kliping.yaml"].hint.startswith("maksud Anda: kliping.yml? ")
    assert found["content/tentang/kliping.yml"].message == "berkas 'kliping.yml' tidak bisa diterbitkan"
    assert len(found) == 2


def test_the_load_memo_rereads_a_changed_trail_and_a_changed_registry(project):
    write_release(project)
    _trail(project, """
        - partner: lembah-pos
          url: https://www.lembahpos.example/a
          date: 2026-11-17
          title: Jembatan Talang Mulya Diresmikan
          kind: republikasi
        """)
    cfg = load_site_config(project)
    (release,) = load_content(cfg, clock=_now()).releases
    assert [c.partner.name for c in release.clippings] == ["Lembah Pos"]
    assert load_content(cfg, clock=_now()).releases[0].clippings == release.clippings  # from the memo
    registry = project / MITRA
    registry.write_text(registry.read_text().replace("id: lembah-pos", "id: lembah-pos-cetak"))
    assert [p.message for p in load_content(cfg, clock=_now()).problems] == ["mitra 'lembah-pos' tidak dikenal"]
    registry.write_text(registry.read_text().replace("id: lembah-pos-cetak", "id: lembah-pos"))
    _trail(project, "- partner: lembah-pos\n")
    assert {p.message for p in load_content(cfg, clock=_now()).problems} >= {"wajib diisi"}


# --- On the site ---------------------------------------------------------------------------

def test_the_release_page_shows_who_republished_it(demo_site: Path):
    doc = lxml_html.fromstring((demo_site / BRIDGE / "index.html").read_bytes())
    (trail,) = doc.xpath('//section[@class="w-trail"]')
    assert [h.text for h in trail.xpath("h2")] == ["Dimuat ulang oleh", "Dikutip oleh", "Dibagikan di"]
    first = trail.xpath("ul")[0]
    assert [a.text for a in first.xpath(".//a")] == ["KabarLembah.example", "Lembah Pos"]
    assert {a.get("rel") for a in trail.xpath(".//a")} == {"nofollow noopener"}
    assert first.xpath(".//a")[1].get("href") == ("https://www.lembahpos.example/daerah/2026/11/17/"
                                                  "jembatan-talang-mulya-warga-tak-lagi-naik-rakit")
    assert "Instagram, 16 November 2026" in trail.text_content()
    assert "YouTube (Lembah TV), 16 November 2026" in trail.text_content()
    for path, data in site_outputs(demo_site).items():  # only the page itself shows the trail
        if path != f"{BRIDGE}index.html":
            assert b"jembatan-talang-mulya-warga-tak-lagi-naik-rakit" not in data, path
    share = (demo_site / BRIDGE / "share.json").read_text()
    assert "lembahpos.example" not in share and "Dimuat ulang" not in (demo_site / "feed.xml").read_text()


def test_the_partner_page_lists_partners_by_kind_with_their_verification(demo_site: Path):
    doc = lxml_html.fromstring((demo_site / "mitra-media/index.html").read_bytes())
    heading = doc.xpath('//h2[@id="daftar-mitra"]')[0]
    assert heading.text == "Media mitra terdaftar"
    groups = [h.text for h in heading.itersiblings("h3")]
    assert groups == ["Media daring", "Media cetak", "Televisi", "Radio"]
    rows = [" ".join(li.text_content().split()) for li in doc.xpath('//ul[@class="w-partner-list"]/li')]
    assert len(rows) == 12
    assert "Lembah Pos Terverifikasi administratif dan faktual (20 Mei 2024)" in rows
    assert "Info Sungai Baru Belum terverifikasi" in rows
    site = b"".join(site_outputs(demo_site).values())
    assert b"redaksi@lembahpos.example" not in site and b"21555" not in site  # contacts stay in the repository


def test_trail_texts_are_escaped(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root)
    _trail(root, """
        - partner: lembah-pos
          url: "https://www.lembahpos.example/a?x=<b>&y=\\"1\\""
          date: 2026-11-17
          title: "<script>alert(1)</script> Jembatan & <i>Talang</i>"
          kind: republikasi
        """)
    run_warta(root, "build", env=NOW, check=True)
    page = (root / f"site/{REL}/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Jembatan &amp; &lt;i&gt;Talang&lt;/i&gt;" in page
    doc = lxml_html.fromstring(page)
    assert not doc.xpath('//section[@class="w-trail"]//script | //section[@class="w-trail"]//i')
    assert doc.xpath('//section[@class="w-trail"]//a/@href') == ['https://www.lembahpos.example/a?x=<b>&y="1"']


def test_nothing_of_a_hidden_releases_trail_appears_anywhere(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root)
    write_release(root, "rilis/2026/11/rahasia-draf", title="Rilis Draf yang Belum Boleh Tampil", draft=True)
    (root / "content/rilis/2026/11/rahasia-draf/kliping.yml").write_text(
        "- partner: lembah-pos\n  url: https://www.lembahpos.example/bocoran-draf\n  date: 2026-11-18\n"
        "  title: Judul Bocoran Draf\n  kind: republikasi\n", encoding="utf-8")
    run_warta(root, "build", env=NOW, check=True)
    for path, data in site_outputs(root / "site").items():
        assert b"bocoran-draf" not in data and b"Judul Bocoran Draf" not in data, path
    (root / "content/rilis/2026/11/rahasia-draf/kliping.yml").write_text("- kind: republikasi\n")
    done = run_warta(root, "check", env=NOW)  # validated all the same
    assert done.returncode == 1 and "rahasia-draf/kliping.yml:1: url: wajib diisi" in done.stderr


# --- The guard ---------------------------------------------------------------------------------

def test_the_guard_lets_a_trail_change_through_but_not_a_text_change(tmp_path):
    root = make_project(tmp_path / "proj")
    git(root, "init", "-q", "-b", "main")
    write_release(root, REL)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rilis jembatan")
    git(root, "branch", "dasar")
    _trail(root, """
        - partner: lembah-pos
          url: https://www.lembahpos.example/a
          date: 2026-11-17
          title: Jembatan Talang Mulya Diresmikan
          kind: republikasi
        """)
    env = {"WARTA_NOW": "2026-11-24T12:00:00+07:00"}
    done = run_warta(root, "guard", "--base", "dasar", env=env)
    assert done.returncode == 0, done.stderr
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Kliping")
    git(root, "branch", "-f", "dasar")
    (root / KLIPING).write_text((root / KLIPING).read_text() + "- url: https://www.facebook.com/x/1\n"
                                "  date: 2026-11-18\n  kind: sosial\n  platform: facebook\n")
    assert run_warta(root, "guard", "--base", "dasar", env=env).returncode == 0  # edited: free too
    summary = run_warta(root, "summary", "--base", "dasar", env=env)
    assert summary.returncode == 0 and "jembatan-talang-mulya" not in summary.stdout
    write_release(root, REL, body="Isi yang diubah diam-diam bersama kliping.\n")
    done = run_warta(root, "guard", "--base", "dasar", env=env)
    assert done.returncode == 1
    assert f"content/{REL}/index.md: rilis yang sudah terbit diubah tanpa catatan perubahan" in done.stderr
    assert "kliping.yml" not in done.stderr
