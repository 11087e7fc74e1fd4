"""MkDocs hooks: thin glue. MkDocs fills Warta's templates with what Warta's pipeline computed
(`warta.pipeline.Build`, carried in MkDocs' config); no rules and no state live here."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the `warta` package

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from warta import bodies, dates, pipeline, sitedir, workers
from warta.config import SiteConfig
from warta.problems import ContentError

log = logging.getLogger("warta")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        cfg = SiteConfig.from_mapping(Path(config.config_file_path).parent, config)
    except ContentError as error:  # wrong settings in mkdocs.yml: every one, in Indonesian
        raise PluginError(error.summary()) from None
    if (refused := sitedir.refusal(config.site_dir, cfg)) is not None:  # before MkDocs empties it
        raise PluginError(refused.format_text())
    build = config.extra.get(pipeline.KEY)
    if build is None:  # a plain `mkdocs build`: Warta stages into a folder of its own first
        try:
            build = pipeline.prepare(cfg, bodies.settings(config.markdown_extensions, config.mdx_configs))
        except ContentError as error:  # before anything is written: an old site stays as it was
            raise PluginError(error.summary()) from None
        build.staging = Path(tempfile.mkdtemp(prefix="warta-tahap-"))
        pipeline.stage(build, build.staging)
        config.docs_dir, config.extra[pipeline.KEY] = str(build.staging), build
    sitedir.mark(config.site_dir)
    for path in build.site.scrubbed:  # `check` refuses these; a build hides them rather than fail
        log.warning(f"Warta: {path} menautkan rilis yang belum terbit; tautan itu tidak ditampilkan")
    if build.history.warning:  # a shallow clone still builds a correct site
        log.warning(f"Warta: {build.history.warning}")
    return config


def on_files(files, config: MkDocsConfig):
    pipeline.start_outputs(_build(config), Path(config.site_dir))
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    # The body is Warta's HTML (on_page_content): nothing for MkDocs to read or parse.
    return "" if _build(config).view(page.file.src_uri) else None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    if (view := _build(config).view(page.file.src_uri)) is not None:
        # Escaped once here (text is data): Material prints meta values without autoescaping;
        # Warta's autoescaping templates leave Markup as it is.
        page.meta = {"template": view.template, "title": escape(view.title),
                     "description": escape(view.description)}
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    view = _build(config).view(page.file.src_uri)
    return Markup(view.body) if view is not None else html


def _escapes(name: str | None) -> bool:  # Warta's templates autoescape; Material's keep MkDocs' default
    return bool(name) and (name.startswith(("warta/", "partials/warta-")) or name in {"main.html", "404.html"})


def on_env(env, config: MkDocsConfig, files):
    from warta.views import globals_for

    env.autoescape = _escapes
    env.filters.update(dateline=dates.dateline, long_date=dates.long_date,
                       short_date=dates.short_date, iso=dates.iso)
    env.globals["warta"] = globals_for(_build(config).site)
    env.globals["material_css"] = _material_stylesheet(config)
    return env


def _material_stylesheet(config: MkDocsConfig) -> str:
    """Material's stylesheet (its name carries a hash) for Warta's own page frame, main.html."""
    for folder in config.theme.dirs:
        for found in sorted(Path(folder, "assets", "stylesheets").glob("main.*.min.css")):
            return f"assets/stylesheets/{found.name}"
    raise PluginError("Warta: stylesheet Material (assets/stylesheets/main.*.min.css) tidak ditemukan")


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    if (view := _build(config).view(page.file.src_uri)) is not None:
        context.update(view.variables())
    return context


def on_post_build(config: MkDocsConfig) -> None:
    build = _build(config)
    try:
        pipeline.finish(build, Path(config.site_dir))
    finally:  # the staging folder a plain `mkdocs build` made (the CLI removes its own)
        if build.staging is not None and Path(config.docs_dir) == build.staging:
            shutil.rmtree(build.staging, ignore_errors=True)


def on_build_error(error: Exception) -> None:
    workers.stop_all()  # MkDocs gives no config here; nothing of a failed build is kept


def _build(config: MkDocsConfig) -> pipeline.Build:
    build = config.extra.get(pipeline.KEY)
    if build is None:
        raise PluginError("Warta: build belum disiapkan (on_config tidak berjalan)")
    return build
