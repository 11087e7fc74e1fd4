"""The web editor's configuration (Decap CMS `config.yml`), generated from Warta's own model.

`editor_config(cfg, registries)` is a pure function: the release fields in the order of the
model (`FrontMatter`), required exactly where the model requires them, every length limit from
`model.LIMITS`, every choice from the model's `Literal` types and the registries. Labels and
hints (Bahasa Indonesia) are presentation only, kept here; no rule is written twice.

Widgets prefixed `warta-` are Warta's own (editor/warta-admin.js): `warta-teks` counts
characters as `check` does (spaces collapsed), `warta-waktu` writes dates in the site's zone
with their offset, `warta-bila` shows and validates a group only when it applies (the claim of a
klarifikasi, a photo once one is chosen, a withdrawal once it is started).
"""

from __future__ import annotations

import os
import types
import typing
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from babel.dates import get_day_names, get_month_names
from pydantic import BaseModel

from . import dates
from .config import INDONESIAN_ZONES, SiteConfig
from .model import COLLAPSED, LIMITS, NOT_PLAIN, TYPE_LABELS, VERDICT_LABELS, FrontMatter
from .registry import Registries
from .sharekit import LIMITS as SHARE_LIMITS

COLLECTION_FOLDER = "rilis"  # under the content folder
CONFIG_FILE = "config.yml"

#: Label and hint of every field, by its key path (lists as `updates[]`). Presentation only.
TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Judul", "Tulis seperti judul berita, bukan nama acara."),
    "date": ("Waktu terbit", "Waktu {zone} ({tz}). Waktu di masa depan berarti EMBARGO: rilis "
             "baru tampil di situs pada waktu itu."),
    "summary": ("Ringkasan", "Teks biasa, tanpa format. Tampil di beranda, umpan mitra media dan "
                "media sosial."),
    "category": ("Kategori", "Daftar kategori diatur di {registries}."),
    "unit": ("OPD penerbit", "Daftar OPD diatur di {registries}."),
    "type": ("Jenis rilis", "Kosong berarti Siaran Pers. Klarifikasi membuka isian klaim yang "
             "diperiksa."),
    "tags": ("Tanda", "Pisahkan dengan koma, mis. imunisasi, posyandu. Setiap tanda "
             "{lo}–{hi} karakter."),
    "image": ("Foto utama", "Foto disimpan di folder rilis ini. Teks alternatif dan kredit "
              "wajib bila ada foto."),
    "image.src": ("Foto", "JPEG atau PNG, paling besar {mb} MB."),
    "image.alt": ("Teks alternatif", "Jelaskan isi foto untuk pembaca tunanetra."),
    "image.credit": ("Kredit foto", "Fotografer atau sumber, mis. Diskominfo/Rudi."),
    "image.caption": ("Keterangan foto", "Mis. Bupati meresmikan jembatan, Senin (16/11/2026)."),
    "location": ("Tempat (dateline)", "Kosongkan untuk {location}."),
    "contact": ("Kontak media", "Daftar kontak diatur di {registries}."),
    "claim": ("Klaim yang diklarifikasi", "Wajib untuk jenis Klarifikasi."),
    "claim.text": ("Isi klaim", "Tulis klaim yang beredar apa adanya."),
    "claim.source": ("Sumber klaim", "Mis. pesan berantai WhatsApp."),
    "claim.verdict": ("Penilaian", ""),
    "draft": ("Draf (jangan terbitkan dulu)", "Selama dicentang, rilis tidak tampil di situs "
              "walaupun sudah digabung."),
    "updates": ("Catatan perubahan", "WAJIB saat mengubah rilis yang sudah terbit: tambahkan "
                "satu catatan bertanggal sekarang yang menjelaskan apa yang diperbaiki. "
                "Pemeriksaan (guard) di pull request menolak perubahan tanpa catatan."),
    "updates[].date": ("Waktu perubahan", "Setelah catatan sebelumnya, dan tidak di masa depan."),
    "updates[].note": ("Catatan", "Jelaskan apa yang diperbaiki."),
    "withdrawn": ("Penarikan rilis", "Isi hanya untuk menarik rilis yang sudah terbit. Rilis "
                  "tidak pernah dihapus; penarikan tidak bisa dibatalkan."),
    "withdrawn.date": ("Waktu penarikan", ""),
    "withdrawn.reason": ("Alasan penarikan", ""),
    "social": ("Teks media sosial", "Kosongkan agar teks dibuat otomatis dari judul "
               "dan ringkasan. Tautan rilis ditambahkan bila tidak ada."),
    "social.x": ("X", "Maksimal {x} karakter berbobot (tautan dihitung 23, emoji 2)."),
    "social.facebook": ("Facebook", "Maksimal {facebook} karakter."),
    "social.instagram": ("Instagram", "Maksimal {instagram} karakter."),
    "social.whatsapp": ("WhatsApp", "Maksimal {whatsapp} karakter."),
    "social.threads": ("Threads", "Maksimal {threads} karakter."),
    "social.telegram": ("Telegram", "Maksimal {telegram} karakter."),
    "social.hashtags": ("Tagar tambahan", "Pisahkan dengan koma, tanpa tanda #."),
    "body": ("Isi rilis", "Paragraf pembuka: siapa, apa, kapan, di mana, mengapa. Foto di "
             "dalam teks juga disimpan di folder rilis ini."),
}

#: Fields whose values come from a registry (slugs), by registry.
REGISTRY_FIELDS = {"category": "categories", "unit": "units", "contact": "contacts"}
#: Labels of the model's choices (the values themselves come from the Literal types).
CHOICE_LABELS = {"type": TYPE_LABELS, "claim.verdict": VERDICT_LABELS}
#: Multi-line text fields.
MULTILINE = {"summary", "image.caption", "claim.text", "updates[].note", "withdrawn.reason",
             "social.x", "social.facebook", "social.instagram", "social.whatsapp",
             "social.threads", "social.telegram"}
#: When an optional group is shown and checked: "type=klarifikasi", or "isi" (once any of its
#: fields is filled), or "isi:src" (once that field is filled).
CONDITIONS = {"image": "isi:src", "claim": "type=klarifikasi", "withdrawn": "isi"}
MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-two", "heading-three", "quote",
                    "bulleted-list", "numbered-list"]


def offset(moment: datetime) -> str:
    """The UTC offset of an aware moment as written in dates: `+07:00`."""
    text = moment.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


def site_offset(cfg: SiteConfig) -> str:
    """The site's offset now (`+07:00` for WIB; Indonesia's zones have no daylight saving)."""
    return offset(datetime.now(cfg.tz))


def site_settings(cfg: SiteConfig) -> dict[str, Any]:
    """What the editor's script needs of the site (zone, dateline place, names)."""
    now = datetime.now(cfg.tz)
    here = [now.astimezone(ZoneInfo(name)) for name in INDONESIAN_ZONES.values()]
    zones = {offset(moment): dates.zone_label(moment) for moment in here}  # "+08:00": "WITA"
    return {"site_name": cfg.site_name, "site_url": cfg.site_url, "timezone": cfg.timezone,
            "offset": offset(now), "zones": zones, "location": cfg.default_location,
            "types": TYPE_LABELS, "verdicts": VERDICT_LABELS,
            "days": [get_day_names("wide", locale="id")[i] for i in range(7)],  # Monday first
            "months": [get_month_names("wide", locale="id")[i] for i in range(1, 13)]}


def repo_slug(repo_url: str) -> str:
    """`owner/name` of a GitHub repository URL ('' when it is not one)."""
    url = repo_url.strip().removesuffix("/").removesuffix(".git")
    for prefix in ("https://github.com/", "http://github.com/", "git@github.com:"):
        if url.startswith(prefix):
            parts = url[len(prefix):].split("/")
            return "/".join(parts) if len(parts) == 2 and all(parts) else ""
    return ""


def editor_config(cfg: SiteConfig, registries: Registries, *,
                  local_url: str | None = None) -> dict[str, Any]:
    """Decap CMS configuration for the site: GitHub backend with the editorial workflow (every
    save a branch and a pull request), or the local proxy at `local_url` (`scripts/warta
    editor`)."""
    if local_url:
        backend: dict[str, Any] = {"name": "proxy", "proxy_url": local_url,
                                   "branch": cfg.repo_branch}
    else:
        backend = {"name": "github", "repo": repo_slug(cfg.repo_url) or "pemilik/repositori",
                   "branch": cfg.repo_branch, "squash_merges": False}
        if cfg.editor_auth_url:  # Decap signs in to GitHub through an OAuth helper (no token)
            backend["base_url"] = cfg.editor_auth_url.rstrip("/")
    backend["commit_messages"] = {
        "create": "Rilis baru: {{slug}}", "update": "Ubah rilis: {{slug}}",
        "delete": "Hapus: {{slug}}", "uploadMedia": "Unggah foto: {{path}}",
        "deleteMedia": "Hapus foto: {{path}}"}
    context = {"zone": dates.zone_label(datetime.now(cfg.tz)), "tz": cfg.timezone,
               "registries": cfg.registries, "location": cfg.default_location or "tempat bawaan situs",
               "mb": cfg.max_photo_mb, "lo": LIMITS["tags[]"][0], "hi": LIMITS["tags[]"][1],
               **SHARE_LIMITS}
    folder = f"{_relative(cfg.content_dir, cfg.root)}/{COLLECTION_FOLDER}"
    fields = _fields(FrontMatter, "", cfg, registries, context)
    fields.append(_field("body", cfg, context, widget="markdown", buttons=MARKDOWN_BUTTONS,
                         editor_components=["image"], modes=["rich_text"],
                         sanitize_preview=True, required=False))
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "id",
        "site_url": cfg.site_url,
        "display_url": cfg.site_url,
        "logo_url": "logo.svg",
        "show_preview_links": False,
        "media_folder": folder,
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [{
            "name": COLLECTION_FOLDER,
            "label": "Rilis",
            "label_singular": "rilis",
            "description": "Siaran pers, berita, pengumuman dan klarifikasi. Setiap simpanan "
                           "menjadi pull request yang ditinjau sebelum terbit.",
            "folder": folder,
            "path": "{{year}}/{{month}}/{{slug}}/index",
            "slug": "{{slug}}",
            "identifier_field": "title",
            "extension": "md",
            "format": "yaml-frontmatter",
            "create": True,
            "delete": False,  # a release is withdrawn, never deleted
            "media_folder": "",
            "public_folder": "",
            "summary": "{{title}} · {{fields.date | truncate(10, ' ')}}",
            "sortable_fields": [{"field": "date", "label": "Waktu terbit", "default_sort": "desc"},
                                {"field": "title", "label": "Judul"}],
            "view_filters": [
                {"label": "Klarifikasi", "field": "type", "pattern": "klarifikasi"},
                {"label": "Draf", "field": "draft", "pattern": True},
            ],
            "view_groups": [{"label": "Bulan", "field": "date", "pattern": r"\d{4}-\d{2}"}],
            "fields": fields,
        }],
    }


def _fields(model: type[BaseModel], prefix: str, cfg: SiteConfig, registries: Registries,
            context: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        default = None if info.is_required() else info.default
        out.append(_model_field(path, info.annotation, info.is_required(), default,
                                cfg, registries, context))
    return out


def _model_field(path: str, annotation: Any, required: bool, default: Any, cfg: SiteConfig,
                 registries: Registries, context: dict[str, Any]) -> dict[str, Any]:
    kind = _unwrap(annotation)
    extra: dict[str, Any] = {"required": required}
    if path in REGISTRY_FIELDS:
        entries = getattr(registries, REGISTRY_FIELDS[path])
        extra.update(widget="select", options=[{"label": e.name, "value": e.slug} for e in entries])
    elif typing.get_origin(kind) is Literal:
        labels = CHOICE_LABELS.get(path, {})
        extra.update(widget="select", options=[{"label": labels.get(v, v), "value": v}
                                               for v in typing.get_args(kind)])
    elif kind is datetime:
        extra.update(widget="warta-waktu", offset=site_offset(cfg), timezone=cfg.timezone,
                     zone=context["zone"])
        if path == "date":
            extra.update(default="{{now}}", folder_month=True)
    elif kind is bool:
        extra.update(widget="boolean")
    elif kind is str:
        extra.update(widget="warta-teks", multiline=path in MULTILINE, collapse=path in COLLAPSED)
        if (limits := LIMITS.get(path)) is not None:
            extra.update(min=limits[0], max=limits[1])
        if path == "summary":
            extra["plain"] = NOT_PLAIN
        if path == "image.src":
            extra.update(widget="image", choose_url=False,
                         media_library={"config": {"max_file_size": cfg.max_photo_mb * 1024 * 1024}})
    elif typing.get_origin(kind) is list:
        (item,) = typing.get_args(kind)
        if isinstance(item, type) and issubclass(item, BaseModel):
            extra.update(widget="list", label_singular="catatan",
                         fields=_fields(item, f"{path}[].", cfg, registries, context))
        elif (limits := LIMITS.get(f"{path}[]")) is not None:
            lo, hi = limits  # each item, stripped, lo..hi characters; empty items are dropped
            one = rf"\s*(?:[^,\s][^,]{{{lo - 2},{hi - 2}}}[^,\s])?\s*"
            extra.update(widget="list", min_each=lo, max_each=hi,
                         pattern=[f"^{one}(?:,{one})*$",
                                  f"setiap tanda {lo}–{hi} karakter, dipisah koma"])
        else:
            extra.update(widget="list")
    elif isinstance(kind, type) and issubclass(kind, BaseModel):
        sub = _fields(kind, f"{path}.", cfg, registries, context)
        if path in CONDITIONS:
            extra.update(widget="warta-bila", when=CONDITIONS[path], fields=sub)
        else:
            extra.update(widget="object", collapsed=True, fields=sub)
    else:
        raise TypeError(f"no editor widget for {path}: {annotation!r}")
    if default not in (None, "", [], False) and not isinstance(default, BaseModel):
        extra["default"] = default  # `type`: filled in for a new release; empty means the default
    return _field(path.rsplit(".", 1)[-1].removesuffix("[]"), cfg, context, key=path, **extra)


def _field(name: str, cfg: SiteConfig, context: dict[str, Any], *, key: str | None = None,
           **options: Any) -> dict[str, Any]:
    label, hint = TEXTS[key or name]
    field = {"name": name, "label": label}
    if hint:
        field["hint"] = hint.format(**context)
    field.update(options)
    return field


def _relative(path: Path, root: Path) -> str:
    """A folder as the repository sees it (MkDocs hands the hooks an absolute `docs_dir`)."""
    return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def _unwrap(annotation: Any) -> Any:
    """`X | None` to `X`; `str | InlineContact | None` to `str` (the registry slug)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return str if str in args else args[0]
    return annotation
