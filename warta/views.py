"""Page view-models: what every page of the site shows, as data.

Pure functions of the `Site`, the rendered bodies and the git history; the engine's templates
only print them. Each view carries a key, a hash of everything its page renders (with the
site-wide key: code, theme, settings, registries), so an incremental build renders exactly
the pages whose key changed and reuses the others, byte for byte.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel

from . import charts, feeds, kliping, mitra, sharekit, structured
from .history import History, timeline
from .model import Page, Release
from .report import Report, index_rows
from .sharing import share_links
from .site import ListPage, Site, month_url

#: Pages Warta makes besides releases, content pages and lists: (staged file, template, title).
PARTNERS = "mitra-media/index.md"
SEARCH = "cari/index.md"
REPORTS = "laporan/index.md"


@dataclass(frozen=True)
class PageView:
    src_uri: str  # the staged Markdown file, relative to the staging folder
    url: str  # site-relative, no leading slash
    template: str
    title: str
    description: str
    body: str = ""  # the rendered body HTML of a release or content page
    # The template's variables, or a function making them (made only for a page rendered).
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] = field(default_factory=dict, repr=False)
    key: str = ""  # hash of everything the page renders

    @property
    def dest(self) -> str:
        """The file the page becomes in the site."""
        return f"{self.url}index.html"

    def variables(self) -> Mapping[str, Any]:
        return self.context() if callable(self.context) else self.context


def globals_for(site: Site) -> SimpleNamespace:
    """What every template may read (`warta.…`): settings, registries, whether this is a
    reviewer's preview, and which shown releases are still embargoed (only in a preview).
    It is part of the site key, so a change here renders every page again."""
    embargoed = frozenset(r.url for r in site.releases if not r.is_public(site.now))
    return SimpleNamespace(cfg=site.cfg, registries=site.registries, preview=site.preview,
                           embargoed=embargoed, periods=bool(site.periods))


def site_key(site: Site, code: str) -> str:
    """The key every page shares: the code and theme (`code`), the settings, the registries
    and the template globals."""
    g = globals_for(site)
    return _hash(code, repr(site.cfg), repr(site.registries), g.preview, sorted(g.embargoed), g.periods)


def meta_digests(site: Site) -> dict[str, str]:
    """Each release without its body and clippings, as a hash by URL: what its cards, share
    kit and its entries in lists show (computed once per build: a release's repr is costly)."""
    return {r.url: _hash(repr(dataclasses.replace(r, body="", clippings=()))) for r in site.releases}


def all_views(site: Site, bodies: Mapping[str, str], history: History, key: str,
              reports: Mapping[str, Report] | None = None,
              metas: Mapping[str, str] | None = None) -> dict[str, PageView]:
    """Every page of the site by its staged file: releases, content pages, lists, the partner
    page, the search page and the reports (`reports`, by URL, from report.all_reports)."""
    metas = metas if metas is not None else meta_digests(site)
    # A release stands for this digest wherever it is shown; its clippings appear on its own
    # page only (in that page's context), so a new clipping re-renders that page alone.
    digests = {r.url: _hash(metas[r.url], r.body, bodies.get(r.src_uri, "")) for r in site.releases}
    views: dict[str, PageView] = {}

    def add(view: PageView, *parts: Any) -> None:
        views[view.src_uri] = dataclasses.replace(view, key=_hash(
            key, view.template, view.url, view.title, view.description, view.body,
            *[_fingerprint(p, digests) for p in parts]))

    tz, today = site.cfg.tz, site.now.astimezone(site.cfg.tz).date()
    for r in site.releases:
        # The key holds every input of release_context (the settings are in the site key),
        # so the context itself is made only for a page that is rendered.
        add(PageView(r.src_uri, r.url, "warta/release.html", r.title, r.summary,
                     bodies.get(r.src_uri, ""), partial(release_context, site, r, history)),
            digests[r.url], repr(r.clippings), site.related.get(r.url, ()), repr(history.of(r.path)),
            repr(site.periods.earlier(r.date.astimezone(tz).date(), today)))
    for p in site.pages:
        add(PageView(p.src_uri, p.url, "warta/page.html", p.title, p.description,
                     bodies.get(p.src_uri, "")), p)
    for listing in site.lists:
        context: dict[str, Any] = {"listing": listing}
        if listing.kind == "home" and listing.page == 1:
            cfg = site.cfg
            context["jsonld"] = [structured.script_json(
                structured.website(cfg.site_url, cfg.site_name, cfg.region, cfg.description))]
        add(PageView(listing.src_uri, listing.url, _list_template(listing), listing.title,
                     listing.description, context=context), context)
    partners = partners_context(site)
    add(PageView(PARTNERS, "mitra-media/", "warta/partners.html", "Untuk mitra media",
                 f"Umpan RSS, Atom dan JSON rilis {site.cfg.region} untuk media mitra",
                 context=partners), partners)
    search = {"search_years": site.search_years}
    add(PageView(SEARCH, "cari/", "warta/search.html", "Cari rilis",
                 f"Cari rilis dan berita {site.cfg.region}", context=search), search)
    reports = reports or {}
    index = {"years": index_rows(reports)}
    add(PageView(REPORTS, "laporan/", "warta/reports.html", "Laporan bulanan dan tahunan",
                 f"Jumlah rilis, klarifikasi, koreksi dan kliping {site.cfg.region} per bulan dan "
                 "per tahun", context=index), index)
    for url, report in reports.items():
        context = {"report": report, "sizes": {s.key: charts.size(s) for s in report.charts}}
        add(PageView(f"{url}index.md", url, "warta/report.html", report.title,
                     f"Rilis, klarifikasi, koreksi dan kliping {report.period.label}: angka, grafik "
                     "dan unduhan CSV/XLSX", context=context), context)
    return views


def _list_template(listing: ListPage) -> str:
    if listing.kind in {"arsip", "tahun"}:
        return "warta/archive.html"
    return "warta/directory.html" if listing.kind.startswith("daftar-") else "warta/list.html"


def release_context(site: Site, release: Release, history: History) -> dict[str, Any]:
    """A release page's variables: related releases, the link card as og:image, JSON-LD,
    share links and the public change history with its commit links. A pure function of the
    release, its related releases, its commits, its administration and the settings: those
    make its view key in all_views (add an input there when you add one here)."""
    cfg = site.cfg
    card = sharekit.card_entries(release, cfg.site_url, cfg.site_name)["tautan"]
    images = [card["url"]]
    if release.image:
        images.insert(0, cfg.site_url + release.url + release.image.largest[2])
    blocks = [structured.news_article(release, cfg.site_url, cfg.site_name, cfg.region, images),
              structured.claim_review(release, cfg.site_url, cfg.site_name)]
    repo = cfg.repo_url.rstrip("/")
    commits = history.of(release.path)
    return {
        "release": release,
        # History mode: published under an earlier administration than today's (a banner).
        "era": site.periods.earlier(release.date.astimezone(cfg.tz).date(), site.now.astimezone(cfg.tz).date()),
        "related": site.related.get(release.url, ()),
        # Platforms cache a preview image by its URL: the card's name carries a hash of what
        # it shows, so a corrected card has a new URL and is fetched again.
        "og_image": {**card, "alt": f"{release.title} ({cfg.site_name})"},
        "jsonld": [structured.script_json(b) for b in blocks if b],
        "share": share_links(cfg.site_url + release.url, sharekit.headline(release)),
        "history": [{**row, "url": f"{repo}/commit/{row['commit'].sha}" if repo and row["commit"] else None}
                    for row in timeline(release, commits)],
        "history_url": f"{repo}/commits/{cfg.repo_branch}/{release.path}" if repo and commits else None,
        "clippings": kliping.sections(release),
    }


def partners_context(site: Site) -> dict[str, Any]:
    latest = month_url(site.releases[0].date.year, site.releases[0].date.month) if site.releases else None
    contacts = site.registries.contacts.entries
    return {"feed_groups": feeds.feed_groups(site), "latest_archive": latest,
            "contact": contacts[0] if contacts else None,
            "partners": mitra.directory(site.registries.partners or ())}


def _fingerprint(value: Any, digests: Mapping[str, str]) -> str:
    """A stable text for `value` in which a release stands for its digest (so a list of 24
    releases costs 24 short hashes, not 24 bodies)."""
    if isinstance(value, Release):
        return digests.get(value.url) or _hash(repr(value))
    if isinstance(value, (str, int, float, bool)) or value is None:
        return repr(value)
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{k!r}:{_fingerprint(v, digests)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_fingerprint(v, digests) for v in value) + "]"
    if isinstance(value, BaseModel | Page):
        return repr(value)
    if dataclasses.is_dataclass(value):
        return type(value).__name__ + _fingerprint(
            {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}, digests)
    return repr(value)


def _hash(*parts: Any) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()
