"""A body as it goes on the page: bundle photos made responsive (`<picture>`: WebP with a JPEG
fallback), links to hidden releases unwrapped, then sanitised."""

from __future__ import annotations

import html as htmllib
import posixpath
import re

from .bodycheck import bundle_file, sanitize
from .model import Attachment
from .visibility import HIDDEN_HREF

_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_HIDDEN_LINK = re.compile(rf'<a\b[^>]*\bhref="{re.escape(HIDDEN_HREF)}"[^>]*>(.*?)</a>', re.S)
SIZES = "(min-width: 50em) 46rem, 100vw"


def body_html(html: str, bundle: str, attachments: tuple[Attachment, ...]) -> str:
    """Point every `<img>` at the renditions of its bundle photo: a `<picture>` with the WebP
    renditions (srcset, sizes) and the JPEG as the `<img>` for browsers without WebP, with
    width, height and lazy loading (every image on the site has its size); an `<img>` that is
    not one of the bundle's photos is dropped (publish by allowlist). A link to a release
    that is not public keeps its text only. Then the allowlist of tags and attributes applies."""
    if "<img" in html:
        photos = {posixpath.relpath(a.src_uri, bundle): a for a in attachments}
        html = _IMG.sub(lambda m: _responsive(m, photos), html)
    if HIDDEN_HREF in html:
        html = _HIDDEN_LINK.sub(r"\1", html)
    return sanitize(html)


def _responsive(match: re.Match, photos: dict[str, Attachment]) -> str:
    attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(match.group(1))}
    attachment = photos.get(bundle_file(htmllib.unescape(attrs.get("src", ""))) or "")
    if attachment is None:
        return ""
    width, height, fallback = attachment.fallback
    for name in ("srcset", "sizes"):
        attrs.pop(name, None)
    attrs.update(src=fallback, width=str(width), height=str(height), loading="lazy", decoding="async")
    srcset = ", ".join(f"{name} {w}w" for w, _, name in attachment.renditions)
    return (f'<picture><source type="image/webp" srcset="{htmllib.escape(srcset)}" sizes="{SIZES}">'
            "<img " + " ".join(f'{k}="{htmllib.escape(v)}"' for k, v in attrs.items()) + "></picture>")
