"""A build never destroys sources, and stops cleanly on Ctrl+C or SIGTERM: real CLI runs, real
MkDocs builds and real signals to a real build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from conftest import REPO, make_project, photo, run_warta, write_release

from warta import sitedir
from warta.config import load_site_config

pytestmark = pytest.mark.slow
ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200"}


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes), folder and link under `root`."""
    found = {}
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        found[rel] = (f"-> {os.readlink(path)}".encode() if path.is_symlink()
                      else path.read_bytes() if path.is_file() else None)
    return found


@pytest.fixture
def repo(project: Path) -> Path:
    """A project with everything a build must never touch: a release, git history, code
    folders, a foreign folder, a file and a link to the content."""
    write_release(project)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    for name in ("warta", "scripts"):
        (project / name).mkdir()
        (project / name / "kode.py").write_text("print('jangan dihapus')\n")
    (project / "catatan-pribadi").mkdir()
    (project / "catatan-pribadi" / "rahasia.txt").write_text("milik staf\n")
    (project / "berkas.txt").write_text("sebuah berkas\n")
    (project / "tautan-konten").symlink_to("content")
    return project


REFUSED = [
    (".", "adalah folder utama repositori"),
    ("..", "berisi folder utama repositori ('proj')"),
    ("content", "adalah folder konten (docs_dir)"),
    ("site/../content", "adalah folder konten (docs_dir)"),
    ("tautan-konten", "adalah folder konten (docs_dir)"),
    ("content/rilis", "berada di dalam folder konten (docs_dir) ('content')"),
    ("content/rilis/2026/baru", "berada di dalam folder konten (docs_dir) ('content')"),
    ("data", "adalah folder registri"),
    ("data/situs", "berada di dalam folder registri ('data')"),
    (".git", "adalah riwayat git"),
    (".git/objects", "berada di dalam riwayat git ('.git')"),
    ("hooks", "adalah kode hook Warta"),
    ("theme", "adalah templat tema"),
    ("warta", "adalah kode Warta"),
    ("scripts", "adalah skrip Warta"),
    ("catatan-pribadi", "sudah berisi 1 berkas/folder lain dan bukan hasil build Warta "
                        "(tidak ada berkas .warta-situs)"),
    ("berkas.txt", "'berkas.txt' adalah berkas, bukan folder"),
    ("berkas.txt/situs", "'berkas.txt' adalah berkas, bukan folder"),
]


@pytest.mark.parametrize("target, message", REFUSED, ids=[t for t, _ in REFUSED])
def test_cli_refuses_and_touches_nothing(repo, target, message):
    outside = repo.parent / "luar.txt"
    outside.write_text("di samping proyek\n")
    before, before_outside = snapshot(repo), snapshot(repo.parent)
    done = run_warta(repo, "build", "--site-dir", target)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert message in done.stderr, done.stderr
    assert "petunjuk:" in done.stderr and "Build ditolak: tidak ada berkas yang diubah." in done.stderr
    assert snapshot(repo) == before and snapshot(repo.parent) == before_outside
    assert not list(repo.parent.glob(".*-baru-*")) and not list(repo.glob(".*-baru-*"))


def test_refused_whatever_the_spelling(repo):
    cfg = load_site_config(repo)
    for target in ("/", repo.parent.parent, REPO, REPO / "warta", REPO / "warta" / "fonts",
                   repo / "content" / ".." / "data", str(repo) + "/", repo / "." / "hooks" / ".."):
        assert sitedir.refusal(target, cfg) is not None, target
    for target in (repo / "site", repo / "hasil" / "situs", repo.parent / "situs-lain", repo / "data" / ".."
                   / "site"):
        assert sitedir.refusal(target, cfg) is None, target


def test_plain_mkdocs_build_never_empties_a_source(repo):
    """MkDocs empties site_dir after on_config: the hook refuses first (MkDocs itself only
    compares docs_dir, now the staging folder, and site_dir as strings, so content/, a link
    or data/ would pass)."""
    before = snapshot(repo)
    for target, message in [("content", "adalah folder konten (docs_dir)"),
                            ("tahap", "The 'docs_dir' should not be within the 'site_dir'"),  # MkDocs' own
                            ("tautan-konten", "adalah folder konten (docs_dir)"),
                            ("data", "adalah folder registri"),
                            ("hooks", "adalah kode hook Warta"),
                            (".git", "adalah riwayat git"),
                            ("catatan-pribadi", "bukan hasil build Warta")]:
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml",
                               "--site-dir", target], cwd=repo, env=ENV, capture_output=True, text=True)
        assert done.returncode == 1 and message in done.stderr, (target, done.stderr)
        assert "Traceback" not in done.stderr
        assert snapshot(repo) == before, target


def test_every_build_is_marked_and_can_be_replaced(project):
    write_release(project)
    run_warta(project, "build", check=True)
    marker = project / "site" / sitedir.MARKER
    assert marker.read_text(encoding="utf-8") == sitedir.MARKER_TEXT
    assert "hasil build Warta" in sitedir.MARKER_TEXT
    (project / "site" / "sisa-lama.txt").write_text("dari build lama\n")
    run_warta(project, "build", check=True)  # Warta's own folder: replaced as a whole
    assert marker.is_file() and not (project / "site" / "sisa-lama.txt").exists()
    (project / "kosong").mkdir()
    run_warta(project, "build", "--site-dir", "kosong", check=True)  # empty: fine
    assert (project / "kosong" / "index.html").is_file() and (project / "kosong" / sitedir.MARKER).is_file()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "--site-dir", "polos"],
                          cwd=project, env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (project / "polos" / sitedir.MARKER).is_file()  # a plain MkDocs build is marked too
    assert not list(project.glob(".*-baru-*")) and not list(project.glob(".*-lama-*"))


def test_unwritable_parent_is_an_indonesian_error(project, tmp_path):
    write_release(project)
    cfg = load_site_config(project)
    # A file where the parent folder should be: creating the temporary folder fails.
    (tmp_path / "bukan-folder").write_text("x")
    with pytest.raises(sitedir.SiteDirError) as caught:
        sitedir.make_temp(tmp_path / "bukan-folder" / "site", cfg)
    assert "tidak bisa membuat folder hasil build di sini (ada berkas, bukan folder)" in str(caught.value)
    if os.geteuid() == 0:
        pytest.skip("as root, a read-only folder is still writable")
    parent = tmp_path / "hanya-baca"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        done = run_warta(project, "build", "--site-dir", str(parent / "site"))
    finally:
        parent.chmod(0o755)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "tidak bisa membuat folder hasil build di sini (tidak ada izin menulis)" in done.stderr
    assert list(parent.iterdir()) == []


# --- Signals ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def busy_project(tmp_path_factory) -> Path:
    """Enough large photos that rendering them keeps two workers busy for seconds, and an old
    site (Warta's marker, some files) that an interrupted build must leave as it is."""
    root = make_project(tmp_path_factory.mktemp("sinyal") / "proj")
    for i in range(30):
        bundle = f"rilis/2026/11/rilis-foto-{i:02d}"
        write_release(root, bundle, title=f"Bupati Resmikan Jembatan Gantung Nomor {i} di Talang Mulya",
                      image={"src": "foto.jpg", "alt": "Jembatan baru", "credit": "Humas"})
        photo(root / "content" / bundle / "foto.jpg", size=(2400, 1600), color=(i * 8, 110, 170))
    sitedir.mark(root / "site")
    (root / "site" / "index.html").write_text("<p>situs lama</p>\n")
    (root / "site" / "rilis").mkdir()
    (root / "site" / "rilis" / "foto-400.jpg").write_bytes(b"\xff\xd8 foto lama")
    return root


@pytest.mark.parametrize("sig, code, how", [(signal.SIGINT, 130, "Ctrl+C"), (signal.SIGTERM, 143, "SIGTERM")])
def test_signal_stops_build_workers_and_keeps_old_site(busy_project, sig, code, how):
    root = busy_project
    shutil.rmtree(root / ".cache", ignore_errors=True)  # the photos are rendered again
    before = snapshot(root / "site")
    # Its own session: Ctrl+C in a terminal reaches the whole process group, workers included.
    build = subprocess.Popen([sys.executable, "-m", "warta", "build"], cwd=root, env=ENV, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        children = _children_once_busy(build, root)
        assert build.poll() is None, "the build ended before it could be interrupted"
        if sig == signal.SIGINT:
            os.killpg(build.pid, sig)
        else:
            build.send_signal(sig)  # `kill PID`, or a CI runner stopping the job
        _, stderr = build.communicate(timeout=30)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert build.returncode == code, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip() and not line.startswith("PERINGATAN")]
    assert lines == [f"Build dihentikan ({how}). Situs lama di site/ tidak diubah."], stderr
    assert not list(root.glob(".site-*"))
    assert snapshot(root / "site") == before
    deadline = time.monotonic() + 10
    while (alive := [p for p in children if _running(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive == [], [p.cmdline() for p in alive]


def _children_once_busy(build: subprocess.Popen, root: Path) -> list[psutil.Process]:
    """Wait until the build writes into its temporary folder and its workers run; every
    descendant process seen until then."""
    parent, seen = psutil.Process(build.pid), {}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and build.poll() is None:
        try:
            seen.update((c.pid, c) for c in parent.children(recursive=True))
        except psutil.NoSuchProcess:
            break
        workers = [c for c in seen.values() if _running(c) and "multiprocessing-fork" in _cmdline(c)]
        if list(root.glob(".site-baru-*")) and len(workers) >= 2:
            time.sleep(0.5)  # the workers are rendering photos now
            seen.update((c.pid, c) for c in parent.children(recursive=True))
            return list(seen.values())
        time.sleep(0.05)
    raise AssertionError("the build never started its workers")


def _cmdline(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""


def _running(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
