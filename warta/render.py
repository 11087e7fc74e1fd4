"""A release body as it goes on the page: bundle photos made responsive, then sanitised."""

from __future__ import annotations

import html as htmllib
import posixpath
import re

from .bodycheck import sanitize
from .load import Attachment

_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
SIZES = "(min-width: 50em) 46rem, 100vw"


def body_html(html: str, bundle: str, attachments: tuple[Attachment, ...]) -> str:
    """Point `<img>` of bundle photos at their renditions, with width, height, srcset and
    lazy loading (every image on the site has its size), then apply the allowlist."""
    photos = {posixpath.relpath(a.src_uri, bundle): a for a in attachments if a.renditions}
    if photos and "<img" in html:
        html = _IMG.sub(lambda m: _responsive(m, photos), html)
    return sanitize(html)


def _responsive(match: re.Match, photos: dict[str, Attachment]) -> str:
    attrs = dict(_ATTR.findall(match.group(1)))
    src = htmllib.unescape(attrs.get("src", ""))
    attachment = photos.get(posixpath.normpath(src))
    if attachment is None:
        return match.group(0)
    folder = posixpath.dirname(posixpath.normpath(src))
    prefix = folder + "/" if folder else ""
    renditions = attachment.renditions
    width, height, largest = renditions[-1]
    attrs.update(src=prefix + largest, width=str(width), height=str(height), sizes=SIZES,
                 srcset=", ".join(f"{prefix}{name} {w}w" for w, _, name in renditions),
                 loading="lazy", decoding="async")
    return "<img " + " ".join(f'{k}="{htmllib.escape(v)}"' for k, v in attrs.items()) + ">"
