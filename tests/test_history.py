"""Public change history from real temporary git repositories (no mocks)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import make_project, run_warta, write_release

from warta.history import read_history

REL = "rilis/2026/11/jembatan-talang-mulya"


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {"GIT_AUTHOR_NAME": "Humas", "GIT_AUTHOR_EMAIL": "humas@lembahsari.go.id",
           "GIT_COMMITTER_NAME": "Humas", "GIT_COMMITTER_EMAIL": "humas@lembahsari.go.id",
           "PATH": "/usr/bin:/bin"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def repo_with_correction(tmp_path: Path) -> tuple[Path, str, str]:
    root = make_project(tmp_path / "proj")
    git(root, "init", "-q", "-b", "main")
    write_release(root, REL)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rilis jembatan", date="2026-11-16T09:20:00+07:00")
    first = git(root, "rev-parse", "HEAD")
    write_release(root, REL, summary="Jembatan gantung sepanjang 84 meter kini menghubungkan dua dusun "
                  "yang selama ini terpisah Sungai Baru di Desa Talang Mulya.",
                  updates=[{"date": "2026-11-17T10:00:00+07:00", "note": "Memperbaiki nama desa di ringkasan."}])
    git(root, "commit", "-q", "-am", "Koreksi ringkasan", date="2026-11-17T10:05:00+07:00")
    return root, first, git(root, "rev-parse", "HEAD")


def test_one_pass_history_per_file(tmp_path):
    root, first, second = repo_with_correction(tmp_path)
    history = read_history(root)
    commits = history.of(f"content/{REL}/index.md")
    assert [c.sha for c in commits] == [first, second] and history.warning is None
    assert commits[1].subject == "Koreksi ringkasan"


def test_release_page_links_each_change(tmp_path):
    root, first, second = repo_with_correction(tmp_path)
    run_warta(root, "build", check=True)
    html = (root / "site" / REL / "index.html").read_text()
    section = html.split('id="riwayat"')[1].split("</section>")[0]
    rows = re.findall(r"<li>(.*?)</li>", section, re.S)
    assert len(rows) == 2
    assert "pertama terbit" in rows[0] and f"/commit/{first}" in rows[0]
    assert "Memperbaiki nama desa di ringkasan." in rows[1] and f"/commit/{second}" in rows[1]
    assert f"/commits/main/content/{REL}/index.md" in section


def test_shallow_clone_warns_and_builds(tmp_path):
    root, _, second = repo_with_correction(tmp_path)
    clone = tmp_path / "dangkal"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    done = run_warta(clone, "build")
    assert done.returncode == 0, done.stderr
    assert "klon git dangkal (shallow)" in done.stderr and "fetch-depth: 0" in done.stderr
    html = (clone / "site" / REL / "index.html").read_text()
    assert f"/commit/{second}" in html and "Riwayat perubahan" in html


def test_folder_without_git_builds_without_links(tmp_path):
    root = make_project(tmp_path / "proj")
    write_release(root, REL)
    done = run_warta(root, "build")
    assert done.returncode == 0 and "bukan repositori git" in done.stderr
    html = (root / "site" / REL / "index.html").read_text()
    assert "pertama terbit" in html and "/commit/" not in html


def test_repository_without_commits(tmp_path):
    root = make_project(tmp_path / "proj")
    git(root, "init", "-q")
    assert read_history(root).warning == "repositori git belum punya commit: riwayat tanpa tautan perubahan"


def test_demo_history_matches_git():
    from conftest import REPO

    history = read_history(REPO)
    if history.warning:  # CI clones fully; a shallow checkout still has the newest commit
        assert "dangkal" in history.warning
    files = [p for p in history.commits if p.endswith("/index.md")]
    assert len(files) >= 30
    log = git(REPO, "log", "--format=%H", "--", "content/rilis/2026/11/wifi-gratis-di-40-desa-terpencil/index.md")
    assert [c.sha for c in history.of("content/rilis/2026/11/wifi-gratis-di-40-desa-terpencil/index.md")] == \
        list(reversed(log.split()))
