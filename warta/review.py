"""What a reviewer and the publishing schedule need: the pull-request summary and the list of
releases whose embargo has just ended."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, timedelta
from pathlib import Path

from .config import SiteConfig
from .dates import long_date
from .model import Release
from .sharekit import PLATFORMS, SHARE_FILE, share_kit


def due(releases: list[Release], now: datetime, window: timedelta) -> list[Release]:
    """Releases that became public within `window` before `now` (embargo ended)."""
    return [r for r in releases if not r.draft and now - window < r.date <= now]


def status(release: Release, now: datetime, was_public: bool | None) -> str:
    if release.draft:
        return "draf (tidak terbit)"
    if release.date > now:
        return f"EMBARGO sampai {long_date(release.date)}"
    if was_public:
        return "koreksi" + (f" ({len(release.updates)} catatan)" if release.updates else "")
    return "baru"


def summary_markdown(cfg: SiteConfig, changed: list[tuple[Release, bool | None]], now: datetime,
                     acronyms: tuple[str, ...], site_dir: Path | None = None) -> str:
    """The job summary of a pull request: per changed release, what it is and its share kit."""
    if not changed:
        return "## Rilis dalam usulan ini\n\nTidak ada rilis yang berubah.\n"
    out = ["## Rilis dalam usulan ini", ""]
    for release, was_public in changed:
        kit = share_kit(release, cfg.site_url, cfg.site_name, cfg.hashtags, acronyms)
        out += [f"### {_md(release.title)}", "",
                "| | |", "|---|---|",
                f"| Status | **{_md(status(release, now, was_public))}** |",
                f"| Terbit | {_md(release.location)}, {long_date(release.date)} |",
                f"| Kategori / OPD | {_md(release.category.name)} / {_md(release.unit.name)} |",
                f"| Berkas | {_md(release.path)} |", ""]
        for key, label in sorted(PLATFORMS.items(), key=lambda kv: kv[0] != "whatsapp"):
            entry = kit["texts"][key]
            fence = _fence(entry["text"])
            out += [f"<details><summary>{label} ({entry['length']}/{entry['limit']})</summary>", "",
                    f"{fence}text", entry["text"], fence, "</details>", ""]
        out += _cards_line(release, site_dir)
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Release text as literal text in GitHub Markdown: no HTML, link, image, emphasis or
    table cell boundary can come from it."""
    return re.sub(r"([\\`*_\[\]#!|~])", r"\\\1", html.escape(text, quote=False))


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks in `text`, so the text cannot close it."""
    return "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))


def _cards_line(release: Release, site_dir: Path | None) -> list[str]:
    """Where the reviewer finds the release's cards: in the built preview (artifact `situs`)."""
    built = site_dir / release.url / SHARE_FILE if site_dir else None
    if built is None or not built.is_file():
        return ["Kartu bagikan: belum dibangun (jalankan `scripts/warta share` atau build).", ""]
    cards = json.loads(built.read_text(encoding="utf-8"))["cards"]
    listed = ", ".join(f"`{c['path']}` ({c['width']}×{c['height']}, {c['bytes'] // 1024} KB)"
                       for c in cards.values())
    return [f"Kartu bagikan di artefak **situs**: {listed}", ""]
