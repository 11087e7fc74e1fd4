"""Link previews and structured data on release pages (first slice of the share issue)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO
from markupsafe import escape

from warta.config import load_site_config
from warta.load import load_content

pytestmark = pytest.mark.slow
SITE_URL = "https://mediacenter.lembahsari.go.id/"


def public_pages(site: Path):
    for release in load_content(load_site_config(REPO)).releases:
        page = site / release.url / "index.html"
        if page.exists():
            yield release, page.read_text()


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
        assert bool(article.get("image")) == bool(release.image)
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
        if release.image:
            (image,) = meta(html, "og:image")
            assert image.startswith(SITE_URL) and (demo_site / image[len(SITE_URL):]).is_file()
            assert meta(html, "og:image:width") and meta(html, "og:image:alt")
            assert meta(html, "twitter:card") == ["summary_large_image"]
    home = (demo_site / "index.html").read_text()
    assert meta(home, "og:type") == ["website"] and meta(home, "og:url") == [SITE_URL]


def test_share_links_are_plain_links(demo_site: Path):
    release, html = next(public_pages(demo_site))
    for prefix in ("https://wa.me/?text=", "https://www.facebook.com/sharer/sharer.php?u=",
                   "https://x.com/intent/post?text=", "https://t.me/share/url?url="):
        assert f'href="{prefix}' in html
    assert f'data-copy="{SITE_URL}{release.url}"' in html
    assert not re.search(r'<script[^>]+src="https?://', html)
