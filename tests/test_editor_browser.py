"""The web editor end to end: `scripts/warta editor` against a temporary git repository (the
demo content), driven in headless Debian Chromium whose zone is São Paulo (UTC−3), far from
WIB, so every date the editor writes has to come from the site's zone, not the browser's.

Set WARTA_SHOTS=<folder> to keep screenshots of the main screens."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import REPO, make_project, photo, run_warta
from playwright.sync_api import expect
from test_history import git

from warta.registry import load_registries

pytestmark = pytest.mark.browser

ZONE = "America/Sao_Paulo"
WIB = ZoneInfo("Asia/Jakarta")
NOW = {"WARTA_NOW": "2026-12-03T12:00:00+07:00"}
IDENTITY = {"GIT_AUTHOR_NAME": "Humas", "GIT_AUTHOR_EMAIL": "humas@lembahsari.go.id",
            "GIT_COMMITTER_NAME": "Humas", "GIT_COMMITTER_EMAIL": "humas@lembahsari.go.id"}
TITLE = "Pemkab Luruskan Kabar Banjir Bandang di Air Dingin"
SLUG = "pemkab-luruskan-kabar-banjir-bandang-di-air-dingin"
SUMMARY = ("Kabar banjir bandang yang beredar di pesan berantai tidak benar; BPBD memastikan "
           "sungai dalam keadaan normal.")
PUBLISHED = "2026/11/bupati-resmikan-jembatan-gantung-talang-mulya/index"
NOT_FOUND = "Failed to load resource: the server responded with a status of 404"


def repository(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "proj", demo=True)
    (root / ".gitignore").write_text("/site/\n/.cache/\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rilis demo", date="2026-11-20T12:00:00+07:00")
    return root


@contextlib.contextmanager
def editor_on(root: Path):
    """`scripts/warta editor` in its own process; stopped (SIGTERM) by its process id."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **IDENTITY}
    process = subprocess.Popen([sys.executable, "-m", "warta", "editor", "--port", str(port)],
                               cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/admin/"
    deadline = time.monotonic() + 180  # the first run installs decap-server (npm ci)
    try:
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"editor did not start:\n{process.stdout.read() if process.poll() is not None else ''}")
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0]
        assert "Editor dihentikan" in output or process.returncode == 0, output


def watch(page, url: str) -> dict:
    origin = url.split("/admin/")[0]
    seen: dict = {"errors": [], "pageerrors": [], "offsite": [], "failed": [], "probes": 0}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["pageerrors"].append(str(e)))
    page.on("request", lambda r: None if r.url.startswith((origin + "/", "data:", "blob:"))
            else seen["offsite"].append(r.url))

    def response(r):
        if r.status < 400:
            return
        body = r.request.post_data or ""
        if r.status == 404 and r.url == origin + "/api/v1" and '"action":"unpublishedEntry"' in body:
            seen["probes"] += 1  # Decap asks whether a release already has a review branch
        else:
            seen["failed"].append(f"{r.status} {r.url} {body[:120]}")

    page.on("response", response)
    return seen


def assert_clean(seen: dict, refused_saves: int = 0) -> None:
    """No console error, failed or off-site request; the only exceptions are Decap's own: the
    "not found" answer to its review-branch probe, and the rejected promise of a refused save."""
    assert seen["offsite"] == [] and seen["failed"] == []
    assert [e for e in seen["errors"] if not e.startswith(NOT_FOUND)] == []
    assert sum(e.startswith(NOT_FOUND) for e in seen["errors"]) == seen["probes"]
    assert seen["pageerrors"] == ["undefined"] * refused_saves


def open_editor(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=ZONE, locale="id-ID")
    page = context.new_page()
    seen = watch(page, url)
    page.goto(url)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Tulis rilis baru").wait_for()
    return context, page, seen


def field(scope, label: str):
    """A form field by its label (an optional one's label ends with "(opsional)")."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(opsional\))?$", re.I))


def retype(page, box, text: str) -> None:
    """Replace a field's text as a person does (Decap keeps the caret where typing left it)."""
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def choose(page, label: str, option: str) -> None:
    field(page, label).click()
    page.get_by_role("option", name=option, exact=True).click()


def upload(page, scope, path: Path) -> None:
    scope.get_by_role("button", name="Pilih foto", exact=True).click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Pakai yang dipilih").click()


def save(page, root: Path) -> str:
    """Save a new review branch; return its name once git has it and the editor says so."""
    before = set(branches(root))
    page.get_by_role("button", name="Simpan", exact=True).click()
    deadline = time.monotonic() + 30
    while not (new := set(branches(root)) - before):
        assert time.monotonic() < deadline, "no review branch was saved"
        time.sleep(0.2)
    page.get_by_text("Tersimpan", exact=True).wait_for()  # the toolbar's state, after reloading
    return new.pop()


def branches(root: Path) -> list[str]:
    return git(root, "branch", "--list", "--format=%(refname:short)", "cms/*").split()


def review_clone(root: Path, branch: str, dest: Path) -> Path:
    git(dest.parent, "clone", "-q", "--branch", branch, str(root), str(dest))
    return dest


def shot(page, name: str, part=None) -> None:
    """A screenshot for the staff guide (notifications hidden), when WARTA_SHOTS is set."""
    if folder := os.environ.get("WARTA_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.evaluate("document.querySelectorAll('.Toastify').forEach(t => t.style.visibility = 'hidden')")
        (part or page).screenshot(path=str(Path(folder) / f"{name}.png"))
        page.evaluate("document.querySelectorAll('.Toastify').forEach(t => t.style.visibility = '')")


def test_write_a_klarifikasi_with_photos_then_correct_a_published_release(browser, tmp_path):
    root = repository(tmp_path)
    hero = photo(tmp_path / "sungai-normal.jpg", size=(1200, 800))
    inline = photo(tmp_path / "posko-bpbd.jpg", size=(1000, 700), color=(200, 120, 40))
    with editor_on(root) as url:
        context, page, seen = open_editor(browser, url)
        try:
            page.goto(url + "#/collections/rilis/new")
            field(page, "Judul").fill("Kabar Bo")  # 8 characters: too short
            field(page, "Waktu terbit").fill("2026-11-01T05:30")  # WIB: 31 Oct 22.30 UTC
            field(page, "Ringkasan").fill(SUMMARY)
            choose(page, "Kategori", "Cek Fakta")
            choose(page, "OPD penerbit", "Dinas Komunikasi, Informatika, Statistik dan Persandian")
            choose(page, "Jenis rilis", "Klarifikasi")
            field(page, "Tanda").fill("banjir, hoaks")
            upload(page, page, hero)
            field(page, "Teks alternatif").first.fill("Petugas BPBD memantau sungai yang mengalir normal")
            field(page, "Isi klaim").fill("Banjir bandang melanda tiga desa di Air Dingin pada Senin malam.")
            field(page, "Sumber klaim").fill("Pesan berantai WhatsApp")
            choose(page, "Penilaian", "Hoaks")
            body = page.locator("[data-slate-editor=true]")
            body.click()
            page.keyboard.type("BPBD Lembah Sari memastikan tidak ada banjir bandang di Air Dingin.")
            page.keyboard.press("Enter")
            page.get_by_role("button", name="Sisipkan").click()
            page.get_by_role("menuitem", name="Foto").click()
            upload(page, body, inline)
            field(body, "Teks alternatif").fill("Posko BPBD di tepi sungai")

            page.get_by_role("button", name="Simpan", exact=True).click()  # refused, in Indonesian
            page.get_by_text("Judul: terlalu pendek (8 karakter; minimal 10).").wait_for()
            page.get_by_text("Kredit foto wajib diisi.").wait_for()
            page.get_by_text("Ada isian wajib yang belum diisi").wait_for()
            field(page, "Judul").scroll_into_view_if_needed()
            shot(page, "formulir-ditolak")
            assert branches(root) == []

            retype(page, field(page, "Judul"), TITLE)
            field(page, "Kredit foto").fill("BPBD Lembah Sari/Rina")
            branch = save(page, root)
            preview = page.frame_locator("#preview-pane")
            assert preview.locator(".w-dateline").inner_text() == "Sarimulya, Minggu, 1 November 2026 05.30 WIB"
            page.get_by_text("Status: Draf").wait_for()
            shot(page, "klarifikasi-tersimpan")
            shot(page, "pratinjau", page.locator("#preview-pane"))
            folder = f"content/rilis/2026/11/{SLUG}"
            assert sorted(git(root, "diff", "--name-only", "main", branch).split()) == [
                f"{folder}/index.md", f"{folder}/posko-bpbd.jpg", f"{folder}/sungai-normal.jpg"]
            text = git(root, "show", f"{branch}:{folder}/index.md")
            front, body_md = text.split("\n---\n", 1)
            keys = [line.split(":")[0] for line in front.splitlines()[1:] if line[:1].isalpha()]
            assert keys == ["title", "date", "summary", "category", "unit", "type", "tags", "image", "claim"]
            assert "\ndate: 2026-11-01T05:30:00+07:00\n" in front
            assert "\n  src: sungai-normal.jpg\n" in front and "credit: BPBD Lembah Sari/Rina" in front
            assert "![Posko BPBD di tepi sungai](posko-bpbd.jpg)" in body_md
            checked = run_warta(review_clone(root, branch, tmp_path / "tinjau-baru"), "check", env=NOW)
            assert checked.returncode == 0, checked.stderr

            # A published release edited without a note: the form says it is needed, guard refuses.
            page.goto(url + "#/collections/rilis")  # as staff do: from the list
            page.get_by_role("link", name=re.compile("^Bupati Resmikan Jembatan Gantung Desa Talang Mulya")).click()
            page.get_by_text("WAJIB saat mengubah rilis yang sudah terbit").wait_for()
            summary = field(page, "Ringkasan")
            expect(summary).to_have_value(re.compile("^Jembatan gantung sepanjang 84 meter"))
            retype(page, summary, summary.input_value() + " Warga diminta ikut menjaga.")
            page.get_by_text("WAJIB saat mengubah rilis yang sudah terbit").scroll_into_view_if_needed()
            shot(page, "koreksi-tanpa-catatan")
            edit = save(page, root)
            assert git(root, "diff", "--name-only", "main", edit).split() == [f"content/rilis/{PUBLISHED}.md"]
            guarded = run_warta(review_clone(root, edit, tmp_path / "tinjau-koreksi"), "guard",
                                "--base", "origin/main", env=NOW)
            assert guarded.returncode == 1
            assert "rilis yang sudah terbit diubah tanpa catatan perubahan" in guarded.stderr
            assert git(root, "rev-parse", "--abbrev-ref", "HEAD") == "main"  # the working copy is back
            assert_clean(seen, refused_saves=1)
        finally:
            context.close()


LOCALE_GAPS = """() => {
  const walk = (en, id, path) => Object.keys(en).flatMap(k => typeof en[k] === 'object'
    ? walk(en[k], (id || {})[k], path + k + '.') : (id && typeof id[k] === 'string' ? [] : [path + k]));
  return walk(CMS.getLocale('en'), CMS.getLocale('id'), '');
}"""


def test_editor_screens_are_indonesian_accessible_and_local(browser, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    def axe(page, screen):
        bad = [v for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], (screen, [(v["id"], [(n["html"][:80], n["failureSummary"][-200:]) for n in v["nodes"]][:3]) for v in bad])

    root = repository(tmp_path)
    registries = load_registries(root / "data/registries.yml", "data/registries.yml")[0]
    with editor_on(root) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=ZONE, locale="id-ID")
        page = context.new_page()
        seen = watch(page, url)
        try:
            page.goto(url)
            page.get_by_role("button", name="Masuk").wait_for()
            axe(page, "masuk")
            assert page.evaluate(LOCALE_GAPS) == []  # every phrase of Decap's English has Indonesian
            page.get_by_role("button", name="Masuk").click()
            page.get_by_role("link", name="Tulis rilis baru").wait_for()
            page.get_by_text("Bupati Resmikan Jembatan Gantung Desa Talang Mulya").first.wait_for()
            for text in ("Alur tinjauan", "Urutkan", "Saring", "Kelompokkan"):
                page.get_by_text(text, exact=True).first.wait_for()
            expect(page.locator("header").get_by_role("button", name="Foto")).to_be_hidden()  # photos: per release
            axe(page, "daftar")
            shot(page, "daftar-rilis")

            page.goto(url + "#/collections/rilis/new")
            field(page, "Judul").wait_for()
            shown = datetime.fromisoformat(field(page, "Waktu terbit").input_value()).replace(tzinfo=WIB)
            assert abs(shown - datetime.now(WIB)) < timedelta(minutes=2)  # "now" is WIB, not São Paulo
            for label, entries in (("Kategori", registries.categories), ("OPD penerbit", registries.units)):
                field(page, label).click()
                assert page.get_by_role("option").all_inner_texts() == [e.name for e in entries]
                page.keyboard.press("Escape")
            field(page, "Judul").focus()
            page.wait_for_timeout(600)  # let the labels' colour transitions finish
            axe(page, "formulir")
            shot(page, "formulir-baru")
            page.get_by_role("button", name="Pilih foto", exact=True).click()
            page.get_by_role("button", name="Unggah").wait_for()
            axe(page, "foto")
            shot(page, "pustaka-foto")
            page.get_by_role("button", name="Tutup").click()

            field(page, "Judul").fill("Pendaftaran Beasiswa Daerah 2027 Dibuka")
            field(page, "Waktu terbit").fill("2026-12-20T09:00")
            field(page, "Ringkasan").fill("Pemkab membuka pendaftaran beasiswa daerah bagi 300 "
                                                "mahasiswa berprestasi dari keluarga kurang mampu.")
            choose(page, "Kategori", "Pendidikan")
            choose(page, "OPD penerbit", "Dinas Pendidikan dan Kebudayaan")
            page.locator("[data-slate-editor=true]").click()
            page.keyboard.type("Pendaftaran dibuka sampai 31 Januari 2027 melalui laman resmi Disdikbud.")
            save(page, root)
            page.get_by_text("Status: Draf").wait_for()
            preview = page.frame_locator("#preview-pane")
            assert "EMBARGO sampai Minggu, 20 Desember 2026 09.00 WIB" in preview.locator(".w-banner").inner_text()
            shot(page, "formulir-dan-pratinjau")

            page.goto(url + "#/collections/rilis")
            page.get_by_role("link", name="Alur tinjauan").click()
            for column in ("Draf", "Ditinjau", "Siap"):
                page.get_by_text(column, exact=True).first.wait_for()
            page.get_by_text("Pendaftaran Beasiswa Daerah 2027 Dibuka").wait_for()
            axe(page, "alur tinjauan")
            shot(page, "alur-tinjauan")
            assert_clean(seen)
        finally:
            context.close()
