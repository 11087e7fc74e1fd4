"""Partner feeds over HTTP: fetched with limits, read as RSS 2.0, RSS 1.0, Atom or JSON Feed.

Only http(s) is ever fetched: redirects are followed by hand (at most a few, each to http(s)
again), every request has a timeout and the whole download a deadline and a size cap, and the
user agent names Warta and the site. XML is parsed without DTDs, network access or entity
expansion. Whatever goes wrong is a FeedError whose text says why, in Indonesian.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import lxml.html
import requests
from lxml import etree

from . import __version__
from .mitra import http_url

MAX_BYTES = 5 * 1024 * 1024  # a feed of 50 full-text items is well under 1 MB
MAX_REDIRECTS = 5
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                       remove_pis=True)


class FeedError(Exception):
    """A feed that could not be read: the reason, in Indonesian."""


@dataclass(frozen=True)
class Item:
    """One entry of a partner's feed, as plain data."""

    title: str
    url: str
    date: datetime | None
    text: str  # the body (or summary) as plain text
    links: tuple[str, ...] = ()  # every address the body links to


# --- Fetching ---------------------------------------------------------------------------------

def session(site_url: str) -> requests.Session:
    s = requests.Session()
    s.headers["User-Agent"] = f"Warta/{__version__} (+{site_url}; pemantau kliping mitra media)"
    s.headers["Accept"] = ("application/rss+xml, application/atom+xml, application/feed+json, "
                           "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1")
    return s


def fetch(http: requests.Session, url: str, timeout: float) -> bytes:
    """The body of `url` (http or https only, redirects followed by hand, each checked), within
    `timeout` seconds per request and `MAX_BYTES`; a FeedError saying why not."""
    deadline = time.monotonic() + timeout * (MAX_REDIRECTS + 1)
    for _ in range(MAX_REDIRECTS + 1):
        if not http_url(url):
            raise FeedError(f"alamat umpan bukan http(s): {url[:120]}")
        try:
            with http.get(url, timeout=(timeout, timeout), stream=True, allow_redirects=False) as response:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("Location", ""))
                    continue
                if response.status_code >= 400:
                    raise FeedError(f"server menjawab HTTP {response.status_code}")
                return _read(response, deadline)
        except requests.exceptions.Timeout:
            raise FeedError(f"tidak ada jawaban dalam {timeout:g} detik".replace(".", ",")) from None
        except requests.exceptions.RequestException as error:
            raise FeedError(f"tidak bisa dihubungi ({_reason(error)})") from None
    raise FeedError(f"dialihkan lebih dari {MAX_REDIRECTS} kali")


def _read(response: requests.Response, deadline: float) -> bytes:
    if int(response.headers.get("Content-Length") or 0) > MAX_BYTES:
        raise FeedError(f"umpan lebih dari {MAX_BYTES // 1024 // 1024} MB")
    data = bytearray()
    for chunk in response.iter_content(64 * 1024):
        data += chunk
        if len(data) > MAX_BYTES:
            raise FeedError(f"umpan lebih dari {MAX_BYTES // 1024 // 1024} MB")
        if time.monotonic() > deadline:  # a server that trickles a byte at a time
            raise FeedError("umpan terlalu lambat dikirim")
    return bytes(data)


def _reason(error: requests.exceptions.RequestException) -> str:
    """Why a request failed, in words (never the library's English)."""
    text = str(error)
    if isinstance(error, requests.exceptions.SSLError):
        return "sertifikat HTTPS bermasalah"
    if "Name or service not known" in text or "name resolution" in text or "getaddrinfo" in text:
        return "nama situs tidak ditemukan"
    if "refused" in text:
        return "koneksi ditolak"
    if isinstance(error, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError):
        return "kiriman terputus atau rusak"
    return "koneksi gagal"


# --- Reading a feed ---------------------------------------------------------------------------

def parse(data: bytes, base: str) -> list[Item]:
    """The items of an RSS 2.0, RSS 1.0, Atom or JSON feed; a FeedError for anything else."""
    if data.lstrip()[:1] == b"{":
        return _json_items(data, base)
    try:
        root = etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"umpan rusak: bukan XML yang sah (baris {error.position[0]}, kolom "
                        f"{error.position[1]})") from None
    except ValueError:
        raise FeedError("umpan rusak: bukan XML yang sah") from None
    kind = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if kind not in {"rss", "RDF", "feed"}:
        raise FeedError("umpan rusak: bukan RSS atau Atom")
    entries = [e for e in root.iter() if isinstance(e.tag, str)
               and etree.QName(e).localname == ("entry" if kind == "feed" else "item")]
    return [_xml_item(e, base) for e in entries]


def _xml_item(entry, base: str) -> Item:
    fields: dict[str, list] = {}
    for child in entry:
        if isinstance(child.tag, str):
            fields.setdefault(etree.QName(child).localname, []).append(child)

    def text(*names: str) -> str:
        for name in names:
            for el in fields.get(name, []):
                value = "".join(el.itertext()).strip() if len(el) else (el.text or "").strip()
                if value:
                    return value
        return ""

    link = ""
    for el in fields.get("link", []):
        href = el.get("href") or (el.text or "").strip()
        if href and el.get("rel", "alternate") == "alternate":
            link = href
            break
    if not link and fields.get("guid") and fields["guid"][0].get("isPermaLink", "true") == "true":
        link = text("guid")
    body = ""
    for name in ("encoded", "content", "description", "summary"):
        for el in fields.get(name, []):
            body = etree.tostring(el, method="html", encoding="unicode", with_tail=False) \
                if len(el) else (el.text or "")
            if body.strip():
                break
        if body.strip():
            break
    link = urljoin(base, link)
    words, links = _plain(body, link)
    return Item(" ".join(_plain(text("title"), base)[0].split()), link, _date(
        text("pubDate", "published", "date", "updated", "issued", "modified")), words, links)


def _json_items(data: bytes, base: str) -> list[Item]:
    try:
        feed = json.loads(data)
    except json.JSONDecodeError as error:
        raise FeedError(f"umpan rusak: bukan JSON yang sah (baris {error.lineno}, kolom {error.colno})") from None
    except (ValueError, RecursionError):
        raise FeedError("umpan rusak: bukan JSON yang sah") from None
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        raise FeedError("umpan rusak: JSON tanpa daftar `items`")
    items = []
    for entry in feed["items"]:
        if not isinstance(entry, dict):
            continue
        get = {k: v for k, v in entry.items() if isinstance(v, str)}
        url = urljoin(base, get.get("url", ""))
        words, links = _plain(get.get("content_html") or get.get("content_text") or get.get("summary", ""), url)
        items.append(Item(" ".join(get.get("title", "").split()), url,
                          _date(get.get("date_published") or get.get("date_modified") or ""), words, links))
    return items


def _plain(html: str, base: str) -> tuple[str, tuple[str, ...]]:
    """Text and link targets of an HTML fragment (or plain text)."""
    if "<" not in html:
        return " ".join(html.split()), ()
    try:
        tree = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(re.sub(r"<[^>]*>", " ", html).split()), ()
    for bad in tree.xpath(".//script|.//style"):
        bad.drop_tree()
    links = tuple(urljoin(base, a.get("href", "").strip()) for a in tree.iter("a") if a.get("href"))
    return " ".join(tree.text_content().split()), links


def _date(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
