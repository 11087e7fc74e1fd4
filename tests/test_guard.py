"""Guards on real temporary git repositories: each rule, refused or accepted, by the real CLI."""

from __future__ import annotations

import shutil

from conftest import make_project, run_warta, write_release
from test_history import git

REL = "rilis/2026/11/jembatan-talang-mulya"
PATH = f"content/{REL}/index.md"
NOW = {"WARTA_NOW": "2026-11-24T12:00:00+07:00"}
NOTE = {"date": "2026-11-20T10:00:00+07:00", "note": "Memperbaiki panjang jembatan di isi rilis."}


def published(tmp_path, **fields):
    root = make_project(tmp_path / "proj")
    git(root, "init", "-q", "-b", "main")
    write_release(root, REL, **fields)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rilis jembatan")
    git(root, "branch", "dasar")
    return root


def run_guard(root):
    return run_warta(root, "guard", "--base", "dasar", env=NOW)


def test_untouched_release_passes(tmp_path):
    done = run_guard(published(tmp_path))
    assert done.returncode == 0 and "Tidak ada perubahan diam-diam" in done.stderr


def test_silent_edit_is_refused(tmp_path):
    root = published(tmp_path)
    write_release(root, REL, body="Warga kini bisa menyeberang dengan aman dan cepat.\n")
    done = run_guard(root)
    assert done.returncode == 1
    assert f"{PATH}: rilis yang sudah terbit diubah tanpa catatan perubahan" in done.stderr
    assert "updates:" in done.stderr


def test_proper_correction_is_accepted(tmp_path):
    root = published(tmp_path)
    write_release(root, REL, body="Warga kini bisa menyeberang dengan aman dan cepat.\n", updates=[NOTE])
    assert run_guard(root).returncode == 0


def test_new_note_must_be_later_than_the_last(tmp_path):
    root = published(tmp_path, updates=[NOTE])
    write_release(root, REL, body="Isi yang diubah lagi.\n",
                  updates=[NOTE, {"date": "2026-11-19T10:00:00+07:00", "note": "Catatan bertanggal mundur."}])
    done = run_guard(root)
    assert done.returncode == 1 and "catatan perubahan baru harus bertanggal setelah" in done.stderr


def test_old_notes_cannot_be_rewritten(tmp_path):
    root = published(tmp_path, updates=[NOTE])
    write_release(root, REL, updates=[{**NOTE, "note": "Catatan lama yang ditulis ulang diam-diam."}])
    done = run_guard(root)
    assert done.returncode == 1 and "catatan perubahan yang sudah terbit tidak boleh diubah" in done.stderr


def test_date_change_is_refused(tmp_path):
    root = published(tmp_path)
    write_release(root, REL, date="2026-11-16T10:30:00+07:00", updates=[NOTE])
    done = run_guard(root)
    assert done.returncode == 1
    assert f"{PATH}:3: date: tanggal asli rilis yang sudah terbit tidak boleh diubah" in done.stderr


def test_url_change_is_refused(tmp_path):
    root = published(tmp_path)
    shutil.move(root / "content" / REL, root / "content/rilis/2026/11/jembatan-baru-talang-mulya")
    done = run_guard(root)
    assert done.returncode == 1
    assert f"{PATH}: rilis yang sudah terbit tidak boleh dihapus, dipindahkan atau diganti namanya" in done.stderr


def test_deletion_is_refused(tmp_path):
    root = published(tmp_path)
    shutil.rmtree(root / "content" / REL)
    assert run_guard(root).returncode == 1


def test_withdrawal_is_accepted_and_shown(tmp_path):
    root = published(tmp_path)
    write_release(root, REL, withdrawn={"date": "2026-11-21T15:00:00+07:00",
                                        "reason": "Acara dibatalkan panitia; informasi pengganti menyusul."})
    assert run_guard(root).returncode == 0
    run_warta(root, "build", env=NOW, check=True)
    page = (root / "site" / REL / "index.html").read_text()
    assert "Rilis ini telah ditarik" in page and "Acara dibatalkan panitia" in page
    assert "jembatan-talang-mulya" not in (root / "site/index.html").read_text()
    assert "Ditarik" in (root / "site/feed.xml").read_text()


def test_edits_to_drafts_and_embargoed_releases_are_free(tmp_path):
    root = make_project(tmp_path / "proj")
    git(root, "init", "-q", "-b", "main")
    write_release(root, REL, draft=True)
    write_release(root, "rilis/2036/08/upacara-hut-ri", date="2036-08-17T08:00:00+07:00")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Draf dan embargo")
    git(root, "branch", "dasar")
    write_release(root, REL, title="Judul draf yang diganti total", draft=True)
    write_release(root, "rilis/2036/08/upacara-hut-ri", date="2036-08-17T08:00:00+07:00",
                  body="Isi embargo yang diubah.\n")
    shutil.rmtree(root / "content" / REL)
    assert run_guard(root).returncode == 0


def test_windows_line_endings_alone_are_not_an_edit(tmp_path):
    root = published(tmp_path)
    path = root / PATH
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run_guard(root).returncode == 0


def test_unknown_base_is_a_clear_error(tmp_path):
    root = published(tmp_path)
    done = run_warta(root, "guard", "--base", "tidak-ada", env=NOW)
    assert done.returncode == 1 and "basis 'tidak-ada' tidak ditemukan di git" in done.stderr
    assert "Traceback" not in done.stderr


def test_merge_commits_and_rewritten_history_compare_trees(tmp_path):
    root = published(tmp_path)
    git(root, "checkout", "-q", "-b", "fitur")
    write_release(root, "rilis/2026/11/rilis-lain", title="Rilis lain untuk uji penggabungan")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rilis lain")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "fitur", "-m", "Gabung")
    assert run_guard(root).returncode == 0
    git(root, "commit", "-q", "--amend", "-m", "Gabung (ditulis ulang)")
    assert run_guard(root).returncode == 0
    write_release(root, REL, body="Diubah diam-diam dalam commit penggabungan.\n")
    git(root, "commit", "-q", "--amend", "-am", "Gabung (dengan suntingan)")
    assert run_guard(root).returncode == 1  # whatever the history looks like, the trees decide
