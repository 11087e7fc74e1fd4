"""The web editor's folder, `/admin/`: Decap CMS from our own site, configured by Warta.

`write_admin(cfg, registries, out)` writes `index.html` (noindex, a Content-Security-Policy that
allows no host but this site and the Git host's API), `config.yml` (warta/editor.py), the
pinned Decap CMS files (warta/decap.py, hard-linked from the cache), Warta's script, locale and
styles (editor/), the theme's stylesheet for the preview and the logo. The build calls it from
`on_post_build`; `scripts/warta editor` calls it with the local backend's address.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import yaml
from markupsafe import escape

from . import decap
from .config import SiteConfig
from .editor import CONFIG_FILE, editor_config, repo_slug, site_settings
from .registry import Registries

ADMIN_DIR = "admin"
SCRIPTS = ("warta-awal.js", "locale-id.js", "warta-admin.js", "warta-admin.css", "warta-pratinjau.css")
GITHUB_API = "https://api.github.com"

PAGE = """<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>Editor rilis · {site_name}</title>
<link rel="icon" href="logo.svg">
<link rel="stylesheet" href="warta-admin.css">
<script type="application/json" id="warta-situs">{settings}</script>
</head>
<body>
<noscript>Editor rilis memerlukan JavaScript. Aktifkan JavaScript di peramban Anda.</noscript>
<script src="warta-awal.js"></script>
<script src="decap-cms.js"></script>
<script src="locale-id.js"></script>
<script src="warta-admin.js"></script>
</body>
</html>
"""


def csp(local: bool) -> str:
    """Only this site, and GitHub's API for the hosted editor. Decap compiles its config
    schema with `new Function` (ajv), hence 'unsafe-eval'; its styles are injected inline."""
    connect = "'self' blob: data:" + ("" if local else f" {GITHUB_API}")
    return ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob:; connect-src {connect}; frame-src 'self' blob:; "
            "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'")


def page(cfg: SiteConfig, *, local: bool) -> str:
    settings = json.dumps(site_settings(cfg), ensure_ascii=False, sort_keys=True)
    settings = settings.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return PAGE.format(csp=csp(local), site_name=escape(cfg.site_name), settings=settings)


def config_yaml(cfg: SiteConfig, registries: Registries, local_url: str | None = None) -> str:
    data = editor_config(cfg, registries, local_url=local_url)
    return ("# Dibuat oleh Warta dari warta/model.py dan " + cfg.registries + "; jangan diubah.\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def write_admin(cfg: SiteConfig, registries: Registries, out: Path, *,
                local_url: str | None = None) -> Path:
    """Write the editor into `out/admin/` and return that folder. Raises decap.DecapError when
    the pinned Decap files cannot be had (Indonesian message)."""
    if local_url is None and not repo_slug(cfg.repo_url):
        logging.getLogger("warta").warning(
            "Warta: extra.warta.repo_url bukan alamat repositori GitHub (https://github.com/pemilik/nama); "
            "editor web di /admin/ tidak bisa masuk ke repositori, hanya `scripts/warta editor` yang bisa dipakai")
    folder = Path(out) / ADMIN_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in decap.dist_files(cfg).items():
        _link(source, folder / name)
    for name in SCRIPTS:
        shutil.copyfile(decap.EDITOR_DIR / name, folder / name)
    theme = cfg.root / "theme" / "assets"
    shutil.copyfile(theme / "stylesheets" / "warta.css", folder / "warta.css")
    shutil.copyfile(theme / "images" / "logo.svg", folder / "logo.svg")
    (folder / CONFIG_FILE).write_text(config_yaml(cfg, registries, local_url), encoding="utf-8")
    (folder / "index.html").write_text(page(cfg, local=local_url is not None), encoding="utf-8")
    return folder


def _link(source: Path, target: Path) -> None:
    """Hard link from the cache (a warm build copies nothing), or a copy across file systems."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
