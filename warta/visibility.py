"""Hidden stays hidden, its name included.

What a build shows (`shown`), and links from shown text to releases that are not shown yet:
`check` refuses them and says when the target goes live (`early_links`); a build that meets
one anyway (the clock moved, a preview became public) never fails for it and never leaks the
slug: every token that names a hidden release is replaced (`Scrubber`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from .dates import long_date
from .model import Page, Release
from .problems import Problem

#: What a link to a hidden release becomes in a build (the page template unwraps it).
HIDDEN_HREF = "#belum-terbit"


def shown(item: Release | Page, now: datetime, preview: bool = False) -> bool:
    """On the site at `now`: public, or (in a reviewer's preview) anything but a draft."""
    return item.is_public(now) or (preview and not item.draft)


def _pattern(slugs: Iterable[str]) -> re.Pattern | None:
    """A whole URL-like token that names one of `slugs` as a release path: `2036/08/<slug>`
    (absolute, site-relative or full URL) or `../<slug>`, `../08/<slug>` (relative)."""
    slugs = sorted(set(slugs), key=len, reverse=True)
    if not slugs:
        return None
    names = "|".join(map(re.escape, slugs))
    return re.compile(r"[^\s()<>\"'\[\]]*?(?<![a-z0-9-])(?:\d{4}/\d{2}/|\.\./(?:\d{2}/)?)"
                      rf"(?P<slug>{names})(?![a-z0-9-])[^\s()<>\"'\[\]]*")


def published_text(item: Release | Page) -> str:
    """Every text of a release or page that reaches an output, joined (for searching)."""
    return "\n".join(_strings(item))


# Fields that name files or hash them: never text a reader sees.
_NOT_TEXT = {"path", "src_uri", "url", "slug", "source", "photos", "renditions", "fallback", "digest"}


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name not in _NOT_TEXT:
                yield from _strings(getattr(value, f.name))


def early_links(releases: list[Release], pages: list[Page], now: datetime,
                read=lambda path: "") -> list[Problem]:
    """A source (release or page, not a draft) that names a release which will not be public
    when the source is: a draft, or one that goes live after both now and the source.
    `read(path)` gives the source file's text, to name the line."""
    waiting = {r.slug: r for r in releases if not r.is_public(now)}
    pattern = _pattern(waiting)
    if pattern is None:
        return []
    problems = []
    for source in [*releases, *pages]:
        if source.draft:
            continue
        live = max(now, source.date or now)
        text = published_text(source)
        named = {m.group("slug") for m in pattern.finditer(text)} - {getattr(source, "slug", None)}
        for slug in sorted(named):
            target = waiting[slug]
            if not target.draft and target.date <= live:
                continue
            if target.draft:
                message = f"tautan ke rilis yang masih draf: /{target.url}"
                hint = ("hapus tautannya, atau terbitkan rilis itu lebih dulu. Pratinjau peninjau "
                        "boleh menampilkannya; situs publik tidak.")
            else:
                message = f"tautan ke rilis yang belum terbit: /{target.url} (terbit {long_date(target.date)})"
                hint = (f"hapus tautannya sampai {long_date(target.date)}, atau jadwalkan rilis ini "
                        "pada waktu itu atau sesudahnya. Situs publik tidak akan menampilkan tautan ini.")
            problems.append(Problem(source.path, _line_of(read(source.path), pattern, slug), None,
                                    message, hint))
    return problems


def _line_of(text: str, pattern: re.Pattern, slug: str) -> int | None:
    for n, line in enumerate(text.split("\n"), 1):
        if any(m.group("slug") == slug for m in pattern.finditer(line)):
            return n
    return None


class Scrubber:
    """Replaces, in every text of a release or page, each token naming a hidden release."""

    def __init__(self, hidden_slugs: Iterable[str]):
        self.pattern = _pattern(hidden_slugs)
        self.scrubbed: list[str] = []  # paths of what had to be scrubbed (for a warning)

    def __call__(self, item):
        if self.pattern is None or not self.pattern.search(published_text(item)):
            return item
        self.scrubbed.append(item.path)
        return self._replace(item)

    def _replace(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.pattern.sub(HIDDEN_HREF, value)
        if isinstance(value, tuple):
            return tuple(self._replace(v) for v in value)
        if isinstance(value, list):
            return [self._replace(v) for v in value]
        if isinstance(value, BaseModel):
            return value.model_copy(update={n: self._replace(getattr(value, n))
                                            for n in type(value).model_fields})
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(value, **{
                f.name: self._replace(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in _NOT_TEXT})
        return value
