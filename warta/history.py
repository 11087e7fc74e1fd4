"""Public change history of every release, read from git in one pass over the log.

One `git log --name-only` walk for the whole content folder (never one subprocess per file:
per-file history costs 12–16 ms a file), and one more along the branch's first parents for
when each release reached it (the reports' embargo figures). A shallow clone or a folder
without git gives a warning and a site without commit links, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import git

_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Commit:
    sha: str
    date: datetime
    subject: str


@dataclass
class History:
    commits: dict[str, list[Commit]] = field(default_factory=dict)  # path -> oldest first
    warning: str | None = None
    # path -> when the file reached the built branch: the first commit on its first-parent
    # line that added it (a merge commit's time for a merged pull request)
    arrived: dict[str, datetime] = field(default_factory=dict)

    def of(self, path: str) -> list[Commit]:
        return self.commits.get(path, [])


def read_history(root: Path, folder: str = "content/rilis") -> History:
    """Every commit that touched each file under `folder` (paths relative to the repo root)."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
        if not repo.head.is_valid():
            return History(warning="repositori git belum punya commit: riwayat tanpa tautan perubahan")
        shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
        prefix = Path(root).resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
        scope = f"{prefix}/{folder}" if prefix != "." else folder
        raw = repo.git.log(f"--format={_RECORD}%H{_FIELD}%cI{_FIELD}%s", "--name-only",
                           "--no-renames", "--", scope)
        # A pull request's commits keep their own times; the branch got them when merged.
        added = repo.git.log(f"--format={_RECORD}%cI", "--first-parent", "--diff-filter=A",
                             "--name-only", "--no-renames", "--", scope)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return History(warning="bukan repositori git: riwayat tanpa tautan perubahan")
    except git.GitCommandError as error:
        return History(warning=f"git log gagal ({error.stderr.strip()[:120]}): riwayat tanpa tautan")
    history = History()
    strip = len(prefix) + 1 if prefix != "." else 0
    for record in raw.split(_RECORD)[1:]:
        head, _, names = record.partition("\n")
        sha, date, subject = head.split(_FIELD, 2)
        commit = Commit(sha, datetime.fromisoformat(date), subject)
        for name in names.split("\n"):
            if name.strip():
                history.commits.setdefault(name.strip()[strip:], []).append(commit)
    for commits in history.commits.values():
        commits.reverse()  # git log is newest first
    for record in added.split(_RECORD)[1:]:
        head, _, names = record.partition("\n")
        for name in names.split("\n"):
            if name.strip():  # newest first: the oldest addition wins
                history.arrived[name.strip()[strip:]] = datetime.fromisoformat(head.strip())
    if shallow:
        history.warning = ("klon git dangkal (shallow): riwayat perubahan tidak lengkap; "
                           "bangun dengan riwayat penuh (fetch-depth: 0)")
    return history


def timeline(release, commits: list[Commit]) -> list[dict]:
    """The "Riwayat perubahan" rows: first publication, each note, a withdrawal; each with
    the commit that made it where git knows it (the first commit at or after its time)."""
    rows = [{"date": release.date, "text": "pertama terbit", "commit": commits[0] if commits else None}]
    for note in release.updates:
        rows.append({"date": note.date, "text": note.note, "commit": _first_after(commits, note.date)})
    if release.withdrawn:
        rows.append({"date": release.withdrawn.date, "text": f"ditarik. {release.withdrawn.reason}",
                     "commit": _first_after(commits, release.withdrawn.date)})
    return rows


def _first_after(commits: list[Commit], when: datetime) -> Commit | None:
    later = [c for c in commits if c.date >= when]
    return later[0] if later else (commits[-1] if commits else None)
