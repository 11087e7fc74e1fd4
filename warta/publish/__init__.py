"""`scripts/warta publish`: put the built `site/` on a web server or object store, incrementally
and safely, and check that it fits GitHub Pages.

One implementation per kind of target, each on a well-kept tool (no transfer code of ours):
`file:///path` and `ssh://user@host[:port]/path` with rsync into numbered versions switched by
one atomic symlink rename (`releases.py`), `s3://bucket/prefix` with rclone in stages
(`s3.py`). Every target is first compared (nothing changed), so `--dry-run` and the
`--max-deletes` guard come before any change.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from . import releases, s3
from .tools import PublishError

__all__ = ["PAGES_LIMIT", "PublishError", "site_problem", "site_size", "target"]

#: GitHub Pages publishes at most 1 GB; the workflow stops before that, never half-deployed.
PAGES_LIMIT = 900_000_000
TARGETS = "file:///folder, ssh://pengguna@server[:port]/folder atau s3://bucket/awalan"


def target(url: str, site: Path, environ: os._Environ | dict[str, str] | None = None):
    """The target an address names, checked (its settings too); nothing contacted yet."""
    environ = os.environ if environ is None else environ
    parts = urlsplit(url.strip())
    if parts.scheme in ("file", "ssh"):
        found = releases.from_url(url, parts, environ)
        if parts.scheme == "file":
            place, built = Path(found.base).resolve(), site.resolve()
            if place == built or built in place.parents or place in built.parents:
                raise PublishError(url, "folder target tidak boleh sama dengan, berada di dalam, atau "
                                        "berisi folder situs yang diterbitkan",
                                   "pilih folder lain, mis. file:///srv/warta.")
        return found
    if parts.scheme == "s3":
        return s3.from_url(url, parts, environ)
    raise PublishError(url or "--target", "alamat target tidak dikenal",
                       f"tulis salah satu dari: {TARGETS}.")


def site_problem(site: Path, shown: str) -> PublishError | None:
    """Why `site` is not a complete Warta build (None when it is)."""
    build = "jalankan dulu `scripts/warta build`, lalu terbitkan lagi."
    if not site.is_dir():
        return PublishError(shown, f"folder situs '{shown}' tidak ada", build)
    if not (site / ".warta-situs").is_file():
        return PublishError(shown, f"'{shown}' bukan hasil build Warta (tidak ada berkas .warta-situs)",
                            build)
    for name in ("index.html", "404.html"):
        if not (site / name).is_file():
            return PublishError(shown, f"'{shown}' tidak lengkap: {name} tidak ada",
                                "jalankan lagi `scripts/warta build` sampai selesai tanpa kesalahan.")
    return None


def site_size(site: Path) -> tuple[int, int]:
    """(files, bytes) of the site as GitHub Pages would receive it: every path counted, hard
    links too (the Pages artifact is a tar of the folder)."""
    files = size = 0
    for folder, _dirs, names in os.walk(site):
        for name in names:
            info = os.lstat(os.path.join(folder, name))
            files += 1
            size += info.st_size
    return files, size
