"""Link previews, structured data, share kits and cards of the built demo site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO
from markupsafe import escape
from PIL import Image
from twitter_text import parse_tweet

from warta import sharekit
from warta.config import load_site_config
from warta.load import load_content
from warta.model import VERDICT_LABELS

pytestmark = pytest.mark.slow
SITE_URL = "https://mediacenter.lembahsari.go.id/"


def public_pages(site: Path):
    for release in load_content(load_site_config(REPO)).releases:
        page = site / release.url / "index.html"
        if page.exists():
            yield release, page.read_text()


def card_url(release) -> str:
    """The link card's address: its name carries a hash of what it shows (no `?v=` needed)."""
    url = sharekit.card_entries(release, SITE_URL, load_site_config(REPO).site_name)["tautan"]["url"]
    assert re.fullmatch(rf"{re.escape(SITE_URL + release.url)}kartu-tautan\.[0-9a-f]{{10}}\.jpg", url)
    return url


def meta(html: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)


def test_every_release_has_json_ld_news_article(demo_site: Path):
    count = 0
    for release, html in public_pages(demo_site):
        blocks = [json.loads(b) for b in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
        article = next(b for b in blocks if b["@type"] == "NewsArticle")
        assert article["headline"] == release.title
        assert article["datePublished"] == release.date.isoformat(timespec="seconds")
        assert article["dateModified"] >= article["datePublished"]
        assert article["author"]["@type"] == "GovernmentOrganization"
        assert article["author"]["name"] == release.unit.name
        assert article["publisher"]["logo"]["url"].startswith(SITE_URL)
        card = card_url(release)
        assert article["image"] == ([f"{SITE_URL}{release.url}{release.image.largest[2]}", card]
                                    if release.image else [card])
        assert all((demo_site / url[len(SITE_URL):]).is_file() for url in article["image"])
        reviews = [b for b in blocks if b["@type"] == "ClaimReview"]
        if release.type == "klarifikasi":
            (review,) = reviews
            assert review["claimReviewed"] == release.claim.text
            assert review["reviewRating"]["ratingValue"] in (1, 2, 3)
        else:
            assert reviews == []
        count += 1
    assert count == 29


def test_open_graph_and_twitter_tags_are_absolute(demo_site: Path):
    for release, html in public_pages(demo_site):
        assert meta(html, "og:type") == ["article"] and meta(html, "og:locale") == ["id_ID"]
        assert meta(html, "og:url") == [SITE_URL + release.url]
        assert meta(html, "og:title") == [str(escape(release.title))]
        assert meta(html, "article:section") == [release.category.name]
        assert len(meta(html, "article:tag")) == len(release.tags)
        assert f'<link rel="canonical" href="{SITE_URL}{release.url}">' in html
        (image,) = meta(html, "og:image")  # the link card, photo or not, named by what it shows
        assert image == card_url(release) and "?" not in image
        kit = json.loads((demo_site / release.url / "share.json").read_text(encoding="utf-8"))
        assert kit["cards"]["tautan"]["url"] == image
        assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == (["1200"], ["630"])
        assert meta(html, "og:image:alt") and meta(html, "twitter:image") == [image]
        assert meta(html, "twitter:card") == ["summary_large_image"]
        assert meta(html, "article:published_time")[0].startswith(release.date.date().isoformat())
    for page in ("index.html", "kategori/pembangunan/index.html", "mitra-media/index.html"):
        html = (demo_site / page).read_text()
        assert meta(html, "og:type") == ["website"]
        (image,) = meta(html, "og:image")
        assert image == SITE_URL + "kartu-situs.jpg"
        with Image.open(demo_site / "kartu-situs.jpg") as im:
            assert im.size == (1200, 630)
    home = (demo_site / "index.html").read_text()
    assert meta(home, "og:url") == [SITE_URL]
    (site,) = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', home, re.S)]
    assert site["@type"] == "WebSite" and site["url"] == SITE_URL
    assert site["potentialAction"]["target"] == SITE_URL + "cari/?q={search_term_string}"
    assert site["publisher"]["name"] == "Kabupaten Lembah Sari"


def test_every_public_release_has_a_share_kit_within_every_limit(demo_site: Path):
    """share.json beside every public release page: every text within its platform's limit
    (X counted by twitter-text), the cards at their exact sizes, the link card small enough
    for WhatsApp's preview."""
    count = 0
    for release, _ in public_pages(demo_site):
        kit = json.loads((demo_site / release.url / "share.json").read_text(encoding="utf-8"))
        assert kit["url"] == SITE_URL + release.url and kit["title"] == release.title
        for platform, entry in kit["texts"].items():
            size = sharekit.x_length(entry["text"]) if platform == "x" else len(entry["text"])
            assert size == entry["length"] <= sharekit.LIMITS[platform] == entry["limit"], platform
            if platform != "instagram":  # links are not clickable there: "tautan di bio"
                assert kit["url"] in entry["text"], platform
        assert parse_tweet(kit["texts"]["x"]["text"]).valid
        texts = {k: v["text"] for k, v in kit["texts"].items()}
        headline = sharekit.headline(release)
        assert texts["whatsapp"].startswith(f"*{headline}*\n\n")
        # X uses its room: title, then the summary (whole, or cut at a word with "…"), link, hashtags
        x_title, x_summary, *_ = texts["x"].split("\n\n")
        assert x_title == headline and release.summary.startswith(x_summary.removesuffix("…").rstrip(",.;:"))
        for platform in ("x", "facebook", "instagram", "threads", "telegram"):  # the brand hashtags
            assert texts[platform].endswith(("#LembahSari", "#LembahSari #InfoLembahSari")), platform
        assert texts["threads"].endswith(f"{kit['url']}\n\n#LembahSari")  # its one topic tag
        assert all(re.fullmatch(r"#[A-Za-z0-9]+", tag) for tag in kit["hashtags"])
        if release.claim:  # a klarifikasi says its verdict first, and never calls a non-hoax a hoax
            label = f"[{VERDICT_LABELS[release.claim.verdict].upper()}] "
            assert all(text.lstrip("*").startswith(label) for text in texts.values())
            assert "#CekFakta" in kit["hashtags"]
            assert (release.claim.verdict == "hoaks") == ("#Hoaks" in kit["hashtags"])
            assert release.claim.verdict == "hoaks" or not any("#Hoaks" in text for text in texts.values())
        instagram = kit["texts"]["instagram"]["text"]
        assert len(re.findall(r"(?<!\w)#\w", instagram)) <= 5 and "tautan di bio" in instagram
        threads = kit["texts"]["threads"]["text"]
        assert threads.count("https://") <= 5 and len(re.findall(r"(?<!\w)#\w", threads)) <= 1
        for kind, size in (("tautan", (1200, 630)), ("instagram", (1080, 1350))):
            card = kit["cards"][kind]
            path = demo_site / card["path"]
            assert card["url"] == SITE_URL + card["path"] and path.stat().st_size == card["bytes"]
            with Image.open(path) as im:
                assert im.format == "JPEG" and im.size == size == (card["width"], card["height"])
                assert not im.getexif()
        assert kit["cards"]["tautan"]["bytes"] <= 300 * 1024
        count += 1
    assert count == 29
    # Nothing for a release that is not public: share files exist only beside public pages.
    public = {r.url for r, _ in public_pages(demo_site)}
    for found in demo_site.rglob("share.json"):
        assert found.parent.relative_to(demo_site).as_posix() + "/" in public
    for found in demo_site.rglob("kartu-*.jpg"):
        assert found.name == "kartu-situs.jpg" or found.parent.relative_to(demo_site).as_posix() + "/" in public


def test_demo_hashtags_keep_acronyms_upper_case(demo_site: Path):
    """Tags such as `rkpd`, `ktp-el`, `umkm` and `hut ri` keep the registries' acronyms."""
    found = set()
    for release, _ in public_pages(demo_site):
        found |= set(json.loads((demo_site / release.url / "share.json").read_text(encoding="utf-8"))["hashtags"])
    assert {"#RKPD", "#KTPEl", "#UMKM"} <= found
    assert not {"#Rkpd", "#KtpEl", "#Umkm", "#HutRi"} & found


def test_share_links_are_plain_links(demo_site: Path):
    release, html = next(public_pages(demo_site))
    for prefix in ("https://wa.me/?text=", "https://www.facebook.com/sharer/sharer.php?u=",
                   "https://x.com/intent/post?text=", "https://t.me/share/url?url="):
        assert f'href="{prefix}' in html
    assert f'data-copy="{SITE_URL}{release.url}"' in html
    assert not re.search(r'<script[^>]+src="https?://', html)
