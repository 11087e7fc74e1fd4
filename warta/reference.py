"""What staff type to name a release (`scripts/warta share RILIS`): its file or folder, its
slug, its path on the site, or its address pasted from the browser."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .model import Release

_RELEASE = re.compile(r"rilis/\d{4}/\d{2}/[^/]+")
#: Hosts of a local preview (`scripts/warta serve`), accepted beside the site's own.
_LOCAL = {"localhost", "127.0.0.1"}


def _host(name: str | None) -> str:
    return (name or "").lower().removeprefix("www.")


def release_key(ref: str, site_url: str) -> str:
    """`ref` as a key `find_release` matches: an address on the site (with or without scheme,
    trailing slash, query or fragment) becomes `rilis/YYYY/MM/slug`; a file, folder or slug is
    kept. Raises ValueError (in Indonesian) for another site's address or a page that is not
    a release."""
    ref = ref.strip()
    site = urlsplit(site_url)
    base = site.path.rstrip("/")
    if ref.lower().startswith(_host(site.hostname) + "/") or ref.lower().startswith(site.netloc.lower() + "/"):
        ref = f"{site.scheme}://{ref}"
    parts = urlsplit(ref)
    if parts.scheme in {"http", "https"}:
        host = _host(parts.hostname)
        if host != _host(site.hostname) and host not in _LOCAL:
            raise ValueError(f"alamat '{ref}' bukan dari situs ini ({site.hostname}); salin alamat "
                             f"halaman rilisnya di {site_url}")
        path = unquote(parts.path)
        if host in _LOCAL:
            base = ""
    elif ref.startswith("/") and not Path(ref).exists():  # a path on the site, not a file
        path = unquote(parts.path)
    else:
        return ref.rstrip("/")
    path = path.removeprefix(base) if path.startswith(base + "/") else path
    path = path.removesuffix("index.html").strip("/")
    if not _RELEASE.fullmatch(path):
        raise ValueError(f"alamat '{ref}' bukan halaman rilis; salin alamat halaman rilisnya, "
                         f"mis. {site_url}rilis/2026/11/slug-rilis/")
    return path


def find_release(key: str, releases: Iterable[Release]) -> Release | None:
    """The release a key (from `release_key`) names: its file, folder, slug or site path."""
    where = Path(key).resolve()
    for release in releases:
        folder = release.path.removesuffix("/index.md")
        if key in {release.path, folder, release.slug, release.url.rstrip("/")} or where in {
                Path(release.path).resolve(), Path(folder).resolve()}:
            return release
    return None
