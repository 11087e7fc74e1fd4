"""What a first reader sees: valid HTML (the Nu HTML Checker), the directory and archive pages,
the footer's contact details and the settings behind them."""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DEMO_NOW, REPO, make_project, run_warta, write_release
from lxml import html as lxml_html

from warta.config import ConfigError, SiteConfig, load_site_config

pytestmark = pytest.mark.slow

VNU = REPO / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def page(site: Path, url: str):
    return lxml_html.fromstring((site / url / "index.html").read_bytes())


def texts(doc, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in doc.xpath(xpath)]


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory) -> Path:
    """A site with no release at all: only the `tentang` page."""
    root = make_project(tmp_path_factory.mktemp("kosong") / "proj")
    run_warta(root, "build", env={"WARTA_NOW": DEMO_NOW}, check=True)
    return root / "site"


def test_every_page_is_valid_html(demo_site: Path, empty_site: Path):
    """The Nu HTML Checker (vnu.jar from the pinned npm package `vnu-jar`, installed by
    scripts/test) finds no error in any page of the demo site or of an empty site. One run for
    all pages: the checker is slow to start."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("the Nu HTML Checker needs java and tests/tools/node_modules (run scripts/test, "
                    "which installs default-jre-headless and runs `npm ci` in tests/tools)")
    pages = sorted(demo_site.rglob("*.html")) + sorted(empty_site.rglob("*.html"))
    assert len(pages) > 100
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json",
                           *map(str, pages)], capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr)["messages"]  # vnu writes its report to stderr
    errors = [f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error")]
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors[:50])


def test_every_page_has_one_h1_and_no_skipped_heading_level(demo_site: Path, empty_site: Path):
    for site in (demo_site, empty_site):
        for path in site.rglob("*.html"):
            if path.relative_to(site).parts[0] == "admin":
                continue  # the web editor: an application page, not a page to read
            levels = [int(h.tag[1]) for h in lxml_html.fromstring(path.read_bytes()).iter(
                "h1", "h2", "h3", "h4", "h5", "h6")]
            assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
            assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)


def test_content_page_has_its_title_as_h1(demo_site: Path):
    doc = page(demo_site, "tentang")
    assert texts(doc, "//h1") == ["Tentang Media Center"]
    assert doc.xpath("//article[contains(@class, 'w-prose')]//h2")


def _cards(site: Path, url: str) -> int:
    """Releases listed on a list page and its further pages (`…/halaman/N/`)."""
    count, n, path = 0, 1, url
    while (site / path / "index.html").is_file():
        count += len(page(site, path).xpath("//article[contains(@class, 'w-card')]"))
        n += 1
        path = f"{url}/halaman/{n}"
    return count


def test_category_and_unit_directories_show_every_entry_with_count_and_feeds(demo_site: Path):
    cfg = load_site_config(REPO)
    from warta.load import load_content

    registries = load_content(cfg).registries
    for folder, entries in (("kategori", registries.categories), ("unit", registries.units)):
        doc = page(demo_site, folder)
        items = doc.xpath("//li[contains(@class, 'w-dir__item')]")
        assert len(items) == len(entries), folder
        for item, entry in zip(items, entries, strict=True):
            name = " ".join(item.xpath(".//h2")[0].text_content().split())
            assert name.startswith(entry.name)
            if entry.description:
                assert entry.description in item.text_content()
            shown = " ".join(item.xpath(".//*[contains(@class, 'w-count')]")[0].text_content().split())
            listed = _cards(demo_site, f"{folder}/{entry.slug}")
            assert shown == (f"{listed} rilis" if listed else "belum ada rilis"), (entry.slug, shown)
            feeds = item.xpath(".//a[contains(@href, '.xml')]/@href")
            assert feeds == [f"{cfg.site_url}{folder}/{entry.slug}/feed.xml",
                             f"{cfg.site_url}{folder}/{entry.slug}/atom.xml"]
            for href in feeds:
                assert (demo_site / href.removeprefix(cfg.site_url)).is_file()


def test_tag_directory_is_sorted_by_count_then_name(demo_site: Path):
    rows = page(demo_site, "tag").xpath("//ul[contains(@class, 'w-tagcloud')]/li")
    assert len(rows) > 10
    shown = []
    for row in rows:
        link = row.xpath(".//a")[0]
        count = int(row.xpath(".//*[contains(@class, 'w-count')]")[0].text_content().split()[0])
        assert count == _cards(demo_site, posixpath.normpath(posixpath.join("tag", link.get("href"))))
        shown.append((-count, link.text_content().casefold()))
    assert shown == sorted(shown)


def test_newest_releases_and_archive_pages(demo_site: Path):
    newest = page(demo_site, "rilis")
    titles = texts(newest, "//article[contains(@class, 'w-card')]//h2")
    home = page(demo_site, "")
    assert titles[:5] == texts(home, "//article[contains(@class, 'w-card')]//*[self::h2 or self::h3]")[:5]
    months = newest.xpath("//ul[contains(@class, 'w-months')]//a/@href")
    assert "../arsip/2026/11/" in months and newest.xpath("//a[@href='../arsip/']")
    archive = page(demo_site, "arsip")
    assert texts(archive, "//h2[contains(@class, 'w-year__title')]") == ["2026 29 rilis"]
    counts = [int(c) for c in texts(archive, "//ul[contains(@class, 'w-months')]//*[contains(@class, 'w-count')]")]
    assert sum(counts) == 29 and len(counts) == 5
    assert len(archive.xpath("//article[contains(@class, 'w-card')]")) == 6
    assert _cards(demo_site, "arsip/2026/11") == counts[0]
    sitemap = (demo_site / "sitemap.xml").read_text()
    for url in ("kategori/", "unit/", "tag/", "rilis/", "arsip/"):
        assert f"<loc>{load_site_config(REPO).site_url}{url}</loc>" in sitemap, url


def test_empty_states_are_in_indonesian(empty_site: Path):
    assert "Belum ada rilis yang terbit." in texts(page(empty_site, "arsip"), "//p")
    assert "Belum ada rilis di sini." in texts(page(empty_site, "rilis"), "//p")
    assert texts(page(empty_site, "tag"), "//p[contains(@class, 'w-empty')]")[0].startswith("Belum ada tanda")
    counts = texts(page(empty_site, "kategori"), "//*[contains(@class, 'w-count')]")
    assert counts and set(counts) == {"belum ada rilis"}


def test_footer_shows_the_office_contacts_and_official_accounts(demo_site: Path):
    cfg = load_site_config(REPO)
    assert cfg.address and cfg.phone and cfg.email and len(cfg.social) == 6
    for url in ("", "tentang", "kategori", "rilis/2026/11/bupati-resmikan-jembatan-gantung-talang-mulya"):
        footer = page(demo_site, url).xpath("//footer")[0]
        text = " ".join(footer.text_content().split())
        assert cfg.address in text and cfg.phone in text and cfg.email in text
        assert footer.xpath(f".//a[@href='mailto:{cfg.email}']") and footer.xpath(".//a[@href='tel:073921000']")
        accounts = [(a.text_content(), a.get("href")) for a in footer.xpath(".//ul[contains(@class, 'w-footer__social')]//a")]
        assert accounts == cfg.social_links
        assert not footer.xpath(".//img | .//script | .//iframe")  # plain links, nothing fetched


def _mkdocs(root: Path, before: str, after: str) -> None:
    path = root / "mkdocs.yml"
    text = path.read_text()
    assert before in text
    path.write_text(text.replace(before, after))


def test_unknown_setting_is_a_clear_error_naming_the_key(project: Path):
    _mkdocs(project, "    address:", "    adress:")
    _mkdocs(project, "      tiktok:", "      tiktak:")
    _mkdocs(project, "      x: https://", "      x: http://")
    lines = (project / "mkdocs.yml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("    adress:"))
    for command in ("check", "build"):
        done = run_warta(project, command)
        out = done.stdout + done.stderr
        assert done.returncode != 0 and "Traceback" not in out, out
        assert f"mkdocs.yml:{line}: extra.warta.adress: pengaturan 'adress' tidak dikenal" in out, out
        assert "maksud Anda: address?" in out
        assert "platform media sosial 'tiktak' tidak dikenal" in out and "maksud Anda: tiktok?" in out
        assert "alamat akun X harus berupa alamat https:// lengkap" in out


def test_settings_are_typed():
    base = {"site_name": "Situs", "extra": {"warta": {"region": "Kabupaten Uji"}}}
    cfg = SiteConfig.from_mapping(Path("."), base)
    assert (cfg.address, cfg.social) == ("", ())
    wrong = {"per_page": "24", "home_count": 0, "timezone": "Asia/Jakartaa", "hashtags": "satu",
             "docs_dir": "isi", "social": ["https://x.com/a"], "phone": 812345, "editor": "ya"}
    with pytest.raises(ConfigError) as caught:
        SiteConfig.from_mapping(Path("."), {**base, "extra": {"warta": wrong}})
    found = {p.field: p.message for p in caught.value.problems}
    assert found == {
        "extra.warta.per_page": "nilai 'per_page' harus berupa bilangan bulat",
        "extra.warta.home_count": "nilai 'home_count' harus lebih dari nol",
        "extra.warta.timezone": "zona waktu 'Asia/Jakartaa' tidak dikenal",
        "extra.warta.hashtags": "nilai 'hashtags' harus berupa daftar",
        "extra.warta.docs_dir": "pengaturan 'docs_dir' tidak dibaca dari extra.warta",
        "extra.warta.social": "akun media sosial harus berupa daftar `platform: alamat`",
        "extra.warta.phone": "nilai 'phone' harus berupa teks",
        "extra.warta.editor": "nilai 'editor' harus berupa true atau false",
    }
    assert SiteConfig.from_mapping(Path("."), {**base, "extra": {"warta": {"editor": False}}}).editor is False
    with pytest.raises(ConfigError):
        SiteConfig.from_mapping(Path("."), {**base, "extra": {"warta": ["region"]}})


def test_search_results_carry_date_and_category(demo_site: Path, tmp_path: Path):
    """Pagefind's metadata of a release holds its date and category (shown with each result)."""
    html = (demo_site / "rilis/2026/11/bupati-resmikan-jembatan-gantung-talang-mulya/index.html").read_text()
    article = lxml_html.fromstring(html).xpath("//article[@data-pagefind-body]")[0]
    assert article.get("data-pagefind-meta") == "tanggal[data-tanggal], kategori[data-kategori]"
    assert (article.get("data-tanggal"), article.get("data-kategori")) == ("16 Nov 2026", "Pembangunan")


def test_a_category_outside_the_row_marks_lainnya(tmp_path: Path):
    root = make_project(tmp_path / "proj")
    write_release(root, category="sosial", unit="dinsos")
    run_warta(root, "build", env={"WARTA_NOW": DEMO_NOW}, check=True)
    site = root / "site"
    row = page(site, "kategori/sosial").xpath("//nav[contains(@class, 'w-sections')]")[0]
    assert [a.text_content() for a in row.xpath(".//a[@aria-current]")] == ["Lainnya"]
    assert "Sosial" not in row.text_content()
    row = page(site, "kategori/kesehatan").xpath("//nav[contains(@class, 'w-sections')]")[0]
    assert [(a.text_content(), a.get("aria-current")) for a in row.xpath(".//a[@aria-current]")] == [
        ("Kesehatan", "page")]
