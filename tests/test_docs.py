"""The repository documents itself: every relative link in README.md and docs/*.md leads to a
file of the repository (and a heading there, if it names one), and no reference points outside
it (a clone has nothing beside it)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
from conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.code: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in {"href", "src"} and v]
        self._in_code = self._in_code or tag == "code"

    def handle_endtag(self, tag):
        self._in_code = self._in_code and tag != "code"

    def handle_data(self, data):
        if self._in_code:
            self.code.append(data)


def _parse(doc: Path) -> _Links:
    parser = _Links()
    parser.feed(markdown.markdown(doc.read_text(encoding="utf-8"), extensions=["tables"]))
    return parser


def test_docs_exist_and_have_links():
    assert REPO / "docs/content-model.md" in DOCS
    assert any(_parse(doc).links for doc in DOCS)


def _anchors(doc: Path) -> set[str]:
    """GitHub's ids of a Markdown file's headings (`## Pages outside `rilis/`` → pages-outside-rilis)."""
    headings = re.findall(r"^#{1,6} +(.+?) *$", doc.read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def test_every_relative_link_points_to_a_file_of_the_repository():
    broken = []
    for doc in DOCS:
        for link in _parse(doc).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # a web address
            target = (doc.parent / unquote(parts.path)).resolve() if parts.path else doc
            if not target.is_relative_to(REPO) or not target.exists():
                broken.append(f"{doc.relative_to(REPO)}: {link}")
            elif parts.fragment and target.suffix == ".md" and parts.fragment not in _anchors(target):
                broken.append(f"{doc.relative_to(REPO)}: {link} (no such heading)")
    assert broken == []


def test_no_reference_leaves_the_repository():
    """Paths written as code (`../shared/SPEC.md`) count too: a clone has nothing beside it."""
    outside = [f"{doc.relative_to(REPO)}: {text}" for doc in DOCS for text in _parse(doc).code
               if re.match(r"\.\./", text.strip())]
    assert outside == []
