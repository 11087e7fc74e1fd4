"""Guards on real temporary git repositories: each rule, refused or accepted, by the real CLI."""

from __future__ import annotations

import shutil

from conftest import make_project, photo, run_warta, write_release
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


# --- every file of a published bundle, drafts again, links and submodules, bad bases ---------------

HERO = {"src": "foto-utama.jpg", "alt": "Jembatan gantung baru di Talang Mulya",
        "credit": "Humas Kabupaten Lembah Sari"}
BUNDLE = f"content/{REL}"


def published_with_photo(tmp_path, **fields):
    root = make_project(tmp_path / "proj")
    git(root, "init", "-q", "-b", "main")
    write_release(root, REL, image=HERO, **fields)
    photo(root / BUNDLE / "foto-utama.jpg")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rilis jembatan dengan foto")
    git(root, "branch", "dasar")
    return root


def test_replaced_hero_photo_needs_a_note(tmp_path):
    root = published_with_photo(tmp_path)
    photo(root / BUNDLE / "foto-utama.jpg", color=(200, 30, 30))
    done = run_guard(root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (f"{PATH}: foto `foto-utama.jpg` rilis yang sudah terbit diganti tanpa catatan perubahan"
            in done.stderr)
    assert "updates:" in done.stderr
    assert "diubah tanpa catatan" not in done.stderr  # the text itself did not change
    write_release(root, REL, image=HERO, updates=[NOTE])
    assert run_guard(root).returncode == 0


def test_added_and_deleted_files_of_a_published_bundle_need_a_note(tmp_path):
    root = published_with_photo(tmp_path)
    photo(root / BUNDLE / "foto-2.jpg")
    (root / BUNDLE / "foto-utama.jpg").unlink()
    (root / BUNDLE / "catatan.txt").write_text("lampiran\n")
    done = run_guard(root)
    assert done.returncode == 1
    for message in ("foto `foto-2.jpg` ditambahkan ke rilis yang sudah terbit tanpa catatan perubahan",
                    "foto `foto-utama.jpg` dihapus dari rilis yang sudah terbit tanpa catatan perubahan",
                    "berkas `catatan.txt` ditambahkan ke rilis yang sudah terbit tanpa catatan perubahan"):
        assert f"{PATH}: {message}" in done.stderr


def test_photo_moved_out_of_a_published_bundle_is_caught(tmp_path):
    root = published_with_photo(tmp_path)
    other = write_release(root, "rilis/2026/11/rilis-lain", title="Rilis lain yang masih draf", draft=True)
    shutil.move(root / BUNDLE / "foto-utama.jpg", other.parent / "foto-utama.jpg")
    done = run_guard(root)
    assert done.returncode == 1
    assert f"{PATH}: foto `foto-utama.jpg` dihapus dari rilis yang sudah terbit" in done.stderr
    assert "rilis-lain" not in done.stderr  # a draft's files change freely


def test_photo_change_with_a_backdated_note_is_refused(tmp_path):
    root = published_with_photo(tmp_path, updates=[NOTE])
    photo(root / BUNDLE / "foto-utama.jpg", color=(200, 30, 30))
    write_release(root, REL, image=HERO, updates=[NOTE, {"date": "2026-11-18T10:00:00+07:00",
                                                         "note": "Mengganti foto utama rilis."}])
    done = run_guard(root)
    assert done.returncode == 1 and "catatan perubahan baru harus bertanggal setelah" in done.stderr


def test_photos_of_drafts_and_embargoed_releases_change_freely(tmp_path):
    root = published_with_photo(tmp_path, draft=True)
    photo(root / BUNDLE / "foto-utama.jpg", color=(200, 30, 30))
    photo(root / BUNDLE / "foto-2.jpg")
    assert run_guard(root).returncode == 0


def test_published_release_cannot_become_a_draft_again(tmp_path):
    root = published(tmp_path)
    write_release(root, REL, draft=True, updates=[NOTE])
    done = run_guard(root)
    assert done.returncode == 1
    assert f"{PATH}:7: draft: rilis yang sudah terbit tidak boleh dijadikan draf lagi" in done.stderr
    assert "withdrawn:" in done.stderr and "tanpa catatan" not in done.stderr


def test_symlinks_are_refused_and_never_followed(tmp_path):
    root = published(tmp_path)
    (root / PATH).unlink()
    (root / PATH).symlink_to("/proc/self/environ")
    (root / BUNDLE / "foto-utama.jpg").symlink_to("/etc/hostname")
    (root / "data" / "kontak.yml").symlink_to(tmp_path / "di-luar.yml")  # dangling, never committed
    done = run_warta(root, "guard", "--base", "dasar", env={**NOW, "WARTA_RAHASIA": "sangat-rahasia-123"})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for path in (PATH, f"{BUNDLE}/foto-utama.jpg", "data/kontak.yml"):
        assert f"{path}: tautan simbolik (symlink) tidak boleh ada di folder konten atau data" in done.stderr
    assert "sangat-rahasia-123" not in done.stdout + done.stderr


def test_committed_symlinked_folder_is_refused(tmp_path):
    root = published(tmp_path)
    (root / "content/rilis/2026/10").symlink_to(root / "content/rilis/2026/11", target_is_directory=True)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Tautan folder")
    done = run_guard(root)
    assert done.returncode == 1
    assert "content/rilis/2026/10: tautan simbolik (symlink)" in done.stderr


def test_submodules_under_content_are_refused(tmp_path):
    root = published(tmp_path)
    head = git(root, "rev-parse", "HEAD")
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{head},content/rilis/2026/11/modul")
    (root / ".gitmodules").write_text('[submodule "foto"]\n\tpath = content/foto\n\turl = ../foto.git\n'
                                      '[submodule "alat"]\n\tpath = alat\n\turl = ../alat.git\n')
    git(root, "add", ".gitmodules")
    git(root, "commit", "-q", "-m", "Submodul")
    git(root, "init", "-q", str(root / "content/tentang/salinan"))  # a repository copied in
    done = run_guard(root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for path in ("content/rilis/2026/11/modul", "content/tentang/salinan"):
        assert f"{path}: submodul git tidak boleh ada di folder konten atau data" in done.stderr
    assert ".gitmodules: submodul `content/foto` berada di folder konten atau data" in done.stderr
    assert "`alat`" not in done.stderr


def _bad_bases(root):
    blob = git(root, "rev-parse", f"HEAD:{PATH}")
    git(root, "tag", "tag-berkas", blob)
    return {"0" * 40: "adalah SHA nol, bukan commit",
            "1234567890abcdef1234567890abcdef12345678": "tidak ditemukan di git",
            "cabang-tidak-ada": "tidak ditemukan di git",
            "origin/main": "tidak ditemukan di git",
            blob: "bukan commit, melainkan isi sebuah berkas (blob)",
            "tag-berkas": "bukan commit, melainkan isi sebuah berkas (blob)",
            f"HEAD:{PATH}": "bukan commit, melainkan isi sebuah berkas (blob)",
            "HEAD:content": "bukan commit, melainkan sebuah folder (tree)",
            PATH: "tidak ditemukan di git",
            "../../etc/passwd": "tidak ditemukan di git",
            "--output=/tmp/x": "tidak ditemukan di git",
            "[/]": "tidak ditemukan di git"}


def test_every_bad_base_is_a_clear_error(tmp_path):
    root = published(tmp_path)
    for base, message in _bad_bases(root).items():
        for command in ("guard", "summary"):
            done = run_warta(root, command, "--base", base, env=NOW)
            assert done.returncode == 1, (command, base)
            assert f"basis '{base}' {message}" in done.stderr, (command, base, done.stderr)
            assert "petunjuk:" in done.stderr and "Traceback" not in done.stderr
    for command in ("guard", "summary"):
        done = run_warta(root, command, "--base", "", env=NOW)
        assert done.returncode == 1 and "basis kosong" in done.stderr and "Traceback" not in done.stderr
    done = run_warta(root, "guard", "--base", "0" * 40, "--format", "github", env=NOW)
    assert done.returncode == 1 and done.stdout.startswith("::error file=.,title=Warta::basis '0000")


def test_a_tag_of_a_commit_is_a_good_base(tmp_path):
    root = published(tmp_path)
    git(root, "tag", "-a", "rilis-1", "-m", "Penanda")
    write_release(root, REL, body="Diubah diam-diam.\n")
    done = run_warta(root, "guard", "--base", "rilis-1", env=NOW)
    assert done.returncode == 1 and "diubah tanpa catatan perubahan" in done.stderr


def test_broken_release_at_the_base_was_never_published(tmp_path):
    root = make_project(tmp_path / "proj")
    git(root, "init", "-q", "-b", "main")
    write_release(root, REL).write_bytes(b"---\ntitle: Jembatan \xff\n---\n\nIsi.\n")
    write_release(root, "rilis/2026/11/yaml-rusak", text="---\ntitle: [belum ditutup\n---\n\nIsi.\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rilis rusak")
    git(root, "branch", "dasar")
    write_release(root, REL)
    write_release(root, "rilis/2026/11/yaml-rusak", title="Rilis yang YAML-nya sudah dibetulkan")
    done = run_guard(root)
    assert done.returncode == 0 and "Traceback" not in done.stderr


def test_base_without_content_folder(tmp_path):
    root = make_project(tmp_path / "proj")
    shutil.rmtree(root / "content")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Kerangka")
    git(root, "branch", "dasar")
    write_release(root, REL, image=HERO)
    photo(root / BUNDLE / "foto-utama.jpg")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rilis pertama")
    done = run_guard(root)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert run_warta(root, "summary", "--base", "dasar", env=NOW).returncode == 0


def test_odd_file_names_are_printed_not_interpreted(tmp_path):
    root = published_with_photo(tmp_path)
    photo(root / BUNDLE / "[/]foto.jpg")
    photo(root / BUNDLE / "foto-\udcff.jpg")  # not UTF-8 on disk
    git(root, "add", "-A")
    done = run_guard(root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "foto `[/]foto.jpg` ditambahkan" in done.stderr and "foto `foto-\\xff.jpg` ditambahkan" in done.stderr
    done = run_warta(root, "guard", "--base", "dasar", "--format", "github", env=NOW)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "foto `foto-\\xff.jpg` ditambahkan" in done.stdout


def test_a_withdrawal_cannot_be_undone_or_rewritten(tmp_path):
    withdrawn = {"date": "2026-11-21T10:00:00+07:00", "reason": "Acara dibatalkan oleh panitia."}
    root = published(tmp_path, withdrawn=withdrawn)
    write_release(root, REL)  # the withdrawal removed
    done = run_guard(root)
    assert done.returncode == 1
    assert f"{PATH}:" in done.stderr and "penarikan rilis tidak boleh dibatalkan atau diubah" in done.stderr
    write_release(root, REL, withdrawn={**withdrawn, "reason": "Alasan lain yang ditulis belakangan."})
    assert "penarikan rilis tidak boleh dibatalkan atau diubah" in run_guard(root).stderr
    write_release(root, REL, withdrawn=withdrawn)
    assert run_guard(root).returncode == 0
