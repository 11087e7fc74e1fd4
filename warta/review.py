"""What a reviewer and the publishing schedule need: the pull-request summary and the list of
releases whose embargo has just ended."""

from __future__ import annotations

from datetime import datetime, timedelta

from .config import SiteConfig
from .dates import long_date
from .model import Release
from .sharekit import share_kit


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


def summary_markdown(cfg: SiteConfig, changed: list[tuple[Release, bool | None]], now: datetime) -> str:
    """The job summary of a pull request: per changed release, what it is and its share kit."""
    if not changed:
        return "## Rilis dalam usulan ini\n\nTidak ada rilis yang berubah.\n"
    out = ["## Rilis dalam usulan ini", ""]
    for release, was_public in changed:
        kit = share_kit(release, cfg.site_url, cfg.site_name, cfg.hashtags)
        out += [f"### {release.title}", "",
                "| | |", "|---|---|",
                f"| Status | **{status(release, now, was_public)}** |",
                f"| Terbit | {release.location}, {long_date(release.date)} |",
                f"| Kategori / OPD | {release.category.name} / {release.unit.name} |",
                f"| Berkas | `{release.path}` |", ""]
        for key, label in (("whatsapp", "WhatsApp"), ("x", "X"), ("instagram", "Instagram")):
            entry = kit["texts"][key]
            out += [f"<details><summary>{label} ({entry['length']}/{entry['limit']})</summary>", "",
                    "```text", entry["text"], "```", "</details>", ""]
    return "\n".join(out) + "\n"
