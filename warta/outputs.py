"""Small site-wide outputs as pure functions of the Site: sitemaps and robots.txt."""

from __future__ import annotations

import gzip
from datetime import timedelta
from xml.sax.saxutils import escape

from .dates import iso
from .report import report_periods
from .site import Site


def sitemap(site: Site) -> bytes:
    """sitemap.xml: every public release (with its last change), every list page, the partner
    page, the reports and the public content pages (`tentang/` …)."""
    base = site.cfg.site_url
    rows = [f"<url><loc>{escape(base)}</loc></url>"]
    for r in site.releases:
        rows.append(f"<url><loc>{escape(base + r.url)}</loc><lastmod>{iso(r.modified)}</lastmod></url>")
    for page in site.lists:
        if page.url:
            rows.append(f"<url><loc>{escape(base + page.url)}</loc></url>")
    reports = ["laporan/", *(p.url for p in report_periods(site))]
    for url in ["mitra-media/", *reports, *(page.url for page in site.pages)]:
        rows.append(f"<url><loc>{escape(base + url)}</loc></url>")
    return _urlset(rows, "")


def news_sitemap(site: Site) -> bytes:
    """Google News sitemap: releases of the last two days (what News reads)."""
    base = site.cfg.site_url
    since = site.now - timedelta(days=2)
    rows = []
    for r in site.listed:
        if r.date < since:
            break
        rows.append(
            f"<url><loc>{escape(base + r.url)}</loc><news:news><news:publication>"
            f"<news:name>{escape(site.cfg.site_name)}</news:name><news:language>id</news:language>"
            f"</news:publication><news:publication_date>{iso(r.date)}</news:publication_date>"
            f"<news:title>{escape(r.title)}</news:title></news:news></url>")
    return _urlset(rows, ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


def _urlset(rows: list[str], extra_ns: str) -> bytes:
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9"{extra_ns}>\n')
    return (head + "\n".join(rows) + "\n</urlset>\n").encode("utf-8")


def robots(site: Site) -> bytes:
    base = site.cfg.site_url
    return (f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
            f"Sitemap: {base}sitemap-berita.xml\n").encode()


def site_files(site: Site) -> dict[str, bytes]:
    """The site-wide files besides feeds: sitemaps (plain and gzip) and robots.txt."""
    plain = sitemap(site)
    return {"sitemap.xml": plain, "sitemap.xml.gz": gzip.compress(plain, mtime=0),
            "sitemap-berita.xml": news_sitemap(site), "robots.txt": robots(site)}
