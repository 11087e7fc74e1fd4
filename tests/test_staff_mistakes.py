"""Ordinary mistakes of a staff writer, through the real CLI: a clear Indonesian answer naming
file, line and field, never a traceback. Also what is not public yet (embargo, drafts) is
visible in `check`, in `scripts/warta schedule` and in the pull-request summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import GOOD, front, photo, run_warta, write_release
from test_history import git
from test_hostile_yaml import cli

from warta import placeholders
from warta.config import load_site_config
from warta.load import load_content

REL = "content/rilis/2026/11/jembatan-talang-mulya/index.md"
NOW = {"WARTA_NOW": "2026-12-02T12:00:00+07:00"}


def problems(root: Path):
    return load_content(load_site_config(root)).problems


def with_front(fields: dict, extra: str, body: str = "Isi.\n") -> str:
    """A release text: `fields` as front matter, then the raw YAML lines `extra`."""
    return front(fields).removesuffix("---\n") + extra + "---\n\n" + body


def no_traceback(done) -> None:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr


# --- 1. the example texts of `scripts/warta new` ---------------------------------------------

def scaffold(project: Path) -> Path:
    done = run_warta(project, "new", "--title", "Bupati Resmikan Jembatan Gantung Baru", "--category",
                     "cek-fakta", "--unit", "dpupr", "--date", "2026-11-20T09:30", "--type", "klarifikasi",
                     env=NOW)
    assert done.returncode == 0, done.stderr
    return project / "content/rilis/2026/11/bupati-resmikan-jembatan-gantung-baru/index.md"


def test_every_example_text_is_in_the_scaffold_and_refused_once_it_is_not_a_draft(project):
    path = scaffold(project)
    text = path.read_text()
    for example in placeholders.MEANING:  # one source: the scaffold writes exactly these
        assert example in text, example
    done = run_warta(project, "check", env=NOW)  # a fresh draft may keep them
    assert done.returncode == 0, done.stderr
    assert f"{path.relative_to(project)}: draf" in done.stderr

    # the writer removes `draft`, uncomments the photo block and forgets to replace the examples
    text = text.replace("draft: true\n", "").replace("# image:", "image:").replace("#   ", "  ")
    path.write_text(text)
    photo(path.parent / "foto-utama.jpg")
    done = run_warta(project, "check", env=NOW)
    no_traceback(done)
    assert done.returncode == 1
    lines = text.split("\n")
    rel = path.relative_to(project).as_posix()
    expected = {"summary": "summary:", "image.alt": "  alt:", "image.credit": "  credit:",
                "image.caption": "  caption:", "claim.text": "  text:", "claim.source": "  source:"}
    for field, key in expected.items():
        line = next(i for i, row in enumerate(lines, 1) if row.startswith(key))
        assert (f"{rel}:{line}: {field}: masih berisi teks contoh dari `scripts/warta new`"
                in done.stderr), field
    for example in (placeholders.OPENING, placeholders.NEXT):
        line = lines.index(example) + 1
        assert f"{rel}:{line}: isi: masih berisi teks contoh dari `scripts/warta new`" in done.stderr
    assert done.stderr.count("petunjuk: ganti teks contoh ini dengan") == 8
    assert "Gagal: 8 kesalahan di 1 berkas" in done.stderr

    github = run_warta(project, "check", "--format", "github", env=NOW)
    assert github.returncode == 1
    assert f"::error file={rel},line=" in github.stdout and "title=Warta%3A summary::masih berisi teks contoh" in github.stdout


def test_example_text_is_found_rewrapped_and_inside_other_text(project):
    summary = ("Jembatan baru diresmikan. Tulis ringkasan rilis di sini dalam satu atau dua kalimat "
               "yang jelas")
    write_release(project, summary=summary,
                  body="Paragraf asli.\n\nTulis paragraf pembuka di sini: siapa, apa,\nkapan, di mana, mengapa\n")
    found = {(p.field, p.line) for p in problems(project)}
    assert found == {("summary", 4), ("isi", 11)}


# --- 2. what is not public yet: check, schedule, the pull-request summary -------------------------

def not_public_yet(project: Path) -> None:
    write_release(project)  # public (16 November)
    write_release(project, "rilis/2026/12/festival-danau", title="Festival Danau [imunisasi, posyandu] Dibuka",
                  date="2026-12-09 10:00 wit")
    write_release(project, "rilis/2026/12/jembatan-baru", title="Bupati Resmikan [/kesehatan] Jembatan",
                  date="2026-12-07T09:30:00+07:00")
    write_release(project, "rilis/2026/12/pasar-murah", title="Pasar Murah Jelang Akhir Tahun",
                  date="2026-12-03")
    write_release(project, "rilis/2026/12/draf-rapat", title="Rapat Koordinasi Bencana Banjir",
                  date="2026-12-10T10:00:00+07:00", draft=True)


def test_check_names_each_embargo_and_draft(project):
    not_public_yet(project)
    done = run_warta(project, "check", env=NOW)
    no_traceback(done)
    assert done.returncode == 0
    assert "✓ 5 rilis diperiksa, tidak ada kesalahan (1 terbit, 3 embargo, 1 draf)." in done.stderr
    listed = [line.strip() for line in done.stderr.split("\n") if line.startswith("  content/")]
    assert listed == [
        "content/rilis/2026/12/pasar-murah/index.md: EMBARGO sampai Kamis, 3 Desember 2026 00.00 WIB",
        "content/rilis/2026/12/jembatan-baru/index.md: EMBARGO sampai Senin, 7 Desember 2026 09.30 WIB",
        "content/rilis/2026/12/festival-danau/index.md: EMBARGO sampai Rabu, 9 Desember 2026 10.00 WIT",
        "content/rilis/2026/12/draf-rapat/index.md: draf",
    ]


def test_check_github_format_gives_a_notice_per_file_not_public(project):
    not_public_yet(project)
    done = run_warta(project, "check", "--format", "github", env=NOW)
    assert done.returncode == 0
    notices = done.stdout.strip().split("\n")
    assert ("::notice file=content/rilis/2026/12/jembatan-baru/index.md,title=Warta::"
            "EMBARGO sampai Senin, 7 Desember 2026 09.30 WIB") in notices
    assert "::notice file=content/rilis/2026/12/draf-rapat/index.md,title=Warta::draf (tidak terbit)" in notices
    assert len(notices) == 4 and not any(n.startswith("::error") for n in notices)


def test_schedule_lists_embargoes_latest_last_and_drafts_apart(project):
    not_public_yet(project)
    done = run_warta(project, "schedule", env=NOW)
    no_traceback(done)
    assert done.returncode == 0
    assert done.stdout == (
        "Rilis terjadwal (3), urut waktu terbit:\n"
        "  Kamis, 3 Desember 2026 00.00 WIB — Pasar Murah Jelang Akhir Tahun\n"
        "    content/rilis/2026/12/pasar-murah/index.md\n"
        "  Senin, 7 Desember 2026 09.30 WIB — Bupati Resmikan [/kesehatan] Jembatan\n"
        "    content/rilis/2026/12/jembatan-baru/index.md\n"
        "  Rabu, 9 Desember 2026 10.00 WIT — Festival Danau [imunisasi, posyandu] Dibuka\n"
        "    content/rilis/2026/12/festival-danau/index.md\n"
        "\n"
        "Draf (1), tidak terbit sampai `draft: true` dihapus:\n"
        "  Kamis, 10 Desember 2026 10.00 WIB — Rapat Koordinasi Bencana Banjir\n"
        "    content/rilis/2026/12/draf-rapat/index.md\n")
    data = json.loads(run_warta(project, "schedule", "--format", "json", env=NOW).stdout)
    assert [r["path"] for r in data["embargoed"]] == [
        "content/rilis/2026/12/pasar-murah/index.md", "content/rilis/2026/12/jembatan-baru/index.md",
        "content/rilis/2026/12/festival-danau/index.md"]
    assert data["embargoed"][2] == {
        "path": "content/rilis/2026/12/festival-danau/index.md", "url": "/rilis/2026/12/festival-danau/",
        "title": "Festival Danau [imunisasi, posyandu] Dibuka", "date": "2026-12-09T10:00:00+09:00",
        "local": "Rabu, 9 Desember 2026 10.00 WIT", "time_given": True}
    assert data["embargoed"][0]["time_given"] is False
    assert [r["title"] for r in data["drafts"]] == ["Rapat Koordinasi Bencana Banjir"]


def test_schedule_when_nothing_is_scheduled_and_with_a_broken_file(project):
    write_release(project)
    done = run_warta(project, "schedule", env=NOW)
    assert (done.returncode, done.stdout) == (0, "Tidak ada rilis terjadwal.\n")
    write_release(project, "rilis/2026/12/rusak", date="2026-12-09T10:00:00+07:00", unit="tidak-ada")
    done = run_warta(project, "schedule", env=NOW)
    no_traceback(done)
    assert (done.returncode, done.stdout) == (0, "Tidak ada rilis terjadwal.\n")
    assert "PERINGATAN 1 berkas punya kesalahan dan tidak ada di daftar ini" in done.stderr
    assert json.loads(run_warta(project, "schedule", "--format", "json", env=NOW).stdout) == {
        "embargoed": [], "drafts": []}


def test_pull_request_summary_ends_with_the_whole_schedule(project):
    not_public_yet(project)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Rilis")
    git(project, "branch", "dasar")
    write_release(project, "rilis/2026/12/lomba-desa", title="Lomba Desa Tingkat Kabupaten Dimulai",
                  date="2026-12-04T08:00:00+08:00")
    done = run_warta(project, "summary", "--base", "dasar", env=NOW)
    no_traceback(done)
    assert done.returncode == 0
    changed, schedule = done.stdout.split("## Jadwal terbit\n")
    assert "### Lomba Desa Tingkat Kabupaten Dimulai" in changed
    rows = [row for row in schedule.split("\n") if row.startswith("| ") and "Terbit" not in row]
    assert rows == [
        "| Kamis, 3 Desember 2026 00.00 WIB | Pasar Murah Jelang Akhir Tahun | content/rilis/2026/12/pasar-murah/index.md |",
        "| Jumat, 4 Desember 2026 08.00 WITA | Lomba Desa Tingkat Kabupaten Dimulai | content/rilis/2026/12/lomba-desa/index.md |",
        "| Senin, 7 Desember 2026 09.30 WIB | Bupati Resmikan \\[/kesehatan\\] Jembatan | content/rilis/2026/12/jembatan-baru/index.md |",
        "| Rabu, 9 Desember 2026 10.00 WIT | Festival Danau \\[imunisasi, posyandu\\] Dibuka | content/rilis/2026/12/festival-danau/index.md |",
    ]
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Lomba")
    quiet = run_warta(project, "summary", "--base", "HEAD", env={"WARTA_NOW": "2027-01-01T00:00:00+07:00"})
    assert quiet.stdout.endswith("Tidak ada rilis yang berubah.\n\n## Jadwal terbit\n\nTidak ada rilis terjadwal.\n")


# --- 3. dates as staff write them ---------------------------------------------------------------

@pytest.mark.parametrize("written, iso, label", [
    ("2026-11-16T09:30:00 WITA", "2026-11-16T09:30:00+08:00", "09.30 WITA"),
    ("2026-11-16T09:30:00WIB", "2026-11-16T09:30:00+07:00", "09.30 WIB"),
    ("2026-11-16 09:30 wit", "2026-11-16T09:30:00+09:00", "09.30 WIT"),
    ("2026-11-16t09:30 Wita", "2026-11-16T09:30:00+08:00", "09.30 WITA"),
])
def test_indonesian_zone_names_are_accepted(project, written, iso, label):
    from warta.dates import dateline

    write_release(project, date=written)
    (r,) = load_content(load_site_config(project)).releases
    assert r.date.isoformat() == iso and r.time_given
    assert dateline("Sarimulya", r.date) == f"Sarimulya, Senin, 16 November 2026 {label}"


def test_wrong_dates_say_how_to_write_a_zone(project):
    write_release(project, date="2026-11-16T09:30:00+07:00 WITA")
    write_release(project, "rilis/2026/11/kedua", date="2026-11-31 WIB")
    found = {p.path: p for p in problems(project)}
    first = found[REL]
    assert first.message == "tanggal '2026-11-16T09:30:00+07:00 WITA' menulis dua zona waktu yang berbeda"
    assert "`date: 2026-11-22T09:30 WITA`" in first.hint and "tanpa jam = terbit pukul 00.00" in first.hint
    assert found["content/rilis/2026/11/kedua/index.md"].message == "tanggal '2026-11-31 WIB' tidak ada di kalender"


def test_a_day_without_a_time_is_public_from_midnight_and_shown_as_a_day(project):
    write_release(project, date="2026-11-16", location="Sarimulya")
    (r,) = load_content(load_site_config(project)).releases
    assert r.date.isoformat() == "2026-11-16T00:00:00+07:00" and not r.time_given
    early = run_warta(project, "check", env={"WARTA_NOW": "2026-11-15T23:59:00+07:00"})
    assert f"{REL}: EMBARGO sampai Senin, 16 November 2026 00.00 WIB" in early.stderr
    done = run_warta(project, "build", env={"WARTA_NOW": "2026-11-16T00:00:00+07:00"})
    assert done.returncode == 0, done.stderr
    assert re.search(r"dalam \d+,\d detik", done.stdout)  # Indonesian decimals
    page = (project / "site/rilis/2026/11/jembatan-talang-mulya/index.html").read_text()
    assert ('<time class="w-dateline" datetime="2026-11-16T00:00:00+07:00">Sarimulya, Senin, '
            '16 November 2026</time>') in page
    assert "<published>2026-11-16T00:00:00+07:00</published>" in (project / "site/atom.xml").read_text()
    assert "<pubDate>Mon, 16 Nov 2026 00:00:00 +0700</pubDate>" in (project / "site/feed.xml").read_text()


# --- 4. messages a writer understands -------------------------------------------------------------

KINDS = {"daftar": ["a", "b"], "kumpulan kunci": {"a": 1}, "angka": 5, "true/false": True,
         "kosong": None, "teks": "teks pendek"}
FIELDS = ["title", "date", "summary", "category", "type", "tags", "tags.0", "image", "image.alt",
          "location", "contact", "claim", "claim.verdict", "draft", "updates", "updates.0",
          "updates.0.note", "withdrawn", "withdrawn.date", "social", "social.x", "social.hashtags"]
FULL = {**GOOD, "type": "klarifikasi", "category": "cek-fakta", "tags": ["jembatan"],
        "image": {"src": "foto.jpg", "alt": "Warga di jembatan", "credit": "Diskominfo"},
        "claim": {"text": "Jembatan itu ambruk kemarin.", "source": "Pesan berantai", "verdict": "salah"},
        "updates": [{"date": "2026-11-17T10:00:00+07:00", "note": "Memperbaiki nama desa."}],
        "withdrawn": {"date": "2026-11-18T10:00:00+07:00", "reason": "Acara dibatalkan panitia."},
        "contact": "humas-diskominfo", "social": {"x": "Teks untuk X", "hashtags": ["jembatan"]}}


def test_no_python_type_name_or_english_in_any_schema_message(project):
    for i, (field, value) in enumerate((f, v) for f in FIELDS for v in KINDS.values()):
        data = yaml.safe_load(yaml.safe_dump(FULL))
        *parents, last = [int(p) if p.isdigit() else p for p in field.split(".")]
        target = data
        for p in parents:
            target = target[p]
        target[last] = value
        path = write_release(project, f"rilis/2026/11/r{i}", text=front(data) + "\nIsi.\n")
        photo(path.parent / "foto.jpg", size=(400, 300))
    done = run_warta(project, "check", env=NOW)
    no_traceback(done)
    found = problems(project)
    messages = [p.message + " " + (p.hint or "") for p in found]
    assert len(messages) > 100
    english = re.compile(r"\b(str|int|float|bool|dict|list|NoneType|None|True|False|Input|should|"
                         r"valid|or|constrained)\b|'\[|'\{")
    assert [m for m in messages if english.search(m)] == []
    assert all(any(f"bukan {word}" in m for m in messages) for word in KINDS)
    texts = {p.message for p in found if p.field == "tags"}
    assert "harus berupa daftar, bukan teks" in texts and "harus berupa daftar, bukan angka" in texts
    assert {p.message for p in found if p.field == "contact"} >= {
        "harus berupa teks atau kumpulan kunci, bukan daftar", "harus berupa teks atau kumpulan kunci, bukan angka"}
    assert ("harus salah satu pilihan (`siaran-pers`, `berita`, `pengumuman` atau `klarifikasi`), bukan daftar"
            in {p.message for p in found if p.field == "type"})


def test_an_empty_location_is_no_crash(project):
    write_release(project, text=with_front(GOOD, "location:\n"))
    done = run_warta(project, "check")
    no_traceback(done)
    assert done.returncode == 0


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("front_matter, line, message", [
    ('title: "Bupati Resmikan Jembatan Gantung\ndate: 2026-11-16T09:30:00+07:00\n', 2,
     'tanda kutip " dibuka di sini tetapi tidak ditutup'),
    ("title: 'Bupati Resmikan Jembatan Gantung\ndate: 2026-11-16T09:30:00+07:00\nsummary: \"Ringkasan\"\n", 2,
     "tanda kutip ' dibuka di sini tetapi tidak ditutup"),
    ('title: "Gerbang Desa" Diresmikan Bupati Hari Ini\n', 2, "ada teks setelah tanda kutip penutup"),
    ("title:Bupati Resmikan Jembatan\ndate: 2026-11-16T09:30:00+07:00\n", 2,
     "tidak ada spasi setelah titik dua (`title:Bupati`)"),
    ("tags: [imunisasi, posyandu\nlocation: Sarimulya\n", 2,
     "YAML front matter tidak valid: daftar `[…]` tidak ditutup dengan `]`, atau ada koma yang hilang"),
    ("summary: >Ringkasan\n", 2, "YAML front matter tidak valid: tanda | atau > di awal nilai harus "
     "langsung diikuti ganti baris (beri tanda kutip bila teksnya memang diawali tanda itu)"),
    ("image:\n\tsrc: foto.jpg\n", 3, "YAML front matter tidak valid: ada karakter tab; gunakan spasi"),
])
def test_yaml_mistakes_are_reported_where_they_are_made(project, libyaml, front_matter, line, message):
    rest = "".join(f"{k}: {v}\n" for k, v in GOOD.items() if f"{k}:" not in front_matter)
    write_release(project, text=f"---\n{front_matter}{rest}---\n\n" + "Isi rilis.\n" * 15)
    done = cli(project, "check", libyaml=libyaml)
    no_traceback(done)
    assert done.returncode == 1
    assert f"{REL}:{line}: {message}\n" in done.stderr
    assert re.search(r"\((found|expected|did not|mapping|while)", done.stderr) is None


def test_capitalised_keys_get_the_right_hint_everywhere(project):
    text = with_front(GOOD, "Image:\n  Alt: Foto\nimage:\n  src: foto.jpg\n  Alt: Warga di jembatan\n"
                      "  credit: Diskominfo\ncontact:\n  Name: Budi Santoso\n")
    text = text.replace("title:", "Title:").replace("date:", "Date:")
    path = write_release(project, text=text)
    photo(path.parent / "foto.jpg", size=(400, 300))
    found = {p.field: p for p in problems(project)}
    assert found["Title"].hint.startswith("maksud Anda: title? nama kunci ditulis dengan huruf kecil")
    assert found["Date"].hint.startswith("maksud Anda: date?")
    assert found["Image"].hint.startswith("maksud Anda: image?")
    assert found["image.Alt"].message == "kunci tidak dikenal"
    assert found["image.Alt"].hint.startswith("maksud Anda: alt?") and "title" not in found["image.Alt"].hint
    assert found["contact.Name"].hint.startswith("maksud Anda: name?")
    assert (found["title"].line, found["title"].message) == (2, "wajib diisi")
    assert found["title"].hint == "kunci ini ditulis `Title:`; tulis dengan huruf kecil: `title:`."
    assert found["image.alt"].line == found["image.Alt"].line == 11
    for args in (("check",), ("check", "--format", "github"), ("build",), ("schedule",)):
        done = run_warta(project, *args)
        no_traceback(done)
        assert done.returncode == (0 if args == ("schedule",) else 1), args
    github = run_warta(project, "check", "--format", "github").stdout
    assert "line=11,title=Warta%3A image.Alt::kunci tidak dikenal Petunjuk: maksud Anda: alt?" in github


def test_unknown_keys_are_matched_against_the_right_schema(project):
    (project / "content/tentang/index.md").write_text("---\nTitle: Tentang\nDescripton: x\n---\n\nIsi.\n")
    reg = project / "data/registries.yml"
    reg.write_text(reg.read_text().replace("categories:", "Categories:", 1))
    found = {(p.path, p.field): p.hint for p in problems(project)}
    assert found["content/tentang/index.md", "Title"].startswith("maksud Anda: title?")
    assert found["content/tentang/index.md", "Descripton"].startswith("maksud Anda: description?")
    assert "kunci yang dikenal di sini: title, description, date, draft" in found["content/tentang/index.md", "Descripton"]
    assert found["data/registries.yml", "Categories"].startswith("maksud Anda: categories?")


def test_values_that_look_like_rich_markup_print_intact(project):
    write_release(project, category="[/kesehatan]", type="[imunisasi, posyandu]")
    write_release(project, "rilis/2026/11/tautan", body="Lihat [rilis lain](../[/kesehatan]/index.md).\n")
    done = run_warta(project, "check")
    no_traceback(done)
    assert f"{REL}:5: category: kategori '[/kesehatan]' tidak dikenal" in done.stderr
    assert "nilai '[imunisasi, posyandu]' tidak dikenal; pilihan: `siaran-pers`" in done.stderr
    write_release(project)
    done = run_warta(project, "build")  # whoever reports the broken link names it: printed, not markup
    no_traceback(done)
    assert done.returncode == 1 and "../[/kesehatan]/index.md" in done.stderr


def test_sizes_use_indonesian_decimals(project):
    path = write_release(project, image={"src": "besar.jpg", "alt": "Foto besar", "credit": "Kominfo"})
    big = photo(path.parent / "besar.jpg", size=(400, 300))
    with open(big, "ab") as fh:
        fh.write(b"\0" * (31 * 1024 * 1024 + 100 * 1024))
    done = run_warta(project, "check")
    assert f"{REL}:8: image.src: foto terlalu besar (31,1 MB; maksimal 10 MB)" in done.stderr
    (project / "site").mkdir()
    done = run_warta(project, "prune-cache")
    assert done.returncode == 0 and "(0,0 MB)" in done.stderr


def test_a_value_cut_by_a_yaml_comment_says_so(project):
    write_release(project, text="---\ntitle: Bupati #1 di Lomba Inovasi Daerah\ndate: 2026-11-16T09:30:00+07:00\n"
                  "summary: Jembatan gantung sepanjang 84 meter kini menghubungkan dua dusun yang selama ini "
                  "terpisah.\ncategory: pembangunan\nunit: dpupr\n---\n\nIsi.\n")
    (p,) = load_content(load_site_config(project)).problems
    assert (p.field, p.line, p.message) == ("title", 2, "terlalu pendek (6 karakter; minimal 10)")
    assert "spasi lalu # memulai komentar" in p.hint and '"Bupati #1 …"' in p.hint
