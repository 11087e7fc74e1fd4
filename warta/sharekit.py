"""The share kit: ready-to-post text per platform, within each platform's limits.

Pure functions. Each text is the title (a klarifikasi's led by its verdict, `[MENYESATKAN]`),
the summary, the link (Instagram: "tautan di bio") and the hashtags the platform takes: the
release's topic tags and the site's brand tags, known acronyms upper case. X is counted the
twitter-text way (any link weighs 23, emoji 2); other limits are characters. Text is
shortened at a word boundary with "…", never mid-word or mid-link; a release's own
`social:` texts are used as written (and `check` holds them to the same limits).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from . import cards, dates, photos
from .config import SiteConfig
from .dates import day_date, long_date
from .filecache import via_cache
from .model import VERDICT_LABELS, Release, Social

LIMITS = {"x": 280, "facebook": 63_206, "instagram": 2_200, "whatsapp": 1_000, "threads": 500,
          "telegram": 4_096}
PLATFORMS = {"x": "X", "facebook": "Facebook", "instagram": "Instagram", "whatsapp": "WhatsApp",
             "threads": "Threads", "telegram": "Telegram"}  # display names, in the kit's order
INSTAGRAM_HASHTAGS = 5
X_HASHTAGS = 3  # room for the summary first: topic and brand tags, brand kept
THREADS_TAGS = 1  # Threads takes one topic tag: the brand's (see hashtag_groups and pick)
THREADS_LINKS = 5
FACT_CHECK = "CekFakta"  # every klarifikasi's topic hashtag, whatever its verdict
_HASHTAG = re.compile(r"(?<!\w)#\w")
_APOSTROPHES = re.compile("['\u2019\u02bc`\u00b4]")  # inside a word: "Jum'at" -> #Jumat
_NO_EMOJI = re.compile("[\x00-\xa8\xaa-\xad\xaf-\u024f\u2010-\u2027]*")  # no emoji is made of these
_KICKER = re.compile(r"klarifikasi\s*[:\u2013\u2014-]\s*", re.I)
ELLIPSIS = "…"
SHARE_FILE = "share.json"
BATCH = 25  # releases per worker job: a build hands out hundreds of jobs, not ten thousand
_VERSION = "|".join([cards.code_version(Path(__file__), Path(dates.__file__)),
                     version("babel"), version("twitter-text-parser")])


@lru_cache(maxsize=256)  # the kit measures its X text once to fit it and once to report it
def x_length(text: str) -> int:
    """X's weighted length, as twitter-text counts it. Text that cannot hold an emoji (Latin
    letters, ASCII, dashes and quotes: nearly every release) is counted without the library's
    emoji scan, which costs ~20 µs a character (10 ms for a full post); the same count."""
    from twitter_text import extract_urls_with_indices, parse_tweet  # imported when first
    from twitter_text.config import config  # needed: ~0.4 s, and a warm build measures nothing

    if not _NO_EMOJI.fullmatch(text):
        return parse_tweet(text).weightedLength
    options = config["defaults"]
    plain = re.sub(r"\r\n|\r", "\n", unicodedata.normalize("NFC", text))
    total, start = 0, 0
    for url in extract_urls_with_indices(plain):  # a link weighs the same whatever its length
        total += sum(map(_weight, plain[start:url["indices"][0]])) + options["transformed_url_length"] * options["scale"]
        start = url["indices"][1]
    return int((total + sum(map(_weight, plain[start:]))) / options["scale"])


@lru_cache(maxsize=1024)
def _weight(char: str) -> int:
    from twitter_text.config import config
    from twitter_text.get_character_weight import get_character_weight

    return get_character_weight(char, config["defaults"])


def measure(platform: str) -> Callable[[str], int]:
    return x_length if platform == "x" else len


def hashtag(text: str, acronyms: Collection[str] = ()) -> str:
    """`hut ke-81 ri` -> `#HUTKe81RI`: ASCII letters and digits only (a hyphen, dot, apostrophe
    or emoji ends a hashtag on every platform), each word capitalised, a known acronym (upper
    case in `acronyms`) written upper case. "" when nothing is left or only digits."""
    plain = " ".join(unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode()  # é -> e
                     for w in re.split(r"[\W_]+", _APOSTROPHES.sub("", text)))  # any dash, emoji … parts
    words = [w for w in re.split(r"[^0-9A-Za-z]+", plain) if w]
    tag = "".join(w.upper() if w.upper() in acronyms else w[:1].upper() + w[1:] for w in words)
    return f"#{tag}" if tag and not tag.isdigit() else ""


def verdict_label(release: Release) -> str:
    """`[MENYESATKAN]` for a klarifikasi (its verdict as the card's badge says it), else ""."""
    return f"[{VERDICT_LABELS[release.claim.verdict].upper()}]" if release.claim else ""


def headline(release: Release) -> str:
    """The title as posted. A klarifikasi leads with its verdict, in place of a leading
    "Klarifikasi:" (the label says what it is): `[MENYESATKAN] Video Bendungan Jebol …`."""
    label = verdict_label(release)
    if not label:
        return release.title
    kicker = _KICKER.match(release.title)
    title = release.title[kicker.end():] if kicker and kicker.end() < len(release.title) else release.title
    return title if title.upper().startswith(label) else f"{label} {title}"


def hashtag_groups(release: Release, defaults: tuple[str, ...],
                   acronyms: Collection[str]) -> tuple[list[str], list[str]]:
    """(topic, brand) hashtags, each once. Topic: `#CekFakta` for a klarifikasi, then the tags
    (or the release's own `social.hashtags`, which replace tags and brand alike); brand: the
    site's `extra.warta.hashtags`. A klarifikasi whose verdict is not "hoaks" never carries a
    hoax hashtag (#Hoaks, #Hoax, #LawanHoaks …): it would call the claim what it is not."""
    known = frozenset(a.upper() for a in acronyms)
    own = release.social.hashtags if release.social and release.social.hashtags else None
    refuted = release.claim is not None and release.claim.verdict != "hoaks"
    taken: set[str] = set()

    def tags(names: list[str]) -> list[str]:
        out = []
        for name in names:
            tag = hashtag(name, known)
            if tag and tag.lower() not in taken and not (refuted and re.search("hoaks|hoax", tag, re.I)):
                taken.add(tag.lower())
                out.append(tag)
        return out

    brand = [] if own else tags(list(defaults))  # first: a tag that is also a brand tag is brand
    topic = tags(own or ([FACT_CHECK] if release.claim else []) + [t.name for t in release.tags])
    return topic, brand


def pick(topic: list[str], brand: list[str], n: int) -> tuple[list[str], list[str]]:
    """At most `n` hashtags as (topic, brand): the brand ones kept first, topic ones in front
    of them as room allows (`#CekFakta #LembahSari #InfoLembahSari`)."""
    kept = brand[:max(n, 0)]
    return topic[:max(n - len(kept), 0)], kept


def hashtags_in(text: str) -> int:
    """How many hashtags a platform sees in `text`."""
    return len(_HASHTAG.findall(text))


def shorten(text: str, limit: int, size: Callable[[str], int] = len) -> str:
    """`text` if it fits, else the most whole words from the start that fit with "…" (links
    are words too). Found by bisection: X's weighing is slow, and a longer cut never weighs
    less (each cut starts with the shorter one)."""
    if size(text) <= limit:
        return text
    words = text.split(" ")

    def cut(n: int) -> str:
        return " ".join(words[:n]).rstrip(" ,.;:–-") + ELLIPSIS

    fits, too_long = 0, len(words)  # cut(0) is "…" alone; all the words do not fit
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        fits, too_long = (middle, too_long) if size(cut(middle)) <= limit else (fits, middle)
    return cut(fits)


def compose(title: str, summary: str, link: str, tags: tuple[list[str], list[str]], limit: int,
            size: Callable[[str], int] = len) -> str:
    """Title, summary, link line and hashtags (topic, brand), blank lines between, within
    `limit`; the link line is never cut. When room is short, topic hashtags give way if that
    keeps the summary whole; else the summary is shortened at a word boundary with "…" (left
    out when not one word fits). Only a title too long for the link and the hashtags drops
    hashtags (topic ones first), and only one too long for the link alone is shortened."""
    def post(head: str, body: str, hashtags: list[str]) -> str:
        return "\n\n".join(part for part in (head, body, link, " ".join(hashtags)) if part)

    topic, brand = tags
    for drop in range(len(topic) + 1):
        if size(text := post(title, summary, topic[drop:] + brand)) <= limit:
            return text
    every = topic + brand
    for drop in range(len(every) + 1):
        if size(post(title, "", every[drop:])) <= limit:
            body = shorten(summary, limit, lambda s: size(post(title, s, every[drop:])))  # noqa: B023
            return post(title, "" if body == ELLIPSIS else body, every[drop:])
    return post(shorten(title, limit, lambda t: size(post(t, "", []))), "", [])


def share_kit(release: Release, site_url: str, site_name: str, defaults: tuple[str, ...],
              acronyms: Collection[str], cards: dict[str, dict] | None = None) -> dict:
    """Every platform's text, as an admin would post it: the title (a klarifikasi's led by
    its verdict), the summary, the link and the hashtags each platform takes, within its
    limits. `defaults` are the site's brand hashtags, `acronyms` the registries' list."""
    url = site_url + release.url
    topic, brand = hashtag_groups(release, defaults, acronyms)
    own = {k: own_text(release.social, k, url) for k in PLATFORMS}
    title, summary = headline(release), release.summary
    head = hashtags_in(f"{title} {summary}")  # a platform counts these against its hashtag limit
    texts = {
        "x": compose(title, summary, url, pick(topic, brand, X_HASHTAGS), LIMITS["x"], x_length),
        "facebook": compose(title, summary, f"Selengkapnya: {url}", (topic, brand), LIMITS["facebook"]),
        "instagram": compose(title, summary, f"Baca selengkapnya di {site_name}: tautan di bio.",
                             pick(topic, brand, INSTAGRAM_HASHTAGS - head), LIMITS["instagram"]),
        "whatsapp": compose(f"*{title}*", summary, url, ([], []), LIMITS["whatsapp"]),
        "threads": compose(title, summary, url, pick(topic, brand, THREADS_TAGS - head), LIMITS["threads"]),
        "telegram": compose(title, summary, url, (topic, brand), LIMITS["telegram"]),
    }
    texts = {k: own[k] or v for k, v in texts.items()}
    return {
        "url": url,
        "title": release.title,
        "published": long_date(release.date, release.time_given),
        "hashtags": topic + brand,
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


def card_names(release: Release, site_name: str) -> dict[str, str]:
    """The file names of a release's cards by kind (they carry a hash of what is drawn)."""
    return cards.card_names(release.image.digest if release.image else None, card_texts(release, site_name))


def share_names(release: Release, site_name: str) -> tuple[str, ...]:
    """Every file the share kit puts beside a release's page: both cards and SHARE_FILE."""
    return (*card_names(release, site_name).values(), SHARE_FILE)


def card_entries(release: Release, site_url: str, site_name: str,
                 sizes: dict[str, int] | None = None) -> dict[str, dict]:
    """The cards of a release as the share kit lists them (public URL, pixel size, bytes)."""
    return {kind: {"url": site_url + release.url + name, "path": release.url + name,
                   "width": cards.SIZES[kind][0], "height": cards.SIZES[kind][1],
                   **({"bytes": sizes[kind]} if sizes else {})}
            for kind, name in card_names(release, site_name).items()}


def share_files(release: Release, site_url: str, site_name: str, defaults: tuple[str, ...],
                acronyms: tuple[str, ...], out_dir: str, cache_dir: str | None,
                hero: tuple | None = None) -> None:
    """Draw the release's cards and write `share.json` beside them in `out_dir`. Both come
    from the content-hash cache when nothing they are made of changed (the release and its
    photo's hash, the site settings, the acronyms, this code), so a warm build costs two
    small hashes and three hard links. `hero`, the arguments of `photos.render` for the hero
    photo, has its renditions made here too, from the same decode as the cards. Runs in a
    build worker, so it takes plain values."""
    image, picture = release.image, None
    if image:
        need = cards.NEED if hero is None else tuple(map(max, cards.NEED, photos.covering(hero[1])))
        picture = photos.Picture(image.source, need, digest=image.digest)
    if hero:
        photos.render(picture, *hero[1:])
    names = cards.render_cards(picture, card_texts(release, site_name), out_dir, cache_dir)
    cached = None
    if cache_dir:  # a release's repr holds every field it was read with (the body aside:
        # the kit never reads it, so an edit of the text alone keeps the cached kit)
        fields = repr(replace(release, body="")) if release.body else repr(release)
        key = hashlib.sha256(json.dumps([_VERSION, names, fields, site_url, site_name, list(defaults),
                                         sorted(acronyms), VERDICT_LABELS]).encode()).hexdigest()
        cached = os.path.join(cache_dir, "paket", key[:2], key)

    def make() -> dict[str, bytes]:
        sizes = {kind: os.stat(os.path.join(out_dir, name)).st_size for kind, name in names.items()}
        kit = share_kit(release, site_url, site_name, defaults, acronyms,
                        card_entries(release, site_url, site_name, sizes))
        return {SHARE_FILE: json.dumps(kit, ensure_ascii=False, indent=1).encode() + b"\n"}

    via_cache(cached, (SHARE_FILE,), out_dir, make)


def share_batches(releases: list[Release]) -> Iterator[list[Release]]:
    """The releases in worker-sized batches, without their bodies: the kit never reads the
    body, so it is not pickled over to the workers (and a body edit keeps the cached kit)."""
    for start in range(0, len(releases), BATCH):
        yield [replace(r, body="") if r.body else r for r in releases[start:start + BATCH]]


def share_batch(releases: list[Release], site_url: str, site_name: str, defaults: tuple[str, ...],
                acronyms: tuple[str, ...], site_dir: str, cache_dir: str | None,
                heroes: dict[str, tuple] | None = None) -> list[tuple[str, str]]:
    """`share_files` for one of `share_batches`, each release into its page folder under
    `site_dir` (one worker job); `heroes` holds, by release src_uri, the `photos.render`
    arguments of hero photos whose renditions this job makes. Returns the failures as
    (src_uri, message); one bad release does not stop the others."""
    failed = []
    for release in releases:
        try:
            share_files(release, site_url, site_name, defaults, acronyms,
                        os.path.join(site_dir, release.url), cache_dir, (heroes or {}).get(release.src_uri))
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
        if platform == "instagram" and hashtags_in(text) > INSTAGRAM_HASHTAGS:
            found.append(("social.instagram", f"lebih dari {INSTAGRAM_HASHTAGS} tagar"))
        if platform == "threads":
            if len(re.findall(r"https?://", text)) > THREADS_LINKS:
                found.append(("social.threads", f"lebih dari {THREADS_LINKS} tautan"))
            if hashtags_in(text) > THREADS_TAGS:
                found.append(("social.threads", "Threads hanya memakai satu tagar topik"))
    return found
