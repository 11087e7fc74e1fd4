"""Checks on a release's text: raw HTML against an allowlist, and personal data."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

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
_DANGEROUS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "form",
              "input", "button", "textarea", "select", "link", "meta", "base", "svg", "math",
              "applet", "audio", "video", "source"}


def sanitize(html: str) -> str:
    """The allowlist applied to rendered body HTML (defence in depth after `check`)."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener")


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (line, what, hint)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in _DANGEROUS:
            self.found.append((line, f"tag HTML <{tag}> tidak diizinkan",
                               "hapus tag ini; skrip, iframe dan formulir tidak boleh ada di rilis. "
                               "Untuk video, tautkan saja alamatnya."))
        elif tag not in ALLOWED_TAGS:
            self.found.append((line, f"tag HTML <{tag}> tidak dikenal",
                               "gunakan Markdown biasa, atau tag sederhana seperti <figure>."))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"atribut `{name}` pada <{tag}> tidak diizinkan",
                                   "hapus atribut ini; rilis tidak boleh menjalankan skrip."))
            elif tag == "img" and name == "src" and value and re.match(r"\s*(https?:)?//", value, re.I):
                self.found.append((line, f"gambar dari situs lain ({value[:40]})",
                                   "simpan fotonya di folder rilis dan tulis namanya saja; situs "
                                   "tidak boleh memuat apa pun dari situs lain."))
            elif name in {"href", "src"} and value and re.match(r"\s*(javascript|vbscript|data):",
                                                                value, re.I):
                self.found.append((line, f"alamat `{value[:30]}` pada <{tag}> tidak diizinkan",
                                   "gunakan alamat http(s) atau nama berkas di folder rilis."))

    handle_startendtag = handle_starttag


def _without_code(markdown: str) -> str:
    """Blank out fenced and inline code (examples there are text, not HTML), keep lines."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if re.match(r"^\s*(```|~~~)", line):
            fenced = not fenced
            out.append("")
            continue
        out.append("" if fenced else re.sub(r"`[^`]*`", "", line))
    return "\n".join(out)


_REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]+)")


def html_problems(markdown: str) -> list[tuple[int, str, str]]:
    """Raw HTML outside the allowlist, and images from other hosts: (line, message, hint)."""
    text = _without_code(markdown) if "`" in markdown or "~~~" in markdown else markdown
    found = [(text.count("\n", 0, m.start()) + 1, f"gambar dari situs lain ({m.group(1)[:40]})",
              "simpan fotonya di folder rilis dan tulis namanya saja; situs tidak boleh memuat "
              "apa pun dari situs lain.") for m in _REMOTE_IMAGE.finditer(text)] if "](" in text else []
    if "<" not in text:
        return found
    finder = _Finder()
    finder.feed(text)
    finder.close()
    return sorted(found + finder.found)


_NIK = re.compile(r"(?<![\d.])\d{16}(?![\d.])")
_MOBILE = re.compile(r"(?<![\w+])(?:\+62|62|0)[\s.-]?8\d{1,2}(?:[\s.-]?\d){6,10}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def personal_data(text: str, official_domains: tuple[str, ...]) -> list[tuple[int, str, str]]:
    """National ID numbers, private mobile numbers and non-official e-mail addresses.

    Scans the whole text once per pattern; line numbers are worked out only for hits."""
    found = []
    for m in _NIK.finditer(text):
        found.append((_line(text, m.start()), "ada angka 16 digit yang mirip NIK (data pribadi)",
                      "hapus atau samarkan NIK, mis. 1701xxxxxxxxxxxx."))
    for m in _MOBILE.finditer(text):
        found.append((_line(text, m.start()), "ada nomor ponsel pribadi (data pribadi)",
                      "gunakan nomor kantor atau kontak humas dari registri."))
    if "@" in text:
        for m in _EMAIL.finditer(text):
            domain = m.group(1).lower()
            if not any(domain == d or domain.endswith("." + d) for d in official_domains):
                found.append((_line(text, m.start()), f"ada alamat e-mail pribadi ({m.group(0)})",
                              "gunakan alamat e-mail resmi instansi (…go.id)."))
    return sorted(found)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


_SCHEME_OR_HOST = re.compile(r"\s*([a-z][a-z0-9+.-]*:|[/\\]{2})", re.I)


def is_remote(url: str) -> bool:
    """A URL that leaves the site: any scheme, or a protocol-relative or backslash host."""
    return bool(_SCHEME_OR_HOST.match(url))


_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_RAW_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)


def image_refs(markdown: str) -> list[tuple[int, str]]:
    """Every image the body references: (line, target as written)."""
    text = _without_code(markdown)
    found = [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _INLINE_IMAGE.finditer(text)]
    found += [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _RAW_IMG_SRC.finditer(text)]
    return sorted(found)
