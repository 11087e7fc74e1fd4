"""Guards against silent edits: a pull request compared with its base in git.

A release that was public at the base (not a draft, its time come) may change only with a new
`updates` note dated after the previous one; its path (URL) and original date never change and
it is never deleted (withdraw it instead). Drafts and still-embargoed releases change freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import git

from .config import SiteConfig
from .load import parse_release
from .problems import Problem

_NOTE_EXAMPLE = ("tambahkan catatan di `updates`, mis.\n      updates:\n        - date: <waktu sekarang, "
                 "mis. 2026-11-24T10:00:00+07:00>\n          note: Memperbaiki … menjadi ….")


class BaseError(Exception):
    """The base to compare with cannot be read; carries the problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


@dataclass(frozen=True)
class Changes:
    base: git.Commit
    top: Path  # the repository's working tree
    files: list[tuple[str, str, str]]  # (status A/M/D, path in the repository, path in the project)


def changed_releases(cfg: SiteConfig, base: str) -> Changes:
    """Files under content/rilis that differ between `base` and the working tree (one diff)."""
    try:
        repo = git.Repo(cfg.root, search_parent_directories=True)
        base_commit = repo.commit(base)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise BaseError(Problem(".", None, None, "folder ini bukan repositori git",
                                "jalankan dari klon repositori (git clone), bukan dari salinan berkas.")) from None
    except (git.BadName, ValueError, git.GitCommandError):
        raise BaseError(Problem(".", None, None, f"basis '{base}' tidak ditemukan di git",
                                "ambil riwayat penuh (fetch-depth: 0) dan periksa nama cabangnya, "
                                "mis. `--base origin/main`.")) from None
    top = Path(repo.working_tree_dir).resolve()
    prefix = Path(cfg.root).resolve().relative_to(top).as_posix()
    scope = f"{cfg.docs_dir}/rilis" if prefix == "." else f"{prefix}/{cfg.docs_dir}/rilis"
    files = []
    for line in repo.git.diff("--name-status", "--no-renames", base_commit.hexsha, "--", scope).splitlines():
        status, path = line.split("\t", 1)
        files.append((status[0], path, path if prefix == "." else path[len(prefix) + 1:]))
    return Changes(base_commit, top, files)


def guard(cfg: SiteConfig, base: str, now: datetime) -> list[Problem]:
    """Every rule broken by the working tree against `base` (a commit, branch or tag)."""
    try:
        changes = changed_releases(cfg, base)
    except BaseError as error:
        return [error.problem]
    base_commit, top = changes.base, changes.top
    problems: list[Problem] = []
    for status, path, rel in changes.files:
        if not path.endswith("/index.md") or status == "A":
            continue
        before, _ = parse_release(cfg, (base_commit.tree / path).data_stream.read(), rel)
        if before is None or before.front is None:
            continue  # it could not have been published
        old = before.front
        if old.draft or old.date > now:
            continue  # unpublished at the base: free to change
        if status == "D":
            problems.append(Problem(rel, None, None, "rilis yang sudah terbit tidak boleh dihapus, "
                                    "dipindahkan atau diganti namanya",
                                    "kembalikan berkas ini di jalurnya semula (alamatnya harus tetap). "
                                    "Untuk menarik rilis, tambahkan `withdrawn:` dengan `date` dan `reason`."))
            continue
        after, _ = parse_release(cfg, (top / path).read_bytes(), rel)
        if after is None or after.front is None:
            continue  # `check` reports what is wrong with it
        new = after.front
        if new.date != old.date:
            problems.append(Problem(rel, after.lines.get(("date",)), "date",
                                    "tanggal asli rilis yang sudah terbit tidak boleh diubah",
                                    f"kembalikan ke `date: {old.date.isoformat()}`; waktu koreksi "
                                    "dicatat di `updates`."))
        if list(new.updates[: len(old.updates)]) != list(old.updates):
            problems.append(Problem(rel, after.lines.get(("updates",)), "updates",
                                    "catatan perubahan yang sudah terbit tidak boleh diubah atau dihapus",
                                    "kembalikan catatan lama apa adanya; tambahkan catatan baru di bawahnya."))
        elif _text_changed(before, after):
            latest = old.updates[-1].date if old.updates else old.date
            fresh = new.updates[len(old.updates):]
            if not fresh:
                problems.append(Problem(rel, None, None, "rilis yang sudah terbit diubah tanpa catatan "
                                        "perubahan", _NOTE_EXAMPLE))
            elif fresh[-1].date <= latest:
                problems.append(Problem(rel, after.lines.get(("updates", len(new.updates) - 1, "date")),
                                        "updates", "catatan perubahan baru harus bertanggal setelah "
                                        "catatan (atau terbit) sebelumnya",
                                        f"gunakan waktu setelah {latest.isoformat()}."))
    return problems


def _text_changed(before, after) -> bool:
    """Anything a reader sees, other than the notes and a withdrawal, differs."""
    keep = {"updates", "withdrawn"}
    return (before.front.model_dump(exclude=keep) != after.front.model_dump(exclude=keep)
            or before.split.body.strip() != after.split.body.strip())
