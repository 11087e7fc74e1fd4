"""Guards against silent edits: a pull request compared with its base in git.

A release that was public at the base (not a draft, its time come) may change only with a new
`updates` note dated after the previous one; that holds for every file of its bundle (photos
too), but its publication trail (`kliping.yml`) is not its text and changes freely. Its path
(URL) and original date never change, it never becomes a draft again and it is
never deleted (withdraw it instead). Drafts and still-embargoed releases change freely.
Symbolic links and git submodules under the content and data folders are refused outright, and
nothing is ever read through a link.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import git

from .config import SiteConfig
from .kliping import FILE as TRAIL
from .load import parse_release
from .photos import PHOTO_SUFFIXES
from .problems import Problem

_NOTE_EXAMPLE = ("tambahkan catatan di `updates`, mis.\n      updates:\n        - date: <waktu sekarang, "
                 "mis. 2026-11-24T10:00:00+07:00>\n          note: Memperbaiki … menjadi ….")
_BUNDLE = re.compile(r"^(rilis/\d{4}/\d{2}/[^/]+)/(.+)$")  # bundle folder, file inside it
_FILE_CHANGE = {"A": "{} `{}` ditambahkan ke rilis yang sudah terbit tanpa catatan perubahan",
                "D": "{} `{}` dihapus dari rilis yang sudah terbit tanpa catatan perubahan",
                "M": "{} `{}` rilis yang sudah terbit diganti tanpa catatan perubahan"}
_NOT_COMMIT = {"blob": "isi sebuah berkas (blob)", "tree": "sebuah folder (tree)",
               "tag": "tag yang tidak menunjuk ke commit"}
_SYMLINK = ("tautan simbolik (symlink) tidak boleh ada di folder konten atau data",
            "ganti tautan ini dengan berkas atau folder aslinya; Warta tidak pernah mengikuti tautan.")
_SUBMODULE = ("submodul git tidak boleh ada di folder konten atau data",
              "hapus submodulnya (`git rm --cached <jalur>`, lalu hapus bagiannya dari `.gitmodules`) "
              "dan simpan isinya sebagai berkas biasa di repositori ini.")


class BaseError(Exception):
    """The base to compare with cannot be read; carries the problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.message)


@dataclass(frozen=True)
class Changes:
    base: git.Commit
    top: Path  # the repository's working tree
    files: list[tuple[str, str, str]]  # (status A/M/D/T, path in the repository, path in the project)
    prefix: str = "."  # the project's folder in the repository


def changed_releases(cfg: SiteConfig, base: str) -> Changes:
    """Files under content/rilis that differ between `base` and the working tree (one diff)."""
    try:
        repo = git.Repo(cfg.root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise BaseError(Problem(".", None, None, "folder ini bukan repositori git",
                                "jalankan dari klon repositori (git clone), bukan dari salinan berkas.")) from None
    base_commit = repo.commit(_resolve(repo, base))
    top = Path(repo.working_tree_dir).resolve()
    prefix = Path(cfg.root).resolve().relative_to(top).as_posix()
    scope = _in_repo(prefix, f"{cfg.docs_dir}/rilis")
    fields = _zsplit(repo.git.diff("--name-status", "-z", "--no-renames", base_commit.hexsha, "--", scope,
                                   stdout_as_string=False))  # status, path, status, path, …
    status = {path: kind[0] for kind, path in zip(fields[::2], fields[1::2], strict=True)}
    for path in _zsplit(repo.git.ls_files("--others", "--exclude-standard", "-z", "--", scope,
                                          stdout_as_string=False)):  # not yet added: counted too
        status[path] = "M" if status.get(path) == "D" else "A"
    files = [(kind, path, _in_project(prefix, path)) for path, kind in sorted(status.items())]
    return Changes(base_commit, top, files, prefix)


def _resolve(repo: git.Repo, base: str) -> str:
    """The commit `base` names (a branch, tag or SHA), or a BaseError saying what it is instead."""
    if not base.strip():
        raise BaseError(Problem(".", None, None, "basis kosong: `--base` tidak berisi cabang atau commit",
                                "isi dengan cabang tujuan pull request, mis. `--base origin/main`; "
                                "periksa variabel yang dipakai di workflow."))
    if set(base) == {"0"}:
        raise BaseError(Problem(".", None, None, f"basis '{_shown(base)}' adalah SHA nol, bukan commit "
                                "(GitHub mengirimnya sebagai `before` untuk cabang baru)",
                                "bandingkan dengan cabang tujuan, mis. `--base origin/main`."))
    try:
        return repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}")
    except (git.GitCommandError, ValueError):
        pass
    try:
        kind = repo.git.cat_file("-t", repo.git.rev_parse("--verify", "--quiet", "--end-of-options", base))
    except (git.GitCommandError, ValueError):
        raise BaseError(Problem(".", None, None, f"basis '{_shown(base)}' tidak ditemukan di git",
                                "ambil riwayat penuh (fetch-depth: 0) dan periksa nama cabangnya, "
                                "mis. `--base origin/main`.")) from None
    raise BaseError(Problem(".", None, None, f"basis '{_shown(base)}' bukan commit, melainkan "
                            f"{_NOT_COMMIT.get(kind, kind)}",
                            "berikan nama cabang atau SHA commit, mis. `--base origin/main`."))


def guard(cfg: SiteConfig, base: str, now: datetime) -> list[Problem]:
    """Every rule broken by the working tree against `base` (a commit, branch or tag); a BaseError
    when `base` cannot be compared with."""
    changes = changed_releases(cfg, base)
    problems = _links(cfg, changes)
    bundles: dict[str, dict[str, str]] = defaultdict(dict)  # bundle folder -> {file name: status}
    for status, _, rel in changes.files:
        m = _BUNDLE.match(rel[len(cfg.docs_dir) + 1:])
        if m:
            bundles[m[1]][m[2]] = status
    for bundle, files in sorted(bundles.items()):
        problems += _bundle(cfg, changes, bundle, files, now)
    return problems


def _bundle(cfg: SiteConfig, changes: Changes, bundle: str, files: dict[str, str],
            now: datetime) -> list[Problem]:
    """The rules for one bundle folder whose files changed."""
    rel = f"{cfg.docs_dir}/{bundle}/index.md"
    path = _in_repo(changes.prefix, rel)
    try:
        blob = changes.base.tree / path
    except KeyError:
        return []  # new at the base: free
    if blob.type != "blob" or blob.mode >> 12 != 0o10:
        return []  # not a regular file at the base (a link or a folder): never published
    before, _ = parse_release(cfg, blob.data_stream.read(), rel)
    if before is None or before.front is None:
        return []  # it could not have been published
    old = before.front
    if old.draft or old.date > now:
        return []  # unpublished at the base: free to change
    if files.get("index.md") == "D":
        return [Problem(rel, None, None, "rilis yang sudah terbit tidak boleh dihapus, dipindahkan atau "
                        "diganti namanya", "kembalikan berkas ini di jalurnya semula (alamatnya harus "
                        "tetap). Untuk menarik rilis, tambahkan `withdrawn:` dengan `date` dan `reason`.")]
    raw = _read_plain(changes.top, path)
    after, _ = parse_release(cfg, raw, rel) if raw is not None else (None, [])
    if after is None or after.front is None:
        return []  # `check` reports what is wrong with it (and `_links` a link in its place)
    new, problems = after.front, []
    if new.date != old.date:
        problems.append(Problem(rel, after.lines.get(("date",)), "date",
                                "tanggal asli rilis yang sudah terbit tidak boleh diubah",
                                f"kembalikan ke `date: {old.date.isoformat()}`; waktu koreksi "
                                "dicatat di `updates`."))
    if new.draft:
        problems.append(Problem(rel, after.lines.get(("draft",)), "draft",
                                "rilis yang sudah terbit tidak boleh dijadikan draf lagi",
                                "hapus `draft: true`. Untuk menarik rilis, tambahkan `withdrawn:` dengan "
                                "`date` dan `reason`."))
    if old.withdrawn and new.withdrawn != old.withdrawn:
        problems.append(Problem(rel, after.lines.get(("withdrawn",)), "withdrawn",
                                "penarikan rilis tidak boleh dibatalkan atau diubah",
                                "kembalikan blok `withdrawn` seperti semula; penjelasan baru ditulis "
                                "sebagai catatan di `updates`."))
    # kliping.yml is the release's publication trail, not its text: free to add and edit.
    others = sorted((name, status) for name, status in files.items() if name not in {"index.md", TRAIL})
    if list(new.updates[: len(old.updates)]) != list(old.updates):
        problems.append(Problem(rel, after.lines.get(("updates",)), "updates",
                                "catatan perubahan yang sudah terbit tidak boleh diubah atau dihapus",
                                "kembalikan catatan lama apa adanya; tambahkan catatan baru di bawahnya."))
    elif others or _text_changed(before, after):
        latest = old.updates[-1].date if old.updates else old.date
        fresh = new.updates[len(old.updates):]
        if not fresh:
            if _text_changed(before, after):
                problems.append(Problem(rel, None, None, "rilis yang sudah terbit diubah tanpa catatan "
                                        "perubahan", _NOTE_EXAMPLE))
            for name, status in others:
                kind = "foto" if posixpath.splitext(name)[1].lower() in PHOTO_SUFFIXES else "berkas"
                problems.append(Problem(rel, None, None, _FILE_CHANGE.get(status, _FILE_CHANGE["M"])
                                        .format(kind, _shown(name)), _NOTE_EXAMPLE))
        elif fresh[-1].date <= latest:
            problems.append(Problem(rel, after.lines.get(("updates", len(new.updates) - 1, "date")),
                                    "updates", "catatan perubahan baru harus bertanggal setelah "
                                    "catatan (atau terbit) sebelumnya",
                                    f"gunakan waktu setelah {latest.isoformat()}."))
    return problems


def _text_changed(before, after) -> bool:
    """Anything a reader sees, other than the notes, a withdrawal and `draft` (its own rule), differs."""
    keep = {"updates", "withdrawn", "draft"}
    return (before.front.model_dump(exclude=keep) != after.front.model_dump(exclude=keep)
            or before.split.body.strip() != after.split.body.strip())


def _links(cfg: SiteConfig, changes: Changes) -> list[Problem]:
    """Symbolic links and submodules under the content and data folders: in the working tree, in
    git's index and in `.gitmodules`."""
    watched = [cfg.docs_dir, posixpath.dirname(cfg.registries) or cfg.registries]
    found: dict[str, tuple[str, str]] = {}  # project path -> (message, hint)
    for folder in watched:
        start = Path(cfg.root) / folder
        if start.is_symlink():
            found[folder] = _SYMLINK
            continue
        for dirpath, dirnames, filenames in os.walk(start):  # never follows a link
            here = Path(dirpath)
            for name in dirnames + filenames:
                inner = (here / name).relative_to(cfg.root).as_posix()
                if (here / name).is_symlink():
                    found[inner] = _SYMLINK
                elif name == ".git":  # a checked-out submodule (or a repository copied in)
                    found[posixpath.dirname(inner)] = _SUBMODULE
            dirnames[:] = [] if ".git" in dirnames + filenames else dirnames
    in_repo = [_in_repo(changes.prefix, folder) for folder in watched]
    for entry in _zsplit(changes.base.repo.git.ls_files("--stage", "-z", "--", *in_repo,
                                                         stdout_as_string=False)):
        meta, _, path = entry.partition("\t")
        mode = meta.split(" ")[0]
        if mode in {"120000", "160000"}:
            found[_in_project(changes.prefix, path)] = _SYMLINK if mode == "120000" else _SUBMODULE
    problems = [Problem(_shown(path), None, None, message, hint) for path, (message, hint) in found.items()]
    modules = changes.top / ".gitmodules"
    if modules.is_file() and not modules.is_symlink():
        text = modules.read_bytes().decode(errors="replace")
        for value in re.findall(r"(?m)^\s*path\s*=\s*(.*?)\s*$", text):
            path = value.strip('"').strip("/")
            if any(path == folder or path.startswith(f"{folder}/") for folder in in_repo):
                problems.append(Problem(".gitmodules", None, None,
                                        f"submodul `{_shown(path)}` berada di folder konten atau data",
                                        _SUBMODULE[1]))
    return sorted(problems)


def _read_plain(top: Path, path: str) -> bytes | None:
    """The bytes of a regular file, never read through a symbolic link; None for anything else."""
    here = top
    for part in path.split("/"):
        here = here / part
        if here.is_symlink():
            return None
    return here.read_bytes() if here.is_file() else None


def _zsplit(raw: bytes) -> list[str]:
    """git's `-z` output: the paths as they are on disk (bytes that are not UTF-8 kept)."""
    return os.fsdecode(raw).split("\0")[:-1]


def _in_repo(prefix: str, path: str) -> str:
    return path if prefix == "." else f"{prefix}/{path}"


def _in_project(prefix: str, path: str) -> str:
    return path if prefix == "." else path[len(prefix) + 1:]


def _shown(text: str) -> str:
    """A file name fit to print: bytes that are not UTF-8 shown as escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
