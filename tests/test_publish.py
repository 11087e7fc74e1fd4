"""`scripts/warta publish`: a real small site, published with the real CLI to a folder, to a
real sshd on loopback (rsync over ssh) and to a real S3 server (SeaweedFS): first publish,
no-op, one release changed, interruption and resume, the --max-deletes guard, rollback, bad
credentials, and the GitHub Pages size check."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import DEMO_NOW, REPO, make_project, photo, run_warta, write_release
from publishing import diff, kill_when, md5s, running, seaweed, snapshot, sshd, tree

from warta.publish import PublishError, site_problem, target
from warta.publish.s3 import IMMUTABLE, MEDIA, SHORT, stage_of

COUNTS = re.compile(r"(\d+) berkas diunggah(?: \([^)]*\))?, (\d+) sudah sama, (\d+) dihapus\.")


@dataclass(frozen=True)
class Sites:
    root: Path  # the project (publish runs in it)
    v1: Path
    v2: Path  # one release's body changed
    v3: Path  # v2 and one new release with a photo


def _hashed_media(site: Path) -> None:
    """Renditions under content-hashed names, as the images change writes them (copies of
    today's renditions until it lands)."""
    for rendition in site.glob("rilis/*/*/*/foto-800.jpg"):
        data = rendition.read_bytes()
        rendition.with_name(f"foto-800.{hashlib.sha256(data).hexdigest()[:10]}.jpg").write_bytes(data)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Sites:
    base = tmp_path_factory.mktemp("terbit")
    root = make_project(base / "proj")
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("    repo_branch: main\n", "    repo_branch: main\n    editor: false\n"))

    def release(n: int, day: int) -> None:
        rel = f"rilis/2026/11/rilis-uji-{n}"
        write_release(root, rel, title=f"Bupati Resmikan Jembatan Nomor {n} di Desa Talang",
                      date=f"2026-11-{day:02d}T09:30:00+07:00",
                      image={"src": "foto.jpg", "alt": "Jembatan gantung yang baru", "credit": "Humas"})
        photo(root / "content" / rel / "foto.jpg", color=(40 + 50 * n, 110, 170))

    versions = []
    for n in range(3):
        release(n, 10 + n)
    for step in range(3):
        if step == 1:
            body = root / "content/rilis/2026/11/rilis-uji-1/index.md"
            body.write_text(body.read_text() + "\nKalimat tambahan setelah terbit.\n")
        if step == 2:
            release(3, 20)
        run_warta(root, "build", env={"WARTA_NOW": DEMO_NOW}, check=True)
        copy = base / f"v{step + 1}"
        shutil.copytree(root / "site", copy)
        _hashed_media(copy)
        versions.append(copy)
    return Sites(root, *versions)


def publish(sites: Sites, site: Path, url: str, *args: str, env: dict | None = None):
    return run_warta(sites.root, "publish", "--site-dir", str(site), "--target", url, *args, env=env)


def counts(done) -> tuple[int, int, int]:
    found = COUNTS.search(done.stdout)
    assert done.returncode == 0 and found, done.stdout + done.stderr
    return tuple(map(int, found.groups()))


def versions(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "releases").iterdir() if not p.name.startswith("."))


def start(sites: Sites, site: Path, url: str, env: dict) -> subprocess.Popen:
    """A publish in its own process group (killed as a whole, like a lost connection)."""
    full = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200", **env}
    return subprocess.Popen([sys.executable, "-m", "warta", "publish", "--site-dir", str(site), "--target", url],
                            cwd=sites.root, env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


@pytest.fixture(scope="module")
def ssh_server(tmp_path_factory):
    with sshd(tmp_path_factory.mktemp("sshd")) as server:
        yield server


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    with seaweed(tmp_path_factory.mktemp("weed")) as server:
        yield server


def releases_target(kind: str, folder: Path, request) -> tuple[str, dict]:
    if kind == "file":
        return f"file://{folder}", {}
    server = request.getfixturevalue("ssh_server")
    return server.url(folder), server.env()


# -- file:// and ssh:// (rsync, versions switched by a symlink) ------------------------------

@pytest.mark.parametrize("kind", ["file", "ssh"])
def test_first_noop_change_guard_and_rollback(kind, sites, tmp_path, request):
    folder = tmp_path / "srv"
    url, env = releases_target(kind, folder, request)
    total1, total2 = len(tree(sites.v1)), len(tree(sites.v2))
    assert any(MEDIA.search(p) for p in tree(sites.v1))

    first = publish(sites, sites.v1, url, env=env)
    assert counts(first) == (total1, 0, 0)
    (v1,) = versions(folder)
    assert f"Versi {v1} tayang." in first.stdout and re.fullmatch(r"000001-\d{8}T\d{6}Z", v1)
    assert os.readlink(folder / "current") == f"releases/{v1}"
    assert tree(folder / "current") == tree(sites.v1)

    again = publish(sites, sites.v1, url, env=env)
    assert counts(again) == (0, total1, 0)
    assert f"Tidak ada yang berubah di {url}" in again.stdout and versions(folder) == [v1]

    uploads, deletions = diff(sites.v1, sites.v2)
    assert 0 < len(uploads) <= 30 and deletions  # one body changed; its old search fragment goes
    before = snapshot(folder)
    refused = publish(sites, sites.v2, url, "--max-deletes", "0", env=env)
    assert refused.returncode == 1
    assert (f"terbit ini akan menghapus {len(deletions)} berkas di target, lebih dari batas "
            "--max-deletes 0 (mis. ") in refused.stderr
    assert "Terbit dibatalkan: situs di target tidak diubah." in refused.stderr
    dry = publish(sites, sites.v2, url, "--dry-run", env=env)
    assert (f"Uji coba (--dry-run): {len(uploads)} berkas akan diunggah, {total2 - len(uploads)} sudah "
            f"sama, {len(deletions)} akan dihapus. Target tidak diubah.") in dry.stdout
    assert snapshot(folder) == before

    second = publish(sites, sites.v2, url, env=env)
    assert counts(second) == (len(uploads), total2 - len(uploads), len(deletions))
    v1_, v2 = versions(folder)
    assert v1_ == v1 and f"Versi {v2} tayang; versi sebelumnya ({v1}) disimpan" in second.stdout
    assert tree(folder / "current") == tree(sites.v2)
    for path in set(tree(sites.v2)) - uploads:  # unchanged files are hard links, not copies
        assert (folder / "current" / path).stat().st_ino == (folder / "releases" / v1 / path).stat().st_ino

    back = run_warta(sites.root, "publish", "--target", url, "--rollback", env=env)
    assert back.returncode == 0 and f"kembali ke versi {v1}; versi {v2} dihapus." in back.stdout
    assert tree(folder / "current") == tree(sites.v1) and versions(folder) == [v1]
    alone = run_warta(sites.root, "publish", "--target", url, "--rollback", env=env)
    assert alone.returncode == 1 and f"tidak ada versi sebelum {v1} di target" in alone.stderr


def test_older_versions_are_pruned(sites, tmp_path):
    folder = tmp_path / "srv"
    for site in (sites.v1, sites.v2, sites.v3, sites.v1):
        assert publish(sites, site, f"file://{folder}").returncode == 0
    names = versions(folder)
    assert [name[:6] for name in names] == ["000002", "000003", "000004"]
    assert os.readlink(folder / "current") == f"releases/{names[-1]}"
    assert tree(folder / "current") == tree(sites.v1)


@pytest.mark.parametrize("kind", ["file", "ssh"])
def test_interrupted_upload_leaves_the_live_site_and_resumes(kind, sites, tmp_path, request):
    folder = tmp_path / "srv"
    url, env = releases_target(kind, folder, request)
    assert publish(sites, sites.v2, f"file://{folder}").returncode == 0  # the same layout
    uploads, _ = diff(sites.v2, sites.v3)
    partial = folder / "releases" / ".unggah"

    def some_uploaded() -> bool:  # files with new content (unchanged ones are hard links)
        return partial.is_dir() and sum(1 for p in partial.rglob("*") if p.is_file()
                                        and not p.name.startswith(".") and p.stat().st_nlink == 1) >= 2

    process = start(sites, sites.v3, url, {**env, "WARTA_PUBLISH_BWLIMIT": "20"})
    stopped = kill_when(process, some_uploaded, "upload", term=kind == "file")
    assert tree(folder / "current") == tree(sites.v2) and partial.is_dir()
    if kind == "file":
        assert stopped.returncode == 143 and "Traceback" not in stopped.stderr
        assert ("Terbit dihentikan (SIGTERM). Situs yang tayang di target tetap utuh (versi lama, atau "
                "versi baru bila pertukarannya sempat selesai). Jalankan lagi perintah yang sama untuk "
                "melanjutkan; berkas yang sudah terunggah dipakai lagi.") in stopped.stderr
        deadline = time.monotonic() + 10  # rsync's own helper processes end once it has
        while running(str(partial)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not running(str(partial)), "rsync was left running"

    resumed = publish(sites, sites.v3, url, env=env)
    uploaded, _, _ = counts(resumed)
    assert "(melanjutkan unggahan yang terputus)" in resumed.stdout
    assert 0 < uploaded <= len(uploads) - 2
    assert tree(folder / "current") == tree(sites.v3) and not partial.exists()


def test_ssh_refusals_change_nothing(sites, tmp_path, ssh_server):
    folder = tmp_path / "srv"
    assert publish(sites, sites.v1, f"file://{folder}").returncode == 0
    before = snapshot(folder)
    url = ssh_server.url(folder)
    cases = {
        "kunci lain": (url, ssh_server.env(WARTA_SSH_KEY=str(ssh_server.other_key)),
                       "login ke server ditolak: kunci SSH salah atau belum dipasang di server"),
        "host tak dikenal": (url, ssh_server.env(WARTA_SSH_KNOWN_HOSTS=str(tmp_path / "kosong")),
                             "kunci host server tidak dikenal atau berubah; sambungan dihentikan demi keamanan"),
        "port mati": (url.replace(f":{ssh_server.port}/", ":1/"), ssh_server.env(),
                      "server tidak bisa dihubungi (alamat, port atau jaringan salah, atau server mati)"),
    }
    (tmp_path / "kosong").write_text("")
    for name, (address, env, message) in cases.items():
        done = publish(sites, sites.v2, address, env=env)
        assert done.returncode == 1 and message in done.stderr, (name, done.stderr)
        assert "Terbit dibatalkan: situs di target tidak diubah." in done.stderr
        assert "Traceback" not in done.stderr
        assert snapshot(folder) == before, name


# -- s3:// (rclone in stages) ----------------------------------------------------------------

def test_s3_first_noop_change_headers_and_guard(sites, s3_server):
    url, env = s3_server.url("siklus"), s3_server.env()
    files1 = tree(sites.v1)
    first = publish(sites, sites.v1, url, env=env)
    assert counts(first) == (len(files1), 0, 0)
    media = sum(1 for p in files1 if stage_of(p) == "media")
    pages = sum(1 for p in files1 if stage_of(p) == "halaman")
    assert (f"(media berhash {media}, aset lain {len(files1) - media - pages}, halaman dan feed "
            f"{pages})") in first.stdout
    objects = s3_server.objects("siklus", metadata=True)
    assert {p: o["md5"] for p, o in objects.items()} == md5s(files1)
    for path, found in objects.items():
        assert found["cache"] == (IMMUTABLE if MEDIA.search(path) else SHORT), path

    again = publish(sites, sites.v1, url, env=env)
    assert counts(again) == (0, len(files1), 0) and f"Tidak ada yang berubah di {url}" in again.stdout

    uploads, deletions = diff(sites.v1, sites.v2)
    refused = publish(sites, sites.v2, url, "--max-deletes", "0", env=env)
    assert refused.returncode == 1 and (f"terbit ini akan menghapus {len(deletions)} berkas di target, "
                                        "lebih dari batas --max-deletes 0") in refused.stderr
    dry = publish(sites, sites.v2, url, "--dry-run", env=env)
    assert f"{len(uploads)} berkas akan diunggah" in dry.stdout
    assert s3_server.objects("siklus", metadata=True) == objects

    second = publish(sites, sites.v2, url, env=env)
    assert counts(second) == (len(uploads), len(tree(sites.v2)) - len(uploads), len(deletions))
    assert len(uploads) <= 30
    assert {p: o["md5"] for p, o in s3_server.objects("siklus").items()} == md5s(tree(sites.v2))

    back = run_warta(sites.root, "publish", "--target", url, "--rollback", env=env)
    assert back.returncode == 1 and "--rollback tidak tersedia untuk target s3://" in back.stderr


def test_s3_interrupted_publish_keeps_every_page_whole(sites, s3_server):
    """Killed while media and assets upload: the live site is the old one, whole. Killed
    once new pages are live: every new file they need is there and no old file is deleted.
    Then the next publish finishes the job."""
    url, env = s3_server.url("putus"), s3_server.env()
    assert publish(sites, sites.v2, url, env=env).returncode == 0
    old, new = md5s(tree(sites.v2)), md5s(tree(sites.v3))
    uploads, deletions = diff(sites.v2, sites.v3)
    assets = {p for p in uploads if stage_of(p) != "halaman"}
    pages = uploads - assets
    assert len(assets) >= 4 and pages and deletions

    def live() -> dict[str, str]:
        return {p: o["md5"] for p, o in s3_server.objects("putus").items()}

    def new_assets() -> bool:
        return sum(live().get(p) == new[p] for p in assets) >= 2

    process = start(sites, sites.v3, url, {**env, "WARTA_PUBLISH_BWLIMIT": "20"})
    kill_when(process, new_assets, "new asset")
    now = live()
    assert {p: now.get(p) for p in old} == old  # the old site, whole

    def new_page() -> bool:
        return any(live().get(p) == new[p] for p in pages)

    process = start(sites, sites.v3, url, {**env, "WARTA_PUBLISH_BWLIMIT": "150"})
    kill_when(process, new_page, "new page")
    now = live()
    assert all(now.get(p) == new[p] for p in assets)  # what new pages need came first
    assert all(p in now for p in old)  # nothing deleted yet

    done = publish(sites, sites.v3, url, env=env)
    uploaded, _, deleted = counts(done)
    assert uploaded < len(uploads) and deleted == len(deletions)
    assert live() == new


def test_s3_bad_credentials_change_nothing_and_show_no_secret(sites, s3_server):
    url = s3_server.url("kunci")
    assert publish(sites, sites.v1, url, env=s3_server.env()).returncode == 0
    before = s3_server.objects("kunci")
    wrong = "kunci-rahasia-yang-salah-9876"
    for env, message in (
            (s3_server.env(AWS_SECRET_ACCESS_KEY=wrong), "kunci akses S3 ditolak server"),
            (s3_server.env(AWS_ACCESS_KEY_ID="AKIDTIDAKADA", AWS_SECRET_ACCESS_KEY=wrong),
             "kunci akses S3 ditolak server"),
            (s3_server.env(WARTA_S3_ENDPOINT="http://127.0.0.1:1"), "server S3 tidak bisa dihubungi")):
        done = publish(sites, sites.v2, url, env=env)
        assert done.returncode == 1 and message in done.stderr, done.stderr
        assert "Terbit dibatalkan: situs di target tidak diubah." in done.stderr
        output = done.stdout + done.stderr
        assert wrong not in output and s3_server.secret_key not in output and "Traceback" not in output
    missing = publish(sites, sites.v2, s3_server.url("lain"), env={
        "WARTA_S3_ENDPOINT": "", "AWS_ACCESS_KEY_ID": "AKIDUJI", "AWS_SECRET_ACCESS_KEY": ""})
    assert missing.returncode == 1 and ("pengaturan S3 belum lengkap: WARTA_S3_ENDPOINT, "
                                        "AWS_SECRET_ACCESS_KEY belum disetel") in missing.stderr
    absent = publish(sites, sites.v2, "s3://tidak-ada/kunci", env=s3_server.env())
    assert absent.returncode == 1 and "bucket 'tidak-ada' tidak ada di server S3" in absent.stderr
    assert s3_server.objects("kunci") == before


# -- refusals before any target is contacted, the Pages size check, the workflow --------------

def test_incomplete_site_and_bad_addresses_are_refused(sites, tmp_path):
    broken = tmp_path / "rusak"
    shutil.copytree(sites.v1, broken)
    (broken / "index.html").unlink()
    unmarked = tmp_path / "lain"
    unmarked.mkdir()
    (unmarked / "index.html").write_text("<p>situs lain</p>")
    for site, message in ((tmp_path / "belum", "folder situs 'belum' tidak ada"),
                          (unmarked, "'lain' bukan hasil build Warta (tidak ada berkas .warta-situs)"),
                          (broken, "'rusak' tidak lengkap: index.html tidak ada")):
        assert site_problem(site, site.name).problem.message == message
    assert site_problem(sites.v1, "v1") is None
    for url, message in (("ftp://server/situs", "alamat target tidak dikenal"),
                         ("file://relatif/situs", "alamat file:// hanya untuk folder di komputer ini"),
                         ("ssh://server", "jalur folder di server harus jalur lengkap"),
                         ("ssh://server/srv/situs baru", "jalur folder di server harus jalur lengkap"),
                         ("ssh://warta:rahasia@server/srv/warta", "alamat target berisi kata sandi"),
                         ("ssh://warta@server:99999/srv/warta", "nomor port di alamat ssh:// tidak valid"),
                         ("s3://Bucket_Salah/x", "nama bucket 'Bucket_Salah' tidak valid"),
                         ("s3://situs/a//b", "awalan (folder) di alamat s3:// tidak valid"),
                         (f"file://{sites.v1}/releases", "folder target tidak boleh sama dengan")):
        with pytest.raises(PublishError) as refused:
            target(url, sites.v1, {"WARTA_S3_ENDPOINT": "http://127.0.0.1:1", "AWS_ACCESS_KEY_ID": "a",
                                   "AWS_SECRET_ACCESS_KEY": "b"})
        assert refused.value.problem.message.startswith(message), url
    # The same through the CLI: exit 1, one clear line, nothing written anywhere.
    missing = publish(sites, tmp_path / "belum", f"file://{tmp_path / 'srv'}")
    assert missing.returncode == 1 and "tidak ada" in missing.stderr and "Traceback" not in missing.stderr
    unknown = publish(sites, sites.v1, "ftp://server/situs")
    assert unknown.returncode == 1 and "✗ ftp://server/situs: alamat target tidak dikenal" in unknown.stderr
    assert "petunjuk: tulis salah satu dari: file:///folder, ssh://" in unknown.stderr
    assert not (tmp_path / "srv").exists()
    usage = run_warta(sites.root, "publish")
    assert usage.returncode == 2 and "opsi --target wajib diisi" in usage.stderr


def test_pages_size_check(sites, tmp_path):
    fits = run_warta(sites.root, "publish", "--check-pages-size", "--site-dir", str(sites.v1))
    assert fits.returncode == 0 and "muat di GitHub Pages (batas 900 MB)." in fits.stdout
    big = tmp_path / "besar"
    shutil.copytree(sites.v1, big)
    with (big / "arsip-video.bin").open("wb") as sparse:  # 901 MB without using the disk
        sparse.truncate(901_000_000)
    over = run_warta(sites.root, "publish", "--check-pages-size", "--site-dir", str(big))
    assert over.returncode == 1
    assert "lebih dari batas 900 MB untuk GitHub Pages (GitHub menerbitkan paling besar 1 GB)" in over.stderr
    assert "WARTA_PUBLISH_TARGET ke ssh://pengguna@server/folder" in over.stderr
    assert "s3://bucket/awalan" in over.stderr
    assert "Tidak diterbitkan: tidak ada yang diunggah ke GitHub Pages." in over.stderr


def _workflow_steps() -> dict[str, dict]:
    import yaml

    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text())
    return {step.get("name") or step["uses"].split("@")[0]: step for step in workflow["jobs"]["build"]["steps"]}


def test_workflow_checks_pages_size_before_upload_and_publishes_elsewhere(sites, tmp_path, ssh_server):
    steps = _workflow_steps()
    names = list(steps)
    check, upload = names.index("Ukuran situs untuk GitHub Pages"), names.index("actions/upload-pages-artifact")
    assert check < upload and "publish --check-pages-size" in steps[names[check]]["run"]
    own = steps["Terbitkan ke server atau penyimpanan sendiri"]
    assert "pages == 'false'" in own["if"] and "pages == 'true'" in steps[names[upload]]["if"]
    assert "${{" not in own["run"]  # values reach the script through env only
    # The step's script as GitHub runs it, with the secrets' contents, against the test sshd.
    folder = tmp_path / "srv"
    env = {"TARGET": ssh_server.url(folder), "SSH_KEY": ssh_server.key.read_text(),
           "SSH_KNOWN_HOSTS": ssh_server.known_hosts.read_text(), "AWS_ACCESS_KEY_ID": "",
           "AWS_SECRET_ACCESS_KEY": "", "WARTA_S3_ENDPOINT": "", "WARTA_S3_REGION": "",
           "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200"}
    script = own["run"].replace("scripts/warta", f"{sys.executable} -m warta")
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=sites.root,
                          env={**{k: v for k, v in os.environ.items() if not k.startswith("WARTA_")}, **env},
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert counts(done)[0] == len(tree(sites.root / "site"))
    assert tree(folder / "current") == tree(sites.root / "site")
