"""Feeds for partner media: RSS 2.0, Atom and JSON Feed 1.1 from one item model.

Pure functions of the data: no clock, no time zone, no filesystem. The same releases give
byte-identical feeds on any machine (the channel's date is the newest item's, EMPTY_UPDATED for
a feed with no item; no generator version; entries appended in order, never prepended). Every
document passes the W3C Feed Validation Service, whose rules tests/feedrules.py holds offline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import quote, urljoin
from xml.sax.saxutils import escape

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .model import Release

MEDIA_NS = "http://search.yahoo.com/mrss/"
HISTORY_NS = "http://purl.org/syndication/history/1.0"  # RFC 5005
DC_NS = "http://purl.org/dc/elements/1.1/"
LATEST = 50
PHOTO_TYPE = "image/jpeg"  # a photo's fallback rendition: what every reader shows
# The date of a feed with no item yet (a new category or unit): fixed, in UTC.
EMPTY_UPDATED = datetime(2000, 1, 1, tzinfo=UTC)
# Not allowed in XML 1.0 (C0), or flagged by feed validators (C1 controls, U+FFFD).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
_URL_ATTR = re.compile(r' (src|href|srcset)="([^"]*)"')
# The WebP part of a body photo's <picture> (Warta's own markup): feeds carry its JPEG <img>.
_PICTURE = re.compile(r'</?picture>|<source type="image/webp"[^>]*>')


@dataclass(frozen=True)
class Photo:
    url: str  # absolute
    length: int  # bytes
    width: int
    height: int
    credit: str
    caption: str
    alt: str


@dataclass(frozen=True)
class Item:
    """One release as every feed format sees it."""

    id: str  # permanent: from the URL path and the first publication date
    url: str
    title: str
    summary: str
    content_html: str  # full body, absolute URLs, correction notes first
    published: datetime
    updated: datetime
    categories: tuple[str, ...]
    author: str
    photo: Photo | None


@dataclass(frozen=True)
class FeedMeta:
    title: str
    description: str
    home_url: str  # absolute
    base_url: str  # absolute URL of the folder holding feed.xml, atom.xml and feed.json


def clean(text: str) -> str:
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def absolutize(html: str, page_url: str) -> str:
    """Every src, href and srcset URL made absolute against the page's URL (one pass)."""
    if 'src="' not in html and 'href="' not in html and "srcset" not in html:
        return html

    def one(url: str) -> str:
        if url.startswith(("http://", "https://", "mailto:", "tel:")):
            return url
        if url.startswith("#"):  # in a feed a bare fragment would point into the feed itself
            return page_url + url
        if ":" not in url and not url.startswith(("/", ".")):
            return page_url + url  # a file beside the page: the common case, no parsing
        return urljoin(page_url, url)

    def attr(m: re.Match) -> str:
        name, value = m.group(1), m.group(2)
        if name == "srcset":
            value = ", ".join(" ".join([one(part.split()[0]), *part.split()[1:]])
                              for part in value.split(",") if part.strip())
        else:
            value = one(value)
        return f' {name}="{value}"'

    return _URL_ATTR.sub(attr, html)


def item_id(site_url: str, release: Release) -> str:
    """A tag URI (RFC 4151) that a retitle or a correction never changes."""
    return f"tag:{_host(site_url)},{release.date:%Y-%m-%d}:/{release.url}"


@lru_cache(maxsize=8)
def _host(site_url: str) -> str:
    """The tagging authority of RFC 4151: a lower-case domain name, no user or port."""
    authority = re.sub(r"^https?://", "", site_url).split("/")[0]
    return authority.rpartition("@")[2].split(":")[0].lower()


def make_item(release: Release, site_url: str, body_html: str, photo_length: int | None,
              labels: dict[str, str]) -> Item:
    """`labels` gives the Indonesian wording: 'update' (note prefix) and 'klarifikasi'."""
    from .dates import long_date

    url = site_url + release.url
    notes = "".join(
        f"<p><strong>{labels['update']} {long_date(u.date)}:</strong> {_esc(u.note)}</p>"
        for u in reversed(release.updates))
    if release.withdrawn:
        notes = (f"<p><strong>{labels['withdrawn']} {long_date(release.withdrawn.date)}:</strong> "
                 f"{_esc(release.withdrawn.reason)}</p>") + notes
    title = release.title
    if release.type == "klarifikasi" and not title.lower().startswith("klarifikasi"):
        title = f"{labels['klarifikasi']}: {title}"
    photo = None
    if release.image and photo_length is not None:
        w, h, name = release.image.fallback
        photo = Photo(url + quote(name), photo_length, w, h, release.image.credit,
                      release.image.caption, release.image.alt)
    figure = ""
    if photo:  # the hero photo heads the content too: many CMS importers read only the HTML
        caption = " ".join(x for x in (release.image.caption, f"Foto: {release.image.credit}") if x)
        figure = (f'<figure><img src="{photo.url}" alt="{_esc(photo.alt)}" width="{photo.width}" '
                  f'height="{photo.height}"><figcaption>{_esc(caption)}</figcaption></figure>')
    categories = (release.category.name, *(["Klarifikasi"] if release.type == "klarifikasi" else []),
                  *(t.name for t in release.tags))
    # Front-matter text needs no cleaning: YAML itself refuses control characters. The body
    # is Markdown, not YAML, so it is cleaned of what XML 1.0 cannot carry.
    return Item(id=item_id(site_url, release), url=url, title=title, summary=release.summary,
                content_html=notes + figure + clean(absolutize(_PICTURE.sub("", body_html), url)),
                published=release.date, updated=release.modified, categories=categories,
                author=release.unit.name, photo=photo)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _MediaExtension(BaseExtension):
    def extend_ns(self):
        return {"media": MEDIA_NS}


class _MediaEntry(BaseEntryExtension):
    """media:content with media:credit and media:description (feedgen's has neither)."""

    photo: Photo | None = None

    def extend_rss(self, entry):
        if self.photo:
            p = self.photo
            content = etree.SubElement(entry, f"{{{MEDIA_NS}}}content", url=p.url, type=PHOTO_TYPE,
                                       medium="image", fileSize=str(p.length), width=str(p.width),
                                       height=str(p.height))
            etree.SubElement(content, f"{{{MEDIA_NS}}}credit", role="photographer").text = p.credit
            if p.caption or p.alt:
                etree.SubElement(content, f"{{{MEDIA_NS}}}description").text = p.caption or p.alt
        return entry

    extend_atom = extend_rss


class _AtomEntryLinks(BaseEntryExtension):
    """An Atom entry's links written whole: feedgen 1.0 keeps only their `href`
    (lkiesow/python-feedgen#135), making the article and the photo two `alternate` links, which
    the W3C validator rejects. One text/html `alternate`; the photo an `enclosure`."""

    item: Item | None = None

    def extend_atom(self, entry):
        written = entry.findall("link")
        at = entry.index(written[0]) if written else len(entry)
        for link in written:
            entry.remove(link)
        links = [{"rel": "alternate", "type": "text/html", "href": self.item.url}]
        if self.item.photo:
            links.append({"rel": "enclosure", "type": PHOTO_TYPE, "length": str(self.item.photo.length),
                          "href": self.item.photo.url})
        for offset, attrs in enumerate(links):
            entry.insert(at + offset, etree.Element("link", attrs))
        return entry


class _DcExtension(BaseExtension):
    def extend_ns(self):
        return {"dc": DC_NS}


class _DcEntry(BaseEntryExtension):
    creator: str | None = None

    def extend_rss(self, entry):
        if self.creator:
            etree.SubElement(entry, f"{{{DC_NS}}}creator").text = self.creator
        return entry

    def extend_atom(self, entry):
        return entry


class _ArchiveMark(BaseExtension):
    """`<fh:archive/>`: this document is an archive (RFC 5005 section 4)."""

    def extend_ns(self):
        return {"fh": HISTORY_NS}

    def extend_atom(self, feed):
        etree.SubElement(feed, f"{{{HISTORY_NS}}}archive")
        return feed


FEED_TYPES = {"feed.xml": "application/rss+xml", "atom.xml": "application/atom+xml"}


def _generator(items: Sequence[Item], meta: FeedMeta, self_name: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.register_extension("warta_media", _MediaExtension, _MediaEntry)
    fg.register_extension("warta_dc", _DcExtension, _DcEntry, atom=False)
    fg.register_extension("warta_links", BaseExtension, _AtomEntryLinks, rss=False)
    fg.id(meta.base_url + self_name)
    fg.title(clean(meta.title))
    fg.subtitle(clean(meta.description))
    fg.description(clean(meta.description))
    fg.link(href=meta.base_url + self_name, rel="self", type=FEED_TYPES[self_name])
    fg.link(href=meta.home_url, rel="alternate", type="text/html")  # last: feedgen's RSS <link>
    fg.language("id")
    fg.generator("Warta")
    newest = max((i.updated for i in items), default=EMPTY_UPDATED)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for item in items:
        fe = fg.add_entry(order="append")
        fe.id(item.id)
        fe.guid(item.id, permalink=False)  # a tag URI is no address: never isPermaLink
        fe.title(item.title)
        fe.link(href=item.url, rel="alternate")  # RSS <link>; Atom's links: _AtomEntryLinks
        fe.summary(item.summary)  # Atom: plain text
        fe.description(escape(item.summary))  # RSS: the description is HTML, the summary is not
        fe.content(item.content_html, type="CDATA")
        fe.published(item.published)
        fe.updated(item.updated)
        fe.author(name=item.author)
        for term in item.categories:
            fe.category(term=term)
        if item.photo:
            fe.enclosure(item.photo.url, str(item.photo.length), PHOTO_TYPE)
            fe.warta_media.photo = item.photo
        fe.warta_dc.creator = item.author
        fe.warta_links.item = item
    return fg


def rss(items: Sequence[Item], meta: FeedMeta) -> bytes:
    return _char_refs(_generator(items, meta, "feed.xml").rss_str(pretty=True))


def _char_refs(xml: bytes) -> bytes:
    """`&` and `<` in text written as `&#x26;` and `&#x3C;` (RSS Best Practices Profile):
    the same XML, but a reader can tell plain text from escaped HTML. CDATA is left alone."""
    parts = re.split(rb"(<!\[CDATA\[.*?\]\]>)", xml, flags=re.S)
    parts[::2] = [p.replace(b"&amp;", b"&#x26;").replace(b"&lt;", b"&#x3C;") for p in parts[::2]]
    return b"".join(parts)


def atom(items: Sequence[Item], meta: FeedMeta, *, links: dict[str, str] | None = None,
         archive: bool = False) -> bytes:
    """Atom; `links` adds RFC 5005 relations (`prev-archive`, `next-archive`, `current`),
    `archive` marks an archive document. Archives (many entries, read by machines) are
    written compact; live feeds indented."""
    fg = _generator(items, meta, "atom.xml")
    for rel, href in (links or {}).items():
        fg.link(href=href, rel=rel, type=FEED_TYPES["atom.xml"])
    if archive:
        fg.register_extension("warta_archive", _ArchiveMark, None, rss=False)
    for entry in fg.entry():  # Atom content of type html: escaped text, not CDATA
        entry.content(entry.content()["content"], type="html")
    return fg.atom_str(pretty=not archive)


def json_feed(items: Sequence[Item], meta: FeedMeta) -> bytes:
    """JSON Feed 1.1 from the same items."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta.title,
        "description": meta.description,
        "home_page_url": meta.home_url,
        "feed_url": meta.base_url + "feed.json",
        "language": "id",
        "items": [{
            "id": i.id, "url": i.url, "title": i.title, "summary": i.summary,
            "content_html": i.content_html,
            **({"image": i.photo.url,
                "attachments": [{"url": i.photo.url, "mime_type": PHOTO_TYPE,
                                 "size_in_bytes": i.photo.length}]} if i.photo else {}),
            "date_published": i.published.isoformat(timespec="seconds"),
            "date_modified": i.updated.isoformat(timespec="seconds"),
            "authors": [{"name": i.author}], "tags": list(i.categories),
        } for i in items],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


LABELS = {"update": "Pembaruan", "withdrawn": "Ditarik", "klarifikasi": "Klarifikasi"}


def site_feeds(site, bodies: dict[str, str], photo_lengths: dict[str, int]) -> dict[str, bytes]:
    """Every feed file of the site (path relative to the site folder -> bytes): the whole
    site and each category and unit, latest 50 items, in RSS, Atom and JSON Feed.

    `bodies` holds each release's rendered body HTML by src_uri; `photo_lengths` the byte
    size of each release's JPEG photo rendition (for enclosures)."""
    cfg = site.cfg
    made: dict[str, Item] = {}

    def item(r: Release) -> Item:
        if r.src_uri not in made:
            made[r.src_uri] = make_item(r, cfg.site_url, bodies.get(r.src_uri, ""),
                                        photo_lengths.get(r.src_uri), LABELS)
        return made[r.src_uri]

    groups = [("", site.releases, f"{cfg.site_name}", f"Rilis resmi {cfg.region}", "")]
    for c in site.registries.categories:
        groups.append((c.list_url, [r for r in site.releases if r.category.slug == c.slug],
                       f"{c.name} — {cfg.site_name}", c.list_description, c.list_url))
    for u in site.registries.units:
        groups.append((u.list_url, [r for r in site.releases if r.unit.slug == u.slug],
                       f"{u.name} — {cfg.site_name}", u.list_description, u.list_url))
    months = _months(site.releases)
    out: dict[str, bytes] = {}
    for folder, releases, title, description, home in groups:
        items = [item(r) for r in releases[:LATEST]]
        meta = FeedMeta(title, description, cfg.site_url + home, cfg.site_url + folder)
        out[folder + "feed.xml"] = rss(items, meta)
        links = {"prev-archive": cfg.site_url + months[-1][0] + "atom.xml"} if months and not folder else {}
        out[folder + "atom.xml"] = atom(items, meta, links=links)
        out[folder + "feed.json"] = json_feed(items, meta)
    # RFC 5005 archived feeds: one Atom document per month, chained, so a partner can fetch
    # every release ever published, not just the latest 50.
    for i, (folder, label, releases) in enumerate(months):
        links = {"current": cfg.site_url + "atom.xml"}
        if i > 0:
            links["prev-archive"] = cfg.site_url + months[i - 1][0] + "atom.xml"
        if i + 1 < len(months):
            links["next-archive"] = cfg.site_url + months[i + 1][0] + "atom.xml"
        meta = FeedMeta(f"{cfg.site_name} — arsip {label}", f"Semua rilis {label}",
                        cfg.site_url + folder, cfg.site_url + folder)
        out[folder + "atom.xml"] = atom([item(r) for r in releases], meta, links=links, archive=True)
    return out


def _months(releases: Sequence[Release]) -> list[tuple[str, str, list[Release]]]:
    """(archive folder, month label, releases newest first) for every month, oldest first."""
    from .site import by_month, month_name, month_url

    months = by_month(releases)  # newest first already
    return [(month_url(y, m), month_name(y, m), months[(y, m)]) for y, m in sorted(months)]


def feed_groups(site) -> list[tuple[str, str, str]]:
    """(group label, feed title, folder) of every subscription feed, site first."""
    out = [("Seluruh situs", site.cfg.site_name, "")]
    out += [("Kategori", c.name, c.list_url) for c in site.registries.categories]
    out += [("Unit (OPD)", u.name, u.list_url) for u in site.registries.units]
    return out


def opml(site) -> bytes:
    """OPML 2.0 listing every RSS feed, grouped, for a newsroom's reader in one import."""
    from xml.sax.saxutils import quoteattr

    base = site.cfg.site_url
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', "  <head>",
             f"    <title>{_esc(site.cfg.site_name)}: umpan untuk mitra media</title>",
             f"    <ownerName>{_esc(site.cfg.office or site.cfg.site_name)}</ownerName>",
             "  </head>", "  <body>"]  # no <docs>: optional, and the W3C validator refuses it
    current = None
    for group, title, folder in feed_groups(site):
        if group != current:
            if current is not None:
                lines.append("    </outline>")
            lines.append(f"    <outline text={quoteattr(group)}>")
            current = group
        lines.append(f"      <outline type=\"rss\" text={quoteattr(title)} title={quoteattr(title)} "
                     f"xmlUrl={quoteattr(base + folder + 'feed.xml')} htmlUrl={quoteattr(base + folder)}/>")
    lines += ["    </outline>", "  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")
