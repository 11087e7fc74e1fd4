"""The staff CLI as staff use it: scaffold, check, build messages."""

from __future__ import annotations

import pytest
from conftest import run_warta
from PIL import Image

from warta.config import load_site_config
from warta.load import load_content


def test_new_scaffolds_a_commented_draft_that_checks_clean_once_filled(project):
    done = run_warta(project, "new", "--title", "Bupati Buka Pameran UMKM Sarimulya 2026",
                     "--category", "ekonomi", "--unit", "diskop-umkm", "--date", "2026-11-20T09:00")
    assert done.returncode == 0, done.stderr
    path = project / "content/rilis/2026/11/bupati-buka-pameran-umkm-sarimulya-2026/index.md"
    assert "Rilis baru: content/rilis/2026/11/bupati-buka-pameran-umkm-sarimulya-2026/index.md" in done.stdout
    text = path.read_text()
    assert "# Judul rilis: 10–110 karakter" in text and "draft: true" in text
    assert "date: 2026-11-20T09:00+07:00" in text
    content = load_content(load_site_config(project))
    assert content.problems == []
    (release,) = content.releases
    assert release.draft and release.unit.slug == "diskop-umkm"
    again = run_warta(project, "new", "--title", "Bupati Buka Pameran UMKM Sarimulya 2026",
                      "--category", "ekonomi", "--unit", "diskop-umkm", "--date", "2026-11-20T09:00")
    assert again.returncode == 1 and "sudah ada" in again.stderr


def test_new_klarifikasi_has_claim_block(project):
    done = run_warta(project, "new", "--title", "Klarifikasi: Tidak Ada Pungutan Biaya KTP-el",
                     "--category", "cek-fakta", "--unit", "disdukcapil", "--type", "klarifikasi",
                     "--date", "2026-11-21T10:00")
    assert done.returncode == 0, done.stderr
    assert load_content(load_site_config(project)).problems == []


def test_new_refuses_unknown_unit_with_hint(project):
    done = run_warta(project, "new", "--title", "Judul rilis yang cukup panjang", "--category",
                     "kesehatan", "--unit", "dinkess")
    assert done.returncode == 1
    assert "unit 'dinkess' tidak dikenal. maksud Anda: dinkes?" in done.stderr


def test_build_prints_where_and_how_to_preview(project):
    done = run_warta(project, "build")
    assert done.returncode == 0, done.stderr
    assert "Situs selesai dibangun di site/" in done.stdout
    assert "scripts/warta serve" in done.stdout


def test_cli_outside_repository(tmp_path):
    done = run_warta(tmp_path, "check")
    assert done.returncode == 2 and "mkdocs.yml tidak ditemukan" in done.stderr


def test_every_cli_command_and_option_is_in_the_readme():
    from conftest import REPO

    from warta.cli import main

    readme = (REPO / "README.md").read_text()
    for name, command in main.commands.items():
        assert f"scripts/warta {name}" in readme, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, f"{name} {opt}"


def test_share_prints_a_readable_kit(project):
    from conftest import write_release

    write_release(project, tags=["jembatan", "infrastruktur desa"])
    for ref in ("jembatan-talang-mulya", "content/rilis/2026/11/jembatan-talang-mulya/index.md",
                "/rilis/2026/11/jembatan-talang-mulya/"):
        done = run_warta(project, "share", ref)
        assert done.returncode == 0, (ref, done.stderr)
        assert "── WhatsApp (" in done.stdout and "*Bupati Resmikan Jembatan Gantung Desa Talang Mulya*" in done.stdout
        assert "Tagar: #Jembatan #InfrastrukturDesa #LembahSari #InfoLembahSari" in done.stdout
    import json
    import re

    folder = ".cache/warta/bagikan/jembatan-talang-mulya"
    assert "pratinjau tautan 1200×630, " in done.stdout
    kit = json.loads(run_warta(project, "share", "jembatan-talang-mulya", "--json").stdout)
    assert kit["texts"]["x"]["length"] <= 280
    for kind, card in kit["cards"].items():
        name = re.search(rf"/rilis/2026/11/jembatan-talang-mulya/(kartu-{kind}\.[0-9a-f]{{10}}\.jpg)$", card["url"])[1]
        assert f"{folder}/{name}\n  setelah terbit: {card['url']}" in done.stdout
        with Image.open(project / folder / name) as im:
            assert im.size == (card["width"], card["height"])
    write_release(project, title="Bupati Resmikan Jembatan Gantung Baru di Talang Mulya")
    run_warta(project, "share", "jembatan-talang-mulya", check=True)
    assert len(list((project / folder).glob("kartu-*.jpg"))) == 2  # the earlier title's cards are gone
    missing = run_warta(project, "share", "tidak-ada")
    assert missing.returncode == 1 and "tidak ditemukan" in missing.stderr


# --- `new` as staff use it: on a terminal, from a script, with ordinary mistakes -----------

NOW = {"WARTA_NOW": "2026-12-02T09:31:45+07:00"}


def run_on_terminal(root, *args: str, answers: str, env: dict | None = None):
    """The real CLI with a terminal (a pty) as its stdin, answering its questions line by line.
    A final Ctrl+D ends any question the test did not expect (instead of hanging)."""
    import os
    import pty
    import subprocess
    import sys
    import termios

    from conftest import REPO

    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    os.write(master, (answers + "\x04").encode())
    try:
        return subprocess.run([sys.executable, "-m", "warta", *args], cwd=root, stdin=slave,
                              env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1",
                                   "COLUMNS": "200", **(env or {})},
                              capture_output=True, text=True, timeout=120)
    finally:
        os.close(slave)
        os.close(master)


def test_new_on_a_terminal_lists_choices_and_asks_again_after_each_mistake(project):
    answers = "\n".join([
        "Banjir",  # too short: asked again
        "Pemadaman  Listrik Bergilir di Sarimulya ",
        "kebencana",  # typo: the suggestion becomes the default
        "",
        "Dinas Kesehatan",  # a unit by its name
        "2026-12-02 25:00",  # no such hour
        "2026-12-03 08:00 WITA",
        "beritaa",
        "",
    ]) + "\n"
    done = run_on_terminal(project, "new", answers=answers, env=NOW)
    assert done.returncode == 0, done.stdout + done.stderr
    categories = done.stdout.split("Kategori yang terdaftar:\n")[1].split("\nKategori:")[0]
    units = done.stdout.split("OPD penerbit (unit) yang terdaftar:\n")[1].split("\nOPD penerbit (unit):")[0]
    assert categories.startswith("  pemerintahan · pembangunan · kesehatan · ")
    assert "ekonomi (Ekonomi dan UMKM)" in categories and "cek-fakta (Cek Fakta)" in categories
    assert "dinkes (Dinas Kesehatan)" in units and "rsud (RSUD Sarimulya)" in units
    assert len(categories.splitlines()) <= 3 and len(units.splitlines()) <= 10  # 10 and 15 entries
    assert "Kategori [kebencanaan]:" in done.stdout and "[2026-12-02 09:31]:" in done.stdout
    assert "Jenis (siaran-pers, berita, pengumuman, klarifikasi) [berita]:" in done.stdout
    assert done.stderr.splitlines() == [
        "✗ title: terlalu pendek (6 karakter; minimal 10)",
        "      petunjuk: tulis judul 10–110 karakter, mis. `title: Bupati Resmikan Jembatan Desa Talang Mulya`.",
        "✗ kategori 'kebencana' tidak dikenal. maksud Anda: kebencanaan?",
        "✗ waktu '2026-12-02 25:00' tidak ada (tanggal atau jamnya keliru)",
        "      petunjuk: tulis tanggal dan jam, mis. 2026-12-02 09:30 atau 2026-12-02T09:30, boleh "
        "diikuti WIB, WITA atau WIT (tanpa zona = zona situs).",
        "✗ jenis 'beritaa' tidak dikenal. maksud Anda: berita?",
    ]
    rel = "content/rilis/2026/12/pemadaman-listrik-bergilir-di-sarimulya/index.md"
    assert f"Rilis baru: {rel}" in done.stdout
    assert "embargo dan baru tampil di situs pada Kamis, 3 Desember 2026 08.00 WITA" in done.stdout
    text = (project / rel).read_text()
    assert "title: Pemadaman Listrik Bergilir di Sarimulya\n" in text
    assert "date: 2026-12-03T08:00+08:00\n" in text and "type: berita\n" in text
    assert "category: kebencanaan\n" in text and "unit: dinkes\n" in text
    assert run_warta(project, "check", env=NOW).returncode == 0

    again = run_on_terminal(project, "new", "--category", "sosial", "--unit", "dinsos", "--date",
                            "2026-12-03 08:00 WITA", answers="Pemadaman Listrik Bergilir di Sarimulya\n\n\n",
                            env=NOW)
    assert again.returncode == 0, again.stderr
    assert f"✗ sudah ada: {rel}." in again.stderr
    assert "Alamat (slug) [pemadaman-listrik-bergilir-di-sarimulya-2]:" in again.stdout
    assert (project / rel.replace("sarimulya/", "sarimulya-2/")).is_file()


def test_new_interrupted_on_a_terminal_writes_nothing(project):
    done = run_on_terminal(project, "new", answers="Judul rilis yang cukup panjang\n")  # then Ctrl+D
    assert done.returncode == 1 and done.stderr.strip() == "Dibatalkan."
    assert not (project / "content/rilis").exists()


def test_new_without_a_terminal_never_asks_and_says_what_is_missing(project):
    import subprocess

    done = subprocess.run([*_python_m_warta(), "new", "--unit", "dinkes"], cwd=project, env=_env(),
                          input="Judul rilis yang cukup panjang\nkesehatan\n", capture_output=True, text=True)
    assert done.returncode == 2
    assert "✗ --title belum diisi." in done.stderr and "✗ --category belum diisi." in done.stderr
    assert "--unit belum diisi" not in done.stderr
    assert "Kategori yang terdaftar:" in done.stderr and "pariwisata-budaya (Pariwisata dan Budaya)" in done.stderr
    assert done.stdout == "" and not (project / "content/rilis").exists()


def test_new_reports_every_wrong_value_given_as_options_with_suggestions(project):
    done = run_warta(project, "new", "--title", "Banjir", "--category", "kesehatn", "--unit", "dinkess",
                     "--date", "besok pagi", "--type", "beritaa", "--slug", "!!!")
    assert done.returncode == 1
    for message in ("✗ title: terlalu pendek (6 karakter; minimal 10)",
                    "✗ kategori 'kesehatn' tidak dikenal. maksud Anda: kesehatan?",
                    "✗ unit 'dinkess' tidak dikenal. maksud Anda: dinkes?",
                    "✗ waktu 'besok pagi' tidak dikenali",
                    "✗ jenis 'beritaa' tidak dikenal. maksud Anda: berita?",
                    "✗ slug '!!!' tidak berisi huruf atau angka"):
        assert message in done.stderr, message
    assert "tulis slug salah satu unit yang terdaftar di data/registries.yml:" in done.stderr
    assert "disdukcapil (Dinas Kependudukan dan Pencatatan Sipil)" in done.stderr
    assert not (project / "content/rilis").exists()


def test_new_refuses_a_title_with_the_words_of_check(project):
    from conftest import write_release

    cases = {"Banjir": "terlalu pendek (6 karakter; minimal 10)",
             "Hubungi 0812 3456 7890 untuk info banjir": "ada nomor ponsel pribadi (data pribadi)",
             "Banjir \u202edi Sarimulya Hari Ini": "karakter tak terlihat U+202E (RIGHT-TO-LEFT OVERRIDE)"}
    for title, message in cases.items():
        write_release(project, title=title)
        checked = run_warta(project, "check")
        assert checked.returncode == 1 and message in checked.stderr, checked.stderr
        done = run_warta(project, "new", "--title", title, "--category", "sosial", "--unit", "dinsos")
        assert done.returncode == 1 and f"✗ title: {message}\n" in done.stderr, done.stderr
        assert done.stdout == ""
    assert [p.parent.name for p in (project / "content/rilis").rglob("index.md")] == ["jembatan-talang-mulya"]


def test_new_slug_date_and_titles_needing_quotes_give_a_file_that_checks_clean(project):
    done = run_warta(project, "new", "--title", "Klarifikasi: Tidak Ada #Hoaks \"Pungutan\" KTP-el",
                     "--category", "cek-fakta", "--unit", "disdukcapil", "--type", "Klarifikasi",
                     "--date", "2026-12-02T09:30 wit", "--slug", "Pemadaman Listrik", env=NOW)
    assert done.returncode == 0, done.stderr
    assert ("Slug 'Pemadaman Listrik' ditulis menjadi 'pemadaman-listrik' (alamat hanya memakai huruf "
            "kecil, angka dan tanda hubung).") in done.stdout
    content = load_content(load_site_config(project))
    assert content.problems == []
    (release,) = content.releases
    assert release.path == "content/rilis/2026/12/pemadaman-listrik/index.md"
    assert release.title == "Klarifikasi: Tidak Ada #Hoaks \"Pungutan\" KTP-el"
    assert release.date.isoformat() == "2026-12-02T09:30:00+09:00" and release.type == "klarifikasi"
    default = run_warta(project, "new", "--title", "Rapat Koordinasi Penanganan Banjir", "--category",
                        "kebencanaan", "--unit", "bpbd", env=NOW)
    assert default.returncode == 0, default.stderr
    text = (project / "content/rilis/2026/12/rapat-koordinasi-penanganan-banjir/index.md").read_text()
    assert "date: 2026-12-02T09:31+07:00\n" in text and "type: siaran-pers\n" in text
    assert "embargo" not in default.stdout


@pytest.mark.parametrize(("typed", "iso"), [
    ("2026-12-02 09:30", "2026-12-02T09:30:00+07:00"),
    ("2026-12-02T09:30", "2026-12-02T09:30:00+07:00"),
    (" 2026-12-02  9.30  WITA ", "2026-12-02T09:30:00+08:00"),
    ("2026-12-02T09:30WIT", "2026-12-02T09:30:00+09:00"),
    ("2026-12-02 09:30 wib", "2026-12-02T09:30:00+07:00"),
    ("2026-12-02T09:30:59+08:00", "2026-12-02T09:30:00+08:00"),
])
def test_new_reads_the_ways_staff_write_a_time(typed, iso):
    from zoneinfo import ZoneInfo

    from warta.scaffold import parse_when

    assert parse_when(typed, ZoneInfo("Asia/Jakarta")).isoformat() == iso


@pytest.mark.parametrize(("typed", "message"), [
    ("2026-12-02", "waktu '2026-12-02' belum berisi jam"),
    ("2026-02-30 09:30", "waktu '2026-02-30 09:30' tidak ada (tanggal atau jamnya keliru)"),
    ("02/12/2026 09:30", "waktu '02/12/2026 09:30' tidak dikenali"),
])
def test_new_refuses_a_time_it_cannot_read(typed, message):
    from zoneinfo import ZoneInfo

    from warta.scaffold import Invalid, parse_when

    with pytest.raises(Invalid) as refused:
        parse_when(typed, ZoneInfo("Asia/Jakarta"))
    assert refused.value.message == message and "2026-12-02 09:30" in refused.value.hint


# --- `share` finds a release by the address staff paste ----------------------------------

SITE = "https://mediacenter.lembahsari.go.id"


@pytest.mark.parametrize("pasted", [
    f"{SITE}/rilis/2026/11/jembatan-talang-mulya/",
    "http://mediacenter.lembahsari.go.id/rilis/2026/11/jembatan-talang-mulya",
    f"{SITE.upper()}/rilis/2026/11/jembatan-talang-mulya/?utm_source=wa&utm_medium=social#bagikan",
    "https://www.mediacenter.lembahsari.go.id/rilis/2026/11/jembatan-talang-mulya/index.html",
    " mediacenter.lembahsari.go.id/rilis/2026/11/jembatan-talang-mulya/ ",
    "http://127.0.0.1:8000/rilis/2026/11/jembatan-talang-mulya/",
    "/rilis/2026/11/jembatan-talang-mulya/",
    "rilis/2026/11/jembatan-talang-mulya",
])
def test_share_reads_an_address_as_pasted(pasted):
    from warta.reference import release_key

    assert release_key(pasted, SITE + "/") == "rilis/2026/11/jembatan-talang-mulya"


def test_share_accepts_a_pasted_address_and_refuses_other_pages(project):
    from conftest import write_release

    write_release(project)
    for ref in (f"{SITE}/rilis/2026/11/jembatan-talang-mulya/?utm_source=wa&utm_medium=social#bagikan",
                "/rilis/2026/11/jembatan-talang-mulya"):
        done = run_warta(project, "share", ref, "--json")
        assert done.returncode == 0, (ref, done.stderr)
        assert f'"url": "{SITE}/rilis/2026/11/jembatan-talang-mulya/"' in done.stdout
    other = run_warta(project, "share", "https://contoh.com/rilis/2026/11/jembatan-talang-mulya/")
    assert other.returncode == 1
    assert ("✗ alamat 'https://contoh.com/rilis/2026/11/jembatan-talang-mulya/' bukan dari situs ini "
            f"(mediacenter.lembahsari.go.id); salin alamat halaman rilisnya di {SITE}/") in other.stderr
    for page in (f"{SITE}/kategori/pembangunan/", f"{SITE}/", f"{SITE}/rilis/2026/11/",
                 f"{SITE}/rilis/2026/11/jembatan-talang-mulya/kartu-tautan.jpg"):
        done = run_warta(project, "share", page)
        assert done.returncode == 1, page
        assert (f"✗ alamat '{page}' bukan halaman rilis; salin alamat halaman rilisnya, "
                f"mis. {SITE}/rilis/2026/11/slug-rilis/") in done.stderr, done.stderr
    gone = run_warta(project, "share", f"{SITE}/rilis/2026/11/jembatan-lain/")
    assert gone.returncode == 1 and "tidak ditemukan" in gone.stderr


# --- Help and usage errors in Indonesian, with the program name staff type -------------------

ENGLISH = ("Usage", "Options", "Commands", "Arguments", "Positional", "Show this", "Error", "No such",
           "Missing", "Invalid", "Try '", "Did you mean", "default", "required", "Aborted", "TEXT",
           "INTEGER", "is not", "does not", "requires", "unexpected", "[ARGS]", "COMMAND")


def _python_m_warta() -> list[str]:
    import sys

    return [sys.executable, "-m", "warta"]


def _env(**extra: str) -> dict:
    import os

    from conftest import REPO

    return {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200", **extra}


def test_every_help_screen_is_indonesian(project):
    from warta.cli import main

    root = run_warta(project, "--help")
    assert root.returncode == 0
    assert root.stdout.startswith("Penggunaan: python -m warta [OPSI] PERINTAH [ARG]…\n")
    assert "\nOpsi:\n  -h, --help  Tampilkan bantuan ini lalu keluar.\n\nPerintah:\n  build " in root.stdout
    for name in main.commands:
        assert f"\n  {name} " in root.stdout, name
        done = run_warta(project, name, "-h", env={"WARTA_PROG": "scripts/warta"})
        assert done.returncode == 0, (name, done.stderr)
        assert done.stdout.startswith(f"Penggunaan: scripts/warta {name} [OPSI]"), done.stdout
        assert "\nOpsi:\n" in done.stdout and "Tampilkan bantuan ini lalu keluar." in done.stdout
        for word in ENGLISH:
            assert word not in done.stdout, (name, word, done.stdout)
    for word in ENGLISH:
        assert word not in root.stdout, word


@pytest.mark.parametrize(("args", "message"), [
    ((), None),  # no command: the help, on stderr
    (("chek",), "Kesalahan: perintah 'chek' tidak dikenal. maksud Anda: check? perintah yang ada: build, check,"),
    (("guard",), "Kesalahan: opsi '--base' wajib diisi."),
    (("check", "--format", "teks"), "Kesalahan: nilai '--format' tidak valid: 'teks' bukan pilihan yang ada; "
                                    "pilihannya: 'text', 'github'."),
    (("new", "--tipe", "berita"), "Kesalahan: opsi '--tipe' tidak dikenal. maksud Anda: --type?"),
    (("new", "--title"), "Kesalahan: opsi '--title' perlu diberi nilai."),
    (("serve", "--port", "delapan"), "Kesalahan: nilai '--port' tidak valid: 'delapan' bukan bilangan bulat."),
    (("share",), "Kesalahan: argumen 'RILIS' wajib diisi."),
    (("share", "a", "b"), "Kesalahan: argumen berlebih: b"),
    (("share", "--json=ya", "a"), "Kesalahan: opsi '--json' tidak memakai nilai."),
])
def test_usage_errors_are_indonesian(tmp_path, args, message):
    done = run_warta(tmp_path, *args, env={"WARTA_PROG": "scripts/warta"})
    assert done.returncode == 2 and done.stdout == ""
    if message is None:
        assert done.stderr.startswith("Penggunaan: scripts/warta [OPSI] PERINTAH [ARG]…")
    else:
        assert message in done.stderr, done.stderr
    if "tidak valid" in (message or "") or "wajib" in (message or ""):
        command = " ".join(args[:1])
        assert done.stderr.startswith(f"Penggunaan: scripts/warta {command} [OPSI]")
        assert f"Coba 'scripts/warta {command} --help' untuk bantuan." in done.stderr
    for word in ENGLISH:
        assert word not in done.stderr, (word, done.stderr)


def test_scripts_warta_names_itself_in_help(tmp_path):
    """Through the real scripts/warta (its venv check satisfied by a stand-in .venv that runs
    this interpreter and refuses to install anything)."""
    import hashlib
    import shutil
    import subprocess
    import sys

    from conftest import REPO

    root = tmp_path / "repo"
    shutil.copytree(REPO / "requirements", root / "requirements")
    (root / "scripts").mkdir()
    for name in ("warta", "_venv.sh"):
        shutil.copy2(REPO / "scripts" / name, root / "scripts" / name)
    python = root / ".venv/bin/python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\n[ "$1 $2" = "-m pip" ] && exit 97\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    base = (root / "requirements/base.txt").read_bytes()
    (root / ".venv/.warta-base").write_text(f"base:{hashlib.sha256(base + base).hexdigest()[:16]}\n")
    for args, stream, start in ((["--help"], "stdout", "Penggunaan: scripts/warta [OPSI] PERINTAH [ARG]…"),
                                (["share", "--help"], "stdout", "Penggunaan: scripts/warta share [OPSI] RILIS"),
                                (["nwe"], "stderr", "Penggunaan: scripts/warta [OPSI] PERINTAH [ARG]…\n"
                                                    "Coba 'scripts/warta --help' untuk bantuan.")):
        done = subprocess.run(["bash", str(root / "scripts/warta"), *args], cwd=tmp_path, env=_env(),
                              capture_output=True, text=True)
        assert getattr(done, stream).startswith(start), (args, done.stdout, done.stderr)
