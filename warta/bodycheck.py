"""Checks on a release's text: what its body puts on the page against an allowlist, the images it
references, and personal data."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3

from . import mdrefs

#: Tags and attributes that may appear in a release body (raw HTML or rendered Markdown).
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"}, "ol": {"start"},
}
#: What the sanitiser lets through besides: the `<picture>` Warta makes of a bundle photo
#: (never accepted from the text itself: `check` refuses <picture> and <source>).
_RENDERED_TAGS = ALLOWED_TAGS | {"picture", "source"}
_RENDERED_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "source": {"type", "srcset", "sizes"}}
_DANGEROUS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "form",
              "input", "button", "textarea", "select", "link", "meta", "base", "svg", "math",
              "applet", "audio", "video", "source"}
_LINK_SCHEMES = {"http", "https", "mailto", "tel"}
#: Attributes whose value is a URL (only href, src and srcset are allowed at all).
_URL_ATTRIBUTES = {"href", "src", "srcset", "cite", "action", "formaction", "poster", "background",
                   "data", "longdesc", "usemap", "ping", "xlink:href"}


# -- URLs ----------------------------------------------------------------------------------

_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.I)
# Control and invisible characters: browsers drop some of them inside URLs (`//ev<TAB>il.com`).
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def _clean(url: str) -> str:
    """A URL as a browser parses it: leading/trailing controls and spaces stripped, tabs and
    newlines inside removed."""
    return re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE)


def leaves_site(url: str) -> bool:
    """Whether a URL can make the browser ask another host (or run something): any scheme,
    `//host`, a backslash (browsers read `\\` as `/`) or hidden characters."""
    url = _clean(url)
    return bool(_HIDDEN.search(url) or "\\" in url or url.startswith("//") or _SCHEME.match(url))


def bundle_file(target: str) -> str | None:
    """The file an image target names in the release folder (percent-decoded), or None when
    it is not a plain file name there: a scheme, `//`, `\\`, a folder, `..`, `?`, `#`."""
    target = target.strip(" ")
    if leaves_site(target) or not target or target.startswith("/") or set(target) & set("?#"):
        return None
    name = unquote(target)
    if set(name) & set("/\\:") or name in {".", ".."} or _HIDDEN.search(name):
        return None
    return name


def _show(value: str, limit: int = 40) -> str:
    """A value in a message: hidden characters made visible, shortened."""
    value = _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return value if len(value) <= limit else value[:limit - 1] + "…"


def image_problem(target: str) -> tuple[str, str] | None:
    """What is wrong with an image target that is not a file beside index.md."""
    if bundle_file(target) is not None:
        return None
    shown, url = _show(target), _clean(target)
    if _HIDDEN.search(target.strip(" ")):
        return (f"alamat gambar `{shown}` berisi karakter tersembunyi",
                "ketik ulang nama berkasnya; hapus karakter tak terlihat di dalamnya.")
    if "\\" in url:
        return (f"alamat gambar `{shown}` memakai garis miring terbalik (\\)",
                "tulis nama berkas foto saja, tanpa \\ atau /, mis. foto-1.jpg.")
    if url.startswith("//") or re.match(r"https?:", url, re.I):
        return (f"gambar dari situs lain ({shown})",
                "simpan fotonya di folder rilis dan tulis namanya saja; situs tidak boleh memuat "
                "apa pun dari situs lain.")
    if _SCHEME.match(url):
        return (f"alamat gambar `{shown}` tidak diizinkan",
                "simpan fotonya di folder rilis dan tulis namanya saja, mis. foto-1.jpg.")
    if not url:
        return ("gambar tanpa nama berkas",
                "tulis nama berkas foto di dalam kurung, mis. ![Keterangan](foto-1.jpg).")
    if "/" in unquote(url) or unquote(url) in {".", ".."}:
        return (f"gambar `{shown}` harus berada langsung di folder rilis",
                "simpan fotonya di samping index.md dan tulis namanya saja, mis. foto-1.jpg.")
    return (f"gambar `{shown}` bukan nama berkas di folder rilis",
            "tulis nama berkas foto saja, tanpa ?, # atau :, mis. foto-1.jpg.")


def _link_problem(href: str, tag: str = "a") -> tuple[str, str] | None:
    """A link may go to http(s), mailto, tel or a relative address."""
    url = _clean(href)
    if _HIDDEN.search(url):
        return (f"alamat tautan `{_show(href)}` berisi karakter tersembunyi",
                "ketik ulang alamatnya; hapus karakter tak terlihat di dalamnya.")
    if "\\" in url:
        return (f"alamat `{_show(href)}` pada <{tag}> memakai garis miring terbalik (\\)",
                "tulis alamat dengan garis miring biasa (/), mis. https://contoh.go.id/halaman.")
    scheme = _SCHEME.match(url)
    if scheme and scheme.group(1).lower() not in _LINK_SCHEMES:
        return (f"alamat `{href[:30]}` pada <{tag}> tidak diizinkan",
                "gunakan alamat http(s) atau nama berkas di folder rilis.")
    return None


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


# -- what the body puts on the page ---------------------------------------------------------

def _allowed(tag: str) -> set[str]:
    return ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())


class _RawHTML(HTMLParser):
    """Raw HTML the body passes through: tags and attributes against the allowlist, and
    its images. Lines count from `first_line`."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.found: list[tuple[int, str, str]] = []  # (line, message, hint)
        self.images: list[tuple[int, str]] = []
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.first_line + self.getpos()[0] - 1
        if tag in _DANGEROUS:
            self.found.append((line, f"tag HTML <{tag}> tidak diizinkan",
                               "hapus tag ini; skrip, iframe dan formulir tidak boleh ada di rilis. "
                               "Untuk video, tautkan saja alamatnya."))
            return
        if tag not in ALLOWED_TAGS:
            self.found.append((line, f"tag HTML <{tag}> tidak dikenal",
                               "gunakan Markdown biasa, atau tag sederhana seperti <figure>."))
            return
        if tag == "img" and (src := next((v for k, v in attrs if k == "src"), False)) is not False:
            self.images.append((line, src or ""))  # the first src is the one browsers use
        if tag == "a" and (href := next((v for k, v in attrs if k == "href"), None)):
            self.links.append((line, href))
        for name, value in attrs:
            value = value or ""
            if name not in _allowed(tag):
                self.found.append((line, f"atribut `{name}` pada <{tag}> tidak diizinkan",
                                   _attribute_hint(name, tag)))
                continue
            problems = []
            if tag == "img" and name == "src":
                problems = [image_problem(value)]
            elif tag == "img" and name == "srcset":
                problems = [image_problem(url) for url in _srcset_urls(value)]
            elif name == "href":
                problems = [_link_problem(value, tag)]
            self.found += [(line, *p) for p in problems if p]

    handle_startendtag = handle_starttag


def _attribute_hint(name: str, tag: str, listed: bool = False) -> str:
    where = " dari daftar atribut {…}" if listed else ""
    if name.startswith("on"):
        return f"hapus atribut ini{where}; rilis tidak boleh menjalankan skrip."
    others = ", ".join(sorted(_allowed(tag) - {"id", "class"} - _URL_ATTRIBUTES))
    return f"hapus atribut ini{where}; yang boleh pada <{tag}> hanya id, class dan {others}."


def _listed_problem(item: mdrefs.Item) -> tuple[str, str] | None:
    """An attribute set by an attribute list (`{: … }`): #id, .class and what the element
    allows, but never an address."""
    name, tag = item.name, item.tag
    if name in {"id", "class"}:
        return None
    if name in _URL_ATTRIBUTES:
        return (f"atribut `{name}` tidak boleh diatur lewat daftar atribut {{…}}",
                f"hapus `{name}` dari {{…}}; tulis alamatnya di Markdown, mis. "
                "![Keterangan](foto-1.jpg) atau [teks](https://contoh.go.id).")
    if name in _allowed(tag):
        return None
    return f"atribut `{name}` pada <{tag}> tidak diizinkan", _attribute_hint(name, tag, listed=True)


def html_problems(markdown: str) -> list[tuple[int, str, str]]:
    """Everything the body would put on the page outside the allowlist: raw HTML tags and
    attributes, attributes set by `{: … }`, images that are not files beside index.md and
    links to javascript: and the like. Code is text and is never checked: (line, message, hint)."""
    found = []
    for item in mdrefs.scan(markdown):
        if item.kind == "html":
            found += _raw(item).found
            continue
        problem = (image_problem(item.value) if item.kind == "img" else
                   _link_problem(item.value) if item.kind == "a" else _listed_problem(item))
        if problem:
            found.append((item.line, *problem))
    return sorted(found)


def image_refs(markdown: str) -> list[tuple[int, str]]:
    """Every image the rendered body shows, in order: (line, src as the browser reads it,
    with Markdown escapes and HTML entities resolved), from Markdown images (inline and by
    reference) and raw `<img src>`; never from code. `bundle_file(src)` is the file it names
    in the release folder (None when it names none)."""
    refs = []
    for item in mdrefs.scan(markdown):
        if item.kind == "img":
            refs.append((item.line, item.value))
        elif item.kind == "html":
            refs += _raw(item).images
    return refs


def link_refs(markdown: str) -> list[tuple[int, str]]:
    """Every link of the rendered body, in order: (line, href as the browser reads it), from
    Markdown links (inline, by reference, autolinks) and raw `<a href>`; never from code."""
    refs = []
    for item in mdrefs.scan(markdown):
        if item.kind == "a":
            refs.append((item.line, item.value))
        elif item.kind == "html":
            refs += _raw(item).links
    return refs


def _raw(item: mdrefs.Item) -> _RawHTML:
    parser = _RawHTML(item.line)
    parser.feed(item.value)
    parser.close()
    return parser


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Second line after `check`: photos only from this site, by a relative path, and no
    address that a browser would read as another host."""
    if tag in {"img", "source"} and attribute in {"src", "srcset"}:
        urls = [value] if attribute == "src" else _srcset_urls(value)
        local = all(not leaves_site(url) and not _clean(url).startswith("/") for url in urls)
        return value if local else None
    if attribute in _URL_ATTRIBUTES and ("\\" in value or _clean(value).startswith("//")
                                         or _HIDDEN.search(_clean(value))):
        return None
    return value


def sanitize(html: str) -> str:
    """The allowlist applied to rendered body HTML (defence in depth after `check`)."""
    return nh3.clean(html, tags=_RENDERED_TAGS, attributes=_RENDERED_ATTRIBUTES,
                     attribute_filter=_attribute_filter,
                     url_schemes=_LINK_SCHEMES, link_rel="noopener")


# -- personal data ---------------------------------------------------------------------------

_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
# Digits in groups joined by one space, dot or dash, maybe with the first group in brackets,
# as numbers are written by hand: `0812-3456-7890`, `(0812) 3456 7890`, `+62 812…`.
_NUMBER = re.compile(r"(?<![\w+])\+?\(?\d(?:[\d.() -]*\d)?")
_JOINT = re.compile(r"\)?[ .-]?\(?")
_MOBILE = re.compile(r"08\d{8,11}")
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_NIK_MESSAGE = ("ada angka 16 digit yang mirip NIK (data pribadi)",
                "hapus atau samarkan NIK, mis. 1701xxxxxxxxxxxx.")
_MOBILE_MESSAGE = ("ada nomor ponsel pribadi (data pribadi)",
                   "gunakan nomor kantor atau kontak humas dari registri.")


def personal_data(text: str, official_domains: tuple[str, ...]) -> list[tuple[int, str, str]]:
    """National ID numbers (NIK), private mobile numbers and non-official e-mail addresses,
    in any common way of writing them. Money (`Rp 1.250.000`), years, dates, office numbers
    and budget codes are not personal data.

    Scans the whole text once per pattern; line numbers are worked out only for hits."""
    found = [(_line(text, m.start()), *_NIK_MESSAGE) for m in _NIK.finditer(text)]
    for m in _NUMBER.finditer(text):
        if len(m.group()) < 10:  # fewer than the 10 digits of the shortest mobile number
            continue
        if not re.search(r"rp\.?\s?$", text[max(0, m.start() - 4):m.start()], re.I):
            found += [(_line(text, m.start() + at), *kind) for at, kind in _numbers(m.group())]
    if "@" in text:
        for m in _EMAIL.finditer(text):
            domain = m.group(1).lower()
            if not any(domain == d or domain.endswith("." + d) for d in official_domains):
                found.append((_line(text, m.start()), f"ada alamat e-mail pribadi ({m.group(0)})",
                              "gunakan alamat e-mail resmi instansi (…go.id)."))
    return sorted(set(found))


def _numbers(number: str) -> list[tuple[int, tuple[str, str]]]:
    """Grouped NIKs and mobile numbers in a candidate: (offset, message). The candidate is cut
    into runs wherever two groups are not joined by a single space, dot or dash (or a bracket)."""
    pieces = re.split(r"(\d+)", number)  # lead, digits, joint, digits, …, digits, trail
    at = len(pieces[0])
    runs = [([(at, pieces[1])], set())]
    for joint, group in zip(pieces[2:-1:2], pieces[3::2], strict=True):
        at += len(runs[-1][0][-1][1]) + len(joint)
        if _JOINT.fullmatch(joint):
            runs[-1][0].append((at, group))
            runs[-1][1].add(joint)
        else:
            runs.append(([(at, group)], set()))
    return [found for k, (run, joints) in enumerate(runs)
            for found in _in_run(run, plus=k == 0 and "+" in pieces[0], dots=joints == {"."})]


def _in_run(run: list[tuple[int, str]], *, plus: bool, dots: bool) -> list[tuple[int, tuple[str, str]]]:
    """NIKs (two or more groups, 16 digits, plausible) and mobile numbers in one run of
    (offset, digits) groups; `dots` when every joint is a dot."""
    groups = [group for _, group in run]
    if dots and len(groups) > 1 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return []  # 1.250.000.000: an amount, not an ID or a phone
    found, in_nik = [], set()
    for s, (at, _) in enumerate(run):
        for e in _ends(groups, s, 16):
            digits = "".join(groups[s:e + 1])
            if e > s and len(digits) == 16 and _plausible_nik(digits):
                found.append((at, _NIK_MESSAGE))
                in_nik.update(range(s, e + 1))
    for s, (at, _) in enumerate(run):
        # Inside a longer run a number starts with its operator prefix (`… 0812 3456 7890`).
        if s in in_nik or s and not re.fullmatch(r"08\d\d", groups[s]):
            continue
        if any(_is_mobile(groups[s:e + 1], plus=plus and s == 0) for e in _ends(groups, s, 15)):
            found.append((at, _MOBILE_MESSAGE))
    return found


def _ends(groups: list[str], start: int, most: int) -> range:
    """Last groups e for which groups[start..e] hold at most `most` digits."""
    e, count = start, len(groups[start])
    while e + 1 < len(groups) and count + len(groups[e + 1]) <= most:
        e += 1
        count += len(groups[e])
    return range(start, e + 1)


def _plausible_nik(digits: str) -> bool:
    """Province 11–94, birth day 01–31 (41–71 for women), month 01–12."""
    day, month = int(digits[6:8]), int(digits[8:10])
    return 11 <= int(digits[:2]) <= 94 and (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12


def _is_mobile(groups: list[str], *, plus: bool) -> bool:
    """08… with 10–13 digits, whose first group holds the operator prefix (`0812`, not the `08`
    of a date); or +62 8… / 628… (a 0 after 62 is tolerated)."""
    digits = "".join(groups)
    if plus or digits.startswith("628"):
        return digits.startswith("62") and bool(_MOBILE.fullmatch("0" + digits[2:].removeprefix("0")))
    return bool(_MOBILE.fullmatch(digits)) and len(groups[0]) >= 3


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1

