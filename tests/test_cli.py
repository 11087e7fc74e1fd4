"""The staff CLI as staff use it: scaffold, check, build messages."""

from __future__ import annotations

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

    folder = ".cache/warta/bagikan/jembatan-talang-mulya"
    assert "pratinjau tautan 1200×630, " in done.stdout and f"{folder}/kartu-tautan.jpg" in done.stdout
    assert f"{folder}/kartu-instagram.jpg" in done.stdout
    kit = json.loads(run_warta(project, "share", "jembatan-talang-mulya", "--json").stdout)
    assert kit["texts"]["x"]["length"] <= 280
    for kind, card in kit["cards"].items():
        assert card["url"].endswith(f"/rilis/2026/11/jembatan-talang-mulya/kartu-{kind}.jpg")
        with Image.open(project / folder / f"kartu-{kind}.jpg") as im:
            assert im.size == (card["width"], card["height"])
    missing = run_warta(project, "share", "tidak-ada")
    assert missing.returncode == 1 and "tidak ditemukan" in missing.stderr
