"""Site settings: identity, time zone and paths, read from `mkdocs.yml` (`extra.warta`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

#: Offsets of Indonesia's three zones, so a date written `+08:00` is shown as WITA.
INDONESIAN_ZONES = {7: "Asia/Jakarta", 8: "Asia/Makassar", 9: "Asia/Jayapura"}


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # repository root (folder of mkdocs.yml)
    site_name: str
    site_url: str  # absolute, ends with "/"
    region: str  # "Kabupaten Lembah Sari"
    office: str  # "Dinas Komunikasi dan Informatika"
    description: str = ""  # mkdocs.yml site_description
    timezone: str = "Asia/Jakarta"
    default_location: str = ""
    docs_dir: str = "content"
    registries: str = "data/registries.yml"
    per_page: int = 24
    home_count: int = 13
    max_photo_mb: int = 10
    photo_widths: tuple[int, ...] = (400, 800, 1600)
    cache_dir: str = ".cache/warta"
    official_email_domains: tuple[str, ...] = ("go.id",)
    hashtags: tuple[str, ...] = ()  # added to every release's share texts
    repo_url: str = ""  # public repository, for links to each change (…/commit/<sha>)
    repo_branch: str = "main"
    editor: bool = True  # the web editor at /admin/ (needs the pinned Decap CMS download once)
    editor_auth_url: str = ""  # the OAuth helper that signs the editor in to GitHub (base_url)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def content_dir(self) -> Path:
        return self.root / self.docs_dir

    @property
    def registries_path(self) -> Path:
        return self.root / self.registries

    @classmethod
    def from_mapping(cls, root: Path, mkdocs: Mapping[str, Any]) -> SiteConfig:
        """Build from the parsed `mkdocs.yml` (a plain mapping or MkDocs' config object)."""
        extra = dict((mkdocs.get("extra") or {}).get("warta") or {})
        site_url = (mkdocs.get("site_url") or "http://localhost:8000/").rstrip("/") + "/"
        known = {f for f in cls.__dataclass_fields__ if f not in {"root", "site_name", "site_url"}}
        kwargs = {k: (tuple(v) if isinstance(v, list) else v) for k, v in extra.items() if k in known}
        kwargs.setdefault("region", mkdocs.get("site_name") or "")
        kwargs.setdefault("office", "")
        ZoneInfo(kwargs.get("timezone", "Asia/Jakarta"))  # fail early on a wrong zone name
        return cls(
            root=Path(root),
            site_name=mkdocs.get("site_name") or "Warta",
            site_url=site_url,
            description=mkdocs.get("site_description") or "",
            docs_dir=mkdocs.get("docs_dir") or "content",
            **{k: v for k, v in kwargs.items() if k != "docs_dir"},
        )


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!!python/…` or `!ENV` tags."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_site_config(root: Path | str = ".") -> SiteConfig:
    root = Path(root).resolve()
    with open(root / "mkdocs.yml", encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_TolerantLoader) or {}
    return SiteConfig.from_mapping(root, data)


def now(tz: ZoneInfo) -> datetime:
    """The publication clock: `WARTA_NOW` (ISO 8601) freezes it for previews and tests."""
    frozen = os.environ.get("WARTA_NOW")
    if frozen:
        value = datetime.fromisoformat(frozen)
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return datetime.now(tz)


def preview_mode() -> bool:
    """`WARTA_PREVIEW=1`: a reviewer's preview that shows embargoed releases, marked. Never set
    it for a build that is deployed."""
    return os.environ.get("WARTA_PREVIEW", "") not in ("", "0")
