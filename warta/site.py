"""Collect: one immutable Site of what is public now, grouped for lists and archives.

Drafts and embargoed releases are dropped here, once, so no later step can leak them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from babel.dates import format_date

from .config import SiteConfig
from .load import Content
from .model import Attachment, Page, Release, Tag
from .periode import Periods
from .registry import Registries
from .visibility import Scrubber, shown


@dataclass(frozen=True)
class Entry:
    """One row of a directory or archive page: a category, unit, tag, year or month."""

    label: str
    url: str  # site-relative, no leading slash
    count: int  # public releases (withdrawn ones not counted, as in the lists)
    description: str = ""
    note: str = ""  # a unit's short name
    feeds: bool = False  # the group has its own RSS and Atom feeds
    children: tuple[Entry, ...] = ()  # a year's months


@dataclass(frozen=True)
class ListPage:
    """One page of a list: releases (home, category, unit, tag, month, the newest releases)
    or a directory of groups (categories, units, tags, the archive's years and months)."""

    src_uri: str  # generated Markdown file, relative to the content folder
    url: str  # site-relative, no leading slash
    kind: str  # home | kategori | unit | tag | bulan | rilis | tahun | arsip | periode
    #            | daftar-{kategori,unit,tag,periode}
    key: str  # slug (or YYYY / YYYY-MM) of the group
    title: str
    description: str
    items: tuple[Release, ...]
    page: int
    pages: int
    first_url: str
    groups: tuple[Entry, ...] = ()  # rows of a directory or archive page

    def page_url(self, n: int) -> str:
        return self.first_url if n == 1 else f"{self.first_url}halaman/{n}/"

    @property
    def prev_url(self) -> str | None:
        return self.page_url(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.page_url(self.page + 1) if self.page < self.pages else None


@dataclass(frozen=True)
class Site:
    cfg: SiteConfig
    now: datetime
    preview: bool
    registries: Registries
    releases: tuple[Release, ...]  # public (incl. withdrawn), newest first
    pages: tuple[Page, ...]  # public content pages outside rilis/ (tentang/ …)
    lists: tuple[ListPage, ...]
    related: dict[str, tuple[Release, ...]] = field(repr=False)
    by_src: dict[str, Release] = field(repr=False)
    pages_by_src: dict[str, Page] = field(repr=False)
    scrubbed: tuple[str, ...] = ()  # sources whose links to hidden releases were removed
    periods: Periods = Periods()  # administrations (history mode), oldest first

    def photos(self) -> list[Attachment]:
        """Every photo that goes on the site: those the public releases and pages reference
        (each only as re-encoded, metadata-free web renditions)."""
        return [a for item in (*self.releases, *self.pages) for a in item.photos]

    @property
    def sources(self) -> frozenset[str]:
        """The only Markdown files of the content folder the engine may render (the allowlist)."""
        return frozenset(self.by_src) | frozenset(self.pages_by_src)

    @property
    def search_years(self) -> list[str]:
        """Years with public releases, newest first: one search index each."""
        return sorted({f"{r.date:%Y}" for r in self.releases}, reverse=True)

    @property
    def listed(self) -> list[Release]:
        return [r for r in self.releases if not r.withdrawn]


def month_name(year: int, month: int) -> str:
    return format_date(datetime(year, month, 1), "MMMM y", locale="id")


def month_url(year: int, month: int) -> str:
    """A month's archive page (and its archived Atom feed), site-relative."""
    return f"arsip/{year}/{month:02d}/"


def by_month(releases: Iterable[Release]) -> dict[tuple[int, int], list[Release]]:
    """Releases grouped by (year, month) of their date, each group in the order given."""
    months: dict[tuple[int, int], list[Release]] = defaultdict(list)
    for r in releases:
        months[(r.date.year, r.date.month)].append(r)
    return months


def collect(content: Content, cfg: SiteConfig, now: datetime, preview: bool = False) -> Site:
    """Everything that is public at `now`, and the list pages over it.

    `preview` (a reviewer's build, never deployed) also shows embargoed releases; the
    templates mark them "EMBARGO sampai …". Drafts stay out even then."""
    assert content.registries is not None and content.ok, "collect() needs valid content"
    scrub = Scrubber(r.slug for r in content.releases if not shown(r, now, preview))
    public = tuple(scrub(r) for r in content.releases if shown(r, now, preview))
    pages = tuple(scrub(p) for p in content.pages if shown(p, now, preview))
    listed = [r for r in public if not r.withdrawn]
    per = cfg.per_page
    lists: list[ListPage] = []
    lists += _paginate("", "home", "", cfg.site_name,
                       f"Rilis dan berita resmi {cfg.region}", listed, per, first=cfg.home_count)
    by_cat, by_unit, by_tag = defaultdict(list), defaultdict(list), defaultdict(list)
    tags: dict[str, Tag] = {}
    for r in listed:
        by_cat[r.category.slug].append(r)
        by_unit[r.unit.slug].append(r)
        for t in r.tags:
            by_tag[t.slug].append(r)
            tags.setdefault(t.slug, t)
    for c in content.registries.categories:
        lists += _paginate(c.list_url, "kategori", c.slug, c.name, c.list_description,
                           by_cat.get(c.slug, []), per)
    for u in content.registries.units:
        lists += _paginate(u.list_url, "unit", u.slug, u.name, u.list_description,
                           by_unit.get(u.slug, []), per)
    for slug, items in sorted(by_tag.items()):
        tag = tags[slug]
        lists += _paginate(tag.list_url, "tag", slug, f"#{tag.name}", tag.list_description, items, per)
    lists += _directories(content.registries, by_cat, by_unit, by_tag, tags)
    lists += _period_lists(content.periods, listed, cfg, per)
    years: dict[int, list[Entry]] = defaultdict(list)
    for (y, m), items in sorted(by_month(listed).items(), reverse=True):
        url = month_url(y, m)
        years[y].append(Entry(month_name(y, m), url, len(items)))
        lists += _paginate(url, "bulan", f"{y}-{m:02d}", f"Arsip {month_name(y, m)}",
                           f"Semua rilis bulan {month_name(y, m)}", items, per)
    archive = tuple(Entry(str(y), f"arsip/{y}/", sum(g.count for g in gs), children=tuple(gs))
                    for y, gs in years.items())
    for year in archive:
        lists.append(ListPage(f"arsip/{year.label}/index.md", year.url, "tahun", year.label,
                              f"Arsip {year.label}", f"Rilis tahun {year.label} per bulan", (), 1, 1,
                              year.url, year.children))
    lists.append(ListPage("arsip/index.md", "arsip/", "arsip", "", "Arsip",
                          "Semua rilis per tahun dan bulan", tuple(listed[:LATEST]), 1, 1, "arsip/",
                          archive))
    lists.append(ListPage("rilis/index.md", "rilis/", "rilis", "", "Semua rilis",
                          f"Rilis terbaru {cfg.region}; yang lebih lama ada di arsip per bulan",
                          tuple(listed[:per]), 1, 1, "rilis/", archive))
    return Site(cfg=cfg, now=now, preview=preview, registries=content.registries, releases=public,
                pages=pages, lists=tuple(lists), related=_related(listed, by_cat),
                by_src={r.src_uri: r for r in public}, pages_by_src={p.src_uri: p for p in pages},
                scrubbed=tuple(scrub.scrubbed), periods=content.periods)


LATEST = 6  # newest releases shown on the archive page


def _directories(registries: Registries, by_cat: dict[str, list[Release]],
                 by_unit: dict[str, list[Release]], by_tag: dict[str, list[Release]],
                 tags: dict[str, Tag]) -> list[ListPage]:
    """`/kategori/`, `/unit/` and `/tag/`: every group with its description, count and feeds."""
    cats = tuple(Entry(c.name, c.list_url, len(by_cat.get(c.slug, [])), c.description,
                       feeds=True) for c in registries.categories)
    units = tuple(Entry(u.name, u.list_url, len(by_unit.get(u.slug, [])), u.description,
                        u.short if u.short != u.name else "", feeds=True) for u in registries.units)
    ranked = sorted(by_tag.items(), key=lambda kv: (-len(kv[1]), tags[kv[0]].name.casefold(), kv[0]))
    labels = tuple(Entry(f"#{tags[slug].name}", tags[slug].list_url, len(items)) for slug, items in ranked)
    return [ListPage(f"{folder}/index.md", f"{folder}/", f"daftar-{folder}", "", title, description,
                     (), 1, 1, f"{folder}/", groups)
            for folder, title, description, groups in (
                ("kategori", "Semua kategori", "Rilis menurut bidang; setiap kategori punya umpan "
                 "RSS dan Atom sendiri", cats),
                ("unit", "Perangkat daerah (OPD) penerbit", "Rilis menurut perangkat daerah yang "
                 "menerbitkannya; setiap OPD punya umpan RSS dan Atom sendiri", units),
                ("tag", "Semua tanda", "Tanda (tag) rilis, yang paling sering dipakai lebih dulu", labels))]


def _period_lists(periods: Periods, listed: list[Release], cfg: SiteConfig, per: int) -> list[ListPage]:
    """`/periode/<slug>/` per administration (its releases, paginated) and the `/periode/`
    directory, newest administration first; nothing without `data/periode.yml`."""
    if not periods:
        return []
    by: dict[str, list[Release]] = defaultdict(list)
    for r in listed:
        if (period := periods.of(r.date.astimezone(cfg.tz).date())) is not None:
            by[period.slug].append(r)
    out: list[ListPage] = []
    for p in periods.entries:
        out += _paginate(p.url, "periode", p.slug, p.name, f"Rilis yang terbit pada masa pemerintahan "
                         f"{p.name} ({p.span})", by[p.slug], per)
    rows = tuple(Entry(p.name, p.url, len(by[p.slug]), p.span) for p in reversed(periods.entries))
    out.append(ListPage("periode/index.md", "periode/", "daftar-periode", "", "Masa pemerintahan",
                        f"Rilis {cfg.region} menurut masa pemerintahan kepala daerah", (), 1, 1,
                        "periode/", rows))
    return out


def _paginate(base: str, kind: str, key: str, title: str, description: str,
              items: Sequence[Release], per: int, first: int | None = None) -> list[ListPage]:
    """Pages of `per` items; page one may hold a different number (`first`)."""
    first = first or per
    rest = max(0, len(items) - first)
    pages = 1 + math.ceil(rest / per)
    out = []
    for n in range(1, pages + 1):
        lo = 0 if n == 1 else first + (n - 2) * per
        hi = first if n == 1 else lo + per
        url = base if n == 1 else f"{base}halaman/{n}/"
        out.append(ListPage(f"{url}index.md", url, kind, key,
                            title if n == 1 else f"{title} (halaman {n})", description,
                            tuple(items[lo:hi]), n, pages, base))
    return out


def _related(listed: list[Release], by_cat: dict[str, list[Release]], k: int = 4,
             window: int = 24) -> dict[str, tuple[Release, ...]]:
    """Up to `k` releases of the same category near in time, those sharing tags first.

    Looks only at a window of neighbours, so it is linear in the number of releases."""
    out: dict[str, tuple[Release, ...]] = {}
    for items in by_cat.values():
        for i, r in enumerate(items):
            mine = {t.slug for t in r.tags}
            near = items[max(0, i - window // 2): i] + items[i + 1: i + 1 + window // 2]
            ranked = sorted(near, key=lambda o: (-len(mine & {t.slug for t in o.tags}),
                                                 abs((o.date - r.date).total_seconds())))
            out[r.url] = tuple(ranked[:k])
    return out
