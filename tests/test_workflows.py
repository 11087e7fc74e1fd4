"""The GitHub workflows validate against GitHub's workflow schema and pass zizmor."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def test_there_are_workflows():
    assert WORKFLOWS


def test_workflows_match_the_github_schema():
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflows_pass_zizmor():
    done = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", *map(str, WORKFLOWS)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_actions_are_pinned_by_commit():
    import re

    for path in WORKFLOWS:
        for ref in re.findall(r"uses:\s*([^\s#]+)", path.read_text()):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), (path.name, ref)


def _steps(name: str) -> list[tuple[str, dict]]:
    import yaml

    workflow = yaml.safe_load((REPO / ".github/workflows" / name).read_text())
    return [(step["run"], step.get("env") or {}) for job in workflow["jobs"].values()
            for step in job["steps"] if "run" in step]


def test_pr_workflow_steps_run_locally(tmp_path):
    """A dry run of the pull-request workflow on a clean clone, without GitHub: every step but
    the test suite (which is this run) and the artifact upload."""
    import os

    from conftest import make_project, write_release
    from test_history import git

    origin = make_project(tmp_path / "asal", demo=True)
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "Awal")
    clone = tmp_path / "klon"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    git(clone, "checkout", "-q", "-b", "usulan")
    write_release(clone, "rilis/2026/11/rilis-usulan-baru", title="Rilis usulan baru untuk ditinjau",
                  date="2026-11-20T09:00:00+07:00")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Usulan")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary),
           "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", "WARTA_NOW": "2026-11-23T12:00:00+07:00"}
    ran = 0
    for command, step_env in _steps("pr.yml"):
        if command.strip() == ".ci/run":
            continue
        command = command.replace("scripts/warta", f"{sys.executable} -m warta")
        step_env = {k: v for k, v in step_env.items() if "${{" not in str(v)}  # GitHub-only values
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=clone,
                              env={**env, **step_env}, capture_output=True, text=True)
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
        ran += 1
    assert ran == 6 and (clone / "site/index.html").is_file()
    embargoed = next((clone / "site/rilis/2036/08").glob("*/index.html")).read_text()
    assert "EMBARGO sampai Minggu, 17 Agustus 2036 08.00 WIB" in embargoed  # the reviewer preview
    text = summary.read_text()
    assert "### Rilis usulan baru untuk ditinjau" in text and "| Status | **baru** |" in text
    assert "<summary>WhatsApp (" in text and "<summary>Threads (" in text
    assert re.search(r"Kartu bagikan di artefak \*\*situs\*\*: `rilis/2026/11/rilis-usulan-baru/"
                     r"kartu-tautan\.[0-9a-f]{10}\.jpg` \(1200×630, ", text), text


def test_schedule_builds_only_when_something_became_due(tmp_path):
    import os

    from conftest import make_project

    root = make_project(tmp_path / "proj", demo=True)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    due = [sys.executable, "-m", "warta", "due", "--window-minutes", "90"]
    quiet = subprocess.run(due, cwd=root, env={**env, "WARTA_NOW": "2026-11-23T12:00:00+07:00"},
                           capture_output=True, text=True)
    assert quiet.returncode == 1 and "Tidak ada rilis yang jatuh tempo" in quiet.stderr
    before = subprocess.run(due, cwd=root, env={**env, "WARTA_NOW": "2036-08-17T07:59:00+07:00"},
                            capture_output=True, text=True)
    assert before.returncode == 1
    after = subprocess.run(due, cwd=root, env={**env, "WARTA_NOW": "2036-08-17T08:01:00+07:00"},
                           capture_output=True, text=True)
    assert after.returncode == 0 and "rilis/2036/08/" in after.stdout


def test_summary_status_words():
    from datetime import datetime

    from test_sharekit import release

    from warta.review import status

    r = release("Judul rilis yang cukup", "Ringkasan " * 6, [])
    now = datetime.fromisoformat("2026-11-20T00:00:00+07:00")
    assert status(r, now, was_public=False) == "baru"
    assert status(r, now, was_public=True) == "koreksi"
    early = datetime.fromisoformat("2026-11-10T00:00:00+07:00")
    assert status(r, early, was_public=False) == "EMBARGO sampai Senin, 16 November 2026 09.30 WIB"
