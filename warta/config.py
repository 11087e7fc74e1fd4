"""Site settings: identity, time zone and paths, read from `mkdocs.yml` (`extra.warta`)."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .problems import ContentError, Problem

#: Offsets of Indonesia's three zones, so a date written `+08:00` is shown as WITA.
INDONESIAN_ZONES = {7: "Asia/Jakarta", 8: "Asia/Makassar", 9: "Asia/Jayapura"}

#: Official social accounts the footer links to (`extra.warta.social`), in the order shown.
SOCIAL_LABELS = {"facebook": "Facebook", "instagram": "Instagram", "x": "X", "youtube": "YouTube",
                 "tiktok": "TikTok", "whatsapp": "Saluran WhatsApp"}


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
    content: str = "content"  # the source folder of releases and pages (never given to the engine)
    staging: str = "tahap"  # mkdocs.yml's docs_dir: what the engine reads, staged by Warta per build
    registries: str = "data/registries.yml"
    per_page: int = 24
    home_count: int = 13
    max_photo_mb: int = 10
    photo_widths: tuple[int, ...] = (400, 800, 1200)  # WebP; the JPEG is photos.FALLBACK_WIDTH
    cache_dir: str = ".cache/warta"
    official_email_domains: tuple[str, ...] = ("go.id",)
    hashtags: tuple[str, ...] = ()  # added to every release's share texts
    repo_url: str = ""  # public repository, for links to each change (…/commit/<sha>)
    repo_branch: str = "main"
    # The office's contact details and official accounts, shown in every page's footer.
    address: str = ""
    phone: str = ""
    email: str = ""
    social: tuple[tuple[str, str], ...] = ()  # (platform, https URL), in SOCIAL_LABELS order
    editor: bool = True  # the web editor at /admin/ (needs the pinned Decap CMS download once)
    editor_auth_url: str = ""  # the OAuth helper that signs the editor in to GitHub (base_url)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def social_links(self) -> list[tuple[str, str]]:
        """(label, URL) of each official account, for the footer."""
        return [(SOCIAL_LABELS[platform], url) for platform, url in self.social]

    @property
    def docs_dir(self) -> str:
        """The content folder's name, as paths in messages start (`content/rilis/…`)."""
        return self.content

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def registries_path(self) -> Path:
        return self.root / self.registries

    @classmethod
    def from_mapping(cls, root: Path, mkdocs: Mapping[str, Any]) -> SiteConfig:
        """Build from the parsed `mkdocs.yml` (a plain mapping or MkDocs' config object).

        Every wrong setting under `extra.warta` (an unknown key, a wrong type, an unknown time
        zone, a social account that is not an https address) is a ConfigError naming each one."""
        raw = (mkdocs.get("extra") or {}).get("warta") or {}
        site_url = (mkdocs.get("site_url") or "http://localhost:8000/").rstrip("/") + "/"
        kwargs, problems = _settings(raw, _config_text(root, mkdocs))
        staging = mkdocs.get("docs_dir") or "tahap"
        if Path(staging).name == kwargs.get("content", "content"):
            problems.append(Problem("mkdocs.yml", _line(_config_text(root, mkdocs), "docs_dir"), "docs_dir",
                                    f"docs_dir '{staging}' adalah folder rilis, bukan folder tahap",
                                    "tulis `docs_dir: tahap` (folder kosong yang diisi Warta saat build); "
                                    "folder rilis ditulis `content:` di bawah extra.warta."))
        if problems:
            raise ConfigError(problems)
        kwargs.setdefault("region", mkdocs.get("site_name") or "")
        kwargs.setdefault("office", "")
        return cls(
            root=Path(root).resolve(),
            site_name=mkdocs.get("site_name") or "Warta",
            site_url=site_url,
            description=mkdocs.get("site_description") or "",
            staging=mkdocs.get("docs_dir") or "tahap",
            **kwargs,
        )


class ConfigError(ContentError):
    """Wrong settings in mkdocs.yml (`extra.warta`); carries every one of them."""


#: Settings taken from elsewhere in mkdocs.yml, never from `extra.warta`.
_TOP_LEVEL = {"root": "site_dir", "site_name": "site_name", "site_url": "site_url",
              "description": "site_description", "staging": "docs_dir"}
_TYPES = {bool: ("true atau false", "tulis `true` atau `false` tanpa tanda kutip."),
          str: ("teks", "tulis teksnya; teks yang hanya berisi angka apit dengan tanda kutip."),
          int: ("bilangan bulat", "tulis angkanya saja tanpa tanda kutip, mis. `per_page: 24`."),
          tuple: ("daftar", "tulis daftar dalam kurung siku, mis. `[go.id]`.")}


def _settings(raw: Any, text: str) -> tuple[dict[str, Any], list[Problem]]:
    """The typed settings of `extra.warta`, and a problem for every key that is wrong."""
    where = "mkdocs.yml"
    if not isinstance(raw, Mapping):
        return {}, [Problem(where, _line(text, "warta"), "extra.warta", "pengaturan Warta harus berupa "
                            "daftar kunci dan nilai", "tulis setiap pengaturan sebagai `kunci: nilai` "
                            "di bawah `warta:`.")]
    known = {f.name: f for f in fields(SiteConfig) if f.name not in _TOP_LEVEL}
    kwargs: dict[str, Any] = {}
    problems: list[Problem] = []

    def problem(key: str, message: str, hint: str) -> None:
        problems.append(Problem(where, _line(text, key.rsplit(".", 1)[-1]), f"extra.warta.{key}",
                                message, hint))

    for key, value in raw.items():
        key = str(key)
        if key == "docs_dir":
            problem(key, "pengaturan 'docs_dir' tidak dibaca dari extra.warta",
                    "folder rilis ditulis `content: content` di sini; `docs_dir` di tingkat teratas "
                    "mkdocs.yml adalah folder tahap yang diisi Warta setiap build (`tahap`).")
        elif key in _TOP_LEVEL:
            problem(key, f"pengaturan '{key}' tidak dibaca dari extra.warta",
                    f"pindahkan ke tingkat teratas mkdocs.yml sebagai `{_TOP_LEVEL[key]}:`.")
        elif key not in known:
            problem(key, f"pengaturan '{key}' tidak dikenal", _suggest(key, known))
        elif key == "social":
            kwargs[key] = _social(value, problem)
        else:
            kind = {"str": str, "int": int, "bool": bool}.get(str(known[key].type), tuple)
            if isinstance(value, list):
                value = tuple(value)
            if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
                problem(key, f"nilai '{key}' harus berupa {_TYPES[kind][0]}", _TYPES[kind][1])
            elif kind is int and value < 1:  # (a bool never gets here: it is not an int setting)
                problem(key, f"nilai '{key}' harus lebih dari nol", "tulis bilangan bulat positif.")
            elif key == "timezone" and not _zone_exists(value):
                problem(key, f"zona waktu '{value}' tidak dikenal",
                        "tulis Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).")
            else:
                kwargs[key] = value
    return kwargs, problems


def _zone_exists(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError):
        return False
    return True


def _social(value: Any, problem) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        problem("social", "akun media sosial harus berupa daftar `platform: alamat`",
                f"tulis misalnya `instagram: https://www.instagram.com/akun` (platform: "
                f"{', '.join(SOCIAL_LABELS)}).")
        return ()
    accounts = {}
    for platform, url in value.items():
        platform = str(platform)
        if platform not in SOCIAL_LABELS:
            problem(f"social.{platform}", f"platform media sosial '{platform}' tidak dikenal",
                    _suggest(platform, SOCIAL_LABELS))
        elif not isinstance(url, str) or not re.fullmatch(r"https://[^\s/]+\.[^\s/]+(/\S*)?", url):
            problem(f"social.{platform}", f"alamat akun {SOCIAL_LABELS[platform]} harus berupa "
                    "alamat https:// lengkap", "salin alamat halaman akun resmi dari peramban, "
                    "mis. https://www.instagram.com/akun.")
        else:
            accounts[platform] = url
    return tuple((p, accounts[p]) for p in SOCIAL_LABELS if p in accounts)


def _suggest(key: str, known: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(key.casefold(), list(known), n=1, cutoff=0.6)
    lead = f"maksud Anda: {close[0]}? " if close else ""
    return f"{lead}ganti atau hapus kunci ini; yang dikenal: {', '.join(sorted(known))}."


def _config_text(root: Path, mkdocs: Mapping[str, Any]) -> str:
    """The text of mkdocs.yml, to find the line of a wrong setting (empty when unreadable)."""
    path = getattr(mkdocs, "config_file_path", None) or Path(root) / "mkdocs.yml"
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _line(text: str, key: str) -> int | None:
    """The line of `key:` below `warta:` in mkdocs.yml (the first such key), when found."""
    found = re.search(r"^\s+warta\s*:", text, re.M)
    if found and key != "warta":
        found = re.compile(rf"^\s+['\"]?{re.escape(key)}['\"]?\s*:", re.M).search(text, found.end())
    return text.count("\n", 0, found.start()) + 1 if found else None


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
