"""Every content rule and every bad input: a clear Indonesian error naming file, line, field."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOOD, photo, run_warta, write_release

from warta.config import load_site_config
from warta.load import load_content

REL = "content/rilis/2026/11/jembatan-talang-mulya/index.md"


def problems(root: Path):
    return load_content(load_site_config(root)).problems


def only(root: Path):
    found = problems(root)
    assert len(found) == 1, [p.format_text() for p in found]
    return found[0]


def test_valid_release_loads(project):
    write_release(project)
    content = load_content(load_site_config(project))
    assert content.problems == []
    (r,) = content.releases
    assert r.url == "rilis/2026/11/jembatan-talang-mulya/"
    assert r.category.name == "Pembangunan" and r.unit.slug == "dpupr"
    assert r.date.isoformat() == "2026-11-16T09:30:00+07:00"


def test_missing_required_key_names_field_and_hint(project):
    write_release(project, summary=None)
    p = only(project)
    assert (p.path, p.field, p.message) == (REL, "summary", "wajib diisi")
    assert "50–200 karakter" in p.hint


def test_all_errors_reported_at_once(project):
    write_release(project, summary=None, title=["a", "b"], category="kesehtan", tags="satu")
    found = {p.field: p for p in problems(project)}
    assert set(found) == {"summary", "title", "tags", "category"}
    assert found["title"].message == "harus berupa teks, bukan daftar"
    assert found["tags"].message == "harus berupa daftar, bukan teks"


def test_wrong_types_have_lines(project):
    write_release(project, text="---\ntitle:\n  - satu\n  - dua\ndate: 2026-11-16T09:30:00+07:00\n"
                  f"summary: {GOOD['summary']}\ncategory: pembangunan\nunit: dpupr\ntags: satu, dua\n---\n\nIsi.\n")
    found = {p.field: p for p in problems(project)}
    assert found["title"].line == 2
    assert found["tags"].line == 9 and found["tags"].message == "harus berupa daftar, bukan teks"
    assert "tags: [imunisasi, posyandu]" in found["tags"].hint


def test_empty_file(project):
    write_release(project, text="")
    p = only(project)
    assert (p.path, p.line, p.message) == (REL, 1, "berkas kosong")


def test_front_matter_never_closed(project):
    write_release(project, text="---\ntitle: Judul yang cukup panjang\ndate: 2026-11-16\n\nIsi rilis.\n")
    p = only(project)
    assert p.message == "front matter tidak pernah ditutup" and "`---`" in p.hint


def test_invalid_yaml_names_line(project):
    write_release(project, text="---\ntitle: Bupati: Jembatan Baru Diresmikan Hari Ini\ndate: x\n---\nIsi\n")
    p = only(project)
    assert p.line == 2 and p.message.startswith("YAML front matter tidak valid: titik dua")


@pytest.mark.parametrize("value, message", [
    ("22-11-2026", "'22-11-2026' bukan tanggal ISO 8601"),
    ("2026-02-30", "tanggal '2026-02-30' tidak ada di kalender"),
    ("2026-11-31T09:00:00+07:00", "tanggal '2026-11-31T09:00:00+07:00' tidak ada di kalender"),
])
def test_bad_dates(project, value, message):
    write_release(project, date=value)
    p = only(project)
    assert (p.field, p.message) == ("date", message) and p.line == 3


def test_date_without_offset_uses_site_zone_not_utc(project):
    write_release(project, date="2026-11-16 09:30")
    (r,) = load_content(load_site_config(project)).releases
    assert r.date.isoformat() == "2026-11-16T09:30:00+07:00"


def test_unknown_category_and_unit_suggest(project):
    write_release(project, category="kesehtan", unit="dinkess")
    found = {p.field: p for p in problems(project)}
    assert found["category"].message == "kategori 'kesehtan' tidak dikenal"
    assert found["category"].hint.startswith("maksud Anda: kesehatan?")
    assert found["unit"].hint.startswith("maksud Anda: dinkes?")
    assert found["unit"].line == 6


def test_category_by_name_is_accepted(project):
    write_release(project, category="Ekonomi dan UMKM")
    (r,) = load_content(load_site_config(project)).releases
    assert r.category.slug == "ekonomi"


def test_image_missing_file(project):
    write_release(project, image={"src": "foto.jpg", "alt": "Warga di jembatan", "credit": "Diskominfo"})
    p = only(project)
    assert (p.field, p.message) == ("image.src", "berkas foto 'foto.jpg' tidak ditemukan")


def test_image_without_alt_and_credit(project):
    path = write_release(project, image={"src": "foto.jpg"})
    photo(path.parent / "foto.jpg")
    found = {p.field: p for p in problems(project)}
    assert found["image.alt"].message == "wajib diisi" and found["image.credit"].message == "wajib diisi"
    assert "tunanetra" in found["image.alt"].hint


def test_summary_too_long_says_by_how_much(project):
    write_release(project, summary="a" * 243)
    p = only(project)
    assert p.message == "terlalu panjang (243 karakter; maksimal 200, kelebihan 43)"


def test_title_too_short(project):
    write_release(project, title="Rapat")
    assert only(project).message == "terlalu pendek (5 karakter; minimal 10)"


def test_same_url_twice(project):
    write_release(project)
    (project / "content/rilis/2026/11/jembatan-talang-mulya.md").write_text("---\ntitle: x\n---\n")
    found = problems(project)
    assert any(p.message.startswith("alamat /rilis/2026/11/jembatan-talang-mulya/ dipakai juga oleh")
               for p in found)
    assert {p.path for p in found} >= {REL}


def test_file_outside_bundle_layout(project):
    path = project / "content/rilis/2026/berita-lepas.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: x\n---\n")
    p = only(project)
    assert p.path == "content/rilis/2026/berita-lepas.md"
    assert p.message == "berkas berada di luar tata letak bundel rilis"


def test_folder_must_match_date(project):
    write_release(project, date="2026-10-16T09:30:00+07:00")
    p = only(project)
    assert p.message == "tanggal 2026-10 tidak cocok dengan folder 2026/11"
    assert "content/rilis/2026/10/jembatan-talang-mulya/index.md" in p.hint


def test_not_utf8(project):
    path = write_release(project)
    path.write_bytes(path.read_bytes().replace(b"Warga", b"W\xe9rga"))
    p = only(project)
    assert p.message.startswith("berkas bukan teks UTF-8") and p.line == 9


def test_huge_photo_is_refused(project):
    path = write_release(project, image={"src": "besar.jpg", "alt": "Foto besar", "credit": "Kominfo"})
    big = path.parent / "besar.jpg"
    photo(big, size=(400, 300))
    with open(big, "ab") as fh:  # a valid JPEG padded to 20 MB
        fh.write(b"\0" * (20 * 1024 * 1024))
    p = only(project)
    assert p.message == "foto terlalu besar (20,0 MB; maksimal 10 MB)"


def test_image_path_escaping_bundle(project):
    photo(project / "content" / "rilis" / "2026" / "rahasia.jpg")
    write_release(project, image={"src": "../../rahasia.jpg", "alt": "Rahasia", "credit": "Kominfo"})
    found = {p.path: p for p in problems(project)}
    assert found[REL].message == "foto '../../rahasia.jpg' berada di luar folder rilis"
    stray = found["content/rilis/2026/rahasia.jpg"]  # and the photo itself is never published
    assert stray.message == "berkas berada di luar folder rilis mana pun"


def test_klarifikasi_needs_claim(project):
    write_release(project, type="klarifikasi", category="cek-fakta")
    p = only(project)
    assert (p.field, p.message) == ("claim", "rilis klarifikasi wajib punya `claim`")


def test_claim_needs_verdict_from_list(project):
    write_release(project, type="klarifikasi", claim={"text": "Jembatan itu ambruk kemarin.",
                                                      "source": "Pesan berantai", "verdict": "palsu"})
    p = only(project)
    assert p.field == "claim.verdict" and p.message.startswith("nilai 'palsu' tidak dikenal")


def test_unknown_key_suggests_spelling(project):
    write_release(project, sumary="x")
    p = only(project)
    assert p.field == "sumary" and p.hint.startswith("maksud Anda: summary?")


@pytest.mark.parametrize("html, message", [
    ("<script>alert(1)</script>", "tag HTML <script> tidak diizinkan"),
    ('<img src="a.jpg" onerror="alert(1)">', "atribut `onerror` pada <img> tidak diizinkan"),
    ('<iframe src="https://contoh.net/video"></iframe>', "tag HTML <iframe> tidak diizinkan"),
    ('<a href="javascript:alert(1)">x</a>', "alamat `javascript:alert(1)` pada <a> tidak diizinkan"),
])
def test_dangerous_html_is_a_check_error(project, html, message):
    path = write_release(project, body=f"Paragraf pertama.\n\n{html}\n")
    if "<img" in html:
        photo(path.parent / "a.jpg")  # so the case is about its attribute only
    p = only(project)
    assert (p.field, p.message, p.line) == ("isi", message, 11)


def test_html_in_code_is_text(project):
    write_release(project, body="Contoh kode: `<script>`\n\n```\n<script>x</script>\n```\n")
    assert problems(project) == []


@pytest.mark.parametrize("text, message", [
    ("NIK pelapor 1701234567890123 sudah diverifikasi.", "ada angka 16 digit yang mirip NIK (data pribadi)"),
    ("Hubungi Pak Budi di 0812-3456-7890.", "ada nomor ponsel pribadi (data pribadi)"),
    ("Kirim ke budi.santoso@gmail.com segera.", "ada alamat e-mail pribadi (budi.santoso@gmail.com)"),
])
def test_personal_data_is_flagged(project, text, message):
    write_release(project, body=f"{text}\n")
    assert only(project).message == message


def test_official_contacts_are_fine(project):
    write_release(project, body="Telepon (0739) 21045 atau humas@lembahsari.go.id.\n")
    assert problems(project) == []


def test_updates_must_follow_release_and_each_other(project):
    write_release(project, updates=[
        {"date": "2026-11-15T10:00:00+07:00", "note": "Catatan sebelum terbit itu keliru."},
        {"date": "2026-11-18T10:00:00+07:00", "note": "Memperbaiki panjang jembatan."},
        {"date": "2026-11-18T10:00:00+07:00", "note": "Memperbaiki nama desa."},
    ])
    messages = [p.message for p in problems(project)]
    assert messages == ["catatan perubahan bertanggal sebelum rilis terbit",
                        "dua catatan perubahan bertanggal sama"]


def test_registry_errors_are_reported(project):
    reg = project / "data/registries.yml"
    reg.write_text(reg.read_text().replace("slug: dinkes", "slug: dinsos"))
    write_release(project)
    p = only(project)
    assert p.path == "data/registries.yml" and p.message == "slug 'dinsos' terdaftar dua kali"


def test_check_cli_text_and_exit_code(project):
    write_release(project, category="kesehtan", summary="a" * 201)
    done = run_warta(project, "check")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{REL}:4: summary: terlalu panjang (201 karakter; maksimal 200, kelebihan 1)" in done.stderr
    assert f"{REL}:5: category: kategori 'kesehtan' tidak dikenal" in done.stderr
    assert "petunjuk: maksud Anda: kesehatan?" in done.stderr
    assert "Gagal: 2 kesalahan di 1 berkas" in done.stderr


def test_check_cli_github_annotations(project):
    write_release(project, unit="dinkess")
    done = run_warta(project, "check", "--format", "github")
    assert done.returncode == 1
    assert done.stdout.startswith(f"::error file={REL},line=6,title=Warta%3A unit::unit (OPD) 'dinkess'")


def test_check_cli_ok_and_paths(project):
    write_release(project)
    bad = write_release(project, "rilis/2026/11/rilis-kedua", unit="tidak-ada")
    assert run_warta(project, "check", "content/rilis/2026/11/jembatan-talang-mulya").returncode == 0
    done = run_warta(project, "check", str(bad.parent))
    assert done.returncode == 1 and "tidak-ada" in done.stderr


def test_site_time_zone_setting_applies_to_dates_without_offset(project):
    from warta.dates import dateline

    cfg_file = project / "mkdocs.yml"
    cfg_file.write_text(cfg_file.read_text().replace("timezone: Asia/Jakarta", "timezone: Asia/Makassar"))
    write_release(project, date="2026-11-16 09:30", location="Sarimulya")
    (r,) = load_content(load_site_config(project)).releases
    assert r.date.isoformat() == "2026-11-16T09:30:00+08:00"
    assert dateline(r.location, r.date) == "Sarimulya, Senin, 16 November 2026 09.30 WITA"


def test_offsets_read_as_indonesian_zones():
    from datetime import datetime

    from warta.dates import long_date

    assert long_date(datetime.fromisoformat("2026-11-22T09:30:00+07:00")) == "Minggu, 22 November 2026 09.30 WIB"
    assert long_date(datetime.fromisoformat("2026-11-22T09:30:00+09:00")) == "Minggu, 22 November 2026 09.30 WIT"
    assert long_date(datetime.fromisoformat("2026-11-22T02:30:00+00:00")) == "Minggu, 22 November 2026 02.30 UTC+00.00"


def test_links_inside_the_site_must_reach_something(project):
    write_release(project, "rilis/2026/11/rilis-lain", title="Rilis lain yang memang sudah ada")
    write_release(project, body="Lihat [lain](../rilis-lain/index.md), [lain juga](../rilis-lain/), "
                  "[tentang](../../../../tentang/index.md) dan [luar](https://contoh.go.id/x.pdf).\n\n"
                  "Tapi [hilang](../tidak-ada/index.md), [alamat hilang](/rilis/2026/11/tidak-ada/) "
                  "dan [berkas](lampiran.pdf) tidak.\n")
    found = [(p.line, p.message) for p in problems(project)]
    assert found == [(11, f"tautan ke halaman atau berkas yang tidak ada di situs: {x}")
                     for x in ("../tidak-ada/index.md", "/rilis/2026/11/tidak-ada/", "lampiran.pdf")]
    assert run_warta(project, "build").returncode == 1  # refused by name, never MkDocs' English
