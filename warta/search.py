"""Search: Pagefind indexes of the release pages, one per publication year.

A visitor's first search downloads a few small fragments, not a multi-megabyte index, and
only what is in the built site can be indexed, so drafts and embargoed releases cannot leak.
One index per year keeps the indexer's memory bounded (Pagefind holds a whole index in
memory: about 170 MB per 1,000 releases) and lets years be indexed two at a time; the
browser merges the years' indexes (`mergeIndex`) and searches them with one WebAssembly
module.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index(site_dir: Path, years: list[str]) -> None:
    """Index `site_dir/rilis/<year>/**` into `site_dir/pagefind/<year>/` for every year."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for f in pool.map(lambda y: _index_year(site_dir, y), years) if f]
    if failures:
        raise SearchIndexError("Pagefind gagal membuat indeks pencarian:\n" + "\n".join(failures))


def _index_year(site_dir: Path, year: str) -> str | None:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir),
           "--glob", f"rilis/{year}/**/*.html", "--output-subdir", f"pagefind/{year}",
           "--force-language", "id", "--silent"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    return None if done.returncode == 0 else f"{year}: {done.stderr or done.stdout}"
