"""The build's output folder: which folders a build may replace, and replacing one safely.

A build empties its output folder (MkDocs cleans `site_dir`; `scripts/warta build` swaps a new
folder in), so a mistyped `--site-dir` must never name a source. Refused: the repository root,
the content, the registries, `.git`, the code (hooks/, theme/, warta/, scripts/), any folder
that contains one of them, any folder inside one of them except the root, a file, and an
existing folder that is not empty and holds no `MARKER` (Warta writes it into every build).
Paths are compared after symlinks and `..` are resolved.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from .config import SiteConfig
from .problems import Problem

MARKER = ".warta-situs"
MARKER_TEXT = ("Folder ini hasil build Warta (scripts/warta build). Setiap build menggantinya "
               "seluruhnya: jangan simpan berkas lain di sini.\n")
_CODE = {"hooks": "kode hook Warta", "theme": "templat tema", "warta": "kode Warta",
         "scripts": "skrip Warta"}
_PICK_OTHER = "pilih folder lain untuk hasil build (--site-dir atau site_dir di mkdocs.yml), mis. site"


class SiteDirError(Exception):
    """The output folder cannot be used; carries the problem to show staff."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format_text())


def refusal(target: Path | str, cfg: SiteConfig) -> Problem | None:
    """Why a build must not write into `target` (None when it may)."""
    target = Path(target).resolve()
    root = cfg.root.resolve()
    shown = _show(target, root)
    for source, label, inside_refused in _sources(cfg):
        if target == source:
            return _problem(shown, f"folder hasil build ini adalah {label}; build mengosongkan folder "
                                   "hasilnya, jadi isinya akan terhapus", _PICK_OTHER)
        if target in source.parents:
            return _problem(shown, f"folder hasil build ini berisi {label} "
                                   f"('{os.path.relpath(source, target)}'); build mengosongkan folder "
                                   f"hasilnya, jadi semuanya ikut terhapus", _PICK_OTHER)
        if inside_refused and source in target.parents:
            return _problem(shown, f"folder hasil build ini berada di dalam {label} "
                                   f"('{_show(source, root)}'); hasil build tidak boleh bercampur "
                                   "dengan sumber", _PICK_OTHER)
    existing = next(p for p in (target, *target.parents) if os.path.lexists(p))
    if not os.path.isdir(existing):
        return _problem(shown, f"'{_show(existing, root)}' adalah berkas, bukan folder",
                        "pindahkan berkas itu, atau " + _PICK_OTHER)
    if existing != target:
        return None if os.access(existing, os.W_OK) else _cannot_write(existing, root)
    try:
        names = os.listdir(target)
    except OSError as error:
        return _problem(shown, f"folder hasil build tidak bisa dibaca ({_reason(error)})",
                        "periksa izin folder itu, atau " + _PICK_OTHER)
    if names and not (target / MARKER).is_file():
        return _problem(shown, f"folder hasil build sudah berisi {len(names)} berkas/folder lain "
                               f"dan bukan hasil build Warta (tidak ada berkas {MARKER}); build "
                               "mengosongkan folder hasilnya, jadi isinya akan terhapus",
                        "pilih folder yang kosong atau belum ada; bila isinya memang hasil build "
                        "lama, hapus dulu folder itu lalu jalankan build lagi")
    return None if os.access(target, os.W_OK) else _cannot_write(target, root)


def mark(site_dir: Path | str) -> None:
    """Write the marker that tells later builds this folder is Warta's output."""
    Path(site_dir).mkdir(parents=True, exist_ok=True)
    (Path(site_dir) / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def make_temp(target: Path, cfg: SiteConfig) -> Path:
    """The marked, empty sibling folder `.<name>-baru-*` a build writes into."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-baru-", dir=target.parent))
        mark(tmp)
    except OSError as error:
        raise SiteDirError(_cannot_write(target.parent, cfg.root.resolve(), error)) from None
    return tmp


def replace(target: Path, new: Path, cfg: SiteConfig) -> None:
    """Put the built folder `new` in place of `target` (checked again: it may have changed
    during the build); the old folder is renamed aside, then removed."""
    if (problem := refusal(target, cfg)) is not None:
        raise SiteDirError(problem)
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-lama-", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(new, target)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _sources(cfg: SiteConfig) -> list[tuple[Path, str, bool]]:
    """(folder, what it is, whether building inside it is refused), symlinks resolved."""
    root = cfg.root.resolve()
    found = [(root, "folder utama repositori", False),
             (cfg.content_dir, "folder konten (docs_dir)", True),
             (root / cfg.staging, "folder tahap build (docs_dir)", True),
             (cfg.registries_path.parent, "folder registri", True),
             (root / ".git", "riwayat git", True),
             *((root / name, label, True) for name, label in _CODE.items()),
             (Path(__file__).parent, "kode Warta", True)]
    git = root / ".git"
    if git.is_file():  # a worktree: `.git` names the real git folder
        line = git.read_text(encoding="utf-8", errors="replace").partition("\n")[0]
        if line.startswith("gitdir:"):
            found.append((root / line[7:].strip(), "riwayat git", True))
    return [(path.resolve(), label, inside and path.resolve() != root) for path, label, inside in found]


def _cannot_write(folder: Path, root: Path, error: OSError | None = None) -> Problem:
    reason = _reason(error) if error else "tidak ada izin menulis"
    return _problem(_show(folder, root), f"tidak bisa membuat folder hasil build di sini ({reason})",
                    "periksa izin tulis folder itu, atau " + _PICK_OTHER)


def _reason(error: OSError) -> str:
    return {errno.EACCES: "tidak ada izin", errno.EPERM: "tidak ada izin",
            errno.EROFS: "sistem berkas hanya-baca", errno.ENOSPC: "disk penuh",
            errno.ENOTDIR: "ada berkas, bukan folder", errno.EEXIST: "ada berkas, bukan folder",
            }.get(error.errno, error.strerror or str(error))


def _problem(shown: str, message: str, hint: str) -> Problem:
    return Problem(path=shown, line=None, field=None, message=message, hint=hint)


def _show(path: Path, root: Path) -> str:
    """Relative to the repository root when inside it, else absolute."""
    return path.relative_to(root).as_posix() or "." if path.is_relative_to(root) else str(path)
