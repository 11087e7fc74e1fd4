"""Bodies rendered by Warta, once per build: Markdown to the HTML that goes on the page.

Warta renders every release and page body itself, with the Markdown extensions of
`mkdocs.yml`, in worker processes, and keeps the result in a cache keyed by a hash of the
body, its photos, the settings and this code. The engine only puts the HTML into its
templates; feeds, share kits and search use the same HTML.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import markdown as md

from . import render
from .model import Attachment

#: MkDocs always adds these before the extensions named in mkdocs.yml.
MKDOCS_DEFAULTS = ("toc", "tables", "fenced_code")
_INDEX_LINK = re.compile(r'(<a\b[^>]*?\shref=")((?![a-z][a-z0-9+.-]*:|/|#)[^"#]*?)index\.md(#[^"]*)?"')
_CODE = Path(__file__).parent
BATCH = 40  # bodies per worker job


def settings(extensions: Sequence[Any], configs: Mapping[str, Any] | None = None) -> tuple[tuple[str, ...], str]:
    """The extensions (as mkdocs.yml names them: strings, or one-key mappings with options)
    and their options as JSON: hashable, picklable, the same in every process."""
    names: list[str] = list(MKDOCS_DEFAULTS)
    options: dict[str, Any] = dict(configs or {})
    for entry in extensions:
        name, opts = (next(iter(entry.items())) if isinstance(entry, Mapping) else (entry, None))
        if name not in names:
            names.append(name)
        if opts:
            options[name] = opts
    return tuple(names), json.dumps(options, sort_keys=True, default=str)


def to_html(body: str, config: tuple[tuple[str, ...], str]) -> str:
    """One body as HTML, links to another page's `index.md` turned into its address."""
    names, options = config
    html = md.markdown(body, extensions=list(names), extension_configs=json.loads(options))
    return _INDEX_LINK.sub(lambda m: f'{m.group(1)}{m.group(2)}{m.group(3) or ""}"', html)


def _render_batch(config, items: list[tuple[str, str, str, tuple]]) -> list[tuple[str, str]]:
    """Worker job: (key, final HTML) for each (key, body, bundle folder, photos)."""
    return [(key, render.body_html(to_html(body, config), folder, photos))
            for key, body, folder, photos in items]


def _code_version() -> str:
    digest = hashlib.sha256(importlib.metadata.version("markdown").encode())
    for name in ("bodies.py", "render.py", "bodycheck.py", "visibility.py"):
        digest.update((_CODE / name).read_bytes())
    return digest.hexdigest()[:16]


def key(body: str, folder: str, photos: tuple[Attachment, ...], config, version: str) -> str:
    digest = hashlib.sha256(version.encode())
    for part in (repr(config), folder, repr(photos), body):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def render_all(items: Iterable, config, cache_dir: Path | None, pool: Executor | None) -> dict[str, str]:
    """Final body HTML by src_uri for releases and pages (`items`): from the cache when it
    has it, else rendered (in `pool` when given) and stored."""
    version = _code_version()
    todo: list[tuple[str, str, str, tuple]] = []
    keys: dict[str, str] = {}
    found: dict[str, str] = {}
    for item in items:
        folder = os.path.dirname(item.src_uri)
        k = keys[item.src_uri] = key(item.body, folder, item.photos, config, version)
        cached = cache_dir / k[:2] / f"{k}.html" if cache_dir else None
        if cached is not None and cached.exists():
            found[k] = cached.read_text(encoding="utf-8")
        else:
            todo.append((k, item.body, folder, item.photos))
    batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
    results = (pool.map(_render_batch, [config] * len(batches), batches) if pool and len(batches) > 1
               else map(_render_batch, [config] * len(batches), batches))
    for batch in results:
        for k, html in batch:
            found[k] = html
            if cache_dir:
                _store(cache_dir / k[:2], f"{k}.html", html)
    return {src: found[k] for src, k in keys.items()}


def _store(folder: Path, name: str, html: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, folder / name)
