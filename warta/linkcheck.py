"""Internal link check of a built site: every href, src and srcset that points inside the
site must resolve to a file in it (external links are not fetched)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

_ATTR = re.compile(r'\s(href|src|srcset)="([^"]*)"')


def broken_links(site_dir: Path, site_url: str) -> list[tuple[str, str]]:
    """(page, link) for every internal link whose target is missing."""
    site_dir = Path(site_dir)
    base_path = urlsplit(site_url).path or "/"
    broken: list[tuple[str, str]] = []
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        page_url = site_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        html = page.read_text(encoding="utf-8", errors="replace")
        html = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)  # JSON-LD, inline code
        for name, value in _ATTR.findall(html):
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
            for url in urls:
                if not _exists(site_dir, page_url, url, site_url, base_path):
                    broken.append((rel, url))
    return broken


def _exists(site_dir: Path, page_url: str, url: str, site_url: str, base_path: str) -> bool:
    if not url or url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
        return True
    target = urljoin(page_url, url)
    if not target.startswith(site_url):
        return True  # another host: not checked here
    path = unquote(urlsplit(target).path)[len(base_path):]
    candidate = site_dir / PurePosixPath(path)
    if path == "" or path.endswith("/"):
        return (candidate / "index.html").is_file()
    return candidate.is_file() or (candidate / "index.html").is_file()
