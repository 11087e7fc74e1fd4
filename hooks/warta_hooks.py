"""MkDocs hooks: thin glue between MkDocs' build events and the pure Warta core.

Rules live in the `warta` package; these handlers only hand data across.
"""

from __future__ import annotations

import gzip
import logging
import os
import posixpath
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the `warta` package

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from warta import cards, dates, feeds, outputs, photos, render, search, sharekit, sitedir, structured, workers
from warta.admin import write_admin
from warta.config import SiteConfig, now, preview_mode
from warta.decap import DecapError
from warta.history import History, read_history, timeline
from warta.load import load_for_build
from warta.problems import ContentError
from warta.sharing import share_links
from warta.site import ListPage, Site, collect

log = logging.getLogger("mkdocs.warta")

_site: Site | None = None
_list_pages: dict[str, ListPage] = {}  # generated list pages by their src_uri
_bodies: dict[str, str] = {}  # rendered body HTML of each release, for the feeds
_history: History = History()
_pool: ProcessPoolExecutor | None = None
_jobs: list[tuple[str, str, Future]] = []  # (source file, what failed, job) per worker job


class _Rendered(File):
    """A photo whose web renditions Warta writes; MkDocs must not copy the original."""

    def copy_file(self, dirty: bool = False) -> None:  # noqa: D102
        return None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site, _history
    try:
        cfg = SiteConfig.from_mapping(Path(config.config_file_path).parent, config)
    except ContentError as error:  # wrong settings in mkdocs.yml: every one, in Indonesian
        raise PluginError(error.summary()) from None
    if (refused := sitedir.refusal(config.site_dir, cfg)) is not None:  # before MkDocs empties it
        raise PluginError(refused.format_text())
    content = load_for_build(cfg)
    if content.problems:  # before anything is written: an existing site stays as it was
        raise PluginError(ContentError(content.problems).summary())
    sitedir.mark(config.site_dir)
    _site = collect(content, cfg, now(cfg.tz), preview=preview_mode())
    _list_pages.clear()
    _list_pages.update((p.src_uri, p) for p in _site.lists)
    _history = read_history(cfg.root, cfg.docs_dir + "/rilis")
    if _history.warning:  # not an MkDocs warning: a shallow clone still builds a correct site
        logging.getLogger("warta").warning(f"Warta: {_history.warning}")
    log.info(f"Warta: {len(_site.releases)} rilis terbit, {len(content.releases) - len(_site.releases)} "
             "draf/embargo disembunyikan")
    for path in _site.scrubbed:  # `check` refuses these; a build hides them rather than fail
        logging.getLogger("warta").warning(f"Warta: {path} menautkan rilis yang belum terbit; "
                                           "tautan itu tidak ditampilkan")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish by allowlist: of the content folder, MkDocs keeps only the index.md of public
    releases and pages (rendered) and the photos they reference (re-encoded by Warta, never
    copied); every other file there is dropped, whatever it is."""
    global _pool
    site = _require_site()
    docs = os.path.abspath(config.docs_dir)
    photos_ = {a.src_uri: a for a in site.photos()}
    for f in list(files):
        if f.src_dir is not None and os.path.abspath(f.src_dir) == docs and f.src_uri not in site.sources:
            files.remove(f)
            if f.src_uri in photos_:  # known to MkDocs (links to it resolve), written by Warta
                files.append(_Rendered(f.src_uri, f.src_dir, f.dest_dir, f.use_directory_urls))
    # Photos render in worker processes on every core while this process renders pages.
    # Workers run at a lower priority: on a busy machine the page rendering in this process
    # goes first and the workers fill the gaps (the same total work, a shorter critical path).
    _pool = workers.start_pool()
    cache = str(site.cfg.root / site.cfg.cache_dir / "photos")
    for a in photos_.values():
        out_dir = posixpath.join(config.site_dir, posixpath.dirname(a.src_uri))
        name = posixpath.basename(a.src_uri)
        also = name if name.lower().endswith((".jpg", ".jpeg")) else None
        _jobs.append((a.src_uri, "foto gagal diproses",
                      _pool.submit(photos.render, str(site.cfg.content_dir / a.src_uri), a.renditions,
                                   out_dir, cache, also)))
    # Share cards and share.json of every public release, after the photos (same pool).
    cards_cache = str(site.cfg.root / site.cfg.cache_dir / "kartu")
    for batch in sharekit.share_batches(site.releases):
        _jobs.append(("", "kartu bagikan gagal dibuat",
                      _pool.submit(sharekit.share_batch, batch, site.cfg.site_url, site.cfg.site_name,
                                   site.cfg.hashtags, site.registries.acronyms, config.site_dir,
                                   cards_cache)))
    files.append(File.generated(config, "mitra-media/index.md", content=""))
    for page in site.lists:
        files.append(File.generated(config, page.src_uri, content=""))
    files.append(File.generated(config, "cari/index.md", content=""))  # not in the sitemap
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    site = _require_site()
    item = site.by_src.get(page.file.src_uri) or site.pages_by_src.get(page.file.src_uri)
    # Front matter is already parsed and validated; the leading newline stops MkDocs from
    # reading a body that opens with a `---` rule as a second front matter block. MkDocs never
    # reads a content file itself (it would follow a symlink).
    return "\n" + item.body if item else None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _require_site()
    uri = page.file.src_uri
    if (release := site.by_src.get(uri)) is not None:
        meta = {"template": "warta/release.html", "title": release.title, "description": release.summary}
    elif (item := site.pages_by_src.get(uri)) is not None:
        meta = {"template": "warta/page.html", "title": item.title, "description": item.description}
    elif (listing := _list_pages.get(uri)) is not None:
        template = ("warta/archive.html" if listing.kind in {"arsip", "tahun"} else
                    "warta/directory.html" if listing.kind.startswith("daftar-") else "warta/list.html")
        meta = {"template": template, "title": listing.title, "description": listing.description}
    elif uri == "mitra-media/index.md":
        meta = {"template": "warta/partners.html", "title": "Untuk mitra media",
                "description": f"Umpan RSS, Atom dan JSON rilis {site.cfg.region} untuk media mitra"}
    elif uri == "cari/index.md":
        meta = {"template": "warta/search.html", "title": "Cari rilis",
                "description": f"Cari rilis dan berita {site.cfg.region}"}
    else:
        return markdown
    # Escaped once here (text is data): Material's own templates print meta values without
    # autoescaping, and Warta's autoescaping templates leave Markup as it is.
    page.meta = {key: value if key == "template" else escape(value) for key, value in meta.items()}
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _require_site()
    item = site.by_src.get(page.file.src_uri) or site.pages_by_src.get(page.file.src_uri)
    if item is not None:  # releases and pages: the same photos rule and the same sanitiser
        html = render.body_html(html, posixpath.dirname(item.src_uri), item.photos)
        if item.src_uri in site.by_src:
            _bodies[item.src_uri] = html
    return html


def _escapes(name: str | None) -> bool:
    """Warta's templates autoescape (release text is data, never markup); Material's keep
    MkDocs' default so its own templates render as they always do."""
    return bool(name) and (name.startswith(("warta/", "partials/warta-"))
                           or name in {"main.html", "404.html"})


def on_env(env, config: MkDocsConfig, files: Files):
    env.autoescape = _escapes
    env.filters.update(dateline=dates.dateline, long_date=dates.long_date,
                       short_date=dates.short_date, iso=dates.iso)
    env.globals["warta"] = _require_site()
    env.globals["material_css"] = _material_stylesheet(config)
    return env


def _material_stylesheet(config: MkDocsConfig) -> str:
    """Material's stylesheet (its name carries a hash) for Warta's own page frame, main.html."""
    for folder in config.theme.dirs:
        for found in sorted(Path(folder, "assets", "stylesheets").glob("main.*.min.css")):
            return f"assets/stylesheets/{found.name}"
    raise PluginError("Warta: stylesheet Material (assets/stylesheets/main.*.min.css) tidak ditemukan")


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    site = _require_site()
    if page.file.src_uri == "mitra-media/index.md":
        context["feed_groups"] = feeds.feed_groups(site)
    uri = page.file.src_uri
    if (release := site.by_src.get(uri)) is not None:
        context["release"] = release
        context["related"] = site.related.get(release.url, ())
        card = sharekit.card_entries(release, site.cfg.site_url)["tautan"]
        # Platforms cache a preview image by its URL: a correction (which always adds a note,
        # so moves `modified`) gives a new URL, and the corrected card is fetched again.
        context["og_image"] = {**card, "url": f"{card['url']}?v={release.modified:%Y%m%d%H%M}",
                               "alt": f"{release.title} ({site.cfg.site_name})"}
        images = [card["url"]]
        if release.image:
            images.insert(0, site.cfg.site_url + release.url + release.image.largest[2])
        blocks = [structured.news_article(release, site.cfg.site_url, site.cfg.site_name,
                                          site.cfg.region, images),
                  structured.claim_review(release, site.cfg.site_url, site.cfg.site_name)]
        context["jsonld"] = [structured.script_json(b) for b in blocks if b]
        context["share"] = share_links(site.cfg.site_url + release.url, sharekit.headline(release))
        repo = site.cfg.repo_url.rstrip("/")
        context["history"] = [{**row, "url": f"{repo}/commit/{row['commit'].sha}"
                               if repo and row["commit"] else None}
                              for row in timeline(release, _history.of(release.path))]
        context["history_url"] = (f"{repo}/commits/{site.cfg.repo_branch}/{release.path}"
                                  if repo and _history.of(release.path) else None)
    elif (listing := _list_pages.get(uri)) is not None:
        context["listing"] = listing
    if page.is_homepage:
        cfg = site.cfg
        context["jsonld"] = [structured.script_json(
            structured.website(cfg.site_url, cfg.site_name, cfg.region, cfg.description))]
    return context


def on_post_build(config: MkDocsConfig) -> None:
    site = _require_site()
    failed = []
    for uri, what, job in _jobs:
        try:
            failures = job.result() or []  # a batch reports its releases that failed
        except Exception as error:  # a photo that passed `check` but cannot be rendered
            failures = [(uri, str(error))]
        failed += [f"{site.cfg.docs_dir}/{src}: {what} ({message})" for src, message in failures]
    _jobs.clear()
    workers.stop_pool(_pool, kill=False)
    if failed:
        raise PluginError("\n".join(failed))
    out = Path(config.site_dir)
    lengths = {r.src_uri: (out / r.url / r.image.largest[2]).stat().st_size
               for r in site.releases if r.image}
    for path, data in feeds.site_feeds(site, _bodies, lengths).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    _bodies.clear()
    (out / "feeds.opml").write_bytes(feeds.opml(site))
    sitemap = outputs.sitemap(site)
    (out / "sitemap.xml").write_bytes(sitemap)
    (out / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap, mtime=0))
    (out / "sitemap-berita.xml").write_bytes(outputs.news_sitemap(site))
    (out / "robots.txt").write_bytes(outputs.robots(site))
    cards.render_site_card(sharekit.site_card_texts(site.cfg), str(out),
                           str(site.cfg.root / site.cfg.cache_dir / "kartu"))
    search.index(out, site.search_years)
    if site.cfg.editor:  # the web editor at /admin/ (noindex, not in the sitemap)
        try:
            write_admin(site.cfg, site.registries, out)
        except DecapError as error:
            raise PluginError(error.problem.format_text()) from None


def on_build_error(error: Exception) -> None:
    global _pool
    workers.stop_pool(_pool, kill=True)  # nothing of a failed build is kept: jobs are dropped
    _pool = None
    _jobs.clear()


def _require_site() -> Site:
    if _site is None:
        raise PluginError("Warta: konten belum dimuat (on_config tidak berjalan)")
    return _site

