"""Search: a Pagefind index of the release pages, in chunks a phone fetches on demand.

A visitor's first search downloads a few small fragments, not a multi-megabyte index, and
only what is in the built site can be indexed, so drafts and embargoed releases cannot leak.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index(site_dir: Path) -> None:
    """Index `site_dir/rilis/**` (pages marked `data-pagefind-body`) into `site_dir/pagefind/`."""
    # With no public release yet, index the (few) other pages so search still loads.
    glob = "rilis/**/*.html" if next((site_dir / "rilis").glob("**/*.html"), None) else "**/*.html"
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", glob,
           "--force-language", "id", "--silent"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian:\n{done.stderr or done.stdout}")
