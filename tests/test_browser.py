"""The built demo site in headless Debian Chromium: errors, requests, overflow, axe-core."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import serving

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "release": "rilis/2026/11/bupati-resmikan-jembatan-gantung-talang-mulya/",
    "list": "kategori/kebencanaan/",
    "categories": "kategori/",
    "units": "unit/",
    "tags": "tag/",
    "newest": "rilis/",
    "archive-index": "arsip/",
    "archive": "arsip/2026/",
    "page": "tentang/",
    "search": "cari/",
    "search-results": "cari/?q=jembatan",
    "partners": "mitra-media/",
    "reports": "laporan/",
    "report-month": "laporan/2026/10/",
    "report-year": "laporan/2026/",
    "administrations": "periode/",
    "release-earlier-administration": "rilis/2026/08/pasar-rakyat-sarimulya-direvitalisasi/",
}
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def served(demo_site: Path):
    with serving(demo_site) as url:
        yield url


def open_page(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    offsite: list[str] = []
    failed: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    origin = url.split("/", 3)[:3]

    def on_request(request):
        if request.url.split("/", 3)[:3] != origin and not request.url.startswith("data:"):
            offsite.append(request.url)

    page.on("request", on_request)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    return context, page, errors, offsite, failed


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_clean(browser, served, name, width):
    context, page, errors, offsite, failed = open_page(browser, served + PAGES[name], width)
    try:
        assert errors == [] and failed == [] and offsite == []
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    finally:
        context.close()


def test_images_load_at_their_size(browser, served):
    context, page, *_ = open_page(browser, served + PAGES["release"], 390)
    try:
        hero = page.locator("figure.w-hero img")
        assert hero.evaluate("i => i.complete && i.naturalWidth > 0")
        chosen = hero.evaluate("i => i.currentSrc")
        assert re.search(r"-(400|800)\.[0-9a-f]{10}\.webp$", chosen), chosen  # a phone: a small WebP
    finally:
        context.close()


def test_search_finds_a_release_and_not_the_embargo(browser, served):
    context, page, errors, offsite, _ = open_page(browser, served + "cari/", 1280)
    try:
        page.fill("#q", "jembatan")
        page.press("#q", "Enter")
        page.wait_for_selector("#results li a", timeout=10000)
        page.wait_for_timeout(400)  # the typing's own (debounced) search may run once more
        page.wait_for_function("document.getElementById('status').textContent.includes('hasil untuk')")
        links = page.locator("#results a").evaluate_all("els => els.map(e => e.href)")
        assert any("bupati-resmikan-jembatan-gantung-talang-mulya" in href for href in links)
        assert "hasil untuk" in page.locator("#status").inner_text()
        for term in ("HUT ke-91", "Posko Terpadu Libur Natal"):  # the embargoed and the draft release
            page.fill("#q", term)
            page.press("#q", "Enter")
            page.wait_for_function("document.getElementById('status').textContent.includes('untuk')")
            links = page.locator("#results a").evaluate_all("els => els.map(e => e.href)")
            assert not any("2036" in h or "posko-terpadu" in h for h in links), links
        assert errors == [] and offsite == []
    finally:
        context.close()


def test_search_merges_the_yearly_indexes(browser, tmp_path):
    """Releases of two years live in two indexes; one query finds both."""
    from conftest import make_project, run_warta, write_release

    root = make_project(tmp_path / "proj")
    write_release(root, "rilis/2025/12/jembatan-lama-diperbaiki", title="Jembatan Lama Sungai Baru Diperbaiki",
                  date="2025-12-01T09:00:00+07:00")
    write_release(root, "rilis/2026/11/jembatan-baru-diresmikan", title="Jembatan Baru Sungai Baru Diresmikan",
                  date="2026-11-01T09:00:00+07:00")
    run_warta(root, "build", env={"WARTA_NOW": "2026-11-23T12:00:00+07:00"}, check=True)
    assert (root / "site/pagefind/2025/pagefind.js").is_file()
    with serving(root / "site") as url:
        context, page, errors, offsite, _ = open_page(browser, url + "cari/?q=jembatan", 390)
        page.wait_for_function("document.querySelectorAll('#results li').length >= 2", timeout=10000)
        links = " ".join(page.locator("#results a").evaluate_all("els => els.map(e => e.href)"))
        assert "jembatan-lama-diperbaiki" in links and "jembatan-baru-diresmikan" in links
        assert errors == [] and offsite == []
        context.close()


def test_copy_link_button(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    page = context.new_page()
    try:
        page.goto(served + PAGES["release"])
        page.click(".w-share__copy")
        page.wait_for_function("document.querySelector('.w-share__done').textContent.length > 0")
        assert page.locator(".w-share__done").inner_text() == "Tautan tersalin"
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == "https://mediacenter.lembahsari.go.id/" + PAGES["release"]
        assert page.url == served + PAGES["release"]  # the link did not navigate
    finally:
        context.close()


ROW = "document.querySelector('.w-sections ul')"


@pytest.mark.parametrize("name", ["home", "list", "categories", "archive-index", "page"])
def test_section_row_is_one_line_that_fits_a_computer(browser, served, name):
    context, page, *_ = open_page(browser, served + PAGES[name], 1280)
    try:
        tops = page.evaluate(f"[...{ROW}.children].map(li => li.getBoundingClientRect().top)")
        assert len(set(tops)) == 1, tops
        assert page.evaluate(f"{ROW}.scrollWidth <= {ROW}.clientWidth")
        assert page.locator(".w-sections a", has_text="Lainnya").evaluate("a => a.href") == served + "kategori/"
    finally:
        context.close()


@pytest.mark.parametrize("url", ["rilis/2026/10/klarifikasi-video-bendungan-jebol-bukan-di-lembah-sari/",
                                 "kategori/cek-fakta/", "arsip/2026/11/", "kategori/sosial/"])
def test_current_section_is_in_view_on_a_phone_without_layout_shift(browser, served, url):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => {
        for (const e of list.getEntries()) window.__shift += e.value; }).observe({type: "layout-shift", buffered: true});""")
    try:
        page.goto(served + url, wait_until="networkidle")
        row = page.evaluate(f"{ROW}.getBoundingClientRect().toJSON()")
        assert page.evaluate(f"{ROW}.scrollWidth > {ROW}.clientWidth")  # the row scrolls on a phone
        here = page.evaluate("document.querySelector('.w-sections [aria-current]').getBoundingClientRect().toJSON()")
        assert row["left"] <= here["left"] and here["right"] <= row["right"], (row, here)
        assert page.evaluate("window.__shift") == 0
    finally:
        context.close()


def test_search_pages_through_every_result_with_date_and_category(browser, tmp_path):
    """23 releases match: ten at a time, "Tampilkan lebih banyak" until all are shown, each with
    its date and category."""
    from conftest import make_project, run_warta, write_release

    root = make_project(tmp_path / "proj")
    for n in range(1, 24):
        write_release(root, f"rilis/2026/10/jembatan-desa-nomor-{n}", title=f"Jembatan Desa Nomor {n} Selesai Dibangun",
                      date=f"2026-10-{n:02d}T09:00:00+07:00", category="kebencanaan" if n == 5 else "pembangunan")
    run_warta(root, "build", env={"WARTA_NOW": "2026-11-23T12:00:00+07:00"}, check=True)
    with serving(root / "site") as url:
        context, page, errors, offsite, _ = open_page(browser, url + "cari/?q=jembatan", 390)
        try:
            page.wait_for_function("document.querySelectorAll('#results li').length === 10", timeout=10000)
            assert page.locator("#status").inner_text() == "23 hasil untuk “jembatan” (ditampilkan 10)"
            for shown in (20, 23):
                page.click("#more")
                page.wait_for_function(f"document.querySelectorAll('#results li').length === {shown}")
            assert page.locator("#status").inner_text() == "23 hasil untuk “jembatan”"
            assert page.locator("#more").is_hidden()
            assert page.evaluate("document.activeElement.closest('#results li') !== null")  # focus moved on
            metas = page.locator("#results .w-results__meta").all_inner_texts()
            assert len(metas) == 23 and all(re.fullmatch(r"\d{1,2} \w{3} 2026 · (Pembangunan|Kebencanaan)", m)
                                            for m in metas), metas
            assert "5 Okt 2026 · Kebencanaan" in metas
            assert errors == [] and offsite == []
        finally:
            context.close()
