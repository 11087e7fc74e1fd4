"""What a reviewer and the publishing schedule need: the pull-request summary, what is not
public yet (embargoed and drafts) and the list of releases whose embargo has just ended."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .config import SiteConfig
from .dates import iso, long_date
from .model import Page, Release
from .sharekit import PLATFORMS, SHARE_FILE, share_kit


@dataclass(frozen=True)
class Schedule:
    """Releases (and pages) that are not public: embargoed ones by the moment they go live,
    the latest last; drafts by their date (undated pages first)."""

    embargoed: tuple[Release | Page, ...]
    drafts: tuple[Release | Page, ...]


def schedule(items: list[Release | Page], now: datetime) -> Schedule:
    embargoed = [i for i in items if not i.draft and not i.is_public(now)]
    drafts = [i for i in items if i.draft]
    return Schedule(tuple(sorted(embargoed, key=lambda i: (i.date, i.path))),
                    tuple(sorted(drafts, key=lambda i: (i.date is not None, i.date or now, i.path))))


def embargo_text(item: Release | Page) -> str:
    """`EMBARGO sampai Senin, 7 Desember 2026 09.30 WIB`: the exact moment, in the zone written
    (00.00 for a release dated without a time)."""
    return f"EMBARGO sampai {long_date(item.date)}"


def schedule_lines(plan: Schedule) -> list[str]:
    """`scripts/warta schedule` as text: each release's local go-live time and title, its path
    below; drafts apart."""
    def rows(items):
        for i in items:
            when = long_date(i.date) if i.date is not None else "tanpa tanggal"
            yield f"  {when} — {i.title}"
            yield f"    {i.path}"

    out = ([f"Rilis terjadwal ({len(plan.embargoed)}), urut waktu terbit:", *rows(plan.embargoed)]
           if plan.embargoed else ["Tidak ada rilis terjadwal."])
    if plan.drafts:
        out += ["", f"Draf ({len(plan.drafts)}), tidak terbit sampai `draft: true` dihapus:",
                *rows(plan.drafts)]
    return out


def schedule_json(plan: Schedule) -> dict[str, Any]:
    """`scripts/warta schedule --format json`: ISO times (with the offset written) and the
    Indonesian wording of each."""
    def row(i: Release | Page) -> dict[str, Any]:
        return {"path": i.path, "url": "/" + i.url, "title": i.title,
                "date": iso(i.date) if i.date is not None else None,
                "local": long_date(i.date) if i.date is not None else None,
                "time_given": i.time_given}

    return {"embargoed": [row(i) for i in plan.embargoed], "drafts": [row(i) for i in plan.drafts]}


def due(releases: list[Release], now: datetime, window: timedelta) -> list[Release]:
    """Releases that became public within `window` before `now` (embargo ended)."""
    return [r for r in releases if not r.draft and now - window < r.date <= now]


def status(release: Release, now: datetime, was_public: bool | None) -> str:
    if release.draft:
        return "draf (tidak terbit)"
    if release.date > now:
        return embargo_text(release)
    if was_public:
        return "koreksi" + (f" ({len(release.updates)} catatan)" if release.updates else "")
    return "baru"


def summary_markdown(cfg: SiteConfig, changed: list[tuple[Release, bool | None]], now: datetime,
                     acronyms: tuple[str, ...], site_dir: Path | None = None,
                     releases: Iterable[Release] = ()) -> str:
    """The job summary of a pull request: per changed release, what it is and its share kit;
    then "Jadwal terbit", every embargoed release of the repository (`releases`)."""
    out = ["## Rilis dalam usulan ini", ""]
    if not changed:
        out += ["Tidak ada rilis yang berubah.", ""]
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
    return "\n".join(out + _schedule_section(schedule(list(releases), now))) + "\n"


def _schedule_section(plan: Schedule) -> list[str]:
    out = ["## Jadwal terbit", ""]
    if not plan.embargoed:
        return out + ["Tidak ada rilis terjadwal."]
    out += ["Semua rilis embargo di repositori, urut waktu terbit (waktu setempat):", "",
            "| Terbit | Judul | Berkas |", "|---|---|---|"]
    return out + [f"| {long_date(r.date)} | {_md(r.title)} | {_md(r.path)} |" for r in plan.embargoed]


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
