"""Files made once and kept by content hash (photo renditions, share cards, share kits): the
build hard-links them from the cache into the site, and `prune-cache` drops what no built
site links any more."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path


def link_file(src: str | Path, dest: str | Path) -> None:
    """A hard link where the file system allows it (no second copy on disk), else a copy.
    A missing `src` raises FileNotFoundError (callers use that as "not cached")."""
    try:
        os.link(src, dest)
    except FileExistsError:
        os.unlink(dest)
        link_file(src, dest)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(src, dest)


def via_cache(folder: str | None, names: tuple[str, ...], out_dir: str,
              make: Callable[[], dict[str, bytes]]) -> None:
    """Put the files `names` into `out_dir`: hard-linked from the cache `folder` when it holds
    them all, else made (`make` returns name -> bytes), stored there and linked. With no cache
    (`folder` None) they are made straight into `out_dir`. A warm build's whole cost is the
    links, so this stays on plain strings and system calls."""
    if folder is not None and _link_all(folder, names, out_dir):
        return
    target = Path(folder or out_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name, data in make().items():
        write_atomic(target, name, data)
    if folder is not None:
        _link_all(folder, names, out_dir)


def _link_all(folder: str, names: tuple[str, ...], out_dir: str) -> bool:
    """Hard-link every cached file into `out_dir`; False when the cache does not hold them."""
    try:
        for name in names:
            link_file(os.path.join(folder, name), os.path.join(out_dir, name))
    except FileNotFoundError:
        return False
    return True


def write_atomic(folder: Path, name: str, data: bytes) -> None:
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, folder / name)


def prune_cache(cache: Path, site: Path) -> tuple[int, int]:
    """Delete cached files (renditions, cards, share kits) that no built site uses any more:
    the build hard-links what it uses, so a cache file with a single link is an old version.
    Keeps everything when links are impossible (cache and site on different file systems, or
    no file linked at all), since every file would then look unused. Returns (files, bytes)."""
    if not cache.is_dir() or not site.is_dir() or cache.stat().st_dev != site.stat().st_dev:
        return 0, 0
    found = [(path, path.stat()) for path in cache.rglob("*")  # editor/: the pinned editor download
             if path.is_file() and path.relative_to(cache).parts[0] != "editor"]
    if not any(st.st_nlink > 1 for _, st in found):
        return 0, 0
    removed = size = 0
    for path, st in found:
        if st.st_nlink == 1:
            path.unlink()
            removed, size = removed + 1, size + st.st_size
    for folder in sorted((p for p in cache.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed, size
