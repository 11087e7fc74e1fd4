"""`scripts/warta clippings`: find partner media's republications of our releases in their feeds.

Every registered partner's `feed` (data/mitra.yml) is fetched and read (warta/feedread.py:
http(s) only, timeouts, a size cap; RSS, Atom or JSON Feed), in parallel. An item republishes a public
release when it links back to the release's address, or when its title and its opening
resemble the release's title and first paragraph (RapidFuzz, on normalised text). Proposals
are printed with their score; `--write` appends them to each release's kliping.yml.

A dead, slow or malformed feed costs one line naming the partner; it never stops the others.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from babel.dates import format_date
from rapidfuzz import fuzz

from .bodycheck import personal_data
from .feedread import FeedError, Item, fetch, parse, session
from .kliping import FILE, TITLE, append, entry_text, url_key
from .mitra import Partner, http_url
from .model import Release
from .yamltext import without_invisible

WINDOW = timedelta(days=30)  # a republication comes within this time after the release
EARLY = timedelta(days=1)  # a partner's clock or zone may date an item a little before ours
#: Score (0–100) from which an item without a link back is proposed: the mean of the title and
#: opening scores (`similarity`). Calibrated on the demo's 29 public releases: 78 made-up
#: republications (edited titles; bodies trimmed and edited, summary only, or a 55-word
#: excerpt) scored 82 or more against their release; the same items against every other
#: release at most 63; six unrelated local news items at most 68 (another town's flood
#: against the demo's flood release).
THRESHOLD = 75


@dataclass(frozen=True)
class Proposal:
    """An item of a partner's feed that republishes (or quotes) a release."""

    release: Release
    partner: Partner
    item: Item
    score: int  # 100 for a link back, else the similarity (THRESHOLD or more)
    reason: str  # "tautan balik" or "judul N, isi M"
    kind: str  # republikasi, or kutipan: a link back from a text that is not ours


# --- Matching ---------------------------------------------------------------------------------

def normal(text: str) -> str:
    """Lower case, accents and punctuation gone, spaces collapsed: how texts are compared."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def opening(markdown: str) -> str:
    """The first paragraph of a release body as plain text (headings, photos and HTML left out,
    link texts kept)."""
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block or block.startswith(("#", "!", "<", "|", "```", ">")):
            continue
        block = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", block)
        block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
        return " ".join(re.sub(r"[*_`]|<[^>]*>", "", block).split())
    return ""


def similarity(title: str, leads: tuple[str, ...], item: Item) -> tuple[int, int]:
    """(title score, opening score), each 0–100, on normalised text: the item's title against
    the release's, and the best of the release's first paragraph and summary (`leads`) against
    the start of the item's text. Both are token-set ratios (words added, dropped or moved cost
    little, so a partner's dateline, edits and cuts do not hide a republication); a text much
    shorter than the lead it is compared with scores lower (a few common words are no match)."""
    text = normal(item.text)
    body = max((fuzz.token_set_ratio(lead, text[: len(lead) * 3 // 2]) * min(1, len(text) / len(lead)) ** .5
                for lead in leads if lead and text), default=0)
    return round(fuzz.token_set_ratio(normal(title), normal(item.title))), round(body)


def _release_path(url: str, site_url: str) -> str | None:
    """The site path (`rilis/2026/11/slug/`) an address on our site points to."""
    ours, there = urlsplit(site_url), urlsplit(url.strip())
    if (there.hostname or "").lower().removeprefix("www.") != (ours.hostname or "").lower().removeprefix("www."):
        return None
    path = there.path[len(ours.path.rstrip("/")):] if there.path.startswith(ours.path.rstrip("/")) else ""
    return path.strip("/") + "/" if path.strip("/") else None


def propose(feeds: Iterable[tuple[Partner, list[Item]]], releases: list[Release], site_url: str,
            since: datetime, now: datetime) -> list[Proposal]:
    """The items that republish (or quote) one of `releases` (the public ones), at most one
    release each, none already recorded in any kliping.yml. Pure."""
    by_path = {r.url: r for r in releases}
    known = {url_key(c.url) for r in releases for c in r.clippings}
    leads = {r.url: (normal(opening(r.body)), normal(r.summary)) for r in releases}
    out: list[Proposal] = []
    for partner, items in feeds:
        for item in items:
            if not http_url(item.url) or url_key(item.url) in known:
                continue
            if item.date is not None and not since <= item.date <= now + EARLY:
                continue
            found = _best(item, by_path, releases, leads, site_url, since)
            if found is not None:
                known.add(url_key(item.url))
                out.append(Proposal(found[0], partner, item, *found[1:]))
    return sorted(out, key=lambda p: (p.release.url, p.item.date or now, p.item.url))


def _best(item: Item, by_path, releases, leads, site_url, since) -> tuple | None:
    """(release, score, reason, kind) of the release `item` republishes best, or None."""
    for link in (item.url, *item.links):
        path = _release_path(link, site_url)
        if path in by_path:
            r = by_path[path]
            title, lead = similarity(r.title, leads[r.url], item)
            kind = "republikasi" if (title + lead) / 2 >= THRESHOLD else "kutipan"
            return r, 100, "tautan balik", kind
    best = None
    for r in releases:
        if (not r.date - EARLY <= item.date <= r.date + WINDOW) if item.date else r.date < since - WINDOW:
            continue  # an undated item: any release since shortly before `since`
        title, lead = similarity(r.title, leads[r.url], item)
        score = round((title + lead) / 2)
        if score >= THRESHOLD and (best is None or score > best[1]):
            best = (r, score, f"judul {title}, isi {lead}", "republikasi")
    return best


# --- The command --------------------------------------------------------------------------

def run(cfg, since: str | None, write: bool, timeout: float, out) -> int:
    """`scripts/warta clippings`: fetch every partner's feed, print the proposals (and write
    them with `write`). Exit code 0 once the run completed, failed feeds included (each is
    named); 1 when the content has errors (nothing is written into a broken tree); 2 for a
    wrong `--since`."""
    from .config import now as clock_now
    from .load import load_content

    now = clock_now(cfg.tz)
    try:
        start = datetime.combine(date.fromisoformat(since.strip()), datetime.min.time(), cfg.tz) \
            if since else now - WINDOW
    except ValueError:
        out.print(f"✗ tanggal --since '{since}' tidak dikenal; tulis TAHUN-BULAN-HARI, mis. 2026-11-01.",
                  markup=False, soft_wrap=True)
        return 2
    content = load_content(cfg, clock=now)
    if content.problems:
        out.print(f"✗ ada {len(content.problems)} kesalahan di rilis atau registri; jalankan "
                  "`scripts/warta check` dan perbaiki dulu. Tidak ada yang diperiksa.", markup=False, soft_wrap=True)
        return 1
    partners = [p for p in content.registries.partners if p.feed]
    if not partners:
        out.print("Tidak ada mitra dengan `feed` di data/mitra.yml; tidak ada umpan yang diperiksa.", markup=False)
        return 0
    day = format_date(start.date(), "d MMMM y", locale="id")
    out.print(f"Memeriksa umpan {len(partners)} mitra (berita sejak {day}) …", markup=False)
    with ThreadPoolExecutor(max_workers=min(8, len(partners))) as pool:
        results = list(pool.map(lambda p: _read_partner(p, cfg.site_url, timeout), partners))
    failed = 0
    for partner, found in results:
        if isinstance(found, str):
            failed += 1
            out.print(f"  ✗ {partner.name} ({partner.id}): {found}", markup=False, soft_wrap=True)
        else:
            out.print(f"  ✓ {partner.name} ({partner.id}): {len(found)} berita dibaca", markup=False, soft_wrap=True)
    public = [r for r in content.releases if r.is_public(now)]
    proposals = propose([(p, f) for p, f in results if not isinstance(f, str)], public, cfg.site_url, start, now)
    entries = [(p, _entry(p, cfg.tz, now)) for p in proposals]
    _print(entries, cfg, out)
    kept = [(p, e) for p, e in entries if not _personal(e, out)]
    files = _write(kept, cfg) if write and kept else 0
    if files and (broken := [x for x in load_content(cfg, clock=now).problems if x.path.endswith("kliping.yml")]):
        for problem in broken:  # never expected: the entries are written to pass `check`
            out.print(f"✗ {problem.format_text()}", markup=False, soft_wrap=True)
        return 1
    tail = (f"ditulis ke {files} berkas kliping.yml; tinjau lalu jalankan `scripts/warta check`." if files else
            "tambahkan --write untuk menuliskannya ke kliping.yml." if kept and not write else "")
    out.print(f"Selesai: {len(partners)} mitra diperiksa, {failed} gagal; {len(kept)} usulan kliping baru"
              + (f"; {tail}" if tail else "."), markup=False, soft_wrap=True)
    return 0


def _read_partner(partner: Partner, site_url: str, timeout: float) -> tuple[Partner, list[Item] | str]:
    """A partner's items, or why its feed could not be read (never raises)."""
    try:
        with session(site_url) as http:
            return partner, parse(fetch(http, partner.feed or "", timeout), partner.feed or "")
    except FeedError as error:
        return partner, str(error)
    except Exception as error:  # noqa: BLE001 (one partner's odd feed never stops the others)
        return partner, f"umpan tidak bisa dibaca (galat tak terduga: {type(error).__name__})"


def _entry(p: Proposal, tz, now: datetime) -> dict[str, str]:
    """What a proposal records (`kliping.entry_text` arguments): the item's day in the site's
    zone, never before the release nor after today; its title cleaned and cut to the limit."""
    day = p.item.date.astimezone(tz).date() if p.item.date else now.date()
    title = " ".join(without_invisible(p.item.title).split()) or p.partner.name
    if len(title) > TITLE[1]:
        title = title[: TITLE[1] - 1].rsplit(" ", 1)[0] + "…"
    return {"kind": p.kind, "url": p.item.url, "day": min(max(day, p.release.date.date()), now.date()).isoformat(),
            "title": title, "partner": p.partner.id}


def _print(entries: list[tuple[Proposal, dict[str, str]]], cfg, out) -> None:
    current = None
    for p, e in entries:
        path = f"{cfg.docs_dir}/{p.release.url}{FILE}"
        if path != current:
            current = path
            out.print(f"\n{path}  ({p.release.title})", markup=False, soft_wrap=True)
        out.print(f"  + {p.kind} · {p.partner.name} · {e['day']} · skor {p.score} ({p.reason})\n"
                  f"    {e['title']}\n    {e['url']}", markup=False, soft_wrap=True)
    if entries:
        out.print("")


def _personal(entry: dict[str, str], out) -> bool:
    """A title with personal data (a phone number in a partner's headline) is not written: the
    entry would not pass `check`. Says so."""
    found = personal_data(entry["title"], ())
    if found:
        out.print(f"  ! dilewati: judul memuat data pribadi ({found[0][1]}); catat manual bila perlu: "
                  f"{entry['url']}", markup=False, soft_wrap=True)
    return bool(found)


def _write(entries: list[tuple[Proposal, dict[str, str]]], cfg) -> int:
    """Append the entries to their kliping.yml files; the number of files written."""
    by_file: dict[str, list[str]] = {}
    for p, e in entries:
        by_file.setdefault(f"{p.release.url}{FILE}", []).append(entry_text(**e))
    for rel, texts in by_file.items():
        append(cfg.content_dir / rel, texts)
    return len(by_file)
