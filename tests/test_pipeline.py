"""Warta's build pipeline: the engine sees only public pages, and a rebuild after a change is
byte-identical to a clean build while reusing what did not change."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, make_project, photo, run_warta, site_outputs, write_release

pytestmark = pytest.mark.slow

NOW = {"WARTA_NOW": "2026-11-23T12:00:00+07:00"}
ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **NOW}
HIDDEN = (b"upacara-hut-ke-91-ri", b"posko-terpadu-libur-natal")  # the demo's embargo and draft


def _config_without_warta(root: Path, **changes) -> Path:
    """mkdocs.yml as an engine that runs no Warta hook would read it."""
    data = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    data.pop("hooks", None)
    data["theme"].pop("custom_dir", None)  # Warta's templates need Warta's page views
    data.update(changes)
    path = root / "ohne-warta.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _mkdocs(root: Path, config: Path, site: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "--site-dir", site],
                          cwd=root, env=ENV, capture_output=True, text=True)


def test_an_engine_without_warta_finds_nothing_in_docs_dir(tmp_path):
    root = make_project(tmp_path / "proj", demo=True)
    done = _mkdocs(root, _config_without_warta(root), "polos")
    assert done.returncode == 0, done.stderr
    assert not (root / "polos" / "rilis").exists()
    for path, data in site_outputs(root / "polos").items():
        assert b"Lembah Sari memperluas" not in data and not any(h in data for h in HIDDEN), path


def test_the_staged_folder_holds_only_what_is_public(tmp_path):
    root = make_project(tmp_path / "proj", demo=True)
    run_warta(root, "stage", str(tmp_path / "tahap-ekspor"), env=NOW, check=True)
    staged = tmp_path / "tahap-ekspor"
    assert (staged / "rilis/2026/11/wifi-gratis-di-40-desa-terpencil/index.md").is_file()
    assert not (staged / "rilis/2036").exists()
    originals = {p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    for path in staged.rglob("*"):
        if path.is_file():
            assert path.read_bytes() not in originals, path  # rendered or re-encoded, never copied
            assert not any(h in path.read_bytes() for h in HIDDEN), path
    assert not list(staged.rglob("foto-utama.jpg"))  # only renditions of photos
    done = _mkdocs(root, _config_without_warta(root, docs_dir=str(staged)), "lain")
    assert done.returncode == 0, done.stderr
    page = (root / "lain/rilis/2026/11/wifi-gratis-di-40-desa-terpencil/index.html").read_text()
    assert "Diskominfo" in page and re.search(r"foto-utama-1200\.[0-9a-f]{10}\.webp", page)
    assert not (root / "lain/rilis/2036").exists()


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.html")}


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "proj")
    for i, (category, unit) in enumerate([("pembangunan", "dpupr"), ("kesehatan", "dinkes")] * 4):
        rel = f"rilis/2026/11/rilis-uji-{i}"
        write_release(root, rel, title=f"Rilis Uji Nomor {i} tentang Layanan Warga", category=category,
                      unit=unit, date=f"2026-11-{10 + i:02d}T09:00:00+07:00", tags=[f"tanda-{i % 3}"],
                      image={"src": "foto.jpg", "alt": "Warga di lokasi", "credit": "Diskominfo"})
        photo(root / "content" / rel / "foto.jpg", size=(900, 600), color=(30 * i, 90, 140))
    return root


def _clean_build(root: Path, folder: str) -> Path:
    run_warta(root, "build", "--site-dir", folder, env=NOW, check=True)
    return root / folder


def test_a_rebuild_after_one_change_equals_a_clean_build_and_reuses_the_rest(tmp_path):
    root = _project(tmp_path)
    run_warta(root, "build", env=NOW, check=True)
    before = _inodes(root / "site")
    write_release(root, "rilis/2026/11/rilis-uji-5", title="Rilis Uji Nomor 5 tentang Layanan Warga",
                  category="kesehatan", unit="dinkes", date="2026-11-15T09:00:00+07:00", tags=["tanda-2"],
                  image={"src": "foto.jpg", "alt": "Warga di lokasi", "credit": "Diskominfo"},
                  body="Isi yang diubah: warga kini dilayani lebih cepat.\n")
    run_warta(root, "build", env=NOW, check=True)
    after = _inodes(root / "site")
    changed = {p for p in after if before.get(p) != after[p]}
    assert "rilis/2026/11/rilis-uji-5/index.html" in changed
    assert "rilis/2026/11/rilis-uji-4/index.html" not in changed  # another category: reused
    assert "tentang/index.html" not in changed and "unit/dpupr/index.html" not in changed
    assert len(changed) < len(after) / 2, sorted(changed)
    clean = _clean_build(root, "bersih")
    assert site_outputs(root / "site") == site_outputs(clean)


def test_a_new_release_and_a_registry_change_rebuild_what_they_touch(tmp_path):
    root = _project(tmp_path)
    run_warta(root, "build", env=NOW, check=True)
    write_release(root, "rilis/2026/11/rilis-baru", title="Rilis Baru yang Menggeser Halaman Daftar",
                  date="2026-11-20T09:00:00+07:00")
    run_warta(root, "build", env=NOW, check=True)
    assert site_outputs(root / "site") == site_outputs(_clean_build(root, "bersih-1"))
    before = _inodes(root / "site")
    registries = root / "data/registries.yml"
    registries.write_text(registries.read_text().replace("name: Kesehatan", "name: Kesehatan Warga"))
    run_warta(root, "build", env=NOW, check=True)
    after = _inodes(root / "site")
    assert all(before[p] != after[p] for p in after if p in before)  # every page shows the strip
    assert site_outputs(root / "site") == site_outputs(_clean_build(root, "bersih-2"))


def test_a_new_or_edited_kliping_renders_its_release_page_again_and_nothing_else(tmp_path):
    """Its release page, and the reports of its month and year while the count changes."""
    root = _project(tmp_path)
    run_warta(root, "build", env=NOW, check=True)
    trail = root / "content/rilis/2026/11/rilis-uji-3/kliping.yml"
    share = root / "site/rilis/2026/11/rilis-uji-3/share.json"
    counted = {"laporan/2026/11/", "laporan/2026/"}  # the new clipping is counted there
    for title, reports in (("Rilis Uji Dimuat Ulang Mitra", counted), ("Judul Pemuatan Ulang yang Diperbaiki", set())):
        before, kit = _inodes(root / "site"), share.stat().st_ino
        trail.write_text(f"- partner: lembah-pos\n  url: https://www.lembahpos.example/uji-3\n"
                         f"  date: 2026-11-14\n  title: {title}\n  kind: republikasi\n", encoding="utf-8")
        run_warta(root, "build", env=NOW, check=True)
        after = _inodes(root / "site")
        changed = {p for p in after if before.get(p) != after[p]} - {"404.html", "admin/index.html"}
        assert {posixpath.dirname(p) + "/" for p in changed if p.startswith("laporan/")} == reports
        assert {p for p in changed if not p.startswith("laporan/")} == {"rilis/2026/11/rilis-uji-3/index.html"}, \
            sorted(changed)  # (those two: every build)
        assert share.stat().st_ino == kit  # the share kit does not show the trail: reused
        assert title in (root / "site/rilis/2026/11/rilis-uji-3/index.html").read_text(encoding="utf-8")
        assert site_outputs(root / "site") == site_outputs(_clean_build(root, f"bersih-{len(title)}"))


def test_an_embargo_that_ends_and_a_preview_rebuild_equal_clean_builds(tmp_path):
    root = _project(tmp_path)
    write_release(root, "rilis/2026/12/rilis-embargo", title="Rilis yang Masih Embargo Sampai Desember",
                  date="2026-12-01T09:00:00+07:00")
    run_warta(root, "build", env=NOW, check=True)
    assert not (root / "site/rilis/2026/12").exists()
    later = {"WARTA_NOW": "2026-12-02T09:00:00+07:00"}
    run_warta(root, "build", env=later, check=True)
    assert (root / "site/rilis/2026/12/rilis-embargo/index.html").is_file()
    run_warta(root, "build", "--site-dir", "bersih", env=later, check=True)
    assert site_outputs(root / "site") == site_outputs(root / "bersih")
    run_warta(root, "build", env={**NOW, "WARTA_PREVIEW": "1"}, check=True)
    run_warta(root, "build", "--site-dir", "bersih-pratinjau", env={**NOW, "WARTA_PREVIEW": "1"}, check=True)
    assert site_outputs(root / "site") == site_outputs(root / "bersih-pratinjau")
    run_warta(root, "build", env=NOW, check=True)  # and back: the embargo is hidden again
    assert not (root / "site/rilis/2026/12").exists()


def test_the_load_memo_never_hides_a_new_problem(tmp_path):
    from datetime import datetime

    from warta.config import load_site_config
    from warta.load import load_content

    root = _project(tmp_path)
    cfg = load_site_config(root)
    assert load_content(cfg).problems == [] and list((root / ".cache/warta/muat").glob("*.pickle"))
    again = load_content(cfg)  # from the memo
    assert again.problems == [] and len(again.releases) == 8
    photo_file = root / "content/rilis/2026/11/rilis-uji-3/foto.jpg"
    photo_file.write_bytes(photo_file.read_bytes()[:2000])  # a truncated photo
    assert [p.field for p in load_content(cfg).problems] == ["image.src"]
    photo(photo_file, size=(900, 600))
    registries = root / "data/registries.yml"
    registries.write_text(registries.read_text().replace("slug: dinkes", "slug: dinas-kesehatan"))
    assert {p.field for p in load_content(cfg).problems} == {"unit"}
    registries.write_text(registries.read_text().replace("slug: dinas-kesehatan", "slug: dinkes"))
    write_release(root, "rilis/2026/11/rilis-uji-0", title="Rilis Uji Nomor 0 tentang Layanan Warga",
                  date="2026-11-10T09:00:00+07:00", tags=["tanda-0"],
                  image={"src": "foto.jpg", "alt": "Warga di lokasi", "credit": "Diskominfo"},
                  updates=[{"date": "2026-11-22T10:00:00+07:00", "note": "Memperbaiki angka di isi."}])
    late = datetime.fromisoformat("2026-11-23T12:00:00+07:00")
    assert load_content(cfg, clock=late).problems == []
    early = datetime.fromisoformat("2026-11-21T12:00:00+07:00")  # the note is in the future then
    assert [p.message for p in load_content(cfg, clock=early).problems] == [
        "catatan perubahan bertanggal di masa depan"]


def test_serve_rebuilds_what_changed_and_reloads(tmp_path):
    import socket
    import time
    import urllib.request

    root = _project(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "warta", "serve", "--port", str(port)], cwd=root,
                              env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    page = f"http://127.0.0.1:{port}/rilis/2026/11/rilis-uji-2/"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(page, timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 120
        while "Rilis Uji Nomor 2" not in fetch():
            assert time.monotonic() < deadline and server.poll() is None, server.stderr.read()
            time.sleep(0.3)
        assert "livereload" in fetch()  # MkDocs' reload script, served from this machine only
        write_release(root, "rilis/2026/11/rilis-uji-2", title="Rilis Uji Nomor 2 tentang Layanan Warga",
                      category="pembangunan", unit="dpupr", date="2026-11-12T09:00:00+07:00",
                      tags=["tanda-2"], image={"src": "foto.jpg", "alt": "Warga di lokasi", "credit": "Diskominfo"},
                      body="Kalimat baru yang ditulis sambil pratinjau berjalan.\n")
        deadline = time.monotonic() + 60
        while "Kalimat baru yang ditulis" not in fetch():
            assert time.monotonic() < deadline and server.poll() is None, "no reload"
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
