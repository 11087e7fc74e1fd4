"""schema.org structured data (JSON-LD) for release pages: NewsArticle, and ClaimReview for a
klarifikasi. Pure functions of the release and the site settings."""

from __future__ import annotations

import json
from typing import Any

from .dates import iso
from .model import VERDICT_LABELS, Release

#: ClaimReview rating on a 1–5 scale (1 = false), as fact-check aggregators read it.
_RATING = {"hoaks": 1, "salah": 1, "menyesatkan": 2, "sebagian-benar": 3, "tidak-terbukti": 2}


def news_article(release: Release, site_url: str, site_name: str, region: str,
                 images: list[str]) -> dict[str, Any]:
    url = site_url + release.url
    publisher = {"@type": "GovernmentOrganization", "name": site_name,
                 "url": site_url, "logo": {"@type": "ImageObject",
                                           "url": site_url + "assets/images/logo.svg"}}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": release.title,
        "description": release.summary,
        "inLanguage": "id",
        "datePublished": iso(release.date),
        "dateModified": iso(release.modified),
        "articleSection": release.category.name,
        "keywords": [t.name for t in release.tags],
        "author": {"@type": "GovernmentOrganization", "name": release.unit.name,
                   "parentOrganization": {"@type": "GovernmentOrganization", "name": region}},
        "publisher": publisher,
    }
    if images:
        data["image"] = images
    if release.location:
        data["locationCreated"] = {"@type": "Place", "name": release.location}
    return data


def claim_review(release: Release, site_url: str, site_name: str) -> dict[str, Any] | None:
    if release.claim is None:
        return None
    verdict = release.claim.verdict
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": site_url + release.url,
        "datePublished": iso(release.date),
        "claimReviewed": release.claim.text,
        "itemReviewed": {"@type": "Claim", "appearance": {"@type": "CreativeWork",
                                                          "name": release.claim.source}},
        "author": {"@type": "GovernmentOrganization", "name": release.unit.name},
        "reviewRating": {"@type": "Rating", "ratingValue": _RATING[verdict], "bestRating": 5,
                         "worstRating": 1, "alternateName": VERDICT_LABELS[verdict]},
        "publisher": {"@type": "GovernmentOrganization", "name": site_name},
    }


def website(site_url: str, site_name: str, region: str, description: str) -> dict[str, Any]:
    """The home page's `WebSite`: who publishes it, and its search (`/cari/?q=`)."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site_name,
        "url": site_url,
        "description": description,
        "inLanguage": "id",
        "publisher": {"@type": "GovernmentOrganization", "name": region or site_name, "url": site_url,
                      "logo": {"@type": "ImageObject", "url": site_url + "assets/images/logo.svg"}},
        "potentialAction": {"@type": "SearchAction", "target": site_url + "cari/?q={search_term_string}",
                            "query-input": "required name=search_term_string"},
    }


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no `<`, `>` or `&` at all (so neither `</script>`
    nor `<!--` can change how the HTML parser reads the element), the same data."""
    return json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE)
