"""The share kit: ready-to-post text per platform, within each platform's limits.

Pure functions. X is counted the twitter-text way (any link weighs 23, emoji 2); other
limits are characters. Text is shortened at a word boundary with "…", never mid-word or
mid-link; a release's own `social:` texts are used as written (and `check` holds them to
the same limits).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from . import cards, dates
from .config import SiteConfig
from .dates import day_date, long_date
from .model import VERDICT_LABELS, Release, Social
from .photos import via_cache

LIMITS = {"x": 280, "facebook": 63_206, "instagram": 2_200, "whatsapp": 1_000, "threads": 500,
          "telegram": 4_096}
PLATFORMS = {"x": "X", "facebook": "Facebook", "instagram": "Instagram", "whatsapp": "WhatsApp",
             "threads": "Threads", "telegram": "Telegram"}  # display names, in the kit's order
INSTAGRAM_HASHTAGS = 5
THREADS_LINKS = 5
ELLIPSIS = "…"
SHARE_FILE = "share.json"
BATCH = 25  # releases per worker job: a build hands out hundreds of jobs, not ten thousand
_VERSION = "|".join([cards.code_version(Path(__file__), Path(dates.__file__)),
                     version("babel"), version("twitter-text-parser")])


@lru_cache(maxsize=256)  # the kit measures its X text once to fit it and once to report it
def x_length(text: str) -> int:
    from twitter_text import parse_tweet  # imported when first needed: it takes ~0.4 s, and
    # a warm build's workers take every share kit from the cache without measuring anything

    return parse_tweet(text).weightedLength


def measure(platform: str) -> Callable[[str], int]:
    return x_length if platform == "x" else len


def hashtag(text: str) -> str:
    """`hari jadi ke-68` -> `#HariJadiKe68`: letters and digits only, words capitalised."""
    words = re.split(r"[^0-9A-Za-z]+", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode())
    tag = "".join(w[:1].upper() + w[1:] for w in words if w)
    return f"#{tag}" if tag and not tag.isdigit() else ""


def hashtags(release: Release, defaults: tuple[str, ...]) -> list[str]:
    names = (release.social.hashtags if release.social and release.social.hashtags
             else [t.name for t in release.tags] + list(defaults))
    out: list[str] = []
    for name in names:
        tag = hashtag(name)
        if tag and tag.lower() not in {t.lower() for t in out}:
            out.append(tag)
    return out


def shorten(text: str, limit: int, size: Callable[[str], int] = len) -> str:
    """`text` if it fits, else whole words from the start plus "…" (links are words too)."""
    if size(text) <= limit:
        return text
    words = text.split(" ")
    while words:
        words.pop()
        candidate = " ".join(words).rstrip(" ,.;:–-") + ELLIPSIS
        if size(candidate) <= limit:
            return candidate
    return ELLIPSIS


def _fit(head: str, tail: str, limit: int, size: Callable[[str], int]) -> str:
    """Shorten only `head` so that head + tail fits (the tail holds the link and tags)."""
    if size(head + tail) <= limit:
        return head + tail
    return shorten(head, limit, lambda h: size(h + tail)) + tail


def share_kit(release: Release, site_url: str, site_name: str, defaults: tuple[str, ...],
              cards: dict[str, dict] | None = None) -> dict:
    url = site_url + release.url
    tags = hashtags(release, defaults)
    own = {k: own_text(release.social, k, url) for k in PLATFORMS}
    title, summary = release.title, release.summary
    texts = {
        "x": own["x"] or _fit(title, f" {url}" + "".join(f" {t}" for t in tags[:2]), LIMITS["x"], x_length),
        "facebook": own["facebook"] or f"{title}\n\n{summary}\n\nSelengkapnya: {url}\n\n{' '.join(tags)}".strip(),
        "instagram": own["instagram"] or _fit(
            f"{title}\n\n{summary}",
            f"\n\nBaca selengkapnya di {site_name}: tautan di bio.\n\n{' '.join(tags[:INSTAGRAM_HASHTAGS])}",
            LIMITS["instagram"], len).strip(),
        "whatsapp": own["whatsapp"] or f"*{title}*\n\n{summary}\n\n{url}",
        "threads": own["threads"] or _fit(f"{title}\n\n{summary}",
                                          f"\n\n{url}" + (f" {tags[0]}" if tags else ""), LIMITS["threads"], len),
        "telegram": own["telegram"] or f"{title}\n\n{summary}\n\n{url}",
    }
    return {
        "url": url,
        "title": title,
        "published": long_date(release.date),
        "hashtags": tags,
        "texts": {k: {"text": v, "length": measure(k)(v), "limit": LIMITS[k]} for k, v in texts.items()},
        "cards": cards or {},
    }


def card_texts(release: Release, site_name: str) -> dict[str, str]:
    """What a release's share cards say: kicker, title, issuing unit and day, site identity."""
    kicker, badge = release.category.name, ""
    if release.claim:
        kicker, badge = "Klarifikasi", VERDICT_LABELS[release.claim.verdict]
    if release.withdrawn:
        badge = "Ditarik"
    unit = release.unit.short or release.unit.name
    return {"title": release.title, "kicker": kicker, "badge": badge,
            "meta": f"{unit} · {day_date(release.date)}", "site": site_name}


def site_card_texts(cfg: SiteConfig) -> dict[str, str]:
    """The site's own card (home and list pages): who publishes, and what."""
    host = cfg.site_url.split("://", 1)[-1].rstrip("/")
    return {"title": cfg.description or cfg.site_name, "kicker": cfg.office or cfg.region,
            "meta": host, "site": cfg.site_name}


def card_entries(release: Release, site_url: str, sizes: dict[str, int] | None = None) -> dict[str, dict]:
    """The cards of a release as the share kit lists them (public URL, pixel size, bytes)."""
    return {kind: {"url": site_url + release.url + name, "path": release.url + name,
                   "width": cards.SIZES[kind][0], "height": cards.SIZES[kind][1],
                   **({"bytes": sizes[kind]} if sizes else {})}
            for kind, name in cards.NAMES.items()}


def share_files(release: Release, site_url: str, site_name: str, defaults: tuple[str, ...],
                out_dir: str, cache_dir: str | None) -> None:
    """Draw the release's cards and write `share.json` beside them in `out_dir`. Both come
    from the content-hash cache when nothing they are made of changed (the release, its
    photo's bytes, the site settings, this code), so a warm build costs hashing the photo,
    two small hashes and three hard links. Runs in a build worker, so it takes plain values."""
    photo = None
    if release.image:
        with open(release.image.source, "rb") as fh:
            photo = fh.read()
    card_key = cards.render_cards(photo, card_texts(release, site_name), out_dir, cache_dir)
    cached = None
    if cache_dir:  # a release's repr holds every field it was read with (the body aside:
        # the kit never reads it, so an edit of the text alone keeps the cached kit)
        fields = repr(replace(release, body="")) if release.body else repr(release)
        key = hashlib.sha256(json.dumps([_VERSION, card_key, fields, site_url, site_name,
                                         list(defaults)]).encode()).hexdigest()
        cached = os.path.join(cache_dir, "paket", key[:2], key)

    def make() -> dict[str, bytes]:
        sizes = {kind: os.stat(os.path.join(out_dir, name)).st_size for kind, name in cards.NAMES.items()}
        kit = share_kit(release, site_url, site_name, defaults, card_entries(release, site_url, sizes))
        return {SHARE_FILE: json.dumps(kit, ensure_ascii=False, indent=1).encode() + b"\n"}

    via_cache(cached, (SHARE_FILE,), out_dir, make)


def share_batches(releases: list[Release]) -> Iterator[list[Release]]:
    """The releases in worker-sized batches, without their bodies: the kit never reads the
    body, so it is not pickled over to the workers (and a body edit keeps the cached kit)."""
    for start in range(0, len(releases), BATCH):
        yield [replace(r, body="") if r.body else r for r in releases[start:start + BATCH]]


def share_batch(releases: list[Release], site_url: str, site_name: str, defaults: tuple[str, ...],
                site_dir: str, cache_dir: str | None) -> list[tuple[str, str]]:
    """`share_files` for one of `share_batches`, each release into its page folder under
    `site_dir` (one worker job). Returns the failures as (src_uri, message); one bad release
    does not stop the others."""
    failed = []
    for release in releases:
        try:
            share_files(release, site_url, site_name, defaults, os.path.join(site_dir, release.url),
                        cache_dir)
        except Exception as error:  # reported by name; the build then fails
            failed.append((release.src_uri, f"{type(error).__name__}: {error}"))
    return failed


def own_text(social: Social | None, platform: str, url: str) -> str | None:
    """A release's own text for `platform`, with the link added when the text lacks it (every
    platform but Instagram, where links are not clickable)."""
    text = getattr(social, platform) if social else None
    if not text or platform == "instagram" or url in text:
        return text
    return f"{text} {url}" if platform == "x" else f"{text}\n\n{url}"


def override_problems(social: Social, url: str) -> list[tuple[str, str]]:
    """(field, message) for each of a release's own texts that breaks a platform limit, as it
    will be posted (with the release's link added where it is missing)."""
    found = []
    for platform in PLATFORMS:
        text = own_text(social, platform, url)
        if text is None:
            continue
        n, limit = measure(platform)(text), LIMITS[platform]
        unit = "karakter berbobot (tautan = 23, emoji = 2)" if platform == "x" else "karakter"
        if n > limit:
            found.append((f"social.{platform}", f"terlalu panjang ({n} {unit}; maksimal {limit}, "
                                                f"kelebihan {n - limit})"))
        if platform == "instagram" and len(re.findall(r"(?<!\w)#\w", text)) > INSTAGRAM_HASHTAGS:
            found.append(("social.instagram", f"lebih dari {INSTAGRAM_HASHTAGS} tagar"))
        if platform == "threads":
            if len(re.findall(r"https?://", text)) > THREADS_LINKS:
                found.append(("social.threads", f"lebih dari {THREADS_LINKS} tautan"))
            if len(re.findall(r"(?<!\w)#\w", text)) > 1:
                found.append(("social.threads", "Threads hanya memakai satu tagar topik"))
    return found
