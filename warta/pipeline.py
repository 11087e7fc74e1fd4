"""Warta's build pipeline: load → collect → render bodies → page views → stage → engine →
outputs.

The engine (MkDocs) reads only the staging folder, which holds only what is public now: a
plain `mkdocs build` or another engine reading `mkdocs.yml` finds nothing there (Warta stages
into a temporary folder per build). Bodies are rendered once per build by Warta; the engine
only fills templates. After one change, a build re-renders only the pages whose view key
changed and reuses every other file of the previous site, byte for byte.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import importlib.metadata
import json
import os
import posixpath
import re
import shutil
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import yaml

from . import bodies, cards, charts, feeds, outputs, photos, report, search, sharekit, views, workers
from .config import SiteConfig, now, preview_mode
from .filecache import link_file
from .history import History, read_history
from .load import Content, load_content
from .model import Release
from .problems import ContentError
from .site import Site, collect

KEY = "_warta_build"  # where the build travels in MkDocs' config (config.extra)
_CODE_DIRS = ("warta", "hooks", "theme")


@dataclass
class Build:
    """Everything one build computed, handed to the engine's hooks (no module state there)."""

    cfg: SiteConfig
    site: Site
    history: History
    bodies: dict[str, str]  # final body HTML by src_uri (releases and pages)
    views: dict[str, views.PageView]  # every page, by its staged file
    site_key: str
    pool: ProcessPoolExecutor | None = None
    jobs: list[tuple[str, str, Future]] = field(default_factory=list)
    reuse: Previous | None = None  # the previous site, when this build may take files from it
    staged: set[str] = field(default_factory=set)  # pages the engine renders this time
    staging: Path | None = None  # removed after the build when Warta made it
    reports: dict[str, report.Report] = field(default_factory=dict)  # by page URL
    metas: dict[str, str] = field(default_factory=dict)  # release URL -> views.meta_digests

    def view(self, src_uri: str) -> views.PageView | None:
        return self.views.get(src_uri)


@dataclass
class Previous:
    """What the site being replaced holds, from the manifest of the build that made it."""

    folder: Path
    pages: dict[str, str]  # src_uri -> view key
    photos: dict[str, str]  # src_uri of a photo -> its signature (stat and renditions)
    shares: dict[str, str]  # release url -> share kit key
    years: dict[str, str]  # year -> key of its search index
    reports: dict[str, str] = field(default_factory=dict)  # report URL -> key of its files


def code_version(cfg: SiteConfig) -> str:
    """A hash of what decides how pages look: Warta's code, hooks and theme, mkdocs.yml, and
    the versions of MkDocs, Material and Markdown."""
    digest = hashlib.sha256()
    for package in ("mkdocs", "mkdocs-material", "markdown", "jinja2"):
        digest.update(importlib.metadata.version(package).encode())
    digest.update((cfg.root / "mkdocs.yml").read_bytes())
    for folder in _CODE_DIRS:
        base = cfg.root / folder if folder != "warta" else Path(__file__).parent
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def prepare(cfg: SiteConfig, markdown_config, *, content: Content | None = None,
            clock: datetime | None = None, preview: bool | None = None) -> Build:
    """Load (unless `content` is given), collect what is public at `clock`, render every
    body (cached, on all cores) and make every page's view. Raises ContentError."""
    clock = clock or now(cfg.tz)
    content = content if content is not None else load_content(cfg, clock=clock)
    if content.problems:
        raise ContentError(content.problems)
    site = collect(content, cfg, clock, preview=preview_mode() if preview is None else preview)
    history = read_history(cfg.root, cfg.docs_dir + "/rilis")
    pool = workers.start_pool()
    try:
        rendered = bodies.render_all([*site.releases, *site.pages], markdown_config,
                                     cfg.root / cfg.cache_dir / "html", pool)
    except BaseException:
        workers.stop_pool(pool, kill=True)
        raise
    key = views.site_key(site, code_version(cfg))
    reports = report.all_reports(site, history)
    metas = views.meta_digests(site)
    return Build(cfg, site, history, rendered, views.all_views(site, rendered, history, key, reports, metas),
                 key, pool=pool, reports=reports, metas=metas)


# --- Staging ------------------------------------------------------------------------------

def stage(build: Build, folder: Path, only: set[str] | None = None) -> None:
    """Write the pages to render into `folder`: each a Markdown file whose front matter holds
    its title and description and whose body is Warta's HTML (any engine shows it with its own
    templates; Warta's hook hands MkDocs the same HTML, and its template, without parsing)."""
    build.staged = set(build.views) if only is None else set(only)
    for src in sorted(build.staged):
        view = build.views[src]
        path = folder / src
        path.parent.mkdir(parents=True, exist_ok=True)
        head = yaml.safe_dump({"title": view.title, "description": view.description},
                              allow_unicode=True, width=10_000)
        body = _hero(build.site.by_src.get(src)) + view.body if view.body else _link_list(build.site, view)
        path.write_text(f"---\n{head}---\n\n{body}\n", encoding="utf-8")


def _hero(release: Release | None) -> str:
    """A release's hero photo as a figure, for an engine without Warta's release template."""
    if release is None or release.image is None:
        return ""
    w, h, name = release.image.largest
    caption = " ".join(filter(None, [release.image.caption, f"Foto: {release.image.credit}"]))
    return (f'<figure><img src="{_esc(name)}" alt="{_esc(release.image.alt)}" width="{w}" '
            f'height="{h}"><figcaption>{_esc(caption)}</figcaption></figure>\n')


def _link_list(site: Site, view: views.PageView) -> str:
    """A plain list of a list page's releases, for an engine without Warta's templates."""
    listing = view.variables().get("listing")
    items = listing.items if listing is not None else ()
    depth = "../" * view.url.count("/")
    rows = "".join(f'<li><a href="{depth}{r.url}">{_esc(r.title)}</a></li>' for r in items)
    return f"<ul>{rows}</ul>" if rows else ""


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def export(build: Build, folder: Path) -> None:
    """The whole staging folder for another engine: every page, and the photos' renditions
    (re-encoded, from the cache; never an original)."""
    stage(build, folder)
    cache = str(build.cfg.root / build.cfg.cache_dir / "photos")
    for a in build.site.photos():
        photos.render(str(build.cfg.content_dir / a.src_uri), a.files,
                      str(folder / posixpath.dirname(a.src_uri)), cache, None)


# --- Outputs besides pages ----------------------------------------------------------------

def start_outputs(build: Build, site_dir: Path) -> None:
    """Photo renditions and share kits, in the worker pool while the engine renders pages;
    what the previous site already holds is linked from it instead. A hero photo whose
    release's cards are drawn too has its renditions made in the same job, from one decode."""
    cfg, site = build.cfg, build.site
    todo = [r for r in site.releases
            if not (build.reuse and build.reuse.shares.get(r.url) == _share_key(build, r) and
                    _link_from(build.reuse.folder, site_dir, r.url.rstrip("/"),
                               sharekit.share_names(r, cfg.site_name)))]
    drawn = {posixpath.join(posixpath.dirname(r.src_uri), r.image.src): r.src_uri for r in todo if r.image}
    heroes = {}  # release src_uri -> photos.render arguments of its hero photo
    cache = str(cfg.root / cfg.cache_dir / "photos")
    for item in (*site.releases, *site.pages):
        linked = _linked_files(build.bodies.get(item.src_uri, ""))
        for a in item.photos:
            out_dir = site_dir / posixpath.dirname(a.src_uri)
            name = posixpath.basename(a.src_uri)
            # A JPEG the body links to by its own name (`[unduh](foto.jpg)`) is published under
            # that name too (the JPEG rendition); no other file of the bundle ever is.
            also = name if name in linked and photos.published_as_itself(name) else None
            names = [n for _, _, n in a.files] + ([also] if also else [])
            if build.reuse and build.reuse.photos.get(a.src_uri) == _photo_signature(cfg, a) and \
                    _link_from(build.reuse.folder, site_dir, posixpath.dirname(a.src_uri), names):
                continue
            args = (str(cfg.content_dir / a.src_uri), a.files, str(out_dir), cache, also)
            if a.src_uri in drawn:
                heroes[drawn[a.src_uri]] = args
                continue
            build.jobs.append((a.src_uri, "foto gagal diproses", build.pool.submit(photos.render, *args)))
    cards_cache = str(cfg.root / cfg.cache_dir / "kartu")
    for batch in sharekit.share_batches(todo):
        build.jobs.append(("", "kartu bagikan gagal dibuat", build.pool.submit(
            sharekit.share_batch, batch, cfg.site_url, cfg.site_name, cfg.hashtags,
            site.registries.acronyms, str(site_dir), cards_cache,
            {r.src_uri: heroes[r.src_uri] for r in batch if r.src_uri in heroes})))
    for url, rep in build.reports.items():  # charts and downloads, keyed by the figures
        if build.reuse and build.reuse.reports.get(url) == _report_key(build, rep) and \
                _link_from(build.reuse.folder, site_dir, url.rstrip("/"), rep.files):
            continue
        build.jobs.append(("", "grafik laporan gagal dibuat", build.pool.submit(
            charts.write_report, rep, str(site_dir / url))))


_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')


def _linked_files(html: str) -> set[str]:
    """The file names a body's links end in (as `check` reads them: unescaped, no query or
    fragment, percent-decoded)."""
    if "href=" not in html:
        return set()
    return {posixpath.basename(unquote(htmllib.unescape(href).split("#")[0].split("?")[0]))
            for href in _HREF.findall(html)}


def _link_from(previous: Path, site_dir: Path, folder: str, names) -> bool:
    """Hard-link `names` of `folder` from the previous site; False (nothing done) when one is
    missing there. Plain strings and system calls: it runs for every photo and release."""
    source, target = os.path.join(previous, folder), os.path.join(site_dir, folder)
    if not all(os.path.isfile(os.path.join(source, n)) for n in names):
        return False
    os.makedirs(target, exist_ok=True)
    for name in names:
        link_file(os.path.join(source, name), os.path.join(target, name))
    return True


def finish(build: Build, site_dir: Path) -> None:
    """After the engine: reused pages linked in, workers' results collected (a failure names
    its file), then feeds, sitemaps, robots.txt, the site card, search and the editor."""
    from mkdocs.exceptions import PluginError

    cfg, site = build.cfg, build.site
    if build.reuse:
        made: set[str] = set()
        for src, view in build.views.items():
            if src not in build.staged:
                folder = os.path.join(site_dir, view.url)
                if folder not in made:
                    os.makedirs(folder, exist_ok=True)
                    made.add(folder)
                link_file(os.path.join(build.reuse.folder, view.dest), os.path.join(site_dir, view.dest))
    failed = []
    for uri, what, job in build.jobs:
        try:
            failures = job.result() or []  # a batch reports its releases that failed
        except Exception as error:  # a photo that passed `check` but cannot be rendered
            failures = [(uri, str(error))]
        failed += [f"{cfg.docs_dir}/{src}: {what} ({message})" for src, message in failures]
    build.jobs.clear()
    workers.stop_pool(build.pool, kill=False)
    build.pool = None
    if failed:
        raise PluginError("\n".join(failed))
    lengths = {r.src_uri: (site_dir / r.url / r.image.fallback[2]).stat().st_size
               for r in site.releases if r.image}
    files = dict(feeds.site_feeds(site, build.bodies, lengths))
    files["feeds.opml"] = feeds.opml(site)
    files.update(outputs.site_files(site))
    for path, data in files.items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_bytes(data)
    cards.render_site_card(sharekit.site_card_texts(cfg), str(site_dir), str(cfg.root / cfg.cache_dir / "kartu"))
    years = _search_keys(build)
    fresh = [y for y in site.search_years if not (build.reuse and build.reuse.years.get(y) == years[y]
                                                  and (build.reuse.folder / "pagefind" / y).is_dir())]
    for year in set(site.search_years) - set(fresh):
        shutil.copytree(build.reuse.folder / "pagefind" / year, site_dir / "pagefind" / year,
                        copy_function=link_file)
    search.index(site_dir, fresh)
    if cfg.editor:
        from .admin import write_admin
        from .decap import DecapError

        try:
            write_admin(cfg, site.registries, site_dir)
        except DecapError as error:
            raise PluginError(error.problem.format_text()) from None


def abort(build: Build | None) -> None:
    """A failed or interrupted build: the workers stop at once, queued jobs are dropped."""
    if build is not None:
        workers.stop_pool(build.pool, kill=True)
        build.pool = None
        build.jobs.clear()


# --- Keys of what a build may reuse --------------------------------------------------------

def _photo_signature(cfg: SiteConfig, attachment) -> str:
    return f"{_stat(cfg.content_dir / attachment.src_uri)}:{attachment.files!r}"


def _stat(path: Path) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def _share_key(build: Build, release: Release) -> str:
    """What a release's cards and share.json are made of: the release without its body and its
    clippings (the kit shows neither), its photo's file (by its stat: unchanged since the last
    build) and the site key."""
    photo = _stat(Path(release.image.source)) if release.image else ""
    text = f"{build.site_key}|{photo}|{build.metas[release.url]}"
    return hashlib.sha256(text.encode()).hexdigest()


def _report_key(build: Build, rep: report.Report) -> str:
    return hashlib.sha256(f"{build.site_key}|{rep!r}".encode("utf-8", "surrogatepass")).hexdigest()


def _search_keys(build: Build) -> dict[str, str]:
    keys: dict[str, list[str]] = {}
    for r in build.site.releases:
        keys.setdefault(f"{r.date:%Y}", []).append(build.views[r.src_uri].key)
    return {y: hashlib.sha256("|".join(sorted(k)).encode()).hexdigest() for y, k in keys.items()}


def manifest(build: Build, site_dir: Path) -> dict:
    """What the next build needs to reuse this site's files."""
    marker = os.stat(site_dir / _marker())
    return {"site_key": build.site_key, "marker": [marker.st_ino, marker.st_mtime_ns],
            "pages": {src: v.key for src, v in build.views.items()},
            "photos": {a.src_uri: _photo_signature(build.cfg, a) for a in build.site.photos()},
            "shares": {r.url: _share_key(build, r) for r in build.site.releases},
            "years": _search_keys(build),
            "reports": {url: _report_key(build, rep) for url, rep in build.reports.items()}}


def _marker() -> str:
    from .sitedir import MARKER

    return MARKER


def _manifest_path(cfg: SiteConfig, target: Path) -> Path:
    name = hashlib.sha256(str(target.resolve()).encode()).hexdigest()[:16]
    return cfg.root / cfg.cache_dir / "build" / f"{name}.json"


def save_manifest(build: Build, target: Path) -> None:
    path = _manifest_path(build.cfg, target)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(manifest(build, target)), encoding="utf-8")
    os.replace(tmp, path)


def previous(build: Build, target: Path) -> Previous | None:
    """The site at `target` as the last build left it, when this build can reuse its files:
    same site key, and the folder is still the one that build made (its marker unchanged)."""
    try:
        data = json.loads(_manifest_path(build.cfg, target).read_text(encoding="utf-8"))
        marker = os.stat(target / _marker())
    except (OSError, ValueError):
        return None
    if data.get("site_key") != build.site_key or data.get("marker") != [marker.st_ino, marker.st_mtime_ns]:
        return None
    return Previous(target, data["pages"], data["photos"], data["shares"], data["years"],
                    data.get("reports", {}))


def to_render(build: Build) -> set[str]:
    """The pages whose view changed since the previous site (all of them without one)."""
    if build.reuse is None:
        return set(build.views)
    return {src for src, v in build.views.items()
            if build.reuse.pages.get(src) != v.key or not (build.reuse.folder / v.dest).is_file()}


# --- The whole build, for the CLI, `serve` and the bench --------------------------------------

def run(cfg: SiteConfig, out_dir: Path, *, content: Content | None = None, reuse_from: Path | None = None,
        clock: datetime | None = None, preview: bool | None = None) -> Build:
    """Build the site into the empty folder `out_dir` with MkDocs; when `reuse_from` holds the
    site this build replaces, only what changed is rendered again. Raises ContentError for
    content problems and MkDocs' errors for the rest."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    staging = Path(tempfile.mkdtemp(prefix="tahap-", dir=_work(cfg)))
    build = None
    try:
        config = load_config(str(cfg.root / "mkdocs.yml"), docs_dir=str(staging),
                             site_dir=str(out_dir), strict=True)
        build = prepare(cfg, bodies.settings(config.markdown_extensions, config.mdx_configs),
                        content=content, clock=clock, preview=preview)
        build.staging = staging
        build.reuse = previous(build, reuse_from) if reuse_from is not None else None
        stage(build, staging, to_render(build))
        config.extra[KEY] = build
        mkdocs_build(config)
        return build
    except BaseException:
        abort(build)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _work(cfg: SiteConfig) -> Path:
    folder = cfg.root / cfg.cache_dir / "tahap"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
