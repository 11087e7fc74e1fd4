"""Feed rules of the W3C Feed Validation Service, offline, for the documents Warta writes.

Read from the validator's own checks (w3c/feedvalidator, `feedvalidator/`: feed, entry, link,
channel, item, media, opml, content and validators) and the specifications they enforce: RFC 4287
(Atom), RFC 5005 (archived feeds), RFC 4151 (tag URIs), RSS 2.0 with the RSS Best Practices
Profile, Media RSS, Dublin Core, OPML 2.0; and for JSON Feed 1.1 what its JSON Schema
(tests/schemas) cannot say. Only the rules that can concern our feeds are here, some a little
stricter than the validator (a reader must find exactly one article link per item; an enclosure
carries its type and length).

`problems(data, url)` returns "where: what" for every rule a document breaks, [] when it passes.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from urllib.parse import urlsplit

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
MEDIA = "http://search.yahoo.com/mrss/"
HISTORY = "http://purl.org/syndication/history/1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KNOWN_NAMESPACES = {ATOM, CONTENT, DC, MEDIA, HISTORY}

# Link relations the validator knows (IANA registry as it lists them); RFC 5005's belong to a feed.
LINK_RELS = {"alternate", "current", "describedby", "edit", "edit-media", "enclosure", "first", "hub",
             "last", "license", "next", "next-archive", "payment", "prev-archive", "previous",
             "related", "replies", "search", "self", "service", "up", "via"}
HISTORY_RELS = {"current", "first", "last", "next", "next-archive", "prev-archive", "previous"}
FEED_METADATA = {"author", "category", "contributor", "generator", "icon", "id", "link", "logo",
                 "rights", "subtitle", "title", "updated"}
# Elements the validator calls a security risk inside HTML content.
UNSAFE_HTML = {"applet", "base", "basefont", "body", "embed", "frame", "frameset", "head", "html",
               "iframe", "isindex", "link", "meta", "noframes", "object", "param", "plaintext",
               "script", "style", "title", "xmp"}
OPML_HEAD = {"title", "dateCreated", "dateModified", "ownerName", "ownerEmail", "ownerId",
             "expansionState", "vertScrollState", "windowTop", "windowLeft", "windowBottom",
             "windowRight"}
OPML_OUTLINE = {"category", "created", "description", "htmlUrl", "isBreakpoint", "isComment",
                "language", "text", "title", "type", "url", "version", "xmlUrl"}

MIME = re.compile(r'[^\s()<>,;:"/\[\]?=]+/[^\s()<>,;:"/\[\]?=]+(\s*;\s*[^\s()<>,;:"/\[\]?=]+=("[^"]*"|[^\s()<>,;:"/\[\]?=]+))*$')
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
RFC822 = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d?) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"(\d{4}) (\d\d):(\d\d):(\d\d) ([+-]\d\d[03]0|GMT|UT)$")  # the validator: :00 or :30
MONTHS, DAYS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), "Mon Tue Wed Thu Fri Sat Sun".split()
TAG_URI = re.compile(r"tag:([a-z0-9._-]+@)?[a-z0-9.-]+,\d{4}(-\d\d(-\d\d)?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*"
                     r"(#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$")
URL_ATTR = re.compile(r"""\s(src|href|srcset|poster|cite|action|background)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
TAG = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
CHAR_REF = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)\s*>")
CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.S)


def problems(data: bytes, url: str) -> list[str]:
    """Every broken rule of the feed document `data`, published at `url`."""
    if url.endswith(".json"):
        return json_feed(data, url)
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as error:
        return [f"{url}: not well-formed XML ({error})"]
    found = _characters(root, url)
    if root.tag == "rss":
        found += rss(root, url, data)
    elif root.tag == f"{{{ATOM}}}feed":
        found += atom(root, url)
    elif root.tag == "opml":
        found += opml(root, url)
    else:
        found.append(f"{url}: unknown root element {root.tag}")
    return found


# --- shared value rules -----------------------------------------------------------------------

def _absolute(url: str | None) -> bool:
    """An absolute web address (no relative reference, no fragment-only reference)."""
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not re.search(r"\s", url)


def canonical_id(value: str) -> str | None:
    """What is wrong with an entry or feed id: not an absolute IRI in canonical form."""
    if value != value.strip() or re.search(r"\s", value):
        return "has white space"
    if value.startswith("tag:"):
        return None if TAG_URI.match(value) else "is not a tag URI (RFC 4151)"
    parts = urlsplit(value)
    if not re.match(r"[a-z][a-z0-9+.-]*$", parts.scheme):
        return "is not an absolute IRI with a lower-case scheme"
    if parts.scheme in ("http", "https"):
        if parts.netloc != parts.netloc.lower() or not parts.netloc:
            return "host is not lower case"
        if (parts.scheme, parts.port) in (("http", 80), ("https", 443)):
            return "carries the default port"
        if not parts.path or re.search(r"(^|/)\.\.?(/|$)", parts.path):
            return "path is empty or has dot segments"
    if re.search(r"%[0-9a-f][0-9A-Fa-f]|%[0-9A-Fa-f][0-9a-f]", value):
        return "percent escapes are not upper case"
    return None


def rfc3339(value: str | None) -> bool:
    if not value or not RFC3339.match(value):
        return False
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).year >= 1990  # plausible
    except ValueError:
        return False


def rfc822(value: str | None) -> bool:
    """RFC 822 as RSS 2.0 wants it, four-digit year, with the right day of the week."""
    m = RFC822.match(value or "")
    if not m:
        return False
    try:
        day = date(int(m[4]), MONTHS.index(m[3]) + 1, int(m[2]))
    except ValueError:
        return False
    return DAYS[day.weekday()] == m[1] and int(m[5]) < 24 and int(m[6]) < 60 and int(m[7]) < 61 \
        and day.year >= 1990


def html(value: str, where: str) -> list[str]:
    """HTML carried in a feed: well formed enough for a strict parser, nothing unsafe, and
    every address absolute (a relative one would resolve against the feed, not the page)."""
    found = []
    if re.search(r"<(?![a-zA-Z/!?])", value):
        found.append(f"{where}: '<' that starts no tag (escape it as &lt;)")
    if re.search(r"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[a-zA-Z][a-zA-Z0-9]*;)", value):
        found.append(f"{where}: '&' that starts no character reference (escape it as &amp;)")
    for name, attrs in TAG.findall(value):
        if name.lower() in UNSAFE_HTML:
            found.append(f"{where}: unsafe element <{name}>")
        for attr in re.findall(r"\s([a-zA-Z-]+)\s*=", attrs):
            if attr.lower().startswith("on") or attr.lower() == "style":
                found.append(f"{where}: unsafe attribute {attr} on <{name}>")
    for name, double, single in URL_ATTR.findall(value):
        url = double or single
        refs = [part.split()[0] for part in url.split(",") if part.strip()] if name.lower() == "srcset" else [url]
        for ref in refs:
            ref = CHAR_REF.sub(lambda m: "&" if m[1] == "amp" else m[0], ref)
            if not (_absolute(ref) or ref.startswith(("mailto:", "tel:"))):
                found.append(f"{where}: relative address {name}={ref!r}")
    return found


def plain(value: str | None, where: str) -> list[str]:
    """Plain text (titles, names): markup in it would be shown as code or taken as HTML."""
    tag = END_TAG.search(value or "")
    return [f"{where}: HTML in plain text ({tag[0]})"] if tag else []


def _characters(root, url: str) -> list[str]:
    for node in root.iter():
        for text in (node.text, node.tail, *node.attrib.values()):
            if text and re.search("[\x80-\x9f\ufffd]", text):
                return [f"{url}: C1 control character or U+FFFD in <{etree.QName(node).localname}>"]
    return []


def _namespaces(root, url: str) -> list[str]:
    used = {etree.QName(n).namespace for n in root.iter() if isinstance(n.tag, str)} - {None}
    return [f"{url}: unknown namespace {ns} (a misspelt one is ignored by readers)"
            for ns in sorted(used - KNOWN_NAMESPACES)]


def _one(parent, tag: str, where: str, required=True) -> list[str]:
    count = len(parent.findall(tag))
    if count > 1:
        return [f"{where}: {count} <{tag}> elements, at most one allowed"]
    if required and count == 0:
        return [f"{where}: <{tag}> missing"]
    return []


def _q(tag: str, ns: str = ATOM) -> str:
    return f"{{{ns}}}{tag}"


# --- Atom (RFC 4287, RFC 5005) ----------------------------------------------------------------

def _atom_links(parent, where: str, *, feed: bool) -> list[str]:
    found, alternates = [], set()
    for link in parent.findall(_q("link")):
        rel, href, kind = link.get("rel", "alternate"), link.get("href"), link.get("type")
        if not _absolute(href):
            found.append(f"{where}: link rel={rel} has no absolute href ({href!r})")
        if rel not in LINK_RELS:
            found.append(f"{where}: unregistered link relation {rel!r}")
        if rel in HISTORY_RELS and not feed:
            found.append(f"{where}: feed-history relation {rel} inside an entry")
        if kind is not None and not MIME.match(kind):
            found.append(f"{where}: link type {kind!r} is not a media type")
        if link.get("length") is not None and not link.get("length").isdigit():
            found.append(f"{where}: link length {link.get('length')!r} is not a non-negative integer")
        if rel == "alternate":
            key = (kind, link.get("hreflang"))
            if key in alternates:
                found.append(f"{where}: two alternate links of type {kind} and hreflang {key[1]}")
            alternates.add(key)
        if rel == "enclosure" and (not kind or not link.get("length")):
            found.append(f"{where}: enclosure link without type and length")
    return found


def _self_link(parent, url: str, kind: str, name: str) -> list[str]:
    selves = [link for link in parent.findall(_q("link")) if link.get("rel") == "self"]
    if len(selves) == 1 and selves[0].get("href") == url and selves[0].get("type") == kind:
        return []
    return [f"{url}: needs one {name} rel=self to its own address {url} with type {kind}"]


def _dates(parent, tags, valid, where: str, kind: str) -> list[str]:
    return [f"{where}: {etree.QName(tag).localname} {parent.findtext(tag)!r} is not an {kind} date"
            for tag in tags if parent.find(tag) is not None and not valid(parent.findtext(tag))]


def atom(root, url: str) -> list[str]:
    found = _namespaces(root, url) + _self_link(root, url, "application/atom+xml", "link")
    if not root.get(XML_LANG):
        found.append(f"{url}: feed has no xml:lang")
    for tag in ("id", "title", "updated"):
        found += _one(root, _q(tag), url)
    if (fid := root.findtext(_q("id"))) and (why := canonical_id(fid)):
        found.append(f"{url}: feed id {fid!r} {why}")
    found += _dates(root, [_q("updated")], rfc3339, f"{url} feed", "RFC 3339")
    found += _atom_links(root, url, feed=True)
    seen_entry = False
    for child in root:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == "entry":
            seen_entry = True
        elif seen_entry and etree.QName(child).namespace == ATOM and name in FEED_METADATA:
            found.append(f"{url}: feed <{name}> after the first entry")
    if root.find(_q("archive", HISTORY)) is not None:
        rels = {link.get("rel") for link in root.findall(_q("link"))}
        if "current" not in rels:
            found.append(f"{url}: archive document without a link rel=current")
        if not rels & {"prev-archive", "next-archive"} and root.find(_q("complete", HISTORY)) is None:
            found.append(f"{url}: archive document neither chained (prev-/next-archive) nor complete")
    ids: set[str] = set()
    for n, entry in enumerate(root.findall(_q("entry")), 1):
        found += _atom_entry(entry, f"{url} entry {n}", ids, feed_author=root.find(_q("author")) is not None)
    return found


def _atom_entry(entry, where: str, ids: set, *, feed_author: bool) -> list[str]:
    found = []
    for tag in ("id", "title", "updated"):
        found += _one(entry, _q(tag), where)
    for tag in ("published", "summary", "content"):
        found += _one(entry, _q(tag), where, required=False)
    eid = entry.findtext(_q("id")) or ""
    if why := canonical_id(eid):
        found.append(f"{where}: id {eid!r} {why}")
    if eid in ids:
        found.append(f"{where}: id {eid!r} used twice")
    ids.add(eid)
    found += _dates(entry, [_q("updated"), _q("published")], rfc3339, where, "RFC 3339")
    authors = entry.findall(_q("author"))
    if not authors and not feed_author:
        found.append(f"{where}: no author, in the entry or the feed")
    for author in authors:
        name = (author.findtext(_q("name")) or "").strip()
        if not name or "@" in name:
            found.append(f"{where}: author name blank or an e-mail address")
        found += plain(name, f"{where} author")
    articles = [link for link in entry.findall(_q("link")) if link.get("rel", "alternate") == "alternate"]
    if len(articles) != 1 or articles[0].get("type") != "text/html":
        found.append(f"{where}: {len(articles)} article links; a reader needs exactly one "
                     f"(rel=alternate, type=text/html)")
    found += _atom_links(entry, where, feed=False)
    for tag in ("title", "summary", "content"):
        if (node := entry.find(_q(tag))) is None:
            continue
        kind = node.get("type", "text")
        if kind not in ("text", "html", "xhtml"):
            found.append(f"{where}: {tag} type {kind!r} is not text, html or xhtml")
        found += (html if kind == "html" else plain)(node.text or "", f"{where} {tag}")
        if not (node.text or "").strip():
            found.append(f"{where}: {tag} is blank")
    return found + _media(entry, where)


# --- RSS 2.0, RSS Best Practices Profile, Dublin Core, Media RSS ------------------------------

def rss(root, url: str, data: bytes) -> list[str]:
    found = _namespaces(root, url)
    if root.get("version") != "2.0":
        found.append(f"{url}: rss version is not 2.0")
    if (channel := root.find("channel")) is None:
        return [*found, f"{url}: no channel"]
    found += _self_link(channel, url, "application/rss+xml", "atom:link")
    for tag in ("title", "link", "description"):
        found += _one(channel, tag, f"{url} channel")
    found += plain(channel.findtext("title"), f"{url} channel title")
    if not _absolute(channel.findtext("link")):
        found.append(f"{url}: channel link is not an absolute address")
    if not channel.findtext("language") and not channel.get(XML_LANG):
        found.append(f"{url}: channel has no language")
    for tag in ("pubDate", "lastBuildDate"):
        found += _one(channel, tag, f"{url} channel", required=False)
    found += _dates(channel, ["pubDate", "lastBuildDate"], rfc822, f"{url} channel", "RFC 822")
    # The profile: '&' and '<' in plain text as hexadecimal references, so that a reader can tell
    # text from escaped HTML (CDATA holds HTML and is exempt).
    if re.search(rb"&lt;|&amp;", CDATA.sub(b"", data)):
        found.append(f"{url}: '&' or '<' in text not written as &#x26; or &#x3C; (RSS profile)")
    guids: set[str] = set()
    for n, item in enumerate(channel.findall("item"), 1):
        found += _rss_item(item, f"{url} item {n}", guids)
    return found


def _rss_item(item, where: str, guids: set) -> list[str]:
    found = []
    if item.find("title") is None and item.find("description") is None:
        found.append(f"{where}: neither title nor description")
    encoded = f"{{{CONTENT}}}encoded"
    for tag in ("title", "description", "pubDate", "author", "source", "comments", encoded):
        found += _one(item, tag, where, required=False)
    found += plain(item.findtext("title"), f"{where} title")
    links = item.findall("link")
    if len(links) != 1 or not _absolute(links[0].text):
        found.append(f"{where}: {len(links)} article links; a reader needs exactly one absolute <link>")
    found += _guid(item, where, guids) + _enclosures(item, where)
    found += _dates(item, ["pubDate"], rfc822, where, "RFC 822")
    tags = [child.tag for child in item]
    if encoded in tags and ("description" not in tags or tags.index("description") > tags.index(encoded)):
        found.append(f"{where}: content:encoded without a description before it")
    for tag, label in (("description", "description"), (encoded, "content:encoded")):
        if item.find(tag) is not None:
            found += html(item.findtext(tag) or "", f"{where} {label}")
    if (author := item.findtext("author")) is not None and not re.match(r"[^@\s]+@[^@\s]+\.\w+( \(.+\))?$", author):
        found.append(f"{where}: author {author!r} is not an e-mail address (use dc:creator for a name)")
    for core, ext in (("author", _q("creator", DC)), ("guid", _q("id")), ("pubDate", _q("date", DC)),
                      ("category", _q("subject", DC))):
        if item.find(core) is not None and item.find(ext) is not None:
            found.append(f"{where}: both <{core}> and {etree.QName(ext).localname} say the same")
    for tag, label in ((_q("creator", DC), "dc:creator"), ("category", "category")):
        for node in item.findall(tag):
            if not (node.text or "").strip():
                found.append(f"{where}: blank {label}")
            found += plain(node.text, f"{where} {label}")
    return found + _media(item, where)


def _guid(item, where: str, seen: set) -> list[str]:
    guid = item.find("guid")
    if guid is None:
        return [f"{where}: no guid"]
    found, value = [], (guid.text or "").strip()
    permalink = guid.get("isPermaLink", "true")
    if permalink not in ("true", "false"):
        found.append(f"{where}: isPermaLink {permalink!r} is neither true nor false")
    if permalink == "true":  # the default: the guid must then be the article's address
        if not _absolute(value) or value.lower().startswith(("tag:", "urn:")):
            found.append(f"{where}: guid {value!r} is a permalink (isPermaLink true or absent) but no web address")
    elif value.isdigit() and len(value) < 9:
        found.append(f"{where}: guid {value!r} is not unique enough")
    if value in seen:
        found.append(f"{where}: guid {value!r} used twice")
    seen.add(value)
    return found


def _enclosures(item, where: str) -> list[str]:
    enclosures = item.findall("enclosure")
    found = [f"{where}: {len(enclosures)} enclosures, readers take one"] if len(enclosures) > 1 else []
    for enclosure in enclosures:
        if not _absolute(enclosure.get("url")):
            found.append(f"{where}: enclosure url is not an absolute address")
        if not (enclosure.get("length") or "").isdigit():
            found.append(f"{where}: enclosure length {enclosure.get('length')!r} is not a non-negative integer")
        if not MIME.match(enclosure.get("type") or ""):
            found.append(f"{where}: enclosure type {enclosure.get('type')!r} is not a media type")
    return found


def _media(parent, where: str) -> list[str]:
    found = []
    for group in parent.findall(_q("group", MEDIA)):
        if len(group.findall(_q("content", MEDIA))) < 2:
            found.append(f"{where}: media:group with fewer than two media:content")
    for content in parent.iter(_q("content", MEDIA)):
        if not _absolute(content.get("url")):
            found.append(f"{where}: media:content url is not an absolute address")
        if content.get("type") is not None and not MIME.match(content.get("type")):
            found.append(f"{where}: media:content type {content.get('type')!r} is not a media type")
        if content.get("medium") not in (None, "image", "audio", "video", "document", "executable"):
            found.append(f"{where}: media:content medium {content.get('medium')!r} is not a Media RSS medium")
        for attr in ("fileSize", "width", "height"):
            value = content.get(attr)
            if value is not None and not (value.isdigit() and int(value) > 0):
                found.append(f"{where}: media:content {attr} {value!r} is not a positive integer")
        for tag in ("description", "title"):
            found += _one(content, _q(tag, MEDIA), f"{where} media:content", required=False)
        for credit in content.findall(_q("credit", MEDIA)):
            role = credit.get("role")
            if role is not None and role != role.lower():
                found.append(f"{where}: media:credit role {role!r} is not lower case")
            if not (credit.text or "").strip():
                found.append(f"{where}: blank media:credit")
    return found


# --- OPML 2.0 ---------------------------------------------------------------------------------

def opml(root, url: str) -> list[str]:
    found = []
    if root.get("version") not in ("1.0", "1.1", "2.0"):
        found.append(f"{url}: opml version {root.get('version')!r}")
    head, body = root.find("head"), root.find("body")
    if head is None or body is None:
        return [*found, f"{url}: opml needs head and body"]
    found += [f"{url}: <{child.tag}> in head is not an OPML head element"
              for child in head if child.tag not in OPML_HEAD]
    if body.find("outline") is None:
        found.append(f"{url}: empty body")
    for outline in body.iter("outline"):
        where = f"{url} outline {outline.get('text')!r}"
        if not outline.get("text"):
            found.append(f"{where}: no text")
        found += [f"{where}: unknown attribute {name}" for name in outline.attrib if name not in OPML_OUTLINE]
        if outline.get("type", "").lower() == "rss" and not _absolute(outline.get("xmlUrl")):
            found.append(f"{where}: rss outline without an absolute xmlUrl")
        if outline.get("htmlUrl") is not None and not _absolute(outline.get("htmlUrl")):
            found.append(f"{where}: htmlUrl is not an absolute address")
    return found


# --- JSON Feed 1.1 ----------------------------------------------------------------------------

JSON_TOP = {"version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
            "icon", "favicon", "authors", "language", "expired", "hubs", "items"}
JSON_ITEM = {"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
             "banner_image", "date_published", "date_modified", "authors", "tags", "language",
             "attachments"}


def json_feed(data: bytes, url: str) -> list[str]:
    feed = json.loads(data)
    found = [f"{url}: {key!r} is neither JSON Feed 1.1 nor an extension (_name)"
             for key in feed if key not in JSON_TOP and not key.startswith("_")]
    if feed.get("feed_url") != url:
        found.append(f"{url}: feed_url {feed.get('feed_url')!r} is not the feed's own address")
    if "author" in feed:
        found.append(f"{url}: 'author' is JSON Feed 1.0; 1.1 has 'authors'")
    ids = set()
    for n, item in enumerate(feed.get("items", []), 1):
        where = f"{url} item {n}"
        found += [f"{where}: {key!r} is neither JSON Feed 1.1 nor an extension (_name)"
                  for key in item if key not in {*JSON_ITEM, "author"} and not key.startswith("_")]
        found += [f"{where}: extension {key} is not an object"
                  for key in item if key.startswith("_") and not isinstance(item[key], dict)]
        if not isinstance(item.get("id"), str) or item["id"] in ids:
            found.append(f"{where}: id missing, not a string or used twice")
        ids.add(item.get("id"))
        if not _absolute(item.get("url")):
            found.append(f"{where}: no absolute article url")
        if "author" in item:
            found.append(f"{where}: 'author' is JSON Feed 1.0; 1.1 has 'authors'")
        elif not item.get("authors") or not all(isinstance(a, dict) and a.get("name") for a in item["authors"]):
            found.append(f"{where}: authors must be a list of objects with a name")
        for attachment in item.get("attachments", []):
            if not (_absolute(attachment.get("url")) and MIME.match(attachment.get("mime_type", ""))
                    and isinstance(attachment.get("size_in_bytes"), int) and attachment["size_in_bytes"] >= 0):
                found.append(f"{where}: attachment needs an absolute url, a mime_type and size_in_bytes")
        if "image" in item and item["image"] not in [a.get("url") for a in item.get("attachments", [])]:
            found.append(f"{where}: the image is not among the attachments (no type and size for it)")
        if "content_html" in item:
            found += html(item["content_html"], f"{where} content_html")
    return found
